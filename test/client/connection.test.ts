import t from 'tap';
import { join } from 'node:path';
import { CIMError, CIMInstanceName, CIMStatus } from '../../src/cim/index.js';
import {
  AuthError, ConnectionError, HTTPError, ParseError, TimeoutError, WBEMConnection, type RawReply,
} from '../../src/client/index.js';
import { Authenticator, AuthFailureLimiter, setUser, UserStore } from '../../src/security/index.js';
import { SIM, startTestBroker } from '../helpers/broker.js';
import { FAST_SCRYPT } from '../security/helpers.js';
import { imethodResponse, messageId, sendCim, startProxy, startServer } from './servers.js';

const broker = await startTestBroker();
t.teardown(() => broker.close());

const fan1 = new CIMInstanceName({ classname: 'OMC_Fan', keybindings: SIM.device('OMC_Fan', 'fan1') });
const keysOf = (paths: readonly (CIMInstanceName | undefined)[]): string[] => paths.map((p) => p!.key).sort();

function connect(url = broker.url, replies?: RawReply[], extra: ConstructorParameters<typeof WBEMConnection>[1] = {}): WBEMConnection {
  const connection = new WBEMConnection(url, { ...(replies && { onReply: (r) => replies.push(r) }), ...extra });
  t.teardown(() => connection.close());
  return connection;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

t.test('the classic operations against the simulated host', async (t) => {
  const c = connect();
  t.equal(c.namespace, 'root/cimv2');
  const fans = await c.enumerateInstances('CIM_Fan');
  t.equal(fans.length, 6);
  t.equal(fans[0]!.path?.namespace, 'root/cimv2', 'paths get the request namespace');
  const names = await c.enumerateInstanceNames('CIM_Fan');
  t.same(keysOf(names), keysOf(fans.map((f) => f.path)));
  const fan = await c.getInstance(fan1, { propertyList: ['ElementName'] });
  t.same([...fan.properties.keys()], ['ElementName']);
  t.equal(fan.get('ElementName'), 'Fan 1');
  t.ok(fan.path?.equals(fan1.withLocation('root/cimv2')));
  const systems = await c.associators(fan1, { assocClass: 'CIM_SystemDevice', resultClass: 'CIM_ComputerSystem' });
  t.same(systems.map((s) => s.get('Name')), ['testhost']);
  t.same((await c.associatorNames(fan1, { resultRole: 'GroupComponent' })).map((p) => p.classname), ['Thincim_ComputerSystem']);
  const refs = await c.references(fan1, { role: 'PartComponent' });
  t.same(refs.map((r) => r.classname), ['Thincim_SystemDevice']);
  t.same((await c.referenceNames(fan1, { resultClass: 'CIM_SystemDevice' })).map((p) => p.classname), ['Thincim_SystemDevice']);
  const queried = await c.execQuery('WQL', 'SELECT ElementName FROM CIM_PowerSupply');
  t.same(queried.map((i) => i.get('ElementName')), ['PSU 1', 'PSU 2']);
  t.ok((await c.enumerateClassNames('CIM_Sensor', { deepInheritance: true })).includes('Thincim_NumericSensor'));
  const classes = await c.enumerateClasses('CIM_Sensor', { includeQualifiers: false });
  t.same(classes.map((cls) => cls.classname).sort(), ['CIM_NumericSensor', 'OMC_DiscreteSensor'].sort());
  const cls = await c.getClass('CIM_Fan', { localOnly: false, includeQualifiers: true });
  t.ok(cls.properties.get('HealthState')?.qualifiers.has('ValueMap'));
  t.equal((await c.getClass('CIM_Fan', { localOnly: true })).properties.has('HealthState'), false, 'LocalOnly is sent');
  const interop = await c.enumerateInstances('CIM_RegisteredProfile', { namespace: 'root/interop' });
  t.ok(interop.length > 0, 'another namespace per call');
});

t.test('CIM errors arrive as CIMError with their code', async (t) => {
  const c = connect();
  const missing = new CIMInstanceName({ classname: 'OMC_Fan', keybindings: SIM.device('OMC_Fan', 'nope') });
  await t.rejects(c.getInstance(missing), { name: 'CIMError', code: CIMStatus.NOT_FOUND });
  await t.rejects(c.enumerateInstances('CIM_NoSuchClass'), { code: CIMStatus.INVALID_CLASS });
  await t.rejects(c.enumerateInstances('CIM_Fan', { namespace: 'root/nowhere' }), { code: CIMStatus.INVALID_NAMESPACE });
  await t.rejects(collect(c.iterEnumerateInstances('CIM_NoSuchClass')), { code: CIMStatus.INVALID_CLASS }, 'an Open* error that is no refusal');
});

t.test('pulls page through a result with Open and Pull, the same as the classic operation', async (t) => {
  const replies: RawReply[] = [];
  const c = connect(broker.url, replies, { maxObjectCount: 5 });
  const pulled = await collect(c.iterEnumerateInstances('CIM_Sensor'));
  t.same(keysOf(pulled.map((i) => i.path)), keysOf((await c.enumerateInstances('CIM_Sensor')).map((i) => i.path)));
  t.same(replies.map((r) => r.operation), ['OpenEnumerateInstances', ...Array(5).fill('PullInstancesWithPath'), 'EnumerateInstances']);
  t.match(replies[0]!.request, /<IPARAMVALUE NAME="MaxObjectCount"><VALUE>5<\/VALUE>/);
});

t.test('every Iter* method gives what its classic operation gives', async (t) => {
  const c = connect(broker.url, undefined, { maxObjectCount: 2 });
  t.same(keysOf(await collect(c.iterEnumerateInstancePaths('CIM_Fan'))), keysOf(await c.enumerateInstanceNames('CIM_Fan')));
  t.same(keysOf((await collect(c.iterAssociatorInstances(fan1))).map((i) => i.path)), keysOf((await c.associators(fan1)).map((i) => i.path)));
  t.same(keysOf(await collect(c.iterAssociatorInstancePaths(fan1, { resultClass: 'CIM_Sensor' }))), keysOf(await c.associatorNames(fan1, { resultClass: 'CIM_Sensor' })));
  t.same(keysOf((await collect(c.iterReferenceInstances(fan1))).map((i) => i.path)), keysOf((await c.references(fan1)).map((i) => i.path)));
  t.same(keysOf(await collect(c.iterReferenceInstancePaths(fan1, { role: 'Dependent' }))), keysOf(await c.referenceNames(fan1, { role: 'Dependent' })));
  const query = 'SELECT ElementName FROM CIM_Fan';
  t.same((await collect(c.iterQueryInstances('WQL', query))).map((i) => i.get('ElementName')).sort(), (await c.execQuery('WQL', query)).map((i) => i.get('ElementName')).sort());
});

t.test('stopping early closes the enumeration', async (t) => {
  const replies: RawReply[] = [];
  const c = connect(broker.url, replies, { maxObjectCount: 1 });
  for await (const fan of c.iterEnumerateInstances('CIM_Fan')) {
    t.equal(fan.classname, 'OMC_Fan');
    break;
  }
  t.same(replies.map((r) => r.operation), ['OpenEnumerateInstances', 'CloseEnumeration']);
  const context = /NAME="EnumerationContext"[^>]*><VALUE>([^<]+)/.exec(replies[0]!.response)?.[1];
  t.ok(context, 'the Open gave a context');
  t.match(replies[1]!.request, context!, 'and that context was closed');
});

t.test('a server without pulls gets the classic operation, once asked', async (t) => {
  for (const code of [CIMStatus.NOT_SUPPORTED, CIMStatus.FAILED]) {
    const proxy = await startProxy(broker.url, async (method, received) => (method.startsWith('Open')
      ? imethodResponse(messageId(received.body), method, `<ERROR CODE="${code}" DESCRIPTION="no pulls here"/>`)
      : undefined));
    t.teardown(() => proxy.close());
    const replies: RawReply[] = [];
    const c = connect(proxy.url, replies);
    t.equal((await collect(c.iterEnumerateInstances('CIM_Fan'))).length, 6);
    t.equal((await collect(c.iterEnumerateInstances('CIM_PowerSupply'))).length, 2);
    t.equal((await collect(c.iterEnumerateInstancePaths('CIM_Fan'))).length, 6);
    t.same(replies.map((r) => r.operation), [
      'OpenEnumerateInstances', 'EnumerateInstances', 'EnumerateInstances', 'OpenEnumerateInstancePaths', 'EnumerateInstanceNames',
    ], `after CIM error ${code}, remembered per operation`);
  }
});

t.test('a server out of enumeration contexts answers this call the classic way, and is asked to pull the next time', async (t) => {
  let full = true;
  const proxy = await startProxy(broker.url, async (method, received) => (method.startsWith('Open') && full
    ? imethodResponse(messageId(received.body), method, `<ERROR CODE="${CIMStatus.SERVER_LIMITS_EXCEEDED}" DESCRIPTION="32 enumeration contexts are open"/>`)
    : undefined));
  t.teardown(() => proxy.close());
  const replies: RawReply[] = [];
  const c = connect(proxy.url, replies);
  t.equal((await collect(c.iterEnumerateInstances('CIM_Fan'))).length, 6);
  full = false;
  t.equal((await collect(c.iterEnumerateInstances('CIM_Fan'))).length, 6);
  t.same(replies.map((r) => r.operation), ['OpenEnumerateInstances', 'EnumerateInstances', 'OpenEnumerateInstances']);
});

t.test("sfcb's answer to an Open (instances, no EndOfSequence) also means no pulls", async (t) => {
  const proxy = await startProxy(broker.url, async (method, received, forwarded) => {
    if (method !== 'OpenEnumerateInstances') return undefined;
    const classic = (await forwarded()).body;
    return classic.replace(/<IMETHODRESPONSE NAME="[^"]*">/, '<IMETHODRESPONSE NAME="OpenEnumerateInstances">').replace(/<MESSAGE ID="[^"]*"/, `<MESSAGE ID="${messageId(received.body)}"`)
      .replace(/<PARAMVALUE[\s\S]*<\/PARAMVALUE>/, '');
  });
  t.teardown(() => proxy.close());
  const replies: RawReply[] = [];
  const c = connect(proxy.url, replies, { maxObjectCount: 2 });
  t.equal((await collect(c.iterEnumerateInstances('CIM_Fan'))).length, 6, 'all six, not the two of the first page');
  t.same(replies.map((r) => r.operation), ['OpenEnumerateInstances', 'EnumerateInstances']);
});

t.test('a Pull answer without EndOfSequence is a ParseError', async (t) => {
  const proxy = await startProxy(broker.url, async (method, _received, forwarded) => (method === 'PullInstancesWithPath'
    ? (await forwarded()).body.replace(/<PARAMVALUE[\s\S]*<\/PARAMVALUE>/, '')
    : undefined));
  t.teardown(() => proxy.close());
  await t.rejects(collect(connect(proxy.url, undefined, { maxObjectCount: 2 }).iterEnumerateInstances('CIM_Fan')), { name: 'ParseError', message: /PullInstancesWithPath answered without EndOfSequence/ });
});

t.test('a pull sequence that never ends is given up after maxEmptyPulls empty answers, and closed', async (t) => {
  const proxy = await startProxy(broker.url, async (method, received) => (method === 'PullInstancesWithPath'
    ? imethodResponse(messageId(received.body), method, '<IRETURNVALUE/><PARAMVALUE NAME="EndOfSequence"><VALUE>FALSE</VALUE></PARAMVALUE>'
      + '<PARAMVALUE NAME="EnumerationContext"><VALUE>forever</VALUE></PARAMVALUE>')
    : undefined));
  t.teardown(() => proxy.close());
  const replies: RawReply[] = [];
  const c = connect(proxy.url, replies, { maxObjectCount: 2, maxEmptyPulls: 3 });
  await t.rejects(collect(c.iterEnumerateInstances('CIM_Fan')), { name: 'ParseError', message: 'PullInstancesWithPath returned nothing 3 times in a row without ending the sequence (maxEmptyPulls)' });
  t.same(replies.map((r) => r.operation), ['OpenEnumerateInstances', 'PullInstancesWithPath', 'PullInstancesWithPath', 'PullInstancesWithPath', 'CloseEnumeration']);
});

t.test('an Open that neither ends nor gives a context is a ParseError', async (t) => {
  const server = await startServer((received, res) => sendCim(res, imethodResponse(messageId(received.body), 'OpenEnumerateInstances',
    '<IRETURNVALUE/><PARAMVALUE NAME="EndOfSequence"><VALUE>FALSE</VALUE></PARAMVALUE>')));
  t.teardown(() => server.close());
  await t.rejects(collect(connect(server.url).iterEnumerateInstances('CIM_Fan')), { name: 'ParseError', message: /did not end the sequence and gave no EnumerationContext/ });
});

t.test('HTTP 401: authentication failed, with and without credentials', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'users');
  await setUser(file, 'ops', 'ops-pass', { scrypt: FAST_SCRYPT });
  const authenticator = new Authenticator({ users: await UserStore.open(file), limiter: new AuthFailureLimiter({ maxFailures: 0 }) });
  const secured = await startTestBroker({ listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true }], authenticator });
  t.teardown(() => secured.close());
  const none = await connect(secured.url).enumerateClassNames().catch((err: unknown) => err);
  t.ok(none instanceof AuthError);
  t.match(none, { code: 'auth', status: 401, message: 'authentication failed: the server asks for credentials and none were given', challenge: /^Basic realm="thincim"/ });
  await t.rejects(connect(secured.url, undefined, { credentials: { user: 'ops', password: 'wrong' } }).enumerateClassNames(),
    { name: 'AuthError', message: 'authentication failed: the server refused the credentials' });
  const ok = connect(secured.url, undefined, { credentials: { user: 'ops', password: 'ops-pass' } });
  t.ok((await ok.enumerateClassNames()).length > 0, 'the right password gets in');
});

t.test('other HTTP errors carry the CIMError header and the detail', async (t) => {
  const server = await startServer((_received, res) => {
    res.writeHead(400, { CIMError: 'request-not-valid', PGErrorDetail: 'unknown%20element%20%3CFOO%3E' });
    res.end();
  });
  t.teardown(() => server.close());
  const err = await connect(server.url).enumerateClassNames().catch((e: unknown) => e);
  t.ok(err instanceof HTTPError && !(err instanceof AuthError));
  t.match(err, { status: 400, reason: 'Bad Request', cimError: 'request-not-valid', detail: 'unknown element <FOO>', code: 'http' });
  t.equal((err as Error).message, 'HTTP 400 Bad Request; CIMError: request-not-valid; unknown element <FOO>');
});

t.test('answers that are not usable CIM-XML are ParseErrors', async (t) => {
  const good = (id: string): string => imethodResponse(id, 'EnumerateClassNames', '<IRETURNVALUE><CLASSNAME NAME="X"/></IRETURNVALUE>');
  const cases: [string, (id: string, res: import('node:http').ServerResponse) => void, RegExp][] = [
    ['no CIMOperation header', (id, res) => { res.writeHead(200, { 'Content-Type': 'application/xml' }); res.end(good(id)); }, /no "CIMOperation: MethodResponse" header/],
    ['HTML', (id, res) => sendCim(res, good(id), { 'Content-Type': 'text/html' }), /the answer is text\/html, not XML/],
    ['not XML', (_id, res) => sendCim(res, 'hello'), /not valid CIM-XML/],
    ['another message', (_id, res) => sendCim(res, good('77')), /the answer is for message 77, not \d+/],
    ['another operation', (id, res) => sendCim(res, imethodResponse(id, 'GetClass', '<IRETURNVALUE/>')), /the answer is a IMETHODRESPONSE named GetClass/],
    ['a METHODRESPONSE', (id, res) => sendCim(res, good(id).replace(/<IMETHODRESPONSE.*<\/IMETHODRESPONSE>/, '<METHODRESPONSE NAME="EnumerateClassNames"/>')), /the answer is a METHODRESPONSE/],
    ['instances where names belong', (id, res) => sendCim(res, imethodResponse(id, 'EnumerateClassNames', '<IRETURNVALUE><INSTANCE CLASSNAME="X"/></IRETURNVALUE>')), /returned a instance where class names were expected/],
    ['too large', (id, res) => sendCim(res, good(id) + ' '.repeat(4096)), /larger than 1024 bytes/],
  ];
  for (const [what, answer, message] of cases) {
    const server = await startServer((received, res) => answer(messageId(received.body), res));
    const err = await connect(server.url, undefined, { maxResponseBytes: 1024 }).enumerateClassNames().catch((e: unknown) => e);
    await server.close();
    t.ok(err instanceof ParseError, what);
    t.match((err as Error).message, message, what);
  }
});

t.test('a CIMStatusCode trailer reports a failure found after the body started', async (t) => {
  const server = await startServer((received, res) => {
    res.writeHead(200, { 'Content-Type': 'application/xml', CIMOperation: 'MethodResponse', Trailer: 'CIMStatusCode, CIMStatusCodeDescription' });
    res.write(imethodResponse(messageId(received.body), 'EnumerateClassNames', '<IRETURNVALUE/>'));
    res.addTrailers({ CIMStatusCode: '27', CIMStatusCodeDescription: 'too%20many%20classes' });
    res.end();
  });
  t.teardown(() => server.close());
  const err = await connect(server.url).enumerateClassNames().catch((e: unknown) => e);
  t.ok(err instanceof CIMError);
  t.match(err, { code: CIMStatus.SERVER_LIMITS_EXCEEDED, message: 'too many classes' });
});

t.test('no answer in time is a TimeoutError; nothing listening is a ConnectionError', async (t) => {
  const silent = await startServer(() => undefined);
  t.teardown(() => silent.close());
  await t.rejects(connect(silent.url, undefined, { timeoutMs: 200 }).enumerateClassNames(), TimeoutError);
  const err = await connect('http://127.0.0.1:1').enumerateClassNames().catch((e: unknown) => e);
  t.ok(err instanceof ConnectionError);
  t.equal((err as Error).message, 'connection refused: 127.0.0.1:1 (ECONNREFUSED)');
});

t.test('destroy: every request fails and nothing more is sent, those waiting for a socket included', async (t) => {
  // Eleven requests on at most eight sockets (a health check's enumerations): three wait. This server answers none.
  const server = await startServer(() => {});
  t.teardown(() => server.close());
  const conn = new WBEMConnection(server.url);
  const calls = Array.from({ length: 11 }, () => conn.enumerateInstanceNames('CIM_Fan').then(() => 'answered', (err: Error) => err));
  while (server.requests.length < 8) await new Promise((resolve) => setTimeout(resolve, 10));
  conn.destroy();
  const outcomes = await Promise.all(calls);
  t.ok(outcomes.every((o) => o instanceof ConnectionError && /given up/.test(o.message)), 'each a ConnectionError');
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(server.requests.length, 8, 'the three waiting were dropped, not sent on new connections');
  t.match(await conn.enumerateInstanceNames('CIM_Fan').catch((err: Error) => err), { name: 'ConnectionError' }, 'nor anything later');
});

t.test('requests carry the DSP0200 headers, Basic credentials and the namespace of the URL', async (t) => {
  const server = await startServer((received, res) => sendCim(res, imethodResponse(messageId(received.body), 'EnumerateClassNames', '<IRETURNVALUE/>')));
  t.teardown(() => server.close());
  const c = connect(`${server.url}/root/interop`, undefined, { credentials: { user: 'ops', password: 'pä:ss' } });
  t.equal(c.namespace, 'root/interop');
  t.same(await c.enumerateClassNames(), []);
  const { headers, body } = server.requests[0]!;
  t.match(headers, {
    'content-type': 'application/xml; charset="utf-8"', cimoperation: 'MethodCall', cimmethod: 'EnumerateClassNames', cimobject: 'root%2Finterop',
    authorization: `Basic ${Buffer.from('ops:pä:ss').toString('base64')}`,
  });
  t.match(body, /<LOCALNAMESPACEPATH><NAMESPACE NAME="root"\/><NAMESPACE NAME="interop"\/><\/LOCALNAMESPACEPATH>/);
  t.equal(new WBEMConnection(server.url, { namespace: 'root/x' }).namespace, 'root/x', 'the option wins over the URL');
});

t.test('bad connection options are refused at construction', async (t) => {
  t.throws(() => new WBEMConnection(broker.url, { maxObjectCount: 0 }), RangeError);
  t.throws(() => new WBEMConnection(broker.url, { maxEmptyPulls: -1 }), /maxEmptyPulls must be a positive integer/);
  t.throws(() => new WBEMConnection(broker.url, { timeoutMs: 1.5 }), RangeError);
  t.throws(() => new WBEMConnection(broker.url, { credentials: { user: 'a:b', password: 'x' } }), /cannot contain ":"/);
  t.throws(() => new WBEMConnection('ftp://x'), { name: 'WBEMURIError' });
});
