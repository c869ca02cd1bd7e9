/**
 * thincim's SNMPv3 engine on the wire, read from the datagrams themselves:
 * a v3 trap carries snmpEngineBoots (counted in the state folder, one more
 * each start) and snmpEngineTime (seconds since the start), not 0 and 0; a
 * resent inform is a new message with its own msgID (RFC 3412 §6.2).
 */
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { EventBus, type HardwareEvent } from '../../src/events/index.js';
import { BOOTS_FILE, startSnmpNotifier } from '../../src/snmp/index.js';
import { engineTime } from '../../src/snmp/engine.js';
import type { SnmpTargetConfig } from '../../src/config/snmp.js';

const USER = { user: 'trapuser', authProtocol: 'sha', authKey: 'trap-auth-key', privProtocol: 'aes', privKey: 'trap-priv-key' } as const;

/** One BER element: its tag and where its content lies. */
interface Element {
  tag: number;
  start: number;
  end: number;
}

function element(buf: Buffer, at: number): Element {
  const tag = buf[at]!;
  let length = buf[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    length = buf.readUIntBE(start, octets);
    start += octets;
  }
  return { tag, start, end: start + length };
}

/** The elements inside a constructed one. */
function children(buf: Buffer, parent: Element): Element[] {
  const list: Element[] = [];
  for (let at = parent.start; at < parent.end; at = list.at(-1)!.end) list.push(element(buf, at));
  return list;
}

const integer = (buf: Buffer, e: Element) => buf.readIntBE(e.start, e.end - e.start);

/** The clear parts of an SNMPv3 message (RFC 3412 §6, RFC 3414 §2.4). */
function v3Header(buf: Buffer): { msgId: number; engineId: string; boots: number; time: number } {
  const [version, globalData, securityParameters] = children(buf, element(buf, 0));
  if (integer(buf, version!) !== 3) throw new Error('not an SNMPv3 message');
  const usm = children(buf, element(buf, securityParameters!.start));
  return {
    msgId: integer(buf, children(buf, globalData!)[0]!),
    engineId: buf.subarray(usm[0]!.start, usm[0]!.end).toString('hex'),
    boots: integer(buf, usm[1]!),
    time: integer(buf, usm[2]!),
  };
}

/** A UDP port that keeps every datagram and answers none. */
async function silentReceiver(t: Test): Promise<{ address: string; datagrams: Buffer[] }> {
  const socket: Socket = createSocket('udp4');
  const datagrams: Buffer[] = [];
  socket.on('message', (m) => datagrams.push(m));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  t.teardown(() => socket.close());
  return { address: `udp:127.0.0.1:${socket.address().port}`, datagrams };
}

function event(sequence: number): HardwareEvent {
  return {
    sequence, kind: 'providerFailed', generation: sequence, time: Date.now(), severity: 'warning',
    messageId: 'THINCIM0009', message: 'provider ipmi failed: ipmitool timed out', provider: 'ipmi',
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function start(t: Test, target: SnmpTargetConfig, stateDir: string | undefined, warnings: string[] = []) {
  const events = new EventBus({ warn() {} });
  const logger = { info() {}, warn: (_: object, msg: string) => void warnings.push(msg) };
  const notifier = await startSnmpNotifier({
    snmp: { targets: [target], enterpriseOid: '1.3.6.1.4.1.32473.1', queue: 100 }, events, logger, hostname: 'thincim-test', env: {}, stateDir,
  });
  t.teardown(() => notifier.close());
  return { events, notifier };
}

t.test('a v3 trap carries snmpEngineBoots, one more each start, kept in the state folder, and the seconds since the start', async (t) => {
  const stateDir = await mkdtemp(join(tmpdir(), 'thincim-engine-'));
  t.teardown(() => rm(stateDir, { recursive: true }));
  const receiver = await silentReceiver(t);
  const first = await start(t, { address: receiver.address, ...USER }, stateDir);
  first.events.emit([event(1)]);
  await until(() => receiver.datagrams.length === 1);
  t.match(v3Header(receiver.datagrams[0]!), { engineId: first.notifier.engineId, boots: 1, time: 0 }, 'the first start');

  const second = await start(t, { address: receiver.address, ...USER }, stateDir);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  second.events.emit([event(2)]);
  await until(() => receiver.datagrams.length === 2);
  const header = v3Header(receiver.datagrams[1]!);
  t.equal(header.boots, 2, 'the second start counts 2');
  t.ok(header.time >= 1, `snmpEngineTime counts the seconds since this start (${header.time})`);
  t.equal(await readFile(join(stateDir, BOOTS_FILE), 'utf8'), '2\n');
});

t.test('a state folder that cannot be written: a warning, and the count is still at least 1', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'thincim-engine-'));
  t.teardown(() => rm(dir, { recursive: true }));
  // A file where the folder should be: nothing can be written under it.
  const stateDir = join(dir, 'not-a-folder');
  await writeFile(stateDir, '');
  const receiver = await silentReceiver(t);
  const warnings: string[] = [];
  const { events } = await start(t, { address: receiver.address, ...USER }, stateDir, warnings);
  events.emit([event(1)]);
  await until(() => receiver.datagrams.length === 1);
  t.equal(v3Header(receiver.datagrams[0]!).boots, 1);
  t.match(warnings.at(-1), /^cannot keep the SNMPv3 engine boots count in .*not-a-folder\/snmp-engine-boots: this start counts 1/);
});

t.test('snmpEngineTime past 2^31 - 1 seconds starts again and counts a boot; the count stops at its maximum', async (t) => {
  t.same(engineTime(3, 2 ** 31 - 1), { boots: 3, time: 2 ** 31 - 1 });
  t.same(engineTime(3, 2 ** 31 + 5), { boots: 4, time: 5 });
  t.same(engineTime(2 ** 31 - 1, 2 ** 31), { boots: 2 ** 31 - 1, time: 0 });
});

t.test('an inform no one answers is resent as new messages, each with its own msgID, then counted as failed', async (t) => {
  const receiver = await silentReceiver(t);
  const { events, notifier } = await start(t, { address: receiver.address, ...USER, notification: 'inform', retries: 2, timeoutMs: 150 }, undefined);
  events.emit([event(1)]);
  await until(() => notifier.stats()[0]!.failed === 1);
  const ids = receiver.datagrams.map((d) => v3Header(d).msgId);
  t.equal(ids.length, 3, 'the inform (its engine discovery, since no one answers) and two retries');
  t.equal(new Set(ids).size, 3, `three msgIDs: ${ids.join(', ')}`);
  t.same(events.stats()[0]!.deliveries, { sent: 0, failed: 1, refused: 0 }, 'counted for /metrics');
});

t.test('at shutdown, the events not sent (an inform waiting for its answer, the events queued behind it) are logged', async (t) => {
  const receiver = await silentReceiver(t);
  const events = new EventBus({ warn() {} });
  const warnings: string[] = [];
  const notifier = await startSnmpNotifier({
    snmp: { targets: [{ address: receiver.address, community: 'public', notification: 'inform', retries: 0, timeoutMs: 60_000 }], enterpriseOid: '1.3.6.1.4.1.32473.1', queue: 100 },
    events, logger: { info() {}, warn: (_: object, msg: string) => void warnings.push(msg) }, hostname: 'thincim-test', env: {},
  });
  events.emit([event(1), event(2), event(3)]);
  await until(() => receiver.datagrams.length === 1);
  notifier.close();
  t.same(warnings, [`SNMP: 3 event(s) not sent to ${receiver.address} at shutdown`]);
  t.same(notifier.stats().map(({ sent, failed }) => ({ sent, failed })), [{ sent: 0, failed: 0 }], 'abandoned, not counted as failures');
});
