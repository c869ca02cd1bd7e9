import { readFileSync } from 'node:fs';
import t from 'tap';
import { CIMClass, CIMClassName, CIMDateTime, CIMInstance, CIMInstanceName, CIMStatus, UNNAMED_KEY } from '../../src/cim/index.js';
import { decodeRequest } from '../../src/cimxml/index.js';
import type { CIMIMethodCall, CIMMethodCall, ParamValue } from '../../src/cimxml/index.js';
import { NS, imethodCall, invalidParameter, plain, protocolError, requestBody } from './helpers.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

function intrinsic(body: string | Uint8Array): CIMIMethodCall {
  const call = decodeRequest(body).call;
  if (call.kind !== 'imethodcall') throw new Error('expected an IMETHODCALL');
  return call;
}

function extrinsic(body: string): CIMMethodCall {
  const call = decodeRequest(body).call;
  if (call.kind !== 'methodcall') throw new Error('expected a METHODCALL');
  return call;
}

/** The value of the one IPARAMVALUE named P. */
function param(content: string): ParamValue {
  return intrinsic(imethodCall('X', `<IPARAMVALUE NAME="P">${content}</IPARAMVALUE>`)).params.byName.get('P')!.value;
}

const KEYS = '<KEYBINDING NAME="DeviceID"><KEYVALUE VALUETYPE="string" TYPE="string">fan-1</KEYVALUE></KEYBINDING>';
const FAN_NAME = `<INSTANCENAME CLASSNAME="CIM_Fan">${KEYS}</INSTANCENAME>`;

t.test('an sfcb-style EnumerateInstances request', async (t) => {
  const request = decodeRequest(fixture('enum-instances.request.xml'));
  t.equal(request.messageId, '42');
  t.equal(request.protocolVersion, '1.0');
  t.equal(request.cimVersion, '2.0');
  t.equal(request.dtdVersion, '2.0');
  t.same(request.correlators, []);
  const call = request.call as CIMIMethodCall;
  t.equal(call.kind, 'imethodcall');
  t.equal(call.name, 'EnumerateInstances');
  t.equal(call.namespace, 'root/cimv2');
  t.same(call.params.list.map((p) => p.name), ['ClassName', 'LocalOnly', 'PropertyList']);
  t.same(call.params.byName.get('classname')?.value, { kind: 'classname', name: 'CIM_NumericSensor' });
  t.same(call.params.byName.get('LOCALONLY')?.value, { kind: 'value', text: 'FALSE' });
  t.same(call.params.byName.get('propertyList')?.value, { kind: 'array', items: ['ElementName', 'SensorType', 'CurrentReading'] });
  t.same(call.params.duplicates, []);
});

t.test('a string body decodes like its bytes', async (t) => {
  t.same(plain(intrinsic(fixture('enum-instances.request.xml').toString('utf8'))), plain(intrinsic(fixture('enum-instances.request.xml'))));
});

t.test('IPARAMVALUE content kinds', async (t) => {
  t.same(param(''), { kind: 'null' }, 'an empty IPARAMVALUE is NULL');
  t.same(param('<VALUE> a &amp; b </VALUE>'), { kind: 'value', text: ' a & b ' }, 'whitespace in VALUE is kept');
  t.same(param('<VALUE><![CDATA[<x>]]>&#233;&#x1F600;</VALUE>'), { kind: 'value', text: '<x>é😀' });
  t.same(param('<VALUE></VALUE>'), { kind: 'value', text: '' });
  t.same(param('<VALUE.ARRAY><VALUE>a</VALUE><VALUE.NULL/><VALUE></VALUE></VALUE.ARRAY>'), { kind: 'array', items: ['a', null, ''] });
  t.same(param('<VALUE.ARRAY></VALUE.ARRAY>'), { kind: 'array', items: [] });
  t.same(param('<CLASSNAME NAME="CIM_Fan"/>'), { kind: 'classname', name: 'CIM_Fan' });

  const name = param(FAN_NAME);
  t.equal(name.kind, 'instancename');
  if (name.kind === 'instancename') {
    t.equal(name.path.classname, 'CIM_Fan');
    t.equal(name.path.keybindings.get('deviceid'), 'fan-1');
    t.equal(name.path.namespace, undefined);
  }

  const instance = param('<INSTANCE CLASSNAME="CIM_Fan"><PROPERTY NAME="DeviceID" TYPE="string"><VALUE>fan-1</VALUE></PROPERTY></INSTANCE>');
  t.equal(instance.kind, 'instance');
  if (instance.kind === 'instance') t.equal(instance.instance.get('DeviceID'), 'fan-1');

  const named = param(`<VALUE.NAMEDINSTANCE>${FAN_NAME}<INSTANCE CLASSNAME="CIM_Fan"></INSTANCE></VALUE.NAMEDINSTANCE>`);
  t.equal(named.kind, 'namedinstance');
  if (named.kind === 'namedinstance') {
    t.equal(named.path.keybindings.get('DeviceID'), 'fan-1');
    t.equal(named.instance.path, named.path, 'the instance carries its path');
  }

  const cls = param('<CLASS NAME="X_Fan" SUPERCLASS="CIM_Fan"></CLASS>');
  t.equal(cls.kind, 'class');
  if (cls.kind === 'class') t.ok(cls.cls instanceof CIMClass);

  const decl = param('<QUALIFIER.DECLARATION NAME="Key" TYPE="boolean"><SCOPE PROPERTY="true" REFERENCE="true"/><VALUE>FALSE</VALUE></QUALIFIER.DECLARATION>');
  t.equal(decl.kind, 'qualifierdeclaration');
  if (decl.kind === 'qualifierdeclaration') {
    t.same([...decl.decl.scopes].sort(), ['property', 'reference']);
    t.equal(decl.decl.value, false);
  }
});

t.test('VALUE.REFERENCE in every path form', async (t) => {
  const host = '<NAMESPACEPATH><HOST>esx01:5989</HOST>' + NS + '</NAMESPACEPATH>';
  const same = (actual: unknown, expected: unknown) => t.same(plain(actual), plain(expected));
  const cases: [string, (p: unknown) => void][] = [
    [`<CLASSNAME NAME="CIM_Fan"/>`, (p) => same(p, new CIMClassName({ classname: 'CIM_Fan' }))],
    [`<LOCALCLASSPATH>${NS}<CLASSNAME NAME="CIM_Fan"/></LOCALCLASSPATH>`, (p) => same(p, new CIMClassName({ classname: 'CIM_Fan', namespace: 'root/cimv2' }))],
    [`<CLASSPATH>${host}<CLASSNAME NAME="CIM_Fan"/></CLASSPATH>`, (p) => same(p, new CIMClassName({ classname: 'CIM_Fan', namespace: 'root/cimv2', host: 'esx01:5989' }))],
    [FAN_NAME, (p) => same(p, new CIMInstanceName({ classname: 'CIM_Fan', keybindings: { DeviceID: 'fan-1' } }))],
    [`<LOCALINSTANCEPATH>${NS}${FAN_NAME}</LOCALINSTANCEPATH>`, (p) => same(p, new CIMInstanceName({ classname: 'CIM_Fan', keybindings: { DeviceID: 'fan-1' }, namespace: 'root/cimv2' }))],
    [`<INSTANCEPATH>${host}${FAN_NAME}</INSTANCEPATH>`, (p) => same(p, new CIMInstanceName({ classname: 'CIM_Fan', keybindings: { DeviceID: 'fan-1' }, namespace: 'root/cimv2', host: 'esx01:5989' }))],
  ];
  for (const [content, check] of cases) {
    const value = param(`<VALUE.REFERENCE>${content}</VALUE.REFERENCE>`);
    t.equal(value.kind, 'reference');
    if (value.kind === 'reference') check(value.path);
  }
});

t.test('duplicate parameters are kept detectable', async (t) => {
  const call = intrinsic(imethodCall('GetClass',
    '<IPARAMVALUE NAME="LocalOnly"><VALUE>TRUE</VALUE></IPARAMVALUE><IPARAMVALUE NAME="localonly"><VALUE>FALSE</VALUE></IPARAMVALUE>'));
  t.same(call.params.duplicates, ['localonly']);
  t.same(call.params.byName.get('LocalOnly')?.value, { kind: 'value', text: 'TRUE' }, 'the first one wins');
  t.equal(call.params.list.length, 2);
});

t.test('correlators are decoded with their type', async (t) => {
  const request = decodeRequest(requestBody(
    `<CORRELATOR NAME="trace" TYPE="uint64"><VALUE>18446744073709551615</VALUE></CORRELATOR>` +
    `<CORRELATOR NAME="who" TYPE="string"><VALUE>ops</VALUE></CORRELATOR><IMETHODCALL NAME="EnumerateClassNames">${NS}</IMETHODCALL>`));
  t.same(request.correlators, [
    { name: 'trace', type: 'uint64', value: 18446744073709551615n },
    { name: 'who', type: 'string', value: 'ops' },
  ]);
});

t.test('an extrinsic call on an instance (captured sfcb shape)', async (t) => {
  const request = decodeRequest(fixture('invoke-method.request.xml'));
  const call = request.call as CIMMethodCall;
  t.equal(request.messageId, '9');
  t.equal(call.kind, 'methodcall');
  t.equal(call.name, 'RestoreDefaultThresholds');
  t.equal(call.namespace, 'root/cimv2');
  t.ok(call.target instanceof CIMInstanceName);
  t.equal(call.target.namespace, 'root/cimv2');
  t.equal((call.target as CIMInstanceName).keybindings.get('SystemName'), 'bench-host-01');
  t.same(call.params.list, []);
});

t.test('an extrinsic call on a class, with every PARAMVALUE form', async (t) => {
  const embedded = '&lt;INSTANCE CLASSNAME="CIM_Error"&gt;&lt;PROPERTY NAME="Message" TYPE="string"&gt;&lt;VALUE&gt;boom&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;';
  const call = extrinsic(requestBody(`<METHODCALL NAME="Reset"><LOCALCLASSPATH>${NS}<CLASSNAME NAME="CIM_Fan"/></LOCALCLASSPATH>` +
    '<PARAMVALUE NAME="Speed" PARAMTYPE="uint16"><VALUE>3</VALUE></PARAMVALUE>' +
    '<PARAMVALUE NAME="Nothing"/>' +
    `<PARAMVALUE NAME="Job" PARAMTYPE="reference"><VALUE.REFERENCE>${FAN_NAME}</VALUE.REFERENCE></PARAMVALUE>` +
    `<PARAMVALUE NAME="Jobs" PARAMTYPE="reference"><VALUE.REFARRAY><VALUE.REFERENCE>${FAN_NAME}</VALUE.REFERENCE><VALUE.NULL/></VALUE.REFARRAY></PARAMVALUE>` +
    `<PARAMVALUE NAME="Err" PARAMTYPE="string" EmbeddedObject="instance"><VALUE>${embedded}</VALUE></PARAMVALUE>` +
    `<PARAMVALUE NAME="Errs" PARAMTYPE="string" EMBEDDEDOBJECT="object"><VALUE.ARRAY><VALUE>${embedded}</VALUE><VALUE.NULL/></VALUE.ARRAY></PARAMVALUE>` +
    `<PARAMVALUE NAME="Inst" PARAMTYPE="instance"><VALUE>${embedded}</VALUE></PARAMVALUE>` +
    `<PARAMVALUE NAME="Target">${FAN_NAME}</PARAMVALUE>` +
    '</METHODCALL>'));
  t.same(plain(call.target), plain(new CIMClassName({ classname: 'CIM_Fan', namespace: 'root/cimv2' })));
  const get = (name: string) => call.params.byName.get(name)!;
  t.same(get('Speed'), { name: 'Speed', paramType: 'uint16', value: { kind: 'value', text: '3' } });
  t.same(get('Nothing'), { name: 'Nothing', value: { kind: 'null' } });
  t.equal(get('Job').value.kind, 'reference');
  const jobs = get('Jobs').value;
  t.ok(jobs.kind === 'refarray' && jobs.items.length === 2 && jobs.items[1] === null);
  const err = get('Err');
  t.equal(err.embeddedObject, 'instance');
  t.ok(err.value.kind === 'value' && err.value.embedded instanceof CIMInstance && err.value.embedded.get('Message') === 'boom');
  const errs = get('Errs');
  t.equal(errs.embeddedObject, 'object', 'the EMBEDDEDOBJECT spelling is accepted');
  t.ok(errs.value.kind === 'array' && errs.value.embedded?.[0] instanceof CIMInstance && errs.value.embedded[1] === null);
  const inst = get('Inst').value;
  t.ok(inst.kind === 'value' && inst.embedded instanceof CIMInstance, 'PARAMTYPE="instance" marks an embedded instance');
  t.equal(get('Target').value.kind, 'instancename', 'INSTANCENAME in PARAMVALUE (DTD 2.4)');
});

t.test('KEYVALUE with and without TYPE', async (t) => {
  const key = (attributes: string, text: string) => {
    const value = param(`<INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><KEYVALUE ${attributes}>${text}</KEYVALUE></KEYBINDING></INSTANCENAME>`);
    if (value.kind !== 'instancename') throw new Error('expected an instance name');
    return value.path.keybindings.get('K');
  };
  t.equal(key('', 'fan-1'), 'fan-1', 'VALUETYPE defaults to string');
  t.equal(key('VALUETYPE="string"', ' spaced '), ' spaced ');
  t.equal(key('VALUETYPE="boolean"', 'true'), true);
  t.equal(key('VALUETYPE="numeric"', '42'), 42);
  t.equal(key('VALUETYPE="numeric"', '-7'), -7);
  t.equal(key('VALUETYPE="numeric"', '18446744073709551615'), 18446744073709551615n, 'beyond 2^53 stays exact');
  t.equal(key('VALUETYPE="numeric"', '2.5'), 2.5);
  t.equal(key('VALUETYPE="numeric" TYPE="uint64"', '5'), 5n, 'TYPE uint64 gives a bigint');
  t.equal(key('VALUETYPE="numeric" TYPE="uint16"', '0x10'), 16, 'hex integers (DSP0201)');
  t.equal(key('VALUETYPE="numeric" TYPE="real32"', '0.1'), Math.fround(0.1));
  t.equal(key('VALUETYPE="string" TYPE="char16"', 'x'), 'x');
  t.same(plain(key('VALUETYPE="string" TYPE="datetime"', '20251126224300.000000+060')), plain(CIMDateTime.parse('20251126224300.000000+060')));
  t.equal(key('VALUETYPE="string" TYPE=""', 'x'), 'x', 'TYPE="" counts as absent (pywbem tolerance)');

  const ref = param(`<INSTANCENAME CLASSNAME="CIM_SystemDevice"><KEYBINDING NAME="PartComponent"><VALUE.REFERENCE>${FAN_NAME}</VALUE.REFERENCE></KEYBINDING></INSTANCENAME>`);
  t.ok(ref.kind === 'instancename' && ref.path.keybindings.get('PartComponent') instanceof CIMInstanceName, 'reference keys');

  const keyless = param('<INSTANCENAME CLASSNAME="CIM_Singleton"></INSTANCENAME>');
  t.ok(keyless.kind === 'instancename' && keyless.path.keybindings.size === 0, 'a keyless singleton');

  // DSP0201 INSTANCENAME: a single-key class's value may come without its name; the class names it (operations/lookup.ts).
  const unnamed = param('<INSTANCENAME CLASSNAME="C"><KEYVALUE VALUETYPE="string" TYPE="string">a</KEYVALUE></INSTANCENAME>');
  t.equal(unnamed.kind, 'instancename', 'a lone KEYVALUE: an instance name');
  t.equal(unnamed.kind === 'instancename' && unnamed.path.keybindings.get(UNNAMED_KEY), 'a', 'with the unnamed key');
  const unnamedRef = param(`<INSTANCENAME CLASSNAME="C"><VALUE.REFERENCE>${FAN_NAME}</VALUE.REFERENCE></INSTANCENAME>`);
  t.equal(unnamedRef.kind, 'instancename', 'a lone VALUE.REFERENCE: an instance name');
  t.type(unnamedRef.kind === 'instancename' && unnamedRef.path.keybindings.get(UNNAMED_KEY), CIMInstanceName, 'with the unnamed key, a path');
});

t.test('bad values are CIM_ERR_INVALID_PARAMETER for the call', async (t) => {
  const cases: [string, RegExp][] = [
    ['<INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><KEYVALUE VALUETYPE="string" TYPE="uint16">1</KEYVALUE></KEYBINDING></INSTANCENAME>', /VALUETYPE="string" but TYPE="uint16"/],
    ['<INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><KEYVALUE VALUETYPE="numeric" TYPE="uint8">256</KEYVALUE></KEYBINDING></INSTANCENAME>', /outside the range of uint8/],
    ['<INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><KEYVALUE VALUETYPE="boolean">yes</KEYVALUE></KEYBINDING></INSTANCENAME>', /not a boolean/],
    ['<INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><KEYVALUE VALUETYPE="numeric">12abc</KEYVALUE></KEYBINDING></INSTANCENAME>', /not a real64/],
    ['<INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><KEYVALUE>a</KEYVALUE></KEYBINDING><KEYBINDING NAME="k"><KEYVALUE>b</KEYVALUE></KEYBINDING></INSTANCENAME>', /key k appears twice/],
    ['<INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><VALUE.REFERENCE><CLASSNAME NAME="X"/></VALUE.REFERENCE></KEYBINDING></INSTANCENAME>', /reference to the class X/],
    ['<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="uint8"><VALUE>300</VALUE></PROPERTY></INSTANCE>', /outside the range of uint8/],
    ['<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="datetime"><VALUE>yesterday</VALUE></PROPERTY></INSTANCE>', /not a CIM datetime/],
    ['<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="char16"><VALUE>ab</VALUE></PROPERTY></INSTANCE>', /char16 takes one character/],
    ['<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="real32"><VALUE>1e39</VALUE></PROPERTY></INSTANCE>', /outside the range of real32/],
    ['<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="sint16"><VALUE>-32769</VALUE></PROPERTY></INSTANCE>', /outside the range of sint16/],
    ['<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="string"></PROPERTY><PROPERTY NAME="p" TYPE="string"></PROPERTY></INSTANCE>', /property p appears twice/],
    ['<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="uint8" EmbeddedObject="instance"></PROPERTY></INSTANCE>', /EmbeddedObject on property P of TYPE uint8/],
    ['<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="string" EmbeddedObject="instance"><VALUE>not xml</VALUE></PROPERTY></INSTANCE>', /invalid embedded instance/],
    ['<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="string" EmbeddedObject="instance"><VALUE>&lt;CLASS NAME="X"/&gt;</VALUE></PROPERTY></INSTANCE>', /<CLASS> cannot be an embedded instance/],
    ['<INSTANCE CLASSNAME="C"><PROPERTY.REFERENCE NAME="R"><VALUE.REFERENCE><CLASSNAME NAME="X"/></VALUE.REFERENCE></PROPERTY.REFERENCE></INSTANCE>', /instance path is required/],
    ['<CLASS NAME="C"><METHOD NAME="M"></METHOD></CLASS>', /no return TYPE/],
    ['<QUALIFIER.DECLARATION NAME="Q" TYPE="string" ISARRAY="false"><VALUE.ARRAY></VALUE.ARRAY></QUALIFIER.DECLARATION>', /ISARRAY="false"/],
    ['<CLASS NAME="C"><QUALIFIER NAME="Q" TYPE="uint8"><VALUE>-1</VALUE></QUALIFIER></CLASS>', /outside the range/],
  ];
  for (const [content, message] of cases) {
    const err = invalidParameter(() => param(content));
    t.equal(err.code, CIMStatus.INVALID_PARAMETER);
    t.equal(err.messageId, '42');
    t.equal(err.methodName, 'X');
    t.equal(err.intrinsic, true);
    t.match(err.message, message);
    t.match(err.message, /\(line \d+, column \d+\)/, 'says where');
  }
  const method = invalidParameter(() => extrinsic(requestBody(`<METHODCALL NAME="M"><LOCALINSTANCEPATH>${NS}<INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><KEYVALUE VALUETYPE="numeric" TYPE="sint8">999</KEYVALUE></KEYBINDING></INSTANCENAME></LOCALINSTANCEPATH></METHODCALL>`)));
  t.equal(method.intrinsic, false);
  t.equal(method.methodName, 'M');
  const correlator = invalidParameter(() => decodeRequest(requestBody(`<CORRELATOR NAME="c" TYPE="boolean"><VALUE>maybe</VALUE></CORRELATOR><IMETHODCALL NAME="X">${NS}</IMETHODCALL>`)));
  t.match(correlator.message, /not a boolean/);
});

t.test('DTD violations are request-not-valid with a position', async (t) => {
  const cases: [string, RegExp][] = [
    [imethodCall('X', '<FOO/>'), /unknown element <FOO>/],
    [imethodCall('X', '<IPARAMVALUE><VALUE>1</VALUE></IPARAMVALUE>'), /<IPARAMVALUE> lacks the required attribute NAME/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE>1</VALUE><VALUE>2</VALUE></IPARAMVALUE>'), /<VALUE> is not allowed here in <IPARAMVALUE>/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE.REFARRAY></VALUE.REFARRAY></IPARAMVALUE>'), /<VALUE.REFARRAY> is not allowed here in <IPARAMVALUE>/],
    [imethodCall('X', '<IPARAMVALUE NAME="P">text</IPARAMVALUE>'), /character data is not allowed in <IPARAMVALUE>/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE><VALUE/></VALUE></IPARAMVALUE>'), /<VALUE> is not allowed in <VALUE>/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><CLASSNAME NAME=""/></IPARAMVALUE>'), /<CLASSNAME> has an empty NAME/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><INSTANCE CLASSNAME="C"><PROPERTY NAME="A" TYPE="int"></PROPERTY></INSTANCE></IPARAMVALUE>'), /TYPE="int" on <PROPERTY> is not a CIM type/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><INSTANCE CLASSNAME="C"><PROPERTY NAME="A" TYPE="reference"></PROPERTY></INSTANCE></IPARAMVALUE>'), /TYPE="reference" on <PROPERTY> is not a CIM type/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><INSTANCE CLASSNAME="C"><PROPERTY NAME="A" TYPE="string" PROPAGATED="maybe"></PROPERTY></INSTANCE></IPARAMVALUE>'), /PROPAGATED="maybe"/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><INSTANCE CLASSNAME="C"><PROPERTY NAME="A" TYPE="string"></PROPERTY><QUALIFIER NAME="Q" TYPE="string"></QUALIFIER></INSTANCE></IPARAMVALUE>'), /<QUALIFIER> is not allowed here in <INSTANCE>/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><INSTANCE CLASSNAME="C"><PROPERTY.ARRAY NAME="A" TYPE="string" ARRAYSIZE="x"></PROPERTY.ARRAY></INSTANCE></IPARAMVALUE>'), /ARRAYSIZE="x"/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><INSTANCE CLASSNAME="C"><PROPERTY NAME="A" TYPE="string" EmbeddedObject="yes"></PROPERTY></INSTANCE></IPARAMVALUE>'), /EmbeddedObject="yes"/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><INSTANCE CLASSNAME="C"><PROPERTY NAME="A" TYPE="string" EmbeddedObject="instance" EMBEDDEDOBJECT="object"></PROPERTY></INSTANCE></IPARAMVALUE>'), /EmbeddedObject="instance" and EMBEDDEDOBJECT="object"/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><KEYVALUE VALUETYPE="text">a</KEYVALUE></KEYBINDING></INSTANCENAME></IPARAMVALUE>'), /VALUETYPE="text"/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE.REFERENCE><INSTANCEPATH><NAMESPACEPATH><HOST> </HOST>' + NS + '</NAMESPACEPATH><INSTANCENAME CLASSNAME="C"/></INSTANCEPATH></VALUE.REFERENCE></IPARAMVALUE>'), /<HOST> is empty/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><QUALIFIER.DECLARATION NAME="Q" TYPE="string"><SCOPE CLASS="sometimes"/></QUALIFIER.DECLARATION></IPARAMVALUE>'), /CLASS="sometimes"/],
    [imethodCall('X', '<IPARAMVALUE NAME="P"><ENUMERATIONCONTEXT/></IPARAMVALUE>'), /<ENUMERATIONCONTEXT> is not allowed here in <IPARAMVALUE>/],
    [requestBody('<IMETHODCALL NAME="X"></IMETHODCALL>'), /<IMETHODCALL> expects <LOCALNAMESPACEPATH>/],
    [requestBody('<IMETHODCALL NAME="X"><LOCALNAMESPACEPATH></LOCALNAMESPACEPATH></IMETHODCALL>'), /<LOCALNAMESPACEPATH> expects <NAMESPACE>/],
    [requestBody(`<IMETHODCALL>${NS}</IMETHODCALL>`), /<IMETHODCALL> lacks the required attribute NAME/],
    [requestBody(`<METHODCALL NAME="M">${NS}</METHODCALL>`), /<METHODCALL> expects <LOCALCLASSPATH> or <LOCALINSTANCEPATH>, not <LOCALNAMESPACEPATH>/],
    [requestBody(`<METHODCALL NAME="M"><LOCALCLASSPATH>${NS}<CLASSNAME NAME="C"/></LOCALCLASSPATH><PARAMVALUE NAME="p" PARAMTYPE="int"/></METHODCALL>`), /PARAMTYPE="int"/],
    [requestBody(`<METHODCALL NAME="M"><LOCALCLASSPATH>${NS}<CLASSNAME NAME="C"/></LOCALCLASSPATH><IPARAMVALUE NAME="p"/></METHODCALL>`), /<IPARAMVALUE> is not allowed here in <METHODCALL>/],
    [requestBody(''), /<SIMPLEREQ> expects <IMETHODCALL> or <METHODCALL>/],
    [requestBody(`<IMETHODCALL NAME="X">${NS}</IMETHODCALL><IMETHODCALL NAME="Y">${NS}</IMETHODCALL>`), /<IMETHODCALL> is not allowed here in <SIMPLEREQ>/],
    ['<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLERSP/></MESSAGE></CIM>', /<MESSAGE> must contain <SIMPLEREQ>, not <SIMPLERSP>/],
    ['<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEEXPREQ/></MESSAGE></CIM>', /not <SIMPLEEXPREQ>/],
    ['<CIM CIMVERSION="2.0" DTDVERSION="2.0"><DECLARATION/></CIM>', /<CIM> expects <MESSAGE>, not <DECLARATION>/],
    ['<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE PROTOCOLVERSION="1.0"/></CIM>', /<MESSAGE> lacks the required attribute ID/],
    ['<CIM DTDVERSION="2.0"/>', /<CIM> lacks the required attribute CIMVERSION/],
    ['<MESSAGE ID="1" PROTOCOLVERSION="1.0"/>', /the root element must be <CIM>, not <MESSAGE>/],
    ['<?xml version="1.1"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"/>', /XML version 1.1/],
    ['<?xml version="1.0" encoding="ISO-8859-1"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"/>', /encoding ISO-8859-1/],
  ];
  for (const [body, message] of cases) {
    const err = protocolError(() => decodeRequest(body));
    t.equal(err.cimError, 'request-not-valid', String(message));
    t.equal(err.httpStatus, 400);
    t.match(err.message, message);
  }
  const positioned = protocolError(() => decodeRequest(imethodCall('X', '\n<FOO/>')));
  t.same(positioned.position, { line: 2, column: 6 }, 'the position of the offending tag (its end)');
});

t.test('pretty-printed requests, comments and processing instructions are fine', async (t) => {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- client -->\n<CIM CIMVERSION="2.3.1" DTDVERSION="2.4">\n <MESSAGE ID="x-1" PROTOCOLVERSION="1.4">\n  <SIMPLEREQ>\n   <IMETHODCALL NAME="GetClass">\n    ${NS}\n    <IPARAMVALUE NAME="ClassName">\n     <CLASSNAME NAME="CIM_Fan"/>\n    </IPARAMVALUE>\n   </IMETHODCALL>\n  </SIMPLEREQ>\n </MESSAGE>\n</CIM>\n<?trailing pi?>\n`;
  const request = decodeRequest(body);
  t.equal(request.cimVersion, '2.3.1');
  t.equal(request.dtdVersion, '2.4');
  t.equal(request.protocolVersion, '1.4');
  t.same((request.call as CIMIMethodCall).params.byName.get('ClassName')?.value, { kind: 'classname', name: 'CIM_Fan' });
  t.equal(decodeRequest(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])).messageId, 'x-1', 'a UTF-8 BOM is dropped');
});

t.test('limits can be lowered and are checked when set', async (t) => {
  const body = imethodCall('X', '<IPARAMVALUE NAME="P"><VALUE>0123456789</VALUE></IPARAMVALUE>');
  t.match(protocolError(() => decodeRequest(body, { maxTextLength: 5 })).message, /maxTextLength \(5\)/);
  t.match(protocolError(() => decodeRequest(body, { maxElements: 5 })).message, /maxElements \(5\)/);
  t.match(protocolError(() => decodeRequest(body, { maxDepth: 4 })).message, /maxDepth \(4\)/);
  t.match(protocolError(() => decodeRequest(body, { maxAttributes: 1 })).message, /maxAttributes \(1\)/);
  t.match(protocolError(() => decodeRequest(body, { maxAttributeLength: 2 })).message, /maxAttributeLength \(2\)/);
  t.match(protocolError(() => decodeRequest(body, { maxBytes: 100 })).message, /maxBytes \(100\)/);
  t.throws(() => decodeRequest(body, { maxDepth: 0 }), RangeError);
  t.throws(() => decodeRequest(body, { maxBytes: 1.5 }), RangeError);
  t.equal(decodeRequest(body, { maxTextLength: 10 }).messageId, '42', 'exactly at the limit is fine');
});
