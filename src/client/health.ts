/**
 * A host's hardware health from DMTF classes only (Sensors, Fan, Power
 * Supply, CPU, System Memory, Battery profiles, and redundancy sets): what to
 * ask a WBEM server, and how to judge the answer.
 * Any server implementing the profiles will do; missing classes, NULL
 * values and vendors that fill only HealthState or only OperationalStatus
 * are expected. The state tables are those of check_esxi_hardware
 * (reference profiles.md §12.3), so thincim judges a host as that plugin does.
 */
import { CIMError, CIMStatus, sameName } from '../cim/index.js';
import { headOf } from '../cim/xml-chars.js';
import type { CIMInstance, CIMValue } from '../cim/index.js';
import type { WBEMConnection } from './connection.js';

/** Nagios plugin states, in the exit-code order. */
export type NagiosState = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

export const EXIT_CODES: Readonly<Record<NagiosState, number>> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };

/** States by how bad they are, for combining: CRITICAL > WARNING > UNKNOWN > OK (monitoring-plugins' max_state_alt). */
const SEVERITY: Readonly<Record<NagiosState, number>> = { OK: 0, UNKNOWN: 1, WARNING: 2, CRITICAL: 3 };

export function worstState(states: Iterable<NagiosState>): NagiosState {
  let worst: NagiosState = 'OK';
  for (const s of states) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

export interface ElementStatus {
  state: NagiosState;
  /** The status in the schema's words, e.g. "Critical failure", "Degraded". */
  text: string;
}

/** HealthState (DSP1009/CIM_ManagedSystemElement): 0,5 OK; 10,15 WARNING; 20,25,30 CRITICAL. */
const HEALTH_STATES: ReadonlyMap<number, ElementStatus> = new Map([
  [0, { state: 'OK', text: 'Unknown' }],
  [5, { state: 'OK', text: 'OK' }],
  [10, { state: 'WARNING', text: 'Degraded/Warning' }],
  [15, { state: 'WARNING', text: 'Minor failure' }],
  [20, { state: 'CRITICAL', text: 'Major failure' }],
  [25, { state: 'CRITICAL', text: 'Critical failure' }],
  [30, { state: 'CRITICAL', text: 'Non-recoverable error' }],
]);

/** A HealthState in the schema's words ("Critical failure"); the number itself when it is not one of DMTF's. */
export function healthStateText(value: number): string {
  return HEALTH_STATES.get(value)?.text ?? String(value);
}

const OPERATIONAL_STATUS: readonly (readonly [NagiosState, string])[] = [
  ['OK', 'Unknown'], ['CRITICAL', 'Other'], ['OK', 'OK'], ['WARNING', 'Degraded'], ['WARNING', 'Stressed'],
  ['WARNING', 'Predictive Failure'], ['CRITICAL', 'Error'], ['CRITICAL', 'Non-Recoverable Error'], ['WARNING', 'Starting'],
  ['WARNING', 'Stopping'], ['CRITICAL', 'Stopped'], ['OK', 'In Service'], ['WARNING', 'No Contact'],
  ['CRITICAL', 'Lost Communication'], ['CRITICAL', 'Aborted'], ['OK', 'Dormant'], ['CRITICAL', 'Supporting Entity in Error'],
  ['OK', 'Completed'], ['OK', 'Power Mode'], ['OK', 'Relocating'], ['OK', 'OperationalStatus 20'],
];

/**
 * An element's status: from HealthState when it has a known value other than
 * 0, else from OperationalStatus[0], else OK for HealthState 0. HealthState 0
 * (Unknown) says nothing, while OperationalStatus may: a sensor that lost its
 * reading is Lost Communication (13) with HealthState 0, and CRITICAL, as
 * check_esxi_hardware judges it. A value neither table knows (vendor ranges)
 * or no status at all is UNKNOWN.
 */
export function elementStatus(instance: CIMInstance): ElementStatus {
  const health = integer(instance.get('HealthState'));
  const known = health === undefined || health === 0 ? undefined : HEALTH_STATES.get(health);
  if (known) return known;
  const operational = instance.get('OperationalStatus');
  const first = integer(Array.isArray(operational) ? operational[0] : operational);
  const entry = first === undefined ? undefined : OPERATIONAL_STATUS[first];
  if (entry) return { state: entry[0], text: entry[1] };
  if (health === 0) return HEALTH_STATES.get(0)!;
  if (health !== undefined) return { state: 'UNKNOWN', text: `HealthState ${health}` };
  if (first !== undefined) return { state: 'UNKNOWN', text: `OperationalStatus ${first}` };
  return NO_STATUS;
}

const NO_STATUS: ElementStatus = Object.freeze({ state: 'UNKNOWN', text: 'no status' });

function integer(value: CIMValue | undefined): number | undefined {
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** A value as the sensor means it: raw × 10^UnitModifier, with its exact decimal text. */
export interface Reading {
  value: number;
  text: string;
}

/** The most digits of scaling written out in full; beyond, the text uses an exponent. */
const MAX_PLAIN_SCALE = 30;

/** raw × 10^modifier without binary rounding noise: 532 × 10^-1 is "53.2", not 53.200000000000003. */
export function scaleReading(raw: number | bigint, modifier: number): Reading {
  if (typeof raw === 'number' && !Number.isInteger(raw)) {
    const value = raw * 10 ** modifier;
    return { value, text: String(value) };
  }
  const n = BigInt(raw);
  const sign = n < 0n ? '-' : '';
  const digits = (n < 0n ? -n : n).toString();
  let text: string;
  if (Math.abs(modifier) > MAX_PLAIN_SCALE) text = `${sign}${digits}e${modifier}`;
  else if (modifier >= 0) text = `${sign}${digits}${'0'.repeat(modifier)}`;
  else {
    const padded = digits.padStart(-modifier + 1, '0');
    text = `${sign}${padded.slice(0, modifier)}.${padded.slice(modifier)}`;
  }
  return { value: Number(text), text };
}

/** BaseUnits (CIM_NumericSensor ValueMap 0..66) as the symbols people read; '' for Unknown/Other. */
const BASE_UNITS: readonly string[] = [
  '', '', '°C', '°F', 'K', 'V', 'A', 'W', 'J', 'C', 'VA', 'nits', 'lm', 'lx', 'cd', 'kPa', 'PSI', 'N', 'CFM', 'RPM', 'Hz',
  's', 'min', 'h', 'days', 'weeks', 'mils', 'in', 'ft', 'in³', 'ft³', 'm', 'cm³', 'm³', 'l', 'fl oz', 'rad', 'sr',
  'revolutions', 'cycles', 'g', 'oz', 'lb', 'ft·lb', 'oz·in', 'gauss', 'gilberts', 'H', 'F', 'Ω', 'S', 'mol', 'Bq', 'ppm',
  'dB', 'dBA', 'dBC', 'Gy', 'Sv', 'K', 'bits', 'B', 'words', 'doublewords', 'quadwords', '%', 'Pa',
];

/** RateUnits 0..9: None, per µs, ms, s, minute, hour, day, week, month, year. */
const RATE_UNITS: readonly string[] = ['', '/µs', '/ms', '/s', '/min', '/h', '/day', '/week', '/month', '/year'];

/** The unit of a numeric sensor: BaseUnits then RateUnits, e.g. "°C", "RPM", "B/s"; '' when unknown. */
export function sensorUnit(instance: CIMInstance): string {
  const base = integer(instance.get('BaseUnits'));
  const rate = integer(instance.get('RateUnits'));
  const unit = base === undefined ? '' : BASE_UNITS[base] ?? `unit ${base}`;
  return unit + (rate === undefined ? '' : RATE_UNITS[rate] ?? ` per unit ${rate}`);
}

export const THRESHOLDS = [
  'LowerThresholdFatal', 'LowerThresholdCritical', 'LowerThresholdNonCritical',
  'UpperThresholdNonCritical', 'UpperThresholdCritical', 'UpperThresholdFatal',
] as const;

export type ThresholdName = (typeof THRESHOLDS)[number];

export interface SensorReading {
  /** Undefined when CurrentReading is NULL (a sensor that cannot be read now). */
  current?: Reading;
  unit: string;
  /** The thresholds the sensor has (non-NULL), scaled like the reading. */
  thresholds: Partial<Record<ThresholdName, Reading>>;
  minReadable?: Reading;
  maxReadable?: Reading;
}

/**
 * CurrentReading × 10^UnitModifier as a number, undefined when NULL: what a
 * chart stores for every sensor every sample, without the exact text and the
 * thresholds sensorReading makes. The same number as sensorReading's: a
 * safe integer and a power of ten up to 10^22 are exact doubles, so one
 * division or product rounds once (46123 at -3 is the double nearest
 * 46.123); anything else goes the exact way.
 */
export function currentValue(instance: CIMInstance): number | undefined {
  const raw = instance.get('CurrentReading');
  if (typeof raw !== 'number' && typeof raw !== 'bigint') return undefined;
  const modifier = integer(instance.get('UnitModifier')) ?? 0;
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && Math.abs(modifier) <= 22) {
    return modifier < 0 ? raw / 10 ** -modifier : raw * 10 ** modifier;
  }
  return scaleReading(raw, modifier).value;
}

/** Reading, unit and thresholds of a CIM_NumericSensor; a NULL UnitModifier counts as 0. */
export function sensorReading(instance: CIMInstance): SensorReading {
  const modifier = integer(instance.get('UnitModifier')) ?? 0;
  const read = (name: string): Reading | undefined => {
    const raw = instance.get(name);
    return typeof raw === 'number' || typeof raw === 'bigint' ? scaleReading(raw, modifier) : undefined;
  };
  const thresholds: Partial<Record<ThresholdName, Reading>> = {};
  for (const name of THRESHOLDS) {
    const value = read(name);
    if (value) thresholds[name] = value;
  }
  const reading: SensorReading = { unit: sensorUnit(instance), thresholds };
  const current = read('CurrentReading');
  const min = read('MinReadable');
  const max = read('MaxReadable');
  if (current) reading.current = current;
  if (min) reading.minReadable = min;
  if (max) reading.maxReadable = max;
  return reading;
}

/** What a health check asks the server for (one enumeration each). */
export interface HostInventory {
  systems: readonly CIMInstance[];
  chassis: readonly CIMInstance[];
  /** The BIOS ("System BIOS") among the software identities. */
  firmware: readonly CIMInstance[];
  numericSensors: readonly CIMInstance[];
  /** Every CIM_Sensor, numeric ones included (the server returns subclasses). */
  sensors: readonly CIMInstance[];
  fans: readonly CIMInstance[];
  powerSupplies: readonly CIMInstance[];
  processors: readonly CIMInstance[];
  memory: readonly CIMInstance[];
  batteries: readonly CIMInstance[];
  redundancySets: readonly CIMInstance[];
  /** Classes the server does not have, with its answer. */
  missing: MissingClass[];
}

export interface MissingClass {
  className: string;
  error: CIMError;
}

export type ElementKind = 'numericSensor' | 'discreteSensor' | 'fan' | 'powerSupply' | 'processor' | 'memory' | 'battery' | 'redundancySet' | 'system';

export interface HealthElement {
  kind: ElementKind;
  /** ElementName, else Name or DeviceID, else "Unknown". */
  name: string;
  status: ElementStatus;
  instance: CIMInstance;
  /** Numeric sensors only. */
  reading?: SensorReading;
  /** Sensors' CurrentState ("Normal", "Upper Critical", "Present"…), a redundancy set's RedundancyStatus, when given. */
  currentState?: string;
}

export interface HealthFilter {
  /** Only elements whose name matches. */
  include?: RegExp;
  /** Not elements whose name matches. */
  exclude?: RegExp;
}

export interface HealthReport {
  systems: { name: string; status: ElementStatus; instance: CIMInstance }[];
  chassis: readonly CIMInstance[];
  firmware: readonly CIMInstance[];
  /**
   * Numeric sensors, discrete sensors, fans, power supplies, processors, memory, batteries, redundancy sets, in that
   * order and the server's order within each: every device a server rolls up into its system's HealthState.
   */
  elements: HealthElement[];
  /**
   * Systems whose own status is a WARNING or CRITICAL worse than every element's: something the server rolls up that
   * no element shows (a provider that never answered: No Contact). Never with a filter, which the system would undo.
   */
  systemFindings: HealthElement[];
  missing: MissingClass[];
  /** The worst state of the elements and the system findings; UNKNOWN when there is none at all. */
  state: NagiosState;
}

export function elementName(instance: CIMInstance): string {
  for (const name of ['ElementName', 'Name', 'DeviceID']) {
    const value = instance.get(name);
    if (typeof value === 'string' && value.trim()) return value;
  }
  return 'Unknown';
}

const SOFTWARE_PROPERTIES = ['ElementName', 'Name', 'VersionString', 'Manufacturer', 'ReleaseDate'];

/** Classes the server may lack: their part of the report is left out, not failed. */
const ABSENT: ReadonlySet<number> = new Set([CIMStatus.INVALID_CLASS, CIMStatus.NOT_SUPPORTED]);

/** Enumerates what a health report needs, in parallel, with pulls where the server has them. */
export async function collectInventory(connection: WBEMConnection): Promise<HostInventory> {
  const missing: MissingClass[] = [];
  const fetch = async (className: string, propertyList?: string[]): Promise<CIMInstance[]> => {
    try {
      const found: CIMInstance[] = [];
      for await (const instance of connection.iterEnumerateInstances(className, propertyList ? { propertyList } : {})) found.push(instance);
      return found;
    } catch (err) {
      if (!(err instanceof CIMError) || !ABSENT.has(err.code)) throw err;
      missing.push({ className, error: err });
      return [];
    }
  };
  const [systems, chassis, software, numericSensors, sensors, fans, powerSupplies, processors, memory, batteries, redundancySets] = await Promise.all([
    fetch('CIM_ComputerSystem'), fetch('CIM_Chassis'), fetch('CIM_SoftwareIdentity', SOFTWARE_PROPERTIES),
    fetch('CIM_NumericSensor'), fetch('CIM_Sensor'), fetch('CIM_Fan'), fetch('CIM_PowerSupply'),
    fetch('CIM_Processor'), fetch('CIM_Memory'), fetch('CIM_Battery'), fetch('CIM_RedundancySet'),
  ]);
  const firmware = software.filter((s) => { const name = s.get('ElementName'); return typeof name === 'string' && sameName(name, 'System BIOS'); });
  return { systems, chassis, firmware, numericSensors, sensors, fans, powerSupplies, processors, memory, batteries, redundancySets, missing };
}

/** Kinds a server may list without any status (an old provider's processor): unknown, not a verdict of UNKNOWN. */
const STATUS_OPTIONAL: ReadonlySet<ElementKind> = new Set(['processor', 'memory', 'battery']);

/** One element judged: its status, a numeric sensor's reading, a sensor's or redundancy set's state. */
export function healthElement(kind: ElementKind, instance: CIMInstance): HealthElement {
  const set = kind === 'redundancySet' ? redundancySetStatus(instance) : undefined;
  let status = set?.status ?? elementStatus(instance);
  if (status === NO_STATUS && STATUS_OPTIONAL.has(kind)) status = HEALTH_STATES.get(0)!;
  const el: HealthElement = { kind, name: elementName(instance), status, instance };
  if (kind === 'numericSensor') el.reading = sensorReading(instance);
  const state = set ? set.redundancy : instance.get('CurrentState');
  if (typeof state === 'string' && (kind === 'numericSensor' || kind === 'discreteSensor' || set)) el.currentState = state;
  // A system's own finding says why in its first status description (thincim: which provider failed, and how).
  const why = instance.get('StatusDescriptions');
  if (kind === 'system' && Array.isArray(why) && typeof why[0] === 'string' && why[0] !== status.text) el.currentState = shortened(why[0]);
  return el;
}

/** The most characters of a server's reason a report quotes: a Nagios line must keep room for its perfdata. */
const MAX_REASON = 200;

function shortened(text: string): string {
  return text.length > MAX_REASON ? `${headOf(text, MAX_REASON)}…` : text;
}

/** Judges an inventory; pure, so that any server's answers can be replayed against it. */
export function evaluateHealth(inventory: Partial<HostInventory>, filter: HealthFilter = {}): HealthReport {
  const numericSensors = inventory.numericSensors ?? [];
  const numericKeys = new Set(numericSensors.flatMap((s) => (s.path ? [s.path.key] : [])));
  // A sensor is discrete when it is not among the numeric ones (by path; by BaseUnits when it has no path).
  const discrete = (inventory.sensors ?? []).filter((s) => (s.path ? !numericKeys.has(s.path.key) : !s.properties.has('BaseUnits')));
  const element = (kind: ElementKind) => (instance: CIMInstance) => healthElement(kind, instance);
  const elements = [
    ...numericSensors.map(element('numericSensor')), ...discrete.map(element('discreteSensor')),
    ...(inventory.fans ?? []).map(element('fan')), ...(inventory.powerSupplies ?? []).map(element('powerSupply')),
    ...(inventory.processors ?? []).map(element('processor')), ...(inventory.memory ?? []).map(element('memory')),
    ...(inventory.batteries ?? []).map(element('battery')), ...(inventory.redundancySets ?? []).map(element('redundancySet')),
  ].filter((e) => (!filter.include || filter.include.test(e.name)) && !filter.exclude?.test(e.name));
  const systems = (inventory.systems ?? []).map((instance) => healthElement('system', instance));
  const worst = elements.length ? worstState(elements.map((e) => e.status.state)) : 'UNKNOWN';
  const filtered = filter.include !== undefined || filter.exclude !== undefined;
  const systemFindings = filtered ? [] : systems.filter(({ status: { state } }) =>
    (state === 'WARNING' || state === 'CRITICAL') && (!elements.length || SEVERITY[state] > SEVERITY[worst]));
  const judged = [...elements, ...systemFindings];
  return {
    systems: systems.map(({ name, status, instance }) => ({ name, status, instance })),
    chassis: inventory.chassis ?? [],
    firmware: inventory.firmware ?? [],
    elements,
    systemFindings,
    missing: inventory.missing ?? [],
    state: judged.length ? worstState(judged.map((e) => e.status.state)) : 'UNKNOWN',
  };
}

/** RedundancyStatus (CIM_RedundancySet) 0..5 in the schema's words. */
const REDUNDANCY: readonly string[] = ['Unknown', 'DMTF Reserved', 'Fully Redundant', 'Degraded Redundancy', 'Redundancy Lost', 'Overall Failure'];

/**
 * What a redundancy set's RedundancyStatus makes of it, as a server rolls the
 * set into its system's health (thincim: model/health.ts, and its change
 * event's severity): losing the spare is a WARNING, losing the function
 * CRITICAL; an unknown status counts for nothing. A set is no managed
 * element and has no HealthState in the schema: one a server gives anyway
 * is read first.
 */
const REDUNDANCY_STATUS: ReadonlyMap<number, ElementStatus> = new Map([
  [2, { state: 'OK', text: 'OK' }],
  [3, { state: 'WARNING', text: 'Degraded' }],
  [4, { state: 'WARNING', text: 'Redundancy Lost' }],
  [5, { state: 'CRITICAL', text: 'Overall Failure' }],
]);

function redundancySetStatus(instance: CIMInstance): { status: ElementStatus; redundancy?: string } {
  const value = integer(instance.get('RedundancyStatus'));
  const redundancy = value === undefined ? undefined : REDUNDANCY[value] ?? `RedundancyStatus ${value}`;
  const health = integer(instance.get('HealthState'));
  // HealthState 0 says nothing (elementStatus's own rule): the redundancy does.
  const status = health !== undefined && health !== 0 ? elementStatus(instance)
    : (value === undefined ? undefined : REDUNDANCY_STATUS.get(value)) ?? HEALTH_STATES.get(0)!;
  return redundancy === undefined ? { status } : { status, redundancy };
}

/** The elements that are not OK, worst first (stable within a state). */
export function problems(report: HealthReport): HealthElement[] {
  return [...report.elements.filter((e) => e.status.state !== 'OK'), ...report.systemFindings].sort((a, b) => SEVERITY[b.status.state] - SEVERITY[a.status.state]);
}
