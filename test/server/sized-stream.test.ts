/**
 * Large answers to clients that take no trailers (pywbem, wbemcli): when
 * encoded afresh (past the encode cache's budget), they are measured first
 * and streamed with their Content-Length, a piece at a time as the client
 * reads, instead of being gathered whole. What the client sees
 * must be what a buffered answer was: the same status, headers and bytes.
 * Over real HTTP against a broker with hundreds of sensors, with and without
 * an encode cache to measure from.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import type { Test } from 'tap';
import { decodeResponse } from '../../src/cimxml/index.js';
import { TEST_LIMITS, cimHeaders, imethodBody, p, post, returned, startTestBroker, type RawResponse } from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';
const SENSORS = 600;
const sensors = p.className('ClassName', 'CIM_NumericSensor');
const ENUMERATE = imethodBody('EnumerateInstances', CIMV2, sensors);
const NAMES = imethodBody('EnumerateInstanceNames', CIMV2, sensors);
const OPEN = imethodBody('OpenEnumerateInstances', CIMV2, `${sensors}<IPARAMVALUE NAME="MaxObjectCount"><VALUE>${SENSORS}</VALUE></IPARAMVALUE>`);

const call = (url: string, body: string, te?: string) =>
  post(url, body, { ...cimHeaders(/NAME="(\w+)"/.exec(body)![1]!, CIMV2), ...(te ? { TE: te } : {}) });

function isSized(t: Test, res: RawResponse, label: string): void {
  t.equal(res.status, 200, `${label}: HTTP 200`);
  t.notOk(res.headers['transfer-encoding'], `${label}: not chunked`);
  t.equal(res.headers['content-length'], String(Buffer.byteLength(res.text)), `${label}: Content-Length is the body's`);
  t.equal(res.headers['cimoperation'], 'MethodResponse', `${label}: CIMOperation`);
  t.same(res.trailers, {}, `${label}: no trailers`);
}

for (const encodeCacheBytes of [0, 16 * 1024 * 1024]) {
  // Nothing cached: streamed as it is encoded. Everything cached: gathered from the cache's bytes.
  t.test(`encode cache of ${encodeCacheBytes} bytes: large answers carry their Content-Length, byte for byte the chunked answer`, async (t) => {
    const broker = await startTestBroker({ simulated: { sensors: SENSORS }, limits: { ...TEST_LIMITS, encodeCacheBytes } });
    t.teardown(() => broker.close());
    for (const [name, body] of [['EnumerateInstances', ENUMERATE], ['EnumerateInstanceNames', NAMES], ['OpenEnumerateInstances', OPEN]] as const) {
      const chunked = await call(broker.url, body, 'trailers');
      t.equal(chunked.headers['transfer-encoding'], 'chunked', `${name}: large enough to stream`);
      const items = returned(decodeResponse(chunked.text)).length;
      t.equal(items, SENSORS, `${name}: every sensor`);
      for (const round of [1, 2]) {
        const sized = await call(broker.url, body);
        isSized(t, sized, `${name}, round ${round}`);
        t.ok(sized.text === chunked.text, `${name}, round ${round}: the same ${Buffer.byteLength(sized.text)} bytes as the chunked answer`);
      }
    }
  });
}

t.test('a client that reads slowly gets the whole answer, and others are answered meanwhile', async (t) => {
  const broker = await startTestBroker({ simulated: { sensors: SENSORS }, limits: { ...TEST_LIMITS, encodeCacheBytes: 0 } });
  t.teardown(() => broker.close());
  const url = new URL('/cimom', broker.url);
  const slow = new Promise<{ length: string | undefined; body: Buffer }>((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...cimHeaders('EnumerateInstances', CIMV2), 'Content-Length': Buffer.byteLength(ENUMERATE) } }, (res) => {
      const chunks: Buffer[] = [];
      res.pause();
      setTimeout(() => res.resume(), 500);
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ length: res.headers['content-length'], body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(ENUMERATE);
  });
  const other = await call(broker.url, imethodBody('EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_Fan')));
  t.equal(other.status, 200, 'another client is answered while the slow one has not read');
  const { length, body } = await slow;
  t.equal(length, String(body.length), 'the slow client got every byte announced');
  t.equal(returned(decodeResponse(body.toString('utf8'))).length, SENSORS, 'a whole document');
});

t.test('a client that goes away in the middle of a sized answer leaves the server serving', async (t) => {
  const broker = await startTestBroker({ simulated: { sensors: SENSORS }, limits: { ...TEST_LIMITS, encodeCacheBytes: 0 } });
  t.teardown(() => broker.close());
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest(new URL('/cimom', broker.url), {
      method: 'POST', headers: { ...cimHeaders('EnumerateInstances', CIMV2), 'Content-Length': Buffer.byteLength(ENUMERATE) },
    }, (res) => {
      t.ok(Number(res.headers['content-length']) > 1024 * 1024, 'a large answer with its Content-Length');
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
    req.end(ENUMERATE);
  });
  const next = await call(broker.url, ENUMERATE);
  isSized(t, next, 'the next request');
  t.equal(returned(decodeResponse(next.text)).length, SENSORS, 'answered whole');
});

t.test('a sized answer is written as the client reads it, not gathered before its first byte', async (t) => {
  // 2,500 sensors, nothing cached: an answer of ~14 MB encoded afresh. A
  // client that reads nothing must hold the server to a socket buffer's
  // worth of it; gathered whole, it would sit in the server's memory.
  const broker = await startTestBroker({ simulated: { sensors: 2500 }, limits: { ...TEST_LIMITS, encodeCacheBytes: 0 } });
  t.teardown(() => broker.close());
  const length = Buffer.byteLength((await call(broker.url, ENUMERATE)).text);
  t.ok(length > 8 * 1024 * 1024, `a large answer: ${length} bytes`);
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // Buffers alive, not garbage of earlier answers: collected, then given back over a few hundred milliseconds.
  const held = async () => {
    let last = -Infinity;
    for (let same = 0; same < 5; await sleep(100)) {
      gc();
      const now = process.memoryUsage().arrayBuffers;
      same = Math.abs(now - last) < 64 * 1024 ? same + 1 : 0;
      last = now;
    }
    return last;
  };
  const before = await held();
  const head = Object.entries({ ...cimHeaders('EnumerateInstances', CIMV2), 'Content-Length': String(Buffer.byteLength(ENUMERATE)) })
    .map(([name, value]) => `${name}: ${value}\r\n`).join('');
  const socket = connect(Number(new URL(broker.url).port), '127.0.0.1');
  t.teardown(() => socket.destroy());
  socket.pause(); // reads nothing
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.write(`POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${head}\r\n${ENUMERATE}`);
  const last = await held();
  t.ok(last - before < length / 4, `while the client read nothing, the server held ${last - before} bytes of buffers for its ${length}`);
  const ended = new Promise((resolve) => socket.once('end', resolve));
  socket.resume();
  await ended;
  const response = Buffer.concat(received).toString('utf8');
  const body = response.slice(response.indexOf('\r\n\r\n') + 4);
  t.match(response, new RegExp(`\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`, 'i'), 'then the whole answer, as long as announced');
  t.equal(returned(decodeResponse(body)).length, 2500, 'every sensor');
});
