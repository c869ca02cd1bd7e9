/**
 * Connections that hold a slot without using it, over real sockets: counted
 * from accept (before TLS), bounded per client address, and closed when the
 * TLS handshake, the first request or a request's body does not come in
 * time (or its client goes away mid-body). And pipelining:
 * a malformed request after a good one does not break the good one's answer.
 */
import { Agent, request as httpRequest } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect as tlsConnect } from 'node:tls';
import t from 'tap';
import type { Test } from 'tap';
import { decodeResponse } from '../../src/cimxml/index.js';
import { loadOrCreateCertificate } from '../../src/security/index.js';
import type { BrokerOptions } from '../../src/server/broker.js';
import { cimHeaders, imethodBody, p, returned, startTestBroker, TEST_LIMITS, type RawResponse } from '../helpers/broker.js';
import { send } from '../helpers/client.js';
import { parseResponse, type ParsedResponse } from '../helpers/raw-http.js';

const CIMV2 = 'root/cimv2';
/** Generous: the machine is shared; nothing here is a timing assertion. */
const WAIT_MS = 30_000;

async function broker(t: Test, limits: Partial<BrokerOptions['limits']>, https = false, options: Parameters<typeof startTestBroker>[0] = {}) {
  const certificate = https ? await loadOrCreateCertificate({ stateDir: t.testdir() }) : undefined;
  const started = await startTestBroker({
    limits: { ...TEST_LIMITS, ...limits },
    ...(certificate && {
      listeners: [{ protocol: 'https', host: '127.0.0.1', port: 0, requireAuth: false }],
      tls: { cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2', requestCert: false },
    }),
    ...options,
  });
  t.teardown(() => started.close());
  return { ...started, port: Number(new URL(started.url).port) };
}

/** A TCP connection from `from` (a loopback address) that sends nothing. */
async function idle(t: Test, port: number, from = '127.0.0.1'): Promise<Socket> {
  const socket = netConnect({ host: '127.0.0.1', port, localAddress: from });
  socket.on('error', () => {});
  t.teardown(() => socket.destroy());
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

/** What the server sends on `socket` until it closes it (or WAIT_MS pass: undefined). */
function untilClosed(socket: Socket): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => resolve(undefined), WAIT_MS);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
  });
}

const HEALTHZ = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';

/** GET /healthz from `from`, over TLS when `tls`; the response, or what ended the exchange. */
async function healthz(port: number, { from = '127.0.0.1', tls = false } = {}): Promise<ParsedResponse | string> {
  const tcp = netConnect({ host: '127.0.0.1', port, localAddress: from });
  const socket = tls ? tlsConnect({ socket: tcp, rejectUnauthorized: false }) : tcp;
  tcp.on('error', () => {});
  socket.on('error', () => {});
  socket.once(tls ? 'secureConnect' : 'connect', () => socket.write(HEALTHZ));
  const received = await untilClosed(socket);
  socket.destroy();
  if (received === undefined) return 'timeout';
  return parseResponse(received, true) ?? 'closed without an answer';
}

const statusOf = (answer: ParsedResponse | string) => (typeof answer === 'string' ? answer : answer.status);

/** The status of /healthz once the server has noticed a close (it does a moment after the client). */
async function healthzSoon(port: number, tls: boolean): Promise<number | string> {
  let status: number | string = 'never tried';
  for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
    if (attempt) await sleep(50);
    status = statusOf(await healthz(port, { tls }));
  }
  return status;
}

t.test('HTTPS: a TCP connection counts from accept, before any TLS handshake', async (t) => {
  const { port } = await broker(t, { connections: 2 }, true);
  await idle(t, port);
  await idle(t, port);
  const refused = await healthz(port, { tls: true });
  t.equal(statusOf(refused), 503, 'two sockets that never start TLS fill the listener: the third client is told so');
  t.same(typeof refused === 'string' ? undefined : refused.headers.get('retry-after'), ['1'], 'with Retry-After');
});

t.test('limits.handshakeTimeoutMs: a socket that never completes the TLS handshake is closed', async (t) => {
  const { port } = await broker(t, { connections: 1, handshakeTimeoutMs: 300 }, true);
  const silent = await idle(t, port);
  t.not(await untilClosed(silent), undefined, 'closed by the server');
  t.equal(await healthzSoon(port, true), 200, 'its slot is free again');
});

t.test('limits.firstRequestTimeoutMs: a connection that sends no request is answered 408 and closed', async (t) => {
  for (const https of [false, true]) {
    const scheme = https ? 'HTTPS' : 'HTTP';
    const { port } = await broker(t, { connections: 1, firstRequestTimeoutMs: 300 }, https);
    const silent = https ? tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }) : await idle(t, port);
    silent.on('error', () => {});
    t.teardown(() => silent.destroy());
    const received = await untilClosed(silent);
    t.equal(received && parseResponse(received, true)?.status, 408, `${scheme}: 408, then closed`);
    t.equal(await healthzSoon(port, https), 200, `${scheme}: its slot is free again`);
  }
});

t.test('limits.connectionsPerAddress: idle connections from one address leave the others served', async (t) => {
  const { port } = await broker(t, { connections: 8, connectionsPerAddress: 2, firstRequestTimeoutMs: WAIT_MS * 2 });
  for (let i = 0; i < 20; i++) await idle(t, port, '127.0.0.1').catch(() => undefined);
  const refused = statusOf(await healthz(port, { from: '127.0.0.1' }));
  t.ok(refused === 503 || refused === 'closed without an answer', `the address that holds its share is refused (${refused})`);
  t.equal(statusOf(await healthz(port, { from: '127.0.0.2' })), 200, 'another address is served');
  t.equal(statusOf(await healthz(port, { from: '127.0.0.3' })), 200, 'and another');
});

t.test('HTTPS: counting sockets before their handshake still leaves other addresses served', async (t) => {
  const { port } = await broker(t, { connections: 8, connectionsPerAddress: 2, handshakeTimeoutMs: WAIT_MS * 2 }, true);
  for (let i = 0; i < 20; i++) await idle(t, port, '127.0.0.1').catch(() => undefined);
  t.equal(statusOf(await healthz(port, { from: '127.0.0.2', tls: true })), 200, 'another address is served over TLS');
});

/** An EnumerateInstanceNames of the fans, sent whole. */
function fanNames(url: string) {
  const body = imethodBody('EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'));
  return send(url, { path: '/cimom', headers: cimHeaders('EnumerateInstanceNames', CIMV2), body });
}

/** The start of an operation whose body never ends: its headers and 5 of its 100 bytes. */
function unfinishedOperation(): string {
  const headers = Object.entries(cimHeaders('EnumerateInstanceNames', CIMV2)).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Content-Length: 100\r\n\r\n<?xml`;
}

t.test('limits.requestTimeoutMs: a body that never ends is answered 408, and its slots are given back', async (t) => {
  for (const https of [false, true]) {
    const scheme = https ? 'HTTPS' : 'HTTP';
    const { port } = await broker(t, { connections: 2, concurrentOperations: 1, requestTimeoutMs: 500 }, https);
    const tcp = netConnect({ host: '127.0.0.1', port });
    const slow = https ? tlsConnect({ socket: tcp, rejectUnauthorized: false }) : tcp;
    tcp.on('error', () => {});
    slow.on('error', () => {});
    t.teardown(() => slow.destroy());
    slow.once(https ? 'secureConnect' : 'connect', () => slow.write(unfinishedOperation()));
    const received = await untilClosed(slow);
    t.equal(received && parseResponse(received, true)?.status, 408, `${scheme}: 408, then closed, though an operation waits for the body`);
    t.equal(await healthzSoon(port, https), 200, `${scheme}: the connection's slot is free again`);
    t.equal((await fanNames(`${https ? 'https' : 'http'}://127.0.0.1:${port}`)).status, 200, `${scheme}: and so is the operation's`);
  }
});

t.test('a client gone in the middle of a body gives its slots back at once (HTTP keeps half-closed connections)', async (t) => {
  const { port } = await broker(t, { connections: 2, concurrentOperations: 1, requestTimeoutMs: WAIT_MS * 2 });
  const gone = await idle(t, port);
  gone.end(unfinishedOperation());
  t.not(await untilClosed(gone), undefined, 'the server closes its side too');
  t.equal(await healthzSoon(port, false), 200, 'the connection\'s slot is free again');
  t.equal((await fanNames(`http://127.0.0.1:${port}`)).status, 200, 'and so is the operation\'s');
});

/** An EnumerateInstances of every numeric sensor, kept alive, optionally asking for trailers. */
function enumerateSensors(trailers: boolean): string {
  const body = imethodBody('EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_NumericSensor'));
  const headers = Object.entries(cimHeaders('EnumerateInstances', CIMV2)).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}${trailers ? 'TE: trailers\r\n' : ''}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

t.test('pipelining: a malformed request after a good one is answered 400 only after the good one\'s whole answer', async (t) => {
  const { port } = await broker(t, {}, false, { simulated: { sensors: 300 } });
  for (const trailers of [false, true]) {
    const what = trailers ? 'streamed with trailers' : 'with a Content-Length';
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    t.teardown(() => socket.destroy());
    socket.once('connect', () => socket.write(enumerateSensors(trailers) + 'NOT A REQUEST\r\n\r\n'));
    const received = await untilClosed(socket);
    if (!received) {
      t.fail(`${what}: the server never closed the connection`);
      continue;
    }
    const at400 = received.indexOf('HTTP/1.1 400');
    t.ok(at400 > 0, `${what}: the 400 comes after something`);
    const first = parseResponse(received.subarray(0, at400), false);
    t.equal(first?.status, 200, `${what}: the first answer is whole before the 400`);
    if (trailers) {
      t.same(first?.headers.get('transfer-encoding'), ['chunked'], `${what}: it did stream`);
      t.same(first?.trailers.get('cimstatuscode'), ['0'], `${what}: its trailer says success`);
    }
    t.equal(first && returned(decodeResponse(first.body.toString('utf8'))).length, 300, `${what}: every sensor is in it`);
    t.equal(parseResponse(received.subarray(at400), true)?.status, 400, `${what}: then the 400, then the connection closes`);
  }
});

t.test('a large answer without trailers is built in turns: /healthz is answered while it is encoded', async (t) => {
  const sensors = 4000; // ~12 MB of XML: many turns of the encoder
  const { url } = await broker(t, {}, false, { simulated: { sensors } });
  const agent = new Agent({ keepAlive: true });
  t.teardown(() => agent.destroy());
  let sent = false;
  let headed = false;
  const big = new Promise<RawResponse>((resolve, reject) => {
    const body = imethodBody('EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_NumericSensor'));
    const req = httpRequest(new URL('/cimom', url), { method: 'POST', headers: { ...cimHeaders('EnumerateInstances', CIMV2), 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      headed = true; // without trailers, the head goes out only once the whole answer is encoded
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, trailers: res.trailers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.on('finish', () => { sent = true; });
    req.end(body);
  });
  let whileEncoding = 0;
  while (!headed) {
    const health = await send(url, { path: '/healthz', agent });
    t.equal(health.status, 200);
    if (sent && !headed) whileEncoding++;
  }
  const answer = await big;
  t.equal(answer.status, 200);
  t.equal(answer.headers['transfer-encoding'], undefined, 'not streamed: sent with a Content-Length');
  t.equal(returned(decodeResponse(answer.text)).length, sensors, 'the whole answer');
  t.ok(whileEncoding >= 5, `/healthz was answered ${whileEncoding} times while the answer was being encoded`);
});

t.test('a streamed answer read slowly waits for drain many times, and leaves no listeners behind', async (t) => {
  const { port } = await broker(t, {}, false, { simulated: { sensors: 1000 } });
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  const socket = netConnect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  t.teardown(() => socket.destroy());
  socket.once('connect', () => socket.end(enumerateSensors(true).replace('HTTP/1.1\r\n', 'HTTP/1.1\r\nConnection: close\r\n')));
  // Read in small sips with pauses, so that the server's writes fill the socket and wait for drain over and over.
  const chunks: Buffer[] = [];
  socket.pause();
  const done = new Promise<void>((resolve) => socket.once('end', resolve));
  let ended = false;
  void done.then(() => { ended = true; });
  while (!ended) {
    let chunk: Buffer | null;
    while ((chunk = socket.read() as Buffer | null) !== null) chunks.push(chunk);
    await sleep(2);
  }
  const answer = parseResponse(Buffer.concat(chunks), true);
  t.same(answer?.headers.get('transfer-encoding'), ['chunked'], 'it did stream');
  t.same(answer?.trailers.get('cimstatuscode'), ['0']);
  t.equal(answer && returned(decodeResponse(answer.body.toString('utf8'))).length, 1000, 'every sensor is in it');
  await sleep(50); // a warning is emitted on the next tick
  t.same(warnings.filter((w) => w.includes('MaxListeners')), [], 'no listener piled up');
});
