/**
 * FreeIPMI's verbose `ipmi-sensors -v` / `-vv` (ipmi-sensors-detailed-output.c): one block per record, opened by
 * "Record ID: 4", then "Key: value" lines ("ID String: CPU Temp", "Sensor Type: Temperature (1h)", "Event/Reading
 * Type Code: 1h", the thresholds and declared ranges as "%f %s" or N/A, "Sensor Reading: 33.000000 C", one "Sensor
 * Event: 'OK'" line per event) and a blank line. Before 1.0 (ipmi-sensors-display-common.c) "Group Name" in place of
 * "Sensor Type" ("Group Name: Temperature (1h)" in 0.8), "Nominal reading", NA, and "Sensor Status: [OK]" (the events
 * bracketed, each further one on its own line); before 0.6 "Sensor Name" in place of "ID String". `-vv` adds the
 * decoding factors, the event masks and the locator, entity association and OEM records, which are skipped. Each sensor block is read as
 * the same record's row of `ipmi-sensors --output-sensor-state --output-sensor-thresholds` is, and gains its sensor
 * number, entity and the declared ranges the row does not print.
 */
import type { SensorRanges, ThresholdName } from '../../src/model/snapshot.js';
import { freeIpmiRow, THRESHOLD_COLUMNS, unreadThreshold, type Column } from './freeipmi.js';
import { quoteBracketed } from './freeipmi-legacy.js';
import { parseDecimal, splitLines, THRESHOLD_NAMES } from './text.js';
import type { IpmiParseResult, IpmiReading, SkippedRecord } from './types.js';

/** The line that opens a block. */
export const RECORD_ID = /^Record ID:\s*(\d+)\s*$/;
const KEY_VALUE = /^([A-Za-z][^:]*?):\s?(.*?)\s*$/;
/** A further event of the legacy layout, printed under the first one's brackets. */
const LEGACY_CONTINUATION = /^\s+(\[.*\])\s*$/;

/** The declared ranges, by their key (lower-cased). */
const RANGE_KEYS: Readonly<Record<string, keyof SensorRanges>> = {
  'sensor min. reading': 'minReadable',
  'sensor max. reading': 'maxReadable',
  'normal min.': 'normalMin',
  'normal max.': 'normalMax',
  'nominal reading': 'nominal',
};

interface Block {
  recordId: number;
  line: number;
  fields: Map<string, string>;
  events: string[];
}

/** Parses `ipmi-sensors -v` / `-vv` output. */
export function parseFreeIpmiVerbose(text: string): IpmiParseResult {
  const result: IpmiParseResult = { format: 'freeipmi', readings: [], skipped: [], noise: [] };
  let block: Block | undefined;
  const close = (): void => {
    if (block) finish(block, result);
    block = undefined;
  };
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const opening = RECORD_ID.exec(raw);
    if (opening || raw.trim() === '') {
      close();
      if (opening) block = { recordId: Number(opening[1]), line, fields: new Map(), events: [] };
      return;
    }
    if (block && readLine(block, raw)) return;
    result.noise.push({ line, text: raw });
  });
  close();
  return result;
}

/** Reads one line of a block; false when it is none of its lines. */
function readLine(block: Block, raw: string): boolean {
  const continuation = LEGACY_CONTINUATION.exec(raw);
  if (continuation && block.events.length > 0) {
    block.events.push(continuation[1] ?? '');
    return true;
  }
  const pair = KEY_VALUE.exec(raw);
  if (!pair) return false;
  const key = (pair[1] ?? '').toLowerCase();
  const value = pair[2] ?? '';
  if (key === 'sensor event' || key === 'sensor status') block.events.push(value);
  else block.fields.set(key, value);
  return true;
}

function finish(block: Block, result: IpmiParseResult): void {
  const name = block.fields.get('id string') ?? block.fields.get('sensor name');
  const skipped = skipReason(block, name);
  if (skipped) {
    result.skipped.push({ line: block.line, name: name ?? block.fields.get('device id string') ?? '', reason: skipped });
    return;
  }
  const reading = sensorReading(block, name ?? '');
  if (reading) result.readings.push(reading);
  else result.noise.push({ line: block.line, text: `Record ID: ${block.recordId}`, record: true });
}

/** Why a block is no sensor: a locator's "Device ID String", an OEM or association record, an event-only one. */
function skipReason(block: Block, name: string | undefined): SkippedRecord['reason'] | undefined {
  const type = block.fields.get('record type') ?? '';
  if (/^OEM/i.test(type)) return 'oem';
  if (name === undefined) return 'locator';
  const read = block.events.length > 0 || block.fields.has('sensor reading');
  // Before 0.6 (sensors-verbose-display.c) full and compact records print "Sensor Reading" always (NA where unread),
  // an event-only record none, but its "Sensor Status" ("[Unknown]" where unread).
  const oldEventOnly = block.fields.has('sensor name') && !block.fields.has('sensor reading');
  return /^Event-Only/i.test(type) || !read || oldEventOnly ? 'event-only' : undefined;
}

/** The block as the row `ipmi-sensors --output-sensor-state --output-sensor-thresholds` prints of its record. */
function sensorReading(block: Block, name: string): IpmiReading | undefined {
  const { fields } = block;
  const threshold = /^0*1h$/i.test(fields.get('event/reading type code') ?? '');
  // Before 1.0 ("Group Name") every full record printed "Sensor Reading: %f %s", a discrete one's unit "Unspecified"
  // (ipmi_sensor_units[0]): only a threshold record's means anything. 1.x prints one on threshold records only.
  const read = threshold || !groupNameLayout(fields);
  const value = read ? valueAndUnit(fields.get('sensor reading')) : undefined;
  const unit = value?.unit || (read ? printedUnit(fields) : undefined);
  const readingText = value && (threshold || value.unit) ? value.number : 'N/A';
  const state = fields.get('sensor state') ?? 'N/A';
  const layout: Column[] = ['id', 'name', 'type', 'state', 'reading', 'units', 'event'];
  const row = [
    String(block.recordId), name, sensorType(fields), /^(nominal|warning|critical)$/i.test(state) ? state : 'N/A',
    readingText, unit || (threshold && value ? 'unspecified' : 'N/A'), eventText(block.events),
  ];
  for (const column of THRESHOLD_COLUMNS) {
    layout.push(column);
    row.push(thresholdText(fields, column));
  }
  const reading = freeIpmiRow(layout, row, block.line);
  if (!reading) return undefined;
  if (threshold && reading.eventClass === 'discrete' && reading.value === undefined) unreadThreshold(reading);
  addRecordFields(reading, fields);
  return reading;
}

/** The unit a threshold or range line prints beside its number ("87.000000 C" → "C"), for a record read without a reading. */
function printedUnit(fields: ReadonlyMap<string, string>): string | undefined {
  for (const [key, text] of fields) {
    const unit = key.endsWith('threshold') || key in RANGE_KEYS ? valueAndUnit(text)?.unit : undefined;
    if (unit) return unit;
  }
  return undefined;
}

/**
 * FreeIPMI before 1.0 (0.6 to 0.8 "ID String", older "Sensor Name"), whose blocks print "Group Name" where 1.x prints
 * "Sensor Type": it printed every full record's reading, and the nominal and normal values with no check that the
 * record specifies them (ipmi_sdr_parse_sensor_reading_ranges_specified came with 1.x), an unspecified one as
 * "0.000000 C".
 */
function groupNameLayout(fields: ReadonlyMap<string, string>): boolean {
  return fields.has('group name') && !fields.has('sensor type');
}

/** "33.000000 C" → its number and unit; N/A, NA or no line → undefined. */
function valueAndUnit(text: string | undefined): { number: string; unit: string } | undefined {
  const match = /^(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(text ?? '');
  return match ? { number: match[1] ?? '', unit: match[2] ?? '' } : undefined;
}

/** "Temperature (1h)" → "Temperature"; before 0.8 the "Group Name". */
function sensorType(fields: ReadonlyMap<string, string>): string {
  const type = fields.get('sensor type') ?? fields.get('group name') ?? '';
  return type.replace(/\s*\([0-9a-f]+h\)$/i, '') || 'N/A';
}

/** The events as the row prints them: "'A' 'B'", a bitmask ("0060h"), N/A or Unknown; the legacy "[A][B]" quoted. */
function eventText(events: readonly string[]): string {
  const texts = events.flatMap((event) => quoteBracketed(event) ?? [event]);
  if (texts.length === 0 || texts.every((text) => ['N/A', 'NA', "'N/A'", "'NA'"].includes(text))) return 'N/A';
  return texts.join(' ');
}

/** A threshold's number as the row prints it ("87.000000"), or N/A. */
function thresholdText(fields: ReadonlyMap<string, string>, column: ThresholdName): string {
  for (const [key, text] of fields) {
    const name = key.endsWith(' threshold') ? THRESHOLD_NAMES[key.slice(0, -' threshold'.length)] : undefined;
    if (name === column) return valueAndUnit(text)?.number ?? 'N/A';
  }
  return 'N/A';
}

/** The sensor number, the entity and the declared ranges, which only the verbose block prints. */
function addRecordFields(reading: IpmiReading, fields: ReadonlyMap<string, string>): void {
  const number = /^\d+$/.test(fields.get('sensor number') ?? '') ? Number(fields.get('sensor number')) : undefined;
  if (number !== undefined) reading.number = number;
  // 1.x prints "Entity ID: processor (3)", 0.8's -vv "Entity ID: %u".
  const entity = /(?:\((\d+)\)|^(\d+))$/.exec(fields.get('entity id') ?? '');
  const instance = fields.get('entity instance') ?? '';
  if (entity && /^\d+$/.test(instance)) reading.entity = { id: Number(entity[1] ?? entity[2]), instance: Number(instance) };
  if (reading.eventClass !== 'threshold') return;
  const unconditional = groupNameLayout(fields);
  const unspecified = unspecifiedBounds(fields);
  for (const [key, range] of Object.entries(RANGE_KEYS)) {
    if (unconditional && range !== 'minReadable' && range !== 'maxReadable') continue;
    const number = parseDecimal(valueAndUnit(fields.get(key))?.number ?? '');
    if (number && !unspecified(range, number.value)) (reading.ranges ??= {})[range] = number.value;
  }
}

/** The raw bytes that leave a record's sensor minimum and maximum reading unspecified, by analog data format. */
const UNSPECIFIED_RAW: Readonly<Record<string, { minReadable: number; maxReadable: number }>> = {
  '0': { minReadable: 0, maxReadable: 255 },
  // 1's complement: 0xFF is -0, 0x00 is 0.
  '1': { minReadable: 0, maxReadable: 0 },
  '2': { minReadable: -128, maxReadable: 127 },
};

/**
 * Which printed sensor minimum or maximum reading is one ipmitool's `sdr -v` calls "Unspecified"
 * (`ipmi_sdr_print_sensor_fc`): a bound that converts to 0, or the unspecified raw byte of the record's analog data
 * format, converted. FreeIPMI prints both bounds converted whatever the bytes; only `-vv` prints the factors ("M: 1",
 * "B: 0", "R Exponent", "B Exponent", "Linearization", "Analog Data Format: 2's complement (2h)") that tell the byte.
 * Without them (`-v`) a pair spanning a two's complement byte whole (-128k and 127k: -128 and 127 for M = 1) is taken
 * for its unspecified bytes; an unsigned byte's whole span (0 and 255k) cannot be told from a declared one without M,
 * and its maximum is kept. A non-linear record's bytes cannot be told either.
 */
function unspecifiedBounds(fields: ReadonlyMap<string, string>): (range: keyof SensorRanges, value: number) => boolean {
  const printed = (key: string): number | undefined => parseDecimal(valueAndUnit(fields.get(key))?.number ?? '')?.value;
  const format = /\(([0-9a-f]+)h\)$/i.exec(fields.get('analog data format') ?? '')?.[1];
  const factors = ['m', 'b', 'r exponent', 'b exponent'].map((key) => Number.parseInt(fields.get(key) ?? '', 10));
  const raw = format === undefined ? undefined : UNSPECIFIED_RAW[format];
  const [m = NaN, b = NaN, rExp = NaN, bExp = NaN] = factors;
  const known = raw !== undefined && !factors.some(Number.isNaN);
  const linear = /^linear\b/i.test(fields.get('linearization') ?? '');
  const [min, max] = [printed('sensor min. reading'), printed('sensor max. reading')];
  const twosComplementSpan = !known && min !== undefined && max !== undefined && max > 0 && near(min, (-128 * max) / 127);
  return (range, value) => {
    if (range !== 'minReadable' && range !== 'maxReadable') return false;
    if (value === 0) return true;
    if (!known) return twosComplementSpan;
    return linear && near(value, (m * raw[range] + b * 10 ** bExp) * 10 ** rExp);
  };
}

/** Equal as two values converted from the same raw byte and printed with "%f" are. */
function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
}
