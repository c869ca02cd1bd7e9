/**
 * GET /metrics as a real Prometheus reads it: each scrape piped to
 * `promtool check metrics` (Debian's prometheus 2.42), which must exit 0
 * and print nothing, neither a parse error nor a lint warning. The broker is
 * scraped in the states that add series: requests of every outcome, HTTP
 * refusals and failed logins, a failing provider, indication subscriptions
 * with deliveries sent and failed, hardware events, the encode cache, and a
 * large host. The request carries the headers Prometheus 2.42 sends (its
 * scrape.go, `scrapeAcceptHeader` and `scrapeAcceptHeaderWithProtobuf`, the
 * same strings as in /usr/bin/prometheus), and must be answered in the text
 * format 0.0.4 under its exact Content-Type.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import t from 'tap';
import type { Test } from 'tap';
import { WBEMConnection } from '../../src/client/index.js';
import { startListener } from '../../src/indications/listener.js';
import type { HardwareProvider } from '../../src/providers/api.js';
import { loadProviders } from '../../src/providers/index.js';
import { p, SIM, startTestBroker, TEST_LIMITS } from '../helpers/broker.js';
import { basic, cimCall, cimInvoke, send } from '../helpers/client.js';
import { parsePrometheus, samplesOf, type Exposition } from '../helpers/prometheus.js';
import { promtoolCheck, requirePromtool } from '../helpers/promtool.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';
import { loaded } from '../providers/helpers.js';
import { deadPort, instance } from '../helpers/instances.js';

requirePromtool();

const CIMV2 = 'root/cimv2';
const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
/** The Accept headers of Prometheus 2.42: the default, and with --enable-feature=native-histograms. */
const PROMETHEUS_ACCEPT = [
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
  'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,' +
    'application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
];

/** GET /metrics with the headers Prometheus sends; the body decoded as Prometheus decodes it (gzip when the answer says so). */
function prometheusScrape(url: string, accept: string): Promise<{ status: number; contentType: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { Accept: accept, 'Accept-Encoding': 'gzip', 'User-Agent': 'Prometheus/2.42.0', 'X-Prometheus-Scrape-Timeout-Seconds': '10' };
    request(new URL('/metrics', url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
        resolve({ status: res.statusCode!, contentType: res.headers['content-type'], text });
      });
    }).on('error', reject).end();
  });
}

/**
 * Scrapes as Prometheus does and has promtool check the answer, then the
 * strict reader, which also refuses the same series twice (promtool 2.42 lets
 * it through; the server drops the second sample and counts it). Returns the
 * last exposition read, for the test's own checks.
 */
async function checkedScrape(t: Test, url: string, what: string): Promise<Exposition> {
  let exposition: Exposition | undefined;
  for (const accept of PROMETHEUS_ACCEPT) {
    const scrape = await prometheusScrape(url, accept);
    t.equal(scrape.status, 200, `${what}: 200`);
    t.equal(scrape.contentType, CONTENT_TYPE, `${what}: the text format 0.0.4, what Prometheus falls back to (q=0.5)`);
    const checked = await promtoolCheck(scrape.text);
    t.same(checked, { code: 0, output: '' }, `${what}: promtool check metrics exits 0 and has nothing to say`);
    exposition = parsePrometheus(scrape.text);
  }
  return exposition!;
}

async function subscribe(client: WBEMConnection, name: string, destination: string): Promise<void> {
  const handler = await client.createInstance(instance('CIM_ListenerDestinationCIMXML', { Name: ['string', name], Destination: ['string', destination] }));
  const filter = await client.createInstance(instance('CIM_IndicationFilter', {
    Name: ['string', name], Query: ['string', 'SELECT * FROM CIM_AlertIndication'], QueryLanguage: ['string', 'DMTF:CQL'],
  }));
  await client.createInstance(instance('CIM_IndicationSubscription', { Filter: ['reference', filter], Handler: ['reference', handler] }));
}

t.test('a busy broker: every family with series, as promtool reads it', async (t) => {
  let now = 0;
  const dir = await mkdtemp(join(tmpdir(), 'thincim-promtool-'));
  const failing: HardwareProvider = { kind: 'hardware', name: 'failing', version: '1.0.0', sample: async () => { throw new Error('BMC unreachable'); } };
  const received = await startListener({ port: 0, onIndication: () => {} });
  const started = await startTestBroker({
    anonymousWrite: true,
    providers: [
      ...await loadProviders({ providers: ['simulated'], options: { simulated: { startTime: 0, clock: () => now } } }),
      loaded(failing, { interval: 3600 }),
    ],
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: false }, { protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true }],
    authenticator: await testAuthenticator(await writeUsers(dir, { ops: { role: 'admin', password: 'ops-Pa55' } })),
    indications: { retryAttempts: 1, retryIntervalSec: 0.1, timeoutSec: 5 },
    limits: { ...TEST_LIMITS, bodyBytes: 4096 },
  });
  const client = new WBEMConnection(started.url, { namespace: 'root/interop' });
  t.teardown(async () => {
    client.close();
    await started.close();
    await received.close();
    await rm(dir, { recursive: true });
  });
  const { url } = started;
  await checkedScrape(t, url, 'at start');

  await subscribe(client, 'received', `${received.url}/`);
  await subscribe(client, 'dead', `http://127.0.0.1:${await deadPort()}/`);
  for (let i = 0; i < 2; i++) await cimCall(url, 'EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_NumericSensor'));
  await cimCall(url, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', SIM.device('OMC_Fan', 'nosuch')));
  await cimCall(url, 'OpenEnumerateInstances', CIMV2, p.className('ClassName', 'CIM_Fan') + p.value('MaxObjectCount', 0));
  await cimCall(url, 'NoSuchOperation', CIMV2);
  await cimInvoke(url, 'MadeUpMethod', CIMV2, 'OMC_Fan', SIM.device('OMC_Fan', 'fan1'));
  await send(url, { path: '/nosuch' });
  await send(url, { method: 'POST', path: '/cimom', body: 'x'.repeat(8192), headers: { 'Content-Type': 'application/xml' } });
  const secured = started.broker.urls[1]!;
  await send(secured, { method: 'POST', path: '/cimom', headers: { Authorization: basic('ops', 'wrong') } });
  // The simulated host's timeline: fans and temperatures fail by then, so events reach both destinations.
  now = 250_000;
  await started.broker.manager.refresh();
  const deliveries = (e: Exposition, consumer: string, outcome: string) => samplesOf(e, 'thincim_deliveries_total', { consumer, outcome })[0]?.value ?? 0;
  // Waits for the deliveries themselves (bounded by tap's timeout), not for a time.
  for (;;) {
    const e = parsePrometheus((await send(url, { path: '/metrics' })).text);
    if (deliveries(e, 'indications:received', 'sent') > 0 && deliveries(e, 'indications:dead', 'failed') > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const busy = await checkedScrape(t, url, 'busy');
  // What this scrape held, so that a clean promtool run is not a run over empty families.
  const statuses = samplesOf(busy, 'thincim_http_refusals_total').map((s) => s.labels['status']).sort();
  t.same(statuses, ['401', '405', '413'], 'refusals: a failed login, a GET of the CIM path, a body too large');
  t.ok(samplesOf(busy, 'thincim_requests_total', { operation: 'InvokeMethod' }).length > 0, 'requests of several operations and statuses');
  t.ok(samplesOf(busy, 'thincim_request_duration_seconds_bucket').length > 0, 'request durations');
  t.same(samplesOf(busy, 'thincim_provider_up', { provider: 'failing' }).map((s) => s.value), [0], 'a failing provider');
  t.ok(samplesOf(busy, 'thincim_events_total').length > 1, 'hardware events');
  t.ok(samplesOf(busy, 'thincim_event_queue_length', { consumer: 'indications:dead' }).length === 1, 'a queue per destination');
  t.ok((samplesOf(busy, 'thincim_encode_cache_bytes')[0]?.value ?? 0) > 0, 'the encode cache holds a poll');
  t.same(samplesOf(busy, 'thincim_enumeration_contexts').map((s) => s.value), [1], 'an open enumeration context');
});

t.test('a large host: thousands of sensor series, as promtool reads them', async (t) => {
  const started = await startTestBroker({ simulated: { sensors: 2000 } });
  t.teardown(() => started.close());
  const exposition = await checkedScrape(t, started.url, 'large host');
  t.equal(samplesOf(exposition, 'thincim_sensor_reading').length, 2000, 'a series per sensor');
});

t.test('the checker itself: promtool refuses a malformed scrape and warns about what thincim fixed', async (t) => {
  t.equal((await promtoolCheck('metric{a="1"} one\n')).code, 1, 'a value that is not a number');
  t.same(await promtoolCheck('# HELP g_total Total.\n# TYPE g_total gauge\ng_total 1\n'),
    { code: 3, output: 'g_total non-counter metrics should not have "_total" suffix\n' }, 'a gauge named like a counter');
});
