import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { setUser, UserStore, type UserStoreOptions, UsersFileError } from '../../src/security/index.js';
import { FAST_SCRYPT } from './helpers.js';

async function storeIn(dir: string, options: UserStoreOptions = {}): Promise<{ file: string; store: UserStore }> {
  const file = join(dir, 'users');
  await setUser(file, 'alice', 'a-pass', { scrypt: FAST_SCRYPT, role: 'admin' });
  await setUser(file, 'bob', 'b-pass', { scrypt: FAST_SCRYPT });
  return { file, store: await UserStore.open(file, options) };
}

t.test('verify: right, wrong, unknown', async (t) => {
  const { store } = await storeIn(t.testdir());
  t.equal(store.size, 2);
  t.same(await store.verify('alice', 'a-pass'), { name: 'alice', role: 'admin' });
  t.same(await store.verify('bob', 'b-pass'), { name: 'bob', role: 'readonly' });
  t.equal(await store.verify('alice', 'b-pass'), undefined);
  t.equal(await store.verify('Alice', 'a-pass'), undefined, 'names are case-sensitive');
  const before = store.stats().derivations;
  t.equal(await store.verify('mallory', 'a-pass'), undefined);
  t.equal(store.stats().derivations, before + 1, 'an unknown user costs a derivation too (no enumeration by timing)');
  t.equal(store.roleOf('alice'), 'admin');
  t.equal(store.roleOf('mallory'), undefined);
});

t.test('successes are cached for the TTL; failures never', async (t) => {
  let now = 1_000_000;
  const { store } = await storeIn(t.testdir(), { cacheTtlMs: 60_000, now: () => now });
  await store.verify('alice', 'a-pass');
  await store.verify('alice', 'a-pass');
  await store.verify('alice', 'a-pass');
  t.match(store.stats(), { derivations: 1, cacheHits: 2, cached: 1 });
  t.equal(await store.verify('alice', 'wrong'), undefined, 'a different password is not a hit');
  await store.verify('alice', 'wrong');
  t.match(store.stats(), { derivations: 3, cached: 1 }, 'failures are checked every time');
  now += 60_001;
  t.same(await store.verify('alice', 'a-pass'), { name: 'alice', role: 'admin' });
  t.match(store.stats(), { derivations: 4, cacheHits: 2 }, 'expired entries are checked again');
});

t.test('identical checks in flight derive once', async (t) => {
  const { store } = await storeIn(t.testdir());
  const results = await Promise.all([1, 2, 3, 4].map(() => store.verify('bob', 'b-pass')));
  t.ok(results.every((r) => r?.name === 'bob'));
  t.equal(store.stats().derivations, 1);
});

t.test('cache bounds and off switch', async (t) => {
  const dir = t.testdir();
  const { store } = await storeIn(dir, { cacheEntries: 1 });
  await store.verify('alice', 'a-pass');
  await store.verify('bob', 'b-pass');
  t.equal(store.stats().cached, 1, 'the oldest entry is forgotten');
  await store.verify('alice', 'a-pass');
  t.equal(store.stats().derivations, 3);

  const off = await UserStore.open(join(dir, 'users'), { cacheTtlMs: 0 });
  await off.verify('alice', 'a-pass');
  await off.verify('alice', 'a-pass');
  t.match(off.stats(), { derivations: 2, cached: 0, cacheHits: 0 });
});

t.test('reload: picks up changes, forgets the cache, keeps the old users on a bad file', async (t) => {
  const { file, store } = await storeIn(t.testdir());
  await store.verify('alice', 'a-pass');
  await setUser(file, 'alice', 'changed', { scrypt: FAST_SCRYPT });
  await setUser(file, 'carol', 'c-pass', { scrypt: FAST_SCRYPT });
  t.ok(await store.verify('alice', 'a-pass'), 'before reload the old password holds');
  t.equal(await store.reload(), 3);
  t.equal(store.stats().cached, 0);
  t.equal(await store.verify('alice', 'a-pass'), undefined, 'the old password is gone at once');
  t.ok(await store.verify('alice', 'changed'));
  t.ok(await store.verify('carol', 'c-pass'));

  writeFileSync(file, 'broken line\n');
  await t.rejects(store.reload(), UsersFileError);
  t.ok(await store.verify('carol', 'c-pass'), 'the previous users stay in force');
});

t.test('a missing file: no users, every check fails', async (t) => {
  const store = await UserStore.open(join(t.testdir(), 'none'));
  t.equal(store.size, 0);
  t.equal(await store.verify('root', ''), undefined);
  await t.rejects(UserStore.open('/'), /cannot read/);
});

t.test('password checks run in a bounded pool: a burst waits its turn instead of taking every libuv thread', async (t) => {
  const { store } = await storeIn(t.testdir(), { passwordChecks: 1 });
  const burst = Array.from({ length: 6 }, (_, i) => store.verify('alice', `guess-${i}`));
  t.match(store.stats(), { checking: 1, queued: 5 });
  t.same(await Promise.all(burst), Array(6).fill(undefined));
  t.match(store.stats(), { checking: 0, queued: 0, derivations: 6 });
});

t.test('the file\'s mode: readable by others is a warning, writable by others is refused (and a reload keeps the old users)', async (t) => {
  const { file, store } = await storeIn(t.testdir());
  const warnings: string[] = [];
  chmodSync(file, 0o644);
  const loose = await UserStore.open(file, { onWarning: (m) => warnings.push(m) });
  t.equal(loose.size, 2, 'loaded anyway');
  t.match(warnings, [/users: readable by group or others \(mode 644\).*chmod 600/]);
  chmodSync(file, 0o600);
  await UserStore.open(file, { onWarning: (m) => t.fail(m) });
  for (const mode of [0o620, 0o602, 0o666]) {
    chmodSync(file, mode);
    await t.rejects(UserStore.open(file), { name: 'UsersFileError', message: /writable by group or others .*chmod 600/ }, mode.toString(8));
  }
  writeFileSync(file, '');
  chmodSync(file, 0o666);
  await t.rejects(store.reload(), UsersFileError);
  t.equal(store.size, 2, 'the previous users stay in force');
  t.same(await store.verify('alice', 'a-pass'), { name: 'alice', role: 'admin' });
});
