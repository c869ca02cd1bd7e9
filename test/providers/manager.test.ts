import t from 'tap';
import { CIMError, CIMStatus } from '../../src/cim/index.js';
import type { HardwareSnapshot, NumericSensor } from '../../src/model/snapshot.js';
import type { HardwareProvider, ProviderContext } from '../../src/providers/api.js';
import { ERROR_MESSAGE_MAX } from '../../src/providers/call.js';
import { runCommand } from '../../src/providers/child.js';
import { ProviderManager, type ProviderManagerOptions } from '../../src/providers/manager.js';
import { PROBLEMS_KEPT } from '../../src/providers/runner.js';
import type { LoadedProvider } from '../../src/providers/loader.js';
import { deferred, loaded, recordingLogger, stubRepository, until } from './helpers.js';

const inlet: NumericSensor = {
  id: 'acme:inlet', label: 'Inlet Temp', kind: 'temperature', unit: 'celsius', value: 24, decimals: 0,
  thresholds: { upperCritical: 45 }, settable: ['upperCritical'],
};

function snapshot(value = 24): HardwareSnapshot {
  return { sensors: [{ ...inlet, value }] };
}

/** A hardware provider whose sample() is `sample`, counting calls. */
function hardware(name: string, sample: (ctx: ProviderContext) => Promise<HardwareSnapshot>, extra: Partial<HardwareProvider> = {}) {
  const calls = { sample: 0 };
  const provider: HardwareProvider = {
    kind: 'hardware',
    name,
    version: '1.0.0',
    sample: (ctx) => {
      calls.sample++;
      return sample(ctx);
    },
    ...extra,
  };
  return { provider, calls };
}

function manager(providers: LoadedProvider[], options: Partial<ProviderManagerOptions> = {}): ProviderManager {
  const m = new ProviderManager({ providers, repository: stubRepository(), hostname: 'srv1', ...options });
  t.teardown(() => m.close());
  return m;
}

t.test('a good sample reaches the input and the listeners', async (t) => {
  const { provider } = hardware('acme', async () => snapshot(30));
  const m = manager([loaded(provider)], { now: () => 5000 });
  const updates: unknown[] = [];
  m.onUpdate((input) => updates.push(input));
  await m.refresh();
  const input = m.input();
  t.equal(input.hostname, 'srv1');
  t.equal(input.now, 5000);
  const readings = new Map([['acme:inlet', { value: 30, decimals: 0, state: 'Normal' }]]);
  t.same(input.hardware, [{ provider: 'acme', snapshot: snapshot(30), readings, lost: new Map(), sampledAt: 5000, intervalMs: 10_000, error: undefined }]);
  t.same(input.instances, []);
  t.same(updates, [input]);
  const [state] = m.state();
  t.match(state, { name: 'acme', version: '1.0.0', kind: 'hardware', enabled: true, lastSampleAt: 5000, lastDurationMs: 0, consecutiveFailures: 0, samples: 1, failures: 0 });
});

t.test('the last good reading of each sensor is kept across samples, with since when it is lost', async (t) => {
  let value: number | null = 31;
  const { provider } = hardware('acme', async () => ({ sensors: [{ ...inlet, value, ...(value === null && { unavailable: 'failed' as const }) }] }));
  let now = 1000;
  const m = manager([loaded(provider)], { now: () => now });
  await m.refresh();
  value = null;
  now = 2000;
  await m.refresh();
  now = 3000;
  await m.refresh();
  t.same(m.input().hardware[0]!.readings?.get('acme:inlet'), { value: 31, decimals: 0, state: 'Normal', lostSince: 2000 });
});

t.test('before any good sample the input says why', async (t) => {
  const { provider } = hardware('acme', async () => {
    throw new Error('BMC busy');
  });
  const m = manager([loaded(provider)]);
  const none = new Map();
  t.same(m.input().hardware, [{ provider: 'acme', snapshot: undefined, readings: none, lost: none, sampledAt: undefined, intervalMs: 10_000, error: undefined }]);
  await m.refresh();
  t.same(m.input().hardware, [{ provider: 'acme', snapshot: undefined, readings: none, lost: none, sampledAt: undefined, intervalMs: 10_000, error: 'BMC busy' }]);
});

t.test('failures keep the last good sample and are recorded with the provider name', async (t) => {
  let behaviour: (ctx: ProviderContext) => Promise<HardwareSnapshot> = async () => snapshot(24);
  const { provider } = hardware('acme', (ctx) => behaviour(ctx));
  const log = recordingLogger();
  let now = 1000;
  const m = manager([loaded(provider, { timeout: 30 })], { logger: log, now: () => now });
  await m.refresh();

  const failures: [string, (ctx: ProviderContext) => Promise<HardwareSnapshot>, string | RegExp][] = [
    ['a synchronous throw', () => { throw new TypeError('x is undefined'); }, 'x is undefined'],
    ['a rejection', () => Promise.reject(new Error('ipmitool failed')), 'ipmitool failed'],
    ['a non-error rejection', () => Promise.reject({ code: 7 }), 'non-error thrown: {"code":7}'],
    ['garbage', async () => ({ sensors: { ...inlet } }) as unknown as HardwareSnapshot,
      'invalid snapshot: snapshot.sensors: expected an array, got an object'],
    ['not even an object', async () => 42 as unknown as HardwareSnapshot, 'invalid snapshot: snapshot: expected an object, got number 42'],
    ['a hang past the deadline', () => new Promise(() => {}), 'sample timed out after 30 ms'],
    // A tool's whole output thrown as the message would go into every status poll, log line and CIM_ComputerSystem.
    ['a message of 100,000 characters', () => Promise.reject(new Error(`ipmitool: ${'x'.repeat(99_990)}`)),
      `ipmitool: ${'x'.repeat(ERROR_MESSAGE_MAX - 10)}… (98,976 characters more)`],
  ];
  let count = 0;
  for (const [name, fail, message] of failures) {
    behaviour = fail;
    now += 10;
    await m.refresh('acme');
    count++;
    const [state] = m.state();
    t.equal(state!.lastError, message, name);
    t.equal(state!.lastErrorAt, now, `${name}: time recorded`);
    t.equal(state!.consecutiveFailures, count, `${name}: counted`);
    t.same(m.input().hardware[0]!.snapshot, snapshot(24), `${name}: last good sample kept`);
    t.equal(m.input().hardware[0]!.sampledAt, 1000, `${name}: with its time`);
    t.equal(m.input().hardware[0]!.error, message, `${name}: the input says why`);
  }
  const warnings = log.lines.filter((l) => l.level === 'warn' && l.msg === 'sample failed; keeping the last good sample');
  t.equal(warnings.length, failures.length, 'each failure is logged');
  t.same(warnings[0]!.bindings, { provider: 'acme' }, 'under the provider name');
});

t.test('a crashed child process is a failure like any other', async (t) => {
  const { provider } = hardware('ipmi', async (ctx) => {
    await runCommand('sh', ['-c', 'kill -KILL $$'], { timeoutMs: 5000, signal: ctx.signal });
    return snapshot();
  });
  const m = manager([loaded(provider, { timeout: 5000 })]);
  await m.refresh();
  t.match(m.state()[0], { lastError: 'sh: killed by SIGKILL', consecutiveFailures: 1 });
  t.equal(m.input().hardware[0]!.error, 'sh: killed by SIGKILL');
});

t.test('a hung sample is abandoned at its deadline with its signal aborted; later samples still happen', async (t) => {
  const seen: AbortSignal[] = [];
  const { provider, calls } = hardware('slow', (ctx) => {
    seen.push(ctx.signal);
    return calls.sample === 1 ? new Promise(() => {}) : Promise.resolve(snapshot(25));
  });
  const m = manager([loaded(provider, { interval: 0.001, timeout: 20 })], { backoff: { maxMs: 1 } });
  await m.start();
  await until(() => m.state()[0]!.samples >= 2);
  t.equal(seen[0]!.aborted, true, 'the hung call saw its signal abort');
  t.type(seen[0]!.reason, Error);
  t.equal((seen[0]!.reason as Error).message, 'sample timed out after 20 ms');
  t.equal(m.state()[0]!.failures, 1);
  t.same(m.input().hardware[0]!.snapshot, snapshot(25));
  t.equal(m.input().hardware[0]!.error, undefined, 'recovered');
});

t.test('a call that settles after its deadline is ignored and leaves no unhandled rejection', async (t) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  t.teardown(() => void process.off('unhandledRejection', onUnhandled));
  const late = deferred<HardwareSnapshot>();
  const { provider } = hardware('late', () => late.promise);
  const log = recordingLogger();
  const m = manager([loaded(provider, { timeout: 10 })], { logger: log });
  await m.refresh();
  late.reject(new Error('too late'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.same(unhandled, []);
  t.equal(m.state()[0]!.lastError, 'sample timed out after 10 ms');
  t.ok(log.lines.some((l) => l.level === 'debug' && l.msg === 'failure after the deadline ignored'));
});

t.test('concurrent requests share one in-flight read', async (t) => {
  const gate = deferred();
  const { provider, calls } = hardware('bmc', async () => {
    await gate.promise;
    return snapshot();
  });
  const m = manager([loaded(provider)]);
  const requests = Array.from({ length: 10 }, () => m.refresh('bmc'));
  gate.resolve();
  await Promise.all(requests);
  t.equal(calls.sample, 1);
  await m.refresh('bmc');
  t.equal(calls.sample, 2, 'the next request reads again');
});

t.test('back-off grows exponentially up to its cap, and resets on recovery', async (t) => {
  let fail = true;
  const { provider } = hardware('flaky', async () => {
    if (fail) throw new Error('no answer');
    return snapshot();
  });
  let now = 0;
  const m = manager([loaded(provider, { interval: 1 })], { now: () => now, backoff: { factor: 2, maxMs: 10_000 } });
  const delays: number[] = [];
  for (let i = 0; i < 6; i++) {
    now += 100;
    await m.refresh();
    delays.push(m.state()[0]!.backoffUntil! - now);
  }
  t.same(delays, [2000, 4000, 8000, 10_000, 10_000, 10_000]);
  fail = false;
  await m.refresh();
  const [state] = m.state();
  t.equal(state!.consecutiveFailures, 0);
  t.equal(state!.backoffUntil, undefined);
  t.equal(state!.lastError, 'no answer', 'the last error stays visible');
  t.equal(state!.failures, 6);
  t.equal(state!.samples, 1);
});

t.test('background sampling waits out the back-off', async (t) => {
  const { provider, calls } = hardware('down', async () => {
    throw new Error('down');
  });
  // 20 ms interval: failure 1 backs off 40 ms, failure 2 80 ms, … capped at 50 ms.
  const m = manager([loaded(provider, { interval: 0.02 })], { backoff: { factor: 2, maxMs: 50 } });
  await m.start();
  await until(() => calls.sample >= 3);
  const { lastErrorAt, backoffUntil } = m.state()[0]!;
  t.equal(backoffUntil! - lastErrorAt!, 50, 'capped');
});

t.test('background sampling runs each provider on its own interval and stops on close', async (t) => {
  const fast = hardware('fast', async () => snapshot());
  const slow = hardware('slow', async () => snapshot());
  const m = manager([loaded(fast.provider, { interval: 0.005 }), loaded(slow.provider, { interval: 60 })]);
  let updates = 0;
  m.onUpdate(() => updates++);
  await m.start();
  await until(() => fast.calls.sample >= 4);
  t.equal(slow.calls.sample, 1, 'the slow one sampled once, at start');
  t.ok(updates >= 5, 'every sample publishes');
  await m.close();
  const after = fast.calls.sample;
  await new Promise((resolve) => setTimeout(resolve, 30));
  t.equal(fast.calls.sample, after, 'no sample after close');
});

t.test('a throwing listener is logged and does not stop the others', async (t) => {
  const { provider } = hardware('acme', async () => snapshot());
  const log = recordingLogger();
  const m = manager([loaded(provider)], { logger: log });
  const seen: string[] = [];
  m.onUpdate(() => {
    throw new Error('listener bug');
  });
  const off = m.onUpdate(() => seen.push('second'));
  await m.refresh();
  t.same(seen, ['second']);
  t.ok(log.lines.some((l) => l.level === 'error' && l.msg === 'update listener failed'));
  off();
  await m.refresh();
  t.same(seen, ['second'], 'unsubscribed');
});

t.test('stale limit: configured, or three longest intervals and at least a minute', async (t) => {
  const a = hardware('a', async () => snapshot()).provider;
  const b = hardware('b', async () => snapshot()).provider;
  t.equal(manager([loaded(a, { interval: 10 })]).staleAfterMs(), 60_000);
  t.equal(manager([loaded(a, { interval: 10 }), loaded(b, { interval: 30 })]).staleAfterMs(), 90_000);
  t.equal(manager([loaded(a, { interval: 30 })], { staleAfterMs: 5000 }).input().staleAfterMs, 5000);
});

t.test('rejects a back-off policy that cannot work', async (t) => {
  t.throws(() => new ProviderManager({ providers: [], repository: stubRepository(), hostname: 'h', backoff: { factor: 0.5 } }), RangeError);
  t.throws(() => new ProviderManager({ providers: [], repository: stubRepository(), hostname: 'h', backoff: { maxMs: 0 } }), /maxMs > 0/);
});

t.test('refresh of a provider that is not enabled is an error', async (t) => {
  const m = manager([]);
  await t.rejects(m.refresh('ghost'), { code: CIMStatus.NOT_FOUND, message: "no enabled provider 'ghost'" });
});

t.test('close aborts calls in flight and closes every provider, bounded and guarded', async (t) => {
  const signals: AbortSignal[] = [];
  const closed: string[] = [];
  const busy = hardware('busy', (ctx) => {
    signals.push(ctx.signal);
    return new Promise(() => {});
  }, { close: async () => void closed.push('busy') });
  const throwing = hardware('throwing', async () => snapshot(), {
    close: () => {
      closed.push('throwing');
      throw new Error('close bug');
    },
  });
  const hanging = hardware('hanging', async () => snapshot(), { close: () => new Promise(() => void closed.push('hanging')) });
  const log = recordingLogger();
  const m = manager([loaded(busy.provider, { timeout: 60_000 }), loaded(throwing.provider), loaded(hanging.provider)], {
    logger: log,
    closeTimeoutMs: 20,
  });
  const pending = m.refresh('busy');
  await until(() => signals.length === 1);
  await m.close();
  await pending;
  t.equal(signals[0]!.aborted, true, 'the call in flight was aborted');
  t.equal(m.state()[0]!.lastError, 'the provider manager is closing');
  t.same(log.lines.filter((l) => l.level === 'warn' && l.bindings.provider === 'busy').map((l) => l.msg), [], 'no warning of a failure or a retry: the operator stopped it');
  t.ok(log.lines.some((l) => l.level === 'debug' && l.msg === 'sample abandoned: shutting down' && l.bindings.provider === 'busy'));
  t.same(closed.sort(), ['busy', 'hanging', 'throwing']);
  const closeFailures = log.lines.filter((l) => l.msg === 'close failed').map((l) => [l.bindings.provider, (l.obj as { err: Error }).err.message]);
  t.same(closeFailures.sort(), [['hanging', 'close timed out after 20 ms'], ['throwing', 'close bug']]);
  t.equal(await m.close(), undefined, 'closing again is harmless');
});

t.test('providers get a context with a child logger, the repository and their deadline', async (t) => {
  const repository = stubRepository();
  let ctx: ProviderContext | undefined;
  const { provider } = hardware('acme', async (c) => {
    ctx = c;
    c.log.info('reading');
    return snapshot();
  });
  const log = recordingLogger();
  const m = new ProviderManager({ providers: [loaded(provider, { timeout: 5000 })], repository, hostname: 'h', logger: log });
  t.teardown(() => m.close());
  const before = Date.now();
  await m.refresh();
  t.equal(ctx!.repository, repository);
  t.ok(ctx!.deadline >= before + 5000 && ctx!.deadline <= Date.now() + 5000);
  t.equal(ctx!.signal.aborted, false);
  t.same(log.lines.find((l) => l.obj === 'reading')?.bindings, { provider: 'acme' });
});

t.test('on-request calls: thresholds', async (t) => {
  const writes: unknown[] = [];
  let failWith: unknown;
  let hang = false;
  const { provider, calls } = hardware('acme', async () => snapshot(), {
    setThreshold: async (_ctx, id, which, value) => {
      if (hang) return new Promise(() => {});
      if (failWith) throw failWith;
      writes.push([id, which, value]);
    },
    restoreDefaultThresholds: async (_ctx, id) => void writes.push(['restore', id]),
  });
  const m = manager([loaded(provider, { timeout: 20 })]);
  await m.refresh();
  t.equal(m.ownerOfSensor('acme:inlet'), 'acme');
  t.equal(m.ownerOfSensor('other'), undefined);

  await m.setThreshold('acme:inlet', 'upperCritical', 50);
  t.same(writes, [['acme:inlet', 'upperCritical', 50]]);
  await until(() => calls.sample === 2);
  t.pass('a write triggers a fresh sample');

  await m.restoreDefaultThresholds('acme:inlet');
  t.same(writes[1], ['restore', 'acme:inlet']);

  await t.rejects(m.setThreshold('nope', 'upperCritical', 1), { code: CIMStatus.NOT_FOUND, message: "no provider reports sensor 'nope'" });
  await t.rejects(m.setThreshold('acme:inlet', 'lowerCritical', 1), {
    code: CIMStatus.NOT_SUPPORTED,
    message: "threshold lowerCritical of sensor 'acme:inlet' is not settable",
  });
  await t.rejects(m.setThreshold('acme:inlet', 'upperCritical', Number.NaN), { code: CIMStatus.INVALID_PARAMETER });

  failWith = new Error('ipmitool: exited with code 1');
  await t.rejects(m.setThreshold('acme:inlet', 'upperCritical', 60), {
    code: CIMStatus.FAILED,
    message: "provider 'acme': setThreshold failed: ipmitool: exited with code 1",
  });
  failWith = new CIMError(CIMStatus.INVALID_PARAMETER, '60 is above the sensor range');
  await t.rejects(m.setThreshold('acme:inlet', 'upperCritical', 60), {
    code: CIMStatus.INVALID_PARAMETER,
    message: "provider 'acme': 60 is above the sensor range",
  });
  hang = true;
  await t.rejects(m.setThreshold('acme:inlet', 'upperCritical', 60), {
    code: CIMStatus.FAILED,
    message: "provider 'acme': setThreshold timed out after 20 ms",
  });
});

t.test('on-request calls: a provider without threshold support', async (t) => {
  const { provider } = hardware('ro', async () => snapshot());
  const m = manager([loaded(provider)]);
  await m.refresh();
  await t.rejects(m.setThreshold('acme:inlet', 'upperCritical', 1), { code: CIMStatus.NOT_SUPPORTED, message: "provider 'ro' cannot write thresholds" });
  await t.rejects(m.restoreDefaultThresholds('acme:inlet'), { code: CIMStatus.NOT_SUPPORTED, message: "provider 'ro' cannot restore default thresholds" });
});

t.test('on-request calls are refused for a provider that is not enabled', async (t) => {
  const { provider } = hardware('acme', async () => snapshot(), { setThreshold: async () => {} });
  const m = manager([loaded(provider, {}, 'detect')]);
  await t.rejects(m.invokeMethod('acme', undefined as never, 'M', {}), { code: CIMStatus.NOT_FOUND });
  await t.rejects(m.setThreshold('acme:inlet', 'upperCritical', 1), { code: CIMStatus.NOT_FOUND });
});

t.test('strings XML cannot carry are served cleaned, and logged when they change, not at every sample', async (t) => {
  let label = 'Inlet \u0007';
  const { provider } = hardware('acme', async () => ({ sensors: [{ ...inlet, label }] }));
  const log = recordingLogger();
  const m = manager([loaded(provider)], { logger: log });
  const cleaned = () => log.lines.filter((l) => l.msg === 'snapshot strings with characters XML cannot carry, served with U+FFFD');
  await m.refresh();
  await m.refresh();
  t.equal(m.input().hardware[0]!.snapshot!.sensors![0]!.label, 'Inlet \ufffd');
  t.equal(cleaned().length, 1, 'once for the same strings');
  t.same(m.state()[0]!.cleanedText, ['snapshot.sensors[0].label: U+0007 at index 6 of "Inlet \\u0007" is not a character XML can carry; served as U+FFFD']);
  label = 'Inlet \u0008';
  await m.refresh();
  t.equal(cleaned().length, 2, 'again when they change');
  label = 'Inlet';
  await m.refresh();
  t.same(m.state()[0]!.cleanedText, [], 'none once the provider sends clean strings');
});

t.test('cleaned strings past PROBLEMS_KEPT are counted, not kept: the state is copied at every poll of the status', async (t) => {
  const count = PROBLEMS_KEPT + 3;
  const sensors = Array.from({ length: count }, (_, i) => ({ ...inlet, id: `acme:inlet${i}`, label: `Inlet ${i} \u0007` }));
  const { provider } = hardware('acme', async () => ({ sensors }));
  const log = recordingLogger();
  const m = manager([loaded(provider)], { logger: log });
  await m.refresh();
  const state = m.state()[0]!;
  t.equal(state.cleanedText.length, PROBLEMS_KEPT);
  t.equal(state.cleanedCount, count);
  t.equal(m.input().hardware[0]!.snapshot!.sensors!.length, count, 'every sensor served');
  const told = log.lines.find((l) => l.msg === 'snapshot strings with characters XML cannot carry, served with U+FFFD');
  const fields = told?.obj as { cleaned?: string[]; cleanedCount?: number } | undefined;
  t.equal(fields?.cleanedCount, count, 'the log gives the count');
  t.equal(fields?.cleaned?.length, PROBLEMS_KEPT, 'and the kept strings only');
});

t.test('a bad item is refused alone, kept in the state, and logged when what is refused changes', async (t) => {
  const outlet: NumericSensor = { ...inlet, id: 'acme:outlet', label: 'Outlet Temp', value: 30 };
  let value: unknown = 24;
  let label = 'Inlet Temp';
  const { provider } = hardware('acme', async () => ({ sensors: [{ ...inlet, label, value }, outlet] }) as HardwareSnapshot);
  const log = recordingLogger();
  let now = 1000;
  const m = manager([loaded(provider)], { logger: log, now: () => now });
  const refusals = () => log.lines.filter((l) => l.msg === 'snapshot items refused; the rest of the sample is served');
  await m.refresh();
  value = 'hot';
  now = 2000;
  await m.refresh();
  const [state] = m.state();
  t.equal(state!.consecutiveFailures, 0, 'the sample is good');
  t.same(state!.refusedItems, ['snapshot.sensors[0].value: expected a finite number or null, got string "hot" (id "acme:inlet")']);
  t.equal(state!.refusedCount, 1);
  const { snapshot, lost, readings } = m.input().hardware[0]!;
  t.same(snapshot!.sensors!.map((s) => [s.id, s.value]), [['acme:outlet', 30], ['acme:inlet', null]], 'served before: served again without its reading');
  t.equal(lost!.get(snapshot!.sensors![1]!), "invalid in the provider's sample (value)");
  t.same(readings!.get('acme:inlet'), { value: 24, decimals: 0, state: 'Normal', lostSince: 2000 }, 'its last reading, lost since');

  value = 'warm';
  await m.refresh();
  t.equal(refusals().length, 1, 'logged once while the same field is refused, whatever its value');
  t.same(refusals()[0]!.obj, { refused: ['snapshot.sensors[0].value: expected a finite number or null, got string "hot" (id "acme:inlet")'], refusedCount: 1 });
  t.match(m.state()[0]!.refusedItems, [/got string "warm"/], 'the state tells the latest');
  label = '';
  await m.refresh();
  t.equal(refusals().length, 2, 'again when another field is refused');
  value = 25;
  label = 'Inlet Temp';
  await m.refresh();
  t.same(m.state()[0]!.refusedItems, [], 'none once the item is valid again');
  t.equal(m.state()[0]!.refusedCount, 0);
  t.same(m.input().hardware[0]!.lost, new Map());
  t.equal(m.input().hardware[0]!.snapshot!.sensors![0]!.value, 25);
});

t.test('an item refused sample after sample stays served, lost, with its last reading', async (t) => {
  let value: unknown = 24;
  const { provider } = hardware('acme', async () => ({ sensors: [{ ...inlet, value }] }) as HardwareSnapshot);
  let now = 1000;
  const m = manager([loaded(provider)], { now: () => now });
  await m.refresh();
  value = 'hot';
  for (now = 2000; now <= 4000; now += 1000) {
    await m.refresh();
    const { snapshot, lost, readings } = m.input().hardware[0]!;
    const served = snapshot!.sensors!;
    t.same(served.map((s) => [s.id, s.value]), [['acme:inlet', null]], `sample at ${now}: served again`);
    t.equal(lost!.get(served[0]!), "invalid in the provider's sample (value)", `sample at ${now}: lost`);
    t.same(readings!.get('acme:inlet'), { value: 24, decimals: 0, state: 'Normal', lostSince: 2000 }, `sample at ${now}: lost since the first`);
  }
});

t.test('of many refused items, the first are kept and logged with their count; a change past them is not logged again', async (t) => {
  let bad = PROBLEMS_KEPT + 5;
  const sensors = () => Array.from({ length: bad }, (_, i) => ({ ...inlet, id: `acme:t${i}`, value: 'hot' }));
  const { provider } = hardware('acme', async () => ({ sensors: [inlet, ...sensors()] }) as HardwareSnapshot);
  const log = recordingLogger();
  const m = manager([loaded(provider)], { logger: log });
  const refusals = () => log.lines.filter((l) => l.msg === 'snapshot items refused; the rest of the sample is served');
  await m.refresh();
  const [state] = m.state();
  t.equal(state!.refusedCount, PROBLEMS_KEPT + 5, 'all counted');
  t.equal(state!.refusedItems.length, PROBLEMS_KEPT, 'the first kept');
  t.match(state!.refusedItems[0], /^snapshot\.sensors\[1\]\.value: .* \(id "acme:t0"\)$/);
  t.same(refusals().map((l) => l.obj), [{ refused: state!.refusedItems, refusedCount: PROBLEMS_KEPT + 5 }]);
  await m.refresh();
  t.equal(refusals().length, 1, 'the same again: not logged');
  bad++;
  await m.refresh();
  t.equal(refusals().length, 2, 'logged when the count changes');
  t.equal(m.state()[0]!.refusedCount, PROBLEMS_KEPT + 6);
});
