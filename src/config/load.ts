/**
 * Loads the effective configuration: defaults < file (`--config FILE` or
 * THINCIM_CONFIG) < THINCIM_* variables < flags. Every source is validated
 * against the same JSON Schema, and every problem found is reported at once,
 * naming the key and the source; secret values are never echoed.
 */
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest, ConfigError, type ConfigProblem } from './errors.js';
import { type DefaultContext, isField, type Section } from './fields.js';
import { readConfigFile } from './file.js';
import { USER_NAME } from '../security/users-file.js';
import { snmpProblems } from './snmp.js';
import { type Config, CONFIG_SPEC } from './spec.js';
import { CONFIG_FILE_ENV, ENTRIES, ENTRY_BY_KEY, type Entry, entryFor, ENV_PREFIX } from './table.js';
import generatedValidator from './validate-layer.generated.js';

/** The largest configuration file read, by default. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/** Extra flags of the command that loads the configuration (e.g. `--print` of `thincim config`). */
export interface CommandOptions {
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  /** Whether positional arguments are allowed (default: none). */
  positionals?: boolean;
}

export interface LoadConfigInput {
  /** The command's arguments (after the command name). */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths from variables and flags resolve against it. */
  cwd: string;
  /** Whether standard output is a terminal (default of `log.pretty`); default false. */
  stdoutIsTTY?: boolean;
  command?: CommandOptions;
  maxFileBytes?: number;
}

/** Where each key's value came from: `default`, the file path, the `THINCIM_…` variable or the `--flag`. */
export type ConfigSources = Record<string, string>;

export interface LoadedConfig {
  config: Config;
  sources: ConfigSources;
  /** The absolute path of the configuration file read, if any. */
  file?: string;
  /** The calling command's own flags and positional arguments. */
  command: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
}

/** A partial configuration from one source, with the source of each key. */
interface Layer {
  values: Record<string, unknown>;
  sources: Map<string, string>;
  /** The file path, 'environment' or 'command line'. */
  origin: string;
  /** Relative paths in this layer resolve against it. */
  base: string;
  lineOf?: (segments: readonly string[]) => number | undefined;
}

/** VALIDATION_SCHEMA compiled ahead of time (test/config/validator.test.ts keeps it current): no compiling at start. */
const validateLayer = generatedValidator as ValidateFunction;

export async function loadConfig(input: LoadConfigInput): Promise<LoadedConfig> {
  const problems: ConfigProblem[] = [];
  const flags = parseFlags(input, problems);
  const env = readEnv(input, problems);
  const configPath = flags.configPath ?? env.configPath;
  const file = configPath === undefined ? undefined : resolve(input.cwd, configPath);
  const fileLayer = file === undefined ? undefined : await loadFileLayer(file, input.maxFileBytes ?? MAX_CONFIG_FILE_BYTES, problems);
  const layers = [fileLayer, env.layer, flags.layer].filter((l): l is Layer => l !== undefined);
  for (const layer of layers) problems.push(...validate(layer));
  if (problems.length > 0) throw new ConfigError(problems);

  const { config, sources } = merge(layers, {
    env: input.env, stdoutIsTTY: input.stdoutIsTTY ?? false, config: {},
  }, problems);
  problems.push(...crossCheck(config as Config, sources));
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    config: config as Config,
    sources,
    ...(file === undefined ? {} : { file }),
    command: { values: flags.commandValues, positionals: flags.positionals },
  };
}

// ---------------------------------------------------------------- flags

interface ParsedFlags {
  layer: Layer;
  configPath?: string;
  commandValues: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

type OptionRole = { entry: Entry; negated: boolean } | { command: string } | { config: true };

function flagOptions(command: CommandOptions | undefined): { options: ParseArgsConfig['options']; roles: Map<string, OptionRole> } {
  const options: NonNullable<ParseArgsConfig['options']> = { config: { type: 'string', short: 'c' } };
  const roles = new Map<string, OptionRole>([['config', { config: true }]]);
  for (const entry of ENTRIES) {
    if (entry.flag === null) continue;
    const type = entry.field.booleanFlag ? 'boolean' : 'string';
    options[entry.flag] = { type, multiple: entry.field.repeatable === true };
    roles.set(entry.flag, { entry, negated: false });
    if (type === 'boolean') {
      options[`no-${entry.flag}`] = { type: 'boolean' };
      roles.set(`no-${entry.flag}`, { entry, negated: true });
    }
  }
  for (const [name, option] of Object.entries(command?.options ?? {})) {
    if (roles.has(name)) throw new Error(`command flag --${name} clashes with a configuration flag`);
    options[name] = option;
    roles.set(name, { command: name });
  }
  return { options, roles };
}

/**
 * parseArgs in its lenient mode, so that every bad flag is reported (strict
 * mode stops at the first), with the same rules as strict mode: unknown flags
 * and values that look like flags are errors.
 */
function parseFlags(input: LoadConfigInput, problems: ConfigProblem[]): ParsedFlags {
  const { options, roles } = flagOptions(input.command);
  const { tokens } = parseArgs({ args: [...input.argv], options, strict: false, allowPositionals: true, tokens: true });
  const texts = new Map<Entry, string[]>();
  const layer: Layer = { values: {}, sources: new Map(), origin: 'command line', base: input.cwd };
  const result: ParsedFlags = { layer, commandValues: {}, positionals: [] };
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      if (input.command?.positionals) result.positionals.push(token.value);
      else problems.push({ key: token.value, source: 'command line', message: 'unexpected argument' });
      continue;
    }
    const role = roles.get(token.name);
    if (!role) {
      const suggestion = closest(token.name, roles.keys());
      problems.push({
        key: token.rawName, source: token.rawName,
        message: `unknown flag${suggestion ? ` (did you mean --${suggestion}?)` : ''}`,
      });
      continue;
    }
    const isBoolean = options?.[token.name]?.type === 'boolean';
    const value = flagValue(token, isBoolean, problems);
    if (value === undefined) continue;
    if ('config' in role) result.configPath = value as string;
    else if ('command' in role) addCommandValue(result.commandValues, role.command, value, options?.[role.command]?.multiple);
    else if (isBoolean) {
      setAt(layer.values, role.entry.segments, !role.negated);
      layer.sources.set(role.entry.key, token.rawName);
    } else {
      texts.set(role.entry, [...(texts.get(role.entry) ?? []), value as string]);
      layer.sources.set(role.entry.key, token.rawName);
    }
  }
  for (const [entry, given] of texts) setAt(layer.values, entry.segments, entry.field.fromText(given, 'flag'));
  return result;
}

type OptionToken = { name: string; rawName: string; value?: string | undefined; inlineValue?: boolean | undefined };

/** The flag's value (true for a boolean flag), or undefined after reporting a problem. */
function flagValue(token: OptionToken, isBoolean: boolean, problems: ConfigProblem[]): string | boolean | undefined {
  if (isBoolean) {
    if (token.value === undefined) return true;
    problems.push({ key: token.rawName, source: token.rawName, message: `takes no value (use ${token.rawName} or its --no- form)` });
    return undefined;
  }
  if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-') && token.value !== '-')) {
    problems.push({ key: token.rawName, source: token.rawName, message: 'needs a value' });
    return undefined;
  }
  return token.value;
}

function addCommandValue(
  values: ParsedFlags['commandValues'], name: string, value: string | boolean, multiple: boolean | undefined,
): void {
  if (!multiple) {
    values[name] = value;
    return;
  }
  const previous = values[name];
  values[name] = [...(Array.isArray(previous) ? previous : []), String(value)];
}

// ---------------------------------------------------------------- environment

const ENTRY_BY_ENV = new Map(ENTRIES.map((e) => [e.env, e]));

/**
 * The variables the kubelet gives a container for each Service of its
 * namespace (a Service `thincim` or `thincim-…` yields THINCIM_*), each name
 * with the shape of its value. Only a name AND value of the kubelet's making is
 * left alone: THINCIM_HTPS_PORT=15989 is a typo, refused as unknown.
 * SOURCE: kubernetes pkg/kubelet/envvars/envvars.go (makeEnvVariableName
 * upper-cases the DNS-label name, `-` to `_`; the link values use
 * net.JoinHostPort, so an IPv6 address is bracketed).
 */
const LINK_WORD = '[A-Z0-9]+(?:_[A-Z0-9]+)*';
const LINK_SERVICE = `THINCIM(?:_${LINK_WORD})?`;
const LINK_PORT_PREFIX = `${LINK_SERVICE}_PORT_(\\d+)_(TCP|UDP|SCTP)`;
const isDigits = (text: string): boolean => /^\d+$/.test(text);
const isAddress = (text: string): boolean => isIP(text) !== 0;
const SERVICE_LINKS: ReadonlyArray<readonly [RegExp, (text: string, name: RegExpExecArray) => boolean]> = [
  [new RegExp(`^${LINK_SERVICE}_SERVICE_HOST$`), isAddress],
  [new RegExp(`^${LINK_SERVICE}_SERVICE_PORT(?:_${LINK_WORD})?$`), isDigits],
  [new RegExp(`^${LINK_SERVICE}_PORT$`), (text) => linkUrl(text) !== undefined],
  [new RegExp(`^${LINK_PORT_PREFIX}$`), (text, name) => {
    const url = linkUrl(text);
    return url?.proto === name[2]!.toLowerCase() && url.port === name[1];
  }],
  [new RegExp(`^${LINK_PORT_PREFIX}_PROTO$`), (text, name) => text === name[2]!.toLowerCase()],
  [new RegExp(`^${LINK_PORT_PREFIX}_PORT$`), (text, name) => text === name[1]],
  [new RegExp(`^${LINK_PORT_PREFIX}_ADDR$`), isAddress],
];

/** proto://IP:N (IPv6 in brackets) as the kubelet writes it, or undefined. */
function linkUrl(text: string): { proto: string; port: string } | undefined {
  const match = /^(tcp|udp|sctp):\/\/(?:\[([0-9A-Fa-f:.]+)\]|([0-9.]+)):(\d+)$/.exec(text);
  if (!match) return undefined;
  const ok = match[2] === undefined ? isIP(match[3]!) === 4 : isIP(match[2]) === 6;
  return ok ? { proto: match[1]!, port: match[4]! } : undefined;
}

function isServiceLink(name: string, text: string): boolean {
  return SERVICE_LINKS.some(([pattern, valueFits]) => {
    const match = pattern.exec(name);
    return match !== null && valueFits(text, match);
  });
}

/**
 * The client commands' credentials (`thincim enum`, `health`…), which may share
 * the server's environment; a THINCIM_USER that is no user name, or names a
 * file, is a typo of THINCIM_USERS, and is refused as unknown.
 */
const isFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

function isClientCredential(name: string, text: string, cwd: string): boolean {
  return name === 'THINCIM_PASSWORD' || (name === 'THINCIM_USER' && USER_NAME.test(text) && !isFile(resolve(cwd, text)));
}

function readEnv(input: LoadConfigInput, problems: ConfigProblem[]): { layer: Layer; configPath?: string } {
  const layer: Layer = { values: {}, sources: new Map(), origin: 'environment', base: input.cwd };
  let configPath: string | undefined;
  for (const [name, text] of Object.entries(input.env)) {
    // An empty variable counts as unset, as compose files and unit files often leave them.
    if (!name.startsWith(ENV_PREFIX) || text === undefined || text === '') continue;
    if (name === CONFIG_FILE_ENV) {
      configPath = text;
      continue;
    }
    const entry = ENTRY_BY_ENV.get(name);
    if (!entry && (isServiceLink(name, text) || isClientCredential(name, text, input.cwd))) continue;
    if (entry && name.endsWith('_PORT') && linkUrl(text) !== undefined) {
      const service = name.slice(ENV_PREFIX.length, -'_PORT'.length).toLowerCase().replace(/_/g, '-');
      problems.push({ key: entry.key, source: name, message: `${JSON.stringify(text)} looks like a Kubernetes service link (a Service named thincim-${service} `
        + 'in this namespace), not a port: name the Service otherwise, or set enableServiceLinks: false in the pod spec' });
      continue;
    }
    if (!entry) {
      const suggestion = closest(name, [...ENTRY_BY_ENV.keys(), CONFIG_FILE_ENV]);
      problems.push({ key: name, source: name, message: `unknown environment variable${suggestion ? ` (did you mean ${suggestion}?)` : ''}` });
      continue;
    }
    setAt(layer.values, entry.segments, entry.field.fromText([text], 'env'));
    layer.sources.set(entry.key, name);
  }
  return configPath === undefined ? { layer } : { layer, configPath };
}

// ---------------------------------------------------------------- file

async function loadFileLayer(file: string, maxBytes: number, problems: ConfigProblem[]): Promise<Layer | undefined> {
  const fileProblem = (message: string, line?: number): void => {
    problems.push({ key: '(file)', source: file, message, ...(line === undefined ? {} : { line }) });
  };
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) return void fileProblem('not a regular file');
    if (info.size > maxBytes) return void fileProblem(`larger than ${maxBytes} bytes`);
    text = await readFile(file, 'utf8');
  } catch (err) {
    return void fileProblem(`cannot read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const parsed = await readConfigFile(text, file.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  if ('errors' in parsed) {
    for (const e of parsed.errors) fileProblem(e.message, e.line);
    return undefined;
  }
  const values = parsed.values;
  dropEmptySections(values, CONFIG_SPEC);
  const sources = new Map<string, string>();
  for (const entry of ENTRIES) {
    const found = getAt(values, entry.segments);
    if (!found.present) continue;
    sources.set(entry.key, file);
    // A file may give one string for a one-element list.
    if (entry.field.repeatable && typeof found.value === 'string') setAt(values, entry.segments, [found.value]);
  }
  return { values, sources, origin: file, base: dirname(file), lineOf: parsed.lineOf };
}

/** `tls:` with every key commented out is null in YAML: read it as an empty section. */
function dropEmptySections(values: Record<string, unknown>, section: Section): void {
  for (const [name, node] of Object.entries(section)) {
    if (isField(node) || !Object.hasOwn(values, name)) continue;
    const value = values[name];
    if (value === null) delete values[name];
    else if (typeof value === 'object' && !Array.isArray(value)) dropEmptySections(value as Record<string, unknown>, node);
  }
}

// ---------------------------------------------------------------- validation

function validate(layer: Layer): ConfigProblem[] {
  if (validateLayer(layer.values)) return [];
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const error of validateLayer.errors ?? []) {
    const problem = toProblem(error, layer);
    const id = `${problem.key}\0${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}

function toProblem(error: ErrorObject, layer: Layer): ConfigProblem {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') segments.push(String(error.params['additionalProperty']));
  const key = segments.join('.');
  const entry = entryFor(key);
  const source = (entry && layer.sources.get(entry.key)) ?? layer.origin;
  const line = layer.lineOf?.(segments);
  let message = describe(error, key);
  const echo = entry && !entry.field.secret && !entry.field.secretKeys && entry.key === key && error.keyword !== 'additionalProperties';
  if (echo) message += ` (got ${shortJSON(error.data)})`;
  return { key, source, message, ...(line === undefined ? {} : { line }) };
}

function describe(error: ErrorObject, key: string): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const parent = key.includes('.') ? key.slice(0, key.lastIndexOf('.') + 1) : '';
      const suggestion = closest(key, [...ENTRY_BY_KEY.keys()].filter((k) => k.startsWith(parent)));
      return `unknown key${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
    }
    case 'type': {
      const type = String(p['type']);
      // Text where a mapping belongs came from a variable or flag, whose JSON did not parse.
      if (type === 'object' && typeof error.data === 'string') return 'must be a mapping: in a variable or flag, a JSON object (names in double quotes, e.g. {"acme": {"file": "/x"}})';
      return `must be ${{ integer: 'an integer', object: 'a mapping', array: 'a list' }[type] ?? `a ${type}`}`;
    }
    // Once each: a key may take a number and its text alike (an SNMP `version: 1`).
    case 'enum': return `must be one of ${[...new Set((p['allowedValues'] as unknown[]).map(String))].join(', ')}`;
    case 'minimum': return `must be at least ${String(p['limit'])}`;
    case 'maximum': return `must be at most ${String(p['limit'])}`;
    case 'minLength': return p['limit'] === 1 ? 'must not be empty' : `must have at least ${String(p['limit'])} characters`;
    case 'maxLength': return `must have at most ${String(p['limit'])} characters`;
    case 'pattern': return `must match ${String(p['pattern'])}`;
    case 'minItems': return `must list at least ${String(p['limit'])} item(s)`;
    case 'maxItems': return `must list at most ${String(p['limit'])} items`;
    case 'maxProperties': return `must have at most ${String(p['limit'])} entries`;
    case 'propertyNames': return `has an invalid key '${String(p['propertyName'])}'`;
    default: return error.message ?? 'is invalid';
  }
}

function shortJSON(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---------------------------------------------------------------- merge

function merge(layers: Layer[], ctx: DefaultContext, problems: ConfigProblem[]): { config: Record<string, unknown>; sources: ConfigSources } {
  const config: Record<string, unknown> = {};
  const sources: ConfigSources = {};
  // The configuration so far, by dotted key, for computed defaults (entries come in table order).
  const flat: Record<string, unknown> = {};
  const withConfig: DefaultContext = { ...ctx, config: flat };
  for (const entry of ENTRIES) {
    const layer = [...layers].reverse().find((l) => l.sources.has(entry.key));
    let value: unknown;
    if (layer) {
      value = resolvePaths(entry, structuredClone(getAt(layer.values, entry.segments).value), layer, problems);
      sources[entry.key] = layer.sources.get(entry.key) ?? 'default';
    } else {
      const d = entry.field.default;
      value = typeof d === 'function' ? (d as (c: DefaultContext) => unknown)(withConfig) : structuredClone(d);
      sources[entry.key] = 'default';
    }
    setAt(config, entry.segments, value);
    flat[entry.key] = value;
  }
  return { config, sources };
}

function resolvePaths(entry: Entry, value: unknown, layer: Layer, problems: ConfigProblem[]): unknown {
  const base = layer.base;
  switch (entry.field.pathKind) {
    case 'path': return resolve(base, value as string);
    case 'paths': return (value as string[]).map((p) => resolve(base, p));
    case 'modules': return (value as string[]).map((m) => moduleReference(m, base));
    // Sections are named like the `providers` entries they configure, so a `./` name resolves as they do; so does `module`.
    case 'moduleSections': return moduleSections(entry, value as Record<string, Record<string, unknown>>, layer, problems);
    default: return value;
  }
}

/** Sections by resolved name; two names of one file (`./a.js` and its absolute path) are a problem, not one lost section. */
function moduleSections(entry: Entry, value: Record<string, Record<string, unknown>>, layer: Layer, problems: ConfigProblem[]): Record<string, unknown> {
  const sections: Record<string, unknown> = {};
  const written = new Map<string, string>();
  for (const [name, section] of Object.entries(value)) {
    const resolved = moduleReference(name, layer.base);
    const first = written.get(resolved);
    if (first === undefined) {
      written.set(resolved, name);
    } else {
      const line = layer.lineOf?.([...entry.segments, name]);
      const message = `'${first}' and '${name}' name one provider file, ${resolved}: give its options once`;
      problems.push({ key: entry.key, source: layer.sources.get(entry.key) ?? layer.origin, message, ...(line === undefined ? {} : { line }) });
    }
    sections[resolved] = typeof section.module === 'string' ? { ...section, module: moduleReference(section.module, layer.base) } : section;
  }
  return sections;
}

/** Module specifiers: only explicit relative paths are files; bare names are packages or built-ins. */
function moduleReference(reference: string, base: string): string {
  return /^\.\.?\//.test(reference) ? resolve(base, reference) : reference;
}

// ---------------------------------------------------------------- rules across keys

function crossCheck(config: Config, sources: ConfigSources): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (key: string, message: string): void => {
    problems.push({ key, source: sources[key] ?? 'default', message });
  };
  if (config.httpPort === 0 && config.httpsPort === 0) add('httpsPort', 'no listener left: httpPort and httpsPort are both 0');
  if (config.httpPort !== 0 && config.httpPort === config.httpsPort) add('httpPort', 'must differ from httpsPort');
  if ((config.tls.cert === undefined) !== (config.tls.key === undefined)) {
    add(config.tls.cert === undefined ? 'tls.key' : 'tls.cert', 'tls.cert and tls.key must be given together');
  }
  if (Object.keys(config.tls.clientCertUsers).length > 0 && config.tls.ca === undefined) {
    add('tls.clientCertUsers', 'needs tls.ca: client certificates are only requested with a CA to check them against');
  }
  if (config.ipmi.password !== undefined && config.ipmi.passwordFile !== undefined) {
    add('ipmi.password', 'give ipmi.password or ipmi.passwordFile, not both');
  }
  if (config.limits.enumerationTimeoutSec > config.limits.enumerationTimeoutMaxSec) {
    add('limits.enumerationTimeoutSec', `must not exceed limits.enumerationTimeoutMaxSec (${config.limits.enumerationTimeoutMaxSec})`);
  }
  for (const p of snmpProblems(config.snmp)) problems.push({ key: p.key, source: sources['snmp.targets'] ?? 'default', message: p.message });
  return problems;
}

// ---------------------------------------------------------------- nested values

function getAt(obj: Record<string, unknown>, segments: readonly string[]): { present: boolean; value?: unknown } {
  let node: unknown = obj;
  for (const s of segments) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, s)) return { present: false };
    node = (node as Record<string, unknown>)[s];
  }
  return { present: true, value: node };
}

function setAt(obj: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node = obj;
  for (const s of segments.slice(0, -1)) {
    const next = node[s];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[s] = {};
    node = node[s] as Record<string, unknown>;
  }
  node[segments[segments.length - 1] as string] = value;
}
