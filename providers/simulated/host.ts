/**
 * The simulated host: a scenario played at an elapsed time. Pure and
 * deterministic: the same scenario, sensor count and elapsed seconds give
 * the same snapshot, whatever the wall clock.
 */
import { fnv1a } from '../../src/model/ids.js';
import type {
  DeviceStatus, DiscreteSensor, Fan, HardwareSnapshot, NumericSensor, RedundancyStatus, Thresholds,
} from '../../src/model/snapshot.js';
import {
  DEVICE_KINDS, type DeviceEvent, type DeviceKind, type DiscreteEvent, type Scenario, type ScenarioEvent,
  type ScenarioRedundancy, type ScenarioSensor, type SensorEvent,
} from './scenario.js';

/** Seconds of a sensor's wave when the scenario does not say. */
const DEFAULT_PERIOD = 600;
/** What extra sensors are modelled on when the scenario has none to copy. */
const GENERIC_SENSOR: ScenarioSensor = {
  id: 'temp', label: 'Temp', kind: 'temperature', unit: 'celsius', decimals: 1, value: 30, swing: 1,
  thresholds: { upperNonCritical: 70, upperCritical: 80 }, ranges: { nominal: 30, normalMin: 10, normalMax: 70, minReadable: 0, maxReadable: 127 },
};

/** A sensor with what its readings need, worked out once. */
interface SensorPlan {
  readonly sensor: ScenarioSensor;
  /** Where in its wave the sensor starts, so sensors do not move in step. */
  readonly phase: number;
  readonly events: readonly SensorEvent[];
}

/** How a sensor's reading evolves from the last event on. */
type Segment =
  | { kind: 'reading'; from: number; start: number; end: number; to: (t: number) => number }
  | { kind: 'unavailable'; reason: NonNullable<SensorEvent['unavailable']> };

export class SimulatedHost {
  readonly #scenario: Scenario;
  readonly #plans: readonly SensorPlan[];
  readonly #byId: ReadonlyMap<string, ScenarioSensor>;
  readonly #sensorEvents = new Map<string, SensorEvent[]>();
  readonly #discreteEvents = new Map<string, DiscreteEvent[]>();
  readonly #deviceEvents = new Map<string, DeviceEvent[]>();

  /** `sensorCount` scales the scenario to exactly that many numeric sensors (see `scaleSensors`). */
  constructor(scenario: Scenario, sensorCount?: number) {
    this.#scenario = scenario;
    const events = [...(scenario.timeline?.events ?? [])].sort((a, b) => a.at - b.at);
    for (const event of events) this.#index(event);
    const sensors = sensorCount === undefined ? scenario.sensors ?? [] : scaleSensors(scenario.sensors ?? [], sensorCount);
    this.#plans = sensors.map((sensor) => ({
      sensor,
      phase: (parseInt(fnv1a(sensor.id), 16) / 2 ** 32) * 2 * Math.PI,
      events: this.#sensorEvents.get(sensor.id) ?? [],
    }));
    this.#byId = new Map(sensors.map((sensor) => [sensor.id, sensor]));
  }

  /** A numeric sensor of the (possibly scaled) host. */
  sensor(id: string): ScenarioSensor | undefined {
    return this.#byId.get(id);
  }

  #index(event: ScenarioEvent): void {
    if ('sensor' in event) append(this.#sensorEvents, event.sensor, event);
    else if ('discreteSensor' in event) append(this.#discreteEvents, event.discreteSensor, event);
    else {
      const kind = DEVICE_KINDS.find((k) => k in event)!;
      append(this.#deviceEvents, deviceKey(kind, event[kind]!), event);
    }
  }

  /** The scenario's time at `elapsed` seconds: the timeline replays every `loopSeconds`. */
  #scenarioTime(elapsed: number): number {
    const loop = this.#scenario.timeline?.loopSeconds;
    return loop === undefined ? elapsed : elapsed % loop;
  }

  /** The host as it is `elapsedSeconds` after the start; `thresholds` replace a sensor's own (threshold writes). */
  snapshotAt(elapsedSeconds: number, thresholds: ReadonlyMap<string, Thresholds> = new Map()): HardwareSnapshot {
    const t = this.#scenarioTime(Math.max(0, elapsedSeconds));
    const s = this.#scenario;
    const sensors = this.#plans.map((plan) => sensorAt(plan, t, thresholds.get(plan.sensor.id)));
    const readings = new Map(sensors.map((sensor) => [sensor.id, sensor]));
    const fans = (s.fans ?? []).map((fan): Fan => ({ ...fan, ...this.#speedSensor(fan, readings), status: this.#fanStatus(fan, readings, t) }));
    const powerSupplies = (s.powerSupplies ?? []).map((psu) => ({
      ...psu, sensors: psu.sensors?.filter((id) => readings.has(id)), status: this.#status('powerSupply', psu.id, t),
    }));
    return {
      system: { ...s.system, hostname: s.system?.hostname ?? 'simulated-host' },
      chassis: s.chassis?.map((c) => ({ ...c })),
      boards: s.boards?.map((b) => ({ ...b })),
      firmware: s.firmware?.map(({ releaseDate, ...f }) => (releaseDate === undefined ? f : { ...f, releaseDate: new Date(`${releaseDate}T00:00:00Z`) })),
      sensors,
      discreteSensors: (s.discreteSensors ?? []).map((d) => this.#discreteAt(d, t)),
      fans,
      powerSupplies,
      processors: s.processors?.map((p) => ({ ...p, status: this.#status('processor', p.id, t) })),
      memory: s.memory?.map((m) => ({ ...m, status: this.#status('memory', m.id, t) })),
      batteries: s.batteries?.map((b) => ({ ...b, status: this.#status('battery', b.id, t) })),
      redundancy: (s.redundancy ?? []).map((g) => ({ ...g, status: redundancyStatus(g, g.kind === 'fan' ? fans : powerSupplies) })),
    };
  }

  /** A discrete sensor after the events up to `t`: the last state, and the last health an event gave. */
  #discreteAt(sensor: Omit<DiscreteSensor, 'source'>, t: number): DiscreteSensor {
    let { state, health } = sensor;
    for (const event of this.#discreteEvents.get(sensor.id) ?? []) {
      if (event.at > t) break;
      state = event.state;
      health = event.health ?? health;
    }
    return { ...sensor, possibleStates: [...sensor.possibleStates], state, health, source: 'simulated' };
  }

  #status(kind: DeviceKind, id: string, t: number): DeviceStatus {
    return lastBefore(this.#deviceEvents.get(deviceKey(kind, id)), t)?.status ?? 'ok';
  }

  /** A fan's speed sensor, when the (possibly scaled-down) host still has it. */
  #speedSensor(fan: Omit<Fan, 'status'>, readings: ReadonlyMap<string, NumericSensor>): Pick<Fan, 'speedSensor'> {
    return { speedSensor: fan.speedSensor !== undefined && readings.has(fan.speedSensor) ? fan.speedSensor : undefined };
  }

  /** As a fan controller reports it: an explicit event wins, otherwise the tachometer against its lower thresholds. */
  #fanStatus(fan: Omit<Fan, 'status'>, readings: ReadonlyMap<string, NumericSensor>, t: number): DeviceStatus {
    const explicit = lastBefore(this.#deviceEvents.get(deviceKey('fan', fan.id)), t);
    if (explicit) return explicit.status;
    const speed = fan.speedSensor === undefined ? undefined : readings.get(fan.speedSensor);
    if (speed === undefined) return 'ok';
    if (speed.value === null) return 'unknown';
    const { lowerCritical, lowerNonCritical } = speed.thresholds ?? {};
    if ((speed.value === 0 && !fan.idleAllowed) || (lowerCritical !== undefined && speed.value <= lowerCritical)) return 'failed';
    return lowerNonCritical !== undefined && speed.value <= lowerNonCritical ? 'degraded' : 'ok';
  }
}

/**
 * Exactly `count` numeric sensors: the scenario's first `count`, or all of
 * them followed by copies (`<id>#2`, `<id>#3`…, unlinked and untouched by the
 * timeline) cycling through them in order.
 */
export function scaleSensors(sensors: readonly ScenarioSensor[], count: number): ScenarioSensor[] {
  if (count <= sensors.length) return sensors.slice(0, count);
  const templates = sensors.length > 0 ? sensors : [GENERIC_SENSOR];
  const extra = Array.from({ length: count - sensors.length }, (_, i): ScenarioSensor => {
    const template = templates[i % templates.length]!;
    const copy = Math.floor(i / templates.length) + (sensors.length > 0 ? 2 : 1);
    const { monitors: _monitors, ...rest } = template;
    return { ...rest, id: `${template.id}#${copy}`, label: `${template.label} #${copy}` };
  });
  return [...sensors, ...extra];
}

function sensorAt(plan: SensorPlan, t: number, thresholds: Thresholds | undefined): NumericSensor {
  const { sensor } = plan;
  const segment = segmentAt(plan, t);
  const reading: NumericSensor = {
    id: sensor.id, label: sensor.label, kind: sensor.kind, unit: sensor.unit, decimals: sensor.decimals, value: null, source: 'simulated',
    thresholds: thresholds ?? sensor.thresholds, ranges: sensor.ranges, settable: sensor.settable, monitors: sensor.monitors,
  };
  if (segment.kind === 'unavailable') reading.unavailable = segment.reason;
  else reading.value = round(valueOf(segment, t), sensor.decimals);
  return reading;
}

/** The segment in force at `t`: each event starts a new one from where the reading was then. */
function segmentAt(plan: SensorPlan, t: number): Segment {
  const base = (x: number): number => baseValue(plan, x);
  let segment: Segment = { kind: 'reading', from: 0, start: 0, end: 0, to: base };
  for (const event of plan.events) {
    if (event.at > t) break;
    if (event.unavailable !== undefined) {
      segment = { kind: 'unavailable', reason: event.unavailable };
      continue;
    }
    const from: number = segment.kind === 'reading' ? valueOf(segment, event.at) : base(event.at);
    const target = event.value;
    const to = target === undefined ? base : (): number => target;
    segment = { kind: 'reading', from, start: event.at, end: event.at + (event.rampSeconds ?? 0), to };
  }
  return segment;
}

/** The base reading: a slow wave around the scenario's value, each sensor in its own phase. */
function baseValue({ sensor, phase }: SensorPlan, t: number): number {
  const swing = sensor.swing ?? 0;
  if (swing === 0) return sensor.value;
  return sensor.value + swing * Math.sin((2 * Math.PI * t) / (sensor.period ?? DEFAULT_PERIOD) + phase);
}

function valueOf(segment: Extract<Segment, { kind: 'reading' }>, t: number): number {
  const target = segment.to(t);
  if (t >= segment.end) return target;
  return segment.from + ((target - segment.from) * (t - segment.start)) / (segment.end - segment.start);
}

/** A reading at the sensor's resolution; never -0. */
function round(value: number, decimals: number): number {
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}

/**
 * Redundancy follows from the members that still work: all of them (with a
 * spare) is full, more than needed is degraded, exactly as many as needed
 * is lost, fewer is an overall failure.
 */
function redundancyStatus(group: ScenarioRedundancy, devices: readonly { redundancyGroup?: string; status: DeviceStatus }[]): RedundancyStatus {
  const members = devices.filter((d) => d.redundancyGroup === group.id);
  const working = members.filter((d) => d.status === 'ok' || d.status === 'degraded').length;
  if (working < group.minNeeded) return 'failed';
  if (working === group.minNeeded) return 'lost';
  return working === members.length ? 'full' : 'degraded';
}

function lastBefore<E extends { at: number }>(events: readonly E[] | undefined, t: number): E | undefined {
  let last: E | undefined;
  for (const event of events ?? []) {
    if (event.at > t) break;
    last = event;
  }
  return last;
}

function deviceKey(kind: DeviceKind, id: string): string {
  return `${kind}\u0000${id}`;
}

function append<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
