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
  const ina3221 = (channel1: Record<string, number | { errno: string }>) => chip('ina3221-i2c-1-41', 'ina3221', {
    ...channel1, curr1_max: 16380, curr1_crit: 16380, curr1_max_alarm: 0, curr1_crit_alarm: 0,
    in2_enable: 1, in2_label: 'VDDQ_VDD2_1V8AO', in2_input: 1800, in5_input: 680,
    curr2_input: 341, curr2_max: 16380, curr2_crit: 16380, curr2_max_alarm: 0, curr2_crit_alarm: 0,
    in3_enable: 0, in3_input: NO_DATA, in6_input: NO_DATA,
    curr3_input: NO_DATA, curr3_max: 16380, curr3_crit: 16380, curr3_max_alarm: 0, curr3_crit_alarm: 0,
  });
  const off = build(ina3221({ in1_enable: 0, in1_input: NO_DATA, in4_input: NO_DATA, curr1_input: NO_DATA }));
  for (const channel of ['in1', 'in3', 'in4', 'in6', 'curr1', 'curr3']) {
    t.match(sensorById(off, `hwmon:ina3221-i2c-1-41/${channel}`), { value: null, unavailable: 'disabled' }, channel);
  }
  t.match(sensorById(off, 'hwmon:ina3221-i2c-1-41/curr2'), { value: 0.341, health: 'ok' });
  t.match(sensorById(off, 'hwmon:ina3221-i2c-1-41/in5'), { value: 0.00068 }, "the enabled channel's shunt voltage, in µV");

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
