/**
 * Presenting CIM values: ValueMap translation from a class definition, one
 * line of text per value for tables, and a stable JSON form for scripts
 * (every value typed; 64-bit integers as strings, so nothing is rounded).
 */
import { CIMClass, CIMDateTime, CIMInstance, CIMInstanceName, is64Bit, parseInteger, scalarToText } from '../cim/index.js';
import type { CIMMethod, CIMProperty, CIMQualifier, CIMScalar, CIMType, CIMValue, NocaseMap } from '../cim/index.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Translates a property's value with its ValueMap/Values qualifiers (DSP0004); undefined when they say nothing about it. */
export type Translator = (value: CIMScalar) => string | undefined;

/**
 * The translator of a class property, if it has Values. Without ValueMap,
 * Values are indexed by the value itself; ValueMap entries are values or
 * ranges (`a..b`, `a..`, `..b`, `..` for "everything else").
 */
export function valueMapTranslator(property: CIMProperty | undefined): Translator | undefined {
  const values = property?.qualifiers.get('Values')?.value;
  if (!Array.isArray(values)) return undefined;
  const map = property!.qualifiers.get('ValueMap')?.value;
  const entries = Array.isArray(map) ? map.map(String) : values.map((_, i) => String(i));
  const texts = values.map((v) => (v === null ? undefined : String(v)));
  return (value) => {
    if (typeof value === 'string') {
      const i = entries.indexOf(value);
      return i < 0 ? undefined : texts[i];
    }
    if (typeof value !== 'number' && typeof value !== 'bigint') return undefined;
    if (typeof value === 'number' && !Number.isInteger(value)) return undefined;
    const n = BigInt(value);
    const exact = entries.findIndex((e) => !e.includes('..') && parseInteger(e) === n);
    if (exact >= 0) return texts[exact];
    // A bounded range wins over a bare `..`, which stands for every value no other entry names.
    const range = entries.findIndex((e) => e.includes('..') && e.trim() !== '..' && inRange(e, n));
    const rest = range < 0 ? entries.findIndex((e) => e.trim() === '..') : range;
    return rest < 0 ? undefined : texts[rest];
  };
}

function inRange(entry: string, n: bigint): boolean {
  const [low = '', high = ''] = entry.split('..').map((s) => s.trim());
  const min = low === '' ? undefined : parseInteger(low);
  const max = high === '' ? undefined : parseInteger(high);
  return (min === undefined || n >= min) && (max === undefined || n <= max);
}

/** The text of one scalar: strings as they are, numbers in their CIM lexical form, references as WBEM URIs. */
export function scalarText(type: CIMType, value: CIMScalar): string {
  if (value instanceof CIMDateTime) return value.value;
  if (value instanceof CIMInstanceName) return value.toString();
  if (value instanceof CIMInstance || value instanceof CIMClass) return `(embedded ${value.classname})`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return scalarToText(type, value);
}

/** One line for a table cell: `5 (OK)` where the class translates, arrays joined with ", " (strings quoted), NULL empty. */
export function valueText(type: CIMType, value: CIMValue, translate?: Translator): string {
  if (value === null) return '';
  const one = (item: CIMScalar | null, quote: boolean): string => {
    if (item === null) return 'NULL';
    const text = scalarText(type, item);
    const mapped = translate?.(item);
    if (mapped !== undefined) return `${text} (${mapped})`;
    return quote && typeof item === 'string' ? JSON.stringify(text) : text.replace(/[\r\n\t]+/g, ' ');
  };
  return Array.isArray(value) ? value.map((item) => one(item, true)).join(', ') : one(value, false);
}

/** JSON of one scalar: numbers stay numbers except 64-bit integers and non-finite reals, which are strings. */
function scalarJson(type: CIMType, value: CIMScalar): Json {
  if (value instanceof CIMInstance) return instanceJson(value);
  if (value instanceof CIMClass) return classJson(value);
  if (typeof value === 'number') return is64Bit(type) || !Number.isFinite(value) ? scalarToText(type, value) : value;
  if (typeof value === 'boolean') return value;
  return scalarText(type, value);
}

export function valueJson(type: CIMType, value: CIMValue): Json {
  if (value === null) return null;
  return Array.isArray(value) ? value.map((item) => (item === null ? null : scalarJson(type, item))) : scalarJson(type, value);
}

/**
 * `{classname, path, properties: {Name: {type, array, value, text?}}}`;
 * `path` is the WBEM URI `thincim get` takes back; `text` is the ValueMap
 * translation when `cls` has one for the property.
 */
export function instanceJson(instance: CIMInstance, cls?: CIMClass): { [key: string]: Json } {
  const properties: { [key: string]: Json } = {};
  for (const p of instance.properties.values()) {
    const entry: { [key: string]: Json } = { type: p.type, array: p.isArray, value: valueJson(p.type, p.value) };
    const translate = valueMapTranslator(cls?.properties.get(p.name));
    if (translate && p.value !== null) {
      entry['text'] = Array.isArray(p.value) ? p.value.map((v) => (v === null ? null : translate(v) ?? null)) : translate(p.value) ?? null;
    }
    properties[p.name] = entry;
  }
  return { classname: instance.classname, path: instance.path?.toString() ?? null, properties };
}

export function qualifiersJson(qualifiers: NocaseMap<CIMQualifier>): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const q of qualifiers.values()) out[q.name] = valueJson(q.type, q.value);
  return out;
}

function propertyJson(p: CIMProperty): { [key: string]: Json } {
  const out: { [key: string]: Json } = { type: p.type, array: p.isArray, default: valueJson(p.type, p.value), qualifiers: qualifiersJson(p.qualifiers) };
  if (p.referenceClass) out['referenceClass'] = p.referenceClass;
  if (p.classOrigin) out['classOrigin'] = p.classOrigin;
  return out;
}

function methodJson(m: CIMMethod): { [key: string]: Json } {
  const parameters: { [key: string]: Json } = {};
  for (const p of m.parameters.values()) {
    parameters[p.name] = { type: p.type, array: p.isArray, ...(p.referenceClass && { referenceClass: p.referenceClass }), qualifiers: qualifiersJson(p.qualifiers) };
  }
  return { returnType: m.returnType, parameters, qualifiers: qualifiersJson(m.qualifiers) };
}

/** `{classname, superclass, qualifiers, properties, methods}`, members in the server's order. */
export function classJson(cls: CIMClass): { [key: string]: Json } {
  const properties: { [key: string]: Json } = {};
  for (const p of cls.properties.values()) properties[p.name] = propertyJson(p);
  const methods: { [key: string]: Json } = {};
  for (const m of cls.methods.values()) methods[m.name] = methodJson(m);
  return { classname: cls.classname, superclass: cls.superclass ?? null, qualifiers: qualifiersJson(cls.qualifiers), properties, methods };
}

/** JSON text with a final newline, two-space indented. */
export function jsonText(value: Json): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** What no readable output prints as a server sent it (displayText): C0, DEL, C1, line separators, bidi overrides. */
export const UNDISPLAYABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a server made safe to print on a terminal, the one rule of every readable output: C0 controls (tab and
 * line feed too), DEL, C1 controls (U+0080–U+009F: U+009B is a CSI to some terminals, ECMA-48 §5.3), the line and
 * paragraph separators and the bidirectional overrides and isolates become a visible `\xHH` or `\uHHHH`. An ESC
 * sequence in a sensor's name then neither clears the screen nor sets the window title, and shows what was sent.
 */
export function displayText(text: string): string {
  return text.replace(UNDISPLAYABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** Paints a padded cell (colours); gets the row index (-1 for the header) and column index. */
export type CellPainter = (text: string, row: number, column: number) => string;

/**
 * Columns padded to their widest cell, two spaces apart; the last column is not padded. Headers (a server's property
 * names, in instance tables) and cells pass displayText before the painter.
 */
export function renderTable(serverHeaders: readonly string[], serverRows: readonly (readonly string[])[], paint?: CellPainter): string {
  const headers = serverHeaders.map(displayText);
  const rows = serverRows.map((r) => r.map(displayText));
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[], row: number): string => cells
    .map((cell, c) => {
      const padded = c === cells.length - 1 ? cell : cell.padEnd(widths[c]!);
      return paint ? paint(padded, row, c) : padded;
    })
    .join('  ')
    .trimEnd();
  return [line(headers, -1), ...rows.map((r, i) => line(r, i))].join('\n') + '\n';
}
