/**
 * Merges two listings of the same BMC, e.g. `sdr elist` (sensor numbers,
 * entities, discrete states, the printed precision) with `sensor`
 * (thresholds, units of unreadable sensors). Decided per reading: two readings
 * that both print an SDR record id (FreeIPMI's table and its `-v`, which lists
 * an event-only record as no sensor) match by that id and their name, so
 * ranges cached from before the SDR was renumbered never reach another sensor;
 * where either prints none (ipmitool's listings), by name and by their rank
 * among records of that name, since both tools walk the SDR in the same order
 * and names repeat ("Temp" twice on Dell). A record id and name printed twice
 * in one listing pair up in walk order, as repeated names do.
 */
import type { IpmiReading } from './types.js';

interface Keys {
  /** id, name and rank among the readings of that id and name; undefined without an id. */
  byRecord?: string;
  /** name and rank among the readings of that name. */
  byRank: string;
}

function keys(readings: readonly IpmiReading[]): Keys[] {
  const seen = new Map<string, number>();
  const ranked = (key: string): string => {
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return `${key}\u0000${rank}`;
  };
  return readings.map((reading) => {
    const byRank = ranked(reading.name);
    return reading.recordId === undefined ? { byRank } : { byRank, byRecord: ranked(`#${reading.recordId}\u0000${reading.name}`) };
  });
}

/** The reading of `secondary` that `key` names: by record where both print an id, else by name and rank. */
function partner(key: Keys, byRecord: ReadonlyMap<string, IpmiReading>, byRank: ReadonlyMap<string, IpmiReading>): IpmiReading | undefined {
  const ranked = byRank.get(key.byRank);
  if (key.byRecord === undefined) return ranked;
  return byRecord.get(key.byRecord) ?? (ranked?.recordId === undefined ? ranked : undefined);
}

export interface MergeOptions {
  /** Whether records only `secondary` lists follow the merged ones. Default true. */
  appendUnmatched?: boolean;
}

/** `primary` with what `secondary` adds; records only in `secondary` follow, in its order. */
export function mergeReadings(primary: readonly IpmiReading[], secondary: readonly IpmiReading[], options: MergeOptions = {}): IpmiReading[] {
  const secondaryKeys = keys(secondary);
  const byRecord = new Map(secondary.flatMap((reading, i) => {
    const key = secondaryKeys[i]?.byRecord;
    return key === undefined ? [] : [[key, reading] as const];
  }));
  const byRank = new Map(secondary.map((reading, i) => [secondaryKeys[i]?.byRank ?? '', reading]));
  const used = new Set<IpmiReading>();
  const merged = keys(primary).map((key, i) => {
    const reading = primary[i] as IpmiReading;
    const other = partner(key, byRecord, byRank);
    if (!other || used.has(other)) return reading;
    used.add(other);
    return combine(reading, other);
  });
  if (options.appendUnmatched === false) return merged;
  return [...merged, ...secondary.filter((reading) => !used.has(reading))];
}

/** Fields that describe the record, taken from `a` where it has them, else from `b`. */
const DESCRIPTION = ['number', 'recordId', 'entity', 'sensorType', 'eventClass', 'typedByIpmitool', 'unit'] as const;
/** Fields of one reading, taken together from the listing that read it. */
const READING = ['value', 'decimals', 'health', 'crossed', 'unavailable', 'rawState'] as const;

/**
 * `a`, completed from `b`; where both tell, `a` wins (it holds the finer
 * precision). The reading is `b`'s where `a` printed none: `b`'s value
 * (`sdr elist` "No Reading", `sensor` a value), or `b`'s want of one where
 * `a` gives no reason of its own (`sensor`'s "na" says less than elist's
 * "Disabled": scanning off).
 */
function combine(a: IpmiReading, b: IpmiReading): IpmiReading {
  const out: IpmiReading = { name: a.name, states: a.states, thresholds: { ...b.thresholds, ...a.thresholds }, line: a.line };
  if (a.ranges || b.ranges) out.ranges = { ...b.ranges, ...a.ranges };
  for (const field of DESCRIPTION) copy(out, field, a[field] ?? b[field]);
  // A unit `a` guessed from a cut ("100.50 degrees ") yields to the one `b` printed whole (`sensor`'s "degrees F").
  if (a.unitFromCut && b.unit !== undefined && !b.unitFromCut) out.unit = b.unit;
  else copy(out, 'unitFromCut', out.unit === a.unit ? a.unitFromCut : b.unitFromCut);
  const fromB = readsFromSecondary(a, b);
  for (const field of READING) copy(out, field, (fromB ? b : a)[field]);
  // Event texts beside b's threshold status are a threshold record's comparison bits misnumbered (`-c sdr`).
  if (fromB && isRawThresholdRecord(b)) out.states = b.states;
  return out;
}

/** A threshold record without an analog reading, as `sensor` prints it: its raw byte and its status. */
function isRawThresholdRecord(reading: IpmiReading): boolean {
  return reading.eventClass === 'threshold' && reading.rawState !== undefined;
}

/**
 * Whether `a` printed no reading, and `b` printed a value, or its want of one where `a` gives no reason (null beside
 * "Disabled" says less; a verdict, read while `b` could not, says more), or the raw byte of a threshold record without
 * an analog reading, of which `sdr elist` prints no more than its status ("VRD Hot | 09h | ok | 3.1 |"; `sensor`:
 * "VRD Hot | 0x0 | | ok") and `-c sdr` its comparison bits as misnumbered event texts beside "ok".
 */
function readsFromSecondary(a: IpmiReading, b: IpmiReading): boolean {
  if (isRawThresholdRecord(b)) return printsNoReading(a);
  if (a.value !== undefined || b.value === undefined) return false;
  return b.value !== null || (a.unavailable === undefined && a.health === undefined);
}

function printsNoReading(reading: IpmiReading): boolean {
  return reading.value === undefined && reading.rawState === undefined && reading.unavailable === undefined;
}

function copy<K extends keyof IpmiReading>(target: IpmiReading, field: K, value: IpmiReading[K]): void {
  if (value !== undefined) target[field] = value;
}
