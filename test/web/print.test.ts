/**
 * The health page printed from a browser in dark mode, in a real browser
 * (Debian's chromium, headless). Chromium keeps `prefers-color-scheme: dark`
 * when it prints and leaves backgrounds out (unless "Background graphics" is
 * ticked): the dark palette, made for #0d1117, went onto white paper, links
 * #58a6ff at 2.5:1, the muted text and the OK icon under 3:1 (the page as
 * PDF, `page.pdf()`, drew its text in those colours). Paper is white: the
 * page prints in its light palette, whichever the screen has.
 */
import t from 'tap';
import { launchBrowser } from '../helpers/browser.js';
import { startTestBroker } from '../helpers/broker.js';

const started = await startTestBroker({ simulated: { clock: () => 0, startTime: 0 } });
const origin = new URL(started.url).origin;
const browser = await launchBrowser();
t.teardown(async () => {
  await browser.close();
  await started.close();
});

/** WCAG 2 contrast ratio of a CSS rgb() colour against white paper. */
function onPaper(colour: string): number {
  const [r, g, b] = colour.match(/[\d.]+/g)!.map(Number).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r! + 0.7152 * g! + 0.0722 * b! + 0.05);
}

t.test('printed from a browser in dark mode: text, links, muted text and icons are legible on white paper (4.5:1)', async (t) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const selectors = { text: 'h1', link: 'main a', muted: 'th[scope="col"]', icon: '.st-OK .icon' };
  const colours: Record<string, string> = await page.evaluate((list) => Object.fromEntries(Object.entries(list).map(([what, selector]) =>
    [what, getComputedStyle(document.querySelector(selector)!).color])), selectors);
  colours['scheme'] = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
  for (const [what, colour] of Object.entries(colours)) {
    if (what !== 'scheme') t.ok(onPaper(colour) >= 4.5, `${what} ${colour}: ${onPaper(colour).toFixed(2)}:1 on paper`);
  }
  t.equal(colours.scheme, 'light', "the browser's own colours (a form control, the canvas) are the light ones too");
  await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
  t.ok(onPaper(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).color)) < 4.5, 'on screen the dark palette is kept');
  await context.close();
});
