/** thincim health: the readable report and the Nagios plugin, against simulated hosts in each state. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { CIMInstance, CIMStatus, cimProperty, NocaseMap, type CIMType, type CIMValue } from '../src/cim/index.js';
import { nagiosText, readableText } from '../src/cli/health.js';
import { evaluateHealth } from '../src/client/index.js';
import { imethodResponse, messageId, sendCim, startProxy, startServer } from './client/servers.js';
import { runCli } from './client/run-cli.js';
import { startTestBroker } from './helpers/broker.js';
import { icingaParseCheckOutput, icingaParsePerfdataValue, icingaSplitPerfdata, pnpParse } from './helpers/perfdata-parsers.js';

const scenario = (name: string) => new URL(`./fixtures/health/${name}.json`, import.meta.url).pathname;

async function host(t: Test, name?: string): Promise<string> {
  const broker = await startTestBroker(name ? { simulated: { scenario: scenario(name) } } : {});
  t.teardown(() => broker.close());
  return broker.url;
}

const OK_PERFDATA = "'CPU Temp'=45.0;~:80.0;~:90.0 '12V'=12.05;11.40:12.60;10.80:13.20 'Fan 1 Speed'=5000;1000:;500: 'CPU Load'=40%";

t.test('--nagios: OK, WARNING and CRITICAL hosts exit 0, 1 and 2 with perfdata', async (t) => {
  t.same(await runCli(['health', await host(t, 'ok'), '--nagios']), {
    code: 0, stderr: '', stdout: `THINCIM OK - 5 sensors, 1 fan, 1 power supply ok | ${OK_PERFDATA}\n`,
  });
  t.same(await runCli(['health', await host(t, 'unknown'), '--nagios']), {
    code: 0, stderr: '', stdout: `THINCIM OK - 5 sensors, 1 fan, 1 power supply ok; 1 unknown | ${OK_PERFDATA}\n`,
  }, 'an element whose state nobody knows is not called ok');
  t.same(await runCli(['health', await host(t, 'warning'), '--nagios']), {
    code: 1, stderr: '', stdout: `THINCIM WARNING - CPU Temp: Degraded/Warning (85.0 °C) | ${OK_PERFDATA.replace('=45.0', '=85.0')}\n`,
  });
  t.same(await runCli(['health', await host(t, 'critical'), '--nagios']), {
    code: 2, stderr: '',
    stdout: 'THINCIM CRITICAL - Fan 1 Speed: Critical failure (0 RPM); Fan 1: Critical failure; PSU 1: Critical failure'
      + ` | ${OK_PERFDATA.replace('=5000', '=0')}\n`,
  });
});

t.test('--nagios: a fan and its tachometer of one name are one problem, with the reading', async (t) => {
  const { code, stdout } = await runCli(['health', await host(t, 'shared-name'), '--nagios']);
  t.equal(code, 2);
  t.match(stdout, /^THINCIM CRITICAL - Fan 1: Critical failure \(0 RPM\); PSU 1: Critical failure \| /);
});

t.test('--nagios: UNKNOWN (3) when nothing listens, on CIM errors and on bad arguments', async (t) => {
  t.same(await runCli(['health', 'http://127.0.0.1:1', '--nagios']), {
    code: 3, stderr: '', stdout: 'THINCIM UNKNOWN - connection refused: 127.0.0.1:1 (ECONNREFUSED)\n',
  });
  const url = await host(t);
  const namespace = await runCli(['health', `${url}/root/nowhere`, '--nagios']);
  t.equal(namespace.code, 3);
  t.match(namespace.stdout, /^THINCIM UNKNOWN - CIM_ERR_INVALID_NAMESPACE: [^\n|]+\n$/);
  t.match(await runCli(['health', url, '--nagios', '--include', '(']), { code: 3, stdout: /^THINCIM UNKNOWN - --include: Invalid regular expression/ });
  t.same(await runCli(['health', '--nagios']), { code: 3, stderr: '', stdout: 'THINCIM UNKNOWN - give exactly one URL\n' });
  t.match(await runCli(['health', url, '--nagios', '--bogus']), { code: 3, stdout: /^THINCIM UNKNOWN - Unknown option '--bogus'/ });
  t.match(await runCli(['health', url, '--nagios', '--include', '^nothing$']), { code: 3, stdout: 'THINCIM UNKNOWN - no sensors, fans or power supplies found\n' });
});

t.test('--nagios: --timeout bounds the whole check, not each request (a core kills a plugin past its own limit, with no output)', async (t) => {
  // Every answer comes at once, but CIM_NumericSensor's enumeration goes on in empty pulls 150 ms apart, each well within --timeout.
  let pulls = 0;
  const open = (id: string, name: string, more: boolean) => imethodResponse(id, name,
    `<IRETURNVALUE></IRETURNVALUE><PARAMVALUE NAME="EndOfSequence" PARAMTYPE="boolean"><VALUE>${more ? 'FALSE' : 'TRUE'}</VALUE></PARAMVALUE>`
    + `<PARAMVALUE NAME="EnumerationContext" PARAMTYPE="string"><VALUE>${more ? 'ctx' : ''}</VALUE></PARAMVALUE>`);
  const server = await startServer(async (received, res) => {
    const method = String(received.headers['cimmethod']);
    const id = messageId(received.body);
    if (method === 'OpenEnumerateInstances') return sendCim(res, open(id, method, received.body.includes('"CIM_NumericSensor"')));
    await new Promise((resolve) => setTimeout(resolve, 150));
    sendCim(res, open(id, method, ++pulls < 20));
  });
  t.teardown(() => server.close());
  t.same(await runCli(['health', server.url, '--nagios', '--timeout', '1']), { code: 3, stderr: '', stdout: 'THINCIM UNKNOWN - no answer within 1 s\n' });
  t.ok(pulls < 20, 'given up before the enumeration ended');
  const asked = server.requests.length;
  await new Promise((resolve) => setTimeout(resolve, 400));
  t.equal(server.requests.length, asked, 'and nothing asked after the answer: no next Pull, no CloseEnumeration');
});

/** Nagios plugin guidelines: 'label'=value[UOM];[warn];[crit];[min];[max], trailing empty fields dropped. */
const PERFDATA_ITEM = /^'[^'=]+'=(?:-?\d+(?:\.\d+)?|U)(?:%|s|B)?(?:;(?:~|-?\d+(?:\.\d+)?)?:?(?:-?\d+(?:\.\d+)?)?){0,4}$/;

t.test('perfdata of the default host: one well-formed item per numeric sensor', async (t) => {
  const { code, stdout } = await runCli(['health', await host(t), '--nagios']);
  t.equal(code, 0);
  const [status, perf] = stdout.trimEnd().split(' | ');
  t.equal(status, 'THINCIM OK - 26 sensors, 6 fans, 2 power supplies, 8 other devices ok', 'processors, memory, batteries and redundancy sets counted');
  const items = perf!.match(/'[^']*'=\S*/g)!;
  t.equal(items.length, 23);
  for (const item of items) t.match(item, PERFDATA_ITEM);
  t.equal(new Set(items.map((i) => i.split('=')[0])).size, 23, 'labels are unique');
  t.ok(items.includes("'Inlet Temp'=24.2;8.0:38.0;3.0:42.0;-128.0;127.0"), 'lower and upper thresholds make lower:upper ranges; min and max are the readable range');
  t.ok(items.some((i) => /^'CPU1 VCore'=\d\.\d{3};;1\.620:1\.980;0;2\.550$/.test(i)), 'no warn range leaves its field empty');
});

t.test('labels are quoted, sanitised and told apart; the status line has no stray |', async (t) => {
  const { code, stdout } = await runCli(['health', await host(t, 'labels'), '--nagios']);
  // 'Gone' never had a reading: an absent part, not served, so neither in the verdict nor in the perfdata.
  t.equal(code, 1);
  t.equal(stdout, 'THINCIM WARNING - Uptime/Clock: Degraded/Warning (100 s)'
    + " | 'Temp _A__1'=30;~:50 'Temp _A__1 #2'=31 'Uptime_Clock'=100s;~:50\n");
});

t.test('the readable report of a critical host', async (t) => {
  const res = await runCli(['health', await host(t, 'critical')]);
  t.equal(res.code, 0, 'a report printed is success, whatever the health');
  t.equal(res.stdout, `System   testhost (Critical failure)
Chassis  Thincim Labs, T-1, serial T1-0001
BIOS     1.2.3, Thincim Labs, released 2024-01-02

Numeric sensors (4)
Name         Reading  Unit  Lower crit  Lower warn  Upper warn  Upper crit  State           Health
CPU Temp     45.0     °C                            80.0        90.0        Normal          OK
12V          12.05    V     10.80       11.40       12.60       13.20       Normal          OK
Fan 1 Speed  0        RPM   500         1000                                Lower Critical  Critical failure
CPU Load     40       %                                                     Normal          OK

Discrete sensors (1)
Name               State   Health
Chassis Intrusion  Secure  OK

Fans (1)
Name   Health
Fan 1  Critical failure

Power supplies (1)
Name   Health
PSU 1  Critical failure

Overall: CRITICAL (3 elements not OK)
`);
});

t.test('colours on a terminal only, and not with --no-color or NO_COLOR', async (t) => {
  const url = await host(t, 'critical');
  const coloured = await runCli(['health', url], { tty: true });
  t.match(coloured.stdout, '\x1b[31mCritical failure\x1b[0m');
  t.match(coloured.stdout, '\x1b[32mOK\x1b[0m');
  t.match(coloured.stdout, 'Overall: \x1b[31mCRITICAL\x1b[0m');
  t.match(coloured.stdout, '\x1b[1mFans\x1b[0m (1)');
  t.notMatch((await runCli(['health', url, '--no-color'], { tty: true })).stdout, '\x1b[');
  t.notMatch((await runCli(['health', url], { tty: true, env: { NO_COLOR: '1' } })).stdout, '\x1b[');
  t.notMatch((await runCli(['health', url])).stdout, '\x1b[', 'not a terminal');
});

t.test('--include and --exclude choose the elements by name', async (t) => {
  const url = await host(t, 'critical');
  t.same(await runCli(['health', url, '--nagios', '--include', '^Fan']), {
    code: 2, stderr: '', stdout: "THINCIM CRITICAL - Fan 1 Speed: Critical failure (0 RPM); Fan 1: Critical failure | 'Fan 1 Speed'=0;1000:;500:\n",
  });
  const rest = await runCli(['health', url, '--nagios', '--exclude', 'Fan|PSU']);
  t.equal(rest.code, 0);
  t.match(rest.stdout, /^THINCIM OK - 4 sensors, 0 fans, 0 power supplies ok \| 'CPU Temp'/);
  const readable = await runCli(['health', url, '--include', 'PSU']);
  t.match(readable.stdout, /\nPower supplies \(1\)\n/);
  t.notMatch(readable.stdout, /Numeric sensors/);
});

t.test('classes the server lacks are left out, and said so', async (t) => {
  const url = await host(t, 'ok');
  const absent = /<CLASSNAME NAME="(CIM_Chassis|CIM_PowerSupply|CIM_SoftwareIdentity)"\/>/;
  const proxy = await startProxy(url, async (method, received) => {
    const cls = absent.exec(received.body)?.[1];
    if (!cls) return undefined;
    const code = cls === 'CIM_PowerSupply' ? CIMStatus.NOT_SUPPORTED : CIMStatus.INVALID_CLASS;
    return imethodResponse(messageId(received.body), method, `<ERROR CODE="${code}" DESCRIPTION="no ${cls} here"/>`);
  });
  t.teardown(() => proxy.close());
  const nagios = await runCli(['health', proxy.url, '--nagios']);
  t.equal(nagios.code, 0);
  t.equal(nagios.stdout, `THINCIM OK - 5 sensors, 1 fan, 0 power supplies ok | ${OK_PERFDATA}\n`
    + 'CIM_Chassis: not available (CIM_ERR_INVALID_CLASS)\nCIM_SoftwareIdentity: not available (CIM_ERR_INVALID_CLASS)\n'
    + 'CIM_PowerSupply: not available (CIM_ERR_NOT_SUPPORTED)\n');
  const readable = await runCli(['health', proxy.url]);
  t.match(readable.stdout, /^System {2}testhost \(OK\)\n\nNumeric sensors/);
  t.match(readable.stdout, /\nNot available on this server: CIM_Chassis \(CIM_ERR_INVALID_CLASS\), CIM_SoftwareIdentity \(CIM_ERR_INVALID_CLASS\), CIM_PowerSupply \(CIM_ERR_NOT_SUPPORTED\)\n/);
});

t.test('without --nagios, failures keep the client exit codes', async (t) => {
  t.same(await runCli(['health', 'http://127.0.0.1:1']), { code: 3, stdout: '', stderr: 'thincim health: connection refused: 127.0.0.1:1 (ECONNREFUSED)\n' });
  t.match(await runCli(['health', `${await host(t)}/root/nowhere`]), { code: 1, stderr: /^thincim health: CIM_ERR_INVALID_NAMESPACE/ });
  t.match(await runCli(['health']), { code: 2, stderr: /^thincim health: give exactly one URL\nusage: thincim health URL/ });
  const help = await runCli(['health', '--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /perfdata: one 'label'=value\[UOM\];warn;crit;min;max per numeric sensor/);
});

t.test('--nagios: a failed memory module and a lost redundancy count, as they count in the system\'s HealthState', async (t) => {
  // The simulated scenario's device events (providers/simulated README): a memory module failed at once, and a supply
  // pulled from a set of two that needs one (Redundancy Lost: a warning, the set's RedundancyStatus without HealthState).
  const dir = await mkdtemp(join(tmpdir(), 'thincim-health-'));
  t.teardown(() => rm(dir, { recursive: true }));
  const base = JSON.parse(await readFile(new URL('../providers/simulated/default-scenario.json', import.meta.url), 'utf8'));
  const file = join(dir, 'scenario.json');
  await writeFile(file, JSON.stringify({ ...base, $schema: undefined, timeline: { ...base.timeline, events: [
    { at: 0, memory: 'dimm-a1', status: 'failed' }, { at: 0, powerSupply: 'psu2', status: 'absent' },
  ] } }));
  const broker = await startTestBroker({ simulated: { scenario: file } });
  t.teardown(() => broker.close());
  const { code, stdout } = await runCli(['health', broker.url, '--nagios']);
  t.equal(code, 2, 'CRITICAL: the failed module');
  const status = stdout.split(' | ')[0]!;
  t.match(status, /^THINCIM CRITICAL - DIMM A1: Critical failure; /, 'the module first, worst first');
  t.match(status, /: Redundancy Lost(;|$)/, 'the supplies\' set that lost its spare');
  const readable = await runCli(['health', broker.url, '--no-color']);
  t.match(readable.stdout, /^Memory \(\d+\)\n/m, 'a Memory section');
  t.match(readable.stdout, /^Redundancy sets \(\d+\)\n/m, 'a Redundancy sets section');
  t.match(readable.stdout, /Redundancy Lost/);
  t.match(readable.stdout, /^Overall: CRITICAL/m);
});

t.test('--nagios output as Icinga 2 and PNP4Nagios read it: every sensor under its own label, with its value', async (t) => {
  const { code, stdout } = await runCli(['health', await host(t, 'odd-labels'), '--nagios']);
  t.equal(code, 1);
  const { text, perfdata } = icingaParseCheckOutput(stdout);
  t.equal(text, 'THINCIM WARNING - Load: Degraded/Warning (99.5 %) \n', 'the status text ends at the first |');
  const values = icingaSplitPerfdata(perfdata).map(icingaParsePerfdataValue);
  const labels = ['CPU Temp', 'It_s _ a _ pipe', 'Line_break_tab', 'Système ventilateur °', 'Board:PSU:Power', 'Inlet Temp', 'Load', 'Up'];
  t.same(values.map((v) => v.label), labels, "a '::' in a name is no check_multi prefix for the labels after it");
  t.same(values.map((v) => [v.value, v.unit]), [[-12.5, ''], [0.005, ''], [1.5, ''], [4200, ''], [350, ''], [24, ''], [99.5, '%'], [3600, 's']]);
  t.same(values[0], { label: 'CPU Temp', value: -12.5, unit: '' }, 'ranges are no plain numbers: Icinga 2 leaves them out');
  const pnp = pnpParse(perfdata);
  t.not(pnp, 'multi', 'nor a check_multi block for PNP4Nagios');
  t.same((pnp as { label: string }[]).map((i) => i.label), labels, 'PNP4Nagios reads every item');
});

t.test('--nagios --help exits 3 UNKNOWN, as the plugin guidelines want of help and version output', async (t) => {
  const help = await runCli(['health', '--nagios', '--help']);
  t.equal(help.code, 3);
  t.match(help.stdout, /^usage: thincim health URL/);
});

t.test('perfdata numbers are plain decimals (class [-0-9.]): no exponent, no NaN, whatever a server sends', async (t) => {
  // A server may type CurrentReading as a real (CIM-XML allows NaN and INF in reals) or scale it by a large UnitModifier.
  const sensor = (name: string, props: Record<string, [CIMType, CIMValue]>) => new CIMInstance({
    classname: 'CIM_NumericSensor',
    properties: new NocaseMap(Object.entries({ ElementName: ['string', name], HealthState: ['uint16', 5], BaseUnits: ['uint16', 2], ...props } as Record<string, [CIMType, CIMValue]>)
      .map(([n, [type, value]]) => [n, cimProperty(n, type, value)] as const)),
  });
  const report = evaluateHealth({ numericSensors: [
    sensor('Tiny', { CurrentReading: ['real64', 1e-7], UpperThresholdCritical: ['real64', 2.5e21] }),
    sensor('Broken', { CurrentReading: ['real32', NaN], UpperThresholdNonCritical: ['real32', Infinity], MaxReadable: ['real32', -Infinity] }),
    sensor('Scaled', { CurrentReading: ['sint32', -123], UnitModifier: ['sint32', -35], LowerThresholdCritical: ['sint32', 5] }),
  ] });
  const perfdata = nagiosText(report).split(' | ')[1]!.trimEnd();
  t.equal(perfdata, "'Tiny'=0.0000001;;~:2500000000000000000000 'Broken'=U "
    + "'Scaled'=-0.00000000000000000000000000000000123;;0.00000000000000000000000000000000005:");
  t.same((pnpParse(perfdata) as { value: string }[]).map((i) => i.value), ['0.0000001', 'U', '-0.00000000000000000000000000000000123'], 'PNP4Nagios reads every item');
  t.same(icingaParsePerfdataValue(icingaSplitPerfdata(perfdata)[0]!), { label: 'Tiny', value: 1e-7, unit: '' });
});

t.test('perfdata: a UnitModifier past the double\'s range is 0, not megabytes of digits; labels stay unique and readable by PNP4Nagios', async (t) => {
  const sensor = (name: string, props: Record<string, [CIMType, CIMValue]> = {}) => new CIMInstance({
    classname: 'CIM_NumericSensor',
    properties: new NocaseMap(Object.entries({ ElementName: ['string', name], HealthState: ['uint16', 5], BaseUnits: ['uint16', 2], CurrentReading: ['sint32', 5], ...props } as Record<string, [CIMType, CIMValue]>)
      .map(([n, [type, value]]) => [n, cimProperty(n, type, value)] as const)),
  });
  const report = evaluateHealth({ numericSensors: [
    sensor('Far', { UnitModifier: ['sint32', -400] }), sensor('Farthest', { UnitModifier: ['sint32', -2147483648] }),
    // '::' becomes ':', so three names would give 'a:b', 'a:b #2' and 'a:b #2' again without a free suffix.
    sensor('a::b'), sensor('a:b'), sensor('a:b #2'),
    // PNP4Nagios drops & " ' from a label, then refuses it empty or "0" (Perl's false), and the whole perfdata with it.
    sensor('0'), sensor('"&'),
    // A bidi override would reorder the status line on a terminal.
    sensor('A\u202eB'),
  ] });
  const perfdata = nagiosText(report).split(' | ')[1]!.trimEnd();
  t.equal(perfdata, "'Far'=0 'Farthest'=0 'a:b'=5 'a:b #2'=5 'a:b #2 #2'=5 '_0'=5 '_\"&'=5 'A_B'=5");
  const pnp = pnpParse(perfdata);
  t.same(Array.isArray(pnp) && pnp.map((i) => i.label), ['Far', 'Farthest', 'a:b', 'a:b #2', 'a:b #2 #2', '_0', '_', 'A_B'], 'PNP4Nagios reads every item');
});

t.test('--nagios: the status line names five problems, the others follow as long output', async (t) => {
  // Nagios Core and Naemon read 8 KB of output (MAX_PLUGIN_OUTPUT_LENGTH, include/nagios.h): a status line naming
  // every lost sensor of a big host would push the perfdata out of it.
  const dir = await mkdtemp(join(tmpdir(), 'thincim-health-'));
  t.teardown(() => rm(dir, { recursive: true }));
  const file = join(dir, 'scenario.json');
  const sensors = Array.from({ length: 300 }, (_, i) => ({
    id: `t${i}`, label: `Temp ${i}`, kind: 'temperature', unit: 'celsius', decimals: 0, value: 95, thresholds: { upperCritical: 90 },
  }));
  await writeFile(file, JSON.stringify({ name: 'many problems', system: { hostname: 'big-host' }, sensors }));
  const broker = await startTestBroker({ simulated: { scenario: file } });
  t.teardown(() => broker.close());
  const { code, stdout } = await runCli(['health', broker.url, '--nagios']);
  t.equal(code, 2);
  const [first, ...rest] = stdout.trimEnd().split('\n');
  const shown = Array.from({ length: 5 }, (_, i) => `Temp ${i}: Critical failure (95 °C)`);
  t.ok(first!.startsWith(`THINCIM CRITICAL - ${shown.join('; ')}; and 295 more | 'Temp 0'=95;;~:90 `), first!.slice(0, 300));
  t.ok(first!.indexOf(' | ') < 300, 'the perfdata starts within the first 300 characters');
  t.same(rest, Array.from({ length: 295 }, (_, i) => `Temp ${i + 5}: Critical failure (95 °C)`), 'every other problem on a line of its own');
  const { text, perfdata } = icingaParseCheckOutput(stdout);
  t.equal(icingaSplitPerfdata(perfdata).length, 300, 'Icinga 2 finds all 300 items');
  t.match(text, /\nTemp 299: Critical failure \(95 °C\)\n$/);
});

t.test('every scenario\'s --nagios output reads cleanly in Icinga 2 (old and new) and PNP4Nagios, its exit status its state', async (t) => {
  const codes: Record<string, number> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };
  for (const name of [undefined, 'ok', 'unknown', 'warning', 'critical', 'shared-name', 'labels', 'odd-labels']) {
    const { code, stdout, stderr } = await runCli(['health', await host(t, name), '--nagios']);
    const label = name ?? 'default';
    t.equal(stderr, '', label);
    const state = /^THINCIM (OK|WARNING|CRITICAL|UNKNOWN) - [^|\n]+(?: \| [^\n]+)?\n/.exec(stdout)?.[1];
    t.equal(code, codes[state ?? ''], `${label}: the status line's state is the exit status`);
    const { perfdata } = icingaParseCheckOutput(stdout);
    const items = icingaSplitPerfdata(perfdata);
    // 'U' is valid (guidelines) but no number to Icinga 2, which logs and skips it (Icinga/icinga2#9282).
    for (const item of items.filter((i) => !/=U(;|$)/.test(i))) t.doesNotThrow(() => icingaParsePerfdataValue(item), `${label}: ${item}`);
    const pnp = pnpParse(perfdata);
    t.ok(Array.isArray(pnp) && pnp.length === items.length, `${label}: PNP4Nagios reads all ${items.length} items`);
  }
});

/** A C0, DEL or C1 control: in the readable outputs only thincim's own line feeds and colours may remain. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const OUR_COLOURS = /\x1b\[\d+m/g;

t.test('server text with control characters is shown escaped, never sent raw to the terminal; colours stay', async (t) => {
  const url = await host(t, 'escape-labels');
  const plain = await runCli(['health', url]);
  t.equal(plain.code, 0);
  t.notMatch(plain.stdout, CONTROL);
  t.match(plain.stdout, /^Line\\x0abreak\\x09tab {2}1\.50 /m, 'the layout holds, the line feed and tab visible');
  t.match(plain.stdout, /^C1\\x9b31mred\\x7f {6}400 /m, 'a C1 CSI and DEL visible');
  const coloured = await runCli(['health', url], { tty: true });
  t.match(coloured.stdout, 'C1\\x9b31mred\\x7f');
  t.match(coloured.stdout, '\x1b[31mCritical failure\x1b[0m', 'the health still coloured');
  t.notMatch(coloured.stdout.replace(OUR_COLOURS, ''), CONTROL, 'no ESC but those of the colours');
  const nagios = await runCli(['health', url, '--nagios']);
  t.equal(nagios.code, 2);
  t.notMatch(nagios.stdout, CONTROL);
  t.match(nagios.stdout, /^THINCIM CRITICAL - .*C1\\x9b31mred\\x7f: Critical failure \(400 RPM\)/);
});

t.test('ESC and BEL in a name (a server not held to XML 1.0) are escaped in the report and on the status line', async (t) => {
  const sensor = (name: string, health: number) => new CIMInstance({
    classname: 'CIM_NumericSensor',
    properties: new NocaseMap(Object.entries({ ElementName: ['string', name], HealthState: ['uint16', health], BaseUnits: ['uint16', 2], CurrentReading: ['sint32', 5] } as Record<string, [CIMType, CIMValue]>)
      .map(([n, [type, value]]) => [n, cimProperty(n, type, value)] as const)),
  });
  const report = evaluateHealth({ numericSensors: [sensor('CPU\x1b]0;pwned\x07 Temp', 25), sensor('Clear\x1b[2Jscreen', 5)] });
  const readable = readableText(report, true);
  t.match(readable, 'CPU\\x1b]0;pwned\\x07 Temp');
  t.match(readable, 'Clear\\x1b[2Jscreen');
  t.match(readable, '\x1b[31mCritical failure\x1b[0m');
  t.notMatch(readable.replace(OUR_COLOURS, ''), CONTROL);
  const nagios = nagiosText(report);
  t.match(nagios, 'THINCIM CRITICAL - CPU\\x1b]0;pwned\\x07 Temp: Critical failure');
  t.notMatch(nagios, CONTROL);
});

t.test('an error detail with ESC (OpenPegasus PGErrorDetail is percent-encoded) is escaped on stderr and the status line', async (t) => {
  const server = await startServer((_, res) => {
    res.writeHead(500, { PGErrorDetail: '%1B%5D0%3Bpwned%07%1B%5B2J%C2%9B31m' });
    res.end();
  });
  t.teardown(() => server.close());
  const readable = await runCli(['health', server.url]);
  t.equal(readable.code, 3);
  t.match(readable.stderr, 'thincim health: HTTP 500 Internal Server Error; \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\n');
  t.notMatch(readable.stderr, CONTROL);
  const nagios = await runCli(['health', server.url, '--nagios']);
  t.equal(nagios.stdout, 'THINCIM UNKNOWN - HTTP 500 Internal Server Error; \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\n');
});
