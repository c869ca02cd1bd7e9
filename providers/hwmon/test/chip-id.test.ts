import t from 'tap';
import { busAddress, chipId, uniqueIds } from '../chip-id.js';

t.test('busAddress from the device name alone (no subsystem link)', async (t) => {
  t.equal(busAddress('1-0048'), 'i2c-1-48');
  t.equal(busAddress('9191-0290'), 'isa-0290', 'legacy ISA on the pseudo i2c bus 9191');
  t.equal(busAddress('spi0.1'), 'spi-0-1');
  t.equal(busAddress('0000:00:18.3'), 'pci-00c3');
  t.equal(busAddress('0000:03:00.0'), 'pci-0300');
  t.equal(busAddress('0001:c1:1f.7'), 'pci-1c1ff', 'a PCI domain above 0');
  t.equal(busAddress('ACPI0000:00'), 'acpi-0');
  t.equal(busAddress('LNXTHERM:0a'), 'acpi-a', 'the ACPI instance number, in hex');
  t.equal(busAddress('coretemp.0'), 'isa-0000');
  t.equal(busAddress('coretemp.1'), 'isa-0001');
  t.equal(busAddress('it87.2608'), 'isa-0a30', 'the platform id in decimal, printed in hex');
  t.equal(busAddress('nvme0'), undefined, 'a class device is no bus device');
  t.equal(busAddress('thermal_zone0'), undefined);
  t.equal(busAddress('pci0000:00'), undefined, 'a PCI host bridge folder is no device');
  t.equal(busAddress('0003:046D:C52B.0001'), 'hid-3-1', 'a HID device (the bus in decimal, the instance in hex)');
});

t.test('busAddress follows the subsystem link when there is one', async (t) => {
  t.equal(busAddress('0003:1B1C:1C05.0004', 'hid'), 'hid-3-4');
  t.equal(busAddress('dell_smm_hwmon', 'platform'), 'isa-0000', 'a platform device without instance number');
  t.equal(busAddress('nct6775.656', 'platform'), 'isa-0290');
  t.equal(busAddress('fan.3', 'of_platform'), 'isa-0003');
  t.equal(busAddress('0-0044', 'i2c'), 'i2c-0-44');
  t.equal(busAddress('PNP0C0A:00', 'acpi'), 'acpi-0');
  t.equal(busAddress('0000:03:00.0', 'pci'), 'pci-0300');
  t.equal(busAddress('spi1.0', 'spi'), 'spi-1-0');
  t.equal(busAddress('4:0:0:0', 'scsi'), 'scsi-4-0', "a disk (drivetemp): its host and channel:target:lun, as libsensors names it");
  t.equal(busAddress('39:0:1:0', 'scsi'), 'scsi-39-10');
  t.equal(busAddress('4:0:0:0'), undefined, 'a SCSI address needs its subsystem');
  t.equal(busAddress('r8169-0-100:00', 'mdio_bus'), 'mdio-0', 'a PHY: its address on its MDIO bus');
  t.equal(busAddress('stmmac-0:1f', 'mdio_bus'), 'mdio-1f');
  t.equal(busAddress('r8169-0-100:00'), undefined, 'an MDIO address needs its subsystem');
  t.equal(busAddress('1-0048', 'pci'), undefined, 'an i2c-shaped name on another bus');
  t.equal(busAddress('0000:03:00.0', 'hid'), undefined);
  t.equal(busAddress('nvme0', 'nvme'), undefined, 'an unknown subsystem');
  t.equal(busAddress('coretemp.0', 'acpi'), undefined);
});

t.test('chipId', async (t) => {
  t.equal(chipId('acpitz'), 'acpitz-virtual-0', 'no device: virtual');
  t.equal(chipId('coretemp', { name: 'coretemp.0' }), 'coretemp-isa-0000');
  t.equal(chipId('k10temp', { name: '0000:00:18.3', subsystem: 'pci' }), 'k10temp-pci-00c3');
  t.equal(
    chipId('nvme', { name: 'nvme0', subsystem: 'nvme', parent: { name: '0000:01:00.0', subsystem: 'pci' } }),
    'nvme-pci-0100',
    'a class device: the device its device link names',
  );
  t.equal(chipId('BAT0', { name: 'BAT0', subsystem: 'power_supply', parent: { name: 'PNP0C0A:00', subsystem: 'acpi' } }), 'BAT0-acpi-0');
  t.equal(
    chipId('ucsi_source_psy_USBC000:001', { name: 'ucsi-source-psy-USBC000:001', subsystem: 'power_supply', parent: { name: 'USBC000:00', subsystem: 'platform' } }),
    'ucsi_source_psy_USBC000:001-isa-0000',
    "a USB-C port's supply: its platform device, ACPI-named (sensors prints ucsi_source_psy_USBC000:001-isa-0000)",
  );
  t.equal(chipId('nvme', { name: 'nvme0', dangling: true }), 'nvme-nvme0', 'a dangling link to a class device: the device name');
  t.equal(
    chipId('hidpp_battery_6', { name: 'hidpp_battery_6', subsystem: 'power_supply', parent: { name: '0003:046D:4082.003B', subsystem: 'hid' } }),
    'hidpp_battery_6-hid-3-3b',
    "a wireless mouse's battery: its HID device, not the receiver's or the USB port",
  );
  t.equal(
    chipId('cpu_thermal', { name: 'thermal_zone0', subsystem: 'thermal' }),
    'cpu_thermal-virtual-0',
    'a thermal zone with no device behind it: virtual, as libsensors says',
  );
  t.equal(
    chipId('acpitz', { name: 'thermal_zone1', subsystem: 'thermal', parent: { name: 'LNXTHERM:01', subsystem: 'acpi' } }),
    'acpitz-acpi-1',
    'a thermal zone whose device link names its ACPI device',
  );
  t.equal(
    chipId('gigabyte_wmi', { name: 'DEADBEEF-2001-0000-00A0-C90629100000', subsystem: 'wmi' }),
    'gigabyte_wmi-virtual-0',
    'a WMI device: no bus libsensors knows, however ACPI-like the platform device above it is named',
  );
});

t.test('uniqueIds keeps the first and numbers the rest', async (t) => {
  t.same(uniqueIds(['a', 'b', 'a', 'a']), ['a', 'b', 'a.2', 'a.3']);
  t.same(uniqueIds(['a', 'a.2', 'a']), ['a', 'a.2', 'a.3'], 'skips an id another chip already has');
  t.same(uniqueIds([]), []);
});
