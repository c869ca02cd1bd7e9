import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { HardwareProvider, ProviderContext } from '../../../src/providers/api.js';
import simulated, { DEFAULT_MAX_SENSORS, DEFAULT_SCENARIO, MAX_TIME_SCALE, SimulatedHost, type SimulatedOptions } from '../index.js';

const T0 = Date.UTC(2024, 0, 1);

function context(signal: AbortSignal = new AbortController().signal): ProviderContext {
  const log = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  return { log, signal, deadline: Date.now() + 1000, repository: undefined as never };
}

async function provider(options: SimulatedOptions): Promise<HardwareProvider> {
  const p = await simulated(options);
  if (p.kind !== 'hardware') throw new Error('not a hardware provider');
  return p;
}

t.test('a hardware provider named simulated', async (t) => {
  const p = await provider({});
  t.match(p, { kind: 'hardware', name: 'simulated', version: /^\d+\.\d+\.\d+$/ });
  const snapshot = await p.sample(context());
  t.equal(snapshot.sensors?.length, DEFAULT_SCENARIO.sensors?.length, 'the default scenario when none is given');
  t.equal(snapshot.system?.hostname, 'sim-server-01');
});

t.test('elapsed time comes from the injected clock, the start time and the time scale', async (t) => {
  let now = T0;
  const p = await provider({ clock: () => now, startTime: T0 });
  const host = new SimulatedHost(DEFAULT_SCENARIO);
  now = T0 + 250_000;
  t.same(await p.sample(context()), host.snapshotAt(250), 'same scenario, same elapsed time, same snapshot');
  t.same(await p.sample(context()), host.snapshotAt(250), 'and again');
  const fast = await provider({ clock: () => now, startTime: new Date(T0).toISOString(), timeScale: 60 });
  now = T0 + 12_000;
  t.same(await fast.sample(context()), host.snapshotAt(720), '12 s at 60× is 720 s');
  now = T0 + 5_000;
  const fromCreation = await provider({ clock: () => now });
  now = T0 + 65_000;
  t.same(await fromCreation.sample(context()), host.snapshotAt(60), 'without startTime, time starts when the provider is made');
});

t.test('timeline: false is a steady host: readings still move, the timeline\'s failures never come', async (t) => {
  let now = T0;
  const steady = await provider({ clock: () => now, startTime: T0, timeline: false });
  const played = new SimulatedHost(DEFAULT_SCENARIO);
  const still = new SimulatedHost({ ...DEFAULT_SCENARIO, timeline: { events: [] } });
  const loop = DEFAULT_SCENARIO.timeline?.loopSeconds ?? 0;
  t.ok(loop > 0, 'the built-in scenario has a timeline');
  for (let at = 0; at < loop; at += 30) {
    now = T0 + at * 1000;
    t.same(await steady.sample(context()), still.snapshotAt(at), `at ${at} s`);
  }
  const ats = Array.from({ length: loop / 30 }, (_, i) => i * 30);
  t.ok(ats.some((at) => JSON.stringify(played.snapshotAt(at)) !== JSON.stringify(still.snapshotAt(at))), 'the timeline would have changed the host');
  t.ok(new Set(ats.map((at) => still.snapshotAt(at).sensors?.[0]?.value)).size > 1, 'readings move');
});

t.test('sensors: N scales the host', async (t) => {
  const p = await provider({ sensors: 1234 });
  t.equal((await p.sample(context())).sensors?.length, 1234);
  t.equal((await (await provider({ sensors: 0 })).sample(context())).sensors?.length, 0);
  t.equal((await (await provider({ sensors: 5, maxSensors: 5 })).sample(context())).sensors?.length, 5);
});

t.test('a scenario file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'thincim-sim-'));
  const file = join(dir, 'tiny.json');
  await writeFile(file, JSON.stringify({ system: { hostname: 'tiny' }, sensors: [{ id: 'v', label: 'V', kind: 'voltage', unit: 'volts', decimals: 1, value: 5 }] }));
  const snapshot = await (await provider({ scenario: file })).sample(context());
  t.match(snapshot, { system: { hostname: 'tiny' }, sensors: [{ id: 'v', value: 5 }] });
  await t.rejects(async () => simulated({ scenario: join(dir, 'none.json') }), { name: 'ScenarioError', code: 'READ' });
  await writeFile(file, '{"sensors": 3}');
  await t.rejects(async () => simulated({ scenario: file }), { code: 'SCHEMA', path: '$.sensors', file });
  await t.rejects(async () => simulated({ scenario: file, maxScenarioBytes: 4 }), { code: 'TOO_LARGE' });
});

t.test('bad options are refused with the option named', async (t) => {
  const cases: [SimulatedOptions, string, RegExp][] = [
    [{ sensors: -1 }, 'options.sensors', /integer from 0 to 100000/],
    [{ sensors: 2.5 }, 'options.sensors', /not 2.5/],
    [{ sensors: '10' as never }, 'options.sensors', /not "10"/],
    [{ sensors: DEFAULT_MAX_SENSORS + 1 }, 'options.sensors', /to 100000/],
    [{ sensors: 11, maxSensors: 10 }, 'options.sensors', /from 0 to 10,/],
    [{ maxSensors: -5 }, 'options.maxSensors', /integer/],
    [{ maxScenarioBytes: 0 }, 'options.maxScenarioBytes', /from 1/],
    [{ timeScale: 0 }, 'options.timeScale', /above 0/],
    [{ timeScale: MAX_TIME_SCALE * 2 }, 'options.timeScale', /at most 1000000/],
    [{ timeScale: 'fast' as never }, 'options.timeScale', /not "fast"/],
    [{ timeScale: NaN }, 'options.timeScale', /above 0/],
    [{ startTime: 'yesterday' }, 'options.startTime', /ISO 8601/],
    [{ startTime: Infinity }, 'options.startTime', /epoch milliseconds/],
    [{ clock: 42 as never }, 'options.clock', /function/],
    [{ timeline: 'no' as never }, 'options.timeline', /true or false/],
  ];
  for (const [options, path, message] of cases) {
    await t.rejects(async () => simulated(options), { name: 'ScenarioError', code: 'OPTION', path, message }, JSON.stringify(options));
  }
});

t.test('sample honours the abort signal', async (t) => {
  const p = await provider({});
  const controller = new AbortController();
  controller.abort(new Error('deadline'));
  await t.rejects(p.sample(context(controller.signal)), { message: 'deadline' });
});

t.test('threshold writes and restore', async (t) => {
  const p = await provider({ clock: () => T0, startTime: T0 });
  const cpu = async (): Promise<unknown> => (await p.sample(context())).sensors?.find((s) => s.id === 'cpu1-temp')?.thresholds;
  await p.setThreshold!(context(), 'cpu1-temp', 'upperNonCritical', 70);
  t.same(await cpu(), { upperNonCritical: 70, upperCritical: 95, upperFatal: 100 });
  await p.setThreshold!(context(), 'cpu1-temp', 'upperCritical', 90);
  t.same(await cpu(), { upperNonCritical: 70, upperCritical: 90, upperFatal: 100 }, 'writes add up');
  await t.rejects(p.setThreshold!(context(), 'cpu1-temp', 'upperFatal', 99), /not settable/);
  await t.rejects(p.setThreshold!(context(), 'gpu', 'upperCritical', 99), /no simulated sensor "gpu"/);
  await t.rejects(p.setThreshold!(context(), 'cpu1-temp', 'upperCritical', NaN), /finite/);
  await p.restoreDefaultThresholds!(context(), 'cpu1-temp');
  t.same(await cpu(), { upperNonCritical: 85, upperCritical: 95, upperFatal: 100 });
  await t.rejects(p.restoreDefaultThresholds!(context(), 'gpu'), /no simulated sensor/);
});

t.test('threshold writes follow the scaled host', async (t) => {
  const p = await provider({ sensors: 30 });
  await p.setThreshold!(context(), 'cpu1-temp#2', 'upperCritical', 90);
  t.match((await p.sample(context())).sensors?.find((s) => s.id === 'cpu1-temp#2')?.thresholds, { upperCritical: 90 }, 'a copy is settable like its template');
  const few = await provider({ sensors: 1 });
  await t.rejects(few.setThreshold!(context(), 'cpu2-temp', 'upperCritical', 90), /no simulated sensor "cpu2-temp"/, 'a sensor scaled away is gone');
});
