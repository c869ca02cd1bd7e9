/**
 * IPMI readings → the neutral hardware snapshot. Ids are `ipmi:<name>`, with
 * `#<sensor number>` (ipmitool), `#<record id>` (FreeIPMI) or `#<rank>`
 * appended only when a name repeats; a record with both an analog value and
 * discrete states ("110 Watts, Presence detected") gives a numeric sensor
 * `ipmi:<name>` and a discrete one `ipmi:<name>:state`.
 */
import type {
  Chassis, DeviceStatus, DiscreteSensor, DiscreteSensorKind, Fan, Fru, Health, HardwareSnapshot, NumericSensor,
  PowerSupply, RedundancyGroup, RedundancyStatus, SystemIdentity, Thresholds,
} from '../../src/model/snapshot.js';
import type { DcmiPowerReading, FruDevice, FruParseResult, IpmiReading } from './types.js';
import { significantDecimals } from './text.js';
import { severity, stateMeaning, statesOfKind, worse } from './states.js';
import { isAnalogUnit, mapUnit } from './units.js';

export interface SnapshotSources {
  readings: readonly IpmiReading[];
  fru?: FruParseResult;
  dcmi?: DcmiPowerReading;
  /** Becomes `system.hostname` when the FRU names the system; no system identity without it. */
  hostname?: string;
  /**
   * The widest precision seen per sensor id, kept across samples by the
   * caller: ipmitool drops the decimals of whole values ("12 Volts" after
   * "12.04 Volts"), and a sensor's precision must not flap between samples.
   */
  decimals?: Map<string, number>;
}

const POWER_SUPPLY_ENTITY = 10;
const POWER_UNIT_ENTITY = 19;
const FAN_ENTITIES = new Set([29, 30]);

/** Builds the snapshot of one sample. */
export function buildSnapshot(sources: SnapshotSources): HardwareSnapshot {
  const ids = assignIds(sources.readings);
  const sensors: NumericSensor[] = [];
  const discreteSensors: DiscreteSensor[] = [];
  const records: Classified[] = [];
  sources.readings.forEach((reading, i) => {
    const id = ids[i] ?? `ipmi:${reading.name}`;
    const record: Classified = { reading, id };
    if (isNumeric(reading)) {
      record.numeric = numericSensor(reading, id, sources.decimals);
      sensors.push(record.numeric);
    }
    if (!record.numeric || reading.states.length > 0) {
      record.discrete = discreteSensor(reading, record.numeric ? `${id}:state` : id);
      discreteSensors.push(record.discrete);
    }
    records.push(record);
  });
  if (sources.dcmi) sensors.push(dcmiSensor(sources.dcmi));

  const fans = buildFans(records);
  const powerSupplies = buildPowerSupplies(records, sources.fru);
  const redundancy = buildRedundancy(records);
  linkRedundancy(redundancy, powerSupplies, fans);

  const snapshot: HardwareSnapshot = { sensors, discreteSensors, fans, powerSupplies, redundancy };
  const identity = sources.fru ? fruIdentity(sources.fru, sources.hostname) : {};
  if (identity.chassis) snapshot.chassis = [identity.chassis];
  if (identity.system) snapshot.system = identity.system;
  return snapshot;
}

interface Classified {
  reading: IpmiReading;
  id: string;
  numeric?: NumericSensor;
  discrete?: DiscreteSensor;
}

// ---- ids -----------------------------------------------------------------------

/** `ipmi:<name>`, with a suffix for names that repeat. */
export function assignIds(readings: readonly IpmiReading[]): string[] {
  const groups = new Map<string, number[]>();
  readings.forEach((reading, i) => groups.set(reading.name, [...(groups.get(reading.name) ?? []), i]));
  const ids = readings.map((reading) => `ipmi:${reading.name}`);
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const suffixes = duplicateSuffixes(members.map((i) => readings[i] as IpmiReading));
    members.forEach((i, rank) => (ids[i] = `${ids[i]}#${suffixes[rank]}`));
  }
  return ids;
}

function duplicateSuffixes(group: IpmiReading[]): string[] {
  for (const field of ['number', 'recordId'] as const) {
    const values = group.map((reading) => reading[field]);
    if (values.every((value) => value !== undefined) && new Set(values).size === values.length) return values.map(String);
  }
  return group.map((_, rank) => String(rank + 1));
}

// ---- numeric sensors -----------------------------------------------------------

function isNumeric(reading: IpmiReading): boolean {
  if (reading.value !== undefined) return true;
  if (reading.rawState !== undefined) return false;
  return reading.eventClass === 'threshold' || (reading.eventClass === undefined && isAnalogUnit(reading.unit));
}

function numericSensor(reading: IpmiReading, id: string, sticky: Map<string, number> | undefined): NumericSensor {
  const mapping = mapUnit({ unit: reading.unit, sensorType: reading.sensorType, name: reading.name, entityId: reading.entity?.id });
  const convert = (value: number): number => {
    if (!mapping.convert) return value;
    const factor = 10 ** (mapping.decimals ?? 0);
    return Math.round(mapping.convert(value) * factor) / factor;
  };
  const thresholds: Thresholds = {};
  for (const [name, value] of Object.entries(reading.thresholds) as [keyof Thresholds, number][]) thresholds[name] = convert(value);
  const value = reading.value === undefined || reading.value === null ? null : convert(reading.value);
  const sensor: NumericSensor = {
    id,
    label: reading.name,
    kind: mapping.kind,
    unit: mapping.unit,
    value,
    decimals: decimalsOf(id, reading, mapping.decimals, thresholds, sticky),
  };
  if (Object.keys(thresholds).length > 0) sensor.thresholds = thresholds;
  if (value === null) sensor.unavailable = reading.unavailable ?? 'failed';
  else if (reading.health) sensor.health = reading.health;
  const source = describeSource(reading);
  if (source) sensor.source = source;
  return sensor;
}

/** The printed precision, widened to write every threshold exactly and never narrower than before. */
function decimalsOf(id: string, reading: IpmiReading, converted: number | undefined, thresholds: Thresholds, sticky?: Map<string, number>): number {
  let decimals = converted ?? reading.decimals ?? 0;
  for (const value of Object.values(thresholds)) decimals = Math.max(decimals, significantDecimals(value));
  if (sticky) {
    decimals = Math.max(decimals, sticky.get(id) ?? 0);
    sticky.set(id, decimals);
  }
  return decimals;
}

function describeSource(reading: IpmiReading): string | undefined {
  const parts: string[] = [];
  if (reading.number !== undefined) parts.push(`sensor 0x${reading.number.toString(16).padStart(2, '0')}`);
  if (reading.recordId !== undefined) parts.push(`record ${reading.recordId}`);
  if (reading.entity) parts.push(`entity ${reading.entity.id}.${reading.entity.instance}`);
  return parts.length > 0 ? `IPMI ${parts.join(', ')}` : undefined;
}

function dcmiSensor(dcmi: DcmiPowerReading): NumericSensor {
  const sensor: NumericSensor = {
    id: 'ipmi:dcmi:power',
    label: 'System Power (DCMI)',
    kind: 'power',
    unit: 'watts',
    value: dcmi.active === false ? null : dcmi.instantaneous ?? null,
    decimals: 0,
    source: 'IPMI DCMI power reading',
  };
  if (sensor.value === null) sensor.unavailable = dcmi.active === false ? 'disabled' : 'failed';
  return sensor;
}

// ---- discrete sensors ----------------------------------------------------------

const UNAVAILABLE_STATE = { absent: 'No Reading', disabled: 'Disabled', failed: 'Unreadable' } as const;
const NOTHING_ASSERTED = 'No state asserted';

function discreteSensor(reading: IpmiReading, id: string): DiscreteSensor {
  const kind = discreteKind(reading);
  const state = discreteState(reading);
  const possible = new Set([...(kind === 'other' ? [] : statesOfKind(kind)), ...reading.states, state]);
  const sensor: DiscreteSensor = { id, label: reading.name, kind, possibleStates: [...possible], state, health: discreteHealth(reading) };
  const source = describeSource(reading);
  if (source) sensor.source = source;
  return sensor;
}

/** The asserted state that matters most (the most severe), a raw reading, or why there is none. */
function discreteState(reading: IpmiReading): string {
  if (reading.unavailable) return UNAVAILABLE_STATE[reading.unavailable];
  let chosen: string | undefined;
  let rank = -1;
  for (const state of reading.states) {
    const health = stateMeaning(state)?.health ?? 'unknown';
    if (severity(health) > rank) [chosen, rank] = [state, severity(health)];
  }
  return chosen ?? reading.rawState ?? NOTHING_ASSERTED;
}

function discreteHealth(reading: IpmiReading): Health {
  if (reading.unavailable) return 'unknown';
  const known = reading.states.map((state) => stateMeaning(state)?.health).filter((health): health is Health => health !== undefined);
  if (known.length > 0) return [...known, ...(reading.health ? [reading.health] : [])].reduce(worse);
  if (reading.states.length > 0 || reading.rawState !== undefined) return reading.health ?? 'unknown';
  return reading.health ?? 'ok';
}

const KIND_BY_SENSOR_TYPE: Readonly<Record<string, DiscreteSensorKind>> = {
  'physical security': 'intrusion',
  'power supply': 'powerSupplyStatus',
  'entity presence': 'presence',
};

function discreteKind(reading: IpmiReading): DiscreteSensorKind {
  const stateKinds = new Set(reading.states.map((state) => stateMeaning(state)?.kind));
  for (const kind of ['redundancy', 'intrusion', 'powerSupplyStatus'] as const) if (stateKinds.has(kind)) return kind;
  if (/redundan/i.test(reading.name)) return 'redundancy';
  const byType = KIND_BY_SENSOR_TYPE[reading.sensorType?.toLowerCase() ?? ''];
  if (byType) return byType;
  if (reading.entity?.id === POWER_SUPPLY_ENTITY) return 'powerSupplyStatus';
  if (stateKinds.has('presence')) return 'presence';
  if (/intru/i.test(reading.name)) return 'intrusion';
  if (/presen|\bpres\b/i.test(reading.name)) return 'presence';
  return 'other';
}

// ---- fans, power supplies, redundancy ------------------------------------------

function buildFans(records: Classified[]): Fan[] {
  const fans: Fan[] = [];
  for (const { numeric } of records) {
    if (numeric?.kind !== 'fan') continue;
    const fan: Fan = { id: `ipmi:fan:${numeric.id.slice('ipmi:'.length)}`, label: numeric.label, speedSensor: numeric.id, status: fanStatus(numeric) };
    numeric.monitors = { kind: 'fan', id: fan.id };
    fans.push(fan);
  }
  return fans;
}

function fanStatus(sensor: NumericSensor): DeviceStatus {
  if (sensor.value === null) return sensor.unavailable === 'absent' ? 'absent' : 'unknown';
  switch (sensor.health) {
    case 'ok':
      return 'ok';
    case 'warning':
      return 'degraded';
    case 'critical':
    case 'fatal':
      return 'failed';
    default:
      return 'unknown';
  }
}

/** The power supply a record belongs to: its entity 10.n, or itself when it is a supply's status sensor. */
function supplyKey(record: Classified): string | undefined {
  if (record.discrete?.kind === 'redundancy') return undefined;
  const entity = record.reading.entity;
  if (entity?.id === POWER_SUPPLY_ENTITY) return `${entity.id}.${entity.instance}`;
  if (record.discrete?.kind === 'powerSupplyStatus') return record.id.slice('ipmi:'.length);
  return undefined;
}

function buildPowerSupplies(records: Classified[], fru: FruParseResult | undefined): PowerSupply[] {
  const groups = new Map<string, Classified[]>();
  for (const record of records) {
    const key = supplyKey(record);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups].map(([key, members]) => {
    const statusRecord = members.find((member) => member.discrete?.kind === 'powerSupplyStatus');
    const instance = members[0]?.reading.entity?.instance;
    const supply: PowerSupply = {
      id: `ipmi:psu:${key}`,
      label: statusRecord?.reading.name ?? `Power Supply ${instance ?? key}`,
      status: statusRecord ? supplyStatus(statusRecord.reading) : 'unknown',
      sensors: members.flatMap((member) => [member.numeric?.id, member.discrete?.id]).filter((id): id is string => id !== undefined),
    };
    for (const member of members) {
      for (const sensor of [member.numeric, member.discrete]) if (sensor) sensor.monitors = { kind: 'powerSupply', id: supply.id };
    }
    const fruData = fru && fruOf(fru, supply.label);
    if (fruData) supply.fru = fruData;
    return supply;
  });
}

const SUPPLY_ORDER: readonly DeviceStatus[] = ['ok', 'unknown', 'degraded', 'failed'];

/** From the asserted states, whatever the status column says: "Failure detected" is a failed supply. */
function supplyStatus(reading: IpmiReading): DeviceStatus {
  if (reading.unavailable || reading.rawState !== undefined) return 'unknown';
  if (reading.states.length === 0) return 'absent'; // "Presence detected" is not asserted
  return reading.states
    .map((state) => stateMeaning(state)?.supply ?? 'unknown')
    .reduce((a, b) => (SUPPLY_ORDER.indexOf(b) > SUPPLY_ORDER.indexOf(a) ? b : a));
}

const REDUNDANCY_ORDER: readonly RedundancyStatus[] = ['full', 'unknown', 'degraded', 'lost', 'failed'];

function buildRedundancy(records: Classified[]): RedundancyGroup[] {
  const groups: RedundancyGroup[] = [];
  for (const { reading, discrete } of records) {
    if (discrete?.kind !== 'redundancy') continue;
    const kind = redundancyKind(reading);
    if (!kind) continue;
    const statuses = reading.unavailable ? [] : reading.states.map((state) => stateMeaning(state)?.redundancy).filter((s) => s !== undefined);
    const status = statuses.reduce<RedundancyStatus>((a, b) => (REDUNDANCY_ORDER.indexOf(b) > REDUNDANCY_ORDER.indexOf(a) ? b : a), statuses[0] ?? 'unknown');
    groups.push({ id: `ipmi:redundancy:${discrete.id.slice('ipmi:'.length)}`, label: reading.name, kind, status });
  }
  return groups;
}

function redundancyKind(reading: IpmiReading): RedundancyGroup['kind'] | undefined {
  const entity = reading.entity?.id;
  const type = reading.sensorType?.toLowerCase() ?? '';
  if (entity === POWER_SUPPLY_ENTITY || entity === POWER_UNIT_ENTITY || type === 'power supply' || type === 'power unit') return 'powerSupply';
  if ((entity !== undefined && FAN_ENTITIES.has(entity)) || type === 'fan' || type === 'cooling device') return 'fan';
  if (/fan|cool/i.test(reading.name)) return 'fan';
  if (/\bps|psu|pwr|power|supply/i.test(reading.name)) return 'powerSupply';
  return undefined;
}

/** With one redundancy group of a kind, every supply (fan) belongs to it. */
function linkRedundancy(groups: RedundancyGroup[], supplies: PowerSupply[], fans: Fan[]): void {
  const only = (kind: RedundancyGroup['kind']) => {
    const matching = groups.filter((group) => group.kind === kind);
    return matching.length === 1 ? matching[0]?.id : undefined;
  };
  const supplyGroup = only('powerSupply');
  const fanGroup = only('fan');
  if (supplyGroup) for (const supply of supplies) supply.redundancyGroup = supplyGroup;
  if (fanGroup) for (const fan of fans) fan.redundancyGroup = fanGroup;
}

// ---- FRU -----------------------------------------------------------------------

/** Values vendors leave in unset FRU fields. */
const PLACEHOLDER = /^(to be filled by o\.e\.m\.?|not specified|not available|default string|none|n\/a|unknown|0+|0123456789|\.+)$/i;

function field(device: FruDevice, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = device.fields[name]?.trim();
    if (value && !PLACEHOLDER.test(value)) return value;
  }
  return undefined;
}

function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

function fruOf(fru: FruParseResult, label: string): Fru | undefined {
  const device = fru.devices.find((candidate) => candidate.present && candidate.description.toLowerCase() === label.toLowerCase());
  if (!device) return undefined;
  const data = compact<Fru>({
    manufacturer: field(device, 'Product Manufacturer', 'Board Mfg'),
    model: field(device, 'Product Name', 'Board Product'),
    serialNumber: field(device, 'Product Serial', 'Board Serial'),
    partNumber: field(device, 'Product Part Number', 'Board Part Number'),
    version: field(device, 'Product Version'),
  });
  return Object.keys(data).length > 0 ? data : undefined;
}

/** The builtin FRU (ID 0) describes the chassis and the system. */
function fruIdentity(fru: FruParseResult, hostname: string | undefined): { chassis?: Chassis; system?: SystemIdentity } {
  const device = fru.devices.find((candidate) => candidate.present && (candidate.deviceId === 0 || /^Builtin FRU Device/.test(candidate.description)));
  if (!device) return {};
  const identity: { chassis?: Chassis; system?: SystemIdentity } = {};
  const chassis = compact<Omit<Chassis, 'id'>>({
    type: field(device, 'Chassis Type'),
    partNumber: field(device, 'Chassis Part Number'),
    serialNumber: field(device, 'Chassis Serial'),
    manufacturer: field(device, 'Product Manufacturer', 'Board Mfg'),
    model: field(device, 'Product Name'),
    tag: field(device, 'Product Asset Tag'),
  });
  if (Object.keys(chassis).length > 0) identity.chassis = { id: 'ipmi:chassis', ...chassis };
  const system = compact<Omit<SystemIdentity, 'hostname'>>({
    manufacturer: field(device, 'Product Manufacturer', 'Board Mfg'),
    model: field(device, 'Product Name', 'Board Product'),
    serialNumber: field(device, 'Product Serial', 'Board Serial'),
  });
  if (hostname !== undefined && Object.keys(system).length > 0) identity.system = { hostname, ...system };
  return identity;
}
