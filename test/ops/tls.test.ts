/**
 * HTTPS as the README's Security section promises it, over real sockets:
 * the generated certificate and an operator's own, TLS 1.2 and 1.3 only,
 * ECDHE/AEAD suites only, `tls.minVersion`, and mutual TLS with
 * `tls.ca` + `tls.clientCertUsers`.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { CIMStatus } from '../../src/cim/index.js';
import { loadOrCreateCertificate, selfSignedPaths } from '../../src/security/index.js';
import type { TLSOptions } from '../../src/server/app.js';
import type { BrokerOptions } from '../../src/server/broker.js';
import { WIDGET_CLASS } from '../../providers/template/widgets.js';
import { p, returned, startTestBroker } from '../helpers/broker.js';
import { basic, cimCall, cimInvoke, cimPost, send, type SendOptions } from '../helpers/client.js';
import { parsePrometheus, samplesOf } from '../helpers/prometheus.js';
import { captureLog } from '../helpers/log-capture.js';
import {
  certificateAuthority, clientCertificate, handshake, LEGACY_CLIENT, selfSignedServer, type CertificateFiles,
} from '../helpers/tls.js';
import { SLOW_WIDGET, withSlowProvider } from '../helpers/slow-provider.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const CIMV2 = 'root/cimv2';

/** A broker with one HTTPS listener on 127.0.0.1. */
async function httpsBroker(t: Test, tls: TLSOptions, options: Partial<BrokerOptions> = {}) {
  const started = await startTestBroker({
    listeners: [{ protocol: 'https', host: '127.0.0.1', port: 0, requireAuth: options.authenticator !== undefined }],
    tls,
    ...options,
  });
  t.teardown(() => started.close());
  return { url: started.url, port: Number(new URL(started.url).port) };
}

const tlsOf = (pair: { cert: string; key: string }, more: Partial<TLSOptions> = {}): TLSOptions =>
  ({ cert: pair.cert, key: pair.key, minVersion: 'TLSv1.2', requestCert: false, ...more });

/** How many numeric sensors an EnumerateInstanceNames over `url` names: proof that a request went through. */
async function sensorCount(url: string, options: SendOptions = {}): Promise<number> {
  const { response } = await cimCall(url, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_NumericSensor'), options);
  return returned(response).length;
}

t.test('the generated certificate: the peer presents it, with the fingerprint loadOrCreateCertificate reports', async (t) => {
  const stateDir = t.testdir();
  const certificate = await loadOrCreateCertificate({ stateDir, hostnames: ['thincim.test'] });
  t.equal(certificate.generated, true);
  const { url, port } = await httpsBroker(t, tlsOf(certificate));

  const seen = await handshake(port);
  t.ok(seen.ok, 'handshake');
  if (!seen.ok) return;
  t.equal(seen.fingerprint256, certificate.fingerprint256, 'the fingerprint clients pin is the one served');
  t.equal(new X509Certificate(readFileSync(selfSignedPaths(stateDir).certFile)).fingerprint256, seen.fingerprint256, 'the file in the state folder');
  t.ok(await sensorCount(url) > 0, 'CIM-XML over the generated certificate');

  // Trusted as its own anchor, it verifies for the names in its subjectAltName.
  for (const servername of ['localhost', 'thincim.test']) {
    const verified = await handshake(port, { ca: certificate.cert, rejectUnauthorized: true, servername });
    t.ok(verified.ok, `verifies for ${servername}`);
  }
  const otherName = await handshake(port, { ca: certificate.cert, rejectUnauthorized: true, servername: 'elsewhere.test' });
  t.match(otherName, { ok: false, code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'not for a name it does not carry');
});

t.test('an operator\'s certificate and key (RSA, from openssl) are served as given', async (t) => {
  const dir = t.testdir({ state: {} });
  const pair = selfSignedServer(dir, 'server', 'rsa');
  const certificate = await loadOrCreateCertificate({ stateDir: join(dir, 'state'), certFile: pair.certFile, keyFile: pair.keyFile });
  t.equal(certificate.generated, false);
  t.equal(certificate.fingerprint256, pair.fingerprint256);
  t.notOk(existsSync(selfSignedPaths(join(dir, 'state')).certFile), 'nothing generated beside it');
  const { url, port } = await httpsBroker(t, tlsOf(certificate));

  const seen = await handshake(port, { ca: pair.cert, rejectUnauthorized: true });
  t.match(seen, { ok: true, fingerprint256: pair.fingerprint256 });
  t.ok(await sensorCount(url) > 0);

  const refused = ['AES128-SHA', 'AES256-GCM-SHA384', 'ECDHE-RSA-AES128-SHA', 'ECDHE-RSA-AES256-SHA384'];
  for (const cipher of refused) {
    const result = await handshake(port, { maxVersion: 'TLSv1.2', ciphers: `${cipher}:@SECLEVEL=0` });
    t.match(result, { ok: false, code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' }, `${cipher} refused (not ECDHE with AEAD)`);
  }
  for (const cipher of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305']) {
    t.match(await handshake(port, { maxVersion: 'TLSv1.2', ciphers: cipher }), { ok: true, protocol: 'TLSv1.2', cipher }, `${cipher} accepted`);
  }
});

/** The certificate's NotAfter as OpenSSL reads it (`2027-01-06 22:44:05Z`), in seconds since the epoch: not the code's own parse. */
function notAfter(certFile: string): number {
  const text = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-enddate', '-dateopt', 'iso_8601'], { encoding: 'utf8' });
  const [, year, month, day, hour, minute, second] = /^notAfter=(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)Z$/m.exec(text)!.map(Number);
  return Date.UTC(year!, month! - 1, day, hour, minute, second) / 1000;
}

// A certificate the operator brings expires; until then only a start that finds it expired warned.
// The served certificate's end of validity as a gauge lets Prometheus alert ahead of it
// (as cert-manager's certmanager_certificate_expiration_timestamp_seconds does), SIGHUP included.
t.test('/metrics gives the served certificate\'s expiry, and the new one\'s after a reload', async (t) => {
  const dir = t.testdir();
  const first = await loadOrCreateCertificate({ stateDir: join(dir, 'state') });
  const started = await startTestBroker({ listeners: [{ protocol: 'https', host: '127.0.0.1', port: 0, requireAuth: false }], tls: tlsOf(first) });
  t.teardown(() => started.close());
  const expiry = async () => {
    const reply = await send(started.url, { path: '/metrics' });
    return samplesOf(parsePrometheus(reply.text), 'thincim_tls_certificate_expiry_timestamp_seconds').map((s) => s.value);
  };
  const served = await expiry();
  t.ok(served.every(Number.isFinite), 'a number');
  t.same(served, [notAfter(first.certFile)], 'the NotAfter of the certificate served, in seconds since the epoch');
  const second = selfSignedServer(dir, 'replacement', 'ec');
  started.broker.setTLS(tlsOf(second));
  t.not(notAfter(second.certFile), notAfter(first.certFile), 'the replacement ends at another time');
  t.same(await expiry(), [notAfter(second.certFile)], 'after a reload, the new one\'s');
});

t.test('protocol versions: 1.0 and 1.1 refused by the server, 1.2 and 1.3 accepted; ECDHE-ECDSA AEAD suites only', async (t) => {
  const certificate = await loadOrCreateCertificate({ stateDir: t.testdir() });
  const { port } = await httpsBroker(t, tlsOf(certificate));

  // The client offers only TLS 1.0–1.1: the failure is the server's protocol_version alert, not the client's own refusal.
  t.match(await handshake(port, LEGACY_CLIENT), { ok: false, code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' }, 'TLS 1.0/1.1');
  t.match(await handshake(port, { ...LEGACY_CLIENT, maxVersion: 'TLSv1' }), { ok: false, code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' }, 'TLS 1.0');
  t.match(await handshake(port, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }), { ok: true, protocol: 'TLSv1.2' });
  t.match(await handshake(port, { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' }), { ok: true, protocol: 'TLSv1.3' });

  for (const cipher of ['ECDHE-ECDSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-ECDSA-AES128-SHA256', 'AES128-SHA']) {
    const result = await handshake(port, { maxVersion: 'TLSv1.2', ciphers: `${cipher}:@SECLEVEL=0` });
    t.match(result, { ok: false, code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' }, `${cipher} refused`);
  }
  for (const cipher of ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305']) {
    t.match(await handshake(port, { maxVersion: 'TLSv1.2', ciphers: cipher }), { ok: true, cipher }, `${cipher} accepted`);
  }
});

t.test('tls.minVersion TLSv1.3 refuses TLS 1.2', async (t) => {
  const certificate = await loadOrCreateCertificate({ stateDir: t.testdir() });
  const { url, port } = await httpsBroker(t, tlsOf(certificate, { minVersion: 'TLSv1.3' }));
  t.match(await handshake(port, { maxVersion: 'TLSv1.2' }), { ok: false, code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
  t.match(await handshake(port), { ok: true, protocol: 'TLSv1.3' });
  t.ok(await sensorCount(url) > 0);
});

t.test('mutual TLS: a verified, mapped client certificate authenticates without Basic', async (t) => {
  const dir = t.testdir();
  const ca = certificateAuthority(dir, 'client-ca');
  const otherCa = certificateAuthority(dir, 'other-ca');
  const monitor = clientCertificate(dir, 'monitor', 'monitor', ca);
  const ops = clientCertificate(dir, 'ops', 'ops-console', ca);
  const stranger = clientCertificate(dir, 'stranger', 'stranger', ca);
  const rogue = clientCertificate(dir, 'rogue', 'monitor', otherCa);
  const users = await writeUsers(dir, { nagios: { role: 'readonly', password: 'nagios-pw' }, ops: { role: 'admin', password: 'ops-pw' } });
  const log = captureLog();
  const serverCert = await loadOrCreateCertificate({ stateDir: join(dir, 'state') });
  const { url } = await httpsBroker(t, tlsOf(serverCert, { ca: ca.cert, requestCert: true }), {
    // By CN for one, by fingerprint (written without colons, in lower case) for the other.
    authenticator: await testAuthenticator(users, { clientCertUsers: { monitor: 'nagios', [ops.fingerprint256.replace(/:/g, '').toLowerCase()]: 'ops' } }),
    logger: log.logger,
    ...await withSlowProvider({ callMs: 0 }),
  });
  const as = (c: CertificateFiles): SendOptions => ({ cert: c.cert, key: c.key });

  t.ok(await sensorCount(url, as(monitor)) > 0, 'CN-mapped certificate, no Authorization header');
  const reset = (c: CertificateFiles) => cimInvoke(url, 'Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET, as(c));
  t.equal((await reset(monitor)).response.error?.code, CIMStatus.ACCESS_DENIED, 'the mapped user keeps the role of the users file (readonly)');
  const allowed = await reset(ops);
  t.match(allowed.response, { error: undefined, returnValue: { value: { kind: 'value', text: '0' } } }, 'fingerprint-mapped certificate: the admin ops may run methods');

  const requests = (lines: Record<string, unknown>[]) => lines.filter((l) => l['msg'] === 'request');
  const names = requests(await log.linesWhen((lines) => requests(lines).length >= 3)).map((l) => l['user']);
  t.same(names, ['nagios', 'nagios', 'ops'], 'the request log names the mapped users');

  const enumerate = (options: SendOptions) => cimPost(url, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'), options);
  t.equal((await enumerate(as(stranger))).status, 401, 'a verified but unmapped certificate proves nothing about the user');
  t.equal((await enumerate({ ...as(stranger), headers: { Authorization: basic('nagios', 'nagios-pw') } })).status, 200, '…Basic still works beside it');
  t.equal((await enumerate(as(rogue))).status, 401, 'a mapped CN from another CA is not verified');
  const refusals = (lines: Record<string, unknown>[]) => lines.filter((l) => l['msg'] === 'authentication failed' && l['level'] === 40);
  const [refused] = refusals(await log.linesWhen((lines) => refusals(lines).length >= 1));
  t.match(refused, { certificate: /^not verified: [A-Z_]+$/ }, 'the refused certificate is logged, with TLS\'s reason');
  t.equal((await enumerate({})).status, 401, 'no certificate, no credentials');
});
