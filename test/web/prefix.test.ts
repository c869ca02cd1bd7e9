/**
 * The health page published under a path prefix by a reverse proxy that
 * strips it (nginx `location /thincim/ { proxy_pass http://agent:5988/; }`,
 * Traefik's StripPrefix, a Kubernetes ingress rewriting the path): the real
 * broker behind a small real proxy, and the page in a real browser (Debian's
 * chromium, headless). Every URL the page and its script use must stay
 * under the prefix; at the origin's root they are what they always were.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Page } from 'playwright-core';
import type { StatusView } from '../../src/web/view.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestBroker } from '../helpers/broker.js';

const PREFIX = '/thincim';
/** A DeviceID with a `/` and a `%`, as hwmon's `hwmon:<chip>/fanN`: one percent-encoded path segment that must round-trip. */
const ODD_ID = 'simulated:chip/50%';
const ODD_PATH = `sensors/${encodeURIComponent(ODD_ID)}`;
const GONE_PATH = `sensors/${encodeURIComponent('simulated:removed')}`;

const dir = await mkdtemp(join(tmpdir(), 'thincim-prefix-'));
const scenario = JSON.parse(await readFile(new URL('../../providers/simulated/default-scenario.json', import.meta.url), 'utf8'));
scenario.$schema = undefined;
scenario.sensors.push({ id: 'chip/50%', label: 'Chip Temp', kind: 'temperature', unit: 'celsius', decimals: 0, value: 40 });
const scenarioFile = join(dir, 'scenario.json');
await writeFile(scenarioFile, JSON.stringify(scenario));

const started = await startTestBroker({ simulated: { clock: () => 0, startTime: 0, scenario: scenarioFile } });
const origin = new URL(started.url).origin;

/**
 * A strip-prefix reverse proxy: `/thincim/…` goes to the agent's `/…` with
 * its path as the browser sent it (still percent-encoded) and the agent's
 * own Host, as the README's nginx configuration sends them (checked with
 * nginx 1.22); anything else is a 404 of the proxy's, and every path asked
 * for is kept to show none left the prefix.
 */
function startProxy(upstream: URL): Promise<{ server: Server; url: string; paths: string[] }> {
  const paths: string[] = [];
  const agent = new Agent({ keepAlive: false });
  const server = createServer((request, reply) => {
    const path = request.url ?? '';
    paths.push(path);
    if (!path.startsWith(`${PREFIX}/`)) {
      reply.writeHead(404, { 'content-type': 'text/plain' }).end('not under the prefix');
      return;
    }
    const forward = httpRequest({
      agent, host: upstream.hostname, port: upstream.port, method: request.method, path: path.slice(PREFIX.length),
      headers: { ...request.headers, host: upstream.host, connection: 'close' },
    }, (answer) => {
      reply.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(reply);
    });
    forward.on('error', () => reply.destroy());
    request.pipe(forward);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths });
  }));
}

const proxy = await startProxy(new URL(origin));
/** The page's root as the browser sees it behind the proxy. */
const root = `${proxy.url}${PREFIX}/`;
const browser = await launchBrowser();
t.teardown(async () => {
  await browser.close();
  proxy.server.closeAllConnections();
  await new Promise((resolve) => proxy.server.close(resolve));
  await started.close();
  await rm(dir, { recursive: true });
});

/** Every URL in an HTML page's href and src attributes, resolved against the page's own URL; fragments of the page itself left out. */
async function urlsOf(pageUrl: string): Promise<{ status: number; html: string; urls: string[] }> {
  const response = await fetch(pageUrl);
  const html = await response.text();
  const urls = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)]
    .map((m) => m[1]!.replaceAll('&amp;', '&'))
    .filter((value) => !value.startsWith('#'))
    .map((value) => new URL(value, pageUrl).href);
  return { status: response.status, html, urls };
}

t.test('the rendered pages\' links, styles, script and icon resolve under the prefix, and each answers through the proxy', async (t) => {
  for (const [path, status] of [['', 200], [ODD_PATH, 200], [GONE_PATH, 404]] as const) {
    const page = await urlsOf(root + path);
    t.equal(page.status, status, `/${path}: through the proxy`);
    t.ok(page.urls.length >= 4, `/${path}: its icon, style sheet, script and links`);
    t.same(page.urls.filter((url) => !url.startsWith(root)), [], `/${path}: every URL stays under ${PREFIX}/`);
    for (const url of page.urls) {
      const response = await fetch(url);
      t.equal(response.status, 200, `${url.slice(proxy.url.length)} answers`);
      await response.arrayBuffer();
    }
  }
  const host = await urlsOf(root);
  t.ok(host.urls.includes(root + ODD_PATH), 'the host\'s page links to the sensor whose id has a / and a %');
  t.ok(host.urls.includes(`${root}api/v1/status`), 'and to its JSON');
  const sensor = await urlsOf(root + ODD_PATH);
  t.match(sensor.html, /<h1>Chip Temp<\/h1>/, 'the link leads to that sensor\'s page');
  t.ok(sensor.urls.includes(root), 'the sensor\'s page links back to the host\'s');
  t.ok(sensor.urls.includes(`${root}api/v1/${ODD_PATH}/history`), 'and to its history');
  t.same((await urlsOf(root + GONE_PATH)).urls.filter((url) => !/\/assets\//.test(url)), [root], 'the unknown sensor\'s page leads back to the host\'s');
  t.same(proxy.paths.filter((path) => !path.startsWith(`${PREFIX}/`)), [], 'the proxy was asked for nothing outside the prefix');
});

t.test('at the origin\'s root the same pages resolve to the paths they always had', async (t) => {
  const host = await urlsOf(`${origin}/`);
  const paths = (urls: string[]) => urls.map((url) => new URL(url).pathname);
  t.same(paths(host.urls).filter((p) => p.startsWith('/assets/')).sort(), ['/assets/icon.svg', '/assets/page.css', '/assets/page.js']);
  t.ok(paths(host.urls).includes(`/${ODD_PATH}`), 'the sensor\'s link');
  t.ok(paths(host.urls).includes('/api/v1/status'), 'the JSON\'s');
  const sensor = await urlsOf(`${origin}/${ODD_PATH}`);
  t.same(paths(sensor.urls).filter((p) => !p.startsWith('/assets/')), ['/', `/api/v1/${ODD_PATH}/history`], 'the host\'s page and the sensor\'s history');
  for (const url of [...host.urls, ...sensor.urls]) {
    const response = await fetch(url);
    t.equal(response.status, 200, `${new URL(url).pathname} answers`);
    await response.arrayBuffer();
  }
});

/** Opens `path` under the prefix in a fresh context; every request the browser made is kept. */
async function open(path: string, status = 200): Promise<{ page: Page; requests: string[]; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const response = await page.goto(root + path);
  if (response?.status() !== status) throw new Error(`GET ${PREFIX}/${path}: HTTP ${response?.status()}`);
  return { page, requests, close: () => context.close() };
}

/** The style sheet applied: page.css sets the body's max-width (90rem). */
const styled = (page: Page) => page.evaluate(() => getComputedStyle(document.body).maxWidth);

/** Every link's resolved URL, fragments of the page itself left out. */
const links = (page: Page) => page.locator('a[href]').evaluateAll((anchors) =>
  (anchors as HTMLAnchorElement[]).filter((a) => !a.getAttribute('href')!.startsWith('#')).map((a) => a.href));

/** Waits for the script's next successful poll. */
const polled = (page: Page) => page.waitForFunction(() => document.getElementById('live')?.textContent?.startsWith('Live: updated'), undefined, { timeout: 10_000 });

t.test('in a browser behind the proxy: styled, scripted, polling through the prefix, every link inside it', async (t) => {
  const host = await open('');
  const { page } = host;
  t.equal(await styled(page), '1440px', 'the style sheet was loaded and applied');
  await polled(page);
  t.ok(host.requests.includes(`${root}api/v1/status`), 'the script polls the status through the prefix');
  t.same((await links(page)).filter((url) => !url.startsWith(root)), [], 'every link stays under the prefix');

  // Devices appeared: the script's own link to reload the page.
  const real = await (await fetch(`${root}api/v1/status`)).json() as StatusView;
  const fewer = { ...real, generation: real.generation + 1, groups: real.groups.map((g, i) => (i === 0 ? { ...g, elements: g.elements.slice(1) } : g)) };
  await page.route('**/api/v1/status', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(fewer) }));
  await page.waitForSelector('#live a', { timeout: 10_000 });
  t.equal(await page.locator('#live a').evaluate((a) => (a as HTMLAnchorElement).href), root, 'the script\'s reload link stays under the prefix');
  // Signed out: its link reloads this very page.
  await page.unroute('**/api/v1/status');
  await page.route('**/api/v1/status', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: '{}' }));
  await page.waitForSelector('#offline:not([hidden]) a', { timeout: 10_000 });
  t.equal(await page.locator('#offline a').evaluate((a) => (a as HTMLAnchorElement).href), root, 'the sign-in link reloads the page under the prefix');

  // The sensor whose id has a / and a %: its link leads to its page, under the prefix.
  await page.unroute('**/api/v1/status');
  await Promise.all([page.waitForURL(root + ODD_PATH), page.locator(`tr[data-id="${ODD_ID}"] th a`).click()]);
  t.equal(await page.locator('h1').textContent(), 'Chip Temp', 'the sensor\'s page');
  t.equal(await styled(page), '1440px', 'styled');
  await polled(page);
  t.ok(host.requests.includes(`${root}api/v1/${ODD_PATH}/history`), 'its script polls its history through the prefix');
  t.equal(await page.locator('.crumb a').evaluate((a) => (a as HTMLAnchorElement).href), root, 'the host crumb leads to the host\'s page under the prefix');
  t.same((await links(page)).filter((url) => !url.startsWith(root)), [], 'every link stays under the prefix');
  // The sensor gone: the script's link to the host's page.
  await page.route('**/history', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"not-found"}' }));
  await page.waitForSelector('#offline:not([hidden]) a', { timeout: 10_000 });
  t.equal(await page.locator('#offline a').evaluate((a) => (a as HTMLAnchorElement).href), root, 'the gone sensor\'s link leads to the host\'s page under the prefix');
  await host.close();

  const gone = await open(GONE_PATH, 404);
  t.equal(await styled(gone.page), '1440px', 'the unknown sensor\'s page is styled');
  t.equal(await gone.page.locator('main a').evaluate((a) => (a as HTMLAnchorElement).href), root, 'its way back stays under the prefix');
  await gone.close();

  t.same(proxy.paths.filter((path) => !path.startsWith(`${PREFIX}/`)), [], 'the browser asked the proxy for nothing outside the prefix');
  t.ok(proxy.paths.some((path) => path.startsWith(`${PREFIX}/assets/page.js`)), 'the script came through the proxy');
});
