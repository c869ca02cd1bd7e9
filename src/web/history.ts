/**
 * Each numeric sensor's recent readings, for the page's sparklines and
 * charts. All sensors are recorded together, once per published model: the
 * times of the kept readings are one ring shared by every sensor (`points`
 * slots covering `seconds`), and each sensor has a ring of values aligned
 * with it, so memory is bounded by sensors × points whatever the sampling
 * interval. Readings are kept at most once per `seconds / points`; a sensor
 * gone from the model loses its ring.
 */
import type { CIMInstance } from '../cim/index.js';
import { currentValue, elementStatus } from '../client/health.js';

export interface HistoryOptions {
  /** How far back readings are kept; 0 keeps none. */
  seconds: number;
  /** Slots per sensor: the resolution of the history. */
  points: number;
}

export const DEFAULT_HISTORY: HistoryOptions = { seconds: 3600, points: 360 };

/** One reading: epoch milliseconds and the value in the sensor's unit (NaN: no reading). */
export interface HistoryPoint {
  time: number;
  value: number;
}

/**
 * Bytes per slot of a sensor: the value as a Float32 (readings have far
 * fewer than its 7 significant digits). The time of each slot is kept once
 * for all sensors (a Float64): 8 bytes a slot per sensor before, 29 MB at
 * 10,000 sensors where it is now 14.4.
 */
const VALUE_BYTES = 4;
const TIME_BYTES = 8;

/** A sensor's readings: its values in the slots of the shared times from `first` (a tick) on. */
interface Ring {
  readonly values: Float32Array;
  readonly first: number;
}

export class SensorHistory {
  readonly #rings = new Map<string, Ring>();
  readonly #seconds: number;
  readonly #points: number;
  /** Least milliseconds between two kept readings. */
  readonly #stepMs: number;
  /** The time of each tick, in slot `tick % points`. */
  readonly #times: Float64Array;
  /** Ticks so far: readings kept for all sensors at once. */
  #ticks = 0;
  /** The first tick since the clock was last set back: those before are dated in what is now the future. */
  #floor = 0;

  constructor(options: HistoryOptions = DEFAULT_HISTORY) {
    this.#seconds = options.seconds;
    this.#points = options.seconds > 0 ? options.points : 0;
    this.#stepMs = this.#points > 0 ? (options.seconds * 1000) / this.#points : Infinity;
    this.#times = new Float64Array(this.#points);
  }

  get enabled(): boolean {
    return this.#points > 0;
  }

  get seconds(): number {
    return this.#seconds;
  }

  /** Memory held by the rings, in bytes. */
  get bytes(): number {
    return this.#rings.size === 0 ? 0 : this.#points * TIME_BYTES + this.#rings.size * this.#points * VALUE_BYTES;
  }

  get sensors(): number {
    return this.#rings.size;
  }

  /**
   * Keeps the readings of `sensors` (numeric sensors, keyed by id) at `time`,
   * unless the last were kept less than a step before; forgets sensors not
   * among them. A sensor new since the last readings kept has its first at
   * the next (a reading is never shown at another time than its own).
   */
  record(sensors: Iterable<readonly [string, CIMInstance]>, time: number): void {
    if (!this.enabled) return;
    // A small tolerance: samples every `step` seconds must not skip every other one over jitter.
    // A clock set back is due at once: else nothing was kept until it caught up with the last reading's time.
    const elapsed = this.#ticks === 0 ? Infinity : time - this.#timeOf(this.#ticks - 1);
    const due = elapsed < 0 || elapsed >= this.#stepMs * 0.9;
    let tick: number | undefined;
    const seen = new Set<string>();
    for (const [id, instance] of sensors) {
      // A model without sensors (the first, before any sample) takes no step.
      if (due && tick === undefined) {
        if (elapsed < 0) this.#floor = this.#ticks;
        tick = this.#ticks++;
        this.#times[tick % this.#points] = time;
      }
      seen.add(id);
      let ring = this.#rings.get(id);
      if (!ring) this.#rings.set(id, (ring = { values: new Float32Array(this.#points), first: tick ?? this.#ticks }));
      if (tick !== undefined) ring.values[tick % this.#points] = readNow(instance) ?? NaN;
    }
    for (const id of this.#rings.keys()) if (!seen.has(id)) this.#rings.delete(id);
  }

  /** The readings of a sensor within the window before `now`, oldest first; undefined for an unknown sensor. */
  points(id: string, now: number): HistoryPoint[] | undefined {
    const ring = this.#rings.get(id);
    if (!ring) return undefined;
    return this.#ticksOf(ring, now).map((tick) => ({ time: this.#timeOf(tick), value: valueAt(ring, tick % this.#points) }));
  }

  /** At most `max` values spread evenly over the window (the newest always included): a sparkline's data. */
  spark(id: string, now: number, max: number): number[] {
    const ring = this.#rings.get(id);
    if (!ring) return [];
    const ticks = this.#ticksOf(ring, now);
    const read = (tick: number) => valueAt(ring, tick % this.#points);
    if (ticks.length <= max) return ticks.map(read);
    const out: number[] = [];
    for (let i = 0; i < max; i++) out.push(read(ticks[Math.round((i * (ticks.length - 1)) / (max - 1))]!));
    return out;
  }

  /** The ticks of the sensor's readings within the window before `now`, oldest first. */
  #ticksOf(ring: Ring, now: number): number[] {
    const since = now - this.#seconds * 1000;
    const ticks: number[] = [];
    for (let tick = Math.max(ring.first, this.#floor, this.#ticks - this.#points); tick < this.#ticks; tick++) {
      if (this.#timeOf(tick) >= since) ticks.push(tick);
    }
    return ticks;
  }

  #timeOf(tick: number): number {
    return this.#times[tick % this.#points]!;
  }
}

/** The health of a sensor that has lost its reading: the model keeps the last good one on show. */
export const LOST_COMMUNICATION = 'Lost Communication';
/** The status of a sensor whose device is asleep: the model keeps its last reading on show too. */
const DORMANT = 'Dormant';

/** Whether a status (elementStatus's text) keeps a last reading on show, not a current one: lost, or the device asleep. */
export function keepsLastReading(status: string): boolean {
  return status === LOST_COMMUNICATION || status === DORMANT;
}

/** Whether the reading on show is the last good one, not a current one. */
export function readingLost(instance: CIMInstance): boolean {
  return keepsLastReading(elementStatus(instance).text);
}

/** The reading the sensor has now: none while its reading is lost. */
function readNow(instance: CIMInstance): number | undefined {
  return readingLost(instance) ? undefined : currentValue(instance);
}

function valueAt(ring: Ring, slot: number): number {
  return Number(ring.values[slot]!.toPrecision(7));
}
