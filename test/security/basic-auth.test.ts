import t from 'tap';
import { parseBasicAuthorization } from '../../src/security/index.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

t.test('well-formed credentials', async (t) => {
  t.same(parseBasicAuthorization(`Basic ${b64('alice:s3cret')}`), { ok: true, user: 'alice', password: 's3cret' });
  t.same(parseBasicAuthorization(`basic ${b64('alice:s3cret')}`), { ok: true, user: 'alice', password: 's3cret' }, 'scheme is case-insensitive');
  t.same(parseBasicAuthorization(`  BASIC \t${b64('a:b')}  `), { ok: true, user: 'a', password: 'b' }, 'extra blanks');
  t.same(parseBasicAuthorization(`Basic ${b64('alice:pa:ss:')}`), { ok: true, user: 'alice', password: 'pa:ss:' }, 'the first colon splits');
  t.same(parseBasicAuthorization(`Basic ${b64('alice:')}`), { ok: true, user: 'alice', password: '' }, 'empty password parses (and fails verification)');
  t.same(parseBasicAuthorization(`Basic ${b64('jörg:pässword€')}`), { ok: true, user: 'jörg', password: 'pässword€' }, 'UTF-8 (RFC 7617)');
  t.same(parseBasicAuthorization(`Basic ${b64('ab:c').replace(/=+$/, '')}`), { ok: true, user: 'ab', password: 'c' }, 'unpadded base64');
});

t.test('malformed input gives a reason, never the credentials', async (t) => {
  const cases: [string | undefined, RegExp][] = [
    [undefined, /no credentials/],
    ['', /no credentials/],
    ['   ', /no credentials/],
    ['Bearer abc.def', /not Basic/],
    ['Digest username="a"', /not Basic/],
    ['Basicabc', /not Basic/],
    ['Basic', /malformed Basic/],
    ['Basic ', /malformed Basic/],
    ['Basic a b', /malformed Basic/],
    ['Basic !!!!', /malformed Basic/],
    ['Basic YWxpY2U6c2VjcmV0=x', /malformed Basic/],
    ['Basic YWxpY2U6c2VjcmV0===', /malformed Basic/],
    ['Basic YWxpY2U6c2VjcmV0Y', /malformed base64/],
    ['Basic YWI6Yw=', /malformed base64/],
    [`Basic ${b64('alicesecret')}`, /lack the user:password separator/],
    [`Basic ${b64(':secret')}`, /empty user name/],
    [`Basic ${b64('ali\nce:secret')}`, /control character/],
    [`Basic ${b64('alice:sec\u0000ret')}`, /control character/],
    [`Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`, /not UTF-8/],
    [`Basic ${'A'.repeat(5000)}`, /longer than 4096/],
  ];
  for (const [header, reason] of cases) {
    const result = parseBasicAuthorization(header);
    t.equal(result.ok, false, String(header).slice(0, 40));
    if (!result.ok) {
      t.match(result.error, reason);
      t.notOk(result.error.includes('secret'));
    }
  }
  t.equal(parseBasicAuthorization(`Basic ${b64('a:b')}`, 8).ok, false, 'the limit is configurable');
});
