/**
 * Files holding secrets: written atomically (a reader sees the old file or
 * the new one, never a torn one) with owner-only permissions, and changed
 * under a lock file so that concurrent writers do not lose each other's updates.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Mode of a secret file (owner read/write). */
export const SECRET_FILE_MODE = 0o600;
/** Mode of a folder created to hold secret files (owner only). */
export const SECRET_DIR_MODE = 0o700;

export interface WriteOptions {
  mode?: number;
  /** Mode of folders created on the way (existing folders are left as they are). */
  dirMode?: number;
}

/** Writes `data` to `file` through a temporary file in the same folder, fsynced, then renamed over it. */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const mode = options.mode ?? SECRET_FILE_MODE;
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: options.dirMode ?? SECRET_DIR_MODE });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    // The umask may have narrowed the mode at creation; set it exactly.
    await handle.chmod(mode);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

/** Makes the rename durable across a crash (best effort: some file systems refuse to fsync a folder). */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // EINVAL/EISDIR on file systems without folder fsync: the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}

export interface LockOptions {
  /** Give up waiting after this long (default 10 s). */
  timeoutMs?: number;
  /** A lock file older than this was left by a crashed process and is broken (default 60 s). */
  staleMs?: number;
  /** Wait between attempts (default 20 ms). */
  retryMs?: number;
}

export class LockTimeoutError extends Error {
  readonly code = 'THINCIM_LOCK_TIMEOUT';

  constructor(readonly lockFile: string, timeoutMs: number) {
    super(`${lockFile}: still locked by another process after ${timeoutMs} ms (delete it if no thincim command is running)`);
    this.name = 'LockTimeoutError';
  }
}

/** Runs `fn` while holding `lockFile` (created exclusively, removed afterwards). */
export async function withLock<T>(lockFile: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  await mkdir(dirname(lockFile), { recursive: true, mode: SECRET_DIR_MODE });
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx', SECRET_FILE_MODE);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await isStale(lockFile, staleMs)) {
      await unlink(lockFile).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) throw new LockTimeoutError(lockFile, timeoutMs);
    await sleep(options.retryMs ?? 20);
  }
  try {
    return await fn();
  } finally {
    await unlink(lockFile).catch(() => undefined);
  }
}

async function isStale(lockFile: string, staleMs: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(lockFile)).mtimeMs > staleMs;
  } catch {
    return false; // Released meanwhile: the next attempt takes it.
  }
}
