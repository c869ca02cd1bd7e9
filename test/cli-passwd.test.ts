import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import t from 'tap';
import type { CliIO } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { readUsers, verifyPassword } from '../src/security/index.js';

const SECRET = 'Tr0ub4dor&3-secret';

interface Run {
  io: CliIO;
  stdin: PassThrough & { isTTY?: boolean; setRawMode?: (raw: boolean) => void; rawModes: boolean[] };
  out: () => string;
  err: () => string;
  /** Resolves when standard error has printed `text` `count` times in all. */
  waitFor: (text: string, count?: number) => Promise<void>;
}

function harness(env: Record<string, string> = {}, tty = false): Run {
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => { out += c.toString(); });
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
    for (const w of waiters.splice(0)) w();
  });
  const stdin = Object.assign(new PassThrough(), { rawModes: [] as boolean[] }) as Run['stdin'];
  if (tty) {
    stdin.isTTY = true;
    stdin.setRawMode = (raw: boolean) => { stdin.rawModes.push(raw); };
  }
  const waitFor = async (text: string, count = 1): Promise<void> => {
    while (err.split(text).length - 1 < count) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { io: { stdout, stderr, stdin, env }, stdin, out: () => out, err: () => err, waitFor };
}

t.test('piped standard input: first line is the password', async (t) => {
  const file = join(t.testdir(), 'users');
  const run = harness();
  run.stdin.end(`${SECRET}\r\nignored second line\n`);
  t.equal(await main(['passwd', '--users', file, '--role', 'admin', 'alice'], run.io), 0);
  t.equal(run.out(), `added user 'alice' (admin) to ${file}\n`);
  const alice = (await readUsers(file)).get('alice')!;
  t.equal(alice.role, 'admin');
  t.equal(await verifyPassword(SECRET, alice.hash), true);
  t.equal((statSync(file).mode & 0o777).toString(8), '600');
  t.notOk(run.out().includes(SECRET) || run.err().includes(SECRET), 'the password is never printed');
  t.notOk(readFileSync(file, 'utf8').includes(SECRET));

  const change = harness();
  change.stdin.end('new-password');
  t.equal(await main(['passwd', '--users', file, 'alice'], change.io), 0, 'no trailing newline needed');
  t.equal(change.out(), `changed the password of 'alice' (admin) in ${file}\n`, 'role kept');
  t.equal(await verifyPassword('new-password', (await readUsers(file)).get('alice')!.hash), true);
});

t.test('the users file defaults to <stateDir>/users from the configuration', async (t) => {
  const stateDir = t.testdir();
  const run = harness({ THINCIM_STATE_DIR: stateDir });
  run.stdin.end('pw\n');
  t.equal(await main(['passwd', 'bob'], run.io), 0);
  t.match(run.out(), `added user 'bob' (readonly) to ${join(stateDir, 'users')}`);
});

t.test('a users file that cannot be written: one line naming it, where it was set and why, no stack trace', async (t) => {
  const dir = t.testdir({ 'a-file': '' });
  const stateDir = join(dir, 'a-file');
  const byDefault = harness({ THINCIM_STATE_DIR: stateDir });
  byDefault.stdin.end('pw\n');
  t.equal(await main(['passwd', 'bob'], byDefault.io), 1);
  t.equal(byDefault.err(), `thincim passwd: cannot write the users file ${join(stateDir, 'users')} (the default, <stateDir>/users): `
    + `mkdir ${stateDir}: exists and is not a folder (EEXIST); choose another with --users\n`);
  const named = harness();
  named.stdin.end('pw\n');
  t.equal(await main(['passwd', '--users', join(stateDir, 'users'), 'bob'], named.io), 1);
  t.match(named.err(), `(from --users): mkdir ${stateDir}: exists and is not a folder (EEXIST)`);
});

t.test('empty and over-long passwords are refused', async (t) => {
  const file = join(t.testdir(), 'users');
  for (const input of ['', '\n', '\r\n']) {
    const run = harness();
    run.stdin.end(input);
    t.equal(await main(['passwd', '--users', file, 'carol'], run.io), 1, JSON.stringify(input));
    t.match(run.err(), /empty password refused/);
  }
  const long = harness();
  long.stdin.end('x'.repeat(5000));
  t.equal(await main(['passwd', '--users', file, 'carol'], long.io), 1);
  t.match(long.err(), /longer than 1024 bytes/);
  t.throws(() => statSync(file), /ENOENT/, 'nothing written');
});

t.test('terminal: asks twice without echo, in raw mode', async (t) => {
  const file = join(t.testdir(), 'users');
  const run = harness({}, true);
  const done = main(['passwd', '--users', file, 'dave'], run.io);
  await run.waitFor('Password: ');
  for (const ch of `${SECRET}x\u007f`) run.stdin.write(ch);
  run.stdin.write('\r');
  await run.waitFor('Repeat password: ');
  run.stdin.write(`${SECRET}\n`);
  t.equal(await done, 0);
  t.same(run.stdin.rawModes, [true, false, true, false], 'raw mode on while typing, restored after');
  t.equal(await verifyPassword(SECRET, (await readUsers(file)).get('dave')!.hash), true, 'backspace removed the typo');
  t.notOk(run.err().includes(SECRET) || run.out().includes(SECRET), 'nothing echoed');
});

t.test('terminal: mismatch, Ctrl-C and empty input are refused', async (t) => {
  const file = join(t.testdir(), 'users');
  const mismatch = harness({}, true);
  const a = main(['passwd', '--users', file, 'erin'], mismatch.io);
  await mismatch.waitFor('Password: ');
  mismatch.stdin.write('one\r');
  await mismatch.waitFor('Repeat password: ');
  mismatch.stdin.write('two\r');
  t.equal(await a, 1);
  t.match(mismatch.err(), /do not match/);

  const abort = harness({}, true);
  const b = main(['passwd', '--users', file, 'erin'], abort.io);
  await abort.waitFor('Password: ');
  abort.stdin.write('par\u0003');
  t.equal(await b, 1);
  t.match(abort.err(), /aborted/);
  t.same(abort.stdin.rawModes, [true, false], 'the terminal is restored');

  const empty = harness({}, true);
  const c = main(['passwd', '--users', file, 'erin'], empty.io);
  await empty.waitFor('Password: ');
  empty.stdin.write('\r');
  t.equal(await c, 1);
  t.match(empty.err(), /empty password refused/);
  t.notMatch(empty.err(), /Repeat/, 'no second prompt after an empty one');
  t.throws(() => statSync(file), /ENOENT/);
});

t.test('usage errors', async (t) => {
  const file = join(t.testdir(), 'users');
  const cases: [string[], RegExp][] = [
    [[], /exactly one user name/],
    [['a', 'b'], /exactly one user name/],
    [['bad:name'], /invalid user name/],
    [['--role', 'root', 'alice'], /--role must be one of readonly, admin/],
    [['--rol', 'admin', 'alice'], /unknown flag \(did you mean --role\?\)/],
  ];
  for (const [args, message] of cases) {
    const run = harness();
    run.stdin.end('pw\n');
    t.equal(await main(['passwd', '--users', file, ...args], run.io), 2, args.join(' '));
    t.match(run.err(), message);
  }
  const help = harness();
  t.equal(await main(['passwd', '--help'], help.io), 0);
  t.match(help.out(), /usage: thincim passwd/);
});

t.test('separate processes changing one file at once all land', async (t) => {
  const file = join(t.testdir(), 'users');
  const script = "import { main } from './src/cli/main.ts'; process.exitCode = await main(process.argv.slice(1));";
  const runProcess = (user: string) => new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', 'passwd', '--users', file, user], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.stdin.end(`pw-${user}\n`);
    child.on('error', reject);
    child.on('close', resolve);
  });
  const names = ['p1', 'p2', 'p3', 'p4'];
  t.same(await Promise.all(names.map(runProcess)), [0, 0, 0, 0]);
  const users = await readUsers(file);
  t.same([...users.keys()].sort(), names);
  for (const n of names) t.equal(await verifyPassword(`pw-${n}`, users.get(n)!.hash), true);
});
