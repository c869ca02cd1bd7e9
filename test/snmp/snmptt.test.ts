/**
 * Traps as an SNMPTT set-up (Icinga's and Nagios's usual trap path) renders
 * them: snmptrapd hands each trap to Debian's snmptt (standalone mode,
 * `traphandle default snmptt`), configured by what snmpttconvertmib makes
 * of mibs/THINCIM-MIB.txt or by mibs/thincim-snmptt.conf; snmptt logs each
 * trap's OID, EVENT severity and FORMAT line with the variables filled in.
 *
 * SOURCE: SNMPTT 1.5 (Debian's snmptt), /etc/snmp/snmptt.ini and
 * /usr/sbin/snmptt: standalone mode reads one trap from snmptrapd's
 * traphandle on standard input, an INTEGER by its enumeration's name when
 * snmptrapd loads the MIB (snmptt's debug log: `value=ok`); a value keeps
 * only ASCII letters, digits and  !"#%'()+,-_.:/=@{}~\\ (its "Sanitize" step).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { pino } from 'pino';
import { EventBus, type HardwareEvent } from '../../src/events/index.js';
import { startSnmpNotifier } from '../../src/snmp/index.js';
import { MIB_DIRS, MIB_FILE, startSnmptrapd } from '../helpers/snmptrapd.js';

const dir = await mkdtemp(join(tmpdir(), 'thincim-snmptt-'));
t.teardown(() => rm(dir, { recursive: true }));
// snmpttconvertmib and snmptt's Perl SNMP module find the MIB through these, inherited by snmptrapd's traphandle.
process.env['MIBDIRS'] = MIB_DIRS;
process.env['MIBS'] = '+THINCIM-MIB';
const converted = join(dir, 'converted.conf');
const conversion = spawnSync('snmpttconvertmib', [`--in=${MIB_FILE}`, `--out=${converted}`], { encoding: 'utf8' });
if (conversion.status !== 0) throw new Error(`snmpttconvertmib: ${conversion.stderr}`);

/** snmptrapd handing every trap to snmptt with `conf`, thincim sending each event as a v2c and a v1 trap; the log snmptt writes. */
async function snmptt(t: Test, name: string, conf: string): Promise<{ events: EventBus; log: string }> {
  const log = join(dir, `${name}.log`);
  const ini = join(dir, `${name}.ini`);
  await writeFile(ini, [
    '[General]', 'mode = standalone', 'multiple_event = 1', 'dns_enable = 0', 'net_snmp_perl_enable = 1', 'translate_integers = 1',
    'description_mode = 0',
    '[Logging]', 'stdout_enable = 0', 'log_enable = 1', `log_file = ${log}`, 'syslog_enable = 0', 'unknown_trap_log_enable = 0',
    '[TrapFiles]', 'snmptt_conf_files = <<END', conf, 'END', '',
  ].join('\n'));
  const receiver = await startSnmptrapd(['authCommunity log,execute public', `traphandle default /usr/sbin/snmptt --ini=${ini}`]);
  t.teardown(() => receiver.stop());
  const events = new EventBus(pino({ level: 'silent' }));
  const targets = [{ address: receiver.address, community: 'public' }, { address: receiver.address, community: 'public', version: 1 as const }];
  const notifier = await startSnmpNotifier({
    snmp: { targets, enterpriseOid: '1.3.6.1.4.1.32473.1', queue: 10 }, events, logger: pino({ level: 'silent' }), hostname: 'thincim-test', env: {},
  });
  t.teardown(() => notifier.close());
  return { events, log };
}

/** A threshold crossed at `severity`. */
function crossedAt(severity: HardwareEvent['severity'], sequence = 7): HardwareEvent {
  return {
    sequence, kind: 'thresholdCrossed', generation: sequence, time: Date.UTC(2026, 11, 7, 12, 0, 0), severity,
    messageId: 'THINCIM0002', message: 'CPU Temp: reading 97.0 °C crossed the Upper Critical (95 °C) threshold', elementName: 'CPU Temp',
    threshold: { property: 'UpperThresholdCritical', state: 'Upper Critical', value: 95, observed: 97, unit: '°C' },
  };
}

/** The lines snmptt logged, once `count` are there (tap's timeout bounds the wait). */
async function logged(log: string, count: number): Promise<string[]> {
  for (;;) {
    const lines = existsSync(log) ? (await readFile(log, 'utf8')).split('\n').filter(Boolean) : [];
    if (lines.length >= count) return lines;
    await new Promise((r) => setTimeout(r, 50));
  }
}

t.test('a threshold crossed, as a v2c and as a v1 trap: snmptt logs the EVENT with its message, severity by name', async (t) => {
  const { events, log } = await snmptt(t, 'converted', converted);
  events.emit([crossedAt('critical')]);
  const lines = await logged(log, 2);
  t.equal(lines.length, 2, 'one line per trap');
  for (const line of lines) {
    t.match(line, ' .1.3.6.1.4.1.32473.1.0.2 Normal "Status Events" ', 'the EVENT matched by the notification\'s OID (v1: enterprise.0.specific-trap)');
    // snmptt keeps of a value only ASCII letters, digits and  !"#%'()+,-_.:/=@{}~\ : the degree sign goes.
    t.ok(line.endsWith(' - THINCIM0002 (critical): CPU Temp: reading 97.0 C crossed the Upper Critical (95 C) threshold'), line);
  }
});

t.test('mibs/thincim-snmptt.conf: the EVENT of each trap, and so its SNMPTT severity, follows thincimEventSeverity', async (t) => {
  const { events, log } = await snmptt(t, 'shipped', fileURLToPath(new URL('../../mibs/thincim-snmptt.conf', import.meta.url)));
  const severities = ['ok', 'unknown', 'warning', 'critical', 'fatal'] as const;
  severities.forEach((severity, i) => events.emit([crossedAt(severity, i + 1)]));
  const lines = await logged(log, 2 * severities.length);
  const seen = lines.map((line) => /^\S+ \S+ +\d+ \S+ \d+ \S+ (\w+) "Status Events" \S+ - THINCIM0002 \((\w+)\): /.exec(line)?.slice(1, 3).join(' '));
  t.same(seen.sort(), ['Critical critical', 'Critical critical', 'Critical fatal', 'Critical fatal', 'OK ok', 'OK ok',
    'Unknown unknown', 'Unknown unknown', 'Warning warning', 'Warning warning'], 'one EVENT per trap (v2c and v1), by severity');
});
