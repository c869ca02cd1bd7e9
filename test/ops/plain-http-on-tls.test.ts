/**
 * Plain HTTP sent to the HTTPS port, over real sockets: answered 400 in
 * plain text naming the https URL (as nginx and Apache do), logged once and
 * counted; TLS clients on the same port are untouched, and a client that
 * sends nothing is still closed at the handshake timeout.
 */
import { once } from 'node:events';
import { Agent as HttpsAgent } from 'node:https';
import { connect as netConnect, createServer, type AddressInfo, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import t from 'tap';
import type { Test } from 'tap';
import { loadOrCreateCertificate } from '../../src/security/index.js';
import type { BrokerOptions } from '../../src/server/broker.js';
import { p, returned, startTestBroker, TEST_LIMITS } from '../helpers/broker.js';
import { cimCall, cimPost, send } from '../helpers/client.js';
import { captureLog, type CapturedLog } from '../helpers/log-capture.js';
import { parsePrometheus, samplesOf } from '../helpers/prometheus.js';
import { parseResponse } from '../helpers/raw-http.js';

const CIMV2 = 'root/cimv2';
/** Generous: the machine is shared; nothing here is a timing assertion. */
const WAIT_MS = 30_000;

/** A broker with one HTTPS listener on 127.0.0.1: its https URL, the same port as http://, and its log. */
async function httpsBroker(t: Test, limits: Partial<BrokerOptions['limits']> = {}): Promise<{ https: string; http: string; port: number; log: CapturedLog }> {
  const certificate = await loadOrCreateCertificate({ stateDir: t.testdir() });
  const log = captureLog();
  const started = await startTestBroker({
    listeners: [{ protocol: 'https', host: '127.0.0.1', port: 0, requireAuth: false }],
    tls: { cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2', requestCert: false },
    limits: { ...TEST_LIMITS, ...limits },
    logger: log.logger,
  });
  t.teardown(() => started.close());
  const port = Number(new URL(started.url).port);
  return { https: started.url, http: `http://127.0.0.1:${port}`, port, log };
}

/** Writes `bytes` on a new TCP connection; what the server sends until it closes (undefined: still open after WAIT_MS). */
function exchange(port: number, bytes: Buffer | string | undefined): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket: Socket = netConnect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, WAIT_MS);
    socket.on('error', () => {});
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('connect', () => bytes !== undefined && socket.write(bytes));
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
  });
}

async function refusals(https: string): Promise<number> {
  const metrics = parsePrometheus((await send(https, { path: '/metrics' })).text);
  return samplesOf(metrics, 'thincim_http_refusals_total', { status: '400' })[0]?.value ?? 0;
}

t.test('plain HTTP GET and a CIM POST to the HTTPS port: 400 in plain text with the https URL, then close', async (t) => {
  const { https, http, port, log } = await httpsBroker(t);
  const before = await refusals(https);

  const get = await send(http, { path: '/healthz' });
  t.equal(get.status, 400);
  t.equal(get.headers.connection, 'close');
  t.match(get.headers['content-type'], /^text\/plain/);
  t.equal(get.text, `This port speaks HTTPS only: use https://127.0.0.1:${port}/\n`);

  const post = await cimPost(http, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'));
  t.equal(post.status, 400, 'a CIM POST too');
  t.match(post.text, /speaks HTTPS/);

  const large = await send(http, { path: '/cimom', body: Buffer.alloc(4 * 1024 * 1024, 'x') });
  t.equal(large.status, 400, 'a large body does not turn the answer into a reset: the server reads it while it closes');

  t.equal(await refusals(https) - before, 3, 'each counted in thincim_http_refusals_total{status="400"}');
  const lines = await log.linesWhen((l) => l.filter((line) => /not TLS/.test(String(line['msg']))).length >= 3);
  const refused = lines.filter((line) => /not TLS/.test(String(line['msg'])));
  t.equal(refused.length, 3, 'one log line per connection');
  t.equal(refused[0]?.['remoteAddress'], '127.0.0.1', 'naming the client');
  t.equal(refused[0]?.['level'], 30, 'at info');
});

t.test('bytes that are neither TLS nor HTTP get the same 400', async (t) => {
  const { port } = await httpsBroker(t);
  for (const bytes of ['SSH-2.0-OpenSSH_9.6\r\n', '\x00\x01\x02']) {
    const received = await exchange(port, bytes);
    t.equal(received && parseResponse(received, true)?.status, 400, JSON.stringify(bytes));
  }
});

t.test('a TLS client on the same port is untouched, kept-alive connections included', async (t) => {
  const { https } = await httpsBroker(t);
  const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => agent.destroy());
  const fans = async () => returned((await cimCall(https, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'), { agent })).response);
  const first = await fans();
  t.ok(first.length > 0, 'a CIM operation over TLS');
  const again = await send(https, { path: '/healthz', agent });
  t.equal(again.status, 200);
  t.ok(again.reusedSocket, 'on the same connection');
  t.same(await fans(), first, 'and once more');
});

/**
 * A GET /healthz over TLS through a relay that sends the client's first byte
 * alone and the rest 200 ms later: the peek sees one byte of the handshake.
 */
async function healthzWithFirstByteAlone(port: number): Promise<string> {
  const relay = createServer((client) => {
    const server = netConnect({ host: '127.0.0.1', port });
    client.once('data', (hello: Buffer) => {
      client.pause();
      server.write(hello.subarray(0, 1));
      setTimeout(() => {
        server.write(hello.subarray(1));
        client.pipe(server);
      }, 200);
    });
    server.pipe(client);
    for (const end of [client, server]) end.on('error', () => { client.destroy(); server.destroy(); });
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  try {
    const socket = tlsConnect({ host: '127.0.0.1', port: (relay.address() as AddressInfo).port, rejectUnauthorized: false });
    await once(socket, 'secureConnect');
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('latin1');
  } finally {
    relay.close();
  }
}

t.test('a TLS handshake whose first chunk is one byte is put back whole', async (t) => {
  const { port } = await httpsBroker(t);
  t.match(await healthzWithFirstByteAlone(port), /^HTTP\/1\.1 200 /, 'answered over TLS');
});

t.test('a client that sends nothing is closed at limits.handshakeTimeoutMs, unanswered as before', async (t) => {
  const { port } = await httpsBroker(t, { handshakeTimeoutMs: 300 });
  const received = await exchange(port, undefined);
  t.not(received, undefined, 'closed by the server');
  t.equal(received?.length, 0, 'without an answer');
});
