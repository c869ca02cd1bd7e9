/**
 * The health page: bytes a first load transfers (page, style sheet, script,
 * icon; headers included) and the time to first render in headless
 * chromium, at the default host (23 numeric sensors) and at 1,000; and the
 * server's time to make the page and the JSON status.
 *
 *   node --import tsx bench/page.ts [--sensors 23,1000] [--loads 5]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import { loadProviders } from '../src/providers/index.js';
import { loadRepository } from '../src/repository/index.js';
import { startBroker } from '../src/server/broker.js';
import { TEST_LIMITS } from '../test/helpers/broker.js';

const { values } = parseArgs({ options: { sensors: { type: 'string', default: '23,1000' }, loads: { type: 'string', default: '5' } } });
const counts = values.sensors.split(',').map(Number);
const loads = Number(values.loads);
const repository = await loadRepository({ cacheDir: false });
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg()[0]!.toFixed(2);

console.log(`Node.js ${process.version}, chromium headless, ${loads} first loads each (median)`);
for (const sensors of counts) {
  const broker = await startBroker({
    repository, logger: pino({ level: 'silent' }), limits: TEST_LIMITS, hostname: 'bench-host',
    providers: await loadProviders({ providers: ['simulated'], options: { simulated: { sensors } } }),
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: false }],
  });
  await broker.manager.refresh();
  const url = broker.urls[0]!;
  const bytes: number[] = [];
  const paint: number[] = [];
  const byType = new Map<string, number>();
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const requests: import('playwright-core').Request[] = [];
    page.on('requestfinished', (r) => requests.push(r));
    await page.goto(`${url}/`, { waitUntil: 'load' });
    let total = 0;
    for (const r of requests) {
      const s = await r.sizes();
      const n = s.responseBodySize + s.responseHeadersSize;
      total += n;
      const name = new URL(r.url()).pathname;
      byType.set(name, n);
    }
    bytes.push(total);
    paint.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    await context.close();
  }
  const serverMs = async (path: string) => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await (await fetch(`${url}${path}`)).arrayBuffer();
      times.push(performance.now() - started);
    }
    return median(times).toFixed(1);
  };
  const parts = [...byType].map(([name, n]) => `${name} ${(n / 1024).toFixed(1)}`).join(', ');
  console.log(`${sensors} sensors: first load ${(median(bytes) / 1024).toFixed(1)} KiB (${parts} KiB), first contentful paint ${median(paint).toFixed(0)} ms; ` +
    `GET / ${await serverMs('/')} ms, GET /api/v1/status ${await serverMs('/api/v1/status')} ms ` +
    `(${((await (await fetch(`${url}/api/v1/status`)).arrayBuffer()).byteLength / 1024).toFixed(1)} KiB); load average ${load()}`);
  await broker.close();
}
await browser.close();
