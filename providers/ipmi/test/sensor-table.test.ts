import t from 'tap';
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
