/**
 * The package as it ships: esbuild's bundle in dist/ (scripts/bundle.mjs;
 * `npm test` builds it first). It needs nothing outside itself but Node's
 * built-ins, `npm pack` ships all of it, and the built server answers
 * CIM-XML and serves the page from its own files while loading only the
 * code its configuration uses.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { cimHeaders, imethodBody, iparam, post } from '../helpers/broker.js';
import { freePort, spawnThincim, stop } from '../helpers/process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../helpers/loaded-packages.cjs', import.meta.url));

interface Output {
  bytes: number;
  inputs: Record<string, unknown>;
  imports: { path: string; external?: boolean }[];
}
const outputs = (JSON.parse(readFileSync(join(ROOT, 'dist/bundle-meta.json'), 'utf8')) as { outputs: Record<string, Output> }).outputs;

/** The npm packages an output holds, and all its inputs (thincim's sources, packages' modules). */
function contents(output: Output): { packages: Set<string>; sources: Set<string> } {
  const packages = new Set<string>();
  const sources = new Set<string>();
  for (const input of Object.keys(output.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
    if (name) packages.add(name);
    sources.add(input);
  }
  return { packages, sources };
}

t.test('the bundle imports nothing but Node built-ins and what it resolves at run time on purpose', async (t) => {
  const builtin = new Set(builtinModules);
  const external = new Set<string>();
  for (const output of Object.values(outputs)) {
    for (const { path, external: isExternal } of output.imports) {
      if (isExternal && !path.startsWith('node:') && !builtin.has(path)) external.add(path);
    }
  }
  // systeminformation's optional macOS temperature modules are required in a try block.
  t.same([...external].sort(), ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'esbuild', 'light-my-request', 'macos-temperature-sensor', 'osx-temperature-sensor'],
    'only the page script\'s bundler (for the sources), the schema compilers fastify is told not to build, fastify\'s inject, and optional macOS modules');
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  t.equal(manifest['dependencies'], undefined, 'the package declares no dependency: the bundle holds them');
});

t.test('npm pack ships every output of the bundle, the schemas and the page assets, and no sources or maps', async (t) => {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as [{ files: { path: string }[] }];
  const files = new Set(packed[0].files.map((f) => f.path));
  const missing = Object.keys(outputs).filter((path) => !files.has(path));
  t.same(missing, [], 'every output is packed');
  for (const path of ['bin/thincim.js', 'dist/src/web/client/page.js', 'src/web/assets/page.css', 'src/web/assets/icon.svg', 'schemas/thincim.mof', 'mibs/THINCIM-MIB.txt', 'mibs/thincim-snmptt.conf', 'dist/src/index.d.ts']) {
    t.ok(files.has(path), `${path} is packed`);
  }
  t.same([...files].filter((path) => /\.(map|tsbuildinfo)$|^dist\/bundle-meta\.json$|^(src|providers)\/.*\.ts$/.test(path)), [], 'no map, metafile or TypeScript source');
});

t.test('the code is ASCII, so V8 keeps each module\'s source text at one byte a character', async (t) => {
  const wide = Object.keys(outputs).filter((path) => path.endsWith('.js') && /[^\x00-\x7f]/.test(readFileSync(join(ROOT, path), 'latin1')));
  // A regular expression of systeminformation's (°), which only its provider loads.
  const sysinfo = wide.filter((path) => contents(outputs[path]!).packages.has('systeminformation'));
  t.same(wide, sysinfo, 'no output but systeminformation\'s has a character past ASCII');
  t.ok(sysinfo.length <= 1, 'at most that one');
});

t.test('the built CLI reads a YAML configuration file (a CommonJS package loaded on demand from its own chunk)', async (t) => {
  const dir = t.testdir({ 'thincim.yaml': 'providers: [simulated]\nsimulated:\n  sensors: 7\n' });
  const run = spawnThincim(['config', '--print', '--config', join(dir, 'thincim.yaml')], { built: true });
  t.teardown(() => stop(run));
  t.match(await run.exited, { code: 0 }, run.stderr());
  t.match(run.stdout(), /^simulated:\n(  .*\n)*  sensors: 7$/m, 'the file\'s value is in the effective configuration');
});

t.test('the built server answers CIM-XML, serves the page, and loads only the code it uses', async (t) => {
  const dir = t.testdir();
  const port = await freePort();
  const esmFile = join(dir, 'esm.txt');
  const server = spawnThincim(
    ['serve', '--state-dir', join(dir, 'state'), '--https-port', '0', '--http-port', String(port), '--providers', 'simulated', '--no-metrics', '--log-level', 'debug', '--no-log-pretty'],
    {
      built: true,
      nodeArgs: ['--require', PRELOAD],
      env: { LOADED_PACKAGES_FILE: join(dir, 'packages.json'), LOADED_ESM_FILE: esmFile, LOADED_BUILTINS_FILE: join(dir, 'builtins.json') },
    },
  );
  t.teardown(() => stop(server));
  await server.waitForLog((l) => l.msg === 'model published' && l['generation'] === 2, 'the first sample published');
  const url = `http://127.0.0.1:${port}`;

  const answer = await post(url, imethodBody('EnumerateInstanceNames', 'root/cimv2', iparam('ClassName', '<CLASSNAME NAME="CIM_NumericSensor"/>')),
    cimHeaders('EnumerateInstanceNames', 'root/cimv2'));
  t.equal(answer.status, 200);
  t.match(answer.text, /<INSTANCENAME CLASSNAME="Thincim_NumericSensor">/, 'the simulated sensors, from the bundled provider');

  const page = await fetch(`${url}/`);
  t.equal(page.status, 200);
  const html = await page.text();
  // Relative to the page (it may be published under a path prefix): from `/`, `assets/…`.
  for (const [pattern, type] of [[/src="(assets\/page\.js\?v=\w+)"/, 'text/javascript'], [/href="(assets\/page\.css\?v=\w+)"/, 'text/css'], [/href="(assets\/icon\.svg\?v=\w+)"/, 'image/svg+xml']] as const) {
    const path = pattern.exec(html)?.[1];
    t.ok(path, `the page refers to ${type}`);
    const asset = await fetch(new URL(path!, `${url}/`));
    t.equal(asset.status, 200, `${path} is served`);
    t.match(asset.headers.get('content-type'), type);
    t.ok((await asset.text()).length > 100, `${path} has its content`);
  }

  server.child.kill('SIGTERM');
  t.match(await server.exited, { code: 0 }, 'stopped gracefully');
  const loaded = new Set(readFileSync(esmFile, 'utf8').split('\n').filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u).slice(ROOT.length)));
  t.ok(loaded.has('dist/src/cli/main.js') && loaded.has('dist/providers/simulated/index.js'), 'the report sees the bundle\'s files loaded');
  const packages = new Set<string>();
  const sources = new Set<string>();
  for (const path of loaded) {
    const output = outputs[path];
    if (!output) continue;
    const held = contents(output);
    held.packages.forEach((p) => packages.add(p));
    held.sources.forEach((s) => sources.add(s));
  }
  t.ok(packages.has('fastify') && sources.has('src/server/broker.ts'), 'the loaded outputs hold the server');
  for (const name of ['systeminformation', 'net-snmp', 'yaml']) t.notOk(packages.has(name), `${name} is not loaded`);
  // fastify's error serializer and the generated validators use their run-time helpers only.
  for (const compiler of ['node_modules/ajv/dist/compile/index.js', 'node_modules/fast-json-stringify/index.js']) t.notOk(sources.has(compiler), `${compiler} is not loaded`);
  const lazy = ['src/server/metrics.ts', 'src/server/prometheus.ts', 'providers/sysinfo/index.ts', 'providers/hwmon/index.ts', 'src/snmp/index.ts',
    'providers/simulated/scenario-check.ts', 'providers/simulated/validate-scenario.generated.ts'];
  for (const source of lazy) {
    t.notOk(sources.has(source), `${source} is not loaded`);
  }
  const builtins = JSON.parse(readFileSync(join(dir, 'builtins.json'), 'utf8')) as string[];
  t.ok(builtins.includes('http') && builtins.includes('net'), 'the report sees Node.js\'s own modules loaded');
  t.notOk(builtins.includes('http2'), 'node:http2, which fastify requires as it loads, is not loaded (scripts/bundle.mjs, lazyBuiltins)');
  const bundled = new Set(Object.values(outputs).flatMap((output) => [...contents(output).packages]));
  const required = JSON.parse(readFileSync(join(dir, 'packages.json'), 'utf8')) as string[];
  t.same(required.filter((name) => bundled.has(name)), [], 'no package the bundle holds is loaded from node_modules');
});
