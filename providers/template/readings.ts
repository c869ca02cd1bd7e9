/**
 * The template's data source: a JSON file in a made-up vendor format, as an
 * OEM tool might write it. The point is the mapping: the vendor's words
 * (temp, warn, crit) become the neutral snapshot's (temperature,
 * upperNonCritical, upperCritical), and the model builder does the CIM.
 *
 *   { "readings": [
 *       { "name": "Inlet", "type": "temp", "value": 24.5, "warn": 40, "crit": 45 },
 *       { "name": "Fan 1", "type": "fan",  "value": 5200, "min": 1000 },
 *       { "name": "12V",   "type": "volt", "value": 12.08, "min": 11.4, "crit": 12.6 } ] }
 *
 * `value` null means the vendor tool had no reading.
 */
import type { Fan, HardwareSnapshot, NumericSensor, SensorKind, SensorUnit, ThresholdName, Thresholds } from '../../src/model/snapshot.js';

export interface Reading {
  name: string;
  type: ReadingType;
  value: number | null;
  /** Upper warning level → upperNonCritical. */
  warn?: number;
  /** Upper failure level → upperCritical. */
  crit?: number;
  /** Lower failure level → lowerCritical. */
  min?: number;
}

const TYPES = {
  temp: { kind: 'temperature', unit: 'celsius', decimals: 1 },
  fan: { kind: 'fan', unit: 'rpm', decimals: 0 },
  volt: { kind: 'voltage', unit: 'volts', decimals: 3 },
} as const satisfies Record<string, { kind: SensorKind; unit: SensorUnit; decimals: number }>;

export type ReadingType = keyof typeof TYPES;

/** The thresholds a client may change on each type of sensor (the hardware's own rule). */
const SETTABLE: Record<ReadingType, ThresholdName[]> = {
  temp: ['upperNonCritical', 'upperCritical'],
  fan: [],
  volt: [],
};

export const ID_PREFIX = 'template:';

/** The readings of a parsed file; throws naming the first bad field (`readings[2].type: …`). */
export function parseReadings(data: unknown): Reading[] {
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { readings?: unknown }).readings)) {
    throw new Error('expected an object with a "readings" array');
  }
  const seen = new Set<string>();
  return (data as { readings: unknown[] }).readings.map((item, i) => {
    const reading = parseReading(item, `readings[${i}]`);
    const id = sensorId(reading.name);
    if (seen.has(id)) throw new Error(`readings[${i}].name: "${reading.name}" is used twice`);
    seen.add(id);
    return reading;
  });
}

function parseReading(item: unknown, path: string): Reading {
  if (typeof item !== 'object' || item === null) throw new Error(`${path}: expected an object`);
  const { name, type, value, warn, crit, min } = item as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') throw new Error(`${path}.name: expected a non-empty string`);
  if (typeof type !== 'string' || !(type in TYPES)) throw new Error(`${path}.type: expected one of ${Object.keys(TYPES).join(', ')}`);
  if (value !== null && !isNumber(value)) throw new Error(`${path}.value: expected a number or null`);
  for (const [key, level] of Object.entries({ warn, crit, min })) {
    if (level !== undefined && !isNumber(level)) throw new Error(`${path}.${key}: expected a number`);
  }
  return { name: name.trim(), type: type as ReadingType, value: value as number | null, warn: warn as number, crit: crit as number, min: min as number };
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Stable ids from names: the same name gives the same sensor in every sample. */
export function sensorId(name: string): string {
  return `${ID_PREFIX}${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/** The snapshot of the readings; `overrides` are thresholds a client wrote, by sensor id. */
export function toSnapshot(readings: readonly Reading[], overrides: ReadonlyMap<string, Thresholds>): HardwareSnapshot {
  const sensors = readings.map((reading) => toSensor(reading, overrides.get(sensorId(reading.name))));
  const fans: Fan[] = readings.filter((r) => r.type === 'fan').map((r) => ({
    id: `${sensorId(r.name)}/fan`,
    label: r.name,
    speedSensor: sensorId(r.name),
    status: r.value === null ? 'unknown' : 'ok',
  }));
  return { sensors, fans };
}

function toSensor(reading: Reading, override: Thresholds | undefined): NumericSensor {
  const type = TYPES[reading.type];
  const thresholds: Thresholds = {};
  if (reading.warn !== undefined) thresholds.upperNonCritical = reading.warn;
  if (reading.crit !== undefined) thresholds.upperCritical = reading.crit;
  if (reading.min !== undefined) thresholds.lowerCritical = reading.min;
  Object.assign(thresholds, override);
  const settable = SETTABLE[reading.type];
  return {
    id: sensorId(reading.name),
    label: reading.name,
    ...type,
    value: reading.value,
    ...(reading.value === null && { unavailable: 'failed' as const }),
    thresholds,
    ...(settable.length > 0 && { settable }),
    source: 'template',
  };
}
