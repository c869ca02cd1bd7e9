import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import t, { type Test } from 'tap';
import { compileMof, formatDiagnostic, type MofDeclaration } from '../../src/mof/index.js';

/** Writes files under a fresh directory and returns its path. */
function tree(t: Test, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'thincim-mof-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const names = (decls: MofDeclaration[]) => decls.map((d) => `${d.kind === 'instance' ? d.classname : d.name}@${d.namespace ?? '-'}`);

t.test('includes are relative to the including file, and read once', async (t) => {
  const root = tree(t, {
    'top.mof': '#pragma locale ("en_US")\n#pragma include ("sub/a.mof")\nclass X_Top {};\n#pragma include ("sub/a.mof")',
    'sub/a.mof': '#pragma include ("../common.mof")\nclass X_A {};',
    'common.mof': 'class X_Common {};',
  });
  const result = compileMof(join(root, 'top.mof'));
  t.same(result.errors, []);
  t.same(names(result.declarations), ['X_Common@-', 'X_A@-', 'X_Top@-']);
  t.same(result.files, [join(root, 'top.mof'), join(root, 'sub/a.mof'), join(root, 'common.mof')]);
  const twice = compileMof([join(root, 'sub/a.mof'), join(root, 'top.mof')]);
  t.same(names(twice.declarations), ['X_Common@-', 'X_A@-', 'X_Top@-'], 'a root already included is not compiled again');
});

t.test('#pragma namespace applies to what follows, across includes', async (t) => {
  const root = tree(t, {
    'main.mof': 'class X_Default {};\n#pragma namespace ("/root/Other/")\n#pragma include ("more.mof")\nclass X_After {};',
    'more.mof': 'class X_More {};\n#pragma namespace ("root/third")',
  });
  const result = compileMof(join(root, 'main.mof'));
  t.same(result.errors, []);
  t.same(names(result.declarations), ['X_Default@-', 'X_More@root/Other', 'X_After@root/third']);
});

t.test('pragma errors; unknown pragmas are ignored', async (t) => {
  const root = tree(t, {
    'p.mof': [
      '#pragma include ("a.mof", "b.mof")',
      '#pragma namespace ("/")',
      '#pragma include ("missing.mof")',
      '#pragma instancelocale ("en_US")',
      '#pragma nonlocal ("x")',
      'class X_Ok {};',
    ].join('\n'),
  });
  const result = compileMof(join(root, 'p.mof'));
  t.same(result.errors.map(formatDiagnostic), [
    `${join(root, 'p.mof')}:1:1: expected one argument to '#pragma include', found 2`,
    `${join(root, 'p.mof')}:2:1: expected a namespace name in '#pragma namespace', found "/"`,
    `${join(root, 'p.mof')}:3:1: cannot include "missing.mof" (${join(root, 'missing.mof')}): no such file or folder (ENOENT)`,
  ]);
  t.same(names(result.declarations), ['X_Ok@-']);
});

t.test('unreadable root files', async (t) => {
  const root = tree(t, { 'dir.mof/x': '' });
  const result = compileMof([join(root, 'nothing.mof'), join(root, 'dir.mof')]);
  t.same(result.errors.map(formatDiagnostic), [
    `${join(root, 'nothing.mof')}: cannot read file: no such file or folder (ENOENT)`,
    `${join(root, 'dir.mof')}: cannot read file: is a folder (EISDIR)`,
  ]);
  t.same(result.files, []);
});

t.test('paths in messages are as given', async (t) => {
  const root = tree(t, { 'a/top.mof': '#pragma include ("b.mof")', 'a/b.mof': 'class X {' });
  const cwd = process.cwd();
  process.chdir(root);
  t.teardown(() => process.chdir(cwd));
  t.same(compileMof('a/top.mof').errors.map(formatDiagnostic), ["a/b.mof:1:10: expected a property, reference or method declaration, or '}', found end of file"]);
});

t.test('limits', async (t) => {
  const root = tree(t, {
    'deep0.mof': '#pragma include ("deep1.mof")',
    'deep1.mof': '#pragma include ("deep2.mof")',
    'deep2.mof': '#pragma include ("deep3.mof")',
    'deep3.mof': 'class X_Deep {};',
    'big.mof': `// ${'x'.repeat(100)}\nclass X_Big {};`,
    'errors.mof': 'class A { x }; class B { x }; class C { x };',
  });
  const depth = compileMof(join(root, 'deep0.mof'), { limits: { maxIncludeDepth: 2 } });
  t.same(depth.errors.map((e) => [e.file, e.line, e.message]), [[join(root, 'deep2.mof'), 1, 'includes nested deeper than 2 levels']]);
  t.same(compileMof(join(root, 'deep0.mof'), { limits: { maxIncludeDepth: 3 } }).errors, []);
  const files = compileMof(join(root, 'deep0.mof'), { limits: { maxFiles: 2 } });
  t.same(files.errors.map((e) => e.message), ['too many MOF files: the limit is 2']);
  const size = compileMof(join(root, 'big.mof'), { limits: { maxFileBytes: 50 } });
  t.match(size.errors.map(formatDiagnostic), [/big\.mof: cannot read file: file is \d+ bytes, the limit is 50/]);
  const total = compileMof(join(root, 'deep0.mof'), { limits: { maxTotalBytes: 70 } });
  t.same(total.errors.map((e) => [e.file, e.line, e.message]), [[join(root, 'deep1.mof'), 1, 'the MOF files read exceed 70 bytes in all']]);
  t.same(total.files, [join(root, 'deep0.mof'), join(root, 'deep1.mof')], '29 + 29 bytes fit, the third file does not');
  t.equal(compileMof(join(root, 'errors.mof'), { limits: { maxErrors: 2 } }).errors.length, 2);
  t.equal(compileMof(join(root, 'errors.mof')).errors.length, 3);
  const many = compileMof([join(root, 'errors.mof'), join(root, 'deep3.mof')], { limits: { maxErrors: 1 } });
  t.same(many.files, [join(root, 'errors.mof')], 'a full error list stops the compilation');
});

t.test('a custom reader', async (t) => {
  const files: Record<string, string> = { '/mem/a.mof': '#pragma include ("b.mof")\nclass X_A {};', '/mem/b.mof': 'class X_B {};' };
  const result = compileMof('/mem/a.mof', {
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return text;
    },
  });
  t.same(names(result.declarations), ['X_B@-', 'X_A@-']);
  const failing = compileMof('/mem/a.mof', { readFile: () => { throw new Error('disk on fire'); } });
  t.same(failing.errors.map(formatDiagnostic), ['/mem/a.mof: cannot read file: disk on fire']);
  const denied = compileMof('/mem/a.mof', { readFile: () => { throw Object.assign(new Error('x'), { code: 'EACCES' }); } });
  t.same(denied.errors.map((e) => e.message), ['cannot read file: permission denied (EACCES)']);
});
