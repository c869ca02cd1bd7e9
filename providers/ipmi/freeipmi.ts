/**
 * FreeIPMI's sensor layouts: `ipmi-sensors` (default, `--output-sensor-state`,
 * `--output-sensor-thresholds`, both) as a padded pipe table or with
 * `--comma-separated-output`, and `ipmimonitoring` (the state layout; also
 * FreeIPMI 0.7–0.8's, headed "Record_ID | Sensor Name | Sensor Group |
 * Monitoring Status | Sensor Units | Sensor Reading", whose reading column
 * holds a discrete record's events). Columns are found by the header line;
 * without one (`--no-header-output`, or 0.8's output as check_ipmi_sensor
 * prints it) by their count (5 or 11 without the type column, 6, 7, 12 or 13)
 * and, for six and twelve, by a state word ("Nominal") in the third column
 * (no type column) or, for six, in the fourth (0.8's), or a reading last.
 * Readings print with two decimals, "N/A" when absent; events are
 * single-quoted ('OK', 'Presence detected') and several events are separated
 * by spaces, or, with `--output-event-bitmask` (as prometheus-community's
 * ipmi_exporter runs it), printed as the 16-bit event bitmask ("0060h",
 * bit n = offset n; a threshold record's bits are the thresholds it is past).
 * With `-W discretereading` a discrete record whose SDR gives an analog reading prints it and its units; its events
 * are still states (as text; as bits it cannot be told from a threshold record).
 */
import type { Health, ThresholdName } from '../../src/model/snapshot.js';
import type { IpmiParseResult, IpmiReading } from './types.js';
import { noiseLine, parseDecimal, significantDecimals, splitLines, statusHealth, THRESHOLD_NAMES, type PrintedNumber } from './text.js';
import { meaningOn, severity, stateMeaning, worse, type StateMeaning } from './states.js';

export type Column = 'id' | 'name' | 'type' | 'state' | 'reading' | 'units' | 'event' | ThresholdName;

const HEADER_NAMES: Readonly<Record<string, Column>> = {
  id: 'id',
  'record id': 'id',
  name: 'name',
  type: 'type',
  state: 'state',
  reading: 'reading',
  units: 'units',
  event: 'event',
  // FreeIPMI 0.7–0.8's `ipmimonitoring` (RHEL 5–6): its reading column holds a discrete record's events.
  record_id: 'id',
  'sensor name': 'name',
  'sensor group': 'type',
  'monitoring status': 'state',
  'sensor units': 'units',
  'sensor reading': 'reading',
  // FreeIPMI 0.8's `ipmimonitoring` without --legacy-output: "… | Sensor Group | Sensor State | Sensor Reading | Sensor
  // Units | Sensor Event", a reading and the events in their own columns.
  'sensor state': 'state',
  'sensor event': 'event',
  // FreeIPMI's threshold columns are headed "Lower NR" … "Upper NR".
  ...THRESHOLD_NAMES,
};

export const THRESHOLD_COLUMNS: readonly ThresholdName[] = ['lowerFatal', 'lowerCritical', 'lowerNonCritical', 'upperNonCritical', 'upperCritical', 'upperFatal'];

/** Header-less layouts by column count. */
const LAYOUTS: Readonly<Record<number, readonly Column[]>> = {
  // `--no-sensor-type-output` drops the type column: "52,PSU_Input_Power,204.00,W,'OK'".
  5: ['id', 'name', 'reading', 'units', 'event'],
  6: ['id', 'name', 'type', 'reading', 'units', 'event'],
  7: ['id', 'name', 'type', 'state', 'reading', 'units', 'event'],
  11: ['id', 'name', 'reading', 'units', ...THRESHOLD_COLUMNS, 'event'],
  12: ['id', 'name', 'type', 'reading', 'units', ...THRESHOLD_COLUMNS, 'event'],
  13: ['id', 'name', 'type', 'state', 'reading', 'units', ...THRESHOLD_COLUMNS, 'event'],
};

/**
 * `--no-sensor-type-output` with `--output-sensor-state`: as many columns as the typed layouts without the state (6,
 * 12), told by the third column, a state word where those print a sensor type (which is never one).
 */
const UNTYPED_STATE_LAYOUTS: Readonly<Record<number, readonly Column[]>> = {
  6: ['id', 'name', 'state', 'reading', 'units', 'event'],
  12: ['id', 'name', 'state', 'reading', 'units', ...THRESHOLD_COLUMNS, 'event'],
};
const STATE_WORD = /^(?:nominal|warning|critical|n\/a)$/i;
/**
 * `--quiet-readings` with `--output-sensor-state` drops the reading and units: as many columns as the untyped layouts
 * with a reading (5, 11), told by the third column, a sensor type where those print a reading or N/A.
 */
const QUIET_LAYOUTS: Readonly<Record<number, readonly Column[]>> = {
  5: ['id', 'name', 'type', 'state', 'event'],
  11: ['id', 'name', 'type', 'state', ...THRESHOLD_COLUMNS, 'event'],
};

/** FreeIPMI 0.7–0.8's `ipmimonitoring` columns, for rows without their header. */
const LEGACY_LAYOUT: readonly Column[] = ['id', 'name', 'type', 'state', 'units', 'reading'];
const LEGACY_STATE = /^(nominal|warning|critical)$/i;

/** The columns of a row without a header line. */
function headerlessLayout(fields: string[]): readonly Column[] | undefined {
  // The current six-column layout ends with an event, quoted or N/A; the old one with a reading.
  if (fields.length === 6 && (LEGACY_STATE.test(fields[3] ?? '') || parseDecimal(fields[5] ?? ''))) return LEGACY_LAYOUT;
  const untyped = UNTYPED_STATE_LAYOUTS[fields.length];
  if (untyped && STATE_WORD.test(fields[2] ?? '')) return untyped;
  const quiet = QUIET_LAYOUTS[fields.length];
  if (quiet && !(fields[2] === 'N/A' || parseDecimal(fields[2] ?? ''))) return STATE_WORD.test(fields[3] ?? '') ? quiet : undefined;
  return LAYOUTS[fields.length];
}

/** Splits on `separator` outside single-quoted event texts, trimming each field. */
export function splitRow(line: string, separator: Separator): string[] {
  return splitPieces(line, separator).map((piece) => piece.trim());
}

type Separator = ',' | '|';

/**
 * Splits on `separator` outside single-quoted event texts, the fields as printed (padding kept). An event text opens
 * with a ' that starts a field (after its padding) and closes with one followed by the separator, a space or the
 * line's end: a ' inside a name ("CPU1's Temp") opens nothing. A quote left open (a name that starts with one, "'A'
 * Fan" where no event closes it) is no quote: the line is split at every separator.
 */
function splitPieces(line: string, separator: Separator): string[] {
  const pieces: string[] = [];
  let piece = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] ?? '';
    if (char === "'") quoted = quoted ? !closesQuote(line[i + 1], separator) : piece.trim() === '' || quoteFollowsQuote(piece);
    if (char === separator && !quoted) {
      pieces.push(piece);
      piece = '';
    } else {
      piece += char;
    }
  }
  pieces.push(piece);
  return quoted ? line.split(separator) : pieces;
}

/** Whether a ' followed by `next` ends an event text. */
function closesQuote(next: string | undefined, separator: Separator): boolean {
  return next === undefined || next === separator || next === ' ' || next === '\r';
}

/** Whether the field so far ends with a closed event text and a space: the next ' opens another ("'A' 'B'"). */
function quoteFollowsQuote(piece: string): boolean {
  return /'\s+$/.test(piece) && piece.trim().startsWith("'");
}

/** The fewest columns a header-less layout has (a header may name fewer: `--quiet-readings` without the state). */
const MIN_COLUMNS = 5;

/** A row's separator where no header told it: '|' where it splits the row into a layout's columns, else ','. */
function guessSeparator(line: string): Separator {
  return line.split('|').length >= MIN_COLUMNS ? '|' : ',';
}

/**
 * The header's columns and separator, or undefined when `line` is no header. A header holds no name, so a '|' in it is
 * the table's separator, whatever its column count ("ID | Name | Type | Event" of `--quiet-readings`).
 */
function readHeader(line: string): { columns: Column[]; separator: Separator } | undefined {
  const separator: Separator = line.includes('|') ? '|' : ',';
  const columns = headerColumns(splitRow(line, separator));
  return columns ? { columns, separator } : undefined;
}

/**
 * Reads a row by its header's columns or a header-less layout. FreeIPMI prints the sensor name unescaped (ipmi-sensors
 * -simple-output.c, "%s"), and an ID string may hold the separator: the name, second in every layout, then takes the
 * fields the row has too many. The fewest taken that read wins; without a header, the fewest whose type column holds
 * a sensor type FreeIPMI prints, or none: "52,PSU,Input Power,204.00,W,'OK'" reads as PSU of type "Input Power" and
 * as "PSU,Input Power" without the type column, and no sensor type is "Input Power". The table pads its columns
 * (" | "): without a header to count them, a padded separator is never taken into the name ("Power Meter | Other" of
 * an older type word).
 */
function readRow(columns: readonly Column[] | undefined, pieces: string[], separator: Separator, line: number): IpmiReading | undefined {
  let unknownType: IpmiReading | undefined;
  for (let extra = 0; pieces.length - extra >= (columns?.length ?? MIN_COLUMNS); extra++) {
    if (extra > 0 && !columns && separator === '|' && paddedAfter(pieces[extra] ?? '', pieces[extra + 1] ?? '')) break;
    const fields = [pieces[0] ?? '', pieces.slice(1, extra + 2).join(separator), ...pieces.slice(extra + 2)].map((field) => field.trim());
    const layout = columns ?? headerlessLayout(fields);
    if (!layout || layout.length !== fields.length || (extra > 0 && !printsPoints(layout, fields))) continue;
    const reading = freeIpmiRow(layout, fields, line);
    if (reading && (columns || isFreeIpmiType(reading.sensorType))) return reading;
    unknownType ??= reading;
  }
  // A type FreeIPMI does not print, and no other way to read the row: the row as its layout reads it.
  return unknownType;
}

/** Whether the separator between two pieces is the table's padded one: a space on either side. */
function paddedAfter(piece: string, next: string): boolean {
  return piece.endsWith(' ') && next.startsWith(' ');
}

/**
 * The sensor types FreeIPMI prints (libfreeipmi/spec/ipmi-sensor-types-spec.c, ipmi_sensor_types: IPMI 2.0 table 42-3's
 * 00h–2Ch in FreeIPMI's own words), lower case; "OEM Reserved" (ipmi_oem_sensor_type) for C0h–FFh, with
 * `--interpret-oem-data` a vendor's "OEM …" (ipmi_get_oem_sensor_type_string: Fujitsu's "OEM I2C Bus" …), and
 * "Unrecognized" for the rest (tool-sensor-common.h, UNRECOGNIZED_SENSOR_TYPE).
 */
const FREEIPMI_SENSOR_TYPES: ReadonlySet<string> = new Set([
  'Reserved', 'Temperature', 'Voltage', 'Current', 'Fan', 'Physical Security', 'Platform Security Violation Attempt',
  'Processor', 'Power Supply', 'Power Unit', 'Cooling Device', 'Other Units Based Sensor', 'Memory', 'Drive Slot',
  'POST Memory Resize', 'System Firmware Progress', 'Event Logging Disabled', 'Watchdog 1', 'System Event',
  'Critical Interrupt', 'Button/Switch', 'Module/Board', 'Microcontroller/Coprocessor', 'Add In Card', 'Chassis',
  'Chip Set', 'Other Fru', 'Cable/Interconnect', 'Terminator', 'System Boot Initiated', 'Boot Error', 'OS Boot',
  'OS Critical Stop', 'Slot/Connector', 'System ACPI Power State', 'Watchdog 2', 'Platform Alert', 'Entity Presence',
  'Monitor ASIC/IC', 'LAN', 'Management Subsystem Health', 'Battery', 'Session Audit', 'Version Change', 'FRU State',
  'Unrecognized',
].map((type) => type.toLowerCase()));

/** Whether a header-less row's type is one FreeIPMI prints; no type column (or N/A) is no doubt either. */
function isFreeIpmiType(type: string | undefined): boolean {
  return type === undefined || FREEIPMI_SENSOR_TYPES.has(type.toLowerCase()) || /^OEM /.test(type);
}

/**
 * Whether every number of a row has its decimal point ("%.2f"), or is N/A. A row printed under a locale with a decimal
 * comma has a field more for each number ("45,00"), which must not be given to the name: its fraction would be read as
 * the reading.
 */
function printsPoints(layout: readonly Column[], fields: readonly string[]): boolean {
  return layout.every((column, i) => !NUMBER_COLUMNS.has(column) || /^(N\/A|-?\d+\.\d+)$/.test(fields[i] ?? ''));
}

const NUMBER_COLUMNS: ReadonlySet<Column> = new Set(['reading', ...THRESHOLD_COLUMNS]);

/** The header's columns, or undefined when `fields` is not a header. */
function headerColumns(fields: string[]): Column[] | undefined {
  const columns = fields.map((field) => HEADER_NAMES[field.toLowerCase()]);
  if (columns[0] !== 'id' || !columns.includes('name') || columns.some((column) => column === undefined)) return undefined;
  return columns as Column[];
}

/**
 * A row (or the header) of the System Event Log: an ID, then a date and a time, as `ipmi-sel` prints them
 * (ipmi-sel.c: "Nov-15-2018", "08:51:44"; "Date", "Time" in its header) and ipmitool's `sel list` ("11/15/2018").
 */
export const SEL_ROW = /^\s*(?:ID|[0-9a-f]+)\s*[|,]\s*(?:Date|[A-Z][a-z]{2}-\d{2}-\d{4}|\d{2}\/\d{2}\/\d{4})\s*[|,]\s*(?:Time|\d{2}:\d{2}:\d{2})\s*(?:[|,]|$)/;

function isSelRow(pieces: readonly string[]): boolean {
  return SEL_ROW.test(pieces.slice(0, 3).join('|'));
}

/** Parses FreeIPMI `ipmi-sensors` / `ipmimonitoring` output. */
export function parseFreeIpmiSensors(text: string): IpmiParseResult {
  const result: IpmiParseResult = { format: 'freeipmi', readings: [], skipped: [], noise: [] };
  let header: { columns: Column[]; separator: Separator } | undefined;
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    // The header's own separator is the one its rows use.
    const found = readHeader(raw);
    if (found) {
      header = found;
      return;
    }
    const separator = header?.separator ?? guessSeparator(raw);
    const pieces = splitPieces(raw, separator);
    // An event of the SEL is no sensor's state: never read, whatever columns it would fit.
    const reading = isSelRow(pieces) ? undefined : readRow(header?.columns, pieces, separator, line);
    if (reading) result.readings.push(reading);
    else result.noise.push(noiseLine(line, raw, separator, header?.columns.length ?? MIN_COLUMNS));
  });
  return result;
}

/** One row read by its layout's columns (the verbose blocks of `ipmi-sensors -v` are read as such rows too). */
export function freeIpmiRow(layout: readonly Column[], fields: string[], line: number): IpmiReading | undefined {
  const row = new Map<Column, string>(layout.map((column, i) => [column, fields[i] ?? '']));
  const id = row.get('id') ?? '';
  const name = row.get('name') ?? '';
  if (!/^\d+$/.test(id) || name === '' || !fitsColumns(row)) return undefined;
  const reading: IpmiReading = { name, recordId: Number(id), states: [], thresholds: {}, line };
  const type = row.get('type');
  if (type && type !== 'N/A') reading.sensorType = type;
  const readingText = row.get('reading') ?? 'N/A';
  const eventText = row.get('event') ?? (readingText.startsWith("'") ? readingText : 'N/A');
  const bits = eventBitmask(eventText);
  // An empty units field beside a number (an older FreeIPMI's unspecified unit) is a reading all the same.
  const units = row.get('units') || (parseDecimal(readingText) ? 'unspecified' : 'N/A');
  const state = statusHealth(row.get('state') ?? 'N/A');
  if (state) reading.health = state;
  if (units === 'N/A') {
    reading.eventClass = 'discrete';
    if (bits !== undefined) {
      reading.rawState = eventText;
      reading.stateBits = bits;
      return reading;
    }
    const events = parseEvents(eventText);
    // No event and no state: FreeIPMI could not read the sensor (an empty slot's), which asserts nothing healthy.
    if (eventText === 'N/A' && state === undefined) reading.unavailable = 'absent';
    reading.states = events.filter((event) => event !== 'OK');
    if (columnGivesWay(reading, state)) delete reading.health;
    return reading;
  }
  reading.unit = units;
  const events = bits === undefined ? parseEvents(eventText) : thresholdEvents(bits);
  if (events.some(isDiscreteEvent)) return discreteWithReading(reading, readingText, events, state);
  reading.eventClass = 'threshold';
  if (!readValue(reading, readingText, events)) return undefined;
  for (const threshold of THRESHOLD_COLUMNS) {
    const number = parseDecimal(row.get(threshold) ?? 'N/A');
    if (number) reading.thresholds[threshold] = number.value;
  }
  return reading;
}

/** A threshold record printed without a reading or any unit: no reading, as its table row would say. */
export function unreadThreshold(reading: IpmiReading): void {
  reading.eventClass = 'threshold';
  reading.value = null;
  reading.unavailable = reading.states.includes('Unknown') ? 'failed' : 'absent';
  reading.states = [];
  delete reading.health;
}

/** An event only a discrete record states: not 'OK', 'Unknown' or a threshold event. */
function isDiscreteEvent(event: string): boolean {
  return event !== 'OK' && event !== 'Unknown' && !THRESHOLD_EVENT.test(event);
}

/** A state column holds a state word, a type column never does: a row whose fields are shifted fits neither. */
function fitsColumns(row: ReadonlyMap<Column, string>): boolean {
  const state = row.get('state');
  const type = row.get('type');
  return (state === undefined || /^(?:nominal|warning|critical|unknown|n\/a)$/i.test(state)) && (type === undefined || !LEGACY_STATE.test(type));
}

/**
 * `-W discretereading` (FreeIPMI's ipmi-sensors-simple-output.c): a discrete record whose SDR gives an analog reading
 * (HP's supplies, in watts) prints the reading and its units, and its states as any discrete record does. The state
 * column is the states' verdict, not the reading's: it gives way where theirs is known, as on any discrete record.
 */
function discreteWithReading(reading: IpmiReading, text: string, events: string[], column: Health | undefined): IpmiReading | undefined {
  const number = parseDecimal(text);
  if (!number) return undefined;
  reading.eventClass = 'discrete';
  reading.value = number.value;
  reading.decimals = printedDecimals(number);
  reading.states = events.filter((event) => event !== 'OK');
  if (columnGivesWay(reading, column)) delete reading.health;
  return reading;
}

/**
 * Whether the state column gives way to the states' own meanings. It is
 * FreeIPMI's interpretation file's verdict, which calls an absent entity
 * Critical; a state whose IPMI meaning is known keeps that meaning, as it
 * does in ipmitool's output, unless the column is worse than FreeIPMI's
 * default for the states: then it knows more (a watchdog's 'Power Cycle' is
 * Critical, a power unit's is not; an operator's interpretation file), and
 * the worse of the two stands. A generic state read by the sensor's name
 * ("PSU1_AC_OK" 'State Asserted') overrides only FreeIPMI's blanket Warning
 * (or Nominal), never its Critical: the name is a guess, and a Critical may
 * come from the vendor's own interpretation.
 */
function columnGivesWay(reading: IpmiReading, column: Health | undefined): boolean {
  if (column === undefined || reading.states.length === 0) return false;
  const nameMayOverride = column === 'ok' || column === 'warning';
  const defaults = reading.states.map((event) => {
    const meaning = stateMeaning(event);
    if (meaning) return freeIpmiDefault(meaning, column);
    return nameMayOverride && meaningOn(reading.name, event, reading) ? column : undefined;
  });
  return defaults.every((health) => health !== undefined) && severity(column) <= Math.max(...defaults.map(severity));
}

/**
 * What FreeIPMI's column would say of a known state, as far as the table
 * tells: a text of one sensor type's table (a supply's, a presence's) stands
 * in for the column, its differences from FreeIPMI's interpretation chosen;
 * a plain one, which several types may share, is its health. FreeIPMI rates
 * some plain texts worse on some types (a fan's 'Transition to On Line'
 * Warning): that column stands, as an operator's would.
 */
function freeIpmiDefault(meaning: StateMeaning, column: Health): Health {
  if (meaning.freeIpmi) return meaning.freeIpmi;
  return (meaning.kind ?? meaning.supply ?? meaning.redundancy) === undefined ? meaning.health : column;
}

/**
 * The digits a reading was printed with; six are C's "%f" (the reading of FreeIPMI 0.7–0.8's ipmimonitoring and of
 * --ipmimonitoring-legacy-output), which says nothing of the sensor's resolution: its significant digits instead.
 */
function printedDecimals(number: PrintedNumber): number {
  return number.decimals === 6 ? significantDecimals(number.value) : number.decimals;
}

/** Sets the analog value; false when the reading field is neither a number nor "N/A". */
function readValue(reading: IpmiReading, text: string, events: string[]): boolean {
  const number = parseDecimal(text);
  if (number) {
    reading.value = number.value;
    reading.decimals = printedDecimals(number);
    readThresholdEvents(reading, events);
    return true;
  }
  if (text !== 'N/A') return false;
  reading.value = null;
  // FreeIPMI prints the event "Unknown" when a reading could not be read.
  reading.unavailable = events.includes('Unknown') ? 'failed' : 'absent';
  delete reading.health;
  return true;
}

/** FreeIPMI's threshold events: "At or Above (>=) Upper Critical Threshold". */
const THRESHOLD_EVENT = /^At or (?:Above|Below) \([<>]=\) (.*) Threshold$/;

/**
 * The worst threshold event ('OK' → ok; "At or Below (<=) Lower Critical
 * Threshold" → critical, lower critical crossed): the threshold it names, and
 * its health where no state column gave one.
 */
function readThresholdEvents(reading: IpmiReading, events: string[]): void {
  let worst: Health | undefined;
  for (const event of events) {
    const match = THRESHOLD_EVENT.exec(event);
    const meaning = event === 'OK' ? 'ok' : match ? statusHealth(match[1] ?? '') : undefined;
    if (!meaning || (worst && worse(worst, meaning) === worst)) continue;
    worst = meaning;
    const crossed = match ? THRESHOLD_NAMES[(match[1] ?? '').toLowerCase()] : undefined;
    if (crossed) reading.crossed = crossed;
  }
  if (reading.health === undefined && worst) reading.health = worst;
}

/** "0060h" → 0x60: `--output-event-bitmask`'s event column. */
function eventBitmask(text: string): number | undefined {
  return /^[0-9a-f]{4}h$/i.test(text) ? Number.parseInt(text.slice(0, 4), 16) : undefined;
}

/** A threshold record's bits (0 at or below lnc, 1 lcr, 2 lnr, 3 at or above unc, 4 ucr, 5 unr) as FreeIPMI's events. */
const THRESHOLD_EVENTS = [
  'At or Below (<=) Lower Non-Critical Threshold', 'At or Below (<=) Lower Critical Threshold',
  'At or Below (<=) Lower Non-Recoverable Threshold', 'At or Above (>=) Upper Non-Critical Threshold',
  'At or Above (>=) Upper Critical Threshold', 'At or Above (>=) Upper Non-Recoverable Threshold',
];

function thresholdEvents(bits: number): string[] {
  const events = THRESHOLD_EVENTS.filter((_, bit) => (bits & (1 << bit)) !== 0);
  return events.length > 0 ? events : ['OK'];
}

/**
 * "'OK'" → ['OK']; "'Presence detected' 'Failure detected'" → both; "N/A" → []. 'NONE' is 'OK': its only source is
 * FreeIPMI 0.8's ipmimonitoring(8), which says it is reported where no event is present (no capture shows it).
 */
function parseEvents(text: string): string[] {
  if (text === 'N/A' || text === '') return [];
  const quoted = [...text.matchAll(/'([^']*)'/g)].map((match) => match[1] ?? '');
  return (quoted.length > 0 ? quoted : [text]).map((event) => (event === 'NONE' ? 'OK' : event));
}
