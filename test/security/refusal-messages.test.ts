/**
 * Requests refused below fastify (Node's HTTP parser, the connection and
 * first-request limits) say why, as the CIM route's faults do: in a plain-text
 * body and in PGErrorDetail, which the SBLIM Java client, OpenPegasus's client
 * and pywbem show (they read no body of an HTTP error). They were answered
 * with an empty body: a client over limits.headerBytes could not tell which
 * limit, or that it was one.
 */
import { connect, type Socket } from 'node:net';
import t from 'tap';
import type { Test } from 'tap';
import type { BrokerOptions } from '../../src/server/broker.js';
import { cimHeaders, imethodBody, p, startTestBroker, TEST_LIMITS } from '../helpers/broker.js';
import { exchange, parseResponse, serialize, type ParsedResponse } from '../helpers/raw-http.js';

const WAIT_MS = 30_000;
const BODY = Buffer.from(imethodBody('EnumerateInstanceNames', 'root/cimv2', p.className('ClassName', 'CIM_Fan')));
const HEADERS = Object.entries(cimHeaders('EnumerateInstanceNames', 'root/cimv2'));

async function broker(t: Test, limits: Partial<BrokerOptions['limits']>): Promise<number> {
  const started = await startTestBroker({ limits: { ...TEST_LIMITS, ...limits } });
  t.teardown(() => started.close());
  return Number(new URL(started.url).port);
}

async function answer(port: number, bytes: Buffer): Promise<ParsedResponse> {
  const result = await exchange(port, bytes, WAIT_MS);
  if (result.kind !== 'response') throw new Error(`no answer: ${result.kind}`);
  return result.response;
}

function says(t: Test, response: ParsedResponse, status: number, reason: RegExp): void {
  t.equal(response.status, status);
  t.match(response.body.toString(), reason, 'the reason in the body');
  t.match(response.headers.get('pgerrordetail')?.join(), reason, 'and in PGErrorDetail');
  t.match(response.headers.get('content-type')?.join(), /^text\/plain/);
}

t.test('431 names limits.headerBytes and its value', async (t) => {
  const port = await broker(t, { headerBytes: 4096 });
  says(t, await answer(port, serialize({ headers: [...HEADERS, ['X-Padding', 'a'.repeat(5000)]], body: BODY })), 431, /limits\.headerBytes \(4096 bytes\)/);
});

t.test('M-POST gets 501 saying to send POST; a malformed request 400 with the parser\'s reason', async (t) => {
  const port = await broker(t, {});
  says(t, await answer(port, serialize({ method: 'M-POST', headers: HEADERS, body: BODY })), 501, /M-POST is not supported: send the request with POST/);
  says(t, await answer(port, serialize({ headers: [...HEADERS, ['Content-Length', '7']], body: BODY })), 400, /not valid HTTP\/1\.1: Duplicate Content-Length/);
  says(t, await answer(port, serialize({ headers: [...HEADERS, ['X-Bad', Buffer.from('a\u0001b', 'latin1')]], body: BODY })), 400, /not valid HTTP\/1\.1: Invalid header value char/);
});

/** A connection that sends nothing; what the server sends it, once it closes. */
function idle(port: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket: Socket = connect({ host: '127.0.0.1', port });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

t.test('408 of a connection that sends no request names limits.firstRequestTimeoutMs', async (t) => {
  const port = await broker(t, { firstRequestTimeoutMs: 200 });
  const response = parseResponse(await idle(port), true);
  if (!response) return t.fail('an answer before the close');
  says(t, response, 408, /limits\.firstRequestTimeoutMs/);
});

t.test('503 of a connection past limits.connectionsPerAddress names the limits', async (t) => {
  const port = await broker(t, { connections: 8, connectionsPerAddress: 1, firstRequestTimeoutMs: WAIT_MS });
  const holder = connect({ host: '127.0.0.1', port });
  holder.on('error', () => {});
  t.teardown(() => holder.destroy());
  await new Promise((resolve) => holder.once('connect', resolve));
  const response = parseResponse(await idle(port), true);
  if (!response) return t.fail('an answer before the close');
  says(t, response, 503, /limits\.connections, limits\.connectionsPerAddress/);
  t.equal(response.headers.get('retry-after')?.join(), '1');
});
