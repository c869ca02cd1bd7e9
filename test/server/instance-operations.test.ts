/**
 * The instance read operations over the wire (DSP0200 intrinsic methods;
 * reference cim-xml-protocol.md §2.3, §2.5, §3.1, §4): GetInstance, EnumerateInstances,
 * EnumerateInstanceNames and GetProperty with every flag, compared with the
 * instances the broker published; and the interop facts of their XML
 * (KEYVALUE typing, NULL properties, empty results).
 */
import t from 'tap';
import { CIMInstanceName, type CIMInstance } from '../../src/cim/index.js';
import type { ClassRepository } from '../../src/repository/types.js';
import {
  SIM, iparam, imethod, imethodError, instancesIn, p, pathsIn, returned, startTestBroker, type TestBroker,
} from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';
const FAN = SIM.device('OMC_Fan', 'fan1');
const SENSOR = SIM.device('Thincim_NumericSensor', 'cpu1-temp');

let broker: TestBroker;
let repository: ClassRepository;

t.before(async () => {
  broker = await startTestBroker();
  repository = broker.broker.state.repository;
});
t.teardown(() => broker.close());

const flag = (name: string, value: boolean) => p.value(name, value);
const sorted = (names: Iterable<string>) => [...names].sort();
const propertyNames = (instance: CIMInstance) => sorted([...instance.properties.values()].map((x) => x.name));

/** What the broker published at `keys` of `classname`. */
function published(classname: string, keys: Record<string, string>): CIMInstance {
  const instance = broker.broker.state.index.get(CIMV2, new CIMInstanceName({ classname, keybindings: keys }));
  if (!instance) throw new Error(`nothing published at ${classname}`);
  return instance;
}

/** Every published instance of a class and its subclasses. */
function publishedOf(classname: string): CIMInstance[] {
  const classes = [classname, ...repository.subclassNames(CIMV2, classname, true)];
  return classes.flatMap((c) => [...broker.broker.state.index.byClass(CIMV2, c)]);
}

const keysOf = (path: CIMInstanceName | undefined) => sorted([...(path?.keybindings.keys() ?? [])].map((k) => k.toLowerCase()));
const identities = (paths: (CIMInstanceName | undefined)[]) => sorted(paths.map((path) => path?.key ?? 'no path'));

async function getInstance(params: string): Promise<{ instance: CIMInstance; xml: string }> {
  const response = await imethod(broker.url, 'GetInstance', CIMV2, params);
  const [instance, ...more] = instancesIn(response);
  if (!instance || more.length > 0) throw new Error('GetInstance did not return one instance');
  return { instance, xml: response.raw.text };
}

t.test('GetInstance returns the published instance, CLASSNAME the creation class', async (t) => {
  const { instance, xml } = await getInstance(p.instanceName('InstanceName', 'OMC_Fan', FAN));
  const expected = published('OMC_Fan', FAN);
  t.equal(instance.classname, 'OMC_Fan');
  t.same(propertyNames(instance), propertyNames(expected), 'every property of the instance');
  for (const property of expected.properties.values()) t.same(instance.get(property.name), property.value, `${property.name}`);
  t.match(xml, /<IRETURNVALUE><INSTANCE CLASSNAME="OMC_Fan">/, 'an INSTANCE with its creation class');
  t.notMatch(xml, /<QUALIFIER/, 'no qualifiers on instances');
  t.notMatch(xml, /CLASSORIGIN=/, 'no class origin by default');
});

t.test('GetInstance finds the instance however the name is spelled', async (t) => {
  const reversed = Object.fromEntries(Object.entries(FAN).reverse());
  const otherCase = Object.fromEntries(Object.entries(FAN).map(([k, v]) => [k.toUpperCase(), v]));
  for (const [label, classname, keys] of [
    ['keys in another order', 'OMC_Fan', reversed], ['key names in another case', 'OMC_Fan', otherCase], ['class name in another case', 'omc_FAN', FAN],
  ] as const) {
    t.equal((await getInstance(p.instanceName('InstanceName', classname, keys))).instance.get('DeviceID'), 'simulated:fan1', label);
  }
  const untyped = (attributes: string) => iparam('InstanceName', `<INSTANCENAME CLASSNAME="OMC_Fan">${Object.entries(FAN)
    .map(([k, v]) => `<KEYBINDING NAME="${k}"><KEYVALUE${attributes}>${v}</KEYVALUE></KEYBINDING>`).join('')}</INSTANCENAME>`);
  t.equal((await getInstance(untyped(' VALUETYPE="string"'))).instance.classname, 'OMC_Fan', 'KEYVALUE without TYPE (DTD 2.3, sfcb)');
  t.equal((await getInstance(untyped(''))).instance.classname, 'OMC_Fan', 'KEYVALUE without VALUETYPE nor TYPE (string by default)');
  t.equal((await getInstance(untyped(' VALUETYPE="string" TYPE=""'))).instance.classname, 'OMC_Fan', 'an empty TYPE is ignored');
  const keyValueCase = await imethodError(broker.url, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', { ...FAN, DeviceID: 'SIMULATED:FAN1' }));
  t.equal(keyValueCase.code, 6, 'string key values are compared with their case');
});

t.test('reads of a name without some keys: the one instance of its class with the keys it binds (writes: test/server/errors.test.ts)', async (t) => {
  const { SystemName, DeviceID } = FAN;
  const partial = (param: string) => p.instanceName(param, 'OMC_Fan', { SystemName, DeviceID });
  const { instance, xml } = await getInstance(partial('InstanceName'));
  t.same([instance.classname, instance.get('DeviceID')], ['OMC_Fan', 'simulated:fan1'], 'GetInstance without the …ClassName keys');
  t.match(xml, /<IRETURNVALUE><INSTANCE CLASSNAME="OMC_Fan">/, 'answered as a whole name is');
  t.same(returned(await imethod(broker.url, 'GetProperty', CIMV2, partial('InstanceName') + p.value('PropertyName', 'DeviceID'))),
    [{ kind: 'value', text: 'simulated:fan1' }], 'GetProperty');
  const whole = identities(pathsIn(await imethod(broker.url, 'ReferenceNames', CIMV2, p.instanceName('ObjectName', 'OMC_Fan', FAN))));
  t.ok(whole.length > 0, 'the fan has associations');
  t.same(identities(pathsIn(await imethod(broker.url, 'ReferenceNames', CIMV2, partial('ObjectName')))), whole, 'ReferenceNames: as of the whole name');
  const superclass = await imethodError(broker.url, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'CIM_Fan', { SystemName, DeviceID }));
  t.equal(superclass.code, 6, 'only instances of the class named: a superclass with some keys names none (CIM_ERR_NOT_FOUND)');
});

t.test('GetInstance: LocalOnly is ignored, qualifiers never sent, class origin on request', async (t) => {
  const all = propertyNames(published('OMC_Fan', FAN));
  const name = p.instanceName('InstanceName', 'OMC_Fan', FAN);
  for (const value of [true, false]) {
    t.same(propertyNames((await getInstance(name + flag('LocalOnly', value))).instance), all, `LocalOnly=${value}: inherited properties stay`);
  }
  const { xml } = await getInstance(name + flag('IncludeQualifiers', true));
  t.notMatch(xml, /<QUALIFIER/, 'IncludeQualifiers=true (deprecated for instances): still no qualifiers');
  const schema = repository.getClass(CIMV2, 'OMC_Fan')!;
  const { instance } = await getInstance(name + flag('IncludeClassOrigin', true));
  for (const property of instance.properties.values()) {
    t.equal(property.classOrigin, schema.properties.get(property.name)?.classOrigin, `${property.name} CLASSORIGIN`);
  }
  t.equal(instance.properties.get('ElementName')?.classOrigin, 'CIM_ManagedElement');
});

t.test('GetInstance PropertyList: NULL, empty, names without case, unknown names ignored', async (t) => {
  const name = p.instanceName('InstanceName', 'Thincim_NumericSensor', SENSOR);
  const all = await getInstance(name);
  t.equal((await getInstance(name + p.null('PropertyList'))).xml, all.xml, 'NULL: the whole instance');
  const empty = await getInstance(name + p.array('PropertyList', []));
  t.equal(empty.instance.properties.size, 0, 'empty: no property');
  t.match(empty.xml, /<INSTANCE CLASSNAME="Thincim_NumericSensor"><\/INSTANCE>/, 'an INSTANCE element with nothing in it');
  const some = await getInstance(name + p.array('PropertyList', ['currentreading', 'ELEMENTNAME', 'NoSuchProperty', 'LowerThresholdNonCritical']));
  t.same(propertyNames(some.instance), ['CurrentReading', 'ElementName', 'LowerThresholdNonCritical'], 'the named properties in the schema spelling');
});

t.test('a NULL property: the element without VALUE, never self-closed', async (t) => {
  const expected = published('Thincim_NumericSensor', SENSOR);
  t.equal(expected.get('LowerThresholdNonCritical'), null, 'the published sensor has no lower threshold');
  const { instance, xml } = await getInstance(p.instanceName('InstanceName', 'Thincim_NumericSensor', SENSOR));
  t.ok(instance.properties.has('LowerThresholdNonCritical'), 'the property is sent');
  t.equal(instance.get('LowerThresholdNonCritical'), null, 'as NULL');
  t.match(xml, /<PROPERTY NAME="LowerThresholdNonCritical" TYPE="sint32"><\/PROPERTY>/, 'with an end tag and no VALUE');
  t.notMatch(xml, /<PROPERTY[^>]*\/>/, 'no PROPERTY is self-closed');
});

t.test('EnumerateInstances is polymorphic; CLASSNAME is each instance\'s own class', async (t) => {
  for (const classname of ['CIM_Fan', 'CIM_Sensor', 'CIM_ManagedSystemElement']) {
    const response = await imethod(broker.url, 'EnumerateInstances', CIMV2, p.className('ClassName', classname));
    const instances = instancesIn(response);
    const expected = publishedOf(classname);
    t.ok(expected.length > 0, `${expected.length} published instances of ${classname} and its subclasses`);
    t.same(identities(instances.map((i) => i.path)), identities(expected.map((i) => i.path)), `${classname}: every one, once`);
    t.same(sorted(new Set(instances.map((i) => i.classname))), sorted(new Set(expected.map((i) => i.classname))), `${classname}: their own classes`);
    t.ok(instances.every((i) => i.path?.classname === i.classname), `${classname}: INSTANCENAME and INSTANCE name the same class`);
  }
});

t.test('EnumerateInstances DeepInheritance=false trims properties, not instances, not CLASSNAME', async (t) => {
  const requested = repository.getClass(CIMV2, 'CIM_Fan')!;
  const own = sorted([...requested.properties.values()].map((x) => x.name.toLowerCase()));
  const deep = instancesIn(await imethod(broker.url, 'EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_Fan')));
  const shallow = instancesIn(await imethod(broker.url, 'EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_Fan') + flag('DeepInheritance', false)));
  t.equal(shallow.length, deep.length, 'the same instances');
  for (const instance of shallow) {
    t.equal(instance.classname, 'OMC_Fan', 'CLASSNAME stays OMC_Fan');
    t.ok(propertyNames(instance).every((n) => own.includes(n.toLowerCase())), 'only properties CIM_Fan declares');
  }
  const full = deep.find((i) => i.path?.key === shallow[0]!.path?.key)!;
  const expected = propertyNames(full).filter((n) => own.includes(n.toLowerCase()));
  t.same(propertyNames(shallow[0]!), expected, 'and every one of those the instance has');

  const base = instancesIn(await imethod(broker.url, 'EnumerateInstances', CIMV2,
    p.className('ClassName', 'CIM_ManagedElement') + flag('DeepInheritance', false) + p.array('PropertyList', ['ElementName', 'DeviceID'])));
  t.ok(base.length > 20, 'every managed element');
  t.ok(base.every((i) => propertyNames(i).every((n) => n === 'ElementName')), 'PropertyList and DeepInheritance=false combine: DeviceID is not a CIM_ManagedElement property');
  t.ok(base.every((i) => (i.path?.keybindings.size ?? 0) > 0), 'the paths keep their keys');
});

t.test('EnumerateInstances: LocalOnly ignored, IncludeQualifiers ignored, class origin on request', async (t) => {
  const fans = p.className('ClassName', 'CIM_Fan');
  const plain = await imethod(broker.url, 'EnumerateInstances', CIMV2, fans);
  const localOnly = await imethod(broker.url, 'EnumerateInstances', CIMV2, fans + flag('LocalOnly', true) + flag('IncludeQualifiers', true));
  t.equal(localOnly.raw.text, plain.raw.text, 'LocalOnly=true and IncludeQualifiers=true change nothing');
  t.ok(instancesIn(plain).every((i) => i.properties.has('ElementName') && i.properties.has('HealthState')), 'inherited ElementName and HealthState are there');
  const origins = instancesIn(await imethod(broker.url, 'EnumerateInstances', CIMV2, fans + flag('IncludeClassOrigin', true)));
  t.ok(origins.every((i) => [...i.properties.values()].every((x) => x.classOrigin !== undefined)), 'IncludeClassOrigin=true: CLASSORIGIN on every property');
});

t.test('EnumerateInstances PropertyList: keys stay in the names even when left out of the instances', async (t) => {
  const params = (list: string) => p.className('ClassName', 'CIM_NumericSensor') + list;
  const all = await imethod(broker.url, 'EnumerateInstances', CIMV2, params(''));
  t.equal((await imethod(broker.url, 'EnumerateInstances', CIMV2, params(p.null('PropertyList')))).raw.text, all.raw.text, 'NULL: everything');
  const empty = instancesIn(await imethod(broker.url, 'EnumerateInstances', CIMV2, params(p.array('PropertyList', []))));
  t.ok(empty.length > 10 && empty.every((i) => i.properties.size === 0), 'empty: instances without properties');
  t.ok(empty.every((i) => keysOf(i.path).join() === 'creationclassname,deviceid,systemcreationclassname,systemname'), 'with their full key set');
  const some = instancesIn(await imethod(broker.url, 'EnumerateInstances', CIMV2,
    params(p.array('PropertyList', ['currentreading', 'HealthState', 'Nonexistent']))));
  t.ok(some.every((i) => propertyNames(i).every((n) => n === 'CurrentReading' || n === 'HealthState')), 'the named properties only');
  t.ok(some.every((i) => i.properties.has('CurrentReading')), 'CurrentReading, named in lower case, is there');
  t.ok(some.every((i) => keysOf(i.path).length === 4), 'keys in every INSTANCENAME');
});

t.test('EnumerateInstanceNames: every name with its full key set, KEYVALUE typed', async (t) => {
  const response = await imethod(broker.url, 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'CIM_LogicalDevice'));
  const names = pathsIn(response);
  t.same(identities(names), identities(publishedOf('CIM_LogicalDevice').map((i) => i.path)), 'the names of every logical device');
  for (const name of names) {
    const schema = repository.getClass(CIMV2, name.classname)!;
    t.same(keysOf(name), sorted(schema.keyNames.map((k) => k.toLowerCase())), `${name.classname}: the class's keys`);
  }
  const xml = response.raw.text;
  t.notMatch(xml, /<KEYVALUE(?![^>]*VALUETYPE="string" TYPE="string")[^>]*>/, 'every KEYVALUE of these string keys carries VALUETYPE and TYPE');
  t.match(xml, /<KEYBINDING NAME="DeviceID"><KEYVALUE VALUETYPE="string" TYPE="string">simulated:fan1<\/KEYVALUE><\/KEYBINDING>/);
  t.notMatch(xml, /<INSTANCEPATH|<NAMESPACEPATH/, 'bare INSTANCENAMEs');
});

t.test('enumerating a class without instances: an empty IRETURNVALUE, not an error', async (t) => {
  for (const operation of ['EnumerateInstances', 'EnumerateInstanceNames']) {
    const response = await imethod(broker.url, operation, CIMV2, p.className('ClassName', 'CIM_Battery'));
    t.same(returned(response), [], `${operation} CIM_Battery: nothing`);
    t.match(response.raw.text, new RegExp(`<IMETHODRESPONSE NAME="${operation}"><IRETURNVALUE></IRETURNVALUE></IMETHODRESPONSE>`), `${operation}: <IRETURNVALUE></IRETURNVALUE>`);
  }
});

t.test('GetProperty: scalar, array, NULL, reference; errors', async (t) => {
  const name = p.instanceName('InstanceName', 'Thincim_NumericSensor', SENSOR);
  const expected = published('Thincim_NumericSensor', SENSOR);
  const scalar = returned(await imethod(broker.url, 'GetProperty', CIMV2, name + p.value('PropertyName', 'currentreading')));
  t.same(scalar, [{ kind: 'value', text: String(expected.get('CurrentReading')) }], 'a scalar is one VALUE');
  const array = returned(await imethod(broker.url, 'GetProperty', CIMV2, name + p.value('PropertyName', 'PossibleStates')));
  t.same(array, [{ kind: 'array', items: expected.get('PossibleStates') }], 'an array is a VALUE.ARRAY');
  const nothing = await imethod(broker.url, 'GetProperty', CIMV2, name + p.value('PropertyName', 'LowerThresholdNonCritical'));
  t.same(returned(nothing), [], 'NULL is an empty IRETURNVALUE');
  const notSet = returned(await imethod(broker.url, 'GetProperty', CIMV2, name + p.value('PropertyName', 'Caption')));
  t.same(notSet, [], 'a class property the instance does not carry is NULL too');
  const noProperty = await imethodError(broker.url, 'GetProperty', CIMV2, name + p.value('PropertyName', 'NoSuchProperty'));
  t.equal(noProperty.code, 12, 'a property the class lacks: CIM_ERR_NO_SUCH_PROPERTY');
  t.match(noProperty.description, /NoSuchProperty/);
  t.equal((await imethodError(broker.url, 'GetProperty', CIMV2, name)).code, 4, 'PropertyName is required');
  const missing = p.instanceName('InstanceName', 'Thincim_NumericSensor', { ...SENSOR, DeviceID: 'simulated:nowhere' });
  t.equal((await imethodError(broker.url, 'GetProperty', CIMV2, missing + p.value('PropertyName', 'CurrentReading'))).code, 6, 'no such instance');
});

t.test('GetInstance errors: namespace, class, instance, malformed names', async (t) => {
  const { DeviceID: _, ...withoutDeviceID } = FAN;
  const cases: [string, string, string, number, RegExp][] = [
    ['unknown namespace', 'root/nowhere', p.instanceName('InstanceName', 'OMC_Fan', FAN), 3, /root\/nowhere/],
    ['unknown class', CIMV2, p.instanceName('InstanceName', 'No_Such', FAN), 5, /No_Such/],
    ['no such instance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', { ...FAN, DeviceID: 'simulated:fan99' }), 6, /fan99/],
    ['a key missing', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', withoutDeviceID), 4, /DeviceID/],
    ['a property that is not a key', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', { ...FAN, ElementName: 'Fan 1' }), 4, /ElementName/],
    ['no InstanceName', CIMV2, '', 4, /InstanceName/],
    ['InstanceName as a class name', CIMV2, p.className('InstanceName', 'OMC_Fan'), 4, /InstanceName/],
    ['a key twice', CIMV2, iparam('InstanceName', '<INSTANCENAME CLASSNAME="OMC_Fan"><KEYBINDING NAME="DeviceID"><KEYVALUE>a</KEYVALUE></KEYBINDING>' +
      '<KEYBINDING NAME="deviceid"><KEYVALUE>b</KEYVALUE></KEYBINDING></INSTANCENAME>'), 4, /DeviceID/i],
    ['a KEYVALUE whose TYPE contradicts VALUETYPE', CIMV2, iparam('InstanceName', '<INSTANCENAME CLASSNAME="OMC_Fan"><KEYBINDING NAME="DeviceID">' +
      '<KEYVALUE VALUETYPE="numeric" TYPE="string">x</KEYVALUE></KEYBINDING></INSTANCENAME>'), 4, /VALUETYPE/],
  ];
  for (const [label, ns, params, code, description] of cases) {
    const error = await imethodError(broker.url, 'GetInstance', ns, params);
    t.equal(error.code, code, `${label}: ${code}`);
    t.match(error.description, description, `${label}: the description says what is wrong`);
  }
});
