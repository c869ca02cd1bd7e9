/**
 * Load only what is used: a broker that serves the simulated host does not
 * load the dependencies of providers it does not run (systeminformation),
 * the code of metrics it does not serve (src/server/metrics.ts and the
 * text-format writer), nor of pretty logs it does not write (pino-pretty).
 * Checked on a real `thincim serve` process, whose loaded npm packages and
 * ES modules preloaded modules report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { Test } from 'tap';
import { freePort, spawnThincim, stop } from '../helpers/process.js';

const PACKAGES = fileURLToPath(new URL('../helpers/loaded-packages.cjs', import.meta.url));
const MODULES = new URL('../helpers/loaded-modules.mjs', import.meta.url).href;
const METRICS_MODULES = ['src/server/metrics.ts', 'src/server/prometheus.ts', 'src/server/process-metrics.ts'];

/** What a broker loaded from start until its first sample is published, and a graceful stop: npm packages, and thincim's own modules by path. */
async function loadedBy(t: Test, flags: string[]): Promise<{ packages: string[]; modules: string[] }> {
  const dir = t.testdir();
  const packagesFile = join(dir, 'packages.json');
  const modulesFile = join(dir, 'modules.txt');
  const server = spawnThincim(
    ['serve', '--state-dir', join(dir, 'state'), '--https-port', '0', '--http-port', String(await freePort()), '--log-level', 'debug', '--no-log-pretty', ...flags],
    { nodeArgs: ['--require', PACKAGES, '--import', MODULES], env: { LOADED_PACKAGES_FILE: packagesFile, LOADED_MODULES_FILE: modulesFile } },
  );
  t.teardown(() => stop(server));
  await server.waitForLog((l) => l.msg === 'model published' && l['generation'] === 2, 'the first sample published');
  server.child.kill('SIGTERM');
  t.match(await server.exited, { code: 0 }, 'stopped gracefully');
  const root = new URL('../../', import.meta.url).href;
  const modules = readFileSync(modulesFile, 'utf8').split('\n').filter((url) => url.startsWith(root)).map((url) => url.slice(root.length));
  return { packages: JSON.parse(readFileSync(packagesFile, 'utf8')) as string[], modules };
}

t.test('the simulated host without metrics loads neither systeminformation, the metrics code nor pino-pretty', async (t) => {
  const { packages, modules } = await loadedBy(t, ['--providers', 'simulated', '--no-metrics']);
  t.ok(packages.includes('fastify'), 'the report sees the packages loaded');
  for (const name of ['systeminformation', 'pino-pretty']) t.notOk(packages.includes(name), `${name} is not loaded`);
  t.ok(modules.includes('src/server/broker.ts'), 'the report sees thincim\'s modules loaded');
  for (const path of METRICS_MODULES) t.notOk(modules.includes(path), `${path} is not loaded`);
});

t.test('with /metrics served, the metrics code is loaded', async (t) => {
  const { packages, modules } = await loadedBy(t, ['--providers', 'simulated']);
  for (const path of METRICS_MODULES) t.ok(modules.includes(path), `${path} is loaded`);
  t.notOk(packages.includes('systeminformation'));
});
