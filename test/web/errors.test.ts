/**
 * What the health page says when its poll gets an answer that is not the
 * status, in a real browser (Debian's chromium, headless): an HTTP error
 * (503 from the agent's operation limit, 502/504 from a reverse proxy whose
 * upstream is down, 403 from a proxy's access rule) or a page that is not
 * JSON (a proxy's sign-in page after its session expired, as oauth2-proxy or
 * an nginx auth_request setup sends one). Something answered: the page
 * said "The agent stopped answering (HTTP 503)", the opposite of the truth,
 * and "(Unexpected token '<' …)" for the sign-in page. The answers are
 * given by the browser's request routing, for the poll only.
 */
import t from 'tap';
import type { Page, Route } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { startTestBroker } from '../helpers/broker.js';

const started = await startTestBroker({ simulated: { clock: () => 0, startTime: 0 } });
const origin = new URL(started.url).origin;
const browser = await launchBrowser();
t.teardown(async () => {
  await browser.close();
  await started.close();
});

/** The host's page, live, then its polls answered by `answer`; the alert it shows. */
async function alertFor(answer: (route: Route) => Promise<void>): Promise<{ text: string; title: string; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => /^Live: updated /.test(document.getElementById('live')?.textContent ?? ''), undefined, { timeout: 10000 });
  await page.route('**/api/v1/status', answer);
  await page.waitForSelector('#offline:not([hidden])', { timeout: 10000 });
  return { text: await page.locator('#offline').textContent() ?? '', title: await page.title(), page };
}

t.test('an HTTP error instead of the status: the page says what came, not that nothing did', async (t) => {
  for (const status of [503, 502, 403]) {
    const { text, title, page } = await alertFor((route) => route.fulfill({ status, contentType: 'text/plain', body: 'not now' }));
    t.match(text, new RegExp(`HTTP ${status} .*instead of the status`), `${status}: what came`);
    t.notMatch(text, /stopped answering/, `${status}: not "stopped answering"`);
    t.match(text, /Retrying every 3 s/, `${status}: it keeps trying`);
    t.match(title, /^Error · testhost · thincim$/, `${status}: the title`);
    await page.context().close();
  }
});

t.test("a page that is not JSON instead of the status (a proxy's sign-in page): said so, with its type, not a parser's message", async (t) => {
  const { text, page } = await alertFor((route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Sign in</title>' }));
  t.match(text, /an answer that is not the status \(text\/html\)/);
  t.notMatch(text, /Unexpected token|JSON\.parse|stopped answering/);
  await page.context().close();
});

t.test('silence is still "stopped answering"', async (t) => {
  const { text, title, page } = await alertFor((route) => route.abort('connectionrefused'));
  t.match(text, /The agent stopped answering/);
  t.match(title, /^No answer · /);
  await page.context().close();
});
