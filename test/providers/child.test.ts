import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CommandError, runCommand } from '../../src/providers/child.js';

/** An environment that marks every process of one run, so a test can look for survivors. */
function marked(): { env: NodeJS.ProcessEnv; mark: string } {
  const id = randomUUID();
  return { env: { ...process.env, THINCIM_TEST_RUN: id }, mark: `THINCIM_TEST_RUN=${id}` };
}

/** Live (not zombie) processes whose environment carries `mark`, read from /proc. */
function liveMarked(mark: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state …; comm may hold spaces and parentheses
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(mark)) found.push(Number(entry));
    } catch {
      continue; // exited while we looked, or not ours to read
    }
  }
  return found;
}

/**
 * Processes of the run still alive once they had a moment to die: a killed
 * process closes its pipes (which settles the run) a little before the
 * kernel marks it a zombie. Bounded at 2 s.
 */
async function survivors(mark: string): Promise<number[]> {
  const giveUp = Date.now() + 2000;
  let alive = liveMarked(mark);
  while (alive.length > 0 && Date.now() < giveUp) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    alive = liveMarked(mark);
  }
  return alive;
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
  const { env, mark } = marked();
  const error = await rejection(runCommand('sh', ['-c', 'sleep 100 & sleep 100'], { timeoutMs: 200, env }));
  t.equal(error.code, 'TIMEOUT');
  t.equal(error.message, 'sh: timed out after 200 ms');
  t.same(await survivors(mark), [], 'neither the shell nor either sleep survives');
});

t.test('a process ignoring SIGTERM is killed after the grace period', async (t) => {
  const { env, mark } = marked();
  const script = `trap '' TERM; sleep 100 & wait`;
  const error = await rejection(runCommand('sh', ['-c', script], { timeoutMs: 200, killGraceMs: 100, env }));
  t.equal(error.code, 'TIMEOUT');
  t.equal(error.exitSignal, 'SIGKILL');
  t.same(await survivors(mark), []);
});

t.test('stragglers left behind by a leader that exits are killed', async (t) => {
  const { env, mark } = marked();
  // The background sleep keeps stdout open; without the group kill the run would last 100 s.
  const result = await runCommand('sh', ['-c', 'sleep 100 &'], { timeoutMs: 5000, env });
  t.equal(result.exitCode, 0);
  t.same(await survivors(mark), []);
});

t.test('the caller aborting kills the group', async (t) => {
  const { env, mark } = marked();
  const controller = new AbortController();
  const run = runCommand('sh', ['-c', 'sleep 100 & sleep 100'], { timeoutMs: 10_000, signal: controller.signal, env });
  setTimeout(() => controller.abort(), 100);
  const error = await rejection(run);
  t.equal(error.code, 'ABORTED');
  t.same(await survivors(mark), []);
});

t.test('an already aborted signal fails before spawning', async (t) => {
  const error = await rejection(runCommand('sh', ['-c', 'exit 0'], { timeoutMs: 1000, signal: AbortSignal.abort() }));
  t.equal(error.code, 'ABORTED');
});

t.test('output past the limit fails the run and is cut at the limit', async (t) => {
  const { env, mark } = marked();
  const error = await rejection(runCommand('sh', ['-c', 'yes'], { timeoutMs: 5000, maxOutputBytes: 1000, env }));
  t.equal(error.code, 'OUTPUT_LIMIT');
  t.equal(error.message, 'sh: stdout passed 1000 bytes');
  t.equal(error.stdout.length, 1000);
  t.same(await survivors(mark), []);
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
