/**
 * The netrc file (as ftp, curl and Python's netrc read it): `machine HOST
 * login USER password PW`, a `default` entry for any other host, `account`
 * ignored, `macdef NAME` bodies skipped up to the next blank line, `#`
 * comments, double-quoted tokens with backslash escapes.
 */

export interface NetrcEntry {
  login?: string;
  password?: string;
}

export interface Netrc {
  /** Entries by lower-cased host name, first one wins. */
  machines: Map<string, NetrcEntry>;
  default?: NetrcEntry;
}

/** A syntax error, with the 1-based line it was found on. */
export class NetrcError extends Error {
  constructor(message: string, readonly line: number, readonly file = 'netrc') {
    super(`${file}:${line}: ${message}`);
    this.name = 'NetrcError';
  }
}

interface Token {
  text: string;
  line: number;
}

export function parseNetrc(text: string, file?: string): Netrc {
  const netrc: Netrc = { machines: new Map() };
  const tokens = tokenize(text, file);
  let entry: NetrcEntry | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const value = (): string => {
      const next = tokens[++i];
      if (next === undefined) throw new NetrcError(`'${token.text}' needs a value`, token.line, file);
      return next.text;
    };
    switch (token.text) {
      case 'machine': {
        const host = value().toLowerCase();
        entry = {};
        if (!netrc.machines.has(host)) netrc.machines.set(host, entry);
        break;
      }
      case 'default':
        entry = {};
        netrc.default ??= entry;
        break;
      case 'login':
      case 'password':
      case 'account': {
        if (!entry) throw new NetrcError(`'${token.text}' before any 'machine' or 'default'`, token.line, file);
        const v = value();
        if (token.text !== 'account') entry[token.text] = v;
        break;
      }
      case 'macdef':
        value();
        break;
      default:
        throw new NetrcError(`unexpected '${token.text}'`, token.line, file);
    }
  }
  return netrc;
}

/** The entry for `host`, else the default entry. */
export function netrcEntry(netrc: Netrc, host: string): NetrcEntry | undefined {
  return netrc.machines.get(host.toLowerCase()) ?? netrc.default;
}

function tokenize(text: string, file: string | undefined): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      i++;
    } else if (/\s/.test(ch)) {
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else {
      const start = line;
      let value = '';
      if (ch === '"') {
        i++;
        while (text[i] !== '"') {
          if (i >= text.length) throw new NetrcError('unterminated quoted token', start, file);
          if (text[i] === '\\' && i + 1 < text.length) i++;
          if (text[i] === '\n') line++;
          value += text[i++];
        }
        i++;
      } else {
        while (i < text.length && !/\s/.test(text[i]!)) {
          if (text[i] === '\\' && i + 1 < text.length) i++;
          value += text[i++];
        }
      }
      tokens.push({ text: value, line: start });
      if (value === 'macdef' && ch !== '"') {
        // The macro's name follows on this line; its body runs to the first empty line.
        const end = text.indexOf('\n', i);
        const nameLine = end < 0 ? text.slice(i) : text.slice(i, end);
        tokens.push({ text: nameLine.trim(), line });
        const body = end < 0 ? -1 : text.indexOf('\n\n', end);
        const stop = body < 0 ? text.length : body + 2;
        line += countLines(text.slice(i, stop));
        i = stop;
      }
    }
  }
  return tokens;
}

function countLines(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '\n') n++;
  return n;
}
