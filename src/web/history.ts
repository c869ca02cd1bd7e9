/**
 * Each numeric sensor's recent readings, for the page's sparklines and
 * charts: one fixed-size ring per sensor (`points` slots covering `seconds`),
 * so memory is bounded by sensors × points whatever the sampling interval.
 * A reading is kept at most once per `seconds / points`; a sensor gone from
 * the model loses its ring.
 */
import type { CIMInstance } from '../cim/index.js';
import { sensorReading } from '../client/health.js';

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
 * Bytes per slot: the time as an Int32 of milliseconds after the ring's
 * base, and the value as a Float32 (readings have far fewer than its 7
 * significant digits). A Float64 pair would double the largest memory of a
 * 10,000-sensor host.
 */
const SLOT_BYTES = 8;
/** Past it, a ring's base moves up: every kept time is within the window (at most 7 days) of the newest. */
const MAX_OFFSET = 2 ** 31 - 1;

class Ring {
  readonly times: Int32Array;
  readonly values: Float32Array;
  /** Epoch milliseconds that `times` count from. */
  base: number;
  /** Where the next reading goes. */
  next = 0;
  size = 0;

  constructor(capacity: number, base: number) {
    const slots = new ArrayBuffer(capacity * SLOT_BYTES);
    this.times = new Int32Array(slots, 0, capacity);
    this.values = new Float32Array(slots, capacity * 4, capacity);
    this.base = base;
  }

  get last(): number {
    return this.size === 0 ? -Infinity : this.base + this.times[(this.next - 1 + this.times.length) % this.times.length]!;
  }

  push(time: number, value: number): void {
    if (time - this.base > MAX_OFFSET) this.#rebase(time);
    this.times[this.next] = Math.max(-MAX_OFFSET, Math.round(time - this.base));
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.times.length;
    this.size = Math.min(this.size + 1, this.times.length);
  }

  #rebase(base: number): void {
    const shift = base - this.base;
    for (let i = 0; i < this.times.length; i++) this.times[i] = Math.max(-MAX_OFFSET, this.times[i]! - shift);
    this.base = base;
  }

  /** Oldest first, only those at or after `since`. */
  points(since: number): HistoryPoint[] {
    return this.#slots(since).map((slot) => ({ time: this.base + this.times[slot]!, value: this.#value(slot) }));
  }

  /** At most `max` values spread evenly over those at or after `since` (the newest included); reads only those. */
  spark(since: number, max: number): number[] {
    const slots = this.#slots(since);
    if (slots.length <= max) return slots.map((slot) => this.#value(slot));
    const out: number[] = [];
    for (let i = 0; i < max; i++) out.push(this.#value(slots[Math.round((i * (slots.length - 1)) / (max - 1))]!));
    return out;
  }

  /** The slots of the readings at or after `since`, oldest first. */
  #slots(since: number): number[] {
    const capacity = this.times.length;
    const slots: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const slot = (this.next - this.size + i + capacity) % capacity;
      if (this.base + this.times[slot]! >= since) slots.push(slot);
    }
    return slots;
  }

  #value(slot: number): number {
    return Number(this.values[slot]!.toPrecision(7));
  }
}

export class SensorHistory {
  readonly #rings = new Map<string, Ring>();
  readonly #seconds: number;
  readonly #points: number;
  /** Least milliseconds between two kept readings of a sensor. */
  readonly #stepMs: number;

  constructor(options: HistoryOptions = DEFAULT_HISTORY) {
    this.#seconds = options.seconds;
    this.#points = options.seconds > 0 ? options.points : 0;
    this.#stepMs = this.#points > 0 ? (options.seconds * 1000) / this.#points : Infinity;
  }

  get enabled(): boolean {
    return this.#points > 0;
  }

  get seconds(): number {
    return this.#seconds;
  }

  /** Memory held by the rings, in bytes. */
  get bytes(): number {
    return this.#rings.size * this.#points * SLOT_BYTES;
  }

  get sensors(): number {
    return this.#rings.size;
  }

  /** Keeps the readings of `sensors` (numeric sensors, keyed by id) at `time`; forgets sensors not among them. */
  record(sensors: Iterable<readonly [string, CIMInstance]>, time: number): void {
    if (!this.enabled) return;
    const seen = new Set<string>();
    for (const [id, instance] of sensors) {
      seen.add(id);
      let ring = this.#rings.get(id);
      if (!ring) this.#rings.set(id, (ring = new Ring(this.#points, time)));
      // A small tolerance: samples every `step` seconds must not skip every other one over jitter.
      if (time - ring.last < this.#stepMs * 0.9) continue;
      ring.push(time, sensorReading(instance).current?.value ?? NaN);
    }
    for (const id of this.#rings.keys()) if (!seen.has(id)) this.#rings.delete(id);
  }

  /** The readings of a sensor within the window before `now`, oldest first; undefined for an unknown sensor. */
  points(id: string, now: number): HistoryPoint[] | undefined {
    return this.#rings.get(id)?.points(now - this.#seconds * 1000);
  }

  /** At most `max` values spread evenly over the window (the newest always included): a sparkline's data. */
  spark(id: string, now: number, max: number): number[] {
    return this.#rings.get(id)?.spark(now - this.#seconds * 1000, max) ?? [];
  }
}
