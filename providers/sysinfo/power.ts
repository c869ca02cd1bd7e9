/**
 * Batteries as Linux lists them. systeminformation reads one battery only,
 * /sys/class/power_supply/BAT1, else BAT0: a Fujitsu's CMB1 or an HP's C1AC
 * is no battery to it, a ThinkPad's internal BAT0 is hidden behind its
 * external BAT1, and a battery it reads with no charge left (nothing
 * charging, charge 0) is "no battery" too.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SysinfoSource } from './index.js';
import type { BatteryData } from './map.js';
import { attributeReader, type AttributeReader } from './raw.js';

/** Where Linux lists its power supplies. */
export const LINUX_POWER_SUPPLY = '/sys/class/power_supply';

/** The source with its battery read from `root` where that directory exists (Linux); systeminformation's elsewhere. */
export function withLinuxBatteries(source: SysinfoSource, root: string = LINUX_POWER_SUPPLY): SysinfoSource {
  return { ...source, battery: async () => (await linuxBatteries(root)) ?? source.battery() };
}

/** Every battery under `root`, in name order; undefined when there is no such directory. */
export async function linuxBatteries(root: string): Promise<BatteryData | undefined> {
  const names = await readdir(root).catch(() => undefined);
  if (names === undefined) return undefined;
  const batteries = (await Promise.all(names.sort().map((name) => battery(join(root, name))))).filter((b) => b !== undefined);
  const [first, ...others] = batteries;
  return first ? { ...first, additionalBatteries: others } : { hasBattery: false, percent: 0 };
}

/**
 * A supply of type Battery that powers the system: scope Device is a
 * peripheral's (a wireless mouse), present 0 an empty bay
 * (Documentation/ABI/testing/sysfs-class-power).
 */
async function battery(dir: string): Promise<BatteryData | undefined> {
  const read = attributeReader(dir);
  const [type, scope, present, status] = await Promise.all([read('type'), read('scope'), read('present'), read('status')]);
  if (type !== 'Battery' || scope === 'Device' || present === '0') return undefined;
  return { hasBattery: true, isCharging: charging(status), percent: await percent(read), supplyName: basename(dir) };
}

/** Charging, or not ("Discharging", "Not charging", "Full"); "Unknown" or no status tells neither. */
function charging(status: string | undefined): boolean | undefined {
  if (status === 'Charging') return true;
  return status === 'Discharging' || status === 'Not charging' || status === 'Full' ? false : undefined;
}

/** The kernel's capacity, else the charge or energy left of the full one; NaN when neither is known. */
async function percent(read: AttributeReader): Promise<number> {
  const capacity = await read('capacity');
  if (capacity !== undefined && capacity !== '') return Number(capacity);
  for (const unit of ['energy', 'charge']) {
    const [now, full] = await Promise.all([read(`${unit}_now`), read(`${unit}_full`)]);
    if (now !== undefined && Number(full) > 0) return (100 * Number(now)) / Number(full);
  }
  return Number.NaN;
}
