/** Every command answers --help (and -h) with its usage on standard output and exit status 0. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
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

t.test('thincim --help says how to see a command\'s options; --version prints the version', async (t) => {
  const help = await runCli(['--help']);
  t.match(help.stdout, /\n`thincim COMMAND --help` shows a command's options\.\n$/);
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) t.same(await runCli([flag]), { code: 0, stdout: `thincim ${version}\n`, stderr: '' }, flag);
});

t.test('serve --help gives its exit statuses, which service managers act on', async (t) => {
  const { stdout } = await runCli(['serve', '--help']);
  t.match(stdout, '\nexit status: 0 stopped by SIGTERM or SIGINT, 1 could not start (one log line\nat fatal level says why) or stop, 2 configuration error (on standard error),\n141 the log\'s pipe closed, 128 + N a second signal N during the shutdown\n');
});

t.test('a reader that closes the pipe early ends the binary as SIGPIPE would, without a stack trace', async (t) => {
  const child = spawn(process.execPath, ['bin/thincim.js', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy(); // before the binary has loaded, let alone written
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = await once(child, 'close');
  t.equal(code, 141, '128 + SIGPIPE');
  t.equal(stderr, '');
});
