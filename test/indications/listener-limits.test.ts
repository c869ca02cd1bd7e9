/**
 * The indication listener's body limit (maxBodyBytes) answers 413 with a
 * message, as the CIM listener does (DSP0200 §7.3: a fault is answered with
 * an HTTP status), instead of cutting the connection without an answer.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import t from 'tap';
import { startListener } from '../../src/indications/listener.js';
import { runCli } from '../client/run-cli.js';
import { spawnThincim, stop } from '../helpers/process.js';
import { exchange, serialize } from '../helpers/raw-http.js';

const MAX = 1024;
const listener = await startListener({ port: 0, maxBodyBytes: MAX, onIndication: () => {} });
t.teardown(() => listener.close());
const port = Number(new URL(listener.url).port);
const HEADERS = [['Content-Type', 'application/xml; charset="utf-8"'], ['CIMExport', 'MethodRequest'], ['CIMExportMethod', 'ExportIndication']] as const;

t.test('a Content-Length over maxBodyBytes is answered 413', async (t) => {
  const result = await exchange(port, serialize({ path: '/thincim', headers: HEADERS, body: Buffer.alloc(MAX + 1, 'x') }), 30_000);
  t.equal(result.kind, 'response', 'an answer, not a cut connection');
  if (result.kind !== 'response') return;
  t.equal(result.response.status, 413);
  t.match(result.response.body.toString(), /larger than 1024 bytes/);
});

t.test('Expect: 100-continue with a Content-Length over maxBodyBytes is answered 413 before the body is sent', async (t) => {
  const socket = connect(port, '127.0.0.1');
  t.teardown(() => socket.destroy());
  socket.write(serialize({ path: '/thincim', headers: [...HEADERS, ['Expect', '100-continue'], ['Content-Length', String(MAX + 1)]], contentLength: false }));
  const [first] = await once(socket, 'data') as [Buffer];
  t.match(first.toString('latin1'), /^HTTP\/1\.1 413 /, 'no 100 Continue: the first answer is the refusal');
  const small = connect(port, '127.0.0.1');
  t.teardown(() => small.destroy());
  small.write(serialize({ path: '/thincim', headers: [...HEADERS, ['Expect', '100-continue'], ['Content-Length', '6']], contentLength: false }));
  const [going] = await once(small, 'data') as [Buffer];
  t.match(going.toString('latin1'), /^HTTP\/1\.1 100 Continue/, 'a body within the limit is asked for');
});

t.test('a chunked body that grows past maxBodyBytes is answered 413', async (t) => {
  const chunk = Buffer.alloc(600, 'x');
  const chunked = Buffer.concat([
    serialize({ path: '/thincim', headers: [...HEADERS, ['Transfer-Encoding', 'chunked']], contentLength: false }),
    Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'),
    Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n0\r\n\r\n'),
  ]);
  const result = await exchange(port, chunked, 30_000);
  t.equal(result.kind, 'response', 'an answer, not a cut connection');
  if (result.kind !== 'response') return;
  t.equal(result.response.status, 413);
  t.match(result.response.body.toString(), /larger than 1024 bytes/);
});

t.test('a single chunk past maxBodyBytes is answered 413 too, and the listener goes on', async (t) => {
  const chunk = Buffer.alloc(MAX * 4, 'x');
  const chunked = Buffer.concat([
    serialize({ path: '/thincim', headers: [...HEADERS, ['Transfer-Encoding', 'chunked']], contentLength: false }),
    Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n0\r\n\r\n'),
  ]);
  const result = await exchange(port, chunked, 30_000);
  t.equal(result.kind === 'response' && result.response.status, 413);
  const next = await exchange(port, serialize({ path: '/thincim', headers: HEADERS, body: Buffer.from('<CIM/>') }), 30_000);
  t.equal(next.kind === 'response' && next.response.status, 400, 'the next request is answered (a body that is no export request)');
});

t.test('thincim listen --max-body-bytes sets the limit; a bad value is a usage error', async (t) => {
  const listening = spawnThincim(['listen', '--port', '0', '--max-body-bytes', '2048']);
  t.teardown(() => stop(listening));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const found = /listening on (\S+)/.exec(listening.stderr())?.[1];
      if (found) return resolve(found);
      if (listening.child.exitCode !== null) return reject(new Error(`listen exited: ${listening.stderr()}`));
      listening.child.stderr!.once('data', check);
    };
    check();
  });
  const cliPort = Number(new URL(url).port);
  const answered = await exchange(cliPort, serialize({ path: '/thincim', headers: HEADERS, body: Buffer.alloc(2049, 'x') }), 30_000);
  t.equal(answered.kind === 'response' && answered.response.status, 413);
  t.match(answered.kind === 'response' && answered.response.body.toString(), /larger than 2048 bytes/);
  const bad = await runCli(['listen', '--max-body-bytes', '12']);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /--max-body-bytes must be a number from 1024 to 1073741824, not '12'/);
});

/**
 * DSP0200 (cim-xml-protocol.md, Methods): a client SHOULD try M-POST first and fall back to POST when the
 * answer is 501 Not Implemented (or 510). Node's HTTP parser does not know the M-POST method at all.
 */
t.test('an M-POST export request is answered 501, the answer that makes a sender fall back to POST', async (t) => {
  const mpost = serialize({
    method: 'M-POST', path: '/thincim', body: Buffer.from('<CIM/>'),
    headers: [['Man', 'http://www.dmtf.org/cim/mapping/http/v1.0 ; ns=73'], ['73-CIMExport', 'MethodRequest'], ['73-CIMExportMethod', 'ExportIndication']],
  });
  const result = await exchange(port, mpost, 30_000);
  t.equal(result.kind, 'response');
  if (result.kind !== 'response') return;
  t.equal(result.response.status, 501);
  t.match(result.response.body.toString(), /M-POST is not supported: send the export request with POST/);
  const other = await exchange(port, Buffer.from('BREW /thincim HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 30_000);
  t.equal(other.kind === 'response' && other.response.status, 400, 'any other request the parser refuses: 400, as before');
});

t.test('a header block over Node\'s limit is still answered 431, as Node answers it', async (t) => {
  const result = await exchange(port, serialize({ path: '/thincim', headers: [...HEADERS, ['X-Padding', 'x'.repeat(20_000)]] }), 30_000);
  t.equal(result.kind === 'response' && result.response.status, 431);
});

/** Writes `bytes` on a new connection and collects the answers until the listener closes it (30 s at most). */
async function answersTo(bytes: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  socket.write(bytes);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const deadline = setTimeout(() => socket.destroy(new Error(`no close within 30 s; received: ${Buffer.concat(chunks).toString('latin1')}`)), 30_000);
  await once(socket, 'close');
  clearTimeout(deadline);
  return Buffer.concat(chunks).toString('latin1');
}

const statusLines = (raw: string) => raw.match(/HTTP\/1\.1 \d{3} [^\r]*/g) ?? [];

t.test('M-POST is answered 501 when its method arrives split across writes (only `M-PO` so far)', async (t) => {
  t.same(statusLines(await answersTo('M-PO')), ['HTTP/1.1 501 Not Implemented']);
});

t.test('M-POST pipelined after a POST in one write: the POST is answered, then the M-POST 501', async (t) => {
  const post = serialize({ path: '/thincim', headers: HEADERS, body: Buffer.from('<CIM/>') }).toString('latin1').replace('Connection: close\r\n', '');
  t.same(statusLines(await answersTo(`${post}M-POST /thincim HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)), ['HTTP/1.1 400 Bad Request', 'HTTP/1.1 501 Not Implemented']);
});

/**
 * After an error answer the listener half-closes; Node keeps a half-closed connection whose client never
 * closes its side for good. The listener closes it itself after a while (ERROR_LINGER_MS): awaited as an
 * event, with a deadline far past it.
 */
t.test('a client that never closes after an error answer does not keep its connection', async (t) => {
  const accepted = once(listener.server, 'connection') as Promise<[Socket]>;
  const client = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  t.teardown(() => client.destroy());
  const [serverSide] = await accepted;
  client.write('garbage\r\n\r\n');
  const chunks: Buffer[] = [];
  client.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(client, 'end');
  t.match(Buffer.concat(chunks).toString('latin1'), /^HTTP\/1\.1 400 Bad Request\r\n/, 'the error is answered');
  const closed = once(serverSide, 'close');
  const deadline = new Promise((_, reject) => setTimeout(() => reject(new Error('the listener still holds the connection 30 s after its answer')), 30_000).unref());
  await Promise.race([closed, deadline]);
  t.pass('the listener closed the connection its client left half-open');
});

t.test('chunk extensions over Node\'s limit are still answered 413, as Node answers them', async (t) => {
  const chunked = Buffer.concat([
    serialize({ path: '/thincim', headers: [...HEADERS, ['Transfer-Encoding', 'chunked']], contentLength: false }),
    Buffer.from(`1;${'a'.repeat(20_000)}\r\nx\r\n0\r\n\r\n`),
  ]);
  const result = await exchange(port, chunked, 30_000);
  t.equal(result.kind === 'response' && result.response.status, 413);
});

t.test('a request refused by HTTP after an Expect: 100-continue request on the connection waits for that one\'s answer', async (t) => {
  const first = serialize({ path: '/thincim', headers: [...HEADERS, ['Expect', '100-continue']], body: Buffer.from('<CIM/>') }).toString('latin1').replace('Connection: close\r\n', '');
  const raw = await answersTo(`${first}garbage\r\n\r\n`);
  t.same(statusLines(raw), ['HTTP/1.1 100 Continue', 'HTTP/1.1 400 Bad Request', 'HTTP/1.1 400 Bad Request'], 'both answered, in order');
  t.match(raw, /CIMError: [^]*PGErrorDetail: the request is not valid HTTP/, 'the export request\'s answer (CIMError) first, then the refusal');
});
