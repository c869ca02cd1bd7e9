import { CIM_SCOPES, isCIMType, type CIMScope, type CIMType } from '../cim/index.js';
import type {
  MofArray, MofClassDeclaration, MofFlavor, MofInitializer, MofInstanceDeclaration, MofLiteral,
  MofMethodDeclaration, MofPragma, MofProduction, MofPropertyDeclaration, MofPropertyValue, MofQualifier,
  MofQualifierDeclaration, MofTyped,
} from './declarations.js';
import { DEFAULT_MOF_LIMITS, DiagnosticSink, type MofDiagnostic, type MofLimits, type SourcePosition } from './diagnostics.js';
import { Lexer, describeToken, type Token } from './lexer.js';

export interface ParseResult {
  productions: MofProduction[];
  errors: MofDiagnostic[];
}

/**
 * Parses one MOF text (DSP0004 Annex A / DSP0221 as the DMTF schema uses it)
 * into declarations and pragmas. Never throws on bad input: each error is
 * reported with its position and parsing resumes after the declaration.
 */
export function parseMof(text: string, file = '<input>', limits: Partial<Pick<MofLimits, 'maxErrors'>> = {}): ParseResult {
  const sink = new DiagnosticSink(limits.maxErrors ?? DEFAULT_MOF_LIMITS.maxErrors);
  const productions = parseProductions(text, file, sink);
  return { productions, errors: sink.items };
}

/** Parses into `sink`, which the caller may share between files. */
export function parseProductions(text: string, file: string, sink: DiagnosticSink): MofProduction[] {
  return new Parser(new Lexer(text, file, sink), file, sink).parse();
}

const FLAVORS = new Map<string, MofFlavor>(
  (['EnableOverride', 'DisableOverride', 'ToSubclass', 'Restricted', 'Translatable', 'ToInstance'] as const).map((f) => [f.toLowerCase(), f]),
);

const SCOPE_NAMES = new Map<string, CIMScope | 'any'>([...CIM_SCOPES.map((s) => [s, s] as const), ['any', 'any']]);

/** Thrown inside the parser only; turned into a diagnostic at the declaration level. */
class SyntaxFailure extends Error {
  constructor(readonly token: Token, message: string) {
    super(message);
  }
}

class Parser {
  readonly #lexer: Lexer;
  readonly #file: string;
  readonly #sink: DiagnosticSink;
  /** Tokens read ahead (at most two). */
  readonly #ahead: Token[] = [];
  /** Braces opened and not yet closed by the tokens consumed so far. */
  #depth = 0;

  constructor(lexer: Lexer, file: string, sink: DiagnosticSink) {
    this.#lexer = lexer;
    this.#file = file;
    this.#sink = sink;
  }

  parse(): MofProduction[] {
    const out: MofProduction[] = [];
    while (this.#peek().kind !== 'eof' && !this.#sink.full) {
      const startDepth = this.#depth;
      const startToken = this.#peek();
      try {
        out.push(this.#production());
      } catch (err) {
        if (!(err instanceof SyntaxFailure)) throw err;
        this.#sink.add(this.#pos(err.token), err.message);
        this.#recover(startDepth, startToken);
      }
    }
    return out;
  }

  // ---- token helpers ----

  #peek(offset = 0): Token {
    while (this.#ahead.length <= offset) this.#ahead.push(this.#lexer.next());
    return this.#ahead[offset] as Token;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.kind === 'eof') return token;
    this.#ahead.shift();
    this.#depth += braceDelta(token);
    return token;
  }

  #pos(token: Token): SourcePosition {
    return { file: this.#file, line: token.line, column: token.column };
  }

  #fail(expected: string, token = this.#peek()): never {
    throw new SyntaxFailure(token, `expected ${expected}, found ${describeToken(token)}`);
  }

  #reject(message: string, token: Token): never {
    throw new SyntaxFailure(token, message);
  }

  #isPunct(ch: string, offset = 0): boolean {
    const t = this.#peek(offset);
    return t.kind === 'punct' && t.text === ch;
  }

  #isWord(word: string, offset = 0): boolean {
    const t = this.#peek(offset);
    return t.kind === 'identifier' && t.text.toLowerCase() === word;
  }

  #punct(ch: string, context: string): Token {
    if (!this.#isPunct(ch)) this.#fail(`'${ch}' ${context}`);
    return this.#next();
  }

  #word(word: string, spelled: string, context: string): Token {
    if (!this.#isWord(word)) this.#fail(`'${spelled}' ${context}`);
    return this.#next();
  }

  #identifier(what: string): Token {
    if (this.#peek().kind !== 'identifier') this.#fail(what);
    return this.#next();
  }

  /**
   * After an error, skips to the end of the broken declaration: the next ';'
   * outside the braces the declaration opened, or a pragma.
   */
  #recover(startDepth: number, startToken: Token): void {
    if (this.#peek() === startToken) this.#next();
    for (;;) {
      const t = this.#peek();
      const depth = this.#depth - startDepth;
      if (t.kind === 'eof' || (t.kind === 'pragma' && depth <= 0)) return;
      this.#next();
      if (this.#depth < startDepth) this.#depth = startDepth;
      if (this.#depth === startDepth && t.kind === 'punct' && t.text === ';') return;
    }
  }

  // ---- productions ----

  #production(): MofProduction {
    if (this.#peek().kind === 'pragma') return this.#pragma();
    const qualifiers = this.#isPunct('[') ? this.#qualifierList() : [];
    if (this.#isWord('class')) return this.#classDeclaration(qualifiers);
    if (this.#isWord('instance')) return this.#instanceDeclaration(qualifiers);
    if (this.#isWord('qualifier') && qualifiers.length === 0) return this.#qualifierDeclaration();
    this.#fail(qualifiers.length ? "'class' or 'instance' after the qualifier list" : 'a class, instance or qualifier declaration, or #pragma');
  }

  #pragma(): MofPragma {
    const pos = this.#pos(this.#next());
    const name = this.#identifier("a pragma name after '#pragma'").text;
    this.#punct('(', `after '#pragma ${name}'`);
    const args = [this.#string(`a string argument of '#pragma ${name}'`)];
    while (this.#isPunct(',')) {
      this.#next();
      args.push(this.#string(`a string argument of '#pragma ${name}'`));
    }
    this.#punct(')', `after the arguments of '#pragma ${name}'`);
    return { kind: 'pragma', name, args, pos };
  }

  /** One or more adjacent string literals, concatenated. */
  #string(what: string): string {
    if (this.#peek().kind !== 'string') this.#fail(what);
    let value = '';
    while (this.#peek().kind === 'string') value += this.#next().text;
    return value;
  }

  #qualifierList(): MofQualifier[] {
    this.#next();
    const list = [this.#qualifier()];
    while (this.#isPunct(',')) {
      this.#next();
      list.push(this.#qualifier());
    }
    this.#punct(']', 'after the qualifier list');
    return list;
  }

  #qualifier(): MofQualifier {
    const token = this.#identifier('a qualifier name');
    let value: MofInitializer | undefined;
    if (this.#isPunct('(')) {
      this.#next();
      value = this.#constant();
      this.#punct(')', `after the value of qualifier '${token.text}'`);
    } else if (this.#isPunct('{')) {
      value = this.#arrayInitializer();
    }
    const flavors: MofFlavor[] = [];
    if (this.#isPunct(':')) {
      this.#next();
      flavors.push(this.#flavor());
      while (this.#peek().kind === 'identifier' && FLAVORS.has(this.#peek().text.toLowerCase())) flavors.push(this.#flavor());
    }
    return { name: token.text, value, flavors, pos: this.#pos(token) };
  }

  #flavor(): MofFlavor {
    const flavor = this.#peek().kind === 'identifier' ? FLAVORS.get(this.#peek().text.toLowerCase()) : undefined;
    if (!flavor) this.#fail('a flavor (EnableOverride, DisableOverride, ToSubclass, Restricted, Translatable, ToInstance)');
    this.#next();
    return flavor;
  }

  #qualifierDeclaration(): MofQualifierDeclaration {
    const pos = this.#pos(this.#next());
    const name = this.#identifier("a qualifier name after 'Qualifier'").text;
    this.#punct(':', `after qualifier name '${name}'`);
    const type = this.#dataType(`a data type for qualifier '${name}'`);
    const { isArray, arraySize } = this.#arraySuffix();
    const defaultValue = this.#defaultValue();
    this.#punct(',', `before the scope of qualifier '${name}'`);
    this.#word('scope', 'Scope', `in the declaration of qualifier '${name}'`);
    const scopes = this.#scopes(name);
    const flavors: MofFlavor[] = [];
    if (this.#isPunct(',')) {
      this.#next();
      this.#word('flavor', 'Flavor', `after the scope of qualifier '${name}'`);
      this.#punct('(', "after 'Flavor'");
      flavors.push(this.#flavor());
      while (this.#isPunct(',')) {
        this.#next();
        flavors.push(this.#flavor());
      }
      this.#punct(')', 'after the flavors');
    }
    this.#punct(';', 'after qualifier declaration');
    return { kind: 'qualifier', name, type, isArray, arraySize, defaultValue, scopes, flavors, pos };
  }

  #scopes(qualifier: string): CIMScope[] {
    this.#punct('(', "after 'Scope'");
    const scopes = new Set<CIMScope | 'any'>([this.#scope(qualifier)]);
    while (this.#isPunct(',')) {
      this.#next();
      scopes.add(this.#scope(qualifier));
    }
    this.#punct(')', 'after the scopes');
    return scopes.has('any') ? [] : ([...scopes] as CIMScope[]);
  }

  #scope(qualifier: string): CIMScope | 'any' {
    const token = this.#peek();
    const scope = token.kind === 'identifier' ? SCOPE_NAMES.get(token.text.toLowerCase()) : undefined;
    if (!scope) this.#fail(`a scope of qualifier '${qualifier}' (${[...SCOPE_NAMES.keys()].join(', ')})`);
    this.#next();
    return scope;
  }

  #classDeclaration(qualifiers: MofQualifier[]): MofClassDeclaration {
    const pos = this.#pos(this.#next());
    const name = this.#identifier("a class name after 'class'").text;
    let superclass: string | undefined;
    if (this.#isPunct(':')) {
      this.#next();
      superclass = this.#identifier(`a superclass name after '${name} :'`).text;
    }
    this.#punct('{', `to open the body of class '${name}'`);
    const properties: MofPropertyDeclaration[] = [];
    const methods: MofMethodDeclaration[] = [];
    while (!this.#isPunct('}')) {
      const feature = this.#classFeature();
      if ('parameters' in feature) methods.push(feature);
      else properties.push(feature);
    }
    this.#next();
    this.#punct(';', `after the body of class '${name}'`);
    return { kind: 'class', name, superclass, qualifiers, properties, methods, pos };
  }

  #classFeature(): MofPropertyDeclaration | MofMethodDeclaration {
    const qualifiers = this.#isPunct('[') ? this.#qualifierList() : [];
    const start = this.#peek();
    const typed = this.#featureType("a property, reference or method declaration, or '}'");
    const nameToken = this.#identifier(`a name after ${typed.referenceClass ? `'${typed.referenceClass} REF'` : `type '${typed.type}'`}`);
    const pos = this.#pos(start);
    if (this.#isPunct('(')) {
      if (typed.type === 'reference') this.#reject(`method '${nameToken.text}' cannot return a reference`, nameToken);
      return this.#method(typed.type, nameToken.text, qualifiers, pos);
    }
    if (this.#isPunct('[') && typed.type === 'reference') {
      this.#reject(`reference property '${nameToken.text}' cannot be an array (CIM-XML has no reference array property)`, this.#peek());
    }
    const { isArray, arraySize } = this.#arraySuffix();
    const defaultValue = this.#defaultValue();
    this.#punct(';', 'after property declaration');
    return { ...typed, name: nameToken.text, qualifiers, isArray, arraySize, defaultValue, pos };
  }

  /** `datatype` or `ClassName REF`. */
  #featureType(what: string): Omit<MofTyped, 'isArray' | 'arraySize'> {
    const token = this.#identifier(what);
    if (this.#isWord('ref') && this.#peek(1).kind === 'identifier') {
      this.#next();
      return { type: 'reference', referenceClass: token.text };
    }
    const type = token.text.toLowerCase();
    if (!isCIMType(type) || type === 'reference') this.#fail("a data type or 'ClassName REF'", token);
    return { type, referenceClass: undefined };
  }

  #dataType(what: string): CIMType {
    const token = this.#identifier(what);
    const type = token.text.toLowerCase();
    if (!isCIMType(type) || type === 'reference') this.#fail(what, token);
    return type;
  }

  #method(returnType: CIMType, name: string, qualifiers: MofQualifier[], pos: SourcePosition): MofMethodDeclaration {
    this.#next();
    const parameters: MofPropertyDeclaration[] = [];
    if (!this.#isPunct(')')) {
      parameters.push(this.#parameter(name));
      while (this.#isPunct(',')) {
        this.#next();
        parameters.push(this.#parameter(name));
      }
    }
    this.#punct(')', `after the parameters of method '${name}'`);
    this.#punct(';', 'after method declaration');
    return { name, returnType, qualifiers, parameters, pos };
  }

  #parameter(method: string): MofPropertyDeclaration {
    const qualifiers = this.#isPunct('[') ? this.#qualifierList() : [];
    const start = this.#peek();
    const typed = this.#featureType(`a parameter of method '${method}'`);
    const name = this.#identifier('a parameter name').text;
    const { isArray, arraySize } = this.#arraySuffix();
    const defaultValue = this.#defaultValue();
    return { ...typed, name, qualifiers, isArray, arraySize, defaultValue, pos: this.#pos(start) };
  }

  #arraySuffix(): { isArray: boolean; arraySize: number | undefined } {
    if (!this.#isPunct('[')) return { isArray: false, arraySize: undefined };
    this.#next();
    let arraySize: number | undefined;
    const token = this.#peek();
    if (token.kind === 'integer') {
      const size = token.number as bigint;
      if (size < 1n || size > 0xffffffffn) this.#fail('a positive array size up to 4294967295');
      arraySize = Number(size);
      this.#next();
    }
    this.#punct(']', 'to close the array size');
    return { isArray: true, arraySize };
  }

  #defaultValue(): MofInitializer | undefined {
    if (!this.#isPunct('=')) return undefined;
    this.#next();
    return this.#initializer();
  }

  #initializer(): MofInitializer {
    return this.#isPunct('{') ? this.#arrayInitializer() : this.#constant();
  }

  #arrayInitializer(): MofArray {
    const pos = this.#pos(this.#next());
    const items: MofLiteral[] = [];
    if (!this.#isPunct('}')) {
      items.push(this.#constant());
      while (this.#isPunct(',')) {
        this.#next();
        items.push(this.#constant());
      }
    }
    this.#punct('}', 'to close the array value');
    return { kind: 'array', items, pos };
  }

  /** A literal: number (with sign), string(s), char, boolean, NULL, or an alias. */
  #constant(): MofLiteral {
    const token = this.#peek();
    const pos = this.#pos(token);
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: this.#string('a string'), pos };
      case 'char':
        this.#next();
        return { kind: 'char', value: token.text, pos };
      case 'alias':
        this.#next();
        return { kind: 'alias', name: token.text, pos };
      case 'integer':
      case 'real':
        return this.#number(false, pos);
      case 'punct':
        if (token.text === '-' || token.text === '+') {
          this.#next();
          return this.#number(token.text === '-', pos);
        }
        break;
      case 'identifier': {
        const word = token.text.toLowerCase();
        if (word === 'true' || word === 'false') {
          this.#next();
          return { kind: 'boolean', value: word === 'true', pos };
        }
        if (word === 'null') {
          this.#next();
          return { kind: 'null', pos };
        }
        break;
      }
    }
    this.#fail('a value');
  }

  #number(negative: boolean, pos: SourcePosition): MofLiteral {
    const token = this.#peek();
    if (token.kind === 'integer') {
      this.#next();
      const n = token.number as bigint;
      return { kind: 'integer', value: negative ? -n : n, pos };
    }
    if (token.kind === 'real') {
      this.#next();
      const n = token.number as number;
      return { kind: 'real', value: negative ? -n : n, pos };
    }
    this.#fail('a number after the sign');
  }

  #instanceDeclaration(qualifiers: MofQualifier[]): MofInstanceDeclaration {
    const pos = this.#pos(this.#next());
    this.#word('of', 'of', "after 'instance'");
    const classname = this.#identifier("a class name after 'instance of'").text;
    let alias: string | undefined;
    if (this.#isWord('as')) {
      this.#next();
      if (this.#peek().kind !== 'alias') this.#fail("an alias ('$name') after 'as'");
      alias = this.#next().text;
    }
    this.#punct('{', `to open the instance of '${classname}'`);
    const properties: MofPropertyValue[] = [];
    while (!this.#isPunct('}')) properties.push(this.#propertyValue());
    this.#next();
    this.#punct(';', `after the instance of '${classname}'`);
    return { kind: 'instance', classname, alias, qualifiers, properties, pos };
  }

  #propertyValue(): MofPropertyValue {
    const qualifiers = this.#isPunct('[') ? this.#qualifierList() : [];
    const token = this.#identifier("a property name or '}'");
    this.#punct('=', `after property name '${token.text}'`);
    const value = this.#initializer();
    this.#punct(';', 'after property value');
    return { name: token.text, qualifiers, value, pos: this.#pos(token) };
  }
}

function braceDelta(token: Token): number {
  if (token.kind !== 'punct') return 0;
  return token.text === '{' ? 1 : token.text === '}' ? -1 : 0;
}
