/**
 * Trees from a fourth hunt, of the hosts thincim runs on (embedded and edge
 * boxes: SBCs, gateways, switches, VMs) and of drivers earlier hunts did not
 * reach, rebuilt as small sysfs trees (values as the source shows them) and
 * read through the whole provider. Each test names its source.
 */
import t from 'tap';
import type { HardwareSnapshot } from '../../../src/model/snapshot.js';
import { modelOverTime, modelVerdicts, sampleTree, sensorById, verdictsIn } from './helpers.js';

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

t.test("a power supply class device's temp min_alarm and max_alarm are its alert thresholds, no alarm flags", async (t) => {
  // torvalds/linux drivers/power/supply/power_supply_hwmon.c serves TEMP_ALERT_MIN as temp1_min_alarm (temp1's channel
  // info lists HWMON_T_MIN_ALARM twice and no HWMON_T_MAX_ALARM, so TEMP_ALERT_MAX is never served) and the ambient
  // channel's TEMP_AMBIENT_ALERT_MIN and _MAX as temp2_min_alarm and temp2_max_alarm, in millidegrees: temperatures at
  // which the supply raises an alert, not 0/1 flags. A MAX17042 fuel gauge's TALRT_Th powers up as 0x7F80
  // (max17042_battery.c: LSB the minimum, MSB the maximum, ×10): -128 °C and 127 °C, alerts off, no limits. Allwinner's
  // BSP axp2601 driver answers -200 °C and 200 °C for alerts it does not use, for the ambient channel too, which has no
  // reading.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/soc/1c2ac00.i2c/i2c-1/1-0036/power_supply/max170xx_battery',
      subsystem: 'class/power_supply',
      links: {
        'devices/platform/soc/1c2ac00.i2c/i2c-1/1-0036/power_supply/max170xx_battery/device': 'devices/platform/soc/1c2ac00.i2c/i2c-1/1-0036',
        'devices/platform/soc/1c2ac00.i2c/i2c-1/1-0036/subsystem': 'bus/i2c',
      },
      files: {
        name: 'max170xx_battery', temp1_label: 'temp', temp1_input: 25600, temp1_min_alarm: -128000,
        temp2_label: 'ambient temp', temp2_min_alarm: -200000, temp2_max_alarm: 200000, in0_input: 3912, curr1_input: -182,
      },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:max170xx_battery-i2c-1-36/temp1'), { value: 25.6, health: undefined, crossed: undefined, thresholds: undefined }, 'alerts off');
  t.same(snapshot.discreteSensors, [], 'the ambient channel has no reading and no alarm');
});

t.test("a power supply's alert temperatures are its limits where the channel has none of its own", async (t) => {
  // Modelled on power_supply_hwmon.c (above), not a capture: a fuel gauge serving TEMP_ALERT_MIN and the ambient
  // TEMP_AMBIENT_ALERT_MIN/_MAX, alerting outside 0–45 °C (a Li-ion cell's charging window; Allwinner's BSP axp2601
  // driver serves its charge low/high temperatures as the ambient alerts), with a cell at -5 °C and its surroundings at
  // 70 °C: both read OK with no threshold before. A MAX17042 serves TEMP_MIN and TEMP_MAX too (max17042_battery.c),
  // which stay its limits.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/soc/1c2ac00.i2c/i2c-1/1-0055/power_supply/bq27500_0',
      subsystem: 'class/power_supply',
      links: {
        'devices/platform/soc/1c2ac00.i2c/i2c-1/1-0055/power_supply/bq27500_0/device': 'devices/platform/soc/1c2ac00.i2c/i2c-1/1-0055',
        'devices/platform/soc/1c2ac00.i2c/i2c-1/1-0055/subsystem': 'bus/i2c',
      },
      files: {
        name: 'bq27500_0', temp1_label: 'temp', temp1_input: -5000, temp1_min_alarm: 0,
        temp2_label: 'ambient temp', temp2_input: 70000, temp2_min_alarm: 0, temp2_max_alarm: 45000,
      },
    },
    {
      device: 'platform/soc/1c2ac00.i2c/i2c-2/2-0036/power_supply/max170xx_battery',
      subsystem: 'class/power_supply',
      links: {
        'devices/platform/soc/1c2ac00.i2c/i2c-2/2-0036/power_supply/max170xx_battery/device': 'devices/platform/soc/1c2ac00.i2c/i2c-2/2-0036',
        'devices/platform/soc/1c2ac00.i2c/i2c-2/2-0036/subsystem': 'bus/i2c',
      },
      files: { name: 'max170xx_battery', temp1_label: 'temp', temp1_input: 25600, temp1_min: 0, temp1_max: 60000, temp1_min_alarm: 10000 },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:bq27500_0-i2c-1-55/temp1'), { thresholds: { lowerNonCritical: 0 }, health: undefined });
  t.same(modelVerdicts(snapshot, 'hwmon:bq27500_0-i2c-1-55/temp1'), { sensor: 'warning: Lower Non-Critical' }, 'below its alert minimum');
  t.match(sensorById(snapshot, 'hwmon:bq27500_0-i2c-1-55/temp2'), { thresholds: { lowerNonCritical: 0, upperNonCritical: 45 }, health: undefined });
  t.same(modelVerdicts(snapshot, 'hwmon:bq27500_0-i2c-1-55/temp2'), { sensor: 'warning: Upper Non-Critical' }, 'above its alert maximum');
  t.same(sensorById(snapshot, 'hwmon:max170xx_battery-i2c-2-36/temp1').thresholds, { lowerNonCritical: 0, upperNonCritical: 60 }, "the channel's own min and max win");
});

t.test("an alarm file that holds no 0/1 flag says nothing: ufs-hwmon's bounds as first posted", async (t) => {
  // The ufs-hwmon patches posted to linux-scsi in September 2021 (v1–v3, Western Digital) served the device's
  // HIGH_TEMP_BOUND and LOW_TEMP_BOUND minus 80 as temp1_max_alarm and temp1_min_alarm (a UFS chip of 85 °C and -25 °C
  // reads 85 and -25); mainline's (drivers/ufs/core/ufs-hwmon.c) serves them as temp1_crit and temp1_lcrit, in
  // millidegrees. Documentation/hwmon/sysfs-interface.rst: an alarm reads 0 (no alarm) or 1 (alarm).
  const snapshot = await sampleTree(t, [
    { device: 'platform/soc@0/1d84000.ufshc', subsystem: 'bus/platform', files: { name: 'ufs', temp1_input: 35, temp1_enable: 1, temp1_min_alarm: -25, temp1_max_alarm: 85 } },
  ]);
  const sensor = sensorById(snapshot, 'hwmon:ufs-isa-0000/temp1');
  t.same([sensor.value, sensor.thresholds, sensor.health, sensor.crossed], [0.035, undefined, undefined, undefined], 'no limits, no alarm');
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

t.test('a temperature at or below absolute zero whose alarm is set stays a reading', async (t) => {
  // An NVMe drive raises its own temperature warning (Critical Warning bit 1, which the nvme driver serves as
  // temp1_alarm) when the composite temperature is below its under-temperature threshold (NVMe Base Specification,
  // Temperature Threshold feature): 0 K is. Limits as the Protectli V1210's drive serves them (Dasharo/dasharo-issues#702).
  // Served as no reading, the drive read as nothing at all on a fresh start: a false OK.
  const snapshot = await sampleTree(t, [
    {
      device: 'pci0000:00/0000:00:1c.0/0000:03:00.0',
      subsystem: 'bus/pci',
      files: { name: 'nvme', temp1_label: 'Composite', temp1_input: -273150, temp1_min: -150, temp1_max: 84850, temp1_crit: 94850, temp1_alarm: 1 },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:nvme-pci-0300/temp1'), { value: -273.15, unavailable: undefined, health: 'warning' });
  t.same(modelVerdicts(snapshot, 'hwmon:nvme-pci-0300/temp1'), { sensor: 'warning: Lower Non-Critical' });
  // An alarm no low reading raises says nothing of 0 K: still no reading.
  const high = await sampleTree(t, [
    { device: 'pci0000:00/0000:00:1c.0/0000:03:00.0', subsystem: 'bus/pci', files: { name: 'nvme', temp1_input: -273150, temp1_max: 84850, temp1_max_alarm: 1 } },
  ]);
  t.match(sensorById(high, 'hwmon:nvme-pci-0300/temp1'), { value: null, unavailable: 'absent' }, 'beside a max_alarm');
});

t.test("an empty Fintek fan header's alarm at 0 RPM is no stopped fan", async (t) => {
  // f71882fg.c serves a fan's fan<N>_input, fan<N>_full_speed, fan<N>_alarm and fan<N>_beep, no fan<N>_min, for every
  // chip it drives (f71808e/a, f71858fg, f71862fg, f71869, f71882fg, f71889*, f8000, f81865f, F81866/F81966), and the
  // chip raises the alarm of a header with no fan: `sensors` prints "fan2: 0 RPM ALARM" (Ubuntu Forums, "xsensors
  // problem", Achilles124's f71882fg-isa-0a00 of 2011-05-08: fan1 2097 RPM, fan2–fan4 "0 RPM ALARM"; and "CPU Temp in
  // conky", Meskarune's of 2009-11-29, the same). Such a header and a dead fan both read so: unknown, as any fan at
  // 0 RPM without a minimum, not a fan that stopped (critical) nor a sensor warning.
  const header = (n: number, rpm: number, alarm: number) => ({ [`fan${n}_input`]: rpm, [`fan${n}_full_speed`]: 1500, [`fan${n}_alarm`]: alarm, [`fan${n}_beep`]: 0 });
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/f71882fg.2560',
      subsystem: 'bus/platform',
      files: { name: 'f71882fg', ...header(1, 2097, 0), ...header(2, 0, 1), ...header(3, 0, 1), pwm1: 128, pwm1_enable: 2, pwm2: 128, pwm2_enable: 2 },
    },
  ]);
  t.same(modelVerdicts(snapshot, 'hwmon:f71882fg-isa-0a00/fan1'), { sensor: 'ok', fan: 'ok' });
  t.same(modelVerdicts(snapshot, 'hwmon:f71882fg-isa-0a00/fan2'), { sensor: 'ok', fan: 'unknown: not turning' }, 'under PWM control');
  t.same(modelVerdicts(snapshot, 'hwmon:f71882fg-isa-0a00/fan3'), { sensor: 'ok', fan: 'unknown: not turning' }, 'without PWM');
  t.match(sensorById(snapshot, 'hwmon:f71882fg-isa-0a00/fan2'), { value: 0, health: undefined }, 'its alarm says nothing');
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
  t.same(modelVerdicts(snapshot, 'hwmon:hp_wmi_sensors-virtual-0/fan1'), { sensor: 'warning: reported by the hardware', fan: 'critical: stopped' });
  t.match(fanOf(snapshot, 'hwmon:hp_wmi_sensors-virtual-0/fan2'), { status: 'unknown', statusReason: 'not turning' }, 'without the alarm, still not known');
  t.same(modelVerdicts(snapshot, 'hwmon:hp_wmi_sensors-virtual-0/fan2'), { sensor: 'ok', fan: 'unknown: not turning' });
});

t.test("a PMBus device's fan at 0 RPM with its alarm set stopped", async (t) => {
  // pmbus_core.c adds a fan's attributes only when FAN_CONFIG says a fan is installed, and fan<N>_alarm is that fan's
  // warning in STATUS_FAN_1_2: no empty header. A supply's fan it lacks answers all ones, -1 RPM (sonic-net/
  // sonic-buildimage#23188, dps800 "fan3: -1 RPM [ALARM]"), no reading.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/soc/1e78a000.i2c-bus/i2c-7/7-0058',
      subsystem: 'bus/i2c',
      files: { name: 'pmbus', fan1_input: 0, fan1_alarm: 1, fan1_fault: 0, fan2_input: -1, fan2_alarm: 1, fan2_fault: 1 },
    },
  ]);
  t.same(modelVerdicts(snapshot, 'hwmon:pmbus-i2c-7-58/fan1'), { sensor: 'warning: reported by the hardware', fan: 'critical: stopped' });
  t.same(modelVerdicts(snapshot, 'hwmon:pmbus-i2c-7-58/fan2'), { sensor: 'not served', fan: 'unknown: not present' }, 'all ones, its fault too: a fan it lacks');
  // pmbus_do_probe names the hwmon device after its I²C client ("dps800"): the supplies of powerSupplyChips are PMBus ones.
  const supply = await sampleTree(t, [
    { device: 'platform/soc/1e78a000.i2c-bus/i2c-7/7-0058', subsystem: 'bus/i2c', files: { name: 'dps800', fan1_input: 0, fan1_alarm: 1, fan1_fault: 0 } },
  ]);
  t.same(modelVerdicts(supply, 'hwmon:dps800-i2c-7-58/fan1'), { sensor: 'warning: reported by the hardware', fan: 'critical: stopped' }, 'a dps800 supply\'s stalled fan');
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

t.test("a PMBus supply's fan target 0 is a fan driven by duty cycle, not one stopped on purpose", async (t) => {
  // `grep . *` in a Delta DPS-920AB's hwmon folder on a Delta TN48M switch (Robert Marko, "[PATCH] hwmon: (pmbus) Add
  // Delta DPS920AB PSU driver" thread, linux-hwmon list, 2021): fan1_input 10000, fan1_target 0, fan1_alarm 0,
  // fan1_fault 0; fan2 and fan3 -1 with their alarms and faults set (no such fans). pmbus_core.c serves FAN_COMMAND as
  // fan<N>_target only while FAN_CONFIG puts the fan in RPM mode; in duty-cycle mode, a supply's default, it answers 0
  // (pmbus_get_fan_rate: "Can't sensibly map between RPM and PWM, just return zero"). That 0 made the fan one stopped on
  // purpose (DesiredSpeed 0 beside 10000 RPM), so a supply fan that then stood still read OK.
  const dps920ab = (fan1: number) => ({
    device: 'platform/f0000000.config-space/f0511000.i2c/i2c-0/0-005a',
    subsystem: 'bus/i2c',
    files: {
      name: 'dps920ab', in1_label: 'vin', in1_input: 245250, curr1_label: 'iin', curr1_input: 195, power1_label: 'pin', power1_input: 33250000,
      temp1_input: 23000, fan1_input: fan1, fan1_target: 0, fan1_alarm: 0, fan1_fault: 0, fan2_input: -1, fan2_target: -1, fan2_alarm: 1, fan2_fault: 1,
    },
  });
  const turning = await sampleTree(t, [dps920ab(10000)]);
  t.same(modelVerdicts(turning, 'hwmon:dps920ab-i2c-0-5a/fan2'), { sensor: 'not served', fan: 'unknown: not present' }, 'fan2, all ones: a fan it lacks, no failed one');
  const fan = fanOf(turning, 'hwmon:dps920ab-i2c-0-5a/fan1');
  t.match(fan, { status: 'ok', idleAllowed: false });
  t.equal(fan?.desiredSpeed, undefined, 'no speed asked for');
  const model = modelOverTime();
  model(turning);
  const stood = model(await sampleTree(t, [dps920ab(0)]));
  t.same(verdictsIn(stood, 'hwmon:dps920ab-i2c-0-5a/fan1'), { sensor: 'ok', fan: 'critical: stopped' }, 'a supply fan seen turning that stands still');
});

t.test("a supply fan at -1 RPM is one it lacks only if never seen turning; a MAX31785's fitted fans read -1 too", async (t) => {
  // The same DPS-920AB (above): a fan it lacks reads all ones, -1 RPM, fault set; so would a fitted one whose tach the
  // supply no longer answers (modelled, no capture): thincim cannot tell them apart in one sample, the model can by the
  // fan seen turning. MAX31785 fan controllers are no supplies: openbmc/openbmc#1456, fitted fans of an IBM Witherspoon
  // BMC's MAX31785 read 65535 (-1) while the host is powered off. Such a reading is no speed, and no absent fan.
  const dps920ab = (fan1: number, fault: number) => ({
    device: 'platform/f0000000.config-space/f0511000.i2c/i2c-0/0-005a',
    subsystem: 'bus/i2c',
    files: { name: 'dps920ab', temp1_input: 23000, fan1_input: fan1, fan1_target: 0, fan1_alarm: fault, fan1_fault: fault },
  });
  const model = modelOverTime();
  model(await sampleTree(t, [dps920ab(10000, 0)]));
  const allOnes = await sampleTree(t, [dps920ab(-1, 1)]);
  t.match(fanOf(allOnes, 'hwmon:dps920ab-i2c-0-5a/fan1'), { status: 'unknown' }, 'the provider cannot tell');
  t.same(verdictsIn(model(allOnes), 'hwmon:dps920ab-i2c-0-5a/fan1'), { sensor: 'lostCommunication: reading absent', fan: 'critical: lost' }, 'seen turning: lost, not absent');
  t.same(modelVerdicts(allOnes, 'hwmon:dps920ab-i2c-0-5a/fan1'), { sensor: 'not served', fan: 'unknown: not present' }, 'never seen turning: a fan it lacks');

  const max31785a = await sampleTree(t, [{
    device: 'platform/ahb/ahb:apb/ahb:apb:i2c@1e78a000/1e78a100.i2c-bus/i2c-3/3-0052',
    subsystem: 'bus/i2c',
    files: { name: 'max31785a', fan1_input: -1, fan1_target: 10500, fan1_fault: 0, fan1_alarm: 0, pwm1: 0, pwm1_enable: 2 },
  }]);
  t.match(sensorById(max31785a, 'hwmon:max31785a-i2c-3-52/fan1'), { value: null, unavailable: 'failed' }, 'a fitted fan controller: no reading, no absent fan');
  t.match(fanOf(max31785a, 'hwmon:max31785a-i2c-3-52/fan1'), { status: 'unknown' });
});

t.test("a PMBus supply's all-ones lower limits (-0.5 °C, -0.5 A) are no limits either", async (t) => {
  // The same DPS-920AB (above): every limit register it lacks answers all ones, LINEAR11 0xFFFF = -0.5 in the
  // attribute's unit: temp1_min, temp1_lcrit, temp1_max and temp1_crit -500, curr2_lcrit -500 beside a real
  // curr2_max of 18625 ("It looks like the PSU reports values for pretty much everything, including registers which
  // don't exist", Guenter Roeck in that thread). The upper ones were already dropped (below freezing, below 0 A); the
  // lower ones stayed as thresholds of -0.5 °C and -0.5 A.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/f0000000.config-space/f0511000.i2c/i2c-0/0-005a',
      subsystem: 'bus/i2c',
      files: {
        name: 'dps920ab',
        temp1_input: 23000, temp1_min: -500, temp1_lcrit: -500, temp1_max: -500, temp1_crit: -500,
        temp1_min_alarm: 0, temp1_lcrit_alarm: 0, temp1_max_alarm: 0, temp1_crit_alarm: 0,
        curr2_label: 'iout1', curr2_input: 320, curr2_lcrit: -500, curr2_max: 18625, curr2_crit: -500, curr2_lcrit_alarm: 0, curr2_max_alarm: 0, curr2_crit_alarm: 0,
      },
    },
    {
      // A bidirectional current monitor's negative lower limit is a limit: only PMBus supplies answer all ones.
      device: 'platform/soc/1c2ac00.i2c/i2c-1/1-0040',
      subsystem: 'bus/i2c',
      files: { name: 'ina226', curr1_input: -320, curr1_lcrit: -500, curr1_crit: 2000 },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:dps920ab-i2c-0-5a/temp1'), { value: 23, thresholds: undefined });
  t.same(sensorById(snapshot, 'hwmon:dps920ab-i2c-0-5a/curr2').thresholds, { upperNonCritical: 18.625 });
  t.same(sensorById(snapshot, 'hwmon:ina226-i2c-1-40/curr1').thresholds, { lowerCritical: -0.5, upperCritical: 2 });
});

t.test("amdgpu's 65535 RPM is a fan giving no tachometer pulses: 0 RPM", async (t) => {
  // lm-sensors/lm-sensors#310, an XFX RX 5700 XT whose fans rest: "fan1: 65535 RPM (min = 0 RPM, max = 3500 RPM)",
  // edge +81.0 °C (crit +100.0 °C, emerg +105.0 °C), power1 30.00 W (cap = 210.00 W); LibreHardwareMonitor/
  // LibreHardwareMonitor#134, an RX 5700 XT whose fan is unplugged: "GPU fan shows 65535 RPM". The SMU's metrics table
  // holds the fan speed as a uint16 (CurrFanSpeed), all ones when no pulse came; amdgpu serves it as fan1_input.
  const card = {
    device: 'pci0000:00/0000:00:03.1/0000:3b:00.0/0000:3c:00.0/0000:3d:00.0',
    subsystem: 'bus/pci',
    files: {
      name: 'amdgpu', in0_label: 'vddgfx', in0_input: 725, fan1_input: 65535, fan1_min: 0, fan1_max: 3500, pwm1: 0, pwm1_enable: 2,
      temp1_label: 'edge', temp1_input: 81000, temp1_crit: 100000, temp1_emergency: 105000, power1_average: 30000000, power1_cap: 210000000,
    },
  };
  const snapshot = await sampleTree(t, [card]);
  t.match(sensorById(snapshot, 'hwmon:amdgpu-pci-3d00/fan1'), { value: 0, unit: 'rpm' });
  t.same(modelVerdicts(snapshot, 'hwmon:amdgpu-pci-3d00/fan1'), { sensor: 'ok', fan: 'ok' }, 'a fan at rest, as amdgpu rests them');
  // An unplugged or dead fan reads 65535 too (LibreHardwareMonitor#134), and the SMU drives it at a duty cycle above 0
  // (pwm1 128 here, modelled): amdgpu's fans may rest and fan1_min is no limit, so nothing tells it from one at rest.
  // The README states this limitation; this pins it.
  const driven = await sampleTree(t, [{ ...card, files: { ...card.files, pwm1: 128 } }]);
  t.match(sensorById(driven, 'hwmon:amdgpu-pci-3d00/pwm1'), { value: 50.2 });
  t.match(driven.fans?.[0], { status: 'ok', idleAllowed: true });
  t.same(modelVerdicts(driven, 'hwmon:amdgpu-pci-3d00/fan1'), { sensor: 'ok', fan: 'ok' }, 'a dead fan driven at 50 % is not caught');
});

t.test("alienware_wmi's fan min and max are the BIOS's speed range, no limits", async (t) => {
  // Modelled on torvalds/linux drivers/platform/x86/dell/alienware-wmi-wmax.c (Linux 6.15+, chip alienware_wmi): fan<N>_min
  // and fan<N>_max are the fan's min_rpm and max_rpm that the AWCC interface reports at probe (AWCC_OP_GET_FAN_MIN_RPM,
  // _MAX_RPM), with no alarm, as dell_smm's nominal speeds. Alienware laptops rest their fans when cool and boost them
  // past their top speed: an M18 R1's fans start "at around 55C" with "a low fan speed cap at 1300RPM"
  // (T-Troll/alienfx-tools#426), an m16's run to "100%-130%" (#487). Speeds here are those reports', not a capture.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/PNP0C14:01/wmi_bus/wmi_bus-PNP0C14:01/A70591CE-A997-11DA-B012-B622A1EF5492',
      subsystem: 'bus/wmi',
      files: {
        name: 'alienware_wmi', temp1_label: 'CPU', temp1_input: 46000, temp2_label: 'GPU', temp2_input: 41000,
        fan1_label: 'Processor Fan', fan1_input: 0, fan1_min: 1300, fan1_max: 5600,
        fan2_label: 'Video Fan', fan2_input: 6100, fan2_min: 1300, fan2_max: 5600,
      },
    },
  ]);
  const id = (n: number) => `hwmon:alienware_wmi-virtual-0/fan${n}`;
  t.match(sensorById(snapshot, id(1)), { value: 0, thresholds: undefined });
  t.match(fanOf(snapshot, id(1)), { status: 'unknown' }, 'at rest, or stopped: no minimum says which');
  t.same(modelVerdicts(snapshot, id(2)), { sensor: 'ok', fan: 'ok' }, 'boosted past its top speed');
});
