import { isIntegerType, parseInteger, type CIMScalar, type CIMType } from '../cim/index.js';

/** Whether a value is one the ValueMap admits. */
export type ValueMapMatcher = (value: CIMScalar) => boolean;

interface Range {
  readonly min: bigint | undefined;
  readonly max: bigint | undefined;
}

const matchers = new WeakMap<readonly CIMScalar[], ValueMapMatcher>();

/**
 * The matcher of a ValueMap for an element of `type` (DSP0004 ValueMap
 * qualifier). Integer elements: each entry is a value (decimal, hex `0x..`,
 * binary `..b`) or a range `a..b`, `a..`, `..b`; `..` alone stands for every
 * value not otherwise listed, so it admits any value. String elements: the
 * entries are the admitted strings. Memoized per ValueMap array.
 */
export function valueMapMatcher(entries: readonly CIMScalar[], type: CIMType): ValueMapMatcher {
  let matcher = matchers.get(entries);
  if (!matcher) {
    matcher = isIntegerType(type) ? integerMatcher(entries) : stringMatcher(entries);
    matchers.set(entries, matcher);
  }
  return matcher;
}

function integerMatcher(entries: readonly CIMScalar[]): ValueMapMatcher {
  const ranges: Range[] = [];
  for (const entry of entries) {
    const range = typeof entry === 'string' ? parseEntry(entry) : undefined;
    if (range === 'any') return () => true;
    if (range) ranges.push(range);
  }
  return (value) => {
    if (typeof value !== 'number' && typeof value !== 'bigint') return false;
    if (typeof value === 'number' && !Number.isInteger(value)) return false;
    const n = BigInt(value);
    return ranges.some((r) => (r.min === undefined || n >= r.min) && (r.max === undefined || n <= r.max));
  };
}

/** A ValueMap entry as a range; 'any' for `..`; undefined when it is not an integer entry. */
export function parseEntry(entry: string): Range | 'any' | undefined {
  const dots = entry.indexOf('..');
  if (dots < 0) {
    const n = parseInteger(entry);
    return n === undefined ? undefined : { min: n, max: n };
  }
  const low = entry.slice(0, dots).trim();
  const high = entry.slice(dots + 2).trim();
  if (low === '' && high === '') return 'any';
  const min = low === '' ? undefined : parseInteger(low);
  const max = high === '' ? undefined : parseInteger(high);
  if ((low !== '' && min === undefined) || (high !== '' && max === undefined)) return undefined;
  return { min, max };
}

function stringMatcher(entries: readonly CIMScalar[]): ValueMapMatcher {
  if (entries.includes('..')) return () => true;
  const allowed = new Set(entries);
  return (value) => allowed.has(value);
}
