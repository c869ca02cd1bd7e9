/**
 * Merges two listings of the same BMC, e.g. `sdr elist` (sensor numbers,
 * entities, discrete states, the printed precision) with `sensor`
 * (thresholds, units of unreadable sensors). Records are matched by name and
 * by their rank among records of that name, since both tools walk the SDR in
 * the same order and names repeat ("Temp" twice on Dell).
 */
import type { IpmiReading } from './types.js';

function keys(readings: readonly IpmiReading[]): string[] {
  const seen = new Map<string, number>();
  return readings.map((reading) => {
    const rank = seen.get(reading.name) ?? 0;
    seen.set(reading.name, rank + 1);
    return `${reading.name}\u0000${rank}`;
  });
}

export interface MergeOptions {
  /** Whether records only `secondary` lists follow the merged ones. Default true. */
  appendUnmatched?: boolean;
}

/** `primary` with what `secondary` adds; records only in `secondary` follow, in its order. */
export function mergeReadings(primary: readonly IpmiReading[], secondary: readonly IpmiReading[], options: MergeOptions = {}): IpmiReading[] {
  const secondaryKeys = keys(secondary);
  const byKey = new Map(secondary.map((reading, i) => [secondaryKeys[i] ?? '', reading]));
  const used = new Set<IpmiReading>();
  const merged = keys(primary).map((key, i) => {
    const reading = primary[i] as IpmiReading;
    const other = byKey.get(key);
    if (!other) return reading;
    used.add(other);
    return combine(reading, other);
  });
  if (options.appendUnmatched === false) return merged;
  return [...merged, ...secondary.filter((reading) => !used.has(reading))];
}

/** `a`, completed from `b`; where both tell, `a` wins (it holds the finer precision). */
function combine(a: IpmiReading, b: IpmiReading): IpmiReading {
  const out: IpmiReading = { ...b, ...definedOnly(a), states: a.states, thresholds: { ...b.thresholds, ...a.thresholds } };
  if (a.value === undefined && b.value !== undefined) {
    // Only `b` read an analog value (e.g. `sdr elist` printed "No Reading", `sensor` a unit).
    for (const field of ['value', 'decimals', 'health', 'unavailable'] as const) {
      if (b[field] === undefined) delete out[field];
      else Object.assign(out, { [field]: b[field] });
    }
  }
  return out;
}

function definedOnly(reading: IpmiReading): Partial<IpmiReading> {
  return Object.fromEntries(Object.entries(reading).filter(([, value]) => value !== undefined)) as Partial<IpmiReading>;
}
