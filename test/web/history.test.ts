import t from 'tap';
import { CIMInstance, cimProperty, NocaseMap } from '../../src/cim/index.js';
import { SensorHistory } from '../../src/web/history.js';

function sensor(reading: number | null, operationalStatus = 2): CIMInstance {
  const properties = new NocaseMap([
    ['CurrentReading', cimProperty('CurrentReading', 'sint32', reading)],
    ['UnitModifier', cimProperty('UnitModifier', 'sint32', -1)],
    ['OperationalStatus', cimProperty('OperationalStatus', 'uint16', [operationalStatus], { isArray: true })],
  ]);
  return new CIMInstance({ classname: 'Thincim_NumericSensor', properties });
}

t.test('a ring per sensor: the newest `points` readings, one per step, oldest first', async (t) => {
  const history = new SensorHistory({ seconds: 10, points: 5 });
  for (let i = 0; i < 8; i++) history.record([['a', sensor(i * 10)]], i * 2000);
  t.same(history.points('a', 14_000), [6000, 8000, 10_000, 12_000, 14_000].map((time) => ({ time, value: time / 2000 })), 'wrapped: the newest five');
  t.same(history.points('a', 20_000)!.map((p) => p.time), [10_000, 12_000, 14_000], 'readings older than the window are not given');
  t.equal(history.points('a', 14_000 + 100_000)?.length, 0, 'nothing within a later window');
  history.record([['a', sensor(99)]], 14_500);
  t.equal(history.points('a', 14_500)!.at(-1)!.time, 14_000, 'a reading sooner than a step after the last is not kept');
  t.equal(history.bytes, 5 * 8 + 5 * 4, 'the five times, once; the sensor\'s five values');
});

t.test('sensors share the times of their readings; one new since the last readings has its first at the next', async (t) => {
  const history = new SensorHistory({ seconds: 10, points: 5 });
  history.record([['a', sensor(10)], ['b', sensor(20)]], 2000);
  history.record([['a', sensor(11)], ['b', sensor(21)], ['c', sensor(30)]], 3000);
  t.same(history.points('c', 3000), [], 'c came between two steps: no reading yet');
  for (let i = 2; i < 9; i++) history.record([['a', sensor(10 + i)], ['b', sensor(20 + i)], ['c', sensor(30 + i)]], i * 2000);
  t.same(history.points('a', 16_000)!.map((p) => p.time), [8000, 10_000, 12_000, 14_000, 16_000]);
  t.same(history.points('b', 16_000)!.map((p) => p.value), [2.4, 2.5, 2.6, 2.7, 2.8], 'each sensor its own values in the same slots');
  t.same(history.points('c', 16_000)!.map((p) => p.value), [3.4, 3.5, 3.6, 3.7, 3.8]);
  const d = new SensorHistory({ seconds: 10, points: 5 });
  d.record([['a', sensor(1)]], 2000);
  d.record([['a', sensor(2)], ['d', sensor(5)]], 4000);
  t.same(d.points('d', 4000), [{ time: 4000, value: 0.5 }], 'a sensor new at a step has its reading there, and none before');
  t.equal(d.spark('d', 4000, 10).length, 1);
  t.equal(history.bytes, 5 * 8 + 3 * 5 * 4);
  const empty = new SensorHistory({ seconds: 10, points: 5 });
  empty.record([], 1000);
  empty.record([['a', sensor(7)]], 1100);
  t.same(empty.points('a', 1100), [{ time: 1100, value: 0.7 }], 'a model without sensors takes no step');
});

t.test('a slot keeps the time to the millisecond and the value to 7 significant digits, however long the agent runs', async (t) => {
  const history = new SensorHistory({ seconds: 3600, points: 360 });
  const start = Date.UTC(2026, 11, 5, 12, 0, 0, 123);
  const month = 31 * 24 * 3600 * 1000;
  history.record([['a', sensor(533)]], start);
  history.record([['a', sensor(-17)]], start + month);
  history.record([['a', sensor(123_456)]], start + month + 10_001);
  t.same(history.points('a', start + month + 10_001), [
    { time: start + month, value: -1.7 },
    { time: start + month + 10_001, value: 12_345.6 },
  ], 'past 2^31 ms after the first reading the ring counts from a later base; the month-old reading is not in the window');
});

t.test('a lost reading is a gap; a sensor gone is forgotten', async (t) => {
  const history = new SensorHistory({ seconds: 60, points: 60 });
  history.record([['a', sensor(10)], ['b', sensor(20)]], 1000);
  history.record([['a', sensor(null)]], 2000);
  t.ok(Number.isNaN(history.points('a', 2000)![1]!.value));
  history.record([['a', sensor(345, 13)]], 3000);
  t.ok(Number.isNaN(history.points('a', 3000)![2]!.value), 'Lost Communication keeps its last reading on show, which is no reading now');
  history.record([['a', sensor(345, 15)]], 4000);
  t.ok(Number.isNaN(history.points('a', 4000)![3]!.value), 'nor does Dormant (its device asleep)');
  t.equal(history.points('b', 2000), undefined, 'b is gone');
  t.equal(history.sensors, 1);
});

t.test('sparklines spread their values over the window, the newest included', async (t) => {
  const history = new SensorHistory({ seconds: 100, points: 100 });
  for (let i = 0; i < 100; i++) history.record([['a', sensor(i * 10)]], i * 1000);
  const spark = history.spark('a', 99_000, 10);
  t.equal(spark.length, 10);
  t.equal(spark[0], 0);
  t.equal(spark.at(-1), 99);
  t.same(history.spark('a', 99_000, 200).length, 100, 'fewer readings than asked: all of them');
});

t.test('0 seconds: no history, no memory', async (t) => {
  const history = new SensorHistory({ seconds: 0, points: 360 });
  history.record([['a', sensor(1)]], 1000);
  t.equal(history.enabled, false);
  t.equal(history.bytes, 0);
  t.equal(history.points('a', 1000), undefined);
});

t.test('a clock set back (NTP, a VM restored) does not stop the history', async (t) => {
  const history = new SensorHistory({ seconds: 10, points: 5 });
  const late = Date.UTC(2027, 0, 1);
  history.record([['a', sensor(10)]], late);
  history.record([['a', sensor(20)]], late + 2000);
  const back = late - 3600_000;
  history.record([['a', sensor(30)]], back);
  history.record([['a', sensor(40)]], back + 2000);
  t.same(history.points('a', back + 2000), [{ time: back, value: 3 }, { time: back + 2000, value: 4 }],
    'readings are kept from the new time on (they were not until the clock caught up with the old one, an hour later); those dated later are dropped');
  t.same(history.spark('a', back + 2000, 10), [3, 4], 'from the sparkline too');
});
