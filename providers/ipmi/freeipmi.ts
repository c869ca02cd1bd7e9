/**
 * FreeIPMI's sensor layouts: `ipmi-sensors` (default, `--output-sensor-state`,
 * `--output-sensor-thresholds`, both) as a padded pipe table or with
 * `--comma-separated-output`, and `ipmimonitoring` (the state layout; also
 * FreeIPMI 0.7–0.8's, headed "Record_ID | Sensor Name | Sensor Group |
 * Monitoring Status | Sensor Units | Sensor Reading", whose reading column
 * holds a discrete record's events). Columns are found by the header line;
 * without one (`--no-header-output`) by their count (6, 7, 12 or 13).
 * Readings print with two decimals, "N/A" when absent; events are
 * single-quoted ('OK', 'Presence detected') and several events are separated
 * by spaces.
 */
import type { Health, ThresholdName } from '../../src/model/snapshot.js';
import type { IpmiParseResult, IpmiReading } from './types.js';
import { parseDecimal, splitLines, statusHealth, THRESHOLD_NAMES } from './text.js';
import { worse } from './states.js';

type Column = 'id' | 'name' | 'type' | 'state' | 'reading' | 'units' | 'event' | ThresholdName;

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
  // FreeIPMI's threshold columns are headed "Lower NR" … "Upper NR".
  ...THRESHOLD_NAMES,
};

const THRESHOLD_COLUMNS: readonly ThresholdName[] = ['lowerFatal', 'lowerCritical', 'lowerNonCritical', 'upperNonCritical', 'upperCritical', 'upperFatal'];

/** Header-less layouts by column count. */
const LAYOUTS: Readonly<Record<number, readonly Column[]>> = {
  6: ['id', 'name', 'type', 'reading', 'units', 'event'],
  7: ['id', 'name', 'type', 'state', 'reading', 'units', 'event'],
  12: ['id', 'name', 'type', 'reading', 'units', ...THRESHOLD_COLUMNS, 'event'],
  13: ['id', 'name', 'type', 'state', 'reading', 'units', ...THRESHOLD_COLUMNS, 'event'],
};

/** Splits on `separator` outside single-quoted event texts, trimming each field. */
export function splitRow(line: string, separator: ',' | '|'): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const char of line) {
    if (char === "'") quoted = !quoted;
    if (char === separator && !quoted) {
      fields.push(field.trim());
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field.trim());
  return fields;
}

/** The header's columns, or undefined when `fields` is not a header. */
function headerColumns(fields: string[]): Column[] | undefined {
  const columns = fields.map((field) => HEADER_NAMES[field.toLowerCase()]);
  if (columns[0] !== 'id' || !columns.includes('name') || columns.some((column) => column === undefined)) return undefined;
  return columns as Column[];
}

/** Parses FreeIPMI `ipmi-sensors` / `ipmimonitoring` output. */
export function parseFreeIpmiSensors(text: string): IpmiParseResult {
  const result: IpmiParseResult = { format: 'freeipmi', readings: [], skipped: [], noise: [] };
  let columns: Column[] | undefined;
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const separator = raw.includes('|') ? '|' : ',';
    const fields = splitRow(raw, separator);
    const header = headerColumns(fields);
    if (header) {
      columns = header;
      return;
    }
    const layout = columns ?? LAYOUTS[fields.length];
    const reading = layout && layout.length === fields.length ? freeIpmiRow(layout, fields, line) : undefined;
    if (reading) result.readings.push(reading);
    else result.noise.push({ line, text: raw });
  });
  return result;
}

function freeIpmiRow(layout: readonly Column[], fields: string[], line: number): IpmiReading | undefined {
  const row = new Map<Column, string>(layout.map((column, i) => [column, fields[i] ?? '']));
  const id = row.get('id') ?? '';
  const name = row.get('name') ?? '';
  if (!/^\d+$/.test(id) || name === '') return undefined;
  const reading: IpmiReading = { name, recordId: Number(id), states: [], thresholds: {}, line };
  const type = row.get('type');
  if (type && type !== 'N/A') reading.sensorType = type;
  const readingText = row.get('reading') ?? 'N/A';
  const eventText = row.get('event') ?? (readingText.startsWith("'") ? readingText : 'N/A');
  const events = parseEvents(eventText);
  const units = row.get('units') ?? 'N/A';
  const state = statusHealth(row.get('state') ?? 'N/A');
  if (state) reading.health = state;
  if (units === 'N/A' || units === '') {
    reading.eventClass = 'discrete';
    // No event and no state: FreeIPMI could not read the sensor (an empty slot's), which asserts nothing healthy.
    if (eventText === 'N/A' && state === undefined) reading.unavailable = 'absent';
    reading.states = events.filter((event) => event !== 'OK');
    return reading;
  }
  reading.eventClass = 'threshold';
  reading.unit = units;
  if (!readValue(reading, readingText, events)) return undefined;
  for (const threshold of THRESHOLD_COLUMNS) {
    const number = parseDecimal(row.get(threshold) ?? 'N/A');
    if (number) reading.thresholds[threshold] = number.value;
  }
  return reading;
}

/** Sets the analog value; false when the reading field is neither a number nor "N/A". */
function readValue(reading: IpmiReading, text: string, events: string[]): boolean {
  const number = parseDecimal(text);
  if (number) {
    reading.value = number.value;
    reading.decimals = number.decimals;
    reading.health ??= thresholdEventHealth(events);
    return true;
  }
  if (text !== 'N/A') return false;
  reading.value = null;
  // FreeIPMI prints the event "Unknown" when a reading could not be read.
  reading.unavailable = events.includes('Unknown') ? 'failed' : 'absent';
  delete reading.health;
  return true;
}

/** 'OK' → ok; "At or Below (<=) Lower Critical Threshold" → critical; the worst of several. */
function thresholdEventHealth(events: string[]): Health | undefined {
  let health: Health | undefined;
  for (const event of events) {
    const match = /^At or (?:Above|Below) \([<>]=\) (.*) Threshold$/.exec(event);
    const meaning = event === 'OK' ? 'ok' : match ? statusHealth(match[1] ?? '') : undefined;
    if (meaning) health = health ? worse(health, meaning) : meaning;
  }
  return health;
}

/** "'OK'" → ['OK']; "'Presence detected' 'Failure detected'" → both; "N/A" → []. */
function parseEvents(text: string): string[] {
  if (text === 'N/A' || text === '') return [];
  const quoted = [...text.matchAll(/'([^']*)'/g)].map((match) => match[1] ?? '');
  return quoted.length > 0 ? quoted : [text];
}
