import { CIMDateTime } from './datetime.js';
import { NocaseMap } from './nocase.js';

/**
 * A key value: string, boolean, integer or real number (bigint for 64-bit),
 * datetime, or a reference to another instance.
 */
export type CIMKeyValue = string | boolean | number | bigint | CIMDateTime | CIMInstanceName;

/**
 * The binding name of a key sent without one: DSP0201's INSTANCENAME may
 * carry a lone KEYVALUE or VALUE.REFERENCE for a class with a single key.
 * Only the class can tell which key that is (operations/lookup.ts).
 */
export const UNNAMED_KEY = '';

export interface CIMInstanceNameInit {
  classname: string;
  keybindings?: Iterable<readonly [string, CIMKeyValue]> | Record<string, CIMKeyValue>;
  namespace?: string;
  host?: string;
}

/**
 * An instance path (pywbem's CIMInstanceName): host, namespace, class and key
 * bindings. Immutable; `key` is a canonical identity within a namespace
 * (class and key names folded to lower case, keys in sorted order).
 */
export class CIMInstanceName {
  readonly kind = 'instancename' as const;
  readonly classname: string;
  readonly keybindings: NocaseMap<CIMKeyValue>;
  readonly namespace: string | undefined;
  readonly host: string | undefined;
  #key: string | undefined;

  constructor(init: CIMInstanceNameInit) {
    this.classname = init.classname;
    const kb = init.keybindings ?? [];
    // Another path's bindings are shared, not copied (NocaseMap copies on a change).
    this.keybindings = kb instanceof NocaseMap ? kb.clone() : new NocaseMap(Symbol.iterator in kb ? kb : Object.entries(kb));
    this.namespace = init.namespace;
    this.host = init.host;
  }

  /** The same path in another namespace (or without one) and host. */
  withLocation(namespace: string | undefined, host?: string): CIMInstanceName {
    const path = new CIMInstanceName({ classname: this.classname, keybindings: this.keybindings, namespace, host });
    path.#key = this.#key; // the key leaves the location out
    return path;
  }

  /** Identity of the instance within a namespace: equal for equal paths whatever their case. */
  get key(): string {
    this.#key ??= canonicalKey(this);
    return this.#key;
  }

  equals(other: CIMInstanceName): boolean {
    return this.key === other.key && sameNamespace(this.namespace, other.namespace);
  }

  /** The untyped WBEM URI form of DSP0207, as used in the CIMObject header. */
  toString(): string {
    const location = this.namespace ? (this.host ? `//${this.host}/${this.namespace}:` : `${this.namespace}:`) : '';
    // The unnamed key (see UNNAMED_KEY) is written `Class="v"`, the single-key shorthand WMI paths use.
    const unnamed = this.keybindings.size === 1 ? this.keybindings.get(UNNAMED_KEY) : undefined;
    if (unnamed !== undefined) return `${location}${this.classname}=${keyText(unnamed)}`;
    const keys = [...this.keybindings].map(([name, value]) => `${name}=${keyText(value)}`).join(',');
    return `${location}${this.classname}${keys ? '.' + keys : ''}`;
  }
}

function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || normalizeNamespace(a) === normalizeNamespace(b);
}

/** Namespaces compare without case and without leading or trailing slashes. */
export function normalizeNamespace(namespace: string): string {
  return namespace.replace(/^\/+|\/+$/g, '').toLowerCase();
}

/**
 * Built once per path, for every path of every generation: the keys in their
 * folded names' order, which their map's shape knows. Joined, not
 * concatenated, so that the key is one flat string and not a rope of a
 * dozen nodes kept as long as the path.
 */
function canonicalKey(path: CIMInstanceName): string {
  const parts = [path.classname.toLowerCase(), '.'];
  path.keybindings.forEachByKey((value, name) => parts.push(parts.length > 2 ? ',' : '', name, '=', keyIdentity(value)));
  return parts.join('');
}

/** Whether two key values are the same key, as paths compare them (strings with their case). */
export function sameKeyValue(a: CIMKeyValue, b: CIMKeyValue): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : keyIdentity(a) === keyIdentity(b);
}

function keyIdentity(value: CIMKeyValue): string {
  if (value instanceof CIMInstanceName) return `{${value.key}}`;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function keyText(value: CIMKeyValue): string {
  if (typeof value === 'string') return `"${value.replace(/["\\]/g, '\\$&')}"`;
  if (value instanceof CIMInstanceName) return `"${value.toString().replace(/["\\]/g, '\\$&')}"`;
  if (value instanceof CIMDateTime) return `"${value.value}"`;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}
