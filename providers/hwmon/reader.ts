/**
 * Reads sysfs without letting a slow driver hold up a sample.
 *
 * Every operation runs on libuv's thread pool (fs/promises), so the event
 * loop never blocks; a read that hangs in a driver (a stuck I²C bus, a
 * firmware call) hangs one pool thread, not the process. Three rules keep
 * such a read contained:
 *
 * - at most `maxConcurrentReads` operations are in the pool at once, leaving
 *   the rest of the pool (4 threads by default) to everyone else;
 * - each operation gives up when the caller's signal aborts (the sample's
 *   deadline); the operation itself cannot be cancelled and keeps its slot
 *   until the kernel returns;
 * - a file whose earlier read is still stuck is not read again until that
 *   read returns (`BUSY`), so a hanging attribute costs one thread, not one
 *   per sample.
 */
import { open, readdir, readlink, realpath } from 'node:fs/promises';
import { HwmonError, ioError } from './errors.js';

/** The file operations the provider uses; tests substitute failures. */
export interface SysfsReader {
  /** The whole text of a (small) attribute file. */
  readText(path: string, signal: AbortSignal): Promise<string>;
  /** The names in a folder (following a symlink to it). */
  readDir(path: string, signal: AbortSignal): Promise<string[]>;
  /** The target of a symlink, as stored. */
  readLink(path: string, signal: AbortSignal): Promise<string>;
  /** The path with every symlink resolved. */
  realPath(path: string, signal: AbortSignal): Promise<string>;
}

export interface SysfsReaderLimits {
  /** Operations in the thread pool at once. */
  maxConcurrentReads: number;
  /** Bytes an attribute may have; sysfs attributes fit in a page (4096). */
  maxAttributeBytes: number;
}

/** The real reader, over node:fs/promises. */
export function createSysfsReader(limits: SysfsReaderLimits): SysfsReader {
  const slots = new Slots(limits.maxConcurrentReads);
  const inFlight = new Set<string>();

  /** Runs `operation` on `path` under the three rules above; HwmonErrors only. */
  async function guarded<T>(kind: string, path: string, signal: AbortSignal, operation: () => Promise<T>): Promise<T> {
    const key = `${kind}\0${path}`;
    const busy = (): HwmonError => new HwmonError('BUSY', path, 'an earlier read of this file has not returned yet');
    // Checked before waiting for a slot (the stuck read may hold the last one) and after (another caller may have started it).
    if (inFlight.has(key)) throw busy();
    await slots.acquire(signal, path);
    if (inFlight.has(key)) {
      slots.release();
      throw busy();
    }
    inFlight.add(key);
    const work = operation();
    // The slot and the key are freed when the kernel returns, not when we stop waiting.
    void work.then(release, release);
    function release(): void {
      inFlight.delete(key);
      slots.release();
    }
    try {
      return await untilAborted(work, signal, path);
    } catch (error) {
      throw ioError(path, error);
    }
  }

  return {
    readText: (path, signal) => guarded('text', path, signal, () => readSmallFile(path, limits.maxAttributeBytes)),
    readDir: (path, signal) => guarded('dir', path, signal, () => readdir(path)),
    readLink: (path, signal) => guarded('link', path, signal, () => readlink(path)),
    realPath: (path, signal) => guarded('real', path, signal, () => realpath(path)),
  };
}

/** Reads a file in one `read` (sysfs produces an attribute's text at once), refusing more than `maxBytes`. */
async function readSmallFile(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(maxBytes + 1);
    // From the current position (0 after open): pread would fail on anything that is not a plain file.
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead > maxBytes) throw new HwmonError('TOO_LONG', path, `longer than ${maxBytes} bytes`);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

function abortedError(path: string): HwmonError {
  return new HwmonError('ABORTED', path, 'abandoned at the deadline');
}

/** Callbacks waiting for each signal's abort: one listener per signal, however many reads wait on it. */
const abortWaiters = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `onAbort` when `signal` aborts; returns the function that cancels this. */
function whenAborted(signal: AbortSignal, onAbort: () => void): () => void {
  let waiters = abortWaiters.get(signal);
  if (waiters === undefined) {
    const created = new Set<() => void>();
    signal.addEventListener('abort', () => created.forEach((waiter) => waiter()), { once: true });
    abortWaiters.set(signal, created);
    waiters = created;
  }
  const registered = waiters;
  registered.add(onAbort);
  return () => registered.delete(onAbort);
}

/** Settles like `work`, or rejects with `ABORTED` as soon as `signal` aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, path: string): Promise<T> {
  if (signal.aborted) return Promise.reject(abortedError(path));
  return new Promise<T>((resolve, reject) => {
    const cancel = whenAborted(signal, () => reject(abortedError(path)));
    work.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}

/** A counting semaphore whose waiters give up when their signal aborts. */
class Slots {
  private free: number;
  private readonly waiters: { grant: () => void }[] = [];

  constructor(count: number) {
    this.free = count;
  }

  acquire(signal: AbortSignal, path: string): Promise<void> {
    if (signal.aborted) return Promise.reject(abortedError(path));
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: (): void => {
          cancel();
          resolve();
        },
      };
      const cancel = whenAborted(signal, () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(abortedError(path));
      });
      this.waiters.push(waiter);
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.free++;
  }
}
