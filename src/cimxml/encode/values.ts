/** Lexical forms of scalar values (DSP0201 §2.6) and the VALUE / VALUE.ARRAY elements. */
import { CIMDateTime, checkScalar, integerInRange, realToText } from '../../cim/index.js';
import type { CIMInstanceName, CIMKeyValue, CIMScalar, CIMType, IntegerType } from '../../cim/index.js';
import { EncodeError } from '../errors.js';
import { escapeText } from './escape.js';

const SMALL_INTEGER_RANGES: Partial<Record<IntegerType, readonly [number, number]>> = {
  uint8: [0, 0xff], uint16: [0, 0xffff], uint32: [0, 0xffffffff],
  sint8: [-0x80, 0x7f], sint16: [-0x8000, 0x7fff], sint32: [-0x80000000, 0x7fffffff],
};

/**
 * The wire text of a scalar of `type` (unescaped): booleans TRUE/FALSE, reals
 * with the shortest text that reads back exactly (real32 at single precision),
 * 64-bit integers exact, datetimes in their 25-character form. A value that
 * is not of the type throws EncodeError rather than writing something a
 * client would misread.
 */
export function scalarText(type: CIMType, value: CIMScalar): string {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return value;
      break;
    case 'char16':
      if (typeof value === 'string' && value.length === 1) return value;
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
      break;
    case 'datetime':
      if (value instanceof CIMDateTime) return value.value;
      break;
    case 'real32':
      if (typeof value === 'number' && checkScalar(type, value) === undefined) return realToText(value, true);
      break;
    case 'real64':
      if (typeof value === 'number') return realToText(value);
      break;
    case 'reference':
      break;
    default:
      if (integerFits(type, value)) return String(value);
  }
  throw new EncodeError(`cannot write as ${type}: ${checkScalar(type, value) ?? 'references are written as VALUE.REFERENCE'}`);
}

function integerFits(type: IntegerType, value: CIMScalar): boolean {
  const range = SMALL_INTEGER_RANGES[type];
  if (range) return typeof value === 'number' && Number.isInteger(value) && value >= range[0] && value <= range[1];
  return (typeof value === 'bigint' || typeof value === 'number') && integerInRange(type, value);
}

/** `<VALUE>text</VALUE>` with the text escaped. */
export function valueElement(text: string): string {
  return `<VALUE>${escapeText(text)}</VALUE>`;
}

/** VALUE.ARRAY of texts; null items are VALUE.NULL; empty is `<VALUE.ARRAY></VALUE.ARRAY>`. */
export function arrayElement(items: readonly (string | null)[]): string {
  let xml = '<VALUE.ARRAY>';
  for (const item of items) xml += item === null ? '<VALUE.NULL/>' : valueElement(item);
  return xml + '</VALUE.ARRAY>';
}

/**
 * The CIM type a key value is written with when no class says it: the JS type
 * decides, integers take the 32-bit type of their sign when they fit (so they
 * read back as numbers) and the 64-bit one otherwise.
 */
export function inferredType(value: Exclude<CIMKeyValue, CIMInstanceName>): CIMType {
  switch (typeof value) {
    case 'string': return 'string';
    case 'boolean': return 'boolean';
    case 'bigint': return value < 0n ? 'sint64' : 'uint64';
    case 'number':
      if (!Number.isInteger(value)) return 'real64';
      if (value >= 0) return value <= 0xffffffff ? 'uint32' : 'uint64';
      return value >= -0x80000000 ? 'sint32' : 'sint64';
    default: return 'datetime';
  }
}

