/**
 * `thincim serve` as a real process, as an operator runs it: the certificate
 * fingerprint it logs, loopback listeners without and with authentication,
 * graceful shutdown on SIGTERM with a request in flight, SIGHUP reloading
 * users (added with `thincim passwd` on standard input) and the certificate
 * without dropping connections, and no secret in anything it prints.
 */
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { Test } from 'tap';
import { stringify } from 'yaml';
import { decodeResponse } from '../../src/cimxml/index.js';
import { selfSignedPaths } from '../../src/security/index.js';
import { WIDGET_CLASS } from '../../providers/template/widgets.js';
import { p } from '../helpers/broker.js';
import { basic, cimPost, invokePost, refusedSoon, type Reply, type SendOptions } from '../helpers/client.js';
import { freePort, runThincim, spawnThincim, stop, type LogLine, type ThincimProcess } from '../helpers/process.js';
import { SLOW_WIDGET } from '../helpers/slow-provider.js';
import { handshake, selfSignedServer } from '../helpers/tls.js';

const CIMV2 = 'root/cimv2';
const SLOW_PROVIDER_FILE = fileURLToPath(new URL('../helpers/slow-provider.ts', import.meta.url));
const BMC_PASSWORD = 'bmc-S3cret-in-config';
const OPS_PASSWORD = 'ops-Pa55-word';
const LATE_PASSWORD = 'late-comer-Pa55';
const WRONG_PASSWORD = 'wrong-guess-Pa55';

interface Served {
  process: ThincimProcess;
  http: string;
  https: string;
  stateDir: string;
  configFile: string;
}

/** Starts `thincim serve` on loopback with a configuration file; resolves once it logged that it started. */
async function serve(t: Test, dir: string, config: Record<string, unknown>): Promise<Served> {
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const stateDir = join(dir, 'state');
  const configFile = join(dir, 'thincim.yaml');
  writeFileSync(configFile, stringify({
    stateDir, host: '127.0.0.1', httpPort, httpsPort, providers: ['simulated'], log: { level: 'info', pretty: false }, ...config,
  }), { mode: 0o600 });
  const process = spawnThincim(['serve', '--config', configFile]);
  t.teardown(() => stop(process));
  await process.waitForLog((l) => /^thincim \S+ started$/.test(l.msg ?? ''), '"started"');
  return { process, http: `http://127.0.0.1:${httpPort}`, https: `https://127.0.0.1:${httpsPort}`, stateDir, configFile };
}

const enumerate = (url: string, options: SendOptions = {}): Promise<Reply> =>
  cimPost(url, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'), options);

const fingerprintLines = (lines: LogLine[]) => lines.filter((l) => typeof l['fingerprint'] === 'string');

t.test('serve: the logged fingerprint is the one served; plain HTTP on loopback needs no credentials, HTTPS does; SIGTERM lets the request in flight finish', async (t) => {
  const served = await serve(t, t.testdir(), {
    providers: ['simulated', 'slow'],
    providerOptions: { slow: { module: SLOW_PROVIDER_FILE, callMs: 8000 } },
    shutdownGraceMs: 60_000,
    // The slow method below is run anonymously: the operator must say so.
    anonymousWrite: true,
  });
  const { process } = served;

  const [logged] = fingerprintLines(process.lines());
  t.match(logged, { generated: true, file: selfSignedPaths(served.stateDir).certFile }, 'a certificate was generated in the state folder');
  const seen = await handshake(Number(new URL(served.https).port));
  t.ok(seen.ok && seen.fingerprint256 === logged?.['fingerprint'], 'the fingerprint logged is the one the handshake presents');
  t.equal(new X509Certificate(readFileSync(selfSignedPaths(served.stateDir).certFile)).fingerprint256, logged?.['fingerprint']);
  t.same(process.lines().filter((l) => l['msg']?.startsWith('listening on')).map((l) => [l['url'], l['authentication']]),
    [[served.https, 'required'], [served.http, 'anonymous read and write']], 'only plain HTTP on loopback is exempt from authentication');
  t.ok(process.lines().some((l) => l.level === 40 && /^anonymousWrite is on/.test(l.msg ?? '')), 'anonymousWrite is warned about at start');
  t.equal((await enumerate(served.http)).status, 200, 'HTTP without credentials');
  t.equal((await enumerate(served.https)).status, 401, 'HTTPS without credentials, even on loopback');

  const inFlight = invokePost(served.http, 'Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET);
  await process.waitForLog((l) => l.msg === 'slow call began', 'the slow call');
  let answered = false;
  void inFlight.then(() => { answered = true; });
  process.child.kill('SIGTERM');
  await process.waitForLog((l) => l.msg === 'shutting down', '"shutting down"');
  const refused = await refusedSoon(served.http) && await refusedSoon(served.https);
  t.ok(refused, 'new connections are refused once shutting down');
  t.notOk(answered, '…while the method was still running');

  const reply = await inFlight;
  t.equal(reply.status, 200, 'the request in flight completes');
  t.equal(reply.headers['connection'], 'close', 'and closes its connection, so that the exit need not wait for the client to hang up');
  const response = decodeResponse(reply.text);
  t.match(response, { error: undefined, returnValue: { value: { text: '0' } } }, 'with its answer');
  t.same(await process.exited, { code: 0, signal: null }, 'exit status 0');
  const messages = process.lines().map((l) => l.msg);
  t.ok(messages.indexOf('stopped') > messages.lastIndexOf('request'), '"stopped" logged, after the last request');
  const ids = process.lines().filter((l) => l.msg === 'request').map((l) => l['reqId']);
  t.ok(ids.length >= 3, 'requests on both listeners');
  t.equal(new Set(ids).size, ids.length, 'each request has its own reqId, whichever listener took it');
});

/** A server with an 8 s method call in flight, which it cuts or not as `shutdownGraceMs` says; the call's reply, or the error that cut it. */
async function slowCallInFlight(t: Test, shutdownGraceMs: number): Promise<{ process: ThincimProcess; inFlight: Promise<Reply | Error> }> {
  const served = await serve(t, t.testdir(), {
    providers: ['simulated', 'slow'],
    providerOptions: { slow: { module: SLOW_PROVIDER_FILE, callMs: 8000 } },
    shutdownGraceMs,
    anonymousWrite: true,
  });
  const inFlight = invokePost(served.http, 'Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET).catch((err: Error) => err);
  await served.process.waitForLog((l) => l.msg === 'slow call began', 'the slow call');
  return { process: served.process, inFlight };
}

t.test('the grace period over, answers still in flight are cut, and the log says so', async (t) => {
  const { process, inFlight } = await slowCallInFlight(t, 300);
  process.child.kill('SIGTERM');
  t.same(await process.exited, { code: 0, signal: null });
  t.ok(process.lines().some((l) => l.level === 40 && l.msg === 'shutdown grace period over: answers still in flight are cut' && l['graceMs'] === 300), 'logged');
  t.ok(await inFlight instanceof Error, 'the request in flight was cut');
});

t.test('a second SIGTERM while answers are in flight exits at once, and says so', async (t) => {
  const { process, inFlight } = await slowCallInFlight(t, 60_000);
  process.child.kill('SIGTERM');
  await process.waitForLog((l) => l.msg === 'shutting down', '"shutting down"');
  process.child.kill('SIGTERM');
  t.same(await process.exited, { code: 143, signal: null }, 'exit status 128 + SIGTERM, at once');
  t.ok(process.lines().some((l) => l.level === 50 && l.msg === 'second signal: exiting now, answers in flight are cut'), 'logged');
  t.ok(await inFlight instanceof Error, 'the request in flight was cut');
});

/**
 * `thincim serve` held in its start-up by test/ops/fixtures/gated-provider.mjs until openGate():
 * a signal sent before then comes during the start-up, however slow or fast the machine.
 */
async function gatedStart(t: Test): Promise<{ process: ThincimProcess; openGate: () => void }> {
  const dir = t.testdir();
  const gate = join(dir, 'gate');
  const gated = fileURLToPath(new URL('fixtures/gated-provider.mjs', import.meta.url));
  const process = spawnThincim(['serve', '--state-dir', join(dir, 'state'), '--host', '127.0.0.1', '--http-port', '0',
    '--https-port', String(await freePort()), '--providers', gated, '--no-log-pretty'], { env: { GATED_PROVIDER_FILE: gate } });
  t.teardown(() => stop(process));
  while (!process.stderr().includes('gated provider loading')) await once(process.child.stderr!, 'data');
  return { process, openGate: () => writeFileSync(gate, '') };
}

// `docker kill -s HUP` or logrotate's postrotate while the agent starts (a cold schema cache takes
// over a second): with no listener yet, SIGHUP's default action ended the process without a word.
t.test('a SIGHUP during the start-up is kept for when the service runs: it starts, then reloads', async (t) => {
  const { process, openGate } = await gatedStart(t);
  process.child.kill('SIGHUP');
  await process.waitForLog((l) => l.msg === 'SIGHUP during the start-up: reloading once started', 'the early path');
  openGate();
  await process.waitForLog((l) => /^thincim \S+ started$/.test(l.msg ?? ''), '"started"');
  await process.waitForLog((l) => l.msg === 'users and certificate reloaded', 'the reload asked for');
  t.equal(process.child.exitCode, null, 'still running');
  process.child.kill('SIGTERM');
  t.same(await process.exited, { code: 0, signal: null });
});

// `docker stop`, a service manager or a script's `timeout` while the agent starts: with no listener
// yet, the signal's default action ended the process without a log line (killed by SIGTERM).
t.test('a SIGTERM during the start-up stops the agent before any port opens: logged, exit status 0', async (t) => {
  const { process, openGate } = await gatedStart(t);
  process.child.kill('SIGTERM');
  await process.waitForLog((l) => l.msg === 'signal during the start-up: stopping once started', 'the early path');
  openGate();
  t.same(await process.exited, { code: 0, signal: null }, 'exit status 0');
  const messages = process.lines().map((l) => l.msg);
  t.match(process.lines().find((l) => l.msg === 'stopped before opening any port'), { signal: 'SIGTERM' }, 'logged with its signal');
  t.notOk(messages.some((m) => /^listening on|^thincim \S+ started$/.test(m ?? '')), 'no port opened, no "started"');
});

t.test('a start-up that hangs does not hold a SIGTERM for ever: past shutdownGraceMs it exits, and says so', async (t) => {
  const dir = t.testdir();
  const hanging = fileURLToPath(new URL('fixtures/hanging-provider.mjs', import.meta.url));
  const process = spawnThincim(['serve', '--state-dir', join(dir, 'state'), '--host', '127.0.0.1', '--http-port', '0',
    '--https-port', String(await freePort()), '--providers', hanging, '--shutdown-grace-ms', '200', '--no-log-pretty']);
  t.teardown(() => stop(process));
  while (!process.stderr().includes('hanging provider loading')) await once(process.child.stderr!, 'data');
  process.child.kill('SIGTERM');
  t.same(await process.exited, { code: 143, signal: null }, 'exit status 128 + SIGTERM');
  const messages = process.lines().map((l) => l.msg);
  t.ok(messages.includes('signal during the start-up: stopping once started'), 'the early path');
  t.ok(messages.includes('the start-up did not end within shutdownGraceMs of the signal: exiting now'), 'the deadline, said');
});

// A SIGHUP during the shutdown (logrotate's postrotate, `docker kill -s HUP`, a closing terminal)
// found no listener: Node.js then leaves the signal to its default action, and the process died
// of it (signal SIGHUP), cutting the answers in flight and leaving the providers' children behind.
t.test('a SIGHUP during the shutdown is ignored: the answers in flight finish and the exit status is 0', async (t) => {
  const { process, inFlight } = await slowCallInFlight(t, 60_000);
  process.child.kill('SIGTERM');
  await process.waitForLog((l) => l.msg === 'shutting down', '"shutting down"');
  process.child.kill('SIGHUP');
  await process.waitForLog((l) => l.msg === 'SIGHUP ignored: shutting down', 'the SIGHUP heard');
  const reply = await inFlight;
  t.equal(reply instanceof Error ? reply.message : reply.status, 200, 'the request in flight completes');
  t.same(await process.exited, { code: 0, signal: null }, 'exit status 0');
});

t.test('SIGHUP: a user added with `thincim passwd` is refused before and accepted after, on the same connection; a replaced certificate is served to new handshakes', async (t) => {
  const dir = t.testdir();
  const users = join(dir, 'users');
  const added = await runThincim(['passwd', '--users', users, '--role', 'admin', 'ops'], { stdin: `${OPS_PASSWORD}\n` });
  t.match(added, { code: 0, stdout: `added user 'ops' (admin) to ${users}\n` }, 'passwd reads the password from standard input');

  const served = await serve(t, dir, { users, authLoopback: true, ipmi: { password: BMC_PASSWORD }, log: { level: 'trace', pretty: false } });
  const { process } = served;
  t.same(process.lines().filter((l) => l['msg']?.startsWith('listening on')).map((l) => l['authentication']), ['required', 'required'],
    'authLoopback: loopback listeners authenticate too');
  t.equal((await enumerate(served.http)).status, 401);

  const http = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => { http.destroy(); https.destroy(); });
  const as = (user: string, password: string, agent: HttpAgent): SendOptions => ({ agent, headers: { Authorization: basic(user, password) } });

  t.equal((await enumerate(served.http, as('ops', OPS_PASSWORD, http))).status, 200, 'ops, from the users file');
  const before = await enumerate(served.http, as('late', LATE_PASSWORD, http));
  t.equal(before.status, 401, 'an unknown user');
  t.equal((await enumerate(served.http, as('late', WRONG_PASSWORD, http))).status, 401, 'a wrong password');

  const late = await runThincim(['passwd', '--users', users, 'late'], { stdin: LATE_PASSWORD });
  t.match(late, { code: 0, stdout: `added user 'late' (readonly) to ${users}\n` });
  t.equal((await enumerate(served.http, as('late', LATE_PASSWORD, http))).status, 401, 'added to the file, not yet read: still refused');

  const httpsBefore = await enumerate(served.https, as('ops', OPS_PASSWORD, https));
  t.equal(httpsBefore.status, 200);
  const reloads = process.lines().length;
  process.child.kill('SIGHUP');
  const reloaded = await process.waitForLog((l) => l.msg === 'users and certificate reloaded', 'the reload', reloads);
  t.equal(reloaded['users'], 2, 'with the number of users now');
  const after = await enumerate(served.http, as('late', LATE_PASSWORD, http));
  t.equal(after.status, 200, 'after SIGHUP: accepted');
  t.ok(after.reusedSocket && after.localPort === before.localPort, 'on the connection opened before the reload');

  // The certificate: replaced in place (atomically, as an operator's tooling would), then SIGHUP.
  const [first] = fingerprintLines(process.lines());
  const fresh = selfSignedServer(dir, 'replacement', 'ec');
  const { certFile, keyFile } = selfSignedPaths(served.stateDir);
  copyFileSync(fresh.keyFile, `${keyFile}.new`);
  copyFileSync(fresh.certFile, `${certFile}.new`);
  renameSync(`${keyFile}.new`, keyFile);
  renameSync(`${certFile}.new`, certFile);
  const mark = process.lines().length;
  process.child.kill('SIGHUP');
  const relogged = await process.waitForLog((l) => typeof l['fingerprint'] === 'string', 'the new fingerprint', mark);
  await process.waitForLog((l) => l.msg === 'users and certificate reloaded', 'the second reload', mark);
  t.equal(relogged['fingerprint'], fresh.fingerprint256, 'the replacement is loaded');
  t.not(fresh.fingerprint256, first?.['fingerprint']);
  const seen = await handshake(Number(new URL(served.https).port));
  t.ok(seen.ok && seen.fingerprint256 === fresh.fingerprint256, 'new handshakes see the new certificate');
  const httpsAfter = await enumerate(served.https, as('ops', OPS_PASSWORD, https));
  t.equal(httpsAfter.status, 200);
  t.ok(httpsAfter.reusedSocket && httpsAfter.localPort === httpsBefore.localPort, 'the HTTPS connection opened before is kept');

  // A reload that fails changes nothing: neither the users nor the certificate.
  const third = await runThincim(['passwd', '--users', users, 'third'], { stdin: LATE_PASSWORD });
  t.equal(third.code, 0);
  writeFileSync(`${certFile}.new`, '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n');
  renameSync(`${certFile}.new`, certFile);
  const failing = process.lines().length;
  process.child.kill('SIGHUP');
  const failure = await process.waitForLog((l) => l.msg?.startsWith('reload failed') === true, 'the failed reload', failing);
  t.match(failure, { level: 50, msg: `reload failed, keeping the previous users and certificate: ${certFile}: not a PEM certificate` }, 'the reason is in the message');
  t.equal((await enumerate(served.http, as('third', LATE_PASSWORD, http))).status, 401, 'the users file was not taken either');
  const kept = await handshake(Number(new URL(served.https).port));
  t.ok(kept.ok && kept.fingerprint256 === fresh.fingerprint256, 'the certificate in force stays');
  t.equal((await enumerate(served.https, as('ops', OPS_PASSWORD, https))).status, 200, 'and serving goes on');

  process.child.kill('SIGTERM');
  t.same(await process.exited, { code: 0, signal: null });

  // Everything it printed, at trace level, after passwords right and wrong and a BMC password in its configuration.
  const printed = process.stdout() + process.stderr();
  t.ok(process.lines().some((l) => l.msg === 'authentication failed' && l['level'] === 40), 'the failures were logged');
  const secrets = [OPS_PASSWORD, LATE_PASSWORD, WRONG_PASSWORD, BMC_PASSWORD,
    ...[['ops', OPS_PASSWORD], ['late', LATE_PASSWORD], ['late', WRONG_PASSWORD]].map(([u, pw]) => basic(u!, pw!).slice('Basic '.length))];
  for (const secret of secrets) t.notOk(printed.includes(secret), `nothing printed holds ${JSON.stringify(secret)}`);
  t.notOk(/authorization/i.test(printed), 'no Authorization header in any line');
});

t.test('`thincim config --print` masks ipmi.password from the configuration file', async (t) => {
  const dir = t.testdir();
  const configFile = join(dir, 'thincim.yaml');
  writeFileSync(configFile, stringify({ stateDir: join(dir, 'state'), ipmi: { host: 'bmc.example', user: 'admin', password: BMC_PASSWORD } }), { mode: 0o600 });
  for (const format of [[], ['--json']]) {
    const printed = await runThincim(['config', '--print', '--config', configFile, ...format]);
    t.equal(printed.code, 0);
    t.match(printed.stdout, format.length ? /"password": "\*{8}"/ : /password: "?\*{8}"?/, `${format.join('') || 'YAML'}: masked`);
    t.match(printed.stdout, /bmc\.example/, 'the other ipmi keys are printed');
    t.notOk(printed.stdout.includes(BMC_PASSWORD) || printed.stderr.includes(BMC_PASSWORD), 'the password is not');
  }
});
