/**
 * RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code
 * to any HTTP/1.1 request message that lacks a Host header field and to any
 * that contains more than one Host header field line or a Host header field
 * with an invalid field value." Node's parser refuses a missing Host but keeps
 * the first of several; the Host check (DNS rebinding) then judged one name
 * while a proxy before the agent may have routed by another.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { cimHeaders, imethodBody, p, startTestBroker } from '../helpers/broker.js';
import { exchange } from '../helpers/raw-http.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const BODY = imethodBody('EnumerateInstanceNames', 'root/cimv2', p.className('ClassName', 'CIM_Fan'));
const CIM_HEADERS = Object.entries(cimHeaders('EnumerateInstanceNames', 'root/cimv2')).map(([name, value]) => `${name}: ${value}\r\n`).join('');

/** A request with these Host lines, in order (the raw-http helper writes one of its own). */
const request = (hosts: readonly string[], method = 'POST', path = '/cimom') => Buffer.from(
  `${method} ${path} HTTP/1.1\r\n${hosts.map((h) => `Host: ${h}\r\n`).join('')}Connection: close\r\n` +
  (method === 'POST' ? `${CIM_HEADERS}Content-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}` : '\r\n'), 'latin1');

async function status(port: number, bytes: Buffer): Promise<{ status: number; body: string }> {
  const result = await exchange(port, bytes, 30_000);
  if (result.kind !== 'response') throw new Error(`no answer: ${result.kind}`);
  return { status: result.response.status, body: result.response.body.toString() };
}

for (const requireAuth of [false, true]) {
  t.test(`${requireAuth ? 'an authenticating' : 'an anonymous'} listener answers 400 to more than one Host line`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'thincim-host-'));
    const authenticator = await testAuthenticator(await writeUsers(dir, { viewer: { role: 'readonly', password: 'V1ewer-pass' } }));
    const started = await startTestBroker({ listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth }], authenticator });
    t.teardown(async () => {
      await started.close();
      await rm(dir, { recursive: true });
    });
    const port = Number(new URL(started.url).port);
    for (const hosts of [['127.0.0.1', 'evil.example'], ['evil.example', '127.0.0.1'], ['127.0.0.1', '127.0.0.1']]) {
      const answer = await status(port, request(hosts));
      t.equal(answer.status, 400, `Host lines ${hosts.join(', ')}`);
      t.match(answer.body, /more than one Host/);
      t.equal((await status(port, request(hosts, 'GET', '/healthz'))).status, 400, `GET /healthz with Host lines ${hosts.join(', ')}`);
    }
    t.equal((await status(port, request(['127.0.0.1']))).status, requireAuth ? 401 : 200, 'one Host line passes to the next check');
  });
}
