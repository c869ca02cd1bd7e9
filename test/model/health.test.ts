import t from 'tap';
import {
  CONDITION_RANK, HEALTH_STATES, assessDevice, assessDiscrete, assessSensor, deviceStatusCondition, healthCondition, isFault, judge,
  missingProviderFinding, monitoredFinding, possibleStates, redundancyFinding, staleReason, statusFinding, stoppedFanFinding, vanishedFanFinding,
  thresholdState, verdict, worse, worst, type Condition, type SensorAssessment, type Staleness,
} from '../../src/model/health.js';
import type { LastReading } from '../../src/model/readings.js';
import type { DiscreteSensor, NumericSensor } from '../../src/model/snapshot.js';

const sensor = (over: Partial<NumericSensor> = {}): NumericSensor => ({
  id: 's', label: 'CPU Temp', kind: 'temperature', unit: 'celsius', value: 50, decimals: 0,
  thresholds: { lowerFatal: 0, lowerCritical: 5, lowerNonCritical: 10, upperNonCritical: 80, upperCritical: 90, upperFatal: 100 },
  ...over,
});

t.test('verdict spells each condition in CIM', async (t) => {
  const table: [Condition, number, number, number][] = [
    ['ok', 5, 2, 1], ['warning', 10, 3, 2], ['critical', 25, 6, 3], ['fatal', 30, 7, 3],
    ['dormant', 0, 15, 0], ['unknown', 0, 0, 0], ['noContact', 0, 12, 0], ['lostCommunication', 0, 13, 0],
  ];
  for (const [condition, health, status, primary] of table) {
    const v = verdict(condition);
    t.equal(v.healthState, health, `${condition} HealthState`);
    t.same(v.operationalStatus, [status], `${condition} OperationalStatus`);
    t.equal(v.primaryStatus, primary, `${condition} PrimaryStatus`);
    t.equal(v.statusDescriptions.length, 1);
    t.ok(HEALTH_STATES.has(v.healthState));
  }
  t.same(verdict('critical', 'stopped').statusDescriptions, ['stopped']);
  t.same(verdict('ok').statusDescriptions, ['OK']);
});

t.test('threshold boundaries: reaching a threshold crosses it', async (t) => {
  const th = sensor().thresholds;
  const cases: [number, string, Condition][] = [
    [50, 'Normal', 'ok'],
    [79.99, 'Normal', 'ok'], [80, 'Upper Non-Critical', 'warning'], [89.99, 'Upper Non-Critical', 'warning'],
    [90, 'Upper Critical', 'critical'], [99.99, 'Upper Critical', 'critical'], [100, 'Upper Fatal', 'fatal'], [150, 'Upper Fatal', 'fatal'],
    [10.01, 'Normal', 'ok'], [10, 'Lower Non-Critical', 'warning'], [5.01, 'Lower Non-Critical', 'warning'],
    [5, 'Lower Critical', 'critical'], [0.01, 'Lower Critical', 'critical'], [0, 'Lower Fatal', 'fatal'], [-40, 'Lower Fatal', 'fatal'],
  ];
  for (const [value, state, condition] of cases) {
    t.same(thresholdState(value, th), { state, condition }, `${value}`);
  }
});

t.test('only the thresholds present are judged', async (t) => {
  t.same(thresholdState(1000, undefined), { state: 'Normal', condition: 'ok' });
  t.same(thresholdState(1000, {}), { state: 'Normal', condition: 'ok' });
  t.same(thresholdState(95, { upperCritical: 90 }), { state: 'Upper Critical', condition: 'critical' });
  t.same(thresholdState(1, { lowerNonCritical: 2 }), { state: 'Lower Non-Critical', condition: 'warning' });
  // Inconsistent thresholds: the most severe crossing wins.
  t.same(thresholdState(5, { upperNonCritical: 1, lowerCritical: 10 }), { state: 'Lower Critical', condition: 'critical' });
});

t.test('possible states list Unknown, Normal and one state per threshold, in DSP1009 order', async (t) => {
  t.same(possibleStates(undefined), ['Unknown', 'Normal']);
  t.same(possibleStates({ upperCritical: 1, lowerNonCritical: 0 }), ['Unknown', 'Normal', 'Upper Critical', 'Lower Non-Critical']);
  t.same(possibleStates(sensor().thresholds), [
    'Unknown', 'Normal', 'Upper Non-Critical', 'Upper Critical', 'Upper Fatal', 'Lower Non-Critical', 'Lower Critical', 'Lower Fatal',
  ]);
  t.ok(Object.isFrozen(possibleStates({ upperFatal: 1 })), 'shared lists are frozen');
  t.same(possibleStates(undefined, 'lowerCritical'), ['Unknown', 'Normal', 'Lower Critical'], 'and the threshold the source says was crossed');
  t.same(possibleStates({ upperCritical: 1 }, 'upperCritical'), ['Unknown', 'Normal', 'Upper Critical']);
});

t.test('assessSensor', async (t) => {
  /** A sensor that has a current reading is always served. */
  const judged = (s: NumericSensor, stale?: Staleness, last?: LastReading): SensorAssessment => {
    const a = assessSensor(s, stale, last);
    if (a === undefined) throw new Error('expected an assessment');
    return a;
  };
  t.test('a fresh reading is judged by its thresholds', async (t) => {
    const a = judged(sensor({ value: 91 }));
    t.equal(a.value, 91);
    t.equal(a.state, 'Upper Critical');
    t.equal(a.verdict.healthState, 25);
    t.same(a.verdict.statusDescriptions, ['Upper Critical']);
    t.equal(a.lostSince, undefined);
    t.same(judged(sensor()).verdict.statusDescriptions, ['OK']);
    t.same(judged(sensor({ value: 50 }), undefined, { value: 20, decimals: 0, lostSince: 5 }).value, 50, 'a current reading wins over the memory');
    const held = judged(sensor({ value: 89.5 }), undefined, { value: 89.5, decimals: 0, state: 'Upper Critical' });
    t.same([held.state, held.verdict.healthState], ['Upper Critical', 25], 'the state the memory holds within the hysteresis');
  });
  t.test("the worse of threshold state and the source's verdict wins", async (t) => {
    const sourceWorse = judged(sensor({ value: 81, health: 'critical' }));
    t.equal(sourceWorse.verdict.condition, 'critical');
    t.equal(sourceWorse.state, 'Upper Non-Critical');
    t.same(sourceWorse.verdict.statusDescriptions, ['reported by the hardware']);
    t.equal(judged(sensor({ value: 95, health: 'ok' })).verdict.condition, 'critical');
    t.equal(judged(sensor({ value: 50, health: 'warning' })).verdict.condition, 'warning');
    t.equal(judged(sensor({ value: 50, health: 'unknown' })).verdict.condition, 'ok', "the source's unknown is no opinion");
    t.equal(judged(sensor({ value: 100, health: 'ok' })).verdict.healthState, 30);
  });
  t.test('a source that judged the thresholds names the state; a threshold it only names counts when it agrees', async (t) => {
    const unpublished = { value: 24, thresholds: undefined, thresholdsJudged: true } as const;
    const named = judged(sensor({ ...unpublished, health: 'critical', crossed: 'upperCritical' }));
    t.same([named.state, named.verdict.healthState, named.verdict.statusDescriptions], ['Upper Critical', 25, ['Upper Critical']]);
    t.equal(judged(sensor({ ...unpublished, health: 'critical' })).state, 'Unknown', 'no threshold named');
    t.equal(judged(sensor({ ...unpublished, health: 'warning', crossed: 'upperCritical' })).state, 'Unknown', 'a name the verdict contradicts');
    t.equal(judged(sensor({ ...unpublished, health: 'ok', crossed: 'upperCritical' })).state, 'Normal');
    const published = judged(sensor({ value: 81, health: 'warning', thresholdsJudged: true, crossed: 'lowerNonCritical' }));
    t.equal(published.state, 'Upper Non-Critical', 'a published threshold crossed wins');
  });
  t.test("a critical state held from the last sample outlasts a judging source's ok until the hysteresis clears it", async (t) => {
    // The default thresholds: upper critical 90, upper non-critical 80; hysteresis two steps of whole degrees, 2.
    const ok = (value: number) => sensor({ value, health: 'ok', thresholdsJudged: true });
    const held = (state: SensorAssessment['state']) => ({ value: 95, decimals: 0, state });
    const atLimit = judged(ok(90), undefined, held('Upper Critical'));
    t.same([atLimit.state, atLimit.verdict.condition], ['Upper Critical', 'critical'], 'back at the limit: still critical');
    t.equal(judged(ok(89), undefined, held('Upper Critical')).verdict.condition, 'critical', 'within the hysteresis');
    const cleared = judged(ok(88), undefined, held('Upper Critical'));
    t.same([cleared.state, cleared.verdict.condition], ['Normal', 'ok'], 'cleared by it: the source is the verdict again');
    t.equal(judged(ok(90), undefined, held('Normal')).verdict.condition, 'ok', 'never published critical: the source\'s call');
    t.equal(judged(ok(80), undefined, held('Upper Non-Critical')).verdict.condition, 'ok', 'a non-critical state is not held');
    t.equal(judged(sensor({ value: 90, health: 'warning', thresholdsJudged: true }), undefined, held('Upper Critical')).verdict.condition, 'warning',
      'a source that says more than ok keeps its verdict');
    const withFatal = (value: number) => sensor({ value, health: 'ok', thresholdsJudged: true, thresholds: { upperNonCritical: 80, upperCritical: 90, upperFatal: 100 } });
    const stepped = judged(withFatal(95), undefined, held('Upper Fatal'));
    t.same([stepped.state, stepped.verdict.condition], ['Upper Critical', 'critical'], 'from a held fatal state down past critical only: critical, not ok');
  });
  t.test('a lost reading keeps the last good one, as Lost Communication since it was lost', async (t) => {
    const stale = judged(sensor({ value: 95 }), { reason: 'no fresh sample since then', since: 1000 });
    t.same([stale.value, stale.state, stale.verdict.healthState, stale.verdict.operationalStatus], [95, 'Unknown', 0, [13]]);
    t.same([stale.verdict.statusDescriptions, stale.lostSince], [['no fresh sample since then'], 1000]);
    const last = { value: 42, decimals: 1, lostSince: 2000 };
    const failed = judged(sensor({ value: null, unavailable: 'failed' }), undefined, last);
    t.same([failed.value, failed.verdict.operationalStatus, failed.verdict.statusDescriptions, failed.lostSince], [42, [13], ['reading failed'], 2000]);
    const gone = judged(sensor({ value: null, unavailable: 'absent' }), undefined, last);
    t.same([gone.value, gone.verdict.condition, gone.verdict.statusDescriptions], [42, 'lostCommunication', ['reading absent']]);
    const staleAndFailed = judged(sensor({ value: null, unavailable: 'failed' }), { reason: 'stale', since: 1000 }, last);
    t.same([staleAndFailed.value, staleAndFailed.lostSince], [42, 2000], 'lost before the snapshot went stale: since then');
  });
  t.test("a sensor whose device is asleep keeps its last reading, Dormant, since it fell asleep; stale is still lost", async (t) => {
    const last = { value: 42, decimals: 1, lostSince: 2000 };
    const asleep = judged(sensor({ value: null, unavailable: 'asleep' }), undefined, last);
    t.same([asleep.value, asleep.state, asleep.verdict.healthState, asleep.verdict.operationalStatus, asleep.verdict.primaryStatus], [42, 'Unknown', 0, [15], 0]);
    t.same([asleep.verdict.condition, asleep.verdict.statusDescriptions, asleep.lostSince], ['dormant', ['device asleep'], 2000]);
    t.equal(assessSensor(sensor({ value: null, unavailable: 'asleep' }), undefined, undefined), undefined, 'asleep since before its first reading: not served');
    const stale = judged(sensor({ value: null, unavailable: 'asleep' }), { reason: 'stale', since: 1000 }, last);
    t.equal(stale.verdict.condition, 'lostCommunication', 'a stale snapshot says nothing of the device');
  });
  t.test('a sensor that never had a reading is not served', async (t) => {
    t.equal(assessSensor(sensor({ value: null, unavailable: 'absent' }), undefined, undefined), undefined);
    t.equal(assessSensor(sensor({ value: 20, unavailable: 'disabled' }), undefined, undefined), undefined, 'disabled: no current reading');
    t.equal(assessSensor(sensor({ value: null, unavailable: 'failed' }), undefined, undefined), undefined, 'failing from the start');
    t.equal(assessSensor(sensor({ value: Number.NaN }), undefined, undefined), undefined);
    t.equal(assessSensor(sensor({ value: null }), { reason: 'stale', since: 1 }, undefined), undefined);
  });
});

t.test('ranking: faults outrank not knowing, which outranks OK', async (t) => {
  const order: Condition[] = ['ok', 'dormant', 'unknown', 'noContact', 'lostCommunication', 'warning', 'critical', 'fatal'];
  for (let i = 1; i < order.length; i++) t.ok(CONDITION_RANK[order[i]!] > CONDITION_RANK[order[i - 1]!], `${order[i]} > ${order[i - 1]}`);
  t.equal(worst([]), 'ok');
  t.equal(worst(['ok', 'lostCommunication', 'warning', 'unknown']), 'warning');
  t.equal(worse('fatal', 'critical'), 'fatal');
  t.equal(worse('ok', 'unknown'), 'unknown');
  t.same([isFault('warning'), isFault('lostCommunication'), isFault('ok')], [true, false, false]);
});

t.test('judge picks the first of the worst findings', async (t) => {
  t.same(judge([]).condition, 'ok');
  const v = judge([{ condition: 'warning', reason: 'a' }, { condition: 'critical', reason: 'b' }, { condition: 'critical', reason: 'c' }]);
  t.same([v.condition, v.statusDescriptions], ['critical', ['b']]);
});

t.test('device status and source health', async (t) => {
  t.same(['ok', 'degraded', 'failed', 'absent', 'unknown'].map((s) => deviceStatusCondition(s as never)), ['ok', 'warning', 'critical', 'unknown', 'unknown']);
  t.same(statusFinding('absent'), { condition: 'unknown', reason: 'not present' });
  t.same(statusFinding('failed'), { condition: 'critical', reason: 'failed' });
  t.equal(statusFinding('ok').reason, undefined);
  t.same(statusFinding('failed', 'not present'), { condition: 'critical', reason: 'not present' }, "the source's reason");
  t.equal(statusFinding('ok', 'fine').reason, undefined);
  const pulled = assessDevice('failed', undefined, [], 'not present');
  t.same([pulled.healthState, pulled.operationalStatus, pulled.statusDescriptions], [25, [6], ['not present']]);
  t.equal(healthCondition(undefined), undefined);
  t.equal(healthCondition('unknown'), undefined);
  t.equal(healthCondition('fatal'), 'fatal');
});

t.test('devices: own status, extra findings, staleness', async (t) => {
  t.equal(assessDevice('ok', undefined).healthState, 5);
  t.equal(assessDevice('failed', undefined).healthState, 25);
  t.equal(assessDevice('ok', undefined, [{ condition: 'critical', reason: 'stopped' }]).healthState, 25, 'a finding overrides an ok status');
  const stale = assessDevice('failed', 'stale');
  t.same([stale.healthState, stale.operationalStatus], [0, [13]], 'a stale device is not current, whatever it said');
});

t.test('a stopped fan is failed unless idle by design', async (t) => {
  const fan = { kind: 'fan', unit: 'rpm', thresholds: undefined } as const;
  const stopped = assessSensor(sensor({ ...fan, value: 0 }), undefined, undefined);
  const turning = assessSensor(sensor({ ...fan, value: 1200 }), undefined, undefined);
  const unread = assessSensor(sensor({ ...fan, value: null, unavailable: 'failed' }), undefined, undefined);
  const lostAtZero = assessSensor(sensor({ ...fan, value: null, unavailable: 'failed' }), undefined, { value: 0, decimals: 0, lostSince: 1 });
  const ok = { status: 'ok' } as const;
  t.same(stoppedFanFinding(stopped, ok, false), { condition: 'critical', reason: 'stopped' });
  t.same(stoppedFanFinding(stopped, { ...ok, idleAllowed: false }, false), { condition: 'critical', reason: 'stopped' });
  t.equal(stoppedFanFinding(stopped, { ...ok, idleAllowed: true }, true), undefined);
  t.equal(stoppedFanFinding(turning, ok, true), undefined);
  t.equal(stoppedFanFinding(unread, ok, true), undefined, 'no reading is not a stopped fan');
  t.equal(stoppedFanFinding(lostAtZero, ok, true), undefined, 'a lost reading is not current, even when it was 0');
  t.equal(stoppedFanFinding(undefined, ok, true), undefined);
  // Where the source cannot tell an unconnected header from a dead fan, only a fan seen turning has stopped.
  t.equal(stoppedFanFinding(stopped, { status: 'unknown' }, false), undefined, 'at 0 since it was first read');
  t.same(stoppedFanFinding(stopped, { status: 'unknown' }, true), { condition: 'critical', reason: 'stopped' }, 'seen turning, then 0');
});

t.test('a fan its source cannot tell from one it lacks is lost once it was seen turning', async (t) => {
  const fan = { kind: 'fan', unit: 'rpm', thresholds: undefined } as const;
  const absent = sensor({ ...fan, value: null, unavailable: 'absent' });
  t.same(vanishedFanFinding(absent, { status: 'unknown' }, true), { condition: 'critical', reason: 'lost' }, 'seen turning, now reading as absent');
  t.equal(vanishedFanFinding(absent, { status: 'unknown' }, false), undefined, 'never seen turning: a part never fitted');
  t.equal(vanishedFanFinding(absent, { status: 'absent' }, true), undefined, 'a fan its source calls absent (a BMC with the host off)');
  t.equal(vanishedFanFinding(sensor({ ...fan, value: null, unavailable: 'failed' }), { status: 'unknown' }, true), undefined, 'a failed read is lost communication');
  t.equal(vanishedFanFinding(sensor({ ...fan, value: 0 }), { status: 'unknown' }, true), undefined);
});

t.test('monitored findings carry faults, not communication problems', async (t) => {
  t.same(monitoredFinding('PSU1 Current', verdict('critical', 'Upper Critical')), { condition: 'critical', reason: 'PSU1 Current: Upper Critical' });
  t.equal(monitoredFinding('x', verdict('lostCommunication')), undefined);
  t.equal(monitoredFinding('x', verdict('ok')), undefined);
});

t.test('staleness: older than staleAfterMs', async (t) => {
  const at = Date.UTC(2024, 0, 1);
  t.equal(staleReason({ provider: 'p', sampledAt: at }, at + 60_000, 60_000), undefined, 'at the limit it is current');
  t.equal(staleReason({ provider: 'p', sampledAt: at }, at + 60_001, 60_000), 'no fresh sample since 2024-01-01T00:00:00.000Z');
  t.equal(staleReason({ provider: 'p', sampledAt: at, error: 'timeout' }, at + 90_000, 60_000), 'no fresh sample since 2024-01-01T00:00:00.000Z: timeout');
  t.equal(staleReason({ provider: 'p', sampledAt: at, error: 'timeout' }, at + 1, 60_000), undefined, 'one failure of a recent sampler is not staleness');
  t.equal(staleReason({ provider: 'p' }, at, 1), undefined, 'no sample time, nothing to judge');
});

t.test('providers without a snapshot', async (t) => {
  t.same(missingProviderFinding({ provider: 'ipmi', error: 'no BMC' }), { condition: 'noContact', reason: 'provider ipmi: no BMC' });
  t.same(missingProviderFinding({ provider: 'hwmon' }), { condition: 'unknown', reason: 'provider hwmon: not sampled yet' });
});

t.test('discrete sensors: the source\'s health', async (t) => {
  const lid = (health: DiscreteSensor['health']): DiscreteSensor => ({ id: 'l', label: 'Lid', kind: 'intrusion', possibleStates: ['Closed', 'Open'], state: 'Open', health });
  t.same([assessDiscrete(lid('ok'), undefined).healthState, assessDiscrete(lid('ok'), undefined).statusDescriptions], [5, ['OK']]);
  t.same([assessDiscrete(lid('warning'), undefined).healthState, assessDiscrete(lid('warning'), undefined).statusDescriptions], [10, ['Open']]);
  t.equal(assessDiscrete(lid('fatal'), undefined).healthState, 30);
  t.same(assessDiscrete(lid('unknown'), undefined).operationalStatus, [0]);
  t.same(assessDiscrete(lid('ok'), 'stale').operationalStatus, [13]);
});

t.test('redundancy and the system', async (t) => {
  t.equal(redundancyFinding('Fans', 'full'), undefined);
  t.equal(redundancyFinding('Fans', 'unknown'), undefined);
  t.same(redundancyFinding('Fans', 'degraded'), { condition: 'warning', reason: 'Fans: redundancy degraded' });
  t.same(redundancyFinding('Fans', 'lost'), { condition: 'warning', reason: 'Fans: redundancy lost' });
  t.same(redundancyFinding('PSUs', 'failed'), { condition: 'critical', reason: 'PSUs: redundancy failed' });
});
