import t from 'tap';
import {
  DEFAULT_SCRYPT, hashPassword, MAX_PASSWORD_BYTES, parsePasswordHash, PasswordHashError, verifyPassword,
} from '../../src/security/index.js';
import { unmatchableHash } from '../../src/security/password.js';
import { FAST_SCRYPT } from './helpers.js';

t.test('hash and verify', async (t) => {
  const encoded = await hashPassword('pässwörd', FAST_SCRYPT);
  t.match(encoded, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
  t.notOk(encoded.includes('pässwörd'));
  t.equal(await verifyPassword('pässwörd', encoded), true);
  t.equal(await verifyPassword('passwörd', encoded), false);
  t.equal(await verifyPassword('', encoded), false);
  t.equal(await verifyPassword('pässwörd ', encoded), false);
  t.equal(await verifyPassword('pa\u0308sswo\u0308rd', encoded), true, 'NFD input matches an NFC password');
  t.not(await hashPassword('x', FAST_SCRYPT), await hashPassword('x', FAST_SCRYPT), 'salted');
  const parsed = parsePasswordHash(encoded);
  t.match(parsed, { N: 1024, r: 8, p: 1 });
  t.equal(parsed.salt.length, 16);
  t.equal(parsed.hash.length, 32);
  t.equal(await verifyPassword('pässwörd', parsed), true, 'a parsed hash works too');
});

t.test('the default parameters: 32 MiB interactive-login scrypt', async (t) => {
  t.same(DEFAULT_SCRYPT, { N: 32768, r: 8, p: 1 });
  const encoded = await hashPassword('x');
  t.match(encoded, /^scrypt\$32768\$8\$1\$/);
  t.equal(await verifyPassword('x', encoded), true);
});

t.test('the unmatchable hash (the decoy of unknown users) has the cost given and matches no password', async (t) => {
  const decoy = unmatchableHash(FAST_SCRYPT);
  t.match(decoy, { ...FAST_SCRYPT });
  t.equal(decoy.salt.length, 16);
  t.equal(decoy.hash.length, 32);
  t.not(decoy.hash.toString('hex'), unmatchableHash(FAST_SCRYPT).hash.toString('hex'), 'random');
  t.equal(await verifyPassword('', decoy), false);
  t.equal(await verifyPassword('x', decoy), false);
  t.throws(() => unmatchableHash({ N: 3, r: 8, p: 1 }), PasswordHashError, 'bounded like any hash');
});

t.test('password bounds', async (t) => {
  await t.rejects(hashPassword('', FAST_SCRYPT), /empty password/);
  await t.rejects(hashPassword('x'.repeat(MAX_PASSWORD_BYTES + 1), FAST_SCRYPT), /longer than 1024 bytes/);
  const encoded = await hashPassword('x'.repeat(MAX_PASSWORD_BYTES), FAST_SCRYPT);
  t.equal(await verifyPassword('x'.repeat(MAX_PASSWORD_BYTES), encoded), true);
  t.equal(await verifyPassword('x'.repeat(MAX_PASSWORD_BYTES + 1), encoded), false, 'over-long is wrong, not an error');
});

t.test('malformed and excessive hashes', async (t) => {
  const good = await hashPassword('x', FAST_SCRYPT);
  const [, , , , salt, hash] = good.split('$');
  const bad: [string, RegExp][] = [
    ['', /not of the form/],
    ['bcrypt$1$2$3$4$5', /not of the form/],
    [`scrypt$1024$8$1$${salt}`, /not of the form/],
    [`scrypt$1000$8$1$${salt}$${hash}`, /power of two/],
    [`scrypt$1$8$1$${salt}$${hash}`, /power of two/],
    [`scrypt$${2 ** 21}$8$1$${salt}$${hash}`, /power of two up to/],
    [`scrypt$1024$64$1$${salt}$${hash}`, /r must be at most/],
    [`scrypt$1024$8$99$${salt}$${hash}`, /p must be at most/],
    [`scrypt$${2 ** 20}$32$1$${salt}$${hash}`, /too much memory/],
    [`scrypt$01024$8$1$${salt}$${hash}`, /N is not a positive integer/],
    [`scrypt$1024$8$-1$${salt}$${hash}`, /p is not a positive integer/],
    [`scrypt$1024$8$1$!!$${hash}`, /salt is not base64/],
    [`scrypt$1024$8$1$AAAA$${hash}`, /salt must be 8–64 bytes/],
    [`scrypt$1024$8$1$${salt}$AAAA`, /hash must be 16–64 bytes/],
  ];
  for (const [encoded, message] of bad) {
    t.throws(() => parsePasswordHash(encoded), message, encoded);
    t.throws(() => parsePasswordHash(encoded), PasswordHashError);
  }
  await t.rejects(verifyPassword('x', 'nope'), PasswordHashError);
  await t.rejects(hashPassword('x', { N: 3, r: 8, p: 1 }), /power of two/);
});
