/** Plays snapshots through the model, the published state and the change detector, as the broker does. */
import { ChangeDetector, providerStatuses, type HardwareEvent } from '../../src/events/index.js';
import { buildModel, rememberReadings, type HardwareSnapshot, type ProviderSample, type ReadingMemory } from '../../src/model/index.js';
import { BrokerState } from '../../src/server/state.js';
import { projectRepository } from '../helpers/broker.js';
import { NOW, input, sample } from '../model/fixtures.js';

export async function player() {
  const state = new BrokerState(await projectRepository());
  const detector = new ChangeDetector();
  let readings: ReadingMemory = new Map();
  let time = NOW;
  let sampledAt = NOW;
  const publish = (samples: ProviderSample[]): HardwareEvent[] => {
    const modelInput = input(samples, { now: time });
    const index = state.publish(buildModel(modelInput));
    return detector.next({ index, time, sourceOf: (i) => state.sourceOf(i), providers: providerStatuses(modelInput) });
  };
  return {
    /** The broker as it starts: the provider has not sampled yet. */
    start(): HardwareEvent[] {
      return publish([sample(undefined)]);
    },
    /** A provider that fails before its first good sample: out of contact. */
    unreachable(error: string): HardwareEvent[] {
      time += 1000;
      return publish([sample(undefined, { error })]);
    },
    /** One good sample of `snapshot`, one second after the last. */
    play(snapshot: HardwareSnapshot): HardwareEvent[] {
      time += 1000;
      sampledAt = time;
      readings = rememberReadings(readings, snapshot, time);
      return publish([sample(snapshot, { sampledAt, readings })]);
    },
    /** A failed sample: the last snapshot stays, with the error. */
    fail(snapshot: HardwareSnapshot, error: string): HardwareEvent[] {
      time += 1000;
      return publish([sample(snapshot, { sampledAt: time - 1000, readings, error })]);
    },
    /** The provider failing for `seconds` since its last good sample: past the fixtures' 60 s its snapshot is stale. */
    outage(snapshot: HardwareSnapshot, error: string, seconds: number): HardwareEvent[] {
      time = sampledAt + seconds * 1000;
      return publish([sample(snapshot, { sampledAt, readings, error })]);
    },
  };
}


export function withSensor(snapshot: HardwareSnapshot, id: string, change: Partial<NonNullable<HardwareSnapshot['sensors']>[number]>): HardwareSnapshot {
  return { ...snapshot, sensors: snapshot.sensors!.map((s) => (s.id === id ? { ...s, ...change } : s)) };
}
