/**
 * Trees from a fifth hunt of real machines' hwmon output whose reads fail
 * with an errno a file tree cannot produce (ENODATA): chips built in memory
 * as readChip reads them, then judged by the model. Each test names its
 * source.
 */
import t from 'tap';
import type { HardwareSnapshot } from '../../../src/model/snapshot.js';
import { validateSnapshot } from '../../../src/providers/validate.js';
import type { Model } from '../../../test/model/fixtures.js';
import { type AttributeRead, buildSnapshot, type RawChip } from '../build.js';
import { HwmonError } from '../errors.js';
import { resolveOptions } from '../options.js';
import { modelOverTime, sensorById } from './helpers.js';

/** A chip from attribute values, or the errno its read fails with (`{ errno: 'ENODATA' }`). */
function chip(id: string, name: string, attributes: Record<string, string | number | { errno: string }>): RawChip {
  const path = `/sys/class/hwmon/${id}`;
  const reads = new Map<string, AttributeRead>();
  for (const [file, value] of Object.entries(attributes)) {
    reads.set(file, typeof value === 'object' ? { error: new HwmonError('IO', `${path}/${file}`, `${value.errno}: failed`, { errno: value.errno }) } : { text: `${value}\n` });
  }
  return { id, name, path, attributes: reads };
}

function build(...chips: RawChip[]): HardwareSnapshot {
  const { zeroRpmChips, powerSupplyChips } = resolveOptions({});
  const { snapshot } = buildSnapshot(chips, { zeroRpmChips, powerSupplyChips });
  validateSnapshot(snapshot);
  return snapshot;
}

const NO_DATA = { errno: 'ENODATA' };

/** EnabledState and StatusDescriptions of the numeric sensor of that DeviceID. */
function served(model: Model, id: string): [unknown, unknown] {
  const [sensor] = model.all('Thincim_NumericSensor').filter((i) => i.path?.keybindings.get('DeviceID') === id);
  return [sensor?.get('EnabledState'), sensor?.get('StatusDescriptions')];
}

t.test("an ina3221 input channel switched off switches off its shunt voltage and current too", async (t) => {
  // A Jetson AGX Orin module's second INA3221 (1-0041): the mainline device tree (tegra234-p3701.dtsi, "power-sensor@41")
  // leaves input@0 and input@2 "disabled" and labels input@1 VDDQ_VDD2_1V8AO. ina3221.c disables such a channel at probe
  // (in<N>_enable 0, also writable at run time); in<N>_input, its shunt voltage in<N+3>_input and curr<N>_input then fail
  // with ENODATA, and its alarms read 0. Reads of it on such a board: alumet-dev/alumet#212 ("cat:
  // …/1-0041/hwmon/hwmon2/in3_input: …"), and a public probe of /sys/bus/i2c/drivers/ina3221/1-0041 ("Channel 1:
  // label=(empty) voltage=N/A current=N/A", "Channel 2: label=VDDQ_VDD2_1V8AO voltage=1800mV current=341mA", "Channel 3:
  // label=(empty) voltage=N/A current=N/A"). Only in<N> has an enable file: its shunt voltage and current read failed.
  // The driver always serves the summation channels in7 ("sum of shunt voltages") and curr4; with input@1 the only one
  // connected (2 mΩ) they sum that input alone. curr4_crit: the sum limit register's reset value 0x7FFE over 2 mΩ.
  const ina3221 = (channel1: Record<string, number | { errno: string }>) => chip('ina3221-i2c-1-41', 'ina3221', {
    ...channel1, curr1_max: 16380, curr1_crit: 16380, curr1_max_alarm: 0, curr1_crit_alarm: 0,
    in2_enable: 1, in2_label: 'VDDQ_VDD2_1V8AO', in2_input: 1800, in5_input: 680,
    curr2_input: 341, curr2_max: 16380, curr2_crit: 16380, curr2_max_alarm: 0, curr2_crit_alarm: 0,
    in3_enable: 0, in3_input: NO_DATA, in6_input: NO_DATA,
    curr3_input: NO_DATA, curr3_max: 16380, curr3_crit: 16380, curr3_max_alarm: 0, curr3_crit_alarm: 0,
    in7_label: 'sum of shunt voltages', in7_input: 680, curr4_input: 341, curr4_crit: 327660, curr4_crit_alarm: 0,
  });
  const off = build(ina3221({ in1_enable: 0, in1_input: NO_DATA, in4_input: NO_DATA, curr1_input: NO_DATA }));
  for (const channel of ['in1', 'in3', 'in4', 'in6', 'curr1', 'curr3']) {
    t.match(sensorById(off, `hwmon:ina3221-i2c-1-41/${channel}`), { value: null, unavailable: 'disabled' }, channel);
  }
  t.match(sensorById(off, 'hwmon:ina3221-i2c-1-41/curr2'), { value: 0.341, health: 'ok' });
  t.match(sensorById(off, 'hwmon:ina3221-i2c-1-41/in5'), { value: 0.00068 }, "the enabled channel's shunt voltage, in µV");
  t.match(sensorById(off, 'hwmon:ina3221-i2c-1-41/in7'), { label: 'sum of shunt voltages', value: 0.00068 });
  t.match(sensorById(off, 'hwmon:ina3221-i2c-1-41/curr4'), { value: 0.341, health: 'ok', thresholds: { upperCritical: 327.66 } });

  const model = modelOverTime();
  model(build(ina3221({ in1_enable: 1, in1_input: 5000, in4_input: 2400, curr1_input: 240 })));
  const later = model(off);
  for (const channel of ['in1', 'in4', 'curr1']) {
    t.same(served(later, `hwmon:ina3221-i2c-1-41/${channel}`), [3, ['reading disabled']], `${channel} switched off at run time: Disabled`);
  }

  const failing = build(chip('ina3221-i2c-1-41', 'ina3221', { in1_enable: 1, in1_input: 5000, in4_input: NO_DATA, curr1_input: NO_DATA }));
  t.match(sensorById(failing, 'hwmon:ina3221-i2c-1-41/curr1'), { value: null, unavailable: 'failed' }, 'a channel switched on: its failure stays one');
  t.match(sensorById(failing, 'hwmon:ina3221-i2c-1-41/in4'), { value: null, unavailable: 'failed' });
});

t.test("ina3221's summation channels are off while the inputs summed have shunt resistors of different values", async (t) => {
  // ina3221.c: in7 (the shunt voltages' sum) and curr4 (its current) are enabled only while every input summed has one
  // shunt resistor value (ina3221_is_enabled: channel > INA3221_CHANNEL3 → summation_shunt_resistor != 0, recomputed
  // when shunt<N>_resistor is written); otherwise in7_input, curr4_input and curr4_crit fail with ENODATA, curr4_crit_alarm
  // reads 0, and there is no enable file to say so. Modelled on a Jetson AGX Orin's first INA3221 (1-0040,
  // tegra234-p3701.dtsi: VDD_GPU_SOC and VDD_CPU_CV at 2 mΩ summed, VIN_SYS_5V0 "ti,summation-disable") after
  // `echo 1000 > shunt1_resistor`; readings made up, no capture. They read failed, every sample.
  const orin = (sum: Record<string, number | { errno: string }>) => chip('ina3221-i2c-1-40', 'ina3221', {
    in1_enable: 1, in1_label: 'VDD_GPU_SOC', in1_input: 5016, in4_input: 120, curr1_input: 120,
    in2_enable: 1, in2_label: 'VDD_CPU_CV', in2_input: 5016, in5_input: 480, curr2_input: 240,
    in7_label: 'sum of shunt voltages', curr4_crit_alarm: 0, ...sum,
  });
  const split = build(orin({ in7_input: NO_DATA, curr4_input: NO_DATA, curr4_crit: NO_DATA }));
  t.match(sensorById(split, 'hwmon:ina3221-i2c-1-40/in7'), { value: null, unavailable: 'disabled' });
  t.match(sensorById(split, 'hwmon:ina3221-i2c-1-40/curr4'), { value: null, unavailable: 'disabled', health: 'ok' });
  t.match(sensorById(split, 'hwmon:ina3221-i2c-1-40/curr1'), { value: 0.12 });

  const model = modelOverTime();
  model(build(orin({ in7_input: 600, curr4_input: 300, curr4_crit: 327660 })));
  t.same(served(model(split), 'hwmon:ina3221-i2c-1-40/curr4'), [3, ['reading disabled']], 'summation switched off at run time: Disabled');
  const failing = build(chip('ina3221-i2c-1-40', 'ina3221', { in1_enable: 1, in1_input: 5016, in7_input: { errno: 'EIO' } }));
  t.match(sensorById(failing, 'hwmon:ina3221-i2c-1-40/in7'), { value: null, unavailable: 'failed' }, 'any other error stays a failure');
});

t.test("an Intel Wi-Fi card's temperature with its radio off is disabled, not failed nor lost", async (t) => {
  // iwlwifi's thermal zone, named iwlwifi_<N> (mvm/tt.c), is read through thermal_hwmon: `sensors` prints
  // "iwlwifi_1-virtual-0 / Adapter: Virtual device / temp1: +56.0°C" on laptops. While the card's firmware is not
  // running (the interface down, rfkill, flight mode) iwl_mvm_tzone_get_temp() answered -ENODATA ("if
  // (!iwl_mvm_firmware_running(mvm) || ...) { ret = -ENODATA; ...}"), and since Rafael Wysocki's 2024 rework
  // (linux-pm, "Tell the core that there is no valid temperature value to return, but it need not worry about
  // this") THERMAL_TEMP_INVALID, -274000, as the newer iwlmld driver does. Either is the radio switched off.
  const wifi = (temp1: number | { errno: string }) => chip('iwlwifi_1-virtual-0', 'iwlwifi_1', { temp1_input: temp1 });
  const id = 'hwmon:iwlwifi_1-virtual-0/temp1';
  t.match(sensorById(build(wifi(NO_DATA)), id), { value: null, unavailable: 'disabled' });
  t.match(sensorById(build(wifi(-274000)), id), { value: null, unavailable: 'disabled' });
  const model = modelOverTime();
  model(build(wifi(44000)));
  t.same(served(model(build(wifi(NO_DATA))), id), [3, ['reading disabled']], 'switched off at run time: Disabled');
  t.same(served(model(build(wifi(-274000))), id), [3, ['reading disabled']]);
  t.match(sensorById(build(wifi({ errno: 'EIO' })), id), { value: null, unavailable: 'failed' }, 'any other error stays a failure');
});

t.test("a Qualcomm Atheros Wi-Fi card's temperature with the card down is disabled", async (t) => {
  // ath10k/thermal.c and ath11k/thermal.c, ath1Xk_thermal_show_temp(): "Can't get temperature when the card is off",
  // `if (ar->state != ATH10K_STATE_ON) { ret = -ENETDOWN; ...}`; the chip is named ath10k_hwmon (ath11k_hwmon).
  const id = 'hwmon:ath10k_hwmon-pci-0300/temp1';
  const card = (temp1: number | { errno: string }) => chip('ath10k_hwmon-pci-0300', 'ath10k_hwmon', { temp1_input: temp1 });
  t.match(sensorById(build(card({ errno: 'ENETDOWN' })), id), { value: null, unavailable: 'disabled' });
  t.match(sensorById(build(card(48000)), id), { value: 48 });
  t.match(sensorById(build(card(-274000)), id), { value: null, unavailable: 'absent' }, 'no source says its THERMAL_TEMP_INVALID is the card off');
  t.match(sensorById(build(card({ errno: 'ETIMEDOUT' })), id), { value: null, unavailable: 'failed' }, 'a firmware that does not answer stays a failure');
});

t.test("an ACPI fan's speed the firmware does not report is absent, and its rest when cool no stop", async (t) => {
  // drivers/acpi/fan_hwmon.c (Armin Wolf, merged for Linux 6.11; chip acpi_fan): fan1_input fails with ENODEV where _FST
  // answers U32_MAX ("Returned when the ACPI fan does not support speed reporting"); 6.11-era kernels answered ENODEV
  // for a failed _FST evaluation too. ENODATA came only in unmerged versions of the patch; fan_core.c's
  // acpi_fan_get_fst() now answers it when _FST evaluates to no object, a firmware failure. fan1_target is hidden
  // in fine grain control mode and for fans with _FST only. The firmware runs such a fan, and a laptop's rests when
  // cool: at 0 RPM with no target it can't be told from a dead one, as a graphics card's.
  const fan = (fan1: number | { errno: string }) => chip('acpi_fan-acpi-0', 'acpi_fan', { fan1_input: fan1 });
  const id = 'hwmon:acpi_fan-acpi-0/fan1';
  t.match(sensorById(build(fan({ errno: 'ENODEV' })), id), { value: null, unavailable: 'absent' }, 'ENODEV: no speed reported');
  t.match(sensorById(build(fan(NO_DATA)), id), { value: null, unavailable: 'failed' }, '_FST evaluated to no object: a failure');
  const model = modelOverTime();
  model(build(fan(2400)));
  const resting = model(build(fan(0)));
  const [instance] = resting.all('OMC_Fan').filter((i) => i.path?.keybindings.get('DeviceID') === id);
  t.same(instance?.get('OperationalStatus'), [2], 'seen turning, then at rest: OK, not stopped');
  t.match(sensorById(build(fan({ errno: 'EIO' })), id), { value: null, unavailable: 'failed' }, 'any other error stays a failure');
});

t.test("an ACPI fan at 0 RPM while its firmware drives it at a speed above 0 has stopped, not rested", async (t) => {
  // drivers/acpi/fan_hwmon.c serves fan1_target, outside fine grain control mode, as the speed of the performance state
  // (_FPS) that _FST's control value names: the speed the firmware set. A fan the firmware drives at 3000 RPM that reads
  // 0 RPM is stopped; at rest only with no target (fine grain control) or a target of 0.
  const fan = (fan1: number, target?: number) =>
    chip('acpi_fan-acpi-0', 'acpi_fan', { fan1_input: fan1, ...(target !== undefined && { fan1_target: target }) });
  const id = 'hwmon:acpi_fan-acpi-0/fan1';
  t.match(build(fan(0, 3000)).fans?.[0], { id, idleAllowed: false, status: 'unknown', statusReason: 'not turning', desiredSpeed: 3000 });
  t.match(build(fan(0, 0)).fans?.[0], { idleAllowed: true, status: 'ok' }, 'a target of 0: at rest');
  t.match(build(fan(0)).fans?.[0], { idleAllowed: true, status: 'ok' }, 'no target (fine grain control): may rest');
  const model = modelOverTime();
  model(build(fan(2400, 3000)));
  const [stopped] = model(build(fan(0, 3000))).all('OMC_Fan').filter((i) => i.path?.keybindings.get('DeviceID') === id);
  t.same([stopped?.get('OperationalStatus'), stopped?.get('StatusDescriptions')], [[6], ['stopped']], 'seen turning, then stopped while driven: Error');
});
