import { join } from 'node:path';
import t from 'tap';
import { Authenticator, AuthFailureLimiter, setUser, UserStore } from '../../src/security/index.js';
import { FAST_SCRYPT } from './helpers.js';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const FP = '11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF';

async function setup(dir: string, maxFailures = 3): Promise<Authenticator> {
  const file = join(dir, 'users');
  await setUser(file, 'alice', 'a-pass', { scrypt: FAST_SCRYPT, role: 'admin' });
  await setUser(file, 'bob', 'b-pass', { scrypt: FAST_SCRYPT, role: 'readonly' });
  return new Authenticator({
    users: await UserStore.open(file),
    limiter: new AuthFailureLimiter({ maxFailures }),
    clientCertUsers: { [FP]: 'alice', 'probe.example': 'probe' },
    realm: 'thincim "test"',
  });
}

t.test('Basic: success, challenge, wrong password', async (t) => {
  const auth = await setup(t.testdir());
  t.same(await auth.authenticate({ authorization: basic('alice', 'a-pass'), remoteAddress: '10.0.0.1' }),
    { ok: true, user: 'alice', role: 'admin', method: 'basic' });
  const none = await auth.authenticate({ remoteAddress: '10.0.0.1' });
  t.match(none, { ok: false, status: 401, headers: { 'www-authenticate': 'Basic realm="thincim test", charset="UTF-8"' } });
  const wrong = await auth.authenticate({ authorization: basic('alice', 'nope-secret'), remoteAddress: '10.0.0.1' });
  t.match(wrong, { ok: false, status: 401, reason: /wrong user name or password \(user "alice"\)/ });
  t.notOk(JSON.stringify(wrong).includes('nope-secret'), 'the password is not in the outcome');
  t.match(await auth.authenticate({ authorization: 'Basic ???', remoteAddress: '10.0.0.1' }), { status: 401, reason: /malformed/ });
});

t.test('repeated failures are refused with Retry-After; a missing header is not a failure', async (t) => {
  const auth = await setup(t.testdir(), 2);
  for (let i = 0; i < 5; i++) await auth.authenticate({ remoteAddress: '10.0.0.2' });
  t.match(await auth.authenticate({ authorization: basic('alice', 'a-pass'), remoteAddress: '10.0.0.2' }), { ok: true });
  await auth.authenticate({ authorization: basic('alice', 'x'), remoteAddress: '10.0.0.2' });
  await auth.authenticate({ authorization: 'Bearer x', remoteAddress: '10.0.0.2' });
  const refused = await auth.authenticate({ authorization: basic('bob', 'b-pass'), remoteAddress: '10.0.0.2' });
  t.match(refused, { ok: false, status: 429, headers: { 'retry-after': /^\d+$/ } }, 'a new password check from the address is refused');
  if (!refused.ok) t.ok(Number(refused.headers['retry-after']) >= 59, 'until the oldest failure leaves the minute');
  t.match(await auth.authenticate({ authorization: basic('alice', 'a-pass'), remoteAddress: '10.0.0.2' }), { ok: true },
    'credentials verified a moment ago are never refused');
  t.match(await auth.authenticate({ authorization: basic('bob', 'b-pass'), remoteAddress: '10.0.0.3' }), { ok: true }, 'other addresses are not');
});

t.test('failures per user name: guessing one name from many addresses locks the name, not its verified logins', async (t) => {
  const auth = await setup(t.testdir(), 2);
  t.match(await auth.authenticate({ authorization: basic('alice', 'a-pass'), remoteAddress: '10.0.0.1' }), { ok: true });
  for (const address of ['10.0.0.7', '10.0.0.8']) await auth.authenticate({ authorization: basic('alice', 'guess'), remoteAddress: address });
  t.match(await auth.authenticate({ authorization: basic('alice', 'guess 3'), remoteAddress: '10.0.0.9' }), { ok: false, status: 429 },
    'a third address gets no check for the name');
  t.match(await auth.authenticate({ authorization: basic('alice', 'a-pass'), remoteAddress: '10.0.0.1' }), { ok: true },
    'the real alice, verified a moment ago, still gets in');
  t.match(await auth.authenticate({ authorization: basic('bob', 'b-pass'), remoteAddress: '10.0.0.9' }), { ok: true }, 'other names are not locked');
});

t.test('parallel guesses cannot outrun the limit: each is counted before its check', async (t) => {
  const auth = await setup(t.testdir(), 3);
  const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    auth.authenticate({ authorization: basic('alice', `guess-${i}`), remoteAddress: '10.0.0.5' })));
  t.equal(outcomes.filter((o) => !o.ok && o.status === 401).length, 3, 'three checks ran');
  t.equal(outcomes.filter((o) => !o.ok && o.status === 429).length, 47, 'the others were refused without one');
  const same = await Promise.all(Array.from({ length: 10 }, () => auth.authenticate({ authorization: basic('bob', 'b-pass'), remoteAddress: '10.0.0.6' })));
  t.ok(same.every((o) => o.ok), 'identical good credentials in parallel share one check and one count');
});

t.test('client certificates: verified and mapped only', async (t) => {
  const auth = await setup(t.testdir());
  t.same(await auth.authenticate({ remoteAddress: '10.0.0.1', certificateVerified: true, peerCertificate: { fingerprint256: FP } }),
    { ok: true, user: 'alice', role: 'admin', method: 'certificate' }, 'role from the users file');
  t.same(await auth.authenticate({ remoteAddress: '10.0.0.1', certificateVerified: true, peerCertificate: { subject: { CN: 'probe.example' } } }),
    { ok: true, user: 'probe', role: 'readonly', method: 'certificate' }, 'a user not in the file is readonly');
  t.match(await auth.authenticate({ remoteAddress: '10.0.0.1', certificateVerified: false, peerCertificate: { fingerprint256: FP } }),
    { ok: false, status: 401 }, 'an unverified certificate counts for nothing');
  t.match(await auth.authenticate({
    remoteAddress: '10.0.0.1', certificateVerified: true, peerCertificate: { subject: { CN: 'unmapped' } }, authorization: basic('alice', 'a-pass'),
  }), { ok: true, method: 'basic' }, 'an unmapped certificate falls back to Basic');
});
