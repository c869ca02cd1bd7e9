/**
 * `healthzOpen` (default true) lets a liveness probe GET /healthz without
 * credentials on a listener that requires them. CIM-XML takes POST on every
 * path, /healthz included: the exemption must be the health route's, not the
 * path's, or anyone reaching the HTTPS port could run CIM operations as an
 * anonymous caller (and write, with `anonymousWrite`) by posting to /healthz.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { cimHeaders, imethodBody, instanceNameXml, iparam, p, SIM, startTestBroker } from '../helpers/broker.js';
import { basic, send } from '../helpers/client.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const CIMV2 = 'root/cimv2';
const USERS = { operator: { role: 'admin', password: 'Adm1n-pass' } } as const;

async function secured(t: Test, anonymousWrite: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'thincim-healthz-'));
  const started = await startTestBroker({
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true }],
    authenticator: await testAuthenticator(await writeUsers(dir, USERS)),
    healthzOpen: true,
    anonymousWrite,
  });
  t.teardown(async () => {
    await started.close();
    await rm(dir, { recursive: true });
  });
  return started.url;
}

const enumerate = (url: string, path: string, headers: Record<string, string> = {}) => send(url, {
  path,
  body: imethodBody('EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_NumericSensor')),
  headers: { ...cimHeaders('EnumerateInstanceNames', CIMV2), ...headers },
});

t.test('a CIM operation posted to /healthz needs credentials like on any other path', async (t) => {
  const url = await secured(t, false);
  for (const path of ['/healthz', '/healthz?probe=1', '/cimom']) {
    const reply = await enumerate(url, path);
    t.equal(reply.status, 401, `POST ${path} without credentials`);
    t.match(reply.headers['www-authenticate'], /^Basic realm="thincim"/);
    t.notMatch(reply.text, /INSTANCENAME/, 'and no instance name is given away');
  }
  t.equal((await enumerate(url, '/healthz', { Authorization: basic('operator', USERS.operator.password) })).status, 200, 'with credentials it is served');
});

t.test('GET and HEAD /healthz stay open, with or without a query', async (t) => {
  const url = await secured(t, false);
  for (const [method, path] of [['GET', '/healthz'], ['HEAD', '/healthz'], ['GET', '/healthz?probe=1']] as const) {
    t.equal((await send(url, { method, path })).status, 200, `${method} ${path}`);
  }
});

// A Kubernetes readinessProbe (httpGet, scheme HTTPS) sends no credentials: with /readyz
// behind authentication the pod never became Ready. The probe needs the status code only;
// what the body says about the providers (names, errors, simulated) stays for users.
t.test('GET and HEAD /readyz answer a probe without credentials with the status alone', async (t) => {
  const url = await secured(t, false);
  const anonymous = await send(url, { path: '/readyz' });
  t.equal(anonymous.status, 200, 'ready, without credentials');
  t.same(JSON.parse(anonymous.text), { status: 'ready' }, 'the status and nothing about the providers');
  t.equal((await send(url, { method: 'HEAD', path: '/readyz' })).status, 200, 'HEAD too');
  const user = await send(url, { path: '/readyz', headers: { Authorization: basic('operator', USERS.operator.password) } });
  t.equal(user.status, 200);
  t.match(JSON.parse(user.text), { status: 'ready', simulated: true, providers: [{ name: 'simulated' }] }, 'a user gets the details');
  t.equal((await send(url, { path: '/readyz', headers: { Authorization: basic('operator', 'wrong') } })).status, 401,
    'credentials that are sent are still checked');
  t.equal((await enumerate(url, '/readyz')).status, 401, 'a CIM operation posted to /readyz needs credentials');
});

t.test('with healthzOpen off, /readyz needs credentials like the rest', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'thincim-healthz-'));
  const started = await startTestBroker({
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true }],
    authenticator: await testAuthenticator(await writeUsers(dir, USERS)),
    healthzOpen: false,
  });
  t.teardown(async () => {
    await started.close();
    await rm(dir, { recursive: true });
  });
  t.equal((await send(started.url, { path: '/readyz' })).status, 401);
  t.equal((await send(started.url, { path: '/healthz' })).status, 401);
});

t.test('with anonymousWrite, a write posted to /healthz is still refused without credentials', async (t) => {
  const url = await secured(t, true);
  const sensor = SIM.device('Thincim_NumericSensor', 'cpu1-temp');
  const modify = iparam('ModifiedInstance', `<VALUE.NAMEDINSTANCE>${instanceNameXml('Thincim_NumericSensor', sensor)}` +
    '<INSTANCE CLASSNAME="Thincim_NumericSensor"><PROPERTY NAME="UpperThresholdNonCritical" TYPE="sint32"><VALUE>860</VALUE></PROPERTY></INSTANCE>' +
    '</VALUE.NAMEDINSTANCE>') + p.array('PropertyList', ['UpperThresholdNonCritical']);
  const reply = await send(url, { path: '/healthz', body: imethodBody('ModifyInstance', CIMV2, modify), headers: cimHeaders('ModifyInstance', CIMV2) });
  t.equal(reply.status, 401);
  const threshold = await send(url, {
    path: '/cimom',
    body: imethodBody('GetInstance', CIMV2, p.instanceName('InstanceName', 'Thincim_NumericSensor', sensor) + p.array('PropertyList', ['UpperThresholdNonCritical'])),
    headers: { ...cimHeaders('GetInstance', CIMV2), Authorization: basic('operator', USERS.operator.password) },
  });
  t.match(threshold.text, /<VALUE>850<\/VALUE>/, 'the threshold is unchanged');
});
