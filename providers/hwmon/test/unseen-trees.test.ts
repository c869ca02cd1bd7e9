/**
 * Trees from a third hunt of real machines' hwmon output, rebuilt as small
 * sysfs trees (values as the captures show them, serials left out) and read
 * through the whole provider. Each test names its source.
 */
import t from 'tap';
import type { HardwareSnapshot } from '../../../src/model/snapshot.js';
import { type ChipTree, modelVerdicts, sampleTree, sensorById } from './helpers.js';

const fanOf = (snapshot: HardwareSnapshot, id: string) => snapshot.fans?.find((f) => f.id === id);

t.test("nouveau's duty cycle is a percentage, not 0–255", async (t) => {
  // A node_exporter /metrics capture of a desktop (nouveau at 0000:09:00.0, k10temp, asus-wmi), public on GitHub:
  // node_hwmon_pwm 100, node_hwmon_pwm_min 30, node_hwmon_pwm_max 100, pwm_enable -1, fan1 0 RPM.
  // drm/nouveau/nouveau_hwmon.c serves pwm1 as the fan's power in percent, pwm1_min/pwm1_max as its allowed range.
  const snapshot = await sampleTree(t, [
    {
      device: 'pci0000:00/0000:00:03.1/0000:09:00.0',
      subsystem: 'bus/pci',
      files: {
        name: 'nouveau', temp1_input: 38000, temp1_max: 95000, temp1_crit: 105000, temp1_emergency: 135000,
        fan1_input: 0, pwm1: 100, pwm1_min: 30, pwm1_max: 100, pwm1_enable: -1,
      },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:nouveau-pci-0900/pwm1'), { value: 100, unit: 'percent' });
  t.same(sensorById(snapshot, 'hwmon:nouveau-pci-0900/temp1').thresholds, { upperNonCritical: 95, upperCritical: 105, upperFatal: 135 });
  t.match(fanOf(snapshot, 'hwmon:nouveau-pci-0900/fan1'), { status: 'ok', idleAllowed: true, variableSpeed: true });
});

t.test("a power supply class device's min and max are its range, no limits", async (t) => {
  // The same kind of capture of a Dell laptop charging over USB-C (ucsi_source_psy_usbc000:003):
  // in0 20 V (min 5 V, max 20 V), curr1 2.25 A (max 2.25 A); the ports without a charger read 5 V with min = max = 5 V.
  // power_supply_hwmon.c maps in_min/in_max/curr_max to VOLTAGE_MIN/VOLTAGE_MAX/CURRENT_MAX: what the supply
  // can deliver (Documentation/ABI/testing/sysfs-class-power), which a negotiated 20 V reaches by design.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/USBC000:00/power_supply/ucsi-source-psy-USBC000:003',
      subsystem: 'class/power_supply',
      files: { name: 'ucsi_source_psy_USBC000:003', in0_input: 20000, in0_min: 5000, in0_max: 20000, curr1_input: 2250, curr1_max: 2250 },
    },
  ]);
  const [in0, curr1] = snapshot.sensors!;
  t.match(in0, { value: 20, unit: 'volts' });
  t.equal(in0!.thresholds, undefined, 'in0 min and max');
  t.match(curr1, { value: 2.25, unit: 'amps' });
  t.equal(curr1!.thresholds, undefined, 'curr1 max');
});

t.test("it87's fan limit -1 (a register at 0) is no limit", async (t) => {
  // `sensors` on an ASUS PRIME X370-Pro, it8665 (lm-sensors/lm-sensors#93): fan5 0 RPM (min = -1 RPM) ALARM,
  // fan6 1303 RPM (min = -1 RPM). it87.c reads a fan count register of 0 as -1.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/it87.656',
      subsystem: 'bus/platform',
      files: {
        name: 'it8665', fan1_input: 1313, fan1_min: 11, fan1_alarm: 0, fan3_input: 0, fan3_min: 26, fan3_alarm: 1,
        fan5_input: 0, fan5_min: -1, fan5_alarm: 1, fan6_input: 1303, fan6_min: -1, fan6_alarm: 0,
      },
    },
  ]);
  const fan = (n: number) => sensorById(snapshot, `hwmon:it8665-isa-0290/fan${n}`);
  t.same(fan(1).thresholds, { lowerNonCritical: 11 });
  t.match(fan(6), { value: 1303, thresholds: undefined, health: undefined });
  t.match(fan(5), { value: 0, thresholds: undefined, health: undefined }, 'its alarm compares with the unset limit');
  t.same(
    snapshot.fans!.map((f) => [f.id.split('/')[1], f.status]),
    [['fan1', 'ok'], ['fan3', 'failed'], ['fan5', 'unknown'], ['fan6', 'ok']],
  );
});

t.test("asus_wmi_sensors' 216 °C is a header with nothing connected", async (t) => {
  // `sensors` on ASUS boards through the BIOS's WMI interface (Meliox/PVE-mods#41, electrified/asus-wmi-sensors#30 and #47):
  // "Tsensor 1 Temperature: +216.0°C", "Water In: +216.0°C" on every board whose T_Sensor or water headers are empty,
  // "a normal value for an unterminated sensor header" (the driver's users, #30).
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/PNP0C14:00/wmi_bus/wmi_bus-PNP0C14:00/466747A0-70EC-11DE-8A39-0800200C9A66',
      subsystem: 'bus/wmi',
      files: {
        name: 'asus_wmi_sensors', temp1_label: 'CPU Temperature', temp1_input: 42000,
        temp4_label: 'Tsensor 1 Temperature', temp4_input: 216000, temp5_label: 'Water In', temp5_input: 216000,
      },
    },
  ]);
  const byLabel = (label: string) => snapshot.sensors!.find((s) => s.label === label);
  t.match(byLabel('CPU Temperature'), { value: 42 });
  t.match(byLabel('Tsensor 1 Temperature'), { value: null, unavailable: 'absent' });
  t.match(byLabel('Water In'), { value: null, unavailable: 'absent' });
});

t.test("adt7475's extended-range register extremes (-63 °C, 191 °C) and lm85's -127 °C are no limits", async (t) => {
  // `sensors` on a UniFi Dream Machine Pro (renedis/ubnt-auto-fan-speed, on_boot.d/README.md at c7458607b1e7, no
  // license stated; readings only): adt7475-i2c-4-2e, temp1 +42.2°C (low = -63.0°C, high = +191.0°C, crit = +100.0°C),
  // "Board Temp" alike; fan1 0 RPM (min 0), the HDD fan its script puts under automatic control (pwm1_enable 2)
  // with a minimum duty of 0. -63 and 191 are 0x01 and 0xFF in the chip's offset-64 encoding.
  // The Zabbix manual's sensor page (zabbix.com/documentation/6.4/en/manual/appendix/items/sensor) shows an lm85:
  // "M/B Temp: +30.0°C (low = -127.0°C, high = +127.0°C)", the family's reset values.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/soc/i2c-0/i2c-4/4-002e',
      subsystem: 'bus/i2c',
      files: {
        name: 'adt7475', temp1_input: 42200, temp1_min: -63000, temp1_max: 191000, temp1_crit: 100000,
        temp2_label: 'Board Temp', temp2_input: 39500, temp2_min: -63000, temp2_max: 191000, temp2_crit: 100000,
        in2_label: '+3.3V', in2_input: 3270, in2_min: 2960, in2_max: 3630,
        fan1_input: 0, fan1_min: 0, fan2_input: 819, fan2_min: 0, pwm1: 0, pwm1_enable: 2, pwm2: 60, pwm2_enable: 2,
      },
    },
    {
      device: 'pci0000:00/0000:00:1f.3/i2c-0/0-002e',
      subsystem: 'bus/i2c',
      files: { name: 'lm85', temp2_label: 'M/B Temp', temp2_input: 30000, temp2_min: -127000, temp2_max: 127000 },
    },
  ]);
  const adt = (channel: string) => sensorById(snapshot, `hwmon:adt7475-i2c-4-2e/${channel}`);
  t.same(adt('temp1').thresholds, { upperCritical: 100 });
  t.match(adt('temp2'), { label: 'Board Temp', value: 39.5, thresholds: { upperCritical: 100 } });
  t.same(adt('in2').thresholds, { lowerNonCritical: 2.96, upperNonCritical: 3.63 });
  t.match(fanOf(snapshot, 'hwmon:adt7475-i2c-4-2e/fan1'), { status: 'ok', idleAllowed: true });
  t.match(fanOf(snapshot, 'hwmon:adt7475-i2c-4-2e/fan2'), { status: 'ok', idleAllowed: false });
  t.match(sensorById(snapshot, 'hwmon:lm85-i2c-0-2e/temp2'), { label: 'M/B Temp', value: 30, thresholds: undefined });
});

t.test("a PMBus supply's all-ones answers: negative upper current and power limits, a fan at -1 RPM", async (t) => {
  // `sensors` on a PSU read through the generic pmbus driver over a CP2112 bridge (Matt Corallo, "Re: PMBus memory
  // overflow", linux-hwmon list, 2025-04-20): registers the supply lacks read as all ones, LINEAR11 0xFFFF = -0.5.
  // "iin: 988.00 mA (max = -0.01 A, crit max = -0.50 A)", "iout1: 7.39 A (crit min = -0.50 A, max = -0.50 A)
  // (crit max = -0.50 A)", "pout1: 88.00 W (max = 0.00 W, crit = -500.00 mW)", "pin: 102.00 W (max = 1.60 kW)",
  // "fan1: 5304 RPM", "fan2: -1 RPM"; no alarm on any of them but vin's ALARM (MIN), beside its -0.5 V limits.
  const snapshot = await sampleTree(t, [
    {
      device: 'pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/0003:10C4:EA90.0001/i2c-1/1-0058',
      subsystem: 'bus/i2c',
      files: {
        name: 'pmbus',
        in1_label: 'vin', in1_input: 123000, in1_lcrit: -500, in1_min: -500, in1_max: -500, in1_crit: -500, in1_min_alarm: 1,
        curr1_label: 'iin', curr1_input: 988, curr1_max: -10, curr1_crit: -500,
        curr2_label: 'iout1', curr2_input: 7390, curr2_max: -500, curr2_crit: -500,
        power1_label: 'pin', power1_input: 102000000, power1_max: 1600000000,
        power2_label: 'pout1', power2_input: 88000000, power2_max: 0, power2_crit: -500000,
        fan1_input: 5304, fan2_input: -1,
      },
    },
  ]);
  const psu = (channel: string) => sensorById(snapshot, `hwmon:pmbus-i2c-1-58/${channel}`);
  // Its ALARM (MIN) is the supply's own undervoltage warning bit, not a comparison with -0.5 V (pmbus_core.c: vin has no
  // .compare): a supply that raises it at 123 V finds its input low, and says so.
  t.match(psu('in1'), { label: 'vin', value: 123, thresholds: undefined, health: 'warning', crossed: 'lowerNonCritical' });
  t.match(psu('curr1'), { label: 'iin', value: 0.988, thresholds: undefined });
  t.match(psu('curr2'), { label: 'iout1', value: 7.39, thresholds: undefined });
  t.match(psu('power2'), { label: 'pout1', value: 88, thresholds: undefined });
  t.same(psu('power1').thresholds, { upperNonCritical: 1600 }, 'a real limit stays');
  t.match(psu('fan2'), { value: null, unavailable: 'absent' }, 'a fan it lacks, rather than one at -1 RPM');
  t.same(
    snapshot.fans!.map((f) => [f.id.split('/')[1], f.status]),
    [['fan1', 'ok'], ['fan2', 'unknown']],
  );
  t.same(modelVerdicts(snapshot, 'hwmon:pmbus-i2c-1-58/fan2'), { sensor: 'not served', fan: 'unknown: not present' }, 'never seen turning: absent');
});

t.test("a PMBus supply's input undervoltage alarms are its own status bits: they count with all-ones limits", async (t) => {
  // sonic-net/sonic-buildimage#23188, a Delta DPS-800 through the pmbus driver: "vin: +0.00 V (min = -0.50 V, max =
  // -0.50 V) [ALARM]". pmbus_core.c gives the vin sensor no .compare: in1_min_alarm and in1_lcrit_alarm are
  // STATUS_INPUT's undervoltage warning and fault, set by the supply whether or not it answers the limit registers
  // (all ones, LINEAR11 0xFFFF = -0.5 V). Values beyond that output's (lcrit, crit, the alarm flags) modelled on the driver.
  const dps800 = (files: Record<string, number>) => ({
    device: 'platform/soc/soc:i2c/i2c-22/22-0058',
    subsystem: 'bus/i2c',
    files: { name: 'dps800', in1_label: 'vin', in1_max_alarm: 0, in1_crit_alarm: 0, ...files },
  });
  const id = 'hwmon:dps800-i2c-22-58/in1';
  const lost = await sampleTree(t, [
    dps800({ in1_input: 0, in1_min: -500, in1_max: -500, in1_lcrit: -500, in1_crit: -500, in1_min_alarm: 1, in1_lcrit_alarm: 1 }),
  ]);
  t.match(sensorById(lost, id), { value: 0, thresholds: undefined, health: 'critical', crossed: 'lowerCritical' });
  t.same(modelVerdicts(lost, id), { sensor: 'critical: Lower Critical' }, "#23188's shape: min = max = -0.5 V, input lost");
  const realUpper = await sampleTree(t, [
    dps800({ in1_input: 0, in1_min: -500, in1_lcrit: -500, in1_max: 264000, in1_crit: 275000, in1_min_alarm: 1, in1_lcrit_alarm: 1 }),
  ]);
  t.same(sensorById(realUpper, id).thresholds, { upperNonCritical: 264, upperCritical: 275 }, 'all ones stay out of the thresholds');
  t.same(modelVerdicts(realUpper, id), { sensor: 'critical: Lower Critical' });
  const fine = await sampleTree(t, [
    dps800({ in1_input: 230000, in1_min: -500, in1_lcrit: -500, in1_max: 264000, in1_crit: 275000, in1_min_alarm: 0, in1_lcrit_alarm: 0 }),
  ]);
  t.same(modelVerdicts(fine, id), { sensor: 'ok' });
});

t.test("a PMBus supply's all-ones limits go before contradictions are resolved: real limits beside them stay", async (t) => {
  // A DPS-800 answering its input's upper limits with all ones (-0.5 V) beside real lower ones, modelled on the
  // all-ones answers of #23188 (sonic-net/sonic-buildimage) and of the CP2112-bridged supply above: -0.5 V as an upper
  // limit sits below every lower one, and resolving that contradiction dropped the real lower limits with it.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/soc/soc:i2c/i2c-22/22-0059',
      subsystem: 'bus/i2c',
      files: {
        name: 'dps800', in1_label: 'vin', in1_input: 230000, in1_min: 180000, in1_lcrit: 170000, in1_max: -500, in1_crit: -500,
        temp1_input: 31000, temp1_lcrit: -500, temp1_min: -500, temp1_max: 60000, temp1_crit: 70000, curr1_input: 1200, curr1_lcrit: -500, curr1_max: 6000,
      },
    },
  ]);
  const psu = (channel: string) => sensorById(snapshot, `hwmon:dps800-i2c-22-59/${channel}`);
  t.same(psu('in1').thresholds, { lowerNonCritical: 180, lowerCritical: 170 });
  t.same(psu('temp1').thresholds, { upperNonCritical: 60, upperCritical: 70 });
  t.same(psu('curr1').thresholds, { upperNonCritical: 6 });
});

t.test("thermal zones' chips are named as lm-sensors names them: virtual, or after the zone's ACPI device", async (t) => {
  // `sensors` names ARM boards' zones <type>-virtual-0: a Raspberry Pi's cpu_thermal-virtual-0 (beside
  // rp1_adc-isa-0000 on a Pi 5), an Orange Pi 5's soc_thermal-virtual-0, gpu_thermal-virtual-0, npu_thermal-virtual-0
  // (mhl221135/myrktop README.md at 48c220d58ebf, MIT). Public scripts read a Pi 5's
  // /sys/devices/virtual/thermal/thermal_zone0/hwmon0/temp1_input and
  // /sys/devices/platform/axi/1000120000.pcie/1f000c8000.adc/hwmon/hwmon2/temp1_input, and another
  // …/thermal_zone0/hwmon0/device/temp: the zone's hwmon folder has a device link to thermal_zone0, a class device
  // under devices/virtual with no device of its own. libsensors (lm-sensors/lm-sensors lib/sysfs.c at 1868d899b5fa,
  // find_bus_type; LGPL-2.1) follows device links until a bus device and calls the chip virtual when there is none;
  // an x86 ACPI zone's link leads to its LNXTHERM device, hence acpitz-acpi-<N>.
  const snapshot = await sampleTree(t, [
    { device: 'virtual/thermal/thermal_zone0', subsystem: 'class/thermal', files: { name: 'cpu_thermal', temp1_input: 45750 } },
    { device: 'platform/axi/1000120000.pcie/1f000c8000.adc', subsystem: 'bus/platform', files: { name: 'rp1_adc', temp1_input: 52300, in1_input: 1460 } },
    {
      device: 'virtual/thermal/thermal_zone1',
      subsystem: 'class/thermal',
      links: {
        'devices/virtual/thermal/thermal_zone1/device': 'devices/LNXSYSTM:00/LNXSYBUS:01/LNXTHERM:01',
        'devices/LNXSYSTM:00/LNXSYBUS:01/LNXTHERM:01/subsystem': 'bus/acpi',
      },
      files: { name: 'acpitz', temp1_input: 27800, temp1_crit: 119000 },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:cpu_thermal-virtual-0/temp1'), { label: 'cpu_thermal-virtual-0 temp1', value: 45.75 });
  t.match(sensorById(snapshot, 'hwmon:rp1_adc-isa-0000/in1'), { value: 1.46, unit: 'volts' });
  t.match(sensorById(snapshot, 'hwmon:acpitz-acpi-1/temp1'), { value: 27.8, thresholds: { upperCritical: 119 } });
});

t.test("a switch's Delta DPS-460 supplies are power supplies, measured by their readings (the one without AC input too)", async (t) => {
  // `sensors` on a Celestica Seastone switch under Cumulus Linux (Pradeep Srinivasan, "Re: [PATCH v2 5/5] i2c: mux:
  // pca9541: add support for PCA9641", linux-i2c list, 2019-06-03): dps460-i2c-10-5a "vin: +206.50 V",
  // "vout1: +12.07 V (crit min = +10.40 V, crit max = +14.20 V)", "fan1: 7488 RPM"; dps460-i2c-11-5b, which the
  // switch's own monitor calls BAD ("PSU2: status is all_not_ok, installed"): "vin: +0.00 V ALARM", "vout1: +0.00 V
  // (crit min = +10.40 V, …)", "fan1: 0 RPM". dps460 is the generic pmbus driver's name for Delta's DPS-460 supply.
  const supply = (bus: number, address: string, files: Record<string, number | string>): ChipTree => ({
    device: `platform/i2c-9-mux/i2c-${bus}/${bus}-00${address}`,
    subsystem: 'bus/i2c',
    files: { name: 'dps460', in1_label: 'vin', in3_label: 'vout1', in3_lcrit: 10400, in3_crit: 14200, ...files },
  });
  const snapshot = await sampleTree(t, [
    supply(10, '5a', { in1_input: 206500, in1_alarm: 0, in3_input: 12070, fan1_input: 7488 }),
    supply(11, '5b', { in1_input: 0, in1_alarm: 1, in3_input: 0, fan1_input: 0 }),
  ]);
  t.same(
    snapshot.powerSupplies?.map((p) => p.id),
    ['hwmon:dps460-i2c-10-5a', 'hwmon:dps460-i2c-11-5b'],
  );
  t.match(sensorById(snapshot, 'hwmon:dps460-i2c-11-5b/in3'), { value: 0, thresholds: { lowerCritical: 10.4 }, monitors: { kind: 'powerSupply', id: 'hwmon:dps460-i2c-11-5b' } });
  t.match(sensorById(snapshot, 'hwmon:dps460-i2c-11-5b/in1'), { value: 0, health: 'warning', monitors: { kind: 'powerSupply' } });
  t.match(sensorById(snapshot, 'hwmon:dps460-i2c-10-5a/fan1').monitors, { kind: 'fan' }, 'its fan is a fan of its own');
});

t.test("the out-of-tree nct6687 driver's min and max are the readings' history, no limits; the kernel's nct6683 serves limits", async (t) => {
  // `sensors` in Fred78290/nct6687d's README.md (GPL-2.0-or-later), an MSI MAG B550 TOMAHAWK: "+12V: 12.17 V
  // (min = +12.17 V, max = +12.19 V)", "CPU Vcore: 1.05 V (min = +0.97 V, max = +1.05 V)", "CPU Fan: 1192 RPM
  // (min = 1192 RPM, max = 1202 RPM)", "CPU: +59.0°C (low = +52.0°C, high = +59.0°C)". Its nct6687.c keeps
  // voltage/temperature/rpm[3] as current, MIN(…) and MAX(…) of every reading and serves them as _input, _min and
  // _max. A reading equal to a threshold has crossed it: every such sensor warned. The kernel's nct6683 driver names
  // the same chip nct6687 and serves its limit registers ("VIN0: 1.01 V (min = +0.00 V, max = +0.00 V)" on an MSI
  // board after `modprobe nct6683`).
  const msi = (driver: string, files: Record<string, number | string>, name = 'nct6687'): ChipTree => ({
    device: `platform/${driver}.2592`,
    subsystem: 'bus/platform',
    links: { [`devices/platform/${driver}.2592/driver`]: `bus/platform/drivers/${driver}` },
    files: { name, ...files },
  });
  const snapshot = await sampleTree(t, [
    msi('nct6687', {
      in0_label: '+12V', in0_input: 12170, in0_min: 12170, in0_max: 12190,
      in4_label: 'CPU Vcore', in4_input: 1050, in4_min: 970, in4_max: 1050,
      fan1_label: 'CPU Fan', fan1_input: 1192, fan1_min: 1192, fan1_max: 1202, pwm1: 97, pwm1_enable: 99,
      temp1_label: 'CPU', temp1_input: 59000, temp1_min: 52000, temp1_max: 59000,
    }),
  ]);
  const chip = (channel: string) => sensorById(snapshot, `hwmon:nct6687-isa-0a20/${channel}`);
  for (const channel of ['in0', 'in4', 'fan1', 'temp1']) t.equal(chip(channel).thresholds, undefined, channel);
  t.match(chip('temp1'), { label: 'CPU', value: 59 });
  t.match(fanOf(snapshot, 'hwmon:nct6687-isa-0a20/fan1'), { status: 'ok', label: 'CPU Fan' });

  const kernel = await sampleTree(t, [msi('nct6683', { in0_input: 1200, in0_min: 1100, in0_max: 1300 })]);
  t.same(sensorById(kernel, 'hwmon:nct6687-isa-0a20/in0').thresholds, { lowerNonCritical: 1.1, upperNonCritical: 1.3 }, "the kernel driver's limits stay");

  // Both drivers name their chips by kind: nct6683, nct6686 or nct6687 (nct6687_device_names[] in nct6687.c).
  for (const name of ['nct6683', 'nct6686']) {
    const outOfTree = await sampleTree(t, [msi('nct6687', { temp1_input: 59000, temp1_min: 52000, temp1_max: 59000 }, name)]);
    t.equal(sensorById(outOfTree, `hwmon:${name}-isa-0a20/temp1`).thresholds, undefined, `a chip named ${name} on the out-of-tree driver: no limits`);
  }
});

t.test("the driver link is read only for a chip it names or tells apart: chips are found at every sample", async (t) => {
  const linksRead: string[] = [];
  await sampleTree(t, [
    { device: 'platform/coretemp.0', subsystem: 'bus/platform', links: { 'devices/platform/coretemp.0/driver': 'bus/platform/drivers/coretemp' },
      files: { name: 'coretemp', temp1_input: 45000 } },
    { device: 'platform/nct6687.2592', subsystem: 'bus/platform', links: { 'devices/platform/nct6687.2592/driver': 'bus/platform/drivers/nct6687' },
      files: { name: 'nct6687', in0_input: 1200 } },
  ], linksRead);
  t.same(linksRead.filter((path) => path.endsWith('/driver')), ['class/hwmon/hwmon1/device/driver'], 'the nct6687 only');
});

t.test("a chip on a device of no bus libsensors knows is named by the devices its device links lead to, else virtual", async (t) => {
  // libsensors (lm-sensors/lm-sensors lib/sysfs.c at 1868d899b5fa, find_bus_type) classifies the device by its
  // subsystem, then follows the device's own `device` link, never the folders above it. `sensors` so prints
  // gigabyte_wmi-virtual-0 for a board's WMI interface (an X570 AORUS ELITE, in Julian Labus's patch adding it to
  // gigabyte-wmi's known platforms, platform-driver-x86 list, 2021-04-15), whose device sits below the
  // ACPI-named platform device PNP0C14:00, and ucsi_source_psy_USBC000:001-isa-0000 for a USB-C port's supply, a
  // power_supply class device whose device link names the platform device USBC000:00 (thincim said
  // gigabyte_wmi-acpi-0 and ucsi_source_psy_USBC000:001-acpi-0: the folder names looked like ACPI devices).
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/PNP0C14:00/wmi_bus/wmi_bus-PNP0C14:00/DEADBEEF-2001-0000-00A0-C90629100000',
      subsystem: 'bus/wmi',
      links: { 'devices/platform/PNP0C14:00/subsystem': 'bus/platform' },
      files: { name: 'gigabyte_wmi', temp1_input: 26000 },
    },
    {
      device: 'platform/USBC000:00/power_supply/ucsi-source-psy-USBC000:001',
      subsystem: 'class/power_supply',
      links: {
        'devices/platform/USBC000:00/power_supply/ucsi-source-psy-USBC000:001/device': 'devices/platform/USBC000:00',
        'devices/platform/USBC000:00/subsystem': 'bus/platform',
      },
      files: { name: 'ucsi_source_psy_USBC000:001', in0_input: 20000, curr1_input: 3250 },
    },
  ]);
  t.same(snapshot.sensors!.map((s) => s.id), [
    'hwmon:gigabyte_wmi-virtual-0/temp1',
    'hwmon:ucsi_source_psy_USBC000:001-isa-0000/in0',
    'hwmon:ucsi_source_psy_USBC000:001-isa-0000/curr1',
  ]);
});

t.test("pwm-fan's pwm1_enable 0 switches the fan off: stopped on purpose, not a fan that stopped", async (t) => {
  // torvalds/linux Documentation/hwmon/pwm-fan.rst (GPL-2.0): "pwm1_enable … 0 -> disable pwm and regulator",
  // where the ABI's 0 is full speed. A Raspberry Pi 5's cooler (pwmfan-isa-0000, fan1_input from its tachometer)
  // switched off so reads 0 RPM; it was reported as a fan that stopped.
  const fan = (enable: number) => ({ device: 'platform/cooling_fan', subsystem: 'bus/platform', files: { name: 'pwmfan', fan1_input: 0, pwm1: 0, pwm1_enable: enable } });
  t.match(fanOf(await sampleTree(t, [fan(0)]), 'hwmon:pwmfan-isa-0000/fan1'), { status: 'ok', idleAllowed: true });
  const superIo = { device: 'platform/nct6775.656', subsystem: 'bus/platform', files: { name: 'nct6798', fan1_input: 0, pwm1: 0, pwm1_enable: 0 } };
  t.match(fanOf(await sampleTree(t, [superIo]), 'hwmon:nct6798-isa-0290/fan1'), { idleAllowed: false }, 'elsewhere 0 is full speed: a stopped fan did stop');
});

t.test("thinkpad_acpi's ENXIO is an EC sensor that is not there: absent, not failed", async (t) => {
  // `sensors` on a ThinkPad (vmatare/thinkfan#222): thinkpad-isa-0000, fan1 0 RPM, temp1 +40.0°C, temp2 N/A, temp3
  // +40.0°C, temp4 +0.0°C, temp8 N/A; thinkfan#161 and #260 (a T495s) name the read's error: "No such device or
  // address" (ENXIO), which thinkpad-acpi.rst documents for "sensors that are not available".
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/thinkpad_hwmon',
      subsystem: 'bus/platform',
      files: { name: 'thinkpad', fan1_input: 0, temp1_input: 40000, temp3_input: 40000, temp4_input: 0 },
      enxio: ['temp2_input', 'temp8_input'],
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:thinkpad-isa-0000/temp1'), { value: 40 });
  t.match(sensorById(snapshot, 'hwmon:thinkpad-isa-0000/temp2'), { value: null, unavailable: 'absent' });
  t.match(sensorById(snapshot, 'hwmon:thinkpad-isa-0000/temp8'), { value: null, unavailable: 'absent' });
  t.match(sensorById(snapshot, 'hwmon:thinkpad-isa-0000/temp4'), { value: 0 }, 'a 0 °C the driver serves is a reading');
});

t.test("a ThinkPad's fans in EC auto mode may rest: pwm1 then reads the last manual level, not the EC's", async (t) => {
  // thinkpad_acpi (drivers/platform/x86/thinkpad_acpi.c, fan_pwm1_show, GPL-2.0): in EC auto mode (pwm1_enable 2)
  // pwm1 reads fan_control_desired_level, the last level set by hand (7 at load: 255), whatever level the EC runs;
  // thinkpad-acpi.rst: pwm1 "only commands the fan if pwm1_enable is set to 1". The EC stops the fan when cool:
  // `sensors` on ThinkPads at rest (vmatare/thinkfan#222; an X390, lm-sensors/lm-sensors#453) reads "fan1: 0 RPM".
  // Such a fan, seen turning before, was Critical "stopped" on every idle ThinkPad.
  const thinkpad = (enable: number, pwm: number) => ({
    device: 'platform/thinkpad_hwmon',
    subsystem: 'bus/platform',
    files: { name: 'thinkpad', fan1_input: 0, fan2_input: 0, pwm1: pwm, pwm1_enable: enable, temp1_input: 40000 },
  });
  const auto = await sampleTree(t, [thinkpad(2, 255)]);
  t.match(fanOf(auto, 'hwmon:thinkpad-isa-0000/fan1'), { status: 'ok', idleAllowed: true });
  t.match(fanOf(auto, 'hwmon:thinkpad-isa-0000/fan2'), { status: 'ok', idleAllowed: true }, 'the second fan of the same EC');
  const manual = await sampleTree(t, [thinkpad(1, 255)]);
  t.match(fanOf(manual, 'hwmon:thinkpad-isa-0000/fan1'), { idleAllowed: false }, 'level 7 set by hand: a fan at 0 RPM did stop');
  const fullSpeed = await sampleTree(t, [thinkpad(0, 255)]);
  t.match(fanOf(fullSpeed, 'hwmon:thinkpad-isa-0000/fan1'), { idleAllowed: false }, 'full speed');
  const superIo = await sampleTree(t, [{ device: 'platform/nct6775.656', subsystem: 'bus/platform', files: { name: 'nct6798', fan1_input: 0, pwm1: 255, pwm1_enable: 2 } }]);
  t.match(fanOf(superIo, 'hwmon:nct6798-isa-0290/fan1'), { idleAllowed: false }, "elsewhere pwm1 is the duty cycle the chip drives: 100 % and 0 RPM is a stopped fan");
});

t.test("an ITE chip whose limit registers were never programmed: each channel judged by its own limits", async (t) => {
  // `sensors` on ASUS boards whose BIOS monitors through its EC and leaves the ITE chip's limit registers as they come
  // up (frankcrawford/it87#59, an it8665; groeck/it87#80, an ASUS X399-A PRIME's it8665 and it8792): "in1: 2.51 V
  // (min = +2.07 V, max = +0.68 V) ALARM", "in3: 2.00 V (min = +2.26 V, max = +2.77 V) ALARM", "3VSB: 3.33 V
  // (min = +1.16 V, max = +1.00 V) ALARM", "fan2: 0 RPM (min = 174 RPM)", "temp1: +51.0°C (low = -89.0°C,
  // high = -20.0°C) ALARM", "temp3: +31.0°C (low = -102.0°C, high = -74.0°C) ALARM", "temp5: +31.0°C (low = -6.0°C,
  // high = -16.0°C) ALARM". thincim dropped the contradictory pairs only: temp1 and temp3 warned at 51 °C above
  // -20 °C, in3 below 2.26 V, and fan2, an empty header, failed below its 174 RPM minimum.
  // Each channel is judged alone (a chip-wide "unprogrammed" verdict hid real limits: a fan dead below the minimum
  // `sensors -s` set on the usual setup read ok). Its own inverted pair goes (in1, 3VSB), and an upper temperature
  // limit at or below 0 °C with the alarm answering it (temp1, temp3, temp5; their lows stay, harmless). What a
  // channel's own limits cannot tell from programmed ones stays, a false alarm accepted over a false OK: in3's
  // 2.26–2.77 V is a plausible pair (in3 warns), fan1's 12 RPM min and fan2's 174 RPM min are plausible minima
  // (fan2, an empty header at 0 RPM, reads failed).
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/it87.656',
      subsystem: 'bus/platform',
      files: {
        name: 'it8665',
        in1_input: 2510, in1_min: 2070, in1_max: 680, in1_alarm: 1,
        in3_input: 2000, in3_min: 2260, in3_max: 2770, in3_alarm: 1,
        in7_label: '3VSB', in7_input: 3330, in7_min: 1160, in7_max: 1000, in7_alarm: 1,
        fan1_input: 1516, fan1_min: 12, fan1_alarm: 0, fan2_input: 0, fan2_min: 174, fan2_alarm: 0,
        temp1_input: 51000, temp1_min: -89000, temp1_max: -20000, temp1_alarm: 1,
        temp3_input: 31000, temp3_min: -102000, temp3_max: -74000, temp3_alarm: 1,
        temp5_input: 31000, temp5_min: -6000, temp5_max: -16000, temp5_alarm: 1,
      },
    },
    {
      // A chip whose limits were set, with one contradictory pair among them, keeps the others.
      device: 'platform/it87.552',
      subsystem: 'bus/platform',
      files: {
        name: 'it8720',
        in0_input: 1200, in0_min: 1100, in0_max: 1300, in0_alarm: 0,
        in1_input: 1500, in1_min: 1600, in1_max: 1400, in1_alarm: 1,
        temp1_input: 40000, temp1_min: 10000, temp1_max: 70000, temp1_alarm: 0,
      },
    },
  ]);
  const ite = (channel: string) => sensorById(snapshot, `hwmon:it8665-isa-0290/${channel}`);
  for (const channel of ['in1', 'in7']) {
    t.match(ite(channel), { thresholds: undefined, health: undefined }, `${channel}: its inverted pair goes, and its alarm speaks of none`);
  }
  for (const [channel, low] of [['temp1', -89], ['temp3', -102], ['temp5', -6]] as const) {
    t.same([ite(channel).thresholds, ite(channel).health], [{ lowerNonCritical: low }, undefined], `${channel}: no upper limit below 0 °C, nor its alarm`);
  }
  t.match(ite('in3'), { thresholds: { lowerNonCritical: 2.26, upperNonCritical: 2.77 }, health: 'warning' }, 'a plausible pair: judged by it');
  t.match(ite('fan1'), { thresholds: { lowerNonCritical: 12 }, health: 'ok' });
  t.match(ite('fan2'), { thresholds: { lowerNonCritical: 174 }, health: 'ok' });
  t.same(
    snapshot.fans!.map((f) => [f.id, f.status]),
    [['hwmon:it8665-isa-0290/fan1', 'ok'], ['hwmon:it8665-isa-0290/fan2', 'failed']],
    'an empty header with a minimum reads failed: its limits cannot tell it from a dead fan',
  );
  const set = (channel: string) => sensorById(snapshot, `hwmon:it8720-isa-0228/${channel}`);
  t.match(set('in0'), { thresholds: { lowerNonCritical: 1.1, upperNonCritical: 1.3 }, health: 'ok' });
  t.match(set('temp1'), { thresholds: { lowerNonCritical: 10, upperNonCritical: 70 }, health: 'ok' });
  t.match(set('in1'), { thresholds: undefined, health: undefined });

  // `sensors -u` on a Debian server's Winbond w83627dhg (a test case of liquidprompt/liquidprompt's
  // tests/test_temp.sh, AGPL-3.0): in1 min 2.024 V max 1.056 V, in4 min 1.240 max 0.232, in5, in6 alike, all ALARM;
  // fan1 to fan5 "0.000" with min 10546 RPM (fan_div 128) and ALARM; temp1 44 °C with max 3 °C. Every empty fan
  // header was a failed fan, and temp1 was above its limit. Per channel: in1 and in4 lose their inverted pairs; an
  // empty header with a 10546 RPM min cannot be told from a dead fan (failed, the accepted false alarm); temp1's 3 °C
  // max is above freezing and stays, its alarm clear.
  const winbond = await sampleTree(t, [
    {
      device: 'platform/w83627ehf.656',
      subsystem: 'bus/platform',
      files: {
        name: 'w83627dhg',
        in1_input: 1008, in1_min: 2024, in1_max: 1056, in1_alarm: 1, in4_input: 1016, in4_min: 1240, in4_max: 232, in4_alarm: 1,
        in2_label: 'AVCC', in2_input: 3376, in2_min: 2976, in2_max: 3632, in2_alarm: 0,
        fan1_input: 0, fan1_min: 10546, fan1_alarm: 1, fan2_input: 0, fan2_min: 10546, fan2_alarm: 1,
        temp1_input: 44000, temp1_max: 3000, temp1_alarm: 0,
      },
    },
  ]);
  t.same(winbond.fans!.map((f) => f.status), ['failed', 'failed'], 'empty headers with a minimum read as fans stopped below it');
  for (const channel of ['in1', 'in4']) t.match(sensorById(winbond, `hwmon:w83627dhg-isa-0290/${channel}`), { thresholds: undefined, health: undefined });
  t.match(sensorById(winbond, 'hwmon:w83627dhg-isa-0290/in2'), { thresholds: { lowerNonCritical: 2.976, upperNonCritical: 3.632 }, health: 'ok' });
  t.match(sensorById(winbond, 'hwmon:w83627dhg-isa-0290/temp1'), { value: 44, thresholds: { upperNonCritical: 3 }, health: 'ok' });
});

t.test("an ACPI power meter's 0xFFFFFFFF mW is no measurement, not 4.29 MW", async (t) => {
  // `sensors` on servers whose firmware has no reading for its ACPI power meter (lm-sensors/lm-sensors#130, a 2U
  // server on CentOS 7; #460, an ACPI000D:00 with power1_average, _interval, _cap…): "power_meter-acpi-0 …
  // power1: 4.29 MW (interval = 1.00 s)". ACPI's _PMM answers 0xFFFFFFFF for an unknown measurement, and
  // acpi_power_meter served it × 1000 µW until Armin Wolf's fix (linux-hwmon list, 2023, "Fixes: de584afa5e18"),
  // which answers ENODATA instead. thincim served 4294967.295 W as an OK reading.
  const meter = (power: number) => ({
    device: 'LNXSYSTM:00/LNXSYBUS:00/ACPI000D:00',
    subsystem: 'bus/acpi',
    files: { name: 'power_meter', power1_average: power, power1_average_interval: 1000, power1_is_battery: 0 },
  });
  t.match(sensorById(await sampleTree(t, [meter(4_294_967_295_000)]), 'hwmon:power_meter-acpi-0/power1'), { value: null, unavailable: 'failed' });
  t.match(sensorById(await sampleTree(t, [meter(345_000_000)]), 'hwmon:power_meter-acpi-0/power1'), { value: 345, unit: 'watts' }, 'a real reading');
});

t.test("k10temp's 70 °C on a Zen CPU is a constant of the driver, no limit", async (t) => {
  // `sensors -u` on an ASUS ROG STRIX X470-I with a Ryzen (lm-sensors/lm-sensors#134, kernel 4.19): k10temp-pci-00c3
  // "Tdie: temp1_input: 66.875, temp1_max: 70.000", "Tctl: temp2_input: 76.875". k10temp.c serves temp1_max as
  // `*val = 70 * 1000` whatever the CPU, and since Linux 5.7 hides it on Zen (k10temp_is_visible: "if (channel ||
  // data->is_zen) return 0"); labels are shown "only on Zen CPUs". A Ryzen at 71 °C under load, far below its
  // 85–95 °C limit, was Upper Non-Critical. Pre-Zen CPUs (no labels) keep it: there it is Tctl's top of scale.
  const snapshot = await sampleTree(t, [
    {
      device: 'pci0000:00/0000:00:18.3',
      subsystem: 'bus/pci',
      files: { name: 'k10temp', temp1_label: 'Tdie', temp1_input: 66875, temp1_max: 70000, temp2_label: 'Tctl', temp2_input: 76875 },
    },
    {
      device: 'pci0000:00/0000:00:19.3',
      subsystem: 'bus/pci',
      files: { name: 'k10temp', temp1_input: 40000, temp1_max: 70000, temp1_crit: 100000 },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:k10temp-pci-00c3/temp1'), { label: 'Tdie', value: 66.875, thresholds: undefined });
  t.same(sensorById(snapshot, 'hwmon:k10temp-pci-00cb/temp1').thresholds, { upperNonCritical: 70, upperCritical: 100 }, 'a pre-Zen CPU (no labels)');
});

t.test("a coretemp package of 288 cores is read whole: the default attribute limit holds the kernel's 512 cores", async (t) => {
  // coretemp serves five attributes per core (input, max, crit, crit_alarm, label). Zhang Rui's "hwmon: (coretemp)
  // Enlarge per package core count limit" (Linux 6.8, in the stable kernels of 2024) raised the driver's 128 cores per
  // package to 512 for Intel's processors with more than 128; a 288-core Xeon 6 package serves 1445 attributes, and
  // maxAttributesPerChip 1024 dropped the last 84 cores' sensors with a warning at every sample.
  const files: Record<string, string | number> = { name: 'coretemp', temp1_label: 'Package id 0', temp1_input: 52000, temp1_max: 80000, temp1_crit: 100000, temp1_crit_alarm: 0 };
  for (let core = 0; core < 288; core++) {
    const n = core + 2;
    Object.assign(files, { [`temp${n}_label`]: `Core ${core}`, [`temp${n}_input`]: 48000, [`temp${n}_max`]: 80000, [`temp${n}_crit`]: 100000, [`temp${n}_crit_alarm`]: 0 });
  }
  // A generous deadline: 1445 files on a loaded machine; the test is about the limit, not the time.
  const snapshot = await sampleTree(t, [{ device: 'platform/coretemp.0', subsystem: 'bus/platform', files }], [], 60_000);
  t.equal(snapshot.sensors!.length, 289, 'the package and every core');
  t.match(sensorById(snapshot, 'hwmon:coretemp-isa-0000/temp289'), { label: 'Core 287', value: 48, health: 'ok' });
});

t.test("a Mac's SMC stops its fans when cool: macsmc_hwmon's fans may rest, applesmc's only when configured, and their min and max are the SMC's range", async (t) => {
  // MacBook Pros from 2015 on stop their fans at 0 RPM under the SMC's automatic control when cool: "This is a normal
  // behaviour when CPU temperature is low enough" (crystalidea/macs-fan-control#606, a 2020 MacBook Pro 13"; #256,
  // #242, #180; hholtmann/smcFanControl#54, "under 50 C the fan turns off"), below the SMC's minimum of some
  // 1200 RPM. On Apple Silicon, Asahi's macsmc_hwmon serves the SMC's fan range as fan<N>_min and fan<N>_max ("the
  // safe range reported by the SMC") and "the SMC will turn them off opportunistically when they are under automatic
  // control" (AsahiLinux/linux#314). applesmc's fan, seen turning before, became Critical "stopped" at rest;
  // macsmc_hwmon's, below its minimum, failed at once.
  const mac = (name: string, device: string) => ({
    device,
    subsystem: 'bus/platform',
    files: { name, fan1_label: 'Left side', fan1_input: 0, fan1_min: 1200, fan1_max: 6156, temp1_label: 'TC0P', temp1_input: 45000 },
  });
  // But a Mac mini's, an iMac's or a Mac Pro's fans never stop (a reviewer's finding): by default applesmc's fan at
  // 0 RPM is no fan at rest; the owner of an Intel MacBook whose fans rest adds applesmc to zeroRpmChips.
  const intel = await sampleTree(t, [mac('applesmc', 'platform/applesmc.768')]);
  t.match(fanOf(intel, 'hwmon:applesmc-isa-0300/fan1'), { status: 'unknown', statusReason: 'not turning', idleAllowed: false });
  const macBook = await sampleTree(t, [mac('applesmc', 'platform/applesmc.768')], [], 5000, { zeroRpmChips: ['applesmc'] });
  t.match(fanOf(macBook, 'hwmon:applesmc-isa-0300/fan1'), { status: 'ok', idleAllowed: true });
  const silicon = await sampleTree(t, [mac('macsmc_hwmon', 'platform/soc/23e400000.smc/macsmc-hwmon')]);
  t.match(sensorById(silicon, 'hwmon:macsmc_hwmon-isa-0000/fan1'), { value: 0, thresholds: undefined });
  t.match(fanOf(silicon, 'hwmon:macsmc_hwmon-isa-0000/fan1'), { status: 'ok', idleAllowed: true });
});

t.test("a Nuvoton or Winbond chip's in0 at min 0 V, max 1.744 V holds the chip's reset values, no limits", async (t) => {
  // `sensors` on an ASUS Z10PE-D8 WS (groeck/nct6775#45): nct6779-isa-0290 "in0: +2.04 V (min = +0.00 V,
  // max = +1.74 V) ALARM", a server board where in0 is no CPU core; groeck/nct6775#48, another nct6779: "Vcore:
  // +2.03 V (min = +0.00 V, max = +1.74 V) ALARM". The same 0 V / 1.744 V is on every such chip whatever the board:
  // nct6775 (groeck/nct6775#43), nct6779 (#49), nct6791 (#41), nct6795 (#49), nct6796 (an ASRock X670E PG,
  // lm-sensors/lm-sensors#416), nct6797 (#533), nct6798 ("in0_max: 1.744" in public `sensors -u` outputs) and a
  // Winbond w83627dhg (liquidprompt's tests): the register's value at power-on, 218 × 8 mV, which no BIOS set.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/nct6775.656',
      subsystem: 'bus/platform',
      files: {
        name: 'nct6779', in0_input: 2040, in0_min: 0, in0_max: 1744, in0_alarm: 1,
        in2_label: 'AVCC', in2_input: 3300, in2_min: 2976, in2_max: 3632, in2_alarm: 0,
      },
    },
    {
      device: 'platform/it87.552',
      subsystem: 'bus/platform',
      files: { name: 'it8728', in0_input: 1200, in0_min: 0, in0_max: 1744, in0_alarm: 0 },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:nct6779-isa-0290/in0'), { value: 2.04, thresholds: undefined, health: undefined });
  t.same(sensorById(snapshot, 'hwmon:nct6779-isa-0290/in2').thresholds, { lowerNonCritical: 2.976, upperNonCritical: 3.632 }, 'its other limits stay');
  t.same(sensorById(snapshot, 'hwmon:it8728-isa-0228/in0').thresholds, { upperNonCritical: 1.744 }, 'another family keeps it');
});

t.test("a ChromeOS EC rests its fans when cool and reports a stall itself: cros_ec's fan at 0 RPM is at rest", async (t) => {
  // A Framework Laptop's cros_ec_hwmon (FrameworkComputer/framework-system kernel-support.md): `sensors` "fan1: 0 RPM"
  // beside "cpu_f75303@4d: +46.9°C", its folder fan1_fault, fan1_input and temp1–4 _fault, _input, _label, no
  // fan1_target and no pwm1 (kernels before the EC's fan control was served). The EC stops the fan under its automatic
  // control when cool; a fan it drives that does not turn it reports as EC_FAN_SPEED_STALLED, which cros_ec_hwmon.c
  // serves as fan1_fault 1 and fan1_input failing with ENODATA. The fan, seen turning under load, became Critical
  // "stopped" at every rest.
  const ec = (fan1: Partial<ChipTree>) => ({
    device: 'platform/GOOG0004:00/cros-ec-dev.1.auto/cros-ec-hwmon.8.auto',
    subsystem: 'bus/platform',
    ...fan1,
    files: { name: 'cros_ec', temp2_label: 'cpu_f75303@4d', temp2_input: 46900, temp2_fault: 0, ...fan1.files },
  });
  const resting = await sampleTree(t, [ec({ files: { fan1_input: 0, fan1_fault: 0 } })]);
  t.match(fanOf(resting, 'hwmon:cros_ec-isa-0000/fan1'), { status: 'ok', idleAllowed: true });
  t.same(modelVerdicts(resting, 'hwmon:cros_ec-isa-0000/fan1'), { sensor: 'ok', fan: 'ok' });
  const stalled = await sampleTree(t, [ec({ files: { fan1_input: '', fan1_fault: 1 }, enxio: ['fan1_input'] })]);
  t.match(fanOf(stalled, 'hwmon:cros_ec-isa-0000/fan1'), { status: 'failed' }, 'the stall the EC reports');
  t.match(modelVerdicts(stalled, 'hwmon:cros_ec-isa-0000/fan1').fan, /^critical/);
});

t.test("nct6775's fan target is the Fan Speed Cruise mode's, not a stop the other modes asked for", async (t) => {
  // A node_exporter capture of a Proxmox host's nct6776 (platform_nct6775_2560), public on GitHub with its `sensors`:
  // fan1 0 RPM (min 0) under pwm1 127 in manual mode (pwm1_enable 1) with fan1_target 0; fan2 0 RPM under pwm2 70 in
  // Smart Fan IV (pwm2_enable 5) with fan2_target 27000. nct6775-core.c serves fan<N>_target from the target speed
  // register whatever the mode (fan_from_reg16: 0 for a register at 0); only Fan Speed Cruise (pwm<N>_enable 3) drives
  // the fan to it. fan1 read as stopped on purpose, OK, and never "stopped" however long it had turned; fan2 desired
  // 27000 RPM.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/nct6775.2560',
      subsystem: 'bus/platform',
      files: {
        name: 'nct6776',
        fan1_input: 0, fan1_min: 0, fan1_alarm: 0, fan1_target: 0, pwm1: 127, pwm1_enable: 1,
        fan2_input: 0, fan2_min: 0, fan2_alarm: 0, fan2_target: 27000, pwm2: 70, pwm2_enable: 5,
        fan3_input: 0, fan3_min: 0, fan3_alarm: 0, fan3_target: 0, pwm3: 60, pwm3_enable: 3,
      },
    },
  ]);
  const fan = (n: number) => fanOf(snapshot, `hwmon:nct6776-isa-0a00/fan${n}`);
  t.match(fan(1), { status: 'unknown', statusReason: 'not turning', idleAllowed: false }, 'driven at 50 %, not stopped on purpose');
  t.equal(fan(1)!.desiredSpeed, undefined);
  t.match(fan(2), { status: 'unknown', idleAllowed: false });
  t.equal(fan(2)!.desiredSpeed, undefined, 'no 27000 RPM wanted');
  t.match(fan(3), { status: 'ok', idleAllowed: true, desiredSpeed: 0 }, 'Fan Speed Cruise to 0 RPM stops it on purpose');
});

t.test("SMSC's sch5627 and sch5636 fan faults are a tach that reads nothing and a fan not there, no failed fan", async (t) => {
  // `sensors` on a fanless box with an SMSC SCH5627 (a public write-up of a k10temp + radeon machine): sch5627-isa-0000
  // "fan1: FAULT (min = 0 RPM)" through fan4, every header empty. sch5627.c serves fan<N>_fault as the tach register at
  // 0xffff, the very value it serves as fan<N>_input 0 RPM (reg_to_rpm), and fan<N>_min 0 for a minimum register at
  // 0xffff. sch5636.c serves fan<N>_fault as its SCH5636_FAN_NOT_PRESENT bit; the fan's trouble is its fan<N>_alarm
  // ("FAULT in datasheet, but acts as an alarm"). Four Critical fans on a machine that has none.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/sch5627.2560',
      subsystem: 'bus/platform',
      files: {
        name: 'sch5627', in0_label: 'VCC', in0_input: 3310,
        fan1_input: 0, fan1_fault: 1, fan1_min: 0, fan2_input: 0, fan2_fault: 1, fan2_min: 0, fan3_input: 1200, fan3_fault: 0, fan3_min: 0,
      },
    },
    {
      device: 'platform/sch5636.2592',
      subsystem: 'bus/platform',
      files: { name: 'sch5636', fan1_input: 0, fan1_fault: 1, fan1_alarm: 0 },
    },
  ]);
  const sch5627 = (n: number) => `hwmon:sch5627-isa-0a00/fan${n}`;
  t.match(fanOf(snapshot, sch5627(1)), { status: 'unknown', statusReason: 'not turning' });
  t.same(modelVerdicts(snapshot, sch5627(1)), { sensor: 'ok', fan: 'unknown: not turning' }, 'a header that reads 0 RPM, as any');
  t.match(sensorById(snapshot, sch5627(2)), { value: 0, health: undefined });
  t.match(fanOf(snapshot, sch5627(3)), { status: 'ok' });
  t.match(fanOf(snapshot, 'hwmon:sch5636-isa-0a20/fan1'), { status: 'unknown' }, 'not present');
});

t.test("a temperature input whose type is 0 is disabled: not served, not a reading of -128 °C", async (t) => {
  // `sensors` on a board with an IT8720F (Ubuntu Forums, "Turn off a system fan?", 2009-10-08): "temp3: -128.0°C
  // (low = -1.0°C, high = +127.0°C) sensor = disabled", beside temp1 and temp2 "sensor = thermistor". it87.rst:
  // "Give 0 for unused sensor" (tempN_type); lm-sensors' prog/sensors/chips.c prints type 0 of any chip as
  // "sensor = disabled". Its -128 °C was served below its -1 °C low limit: a Lower Non-Critical warning.
  const snapshot = await sampleTree(t, [
    {
      device: 'platform/it87.656',
      subsystem: 'bus/platform',
      files: {
        name: 'it8720', temp1_input: 33000, temp1_min: -1000, temp1_max: 127000, temp1_type: 4, temp1_alarm: 0,
        temp3_input: -128000, temp3_min: -1000, temp3_max: 127000, temp3_type: 0, temp3_alarm: 0,
      },
    },
  ]);
  t.match(sensorById(snapshot, 'hwmon:it8720-isa-0290/temp3'), { value: null, unavailable: 'disabled' });
  t.same(modelVerdicts(snapshot, 'hwmon:it8720-isa-0290/temp3'), { sensor: 'not served' });
  t.match(sensorById(snapshot, 'hwmon:it8720-isa-0290/temp1'), { value: 33, thresholds: { lowerNonCritical: -1 } });
  t.same(modelVerdicts(snapshot, 'hwmon:it8720-isa-0290/temp1'), { sensor: 'ok' });
});
