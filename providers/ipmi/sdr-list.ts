/**
 * ipmitool's one-line-per-record SDR layouts:
 *
 *   sdr list    `%-16s | %-17s | status`                      (name | reading | status)
 *   sdr elist   `%-16s | %02Xh | %-3s | %2d.%1d | reading`     (also `sdr type X`, `sdr entity X`,
 *                                                              `sdr elist full|compact|all`)
 *
 * A reading is "<value> <unit>" for analog records, "0x%02x" (list) or the
 * asserted states joined by ", " (elist) for discrete ones, possibly both
 * ("110 Watts, Presence detected"), empty when nothing is asserted, or one of
 * "No Reading" / "no reading" / "Not Readable" / "Disabled". Locator and
 * event-only records are reported as skipped; any other line is noise.
 *
 * With `-c`, every `sdr` command prints the same comma-separated layout:
 *
 *   threshold record      name,value,unit,status         (`name,,,ns` when unreadable)
 *   discrete record       name,NNh,ok|ns,E.I,states      (states joined by ", "; "No Reading")
 *   discrete with value   name,value,unit,ok,E.I,states
 *
 * `-v` appends 14 fields to a threshold record's row (lib/ipmi_sdr.c,
 * `ipmi_sdr_print_sensor_fc`): E.I, entity name, sensor type, then nominal,
 * normal min, normal max, unr, ucr, unc, lnr, lcr, lnc, sensor min, sensor max
 * ("%.3f", "0x%02X" for discrete units, or empty); the status then names the threshold in words ("Upper Critical").
 * The nominal and normal values are printed only where the record specifies them (its analog characteristic flags);
 * the sensor min and max always, converted even where the record leaves them unspecified (raw 00h/FFh), which `sdr -v`
 * prints "Unspecified": they are not read.
 *
 * Every layout prints the ID string unescaped, and it may hold the separator: a '|' is read by counting the other
 * columns from the right (pipeFieldsNameFirst), a comma by joining the fields a `-c` row has too many to the name
 * (csvNameSplits); either way the name fits an ID string's 16 characters.
 */
import type { SensorRanges, ThresholdName } from '../../src/model/snapshot.js';
import type { IpmiParseResult, IpmiReading, SkippedRecord } from './types.js';
import { csvNameSplits, ipmitoolUnitsStartingWith, isIpmitoolUnit, noiseLine, parseDecimal, pipeFieldsNameFirst, readStatus, splitLines } from './text.js';
import { splitStates } from './states.js';
import { kindByName } from './units.js';

const STATUS = /^(ok|ns|na|[lu]?(nc|cr|nr))$/;
const SENSOR_NUMBER = /^([0-9A-Fa-f]{2})h$/;
const ENTITY = /^(\d+)\.(\d+)$/;

/** "4704 RPM", "-58 degrees C", "12.04 Volts": an analog value with a known unit. */
export function parseAnalog(text: string): { value: number; decimals: number; unit: string } | undefined {
  const space = text.indexOf(' ');
  if (space < 0) return undefined;
  const number = parseDecimal(text.slice(0, space));
  const unit = text.slice(space + 1).trim();
  if (!number || !isIpmitoolUnit(unit)) return undefined;
  return { value: number.value, decimals: number.decimals, unit };
}

/** The unavailable-reading words of the list layouts, and what they mean. */
function unavailableWord(text: string): IpmiReading['unavailable'] {
  const word = text.toLowerCase();
  if (word === 'no reading' || word === 'not readable' || word === 'na') return 'absent';
  if (word === 'disabled') return 'disabled';
  return undefined;
}

const LIST_SKIPPED: ReadonlyArray<[RegExp, SkippedRecord['reason']]> = [
  [/^(Static|Dynamic) MC @ [0-9A-Fa-f]{2}h/, 'locator'],
  [/^Generic @/, 'locator'],
  [/^(Log|Phy) FRU @/, 'locator'],
  [/^Event-Only$/, 'event-only'],
  [/^(PS@|Not Available$)/, 'oem'], // Intel "Power Redundancy" OEM record
];

const ELIST_SKIPPED: ReadonlyArray<[RegExp, SkippedRecord['reason']]> = [
  [/^(Static|Dynamic) MC @ [0-9A-Fa-f]{2}h/, 'locator'],
  [/^Generic Device @/, 'locator'],
  [/^(Logical|Physical) FRU @/, 'locator'],
  [/^Event-Only$/, 'event-only'],
];

function skipReason(table: ReadonlyArray<[RegExp, SkippedRecord['reason']]>, reading: string): SkippedRecord['reason'] | undefined {
  return table.find(([pattern]) => pattern.test(reading))?.[1];
}

/** Parses `ipmitool sdr list` output. */
export function parseSdrList(text: string): IpmiParseResult {
  const result: IpmiParseResult = { format: 'sdr-list', readings: [], skipped: [], noise: [] };
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const fields = pipeFieldsNameFirst(raw, 3);
    const [name, value, status] = fields;
    if (fields.length !== 3 || !name || value === undefined || status === undefined || !STATUS.test(status)) {
      if (raw.trim() !== '') result.noise.push(noiseLine(line, raw, '|', 3));
      return;
    }
    const reason = skipReason(LIST_SKIPPED, value);
    if (reason) {
      result.skipped.push({ line, name, reason });
      return;
    }
    const reading = listReading(name, value, status, line);
    if (reading) result.readings.push(reading);
    else result.noise.push(noiseLine(line, raw, '|', 3));
  });
  return result;
}

/**
 * `sdr list`, and `sdr elist` a threshold record's, prints a reading through a 16-byte buffer: value and unit are
 * cut at 15 characters ("34.89 unspecifi", an HP fan block's duty cycle), or at 14 once trimmed where the 15th is
 * the space inside a unit ("100.50 degrees " of 100.50 degrees C). A cut unit that only one unit name starts with
 * is that unit; "degrees" (C, F or K) is degrees C where the name says temperature, marked `unitFromCut` so a
 * listing that prints the unit whole (`sensor`) wins in a merge; any other cut stays unread. A cut after the "% " of a
 * percentage-flagged unit ("54.50 % degrees") is read so too, the flag kept.
 */
const LIST_READING_WIDTH = 15;

type Analog = NonNullable<ReturnType<typeof parseAnalog>> & Pick<IpmiReading, 'unitFromCut'>;

function parseListAnalog(value: string, name: string): Analog | undefined {
  const analog = parseAnalog(value);
  const space = value.indexOf(' ');
  if (analog || space < 0) return analog;
  const cut = cutUnit(value.slice(space + 1), value.length);
  if (cut === undefined) return undefined;
  // ipmi_sdr_get_unit_string's "% " (the SDR's percentage flag) comes before the unit the cut is of.
  const flag = cut.startsWith(PERCENT_FLAG) ? PERCENT_FLAG : '';
  const units = ipmitoolUnitsStartingWith(cut.slice(flag.length));
  const number = value.slice(0, space);
  if (units.length === 1) return parseAnalog(`${number} ${flag}${units[0]}`);
  if (units.length === 0 || !units.every((unit) => unit.startsWith('degrees ')) || kindByName(name)?.kind !== 'temperature') return undefined;
  const celsius = parseAnalog(`${number} ${flag}degrees C`);
  return celsius && { ...celsius, unitFromCut: true };
}

const PERCENT_FLAG = '% ';

/** The start of the unit a cut reading printed, with the space trimming took from a 14-character one. */
function cutUnit(unit: string, length: number): string | undefined {
  if (length === LIST_READING_WIDTH) return unit;
  return length === LIST_READING_WIDTH - 1 ? `${unit} ` : undefined;
}

function listReading(name: string, value: string, status: string, line: number): IpmiReading | undefined {
  const reading: IpmiReading = { name, states: [], thresholds: {}, line };
  const analog = parseListAnalog(value, name);
  const unavailable = unavailableWord(value);
  if (analog) {
    Object.assign(reading, analog);
    readStatus(reading, status);
  } else if (/^0x[0-9a-f]+$/i.test(value)) {
    reading.rawState = value;
    // A threshold record without an analog reading prints its raw byte and its threshold status (others: ok or ns).
    if (THRESHOLD_VERDICT.test(status)) readStatus(reading, status);
  } else if (unavailable) {
    reading.unavailable = unavailable;
  } else {
    return undefined;
  }
  return reading;
}

/** Parses `ipmitool sdr elist` / `sdr type X` / `sdr entity X` output. */
export function parseSdrElist(text: string): IpmiParseResult {
  const result: IpmiParseResult = { format: 'sdr-elist', readings: [], skipped: [], noise: [] };
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const fields = pipeFieldsNameFirst(raw, 5);
    const [name, number, status, entity, value] = fields;
    const numberMatch = SENSOR_NUMBER.exec(number ?? '');
    const entityMatch = ENTITY.exec(entity ?? '');
    if (fields.length !== 5 || name === undefined || value === undefined || !numberMatch || !entityMatch || !STATUS.test(status ?? '')) {
      if (raw.trim() !== '') result.noise.push(noiseLine(line, raw, '|', 5));
      return;
    }
    const reason = skipReason(ELIST_SKIPPED, value);
    if (reason || name === '') {
      result.skipped.push({ line, name, reason: reason ?? 'locator' });
      return;
    }
    const reading: IpmiReading = {
      name,
      number: Number.parseInt(numberMatch[1] ?? '', 16),
      entity: { id: Number(entityMatch[1]), instance: Number(entityMatch[2]) },
      states: [],
      thresholds: {},
      line,
    };
    if (readElistValue(reading, value, status ?? '')) result.readings.push(reading);
    else result.noise.push(noiseLine(line, raw, '|', 5));
  });
  return result;
}

/** Parses `ipmitool -c [-v] sdr list|elist|type X|entity X` output. */
export function parseSdrCsv(text: string): IpmiParseResult {
  const result: IpmiParseResult = { format: 'sdr-csv', readings: [], skipped: [], noise: [] };
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const fields = raw.split(',');
    const tail = verboseTail(fields);
    const row = tail ? fields.slice(0, -VERBOSE_TAIL) : fields;
    const record = csvRecord(row, line, tail ? VERBOSE_STATUS : STATUS);
    if (record && tail) readVerboseTail(record.reading, record.csvRow, tail);
    if (record) result.readings.push(record.reading);
    else if (raw.trim() !== '') result.noise.push(noiseLine(line, raw, ',', 4));
  });
  return result;
}

const VERBOSE_TAIL = 14;
/** The tail's threshold columns, from its fourth field on: nominal, normal min and max come first. */
const VERBOSE_THRESHOLDS: ReadonlyArray<ThresholdName | undefined> = [
  undefined, undefined, undefined, 'upperFatal', 'upperCritical', 'upperNonCritical', 'lowerFatal', 'lowerCritical', 'lowerNonCritical',
];
/** The tail's range columns, from its fourth field on: nominal, normal min, normal max. */
const VERBOSE_RANGES: readonly (keyof SensorRanges)[] = ['nominal', 'normalMin', 'normalMax'];
/** "%.3f" (glibc prints an infinite or undefined result inf, -inf, nan, -nan) or "0x%02X", or empty. */
const VERBOSE_NUMBER = /^(-?\d+\.\d{3}|-?(inf|nan)|0x[0-9A-F]{2})?$/;
/**
 * With -v ipmi_sdr_get_thresh_status (lib/ipmi_sdr.c) names the threshold in words ("Upper Critical",
 * "Lower Non-Recoverable"); ok and ns stay.
 */
const VERBOSE_STATUS = /^(ok|ns|(Lower|Upper) (Non-Critical|Critical|Non-Recoverable))$/;

/** `-v`'s fields after a threshold record's row; undefined when the row has none. */
function verboseTail(fields: string[]): string[] | undefined {
  if (fields.length < 4 + VERBOSE_TAIL) return undefined;
  const tail = fields.slice(-VERBOSE_TAIL);
  return ENTITY.test(tail[0] ?? '') && tail.slice(3).every((field) => VERBOSE_NUMBER.test(field)) ? tail : undefined;
}

/** The entity, sensor type, thresholds and specified ranges `-v` prints for a threshold record; "0x.." ones are raw bytes, not values. */
function readVerboseTail(reading: IpmiReading, row: string[], tail: string[]): void {
  const [id, instance] = (tail[0] ?? '').split('.').map(Number);
  reading.entity = { id: id ?? 0, instance: instance ?? 0 };
  if (tail[2]) reading.sensorType = tail[2];
  if (row.length !== 4) return; // a threshold record without an analog reading prints its states as a discrete one
  reading.eventClass = 'threshold';
  VERBOSE_THRESHOLDS.forEach((threshold, i) => {
    const number = threshold ? parseDecimal(tail[3 + i] ?? '') : undefined;
    if (threshold && number) reading.thresholds[threshold] = number.value;
  });
  VERBOSE_RANGES.forEach((range, i) => {
    const number = parseDecimal(tail[3 + i] ?? '');
    if (number) (reading.ranges ??= {})[range] = number.value;
  });
}

/**
 * A `-c` row's record, with the fields as read (the name joined). ipmitool prints the ID string as the SDR holds it:
 * trailing blanks, which the other layouts' padding hides (the name is trimmed), and commas, which add fields.
 */
function csvRecord(fields: readonly string[], line: number, status: RegExp): { reading: IpmiReading; csvRow: string[] } | undefined {
  for (const row of csvNameSplits(fields)) {
    const reading = csvReading(row, line, status);
    if (reading) return { reading, csvRow: row };
  }
  return undefined;
}

function csvReading(fields: string[], line: number, status: RegExp): IpmiReading | undefined {
  const [name = '', second = '', third = '', fourth = '', fifth = ''] = fields;
  if (name === '') return undefined;
  const number = SENSOR_NUMBER.exec(second);
  if (number && fields.length >= 5 && /^(ok|ns)$/.test(third) && ENTITY.test(fourth)) {
    return csvDiscrete(name, Number.parseInt(number[1] ?? '', 16), fourth, fields.slice(4).join(','), third, line);
  }
  const analog = `${second} ${third}`;
  if (fourth === 'ok' && ENTITY.test(fifth) && parseAnalog(analog)) {
    const states = fields.slice(5).join(',');
    return csvDiscrete(name, undefined, fifth, states === '' ? analog : `${analog}, ${states}`, 'ok', line);
  }
  if (fields.length !== 4 || !status.test(fourth)) return undefined;
  return listReading(name, second === '' && third === '' ? 'no reading' : analog, fourth, line);
}

function csvDiscrete(name: string, number: number | undefined, entity: string, value: string, status: string, line: number): IpmiReading | undefined {
  const [id, instance] = entity.split('.').map(Number);
  const reading: IpmiReading = { name, entity: { id: id ?? 0, instance: instance ?? 0 }, states: [], thresholds: {}, line };
  if (number !== undefined) reading.number = number;
  return readElistValue(reading, value, status) ? reading : undefined;
}

/** A reading cut at `sdr elist`'s 15 characters whose unit could not be told ("54.50 % degrees" of no temperature). */
function isCutReading(value: string): boolean {
  return (value.length === LIST_READING_WIDTH || value.length === LIST_READING_WIDTH - 1) && /^[-+]?\d+(?:\.\d+)? \S/.test(value);
}

/** Reads an elist (or `-c`) record's reading; false where it is a cut analog reading whose unit is not told. */
function readElistValue(reading: IpmiReading, value: string, status: string): boolean {
  const unavailable = unavailableWord(value);
  // Scanning disabled is "ns | Disabled"; "ok | Disabled" is a state: ipmitool's name for a processor's offset 8
  // (Processor disabled) and for Entity Presence's offset 2 (an OpenBMC's "cpu0_core1 | 15h | ok | 208.2 | Disabled").
  if (unavailable && !(unavailable === 'disabled' && status.trim().toLowerCase() === 'ok')) {
    reading.unavailable = unavailable;
    return true;
  }
  const comma = value.indexOf(', ');
  const analog = parseListAnalog(comma < 0 ? value : value.slice(0, comma), reading.name);
  if (analog) {
    Object.assign(reading, analog);
    readStatus(reading, status);
    if (comma >= 0) reading.states = splitStates(value.slice(comma + 2));
  } else if (isCutReading(value)) {
    return false;
  } else if (/^0x[0-9a-f]+$/i.test(value)) {
    reading.rawState = value; // an OEM record with no state texts
  } else if (THRESHOLD_VERDICT.test(status.trim())) {
    // A threshold record without an analog reading ("VRD Hot"): elist prints its comparison bits as the generic
    // threshold events of the same offsets (lcr's bit 1 as "Lower Non-critical going high"), which name the wrong
    // threshold; the status names the right one.
    readStatus(reading, status);
  } else {
    const states = splitStates(value);
    const comparison = comparisonStatus(states);
    if (comparison) readStatus(reading, comparison);
    else reading.states = states;
  }
  return true;
}

/**
 * ipmitool's generic threshold event texts by offset (include/ipmitool/ipmi_sel.h, generic_event_types, event type
 * 01h). A threshold record without an analog reading prints its comparison byte through them
 * (ipmi_sdr_print_discrete_state_mini with the record's event type): bit n comes out as the text of offset n. Under
 * `-c` that is all it states: print_csv_discrete prints "ok" whatever the comparison says.
 */
const THRESHOLD_EVENT_TEXTS = [
  'Lower Non-critical going low', 'Lower Non-critical going high', 'Lower Critical going low', 'Lower Critical going high',
  'Lower Non-recoverable going low', 'Lower Non-recoverable going high', 'Upper Non-critical going low',
  'Upper Non-critical going high', 'Upper Critical going low', 'Upper Critical going high',
  'Upper Non-recoverable going low', 'Upper Non-recoverable going high',
];
/**
 * The comparison bits (SDR_SENSOR_STAT_*: 0 lnc, 1 lcr, 2 lnr, 3 unc, 4 ucr, 5 unr) in the order
 * ipmi_sdr_get_thresh_status tests them, worst first; it reads no other bit, and neither does this.
 */
const COMPARISON_ORDER: ReadonlyArray<[number, string]> = [[2, 'lnr'], [5, 'unr'], [1, 'lcr'], [4, 'ucr'], [0, 'lnc'], [3, 'unc']];

/** The status ipmitool would print for states that are all threshold event texts (its comparison bits); else undefined. */
function comparisonStatus(states: string[]): string | undefined {
  const offsets = states.map((state) => THRESHOLD_EVENT_TEXTS.indexOf(state));
  if (states.length === 0 || offsets.some((offset) => offset < 0)) return undefined;
  return COMPARISON_ORDER.find(([bit]) => offsets.includes(bit))?.[1] ?? 'ok';
}

/** A threshold comparison past a threshold: only threshold records print one (others print ok or ns). */
const THRESHOLD_VERDICT = /^[lu]?(nc|cr|nr)$/;
