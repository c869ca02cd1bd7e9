/**
 * The health page's HTTP side, without a browser: the JSON API, the
 * headers, CIM-XML keeping POST on every path, the Host check, the history
 * and its memory in /metrics, and the page switched off.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import t from 'tap';
import { cimHeaders, imethodBody, startTestBroker } from '../helpers/broker.js';
import { send } from '../helpers/client.js';
import { parsePrometheus, samplesOf } from '../helpers/prometheus.js';

let now = 0;
const POINTS = 50;
const started = await startTestBroker({ simulated: { clock: () => now, startTime: 0 }, history: { seconds: 600, points: POINTS } });
t.teardown(() => started.close());
const url = started.url;

const json = async (path: string) => {
  const reply = await send(url, { path });
  return { ...reply, body: JSON.parse(reply.text) };
};

t.test('GET /: complete HTML with a strict CSP, never cached by others', async (t) => {
  const reply = await send(url, { path: '/' });
  t.equal(reply.status, 200);
  t.match(reply.headers['content-type'], /^text\/html; charset=utf-8/);
  const csp = String(reply.headers['content-security-policy']);
  t.match(csp, /default-src 'none'/);
  t.match(csp, /script-src 'self'/);
  t.match(csp, /frame-ancestors 'none'/);
  t.notMatch(csp, /unsafe-inline|unsafe-eval|\*/, 'no inline code, no other origin');
  t.equal(reply.headers['cache-control'], 'private, no-store');
  t.equal(reply.headers['x-content-type-options'], 'nosniff');
  t.notMatch(reply.text, /<script(?![^>]*\bsrc="assets\/page\.js\?v=[0-9a-f]{16}")/, 'the only script is the page\'s own file');
  t.notMatch(reply.text, /\sstyle=|\son[a-z]+=/i, 'no style or event handler attribute');
  t.notMatch(reply.text, /(src|href)="(https?:)?\/\//, 'nothing from another origin');
  // Relative to the page (it may be published under a path prefix): `assets/…` from `/`.
  const assets = [...reply.text.matchAll(/(?:src|href)="(assets\/[^"]+)"/g)].map((m) => `/${m[1]!}`);
  t.equal(assets.length, 3, 'its icon, style sheet and script');
  for (const asset of assets) {
    const got = await send(url, { path: asset });
    t.equal(got.status, 200, `${asset} is served`);
    t.match(got.headers['cache-control'], /immutable/, `${asset}: versioned, cached for good`);
  }
});

t.test('every answer of the page\'s paths carries its headers: 401, 405 and 414 too', async (t) => {
  const answers = [
    { status: 401, path: '/', headers: { Authorization: 'Basic bm9ib2R5Om5vdGhpbmc=' } },
    { status: 401, path: '/api/v1/status', headers: { Authorization: 'Basic bm9ib2R5Om5vdGhpbmc=' } },
    { status: 405, path: '/api/v1/status', method: 'PUT' },
    { status: 405, path: '/sensors/x', method: 'DELETE' },
    { status: 414, path: `/sensors/${'x'.repeat(200)}` },
    { status: 414, path: `/api/v1/sensors/${'x'.repeat(200)}/history` },
  ];
  for (const { status, ...request } of answers) {
    const reply = await send(url, request);
    const name = `${request.method ?? 'GET'} ${request.path.slice(0, 30)}`;
    t.equal(reply.status, status, name);
    t.match(reply.headers['content-security-policy'], /default-src 'none'.*frame-ancestors 'none'/, `${name}: CSP`);
    t.equal(reply.headers['x-content-type-options'], 'nosniff', `${name}: nosniff`);
    t.equal(reply.headers['x-frame-options'], 'DENY', `${name}: not framed`);
    t.equal(reply.headers['referrer-policy'], 'no-referrer', `${name}: no referrer`);
  }
  const cim = await send(url, { path: '/cimom' });
  t.equal(cim.status, 405);
  t.equal(cim.headers['content-security-policy'], undefined, 'CIM-XML\'s paths are not the page\'s');
});

t.test('the JSON API: the page\'s data, stable and read-only', async (t) => {
  const { status, headers, body } = await json('/api/v1/status');
  t.equal(status, 200);
  t.match(headers['content-type'], /^application\/json/);
  t.equal(headers['cache-control'], 'private, no-store');
  t.match(body, { api: 1, host: { name: 'testhost', manufacturer: 'Thincim Labs', model: 'SR-2000', serialNumber: 'SIM2U0001', bios: { version: '2.14.1', date: '2023-05-17' } } });
  t.same(body.verdict, { state: 'OK', reasons: [], failing: [] });
  t.same(body.groups.map((g: { id: string }) => g.id),
    ['temperature', 'voltage', 'current', 'power', 'fanSpeed', 'discrete', 'fans', 'powerSupplies', 'redundancy', 'processors', 'memory']);
  const cpu = body.groups[0].elements.find((e: { id: string }) => e.id === 'simulated:cpu1-temp');
  t.match(cpu, { kind: 'numericSensor', name: 'CPU1 Temp', state: 'OK', health: 'OK', currentState: 'Normal', reading: { unit: '°C', thresholds: { UpperThresholdNonCritical: 85, UpperThresholdCritical: 95, UpperThresholdFatal: 100 } } });
  t.match(body.providers, [{ name: 'simulated', state: 'sampling', lastError: null }]);
  t.equal(body.history.seconds, 600);
  for (const method of ['PUT', 'DELETE', 'PATCH']) {
    t.equal((await send(url, { path: '/api/v1/status', method })).status, 405, `${method} is refused`);
  }
});

/** GET `path` with `headers`, the body as bytes (the test client decodes text). */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(new URL(path, url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

t.test('the page and the poll are compressed for a client that takes it; tiny answers are not', async (t) => {
  for (const path of ['/', '/api/v1/status']) {
    const plain = await raw(path);
    t.equal(plain.headers['content-encoding'], undefined, `${path}: none asked, none given`);
    t.equal(plain.headers['vary'], 'accept-encoding');
    const br = await raw(path, { 'Accept-Encoding': 'gzip, deflate, br' });
    t.equal(br.headers['content-encoding'], 'br', `${path}: a browser gets brotli`);
    t.same(brotliDecompressSync(br.body), plain.body, `${path}: the same bytes`);
    t.ok(br.body.length < plain.body.length / 4, `${path}: ${plain.body.length} bytes sent as ${br.body.length}`);
    const gzip = await raw(path, { 'Accept-Encoding': 'gzip;q=1, br;q=0' });
    t.equal(gzip.headers['content-encoding'], 'gzip', `${path}: br refused, gzip taken`);
    t.same(gunzipSync(gzip.body), plain.body);
    t.match(gzip.headers['content-security-policy'], /default-src 'none'/, 'with the page\'s headers');
  }
  const small = await raw('/api/v1/sensors/nope/history', { 'Accept-Encoding': 'gzip, br' });
  t.equal(small.status, 404);
  t.equal(small.headers['content-encoding'], undefined, 'a tiny answer is sent as it is');
});

t.test('the answers kept for the page are counted in /metrics', async (t) => {
  const status = await raw('/api/v1/status');
  const metrics = parsePrometheus((await send(url, { path: '/metrics' })).text);
  t.equal(metrics.types.get('thincim_page_cache_bytes'), 'gauge');
  t.ok((samplesOf(metrics, 'thincim_page_cache_bytes')[0]?.value ?? 0) >= status.body.length, 'at least the status just sent');
});

t.test('the poll: 304 while nothing changed, the new status once the model changed', async (t) => {
  const first = await raw('/api/v1/status');
  const etag = String(first.headers['etag']);
  t.match(etag, /^"\d+-[\w-]+"$/, 'an ETag of the generation');
  t.equal(JSON.parse(first.body.toString()).generation, Number(etag.slice(1).split('-')[0]));
  const again = await raw('/api/v1/status', { 'If-None-Match': etag, 'Accept-Encoding': 'br' });
  t.equal(again.status, 304, 'unchanged: 304');
  t.equal(again.body.length, 0, 'and no body');
  t.equal(again.headers['etag'], etag);
  t.equal((await raw('/api/v1/status', { 'If-None-Match': '"1-other", W/' + etag })).status, 304, 'a list, a weak tag');
  now += 60_000;
  await started.broker.manager.refresh();
  const changed = await raw('/api/v1/status', { 'If-None-Match': etag });
  t.equal(changed.status, 200, 'a new generation: the new status');
  t.not(changed.headers['etag'], etag);
  t.ok(JSON.parse(changed.body.toString()).generation > JSON.parse(first.body.toString()).generation);
});

t.test('CIM-XML keeps POST on every path, the page\'s included; other methods stay 405', async (t) => {
  const body = imethodBody('EnumerateClassNames', 'root/cimv2');
  for (const path of ['/', '/cimom', '/api/v1/status']) {
    const reply = await send(url, { path, body, headers: cimHeaders('EnumerateClassNames', 'root/cimv2') });
    t.equal(reply.status, 200, `POST ${path} is a CIM operation`);
    t.equal(reply.headers['cimoperation'], 'MethodResponse');
  }
  const get = await send(url, { path: '/cimom' });
  t.equal(get.status, 405, 'GET elsewhere is still 405');
  t.equal(get.headers['allow'], 'POST');
});

t.test('the Host check applies to the page as to CIM', async (t) => {
  const reply = await send(url, { path: '/', headers: { Host: 'rebound.example' } });
  t.equal(reply.status, 421);
});

t.test('history: one reading per step, in the JSON and the sparklines; its memory in /metrics', async (t) => {
  for (let i = 1; i <= 5; i++) {
    now = i * 60_000;
    await started.broker.manager.refresh();
    // The recording step is 600 s / 50 points = 12 s of wall time; publications closer than that are not kept.
    const ring = started.broker.state;
    t.ok(ring.index.generation > 0);
  }
  const history = await json(`/api/v1/sensors/${encodeURIComponent('simulated:cpu1-temp')}/history`);
  t.equal(history.status, 200);
  t.match(history.body, { api: 1, id: 'simulated:cpu1-temp', name: 'CPU1 Temp', unit: '°C', seconds: 600 });
  t.match(history.body, { time: Number, state: 'OK', health: 'OK', currentState: 'Normal', reading: { unit: '°C', thresholds: { UpperThresholdCritical: 95 } } }, 'and the sensor now, for its page\'s poll');
  t.ok(history.body.points.length >= 1 && history.body.points.length <= 2, 'publications within one step keep one reading');
  t.equal(typeof history.body.points[0].value, 'number');
  const missing = await json('/api/v1/sensors/nope/history');
  t.equal(missing.status, 404);
  t.equal(missing.body.error, 'not-found');
  const metrics = parsePrometheus((await send(url, { path: '/metrics' })).text);
  t.equal(samplesOf(metrics, 'thincim_history_sensors')[0]?.value, 23);
  t.equal(samplesOf(metrics, 'thincim_history_bytes')[0]?.value, POINTS * 8 + 23 * POINTS * 4, 'the times, points × 8 bytes; sensors × points × 4 bytes');
  const page = await send(url, { path: `/sensors/${encodeURIComponent('simulated:cpu1-temp')}` });
  t.equal(page.status, 200);
  t.match(page.text, /<svg class="chart"/);
  t.equal((await send(url, { path: '/sensors/nope' })).status, 404);
});

t.test('page off: GET / is 405 as before; history off: no memory', async (t) => {
  const off = await startTestBroker({ page: false });
  t.teardown(() => off.close());
  t.equal((await send(off.url, { path: '/' })).status, 405);
  t.equal((await send(off.url, { path: '/api/v1/status' })).status, 405);
  const noHistory = await startTestBroker({ history: { seconds: 0, points: 360 } });
  t.teardown(() => noHistory.close());
  const metrics = parsePrometheus((await send(noHistory.url, { path: '/metrics' })).text);
  t.equal(samplesOf(metrics, 'thincim_history_bytes')[0]?.value, 0);
  const page = await send(noHistory.url, { path: `/sensors/${encodeURIComponent('simulated:cpu1-temp')}` });
  t.match(page.text, /History is off/);
});
