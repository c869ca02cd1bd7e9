/**
 * The building blocks of the configuration table: each field carries its JSON
 * Schema, its default, its documentation and how to read it from text
 * (environment variables and flags). The `Config` type, the JSON Schema, the
 * flag and variable names and the reference documentation are all derived
 * from one table built from these (see spec.ts), so they cannot drift apart.
 */
import type { SchemaObject } from 'ajv';

/** What a computed default may depend on. */
export interface DefaultContext {
  env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (log.pretty). */
  stdoutIsTTY: boolean;
  /** The configuration resolved so far: keys earlier in the table are final. */
  config: Readonly<Record<string, unknown>>;
}

/** How relative paths in a value are resolved (against the config file's folder, or the working directory). */
export type PathKind = 'path' | 'paths' | 'modules' | 'moduleSections';

export interface Field<T> {
  readonly kind: 'field';
  readonly schema: SchemaObject;
  readonly doc: string;
  /** A value, a function of the context, or absent for optional keys. */
  readonly default?: T | ((ctx: DefaultContext) => T);
  /** How the reference documents a computed or absent default. */
  readonly defaultDoc?: string;
  /** Masked in printed configuration and never echoed in error messages. */
  readonly secret?: boolean;
  /** In a list of objects: the keys of each item masked as secrets. */
  readonly secretKeys?: readonly string[];
  readonly pathKind?: PathKind;
  /** The flag name without dashes; null when the key has no flag (secrets: argv is visible to every user). */
  readonly flag?: string | null;
  /** A boolean flag (`--x` / `--no-x`) rather than one taking a value. */
  readonly booleanFlag?: boolean;
  /** A list flag may repeat; its occurrences are concatenated. */
  readonly repeatable?: boolean;
  /**
   * Turns the text of an environment variable or of a flag's occurrences into
   * a value. Text that does not parse is returned unchanged, so the schema
   * reports it with the same wording as a bad value in a file.
   */
  readonly fromText: (texts: readonly string[], origin: 'env' | 'flag') => unknown;
  /** Phantom: carries the value type for `Infer`. */
  readonly __type?: T;
}

export interface Section {
  readonly [key: string]: Field<unknown> | Section;
}

/** The value type a section describes. */
export type Infer<S> = {
  -readonly [K in keyof S]: S[K] extends Field<infer T> ? T : Infer<S[K]>;
};

export function isField(node: Field<unknown> | Section): node is Field<unknown> {
  return node.kind === 'field';
}

interface Common<T> {
  doc: string;
  default?: T | ((ctx: DefaultContext) => T);
  defaultDoc?: string;
  flag?: string | null;
  secret?: boolean;
}

const last = (texts: readonly string[]): string => texts[texts.length - 1] ?? '';

type WithDefault<T> = Common<T> & { default: T | ((ctx: DefaultContext) => T) };

export function text(opts: WithDefault<string> & { pattern?: string; maxLength?: number }): Field<string>;
export function text(opts: Common<string | undefined> & { pattern?: string; maxLength?: number }): Field<string | undefined>;
export function text(opts: Common<string | undefined> & { pattern?: string; maxLength?: number }): Field<string | undefined> {
  const schema: SchemaObject = { type: 'string', minLength: 1, maxLength: opts.maxLength ?? 4096 };
  if (opts.pattern) schema.pattern = opts.pattern;
  return { kind: 'field', ...opts, schema, fromText: last };
}

/** A file system path; a relative one is resolved against the folder of the file that sets it, or the working directory. */
export function path(opts: WithDefault<string>): Field<string>;
export function path(opts: Common<string | undefined>): Field<string | undefined>;
export function path(opts: Common<string | undefined>): Field<string | undefined> {
  return { kind: 'field', ...opts, schema: { type: 'string', minLength: 1, maxLength: 4096 }, pathKind: 'path', fromText: last };
}

export function oneOf<const V extends string>(values: readonly V[], opts: Common<V>): Field<V> {
  return { kind: 'field', ...opts, schema: { type: 'string', enum: [...values] }, fromText: last };
}

/** Integer text to a number; anything else stays text for the schema to reject. */
function integerFromText(texts: readonly string[]): unknown {
  const t = last(texts).trim();
  return /^[+-]?\d{1,15}$/.test(t) ? Number(t) : last(texts);
}

function numberFromText(texts: readonly string[]): unknown {
  const t = last(texts).trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : last(texts);
}

export function integer(opts: WithDefault<number> & { min: number; max: number; unit?: string }): Field<number>;
export function integer(opts: Common<number | undefined> & { min: number; max: number; unit?: string }): Field<number | undefined>;
export function integer(opts: Common<number | undefined> & { min: number; max: number; unit?: string }): Field<number | undefined> {
  const doc = opts.unit ? `${opts.doc} (${opts.unit})` : opts.doc;
  return {
    kind: 'field', ...opts, doc,
    schema: { type: 'integer', minimum: opts.min, maximum: opts.max },
    fromText: integerFromText,
  };
}

export function port(opts: WithDefault<number>): Field<number> {
  return integer({ ...opts, min: 0, max: 65535 });
}

export function number(opts: Common<number> & { min: number; max: number; unit?: string }): Field<number> {
  const doc = opts.unit ? `${opts.doc} (${opts.unit})` : opts.doc;
  return {
    kind: 'field', ...opts, doc,
    schema: { type: 'number', minimum: opts.min, maximum: opts.max },
    fromText: numberFromText,
  };
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

export function boolean(opts: Common<boolean>): Field<boolean> {
  return {
    kind: 'field', ...opts, schema: { type: 'boolean' }, booleanFlag: true,
    fromText: (texts) => {
      const t = last(texts).trim().toLowerCase();
      if (TRUE_WORDS.has(t)) return true;
      if (FALSE_WORDS.has(t)) return false;
      return last(texts);
    },
  };
}

/**
 * A list of strings; a file may give a single string for a one-element list.
 * `separator` splits the text of the variable (and of each flag occurrence
 * unless `splitFlags` is false).
 */
export function list(opts: Common<string[]> & {
  separator: string;
  splitFlags?: boolean;
  pathKind?: 'paths' | 'modules';
  minItems?: number;
}): Field<string[]> {
  const split = (t: string): string[] => t.split(opts.separator).map((s) => s.trim()).filter((s) => s !== '');
  return {
    kind: 'field', ...opts, repeatable: true,
    schema: {
      type: 'array', items: { type: 'string', minLength: 1, maxLength: 4096 },
      minItems: opts.minItems ?? 0, maxItems: 256,
    },
    fromText: (texts, origin) => (origin === 'flag' && opts.splitFlags === false ? [...texts] : texts.flatMap(split)),
  };
}

function jsonFromText(texts: readonly string[]): unknown {
  try {
    return JSON.parse(last(texts)) as unknown;
  } catch {
    return last(texts);
  }
}

/** A map of string to string, given as a JSON object in variables and flags. */
export function stringMap(opts: Common<Record<string, string>> & { keyPattern?: string }): Field<Record<string, string>> {
  return {
    kind: 'field', ...opts,
    schema: {
      type: 'object', maxProperties: 4096,
      additionalProperties: { type: 'string', minLength: 1, maxLength: 256 },
      ...(opts.keyPattern ? { propertyNames: { pattern: opts.keyPattern } } : {}),
    },
    fromText: jsonFromText,
  };
}

/** Free-form sections keyed by name (external providers' own options), a JSON object in variables and flags. */
export function sections(
  opts: Common<Record<string, Record<string, unknown>>> & { pathKind?: 'moduleSections' },
): Field<Record<string, Record<string, unknown>>> {
  return {
    kind: 'field', ...opts,
    schema: { type: 'object', additionalProperties: { type: 'object' } },
    fromText: jsonFromText,
  };
}
