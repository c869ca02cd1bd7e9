/**
 * The HTTP layer of CIM-XML (DSP0200 §7): methods, request and response
 * headers, body framing, keep-alive, chunked answers with trailers, the
 * CIMError header values and the order in which faults are detected, and the
 * envelope facts clients check (MESSAGE ID, versions). Byte-level facts are
 * asserted on the raw exchange. Test titles cite the sections of
 * ../shared/reference/cim-xml-protocol.md.
 */
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { decodeResponse } from '../../src/cimxml/index.js';
import { Authenticator, AuthFailureLimiter, setUser, UserStore } from '../../src/security/index.js';
import {
  SIM, cimHeaders, classMethodBody, imethodBody, methodBody, methodObject, post, returned, startBrokerFailingMidStream, startTestBroker, type RawResponse,
  type TestBroker,
} from '../helpers/broker.js';
import { FAST_SCRYPT } from '../security/helpers.js';

const CIMV2 = 'root/cimv2';
const SMALL = imethodBody('EnumerateClassNames', CIMV2);
const SMALL_HEADERS = cimHeaders('EnumerateClassNames', CIMV2);
/** Every class of root/cimv2 with qualifiers and class origin: several hundred kilobytes. */
const LARGE = imethodBody('EnumerateClasses', CIMV2,
  '<IPARAMVALUE NAME="DeepInheritance"><VALUE>TRUE</VALUE></IPARAMVALUE><IPARAMVALUE NAME="LocalOnly"><VALUE>FALSE</VALUE></IPARAMVALUE>' +
  '<IPARAMVALUE NAME="IncludeClassOrigin"><VALUE>TRUE</VALUE></IPARAMVALUE>');
const LARGE_HEADERS = cimHeaders('EnumerateClasses', CIMV2);
const FAN = SIM.device('OMC_Fan', 'fan1');

let broker: TestBroker;
let port: number;

t.before(async () => {
  broker = await startTestBroker();
  port = Number(new URL(broker.url).port);
});
t.teardown(() => broker.close());

/**
 * Writes `text` on a fresh connection and collects what comes back until the
 * server closes it or `settleMs` passes without more bytes, counted from the
 * first bytes (a loaded machine may take longer than that to answer at all).
 */
function exchange(text: string | Buffer, settleMs = 300, to = port): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(to, '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const settle = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(done, ms);
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      settle(settleMs);
    });
    socket.on('end', done);
    socket.on('error', reject);
    settle(FIRST_BYTES_MS);
  });
}

/** How long exchange() waits for an answer to begin. */
const FIRST_BYTES_MS = 10_000;

/** A raw HTTP/1.1 request with a Host header and the given header lines. */
function rawRequest(method: string, headers: Record<string, string>, body = '', version = 'HTTP/1.1'): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `${method} /cimom ${version}\r\nHost: 127.0.0.1\r\n${lines}Connection: close\r\n\r\n${body}`;
}

const statusLine = (raw: string) => raw.slice(0, raw.indexOf('\r\n'));
const headerOf = (raw: string, name: string) => new RegExp(`^${name}:\\s*(.*?)\\r$`, 'im').exec(raw.slice(0, raw.indexOf('\r\n\r\n')))?.[1];

/** Expects an HTTP-level fault: the status and the CIMError header value (or none). */
function fault(t: Test, res: RawResponse, status: number, cimError: string | undefined, label: string): void {
  t.equal(res.status, status, `${label}: HTTP ${status}`);
  t.equal(res.headers['cimerror'], cimError, `${label}: CIMError ${cimError ?? 'absent'}`);
  t.notOk(res.headers['cimoperation'], `${label}: no CIMOperation header on a protocol fault`);
}

t.test('§1.1 POST is accepted on any request path', async (t) => {
  for (const path of ['/cimom', '/', '/any/path/at/all', '/cimom?x=1']) {
    const res = await post(broker.url, SMALL, SMALL_HEADERS, path);
    t.equal(res.status, 200, `POST ${path}`);
    t.equal(decodeResponse(res.text).error, undefined, `POST ${path} runs the operation`);
  }
});

t.test('§1.1 M-POST is answered 501 so that the client falls back to POST', async (t) => {
  const raw = await exchange(rawRequest('M-POST', {
    Man: 'http://www.dmtf.org/cim/mapping/http/v1.0 ; ns=73', '73-CIMOperation': 'MethodCall', '73-CIMMethod': 'EnumerateClassNames',
    '73-CIMObject': 'root%2Fcimv2', 'Content-Type': 'application/xml; charset="utf-8"', 'Content-Length': String(Buffer.byteLength(SMALL)),
  }, SMALL));
  t.equal(statusLine(raw), 'HTTP/1.1 501 Not Implemented');
});

/** Node 20 reports where its parser failed in the current network chunk: M-POST need not begin a chunk. */
t.test('§1.1 M-POST is answered 501 when its method arrives split across writes', async (t) => {
  // The server closes after the answer: exchange() ends there, not after its settling time.
  t.equal(statusLine(await exchange('M-PO', 30_000)), 'HTTP/1.1 501 Not Implemented', 'only `M-PO` so far');
});

t.test('§1.1 M-POST pipelined after a POST in one write: the POST is answered, then the M-POST 501', async (t) => {
  const keptAlive = Object.entries(SMALL_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  const raw = await exchange(`POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n${keptAlive}Content-Length: ${Buffer.byteLength(SMALL)}\r\n\r\n${SMALL}` +
    'M-POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 30_000);
  t.same(raw.match(/HTTP\/1\.1 \d{3} [^\r]*/g), ['HTTP/1.1 200 OK', 'HTTP/1.1 501 Not Implemented']);
});

t.test('chunk extensions over llhttp\'s 16 KiB: 413, as Node answers them, with the reason', async (t) => {
  const keptAlive = Object.entries(SMALL_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  const raw = await exchange(`POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n${keptAlive}Transfer-Encoding: chunked\r\n\r\n1;${'a'.repeat(20_000)}\r\n<\r\n0\r\n\r\n`, 30_000);
  t.equal(statusLine(raw), 'HTTP/1.1 413 Payload Too Large');
  t.match(raw, /chunk's extensions are larger than 16 KiB/);
});

t.test('§1.1 other methods: 405 with Allow: POST', async (t) => {
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const res = await post(broker.url, '', {}, '/cimom', method);
    t.equal(res.status, 405, `${method} is 405`);
    t.equal(res.headers['allow'], 'POST', `${method}: Allow: POST`);
    t.notOk(res.headers['cimoperation'], `${method}: not a CIM response`);
  }
  const head = await post(broker.url, '', {}, '/cimom', 'HEAD');
  t.equal(head.status, 405, 'HEAD is 405');
  t.equal(head.text, '', 'HEAD has no body');
  for (const method of ['TRACE', 'PROPFIND']) {
    const raw = await exchange(rawRequest(method, {}));
    t.equal(statusLine(raw), 'HTTP/1.1 405 Method Not Allowed', `${method} is 405 too`);
    t.equal(headerOf(raw, 'Allow'), 'POST', `${method}: Allow: POST`);
  }
});

// RFC 9110 §15.5.6: a 405's Allow lists the methods the target resource supports. The health,
// metrics and page resources are read with GET (and HEAD), besides the POST every path takes.
t.test('405 to a resource that is read with GET: Allow names GET and HEAD too', async (t) => {
  for (const [method, path] of [['DELETE', '/healthz'], ['PUT', '/readyz?x=1'], ['PATCH', '/metrics'], ['DELETE', '/'],
    ['DELETE', '/sensors/simulated%3Afan1'], ['OPTIONS', '/api/v1/sensors/x/history']] as const) {
    const res = await post(broker.url, '', {}, path, method);
    t.equal(res.status, 405, `${method} ${path}`);
    t.equal(res.headers['allow'], 'GET, HEAD, POST', `${method} ${path}: Allow`);
  }
  t.equal((await post(broker.url, '', {}, '/sensors/a/b', 'DELETE')).headers['allow'], 'POST', 'a path no GET route takes: POST alone');
});

t.test('§1.4 a successful answer: status, CIM headers, exact Content-Length', async (t) => {
  const res = await post(broker.url, SMALL, SMALL_HEADERS);
  t.equal(res.status, 200);
  t.match(res.headers['content-type'], /^application\/xml;\s*charset="?utf-8"?$/i, 'Content-Type application/xml in UTF-8');
  t.equal(res.headers['cimoperation'], 'MethodResponse', 'CIMOperation: MethodResponse');
  t.equal(res.headers['content-length'], String(Buffer.byteLength(res.text)), 'Content-Length is the byte length of the body');
  t.notOk(res.headers['transfer-encoding'], 'not chunked without TE: trailers');
  t.notOk(res.headers['cimmethod'], 'no CIMMethod in a response');
  t.notOk(res.headers['cimobject'], 'no CIMObject in a response');
  t.match(res.text, /^<\?xml version="1\.0" encoding="utf-8" \?>/, 'the XML declaration names UTF-8');
});

t.test('§1.4 a CIM error is HTTP 200 with CIMOperation and an ERROR element', async (t) => {
  const body = imethodBody('GetClass', CIMV2, '<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="No_Such"/></IPARAMVALUE>');
  const res = await post(broker.url, body, cimHeaders('GetClass', CIMV2));
  t.equal(res.status, 200);
  t.equal(res.headers['cimoperation'], 'MethodResponse');
  t.notOk(res.headers['cimerror'], 'no CIMError header');
  t.match(res.text, /<IMETHODRESPONSE NAME="GetClass"><ERROR CODE="6" DESCRIPTION="[^"]*No_Such[^"]*"\/><\/IMETHODRESPONSE>/);
});

t.test('§0 MESSAGE ID is echoed; versions are sent as 2.0 / 2.0 / 1.0', async (t) => {
  for (const [wire, id] of [['1001', '1001'], ['0', '0'], ['opaque Ünïcode id', 'opaque Ünïcode id'], ['a&amp;b&lt;c&quot;d', 'a&b<c"d']]) {
    const res = await post(broker.url, imethodBody('EnumerateClassNames', CIMV2, '', wire), SMALL_HEADERS);
    t.equal(decodeResponse(res.text).messageId, id, `ID ${wire} echoed`);
    t.ok(res.text.includes(`<MESSAGE ID="${wire}" PROTOCOLVERSION="1.0">`), `ID ${wire} written back escaped the same way`);
  }
  const newer = SMALL.replace('CIMVERSION="2.0" DTDVERSION="2.0"', 'CIMVERSION="2.3.1" DTDVERSION="2.4"').replace('PROTOCOLVERSION="1.0"', 'PROTOCOLVERSION="1.4"');
  const res = await post(broker.url, newer, SMALL_HEADERS);
  t.equal(res.status, 200, 'M.N.U versions with the supported majors are accepted');
  t.ok(res.text.includes('<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1001" PROTOCOLVERSION="1.0">'), 'the answer uses 2.0 / 2.0 / 1.0');
});

t.test('§1.5 unsupported versions: 501 with the CIMError of each', async (t) => {
  const cases: [string, string, string][] = [
    ['CIMVERSION="2.0"', 'CIMVERSION="3.0"', 'unsupported-cim-version'],
    ['CIMVERSION="2.0"', 'CIMVERSION="1.9"', 'unsupported-cim-version'],
    ['DTDVERSION="2.0"', 'DTDVERSION="1.1"', 'unsupported-dtd-version'],
    ['PROTOCOLVERSION="1.0"', 'PROTOCOLVERSION="2.0"', 'unsupported-protocol-version'],
    ['PROTOCOLVERSION="1.0"', 'PROTOCOLVERSION="one"', 'unsupported-protocol-version'],
  ];
  for (const [from, to, cimError] of cases) {
    fault(t, await post(broker.url, SMALL.replace(from, to), SMALL_HEADERS), 501, cimError, to);
  }
});

t.test('§1.2 CIMProtocolVersion: absent means 1.0; must agree with the message; other majors are 501', async (t) => {
  t.equal((await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMProtocolVersion: '1.0' })).status, 200, 'agreeing header');
  const v14 = SMALL.replace('PROTOCOLVERSION="1.0"', 'PROTOCOLVERSION="1.4"');
  t.equal((await post(broker.url, v14, { ...SMALL_HEADERS, CIMProtocolVersion: '1.4' })).status, 200, '1.4 in both');
  t.equal((await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMProtocolVersion: '1.0.0' })).status, 200, 'the same version written 1.0.0');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMProtocolVersion: '1.1' }), 400, 'header-mismatch', 'header 1.1, message 1.0');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMProtocolVersion: '2.0' }), 501, 'unsupported-protocol-version', 'header 2.0');
});

t.test('§1.2 CIMOperation: required, MethodCall without case', async (t) => {
  const { CIMOperation: _, ...without } = SMALL_HEADERS;
  fault(t, await post(broker.url, SMALL, without), 400, undefined, 'missing CIMOperation (not a CIM request)');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMOperation: 'MethodRequest' }), 400, 'unsupported-operation', 'MethodRequest');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMOperation: 'MethodResponse' }), 400, 'unsupported-operation', 'MethodResponse');
  t.equal((await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMOperation: 'methodcall' })).status, 200, 'methodcall in lower case');
});

t.test('§1.2 batched requests are not supported', async (t) => {
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMBatch: 'CIMBatch' }), 501, 'multiple-requests-unsupported', 'CIMBatch header');
  const simple = /<SIMPLEREQ>.*<\/SIMPLEREQ>/.exec(SMALL)![0];
  const multi = SMALL.replace(simple, `<MULTIREQ>${simple}${simple}</MULTIREQ>`);
  fault(t, await post(broker.url, multi, { ...SMALL_HEADERS, CIMBatch: 'CIMBatch' }), 501, 'multiple-requests-unsupported', 'MULTIREQ body with CIMBatch');
  fault(t, await post(broker.url, multi, SMALL_HEADERS), 400, 'header-mismatch', 'MULTIREQ body without CIMBatch');
});

t.test('§1.3 CIMMethod: required, percent-decoded, compared without case', async (t) => {
  const { CIMMethod: _, ...without } = SMALL_HEADERS;
  fault(t, await post(broker.url, SMALL, without), 400, 'header-mismatch', 'missing CIMMethod');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMMethod: '' }), 400, 'header-mismatch', 'empty CIMMethod');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMMethod: 'EnumerateClasses' }), 400, 'header-mismatch', 'another operation');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMMethod: 'Enumerate%ZZ' }), 400, 'header-mismatch', 'undecodable escape');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMMethod: '%C3%28' }), 400, 'header-mismatch', 'escapes that are not UTF-8');
  t.equal((await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMMethod: 'enumerateCLASSNAMES' })).status, 200, 'other case');
  t.equal((await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMMethod: '%45numerateClassNames' })).status, 200, 'percent-encoded letters');
});

t.test('§1.3 CIMObject of an intrinsic call: the namespace, encoded or not, without case', async (t) => {
  for (const object of ['root%2Fcimv2', 'root/cimv2', 'ROOT%2fCIMV2', 'Root/CIMv2']) {
    t.equal((await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMObject: object })).status, 200, `CIMObject: ${object}`);
  }
  const { CIMObject: _, ...without } = SMALL_HEADERS;
  fault(t, await post(broker.url, SMALL, without), 400, 'header-mismatch', 'missing CIMObject');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMObject: 'root%2Finterop' }), 400, 'header-mismatch', 'another namespace');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMObject: 'root' }), 400, 'header-mismatch', 'a prefix of the namespace');
  fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMObject: 'root%2' }), 400, 'header-mismatch', 'truncated escape');
});

t.test('§1.3 CIMObject of an extrinsic call: the instance path, keys in any order, encoded or not', async (t) => {
  const body = methodBody('SetSpeed', CIMV2, 'OMC_Fan', FAN, '<PARAMVALUE NAME="DesiredSpeed" PARAMTYPE="uint64"><VALUE>5000</VALUE></PARAMVALUE>');
  const headers = (object: string, encode = true) => ({ ...cimHeaders('SetSpeed', CIMV2), CIMObject: encode ? encodeURIComponent(object) : object });
  const canonical = methodObject(CIMV2, 'OMC_Fan', FAN);
  const reversed = methodObject(CIMV2, 'OMC_Fan', Object.fromEntries(Object.entries(FAN).reverse()));
  const sorted = methodObject(CIMV2, 'OMC_Fan', Object.fromEntries(Object.entries(FAN).sort()));
  const otherCase = `ROOT/CIMV2:omc_fan.${Object.entries(FAN).map(([k, v]) => `${k.toUpperCase()}="${v}"`).join(',')}`;
  for (const [label, object, encode] of [
    ['keys in declaration order, encoded', canonical, true], ['keys reversed', reversed, true], ['keys sorted (pywbem)', sorted, true],
    ['unencoded', canonical, false], ['names in another case', otherCase, true],
  ] as const) {
    const res = await post(broker.url, body, headers(object, encode));
    t.equal(res.status, 200, label);
    t.equal(decodeResponse(res.text).name, 'SetSpeed', `${label}: a METHODRESPONSE`);
  }
  const mismatches: [string, string][] = [
    ['another key value', canonical.replace('simulated:fan1', 'simulated:fan2')],
    ['a key missing', canonical.replace(/,DeviceID="[^"]*"/, '')],
    ['an extra key', `${canonical},Extra="x"`],
    ['another class', canonical.replace(':OMC_Fan.', ':CIM_Fan.')],
    ['another namespace', canonical.replace('root/cimv2:', 'root/interop:')],
    ['no namespace', canonical.replace('root/cimv2:', '')],
    ['the class path only', `${CIMV2}:OMC_Fan`],
    ['only the namespace', CIMV2],
    ['an unterminated quoted value', canonical.slice(0, -1)],
  ];
  for (const [label, object] of mismatches) fault(t, await post(broker.url, body, headers(object)), 400, 'header-mismatch', label);
});

t.test('§1.3 CIMObject of a static method call: namespace:class', async (t) => {
  const body = classMethodBody('SetSpeed', CIMV2, 'OMC_Fan');
  const ok = await post(broker.url, body, { ...cimHeaders('SetSpeed', CIMV2), CIMObject: 'root%2Fcimv2%3Aomc_fan' });
  t.equal(ok.status, 200, 'namespace:class, class name without case');
  fault(t, await post(broker.url, body, cimHeaders('SetSpeed', `${CIMV2}:CIM_Fan`)), 400, 'header-mismatch', 'another class');
  fault(t, await post(broker.url, body, cimHeaders('SetSpeed', CIMV2)), 400, 'header-mismatch', 'the namespace only');
});

t.test('§1.2 Content-Type: application/xml or text/xml in UTF-8', async (t) => {
  for (const type of ['application/xml', 'text/xml', 'text/xml; charset=utf-8', 'Application/XML; Charset="UTF-8"', 'application/xml; charset=utf8']) {
    t.equal((await post(broker.url, SMALL, { ...SMALL_HEADERS, 'Content-Type': type })).status, 200, type);
  }
  for (const type of ['application/json', 'text/plain; charset=utf-8', 'application/xml; charset=iso-8859-1', 'application/xml; charset=u-tf8', 'application/xml; charset=utf-8x']) {
    fault(t, await post(broker.url, SMALL, { ...SMALL_HEADERS, 'Content-Type': type }), 400, 'request-not-valid', type);
  }
});

t.test('§1.2 body framing: Content-Length, chunked requests, limits', async (t) => {
  const headers = { ...SMALL_HEADERS, 'Content-Type': 'application/xml; charset="utf-8"' };
  const chunked = `${Buffer.byteLength(SMALL).toString(16)}\r\n${SMALL}\r\n0\r\n\r\n`;
  const raw = await exchange(rawRequest('POST', { ...headers, 'Transfer-Encoding': 'chunked' }, chunked));
  t.equal(statusLine(raw), 'HTTP/1.1 200 OK', 'a chunked request body is read');

  const missing = await exchange(rawRequest('POST', headers));
  t.equal(statusLine(missing), 'HTTP/1.1 411 Length Required', 'neither Content-Length nor chunked: 411');

  const tooLarge = await exchange(rawRequest('POST', { ...headers, 'Content-Length': String(2 * 1024 * 1024) }, '<CIM'));
  t.equal(statusLine(tooLarge), 'HTTP/1.1 413 Payload Too Large', 'a body above bodyBytes is refused before it is read');

  const negative = await exchange(rawRequest('POST', { ...headers, 'Content-Length': '-1' }));
  t.equal(statusLine(negative), 'HTTP/1.1 400 Bad Request', 'a negative Content-Length is 400');

  // The server closes after its answer (Connection: close): a long quiet time costs nothing, and covers a slow answer.
  const continued = await exchange(rawRequest('POST', { ...headers, Expect: '100-continue', 'Content-Length': String(Buffer.byteLength(SMALL)) }, SMALL), 5000);
  t.equal(statusLine(continued), 'HTTP/1.1 100 Continue', 'Expect: 100-continue is honoured');
  t.match(continued, /\r\n\r\nHTTP\/1\.1 200 OK\r\n/, '… then the answer to the body');
});

t.test('RFC 9110 §10.1.1 a body the answer would refuse is not asked for: no 100 Continue before 413 or 401', async (t) => {
  const headers = { ...SMALL_HEADERS, 'Content-Type': 'application/xml; charset="utf-8"', Expect: '100-continue' };
  const tooLarge = await exchange(rawRequest('POST', { ...headers, 'Content-Length': String(2 * 1024 * 1024) }));
  t.equal(statusLine(tooLarge), 'HTTP/1.1 413 Payload Too Large', 'a body above bodyBytes: the final answer at once');
  t.equal(headerOf(tooLarge, 'content-type'), 'text/plain; charset=utf-8', 'in plain text, as every other HTTP-level refusal');
  t.match(tooLarge, /\r\n\r\nthe request body is larger than limits\.bodyBytes \(\d+ bytes\)\n$/, 'naming the limit');
  t.equal(headerOf(tooLarge, 'connection'), 'close', 'and closing: the client may still send the body');

  const users = join(t.testdir(), 'users');
  await setUser(users, 'ops', 'ops-pass', { scrypt: FAST_SCRYPT });
  const authenticator = new Authenticator({ users: await UserStore.open(users), limiter: new AuthFailureLimiter({ maxFailures: 0 }) });
  const secured = await startTestBroker({ listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true }], authenticator });
  t.teardown(() => secured.close());
  const securedPort = Number(new URL(secured.url).port);
  const anonymous = await exchange(rawRequest('POST', { ...headers, 'Content-Length': String(Buffer.byteLength(SMALL)) }), 300, securedPort);
  t.equal(statusLine(anonymous), 'HTTP/1.1 401 Unauthorized', 'no credentials: 401 without 100 Continue first');
  const authorization = `Basic ${Buffer.from('ops:ops-pass').toString('base64')}`;
  const signedIn = await exchange(rawRequest('POST', { ...headers, Authorization: authorization, 'Content-Length': String(Buffer.byteLength(SMALL)) }), 300, securedPort);
  t.equal(statusLine(signedIn), 'HTTP/1.1 100 Continue', 'credentials accepted: 100 Continue');
});

t.test('HTTP/1.1 keep-alive: one connection serves successive requests', async (t) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => agent.destroy());
  const send = (body: string) => new Promise<{ status: number; reused: boolean; connection: string | undefined }>((resolve, reject) => {
    const req = httpRequest(new URL('/cimom', broker.url), {
      method: 'POST', agent, headers: { ...SMALL_HEADERS, 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, reused: req.reusedSocket, connection: res.headers['connection'] }));
    });
    req.on('error', reject);
    req.end(body);
  });
  const first = await send(SMALL);
  const second = await send(SMALL);
  const third = await send(SMALL.replace('EnumerateClassNames', 'No_Such_Operation'));
  t.same([first.status, second.status, third.status], [200, 200, 400], 'three answers');
  t.equal(first.connection, 'keep-alive', 'the server keeps the connection');
  t.ok(second.reused && third.reused, 'the same socket carried the following requests, a 400 included');
});

t.test('§1.7 chunked answers with trailers only when the client sent TE: trailers', async (t) => {
  for (const te of ['trailers', 'chunked, trailers', 'Trailers']) {
    const res = await post(broker.url, LARGE, { ...LARGE_HEADERS, TE: te });
    t.equal(res.status, 200, `TE: ${te}`);
    t.equal(res.headers['transfer-encoding'], 'chunked', `TE: ${te}: chunked`);
    t.notOk(res.headers['content-length'], `TE: ${te}: no Content-Length`);
    t.equal(res.headers['trailer'], 'CIMStatusCode, CIMStatusCodeDescription', `TE: ${te}: trailers announced`);
    t.equal(res.headers['cimoperation'], 'MethodResponse', `TE: ${te}: CIMOperation`);
    t.same(res.trailers, { cimstatuscode: '0' }, `TE: ${te}: CIMStatusCode 0 and no description`);
    t.ok(returned(decodeResponse(res.text)).length > 100, `TE: ${te}: the whole document`);
  }
  const plain = await post(broker.url, LARGE, LARGE_HEADERS);
  t.notOk(plain.headers['transfer-encoding'], 'without TE the same answer is not chunked');
  t.equal(plain.headers['content-length'], String(Buffer.byteLength(plain.text)), 'and carries its Content-Length');
  t.same(plain.trailers, {}, 'and no trailers');
  const gzipOnly = await post(broker.url, LARGE, { ...LARGE_HEADERS, TE: 'gzip' });
  t.notOk(gzipOnly.headers['transfer-encoding'], 'TE without trailers: not chunked');
  const small = await post(broker.url, SMALL, { ...SMALL_HEADERS, TE: 'trailers' });
  t.notOk(small.headers['transfer-encoding'], 'a small answer is sent whole even when trailers are accepted');
  t.equal(small.headers['content-length'], String(Buffer.byteLength(small.text)), 'with its Content-Length');
});

t.test('§1.7 an answer that fails while streaming ends with CIMStatusCode and a percent-encoded CIMStatusCodeDescription', async (t) => {
  // A generation whose last fan cannot be written, with a value no header field may carry as such.
  const own = await startBrokerFailingMidStream(broker, '温度\r\n%');
  t.teardown(() => own.close());
  const body = imethodBody('EnumerateInstances', CIMV2, '<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="CIM_Fan"/></IPARAMVALUE>');
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the answer never ended')), 5000).unref());
  const res = await Promise.race([post(own.url, body, { ...cimHeaders('EnumerateInstances', CIMV2), TE: 'trailers' }), timeout]);
  t.equal(res.headers['transfer-encoding'], 'chunked', 'streamed');
  t.equal(res.trailers['cimstatuscode'], '1', 'CIM_ERR_FAILED in the trailer: the client discards the cut document');
  const description = res.trailers['cimstatuscodedescription'] ?? '';
  t.match(description, /^[\x20-\x7e]+$/, 'printable ASCII only');
  t.match(decodeURIComponent(description), /HealthState.*温度\\r\\n%/, 'the description percent-decodes to the text (OpenPegasus clients decode it so)');
});

t.test('§1.7 an HTTP/1.0 request is never answered chunked, even with TE: trailers (RFC 9112 §6.1)', async (t) => {
  const headers = { ...LARGE_HEADERS, TE: 'trailers', 'Content-Length': String(Buffer.byteLength(LARGE)) };
  const raw = await exchange(rawRequest('POST', headers, LARGE, 'HTTP/1.0'));
  t.match(statusLine(raw), /^HTTP\/1\.[01] 200 /, 'answered');
  t.notOk(headerOf(raw, 'Transfer-Encoding'), 'no Transfer-Encoding');
  t.notOk(headerOf(raw, 'Trailer'), 'no trailers announced');
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  t.equal(headerOf(raw, 'Content-Length'), String(Buffer.byteLength(body)), 'the whole body with its Content-Length');
  t.ok(returned(decodeResponse(body)).length > 100, 'a document the client can read');
  const eleven = await exchange(rawRequest('POST', headers, LARGE, 'HTTP/1.1'));
  t.equal(headerOf(eleven, 'Transfer-Encoding'), 'chunked', 'the same request over HTTP/1.1 streams chunked');
});

t.test('§1.5 protocol faults: XML that is not well-formed, not valid, not UTF-8', async (t) => {
  fault(t, await post(broker.url, SMALL.slice(0, -10), SMALL_HEADERS), 400, 'request-not-well-formed', 'truncated body');
  fault(t, await post(broker.url, '', SMALL_HEADERS), 400, 'request-not-well-formed', 'empty body');
  fault(t, await post(broker.url, Buffer.concat([Buffer.from(SMALL.slice(0, 60)), Buffer.from([0xc3, 0x28]), Buffer.from(SMALL.slice(60))]), SMALL_HEADERS),
    400, 'request-not-well-formed', 'invalid UTF-8');
  fault(t, await post(broker.url, SMALL.replace(/<LOCALNAMESPACEPATH>.*<\/LOCALNAMESPACEPATH>/, ''), SMALL_HEADERS),
    400, 'request-not-valid', 'IMETHODCALL without LOCALNAMESPACEPATH');
  fault(t, await post(broker.url, SMALL.replace('<SIMPLEREQ>', '<SIMPLEREQ><BOGUS/>'), SMALL_HEADERS), 400, 'request-not-valid', 'unknown element');
  fault(t, await post(broker.url, SMALL.replace(' ID="1001"', ''), SMALL_HEADERS), 400, 'request-not-valid', 'MESSAGE without ID');
  fault(t, await post(broker.url, SMALL.replace(/<CIM .*<\/CIM>/, '<NOTCIM/>'), SMALL_HEADERS), 400, 'request-not-valid', 'another root element');
  fault(t, await post(broker.url, SMALL.replace('<SIMPLEREQ>', '<SIMPLERSP>').replace('</SIMPLEREQ>', '</SIMPLERSP>'), SMALL_HEADERS),
    400, 'request-not-valid', 'a response sent as a request');
});

t.test('§1.5 CIMError values come in the order faults are checked (OpenPegasus order)', async (t) => {
  const broken = SMALL.slice(0, -10);
  fault(t, await post(broker.url, broken, { ...SMALL_HEADERS, CIMOperation: 'Bogus', CIMBatch: '' }), 400, 'unsupported-operation',
    'CIMOperation before CIMBatch');
  fault(t, await post(broker.url, broken, { ...SMALL_HEADERS, CIMBatch: '', CIMMethod: '' }), 501, 'multiple-requests-unsupported',
    'CIMBatch before CIMMethod');
  fault(t, await post(broker.url, broken, { ...SMALL_HEADERS, CIMMethod: '%ZZ', 'Content-Type': 'text/plain' }), 400, 'header-mismatch',
    'CIMMethod decoding before Content-Type');
  fault(t, await post(broker.url, broken, { ...SMALL_HEADERS, 'Content-Type': 'text/plain' }), 400, 'request-not-valid',
    'Content-Type before the body');
  fault(t, await post(broker.url, SMALL.replace('CIMVERSION="2.0"', 'CIMVERSION="9.0"').slice(0, -10), SMALL_HEADERS), 501,
    'unsupported-cim-version', 'the CIM start tag before the rest of the body');
  fault(t, await post(broker.url, SMALL.replace('PROTOCOLVERSION="1.0"', 'PROTOCOLVERSION="7.0"'), { ...SMALL_HEADERS, CIMMethod: 'GetClass' }), 501,
    'unsupported-protocol-version', 'MESSAGE before the method name');
  fault(t, await post(broker.url, SMALL.replace(/<LOCALNAMESPACEPATH>.*<\/LOCALNAMESPACEPATH>/, ''), { ...SMALL_HEADERS, CIMMethod: 'GetClass' }), 400,
    'request-not-valid', 'the SIMPLEREQ structure before the method name');
  const mismatch = await post(broker.url, SMALL, { ...SMALL_HEADERS, CIMMethod: 'GetClass', CIMObject: 'root%2Finterop' });
  fault(t, mismatch, 400, 'header-mismatch', 'CIMMethod mismatch before CIMObject mismatch');
  t.match(mismatch.text, /CIMMethod GetClass/, 'the text names the CIMMethod header');
  const badValue = imethodBody('GetInstance', CIMV2, '<IPARAMVALUE NAME="InstanceName"><INSTANCENAME CLASSNAME="OMC_Fan"><KEYBINDING NAME="DeviceID">' +
    '<KEYVALUE VALUETYPE="numeric" TYPE="uint16">abc</KEYVALUE></KEYBINDING></INSTANCENAME></IPARAMVALUE>');
  const late = await post(broker.url, badValue, cimHeaders('GetInstance', CIMV2));
  t.equal(late.status, 200, 'with matching headers, a parameter value that does not decode is a CIM error');
  t.match(late.text, /<IMETHODRESPONSE NAME="GetInstance"><ERROR CODE="4" DESCRIPTION="[^"]*abc[^"]*"\/>/, 'CIM_ERR_INVALID_PARAMETER naming the value');
});

t.test('§1.1 RFC 2774 Opt: declaration with POST: the NN- prefixed CIM headers are read', async (t) => {
  const res = await post(broker.url, SMALL, {
    'Content-Type': 'application/xml; charset="utf-8"', Opt: '"http://www.dmtf.org/cim/mapping/http/v1.0"; ns=42',
    '42-CIMOperation': 'MethodCall', '42-CIMMethod': 'EnumerateClassNames', '42-CIMObject': 'root%2Fcimv2',
  });
  t.equal(res.status, 200);
  t.equal(decodeResponse(res.text).error, undefined);
});
