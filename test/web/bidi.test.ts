/**
 * A hardware name with a bidirectional override in it, on the health page in
 * a real browser (Debian's chromium, headless). An IPMI SDR's ID string is
 * 16 bytes the BMC's maker writes (ipmitool prints them as they come), an
 * hwmon label any driver's text: U+202E (RIGHT-TO-LEFT OVERRIDE) in one
 * reversed the rest of every line that quoted it, the verdict's reason
 * "Fan 3: Critical failure" shown as "eruliaf lacitirC :3 naF" (found by
 * replaying an `ipmitool sdr elist` recording, /work/shared/fixtures/ipmi/
 * telegraf-sdr-elist-curated, with such a name). The "Trojan Source"
 * attack (CVE-2021-42574) hides text the same way. The page shows each such
 * control as its code point instead, on the server's page and in what its
 * script writes; the JSON API keeps the name as the hardware gave it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { startTestBroker } from '../helpers/broker.js';

const RLO = '\u202e';
const SHOWN = '⟨U+202E⟩';
const dir = await mkdtemp(join(tmpdir(), 'thincim-bidi-'));
const scenario = JSON.parse(await readFile(new URL('../../providers/simulated/default-scenario.json', import.meta.url), 'utf8'));
scenario.$schema = undefined;
// Above its critical threshold from the start: a reason of the verdict and a recent change quote its name.
scenario.sensors.push({ id: `aux${RLO}`, label: `${RLO}Aux Temp`, kind: 'temperature', unit: 'celsius', decimals: 0, value: 99, thresholds: { upperCritical: 95 } });
const scenarioFile = join(dir, 'scenario.json');
await writeFile(scenarioFile, JSON.stringify(scenario));

const started = await startTestBroker({ simulated: { clock: () => 0, startTime: 0, scenario: scenarioFile } });
const origin = new URL(started.url).origin;
const browser = await launchBrowser();
t.teardown(async () => {
  await browser.close();
  await started.close();
  await rm(dir, { recursive: true });
});

/** What the reader sees of the name on the host's page: in the reasons (the script rewrites them), the row's heading and the recent changes (the server's; a poll leaves them). */
async function shown(page: Page): Promise<{ reasons: string; row: string; events: string }> {
  return page.evaluate(() => ({
    reasons: document.querySelector('#verdict .reasons')?.textContent ?? '',
    row: document.querySelector('tr[data-kind="numericSensor"][data-id^="simulated:aux"] th')?.textContent ?? '',
    events: document.getElementById('events')?.textContent ?? '',
  }));
}

function check(t: Test, seen: Awaited<ReturnType<typeof shown>>, where: string): void {
  t.match(seen.reasons, `${SHOWN}Aux Temp: `, `${where}: the reason shows the override as its code point`);
  t.equal(seen.row, `${SHOWN}Aux Temp`, `${where}: so does the row's heading`);
  for (const [name, text] of Object.entries(seen)) t.notOk(text.includes(RLO), `${where}: no override in the ${name}`);
}

const live = (page: Page) => page.waitForFunction(() => /^Live: updated /.test(document.getElementById('live')?.textContent ?? ''), undefined, { timeout: 10000 });

t.test("a name's bidi override reverses nothing: shown as its code point, on the server's page and after a poll", async (t) => {
  const status = await (await fetch(`${origin}/api/v1/status`)).json() as { verdict: { reasons: string[] } };
  t.ok(status.verdict.reasons.some((r) => r.startsWith(`${RLO}Aux Temp`)), 'the JSON API keeps the name as the hardware gave it');

  const still = await browser.newContext({ javaScriptEnabled: false });
  const snapshot = await still.newPage();
  await snapshot.goto(`${origin}/`);
  check(t, await shown(snapshot), 'the server\'s page');
  t.match((await shown(snapshot)).events, SHOWN, 'the recent change quotes it shown');
  await still.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await live(page);
  check(t, await shown(page), 'after a poll');
  t.notMatch(await page.locator('#live').textContent(), /appeared or disappeared/, 'every row is still found by its id');
  await context.close();
});

t.test("the sensor's page: its heading and the chart's label show the override as its code point, after a poll too", async (t) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = () => page.evaluate(() => ({
    heading: document.querySelector('header h1')?.textContent ?? '',
    chart: document.querySelector('#chart svg.chart')?.getAttribute('aria-label') ?? '',
    title: document.title, // the server's
  }));
  await page.goto(`${origin}/sensors/${encodeURIComponent(`simulated:aux${RLO}`)}`);
  const loaded = await seen();
  t.equal(loaded.heading, `${SHOWN}Aux Temp`, "the server's heading");
  t.match(loaded.chart, `${SHOWN}Aux Temp: `, "the server's chart label");
  // The chart is drawn again by the script from the history the poll brings.
  await page.evaluate(() => document.querySelector('#chart svg.chart')?.setAttribute('data-old', ''));
  await live(page);
  await page.waitForSelector('#chart svg.chart:not([data-old])', { timeout: 10000 });
  const polled = await seen();
  t.match(polled.chart, `${SHOWN}Aux Temp: `, "after a poll: the script's chart label");
  for (const [name, text] of Object.entries(polled)) t.notOk(text.includes(RLO), `after a poll: no override in the ${name}`);
  await context.close();
});
