/**
 * A listener on `localhost` listens on each loopback address the name
 * resolves to (127.0.0.1 and ::1 on most hosts), and each of those sockets must behave
 * the same: `Expect: 100-continue` (RFC 9110 §10.1.1: no 100 Continue before
 * a refusal, 100 Continue once accepted) and the answers Node's parser
 * forces (M-POST: 501, DSP0200 §7.2.2), over HTTP and HTTPS, over real
 * sockets. fastify binds the second address of `localhost` with a server of
 * its own that none of thincim's per-server wiring reached, nor a new
 * certificate.
 *
 * This machine's /etc/hosts maps localhost to 127.0.0.1 only; dns.lookup is
 * made to answer both loopback addresses, as on a host whose /etc/hosts also
 * has `::1 localhost` (Debian, Ubuntu, Fedora), before the broker starts.
 */
import dns, { type LookupAddress } from 'node:dns';
import { createServer as createHttpServer, type Server } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { connect as netConnect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import t from 'tap';
import { loadOrCreateCertificate } from '../../src/security/index.js';
import { ListenerServers } from '../../src/server/bindings.js';
import { startTestBroker, TEST_LIMITS } from '../helpers/broker.js';
import { basic } from '../helpers/client.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const LOOPBACKS: LookupAddress[] = [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }];
/** What `localhost` resolves to: a test may change it while it starts a broker of its own. */
let localhost = LOOPBACKS;
const realLookup = dns.lookup;
dns.lookup = ((hostname: string, options: unknown, callback?: unknown) => {
  if (hostname === 'localhost' && typeof options === 'object' && options !== null && (options as { all?: boolean }).all && typeof callback === 'function') {
    process.nextTick(() => (callback as (err: null, addresses: LookupAddress[]) => void)(null, localhost));
    return;
  }
  return (realLookup as (...args: unknown[]) => void)(hostname, options, callback);
}) as typeof dns.lookup;
// So that `import { lookup } from 'node:dns'` sees it too, not only dns.lookup.
syncBuiltinESMExports();
t.teardown(() => {
  dns.lookup = realLookup;
  syncBuiltinESMExports();
});

const USERS = { ops: { role: 'readonly', password: 'ops-Pa55word' } } as const;
const BODY = '<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ>'
  + '<IMETHODCALL NAME="EnumerateClassNames"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>'
  + '</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>';

const dir = t.testdir();
const certificate = await loadOrCreateCertificate({ stateDir: dir });
const broker = await startTestBroker({
  listeners: [
    { protocol: 'http', host: 'localhost', port: 0, requireAuth: true },
    { protocol: 'https', host: 'localhost', port: 0, requireAuth: true },
  ],
  tls: { cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2', requestCert: false },
  authenticator: await testAuthenticator(await writeUsers(dir, USERS)),
});
t.teardown(() => broker.close());
const ports = { http: Number(new URL(broker.broker.urls[0]!).port), https: Number(new URL(broker.broker.urls[1]!).port) };

type Protocol = keyof typeof ports;

/** An open connection: what it received so far, and a way to wait for more. */
interface Connection {
  socket: Socket;
  received(): string;
  /** Resolves once `pattern` is in what was received, or the connection closed (then it may be missing). */
  until(pattern: RegExp): Promise<string>;
}

async function open(protocol: Protocol, address: string, port = ports[protocol]): Promise<Connection> {
  const socket = protocol === 'http'
    ? netConnect({ host: address, port })
    : tlsConnect({ host: address, port, rejectUnauthorized: false });
  await new Promise<void>((resolve, reject) => {
    socket.once(protocol === 'http' ? 'connect' : 'secureConnect', () => resolve());
    socket.once('error', reject);
  });
  let text = '';
  let closed = false;
  const waiters = new Set<() => void>();
  const wake = () => { for (const waiter of waiters) waiter(); };
  socket.on('data', (chunk: Buffer) => { text += chunk.toString('latin1'); wake(); });
  socket.on('error', () => {});
  socket.on('close', () => { closed = true; wake(); });
  return {
    socket,
    received: () => text,
    until: (pattern) => new Promise((resolve) => {
      const check = () => {
        if (!pattern.test(text) && !closed) return;
        waiters.delete(check);
        resolve(text);
      };
      waiters.add(check);
      check();
    }),
  };
}

function head(method: string, address: string, extra: Record<string, string>): string {
  const host = address.includes(':') ? `[${address}]` : address;
  const lines = [`${method} /cimom HTTP/1.1`, `Host: ${host}`, 'Content-Type: application/xml; charset="utf-8"', 'CIMOperation: MethodCall',
    'CIMMethod: EnumerateClassNames', 'CIMObject: root%2Fcimv2', `Content-Length: ${Buffer.byteLength(BODY)}`, 'Connection: close',
    ...Object.entries(extra).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

for (const protocol of ['http', 'https'] as const) {
  for (const { address } of LOOPBACKS) {
    t.test(`${protocol.toUpperCase()} on ${address}`, async (t) => {
      const refused = await open(protocol, address);
      refused.socket.write(head('POST', address, { Expect: '100-continue' }));
      const refusal = await refused.until(/^HTTP\/1\.1 \d{3} [^\r]*\r\n(?:[^\r]+\r\n)*\r\n/);
      t.match(refusal, /^HTTP\/1\.1 401 Unauthorized\r\n/, 'no credentials: 401 at once, no 100 Continue asking for a body that would be refused');
      refused.socket.destroy();

      const accepted = await open(protocol, address);
      accepted.socket.write(head('POST', address, { Expect: '100-continue', Authorization: basic('ops', USERS.ops.password) }));
      t.match(await accepted.until(/^HTTP\/1\.1 100 Continue\r\n\r\n/), /^HTTP\/1\.1 100 Continue\r\n\r\n/, 'credentials accepted: 100 Continue');
      accepted.socket.write(BODY);
      const answer = await accepted.until(/\r\n\r\nHTTP\/1\.1 200 OK\r\n[\s\S]*<\/CIM>/);
      t.match(answer, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n[\s\S]*<CLASSNAME NAME="/, '… then the answer to the body');
      accepted.socket.destroy();

      const extension = await open(protocol, address);
      extension.socket.write(head('M-POST', address, {}));
      t.match(await extension.until(/^HTTP\/1\.1 \d{3} /), /^HTTP\/1\.1 501 Not Implemented\r\n/, 'M-POST: 501, so that the client falls back to POST');
      extension.socket.destroy();
    });
  }
}

t.test('a new certificate reaches every address of the HTTPS listener', async (t) => {
  const fresh = await loadOrCreateCertificate({ stateDir: t.testdir() });
  broker.broker.setTLS({ cert: fresh.cert, key: fresh.key, minVersion: 'TLSv1.2', requestCert: false });
  const expected = new X509Certificate(fresh.cert).fingerprint256;
  t.not(expected, new X509Certificate(certificate.cert).fingerprint256, 'a certificate other than the first');
  for (const { address } of LOOPBACKS) {
    const connection = await open('https', address);
    const socket = connection.socket as TLSSocket;
    t.equal(socket.getPeerCertificate().fingerprint256, expected, `${address} serves the new certificate`);
    socket.destroy();
  }
});

// A second broker, limited to two connections: the count must start from nothing for the assertion to be exact,
// and the sockets the tests above closed may not all be released by the file's own broker yet.
t.test('the addresses of a listener share its connection limit', async (t) => {
  const limited = await startTestBroker({
    listeners: [{ protocol: 'http', host: 'localhost', port: 0, requireAuth: false }],
    limits: { ...TEST_LIMITS, connections: 2 },
  });
  t.teardown(() => limited.close());
  const port = Number(new URL(limited.url).port);
  const connectTo = async (address: string) => {
    const connection = await open('http', address, port);
    const host = address.includes(':') ? `[${address}]` : address;
    connection.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    return { connection, status: (await connection.until(/^HTTP\/1\.1 \d{3} /)).slice(9, 12) };
  };
  const held = [await connectTo('127.0.0.1'), await connectTo('::1')];
  t.same(held.map((h) => h.status), ['200', '200'], 'one connection on each address, answered and kept alive');
  for (const address of ['::1', '127.0.0.1']) {
    const refused = await connectTo(address);
    t.equal(refused.status, '503', `a third, on ${address}: 503, the two before counted together`);
    refused.connection.socket.destroy();
  }
  for (const h of held) h.connection.socket.destroy();
});

t.test('a port another program holds on ::1 fails the start: clients of localhost would reach that program', async (t) => {
  const squatter = createNetServer();
  await new Promise<void>((resolve) => squatter.listen({ host: '::1', port: 0 }, resolve));
  t.teardown(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
  const { port } = squatter.address() as AddressInfo;
  await t.rejects(startTestBroker({ listeners: [{ protocol: 'http', host: 'localhost', port, requireAuth: false }] }), { code: 'EADDRINUSE', address: '::1' });
});

t.test('a localhost that resolves to no loopback address is refused, with what to do', async (t) => {
  localhost = [{ address: '192.0.2.10', family: 4 }];
  t.teardown(() => { localhost = LOOPBACKS; });
  await t.rejects(startTestBroker({ listeners: [{ protocol: 'http', host: 'localhost', port: 0, requireAuth: false }] }),
    { message: 'localhost resolves to no loopback address (192.0.2.10): set host to 127.0.0.1 or ::1, or mend the hosts file' });
});

t.test('only the loopback addresses of localhost are bound, IPv4 first', async (t) => {
  localhost = [{ address: '::1', family: 6 }, { address: '0.0.0.0', family: 4 }, { address: '127.0.0.1', family: 4 }];
  t.teardown(() => { localhost = LOOPBACKS; });
  const started = await startTestBroker({ listeners: [{ protocol: 'http', host: 'localhost', port: 0, requireAuth: false }] });
  t.teardown(() => started.close());
  t.equal(new URL(started.url).hostname, '127.0.0.1', 'the first URL is IPv4');
  const addresses = started.broker.apps[0]!.listenerServers.all.map((server) => (server.address() as AddressInfo).address);
  t.same(addresses, ['127.0.0.1', '::1'], 'not 0.0.0.0');
});

t.test('a further address bound after the listener closed is closed at once, not left holding its port', async (t) => {
  const created: Server[] = [];
  const servers = new ListenerServers(createHttpServer(), () => {
    const server = createHttpServer();
    created.push(server);
    return server;
  });
  await servers.closeFurther();
  await t.rejects(servers.listen('127.0.0.1', 0), { message: /^the listener closed while binding 127\.0\.0\.1 port 0$/ });
  t.equal(created.length, 1);
  t.notOk(created[0]!.listening, 'not listening');
  t.same(servers.all.length, 1, 'not counted among the servers');
});
