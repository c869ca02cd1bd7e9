/**
 * Closing the broker with answers in flight on kept-alive connections: they
 * complete, new connections are refused, and the connections are closed when
 * answered, so that close() never waits for clients to hang up. The grace
 * period is far away on purpose: a close() that waited for it would fail by
 * the test's timeout. So are the deadlines of connections without a request.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { Agent } from 'node:http';
import t from 'tap';
import { loadOrCreateCertificate } from '../../src/security/index.js';
import { cimHeaders, imethodBody, p, startTestBroker, TEST_LIMITS } from '../helpers/broker.js';
import { invokePost, refusedSoon } from '../helpers/client.js';
import { captureLog } from '../helpers/log-capture.js';
import { parseResponse } from '../helpers/raw-http.js';
import { CallGate, SLOW_WIDGET, withSlowProvider } from '../helpers/slow-provider.js';
import { WIDGET_CLASS } from '../../providers/template/widgets.js';

const CIMV2 = 'root/cimv2';
const GRACE_MS = 600_000;

t.test('a method in flight when closing begins completes with Connection: close; new connections are refused', async (t) => {
  const gate = new CallGate();
  // The slow method stands for any long operation; rights are test/ops/auth.test.ts's business.
  const started = await startTestBroker({ ...await withSlowProvider({ callMs: GRACE_MS, onCall: gate.onCall }), anonymousWrite: true });
  const agent = new Agent({ keepAlive: true });
  t.teardown(() => agent.destroy());

  const inFlight = invokePost(started.url, 'Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET, { agent });
  await gate.began(1);
  const closed = started.broker.close(GRACE_MS);
  t.ok(await refusedSoon(started.url), 'no new connection once closing');
  gate.release();
  const reply = await inFlight;
  t.equal(reply.status, 200, 'the method in flight is answered');
  t.match(reply.text, /<RETURNVALUE PARAMTYPE="uint32"><VALUE>0<\/VALUE><\/RETURNVALUE>/);
  t.equal(reply.headers['connection'], 'close', 'and its connection closes with it');
  await closed;
  t.pass('close() ended without waiting for the client');
});

/** A kept-alive request for a large enumeration, streamed chunked because it accepts trailers. */
function streamedEnumeration(): Buffer {
  const body = imethodBody('EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_NumericSensor'));
  const headers = { ...cimHeaders('EnumerateInstances', CIMV2), TE: 'trailers', 'Content-Length': String(Buffer.byteLength(body)) };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return Buffer.from(`POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n${head}\r\n${body}`);
}

t.test('an answer streaming when closing begins completes with its trailer, then the server ends the connection', async (t) => {
  const log = captureLog();
  // Large enough (tens of MB) that the answer cannot fit in the sockets' buffers while the client does not read.
  const started = await startTestBroker({ simulated: { sensors: 8000 }, logger: log.logger });
  const { hostname, port } = new URL(started.url);
  const socket: Socket = connect({ host: hostname, port: Number(port) });
  const chunks: Buffer[] = [];
  let ended = false;
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('end', () => { ended = true; });
  const firstData = new Promise((resolve) => socket.once('data', resolve));
  socket.write(streamedEnumeration());
  await firstData;
  socket.pause();

  t.notOk(log.lines().some((l) => l['msg'] === 'request'), 'the answer is still being written when closing begins');
  const closed = started.broker.close(GRACE_MS);
  t.ok(await refusedSoon(started.url), 'no new connection once closing');
  const done = new Promise((resolve) => socket.once('close', resolve));
  socket.resume();
  await done;
  t.ok(ended, 'the server ended the connection');
  const response = parseResponse(Buffer.concat(chunks), true);
  t.equal(response?.status, 200);
  t.same(response?.trailers.get('cimstatuscode'), ['0'], 'the whole answer, its trailer saying success');
  t.match(response?.body.subarray(-200).toString(), /<\/CIM>\s*$/);
  await closed;
  t.pass('close() ended without waiting for the client');
});

async function connected(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

// A connection with no request in flight has nothing to finish: one connected
// but silent (a load balancer's or Kubernetes' TCP probe, a port scan), one
// midway through its first header block, one whose TLS handshake has not
// begun, one after its handshake that has asked nothing yet. Each held
// `thincim serve` after SIGTERM until its own deadline (one silent TCP
// connection to each port: "stopped" 5.0 s after "shutting down" for
// HTTPS, handshakeTimeoutMs; 9.7 s for HTTP, firstRequestTimeoutMs), as long
// as `docker stop` waits before SIGKILL.
t.test('connections without a request in flight are closed when closing begins', async (t) => {
  const certificate = await loadOrCreateCertificate({ stateDir: t.testdir() });
  const { broker } = await startTestBroker({
    listeners: [
      { protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: false },
      { protocol: 'https', host: '127.0.0.1', port: 0, requireAuth: false },
    ],
    tls: { cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2', requestCert: false },
    limits: { ...TEST_LIMITS, handshakeTimeoutMs: GRACE_MS, firstRequestTimeoutMs: GRACE_MS },
  });
  const [http, https] = broker.urls.map((url) => Number(new URL(url).port)) as [number, number];

  const silent = await connected(http);
  const partialHeader = await connected(http);
  partialHeader.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const beforeHandshake = await connected(https);
  const afterHandshake = tlsConnect({ host: '127.0.0.1', port: https, rejectUnauthorized: false });
  afterHandshake.on('error', () => {});
  await once(afterHandshake, 'secureConnect');
  const sockets = { silent, partialHeader, beforeHandshake, afterHandshake };
  const closed = Object.entries(sockets).map(async ([name, socket]) => {
    await once(socket, 'close');
    return name;
  });

  await broker.close(GRACE_MS);
  t.same((await Promise.all(closed)).sort(), Object.keys(sockets).sort(), 'the broker closed, and every such connection with it');
});
