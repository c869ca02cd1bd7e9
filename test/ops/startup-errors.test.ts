/**
 * Start-up mistakes of the operator's making, as a real process: one line
 * naming the key and where it was set, exit status 1, no stack trace.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import t from 'tap';
import { freePort, runThincim, spawnThincim, stop } from '../helpers/process.js';
import { selfSignedServer } from '../helpers/tls.js';

/** The one fatal line's message, and the exit status. */
const fatal = (run: { code: number | null; stdout: string }) => ({
  code: run.code,
  messages: run.stdout.trim().split('\n').filter((l) => /"level":60/.test(l)).map((l) => (JSON.parse(l) as { msg: string }).msg),
});

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
  t.match(run.stdout, `not starting: users file ${missing}: no such file (users, from THINCIM_USERS): create it with \`thincim passwd --users ${missing} --role admin NAME\``);
  t.same(oneLine(run.stdout, run.stderr), { lines: 1, stderr: '' });
});

t.test('a file a key names that cannot be read names the key and where it was set, in one line, without a stack', async (t) => {
  const dir = t.testdir();
  const config = join(dir, 'thincim.yaml');
  const missing = join(dir, 'nope.pem');
  writeFileSync(config, `tls:\n  cert: ${missing}\n  key: ${missing}\n  ca: ${missing}\n`);
  const base = ['serve', '--state-dir', join(dir, 'state'), '--host', '127.0.0.1', '--https-port', String(await freePort()), '--http-port', '0', '--providers', 'simulated'];
  const cert = await runThincim([...base, '--config', config]);
  t.same(fatal(cert), { code: 1, messages: [`not starting: tls.cert (from ${config}): ${missing}: cannot read: no such file or folder (ENOENT)`] });
  t.equal(cert.stderr, '');
  writeFileSync(config, `tls:\n  ca: ${missing}\n`);
  const ca = await runThincim([...base, '--config', config]);
  t.same(fatal(ca), { code: 1, messages: [`not starting: tls.ca "${missing}" (from ${config}): no such file or folder (ENOENT)`] });
  t.equal(ca.stderr, '', 'was a stack trace');
  const indications = await runThincim(base, { env: { THINCIM_INDICATIONS_CA_FILE: missing } });
  t.same(fatal(indications), { code: 1, messages: [`not starting: indications.caFile "${missing}" (from THINCIM_INDICATIONS_CA_FILE): no such file or folder (ENOENT)`] });
  t.equal(indications.stderr, '', 'was a stack trace');
});

// Mistakes made assembling a certificate file by hand. Node.js's TLS takes the file's first
// certificate as the server's and the rest as its chain; a block it cannot decode (a truncated
// copy and paste) made the start die with a stack trace (ERR_OSSL_PEM_BAD_BASE64_DECODE).
t.test('a certificate file TLS cannot use names tls.cert and what is wrong, in one line, without a stack', async (t) => {
  const dir = t.testdir();
  const server = selfSignedServer(dir, 'server', 'ec');
  const other = selfSignedServer(dir, 'other', 'ec');
  const start = async (cert: string, key: string) => runThincim(['serve', '--state-dir', join(dir, 'state'), '--host', '127.0.0.1',
    '--https-port', String(await freePort()), '--http-port', '0', '--providers', 'simulated', '--tls-cert', cert, '--tls-key', key]);

  const truncated = join(dir, 'truncated-chain.pem');
  writeFileSync(truncated, `${server.cert}-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----\n`);
  const broken = await start(truncated, server.keyFile);
  t.same(fatal(broken), { code: 1, messages: [`not starting: tls.cert (from --tls-cert): ${truncated}: certificate 2 of 2 is not a valid PEM certificate`] });
  t.equal(broken.stderr, '', 'no stack trace');

  const reversed = join(dir, 'chain-first.pem');
  writeFileSync(reversed, other.cert + server.cert);
  t.same(fatal(await start(reversed, server.keyFile)), { code: 1, messages: [`not starting: tls.cert (from --tls-cert): ${reversed}: `
    + 'the key is that of certificate 2 of 2: the server\'s certificate must come first, then its chain'] });

  // One file holding both (as haproxy takes them) without its key: the key is what is missing.
  t.same(fatal(await start(server.certFile, server.certFile)), { code: 1, messages: [`not starting: tls.key (from --tls-key): ${server.certFile}: `
    + 'not a PEM private key (or an encrypted one)'] });
});

// Node.js's TLS skips what it cannot read in a CA bundle: a tls.ca with no certificate in it
// started an agent on which no client certificate could ever be verified, without a word.
t.test('a CA bundle with no usable certificate names tls.ca, in one line', async (t) => {
  const dir = t.testdir();
  const base = ['serve', '--state-dir', join(dir, 'state'), '--host', '127.0.0.1', '--https-port', String(await freePort()), '--http-port', '0',
    '--providers', 'simulated'];
  // Ended once it logs its first line at fatal level, or once it started: then it did not refuse.
  const attempt = async (ca: string) => {
    const started = spawnThincim([...base, '--tls-ca', ca]);
    t.teardown(() => stop(started));
    await started.waitForLog((l) => l.level === 60 || /^thincim \S+ started$/.test(l.msg ?? ''), 'a fatal line or "started"');
    await stop(started);
    return started.lines().filter((l) => l.level === 60).map((l) => l.msg);
  };
  const key = selfSignedServer(dir, 'server', 'ec').keyFile;
  t.same(await attempt(key), [`not starting: tls.ca "${key}" (from --tls-ca): no PEM certificate in it`]);
  const truncated = join(dir, 'truncated-ca.pem');
  writeFileSync(truncated, '-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----\n');
  t.same(await attempt(truncated), [`not starting: tls.ca "${truncated}" (from --tls-ca): not a PEM certificate`]);
});

// `openssl x509 -trustout` writes BEGIN TRUSTED CERTIFICATE blocks (RHEL's ca-bundle.trust.crt is made
// of them), which node:tls reads as CA certificates: the bundle check refused them as "no PEM certificate".
t.test('a CA bundle of TRUSTED CERTIFICATE blocks (openssl x509 -trustout) is accepted, as node:tls does', async (t) => {
  const dir = t.testdir();
  const trusted = join(dir, 'ca-bundle.trust.crt');
  const bundle = [selfSignedServer(dir, 'ca1', 'ec').certFile, selfSignedServer(dir, 'ca2', 'ec').certFile]
    .map((cert) => execFileSync('openssl', ['x509', '-in', cert, '-trustout', '-addtrust', 'clientAuth'], { encoding: 'utf8' }));
  writeFileSync(trusted, bundle.join(''));
  t.match(bundle[0], /^-----BEGIN TRUSTED CERTIFICATE-----\n/, 'the fixture is an OpenSSL trusted certificate');
  const started = spawnThincim(['serve', '--state-dir', join(dir, 'state'), '--host', '127.0.0.1', '--https-port', String(await freePort()),
    '--http-port', '0', '--providers', 'simulated', '--tls-ca', trusted]);
  t.teardown(() => stop(started));
  await started.waitForLog((l) => l.level === 60 || /^thincim \S+ started$/.test(l.msg ?? ''), 'a fatal line or "started"');
  t.same(started.lines().filter((l) => l.level === 60).map((l) => l.msg), [], 'no fatal line: it started');
});

t.test('a state folder that cannot hold the self-signed certificate names stateDir and what to do', async (t) => {
  const dir = t.testdir();
  const notAFolder = join(dir, 'file');
  writeFileSync(notAFolder, '');
  const run = await runThincim(['serve', '--host', '127.0.0.1', '--https-port', String(await freePort()), '--http-port', '0', '--providers', 'simulated'],
    { env: { THINCIM_STATE_DIR: notAFolder } });
  t.same(fatal(run), { code: 1, messages: [`not starting: stateDir "${notAFolder}" (from THINCIM_STATE_DIR): cannot keep the self-signed certificate there: `
    + `a part of the path is not a folder (ENOTDIR): mkdir ${join(notAFolder, 'tls')}; make the folder writable by this user, choose another stateDir, or give tls.cert and tls.key`] });
  t.equal(run.stderr, '', 'was a stack trace');
  const cache = run.stdout.split('\n').filter((l) => /"level":40/.test(l)).map((l) => (JSON.parse(l) as { msg: string }).msg);
  t.match(cache, [new RegExp(`^cannot write the schema cache in ${notAFolder}/cache: .*; every start compiles the schema until cacheDir \\(from default\\) can be written$`)],
    'the schema cache that cannot be written either, named by its key');
});

t.test('a port in use names its key, where it was set and what to do', async (t) => {
  const taken = createServer();
  taken.listen(0, '127.0.0.1');
  await once(taken, 'listening');
  t.teardown(() => taken.close());
  const port = (taken.address() as { port: number }).port;
  const run = await runThincim(['serve', '--state-dir', join(t.testdir(), 'state'), '--https-port', '0', '--providers', 'simulated'],
    { env: { THINCIM_HTTP_PORT: String(port) } });
  t.same(fatal(run), { code: 1, messages: [`not starting: httpPort ${port} (from THINCIM_HTTP_PORT): cannot listen on 127.0.0.1:${port}: `
    + 'already in use by another process: stop it, or choose another port (0 turns this listener off) (EADDRINUSE)'] });
});

t.test('a start that failed exits, whatever a provider module left running (built, and from source)', async (t) => {
  const dir = t.testdir();
  const leaky = join(dir, 'leaky.mjs');
  writeFileSync(leaky, 'setInterval(() => {}, 1000);\nexport default () => { throw new Error("no config file"); };\n');
  for (const built of [true, false]) {
    const serve = spawnThincim(['serve', '--state-dir', join(dir, 'state'), '--host', '127.0.0.1', '--https-port', '0', '--http-port', String(await freePort()),
      '--providers', leaky], { built });
    t.teardown(() => stop(serve));
    await serve.waitForLog((l) => l.msg?.startsWith('not starting') === true, '"not starting"');
    const late = new Promise((resolve) => setTimeout(resolve, 10_000, 'still running 10 s later').unref()).then(String);
    t.same(await Promise.race([serve.exited, late]), { code: 1, signal: null }, built ? 'built' : 'from source');
  }
});
