/**
 * The indication listener's body limit (maxBodyBytes) answers 413 with a
 * message, as the CIM listener does (DSP0200 §7.3: a fault is answered with
 * an HTTP status), instead of cutting the connection without an answer.
 */
import t from 'tap';
import { startListener } from '../../src/indications/listener.js';
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
