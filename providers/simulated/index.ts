/**
 * The simulated provider: a deterministic host played from a scenario (the
 * built-in default, or a JSON file), for demos, tests and development on
 * machines without sensors. See README.md.
 */
import { defineProvider, type HardwareProvider, type ProviderOptions } from '../../src/providers/api.js';
import type { ThresholdName, Thresholds } from '../../src/model/snapshot.js';
import defaultScenarioData from './default-scenario.json' with { type: 'json' };
import { SimulatedHost } from './host.js';
import { DEFAULT_MAX_SCENARIO_BYTES, ScenarioError, builtinScenario, type Scenario } from './scenario.js';

export const VERSION = '1.0.0';

/** The most numeric sensors `sensors` may ask for unless `maxSensors` says otherwise. */
export const DEFAULT_MAX_SENSORS = 100_000;
/** The largest `timeScale` (simulated seconds per real second). */
export const MAX_TIME_SCALE = 1_000_000;

export interface SimulatedOptions extends ProviderOptions {
  /** A scenario file (JSON); the built-in default scenario when absent. */
  scenario?: string;
  /** Exactly this many numeric sensors (the CLI's `--sim-sensors N`). */
  sensors?: number;
  /** Upper bound of `sensors` (default 100 000). */
  maxSensors?: number;
  /** Upper bound of a scenario file's size in bytes (default 16 MiB). */
  maxScenarioBytes?: number;
  /** When elapsed time starts: epoch milliseconds or an ISO 8601 date; default when the provider is created. */
  startTime?: number | string;
  /** Simulated seconds per real second (default 1): 60 plays a minute of the timeline every second. */
  timeScale?: number;
  /** The clock, in epoch milliseconds (default Date.now); tests inject their own. */
  clock?: () => number;
  /**
   * Whether the scenario's timeline plays (default true). False, as when the
   * provider is the fallback of `providers: auto`: a steady host whose
   * readings still move, with none of the timeline's failures.
   */
  timeline?: boolean;
}

export { DEFAULT_MAX_SCENARIO_BYTES, ScenarioError, SimulatedHost };
export type { Scenario, ScenarioErrorCode, ScenarioEvent, ScenarioSensor } from './scenario.js';
export { scaleSensors } from './host.js';

/** The built-in scenario: a 2U server with two processors, six fans and two power supplies, and a 20-minute timeline. */
export const DEFAULT_SCENARIO: Scenario = builtinScenario(defaultScenarioData);

export default defineProvider(async (options: SimulatedOptions): Promise<HardwareProvider> => {
  const settings = readOptions(options);
  const scenario = options.scenario === undefined
    ? DEFAULT_SCENARIO
    : await (await import('./scenario-check.js')).loadScenario(options.scenario, settings.maxScenarioBytes);
  const host = new SimulatedHost(settings.timeline ? scenario : steady(scenario), settings.sensors);
  const thresholds = new ThresholdWrites(host);
  const elapsed = (): number => ((settings.clock() - settings.startTime) / 1000) * settings.timeScale;
  return {
    kind: 'hardware',
    name: 'simulated',
    version: VERSION,
    async sample(ctx) {
      ctx.signal.throwIfAborted();
      return host.snapshotAt(elapsed(), thresholds.current);
    },
    async setThreshold(_ctx, sensorId, threshold, value) {
      thresholds.set(sensorId, threshold, value);
    },
    async restoreDefaultThresholds(_ctx, sensorId) {
      thresholds.restore(sensorId);
    },
  };
});

/** The scenario without its timeline. */
function steady({ timeline: _timeline, ...scenario }: Scenario): Scenario {
  return scenario;
}

interface Settings {
  timeline: boolean;
  sensors: number | undefined;
  maxScenarioBytes: number;
  startTime: number;
  timeScale: number;
  clock: () => number;
}

function readOptions(options: SimulatedOptions): Settings {
  const clock = options.clock ?? Date.now;
  if (typeof clock !== 'function') throw optionError('clock', 'must be a function returning epoch milliseconds');
  const maxSensors = integerOption(options, 'maxSensors', 0, Number.MAX_SAFE_INTEGER) ?? DEFAULT_MAX_SENSORS;
  if (options.timeline !== undefined && typeof options.timeline !== 'boolean') {
    throw optionError('timeline', `must be true or false, not ${JSON.stringify(options.timeline)}`);
  }
  return {
    timeline: options.timeline ?? true,
    sensors: integerOption(options, 'sensors', 0, maxSensors),
    maxScenarioBytes: integerOption(options, 'maxScenarioBytes', 1, Number.MAX_SAFE_INTEGER) ?? DEFAULT_MAX_SCENARIO_BYTES,
    startTime: startTimeOption(options.startTime) ?? clock(),
    timeScale: timeScaleOption(options.timeScale),
    clock,
  };
}

function integerOption(options: SimulatedOptions, name: 'sensors' | 'maxSensors' | 'maxScenarioBytes', min: number, max: number): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw optionError(name, `must be an integer from ${min} to ${max}, not ${JSON.stringify(value)}`);
  }
  return value;
}

function startTimeOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw optionError('startTime', `must be epoch milliseconds or an ISO 8601 date, not ${JSON.stringify(value)}`);
  return ms;
}

function timeScaleOption(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !(value > 0 && value <= MAX_TIME_SCALE)) {
    throw optionError('timeScale', `must be a number above 0 and at most ${MAX_TIME_SCALE}, not ${JSON.stringify(value)}`);
  }
  return value;
}

function optionError(name: string, message: string): ScenarioError {
  return new ScenarioError('OPTION', `options.${name}`, message);
}

/** Threshold writes (ModifyInstance): only settable thresholds of the host's sensors; restore forgets them. */
class ThresholdWrites {
  readonly current = new Map<string, Thresholds>();
  readonly #host: SimulatedHost;

  constructor(host: SimulatedHost) {
    this.#host = host;
  }

  set(sensorId: string, threshold: ThresholdName, value: number): void {
    const sensor = this.#host.sensor(sensorId);
    if (sensor === undefined) throw new Error(`no simulated sensor "${sensorId}"`);
    if (!sensor.settable?.includes(threshold)) throw new Error(`threshold ${threshold} of sensor "${sensorId}" is not settable`);
    if (!Number.isFinite(value)) throw new Error(`threshold ${threshold} must be a finite number, not ${value}`);
    this.current.set(sensorId, { ...(this.current.get(sensorId) ?? sensor.thresholds), [threshold]: value });
  }

  restore(sensorId: string): void {
    if (this.#host.sensor(sensorId) === undefined) throw new Error(`no simulated sensor "${sensorId}"`);
    this.current.delete(sensorId);
  }
}
