import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import {
  DEFAULT_SCHEDULE, importFailure, loadProvider, loadProviders, ProviderLoadError, providerProblem, schemaDirsOf, unusedSectionWarnings,
} from '../../src/providers/loader.js';

const dir = mkdtempSync(join(tmpdir(), 'thincim-loader-'));
t.teardown(() => rmSync(dir, { recursive: true }));

/** Writes an ES module into the temporary folder and returns its path. */
function module(file: string, source: string): string {
  const path = join(dir, file);
  writeFileSync(path, source);
  return path;
}

/** A module whose factory returns a hardware provider named `name`, echoing its options. */
function providerModule(file: string, name: string, extra = ''): string {
  return module(file, `export default (options) => ({
    kind: 'hardware', name: ${JSON.stringify(name)}, version: '1.2.3', options, ${extra}
    sample: async () => ({}),
  });\n`);
}

providerModule('acme.mjs', 'acme');
providerModule('acme-slow.mjs', 'acme-slow', 'defaults: { interval: 60, timeout: 30000 },');
providerModule('other.mjs', 'other');
providerModule('bad-defaults.mjs', 'bad', 'defaults: { interval: 0 },');

async function loadError(promise: Promise<unknown>): Promise<ProviderLoadError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderLoadError) return error;
    throw error;
  }
  throw new Error('expected a ProviderLoadError');
}

t.test('loads a provider from a path relative to the base folder, an absolute path and a file URL', async (t) => {
  const relative = await loadProvider('./acme.mjs', { interval: 5, root: '/x' }, 'explicit', { baseDir: dir });
  t.equal(relative.provider.name, 'acme');
  t.equal(relative.source, join(dir, 'acme.mjs'));
  t.same(relative.options, { interval: 5, root: '/x' });
  t.same((relative.provider as unknown as { options: unknown }).options, { interval: 5, root: '/x' }, 'the factory got the section');
  t.same(relative.schedule, { interval: 5, timeout: DEFAULT_SCHEDULE.timeout });
  t.equal(relative.enablement, 'explicit');

  const absolute = await loadProvider(join(dir, 'acme.mjs'), {}, 'explicit');
  t.equal(absolute.provider.name, 'acme');
  const url = await loadProvider(pathToFileURL(join(dir, 'acme.mjs')).href, {}, 'explicit');
  t.equal(url.source, join(dir, 'acme.mjs'));
});

t.test('the schedule: the section, else the provider defaults, else the global default', async (t) => {
  const byDefaults = await loadProvider('./acme-slow.mjs', {}, 'explicit', { baseDir: dir });
  t.same(byDefaults.schedule, { interval: 60, timeout: 30000 });
  const bySection = await loadProvider('./acme-slow.mjs', { timeout: 500 }, 'explicit', { baseDir: dir });
  t.same(bySection.schedule, { interval: 60, timeout: 500 });
  const byGlobal = await loadProvider('./acme.mjs', {}, 'explicit', { baseDir: dir });
  t.same(byGlobal.schedule, DEFAULT_SCHEDULE);
});

t.test('a name bound to a module with `module`; the section goes to the factory without it', async (t) => {
  const provider = await loadProvider('acme', { module: './acme.mjs', token: 'x' }, 'detect', { baseDir: dir });
  t.equal(provider.provider.name, 'acme');
  t.same(provider.options, { token: 'x' });
  t.equal(provider.enablement, 'detect');
  const error = await loadError(loadProvider('widgets', { module: './acme.mjs' }, 'explicit', { baseDir: dir }));
  t.equal(error.message, `provider 'widgets': ${join(dir, 'acme.mjs')} declares the name 'acme'`);
  t.equal(error.entry, 'widgets');
});

t.test('module errors name the provider and say what is wrong', async (t) => {
  const cases: [string, string, RegExp | string][] = [
    ['nope-not-installed', '', /^provider 'nope-not-installed': not a built-in provider \(hwmon, ipmi, sysinfo, simulated, template\) and cannot be loaded as a package: Cannot find package 'nope-not-installed'/],
    // Node's own words would add "imported from" thincim's bundle chunk, which the author never wrote.
    ['./missing.mjs', '', `provider './missing.mjs': cannot load ${join(dir, 'missing.mjs')}: no such file`],
    ['./imports-missing.mjs', 'import "./gone.mjs";\nexport default () => ({});',
      `provider './imports-missing.mjs': cannot load ${join(dir, 'imports-missing.mjs')}: Cannot find module '${join(dir, 'gone.mjs')}' imported from ${join(dir, 'imports-missing.mjs')}`],
    ['./syntax.mjs', 'export default (', /^provider '\.\/syntax\.mjs': cannot load .*syntax\.mjs: /],
    ['./throws-on-import.mjs', 'throw new Error("top-level boom");', /^provider '\.\/throws-on-import\.mjs': cannot load .*: top-level boom$/],
    ['./no-default.mjs', 'export const x = 1;', `provider './no-default.mjs': ${join(dir, 'no-default.mjs')}: no default export: export the factory as default (\`export default defineProvider((options) => ({ kind, name, version, … }))\`); it exports x`],
    ['./default-object.mjs', 'export default { kind: "hardware" };', `provider './default-object.mjs': ${join(dir, 'default-object.mjs')}: the default export must be a factory function (options) => provider, got object: it looks like the provider itself; export \`() => provider\``],
    ['./default-string.mjs', 'export default "acme";', `provider './default-string.mjs': ${join(dir, 'default-string.mjs')}: the default export must be a factory function (options) => provider, got string`],
    [join(dir, 'absolute-syntax.mjs'), 'export default () => ({ kind: "hardware" name: "x" });',
      `provider '${join(dir, 'absolute-syntax.mjs')}': cannot load ${join(dir, 'absolute-syntax.mjs')}: SyntaxError: Unexpected identifier 'name' (in that file or one it imports: \`node --check FILE\` shows the line)`],
    ['./imports-thincim.mjs', 'import { defineProvider } from "thincim";\nexport default defineProvider(() => ({}));',
      `provider './imports-thincim.mjs': cannot load ${join(dir, 'imports-thincim.mjs')}: Cannot find package 'thincim' imported from ${join(dir, 'imports-thincim.mjs')}: import only types from thincim (\`import type\`, no defineProvider), or install the provider where thincim is installed`],
    ['./factory-throws.mjs', 'export default () => { throw new Error("no config file"); };', "provider './factory-throws.mjs': its factory failed: no config file"],
    ['./factory-rejects.mjs', 'export default async () => { throw new Error("denied"); };', "provider './factory-rejects.mjs': its factory failed: denied"],
    ['./factory-garbage.mjs', 'export default () => 42;', "provider './factory-garbage.mjs': its factory returned something that is not a provider: expected an object, got number"],
    ['./factory-hangs.mjs', 'export default () => new Promise(() => {});', "provider './factory-hangs.mjs': loading took longer than 50 ms"],
  ];
  for (const [entry, source, expected] of cases) {
    if (source) module(entry.startsWith('./') ? entry.slice(2) : entry.slice(dir.length + 1), source);
    // Only the hanging factory should meet the short limit, however slow imports are here.
    const factoryTimeoutMs = entry.includes('hangs') ? 50 : 10_000;
    const error = await loadError(loadProvider(entry, {}, 'explicit', { baseDir: dir, factoryTimeoutMs }));
    if (typeof expected === 'string') t.equal(error.message, expected, entry);
    else t.match(error.message, expected, entry);
  }
});

t.test('an import failure is told by its message: an error that lost its code on the way keeps its advice', async (t) => {
  const noThincim = new Error("Cannot find package 'thincim' imported from /opt/acme/provider.mjs");
  t.match(importFailure(noThincim), /: import only types from thincim \(`import type`, no defineProvider\)/);
  t.match(importFailure(new Error('Unknown file extension ".ts" for /opt/acme/provider.ts')), /: give the JavaScript that `tsc` makes of it$/);
  t.equal(importFailure(new Error("Cannot find package 'acme' imported from /x.mjs")), "Cannot find package 'acme' imported from /x.mjs");
});

t.test('configuration sections are checked before the factory runs', async (t) => {
  const cases: [unknown, string][] = [
    [[], "provider 'acme': its configuration section must be an object"],
    [{ interval: '10s' }, `provider 'acme': interval must be a positive number of seconds, got "10s"`],
    [{ interval: 0 }, "provider 'acme': interval must be a positive number of seconds, got 0"],
    [{ timeout: -1 }, "provider 'acme': timeout must be a positive number of milliseconds, got -1"],
    [{ timeout: Infinity }, "provider 'acme': timeout must be a positive number of milliseconds, got Infinity"],
    [{ module: 5 }, "provider 'acme': module must be a path or a package name, got 5"],
    [{ module: '' }, `provider 'acme': module must be a path or a package name, got ""`],
  ];
  for (const [section, message] of cases) {
    const error = await loadError(loadProvider('acme', section as never, 'explicit', { baseDir: dir }));
    t.equal(error.message, message);
  }
  const error = await loadError(loadProvider('./bad-defaults.mjs', {}, 'explicit', { baseDir: dir }));
  t.equal(error.message, "provider 'bad': defaults.interval must be a positive number of seconds, got 0");
});

t.test('providerProblem says why a factory result is not a provider', async (t) => {
  const hw = { kind: 'hardware', name: 'x', version: '1', sample: () => {} };
  const inst = { kind: 'instance', name: 'x', version: '1', classes: ['ACME_W'], enumerateInstances: () => {} };
  t.equal(providerProblem(hw), undefined);
  t.equal(providerProblem(inst), undefined);
  t.equal(providerProblem({ ...inst, namespace: 'root/acme', schemaDir: '/opt/acme/mof' }), undefined);
  const cases: [unknown, string][] = [
    [null, 'expected an object, got null'],
    [() => {}, 'expected an object, got function'],
    [{ ...hw, name: undefined }, 'name must be a word of letters, digits, \'_\', \'.\' or \'-\', got undefined'],
    [{ ...hw, name: 'has space' }, 'name must be a word of letters, digits, \'_\', \'.\' or \'-\', got "has space"'],
    [{ ...hw, version: '' }, 'version must be a non-empty string, got ""'],
    [{ ...hw, version: 1 }, 'version must be a non-empty string, got 1'],
    [{ ...hw, version: undefined }, 'version must be a non-empty string, got undefined'],
    [{ ...hw, detect: true }, 'detect must be a function'],
    [{ ...hw, close: 'x' }, 'close must be a function'],
    [{ ...hw, sample: undefined }, "a 'hardware' provider needs sample()"],
    [{ ...hw, kind: 'sensor' }, `kind must be 'hardware' or 'instance', got "sensor"`],
    [{ ...inst, enumerateInstances: undefined }, "an 'instance' provider needs enumerateInstances()"],
    [{ ...inst, classes: [] }, 'classes must be a non-empty list of class names'],
    [{ ...inst, classes: ['A', 3] }, 'classes must be a non-empty list of class names'],
    [{ ...inst, namespace: '' }, 'namespace must be a non-empty string'],
    [{ ...inst, schemaDir: 'mof' }, 'schemaDir must be an absolute path'],
  ];
  for (const [value, problem] of cases) t.equal(providerProblem(value), problem);
});

t.test('loadProviders: an explicit list loads exactly its entries, in order', async (t) => {
  const providers = await loadProviders({
    providers: ['./other.mjs', 'acme'],
    options: { acme: { module: './acme.mjs', interval: 2 }, './other.mjs': { timeout: 99 } },
    baseDir: dir,
  });
  t.same(providers.map((p) => [p.provider.name, p.enablement, p.schedule]), [
    ['other', 'explicit', { interval: DEFAULT_SCHEDULE.interval, timeout: 99 }],
    ['acme', 'explicit', { interval: 2, timeout: DEFAULT_SCHEDULE.timeout }],
  ]);
});

t.test('loadProviders: two providers with one name are refused', async (t) => {
  providerModule('acme-copy.mjs', 'acme');
  const error = await loadError(loadProviders({ providers: ['./acme.mjs', './acme-copy.mjs'], baseDir: dir }));
  t.equal(error.message, `provider './acme-copy.mjs': name 'acme' is already taken by ${join(dir, 'acme.mjs')}`);
});

t.test('loadProviders: the first failure stops loading', async (t) => {
  const error = await loadError(loadProviders({ providers: ['./acme.mjs', './missing.mjs'], baseDir: dir }));
  t.equal(error.entry, './missing.mjs');
});

t.test('auto: the built-in candidates, the fallback, and names bound with `module`', async (t) => {
  const providers = await loadProviders({ options: { acme: { module: './acme.mjs' } }, baseDir: dir });
  t.same(providers.map((p) => [p.provider.name, p.source, p.enablement]), [
    ['hwmon', 'builtin:hwmon', 'detect'],
    ['ipmi', 'builtin:ipmi', 'detect'],
    ['sysinfo', 'builtin:sysinfo', 'detect'],
    ['acme', join(dir, 'acme.mjs'), 'detect'],
    ['simulated', 'builtin:simulated', 'fallback'],
  ]);
});

t.test('auto: the fallback is a steady host, whatever its section says; named, it plays its timeline', async (t) => {
  const section = { simulated: { timeScale: 60, timeline: true } };
  const fallback = (await loadProviders({ options: section })).find((p) => p.enablement === 'fallback');
  t.same(fallback?.options, { timeScale: 60, timeline: false });
  const named = await loadProviders({ providers: ['simulated'], options: section });
  t.same(named[0]?.options, { timeScale: 60, timeline: true });
});

t.test('auto next to explicit entries: those are enabled as listed, not detected', async (t) => {
  const providers = await loadProviders({ providers: ['auto', 'simulated', './other.mjs'], baseDir: dir });
  t.same(providers.map((p) => [p.provider.name, p.enablement]), [
    ['simulated', 'explicit'],
    ['other', 'explicit'],
    ['hwmon', 'detect'],
    ['ipmi', 'detect'],
    ['sysinfo', 'detect'],
  ]);
});

t.test('the built-ins load by name, from next to the runtime', async (t) => {
  for (const name of ['hwmon', 'ipmi', 'sysinfo', 'simulated']) {
    const loaded = await loadProvider(name, {}, 'explicit');
    t.equal(loaded.provider.name, name);
    t.equal(loaded.source, `builtin:${name}`);
  }
});

t.test('schemaDirsOf: the MOF folders instance providers ship', async (t) => {
  module('widgets.mjs', `export default () => ({ kind: 'instance', name: 'widgets', version: '1', classes: ['ACME_W'],
    schemaDir: ${JSON.stringify(join(dir, 'mof'))}, enumerateInstances: async () => [] });\n`);
  module('plain.mjs', `export default () => ({ kind: 'instance', name: 'plain', version: '1', classes: ['ACME_P'], enumerateInstances: async () => [] });\n`);
  const providers = await loadProviders({ providers: ['./acme.mjs', './widgets.mjs', './plain.mjs'], baseDir: dir });
  t.same(schemaDirsOf(providers), [join(dir, 'mof')]);
});

t.test('a configuration section no provider loads is warned about, with the name it likely meant', async (t) => {
  t.same(unusedSectionWarnings(['simulated'], { simulatd: { sensors: 5 } }), [
    'providerOptions.simulatd: no provider of that name is loaded (providers: simulated), so these options are not used; did you mean simulated?',
  ]);
  t.same(unusedSectionWarnings(['auto'], { './acme.mjs': { file: '/x' }, acme: { module: './acme.mjs' } }), [
    'providerOptions["./acme.mjs"]: no provider of that name is loaded (providers: auto), so these options are not used',
  ], 'under auto a section with a module is a provider; one named by a path is not listed');
  t.same(unusedSectionWarnings(['auto', './acme.mjs'], { './acme.mjs': {}, hwmon: {} }), [], 'every section used');
  t.same(unusedSectionWarnings(['simulated'], { wholly: {} }), ['providerOptions.wholly: no provider of that name is loaded (providers: simulated), so these options are not used']);
});
