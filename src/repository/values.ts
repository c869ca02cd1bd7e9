import {
  CIMDateTime, CIMInstanceName, integerRange, integerValue, isIntegerType, toReal32, type CIMScalar, type CIMType,
  type CIMValue,
} from '../cim/index.js';
import type { MofInitializer, MofLiteral, SourcePosition } from '../mof/index.js';

/** A MOF value that is not a value of the type it initializes. */
export class ValueError extends Error {
  constructor(readonly pos: SourcePosition, message: string) {
    super(message);
  }
}

/** Resolves `$alias` to the path of an instance declared earlier. */
export type AliasLookup = (name: string, pos: SourcePosition) => CIMInstanceName;

export interface ValueTarget {
  readonly type: CIMType;
  readonly isArray: boolean;
  readonly arraySize?: number | undefined;
}

/**
 * Types a MOF initializer for an element (DSP0004 §7.x initializers): scalars
 * for scalars, `{...}` for arrays, integer ranges checked, NULL allowed.
 * `aliases` is given only where an alias may stand for a reference.
 */
export function initializerValue(init: MofInitializer, target: ValueTarget, aliases?: AliasLookup): CIMValue {
  if (init.kind === 'null') return null;
  if (!target.isArray) {
    if (init.kind === 'array') throw new ValueError(init.pos, `expected a single ${target.type} value, found an array`);
    return scalarValue(init, target.type, aliases);
  }
  if (init.kind !== 'array') throw new ValueError(init.pos, `expected an array value '{...}' of ${target.type}, found ${describeLiteral(init)}`);
  if (target.arraySize !== undefined && init.items.length > target.arraySize) {
    throw new ValueError(init.pos, `the array has ${init.items.length} elements, more than its fixed size ${target.arraySize}`);
  }
  return init.items.map((item) => scalarValue(item, target.type, aliases));
}

/** One literal as a value of `type`; NULL gives null. */
export function scalarValue(lit: MofLiteral, type: CIMType, aliases?: AliasLookup): CIMScalar | null {
  switch (lit.kind) {
    case 'null':
      return null;
    case 'alias':
      if (type !== 'reference') throw mismatch(lit, type);
      if (!aliases) throw new ValueError(lit.pos, `alias '$${lit.name}' is only a value in an instance declaration`);
      return aliases(lit.name, lit.pos);
    case 'integer':
      if (isIntegerType(type)) {
        const [min, max] = integerRange(type);
        if (lit.value < min || lit.value > max) throw new ValueError(lit.pos, `${lit.value} is outside the range of ${type} (${min}..${max})`);
        return integerValue(type, lit.value);
      }
      if (type === 'real32' || type === 'real64') return realValue(Number(lit.value), type);
      throw mismatch(lit, type);
    case 'real':
      if (type === 'real32' || type === 'real64') return realValue(lit.value, type);
      throw mismatch(lit, type);
    case 'boolean':
      if (type === 'boolean') return lit.value;
      throw mismatch(lit, type);
    case 'char':
    case 'string':
      return textValue(lit, type);
  }
}

/** A string initializes a string, a char16 (when one character long) or a datetime; a char initializes a char16. */
function textValue(lit: Extract<MofLiteral, { kind: 'string' | 'char' }>, type: CIMType): CIMScalar {
  if (lit.kind === 'char' && type !== 'char16') throw mismatch(lit, type);
  switch (type) {
    case 'string':
      return lit.value;
    case 'char16':
      // One UCS-2 character: a single UTF-16 code unit.
      if (lit.value.length === 1) return lit.value;
      throw new ValueError(lit.pos, `a char16 value is one UCS-2 character, found ${describeLiteral(lit)}`);
    case 'datetime': {
      const dt = CIMDateTime.tryParse(lit.value);
      if (!dt) throw new ValueError(lit.pos, `${describeLiteral(lit)} is not a CIM datetime (yyyymmddhhmmss.mmmmmmsutc or ddddddddhhmmss.mmmmmm:000)`);
      return dt;
    }
    case 'reference':
      throw new ValueError(lit.pos, `a reference value is an alias ('$name') of an instance declared earlier, found ${describeLiteral(lit)}`);
    default:
      throw mismatch(lit, type);
  }
}

function realValue(n: number, type: 'real32' | 'real64'): number {
  return type === 'real32' ? toReal32(n) : n;
}

function mismatch(lit: MofLiteral, type: CIMType): ValueError {
  return new ValueError(lit.pos, `expected a ${type} value, found ${describeLiteral(lit)}`);
}

export function describeLiteral(init: MofLiteral): string {
  switch (init.kind) {
    case 'string':
      return `string ${JSON.stringify(init.value.length > 40 ? `${init.value.slice(0, 37)}...` : init.value)}`;
    case 'char':
      return `char '${init.value}'`;
    case 'alias':
      return `alias '$${init.name}'`;
    case 'null':
      return 'NULL';
    case 'boolean':
      return init.value ? 'TRUE' : 'FALSE';
    default:
      return `${init.kind} ${init.value}`;
  }
}

/** Deep equality of two values (for DisableOverride checks). */
export function sameValue(a: CIMValue, b: CIMValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i] ?? null));
  }
  if (a instanceof CIMDateTime && b instanceof CIMDateTime) return a.equals(b);
  if (a instanceof CIMInstanceName && b instanceof CIMInstanceName) return a.equals(b);
  // A bigint and a number of equal value are the same CIM value, hence the loose comparison.
  return a === b || ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number') && a == b);
}
