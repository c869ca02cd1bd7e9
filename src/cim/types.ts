import { CIMDateTime } from './datetime.js';
import type { CIMInstanceName } from './instance-name.js';
import type { CIMClass, CIMInstance } from './objects.js';

/** The CIM intrinsic data types (DSP0004 §5.2). Embedded objects are `string` with a flag. */
export type CIMType =
  | 'boolean' | 'string' | 'char16' | 'datetime' | 'reference'
  | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'sint8' | 'sint16' | 'sint32' | 'sint64'
  | 'real32' | 'real64';

export type IntegerType = 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'sint8' | 'sint16' | 'sint32' | 'sint64';

/** How a string-typed element carries an embedded object (EmbeddedObject / EmbeddedInstance qualifiers). */
export type EmbeddedKind = 'object' | 'instance';

/**
 * A scalar CIM value in memory: boolean; string and char16 as string; integers
 * up to 32 bits and reals as number; 64-bit integers as bigint (never rounded);
 * datetime as CIMDateTime; reference as CIMInstanceName; an embedded object as
 * the CIMInstance or CIMClass itself.
 */
export type CIMScalar = boolean | string | number | bigint | CIMDateTime | CIMInstanceName | CIMInstance | CIMClass;
/** Arrays may hold NULL elements (VALUE.NULL in DSP0201). */
export type CIMValue = CIMScalar | (CIMScalar | null)[] | null;

const INTEGER_RANGES: Record<IntegerType, readonly [bigint, bigint]> = {
  uint8: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 4294967295n],
  uint64: [0n, 18446744073709551615n],
  sint8: [-128n, 127n],
  sint16: [-32768n, 32767n],
  sint32: [-2147483648n, 2147483647n],
  sint64: [-9223372036854775808n, 9223372036854775807n],
};

export const CIM_TYPES: readonly CIMType[] = [
  'boolean', 'string', 'char16', 'datetime', 'reference',
  'uint8', 'uint16', 'uint32', 'uint64', 'sint8', 'sint16', 'sint32', 'sint64', 'real32', 'real64',
];

const TYPE_SET = new Set<string>(CIM_TYPES);

export function isCIMType(name: string): name is CIMType {
  return TYPE_SET.has(name);
}

export function isIntegerType(type: CIMType): type is IntegerType {
  return type in INTEGER_RANGES;
}

export function isNumericType(type: CIMType): boolean {
  return isIntegerType(type) || type === 'real32' || type === 'real64';
}

export function is64Bit(type: CIMType): boolean {
  return type === 'uint64' || type === 'sint64';
}

export function integerRange(type: IntegerType): readonly [bigint, bigint] {
  return INTEGER_RANGES[type];
}

/** The in-memory form of an integer of `type`: bigint for 64-bit types, number otherwise. */
export function integerValue(type: IntegerType, n: bigint): number | bigint {
  return is64Bit(type) ? n : Number(n);
}

/** Whether `value` is in range for the integer type. */
export function integerInRange(type: IntegerType, value: number | bigint): boolean {
  if (typeof value === 'number' && !Number.isInteger(value)) return false;
  const n = BigInt(value);
  const [min, max] = INTEGER_RANGES[type];
  return n >= min && n <= max;
}

const DECIMAL = /^[+-]?\d+$/;
const HEX = /^[+-]?0[xX][0-9a-fA-F]+$/;
const BINARY = /^[+-]?[01]+[bB]$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses the text of an integer (decimal, or hex `0x..` as DSP0201 allows;
 * binary `101b` as MOF allows) with surrounding whitespace.
 */
export function parseInteger(text: string): bigint | undefined {
  const t = text.trim();
  if (DECIMAL.test(t)) return BigInt(t);
  if (HEX.test(t) || BINARY.test(t)) {
    const negative = t.startsWith('-');
    const body = t.replace(/^[+-]/, '');
    const n = HEX.test(t) ? BigInt(body) : BigInt('0b' + body.slice(0, -1));
    return negative ? -n : n;
  }
  return undefined;
}

export function parseReal(text: string): number | undefined {
  const t = text.trim();
  if (REAL.test(t)) return Number(t);
  if (/^[+-]?(?:INF|inf)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (t === 'NaN') return NaN;
  return undefined;
}

/** Whether a finite number stays finite in single precision (infinities and NaN are real32 values). */
function real32InRange(n: number): boolean {
  return !Number.isFinite(n) || Number.isFinite(Math.fround(n));
}

/** Rounds a real to single precision so that real32 values compare as the wire will carry them. */
export function toReal32(n: number): number {
  return Math.fround(n);
}

/**
 * Converts the text form of a scalar (DSP0201 VALUE, MOF literal text already
 * unquoted) to its in-memory value. Throws RangeError with a reason when the
 * text is not a value of the type. References and embedded objects are parsed
 * by their own codecs.
 */
export function scalarFromText(type: CIMType, text: string): CIMScalar {
  switch (type) {
    case 'string':
      return text;
    case 'char16':
      // One UCS-2 character: a single UTF-16 code unit (a surrogate pair is two).
      if (text.length !== 1) throw new RangeError(`char16 takes one character, not ${JSON.stringify(text)}`);
      return text;
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
      throw new RangeError(`not a boolean: ${JSON.stringify(text)}`);
    }
    case 'datetime':
      return CIMDateTime.parse(text);
    case 'real32':
    case 'real64': {
      const n = parseReal(text);
      if (n === undefined) throw new RangeError(`not a ${type}: ${JSON.stringify(text)}`);
      if (type === 'real64') return n;
      if (!real32InRange(n)) throw new RangeError(`${text.trim()} is outside the range of real32`);
      return toReal32(n);
    }
    case 'reference':
      throw new RangeError('a reference has no text form here');
    default: {
      const n = parseInteger(text);
      if (n === undefined) throw new RangeError(`not an integer: ${JSON.stringify(text)}`);
      const [min, max] = INTEGER_RANGES[type];
      if (n < min || n > max) throw new RangeError(`${n} is outside the range of ${type} (${min}..${max})`);
      return integerValue(type, n);
    }
  }
}

/** The canonical text of a scalar for the wire (DSP0201 §5.2 lexical forms). */
export function scalarToText(type: CIMType, value: CIMScalar): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'bigint':
      return value.toString();
    case 'number':
      return isIntegerType(type) ? String(value) : realToText(value, type === 'real32');
    case 'string':
      return value;
    default:
      return String(value);
  }
}

/**
 * Reals are written with the shortest text that reads back to the same value
 * (full precision, no exponent noise for ordinary numbers); DSP0201 spells the
 * specials INF, -INF and NaN.
 */
export function realToText(n: number, single = false): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'INF';
  if (n === -Infinity) return '-INF';
  if (Object.is(n, -0)) return '-0.0'; // String(-0) is '0': the sign would be lost
  return withFraction(single ? shortestReal32(n) : String(n));
}

/**
 * DSP0201's (and DSP0004's) realValue has a dot with a digit after it, before
 * any exponent: `5.0`, `1.0e+21`. JavaScript writes `5` and `1e+21`, which
 * OpenPegasus's reader rejects (StringConversion::stringToReal64).
 */
function withFraction(text: string): string {
  if (text.includes('.')) return text;
  const exponent = text.indexOf('e');
  return exponent < 0 ? `${text}.0` : `${text.slice(0, exponent)}.0${text.slice(exponent)}`;
}

function shortestReal32(n: number): string {
  const f = Math.fround(n);
  for (let digits = 1; digits <= 9; digits++) {
    const text = Number(f.toPrecision(digits)).toString();
    if (Math.fround(Number(text)) === f) return text;
  }
  return String(f);
}

/**
 * Checks that a scalar in memory is a value of `type`: the right JavaScript
 * type and, for integers, in range. Returns a reason when it is not.
 */
export function checkScalar(type: CIMType, value: unknown): string | undefined {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected a boolean, got ${describe(value)}`;
    case 'string':
      return typeof value === 'string' || isEmbedded(value) ? undefined : `expected a string, got ${describe(value)}`;
    case 'char16':
      return typeof value === 'string' && value.length === 1 ? undefined : `expected one character, got ${describe(value)}`;
    case 'datetime':
      return value instanceof CIMDateTime ? undefined : `expected a CIMDateTime, got ${describe(value)}`;
    case 'reference':
      return isInstanceName(value) ? undefined : `expected a CIMInstanceName, got ${describe(value)}`;
    case 'real32':
      if (typeof value !== 'number') return `expected a number, got ${describe(value)}`;
      return real32InRange(value) ? undefined : `${value} is outside the range of real32`;
    case 'real64':
      return typeof value === 'number' ? undefined : `expected a number, got ${describe(value)}`;
    default:
      if (is64Bit(type) ? typeof value !== 'bigint' && typeof value !== 'number' : typeof value !== 'number') {
        return `expected ${is64Bit(type) ? 'a bigint' : 'an integer number'}, got ${describe(value)}`;
      }
      return integerInRange(type, value as number | bigint) ? undefined : `${String(value)} is outside the range of ${type}`;
  }
}

function isEmbedded(value: unknown): boolean {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'instance' || kind === 'class';
}

function isInstanceName(value: unknown): boolean {
  return (value as { kind?: unknown } | null)?.kind === 'instancename';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  return `${typeof value} ${JSON.stringify(typeof value === 'bigint' ? String(value) : value)}`;
}
