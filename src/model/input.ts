import type { CIMInstance } from '../cim/index.js';
import type { ReadingMemory } from './readings.js';
import type { HardwareSnapshot } from './snapshot.js';

/** The last state of one hardware provider, as the sampler hands it to the model builder. */
export interface ProviderSample {
  provider: string;
  /** The last good snapshot; undefined when the provider never sampled successfully. */
  snapshot?: HardwareSnapshot;
  /** Epoch milliseconds of the last good snapshot. */
  sampledAt?: number;
  /** Why the latest attempt failed, when it did. */
  error?: string;
  /** Milliseconds between samples: the sensors' PollingInterval, when given. */
  intervalMs?: number;
  /** The last good reading of each sensor, kept across samples (see rememberReadings). */
  readings?: ReadingMemory;
  /**
   * Items of `snapshot` served again from an earlier sample because the last
   * one had them invalid, each with why: they are lost, as a stale snapshot is.
   */
  lost?: ReadonlyMap<object, string>;
}

/** A sample's `lost` when nothing of it is: most samples. */
export const NOTHING_LOST: ReadonlyMap<object, string> = new Map();

/** The last instances of one instance provider (the OEM path). */
export interface InstanceSample {
  provider: string;
  namespace: string;
  instances: CIMInstance[];
  sampledAt?: number;
  error?: string;
}

export interface ModelInput {
  /** The host's name: CIM_ComputerSystem.Name and every device's SystemName. */
  hostname: string;
  /** Epoch milliseconds now, to judge staleness. */
  now: number;
  /** A snapshot older than this is stale: its readings say so. */
  staleAfterMs: number;
  hardware: ProviderSample[];
  instances: InstanceSample[];
}

/** One instance and the namespace it lives in. */
export interface ModelEntry {
  namespace: string;
  instance: CIMInstance;
  /** The snapshot element the instance was made from, so writes (thresholds) reach its provider. */
  source?: EntrySource;
}

/** A snapshot element: its provider and its id in that provider's snapshot. */
export interface EntrySource {
  provider: string;
  id: string;
}
