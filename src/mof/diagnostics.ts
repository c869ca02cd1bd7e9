/** Where something was written: 1-based line and column (column 0 for a whole file). */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One problem found in MOF: where it is and what was expected. */
export interface MofDiagnostic extends SourcePosition {
  readonly message: string;
}

/** `file:line:col: message`, or `file: message` for a problem with the file as a whole. */
export function formatDiagnostic(d: MofDiagnostic): string {
  return d.line > 0 ? `${d.file}:${d.line}:${d.column}: ${d.message}` : `${d.file}: ${d.message}`;
}

export function diagnostic(pos: SourcePosition, message: string): MofDiagnostic {
  return { file: pos.file, line: pos.line, column: pos.column, message };
}

/**
 * A schema that does not compile: carries every problem found, each with its
 * position. Whoever loads a schema turns it into a refusal to start.
 */
export class MofError extends Error {
  readonly code = 'ERR_THINCIM_MOF';
  readonly diagnostics: readonly MofDiagnostic[];

  constructor(diagnostics: readonly MofDiagnostic[]) {
    const first = diagnostics[0];
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    super(first ? `${formatDiagnostic(first)}${more}` : 'MOF compilation failed');
    this.name = 'MofError';
    this.diagnostics = diagnostics;
  }
}

/**
 * Limits of one compilation. Each one bounds the work a hostile or broken
 * input can cause; all are configurable.
 */
export interface MofLimits {
  /** Largest MOF file read, in bytes. */
  maxFileBytes: number;
  /** Most bytes read in one compilation, all files together. */
  maxTotalBytes: number;
  /** Deepest chain of `#pragma include`. */
  maxIncludeDepth: number;
  /** Most files read in one compilation. */
  maxFiles: number;
  /** The compilation stops reporting (and parsing) after this many errors. */
  maxErrors: number;
}

export const DEFAULT_MOF_LIMITS: Readonly<MofLimits> = Object.freeze({
  maxFileBytes: 4 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxIncludeDepth: 32,
  maxFiles: 10_000,
  maxErrors: 100,
});

/** Collects diagnostics up to a limit; parsing stops once it is full. */
export class DiagnosticSink {
  readonly items: MofDiagnostic[] = [];
  readonly #max: number;

  constructor(max: number) {
    this.#max = Math.max(1, max);
  }

  get full(): boolean {
    return this.items.length >= this.#max;
  }

  add(pos: SourcePosition, message: string): void {
    if (!this.full) this.items.push(diagnostic(pos, message));
  }
}
