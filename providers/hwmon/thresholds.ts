/**
 * hwmon limits → snapshot thresholds, without the placeholders chips report
 * for "no limit".
 *
 * | hwmon item  | threshold        |
 * |-------------|------------------|
 * | `min`       | lowerNonCritical |
 * | `max`       | upperNonCritical |
 * | `lcrit`     | lowerCritical    |
 * | `crit`      | upperCritical    |
 * | `emergency` | upperFatal       |
 *
 * hwmon has no lower emergency limit, so lowerFatal never appears.
 * Hysteresis (`*_hyst`) has no place in the snapshot and is not read.
 */
import type { ThresholdName, Thresholds } from '../../src/model/snapshot.js';
import type { ChannelType } from './attributes.js';

export const THRESHOLD_ITEMS = {
  min: 'lowerNonCritical',
  max: 'upperNonCritical',
  lcrit: 'lowerCritical',
  crit: 'upperCritical',
  emergency: 'upperFatal',
} as const satisfies Record<string, ThresholdName>;

export type ThresholdItem = keyof typeof THRESHOLD_ITEMS;

export const LOWER_ITEMS: readonly ThresholdItem[] = ['min', 'lcrit'];
const UPPER_ITEMS: readonly ThresholdItem[] = ['max', 'crit', 'emergency'];

export function isThresholdItem(item: string): item is ThresholdItem {
  return Object.hasOwn(THRESHOLD_ITEMS, item);
}

/** Raw limits of one channel, in the hwmon unit, keyed by item. */
export type RawLimits = Partial<Record<ThresholdItem, number>>;

/** Absolute zero in millidegrees: nothing is colder, so a limit at or below it is unset. */
export const TEMP_ABSOLUTE_ZERO = -273_150;
/** 0xFFFF kelvin in millidegrees Celsius: the NVMe value for a threshold the drive does not report. */
export const TEMP_UNSET_KELVIN_MAX = 65_261_850;
/**
 * Register extremes that Super I/O chips and others report for a limit that
 * was never programmed: signed and unsigned 8-bit all-ones, the signed 8-bit
 * minimum, and 0x81 (-127 °C), the low limit lm85-family chips (lm85,
 * adm1027, adt7463, adt7473) reset to; and in the offset-64 encoding of
 * adt7475-family chips' extended range (a UniFi Dream Machine's), 0x01
 * (-63 °C) and 0xFF (191 °C). No limit of a real part sits there, on either
 * side.
 */
export const TEMP_UNSET_REGISTER: readonly number[] = [127_000, 255_000, -128_000, -127_000, -63_000, 191_000];

/**
 * Whether a raw limit is a placeholder for "no limit":
 * - temperatures at or below absolute zero, at or above 0xFFFF K, and the
 *   8-bit register extremes above;
 * - an upper temperature limit at or below 0 °C: `crit` 0 on chips without
 *   one, and the garbage an ITE chip's never-programmed registers hold
 *   (`temp1` high -20 °C, `temp3` high -74 °C: frankcrawford/it87#59,
 *   groeck/it87#80); no hardware's upper temperature limit is below freezing;
 * - any other quantity's limit of 0 (fan `min` 0 disables the alarm; `in`
 *   min = max = 0 on chips that never set limits);
 * - a negative fan speed (it87 reads a limit register at 0 as -1 RPM);
 * - an upper current or power limit below 0: a PMBus device that answers a
 *   limit it lacks with all ones reads it as -0.5 (LINEAR11 0xFFFF), and a
 *   negative upper limit would put every reading above it.
 */
export function isPlaceholderLimit(type: ChannelType, item: ThresholdItem, raw: number): boolean {
  if (type === 'fan') return raw <= 0;
  if ((type === 'curr' || type === 'power') && UPPER_ITEMS.includes(item) && raw < 0) return true;
  if (type !== 'temp') return raw === 0;
  if (raw <= TEMP_ABSOLUTE_ZERO || raw >= TEMP_UNSET_KELVIN_MAX || TEMP_UNSET_REGISTER.includes(raw)) return true;
  return raw <= 0 && UPPER_ITEMS.includes(item);
}

/**
 * The limits that mean something: placeholders dropped, then contradictions
 * resolved. A lower limit at or above an upper one would put every reading
 * out of range; the limit in the most such pairs goes, and when that is a
 * tie (min = max = 127 °C) all of the tied ones go, until none is left.
 */
export function usableLimits(type: ChannelType, limits: RawLimits): RawLimits {
  // Every limit at 0 °C is a chip that never programmed any (a DIMM's jc42, a drive): its lower 0 °C is no limit either.
  const neverSet = type === 'temp' && UPPER_ITEMS.some((item) => limits[item] !== undefined) && UPPER_ITEMS.every((item) => (limits[item] ?? 0) === 0);
  const kept = withoutPlaceholders(type, limits);
  if (neverSet) for (const item of LOWER_ITEMS) if (kept[item] === 0) delete kept[item];
  for (;;) {
    const conflicts = conflictCounts(kept);
    const most = Math.max(0, ...conflicts.values());
    if (most === 0) return kept;
    for (const [item, count] of conflicts) if (count === most) delete kept[item];
  }
}

function withoutPlaceholders(type: ChannelType, limits: RawLimits): RawLimits {
  const kept: RawLimits = {};
  for (const [item, raw] of Object.entries(limits) as [ThresholdItem, number][]) {
    if (!isPlaceholderLimit(type, item, raw)) kept[item] = raw;
  }
  return kept;
}

/** For each limit, how many limits on the other side it contradicts. */
function conflictCounts(limits: RawLimits): Map<ThresholdItem, number> {
  const counts = new Map<ThresholdItem, number>();
  for (const lower of LOWER_ITEMS) {
    for (const upper of UPPER_ITEMS) {
      const low = limits[lower];
      const high = limits[upper];
      if (low === undefined || high === undefined || low < high) continue;
      counts.set(lower, (counts.get(lower) ?? 0) + 1);
      counts.set(upper, (counts.get(upper) ?? 0) + 1);
    }
  }
  return counts;
}

/** Usable limits as snapshot thresholds, scaled by `scale` (raw → plain unit). */
export function toThresholds(limits: RawLimits, scale: (raw: number) => number): Thresholds {
  const thresholds: Thresholds = {};
  for (const [item, raw] of Object.entries(limits) as [ThresholdItem, number][]) {
    thresholds[THRESHOLD_ITEMS[item]] = scale(raw);
  }
  return thresholds;
}
