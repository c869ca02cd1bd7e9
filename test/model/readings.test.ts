import t from 'tap';
import { rememberReadings } from '../../src/model/readings.js';
import type { NumericSensor } from '../../src/model/snapshot.js';

const sensor = (over: Partial<NumericSensor> = {}): NumericSensor => ({
  id: 's', label: 'Inlet Temp', kind: 'temperature', unit: 'celsius', value: 20, decimals: 1, ...over,
});

t.test('rememberReadings keeps the last good reading of each sensor, and since when it is lost', async (t) => {
  const snapshot = (...values: (number | null)[]) => ({ sensors: values.map((value, i) => sensor({ id: `s${i}`, value, decimals: 1 })) });
  const first = rememberReadings(new Map(), snapshot(20, null), 1000);
  t.same([...first], [['s0', { value: 20, decimals: 1 }]], 'a sensor that never read is not remembered');
  const lost = rememberReadings(first, snapshot(null, 7), 2000);
  t.same([...lost], [['s0', { value: 20, decimals: 1, lostSince: 2000 }], ['s1', { value: 7, decimals: 1 }]]);
  const stillLost = rememberReadings(lost, snapshot(null, null), 3000);
  t.same(stillLost.get('s0'), { value: 20, decimals: 1, lostSince: 2000 }, 'lost since the first sample that missed it');
  t.same(rememberReadings(stillLost, snapshot(21), 4000).get('s0'), { value: 21, decimals: 1 }, 'regained');
  t.equal(rememberReadings(stillLost, { sensors: [] }, 5000).size, 0, 'sensors gone from the snapshot are forgotten');
  const disabled = rememberReadings(first, { sensors: [sensor({ id: 's0', value: 30, unavailable: 'disabled' })] }, 6000);
  t.same(disabled.get('s0'), { value: 20, decimals: 1, lostSince: 6000 }, 'a value flagged unavailable is no reading');
});
