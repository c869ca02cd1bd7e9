import type { CIMClass, CIMValue } from '../cim/index.js';
import { parseEntry } from './valuemap.js';

/**
 * The Values text of a property's value (DSP0004 ValueMap/Values): what a
 * monitoring tool shows for `SensorType = 2` ("Temperature"). Undefined when
 * the property has no Values or the value is not listed.
 */
export function valueText(cls: CIMClass, property: string, value: CIMValue | undefined): string | undefined {
  const qualifiers = cls.properties.get(property)?.qualifiers;
  const values = qualifiers?.get('Values')?.value;
  if (!Array.isArray(values) || value === null || value === undefined || Array.isArray(value)) return undefined;
  const map = qualifiers?.get('ValueMap')?.value;
  if (!Array.isArray(map)) {
    const text = typeof value === 'number' ? values[value] : undefined;
    return typeof text === 'string' ? text : undefined;
  }
  const index = map.findIndex((entry) => typeof entry === 'string' && entryMatches(entry, value));
  const text = index < 0 ? undefined : values[index];
  return typeof text === 'string' ? text : undefined;
}

function entryMatches(entry: string, value: unknown): boolean {
  if (typeof value === 'string') return entry === value;
  if (typeof value !== 'number' && typeof value !== 'bigint') return false;
  const range = parseEntry(entry);
  if (range === undefined) return false;
  if (range === 'any') return true;
  const n = BigInt(value);
  return (range.min === undefined || n >= range.min) && (range.max === undefined || n <= range.max);
}
