/**
 * What the health page shows, built from the published index, the
 * providers' state, the recent events and the history: one plain object
 * that the server renders as HTML and serves as JSON (GET /api/v1/status),
 * so the page with and without JavaScript says the same thing. The verdict
 * and the groups come from evaluateHealth over the same classes `thincim
 * health` enumerates, so the page and the command always agree.
 */
import { CIMDateTime, type CIMInstance, type CIMValue } from '../cim/index.js';
import {
  elementName, elementStatus, evaluateHealth, healthElement, problems, sensorReading, THRESHOLDS,
  type ElementKind, type HealthElement, type HealthReport, type HostInventory, type NagiosState, type ThresholdName,
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

export type { ElementKind };

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
    processors: instancesOf(state, 'CIM_Processor'),
    memory: instancesOf(state, 'CIM_Memory'),
    batteries: instancesOf(state, 'CIM_Battery'),
    redundancySets: instancesOf(state, 'CIM_RedundancySet'),
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
  return {
    api: API_VERSION,
    generation: state.index.generation,
    time: now,
    host: hostView(inventory),
    verdict: verdict(report),
    newestSample: samples.length ? Math.max(...samples) : null,
    providers,
    groups: groups(report.elements, sources.history, now),
    events: sources.recent().map(eventView),
    history: { seconds: sources.history.seconds },
  };
}

/**
 * `thincim health`'s verdict: every device the model rolls up into the
 * system's HealthState (a failed DIMM is the verdict's as it is the
 * system's). Failing elements worst first, each with its reason.
 */
function verdict(report: HealthReport): StatusView['verdict'] {
  const failing = problems(report);
  return {
    state: report.state,
    reasons: failing.map(reason),
    failing: failing.map((e) => ({ id: elementId(e.instance), kind: e.kind, name: e.name, state: e.status.state, health: e.status.text })),
  };
}

/** One numeric sensor's view, without the whole page's (a chart of one sensor of thousands); undefined for an unknown id. */
export function sensorView(sources: ViewSources, id: string): { element: ElementView; time: number; host: string } | undefined {
  const time = sources.now?.() ?? Date.now();
  const instance = instancesOf(sources.state, 'CIM_NumericSensor').find((i) => elementId(i) === id);
  if (instance === undefined) return undefined;
  const element = elementView(healthElement('numericSensor', instance), sources.history, time);
  return { element, time, host: hostView(inventoryOf(sources.state)).name };
}

function reason(e: HealthElement): string {
  const current = e.reading?.current;
  const value = current && withUnit(current.text, e.reading!.unit);
  // A lost reading is the last good one (the model keeps it on show): said as such, as the reading-lost event says it.
  // A discrete sensor's state, or a redundancy set's when it says more than its health ("Degraded Redundancy").
  const detail = value ? (e.status.text === LOST_COMMUNICATION ? ` (last reading ${value})` : ` (${value})`)
    : e.currentState && e.currentState !== e.status.text ? ` (${e.currentState})` : '';
  return `${e.name}: ${e.status.text}${detail}`;
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

/** The group of each kind other than numeric sensors (grouped by what they measure), in the page's order. */
const KIND_GROUPS: Readonly<Record<Exclude<ElementKind, 'numericSensor' | 'system'>, { id: string; title: string }>> = {
  discreteSensor: { id: 'discrete', title: 'Discrete sensors' },
  fan: { id: 'fans', title: 'Fans' },
  powerSupply: { id: 'powerSupplies', title: 'Power supplies' },
  redundancySet: { id: 'redundancy', title: 'Redundancy sets' },
  processor: { id: 'processors', title: 'Processors' },
  memory: { id: 'memory', title: 'Memory' },
  battery: { id: 'batteries', title: 'Batteries' },
};

function groups(elements: readonly HealthElement[], history: SensorHistory, now: number): GroupView[] {
  const out: GroupView[] = [
    ...NUMERIC_GROUPS.map(({ id, title }) => ({ id, title, elements: [] as ElementView[] })),
    { id: 'otherNumeric', title: 'Other numeric sensors', elements: [] },
    ...Object.values(KIND_GROUPS).map(({ id, title }) => ({ id, title, elements: [] as ElementView[] })),
  ];
  const byId = new Map(out.map((g) => [g.id, g]));
  for (const e of elements) {
    if (e.kind === 'system') continue; // a system is the page's header, not a row
    const group = e.kind === 'numericSensor' ? numericGroup(e.instance) : KIND_GROUPS[e.kind].id;
    byId.get(group)!.elements.push(elementView(e, history, now));
  }
  return out.filter((g) => g.elements.length > 0);
}

function elementView({ instance, kind, status, currentState }: HealthElement, history: SensorHistory, now: number): ElementView {
  const id = elementId(instance);
  const view: ElementView = {
    id, kind, name: elementName(instance), state: status.state, health: status.text,
    currentState: currentState ?? null, reading: null, spark: [], details: details(instance, kind),
  };
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
