/**
 * The hwmon attribute grammar and the text of attribute files
 * (Linux Documentation/hwmon/sysfs-interface.rst).
 *
 * A sensor attribute is named `<type><index>_<item>` (`temp1_input`,
 * `in0_max`, `fan2_alarm`); a PWM output is the bare `pwm<index>`. Values are
 * integers in fixed units (millidegrees, millivolts, microwatts, …), one per
 * file, ending with a newline.
 */
import type { SensorKind, SensorUnit } from '../../src/model/snapshot.js';
import { HwmonError } from './errors.js';

export const CHANNEL_TYPES = ['temp', 'in', 'curr', 'power', 'energy', 'fan', 'freq', 'humidity', 'pwm', 'intrusion'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export interface AttributeName {
  type: ChannelType;
  index: number;
  /** What follows `<type><index>_`: 'input', 'crit_alarm'; '' for a bare `pwm1`. */
  item: string;
}

// Indices have no leading zeros in the ABI; refusing them keeps `temp01` from shadowing `temp1`.
const ATTRIBUTE = new RegExp(`^(${CHANNEL_TYPES.join('|')})(0|[1-9][0-9]{0,5})(?:_([a-z][a-z0-9_]*))?$`);

/** Splits an attribute file name; undefined for files that are not channel attributes (`name`, `cpu0_vid`, `uevent`). */
export function parseAttributeName(file: string): AttributeName | undefined {
  const match = ATTRIBUTE.exec(file);
  if (!match) return undefined;
  const type = match[1] as ChannelType;
  const item = match[3] ?? '';
  // Only PWM outputs are bare; `fan1` alone is no attribute of the ABI.
  if (item === '' && type !== 'pwm') return undefined;
  return { type, index: Number(match[2]), item };
}

/** `temp1` for temp/1: the channel's name, used in ids and fallback labels. */
export function channelName(type: ChannelType, index: number): string {
  return `${type}${index}`;
}

/**
 * The text of an attribute without the trailing newline and without padding:
 * some drivers and capture tools leave whitespace or a page of NULs after
 * the value.
 */
export function cleanAttributeText(raw: string): string {
  return raw.replace(/^[\s\0]+|[\s\0]+$/g, '');
}

const INTEGER = /^[+-]?[0-9]+$/;

/** The integer an attribute holds; a `BAD_VALUE` HwmonError for anything else. */
export function parseAttributeInteger(raw: string, path = ''): number {
  const text = cleanAttributeText(raw);
  if (!INTEGER.test(text)) {
    throw new HwmonError('BAD_VALUE', path, `expected an integer, got ${JSON.stringify(text.slice(0, 40))}`);
  }
  // 64-bit counters (energy in µJ) beyond 2^53 lose their last digits here; a JS number cannot hold more.
  return Number(text);
}

/** A label as a person reads it: padding trimmed, control characters as spaces; undefined when empty. */
export function parseLabel(raw: string): string | undefined {
  const text = cleanAttributeText(raw.replace(/[\u0000-\u001f\u007f]+/g, ' '));
  return text === '' ? undefined : text;
}

export interface Quantity {
  kind: SensorKind;
  unit: SensorUnit;
  /** Decimal digits of the hwmon unit below the plain unit: value = raw × 10^-decimals. */
  decimals: number;
  /** Where the driver's unit is above the plain one (decimals 0): value = raw × multiplier. */
  multiplier?: number;
}

/** What each numeric channel measures, and the power of ten between the hwmon unit and the plain one. */
export const QUANTITIES: Readonly<Record<Exclude<ChannelType, 'pwm' | 'intrusion'>, Quantity>> = {
  temp: { kind: 'temperature', unit: 'celsius', decimals: 3 }, // millidegree Celsius
  in: { kind: 'voltage', unit: 'volts', decimals: 3 }, // millivolt
  curr: { kind: 'current', unit: 'amps', decimals: 3 }, // milliampere
  power: { kind: 'power', unit: 'watts', decimals: 6 }, // microwatt
  energy: { kind: 'energy', unit: 'joules', decimals: 6 }, // microjoule
  fan: { kind: 'fan', unit: 'rpm', decimals: 0 }, // revolutions per minute
  freq: { kind: 'frequency', unit: 'hertz', decimals: 0 }, // hertz
  humidity: { kind: 'humidity', unit: 'percent', decimals: 3 }, // milli-percent relative humidity
};

/**
 * A per-driver table's entry for a name read from sysfs (a chip's, a
 * driver's, a subsystem's): its own entries only, so that a chip named
 * `constructor` or `__proto__` finds nothing rather than Object's members.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Channels whose driver departs from the ABI's unit: ina3221's in4–in6 are
 * its shunt voltages and in7 their sum, in microvolts
 * (Documentation/hwmon/ina3221.rst).
 */
const MICROVOLT_CHANNELS: Readonly<Record<string, readonly number[]>> = { ina3221: [4, 5, 6, 7] };
const MICROVOLTS: Quantity = { kind: 'voltage', unit: 'volts', decimals: 6 };

/**
 * Chips whose frequencies are in MHz: the OCC of IBM POWER processors, read
 * by its host's BMC (Documentation/hwmon/occ.rst; p8_i2c.c and p9_sbe.c name
 * the chips).
 */
// The driver names the chip occ since "hwmon: (occ) Delay hwmon registration until user request" (Linux 5.19).
const MEGAHERTZ_CHIPS: readonly string[] = ['occ', 'p8_occ', 'p9_occ'];
const MEGAHERTZ: Quantity = { kind: 'frequency', unit: 'hertz', decimals: 0, multiplier: 1_000_000 };

/** What a chip's numeric channel measures: QUANTITIES, but for the channels whose driver says otherwise. */
export function quantityOf(chip: string, type: Exclude<ChannelType, 'pwm' | 'intrusion'>, index: number): Quantity {
  if (type === 'in' && ownEntry(MICROVOLT_CHANNELS, chip)?.includes(index)) return MICROVOLTS;
  if (type === 'freq' && MEGAHERTZ_CHIPS.includes(chip)) return MEGAHERTZ;
  return QUANTITIES[type];
}

/** A raw reading in the plain unit: exact to `decimals` digits after the point (a whole multiple of `multiplier`, when more than 1). */
export function scaleReading(raw: number, decimals: number, multiplier = 1): number {
  return decimals === 0 ? raw * multiplier : raw / 10 ** decimals;
}

/** PWM duty cycles are 0–255; reported in percent to one decimal (a step is 0.39 %). */
export const PWM_QUANTITY: Quantity = { kind: 'other', unit: 'percent', decimals: 1 };
export const PWM_MAX = 255;

/** Drivers whose duty cycle runs to another full scale: nouveau's is a percentage (drm/nouveau/nouveau_hwmon.c). */
const PWM_FULL_SCALE: Readonly<Record<string, number>> = { nouveau: 100 };

/** The raw value of a chip's PWM output at 100 %. */
export function pwmFullScale(chip: string): number {
  return ownEntry(PWM_FULL_SCALE, chip) ?? PWM_MAX;
}

/** A PWM duty cycle in percent of `fullScale`; a `BAD_VALUE` HwmonError outside 0–`fullScale`. */
export function pwmPercent(raw: number, path = '', fullScale = PWM_MAX): number {
  if (raw < 0 || raw > fullScale) throw new HwmonError('BAD_VALUE', path, `PWM duty cycle ${raw} is outside 0–${fullScale}`);
  return Math.round((raw * 1000) / fullScale) / 10;
}
