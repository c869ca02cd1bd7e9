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
import t, { type Test } from 'tap';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { elementName, elementStatus, sensorReading } from '../../src/client/health.js';
import { rowHref, sparkText, utcTime } from '../../src/web/page-text.js';
import { instancesOf, type StatusView } from '../../src/web/view.js';
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
/** A provider's state text that is one long word, as long as CurrentState may be (MaxLen 128). */
const LONG_STATE = `Unrecognised${'X'.repeat(116)}`;
// A sensor without thresholds that loses its reading (Critical) at 330 s; a discrete sensor whose health is unknown.
scenario.sensors.push({ id: 'aux-temp', label: 'Aux Temp', kind: 'temperature', unit: 'celsius', decimals: 0, value: 40 });
scenario.timeline.events.push({ at: 330, sensor: 'aux-temp', unavailable: 'failed' });
// A fan and its speed sensor with one id, as hwmon's `hwmon:<chip>/fanN` (a DeviceID is unique within its class only); it stops at 400 s.
scenario.sensors.push({ id: 'hwfan', label: 'Aux Fan Speed', kind: 'fan', unit: 'rpm', decimals: 0, value: 3000, thresholds: { lowerCritical: 500 }, monitors: { kind: 'fan', id: 'hwfan' } });
scenario.fans.push({ id: 'hwfan', label: 'Aux Fan', speedSensor: 'hwfan' });
scenario.timeline.events.push({ at: 400, sensor: 'hwfan', value: 0 });
scenario.discreteSensors.push({ id: 'aux-state', label: 'Aux State', kind: 'other', possibleStates: [LONG_STATE, 'Normal'], state: LONG_STATE, health: 'unknown' });
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
  /** CSP violations, page errors and failed requests reported. */
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
  // What DevTools lists in red as "(canceled)" or "(failed)".
  page.on('requestfailed', (r) => watched.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('console', (m) => {
    if (m.type() === 'error') watched.problems.push(`console: ${m.text()}`);
  });
  const response = await page.goto(origin + path);
  if (response?.status() !== 200) throw new Error(`GET ${path}: HTTP ${response?.status()}`);
  return watched;
}

/** An element's row: by kind and id, as a fan and its speed sensor may share a DeviceID. */
const rowOf = (page: Page, id: string, kind = 'numericSensor') => page.locator(`tr[data-kind="${kind}"][data-id="${id}"]`);
const KIND: Record<string, string> = { CIM_Fan: 'fan', CIM_PowerSupply: 'powerSupply' };

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
  t.equal(sensors.length, 25);
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
      const row = rowOf(page, String(device.get('DeviceID')), KIND[classname]);
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

t.test('a poll answered 304 (nothing changed) completes: no request the browser lists as canceled', async (t) => {
  const w = await open();
  // The model is still between the test's steps: polls 3 s apart get 304.
  const unchanged = await w.page.waitForResponse((r) => r.url() === `${origin}/api/v1/status` && r.status() === 304, { timeout: 12_000 });
  // Settled by the next poll (Playwright's response.finished() never settles for a cancelled one).
  await w.page.waitForRequest((r) => r.url() === unchanged.url() && r !== unchanged.request(), { timeout: 8000 });
  // Its empty body left unread, Chromium cancelled each one (net::ERR_ABORTED): a red "(canceled)" in DevTools every 3 s.
  t.same(w.problems, [], 'no failed request, no script error');
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
  t.equal(await page.locator('#offline a').evaluate((a) => (a as HTMLAnchorElement).href), `${origin}/`);
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
  t.equal(await page.locator('#devices tr[data-id]').count(), 25 + 4 + 7 + 2 + 2 + 2 + 4, 'every sensor and device');
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
  const fan = rowOf(page, 'simulated:fan3', 'fan');
  t.equal(await fan.locator('.health .text').textContent(), 'Critical failure', 'the fan failed, in words');
  t.equal(await fan.locator('.health .icon').textContent(), '✕', 'and as an icon');
  t.match(await fan.getAttribute('class'), /st-CRITICAL/);
  t.equal(await rowOf(page, 'simulated:fan3-speed').locator('.reading').textContent(), '0 RPM');
  t.match(await page.locator('#verdict .reasons').textContent(), /Fan 3: Critical failure/, 'the reason is given');
  t.equal(await page.locator('#verdict-news').getAttribute('aria-live'), 'polite', 'announced to screen readers');
  t.match(await page.locator('#verdict-news').textContent(), /^Overall health now Critical: .*Fan 3: Critical failure/, 'in words');
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
  // The readings it qualifies are old, and still to be read: nothing faded under WCAG AA's 4.5:1 (opacity .6 made the muted text 2.6:1).
  const faded = await page.locator('main *').evaluateAll((nodes) => nodes.filter((n) => Number(getComputedStyle(n).opacity) < 1).map((n) => n.id || n.className));
  t.same(faded, [], 'no text is faded');
  // They lose their colours instead: grey, the alert excepted.
  const filters = await page.evaluate(() => ['.changes', '#devices', '#verdict', '#offline'].map((css) => getComputedStyle(document.querySelector(css)!).filter));
  t.same(filters, ['grayscale(1)', 'grayscale(1)', 'grayscale(1)', 'none'], 'the readings go grey, the alert does not');
  await page.screenshot({ path: join(shots, 'offline.png') });
  await page.unroute('**/api/v1/status');
  await page.waitForSelector('#offline[hidden]', { state: 'attached', timeout: 8000 });
  t.match(await page.title(), /^Critical · /, 'back once the agent answers');
  // The host's page has no sensor to lose: a 404 of the status is an answer that is not the status (errors.test.ts), no sensor gone.
  await page.route('**/api/v1/status', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"not-found"}' }));
  await page.waitForSelector('#offline:not([hidden])', { timeout: 8000 });
  t.match(await page.locator('#offline').textContent(), /^An answer of HTTP 404 came instead of the status/, 'a 404 of the status is no sensor gone');
  t.match(await page.title(), /^Error · /);
  await w.context.close();
});

/** The model at `ms` of the scenario's timeline. */
async function refreshTo(ms: number): Promise<void> {
  now = ms;
  await started.broker.manager.refresh();
}

async function status(): Promise<StatusView> {
  const response = await fetch(`${origin}/api/v1/status`, { headers: { Authorization: basic(VIEWER.name, VIEWER.password) } });
  return (await response.json()) as StatusView;
}

/** Waits for the page to show the current generation or a later one (the provider samples by itself too). */
async function current(page: Page): Promise<StatusView> {
  const view = await status();
  await page.waitForFunction((g) => Number(document.getElementById('main')?.getAttribute('data-generation')) >= g, view.generation, { timeout: 8000 });
  return view;
}

t.test('the agent not answering: the age of the last sample goes on from its last answer, by its clock; the page no longer says it is live', async (t) => {
  const w = await open();
  const { page } = w;
  // An answer by an agent whose clock is an hour ahead of the browser's (its Date header, to the second), whose newest
  // sample is 5 s old by that clock; then no answer. The browser's clock alone would make the sample an hour in the future.
  const date = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
  const view = { ...(await status()), newestSample: date.getTime() - 5000 };
  await page.route('**/api/v1/status', (route) => route.fulfill({ status: 200, contentType: 'application/json', headers: { date: date.toUTCString() }, body: JSON.stringify(view) }));
  const answered = `last sample ${utcTime(view.newestSample)}, 5 s ago.`;
  await page.waitForFunction((text) => document.getElementById('samples')?.textContent === text, answered, { timeout: 8000 });
  await page.unroute('**/api/v1/status');
  await page.route('**/api/v1/status', (route) => route.abort('connectionrefused'));
  await page.waitForSelector('#offline:not([hidden])', { timeout: 8000 });
  // It said "5 s ago" for as long as the agent was gone: a stale page that says its data is fresh.
  await page.waitForFunction((text) => document.getElementById('samples')?.textContent !== text, answered, { timeout: 8000 });
  const later = await page.locator('#samples').textContent();
  t.match(later, `last sample ${utcTime(view.newestSample)}, `, 'the same sample');
  const age = Number(/, (\d+) s ago\.$/.exec(later ?? '')?.[1]);
  // Seconds since the answer, however slow the machine: far from the hour the two clocks are apart.
  t.ok(age > 5 && age < 600, `older now, by the agent's clock: ${later}`);
  t.equal(await page.locator('#live').textContent(), `Not live: last updated ${utcTime(date.getTime())}.`, 'the line that said "Live: updated" no longer does');
  await page.unroute('**/api/v1/status');
  await page.waitForFunction(() => /^Live: updated /.test(document.getElementById('live')?.textContent ?? ''), undefined, { timeout: 8000 });
  t.ok(await page.locator('#offline').isHidden(), 'the alert is gone');
  t.notMatch(await page.locator('#samples').textContent(), utcTime(view.newestSample), "the agent's own newest sample again");
  t.match(await page.locator('#samples').textContent(), /^last sample .+, .+ ago\.$/);
  await w.context.close();
});

t.test('while the page is open: a moving reading is not announced again, a change of the verdict is, once; rows keep their words and colours', async (t) => {
  const w = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = w;
  // What a screen reader would say: every change inside a live region (aria-atomic: the whole region again).
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver((records) => {
      const regions = new Set<Element>();
      for (const r of records) {
        const node = r.target instanceof Element ? r.target : r.target.parentElement;
        const region = node?.closest('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]');
        if (region) regions.add(region);
      }
      for (const region of regions) said.push(region.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said);
  const reasons = () => page.locator('#verdict .reasons').textContent();
  // The timeline: fan 3 back by 380 s; CPU1 ramps from 88 °C at 420 s to 96 at 440 (Warning above 85, Critical above 95).
  await refreshTo(425_000);
  const warm = await current(page);
  t.ok(warm.verdict.reasons.some((r) => r.startsWith('CPU1 Temp: ')), 'CPU1 Temp is above its non-critical threshold');
  t.same(await page.locator('#verdict .reasons li').allTextContents(), warm.verdict.reasons);
  t.equal((await said()).length, 1, 'the new verdict is said once');
  // The fan and its speed sensor of one id (stopped at 400 s): both rows follow the poll, each its own, and no device came or went.
  t.same(warm.verdict.failing.filter((f) => f.id === 'simulated:hwfan').map((f) => f.kind).sort(), ['fan', 'numericSensor'], 'both fail, one id');
  t.equal(await rowOf(page, 'simulated:hwfan').locator('.reading').textContent(), '0 RPM', 'the speed sensor\'s row is updated');
  t.equal(await rowOf(page, 'simulated:hwfan', 'fan').locator('.health .text').textContent(), 'Critical failure', 'and the fan\'s');
  t.notMatch(await page.locator('#live').textContent(), /appeared or disappeared/, 'no device appeared or disappeared');
  await page.locator('#verdict .reasons a', { hasText: /^Aux Fan: / }).click();
  t.equal(await page.locator('tr:target').getAttribute('data-kind'), 'fan', 'the fan\'s reason links to the fan\'s row');
  t.match((await said())[0], /^Overall health now Critical: .*CPU1 Temp/);
  await refreshTo(432_000);
  const warmer = await current(page);
  t.same(warmer.verdict.reasons.map((r) => r.split(' (')[0]), warm.verdict.reasons.map((r) => r.split(' (')[0]), 'the same elements fail, as they did');
  t.not(warmer.verdict.reasons.join(), warm.verdict.reasons.join(), 'but a reading the reasons quote moved');
  t.same(await page.locator('#verdict .reasons li').allTextContents(), warmer.verdict.reasons, 'the page shows it');
  await page.waitForTimeout(3500);
  t.equal((await said()).length, 1, 'the same verdict: nothing said again');
  await refreshTo(445_000);
  const view = await current(page);
  t.ok(view.verdict.reasons.some((r) => r.startsWith('CPU1 Temp: ')) && view.verdict.state === 'CRITICAL', 'CPU1 became Critical');
  t.equal((await said()).length, 2, 'said once');
  t.match((await said())[1], /^Overall health now Critical: .*CPU1 Temp/);

  // The history takes a point on a timer of its own, which no generation marks: read the page and the agent again
  // until one point in time holds for both (a few tries), then compare.
  let spoken: { name: string; page: string | null; agent: string }[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const agent = await current(page);
    spoken = await Promise.all(agent.groups.flatMap((g) => g.elements).filter((e) => e.kind === 'numericSensor').map(async (e) => ({
      name: e.name, page: await rowOf(page, e.id).locator('svg.spark').getAttribute('aria-label'), agent: sparkText(e.spark, e.reading?.unit ?? ''),
    })));
    if (spoken.every((s) => s.page === s.agent)) break;
    await page.waitForTimeout(500);
  }
  for (const s of spoken) t.equal(s.page, s.agent, `${s.name}: the sparkline's words follow its line`);
  t.ok(view.verdict.reasons.includes('Aux Temp: Lost Communication (last reading 40 °C)'), 'the reason says the reading it quotes is the last one');
  t.same(await page.locator('#verdict .reasons li').allTextContents(), view.verdict.reasons, 'as the page does');
  await gaugesAndIcons(t, page, 'after polls');
  await reasonLinks(t, page, view, 'after polls');
  const fresh = await open({ viewport: { width: 1280, height: 900 } });
  await gaugesAndIcons(t, fresh.page, 'as served');
  await reasonLinks(t, fresh.page, view, 'as served');
  await Promise.all([w.context.close(), fresh.context.close()]);
});

/** Each reason of the verdict links to its element's row (by kind and id): followed, the row is in sight. */
async function reasonLinks(t: Test, page: Page, view: StatusView, when: string): Promise<void> {
  const targets = await page.locator('#verdict .reasons a').evaluateAll((links) => links.map((a) => {
    const row = document.getElementById(decodeURIComponent((a as HTMLAnchorElement).hash.slice(1)));
    return row && `${row.getAttribute('data-kind')} ${row.getAttribute('data-id')}`;
  }));
  t.same(targets, view.verdict.failing.map((f) => `${f.kind} ${f.id}`), `${when}: each reason links to its element's row`);
  t.equal(await page.locator('#devices tr[id]').evaluateAll((rows) => new Set(rows.map((r) => r.id)).size), await page.locator('#devices tr[id]').count(), `${when}: no two rows share an anchor`);
  await page.locator('#verdict .reasons a').last().click();
  const row = page.locator('tr:target');
  t.equal(await row.getAttribute('data-id'), view.verdict.failing.at(-1)!.id, `${when}: followed, the link targets the row`);
  const box = (await row.boundingBox())!;
  t.ok(box.y >= -1 && box.y + box.height <= 900, `${when}: which is in sight`);
}

/** An unhealthy sensor's gauge has no green; an unknown health no check mark. */
async function gaugesAndIcons(t: Test, page: Page, when: string): Promise<void> {
  const aux = rowOf(page, 'simulated:aux-temp');
  t.match(await aux.getAttribute('class'), /st-CRITICAL/, `${when}: the sensor without thresholds lost its reading`);
  const bands = await aux.locator('svg.gauge rect:not(.marker)').evaluateAll((rects) => rects.map((r) => [r.getAttribute('class'), getComputedStyle(r).fill]));
  const green = await page.locator('svg.gauge rect.band-ok').first().evaluate((r) => getComputedStyle(r).fill);
  t.same(bands.map(([c]) => c), ['band-crit'], `${when}: its gauge's one band says Critical`);
  t.not(bands[0]![1], green, `${when}: and is not green`);
  // The model keeps the last good reading (40 °C) on show: the page says it is no reading now, and the gauge puts no marker there.
  t.equal(await aux.locator('.reading').textContent(), 'no reading (last 40 °C)', `${when}: the lost reading is not shown as the reading now`);
  t.equal(await aux.locator('svg.gauge rect.marker').evaluate((r) => getComputedStyle(r).display), 'none', `${when}: no marker where the last reading was`);
  t.match(await aux.locator('svg.gauge').getAttribute('aria-label'), /^no reading \(last 40 °C\); /, `${when}: nor in the gauge's words`);
  t.ok(await rowOf(page, 'simulated:cpu2-temp').locator('svg.gauge rect.marker').isVisible(), `${when}: a sensor that reads has its marker`);
  const unknown = rowOf(page, 'simulated:aux-state', 'discreteSensor').locator('.health');
  t.equal(await unknown.locator('.text').textContent(), 'Unknown');
  t.equal(await unknown.locator('.icon').textContent(), '?', `${when}: Unknown has no check mark`);
  const colour = (locator: ReturnType<Page['locator']>) => locator.evaluate((n) => getComputedStyle(n).color);
  t.not(await colour(unknown.locator('.icon')), await colour(rowOf(page, 'simulated:fan1', 'fan').locator('.health .icon')), `${when}: nor the OK colour`);
}

t.test('a long unbroken state text stays in its cell, on a desktop and on a phone', async (t) => {
  // 720 px: a tablet, or a 1440 px window at 200 %, between the phone's cards and the desktop's table.
  // 320 px: WCAG 1.4.10's reflow width, a 1280 px window at 400 %.
  for (const viewport of [{ width: 1280, height: 900 }, { width: 720, height: 900 }, { width: 360, height: 740 }, { width: 320, height: 640 }]) {
    const w = await open({ viewport });
    const cell = rowOf(w.page, 'simulated:aux-state', 'discreteSensor').locator('td.state');
    t.equal(await cell.textContent(), LONG_STATE);
    const overflowing = await w.page.locator('#devices th, #devices td').evaluateAll((cells) =>
      cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => `${c.closest('tr')?.getAttribute('data-id')} ${c.className}`));
    t.same(overflowing, [], `${viewport.width} px: no cell overflows`);
    t.ok(await w.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${viewport.width} px: nothing scrolls sideways`);
    await w.context.close();
  }
});

t.test('a long host name (an FQDN) and a long sensor id wrap on a phone: nothing scrolls sideways', async (t) => {
  // `hostname` answers the FQDN on many servers; its dots are no place a line may break. On '/' it is in the h1, which
  // wrapped before (overflow-wrap: anywhere): the sensor page's and the 404's texts are what body's overflow-wrap holds.
  const fqdn = 'srv0042.compute.frankfurt1.datacenter.example.com';
  const own = await startTestBroker({ hostname: fqdn });
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const id = encodeURIComponent('simulated:cpu1-temp');
  for (const [path, status] of [['/', 200], [`/sensors/${id}`, 200], [`/sensors/${'x'.repeat(60)}`, 404]] as const) {
    t.equal((await page.goto(new URL(path, own.url).href))?.status(), status, path);
    t.match(await page.locator('body').textContent(), path === '/' || path.includes(id) ? fqdn : 'x'.repeat(60), `${path}: the long text is there`);
    t.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${path}: nothing scrolls sideways at 320 px`);
  }
  await context.close();
  await own.close();
});

interface Box { text: string; top: number; bottom: number; left: number; right: number }

/** The chart's labels on screen: inside the chart, legible, none over another. */
async function chartLabels(t: Test, page: Page, when: string): Promise<void> {
  const chart = (await page.locator('svg.chart').boundingBox())!;
  const boxes: Box[] = await page.locator('svg.chart text').evaluateAll((texts) => texts.map((n) => {
    const r = n.getBoundingClientRect();
    return { text: n.textContent ?? '', top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  }));
  t.ok(boxes.length >= 5, `${when}: the extremes and three thresholds are labelled`);
  for (const b of boxes) {
    t.ok(b.bottom - b.top >= 9, `${when}: "${b.text}" is legible (${Math.round(b.bottom - b.top)} px high)`);
    t.ok(b.top >= chart.y - 0.5 && b.bottom <= chart.y + chart.height + 0.5 && b.left >= chart.x - 0.5 && b.right <= chart.x + chart.width + 0.5, `${when}: "${b.text}" is inside the chart`);
  }
  const overlaps = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).map((b) => `${a.text} / ${b.text}`));
  t.same(overlaps, [], `${when}: no label over another`);
}

t.test('a sensor\'s page keeps itself current; its chart says the span it holds; its labels stay apart and legible on a phone', async (t) => {
  const id = 'simulated:cpu1-temp';
  const history = async () => {
    const response = await fetch(`${origin}/api/v1/sensors/${encodeURIComponent(id)}/history`, { headers: { Authorization: basic(VIEWER.name, VIEWER.password) } });
    return (await response.json()) as { unit: string; time: number; state: string; health: string; currentState: string; reading: { text: string }; points: { time: number }[] };
  };
  const w = await open({ viewport: { width: 360, height: 740 } }, `/sensors/${encodeURIComponent(id)}`);
  const { page } = w;
  const asOf = Date.parse((await page.locator('main > p time').last().getAttribute('datetime'))!);
  const held = Math.round((asOf - (await history()).points[0]!.time) / 1000);
  t.ok(held < 3600, `the agent has held readings for ${held} s of the hour it keeps`);
  t.equal(await page.locator('#chart-h').textContent(), held < 120 ? `Last ${held} seconds` : `Last ${Math.round(held / 60)} minutes`, 'the heading says what the chart holds');
  await chartLabels(t, page, 'as served');
  // The scale's ends at the sensor's resolution (0.1 °C), not the padded range's "102.505 °C".
  const axis = () => page.locator('svg.chart text.axis').allTextContents();
  for (const text of await axis()) t.match(text, /^\d+\.\d °C$/, `as served: "${text}" to 0.1 °C`);
  const marker = () => page.locator('.gauge-big .marker').getAttribute('x');
  const before = await marker();
  // CPU1 reaches 101 °C, past its fatal threshold, at 490 s.
  await refreshTo(500_000);
  const after = await history();
  await page.waitForFunction((text) => document.getElementById('now-reading')?.textContent === text, `${after.reading.text} ${after.unit}`, { timeout: 8000 });
  t.equal(await page.locator('#now-state').textContent(), after.currentState, 'its state');
  t.equal(await page.locator('#now-health .text').textContent(), after.health, 'its health');
  t.match(await page.locator('#now-health').getAttribute('class'), new RegExp(`st-${after.state}`));
  t.not(await marker(), before, 'the gauge\'s marker moved');
  t.ok(Number(await page.locator('#readings-count').textContent()) >= after.points.length, 'the readings listed');
  t.ok(Number.parseFloat((await page.locator('svg.chart text.axis').first().textContent())!) > 101, 'the chart\'s scale takes the new reading');
  t.match(await page.locator('#live').textContent(), /^Live: updated /);
  await chartLabels(t, page, 'redrawn');
  for (const text of await axis()) t.match(text, /^\d+\.\d °C$/, `redrawn: "${text}" to 0.1 °C`);
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

t.test('printed: every recent change (the list scrolls on screen), and no control that only works on screen', async (t) => {
  const w = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = w;
  const events = page.locator('#events');
  const clipped = () => events.evaluate((list) => list.scrollHeight > list.clientHeight + 1);
  t.ok(await clipped(), 'on screen the list scrolls: some changes are out of sight');
  await page.emulateMedia({ media: 'print' });
  // The printable width of A4 at Chromium's default margins.
  await page.setViewportSize({ width: 718, height: 1000 });
  t.notOk(await clipped(), 'on paper every change is there');
  t.notOk(await page.locator('.toc').isVisible(), 'no links to the groups');
  t.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing past the page\'s right edge');
  await w.context.close();
});

t.test('a sensor gone while its page is open: the page says the agent answered without it, not that it stopped answering', async (t) => {
  const w = await open({ viewport: { width: 1280, height: 900 } }, `/sensors/${encodeURIComponent('simulated:cpu2-temp')}`);
  const { page } = w;
  const history = '**/api/v1/sensors/*/history';
  const offline = (text: RegExp) => page.waitForFunction((source) => new RegExp(source).test(document.getElementById('offline')?.textContent ?? ''), text.source, { timeout: 8000 });
  // First no answer, then the agent back without the sensor: the alert follows each change of the failure, and back.
  await page.route(history, (route) => route.abort('connectionrefused'));
  await offline(/stopped answering/);
  t.match(await page.title(), /^No answer · /, 'no answer first');
  await page.unroute(history);
  await page.route(history, (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"not-found","message":"no numeric sensor has the id simulated:cpu2-temp"}' }));
  await offline(/no such sensor/);
  const text = await page.locator('#offline').textContent();
  t.match(text, /The agent answered at .* but has no such sensor now \(HTTP 404\)/, 'what happened');
  t.notMatch(text, /stopped answering/);
  t.equal(await page.locator('#offline a').evaluate((a) => (a as HTMLAnchorElement).href), `${origin}/`, 'where to look');
  t.match(await page.title(), /^Sensor gone · /);
  await page.unroute(history);
  await page.route(history, (route) => route.abort('connectionrefused'));
  await offline(/stopped answering/);
  t.match(await page.title(), /^No answer · /, 'then silent again: said so');
  await page.unroute(history);
  await page.waitForSelector('#offline[hidden]', { state: 'attached', timeout: 8000 });
  t.match(await page.title(), /^CPU2 Temp · /, 'back when the sensor is');
  t.match(await page.locator('#live').textContent(), /^Live: updated /, 'and live again');
  await w.context.close();
});

t.test("a gauge's marker stands out from every band, light and dark (WCAG 1.4.11: 3:1)", async (t) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const w = await open({ colorScheme });
    // Each class's colours, on a rect of its own (no named function inside: the page would not know tsx's __name).
    const classes = ['marker', 'band-ok', 'band-warn', 'band-crit', 'band-fatal', 'band-unknown'];
    const styles = await w.page.locator('svg.gauge').first().evaluate((gauge, list) => list.map((cls) => {
      const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      rect.setAttribute('class', cls);
      gauge.append(rect);
      const style = getComputedStyle(rect);
      const colour = { fill: style.fill, stroke: style.stroke, paintOrder: style.paintOrder };
      rect.remove();
      return colour;
    }), classes);
    // The halo under the fill: drawn over it, the 1.5 px stroke would cover most of a marker 2.6 px wide.
    t.match(styles[0]!.paintOrder, /^stroke/, `${colorScheme}: the marker's fill is painted over its halo`);
    const colours = { marker: styles[0]!, bands: classes.slice(1).map((band, i) => [band, styles[i + 1]!.fill] as const) };
    for (const [band, colour] of colours.bands) {
      const best = Math.max(contrast(colours.marker.fill, colour), colours.marker.stroke === 'none' ? 0 : contrast(colours.marker.stroke, colour));
      t.ok(best >= 3, `${colorScheme}: the marker on ${band}: ${best.toFixed(2)}:1`);
    }
    await w.context.close();
  }
});

t.test("a gauge's bands stand out from what they sit on, light and dark, in a row and in the row a link targets (WCAG 1.4.11: 3:1)", async (t) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    // A row the address targets has the panel's background (tr:target): a reason of the verdict links there.
    const w = await open({ colorScheme }, `/${rowHref('numericSensor', 'simulated:cpu1-temp')}`);
    const bands = ['band-ok', 'band-warn', 'band-crit', 'band-fatal', 'band-unknown'];
    // Every gauge's background (the first ancestor's that paints one), and each band's fill on a rect of its own in that gauge.
    const gauges = await w.page.locator('svg.gauge').evaluateAll((svgs, list) => svgs.map((gauge) => {
      let background = 'rgba(0, 0, 0, 0)';
      for (let e: Element | null = gauge; e && /^rgba\(.*, 0\)$|^transparent$/.test(background); e = e.parentElement) background = getComputedStyle(e).backgroundColor;
      const fills = list.map((cls) => {
        const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        rect.setAttribute('class', cls);
        gauge.append(rect);
        const fill = getComputedStyle(rect).fill;
        rect.remove();
        return fill;
      });
      return { background, fills };
    }), bands);
    const backgrounds = new Map(gauges.map((g) => [g.background, g.fills]));
    t.equal(backgrounds.size, 2, `${colorScheme}: gauges on the page's background and on the targeted row's`);
    for (const [background, fills] of backgrounds) {
      bands.forEach((band, i) => {
        const ratio = contrast(fills[i]!, background);
        t.ok(ratio >= 3, `${colorScheme}: ${band} ${fills[i]} on ${background}: ${ratio.toFixed(2)}:1`);
      });
    }
    await w.context.close();
  }
});

/** WCAG 2 contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

t.test('a verdict with many reasons is announced with the first five and how many more; the page lists them all', async (t) => {
  const w = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = w;
  const real = await status();
  const failing = real.groups.flatMap((g) => g.elements).slice(0, 40).map((e) => ({ id: e.id, name: e.name, state: 'CRITICAL' as const, health: 'Critical failure' }));
  const view = { ...real, generation: real.generation + 1000, verdict: { state: 'CRITICAL', reasons: failing.map((f) => `${f.name}: Critical failure`), failing } };
  await page.route('**/api/v1/status', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(view) }));
  await page.waitForFunction(() => document.getElementById('verdict-news')?.textContent !== '', undefined, { timeout: 8000 });
  const news = (await page.locator('#verdict-news').textContent())!;
  t.equal(news, `Overall health now Critical: ${view.verdict.reasons.slice(0, 5).join('; ')}; and 35 more.`, 'five reasons and a count, not forty');
  t.equal(await page.locator('#verdict .reasons li').count(), 40, 'the page lists them all');
  await w.context.close();
});

t.test('a poll rewrites no row whose data did not change (10,000 such rows froze the page for seconds)', async (t) => {
  const w = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = w;
  const real = await status();
  // The same rows twice, under two generations: the first poll renders them, the second must find nothing to change.
  let generation = real.generation + 2000;
  await page.route('**/api/v1/status', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...real, generation }) }));
  const shown = (g: number) => page.waitForFunction((g) => document.getElementById('main')?.getAttribute('data-generation') === String(g), g, { timeout: 8000 });
  await shown(generation);
  await page.evaluate(() => {
    const changed: string[] = [];
    (window as unknown as { changed: string[] }).changed = changed;
    new MutationObserver((records) => {
      for (const r of records) changed.push(`${r.type} ${r.attributeName ?? ''} in ${(r.target instanceof Element ? r.target : r.target.parentElement)?.closest('tr')?.getAttribute('data-id')}`);
    }).observe(document.getElementById('devices')!, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  generation++;
  await shown(generation);
  const changed = await page.evaluate(() => (window as unknown as { changed: string[] }).changed);
  t.same(changed.slice(0, 5), [], `no row rewritten (${changed.length} changes)`);
  t.equal(await rowOf(page, 'simulated:cpu2-temp').locator('.reading').textContent(), real.groups.flatMap((g) => g.elements).find((e) => e.id === 'simulated:cpu2-temp')!.reading!.text + ' °C', 'the rows still show the data');
  await w.context.close();
});

t.test('each table is named: a screen reader\'s list of tables says which group each one is', async (t) => {
  const w = await open();
  const groups = (await status()).groups;
  t.equal(await w.page.getByRole('table').count(), groups.length + 1, 'the providers\' table and one for each group');
  t.equal(await w.page.getByRole('table', { name: 'Providers', exact: true }).count(), 1);
  for (const g of groups) t.equal(await w.page.getByRole('table', { name: g.title, exact: true }).count(), 1, `${g.title}: its table is named`);
  await w.context.close();
});

t.test('a sensor\'s page for an id the agent does not have: 404, in the page\'s own look on a phone and in dark mode, and no polling', async (t) => {
  const context = await browser.newContext({ httpCredentials: { username: VIEWER.name, password: VIEWER.password }, viewport: { width: 360, height: 740 }, isMobile: true, colorScheme: 'dark' });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const response = await page.goto(`${origin}/sensors/${encodeURIComponent('simulated:removed')}`);
  t.equal(response?.status(), 404);
  t.equal(await page.locator('h1').textContent(), 'No such sensor');
  t.equal(await page.locator('main a').evaluate((a) => (a as HTMLAnchorElement).href), `${origin}/`, 'the way back to the host');
  // A phone lays it out at its own width (without the viewport's meta it is drawn 980 px wide and shrunk), in the scheme it asks for.
  t.equal(await page.evaluate(() => document.documentElement.clientWidth), 360, 'laid out at the phone\'s width');
  const colours = await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).color]);
  t.same(colours, ['rgb(13, 17, 23)', 'rgb(230, 237, 243)'], 'dark, as the other pages (page.css --bg and --fg)');
  await page.waitForTimeout(3500);
  t.same(requests.filter((url) => url.includes('/api/')), [], 'no polling of a page with nothing to keep current');
  await context.close();
});

t.test('a poll keeps the keyboard\'s focus on a reason\'s link while the reason stays (its quoted reading moving)', async (t) => {
  const w = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = w;
  const real = await status();
  const sensor = real.groups.flatMap((g) => g.elements).find((e) => e.kind === 'numericSensor')!;
  const failing = [{ id: sensor.id, kind: sensor.kind, name: sensor.name, state: 'CRITICAL' as const, health: 'Critical failure' }];
  let generation = real.generation + 3000;
  let reading = 101;
  const view = () => ({ ...real, generation, verdict: { state: 'CRITICAL', reasons: [`${sensor.name}: Critical failure (${reading} °C)`], failing } });
  await page.route('**/api/v1/status', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(view()) }));
  const shown = (g: number) => page.waitForFunction((g) => document.getElementById('main')?.getAttribute('data-generation') === String(g), g, { timeout: 8000 });
  await shown(generation);
  const link = page.locator('#verdict .reasons a');
  await link.focus();
  generation++;
  reading = 102;
  await shown(generation);
  t.equal(await link.textContent(), `${sensor.name}: Critical failure (102 °C)`, 'the reason says the new reading');
  t.equal(await page.evaluate(() => document.activeElement?.closest('#verdict') !== null && document.activeElement?.tagName), 'A', 'the focus stays on its link');
  await page.keyboard.press('Enter');
  t.equal(await page.locator('tr:target').getAttribute('data-id'), sensor.id, 'and Enter follows it');
  await w.context.close();
});
