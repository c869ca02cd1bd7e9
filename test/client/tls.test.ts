/**
 * HTTPS: the system's CAs (which do not know a self-signed certificate),
 * --cacert, a pinned fingerprint (checked before any request is written),
 * and --insecure, against a small HTTPS server with a certificate made by
 * src/security.
 */
import t from 'tap';
import { loadOrCreateCertificate } from '../../src/security/index.js';
import { ConnectionError, normalizeFingerprint, TLSError, WBEMConnection, type TLSSettings } from '../../src/client/index.js';
import { startTestBroker } from '../helpers/broker.js';
import { imethodResponse, messageId, sendCim, startServer } from './servers.js';

const certificate = await loadOrCreateCertificate({ stateDir: t.testdir(), hostnames: ['localhost'] });
const server = await startServer((received, res) => sendCim(res, imethodResponse(messageId(received.body), 'EnumerateClassNames',
  '<IRETURNVALUE><CLASSNAME NAME="CIM_Fan"/></IRETURNVALUE>')), certificate);
t.teardown(() => server.close());

const credentials = { user: 'ops', password: 'secret' };

function classNames(tls: TLSSettings, url = server.url): Promise<string[]> {
  const connection = new WBEMConnection(url, { tls, credentials, timeoutMs: 5000 });
  return connection.enumerateClassNames().finally(() => connection.close());
}

t.test('a self-signed certificate is refused by default, with a hint', async (t) => {
  const err = await classNames({}).catch((e: unknown) => e);
  t.ok(err instanceof TLSError);
  t.match(err, { code: 'tls', message: /TLS with 127\.0\.0\.1:\d+ failed: .*self[- ]signed.*--cacert FILE or --fingerprint.*--insecure/ });
});

t.test('--cacert trusts it', async (t) => {
  t.same(await classNames({ ca: certificate.cert }), ['CIM_Fan']);
});

t.test('--fingerprint accepts exactly that certificate, in any spelling', async (t) => {
  t.same(await classNames({ fingerprint: certificate.fingerprint256 }), ['CIM_Fan']);
  t.same(await classNames({ fingerprint: certificate.fingerprint256.replace(/:/g, '').toLowerCase() }), ['CIM_Fan']);
});

t.test('a wrong fingerprint fails before any request (and its credentials) is sent', async (t) => {
  const before = server.requests.length;
  const wrong = 'AB:'.repeat(31) + 'AB';
  const err = await classNames({ fingerprint: wrong }).catch((e: unknown) => e);
  t.ok(err instanceof TLSError);
  t.equal((err as Error).message, `the server's certificate does not match the pinned fingerprint (it presented ${certificate.fingerprint256})`);
  t.equal(server.requests.length, before, 'the server saw no request');
});

t.test('--insecure accepts any certificate', async (t) => {
  t.same(await classNames({ insecure: true }), ['CIM_Fan']);
});

t.test('HTTPS to a plain HTTP server is a TLS failure', async (t) => {
  const broker = await startTestBroker();
  t.teardown(() => broker.close());
  const err = await classNames({ insecure: true }, broker.url.replace('http:', 'https:')).catch((e: unknown) => e);
  t.ok(err instanceof ConnectionError);
  t.equal((err as ConnectionError).code, 'tls');
});

t.test('fingerprints are normalized or refused', async (t) => {
  t.equal(normalizeFingerprint('ab'.repeat(32)), 'AB:'.repeat(31) + 'AB');
  t.equal(normalizeFingerprint('AB:CD'), undefined);
  t.equal(normalizeFingerprint('zz'.repeat(32)), undefined);
  t.throws(() => new WBEMConnection(server.url, { tls: { fingerprint: 'nope' } }), /not a SHA-256 fingerprint: nope/);
});
