/**
 * GET /metrics read the way Prometheus reads it (a strict text-format
 * parser), checked against what CIM clients are served; GET /healthz and
 * GET /readyz before and after the first samples.
 */
import t from 'tap';
import type { Test } from 'tap';
import { pino } from 'pino';
import type { CIMClass, CIMInstance } from '../../src/cim/index.js';
import type { HardwareProvider } from '../../src/providers/api.js';
import type { Repository } from '../../src/repository/index.js';
import { startBroker } from '../../src/server/broker.js';
import { instancesIn, p, projectRepository, SIM, startTestBroker, TEST_LIMITS } from '../helpers/broker.js';
import { cimCall, cimInvoke, send } from '../helpers/client.js';
import { parsePrometheus, samplesOf, type Exposition } from '../helpers/prometheus.js';
import { deferred, loaded } from '../providers/helpers.js';

const CIMV2 = 'root/cimv2';

async function scrape(url: string): Promise<Exposition> {
  const reply = await send(url, { path: '/metrics' });
  if (reply.status !== 200) throw new Error(`/metrics answered ${reply.status}`);
  if (!/^text\/plain; version=0\.0\.4/.test(String(reply.headers['content-type']))) throw new Error(`Content-Type ${reply.headers['content-type']}`);
  return parsePrometheus(reply.text);
}

async function enumerate(url: string, classname: string): Promise<CIMInstance[]> {
  return instancesIn((await cimCall(url, 'EnumerateInstances', CIMV2, p.className('ClassName', classname))).response);
}

/** The Values text of an enumerated value, looked up in the class's ValueMap by hand. */
function valuesText(cls: CIMClass, property: string, value: unknown): string {
  const qualifiers = cls.properties.get(property)!.qualifiers;
  const map = qualifiers.get('ValueMap')?.value as string[];
  const values = qualifiers.get('Values')?.value as string[];
  return values[map.indexOf(String(value))] ?? '';
}

const closeTo = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** The readings as served to CIM clients and as scraped, each from one request. */
async function sensorsAndReadings(url: string) {
  return { sensors: await enumerate(url, 'CIM_NumericSensor'), readings: samplesOf(await scrape(url), 'thincim_sensor_reading') };
}

t.test('thincim_sensor_reading: one sample per numeric sensor served, CurrentReading × 10^UnitModifier, with its labels', async (t) => {
  let now = 0;
  const { url, close, broker } = await startTestBroker({ simulated: { clock: () => now } });
  t.teardown(close);
  const repository = await projectRepository();
  const first = await sensorsAndReadings(url);
  t.ok(first.sensors.length >= 10, `the simulated host serves ${first.sensors.length} numeric sensors`);
  sameReadings(t, first, repository);

  // The readings move; the very next scrape shows the new ones (not those of the scrape before).
  now = 200_000;
  await broker.manager.refresh();
  const second = await sensorsAndReadings(url);
  t.not(second.sensors[0]!.get('CurrentReading'), first.sensors[0]!.get('CurrentReading'), 'the readings changed');
  sameReadings(t, second, repository);
});

function sameReadings(t: Test, { sensors, readings }: Awaited<ReturnType<typeof sensorsAndReadings>>, repository: Repository): void {
  t.equal(readings.length, sensors.filter((s) => s.get('CurrentReading') !== null).length, 'one sample per sensor with a reading');
  for (const sensor of sensors) {
    const deviceId = String(sensor.get('DeviceID'));
    const sample = readings.find((s) => s.labels['device_id'] === deviceId);
    const reading = sensor.get('CurrentReading') as number;
    const expected = reading * 10 ** Number(sensor.get('UnitModifier') ?? 0);
    t.ok(sample && closeTo(sample.value, expected), `${deviceId}: ${sample?.value} = ${reading} × 10^${sensor.get('UnitModifier')}`);
    const cls = repository.getClass(CIMV2, sensor.classname)!;
    t.same(sample?.labels, {
      device_id: deviceId,
      name: sensor.get('ElementName'),
      class: sensor.classname,
      type: valuesText(cls, 'SensorType', sensor.get('SensorType')),
      unit: valuesText(cls, 'BaseUnits', sensor.get('BaseUnits')),
    }, `${deviceId}: labels`);
  }
  const celsius = readings.filter((s) => s.labels['unit'] === 'Degrees C' && s.labels['type'] === 'Temperature');
  t.ok(celsius.length > 0 && celsius.every((s) => s.value > 0 && s.value < 150), 'temperatures in degrees, not in tenths');
}

t.test('thincim_health_state: the HealthState of the system, every fan and power supply', async (t) => {
  const { url, close } = await startTestBroker();
  t.teardown(close);
  const exposition = await scrape(url);
  const kinds: [string, string, string][] = [['CIM_ComputerSystem', 'system', 'Name'], ['CIM_Fan', 'fan', 'DeviceID'], ['CIM_PowerSupply', 'power_supply', 'DeviceID']];
  for (const [classname, kind, idProperty] of kinds) {
    const instances = await enumerate(url, classname);
    const samples = samplesOf(exposition, 'thincim_health_state', { kind });
    t.ok(instances.length > 0, `${classname}: served`);
    t.equal(samples.length, instances.length, `${kind}: one sample each`);
    for (const instance of instances) {
      const id = String(instance.get(idProperty));
      const sample = samples.find((s) => s.labels['device_id'] === id);
      t.equal(sample?.value, instance.get('HealthState'), `${kind} ${id}: HealthState ${instance.get('HealthState')}`);
      t.equal(sample?.labels['name'], instance.get('ElementName') ?? '');
      t.equal(sample?.labels['class'], instance.classname);
    }
    t.same(samplesOf(exposition, 'thincim_hardware_instances', { kind }).map((s) => s.value), [instances.length], `thincim_hardware_instances{kind="${kind}"}`);
  }
  t.ok(samplesOf(exposition, 'thincim_health_state', { kind: 'sensor' }).length > 0, 'sensors have theirs too');
  t.equal(exposition.types.get('thincim_health_state'), 'gauge');
});

t.test('the encode cache: its bytes in /metrics, within limits.encodeCacheBytes', async (t) => {
  const { url, close } = await startTestBroker();
  t.teardown(close);
  const bytes = async () => samplesOf(await scrape(url), 'thincim_encode_cache_bytes')[0]?.value;
  const before = await bytes();
  t.type(before, 'number', 'served from the start');
  await enumerate(url, 'CIM_NumericSensor');
  t.equal(await bytes(), before, 'one poll keeps nothing: its readings may have changed by the next');
  await enumerate(url, 'CIM_NumericSensor');
  const after = (await bytes())!;
  t.ok(after > before!, `a second poll keeps the sensors' XML: ${before} → ${after} bytes`);
  t.ok(after <= 16 * 1024 * 1024, 'within the default budget');
});

t.test('the operation label comes from a bounded set, whatever names requests carry', async (t) => {
  const { url, close } = await startTestBroker();
  t.teardown(close);
  await cimCall(url, 'enumerateINSTANCES', CIMV2, p.className('ClassName', 'CIM_Fan'));
  for (const name of ['NoSuchOperation', 'NoSuchOperation2']) t.equal((await cimCall(url, name, CIMV2)).response.error?.code, 7, `${name}: NOT_SUPPORTED`);
  await cimInvoke(url, 'MadeUpMethod', CIMV2, 'OMC_Fan', SIM.device('OMC_Fan', 'fan1'));
  const operations = new Set(samplesOf(await scrape(url), 'thincim_requests_total').map((s) => s.labels['operation']));
  t.ok(operations.has('EnumerateInstances'), 'an intrinsic operation under its defining spelling');
  t.ok(operations.has('other'), 'unknown operations are "other"');
  t.ok(operations.has('InvokeMethod'), 'extrinsic calls are InvokeMethod');
  for (const name of ['enumerateINSTANCES', 'NoSuchOperation', 'NoSuchOperation2', 'MadeUpMethod']) t.notOk(operations.has(name), `no series named ${name}`);
});

t.test('request counters and durations grow with requests, by operation and CIM status; the broker\'s own gauges', async (t) => {
  const { url, close } = await startTestBroker();
  t.teardown(close);
  const count = (e: Exposition, operation: string, status: string) =>
    samplesOf(e, 'thincim_requests_total', { operation, status })[0]?.value ?? 0;
  const before = await scrape(url);
  for (let i = 0; i < 3; i++) await enumerate(url, 'CIM_Fan');
  const missing = await cimCall(url, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', SIM.device('OMC_Fan', 'nosuch')));
  t.equal(missing.response.error?.code, 6);
  const opened = await cimCall(url, 'OpenEnumerateInstances', CIMV2, p.className('ClassName', 'CIM_Fan') + p.value('MaxObjectCount', 0));
  t.equal(opened.response.error, undefined);
  t.equal((await send(url, { path: '/nosuch' })).status, 405, 'a GET of a CIM path');
  const after = await scrape(url);
  const refused = (e: Exposition) => samplesOf(e, 'thincim_http_refusals_total', { status: '405' })[0]?.value ?? 0;
  t.equal(refused(after) - refused(before), 1, 'an HTTP refusal under its status');

  t.equal(count(after, 'EnumerateInstances', '0') - count(before, 'EnumerateInstances', '0'), 3, 'three successful EnumerateInstances');
  t.equal(count(after, 'GetInstance', '6') - count(before, 'GetInstance', '6'), 1, 'a failed GetInstance under its CIM status');
  t.equal(after.types.get('thincim_requests_total'), 'counter');
  const durations = samplesOf(after, 'thincim_request_duration_seconds_count', { operation: 'EnumerateInstances' })[0]?.value ?? 0;
  t.ok(durations >= 3, 'each one timed');
  t.equal(after.types.get('thincim_request_duration_seconds'), 'histogram');

  t.same(samplesOf(after, 'thincim_enumeration_contexts').map((s) => s.value), [1], 'the open pull context');
  t.ok((samplesOf(after, 'thincim_model_generation')[0]?.value ?? 0) >= 1, 'the published generation');
  const provider = { provider: 'simulated' };
  t.same(samplesOf(after, 'thincim_provider_up', provider).map((s) => s.value), [1], 'provider up');
  t.ok((samplesOf(after, 'thincim_provider_samples_total', provider)[0]?.value ?? 0) >= 1, 'samples taken');
  t.same(samplesOf(after, 'thincim_provider_errors_total', provider).map((s) => s.value), [0], 'no errors');
  for (const name of ['thincim_provider_samples_total', 'thincim_provider_errors_total', 'thincim_events_dropped_total', 'thincim_http_refusals_total']) {
    t.equal(after.types.get(name), 'counter', `${name} is a counter (rate() and increase() apply)`);
  }
  for (const name of ['thincim_provider_sample_duration_seconds', 'thincim_provider_sample_age_seconds']) {
    const [sample] = samplesOf(after, name, provider);
    t.ok(sample !== undefined && sample.value >= 0, `${name} present`);
  }
  t.ok(samplesOf(after, 'thincim_process_cpu_user_seconds_total').length === 1, 'and the Node.js process metrics');
});

t.test('the Node.js process metrics, under the names prom-client gave them', async (t) => {
  const { url, close } = await startTestBroker();
  t.teardown(close);
  // Garbage enough for a few scavenges, for the GC histogram to count.
  let garbage = 0;
  for (let i = 0; i < 2e6; i++) garbage += [i, String(i)].length;
  t.equal(garbage, 4e6);
  const before = process.cpuUsage();
  const exposition = await scrape(url);
  const after = process.cpuUsage();
  const value = (name: string) => {
    const samples = samplesOf(exposition, `thincim_${name}`);
    t.equal(samples.length, 1, `${name}: one sample`);
    return samples[0]?.value ?? NaN;
  };
  const types: Record<string, string> = {
    process_cpu_user_seconds_total: 'counter', process_cpu_system_seconds_total: 'counter', process_cpu_seconds_total: 'counter',
    process_start_time_seconds: 'gauge', process_resident_memory_bytes: 'gauge', process_virtual_memory_bytes: 'gauge',
    process_heap_bytes: 'gauge', process_open_fds: 'gauge', process_max_fds: 'gauge', nodejs_eventloop_lag_seconds: 'gauge',
    nodejs_active_resources: 'gauge', nodejs_heap_size_total_bytes: 'gauge',
    nodejs_heap_size_used_bytes: 'gauge', nodejs_external_memory_bytes: 'gauge', nodejs_heap_space_size_total_bytes: 'gauge',
    nodejs_heap_space_size_used_bytes: 'gauge', nodejs_heap_space_size_available_bytes: 'gauge', nodejs_version_info: 'gauge',
    nodejs_gc_duration_seconds: 'histogram',
  };
  for (const [name, type] of Object.entries(types)) t.equal(exposition.types.get(`thincim_${name}`), type, `thincim_${name} is a ${type}`);

  // The broker runs in this process: its figures are this process's.
  const user = value('process_cpu_user_seconds_total');
  const system = value('process_cpu_system_seconds_total');
  t.ok(user >= before.user / 1e6 && user <= after.user / 1e6, `user CPU ${user} s since the process started`);
  t.ok(system >= before.system / 1e6 && system <= after.system / 1e6, `system CPU ${system} s`);
  t.ok(closeTo(value('process_cpu_seconds_total'), user + system), 'total = user + system');
  const started = Date.now() / 1000 - process.uptime();
  t.ok(Math.abs(value('process_start_time_seconds') - started) < 1, 'the process start time');
  const rss = value('process_resident_memory_bytes');
  t.ok(rss > 10e6 && rss <= value('process_virtual_memory_bytes'), `resident ${rss} B ≤ virtual`);
  t.ok(value('process_heap_bytes') > 0);
  const fds = value('process_open_fds');
  t.ok(fds > 0 && fds <= value('process_max_fds'), `${fds} open file descriptors, within the limit`);
  t.ok(value('nodejs_eventloop_lag_seconds') >= 0);
  t.ok(value('nodejs_heap_size_used_bytes') <= value('nodejs_heap_size_total_bytes'), 'heap used ≤ heap total');
  t.ok(value('nodejs_external_memory_bytes') > 0);
  t.ok(samplesOf(exposition, 'thincim_nodejs_heap_space_size_used_bytes', { space: 'old' }).length === 1, 'the old space by name');
  const resources = samplesOf(exposition, 'thincim_nodejs_active_resources');
  t.ok(resources.some((s) => s.labels['type'] === 'TCPServerWrap' && s.value >= 1), 'at least the listening socket');
  t.notOk(exposition.types.has('thincim_nodejs_active_resources_total'), 'no gauge named like a counter: sum(thincim_nodejs_active_resources) is the total');
  t.ok((samplesOf(exposition, 'thincim_nodejs_gc_duration_seconds_count', { kind: 'minor' })[0]?.value ?? 0) > 0, 'the scavenges counted');
  const [major, minor, patch] = process.versions.node.split('.');
  t.same(samplesOf(exposition, 'thincim_nodejs_version_info').map((s) => [s.labels, s.value]), [[{ version: process.version, major, minor, patch }, 1]]);
});

t.test('/healthz answers at once; /readyz is 503 until every enabled provider has been sampled, well or badly', async (t) => {
  const gate = deferred();
  const waiting: HardwareProvider = { kind: 'hardware', name: 'waiting', version: '1.0.0', sample: async () => { await gate.promise; return {}; } };
  const failing: HardwareProvider = { kind: 'hardware', name: 'failing', version: '1.0.0', sample: async () => { throw new Error('BMC unreachable'); } };
  const broker = await startBroker({
    repository: await projectRepository(),
    providers: [loaded(waiting, { timeout: 60_000 }), loaded(failing, { interval: 3600 })],
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: false }],
    limits: TEST_LIMITS,
    logger: pino({ level: 'silent' }),
    hostname: 'testhost',
  });
  t.teardown(() => {
    gate.resolve();
    return broker.close();
  });
  const url = broker.urls[0]!;

  const health = await send(url, { path: '/healthz' });
  t.equal(health.status, 200);
  t.same(JSON.parse(health.text), { status: 'ok' });

  const starting = await send(url, { path: '/readyz' });
  t.equal(starting.status, 503, 'a provider has not been sampled yet');
  t.match(JSON.parse(starting.text), { status: 'starting', schema: 'loaded', providers: [{ name: 'waiting', sampled: false, healthy: false }] });
  t.equal(samplesOf(await scrape(url), 'thincim_provider_up', { provider: 'waiting' })[0]?.value, 0, 'not up before its first sample');

  gate.resolve();
  await broker.manager.refresh('waiting');
  await broker.manager.refresh('failing');
  const ready = await send(url, { path: '/readyz' });
  t.equal(ready.status, 200, 'both sampled: ready');
  t.same(JSON.parse(ready.text), {
    status: 'ready',
    schema: 'loaded',
    simulated: false,
    providers: [
      { name: 'waiting', enablement: 'explicit', sampled: true, healthy: true },
      { name: 'failing', enablement: 'explicit', sampled: true, healthy: false, error: 'BMC unreachable' },
    ],
  }, 'a failing provider is reported, not waited for');
  const exposition = await scrape(url);
  t.same(samplesOf(exposition, 'thincim_provider_up').map((s) => [s.labels['provider'], s.value]), [['waiting', 1], ['failing', 0]]);
  t.ok((samplesOf(exposition, 'thincim_provider_errors_total', { provider: 'failing' })[0]?.value ?? 0) >= 1);
});

t.test('the text-format reader refuses what Prometheus would refuse', async (t) => {
  t.throws(() => parsePrometheus('metric{a="1"} one\n'), /line 1: not a number/);
  t.throws(() => parsePrometheus('ok 1\nmetric{a=1} 2\n'), /line 2: malformed labels/);
  t.throws(() => parsePrometheus('metric{a="1",a="2"} 2\n'), /label a twice/);
  t.throws(() => parsePrometheus('# TYPE m histogramm\n'), /unknown metric type/);
  t.throws(() => parsePrometheus('not a sample\n'), /not a sample/);
  t.throws(() => parsePrometheus('# TYPE m gauge\n# TYPE m gauge\n'), /line 2: second TYPE for m/);
  t.throws(() => parsePrometheus('# HELP m a\n# HELP m b\n'), /line 2: second HELP for m/);
  t.throws(() => parsePrometheus('m 1\n# TYPE m gauge\n'), /line 2: TYPE of m after its samples/);
  t.throws(() => parsePrometheus('m{a="1",b="2"} 1\nm{b="2",a="1"} 2\n'), /line 2: the same series twice/);
  // What promtool check metrics (2.42) refuses too: escapes the format does not have, a last line without its line feed.
  t.throws(() => parsePrometheus('m{a="x\\ty"} 1\n'), /line 1: an escape label values do not have: \\t/);
  t.throws(() => parsePrometheus('# HELP m a\\tb\n'), /line 1: an escape HELP does not have/);
  t.throws(() => parsePrometheus('# HELP m a\\\\\\tb\n'), /line 1: an escape HELP does not have/, 'an escaped backslash, then \\t');
  t.doesNotThrow(() => parsePrometheus('# HELP m a\\\\tb\\n\n'), 'an escaped backslash, then t; an escaped line feed');
  t.throws(() => parsePrometheus('m 1\nm2 2'), /line 2: the last line has no line feed/);
  const histogram = (lines: string) => `# TYPE h histogram\n${lines}h_sum 3\nh_count 2\n`;
  t.doesNotThrow(() => parsePrometheus(histogram('h_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\n')));
  t.throws(() => parsePrometheus('# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 3\n# TYPE h histogram\n'), /second TYPE/, 'the _bucket and _sum samples belong to h');
  t.throws(() => parsePrometheus(histogram('h_bucket{le="1"} 3\nh_bucket{le="+Inf"} 2\n')), /buckets not cumulative/);
  t.throws(() => parsePrometheus(histogram('h_bucket{le="2"} 1\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\n')), /le not increasing/);
  t.throws(() => parsePrometheus(histogram('h_bucket{le="1"} 2\n')), /no \+Inf bucket/);
  t.throws(() => parsePrometheus(histogram('h_bucket{le="1"} 1\nh_bucket{le="+Inf"} 1\n')), /_count 2 is not the \+Inf bucket/);
  t.throws(() => parsePrometheus('# TYPE h histogram\nh_bucket{le="+Inf"} 0\nh_count 0\n'), /no _sum/);
  const read = parsePrometheus('# HELP m Help text\n# TYPE m gauge\n# a comment\nm{a="x\\"y\\\\z\\n",b="",} -Inf 1700000000\nm{a="2"} Nan\nm{a="3"} +Inf\n');
  t.same(read.samples[0], { name: 'm', labels: { a: 'x"y\\z\n', b: '' }, value: -Infinity });
  t.ok(Number.isNaN(read.samples[1]!.value), 'NaN in any case, as Go\'s ParseFloat reads it');
  t.equal(read.samples[2]!.value, Infinity);
  t.equal(read.types.get('m'), 'gauge');
  t.equal(read.help.get('m'), 'Help text');
});
