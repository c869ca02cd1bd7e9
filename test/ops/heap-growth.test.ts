/**
 * While the broker is quiet, V8's heap growing factor is bounded
 * (src/server/heap-growth.ts); under load, when the broker closes, and
 * when the operator set the flag, it is V8's. Checked on the policy's
 * decisions, on a broker sent real requests, and on a real V8, which
 * collects the old generation more often once the factor is set at run time.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { BUSY_REQUESTS, HeapGrowthPolicy, QUIET_GROWING_PERCENT, operatorSetHeapGrowth } from '../../src/server/heap-growth.js';
import { startTestBroker } from '../helpers/broker.js';

const HEAP_MODULE = fileURLToPath(new URL('../../src/server/heap-growth.ts', import.meta.url));

t.test('the operator\'s own factor wins, in either spelling', async (t) => {
  t.ok(operatorSetHeapGrowth(['--heap-growing-percent=50']), 'dashes');
  t.ok(operatorSetHeapGrowth(['--max-old-space-size=256', '--heap_growing_percent=80']), 'underscores');
  t.notOk(operatorSetHeapGrowth(['--heap-prof', '--heap-growing-percentage']), 'other flags are not it');
  t.notOk(operatorSetHeapGrowth([]), 'none');
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
  policy.stop();
  t.same(set, [QUIET_GROWING_PERCENT, 0, QUIET_GROWING_PERCENT, 0], 'stopped: the factor goes back to V8');
});

t.test('a broker counts every request it is sent, and gives the factor back when closed', async (t) => {
  const set: number[] = [];
  const test = await startTestBroker({ heapGrowth: new HeapGrowthPolicy((percent) => set.push(percent)) });
  t.same(set, [QUIET_GROWING_PERCENT], 'quiet once started');
  for (let i = 0; i < BUSY_REQUESTS - 1; i++) await fetch(`${test.url}/healthz`).then((r) => r.arrayBuffer());
  t.same(set, [QUIET_GROWING_PERCENT], `${BUSY_REQUESTS - 1} requests`);
  await fetch(`${test.url}/healthz`).then((r) => r.arrayBuffer());
  t.same(set, [QUIET_GROWING_PERCENT, 0], `the ${BUSY_REQUESTS}th: busy`);
  await test.close();
  t.same(set, [QUIET_GROWING_PERCENT, 0], 'closed while busy: the factor is V8\'s already');
  const quiet: number[] = [];
  const other = await startTestBroker({ heapGrowth: new HeapGrowthPolicy((percent) => quiet.push(percent)) });
  await other.close();
  t.same(quiet, [QUIET_GROWING_PERCENT, 0], 'closed while quiet: the factor goes back to V8');
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
