/**
 * Trees from a fourth hunt, of the hosts thincim runs on (embedded and edge
 * boxes: SBCs, gateways, switches, VMs) and of drivers earlier hunts did not
 * reach, rebuilt as small sysfs trees (values as the source shows them) and
 * read through the whole provider. Each test names its source.
 */
import t from 'tap';
import type { HardwareSnapshot } from '../../../src/model/snapshot.js';
import { sampleTree, sensorById } from './helpers.js';

const fanOf = (snapshot: HardwareSnapshot, id: string) => snapshot.fans?.find((f) => f.id === id);

t.test("amdgpu's fan1_min and fan1_max are the range fan1_target takes, no limits", async (t) => {
  // amdgpu_pm.c (amd-gfx, "Add fan1_target … Add fan1_min/fan1_max for get min, max fan speed in RPM unit … query
  // the min/max rpm gpu support"): the bounds of the speed the SMU can be asked for, with no alarm of their own.
  // Fans exceed them: an RX 5700 XT at 100 % turns at about 4000 RPM (lm-sensors/lm-sensors#507) where LACT's RX 5700 XT
  // snapshot (../shared/fixtures/hwmon/lact-gpu-hwmon) serves fan1_max 3400, and an XFX RX 5700 XT's resting fan
  // reads 65535 RPM (min = 0 RPM, max = 3500 RPM; lm-sensors/lm-sensors#310).
  const card = (fan1: number, pwm1: number, enable: number) => ({
    device: 'pci0000:00/0000:00:01.1/0000:01:00.0/0000:02:00.0/0000:03:00.0',
    subsystem: 'bus/pci',
    files: { name: 'amdgpu', temp1_input: 61000, temp1_label: 'edge', fan1_input: fan1, fan1_min: 0, fan1_max: 3400, fan1_enable: 0, pwm1, pwm1_enable: enable },
  });
  const fullSpeed = await sampleTree(t, [card(3950, 255, 1)]);
  t.match(sensorById(fullSpeed, 'hwmon:amdgpu-pci-0300/fan1'), { value: 3950, thresholds: undefined, health: undefined }, 'above fan1_max at 100 %');
  t.match(fanOf(fullSpeed, 'hwmon:amdgpu-pci-0300/fan1'), { status: 'ok' });
  const resting = await sampleTree(t, [card(0, 0, 2)]);
  t.match(fanOf(resting, 'hwmon:amdgpu-pci-0300/fan1'), { status: 'ok', idleAllowed: true }, 'its zero-RPM rest is still no failure');
});

t.test("a power supply class device's temp min_alarm and max_alarm hold its alert thresholds, no alarm flags", async (t) => {
  // torvalds/linux drivers/power/supply/power_supply_hwmon.c serves TEMP_ALERT_MIN and TEMP_ALERT_MAX (and the
  // ambient ones, on temp2) as temp<N>_min_alarm and temp<N>_max_alarm, in millidegrees: temperatures, not 0/1 flags.
  // A MAX17042 fuel gauge's TALRT_Th powers up as 0x7F80 (max17042_battery.c: LSB the minimum, MSB the maximum, ×10):
  // -128 °C and 127 °C, alerts off. Allwinner's BSP axp2601 driver answers -200 °C and 200 °C for alerts it does not
  // use, for the ambient channel too, which has no reading.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/soc/1c2ac00.i2c/i2c-1/1-0036/power_supply/max170xx_battery',
      subsystem: 'class/power_supply',
      links: {
        'devices/platform/soc/1c2ac00.i2c/i2c-1/1-0036/power_supply/max170xx_battery/device': 'devices/platform/soc/1c2ac00.i2c/i2c-1/1-0036',
        'devices/platform/soc/1c2ac00.i2c/i2c-1/1-0036/subsystem': 'bus/i2c',
      },
      files: {
        name: 'max170xx_battery', temp1_label: 'temp', temp1_input: 25600, temp1_min_alarm: -128000, temp1_max_alarm: 127000,
        temp2_label: 'ambient temp', temp2_min_alarm: -200000, temp2_max_alarm: 200000, in0_input: 3912, curr1_input: -182,
      },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:max170xx_battery-i2c-1-36/temp1'), { value: 25.6, health: undefined, crossed: undefined });
  t.same(snapshot.discreteSensors, [], 'the ambient channel has no reading and no alarm');
});

t.test("ufs' temp1_min_alarm and temp1_max_alarm were its bounds, no alarm flags", async (t) => {
  // torvalds/linux drivers/scsi/ufs/ufs-hwmon.c as first merged (Western Digital, 2021) served the device's
  // HIGH_TEMP_BOUND and LOW_TEMP_BOUND minus 80 as temp1_max_alarm and temp1_min_alarm (a UFS chip of 85 °C and
  // -25 °C reads 85 and -25); today's serves them as temp1_crit and temp1_lcrit (drivers/ufs/core/ufs-hwmon.c).
  const snapshot = await sampleTree(t, [
    { device: 'platform/soc@0/1d84000.ufshc', subsystem: 'bus/platform', files: { name: 'ufs', temp1_input: 35, temp1_enable: 1, temp1_min_alarm: -25, temp1_max_alarm: 85 } },
  ]);
  t.match(sensorById(snapshot, 'hwmon:ufs-isa-0000/temp1'), { health: undefined, crossed: undefined });
});

t.test('a temperature at or below absolute zero is no reading', async (t) => {
  // oxidecomputer/propolis#1213: an Ubuntu 26.04 guest's emulated NVMe drive reads temp1_input -273150 (0 K, "Temperature:
  // -273.1 C" on the login banner), and so does an AWS instance's; a drive that reports no temperature answers 0 K
  // (linux-nvme/nvme-cli#884, its maintainer: "if it's '0', that probably means that the f/w isn't reporting a
  // temperature at all"). A thermal zone's is THERMAL_TEMP_INVALID, -274000 (include/linux/thermal.h), which the
  // kernel's sampling treats as a power-gated sensor's sentinel, not a temperature.
  const snapshot = await sampleTree(t, [
    { device: 'pci0000:00/0000:00:10.0', subsystem: 'bus/pci', files: { name: 'nvme', temp1_input: -273150, temp1_label: 'Composite' } },
    { device: 'virtual/thermal/thermal_zone3', subsystem: 'class/thermal', files: { name: 'gpuss0_thermal', temp1_input: -274000 } },
  ]);
  t.match(sensorById(snapshot, 'hwmon:nvme-pci-0080/temp1'), { value: null, unavailable: 'absent' });
  t.match(sensorById(snapshot, 'hwmon:gpuss0_thermal-virtual-0/temp1'), { value: null, unavailable: 'absent' });
});

t.test('a fan at 0 RPM whose chip raises its alarm is no fan that may be unconnected', async (t) => {
  // torvalds/linux Documentation/hwmon/hp-wmi-sensors.rst: a fan's alarm reads 1 when "the fan has stalled or has been
  // disconnected while running" (once, then the BIOS event is spent). hp-wmi-sensors serves no minimum speed, so a
  // stalled fan at 0 RPM was one that might be an empty header: unknown.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/PNP0C14:00/wmi_bus/wmi_bus-PNP0C14:00/8F1F6435-9F42-42C8-BADC-0E9424F20C9A',
      subsystem: 'bus/wmi',
      files: { name: 'hp_wmi_sensors', fan1_label: 'CPU0 Fan', fan1_input: 0, fan1_alarm: 1, fan1_fault: 0, fan2_label: 'Chassis Fan', fan2_input: 0, fan2_alarm: 0, fan2_fault: 0 },
    },
  ]);
  t.match(fanOf(snapshot, 'hwmon:hp_wmi_sensors-virtual-0/fan1'), { status: 'degraded', statusReason: 'not turning' }, 'stalled, as its chip says');
  t.match(fanOf(snapshot, 'hwmon:hp_wmi_sensors-virtual-0/fan2'), { status: 'unknown', statusReason: 'not turning' }, 'without the alarm, still not known');
});

t.test('drives of edge boxes read as they report: SCT limits, unset limits, limits that fail to read', async (t) => {
  // Dasharo/dasharo-issues#702, a Protectli V1210 firewall: nvme-pci-0300 Composite +19.9 °C (low -0.1 °C, high +84.8 °C,
  // crit +94.8 °C), Sensor 1 +32.9 °C with "Can't get value of subfeature temp2_min: I/O error" (and temp2_max): the
  // drive advertises limits it cannot read (an open failing with ENXIO stands in for its EIO).
  // petersulyok/smfc#33, drivetemp-scsi-3-0: +26.0 °C (low +10, high +40, crit low +5, crit +60, lowest +25, highest +27).
  // Meliox/PVE-mods#101, a Seagate Constellation.2's drivetemp-scsi-4-0: +43 °C with max, min, crit and lcrit all 0.
  const snapshot = await sampleTree(t, [
    {
      device: 'pci0000:00/0000:00:1c.0/0000:03:00.0',
      subsystem: 'bus/pci',
      files: { name: 'nvme', temp1_label: 'Composite', temp1_input: 19850, temp1_min: -150, temp1_max: 84850, temp1_crit: 94850, temp1_alarm: 0, temp2_label: 'Sensor 1', temp2_input: 32850 },
      enxio: ['temp2_min', 'temp2_max'],
    },
    {
      device: 'pci0000:00/0000:00:17.0/ata4/host3/target3:0:0/3:0:0:0',
      subsystem: 'bus/scsi',
      files: { name: 'drivetemp', temp1_input: 26000, temp1_min: 10000, temp1_max: 40000, temp1_lcrit: 5000, temp1_crit: 60000, temp1_lowest: 25000, temp1_highest: 27000 },
    },
    {
      device: 'pci0000:00/0000:00:17.0/ata5/host4/target4:0:0/4:0:0:0',
      subsystem: 'bus/scsi',
      files: { name: 'drivetemp', temp1_input: 43000, temp1_min: 0, temp1_max: 0, temp1_lcrit: 0, temp1_crit: 0, temp1_lowest: 41000, temp1_highest: 49000 },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:nvme-pci-0300/temp1'), {
    value: 19.85, health: 'ok', thresholds: { lowerNonCritical: -0.15, upperNonCritical: 84.85, upperCritical: 94.85 },
  });
  t.match(sensorById(snapshot, 'hwmon:nvme-pci-0300/temp2'), { value: 32.85, unavailable: undefined, thresholds: undefined, health: undefined }, 'unreadable limits are none');
  t.same(sensorById(snapshot, 'hwmon:drivetemp-scsi-3-0/temp1').thresholds, { lowerNonCritical: 10, upperNonCritical: 40, lowerCritical: 5, upperCritical: 60 });
  t.match(sensorById(snapshot, 'hwmon:drivetemp-scsi-4-0/temp1'), { value: 43, thresholds: undefined }, 'never set');
});
