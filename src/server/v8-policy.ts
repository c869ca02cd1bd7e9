/**
 * What V8 may spend memory on, by what the broker is doing. Three choices,
 * each a V8 flag that V8 reads at run time, and each costly only when the
 * broker works hard, so each is given back to V8 then; and one collection
 * each time the broker becomes idle:
 *
 * - The old generation's growth past what survived its last full
 *   collection (--heap-growing-percent). V8 scales it with its heap limit (a
 *   quarter of the host's memory by default): about 1.3–1.6 times up to a
 *   1 GB limit, up to four times from 2 GB, for throughput. On such a host an
 *   idle agent with 10,000 sensors climbed from 190 to 430 MB between
 *   collections, since every sample leaves its predecessor's instances
 *   behind as garbage. Bounded to 1.3 (V8's own factor for
 *   memory-constrained heaps) unless busy: bounding it all the time costs a
 *   busy broker 7–40 % more CPU per response (bench/README.md, fifth and
 *   twelfth rounds).
 * - The young generation's growth (--semi-space-growth-factor). V8 doubles
 *   it (up to 2 × 16 MB) whenever as much as it holds has survived since it
 *   last grew; a sample of 10,000 sensors leaves 10 MB of new instances each
 *   time, so it stays at its largest. V8 shrinks it when allocation slows
 *   down; at a factor of 1 it does not grow again. Loading the broker's
 *   modules and building the first model would grow it to 2 × 4 MB, which an
 *   idle agent keeps, so `thincim serve` sets this before its modules load
 *   (idleFromStart). Given on the command line, V8 11 (Node.js 20) raises a
 *   factor below 2 to 2 when it sets up the heap; at run time it does not
 *   (test/ops/v8-policy.test.ts checks it on the V8 it runs on).
 * - TurboFan, the optimizing compiler (--turbofan). Once start-up's code runs
 *   hot it costs ~8 MB: 4 MB more of Node.js's binary paged in, optimized
 *   code and the compiler's own memory. Off while the broker is idle (few
 *   requests, no second of CPU-bound work), where the interpreter and
 *   Sparkplug serve a poll as fast as it matters; on as soon as it is busy,
 *   or a second takes a quarter of a core: the samples of a large host
 *   (10,000 sensors: 13 % of a core unoptimized against 10 %) or an answer
 *   of thousands of instances (2.3 times the CPU unoptimized).
 *   Code already optimized stays so when it goes off. `--max-opt` would not
 *   do: code first run under a lower tier was served about half as fast
 *   once it was raised again (bench/README.md, tenth round); nor would
 *   `--no-sparkplug`: 1 MB less idle, pull sequences of 1,000 sensors
 *   served ~20 % slower once busy (eleventh round).
 * - The collection: start-up, and a busy spell, leave the old generation
 *   full of garbage in partly used pages, the young generation as large as
 *   the work made it, and the bytecode of code that ran once, all of which
 *   V8 gives back only when its memory reducer has seen allocation slow down
 *   for 8 s (and the bytecode only after five full collections found it
 *   unused, which an idle broker seldom makes). On becoming idle (start-up
 *   included) the policy asks V8 for that memory-reducing collection at
 *   once, dropping the bytecode of every function not running: the default
 *   host 5 s after start, 59.0–59.4 against 61.6 MB (bench/README.md,
 *   thirteenth round). It is the collection V8 would run itself 8 s later,
 *   so a large pull after it grows as it would after any idle spell.
 *
 * Which choices each activity gets is one table (V8Table). The default,
 * BALANCED, gives the busy broker V8's own; LEAN (`footprint: lean`) keeps
 * the idle choices whatever the broker does, so that a burst of polls wakes
 * neither TurboFan nor V8's own growth of either generation, for a host
 * whose memory limit matters more than its answers' CPU.
 *
 * The flags are the process's: one policy per process. A flag the operator
 * gave node wins (on the command line; of these, NODE_OPTIONS takes only
 * --jitless): the policy leaves that family of flags alone, the heap's
 * (growth, compaction, bytecode flushing: no collection either) or the
 * optimizer's.
 */
import { setFlagsFromString } from 'node:v8';

/** The flags the policy sets. */
export interface V8Choices {
  /** --heap-growing-percent: the old generation's growth past what survived its last full collection; 0 leaves it to V8. */
  readonly growingPercent: number;
  /** --semi-space-growth-factor: how much the young generation grows at once; 1 keeps it as it is. */
  readonly semiSpaceGrowthFactor: number;
  /** --turbofan: whether V8 optimizes hot code. */
  readonly optimize: boolean;
}

/** Growth past the live old generation while quiet: 1.3 times. */
export const QUIET_GROWING_PERCENT = 30;
/** Few requests, no CPU-bound work: the heap bounded, the young generation not grown, no optimizing compiler. */
export const IDLE: V8Choices = Object.freeze({ growingPercent: QUIET_GROWING_PERCENT, semiSpaceGrowthFactor: 1, optimize: false });
/** Few requests, but work that takes CPU (samples or answers of a large host): as IDLE, with the optimizing compiler. */
export const QUIET: V8Choices = Object.freeze({ ...IDLE, optimize: true });
/** Under load: V8's own choices (2 is V8's default growth factor of the young generation). */
export const V8_OWN: V8Choices = Object.freeze({ growingPercent: 0, semiSpaceGrowthFactor: 2, optimize: true });

/** What the broker is doing, as the policy judges it. */
export type Activity = 'idle' | 'quiet' | 'busy';
/** The choices for each activity: the policy's whole table. */
export type V8Table = Readonly<Record<Activity, V8Choices>>;
/** The default (`footprint: balanced`): memory while idle, throughput once the broker works. */
export const BALANCED: V8Table = Object.freeze({ idle: IDLE, quiet: QUIET, busy: V8_OWN });
/** `footprint: lean`: the idle choices whatever the broker does (README.md, "V8 while idle", for what it costs). */
export const LEAN: V8Table = Object.freeze({ idle: IDLE, quiet: IDLE, busy: IDLE });
/** Requests are counted over windows of this length… */
export const WINDOW_MS = 10_000;
/** …and from this many requests in one window the broker is busy: polls and scrapes stay below it. */
export const BUSY_REQUESTS = 50;
/** CPU is measured every PROBE_MS… */
export const PROBE_MS = 1_000;
/**
 * …and a probe that finds the process used this much of one core since the
 * last (%) makes the broker work, so the optimizing compiler goes on at once,
 * for the rest of the window. The default host's samples take 1–10 % of their
 * second; one enumeration of 10,000 sensors, 0.3–0.7 s of CPU.
 */
export const WORKING_CPU_PERCENT = 25;

const HEAP_FLAG = /^--(heap[-_]growing[-_]percent|semi[-_]space[-_]growth[-_]factor|(no[-_])?compact([-_]on[-_]every[-_]full[-_]gc)?|(no[-_])?(stress[-_])?flush[-_](bytecode|code))(=|$)/;
const OPTIMIZER_FLAG = /^--(no[-_])?(turbofan|opt|max[-_]opt|jitless|always[-_]turbofan|always[-_]opt)(=|$)/;

/** The families of flags the operator gave node; thincim leaves those alone. */
export interface OperatorFlags {
  /** Growth of either generation, compaction, or bytecode flushing. */
  readonly heap: boolean;
  /** TurboFan. */
  readonly optimizer: boolean;
}

export function operatorFlags(execArgv: readonly string[] = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)]): OperatorFlags {
  return { heap: execArgv.some((arg) => HEAP_FLAG.test(arg)), optimizer: execArgv.some((arg) => OPTIMIZER_FLAG.test(arg)) };
}

/** What the policy does to V8. */
export interface V8Controls {
  /** Sets the flags of `choices`. */
  apply(choices: V8Choices): void;
  /** V8's memory-reducing collection; settles once it has run, and never fails. */
  collect(): Promise<void>;
}

/** The real controls, leaving alone the families of flags the operator set. */
export function v8Controls(operator: OperatorFlags = operatorFlags()): V8Controls {
  return {
    apply({ growingPercent, semiSpaceGrowthFactor, optimize }) {
      if (!operator.heap) {
        setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
        setFlagsFromString(`--semi-space-growth-factor=${semiSpaceGrowthFactor}`);
      }
      if (!operator.optimizer) setFlagsFromString(optimize ? '--turbofan' : '--no-turbofan');
    },
    collect: operator.heap ? async () => {} : memoryReducingCollection,
  };
}

/**
 * V8's memory-reducing collection, the one its memory reducer runs once
 * allocation has been low for 8 s: full collections that compact toward a
 * memory-saving target until one frees nothing more, then the young
 * generation shrunk to its smallest and the pages V8 pooled given back.
 * Node.js 20 lets a process ask its own V8 for it only through the
 * inspector protocol (HeapProfiler.collectGarbage, a low-memory
 * notification), which runs it as a task of the event loop. While it runs,
 * --stress-flush-code makes it drop the bytecode of every function not
 * running (what start-up or a busy spell ran once; compiled again from its
 * source if it runs again).
 */
async function memoryReducingCollection(): Promise<void> {
  let session: import('node:inspector').Session;
  try {
    session = new (await import('node:inspector')).Session();
    session.connect();
  } catch {
    return; // a Node.js built without the inspector: the memory reducer will do it, later
  }
  setFlagsFromString('--stress-flush-code');
  try {
    // Disconnecting inside the answer's callback would stall the event loop.
    await new Promise<void>((resolve) => session.post('HeapProfiler.collectGarbage', () => setImmediate(resolve)));
  } finally {
    setFlagsFromString('--no-stress-flush-code');
    session.disconnect();
  }
}

/** The idle choices, set before `thincim serve` loads the broker's modules (the policy it starts later keeps them while idle). */
export function idleFromStart(apply: (choices: V8Choices) => void = v8Controls().apply): void {
  apply(IDLE);
}

/** CPU time the process has used, µs. */
function processCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

export interface V8PolicyOptions {
  /** The choices for each activity; default BALANCED. */
  readonly table?: V8Table;
  readonly controls?: V8Controls;
  /** CPU time the process has used, µs. */
  readonly cpuMicros?: () => number;
  /** A clock in ms. */
  readonly now?: () => number;
}

export class V8Policy {
  #requests = 0;
  #working = false;
  #probes = 0;
  /** Undefined until started and once stopped; its choices are the table's. */
  #activity: Activity | undefined;
  #timer: NodeJS.Timeout | undefined;
  #cpuMicros = 0;
  #at = 0;
  /** Set on becoming idle; the next probe that finds the process idle collects. */
  #collectDue = false;

  private readonly table: V8Table;
  private readonly controls: V8Controls;
  private readonly cpuMicros: () => number;
  private readonly now: () => number;

  constructor({ table = BALANCED, controls = v8Controls(), cpuMicros = processCpuMicros, now = performance.now.bind(performance) }: V8PolicyOptions = {}) {
    this.table = table;
    this.controls = controls;
    this.cpuMicros = cpuMicros;
    this.now = now;
  }

  /**
   * Counts a request (the listener of each server's 'request' event, so the
   * hot path pays an increment): the window's BUSY_REQUESTS-th makes the
   * broker busy at once, so that a burst is served with the busy choices.
   * Once stopped (a closing broker still answers its connections' last
   * requests) it changes nothing.
   */
  readonly count = (): void => {
    if (++this.#requests === BUSY_REQUESTS && this.#activity !== undefined) this.#set('busy');
  };

  /** Idle from the start (start-up's CPU is not the broker's work; its garbage is collected), then probed every PROBE_MS. */
  start(): void {
    this.#cpuMicros = this.cpuMicros();
    this.#at = this.now();
    this.#set('idle');
    this.#timer = setInterval(() => this.probe(), PROBE_MS).unref();
  }

  /** Stops judging, and gives the choices back to V8 if the policy had made others. */
  stop(): void {
    clearInterval(this.#timer);
    if (this.#activity !== undefined && this.table[this.#activity] !== V8_OWN) this.controls.apply(V8_OWN);
    this.#activity = undefined;
    this.#requests = 0;
    this.#collectDue = false;
  }

  /** Measures the CPU used since the last probe, and collects if due and idle; every WINDOW_MS, ends the window. */
  probe(): void {
    const cpuMicros = this.cpuMicros();
    const at = this.now();
    const cpuPercent = (cpuMicros - this.#cpuMicros) / 10 / Math.max(1, at - this.#at);
    this.#cpuMicros = cpuMicros;
    this.#at = at;
    if (cpuPercent >= WORKING_CPU_PERCENT) {
      this.#working = true;
      if (this.#activity === 'idle') this.#set('quiet');
    } else if (this.#collectDue) {
      this.#collectDue = false;
      void this.controls.collect();
    }
    if (++this.#probes % (WINDOW_MS / PROBE_MS) === 0) this.#endWindow();
  }

  /** With fewer than BUSY_REQUESTS requests, the broker is quiet, and idle if no probe found it working. */
  #endWindow(): void {
    if (this.#requests < BUSY_REQUESTS) this.#set(this.#working ? 'quiet' : 'idle');
    this.#requests = 0;
    this.#working = false;
  }

  /** Sets the table's choices for `activity` if they differ from the last; becoming idle makes a collection due. */
  #set(activity: Activity): void {
    if (activity === this.#activity) return;
    const previous = this.#activity && this.table[this.#activity];
    this.#activity = activity;
    this.#collectDue = activity === 'idle';
    const choices = this.table[activity];
    if (choices !== previous) this.controls.apply(choices);
  }
}
