/**
 * Load only what is used: a broker that serves the simulated host does not
 * load the dependencies of providers it does not run (systeminformation),
 * of metrics it does not serve (prom-client), nor of pretty logs it does not
 * write (pino-pretty). Checked on a real `thincim serve` process, whose
 * loaded packages a preloaded module reports at exit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { Test } from 'tap';
import { freePort, spawnThincim, stop } from '../helpers/process.js';

const PRELOAD = fileURLToPath(new URL('../helpers/loaded-packages.cjs', import.meta.url));

/** The npm packages a broker loaded from start until its first sample is published, and a graceful stop. */
async function packagesLoaded(t: Test, flags: string[]): Promise<string[]> {
  const dir = t.testdir();
  const file = join(dir, 'packages.json');
  const server = spawnThincim(
    ['serve', '--state-dir', join(dir, 'state'), '--https-port', '0', '--http-port', String(await freePort()), '--log-level', 'debug', '--no-log-pretty', ...flags],
    { nodeArgs: ['--require', PRELOAD], env: { LOADED_PACKAGES_FILE: file } },
  );
  t.teardown(() => stop(server));
  await server.waitForLog((l) => l.msg === 'model published' && l['generation'] === 2, 'the first sample published');
  server.child.kill('SIGTERM');
  t.match(await server.exited, { code: 0 }, 'stopped gracefully');
  return JSON.parse(readFileSync(file, 'utf8')) as string[];
}

t.test('the simulated host without metrics loads neither systeminformation, prom-client nor pino-pretty', async (t) => {
  const loaded = await packagesLoaded(t, ['--providers', 'simulated', '--no-metrics']);
  t.ok(loaded.includes('fastify'), 'the report sees the packages loaded');
  for (const name of ['systeminformation', 'prom-client', 'pino-pretty']) t.notOk(loaded.includes(name), `${name} is not loaded`);
});

t.test('with /metrics served, prom-client is loaded', async (t) => {
  const loaded = await packagesLoaded(t, ['--providers', 'simulated']);
  t.ok(loaded.includes('prom-client'));
  t.notOk(loaded.includes('systeminformation'));
});
