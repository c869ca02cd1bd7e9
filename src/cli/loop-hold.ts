/**
 * How long a call holds the event loop at once: the longest lateness of a
 * 10 ms timer while it runs, less the time the main thread spent waiting
 * for a CPU meanwhile. On a loaded machine (a CI runner's two cores) the
 * kernel can leave the thread runnable but not running for longer than any
 * limit; that is no fault of the call. Time it computes, or blocks in a
 * synchronous call (readFileSync, execSync, Atomics.wait), counts: the
 * thread returns to no client meanwhile, whether it uses the CPU or not, so
 * the process's CPU time would be the wrong measure.
 */
import { readFileSync } from 'node:fs';

const TICK_MS = 10;

/**
 * The calling thread's time so far waiting on a run queue (ms): the second
 * field of /proc/thread-self/schedstat (Linux, in ns). Undefined where there
 * is none (other systems, a kernel without scheduler statistics): every
 * delay then counts as held.
 */
export function schedulerWaitMs(): number | undefined {
  try {
    const waited = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
    return Number.isFinite(waited) ? waited : undefined;
  } catch {
    return undefined;
  }
}

export interface Watched<T> {
  result: T;
  /** How long the call took. */
  elapsedMs: number;
  /** The longest it held the event loop at once. */
  blockedMs: number;
}

/** `work` run and watched; `waited` (schedulerWaitMs) is read on the main thread. */
export async function watchBlocking<T>(work: () => Promise<T>, waited: () => number | undefined = schedulerWaitMs): Promise<Watched<T>> {
  const started = performance.now();
  let last = started;
  let lastWaited = waited();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    const nowWaited = waited();
    const queued = nowWaited === undefined || lastWaited === undefined ? 0 : nowWaited - lastWaited;
    longest = Math.max(longest, now - last - TICK_MS - queued);
    last = now;
    lastWaited = nowWaited;
  };
  const timer = setInterval(tick, TICK_MS);
  try {
    const result = await work();
    tick();
    return { result, elapsedMs: Math.round(last - started), blockedMs: Math.round(longest) };
  } finally {
    clearInterval(timer);
  }
}
