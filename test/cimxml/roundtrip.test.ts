import t from 'tap';
import {
  CIMClass, CIMClassName, CIMDateTime, CIMInstance, CIMInstanceName, DEFAULT_FLAVORS, NocaseMap, cimProperty,
} from '../../src/cim/index.js';
import type {
  CIMMethod, CIMProperty, CIMQualifier, CIMQualifierDeclaration, CIMScalar, CIMType, CIMValue,
} from '../../src/cim/index.js';
import {
  decodeRequest, decodeResponse, encodeClass, encodeClassName, encodeError, encodeIMethodCall, encodeInstance,
  encodeInstanceName, encodeInstancePath, encodeInstanceWithPath, encodeMethodCall, encodeNamedInstance,
  encodeObjectPath, encodeObjectWithPath, encodeParamValue, encodeQualifierDeclaration, encodeReturnValue, encodeValue,
  imethodResponseEnd, imethodResponseStart, ireturnValueEnd, ireturnValueStart, messageEnd, messageStart,
  methodResponseEnd, methodResponseStart,
} from '../../src/cimxml/index.js';
import type { CIMIMethodCall, CIMMethodCall, CIMMethodResponse, ParamValue, ReturnItem } from '../../src/cimxml/index.js';
import { plain } from './helpers.js';

/** Edge values of every CIM type. */
const EDGES: Record<Exclude<CIMType, 'reference'>, CIMScalar[]> = {
  boolean: [true, false],
  string: ['', ' padded ', 'a<b>&c"d\'e', 'tab\there\nline\r\ncrlf', 'é ü 中文 😀 \u{10FFFF}', ']]>', '&amp; is not decoded twice'],
  char16: ['x', '<', '&', '"', 'é', '中'],
  datetime: ['20251126224301.123456+060', '19700101000000.000000-300', '20251126******.******+000', '99991231235959.999999+000',
    '00000000000130.000000:000', '99999999235959.999999:000', '0000000102****.******:000'].map((text) => CIMDateTime.parse(text)),
  uint8: [0, 255], sint8: [-128, 127], uint16: [0, 65535], sint16: [-32768, 32767],
  uint32: [0, 4294967295], sint32: [-2147483648, 2147483647],
  uint64: [0n, 9007199254740993n, 18446744073709551615n], sint64: [-9223372036854775808n, 0n, 9223372036854775807n],
  real32: [0, 1, Math.fround(0.1), Math.fround(3.4028234663852886e38), Math.fround(1.401298464324817e-45), Math.fround(1.1754943508222875e-38),
    Math.fround(-123.456), NaN, Infinity, -Infinity],
  real64: [0, 0.1 + 0.2, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_SAFE_INTEGER, 2.2250738585072014e-308, 1e21, -1.5e-300, NaN, Infinity, -Infinity],
};

const LOCAL_FAN = new CIMInstanceName({ classname: 'OMC_Fan', namespace: 'root/cimv2', keybindings: [['CreationClassName', 'OMC_Fan'], ['DeviceID', 'fan-1']] });
const INTEROP_PROFILE = new CIMInstanceName({ classname: 'CIM_RegisteredProfile', namespace: 'root/interop', keybindings: { InstanceID: 'thincim:fan' } });
const REMOTE = new CIMInstanceName({ classname: 'CIM_ComputerSystem', namespace: 'root/cimv2', host: 'esx01:5989', keybindings: { Name: 'esx01' } });

const key: CIMQualifier = { name: 'Key', type: 'boolean', value: true, flavors: { ...DEFAULT_FLAVORS, overridable: false }, propagated: false };
const valueMap: CIMQualifier = { name: 'ValueMap', type: 'string', value: ['0', '2', '..'], flavors: { ...DEFAULT_FLAVORS, translatable: true }, propagated: true };

function props(list: CIMProperty[]): NocaseMap<CIMProperty> {
  return new NocaseMap(list.map((p) => [p.name, p] as const));
}

function everyTypeProperties(): CIMProperty[] {
  const list: CIMProperty[] = [];
  for (const [type, values] of Object.entries(EDGES) as [CIMType, CIMScalar[]][]) {
    values.forEach((value, i) => list.push(cimProperty(`${type}_${i}`, type, value)));
    list.push(cimProperty(`${type}_null`, type, null));
    list.push(cimProperty(`${type}_array`, type, values));
    list.push(cimProperty(`${type}_holes`, type, [values[0]!, null, values[1]!] as CIMScalar[]));
    list.push(cimProperty(`${type}_empty`, type, []));
    list.push(cimProperty(`${type}_nullarray`, type, null, { isArray: true, arraySize: 4 }));
  }
  return list;
}

const EMBEDDED = new CIMInstance({
  classname: 'CIM_Error',
  properties: props([cimProperty('Message', 'string', 'fan <1> & "2"'), cimProperty('PerceivedSeverity', 'uint16', 6),
    cimProperty('Stamp', 'datetime', CIMDateTime.parse('20251126224301.000000+000'))]),
});
const DOUBLY_EMBEDDED = new CIMInstance({
  classname: 'CIM_InstModification',
  properties: props([cimProperty('SourceInstance', 'string', EMBEDDED, { embeddedObject: 'instance' })]),
});

function richInstance(path?: CIMInstanceName): CIMInstance {
  return new CIMInstance({
    classname: 'OMC_Fan',
    ...(path && { path }),
    qualifiers: new NocaseMap([['Description', { name: 'Description', type: 'string', value: 'x', flavors: DEFAULT_FLAVORS, propagated: false } as CIMQualifier]]),
    properties: props([
      cimProperty('CreationClassName', 'string', 'OMC_Fan', { qualifiers: new NocaseMap([['Key', key]]), classOrigin: 'CIM_LogicalDevice' }),
      cimProperty('DeviceID', 'string', 'fan-1', { qualifiers: new NocaseMap([['Key', key]]), classOrigin: 'CIM_LogicalDevice', propagated: true }),
      cimProperty('OperationalStatus', 'uint16', [2], { qualifiers: new NocaseMap([['ValueMap', valueMap]]) }),
      ...everyTypeProperties(),
      cimProperty('SameNamespace', 'reference', LOCAL_FAN, { referenceClass: 'CIM_ManagedElement' }),
      cimProperty('OtherNamespace', 'reference', INTEROP_PROFILE),
      cimProperty('OtherHost', 'reference', REMOTE),
      cimProperty('NoReference', 'reference', null, { referenceClass: 'CIM_Job' }),
      cimProperty('Error', 'string', EMBEDDED, { embeddedObject: 'instance' }),
      cimProperty('Nested', 'string', DOUBLY_EMBEDDED, { embeddedObject: 'instance' }),
      cimProperty('Errors', 'string', [EMBEDDED, null, EMBEDDED] as CIMScalar[], { embeddedObject: 'instance' }),
      cimProperty('AnyObject', 'string', new CIMClass({ classname: 'X_Embedded', properties: props([cimProperty('P', 'uint8', 1)]) }), { embeddedObject: 'object' }),
      cimProperty('ObjectAsInstance', 'string', EMBEDDED, { embeddedObject: 'object' }),
    ]),
  });
}

/** A response whose IRETURNVALUE holds `content`, decoded. */
function returned(content: string): readonly ReturnItem[] {
  const response = decodeResponse(messageStart('1') + imethodResponseStart('Op') + ireturnValueStart() + content + ireturnValueEnd() + imethodResponseEnd() + messageEnd());
  if (response.kind !== 'imethodresponse' || !response.returnValue) throw new Error('expected an IRETURNVALUE');
  return response.returnValue;
}

function only<K extends ReturnItem['kind']>(items: readonly ReturnItem[], kind: K): Extract<ReturnItem, { kind: K }> {
  const [item] = items;
  if (items.length !== 1 || item?.kind !== kind) throw new Error(`expected one ${kind}`);
  return item as Extract<ReturnItem, { kind: K }>;
}

t.test('an instance with every type and edge value, qualifiers and origins', async (t) => {
  const instance = richInstance();
  const decoded = only(returned(encodeInstance(instance, { includeQualifiers: true, includeClassOrigin: true })), 'instance').instance;
  // Every reference travels with its namespace, the same-namespace one too.
  t.same(plain(decoded), plain(richInstance()));
  t.equal(decoded.get('uint64_2'), 18446744073709551615n, 'spot check: uint64 max is a bigint');
  t.ok(Number.isNaN(decoded.get('real32_7') as number), 'spot check: NaN');
});

t.test('every element kind of a response', async (t) => {
  const path = LOCAL_FAN;
  const instance = richInstance(path);
  const options = { includeQualifiers: true, includeClassOrigin: true } as const;

  const named = only(returned(encodeNamedInstance(instance, options)), 'instance').instance;
  t.same(plain(named.path), plain(path.withLocation(undefined)), 'VALUE.NAMEDINSTANCE: INSTANCENAME');
  t.same(plain(named.properties), plain(instance.properties));

  const withPath = only(returned(encodeInstanceWithPath(instance, 'esx01', options)), 'instance').instance;
  t.same(plain(withPath.path), plain(path.withLocation('root/cimv2', 'esx01')), 'VALUE.INSTANCEWITHPATH: INSTANCEPATH');

  const objectWithPath = only(returned(encodeObjectWithPath(instance, path, 'esx01', options)), 'instance').instance;
  t.same(plain(objectWithPath.path), plain(path.withLocation('root/cimv2', 'esx01')));
  t.same(plain(objectWithPath.properties), plain(instance.properties));

  const names = returned(encodeInstanceName(path) + encodeInstanceName(INTEROP_PROFILE));
  t.same(plain(names.map((item) => item.kind === 'instancename' && item.path)), plain([path.withLocation(undefined), INTEROP_PROFILE.withLocation(undefined)]));

  const paths = returned(encodeInstancePath(REMOTE) + encodeInstancePath(path, 'h'));
  t.same(plain(paths.map((item) => item.kind === 'instancename' && item.path)), plain([REMOTE, path.withLocation('root/cimv2', 'h')]));

  const classPath = new CIMClassName({ classname: 'OMC_Fan', namespace: 'root/cimv2', host: 'h' });
  const objectPaths = returned(encodeObjectPath(path, 'h') + encodeObjectPath(classPath));
  t.same(plain(objectPaths), plain([{ kind: 'instancename', path: path.withLocation('root/cimv2', 'h') }, { kind: 'classpath', path: classPath }]));

  t.same(plain(returned(encodeClassName('A') + encodeClassName('B'))), plain([{ kind: 'classname', name: 'A' }, { kind: 'classname', name: 'B' }]));

  const values = returned(encodeValue('string', ['a', null]));
  t.same(plain(values), plain([{ kind: 'array', items: ['a', null] }]));
  t.same(plain(returned(encodeValue('real64', 0.1))), plain([{ kind: 'value', text: '0.1' }]));
  const reference = only(returned(encodeValue('reference', REMOTE)), 'reference');
  t.same(plain(reference.path), plain(REMOTE));
});

/** Keys of every kind: the path of an instance whose properties give the key types. */
t.test('instance paths with keys of every type', async (t) => {
  const keyValues: [string, CIMType, CIMScalar][] = [
    ['S', 'string', 'a "quoted" <key> & more'], ['C', 'char16', 'x'], ['B', 'boolean', true], ['U8', 'uint8', 255], ['S8', 'sint8', -128],
    ['U64', 'uint64', 18446744073709551615n], ['S64', 'sint64', -9223372036854775808n], ['R32', 'real32', Math.fround(0.1)],
    ['R64', 'real64', 0.1 + 0.2], ['D', 'datetime', CIMDateTime.parse('20251126224301.123456+060')], ['Ref', 'reference', INTEROP_PROFILE],
  ];
  const path = new CIMInstanceName({ classname: 'X_Keys', namespace: 'root/cimv2', keybindings: keyValues.map(([n, , v]) => [n, v as CIMInstanceName]) });
  const instance = new CIMInstance({ classname: 'X_Keys', path, properties: props(keyValues.map(([n, type, v]) => cimProperty(n, type, v))) });
  const decoded = only(returned(encodeInstanceWithPath(instance, 'h')), 'instance').instance;
  t.same(plain(decoded.path), plain(path.withLocation('root/cimv2', 'h')));
  t.ok(decoded.path?.equals(path), 'the same identity');
  const untyped = new CIMInstanceName({ classname: 'X', keybindings: { N: 42, Neg: -1, Big: 2 ** 40, R: 2.5, BI: 5n, S: 's', B: false } });
  const back = only(returned(encodeInstanceName(untyped)), 'instancename').path;
  t.same(plain(back), plain(new CIMInstanceName({ classname: 'X', keybindings: { N: 42, Neg: -1, Big: BigInt(2 ** 40), R: 2.5, BI: 5n, S: 's', B: false } })),
    'without a type source: numbers that fit 32 bits stay numbers, larger ones come back as bigints');
  t.ok(back.equals(untyped), 'and the identity is the same');
});

t.test('classes and qualifier declarations', async (t) => {
  const method: CIMMethod = {
    name: 'RequestStateChange', returnType: 'uint32', propagated: true, classOrigin: 'CIM_EnabledLogicalElement',
    qualifiers: new NocaseMap([['ValueMap', valueMap]]),
    parameters: new NocaseMap([
      ['RequestedState', { name: 'RequestedState', type: 'uint16', isArray: false, qualifiers: new NocaseMap([['ValueMap', valueMap]]) }],
      ['Job', { name: 'Job', type: 'reference', isArray: false, referenceClass: 'CIM_ConcreteJob', qualifiers: new NocaseMap() }],
      ['Codes', { name: 'Codes', type: 'sint64', isArray: true, arraySize: 2, qualifiers: new NocaseMap() }],
      ['Jobs', { name: 'Jobs', type: 'reference', isArray: true, qualifiers: new NocaseMap() }],
      ['Error', {
        name: 'Error', type: 'string', isArray: false, embeddedObject: 'instance',
        qualifiers: new NocaseMap([['EmbeddedInstance', { name: 'EmbeddedInstance', type: 'string', value: 'CIM_Error', flavors: DEFAULT_FLAVORS, propagated: false }]]),
      }],
    ] as const),
  };
  const cls = new CIMClass({
    classname: 'OMC_Fan', superclass: 'CIM_Fan',
    qualifiers: new NocaseMap([['Version', { name: 'Version', type: 'string', value: '2.49.0', flavors: { ...DEFAULT_FLAVORS, tosubclass: false, toinstance: true }, propagated: false }]]),
    properties: props([
      cimProperty('DeviceID', 'string', null, { qualifiers: new NocaseMap([['Key', key]]), classOrigin: 'CIM_LogicalDevice', propagated: true }),
      cimProperty('EnabledState', 'uint16', 5, { classOrigin: 'CIM_EnabledLogicalElement' }),
      cimProperty('Owner', 'reference', null, { referenceClass: 'CIM_System' }),
      cimProperty('Codes', 'uint8', null, { isArray: true, arraySize: 8 }),
      cimProperty('Embedded', 'string', null, { embeddedObject: 'object' }),
    ]),
    methods: new NocaseMap([['RequestStateChange', method]]),
  });
  t.same(plain(only(returned(encodeClass(cls)), 'class').cls), plain(cls));
  const withPath = only(returned(encodeObjectWithPath(cls, new CIMClassName({ classname: 'OMC_Fan', namespace: 'root/cimv2' }), 'h')), 'class');
  t.same(plain(withPath.cls), plain(cls));
  t.same(plain(withPath.path), plain(new CIMClassName({ classname: 'OMC_Fan', namespace: 'root/cimv2', host: 'h' })));

  const decls: CIMQualifierDeclaration[] = [
    { name: 'Key', type: 'boolean', isArray: false, value: false, scopes: new Set(['property', 'reference']), flavors: { ...DEFAULT_FLAVORS, overridable: false } },
    { name: 'ValueMap', type: 'string', isArray: true, value: ['a', 'b'], scopes: new Set(['property', 'method', 'parameter']), flavors: DEFAULT_FLAVORS },
    { name: 'MaxLen', type: 'uint32', isArray: false, value: null, scopes: new Set(['property']), flavors: { ...DEFAULT_FLAVORS, tosubclass: false } },
    { name: 'Fixed', type: 'sint64', isArray: true, arraySize: 3, value: null, scopes: new Set(['class', 'association', 'indication']), flavors: { overridable: false, tosubclass: false, toinstance: true, translatable: true } },
    { name: 'Nothing', type: 'datetime', isArray: false, value: CIMDateTime.parse('20250101000000.000000+000'), scopes: new Set(), flavors: DEFAULT_FLAVORS },
  ];
  const back = returned(decls.map(encodeQualifierDeclaration).join(''));
  t.same(plain(back.map((item) => item.kind === 'qualifierdeclaration' && item.decl)), plain(decls));
});

t.test('errors, output parameters and return values', async (t) => {
  const error = decodeResponse(messageStart('5') + imethodResponseStart('GetInstance') + encodeError(6, 'no "fan" <1>', [EMBEDDED]) + imethodResponseEnd() + messageEnd());
  t.equal(error.messageId, '5');
  t.equal(error.error?.code, 6);
  t.equal(error.error?.description, 'no "fan" <1>');
  t.same(plain(error.errorInstances), plain([EMBEDDED]));

  const method = decodeResponse(messageStart('6') + methodResponseStart('M') + encodeReturnValue('uint32', 4096) +
    encodeParamValue('Job', LOCAL_FAN, 'reference') + encodeParamValue('Error', EMBEDDED) + encodeParamValue('Codes', [1n, null] as CIMValue, 'uint64') +
    encodeParamValue('Refs', [LOCAL_FAN, null] as CIMValue, 'reference') + methodResponseEnd() + messageEnd()) as CIMMethodResponse;
  t.same(plain(method.returnValue), plain({ paramType: 'uint32', value: { kind: 'value', text: '4096' } }));
  const out = (name: string) => method.outParams.byName.get(name);
  t.same(plain(out('Job')), plain({ name: 'Job', paramType: 'reference', value: { kind: 'reference', path: LOCAL_FAN } }));
  t.same(plain(out('Error')), plain({ name: 'Error', paramType: 'string', embeddedObject: 'instance', value: { kind: 'value', text: encodeInstance(EMBEDDED), embedded: EMBEDDED } }));
  t.same(plain(out('Codes')), plain({ name: 'Codes', paramType: 'uint64', value: { kind: 'array', items: ['1', null] } }));
  t.same(plain(out('Refs')), plain({ name: 'Refs', paramType: 'reference', value: { kind: 'refarray', items: [LOCAL_FAN, null] } }));
});

t.test('client requests decode to what was meant', async (t) => {
  const classname = new CIMClassName({ classname: 'CIM_Fan' });
  const newInstance = richInstance();
  const decl: CIMQualifierDeclaration = { name: 'Q', type: 'string', isArray: false, value: 'v', scopes: new Set(['class']), flavors: DEFAULT_FLAVORS };
  const cls = new CIMClass({ classname: 'X_New', superclass: 'CIM_ManagedElement' });
  const body = encodeIMethodCall('id-<1>', 'Op', '/root/cimv2/', [
    ['ClassName', classname], ['DeepInheritance', false], ['MaxObjectCount', 0], ['PropertyList', ['A', 'B']], ['Empty', []],
    ['Role', 'Group"Component'], ['Null', null], ['InstanceName', LOCAL_FAN], ['NewInstance', newInstance], ['NewClass', cls],
    ['Since', CIMDateTime.parse('20250101000000.000000+000')],
    ['ModifiedInstance', { kind: 'namedinstance', path: LOCAL_FAN.withLocation(undefined), instance: newInstance }],
    ['QualifierDeclaration', { kind: 'qualifierdeclaration', decl }],
    ['Ref', { kind: 'reference', path: INTEROP_PROFILE }],
    ['ClassRef', { kind: 'reference', path: new CIMClassName({ classname: 'CIM_Fan' }) }],
    ['LocalClassRef', { kind: 'reference', path: new CIMClassName({ classname: 'CIM_Fan', namespace: 'root/cimv2' }) }],
    ['RemoteClassRef', { kind: 'reference', path: new CIMClassName({ classname: 'CIM_Fan', namespace: 'root/cimv2', host: 'h' }) }],
  ]);
  const request = decodeRequest(body);
  t.equal(request.messageId, 'id-<1>');
  const call = request.call as CIMIMethodCall;
  t.equal(call.namespace, 'root/cimv2');
  const value = (name: string) => call.params.byName.get(name)?.value;
  t.same(value('ClassName'), { kind: 'classname', name: 'CIM_Fan' });
  t.same(value('DeepInheritance'), { kind: 'value', text: 'FALSE' });
  t.same(value('MaxObjectCount'), { kind: 'value', text: '0' });
  t.same(value('PropertyList'), { kind: 'array', items: ['A', 'B'] });
  t.same(value('Empty'), { kind: 'array', items: [] });
  t.same(value('Role'), { kind: 'value', text: 'Group"Component' });
  t.same(value('Null'), { kind: 'null' });
  t.same(value('Since'), { kind: 'value', text: '20250101000000.000000+000' });
  t.same(plain(value('InstanceName')), plain({ kind: 'instancename', path: LOCAL_FAN.withLocation(undefined) }));
  t.same(plain(value('NewInstance')), plain({ kind: 'instance', instance: newInstance }));
  t.same(plain(value('NewClass')), plain({ kind: 'class', cls }));
  const modified = value('ModifiedInstance') as Extract<ParamValue, { kind: 'namedinstance' }>;
  t.same(plain(modified.path), plain(LOCAL_FAN.withLocation(undefined)));
  t.same(plain(modified.instance.properties), plain(newInstance.properties));
  t.same(plain(value('QualifierDeclaration')), plain({ kind: 'qualifierdeclaration', decl }));
  t.same(plain(value('Ref')), plain({ kind: 'reference', path: INTEROP_PROFILE }));
  t.same(plain(value('ClassRef')), plain({ kind: 'reference', path: new CIMClassName({ classname: 'CIM_Fan' }) }), 'CLASSNAME');
  t.same(plain(value('LocalClassRef')), plain({ kind: 'reference', path: new CIMClassName({ classname: 'CIM_Fan', namespace: 'root/cimv2' }) }), 'LOCALCLASSPATH');
  t.same(plain(value('RemoteClassRef')), plain({ kind: 'reference', path: new CIMClassName({ classname: 'CIM_Fan', namespace: 'root/cimv2', host: 'h' }) }), 'CLASSPATH');

  const methodBody = encodeMethodCall('m', 'Go', new CIMClassName({ classname: 'OMC_Fan', namespace: 'root/cimv2' }), {
    Level: { type: 'sint64', value: -9223372036854775808n },
    Flags: { type: 'boolean', value: [true, false] },
    Target: { type: 'reference', value: REMOTE },
    Targets: { type: 'reference', value: [LOCAL_FAN, null] as CIMValue },
    Error: { type: 'string', value: EMBEDDED, embeddedObject: 'instance' },
    Errors: { type: 'string', value: [EMBEDDED, null] as CIMValue, embeddedObject: 'instance' },
    Exact: { kind: 'instancename', path: LOCAL_FAN.withLocation(undefined) },
    ExactRefs: { kind: 'refarray', items: [REMOTE, null, new CIMClassName({ classname: 'CIM_Fan' })] },
    ExactArray: { kind: 'array', items: ['x', null] },
    ExactEmbedded: { kind: 'value', text: '', embedded: EMBEDDED },
    Nothing: null,
  });
  const methodCall = decodeRequest(methodBody).call as CIMMethodCall;
  t.same(plain(methodCall.target), plain(new CIMClassName({ classname: 'OMC_Fan', namespace: 'root/cimv2' })));
  const param = (name: string) => methodCall.params.byName.get(name);
  t.same(plain(param('Level')), plain({ name: 'Level', paramType: 'sint64', value: { kind: 'value', text: '-9223372036854775808' } }));
  t.same(plain(param('Flags')), plain({ name: 'Flags', paramType: 'boolean', value: { kind: 'array', items: ['TRUE', 'FALSE'] } }));
  t.same(plain(param('Target')), plain({ name: 'Target', paramType: 'reference', value: { kind: 'reference', path: REMOTE } }));
  t.same(plain(param('Targets')), plain({ name: 'Targets', paramType: 'reference', value: { kind: 'refarray', items: [LOCAL_FAN, null] } }));
  const text = encodeInstance(EMBEDDED);
  t.same(plain(param('Error')), plain({ name: 'Error', paramType: 'string', embeddedObject: 'instance', value: { kind: 'value', text, embedded: EMBEDDED } }));
  t.same(plain(param('Errors')), plain({ name: 'Errors', paramType: 'string', embeddedObject: 'instance', value: { kind: 'array', items: [text, null], embedded: [EMBEDDED, null] } }));
  t.same(plain(param('Exact')), plain({ name: 'Exact', value: { kind: 'instancename', path: LOCAL_FAN.withLocation(undefined) } }));
  t.same(plain(param('ExactRefs')), plain({ name: 'ExactRefs', value: { kind: 'refarray', items: [REMOTE, null, new CIMClassName({ classname: 'CIM_Fan' })] } }));
  t.same(plain(param('ExactArray')), plain({ name: 'ExactArray', value: { kind: 'array', items: ['x', null] } }));
  t.same(plain(param('ExactEmbedded')), plain({ name: 'ExactEmbedded', embeddedObject: 'instance', value: { kind: 'value', text, embedded: EMBEDDED } }));
  t.same(plain(param('Nothing')), plain({ name: 'Nothing', value: { kind: 'null' } }));
});

t.test('the comparison helper tells different values apart', async (t) => {
  t.not(plain(new CIMInstanceName({ classname: 'A', keybindings: { K: 1 } })), plain(new CIMInstanceName({ classname: 'A', keybindings: { K: 2 } })));
  t.notSame(plain(new CIMInstanceName({ classname: 'A', keybindings: { K: 1 } })), plain(new CIMInstanceName({ classname: 'A', keybindings: { K: 1n } })));
  t.notSame(plain(richInstance()), plain(new CIMInstance({ classname: 'OMC_Fan' })));
  t.same(plain(NaN), plain(NaN));
  t.notSame(plain(-0), plain(0));
});
