import t from 'tap';
import { CIMDateTime } from '../../src/cim/index.js';

t.test('timestamps', async (t) => {
  const dt = CIMDateTime.parse('20251126224301.123456+060');
  t.equal(dt.isInterval, false);
  t.equal(dt.toString(), '20251126224301.123456+060');
  t.equal(JSON.stringify({ dt }), '{"dt":"20251126224301.123456+060"}');
  t.equal(dt.toDate()?.toISOString(), '2025-11-26T21:43:01.123Z', 'the offset is minutes east of UTC');
  t.equal(CIMDateTime.parse('20250101000000.000000-300').toDate()?.toISOString(), '2025-01-01T05:00:00.000Z');
  t.equal(CIMDateTime.parse('  20250101000000.000000+000 ').value, '20250101000000.000000+000', 'trimmed');
  t.ok(CIMDateTime.tryParse('20241231235960.000000+000'), 'leap second');
  t.ok(CIMDateTime.tryParse('20240229000000.000000+000'), '29 February of a leap year');
});

t.test('invalid timestamps', async (t) => {
  for (const text of [
    '2025112622430.123456+060', // too short
    '20251326224301.123456+060', // month 13
    '20251100224301.123456+060', // day 0
    '20251132224301.123456+060', // day 32
    '20250230000000.000000+000', // 30 February
    '20250229000000.000000+000', // 29 February, not a leap year
    '20250431000000.000000+000', // 31 April
    '20251126244301.123456+060', // hour 24
    '20251126226001.123456+060', // minute 60
    '20251126224361.123456+060', // second 61
    '20251126224301.123456*060', // bad sign
    '20251126224301.123456+06*', // wildcard in the offset
    '20251126224301,123456+060', // comma
  ]) {
    t.equal(CIMDateTime.tryParse(text), undefined, text);
  }
  t.throws(() => CIMDateTime.parse('nope'), RangeError);
});

t.test('wildcards replace a run of least significant digits', async (t) => {
  const day = CIMDateTime.parse('20251126******.******+000');
  t.equal(day.toDate(), undefined, 'no instant for a wildcard timestamp');
  t.ok(CIMDateTime.tryParse('2025112622430*.******+000'), 'part of a field');
  t.ok(CIMDateTime.tryParse('**************.******+000'), 'everything');
  t.ok(CIMDateTime.tryParse('20251126224301.12****+000'), 'microseconds only');
  t.equal(CIMDateTime.tryParse('2025**26224301.123456+000'), undefined, 'digits after a wildcard');
  t.equal(CIMDateTime.tryParse('20251126******.123456+000'), undefined, 'microseconds after a wildcard');
  t.ok(CIMDateTime.tryParse('2025**********.******+000'), 'month and day unknown: no day check');
});

t.test('intervals', async (t) => {
  const iv = CIMDateTime.parse('00000001020304.000005:000');
  t.ok(iv.isInterval);
  t.equal(iv.toDate(), undefined);
  t.equal(CIMDateTime.fromMicroseconds(90_000_000).value, '00000000000130.000000:000');
  t.equal(CIMDateTime.fromMicroseconds(0).value, '00000000000000.000000:000');
  const max = 99_999_999n * 86_400_000_000n + 86_399_999_999n;
  t.equal(CIMDateTime.fromMicroseconds(max).value, '99999999235959.999999:000', 'beyond 2^53 microseconds, exact');
  t.throws(() => CIMDateTime.fromMicroseconds(max + 1n), /at most 99999999 days/);
  t.throws(() => CIMDateTime.fromMicroseconds(-1), /cannot be negative/);
  t.ok(CIMDateTime.tryParse('00000001******.******:000'), 'wildcards in an interval');
  for (const text of ['00000001240000.000000:000', '00000001006000.000000:000', '00000001000060.000000:000', '00000001000000.000000:001', '0000001000000.000000:000']) {
    t.equal(CIMDateTime.tryParse(text), undefined, text);
  }
});

t.test('fromDate', async (t) => {
  const date = new Date(Date.UTC(2025, 10, 26, 22, 43, 1, 123));
  t.equal(CIMDateTime.fromDate(date).value, '20251126224301.123000+000');
  t.equal(CIMDateTime.fromDate(date, 60).value, '20251126234301.123000+060');
  t.equal(CIMDateTime.fromDate(date, -300).value, '20251126174301.123000-300');
  t.equal(CIMDateTime.fromDate(date, -300).toDate()?.getTime(), date.getTime(), 'round trip');
  t.throws(() => CIMDateTime.fromDate(date, 1000), /offset/, 'the offset has three digits');
  t.throws(() => CIMDateTime.fromDate(new Date(Date.UTC(10000, 0, 1))), /year/, 'the year has four digits');
});

t.test('equality is by text', async (t) => {
  t.ok(CIMDateTime.parse('20250101000000.000000+000').equals(CIMDateTime.parse('20250101000000.000000+000')));
  t.notOk(CIMDateTime.parse('20250101000000.000000+000').equals(CIMDateTime.parse('20250101010000.000000+060')));
});
