import t from 'tap';
import { EventBus, RecentEvents, type HardwareEvent } from '../../src/events/index.js';

const events = (from: number, count: number): HardwareEvent[] => Array.from({ length: count }, (_, i) => ({
  sequence: from + i, kind: 'health', generation: 1, time: 0, severity: 'ok', messageId: 'THINCIM0001', message: `event ${from + i}`,
}));

function recordingLog() {
  const warnings: string[] = [];
  return { warnings, warn: (_obj: object, msg: string) => void warnings.push(msg) };
}

t.test('a synchronous consumer takes a whole storm and loses nothing', async (t) => {
  const log = recordingLog();
  const bus = new EventBus(log);
  const seen: number[] = [];
  bus.subscribe({ name: 'counter', maxQueue: 10, handle: (e) => void seen.push(e.sequence) });
  bus.emit(events(1, 10_000));
  t.equal(seen.length, 10_000);
  t.same(bus.stats(), [{ name: 'counter', queued: 0, delivered: 10_000, dropped: 0, failed: 0 }]);
  t.same(log.warnings, []);
});

t.test('a slow consumer keeps its newest events up to its bound, drops the oldest, says so once, and delays nobody', async (t) => {
  const log = recordingLog();
  const bus = new EventBus(log);
  const slow: number[] = [];
  const fast: number[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  bus.subscribe({ name: 'slow', maxQueue: 3, handle: async (e) => { await gate; slow.push(e.sequence); } });
  bus.subscribe({ name: 'fast', handle: (e) => void fast.push(e.sequence) });
  bus.emit(events(1, 5));
  bus.emit(events(6, 5));
  t.equal(fast.length, 10, 'the fast consumer has everything at once');
  t.match(bus.stats().find((s) => s.name === 'slow'), { queued: 3, dropped: 6 });
  t.same(log.warnings, ['event consumer too slow: its oldest events are dropped']);
  release();
  await new Promise((resolve) => setTimeout(resolve, 10));
  t.same(slow, [1, 8, 9, 10], 'the one in hand, then the newest three');
});

t.test('a failing consumer is logged and goes on; removing one stops its events', async (t) => {
  const log = recordingLog();
  const bus = new EventBus(log);
  const seen: number[] = [];
  const remove = bus.subscribe({ name: 'picky', handle: (e) => { if (e.sequence === 2) throw new Error('no'); seen.push(e.sequence); } });
  bus.emit(events(1, 3));
  t.same(seen, [1, 3]);
  t.match(bus.stats()[0], { delivered: 2, failed: 1 });
  t.same(log.warnings, ['event consumer failed']);
  t.throws(() => bus.subscribe({ name: 'picky', handle: () => undefined }), /already exists/);
  remove();
  bus.emit(events(4, 1));
  t.same(seen, [1, 3]);
  t.equal(bus.emitted, 4);
});

t.test('RecentEvents keeps the newest, newest first', async (t) => {
  const recent = new RecentEvents(2);
  for (const e of events(1, 3)) recent.handle(e);
  t.same(recent.list().map((e) => e.sequence), [3, 2]);
});
