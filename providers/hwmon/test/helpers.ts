/** Shared by the hwmon tests: fixture trees in tmp folders (copied, or written from a chip list), contexts, recording loggers. */
import { execFileSync } from 'node:child_process';
import { constants, readdirSync, readlinkSync } from 'node:fs';
import { cp, type FileHandle, mkdir, mkdtemp, open, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import type { CIMInstance } from '../../../src/cim/index.js';
import { buildModel, rememberReadings, type ReadingMemory } from '../../../src/model/index.js';
import type { HardwareSnapshot, NumericSensor } from '../../../src/model/snapshot.js';
import type { ProviderContext, ProviderLogger } from '../../../src/providers/api.js';
import { validateSnapshot } from '../../../src/providers/validate.js';
import { input, Model, NOW, sample } from '../../../test/model/fixtures.js';
import { createHwmonProvider, createSysfsReader, resolveOptions } from '../index.js';

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
 * What a CIM client sees of a sensor, and of the fan it measures, on a fresh
 * start (no reading remembered, no fan seen turning): the model built from
 * the snapshot, its Thincim_NumericSensor and OMC_Fan of that DeviceID read
 * as `<condition>` or `<condition>: <status description>` when not OK; the
 * sensor is `not served` when the model has no instance of it.
 */
export function modelVerdicts(snapshot: HardwareSnapshot, id: string): { sensor: string; fan?: string } {
  return verdictsIn(new Model(buildModel(input([sample(snapshot, { provider: 'hwmon' })]))), id);
}

/** The model across samples, as the broker builds it: each snapshot with the reading memory of those before, 10 s apart. */
export function modelOverTime(): (snapshot: HardwareSnapshot) => Model {
  let readings: ReadingMemory = new Map();
  let now = NOW;
  return (snapshot) => {
    now += 10_000;
    readings = rememberReadings(readings, snapshot, now);
    return new Model(buildModel(input([sample(snapshot, { provider: 'hwmon', sampledAt: now, readings })], { now })));
  };
}

/** The model's verdict on the sensor and the fan of that DeviceID, spelt as modelVerdicts spells them. */
export function verdictsIn(model: Model, id: string): { sensor: string; fan?: string } {
  const ofId = (classname: string) => model.all(classname).filter((i) => i.path?.keybindings.get('DeviceID') === id);
  const [sensor] = ofId('Thincim_NumericSensor');
  const [fan] = ofId('OMC_Fan');
  return { sensor: sensor ? spell(sensor) : 'not served', ...(fan && { fan: spell(fan) }) };
}

/** OperationalStatus' first value as the model's condition (src/model/health.ts, CIM_STATUS). */
const CONDITIONS: Readonly<Record<number, string>> = { 0: 'unknown', 2: 'ok', 3: 'warning', 6: 'critical', 7: 'fatal', 12: 'noContact', 13: 'lostCommunication' };

function spell(instance: CIMInstance): string {
  const condition = CONDITIONS[(instance.get('OperationalStatus') as number[])[0]!] ?? 'unexpected';
  return condition === 'ok' ? 'ok' : `${condition}: ${(instance.get('StatusDescriptions') as string[] | null)?.[0]}`;
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

/** One chip: its device folder under `devices/`, the class its device belongs to, and its attribute files. */
export interface ChipTree {
  device: string;
  /** `bus/platform`, `bus/pci`, `class/power_supply`, … (the device's `subsystem` link). */
  subsystem: string;
  files: Record<string, string | number>;
  /** Attribute files whose open fails with ENXIO, as a driver's read of a sensor it says is not there: a UNIX socket stands in. */
  enxio?: string[];
  /** More links, path → target, both under the root (a thermal zone's `device`, a `driver`, a parent's `subsystem`). */
  links?: Record<string, string>;
}

/** Writes the chips as a current-kernel tree (hwmonN in the given order) and samples it with `more` options; every link read is added to `linksRead`. */
export async function sampleTree(t: Test, chips: ChipTree[], linksRead: string[] = [], timeoutMs = 5000, more: Record<string, unknown> = {}): Promise<HardwareSnapshot> {
  const root = await mkdtemp(join(tmpdir(), 'hwmon-unseen-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, 'class', 'hwmon'), { recursive: true });
  for (const [n, chip] of chips.entries()) {
    const device = join(root, 'devices', chip.device);
    const hwmon = join(device, 'hwmon', `hwmon${n}`);
    await mkdir(hwmon, { recursive: true });
    for (const [file, value] of Object.entries(chip.files)) await writeFile(join(hwmon, file), `${value}\n`);
    for (const file of chip.enxio ?? []) await listenAt(t, join(hwmon, file));
    await mkdir(join(root, chip.subsystem), { recursive: true });
    await symlink(relative(device, join(root, chip.subsystem)), join(device, 'subsystem'));
    for (const [link, target] of Object.entries(chip.links ?? {})) {
      await mkdir(join(root, target), { recursive: true });
      await mkdir(dirname(join(root, link)), { recursive: true });
      // Named as the kernel names them: up to the target's parent, then down by name (a parent's `device` is `../../1-0036`, not `../..`).
      await symlink(join(relative(dirname(join(root, link)), dirname(join(root, target))), basename(target)), join(root, link));
    }
    // As the kernel makes it: up to the device's parent, then down by name (`../../../0000:09:00.0`).
    await symlink(join(relative(hwmon, dirname(device)), basename(device)), join(hwmon, 'device'));
    await symlink(relative(join(root, 'class', 'hwmon'), hwmon), join(root, 'class', 'hwmon', `hwmon${n}`));
  }
  const options = resolveOptions({ root, ...more });
  const reader = createSysfsReader(options);
  const recording = { ...reader, readLink: (path: string, signal: AbortSignal) => (linksRead.push(relative(root, path)), reader.readLink(path, signal)) };
  const snapshot = await createHwmonProvider(options, recording).sample(context(timeoutMs));
  validateSnapshot(snapshot);
  return snapshot;
}

/** A UNIX socket at `path` until the test ends: open(2) on it fails with ENXIO. */
async function listenAt(t: Test, path: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
}
