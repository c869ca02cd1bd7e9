/**
 * What `thincim serve` tells the operator about its listeners, as a real
 * process: the address each one is bound to, warnings for set-ups that expose
 * more than the defaults, the state folder's mode, and a line on standard error when the log's pipe
 * closes under it.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { freePort, spawnThincim, stop } from '../helpers/process.js';

t.test('--http-open and --auth none on every interface: said at start; the URLs logged are the addresses bound', async (t) => {
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const serve = spawnThincim(['serve', '--state-dir', join(t.testdir(), 'state'), '--host', '0.0.0.0', '--http-open', '--auth', 'none',
    '--http-port', String(httpPort), '--https-port', String(httpsPort), '--providers', 'simulated', '--log-level', 'info']);
  t.teardown(() => stop(serve));
  await serve.waitForLog((l) => /^thincim \S+ started$/.test(l.msg ?? ''), '"started"');
  t.same(serve.lines().filter((l) => l.msg?.startsWith('listening on')).map((l) => l['url']),
    [`https://0.0.0.0:${httpsPort}`, `http://0.0.0.0:${httpPort}`], 'not 127.0.0.1');
  t.notOk(serve.lines().some((l) => /^Server listening/.test(l.msg ?? '')), "no fastify line beside thincim's");
  const https = serve.lines().find((l) => l['url'] === `https://0.0.0.0:${httpsPort}`);
  t.ok((https?.['addresses'] as string[]).includes(`https://127.0.0.1:${httpsPort}`), 'the addresses it is reached at, loopback among them');
  t.equal(https?.msg, `listening on https://0.0.0.0:${httpsPort} (${(https?.['addresses'] as string[]).join(', ')}), authentication anonymous read only`);
  const warnings = serve.lines().filter((l) => l.level === 40).map((l) => l.msg);
  t.ok(warnings.includes('plain HTTP listens on 0.0.0.0: passwords and readings cross the network unencrypted'), 'plain HTTP beyond loopback');
  t.ok(warnings.includes('HTTPS on 0.0.0.0 needs no credentials: anyone who reaches it reads the inventory (serial numbers included)'), 'auth none');
  t.ok(warnings.includes('HTTP on 0.0.0.0 needs no credentials: anyone who reaches it reads the inventory (serial numbers included)'));
});

t.test('the defaults warn about none of it; the state folder made on a first start is 0700, as `thincim passwd` makes it', async (t) => {
  const stateDir = join(t.testdir(), 'state');
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const serve = spawnThincim(['serve', '--state-dir', stateDir, '--http-port', String(httpPort),
    '--https-port', String(httpsPort), '--providers', 'simulated', '--log-level', 'info']);
  t.teardown(() => stop(serve));
  await serve.waitForLog((l) => /^thincim \S+ started$/.test(l.msg ?? ''), '"started"');
  t.notOk(serve.lines().some((l) => /unencrypted|needs no credentials/.test(l.msg ?? '')));
  const reach = serve.lines().find((l) => l['url'] === `https://0.0.0.0:${httpsPort}`)?.['addresses'] as string[];
  t.ok(reach.includes(`https://127.0.0.1:${httpsPort}`));
  t.same(serve.lines().filter((l) => /listening/i.test(l.msg ?? '')).map((l) => l.msg), [
    `listening on https://0.0.0.0:${httpsPort} (${reach.join(', ')}), authentication required`,
    `listening on http://127.0.0.1:${httpPort}, authentication anonymous read only`,
  ], 'one line per listener: HTTPS on every interface with the addresses that reach it, HTTP on loopback');
  t.equal(statSync(stateDir).mode & 0o777, 0o700);
  t.equal(statSync(join(stateDir, 'cache')).mode & 0o777, 0o700);
});

t.test('built: the log\'s pipe closed ends the server with a line on standard error, not silently', async (t) => {
  const httpPort = await freePort();
  const serve = spawnThincim(['serve', '--state-dir', join(t.testdir(), 'state'), '--host', '127.0.0.1', '--http-port', String(httpPort),
    '--https-port', '0', '--providers', 'simulated', '--log-level', 'info'], { built: true });
  t.teardown(() => stop(serve));
  await serve.waitForLog((l) => /^thincim \S+ started$/.test(l.msg ?? ''), '"started"');
  serve.child.stdout!.destroy();
  // Each request is a log line: the first written after the close fails with EPIPE.
  for (let i = 0; i < 20 && serve.child.exitCode === null; i++) {
    await fetch(`http://127.0.0.1:${httpPort}/healthz`).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  t.same(await serve.exited, { code: 141, signal: null });
  t.equal(serve.stderr(), 'thincim serve: standard output (the log) was closed: exiting\n');
});
