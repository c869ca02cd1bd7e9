/**
 * `thincim health URL [--nagios]`: one readable summary of a host's
 * hardware, or a Nagios/Icinga plugin's status line with perfdata and exit
 * status. Works against any server with the DMTF Sensors, Fan and Power
 * Supply profiles, and counts the processors, memory, batteries and
 * redundancy sets it has (see src/client/health.ts for how states are judged).
 */
import { CIMDateTime, CIMError, statusName, type CIMInstance } from '../cim/index.js';
import {
  ClientError, TimeoutError, UNDISPLAYABLE, collectInventory, displayText, evaluateHealth, EXIT_CODES, problems, renderTable,
  type HealthElement, type HealthFilter, type HealthReport, type NagiosState, type Reading, type WBEMConnection,
  withUnit,
} from '../client/index.js';
import {
  CONNECTION_HELP, CONNECTION_OPTIONS, connectionFrom, EXIT, parseCommandLine, reportFailure, timeoutMs, UsageError,
} from './client-commands.js';
import type { CliIO, Command } from './io.js';

const USAGE = `usage: thincim health URL [--nagios] [--include REGEX] [--exclude REGEX] [--no-color] [connection options]

Summarises a host's hardware: the system, chassis and BIOS, every numeric
sensor (reading, unit, thresholds, health), discrete sensor, fan, power
supply, processor, memory, battery and redundancy set. Uses only DMTF classes
(CIM_ComputerSystem, CIM_Chassis, CIM_SoftwareIdentity, CIM_NumericSensor,
CIM_Sensor, CIM_Fan, CIM_PowerSupply, CIM_Processor, CIM_Memory, CIM_Battery,
CIM_RedundancySet); classes the server lacks are left out. An element's state
comes from HealthState (5 OK; 10,15 WARNING; 20,25,30 CRITICAL), else from
OperationalStatus[0] (13 Lost Communication, a lost reading, is CRITICAL), else
OK for HealthState 0 (Unknown); any other value is UNKNOWN. A redundancy set
without HealthState is judged by RedundancyStatus (3 Degraded Redundancy and
4 Redundancy Lost WARNING, 5 Overall Failure CRITICAL). The system's own state
counts where it is WARNING or CRITICAL and worse than every element's (a
provider that never answered: No Contact), unless --include or --exclude.

options:
  --nagios               print a Nagios/Icinga plugin status line with perfdata
  --include REGEX        only elements (sensors, fans, supplies, devices) whose name matches
  --exclude REGEX        leave out those whose name matches
  --no-color             no colours (used only on a terminal, and never when NO_COLOR is set)

${CONNECTION_HELP}

exit status without --nagios: 0 report printed (whatever the health), 1 CIM error,
2 usage error, 3 connection, TLS, authentication, HTTP or protocol error.
exit status with --nagios: the worst state of the elements (and of the system's
own finding): 0 OK, 1 WARNING,
2 CRITICAL, 3 UNKNOWN (also for bad arguments, CIM errors and failures to
connect, with the reason on the status line). Order: CRITICAL > WARNING >
UNKNOWN > OK; no element at all is UNKNOWN. The status line names at most five
problems; the others follow it, one a line.

perfdata: one 'label'=value[UOM];warn;crit;min;max per numeric sensor: the
reading × 10^UnitModifier as a plain decimal ('U' when it cannot be read or
is not a number), warn from the
non-critical and crit from the critical thresholds as Nagios ranges (lower:upper,
~:upper, lower:), min and max from MinReadable and MaxReadable. UOM is one of
Nagios' own: % (BaseUnits Percentage), s (Seconds), B (Bytes); every other unit
(°C, V, A, W, RPM…) is a plain number, its unit named on the readable report.
Labels are the element names with ' = | and control characters replaced by _
and '::' by ':' (check_multi's separator), made unique with a #2, #3… suffix.
--help with --nagios exits 3, as the plugin guidelines want. --timeout bounds
the whole check, not each of its requests.
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  nagios: { type: 'boolean' },
  include: { type: 'string' },
  exclude: { type: 'string' },
  'no-color': { type: 'boolean' },
} as const;

export const run: Command = async (args, io) => {
  const nagios = args.includes('--nagios');
  let connection: WBEMConnection | undefined;
  try {
    const { values, positionals } = parseCommandLine(args, OPTIONS);
    if (values['help']) {
      io.stdout.write(USAGE);
      // The plugin guidelines: help and version output exit UNKNOWN.
      return nagios ? EXIT_CODES.UNKNOWN : EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one URL');
    const filter = healthFilter(values['include'] as string | undefined, values['exclude'] as string | undefined);
    const timeout = timeoutMs(values['timeout'] as string | undefined);
    const opened = connection = await connectionFrom(positionals[0]!, values, io);
    const report = evaluateHealth(await withinTimeout(collectInventory(opened), timeout, () => opened.destroy()), filter);
    if (nagios) {
      io.stdout.write(nagiosText(report));
      return EXIT_CODES[report.state];
    }
    io.stdout.write(readableText(report, useColour(io, values['no-color'] === true)));
    return EXIT.ok;
  } catch (err) {
    if (nagios) return nagiosUnknown(io, err);
    return reportFailure(io, 'health', err, USAGE.split('\n')[0]);
  } finally {
    connection?.close();
  }
};

/**
 * The whole check within --timeout, not each of its requests: the plugin
 * guidelines' timeout is the plugin's, and a core kills a plugin that runs
 * past its own limit (Nagios: 60 s) without a line of output, where a dozen
 * slow answers each within --timeout would have taken it there. On expiry
 * `giveUp` stops what is still running (no next Pull, no CloseEnumeration).
 */
function withinTimeout<T>(work: Promise<T>, ms: number, giveUp: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      giveUp();
      reject(new TimeoutError(ms));
    }, ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

function healthFilter(include: string | undefined, exclude: string | undefined): HealthFilter {
  const regex = (option: string, source: string): RegExp => {
    try {
      return new RegExp(source);
    } catch (err) {
      throw new UsageError(`${option}: ${(err as Error).message}`);
    }
  };
  return {
    ...(include !== undefined && { include: regex('--include', include) }),
    ...(exclude !== undefined && { exclude: regex('--exclude', exclude) }),
  };
}

/** A plugin never exits otherwise than 0–3, whatever went wrong: anything unexpected is UNKNOWN too. */
function nagiosUnknown(io: CliIO, err: unknown): number {
  const reason = err instanceof CIMError ? err.toString()
    : err instanceof ClientError || err instanceof UsageError ? err.message
      : `internal error: ${err instanceof Error ? err.message : String(err)}`;
  io.stdout.write(`THINCIM UNKNOWN - ${oneLine(reason)}\n`);
  return EXIT_CODES.UNKNOWN;
}

/** Text on a plugin's status line: one line, no '|' (it starts the perfdata), other controls as displayText shows them (a terminal runs the check by hand). */
function oneLine(text: string): string {
  return displayText(text.replace(/[\r\n\t]+/g, ' ')).replace(/\|/g, '/');
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The most problems the status line names; the others follow as long output, one a line. Nagios Core and Naemon
 * read 8 KB of a plugin's output (MAX_PLUGIN_OUTPUT_LENGTH), and a host whose sensors all lost their readings
 * would otherwise fill them with the status line: the perfdata after it lost or cut in the middle of a value.
 */
const MAX_STATUS_PROBLEMS = 5;

/** `THINCIM STATE - summary | perfdata`, then the problems the status line leaves out, then one line per class the server does not have. */
export function nagiosText(report: HealthReport): string {
  const perf = perfdata(report.elements);
  const [status, ...more] = summary(report);
  let out = `THINCIM ${report.state} - ${oneLine(status!)}${perf ? ` | ${perf}` : ''}\n`;
  for (const line of more) out += `${oneLine(line)}\n`;
  for (const m of report.missing) out += `${m.className}: not available (${statusName(m.error.code)})\n`;
  return out;
}

/** The status line's text, then the problems it has no room for. */
function summary(report: HealthReport): string[] {
  if (report.elements.length === 0 && report.systemFindings.length === 0) return ['no sensors, fans or power supplies found'];
  if (report.state === 'OK') {
    // Elements whose state nobody knows (an empty slot, a disabled fan) count as OK, but are not called ok.
    const known = report.elements.filter((e) => e.status.text !== 'Unknown');
    const unknown = report.elements.length - known.length;
    const sensors = known.filter((e) => e.kind === 'numericSensor' || e.kind === 'discreteSensor').length;
    const fans = known.filter((e) => e.kind === 'fan').length;
    const psus = known.filter((e) => e.kind === 'powerSupply').length;
    const devices = known.length - sensors - fans - psus;
    const others = devices ? `, ${count(devices, 'other device', 'other devices')}` : '';
    const ok = `${count(sensors, 'sensor', 'sensors')}, ${count(fans, 'fan', 'fans')}, ${count(psus, 'power supply', 'power supplies')}${others} ok`;
    return [unknown === 0 ? ok : `${ok}; ${unknown} unknown`];
  }
  // A fan and its tachometer often share a name ("FAN1"): one entry, with the reading.
  const lines = new Map<string, string>();
  for (const e of problems(report)) {
    const head = `${e.name}: ${e.status.text}`;
    const line = `${head}${detail(e)}`;
    if (line.length > (lines.get(head)?.length ?? -1)) lines.set(head, line);
  }
  const all = [...lines.values()];
  if (all.length <= MAX_STATUS_PROBLEMS) return [all.join('; ')];
  const more = all.slice(MAX_STATUS_PROBLEMS);
  return [`${all.slice(0, MAX_STATUS_PROBLEMS).join('; ')}; and ${more.length} more`, ...more];
}

/** What makes a problem concrete: a sensor's reading, a discrete sensor's or redundancy set's state, a system's reason. */
function detail(e: HealthElement): string {
  if (e.reading?.current) return ` (${withUnit(e.reading.current.text, e.reading.unit)})`;
  if (e.kind === 'discreteSensor' && e.currentState) return ` (${e.currentState})`;
  if ((e.kind === 'redundancySet' || e.kind === 'system') && e.currentState && e.currentState !== e.status.text) return ` (${e.currentState})`;
  return '';
}

/** Nagios' own units of measure, by BaseUnits; others are plain numbers. */
const NAGIOS_UOM: ReadonlyMap<number, string> = new Map([[65, '%'], [21, 's'], [61, 'B']]);

function perfdata(elements: readonly HealthElement[]): string {
  const labels = new Set<string>();
  return elements.filter((e) => e.reading).map((e) => {
    const reading = e.reading!;
    const t = reading.thresholds;
    const fields = [
      range(t.LowerThresholdNonCritical, t.UpperThresholdNonCritical),
      range(t.LowerThresholdCritical, t.UpperThresholdCritical),
      plainDecimal(reading.minReadable) ?? '', plainDecimal(reading.maxReadable) ?? '',
    ];
    const current = plainDecimal(reading.current);
    const value = current === undefined ? 'U' : `${current}${uom(e.instance)}`;
    return `'${uniqueLabel(labels, e.name)}'=${[value, ...fields].join(';').replace(/;+$/, '')}`;
  }).join(' ');
}

function uom(instance: CIMInstance): string {
  const base = instance.get('BaseUnits');
  const rate = instance.get('RateUnits');
  if (typeof base !== 'number' || (rate !== null && rate !== undefined && rate !== 0)) return '';
  return NAGIOS_UOM.get(base) ?? '';
}

/** A Nagios range that alerts outside [lower, upper]: `l:u`, `~:u` (no lower bound), `l:` (no upper bound). */
function range(lowerReading: Reading | undefined, upperReading: Reading | undefined): string {
  const lower = plainDecimal(lowerReading);
  const upper = plainDecimal(upperReading);
  if (lower !== undefined && upper !== undefined) return `${lower}:${upper}`;
  if (upper !== undefined) return `~:${upper}`;
  if (lower !== undefined) return `${lower}:`;
  return '';
}

/**
 * A number as perfdata must write it, digits, '-' and '.' only (plugin guidelines: "value, min and max in class
 * [-0-9.]"): an exponent ("1e-7", a real reading or a large UnitModifier) written out exactly; undefined for NaN and
 * the infinities (a real may be any), which PNP4Nagios fails on, dropping every item, and Icinga 2 rejects.
 */
function plainDecimal(reading: Reading | undefined): string | undefined {
  if (!reading || !Number.isFinite(reading.value)) return undefined;
  // Below the smallest double (a UnitModifier of -400) the number is 0, as its digits written out would say in megabytes.
  if (reading.value === 0) return '0';
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i.exec(reading.text);
  if (!m) return reading.text;
  const [, sign, whole, fraction = '', exponent] = m;
  const digits = whole! + fraction;
  const point = whole!.length + Number(exponent);
  const text = point <= 0 ? `0.${'0'.repeat(-point)}${digits}`
    : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + text.replace(/^0+(?=\d)/, '');
}

/**
 * ' = | control characters, line separators and bidi overrides become _, and '::' one ':': Icinga 2 (SplitPerfdata) and PNP4Nagios read a label
 * with '::' as check_multi's, and Icinga 2 prefixes every label after it with its head. A label PNP4Nagios would
 * read as none once it drops & and " (empty, or "0" to Perl) gets a leading _: it drops the whole perfdata on one.
 * A repeated label gets the first free #2, #3… suffix.
 */
function uniqueLabel(seen: Set<string>, name: string): string {
  let label = name.replace(/['=|]/g, '_').replace(UNDISPLAYABLE, '_').replace(/:{2,}/g, ':');
  if (/^[&"]*(?:0[&"]*)?$/.test(label)) label = `_${label}`;
  let candidate = label;
  for (let n = 2; seen.has(candidate); n++) candidate = `${label} #${n}`;
  seen.add(candidate);
  return candidate;
}

const COLOURS: Readonly<Record<NagiosState, string>> = { OK: '\x1b[32m', WARNING: '\x1b[33m', CRITICAL: '\x1b[31m', UNKNOWN: '\x1b[35m' };
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

/** Colours on a terminal only, unless --no-color or NO_COLOR (no-color.org) says otherwise. */
function useColour(io: CliIO, noColour: boolean): boolean {
  return !noColour && !io.env['NO_COLOR'] && (io.stdout as { isTTY?: boolean }).isTTY === true;
}

type Paint = (text: string, state?: NagiosState) => string;

export function readableText(report: HealthReport, colour: boolean): string {
  const paint: Paint = (text, state) => (!colour ? text : `${state ? COLOURS[state] : BOLD}${text}${RESET}`);
  const sections = [identity(report, paint)];
  const of = (kind: HealthElement['kind']) => report.elements.filter((e) => e.kind === kind);
  const numeric = of('numericSensor');
  if (numeric.length) {
    sections.push(section('Numeric sensors', ['Name', 'Reading', 'Unit', 'Lower crit', 'Lower warn', 'Upper warn', 'Upper crit', 'State', 'Health'],
      numeric, (e) => {
        const r = e.reading!;
        const t = r.thresholds;
        return [r.current?.text ?? 'n/a', r.unit, ...[t.LowerThresholdCritical, t.LowerThresholdNonCritical, t.UpperThresholdNonCritical, t.UpperThresholdCritical]
          .map((v) => v?.text ?? ''), e.currentState ?? ''];
      }, paint));
  }
  const discrete = of('discreteSensor');
  if (discrete.length) sections.push(section('Discrete sensors', ['Name', 'State', 'Health'], discrete, (e) => [e.currentState ?? ''], paint));
  const fans = of('fan');
  if (fans.length) sections.push(section('Fans', ['Name', 'Health'], fans, () => [], paint));
  const psus = of('powerSupply');
  if (psus.length) sections.push(section('Power supplies', ['Name', 'Health'], psus, () => [], paint));
  for (const [kind, title] of DEVICE_SECTIONS) {
    const devices = of(kind);
    if (devices.length) sections.push(section(title, ['Name', 'Health'], devices, () => [], paint));
  }
  const sets = of('redundancySet');
  if (sets.length) sections.push(section('Redundancy sets', ['Name', 'Redundancy', 'Health'], sets, (e) => [e.currentState ?? ''], paint));
  if (report.missing.length) {
    sections.push(`Not available on this server: ${report.missing.map((m) => `${m.className} (${statusName(m.error.code)})`).join(', ')}\n`);
  }
  const issues = problems(report).length;
  sections.push(`Overall: ${paint(report.state, report.state)}${issues ? ` (${count(issues, 'element', 'elements')} not OK)` : ''}\n`);
  return sections.join('\n');
}

const DEVICE_SECTIONS: readonly (readonly [HealthElement['kind'], string])[] = [['processor', 'Processors'], ['memory', 'Memory'], ['battery', 'Batteries']];

/** A titled table whose last column is the health text, coloured by state. */
function section(title: string, headers: string[], elements: readonly HealthElement[], cells: (e: HealthElement) => string[], paint: Paint): string {
  const rows = elements.map((e) => [e.name, ...cells(e), e.status.text]);
  const last = headers.length - 1;
  const table = renderTable(headers, rows, (text, row, column) => {
    if (row < 0) return paint(text);
    return column === last ? paint(text, elements[row]!.status.state) : text;
  });
  return `${paint(title)} (${elements.length})\n${table}`;
}

function identity(report: HealthReport, paint: Paint): string {
  const rows: string[][] = [];
  for (const s of report.systems) rows.push(['System', `${displayText(s.name)} (${paint(s.status.text, s.status.state)})`]);
  for (const c of report.chassis) {
    const serial = str(c, 'SerialNumber');
    rows.push(['Chassis', displayText([str(c, 'Manufacturer'), str(c, 'Model'), serial && `serial ${serial}`].filter(Boolean).join(', ') || elementNameOf(c))]);
  }
  for (const f of report.firmware) {
    const date = f.get('ReleaseDate');
    const released = date instanceof CIMDateTime && !date.isInterval ? `released ${date.value.slice(0, 4)}-${date.value.slice(4, 6)}-${date.value.slice(6, 8)}` : '';
    rows.push(['BIOS', displayText([str(f, 'VersionString'), str(f, 'Manufacturer'), released].filter(Boolean).join(', '))]);
  }
  if (!rows.length) return 'No system, chassis or BIOS information\n';
  const width = Math.max(...rows.map((r) => r[0]!.length));
  return rows.map(([label, value]) => `${label!.padEnd(width)}  ${value}\n`).join('');
}

function str(instance: CIMInstance, name: string): string {
  const value = instance.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function elementNameOf(instance: CIMInstance): string {
  return str(instance, 'ElementName') || instance.classname;
}
