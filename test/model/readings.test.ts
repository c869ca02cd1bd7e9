import t from 'tap';
import { rememberReadings } from '../../src/model/readings.js';
import type { NumericSensor } from '../../src/model/snapshot.js';

const sensor = (over: Partial<NumericSensor> = {}): NumericSensor => ({
  id: 's', label: 'Inlet Temp', kind: 'temperature', unit: 'celsius', value: 20, decimals: 1, ...over,
});

t.test('rememberReadings keeps the last good reading of each sensor, and since when it is lost', async (t) => {
  const snapshot = (...values: (number | null)[]) => ({ sensors: values.map((value, i) => sensor({ id: `s${i}`, value, decimals: 1 })) });
  const first = rememberReadings(new Map(), snapshot(20, null), 1000);
  t.same([...first], [['s0', { value: 20, decimals: 1, state: 'Normal' }]], 'a sensor that never read is not remembered');
  const lost = rememberReadings(first, snapshot(null, 7), 2000);
  t.same([...lost], [['s0', { value: 20, decimals: 1, state: 'Normal', lostSince: 2000 }], ['s1', { value: 7, decimals: 1, state: 'Normal' }]]);
  const stillLost = rememberReadings(lost, snapshot(null, null), 3000);
  t.same(stillLost.get('s0'), { value: 20, decimals: 1, state: 'Normal', lostSince: 2000 }, 'lost since the first sample that missed it');
  t.same(rememberReadings(stillLost, snapshot(21), 4000).get('s0'), { value: 21, decimals: 1, state: 'Normal' }, 'regained');
  t.equal(rememberReadings(stillLost, { sensors: [] }, 5000).size, 0, 'sensors gone from the snapshot are forgotten');
  const disabled = rememberReadings(first, { sensors: [sensor({ id: 's0', value: 30, unavailable: 'disabled' })] }, 6000);
  t.same(disabled.get('s0'), { value: 20, decimals: 1, state: 'Normal', lostSince: 6000 }, 'a value flagged unavailable is no reading');
});

t.test('a crossed threshold is left only past its hysteresis', async (t) => {
  const at = (memory: Map<string, never> | ReturnType<typeof rememberReadings>, value: number, over: Partial<NumericSensor> = {}) =>
    rememberReadings(memory, { sensors: [sensor({ value, thresholds: { upperNonCritical: 40, upperCritical: 50 }, ...over })] }, 0);
  const states = (values: number[], over: Partial<NumericSensor> = {}) => {
    let memory = rememberReadings(new Map(), { sensors: [] }, 0);
    return values.map((value) => (memory = at(memory, value, over)).get('s')!.state);
  };
  // Default hysteresis: 1 % of 50 = 0.5, of 40 = 0.4.
  t.same(states([49.9, 50, 49.8, 50.1, 49.6, 49.5, 39.7, 39.6]), [
    'Upper Non-Critical', 'Upper Critical', 'Upper Critical', 'Upper Critical', 'Upper Critical', 'Upper Non-Critical', 'Upper Non-Critical', 'Normal',
  ], 'hovering at 50 stays Upper Critical; back by 0.5 leaves it');
  t.same(states([51, 45, 30]), ['Upper Critical', 'Upper Non-Critical', 'Normal'], 'a clear drop leaves at once');
  t.same(states([50, 48, 47], { hysteresis: 3 }), ['Upper Critical', 'Upper Critical', 'Upper Non-Critical'], "the sensor's own hysteresis");
  t.same(states([40, 39.9], { decimals: 0, thresholds: { upperNonCritical: 40 } }).at(-1), 'Upper Non-Critical', 'at least two steps of the resolution');
  t.same(states([-10, 5, -10], { thresholds: { lowerCritical: 0 } }), ['Lower Critical', 'Normal', 'Lower Critical'], 'lower thresholds alike');
});

t.test('the memory keeps the state published: a limit a source judges itself and did not enforce is not held', async (t) => {
  const judgedBySource = (value: number, health: 'ok' | 'critical') =>
    sensor({ value, decimals: 0, health, thresholdsJudged: true, thresholds: { upperCritical: 40 } });
  const okAtLimit = rememberReadings(new Map(), { sensors: [judgedBySource(40, 'ok')] }, 0);
  t.equal(okAtLimit.get('s')?.state, 'Normal', 'the source said ok at 40: Normal, though 40 reaches the limit');
  const critical = rememberReadings(new Map(), { sensors: [judgedBySource(41, 'critical')] }, 0);
  t.equal(critical.get('s')?.state, 'Upper Critical');
  t.equal(rememberReadings(critical, { sensors: [judgedBySource(40, 'ok')] }, 0).get('s')?.state, 'Upper Critical', 'held back at the limit');
});

t.test('a source that does not judge its thresholds: the memory keeps the threshold crossed, never a state it named', async (t) => {
  // A chip's latched alarm names a limit the reading is inside (a dip between two samples); once the chip says ok,
  // nothing holds what it named: the reading never crossed the limit.
  const reported = (health: 'ok' | 'critical') => sensor({ value: 605, decimals: 0, health, thresholds: { lowerCritical: 600 },
    ...(health === 'critical' ? { crossed: 'lowerCritical' as const } : {}) });
  const named = rememberReadings(new Map(), { sensors: [reported('critical')] }, 0);
  t.equal(named.get('s')?.state, 'Normal', '605 is inside its lower critical 600, whatever the source named');
  t.equal(rememberReadings(named, { sensors: [reported('ok')] }, 0).get('s')?.state, 'Normal', 'and stays so when it says ok');
});

t.test('a source that judges its thresholds: a threshold it named and the reading did not cross is not held either', async (t) => {
  // A BMC whose own hysteresis is narrower than the model's names a limit the reading has come back inside.
  const bmc = (health: 'ok' | 'critical') => sensor({ value: 605, decimals: 0, health, thresholdsJudged: true, thresholds: { lowerCritical: 600 },
    ...(health === 'critical' ? { crossed: 'lowerCritical' as const } : {}) });
  const named = rememberReadings(new Map(), { sensors: [bmc('critical')] }, 0);
  t.equal(named.get('s')?.state, 'Normal', '605 is inside its lower critical 600');
  t.equal(rememberReadings(named, { sensors: [bmc('ok')] }, 0).get('s')?.state, 'Normal', 'and the BMC\'s ok clears it');
});
