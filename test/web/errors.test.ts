/**
 * What the health page says when its poll gets an answer that is not the
 * status, in a real browser (Debian's chromium, headless): an HTTP error
 * (503 from the agent's operation limit, 502/504 from a reverse proxy whose
 * upstream is down, 403 from a proxy's access rule) or a page that is not
 * JSON (a proxy's sign-in page after its session expired, as oauth2-proxy or
 * an nginx auth_request setup sends one). Something answered: the page
 * said "The agent stopped answering (HTTP 503)", the opposite of the truth,
 * and "(Unexpected token '<' …)" for the sign-in page. The answers are
 * given by the browser's request routing, for the poll only, except the
 * redirect, given by a proxy of our own as a real one gives it.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
async function alertFor(answer: (route: Route) => Promise<void>, recordDelays = false): Promise<{ text: string; title: string; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The delays the page's script sets its timers to (its only timer is the next poll's).
  if (recordDelays) {
    await page.addInitScript(() => {
      const delays: number[] = [];
      (window as unknown as { pollDelays: number[] }).pollDelays = delays;
      const set = window.setTimeout.bind(window);
      window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
        delays.push(ms ?? 0);
        return set(handler, ms, ...rest);
      }) as typeof window.setTimeout;
    });
  }
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

const signIn = (route: Route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Sign in</title>' });

t.test("a page that is not JSON instead of the status (a proxy's sign-in page): said so, with its type, not a parser's message", async (t) => {
  const { text, title, page } = await alertFor(signIn);
  t.match(text, /an answer that is not the status \(text\/html\)/);
  t.notMatch(text, /Unexpected token|JSON\.parse|stopped answering/);
  t.match(title, /^Error · testhost · thincim$/, 'the title');
  await page.context().close();
});

t.test("one wrong answer then another (a proxy's 502, then its sign-in page): the alert says the new one", async (t) => {
  let answer: (route: Route) => Promise<void> = (route) => route.fulfill({ status: 502, contentType: 'text/plain', body: 'bad gateway' });
  const { text, page } = await alertFor((route) => answer(route));
  t.match(text, /HTTP 502/, 'the 502 first');
  answer = signIn;
  await page.waitForFunction(() => /not the status \(text\/html\)/.test(document.getElementById('offline')?.textContent ?? ''), undefined, { timeout: 10000 });
  t.notMatch(await page.locator('#offline').textContent(), /HTTP 502/, 'the 502 no longer said');
  answer = (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'busy' });
  await page.waitForFunction(() => /HTTP 503/.test(document.getElementById('offline')?.textContent ?? ''), undefined, { timeout: 10000 });
  t.pass('then a 503 is said as a 503');
  await page.context().close();
});

t.test("a sensor's page: the error names what was asked, the sensor's history", async (t) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/sensors/${encodeURIComponent('simulated:inlet-temp')}`);
  await page.route('**/api/v1/sensors/*/history', (route) => route.fulfill({ status: 502, contentType: 'text/plain', body: 'bad gateway' }));
  await page.waitForSelector('#offline:not([hidden])', { timeout: 10000 });
  const text = await page.locator('#offline').textContent() ?? '';
  t.match(text, /HTTP 502 came instead of the sensor's history/);
  t.notMatch(text, /the status/);
  await context.close();
});

/**
 * A proxy in front of the agent (oauth2-proxy, an nginx auth_request setup)
 * sends a browser whose session expired to its sign-in page on another
 * origin with a 302. Followed, it broke the CSP's connect-src 'self' and
 * the page said "stopped answering (Failed to fetch)". Here a proxy of
 * that kind: it passes everything to the agent until `signIn` is set,
 * then answers the poll with a 302 to another origin.
 */
t.test("a redirect to another origin (a proxy's sign-in): said as a redirect, with the hint to reload", async (t) => {
  let signInNow = false;
  const proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (signInNow && req.url?.startsWith('/api/')) {
      res.writeHead(302, { location: 'http://127.0.0.2:9/oauth2/sign_in' }).end();
      return;
    }
    const upstream = request(new URL(req.url ?? '/', origin), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => /^Live: updated /.test(document.getElementById('live')?.textContent ?? ''), undefined, { timeout: 10000 });
  signInNow = true;
  await page.waitForSelector('#offline:not([hidden])', { timeout: 10000 });
  const text = await page.locator('#offline').textContent() ?? '';
  t.match(text, /redirected .*sign in/i, 'said as a redirect to sign in');
  t.notMatch(text, /stopped answering|Failed to fetch/, 'not as silence');
  t.match(await page.title(), /^Redirected · testhost · thincim$/, 'the title');
  t.equal(await page.locator('#offline a').evaluate((a) => (a as HTMLAnchorElement).href), page.url(), 'a link to reload the page');
  await context.close();
});

t.test('JSON cut short (a proxy that dropped the connection mid-answer): said as a broken answer, not as silence', async (t) => {
  const { text, title, page } = await alertFor((route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"generation":4,"ti' }));
  t.match(text, /an answer of the status that is broken/);
  t.notMatch(text, /stopped answering|Unexpected end/);
  t.match(title, /^Error · testhost · thincim$/);
  await page.context().close();
});

/** The agent's failed-login limiter (security/authenticator.ts) answers 429 with Retry-After once a browser's credentials failed too often. */
t.test("a 429 of the failed-login limiter: said in its own words, the next try after its Retry-After", async (t) => {
  const { text, title, page } = await alertFor((route) => route.fulfill({ status: 429, headers: { 'retry-after': '60' }, contentType: 'text/plain', body: 'too many' }), true);
  t.match(text, /too many failed sign-ins .*\(HTTP 429\)/, 'its own words');
  t.match(text, /Trying again in 60 s/, 'after the Retry-After, not in 3 s');
  t.notMatch(text, /Retrying every 3 s/);
  t.match(title, /^Too many sign-ins · testhost · thincim$/);
  // The next poll is set in the same task that shows the alert.
  t.equal(await page.evaluate(() => (window as unknown as { pollDelays: number[] }).pollDelays.at(-1)), 60_000, 'the next poll is set 60 s ahead');
  await page.context().close();
});

t.test("a proxy's 503 with a Retry-After is retried every 3 s, as its alert says; a 429's Retry-After is capped at 10 minutes", async (t) => {
  const busy = await alertFor((route) => route.fulfill({ status: 503, headers: { 'retry-after': '300' }, contentType: 'text/plain', body: 'busy' }), true);
  t.match(busy.text, /Retrying every 3 s/);
  t.equal(await busy.page.evaluate(() => (window as unknown as { pollDelays: number[] }).pollDelays.at(-1)), 3_000, 'the next poll in 3 s');
  await busy.page.context().close();
  const limited = await alertFor((route) => route.fulfill({ status: 429, headers: { 'retry-after': '99999999' }, contentType: 'text/plain', body: 'too many' }), true);
  t.match(limited.text, /Trying again in 600 s/);
  t.equal(await limited.page.evaluate(() => (window as unknown as { pollDelays: number[] }).pollDelays.at(-1)), 600_000, 'the next poll in 10 minutes, not at once');
  await limited.page.context().close();
});

t.test('silence is still "stopped answering"', async (t) => {
  const { text, title, page } = await alertFor((route) => route.abort('connectionrefused'));
  t.match(text, /The agent stopped answering/);
  t.match(title, /^No answer · /);
  await page.context().close();
});
