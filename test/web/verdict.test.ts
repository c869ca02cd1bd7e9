/**
 * The page's verdict counts what the model counts in the system: a device
 * the page lists that fails (a DIMM, a processor, a redundancy set) turns
 * the verdict as it turns the ComputerSystem's HealthState, with a reason
 * that links to its row. (Each element is judged as `thincim health` and
 * check_esxi_hardware judge it: a lost reading is CRITICAL there, where the
 * model's roll-up ranks it below a fault.) In a real browser (Debian's chromium, headless) against
 * a broker serving the simulated host, whose clock the test steps.
 *
 * The failures are the simulated scenario's device events (providers/simulated
 * README): a memory module "failed" is what an IPMI Memory sensor's
 * "Uncorrectable ECC" or a Redfish Memory resource's Status.Health
 * "Critical" becomes in the model.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Page } from 'playwright-core';
import { elementStatus } from '../../src/client/health.js';
import { instancesOf, type StatusView } from '../../src/web/view.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestBroker } from '../helpers/broker.js';

const dir = await mkdtemp(join(tmpdir(), 'thincim-verdict-'));
const scenario = JSON.parse(await readFile(new URL('../../providers/simulated/default-scenario.json', import.meta.url), 'utf8'));
scenario.$schema = undefined;
// Only a memory module fails (at 10 s, back at 30 s): the sensors, fans and supplies stay healthy. Then a supply
// is pulled (at 30 s): its set of two, one needed, has lost its redundancy, which the model calls a warning.
scenario.timeline.events = [
  { at: 10, memory: 'dimm-a1', status: 'failed' }, { at: 30, memory: 'dimm-a1', status: 'ok' }, { at: 30, powerSupply: 'psu2', status: 'absent' },
];
const scenarioFile = join(dir, 'scenario.json');
await writeFile(scenarioFile, JSON.stringify(scenario));

let now = 0;
const started = await startTestBroker({ simulated: { clock: () => now, startTime: 0, scenario: scenarioFile } });
const browser = await launchBrowser();
t.teardown(async () => {
  await browser.close();
  await started.close();
  await rm(dir, { recursive: true });
});

/** The system's HealthState as the page words its state. */
function systemState(): string {
  return elementStatus(instancesOf(started.broker.state, 'CIM_ComputerSystem')[0]!).state;
}

async function status(): Promise<StatusView> {
  return (await (await fetch(`${started.url}/api/v1/status`)).json()) as StatusView;
}

async function verdictOf(page: Page): Promise<{ word: string | null; reasons: string[]; title: string }> {
  return { word: await page.locator('#verdict strong').textContent(), reasons: await page.locator('#verdict .reasons li').allTextContents(), title: await page.title() };
}

t.test('a failed memory module turns the verdict Critical, as it turns the system; its reason links to its row', async (t) => {
  t.equal(systemState(), 'OK', 'the host starts healthy');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${started.url}/`);
  t.equal((await verdictOf(page)).word, 'OK');

  now = 20_000;
  await started.broker.manager.refresh();
  t.equal(systemState(), 'CRITICAL', 'the model: the system is Critical');
  const view = await status();
  t.equal(view.verdict.state, 'CRITICAL', 'the status says so');
  t.same(view.verdict.reasons, ['DIMM A1: Critical failure']);
  t.same(view.verdict.failing.map((f) => `${f.kind} ${f.id}`), ['memory simulated:dimm-a1']);

  await page.waitForFunction(() => document.querySelector('#verdict strong')?.textContent === 'Critical', undefined, { timeout: 8000 });
  const live = await verdictOf(page);
  t.same(live.reasons, ['DIMM A1: Critical failure'], 'the open page gives the reason');
  t.match(live.title, /^Critical · /);
  t.match(await page.locator('#verdict-news').textContent(), /^Overall health now Critical: DIMM A1: Critical failure/, 'and announces it');
  await page.locator('#verdict .reasons a').click();
  t.equal(await page.locator('tr:target').getAttribute('data-id'), 'simulated:dimm-a1', 'the reason links to the module\'s row');
  t.equal(await page.locator('tr:target').getAttribute('data-kind'), 'memory');

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const served = await noScript.newPage();
  await served.goto(`${started.url}/`);
  t.same(await verdictOf(served), live, 'the page as served says the same');
  await Promise.all([context.close(), noScript.close()]);
});

t.test('a set of supplies without its spare: Warning, as the model says of the system, not Critical', async (t) => {
  now = 40_000;
  await started.broker.manager.refresh();
  t.equal(systemState(), 'WARNING', 'the model: the system is Degraded');
  const view = await status();
  t.equal(view.verdict.state, 'WARNING', 'the status says so');
  t.ok(view.verdict.reasons.includes('Power Supply Redundancy: Redundancy Lost'), 'for the lost redundancy');
  const redundancy = view.groups.find((g) => g.id === 'redundancy')!.elements.find((e) => e.name === 'Power Supply Redundancy')!;
  t.equal(redundancy.state, 'WARNING', 'the set\'s own state is a warning, as its change event\'s severity is');
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${started.url}/`);
  t.equal((await verdictOf(page)).word, 'Warning', 'the page says Warning');
  const row = page.locator(`tr[data-kind="redundancySet"][data-id="${redundancy.id}"]`);
  t.equal(await row.locator('.health .icon').textContent(), '▲', 'the set\'s row: the warning\'s icon');
  t.match(await row.getAttribute('class'), /st-WARNING/);
  await context.close();
});
