import t from 'tap';
import { addressBucket, addressKey, AuthFailureLimiter, userBucket } from '../../src/security/index.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let now = 5_000_000;
  return { now: () => now, advance: (ms) => { now += ms; } };
}

const A1 = addressBucket('10.0.0.1');

t.test('N attempts per window, then refused until the oldest leaves the window', async (t) => {
  const c = clock();
  const limiter = new AuthFailureLimiter({ maxFailures: 3, windowMs: 60_000, now: c.now });
  for (let i = 0; i < 3; i++) {
    t.match(limiter.attempt([A1]), { allowed: true });
    c.advance(10_000);
  }
  t.same(limiter.attempt([A1]), { allowed: false, retryAfterMs: 30_000 });
  t.match(limiter.attempt([addressBucket('10.0.0.2')]), { allowed: true }, 'other addresses are not affected');
  c.advance(29_999);
  t.equal(limiter.attempt([A1]).allowed, false, 'a refused attempt is not counted, and does not extend the wait');
  c.advance(1);
  t.match(limiter.attempt([A1]), { allowed: true }, 'sliding: one more try once the oldest failure ages out');
  t.equal(limiter.attempt([A1]).allowed, false);
  c.advance(60_000);
  t.match(limiter.attempt([A1]), { allowed: true });
  c.advance(60_000);
  limiter.attempt([]);
  t.equal(limiter.attempt([A1]).allowed, true);
});

t.test('an attempt counts before its check runs: parallel checks cannot outrun the limit', async (t) => {
  const limiter = new AuthFailureLimiter({ maxFailures: 5 });
  const decisions = Array.from({ length: 200 }, () => limiter.attempt([A1, userBucket('root')]));
  t.equal(decisions.filter((d) => d.allowed).length, 5, 'only 5 of 200 simultaneous guesses may check a password');
});

t.test('a forgiven attempt (a success) is no failure', async (t) => {
  const limiter = new AuthFailureLimiter({ maxFailures: 2 });
  for (let i = 0; i < 10; i++) {
    const decision = limiter.attempt([A1, userBucket('alice')]);
    if (!decision.allowed) return t.fail('refused after successes');
    limiter.forgive(decision.attempt);
  }
  t.equal(limiter.size, 0, 'nothing is remembered of successes');
});

t.test('a bucket per address and per user name: either full refuses', async (t) => {
  const limiter = new AuthFailureLimiter({ maxFailures: 2 });
  limiter.attempt([addressBucket('10.0.0.1'), userBucket('alice')]);
  limiter.attempt([addressBucket('10.0.0.2'), userBucket('alice')]);
  t.equal(limiter.attempt([addressBucket('10.0.0.3'), userBucket('alice')]).allowed, false, 'a name guessed from many addresses');
  t.equal(limiter.attempt([addressBucket('10.0.0.1'), userBucket('bob')]).allowed, true, 'the address itself failed only once');
  t.equal(limiter.attempt([addressBucket('10.0.0.1'), userBucket('carol')]).allowed, false, 'now the address is full');
});

t.test('memory is bounded: least recently failed buckets go first', async (t) => {
  const c = clock();
  const limiter = new AuthFailureLimiter({ maxFailures: 2, maxKeys: 100, now: c.now });
  for (let i = 0; i < 1000; i++) limiter.attempt([addressBucket(`10.0.${Math.floor(i / 250)}.${i % 250}`)]);
  t.equal(limiter.size, 100);
  const kept = addressBucket('198.51.100.7');
  limiter.attempt([kept]);
  limiter.attempt([kept]);
  for (let i = 0; i < 99; i++) limiter.attempt([addressBucket(`203.0.113.${i}`)]);
  t.equal(limiter.attempt([kept]).allowed, false, 'recently failing address kept');
  limiter.attempt([addressBucket('203.0.113.200')]);
  t.equal(limiter.size, 100);
  t.equal(limiter.attempt([kept]).allowed, true, 'evicted once it is the least recently failed');
});

t.test('0 turns the limiter off', async (t) => {
  const limiter = new AuthFailureLimiter({ maxFailures: 0 });
  for (let i = 0; i < 100; i++) t.equal(limiter.attempt([A1]).allowed, true);
  t.equal(limiter.size, 0);
});

t.test('address keys: IPv4-mapped as IPv4, IPv6 by /64', async (t) => {
  t.equal(addressKey('192.0.2.1'), '192.0.2.1');
  t.equal(addressKey('::ffff:192.0.2.1'), '192.0.2.1');
  t.equal(addressKey('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64');
  t.equal(addressKey('2001:DB8:1:2::99'), '2001:db8:1:2::/64');
  t.equal(addressKey('2001:db8::1'), '2001:db8:0:0::/64');
  t.equal(addressKey('::1'), '0:0:0:0::/64');
  t.equal(addressKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  t.equal(addressKey('2001:0db8:0001:0002::1'), '2001:db8:1:2::/64', 'leading zeros do not split a prefix');

  const limiter = new AuthFailureLimiter({ maxFailures: 2 });
  limiter.attempt([addressBucket('2001:db8:1:2::1')]);
  limiter.attempt([addressBucket('2001:db8:1:2::2')]);
  t.equal(limiter.attempt([addressBucket('2001:db8:1:2::3')]).allowed, false, 'rotating within a /64 does not help');
  t.equal(limiter.attempt([addressBucket('2001:db8:1:3::1')]).allowed, true);
});

t.test('known clients: a user name\'s bucket spares the addresses that user passed a check from, for knownForMs', async (t) => {
  let now = 0;
  const limiter = new AuthFailureLimiter({ maxFailures: 2, knownForMs: 1000, maxKeys: 2, now: () => now });
  t.same(limiter.bucketsFor('alice', '10.0.0.1'), [addressBucket('10.0.0.1'), userBucket('alice')], 'unknown: both buckets');
  limiter.remember('alice', '10.0.0.1');
  t.same(limiter.bucketsFor('alice', '10.0.0.1'), [addressBucket('10.0.0.1')], 'known: its address only');
  t.same(limiter.bucketsFor('alice', '10.0.0.2'), [addressBucket('10.0.0.2'), userBucket('alice')], 'per address');
  t.same(limiter.bucketsFor('bob', '10.0.0.1'), [addressBucket('10.0.0.1'), userBucket('bob')], 'per user');
  t.same(limiter.bucketsFor('alice', '::ffff:10.0.0.1'), [addressBucket('10.0.0.1')], 'addresses as the buckets key them');
  now = 1000;
  t.same(limiter.bucketsFor('alice', '10.0.0.1'), [addressBucket('10.0.0.1'), userBucket('alice')], 'forgotten after knownForMs');
  limiter.remember('alice', '10.0.0.1');
  limiter.remember('bob', '10.0.0.1');
  limiter.remember('carol', '10.0.0.1');
  t.equal(limiter.bucketsFor('alice', '10.0.0.1').length, 2, 'at most maxKeys known clients: the least recently seen goes');
  t.equal(limiter.bucketsFor('carol', '10.0.0.1').length, 1);
});
