/**
 * Recognises a tool's output from the text itself, for recordings (`sdrFile`,
 * `sensorFile`, `fruFile`) whose command line is not known: FRU and DCMI
 * output by their opening lines, the sensor layouts by parsing with each and
 * keeping the one that reads the most records (the layouts share no record
 * syntax, so the others read none).
 */
import { IpmiError } from './errors.js';
import { parseDcmiPowerReading } from './dcmi.js';
import { SEL_ROW } from './freeipmi.js';
import { parseFreeIpmiOutput } from './freeipmi-verbose.js';
import { parseFru } from './fru.js';
import { parseSdrCsv, parseSdrElist, parseSdrList } from './sdr-list.js';
import { parseSdrVerbose } from './sdr-verbose.js';
import { parseSensorTable } from './sensor-table.js';
import { splitLines } from './text.js';
import type { DcmiPowerReading, FruParseResult, IpmiFormat, IpmiParseResult } from './types.js';

/** The layouts that list sensors. */
export type SensorFormat = Exclude<IpmiFormat, 'fru' | 'dcmi-power'>;

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
  let best: IpmiParseResult | undefined;
  for (const parse of Object.values(SENSOR_PARSERS)) {
    const result = parse(text);
    if (result.readings.length === 0 && result.skipped.length === 0) continue;
    const count = result.readings.length + result.skipped.length;
    if (!best || count > best.readings.length + best.skipped.length) best = result;
  }
  return best;
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
