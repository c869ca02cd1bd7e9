import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, createServer, type TLSSocket } from 'node:tls';
import t from 'tap';
import { CertificateError, loadOrCreateCertificate, selfSignedPaths } from '../../src/security/index.js';
import { mode } from './helpers.js';

const YEAR_MS = 365 * 86_400_000;

t.test('first start generates; later starts reuse', async (t) => {
  const stateDir = join(t.testdir(), 'state');
  const first = await loadOrCreateCertificate({ stateDir, hostnames: ['agent.example', '192.0.2.10'] });
  t.equal(first.generated, true);
  t.same(first.warnings, []);
  t.match(first.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  const x509 = new X509Certificate(first.cert);
  t.equal(x509.fingerprint256, first.fingerprint256);
  t.equal(x509.subject, 'O=thincim\nCN=agent.example');
  t.equal(x509.subjectAltName, 'DNS:agent.example, IP Address:192.0.2.10, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
  t.ok(x509.verify(x509.publicKey), 'self-signed');
  t.equal(x509.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  const years = (Date.parse(x509.validTo) - Date.now()) / YEAR_MS;
  t.ok(years > 9.9 && years < 10.1, 'valid for about ten years');
  t.ok(Date.parse(x509.validFrom) < Date.now(), 'already valid');

  const { certFile, keyFile } = selfSignedPaths(stateDir);
  t.equal(first.certFile, certFile);
  t.equal(mode(statSync(keyFile)), '600');
  t.equal(mode(statSync(certFile)), '644');
  t.equal(mode(statSync(join(stateDir, 'tls'))), '700');
  t.equal(readFileSync(keyFile, 'utf8'), first.key);

  const second = await loadOrCreateCertificate({ stateDir, hostnames: ['other.example'] });
  t.equal(second.generated, false);
  t.equal(second.fingerprint256, first.fingerprint256, 'same certificate (clients may have pinned it)');
});

t.test('two first starts at once end with one matching pair', async (t) => {
  const stateDir = t.testdir();
  const [a, b] = await Promise.all([loadOrCreateCertificate({ stateDir }), loadOrCreateCertificate({ stateDir })]);
  t.equal(a.fingerprint256, b.fingerprint256);
  t.equal([a.generated, b.generated].filter(Boolean).length, 1);
});

t.test('an expired generated certificate is replaced', async (t) => {
  const stateDir = t.testdir();
  const old = await loadOrCreateCertificate({ stateDir, now: () => new Date(Date.now() - 11 * YEAR_MS) });
  const fresh = await loadOrCreateCertificate({ stateDir });
  t.equal(fresh.generated, true);
  t.not(fresh.fingerprint256, old.fingerprint256);
});

t.test('the generated certificate serves TLS to a client that trusts it', async (t) => {
  const loaded = await loadOrCreateCertificate({ stateDir: t.testdir(), hostnames: ['agent.example'] });
  const server = createServer({ cert: loaded.cert, key: loaded.key }, (socket) => socket.end('hello'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const port = (server.address() as { port: number }).port;
  const handshake = (servername: string) => new Promise<TLSSocket>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca: loaded.cert, servername }, () => resolve(socket));
    socket.on('error', reject);
  });
  for (const name of ['localhost', 'agent.example']) {
    const socket = await handshake(name);
    t.equal(socket.authorized, true, `verified as ${name}`);
    t.equal(socket.getPeerCertificate().fingerprint256, loaded.fingerprint256);
    socket.destroy();
  }
  await t.rejects(handshake('elsewhere.example'), /altnames/, 'other names are refused');
});

t.test('OpenSSL accepts the certificate as its own trust anchor', async (t) => {
  const loaded = await loadOrCreateCertificate({ stateDir: t.testdir() });
  t.match(execFileSync('openssl', ['verify', '-CAfile', loaded.certFile, loaded.certFile], { encoding: 'utf8' }), /: OK/);
});

t.test('given files are loaded and checked', async (t) => {
  const dir = t.testdir();
  const source = await loadOrCreateCertificate({ stateDir: join(dir, 'gen') });
  const certFile = join(dir, 'server.crt');
  const keyFile = join(dir, 'server.key');
  writeFileSync(certFile, source.cert);
  writeFileSync(keyFile, source.key, { mode: 0o600 });
  const loaded = await loadOrCreateCertificate({ stateDir: join(dir, 'unused'), certFile, keyFile });
  t.match(loaded, { generated: false, certFile, keyFile, fingerprint256: source.fingerprint256, warnings: [] });
  t.throws(() => statSync(join(dir, 'unused')), /ENOENT/, 'nothing generated');

  chmodSync(keyFile, 0o644);
  const loose = await loadOrCreateCertificate({ stateDir: dir, certFile, keyFile });
  t.match(loose.warnings, [/readable by others \(mode 644\)/]);
});

t.test('bad given files: clear errors naming the file, no key material', async (t) => {
  const dir = t.testdir();
  const source = await loadOrCreateCertificate({ stateDir: join(dir, 'gen') });
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const cert = write('ok.crt', source.cert);
  const key = write('ok.key', source.key);
  const otherKey = write('other.key', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const garbage = write('garbage.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  const badKey = write('bad.key', `-----BEGIN PRIVATE KEY-----\n${source.key.split('\n')[1]}\n-----END PRIVATE KEY-----\n`);
  const cases: [{ certFile?: string; keyFile?: string }, string, RegExp][] = [
    [{ certFile: join(dir, 'missing.crt'), keyFile: key }, join(dir, 'missing.crt'), /cannot read: no such file or folder \(ENOENT\)/],
    [{ certFile: cert, keyFile: join(dir, 'missing.key') }, join(dir, 'missing.key'), /cannot read: no such file or folder \(ENOENT\)/],
    [{ certFile: dir, keyFile: key }, dir, /not a regular file/],
    [{ certFile: garbage, keyFile: key }, garbage, /not a PEM certificate/],
    [{ certFile: key, keyFile: key }, key, /not a PEM certificate/],
    [{ certFile: cert, keyFile: cert }, cert, /not a PEM private key/],
    [{ certFile: cert, keyFile: badKey }, badKey, /not a PEM private key/],
    [{ certFile: cert, keyFile: otherKey }, otherKey, /is not the key of the certificate/],
    [{ certFile: cert }, cert, /both its file and its key file/],
  ];
  const keyBody = source.key.split('\n')[1]!.slice(0, 20);
  for (const [files, file, message] of cases) {
    const err = await loadOrCreateCertificate({ stateDir: dir, ...files }).catch((e: unknown) => e);
    t.type(err, CertificateError, message.source);
    t.equal((err as CertificateError).file, file);
    t.match((err as Error).message, message);
    t.notOk((err as Error).message.includes(keyBody), 'no key material in the message');
  }

  const stateDir = join(dir, 'corrupt');
  const generated = await loadOrCreateCertificate({ stateDir });
  writeFileSync(generated.certFile, 'junk');
  await t.rejects(loadOrCreateCertificate({ stateDir }), /self-signed\.crt: not a PEM certificate/, 'a damaged stored certificate is reported, not silently replaced');
});
