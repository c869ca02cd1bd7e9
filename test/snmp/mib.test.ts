/**
 * mibs/THINCIM-MIB.txt as net-snmp compiles it, and the code that fills its
 * notifications: every OID the sender uses is the one the MIB defines, in
 * the order of each notification's OBJECTS clause.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { dateAndTime, defaultEngineId, eventVarbinds, NOTIFICATIONS, notificationOid, OBJECT_NAMES, SEVERITIES } from '../../src/snmp/index.js';
import type { HardwareEvent } from '../../src/events/index.js';
import { MIB_DIRS, MIB_FILE, oidOf } from '../helpers/snmptrapd.js';

const ROOT = '1.3.6.1.4.1.32473.1';

t.test('snmptranslate compiles the MIB file without a warning', async (t) => {
  // -m with the file's path, as a receiver loads it; -Pw and -Pe report every MIB warning and error.
  const run = spawnSync('snmptranslate', ['-M', MIB_DIRS, '-m', MIB_FILE, '-Pwe', '-On', 'THINCIM-MIB::thincimMIB'], { encoding: 'utf8' });
  t.equal(run.status, 0, 'exit status 0');
  t.equal(run.stdout.trim(), `.${ROOT}`, 'under the documentation PEN 32473 (RFC 5612)');
  t.equal(run.stderr.replace(/^.*MACRO \(lines [\d.]+ parsed and ignored\)\.\n/gm, ''), '', 'no warning');
});

t.test('each event kind has its notification, as the MIB numbers them', async (t) => {
  for (const [kind, { name }] of Object.entries(NOTIFICATIONS)) {
    t.equal(notificationOid(ROOT, kind as HardwareEvent['kind']), oidOf(name), `${kind}: ${name}`);
  }
});

t.test('the varbinds are the OBJECTS of each notification, in order, with the MIB\'s OIDs', async (t) => {
  const event: HardwareEvent = {
    sequence: 2 ** 32 + 5, kind: 'thresholdCrossed', generation: 9, time: Date.UTC(2025, 11, 31, 23, 59, 58, 760), severity: 'fatal',
    messageId: 'THINCIM0002', message: 'x'.repeat(1023) + '°', elementName: 'Inlet Temp',
    threshold: { property: 'UpperThresholdFatal', state: 'Upper Fatal', value: 12.180000000000001, observed: 130.5, unit: '°C' },
  };
  const varbinds = eventVarbinds(ROOT, event);
  for (const name of Object.values(NOTIFICATIONS).map((n) => n.name)) {
    const definition = execFileSync('snmptranslate', ['-M', MIB_DIRS, '-m', 'THINCIM-MIB', '-Td', `THINCIM-MIB::${name}`], { encoding: 'utf8' });
    const objects = /OBJECTS\s*\{([^}]*)\}/.exec(definition)![1]!.split(',').map((s) => s.trim());
    t.same(varbinds.map((v) => v.oid), objects.map((o) => `${oidOf(o)}.0`), `${name}: the OBJECTS clause`);
  }
  t.same([...OBJECT_NAMES.values()].map((n) => oidOf(n)), varbinds.map((v) => v.oid.replace(/\.0$/, '')));
  const value = (name: string) => varbinds[[...OBJECT_NAMES.values()].indexOf(name)]!.value;
  t.equal(value('thincimEventSequence'), 5, 'Unsigned32 wraps');
  t.equal(value('thincimEventSeverity'), SEVERITIES.fatal);
  t.equal((value('thincimThreshold') as Buffer).toString(), '12.18', 'no binary noise');
  t.equal((value('thincimReading') as Buffer).toString(), '130.5');
  t.equal((value('thincimUnit') as Buffer).toString(), '°C');
  t.equal((value('thincimEventMessage') as Buffer).length, 1023, 'cut to SIZE (0..1024) before a UTF-8 character that does not fit whole');
  t.same(value('thincimEventTime'), Buffer.from([0x07, 0xe9, 12, 31, 23, 59, 58, 7, 0x2b, 0, 0]));
});

t.test('DateAndTime and the default engine ID', async (t) => {
  t.same(dateAndTime(0), Buffer.from([0x07, 0xb2, 1, 1, 0, 0, 0, 0, 0x2b, 0, 0]));
  t.equal(defaultEngineId('node1'), '80007ed9046e6f646531', 'RFC 3411 text format: 0x80 | PEN 32473, 04, the host name');
  t.equal(defaultEngineId('node1', 8072), '80001f88046e6f646531', 'under the PEN of snmp.enterpriseOid');
  const long = defaultEngineId('a'.repeat(40));
  t.match(long, /^80007ed905[0-9a-f]{24}$/, 'a host name over 27 octets: format 05 and 12 octets of its hash');
});

/**
 * SOURCE: SNMPTT 1.5 (Debian's snmptt), /usr/sbin/snmpttconvertmib: the FORMAT of each EVENT is the
 * NOTIFICATION-TYPE's `--#SUMMARY` line, its %s replaced by the `--#ARGUMENTS` (0-based) as $n (1-based
 * variable-bindings after sysUpTime.0 and snmpTrapOID.0), else the DESCRIPTION's first line followed by $*,
 * all thirteen values. Icinga and Nagios set-ups show that FORMAT as the alert's text.
 */
t.test('snmpttconvertmib makes each notification an SNMPTT EVENT whose FORMAT is the event\'s own message', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'thincim-snmptt-'));
  t.teardown(() => rmSync(dir, { recursive: true }));
  const out = join(dir, 'snmptt.conf');
  const run = spawnSync('snmpttconvertmib', [`--in=${MIB_FILE}`, `--out=${out}`], { encoding: 'utf8', env: { ...process.env, MIBDIRS: MIB_DIRS, MIBS: '+THINCIM-MIB' } });
  if (run.error) throw new Error(`snmpttconvertmib could not run (${run.error.message}): this test needs SNMPTT, \`apt-get install snmptt\``);
  t.equal(run.status, 0, `exit status 0 (${run.stderr})`);
  const events = [...readFileSync(out, 'utf8').matchAll(/^EVENT (\S+) \.(\S+) .*\nFORMAT (.*)$/gm)].map(([, name, oid, format]) => ({ name, oid, format }));
  t.same(events.map((e) => [e.name, e.oid]), Object.values(NOTIFICATIONS).map(({ name }) => [name, oidOf(name)]), 'one EVENT per notification');
  const position = (name: string) => `$${[...OBJECT_NAMES.values()].indexOf(name) + 1}`;
  for (const { name, format } of events) {
    t.equal(format, `${position('thincimEventMessageId')} (${position('thincimEventSeverity')}): ${position('thincimEventMessage')}`,
      `${name}: message id, severity and message, not the description's first line and every value`);
  }
});
