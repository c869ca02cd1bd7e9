/**
 * Text forms a client reads from its user: the server URL (scheme, host,
 * port, and a namespace in the path) and an instance path in the untyped
 * WBEM URI form of DSP0207 (`Class.Key="v",N=1`), as `CIMInstanceName.toString()`
 * writes it.
 */
import { CIMInstanceName } from '../cim/index.js';
import type { CIMKeyValue } from '../cim/index.js';

/** IANA ports of CIM-XML (DSP0200): 5988 wbem-http, 5989 wbem-https. */
export const DEFAULT_PORTS = { http: 5988, https: 5989 } as const;

/** Bad text in an instance path or URL; `position` is the 0-based index of the offending character. */
export class WBEMURIError extends Error {
  constructor(message: string, readonly text: string, readonly position?: number) {
    super(position === undefined ? message : `${message} at position ${position + 1} of ${JSON.stringify(text)}`);
    this.name = 'WBEMURIError';
  }
}

export interface ServerURL {
  /** scheme://host:port, always with a port. */
  url: URL;
  /** The namespace named by the path (`/root/cimv2` → `root/cimv2`), if any. */
  namespace: string | undefined;
}

/**
 * Reads `https://host:5989`, `http://host/root/cimv2`, or a bare `host`
 * (HTTPS, as pywbem assumes). The port defaults to 5988/5989. Credentials
 * in the URL are refused: they would show in the process list.
 */
export function parseServerURL(text: string): ServerURL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new WBEMURIError('not a URL', text);
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') throw new WBEMURIError(`unsupported scheme '${scheme}' (http or https)`, text);
  if (url.username || url.password) throw new WBEMURIError('credentials do not belong in the URL (use --user with --password-file, the environment or netrc)', text);
  if (url.search || url.hash) throw new WBEMURIError('a server URL has no query or fragment', text);
  const namespace = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  const server = new URL(`${scheme}://${url.host}`);
  if (!server.port) server.port = String(DEFAULT_PORTS[scheme]);
  return { url: server, namespace: namespace || undefined };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;

/**
 * Parses an untyped WBEM URI instance path: `[//host/][namespace:]Class[.key=value,…]`.
 * Values: `"text"` with `\"` and `\\` escapes (a quoted instance path is a
 * reference, as in pywbem), TRUE/FALSE, decimal numbers (bigint beyond 2^53).
 */
export function parseInstancePath(text: string): CIMInstanceName {
  return new PathReader(text).read();
}

class PathReader {
  #pos = 0;

  constructor(private readonly text: string) {}

  read(): CIMInstanceName {
    const { host, namespace } = this.#location();
    const classname = this.#name('class name');
    const keybindings: [string, CIMKeyValue][] = [];
    if (this.#peek() === '.') {
      this.#pos++;
      do {
        const name = this.#name('key name');
        this.#expect('=');
        keybindings.push([name, this.#value(name)]);
      } while (this.#accept(','));
    }
    if (this.#pos < this.text.length) this.#fail(`unexpected '${this.text[this.#pos]}'`);
    const seen = new Set<string>();
    for (const [name] of keybindings) {
      if (seen.has(name.toLowerCase())) throw new WBEMURIError(`key '${name}' is given twice`, this.text);
      seen.add(name.toLowerCase());
    }
    return new CIMInstanceName({ classname, keybindings, namespace, host });
  }

  /** `//host/namespace:` or `namespace:` (a colon before any '.', '=' or quote), or nothing. */
  #location(): { host?: string; namespace?: string } {
    let host: string | undefined;
    if (this.text.startsWith('//')) {
      const slash = this.text.indexOf('/', 2);
      if (slash < 0) this.#fail('a host must be followed by /namespace:', 2);
      host = this.text.slice(2, slash);
      this.#pos = slash + 1;
    }
    const rest = this.text.slice(this.#pos);
    const colon = rest.search(/[:.="]/);
    if (colon < 0 || rest[colon] !== ':') {
      if (host !== undefined) this.#fail('a host must be followed by /namespace:');
      return {};
    }
    const namespace = rest.slice(0, colon).replace(/^\/+|\/+$/g, '');
    if (!namespace) this.#fail('empty namespace');
    this.#pos += colon + 1;
    return host === undefined ? { namespace } : { host, namespace };
  }

  #name(what: string): string {
    const match = /^[^.,=":]*/.exec(this.text.slice(this.#pos))![0];
    if (!NAME.test(match)) this.#fail(match ? `'${match}' is not a valid ${what}` : `a ${what} is missing`);
    this.#pos += match.length;
    return match;
  }

  #value(key: string): CIMKeyValue {
    if (this.#peek() === '"') return this.#quoted();
    const raw = /^[^,]*/.exec(this.text.slice(this.#pos))![0];
    const start = this.#pos;
    this.#pos += raw.length;
    if (/^true$/i.test(raw)) return true;
    if (/^false$/i.test(raw)) return false;
    if (!NUMBER.test(raw)) this.#fail(raw ? `the value of key '${key}' must be quoted, a number, TRUE or FALSE` : `key '${key}' has no value`, start);
    if (/^[+-]?\d+$/.test(raw)) {
      const n = BigInt(raw);
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    return Number(raw);
  }

  #quoted(): CIMKeyValue {
    const start = this.#pos++;
    let value = '';
    for (;;) {
      const ch = this.text[this.#pos++];
      if (ch === undefined) this.#fail('unterminated quoted value', start);
      if (ch === '"') break;
      if (ch === '\\') {
        const next = this.text[this.#pos++];
        if (next === undefined) this.#fail('unterminated quoted value', start);
        value += next;
      } else {
        value += ch;
      }
    }
    return asReference(value) ?? value;
  }

  #peek(): string | undefined {
    return this.text[this.#pos];
  }

  #accept(ch: string): boolean {
    if (this.#peek() !== ch) return false;
    this.#pos++;
    return true;
  }

  #expect(ch: string): void {
    if (!this.#accept(ch)) this.#fail(`expected '${ch}'`);
  }

  #fail(message: string, position = this.#pos): never {
    throw new WBEMURIError(message, this.text, position);
  }
}

/** A quoted value that reads as an instance path with keys is a reference key (pywbem does the same). */
function asReference(value: string): CIMInstanceName | undefined {
  if (!/^(?:\/\/[^/]+\/)?(?:[^:.="]+:)?[A-Za-z_]\w*\.[A-Za-z_]\w*=/.test(value)) return undefined;
  try {
    return parseInstancePath(value);
  } catch {
    return undefined;
  }
}
