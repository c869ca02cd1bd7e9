/**
 * Chip ids in lm-sensors' form, `<name>-<bus>-<address>` (`coretemp-isa-0000`,
 * `nvme-pci-0100`, `lm75-i2c-1-48`), built from the chip's device rather than
 * its hwmonN number, which changes across boots.
 *
 * The bus comes from the device's `subsystem` link when there is one, else
 * from the shape of the device's name (as libsensors does on old kernels;
 * SCSI and MDIO addresses are too plain a shape to tell without the link).
 * A device on no bus libsensors knows is identified, as libsensors does
 * (lib/sysfs.c, find_bus_type), by the device its own `device` link names,
 * and so on: a class device's parent (`nvme0` → its PCI function, an ACPI
 * thermal zone → its LNXTHERM, a USB-C port's supply → its platform
 * device). Where that chain ends on no bus (a Raspberry Pi's thermal zone, a
 * WMI device), and where there is no device at all, the chip is
 * `<name>-virtual-0`.
 *
 * Two deliberate differences from libsensors, both to keep ids unique:
 * ACPI devices carry their instance number (`acpitz-acpi-1` for LNXTHERM:01,
 * libsensors says 0 for all), and a device link that leads nowhere (a
 * partial copy of /sys) names the chip after its target (`nvme-nvme0`)
 * where libsensors would say virtual.
 */

/** What the hwmon folder's `device` link tells about the chip's device. */
export interface DeviceInfo {
  /** The device folder's name (the link target's last part), e.g. `coretemp.0`, `0000:03:00.0`. */
  name: string;
  /** The last part of the device's `subsystem` link (`pci`, `platform`, `i2c`, `acpi`, …), when readable. */
  subsystem?: string;
  /** The device the device's own `device` link names (a class device's parent), when it has one. */
  parent?: DeviceInfo;
  /** The link leads nowhere. */
  dangling?: boolean;
}

const I2C = /^([0-9]{1,5})-([0-9a-f]{4})$/;
const SPI = /^spi([0-9]{1,5})\.([0-9]{1,5})$/;
const PCI = /^([0-9a-f]{4,8}):([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/;
const HID = /^([0-9A-F]{4}):([0-9A-F]{4}):([0-9A-F]{4})\.([0-9A-F]{4})$/;
const MDIO = /:([0-9a-f]{1,2})$/;
const ACPI = /^[A-Z0-9_]{3,8}:([0-9a-f]{2,})$/;
const PLATFORM = /^[a-z0-9_]+\.([0-9]{1,9})$/;
/** host:channel:target:lun, a disk's SCSI address (drivetemp). */
const SCSI = /^([0-9]{1,5}):([0-9]{1,5}):([0-9]{1,5}):([0-9a-f]{1,16})$/;
/** The i2c bus number under which old kernels registered ISA chips. */
const LEGACY_ISA_BUS = 9191;

const hex = (value: number, width: number): string => value.toString(16).padStart(width, '0');

/** The `<bus>-<address>` part for a device folder name, or undefined when it names no bus device. */
export function busAddress(device: string, subsystem?: string): string | undefined {
  const on = (bus: string): boolean => subsystem === undefined || subsystem === bus;
  let m: RegExpExecArray | null;
  if (on('i2c') && (m = I2C.exec(device))) {
    const bus = Number(m[1]);
    const address = parseInt(m[2]!, 16);
    return bus === LEGACY_ISA_BUS ? `isa-${hex(address, 4)}` : `i2c-${bus}-${hex(address, 2)}`;
  }
  if (on('spi') && (m = SPI.exec(device))) return `spi-${Number(m[1])}-${hex(Number(m[2]), 1)}`;
  if (on('pci') && (m = PCI.exec(device))) {
    const [domain, bus, slot, fn] = m.slice(1, 5).map((part) => parseInt(part, 16)) as [number, number, number, number];
    return `pci-${hex(domain * 0x10000 + (bus << 8) + (slot << 3) + fn, 4)}`;
  }
  if (on('hid') && (m = HID.exec(device))) return `hid-${parseInt(m[1]!, 16)}-${hex(parseInt(m[4]!, 16), 1)}`;
  // A PHY (r8169's `r8169-0-100:00`): its address on the MDIO bus, after the bus id.
  if (subsystem === 'mdio_bus' && (m = MDIO.exec(device))) return `mdio-${hex(parseInt(m[1]!, 16), 1)}`;
  if (on('acpi') && (m = ACPI.exec(device))) return `acpi-${hex(parseInt(m[1]!, 16), 1)}`;
  if (subsystem === 'scsi' && (m = SCSI.exec(device))) {
    const [host, channel, target, lun] = [Number(m[1]), Number(m[2]), Number(m[3]), parseInt(m[4]!, 16)];
    return `scsi-${host}-${hex((channel << 8) + (target << 4) + lun, 1)}`;
  }
  if (subsystem === 'platform' || subsystem === 'of_platform') {
    m = PLATFORM.exec(device);
    return `isa-${hex(m ? Number(m[1]) : 0, 4)}`;
  }
  if (subsystem === undefined && (m = PLATFORM.exec(device))) return `isa-${hex(Number(m[1]), 4)}`;
  return undefined;
}

/** The chip id for a chip called `name` (its `name` attribute) on `device` (undefined: no device link). */
export function chipId(name: string, device?: DeviceInfo): string {
  if (device === undefined) return `${name}-virtual-0`;
  const address = deviceAddress(device);
  if (address !== undefined) return `${name}-${address}`;
  return device.dangling ? `${name}-${device.name}` : `${name}-virtual-0`;
}

/** The `<bus>-<address>` of the device, else of the first device on a bus its `device` links lead to; undefined when none is. */
export function deviceAddress(device: DeviceInfo): string | undefined {
  return busAddress(device.name, device.subsystem) ?? (device.parent && deviceAddress(device.parent));
}

/**
 * Makes ids unique in order: the first chip keeps its id, later ones with the
 * same id get `.2`, `.3`, … (only chips without a distinguishing device
 * collide, e.g. two virtual chips of one name).
 */
export function uniqueIds(ids: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(ids);
  return ids.map((id) => {
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    if (count === 1) return id;
    let suffix = count;
    while (taken.has(`${id}.${suffix}`)) suffix++;
    const unique = `${id}.${suffix}`;
    taken.add(unique);
    return unique;
  });
}
