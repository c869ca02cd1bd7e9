/**
 * WQL, the query language of ExecQuery and of pull FilterQuery, in the subset
 * that coincides with DMTF:CQL (DSP0202) for one class:
 *
 *   SELECT * | prop [, prop]… FROM Class [WHERE condition]
 *   condition: OR, AND, NOT, ( ), comparisons (= <> != < <= > >=) between a
 *   property and a literal (either side) or two properties, prop IS [NOT] NULL,
 *   [prop] ISA Class
 *   prop: Name, Class.Name, or a path into embedded objects as CQL writes it
 *   (`SourceInstance.HealthState`, `SourceInstance.CIM_NumericSensor::CurrentReading`)
 *   literals: 'string' or "string", integers (decimal, 0x hex), reals, TRUE, FALSE, NULL
 *
 * Conditions use SQL's three-valued logic: a comparison with NULL is unknown,
 * and only rows whose condition is true are selected.
 */
import { CIMError, CIMStatus } from '../../cim/index.js';

export type Literal = string | number | bigint | boolean | null;

export type Condition =
  /** AND and OR chains are n-ary, so that only parentheses and NOT make the tree deeper. */
  | { kind: 'and' | 'or'; operands: Condition[] }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; op: CompareOp; property: string; value: Literal; reversed: boolean }
  /** Two properties compared, e.g. `SourceInstance.HealthState <> PreviousInstance.HealthState`. */
  | { kind: 'compareProperties'; op: CompareOp; left: string; right: string }
  | { kind: 'isnull'; property: string; negated: boolean }
  | { kind: 'isa'; property: string | undefined; classname: string };

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export interface Query {
  /** undefined for `SELECT *`. */
  properties: string[] | undefined;
  classname: string;
  where: Condition | undefined;
}

interface Token {
  kind: 'ident' | 'string' | 'number' | 'op' | 'punct' | 'end';
  text: string;
  /** 1-based character position in the query text. */
  position: number;
}

const KEYWORDS = new Set(['select', 'from', 'where', 'and', 'or', 'not', 'is', 'null', 'isa', 'true', 'false']);

/** Default of `maxDepth`: parentheses and NOTs nested in one another (limits.queryDepth). */
export const DEFAULT_QUERY_DEPTH = 64;

/**
 * Parses a query; a syntax error is CIM_ERR_INVALID_QUERY with the position
 * of the error. Parentheses and NOTs nest at most `maxDepth` deep: parsing
 * and evaluation recurse, and a hostile query must not exhaust the stack.
 */
export function parseQuery(text: string, maxDepth = DEFAULT_QUERY_DEPTH): Query {
  return new Parser(tokenize(text), maxDepth).query();
}

function invalid(position: number, message: string): CIMError {
  return new CIMError(CIMStatus.INVALID_QUERY, `invalid query at position ${position}: ${message}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const position = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const end = scanString(text, i);
      tokens.push({ kind: 'string', text: text.slice(i + 1, end).replaceAll(c + c, c), position });
      i = end + 1;
    } else if (/[0-9]/.test(c) || ((c === '-' || c === '+' || c === '.') && /[0-9.]/.test(text[i + 1] ?? ''))) {
      const m = /^[+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
      if (!m) throw invalid(position, `malformed number`);
      tokens.push({ kind: 'number', text: m[0], position });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:(?:\.|::)[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0], position });
      i += m[0].length;
    } else {
      const op = /^(?:<>|!=|<=|>=|=|<|>)/.exec(text.slice(i));
      if (op) {
        tokens.push({ kind: 'op', text: op[0] === '!=' ? '<>' : op[0], position });
        i += op[0].length;
      } else if ('(),*'.includes(c)) {
        tokens.push({ kind: 'punct', text: c, position });
        i++;
      } else {
        throw invalid(position, `unexpected character ${JSON.stringify(c)}`);
      }
    }
  }
  tokens.push({ kind: 'end', text: '', position: text.length + 1 });
  return tokens;
}

/** The index of the closing quote; a doubled quote stands for one. */
function scanString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i++;
      else return i;
    }
  }
  throw invalid(start + 1, 'unterminated string literal');
}

class Parser {
  #pos = 0;
  #depth = 0;
  constructor(private readonly tokens: Token[], private readonly maxDepth: number) {}

  query(): Query {
    this.keyword('select');
    const properties = this.selectList();
    this.keyword('from');
    const classname = this.name('a class name');
    let where: Condition | undefined;
    if (this.acceptKeyword('where')) where = this.or();
    const rest = this.peek();
    if (rest.kind !== 'end') throw invalid(rest.position, `unexpected ${describe(rest)} after the query`);
    return { properties, classname, where };
  }

  private selectList(): string[] | undefined {
    if (this.acceptPunct('*')) return undefined;
    const names = [this.name('a property name or *')];
    while (this.acceptPunct(',')) names.push(this.name('a property name'));
    return names.map(unqualified);
  }

  private or(): Condition {
    const operands = [this.and()];
    while (this.acceptKeyword('or')) operands.push(this.and());
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }

  private and(): Condition {
    const operands = [this.not()];
    while (this.acceptKeyword('and')) operands.push(this.not());
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  private not(): Condition {
    const token = this.peek();
    if (!this.acceptKeyword('not')) return this.primary();
    return this.nested(token, () => ({ kind: 'not', operand: this.not() }));
  }

  private primary(): Condition {
    const open = this.peek();
    if (this.acceptPunct('(')) {
      return this.nested(open, () => {
        const inner = this.or();
        this.expectPunct(')');
        return inner;
      });
    }
    if (this.acceptKeyword('isa')) return { kind: 'isa', property: undefined, classname: this.name('a class name') };
    const token = this.peek();
    if (token.kind === 'ident' && !KEYWORDS.has(token.text.toLowerCase())) return this.predicateOnProperty();
    if (token.kind === 'string' || token.kind === 'number' || isLiteralKeyword(token)) return this.reversedComparison();
    throw invalid(token.position, `expected a condition, found ${describe(token)}`);
  }

  /** Parses one level of nesting, refusing more than maxDepth levels. */
  private nested(token: Token, parse: () => Condition): Condition {
    if (++this.#depth > this.maxDepth) {
      throw invalid(token.position, `parentheses and NOT nest deeper than ${this.maxDepth} levels`);
    }
    const condition = parse();
    this.#depth--;
    return condition;
  }

  private predicateOnProperty(): Condition {
    const property = this.next().text;
    if (this.acceptKeyword('is')) {
      const negated = this.acceptKeyword('not');
      this.keyword('null');
      return { kind: 'isnull', property, negated };
    }
    if (this.acceptKeyword('isa')) return { kind: 'isa', property, classname: this.name('a class name') };
    this.refuseLike();
    const op = this.operator();
    const right = this.peek();
    if (right.kind === 'ident' && !KEYWORDS.has(right.text.toLowerCase())) {
      this.#pos++;
      return { kind: 'compareProperties', op, left: property, right: right.text };
    }
    return { kind: 'compare', op, property, value: this.literal(), reversed: false };
  }

  /** `literal op property`, e.g. `30 < CurrentReading`. */
  private reversedComparison(): Condition {
    const value = this.literal();
    const op = this.operator();
    return { kind: 'compare', op, property: this.name('a property name'), value, reversed: true };
  }

  /**
   * LIKE is valid WQL and CQL, each with a pattern language of its own
   * (WQL's % and _), where this parser serves both: a feature not supported,
   * not a syntax error.
   */
  private refuseLike(): void {
    const token = this.peek();
    const like = (t: Token | undefined) => t?.kind === 'ident' && t.text.toLowerCase() === 'like';
    const negated = token.kind === 'ident' && token.text.toLowerCase() === 'not' && like(this.tokens[this.#pos + 1]);
    if (like(token) || negated) {
      throw new CIMError(CIMStatus.QUERY_FEATURE_NOT_SUPPORTED, `query at position ${token.position}: LIKE is not supported; compare with = or <>`);
    }
  }

  private operator(): CompareOp {
    const token = this.next();
    if (token.kind !== 'op') throw invalid(token.position, `expected a comparison operator, IS or ISA, found ${describe(token)}`);
    return token.text as CompareOp;
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return numberLiteral(token);
    const word = token.text.toLowerCase();
    if (token.kind === 'ident' && word === 'true') return true;
    if (token.kind === 'ident' && word === 'false') return false;
    if (token.kind === 'ident' && word === 'null') return null;
    throw invalid(token.position, `expected a literal, found ${describe(token)}`);
  }

  private name(what: string): string {
    const token = this.next();
    if (token.kind !== 'ident' || KEYWORDS.has(token.text.toLowerCase())) {
      throw invalid(token.position, `expected ${what}, found ${describe(token)}`);
    }
    return token.text;
  }

  private keyword(word: string): void {
    const token = this.next();
    if (token.kind !== 'ident' || token.text.toLowerCase() !== word) {
      throw invalid(token.position, `expected ${word.toUpperCase()}, found ${describe(token)}`);
    }
  }

  private acceptKeyword(word: string): boolean {
    const token = this.peek();
    if (token.kind === 'ident' && token.text.toLowerCase() === word) {
      this.#pos++;
      return true;
    }
    return false;
  }

  private acceptPunct(p: string): boolean {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === p) {
      this.#pos++;
      return true;
    }
    return false;
  }

  private expectPunct(p: string): void {
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== p) throw invalid(token.position, `expected '${p}', found ${describe(token)}`);
  }

  private peek(): Token {
    return this.tokens[this.#pos]!;
  }

  private next(): Token {
    const token = this.tokens[this.#pos]!;
    if (token.kind !== 'end') this.#pos++;
    return token;
  }
}

function isLiteralKeyword(token: Token): boolean {
  return token.kind === 'ident' && ['true', 'false', 'null'].includes(token.text.toLowerCase());
}

function numberLiteral(token: Token): number | bigint {
  const t = token.text;
  if (/^[+-]?\d+$/.test(t)) return BigInt(t);
  if (/^[+-]?0[xX]/.test(t)) {
    const n = BigInt(t.replace(/^[+-]/, ''));
    return t.startsWith('-') ? -n : n;
  }
  return Number(t);
}

/** In a select list, `CIM_Fan.ElementName` and `ElementName` name the same property of the FROM class. */
function unqualified(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? name : name.slice(dot + 1);
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the query';
  if (token.kind === 'string') return `string '${token.text}'`;
  return `'${token.text}'`;
}
