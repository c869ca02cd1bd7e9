/**
 * The CIM-XML endpoint under hostile and broken input, over raw sockets: a
 * catalogue of known attacks and protocol faults with the exact answer
 * DSP0200 §7 asks for, then thousands of seeded random mutations of valid
 * requests (bodies and headers). Every answer must be a complete HTTP
 * response: 200 with a decodable CIM-XML message (a result or an ERROR), or a
 * 4xx/5xx that carries the CIMError header wherever DSP0200 wants one. Never
 * a 500, never a connection dropped without a status, never silence. After
 * the storm the broker still answers and its heap has not grown out of bounds.
 *
 * The seed is printed; FUZZ_SEED=<n> replays a run, FUZZ_CASES=<n> changes its length.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import type { Test } from 'tap';
import { decodeResponse } from '../../src/cimxml/index.js';
import { TEST_LIMITS, cimHeaders, imethodBody, instanceNameXml, methodBody, methodObject, p, startTestBroker, type TestBroker } from '../helpers/broker.js';
import { exchange, serialize, type Exchange, type ParsedResponse, type RawRequest } from '../helpers/raw-http.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 32));
const CASES = Number(process.env['FUZZ_CASES'] ?? 3000);
const CONCURRENCY = 8;
/** Well above the broker's own request timeout, so that only a real hang trips it. */
const EXCHANGE_TIMEOUT_MS = 4 * TEST_LIMITS.requestTimeoutMs;
const BODY_LIMIT = TEST_LIMITS.bodyBytes;
/** Heap growth over the whole run after a full collection; the run itself allocates far more than this in garbage. */
const HEAP_GROWTH_BOUND = 64 * 1024 * 1024;

const CIM_ERRORS = new Set([
  'unsupported-protocol-version', 'multiple-requests-unsupported', 'unsupported-cim-version', 'unsupported-dtd-version',
  'request-not-valid', 'request-not-well-formed', 'request-not-loosely-valid', 'header-mismatch', 'unsupported-operation',
]);

const CIMV2 = 'root/cimv2';
const SENSOR = {
  SystemCreationClassName: 'Thincim_ComputerSystem', SystemName: 'testhost', CreationClassName: 'Thincim_NumericSensor', DeviceID: 'simulated:cpu1-temp',
};
const SYSTEM = { CreationClassName: 'Thincim_ComputerSystem', Name: 'testhost' };

let broker: TestBroker;
let port: number;

t.before(async () => {
  broker = await startTestBroker();
  port = Number(new URL(broker.url).port);
});
t.teardown(() => broker.close());

/** A request the broker answers with 200: the seeds every mutation starts from. */
interface Seed {
  method: string;
  object: string;
  body: string;
}

const intrinsic = (method: string, params = '', ns = CIMV2): Seed => ({ method, object: ns, body: imethodBody(method, ns, params) });
const sensorName = (name: string) => `<IPARAMVALUE NAME="${name}">${instanceNameXml('Thincim_NumericSensor', SENSOR)}</IPARAMVALUE>`;
const embedded = '&lt;INSTANCE CLASSNAME=&quot;CIM_Error&quot;&gt;&lt;PROPERTY NAME=&quot;Message&quot; TYPE=&quot;string&quot;&gt;&lt;VALUE&gt;x&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;';

const SEEDS: readonly Seed[] = [
  intrinsic('GetClass', p.className('ClassName', 'CIM_Fan') + p.value('LocalOnly', false) + p.value('IncludeQualifiers', true) + p.value('IncludeClassOrigin', true)),
  intrinsic('EnumerateClasses', p.className('ClassName', 'CIM_Sensor') + p.value('DeepInheritance', true)),
  intrinsic('EnumerateClassNames', p.value('DeepInheritance', true)),
  intrinsic('GetQualifier', p.value('QualifierName', 'ValueMap')),
  intrinsic('EnumerateQualifiers'),
  intrinsic('GetInstance', sensorName('InstanceName') + p.array('PropertyList', ['CurrentReading', 'HealthState'])),
  intrinsic('EnumerateInstances', p.className('ClassName', 'CIM_Fan') + p.value('DeepInheritance', false) + p.array('PropertyList', ['ElementName'])),
  intrinsic('EnumerateInstanceNames', p.className('ClassName', 'CIM_NumericSensor')),
  intrinsic('GetProperty', sensorName('InstanceName') + p.value('PropertyName', 'PossibleStates')),
  intrinsic('SetProperty', sensorName('InstanceName') + p.value('PropertyName', 'UpperThresholdNonCritical') + p.value('NewValue', 860)),
  intrinsic('ModifyInstance', `<IPARAMVALUE NAME="ModifiedInstance"><VALUE.NAMEDINSTANCE>${instanceNameXml('Thincim_NumericSensor', SENSOR)}` +
    '<INSTANCE CLASSNAME="Thincim_NumericSensor"><PROPERTY NAME="UpperThresholdNonCritical" TYPE="sint32"><VALUE>860</VALUE></PROPERTY>' +
    '<PROPERTY.ARRAY NAME="PossibleStates" TYPE="string"><VALUE.ARRAY><VALUE>a</VALUE><VALUE.NULL/></VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>' +
    `</VALUE.NAMEDINSTANCE></IPARAMVALUE>${p.array('PropertyList', ['UpperThresholdNonCritical'])}`),
  intrinsic('CreateInstance', `<IPARAMVALUE NAME="NewInstance"><INSTANCE CLASSNAME="CIM_Error"><PROPERTY NAME="Message" TYPE="string" EmbeddedObject="instance"><VALUE>${embedded}</VALUE></PROPERTY></INSTANCE></IPARAMVALUE>`),
  intrinsic('DeleteInstance', sensorName('InstanceName')),
  intrinsic('Associators', p.instanceName('ObjectName', 'Thincim_ComputerSystem', SYSTEM) + p.className('AssocClass', 'CIM_SystemDevice') + p.value('Role', 'GroupComponent')),
  intrinsic('AssociatorNames', p.className('ObjectName', 'CIM_Fan')),
  intrinsic('References', p.instanceName('ObjectName', 'Thincim_RegisteredProfile', { InstanceID: 'Thincim:DSP1004' }), 'root/interop'),
  intrinsic('ReferenceNames', p.instanceName('ObjectName', 'Thincim_ComputerSystem', SYSTEM) + p.className('ResultClass', 'CIM_SystemDevice')),
  intrinsic('ExecQuery', p.value('QueryLanguage', 'WQL') + p.value('Query', 'SELECT ElementName FROM CIM_NumericSensor WHERE CurrentReading &gt; 10 AND HealthState = 5')),
  intrinsic('OpenEnumerateInstances', p.className('ClassName', 'CIM_NumericSensor') + p.value('MaxObjectCount', 1000) + p.value('OperationTimeout', 5)),
  intrinsic('OpenQueryInstances', p.value('FilterQueryLanguage', 'DMTF:CQL') + p.value('FilterQuery', 'SELECT * FROM CIM_Fan') + p.value('MaxObjectCount', 1000)),
  intrinsic('PullInstancesWithPath', p.value('EnumerationContext', 'ctx-0') + p.value('MaxObjectCount', 5)),
  intrinsic('CloseEnumeration', p.value('EnumerationContext', 'ctx-0')),
  { method: 'RestoreDefaultThresholds', object: methodObject(CIMV2, 'Thincim_NumericSensor', SENSOR), body: methodBody('RestoreDefaultThresholds', CIMV2, 'Thincim_NumericSensor', SENSOR) },
  {
    method: 'RequestStateChange', object: methodObject(CIMV2, 'Thincim_NumericSensor', SENSOR),
    body: methodBody('RequestStateChange', CIMV2, 'Thincim_NumericSensor', SENSOR,
      '<PARAMVALUE NAME="RequestedState" PARAMTYPE="uint16"><VALUE>2</VALUE></PARAMVALUE><PARAMVALUE NAME="TimeoutPeriod" PARAMTYPE="datetime"><VALUE>00000000000130.000000:000</VALUE></PARAMVALUE>'),
  },
];

// --- A seeded PRNG (mulberry32): the same seed gives the same run. ---

type Random = () => number;

function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rnd: Random, n: number) => Math.floor(rnd() * n);
const pick = <T>(rnd: Random, items: readonly T[]): T => items[int(rnd, items.length)]!;

/** Fragments that break parsers: markup, entities, encodings, numbers out of range. */
const NASTY: readonly (string | Buffer)[] = [
  '<', '>', '&', '"', "'", '&amp;', '&#0;', '&#xD800;', '&#x110000;', '&undefined;', ']]>', '<![CDATA[x]]>', '<!--', '-->', '<?pi x?>',
  '<!DOCTYPE CIM [<!ENTITY e "x">]>', '<!ENTITY % p SYSTEM "file:///etc/passwd">', '</IPARAMVALUE>', '<VALUE>', '<VALUE.ARRAY>', '<CIM>',
  '<INSTANCENAME CLASSNAME="X">', '<KEYBINDING NAME="K">', ' NAME="x"', ' TYPE="uint8"', ' xmlns="urn:x"', ' a:b="c"', '-1', '18446744073709551616', '1e400',
  'NaN', '0x10', '99999999999999.999999+999', 'TRUE', 'maybe', '\u0000', '\u2028', '\uFFFE', 'é', '𝄞', 'x'.repeat(70_000),
  Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from([0xff, 0xfe]),
  Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xc0, 0xaf]), Buffer.from([0x80]),
];
const nasty = (rnd: Random) => {
  const v = pick(rnd, NASTY);
  return Buffer.isBuffer(v) ? v : Buffer.from(v, 'utf8');
};

type BodyMutation = (rnd: Random, body: Buffer) => Buffer;

const BODY_MUTATIONS: Record<string, BodyMutation> = {
  flip: (rnd, b) => {
    const c = Buffer.from(b);
    for (let i = 1 + int(rnd, 4); i > 0 && c.length > 0; i--) c[int(rnd, c.length)] = int(rnd, 256);
    return c;
  },
  insert: (rnd, b) => {
    const at = int(rnd, b.length + 1);
    return Buffer.concat([b.subarray(0, at), nasty(rnd), b.subarray(at)]);
  },
  erase: (rnd, b) => {
    const at = int(rnd, b.length);
    return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(rnd, 64))]);
  },
  truncate: (rnd, b) => b.subarray(0, int(rnd, b.length)),
  duplicate: (rnd, b) => {
    const from = int(rnd, b.length);
    const slice = b.subarray(from, from + 1 + int(rnd, 200));
    const at = int(rnd, b.length + 1);
    return Buffer.concat([b.subarray(0, at), ...Array.from({ length: 1 + int(rnd, 3) }, () => slice), b.subarray(at)]);
  },
  splice: (rnd, b) => {
    const other = Buffer.from(pick(rnd, SEEDS).body);
    return Buffer.concat([b.subarray(0, int(rnd, b.length)), other.subarray(int(rnd, other.length))]);
  },
  attribute: (rnd, b) => replaceMatch(rnd, b, /="[^"]*"/g, (r) => Buffer.concat([Buffer.from('="'), nasty(r), Buffer.from('"')])),
  text: (rnd, b) => replaceMatch(rnd, b, />[^<]+</g, (r) => Buffer.concat([Buffer.from('>'), nasty(r), Buffer.from('<')])),
  element: (rnd, b) => replaceMatch(rnd, b, /<IPARAMVALUE[^]*?<\/IPARAMVALUE>|<PARAMVALUE[^]*?<\/PARAMVALUE>|<KEYBINDING[^]*?<\/KEYBINDING>/g,
    (r, m) => Buffer.from(m.repeat(2 + int(r, 3)))),
  rename: (rnd, b) => replaceMatch(rnd, b, /<\/?[A-Z.]+/g, (r, m) => Buffer.from(m.replace(/[A-Z.]+$/, pick(r, ['VALUE', 'CIM', 'MESSAGE', 'X', 'value', 'IMETHODCALL', 'METHODCALL', 'INSTANCE', ''])))),
};

/** Replaces one random match of `pattern` (in the body read as latin1, so bytes survive) with what `make` returns. */
function replaceMatch(rnd: Random, body: Buffer, pattern: RegExp, make: (rnd: Random, match: string) => Buffer): Buffer {
  const text = body.toString('latin1');
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return body;
  const m = pick(rnd, matches);
  return Buffer.concat([body.subarray(0, m.index), make(rnd, m[0]), body.subarray(m.index + m[0].length)]);
}

/** Header values that are wrong in every way a header can be. */
const HEADER_GARBAGE: readonly (string | Buffer)[] = [
  '', ' ', 'MethodResponse', 'methodcall', '%', '%ZZ', '%C3%28', '%00', '%E2%82', 'root%2', 'root%2Fnosuch', 'root/cimv2:', ':CIM_Fan.=', 'x'.repeat(5000),
  'GetClass, GetClass', '1.0', '2.0', '1.x', 'trailers', 'chunked, trailers', 'text/xml', 'application/json', 'application/xml; charset=latin1',
  'application/xml;charset="UTF-8"', 'multipart/form-data; boundary=x', Buffer.from([0xc3, 0xa9]), Buffer.from([0xff]), Buffer.from('a\u0001b', 'latin1'),
];
const CIM_HEADERS = ['CIMOperation', 'CIMMethod', 'CIMObject', 'Content-Type', 'CIMProtocolVersion', 'TE', 'CIMBatch', 'Expect', 'Content-Encoding', 'Accept'];

/** What a case was built from, to judge its answer and to report it. */
interface Case {
  index: number;
  seed: Seed;
  mutations: string[];
  request: RawRequest;
  /** Header bytes an HTTP parser may refuse before any CIM processing (plain 400/431 allowed). */
  malformedHttp: boolean;
}

function validRequest(seed: Seed): RawRequest {
  return { headers: Object.entries(cimHeaders(seed.method, seed.object)), body: Buffer.from(seed.body) };
}

function mutate(rnd: Random, index: number): Case {
  const seed = pick(rnd, SEEDS);
  const request = validRequest(seed);
  const mutations: string[] = [];
  let body = request.body!;
  let headers = [...request.headers];
  let malformedHttp = false;
  for (let n = 1 + int(rnd, 3); n > 0; n--) {
    const name = pick(rnd, Object.keys(BODY_MUTATIONS));
    mutations.push(name);
    body = BODY_MUTATIONS[name]!(rnd, body);
  }
  if (rnd() < 0.3) {
    const header = pick(rnd, CIM_HEADERS);
    const action = pick(rnd, ['drop', 'duplicate', 'garble']);
    const value = pick(rnd, HEADER_GARBAGE);
    mutations.push(`${action} ${header}`);
    if (action !== 'duplicate') headers = headers.filter(([h]) => h.toLowerCase() !== header.toLowerCase());
    if (action !== 'drop') headers.push([header, value]);
    malformedHttp = Buffer.isBuffer(value);
  }
  if (rnd() < 0.05) {
    const method = pick(rnd, ['M-POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD', 'post', 'FOO', 'PO ST']);
    mutations.push(`method ${method}`);
    request.method = method;
  }
  return { index, seed, mutations, request: { ...request, headers, body }, malformedHttp };
}

/** Why an answer is wrong for its request, or undefined when it is acceptable. */
function judge(c: Case, result: Exchange): string | undefined {
  if (result.kind === 'timeout') return `no complete answer within ${EXCHANGE_TIMEOUT_MS} ms`;
  if (result.kind === 'dropped') return `connection closed without a complete HTTP response (${result.error ?? 'end'}; got ${result.received.length} bytes)`;
  const { status, headers, body } = result.response;
  const header = (name: string) => headers.get(name)?.join(', ');
  const method = c.request.method ?? 'POST';
  const cimError = header('cimerror');
  if (cimError !== undefined && !CIM_ERRORS.has(cimError)) return `CIMError: ${cimError} is not a DSP0200 value`;
  if (status === 200) {
    if (method !== 'POST') return `${method} answered 200`;
    if (header('cimoperation') !== 'MethodResponse') return 'a 200 without CIMOperation: MethodResponse';
    if (!/^application\/xml/.test(header('content-type') ?? '')) return `a 200 with Content-Type ${header('content-type')}`;
    try {
      decodeResponse(body);
    } catch (e) {
      return `a 200 whose body does not decode: ${(e as Error).message}`;
    }
    return undefined;
  }
  const sentCIMOperation = c.request.headers.some(([h]) => h.toLowerCase() === 'cimoperation');
  switch (status) {
    case 400:
      return cimError !== undefined || !sentCIMOperation || c.malformedHttp || method !== 'POST' ? undefined : 'a 400 without CIMError to a CIM request';
    case 501:
      return cimError !== undefined || method !== 'POST' ? undefined : 'a 501 without CIMError to a POST';
    case 405:
      return method !== 'POST' && header('allow') === 'POST' ? undefined : `405 (Allow: ${header('allow')}) to a ${method}`;
    case 413:
      return c.request.body!.length > BODY_LIMIT ? undefined : `413 for a ${c.request.body!.length}-byte body`;
    case 431:
      return c.malformedHttp ? undefined : '431 for ordinary headers';
    case 415: // RFC 9110 §15.5.16: a content coding the server does not decode
      return c.request.headers.some(([h, v]) => h.toLowerCase() === 'content-encoding' && !/^\s*(identity)?\s*$/i.test(String(v))) ? undefined : '415 without a Content-Encoding';
    case 417: // RFC 9110 §10.1.1: an expectation the server does not know
      return c.request.headers.some(([h, v]) => h.toLowerCase() === 'expect' && String(v).toLowerCase() !== '100-continue') ? undefined : '417 without an unknown Expect';
    default:
      return `HTTP ${status}`;
  }
}

function describe(c: Case, problem: string, result: Exchange): Record<string, unknown> {
  const answer = result.kind === 'response'
    ? { status: result.response.status, headers: Object.fromEntries(result.response.headers), body: result.response.body.toString('utf8').slice(0, 500) }
    : result.kind;
  return { case: c.index, seed: SEED, operation: c.seed.method, mutations: c.mutations, problem, request: serialize(c.request).toString('latin1').slice(0, 2000), answer };
}

/** Sends `request` and returns the answer, failing the test with a description when there is none. */
async function send(t: Test, request: RawRequest): Promise<ParsedResponse> {
  const result = await exchange(port, serialize(request), EXCHANGE_TIMEOUT_MS);
  if (result.kind !== 'response') {
    t.fail(`a complete HTTP answer (${result.kind})`, { received: result.received.toString('latin1').slice(0, 500) });
    throw new Error(`no answer: ${result.kind}`);
  }
  return result.response;
}

type HeaderLine = RawRequest['headers'][number];
const withHeaders = (seed: Seed, change: (headers: readonly HeaderLine[]) => HeaderLine[]): RawRequest => {
  const request = validRequest(seed);
  return { ...request, headers: change(request.headers) };
};
const setHeader = (name: string, value: string | Buffer) => (headers: readonly HeaderLine[]): HeaderLine[] =>
  [...headers.filter(([h]) => h.toLowerCase() !== name.toLowerCase()), [name, value]];
const dropHeader = (name: string) => (headers: readonly HeaderLine[]): HeaderLine[] => headers.filter(([h]) => h.toLowerCase() !== name.toLowerCase());
const withBody = (seed: Seed, body: string | Buffer): RawRequest => ({ ...validRequest(seed), body: Buffer.isBuffer(body) ? body : Buffer.from(body) });

const ENUM = intrinsic('EnumerateInstanceNames', p.className('ClassName', 'CIM_Fan'));
const envelope = (inner: string) => `<?xml version="1.0" encoding="utf-8" ?>${inner}`;

/** Answered with this status and CIMError (undefined: no CIMError header). */
async function answers(t: Test, label: string, request: RawRequest, status: number, cimError: string | undefined): Promise<ParsedResponse> {
  const response = await send(t, request);
  t.same([response.status, response.headers.get('cimerror')?.join()], [status, cimError], `${label}: ${status}${cimError ? ` ${cimError}` : ''}`);
  return response;
}

/** Answered with HTTP 200 and an ERROR of this code. */
async function cimErrorIn(t: Test, label: string, request: RawRequest, code: number): Promise<void> {
  const response = await send(t, request);
  t.equal(response.status, 200, `${label}: HTTP 200`);
  t.equal(decodeResponse(response.body).error?.code, code, `${label}: ERROR CODE=${code}`);
}

t.test('XML attacks are refused before any expansion', async (t) => {
  const entityBomb = envelope('<!DOCTYPE CIM [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">' +
    '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">' +
    '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>' +
    imethodBody('EnumerateInstanceNames', CIMV2, '<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="&i;"/></IPARAMVALUE>').replace(/^<\?xml[^>]*\?>/, ''));
  await answers(t, 'billion laughs', withBody(ENUM, entityBomb), 400, 'request-not-valid');
  const xxe = envelope('<!DOCTYPE CIM [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + imethodBody('GetQualifier', CIMV2, '<IPARAMVALUE NAME="QualifierName"><VALUE>&x;</VALUE></IPARAMVALUE>').replace(/^<\?xml[^>]*\?>/, ''));
  const leaked = await answers(t, 'external entity (file:///etc/passwd)', withBody(intrinsic('GetQualifier'), xxe), 400, 'request-not-valid');
  t.notMatch(leaked.body.toString(), /root:/, 'nothing of /etc/passwd comes back');
  const parameter = envelope('<!DOCTYPE CIM [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><CIM CIMVERSION="2.0" DTDVERSION="2.0"/>');
  await answers(t, 'parameter entity', withBody(ENUM, parameter), 400, 'request-not-valid');
  await answers(t, 'an undeclared entity', withBody(ENUM, ENUM.body.replace('CIM_Fan', '&x;')), 400, 'request-not-well-formed');
  const deep = ENUM.body.replace('<CLASSNAME NAME="CIM_Fan"/>', `${'<VALUE.ARRAY>'.repeat(10_000)}${'</VALUE.ARRAY>'.repeat(10_000)}`);
  await answers(t, '10,000-deep nesting', withBody(ENUM, deep), 400, 'request-not-valid');
  await answers(t, 'a 600 KB attribute value', withBody(ENUM, ENUM.body.replace('CIM_Fan', 'C'.repeat(600 * 1024))), 400, 'request-not-valid');
  await answers(t, 'a body one byte over the limit', withBody(ENUM, ENUM.body + ' '.repeat(BODY_LIMIT + 1 - Buffer.byteLength(ENUM.body))), 413, undefined);
  await answers(t, 'a 16 MB body', withBody(ENUM, Buffer.alloc(16 * 1024 * 1024, 0x20)), 413, undefined);
});

t.test('bytes that are not text', async (t) => {
  const invalid = Buffer.concat([Buffer.from(ENUM.body.slice(0, ENUM.body.indexOf('CIM_Fan'))), Buffer.from([0xc3, 0x28]), Buffer.from(ENUM.body.slice(ENUM.body.indexOf('CIM_Fan')))]);
  const answer = await send(t, withBody(ENUM, invalid));
  t.equal(answer.status, 400, 'invalid UTF-8 in the body: 400');
  t.match(answer.headers.get('cimerror')?.join(), /^request-not-(well-formed|valid)$/, 'with a CIMError');
  await answers(t, 'a lone surrogate encoded in UTF-8', withBody(ENUM, Buffer.concat([Buffer.from(ENUM.body.replace('</IMETHODCALL>', '<IPARAMVALUE NAME="X"><VALUE>')), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('</VALUE></IPARAMVALUE></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>')])), 400, 'request-not-well-formed');
  await answers(t, 'a UTF-16 body', withBody(ENUM, Buffer.from(`\ufeff${ENUM.body}`, 'utf16le')), 400, 'request-not-well-formed');
  await answers(t, 'an empty body', withBody(ENUM, ''), 400, 'request-not-well-formed');
  await answers(t, 'a truncated body', withBody(ENUM, ENUM.body.slice(0, 150)), 400, 'request-not-well-formed');
  await answers(t, 'NUL bytes', withBody(ENUM, Buffer.alloc(100)), 400, 'request-not-well-formed');
});

t.test('headers: missing, wrong, duplicated, undecodable (DSP0200 §7.3)', async (t) => {
  await answers(t, 'no CIMOperation: not a CIM request', withHeaders(ENUM, dropHeader('CIMOperation')), 400, undefined);
  await answers(t, 'CIMOperation: MethodResponse', withHeaders(ENUM, setHeader('CIMOperation', 'MethodResponse')), 400, 'unsupported-operation');
  await answers(t, 'no CIMMethod', withHeaders(ENUM, dropHeader('CIMMethod')), 400, 'header-mismatch');
  await answers(t, 'an empty CIMMethod', withHeaders(ENUM, setHeader('CIMMethod', '')), 400, 'header-mismatch');
  await answers(t, 'CIMMethod naming another operation', withHeaders(ENUM, setHeader('CIMMethod', 'EnumerateInstances')), 400, 'header-mismatch');
  await answers(t, 'CIMMethod sent twice', withHeaders(ENUM, (h) => [...h, ['CIMMethod', 'EnumerateInstanceNames']]), 400, 'header-mismatch');
  await answers(t, 'no CIMObject', withHeaders(ENUM, dropHeader('CIMObject')), 400, 'header-mismatch');
  await answers(t, 'CIMObject naming another namespace', withHeaders(ENUM, setHeader('CIMObject', 'root%2Finterop')), 400, 'header-mismatch');
  for (const garbage of ['%ZZ', '%C3%28', 'root%2', '%E2%82']) {
    await answers(t, `CIMObject ${garbage}`, withHeaders(ENUM, setHeader('CIMObject', garbage)), 400, 'header-mismatch');
  }
  await answers(t, 'CIMMethod that is not UTF-8 once decoded', withHeaders(ENUM, setHeader('CIMMethod', '%FF')), 400, 'header-mismatch');
  await answers(t, 'an instance CIMObject with a wrong key', withHeaders(SEEDS.at(-2)!, setHeader('CIMObject', encodeURIComponent(methodObject(CIMV2, 'Thincim_NumericSensor', { ...SENSOR, DeviceID: 'other' })))), 400, 'header-mismatch');
  await answers(t, 'Content-Type: application/json', withHeaders(ENUM, setHeader('Content-Type', 'application/json')), 400, 'request-not-valid');
  await answers(t, 'Content-Type in another charset', withHeaders(ENUM, setHeader('Content-Type', 'application/xml; charset=iso-8859-1')), 400, 'request-not-valid');
  for (const garbage of ['2.0', 'xml', '%ZZ', ' ']) {
    await answers(t, `a Content-Type that is no media type (${JSON.stringify(garbage)})`, withHeaders(ENUM, setHeader('Content-Type', garbage)), 400, 'request-not-valid');
  }
  await answers(t, 'CIMProtocolVersion: 2.0', withHeaders(ENUM, setHeader('CIMProtocolVersion', '2.0')), 501, 'unsupported-protocol-version');
  await answers(t, 'CIMProtocolVersion disagreeing with the message', withHeaders(ENUM, setHeader('CIMProtocolVersion', '1.1')), 400, 'header-mismatch');
  await answers(t, 'CIMBatch', withHeaders(ENUM, setHeader('CIMBatch', 'CIMBatch')), 501, 'multiple-requests-unsupported');
  for (const [label, change] of [
    ['no Content-Type', dropHeader('Content-Type')],
    ['Content-Type: text/xml', setHeader('Content-Type', 'text/xml')],
    ['a quoted upper-case charset', setHeader('Content-Type', 'application/xml; charset="UTF-8"')],
    ['CIMProtocolVersion: 1.0', setHeader('CIMProtocolVersion', '1.0')],
    ['an unescaped CIMObject', setHeader('CIMObject', 'ROOT/CIMV2')],
    ['TE: trailers', setHeader('TE', 'trailers')],
    ['TE: garbage', setHeader('TE', ';;,,=')],
    ['lower-case header names', (h: readonly HeaderLine[]) => h.map(([n, v]): HeaderLine => [n.toLowerCase(), v])],
  ] as const) {
    const answer = await send(t, withHeaders(ENUM, change));
    t.equal(answer.status, 200, `${label}: accepted`);
    t.equal(decodeResponse(answer.body).error, undefined, `${label}: the operation ran`);
  }
});

t.test('envelope versions and shapes (DSP0200 §7.3 CIMError values)', async (t) => {
  await answers(t, 'CIMVERSION 3.0', withBody(ENUM, ENUM.body.replace('CIMVERSION="2.0"', 'CIMVERSION="3.0"')), 501, 'unsupported-cim-version');
  await answers(t, 'DTDVERSION 3.0', withBody(ENUM, ENUM.body.replace('DTDVERSION="2.0"', 'DTDVERSION="3.0"')), 501, 'unsupported-dtd-version');
  await answers(t, 'PROTOCOLVERSION 2.0', withBody(ENUM, ENUM.body.replace('PROTOCOLVERSION="1.0"', 'PROTOCOLVERSION="2.0"')), 501, 'unsupported-protocol-version');
  const single = ENUM.body.slice(ENUM.body.indexOf('<SIMPLEREQ>'), ENUM.body.indexOf('</MESSAGE>'));
  await answers(t, 'MULTIREQ without CIMBatch', withBody(ENUM, ENUM.body.replace(single, `<MULTIREQ>${single}${single}</MULTIREQ>`)), 400, 'header-mismatch');
  await answers(t, 'an unknown element', withBody(ENUM, ENUM.body.replace('<SIMPLEREQ>', '<SIMPLEREQ><BOGUS/>')), 400, 'request-not-valid');
  await answers(t, 'a missing required attribute', withBody(ENUM, ENUM.body.replace(' ID="1001"', '')), 400, 'request-not-valid');
  await cimErrorIn(t, 'an unknown intrinsic operation', { ...validRequest(intrinsic('Frobnicate')) }, 7);
  await cimErrorIn(t, 'a duplicated parameter', withBody(ENUM, ENUM.body.replace('</IMETHODCALL>', `${p.className('ClassName', 'CIM_Fan')}</IMETHODCALL>`)), 4);
  await cimErrorIn(t, 'a value of the wrong type', validRequest(intrinsic('GetClass', p.className('ClassName', 'CIM_Fan') + p.value('LocalOnly', '2'))), 4);
});

t.test('an ERROR that quotes the request stays readable by a client', async (t) => {
  const context = 'x'.repeat(70_000);
  const response = await send(t, validRequest(intrinsic('CloseEnumeration', p.value('EnumerationContext', context))));
  t.equal(response.status, 200, 'HTTP 200');
  const decoded = (() => {
    try {
      return decodeResponse(response.body);
    } catch (e) {
      return e as Error;
    }
  })();
  t.notOk(decoded instanceof Error, 'the answer decodes with the default client limits', { error: decoded instanceof Error ? decoded.message : undefined });
  if (!(decoded instanceof Error)) t.equal(decoded.error?.code, 21, 'CIM_ERR_INVALID_ENUMERATION_CONTEXT');
});

t.test('methods other than POST', async (t) => {
  const mpost: RawRequest = {
    method: 'M-POST',
    headers: [['Man', 'http://www.dmtf.org/cim/mapping/http/v1.0 ; ns=73'], ['Content-Type', 'application/xml; charset="utf-8"'],
      ['73-CIMOperation', 'MethodCall'], ['73-CIMMethod', 'EnumerateInstanceNames'], ['73-CIMObject', 'root%2Fcimv2']],
    body: Buffer.from(ENUM.body),
  };
  await answers(t, 'M-POST (the client falls back to POST)', mpost, 501, undefined);
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const answer = await answers(t, method, { ...validRequest(ENUM), method }, 405, undefined);
    t.equal(answer.headers.get('allow')?.join(), 'POST', `${method}: Allow: POST`);
  }
  await answers(t, 'an unknown method', { ...validRequest(ENUM), method: 'FROB' }, 400, undefined);
});

t.test(`${CASES} seeded random mutations (seed ${SEED})`, async (t) => {
  t.comment(`fuzz seed ${SEED}: FUZZ_SEED=${SEED} replays this run`);
  const gc = exposeGC();
  gc();
  const before = process.memoryUsage();
  const rnd = mulberry32(SEED);
  const cases = Array.from({ length: CASES }, (_, i) => mutate(rnd, i));
  const statuses = new Map<string, number>();
  const problems: Record<string, unknown>[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const result = await exchange(port, serialize(c.request), EXCHANGE_TIMEOUT_MS, c.request.method === 'HEAD');
      const label = result.kind === 'response' ? `${result.response.status} ${result.response.headers.get('cimerror')?.join() ?? ''}`.trim() : result.kind;
      statuses.set(label, (statuses.get(label) ?? 0) + 1);
      const problem = judge(c, result);
      if (problem) problems.push(describe(c, problem, result));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  t.comment(`${CASES} requests in ${seconds.toFixed(1)} s; answers: ${[...statuses].sort(([, a], [, b]) => b - a).map(([s, n]) => `${s} ×${n}`).join(', ')}`);
  t.same(problems.slice(0, 10), [], `every answer acceptable (${problems.length} problems; seed ${SEED})`);
  t.ok((statuses.get('200') ?? 0) > CASES / 50, 'mutations still reach the operations (some answers are 200; about 6 % usually)');
  t.ok([...statuses.keys()].some((s) => s.startsWith('400 ')), 'and some are protocol faults');

  const healthy = await send(t, validRequest(ENUM));
  t.equal(healthy.status, 200, 'the broker still answers a normal request');
  const response = decodeResponse(healthy.body);
  t.equal(response.kind === 'imethodresponse' ? response.returnValue?.length : undefined, 6, 'with the six fans');
  gc();
  const after = process.memoryUsage();
  const growth = after.heapUsed - before.heapUsed;
  t.comment(`heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}, rss ${mb(before.rss)} → ${mb(after.rss)}`);
  t.ok(growth < HEAP_GROWTH_BOUND, `heap growth ${mb(growth)} stays under ${mb(HEAP_GROWTH_BOUND)}`);
  t.ok(broker.broker.apps.every((app) => app.server.listening), 'the listener is still up');
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A full garbage collection, even when node was started without --expose-gc. */
function exposeGC(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
