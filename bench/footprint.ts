/**
 * The agent's footprint (issue 11): what thincim costs the host it watches.
 * Every figure runs the built `bin/thincim.js serve --providers simulated`
 * in its own process, reads its memory and CPU time from /proc, and prints
 * the issue's target with met/MISSED and the load average:
 *
 * - start-up to the first answered CIM request (and to /readyz 200), with a
 *   cold and with a warm compiled-schema cache, once the machine has settled
 *   (SETTLE_MS);
 * - the floor: idle RSS of hello-world servers on node:http and on fastify,
 *   bundled as thincim is, and the fastify one's RSS after as many POSTs as
 *   the enumerations below, each answered with as much XML;
 * - idle RSS of the default simulated host 5 s after start-up; RSS after
 *   `--requests` EnumerateInstances of CIM_NumericSensor, and its trend over
 *   as many again;
 * - CPU at idle with the default sampling intervals, over `--idle-seconds`,
 *   and the idle RSS at its end;
 * - `--big-sensors` numeric sensors: idle RSS 5 s after they are published
 *   and the highest over `--idle-seconds` after that, peak RSS while 4
 *   connections enumerate all of them, and the peak RSS growth of a pull
 *   sequence of 1,000 per response (the broker issue's pull target;
 *   bench/broker.ts --pull-sensors 100000 measures it at 100,000);
 * - the installed size as a user gets it: `npm pack`, then
 *   `npm install --omit=dev` of the tarball into an empty folder (needs the
 *   npm registry), the whole node_modules counted, by part;
 * - the container image's layers, where a docker or podman engine exists.
 *
 *   node --import tsx bench/footprint.ts [--requests 10000] [--idle-seconds 60]
 *     [--big-sensors 10000] [--big-requests 5] [--skip-install] [--baseline REV]
 *     [--node-arg=--FLAG …] [--serve-arg=--FLAG=VALUE …] [--baseline-node-arg=--FLAG …] [--baseline-serve-arg=--FLAG=VALUE …]
 *
 * With --baseline, the process figures are measured for the build of git
 * revision REV too, right before the current build's, on one machine under
 * one load. --node-arg and --serve-arg start the current build's servers
 * with a Node.js flag or a `thincim serve` option, --baseline-node-arg and
 * --baseline-serve-arg the baseline's (so `--baseline HEAD` with a flag on
 * one side measures the flag). Builds dist/ first when a source file is
 * newer than its output.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { lazyBuiltins } from '../scripts/lazy-builtins.mjs';
import { BUILD_OPTIONS, buildsNote, buildsToMeasure, CURRENT, ensureBuilt, removeBaseline, ROOT, type Build } from './build.js';
import { freePort, ProcessStats, SERVER_ENV, serverEnvNote } from './process.js';

const MB = 1e6;
const PAGE = 1000;

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    'idle-seconds': { type: 'string', default: '60' },
    'big-sensors': { type: 'string', default: '10000' },
    'big-requests': { type: 'string', default: '5' },
    'skip-install': { type: 'boolean', default: false },
    ...BUILD_OPTIONS,
  },
});

function wholeNumber(name: string, text: string, min = 0): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench/footprint.ts: --${name}: expected a whole number ≥ ${min}, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}

const options = {
  requests: wholeNumber('requests', args.requests, 10),
  idleSeconds: wholeNumber('idle-seconds', args['idle-seconds'], 1),
  bigSensors: wholeNumber('big-sensors', args['big-sensors']),
  bigRequests: wholeNumber('big-requests', args['big-requests'], 1),
};

// ---------------------------------------------------------------- CIM-XML over one keep-alive connection

const enumerateBody = (operation: string, extra = '') =>
  '<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ>' +
  `<IMETHODCALL NAME="${operation}"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>` +
  `<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="CIM_NumericSensor"/></IPARAMVALUE>${extra}</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
const pullBody = (context: string) =>
  '<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ>' +
  '<IMETHODCALL NAME="PullInstancesWithPath"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>' +
  `<IPARAMVALUE NAME="EnumerationContext"><VALUE>${context}</VALUE></IPARAMVALUE><IPARAMVALUE NAME="MaxObjectCount"><VALUE>${PAGE}</VALUE></IPARAMVALUE>` +
  '</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>';
const ENUMERATE = enumerateBody('EnumerateInstances');
const OPEN = enumerateBody('OpenEnumerateInstances', `<IPARAMVALUE NAME="MaxObjectCount"><VALUE>${PAGE}</VALUE></IPARAMVALUE>`);

class CimClient {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(readonly url: string) {}

  /** One CIM operation; resolves with the number of instances answered, rejects on anything but HTTP 200 without ERROR. */
  call(body: string): Promise<{ instances: number; tail: string }> {
    const method = /IMETHODCALL NAME="(\w+)"/.exec(body)![1]!;
    return new Promise((resolve, reject) => {
      const headers = { 'Content-Type': 'application/xml; charset="utf-8"', CIMOperation: 'MethodCall', CIMMethod: method, CIMObject: 'root%2Fcimv2' };
      const req = request(`${this.url}/cimom`, { method: 'POST', agent: this.#agent, headers }, (res) => {
        let instances = 0;
        let head = '';
        let tail = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (head.length < 1024) head += chunk.slice(0, 1024);
          // An instance element never spans more than the previous chunk's last 64 characters' worth of its start tag.
          const text = tail.slice(-64) + chunk;
          instances += count(text, '<INSTANCE ') - count(tail.slice(-64), '<INSTANCE ');
          tail = text.slice(-1024);
        });
        res.on('end', () => {
          if (res.statusCode !== 200 || head.includes('<ERROR')) reject(new Error(`${method}: HTTP ${res.statusCode} ${head.slice(0, 300)}`));
          else resolve({ instances, tail });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** A whole pull sequence, 1,000 instances per response; returns the instances pulled. */
  async pullAll(): Promise<number> {
    let answer = await this.call(OPEN);
    let instances = answer.instances;
    for (;;) {
      const end = /NAME="EndOfSequence"[^>]*><VALUE>(TRUE|FALSE)</.exec(answer.tail);
      const context = /NAME="EnumerationContext"[^>]*><VALUE>([^<]*)</.exec(answer.tail);
      if (!end) throw new Error(`not a pull response: …${answer.tail.slice(-200)}`);
      if (end[1] === 'TRUE') return instances;
      answer = await this.call(pullBody(context![1]!));
      instances += answer.instances;
    }
  }

  close(): void {
    this.#agent.destroy();
  }
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

// ---------------------------------------------------------------- the server

/** `thincim serve` with the simulated provider in a child process; times from the spawn. */
class Server extends ProcessStats {
  #output = '';

  private constructor(child: ChildProcess, readonly url: string, readonly spawnedAt: number) {
    super(child);
    const keep = (chunk: Buffer) => (this.#output = (this.#output + chunk.toString()).slice(-8192));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  static async spawn(build: Build, stateDir: string, serveArgs: string[] = []): Promise<Server> {
    const port = await freePort();
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, [...build.nodeArgs, build.bin, 'serve', '--http-port', String(port), '--https-port', '0',
      '--providers', 'simulated', '--log-level', 'warn', '--state-dir', stateDir, ...serveArgs, ...build.serveArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], env: SERVER_ENV });
    return new Server(child, `http://127.0.0.1:${port}`, spawnedAt);
  }

  /** Milliseconds from the spawn to the first CIM request answered (polled every 5 ms). */
  async firstAnswerMs(): Promise<number> {
    const client = new CimClient(this.url);
    try {
      for (;;) {
        this.#checkAlive();
        try {
          await client.call(ENUMERATE);
          return performance.now() - this.spawnedAt;
        } catch {
          await sleep(5);
        }
      }
    } finally {
      client.close();
    }
  }

  /** Milliseconds from the spawn until /readyz answers 200 (the providers' first samples are in). */
  async readyMs(): Promise<number> {
    for (;;) {
      this.#checkAlive();
      const ok = await fetch(`${this.url}/readyz`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - this.spawnedAt;
      await sleep(5);
    }
  }

  /** Waits until EnumerateInstances answers `sensors` instances. */
  async waitForSensors(sensors: number): Promise<void> {
    const client = new CimClient(this.url);
    try {
      for (;;) {
        this.#checkAlive();
        const { instances } = await client.call(ENUMERATE).catch(() => ({ instances: -1 }));
        if (instances === sensors) return;
        await sleep(250);
      }
    } finally {
      client.close();
    }
  }

  #checkAlive(): void {
    if (this.child.exitCode !== null) throw new Error(`thincim serve exited with ${this.child.exitCode}:\n${this.#output}`);
  }
}

// ---------------------------------------------------------------- figures

interface Figure {
  build: string;
  label: string;
  value: number;
  unit: string;
  /** The issue's limit: met when value ≤ limit. */
  limit?: number;
  note?: string;
  load: number;
}

const figures: Figure[] = [];
const load1 = () => loadavg()[0]!;

function report(figure: Omit<Figure, 'load'>): void {
  const row = { ...figure, load: load1() };
  figures.push(row);
  // A tenth of a MB under 100 MB, where figures sit near their targets.
  const digits = row.unit === 'ms' ? 0 : row.unit === 'MB' ? (row.value < 100 ? 1 : 0) : 2;
  const value = `${row.value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${row.unit}`;
  const target = row.limit === undefined ? '' : `≤ ${row.limit.toLocaleString('en')} ${row.unit}`;
  const verdict = row.limit === undefined ? '' : row.value <= row.limit ? 'met' : 'MISSED';
  console.log(`${row.build.padEnd(9)} ${row.label.padEnd(58)} ${value.padStart(11)} ${target.padStart(12)} ${verdict.padEnd(6)} ${row.load.toFixed(1).padStart(5)}${row.note ? `  ${row.note}` : ''}`);
}

/**
 * Hello-world servers on the same Node.js, 5 s after start: what no agent
 * built on it, or on thincim's HTTP stack, can go below. The fastify one is
 * bundled and given no schema compilers, as thincim's server is
 * (scripts/bundle.mjs with its lazy built-ins, src/server/app.ts): from
 * node_modules, with its compilers, it costs ~10 MB more.
 */
const FASTIFY_APP = `import Fastify from 'fastify';
  const none = () => () => { throw new Error('no schema compilers'); };
  const app = Fastify({ schemaController: { compilersFactory: { buildValidator: none, buildSerializer: none } } });`;

const FLOORS: Record<string, string> = {
  'node:http': "import { createServer } from 'node:http'; createServer((q, s) => s.end('hi')).listen(0, '127.0.0.1');",
  fastify: `${FASTIFY_APP}
    app.get('/', async () => 'hi');
    await app.listen({ port: 0, host: '127.0.0.1' });`,
};

async function floors(work: string): Promise<void> {
  for (const [i, [name, source]] of Object.entries(FLOORS).entries()) {
    const server = await spawnFloor(work, `floor-${i}`, source);
    try {
      await sleep(5000);
      report({ build: 'floor', label: `idle RSS, ${name} hello world, bundled, start-up + 5 s`, value: server.rss / MB, unit: 'MB' });
    } finally {
      await server.stop();
    }
  }
  await floorUnderLoad(work);
}

/**
 * The fastify floor answering POSTs with ~130 KB of XML, as thincim answers
 * the benchmark's EnumerateInstances of the default host, joined from 100
 * parts as its encode cache serves them: what thincim's HTTP stack alone
 * holds after as many requests, with V8's own choices.
 */
async function floorUnderLoad(work: string): Promise<void> {
  const port = await freePort();
  const source = `${FASTIFY_APP}
    const parts = Array.from({ length: 100 }, (_, i) => '<VALUE.NAMEDINSTANCE><INSTANCE CLASSNAME="CIM_NumericSensor">' +
      ('<PROPERTY NAME="P" TYPE="string"><VALUE>' + i + '</VALUE></PROPERTY>').repeat(20) + '</INSTANCE></VALUE.NAMEDINSTANCE>');
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    app.post('/cimom', async (_request, reply) => reply.type('application/xml; charset=utf-8').send(parts.join('')));
    await app.listen({ port: ${port}, host: '127.0.0.1' });`;
  const server = await spawnFloor(work, 'floor-load', source);
  try {
    await sleep(2000);
    await enumerateMany({ url: `http://127.0.0.1:${port}` }, options.requests);
    report({ build: 'floor', label: `RSS after ${options.requests.toLocaleString('en')} POSTs, fastify answering 130 KB each`, value: server.rss / MB, unit: 'MB' });
  } finally {
    await server.stop();
  }
}

async function spawnFloor(work: string, name: string, source: string): Promise<ProcessStats> {
  const file = join(work, `${name}.mjs`);
  await build({
    stdin: { contents: source, resolveDir: ROOT }, outfile: file, bundle: true, format: 'esm', platform: 'node', target: 'node20',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    minifySyntax: true, minifyWhitespace: true, legalComments: 'none', logLevel: 'warning', plugins: [lazyBuiltins],
  });
  return new ProcessStats(spawn(process.execPath, [file], { stdio: 'ignore', env: SERVER_ENV }));
}

/**
 * A pause before start-ups are timed: the benchmark's own process and the
 * machine stay busy for seconds after the floor's 10,000 POSTs, and the
 * start-ups timed right after took ~150 ms longer (553 and 575 ms against
 * 412 and 400 on 2 cores).
 */
const SETTLE_MS = 10_000;

/** Start-up, cold then warm cache; idle RSS; RSS under repeated enumerations; idle CPU. */
async function defaultHost(build: Build, work: string): Promise<void> {
  const stateDir = mkdtempSync(join(work, 'state-'));
  await sleep(SETTLE_MS);
  for (const cache of ['cold', 'warm'] as const) {
    const server = await Server.spawn(build, stateDir);
    try {
      const first = await server.firstAnswerMs();
      const cpuMs = server.cpuSeconds * 1000;
      const ready = await server.readyMs();
      report({
        build: build.name, label: `start-up to the first CIM answer, ${cache} schema cache`, value: first, unit: 'ms', limit: cache === 'cold' ? 1500 : 500,
        note: `server CPU time by then ${cpuMs.toFixed(0)} ms`,
      });
      report({ build: build.name, label: `start-up to /readyz 200 (first samples in), ${cache} cache`, value: ready, unit: 'ms' });
      if (cache === 'warm') await steadyState(build, server);
    } finally {
      await server.stop();
    }
  }
}

async function steadyState(build: Build, server: Server): Promise<void> {
  await sleep(Math.max(0, server.spawnedAt + 5000 - performance.now()));
  report({ build: build.name, label: 'idle RSS, default simulated host, start-up + 5 s', value: server.rss / MB, unit: 'MB', limit: 60 });
  const n = options.requests;
  await enumerateMany(server, n);
  const after = server.rss;
  report({ build: build.name, label: `RSS after ${n.toLocaleString('en')} EnumerateInstances (CIM_NumericSensor)`, value: after / MB, unit: 'MB', limit: 70 });
  // The trend over as many again: the least-squares slope of RSS sampled after every tenth.
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    await enumerateMany(server, n / 10);
    samples.push(server.rss);
  }
  const slope = leastSquaresSlope(samples) * 10;
  report({
    build: build.name, label: `RSS trend over a further ${n.toLocaleString('en')} (fitted growth)`, value: slope / MB, unit: 'MB', limit: 2,
    note: `RSS ${samples.map((s) => (s / MB).toFixed(0)).join(' ')}`,
  });
  await sleep(2000);
  const cpuBefore = server.cpuSeconds;
  const started = performance.now();
  await sleep(options.idleSeconds * 1000);
  const percent = (100 * (server.cpuSeconds - cpuBefore)) / ((performance.now() - started) / 1000);
  report({ build: build.name, label: `CPU at idle over ${options.idleSeconds} s, % of one core`, value: percent, unit: '%', limit: 1 });
  // V8 gives memory back only once its memory reducer sees the process idle, some 10–30 s on.
  report({ build: build.name, label: `idle RSS at the end of those ${options.idleSeconds} s`, value: server.rss / MB, unit: 'MB', limit: 60 });
}

/** `total` EnumerateInstances of CIM_NumericSensor, on 2 keep-alive connections. */
async function enumerateMany(server: { url: string }, total: number): Promise<void> {
  const clients = [new CimClient(server.url), new CimClient(server.url)];
  let left = total;
  try {
    await Promise.all(clients.map(async (client) => {
      while (left-- > 0) await client.call(ENUMERATE);
    }));
  } finally {
    for (const c of clients) c.close();
  }
}

function leastSquaresSlope(ys: number[]): number {
  const n = ys.length;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

/** Many sensors: idle RSS, peak RSS while 4 connections enumerate them all, peak growth of a pull sequence. */
async function bigHost(build: Build, work: string): Promise<void> {
  const sensors = options.bigSensors;
  const server = await Server.spawn(build, mkdtempSync(join(work, 'state-')), ['--sim-sensors', String(sensors)]);
  const label = `${sensors.toLocaleString('en')} sensors`;
  try {
    await server.waitForSensors(sensors);
    await sleep(5000);
    report({ build: build.name, label: `${label}: idle RSS, start-up + published + 5 s`, value: server.rss / MB, unit: 'MB', limit: 150 });
    // Each sample makes a new generation of instances and leaves the last one to collect: idle RSS is a sawtooth.
    server.resetPeak();
    await sleep(options.idleSeconds * 1000);
    report({ build: build.name, label: `${label}: highest RSS over the next ${options.idleSeconds} s idle`, value: server.peakRss / MB, unit: 'MB', limit: 150 });
    server.resetPeak();
    const clients = Array.from({ length: 4 }, () => new CimClient(server.url));
    const started = performance.now();
    try {
      await Promise.all(clients.map(async (client) => {
        for (let i = 0; i < options.bigRequests; i++) {
          const { instances } = await client.call(ENUMERATE);
          if (instances !== sensors) throw new Error(`EnumerateInstances answered ${instances} of ${sensors} sensors`);
        }
      }));
    } finally {
      for (const c of clients) c.close();
    }
    const seconds = (performance.now() - started) / 1000;
    report({
      build: build.name, label: `${label}: peak RSS, EnumerateInstances of all on 4 connections`, value: server.peakRss / MB, unit: 'MB', limit: 200,
      note: `${4 * options.bigRequests} responses in ${seconds.toFixed(1)} s`,
    });
    await sleep(3000);
    const before = server.rss;
    server.resetPeak();
    const client = new CimClient(server.url);
    try {
      const pulled = await client.pullAll();
      if (pulled !== sensors) throw new Error(`a pull sequence returned ${pulled} of ${sensors} sensors`);
    } finally {
      client.close();
    }
    report({ build: build.name, label: `${label}: peak RSS growth, pulled 1,000 at a time`, value: (server.peakRss - before) / MB, unit: 'MB', limit: 100 });
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------- installed size

function bytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytes(join(path, name)), 0);
}

/** Packs this checkout, installs the tarball as a user would, and counts node_modules by part. */
function installedSize(work: string): void {
  const dir = join(work, 'install');
  const quiet = { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] as ('ignore' | 'pipe' | 'inherit')[] };
  execFileSync('mkdir', ['-p', dir]);
  // Already built by ensureBuilt; prepare would build again.
  const tarball = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir, ROOT], { ...quiet, encoding: 'utf8' }))[0] as { filename: string; size: number };
  writeFileSync(join(dir, 'package.json'), '{ "name": "footprint-install", "private": true }\n');
  execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', join(dir, tarball.filename)], quiet);
  const modules = join(dir, 'node_modules');
  const total = bytes(modules);
  report({ build: 'current', label: 'installed size (npm pack, npm install --omit=dev)', value: total / MB, unit: 'MB', limit: 10, note: `tarball ${(tarball.size / MB).toFixed(2)} MB` });
  for (const [name, size] of byPart(modules)) console.log(`${''.padEnd(12)}${name.padEnd(40)} ${(size / MB).toFixed(2).padStart(6)} MB`);
}

/**
 * node_modules by part: thincim's folders (its code is a bundle holding its
 * dependencies), then any other package, which a dependency would bring.
 */
function byPart(root: string): [string, number][] {
  const thincim = join(root, 'thincim');
  const parts: [string, number][] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of readdirSync(join(thincim, dir))) {
      const path = join(dir, name);
      if (depth > 0 && statSync(join(thincim, path)).isDirectory()) walk(path, depth - 1);
      else parts.push([`thincim/${path}`, bytes(join(thincim, path))]);
    }
  };
  walk('', 1);
  for (const name of readdirSync(root)) if (name !== 'thincim' && !name.startsWith('.')) parts.push([name, bytes(join(root, name))]);
  return parts.sort((a, b) => b[1] - a[1]);
}

/** The image's layers, where an engine exists (the Dockerfile's build needs the npm registry). */
function imageLayers(): void {
  const engine = ['docker', 'podman'].find((name) => spawnSync(name, ['info'], { stdio: 'ignore' }).status === 0);
  if (!engine) {
    console.log('container image: no docker or podman engine running here; not measured');
    return;
  }
  execFileSync(engine, ['build', '-q', '-t', 'thincim:footprint', ROOT], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`container image (${engine} history thincim:footprint):`);
  console.log(execFileSync(engine, ['history', '--format', '{{.Size}}\t{{.CreatedBy}}', 'thincim:footprint'], { encoding: 'utf8' }).split('\n').map((l) => `  ${l.slice(0, 140)}`).join('\n'));
  console.log(execFileSync(engine, ['image', 'ls', '--format', 'total {{.Size}}', 'thincim:footprint'], { encoding: 'utf8' }).trim());
}

// ---------------------------------------------------------------- main

ensureBuilt();
const work = mkdtempSync(join(tmpdir(), 'thincim-footprint-'));
const builds = buildsToMeasure(args, work);
try {
  console.log(`server: node ${process.version} bin/thincim.js serve --providers simulated; ${cpus().length} × ${cpus()[0]?.model.trim()}${buildsNote(builds, args.baseline)}${serverEnvNote()}`);
  console.log(`load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  console.log(`${'build'.padEnd(9)} ${'figure'.padEnd(58)} ${'value'.padStart(11)} ${'target'.padStart(12)} ${'verdict'.padEnd(6)} ${'load'.padStart(5)}`);
  await floors(work);
  for (const build of builds) await defaultHost(build, work);
  if (options.bigSensors > 0) for (const build of builds) await bigHost(build, work);
  if (!args['skip-install']) installedSize(work);
  imageLayers();
  const missed = figures.filter((f) => f.build === CURRENT.name && f.limit !== undefined && f.value > f.limit);
  console.log(`\n${missed.length ? `MISSED: ${missed.map((f) => f.label).join('; ')}` : 'every target met'}`);
  console.log(`load average at end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  if (args.baseline) removeBaseline(work);
  rmSync(work, { recursive: true, force: true });
}
