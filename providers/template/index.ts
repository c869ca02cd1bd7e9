/**
 * The template hardware provider: copy this folder to start an OEM
 * provider. It reads sensor readings from a JSON file (`readings.ts`) and
 * reports them as a neutral HardwareSnapshot; the model builder turns that
 * into DMTF sensor and fan instances. See README.md.
 */
import { access } from 'node:fs/promises';
import type { HardwareSnapshot, ThresholdName, Thresholds } from '../../src/model/snapshot.js';
import { defineProvider, type HardwareProvider, type ProviderContext } from '../../src/providers/api.js';
import { fileOptions, readJsonFile } from './json-file.js';
import { parseReadings, toSnapshot } from './readings.js';

export { parseReadings, sensorId, toSnapshot, type Reading, type ReadingType } from './readings.js';

export const PROVIDER_NAME = 'template';
export const PROVIDER_VERSION = '1.0.0';

export interface TemplateOptions {
  /** The JSON file of readings. */
  file: string;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

export function createTemplateProvider(options: TemplateOptions): HardwareProvider {
  // Thresholds written by clients, by sensor id: this "hardware" keeps them in memory.
  const written = new Map<string, Thresholds>();

  return {
    kind: 'hardware',
    name: PROVIDER_NAME,
    version: PROVIDER_VERSION,
    defaults: { interval: 10, timeout: 2000 },

    // Auto-detection: is there anything to report on this machine?
    async detect() {
      return access(options.file).then(() => true, () => false);
    },

    // Called in the background on the interval. Pass ctx.signal to whatever
    // can be cancelled: the runtime abandons the call at ctx.deadline anyway.
    async sample(ctx: ProviderContext): Promise<HardwareSnapshot> {
      const data = await readJsonFile(options.file, options.maxBytes, ctx.signal);
      const readings = parseReadings(data);
      ctx.log.debug({ readings: readings.length }, 'read the readings file');
      return toSnapshot(readings, written);
    },

    // The runtime only calls this for thresholds the last snapshot marked settable.
    async setThreshold(_ctx: ProviderContext, sensorId: string, threshold: ThresholdName, value: number) {
      written.set(sensorId, { ...written.get(sensorId), [threshold]: value });
    },

    async restoreDefaultThresholds(_ctx: ProviderContext, sensorId: string) {
      written.delete(sensorId);
    },
  };
}

export default defineProvider((options) => createTemplateProvider(fileOptions(options, [])));
