/**
 * While the broker is idle, V8's heap growing factor is bounded, the young
 * generation does not grow, TurboFan is off, and becoming idle runs V8's
 * memory-reducing collection, dropping the bytecode of code not running
 * (src/server/v8-policy.ts); quiet but working, TurboFan is
 * on; under load, when the broker closes, and for a family of flags the
 * operator set, the choices are V8's; with `footprint: lean` they stay the
 * idle ones under load too; `thincim serve` is idle from before its modules
 * load. Checked on the policy's decisions,
 * on a broker sent real requests, on a real V8 (which collects the old
 * generation more often, keeps the young one as it is, optimizes nothing
 * once the flags are set at run time, and gives back pages, the young
 * generation and bytecode its own collections keep), and on the built
 * `thincim serve`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t from 'tap';
import type { Test } from 'tap';
import {
  BALANCED, BUSY_REQUESTS, IDLE, LEAN, PROBE_MS, QUIET, V8_OWN, V8Policy, WINDOW_MS, WORKING_CPU_PERCENT, idleFromStart, operatorFlags, v8Controls,
  type V8Choices, type V8Table,
} from '../../src/server/v8-policy.js';
import { p, startTestBroker } from '../helpers/broker.js';
import { cimCall } from '../helpers/client.js';
import { freePort, spawnThincim, stop } from '../helpers/process.js';

const POLICY_MODULE = fileURLToPath(new URL('../../src/server/v8-policy.ts', import.meta.url));
const YOUNG_GENERATION_REPORT = fileURLToPath(new URL('../helpers/young-generation.cjs', import.meta.url));
const MiB = 2 ** 20;
const DIST = pathToFileURL(fileURLToPath(new URL('../../dist/', import.meta.url))).href;

t.test('the operator\'s own flags win, family by family, in either spelling', async (t) => {
  const none = { heap: false, optimizer: false };
  t.same(operatorFlags(['--heap-growing-percent=50']), { ...none, heap: true }, 'dashes');
  t.same(operatorFlags(['--max-old-space-size=256', '--heap_growing_percent=80']), { ...none, heap: true }, 'underscores');
  t.same(operatorFlags(['--semi-space-growth-factor=4']), { ...none, heap: true }, 'the young generation\'s');
  for (const flag of ['--compact-on-every-full-gc', '--no-compact', '--compact', '--no_compact_on_every_full_gc']) {
    t.same(operatorFlags([flag]), { ...none, heap: true }, `compaction: ${flag}`);
  }
  for (const flag of ['--flush-bytecode', '--no-flush-bytecode', '--stress-flush-code', '--no_stress_flush_code']) {
    t.same(operatorFlags([flag]), { ...none, heap: true }, `bytecode flushing: ${flag}`);
  }
  t.same(operatorFlags(['--max-semi-space-size=4']), none, 'a size is no growth policy');
  t.same(operatorFlags(['--heap-prof', '--heap-growing-percentage', '--compact-code-space']), none, 'other flags are not it');
  for (const flag of ['--turbofan', '--no-turbofan', '--no_opt', '--opt', '--max-opt=2', '--jitless', '--always-turbofan']) {
    t.same(operatorFlags([flag]), { ...none, optimizer: true }, flag);
  }
  t.same(operatorFlags(['--trace-opt', '--turbofan-stats', '--no-sparkplug']), none, 'tracing, or another compiler, is not it');
  t.same(operatorFlags(['--no-turbofan', '--semi-space-growth-factor=2']), { heap: true, optimizer: true }, 'both');
  t.same(operatorFlags([]), none, 'none');
  const nodeOptions = process.env['NODE_OPTIONS'];
  t.teardown(() => (nodeOptions === undefined ? delete process.env['NODE_OPTIONS'] : (process.env['NODE_OPTIONS'] = nodeOptions)));
  process.env['NODE_OPTIONS'] = '--max-old-space-size=512  --jitless';
  t.same(operatorFlags(), { ...none, optimizer: true }, '--jitless in NODE_OPTIONS, where Node.js takes it');
});

t.test('`thincim serve` is idle from the start', async (t) => {
  const set: V8Choices[] = [];
  idleFromStart((choices) => set.push(choices));
  t.same(set, [IDLE], 'idle before the broker\'s modules load');
  t.same(IDLE, { growingPercent: 30, semiSpaceGrowthFactor: 1, optimize: false }, 'idle: bounded, not grown, not optimized');
  t.same(QUIET, { ...IDLE, optimize: true }, 'quiet: optimized');
  t.same(V8_OWN, { growingPercent: 0, semiSpaceGrowthFactor: 2, optimize: true }, 'V8\'s own');
  t.same(BALANCED, { idle: IDLE, quiet: QUIET, busy: V8_OWN }, 'balanced, the default: each activity its own');
  t.same(LEAN, { idle: IDLE, quiet: IDLE, busy: IDLE }, 'lean: the idle choices for every activity');
});

/** A policy on a clock and a CPU meter the test moves. */
function fakePolicy(table: V8Table = BALANCED) {
  const set: V8Choices[] = [];
  /** The clock's time at each collection. */
  const collections: number[] = [];
  let cpuMicros = 0;
  let now = 0;
  const policy = new V8Policy({ table, controls: { apply: (choices) => set.push(choices), collect: async () => void collections.push(now) }, cpuMicros: () => cpuMicros, now: () => now });
  /** One probe's PROBE_MS, in which the process used `percent` of one core. */
  const second = (percent: number) => {
    now += PROBE_MS;
    cpuMicros += percent * PROBE_MS * 10;
    policy.probe();
  };
  /** A whole window of WINDOW_MS: its probes, the first at `first` % of a core, the others at `rest`. */
  const window = (first: number, rest = first) => {
    for (let i = 0; i < WINDOW_MS / PROBE_MS; i++) second(i === 0 ? first : rest);
  };
  const requests = (n: number) => {
    for (let i = 0; i < n; i++) policy.count();
  };
  return { policy, set, collections, second, window, requests, spend: (micros: number) => (cpuMicros += micros), now: () => now };
}

t.test('idle while few requests and no CPU-bound second, quiet while working, V8\'s own under load, set only when that changes', async (t) => {
  const { policy, set, second, window, requests, spend } = fakePolicy();
  spend(5_000_000);
  policy.start();
  t.teardown(() => policy.stop());
  t.same(set, [IDLE], 'idle from the start, whatever start-up cost');
  requests(BUSY_REQUESTS - 1);
  window(WORKING_CPU_PERCENT - 1, 1);
  t.same(set, [IDLE], `polls, scrapes, and seconds under ${WORKING_CPU_PERCENT} % of a core keep it idle`);
  second(WORKING_CPU_PERCENT);
  t.same(set, [IDLE, QUIET], 'a second of CPU-bound work: optimized at once');
  for (let i = 1; i < WINDOW_MS / PROBE_MS; i++) second(0);
  t.same(set, [IDLE, QUIET], '…for the rest of the window');
  window(0);
  t.same(set, [IDLE, QUIET, IDLE], 'a window without such a second: idle again');
  window(100, 0);
  t.same(set, [IDLE, QUIET, IDLE, QUIET], 'samples of a large host every window: quiet');
  window(100, 0);
  t.same(set, [IDLE, QUIET, IDLE, QUIET], 'still working: nothing set');
  requests(BUSY_REQUESTS - 1);
  t.same(set, [IDLE, QUIET, IDLE, QUIET], 'requests counted anew in each window');
  requests(1);
  t.same(set, [IDLE, QUIET, IDLE, QUIET, V8_OWN], 'busy at once: the choices go back to V8');
  second(100);
  t.same(set, [IDLE, QUIET, IDLE, QUIET, V8_OWN], 'busy and working: V8\'s own');
  for (let i = 1; i < WINDOW_MS / PROBE_MS; i++) second(0);
  requests(BUSY_REQUESTS);
  window(0);
  t.same(set, [IDLE, QUIET, IDLE, QUIET, V8_OWN], 'still busy, however little CPU: nothing set');
  window(0);
  t.same(set, [IDLE, QUIET, IDLE, QUIET, V8_OWN, IDLE], 'a window without load: idle');
  policy.stop();
  t.same(set, [IDLE, QUIET, IDLE, QUIET, V8_OWN, IDLE, V8_OWN], 'stopped: the choices go back to V8');
  policy.stop();
  t.same(set, [IDLE, QUIET, IDLE, QUIET, V8_OWN, IDLE, V8_OWN], 'stopped twice: nothing more');
  requests(BUSY_REQUESTS);
  t.same(set, [IDLE, QUIET, IDLE, QUIET, V8_OWN, IDLE, V8_OWN], 'requests answered after the stop: nothing more');
});

t.test('a collection each time the broker becomes idle, at the first probe that finds it idle', async (t) => {
  const started = fakePolicy();
  started.policy.start();
  t.same(started.collections, [], 'none as it starts');
  started.second(WORKING_CPU_PERCENT - 1);
  t.same(started.collections, [started.now()], 'start-up\'s garbage: at the first probe, which finds the process idle');
  started.window(1);
  t.same(started.collections.length, 1, 'once');
  started.policy.stop();

  const { policy, set, collections, second, window, requests, now } = fakePolicy();
  const restOfWindow = (percent: number) => {
    for (let i = 1; i < WINDOW_MS / PROBE_MS; i++) second(percent);
  };
  policy.start();
  t.teardown(() => policy.stop());
  second(WORKING_CPU_PERCENT);
  restOfWindow(0);
  t.same(set, [IDLE, QUIET], 'start-up\'s tail at work: quiet…');
  t.same(collections, [], '…so no collection');
  window(0);
  t.same(set, [IDLE, QUIET, IDLE], 'a window without work: idle');
  t.same(collections, [], 'not at the window\'s end…');
  second(1);
  t.same(collections, [now()], '…but at the next probe, which finds the process idle');
  restOfWindow(1);
  window(1);
  t.same(collections.length, 1, 'staying idle: no more');
  requests(BUSY_REQUESTS);
  window(100);
  window(0);
  t.same(set, [IDLE, QUIET, IDLE, V8_OWN, IDLE], 'busy, then a window without load');
  second(WORKING_CPU_PERCENT);
  t.same(collections.length, 1, 'a probe that finds work does not collect, and makes the broker quiet…');
  restOfWindow(0);
  window(0);
  second(0);
  t.same(set, [IDLE, QUIET, IDLE, V8_OWN, IDLE, QUIET, IDLE], '…until a window ends idle');
  t.same(collections.length, 2, 'then the next probe collects');
  policy.stop();
  t.same(collections.length, 2, 'stopping does not collect');
});

t.test('lean: the idle choices whatever the broker does, and a collection each time it becomes idle', async (t) => {
  const { policy, set, collections, second, window, requests } = fakePolicy(LEAN);
  policy.start();
  t.teardown(() => policy.stop());
  second(1);
  t.same(collections.length, 1, 'start-up\'s garbage collected at the first probe');
  for (let i = 1; i < WINDOW_MS / PROBE_MS; i++) second(WORKING_CPU_PERCENT);
  requests(BUSY_REQUESTS);
  window(100);
  t.same(set, [IDLE], 'working, then busy: the idle choices, set once');
  window(0);
  second(0);
  t.same(collections.length, 2, 'a window without load: idle again, and the next probe collects');
  requests(BUSY_REQUESTS);
  policy.stop();
  t.same(set, [IDLE, V8_OWN], 'stopped while busy: the choices go back to V8');
  requests(BUSY_REQUESTS);
  t.same(set, [IDLE, V8_OWN], 'requests answered after the stop change nothing');
});

t.test('a broker counts every request it is sent, and gives the factor back when closed', async (t) => {
  const set: V8Choices[] = [];
  const collect = async () => {};
  // No CPU-bound second, whatever else the machine runs: only the requests decide (the first window ends 10 s after start).
  const cpuMicros = () => 0;
  const test = await startTestBroker({ v8Policy: new V8Policy({ controls: { apply: (choices) => set.push(choices), collect }, cpuMicros }) });
  t.same(set, [IDLE], 'idle once started');
  for (let i = 0; i < BUSY_REQUESTS - 1; i++) await fetch(`${test.url}/healthz`).then((r) => r.arrayBuffer());
  t.same(set, [IDLE], `${BUSY_REQUESTS - 1} requests`);
  await fetch(`${test.url}/healthz`).then((r) => r.arrayBuffer());
  t.same(set, [IDLE, V8_OWN], `the ${BUSY_REQUESTS}th: busy`);
  await test.close();
  t.same(set, [IDLE, V8_OWN], 'closed while busy: the choices are V8\'s already');
  const idle: V8Choices[] = [];
  const other = await startTestBroker({ v8Policy: new V8Policy({ controls: { apply: (choices) => idle.push(choices), collect }, cpuMicros }) });
  await other.close();
  t.same(idle, [IDLE, V8_OWN], 'closed while idle: the choices go back to V8');
});

/**
 * Full collections of a process that keeps 500,000 objects and churns
 * through 40 batches of 100,000 more. Both get a 4 GB heap limit: V8 bounds
 * its own factor under a limit of about 1 GB, so on a small host both would
 * collect as often.
 */
function markCompacts(bounded: boolean): number {
  const script = `
    ${bounded ? `const { idleFromStart } = await import(${JSON.stringify(POLICY_MODULE)}); idleFromStart();` : ''}
    const kept = []; for (let i = 0; i < 5e5; i++) kept.push({ i, s: String(i) });
    let last; for (let r = 0; r < 40; r++) { const batch = []; for (let i = 0; i < 1e5; i++) batch.push({ i, s: 'x' + i }); last = batch; }
    globalThis.kept = [kept, last];`;
  const trace = execFileSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', '--trace-gc', '--input-type=module', '-e', script], {
    encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' },
  });
  return trace.split('\n').filter((line) => line.includes('Mark-Compact')).length;
}

t.test('set at run time, the bound makes V8 collect the old generation sooner', async (t) => {
  const own = markCompacts(false);
  const bounded = markCompacts(true);
  t.ok(bounded >= 2 * own, `full collections: ${own} with V8's own factor, ${bounded} bounded`);
});

/**
 * The young generation's size (both semi-spaces, bytes) of a process that
 * keeps 200 batches of 20,000 objects: each survives its first scavenges,
 * which is what makes V8 grow the young generation.
 */
function youngGeneration(quiet: boolean): number {
  const script = `
    const { getHeapSpaceStatistics } = await import('node:v8');
    ${quiet ? `const { idleFromStart } = await import(${JSON.stringify(POLICY_MODULE)}); idleFromStart();` : ''}
    const kept = []; for (let r = 0; r < 200; r++) { const batch = []; for (let i = 0; i < 2e4; i++) batch.push({ i, s: 'x' + i }); kept.push(batch); }
    console.log(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);`;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' },
  }));
}

t.test('set at run time, the young generation does not grow while quiet', async (t) => {
  const own = youngGeneration(false);
  const quiet = youngGeneration(true);
  t.ok(quiet * 4 <= own, `young generation: ${(own / 2 ** 20).toFixed(1)} MiB with V8's own growth, ${(quiet / 2 ** 20).toFixed(1)} MiB quiet`);
});

/** The young generation's size (both semi-spaces, bytes) of the built `thincim serve` once its first sample is published. */
async function youngGenerationOfServe(t: Test, dir: string, nodeArgs: string[]): Promise<number> {
  const report = join(dir, 'young-generation');
  const server = spawnThincim(
    ['serve', '--state-dir', join(dir, 'state'), '--https-port', '0', '--http-port', String(await freePort()), '--providers', 'simulated', '--log-level', 'debug', '--no-log-pretty'],
    { built: true, nodeArgs: [...nodeArgs, '--require', YOUNG_GENERATION_REPORT], env: { YOUNG_GENERATION_FILE: report } },
  );
  t.teardown(() => stop(server));
  await server.waitForLog((l) => l.msg === 'model published' && l['generation'] === 2, 'the first sample published');
  server.child.kill('SIGTERM');
  t.match(await server.exited, { code: 0 }, 'stopped gracefully');
  return Number(readFileSync(report, 'utf8'));
}

t.test('start-up does not grow the young generation of `thincim serve`', async (t) => {
  const dir = t.testdir({ quiet: {}, own: {} });
  const quiet = await youngGenerationOfServe(t, join(dir, 'quiet'), []);
  const own = await youngGenerationOfServe(t, join(dir, 'own'), ['--semi-space-growth-factor=2']);
  t.ok(quiet <= 8 * MiB, `quiet from the start: ${(quiet / MiB).toFixed(1)} MiB`);
  t.ok(2 * quiet <= own, `with V8's own growth, as the operator chose: ${(own / MiB).toFixed(1)} MiB`);
});

/**
 * In a process of its own, as the next test: the collection sets
 * --stress-flush-code for its run, and a test process that went on serving
 * tap after it once died in V8 (Check failed: trampoline_pc >= 0, deoptimizing
 * marked code under coverage), failing the suite for nothing it tests.
 */
t.test('the policy\'s collection gives back the free space that V8\'s own full collections keep, and the young generation', async (t) => {
  const script = `
    const { getHeapSpaceStatistics, setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    const { v8Controls } = await import(${JSON.stringify(POLICY_MODULE)});
    const space = (name) => getHeapSpaceStatistics().find((s) => s.space_name === name);
    const slack = () => space('old_space').physical_space_size - space('old_space').space_used_size;
    const young = () => space('new_space').space_size;
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc');
    setFlagsFromString('--no-expose-gc');
    setFlagsFromString('--semi-space-growth-factor=2');
    // Every other one of 1,000,000 objects survives: pages half used, which V8's own collections do not evacuate.
    let all = [];
    for (let i = 0; i < 1e6; i++) all.push({ i, s: 'x' + i });
    const kept = all.filter((_, i) => i % 2 === 0);
    all = undefined;
    gc();
    gc();
    const own = slack(), grown = young();
    await v8Controls({ heap: true, optimizer: false }).collect();
    const operator = slack();
    await v8Controls({ heap: false, optimizer: false }).collect();
    console.log(JSON.stringify({ own, grown, operator, collected: slack(), shrunk: young(), kept: kept.length, gc: typeof globalThis.gc }));`;
  const env = { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: '0' };
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env });
  const r = JSON.parse(output.trim().split('\n').at(-1)!) as { own: number; grown: number; operator: number; collected: number; shrunk: number; kept: number; gc: string };
  t.ok(r.own >= 8 * MiB, `V8's own: ${(r.own / MiB).toFixed(1)} MiB free in pages kept`);
  t.ok(r.grown > 2 * MiB, `the young generation grew to ${(r.grown / MiB).toFixed(1)} MiB`);
  t.ok(r.operator >= 0.9 * r.own, 'the operator chose heap flags: no collection');
  t.ok(3 * r.collected <= r.own, `the policy's: ${(r.collected / MiB).toFixed(1)} MiB free in pages kept`);
  t.ok(r.shrunk <= 2 * MiB, `the young generation back to ${(r.shrunk / MiB).toFixed(1)} MiB`);
  t.equal(r.kept, 5e5, 'what survives is still there');
  t.equal(r.gc, 'undefined', 'the process\'s global scope has no gc()');
});

/**
 * In a process of its own, without coverage: V8 keeps every function's
 * bytecode while code coverage is collected, as tap does in this one.
 */
t.test('the policy\'s collection drops the bytecode of functions run once', async (t) => {
  const script = `
    const { getHeapCodeStatistics, setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    const { v8Controls } = await import(${JSON.stringify(POLICY_MODULE)});
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc');
    // A function of 20,000 statements, run once; V8's own collections keep its bytecode.
    const once = runInNewContext('(function once() { let s = 0; ' + 's += Math.sqrt(s + 1); '.repeat(20000) + ' return s; })');
    const result = once();
    gc();
    gc();
    const before = getHeapCodeStatistics().bytecode_and_metadata_size;
    await v8Controls({ heap: false, optimizer: false }).collect();
    const dropped = before - getHeapCodeStatistics().bytecode_and_metadata_size;
    console.log(JSON.stringify({ dropped, again: once() === result }));`;
  // tap's process hooks start coverage in every child unless told not to.
  const env = { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: '0' };
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env });
  const { dropped, again } = JSON.parse(output.trim().split('\n').at(-1)!) as { dropped: number; again: boolean };
  t.ok(dropped >= 200_000, `${(dropped / 1e3).toFixed(0)} KB of bytecode dropped (the function\'s ~240 KB)`);
  t.ok(again, 'a function whose bytecode was dropped runs again, compiled from its source');
});

/**
 * TurboFan compilations (V8's --trace-opt) of a hot function in a process
 * that sets the idle choices, then the quiet ones, at run time.
 */
function turbofanCompilations(): { idle: number; quiet: number } {
  const script = `
    const { QUIET, idleFromStart, v8Controls } = await import(${JSON.stringify(POLICY_MODULE)});
    const hot = () => { const f = (x) => x * 2 + 1; let s = 0; for (let i = 0; i < 1e7; i++) s += f(i); return s; };
    idleFromStart(); console.log('--- idle'); hot();
    v8Controls().apply(QUIET); console.log('--- quiet'); hot();`;
  const trace = execFileSync(process.execPath, ['--import', 'tsx', '--trace-opt', '--input-type=module', '-e', script], {
    encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' },
  });
  const after = (marker: string) => trace.slice(trace.indexOf(marker));
  const compilations = (text: string) => text.split('\n').filter((line) => line.startsWith('[compiling method') && line.includes('(target TURBOFAN)')).length;
  const quiet = compilations(after('--- quiet'));
  return { idle: compilations(after('--- idle')) - quiet, quiet };
}

t.test('set at run time, idle choices optimize nothing and quiet ones do', async (t) => {
  const { idle, quiet } = turbofanCompilations();
  t.equal(idle, 0, 'idle: no TurboFan compilation');
  t.ok(quiet > 0, `quiet: ${quiet} TurboFan compilations`);
});

/**
 * The built `thincim serve` with V8's code log: the functions of its own
 * (dist/) that TurboFan compiled (code-creation events of optimized code,
 * marked `*`) once its first sample is published and `requests`
 * EnumerateInstances are answered. Node.js's module loader may have run
 * hot before `thincim serve` chose, and is not counted.
 */
async function optimizedCodeOfServe(t: Test, dir: string, requests: number, nodeArgs: string[] = [], serveArgs: string[] = []): Promise<string[]> {
  const log = join(dir, 'v8.log');
  const port = await freePort();
  const server = spawnThincim(
    ['serve', '--state-dir', join(dir, 'state'), '--https-port', '0', '--http-port', String(port), '--providers', 'simulated', '--log-level', 'debug', '--no-log-pretty', ...serveArgs],
    { built: true, nodeArgs: [...nodeArgs, '--log-code', `--logfile=${log}`, '--no-logfile-per-isolate'] },
  );
  t.teardown(() => stop(server));
  await server.waitForLog((l) => l.msg === 'model published' && l['generation'] === 2, 'the first sample published');
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < requests; i++) await cimCall(url, 'EnumerateInstances', 'root/cimv2', p.className('ClassName', 'CIM_NumericSensor'));
  server.child.kill('SIGTERM');
  t.match(await server.exited, { code: 0 }, 'stopped gracefully');
  return readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('code-creation,JS,') && line.endsWith(',*') && line.includes(DIST));
}

t.test('`thincim serve` optimizes nothing of its own while idle, and optimizes once busy unless lean', async (t) => {
  const dir = t.testdir({ idle: {}, busy: {}, operator: {}, lean: {} });
  const [idle, busy, operator, lean] = await Promise.all([
    optimizedCodeOfServe(t, join(dir, 'idle'), 10),
    optimizedCodeOfServe(t, join(dir, 'busy'), 300),
    optimizedCodeOfServe(t, join(dir, 'operator'), 10, ['--turbofan']),
    optimizedCodeOfServe(t, join(dir, 'lean'), 300, [], ['--footprint', 'lean']),
  ]);
  t.same(idle, [], 'start-up, the first samples and 10 polls: no TurboFan code');
  t.ok(busy.length > 0, `${BUSY_REQUESTS} requests and more in a window: ${busy.length} functions compiled by TurboFan`);
  t.ok(operator.length > 0, `the operator's --turbofan: ${operator.length} functions compiled by TurboFan while idle`);
  t.same(lean, [], '--footprint lean: 300 requests, no TurboFan code');
});
