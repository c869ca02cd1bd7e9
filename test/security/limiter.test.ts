import t from 'tap';
import { addressKey, AuthFailureLimiter } from '../../src/security/index.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let now = 5_000_000;
  return { now: () => now, advance: (ms) => { now += ms; } };
}

t.test('N failures per window, then refused until the oldest leaves the window', async (t) => {
  const c = clock();
  const limiter = new AuthFailureLimiter({ maxFailures: 3, windowMs: 60_000, now: c.now });
  for (let i = 0; i < 3; i++) {
    t.same(limiter.check('10.0.0.1'), { allowed: true });
    limiter.recordFailure('10.0.0.1');
    c.advance(10_000);
  }
  t.same(limiter.check('10.0.0.1'), { allowed: false, retryAfterMs: 30_000 });
  t.same(limiter.check('10.0.0.2'), { allowed: true }, 'other addresses are not affected');
  c.advance(29_999);
  t.equal(limiter.check('10.0.0.1').allowed, false);
  c.advance(1);
  t.same(limiter.check('10.0.0.1'), { allowed: true }, 'sliding: one more try once the oldest failure ages out');
  limiter.recordFailure('10.0.0.1');
  t.equal(limiter.check('10.0.0.1').allowed, false);
  c.advance(60_000);
  t.same(limiter.check('10.0.0.1'), { allowed: true });
  t.equal(limiter.size, 0, 'an address with no recent failure is forgotten');
});

t.test('memory is bounded: least recently failed addresses go first', async (t) => {
  const c = clock();
  const limiter = new AuthFailureLimiter({ maxFailures: 2, maxAddresses: 100, now: c.now });
  for (let i = 0; i < 1000; i++) limiter.recordFailure(`10.0.${Math.floor(i / 250)}.${i % 250}`);
  t.equal(limiter.size, 100);
  limiter.recordFailure('198.51.100.7');
  limiter.recordFailure('198.51.100.7');
  for (let i = 0; i < 99; i++) limiter.recordFailure(`203.0.113.${i}`);
  t.equal(limiter.check('198.51.100.7').allowed, false, 'recently failing address kept');
  limiter.recordFailure('203.0.113.200');
  t.equal(limiter.size, 100);
  t.equal(limiter.check('198.51.100.7').allowed, true, 'evicted once it is the least recently failed');
});

t.test('0 turns the limiter off', async (t) => {
  const limiter = new AuthFailureLimiter({ maxFailures: 0 });
  for (let i = 0; i < 100; i++) limiter.recordFailure('10.0.0.1');
  t.same(limiter.check('10.0.0.1'), { allowed: true });
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
  limiter.recordFailure('2001:db8:1:2::1');
  limiter.recordFailure('2001:db8:1:2::2');
  t.equal(limiter.check('2001:db8:1:2::3').allowed, false, 'rotating within a /64 does not help');
  t.equal(limiter.check('2001:db8:1:3::1').allowed, true);
});
