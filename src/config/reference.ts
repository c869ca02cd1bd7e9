/** The configuration reference, rendered from the table (docs/configuration.md embeds it). */
import type { SchemaObject } from 'ajv';
import type { Field } from './fields.js';
import { ENTRIES } from './table.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => `\`${s}\``;

function typeOf(field: Field<unknown>): string {
  const schema: SchemaObject = field.schema;
  if (Array.isArray(schema['enum'])) return (schema['enum'] as string[]).map(code).join(' | ');
  if (field.pathKind === 'path') return 'path';
  if (field.pathKind === 'paths') return 'list of paths';
  switch (schema['type']) {
    case 'integer': return `integer ${String(schema['minimum'])}–${String(schema['maximum'])}`;
    case 'number': return `number ${String(schema['minimum'])}–${String(schema['maximum'])}`;
    case 'array': return 'list';
    case 'object': return 'mapping';
    default: return String(schema['type']);
  }
}

function defaultOf(field: Field<unknown>): string {
  if (field.defaultDoc !== undefined) return field.defaultDoc;
  if (field.default === undefined) return '—';
  return code(Array.isArray(field.default) ? field.default.join(',') : String(field.default));
}

/** A Markdown table of every key: type, default, variable, flag and meaning. */
export function renderReference(): string {
  const rows = ENTRIES.map((e) => [
    code(e.key),
    typeOf(e.field),
    defaultOf(e.field),
    code(e.env),
    e.flag === null ? '—' : e.field.booleanFlag ? `${code(`--${e.flag}`)} / ${code(`--no-${e.flag}`)}` : code(`--${e.flag}`),
    e.field.doc,
  ].map(cell).join(' | '));
  return [
    '| Key | Type | Default | Variable | Flag | Meaning |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n') + '\n';
}
