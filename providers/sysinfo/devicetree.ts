/**
 * The board's identity from the device tree, on hosts without SMBIOS: ARM
 * boards (Raspberry Pi, Rockchip, Allwinner, i.MX, Jetson) boot with a
 * device tree whose root node names the board (Devicetree Specification
 * v0.4, 3.2: `model`, `compatible`, `serial-number`). Linux publishes each
 * property as a file of its raw bytes under /sys/firmware/devicetree/base
 * (/proc/device-tree links there; Documentation/ABI/testing/sysfs-firmware-ofw):
 * a string ends with a NUL, a string list (`compatible`) is its strings one
 * after the other, board first ("raspberrypi,4-model-b\0brcm,bcm2711\0").
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SysinfoSource } from './index.js';
import { dmiText } from './clean.js';
import { attributeReader, LINUX_DMI, type AttributeReader } from './raw.js';

/** Where Linux publishes the device tree. */
export const LINUX_DEVICE_TREE = '/sys/firmware/devicetree/base';

/** What the root node says of the board, each absent where it says nothing usable. */
export interface BoardIdentity {
  model?: string;
  /** The `compatible` list, most specific first. */
  compatible: string[];
  serialNumber?: string;
  /** The board's maker, where the first `compatible` entry's prefix names one (boardMaker). */
  manufacturer?: string;
}

/**
 * Vendor prefixes that name a board maker, with the maker's name as the
 * kernel's registry gives it (Documentation/devicetree/bindings/vendor-prefixes.yaml).
 * Only makers of boards, not of SoCs: a tree leads with the SoC where it
 * has no board entry (a Raspberry Pi 3 on a 2016 kernel: "brcm,bcm2710"),
 * vendor BSP trees give other makers' boards the SoC vendor's prefix
 * (Orange Pi 5: "rockchip,rk3588s-orangepi-5"), and carrier boards of
 * other makers ship NVIDIA's Jetson tree. A prefix not listed gives no
 * manufacturer rather than a guess.
 */
const BOARD_MAKERS: ReadonlyMap<string, string> = new Map([
  ['apple', 'Apple Inc.'],
  ['asus', 'AsusTek Computer Inc.'],
  ['beagle', 'BeagleBoard.org Foundation'],
  ['friendlyarm', 'Guangzhou FriendlyARM Computer Tech Co., Ltd'],
  ['hardkernel', 'Hardkernel Co., Ltd'],
  ['pine64', 'Pine64'],
  ['radxa', 'Radxa'],
  ['raspberrypi', 'Raspberry Pi Foundation'],
  ['xunlong', 'Shenzhen Xunlong Software CO.,Limited'],
]);

/** The board's maker from the first `compatible` entry ("vendor,board"), where its prefix names a board maker. */
export function boardMaker(compatible: readonly string[]): string | undefined {
  const [vendor, board] = compatible[0]?.split(',', 2) ?? [];
  return vendor !== undefined && board !== undefined ? BOARD_MAKERS.get(vendor) : undefined;
}

/** A property's strings, without the terminating NUL; undefined when it can't be read. */
async function strings(root: string, property: string): Promise<string[] | undefined> {
  const bytes = await readFile(join(root, property)).catch(() => undefined);
  if (bytes === undefined) return undefined;
  const list = bytes.toString('utf8').split('\0');
  if (list.at(-1) === '') list.pop();
  return list;
}

/** A string property's value when it is one real string (clean.ts), else undefined. */
async function text(root: string, property: string): Promise<string | undefined> {
  const list = await strings(root, property);
  return list?.length === 1 ? dmiText(list[0]) : undefined;
}

/** The root node's identity; undefined when there is no tree (x86, a container that masks /sys/firmware). */
export async function readDeviceTree(root: string = LINUX_DEVICE_TREE): Promise<BoardIdentity | undefined> {
  const [model, compatible, serialNumber] = await Promise.all([text(root, 'model'), strings(root, 'compatible'), text(root, 'serial-number')]);
  if (model === undefined && compatible === undefined) return undefined;
  const list = compatible ?? [];
  const manufacturer = boardMaker(list);
  return {
    ...(model !== undefined && { model }),
    compatible: list,
    ...(serialNumber !== undefined && { serialNumber }),
    ...(manufacturer !== undefined && { manufacturer }),
  };
}

/**
 * The source with the system named after the board where the host has a
 * device tree and no SMBIOS product name. systeminformation has no device
 * tree path: without DMI it names the system after /proc/cpuinfo, which on
 * 32-bit ARM gives the kernel's machine name, the SoC family ("Allwinner
 * sun8i Family", "Rockchip (Device Tree)", upper-cased) and on 64-bit ARM
 * nothing, except on Raspberry Pi OS, whose kernel adds the Pi's lines. The
 * tree's model and serial number are the board's own; the maker is
 * systeminformation's where it has one (a Pi's decoded revision code), else
 * the one the compatible prefix names (boardMaker), else none. DMI, where it
 * has a product name, describes the system.
 */
export function withDeviceTree(source: SysinfoSource, root: string = LINUX_DEVICE_TREE, dmi: AttributeReader = attributeReader(LINUX_DMI)): SysinfoSource {
  return {
    ...source,
    system: async () => {
      const [system, board, productName] = await Promise.all([source.system(), readDeviceTree(root), dmi('product_name')]);
      if (board === undefined || dmiText(productName) !== undefined) return system;
      return {
        ...system,
        manufacturer: dmiText(system.manufacturer) ?? board.manufacturer ?? '',
        model: board.model ?? system.model,
        serial: board.serialNumber ?? system.serial,
      };
    },
  };
}
