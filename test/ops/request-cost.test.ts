/**
 * Requests that would cost far more than their size, over HTTP against a
 * running broker: every decode limit at its configured value (xmlDepth,
 * xmlAttributes, xmlElements, xmlElementsPerKib), an element bomb at the
 * default limits, and WQL nesting (limits.queryDepth).
 */
import t from 'tap';
import type { Test } from 'tap';
import { CIMStatus } from '../../src/cim/index.js';
import { decodeResponse } from '../../src/cimxml/index.js';
import { CONFIG_SPEC } from '../../src/config/index.js';
import type { BrokerOptions } from '../../src/server/broker.js';
import { cimHeaders, imethodBody, iparam, p, post, returned, startTestBroker, TEST_LIMITS, type RawResponse } from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';

async function broker(t: Test, limits: Partial<BrokerOptions['limits']>) {
  const started = await startTestBroker({ limits: { ...TEST_LIMITS, ...limits } });
  t.teardown(() => started.close());
  return started.url;
}

function call(url: string, name: string, params: string, body = imethodBody(name, CIMV2, params)): Promise<RawResponse> {
  return post(url, body, cimHeaders(name, CIMV2));
}

/** 400 with CIMError request-not-valid, naming the limit. */
function refused(t: Test, answer: RawResponse, limit: RegExp, what: string): void {
  t.equal(answer.status, 400, `${what}: 400`);
  t.equal(answer.headers['cimerror'], 'request-not-valid', `${what}: CIMError request-not-valid`);
  t.match(answer.text, limit, `${what}: names the limit`);
}

/**
 * A GetInstance whose InstanceName nests reference keys `levels` deep: its
 * deepest element (a KEYVALUE) is at depth 7 + 3 × levels, counted from CIM at 0.
 */
function deepGetInstance(levels: number): string {
  let name = '<INSTANCENAME CLASSNAME="CIM_Fan"><KEYBINDING NAME="DeviceID"><KEYVALUE VALUETYPE="string">x</KEYVALUE></KEYBINDING></INSTANCENAME>';
  for (let i = 0; i < levels; i++) {
    name = `<INSTANCENAME CLASSNAME="CIM_Fan"><KEYBINDING NAME="Ref"><VALUE.REFERENCE>${name}</VALUE.REFERENCE></KEYBINDING></INSTANCENAME>`;
  }
  return iparam('InstanceName', name);
}

t.test('limits.xmlDepth reaches the decoder: the deepest element allowed is at depth xmlDepth - 1', async (t) => {
  for (const xmlDepth of [11, 17]) {
    const url = await broker(t, { xmlDepth });
    const levels = (xmlDepth - 1 - 7) / 3; // deepest element at xmlDepth - 1
    t.equal((await call(url, 'GetInstance', deepGetInstance(levels))).status, 200, `xmlDepth ${xmlDepth}: depth ${xmlDepth - 1} decodes`);
    refused(t, await call(url, 'GetInstance', deepGetInstance(levels + 1)), new RegExp(`maxDepth \\(${xmlDepth}\\)`), `xmlDepth ${xmlDepth}: deeper`);
  }
});

/** An EnumerateInstanceNames whose CIM element has `count` attributes. */
function withAttributes(count: number): string {
  const extra = Array.from({ length: count - 2 }, (_, i) => ` x${i}="${i}"`).join('');
  return imethodBody('EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_Fan'))
    .replace('<CIM CIMVERSION="2.0" DTDVERSION="2.0"', `<CIM CIMVERSION="2.0" DTDVERSION="2.0"${extra}`);
}

t.test('limits.xmlAttributes reaches the decoder, configured and at its documented default', async (t) => {
  const documented = CONFIG_SPEC.limits.xmlAttributes.default as number;
  t.equal(documented, 64);
  for (const xmlAttributes of [6, documented]) {
    const url = await broker(t, { xmlAttributes });
    t.equal((await call(url, 'EnumerateInstanceNames', '', withAttributes(xmlAttributes))).status, 200, `${xmlAttributes} attributes decode`);
    refused(t, await call(url, 'EnumerateInstanceNames', '', withAttributes(xmlAttributes + 1)),
      new RegExp(`maxAttributes \\(${xmlAttributes}\\)`), `xmlAttributes ${xmlAttributes}: one more`);
  }
});

/** EnumerateInstances with a PropertyList of `count` names: 11 + count elements. */
function withProperties(count: number): string {
  return p.className('ClassName', 'CIM_Fan') + p.array('PropertyList', Array.from({ length: count }, () => 'Name'));
}

t.test('limits.xmlElements: a request of exactly xmlElements elements decodes, one more is refused', async (t) => {
  const url = await broker(t, { xmlElements: 100, xmlElementsPerKib: 1024 });
  t.equal((await call(url, 'EnumerateInstances', withProperties(89))).status, 200, '100 elements');
  refused(t, await call(url, 'EnumerateInstances', withProperties(90)), /more than maxElements \(100\) elements/, '101 elements');
});

t.test('limits.xmlElementsPerKib: the element budget grows with the body, by KiB', async (t) => {
  const url = await broker(t, { xmlElements: 1_000_000, xmlElementsPerKib: 8 });
  const body = (count: number, kib: number) => {
    const text = imethodBody('EnumerateInstances', CIMV2, withProperties(count));
    return text + ' '.repeat(kib * 1024 - Buffer.byteLength(text));
  };
  // 11 + 21 = 32 elements in 4 KiB: 8 per KiB exactly.
  t.equal((await call(url, 'EnumerateInstances', '', body(21, 4))).status, 200, '32 elements in 4 KiB');
  refused(t, await call(url, 'EnumerateInstances', '', body(22, 4)), /maxElementsPerKiB \(8\) × 4 KiB = 32/, '33 elements in 4 KiB');
  t.equal((await call(url, 'EnumerateInstances', '', body(22, 5))).status, 200, 'the same 33 elements in 5 KiB');
});

t.test('an element bomb (4 MiB of 500,000 tiny elements) is refused at the default limits', async (t) => {
  const defaults = Object.fromEntries(['bodyBytes', 'xmlElements', 'xmlElementsPerKib'].map((key) =>
    [key, CONFIG_SPEC.limits[key as 'bodyBytes'].default as number]));
  const url = await broker(t, defaults);
  const values = '<VALUE/>'.repeat(500_000);
  const bomb = imethodBody('EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_Fan') + iparam('PropertyList', `<VALUE.ARRAY>${values}</VALUE.ARRAY>`));
  t.ok(Buffer.byteLength(bomb) <= defaults['bodyBytes']!, 'within the body limit');
  refused(t, await call(url, 'EnumerateInstances', '', bomb), /more than maxElements \(50000\) elements/, 'the bomb');
  t.equal((await call(url, 'EnumerateInstances', withProperties(3))).status, 200, 'a normal request still decodes');
});

function execQuery(url: string, query: string): Promise<RawResponse> {
  return call(url, 'ExecQuery', p.value('QueryLanguage', 'WQL') + p.value('Query', query));
}

function cimErrorOf(answer: RawResponse): { code: number; message: string } | undefined {
  const error = decodeResponse(answer.text).error;
  return error && { code: error.code, message: error.message };
}

t.test('limits.queryDepth: parentheses and NOT nest at most queryDepth deep; deeper is CIM_ERR_INVALID_QUERY', async (t) => {
  const url = await broker(t, { queryDepth: 4, bodyBytes: 4 * 1024 * 1024 });
  const parens = (n: number) => `SELECT * FROM CIM_NumericSensor WHERE ${'('.repeat(n)}CurrentReading > 0${')'.repeat(n)}`;
  const nots = (n: number) => `SELECT * FROM CIM_NumericSensor WHERE ${'NOT '.repeat(n)}CurrentReading > 0`;
  const mixed = 'SELECT * FROM CIM_NumericSensor WHERE NOT (NOT (CurrentReading > 0))';
  const allowed: [string, string][] = [[parens(4), '4 parentheses'], [nots(4), '4 NOTs'], [mixed, 'NOT ( NOT ( ))']];
  for (const [query, what] of allowed) {
    const answer = await execQuery(url, query);
    t.equal(answer.status, 200, what);
    t.equal(cimErrorOf(answer), undefined, `${what}: answered`);
  }
  const tooDeep: [string, string][] = [[parens(5), '5 parentheses'], [nots(5), '5 NOTs'], [nots(200_000), '200,000 NOTs'], [parens(200_000), '200,000 parentheses']];
  for (const [query, what] of tooDeep) {
    const error = cimErrorOf(await execQuery(url, query));
    t.equal(error?.code, CIMStatus.INVALID_QUERY, `${what}: CIM_ERR_INVALID_QUERY`);
    t.match(error?.message, /nest deeper than 4 levels/, `${what}: says why`);
  }
});

t.test('a long AND or OR chain is not nesting: 50,000 terms evaluate without exhausting the stack', async (t) => {
  const url = await broker(t, { bodyBytes: 4 * 1024 * 1024 });
  for (const op of ['AND', 'OR']) {
    const terms = Array.from({ length: 50_000 }, (_, i) => `CurrentReading != ${i + 1_000_000}`).join(` ${op} `);
    const answer = await execQuery(url, `SELECT * FROM CIM_NumericSensor WHERE ${terms}`);
    t.equal(answer.status, 200, `${op}: ${answer.text.slice(0, 300)}`);
    t.equal(cimErrorOf(answer), undefined, `${op}: answered`);
    t.ok(returned(decodeResponse(answer.text)).length > 0, `${op}: the sensors matched`);
  }
});
