/**
 * `npm start`, as the README's first command runs it, under a supervisor that
 * signals npm only (runit, supervisord, `docker run … npm start`): the
 * server gets the SIGTERM and stops gracefully, instead of being orphaned
 * behind a shell that died in its place.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { freePort, PROCESS_WAIT_MS } from '../helpers/process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

t.test('SIGTERM to npm reaches the server, which stops gracefully', async (t) => {
  const port = await freePort();
  const npm = spawn('npm', ['start', '--', '--state-dir', join(t.testdir(), 'state'), '--host', '127.0.0.1', '--http-port', String(port),
    '--https-port', '0', '--providers', 'simulated', '--log-level', 'info'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  npm.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  // 'exit', not 'close': an orphaned server would hold the pipes open.
  const exited = once(npm, 'exit');
  const until = async (pattern: RegExp, ms: number) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };
  await until(/"msg":"thincim \S+ started"/, PROCESS_WAIT_MS);
  t.match(out, /"msg":"thincim \S+ started"/, 'started');
  npm.kill('SIGTERM');
  await exited;
  await until(/"msg":"stopped"/, 5000);
  t.match(out, /"signal":"SIGTERM".*"msg":"shutting down"[\s\S]*"msg":"stopped"/, 'the server shut down on the signal npm got');
  await t.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'and no longer answers');
});
