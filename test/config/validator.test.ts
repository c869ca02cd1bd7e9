/**
 * Schema validation code is generated ahead of time (ajv's standalone code)
 * so that neither start-up nor the first check loads ajv's compiler or
 * compiles a schema, and the bundle holds only ajv's small runtime helpers:
 * the configuration's and the simulated provider's scenario schema. This
 * test regenerates both and fails when a committed module is stale;
 * `UPDATE_DOCS=1` rewrites them, as for the README's reference table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import t from 'tap';
import { Ajv, type Options } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { VALIDATION_SCHEMA } from '../../src/config/table.js';
import scenarioSchema from '../../providers/simulated/scenario.schema.json' with { type: 'json' };

const header = (schema: string) => `// @ts-nocheck
// GENERATED: do not edit. ajv's standalone validation code (ajv/dist/standalone) for
// ${schema}, so that no ajv compiler is loaded nor schema compiled at run time.
// Written by test/config/validator.test.ts;
// regenerate with: UPDATE_DOCS=1 npx tap test/config/validator.test.ts
`;

/**
 * ajv's standalone code requires its runtime helpers (ajv/dist/runtime/*)
 * even as an ES module: they become imports, which the bundler can follow.
 */
function importsForRequires(code: string): string {
  const specifiers = [...new Set(Array.from(code.matchAll(/require\("([^"]+)"\)/g), (m) => m[1]!))];
  const imports = specifiers.map((s, i) => `import runtime${i} from '${s}.js';\n`).join('');
  return imports + specifiers.reduce((text, s, i) => text.replaceAll(`require("${s}")`, `runtime${i}`), code);
}

function render(ajv: Ajv, schema: object, what: string): string {
  const code = standalone.default(ajv, ajv.compile(schema)).replace(/^"use strict";\n/, '');
  return header(what) + importsForRequires(code);
}

const CODE: Options['code'] = { source: true, esm: true, lines: true };
const MODULES = [
  {
    file: new URL('../../src/config/validate-layer.generated.ts', import.meta.url),
    // Every error, with its data: the loader's messages are built from them.
    render: () => render(new Ajv({ allErrors: true, strict: true, verbose: true, code: CODE }), VALIDATION_SCHEMA, 'VALIDATION_SCHEMA of src/config/table.ts'),
  },
  {
    file: new URL('../../providers/simulated/validate-scenario.generated.ts', import.meta.url),
    // strictRequired off: the event schema branches on which target key is present (`if: {required: [...]}`).
    render: () => render(new Ajv2020({ allErrors: false, strict: true, strictRequired: false, code: CODE }), scenarioSchema, 'providers/simulated/scenario.schema.json'),
  },
];

for (const { file, render } of MODULES) {
  t.test(`the generated validation module ${file.pathname.replace(/^.*\/(src|providers)\//, '$1/')} is up to date`, async (t) => {
    const current = render();
    let committed: string | undefined;
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // not generated yet
    }
    if (process.env['UPDATE_DOCS'] === '1' && committed !== current) writeFileSync(file, committed = current);
    t.equal(committed, current, 'stale: regenerate with UPDATE_DOCS=1 npx tap test/config/validator.test.ts');
  });
}
