import t from 'tap';
import { DiagnosticSink } from '../../src/mof/diagnostics.js';
import { describeToken, tokenize, type Token } from '../../src/mof/lexer.js';

function lex(text: string): { tokens: Token[]; errors: string[] } {
  const sink = new DiagnosticSink(100);
  const tokens = tokenize(text, 'x.mof', sink);
  return { tokens, errors: sink.items.map((d) => `${d.line}:${d.column}: ${d.message}`) };
}

function one(text: string): Token {
  const { tokens, errors } = lex(text);
  if (errors.length || tokens.length !== 2) throw new Error(`expected one token from ${text}: ${errors.join('; ')}`);
  return tokens[0] as Token;
}

t.test('identifiers and punctuation', async (t) => {
  const { tokens, errors } = lex('class CIM_Fan_2 : Ünïcode_X { } ( ) [ ] ; , = + -');
  t.same(errors, []);
  t.same(tokens.map((k) => `${k.kind}:${k.text}`), [
    'identifier:class', 'identifier:CIM_Fan_2', 'punct::', 'identifier:Ünïcode_X', 'punct:{', 'punct:}', 'punct:(', 'punct:)',
    'punct:[', 'punct:]', 'punct:;', 'punct:,', 'punct:=', 'punct:+', 'punct:-', 'eof:',
  ]);
});

t.test('numbers of every form', async (t) => {
  const cases: [string, 'integer' | 'real', bigint | number][] = [
    ['0', 'integer', 0n],
    ['42', 'integer', 42n],
    ['101b', 'integer', 5n],
    ['0B', 'integer', 0n],
    ['0777', 'integer', 511n],
    ['0x1F', 'integer', 31n],
    ['0XfF', 'integer', 255n],
    ['18446744073709551615', 'integer', 18446744073709551615n],
    ['1.5', 'real', 1.5],
    ['.25', 'real', 0.25],
    ['1.5e-3', 'real', 0.0015],
    ['2.0E+10', 'real', 2e10],
    ['3e2', 'real', 300],
  ];
  for (const [text, kind, value] of cases) {
    const token = one(text);
    t.equal(token.kind, kind, text);
    t.equal(token.number, value, text);
    t.equal(token.text, text);
  }
  for (const bad of ['09', '12abc', '0x', '1.', '1.2.3', '102b', '1e']) {
    t.match(lex(bad).errors, [`1:1: invalid number '${bad}'`], bad);
  }
});

t.test('strings and every escape', async (t) => {
  t.equal(one('"plain"').text, 'plain');
  t.equal(one('""').text, '');
  t.equal(one(String.raw`"\b\t\n\f\r\"\'\\"`).text, '\b\t\n\f\r"\'\\');
  t.equal(one(String.raw`"\x41\X263A\x7"`).text, 'A\u263a\u0007');
  t.equal(one(String.raw`"\x00410"`).text, 'A0', 'at most four hex digits');
  t.equal(one('"a // not a comment"').text, 'a // not a comment');
  t.match(lex(String.raw`"bad \q escape"`).errors, [/^1:6: invalid escape '\\q'/]);
  t.match(lex(String.raw`"\xZZ"`).errors, [/^1:2: invalid escape '\\x': expected 1 to 4 hex digits/]);
  t.match(lex('"open\nclass').errors, ['1:1: unterminated string: expected \'"\' before the end of the line']);
  t.match(lex('"open').errors, [/^1:1: unterminated string/]);
  t.same(lex('"ends with backslash\\').errors, ['1:1: unterminated string: expected \'"\' before the end of the line']);
});

t.test('char literals', async (t) => {
  t.equal(one("'c'").kind, 'char');
  t.equal(one("'c'").text, 'c');
  t.equal(one(String.raw`'\n'`).text, '\n');
  t.equal(one(String.raw`'\x41'`).text, 'A');
  t.equal(one(String.raw`'\''`).text, "'");
  for (const bad of ["''", "'ab'", "'x"]) t.match(lex(bad).errors, [/invalid char literal/], bad);
  const after = lex("'ab' next");
  t.equal(after.tokens[0]?.text, 'next', 'lexing resumes after a bad char literal');
});

t.test('comments, whitespace and positions', async (t) => {
  const { tokens, errors } = lex('\uFEFF// line comment\n  /* block\n comment */ a /* x */ b\r\n\tc');
  t.same(errors, []);
  t.same(tokens.slice(0, 3).map((k) => [k.text, k.line, k.column]), [['a', 3, 13], ['b', 3, 23], ['c', 4, 2]]);
  t.match(lex('a /* never closed').errors, ["1:3: unterminated comment: '/*' without '*/'"]);
  t.same(lex('a /**/ b').tokens.map((k) => k.text), ['a', 'b', '']);
});

t.test('aliases, pragmas and stray characters', async (t) => {
  const alias = one('$Profile1');
  t.equal(alias.kind, 'alias');
  t.equal(alias.text, 'Profile1');
  t.match(lex('$ x').errors, ["1:1: expected an alias name after '$'"]);
  t.equal(one('#pragma').kind, 'pragma');
  t.equal(one('#PRAGMA').kind, 'pragma', 'case-insensitive');
  t.match(lex('#include').errors, ["1:1: expected 'pragma' after '#'"]);
  t.match(lex('a @ b').errors, ['1:3: unexpected character "@"']);
  t.match(lex('a 😀 b').errors, [], 'non-ASCII letters and symbols are identifier characters (DSP0004 UNICODE_CHAR)');
  t.same(lex('a @ b').tokens.map((k) => k.text), ['a', 'b', ''], 'lexing goes on after an error');
});

t.test('the lexer stops at the error limit', async (t) => {
  const sink = new DiagnosticSink(3);
  tokenize('@ @ @ @ @ @', 'x.mof', sink);
  t.equal(sink.items.length, 3);
  t.ok(sink.full);
});

t.test('token descriptions for messages', async (t) => {
  const d = (text: string) => describeToken(lex(text).tokens[0] as Token);
  t.equal(d(''), 'end of file');
  t.equal(d('}'), "'}'");
  t.equal(d('Name'), "'Name'");
  t.equal(d('"short"'), 'string "short"');
  t.equal(d(`"${'x'.repeat(60)}"`), `string "${'x'.repeat(37)}..."`);
  t.equal(d("'c'"), "char 'c'");
  t.equal(d('$a'), "alias '$a'");
  t.equal(d('#pragma'), "'#pragma'");
  t.equal(d('0x10'), 'number 0x10');
});
