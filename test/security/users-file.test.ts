import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import {
  hashPassword, LockTimeoutError, parseUsers, readUsers, setUser, UsersFileError, verifyPassword, withLock,
} from '../../src/security/index.js';
import { FAST_SCRYPT, mode } from './helpers.js';

const opts = { scrypt: FAST_SCRYPT };

t.test('add, change, keep role, keep comments', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'state', 'users');
  t.same(await setUser(file, 'alice', 'a-pass', { ...opts, role: 'admin' }), { created: true, role: 'admin' });
  t.same(await setUser(file, 'bob', 'b-pass', opts), { created: true, role: 'readonly' }, 'a new user is readonly');
  writeFileSync(file, `# operators\n${readFileSync(file, 'utf8')}\n`);
  t.same(await setUser(file, 'alice', 'a-new', opts), { created: false, role: 'admin' }, 'role kept on a password change');
  t.same(await setUser(file, 'bob', 'b-pass', { ...opts, role: 'admin' }), { created: false, role: 'admin' }, 'role changed');

  const text = readFileSync(file, 'utf8');
  t.match(text, /^# operators\nalice:admin:scrypt\$1024\$8\$1\$\S+\nbob:admin:scrypt\$\S+\n\n$/, 'order, comment and blank line kept');
  t.notOk(text.includes('a-new'), 'no plain password in the file');
  const users = await readUsers(file);
  t.same([...users.keys()], ['alice', 'bob']);
  t.equal(await verifyPassword('a-new', users.get('alice')!.hash), true);
  t.equal(await verifyPassword('a-pass', users.get('alice')!.hash), false);
});

t.test('permissions: file 0600, new folder 0700, exact despite the umask', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'new', 'users');
  const old = process.umask(0o000);
  try {
    await setUser(file, 'alice', 'x', opts);
  } finally {
    process.umask(old);
  }
  t.equal(mode(statSync(file)), '600');
  t.equal(mode(statSync(join(dir, 'new'))), '700');
  writeFileSync(file, readFileSync(file), { mode: 0o644 });
  await setUser(file, 'bob', 'x', opts);
  t.equal(mode(statSync(file)), '600', 'a rewrite restores 0600');
});

t.test('concurrent changes are all kept (lock + atomic replace)', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'users');
  const names = Array.from({ length: 12 }, (_, i) => `user${i}`);
  await Promise.all(names.map((n) => setUser(file, n, `pw-${n}`, opts)));
  const users = await readUsers(file);
  t.same([...users.keys()].sort(), [...names].sort());
  for (const n of names) t.equal(await verifyPassword(`pw-${n}`, users.get(n)!.hash), true, n);
  t.throws(() => statSync(`${file}.lock`), /ENOENT/, 'the lock is released');
});

t.test('a stale lock is broken; a live one times out', async (t) => {
  const dir = t.testdir();
  const lock = join(dir, 'l.lock');
  writeFileSync(lock, '123\n');
  t.equal(await withLock(lock, async () => 'ran', { staleMs: 0 }), 'ran');
  writeFileSync(lock, '123\n');
  await t.rejects(withLock(lock, async () => 'ran', { timeoutMs: 50, retryMs: 10 }), LockTimeoutError);
  await t.rejects(withLock(lock, async () => 'ran', { timeoutMs: 50 }), /still locked/);
});

t.test('a missing file has no users', async (t) => {
  t.equal((await readUsers(join(t.testdir(), 'none'))).size, 0);
});

t.test('bad files are refused with file, line, the user and what to do, never quoting the hash', async (t) => {
  const hash = await hashPassword('x', FAST_SCRYPT);
  const again = (role: string, name = 'alice') => `delete the line and add the user again with \`thincim passwd --users users --role ${role} ${name}\``;
  const cases: [string, string][] = [
    [`alice:admin\n`, `users file users:1: user 'alice': expected name:role:hash, got 2 fields separated by ':'; ${again('admin')}`],
    [`# ok\nalice:root:${hash}\n`, `users file users:2: user 'alice': role "root" is not one of readonly, admin`],
    [`:admin:${hash}\n`, 'users file users:1: invalid user name "" (letters, digits and ._@-, starting with a letter or digit, at most 64); expected name:role:hash, as `thincim passwd` writes it'],
    [`al ice:admin:${hash}\n`, 'users file users:1: invalid user name "al ice" (letters, digits and ._@-, starting with a letter or digit, at most 64); expected name:role:hash, as `thincim passwd` writes it'],
    [`alice:admin:${hash}:extra\n`, `users file users:1: user 'alice': expected name:role:hash, got 4 fields separated by ':'; ${again('admin')}`],
    [`alice:superuser\n`, `users file users:1: user 'alice': expected name:role:hash, got 2 fields separated by ':'; ${again('readonly|admin')}`],
    [`alice:admin:${hash}\n# x\nalice:readonly:${hash}\n`, "users file users:3: user 'alice' appears twice (first on line 1): delete one of the lines"],
    [`bob:readonly:${hash}\nalice:admin:scrypt$1$2$3$4$5\n`, `users file users:2: user 'alice': bad password hash (scrypt N must be a power of two up to 1048576); ${again('admin')}`],
    // A field out of place may be the hash: told by its length, never quoted.
    [`alice:${hash}:admin\n`, `users file users:1: user 'alice': role of ${hash.length} characters is not one of readonly, admin`],
    [`${hash}\n`, `users file users:1: invalid user name of ${hash.length} characters (letters, digits and ._@-, starting with a letter or digit, at most 64); expected name:role:hash, as \`thincim passwd\` writes it`],
  ];
  for (const [text, message] of cases) {
    const err = (() => {
      try {
        parseUsers(text, 'users');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    t.type(err, UsersFileError, text);
    t.equal((err as Error).message, message);
    const [, , , , salt, key] = hash.split('$');
    t.notOk([salt!, key!, salt!.slice(0, 12), key!.slice(0, 12)].some((part) => (err as Error).message.includes(part)), 'no part of the hash quoted');
  }
  t.equal(parseUsers(`alice:admin:${hash}\r\n`, 'users').size, 1, 'CRLF tolerated');
  t.same([...parseUsers(`\uFEFFalice:admin:${hash}\r\n`, 'users').keys()], ['alice'], 'a byte-order mark too (Windows editors), not part of the name');

  const dir = t.testdir();
  const file = join(dir, 'users');
  writeFileSync(file, 'garbage\n');
  await t.rejects(setUser(file, 'bob', 'x', opts), UsersFileError, 'a corrupt file is not overwritten');
  t.equal(readFileSync(file, 'utf8'), 'garbage\n');
  await t.rejects(readUsers(dir), /cannot read: EISDIR/);
  await t.rejects(setUser(file, 'b:c', 'x', opts), /invalid user name/);
  await t.rejects(setUser(join(dir, 'u2'), 'bob', '', opts), /empty password/);
});
