import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CommandError, runCommand } from '../../src/providers/child.js';

/** Live (not zombie) processes whose process group is `pgid`, read from /proc. */
function liveMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(entry));
  }
  return members;
}

async function rejection(promise: Promise<unknown>): Promise<CommandError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('expected the run to fail');
}

t.test('resolves with stdout and stderr of a successful run', async (t) => {
  const result = await runCommand('sh', ['-c', 'echo out; echo err >&2'], { timeoutMs: 5000 });
  t.equal(result.stdout, 'out\n');
  t.equal(result.stderr, 'err\n');
  t.equal(result.exitCode, 0);
  t.type(result.durationMs, 'number');
});

t.test('passes arguments without a shell', async (t) => {
  const result = await runCommand('printf', ['%s|', 'a b', '$HOME', ';'], { timeoutMs: 5000 });
  t.equal(result.stdout, 'a b|$HOME|;|');
});

t.test('uses the given environment and working directory', async (t) => {
  const result = await runCommand('sh', ['-c', 'echo "$THINCIM_X $(pwd)"'], {
    timeoutMs: 5000,
    env: { THINCIM_X: 'secret', PATH: process.env.PATH },
    cwd: '/tmp',
  });
  t.equal(result.stdout, 'secret /tmp\n');
});

t.test('a non-zero exit is an EXIT error with the output and the first stderr line', async (t) => {
  const error = await rejection(runCommand('sh', ['-c', 'echo partial; echo "no BMC" >&2; echo more >&2; exit 3'], { timeoutMs: 5000 }));
  t.equal(error.code, 'EXIT');
  t.equal(error.exitCode, 3);
  t.equal(error.stdout, 'partial\n');
  t.equal(error.stderr, 'no BMC\nmore\n');
  t.equal(error.message, 'sh: exited with code 3: no BMC');
});

t.test('a command that cannot start is a SPAWN error', async (t) => {
  const error = await rejection(runCommand('/nonexistent/ipmitool', [], { timeoutMs: 5000 }));
  t.equal(error.code, 'SPAWN');
  t.match(error.message, /^\/nonexistent\/ipmitool: cannot start: .*ENOENT/);
});

t.test('a crash (killed by a signal) is a SIGNAL error', async (t) => {
  const error = await rejection(runCommand('sh', ['-c', 'kill -SEGV $$'], { timeoutMs: 5000 }));
  t.equal(error.code, 'SIGNAL');
  t.equal(error.exitSignal, 'SIGSEGV');
});

t.test('a late run is killed with its whole process group', async (t) => {
  const error = await rejection(runCommand('sh', ['-c', 'echo $$; sleep 100 & sleep 100'], { timeoutMs: 200 }));
  t.equal(error.code, 'TIMEOUT');
  t.equal(error.message, 'sh: timed out after 200 ms');
  const pgid = Number(error.stdout.trim());
  t.ok(pgid > 0, 'the shell printed its pid');
  t.same(liveMembers(pgid), [], 'no process of the group survives');
});

t.test('a process ignoring SIGTERM is killed after the grace period', async (t) => {
  const script = `trap '' TERM; echo $$; sleep 100 & wait`;
  const error = await rejection(runCommand('sh', ['-c', script], { timeoutMs: 200, killGraceMs: 100 }));
  t.equal(error.code, 'TIMEOUT');
  t.equal(error.exitSignal, 'SIGKILL');
  t.same(liveMembers(Number(error.stdout.trim())), []);
});

t.test('stragglers left behind by a leader that exits are killed', async (t) => {
  // The background sleep keeps stdout open; without the group kill the run would last 100 s.
  const result = await runCommand('sh', ['-c', 'echo $$; sleep 100 &'], { timeoutMs: 5000 });
  t.same(liveMembers(Number(result.stdout.trim())), []);
});

t.test('the caller aborting kills the group', async (t) => {
  const controller = new AbortController();
  const run = runCommand('sh', ['-c', 'echo $$; sleep 100'], { timeoutMs: 10_000, signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  const error = await rejection(run);
  t.equal(error.code, 'ABORTED');
  t.same(liveMembers(Number(error.stdout.trim())), []);
});

t.test('an already aborted signal fails before spawning', async (t) => {
  const error = await rejection(runCommand('sh', ['-c', 'exit 0'], { timeoutMs: 1000, signal: AbortSignal.abort() }));
  t.equal(error.code, 'ABORTED');
});

t.test('output past the limit fails the run and is cut at the limit', async (t) => {
  const error = await rejection(runCommand('sh', ['-c', 'echo $$ >&2; yes'], { timeoutMs: 5000, maxOutputBytes: 1000 }));
  t.equal(error.code, 'OUTPUT_LIMIT');
  t.equal(error.message, 'sh: stdout passed 1000 bytes');
  t.equal(error.stdout.length, 1000);
  t.same(liveMembers(Number(error.stderr.trim())), []);
});

t.test('stderr has the same limit', async (t) => {
  const error = await rejection(runCommand('sh', ['-c', 'yes >&2'], { timeoutMs: 5000, maxOutputBytes: 10 }));
  t.equal(error.code, 'OUTPUT_LIMIT');
  t.equal(error.stderr, 'y\ny\ny\ny\ny\n');
});

t.test('runs with the same key never overlap', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'thincim-child-'));
  t.teardown(() => rmSync(dir, { recursive: true }));
  const script = 'echo start >> log; sleep 0.05; echo end >> log';
  await Promise.all([1, 2, 3].map(() => runCommand('sh', ['-c', script], { timeoutMs: 5000, key: 'bmc', cwd: dir })));
  t.equal(readFileSync(join(dir, 'log'), 'utf8'), 'start\nend\n'.repeat(3));
});

t.test('runs with other keys run alongside', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'thincim-child-'));
  t.teardown(() => rmSync(dir, { recursive: true }));
  // The first run only ends once the second has run: both finish only if they overlap.
  const waiter = runCommand('sh', ['-c', 'while [ ! -e flag ]; do sleep 0.01; done'], { timeoutMs: 5000, key: 'a', cwd: dir });
  await runCommand('touch', ['flag'], { timeoutMs: 5000, key: 'b', cwd: dir });
  t.equal((await waiter).exitCode, 0);
});

t.test('waiting for the key counts against the timeout', async (t) => {
  const first = runCommand('sleep', ['0.5'], { timeoutMs: 5000, key: 'queue-timeout' });
  const error = await rejection(runCommand('true', [], { timeoutMs: 100, key: 'queue-timeout' }));
  t.equal(error.code, 'TIMEOUT');
  await first;
  const after = await runCommand('true', [], { timeoutMs: 5000, key: 'queue-timeout' });
  t.equal(after.exitCode, 0, 'the key is free again');
});

t.test('rejects invalid limits with a clear error', async (t) => {
  await t.rejects(runCommand('true', [], { timeoutMs: 0 }), new RangeError('runCommand true: timeoutMs must be a positive number, got 0'));
  await t.rejects(runCommand('true', [], { timeoutMs: 100, maxOutputBytes: -1 }), /maxOutputBytes must be a positive number/);
  await t.rejects(runCommand('true', [], { timeoutMs: 100, killGraceMs: Number.NaN }), /killGraceMs must be a positive number/);
});
