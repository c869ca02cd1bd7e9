/**
 * What the health page shows, built from the published index, the
 * providers' state, the recent events and the history: one plain object
 * that the server renders as HTML and serves as JSON (GET /api/v1/status),
 * so the page with and without JavaScript says the same thing. The verdict
 * judges the classes `thincim health` enumerates with its evaluateHealth,
 * and the other devices the page lists as the model's roll-up does.
 */
import { CIMDateTime, type CIMInstance, type CIMValue } from '../cim/index.js';
import {
  elementName, elementStatus, evaluateHealth, problems, sensorReading, SEVERITY, THRESHOLDS, worstState,
  type HealthElement, type HealthReport, type HostInventory, type NagiosState, type ThresholdName,
} from '../client/health.js';
import { withUnit } from '../client/quantity.js';
import type { HardwareEvent } from '../events/index.js';
import { CIMV2_NAMESPACE } from '../model/classes.js';
import { instancesOfClass } from '../operations/lookup.js';
import type { ProviderState } from '../providers/index.js';
import { isSimulated } from '../providers/loader.js';
import type { BrokerState } from '../server/state.js';
import { keepsLastReading, LOST_COMMUNICATION, type SensorHistory } from './history.js';

/** The version of the JSON API; a change that breaks a client gets a new path (/api/v2). */
export const API_VERSION = 1;

/** Values per sparkline. */
export const SPARK_POINTS = 48;

export interface HostView {
  name: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  bios: { version: string; date: string } | null;
  /** The system's own health, as reported by the model. */
  health: string;
}

export interface ProviderView {
  name: string;
  /** sampling: the last sample succeeded; failed: the last ones failed (backoffUntil says until when it waits); starting: no sample yet. */
  state: 'sampling' | 'failed' | 'starting';
  /** Epoch milliseconds of the last good sample, or null. */
  lastSample: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  backoffUntil: number | null;
  /** Its readings are made up (the simulated provider). */
  simulated: boolean;
  /** The first items its last good sample had invalid (PROBLEMS_KEPT), each with why: left out, or served lost. */
  refusedItems: string[];
  /** How many items its last good sample had invalid, all of them. */
  refusedCount: number;
}

export interface ReadingView {
  value: number;
  /** The reading as the sensor's resolution writes it, e.g. "53.2". */
  text: string;
  unit: string;
  /** Thresholds present, scaled like the reading. */
  thresholds: Partial<Record<ThresholdName, number>>;
  minReadable: number | null;
  maxReadable: number | null;
  /** The sensor lost its reading (Lost Communication) or its device sleeps (Dormant): value and text are its last good reading, not one it has now. */
  lost: boolean;
}

export type ElementKind = 'numericSensor' | 'discreteSensor' | 'fan' | 'powerSupply' | 'redundancySet' | 'processor' | 'memory' | 'battery';

export interface ElementView {
  /** DeviceID (InstanceID for redundancy sets): stable across samples. */
  id: string;
  kind: ElementKind;
  name: string;
  /** The verdict's reading of this element: OK, WARNING, CRITICAL or UNKNOWN. */
  state: NagiosState;
  /** The health in the schema's words, e.g. "OK", "Critical failure". */
  health: string;
  /** A sensor's CurrentState ("Normal", "Upper Critical", "Present"), a redundancy set's status; else null. */
  currentState: string | null;
  /** Numeric sensors: the reading (its last good one while it is lost: reading.lost); null when the sensor never had one. */
  reading: ReadingView | null;
  /** Numeric sensors: recent values, oldest first, at most SPARK_POINTS (null: no reading then). */
  spark: (number | null)[];
  /** A short description: model, size, speed. */
  details: string;
}

export interface GroupView {
  id: string;
  title: string;
  elements: ElementView[];
}

export interface EventView {
  sequence: number;
  /** Epoch milliseconds. */
  time: number;
  kind: string;
  severity: string;
  messageId: string;
  message: string;
  element: string | null;
}

/** An element behind a reason of the verdict; unlike the reason, it quotes no reading, so it moves only when the verdict does. */
export interface FailingView {
  id: string;
  /** With the id, names the element's row: a fan and its speed sensor may have one DeviceID. */
  kind: ElementKind;
  name: string;
  state: NagiosState;
  health: string;
}

export interface StatusView {
  api: number;
  generation: number;
  /** Epoch milliseconds when this view was made. */
  time: number;
  host: HostView;
  verdict: { state: NagiosState; reasons: string[]; failing: FailingView[] };
  /** Epoch milliseconds of the newest good sample of any provider, or null. */
  newestSample: number | null;
  providers: ProviderView[];
  groups: GroupView[];
  /** Newest first. */
  events: EventView[];
  history: { seconds: number };
}

export interface ViewSources {
  state: BrokerState;
  providers: () => ProviderState[];
  recent: () => readonly HardwareEvent[];
  history: SensorHistory;
  now?: () => number;
}

/** Every instance of `classname` and its subclasses in root/cimv2, as an enumeration returns them. */
export function instancesOf(state: BrokerState, classname: string): readonly CIMInstance[] {
  return instancesOfClass(state, CIMV2_NAMESPACE, classname);
}

/** The inventory `thincim health` would collect over the wire, from the published index. */
export function inventoryOf(state: BrokerState): HostInventory {
  const firmware = instancesOf(state, 'CIM_SoftwareIdentity').filter((s) => str(s, 'ElementName').toLowerCase() === 'system bios');
  return {
    systems: instancesOf(state, 'CIM_ComputerSystem'),
    chassis: instancesOf(state, 'CIM_Chassis'),
    firmware,
    numericSensors: instancesOf(state, 'CIM_NumericSensor'),
    sensors: instancesOf(state, 'CIM_Sensor'),
    fans: instancesOf(state, 'CIM_Fan'),
    powerSupplies: instancesOf(state, 'CIM_PowerSupply'),
    missing: [],
  };
}

export function statusView(sources: ViewSources): StatusView {
  const now = sources.now?.() ?? Date.now();
  const { state } = sources;
  const inventory = inventoryOf(state);
  const report = evaluateHealth(inventory);
  const providers = sources.providers().filter((p) => p.enabled).map(providerView);
  const samples = providers.map((p) => p.lastSample).filter((t): t is number => t !== null);
  const devices = deviceGroups(state, sources.history, now);
  return {
    api: API_VERSION,
    generation: state.index.generation,
    time: now,
    host: hostView(inventory),
    verdict: verdict(report, devices.flatMap((g) => g.elements)),
    newestSample: samples.length ? Math.max(...samples) : null,
    providers,
    groups: groups(report.elements, devices, sources.history, now),
    events: sources.recent().map(eventView),
    history: { seconds: sources.history.seconds },
  };
}

/**
 * The verdict of `thincim health`'s elements and of the other devices the
 * page lists (processors, memory, batteries, redundancy sets): the model
 * rolls them all up into the system's HealthState, so a failed DIMM is the
 * verdict's as it is the system's. Failing elements worst first, each
 * with its reason.
 */
function verdict(report: HealthReport, devices: readonly ElementView[]): StatusView['verdict'] {
  const failing = [
    ...problems(report).map((e) => ({ reason: reason(e), element: { id: elementId(e.instance), kind: e.kind, name: e.name, state: e.status.state, health: e.status.text } })),
    ...devices.filter((e) => e.state !== 'OK').map((e) => ({ reason: deviceReason(e), element: { id: e.id, kind: e.kind, name: e.name, state: e.state, health: e.health } })),
  ].sort((a, b) => SEVERITY[b.element.state] - SEVERITY[a.element.state]);
  const states = [...report.elements.map((e) => e.status.state), ...devices.map((e) => e.state)];
  return { state: states.length ? worstState(states) : 'UNKNOWN', reasons: failing.map((f) => f.reason), failing: failing.map((f) => f.element) };
}

/** One numeric sensor's view, without the whole page's (a chart of one sensor of thousands); undefined for an unknown id. */
export function sensorView(sources: ViewSources, id: string): { element: ElementView; time: number; host: string } | undefined {
  const time = sources.now?.() ?? Date.now();
  const instance = instancesOf(sources.state, 'CIM_NumericSensor').find((i) => elementId(i) === id);
  if (instance === undefined) return undefined;
  const element = elementView(instance, 'numericSensor', elementStatus(instance), sources.history, time);
  return { element, time, host: hostView(inventoryOf(sources.state)).name };
}

function reason(e: HealthElement): string {
  const current = e.reading?.current;
  const value = current && withUnit(current.text, e.reading!.unit);
  // A lost reading is the last good one (the model keeps it on show): said as such, as the reading-lost event says it.
  const detail = value ? (e.status.text === LOST_COMMUNICATION ? ` (last reading ${value})` : ` (${value})`)
    : e.kind === 'discreteSensor' && e.currentState ? ` (${e.currentState})` : '';
  return `${e.name}: ${e.status.text}${detail}`;
}

/** A device's reason: its health, and its state when that says more (a redundancy set's "Degraded Redundancy"). */
function deviceReason(e: ElementView): string {
  return `${e.name}: ${e.health}${e.currentState && e.currentState !== e.health ? ` (${e.currentState})` : ''}`;
}

function hostView(inventory: HostInventory): HostView {
  const system = inventory.systems[0];
  const chassis = inventory.chassis[0];
  const bios = inventory.firmware[0];
  const date = bios?.get('ReleaseDate');
  return {
    name: system ? elementName(system) : '',
    manufacturer: chassis ? str(chassis, 'Manufacturer') : '',
    model: chassis ? str(chassis, 'Model') : '',
    serialNumber: chassis ? str(chassis, 'SerialNumber') : '',
    bios: bios ? { version: str(bios, 'VersionString'), date: date instanceof CIMDateTime && !date.isInterval ? isoDate(date.value) : '' } : null,
    health: system ? elementStatus(system).text : '',
  };
}

function isoDate(cimDate: string): string {
  return `${cimDate.slice(0, 4)}-${cimDate.slice(4, 6)}-${cimDate.slice(6, 8)}`;
}

export function providerView(p: ProviderState): ProviderView {
  const failing = p.consecutiveFailures > 0;
  return {
    name: p.name,
    state: failing ? 'failed' : p.samples > 0 ? 'sampling' : 'starting',
    lastSample: p.lastSampleAt ?? null,
    lastError: failing ? p.lastError ?? null : null,
    consecutiveFailures: p.consecutiveFailures,
    backoffUntil: failing ? p.backoffUntil ?? null : null,
    simulated: isSimulated(p.source),
    refusedItems: p.refusedItems,
    refusedCount: p.refusedCount,
  };
}

function eventView(e: HardwareEvent): EventView {
  return {
    sequence: e.sequence, time: e.time, kind: e.kind, severity: e.severity, messageId: e.messageId, message: e.message,
    element: e.elementName ?? e.provider ?? null,
  };
}

/** The numeric sensors' groups, by SensorType, else by unit. */
const NUMERIC_GROUPS = [
  { id: 'temperature', title: 'Temperatures', types: [2], units: [2, 3, 4] },
  { id: 'voltage', title: 'Voltages', types: [3], units: [5] },
  { id: 'current', title: 'Currents', types: [4], units: [6] },
  { id: 'power', title: 'Power', types: [13, 14], units: [7, 10] },
  { id: 'fanSpeed', title: 'Fan speeds', types: [5], units: [19] },
] as const;

function numericGroup(instance: CIMInstance): string {
  const type = num(instance.get('SensorType'));
  const unit = num(instance.get('BaseUnits'));
  const byType = NUMERIC_GROUPS.find((g) => (g.types as readonly number[]).includes(type ?? -1));
  const byUnit = NUMERIC_GROUPS.find((g) => (g.units as readonly number[]).includes(unit ?? -1));
  return (byType ?? byUnit)?.id ?? 'otherNumeric';
}

function groups(elements: readonly HealthElement[], devices: readonly GroupView[], history: SensorHistory, now: number): GroupView[] {
  const out: GroupView[] = [
    ...NUMERIC_GROUPS.map(({ id, title }) => ({ id, title, elements: [] as ElementView[] })),
    { id: 'otherNumeric', title: 'Other numeric sensors', elements: [] },
    { id: 'discrete', title: 'Discrete sensors', elements: [] },
    { id: 'fans', title: 'Fans', elements: [] },
    { id: 'powerSupplies', title: 'Power supplies', elements: [] },
  ];
  const byId = new Map(out.map((g) => [g.id, g]));
  for (const e of elements) {
    const view = elementView(e.instance, e.kind, e.status, history, now);
    const group = e.kind === 'numericSensor' ? numericGroup(e.instance) : e.kind === 'discreteSensor' ? 'discrete' : e.kind === 'fan' ? 'fans' : 'powerSupplies';
    byId.get(group)!.elements.push(view);
  }
  return [...out, ...devices].filter((g) => g.elements.length > 0);
}

/** The devices `thincim health` does not judge, and the page lists (empty groups included). */
function deviceGroups(state: BrokerState, history: SensorHistory, now: number): GroupView[] {
  const group = (id: string, title: string, classname: string, kind: ElementKind): GroupView =>
    ({ id, title, elements: instancesOf(state, classname).map((i) => elementView(i, kind, elementStatus(i), history, now)) });
  return [
    group('redundancy', 'Redundancy sets', 'CIM_RedundancySet', 'redundancySet'),
    group('processors', 'Processors', 'CIM_Processor', 'processor'),
    group('memory', 'Memory', 'CIM_Memory', 'memory'),
    group('batteries', 'Batteries', 'CIM_Battery', 'battery'),
  ];
}

const REDUNDANCY: readonly string[] = ['Unknown', 'DMTF Reserved', 'Fully Redundant', 'Degraded Redundancy', 'Redundancy Lost', 'Overall Failure'];

function elementView(instance: CIMInstance, kind: ElementKind, status: { state: NagiosState; text: string }, history: SensorHistory, now: number): ElementView {
  const id = elementId(instance);
  const view: ElementView = {
    id, kind, name: elementName(instance), state: status.state, health: status.text,
    currentState: null, reading: null, spark: [], details: details(instance, kind),
  };
  const current = instance.get('CurrentState');
  if (typeof current === 'string') view.currentState = current;
  if (kind === 'redundancySet') {
    const redundancy = num(instance.get('RedundancyStatus'));
    if (redundancy !== undefined) {
      view.currentState = REDUNDANCY[redundancy] ?? `RedundancyStatus ${redundancy}`;
      // A set reports no HealthState: its redundancy is its health.
      if (instance.get('HealthState') == null) Object.assign(view, redundancyStatus(redundancy));
    }
  }
  if (kind === 'numericSensor') {
    const r = sensorReading(instance);
    const thresholds: Partial<Record<ThresholdName, number>> = {};
    for (const name of THRESHOLDS) if (r.thresholds[name]) thresholds[name] = r.thresholds[name]!.value;
    if (r.current) {
      view.reading = {
        value: r.current.value, text: r.current.text, unit: r.unit, thresholds,
        minReadable: r.minReadable?.value ?? null, maxReadable: r.maxReadable?.value ?? null,
        // The status the caller computed: elementStatus again would be a second pass over every sensor.
        lost: keepsLastReading(status.text),
      };
    }
    view.spark = history.spark(id, now, SPARK_POINTS).map((v) => (Number.isNaN(v) ? null : v));
  }
  return view;
}

/**
 * As the model rolls a set into the system's health (model/health.ts
 * REDUNDANCY_CONDITION) and its change event's severity says: losing the
 * spare is a warning, losing the function critical; an unknown status
 * counts for nothing (a health "Unknown", shown neutral).
 */
function redundancyStatus(status: number): { state: NagiosState; health: string } {
  if (status === 2) return { state: 'OK', health: 'OK' };
  if (status === 3) return { state: 'WARNING', health: 'Degraded' };
  if (status === 4) return { state: 'WARNING', health: REDUNDANCY[status]! };
  if (status === 5) return { state: 'CRITICAL', health: REDUNDANCY[status]! };
  return { state: 'OK', health: 'Unknown' };
}

export function elementId(instance: CIMInstance): string {
  return str(instance, 'DeviceID') || str(instance, 'InstanceID') || str(instance, 'Name') || String(instance.path ?? instance.classname);
}

function details(instance: CIMInstance, kind: ElementKind): string {
  switch (kind) {
    case 'processor': {
      const cores = num(instance.get('NumberOfEnabledCores'));
      const mhz = num(instance.get('MaxClockSpeed'));
      return [str(instance, 'OtherFamilyDescription') || str(instance, 'Description'), cores && `${cores} cores`, mhz && `up to ${mhz} MHz`].filter(Boolean).join(', ');
    }
    case 'memory': {
      const blocks = instance.get('NumberOfBlocks');
      const size = instance.get('BlockSize');
      const bytes = typeof blocks === 'bigint' || typeof blocks === 'number' ? Number(blocks) * Number(size ?? 1) : undefined;
      return [str(instance, 'Description'), bytes && `${Math.round((bytes / 2 ** 30) * 10) / 10} GiB`].filter(Boolean).join(', ');
    }
    case 'powerSupply': {
      const mw = num(instance.get('TotalOutputPower'));
      return mw ? `${mw / 1000} W` : '';
    }
    case 'fan': {
      const rpm = num(instance.get('DesiredSpeed'));
      return rpm ? `desired ${rpm} RPM` : '';
    }
    case 'redundancySet': {
      const needed = num(instance.get('MinNumberNeeded'));
      return needed ? `at least ${needed} needed` : '';
    }
    default:
      return '';
  }
}

function num(value: CIMValue | undefined): number | undefined {
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' ? value : undefined;
}

function str(instance: CIMInstance, name: string): string {
  const value = instance.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
