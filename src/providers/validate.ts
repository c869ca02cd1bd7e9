/**
 * Checks that what a hardware provider returned is a HardwareSnapshot before
 * the model builder sees it, and names each bad field precisely
 * (`sensors[3].thresholds.upperCritical: expected a finite number, got string "90"`).
 *
 * A bad field refuses its item, not the sample: firmware does report one odd
 * sensor among sixty, and refusing the sample would leave every other
 * reading of the provider stale. Only what concerns the sample as a whole
 * (not an object, a list that is not one or too long, the system identity)
 * refuses it all.
 *
 * One pass, no allocation beyond the id sets: it runs after every sample,
 * over every field of up to 100,000 sensors. So no path is built while an
 * item is valid: a failing check throws Invalid, and each list and object it
 * unwinds through adds its segment.
 * Keys the snapshot types don't declare are ignored, so a provider written
 * against a newer API still loads; unknownKeys lists them for provider-test,
 * where they are most likely typos.
 */
import type {
  Battery, Board, Chassis, DeviceStatus, DiscreteSensor, DiscreteSensorKind, Fan, Firmware, Fru, HardwareSnapshot, Health,
  MemoryModule, MonitoredElement, NumericSensor, PowerSupply, Processor, RedundancyGroup, RedundancyStatus, SensorKind,
  SensorRanges, SensorUnit, SystemIdentity, ThresholdName, Thresholds,
} from '../model/snapshot.js';
import { NOT_XML_CHARACTER, notXmlCharacter, xmlCarriable } from '../cim/xml-chars.js';

/** A snapshot that fails validation: `path` names the field, the message says what was wrong. */
export class SnapshotError extends Error {
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'SnapshotError';
    this.path = path;
  }
}

export interface SnapshotLimits {
  /** Entries allowed in one list (sensors, fans, …). Default 100,000, the most sensors `simulated.sensors` may ask for. */
  maxItemsPerList?: number;
  /** Characters allowed in one string (an id, a label, a serial number…). Default 1,024. */
  maxTextLength?: number;
}

export const DEFAULT_MAX_ITEMS_PER_LIST = 100_000;
export const DEFAULT_MAX_TEXT_LENGTH = 1_024;

/** The lists of a snapshot, whose items are refused one by one. */
export type ItemList = Exclude<keyof HardwareSnapshot, 'system'>;

/** An item left out of a sample for a bad field, or for an id an earlier item of its kind has. */
export interface RefusedItem {
  readonly list: ItemList;
  readonly index: number;
  /** Its id when that is valid: what references and earlier samples know the item by. */
  readonly id: string | undefined;
  /** The bad field within the item: `.thresholds.upperCritical`, `.id`; empty for the item itself. */
  readonly field: string;
  /** What is wrong, naming the item's id when the bad field is another. */
  readonly problem: string;
}

/** Where a refused item's bad field is: `snapshot.sensors[3].value`. */
export function refusedPath(item: RefusedItem): string {
  return `snapshot.${item.list}[${item.index}]${item.field}`;
}

/** A refused item as the provider's state, its log and `thincim provider-test` tell it. */
export function refusedText(item: RefusedItem): string {
  return `${refusedPath(item)}: ${item.problem}`;
}

/**
 * Throws a `SnapshotError` unless `value` is a valid HardwareSnapshot, every
 * item included: the check for a provider's own tests, strict where the
 * broker (acceptSnapshot) refuses bad items one by one.
 *
 * A string with characters XML 1.0 cannot carry (controls such as an ANSI
 * escape or a NUL, a lone surrogate) is not refused: such bytes come from
 * firmware (SDR and SMBIOS strings), and refusing the snapshot would lose
 * every reading of the provider for one serial number. They are replaced by
 * U+FFFD in place, so no answer fails on them, and each replacement is
 * described in `cleaned` for the provider's log and `thincim provider-test`.
 */
export function validateSnapshot(
  value: unknown, limits: SnapshotLimits = {}, cleaned: string[] = [],
): asserts value is HardwareSnapshot {
  const refused: RefusedItem[] = [];
  acceptSnapshot(value, limits, cleaned, refused);
  const first = refused[0];
  if (first) throw new SnapshotError(refusedPath(first), first.problem);
}

/**
 * The snapshot without its invalid items, each told in `refused` (items with
 * a bad field first, in list order, then later items of an id already seen);
 * `value` itself when none is. Throws a `SnapshotError` when the sample as a
 * whole is invalid. Strings XML cannot carry are cleaned as validateSnapshot says.
 */
export function acceptSnapshot(
  value: unknown, limits: SnapshotLimits = {}, cleaned: string[] = [], refused: RefusedItem[] = [],
): HardwareSnapshot {
  const bounds = boundsOf(limits);
  try {
    checkObject(WHOLE, value, bounds);
  } catch (error) {
    if (error instanceof Invalid) throw new SnapshotError(`snapshot${error.segments.reverse().join('')}`, error.problem);
    throw error;
  }
  const snapshot = value as HardwareSnapshot;
  for (const list of ITEM_LISTS) checkItems(snapshot, list, bounds, refused);
  refuseDuplicates(snapshot, refused);
  if (bounds.unsafeText) cleanKept(snapshot, refused, cleaned);
  return refused.length === 0 ? snapshot : without(snapshot, refused);
}

/** Whether `item` is a valid item of `list` (an item served again from an earlier sample). */
export function isValidItem(list: ItemList, item: unknown, limits: SnapshotLimits = {}): boolean {
  const bounds = boundsOf(limits);
  try {
    ITEMS[list](item, bounds);
    return true;
  } catch (error) {
    if (error instanceof Invalid) return false;
    throw error;
  }
}

/** Checks each item of one list, telling the invalid ones in `refused`; throws when the list itself is wrong. */
function checkItems(snapshot: HardwareSnapshot, list: ItemList, bounds: Bounds, refused: RefusedItem[]): void {
  const items: unknown = snapshot[list];
  if (items === undefined) return;
  if (!Array.isArray(items)) throw new SnapshotError(`snapshot.${list}`, `expected an array, got ${describe(items)}`);
  if (items.length > bounds.maxItems) throw new SnapshotError(`snapshot.${list}`, `more than ${bounds.maxItems} entries (${items.length})`);
  const check = ITEMS[list];
  for (let i = 0; i < items.length; i++) {
    try {
      check(items[i], bounds);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      refused.push(refusal(list, i, items[i], error));
    }
  }
}

/** The refusal of a failed check, naming the item by its id, as the provider's author knows it, when the id is not what failed. */
function refusal(list: ItemList, index: number, item: unknown, failed: Invalid): RefusedItem {
  const field = failed.segments.reverse().join('');
  const raw = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  // Every shape checks `id` first (test: "the id is checked first"): any other field failing means the id passed.
  const id = field !== '' && field !== '.id' && typeof raw === 'string' ? raw : undefined;
  const problem = id === undefined ? failed.problem : `${failed.problem} (id ${JSON.stringify(shorten(id))})`;
  return { list, index, id, field, problem };
}

// ---- checks -----------------------------------------------------------------

/**
 * A failed check, given the path to its value segment by segment on the way
 * out (see within). Not an Error: it never leaves this module, so it needs
 * no stack (validateSnapshot throws a SnapshotError in its place).
 */
class Invalid {
  /** Innermost first: `.upperCritical`, `.thresholds`, `[3]`, `.sensors`. */
  readonly segments: string[] = [];

  constructor(readonly problem: string) {}
}

/** `error`, with `segment` added to its path when it is a failed check. */
function within(error: unknown, segment: string): unknown {
  if (error instanceof Invalid) error.segments.push(segment);
  return error;
}

/** The limits of one validation, and whether a string needs cleaning. */
interface Bounds {
  readonly maxItems: number;
  readonly maxText: number;
  unsafeText: boolean;
}

function boundsOf(limits: SnapshotLimits): Bounds {
  return {
    maxItems: limits.maxItemsPerList ?? DEFAULT_MAX_ITEMS_PER_LIST,
    maxText: limits.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH,
    unsafeText: false,
  };
}

/** Checks one value, throwing Invalid. */
type Check = (value: unknown, bounds: Bounds) => void;

interface Field {
  check: Check;
  optional: boolean;
}

/** A field spec for every key of T, so the checks can't drift from the types. */
type Shape<T> = { readonly [K in keyof Required<T>]: Field };

const required = (check: Check): Field => ({ check, optional: false });
const optional = (check: Check): Field => ({ check, optional: true });

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'an invalid Date';
  if (typeof value === 'string') return `string ${JSON.stringify(shorten(value))}`;
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'undefined';
  return `${typeof value} ${String(value)}`;
}

function fail(expected: string, value: unknown): never {
  throw new Invalid(`expected ${expected}, got ${describe(value)}`);
}

/** A string's length and characters (a string already checked to be one). */
function checkText(value: string, bounds: Bounds): void {
  if (value.length > bounds.maxText) throw new Invalid(`more than ${bounds.maxText} characters (${value.length})`);
  if (NOT_XML_CHARACTER.test(value)) bounds.unsafeText = true;
}

const text: Check = (value, bounds) => {
  if (typeof value !== 'string') fail('a string', value);
  checkText(value, bounds);
};

const name: Check = (value, bounds) => {
  if (typeof value !== 'string' || value.trim() === '') fail('a non-empty string', value);
  checkText(value, bounds);
};

const finite: Check = (value) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail('a finite number', value);
};

const nonNegative: Check = (value) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail('a finite number ≥ 0', value);
};

const reading: Check = (value) => {
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) fail('a finite number or null', value);
};

const decimals: Check = (value) => {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 15) fail('an integer from 0 to 15', value);
};

const flag: Check = (value) => {
  if (typeof value !== 'boolean') fail('a boolean', value);
};

const date: Check = (value) => {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail('a valid Date', value);
};

/** The members of a string union, checked complete at compile time. */
function oneOf<T extends string>() {
  return <const A extends readonly T[]>(values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never)): Check => {
    const allowed = new Set<unknown>(values);
    const expected = `one of ${values.map((v) => `'${v}'`).join(', ')}`;
    return (value) => {
      if (!allowed.has(value)) fail(expected, value);
    };
  };
}

function listOf(item: Check): Check {
  return (value, bounds) => {
    if (!Array.isArray(value)) fail('an array', value);
    if (value.length > bounds.maxItems) throw new Invalid(`more than ${bounds.maxItems} entries (${value.length})`);
    for (let i = 0; i < value.length; i++) {
      try {
        item(value[i], bounds);
      } catch (error) {
        throw within(error, `[${i}]`);
      }
    }
  };
}

function objectOf<T>(shape: Shape<T>): Check {
  return (value, bounds) => checkObject(shape, value, bounds);
}

function checkObject<T>(shape: Shape<T>, value: unknown, bounds: Bounds): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('an object', value);
  const record = value as Record<string, unknown>;
  for (const key in shape) {
    const field = shape[key];
    const member = record[key];
    try {
      if (member !== undefined) field.check(member, bounds);
      else if (!field.optional) throw new Invalid('is required');
    } catch (error) {
      throw within(error, `.${key}`);
    }
  }
}

// ---- the snapshot's shape ---------------------------------------------------

const health = oneOf<Health>()(['ok', 'warning', 'critical', 'fatal', 'unknown']);
const deviceStatus = oneOf<DeviceStatus>()(['ok', 'degraded', 'failed', 'absent', 'unknown']);
const thresholdName = oneOf<ThresholdName>()([
  'lowerNonCritical', 'upperNonCritical', 'lowerCritical', 'upperCritical', 'lowerFatal', 'upperFatal',
]);

const THRESHOLDS: Shape<Record<ThresholdName, number>> = {
  lowerNonCritical: optional(finite),
  upperNonCritical: optional(finite),
  lowerCritical: optional(finite),
  upperCritical: optional(finite),
  lowerFatal: optional(finite),
  upperFatal: optional(finite),
};
const thresholdValues = objectOf(THRESHOLDS);

const LOWER_THRESHOLDS = ['lowerNonCritical', 'lowerCritical', 'lowerFatal'] as const;
const UPPER_THRESHOLDS = ['upperNonCritical', 'upperCritical', 'upperFatal'] as const;

/**
 * Numbers, and every lower threshold below every upper one: a lower limit at
 * or above an upper one puts every reading out of range, a false alarm for
 * good. (Each side's own order is not required: hwmon chips publish `max`
 * above `crit`, and the severest threshold crossed decides.)
 */
const thresholds: Check = (value, bounds) => {
  thresholdValues(value, bounds);
  const set = value as Thresholds;
  for (const lower of LOWER_THRESHOLDS) {
    for (const upper of UPPER_THRESHOLDS) {
      const low = set[lower];
      const high = set[upper];
      if (low !== undefined && high !== undefined && low >= high) {
        throw within(new Invalid(`${low} is not below ${upper} ${high}`), `.${lower}`);
      }
    }
  }
};

const RANGES: Shape<SensorRanges> = {
  nominal: optional(finite),
  normalMin: optional(finite),
  normalMax: optional(finite),
  minReadable: optional(finite),
  maxReadable: optional(finite),
};
/**
 * Numbers. An inverted range (minimum above maximum) is no reason to refuse the sensor, whose reading and verdict
 * are the product: the model drops that pair, with a problem (sanitizeSensor).
 */
const ranges = objectOf(RANGES);

const MONITORS: Shape<MonitoredElement> = {
  kind: required(oneOf<MonitoredElement['kind']>()(['fan', 'powerSupply', 'processor', 'memory', 'battery', 'chassis', 'system'])),
  id: required(name),
};
const monitors = objectOf(MONITORS);

const FRU: Shape<Fru> = {
  manufacturer: optional(text),
  model: optional(text),
  serialNumber: optional(text),
  partNumber: optional(text),
  version: optional(text),
};

const SYSTEM: Shape<SystemIdentity> = {
  hostname: required(name),
  manufacturer: optional(text),
  model: optional(text),
  serialNumber: optional(text),
  uuid: optional(text),
};
const system = objectOf(SYSTEM);

const CHASSIS: Shape<Chassis> = {
  id: required(name),
  ...FRU,
  tag: optional(text),
  type: optional(text),
};
const chassis = objectOf(CHASSIS);

const BOARD: Shape<Board> = {
  id: required(name),
  ...FRU,
  label: required(name),
  hostingBoard: optional(flag),
};
const board = objectOf(BOARD);

const FIRMWARE: Shape<Firmware> = {
  id: required(name),
  label: required(name),
  manufacturer: optional(text),
  version: required(text),
  releaseDate: optional(date),
};
const firmware = objectOf(FIRMWARE);

const NUMERIC_SENSOR: Shape<NumericSensor> = {
  id: required(name),
  label: required(name),
  kind: required(oneOf<SensorKind>()([
    'temperature', 'voltage', 'current', 'power', 'energy', 'fan', 'frequency',
    'humidity', 'pressure', 'airflow', 'utilization', 'other',
  ])),
  unit: required(oneOf<SensorUnit>()([
    'celsius', 'fahrenheit', 'kelvin', 'volts', 'amps', 'watts', 'voltamperes', 'joules', 'rpm', 'hertz', 'percent',
    'pascals', 'psi', 'cfm', 'seconds', 'inches', 'feet', 'meters', 'liters', 'ohms', 'unspecified',
  ])),
  value: required(reading),
  decimals: required(decimals),
  thresholds: optional(thresholds),
  ranges: optional(ranges),
  settable: optional(listOf(thresholdName)),
  hysteresis: optional(nonNegative),
  health: optional(health),
  thresholdsJudged: optional(flag),
  crossed: optional(thresholdName),
  unavailable: optional(oneOf<NonNullable<NumericSensor['unavailable']>>()(['absent', 'disabled', 'failed', 'asleep'])),
  monitors: optional(monitors),
  source: optional(text),
};
const numericSensorFields = objectOf(NUMERIC_SENSOR);

/**
 * The units each kind is measured in, besides 'unspecified' (a BMC's record
 * without a unit): a temperature in RPM would be served as SensorType
 * Temperature with BaseUnits RPM. 'other' takes any.
 */
const UNITS_OF_KIND: Readonly<Record<Exclude<SensorKind, 'other'>, readonly SensorUnit[]>> = {
  temperature: ['celsius', 'fahrenheit', 'kelvin'],
  voltage: ['volts'],
  current: ['amps'],
  power: ['watts', 'voltamperes'],
  energy: ['joules'],
  fan: ['rpm', 'percent'],
  frequency: ['hertz'],
  humidity: ['percent'],
  pressure: ['pascals', 'psi'],
  airflow: ['cfm'],
  utilization: ['percent'],
};

/** Why `unit` cannot measure a sensor of `kind`, if it cannot. */
export function unitProblem(kind: SensorKind, unit: SensorUnit): string | undefined {
  const units = kind === 'other' ? undefined : UNITS_OF_KIND[kind];
  if (!units || unit === 'unspecified' || units.includes(unit)) return undefined;
  return `a ${kind} sensor is measured in ${[...units, 'unspecified'].map((u) => `'${u}'`).join(', ')}, not '${unit}'`;
}

/** The fields, a unit of the sensor's kind, and no reason for a missing reading next to a reading. */
const numericSensor: Check = (value, bounds) => {
  numericSensorFields(value, bounds);
  const sensor = value as NumericSensor;
  const wrongUnit = unitProblem(sensor.kind, sensor.unit);
  if (wrongUnit) throw within(new Invalid(wrongUnit), '.unit');
  if (sensor.unavailable !== undefined && sensor.value !== null) {
    throw within(new Invalid(`'${sensor.unavailable}' says there is no reading, and value is ${sensor.value}: give value null, or no unavailable`), '.unavailable');
  }
};

const DISCRETE_SENSOR: Shape<DiscreteSensor> = {
  id: required(name),
  label: required(name),
  kind: required(oneOf<DiscreteSensorKind>()(['presence', 'intrusion', 'powerSupplyStatus', 'redundancy', 'other'])),
  possibleStates: required(listOf(name)),
  state: required(name),
  health: required(health),
  monitors: optional(monitors),
  source: optional(text),
};
const discreteSensor = objectOf(DISCRETE_SENSOR);

const fru = objectOf<Fru>(FRU);

const FAN: Shape<Fan> = {
  id: required(name),
  label: required(name),
  speedSensor: optional(name),
  variableSpeed: optional(flag),
  desiredSpeed: optional(nonNegative),
  status: required(deviceStatus),
  statusReason: optional(text),
  idleAllowed: optional(flag),
  redundancyGroup: optional(name),
  fru: optional(fru),
};
const fan = objectOf(FAN);

const POWER_SUPPLY: Shape<PowerSupply> = {
  id: required(name),
  label: required(name),
  ratedOutputWatts: optional(nonNegative),
  status: required(deviceStatus),
  statusReason: optional(text),
  sensors: optional(listOf(name)),
  redundancyGroup: optional(name),
  fru: optional(fru),
};
const powerSupply = objectOf(POWER_SUPPLY);

const PROCESSOR: Shape<Processor> = {
  id: required(name),
  label: required(name),
  manufacturer: optional(text),
  model: optional(text),
  cores: optional(nonNegative),
  threads: optional(nonNegative),
  maxSpeedMHz: optional(nonNegative),
  currentSpeedMHz: optional(nonNegative),
  status: required(deviceStatus),
};
const processor = objectOf(PROCESSOR);

const MEMORY_MODULE: Shape<MemoryModule> = {
  id: required(name),
  label: required(name),
  capacity: required(nonNegative),
  type: optional(text),
  speedMHz: optional(nonNegative),
  manufacturer: optional(text),
  serialNumber: optional(text),
  partNumber: optional(text),
  status: required(deviceStatus),
};
const memoryModule = objectOf(MEMORY_MODULE);

const BATTERY: Shape<Battery> = {
  id: required(name),
  label: required(name),
  chargePercent: optional(nonNegative),
  charging: optional(flag),
  status: required(deviceStatus),
};
const battery = objectOf(BATTERY);

const REDUNDANCY_GROUP: Shape<RedundancyGroup> = {
  id: required(name),
  label: required(name),
  kind: required(oneOf<RedundancyGroup['kind']>()(['fan', 'powerSupply'])),
  status: required(oneOf<RedundancyStatus>()(['full', 'degraded', 'lost', 'failed', 'unknown'])),
  minNeeded: optional(nonNegative),
};
const redundancyGroup = objectOf(REDUNDANCY_GROUP);

/** What the sample as a whole must be: an object, with a valid system identity when it has one. */
const WHOLE: Shape<Pick<HardwareSnapshot, 'system'>> = {
  system: optional(system),
};

/** Each list's item check, for every list the snapshot type has. */
const ITEMS: { readonly [K in ItemList]-?: Check } = {
  chassis,
  boards: board,
  firmware,
  sensors: numericSensor,
  discreteSensors: discreteSensor,
  fans: fan,
  powerSupplies: powerSupply,
  processors: processor,
  memory: memoryModule,
  batteries: battery,
  redundancy: redundancyGroup,
};

const ITEM_LISTS = Object.keys(ITEMS) as ItemList[];

// ---- keys no type declares ----------------------------------------------------

type AnyShape = Readonly<Record<string, Field>>;

/** Each list's item shape, for the keys it declares. */
const ITEM_SHAPES: { readonly [K in ItemList]-?: AnyShape } = {
  chassis: CHASSIS,
  boards: BOARD,
  firmware: FIRMWARE,
  sensors: NUMERIC_SENSOR,
  discreteSensors: DISCRETE_SENSOR,
  fans: FAN,
  powerSupplies: POWER_SUPPLY,
  processors: PROCESSOR,
  memory: MEMORY_MODULE,
  batteries: BATTERY,
  redundancy: REDUNDANCY_GROUP,
};

/** The objects within items, by their key. */
const NESTED_SHAPES: Readonly<Record<string, AnyShape>> = { thresholds: THRESHOLDS, ranges: RANGES, monitors: MONITORS, fru: FRU };

/** A key of a snapshot that its type does not declare. */
export interface UnknownKey {
  /** `snapshot.sensors[2].thresholds.upperCrit` */
  path: string;
  key: string;
  /** The keys declared where it is. */
  known: readonly string[];
  /** The id of the item it is in, if any. */
  id?: string;
}

/**
 * The keys of a snapshot that its types do not declare. The broker ignores
 * them, so that a provider written against a newer API still loads; in a
 * provider's own sample they are most likely typos (`upperCrit` for
 * `upperCritical` is a sensor without its threshold), which provider-test reports.
 */
export function unknownKeys(snapshot: HardwareSnapshot): UnknownKey[] {
  const found: UnknownKey[] = [];
  visitKeys(snapshot, ['system', ...ITEM_LISTS], 'snapshot', undefined, found);
  visitKeys(snapshot.system, Object.keys(SYSTEM), 'snapshot.system', undefined, found);
  for (const list of ITEM_LISTS) {
    const items: unknown = snapshot[list];
    if (!Array.isArray(items)) continue;
    const known = Object.keys(ITEM_SHAPES[list]);
    items.forEach((item: unknown, i) => {
      const id = (item as { id?: unknown } | null)?.id;
      visitKeys(item, known, `snapshot.${list}[${i}]`, typeof id === 'string' ? id : undefined, found);
    });
  }
  return found;
}

/** The unknown keys of one object, and of the objects nested in it (thresholds, ranges, monitors, fru). */
function visitKeys(value: unknown, known: readonly string[], path: string, id: string | undefined, found: UnknownKey[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) return;
  for (const [key, member] of Object.entries(value)) {
    const nested = NESTED_SHAPES[key];
    if (!known.includes(key)) found.push({ path: `${path}.${key}`, key, known, ...(id === undefined ? {} : { id }) });
    else if (nested) visitKeys(member, Object.keys(nested), `${path}.${key}`, id, found);
  }
}

/**
 * The lists that share a space of ids. Ids identify instances across
 * samples, so they must be unique per kind of thing; numeric and discrete
 * sensors share one space (both are CIM sensors).
 */
export const ID_SPACES: readonly (readonly ItemList[])[] = [
  ['sensors', 'discreteSensors'], ['chassis'], ['boards'], ['firmware'], ['fans'], ['powerSupplies'],
  ['processors'], ['memory'], ['batteries'], ['redundancy'],
];

/** Refuses each item whose id an earlier valid item of its space has: the first keeps the id, as links do. */
function refuseDuplicates(snapshot: HardwareSnapshot, refused: RefusedItem[]): void {
  const invalid = refused.length === 0 ? undefined : placesOf(refused);
  for (const lists of ID_SPACES) {
    // id → the item's place, counted through `lists` in turn; its path is spelled only for a duplicate.
    const seen = new Map<string, number>();
    let place = 0;
    for (const list of lists) {
      const items = (snapshot[list] ?? []) as { id: string }[];
      for (let index = 0; index < items.length; index++, place++) {
        if (invalid?.get(list)?.has(index)) continue;
        const { id } = items[index]!;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, place);
        else refused.push({ list, index, id, field: '.id', problem: `duplicate id ${JSON.stringify(id)} (also ${idPath(snapshot, lists, first)})` });
      }
    }
  }
}

/** The path of the id at `place`, counted through `lists` in turn. */
function idPath(snapshot: HardwareSnapshot, lists: readonly ItemList[], place: number): string {
  let at = 0;
  while (place >= (snapshot[lists[at]!]?.length ?? 0)) place -= snapshot[lists[at++]!]?.length ?? 0;
  return `snapshot.${lists[at]}[${place}].id`;
}

/** The indices of the refused items, by list. */
function placesOf(refused: readonly RefusedItem[]): Map<ItemList, Set<number>> {
  const places = new Map<ItemList, Set<number>>();
  for (const { list, index } of refused) {
    const indices = places.get(list);
    if (indices) indices.add(index);
    else places.set(list, new Set([index]));
  }
  return places;
}

/** A shallow copy of the snapshot whose lists leave the refused items out. */
function without(snapshot: HardwareSnapshot, refused: readonly RefusedItem[]): HardwareSnapshot {
  const kept: Record<string, unknown> = { ...snapshot };
  for (const [list, indices] of placesOf(refused)) kept[list] = snapshot[list]!.filter((_, i) => !indices.has(i));
  return kept as HardwareSnapshot;
}

/** Cleans the strings of the system identity and of every item not refused, each told by its path in the sample. */
function cleanKept(snapshot: HardwareSnapshot, refused: readonly RefusedItem[], cleaned: string[]): void {
  const places = placesOf(refused);
  cleanText(snapshot.system, 'snapshot.system', cleaned);
  for (const list of ITEM_LISTS) {
    snapshot[list]?.forEach((item, i) => {
      if (!places.get(list)?.has(i)) cleanText(item, `snapshot.${list}[${i}]`, cleaned);
    });
  }
}

/**
 * Replaces the characters XML cannot carry in every string under `value`,
 * in place, describing each string changed. Run only when a check saw one.
 */
function cleanText(value: unknown, path: string, cleaned: string[]): void {
  if (typeof value !== 'object' || value === null || value instanceof Date) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const member = record[key];
    const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (typeof member !== 'string') {
      cleanText(member, at, cleaned);
      continue;
    }
    const found = notXmlCharacter(member);
    if (found === undefined) continue;
    if (!Reflect.set(record, key, xmlCarriable(member))) {
      throw new SnapshotError(at, `${found} is not a character XML can carry, and the snapshot is frozen`);
    }
    cleaned.push(`${at}: ${found} of ${JSON.stringify(shorten(member))} is not a character XML can carry; served as U+FFFD`);
  }
}
