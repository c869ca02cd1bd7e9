/**
 * Corrections from the host's own records where systeminformation's answer
 * is not what they say. On Linux it reads the DMI strings and then changes
 * some of them; the strings themselves are in /sys/class/dmi/id (readable
 * without root, except serials and the UUID), and the kernel's name for the
 * processor is what `os.cpus()` reports.
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { SysinfoSource } from './index.js';

/** Where Linux publishes the SMBIOS strings. */
export const LINUX_DMI = '/sys/class/dmi/id';

/** One sysfs attribute (a DMI string, a power supply's status) as the kernel publishes it, or undefined when there is none to read. */
export type AttributeReader = (name: string) => Promise<string | undefined>;

/** The attributes of the sysfs folder `root`, trimmed. */
export function attributeReader(root: string = LINUX_DMI): AttributeReader {
  return (name) => readFile(join(root, name), 'utf8').then((text) => text.trim(), () => undefined);
}

/**
 * systeminformation's names for a system it knows nothing of: "Computer"
 * (no DMI), "Virtual machine" (dmesg names a hypervisor) and "Docker
 * Container" (/.dockerenv exists, which replaces even a real product name).
 */
const STAND_IN_MODELS = new Set(['Computer', 'Virtual machine', 'Docker Container']);

/**
 * The source with the raw DMI strings put back where systeminformation
 * changed them:
 * - the BIOS date: SMBIOS writes MM/DD/YYYY and systeminformation reads it
 *   as DD/MM/YYYY (04/12/2021, April 12, became 2021-12-04; 12/27/2019 became
 *   the impossible 2019-27-12); the raw string is parsed as SMBIOS says;
 * - the product name, where systeminformation put a stand-in: the
 *   kernel's product_name, or nothing.
 * A host without /sys/class/dmi/id (Windows, macOS, a board without SMBIOS)
 * keeps systeminformation's answers, stand-ins aside; a board's device
 * tree then names the system (devicetree.ts).
 */
export function withRawDmi(source: SysinfoSource, read: AttributeReader, kernelCpu: () => Promise<KernelCpu> = firstCpuModel): SysinfoSource {
  return {
    ...source,
    bios: async () => {
      const [bios, date] = await Promise.all([source.bios(), read('bios_date')]);
      return date ? { ...bios, releaseDate: date } : bios;
    },
    system: async () => {
      const system = await source.system();
      return STAND_IN_MODELS.has(system.model) ? { ...system, model: (await read('product_name')) ?? '' } : system;
    },
    cpu: async () => {
      const [cpu, kernel] = await Promise.all([source.cpu(), kernelCpu()]);
      return { ...withoutNodeName(cpu, kernel), kernelModel: kernel.model };
    },
  };
}

/** Where Linux describes the processors; on 64-bit ARM its "CPU implementer" says who designed the cores. */
const LINUX_CPUINFO = '/proc/cpuinfo';

/** ARM Ltd's implementer code (MIDR_EL1 bits 31:24). */
const ARM_LTD = 0x41;

/**
 * Who designed a 64-bit ARM core, by its implementer code, as lscpu names them (util-linux sys-utils/lscpu-arm.c,
 * hw_implementer; the codes are also in Linux's arch/arm64/include/asm/cputype.h).
 */
const ARM_IMPLEMENTERS: ReadonlyMap<number, string> = new Map([
  [0x42, 'Broadcom'], [0x43, 'Cavium'], [0x44, 'DEC'], [0x46, 'FUJITSU'], [0x48, 'HiSilicon'], [0x49, 'Infineon'],
  [0x4d, 'Motorola/Freescale'], [0x4e, 'NVIDIA'], [0x50, 'APM'], [0x51, 'Qualcomm'], [0x53, 'Samsung'], [0x56, 'Marvell'],
  [0x61, 'Apple'], [0x66, 'Faraday'], [0x69, 'Intel'], [0x6d, 'Microsoft'], [0x70, 'Phytium'], [0xc0, 'Ampere'],
]);

/** The kernel's name for the processor, and what Node named it where that name is not the kernel's. */
export interface KernelCpu {
  /** The kernel's name, where it has one. */
  model?: string;
  /** Node's name where it was turned down (a Kunpeng 920's "Cortex-A32"): systeminformation starts from it too. */
  rejected?: string;
  /** The core's designer from its implementer code, where /proc/cpuinfo was read and the code is known. */
  implementer?: string;
}

/**
 * The kernel's name for the processor as Node reports it (os.cpus(): /proc/cpuinfo "model name"); none where it has
 * none ("unknown"). 64-bit ARM kernels name none: there Node (libuv's uv_cpu_info) looks the "CPU part" up in ARM
 * Ltd's part numbers whatever the implementer, so a HiSilicon Kunpeng 920 (implementer 0x48, part 0xd01) becomes a
 * "Cortex-A32". On Linux arm64 the name counts only for cores ARM Ltd designed (implementer 0x41, `cpuinfo`); any
 * other is turned down, with the core's designer where the implementer is known.
 */
export function nodeCpuModel(model: string | undefined, host: { platform: string; arch: string }, cpuinfo: string | undefined): KernelCpu {
  const name = model?.trim();
  if (!name || name === 'unknown') return {};
  if (host.platform !== 'linux' || host.arch !== 'arm64') return { model: name };
  const code = /^CPU implementer\s*:\s*0x([0-9a-f]+)/im.exec(cpuinfo ?? '')?.[1];
  const implementer = code === undefined ? undefined : parseInt(code, 16);
  const designer = implementer === undefined ? undefined : ARM_IMPLEMENTERS.get(implementer);
  return implementer === ARM_LTD ? { model: name } : { rejected: name, implementer: designer };
}

/** What firstCpuModel reads; tests pass their own. */
export interface CpuHost {
  platform: string;
  arch: string;
  cpus: () => { model: string }[];
  /** /proc/cpuinfo, or undefined where it cannot be read. */
  cpuinfo: () => Promise<string | undefined>;
}

const THIS_HOST: CpuHost = {
  platform: process.platform,
  arch: process.arch,
  cpus,
  cpuinfo: () => readFile(LINUX_CPUINFO, 'utf8').catch(() => undefined),
};

/** nodeCpuModel for the host, reading /proc/cpuinfo where it needs to. */
export async function firstCpuModel(host: CpuHost = THIS_HOST): Promise<KernelCpu> {
  const cpuinfo = host.platform === 'linux' && host.arch === 'arm64' ? await host.cpuinfo() : undefined;
  return nodeCpuModel(host.cpus()[0]?.model, host, cpuinfo);
}

type CpuAnswer = Awaited<ReturnType<SysinfoSource['cpu']>>;

/**
 * systeminformation's answer without Node's turned-down name. Without lscpu (the Docker image has none) it names the
 * processor from os.cpus() too (lib/cpu.js), and, knowing no maker in it, reports the whole name as the manufacturer
 * and the rest after its first word as the brand: a Kunpeng 920 came back as manufacturer "Cortex-A32", brand "".
 * That name goes; the vendor, where lscpu gave none, is the core's designer.
 */
function withoutNodeName(cpu: CpuAnswer, kernel: KernelCpu): CpuAnswer {
  if (kernel.rejected === undefined || cpu.manufacturer !== kernel.rejected) return cpu;
  return { ...cpu, manufacturer: '', brand: '', vendor: cpu.vendor || (kernel.implementer ?? '') };
}
