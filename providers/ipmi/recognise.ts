/**
 * Recognises a tool's output from the text itself, for recordings (`sdrFile`,
 * `sensorFile`, `fruFile`) whose command line is not known: FRU and DCMI
 * output by their opening lines, the sensor layouts by parsing with each and
 * keeping the one that reads the most records (the layouts share no record
 * syntax, so the others read none).
 */
import { IpmiError } from './errors.js';
import { parseDcmiPowerReading } from './dcmi.js';
import { parseFreeIpmiSensors, SEL_ROW } from './freeipmi.js';
import { LEGACY_LINE, parseFreeIpmiLegacy } from './freeipmi-legacy.js';
import { parseFreeIpmiVerbose, RECORD_ID } from './freeipmi-verbose.js';
import { parseFru } from './fru.js';
import { parseSdrCsv, parseSdrElist, parseSdrList } from './sdr-list.js';
import { parseSdrVerbose } from './sdr-verbose.js';
import { parseSensorTable } from './sensor-table.js';
import { splitLines } from './text.js';
import type { DcmiPowerReading, FruParseResult, IpmiFormat, IpmiParseResult } from './types.js';

/** The layouts that list sensors. */
export type SensorFormat = Exclude<IpmiFormat, 'fru' | 'dcmi-power'>;

/** The records a parse read: its readings and the records it knows for no sensor. */
function recordCount(result: IpmiParseResult): number {
  return result.readings.length + result.skipped.length;
}

/** The result that read the most records, the first of equals; undefined when none read one. */
function mostRecords(results: readonly IpmiParseResult[]): IpmiParseResult | undefined {
  let best: IpmiParseResult | undefined;
  for (const result of results) {
    if (recordCount(result) > (best ? recordCount(best) : 0)) best = result;
  }
  return best;
}

/**
 * Parses any FreeIPMI sensor output: the verbose blocks, the legacy lines or the column layouts, whichever reads the
 * most records, so a stray line of one layout (an error "1: ipmi_cmd_get_sensor_reading (x): y" beside a CSV, a
 * "Record ID: 4" in a table's name) does not decide for the whole text. Where none reads a record, the layout one of
 * whose lines the text holds tells its errors.
 */
export function parseFreeIpmiOutput(text: string): IpmiParseResult {
  const lines = splitLines(text);
  const verbose = parseFreeIpmiVerbose(text);
  const legacy = parseFreeIpmiLegacy(text);
  const columns = parseFreeIpmiSensors(text);
  const hint = (pattern: RegExp): boolean => lines.some((line) => pattern.test(line));
  const hinted = hint(RECORD_ID) ? verbose : hint(LEGACY_LINE) ? legacy : columns;
  return mostRecords([hinted, verbose, legacy, columns]) ?? hinted;
}

export const SENSOR_PARSERS: Readonly<Record<SensorFormat, (text: string) => IpmiParseResult>> = {
  'sdr-list': parseSdrList,
  'sdr-elist': parseSdrElist,
  'sdr-csv': parseSdrCsv,
  'sdr-verbose': parseSdrVerbose,
  sensor: parseSensorTable,
  freeipmi: parseFreeIpmiOutput,
};

const FRU_OPENING = /^FRU Device Description\s*:/;
/** ipmitool's `dcmi power reading`, or FreeIPMI's `ipmi-dcmi --get-system-power-statistics`. */
const DCMI_OPENING = /^\s*(?:Instantaneous power reading|Current Power)\s*:/i;

/** Parses with every sensor layout and keeps the best; undefined when none reads a record. */
function bestSensorParse(text: string): IpmiParseResult | undefined {
  return mostRecords(Object.values(SENSOR_PARSERS).map((parse) => parse(text)));
}

/** The layout of a tool's output, or undefined when it is none the parsers know. */
export function detectFormat(text: string): IpmiFormat | undefined {
  const lines = splitLines(text);
  if (lines.some((line) => FRU_OPENING.test(line))) return 'fru';
  if (lines.some((line) => DCMI_OPENING.test(line))) return 'dcmi-power';
  return bestSensorParse(text)?.format;
}

/** Outputs of the tools that are known and are no sensor listing: the System Event Log of `ipmi-sel` and `ipmitool sel list`. */
const UNREAD_LAYOUTS: ReadonlyArray<[RegExp, string]> = [
  // Its past events are no sensor's current state.
  [SEL_ROW, 'the System Event Log (`ipmi-sel`, `ipmitool sel list`), not a sensor listing: record `ipmitool sdr elist` or `ipmi-sensors` instead'],
];

function unrecognised(text: string, what: string): IpmiError {
  const lines = splitLines(text);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return new IpmiError('NO_RECORDS', `${what} is empty`);
  for (const [opening, layout] of UNREAD_LAYOUTS) {
    const line = lines.findIndex((text) => opening.test(text));
    if (line >= 0) return new IpmiError('UNRECOGNISED_FORMAT', `${what} is ${layout}`, { line: line + 1 });
  }
  return new IpmiError('UNRECOGNISED_FORMAT', `${what} is not output of a known ipmitool or FreeIPMI command: "${lines[first]?.slice(0, 80)}"`, {
    line: first + 1,
  });
}

/** Parses any sensor layout, recognised from the text; throws an `IpmiError` when none fits. */
export function parseSensorOutput(text: string, what = 'the output'): IpmiParseResult {
  const format = detectFormat(text);
  if (format === 'fru' || format === 'dcmi-power') {
    throw new IpmiError('WRONG_FORMAT', `${what} is ${format === 'fru' ? '`fru print`' : '`dcmi power reading`'} output, not a sensor listing`);
  }
  const result = bestSensorParse(text);
  if (!result) throw unrecognised(text, what);
  return result;
}

/** Parses any output the provider knows, recognised from the text. */
export function parseIpmiOutput(text: string, what = 'the output'): IpmiParseResult | FruParseResult | DcmiPowerReading {
  const format = detectFormat(text);
  if (format === 'fru') return parseFru(text);
  if (format === 'dcmi-power') return parseDcmiPowerReading(text);
  return parseSensorOutput(text, what);
}
