/**
 * The broker under load: the built `bin/thincim.js serve` in its own process
 * with the simulated provider, and a load generator in another (wrk with
 * bench/broker-*.lua when installed, else autocannon in this process).
 * For each sensor count and connection count it measures EnumerateInstances
 * of CIM_NumericSensor, and pull sequences (OpenEnumerateInstances, then
 * PullInstancesWithPath until EndOfSequence, 1,000 at a time); then the peak
 * RSS growth of a server pulling 100,000 instances, for each build, once it
 * has been idle `--pull-idle` seconds: long enough for V8's memory reducer
 * (8 s after the last full collection) to have given back what it would on
 * an agent polled now and then, which leaves less to reuse and so more to
 * grow (bench/README.md, thirteenth round). Prints each figure with
 * the server's CPU time per response and its peak RSS, and the issue's
 * targets with met/missed.
 *
 *   node --import tsx bench/broker.ts [--seconds 10] [--warmup 2] [--sensors 10,100,1000,10000]
 *     [--connections 1,16] [--pull-sensors 100000] [--pull-sequences 3] [--pull-idle 20] [--interval 3600]
 *     [--tool wrk|autocannon] [--cpu-prof DIR] [--serve-arg=--FLAG=VALUE …] [--node-arg=--FLAG …] [--baseline REV]
 *     [--baseline-serve-arg=--FLAG=VALUE …] [--baseline-node-arg=--FLAG …]
 *
 * With --baseline, the same figures are measured in the same run for the
 * build of git revision REV (checked out in a temporary worktree and built
 * there), each case right before the current build's, so that a change is
 * judged on one machine under one load. --node-arg and --serve-arg start the
 * current build's servers with a Node.js flag or a `thincim serve` option,
 * --baseline-node-arg and --baseline-serve-arg the baseline's (so
 * `--baseline HEAD` with a flag on one side measures the flag).
 *
 * Builds dist/ first when a source file is newer than its output. The
 * simulated provider samples every `--interval` seconds (default: once an
 * hour, so that the figures are the request path's; each new sample also
 * starts the encode cache afresh).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BUILD_OPTIONS, buildsNote, buildsToMeasure, CURRENT, ensureBuilt, removeBaseline, ROOT, type Build } from './build.js';
import { freePort, ProcessStats, SERVER_ENV, serverEnvNote } from './process.js';

const CLASSNAME = 'CIM_NumericSensor';
const PAGE = 1000;
const MiB = 1024 * 1024;

const { values: args } = parseOptions({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    sensors: { type: 'string', default: '10,100,1000,10000' },
    connections: { type: 'string', default: '1,16' },
    'pull-sensors': { type: 'string', default: '100000' },
    'pull-sequences': { type: 'string', default: '3' },
    'pull-idle': { type: 'string', default: '20' },
    interval: { type: 'string', default: '3600' },
    tool: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'start-timeout': { type: 'string', default: '300' },
    ...BUILD_OPTIONS,
  },
});

function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    return usageError((e as Error).message);
  }
}

function usageError(message: string): never {
  console.error(`bench/broker.ts: ${message}`);
  process.exit(2);
}

function wholeNumber(name: string, text: string, min = 0): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) usageError(`--${name}: expected a whole number ≥ ${min}, got ${JSON.stringify(text)}`);
  return n;
}
const numbers = (name: string, text: string): number[] => text.split(',').filter(Boolean).map((t) => wholeNumber(name, t, 1));

const options = {
  seconds: wholeNumber('seconds', args.seconds, 1),
  warmup: wholeNumber('warmup', args.warmup),
  sensors: numbers('sensors', args.sensors),
  connections: numbers('connections', args.connections),
  pullSensors: wholeNumber('pull-sensors', args['pull-sensors']),
  pullSequences: wholeNumber('pull-sequences', args['pull-sequences'], 1),
  pullIdleSeconds: wholeNumber('pull-idle', args['pull-idle']),
  interval: wholeNumber('interval', args.interval, 1),
  startTimeoutMs: wholeNumber('start-timeout', args['start-timeout'], 1) * 1000,
  cpuProf: args['cpu-prof'],
};

// ---------------------------------------------------------------- CIM-XML

function imethodcall(name: string, params: string): string {
  return '<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ>' +
    `<IMETHODCALL NAME="${name}"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>` +
    `${params}</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
}
const classParam = (classname: string) => `<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="${classname}"/></IPARAMVALUE>`;
const valueParam = (name: string, value: string | number) => `<IPARAMVALUE NAME="${name}"><VALUE>${value}</VALUE></IPARAMVALUE>`;

const requests = {
  enumerate: () => imethodcall('EnumerateInstances', classParam(CLASSNAME)),
  open: (operation: string, max: number) => imethodcall(operation, classParam(CLASSNAME) + valueParam('MaxObjectCount', max)),
  // Contexts are UUIDs the server made: nothing in them needs escaping.
  pull: (context: string, max: number) => imethodcall('PullInstancesWithPath', valueParam('EnumerationContext', context) + valueParam('MaxObjectCount', max)),
  count: (context: string) => imethodcall('EnumerationCount', valueParam('EnumerationContext', context)),
  close: (context: string) => imethodcall('CloseEnumeration', valueParam('EnumerationContext', context)),
};

function headers(method: string): Record<string, string> {
  return { 'Content-Type': 'application/xml; charset="utf-8"', CIMOperation: 'MethodCall', CIMMethod: method, CIMObject: 'root%2Fcimv2' };
}

/** What the pull PARAMVALUEs at the end of a response say. */
function pullState(xml: string): { endOfSequence: boolean; context: string } {
  const tail = xml.slice(-512);
  const end = /NAME="EndOfSequence"[^>]*><VALUE>(TRUE|FALSE)<\/VALUE>/.exec(tail);
  const context = /NAME="EnumerationContext"[^>]*><VALUE>([^<]*)<\/VALUE>/.exec(tail);
  if (!end || !context) throw new Error(`not a pull response: …${tail.slice(-200)}`);
  return { endOfSequence: end[1] === 'TRUE', context: context[1]! };
}

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** One keep-alive connection; every answer must be HTTP 200 without an ERROR element. */
class CimClient {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(readonly url: string) {}

  call(body: string): Promise<string> {
    const method = /IMETHODCALL NAME="(\w+)"/.exec(body)![1]!;
    return new Promise((resolve, reject) => {
      const req = request(`${this.url}/cimom`, { method: 'POST', agent: this.#agent, headers: headers(method) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const error = /<ERROR[^>]*>/.exec(text.slice(0, 1024));
          if (res.statusCode !== 200 || error) reject(new Error(`${method}: HTTP ${res.statusCode} ${error?.[0] ?? text.slice(0, 200)}`));
          else resolve(text);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** A whole pull sequence; returns the instances and responses it took. */
  async pullAll(max: number): Promise<{ instances: number; responses: number }> {
    let xml = await this.call(requests.open('OpenEnumerateInstances', max));
    let instances = occurrences(xml, '<VALUE.INSTANCEWITHPATH>');
    let responses = 1;
    for (let state = pullState(xml); !state.endOfSequence; state = pullState(xml)) {
      xml = await this.call(requests.pull(state.context, max));
      instances += occurrences(xml, '<VALUE.INSTANCEWITHPATH>');
      responses++;
    }
    return { instances, responses };
  }

  /** How many CIM_NumericSensor instances the server publishes, without encoding any. */
  async sensorCount(): Promise<number> {
    const state = pullState(await this.call(requests.open('OpenEnumerateInstancePaths', 0)));
    if (state.endOfSequence) return 0;
    const count = /<VALUE>(\d+)<\/VALUE>/.exec(await this.call(requests.count(state.context)));
    await this.call(requests.close(state.context));
    return Number(count?.[1]);
  }

  close(): void {
    this.#agent.destroy();
  }
}

// ---------------------------------------------------------------- the server

/**
 * Open pull contexts the server allows its one (anonymous) client. A load
 * generator stopped mid-sequence leaves its sequences' contexts open until
 * their OperationTimeout (60 s): the warm-up and the run of the 1- and
 * 16-connection pull rows leave up to 34. thincim's default of 32 per user
 * then refused the 16-connection row's Opens (CIM_ERR_SERVER_LIMITS_EXCEEDED),
 * which earlier rounds counted as errors; the server-wide 256 still holds.
 */
const CONTEXTS_PER_CLIENT = 256;

/** `thincim serve` in a child process, with what /proc says of it. */
class BrokerProcess extends ProcessStats {
  #output = '';

  private constructor(child: ChildProcess, readonly url: string) {
    super(child);
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString()).slice(-8192);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  static async start(sensors: number, stateDir: string, build: Build): Promise<BrokerProcess> {
    const port = await freePort();
    const profile = options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProf] : [];
    const child = spawn(process.execPath, [...build.nodeArgs, ...profile, build.bin, 'serve', '--http-port', String(port), '--https-port', '0',
      '--providers', 'simulated', '--sim-sensors', String(sensors), '--simulated-interval', String(options.interval),
      '--limits-enumeration-contexts-per-user', String(CONTEXTS_PER_CLIENT),
      '--log-level', 'warn', '--state-dir', stateDir, ...build.serveArgs], { stdio: ['ignore', 'pipe', 'pipe'], env: SERVER_ENV });
    const broker = new BrokerProcess(child, `http://127.0.0.1:${port}`);
    await broker.#waitFor(sensors);
    return broker;
  }

  /** Waits until the published index holds `sensors` numeric sensors. */
  async #waitFor(sensors: number): Promise<void> {
    const client = new CimClient(this.url);
    const deadline = Date.now() + options.startTimeoutMs;
    try {
      for (;;) {
        if (this.child.exitCode !== null) throw new Error(`thincim serve exited with ${this.child.exitCode}:\n${this.#output}`);
        if (Date.now() > deadline) throw new Error(`thincim serve did not publish ${sensors} sensors within ${options.startTimeoutMs / 1000} s:\n${this.#output}`);
        const failed = await this.#failedProvider();
        if (failed) throw new Error(`thincim serve: ${failed}`);
        const count = await client.sensorCount().catch(() => -1);
        if (count === sensors) return;
        await sleep(250);
      }
    } finally {
      client.close();
    }
  }

  /** The error of a provider whose sample failed, from /readyz (undefined while none has, or before it answers). */
  async #failedProvider(): Promise<string | undefined> {
    try {
      const ready = await (await fetch(`${this.url}/readyz`)).json() as { providers?: { name: string; error?: string }[] };
      const failed = ready.providers?.find((p) => p.error !== undefined);
      return failed && `provider ${failed.name} failed: ${failed.error}`;
    } catch {
      return undefined;
    }
  }





  /**
   * Waits until the server is idle (under 2% of a core for a second): a
   * major GC still marking the model it built at start would keep
   * everything allocated meanwhile until its next cycle.
   */
  async settle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let before = this.cpuSeconds; Date.now() < deadline; ) {
      await sleep(1000);
      const now = this.cpuSeconds;
      if (now - before < 0.02) return;
      before = now;
    }
    throw new Error(`thincim serve still busy after ${timeoutMs / 1000} s`);
  }


}

// ---------------------------------------------------------------- load generators

interface LoadRun {
  seconds: number;
  requests: number;
  bytes: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, non-200 answers, and (pull) sequences that went wrong. */
  errors: number;
  /** Pull only: sequences that reached EndOfSequence after the expected responses. */
  sequences?: number;
}

interface LoadGenerator {
  readonly name: string;
  /** The same request over and over on `connections` keep-alive connections. */
  call(url: string, connections: number, seconds: number, method: string, body: string): Promise<LoadRun>;
  /** Pull sequences of `pages` responses each, on `connections` connections. */
  pull(url: string, connections: number, seconds: number, pages: number): Promise<LoadRun>;
}

function wrk(work: string, version: string): LoadGenerator {
  const run = async (url: string, threads: number, connections: number, seconds: number, script: string, scriptArgs: string[]) => {
    const child = spawn('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--timeout', '60s',
      '-s', join(ROOT, 'bench', script), url, '--', ...scriptArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = await once(child, 'exit') as [number];
    const line = output.split('\n').find((l) => l.startsWith('BENCH-JSON '));
    if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}):\n${output}`);
    return JSON.parse(line.slice('BENCH-JSON '.length)) as LoadRun;
  };
  return {
    name: version,
    call(url, connections, seconds, method, body) {
      const file = join(work, `${method}.xml`);
      writeFileSync(file, body);
      // Two threads are enough to keep one Node.js process busy on 2 cores.
      return run(url, Math.min(connections, 2), connections, seconds, 'broker-call.lua', [method, file]);
    },
    pull(url, connections, seconds, pages) {
      // The Lua state is per thread, so a sequence's state needs a thread per connection.
      return run(url, connections, connections, seconds, 'broker-pull.lua', [CLASSNAME, String(PAGE), String(pages)]);
    },
  };
}

/** The part of autocannon's API used here (it ships no types). */
type Autocannon = (options: Record<string, unknown>) => Promise<{
  start: Date; finish: Date; errors: number; timeouts: number; non2xx: number;
  requests: { total: number }; throughput: { total: number }; latency: { p50: number; p99: number };
}>;

function autocannonGenerator(): LoadGenerator {
  const require = createRequire(import.meta.url);
  const autocannon = require('autocannon') as Autocannon;
  const version = (require('autocannon/package.json') as { version: string }).version;
  const run = async (url: string, connections: number, seconds: number, requestList: unknown[], failures = () => 0) => {
    const result = await autocannon({ url: `${url}/cimom`, connections, duration: seconds, timeout: 60, requests: requestList });
    return {
      seconds: (result.finish.getTime() - result.start.getTime()) / 1000,
      requests: result.requests.total,
      bytes: result.throughput.total,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx + failures(),
    };
  };
  return {
    name: `autocannon ${version}`,
    call(url, connections, seconds, method, body) {
      return run(url, connections, seconds, [{ method: 'POST', headers: headers(method), body }]);
    },
    async pull(url, connections, seconds, pages) {
      // One sequence is one pass over this list; autocannon starts each pass with a fresh context.
      let sequences = 0;
      let failures = 0;
      const onResponse = (status: number, body: string, context: { enumerationContext?: string; index: number }) => {
        const state = status === 200 && !body.slice(0, 512).includes('<ERROR') ? pullStateOrUndefined(body) : undefined;
        context.index = (context.index ?? 0) + 1;
        if (state === undefined || state.endOfSequence !== (context.index === pages)) {
          failures++;
          context.enumerationContext = undefined;
        } else if (state.endOfSequence) sequences++;
        else context.enumerationContext = state.context;
      };
      const open = { method: 'POST', headers: headers('OpenEnumerateInstances'), body: requests.open('OpenEnumerateInstances', PAGE), onResponse };
      const pull = {
        method: 'POST', headers: headers('PullInstancesWithPath'), onResponse,
        // No context (a failed step): autocannon goes back to the first request.
        setupRequest: (req: object, context: { enumerationContext?: string }) =>
          context.enumerationContext && { ...req, body: requests.pull(context.enumerationContext, PAGE) },
      };
      const result = await run(url, connections, seconds, [open, ...Array.from({ length: pages - 1 }, () => pull)], () => failures);
      return { ...result, sequences };
    },
  };
}

function pullStateOrUndefined(xml: string): ReturnType<typeof pullState> | undefined {
  try {
    return pullState(xml);
  } catch {
    return undefined;
  }
}

function loadGenerator(work: string): LoadGenerator {
  // wrk -v prints its version first, then its usage, and exits 1.
  const probe = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  const wrkVersion = probe.error ? undefined : probe.stdout.split(' [')[0]!.trim();
  const tool = args.tool ?? (wrkVersion ? 'wrk' : 'autocannon');
  if (tool === 'autocannon') return autocannonGenerator();
  if (tool !== 'wrk') usageError(`--tool: wrk or autocannon, not ${tool}`);
  if (!wrkVersion) usageError('--tool wrk: wrk is not installed (Debian package wrk)');
  return wrk(work, wrkVersion);
}

// ---------------------------------------------------------------- measuring

interface Row {
  build: string;
  operation: 'EnumerateInstances' | 'Pull sequence';
  sensors: number;
  connections: number;
  run: LoadRun;
  /** Server CPU time (user + system) per response. */
  cpuMsPerResponse: number;
  peakRss: number;
  load: number;
}

const load1 = () => loadavg()[0]!;

async function measureCase(
  build: string, broker: BrokerProcess, generator: LoadGenerator, operation: Row['operation'], sensors: number, connections: number,
): Promise<Row> {
  const pages = Math.max(1, Math.ceil(sensors / PAGE));
  const go = (seconds: number) => operation === 'EnumerateInstances'
    ? generator.call(broker.url, connections, seconds, 'EnumerateInstances', requests.enumerate())
    : generator.pull(broker.url, connections, seconds, pages);
  if (options.warmup > 0) await go(options.warmup);
  const loadBefore = load1();
  broker.resetPeak();
  const cpuBefore = broker.cpuSeconds;
  const run = await go(options.seconds);
  const cpu = broker.cpuSeconds - cpuBefore;
  return {
    build, operation, sensors, connections, run,
    cpuMsPerResponse: run.requests ? (cpu * 1000) / run.requests : NaN,
    peakRss: broker.peakRss,
    load: (loadBefore + load1()) / 2,
  };
}

/** Through this process's own client: EnumerateInstances and a pull sequence each return every instance, and no error. */
async function verify(broker: BrokerProcess, sensors: number): Promise<void> {
  const client = new CimClient(broker.url);
  try {
    const named = occurrences(await client.call(requests.enumerate()), '<VALUE.NAMEDINSTANCE>');
    const pulled = await client.pullAll(PAGE);
    if (named !== sensors || pulled.instances !== sensors) {
      throw new Error(`${sensors} sensors published, but EnumerateInstances answered ${named} and a pull sequence ${pulled.instances}`);
    }
  } finally {
    client.close();
  }
}

interface PullMemory {
  sensors: number;
  idleRss: number;
  /** Peak RSS growth over the RSS before the first sequence, after each sequence. */
  growth: number[];
  /** RSS growth just after each sequence. */
  after: number[];
  seconds: number[];
  peakExact: boolean;
}

/** Pull sequences of `sensors` instances, 1,000 at a time, one after another; peak RSS growth after each. */
async function pullMemory(broker: BrokerProcess, sensors: number): Promise<PullMemory> {
  const client = new CimClient(broker.url);
  try {
    await broker.settle();
    await sleep(options.pullIdleSeconds * 1000);
    const idleRss = broker.rss;
    const peakExact = broker.resetPeak();
    const base = peakExact ? idleRss : broker.peakRss;
    const result: PullMemory = { sensors, idleRss, growth: [], after: [], seconds: [], peakExact };
    for (let i = 0; i < options.pullSequences; i++) {
      const started = performance.now();
      const { instances } = await client.pullAll(PAGE);
      result.seconds.push((performance.now() - started) / 1000);
      if (instances !== sensors) throw new Error(`a pull sequence returned ${instances} instances, not ${sensors}`);
      result.growth.push(broker.peakRss - base);
      result.after.push(broker.rss - idleRss);
    }
    return result;
  } finally {
    client.close();
  }
}

// ---------------------------------------------------------------- printing

const mb = (bytes: number) => (bytes / MiB).toFixed(0);
const fixed = (n: number, digits = 0) => Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-';

function printRow(row: Row): void {
  const { run } = row;
  const responses = run.requests / run.seconds;
  const instances = row.operation === 'EnumerateInstances' ? responses * row.sensors : ((run.sequences ?? 0) * row.sensors) / run.seconds;
  const perSecond = row.operation === 'EnumerateInstances' ? '' : `${fixed((run.sequences ?? 0) / run.seconds, 1)} seq/s`;
  console.log([
    row.build.padEnd(9), row.operation.padEnd(18), fixed(row.sensors).padStart(7), String(row.connections).padStart(5),
    fixed(responses).padStart(9), perSecond.padStart(13), fixed(instances).padStart(11),
    fixed(run.p50Ms, 1).padStart(8), fixed(run.p99Ms, 1).padStart(8),
    fixed((run.bytes / run.seconds) / MiB).padStart(7), fixed(run.requests ? run.bytes / run.requests : NaN).padStart(10),
    fixed(row.cpuMsPerResponse, 2).padStart(8),
    mb(row.peakRss).padStart(6), String(run.errors).padStart(6), fixed(row.load, 1).padStart(5),
  ].join(' '));
}

const HEADER = [
  'build'.padEnd(9), 'operation'.padEnd(18), 'sensors'.padStart(7), 'conns'.padStart(5), 'resp/s'.padStart(9), 'sequences/s'.padStart(13),
  'instances/s'.padStart(11), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'MiB/s'.padStart(7), 'bytes/resp'.padStart(10), 'CPU ms'.padStart(8),
  'RSS MB'.padStart(6), 'errors'.padStart(6), 'load'.padStart(5),
].join(' ');

function target(label: string, figure: string, met: boolean | undefined): void {
  const verdict = met === undefined ? 'not measured' : met ? 'met' : 'MISSED';
  console.log(`  ${label.padEnd(62)} ${figure.padEnd(30)} ${verdict}`);
}

function printTargets(rows: Row[], memory: PullMemory | undefined): void {
  console.log('\ntargets (2-core machine):');
  const find = (sensors: number, connections: number) =>
    rows.find((r) => r.build === CURRENT.name && r.operation === 'EnumerateInstances' && r.sensors === sensors && r.connections === connections);
  const at100 = find(100, 16);
  const rate = (row: Row | undefined) => (row ? row.run.requests / row.run.seconds : NaN);
  target('EnumerateInstances, 100 sensors, 16 connections: ≥ 3,000 resp/s', at100 ? `${fixed(rate(at100))} resp/s` : '-', at100 && rate(at100) >= 3000);
  target('  … with p99 under 20 ms', at100 ? `p99 ${fixed(at100.run.p99Ms, 1)} ms` : '-', at100 && at100.run.p99Ms < 20);
  const at1000 = find(1000, 16);
  target('EnumerateInstances, 1,000 sensors, 16 connections: ≥ 300 resp/s', at1000 ? `${fixed(rate(at1000))} resp/s` : '-', at1000 && rate(at1000) >= 300);
  const growth = memory && Math.max(...memory.growth);
  const pulled = memory && memory.sensors !== 100_000 ? ` (${fixed(memory.sensors)} pulled)` : '';
  target('100,000 instances pulled 1,000 at a time: peak RSS growth < 100 MB', memory ? `${fixed(growth! / 1e6)} MB${pulled}` : '-',
    memory && memory.sensors >= 100_000 ? growth! < 100e6 : undefined);
}

// ---------------------------------------------------------------- main

ensureBuilt();
const work = mkdtempSync(join(tmpdir(), 'thincim-broker-bench-'));
const generator = loadGenerator(work);
const builds = buildsToMeasure(args, work);
// One state folder for every server: the compiled-schema cache is made once.
const stateDir = join(work, 'state');
const rows: Row[] = [];
let memory: PullMemory | undefined;
try {
  console.log(`server: node ${process.version} bin/thincim.js serve --providers simulated --simulated-interval ${options.interval}; ${cpus().length} × ${cpus()[0]?.model.trim()}${buildsNote(builds, args.baseline)}${serverEnvNote()}`);
  console.log(`load generator: ${generator.name}; ${options.seconds} s per figure after ${options.warmup} s of warm-up; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('resp/s: responses per second (a pull sequence is 1 Open + ⌈N/1000⌉−1 Pulls); p50/p99: per response; MiB/s: response bytes;');
  console.log('bytes/resp: response body bytes per response; CPU ms: server CPU time (user + system, all threads) per response;');
  console.log(`RSS MB: server peak RSS during the run; load: 1-min load average\n`);
  console.log(HEADER);
  for (const sensors of options.sensors) {
    for (const build of builds) {
      const broker = await BrokerProcess.start(sensors, stateDir, build);
      try {
        await verify(broker, sensors);
        for (const operation of ['EnumerateInstances', 'Pull sequence'] as const) {
          for (const connections of options.connections) {
            const row = await measureCase(build.name, broker, generator, operation, sensors, connections);
            rows.push(row);
            printRow(row);
          }
        }
      } finally {
        await broker.stop();
      }
    }
  }
  for (const build of options.pullSensors > 0 ? builds : []) {
    const broker = await BrokerProcess.start(options.pullSensors, stateDir, build);
    let measured: PullMemory;
    try {
      measured = await pullMemory(broker, options.pullSensors);
    } finally {
      await broker.stop();
    }
    if (build.name === CURRENT.name) memory = measured;
    const { sensors, idleRss, growth, after, seconds, peakExact } = measured;
    console.log(`\n${build.name}: ${fixed(sensors)} sensors, idle ${options.pullIdleSeconds} s, then pull sequences of ${PAGE} per response, one after another (server idle RSS ${mb(idleRss)} MiB):`);
    growth.forEach((g, i) => console.log(`  sequence ${i + 1}: ${seconds[i]!.toFixed(2)} s (${fixed(sensors / seconds[i]!)} instances/s), peak RSS growth ${fixed(g / 1e6)} MB (peak ${mb(idleRss + g)} MiB), RSS growth after it ${fixed(after[i]! / 1e6)} MB`));
    if (!peakExact) console.log('  (peak RSS could not be reset: growth is over the peak since the server started)');
  }
  printTargets(rows, memory);
  console.log(`\nload average at end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  if (args.baseline) removeBaseline(work);
  rmSync(work, { recursive: true, force: true });
}
