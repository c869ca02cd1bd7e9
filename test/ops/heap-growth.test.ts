/**
 * While the broker is quiet, V8's heap growing factor is bounded and the
 * young generation does not grow (src/server/heap-growth.ts); under load,
 * when the broker closes, and when the operator set either flag, both are
 * V8's; `thincim serve` is quiet from before its modules load. Checked on
 * the policy's decisions, on a broker sent real requests, on a real V8,
 * which collects the old generation more often and keeps the young one as
 * it is once the flags are set at run time, and on the built `thincim serve`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { Test } from 'tap';
import { BUSY_REQUESTS, HeapGrowthPolicy, QUIET, V8_OWN, operatorSetHeapGrowth, quietFromStart, type HeapGrowth } from '../../src/server/heap-growth.js';
import { startTestBroker } from '../helpers/broker.js';
import { freePort, spawnThincim, stop } from '../helpers/process.js';

const HEAP_MODULE = fileURLToPath(new URL('../../src/server/heap-growth.ts', import.meta.url));
const YOUNG_GENERATION_REPORT = fileURLToPath(new URL('../helpers/young-generation.cjs', import.meta.url));
const MiB = 2 ** 20;

t.test('the operator\'s own factor wins, in either spelling', async (t) => {
  t.ok(operatorSetHeapGrowth(['--heap-growing-percent=50']), 'dashes');
  t.ok(operatorSetHeapGrowth(['--max-old-space-size=256', '--heap_growing_percent=80']), 'underscores');
  t.ok(operatorSetHeapGrowth(['--semi-space-growth-factor=4']), 'the young generation\'s');
  t.notOk(operatorSetHeapGrowth(['--max-semi-space-size=4']), 'a size is no growth policy');
  t.notOk(operatorSetHeapGrowth(['--heap-prof', '--heap-growing-percentage']), 'other flags are not it');
  t.notOk(operatorSetHeapGrowth([]), 'none');
});

t.test('`thincim serve` is quiet from the start, unless the operator chose', async (t) => {
  const set: HeapGrowth[] = [];
  quietFromStart([], (growth) => set.push(growth));
  t.same(set, [QUIET], 'quiet before the broker\'s modules load');
  quietFromStart(['--semi-space-growth-factor=4'], (growth) => set.push(growth));
  t.same(set, [QUIET], 'the operator\'s flag: nothing set');
});

t.test('bounded while quiet, V8\'s own under load, set only when that changes', async (t) => {
  const set: HeapGrowth[] = [];
  const policy = new HeapGrowthPolicy((growth) => set.push(growth));
  const requests = (n: number) => {
    for (let i = 0; i < n; i++) policy.count();
  };
  policy.tick();
  t.same(set, [QUIET], 'quiet from the start');
  requests(BUSY_REQUESTS - 1);
  policy.tick();
  t.same(set, [QUIET], 'polls and scrapes keep it quiet');
  requests(BUSY_REQUESTS - 1);
  t.same(set, [QUIET], 'counted anew in each window');
  requests(1);
  t.same(set, [QUIET, V8_OWN], 'busy at once: the choices go back to V8');
  requests(10_000);
  policy.tick();
  requests(BUSY_REQUESTS);
  policy.tick();
  t.same(set, [QUIET, V8_OWN], 'still busy: nothing set');
  policy.tick();
  t.same(set, [QUIET, V8_OWN, QUIET], 'a quiet window: quiet again');
  policy.stop();
  t.same(set, [QUIET, V8_OWN, QUIET, V8_OWN], 'stopped: the choices go back to V8');
});

t.test('a broker counts every request it is sent, and gives the factor back when closed', async (t) => {
  const set: HeapGrowth[] = [];
  const test = await startTestBroker({ heapGrowth: new HeapGrowthPolicy((growth) => set.push(growth)) });
  t.same(set, [QUIET], 'quiet once started');
  for (let i = 0; i < BUSY_REQUESTS - 1; i++) await fetch(`${test.url}/healthz`).then((r) => r.arrayBuffer());
  t.same(set, [QUIET], `${BUSY_REQUESTS - 1} requests`);
  await fetch(`${test.url}/healthz`).then((r) => r.arrayBuffer());
  t.same(set, [QUIET, V8_OWN], `the ${BUSY_REQUESTS}th: busy`);
  await test.close();
  t.same(set, [QUIET, V8_OWN], 'closed while busy: the choices are V8\'s already');
  const quiet: HeapGrowth[] = [];
  const other = await startTestBroker({ heapGrowth: new HeapGrowthPolicy((growth) => quiet.push(growth)) });
  await other.close();
  t.same(quiet, [QUIET, V8_OWN], 'closed while quiet: the choices go back to V8');
});

/**
 * Full collections of a process that keeps 500,000 objects and churns
 * through 40 batches of 100,000 more. Both get a 4 GB heap limit: V8 bounds
 * its own factor under a limit of about 1 GB, so on a small host both would
 * collect as often.
 */
function markCompacts(bounded: boolean): number {
  const script = `
    ${bounded ? `const { HeapGrowthPolicy } = await import(${JSON.stringify(HEAP_MODULE)}); new HeapGrowthPolicy().tick();` : ''}
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
    ${quiet ? `const { HeapGrowthPolicy } = await import(${JSON.stringify(HEAP_MODULE)}); new HeapGrowthPolicy().tick();` : ''}
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
