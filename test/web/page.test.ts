/**
 * The health page in a real browser (Debian's chromium, headless) against a
 * running broker with authentication, on the simulated host whose clock the
 * test steps. One broker and one browser for the whole file.
 *
 * Screenshots go to a temporary folder; with UPDATE_SCREENSHOTS=1 to
 * docs/screenshots (the README shows one).
 */
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { elementName, elementStatus, sensorReading } from '../../src/client/health.js';
import { instancesOf } from '../../src/web/view.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestBroker } from '../helpers/broker.js';
import { basic } from '../helpers/client.js';
import { writeUsers } from '../helpers/users.js';
import { FAST_SCRYPT } from '../security/helpers.js';
import { Authenticator, AuthFailureLimiter, setUser, UserStore } from '../../src/security/index.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const VIEWER = { name: 'viewer', password: 'viewer-pass-1' };
/** A user whose password is changed while the page is open. */
const EXPIRING = { name: 'expiring', password: 'expiring-pass-1' };

const dir = await mkdtemp(join(tmpdir(), 'thincim-page-'));
const scenario = JSON.parse(await readFile(new URL('../../providers/simulated/default-scenario.json', import.meta.url), 'utf8'));
scenario.$schema = undefined;
scenario.sensors.find((s: { id: string }) => s.id === 'inlet-temp').label = `Inlet ${HOSTILE}`;
const scenarioFile = join(dir, 'scenario.json');
await writeFile(scenarioFile, JSON.stringify(scenario));

let now = 0;
const usersFile = await writeUsers(dir, { [VIEWER.name]: { role: 'readonly', password: VIEWER.password }, [EXPIRING.name]: { role: 'readonly', password: EXPIRING.password } });
const users = await UserStore.open(usersFile);
const started = await startTestBroker({
  listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true }],
  authenticator: new Authenticator({ users, limiter: new AuthFailureLimiter({ maxFailures: 1000 }) }),
  simulated: { clock: () => now, startTime: 0, scenario: scenarioFile },
});
const origin = new URL(started.url).origin;
const browser = await launchBrowser();
t.teardown(async () => {
  await browser.close();
  await started.close();
  await rm(dir, { recursive: true });
});

const shots = process.env['UPDATE_SCREENSHOTS'] === '1' ? new URL('../../docs/screenshots/', import.meta.url).pathname : join(dir, 'screenshots');
await mkdir(shots, { recursive: true });

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Every request the page made. */
  requests: string[];
  /** Dialogs opened (alert() from injected markup would open one). */
  dialogs: string[];
  /** CSP violations and page errors reported. */
  problems: string[];
}

async function open(options: Parameters<typeof browser.newContext>[0] = {}, path = '/'): Promise<Watched> {
  const context = await browser.newContext({ httpCredentials: { username: VIEWER.name, password: VIEWER.password }, ...options });
  const page = await context.newPage();
  const watched: Watched = { context, page, requests: [], dialogs: [], problems: [] };
  page.on('request', (r: Request) => watched.requests.push(r.url()));
  page.on('dialog', (d) => {
    watched.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => watched.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') watched.problems.push(`console: ${m.text()}`);
  });
  const response = await page.goto(origin + path);
  if (response?.status() !== 200) throw new Error(`GET ${path}: HTTP ${response?.status()}`);
  return watched;
}

const rowOf = (page: Page, id: string) => page.locator(`tr[data-id="${id}"]`);

t.test('a wrong password gets 401, no credentials the Basic challenge, the read-only user the page', async (t) => {
  const anonymous = await fetch(`${origin}/`);
  t.equal(anonymous.status, 401);
  t.match(anonymous.headers.get('www-authenticate'), /^Basic /);
  const wrong = await fetch(`${origin}/api/v1/status`, { headers: { Authorization: basic(VIEWER.name, 'not-the-password') } });
  t.equal(wrong.status, 401);
  const context = await browser.newContext({ httpCredentials: { username: VIEWER.name, password: 'not-the-password' } });
  const page = await context.newPage();
  const statuses: number[] = [];
  page.on('response', (r) => statuses.push(r.status()));
  // Chromium gives up on credentials refused: the navigation fails after the 401.
  await page.goto(`${origin}/`).catch(() => undefined);
  t.ok(statuses.length > 0 && statuses.every((s) => s === 401), 'the browser with a wrong password gets 401, and nothing else');
  await context.close();
  const viewer = await open();
  t.equal(await viewer.page.locator('h1').textContent(), 'testhost', 'the read-only user sees the page');
  await viewer.context.close();
});

t.test('the page lists every sensor, fan and supply with its values; nothing leaves the origin; the CSP holds', async (t) => {
  const w = await open();
  const { page } = w;
  const state = started.broker.state;
  const sensors = instancesOf(state, 'CIM_NumericSensor');
  t.equal(sensors.length, 23);
  for (const sensor of sensors) {
    const row = rowOf(page, String(sensor.get('DeviceID')));
    const reading = sensorReading(sensor);
    t.equal(await row.locator('th').textContent(), elementName(sensor), `${elementName(sensor)}: its name`);
    t.equal(await row.locator('.reading').textContent(), `${reading.current!.text} ${reading.unit}`, `${elementName(sensor)}: reading and unit`);
    t.equal(await row.locator('.health .text').textContent(), elementStatus(sensor).text, `${elementName(sensor)}: health`);
    t.equal(await row.locator('.state').textContent(), sensor.get('CurrentState'), `${elementName(sensor)}: state`);
    t.equal(await row.locator('svg.gauge rect.marker').count(), 1, `${elementName(sensor)}: a gauge`);
  }
  const bands = await rowOf(page, 'simulated:cpu1-temp').locator('svg.gauge rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('class')));
  t.same(bands, ['band-ok', 'band-warn', 'band-crit', 'band-fatal', 'marker'], 'the non-critical, critical and fatal bands are drawn');
  for (const classname of ['CIM_Fan', 'CIM_PowerSupply']) {
    const devices = instancesOf(state, classname);
    t.ok(devices.length >= 2, `${classname}: the host has them`);
    for (const device of devices) {
      const row = rowOf(page, String(device.get('DeviceID')));
      t.equal(await row.locator('th').textContent(), elementName(device));
      t.equal(await row.locator('.health .text').textContent(), elementStatus(device).text, `${elementName(device)}: health as text`);
      t.equal(await row.locator('.health .icon').textContent(), '✓', `${elementName(device)}: and as an icon`);
    }
  }
  t.equal(await page.locator('#verdict strong').textContent(), 'OK');
  t.match(await page.locator('.identity').first().textContent(), /Thincim Labs SR-2000.*SIM2U0001.*2\.14\.1 \(2023-05-17\)/);
  t.match(await page.locator('#provider-rows').textContent(), /simulated.*sampling/);
  await page.waitForFunction(() => document.getElementById('live')?.textContent?.startsWith('Live: updated'), undefined, { timeout: 8000 });
  t.ok(w.requests.length >= 4, 'the page, its style sheet, script, icon and a poll');
  t.same(w.requests.filter((url) => !url.startsWith(`${origin}/`)), [], 'no request leaves the origin');
  t.same(w.problems, [], 'no CSP violation, no script error');
  // An injected inline script: the CSP refuses it (Trusted Types and script-src 'self').
  const injected = await page.evaluate(() => new Promise<string>((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked: ${e.violatedDirective}`), { once: true });
    try {
      const script = document.createElement('script');
      script.textContent = 'window.pwned = true';
      document.body.append(script);
    } catch (err) {
      resolve(`blocked: ${(err as Error).name}`);
    }
    setTimeout(() => resolve((window as unknown as { pwned?: boolean }).pwned ? 'ran' : 'not run'), 1000);
  }));
  t.match(injected, /^blocked/, 'an inline script is refused');
  await w.context.close();
});

t.test('a hostile sensor label is shown as text and runs nothing', async (t) => {
  const w = await open();
  const row = rowOf(w.page, 'simulated:inlet-temp');
  t.equal(await row.locator('th').textContent(), `Inlet ${HOSTILE}`, 'the label, as text');
  t.equal(await w.page.locator('img').count(), 0, 'no element was made of it');
  await w.page.waitForTimeout(500);
  t.same(w.dialogs, [], 'no alert');
  t.notOk(w.requests.some((url) => url.endsWith('/x')), 'no image was fetched');
  const sensorPage = await open({}, `/sensors/${encodeURIComponent('simulated:inlet-temp')}`);
  t.equal(await sensorPage.page.locator('h1').textContent(), `Inlet ${HOSTILE}`, 'the sensor page too');
  t.equal(await sensorPage.page.locator('img').count(), 0);
  t.same(sensorPage.dialogs, []);
  await Promise.all([w.context.close(), sensorPage.context.close()]);
});

t.test('credentials refused while the page is open: it says the agent answered, and to sign in again; it stops polling', async (t) => {
  const w = await open({ httpCredentials: { username: EXPIRING.name, password: EXPIRING.password } });
  const { page } = w;
  await page.waitForFunction(() => document.getElementById('live')?.textContent?.startsWith('Live: updated'), undefined, { timeout: 8000 });
  await setUser(usersFile, EXPIRING.name, 'a-new-password-2', { role: 'readonly', scrypt: FAST_SCRYPT });
  await users.reload();
  await page.waitForSelector('#offline:not([hidden])', { timeout: 8000 });
  const text = await page.locator('#offline').textContent();
  t.match(text, /The agent answered .* but refused this browser's credentials \(HTTP 401\)/, 'the truth: it answered, and refused');
  t.notMatch(text, /stopped answering/);
  t.equal(await page.locator('#offline a').textContent(), 'Reload the page to sign in again.', 'what to do');
  t.equal(await page.locator('#offline a').getAttribute('href'), '/');
  t.match(await page.title(), /^Signed out · testhost · /);
  const polls = () => w.requests.filter((u) => u.endsWith('/api/v1/status')).length;
  const before = polls();
  await page.waitForTimeout(4000);
  t.equal(polls(), before, 'no more polls: each would be one more failed login');
  await w.context.close();
});

t.test('with JavaScript off the page is complete', async (t) => {
  const w = await open({ javaScriptEnabled: false });
  const { page } = w;
  t.equal(await page.locator('#devices tr[data-id]').count(), 23 + 3 + 6 + 2 + 2 + 2 + 4, 'every sensor and device');
  t.equal(await page.locator('#verdict strong').textContent(), 'OK');
  t.match(await page.locator('#live').textContent(), /A snapshot made at .*: reload the page/, 'says it is a snapshot');
  t.ok(await page.locator('h2', { hasText: 'Recent changes' }).isVisible());
  t.same(w.requests.filter((url) => url.includes('/api/')), [], 'no polling');
  await w.context.close();
});

t.test('a fan stops: failed and Critical without a reload; the change is listed; the agent stopping is said', async (t) => {
  const w = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = w;
  await page.evaluate(() => ((window as unknown as { loaded: number }).loaded = 1));
  // The default scenario's timeline stops fan 3 at 240 s.
  now = 250_000;
  await started.broker.manager.refresh();
  await page.waitForFunction(() => document.querySelector('#verdict strong')?.textContent === 'Critical', undefined, { timeout: 8000 });
  t.equal(await page.evaluate(() => (window as unknown as { loaded?: number }).loaded), 1, 'the same page: no reload');
  const fan = rowOf(page, 'simulated:fan3');
  t.equal(await fan.locator('.health .text').textContent(), 'Critical failure', 'the fan failed, in words');
  t.equal(await fan.locator('.health .icon').textContent(), '✕', 'and as an icon');
  t.match(await fan.getAttribute('class'), /st-CRITICAL/);
  t.equal(await rowOf(page, 'simulated:fan3-speed').locator('.reading').textContent(), '0 RPM');
  t.match(await page.locator('#verdict .reasons').textContent(), /Fan 3: Critical failure/, 'the reason is given');
  t.equal(await page.locator('#verdict').getAttribute('aria-live'), 'polite', 'announced to screen readers');
  const first = await page.locator('#events li').first().textContent();
  t.match(first, /Fan|Redundancy|Power/, 'the newest change is first');
  t.match(await page.locator('#events').textContent(), /Fan 3 Speed: reading 0 RPM crossed the Lower Critical/, 'the crossing is listed');
  const sequences = await page.locator('#events li').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-sequence'))));
  t.same(sequences, [...sequences].sort((a, b) => b - a), 'newest first');

  await screenshots(page);

  await page.route('**/api/v1/status', (route) => route.abort('connectionrefused'));
  await page.waitForSelector('#offline:not([hidden])', { timeout: 8000 });
  t.match(await page.locator('#offline').textContent(), /The agent stopped answering/);
  t.equal(await page.locator('#offline').getAttribute('role'), 'alert');
  t.match(await page.title(), /^No answer · /, 'the title no longer says what it said when the agent answered');
  t.equal(await page.locator('#offline').evaluate((box) => getComputedStyle(box).opacity), '1', 'the alert itself is not faded');
  await page.screenshot({ path: join(shots, 'offline.png') });
  await page.unroute('**/api/v1/status');
  await page.waitForSelector('#offline[hidden]', { state: 'attached', timeout: 8000 });
  t.match(await page.title(), /^Critical · /, 'back once the agent answers');
  await w.context.close();
});

/** Desktop and phone, light and dark, of the page as it is now. */
async function screenshots(desktop: Page): Promise<void> {
  const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 812 } };
  for (const [name, viewport] of Object.entries(sizes)) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const w = name === 'desktop' && colorScheme === 'light' ? undefined : await open({ viewport, colorScheme });
      const page = w?.page ?? desktop;
      const file = join(shots, `${name}-${colorScheme}.png`);
      await page.screenshot({ path: file });
      if ((await stat(file)).size < 10_000) throw new Error(`${file}: too small to be the page`);
      await w?.context.close();
    }
  }
}
