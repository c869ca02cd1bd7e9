/**
 * `ipmitool dcmi power reading`: "key: value" lines padded with spaces,
 * powers as "<n> Watts", the sampling period as "00699043 Seconds." and the
 * measurement state as "Power reading state is: activated". FreeIPMI's
 * `ipmi-dcmi --get-system-power-statistics` (ipmi-dcmi.c) prints the same
 * response its own way: "Current Power : 254 Watts", "Minimum Power over
 * sampling duration : 0 watts", the period as "231287000 milliseconds" and
 * "Power Measurement : Active" (or "Not Available").
 */
import type { DcmiPowerReading } from './types.js';
import { splitLines } from './text.js';

type WattsField = 'instantaneous' | 'minimum' | 'maximum' | 'average';

const WATTS: ReadonlyArray<[RegExp, WattsField]> = [
  [/^(?:Instantaneous power reading|Current Power)$/i, 'instantaneous'],
  [/^(?:Minimum during sampling period|Minimum Power over sampling duration)$/i, 'minimum'],
  [/^(?:Maximum during sampling period|Maximum Power over sampling duration)$/i, 'maximum'],
  [/^(?:Average power reading over sample period|Average Power over sampling duration)$/i, 'average'],
];

/** Parses `ipmitool dcmi power reading` output. */
export function parseDcmiPowerReading(text: string): DcmiPowerReading {
  const result: DcmiPowerReading = { format: 'dcmi-power', noise: [] };
  splitLines(text).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const colon = raw.indexOf(':');
    const key = raw.slice(0, Math.max(colon, 0)).trim();
    const value = raw.slice(colon + 1).trim();
    if (colon < 0 || !readField(result, key, value)) result.noise.push({ line: index + 1, text: raw });
  });
  return result;
}

function readField(result: DcmiPowerReading, key: string, value: string): boolean {
  const watts = WATTS.find(([pattern]) => pattern.test(key));
  if (watts) {
    const match = /^(\d+) Watts$/i.exec(value);
    if (match) result[watts[1]] = Number(match[1]);
    return match !== null;
  }
  if (/^Sampling period$/i.test(key)) {
    const match = /^(\d+) Seconds\.?$/.exec(value);
    if (match) result.samplingPeriodSeconds = Number(match[1]);
    return match !== null;
  }
  if (/^Statistics reporting time period$/i.test(key)) {
    const match = /^(\d+) milliseconds$/i.exec(value);
    if (match) result.samplingPeriodSeconds = Number(match[1]) / 1000;
    return match !== null;
  }
  if (/^Power reading state is$/i.test(key)) {
    result.active = value === 'activated';
    return value === 'activated' || value === 'deactivated';
  }
  if (/^Power Measurement$/i.test(key)) {
    result.active = value === 'Active';
    return value === 'Active' || value === 'Not Available';
  }
  return /^(?:IPMI timestamp|Time Stamp)$/i.test(key);
}
