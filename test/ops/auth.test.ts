/**
 * Authentication and roles over real sockets: the Basic challenge, wrong and
 * unknown credentials, both roles, writes refused to readonly users, the
 * health and metrics endpoints, the failure limiter (with its clock
 * injected), and no credential in any log line across all of it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { CIMStatus } from '../../src/cim/index.js';
import type { BrokerOptions } from '../../src/server/broker.js';
import { WIDGET_CLASS } from '../../providers/template/widgets.js';
import { instanceNameXml, instancesIn, iparam, p, returned, SIM, startTestBroker } from '../helpers/broker.js';
import { basic, cimCall, cimInvoke, cimPost, send, type SendOptions } from '../helpers/client.js';
import { captureLog, type CapturedLog } from '../helpers/log-capture.js';
import { SLOW_WIDGET, withSlowProvider } from '../helpers/slow-provider.js';
import { testAuthenticator, writeUsers, type TestAuthOptions } from '../helpers/users.js';

const CIMV2 = 'root/cimv2';
const SENSOR = SIM.device('Thincim_NumericSensor', 'cpu1-temp');
const USERS = {
  operator: { role: 'admin', password: 'Adm1n-pass:with colon' },
  viewer: { role: 'readonly', password: 'v13wer-Pässwort' },
} as const;
const WRONG_PASSWORD = 'not-the-password-0xDEADBEEF';
const as = (user: keyof typeof USERS): SendOptions => ({ headers: { Authorization: basic(user, USERS[user].password) } });

/**
 * Everything a log line must never contain: the passwords tried, in clear
 * and as they travel (the Authorization header values).
 */
const SECRETS = [
  ...Object.entries(USERS).flatMap(([user, { password }]) => [password, basic(user, password), basic(user, password).slice('Basic '.length)]),
  WRONG_PASSWORD, basic('viewer', WRONG_PASSWORD).slice('Basic '.length), basic('nobody', WRONG_PASSWORD).slice('Basic '.length),
];

/** A broker whose only listener requires authentication; its log is captured. */
async function secured(t: Test, options: Partial<BrokerOptions> & { auth?: TestAuthOptions } = {}): Promise<{ url: string; log: CapturedLog }> {
  const { auth, ...brokerOptions } = options;
  const log = captureLog();
  // Its own folder: a test may start two of these, and t.testdir() is one folder per test.
  const dir = await mkdtemp(join(tmpdir(), 'thincim-auth-'));
  const started = await startTestBroker({
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true }],
    authenticator: await testAuthenticator(await writeUsers(dir, USERS), auth),
    logger: log.logger,
    ...await withSlowProvider({ callMs: 0 }),
    ...brokerOptions,
  });
  t.teardown(async () => {
    await started.close();
    await rm(dir, { recursive: true });
  });
  logs.push(log);
  return { url: started.url, log };
}

/** The logs of every broker of this file, checked for secrets by the last test. */
const logs: CapturedLog[] = [];

const requestLines = (lines: Record<string, unknown>[]) => lines.filter((l) => l['msg'] === 'request');

const enumerate = (url: string, options: SendOptions = {}) =>
  cimPost(url, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_NumericSensor'), options);

t.test('401 with the Basic challenge: no credentials, wrong password, unknown user, malformed header', async (t) => {
  const { url, log } = await secured(t);
  const cases: [string, SendOptions][] = [
    ['no credentials', {}],
    ['a wrong password', { headers: { Authorization: basic('viewer', WRONG_PASSWORD) } }],
    ['an unknown user', { headers: { Authorization: basic('nobody', WRONG_PASSWORD) } }],
    ['the user name without its password', { headers: { Authorization: basic('viewer', '') } }],
    ['another scheme', { headers: { Authorization: 'Bearer abc.def' } }],
    ['base64 that is not user:password', { headers: { Authorization: `Basic ${Buffer.from('viewer').toString('base64')}` } }],
  ];
  for (const [label, options] of cases) {
    const reply = await enumerate(url, options);
    t.equal(reply.status, 401, label);
    t.match(reply.headers['www-authenticate'], /^Basic realm="thincim"/, `${label}: challenge`);
    t.equal(reply.text, '', `${label}: nothing more is said`);
  }
  const failures = log.lines().filter((l) => l['msg'] === 'authentication failed');
  t.equal(failures.length, cases.length, 'each refusal is logged');
  t.match(failures[1], { level: 40, reason: /wrong user name or password \(user "viewer"\)/ }, 'with the reason, at warn when credentials came');
  t.match(failures[0], { level: 20, reason: 'no credentials' }, 'the first leg of Basic only at debug');
});

t.test('the right credentials: 200 for both roles, the user in the request log', async (t) => {
  const { url, log } = await secured(t);
  for (const user of ['operator', 'viewer'] as const) {
    const reply = await enumerate(url, as(user));
    t.equal(reply.status, 200, user);
    t.ok(returned((await cimCall(url, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'), as(user))).response).length > 0);
  }
  const lines = await log.linesWhen((all) => requestLines(all).length >= 4);
  t.same(requestLines(lines).map((l) => [l['user'], l['status'], l['cimStatus']]),
    [['operator', 200, 0], ['operator', 200, 0], ['viewer', 200, 0], ['viewer', 200, 0]]);
});

const modifiedSensor = iparam('ModifiedInstance', `<VALUE.NAMEDINSTANCE>${instanceNameXml('Thincim_NumericSensor', SENSOR)}` +
  '<INSTANCE CLASSNAME="Thincim_NumericSensor"><PROPERTY NAME="UpperThresholdNonCritical" TYPE="sint32"><VALUE>860</VALUE></PROPERTY></INSTANCE>' +
  `</VALUE.NAMEDINSTANCE>`) + p.array('PropertyList', ['UpperThresholdNonCritical']);

/** Every intrinsic write, with a body that decodes; ModifyInstance first. */
const WRITES: [[string, string], ...[string, string][]] = [
  ['ModifyInstance', modifiedSensor],
  ['SetProperty', p.instanceName('InstanceName', 'Thincim_NumericSensor', SENSOR) + p.value('PropertyName', 'UpperThresholdNonCritical') + p.value('NewValue', 860)],
  ['CreateInstance', iparam('NewInstance', `<INSTANCE CLASSNAME="${WIDGET_CLASS}"><PROPERTY NAME="InstanceID" TYPE="string"><VALUE>x</VALUE></PROPERTY></INSTANCE>`)],
  ['DeleteInstance', p.instanceName('InstanceName', WIDGET_CLASS, SLOW_WIDGET)],
  ['CreateClass', iparam('NewClass', '<CLASS NAME="ACME_New" SUPERCLASS="CIM_ManagedElement"></CLASS>')],
  ['ModifyClass', iparam('ModifiedClass', `<CLASS NAME="${WIDGET_CLASS}" SUPERCLASS="CIM_ManagedElement"></CLASS>`)],
  ['DeleteClass', p.className('ClassName', WIDGET_CLASS)],
  ['SetQualifier', iparam('QualifierDeclaration', '<QUALIFIER.DECLARATION NAME="ACME_Flag" TYPE="boolean"><SCOPE CLASS="true"/></QUALIFIER.DECLARATION>')],
  ['DeleteQualifier', p.value('QualifierName', 'Description')],
];

t.test('roles: a readonly user reads but every write and every method but GetCentralInstances is CIM_ERR_ACCESS_DENIED; an admin gets through', async (t) => {
  const { url, log } = await secured(t);
  const threshold = async () => instancesIn((await cimCall(url, 'GetInstance', CIMV2,
    p.instanceName('InstanceName', 'Thincim_NumericSensor', SENSOR) + p.array('PropertyList', ['UpperThresholdNonCritical']), as('viewer'))).response)[0]
    ?.get('UpperThresholdNonCritical');
  t.equal(await threshold(), 850, 'the threshold before: 85.0 °C');
  const [modify] = WRITES;
  t.equal((await cimCall(url, modify[0], CIMV2, modify[1], as('viewer'))).response.error?.code, CIMStatus.ACCESS_DENIED);
  t.equal(await threshold(), 850, 'the readonly user\'s ModifyInstance changed nothing');
  t.equal((await cimCall(url, modify[0], CIMV2, modify[1], as('operator'))).response.error, undefined, 'the admin\'s is done');
  let changed = await threshold();
  for (let attempt = 0; attempt < 100 && changed !== 860; attempt++) changed = await threshold(); // the provider is sampled again in the background
  t.equal(changed, 860, 'and the new threshold is served');

  for (const [name, params] of WRITES) {
    const denied = await cimCall(url, name, CIMV2, params, as('viewer'));
    t.equal(denied.status, 200, `${name}: an operation error travels as HTTP 200`);
    t.equal(denied.response.error?.code, CIMStatus.ACCESS_DENIED, `${name} refused to the readonly user`);
    t.match(denied.response.error?.message, /user viewer has the readonly role; .* needs the admin role/);
    const admin = await cimCall(url, name, CIMV2, params, as('operator'));
    t.not(admin.response.error?.code, CIMStatus.ACCESS_DENIED, `${name} reaches the operation for the admin (${admin.response.error?.toString() ?? 'done'})`);
  }
  const reset = (user: keyof typeof USERS) => cimInvoke(url, 'Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET, as(user));
  t.equal((await reset('viewer')).response.error?.code, CIMStatus.ACCESS_DENIED, 'InvokeMethod refused to the readonly user');
  const central = await cimInvoke(url, 'GetCentralInstances', 'root/interop', 'Thincim_RegisteredProfile', SIM.profile('DSP1004'), as('viewer'));
  t.match(central.response, { error: undefined, returnValue: { value: { text: '0' } } }, 'but for GetCentralInstances, a query the broker answers');
  t.match((await reset('operator')).response, { error: undefined, returnValue: { value: { text: '0' } } }, 'and run for the admin');
  t.ok(returned((await cimCall(url, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'Thincim_NumericSensor', SENSOR), as('viewer'))).response).length === 1,
    'reads stay open to the readonly user');

  const denied = (lines: Record<string, unknown>[]) => requestLines(lines).filter((l) => l['cimStatus'] === CIMStatus.ACCESS_DENIED);
  const denials = denied(await log.linesWhen((lines) => denied(lines).length >= WRITES.length + 2));
  t.equal(denials.length, WRITES.length + 2, 'each refusal is in the request log with its CIM status');
  t.ok(denials.every((l) => l['user'] === 'viewer'));
});

t.test('health and metrics follow the listener\'s authentication; the probes open with healthzOpen', async (t) => {
  const open = await secured(t, { healthzOpen: true });
  t.equal((await send(open.url, { path: '/healthz' })).status, 200, '/healthz open');
  t.same(JSON.parse((await send(open.url, { path: '/readyz' })).text), { status: 'ready' }, '/readyz open, its status alone');
  const refused = await send(open.url, { path: '/metrics' });
  t.equal(refused.status, 401, '/metrics without credentials');
  t.match(refused.headers['www-authenticate'], /^Basic realm="thincim"/);
  t.equal((await send(open.url, { path: '/metrics', ...as('viewer') })).status, 200, '/metrics for a readonly user');

  const closed = await secured(t, { healthzOpen: false });
  for (const path of ['/healthz', '/readyz']) {
    t.equal((await send(closed.url, { path })).status, 401, `${path} closed without healthzOpen`);
    t.equal((await send(closed.url, { path, ...as('viewer') })).status, 200);
  }
});

/** A broker with an authenticated listener and one that serves anonymous callers (the loopback exemption). */
async function exempt(t: Test, options: Partial<BrokerOptions> = {}): Promise<{ secure: string; plain: string; log: CapturedLog }> {
  const log = captureLog();
  logs.push(log);
  const dir = await mkdtemp(join(tmpdir(), 'thincim-auth-'));
  const started = await startTestBroker({
    listeners: [
      { protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true },
      { protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: false },
    ],
    authenticator: await testAuthenticator(await writeUsers(dir, USERS)),
    logger: log.logger,
    ...await withSlowProvider({ callMs: 0 }),
    ...options,
  });
  t.teardown(async () => {
    await started.close();
    await rm(dir, { recursive: true });
  });
  const [secure, plain] = started.broker.urls as [string, string];
  return { secure, plain, log };
}

t.test('an unauthenticated listener beside an authenticated one answers without credentials, but checks those sent', async (t) => {
  const { secure, plain, log } = await exempt(t);
  t.equal((await enumerate(secure)).status, 401);
  t.equal((await enumerate(plain)).status, 200);
  const wrong = await enumerate(plain, { headers: { Authorization: basic('viewer', WRONG_PASSWORD) } });
  t.equal(wrong.status, 401, 'wrong credentials are refused, not ignored');
  t.equal((await enumerate(plain, as('viewer'))).status, 200);
  const lines = requestLines(await log.linesWhen((all) => requestLines(all).length >= 4));
  t.same(lines.map((l) => [l['status'], l['user']]), [[401, undefined], [200, undefined], [401, undefined], [200, 'viewer']],
    'the anonymous caller is nobody in the log; a user is named');
});

t.test('anonymous callers may only read: every write and every method but GetCentralInstances is CIM_ERR_ACCESS_DENIED, and a readonly user stays readonly', async (t) => {
  const { plain } = await exempt(t);
  t.ok(returned((await cimCall(plain, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'Thincim_NumericSensor', SENSOR))).response).length === 1,
    'reads are open');
  t.ok(returned((await cimCall(plain, 'OpenEnumerateInstances', CIMV2, p.className('ClassName', 'CIM_Fan'))).response), 'pulls too');
  for (const [name, params] of WRITES) {
    const denied = await cimCall(plain, name, CIMV2, params);
    t.equal(denied.response.error?.code, CIMStatus.ACCESS_DENIED, `${name} refused to an anonymous caller`);
    t.match(denied.response.error?.message, /needs an authenticated admin; anonymous callers may only read/);
    t.equal((await cimCall(plain, name, CIMV2, params, as('viewer'))).response.error?.code, CIMStatus.ACCESS_DENIED,
      `${name}: the readonly user's credentials do not become admin rights where anonymous reading is allowed`);
  }
  const reset = (options: SendOptions = {}) => cimInvoke(plain, 'Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET, options);
  t.equal((await reset()).response.error?.code, CIMStatus.ACCESS_DENIED, 'InvokeMethod refused to an anonymous caller');
  t.equal((await reset(as('viewer'))).response.error?.code, CIMStatus.ACCESS_DENIED);
  t.match((await reset(as('operator'))).response, { error: undefined, returnValue: { value: { text: '0' } } }, 'an admin sends credentials and gets through');
  const [modify] = WRITES;
  t.equal((await cimCall(plain, modify[0], CIMV2, modify[1], as('operator'))).response.error, undefined, 'ModifyInstance too');
});

t.test('anonymousWrite: the operator\'s explicit choice lets anonymous callers write', async (t) => {
  const { plain } = await exempt(t, { anonymousWrite: true });
  t.match((await cimInvoke(plain, 'Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET)).response, { error: undefined, returnValue: { value: { text: '0' } } });
  const [modify] = WRITES;
  t.equal((await cimCall(plain, modify[0], CIMV2, modify[1])).response.error, undefined);
  t.equal((await cimCall(plain, modify[0], CIMV2, modify[1], as('viewer'))).response.error?.code, CIMStatus.ACCESS_DENIED,
    'a readonly user who says who they are is still readonly');
});

t.test('repeated failures from one address: 429 with Retry-After for new password checks until the window passes', async (t) => {
  let clock = 1_000_000;
  const { url, log } = await secured(t, { auth: { maxFailures: 3, windowMs: 60_000, now: () => clock } });

  for (let i = 0; i < 5; i++) t.equal((await enumerate(url)).status, 401, 'requests without credentials are not failures');
  t.equal((await enumerate(url, as('viewer'))).status, 200, 'so the right password still works');

  const wrong = { headers: { Authorization: basic('viewer', WRONG_PASSWORD) } };
  for (let i = 0; i < 3; i++) {
    t.equal((await enumerate(url, wrong)).status, 401, `failure ${i + 1}`);
    clock += 1000;
  }
  const limited = await enumerate(url, as('operator'));
  t.equal(limited.status, 429, 'the fourth password check is refused, right password or not');
  t.equal(limited.headers['retry-after'], '57', 'until the first failure leaves the minute');
  t.equal(limited.text, '');
  t.equal((await send(url, { path: '/metrics', ...as('operator') })).status, 429, 'on every path that needs authentication');
  t.equal((await enumerate(url, as('viewer'))).status, 200, 'a login verified a moment ago is never refused for failures');

  clock += 30_000;
  t.equal((await enumerate(url, as('operator'))).headers['retry-after'], '27', 'Retry-After counts down');
  clock += 27_001;
  t.equal((await enumerate(url, as('operator'))).status, 200, 'the oldest failure left the window: allowed again');
  t.equal((await enumerate(url, wrong)).status, 401);
  t.equal((await enumerate(url, { headers: { Authorization: basic('nobody', WRONG_PASSWORD) } })).status, 429,
    'the two later failures still count, with the new one');
  t.ok(log.lines().some((l) => l['reason'] === 'too many failed logins from this address or for this user name'), 'the refusal is logged with its reason');
});

t.test('parallel guesses cannot outrun the limit: each is counted before its password check', async (t) => {
  const { url } = await secured(t, { auth: { maxFailures: 5 } });
  const replies = await Promise.all(Array.from({ length: 60 }, (_, i) =>
    enumerate(url, { headers: { Authorization: basic('operator', `guess-${i}`) } })));
  const statuses = replies.map((r) => r.status);
  t.equal(statuses.filter((s) => s === 401).length, 5, 'five password checks ran');
  t.ok(statuses.every((s) => s === 401 || s === 429 || s === 503), `the others were refused (${[...new Set(statuses)].join(', ')})`);
  t.equal((await enumerate(url, as('operator'))).status, 429, 'and the address is locked for new checks');
});

t.test('no lock-out of others: failures are kept per address and per user name', async (t) => {
  const { url } = await secured(t, { auth: { maxFailures: 3 } });
  t.equal((await enumerate(url, { ...as('viewer'), localAddress: '127.0.0.1' })).status, 200, 'the viewer logs in');
  for (let i = 0; i < 3; i++) await enumerate(url, { headers: { Authorization: basic('operator', `guess-${i}`) }, localAddress: '127.0.0.2' });
  t.equal((await enumerate(url, { ...as('operator'), localAddress: '127.0.0.2' })).status, 429, 'the guessing address is locked');
  t.equal((await enumerate(url, { ...as('viewer'), localAddress: '127.0.0.2' })).status, 200, 'but not a login verified a moment ago, even from there');
  t.equal((await enumerate(url, { ...as('operator'), localAddress: '127.0.0.3' })).status, 429, 'the name guessed at is locked from everywhere');
  t.equal((await enumerate(url, { ...as('viewer'), localAddress: '127.0.0.3' })).status, 200, 'other names from other addresses are not');
});

t.test('guesses at a name from elsewhere do not lock out a client that logged in from its address (the users\' cache off)', async (t) => {
  const { url } = await secured(t, { auth: { maxFailures: 3, cacheTtlMs: 0 } });
  const from = (address: string, options: SendOptions): SendOptions => ({ ...options, localAddress: address });
  t.equal((await enumerate(url, from('127.0.0.1', as('viewer')))).status, 200, 'the monitoring client logs in');
  for (const address of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
    t.equal((await enumerate(url, from(address, { headers: { Authorization: basic('viewer', WRONG_PASSWORD) } }))).status, 401);
  }
  t.equal((await enumerate(url, from('127.0.0.5', as('viewer')))).status, 429, 'the name is locked for addresses it never logged in from');
  for (let i = 0; i < 5; i++) t.equal((await enumerate(url, from('127.0.0.1', as('viewer')))).status, 200, `the known client still gets in (${i + 1})`);
  for (let i = 0; i < 3; i++) await enumerate(url, from('127.0.0.1', { headers: { Authorization: basic('viewer', WRONG_PASSWORD) } }));
  t.equal((await enumerate(url, from('127.0.0.1', as('viewer')))).status, 429, 'its own address still has its limit');
});

t.test('no password and no Authorization header in any log line of the tests above', async (t) => {
  const text = logs.map((log) => log.text()).join('');
  const lines = logs.flatMap((log) => log.lines());
  t.ok(lines.filter((l) => l['msg'] === 'request').length > 50, 'the request lines were captured');
  t.ok(lines.some((l) => l['msg'] === 'authentication failed' && l['level'] === 40), 'and the failures, at warn');
  for (const secret of SECRETS) t.notOk(text.includes(secret), `no line holds ${JSON.stringify(secret)}`);
  t.notOk(/authorization/i.test(text), 'no line names the Authorization header');
});
