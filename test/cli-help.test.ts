/** Every command answers --help (and -h) with its usage on standard output and exit status 0. */
import t from 'tap';
import { runCli } from './client/run-cli.js';

const COMMANDS = ['serve', 'mof', 'passwd', 'config', 'provider-test', 'enum', 'get', 'assoc', 'refs', 'query', 'classes', 'class', 'health', 'listen', 'subscribe', 'unsubscribe', 'subscriptions'];

for (const command of COMMANDS) {
  t.test(`thincim ${command} --help`, async (t) => {
    for (const flag of ['--help', '-h']) {
      const result = await runCli([command, flag]);
      t.equal(result.code, 0, `${flag}: exit status 0 (stderr: ${result.stderr})`);
      t.match(result.stdout, new RegExp(`^usage: thincim ${command}\\b`), `${flag}: the usage`);
      t.equal(result.stderr, '');
    }
  });
}

t.test('thincim --help lists every command tested here', async (t) => {
  const result = await runCli(['--help']);
  t.equal(result.code, 0);
  const listed = [...result.stdout.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]);
  t.same(listed.sort(), [...COMMANDS].sort());
});
