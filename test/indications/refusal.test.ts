/**
 * A listener's answer decides whether an indication is sent again: a refusal
 * (a CIM error such as ACCESS_DENIED, an HTTP 4xx) is not retried, a failure
 * that may pass (HTTP 503, no answer) is; each destination's outcomes are
 * counted in /metrics under its Name.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { CIMStatus } from '../../src/cim/index.js';
import { encodeExportResponse } from '../../src/cimxml/index.js';
import { WBEMConnection } from '../../src/client/index.js';
import { DeliveryRefusedError, Exporter } from '../../src/indications/deliver.js';
import { startListener } from '../../src/indications/listener.js';
import { startTestBroker } from '../helpers/broker.js';
import { captureLog } from '../helpers/log-capture.js';
import { instance } from '../helpers/instances.js';

async function subscribe(client: WBEMConnection, name: string, destination: string, policy: number): Promise<void> {
  const handler = await client.createInstance(instance('CIM_ListenerDestinationCIMXML', { Name: ['string', name], Destination: ['string', destination] }));
  const filter = await client.createInstance(instance('CIM_IndicationFilter', {
    Name: ['string', name], Query: ['string', 'SELECT * FROM CIM_AlertIndication'], QueryLanguage: ['string', 'DMTF:CQL'],
  }));
  await client.createInstance(instance('CIM_IndicationSubscription', { Filter: ['reference', filter], Handler: ['reference', handler], OnFatalErrorPolicy: ['uint16', policy] }));
}

/** A listener that answers every request with `answer`, counting them. */
async function scripted(answer: (body: string) => { status: number; body?: string }): Promise<{ url: string; posts: () => number; server: Server }> {
  let posts = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts++;
      const { status, body = '' } = answer(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(status, { 'Content-Type': 'application/xml; charset="utf-8"', CIMExport: 'MethodResponse', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, posts: () => posts, server };
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

t.test('a refusal is not retried nor ends the subscription; HTTP 503 is retried; /metrics counts each outcome per destination', async (t) => {
  const refusing = await scripted((body) => ({
    status: 200,
    body: encodeExportResponse(/<MESSAGE ID="([^"]+)"/.exec(body)![1]!, 'ExportIndication', { code: CIMStatus.ACCESS_DENIED, description: 'not from you' }),
  }));
  const busy = await scripted(() => ({ status: 503 }));
  const accepted: unknown[] = [];
  const healthy = await startListener({ port: 0, onIndication: (r) => void accepted.push(r) });
  let now = 0;
  const broker = await startTestBroker({
    anonymousWrite: true,
    simulated: { clock: () => now, startTime: 0 },
    indications: { retryAttempts: 2, retryIntervalSec: 0.02, timeoutSec: 30 },
  });
  t.teardown(async () => {
    await broker.close();
    await healthy.close();
    for (const s of [refusing.server, busy.server]) await new Promise((r) => s.close(r));
  });
  const client = new WBEMConnection(broker.url, { namespace: 'root/interop' });
  t.teardown(() => client.close());
  await subscribe(client, 'refusing', refusing.url, 4);
  await subscribe(client, 'busy', busy.url, 2);
  await subscribe(client, 'healthy', `${healthy.url}/`, 2);
  const emitted = broker.broker.events.emitted;
  now = 250_000;
  await broker.broker.manager.refresh();
  const count = broker.broker.events.emitted - emitted;
  t.ok(count > 0, `${count} events`);
  const outcomes = (name: string) => broker.broker.events.stats().find((s) => s.name === `indications:${name}`)!.deliveries!;
  await until('every outcome', () => accepted.length === count && outcomes('refusing').refused === count && outcomes('busy').failed === count);
  t.equal(refusing.posts(), count, 'each refused indication was sent once: the listener has it and said no');
  t.equal(busy.posts(), 3 * count, 'each indication the busy listener failed was tried three times (DeliveryRetryAttempts 2)');
  t.ok(broker.broker.indications.store.snapshot().subscriptions.some((s) => s.filter.name === 'refusing'),
    'OnFatalErrorPolicy Remove did not apply: the listener answered');
  const metrics = await (await fetch(`${broker.url}/metrics`)).text();
  t.match(metrics, '# TYPE thincim_deliveries_total counter');
  for (const [name, outcome, value] of [['refusing', 'refused', count], ['refusing', 'sent', 0], ['busy', 'failed', count], ['healthy', 'sent', count], ['healthy', 'failed', 0]] as const) {
    t.match(metrics, `thincim_deliveries_total{consumer="indications:${name}",outcome="${outcome}"} ${value}\n`, `${name} ${outcome}`);
  }
});

/**
 * SOURCE: sblim-sfcc, backend/cimxml/indicationlistener.c (kkaempf/sblim-sfcc), handleConnection: once the
 * request's Content-Length bytes are read it answers genError(conn_fd, &inBuf, 200, "OK", NULL) ("well, not
 * really an error ... op successful"): a status line, `Server: sfcc indListener`, `Content-Length: 0`,
 * `Connection: close` and no EXPMETHODRESPONSE at all; then it hands the indication to its callback. sfcb's own
 * sender (indCIMXMLExport.c) takes any HTTP 200 as delivered. These are those bytes, one connection at a time.
 */
const SFCC_ANSWER = 'HTTP/1.1 200 OK\r\nServer: sfcc indListener\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

/** A listener that reads each request whole and writes `answer` as it is, one connection at a time. */
async function fixedAnswerListener(answer = SFCC_ANSWER): Promise<{ url: string; bodies: string[]; close: () => Promise<void> }> {
  const bodies: string[] = [];
  const server = createTcpServer((socket) => {
    let data = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(data.subarray(0, end).toString('latin1'))?.[1]);
      if (data.length < end + 4 + length) return;
      bodies.push(data.subarray(end + 4, end + 4 + length).toString('utf8'));
      socket.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

t.test('an HTTP 200 without a body (sblim-sfcc\'s listener) is a delivery: sent once, not retried, the subscription kept, logged once', async (t) => {
  const sfcc = await fixedAnswerListener();
  const log = captureLog();
  let now = 0;
  const broker = await startTestBroker({
    logger: log.logger,
    anonymousWrite: true,
    simulated: { clock: () => now, startTime: 0 },
    indications: { retryAttempts: 2, retryIntervalSec: 0.02, timeoutSec: 30 },
  });
  t.teardown(async () => {
    await broker.close();
    await sfcc.close();
  });
  const client = new WBEMConnection(broker.url, { namespace: 'root/interop' });
  t.teardown(() => client.close());
  await subscribe(client, 'sfcc', sfcc.url, 4);
  const emitted = broker.broker.events.emitted;
  now = 250_000;
  await broker.broker.manager.refresh();
  const count = broker.broker.events.emitted - emitted;
  t.ok(count > 1, `${count} events: more than one, to see the log line is not written per indication`);
  const outcomes = () => broker.broker.events.stats().find((s) => s.name === 'indications:sfcc')!.deliveries!;
  await until('every indication sent, or one failed', () => outcomes().sent === count || outcomes().failed > 0);
  t.same(outcomes(), { ...outcomes(), sent: count, failed: 0, refused: 0 }, 'each indication counted as sent');
  t.equal(sfcc.bodies.length, count, 'each sent once: the listener had it, a retry would hand it over again');
  t.ok(sfcc.bodies.every((body) => body.includes('<EXPMETHODCALL NAME="ExportIndication">')), 'as ExportIndication requests');
  t.ok(broker.broker.indications.store.snapshot().subscriptions.some((s) => s.filter.name === 'sfcc'),
    'OnFatalErrorPolicy Remove did not apply');
  // A wrong port or a load balancer's fixed answer looks the same: the operator is told, once per destination.
  const unconfirmed = log.lines().filter((line) => String(line['msg']).includes('without an EXPMETHODRESPONSE'));
  t.same(unconfirmed.map((line) => [line['level'], line['destination'], line['msg']]), [[40, sfcc.url,
    'indication listener answered HTTP 200 without an EXPMETHODRESPONSE; counted as delivered (sblim-sfcc\'s listener answers so)']],
  'one warning for the destination, not one per indication');
});

t.test('an HTTP 200 with a Content-Length: 0 is sblim-sfcc\'s answer: delivered, unconfirmed', async (t) => {
  const sfcc = await fixedAnswerListener();
  t.teardown(sfcc.close);
  const exporter = new Exporter(new URL(sfcc.url), 'ctx', { retryAttempts: 2, retryIntervalMs: 10, timeoutMs: 10_000, tls: {} }, new AbortController().signal);
  t.teardown(() => exporter.close());
  t.equal(await exporter.send(instance('CIM_AlertIndication', { IndicationIdentifier: ['string', 'x'] }), 'f'), 'unconfirmed');
  t.equal(sfcc.bodies.length, 1, 'sent once');
});

// Only sblim-sfcc's exact answer is taken without an EXPMETHODRESPONSE: any other content-free 200 (whitespace, an
// empty chunked body) is no listener's answer, and stays a failure that is retried, as it was before.
for (const [what, answer, said] of [
  ['a body of whitespace', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\n \r\n', /not well-formed/],
  ['an empty chunked body', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n', /HTTP 200 without an EXPMETHODRESPONSE/],
  ['an empty body ended by closing the connection', 'HTTP/1.0 200 OK\r\n\r\n', /HTTP 200 without an EXPMETHODRESPONSE/],
] as const) {
  t.test(`an HTTP 200 with ${what} is not a delivery: retried, then failed`, async (t) => {
    const listener = await fixedAnswerListener(answer);
    t.teardown(listener.close);
    const exporter = new Exporter(new URL(listener.url), 'ctx', { retryAttempts: 1, retryIntervalMs: 10, timeoutMs: 10_000, tls: {} }, new AbortController().signal);
    t.teardown(() => exporter.close());
    const failure = await exporter.send(instance('CIM_AlertIndication', { IndicationIdentifier: ['string', 'x'] }), 'f').then(() => undefined, (err: unknown) => err);
    t.ok(failure instanceof Error, `failed: ${String(failure)}`);
    t.notOk(failure instanceof DeliveryRefusedError, 'a failure, not a refusal');
    t.equal(listener.bodies.length, 2, 'tried twice (retryAttempts 1)');
    t.match(String(failure), said, 'the message says what the listener answered');
  });
}

/** What an Exporter's send to a listener that redirects to `location` ends with, and how many requests it made. */
async function redirected(t: Test, location: string): Promise<{ failure: unknown; posts: number; origin: string }> {
  let posts = 0;
  const server = createServer((req, res) => {
    posts++;
    req.resume();
    req.on('end', () => res.writeHead(307, { Location: location, 'Content-Length': 0 }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const exporter = new Exporter(new URL(`${origin}/`), 'ctx', { retryAttempts: 2, retryIntervalMs: 10, timeoutMs: 10_000, tls: {} }, new AbortController().signal);
  t.teardown(() => exporter.close());
  const failure = await exporter.send(instance('CIM_AlertIndication', { IndicationIdentifier: ['string', 'x'] }), 'f').then(() => undefined, (err: unknown) => err);
  return { failure, posts, origin };
}

// A redirect is not followed: indications.allowedNetworks judges the Destination's own address, and the place a
// redirect names was never judged. It is a refusal (not retried), whose message says where the listener points.
t.test('a redirect is refused, not followed nor retried, and the message names its Location', async (t) => {
  const { failure, posts } = await redirected(t, 'http://elsewhere.example:5990/listener');
  t.ok(failure instanceof DeliveryRefusedError, 'refused');
  t.equal((failure as Error).message, 'HTTP 307 Temporary Redirect (Location: http://elsewhere.example:5990/listener; redirects are not followed)');
  t.equal(posts, 1, 'one request: neither followed nor retried');
});

// The message reaches the log: a Location may carry credentials (userinfo) or tokens (query, fragment) and be as
// long as a header may be, so only where it points is said, within 200 characters.
t.test('a redirect\'s message names its Location without credentials, query or fragment, and within bounds', async (t) => {
  const message = async (location: string) => {
    const { failure } = await redirected(t, location);
    t.ok(failure instanceof DeliveryRefusedError, 'refused');
    return (failure as Error).message;
  };
  t.equal(await message('https://admin:s3cret@elsewhere.example/listener?token=abc123#frag'),
    'HTTP 307 Temporary Redirect (Location: https://elsewhere.example/listener; redirects are not followed)');
  const { failure, origin } = await redirected(t, '/moved/listener?sig=xyz');
  t.equal((failure as Error).message, `HTTP 307 Temporary Redirect (Location: ${origin}/moved/listener; redirects are not followed)`, 'a relative Location, resolved against the Destination');
  t.equal(await message('http://[::1'), 'HTTP 307 Temporary Redirect (a Location that is not a URL; redirects are not followed)');
  t.equal(await message('https://elsewhere.example/l;jsessionid=SECRET/x'),
    'HTTP 307 Temporary Redirect (Location: https://elsewhere.example/l/x; redirects are not followed)', 'without path parameters');
  t.equal(await message('data:text/plain,Bearer%20abc'), 'HTTP 307 Temporary Redirect (a Location of scheme data:; redirects are not followed)', 'of a URL that is not HTTP, only the scheme');
  const long = await message(`http://elsewhere.example/${'a'.repeat(10_000)}`);
  const said = /\(Location: (.*); redirects are not followed\)$/.exec(long)?.[1] ?? '';
  t.equal(said.length, 200, 'at most 200 characters of it');
  t.ok(said.startsWith('http://elsewhere.example/aaa') && said.endsWith('…'), 'its start, and an ellipsis');
});
