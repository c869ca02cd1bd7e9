import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import t from 'tap';
import { main } from '../src/cli/main.js';
import { QUALIFIERS } from './repository/fixtures/schema.js';

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.stdout.push(c));
  stderr.on('data', (c: Buffer) => chunks.stderr.push(c));
  const code = await main(['mof', ...args], { stdout, stderr, stdin: new PassThrough(), env: {} });
  return { code, stdout: Buffer.concat(chunks.stdout).toString(), stderr: Buffer.concat(chunks.stderr).toString() };
}

const dir = mkdtempSync(join(tmpdir(), 'thincim-cli-mof-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

file('qualifiers.mof', QUALIFIERS);
const good = file('good.mof', `#pragma include ("qualifiers.mof")
class X_A { [Key] string K; };
class X_B : X_A { };
instance of X_A { K = "one"; };
`);

t.test('a clean compile prints the counts and exits 0', async (t) => {
  t.same(await run(good), { code: 0, stdout: '24 qualifiers, 2 classes, 1 instance\n', stderr: '' });
});

t.test('several namespaces get a line each', async (t) => {
  const res = await run('-n', 'root/cimv2', '--namespace', 'root/interop', good);
  t.same(res, { code: 0, stdout: 'root/cimv2: 24 qualifiers, 2 classes, 1 instance\nroot/interop: 24 qualifiers, 2 classes, 1 instance\n', stderr: '' });
  const pragma = file('ns.mof', '#pragma include ("good.mof")\n#pragma namespace ("root/other")\nQualifier Key : boolean = false, Scope(property);\nclass X_O { [Key] string K; };');
  t.equal((await run(pragma)).stdout, 'root/cimv2: 24 qualifiers, 2 classes, 1 instance\nroot/other: 1 qualifier, 1 class, 0 instances\n');
});

t.test('MOF errors go to stderr as file:line:col and exit 1', async (t) => {
  const bad = file('bad.mof', '#pragma include ("qualifiers.mof")\nclass X_A { [Bogus] string K; };\nclass X_B : X_Nope {};\n');
  t.same(await run(bad), {
    code: 1,
    stdout: '',
    stderr: `${bad}:2:14: unknown qualifier 'Bogus' on property 'X_A.K': no qualifier declaration for it\n`
      + `${bad}:3:1: unknown superclass 'X_Nope' of class 'X_B': a superclass must be declared before its subclasses\n`
      + 'thincim mof: 2 errors\n',
  });
  const syntax = file('syntax.mof', 'class X_A { string K }');
  t.same(await run(syntax), { code: 1, stdout: '', stderr: `${syntax}:1:22: expected ';' after property declaration, found '}'\nthincim mof: 1 error\n` });
  const many = file('many.mof', 'class A { x }; class B { x }; class C { x };');
  t.equal((await run('--max-errors', '2', many)).stderr.split('\n').length, 4, 'two errors and the summary');
  t.same(await run(join(dir, 'missing.mof')), { code: 1, stdout: '', stderr: `${join(dir, 'missing.mof')}: cannot read file: no such file or folder (ENOENT)\nthincim mof: 1 error\n` });
});

t.test('usage errors exit 2', async (t) => {
  for (const [args, message] of [
    [[], 'no MOF file given'],
    [['--frobnicate', good], "unknown option '--frobnicate'"],
    [['--namespace'], "option '--namespace' needs a value"],
    [['--max-errors', '0', good], "--max-errors takes a positive integer, not '0'"],
    [['--max-errors', 'lots', good], "--max-errors takes a positive integer, not 'lots'"],
  ] as [string[], string][]) {
    const res = await run(...args);
    t.equal(res.code, 2, args.join(' '));
    t.match(res.stderr, `thincim mof: ${message}\nusage: thincim mof`);
    t.equal(res.stdout, '');
  }
});

t.test('help, and -- before file names', async (t) => {
  const help = await run('--help');
  t.equal(help.code, 0);
  t.match(help.stdout, /^usage: thincim mof \[--namespace NS\]\.\.\. \[--max-errors N\] FILE\.\.\./);
  t.equal((await run('-h')).code, 0);
  file('-dashed.mof', '#pragma include ("good.mof")');
  const cwd = process.cwd();
  process.chdir(dir);
  t.teardown(() => process.chdir(cwd));
  t.same(await run('--', '-dashed.mof'), { code: 0, stdout: '24 qualifiers, 2 classes, 1 instance\n', stderr: '' });
});
