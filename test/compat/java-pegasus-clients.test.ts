/**
 * Clients thincim had not been tried with, read from their public source and
 * played here byte for byte against a real broker on a loopback socket:
 *
 * - the SBLIM CIM Client for Java (sblim-cim-client2 2.2.x, the JSR48 client
 *   of many management consoles and of MetricsHub's wbem-java fork). Files:
 *   org/sblim/cimclient/internal/wbem/WBEMClientCIMXML.java (newConnection:
 *   the request headers; transmitRequestWorker: M-POST first, its fallback,
 *   the CIMError / PGErrorDetail reading), internal/http/HttpClient.java
 *   (getResponseCode: Content-length, `TE: trailers`, keep-alive, the 401
 *   retry), internal/http/Challenge.java (parseChallenge),
 *   internal/http/HttpHeader.java (examineTrailer), internal/util/
 *   WBEMConfigurationDefaults.java (HTTP_USE_MPOST = "true");
 *   MetricsHub/wbem-java's WbemClient.getAssociators calls
 *   associators(path, <WQL class as AssocClass>, null, null, null, false,
 *   <properties>, null, null, null, false, null): OpenAssociatorInstances
 *   (CIMClientXML_HelperImpl.OpenAssociatorInstances_request writes
 *   ContinueOnError always, MaxObjectCount only when given), and iterates
 *   getResponses() of that one answer, never pulling; EnumerateResponseSAX
 *   wants EndOfSequence, and a context only while it is FALSE;
 * - OpenPegasus's client library (cimcli and the tools built on it). Files:
 *   pegasus/src/Pegasus/Common/XmlWriter.cpp (appendMethodCallHeader: the
 *   request headers), pegasus/src/Pegasus/Client/
 *   CIMOperationResponseDecoder.cpp (the response checks, PGErrorDetail and
 *   CIMStatusCodeDescription decoded with XmlReader::decodeURICharacters);
 * - pywbem: pywbem/_cim_http.py (PGErrorDetail of an HTTP error, unquoted)
 *   and WBEMServer.get_central_instances in pywbem/_server.py, which calls
 *   GetCentralInstances on a registered profile (always in 0.x; in 1.x with
 *   try_gci_method) and goes on to the DSP1033 associations only when that
 *   fails with CIM_ERR_NOT_SUPPORTED, CIM_ERR_METHOD_NOT_AVAILABLE or
 *   CIM_ERR_METHOD_NOT_FOUND (1.x: or CIM_ERR_FAILED), raising anything else
 *   (CIM_ERR_ACCESS_DENIED too).
 */
import { connect, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { decodeResponse } from '../../src/cimxml/index.js';
import { SIM, imethodBody, methodBody, outText, p, returned, startBrokerFailingMidStream, startTestBroker, type TestBroker } from '../helpers/broker.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const CIMV2 = 'root/cimv2';
const FAN = SIM.device('OMC_Fan', 'fan1');

let broker: TestBroker;
let port: number;

t.before(async () => {
  broker = await startTestBroker();
  port = Number(new URL(broker.url).port);
});
t.teardown(() => broker.close());

interface Answer {
  status: number;
  /** Lower-cased names. */
  headers: Map<string, string>;
  body: string;
  trailers: Map<string, string>;
}

/**
 * One client connection, requests written by hand and answers read as the
 * Java client reads them: status line, header lines, then the body by
 * Content-length or by chunks followed by trailer lines.
 */
class Connection {
  readonly #socket: Socket;
  #buffer = Buffer.alloc(0);
  #closed = false;
  #wake: (() => void) | undefined;

  constructor(to: number) {
    this.#socket = connect(to, '127.0.0.1');
    this.#socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake?.();
    });
    this.#socket.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
    this.#socket.on('error', () => undefined);
  }

  get closed(): boolean {
    return this.#closed;
  }

  async exchange(request: string): Promise<Answer> {
    this.#socket.write(request);
    const [status = '', ...lines] = (await this.#line('\r\n\r\n')).split('\r\n');
    const headers = fields(lines);
    const body = headers.get('transfer-encoding') === 'chunked'
      ? await this.#chunks()
      : await this.#bytes(Number(headers.get('content-length') ?? 0));
    const trailers = headers.get('transfer-encoding') === 'chunked' ? fields((await this.#line('\r\n\r\n', true)).split('\r\n')) : new Map<string, string>();
    return { status: Number(status.split(' ')[1]), headers, body: body.toString('utf8'), trailers };
  }

  /** Resolves once the server has closed the connection. */
  async ended(): Promise<void> {
    while (!this.#closed) await this.#more();
  }

  close(): void {
    this.#socket.destroy();
  }

  async #chunks(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const size = parseInt(await this.#line('\r\n'), 16);
      if (size === 0) return Buffer.concat(parts);
      parts.push(await this.#bytes(size));
      await this.#bytes(2);
    }
  }

  /** Text up to `end`; `emptyOk`: the end may come at once (a chunked body without trailers). */
  async #line(end: string, emptyOk = false): Promise<string> {
    for (;;) {
      if (emptyOk && this.#buffer.subarray(0, 2).toString('latin1') === '\r\n') {
        this.#buffer = this.#buffer.subarray(2);
        return '';
      }
      const at = this.#buffer.indexOf(end);
      if (at >= 0) {
        const text = this.#buffer.subarray(0, at).toString('latin1');
        this.#buffer = this.#buffer.subarray(at + end.length);
        return text;
      }
      await this.#more();
    }
  }

  async #bytes(count: number): Promise<Buffer> {
    while (this.#buffer.length < count) await this.#more();
    const bytes = this.#buffer.subarray(0, count);
    this.#buffer = this.#buffer.subarray(count);
    return bytes;
  }

  #more(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('the server closed the connection'));
    return new Promise((resolve) => {
      this.#wake = () => {
        this.#wake = undefined;
        resolve();
      };
    });
  }
}

function fields(lines: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

/** HttpHeader.encode of the Java client: [A-Za-z0-9 -_/.*] kept (space as %20), every other byte %XX. */
function javaEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => {
    const c = String.fromCharCode(b);
    if (c === ' ') return '%20';
    return /[A-Za-z0-9\-_/.*]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** java.net.URLDecoder.decode(text, "UTF-8"), as HttpHeader.examineTrailer and transmitRequestWorker read fields: '+' is a space. */
function javaDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/** XmlReader::decodeURICharacters of OpenPegasus: %XX only. */
function pegasusDecode(text: string): string {
  return decodeURIComponent(text);
}

/**
 * A request as WBEMClientCIMXML.newConnection and HttpClient.getResponseCode
 * write it: M-POST with the `NN-` prefixed CIM headers (Man: …;ns=NN) or POST
 * with plain ones, TE: trailers, Connection: Keep-alive.
 */
function javaRequest(method: 'POST' | 'M-POST', cimMethod: string, cimObject: string, body: string, extra: Record<string, string> = {}): string {
  const prefix = method === 'M-POST' ? '11-' : '';
  const lines = [
    `${method} /cimom HTTP/1.1`,
    'Content-type: application/xml; charset="utf-8"',
    'Accept: text/html, text/xml, application/xml',
    'Cache-Control: no-cache',
    'Content-Language: en-US',
    'Accept-Language: en-US, *',
    ...(method === 'M-POST' ? ['Man: http://www.dmtf.org/cim/mapping/http/v1.0;ns=11'] : []),
    `${prefix}CIMProtocolVersion: 1.0`,
    `${prefix}CIMOperation: MethodCall`,
    `${prefix}CIMMethod: ${javaEncode(cimMethod)}`,
    `${prefix}CIMObject: ${javaEncode(cimObject)}`,
    'Host: 127.0.0.1',
    `Content-length: ${Buffer.byteLength(body)}`,
    'TE: trailers',
    'Connection: Keep-alive',
    ...Object.entries(extra).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

const ENUMERATE_FANS = imethodBody('EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'));

t.test('sblim-cim-client2: M-POST (its default) is refused so that it falls back to POST, then POST works', async (t) => {
  const connection = new Connection(port);
  t.teardown(() => connection.close());
  const refused = await connection.exchange(javaRequest('M-POST', 'EnumerateInstanceNames', CIMV2, ENUMERATE_FANS));
  // transmitRequestWorker: on 501 it falls back to POST only when neither CIMProtocolVersion nor CIMError came back.
  t.equal(refused.status, 501, '501 Not Implemented');
  t.notOk(refused.headers.has('cimerror'), 'no CIMError: the client takes a 501 with CIMError for a final refusal');
  t.notOk(refused.headers.has('cimprotocolversion'), 'no CIMProtocolVersion either');
  await connection.ended();

  const retry = new Connection(port);
  t.teardown(() => retry.close());
  const answer = await retry.exchange(javaRequest('POST', 'EnumerateInstanceNames', CIMV2, ENUMERATE_FANS));
  t.equal(answer.status, 200, 'the POST that follows is served');
  t.equal(answer.headers.get('cimoperation'), 'MethodResponse');
  t.equal(decodeResponse(answer.body).error, undefined, 'with the operation\'s answer');
  t.ok(returned(decodeResponse(answer.body)).length > 0, 'the fans');
});

t.test('MetricsHub wbem-java getAssociators: an OpenAssociatorInstances without MaxObjectCount answers no instance (DSP0200\'s default 0, as OpenPegasus)', async (t) => {
  const connection = new Connection(port);
  t.teardown(() => connection.close());
  const ask = async (maxObjectCount?: number) => {
    const body = imethodBody('OpenAssociatorInstances', CIMV2, p.instanceName('InstanceName', 'Thincim_ComputerSystem', SIM.system)
      + p.className('AssocClass', 'CIM_SystemDevice') + p.value('IncludeClassOrigin', false) + p.value('ContinueOnError', false)
      + (maxObjectCount === undefined ? '' : p.value('MaxObjectCount', maxObjectCount)));
    const answer = decodeResponse((await connection.exchange(javaRequest('POST', 'OpenAssociatorInstances', CIMV2, body))).body);
    t.equal(answer.error, undefined, `MaxObjectCount ${maxObjectCount ?? 'absent'}: answered`);
    return { answer, end: outText(answer, 'EndOfSequence'), context: outText(answer, 'EnumerationContext') };
  };
  const asMetricsHub = await ask();
  t.same([returned(asMetricsHub.answer).length, asMetricsHub.end], [0, 'FALSE'], 'no instance in the only answer it reads; the sequence goes on');
  t.ok(asMetricsHub.context, 'with the context EnumerateResponseSAX requires while EndOfSequence is FALSE');
  const close = imethodBody('CloseEnumeration', CIMV2, p.value('EnumerationContext', asMetricsHub.context!));
  t.equal(decodeResponse((await connection.exchange(javaRequest('POST', 'CloseEnumeration', CIMV2, close))).body).error, undefined, 'closed (MetricsHub leaves it to expire)');
  const counted = await ask(1000);
  t.ok(returned(counted.answer).length > 0 && counted.end === 'TRUE', 'with a MaxObjectCount, the devices, and the sequence ends');
});

t.test('sblim-cim-client2: its Basic handshake on one kept-alive connection', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'thincim-java-'));
  const secured = await startTestBroker({
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true }],
    authenticator: await testAuthenticator(await writeUsers(dir, { ops: { role: 'readonly', password: 'ops-pass' } })),
  });
  t.teardown(async () => {
    await secured.close();
    await rm(dir, { recursive: true });
  });
  const connection = new Connection(Number(new URL(secured.url).port));
  t.teardown(() => connection.close());
  // The first request goes without credentials (WwwAuthInfo is not sent on the first request).
  const challenged = await connection.exchange(javaRequest('POST', 'EnumerateInstanceNames', CIMV2, ENUMERATE_FANS));
  t.equal(challenged.status, 401, 'challenged');
  // HttpClient keeps the socket when the 401 has a length, and reads nothing more of it before the retry.
  t.equal(challenged.headers.get('content-length'), '0', 'an empty 401 with its length: nothing left on the socket');
  t.not(challenged.headers.get('connection')?.toLowerCase(), 'close', 'the connection stays open');
  // Challenge.parseChallenge: scheme, then name=value pairs, quoted strings without escapes.
  const challenge = challenged.headers.get('www-authenticate') ?? '';
  t.match(challenge, /^Basic realm="[^"\\]+"(, *[A-Za-z]+="[^"\\]*")*$/, 'a Basic challenge the Java parser reads');
  const signedIn = await connection.exchange(javaRequest('POST', 'EnumerateInstanceNames', CIMV2, ENUMERATE_FANS,
    { Authorization: `Basic ${Buffer.from('ops:ops-pass').toString('base64')}` }));
  t.equal(signedIn.status, 200, 'the retry on the same socket is served');
  t.ok(returned(decodeResponse(signedIn.body)).length > 0, 'with the fans');
  t.notOk(connection.closed, 'and the connection is still there for the next operation');
});

t.test('sblim-cim-client2: an extrinsic call with its CIMObject (MOF.objectHandle, HttpHeader.encode) is not a header mismatch', async (t) => {
  const connection = new Connection(port);
  t.teardown(() => connection.close());
  const object = `${CIMV2}:OMC_Fan.${Object.entries(FAN).map(([k, v]) => `${k}="${v}"`).join(',')}`;
  const answer = await connection.exchange(javaRequest('POST', 'RequestStateChange', object,
    methodBody('RequestStateChange', CIMV2, 'OMC_Fan', FAN, '<PARAMVALUE NAME="RequestedState" PARAMTYPE="uint16"><VALUE>3</VALUE></PARAMVALUE>')));
  t.equal(answer.status, 200, 'served');
  t.equal(answer.headers.get('cimoperation'), 'MethodResponse');
  const response = decodeResponse(answer.body);
  t.equal(response.kind, 'methodresponse', 'a METHODRESPONSE');
  t.equal(response.error?.code, 2, 'answered by the operation layer (an anonymous caller may not call methods: CIM_ERR_ACCESS_DENIED), not refused as a header mismatch');
});

t.test('OpenPegasus client: its request headers (zero-padded content-length, TE: chunked, trailers) and the response checks', async (t) => {
  const connection = new Connection(port);
  t.teardown(() => connection.close());
  const body = imethodBody('EnumerateClasses', CIMV2,
    '<IPARAMVALUE NAME="DeepInheritance"><VALUE>TRUE</VALUE></IPARAMVALUE><IPARAMVALUE NAME="LocalOnly"><VALUE>FALSE</VALUE></IPARAMVALUE>');
  // XmlWriter::appendMethodCallHeader: OUTPUT_CONTENTLENGTH writes ten digits.
  const request = [
    'POST /cimom HTTP/1.1', 'HOST: 127.0.0.1:5988', 'Content-Type: application/xml; charset=utf-8',
    `content-length: ${String(Buffer.byteLength(body)).padStart(10, '0')}`, 'TE: chunked, trailers',
    'CIMOperation: MethodCall', 'CIMMethod: EnumerateClasses', 'CIMObject: root%2Fcimv2',
  ].join('\r\n');
  const answer = await connection.exchange(`${request}\r\n\r\n${body}`);
  t.equal(answer.status, 200, 'served');
  // CIMOperationResponseDecoder: CIMOperation must be MethodResponse; Content-Type application/xml or text/xml with charset utf-8.
  t.equal(answer.headers.get('cimoperation'), 'MethodResponse', 'CIMOperation: MethodResponse');
  const [type = '', ...parameters] = (answer.headers.get('content-type') ?? '').split(';').map((s) => s.trim());
  t.equal(type.toLowerCase(), 'application/xml', 'Content-Type application/xml');
  t.same(parameters.map((s) => s.toLowerCase().replace(/"/g, '')), ['charset=utf-8'], 'charset utf-8');
  t.equal(answer.headers.get('transfer-encoding'), 'chunked', 'a large answer streams chunked');
  t.equal(answer.trailers.get('cimstatuscode'), '0', 'and ends with CIMStatusCode 0, which the decoder takes for success');
  t.ok(returned(decodeResponse(answer.body)).length > 100, 'the whole document');
});

t.test('a protocol fault explains itself in PGErrorDetail, percent-encoded, as sblim-cim-client2, OpenPegasus and pywbem read it', async (t) => {
  const connection = new Connection(port);
  t.teardown(() => connection.close());
  const answer = await connection.exchange(javaRequest('POST', 'EnumerateClassNames', CIMV2, ENUMERATE_FANS));
  t.equal(answer.status, 400, 'CIMMethod differs from the body: 400');
  t.equal(answer.headers.get('cimerror'), 'header-mismatch');
  const detail = answer.headers.get('pgerrordetail') ?? '';
  t.match(detail, /^[\x20-\x2a\x2c-\x7e]+$/, 'printable ASCII without "+", so that URLDecoder reads no space into it');
  t.equal(javaDecode(detail), answer.body.trim(), 'the Java client reads the text of the body');
  t.equal(pegasusDecode(detail), answer.body.trim(), 'so does OpenPegasus (and pywbem, which unquotes it)');
});

t.test('PGErrorDetail of any text: nothing but printable ASCII on the wire, the text back whole when short, cut between characters when long', async (t) => {
  const fault = async (cimMethod: string, body: string) => {
    const connection = new Connection(port);
    try {
      return await connection.exchange(javaRequest('POST', cimMethod, CIMV2, body));
    } finally {
      connection.close();
    }
  };
  // CIMMethod is percent-decoded before it is compared with the body, and the mismatch's text quotes both.
  const cases: [string, string, string][] = [
    ['a line break and a header after it', 'Foo%0D%0ASet-Cookie:%20x=1', 'EnumerateClassNames'],
    ['a "+" and an escape', 'a+b%252Bc', 'EnumerateClassNames'],
    ['characters beyond ASCII', '%E2%82%AC%F0%9F%98%80', 'EnumerateClassNames'],
    ['a space at the end of the text', 'B', 'A '],
  ];
  for (const [label, cimMethod, bodyName] of cases) {
    const answer = await fault(cimMethod, imethodBody(bodyName, CIMV2));
    const detail = answer.headers.get('pgerrordetail') ?? '';
    t.equal(answer.status, 400, `${label}: 400`);
    t.match(detail, /^[\x21-\x24\x26-\x2a\x2c-\x7e](?:[\x20-\x24\x26-\x2a\x2c-\x7e]|%[0-9A-F]{2})*$/, `${label}: printable ASCII, no "+" or bare "%", no space at either end`);
    t.equal(pegasusDecode(detail), answer.body.replace(/\n$/, ''), `${label}: decodes to the body's text`);
    t.equal(javaDecode(detail), answer.body.replace(/\n$/, ''), `${label}: so with URLDecoder too`);
  }
  const long = await fault('EnumerateClassNames', imethodBody('€'.repeat(1500), CIMV2));
  t.equal(long.status, 400, 'a long text: 400');
  const detail = long.headers.get('pgerrordetail') ?? '';
  t.ok(detail.length <= 1024, `a long text: at most 1,024 bytes in the field (${detail.length})`);
  const text = pegasusDecode(detail);
  t.ok(text.endsWith('…') && long.body.startsWith(text.slice(0, -1)), 'cut between whole characters, marked with "…"');
});

t.test('a streamed answer that fails: CIMStatusCodeDescription reads the same with URLDecoder (Java) and %XX decoding (OpenPegasus)', async (t) => {
  // A generation whose last fan cannot be written; its value has a '+', which URLDecoder would read as a space.
  const own = await startBrokerFailingMidStream(broker, 'one+one %2B');
  t.teardown(() => own.close());
  const connection = new Connection(Number(new URL(own.url).port));
  t.teardown(() => connection.close());
  const answer = await connection.exchange(javaRequest('POST', 'EnumerateInstances', CIMV2,
    imethodBody('EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_Fan'))));
  t.equal(answer.headers.get('trailer'), 'CIMStatusCode, CIMStatusCodeDescription', 'trailers announced (ChunkedInputStream reads them only then)');
  t.equal(answer.trailers.get('cimstatuscode'), '1', 'CIM_ERR_FAILED');
  const description = answer.trailers.get('cimstatuscodedescription') ?? '';
  t.match(pegasusDecode(description), /one\+one %2B/, 'OpenPegasus reads the value as it was');
  t.equal(javaDecode(description), pegasusDecode(description), 'and the Java client reads the same text');
});

t.test('pywbem get_central_instances: GetCentralInstances answers a caller who may only read; every other method stays CIM_ERR_ACCESS_DENIED, asked first', async (t) => {
  const call = async (method: string, object: string, body: string) => {
    const connection = new Connection(port);
    try {
      return decodeResponse((await connection.exchange(javaRequest('POST', method, object, body))).body);
    } finally {
      connection.close();
    }
  };
  const profile = SIM.profile('DSP1004');
  const profileObject = `root/interop:Thincim_RegisteredProfile.InstanceID="${profile.InstanceID}"`;
  const gci = await call('GetCentralInstances', profileObject, methodBody('GetCentralInstances', 'root/interop', 'Thincim_RegisteredProfile', profile));
  t.equal(gci.error, undefined, 'an anonymous caller gets the answer (test/server/methods.test.ts checks its content)');
  const central = gci.outParams.byName.get('CentralInstances')?.value;
  t.same(central?.kind === 'refarray' && central.items.map((path) => path?.classname), ['Thincim_ComputerSystem'], 'Base Server\'s central instance, the host');
  const fanObject = `${CIMV2}:OMC_Fan.${Object.entries(FAN).map(([k, v]) => `${k}="${v}"`).join(',')}`;
  const denied: [string, string, string, string][] = [
    ['a method the class does not declare', 'NoSuchMethod', profileObject, methodBody('NoSuchMethod', 'root/interop', 'Thincim_RegisteredProfile', profile)],
    ['a method that acts on hardware', 'Reset', fanObject, methodBody('Reset', CIMV2, 'OMC_Fan', FAN)],
    ['a method of a namespace that does not exist', 'Reset', 'root/nowhere:OMC_Fan.DeviceID="x"', methodBody('Reset', 'root/nowhere', 'OMC_Fan', { DeviceID: 'x' })],
  ];
  for (const [label, method, object, body] of denied) {
    t.equal((await call(method, object, body)).error?.code, 2, `${label}: CIM_ERR_ACCESS_DENIED, before anything is looked up (DSP0200 lists it first)`);
  }
});
