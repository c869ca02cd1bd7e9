import { readFileSync } from 'node:fs';
import t from 'tap';
import { compileRepository } from '../../src/repository/index.js';

/**
 * Random mutations of real MOF (the project's qualifiers and core classes,
 * plus methods, instances and pragmas) must never make the compiler or the
 * resolver throw: every outcome is a compilation with positioned errors.
 */
const schemas = new URL('../../schemas/', import.meta.url);
const SEED_TEXT = [
  readFileSync(new URL('qualifiers.mof', schemas), 'utf8'),
  readFileSync(new URL('dmtf/core.mof', schemas), 'utf8'),
  `#pragma locale ("en_US")
   [Association] class X_Link { [Key] CIM_ManagedElement REF A; [Key] CIM_ManagedElement REF B; };
   class X_Thing : CIM_ManagedElement {
     [Key, MaxLen(8)] string Id; uint8 Small = 7; real32 R = 1.5e3; char16 C = '\\x41';
     uint32 Go([IN, OUT] uint16 Mode[], [IN] X_Thing REF Peer, [IN] string Note = "n");
   };
   instance of X_Thing as $a { Id = "one"; Small = 0x1F; };
   instance of X_Thing as $b { Id = "two"; Small = 101b; };
   instance of X_Link { A = $a; B = $b; };`,
].join('\n');

const INSERTS = [
  '{', '}', ';', '[', ']', '(', ')', ',', ':', '=', '"', "'", '$x', '#pragma', '#pragma include ("q.mof")', 'class', 'REF',
  'instance of', 'Qualifier', 'NULL', '0x', '1.5e', '-', '\\', '\\x', '/*', '*/', '//', '\n', 'Override("Other")',
  'uint8 Z = 300;', '\u00e9', '\ud83d', '\u0000', '..',
];

/** mulberry32: a small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, rnd: () => number): string {
  const at = (n: number) => Math.floor(rnd() * n);
  let out = text;
  for (let m = 0, count = 1 + at(4); m < count; m++) {
    const pos = at(out.length + 1);
    switch (at(5)) {
      case 0:
        out = out.slice(0, pos) + out.slice(pos + 1 + at(20));
        break;
      case 1:
        out = out.slice(0, pos) + (INSERTS[at(INSERTS.length)] as string) + out.slice(pos);
        break;
      case 2: {
        const span = out.slice(pos, pos + 1 + at(200));
        const to = at(out.length + 1);
        out = out.slice(0, to) + span + out.slice(to);
        break;
      }
      case 3:
        out = out.slice(0, pos);
        break;
      default:
        out = out.slice(0, pos) + String.fromCharCode(at(0x300)) + out.slice(pos + 1);
    }
  }
  return out;
}

t.test('mutated MOF never makes the compiler throw', async (t) => {
  const ITERATIONS = 300;
  const rnd = random(0x7415c1);
  let withErrors = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const text = mutate(SEED_TEXT, rnd);
    const files: Record<string, string> = { '/fuzz/main.mof': text, '/fuzz/q.mof': text.slice(0, 2000) };
    let result;
    try {
      result = compileRepository('/fuzz/main.mof', {
        limits: { maxErrors: 20 },
        readFile: (path) => {
          const content = files[path];
          if (content === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
          return content;
        },
      });
    } catch (err) {
      t.fail(`iteration ${i} threw: ${(err as Error).stack}`);
      continue;
    }
    if (result.errors.length) withErrors++;
    const bad = result.errors.filter((e) => !e.file || !e.message || e.line < 0 || (e.line > 0 && e.column < 1));
    if (bad.length || result.errors.length > 20) t.fail(`iteration ${i}: malformed diagnostics ${JSON.stringify(bad)}`);
  }
  t.ok(withErrors > ITERATIONS / 2, `most mutations are errors (${withErrors} of ${ITERATIONS})`);
  t.equal(compileRepository('/fuzz/main.mof', { readFile: () => SEED_TEXT }).errors.length, 0, 'the unmutated text compiles');
});
