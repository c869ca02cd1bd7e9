/**
 * The declared ranges' one consistency rule, shared by the model and the simulated scenario check: a normal or
 * readable range whose minimum is above its maximum says nothing of either bound.
 * The nominal reading may lie anywhere, even outside the normal range (a Dell iDRAC's fan: nominal 5325 RPM,
 * normal minimum 10425; ironic's ipmitool capture).
 */
import type { SensorRanges } from './snapshot.js';

/** The ranges with a minimum and a maximum, minimum first. */
export const RANGE_PAIRS = [['normalMin', 'normalMax'], ['minReadable', 'maxReadable']] as const;

export type RangePair = (typeof RANGE_PAIRS)[number];

/** The pairs of `ranges` whose minimum is above their maximum. */
export function invertedRanges(ranges: SensorRanges | undefined): RangePair[] {
  return RANGE_PAIRS.filter((pair) => isInverted(ranges, pair));
}

/** Whether the minimum of `pair` in `ranges` is above its maximum (allocates nothing: it runs on every sample). */
export function isInverted(ranges: SensorRanges | undefined, [min, max]: RangePair): boolean {
  const low = ranges?.[min];
  const high = ranges?.[max];
  return low !== undefined && high !== undefined && low > high;
}

/** `ranges` without both bounds of each inverted pair (`inverted`, found when not given). */
export function withoutInvertedRanges(ranges: SensorRanges, inverted: readonly RangePair[] = invertedRanges(ranges)): SensorRanges {
  if (inverted.length === 0) return ranges;
  const kept = { ...ranges };
  for (const [min, max] of inverted) {
    delete kept[min];
    delete kept[max];
  }
  return kept;
}
