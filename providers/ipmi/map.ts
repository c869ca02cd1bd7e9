/**
 * IPMI readings → the neutral hardware snapshot. Ids are `ipmi:<name>`, with
 * `#<sensor number>` (ipmitool), `#<record id>` (FreeIPMI) or `#<rank>`
 * appended only when a name repeats; a record with both an analog value and
 * discrete states ("110 Watts, Presence detected") gives a numeric sensor
 * `ipmi:<name>` and a discrete one `ipmi:<name>:state`.
 *
 * Devices come from what a sensor is, never from where it sits: a fan from a
 * fan's speed sensor (RPM, type Fan, or a fan's name such as "Fan Block 3"
 * read in percent, "unspecified" by iLO 2, under the system board), a power
 * supply from a supply's own sensor (type Power Supply, or a supply's name:
 * "PS1 Status", "Power Supply 2", "PSU2"). Other sensors on a supply's entity (10.n) or named
 * after it ("PS1 Curr Out %") are linked to that supply; they never make one.
 */
import type {
  Chassis, DeviceStatus, DiscreteSensor, DiscreteSensorKind, Fan, Fru, Health, HardwareSnapshot, NumericSensor,
  PowerSupply, RedundancyGroup, RedundancyStatus, SensorRanges, SensorUnit, SystemIdentity, Thresholds,
} from '../../src/model/snapshot.js';
import type { DcmiPowerReading, FruDevice, FruParseResult, IpmiReading } from './types.js';
import { significantDecimals } from './text.js';
import {
  FAULT_NAME, freeIpmiVerdict, isSupplyState, meaningOn, offsetTableOfType, REDUNDANCY_BY_HEALTH, severity, stateMeaning, statesFromBits, statesOfKind, STATUS_BY_HEALTH, worse,
  type OffsetTable,
} from './states.js';
import { isAnalogUnit, kindByName, mapUnit } from './units.js';
import { fromLegacyStatus } from './legacy.js';

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
  /**
   * The readings come from ipmitool before 1.8.12, whose nc/cr/nr on a
   * non-threshold record are state offsets (legacy.ts). Without it a status
   * is a verdict.
   */
  legacyIpmitool?: boolean;
  /**
   * The supplies seen present (by id and by bay, see `seenKeys`), kept across
   * samples by the caller: such a supply whose bay later reads empty was
   * removed (failed), not an empty bay.
   */
  seenSupplies?: Set<string>;
}

const POWER_SUPPLY_ENTITY = 10;
const POWER_UNIT_ENTITY = 19;
const FAN_ENTITIES = new Set([29, 30]);

/** What a record is, beyond its reading: a fan's speed, a supply's own sensor, a redundancy sensor. */
type Role = 'fan' | 'supply' | 'redundancy';

/**
 * A supply's own sensor where no type is printed: "PS1 Status", "Power Supply 2", "PSU2", "PS 3 Presence", "PSU1_STATUS",
 * "PSU1 AC Lost" (AMI), "PSU1_Present" (a chassis CMM); and, unnumbered, the one supply sensor of a Supermicro X8, "PS Status".
 */
const SUPPLY_NAME = /^(?:ps|psu|pws|power ?supply|pwr ?supply)(?:[ _-]?0*(\d+)(?:[ _-]?(?:status|stat|state|presence|present|pres|ac[ _-]?lost|pwr[ _-]?detect))?|[ _-]?status)$/i;
/**
 * A supply's own sensor named after an entity, as FreeIPMI's --entity-sensor-names prints it ("Chassis Specific PSU 1
 * Status"): read only on a record typed Power Supply.
 */
const ENTITY_SUPPLY_NAME = new RegExp(`\\s${SUPPLY_NAME.source.slice(1)}`, 'i');
/** A sensor named after a supply: "PS1 Curr Out %", "PS 2 Input", "PSU2 Temp". */
// A number followed by V and a digit or nothing more is a rail's voltage: "PS 3V3", "PS 5V", "PS 12V" name no supply.
const SUPPLY_PREFIX = /^(?:ps|psu|pws|power ?supply|pwr ?supply)[ _-]?0*(\d+)(?![\d.]|v\d|v\b)/i;
// So is a standby or auxiliary rail of a rail's voltage: "PS 5VSB", "PSU_5V_AUX", "PS_12V_STBY" ("PS1VSB" is supply 1's).
const STANDBY_RAIL = /^(?:ps|psu|pws|power ?supply|pwr ?supply)[ _-]?(?:3|5|12)v[ _-]?(?:sb|stby|aux)/i;
/**
 * The entity FreeIPMI's --entity-sensor-names prints before a name that itself names a supply: "Chassis Specific "
 * of "Chassis Specific PSU 1 Status" (logicminds/rubyipmi dell_sensors.txt). Only before a supply's name and number,
 * and never a supply entity's own "Power Supply <n>", whose number stands ("Power Supply 1 AC lost", "Power Supply 1
 * PS 12V": supply 1, not 12); what follows is read by `SUPPLY_PREFIX` as a plain name is.
 */
const ENTITY_PREFIX = /^(?:chassis specific|system chassis|power unit|power module)(?: \d+)? (?=(?:ps|psu|pws|power ?supply|pwr ?supply)[ _-]?\d)/i;
/**
 * A fan's speed sensor by name: "FAN1", "Fan 4A", "Fan Block 3", "FAN MOD 1A RPM", "System Fan 2", "Fan1A RPM", "FANA",
 * "Fan 1 DutyCycle", rotors: Huawei's "FAN1 F Speed", Lenovo XCC's "Fan 1 Front Tach", "SYSFAN1_1"; with a place, no
 * number is needed (HP ML310 G5's "CPU Fan", "Rear Fan"; HP C8000's "Chassis Fan Tach", "Memory Fan Tach", "Disk Fan Tach").
 */
const FAN_NAME = /^(?:(?:sys(?:tem)?|cpu\d*|rear|front|chassis|memory|disk)[ _-]?fan(?:[ _-]?\d+[a-z]?(?:_\d+)?|[ _-]?[a-z])?|fan[ _-]?(?:block|mod(?:ule)?)?[ _-]?(?:\d+(?:[ _-]?[a-z](?![a-z]))?|[a-z]))(?:[ _-](?:front|rear))?(?:[ _-]?(?:rpm|speed|tach|duty(?:[ _-]?cycle)?|pct|%))?$/i;
/** A fan's duty-cycle sensor: "Fan 1 DutyCycle", "FAN2_DUTY". */
const DUTY_SUFFIX = /[ _-]?duty(?:[ _-]?cycle)?$/i;
/** A presence sensor's name: "PS 1 Presence", "PSU2_PRES", "PSU1_Present". */
const PRESENCE_NAME = /pres(?:ent|ence)?\s*$/i;
/** Redundancy sensors named for the whole set (HP "Fans", "Fan Blocks", "Power Supplies"). */
const GROUP_NAME = /^(?:fans|fan blocks|power supplies|psus|pwr supplies|cooling)$/i;

/** Builds the snapshot of one sample. */
export function buildSnapshot(sources: SnapshotSources): HardwareSnapshot {
  const ids = assignIds(sources.readings);
  const sensors: NumericSensor[] = [];
  const discreteSensors: DiscreteSensor[] = [];
  const records: Classified[] = [];
  const decoded = sources.readings.map((raw) => {
    const role = roleOf(raw);
    const read = sources.legacyIpmitool ? fromLegacyStatus(raw, offsetTable(raw, role)) : raw;
    return { role, reading: withDecodedBits(read, role) };
  });
  const presence = presenceKey(decoded);
  decoded.forEach(({ role, reading: bits }, i) => {
    const id = ids[i] ?? `ipmi:${sources.readings[i]?.name}`;
    const reading = withPresenceStates(bits, role, presence);
    const record: Classified = { reading, id, role };
    if (isNumeric(reading)) {
      record.numeric = numericSensor(reading, id, role, sources.decimals);
      sensors.push(record.numeric);
    }
    if (!record.numeric || reading.states.length > 0) {
      record.discrete = discreteSensor(reading, record.numeric ? `${id}:state` : id, role);
      discreteSensors.push(record.discrete);
    }
    records.push(record);
  });
  if (sources.dcmi) sensors.push(dcmiSensor(sources.dcmi));

  const fans = buildFans(records);
  const powerSupplies = buildPowerSupplies(records, sources.fru, sources.seenSupplies ?? new Set());
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
  role: Role | undefined;
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

// ---- roles ---------------------------------------------------------------------

function roleOf(reading: IpmiReading): Role | undefined {
  if (isRedundancy(reading)) return 'redundancy';
  if (isNumeric(reading) && isFanSpeed(reading)) return 'fan';
  if (isSupplySensor(reading)) return 'supply';
  return undefined;
}

function isRedundancy(reading: IpmiReading): boolean {
  if (reading.states.some((state) => stateMeaning(state)?.kind === 'redundancy')) return true;
  return /redundan|(?<![a-z])redund?(?![a-z])/i.test(reading.name) || GROUP_NAME.test(reading.name.trim());
}

/** A fan's speed, in RPM or in percent of full speed, whatever entity it sits on. */
function isFanSpeed(reading: IpmiReading): boolean {
  const type = reading.sensorType?.toLowerCase();
  const unit = mapUnit({ unit: reading.unit, sensorType: reading.sensorType, name: reading.name }).unit;
  // A reading typed Fan in another measure (a chassis' airflow in CFM, a fan tray's watts) is no fan's speed.
  if (type === 'fan') return unit === 'rpm' || unit === 'percent' || unit === 'unspecified' || !isAnalogUnit(reading.unit);
  if (unit === 'rpm') return true;
  if (unit === 'percent' && reading.entity && FAN_ENTITIES.has(reading.entity.id)) return true;
  const fanUnit = unit === 'percent' || unit === 'unspecified' || !isAnalogUnit(reading.unit);
  return type === undefined && fanUnit && FAN_NAME.test(reading.name.trim());
}

/** A supply's own sensor: typed Power Supply and named for one, or, untyped, named as one. */
function isSupplySensor(reading: IpmiReading): boolean {
  const type = reading.sensorType?.toLowerCase();
  const name = reading.name.trim();
  // Dell 11G names each supply's sensor just "Status", on the supply's entity 10.n.
  const onSupply = supplyEntity(reading) !== undefined;
  if (type === undefined) return SUPPLY_NAME.test(name) || (onSupply && saysSupplyState(reading));
  return type === 'power supply' && (supplyPrefix(name) !== null || SUPPLY_NAME.test(name) || ENTITY_SUPPLY_NAME.test(name) || onSupply || /^status$/i.test(name));
}

/** A discrete record that states a supply's condition: its offsets' texts, or, with nothing asserted, a name that says status. */
function saysSupplyState(reading: IpmiReading): boolean {
  if (reading.value !== undefined || isAnalogUnit(reading.unit)) return false;
  if (reading.states.length === 0) return /^status$/i.test(reading.name.trim()) && reading.unavailable === undefined;
  return reading.states.some((state) => state === 'Presence detected' || isSupplyState(state));
}

/**
 * `ipmitool sensor` and FreeIPMI's event bitmask print a discrete record's
 * states as bits: no bit set is nothing asserted, whatever the type; set bits
 * are read where the record's offsets are known and kept raw otherwise.
 * A bit means a sensor-type offset (IPMI 2.0 table 42-3) only under the
 * sensor-specific event/reading type (6Fh), which neither tool prints: a
 * "PSU 1 Failure" typed Power Supply may use the generic severity offsets.
 * So FreeIPMI's state column, computed knowing that type, has the final say:
 * decoded states stand only where it is the verdict FreeIPMI gives them
 * (see `confirmedBy`); otherwise the word stays raw with the column's health.
 */
function withDecodedBits(reading: IpmiReading, role: Role | undefined): IpmiReading {
  const bits = reading.stateBits;
  if (bits === undefined || reading.states.length > 0) return reading;
  const { rawState: _raw, stateBits: _bits, health, ...rest } = reading;
  if (bits === 0) return { ...rest, ...(health ? { health } : {}), states: [] };
  const table = offsetTable(reading, role);
  const states = table ? statesFromBits(table, bits) : [];
  return states.length > 0 && confirmedBy(health, states) ? { ...rest, states } : reading;
}

/**
 * The offsets a record's bits are read by: a redundancy set's, a supply's
 * status sensor's; by the printed type alone only where FreeIPMI's state
 * column can confirm them. A supply's presence sensor ("PS 1 Presence") stays
 * raw whatever its type: HP reads it by the generic Device Present offsets
 * (offset 1 Device Present), others as Entity Presence (offset 1 Entity Absent).
 */
function offsetTable(reading: IpmiReading, role: Role | undefined): OffsetTable | undefined {
  if (role === 'redundancy') return 'redundancy';
  if (role === 'supply') return PRESENCE_NAME.test(reading.name) ? undefined : 'powerSupply';
  return reading.health === undefined ? undefined : offsetTableOfType(reading.sensorType);
}

/**
 * Whether FreeIPMI's state column confirms decoded states: it is what
 * FreeIPMI's interpretation gives them, so their health is the column's,
 * except an absent entity, Critical to FreeIPMI and no fault here, as in
 * text. '0002h' Critical on Entity Presence is Entity Absent (generic Device
 * Present's offset 1 would be Nominal); '0004h' Critical on a supply may be
 * a generic "transition to Critical", not Predictive failure (warning), and
 * stays raw. Without a column (ipmitool's table) a role's offsets stand.
 */
function confirmedBy(column: Health | undefined, states: readonly string[]): boolean {
  if (column === undefined) return true;
  const verdicts = states.map((state) => freeIpmiVerdict(state) ?? 'unknown');
  return verdicts.reduce(worse) === column;
}

/** The presence sensors' offsets, and the supplies (by number) whose status sensor can check them. */
interface PresenceKey {
  table: OffsetTable;
  checked: Set<number | undefined>;
}

/**
 * How the listing's supply presence sensors ("PSU1_Present") read, where
 * their bits say: HP types them Device Presence (offset 0 Device Absent, 1
 * Device Present), others Entity Presence (0 Entity Present, 1 Entity
 * Absent), and the threshold table prints no type. A supply whose status
 * sensor says "Presence detected" tells: its presence sensor's offset is the
 * present one (a chassis CMM: bays with a supply read 0x0280, empty ones
 * 0x0180). The offsets are read only on supplies whose status sensor says
 * present, or asserts nothing (an empty bay, or a pulled supply); elsewhere
 * they stay raw. Undefined when no supply tells, or they disagree.
 */
function presenceKey(decoded: ReadonlyArray<{ role: Role | undefined; reading: IpmiReading }>): PresenceKey | undefined {
  const status = decoded.filter(({ role, reading }) => role === 'supply' && !PRESENCE_NAME.test(reading.name));
  const detected = new Set(status.filter(({ reading }) => reading.states.includes('Presence detected')).map(({ reading }) => supplyNumber(reading)));
  const words = new Set(decoded.filter(({ role, reading }) => isPresenceWord(reading, role) && detected.has(supplyNumber(reading))).map(({ reading }) => reading.stateBits));
  const table = words.size !== 1 ? undefined : words.has(0b10) ? 'devicePresence' : 'entityPresence';
  if (!table) return undefined;
  const quiet = status.filter(({ reading }) => assertsNothing(reading)).map(({ reading }) => supplyNumber(reading));
  return { table, checked: new Set([...detected, ...quiet]) };
}

/** A discrete record read, with no state asserted. */
function assertsNothing(reading: IpmiReading): boolean {
  return reading.states.length === 0 && reading.value === undefined && reading.rawState === undefined && reading.unavailable === undefined;
}

/** A supply presence sensor printed as one of the two offsets both presence types have. */
function isPresenceWord(reading: IpmiReading, role: Role | undefined): boolean {
  return role === 'supply' && PRESENCE_NAME.test(reading.name) && (reading.stateBits === 0b01 || reading.stateBits === 0b10);
}

function withPresenceStates(reading: IpmiReading, role: Role | undefined, key: PresenceKey | undefined): IpmiReading {
  if (!key || !isPresenceWord(reading, role) || !key.checked.has(supplyNumber(reading))) return reading;
  const { rawState: _raw, stateBits, ...rest } = reading;
  return { ...rest, states: statesFromBits(key.table, stateBits ?? 0) };
}

// ---- numeric sensors -----------------------------------------------------------

/**
 * An analog record: a value, a threshold type, an analog unit; or, where a
 * list layout printed none of them for an unreadable record, a name that
 * says what it measures ("DIMM Temp | no reading", "FAN3 | No Reading").
 */
function isNumeric(reading: IpmiReading): boolean {
  if (reading.value !== undefined) return true;
  if (reading.rawState !== undefined || reading.stateBits !== undefined) return false;
  // A threshold status beside no reading and no reason is a threshold record without an analog reading (`sdr elist`'s
  // "VRD Hot | 09h | ucr | 3.1 |"), whichever listing typed it: a state, not a measurement.
  if (reading.value === undefined && reading.unavailable === undefined && reading.health !== undefined) return false;
  if (reading.eventClass !== undefined) return reading.eventClass === 'threshold';
  if (isAnalogUnit(reading.unit)) return true;
  if (reading.unavailable === undefined || reading.states.length > 0 || reading.sensorType !== undefined) return false;
  const name = reading.name.trim();
  return FAN_NAME.test(name) || kindByName(name) !== undefined;
}

function numericSensor(reading: IpmiReading, id: string, role: Role | undefined, sticky: Map<string, number> | undefined): NumericSensor {
  const mapping = mapUnit({ unit: reading.unit, sensorType: reading.sensorType, name: reading.name, fan: role === 'fan' });
  const decimals = mapping.decimals ? mapping.decimals(reading.decimals ?? 0) : reading.decimals ?? 0;
  const convert = (value: number, digits = decimals): number => {
    if (!mapping.convert) return value;
    const factor = 10 ** digits;
    return Math.round(mapping.convert(value) * factor) / factor;
  };
  const thresholds: Thresholds = {};
  for (const [name, value] of Object.entries(realThresholds(reading.thresholds)) as [keyof Thresholds, number][]) thresholds[name] = convert(value);
  // A range is converted at the digits it was printed with, not the reading's: the model rounds it at the reading's.
  // An inverted pair is passed as printed: the model drops it, and serve's log says so.
  const ranges: SensorRanges = {};
  for (const [name, value] of Object.entries(reading.ranges ?? {}) as [keyof SensorRanges, number][]) {
    ranges[name] = convert(value, mapping.decimals ? mapping.decimals(significantDecimals(value)) : significantDecimals(value));
  }
  const value = reading.value === undefined || reading.value === null ? null : convert(reading.value);
  const sensor: NumericSensor = {
    id,
    label: reading.name,
    kind: mapping.kind,
    unit: mapping.unit,
    value,
    decimals: decimalsOf(id, decimals, thresholds, sticky),
  };
  if (Object.keys(thresholds).length > 0) sensor.thresholds = thresholds;
  if (Object.keys(ranges).length > 0) sensor.ranges = ranges;
  // No reading is no verdict: the status column of an unreadable sensor ("ns", "na") says nothing of the part.
  if (value === null) sensor.unavailable = reading.unavailable ?? 'failed';
  else if (reading.health) {
    // The status column is the BMC's own comparison with these thresholds, with its hysteresis and event masks;
    // but not an "ok" beside a critical limit crossed: OpenBMC prints ok at any reading (openbmc/openbmc#3743).
    // A fan at 0 RPM the BMC finds fine stays its call: an empty header or a dead fan, not turning (see buildFans).
    // So does an "ok" beside a critical or fatal threshold event the BMC asserted (FreeIPMI): an interpretation file
    // mapped it there; FreeIPMI's own default maps only the non-critical ones to Nominal.
    sensor.health = reading.health;
    const idle = role === 'fan' && value === 0;
    const mapped = reading.crossed !== undefined && !reading.crossed.endsWith('NonCritical');
    const rejudged = reading.health === 'ok' && !mapped && !idle;
    // The printed step in the served unit (a reading of 100.99 kPa is served in pascals, 10 Pa apart).
    const printed = reading.decimals ?? 0;
    const step = printed === 0 ? 0 : Math.abs((mapping.convert?.(10 ** -printed) ?? 10 ** -printed) - (mapping.convert?.(0) ?? 0));
    sensor.thresholdsJudged = !rejudged || !pastCriticalLimit(value, thresholds, { fan: mapping.kind === 'fan', step });
    if (reading.crossed) sensor.crossed = reading.crossed;
  }
  const source = describeSource(reading);
  if (source) sensor.source = source;
  return sensor;
}

/**
 * A reading beyond (not at: BMCs differ on "at") a critical or fatal limit. A non-critical one crossed under an "ok"
 * stays the BMC's call: an NEC ExpressScope prints a fan's lower limit as its upper non-critical; so does a 0.000
 * limit, the unset one HPE and a chassis CMM print. On a fan's speed only a lower limit counts: an upper one may be
 * such a misplaced lower limit, and a fan turning fast is no reason to overrule the BMC. "At" allows for the
 * printed rounding: `sdr elist` prints 10.91 for a reading `sensor` compares with its 10.915 at three decimals.
 */
function pastCriticalLimit(value: number, thresholds: Thresholds, reading: { fan: boolean; step: number }): boolean {
  const set = (limit: number | undefined): limit is number => limit !== undefined && limit !== 0;
  // Half the printed step, and a hair more for binary rounding (10.915 - 0.005 is not exactly 10.91); a whole
  // number (step 0) is exact: `sdr elist` prints a reading with no decimals only when it is whole, else with two.
  const margin = reading.step / 2 + 1e-9;
  const low = [thresholds.lowerCritical, thresholds.lowerFatal].filter(set);
  const high = reading.fan ? [] : [thresholds.upperCritical, thresholds.upperFatal].filter(set);
  return low.some((limit) => value < limit - margin) || high.some((limit) => value > limit + margin);
}

/** Thresholds from the most severe low one to the most severe high one: each no lower than the one before. */
const THRESHOLD_ORDER = ['lowerFatal', 'lowerCritical', 'lowerNonCritical', 'upperNonCritical', 'upperCritical', 'upperFatal'] as const;

/**
 * The thresholds a record prints that can be real: all of them when they are
 * in order, with every low one below every high one. Some BMCs print 0.000
 * for a threshold they do not set (HPE: beside real ones; a CMM: for every
 * one), which a reading would cross whatever it is: those are dropped, and
 * all of them when the rest are still out of order.
 */
function realThresholds(printed: Thresholds): Thresholds {
  if (isOrdered(printed)) return printed;
  const set: Thresholds = Object.fromEntries(Object.entries(printed).filter(([, value]) => value !== 0));
  return isOrdered(set) ? set : {};
}

function isOrdered(thresholds: Thresholds): boolean {
  let previous: { name: keyof Thresholds; value: number } | undefined;
  for (const name of THRESHOLD_ORDER) {
    const value = thresholds[name];
    if (value === undefined) continue;
    const strict = previous !== undefined && previous.name.startsWith('lower') && name.startsWith('upper');
    if (previous !== undefined && (strict ? value <= previous.value : value < previous.value)) return false;
    previous = { name, value };
  }
  return true;
}

/**
 * The printed precision, widened to write every threshold exactly and never narrower than before. Not for the
 * ranges: guidance, they never change the reading's encoding; the model writes them at the reading's resolution.
 */
function decimalsOf(id: string, printed: number, thresholds: Thresholds, sticky?: Map<string, number>): number {
  let decimals = printed;
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

function discreteSensor(reading: IpmiReading, id: string, role: Role | undefined): DiscreteSensor {
  const kind = discreteKind(reading, role);
  const state = discreteState(reading);
  const possible = new Set([...(kind === 'other' ? [] : statesOfKind(kind)), ...reading.states, state]);
  const sensor: DiscreteSensor = { id, label: reading.name, kind, possibleStates: [...possible], state, health: discreteHealth(reading, role) };
  const source = describeSource(reading);
  if (source) sensor.source = source;
  return sensor;
}

/** The asserted state that matters most (the most severe), a raw reading, or why there is none. */
function discreteState(reading: IpmiReading): string {
  if (reading.unavailable) return UNAVAILABLE_STATE[reading.unavailable];
  let chosen: string | undefined;
  let rank = -1;
  for (const state of tellingStates(reading)) {
    const health = meaningOn(reading.name, state, reading)?.health ?? 'unknown';
    if (severity(health) > rank) [chosen, rank] = [state, severity(health)];
  }
  return chosen ?? reading.rawState ?? NOTHING_ASSERTED;
}

/** FreeIPMI's name for an offset the sensor's type does not define: it says only that a bit is set. */
const UNRECOGNISED_EVENT = /^Unrecognized Event = [0-9a-f]+h$/i;

/**
 * The asserted states that tell something: all but FreeIPMI's "Unrecognized
 * Event = 0100h" beside others (an old Supermicro BMC's supply asserts
 * "Presence detected" and offsets 8-14, which its type does not define).
 * Any other unknown text ("Vendor Fault") still counts, as unknown: it may
 * be the fault. What is dropped is left to FreeIPMI's state column.
 */
function tellingStates(reading: IpmiReading): readonly string[] {
  const telling = reading.states.filter((state) => !UNRECOGNISED_EVENT.test(state));
  return telling.length > 0 ? telling : reading.states;
}

function discreteHealth(reading: IpmiReading, role: Role | undefined): Health {
  if (reading.unavailable) return 'unknown';
  // A supply's status sensor with "Presence detected" not asserted: the module was pulled (unless another says present).
  if (role === 'supply' && reading.states.length === 0 && reading.rawState === undefined && !FAULT_NAME.test(reading.name)) return 'critical';
  // Where any state is known, an unknown one beside it counts as unknown (a "Vendor Fault" may be the fault).
  const healths = tellingStates(reading).map((state) => meaningOn(reading.name, state, reading)?.health);
  if (healths.some((health) => health !== undefined)) return [...healths.map((health) => health ?? 'unknown'), ...(reading.health ? [reading.health] : [])].reduce(worse);
  if (reading.states.length > 0 || reading.rawState !== undefined) return reading.health ?? 'unknown';
  return reading.health ?? 'ok';
}

const KIND_BY_SENSOR_TYPE: Readonly<Record<string, DiscreteSensorKind>> = {
  'physical security': 'intrusion',
  'power supply': 'powerSupplyStatus',
  'entity presence': 'presence',
};

/** Whether every state the record tells (FreeIPMI's "Unrecognized Event" tells none) is a presence state. */
function isPresenceAlone(reading: IpmiReading): boolean {
  return reading.states.length > 0 && tellingStates(reading).every((state) => stateMeaning(state)?.kind === 'presence');
}

function discreteKind(reading: IpmiReading, role: Role | undefined): DiscreteSensorKind {
  if (role === 'redundancy') return 'redundancy';
  if (role === 'supply') return 'powerSupplyStatus';
  const stateKinds = new Set(reading.states.map((state) => stateMeaning(state)?.kind));
  for (const kind of ['intrusion', 'powerSupplyStatus'] as const) if (stateKinds.has(kind)) return kind;
  const byType = KIND_BY_SENSOR_TYPE[reading.sensorType?.toLowerCase() ?? ''];
  if (byType) return byType;
  // Presence alone: a DIMM's "Correctable ECC, …, Presence Detected" is a memory sensor reporting faults.
  if (isPresenceAlone(reading)) return 'presence';
  if (/intru/i.test(reading.name)) return 'intrusion';
  if (/presen|\bpres\b/i.test(reading.name)) return 'presence';
  return 'other';
}

// ---- fans ----------------------------------------------------------------------

/** What a device's status is, and why when it is not ok. */
interface StatusVerdict {
  status: DeviceStatus;
  reason?: string;
  /** The BMC says the device is absent ("Device Absent"), rather than asserting nothing. */
  statedAbsent?: boolean;
  /** The BMC says the device is present ("Presence detected", "Device Present"). */
  statedPresent?: boolean;
  /** From a raw reading ("0x0280"), which says nothing a sensor read otherwise does not. */
  raw?: boolean;
  /** Nothing asserted on this supply status sensor: pulled, unless another sensor of the supply says present. */
  quiet?: Classified;
}

/** Device statuses from best to worst. */
const STATUS_ORDER: readonly DeviceStatus[] = ['ok', 'unknown', 'absent', 'degraded', 'failed'];

/**
 * One fan per speed sensor, except that a duty-cycle sensor ("Fan 1
 * DutyCycle", HP) is the fan named before it when a record has that name:
 * it joins that fan's speed sensor (iLO 4 prints both in percent), or is the
 * speed of a fan whose own record is discrete (iLO 5). Discrete records named
 * as a fan ("Fan 1", "Fan 1 Presence") then watch it. A fault the fan's
 * discrete sensors state is the fan's own status too (see `worsenByStates`).
 */
function buildFans(records: Classified[]): Fan[] {
  const names = new Set(records.map((record) => record.reading.name.trim().toLowerCase()));
  const fans = new Map<string, Fan>();
  const duty = (record: Classified) => DUTY_SUFFIX.test(record.reading.name.trim());
  for (const { numeric, discrete, role, reading } of [...records.filter((r) => !duty(r)), ...records.filter(duty)]) {
    if (role !== 'fan' || !numeric) continue;
    const base = reading.name.trim().replace(DUTY_SUFFIX, '');
    const label = base !== reading.name.trim() && names.has(base.toLowerCase()) ? base : numeric.label;
    let fan = fans.get(label.toLowerCase());
    if (!fan) {
      const { status, reason } = fanStatus(numeric);
      const id = label === numeric.label ? numeric.id.slice('ipmi:'.length) : label;
      fan = { id: `ipmi:fan:${id}`, label, speedSensor: numeric.id, status };
      if (reason) fan.statusReason = reason;
      fans.set(label.toLowerCase(), fan);
    }
    for (const sensor of [numeric, discrete]) if (sensor) sensor.monitors = { kind: 'fan', id: fan.id };
    if (discrete) worsenByStates(fan, discrete);
  }
  for (const { discrete, numeric, role, reading } of records) {
    const fan = fans.get(reading.name.trim().replace(PRESENCE_NAME, '').trim().toLowerCase());
    if (!discrete || numeric || role !== undefined || !fan) continue;
    discrete.monitors = { kind: 'fan', id: fan.id };
    worsenByStates(fan, discrete);
  }
  return [...fans.values()];
}

/**
 * A fault a fan's discrete sensor states (HP's fan block "Transition to Off
 * Line" beside its duty cycle) worsens the status its reading gives, so the
 * fan itself reads it, not only the system; a state never betters it.
 */
function worsenByStates(fan: Fan, sensor: DiscreteSensor): void {
  const status = STATUS_BY_HEALTH[sensor.health];
  if (status === undefined || STATUS_ORDER.indexOf(status) <= STATUS_ORDER.indexOf(fan.status)) return;
  fan.status = status;
  fan.statusReason = sensor.state;
}

/**
 * A fan's status from its speed: a fan at 0 the BMC finds fine is unknown
 * (an empty optional header and a dead fan both read 0 RPM); the model
 * calls it stopped once it was seen turning.
 */
function fanStatus(speed: NumericSensor): StatusVerdict {
  const verdict = speedStatus(speed);
  return verdict.status === 'ok' && speed.value === 0 ? { status: 'unknown', reason: 'not turning' } : verdict;
}

/** A device's status from the reading of its analog sensor: the BMC's verdict; a reading without one is a working part. */
function speedStatus(sensor: NumericSensor): StatusVerdict {
  if (sensor.value === null) {
    if (sensor.unavailable === 'absent') return { status: 'absent', reason: 'not present' };
    return { status: 'unknown', reason: sensor.unavailable === 'disabled' ? 'disabled' : 'no reading' };
  }
  switch (sensor.health) {
    case 'warning':
      return { status: 'degraded', reason: `${sensor.label}: warning` };
    case 'critical':
    case 'fatal':
      return { status: 'failed', reason: `${sensor.label}: ${sensor.health}` };
    default:
      return { status: 'ok' };
  }
}

// ---- power supplies ------------------------------------------------------------

interface SupplyDraft {
  supply: PowerSupply;
  verdicts: StatusVerdict[];
  /** The n of "PS<n>", or of entity 10.n. */
  number?: number;
  entity?: string;
  /** A measurement of the supply reads, and not 0 (a chassis CMM's empty bays read 0.000 W, 0 V): it is there. */
  reads?: boolean;
}

function buildPowerSupplies(records: Classified[], fru: FruParseResult | undefined, seen: Set<string>): PowerSupply[] {
  const drafts = new Map<string, SupplyDraft>();
  const shared = sharedEntities(records);
  const entityOf = (reading: IpmiReading) => {
    const entity = supplyEntity(reading);
    return entity !== undefined && shared.has(entity) ? undefined : entity;
  };
  const places = supplyPlaces(records.filter((record) => record.role === 'supply'), entityOf);
  const supplyKey = (record: Classified) => places.get(record)?.key ?? record.id;
  for (const record of records) {
    if (record.role !== 'supply') continue;
    const entity = places.get(record)?.entity;
    const number = supplyNumber(record.reading);
    const key = supplyKey(record);
    let draft = drafts.get(key);
    if (!draft) {
      const supply = newSupply(record, entity);
      draft = { supply, verdicts: [], ...(number === undefined ? {} : { number }), ...(entity === undefined ? {} : { entity }) };
      drafts.set(key, draft);
    }
    draft.verdicts.push(supplyStatus(record));
  }
  const all = [...drafts.values()];
  for (const record of records) {
    if (record.role === 'redundancy' || record.role === 'fan') continue;
    const draft = record.role === 'supply' ? drafts.get(supplyKey(record)) : owningSupply(record, all, entityOf(record.reading));
    if (!draft) continue;
    // `sensors` lists the supply's numeric sensors (the model links those); discrete ones name the supply they watch.
    if (record.numeric) draft.supply.sensors?.push(record.numeric.id);
    if (record.numeric && readsSomething(record.numeric)) draft.reads = true;
    for (const sensor of [record.numeric, record.discrete]) if (sensor) sensor.monitors = { kind: 'powerSupply', id: draft.supply.id };
  }
  const redundant = records.some((record) => record.role === 'redundancy' && redundancyKind(record.reading) === 'powerSupply');
  const context = { alone: all.length === 1 && !redundant, fruSupplies: fruSupplyCount(fru) };
  const memory = seenKeys(all);
  return all.map((draft) => {
    const { supply, verdicts: heard } = draft;
    const given = settleQuiet(heard, isLoneSupply(draft, context));
    // A raw reading ("PS 1 Presence" 0x0280) is the verdict only where no other sensor of the supply says anything.
    const read = given.filter((verdict) => !verdict.raw);
    const verdicts = read.length > 0 ? read : given;
    const worst = supplyVerdict(verdicts);
    const empty = isEmptyBay(verdicts, redundant, draft.reads === true);
    const keys = memory(draft);
    if ((empty || isPulled(verdicts)) && keys.some((key) => seen.has(key))) {
      // A supply seen present earlier in this run, among several or not: it was pulled, as the README says.
      supply.status = 'failed';
      supply.statusReason = 'removed';
    } else {
      if (empty) verdicts.forEach(clearQuiet);
      supply.status = empty ? 'absent' : worst.status;
      if (worst.reason) supply.statusReason = worst.reason;
    }
    if (isPresent(supply)) keys.forEach((key) => seen.add(key));
    const fruData = fru && fruOf(fru, supply.label);
    if (fruData) supply.fru = fruData;
    return supply;
  });
}

/** Where a supply sensor belongs: the key of its supply, and that supply's entity 10.n where it has one. */
interface SupplyPlace {
  key: string;
  entity?: string;
}

/**
 * Which supply each supply sensor is of: its entity 10.n; else the supply on
 * an entity that its number names (Huawei's iBMC puts "PS1 Presence" on the
 * board, 7.96, and "PS1 Status" on the supply, 10.96); else its number; else
 * itself.
 */
function supplyPlaces(sensors: Classified[], entityOf: (reading: IpmiReading) => string | undefined): Map<Classified, SupplyPlace> {
  const places = new Map<Classified, SupplyPlace>();
  // Only a number a name gives ("PS1 Status" on 10.96) joins: a nameless "Status" on 10.1 says nothing of "PS1"
  // elsewhere; a number named on two entities joins neither.
  const byNumber = new Map<number, Set<string>>();
  for (const record of sensors) {
    const entity = entityOf(record.reading);
    if (entity === undefined) continue;
    places.set(record, { key: entity, entity });
    const named = supplyPrefix(record.reading.name);
    if (named) byNumber.set(Number(named[1]), (byNumber.get(Number(named[1])) ?? new Set()).add(entity));
  }
  for (const record of sensors) {
    if (places.has(record)) continue;
    const number = supplyNumber(record.reading);
    const entities = number === undefined ? undefined : byNumber.get(number);
    const entity = entities?.size === 1 ? [...entities][0] : undefined;
    places.set(record, entity !== undefined ? { key: entity, entity } : { key: number === undefined ? record.id : `#${number}` });
  }
  return places;
}

/**
 * A status sensor asserting nothing says the supply was pulled, except where
 * another of its sensors says it is present ("PS 1 Presence": Device
 * Present), which is believed (ok); or where it is the only supply that can
 * be (`isLoneSupply`), which powers the BMC that answered, so it was not
 * pulled and its sensor just reports no presence (a Supermicro's "PS Status"
 * 'OK', Nominal: ipmi_exporter#31): unknown. Either way the quiet sensor
 * asserts no fault, and its discrete sensor loses the pulled module's
 * critical health.
 */
function settleQuiet(verdicts: StatusVerdict[], lone: boolean): StatusVerdict[] {
  const instead: StatusVerdict | undefined = verdicts.some((verdict) => verdict.statedPresent)
    ? { status: 'ok' }
    : lone ? { status: 'unknown', reason: 'no state asserted' } : undefined;
  if (!instead) return verdicts;
  return verdicts.map((verdict) => {
    if (!verdict.quiet) return verdict;
    clearQuiet(verdict);
    return { ...instead };
  });
}

/**
 * Whether a supply may be the box's only one (see `settleQuiet`): the
 * listing's only supply, in no redundancy set, numbered 1 or not at all (a
 * lone "PS2 Status" implies a first bay), with no other supply in the FRU,
 * no bay stated empty (a CMM's "Device Absent", an empty bay as
 * `isEmptyBay` reads it). Seen present earlier in the run changes nothing:
 * a box's only supply still powers the BMC that answered.
 */
function isLoneSupply(draft: SupplyDraft, context: { alone: boolean; fruSupplies: number }): boolean {
  return context.alone && (bayNumber(draft) ?? 1) <= 1 && context.fruSupplies < 2 && !draft.verdicts.some((verdict) => verdict.statedAbsent);
}

/**
 * The keys a supply is remembered by across samples: its id, and its bay
 * ("bay:2"). The id follows the sensors listed (`ipmi:psu:10.97` with "PS2
 * Status" on the supply, `ipmi:psu:PS2 Presence` once a BMC drops a pulled
 * supply's status record); the bay, from the name's number or the entity's
 * instance, does not. A bay that two supplies of one listing share names
 * neither.
 */
function seenKeys(drafts: readonly SupplyDraft[]): (draft: SupplyDraft) => string[] {
  const bays = new Map<number, number>();
  for (const draft of drafts) {
    const bay = bayNumber(draft);
    if (bay !== undefined) bays.set(bay, (bays.get(bay) ?? 0) + 1);
  }
  return (draft) => {
    const bay = bayNumber(draft);
    return bay !== undefined && bays.get(bay) === 1 ? [draft.supply.id, `bay:${bay}`] : [draft.supply.id];
  };
}

/** The bay a supply's number names: a device-relative entity instance counts from 0x60 (Huawei's 10.96 is the first, 10.97 the second). */
function bayNumber(draft: SupplyDraft): number | undefined {
  return draft.number !== undefined && draft.number >= 0x60 ? draft.number - 0x60 + 1 : draft.number;
}

/** The FRU devices that are supplies ("PS1", "Power Supply 2", "PSU 1"). */
function fruSupplyCount(fru: FruParseResult | undefined): number {
  // Whatever each printed ("Device not present" included): a second bay the FRU names means a first supply is not the only one.
  return fru?.devices.filter((device) => supplyPrefix(device.description) !== null || /power ?supply/i.test(device.description)).length ?? 0;
}

/** A supply the sensors say is there: working or not, but not pulled, empty or unread. */
function isPresent(supply: PowerSupply): boolean {
  return (supply.status === 'ok' || supply.status === 'degraded' || supply.status === 'failed') && supply.statusReason !== 'not present' && supply.statusReason !== 'removed';
}

/** A status sensor asserting nothing where the supply is present, or the bay empty: no fault of its own. */
function clearQuiet(verdict: StatusVerdict): void {
  if (verdict.quiet?.discrete) verdict.quiet.discrete.health = verdict.quiet.reading.health ?? 'ok';
}

/**
 * A supply, named after its first sensor ("PS1 Status"); but on an entity
 * that supplies of several numbers share, after the number its names give
 * ("PSU1", not "PSU1 AC Lost"), and where no name numbers it ("Status" on
 * 10.2), after its entity ("Power Supply 2"). `entity` is the supply's own
 * (undefined when shared).
 */
function newSupply(record: Classified, entity: string | undefined): PowerSupply {
  const name = record.reading.name;
  const prefix = supplyPrefix(name)?.[0];
  let label = name;
  if (entity === undefined && prefix !== undefined && supplyEntity(record.reading) !== undefined) label = prefix;
  else if (entity !== undefined && prefix === undefined) label = `Power Supply ${entity.split('.')[1]}`;
  const id = entity ?? (label === name ? record.id.slice('ipmi:'.length) : label);
  return { id: `ipmi:psu:${id}`, label, status: 'unknown', sensors: [] };
}

/**
 * Whether a supply's own numeric sensor reads what only a fitted supply
 * would: not 0 (a chassis CMM's empty bays read 0.000 W and 0 V), nor what
 * an empty bay's input leaks (ADC noise of a few tens of millivolts): at
 * least 1 V, 0.1 A or 1 W.
 */
function readsSomething(sensor: NumericSensor): boolean {
  const floor = ELECTRICAL_FLOOR[sensor.unit];
  return sensor.value !== null && sensor.value !== 0 && (floor === undefined || Math.abs(sensor.value) >= floor);
}

const ELECTRICAL_FLOOR: Partial<Record<SensorUnit, number>> = { volts: 1, amps: 0.1, watts: 1, voltamperes: 1 };

/**
 * A bay the BMC says is empty ("Device Absent"), whose status sensor, where
 * the listing has one, agrees (not scanned, or asserting nothing), whose
 * measurements read nothing but 0 (`reads`), and which counts in no
 * redundancy set: an HP iLO 4 with one supply (bay 2 Disabled), a chassis
 * CMM's unused bays ("PSU1_Present" Device Absent, "PSU1_Status" 0x0080,
 * "PSU1_Pout" 0.000 W), a presence sensor that no sensor of a supply joins
 * (Huawei's sit on the board, 7.96). An empty slot, not a pulled supply: a
 * pulled one still alarms (nothing asserted alone, an absence beside a
 * sensor that reads, a redundancy set, or a supply seen there earlier in the
 * run).
 */
function isEmptyBay(verdicts: readonly StatusVerdict[], redundant: boolean, reads: boolean): boolean {
  const agrees = (verdict: StatusVerdict): boolean => verdict.reason === 'disabled' || verdict.quiet !== undefined;
  return !redundant && !reads && verdicts.some((verdict) => verdict.statedAbsent) && verdicts.every((verdict) => verdict.statedAbsent || agrees(verdict));
}

/** A verdict that the supply is not there (nothing asserted on its status sensor, "Device Absent"), not that it failed in place. */
function isAbsence(verdict: StatusVerdict): boolean {
  return verdict.quiet !== undefined || verdict.statedAbsent === true;
}

/** Whether a supply's sensors say it failed by not being there: every failure they state is an absence. */
function isPulled(verdicts: readonly StatusVerdict[]): boolean {
  const failures = verdicts.filter((verdict) => verdict.status === 'failed');
  return failures.length > 0 && failures.every(isAbsence);
}

/** The worst verdict; among failures, one stated in place ("Failure detected") before an absence, whatever the listing's order. */
function supplyVerdict(verdicts: readonly StatusVerdict[]): StatusVerdict {
  return verdicts.find((verdict) => verdict.status === 'failed' && !isAbsence(verdict)) ?? worstVerdict(verdicts);
}

function supplyEntity(reading: IpmiReading): string | undefined {
  const entity = reading.entity;
  return entity?.id === POWER_SUPPLY_ENTITY ? `${entity.id}.${entity.instance}` : undefined;
}

/** A name's supply prefix ("PSU 1"), after any entity FreeIPMI prints before it. */
function supplyPrefix(name: string): RegExpExecArray | null {
  const plain = name.trim().replace(ENTITY_PREFIX, '');
  return STANDBY_RAIL.test(plain) ? null : SUPPLY_PREFIX.exec(plain);
}

function supplyNumber(reading: IpmiReading): number | undefined {
  const match = supplyPrefix(reading.name);
  if (match) return Number(match[1]);
  return supplyEntity(reading) === undefined ? undefined : reading.entity?.instance;
}

/**
 * Supply entities that supplies of different numbers share: AMI puts
 * "PSU1 …" to "PSU4 …" all on 10.0, so there the names tell the supplies
 * apart. Elsewhere sensors of one supply share its entity 10.n, else its
 * number ("PS1 Status", "PS1 Presence").
 */
function sharedEntities(records: Classified[]): Set<string> {
  const numbers = new Map<string, Set<number>>();
  for (const { reading, role } of records) {
    const entity = supplyEntity(reading);
    const named = supplyPrefix(reading.name);
    if (role !== 'supply' || entity === undefined || !named) continue;
    numbers.set(entity, (numbers.get(entity) ?? new Set()).add(Number(named[1])));
  }
  return new Set([...numbers].filter(([, seen]) => seen.size > 1).map(([entity]) => entity));
}

/** The supply a measurement belongs to: the one on its entity 10.n, else the one its name numbers ("PS2 Curr Out %"). */
function owningSupply(record: Classified, drafts: SupplyDraft[], entity: string | undefined): SupplyDraft | undefined {
  if (entity !== undefined) {
    const onEntity = drafts.find((draft) => draft.entity === entity);
    if (onEntity) return onEntity;
  }
  const named = supplyPrefix(record.reading.name);
  return named ? drafts.find((draft) => draft.number === Number(named[1])) : undefined;
}

/**
 * A supply sensor's verdict on its supply, from the asserted states whatever
 * the status column says: "Failure detected" is a failed supply, and
 * "Device Absent" is a pulled module, failed and not present, as nothing
 * asserted may be (see `quietStatus`). A generic state says what its health
 * says ("transition to OK": ok). A supply sensor with an analog reading and
 * no states is judged by the reading.
 */
function supplyStatus(record: Classified): StatusVerdict {
  const reading = record.reading;
  if (reading.unavailable) return { status: 'unknown', reason: reading.unavailable === 'disabled' ? 'disabled' : 'no reading' };
  if (reading.states.length === 0) {
    if (record.numeric) return speedStatus(record.numeric);
    if (reading.rawState !== undefined) return rawStatus(reading, reading.rawState);
    return quietStatus(record);
  }
  const verdicts = [...tellingStates(reading).map((state) => stateVerdict(reading.name, state)), ...columnVerdict(reading)];
  const worst = worstVerdict(verdicts);
  // "Presence detected" beside "Failure detected" still says the module is in: a quiet sensor of it was not pulled.
  return verdicts.some((verdict) => verdict.statedPresent) ? { ...worst, statedPresent: true } : worst;
}

/** The verdict of the worst status (the first of equals). */
function worstVerdict(verdicts: readonly StatusVerdict[]): StatusVerdict {
  return verdicts.reduce((a, b) => (STATUS_ORDER.indexOf(b.status) > STATUS_ORDER.indexOf(a.status) ? b : a));
}

/**
 * Nothing asserted: on a supply's status sensor, "Presence detected"
 * (offset 0) is not, so the module was pulled; on a sensor reporting one
 * fault ("PSU 1 Failure", FreeIPMI 'OK' or '0000h'), there is no fault.
 */
function quietStatus(record: Classified): StatusVerdict {
  if (FAULT_NAME.test(record.reading.name)) return { status: 'ok' };
  return { status: 'failed', reason: 'not present', quiet: record };
}

function stateVerdict(name: string, state: string): StatusVerdict {
  const meaning = meaningOn(name, state);
  const status = meaning && (meaning.supply ?? STATUS_BY_HEALTH[meaning.health]);
  if (status === undefined) return { status: 'unknown', reason: state };
  const reason = meaning?.reason ?? (status === 'ok' ? undefined : state);
  const verdict: StatusVerdict = reason ? { status, reason } : { status };
  if (meaning?.kind === 'presence') verdict[status === 'failed' ? 'statedAbsent' : 'statedPresent'] = true;
  return verdict;
}

/**
 * The tool's own verdict beside the states, where it kept one (FreeIPMI's
 * state column on states it knows better than this table: an OEM text, an
 * "Unrecognized Event", a generic state it calls Critical): a fault it sees
 * is the supply's, whatever the states read.
 */
function columnVerdict(reading: IpmiReading): StatusVerdict[] {
  const status = reading.health && STATUS_BY_HEALTH[reading.health];
  return status === undefined || status === 'ok' ? [] : [{ status, reason: `${reading.name.trim()}: ${reading.health}` }];
}

/**
 * A raw reading says nothing of the supply, unless FreeIPMI's state column
 * judged it: a word it read knowing the event/reading type ("PSU 1 Failure"
 * '0002h' Warning is a degraded supply, not a failed one).
 */
function rawStatus(reading: IpmiReading, rawState: string): StatusVerdict {
  const reason = `state ${rawState}`;
  const column = wordColumn(reading);
  const status = column && STATUS_BY_HEALTH[column];
  if (status === undefined) return { status: 'unknown', reason, raw: true };
  return status === 'ok' ? { status } : { status, reason };
}

/** FreeIPMI's state column beside a raw word; ipmitool's discrete statuses only say whether a sensor reads. */
function wordColumn(reading: IpmiReading): Health | undefined {
  return reading.stateBits === undefined ? undefined : reading.health;
}

// ---- redundancy ----------------------------------------------------------------

const REDUNDANCY_ORDER: readonly RedundancyStatus[] = ['full', 'unknown', 'degraded', 'lost', 'failed'];

function worseRedundancy(a: RedundancyStatus, b: RedundancyStatus): RedundancyStatus {
  return REDUNDANCY_ORDER.indexOf(b) > REDUNDANCY_ORDER.indexOf(a) ? b : a;
}

function buildRedundancy(records: Classified[]): RedundancyGroup[] {
  const groups: RedundancyGroup[] = [];
  for (const { reading, role, id, discrete } of records) {
    if (role !== 'redundancy' || !discrete) continue;
    const kind = redundancyKind(reading);
    if (!kind) continue;
    groups.push({ id: `ipmi:redundancy:${id.slice('ipmi:'.length)}`, label: reading.name, kind, status: redundancyStatus(reading) });
  }
  return groups;
}

/**
 * The worst redundancy state asserted; for a FreeIPMI word its state column
 * did not confirm (kept raw: '0008h' is Critical to FreeIPMI, degraded in the
 * table), the column's verdict.
 */
function redundancyStatus(reading: IpmiReading): RedundancyStatus {
  if (reading.unavailable) return 'unknown';
  const statuses = reading.states.map((state) => stateMeaning(state)?.redundancy).filter((s) => s !== undefined);
  if (statuses.length > 0) return statuses.reduce(worseRedundancy);
  const column = wordColumn(reading);
  return (column && REDUNDANCY_BY_HEALTH[column]) ?? 'unknown';
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

/**
 * With one redundancy group of a kind, every supply (fan) belongs to it; a
 * failed member (a pulled supply) degrades the group even where the BMC's
 * redundancy sensor has not caught up: degraded while two members still
 * work, lost with one, failed with none. The BMC's own worse verdict stays.
 */
function linkRedundancy(groups: RedundancyGroup[], supplies: PowerSupply[], fans: Fan[]): void {
  const link = (kind: RedundancyGroup['kind'], members: readonly (PowerSupply | Fan)[]): void => {
    const matching = groups.filter((group) => group.kind === kind);
    const group = matching.length === 1 ? matching[0] : undefined;
    if (!group) return;
    for (const member of members) member.redundancyGroup = group.id;
    const failed = members.filter((member) => member.status === 'failed').length;
    if (failed === 0) return;
    const working = members.length - failed;
    group.status = worseRedundancy(group.status, working >= 2 ? 'degraded' : working === 1 ? 'lost' : 'failed');
  };
  link('powerSupply', supplies);
  link('fan', fans);
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
