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
 * each full collection.
 *
 * The young generation likewise: V8 doubles it (up to 2 × 16 MB) whenever
 * as much as it holds has survived since it last grew, and a sample of
 * 10,000 sensors leaves 10 MB of new instances each time, so it stays at
 * its largest; V8 shrinks it when allocation slows down, and it grows again
 * at the next sample. While quiet it does not grow (a growth factor of 1):
 * what V8 shrinks stays shrunk. `thincim serve` is quiet from before its
 * modules load (quietFromStart): loading them and building the first model
 * would grow it to 2 × 4 MB, which an idle agent keeps (3–4 MB of RSS).
 * That is V8 11 (Node.js 20), at run time: given on the command line, V8
 * raises a factor below 2 to 2 when it sets up the heap, and a later V8 may
 * do so at run time too, and then the young generation grows as V8 likes
 * (test/ops/heap-growth.test.ts checks it on the V8 it runs on). The flags
 * are the process's: one policy per process.
 */
import { setFlagsFromString } from 'node:v8';

/** The flags the policy sets (V8 reads both at run time). */
export interface HeapGrowth {
  /** --heap-growing-percent: the old generation's growth past what survived its last full collection; 0 leaves it to V8. */
  readonly growingPercent: number;
  /** --semi-space-growth-factor: how much the young generation grows at once; 1 keeps it as it is. */
  readonly semiSpaceGrowthFactor: number;
}

/** Growth past the live old generation while quiet: 1.3 times. */
export const QUIET_GROWING_PERCENT = 30;
/** While quiet: the old generation bounded, the young one not grown. */
export const QUIET: HeapGrowth = Object.freeze({ growingPercent: QUIET_GROWING_PERCENT, semiSpaceGrowthFactor: 1 });
/** Under load: V8's own choices (2 is V8's default growth factor of the young generation). */
export const V8_OWN: HeapGrowth = Object.freeze({ growingPercent: 0, semiSpaceGrowthFactor: 2 });
/** Requests are counted over windows of this length… */
export const WINDOW_MS = 10_000;
/** …and from this many in one window the broker is busy: polls and scrapes stay below it. */
export const BUSY_REQUESTS = 50;

const FLAG = /^--(heap[-_]growing[-_]percent|semi[-_]space[-_]growth[-_]factor)(=|$)/;

/** Whether the operator started node with either growth flag of its own (Node refuses them in NODE_OPTIONS): then thincim leaves both alone. */
export function operatorSetHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  return execArgv.some((arg) => FLAG.test(arg));
}

function setGrowth({ growingPercent, semiSpaceGrowthFactor }: HeapGrowth): void {
  setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
  setFlagsFromString(`--semi-space-growth-factor=${semiSpaceGrowthFactor}`);
}

/**
 * The quiet choices, set before `thincim serve` loads the broker's modules
 * (the policy it starts later keeps them while quiet), unless the operator
 * set either flag.
 */
export function quietFromStart(execArgv: readonly string[] = process.execArgv, apply: (growth: HeapGrowth) => void = setGrowth): void {
  if (!operatorSetHeapGrowth(execArgv)) apply(QUIET);
}

export class HeapGrowthPolicy {
  #requests = 0;
  #quiet: boolean | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly apply: (growth: HeapGrowth) => void = setGrowth) {}

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

  /** Stops judging, and gives the choices back to V8 if the policy had made them. */
  stop(): void {
    clearInterval(this.#timer);
    if (this.#quiet === true) this.apply(V8_OWN);
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
    this.apply(quiet ? QUIET : V8_OWN);
  }
}
