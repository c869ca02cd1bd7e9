/**
 * Loading providers: built-in ones from the top-level `providers/` folder
 * by name, external ones from a path or an npm package name. Every failure
 * is a `ProviderLoadError` naming the provider: a broker that can't load a
 * configured provider refuses to start rather than run blind.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closest } from '../config/errors.js';
import { entryModule } from '../package.js';
import type { Provider, ProviderFactory, ProviderOptions, ProviderSchedule } from './api.js';
import { errorMessage } from './call.js';

/** Providers shipped with thincim, loadable by name. */
export const BUILTIN_PROVIDERS = ['hwmon', 'ipmi', 'sysinfo', 'simulated', 'template'] as const;

/** What `providers: auto` considers, besides external providers bound with `module`. */
export const AUTO_PROVIDERS = ['hwmon', 'ipmi', 'sysinfo'] as const;

/** Enabled by `providers: auto` only when no other hardware provider is. */
export const FALLBACK_PROVIDER = 'simulated';

/** Whether a provider loaded from `source` serves made-up readings (fallback or named). */
export function isSimulated(source: string): boolean {
  return source === `builtin:${FALLBACK_PROVIDER}`;
}

/**
 * What the fallback gets over its section: a steady host. Its scenario's
 * failure timeline would page on-call with false alarms under the real host
 * name; it plays only when the simulated provider is named explicitly.
 */
export const FALLBACK_OPTIONS: Readonly<ProviderOptions> = Object.freeze({ timeline: false });

export const DEFAULT_SCHEDULE: Readonly<ProviderSchedule> = Object.freeze({ interval: 10, timeout: 10_000 });
export const DEFAULT_FACTORY_TIMEOUT_MS = 10_000;

export interface ProviderSelection {
  /**
   * The providers to enable, each a built-in name, a name bound to a module
   * by its section's `module` key, a file path, or an npm package name; and
   * `auto` (the default): the built-in providers that detect hardware here,
   * the fallback when none does, and every name bound with `module`.
   */
  providers?: 'auto' | readonly string[];
  /**
   * Configuration sections by provider name; for an entry given as a path or
   * package name, by the entry as written. A section's `module` key (a path
   * or a package name) binds the name to an external provider, which
   * `providers: auto` then considers too.
   */
  options?: Readonly<Record<string, ProviderOptions>>;
  /** Where relative module paths start. Default: the working directory. */
  baseDir?: string;
  /** Milliseconds the import of a module plus its factory may take. */
  factoryTimeoutMs?: number;
}

/**
 * How a loaded provider gets enabled: `explicit` (listed in the
 * configuration), `detect` (auto mode: when its detect() says so), or
 * `fallback` (auto mode: only when no other hardware provider is enabled).
 */
export type Enablement = 'explicit' | 'detect' | 'fallback';

export interface LoadedProvider {
  provider: Provider;
  /** Where it was loaded from: `builtin:<name>`, a file path or a package name. */
  source: string;
  /** The configuration section the factory received. */
  options: ProviderOptions;
  /** The section's interval and timeout, else the provider's defaults, else DEFAULT_SCHEDULE. */
  schedule: ProviderSchedule;
  enablement: Enablement;
}

/** A provider that could not be loaded; `entry` is how the configuration names it. */
export class ProviderLoadError extends Error {
  readonly entry: string;

  constructor(entry: string, problem: string, options?: ErrorOptions) {
    super(`provider '${entry}': ${problem}`, options);
    this.name = 'ProviderLoadError';
    this.entry = entry;
  }
}

/** Loads every provider the selection names (or auto mode considers), in order. */
export async function loadProviders(selection: ProviderSelection = {}): Promise<LoadedProvider[]> {
  const sections = selection.options ?? {};
  const loaded: LoadedProvider[] = [];
  for (const [entry, enablement] of entriesOf(selection.providers ?? 'auto', sections)) {
    const section = enablement === 'fallback' ? { ...sections[entry], ...FALLBACK_OPTIONS } : sections[entry] ?? {};
    const provider = await loadProvider(entry, section, enablement, selection);
    const clash = loaded.find((other) => other.provider.name === provider.provider.name);
    if (clash) throw new ProviderLoadError(entry, `name '${provider.provider.name}' is already taken by ${clash.source}`);
    loaded.push(provider);
  }
  return loaded;
}

/** The entries to load and how each gets enabled; an entry listed explicitly is not also auto-detected. */
function entriesOf(wanted: 'auto' | readonly string[], sections: Readonly<Record<string, ProviderOptions>>): Map<string, Enablement> {
  const list = wanted === 'auto' ? ['auto'] : wanted;
  const entries = new Map<string, Enablement>(list.filter((e) => e !== 'auto').map((e) => [e, 'explicit']));
  if (!list.includes('auto')) return entries;
  const bound = Object.keys(sections).filter((name) => sections[name]?.module !== undefined);
  for (const name of [...AUTO_PROVIDERS, ...bound]) if (!entries.has(name)) entries.set(name, 'detect');
  if (!entries.has(FALLBACK_PROVIDER)) entries.set(FALLBACK_PROVIDER, 'fallback');
  return entries;
}

/**
 * A warning for each configuration section no provider loads: a section
 * named with a typo (`simulatd`), or for a provider left out of `providers`,
 * whose options would otherwise be ignored without a word.
 */
export function unusedSectionWarnings(wanted: 'auto' | readonly string[], sections: Readonly<Record<string, ProviderOptions>>): string[] {
  const entries = entriesOf(wanted, sections);
  const names = [...new Set([...entries.keys(), ...BUILTIN_PROVIDERS])];
  return Object.keys(sections).filter((name) => !entries.has(name)).map((name) => {
    const meant = closest(name, names.filter((n) => n !== name));
    const key = /^[A-Za-z0-9][\w-]*$/.test(name) ? `providerOptions.${name}` : `providerOptions[${JSON.stringify(name)}]`;
    return `${key}: no provider of that name is loaded (providers: ${wanted === 'auto' ? 'auto' : wanted.join(', ')}), so these options are not used`
      + (meant ? `; did you mean ${meant}?` : '');
  });
}

/** The MOF folders the loaded instance providers ship (`schemaDir`), for the repository to compile. */
export function schemaDirsOf(providers: readonly LoadedProvider[]): string[] {
  return providers.flatMap(({ provider }) => (provider.kind === 'instance' && provider.schemaDir ? [provider.schemaDir] : []));
}

/** Loads one provider: resolves its module, checks its section, calls its factory, checks the result. */
export async function loadProvider(
  entry: string,
  section: ProviderOptions,
  enablement: Enablement,
  selection: Pick<ProviderSelection, 'baseDir' | 'factoryTimeoutMs'> = {},
): Promise<LoadedProvider> {
  checkSection(entry, section);
  const target = moduleOf(entry, section, selection.baseDir ?? process.cwd());
  const { module: _module, ...options } = section;
  const timeoutMs = selection.factoryTimeoutMs ?? DEFAULT_FACTORY_TIMEOUT_MS;
  const provider = await withTimeout(entry, timeoutMs, async () => {
    const factory = await importFactory(entry, target);
    return await callFactory(entry, factory, options);
  });
  if (target.named && provider.name !== entry) {
    throw new ProviderLoadError(entry, `${target.source} declares the name '${provider.name}'`);
  }
  const schedule = scheduleOf(provider, section);
  return { provider, source: target.source, options, schedule, enablement };
}

// ---- the section ------------------------------------------------------------

function checkSection(entry: string, section: ProviderOptions): void {
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    throw new ProviderLoadError(entry, 'its configuration section must be an object');
  }
  const { module, interval, timeout } = section;
  if (module !== undefined && (typeof module !== 'string' || module === '')) {
    throw new ProviderLoadError(entry, `module must be a path or a package name, got ${show(module)}`);
  }
  checkPositive(entry, 'interval', interval, 'seconds');
  checkPositive(entry, 'timeout', timeout, 'milliseconds');
}

function checkPositive(entry: string, key: string, value: unknown, unit: string): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new ProviderLoadError(entry, `${key} must be a positive number of ${unit}, got ${show(value)}`);
  }
}

/** A configuration value as written (JSON shows Infinity as null). */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value);
}

function scheduleOf(provider: Provider, section: ProviderOptions): ProviderSchedule {
  const defaults = provider.defaults ?? {};
  checkPositive(provider.name, 'defaults.interval', defaults.interval, 'seconds');
  checkPositive(provider.name, 'defaults.timeout', defaults.timeout, 'milliseconds');
  return {
    interval: section.interval ?? defaults.interval ?? DEFAULT_SCHEDULE.interval,
    timeout: section.timeout ?? defaults.timeout ?? DEFAULT_SCHEDULE.timeout,
  };
}

// ---- the module -------------------------------------------------------------

interface ModuleTarget {
  /** What import() gets. */
  specifier: string;
  /** What messages show. */
  source: string;
  /** The entry is the provider's name (so the provider must declare it), not a module reference. */
  named: boolean;
  builtin: boolean;
}

function moduleOf(entry: string, section: ProviderOptions, baseDir: string): ModuleTarget {
  if (typeof section.module === 'string') return { ...external(section.module, baseDir), named: true };
  if ((BUILTIN_PROVIDERS as readonly string[]).includes(entry)) {
    const file = entryModule(`providers/${entry}/index`);
    return { specifier: pathToFileURL(file).href, source: `builtin:${entry}`, named: true, builtin: true };
  }
  return { ...external(entry, baseDir), named: false };
}

function external(reference: string, baseDir: string): Omit<ModuleTarget, 'named'> {
  if (reference.startsWith('file:')) return { specifier: reference, source: fileURLToPath(reference), builtin: false };
  if (reference.startsWith('.') || isAbsolute(reference)) {
    const file = resolve(baseDir, reference);
    return { specifier: pathToFileURL(file).href, source: file, builtin: false };
  }
  return { specifier: reference, source: reference, builtin: false };
}

async function importFactory(entry: string, target: ModuleTarget): Promise<ProviderFactory> {
  let module: { default?: unknown };
  try {
    module = (await import(target.specifier)) as { default?: unknown };
  } catch (error) {
    const what = target.builtin || target.named || target.source !== entry || isPath(entry)
      ? `cannot load ${target.source}`
      : `not a built-in provider (${BUILTIN_PROVIDERS.join(', ')}) and cannot be loaded as a package`;
    throw new ProviderLoadError(entry, `${what}: ${missingFile(error, target) ? noSuchFile(error) : importFailure(error)}`, { cause: error });
  }
  if (typeof module.default !== 'function') {
    throw new ProviderLoadError(entry, `${target.source}: ${defaultExportProblem(module)}`);
  }
  return module.default as ProviderFactory;
}

/** The provider's own file is missing: Node.js says so "imported from" thincim's bundle, which confuses more than it tells. */
function missingFile(error: unknown, target: ModuleTarget): boolean {
  return !target.builtin && errorMessage(error).startsWith(`Cannot find module '${target.source}' `);
}

/** 'no such file', with Node's hint when the file is there under another extension (a path without `.js`). */
function noSuchFile(error: unknown): string {
  const hint = /\n(Did you mean [^\n]*)/.exec(errorMessage(error))?.[1];
  return hint ? `no such file; ${hint}` : 'no such file';
}

function isPath(entry: string): boolean {
  return entry.startsWith('.') || entry.startsWith('file:') || isAbsolute(entry);
}

/**
 * Why the import failed, with what the author can do: Node.js 20 does not say
 * where a syntax error of an imported module is, and a provider outside
 * thincim's installation cannot import thincim at run time.
 */
export function importFailure(error: unknown): string {
  const message = errorMessage(error);
  if (error instanceof SyntaxError) return `SyntaxError: ${message} (in that file or one it imports: \`node --check FILE\` shows the line)`;
  // By message, not by `code`: with module hooks registered (tsx, tap) the
  // error can reach here without its `code` (seen once in a full test run).
  if (message.startsWith('Unknown file extension ')) return `${message}: give the JavaScript that \`tsc\` makes of it`;
  if (message.startsWith("Cannot find package 'thincim' ")) {
    return `${message}: import only types from thincim (\`import type\`, no defineProvider), or install the provider where thincim is installed`;
  }
  return message;
}

/** What is wrong with a module's default export that is not a function. */
function defaultExportProblem(module: { default?: unknown }): string {
  const value = module.default;
  if (value === undefined) {
    const names = Object.keys(module).filter((k) => k !== 'default');
    return `no default export: export the factory as default (\`export default defineProvider((options) => ({ kind, name, version, … }))\`)${names.length > 0 ? `; it exports ${names.join(', ')}` : ''}`;
  }
  const kind = value === null ? 'null' : typeof value;
  const provider = kind === 'object' && 'kind' in (value as object);
  return `the default export must be a factory function (options) => provider, got ${kind}${provider ? ': it looks like the provider itself; export `() => provider`' : ''}`;
}

async function callFactory(entry: string, factory: ProviderFactory, options: ProviderOptions): Promise<Provider> {
  let provider: unknown;
  try {
    provider = await factory(options);
  } catch (error) {
    throw new ProviderLoadError(entry, `its factory failed: ${errorMessage(error)}`, { cause: error });
  }
  const problem = providerProblem(provider);
  if (problem) throw new ProviderLoadError(entry, `its factory returned something that is not a provider: ${problem}`);
  return provider as Provider;
}

/** Why `value` is not a Provider, or undefined when it is one. */
export function providerProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `expected an object, got ${value === null ? 'null' : typeof value}`;
  const p = value as Record<string, unknown>;
  if (typeof p.name !== 'string' || !/^[A-Za-z0-9][\w.-]*$/.test(p.name)) {
    return `name must be a word of letters, digits, '_', '.' or '-', got ${JSON.stringify(p.name)}`;
  }
  if (typeof p.version !== 'string' || p.version === '') return `version must be a non-empty string, got ${show(p.version)}`;
  const methods = ['detect', 'close', 'sample', 'setThreshold', 'restoreDefaultThresholds', 'enumerateInstances', 'modifyInstance', 'invokeMethod'];
  const notFunction = methods.find((m) => p[m] !== undefined && typeof p[m] !== 'function');
  if (notFunction) return `${notFunction} must be a function`;
  if (p.kind === 'hardware') return p.sample === undefined ? "a 'hardware' provider needs sample()" : undefined;
  if (p.kind !== 'instance') return `kind must be 'hardware' or 'instance', got ${JSON.stringify(p.kind)}`;
  if (p.enumerateInstances === undefined) return "an 'instance' provider needs enumerateInstances()";
  if (!Array.isArray(p.classes) || p.classes.length === 0 || !p.classes.every((c) => typeof c === 'string' && c !== '')) {
    return 'classes must be a non-empty list of class names';
  }
  if (p.namespace !== undefined && (typeof p.namespace !== 'string' || p.namespace === '')) return 'namespace must be a non-empty string';
  if (p.schemaDir !== undefined && (typeof p.schemaDir !== 'string' || !isAbsolute(p.schemaDir))) return 'schemaDir must be an absolute path';
  return undefined;
}

async function withTimeout<T>(entry: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderLoadError(entry, `loading took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work(), late]);
  } finally {
    clearTimeout(timer);
  }
}
