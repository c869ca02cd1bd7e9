/**
 * Scenarios: a simulated host's hardware, each sensor's base reading, and a
 * timeline of events. A scenario file is checked by scenario-check.ts, which
 * the provider loads only for a file: the built-in scenario is checked by
 * its test, so a host that uses it never loads the generated checker.
 */
import type {
  Battery, Board, Chassis, DeviceStatus, DiscreteSensor, Fan, Health, MemoryModule, MonitoredElement, PowerSupply,
  Processor, SensorKind, SensorRanges, SensorUnit, ThresholdName, Thresholds,
} from '../../src/model/snapshot.js';

export interface ScenarioSensor {
  id: string;
  label: string;
  kind: SensorKind;
  unit: SensorUnit;
  decimals: number;
  /** The base reading. */
  value: number;
  /** Amplitude of a slow wave around the base reading. */
  swing?: number;
  /** Seconds of that wave (default 600). */
  period?: number;
  thresholds?: Thresholds;
  /** The nominal reading, normal and readable ranges the simulated hardware declares. */
  ranges?: SensorRanges;
  settable?: ThresholdName[];
  monitors?: MonitoredElement;
}

export interface ScenarioFirmware {
  id: string;
  label: string;
  manufacturer?: string;
  version: string;
  /** YYYY-MM-DD. */
  releaseDate?: string;
}

export interface ScenarioRedundancy {
  id: string;
  label: string;
  kind: 'fan' | 'powerSupply';
  /** Members needed for the function; the status follows from how many still work. */
  minNeeded: number;
}

/** A sensor goes to `value`, back to its base (`restore`), or has no reading (`unavailable`); optionally over `rampSeconds`. */
export interface SensorEvent {
  at: number;
  sensor: string;
  value?: number;
  restore?: true;
  unavailable?: 'failed' | 'absent' | 'disabled';
  rampSeconds?: number;
}

export interface DiscreteEvent {
  at: number;
  discreteSensor: string;
  state: string;
  health?: Health;
}

export const DEVICE_KINDS = ['fan', 'powerSupply', 'processor', 'memory', 'battery'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export type DeviceEvent = { at: number; status: DeviceStatus } & Partial<Record<DeviceKind, string>>;

export type ScenarioEvent = SensorEvent | DiscreteEvent | DeviceEvent;

type WithoutStatus<T> = Omit<T, 'status'>;

export interface Scenario {
  name?: string;
  system?: { hostname?: string; manufacturer?: string; model?: string; serialNumber?: string; uuid?: string };
  chassis?: Chassis[];
  boards?: Board[];
  firmware?: ScenarioFirmware[];
  sensors?: ScenarioSensor[];
  discreteSensors?: Omit<DiscreteSensor, 'source'>[];
  fans?: WithoutStatus<Fan>[];
  powerSupplies?: WithoutStatus<PowerSupply>[];
  processors?: WithoutStatus<Processor>[];
  memory?: WithoutStatus<MemoryModule>[];
  batteries?: WithoutStatus<Battery>[];
  redundancy?: ScenarioRedundancy[];
  timeline?: { loopSeconds?: number; events: ScenarioEvent[] };
}

export type ScenarioErrorCode = 'READ' | 'TOO_LARGE' | 'SYNTAX' | 'SCHEMA' | 'REFERENCE' | 'OPTION';

/** A scenario or option the simulated provider cannot use; `path` is the JSON path (or option name) at fault. */
export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  readonly path: string;
  /** The scenario file, when the scenario came from one. */
  readonly file: string | undefined;

  constructor(code: ScenarioErrorCode, path: string, message: string, file?: string) {
    super(`${file === undefined ? '' : `${file}: `}${path}: ${message}`);
    this.name = 'ScenarioError';
    this.code = code;
    this.path = path;
    this.file = file;
  }
}

/** A scenario file larger than this is refused before it is read (option `maxScenarioBytes`). */
export const DEFAULT_MAX_SCENARIO_BYTES = 16 * 1024 * 1024;

/** A scenario shipped with thincim: frozen, not checked (its test checks it with validateScenario). */
export function builtinScenario(data: unknown): Scenario {
  return deepFreeze(data as Scenario);
}

/** Freezes `value` and everything in it: snapshots share a scenario's parts, so nothing may change them. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
