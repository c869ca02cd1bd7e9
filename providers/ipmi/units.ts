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
  /** Decimals the converted value keeps, from the printed ones; absent: the printed ones. */
  decimals?: (printed: number) => number;
}

const TEMPERATURE: UnitMapping = { kind: 'temperature', unit: 'celsius' };
// Served in the unit the BMC prints (BaseUnits Degrees F / K), so readings and thresholds stay exact.
const FAHRENHEIT: UnitMapping = { kind: 'temperature', unit: 'fahrenheit' };
const KELVIN: UnitMapping = { kind: 'temperature', unit: 'kelvin' };
const VOLTAGE: UnitMapping = { kind: 'voltage', unit: 'volts' };
const CURRENT: UnitMapping = { kind: 'current', unit: 'amps' };
const POWER: UnitMapping = { kind: 'power', unit: 'watts' };
const ENERGY: UnitMapping = { kind: 'energy', unit: 'joules' };
const FAN: UnitMapping = { kind: 'fan', unit: 'rpm' };
const FAN_PERCENT: UnitMapping = { kind: 'fan', unit: 'percent' };
/** HP iLO 2 prints its fan blocks' duty cycle as "unspecified". */
const FAN_UNSPECIFIED: UnitMapping = { kind: 'fan', unit: 'unspecified' };
const FREQUENCY: UnitMapping = { kind: 'frequency', unit: 'hertz' };
const PERCENT: UnitMapping = { kind: 'utilization', unit: 'percent' };
const AIRFLOW: UnitMapping = { kind: 'airflow', unit: 'cfm' };
const PRESSURE: UnitMapping = { kind: 'pressure', unit: 'pascals', convert: (kpa) => kpa * 1000, decimals: (d) => Math.max(d - 3, 0) };
const SECONDS: UnitMapping = { kind: 'other', unit: 'seconds' };
const MILLISECONDS: UnitMapping = { kind: 'other', unit: 'seconds', convert: (ms) => ms / 1000, decimals: (d) => d + 3 };
const MICROSECONDS: UnitMapping = { kind: 'other', unit: 'seconds', convert: (us) => us / 1e6, decimals: (d) => d + 6 };
const MINUTES: UnitMapping = { kind: 'other', unit: 'seconds', convert: (min) => min * 60 };
const HOURS: UnitMapping = { kind: 'other', unit: 'seconds', convert: (h) => h * 3600 };
const DAYS: UnitMapping = { kind: 'other', unit: 'seconds', convert: (d) => d * 86400 };
const VOLTAMPERES: UnitMapping = { kind: 'power', unit: 'voltamperes' };
const PSI: UnitMapping = { kind: 'pressure', unit: 'psi' };
const INCHES: UnitMapping = { kind: 'other', unit: 'inches' };
const FEET: UnitMapping = { kind: 'other', unit: 'feet' };
const METERS: UnitMapping = { kind: 'other', unit: 'meters' };
const LITERS: UnitMapping = { kind: 'other', unit: 'liters' };
const OHMS: UnitMapping = { kind: 'other', unit: 'ohms' };
const OTHER: UnitMapping = { kind: 'other', unit: 'unspecified' };

/**
 * ipmitool's unit names and FreeIPMI's abbreviations, lower-cased. Units the
 * snapshot cannot state (Nits, Newtons, …) are `other`/`unspecified` with the
 * printed value.
 */
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
  sec: SECONDS,
  millisecond: MILLISECONDS,
  ms: MILLISECONDS,
  microsecond: MICROSECONDS,
  us: MICROSECONDS,
  minute: MINUTES,
  min: MINUTES,
  hour: HOURS,
  hr: HOURS,
  day: DAYS,
  va: VOLTAMPERES,
  psi: PSI,
  inches: INCHES,
  in: INCHES,
  feet: FEET,
  ft: FEET,
  m: METERS,
  meters: METERS,
  cm: { ...METERS, convert: (cm) => cm / 100, decimals: (d) => d + 2 },
  mm: { ...METERS, convert: (mm) => mm / 1000, decimals: (d) => d + 3 },
  liters: LITERS,
  l: LITERS,
  ohms: OHMS,
  ohm: OHMS,
};

/** Units of record types, for analog records that printed no unit (no reading); the name where no type is printed. */
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
  /** The sensor is a fan's (by type, entity or name): a percentage is of the fan's full speed. */
  fan?: boolean;
}

/** The kind and unit of an analog record. */
export function mapUnit(context: UnitContext): UnitMapping {
  const printed = isAnalogUnit(context.unit) ? withoutPercentFlag(context.unit.toLowerCase()) : undefined;
  const byType = context.sensorType === undefined ? kindByName(context.name) : BY_SENSOR_TYPE[context.sensorType.toLowerCase()];
  const mapping = printed === undefined ? byType ?? OTHER : UNITS[printed] ?? OTHER;
  if (context.fan) {
    if (mapping.unit === 'percent') return FAN_PERCENT;
    if (printed === undefined) return FAN; // no reading, no unit: a fan speed is RPM unless printed otherwise
    if (printed === 'unspecified') return FAN_UNSPECIFIED;
  }
  // ipmitool prints "unspecified" for percentages whose SDR lacks the percent flag ("PS1 Curr Out %").
  if (printed === 'unspecified' && context.name.includes('%')) return PERCENT;
  // A typed record without a unit ("CPU1 DTS", a margin below the processor's limit) still measures what its type says.
  if (printed === 'unspecified' && context.sensorType !== undefined && byType) return { kind: byType.kind, unit: 'unspecified' };
  return mapping;
}

/**
 * ipmitool prints "% " before the base unit when the SDR sets its percentage
 * flag ("% RPM"). BMCs set it on records that read in the base unit
 * (StarlingX quotes "Fan_SYS0_2 | 4700.000 | % RPM" and "54.000 | % degrees
 * C"), so the base unit decides.
 */
function withoutPercentFlag(unit: string): string {
  const base = unit.startsWith('% ') ? unit.slice(2) : unit;
  return UNITS[base] ? base : unit;
}

/** "Temp", not "attempt" (OpenBMC's "RebootAttempts"); Cisco's "DDR3_P1_A1_TMP". */
const TEMPERATURE_NAME = /temp(?!t)|(?<![a-z])tmp(?![a-z])/i;
/** HPE iLO 4-6 number their temperatures, and nothing else: "02-CPU 1", "11-P/S 1", "12-HD Max". */
const HPE_TEMPERATURE_NAME = /^\d{2}-[a-z]/i;
/**
 * A current, though named after its rail: Cisco's "P12V_CUR_SENS" (type
 * Current, Amps), PMBus's IOUT and IIN ("E1S_P12V_IOUT"). Not "Security".
 */
const CURRENT_NAME = /curr|(?<![a-z])cur(?![a-z])|(?<![a-z])amps?(?![a-z])|(?<![a-z])i(?:out|in)(?![a-z])/i;
/**
 * A power, or a percentage ("PS1 Curr Out %"), named after a rail: "P3V3_AUX_PWR", PMBus's
 * POUT and PIN ("HSC_PIN"). No kind: BMCs type power meters as Current or Other, and such a
 * name is no voltage.
 */
const NO_KIND_NAME = /pwr|power|watt|(?<![a-z])p(?:out|in)(?![a-z])|%/i;
/**
 * A rail: "12V", "VBAT", and as words of a name "P12V_SCALED", "P1V5_DDR3"
 * (1.5 V), "P3V3", "5VSB", "12VSB2", Supermicro's "5VCC" and "3.3VCC"; AMI
 * signs its rails ("+VCORE0_CPU2", "-12V").
 */
const VOLTAGE_NAME = /volt|vbat|\d(?:\.\d+)?v(?:\d+|sb\d*|cc)?(?![a-z0-9])|^[+-]\s*[\dv]/i;

/**
 * The kind an unreadable record's name suggests, where the layout printed
 * neither unit nor type ("DIMM Temp | no reading", HPE's "03-CPU 2 |
 * disabled", Cisco's "P12V_SCALED | na | | na"). A current or power named
 * after its rail is told before the rail.
 */
export function kindByName(name: string): UnitMapping | undefined {
  if (TEMPERATURE_NAME.test(name) || HPE_TEMPERATURE_NAME.test(name)) return TEMPERATURE;
  if (NO_KIND_NAME.test(name)) return undefined;
  if (CURRENT_NAME.test(name)) return CURRENT;
  if (VOLTAGE_NAME.test(name)) return VOLTAGE;
  return undefined;
}
