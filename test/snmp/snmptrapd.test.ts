/**
 * Hardware events as SNMP notifications, received by a real snmptrapd: the
 * simulated timeline stops a fan and restores it, and every event reaches a
 * v2c trap, a v2c inform, a v3 authPriv trap and a v3 authPriv inform
 * receiver, in order, with THINCIM-MIB's objects. A receiver that does not
 * answer delays no other; a wrong v3 key is refused by the receiver. SNMPv1
 * receivers get Trap-PDUs (RFC 1157, translated as RFC 3584 §3.2 says).
 */
import t, { type Test } from 'tap';
import { pino } from 'pino';
import { EventBus, type HardwareEvent } from '../../src/events/index.js';
import { OBJECT_NAMES, startSnmpNotifier, type SnmpNotifier } from '../../src/snmp/index.js';
import type { SnmpTargetConfig } from '../../src/config/snmp.js';
import { startTestBroker } from '../helpers/broker.js';
import { oidOf, startSnmptrapd, type Received } from '../helpers/snmptrapd.js';

const HOSTNAME = 'thincim-test';
/** RFC 3411 engine ID: 0x80000000 | 32473, format 04 (text), the host name. */
const ENGINE_ID = `80007ed904${Buffer.from(HOSTNAME).toString('hex')}`;
const TRAP_USER = { user: 'trapuser', authProtocol: 'sha', authKey: 'trap-auth-key', privProtocol: 'aes', privKey: 'trap-priv-key' } as const;
const INFORM_USER = { user: 'informuser', authProtocol: 'sha256', authKey: 'inform-auth-key', privProtocol: 'aes', privKey: 'inform-priv-key' } as const;

const receiver = await startSnmptrapd([
  'authCommunity log public',
  // Traps: thincim's engine is authoritative, so the receiver localizes the keys with its engine ID.
  `createUser -e 0x${ENGINE_ID} ${TRAP_USER.user} SHA ${TRAP_USER.authKey} AES ${TRAP_USER.privKey}`,
  // Informs: the receiver is authoritative; thincim discovers its engine ID.
  `createUser ${INFORM_USER.user} SHA-256 ${INFORM_USER.authKey} AES ${INFORM_USER.privKey}`,
  `authUser log ${TRAP_USER.user}`,
  `authUser log ${INFORM_USER.user}`,
]);
t.teardown(() => receiver.stop());

const OID = {
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  snmpTrapOID: '1.3.6.1.6.3.1.1.4.1.0',
  thresholdCrossed: oidOf('thincimThresholdCrossed'),
  thresholdCleared: oidOf('thincimThresholdCleared'),
  sequence: `${oidOf('thincimEventSequence')}.0`,
  time: `${oidOf('thincimEventTime')}.0`,
  severity: `${oidOf('thincimEventSeverity')}.0`,
  messageId: `${oidOf('thincimEventMessageId')}.0`,
  message: `${oidOf('thincimEventMessage')}.0`,
  elementName: `${oidOf('thincimElementName')}.0`,
  elementPath: `${oidOf('thincimElementPath')}.0`,
  elementClass: `${oidOf('thincimElementClass')}.0`,
  reading: `${oidOf('thincimReading')}.0`,
  threshold: `${oidOf('thincimThreshold')}.0`,
  thresholdName: `${oidOf('thincimThresholdName')}.0`,
  unit: `${oidOf('thincimUnit')}.0`,
  provider: `${oidOf('thincimProvider')}.0`,
};

const FAN3_SPEED_PATH = 'root/cimv2:Thincim_NumericSensor.SystemCreationClassName="Thincim_ComputerSystem",SystemName="testhost",' +
  'CreationClassName="Thincim_NumericSensor",DeviceID="simulated:fan3-speed"';

const SECURITY = {
  v2cTrap: 'TRAP2, SNMP v2c, community public',
  v2cInform: 'INFORM, SNMP v2c, community public',
  v3Trap: `TRAP2, SNMP v3, user ${TRAP_USER.user}, context `,
  v3Inform: `INFORM, SNMP v3, user ${INFORM_USER.user}, context `,
};
const V1_TRAP = 'TRAP, SNMP v1, community public';

const snmpConfig = (targets: SnmpTargetConfig[], queue = 1000) => ({ targets, enterpriseOid: '1.3.6.1.4.1.32473.1', queue });

const sequenceOf = (r: Received) => Number(r.values.get(OID.sequence));
const bySecurity = (all: Received[], security: string) => all.filter((r) => r.security === security);

/** DateAndTime as net-snmp prints it (its DISPLAY-HINT "2d-1d-1d,1d:1d:1d.1d,1a1d:1d"). */
function printedTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()},${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}.${Math.floor(d.getUTCMilliseconds() / 100)},+0:0`;
}

t.test('a fan stopping and restarting on the simulated timeline: every event as v2c and v3 authPriv traps and informs, in order', async (t) => {
  let now = 0;
  const started = await startTestBroker({ simulated: { clock: () => now, startTime: 0 } });
  t.teardown(() => started.close());
  const emitted: HardwareEvent[] = [];
  started.broker.events.subscribe({ name: 'test', handle: (e) => void emitted.push(e) });
  const notifier = await startSnmpNotifier({
    snmp: snmpConfig([
      { address: receiver.address, community: 'public' },
      { address: receiver.address, community: 'public', notification: 'inform' },
      { address: receiver.address, ...TRAP_USER },
      { address: receiver.address, ...INFORM_USER, notification: 'inform' },
    ]),
    events: started.broker.events, logger: pino({ level: 'silent' }), hostname: HOSTNAME, env: {},
  });
  t.teardown(() => notifier.close());
  t.equal(notifier.engineId, ENGINE_ID, 'the engine ID derives from the host name');

  // 180 s: fan 3 has ramped down to 2200 RPM (below Lower Non-Critical); 240 s: stopped; 380 s: restored.
  for (const at of [180, 240, 380]) {
    now = at * 1000;
    await started.broker.manager.refresh();
  }
  // The bus hands events to consumers in microtasks: let them all through.
  await new Promise((resolve) => setImmediate(resolve));
  const crossed = emitted.find((e) => e.kind === 'thresholdCrossed' && e.threshold?.state === 'Lower Critical');
  t.ok(crossed, 'the fan stop crossed the Lower Critical threshold');
  t.ok(emitted.some((e) => e.kind === 'thresholdCleared'), 'and the restart cleared it');
  const sequences = emitted.map((e) => e.sequence);

  const all = await receiver.waitFor(
    (r) => Object.values(SECURITY).every((s) => bySecurity(r, s).length >= sequences.length),
    `${sequences.length} notifications for each of the four targets`,
  );
  for (const [name, security] of Object.entries(SECURITY)) {
    const got = bySecurity(all, security);
    t.same(got.map(sequenceOf), sequences, `${name}: every event, in order, once`);
    t.same(got.map((r) => r.values.get(OID.snmpTrapOID)?.replace(/^\./, '')), emitted.map((e) => oidOf(notificationName(e.kind))), `${name}: the notification of each kind`);
    const fanStop = got.find((r) => sequenceOf(r) === crossed!.sequence)!;
    t.match(Object.fromEntries(fanStop.values), {
      [OID.severity]: 'critical(4)',
      [OID.messageId]: 'THINCIM0002',
      [OID.message]: crossed!.message,
      [OID.elementName]: 'Fan 3 Speed',
      [OID.elementClass]: crossed!.classname,
      [OID.reading]: '0',
      [OID.threshold]: '1500',
      [OID.thresholdName]: 'LowerThresholdCritical',
      [OID.unit]: crossed!.threshold!.unit,
      [OID.time]: printedTime(crossed!.time),
      [OID.provider]: '',
    }, `${name}: the fan stop's objects`);
    t.equal(fanStop.values.get(OID.elementPath), FAN3_SPEED_PATH, `${name}: the element's CIM object path`);
  }
  t.match(crossed!.message, /Fan 3 Speed: reading 0 .*crossed the Lower Critical/);
  t.same(notifier.stats().map((s) => s.failed), [0, 0, 0, 0]);
});

const NOTIFICATION_NAMES: Record<HardwareEvent['kind'], string> = {
  health: 'thincimHealthChanged', thresholdCrossed: 'thincimThresholdCrossed', thresholdCleared: 'thincimThresholdCleared',
  readingLost: 'thincimReadingLost', readingRegained: 'thincimReadingRegained', created: 'thincimElementCreated',
  deleted: 'thincimElementDeleted', redundancy: 'thincimRedundancyChanged', providerFailed: 'thincimProviderFailed',
  providerRecovered: 'thincimProviderRecovered',
};
const notificationName = (kind: HardwareEvent['kind']) => NOTIFICATION_NAMES[kind];

/** A synthetic provider event with a given sequence number (the receiver's side is what is tested). */
function providerEvent(sequence: number): HardwareEvent {
  return {
    sequence, kind: 'providerFailed', generation: sequence, time: Date.UTC(2025, 0, 2, 3, 4, 5, 600), severity: 'warning',
    messageId: 'THINCIM0009', message: 'provider ipmi failed: ipmitool timed out', provider: 'ipmi',
  };
}

/**
 * This process's monotonic uptime in hundredths of a second, as sysUpTime
 * counts it: performance.now(), not process.uptime(), whose start is measured
 * a little later (by tens of milliseconds on a loaded machine).
 */
const hundredthsSinceStart = (round: 'floor' | 'ceil') => Math[round](performance.now() / 10);

/** Resolves once `condition` holds (checked every 20 ms; tap's timeout bounds the wait). */
function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (condition() ? resolve() : void setTimeout(poll, 20));
    poll();
  });
}

async function notifier(t: Test, targets: SnmpTargetConfig[], queue?: number) {
  const events = new EventBus(pino({ level: 'silent' }));
  const warnings: string[] = [];
  const logger = { info() {}, warn: (_: object, msg: string) => void warnings.push(msg) };
  const n: SnmpNotifier = await startSnmpNotifier({ snmp: snmpConfig(targets, queue), events, logger, hostname: HOSTNAME, env: {} });
  t.teardown(() => n.close());
  return { events, notifier: n, warnings };
}

t.test('a provider failure: the provider named, no element; the receiver refuses a v3 trap with a wrong privacy key', async (t) => {
  const wrong = await notifier(t, [
    { address: receiver.address, ...TRAP_USER, privKey: 'not-the-priv-key' },
  ]);
  const good = await notifier(t, [{ address: receiver.address, ...TRAP_USER }]);
  // The wrong key's trap is sent first: snmptrapd reads its socket in order, so it has judged it once the good one is printed.
  wrong.events.emit([providerEvent(1001)]);
  await until(() => wrong.notifier.stats()[0]!.sent === 1);
  good.events.emit([providerEvent(1002)]);
  const all = await receiver.waitFor((r) => r.some((x) => sequenceOf(x) === 1002), 'the trap with the right keys');
  const received = all.find((x) => sequenceOf(x) === 1002)!;
  t.match(Object.fromEntries(received.values), {
    [OID.snmpTrapOID]: `.${oidOf('thincimProviderFailed')}`,
    [OID.provider]: 'ipmi',
    [OID.elementName]: '',
    [OID.elementPath]: '',
    [OID.reading]: '',
    [OID.severity]: 'warning(3)',
    [OID.time]: '2025-1-2,3:4:5.6,+0:0',
  });
  t.notOk(all.some((x) => sequenceOf(x) === 1001), 'the trap with the wrong privacy key was not accepted');
});

t.test('an inform receiver that never answers delays no other target; past its queue its oldest events are dropped', async (t) => {
  // A loopback port where a receiver listened a moment ago and nothing answers now.
  const gone = await startSnmptrapd(['authCommunity log public']);
  const deadAddress = gone.address;
  await gone.stop();
  const { events, notifier: n, warnings } = await notifier(t, [
    { address: deadAddress, community: 'public', notification: 'inform', retries: 0, timeoutMs: 3000 },
    { address: receiver.address, community: 'public', notification: 'inform' },
  ], 2);
  // One event at a time, each acknowledged by the healthy receiver before the next, while the dead one still waits for its first.
  for (const sequence of [2001, 2002, 2003, 2004, 2005]) {
    events.emit([providerEvent(sequence)]);
    await receiver.waitFor((r) => r.some((x) => x.security === SECURITY.v2cInform && sequenceOf(x) === sequence), `inform ${sequence}`);
  }
  const [dead, healthy] = events.stats();
  t.equal(healthy!.dropped, 0, 'the healthy target lost nothing');
  t.ok(dead!.dropped >= 1, `the dead target's queue (2) overflowed: ${dead!.dropped} dropped`);
  await until(() => events.stats()[0]!.dropped + n.stats()[0]!.failed === 5);
  t.same(n.stats().map((s) => s.sent), [0, 5], 'every event was dropped or failed at the dead target, and acknowledged at the healthy one');
  t.same(warnings, [`SNMP inform to ${deadAddress} failed; its events are lost until it answers`], 'one warning for a target that keeps failing');
});

t.test('the wall clock set back after the start: notifications still go, sysUpTime counts hundredths since thincim started', async (t) => {
  const { events, notifier: n } = await notifier(t, [{ address: receiver.address, community: 'public' }]);
  // NTP correcting a clock that ran ahead at boot: an hour back.
  const wallClock = Date.now;
  const setBack = wallClock() - 3_600_000;
  Date.now = () => setBack;
  t.teardown(() => { Date.now = wallClock; });
  const before = hundredthsSinceStart('floor');
  events.emit([providerEvent(3001)]);
  const all = await receiver.waitFor((r) => r.some((x) => sequenceOf(x) === 3001), 'the trap sent after the clock went back');
  Date.now = wallClock;
  const upTime = Number(/^\((\d+)\)/.exec(all.find((x) => sequenceOf(x) === 3001)!.values.get(OID.sysUpTime) ?? '')?.[1]);
  t.ok(upTime >= before && upTime <= hundredthsSinceStart('ceil'), `sysUpTime ${upTime} is this process's uptime in hundredths (${before} before the send)`);
  t.same(n.stats().map((s) => s.failed), [0]);
});

t.test('SNMPv1 Trap-PDUs: snmptrapd decodes the enterprise, specific-trap, agent-addr, time-stamp and the objects alone', async (t) => {
  const { events, notifier: n } = await notifier(t, [
    // `version: 1` as YAML gives it: a number.
    { address: receiver.address, version: 1, community: 'public' },
    { address: receiver.address, version: '1', community: 'public', agentAddress: '192.0.2.7' },
  ]);
  const before = hundredthsSinceStart('floor');
  events.emit([providerEvent(5001), { ...providerEvent(5002), kind: 'providerRecovered', severity: 'ok', messageId: 'THINCIM0010' }]);
  const v1 = (r: Received) => r.security === V1_TRAP && sequenceOf(r) >= 5001 && sequenceOf(r) <= 5002;
  const all = (await receiver.waitFor((r) => r.filter(v1).length >= 4, 'four v1 traps')).filter(v1);
  const after = hundredthsSinceStart('ceil');
  t.same(all.map((r) => [sequenceOf(r), r.v1!.specific]).sort(), [[5001, 9], [5001, 9], [5002, 10], [5002, 10]],
    'specific-trap: thincimProviderFailed (.0.9), thincimProviderRecovered (.0.10)');
  for (const r of all) {
    t.equal(r.v1!.enterprise, oidOf('thincimMIB'), 'enterprise: the notification OID without its .0.N');
    t.equal(r.v1!.generic, 6, 'generic-trap: enterpriseSpecific');
    t.ok(r.v1!.timeStamp >= before && r.v1!.timeStamp <= after, `time-stamp ${r.v1!.timeStamp}: sysUpTime in hundredths (${before}–${after})`);
    t.same([...r.values.keys()], [...OBJECT_NAMES.values()].map((name) => `${oidOf(name)}.0`), 'the thirteen objects, in order; no sysUpTime.0, no snmpTrapOID.0');
  }
  t.same([...new Set(all.map((r) => r.v1!.agentAddress))].sort(), ['127.0.0.1', '192.0.2.7'], 'agent-addr: this host\'s address toward the receiver, or as configured');
  const failed = all.find((r) => sequenceOf(r) === 5001)!;
  t.match(Object.fromEntries(failed.values), { [OID.provider]: 'ipmi', [OID.severity]: 'warning(3)', [OID.time]: '2025-1-2,3:4:5.6', [OID.elementName]: '' });
  t.same(n.stats().map((s) => s.failed), [0, 0]);
});

t.test('a v3 inform with a wrong authentication key or an unknown user: the receiver\'s Report counts as refused, without retries', async (t) => {
  const { events, notifier: n, warnings } = await notifier(t, [
    // A timeout far longer than the test: a refusal must not wait for it, nor be resent.
    { address: receiver.address, ...INFORM_USER, authKey: 'not-the-auth-key', notification: 'inform', retries: 3, timeoutMs: 60_000 },
    { address: receiver.address, ...INFORM_USER, user: 'nobody', notification: 'inform', retries: 3, timeoutMs: 60_000 },
  ]);
  events.emit([providerEvent(4001)]);
  events.emit([providerEvent(4002)]);
  await until(() => n.stats().every((s) => s.refused === 2));
  t.same(n.stats().map(({ sent, failed, refused }) => ({ sent, failed, refused })), [{ sent: 0, failed: 0, refused: 2 }, { sent: 0, failed: 0, refused: 2 }]);
  t.same(events.stats().map((s) => s.deliveries), [{ sent: 0, failed: 0, refused: 2 }, { sent: 0, failed: 0, refused: 2 }], 'for /metrics');
  t.same(warnings, [
    `SNMP target ${receiver.address} refused the inform: its user or keys do not match the receiver's; its events are lost until they do`,
    `SNMP target ${receiver.address} refused the inform: its user or keys do not match the receiver's; its events are lost until they do`,
  ], 'one warning per target');
  t.notOk(receiver.received().some((r) => [4001, 4002].includes(sequenceOf(r))), 'snmptrapd logged none of them');
});
