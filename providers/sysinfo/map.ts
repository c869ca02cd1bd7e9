/**
 * From what `systeminformation` reports to the neutral snapshot. Pure: the
 * provider reads, this maps, and the tests feed it recorded data.
 */
import type { Systeminformation as SI } from 'systeminformation';
import type {
  Battery, Board, Chassis, Firmware, HardwareSnapshot, MemoryModule, NumericSensor, Processor, SystemIdentity,
} from '../../src/model/snapshot.js';
import { dmiAssetTag, dmiDate, dmiManufacturer, dmiMemoryMaker, dmiMemorySerial, dmiPartNumber, dmiSerial, dmiText, dmiUuid } from './clean.js';

/** The parts of systeminformation's answers the provider uses; each absent when its call failed. */
export interface SysinfoData {
  system?: Pick<SI.SystemData, 'manufacturer' | 'model' | 'serial' | 'uuid'> & Partial<Pick<SI.SystemData, 'version'>>;
  chassis?: Pick<SI.ChassisData, 'manufacturer' | 'model' | 'type' | 'version' | 'serial' | 'assetTag'>;
  baseboard?: Pick<SI.BaseboardData, 'manufacturer' | 'model' | 'version' | 'serial'>;
  bios?: Pick<SI.BiosData, 'vendor' | 'version' | 'releaseDate'>;
  cpu?: Pick<SI.CpuData, 'manufacturer' | 'vendor' | 'brand' | 'speed' | 'speedMax' | 'cores' | 'physicalCores' | 'processors'> & {
    /** The kernel's name for the processor (/proc/cpuinfo "model name"), where it has one. */
    kernelModel?: string;
  };
  memLayout?: (Pick<SI.MemLayoutData, 'size' | 'bank' | 'type' | 'formFactor' | 'clockSpeed' | 'manufacturer' | 'partNum' | 'serialNum'> & {
    /** The slot's Device Locator (dmidecode's "Locator"), where it was read from the SMBIOS table (smbios.ts). */
    locator?: string;
  })[];
  battery?: BatteryData;
  /** `main` and the socket values are null (or -1 on some platforms) when unknown. */
  cpuTemperature?: { main: number | null; socket?: (number | null)[]; chipset?: number | null };
}

/** A battery answer; `isCharging` absent when the battery doesn't say (Linux status "Unknown"). */
export type BatteryData = Pick<SI.BatteryData, 'hasBattery' | 'percent'> & {
  isCharging?: boolean;
  additionalBatteries?: BatteryData[];
  /** Its power_supply name (`BAT0`), where it is known (Linux). */
  supplyName?: string;
};

export interface MapOptions {
  hostname: string;
  /** Report CPU temperatures as sensors. */
  cpuTemperature: boolean;
}

export const ID_PREFIX = 'sysinfo:';

export function buildSnapshot(data: SysinfoData, options: MapOptions): HardwareSnapshot {
  const processors = processorsOf(data.cpu);
  return {
    system: systemOf(data.system, options.hostname),
    chassis: chassisOf(data.chassis),
    boards: boardsOf(data.baseboard),
    firmware: firmwareOf(data.bios),
    processors,
    memory: memoryOf(data.memLayout ?? []),
    batteries: batteriesOf(data.battery),
    sensors: options.cpuTemperature ? temperaturesOf(data.cpuTemperature, processors) : [],
  };
}

/** Drops undefined members, so absent stays absent (not a key holding undefined). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function systemOf(system: SysinfoData['system'], hostname: string): SystemIdentity {
  return defined({
    hostname,
    manufacturer: dmiManufacturer(system?.manufacturer),
    model: modelOf(system),
    serialNumber: dmiSerial(system?.serial),
    uuid: dmiUuid(system?.uuid),
  });
}

/**
 * The system's model. LENOVO's laptops and desktops name their machine type in the product name ("29123AG") and
 * the model in its version ("ThinkPad T410s"), which systemd's hwdb reads as their model too; Lenovo's servers
 * (sys_vendor "Lenovo") name the model in the product name ("ThinkSystem SR630 -[7X02CTO1WW]-", version "07").
 */
function modelOf(system: SysinfoData['system']): string | undefined {
  const product = dmiText(system?.model);
  // Only where the product name is a machine type ("29123AG", "20L9CTO1WW"): a ThinkServer's is its model ("ThinkServer RD440").
  const version = system?.manufacturer.trim() === 'LENOVO' && MACHINE_TYPE.test(product ?? '') ? dmiText(system.version) : undefined;
  // A version of digits alone ("07") is a revision, not a model.
  return version !== undefined && /[a-z]/i.test(version) ? version : product;
}

/** A Lenovo machine type and model number, as LENOVO clients write their product name. */
const MACHINE_TYPE = /^[0-9A-Z]{4,10}$/;

function chassisOf(chassis: SysinfoData['chassis']): Chassis[] {
  if (!chassis) return [];
  return [defined({
    id: `${ID_PREFIX}chassis`,
    manufacturer: dmiManufacturer(chassis.manufacturer),
    model: dmiText(chassis.model),
    version: dmiText(chassis.version),
    serialNumber: dmiSerial(chassis.serial),
    tag: dmiAssetTag(chassis.assetTag),
    // SMBIOS type 1 "Other" (QEMU's, for one) is a type, not a placeholder.
    type: chassis.type?.trim() === 'Other' ? 'Other' : dmiText(chassis.type),
  })];
}

function boardsOf(board: SysinfoData['baseboard']): Board[] {
  if (!board) return [];
  const fru = defined({
    manufacturer: dmiManufacturer(board.manufacturer),
    model: dmiText(board.model),
    version: dmiText(board.version),
    serialNumber: dmiSerial(board.serial),
  });
  // A baseboard DMI knows nothing about is no evidence of a board.
  if (Object.keys(fru).length === 0) return [];
  return [{ id: `${ID_PREFIX}baseboard`, label: 'Baseboard', hostingBoard: true, ...fru }];
}

function firmwareOf(bios: SysinfoData['bios']): Firmware[] {
  const version = dmiText(bios?.version);
  if (version === undefined) return [];
  const manufacturer = dmiText(bios?.vendor);
  const releaseDate = dmiDate(bios?.releaseDate);
  const everyBuilds = releaseDate !== undefined && CONSTANT_BIOS_DATES.get(manufacturer ?? '')?.includes(releaseDate.getTime());
  return [defined({
    id: `${ID_PREFIX}bios`,
    label: 'System BIOS',
    manufacturer,
    version,
    releaseDate: everyBuilds ? undefined : releaseDate,
  })];
}

/**
 * Firmware whose BIOS date is the same in every build, not a release date: SeaBIOS's tables say 04/01/2014 (QEMU/KVM
 * guests' SeaBIOS 1.11 to 1.16.3 alike), OVMF's default table (edk2 OvmfPkg SmbiosPlatformDxe) 02/06/2015,
 * VirtualBox's BIOS (innotek GmbH) 12/01/2006 in every release, Compute Engine's (Google) 01/01/2011 until 2022, and
 * the Bochs BIOS that QEMU guests without SeaBIOS's tables show 01/01/2011 (2013 to 2026 kernels' oopses), AWS
 * Nitro's (Amazon EC2, version 1.0) 10/16/2017 on every instance type, and AWS's Xen instances' (vendor Xen, versions
 * 4.2.amazon and 4.11.amazon) 08/24/2006, where other Xen builds write the date they were built; Hetzner Cloud's
 * (version 20171111) 11/11/2017 and DigitalOcean's (20171212) 12/12/2017 on servers made from 2017 to 2026, FreeBSD
 * bhyve's (BHYVE) 03/14/2014 with version 1.00 and, from FreeBSD 14, 10/17/2021 with version 14.0.
 */
const CONSTANT_BIOS_DATES: ReadonlyMap<string, readonly number[]> = new Map([
  ['SeaBIOS', [Date.UTC(2014, 3, 1)]],
  ['EFI Development Kit II / OVMF', [Date.UTC(2015, 1, 6)]],
  ['innotek GmbH', [Date.UTC(2006, 11, 1)]],
  ['Google', [Date.UTC(2011, 0, 1)]],
  ['Bochs', [Date.UTC(2011, 0, 1)]],
  ['Amazon EC2', [Date.UTC(2017, 9, 16)]],
  ['Xen', [Date.UTC(2006, 7, 24)]],
  ['Hetzner', [Date.UTC(2017, 10, 11)]],
  ['DigitalOcean', [Date.UTC(2017, 11, 12)]],
  ['BHYVE', [Date.UTC(2014, 2, 14), Date.UTC(2021, 9, 17)]],
]);

/** One processor per socket; systeminformation totals cores over all sockets, so they are shared out. */
function processorsOf(cpu: SysinfoData['cpu']): Processor[] {
  if (!cpu || !(cpu.cores > 0)) return [];
  // No more sockets than logical CPUs, and whole ones: anything else is no count.
  const sockets = Number.isInteger(cpu.processors) && cpu.processors > 0 && cpu.processors <= cpu.cores ? cpu.processors : 1;
  const perSocket = (total: number) => (total > 0 && total % sockets === 0 ? total / sockets : undefined);
  const ghz = cpu.speedMax > 0 ? cpu.speedMax : nominalGHz(cpu.kernelModel) ?? cpu.speed;
  const { manufacturer, model } = cpuIdentity(cpu);
  return Array.from({ length: sockets }, (_, i) => defined({
    id: `${ID_PREFIX}cpu${i}`,
    label: `CPU ${i + 1}`,
    manufacturer,
    model,
    cores: perSocket(cpu.physicalCores),
    threads: perSocket(cpu.cores),
    maxSpeedMHz: ghz > 0 ? Math.round(ghz * 1000) : undefined,
    status: 'ok' as const,
  }));
}

/**
 * The speed the kernel's name states ("Intel(R) Xeon(R) Gold 5218R CPU @
 * 2.10GHz"). Without a maximum from cpufreq, systeminformation's speed is
 * the one in the name it used, which as root is the firmware's: QEMU states
 * 2000 MHz for every virtual CPU.
 */
function nominalGHz(name: string | undefined): number | undefined {
  const stated = /@\s*(\d+(?:\.\d+)?)\s*GHz/i.exec(name ?? '');
  return stated ? Number(stated[1]) : undefined;
}

/** The makers systeminformation names from a processor's brand; any other "manufacturer" it reports is not one. */
const CPU_MAKERS = new Set(['Intel', 'AMD', 'QEMU', 'Hygon', 'WinChip/Via', 'VMware', 'Xen Hypervisor', 'Apple', 'SiFive', 'T-Head', 'Andes Technology']);

/**
 * Template text firmware leaves inside a processor name ("HUAWEI Kunpeng 920 3210 To be filled by O.E.M.", an NVIDIA
 * GB10's "GB10 To Be Filled by OEM").
 */
const NAME_PLACEHOLDERS = /\s*\b(to be filled by o\.?e\.?m\.?|n\/a)(?=\s|$)/gi;

/**
 * Who made the processor and its name. systeminformation names the processor
 * from the firmware's string where it can read one (as root), not the
 * kernel's: a QEMU guest's is the machine type ("pc-q35-8.0 CPU @ 2.0GHz").
 * It then takes the brand's first word off as the maker, and where it knows
 * no maker in the brand it reports the whole brand as the manufacturer
 * ("Neoverse-N1", "AWS Graviton3 N/A") and the rest as the model; a
 * Raspberry Pi's manufacturer is the board's (Sony UK). So: the kernel's name
 * where it has one, else the whole brand; the maker systeminformation
 * recognised, else the CPU vendor (lscpu's Vendor ID: Intel, AMD, ARM,
 * HiSilicon).
 */
function cpuIdentity(cpu: NonNullable<SysinfoData['cpu']>): { manufacturer?: string; model?: string } {
  const maker = CPU_MAKERS.has(cpu.manufacturer) ? cpu.manufacturer : undefined;
  const wholeBrand = maker === undefined && cpu.manufacturer.endsWith(cpu.brand) ? cpu.manufacturer : cpu.brand;
  const name = dmiText(cpu.kernelModel) ?? dmiText(wholeBrand.replace(NAME_PLACEHOLDERS, ''));
  return { manufacturer: maker ?? namedMaker(name) ?? dmiText(cpu.vendor), model: name };
}

/**
 * Makers systeminformation doesn't know that name themselves first: Zhaoxin's processors ("ZHAOXIN KaiXian
 * KX-U6780A@2.7GHz") carry VIA's vendor id CentaurHauls, which systeminformation names "WinChip/Via".
 */
function namedMaker(name: string | undefined): string | undefined {
  return name !== undefined && /^zhaoxin\b/i.test(name) ? 'Zhaoxin' : undefined;
}

/**
 * Populated slots only; the id is the slot's place in the layout, which
 * doesn't move. A slot with no locator, type or form factor is
 * systeminformation's stand-in for all memory when it cannot read the
 * modules (no dmidecode, no root): not a module. On a Raspberry Pi (no
 * SMBIOS) the stand-in has a guessed type and the form factor "SoC", which
 * SMBIOS has not: the memory the kernel manages, not a module either.
 */
function memoryOf(layout: NonNullable<SysinfoData['memLayout']>): MemoryModule[] {
  const modules: MemoryModule[] = [];
  const labels = slotLabels(layout);
  layout.forEach((slot, i) => {
    if (!(slot.size > 0) || isStandIn(slot) || NOT_RAM.has(dmiText(slot.type)?.toLowerCase() ?? '')) return;
    modules.push(defined({
      id: `${ID_PREFIX}memory${i}`,
      label: labels[i]!,
      capacity: slot.size,
      type: dmiText(slot.type),
      speedMHz: slot.clockSpeed !== null && slot.clockSpeed > 0 ? slot.clockSpeed : undefined,
      manufacturer: dmiMemoryMaker(slot.manufacturer),
      serialNumber: dmiMemorySerial(slot.serialNum),
      partNumber: dmiPartNumber(slot.partNum),
      status: 'ok' as const,
    }));
  });
  return modules;
}

/**
 * Memory Device types that hold firmware, not system memory (DSP0134 7.18.2, as dmidecode names them): boards list
 * their BIOS flash as a Memory Device of a flash array (a Supermicro X9's 16 MB "Flash", Form Factor Other).
 */
const NOT_RAM = new Set(['rom', 'flash', 'eeprom', 'feprom', 'eprom']);

/** Whether a layout describes slots the firmware lists, not only systeminformation's stand-in for all memory. */
export function readsSlots(layout: NonNullable<SysinfoData['memLayout']>): boolean {
  return layout.some((slot) => !isStandIn(slot));
}

function isStandIn(slot: NonNullable<SysinfoData['memLayout']>[number]): boolean {
  return !slot.bank && !slot.locator && (!(slot.type || slot.formFactor) || slot.formFactor === 'SoC');
}

/**
 * Each slot's name as a technician reads it on the board: its Device
 * Locator (DIMM_A1, A1, DIMM 0), else its Bank Locator, else its position
 * (`Memory 2`). Some boards number the slots per channel ("DIMM 0" on
 * channels A and B): a locator that more than one slot carries is prefixed
 * with the slot's bank ("P0 CHANNEL B DIMM 0"). A name still shared (no bank
 * to tell the slots apart) gets " (2)", " (3)"… from its second slot on, in
 * table order. Counted over every slot, empty ones too, so a label doesn't
 * change when a module is removed.
 */
function slotLabels(layout: NonNullable<SysinfoData['memLayout']>): string[] {
  const locators = layout.map((slot) => dmiText(slot.locator));
  const holders = new Map<string, number>();
  for (const locator of locators) if (locator !== undefined) holders.set(locator, (holders.get(locator) ?? 0) + 1);
  const names = layout.map((slot, i) => {
    const locator = locators[i];
    const bank = dmiText(slot.bank);
    if (locator === undefined) return bank ?? `Memory ${i}`;
    return holders.get(locator)! > 1 && bank !== undefined ? `${bank} ${locator}` : locator;
  });
  return unique(names);
}

/** `names` with each repeat suffixed " (n)", n the first count that no other name takes. */
function unique(names: readonly string[]): string[] {
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    let label = name;
    for (let n = 2; seen.has(label) || (label !== name && taken.has(label)); n++) label = `${name} (${n})`;
    seen.add(label);
    return label;
  });
}

/**
 * The batteries, each with an id and a label from its power_supply name
 * where that is known (`Battery BAT1`): a position would move the others
 * when a bay is emptied. systeminformation names none (other systems):
 * there, the position.
 */
function batteriesOf(battery: BatteryData | undefined): Battery[] {
  if (!battery?.hasBattery) return [];
  return [battery, ...(battery.additionalBatteries ?? [])].map((b, i) => defined({
    id: `${ID_PREFIX}battery${b.supplyName === undefined ? i : `-${b.supplyName}`}`,
    label: b.supplyName !== undefined ? `Battery ${b.supplyName}` : i === 0 ? 'Battery' : `Battery ${i + 1}`,
    chargePercent: Number.isFinite(b.percent) && b.percent >= 0 ? Math.min(b.percent, 100) : undefined,
    charging: typeof b.isCharging === 'boolean' ? b.isCharging : undefined,
    status: 'ok' as const,
  }));
}

/** A reading systeminformation could make; it reports null or -1 when it couldn't. */
function reading(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value !== -1;
}

/** Per-socket temperatures where known, else the package ("main") one; the chipset when reported. */
function temperaturesOf(temps: SysinfoData['cpuTemperature'], processors: Processor[]): NumericSensor[] {
  if (!temps) return [];
  const sensor = (id: string, label: string, value: number, monitors?: Processor): NumericSensor => defined({
    id: `${ID_PREFIX}${id}`,
    label,
    kind: 'temperature' as const,
    unit: 'celsius' as const,
    value,
    // systeminformation rounds to tenths of a degree
    decimals: 1,
    monitors: monitors && { kind: 'processor' as const, id: monitors.id },
    source: 'systeminformation',
  });
  const sockets = (temps.socket ?? []).flatMap((value, i) =>
    reading(value) ? [sensor(`cpu${i}/temp`, `CPU ${i + 1} Temp`, value, processors[i])] : []);
  const sensors = sockets.length > 0
    ? sockets
    : reading(temps.main) ? [sensor('cpu/temp', 'CPU Temp', temps.main, processors.length === 1 ? processors[0] : undefined)] : [];
  if (reading(temps.chipset)) sensors.push(sensor('chipset/temp', 'Chipset Temp', temps.chipset));
  return sensors;
}
