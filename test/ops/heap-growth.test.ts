/**
 * While the broker is quiet, V8's heap growing factor is bounded
 * (src/server/heap-growth.ts); under load, and when the operator set the
 * flag, it is V8's. Checked on the policy's decisions, and on a real V8,
 * which collects the old generation more often once the factor is set at
 * run time.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { BUSY_REQUESTS, HeapGrowthPolicy, QUIET_GROWING_PERCENT, operatorSetHeapGrowth } from '../../src/server/heap-growth.js';

const HEAP_MODULE = fileURLToPath(new URL('../../src/server/heap-growth.ts', import.meta.url));

t.test('the operator\'s own factor wins, as a node option or in NODE_OPTIONS, in either spelling', async (t) => {
  t.ok(operatorSetHeapGrowth(['--heap-growing-percent=50'], ''), 'node option');
  t.ok(operatorSetHeapGrowth([], '--max-old-space-size=256 --heap_growing_percent=80'), 'NODE_OPTIONS, underscores');
  t.notOk(operatorSetHeapGrowth(['--heap-prof'], '--heap-growing-percentage'), 'other flags are not it');
  t.notOk(operatorSetHeapGrowth([], ''), 'none');
});

t.test('bounded while quiet, V8\'s own under load, set only when that changes', async (t) => {
  const set: number[] = [];
  const policy = new HeapGrowthPolicy((percent) => set.push(percent));
  const requests = (n: number) => {
    for (let i = 0; i < n; i++) policy.count();
  };
  policy.tick();
  t.same(set, [QUIET_GROWING_PERCENT], 'quiet from the start');
  requests(BUSY_REQUESTS - 1);
  policy.tick();
  t.same(set, [QUIET_GROWING_PERCENT], 'polls and scrapes keep it quiet');
  requests(BUSY_REQUESTS - 1);
  t.same(set, [QUIET_GROWING_PERCENT], 'counted anew in each window');
  requests(1);
  t.same(set, [QUIET_GROWING_PERCENT, 0], 'busy at once: the choice goes back to V8');
  requests(10_000);
  policy.tick();
  requests(BUSY_REQUESTS);
  policy.tick();
  t.same(set, [QUIET_GROWING_PERCENT, 0], 'still busy: nothing set');
  policy.tick();
  t.same(set, [QUIET_GROWING_PERCENT, 0, QUIET_GROWING_PERCENT], 'a quiet window: quiet again');
});

/** Full collections of a process that keeps 500,000 objects and churns through 40 batches of 100,000 more. */
function markCompacts(bounded: boolean): number {
  const script = `
    ${bounded ? `const { HeapGrowthPolicy } = await import(${JSON.stringify(HEAP_MODULE)}); new HeapGrowthPolicy().tick();` : ''}
    const kept = []; for (let i = 0; i < 5e5; i++) kept.push({ i, s: String(i) });
    let last; for (let r = 0; r < 40; r++) { const batch = []; for (let i = 0; i < 1e5; i++) batch.push({ i, s: 'x' + i }); last = batch; }
    globalThis.kept = [kept, last];`;
  const trace = execFileSync(process.execPath, ['--import', 'tsx', '--trace-gc', '--input-type=module', '-e', script], {
    encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' },
  });
  return trace.split('\n').filter((line) => line.includes('Mark-Compact')).length;
}

t.test('set at run time, the bound makes V8 collect the old generation sooner', async (t) => {
  const own = markCompacts(false);
  const bounded = markCompacts(true);
  t.ok(bounded >= 2 * own, `full collections: ${own} with V8's own factor, ${bounded} bounded`);
});
