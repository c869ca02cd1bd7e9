/**
 * SNMPv1 Trap-PDUs on the wire, read from the datagrams themselves: the
 * RFC 3584 §3.2 translation of a THINCIM-MIB notification (enterprise,
 * specific-trap, no sysUpTime.0 nor snmpTrapOID.0 among the varbinds) and
 * its RFC 1157 §4.1.6 encoding, against bytes checked by hand (and sent the
 * same by net-snmp 5.9.3's own `snmptrap -v 1`, see below); the agent-addr
 * as configured, else 0.0.0.0 toward an IPv6 receiver.
 */
import { execFileSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import t, { type Test } from 'tap';
import snmp from 'net-snmp';
import { startEngine } from '../../src/snmp/engine.js';
import { createSender } from '../../src/snmp/sender.js';
import { notificationOid, OBJECT_NAMES, resolveTargets } from '../../src/snmp/index.js';
import { agentAddressFinder, v1TrapId } from '../../src/snmp/v1.js';
import type { MibVarbind } from '../../src/snmp/varbinds.js';
import type { SnmpTargetConfig } from '../../src/config/snmp.js';
import { MIB_DIRS } from '../helpers/snmptrapd.js';

const ROOT = '1.3.6.1.4.1.32473.1';

t.test('RFC 3584 §3.2: enterprise and specific-trap from the notification\'s OID', async (t) => {
  t.same(v1TrapId(notificationOid(ROOT, 'providerFailed')), { enterprise: ROOT, specific: 9 }, 'next-to-last 0 (THINCIM-MIB\'s .0.N): the last two removed');
  t.same(v1TrapId('1.3.6.1.4.1.9.9.43.2.0.1'), { enterprise: '1.3.6.1.4.1.9.9.43.2', specific: 1 }, 'CISCO-CONFIG-MAN-MIB ciscoConfigManEvent');
  t.same(v1TrapId('1.3.6.1.4.1.1271.3.2.12'), { enterprise: '1.3.6.1.4.1.1271.3.2', specific: 12 }, 'next-to-last not 0: only the last removed');
});

/** A UDP port that keeps every datagram and answers none. */
async function silentReceiver(t: Test, family: 'udp4' | 'udp6'): Promise<{ address: string; datagrams: Buffer[] }> {
  const socket: Socket = createSocket(family);
  const datagrams: Buffer[] = [];
  socket.on('message', (m) => datagrams.push(m));
  const host = family === 'udp4' ? '127.0.0.1' : '::1';
  await new Promise<void>((resolve) => socket.bind(0, host, resolve));
  t.teardown(() => socket.close());
  const port = socket.address().port;
  return { address: family === 'udp4' ? `udp:${host}:${port}` : `udp:[${host}]:${port}`, datagrams };
}

async function sendOne(t: Test, target: SnmpTargetConfig, varbinds: MibVarbind[], upTime: number): Promise<void> {
  const [resolved] = resolveTargets({ targets: [target] }, {});
  const sender = createSender(snmp, resolved!, startEngine('80007ed904746573', 1));
  t.teardown(() => sender.close());
  await sender.send(notificationOid(ROOT, 'providerFailed'), varbinds, upTime);
}

/** Generous: a datagram over loopback comes in milliseconds; a lost one fails here, not at tap's timeout. */
const DATAGRAM_DEADLINE_MS = 5000;

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + DATAGRAM_DEADLINE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not received within ${DATAGRAM_DEADLINE_MS / 1000} s (datagram lost?)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const oid = (name: string) => `${ROOT}.1.1.${[...OBJECT_NAMES].find(([, n]) => n === name)![0]}.0`;

t.test('thincimProviderFailed as an SNMPv1 Trap-PDU: every byte', async (t) => {
  const receiver = await silentReceiver(t, 'udp4');
  await sendOne(t, { address: receiver.address, version: 1, community: 'public', agentAddress: '192.0.2.7' }, [
    { oid: oid('thincimEventSequence'), type: 'unsigned', value: 1001 },
    { oid: oid('thincimProvider'), type: 'octets', value: Buffer.from('ipmi') },
  ], 12345);
  await until(() => receiver.datagrams.length === 1, 'the Trap-PDU');
  // By hand from RFC 1157 §4.1.6 and X.690 (definite lengths, minimal integers); net-snmp 5.9.3 sends
  // the same 88 bytes for `snmptrap -v 1 -c public HOST 1.3.6.1.4.1.32473.1 192.0.2.7 6 9 12345
  // 1.3.6.1.4.1.32473.1.1.1.1.0 u 1001 1.3.6.1.4.1.32473.1.1.1.13.0 s ipmi`.
  const expected = [
    '30 56', //                                     Message SEQUENCE, 86 octets
    '02 01 00', //                                  version: 0 (version-1)
    '04 06 70 75 62 6c 69 63', //                   community: "public"
    'a4 49', //                                     Trap-PDU [4] IMPLICIT SEQUENCE, 73 octets
    '06 09 2b 06 01 04 01 81 fd 59 01', //          enterprise: 1.3.6.1.4.1.32473.1 (32473 = 0x81 0xfd 0x59 in base 128)
    '40 04 c0 00 02 07', //                         agent-addr: IpAddress [APPLICATION 0] 192.0.2.7
    '02 01 06', //                                  generic-trap: 6 enterpriseSpecific
    '02 01 09', //                                  specific-trap: 9 (thincimProviderFailed)
    '43 02 30 39', //                               time-stamp: TimeTicks [APPLICATION 3] 12345
    '30 2c', //                                     variable-bindings, 44 octets: no sysUpTime.0, no snmpTrapOID.0
    '30 13 06 0d 2b 06 01 04 01 81 fd 59 01 01 01 01 00 42 02 03 e9', // thincimEventSequence.0 = Gauge [APPLICATION 2] 1001
    '30 15 06 0d 2b 06 01 04 01 81 fd 59 01 01 01 0d 00 04 04 69 70 6d 69', // thincimProvider.0 = "ipmi"
  ].map((field) => field.replace(/ /g, '')).join('');
  t.equal(receiver.datagrams[0]!.toString('hex'), expected);
});

t.test('toward an IPv6 receiver, with no agentAddress configured, the agent-addr is 0.0.0.0', async (t) => {
  const receiver = await silentReceiver(t, 'udp6');
  await sendOne(t, { address: receiver.address, version: '1', community: 'public' }, [], 7);
  await until(() => receiver.datagrams.length === 1, 'the Trap-PDU');
  const datagram = receiver.datagrams[0]!.toString('hex');
  t.match(datagram, /a4..06092b0601040181fd59014004000000000201060201094301073000$/, 'enterprise, agent-addr 0.0.0.0, 6, 9, time-stamp 7, no varbinds');
});

t.test('RFC 1157 §4.1.6: the agent-addr is looked up again for each trap, so a changed address is used', async (t) => {
  const answers: (string | undefined | Error)[] = ['192.0.2.7', '198.51.100.9', undefined, new Error('EADDRNOTAVAIL')];
  const asked: string[] = [];
  const agentAddress = agentAddressFinder({ host: 'nms.example', port: 162, transport: 'udp4' }, undefined, async (host, port) => {
    asked.push(`${host}:${port}`);
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return answer;
  });
  t.equal(await agentAddress(), '192.0.2.7', 'the address found at the first trap');
  t.equal(await agentAddress(), '198.51.100.9', 'after a DHCP renewal, the new address');
  t.equal(await agentAddress(), '0.0.0.0', 'no address toward the receiver: 0.0.0.0');
  t.equal(await agentAddress(), '0.0.0.0', 'a lookup that fails: 0.0.0.0, no exception');
  t.same(asked, ['nms.example:162', 'nms.example:162', 'nms.example:162', 'nms.example:162'], 'one lookup per trap, toward the receiver');
  const configured = agentAddressFinder({ host: 'nms.example', port: 162, transport: 'udp4' }, '192.0.2.10', async () => {
    t.fail('a configured agentAddress needs no lookup');
    return undefined;
  });
  t.equal(await configured(), '192.0.2.10');
});

t.test('RFC 3584 §3.2: THINCIM-MIB has no Counter64 object, which no SNMPv1 trap could carry', async (t) => {
  for (const name of OBJECT_NAMES.values()) {
    const definition = execFileSync('snmptranslate', ['-M', MIB_DIRS, '-m', 'THINCIM-MIB', '-Td', `THINCIM-MIB::${name}`], { encoding: 'utf8' });
    const syntax = /SYNTAX\s+(.*)/.exec(definition)?.[1];
    t.ok(syntax !== undefined && !/Counter64/.test(syntax), `${name}: ${syntax}`);
  }
});
