/**
 * Memory slots' locators from the SMBIOS table, where systeminformation
 * reports the Bank Locator only: on Linux it runs dmidecode and keeps "Bank
 * Locator", not "Locator", the slot's name on the board (DIMM_A1, A1,
 * DIMM 0). Linux publishes each SMBIOS structure under
 * /sys/firmware/dmi/entries, the Memory Devices (type 17) as `17-0`, `17-1`,
 * … in table order, each with its bytes in `raw`; like dmidecode's source,
 * they are readable by root only.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SysinfoSource } from './index.js';
import { dmiText } from './clean.js';

/** Where Linux publishes the SMBIOS structures. */
export const LINUX_DMI_ENTRIES = '/sys/firmware/dmi/entries';

/** A Memory Device's locator strings, absent where the structure has none. */
export interface SlotLocators {
  /** "Device Locator" (dmidecode's "Locator"): the slot as the board names it. */
  device?: string;
  /** "Bank Locator": the bank or channel, where the firmware fills it. */
  bank?: string;
}

const MEMORY_DEVICE = 17;
/** Offsets in a type 17 structure (DSP0134 7.18; the kernel's dmi_scan.c reads the same). */
const DEVICE_LOCATOR = 0x10;
const BANK_LOCATOR = 0x11;

/** The locators of a raw Memory Device structure; undefined when `raw` is not one. */
export function memoryDeviceLocators(raw: Buffer): SlotLocators | undefined {
  const length = raw[1] ?? 0;
  if (raw[0] !== MEMORY_DEVICE || length <= BANK_LOCATOR || raw.length < length) return undefined;
  // The strings follow the formatted area, each ended by a NUL, the set by another; string n is the nth, 0 is none.
  const end = raw.indexOf('\0\0', length);
  const strings = raw.subarray(length, end < length ? raw.length : end).toString('utf8').split('\0');
  const string = (index: number) => (index > 0 ? strings[index - 1] : undefined);
  const device = string(raw[DEVICE_LOCATOR]!);
  const bank = string(raw[BANK_LOCATOR]!);
  return { ...(device !== undefined && { device }), ...(bank !== undefined && { bank }) };
}

/** Every Memory Device's locators in table order; undefined when they can't all be read (no such folder, not root). */
export async function linuxMemoryLocators(root: string = LINUX_DMI_ENTRIES): Promise<SlotLocators[] | undefined> {
  const names = await readdir(root).catch(() => undefined);
  if (names === undefined) return undefined;
  const instances = names.flatMap((name) => {
    const match = /^17-(\d+)$/.exec(name);
    return match ? [{ name, instance: Number(match[1]) }] : [];
  }).sort((a, b) => a.instance - b.instance);
  const slots = await Promise.all(instances.map(({ name }) =>
    readFile(join(root, name, 'raw')).then(memoryDeviceLocators, () => undefined)));
  return slots.every((slot) => slot !== undefined) ? slots : undefined;
}

/**
 * The source with each memory slot's Device Locator added as `locator`.
 * systeminformation lists one slot per Memory Device in table order, as the
 * entries are numbered; the pairing is used only when the counts agree and
 * every slot's bank locator is the one its entry holds, else the layout
 * stays as systeminformation answered it.
 */
export function withMemoryLocators(source: SysinfoSource, root: string = LINUX_DMI_ENTRIES): SysinfoSource {
  return {
    ...source,
    memLayout: async () => {
      const [layout, slots] = await Promise.all([source.memLayout(), linuxMemoryLocators(root)]);
      if (slots?.length !== layout.length || layout.some((slot, i) => dmiText(slot.bank) !== dmiText(slots[i]!.bank))) return layout;
      return layout.map((slot, i) => ({ ...slot, locator: slots[i]!.device ?? '' }));
    },
  };
}
