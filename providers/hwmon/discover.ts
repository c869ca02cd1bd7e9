/**
 * Finds the hwmon chips under a sysfs root and reads their attributes.
 *
 * `<root>/class/hwmon/hwmonN` links to each chip's hwmon folder. Since Linux
 * 3.x the attributes and `name` live in that folder; before, they lived in
 * the chip's device folder (`hwmonN/device/`) and the hwmon folder held only
 * the `device` link. Both layouts are read, as libsensors does.
 */
import { basename, join } from 'node:path';
import { parseAttributeName, parseLabel } from './attributes.js';
import { type AttributeRead, isAsleepError, isAsleepStatus, isNoPulsesError, isWantedAttribute, NAMES_OF_TWO_DRIVERS, type RawChip } from './build.js';
import { chipId, deviceAddress, type DeviceInfo, uniqueIds } from './chip-id.js';
import { HwmonError, ioError } from './errors.js';
import type { SysfsReader } from './reader.js';

export interface DiscoveryLimits {
  /** hwmon entries read; more are skipped with a LIMIT problem. */
  maxChips: number;
  /** Attribute files read per chip; more are skipped with a LIMIT problem. */
  maxAttributesPerChip: number;
}

/** A chip's folder, before its attributes are read. */
export interface ChipFolder {
  id: string;
  name: string;
  /** The `class/hwmon` entry, e.g. `/sys/class/hwmon/hwmon3`. */
  hwmonPath: string;
  /** Where the attributes are: the hwmon folder, or its `device/` in the old layout. */
  attributePath: string;
  /** The wanted attribute files, sorted. */
  files: string[];
  /** The subsystem of the chip's device (`platform`, `pci`, `power_supply`), when it has one. */
  subsystem?: string;
  /** The driver bound to the chip's device (`nct6683`, `dell_smm_hwmon`), when it has one. */
  driver?: string;
}

export interface Discovery {
  chips: ChipFolder[];
  /** Entries skipped (dangling links, unreadable folders) and limits hit. */
  problems: HwmonError[];
}

const HWMON_ENTRY = /^hwmon([0-9]+)$/;
/** The name of a chip whose folders have no `name` attribute and no driver link. */
export const UNNAMED_CHIP = 'hwmon';

/** The chips under `root`, in hwmonN order, with unique ids; a NO_HWMON HwmonError when `<root>/class/hwmon` is missing. */
export async function discoverChips(root: string, reader: SysfsReader, signal: AbortSignal, limits: DiscoveryLimits): Promise<Discovery> {
  const classPath = join(root, 'class', 'hwmon');
  const problems: HwmonError[] = [];
  const entries = (await listClass(classPath, reader, signal))
    .filter((entry) => HWMON_ENTRY.test(entry))
    .sort((a, b) => hwmonNumber(a) - hwmonNumber(b));
  if (entries.length > limits.maxChips) {
    problems.push(new HwmonError('LIMIT', classPath, `${entries.length} chips, more than maxChips ${limits.maxChips}; the rest are skipped`));
    entries.length = limits.maxChips;
  }
  const scan: Scan = { reader, signal, limits, problems };
  const located = await Promise.all(entries.map((entry) => locateChip(join(classPath, entry), scan)));
  const found = located.filter((chip): chip is ChipFolder => chip !== undefined);
  const ids = uniqueIds(found.map((chip) => chip.id));
  return { chips: found.map((chip, i) => ({ ...chip, id: ids[i]! })), problems };
}

async function listClass(classPath: string, reader: SysfsReader, signal: AbortSignal): Promise<string[]> {
  try {
    return await reader.readDir(classPath, signal);
  } catch (error) {
    const failure = ioError(classPath, error);
    if (failure.errno === 'ENOENT' || failure.errno === 'ENOTDIR') {
      throw new HwmonError('NO_HWMON', classPath, 'no hwmon class folder: not a sysfs root, or a kernel without hwmon', { cause: failure });
    }
    throw failure;
  }
}

const hwmonNumber = (entry: string): number => Number(HWMON_ENTRY.exec(entry)![1]);

const isChipFile = (file: string): boolean => file === 'name' || parseAttributeName(file) !== undefined;

/** What every step of one discovery shares. */
interface Scan {
  reader: SysfsReader;
  signal: AbortSignal;
  limits: DiscoveryLimits;
  problems: HwmonError[];
}

/** The chip behind one `class/hwmon` entry; undefined (with a problem) when it has no readable folder or no attributes. */
async function locateChip(hwmonPath: string, scan: Scan): Promise<ChipFolder | undefined> {
  const { reader, signal } = scan;
  const devicePath = join(hwmonPath, 'device');
  let attributePath = hwmonPath;
  let listing: string[];
  try {
    listing = await reader.readDir(hwmonPath, signal);
    if (!listing.some(isChipFile)) {
      attributePath = devicePath;
      listing = await reader.readDir(devicePath, signal);
    }
  } catch (error) {
    scan.problems.push(ioError(attributePath, error));
    return undefined;
  }
  if (!listing.some(isChipFile)) return undefined;
  const files = wantedFiles(attributePath, listing, scan);
  const otherPath = attributePath === hwmonPath ? devicePath : hwmonPath;
  const named = await chipName(attributePath, otherPath, scan);
  // Read only where it is needed: every chip is found again at every sample.
  const driver = named === undefined || NAMES_OF_TWO_DRIVERS.has(named) ? await driverName(devicePath, scan) : undefined;
  const name = named ?? driver ?? UNNAMED_CHIP;
  const device = await deviceInfo(devicePath, scan);
  const folder: ChipFolder = { id: chipId(name, device), name, hwmonPath, attributePath, files };
  if (device?.subsystem !== undefined) folder.subsystem = device.subsystem;
  if (driver !== undefined) folder.driver = driver;
  return folder;
}

function wantedFiles(attributePath: string, listing: string[], { limits, problems }: Scan): string[] {
  const files = listing
    .filter((file) => {
      const attribute = parseAttributeName(file);
      return attribute !== undefined && isWantedAttribute(attribute);
    })
    .sort();
  if (files.length > limits.maxAttributesPerChip) {
    problems.push(
      new HwmonError('LIMIT', attributePath, `${files.length} attributes, more than maxAttributesPerChip ${limits.maxAttributesPerChip}; the rest are skipped`),
    );
    files.length = limits.maxAttributesPerChip;
  }
  return files;
}

/** The `name` attribute of the attribute folder, else of the other folder (libsensors' order). */
async function chipName(attributePath: string, otherPath: string, { reader, signal }: Scan): Promise<string | undefined> {
  for (const folder of [attributePath, otherPath]) {
    const text = await reader.readText(join(folder, 'name'), signal).catch(() => undefined);
    const name = text === undefined ? undefined : parseLabel(text);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** The device's driver (`device/driver` link): it names a chip that has no `name`, and tells apart the drivers of NAMES_OF_TWO_DRIVERS. */
async function driverName(devicePath: string, { reader, signal }: Scan): Promise<string | undefined> {
  const target = await reader.readLink(join(devicePath, 'driver'), signal).catch(() => undefined);
  return target === undefined ? undefined : lastPart(target);
}

/** `device` links followed from a device on no bus, as libsensors does; a loop of links ends here. */
const MAX_DEVICE_LINKS = 4;

/**
 * What the `device` link tells; undefined when there is none (a virtual
 * chip). A device on no bus has its own `device` link followed too (a class
 * device's parent), only then: chips are found at every sample.
 */
async function deviceInfo(devicePath: string, scan: Scan, links = MAX_DEVICE_LINKS): Promise<DeviceInfo | undefined> {
  const { reader, signal } = scan;
  const target = await reader.readLink(devicePath, signal).catch(() => undefined);
  if (target === undefined) return undefined;
  const subsystem = await reader.readLink(join(devicePath, 'subsystem'), signal).catch(() => undefined);
  const info: DeviceInfo = { name: lastPart(target) };
  if (subsystem !== undefined) info.subsystem = lastPart(subsystem);
  if (deviceAddress(info) !== undefined) return info;
  const resolved = await reader.realPath(devicePath, signal).catch(() => undefined);
  if (resolved === undefined) info.dangling = true;
  else if (links > 1) {
    const parent = await deviceInfo(join(devicePath, 'device'), scan, links - 1);
    if (parent !== undefined) info.parent = parent;
  }
  return info;
}

/** The last part of a link target, ignoring trailing slashes (`../../nvme0/` → `nvme0`). */
function lastPart(target: string): string {
  return basename(target.replace(/\/+$/, ''));
}

/**
 * Reads every file of a chip, one after the other: a chip's reads share its
 * bus anyway, and a slow chip then holds one of the reader's slots, not all.
 * A file that fails is recorded with its error, never thrown; once `signal`
 * aborts, the remaining files fail at once with ABORTED.
 */
export async function readChip(folder: ChipFolder, reader: SysfsReader, signal: AbortSignal): Promise<RawChip> {
  const attributes = new Map<string, AttributeRead>();
  await readFiles(folder, folder.files, attributes, reader, signal);
  await rereadNoPulses(folder, attributes, reader, signal);
  const chip: RawChip = { id: folder.id, name: folder.name, path: folder.attributePath, attributes };
  if (folder.subsystem !== undefined) chip.subsystem = folder.subsystem;
  if (folder.driver !== undefined) chip.driver = folder.driver;
  const runtimeStatus = await sleepStatus(folder, attributes, reader, signal);
  if (runtimeStatus !== undefined) chip.runtimeStatus = runtimeStatus;
  return chip;
}

async function readFiles(folder: ChipFolder, files: readonly string[], into: Map<string, AttributeRead>, reader: SysfsReader, signal: AbortSignal): Promise<void> {
  for (const file of files) {
    const path = join(folder.attributePath, file);
    try {
      into.set(file, { text: await reader.readText(path, signal) });
    } catch (error) {
      into.set(file, { error: ioError(path, error) });
    }
  }
}

/**
 * Reads once more the fan files whose read failed with the driver's error
 * for a fan giving no pulses (isNoPulsesError): aspeed-pwm-tacho's timeout is
 * also what another reader of its unlocked registers causes, so only a
 * second timeout stands.
 */
async function rereadNoPulses(folder: ChipFolder, attributes: Map<string, AttributeRead>, reader: SysfsReader, signal: AbortSignal): Promise<void> {
  const timedOut = [...attributes].filter(([file, read]) => {
    const attribute = parseAttributeName(file);
    return 'error' in read && attribute !== undefined && isNoPulsesError(folder.name, attribute, read.error);
  });
  if (timedOut.length > 0) await readFiles(folder, timedOut.map(([file]) => file), attributes, reader, signal);
}

/**
 * The device's `power/runtime_status`, when a read failed as the driver's
 * reads fail while it sleeps (a runtime-suspended GPU); else not read. A
 * device that says it is awake may have woken since those reads: they are
 * read once more, and fail as failures only if they fail again.
 */
async function sleepStatus(
  folder: ChipFolder, attributes: Map<string, AttributeRead>, reader: SysfsReader, signal: AbortSignal,
): Promise<string | undefined> {
  const failedAsleep = [...attributes].filter(([, read]) => 'error' in read && isAsleepError(folder.name, read.error)).map(([file]) => file);
  if (failedAsleep.length === 0) return undefined;
  const status = async () => (await reader.readText(join(folder.hwmonPath, 'device', 'power', 'runtime_status'), signal).catch(() => undefined))?.trim();
  const text = await status();
  if (isAsleepStatus(text)) return text;
  await readFiles(folder, failedAsleep, attributes, reader, signal);
  // Failing again: asleep again already (autosuspend), or a failure; the device's word now decides.
  return failedAsleep.some((file) => 'error' in attributes.get(file)!) ? status() : text;
}
