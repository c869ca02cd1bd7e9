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
import { MIB_DIRS, MIB_FILE, startSnmptrapd, type TrapReceiver } from '../helpers/snmptrapd.js';

const dir = await mkdtemp(join(tmpdir(), 'thincim-snmptt-'));
t.teardown(() => rm(dir, { recursive: true }));
// snmpttconvertmib and snmptt's Perl SNMP module find the MIB through these, inherited by snmptrapd's traphandle.
process.env['MIBDIRS'] = MIB_DIRS;
process.env['MIBS'] = '+THINCIM-MIB';
const converted = join(dir, 'converted.conf');
const conversion = spawnSync('snmpttconvertmib', [`--in=${MIB_FILE}`, `--out=${converted}`], { encoding: 'utf8' });
if (conversion.error) throw new Error(`snmpttconvertmib could not run (${conversion.error.message}): these tests need SNMPTT, \`apt-get install snmptt\``);
if (conversion.status !== 0) throw new Error(`snmpttconvertmib exited with ${conversion.status}: ${conversion.stderr}`);

interface SnmpttRun {
  events: EventBus;
  /** snmptt's log file. */
  log: string;
  /** snmptt's standard error (snmptrapd runs the traphandle through a shell). */
  stderr: string;
  receiver: TrapReceiver;
}

/**
 * snmptrapd handing every trap to snmptt with `conf`, thincim sending each event as a v2c and a v1 trap.
 * `numeric`: neither snmptrapd nor snmptt knows THINCIM-MIB's enumerations (snmptt's translate_integers off).
 */
async function snmptt(t: Test, name: string, conf: string, { numeric = false } = {}): Promise<SnmpttRun> {
  const log = join(dir, `${name}.log`);
  const stderr = join(dir, `${name}.stderr`);
  const ini = join(dir, `${name}.ini`);
  await writeFile(ini, [
    '[General]', 'mode = standalone', 'multiple_event = 1', 'dns_enable = 0', 'net_snmp_perl_enable = 1', `translate_integers = ${numeric ? 0 : 1}`,
    'description_mode = 0',
    '[Logging]', 'stdout_enable = 0', 'log_enable = 1', `log_file = ${log}`, 'syslog_enable = 0', 'unknown_trap_log_enable = 0',
    '[TrapFiles]', 'snmptt_conf_files = <<END', conf, 'END', '',
  ].join('\n'));
  const receiver = await startSnmptrapd(['authCommunity log,execute public', `traphandle default /usr/sbin/snmptt --ini=${ini} 2>>${stderr}`], { mib: !numeric });
  t.teardown(() => receiver.stop());
  const events = new EventBus(pino({ level: 'silent' }));
  const targets = [{ address: receiver.address, community: 'public' }, { address: receiver.address, community: 'public', version: 1 as const }];
  const notifier = await startSnmpNotifier({
    snmp: { targets, enterpriseOid: '1.3.6.1.4.1.32473.1', queue: 10 }, events, logger: pino({ level: 'silent' }), hostname: 'thincim-test', env: {},
  });
  t.teardown(() => notifier.close());
  return { events, log, stderr, receiver };
}

/** A threshold crossed at `severity`. */
function crossedAt(severity: HardwareEvent['severity'], sequence = 7): HardwareEvent {
  return {
    sequence, kind: 'thresholdCrossed', generation: sequence, time: Date.UTC(2026, 11, 7, 12, 0, 0), severity,
    messageId: 'THINCIM0002', message: 'CPU Temp: reading 97.0 °C crossed the Upper Critical (95 °C) threshold', elementName: 'CPU Temp',
    threshold: { property: 'UpperThresholdCritical', state: 'Upper Critical', value: 95, observed: 97, unit: '°C' },
  };
}

/** Generous: snmptt logs a trap within a second or two; one that never comes fails here, not at tap's timeout. */
const LOG_DEADLINE_MS = 60_000;

/** The complete lines snmptt logged, once `count` are there; fails after LOG_DEADLINE_MS with what snmptt and snmptrapd said. */
async function logged(run: SnmpttRun, count: number): Promise<string[]> {
  const deadline = Date.now() + LOG_DEADLINE_MS;
  for (;;) {
    const text = await readIfThere(run.log);
    // The last piece is a line snmptt is still writing (or nothing).
    const lines = text.split('\n').slice(0, -1).filter(Boolean);
    if (lines.length >= count) return lines;
    if (Date.now() > deadline) {
      throw new Error(`snmptt logged ${lines.length} of ${count} lines within ${LOG_DEADLINE_MS / 1000} s. Its log:\n${text}\n` +
        `Its standard error:\n${(await readIfThere(run.stderr)).slice(-1500)}\nsnmptrapd's output:\n${run.receiver.output().slice(-1500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function readIfThere(file: string): Promise<string> {
  return existsSync(file) ? readFile(file, 'utf8') : '';
}

t.test('a threshold crossed, as a v2c and as a v1 trap: snmptt logs the EVENT with its message, severity by name', async (t) => {
  const run = await snmptt(t, 'converted', converted);
  run.events.emit([crossedAt('critical')]);
  const lines = await logged(run, 2);
  t.equal(lines.length, 2, 'one line per trap');
  for (const line of lines) {
    t.match(line, ' .1.3.6.1.4.1.32473.1.0.2 Normal "Status Events" ', 'the EVENT matched by the notification\'s OID (v1: enterprise.0.specific-trap)');
    // snmptt keeps of a value only ASCII letters, digits and  !"#%'()+,-_.:/=@{}~\ : the degree sign goes.
    t.ok(line.endsWith(' - THINCIM0002 (critical): CPU Temp: reading 97.0 C crossed the Upper Critical (95 C) threshold'), line);
  }
});

t.test('mibs/thincim-snmptt.conf: the EVENT of each trap, and so its SNMPTT severity, follows thincimEventSeverity', async (t) => {
  const seen = await severitiesLogged(t, 'shipped', false);
  t.same(seen.sort(), ['Critical critical', 'Critical critical', 'Critical fatal', 'Critical fatal', 'OK ok', 'OK ok',
    'Unknown unknown', 'Unknown unknown', 'Warning warning', 'Warning warning'], 'one EVENT per trap (v2c and v1), by severity');
});

t.test('mibs/thincim-snmptt.conf with the integers untranslated (snmptrapd without the MIB, translate_integers = 0): each MATCH takes the severity by number', async (t) => {
  const seen = await severitiesLogged(t, 'shipped-numeric', true);
  t.same(seen.sort(), ['Critical 4', 'Critical 4', 'Critical 5', 'Critical 5', 'OK 1', 'OK 1',
    'Unknown 2', 'Unknown 2', 'Warning 3', 'Warning 3'], 'one EVENT per trap (v2c and v1), by severity');
});

/** One event of each severity through mibs/thincim-snmptt.conf: "EVENT-severity value-of-$3" for each line snmptt logged. */
async function severitiesLogged(t: Test, name: string, numeric: boolean): Promise<(string | undefined)[]> {
  const run = await snmptt(t, name, fileURLToPath(new URL('../../mibs/thincim-snmptt.conf', import.meta.url)), { numeric });
  const severities = ['ok', 'unknown', 'warning', 'critical', 'fatal'] as const;
  severities.forEach((severity, i) => run.events.emit([crossedAt(severity, i + 1)]));
  const lines = await logged(run, 2 * severities.length);
  return lines.map((line) => /^\S+ \S+ +\d+ \S+ \d+ \S+ (\w+) "Status Events" \S+ - THINCIM0002 \((\w+)\): /.exec(line)?.slice(1, 3).join(' '));
}
