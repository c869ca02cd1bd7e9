/**
 * Printed IPMI units → the snapshot's kinds and units. ipmitool prints unit
 * names ("degrees C", "Volts"), FreeIPMI abbreviations ("C", "V") unless
 * `--non-abbreviated-units`. The unit decides the kind, not the sensor type:
 * BMCs type power meters as "Current" and print Watts.
 */
import type { SensorKind, SensorUnit } from '../../src/model/snapshot.js';

export interface UnitMapping {
  kind: SensorKind;
  unit: SensorUnit;
  /** Converts a printed value to `unit`; absent when no conversion is needed. */
  convert?: (value: number) => number;
  /** Decimals the converted value keeps. */
  decimals?: number;
}

const TEMPERATURE: UnitMapping = { kind: 'temperature', unit: 'celsius' };
const FAHRENHEIT: UnitMapping = { kind: 'temperature', unit: 'celsius', convert: (f) => ((f - 32) * 5) / 9, decimals: 2 };
const KELVIN: UnitMapping = { kind: 'temperature', unit: 'celsius', convert: (k) => k - 273.15, decimals: 2 };
const VOLTAGE: UnitMapping = { kind: 'voltage', unit: 'volts' };
const CURRENT: UnitMapping = { kind: 'current', unit: 'amps' };
const POWER: UnitMapping = { kind: 'power', unit: 'watts' };
const ENERGY: UnitMapping = { kind: 'energy', unit: 'joules' };
const FAN: UnitMapping = { kind: 'fan', unit: 'rpm' };
const FREQUENCY: UnitMapping = { kind: 'frequency', unit: 'hertz' };
const PERCENT: UnitMapping = { kind: 'utilization', unit: 'percent' };
const AIRFLOW: UnitMapping = { kind: 'airflow', unit: 'cfm' };
const PRESSURE: UnitMapping = { kind: 'pressure', unit: 'pascals', convert: (kpa) => kpa * 1000 };
const SECONDS: UnitMapping = { kind: 'other', unit: 'seconds' };
const OTHER: UnitMapping = { kind: 'other', unit: 'unspecified' };

const UNITS: Readonly<Record<string, UnitMapping>> = {
  'degrees c': TEMPERATURE,
  c: TEMPERATURE,
  'degrees f': FAHRENHEIT,
  f: FAHRENHEIT,
  'degrees k': KELVIN,
  k: KELVIN,
  volts: VOLTAGE,
  v: VOLTAGE,
  amps: CURRENT,
  a: CURRENT,
  watts: POWER,
  w: POWER,
  joules: ENERGY,
  j: ENERGY,
  rpm: FAN,
  hz: FREQUENCY,
  percent: PERCENT,
  '%': PERCENT,
  cfm: AIRFLOW,
  kpa: PRESSURE,
  second: SECONDS,
  seconds: SECONDS,
  s: SECONDS,
};

/** Units of record types, for analog records that printed no unit (no reading). */
const BY_SENSOR_TYPE: Readonly<Record<string, UnitMapping>> = {
  temperature: TEMPERATURE,
  voltage: VOLTAGE,
  current: CURRENT,
  fan: FAN,
};

/** Whether a printed unit belongs to an analog reading (not "discrete", "N/A" or none). */
export function isAnalogUnit(unit: string | undefined): unit is string {
  return unit !== undefined && unit !== '' && unit !== 'discrete' && unit !== 'N/A';
}

export interface UnitContext {
  unit?: string;
  sensorType?: string;
  name: string;
  /** The IPMI entity id: 29 is a fan device. */
  entityId?: number;
}

/** The kind and unit of an analog record. */
export function mapUnit(context: UnitContext): UnitMapping {
  const printed = isAnalogUnit(context.unit) ? context.unit.toLowerCase() : undefined;
  const mapping = printed === undefined ? BY_SENSOR_TYPE[context.sensorType?.toLowerCase() ?? ''] ?? OTHER : UNITS[printed] ?? OTHER;
  const fanDevice = context.sensorType?.toLowerCase() === 'fan' || context.entityId === 29;
  if (mapping.unit === 'percent' && fanDevice) return { kind: 'fan', unit: 'percent' };
  // ipmitool prints "unspecified" for percentages whose SDR lacks the percent flag ("PS1 Curr Out %").
  if (printed === 'unspecified' && context.name.includes('%')) return PERCENT;
  return mapping;
}
