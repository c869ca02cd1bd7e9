/**
 * Numeric sensor encoding (DSP1009, CIM_NumericSensor): SensorType and
 * BaseUnits for a snapshot sensor, and the integer readings with their
 * UnitModifier (real value = CurrentReading × 10^UnitModifier).
 */
import type { DiscreteSensorKind, SensorKind, SensorUnit } from './snapshot.js';

export const SINT32_MIN = -2147483648;
export const SINT32_MAX = 2147483647;

/** CIM_Sensor.SensorType values. */
export const SensorType = {
  Other: 1, Temperature: 2, Voltage: 3, Current: 4, Tachometer: 5, Counter: 6, Switch: 7, Lock: 8,
  Humidity: 9, SmokeDetection: 10, Presence: 11, AirFlow: 12, PowerConsumption: 13, PowerProduction: 14,
  Pressure: 15, Intrusion: 16,
} as const;

interface TypeEncoding {
  sensorType: number;
  /** OtherSensorTypeDescription, required with SensorType 1 Other. */
  otherDescription?: string;
}

const KIND_TYPES: Readonly<Record<Exclude<SensorKind, 'other'>, TypeEncoding>> = {
  temperature: { sensorType: SensorType.Temperature },
  voltage: { sensorType: SensorType.Voltage },
  current: { sensorType: SensorType.Current },
  power: { sensorType: SensorType.PowerConsumption },
  energy: { sensorType: SensorType.Other, otherDescription: 'Energy' },
  fan: { sensorType: SensorType.Tachometer },
  frequency: { sensorType: SensorType.Other, otherDescription: 'Frequency' },
  humidity: { sensorType: SensorType.Humidity },
  pressure: { sensorType: SensorType.Pressure },
  airflow: { sensorType: SensorType.AirFlow },
  utilization: { sensorType: SensorType.Other, otherDescription: 'Utilization' },
};

/** CIM_NumericSensor.BaseUnits by the unit of the reading. */
const BASE_UNITS: Readonly<Record<SensorUnit, number>> = {
  celsius: 2, fahrenheit: 3, kelvin: 4, volts: 5, amps: 6, watts: 7, joules: 8, voltamperes: 10, psi: 16, cfm: 18,
  rpm: 19, hertz: 20, seconds: 21, inches: 27, feet: 28, meters: 31, liters: 34, ohms: 49, percent: 65, pascals: 66,
  unspecified: 0,
};

/** OtherSensorTypeDescription is MaxLen 128. */
const OTHER_DESCRIPTION_MAX = 128;

export interface SensorEncoding {
  sensorType: number;
  otherSensorTypeDescription: string | undefined;
  baseUnits: number;
}

/**
 * SensorType follows what is measured, BaseUnits the unit it is measured in
 * (a fan reported in percent is SensorType 5 with BaseUnits 65, as
 * check_esxi_hardware expects). An `other` sensor is described by its label.
 */
export function sensorEncoding(kind: SensorKind, unit: SensorUnit, label: string): SensorEncoding {
  const type = kind === 'other' ? otherType(label) : KIND_TYPES[kind];
  return { sensorType: type.sensorType, otherSensorTypeDescription: type.otherDescription, baseUnits: BASE_UNITS[unit] };
}

const DISCRETE_TYPES: Readonly<Record<Exclude<DiscreteSensorKind, 'other'>, TypeEncoding>> = {
  presence: { sensorType: SensorType.Presence },
  intrusion: { sensorType: SensorType.Intrusion },
  powerSupplyStatus: { sensorType: SensorType.Other, otherDescription: 'Power Supply Status' },
  redundancy: { sensorType: SensorType.Other, otherDescription: 'Redundancy' },
};

/** SensorType (and its description when Other) of a discrete sensor. */
export function discreteSensorEncoding(kind: DiscreteSensorKind, label: string): Omit<SensorEncoding, 'baseUnits'> {
  const type = kind === 'other' ? otherType(label) : DISCRETE_TYPES[kind];
  return { sensorType: type.sensorType, otherSensorTypeDescription: type.otherDescription };
}

function otherType(label: string): TypeEncoding {
  return { sensorType: SensorType.Other, otherDescription: label.slice(0, OTHER_DESCRIPTION_MAX) || 'Other' };
}

export interface ScaledValues {
  unitModifier: number;
  /** The values as sint32 integers, in the order given. */
  integers: number[];
}

/**
 * Writes finite values as sint32 integers sharing one UnitModifier: exact at
 * `decimals` digits after the point when every value fits, otherwise one
 * digit less at a time until all fit (the only case where precision is lost).
 */
export function scaleToSint32(values: readonly number[], decimals: number): ScaledValues {
  if (!Number.isInteger(decimals)) throw new RangeError(`decimals must be an integer, not ${decimals}`);
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`a sensor value must be finite, not ${bad}`);
  for (let digits = decimals; ; digits--) {
    const integers = values.map((v) => scaled(v, digits));
    if (integers.every((n) => n >= SINT32_MIN && n <= SINT32_MAX)) return { unitModifier: zeroless(-digits), integers };
  }
}

/** v × 10^digits rounded half away from zero; dividing by an exact power of ten where digits < 0. */
export function scaled(v: number, digits: number): number {
  const x = digits >= 0 ? v * 10 ** digits : v / 10 ** -digits;
  return zeroless(Math.sign(x) * Math.round(Math.abs(x)));
}

/** -0 and 0 are the same reading; the wire should never say "-0". */
function zeroless(n: number): number {
  return n === 0 ? 0 : n;
}
