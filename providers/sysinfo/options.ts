import type { ProviderOptions } from '../../src/providers/api.js';

/** The sysinfo provider's options, after defaults. */
export interface SysinfoOptions {
  /** Report CPU temperatures (si.cpuTemperature) as sensors. */
  cpuTemperature: boolean;
  /** Milliseconds the hardware inventory (DMI, CPUs, memory) is reused before it is read again. */
  inventoryTtlMs: number;
}

/** Seconds the inventory is reused by default: it only changes with hardware, and reading it runs dmidecode. */
export const DEFAULT_INVENTORY_TTL = 3600;

const KEYS = new Set(['interval', 'timeout', 'cpuTemperature', 'inventoryTtl']);

/**
 * Checks the configuration section. CPU temperatures are off by default on
 * Linux, where systeminformation reads the same hwmon chips the hwmon
 * provider reports (with their thresholds); elsewhere they are on.
 */
export function resolveOptions(options: ProviderOptions, platform: NodeJS.Platform = process.platform): SysinfoOptions {
  const unknown = Object.keys(options).find((key) => !KEYS.has(key));
  if (unknown !== undefined) throw new Error(`unknown option '${unknown}' (known: ${[...KEYS].join(', ')})`);
  const { cpuTemperature = platform !== 'linux', inventoryTtl = DEFAULT_INVENTORY_TTL } = options;
  if (typeof cpuTemperature !== 'boolean') throw new Error(`cpuTemperature must be true or false, got ${JSON.stringify(cpuTemperature)}`);
  if (typeof inventoryTtl !== 'number' || !Number.isFinite(inventoryTtl) || inventoryTtl < 0) {
    throw new Error(`inventoryTtl must be a number of seconds ≥ 0, got ${JSON.stringify(inventoryTtl)}`);
  }
  return { cpuTemperature, inventoryTtlMs: inventoryTtl * 1000 };
}
