import t from 'tap';
import { parseSensorOutput } from '../recognise.js';
import { parseSensorTable } from '../sensor-table.js';
import { fixture, named } from './fixture.js';

t.test('threshold rows: value with its three printed decimals, unit, status and thresholds', async (t) => {
  const { format, readings } = parseSensorTable(fixture('sensor.txt'));
  t.equal(format, 'sensor');
  t.match(named(readings, '12V'), { value: 12.18, decimals: 3, unit: 'Volts', health: 'ok', eventClass: 'threshold' });
  t.equal(named(readings, '12V').crossed, undefined);
  t.same(named(readings, '12V').thresholds, {
    lowerFatal: 10.173, lowerCritical: 10.299, lowerNonCritical: 10.74, upperNonCritical: 13.25, upperCritical: 13.696, upperFatal: 13.822,
  });
  t.equal(named(readings, 'CPU Temp').health, 'critical');
  t.same(named(readings, 'Temp', 0).thresholds, { upperNonCritical: 85, upperCritical: 90 }, "'na' thresholds are absent");
  t.equal(named(readings, 'Temp', 0).value, -58);
  t.equal(named(readings, 'Temp', 1).value, 50);
});

t.test('na readings, discrete rows with their state word, discrete-unit threshold rows', async (t) => {
  const { readings } = parseSensorTable(fixture('sensor.txt'));
  t.match(named(readings, 'FAN3'), { value: null, unavailable: 'absent', unit: 'RPM', thresholds: { lowerNonCritical: 600 } });
  t.equal(named(readings, 'FAN3').health, undefined);
  t.match(named(readings, 'PS1 Status'), { eventClass: 'discrete', unit: 'discrete', rawState: '0x0100' });
  t.match(named(readings, 'Chassis Intru'), { rawState: '0x0000' });
  t.match(named(readings, 'SEL'), { eventClass: 'discrete', unavailable: 'absent' });
  t.match(named(readings, 'VRD Hot'), { eventClass: 'threshold', rawState: '0x0', thresholds: {} });
});

t.test('noise and malformed rows', async (t) => {
  const { readings, noise } = parseSensorTable(fixture('sensor.txt'));
  t.equal(readings.length, 10);
  t.same(noise.map((n) => n.line), [7]);
  const bad = parseSensorTable('X | fast | RPM | ok | na | na | na | na | na | na\nY | 0x1 | discrete | maybe | na | na | na | na | na | na\nZ | abc | discrete | na | na | na | na | na | na | na\n');
  t.equal(bad.readings.length, 0);
  t.equal(bad.noise.length, 3);
});

t.test('ipmitool -c sensor (1.8.19 on): the table with commas', async (t) => {
  // SOURCE: fixtures/sensor-csv.txt is built from ipmitool's lib/ipmi_sensor.c (ipmitool/ipmitool PR #39, commit
  // 9d49a6ed, first released in 1.8.19; 1.8.18 printed nothing, issue #285): dump_sensor_fc_thredshold_csv prints
  // "%s" of the ID string, ",%.3f,%s,%s" (value, unit, status; ",0x%x" for a threshold record without an analog
  // reading, ",na,unit,na" unreadable) and six thresholds ("%.3f", "0x%x" for discrete units, or "na");
  // ipmi_sensor_print_fc_discrete prints ",0x%x,discrete,0x%02x%02x" or ",value,unit,ok" or ",na,discrete,na", six "na".
  const { format, readings, noise } = parseSensorTable(fixture('sensor-csv.txt'));
  t.equal(format, 'sensor');
  t.same(noise, []);
  t.match(named(readings, 'CPU Temp'), { value: 45, decimals: 3, unit: 'degrees C', health: 'ok', eventClass: 'threshold' });
  t.same(named(readings, 'CPU Temp').thresholds, { lowerCritical: 0, lowerNonCritical: 5, upperNonCritical: 85, upperCritical: 90, upperFatal: 95 });
  t.match(named(readings, 'CPU2 Temp'), { value: 92, health: 'critical' });
  t.same(named(readings, '12V').thresholds, {
    lowerFatal: 10.2, lowerCritical: 10.8, lowerNonCritical: 11.4, upperNonCritical: 12.6, upperCritical: 13.2, upperFatal: 13.8,
  });
  t.match(named(readings, 'FAN3'), { value: null, unavailable: 'absent', unit: 'RPM', thresholds: { lowerCritical: 480 } });
  t.match(named(readings, 'VRD Hot'), { rawState: '0x10', health: 'critical', eventClass: 'threshold' });
  t.match(named(readings, 'PS1 Status'), { eventClass: 'discrete', rawState: '0x0180', stateBits: 0x01 });
  t.match(named(readings, 'PS2 Status'), { eventClass: 'discrete', unavailable: 'absent' });
  t.match(named(readings, 'PS1 Output'), { value: 110, unit: 'Watts' });
  t.same(parseSensorTable('CPU Temp,45.000,degrees C,ok,na,0.000,5.000,85.000,90.000\nCPU Temp,45,000,degrees C,ok,na,na,na,na,na,na\n').readings, [],
    'a row of another field count (a decimal comma splits a value) is noise');
  t.same(parseSensorTable('PS Out,110,Watts,ok,10.1,Presence detected,na,na,na,na\n').readings, [], 'an -c sdr row is not a table row');
  t.equal(parseSensorOutput(fixture('sensor-csv.txt'), 'sensorFile').readings.length, 8, 'a recording of it is recognised');
});
