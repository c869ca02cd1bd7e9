/**
 * The CIM HTTP headers of DSP0200 §7: reading them (with the `NN-` prefixes of
 * an RFC 2774 extension declaration), decoding CIMMethod / CIMObject (§7.3.1:
 * UTF-8, then percent-escapes) and comparing them with the body.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { CIMDateTime, CIMInstanceName, normalizeNamespace, type CIMKeyValue } from '../cim/index.js';

const CIM_MAPPING = /^\s*"?http:\/\/www\.dmtf\.org\/cim\/mapping\/http\/v1\.0"?\s*;\s*ns\s*=\s*(\d\d)\s*$/i;

/** Reads CIM headers, honouring a `Man:`/`Opt:` declaration of the CIM mapping's header prefix. */
export class CIMHeaders {
  readonly #headers: IncomingHttpHeaders;
  readonly #prefix: string | undefined;

  constructor(headers: IncomingHttpHeaders) {
    this.#headers = headers;
    this.#prefix = declaredPrefix(headers.man) ?? declaredPrefix(headers.opt);
  }

  /** The header's value (prefixed form first), undefined when absent. */
  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    const value = (this.#prefix && this.#headers[`${this.#prefix}-${lower}`]) ?? this.#headers[lower];
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

function declaredPrefix(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value.join(',') : value;
  if (!text) return undefined;
  for (const part of text.split(',')) {
    const m = CIM_MAPPING.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/** Percent-decodes a header value as UTF-8; undefined when it is not decodable. */
export function decodeHeaderValue(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Whether a decoded CIMObject names the namespace of an intrinsic call. */
export function sameNamespace(cimObject: string, namespace: string): boolean {
  return normalizeNamespace(cimObject) === normalizeNamespace(namespace);
}

/**
 * Whether a decoded CIMObject names the target of an extrinsic call:
 * `ns:Class` or `ns:Class.Key="v",…` (DSP0207 untyped form), compared
 * semantically: names without case, keys in any order, values by content.
 */
export function sameTarget(cimObject: string, namespace: string, target: CIMInstanceName | { classname: string }): boolean {
  const parsed = parseObjectPath(cimObject);
  if (!parsed || !parsed.namespace || !sameNamespace(parsed.namespace, namespace)) return false;
  if (!(target instanceof CIMInstanceName)) return parsed.canonical === target.classname.toLowerCase();
  // A body's unnamed key (DSP0201 INSTANCENAME) is named by its class before this (keysNamedIfKnown): compared by name too.
  return parsed.canonical === canonical(target);
}

/**
 * Whether a decoded CIMObject names an instance of `classname` in
 * `namespace`, whatever keys it binds: for a body whose unnamed key its class
 * cannot name (unknown here, or several keys), which the operation refuses
 * with its own status (5, 4) rather than HTTP's header-mismatch.
 */
export function sameTargetClass(cimObject: string, namespace: string, classname: string): boolean {
  const parsed = parseObjectPath(cimObject);
  return parsed !== undefined && parsed.namespace !== undefined && sameNamespace(parsed.namespace, namespace) &&
    parsed.classname === classname.trim().toLowerCase();
}

interface ParsedPath {
  namespace: string | undefined;
  classname: string;
  canonical: string;
}

/** Parses `[ns:]Class[.k=v,…]` into a canonical form; undefined when malformed. */
function parseObjectPath(text: string): ParsedPath | undefined {
  const colon = text.indexOf(':');
  const dot = text.indexOf('.');
  const hasNamespace = colon >= 0 && (dot < 0 || colon < dot);
  const namespace = hasNamespace ? text.slice(0, colon).replace(/^\/\/[^/]*\//, '') : undefined;
  const rest = hasNamespace ? text.slice(colon + 1) : text;
  const keyStart = rest.indexOf('.');
  if (keyStart < 0) return { namespace, classname: rest.trim().toLowerCase(), canonical: rest.trim().toLowerCase() };
  const keys = parseKeys(rest.slice(keyStart + 1));
  if (!keys) return undefined;
  const classname = rest.slice(0, keyStart);
  return { namespace, classname: classname.trim().toLowerCase(), canonical: canonicalOf(classname, keys) };
}

function parseKeys(text: string): [string, string][] | undefined {
  const keys: [string, string][] = [];
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) return undefined;
    const name = text.slice(i, eq).trim();
    const value = readValue(text, eq + 1);
    if (!value) return undefined;
    keys.push([name, value.quoted ? canonicalValue(value.text) : value.text.trim().toLowerCase()]);
    i = value.end;
    if (i < text.length && text[i++] !== ',') return undefined;
  }
  return keys;
}

function readValue(text: string, start: number): { text: string; quoted: boolean; end: number } | undefined {
  if (text[start] !== '"') {
    const comma = text.indexOf(',', start);
    const end = comma < 0 ? text.length : comma;
    return { text: text.slice(start, end), quoted: false, end };
  }
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') value += text[++i] ?? '';
    else if (c === '"') return { text: value, quoted: true, end: i + 1 };
    else value += c;
  }
  return undefined;
}

/** A quoted key value is a string, a datetime, or an object path (a reference key). */
function canonicalValue(text: string): string {
  const nested = /^[^"=]*:[A-Za-z_]\w*\./.test(text) ? parseObjectPath(text) : undefined;
  return nested ? `{${nested.canonical}}` : text;
}

function canonicalOf(classname: string, keys: [string, string][]): string {
  const sorted = keys.map(([n, v]) => `${n.toLowerCase()}=${v}`).sort();
  return `${classname.trim().toLowerCase()}.${sorted.join(',')}`;
}

function canonical(path: CIMInstanceName): string {
  return canonicalOf(path.classname, [...path.keybindings].map(([n, v]) => [n, keyText(v)]));
}

function keyText(value: CIMKeyValue): string {
  if (value instanceof CIMInstanceName) return `{${canonical(value)}}`;
  if (value instanceof CIMDateTime) return value.value;
  if (typeof value === 'string') return value;
  return String(value).toLowerCase();
}
