import t from 'tap';
import type { SensorKind, SensorUnit } from '../../src/model/snapshot.js';
import { SINT32_MAX, SINT32_MIN, discreteSensorEncoding, scaleToSint32, sensorEncoding } from '../../src/model/units.js';

t.test('readings are exact at the source resolution', async (t) => {
  t.same(scaleToSint32([12.18], 2), { unitModifier: -2, integers: [1218] }, '12.18 V, 2 decimals');
  t.same(scaleToSint32([45.123], 3), { unitModifier: -3, integers: [45123] }, 'hwmon millidegrees');
  t.same(scaleToSint32([1.005, 0.1 + 0.2], 3), { unitModifier: -3, integers: [1005, 300] }, 'binary noise does not leak');
  t.same(scaleToSint32([9600], 0), { unitModifier: 0, integers: [9600] });
  t.same(scaleToSint32([-12.5, 3.3], 1), { unitModifier: -1, integers: [-125, 33] }, 'negative values');
  t.same(scaleToSint32([], 3), { unitModifier: -3, integers: [] }, 'thresholds only, no reading');
});

t.test('values beyond the resolution round half away from zero', async (t) => {
  t.same(scaleToSint32([2.25, -2.25, 2.24], 1).integers, [23, -23, 22]);
  t.same(scaleToSint32([-0.01], 1).integers, [0]);
  t.ok(Object.is(scaleToSint32([-0.01], 1).integers[0], 0), 'never -0');
  t.ok(Object.is(scaleToSint32([5], 0).unitModifier, 0), 'UnitModifier 0, not -0');
});

t.test('every value shares one UnitModifier, chosen so that all fit a sint32', async (t) => {
  // 3 000 000 J with 3 decimals is 3e9: one digit less fits.
  t.same(scaleToSint32([3_000_000.123, 10], 3), { unitModifier: -2, integers: [300_000_012, 1000] });
  // A threshold that does not fit lowers the precision of the reading too.
  t.same(scaleToSint32([1.5, 5_000_000], 3), { unitModifier: -2, integers: [150, 500_000_000] });
  // Past the decimal point: tens of joules.
  t.same(scaleToSint32([98_765_432_109], 0), { unitModifier: 2, integers: [987_654_321] });
  t.same(scaleToSint32([-98_765_432_109], 0), { unitModifier: 2, integers: [-987_654_321] });
  t.same(scaleToSint32([SINT32_MAX, SINT32_MIN], 0), { unitModifier: 0, integers: [SINT32_MAX, SINT32_MIN] }, 'the limits themselves fit');
  t.same(scaleToSint32([SINT32_MAX + 1], 0), { unitModifier: 1, integers: [214_748_365] });
  // Rounding up past the limit is caught after rounding.
  t.same(scaleToSint32([214_748_364.75], 1).unitModifier, 0);
});

t.test('bad input is refused', async (t) => {
  t.throws(() => scaleToSint32([NaN], 0), RangeError);
  t.throws(() => scaleToSint32([Infinity], 0), /finite/);
  t.throws(() => scaleToSint32([1], 1.5), /integer/);
});

t.test('SensorType from the kind, BaseUnits from the unit', async (t) => {
  const table: [SensorKind, SensorUnit, number, number, string | undefined][] = [
    ['temperature', 'celsius', 2, 2, undefined],
    ['voltage', 'volts', 3, 5, undefined],
    ['current', 'amps', 4, 6, undefined],
    ['power', 'watts', 13, 7, undefined],
    ['energy', 'joules', 1, 8, 'Energy'],
    ['fan', 'rpm', 5, 19, undefined],
    ['fan', 'percent', 5, 65, undefined],
    ['frequency', 'hertz', 1, 20, 'Frequency'],
    ['humidity', 'percent', 9, 65, undefined],
    ['utilization', 'percent', 1, 65, 'Utilization'],
    ['pressure', 'pascals', 15, 66, undefined],
    ['airflow', 'cfm', 12, 18, undefined],
    ['other', 'seconds', 1, 21, 'Uptime'],
    ['other', 'unspecified', 1, 0, 'Uptime'],
  ];
  for (const [kind, unit, sensorType, baseUnits, other] of table) {
    t.same(sensorEncoding(kind, unit, 'Uptime'), { sensorType, baseUnits, otherSensorTypeDescription: other }, `${kind}/${unit}`);
  }
  t.equal(sensorEncoding('other', 'volts', '').otherSensorTypeDescription, 'Other', 'an empty label still describes');
  t.equal(sensorEncoding('other', 'volts', 'x'.repeat(300)).otherSensorTypeDescription?.length, 128, 'MaxLen 128');
});

t.test('discrete sensor types', async (t) => {
  t.same(discreteSensorEncoding('presence', 'PSU1'), { sensorType: 11, otherSensorTypeDescription: undefined });
  t.same(discreteSensorEncoding('intrusion', 'Lid'), { sensorType: 16, otherSensorTypeDescription: undefined });
  t.same(discreteSensorEncoding('powerSupplyStatus', 'PSU1'), { sensorType: 1, otherSensorTypeDescription: 'Power Supply Status' });
  t.same(discreteSensorEncoding('redundancy', 'Fans'), { sensorType: 1, otherSensorTypeDescription: 'Redundancy' });
  t.same(discreteSensorEncoding('other', 'Riser Config'), { sensorType: 1, otherSensorTypeDescription: 'Riser Config' });
});
