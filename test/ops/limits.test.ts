/**
 * Every limit of the README's Security section, over real sockets, with
 * small configured values: body and header sizes, connections, operations
 * in progress, open enumeration contexts, results per response, and the
 * request deadline. Overload is refused at once, and leaves nothing behind.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect as tlsConnect } from 'node:tls';
import t from 'tap';
import type { Test } from 'tap';
import { CIMStatus } from '../../src/cim/index.js';
import { loadOrCreateCertificate } from '../../src/security/index.js';
import type { BrokerOptions } from '../../src/server/broker.js';
import { WIDGET_CLASS } from '../../providers/template/widgets.js';
import {
  cimHeaders, imethodBody, instanceNameXml, iparam, methodBody, methodObject, outText, p, returned, startTestBroker, TEST_LIMITS,
} from '../helpers/broker.js';
import { cimCall, cimPost, invokePost, send, type Reply } from '../helpers/client.js';
import { fullGC } from '../helpers/gc.js';
import { exchange, parseResponse, serialize, type ParsedResponse } from '../helpers/raw-http.js';
import { CallGate, SLOW_WIDGET, withSlowProvider } from '../helpers/slow-provider.js';

const CIMV2 = 'root/cimv2';
/** Generous: the machine is shared; nothing here is a timing assertion. */
const WAIT_MS = 30_000;

async function broker(t: Test, limits: Partial<BrokerOptions['limits']>, options: Partial<BrokerOptions> = {}) {
  // The slow method stands for any long operation; rights are test/ops/auth.test.ts's business.
  const started = await startTestBroker({ limits: { ...TEST_LIMITS, ...limits }, anonymousWrite: true, ...options });
  t.teardown(() => started.close());
  return { ...started, port: Number(new URL(started.url).port) };
}

/** The bytes of an EnumerateInstanceNames request, its body padded with trailing blanks to `bodyBytes`. */
function enumerateRequest(bodyBytes?: number, extraHeaders: [string, string][] = []): Buffer {
  const body = imethodBody('EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'));
  const padded = bodyBytes === undefined ? body : body + ' '.repeat(bodyBytes - Buffer.byteLength(body));
  return serialize({ headers: [...Object.entries(cimHeaders('EnumerateInstanceNames', CIMV2)), ...extraHeaders], body: Buffer.from(padded) });
}

function resetRequest(): Buffer {
  return serialize({
    headers: Object.entries(cimHeaders('Reset', methodObject(CIMV2, WIDGET_CLASS, SLOW_WIDGET))),
    body: Buffer.from(methodBody('Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET)),
  });
}

async function statusOf(port: number, bytes: Buffer): Promise<number | string> {
  const result = await exchange(port, bytes, WAIT_MS);
  return result.kind === 'response' ? result.response.status : result.kind;
}

t.test('limits.bodyBytes: a body at the limit is served, one byte more is 413', async (t) => {
  const { port } = await broker(t, { bodyBytes: 2048 });
  t.equal(await statusOf(port, enumerateRequest(2048)), 200);
  t.equal(await statusOf(port, enumerateRequest(2049)), 413);
  t.equal(await statusOf(port, enumerateRequest(64 * 1024)), 413);
});

t.test('limits.headerBytes: a header block over the limit is 431', async (t) => {
  const { port } = await broker(t, { headerBytes: 4096 });
  t.equal(await statusOf(port, enumerateRequest(undefined, [['X-Padding', 'a'.repeat(2000)]])), 200);
  t.equal(await statusOf(port, enumerateRequest(undefined, [['X-Padding', 'a'.repeat(5000)]])), 431);
  const many = Array.from({ length: 400 }, (_, i): [string, string] => [`X-Header-${i}`, 'value']);
  t.equal(await statusOf(port, enumerateRequest(undefined, many)), 431, 'many small headers count together');
});

/** Reads what the server sends on `socket` until it closes or a whole response arrived. */
function answerOn(socket: Socket): Promise<ParsedResponse | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () => resolve(parseResponse(Buffer.concat(chunks), true));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', done);
    socket.on('error', done);
  });
}

async function openConnection(port: number, tls: boolean): Promise<Socket> {
  const socket = tls ? tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }) : netConnect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once(tls ? 'secureConnect' : 'connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

t.test('limits.connections: the extra connection is answered 503 with Retry-After and closed; nothing it sends runs', async (t) => {
  const gate = new CallGate();
  const certificate = await loadOrCreateCertificate({ stateDir: t.testdir() });
  const started = await broker(t, { connections: 2 }, {
    listeners: [
      { protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: false },
      { protocol: 'https', host: '127.0.0.1', port: 0, requireAuth: false },
    ],
    tls: { cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2', requestCert: false },
    ...await withSlowProvider({ callMs: 0, onCall: gate.onCall }),
  });
  for (const [i, scheme] of (['http', 'https'] as const).entries()) {
    const tls = scheme === 'https';
    const port = Number(new URL(started.broker.urls[i]!).port);
    const held = [await openConnection(port, tls), await openConnection(port, tls)];
    t.teardown(() => held.forEach((s) => s.destroy()));

    const extra = await openConnection(port, tls);
    const answer = answerOn(extra);
    extra.write(resetRequest()); // a method call that must not run
    const refused = await answer;
    t.equal(refused?.status, 503, `${scheme}: the third connection is refused`);
    t.same(refused?.headers.get('retry-after'), ['1'], `${scheme}: with Retry-After`);
    await sleep(200); // room for the request to be run, were it to be
    t.equal(gate.calls, 0, `${scheme}: the refused connection's request was not run`);

    // Closing a held connection makes room again (the server notices the close a moment later).
    held.pop()!.destroy();
    let status: number | undefined;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
      status = (await send(started.broker.urls[i]!, { path: '/healthz', headers: { Connection: 'close' } }).catch(() => undefined))?.status;
      if (status !== 200) await sleep(50);
    }
    t.equal(status, 200, `${scheme}: a connection closed is a connection free`);
  }
});

t.test('limits.concurrentOperations: one more operation is 503 with Retry-After at once; the slot comes back', async (t) => {
  const gate = new CallGate();
  const { url } = await broker(t, { concurrentOperations: 1 }, await withSlowProvider({ callMs: 120_000, onCall: gate.onCall }));
  t.teardown(() => gate.release());
  const enumerate = () => cimPost(url, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'));

  const slow = invokePost(url, 'Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET);
  await gate.began(1);
  const refused = await enumerate();
  t.equal(refused.status, 503, 'a second operation while one is in progress');
  t.equal(refused.headers['retry-after'], '1');
  t.match(refused.text, /more than 1 operations in progress/);
  t.equal((await send(url, { path: '/healthz' })).status, 200, '/healthz is no operation: answered');
  gate.release();
  t.equal((await slow).status, 200, 'the operation in progress completes');
  for (let i = 0; i < 5; i++) t.equal((await enumerate()).status, 200, `after it, operations one at a time: ${i + 1}`);

  // A client that closes its connection looks the same as one that only half-closed after its
  // request and still waits for the answer (RFC 9112 §9.6): its operation keeps the slot until the
  // request's deadline (5 s here), even while the provider never answers and a garbage collection runs.
  const controller = new AbortController();
  const abandoned = invokePost(url, 'Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET, { signal: controller.signal }).catch(() => 'aborted');
  await gate.began(2);
  controller.abort();
  t.equal(await abandoned, 'aborted');
  fullGC();
  t.equal(await statusOnceFree(enumerate), 200, 'the slot of a client that closed its connection is free again, at the deadline at the latest');
});

t.test('limits.concurrentOperations: a client whose connection resets gives the slot back at once', async (t) => {
  const gate = new CallGate();
  // Neither the deadline nor the provider ends the operation during the test: only the reset can free the slot.
  const hour = 3_600_000;
  const { url, port } = await broker(t, { concurrentOperations: 1, requestTimeoutMs: hour }, await withSlowProvider({ callMs: hour, onCall: gate.onCall }, hour));
  t.teardown(() => gate.release());
  const enumerate = () => cimPost(url, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'));
  for (let round = 1; round <= 3; round++) {
    const client = await openConnection(port, false);
    client.write(resetRequest());
    await gate.began(round);
    t.equal((await enumerate()).status, 503, `round ${round}: the slot is taken`);
    client.resetAndDestroy();
    t.equal(await statusOnceFree(enumerate), 200, `round ${round}: the slot of a client that went away is free again`);
  }
});

/** The status of `call`, asked again every 50 ms while it is 503, for up to WAIT_MS. */
async function statusOnceFree(call: () => Promise<Reply>): Promise<number> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const { status } = await call();
    if (status !== 503 || Date.now() > until) return status;
    await sleep(50);
  }
}


t.test('limits.enumerationContexts: one more open pull is CIM_ERR_SERVER_LIMITS_EXCEEDED', async (t) => {
  const { url } = await broker(t, { enumerationContexts: 2 });
  const open = () => cimCall(url, 'OpenEnumerateInstances', CIMV2, p.className('ClassName', 'CIM_NumericSensor') + p.value('MaxObjectCount', 0));
  const contexts: string[] = [];
  for (let i = 0; i < 2; i++) {
    const opened = await open();
    t.equal(opened.response.error, undefined, `context ${i + 1} opens`);
    contexts.push(outText(opened.response, 'EnumerationContext')!);
  }
  const third = await open();
  t.equal(third.response.error?.code, CIMStatus.SERVER_LIMITS_EXCEEDED);
  t.match(third.response.error?.message, /limit 2/);
  const closed = await cimCall(url, 'CloseEnumeration', CIMV2, p.value('EnumerationContext', contexts[0]!));
  t.equal(closed.response.error, undefined);
  t.equal((await open()).response.error, undefined, 'a closed context makes room');
});

t.test('limits.maxInstancesPerResponse: a bigger non-pull answer is CIM_ERR_SERVER_LIMITS_EXCEEDED; a pull delivers it all', async (t) => {
  const { url } = await broker(t, { maxInstancesPerResponse: 3 });
  for (const operation of ['EnumerateInstances', 'EnumerateInstanceNames']) {
    const tooMany = await cimCall(url, operation, CIMV2, p.className('ClassName', 'CIM_NumericSensor'));
    t.equal(tooMany.response.error?.code, CIMStatus.SERVER_LIMITS_EXCEEDED, operation);
    t.equal(returned((await cimCall(url, operation, CIMV2, p.className('ClassName', 'CIM_ComputerSystem'))).response).length, 1, `${operation}: a small answer`);
  }
  const query = await cimCall(url, 'ExecQuery', CIMV2, p.value('QueryLanguage', 'WQL') + p.value('Query', 'SELECT * FROM CIM_NumericSensor'));
  t.equal(query.response.error?.code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'ExecQuery');

  const opened = await cimCall(url, 'OpenEnumerateInstances', CIMV2, p.className('ClassName', 'CIM_NumericSensor') + p.value('MaxObjectCount', 2));
  let pulled = returned(opened.response).length;
  let context = outText(opened.response, 'EnumerationContext');
  while (outText(opened.response, 'EndOfSequence') !== 'TRUE' && context !== undefined) {
    const next = await cimCall(url, 'PullInstancesWithPath', CIMV2, p.value('EnumerationContext', context) + p.value('MaxObjectCount', 2));
    pulled += returned(next.response).length;
    if (outText(next.response, 'EndOfSequence') === 'TRUE') break;
    context = outText(next.response, 'EnumerationContext');
  }
  t.ok(pulled > 3, `the pull delivered all ${pulled} sensors, two at a time`);
});

t.test('limits.requestTimeoutMs: a method past the deadline is CIM_ERR_FAILED saying it timed out; the server stays healthy', async (t) => {
  const gate = new CallGate();
  // The provider's own timeout is far away: the request's deadline is what ends the wait.
  const { url } = await broker(t, { requestTimeoutMs: 1000, concurrentOperations: 1 }, await withSlowProvider({ callMs: 120_000, onCall: gate.onCall }, 120_000));
  t.teardown(() => gate.release());
  const modifiedWidget = iparam('ModifiedInstance', `<VALUE.NAMEDINSTANCE>${instanceNameXml(WIDGET_CLASS, SLOW_WIDGET)}` +
    `<INSTANCE CLASSNAME="${WIDGET_CLASS}"><PROPERTY NAME="ElementName" TYPE="string"><VALUE>renamed</VALUE></PROPERTY></INSTANCE></VALUE.NAMEDINSTANCE>`);
  const calls: [string, () => Promise<Reply>][] = [
    ['InvokeMethod', () => invokePost(url, 'Reset', CIMV2, WIDGET_CLASS, SLOW_WIDGET)],
    ['ModifyInstance', () => cimPost(url, 'ModifyInstance', CIMV2, modifiedWidget)],
  ];
  for (const [operation, call] of calls) {
    const answered = await call();
    t.equal(answered.status, 200, operation);
    t.match(answered.text, /<ERROR CODE="1" DESCRIPTION="[^"]*timed out/, `${operation}: CIM_ERR_FAILED, the operation timed out`);
  }
  t.equal(gate.calls, 2, 'both reached the provider, which still holds them');
  t.equal((await send(url, { path: '/healthz' })).status, 200, 'alive');
  t.equal((await cimPost(url, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'))).status, 200,
    'and serving: the timed-out operation gave its slot back');
});
