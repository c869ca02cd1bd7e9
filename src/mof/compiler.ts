import { readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { describeFileError } from '../file-errors.js';
import type { MofDeclaration, MofPragma } from './declarations.js';
import { DEFAULT_MOF_LIMITS, DiagnosticSink, type MofDiagnostic, type MofLimits, type SourcePosition } from './diagnostics.js';
import { parseProductions } from './parser.js';

export interface CompileOptions {
  limits?: Partial<MofLimits>;
  /**
   * Reads a file as text. The default reads UTF-8 from disk and refuses files
   * above `limits.maxFileBytes`; a replacement is trusted with that limit.
   */
  readFile?: (path: string) => string;
}

export interface MofCompilation {
  /** Every declaration in source order (includes expanded); `namespace` set where a pragma chose one. */
  declarations: MofDeclaration[];
  /** The files read, in order, as absolute paths: what a compiled form depends on. */
  files: string[];
  errors: MofDiagnostic[];
}

/**
 * Compiles MOF files into declarations: parses each file, follows
 * `#pragma include` (relative to the including file), applies
 * `#pragma namespace`, accepts `#pragma locale` and ignores other pragmas.
 * A file is read once per compilation: including it again does nothing.
 * Never throws for bad input; every problem is in `errors`.
 */
export function compileMof(files: string | readonly string[], options: CompileOptions = {}): MofCompilation {
  const limits = { ...DEFAULT_MOF_LIMITS, ...options.limits };
  const compiler = new Compiler(limits, options.readFile ?? ((path) => readLimited(path, limits.maxFileBytes)));
  for (const file of typeof files === 'string' ? [files] : files) {
    if (compiler.sink.full) break;
    compiler.compileFile(normalize(file), undefined, 0);
  }
  return { declarations: compiler.declarations, files: compiler.files, errors: compiler.sink.items };
}

class Compiler {
  readonly sink: DiagnosticSink;
  readonly declarations: MofDeclaration[] = [];
  readonly files: string[] = [];
  readonly #seen = new Set<string>();
  readonly #limits: MofLimits;
  readonly #read: (path: string) => string;
  /** Set by `#pragma namespace`; it stays in force across includes, as textual inclusion would. */
  #namespace: string | undefined;
  #bytes = 0;

  constructor(limits: MofLimits, read: (path: string) => string) {
    this.sink = new DiagnosticSink(limits.maxErrors);
    this.#limits = limits;
    this.#read = read;
  }

  /** `from` is the include pragma that named the file (undefined for a root file). */
  compileFile(file: string, from: MofPragma | undefined, depth: number): void {
    const absolute = resolve(file);
    if (this.#seen.has(absolute)) return;
    const where: SourcePosition = from?.pos ?? { file, line: 0, column: 0 };
    if (this.files.length >= this.#limits.maxFiles) {
      this.sink.add(where, `too many MOF files: the limit is ${this.#limits.maxFiles}`);
      return;
    }
    this.#seen.add(absolute);
    let text: string;
    try {
      text = this.#read(absolute);
    } catch (err) {
      const reason = describeFileError(err);
      this.sink.add(where, from ? `cannot include ${JSON.stringify(from.args[0])} (${absolute}): ${reason}` : `cannot read file: ${reason}`);
      return;
    }
    this.#bytes += Buffer.byteLength(text);
    if (this.#bytes > this.#limits.maxTotalBytes) {
      this.sink.add(where, `the MOF files read exceed ${this.#limits.maxTotalBytes} bytes in all`);
      return;
    }
    this.files.push(absolute);
    for (const production of parseProductions(text, file, this.sink)) {
      if (production.kind === 'pragma') this.#pragma(production, file, depth);
      else this.declarations.push(this.#namespace === undefined ? production : { ...production, namespace: this.#namespace });
      if (this.sink.full) return;
    }
  }

  #pragma(pragma: MofPragma, file: string, depth: number): void {
    const name = pragma.name.toLowerCase();
    if (name !== 'include' && name !== 'namespace' && name !== 'locale') return;
    const [arg] = pragma.args;
    if (pragma.args.length !== 1 || arg === undefined) {
      this.sink.add(pragma.pos, `expected one argument to '#pragma ${pragma.name}', found ${pragma.args.length}`);
    } else if (name === 'include') {
      if (depth + 1 > this.#limits.maxIncludeDepth) {
        this.sink.add(pragma.pos, `includes nested deeper than ${this.#limits.maxIncludeDepth} levels`);
      } else {
        this.compileFile(join(dirname(file), arg), pragma, depth + 1);
      }
    } else if (name === 'namespace') {
      const namespace = arg.replace(/^\/+|\/+$/g, '');
      if (namespace === '') this.sink.add(pragma.pos, `expected a namespace name in '#pragma namespace', found ${JSON.stringify(arg)}`);
      else this.#namespace = namespace;
    }
  }
}

function readLimited(path: string, maxBytes: number): string {
  const size = statSync(path).size;
  if (size > maxBytes) throw new RangeError(`file is ${size} bytes, the limit is ${maxBytes}`);
  return readFileSync(path, 'utf8');
}
