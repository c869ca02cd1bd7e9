/**
 * `ipmitool sensor` (the threshold table):
 *
 *   name | value | unit | status | lnr | lcr | lnc | unc | ucr | unr
 *
 * Analog values and thresholds are printed "%.3f"; a discrete record prints
 * its raw reading ("0x1") with unit "discrete" and its state bits as the
 * status ("0x0100"); "na" marks a missing value or threshold. A threshold
 * record without an analog data format prints its raw reading in hex ("0x1"),
 * the BMC's threshold status beside it, and the literal "0x-8x" for each
 * threshold (ipmitool's lib/ipmi_sensor.c).
 * Under a locale with a decimal comma the values read "8880,000".
 *
 * `ipmitool -c sensor` (1.8.19 on: lib/ipmi_sensor.c dump_sensor_fc_thredshold_csv, ipmi_sensor_print_fc_discrete)
 * prints the same ten fields joined by commas, the ID string unpadded; a decimal comma makes such a row unreadable.
 */
import type { ThresholdName } from '../../src/model/snapshot.js';
import type { IpmiParseResult, IpmiReading } from './types.js';
import { csvNameSplits, noiseLine, parseDecimal, pipeFieldsNameFirst, readStatus, splitLines } from './text.js';

/** The threshold columns, in order: lnr lcr lnc unc ucr unr. */
const COLUMNS: readonly ThresholdName[] = ['lowerFatal', 'lowerCritical', 'lowerNonCritical', 'upperNonCritical', 'upperCritical', 'upperFatal'];
const STATUS = /^(ok|ns|na|[lu]?(nc|cr|nr)|0x[0-9a-fA-F]{4})$/;

/** Parses `ipmitool sensor` output. */
export function parseSensorTable(text: string): IpmiParseResult {
  const result: IpmiParseResult = { format: 'sensor', readings: [], skipped: [], noise: [] };
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const reading = tableRow(rowFields(raw), line);
    if (reading) result.readings.push(reading);
    else if (raw.trim() !== '') result.noise.push(noiseLine(line, raw, raw.split('|').length >= COLUMN_COUNT ? '|' : ',', COLUMN_COUNT));
  });
  return result;
}

const COLUMN_COUNT = 10;

/** A row's ten fields: pipe-separated, or else `-c sensor`'s, whose name may hold a '|'. */
function rowFields(raw: string): string[] {
  const piped = pipeFieldsNameFirst(raw, COLUMN_COUNT);
  return piped.length === COLUMN_COUNT ? piped : csvFields(raw);
}

/** A value or threshold `-c sensor` prints: "%.3f" (glibc: inf, nan), "0x%x", a discrete record's value as printed, or na. */
const CSV_THRESHOLD = /^(na|-?\d+\.\d{3}|-?(inf|nan)|0x[0-9a-f]+)$/i;

/**
 * A `-c sensor` row's fields, a name holding commas joined (the fields it has too many); none where its thresholds
 * are not six such values (an `-c sdr` row, a decimal comma).
 */
function csvFields(raw: string): string[] {
  for (const fields of csvNameSplits(raw.split(','))) {
    if (fields.length === COLUMN_COUNT && fields.slice(4).every((field) => CSV_THRESHOLD.test(field))) return fields;
  }
  return [];
}

function tableRow(fields: string[], line: number): IpmiReading | undefined {
  const [name, value, unit, status] = fields;
  if (fields.length !== COLUMN_COUNT || !name || value === undefined || unit === undefined || status === undefined || !STATUS.test(status)) {
    return undefined;
  }
  const reading: IpmiReading = { name, unit, states: [], thresholds: {}, line };
  const number = tableNumber(value);
  if (unit === 'discrete') {
    reading.eventClass = 'discrete';
    if (status.startsWith('0x')) {
      reading.rawState = status;
      reading.stateBits = stateBits(status);
    } else if (/^0x[0-9a-fA-F]+$/.test(value)) reading.rawState = value;
    else if (value === 'na') reading.unavailable = 'absent';
    else return undefined;
    return reading;
  }
  reading.eventClass = 'threshold';
  if (number) {
    reading.value = number.value;
    reading.decimals = number.decimals;
    readStatus(reading, status);
  } else if (value === 'na') {
    reading.value = null;
    reading.unavailable = 'absent';
  } else if (/^0x[0-9a-fA-F]+$/.test(value)) {
    // A threshold sensor with no analog reading (ipmitool's dump_sensor_fc_thredshold prints its raw byte in hex):
    // the status column is still the BMC's threshold comparison.
    reading.rawState = value;
    readStatus(reading, status);
  } else {
    return undefined;
  }
  COLUMNS.forEach((name, i) => {
    const threshold = tableNumber(fields[4 + i] ?? '');
    if (threshold) reading.thresholds[name] = threshold.value;
  });
  return reading;
}

/** A "%.3f" value, with a decimal point or (under some locales) a decimal comma. */
function tableNumber(text: string): ReturnType<typeof parseDecimal> {
  return parseDecimal(/^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text);
}

/** "0x0180" → offsets 0-7 from the first byte, 8-14 from the second (its bit 7 is reserved). */
function stateBits(status: string): number {
  const word = Number.parseInt(status.slice(2), 16);
  return (word >> 8) | ((word & 0x7f) << 8);
}
