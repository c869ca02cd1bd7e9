import t from 'tap';
import type { HardwareSnapshot } from '../../../src/model/snapshot.js';
import { validateSnapshot } from '../../../src/providers/validate.js';
import { parseAttributeName } from '../attributes.js';
import { type AttributeRead, buildSnapshot, isReadingAttribute, isWantedAttribute, type RawChip } from '../build.js';
import { readChip } from '../discover.js';
import { HwmonError, ioError } from '../errors.js';
import type { SysfsReader } from '../reader.js';
import { sensorById } from './helpers.js';

const OPTIONS = { zeroRpmChips: ['amdgpu'], powerSupplyChips: ['dps200'] };

/** A chip from attribute texts (a trailing newline is added) or read errors. */
function chip(id: string, name: string, attributes: Record<string, string | number | HwmonError>): RawChip {
  const reads = new Map<string, AttributeRead>();
  for (const [file, value] of Object.entries(attributes)) {
    reads.set(file, value instanceof HwmonError ? { error: value } : { text: `${value}\n` });
  }
  return { id, name, path: `/sys/devices/${id}`, attributes: reads };
}

function failure(errno: string, file: string): HwmonError {
  return new HwmonError('IO', `/sys/${file}`, `${errno}: failed`, { errno });
}

function build(...chips: RawChip[]): { snapshot: HardwareSnapshot; problems: HwmonError[] } {
  const result = buildSnapshot(chips, OPTIONS);
  validateSnapshot(result.snapshot);
  return result;
}

const fanById = (snapshot: HardwareSnapshot, id: string) => {
  const fan = snapshot.fans?.find((f) => f.id === id);
  if (fan === undefined) throw new Error(`no fan ${id}`);
  return fan;
};

t.test('isWantedAttribute reads values, limits, alarms, labels, controls and a temperature\'s type, nothing else', async (t) => {
  const wanted = (file: string): boolean => isWantedAttribute(parseAttributeName(file)!);
  for (const file of [
    'temp1_input', 'temp1_label', 'temp1_min', 'temp1_max', 'temp1_lcrit', 'temp1_crit', 'temp1_emergency',
    'temp1_alarm', 'temp1_min_alarm', 'temp1_max_alarm', 'temp1_lcrit_alarm', 'temp1_crit_alarm', 'temp1_emergency_alarm',
    'power1_cap_alarm', 'temp1_critical_alarm', 'temp1_fault', 'in1_enable', 'fan1_target', 'power1_average', 'pwm1', 'pwm1_enable', 'intrusion0_alarm',
    'temp1_type',
  ]) {
    t.ok(wanted(file), file);
  }
  for (const file of ['temp1_beep', 'in1_type', 'fan1_type', 'temp1_offset', 'temp1_crit_hyst', 'pwm1_auto_point1_pwm', 'pwm1_min', 'power1_cap', 'intrusion0_beep', 'fan1_div']) {
    t.notOk(wanted(file), file);
  }
});

t.test('isReadingAttribute: the value file of each channel type', async (t) => {
  const reading = (file: string): boolean => isReadingAttribute(parseAttributeName(file)!);
  t.ok(reading('temp1_input'));
  t.ok(reading('power1_average'));
  t.ok(reading('pwm1'));
  t.ok(reading('intrusion0_alarm'));
  t.notOk(reading('temp1_average'));
  t.notOk(reading('temp1_max'));
  t.notOk(reading('temp1_alarm'));
  t.notOk(reading('pwm1_enable'));
});

t.test('every numeric channel type in plain units', async (t) => {
  const { snapshot, problems } = build(
    chip('c-isa-0000', 'c', {
      temp1_input: 42500, in0_input: 1296, curr1_input: 7624, power1_input: 8144000, energy1_input: 25637161804,
      fan1_input: 1530, freq1_input: 500000000, humidity1_input: 45123,
    }),
  );
  t.same(problems, []);
  t.same(
    snapshot.sensors!.map((s) => [s.id, s.kind, s.unit, s.value, s.decimals]),
    [
      ['hwmon:c-isa-0000/temp1', 'temperature', 'celsius', 42.5, 3],
      ['hwmon:c-isa-0000/in0', 'voltage', 'volts', 1.296, 3],
      ['hwmon:c-isa-0000/curr1', 'current', 'amps', 7.624, 3],
      ['hwmon:c-isa-0000/power1', 'power', 'watts', 8.144, 6],
      ['hwmon:c-isa-0000/energy1', 'energy', 'joules', 25637.161804, 6],
      ['hwmon:c-isa-0000/fan1', 'fan', 'rpm', 1530, 0],
      ['hwmon:c-isa-0000/freq1', 'frequency', 'hertz', 500000000, 0],
      ['hwmon:c-isa-0000/humidity1', 'humidity', 'percent', 45.123, 3],
    ],
  );
  for (const sensor of snapshot.sensors!) t.equal(sensor.source, 'c-isa-0000');
});

t.test('channels come in type order, then index order; limits without a reading make no sensor', async (t) => {
  const { snapshot } = build(chip('c', 'c', { temp10_input: 1, temp2_input: 1, in3_input: 1, temp1_max: 50000, fan2_min: 300 }));
  t.same(snapshot.sensors!.map((s) => s.id), ['hwmon:c/temp2', 'hwmon:c/temp10', 'hwmon:c/in3']);
});

t.test('power: the input wins over the average; the average alone is the reading', async (t) => {
  const { snapshot } = build(chip('c', 'c', { power1_input: 8144000, power1_average: 5088000, power2_average: 345000000 }));
  t.equal(sensorById(snapshot, 'hwmon:c/power1').value, 8.144);
  t.equal(sensorById(snapshot, 'hwmon:c/power2').value, 345);
});

t.test('thresholds are scaled, named, and cleaned of placeholders', async (t) => {
  const { snapshot } = build(
    chip('c', 'c', {
      temp1_input: 35850, temp1_min: -273150, temp1_max: 81850, temp1_crit: 84850, temp1_emergency: 90000, temp1_lcrit: -5000,
      temp2_input: 35850, temp2_min: -273150, temp2_max: 65261850,
      in0_input: 1296, in0_min: 896, in0_max: 1264,
      power1_input: 1000000, power1_max: 55000000, power1_crit: 380000000,
      fan1_input: 1000, fan1_min: 0, fan1_max: 3400,
    }),
  );
  t.same(sensorById(snapshot, 'hwmon:c/temp1').thresholds, {
    lowerCritical: -5, upperNonCritical: 81.85, upperCritical: 84.85, upperFatal: 90,
  });
  t.equal(sensorById(snapshot, 'hwmon:c/temp2').thresholds, undefined, 'only placeholders: no thresholds at all');
  t.same(sensorById(snapshot, 'hwmon:c/in0').thresholds, { lowerNonCritical: 0.896, upperNonCritical: 1.264 });
  t.same(sensorById(snapshot, 'hwmon:c/power1').thresholds, { upperNonCritical: 55, upperCritical: 380 });
  t.same(sensorById(snapshot, 'hwmon:c/fan1').thresholds, { upperNonCritical: 3400 });
});

t.test('a limit that fails to read or parse is left out, and reported', async (t) => {
  const { snapshot, problems } = build(chip('c', 'c', { temp1_input: 40000, temp1_max: failure('EIO', 'temp1_max'), temp1_crit: 'garbage' }));
  t.equal(sensorById(snapshot, 'hwmon:c/temp1').thresholds, undefined);
  t.equal(sensorById(snapshot, 'hwmon:c/temp1').value, 40);
  t.same(problems.map((p) => p.code).sort(), ['BAD_VALUE', 'IO']);
});

t.test('labels: the chip label, else "<chip-id> <channel>"', async (t) => {
  const { snapshot } = build(chip('it8720-isa-0228', 'it8720', { in3_input: 2992, in3_label: '+5V', in4_input: 3072, in5_input: 1, in5_label: ' \0' }));
  t.same(snapshot.sensors!.map((s) => s.label), ['+5V', 'it8720-isa-0228 in4', 'it8720-isa-0228 in5']);
});

t.test('a label that fails to read falls back, and is reported', async (t) => {
  const { snapshot, problems } = build(chip('c', 'c', { temp1_input: 1000, temp1_label: failure('EACCES', 'temp1_label') }));
  t.equal(snapshot.sensors![0]!.label, 'c temp1');
  t.equal(problems[0]!.errno, 'EACCES');
});

t.test('labels shared across chips get the chip id; within a chip, the channel', async (t) => {
  const { snapshot } = build(
    chip('coretemp-isa-0000', 'coretemp', { temp1_input: 1, temp1_label: 'Core 0', temp2_input: 1, temp2_label: 'Package' }),
    chip('coretemp-isa-0001', 'coretemp', { temp1_input: 1, temp1_label: 'Core 0' }),
    chip('xe-pci-0400', 'xe', {
      temp2_input: 1, temp2_label: 'pkg', temp3_input: 1, temp3_label: 'vram', temp4_input: 1, temp4_label: 'vram',
      power1_input: 1, power1_label: 'pkg',
    }),
    chip('xe-pci-0500', 'xe', { temp3_input: 1, temp3_label: 'vram' }),
  );
  t.same(
    snapshot.sensors!.map((s) => s.label),
    [
      'Core 0 (coretemp-isa-0000)',
      'Package',
      'Core 0 (coretemp-isa-0001)',
      'pkg',
      'vram (xe-pci-0400 temp3)',
      'vram (xe-pci-0400 temp4)',
      'pkg',
      'vram (xe-pci-0500)',
    ],
    'the same label on different kinds (pkg: temperature, power) is no clash',
  );
  const temperatures = snapshot.sensors!.filter((s) => s.kind === 'temperature');
  t.equal(new Set(temperatures.map((s) => s.label)).size, temperatures.length, 'every temperature label is unique');
});

t.test('alarms state the worst health; no alarm file, no health', async (t) => {
  const { snapshot } = build(
    chip('c', 'c', {
      temp1_input: 1,
      temp2_input: 1, temp2_alarm: 0, temp2_crit_alarm: 0,
      temp3_input: 1, temp3_alarm: 1,
      temp4_input: 1, temp4_max_alarm: 1, temp4_crit_alarm: 1,
      temp5_input: 1, temp5_emergency_alarm: 1, temp5_crit_alarm: 1,
      temp6_input: 1, temp6_min_alarm: 1,
      temp7_input: 1, temp7_lcrit_alarm: 1,
      power1_input: 1, power1_cap_alarm: 1,
      temp8_input: 1, temp8_alarm: failure('EIO', 'temp8_alarm'),
      temp9_input: 1, temp9_alarm: failure('EIO', 'temp9_alarm'), temp9_crit_alarm: 0,
      temp10_input: 1, temp10_critical_alarm: 1,
    }),
  );
  const health = (id: string) => sensorById(snapshot, `hwmon:c/${id}`).health;
  t.equal(health('temp1'), undefined);
  t.equal(health('temp2'), 'ok');
  t.equal(health('temp3'), 'warning');
  t.equal(health('temp4'), 'critical');
  t.equal(health('temp5'), 'fatal');
  t.equal(health('temp6'), 'warning');
  t.equal(health('temp7'), 'critical');
  t.equal(health('power1'), 'warning');
  t.equal(health('temp8'), undefined, 'an unreadable alarm says nothing');
  t.equal(health('temp9'), 'ok', 'the readable alarm speaks');
  t.equal(health('temp10'), 'critical', "xgene-hwmon's name for crit_alarm");
  const crossed = (id: string) => sensorById(snapshot, `hwmon:c/${id}`).crossed;
  t.same(['temp2', 'temp3', 'temp4', 'temp5', 'temp6', 'temp7', 'power1', 'temp10'].map(crossed),
    [undefined, undefined, 'upperCritical', 'upperFatal', 'lowerNonCritical', 'lowerCritical', undefined, 'upperCritical'],
    'the worst set alarm names its threshold; a plain alarm and the cap alarm name none');
});

t.test('alarms of a channel without a reading are a discrete sensor', async (t) => {
  // Modelled on a Raspberry Pi 5: rpi_volt has in0_lcrit_alarm only, its under-voltage flag.
  const state = (files: Record<string, number | ReturnType<typeof failure>>) => {
    const sensor = build(chip('rpi_volt-isa-0000', 'rpi_volt', files)).snapshot.discreteSensors?.[0];
    return sensor && [sensor.id, sensor.kind, sensor.state, sensor.health, sensor.possibleStates];
  };
  t.same(state({ in0_lcrit_alarm: 1 }), ['hwmon:rpi_volt-isa-0000/in0', 'other', 'ALARM (LCRIT)', 'critical', ['Normal', 'ALARM (LCRIT)', 'Unknown']]);
  t.same(state({ in0_lcrit_alarm: 0 }), ['hwmon:rpi_volt-isa-0000/in0', 'other', 'Normal', 'ok', ['Normal', 'ALARM (LCRIT)', 'Unknown']]);
  t.same(state({ in0_lcrit_alarm: failure('EIO', 'in0_lcrit_alarm') })?.slice(2, 4), ['Unknown', 'unknown'], 'an alarm that cannot be read');
  t.same(state({ in0_min_alarm: 1, in0_crit_alarm: 1 })?.slice(2, 4), ['ALARM (CRIT)', 'critical'], 'the worst set alarm');
  t.equal(state({ in0_max: 5000 }), undefined, 'limits alone make no sensor');
  t.equal(build(chip('rpi_volt-isa-0000', 'rpi_volt', { in0_lcrit_alarm: 1 })).snapshot.sensors?.length, 0, 'and no numeric sensor');
});

t.test('an alarm file that holds no 0/1 flag is a bad value and says nothing', async (t) => {
  // Documentation/hwmon/sysfs-interface.rst: an alarm reads 0 (no alarm) or 1 (alarm). A file named so that holds
  // anything else (a temperature: ufs-hwmon as posted in 2021, a power supply's alert thresholds) is no flag.
  const { snapshot, problems } = build(chip('c', 'c', { temp1_input: 35000, temp1_min_alarm: -25, temp1_max_alarm: 85, in0_input: 1000, in0_alarm: 2, in1_crit_alarm: 7 }));
  t.match(sensorById(snapshot, 'hwmon:c/temp1'), { value: 35, health: undefined, crossed: undefined });
  t.match(sensorById(snapshot, 'hwmon:c/in0'), { health: undefined });
  t.same(snapshot.discreteSensors?.map((d) => [d.id, d.state, d.health]), [['hwmon:c/in1', 'Unknown', 'unknown']], 'an alarm-only channel whose alarm is no flag, and no other');
  t.same(problems.map((p) => `${p.code} ${p.path}`).sort(), [
    'BAD_VALUE /sys/devices/c/in0_alarm', 'BAD_VALUE /sys/devices/c/in1_crit_alarm',
    'BAD_VALUE /sys/devices/c/temp1_max_alarm', 'BAD_VALUE /sys/devices/c/temp1_min_alarm',
  ]);
});

t.test('attributes named like limits that a driver uses for something else are no thresholds', async (t) => {
  const apple = build(chip('applesmc', 'applesmc', { fan2_input: 1998, fan2_min: 2000, fan2_max: 6200, temp1_input: 45000, temp1_max: 90000 })).snapshot;
  t.equal(sensorById(apple, 'hwmon:applesmc/fan2').thresholds, undefined, "applesmc's fan range is the SMC's control range");
  t.same(sensorById(apple, 'hwmon:applesmc/temp1').thresholds, { upperNonCritical: 90 }, 'its other limits stay');
  // Modelled on a Dell Optiplex (dell_smm: the BIOS's nominal top speed, exceeded) and a Raspberry Pi's gpio-fan (its speed map's ends).
  const dell = build(chip('dell_smm-isa-0000', 'dell_smm', { fan1_input: 4300, fan1_min: 0, fan1_max: 3000 })).snapshot;
  t.same([sensorById(dell, 'hwmon:dell_smm-isa-0000/fan1').thresholds, fanById(dell, 'hwmon:dell_smm-isa-0000/fan1').status], [undefined, 'ok']);
  const gpio = build(chip('gpio_fan-isa-0000', 'gpio_fan', { fan1_input: 5000, fan1_min: 0, fan1_max: 5000 })).snapshot;
  t.equal(sensorById(gpio, 'hwmon:gpio_fan-isa-0000/fan1').thresholds, undefined);
});

t.test("a driver's own unit: ina3221's shunt voltages are microvolts", async (t) => {
  const { snapshot } = build(chip('ina3221', 'ina3221', { in1_input: 12040, in4_input: 6040, in7_input: 7600, curr1_input: 1208 }));
  const value = (id: string) => sensorById(snapshot, `hwmon:ina3221/${id}`).value;
  t.same([value('in1'), value('in4'), value('in7'), value('curr1')], [12.04, 0.00604, 0.0076, 1.208], 'bus voltage in mV, shunt voltages in µV');
  t.equal(sensorById(snapshot, 'hwmon:ina3221/in4').decimals, 6);
});

t.test('an alarm against a limit that was never set says nothing', async (t) => {
  // Modelled on Nuvoton boards whose BIOS never programmed the limits (nct6795: in_min = in_max = 0, in_alarm 1) and a DDR4 DIMM's jc42.
  const { snapshot } = build(
    chip('c', 'c', {
      in1_input: 3410, in1_min: 0, in1_max: 0, in1_alarm: 1,
      in2_input: 1200, in2_min: 1100, in2_max: 1150, in2_alarm: 1,
      in3_input: 1200, in3_alarm: 1,
      temp1_input: 27250, temp1_min: 0, temp1_max: 0, temp1_crit: 0, temp1_max_alarm: 1, temp1_crit_alarm: 1,
      temp2_input: 28000, temp2_max: 0, temp2_alarm: 1,
      temp3_input: 91000, temp3_max: 80000, temp3_crit: 127000, temp3_max_alarm: 1, temp3_crit_alarm: 1,
      fan1_input: 0, fan1_min: 0, fan1_alarm: 0,
    }),
  );
  const sensor = (id: string) => sensorById(snapshot, `hwmon:c/${id}`);
  t.same([sensor('in1').health, sensor('in1').thresholds], [undefined, undefined], 'min = max = 0: no limits, no alarm');
  t.equal(sensor('in2').health, 'warning', 'an alarm against limits that are set speaks');
  t.equal(sensor('in3').health, 'warning', 'a chip without limit files compares with its own');
  t.same([sensor('temp1').health, sensor('temp1').thresholds], [undefined, undefined], 'every limit 0 °C: none set, the lower one neither');
  t.equal(sensor('temp2').health, undefined, 'the channel alarm of a channel whose only limit is unset');
  t.same([sensor('temp3').health, sensor('temp3').thresholds], ['warning', { upperNonCritical: 80 }], 'max set, crit a placeholder: only max_alarm speaks');
  t.equal(sensor('fan1').health, undefined, 'fan min 0 disables the alarm');
});

t.test('a reading that fails: null and failed; with _enable 0: disabled', async (t) => {
  const { snapshot, problems } = build(
    chip('c', 'c', {
      temp1_input: failure('EAGAIN', 'temp1_input'),
      temp2_input: failure('ENODATA', 'temp2_input'), temp2_enable: 0,
      temp3_input: failure('EIO', 'temp3_input'), temp3_enable: 1,
      temp4_input: 'N/A',
      temp5_input: 41000, temp5_enable: 0,
      temp6_input: new HwmonError('ABORTED', '/sys/temp6_input', 'abandoned at the deadline'),
    }),
  );
  const sensor = (id: string) => sensorById(snapshot, `hwmon:c/${id}`);
  t.match(sensor('temp1'), { value: null, unavailable: 'failed' });
  t.match(sensor('temp2'), { value: null, unavailable: 'disabled' });
  t.match(sensor('temp3'), { value: null, unavailable: 'failed' });
  t.match(sensor('temp4'), { value: null, unavailable: 'failed' }, 'unparsable');
  t.match(sensor('temp5'), { value: 41 }, 'a reading wins over _enable 0 (amdgpu uses fan1_enable for its control mode)');
  t.equal(sensor('temp5').unavailable, undefined);
  t.match(sensor('temp6'), { value: null, unavailable: 'failed' });
  t.same(problems.map((p) => p.errno ?? p.code), ['EAGAIN', 'ENODATA', 'EIO', 'BAD_VALUE', 'ABORTED']);
});

t.test('a sensor fault voids the reading; a fan fault fails the fan but keeps the reading', async (t) => {
  const { snapshot } = build(chip('c', 'c', { temp2_input: -128000, temp2_fault: 1, temp3_input: 30000, temp3_fault: 0, fan2_input: 800, fan2_fault: 1 }));
  t.match(sensorById(snapshot, 'hwmon:c/temp2'), { value: null, unavailable: 'failed' });
  t.match(sensorById(snapshot, 'hwmon:c/temp3'), { value: 30 });
  t.match(sensorById(snapshot, 'hwmon:c/fan2'), { value: 800, health: 'critical' });
  t.match(fanById(snapshot, 'hwmon:c/fan2'), { status: 'failed' });
});

t.test("ibmpowernv's in<N>_fault is a failing power supply: the reading stays, critical", async (t) => {
  // torvalds/linux Documentation/hwmon/ibmpowernv.rst: "inX_input Measured power supply voltage (millivolt)",
  // "inX_fault - 0: No fail condition. - 1: Failing power supply." (an IBM POWER host's OPAL sensors; ibmpowernv.c
  // serves a sensor node's "faulted" attribute as fault). It was read as a failed sensor: Lost Communication.
  const { snapshot } = build(chip('ibmpowernv-isa-0000', 'ibmpowernv', { in1_input: 12100, in1_fault: 1, in2_input: 12050, in2_fault: 0, temp1_input: 25000, temp1_fault: 1 }));
  t.match(sensorById(snapshot, 'hwmon:ibmpowernv-isa-0000/in1'), { value: 12.1, health: 'critical', unavailable: undefined });
  t.match(sensorById(snapshot, 'hwmon:ibmpowernv-isa-0000/in2'), { value: 12.05, health: undefined });
  t.match(sensorById(snapshot, 'hwmon:ibmpowernv-isa-0000/temp1'), { value: null, unavailable: 'failed' }, 'a temperature fault is still the sensor\'s');
  const other = build(chip('c', 'c', { in1_input: 12100, in1_fault: 1 })).snapshot;
  t.match(sensorById(other, 'hwmon:c/in1'), { value: null, unavailable: 'failed' }, "another driver's in fault is the sensor's");
});

t.test('fans: device, speed sensor link, pwm and target', async (t) => {
  const { snapshot } = build(
    // pwm1_enable 3: nct6775's Fan Speed Cruise, the mode that drives the fan to fan1_target.
    chip('nct6779-isa-0290', 'nct6779', {
      fan1_input: 1530, fan1_label: 'CPU Fan', fan1_target: 1500, pwm1: 128, pwm1_enable: 3,
      fan2_input: 900, fan2_target: -1,
    }),
  );
  const fan1 = fanById(snapshot, 'hwmon:nct6779-isa-0290/fan1');
  t.same(fan1, {
    id: 'hwmon:nct6779-isa-0290/fan1',
    label: 'CPU Fan',
    speedSensor: 'hwmon:nct6779-isa-0290/fan1',
    status: 'ok',
    idleAllowed: false,
    variableSpeed: true,
    desiredSpeed: 1500,
  });
  t.same(sensorById(snapshot, 'hwmon:nct6779-isa-0290/fan1').monitors, { kind: 'fan', id: fan1.id });
  const fan2 = fanById(snapshot, 'hwmon:nct6779-isa-0290/fan2');
  t.equal(fan2.variableSpeed, undefined, 'no pwm: unknown, not false');
  t.equal(fan2.desiredSpeed, undefined, 'a negative target is no speed');
  t.same(snapshot.sensors!.map((s) => s.id), ['hwmon:nct6779-isa-0290/fan1', 'hwmon:nct6779-isa-0290/fan2', 'hwmon:nct6779-isa-0290/pwm1']);
});

t.test('fan status', async (t) => {
  const { snapshot } = build(
    chip('sio', 'it8720', {
      fan1_input: 1530, fan1_alarm: 0,
      fan2_input: 1500, fan2_min: 1000, fan2_alarm: 1,
      fan3_input: 0, fan3_min: 0, fan3_alarm: 0,
      fan4_input: 0, fan4_min: 1200, fan4_alarm: 1,
      fan5_input: failure('EIO', 'fan5_input'),
      fan6_input: 0, fan6_target: 0,
      fan7_input: 0, pwm7: 0, pwm7_enable: 2,
      fan8_input: 0, pwm8: 0, pwm8_enable: 1,
      fan9_input: 0, pwm9: 0, pwm9_enable: 0,
      fan10_input: 0, pwm10: 0,
    }),
  );
  const fan = (n: number) => fanById(snapshot, `hwmon:sio/fan${n}`);
  t.match(fan(1), { status: 'ok', idleAllowed: false });
  t.match(fan(2), { status: 'degraded' }, 'an alarm');
  t.match(fan(3), { status: 'unknown', idleAllowed: false }, 'stopped, no minimum: unconnected or dead');
  t.match(fan(4), { status: 'failed' }, 'stopped below its minimum');
  t.match(fan(5), { status: 'unknown' }, 'no reading');
  t.match(fan(6), { status: 'ok', idleAllowed: true, desiredSpeed: 0 }, 'target 0: stopped on purpose');
  t.match(fan(7), { status: 'ok', idleAllowed: true, variableSpeed: true }, 'automatic control at duty 0');
  t.match(fan(8), { status: 'ok', idleAllowed: true }, 'manual control at duty 0 (pwm-fan, stopped by its thermal zone)');
  t.match(fan(9), { status: 'unknown', idleAllowed: false }, 'no control (enable 0) runs the fan at full speed whatever the duty');
  t.match(fan(10), { status: 'ok', idleAllowed: true }, 'duty 0 without a mode file');
});

t.test('graphics cards: a fan without minimum may rest', async (t) => {
  const { snapshot } = build(
    chip('amdgpu-pci-0300', 'amdgpu', { fan1_input: 0, fan1_min: 0, fan1_max: 3400 }),
    chip('radeon-pci-0400', 'radeon', { fan1_input: 0, fan1_min: 500 }),
    chip('amdgpu-pci-0500', 'amdgpu', { fan1_input: 1200 }),
    chip('amdgpu-pci-0600', 'amdgpu', { fan1_input: 0, fan1_min: 500 }),
  );
  t.match(fanById(snapshot, 'hwmon:amdgpu-pci-0300/fan1'), { status: 'ok', idleAllowed: true });
  t.match(fanById(snapshot, 'hwmon:radeon-pci-0400/fan1'), { status: 'failed', idleAllowed: false }, 'a minimum set');
  t.match(fanById(snapshot, 'hwmon:amdgpu-pci-0600/fan1'), { status: 'ok', idleAllowed: true }, "amdgpu's fan1_min is the range of fan1_target, no minimum");
  t.match(fanById(snapshot, 'hwmon:amdgpu-pci-0500/fan1'), { status: 'ok', idleAllowed: true }, 'a property of the fan, not of this reading');
  const other = buildSnapshot([chip('amdgpu-pci-0300', 'amdgpu', { fan1_input: 0 })], { ...OPTIONS, zeroRpmChips: [] }).snapshot;
  t.match(fanById(other, 'hwmon:amdgpu-pci-0300/fan1'), { status: 'unknown', idleAllowed: false }, 'zeroRpmChips decides');
});

t.test('a fan label comes from its speed sensor, disambiguated', async (t) => {
  const { snapshot } = build(chip('dell', 'dell_smm', { fan1_input: 2100, fan1_label: 'Processor Fan', fan2_input: 0, fan2_label: 'Processor Fan' }));
  t.same(snapshot.fans!.map((f) => f.label), ['Processor Fan (fan1)', 'Processor Fan (fan2)']);
});

t.test('pwm outputs: percent, fan link, failures', async (t) => {
  const { snapshot, problems } = build(chip('c', 'c', { pwm1: 128, fan1_input: 900, pwm2: 300, pwm3: failure('EIO', 'pwm3'), pwm4: 0 }));
  t.match(sensorById(snapshot, 'hwmon:c/pwm1'), {
    kind: 'other', unit: 'percent', value: 50.2, decimals: 1, label: 'c pwm1', monitors: { kind: 'fan', id: 'hwmon:c/fan1' },
  });
  t.match(sensorById(snapshot, 'hwmon:c/pwm2'), { value: null, unavailable: 'failed' }, 'out of range');
  t.equal(sensorById(snapshot, 'hwmon:c/pwm2').monitors, undefined, 'no fan2');
  t.match(sensorById(snapshot, 'hwmon:c/pwm3'), { value: null, unavailable: 'failed' });
  t.match(sensorById(snapshot, 'hwmon:c/pwm4'), { value: 0 });
  t.same(problems.map((p) => p.errno ?? p.code), ['BAD_VALUE', 'EIO']);
});

t.test('a file read by a sensor and its fan is reported once', async (t) => {
  const { problems } = build(chip('c', 'c', { fan1_input: 900, pwm1: failure('EIO', 'c/pwm1'), pwm1_enable: 2 }));
  t.same(problems.map((p) => p.path), ['/sys/c/pwm1']);
});

t.test('a pwm_enable without pwm makes no sensor', async (t) => {
  const { snapshot } = build(chip('c', 'c', { pwm1_enable: 2 }));
  t.same(snapshot.sensors, []);
});

t.test('intrusion alarms are discrete sensors', async (t) => {
  const { snapshot, problems } = build(
    chip('nct', 'nct6779', { intrusion0_alarm: 0, intrusion1_alarm: 1, intrusion2_alarm: 2, intrusion3_alarm: failure('EIO', 'intrusion3_alarm') }),
  );
  t.same(
    snapshot.discreteSensors!.map((d) => [d.id, d.label, d.kind, d.state, d.health]),
    [
      ['hwmon:nct/intrusion0', 'nct intrusion0', 'intrusion', 'Normal', 'ok'],
      ['hwmon:nct/intrusion1', 'nct intrusion1', 'intrusion', 'Intrusion', 'warning'],
      ['hwmon:nct/intrusion2', 'nct intrusion2', 'intrusion', 'Unknown', 'unknown'],
      ['hwmon:nct/intrusion3', 'nct intrusion3', 'intrusion', 'Unknown', 'unknown'],
    ],
  );
  for (const sensor of snapshot.discreteSensors!) t.same(sensor.possibleStates, ['Normal', 'Intrusion', 'Unknown']);
  t.same(problems.map((p) => p.errno ?? p.code), ['BAD_VALUE', 'EIO']);
  t.same(snapshot.sensors, []);
});

t.test("a chip whose name is an Object member (constructor, __proto__) finds no per-driver rule and fails nothing", async (t) => {
  // The name comes from sysfs (the chip's name file): the per-driver tables took Object's own members for entries,
  // and ina3221's microvolt rule called constructor.includes, throwing away the whole sample.
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    const { snapshot } = build(chip('c', name, { in1_input: 1200, temp1_input: 30000, fan1_input: 0, pwm1: 128, pwm1_enable: 1, in1_fault: 1 }));
    t.match(sensorById(snapshot, 'hwmon:c/in1'), { value: null, unavailable: 'failed' }, `${name}: in1's fault is the sensor's`);
    t.match(sensorById(snapshot, 'hwmon:c/pwm1'), { value: 50.2 }, `${name}: pwm1 on the ABI's scale`);
    t.match(fanById(snapshot, 'hwmon:c/fan1'), { status: 'unknown', idleAllowed: false }, `${name}: fan1`);
  }
});

t.test('no chips: an empty snapshot', async (t) => {
  t.same(build().snapshot, { sensors: [], discreteSensors: [], fans: [] });
});

t.test('a chip named in powerSupplyChips is a power supply, measured by its sensors other than its fan', async (t) => {
  // Modelled on a switch's Delta DPS200 supply read through the PMBus core (vin, iin, pin, pout1, its fan).
  const files = {
    in1_label: 'vin', in1_input: 230000, in1_lcrit: 90000, in1_lcrit_alarm: 0,
    curr1_label: 'iin', curr1_input: 410,
    power1_label: 'pin', power1_input: 94000000,
    power2_label: 'pout1', power2_input: 81000000,
    fan1_input: 5100, pwm1: 90,
  };
  const { snapshot } = build(chip('dps200-i2c-12-5a', 'dps200', files), chip('nct6779-isa-0290', 'nct6779', { in0_input: 1000 }));
  t.same(snapshot.powerSupplies, [{
    id: 'hwmon:dps200-i2c-12-5a', label: 'dps200-i2c-12-5a', status: 'ok',
    sensors: ['hwmon:dps200-i2c-12-5a/in1', 'hwmon:dps200-i2c-12-5a/curr1', 'hwmon:dps200-i2c-12-5a/power1', 'hwmon:dps200-i2c-12-5a/power2'],
  }]);
  t.same(sensorById(snapshot, 'hwmon:dps200-i2c-12-5a/in1').monitors, { kind: 'powerSupply', id: 'hwmon:dps200-i2c-12-5a' });
  t.same(sensorById(snapshot, 'hwmon:dps200-i2c-12-5a/fan1').monitors, { kind: 'fan', id: 'hwmon:dps200-i2c-12-5a/fan1' }, 'its fan is a fan');
  t.equal(sensorById(snapshot, 'hwmon:nct6779-isa-0290/in0').monitors, undefined, "a board's chip is no supply");
  t.equal(build(chip('nct6779-isa-0290', 'nct6779', { in0_input: 1000 })).snapshot.powerSupplies, undefined, 'no supply, no list');
});

t.test("a driver's reading for an input with nothing connected is no reading", async (t) => {
  // Modelled on an ASUS ROG board's EC (asus-ec-sensors): its water headers, unused, read −40 °C.
  const { snapshot } = build(chip('asusec-isa-0000', 'asusec', { temp1_input: 40000, temp6_input: -40000, temp7_label: 'Water_Out', temp7_input: -40000 }));
  t.equal(sensorById(snapshot, 'hwmon:asusec-isa-0000/temp1').value, 40);
  t.match(sensorById(snapshot, 'hwmon:asusec-isa-0000/temp6'), { value: null, unavailable: 'absent' });
  t.match(sensorById(snapshot, 'hwmon:asusec-isa-0000/temp7'), { value: null, unavailable: 'absent' });
  t.equal(build(chip('it8792-isa-0a60', 'it8792', { temp2_input: -40000 })).snapshot.sensors?.[0]?.value, -40, "another driver's −40 °C is a reading");
});

t.test('a ThinkPad EC sensor the driver says is not available (ENXIO) is absent, not failed', async (t) => {
  // `sensors` on a ThinkPad (vmatare/thinkfan#222): thinkpad-isa-0000 reads fan1 0 RPM, temp1 +40.0 °C, temp2 N/A,
  // temp4 +0.0 °C, temp8 N/A; libsensors "Can't read" temp2, and thinkfan#161 names the errno: "No such device or
  // address". thinkpad_acpi's thermal_temp_input_show answers -ENXIO for TPACPI_THERMAL_SENSOR_NA, and
  // Documentation/admin-guide/laptops/thinkpad-acpi.rst (Temperature sensors, sysfs notes): "Sensors that are not
  // available return the ENXIO error. This status may change at runtime".
  const { snapshot } = build(chip('thinkpad-isa-0000', 'thinkpad', {
    fan1_input: 0, temp1_input: 40000, temp2_input: failure('ENXIO', 'temp2_input'), temp4_input: 0,
    temp8_input: failure('ENXIO', 'temp8_input'), temp9_input: failure('EIO', 'temp9_input'),
  }));
  t.match(sensorById(snapshot, 'hwmon:thinkpad-isa-0000/temp2'), { value: null, unavailable: 'absent' });
  t.match(sensorById(snapshot, 'hwmon:thinkpad-isa-0000/temp8'), { value: null, unavailable: 'absent' });
  t.equal(sensorById(snapshot, 'hwmon:thinkpad-isa-0000/temp1').value, 40);
  t.equal(sensorById(snapshot, 'hwmon:thinkpad-isa-0000/temp4').value, 0, 'a 0 °C the driver serves stays a reading: it documents no such marker');
  t.match(sensorById(snapshot, 'hwmon:thinkpad-isa-0000/temp9'), { value: null, unavailable: 'failed' }, 'another error is a failure');
  const other = build(chip('k10temp-pci-00c3', 'k10temp', { temp1_input: failure('ENXIO', 'temp1_input') })).snapshot;
  t.match(sensorById(other, 'hwmon:k10temp-pci-00c3/temp1'), { value: null, unavailable: 'failed' }, "another driver's ENXIO is a failure");
});

t.test("an AST2400/AST2500 BMC's tachometer that times out is a fan giving no pulses: 0 RPM, not a lost reading", async (t) => {
  // torvalds/linux drivers/hwmon/aspeed-pwm-tacho.c, aspeed_get_fan_tach_ch_rpm(): regmap_read_poll_timeout() on
  // the result register for one measuring period, then "return -ETIMEDOUT if we didn't get an answer", which rpm_show
  // passes on for fan<N>_input of chip aspeed_pwm_tacho; the OpenBMC kernel's AST2600 driver, tach-aspeed-ast2600.c
  // (quoted on openbmc@lists.ozlabs.org, "[AST2600] PWM/TACH driver and dbus-sensor issue"), does the same wait and
  // "return 0 if we didn't get an answer because of timeout". A fan
  // that stopped was reported as a sensor that lost its reading, and its fan as unknown for want of one.
  const { snapshot, problems } = build(chip('aspeed_pwm_tacho-isa-0000', 'aspeed_pwm_tacho', {
    fan1_input: 5340, pwm1: 150, fan2_input: failure('ETIMEDOUT', 'fan2_input'), pwm2: 150, fan3_input: failure('EIO', 'fan3_input'),
  }));
  t.match(sensorById(snapshot, 'hwmon:aspeed_pwm_tacho-isa-0000/fan1'), { value: 5340 });
  t.match(sensorById(snapshot, 'hwmon:aspeed_pwm_tacho-isa-0000/fan2'), { value: 0, unavailable: undefined });
  t.match(fanById(snapshot, 'hwmon:aspeed_pwm_tacho-isa-0000/fan2'), { status: 'unknown', statusReason: 'not turning' });
  t.match(sensorById(snapshot, 'hwmon:aspeed_pwm_tacho-isa-0000/fan3'), { value: null, unavailable: 'failed' }, 'another error is a failure');
  t.same(problems.map((p) => p.path), ['/sys/fan3_input'], 'the timeout is no problem');
  const other = build(chip('nct6779-isa-0290', 'nct6779', { fan1_input: failure('ETIMEDOUT', 'fan1_input') })).snapshot;
  t.match(sensorById(other, 'hwmon:nct6779-isa-0290/fan1'), { value: null, unavailable: 'failed' }, "another driver's ETIMEDOUT is a failure");
});

t.test("an AST2400/AST2500 tachometer read that times out once is read again: another reader's trigger, not a stopped fan", async (t) => {
  // aspeed-pwm-tacho.c takes no lock around aspeed_get_fan_tach_ch_rpm(): each read writes the channel into the one
  // shared trigger register (ASPEED_PTCR_TRIGGER) and polls the one result register, so a second reader on the BMC
  // (phosphor-hwmon, dbus-sensors) re-triggering another channel meanwhile makes a turning fan's read time out.
  const answers: Record<string, (string | string[])[]> = {
    fan1_input: [['ETIMEDOUT'], '5340'], fan2_input: [['ETIMEDOUT'], ['ETIMEDOUT']], fan3_input: [['EIO'], '4800'], pwm2: ['150'],
  };
  const reads: string[] = [];
  const reader = (chipAnswers: Record<string, (string | string[])[]>): SysfsReader => ({
    readText: async (path) => {
      const file = path.slice(path.lastIndexOf('/') + 1);
      reads.push(file);
      const answer = chipAnswers[file]?.shift();
      if (answer === undefined) throw ioError(path, Object.assign(new Error('no such file'), { code: 'ENOENT' }));
      if (Array.isArray(answer)) throw ioError(path, Object.assign(new Error('injected'), { code: answer[0] }));
      return `${answer}\n`;
    },
    readDir: async () => [],
    readLink: async (path) => { throw ioError(path, Object.assign(new Error('no link'), { code: 'ENOENT' })); },
    realPath: async (path) => path,
  });
  const folder = (name: string, files: string[]) => ({ id: `${name}-isa-0000`, name, hwmonPath: '/sys/class/hwmon/hwmon0', attributePath: '/sys/class/hwmon/hwmon0', files });
  const raw = await readChip(folder('aspeed_pwm_tacho', Object.keys(answers)), reader(answers), new AbortController().signal);
  const { snapshot } = build(raw);
  t.match(sensorById(snapshot, 'hwmon:aspeed_pwm_tacho-isa-0000/fan1'), { value: 5340, unavailable: undefined }, 'the second read is the reading');
  t.match(sensorById(snapshot, 'hwmon:aspeed_pwm_tacho-isa-0000/fan2'), { value: 0, unavailable: undefined }, 'timing out twice: no pulses');
  t.match(sensorById(snapshot, 'hwmon:aspeed_pwm_tacho-isa-0000/fan3'), { value: null, unavailable: 'failed' }, 'another error is not read again');
  t.same(reads, ['fan1_input', 'fan2_input', 'fan3_input', 'pwm2', 'fan1_input', 'fan2_input']);
  reads.length = 0;
  const other = await readChip(folder('nct6779', ['fan1_input']), reader({ fan1_input: [['ETIMEDOUT'], '900'] }), new AbortController().signal);
  t.match(sensorById(build(other).snapshot, 'hwmon:nct6779-isa-0000/fan1'), { value: null, unavailable: 'failed' }, "another driver's timeout is not read again");
  t.same(reads, ['fan1_input']);
});

t.test("a temperature's type 0 says nothing on pc87427, nor does a type that fails to read", async (t) => {
  // pc87427.c, temp_type_from_reg(): type bits 00 of a channel the driver found enabled (it creates no other) are
  // served as 0, "unknown", not "unused" as on ITE chips (see unseen-trees.test.ts).
  const pc87427 = build(chip('pc87427-isa-0800', 'pc87427', { temp1_input: 45000, temp1_type: 0 }));
  t.match(sensorById(pc87427.snapshot, 'hwmon:pc87427-isa-0800/temp1'), { value: 45, unavailable: undefined });
  const failedType = build(chip('it8720-isa-0290', 'it8720', { temp1_input: 33000, temp1_type: failure('EIO', 'temp1_type') }));
  t.match(sensorById(failedType.snapshot, 'hwmon:it8720-isa-0290/temp1'), { value: 33, unavailable: undefined });
  t.same(failedType.problems, [], 'the temperature read: a type that did not is no problem of the sensor');
});

t.test('inverted limits on unused inputs hide no other channel\'s limits or alarms', async (t) => {
  // A reviewer's it8728 after the usual lm-sensors setup (`sensors -s` with `set fanN_min` only for the fans in use):
  // the unused in5 and in6 keep their garbage, inverted limits, as on the ASUS ITE captures (frankcrawford/it87#59,
  // groeck/it87#80). A chip-wide "unprogrammed" rule read fan1 dead at 0 RPM below its 600 RPM min as unknown,
  // fan2 at 350 RPM as ok, and in1 and temp2 past their limits, alarms set, as no health: false OKs.
  const { snapshot, problems } = build(
    chip('it8728-isa-0a30', 'it8728', {
      in1_input: 900, in1_min: 1100, in1_max: 1300, in1_alarm: 1,
      in5_input: 0, in5_min: 2000, in5_max: 500, in5_alarm: 1,
      in6_input: 0, in6_min: 1800, in6_max: 600, in6_alarm: 1,
      temp1_input: 98000, temp1_max: 80000, temp1_crit: 95000, temp1_alarm: 1, temp1_crit_alarm: 1,
      temp2_input: 85000, temp2_min: 10000, temp2_max: 35000, temp2_alarm: 1,
      fan1_input: 0, fan1_min: 600, fan1_alarm: 1,
      fan2_input: 350, fan2_min: 600, fan2_alarm: 1,
    }),
  );
  const sensor = (channel: string) => sensorById(snapshot, `hwmon:it8728-isa-0a30/${channel}`);
  t.match(fanById(snapshot, 'hwmon:it8728-isa-0a30/fan1'), { status: 'failed' }, 'stopped below its minimum: failed');
  t.match(sensor('fan1'), { thresholds: { lowerNonCritical: 600 }, health: 'warning' });
  t.match(fanById(snapshot, 'hwmon:it8728-isa-0a30/fan2'), { status: 'degraded' }, 'its alarm counts');
  t.match(sensor('fan2'), { thresholds: { lowerNonCritical: 600 }, health: 'warning' });
  t.match(sensor('in1'), { thresholds: { lowerNonCritical: 1.1, upperNonCritical: 1.3 }, health: 'warning' });
  t.match(sensor('temp2'), { thresholds: { lowerNonCritical: 10, upperNonCritical: 35 }, health: 'warning' });
  t.match(sensor('temp1'), { thresholds: { upperNonCritical: 80, upperCritical: 95 }, health: 'critical', crossed: 'upperCritical' });
  t.match(sensor('in5'), { thresholds: undefined, health: undefined }, 'its own inverted pair goes, and the alarm answering it');
  t.match(sensor('in6'), { thresholds: undefined, health: undefined });
  t.equal(problems.length, 0, 'no chip-wide notice');
});

t.test('a temperature upper limit at or below 0 °C is no limit, nor is the alarm answering it', async (t) => {
  // The ASUS ITE captures (frankcrawford/it87#59, groeck/it87#80): "temp1: +51.0°C (low = -89.0°C, high = -20.0°C)
  // ALARM". No hardware's upper temperature limit lies below freezing; on any chip it goes.
  const { snapshot } = build(
    chip('lm93-i2c-0-2e', 'lm93', {
      temp1_input: 51000, temp1_min: -89000, temp1_max: -20000, temp1_alarm: 1,
      temp2_input: 51000, temp2_max: -20000, temp2_crit: 95000, temp2_max_alarm: 1, temp2_crit_alarm: 0,
      temp3_input: 99000, temp3_min: -89000, temp3_max: -20000, temp3_crit: 95000, temp3_alarm: 1,
      temp4_input: -30000, temp4_min: -25000, temp4_max: -20000, temp4_alarm: 1,
    }),
  );
  const sensor = (channel: string) => sensorById(snapshot, `hwmon:lm93-i2c-0-2e/${channel}`);
  t.match(sensor('temp1'), { thresholds: { lowerNonCritical: -89 }, health: undefined }, 'the alarm answers the -20 °C max');
  t.equal(sensor('temp1').thresholds?.upperNonCritical, undefined, 'the -20 °C max is no limit');
  t.match(sensor('temp2'), { thresholds: { upperCritical: 95 }, health: 'ok' }, 'max_alarm answers the dropped max; crit_alarm stays');
  t.match(sensor('temp3'), { health: 'warning' }, 'past its usable crit: the alarm may answer that');
  t.match(sensor('temp4'), { thresholds: { lowerNonCritical: -25 }, health: 'warning' }, 'below its usable min: the alarm counts');
});

t.test('contradicting limits go pair by pair: the rest of the chip keeps its own', async (t) => {
  // A PMBus regulator (tps53679, I2C) whose lcrit sits above max on two rails (the min/max-only rule's reviewer
  // case): only those pairs go; temp1's crit and crit_alarm, and in3's crit_alarm, stay.
  const { snapshot, problems } = build(
    chip('tps53679-i2c-1-58', 'tps53679', {
      in1_input: 12000, in1_lcrit: 13000, in1_max: 12500,
      in2_input: 12000, in2_lcrit: 13000, in2_max: 12500,
      in3_input: 1900, in3_crit: 1500, in3_crit_alarm: 1,
      temp1_input: 130000, temp1_max: 110000, temp1_crit: 125000, temp1_crit_alarm: 1,
    }),
  );
  t.match(sensorById(snapshot, 'hwmon:tps53679-i2c-1-58/temp1'), { thresholds: { upperNonCritical: 110, upperCritical: 125 }, health: 'critical' });
  t.match(sensorById(snapshot, 'hwmon:tps53679-i2c-1-58/in3'), { thresholds: { upperCritical: 1.5 }, health: 'critical' });
  t.equal(problems.length, 0);

  // Two inverted min/max pairs: each pair alone goes.
  const other = build(
    chip('lm93-i2c-0-2e', 'lm93', {
      in1_input: 1000, in1_min: 2000, in1_max: 500, in2_input: 1000, in2_min: 2000, in2_max: 500,
      temp1_input: 70000, temp1_max: 60000, temp1_alarm: 1,
    }),
  ).snapshot;
  t.match(sensorById(other, 'hwmon:lm93-i2c-0-2e/temp1'), { thresholds: { upperNonCritical: 60 }, health: 'warning' });
});

t.test("a ThinkPad's fan in EC auto mode may rest only while the chip is cool", async (t) => {
  // thinkpad_acpi's EC auto mode (pwm1_enable 2) rests the fans when cool (vmatare/thinkfan#222: "fan1: 0 RPM" at
  // 40 °C). A reviewer's case: a dead fan at 0 RPM with the CPU at 99 °C read ok. temp2 fails with ENXIO (a sensor
  // the model lacks) and is left out.
  const thinkpad = (cpu: number) =>
    build(chip('thinkpad-isa-0000', 'thinkpad', { fan1_input: 0, pwm1: 255, pwm1_enable: 2, temp1_input: cpu, temp2_input: failure('ENXIO', 'temp2_input') })).snapshot;
  t.match(fanById(thinkpad(40000), 'hwmon:thinkpad-isa-0000/fan1'), { status: 'ok', idleAllowed: true }, 'cool: at rest');
  t.match(fanById(thinkpad(99000), 'hwmon:thinkpad-isa-0000/fan1'), { status: 'unknown', statusReason: 'not turning', idleAllowed: false }, 'hot: stopped');
  t.match(fanById(thinkpad(60000), 'hwmon:thinkpad-isa-0000/fan1'), { idleAllowed: false }, 'at the 60 °C ceiling: stopped');
  const blind = build(chip('thinkpad-isa-0000', 'thinkpad', { fan1_input: 0, pwm1: 255, pwm1_enable: 2, temp1_input: failure('EIO', 'temp1_input') })).snapshot;
  t.match(fanById(blind, 'hwmon:thinkpad-isa-0000/fan1'), { idleAllowed: false }, 'no temperature read: no rest');
  // Implausible readings say nothing of how cool the chip is: a disconnected or broken sensor reads 0 °C, -128 °C or
  // 255 °C (vmatare/thinkfan#222: "temp4: +0.0 °C").
  const withReadings = (temps: Record<string, number>) =>
    build(chip('thinkpad-isa-0000', 'thinkpad', { fan1_input: 0, pwm1: 255, pwm1_enable: 2, ...temps })).snapshot;
  t.match(fanById(withReadings({ temp1_input: 40000, temp4_input: 0 }), 'hwmon:thinkpad-isa-0000/fan1'), { idleAllowed: true }, 'a 0 °C beside a cool CPU');
  t.match(fanById(withReadings({ temp1_input: 99000, temp4_input: 0 }), 'hwmon:thinkpad-isa-0000/fan1'), { idleAllowed: false }, 'a hot CPU still counts');
  for (const only of [0, -5000, -128000]) {
    t.match(fanById(withReadings({ temp1_input: only }), 'hwmon:thinkpad-isa-0000/fan1'), { idleAllowed: false }, `only ${only / 1000} °C: no plausible temperature, no rest`);
  }
  for (const high of [126000, 255000]) {
    t.match(fanById(withReadings({ temp1_input: 40000, temp2_input: high }), 'hwmon:thinkpad-isa-0000/fan1'), { idleAllowed: false },
      `${high / 1000} °C beside a cool sensor: hot or broken, not cool; no rest`);
  }
  t.match(fanById(withReadings({ temp1_input: 125000, temp4_input: 0 }), 'hwmon:thinkpad-isa-0000/fan1'), { idleAllowed: false }, '125 °C is plausible, and hot');
});
