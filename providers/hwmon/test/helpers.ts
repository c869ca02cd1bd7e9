/** Shared by the hwmon tests: fixture trees in tmp folders, contexts, recording loggers. */
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
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
