/** Small text helpers shared by the parsers. */
import type { Health, Thresholds } from '../../src/model/snapshot.js';
import type { IpmiReading, NoiseLine } from './types.js';

/** The lines of a tool's output, without line terminators; a final newline adds no empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export interface PrintedNumber {
  value: number;
  /** Digits printed after the decimal point. */
  decimals: number;
}

const DECIMAL = /^[-+]?\d+(?:\.(\d+))?$/;

/** A decimal number as printed ('12.18', '-58', '4704'); undefined for anything else. */
export function parseDecimal(text: string): PrintedNumber | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  return { value: Number(text), decimals: match[1]?.length ?? 0 };
}

/** Digits after the point needed to write `value` exactly (115 → 0, 10.635 → 3). */
export function significantDecimals(value: number): number {
  const text = String(value);
  if (text.includes('e')) return 0;
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/**
 * Health from a status word: ipmitool's compact codes (ok, nc, lnc, ucr, nr …),
 * its verbose words ("Upper Critical", "Lower Non-Recoverable") and FreeIPMI's
 * states (Nominal, Warning, Critical). Undefined when the word says nothing
 * about health (ns, na, N/A, Not Available, Disabled) or is unknown.
 */
export function statusHealth(status: string): Health | undefined {
  const word = status.trim().toLowerCase();
  if (word === 'ok' || word === 'nominal') return 'ok';
  if (/^[lu]?nc$/.test(word) || /non-critical$/.test(word) || word === 'warning') return 'warning';
  if (/^[lu]?cr$/.test(word) || /^(lower|upper) critical$/.test(word) || word === 'critical') return 'critical';
  if (/^[lu]?nr$/.test(word) || /non-recoverable$/.test(word)) return 'fatal';
  return undefined;
}

/** Takes a threshold record's status: its health and the threshold it names; false when it says nothing of health. */
export function readStatus(reading: IpmiReading, status: string): boolean {
  const health = statusHealth(status);
  if (!health) return false;
  reading.health = health;
  const crossed = THRESHOLD_NAMES[status.trim().toLowerCase()];
  if (crossed) reading.crossed = crossed;
  return true;
}

/** Which threshold each ipmitool/FreeIPMI threshold label means (lower-cased). */
export const THRESHOLD_NAMES: Readonly<Record<string, keyof Thresholds>> = {
  lnr: 'lowerFatal',
  lcr: 'lowerCritical',
  lnc: 'lowerNonCritical',
  unc: 'upperNonCritical',
  ucr: 'upperCritical',
  unr: 'upperFatal',
  'lower non-recoverable': 'lowerFatal',
  'lower critical': 'lowerCritical',
  'lower non-critical': 'lowerNonCritical',
  'upper non-critical': 'upperNonCritical',
  'upper critical': 'upperCritical',
  'upper non-recoverable': 'upperFatal',
  'lower nr': 'lowerFatal',
  'lower c': 'lowerCritical',
  'lower nc': 'lowerNonCritical',
  'upper nc': 'upperNonCritical',
  'upper c': 'upperCritical',
  'upper nr': 'upperFatal',
};

/** ipmitool's unit names (IPMI 2.0 table 43-15), as `ipmi_sdr_get_unit_string` prints them. */
const IPMITOOL_UNITS = new Set([
  'unspecified', 'degrees C', 'degrees F', 'degrees K', 'Volts', 'Amps', 'Watts', 'Joules', 'Coulombs', 'VA',
  'Nits', 'lumen', 'lux', 'Candela', 'kPa', 'PSI', 'Newton', 'CFM', 'RPM', 'Hz', 'microsecond', 'millisecond',
  'second', 'minute', 'hour', 'day', 'week', 'mil', 'inches', 'feet', 'cu in', 'cu feet', 'mm', 'cm', 'm',
  'cu cm', 'cu m', 'liters', 'fluid ounce', 'radians', 'steradians', 'revolutions', 'cycles', 'gravities',
  'ounce', 'pound', 'ft-lb', 'oz-in', 'gauss', 'gilberts', 'henry', 'millihenry', 'farad', 'microfarad', 'ohms',
  'siemens', 'mole', 'becquerel', 'PPM', 'reserved', 'Decibels', 'DbA', 'DbC', 'gray', 'sievert',
  'color temp deg K', 'bit', 'kilobit', 'megabit', 'gigabit', 'byte', 'kilobyte', 'megabyte', 'gigabyte', 'word',
  'dword', 'qword', 'line', 'hit', 'miss', 'retry', 'reset', 'overflow', 'underrun', 'collision', 'packets',
  'messages', 'characters', 'error', 'correctable error', 'uncorrectable error', 'fatal error', 'grams', 'invalid',
]);

/**
 * Whether `text` is a unit ipmitool prints after an analog value: a unit
 * name, "percent", or "% "-prefixed and "a*b" / "a/b" combinations.
 */
export function isIpmitoolUnit(text: string): boolean {
  if (text === 'percent') return true;
  const bare = text.startsWith('% ') ? text.slice(2) : text;
  if (IPMITOOL_UNITS.has(bare)) return true;
  const parts = bare.split(/[*/]/);
  return parts.length === 2 && parts.every((part) => IPMITOOL_UNITS.has(part));
}

/** The ipmitool unit names that start with `prefix` ("unspecifi" → unspecified; "degrees " → degrees C, F, K). */
export function ipmitoolUnitsStartingWith(prefix: string): string[] {
  return [...IPMITOOL_UNITS, 'percent'].filter((unit) => unit.startsWith(prefix));
}

/** The longest ID string an SDR holds (IPMI 2.0 Table 43-1), and ipmitool prints (struct sensor_reading's s_id[17]). */
const ID_STRING_MAX = 16;

/**
 * The ways to read a comma-separated ipmitool row whose first field, the ID string, may hold commas (printed as they
 * are): the row as split, then with one, two … more fields joined to the name, as long as it fits an ID string. No
 * name is offered that joins a whole number, last or not: that is a value a decimal comma split ("45,000" of 45.000
 * under a locale that writes one), whose fraction would be read as the value.
 */
export function* csvNameSplits(fields: readonly string[]): Generator<string[]> {
  for (let extra = 0; extra < fields.length; extra++) {
    const name = fields.slice(0, extra + 1).join(',');
    // Every longer name joins this field too.
    if (name.trim().length > ID_STRING_MAX || (extra > 0 && /^\s*-?\d+\s*$/.test(fields[extra] ?? ''))) return;
    yield [name.trim(), ...fields.slice(extra + 1)];
  }
}

/**
 * Splits an ipmitool row of `count` pipe-separated fields whose first is the sensor's ID string. That string may hold
 * a '|' (8-bit ASCII + Latin-1, IPMI 2.0 §43.15), which ipmitool prints as it is; no other column can, so the columns
 * are counted from the right and what is left is the name, at most 16 characters. A row with too few fields, or a
 * name too long to be one, comes back split at every '|' (the caller's column count then refuses it).
 */
export function pipeFieldsNameFirst(line: string, count: number): string[] {
  const pieces = line.split('|');
  const extra = pieces.length - count;
  if (extra <= 0) return pieces.map((piece) => piece.trim());
  const name = pieces.slice(0, extra + 1).join('|').trim();
  if (name.length > ID_STRING_MAX) return pieces.map((piece) => piece.trim());
  return [name, ...pieces.slice(extra + 1).map((piece) => piece.trim())];
}

/** A noise line, marked as a record where it has at least a record's `columns` between `separator`s. */
export function noiseLine(line: number, text: string, separator: string, columns: number): NoiseLine {
  return text.split(separator).length >= columns ? { line, text, record: true } : { line, text };
}
