/**
 * One bad sensor among good ones, over HTTP: the broker serves the others
 * current, the bad one as lost when it was served before (not at all when
 * it never was), and names it where an operator looks: the provider's state
 * in /api/v1/status and thincim_provider_refused_items in /metrics.
 */
import t from 'tap';
import type { CIMInstance } from '../../src/cim/index.js';
import type { HardwareSnapshot, NumericSensor } from '../../src/model/snapshot.js';
import type { LoadedProvider } from '../../src/providers/index.js';
import { PROBLEMS_KEPT } from '../../src/providers/runner.js';
import { instancesIn, p, startTestBroker } from '../helpers/broker.js';
import { cimCall, send } from '../helpers/client.js';
import { parsePrometheus, samplesOf } from '../helpers/prometheus.js';

const sensor = (n: number, value: unknown): NumericSensor =>
  ({ id: `oem:t${n}`, label: `Temp ${n}`, kind: 'temperature', unit: 'celsius', value, decimals: 0, thresholds: { upperCritical: 90 } }) as NumericSensor;

/** Three good sensors, and then whatever `bad` says for the second and a fourth. */
let bad: { second?: unknown; fourth?: unknown } = {};
const sample = async (): Promise<HardwareSnapshot> => ({
  sensors: [sensor(1, 31), sensor(2, 'second' in bad ? bad.second : 32), sensor(3, 33), ...('fourth' in bad ? [sensor(4, bad.fourth)] : [])],
});

const oem: LoadedProvider = {
  provider: { kind: 'hardware', name: 'oem', version: '1.0.0', sample },
  source: 'test:oem', options: {}, schedule: { interval: 60, timeout: 1000 }, enablement: 'explicit',
};

async function sensors(url: string): Promise<Map<string, CIMInstance>> {
  const reply = await cimCall(url, 'EnumerateInstances', 'root/cimv2', p.className('ClassName', 'CIM_NumericSensor'));
  return new Map(instancesIn(reply.response).map((i) => [i.get('ElementName') as string, i]));
}

t.test('one bad sensor: the others are served, the bad one is reported', async (t) => {
  const server = await startTestBroker({ providers: [oem] });
  t.teardown(() => server.close());
  t.same([...(await sensors(server.url)).keys()].sort(), ['Temp 1', 'Temp 2', 'Temp 3']);

  bad = { second: Number.NaN, fourth: 'hot' };
  await server.broker.manager.refresh('oem');
  const served = await sensors(server.url);
  t.same([...served.keys()].sort(), ['Temp 1', 'Temp 2', 'Temp 3'], 'a bad sensor never served before is not served');
  for (const name of ['Temp 1', 'Temp 3']) t.same(served.get(name)!.get('OperationalStatus'), [2], `${name} is current`);
  const lost = served.get('Temp 2')!;
  t.same(lost.get('OperationalStatus'), [13], 'the one served before is Lost Communication');
  t.equal(lost.get('CurrentReading'), 32, 'with its last reading');
  t.same(lost.get('StatusDescriptions'), ["invalid in the provider's sample (value)"]);

  const status = JSON.parse((await send(server.url, { path: '/api/v1/status' })).text) as { providers: { name: string; state: string; refusedItems: string[] }[] };
  t.match(status.providers.find((p) => p.name === 'oem'), {
    state: 'sampling',
    refusedCount: 2,
    refusedItems: [
      'snapshot.sensors[1].value: expected a finite number or null, got number NaN (id "oem:t2")',
      'snapshot.sensors[3].value: expected a finite number or null, got string "hot" (id "oem:t4")',
    ],
  });
  const metrics = parsePrometheus((await send(server.url, { path: '/metrics' })).text);
  t.same(samplesOf(metrics, 'thincim_provider_refused_items', { provider: 'oem' }).map((s) => s.value), [2]);
  t.same(samplesOf(metrics, 'thincim_provider_up', { provider: 'oem' }).map((s) => s.value), [1], 'the provider is up');

  bad = {};
  await server.broker.manager.refresh('oem');
  t.same((await sensors(server.url)).get('Temp 2')!.get('OperationalStatus'), [2], 'current again once valid');
  const after = parsePrometheus((await send(server.url, { path: '/metrics' })).text);
  t.same(samplesOf(after, 'thincim_provider_refused_items', { provider: 'oem' }).map((s) => s.value), [0]);
});

t.test('many bad items: the status keeps the first with their count, the page and the gauge count them all', async (t) => {
  const count = PROBLEMS_KEPT + 3;
  const many: LoadedProvider = {
    ...oem,
    provider: { kind: 'hardware', name: 'many', version: '1.0.0', sample: async () => ({ sensors: Array.from({ length: count }, (_, i) => sensor(i, 'hot')) }) },
  };
  const server = await startTestBroker({ providers: [many] });
  t.teardown(() => server.close());
  const status = JSON.parse((await send(server.url, { path: '/api/v1/status' })).text) as { providers: { refusedItems: string[]; refusedCount: number }[] };
  t.equal(status.providers[0]!.refusedItems.length, PROBLEMS_KEPT);
  t.equal(status.providers[0]!.refusedCount, count);
  t.match((await send(server.url, { path: '/' })).text, `sampling; ${count} invalid items refused`);
  const metrics = parsePrometheus((await send(server.url, { path: '/metrics' })).text);
  t.same(samplesOf(metrics, 'thincim_provider_refused_items', { provider: 'many' }).map((s) => s.value), [count]);
});
