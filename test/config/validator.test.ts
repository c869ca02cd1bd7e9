/**
 * The configuration's validation code is generated ahead of time (ajv's
 * standalone code) so that start-up does not load ajv's compiler nor compile
 * the schema. This test regenerates it and fails when the committed module is
 * stale; `UPDATE_DOCS=1` rewrites it, as for the README's reference table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import t from 'tap';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { VALIDATION_SCHEMA } from '../../src/config/table.js';

const MODULE = new URL('../../src/config/validate-layer.generated.ts', import.meta.url);

const HEADER = `// @ts-nocheck
// GENERATED: do not edit. ajv's standalone validation code (ajv/dist/standalone) for
// VALIDATION_SCHEMA of src/config/table.ts, so that start-up neither loads ajv's
// compiler nor compiles the schema. Written by test/config/validator.test.ts;
// regenerate with: UPDATE_DOCS=1 npx tap test/config/validator.test.ts
import { createRequire } from 'node:module';

// ajv's standalone code requires its runtime helpers (ajv/dist/runtime/*) even as ES module.
const require = createRequire(import.meta.url);
`;

/** The module's text: the options are those the loader's messages are built from (every error, with its data). */
function renderValidator(): string {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, code: { source: true, esm: true, lines: true } });
  const code = standalone.default(ajv, ajv.compile(VALIDATION_SCHEMA));
  return HEADER + code.replace(/^"use strict";\n/, '');
}

t.test('the generated validation module is up to date', async (t) => {
  const current = renderValidator();
  if (process.env['UPDATE_DOCS'] === '1' && readFileSync(MODULE, 'utf8') !== current) writeFileSync(MODULE, current);
  t.equal(readFileSync(MODULE, 'utf8'), current, 'stale: regenerate with UPDATE_DOCS=1 npx tap test/config/validator.test.ts');
});
