/**
 * The last good reading of each numeric sensor, kept across samples by the
 * sampling flow. A sensor that had readings and lost them is served with its
 * last good reading and Lost Communication, never with a NULL CurrentReading:
 * tools written for ESXi compute `int(CurrentReading)` and crash on NULL.
 * A sensor that never had a reading is an absent part and is not served.
 * The memory also holds each sensor's threshold state, so that a crossed
 * threshold is left only past its hysteresis.
 */
import { assessSensor, currentReading, heldThresholdState, type SensorState } from './health.js';
import type { HardwareSnapshot } from './snapshot.js';

export interface LastReading {
  readonly value: number;
  readonly decimals: number;
  /**
   * The threshold state the last reading left the sensor in (see heldThresholdState); Normal where a source that
   * judges its thresholds itself published it so (a limit such a source publishes but does not enforce is never held).
   */
  readonly state?: SensorState;
  /** Epoch milliseconds of the first sample without a reading since this one; undefined while current. */
  readonly lostSince?: number;
  /** A fan speed's: whether any reading so far was other than 0 (the fan was seen turning). */
  readonly turned?: boolean;
}

export type ReadingMemory = ReadonlyMap<string, LastReading>;

export const NO_READINGS: ReadingMemory = new Map();

/**
 * The memory after `snapshot`, sampled at `now`: current readings replace
 * the remembered ones; a sensor without a reading keeps its last one, marked
 * lost since the first sample that missed it. Sensors gone from the snapshot
 * are forgotten, so the memory never outgrows the hardware.
 */
export function rememberReadings(previous: ReadingMemory, snapshot: HardwareSnapshot, now: number): ReadingMemory {
  const next = new Map<string, LastReading>();
  for (const sensor of snapshot.sensors ?? []) {
    const value = currentReading(sensor);
    const last = previous.get(sensor.id);
    if (value !== null) {
      // The threshold crossed, held by the hysteresis; but Normal where a source that judges its thresholds itself
      // published it so (a limit it publishes but does not enforce is never held). A threshold a source named and
      // the reading did not cross is never held either: the source's later "ok" clears it.
      const held = heldThresholdState(value, sensor, last?.state).state;
      const state = sensor.thresholdsJudged === true && assessSensor(sensor, undefined, last)?.state === 'Normal' ? 'Normal' : held;
      const turned = sensor.kind === 'fan' && (value !== 0 || last?.turned === true);
      next.set(sensor.id, turned ? { value, decimals: sensor.decimals, state, turned } : { value, decimals: sensor.decimals, state });
      continue;
    }
    if (last !== undefined) next.set(sensor.id, last.lostSince === undefined ? { ...last, lostSince: now } : last);
  }
  return next;
}
