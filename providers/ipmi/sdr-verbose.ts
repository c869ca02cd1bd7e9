/**
 * ipmitool's verbose SDR layout (`sdr -v`, `sdr -v type X`, `sdr list -v`):
 * one block per record, opened by "Sensor ID : <name> (0x<number>)" in
 * column 0 and followed by " Key : value" lines (one leading space; the key
 * column width varies between versions), bracketed continuation lines for
 * discrete states, and a blank line. Locator blocks ("Device ID : …"),
 * event-only and OEM blocks are reported as skipped. Lines outside a block,
 * and column-0 lines inside one (stderr interleaved: "Unable to send
 * command", "<<" session debug lines), are noise.
 */
import type { SensorRanges } from '../../src/model/snapshot.js';
import type { IpmiParseResult, IpmiReading, SkippedRecord } from './types.js';
import { parseDecimal, readStatus, splitLines, THRESHOLD_NAMES } from './text.js';
import { parseAnalog } from './sdr-list.js';

const SENSOR_ID = /^Sensor ID\s*:\s*(.*?)\s*\(0x([0-9a-fA-F]+)\)\s*$/;
const DEVICE_ID = /^Device ID\s*:\s*(.*?)\s*$/;
const KEY_VALUE = /^ +([^:[]+?)\s*:\s?(.*?)\s*$/;
const CONTINUATION = /^\s+\[(.*)\]\s*$/;

interface Block {
  reading: IpmiReading;
  /** The key the next bracketed lines belong to. */
  lastKey: string;
  sawReading: boolean;
  /** 'skip' once the block turned out not to be a sensor. */
  skip?: SkippedRecord['reason'];
}

/** Parses `ipmitool sdr -v …` output. */
export function parseSdrVerbose(text: string): IpmiParseResult {
  const result: IpmiParseResult = { format: 'sdr-verbose', readings: [], skipped: [], noise: [] };
  let block: Block | undefined;
  let inLocator = false;

  const close = (): void => {
    if (block) finish(block, result);
    block = undefined;
    inLocator = false;
  };

  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') {
      close();
      return;
    }
    const sensor = SENSOR_ID.exec(raw);
    if (sensor) {
      close();
      block = {
        reading: { name: sensor[1] ?? '', number: Number.parseInt(sensor[2] ?? '', 16), states: [], thresholds: {}, line },
        lastKey: '',
        sawReading: false,
      };
      return;
    }
    const device = DEVICE_ID.exec(raw);
    if (device && !block) {
      close();
      inLocator = true;
      result.skipped.push({ line, name: device[1] ?? '', reason: 'locator' });
      return;
    }
    if (inLocator) return; // the locator's own "Key : value" lines
    if (block && !block.skip && readBlockLine(block, raw)) return;
    if (block?.skip && /^\S[^:]*:/.test(raw)) return; // event-only / OEM blocks print their keys in column 0
    result.noise.push({ line, text: raw });
  });
  close();
  return result;
}

/** Reads one line of a sensor block; false when it is not part of the block. */
function readBlockLine(block: Block, raw: string): boolean {
  const continuation = CONTINUATION.exec(raw);
  if (continuation) {
    if (block.lastKey === 'states asserted') block.reading.states.push(continuation[1] ?? '');
    return true;
  }
  if (/^Sensor Type\s*:/.test(raw) || /^Entity ID\s*:/.test(raw)) {
    // Event-only and Intel OEM records print these in column 0, without an analog/discrete class.
    block.skip = /Intel OEM/.test(raw) ? 'oem' : 'event-only';
    return true;
  }
  const pair = KEY_VALUE.exec(raw);
  if (!pair) return false;
  const key = (pair[1] ?? '').toLowerCase();
  block.lastKey = key;
  readField(block, key, pair[2] ?? '');
  return true;
}

function readField(block: Block, key: string, value: string): void {
  const reading = block.reading;
  if (key === 'entity id') {
    const entity = /^(\d+)\.(\d+)/.exec(value);
    if (entity) reading.entity = { id: Number(entity[1]), instance: Number(entity[2]) };
  } else if (key.startsWith('sensor type')) {
    reading.eventClass = /\(discrete\)/.test(key) ? 'discrete' : 'threshold';
    if (/\((discrete|threshold)\)/.test(key)) reading.typedByIpmitool = true;
    reading.sensorType = value.replace(/\s*\(0x[0-9a-fA-F]+\)$/, '');
  } else if (key === 'sensor reading') {
    block.sawReading = true;
    readReading(reading, value);
  } else if (key === 'status') {
    if (!readStatus(reading, value) && value === 'Disabled') reading.unavailable ??= 'disabled';
  } else if (key === 'unable to read sensor') {
    block.sawReading = true;
    reading.unavailable = 'absent';
  } else if (key === 'states asserted') {
    reading.sensorType ??= value;
  } else if (key in RANGE_NAMES) {
    const number = parseDecimal(value);
    if (number) (reading.ranges ??= {})[RANGE_NAMES[key]!] = number.value;
  } else {
    const threshold = THRESHOLD_NAMES[key];
    const number = threshold ? parseDecimal(value) : undefined;
    if (threshold && number) reading.thresholds[threshold] = number.value;
  }
}

/**
 * The full record's ranges as `ipmi_sdr_print_sensor_fc` prints them (lib/ipmi_sdr.c): the nominal and normal
 * values only where the record's analog characteristic flags specify them, the sensor's minimum and maximum reading
 * as "Unspecified" where the record leaves them so (or where they convert to 0). A discrete unit prints each as a raw
 * byte ("0x7F"), which is no value and is not read.
 */
const RANGE_NAMES: Readonly<Record<string, keyof SensorRanges>> = {
  'nominal reading': 'nominal',
  'normal minimum': 'normalMin',
  'normal maximum': 'normalMax',
  'minimum sensor range': 'minReadable',
  'maximum sensor range': 'maxReadable',
};

/** What -v prints for a record it could not read; "Not Reading" is older ipmitool's (lib/ipmi_sdr.c: "Used to be 'Not Reading'"). */
const UNREAD = new Set(['No Reading', 'Not Reading', 'Not Readable']);

const TOLERANCE = /^(\S+) \(\+\/- [^)]*\)\s*(.*)$/;

/**
 * "25 (+/- 0) degrees C", "0x01 (+/- 0x00) discrete", "0h", "110 Watts", "No Reading" (`UNREAD`), "Disabled", and
 * `ipmitool sensor -v`'s unreadable threshold record, " Unable to read sensor: Device Not Present" (lib/ipmi_sensor.c).
 */
function readReading(reading: IpmiReading, value: string): void {
  if (UNREAD.has(value) || /^\s*Unable to read sensor\b/.test(value)) {
    reading.unavailable = 'absent';
    return;
  }
  if (value === 'Disabled') {
    reading.unavailable = 'disabled';
    return;
  }
  const tolerance = TOLERANCE.exec(value);
  const number = tolerance ? parseDecimal(tolerance[1] ?? '') : undefined;
  if (tolerance && number) {
    reading.value = number.value;
    reading.decimals = number.decimals;
    reading.unit = tolerance[2] ?? '';
    return;
  }
  const analog = parseAnalog(value);
  if (analog) {
    Object.assign(reading, analog);
    return;
  }
  reading.rawState = (tolerance?.[1] ?? value.split(' ')[0]) || value;
}

function finish(block: Block, result: IpmiParseResult): void {
  const reading = block.reading;
  if (block.skip) {
    result.skipped.push({ line: reading.line, name: reading.name, reason: block.skip });
    return;
  }
  // A discrete block prints its states under "States Asserted" and a reading byte ("0h") that means nothing more.
  if (reading.eventClass === 'discrete' && /^[0-9a-f]+h$/i.test(reading.rawState ?? '')) delete reading.rawState;
  if (reading.eventClass === 'threshold' && reading.value === undefined && reading.rawState === undefined) {
    reading.value = null;
    // A threshold record without any "Sensor Reading" line: the read itself failed.
    reading.unavailable ??= block.sawReading ? 'absent' : 'failed';
    delete reading.health;
    delete reading.crossed;
  }
  result.readings.push(reading);
}
