/**
 * `thincim provider-test NAME`: runs one provider alone — load, detect, one
 * sample under its deadline — builds the model from that sample, checks
 * every instance against the repository and the profile rules, prints what
 * it found and every problem. Exit 0 only without problems: an OEM's CI can
 * run it as is.
 */
import { hostname as osHostname } from 'node:os';
import { parseArgs } from 'node:util';
import type { CIMInstance, CIMValue } from '../cim/index.js';
import { withUnit } from '../client/quantity.js';
import { buildModel, checkProfileRules, type HardwareSnapshot, type ModelEntry, type ModelInput, type NumericSensor } from '../model/index.js';
import { qualifiedId } from '../model/ids.js';
import {
  DEFAULT_BACKOFF, DEFAULT_CLOSE_TIMEOUT_MS, errorMessage, loadProvider, ProviderLoadError, ProviderRunner,
  type LoadedProvider, type ProviderOptions, type RuntimeLogger,
} from '../providers/index.js';
import { unknownKeys, type UnknownKey } from '../providers/validate.js';
import { closest } from '../config/errors.js';
import { defaultCacheDir, loadRepository, MofError, formatDiagnostic } from '../repository/index.js';
import type { ClassRepository } from '../repository/types.js';
import type { CliIO, Command } from './io.js';
import { watchBlocking, type Watched } from './loop-hold.js';

const USAGE = `usage: thincim provider-test [options] NAME

Runs one provider alone: loads it, asks it to detect its hardware, takes one
sample under its deadline, builds the CIM model from it, and checks every
instance against the class repository and the profile rules. Prints what it
found and every problem.

NAME is what the 'providers' setting takes: a built-in name (hwmon, ipmi,
sysinfo, simulated, template), a file path or an npm package name.

options:
  -o, --option KEY=VALUE  a key of the provider's configuration section
                          (repeatable); VALUE is read as JSON when it parses
                          (5, true, "x", [1,2]) and as text otherwise
  --schema-dir DIR        an extra folder of MOF files (repeatable)
  --hostname NAME         the host name in the model (default: this machine's)
  -v, --verbose           show the provider's log lines down to debug
  -h, --help              show this help

exit status: 0 when nothing is wrong, 1 when there are problems, 2 on usage errors
`;

interface Arguments {
  entry: string;
  options: ProviderOptions;
  schemaDirs: string[];
  hostname: string;
  verbose: boolean;
}

class UsageError extends Error {}

export const run: Command = async (args, io) => {
  let parsed: Arguments | 'help';
  try {
    parsed = parseArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`thincim provider-test: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  try {
    return await test(parsed, io);
  } catch (error) {
    if (error instanceof ProviderLoadError) io.stderr.write(`thincim provider-test: ${error.message}\n`);
    else if (error instanceof MofError) for (const d of error.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    else throw error;
    return 1;
  }
};

function parseArguments(args: string[]): Arguments | 'help' {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        option: { type: 'string', short: 'o', multiple: true },
        'schema-dir': { type: 'string', multiple: true },
        hostname: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no provider given' : 'one provider at a time');
  const options: ProviderOptions = {};
  for (const pair of values.option ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`--option takes KEY=VALUE, not '${pair}'`);
    options[pair.slice(0, eq)] = optionValue(pair.slice(eq + 1));
  }
  return {
    entry: positionals[0]!,
    options,
    schemaDirs: values['schema-dir'] ?? [],
    hostname: values.hostname ?? osHostname(),
    verbose: values.verbose ?? false,
  };
}

function optionValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// ---- the run ----------------------------------------------------------------

async function test(args: Arguments, io: CliIO): Promise<number> {
  const problems: string[] = [];
  const loaded = await loadProvider(args.entry, args.options, 'detect');
  const { provider } = loaded;
  const schemaDir = provider.kind === 'instance' && provider.schemaDir ? [provider.schemaDir] : [];
  const repository = await loadRepository({ schemaDir: [...args.schemaDirs, ...schemaDir], cacheDir: defaultCacheDir(io.env) });
  const runner = new ProviderRunner({
    loaded,
    repository,
    logger: textLogger(io.stderr, args.verbose ? 'debug' : 'warn'),
    signal: new AbortController().signal,
    now: Date.now,
    backoff: DEFAULT_BACKOFF,
    snapshotLimits: {},
    closeTimeoutMs: DEFAULT_CLOSE_TIMEOUT_MS,
  });
  try {
    io.stdout.write(`provider  ${provider.name} ${provider.version} (${loaded.source}), ${provider.kind}\n`);
    // Once, as the broker runs it: a second detect would set up twice what close() releases once.
    const detection = await watchBlocking(() => runner.detect());
    const detected = detection.result;
    io.stdout.write(`detect    ${detected ? 'yes' : `no${detailOf(runner)}`}\n`);
    if (!detected) problems.push(`detect: the provider found nothing to report here${detailOf(runner)}`);
    problems.push(...blockingProblem('detect', detection.blockedMs));
    const sampled = await judgeBlocking('sample', () => runner.sample(), io);
    const ok = sampled.result;
    problems.push(...blockingProblem('sample', sampled.blockedMs));
    const { lastError, cleanedText, cleanedCount, refusedItems, refusedCount } = runner.state();
    io.stdout.write(`sample    ${ok ? `ok in ${sampled.elapsedMs} ms${refusedNote(refusedCount)}` : `failed: ${lastError}`}\n`);
    if (!ok) problems.push(`sample: ${lastError}`);
    for (const note of cleanedText) problems.push(`sample: ${note}`);
    problems.push(...unlisted(cleanedCount - cleanedText.length, 'string', 'cleaned'));
    // The broker serves the rest of such a sample; the author must still see each item it leaves out.
    for (const note of refusedItems) problems.push(`sample: item refused: ${note}`);
    problems.push(...unlisted(refusedCount - refusedItems.length, 'item', 'refused'));
    const input = modelInput(runner, loaded, args.hostname);
    const served = ok ? input.hardware[0]?.snapshot : undefined;
    if (served) problems.push(...unknownKeys(served).map(unknownKeyProblem));
    const entries = buildModel(input, { onProblem: (p) => problems.push(`model: ${p.subject}: ${p.message}`) });
    problems.push(...checkModel(entries, repository));
    report(io, input, entries, provider.name);
  } finally {
    await runner.close();
  }
  io.stdout.write(`\nproblems (${problems.length})\n`);
  for (const problem of problems) io.stdout.write(`  ${problem}\n`);
  return problems.length === 0 ? 0 : 1;
}

/**
 * Longest the event loop may be held at once by a provider call: the broker
 * answers every client on that loop, so a call that holds it longer delays
 * them all, and its deadline cannot stop it (it abandons only calls that wait).
 */
const BLOCKING_LIMIT_MS = 500;

/**
 * `work` watched by watchBlocking; when it succeeded but held the loop too
 * long, run and judged again, and a note says so: a first call may load
 * modules or fill a cache, once in the broker's life. A hold that comes back
 * is the provider's; a failure is never replaced by a second try's success.
 */
async function judgeBlocking(call: string, work: () => Promise<boolean>, io: CliIO): Promise<Watched<boolean>> {
  const first = await watchBlocking(work);
  if (first.blockedMs <= BLOCKING_LIMIT_MS || !first.result) return first;
  const second = await watchBlocking(work);
  io.stdout.write(`note      the first ${call} held the event loop for ${first.blockedMs} ms at once, the second for ${second.blockedMs} ms; judged on the second\n`);
  return second;
}

function blockingProblem(call: string, blockedMs: number): string[] {
  if (blockedMs <= BLOCKING_LIMIT_MS) return [];
  return [`${call}: held the event loop for ${blockedMs} ms at once (more than ${BLOCKING_LIMIT_MS}): every client of the broker waits that long, `
    + 'and no deadline stops it; use node:fs/promises and runCommand instead of synchronous calls (readFileSync, execSync), and split long computations'];
}

/** A key no snapshot type declares, with the declared one it is likely a typo of. */
function unknownKeyProblem({ path, key, known, id }: UnknownKey): string {
  const meant = known.find((k) => k.toLowerCase().startsWith(key.toLowerCase())) ?? closest(key, known);
  return `sample: ${path}: unknown key, ignored${meant ? ` (did you mean ${meant}?)` : ''}${id === undefined ? '' : ` (id ${JSON.stringify(id)})`}`;
}

/** The problem that `count` more were found than the state keeps (PROBLEMS_KEPT), if any. */
function unlisted(count: number, noun: string, what: string): string[] {
  return count > 0 ? [`sample: ${count} more ${noun}${count === 1 ? '' : 's'} ${what}, not listed`] : [];
}

function refusedNote(count: number): string {
  return count === 0 ? '' : `, ${count} item${count === 1 ? '' : 's'} refused (not served)`;
}

function detailOf(runner: ProviderRunner): string {
  const { disabledReason } = runner.state();
  return disabledReason ? ` (${disabledReason})` : '';
}

function modelInput(runner: ProviderRunner, loaded: LoadedProvider, hostname: string): ModelInput {
  const hardware = loaded.provider.kind === 'hardware';
  return {
    hostname,
    now: Date.now(),
    staleAfterMs: loaded.schedule.interval * 3000,
    hardware: hardware ? [runner.hardwareSample()] : [],
    instances: hardware ? [] : [runner.instanceSample()],
  };
}

/** Every instance against its class, then the profile rules over the whole model. */
function checkModel(entries: readonly ModelEntry[], repository: ClassRepository): string[] {
  const problems: string[] = [];
  for (const { namespace, instance } of entries) {
    for (const p of repository.validateInstance(namespace, instance)) {
      problems.push(`invalid ${instance.path?.toString() ?? instance.classname}${p.property ? ` ${p.property}` : ''}: ${p.message}`);
    }
  }
  for (const p of checkProfileRules(entries)) {
    problems.push(`rule ${p.rule}: ${p.path}${p.property ? ` ${p.property}` : ''}: ${p.message}`);
  }
  return problems;
}

// ---- what it found ----------------------------------------------------------

const HEALTH: Record<number, string> = {
  0: 'Unknown', 5: 'OK', 10: 'Degraded', 15: 'Minor failure', 20: 'Major failure', 25: 'Critical failure', 30: 'Non-recoverable',
};

const UNITS: Record<NumericSensor['unit'], string> = {
  celsius: '°C', fahrenheit: '°F', kelvin: 'K', volts: 'V', amps: 'A', watts: 'W', voltamperes: 'VA', joules: 'J',
  rpm: 'RPM', hertz: 'Hz', percent: '%', pascals: 'Pa', psi: 'psi', cfm: 'CFM', seconds: 's', inches: 'in', feet: 'ft',
  meters: 'm', liters: 'l', ohms: 'Ω', unspecified: '',
};

const THRESHOLDS = [
  ['lowerFatal', 'lf'], ['lowerCritical', 'lc'], ['lowerNonCritical', 'lnc'],
  ['upperNonCritical', 'unc'], ['upperCritical', 'uc'], ['upperFatal', 'uf'],
] as const;

function report(io: CliIO, input: ModelInput, entries: readonly ModelEntry[], provider: string): void {
  const out = (text: string): void => void io.stdout.write(text);
  const devices = deviceIndex(entries);
  const health = (id: string): string => {
    const instance = devices.get(qualifiedId(provider, id));
    // A sensor that never had a reading is an absent part: the model does not serve it.
    if (instance === undefined) return 'absent (not served)';
    const state = instance.get('HealthState');
    const text = typeof state === 'number' ? HEALTH[state] ?? String(state) : '—';
    const current = instance.get('CurrentState');
    return typeof current === 'string' ? `${text} (${current})` : text;
  };
  const snapshot = input.hardware[0]?.snapshot;
  if (snapshot) out(hardwareReport(snapshot, health));
  for (const sample of input.instances) out(instanceReport(sample.instances));
  const counts = new Map<string, number>();
  for (const { namespace } of entries) counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
  out(`\nmodel     ${entries.length} instances (${[...counts].map(([ns, n]) => `${ns} ${n}`).join(', ')})\n`);
}

/** Model devices by DeviceID, to show the health the model derived for each snapshot item. */
function deviceIndex(entries: readonly ModelEntry[]): Map<string, CIMInstance> {
  const index = new Map<string, CIMInstance>();
  for (const { instance } of entries) {
    const id = instance.get('DeviceID');
    if (typeof id === 'string') index.set(id, instance);
  }
  return index;
}

function hardwareReport(s: HardwareSnapshot, health: (id: string) => string): string {
  const parts: string[] = [];
  if (s.system) parts.push(section('system', ['host', 'manufacturer', 'model', 'serial', 'uuid'], [[s.system.hostname, s.system.manufacturer, s.system.model, s.system.serialNumber, s.system.uuid]]));
  parts.push(section('chassis', ['id', 'manufacturer', 'model', 'serial', 'tag', 'type'], (s.chassis ?? []).map((c) => [c.id, c.manufacturer, c.model, c.serialNumber, c.tag, c.type])));
  parts.push(section('boards', ['id', 'label', 'manufacturer', 'model', 'serial'], (s.boards ?? []).map((b) => [b.id, b.label, b.manufacturer, b.model, b.serialNumber])));
  parts.push(section('firmware', ['id', 'label', 'manufacturer', 'version', 'released'], (s.firmware ?? []).map((f) => [f.id, f.label, f.manufacturer, f.version, f.releaseDate?.toISOString().slice(0, 10)])));
  parts.push(section('numeric sensors', ['id', 'label', 'kind', 'value', 'thresholds (* settable)', 'ranges', 'health'], (s.sensors ?? []).map((n) => [n.id, n.label, n.kind, reading(n), thresholds(n), ranges(n), health(n.id)])));
  parts.push(section('discrete sensors', ['id', 'label', 'kind', 'state', 'health'], (s.discreteSensors ?? []).map((d) => [d.id, d.label, d.kind, d.state, health(d.id)])));
  parts.push(section('fans', ['id', 'label', 'speed sensor', 'status', 'health'], (s.fans ?? []).map((f) => [f.id, f.label, f.speedSensor, f.status, health(f.id)])));
  parts.push(section('power supplies', ['id', 'label', 'rated W', 'status', 'health'], (s.powerSupplies ?? []).map((p) => [p.id, p.label, p.ratedOutputWatts, p.status, health(p.id)])));
  parts.push(section('processors', ['id', 'label', 'model', 'cores', 'threads', 'max MHz', 'health'], (s.processors ?? []).map((p) => [p.id, p.label, p.model, p.cores, p.threads, p.maxSpeedMHz, health(p.id)])));
  parts.push(section('memory', ['id', 'label', 'capacity', 'type', 'MHz', 'health'], (s.memory ?? []).map((m) => [m.id, m.label, bytes(m.capacity), m.type, m.speedMHz, health(m.id)])));
  parts.push(section('batteries', ['id', 'label', 'charge %', 'charging', 'health'], (s.batteries ?? []).map((b) => [b.id, b.label, b.chargePercent, b.charging, health(b.id)])));
  parts.push(section('redundancy', ['id', 'label', 'kind', 'status', 'min needed'], (s.redundancy ?? []).map((r) => [r.id, r.label, r.kind, r.status, r.minNeeded])));
  return parts.join('');
}

function instanceReport(instances: readonly CIMInstance[]): string {
  const rows = instances.map((i) => [i.path?.toString() ?? i.classname, [...i.properties.values()].map((p) => `${p.name}=${cimText(p.value)}`).join(' ')]);
  return section('instances', ['path', 'properties'], rows);
}

function reading(sensor: NumericSensor): string {
  if (sensor.value === null) return `— (${sensor.unavailable ?? 'no reading'})`;
  return withUnit(sensor.value.toFixed(sensor.decimals), UNITS[sensor.unit]);
}

function thresholds(sensor: NumericSensor): string {
  return THRESHOLDS.filter(([name]) => sensor.thresholds?.[name] !== undefined)
    .map(([name, short]) => `${short}${sensor.settable?.includes(name) ? '*' : ''} ${sensor.thresholds![name]}`)
    .join(', ');
}

/** "nominal 12, normal 11.4..12.6, readable 0..15.3"; a range with one bound names it ("normal min 10"). */
function ranges({ ranges: declared }: NumericSensor): string {
  if (!declared) return '';
  const span = (name: string, min: number | undefined, max: number | undefined): string | undefined => {
    if (min !== undefined && max !== undefined) return `${name} ${min}..${max}`;
    if (min !== undefined) return `${name} min ${min}`;
    return max === undefined ? undefined : `${name} max ${max}`;
  };
  const nominal = declared.nominal === undefined ? undefined : `nominal ${declared.nominal}`;
  return [nominal, span('normal', declared.normalMin, declared.normalMax), span('readable', declared.minReadable, declared.maxReadable)]
    .filter((part) => part !== undefined).join(', ');
}

function bytes(n: number): string {
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(n % 2 ** 30 === 0 ? 0 : 1)} GiB` : `${Math.round(n / 2 ** 20)} MiB`;
}

function cimText(value: CIMValue): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return `[${value.map((v) => cimText(v)).join(',')}]`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A titled, column-aligned table; nothing for no rows. */
function section(title: string, headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '';
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === undefined || cell === '' ? '—' : String(cell))))];
  const widths = headers.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  const lines = cells.map((row) => `  ${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}`);
  return `\n${title} (${rows.length})\n${lines.join('\n')}\n`;
}

/** Log lines for a terminal: `warn  sysinfo: message {details}`. */
function textLogger(stream: NodeJS.WritableStream, level: 'debug' | 'warn', bindings: Record<string, unknown> = {}): RuntimeLogger {
  const ranks = { trace: 10, debug: 20, info: 30, warn: 40, error: 50 } as const;
  const at = (name: keyof typeof ranks) => (obj: object | string, msg?: string): void => {
    if (ranks[name] < ranks[level]) return;
    const details = typeof obj === 'string' ? '' : ` ${detailsText(obj)}`;
    const who = typeof bindings.provider === 'string' ? `${bindings.provider}: ` : '';
    stream.write(`${name.padEnd(5)} ${who}${typeof obj === 'string' ? obj : msg ?? ''}${details}\n`);
  };
  return {
    trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'),
    child: (more) => textLogger(stream, level, { ...bindings, ...more }),
  };
}

function detailsText(obj: object): string {
  const entries = Object.entries(obj).map(([k, v]) => `${k}=${v instanceof Error ? errorMessage(v) : JSON.stringify(v)}`);
  return entries.length ? `(${entries.join(', ')})` : '';
}
