/**
 * Load only what is used: a broker that serves the simulated host does not
 * load the dependencies of providers it does not run (systeminformation),
 * the code of metrics it does not serve (src/server/metrics.ts and the
 * text-format writer), nor of pretty logs it does not write (pino-pretty);
 * nor the YAML parser without a configuration file, nor ajv's schema
 * compiler (the configuration is checked by generated code, and fastify is
 * given no compilers), nor, with a warm schema cache, the MOF compiler.
 * Checked on a real `thincim serve` process run from the sources, whose
 * loaded modules a preloaded module reports at exit; test/ops/bundle.test.ts
 * checks the same of the build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { Test } from 'tap';
import { freePort, spawnThincim, stop } from '../helpers/process.js';

const PRELOAD = fileURLToPath(new URL('../helpers/loaded-packages.cjs', import.meta.url));

interface Loaded {
  packages: string[];
  /** Their modules, as `ajv/dist/compile/index.js`. */
  modules: string[];
  /** The URLs of the ES modules loaded (thincim's own, run from source). */
  esm: string[];
}

/** What a broker loaded from start until its first sample is published, and a graceful stop. */
async function packagesLoaded(t: Test, flags: string[], options: { yamlConfig?: string; dir?: string } = {}): Promise<Loaded> {
  const { yamlConfig, dir = t.testdir() } = options;
  const files = { packages: join(dir, 'packages.json'), modules: join(dir, 'modules.json'), esm: join(dir, 'esm.txt') };
  if (yamlConfig !== undefined) {
    writeFileSync(join(dir, 'thincim.yaml'), yamlConfig);
    flags = [...flags, '--config', join(dir, 'thincim.yaml')];
  }
  const server = spawnThincim(
    ['serve', '--state-dir', join(dir, 'state'), '--https-port', '0', '--http-port', String(await freePort()), '--log-level', 'debug', '--no-log-pretty', ...flags],
    { nodeArgs: ['--require', PRELOAD], env: { LOADED_PACKAGES_FILE: files.packages, LOADED_CJS_MODULES_FILE: files.modules, LOADED_ESM_FILE: files.esm } },
  );
  t.teardown(() => stop(server));
  await server.waitForLog((l) => l.msg === 'model published' && l['generation'] === 2, 'the first sample published');
  server.child.kill('SIGTERM');
  t.match(await server.exited, { code: 0 }, 'stopped gracefully');
  return {
    packages: JSON.parse(readFileSync(files.packages, 'utf8')) as string[],
    modules: JSON.parse(readFileSync(files.modules, 'utf8')) as string[],
    // tsx loads a module of the sources through the hooks twice: once each.
    esm: [...new Set(readFileSync(files.esm, 'utf8').split('\n').filter(Boolean))],
  };
}

/** ajv's compiler, whether loaded by the configuration or by fastify (its runtime helpers may load). */
const compilerOf = (loaded: Loaded): string[] => loaded.modules.filter((m) => m.startsWith('ajv/dist/compile/'));

/** thincim's own modules loaded, by path from the repository's root. */
const ownModules = (loaded: Loaded): string[] => {
  const root = new URL('../../', import.meta.url).href;
  return loaded.esm.filter((url) => url.startsWith(root)).map((url) => url.slice(root.length));
};
const METRICS_MODULES = ['src/server/metrics.ts', 'src/server/prometheus.ts', 'src/server/process-metrics.ts'];

t.test('the simulated host without metrics loads neither systeminformation, the metrics code nor pino-pretty', async (t) => {
  const loaded = await packagesLoaded(t, ['--providers', 'simulated', '--no-metrics']);
  t.ok(loaded.packages.includes('fastify'), 'the report sees the packages loaded');
  for (const name of ['systeminformation', 'pino-pretty']) t.notOk(loaded.packages.includes(name), `${name} is not loaded`);
  const modules = ownModules(loaded);
  t.ok(modules.includes('src/server/broker.ts'), 'the report sees thincim\'s modules loaded');
  for (const path of METRICS_MODULES) t.notOk(modules.includes(path), `${path} is not loaded`);
});

t.test("without a configuration file, neither yaml nor ajv's compiler is loaded", async (t) => {
  const loaded = await packagesLoaded(t, ['--providers', 'simulated', '--no-metrics']);
  t.notOk(loaded.packages.includes('yaml'), 'yaml is not loaded');
  t.same(compilerOf(loaded), [], "ajv's compiler is not loaded");
  t.ok(loaded.modules.some((m) => m.startsWith('fastify/')), 'the report sees the modules loaded');
});

t.test("a YAML configuration file loads yaml, still not ajv's compiler", async (t) => {
  const loaded = await packagesLoaded(t, [], { yamlConfig: 'providers: [simulated]\nmetrics: false\n' });
  t.ok(loaded.packages.includes('yaml'), 'yaml is loaded');
  t.same(compilerOf(loaded), [], "ajv's compiler is not loaded");
});

t.test('the MOF compiler is loaded when the schema cache is cold, not when it is warm', async (t) => {
  const dir = t.testdir();
  const compiler = (loaded: Loaded): string[] => loaded.esm.flatMap((url) => /\/src\/mof\/((compiler|parser|lexer)\.ts)$/.exec(url)?.[1] ?? []).sort();
  const cold = await packagesLoaded(t, ['--providers', 'simulated', '--no-metrics'], { dir });
  t.same(compiler(cold), ['compiler.ts', 'lexer.ts', 'parser.ts'], 'cold: loaded');
  const warm = await packagesLoaded(t, ['--providers', 'simulated', '--no-metrics'], { dir });
  t.ok(warm.esm.some((url) => url.endsWith('/src/repository/load.ts')), 'the report sees the ES modules loaded');
  t.same(compiler(warm), [], 'warm: not loaded');
});

t.test('with /metrics served, the metrics code is loaded', async (t) => {
  const loaded = await packagesLoaded(t, ['--providers', 'simulated']);
  const modules = ownModules(loaded);
  for (const path of METRICS_MODULES) t.ok(modules.includes(path), `${path} is loaded`);
  t.notOk(loaded.packages.includes('systeminformation'));
});
