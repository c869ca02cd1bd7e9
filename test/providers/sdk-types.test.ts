/**
 * The package entry is the OEM's whole typed surface: a provider's own unit
 * test must be able to name every type the provider API asks it to build.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import t from 'tap';
import ts from 'typescript';

const ENTRY = resolve(import.meta.dirname, '../../src/index.js');

t.test('a unit test outside the tree builds a ProviderContext from the entry\'s types alone', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'unit.ts');
  writeFileSync(file, [
    `import { validateSnapshot, type ClassRepository, type ProviderContext, type ProviderLogger } from ${JSON.stringify(ENTRY)};`,
    'declare const log: ProviderLogger;',
    'declare const repository: ClassRepository;',
    'export const ctx: ProviderContext = { log, repository, signal: new AbortController().signal, deadline: 0 };',
    'export const check = validateSnapshot;',
  ].join('\n'));
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022, types: ['node'], skipLibCheck: true, typeRoots: [resolve(import.meta.dirname, '../../node_modules/@types')],
  };
  const program = ts.createProgram([file], options);
  const problems = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  t.same(problems, []);
});
