/**
 * Checks that what a hardware provider returned is a HardwareSnapshot before
 * the model builder sees it, and names the first bad field precisely
 * (`sensors[3].thresholds.upperCritical: expected a finite number, got string "90"`).
 *
 * One pass, no allocation beyond the id sets: it runs after every sample.
 * Keys the snapshot types don't declare are ignored, so a provider written
 * against a newer API still loads.
 */
import type {
  Battery, Board, Chassis, DeviceStatus, DiscreteSensor, DiscreteSensorKind, Fan, Firmware, Fru, HardwareSnapshot, Health,
  MemoryModule, MonitoredElement, NumericSensor, PowerSupply, Processor, RedundancyGroup, RedundancyStatus, SensorKind,
  SensorUnit, SystemIdentity, ThresholdName,
} from '../model/snapshot.js';

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
}

export const DEFAULT_MAX_ITEMS_PER_LIST = 100_000;

/** Throws a `SnapshotError` unless `value` is a valid HardwareSnapshot. */
export function validateSnapshot(value: unknown, limits: SnapshotLimits = {}): asserts value is HardwareSnapshot {
  const maxItems = limits.maxItemsPerList ?? DEFAULT_MAX_ITEMS_PER_LIST;
  checkObject(SNAPSHOT, value, 'snapshot', maxItems);
  uniqueIds(value as HardwareSnapshot);
}

// ---- checks -----------------------------------------------------------------

/** Checks one value at `path`; `maxItems` bounds lists. */
type Check = (value: unknown, path: string, maxItems: number) => void;

interface Field {
  check: Check;
  optional: boolean;
}

/** A field spec for every key of T, so the checks can't drift from the types. */
type Shape<T> = { readonly [K in keyof Required<T>]: Field };

const required = (check: Check): Field => ({ check, optional: false });
const optional = (check: Check): Field => ({ check, optional: true });

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'an invalid Date';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new SnapshotError(path, `expected ${expected}, got ${describe(value)}`);
}

const text: Check = (value, path) => {
  if (typeof value !== 'string') fail(path, 'a string', value);
};

const name: Check = (value, path) => {
  if (typeof value !== 'string' || value.trim() === '') fail(path, 'a non-empty string', value);
};

const finite: Check = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a finite number', value);
};

const nonNegative: Check = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(path, 'a finite number ≥ 0', value);
};

const reading: Check = (value, path) => {
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) fail(path, 'a finite number or null', value);
};

const decimals: Check = (value, path) => {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 15) fail(path, 'an integer from 0 to 15', value);
};

const flag: Check = (value, path) => {
  if (typeof value !== 'boolean') fail(path, 'a boolean', value);
};

const date: Check = (value, path) => {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail(path, 'a valid Date', value);
};

/** The members of a string union, checked complete at compile time. */
function oneOf<T extends string>() {
  return <const A extends readonly T[]>(values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never)): Check => {
    const allowed = new Set<unknown>(values);
    const expected = `one of ${values.map((v) => `'${v}'`).join(', ')}`;
    return (value, path) => {
      if (!allowed.has(value)) fail(path, expected, value);
    };
  };
}

function listOf(item: Check): Check {
  return (value, path, maxItems) => {
    if (!Array.isArray(value)) fail(path, 'an array', value);
    if (value.length > maxItems) throw new SnapshotError(path, `more than ${maxItems} entries (${value.length})`);
    for (let i = 0; i < value.length; i++) item(value[i], `${path}[${i}]`, maxItems);
  };
}

function objectOf<T>(shape: Shape<T>): Check {
  return (value, path, maxItems) => checkObject(shape, value, path, maxItems);
}

function checkObject<T>(shape: Shape<T>, value: unknown, path: string, maxItems: number): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  const record = value as Record<string, unknown>;
  for (const key in shape) {
    const field = shape[key];
    const member = record[key];
    if (member === undefined) {
      if (!field.optional) throw new SnapshotError(`${path}.${key}`, 'is required');
    } else {
      field.check(member, `${path}.${key}`, maxItems);
    }
  }
}

// ---- the snapshot's shape ---------------------------------------------------

const health = oneOf<Health>()(['ok', 'warning', 'critical', 'fatal', 'unknown']);
const deviceStatus = oneOf<DeviceStatus>()(['ok', 'degraded', 'failed', 'absent', 'unknown']);
const thresholdName = oneOf<ThresholdName>()([
  'lowerNonCritical', 'upperNonCritical', 'lowerCritical', 'upperCritical', 'lowerFatal', 'upperFatal',
]);

const thresholds = objectOf<Record<ThresholdName, number>>({
  lowerNonCritical: optional(finite),
  upperNonCritical: optional(finite),
  lowerCritical: optional(finite),
  upperCritical: optional(finite),
  lowerFatal: optional(finite),
  upperFatal: optional(finite),
});

const monitors = objectOf<MonitoredElement>({
  kind: required(oneOf<MonitoredElement['kind']>()(['fan', 'powerSupply', 'processor', 'memory', 'battery', 'chassis', 'system'])),
  id: required(name),
});

const FRU: Shape<Fru> = {
  manufacturer: optional(text),
  model: optional(text),
  serialNumber: optional(text),
  partNumber: optional(text),
  version: optional(text),
};

const system = objectOf<SystemIdentity>({
  hostname: required(name),
  manufacturer: optional(text),
  model: optional(text),
  serialNumber: optional(text),
  uuid: optional(text),
});

const chassis = objectOf<Chassis>({
  ...FRU,
  id: required(name),
  tag: optional(text),
  type: optional(text),
});

const board = objectOf<Board>({
  ...FRU,
  id: required(name),
  label: required(name),
  hostingBoard: optional(flag),
});

const firmware = objectOf<Firmware>({
  id: required(name),
  label: required(name),
  manufacturer: optional(text),
  version: required(text),
  releaseDate: optional(date),
});

const numericSensor = objectOf<NumericSensor>({
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
  settable: optional(listOf(thresholdName)),
  hysteresis: optional(nonNegative),
  health: optional(health),
  unavailable: optional(oneOf<NonNullable<NumericSensor['unavailable']>>()(['absent', 'disabled', 'failed'])),
  monitors: optional(monitors),
  source: optional(text),
});

const discreteSensor = objectOf<DiscreteSensor>({
  id: required(name),
  label: required(name),
  kind: required(oneOf<DiscreteSensorKind>()(['presence', 'intrusion', 'powerSupplyStatus', 'redundancy', 'other'])),
  possibleStates: required(listOf(name)),
  state: required(name),
  health: required(health),
  monitors: optional(monitors),
  source: optional(text),
});

const fru = objectOf<Fru>(FRU);

const fan = objectOf<Fan>({
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
});

const powerSupply = objectOf<PowerSupply>({
  id: required(name),
  label: required(name),
  ratedOutputWatts: optional(nonNegative),
  status: required(deviceStatus),
  statusReason: optional(text),
  sensors: optional(listOf(name)),
  redundancyGroup: optional(name),
  fru: optional(fru),
});

const processor = objectOf<Processor>({
  id: required(name),
  label: required(name),
  manufacturer: optional(text),
  model: optional(text),
  cores: optional(nonNegative),
  threads: optional(nonNegative),
  maxSpeedMHz: optional(nonNegative),
  currentSpeedMHz: optional(nonNegative),
  status: required(deviceStatus),
});

const memoryModule = objectOf<MemoryModule>({
  id: required(name),
  label: required(name),
  capacity: required(nonNegative),
  type: optional(text),
  speedMHz: optional(nonNegative),
  manufacturer: optional(text),
  serialNumber: optional(text),
  partNumber: optional(text),
  status: required(deviceStatus),
});

const battery = objectOf<Battery>({
  id: required(name),
  label: required(name),
  chargePercent: optional(nonNegative),
  charging: optional(flag),
  status: required(deviceStatus),
});

const redundancyGroup = objectOf<RedundancyGroup>({
  id: required(name),
  label: required(name),
  kind: required(oneOf<RedundancyGroup['kind']>()(['fan', 'powerSupply'])),
  status: required(oneOf<RedundancyStatus>()(['full', 'degraded', 'lost', 'failed', 'unknown'])),
  minNeeded: optional(nonNegative),
});

const SNAPSHOT: Shape<HardwareSnapshot> = {
  system: optional(system),
  chassis: optional(listOf(chassis)),
  boards: optional(listOf(board)),
  firmware: optional(listOf(firmware)),
  sensors: optional(listOf(numericSensor)),
  discreteSensors: optional(listOf(discreteSensor)),
  fans: optional(listOf(fan)),
  powerSupplies: optional(listOf(powerSupply)),
  processors: optional(listOf(processor)),
  memory: optional(listOf(memoryModule)),
  batteries: optional(listOf(battery)),
  redundancy: optional(listOf(redundancyGroup)),
};

/**
 * Ids identify instances across samples, so they must be unique per kind of
 * thing; numeric and discrete sensors share one space (both are CIM sensors).
 */
function uniqueIds(snapshot: HardwareSnapshot): void {
  const lists: (keyof HardwareSnapshot)[][] = [
    ['sensors', 'discreteSensors'], ['chassis'], ['boards'], ['firmware'], ['fans'], ['powerSupplies'],
    ['processors'], ['memory'], ['batteries'], ['redundancy'],
  ];
  for (const keys of lists) {
    const seen = new Map<string, string>();
    for (const key of keys) {
      const items = (snapshot[key] ?? []) as { id: string }[];
      items.forEach((item, i) => {
        const path = `snapshot.${key}[${i}].id`;
        const first = seen.get(item.id);
        if (first !== undefined) throw new SnapshotError(path, `duplicate id ${JSON.stringify(item.id)} (also ${first})`);
        seen.set(item.id, path);
      });
    }
  }
}
