import t from 'tap';
import {
  CIMClass, CIMClassName, CIMDateTime, CIMInstance, CIMInstanceName, DEFAULT_FLAVORS, NocaseMap, UNNAMED_KEY, cimProperty,
} from '../../src/cim/index.js';
import type { CIMProperty, CIMQualifier } from '../../src/cim/index.js';
import {
  EncodeError, encodeClass, encodeClassName, encodeClassPath, encodeError, encodeIMethodCall, encodeInstance,
  encodeInstanceName, encodeInstancePath, encodeInstanceWithPath, encodeLocalClassPath, encodeLocalInstancePath,
  encodeMethodCall, encodeNamedInstance, encodeObjectPath, encodeObjectWithPath, encodeParamValue,
  encodeQualifierDeclaration, encodeReturnValue, encodeValue, escapeAttribute, escapeText, imethodResponseEnd,
  imethodResponseStart, ireturnValueEnd, ireturnValueStart, messageEnd, messageStart, methodResponseEnd,
  methodResponseStart, decodeResponse,
} from '../../src/cimxml/index.js';

const FAN_PATH = new CIMInstanceName({
  classname: 'OMC_Fan', namespace: 'root/cimv2',
  keybindings: [['CreationClassName', 'OMC_Fan'], ['DeviceID', 'fan-1']],
});

function props(...list: CIMProperty[]): NocaseMap<CIMProperty> {
  return new NocaseMap(list.map((p) => [p.name, p] as const));
}

const key: CIMQualifier = { name: 'Key', type: 'boolean', value: true, flavors: { ...DEFAULT_FLAVORS, overridable: false }, propagated: false };

t.test('escaping only when needed', async (t) => {
  const plain = 'CPU 1 Temp';
  t.equal(escapeText(plain), plain);
  t.equal(escapeText('a<b>&"c\'\td\ne\r'), 'a&lt;b&gt;&amp;"c\'\td\ne&#13;', 'text: &<> and CR');
  t.equal(escapeAttribute('a<b>&"c\'\td\ne\r'), 'a&lt;b&gt;&amp;&quot;c\'&#9;d&#10;e&#13;', 'attributes: also " TAB LF');
  t.equal(escapeText('é😀\u{10FFFF}\uFFFD'), 'é😀\u{10FFFF}\uFFFD', 'unicode is written as is');
  for (const bad of ['\u0000', '\u0001', '\u000B', '\u001F', '\uFFFE', '\uFFFF', '\uD800', 'x\uDC00y', '\uD800x']) {
    t.throws(() => escapeText(`ok${bad}`), EncodeError, `refuses ${JSON.stringify(bad)}`);
    t.throws(() => escapeAttribute(bad), EncodeError);
  }
  t.throws(() => escapeText('abc\u0007'), { message: /U\+0007 at index 3 of "abc\\u0007" is not a character XML 1.0 can carry/ });
});

t.test('the envelope', async (t) => {
  t.equal(messageStart('42') + imethodResponseStart('GetInstance') + ireturnValueStart() + ireturnValueEnd() + imethodResponseEnd() + messageEnd(),
    '<?xml version="1.0" encoding="utf-8" ?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="42" PROTOCOLVERSION="1.0"><SIMPLERSP>' +
    '<IMETHODRESPONSE NAME="GetInstance"><IRETURNVALUE></IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>');
  t.equal(messageStart('a"<b'), '<?xml version="1.0" encoding="utf-8" ?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="a&quot;&lt;b" PROTOCOLVERSION="1.0"><SIMPLERSP>');
  t.equal(methodResponseStart('Reset') + methodResponseEnd(), '<METHODRESPONSE NAME="Reset"></METHODRESPONSE>');
  t.equal(encodeError(6, 'The requested object could not be found'), '<ERROR CODE="6" DESCRIPTION="The requested object could not be found"/>');
  t.equal(encodeError(1), '<ERROR CODE="1"/>');
  const error = new CIMInstance({ classname: 'CIM_Error', properties: props(cimProperty('Message', 'string', 'x')) });
  t.equal(encodeError(27, 'limits', [error]), '<ERROR CODE="27" DESCRIPTION="limits"><INSTANCE CLASSNAME="CIM_Error"><PROPERTY NAME="Message" TYPE="string"><VALUE>x</VALUE></PROPERTY></INSTANCE></ERROR>');
});

t.test('KEYVALUE always carries VALUETYPE and TYPE', async (t) => {
  const path = new CIMInstanceName({
    classname: 'X', keybindings: [
      ['S', 'a&b'], ['B', false], ['N', 7], ['M', -7], ['L', 2 ** 40], ['G', -(2 ** 40)], ['U', 18446744073709551615n], ['R', 1.5],
      ['D', CIMDateTime.parse('20251126224300.000000+060')],
    ],
  });
  t.equal(encodeInstanceName(path),
    '<INSTANCENAME CLASSNAME="X">' +
    '<KEYBINDING NAME="S"><KEYVALUE VALUETYPE="string" TYPE="string">a&amp;b</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="B"><KEYVALUE VALUETYPE="boolean" TYPE="boolean">FALSE</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="N"><KEYVALUE VALUETYPE="numeric" TYPE="uint32">7</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="M"><KEYVALUE VALUETYPE="numeric" TYPE="sint32">-7</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="L"><KEYVALUE VALUETYPE="numeric" TYPE="uint64">1099511627776</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="G"><KEYVALUE VALUETYPE="numeric" TYPE="sint64">-1099511627776</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="U"><KEYVALUE VALUETYPE="numeric" TYPE="uint64">18446744073709551615</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="R"><KEYVALUE VALUETYPE="numeric" TYPE="real64">1.5</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="D"><KEYVALUE VALUETYPE="string" TYPE="datetime">20251126224300.000000+060</KEYVALUE></KEYBINDING>' +
    '</INSTANCENAME>');
  const typed = new CIMClass({ classname: 'X', properties: props(cimProperty('N', 'uint16', null), cimProperty('S', 'char16', null)) });
  t.equal(encodeInstanceName(new CIMInstanceName({ classname: 'X', keybindings: { N: 7, S: 'c' } }), typed),
    '<INSTANCENAME CLASSNAME="X"><KEYBINDING NAME="N"><KEYVALUE VALUETYPE="numeric" TYPE="uint16">7</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="S"><KEYVALUE VALUETYPE="string" TYPE="char16">c</KEYVALUE></KEYBINDING></INSTANCENAME>', 'types from the class when given');
  t.throws(() => encodeInstanceName(new CIMInstanceName({ classname: 'X', keybindings: { N: 'seven' } }), typed), { message: /key N: cannot write as uint16/ });
  const association = new CIMInstanceName({ classname: 'CIM_SystemDevice', keybindings: { PartComponent: FAN_PATH } });
  t.equal(encodeInstanceName(association),
    '<INSTANCENAME CLASSNAME="CIM_SystemDevice"><KEYBINDING NAME="PartComponent"><VALUE.REFERENCE><LOCALINSTANCEPATH>' +
    '<LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>' +
    '<INSTANCENAME CLASSNAME="OMC_Fan"><KEYBINDING NAME="CreationClassName"><KEYVALUE VALUETYPE="string" TYPE="string">OMC_Fan</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="DeviceID"><KEYVALUE VALUETYPE="string" TYPE="string">fan-1</KEYVALUE></KEYBINDING></INSTANCENAME>' +
    '</LOCALINSTANCEPATH></VALUE.REFERENCE></KEYBINDING></INSTANCENAME>', 'reference keys');
  t.equal(encodeInstanceName(new CIMInstanceName({ classname: 'Singleton' })), '<INSTANCENAME CLASSNAME="Singleton"></INSTANCENAME>');
});

t.test('paths', async (t) => {
  const name = encodeInstanceName(FAN_PATH);
  const ns = '<LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>';
  t.equal(encodeInstancePath(FAN_PATH, 'esx01:5989'), `<INSTANCEPATH><NAMESPACEPATH><HOST>esx01:5989</HOST>${ns}</NAMESPACEPATH>${name}</INSTANCEPATH>`);
  t.equal(encodeLocalInstancePath(FAN_PATH), `<LOCALINSTANCEPATH>${ns}${name}</LOCALINSTANCEPATH>`);
  t.equal(encodeLocalInstancePath(FAN_PATH, '/root/interop/'), `<LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="interop"/></LOCALNAMESPACEPATH>${name}</LOCALINSTANCEPATH>`);
  t.equal(encodeObjectPath(FAN_PATH, 'h'), `<OBJECTPATH><INSTANCEPATH><NAMESPACEPATH><HOST>h</HOST>${ns}</NAMESPACEPATH>${name}</INSTANCEPATH></OBJECTPATH>`);
  const cls = new CIMClassName({ classname: 'CIM_Fan', namespace: 'root/cimv2' });
  t.equal(encodeClassName('CIM_Fan'), '<CLASSNAME NAME="CIM_Fan"/>');
  t.equal(encodeLocalClassPath(cls), `<LOCALCLASSPATH>${ns}<CLASSNAME NAME="CIM_Fan"/></LOCALCLASSPATH>`);
  t.equal(encodeClassPath(cls, 'h'), `<CLASSPATH><NAMESPACEPATH><HOST>h</HOST>${ns}</NAMESPACEPATH><CLASSNAME NAME="CIM_Fan"/></CLASSPATH>`);
  t.equal(encodeObjectPath(cls, 'h'), `<OBJECTPATH>${encodeClassPath(cls, 'h')}</OBJECTPATH>`);
  t.throws(() => encodeInstancePath(FAN_PATH), { name: 'EncodeError', message: /needs a host/ });
  t.throws(() => encodeLocalInstancePath(FAN_PATH.withLocation(undefined)), { message: /needs a namespace/ });
  t.throws(() => encodeLocalInstancePath(FAN_PATH, '//'), { message: /has no component/ });
});

t.test('the unnamed key (DSP0201 5.3.4) is written back as the lone KEYVALUE or VALUE.REFERENCE it was decoded from', async (t) => {
  const wire = (content: string) => `<?xml version="1.0"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLERSP>` +
    `<IMETHODRESPONSE NAME="EnumerateInstanceNames"><IRETURNVALUE>${content}</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>`;
  const byValue = '<INSTANCENAME CLASSNAME="C"><KEYVALUE VALUETYPE="string" TYPE="string">v</KEYVALUE></INSTANCENAME>';
  const decoded = decodeResponse(wire(byValue));
  const path = decoded.kind === 'imethodresponse' ? decoded.returnValue?.[0] : undefined;
  t.ok(path?.kind === 'instancename', 'the client decodes an instance name');
  if (path?.kind !== 'instancename') return;
  t.equal(encodeInstanceName(path.path), byValue, 'a lone KEYVALUE, no KEYBINDING NAME=""');
  t.equal(path.path.toString(), 'C="v"', 'printed in the single-key shorthand');
  const reference = new CIMInstanceName({ classname: 'A', keybindings: [[UNNAMED_KEY, new CIMInstanceName({ classname: 'B', keybindings: { K: 'x' }, namespace: 'root/cimv2' })]] });
  t.match(encodeInstanceName(reference), /^<INSTANCENAME CLASSNAME="A"><VALUE\.REFERENCE><LOCALINSTANCEPATH>.*<\/LOCALINSTANCEPATH><\/VALUE\.REFERENCE><\/INSTANCENAME>$/, 'a lone VALUE.REFERENCE');
  const mixed = new CIMInstanceName({ classname: 'C', keybindings: [['K', 'a'], [UNNAMED_KEY, 'b']] });
  t.throws(() => encodeInstanceName(mixed), { name: 'EncodeError', message: /a key without a name among named ones/ });
});

t.test('NULL properties are never self-closing; empty arrays, NULL items', async (t) => {
  const instance = new CIMInstance({
    classname: 'OMC_Fan',
    properties: props(
      cimProperty('Speed', 'uint16', null),
      cimProperty('Status', 'uint16', null, { isArray: true }),
      cimProperty('Owner', 'reference', null),
      cimProperty('Empty', 'string', []),
      cimProperty('Holes', 'string', ['a', null, 'b'] as string[]),
    ),
  });
  t.equal(encodeInstance(instance),
    '<INSTANCE CLASSNAME="OMC_Fan">' +
    '<PROPERTY NAME="Speed" TYPE="uint16"></PROPERTY>' +
    '<PROPERTY.ARRAY NAME="Status" TYPE="uint16"></PROPERTY.ARRAY>' +
    '<PROPERTY.REFERENCE NAME="Owner"></PROPERTY.REFERENCE>' +
    '<PROPERTY.ARRAY NAME="Empty" TYPE="string"><VALUE.ARRAY></VALUE.ARRAY></PROPERTY.ARRAY>' +
    '<PROPERTY.ARRAY NAME="Holes" TYPE="string"><VALUE.ARRAY><VALUE>a</VALUE><VALUE.NULL/><VALUE>b</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>' +
    '</INSTANCE>');
});

t.test('lexical forms of every type', async (t) => {
  const value = (type: Parameters<typeof encodeValue>[0], v: Parameters<typeof encodeValue>[1]) => encodeValue(type, v);
  t.equal(value('boolean', true), '<VALUE>TRUE</VALUE>');
  t.equal(value('boolean', false), '<VALUE>FALSE</VALUE>');
  t.equal(value('uint64', 18446744073709551615n), '<VALUE>18446744073709551615</VALUE>');
  t.equal(value('sint64', -9223372036854775808n), '<VALUE>-9223372036854775808</VALUE>');
  t.equal(value('uint64', 5), '<VALUE>5</VALUE>', 'a number is fine for a 64-bit type');
  t.equal(value('sint8', -128), '<VALUE>-128</VALUE>');
  t.equal(value('real32', 0.1), '<VALUE>0.1</VALUE>', 'real32: shortest text that reads back');
  t.equal(value('real32', 3.4028234663852886e38), '<VALUE>3.4028235e+38</VALUE>');
  t.equal(value('real64', 0.1 + 0.2), '<VALUE>0.30000000000000004</VALUE>', 'real64: full precision');
  t.equal(value('real64', 5e-324), '<VALUE>5.0e-324</VALUE>', 'a dot before the exponent (DSP0201 realValue)');
  t.equal(value('real32', 2), '<VALUE>2.0</VALUE>');
  t.equal(value('real64', NaN), '<VALUE>NaN</VALUE>');
  t.equal(value('real64', Infinity), '<VALUE>INF</VALUE>');
  t.equal(value('real32', -Infinity), '<VALUE>-INF</VALUE>');
  t.equal(value('datetime', CIMDateTime.parse('20251126******.******+000')), '<VALUE>20251126******.******+000</VALUE>');
  t.equal(value('datetime', CIMDateTime.parse('00000001020304.000000:000')), '<VALUE>00000001020304.000000:000</VALUE>');
  t.equal(value('char16', '<'), '<VALUE>&lt;</VALUE>');
  t.equal(value('string', ' <&>"\' é '), '<VALUE> &lt;&amp;&gt;"\' é </VALUE>');
  t.equal(value('string', null), '', 'NULL is no element');
  t.equal(value('uint8', [1, 2]), '<VALUE.ARRAY><VALUE>1</VALUE><VALUE>2</VALUE></VALUE.ARRAY>');
  t.equal(value('reference', [FAN_PATH.withLocation(undefined), null] as CIMInstanceName[]),
    `<VALUE.REFARRAY><VALUE.REFERENCE>${encodeInstanceName(FAN_PATH)}</VALUE.REFERENCE><VALUE.NULL/></VALUE.REFARRAY>`);
  for (const [type, bad] of [['uint8', 256], ['uint8', 1.5], ['sint32', 2 ** 31], ['uint64', -1n], ['uint16', '5'], ['boolean', 'true'],
    ['datetime', '20251126224300.000000+060'], ['char16', 'ab'], ['char16', '😀'], ['real32', 1n], ['real32', 1e39], ['string', 5],
    ['reference', 'x']] as const) {
    t.throws(() => encodeValue(type, bad), EncodeError, `${type} ${String(bad)}`);
  }
});

t.test('instance flags: qualifiers, class origin, propagated, property list', async (t) => {
  const instance = new CIMInstance({
    classname: 'OMC_Fan',
    qualifiers: new NocaseMap([['Description', { name: 'Description', type: 'string', value: 'fan', flavors: DEFAULT_FLAVORS, propagated: true } as CIMQualifier]]),
    properties: props(
      cimProperty('DeviceID', 'string', 'fan-1', { classOrigin: 'CIM_LogicalDevice', qualifiers: new NocaseMap([['Key', key]]) }),
      cimProperty('EnabledState', 'uint16', 5, { propagated: true, classOrigin: 'CIM_EnabledLogicalElement' }),
    ),
  });
  t.equal(encodeInstance(instance),
    '<INSTANCE CLASSNAME="OMC_Fan"><PROPERTY NAME="DeviceID" TYPE="string"><VALUE>fan-1</VALUE></PROPERTY>' +
    '<PROPERTY NAME="EnabledState" TYPE="uint16" PROPAGATED="true"><VALUE>5</VALUE></PROPERTY></INSTANCE>', 'no qualifiers nor origins unless asked');
  t.equal(encodeInstance(instance, { includeQualifiers: true, includeClassOrigin: true }),
    '<INSTANCE CLASSNAME="OMC_Fan"><QUALIFIER NAME="Description" TYPE="string" PROPAGATED="true"><VALUE>fan</VALUE></QUALIFIER>' +
    '<PROPERTY NAME="DeviceID" TYPE="string" CLASSORIGIN="CIM_LogicalDevice"><QUALIFIER NAME="Key" TYPE="boolean" OVERRIDABLE="false"><VALUE>TRUE</VALUE></QUALIFIER><VALUE>fan-1</VALUE></PROPERTY>' +
    '<PROPERTY NAME="EnabledState" TYPE="uint16" CLASSORIGIN="CIM_EnabledLogicalElement" PROPAGATED="true"><VALUE>5</VALUE></PROPERTY></INSTANCE>');
  t.equal(encodeInstance(instance, { propertyList: ['enabledstate', 'NoSuchProperty'] }),
    '<INSTANCE CLASSNAME="OMC_Fan"><PROPERTY NAME="EnabledState" TYPE="uint16" PROPAGATED="true"><VALUE>5</VALUE></PROPERTY></INSTANCE>');
  t.equal(encodeInstance(instance, { propertyList: [] }), '<INSTANCE CLASSNAME="OMC_Fan"></INSTANCE>');
});

t.test('references in instances: always with the namespace they carry', async (t) => {
  const local = FAN_PATH;
  const interop = new CIMInstanceName({ classname: 'CIM_RegisteredProfile', namespace: 'root/interop', keybindings: { InstanceID: 'p1' } });
  const remote = new CIMInstanceName({ classname: 'CIM_RegisteredProfile', namespace: 'root/interop', host: 'h2', keybindings: { InstanceID: 'p1' } });
  const bare = local.withLocation(undefined);
  const instance = new CIMInstance({
    classname: 'CIM_ElementConformsToProfile',
    properties: props(
      cimProperty('ManagedElement', 'reference', local, { referenceClass: 'CIM_ManagedElement' }),
      cimProperty('ConformantStandard', 'reference', interop),
      cimProperty('Remote', 'reference', remote),
      cimProperty('Bare', 'reference', bare),
    ),
  });
  const xml = encodeInstance(instance);
  // pywbem compares paths namespace included: a same-namespace reference written as an INSTANCENAME equals none of its paths.
  t.match(xml, `<PROPERTY.REFERENCE NAME="ManagedElement" REFERENCECLASS="CIM_ManagedElement"><VALUE.REFERENCE>${encodeLocalInstancePath(local)}</VALUE.REFERENCE></PROPERTY.REFERENCE>`);
  t.match(xml, `<PROPERTY.REFERENCE NAME="ConformantStandard"><VALUE.REFERENCE>${encodeLocalInstancePath(interop)}</VALUE.REFERENCE></PROPERTY.REFERENCE>`);
  t.match(xml, `<PROPERTY.REFERENCE NAME="Remote"><VALUE.REFERENCE>${encodeInstancePath(remote)}</VALUE.REFERENCE></PROPERTY.REFERENCE>`);
  t.match(xml, `<PROPERTY.REFERENCE NAME="Bare"><VALUE.REFERENCE>${encodeInstanceName(bare)}</VALUE.REFERENCE></PROPERTY.REFERENCE>`, 'a reference without a namespace stays an INSTANCENAME');
  const bad = new CIMInstance({ classname: 'X', properties: props(cimProperty('R', 'reference', [local])) });
  t.throws(() => encodeInstance(bad), { message: /property R: a reference property cannot be an array/ });
});

t.test('embedded objects are escaped INSTANCE / CLASS text', async (t) => {
  const inner = new CIMInstance({ classname: 'CIM_Error', properties: props(cimProperty('Message', 'string', 'a<b')) });
  const instance = new CIMInstance({
    classname: 'CIM_InstModification',
    properties: props(
      cimProperty('SourceInstance', 'string', inner, { embeddedObject: 'instance' }),
      cimProperty('Implied', 'string', inner),
      cimProperty('Classes', 'string', [new CIMClass({ classname: 'X' })]),
    ),
  });
  const escaped = '&lt;INSTANCE CLASSNAME="CIM_Error"&gt;&lt;PROPERTY NAME="Message" TYPE="string"&gt;&lt;VALUE&gt;a&amp;lt;b&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;';
  t.equal(encodeInstance(instance),
    '<INSTANCE CLASSNAME="CIM_InstModification">' +
    `<PROPERTY NAME="SourceInstance" TYPE="string" EmbeddedObject="instance"><VALUE>${escaped}</VALUE></PROPERTY>` +
    `<PROPERTY NAME="Implied" TYPE="string" EmbeddedObject="instance"><VALUE>${escaped}</VALUE></PROPERTY>` +
    '<PROPERTY.ARRAY NAME="Classes" TYPE="string" EmbeddedObject="object"><VALUE.ARRAY><VALUE>&lt;CLASS NAME="X"&gt;&lt;/CLASS&gt;</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>' +
    '</INSTANCE>');
  t.equal(encodeParamValue('Error', inner), `<PARAMVALUE NAME="Error" PARAMTYPE="string" EmbeddedObject="instance"><VALUE>${escaped}</VALUE></PARAMVALUE>`);
  t.equal(encodeReturnValue('instance', inner), `<RETURNVALUE PARAMTYPE="string" EmbeddedObject="instance"><VALUE>${escaped}</VALUE></RETURNVALUE>`);
});

t.test('named instances and instances with paths', async (t) => {
  const instance = new CIMInstance({
    classname: 'OMC_Fan', path: FAN_PATH,
    properties: props(cimProperty('CreationClassName', 'string', 'OMC_Fan'), cimProperty('DeviceID', 'string', 'fan-1')),
  });
  const body = encodeInstance(instance);
  t.equal(encodeNamedInstance(instance), `<VALUE.NAMEDINSTANCE>${encodeInstanceName(FAN_PATH)}${body}</VALUE.NAMEDINSTANCE>`);
  t.equal(encodeInstanceWithPath(instance, 'h'), `<VALUE.INSTANCEWITHPATH>${encodeInstancePath(FAN_PATH, 'h')}${body}</VALUE.INSTANCEWITHPATH>`);
  t.equal(encodeObjectWithPath(instance, FAN_PATH, 'h'), `<VALUE.OBJECTWITHPATH>${encodeInstancePath(FAN_PATH, 'h')}${body}</VALUE.OBJECTWITHPATH>`);
  const cls = new CIMClass({ classname: 'OMC_Fan' });
  const classPath = new CIMClassName({ classname: 'OMC_Fan', namespace: 'root/cimv2' });
  t.equal(encodeObjectWithPath(cls, classPath, 'h'), `<VALUE.OBJECTWITHPATH>${encodeClassPath(classPath, 'h')}<CLASS NAME="OMC_Fan"></CLASS></VALUE.OBJECTWITHPATH>`);
  t.throws(() => encodeObjectWithPath(cls, FAN_PATH, 'h'), { message: /needs a class path/ });
  t.throws(() => encodeObjectWithPath(instance, classPath, 'h'), { message: /needs an instance path/ });
  t.throws(() => encodeNamedInstance(new CIMInstance({ classname: 'X' })), { message: /the X instance has no path/ });
});

t.test('classes and qualifier declarations', async (t) => {
  const cls = new CIMClass({
    classname: 'OMC_Fan', superclass: 'CIM_Fan',
    qualifiers: new NocaseMap([['Version', { name: 'Version', type: 'string', value: '2.49.0', flavors: { ...DEFAULT_FLAVORS, translatable: true, toinstance: true, tosubclass: false }, propagated: false } as CIMQualifier]]),
    properties: props(cimProperty('DeviceID', 'string', null, { qualifiers: new NocaseMap([['Key', key]]), classOrigin: 'CIM_LogicalDevice', propagated: true })),
    methods: new NocaseMap([['RequestStateChange', {
      name: 'RequestStateChange', returnType: 'uint32', propagated: false, classOrigin: 'CIM_EnabledLogicalElement', qualifiers: new NocaseMap(),
      parameters: new NocaseMap([
        ['RequestedState', { name: 'RequestedState', type: 'uint16', isArray: false, qualifiers: new NocaseMap() }],
        ['Job', { name: 'Job', type: 'reference', isArray: false, referenceClass: 'CIM_ConcreteJob', qualifiers: new NocaseMap() }],
        ['Codes', { name: 'Codes', type: 'uint16', isArray: true, arraySize: 4, qualifiers: new NocaseMap() }],
        ['Jobs', { name: 'Jobs', type: 'reference', isArray: true, qualifiers: new NocaseMap() }],
      ] as const),
    }]]),
  });
  const full = '<CLASS NAME="OMC_Fan" SUPERCLASS="CIM_Fan">' +
    '<QUALIFIER NAME="Version" TYPE="string" TOSUBCLASS="false" TOINSTANCE="true" TRANSLATABLE="true"><VALUE>2.49.0</VALUE></QUALIFIER>' +
    '<PROPERTY NAME="DeviceID" TYPE="string" CLASSORIGIN="CIM_LogicalDevice" PROPAGATED="true"><QUALIFIER NAME="Key" TYPE="boolean" OVERRIDABLE="false"><VALUE>TRUE</VALUE></QUALIFIER></PROPERTY>' +
    '<METHOD NAME="RequestStateChange" TYPE="uint32" CLASSORIGIN="CIM_EnabledLogicalElement">' +
    '<PARAMETER NAME="RequestedState" TYPE="uint16"></PARAMETER>' +
    '<PARAMETER.REFERENCE NAME="Job" REFERENCECLASS="CIM_ConcreteJob"></PARAMETER.REFERENCE>' +
    '<PARAMETER.ARRAY NAME="Codes" TYPE="uint16" ARRAYSIZE="4"></PARAMETER.ARRAY>' +
    '<PARAMETER.REFARRAY NAME="Jobs"></PARAMETER.REFARRAY>' +
    '</METHOD></CLASS>';
  t.equal(encodeClass(cls), full, 'classes are written as given');
  t.equal(encodeClass(cls, { includeQualifiers: false, includeClassOrigin: false }),
    '<CLASS NAME="OMC_Fan" SUPERCLASS="CIM_Fan"><PROPERTY NAME="DeviceID" TYPE="string" PROPAGATED="true"></PROPERTY>' +
    '<METHOD NAME="RequestStateChange" TYPE="uint32"><PARAMETER NAME="RequestedState" TYPE="uint16"></PARAMETER>' +
    '<PARAMETER.REFERENCE NAME="Job" REFERENCECLASS="CIM_ConcreteJob"></PARAMETER.REFERENCE>' +
    '<PARAMETER.ARRAY NAME="Codes" TYPE="uint16" ARRAYSIZE="4"></PARAMETER.ARRAY><PARAMETER.REFARRAY NAME="Jobs"></PARAMETER.REFARRAY></METHOD></CLASS>');
  t.equal(encodeQualifierDeclaration({ name: 'Key', type: 'boolean', isArray: false, value: false, scopes: new Set(['property', 'reference']), flavors: { ...DEFAULT_FLAVORS, overridable: false } }),
    '<QUALIFIER.DECLARATION NAME="Key" TYPE="boolean" ISARRAY="false" OVERRIDABLE="false"><SCOPE PROPERTY="true" REFERENCE="true"/><VALUE>FALSE</VALUE></QUALIFIER.DECLARATION>');
  t.equal(encodeQualifierDeclaration({ name: 'ValueMap', type: 'string', isArray: true, arraySize: 3, value: null, scopes: new Set(), flavors: DEFAULT_FLAVORS }),
    '<QUALIFIER.DECLARATION NAME="ValueMap" TYPE="string" ISARRAY="true" ARRAYSIZE="3"></QUALIFIER.DECLARATION>');
});

t.test('PARAMVALUE and RETURNVALUE', async (t) => {
  t.equal(encodeParamValue('EndOfSequence', false, 'boolean'), '<PARAMVALUE NAME="EndOfSequence" PARAMTYPE="boolean"><VALUE>FALSE</VALUE></PARAMVALUE>');
  t.equal(encodeParamValue('EnumerationContext', '', 'string'), '<PARAMVALUE NAME="EnumerationContext" PARAMTYPE="string"><VALUE></VALUE></PARAMVALUE>');
  t.equal(encodeParamValue('Untyped', 'x'), '<PARAMVALUE NAME="Untyped"><VALUE>x</VALUE></PARAMVALUE>');
  t.equal(encodeParamValue('Nothing', null, 'uint16'), '<PARAMVALUE NAME="Nothing" PARAMTYPE="uint16"></PARAMVALUE>');
  t.equal(encodeParamValue('Job', FAN_PATH, 'reference'), `<PARAMVALUE NAME="Job" PARAMTYPE="reference"><VALUE.REFERENCE>${encodeLocalInstancePath(FAN_PATH)}</VALUE.REFERENCE></PARAMVALUE>`);
  t.equal(encodeParamValue('Job', FAN_PATH), `<PARAMVALUE NAME="Job"><VALUE.REFERENCE>${encodeLocalInstancePath(FAN_PATH)}</VALUE.REFERENCE></PARAMVALUE>`, 'a reference is recognised untyped');
  t.equal(encodeParamValue('Codes', [1, 2], 'uint16'), '<PARAMVALUE NAME="Codes" PARAMTYPE="uint16"><VALUE.ARRAY><VALUE>1</VALUE><VALUE>2</VALUE></VALUE.ARRAY></PARAMVALUE>');
  t.equal(encodeReturnValue('uint32', 0), '<RETURNVALUE PARAMTYPE="uint32"><VALUE>0</VALUE></RETURNVALUE>');
  t.equal(encodeReturnValue('uint32', null), '<RETURNVALUE PARAMTYPE="uint32"></RETURNVALUE>');
});

t.test('client requests', async (t) => {
  const body = encodeIMethodCall('7', 'EnumerateInstances', 'root/cimv2', {
    ClassName: new CIMClassName({ classname: 'CIM_Fan' }),
    DeepInheritance: true,
    MaxObjectCount: 100,
    Big: 18446744073709551615n,
    PropertyList: ['ElementName', 'HealthState'],
    Filter: null,
    Skipped: undefined,
    Query: 'SELECT * FROM CIM_Fan WHERE Name <> "x"',
  });
  t.equal(body,
    '<?xml version="1.0" encoding="utf-8" ?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="7" PROTOCOLVERSION="1.0"><SIMPLEREQ>' +
    '<IMETHODCALL NAME="EnumerateInstances"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>' +
    '<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="CIM_Fan"/></IPARAMVALUE>' +
    '<IPARAMVALUE NAME="DeepInheritance"><VALUE>TRUE</VALUE></IPARAMVALUE>' +
    '<IPARAMVALUE NAME="MaxObjectCount"><VALUE>100</VALUE></IPARAMVALUE>' +
    '<IPARAMVALUE NAME="Big"><VALUE>18446744073709551615</VALUE></IPARAMVALUE>' +
    '<IPARAMVALUE NAME="PropertyList"><VALUE.ARRAY><VALUE>ElementName</VALUE><VALUE>HealthState</VALUE></VALUE.ARRAY></IPARAMVALUE>' +
    '<IPARAMVALUE NAME="Filter"></IPARAMVALUE>' +
    '<IPARAMVALUE NAME="Query"><VALUE>SELECT * FROM CIM_Fan WHERE Name &lt;&gt; "x"</VALUE></IPARAMVALUE>' +
    '</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>');
  const method = encodeMethodCall('8', 'RequestStateChange', FAN_PATH, [['RequestedState', { type: 'uint16', value: 3 }], ['Timeout', null]]);
  t.equal(method,
    '<?xml version="1.0" encoding="utf-8" ?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="8" PROTOCOLVERSION="1.0"><SIMPLEREQ>' +
    `<METHODCALL NAME="RequestStateChange">${encodeLocalInstancePath(FAN_PATH)}` +
    '<PARAMVALUE NAME="RequestedState" PARAMTYPE="uint16"><VALUE>3</VALUE></PARAMVALUE><PARAMVALUE NAME="Timeout"></PARAMVALUE>' +
    '</METHODCALL></SIMPLEREQ></MESSAGE></CIM>');
  t.throws(() => encodeMethodCall('9', 'M', FAN_PATH.withLocation(undefined)), { message: /needs a namespace/ });
});
