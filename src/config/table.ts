/** The configuration table flattened: one entry per key, with its flag, variable and JSON Schema. */
import type { SchemaObject } from 'ajv';
import { type Field, isField, type Section } from './fields.js';
import { CONFIG_SPEC } from './spec.js';

export interface Entry {
  /** Dotted path, e.g. `limits.bodyBytes`. */
  key: string;
  segments: string[];
  field: Field<unknown>;
  /** Flag name without dashes, or null when the key has none. */
  flag: string | null;
  env: string;
}

export const ENV_PREFIX = 'THINCIM_';
/** The variable that names the configuration file (the `--config` flag wins). */
export const CONFIG_FILE_ENV = 'THINCIM_CONFIG';

const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const screaming = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

function flatten(section: Section, prefix: string[]): Entry[] {
  return Object.entries(section).flatMap(([name, node]) => {
    const segments = [...prefix, name];
    if (!isField(node)) return flatten(node, segments);
    const flag = node.flag === undefined ? segments.map(kebab).join('-') : node.flag;
    return [{ key: segments.join('.'), segments, field: node, flag, env: ENV_PREFIX + segments.map(screaming).join('_') }];
  });
}

export const ENTRIES: readonly Entry[] = flatten(CONFIG_SPEC, []);
export const ENTRY_BY_KEY = new Map(ENTRIES.map((e) => [e.key, e]));

/** The entry that owns a dotted key, or one of its descendants (inside a map or free-form field). */
export function entryFor(key: string): Entry | undefined {
  for (let k = key; k !== ''; k = k.slice(0, Math.max(0, k.lastIndexOf('.')))) {
    const entry = ENTRY_BY_KEY.get(k);
    if (entry) return entry;
  }
  return undefined;
}

function sectionSchema(section: Section, withAnnotations: boolean): SchemaObject {
  const properties: Record<string, SchemaObject> = {};
  for (const [name, node] of Object.entries(section)) {
    if (!isField(node)) {
      properties[name] = sectionSchema(node, withAnnotations);
      continue;
    }
    properties[name] = withAnnotations ? annotated(node) : node.schema;
  }
  return { type: 'object', properties, additionalProperties: false };
}

function annotated(field: Field<unknown>): SchemaObject {
  // A file may give one string for a one-element list.
  const base: SchemaObject = field.repeatable ? { anyOf: [field.schema, { type: 'string', minLength: 1 }] } : { ...field.schema };
  base['description'] = field.doc;
  if (field.default !== undefined && typeof field.default !== 'function') base['default'] = field.default;
  return base;
}

/** The schema the loader validates with (every key optional: defaults fill the gaps). */
export const VALIDATION_SCHEMA: SchemaObject = sectionSchema(CONFIG_SPEC, false);

/** The JSON Schema of a configuration file, with descriptions and defaults, for editors and docs. */
export function configSchema(): SchemaObject {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'thincim configuration',
    ...sectionSchema(CONFIG_SPEC, true),
  };
}
