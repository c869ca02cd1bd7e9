import { readFileSync } from 'node:fs';
import t from 'tap';
import { validateSnapshot } from '../../../src/providers/validate.js';
import { parseReadings, sensorId, toSnapshot } from '../readings.js';

const example = JSON.parse(readFileSync(new URL('../examples/readings.json', import.meta.url), 'utf8')) as unknown;

t.test('the example file maps to sensors and fans', async (t) => {
  const snapshot = toSnapshot(parseReadings(example), new Map());
  validateSnapshot(snapshot);
  t.same(snapshot.sensors![0], {
    id: 'template:inlet', label: 'Inlet', kind: 'temperature', unit: 'celsius', decimals: 1, value: 24.5,
    thresholds: { upperNonCritical: 40, upperCritical: 45 }, settable: ['upperNonCritical', 'upperCritical'], source: 'template',
  });
  t.same(snapshot.sensors![2], {
    id: 'template:fan-1', label: 'Fan 1', kind: 'fan', unit: 'rpm', decimals: 0, value: 5200,
    thresholds: { lowerCritical: 1000 }, source: 'template',
  }, 'fans have no settable thresholds');
  t.match(snapshot.sensors![3], { id: 'template:fan-2', value: null, unavailable: 'failed' }, 'no reading is said so');
  t.same(snapshot.sensors![4]!.thresholds, { upperCritical: 12.6, lowerCritical: 11.4 });
  t.same(snapshot.fans, [
    { id: 'template:fan-1/fan', label: 'Fan 1', speedSensor: 'template:fan-1', status: 'ok' },
    { id: 'template:fan-2/fan', label: 'Fan 2', speedSensor: 'template:fan-2', status: 'unknown' },
  ]);
});

t.test('written thresholds override the file', async (t) => {
  const snapshot = toSnapshot(parseReadings(example), new Map([['template:inlet', { upperCritical: 50 }]]));
  t.same(snapshot.sensors![0]!.thresholds, { upperNonCritical: 40, upperCritical: 50 });
});

t.test('ids come from names and stay stable', async (t) => {
  t.equal(sensorId('CPU 1 Temp'), 'template:cpu-1-temp');
  t.equal(sensorId('  +12V rail!'), 'template:12v-rail');
});

t.test('a bad file is refused naming the field', async (t) => {
  const reading = { name: 'Inlet', type: 'temp', value: 1 };
  const cases: [unknown, string][] = [
    [null, 'expected an object with a "readings" array'],
    [{ readings: {} }, 'expected an object with a "readings" array'],
    [{ readings: [3] }, 'readings[0]: expected an object'],
    [{ readings: [{ ...reading, name: '' }] }, 'readings[0].name: expected a non-empty string'],
    [{ readings: [{ ...reading, type: 'humidity' }] }, 'readings[0].type: expected one of temp, fan, volt'],
    [{ readings: [{ ...reading, value: '24' }] }, 'readings[0].value: expected a number or null'],
    [{ readings: [{ ...reading, crit: 'high' }] }, 'readings[0].crit: expected a number'],
    [{ readings: [reading, { ...reading, name: 'inlet' }] }, 'readings[1].name: "inlet" is used twice'],
  ];
  for (const [data, message] of cases) t.throws(() => parseReadings(data), { message });
});
