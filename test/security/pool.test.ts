import t from 'tap';
import { TaskPool } from '../../src/security/index.js';

t.test('at most `size` tasks run at once; the others wait their turn, in order', async (t) => {
  const pool = new TaskPool(2);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  const releases: (() => void)[] = [];
  const tasks = Array.from({ length: 6 }, (_, i) => pool.run(async () => {
    running++;
    peak = Math.max(peak, running);
    order.push(i);
    await new Promise<void>((resolve) => releases.push(resolve));
    running--;
    return i;
  }));
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(pool.running, 2);
  t.equal(pool.waiting, 4);
  while (releases.length > 0 || pool.running > 0) {
    releases.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  t.same(await Promise.all(tasks), [0, 1, 2, 3, 4, 5]);
  t.equal(peak, 2);
  t.same(order, [0, 1, 2, 3, 4, 5]);
});

t.test('a failing task frees its slot', async (t) => {
  const pool = new TaskPool(1);
  await t.rejects(pool.run(async () => { throw new Error('boom'); }), /boom/);
  t.equal(await pool.run(async () => 7), 7);
  t.equal(pool.running, 0);
  t.throws(() => new TaskPool(0), RangeError);
});
