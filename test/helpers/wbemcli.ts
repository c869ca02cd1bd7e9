/**
 * Running sblim-wbemcli (Debian's `wbemcli` 1.6.3) and reading its output.
 *
 * Output forms, as wbemcli 1.6.3 prints them (always run with `-dr`, which
 * wraps reference values in braces, so that their commas do not split keys):
 * - a path: `host:port/ns/ns:Class.Key="text",Num=5,Ref={ns/ns:Class.Key="v"}`
 *   (ecn omits the keys; references carry no host, and no namespace only
 *   where the server wrote a bare INSTANCENAME, which thincim never does);
 * - with `-nl`, an object: its path on one line, then one `-Name=value` line
 *   per property and a blank line; with `-t` the name is followed by `[]`
 *   (array), `&` (reference) and `#` (key). String values are in double
 *   quotes, other values bare, array elements separated by commas, NULL is
 *   nothing after the `=`;
 * - on failure, exit status 16 and `* wbemcli: Cim: (code) CIM_ERR_NAME:
 *   description` (or `Http Exception: …`, `Url Exception: …`) on stderr.
 */
import { execFile } from 'node:child_process';

export const WBEMCLI_TIMEOUT_MS = 20_000;

export interface WbemcliResult {
  /** Exit status (wbemcli uses 16 for every failure); null when killed. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs wbemcli in `cwd` (it reads `./wbemcli.ind` for host indirection) with
 * proxy variables removed (libcurl would send loopback requests to a proxy).
 */
export function wbemcli(args: readonly string[], cwd: string): Promise<WbemcliResult> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/_proxy$/i.test(name)));
  return new Promise((resolve, reject) => {
    execFile('wbemcli', args, { cwd, env, timeout: WBEMCLI_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      if (typeof code === 'string') reject(error); // spawn failure (ENOENT…), not an exit status
      else resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}

/** The CIM status wbemcli reports on stderr, e.g. { code: 5, name: 'CIM_ERR_INVALID_CLASS' }. */
export function cimFailure(stderr: string): { code: number; name: string; description: string } | undefined {
  const m = /\* wbemcli: Cim: \((\d+)\) (CIM_ERR_\w+): ?([^\n]*)/.exec(stderr);
  return m ? { code: Number(m[1]), name: m[2]!, description: m[3]! } : undefined;
}

export interface WbemcliPath {
  host: string | undefined;
  /** Absent only for a reference written as a bare INSTANCENAME (thincim writes every one with its namespace). */
  namespace: string | undefined;
  classname: string;
  /** Key name (as printed) → value text (quotes removed) or a reference. */
  keys: Map<string, string | WbemcliPath>;
}

/** Parses a path as wbemcli prints it (with `-dr`). */
export function parsePath(text: string): WbemcliPath {
  const hostMatch = /^([^/{}"]+:\d+)\//.exec(text);
  const rest = hostMatch ? text.slice(hostMatch[0].length) : text;
  // A namespace ends at a colon before the class name's end (key values may hold colons).
  const colon = rest.indexOf(':');
  const hasNamespace = colon >= 0 && !rest.slice(0, colon).includes('.');
  const object = hasNamespace ? rest.slice(colon + 1) : rest;
  const dot = object.indexOf('.');
  const classname = dot < 0 ? object : object.slice(0, dot);
  if (!/^[A-Za-z_]\w*$/.test(classname)) throw new Error(`not a wbemcli path: ${text}`);
  return {
    host: hostMatch?.[1],
    namespace: hasNamespace ? rest.slice(0, colon) : undefined,
    classname,
    keys: dot < 0 ? new Map() : parseKeys(object.slice(dot + 1), text),
  };
}

function parseKeys(text: string, whole: string): Map<string, string | WbemcliPath> {
  const keys = new Map<string, string | WbemcliPath>();
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new Error(`a key without a value in ${whole}`);
    const name = text.slice(i, eq);
    const { value, end } = readKeyValue(text, eq + 1, whole);
    keys.set(name, value);
    if (end < text.length && text[end] !== ',') throw new Error(`unexpected ${JSON.stringify(text[end])} after key ${name} in ${whole}`);
    i = end + 1;
  }
  return keys;
}

function readKeyValue(text: string, start: number, whole: string): { value: string | WbemcliPath; end: number } {
  if (text[start] === '{') {
    const end = closingBrace(text, start, whole);
    return { value: parsePath(text.slice(start + 1, end)), end: end + 1 };
  }
  if (text[start] === '"') {
    const end = text.indexOf('"', start + 1);
    if (end < 0) throw new Error(`an unterminated string key in ${whole}`);
    return { value: text.slice(start + 1, end), end: end + 1 };
  }
  const comma = text.indexOf(',', start);
  const end = comma < 0 ? text.length : comma;
  return { value: text.slice(start, end), end };
}

/** The `}` matching the `{` at `start`, skipping quoted text. */
function closingBrace(text: string, start: number, whole: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '{') depth++;
    else if (!quoted && c === '}' && --depth === 0) return i;
  }
  throw new Error(`an unbalanced reference in ${whole}`);
}

/** A property value as printed: text, the elements of an array, a reference, or null (NULL). */
export type WbemcliValue = string | string[] | WbemcliPath | null;

export interface WbemcliProperty {
  name: string;
  value: WbemcliValue;
  /** The `-t` markers. */
  isArray: boolean;
  isReference: boolean;
  isKey: boolean;
}

export interface WbemcliObject {
  path: WbemcliPath;
  properties: Map<string, WbemcliProperty>;
}

/** Parses `-nl -t -dr` output (ei, gi, ai, ri, gc): objects separated by blank lines. */
export function parseObjects(stdout: string): WbemcliObject[] {
  const objects: WbemcliObject[] = [];
  let current: WbemcliObject | undefined;
  for (const line of stdout.split('\n')) {
    if (line === '') {
      current = undefined;
    } else if (current === undefined) {
      current = { path: parsePath(line), properties: new Map() };
      objects.push(current);
    } else {
      const property = parseProperty(line);
      current.properties.set(property.name, property);
    }
  }
  return objects;
}

function parseProperty(line: string): WbemcliProperty {
  const m = /^-(\w+)(\[\])?(&)?(#)?=(.*)$/.exec(line);
  if (!m) throw new Error(`not a wbemcli -nl -t property line: ${line}`);
  const isArray = m[2] !== undefined;
  const isReference = m[3] !== undefined;
  return { name: m[1]!, isArray, isReference, isKey: m[4] !== undefined, value: parseValue(m[5]!, isArray, isReference) };
}

function parseValue(text: string, isArray: boolean, isReference: boolean): WbemcliValue {
  if (text === '') return null;
  if (isReference) return parsePath(text.replace(/^\{|\}$/g, ''));
  const items = text.startsWith('"') ? quotedItems(text) : text.split(',');
  if (isArray) return items;
  if (items.length !== 1) throw new Error(`a scalar with ${items.length} values: ${text}`);
  return items[0]!;
}

function quotedItems(text: string): string[] {
  const items: string[] = [];
  const item = /"([^"]*)"(,|$)/y;
  for (let m = item.exec(text); m; m = item.exec(text)) {
    items.push(m[1]!);
    if (m[2] === '') return items;
  }
  throw new Error(`malformed quoted value: ${text}`);
}

/** Parses one path per line (ecn, ein, ain, rin). */
export function parsePaths(stdout: string): WbemcliPath[] {
  return stdout.split('\n').filter((line) => line !== '').map(parsePath);
}
