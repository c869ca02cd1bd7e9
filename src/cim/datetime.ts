/**
 * CIM datetime (DSP0004 §5.2.4): a timestamp `yyyymmddhhmmss.mmmmmmsutc` or an
 * interval `ddddddddhhmmss.mmmmmm:000`. Asterisks may stand for the least
 * significant digits (a contiguous run ending at the microseconds).
 */
const TIMESTAMP = /^([\d*]{4})([\d*]{2})([\d*]{2})([\d*]{2})([\d*]{2})([\d*]{2})\.([\d*]{6})([+-])(\d{3})$/;
const INTERVAL = /^([\d*]{8})([\d*]{2})([\d*]{2})([\d*]{2})\.([\d*]{6}):000$/;

export class CIMDateTime {
  readonly value: string;
  readonly isInterval: boolean;

  private constructor(value: string, isInterval: boolean) {
    this.value = value;
    this.isInterval = isInterval;
  }

  /** Parses the 25-character CIM form; returns undefined when it is not one. */
  static tryParse(text: string): CIMDateTime | undefined {
    const t = text.trim();
    const ts = TIMESTAMP.exec(t);
    if (ts) {
      return wildcardsValid(t.slice(0, 21)) && timestampFieldsValid(ts) ? new CIMDateTime(t, false) : undefined;
    }
    const iv = INTERVAL.exec(t);
    if (iv) {
      return wildcardsValid(t.slice(0, 21)) && intervalFieldsValid(iv) ? new CIMDateTime(t, true) : undefined;
    }
    return undefined;
  }

  static parse(text: string): CIMDateTime {
    const dt = CIMDateTime.tryParse(text);
    if (!dt) throw new RangeError(`not a CIM datetime: ${JSON.stringify(text)}`);
    return dt;
  }

  /** A timestamp for `date`, written in the UTC offset `offsetMinutes` (default: UTC). */
  static fromDate(date: Date, offsetMinutes = 0): CIMDateTime {
    if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 999) {
      throw new RangeError(`a UTC offset is a whole number of minutes up to 999, not ${offsetMinutes}`);
    }
    const local = new Date(date.getTime() + offsetMinutes * 60_000);
    if (!(local.getUTCFullYear() >= 0 && local.getUTCFullYear() <= 9999)) throw new RangeError('a CIM timestamp has a year from 0000 to 9999');
    const sign = offsetMinutes < 0 ? '-' : '+';
    const micros = local.getUTCMilliseconds() * 1000;
    const text =
      pad(local.getUTCFullYear(), 4) + pad(local.getUTCMonth() + 1, 2) + pad(local.getUTCDate(), 2) +
      pad(local.getUTCHours(), 2) + pad(local.getUTCMinutes(), 2) + pad(local.getUTCSeconds(), 2) +
      '.' + pad(micros, 6) + sign + pad(Math.abs(offsetMinutes), 3);
    return new CIMDateTime(text, false);
  }

  /** An interval of `microseconds` (a bigint keeps intervals above 2^53 µs exact). */
  static fromMicroseconds(microseconds: bigint | number): CIMDateTime {
    let us = BigInt(microseconds);
    if (us < 0n) throw new RangeError('a CIM interval cannot be negative');
    const micros = us % 1_000_000n; us /= 1_000_000n;
    const seconds = us % 60n; us /= 60n;
    const minutes = us % 60n; us /= 60n;
    const hours = us % 24n; us /= 24n;
    if (us > 99_999_999n) throw new RangeError('a CIM interval holds at most 99999999 days');
    const text = pad(us, 8) + pad(hours, 2) + pad(minutes, 2) + pad(seconds, 2) + '.' + pad(micros, 6) + ':000';
    return new CIMDateTime(text, true);
  }

  /** The instant of a timestamp without wildcards; undefined otherwise. */
  toDate(): Date | undefined {
    if (this.isInterval || this.value.includes('*')) return undefined;
    const v = this.value;
    const utc = Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8), +v.slice(8, 10), +v.slice(10, 12), +v.slice(12, 14), Math.floor(+v.slice(15, 21) / 1000));
    const offset = (v[21] === '-' ? -1 : 1) * +v.slice(22, 25);
    return new Date(utc - offset * 60_000);
  }

  equals(other: CIMDateTime): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}

function pad(n: number | bigint, width: number): string {
  return String(n).padStart(width, '0');
}

/** Asterisks, if any, must run without a digit after them up to the end of the microseconds. */
function wildcardsValid(digits: string): boolean {
  const first = digits.indexOf('*');
  return first < 0 || /^[*.]+$/.test(digits.slice(first));
}

function inRange(field: string | undefined, min: number, max: number): boolean {
  if (field === undefined) return false;
  if (field.includes('*')) return true;
  const n = Number(field);
  return n >= min && n <= max;
}

function timestampFieldsValid(m: RegExpExecArray): boolean {
  return inRange(m[2], 1, 12) && inRange(m[3], 1, daysInMonth(m[1], m[2])) && inRange(m[4], 0, 23) && inRange(m[5], 0, 59) && inRange(m[6], 0, 60);
}

/** The last day of the month; 31 while the year or month is (partly) a wildcard. */
function daysInMonth(year: string | undefined, month: string | undefined): number {
  if (year === undefined || month === undefined || year.includes('*') || month.includes('*')) return 31;
  return new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
}

function intervalFieldsValid(m: RegExpExecArray): boolean {
  return inRange(m[2], 0, 23) && inRange(m[3], 0, 59) && inRange(m[4], 0, 59);
}
