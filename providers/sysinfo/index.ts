/**
 * The sysinfo provider: the host itself as `systeminformation` sees it —
 * system identity, chassis, baseboard, BIOS, processors, memory modules,
 * batteries and, where useful, CPU temperatures. See README.md.
 */
import { hostname } from 'node:os';
import type { HardwareSnapshot } from '../../src/model/snapshot.js';
import { defineProvider, type HardwareProvider, type ProviderContext } from '../../src/providers/api.js';
import { errorMessage } from '../../src/providers/call.js';
import { buildSnapshot, readsSlots, type SysinfoData } from './map.js';
import { withDeviceTree } from './devicetree.js';
import { resolveOptions, type SysinfoOptions } from './options.js';
import { withLinuxBatteries } from './power.js';
import { attributeReader, withRawDmi } from './raw.js';
import { withSmbiosSlots } from './smbios.js';

export { dmiDate, dmiText, dmiUuid } from './clean.js';
export { boardMaker, LINUX_DEVICE_TREE, readDeviceTree, withDeviceTree, type BoardIdentity } from './devicetree.js';
export { buildSnapshot, ID_PREFIX, type MapOptions, type SysinfoData } from './map.js';
export { DEFAULT_INVENTORY_TTL, resolveOptions, type SysinfoOptions } from './options.js';
export { linuxBatteries, LINUX_POWER_SUPPLY, withLinuxBatteries } from './power.js';
export { attributeReader, LINUX_DMI, withRawDmi, type AttributeReader } from './raw.js';
export { linuxSmbiosSlots, LINUX_DMI_ENTRIES, smbiosSlot, withSmbiosSlots, type SmbiosSlot } from './smbios.js';

export const PROVIDER_NAME = 'sysinfo';
export const PROVIDER_VERSION = '0.1.0';

/** The systeminformation functions the provider calls; tests pass recorded answers. */
export type SysinfoSource = { [K in keyof Required<SysinfoData>]: () => Promise<Required<SysinfoData>[K]> };

export interface SysinfoDeps {
  source: SysinfoSource;
  hostname: () => string;
  now: () => number;
}

/** Static parts, read once per inventory TTL; the rest is read every sample. */
const INVENTORY = ['system', 'chassis', 'baseboard', 'bios', 'cpu', 'memLayout'] as const;

let systeminformation: Promise<SysinfoSource> | undefined;

/**
 * systeminformation, imported on the first call: its 24 modules (0.8 MB
 * of code) stay unloaded in a broker that never samples this provider.
 */
const lazySource = Object.fromEntries([...INVENTORY, 'battery', 'cpuTemperature'].map((part) => [part, async () => {
  systeminformation ??= import('systeminformation').then((m): SysinfoSource => m.default);
  return (await systeminformation)[part as keyof SysinfoSource]();
}])) as SysinfoSource;

const defaultDeps: SysinfoDeps = { source: withSmbiosSlots(withLinuxBatteries(withDeviceTree(withRawDmi(lazySource, attributeReader())))), hostname, now: Date.now };

export function createSysinfoProvider(options: SysinfoOptions, deps: SysinfoDeps = defaultDeps): HardwareProvider {
  let inventory: { data: SysinfoData; readAt: number } | undefined;
  // The inventory parts the last inventory read answered: a part that fails keeps only what the read before gave.
  let answered: SysinfoData = {};
  const standIn = standInFilter();
  // systeminformation reads CPU temperatures with execSync, which stalls the
  // event loop: ask for them only when they are reported.
  const readings: (keyof SysinfoData)[] = options.cpuTemperature ? ['battery', 'cpuTemperature'] : ['battery'];

  async function sample(ctx: ProviderContext): Promise<HardwareSnapshot> {
    const cached = inventory && deps.now() - inventory.readAt < options.inventoryTtlMs ? inventory.data : undefined;
    const parts = cached ? readings : [...INVENTORY, ...readings];
    const { data, failed } = await read(deps.source, parts, ctx);
    if (!cached && failed.length === parts.length) {
      throw new Error(`systeminformation answered nothing: ${failed.join('; ')}`);
    }
    const held = cached ?? readInventory(standIn(only(data, INVENTORY), inventory?.data ?? {}, ctx), ctx);
    const snapshotOptions = { hostname: deps.hostname(), cpuTemperature: options.cpuTemperature };
    return buildSnapshot({ ...held, ...only(data, readings) }, snapshotOptions);
  }

  /**
   * The inventory as read, cached for one TTL whatever failed: failed parts are read again with the rest, not every
   * sample. A part that fails keeps what the read before gave it, so no element vanishes for a sample; failing at the
   * next read too, it is dropped: a reading outlives its TTL by one TTL at most.
   */
  function readInventory(fresh: SysinfoData, ctx: ProviderContext): SysinfoData {
    const kept = only(answered, INVENTORY.filter((part) => fresh[part] === undefined));
    for (const part of INVENTORY) {
      if (fresh[part] === undefined && kept[part] === undefined && inventory?.data[part] !== undefined) {
        ctx.log.warn({ part }, 'systeminformation part failed again; its last reading dropped');
      }
    }
    answered = fresh;
    inventory = { data: { ...kept, ...fresh }, readAt: deps.now() };
    return inventory.data;
  }

  return {
    kind: 'hardware',
    name: PROVIDER_NAME,
    version: PROVIDER_VERSION,
    defaults: { interval: 20, timeout: 15_000 },
    sample,
  };
}

/** The parts of `data` named in `parts`. */
function only(data: SysinfoData, parts: readonly (keyof SysinfoData)[]): SysinfoData {
  return Object.fromEntries(parts.flatMap((part) => (data[part] === undefined ? [] : [[part, data[part]]])));
}

/**
 * Drops a memory layout that is only systeminformation's stand-in (one "module" of all memory, which it answers when
 * dmidecode fails) where slots were read before: a failed reading, not the modules gone. Logged once until slots are
 * read again.
 */
function standInFilter(): (data: SysinfoData, known: SysinfoData, ctx: ProviderContext) => SysinfoData {
  let logged = false;
  return (data, known, ctx) => {
    const slots = data.memLayout && readsSlots(data.memLayout);
    if (slots) logged = false;
    if (!data.memLayout || slots || !known.memLayout || !readsSlots(known.memLayout)) return data;
    if (!logged) ctx.log.warn({ part: 'memLayout' }, 'systeminformation answered its stand-in for all memory; left out');
    logged = true;
    const { memLayout: _standIn, ...rest } = data;
    return rest;
  };
}

/** Calls each part's function; a part that fails is logged and left out. */
async function read(
  source: SysinfoSource,
  parts: readonly (keyof SysinfoData)[],
  ctx: ProviderContext,
): Promise<{ data: SysinfoData; failed: string[] }> {
  const settled = await Promise.allSettled(parts.map((part) => source[part]()));
  const data: Record<string, unknown> = {};
  const failed: string[] = [];
  settled.forEach((result, i) => {
    const part = parts[i]!;
    if (result.status === 'fulfilled') data[part] = result.value;
    else {
      failed.push(`${part}: ${errorMessage(result.reason)}`);
      ctx.log.warn({ part, err: result.reason }, 'systeminformation call failed; part left out');
    }
  });
  return { data: data as SysinfoData, failed };
}

export default defineProvider((options) => createSysinfoProvider(resolveOptions(options)));
