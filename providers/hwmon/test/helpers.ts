/** Shared by the hwmon tests: fixture trees in tmp folders, contexts, recording loggers. */
import { execFileSync } from 'node:child_process';
import { constants, readdirSync, readlinkSync } from 'node:fs';
import { cp, type FileHandle, mkdir, mkdtemp, open, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HardwareSnapshot, NumericSensor } from '../../../src/model/snapshot.js';
import type { ProviderContext, ProviderLogger } from '../../../src/providers/api.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * Copies a fixture tree to a fresh tmp folder and creates the symlinks its
 * LINKS file lists (`<path> -> <target>`); returns the copy's root.
 * `cleanup` removes it.
 */
export async function materialize(fixture: string, cleanup: (fn: () => Promise<void>) => void): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `hwmon-${fixture}-`));
  cleanup(() => rm(root, { recursive: true, force: true }));
  await cp(join(FIXTURES, fixture), root, { recursive: true });
  await applyLinks(root, await readFile(join(root, 'LINKS'), 'utf8'));
  return root;
}

export async function applyLinks(root: string, manifest: string): Promise<void> {
  for (const line of manifest.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [path, target] = line.split(' -> ') as [string, string];
    await mkdir(dirname(join(root, path)), { recursive: true });
    await symlink(target, join(root, path));
  }
}

export interface LogEntry {
  level: keyof ProviderLogger;
  fields: unknown;
  message: string | undefined;
}

export function recordingLogger(): ProviderLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: keyof ProviderLogger) =>
    (fields: object | string, message?: string): void => {
      entries.push({ level, fields, message });
    };
  return { entries, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A call context with `timeoutMs` until its deadline; the repository is not used by hwmon. */
export function context(timeoutMs = 5000, log: ProviderLogger = recordingLogger()): ProviderContext {
  const deadline = Date.now() + timeoutMs;
  return { log, repository: undefined as never, signal: AbortSignal.timeout(timeoutMs), deadline };
}

export function sensorById(snapshot: HardwareSnapshot, id: string): NumericSensor {
  const sensor = snapshot.sensors?.find((s) => s.id === id);
  if (sensor === undefined) throw new Error(`no sensor ${id}; have ${snapshot.sensors?.map((s) => s.id).join(', ')}`);
  return sensor;
}

/**
 * A FIFO standing in for an attribute whose driver hangs. The test holds it
 * open for reading and writing (an open that never blocks on Linux), so a
 * reader's open succeeds and its read waits until `release` writes.
 */
export class StuckFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<StuckFile> {
    execFileSync('mkfifo', [path]);
    return new StuckFile(path, await open(path, constants.O_RDWR | constants.O_NONBLOCK));
  }

  /** Descriptors of this process, besides the test's own, that have the FIFO open: readers in progress. */
  readers(): number {
    let count = 0;
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        if (readlinkSync(`/proc/self/fd/${fd}`) === this.path) count++;
      } catch {
        // closed while we looked
      }
    }
    return count - 1;
  }

  /** Lets the waiting reader go with `text`. */
  async release(text = '1\n'): Promise<void> {
    await this.handle.write(text);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Resolves once `check` holds, polling: the thread pool answers in its own time. */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}
