/**
 * Start-up mistakes of the operator's making, as a real process: one line
 * naming the key and where it was set, exit status 1, no stack trace.
 */
import { join } from 'node:path';
import t from 'tap';
import { freePort, runThincim } from '../helpers/process.js';

const oneLine = (stdout: string, stderr: string) => ({ lines: stdout.trim().split('\n').filter((l) => /"level":60/.test(l)).length, stderr });

t.test('a host that does not resolve names the key, in one line', async (t) => {
  const dir = t.testdir();
  const run = await runThincim(['serve', '--state-dir', join(dir, 'state'), '--host', 'no-such-host.invalid',
    '--https-port', String(await freePort()), '--http-port', '0', '--providers', 'simulated']);
  t.equal(run.code, 1);
  t.match(run.stdout, /"msg":"not starting: host \\"no-such-host\.invalid\\" \(from --host\) does not resolve to an address \((ENOTFOUND|EAI_AGAIN)\)"/);
  t.same(oneLine(run.stdout, run.stderr), { lines: 1, stderr: '' }, 'no stack trace');
});

t.test('a users file named by the operator must exist (a missing default one is a first start)', async (t) => {
  const dir = t.testdir();
  const missing = join(dir, 'typo', 'users');
  const run = await runThincim(['serve', '--state-dir', join(dir, 'state'), '--host', '127.0.0.1',
    '--https-port', String(await freePort()), '--http-port', '0', '--providers', 'simulated'], { env: { THINCIM_USERS: missing } });
  t.equal(run.code, 1);
  t.match(run.stdout, `not starting: ${missing}: no such file (users, from THINCIM_USERS): create it with \`thincim passwd --users ${missing} --role admin NAME\``);
  t.same(oneLine(run.stdout, run.stderr), { lines: 1, stderr: '' });
});
