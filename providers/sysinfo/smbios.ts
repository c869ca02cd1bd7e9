/**
 * Memory slots as the SMBIOS table describes them, where systeminformation
 * reads dmidecode's text short: it keeps the Bank Locator only, not the
 * "Locator", the slot's name on the board (DIMM_A1, A1, DIMM 0); it reads a
 * size as megabytes unless dmidecode wrote GB (a "1 TB" module was 1 MB, a
 * "512 kB" one 512 MB); and older dmidecodes name no newer memory type
 * ("<OUT OF SPEC>" for DDR4 under 2.12). Linux publishes each SMBIOS
 * structure under /sys/firmware/dmi/entries, the Memory Devices (type 17) as
 * `17-0`, `17-1`, … in table order, each with its bytes in `raw`; like
 * dmidecode's source, they are readable by root only.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SysinfoSource } from './index.js';
import { dmiText } from './clean.js';
import { readsSlots } from './map.js';

/** Where Linux publishes the SMBIOS structures. */
export const LINUX_DMI_ENTRIES = '/sys/firmware/dmi/entries';

/** What a Memory Device structure says of its slot; each absent where the structure doesn't say. */
export interface SmbiosSlot {
  /** "Device Locator" (dmidecode's "Locator"): the slot as the board names it. */
  device?: string;
  /** "Bank Locator": the bank or channel, where the firmware fills it. */
  bank?: string;
  /** The module's size in bytes, 0 where none is installed; absent where unknown (FFFFh). */
  size?: number;
  /** The memory type's name, for the types from DDR3 on (older dmidecodes name none of them). */
  type?: string;
}

const MEMORY_DEVICE = 17;
/** Offsets in a type 17 structure (DSP0134 7.18; the kernel's dmi_scan.c reads the same). */
const SIZE = 0x0c;
const DEVICE_LOCATOR = 0x10;
const BANK_LOCATOR = 0x11;
const MEMORY_TYPE = 0x12;
/** SMBIOS 2.7 on: the size in megabytes where the size word is 7FFFh. */
const EXTENDED_SIZE = 0x1c;

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * Memory types (DSP0134 7.18.2) from DDR3 (18h) on, named as dmidecode 3.6 names them; earlier dmidecodes print
 * "<OUT OF SPEC>" for the types they predate (2.9 for DDR3, 2.12 for DDR4, 3.2 for DDR5).
 */
const MEMORY_TYPES: ReadonlyMap<number, string> = new Map([
  [0x18, 'DDR3'], [0x19, 'FBD2'], [0x1a, 'DDR4'], [0x1b, 'LPDDR'], [0x1c, 'LPDDR2'], [0x1d, 'LPDDR3'], [0x1e, 'LPDDR4'],
  [0x1f, 'Logical non-volatile device'], [0x20, 'HBM'], [0x21, 'HBM2'], [0x22, 'DDR5'], [0x23, 'LPDDR5'], [0x24, 'HBM3'],
]);

/**
 * The size word (DSP0134 7.18.5): 0 no module, FFFFh unknown, 7FFFh see the extended size (megabytes in bits 30:0),
 * else bits 14:0 in kilobytes where bit 15 is set, in megabytes where it is clear.
 */
function moduleSize(raw: Buffer, length: number): number | undefined {
  const size = raw.readUInt16LE(SIZE);
  if (size === 0xffff) return undefined;
  if (size === 0x7fff) return length >= EXTENDED_SIZE + 4 ? (raw.readUInt32LE(EXTENDED_SIZE) & 0x7fffffff) * MIB : undefined;
  return (size & 0x7fff) * (size & 0x8000 ? KIB : MIB);
}

/** What a raw Memory Device structure says of its slot; undefined when `raw` is not one. */
export function smbiosSlot(raw: Buffer): SmbiosSlot | undefined {
  const length = raw[1] ?? 0;
  if (raw[0] !== MEMORY_DEVICE || length <= MEMORY_TYPE || raw.length < length) return undefined;
  // The strings follow the formatted area, each ended by a NUL, the set by another; string n is the nth, 0 is none.
  const end = raw.indexOf('\0\0', length);
  const strings = raw.subarray(length, end < length ? raw.length : end).toString('utf8').split('\0');
  const string = (index: number) => (index > 0 ? strings[index - 1] : undefined);
  const device = string(raw[DEVICE_LOCATOR]!);
  const bank = string(raw[BANK_LOCATOR]!);
  const size = moduleSize(raw, length);
  const type = MEMORY_TYPES.get(raw[MEMORY_TYPE]!);
  return {
    ...(device !== undefined && { device }), ...(bank !== undefined && { bank }),
    ...(size !== undefined && { size }), ...(type !== undefined && { type }),
  };
}

/** Every Memory Device's slot in table order; undefined when they can't all be read (no such folder, not root). */
export async function linuxSmbiosSlots(root: string = LINUX_DMI_ENTRIES): Promise<SmbiosSlot[] | undefined> {
  const names = await readdir(root).catch(() => undefined);
  if (names === undefined) return undefined;
  const instances = names.flatMap((name) => {
    const match = /^17-(\d+)$/.exec(name);
    return match ? [{ name, instance: Number(match[1]) }] : [];
  }).sort((a, b) => a.instance - b.instance);
  const slots = await Promise.all(instances.map(({ name }) =>
    readFile(join(root, name, 'raw')).then(smbiosSlot, () => undefined)));
  return slots.every((slot) => slot !== undefined) ? slots : undefined;
}

/**
 * The source with each memory slot's Device Locator added as `locator`, its
 * size as the table states it where it states one, and its type where
 * systeminformation has no name for it (dmidecode's "<OUT OF SPEC>").
 * systeminformation lists one slot per Memory Device in table order, as the
 * entries are numbered; the pairing is used only when the counts agree and
 * every slot's bank locator is the one its entry holds, else the layout
 * stays as systeminformation answered it. So does its stand-in for all
 * memory (no bank, type or form factor), which a one-device table without
 * a bank locator (QEMU's "DIMM 0") would otherwise take for its slot.
 */
export function withSmbiosSlots(source: SysinfoSource, root: string = LINUX_DMI_ENTRIES): SysinfoSource {
  return {
    ...source,
    memLayout: async () => {
      const [layout, slots] = await Promise.all([source.memLayout(), linuxSmbiosSlots(root)]);
      const sameSlots = slots?.length === layout.length && layout.every((slot, i) => dmiText(slot.bank) === dmiText(slots[i]!.bank));
      if (!sameSlots || !readsSlots(layout)) return layout;
      return layout.map((slot, i) => {
        const { device, size, type } = slots[i]!;
        const named = dmiText(slot.type) !== undefined || type === undefined ? {} : { type };
        return { ...slot, locator: device ?? '', ...(size !== undefined && { size }), ...named };
      });
    },
  };
}
