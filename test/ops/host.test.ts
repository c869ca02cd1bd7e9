/**
 * The Host header check (DNS rebinding) over real sockets: a page that
 * rebinds its name to 127.0.0.1 makes the browser send that name in Host,
 * and gets 421 before authentication or any operation on a listener that
 * serves anonymous callers; the names a local client really uses pass, with
 * or without port.
 */
import { hostname, networkInterfaces } from 'node:os';
import t from 'tap';
import type { Test } from 'tap';
import type { BrokerOptions } from '../../src/server/broker.js';
import { cimHeaders, imethodBody, p, post, startTestBroker } from '../helpers/broker.js';
import { basic } from '../helpers/client.js';
import { captureLog } from '../helpers/log-capture.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const CIMV2 = 'root/cimv2';
const BODY = imethodBody('EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'));

async function broker(t: Test, options: Partial<BrokerOptions> = {}) {
  const log = captureLog();
  const started = await startTestBroker({ logger: log.logger, ...options });
  t.teardown(() => started.close());
  return { url: started.url, port: new URL(started.url).port, log };
}

const withHost = (url: string, host: string, path = '/cimom') =>
  post(url, BODY, { ...cimHeaders('EnumerateInstanceNames', CIMV2), Host: host }, path);

/** Every address of this machine's interfaces, as a Host header names it. */
const interfaceHosts = (port: string) => Object.values(networkInterfaces()).flatMap((list) => list ?? [])
  .map((i) => (i.family === 'IPv6' ? `[${i.address.replace(/%.*$/, '')}]:${port}` : `${i.address}:${port}`));

t.test('a loopback listener: its own names pass, with or without port; another name gets 421 before any operation', async (t) => {
  const { url, port, log } = await broker(t);
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', 'LOCALHOST.', `[::1]:${port}`, `${hostname()}:${port}`]) {
    t.equal((await withHost(url, host)).status, 200, host);
  }
  for (const host of [`rebind.attacker.example:${port}`, 'rebind.attacker.example', `127.0.0.1.nip.io:${port}`]) {
    const refused = await withHost(url, host);
    t.equal(refused.status, 421, JSON.stringify(host));
    t.match(refused.text, /is not a name of this server; an operator can add it to allowedHosts/);
  }
  t.equal((await withHost(url, 'rebind.attacker.example', '/healthz')).status, 421, 'health too');
  const lines = log.lines().filter((l) => l['msg'] === 'request');
  t.notOk(lines.some((l) => l['status'] === 421 && l['operation'] !== undefined), 'no operation ran for a refused Host');
});

t.test('a listener on every interface: every local interface address passes', async (t) => {
  const { url, port } = await broker(t, { listeners: [{ protocol: 'http', host: '0.0.0.0', port: 0, requireAuth: false }] });
  const local = `http://127.0.0.1:${port}`;
  t.ok(url);
  for (const host of interfaceHosts(port)) t.equal((await withHost(local, host)).status, 200, host);
  t.equal((await withHost(local, `evil.example:${port}`)).status, 421);
});

t.test('where every request authenticates, any name may be used (a rebinding page gets 401 like any stranger)', async (t) => {
  const { url } = await broker(t, {
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true }],
    authenticator: await testAuthenticator(await writeUsers(t.testdir(), { ops: { role: 'admin', password: 'ops-Pa55' } })),
  });
  t.equal((await withHost(url, 'server01.example.com')).status, 401);
  const signed = await post(url, BODY, { ...cimHeaders('EnumerateInstanceNames', CIMV2), Host: 'server01.example.com', Authorization: basic('ops', 'ops-Pa55') });
  t.equal(signed.status, 200);
});

t.test('allowedHosts adds names; `*` turns the check off', async (t) => {
  const named = await broker(t, { allowedHosts: ['cim.example.com', 'Other.Example.'] });
  t.equal((await withHost(named.url, `cim.example.com:${named.port}`)).status, 200);
  t.equal((await withHost(named.url, 'other.example')).status, 200, 'without case or final dot');
  t.equal((await withHost(named.url, 'evil.example')).status, 421);
  const any = await broker(t, { allowedHosts: ['*'] });
  t.equal((await withHost(any.url, 'evil.example')).status, 200);
});
