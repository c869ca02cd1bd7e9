/**
 * JSON.parse with a position on every syntax error: V8 names the offset for
 * some errors only, so a failed parse is re-read by a small scanner that
 * finds where the text stops being JSON (RFC 8259).
 */

export interface JsonSyntaxProblem {
  /** 1-based line and column of the first character that is not valid JSON there. */
  line: number;
  column: number;
  message: string;
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; problem: JsonSyntaxProblem };

export function parseJsonText(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { offset, reason } = firstSyntaxError(text) ?? { offset: text.length };
    const { line, column } = lineColumn(text, offset);
    const found = offset < text.length ? `unexpected ${JSON.stringify(text[offset])}` : 'unexpected end of text';
    return { ok: false, problem: { line, column, message: `invalid JSON: ${reason ?? found}` } };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where `text` stops being JSON: the offset of the first bad character
 * (text.length when it ends too early), and why when it is not just that
 * character; undefined for valid JSON.
 */
export function firstSyntaxError(text: string): { offset: number; reason?: string } | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.space();
    if (scanner.pos < text.length) throw new Stop(scanner.pos);
    return undefined;
  } catch (stop) {
    if (stop instanceof Stop) return stop.reason === undefined ? { offset: stop.offset } : { offset: stop.offset, reason: stop.reason };
    throw stop;
  }
}

class Stop {
  constructor(readonly offset: number, readonly reason?: string) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const STRING_PART = /[^"\\\u0000-\u001f]+|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** Nesting deeper than this is reported where it starts (it also bounds the scanner's recursion). */
export const MAX_JSON_DEPTH = 256;

class Scanner {
  pos = 0;
  readonly #text: string;
  #depth = 0;

  constructor(text: string) {
    this.#text = text;
  }

  space(): void {
    while (/[ \t\n\r]/.test(this.#text[this.pos] ?? '')) this.pos++;
  }

  value(): void {
    this.space();
    const c = this.#text[this.pos];
    if (c === '{') this.#container('}', () => { this.#string(); this.#expect(':'); this.value(); });
    else if (c === '[') this.#container(']', () => this.value());
    else if (c === '"') this.#string();
    else if (!this.#match(NUMBER) && !this.#match(LITERAL)) throw new Stop(this.pos);
  }

  #container(close: string, member: () => void): void {
    if (++this.#depth > MAX_JSON_DEPTH) throw new Stop(this.pos, `nesting deeper than ${MAX_JSON_DEPTH}`);
    this.pos++;
    this.space();
    if (this.#text[this.pos] === close) {
      this.pos++;
      this.#depth--;
      return;
    }
    for (;;) {
      member();
      this.space();
      const c = this.#text[this.pos];
      this.pos++;
      if (c === close) break;
      if (c !== ',') throw new Stop(this.pos - 1);
    }
    this.#depth--;
  }

  #string(): void {
    this.space();
    if (this.#text[this.pos] !== '"') throw new Stop(this.pos);
    this.pos++;
    while (this.#text[this.pos] !== '"') {
      if (!this.#match(STRING_PART)) throw new Stop(this.pos);
    }
    this.pos++;
  }

  #expect(c: string): void {
    this.space();
    if (this.#text[this.pos] !== c) throw new Stop(this.pos);
    this.pos++;
  }

  #match(pattern: RegExp): boolean {
    pattern.lastIndex = this.pos;
    if (!pattern.test(this.#text)) return false;
    this.pos = pattern.lastIndex;
    return true;
  }
}
