/**
 * How far V8 lets the old generation grow past what survived its last full
 * collection. V8 scales it with its heap limit (a quarter of the host's
 * memory by default): about 1.3–1.6 times up to a 1 GB limit, up to four
 * times from 2 GB, for throughput. On such a host an idle agent with 10,000
 * sensors climbed from 190 to 430 MB between collections, since every
 * sample leaves its predecessor's instances behind as garbage. Bounding the
 * factor all the time costs a busy broker 10–40 % more CPU per response
 * (bench/README.md). So the factor is bounded only while the broker is
 * quiet, to V8's own factor for memory-constrained heaps (1.3, what
 * Chrome's background tabs get), and left to V8 under load. V8 reads it at
 * each full collection. The flag is the process's: one policy per process.
 */
import { setFlagsFromString } from 'node:v8';

/** Growth past the live old generation while quiet: 1.3 times. */
export const QUIET_GROWING_PERCENT = 30;
/** Requests are counted over windows of this length… */
export const WINDOW_MS = 10_000;
/** …and from this many in one window the broker is busy: polls and scrapes stay below it. */
export const BUSY_REQUESTS = 50;

const FLAG = /^--heap[-_]growing[-_]percent(=|$)/;

/** Whether the operator started node with its own heap growing factor (Node refuses it in NODE_OPTIONS): then thincim leaves it alone. */
export function operatorSetHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  return execArgv.some((arg) => FLAG.test(arg));
}

/** 0 gives the choice back to V8. */
function setGrowingPercent(percent: number): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}

export class HeapGrowthPolicy {
  #requests = 0;
  #quiet: boolean | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly setPercent: (percent: number) => void = setGrowingPercent) {}

  /**
   * Counts a request (the listener of each server's 'request' event, so the
   * hot path pays an increment): the window's BUSY_REQUESTS-th makes the
   * broker busy at once, so that a burst is served with V8's own factor.
   */
  readonly count = (): void => {
    if (++this.#requests === BUSY_REQUESTS) this.#set(false);
  };

  /** Quiet from the start (start-up builds the first model), then judged every WINDOW_MS. */
  start(): void {
    this.tick();
    this.#timer = setInterval(() => this.tick(), WINDOW_MS).unref();
  }

  /** Stops judging, and gives the factor back to V8 if the policy had set it. */
  stop(): void {
    clearInterval(this.#timer);
    if (this.#quiet === true) this.setPercent(0);
    this.#quiet = undefined;
  }

  /** Ends a window: a window with fewer than BUSY_REQUESTS requests makes the broker quiet. */
  tick(): void {
    if (this.#requests < BUSY_REQUESTS) this.#set(true);
    this.#requests = 0;
  }

  #set(quiet: boolean): void {
    if (quiet === this.#quiet) return;
    this.#quiet = quiet;
    this.setPercent(quiet ? QUIET_GROWING_PERCENT : 0);
  }
}
