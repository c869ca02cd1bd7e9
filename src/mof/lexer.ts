import type { DiagnosticSink } from './diagnostics.js';

export type TokenKind = 'identifier' | 'string' | 'char' | 'integer' | 'real' | 'alias' | 'pragma' | 'punct' | 'eof';

/**
 * A MOF token. `text` is the identifier, the punctuation character, the
 * unescaped string or char value, the alias name without `$`, or the source
 * text of a number (whose value is in `number`).
 */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly number: bigint | number | undefined;
  readonly line: number;
  readonly column: number;
}

const PUNCTUATION = new Set(['{', '}', '(', ')', '[', ']', ';', ',', ':', '=', '+', '-']);

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', "'": "'", '\\': '\\' };

const DECIMAL = /^(?:0|[1-9]\d*)$/;
const OCTAL = /^0[0-7]+$/;
const HEX = /^0[xX][0-9a-fA-F]+$/;
const BINARY = /^[01]+[bB]$/;
const REAL = /^(?:\d*\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)$/;

/** A short, quoted rendering of a token for error messages. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of file';
    case 'punct':
      return `'${token.text}'`;
    case 'identifier':
      return `'${token.text}'`;
    case 'string':
      return `string ${JSON.stringify(clip(token.text))}`;
    case 'char':
      return `char '${token.text}'`;
    case 'alias':
      return `alias '$${token.text}'`;
    case 'pragma':
      return "'#pragma'";
    default:
      return `number ${token.text}`;
  }
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * Splits MOF text into tokens (DSP0004 Annex A lexical rules): comments and
 * whitespace are dropped, literals carry their values. Lexical errors go to
 * `sink` and the lexer moves on, so it always terminates.
 */
export function tokenize(text: string, file: string, sink: DiagnosticSink): Token[] {
  const lexer = new Lexer(text, file, sink);
  const tokens: Token[] = [];
  for (let t = lexer.next(); ; t = lexer.next()) {
    tokens.push(t);
    if (t.kind === 'eof') return tokens;
  }
}

/** Produces tokens one at a time, so that memory does not grow with the input. */
export class Lexer {
  readonly #src: string;
  readonly #file: string;
  readonly #sink: DiagnosticSink;
  #pos = 0;
  #line = 1;
  #lineStart = 0;

  constructor(src: string, file: string, sink: DiagnosticSink) {
    this.#src = src;
    this.#file = file;
    this.#sink = sink;
    if (src.charCodeAt(0) === 0xfeff) this.#pos = 1;
  }

  /** The next token; 'eof' at the end of the text or once the error limit is reached. */
  next(): Token {
    while (!this.#sink.full) {
      this.#skipTrivia();
      if (this.#pos >= this.#src.length) break;
      const token = this.#token();
      if (token) return token;
    }
    return this.#make('eof', '', undefined, this.#pos);
  }

  #error(offset: number, message: string): void {
    this.#sink.add({ file: this.#file, line: this.#line, column: offset - this.#lineStart + 1 }, message);
  }

  #make(kind: TokenKind, text: string, number: bigint | number | undefined, start: number): Token {
    return { kind, text, number, line: this.#line, column: start - this.#lineStart + 1 };
  }

  #newline(at: number): void {
    this.#line++;
    this.#lineStart = at + 1;
  }

  #skipTrivia(): void {
    const src = this.#src;
    while (this.#pos < src.length) {
      const c = src.charCodeAt(this.#pos);
      if (c === 10) {
        this.#newline(this.#pos);
        this.#pos++;
      } else if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
        this.#pos++;
      } else if (c === 47 && src.charCodeAt(this.#pos + 1) === 47) {
        const end = src.indexOf('\n', this.#pos);
        this.#pos = end < 0 ? src.length : end;
      } else if (c === 47 && src.charCodeAt(this.#pos + 1) === 42) {
        this.#skipBlockComment();
      } else {
        return;
      }
    }
  }

  #skipBlockComment(): void {
    const src = this.#src;
    const start = this.#pos;
    const end = src.indexOf('*/', start + 2);
    if (end < 0) {
      this.#error(start, "unterminated comment: '/*' without '*/'");
      this.#pos = src.length;
      return;
    }
    for (let i = src.indexOf('\n', start); i >= 0 && i < end; i = src.indexOf('\n', i + 1)) this.#newline(i);
    this.#pos = end + 2;
  }

  /** One token from here, or undefined after a lexical error (already reported). */
  #token(): Token | undefined {
    const src = this.#src;
    const start = this.#pos;
    const ch = src[start] as string;
    const c = ch.charCodeAt(0);
    if (isIdentifierStart(c)) return this.#make('identifier', this.#identifier(), undefined, start);
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(start + 1)))) return this.#number();
    if (ch === '"') return this.#string();
    if (ch === "'") return this.#char();
    if (ch === '$') return this.#alias();
    if (ch === '#') return this.#pragma();
    if (PUNCTUATION.has(ch)) {
      this.#pos++;
      return this.#make('punct', ch, undefined, start);
    }
    const cp = String.fromCodePoint(src.codePointAt(start) ?? c);
    this.#pos += cp.length;
    this.#error(start, `unexpected character ${JSON.stringify(cp)}`);
    return undefined;
  }

  #alias(): Token | undefined {
    const start = this.#pos++;
    if (!isIdentifierStart(this.#src.charCodeAt(this.#pos))) {
      this.#error(start, "expected an alias name after '$'");
      return undefined;
    }
    return this.#make('alias', this.#identifier(), undefined, start);
  }

  #identifier(): string {
    const src = this.#src;
    const start = this.#pos;
    while (this.#pos < src.length && isIdentifierPart(src.charCodeAt(this.#pos))) this.#pos++;
    return src.slice(start, this.#pos);
  }

  #pragma(): Token | undefined {
    const start = this.#pos++;
    const word = isIdentifierStart(this.#src.charCodeAt(this.#pos)) ? this.#identifier() : '';
    if (word.toLowerCase() === 'pragma') return this.#make('pragma', '#pragma', undefined, start);
    this.#error(start, "expected 'pragma' after '#'");
    return undefined;
  }

  /** Numbers run over letters, digits and dots (and an exponent's sign); the shape decides the kind. */
  #number(): Token | undefined {
    const src = this.#src;
    const start = this.#pos;
    for (;;) {
      const c = src.charCodeAt(this.#pos);
      if (isIdentifierPart(c) || c === 46) {
        this.#pos++;
      } else if ((c === 43 || c === 45) && /^\d*\.?\d*[eE]$/.test(src.slice(start, this.#pos))) {
        this.#pos++;
      } else {
        break;
      }
    }
    const text = src.slice(start, this.#pos);
    if (DECIMAL.test(text) || HEX.test(text)) return this.#make('integer', text, BigInt(text), start);
    if (BINARY.test(text)) return this.#make('integer', text, BigInt('0b' + text.slice(0, -1)), start);
    if (OCTAL.test(text)) return this.#make('integer', text, BigInt('0o' + text.slice(1)), start);
    if (REAL.test(text)) return this.#make('real', text, Number(text), start);
    this.#error(start, `invalid number '${text}'`);
    return undefined;
  }

  #string(): Token {
    const src = this.#src;
    const start = this.#pos;
    let value = '';
    let from = ++this.#pos;
    for (;;) {
      const c = src.charCodeAt(this.#pos);
      if (c === 34) {
        value += src.slice(from, this.#pos);
        this.#pos++;
        return this.#make('string', value, undefined, start);
      }
      if (c === 92) {
        value += src.slice(from, this.#pos) + this.#escape();
        from = this.#pos;
      } else if (c === 10 || Number.isNaN(c)) {
        this.#error(start, 'unterminated string: expected \'"\' before the end of the line');
        return this.#make('string', value + src.slice(from, this.#pos), undefined, start);
      } else {
        this.#pos++;
      }
    }
  }

  #char(): Token | undefined {
    const src = this.#src;
    const start = this.#pos++;
    let value: string;
    if (src.charCodeAt(this.#pos) === 92) {
      value = this.#escape();
    } else {
      const cp = src.codePointAt(this.#pos);
      value = cp === undefined || cp === 10 || cp === 39 ? '' : String.fromCodePoint(cp);
      this.#pos += value.length;
    }
    if (value === '' || src.charCodeAt(this.#pos) !== 39) {
      this.#error(start, "invalid char literal: expected one character between single quotes");
      while (this.#pos < src.length && src.charCodeAt(this.#pos) !== 39 && src.charCodeAt(this.#pos) !== 10) this.#pos++;
      if (src.charCodeAt(this.#pos) === 39) this.#pos++;
      return undefined;
    }
    this.#pos++;
    return this.#make('char', value, undefined, start);
  }

  /** At a backslash: consumes an escape sequence and returns the character it stands for. */
  #escape(): string {
    const src = this.#src;
    const start = this.#pos;
    const letter = src[start + 1] ?? '';
    const simple = ESCAPES[letter];
    if (simple !== undefined) {
      this.#pos += 2;
      return simple;
    }
    if (letter === 'x' || letter === 'X') {
      const digits = /^[0-9a-fA-F]{1,4}/.exec(src.slice(start + 2, start + 6))?.[0];
      if (digits) {
        this.#pos += 2 + digits.length;
        return String.fromCharCode(parseInt(digits, 16));
      }
      this.#error(start, `invalid escape '\\${letter}': expected 1 to 4 hex digits`);
      this.#pos += 2;
      return '';
    }
    if (letter === '' || letter === '\n' || letter === '\r') {
      this.#pos++; // the literal is unterminated; its caller says so
      return '';
    }
    this.#error(start, `invalid escape '\\${letter}' (known: \\b \\t \\n \\f \\r \\" \\' \\\\ \\xHHHH)`);
    this.#pos += 2;
    return '';
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Letters, underscore and (DSP0004 UNICODE_CHAR) any character from U+0080 on. */
function isIdentifierStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c >= 0x80 && c !== 0xfeff);
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || isDigit(c);
}
