/**
 * The class and qualifier operations over the wire (DSP0200 intrinsic
 * methods; reference cim-xml-protocol.md §3.1, §4): GetClass, EnumerateClasses,
 * EnumerateClassNames, GetQualifier, EnumerateQualifiers, with every
 * retrieval flag. Expectations come from the broker's resolved repository,
 * where each element knows its origin and whether it was inherited.
 */
import t from 'tap';
import type { Test } from 'tap';
import type { CIMClass } from '../../src/cim/index.js';
import type { ClassRepository } from '../../src/repository/types.js';
import { imethod, imethodError, p, returned, startTestBroker, type TestBroker } from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';
const INTEROP = 'root/interop';

let broker: TestBroker;
let repository: ClassRepository;

t.before(async () => {
  broker = await startTestBroker();
  repository = broker.broker.state.repository;
});
t.teardown(() => broker.close());

const flag = (name: string, value: boolean) => p.value(name, value);
const names = (map: { values(): Iterable<{ name: string }> }) => [...map.values()].map((e) => e.name).sort();

function schemaClass(ns: string, classname: string): CIMClass {
  const cls = repository.getClass(ns, classname);
  if (!cls) throw new Error(`the schema has no ${classname} in ${ns}`);
  return cls;
}

/** GetClass; returns the decoded class and the raw XML. */
async function getClass(classname: string, params = '', ns = CIMV2): Promise<{ cls: CIMClass; xml: string }> {
  const response = await imethod(broker.url, 'GetClass', ns, p.className('ClassName', classname) + params);
  const [item, ...more] = returned(response);
  if (item?.kind !== 'class' || more.length > 0) throw new Error(`GetClass ${classname} did not return one class`);
  return { cls: item.cls, xml: response.raw.text };
}

async function classes(operation: 'EnumerateClasses' | 'EnumerateClassNames', params = '', ns = CIMV2) {
  const response = await imethod(broker.url, operation, ns, params);
  return { items: returned(response), xml: response.raw.text };
}

/** The local (not propagated) members of a schema class. */
function local(cls: CIMClass) {
  return {
    properties: [...cls.properties.values()].filter((x) => !x.propagated).map((x) => x.name).sort(),
    methods: [...cls.methods.values()].filter((x) => !x.propagated).map((x) => x.name).sort(),
    qualifiers: [...cls.qualifiers.values()].filter((x) => !x.propagated).map((x) => x.name).sort(),
  };
}

function hasNoQualifier(t: Test, cls: CIMClass, label: string): void {
  const carriers = [
    ...[...cls.properties.values()].filter((x) => x.qualifiers.size > 0).map((x) => `property ${x.name}`),
    ...[...cls.methods.values()].filter((m) => m.qualifiers.size > 0).map((m) => `method ${m.name}`),
    ...[...cls.methods.values()].flatMap((m) => [...m.parameters.values()].filter((x) => x.qualifiers.size > 0).map((x) => `parameter ${m.name}.${x.name}`)),
  ];
  t.same({ cls: cls.qualifiers.size, carriers }, { cls: 0, carriers: [] }, `${label}: no qualifier anywhere`);
}

t.test('GetClass with the defaults: the whole class as sfcb answers it (LocalOnly=false), IncludeQualifiers=true, IncludeClassOrigin=false', async (t) => {
  const schema = schemaClass(CIMV2, 'CIM_Fan');
  const { cls, xml } = await getClass('CIM_Fan');
  t.equal(cls.classname, 'CIM_Fan');
  t.equal(cls.superclass, schema.superclass, 'SUPERCLASS');
  t.same(names(cls.properties), names(schema.properties), 'every property of the resolved class, inherited ones too');
  t.same(names(cls.methods), names(schema.methods), 'every method');
  t.ok(cls.properties.get('HealthState')?.qualifiers.has('ValueMap'), 'inherited HealthState is there, with its ValueMap');
  for (const property of schema.properties.values()) {
    t.equal(cls.properties.get(property.name)?.propagated, property.propagated, `${property.name} PROPAGATED=${property.propagated}`);
  }
  t.equal(cls.properties.get('ElementName')?.propagated, true, 'ElementName comes from CIM_ManagedElement');
  t.notMatch(xml, /CLASSORIGIN=/, 'no CLASSORIGIN attribute');
  t.equal((await getClass('CIM_Fan', flag('LocalOnly', false))).xml, xml, 'the same answer as LocalOnly=false');
});

t.test('GetClass LocalOnly=true: only what the class defines or overrides', async (t) => {
  const schema = schemaClass(CIMV2, 'CIM_Fan');
  const { cls, xml } = await getClass('CIM_Fan', flag('LocalOnly', true));
  const expected = local(schema);
  t.ok(expected.properties.length > 0 && expected.methods.length > 0, 'CIM_Fan defines properties and a method of its own');
  t.same(names(cls.properties), expected.properties, 'only the properties defined or overridden in CIM_Fan');
  t.same(names(cls.methods), expected.methods, 'only its own methods');
  t.same(names(cls.qualifiers), expected.qualifiers, 'only its own class qualifiers');
  t.notOk(cls.properties.has('ElementName'), 'inherited ElementName is left out');
  t.ok([...cls.properties.values()].some((x) => x.qualifiers.size > 0), 'properties carry their qualifiers');
  t.notMatch(xml, /PROPAGATED="true"/, 'nothing propagated');
});

t.test('GetClass IncludeQualifiers=false: no QUALIFIER on the class, properties, methods or parameters', async (t) => {
  const { cls, xml } = await getClass('CIM_EnabledLogicalElement', flag('LocalOnly', false) + flag('IncludeQualifiers', false));
  t.ok(cls.methods.get('RequestStateChange')?.parameters.size, 'a method with parameters is there');
  t.notMatch(xml, /<QUALIFIER/, 'no QUALIFIER element in the answer');
  hasNoQualifier(t, cls, 'decoded');
  const { cls: withQualifiers } = await getClass('CIM_EnabledLogicalElement', flag('LocalOnly', false));
  const parameter = withQualifiers.methods.get('RequestStateChange')?.parameters.get('RequestedState');
  t.ok(parameter?.qualifiers.has('ValueMap'), 'with the default, parameters carry their qualifiers');
});

t.test('GetClass IncludeClassOrigin=true: CLASSORIGIN on every property and method', async (t) => {
  const schema = schemaClass(CIMV2, 'OMC_Fan');
  const { cls } = await getClass('OMC_Fan', flag('LocalOnly', false) + flag('IncludeClassOrigin', true));
  for (const property of schema.properties.values()) {
    t.equal(cls.properties.get(property.name)?.classOrigin, property.classOrigin, `${property.name} CLASSORIGIN=${property.classOrigin}`);
  }
  for (const method of schema.methods.values()) {
    t.equal(cls.methods.get(method.name)?.classOrigin, method.classOrigin, `method ${method.name} CLASSORIGIN=${method.classOrigin}`);
  }
  t.equal(cls.properties.get('ElementName')?.classOrigin, 'CIM_ManagedElement');
  t.equal(cls.properties.get('DesiredSpeed')?.classOrigin, 'CIM_Fan');
});

t.test('GetClass PropertyList: NULL, empty, names without case, unknown names ignored', async (t) => {
  const all = await getClass('CIM_Fan', flag('LocalOnly', false));
  const nullList = await getClass('CIM_Fan', flag('LocalOnly', false) + p.null('PropertyList'));
  t.same(names(nullList.cls.properties), names(all.cls.properties), 'NULL filters nothing');
  t.equal(nullList.xml, all.xml, 'NULL is the same answer as no PropertyList');

  const empty = await getClass('CIM_Fan', flag('LocalOnly', false) + p.array('PropertyList', []));
  t.equal(empty.cls.properties.size, 0, 'an empty list keeps no property');
  t.same(names(empty.cls.methods), names(all.cls.methods), 'methods are not filtered by PropertyList');
  t.same(names(empty.cls.qualifiers), names(all.cls.qualifiers), 'class qualifiers are not filtered either');

  const some = await getClass('CIM_Fan', flag('LocalOnly', false) + p.array('PropertyList', ['elementname', 'DESIREDSPEED', 'NoSuchProperty']));
  t.same(names(some.cls.properties), ['DesiredSpeed', 'ElementName'], 'the named properties, in the schema spelling');

  const localOnly = await getClass('CIM_Fan', flag('LocalOnly', true) + p.array('PropertyList', ['ElementName', 'VariableSpeed']));
  t.same(names(localOnly.cls.properties), ['VariableSpeed'], 'with LocalOnly=true an inherited name in the list stays out');
});

t.test('GetClass: class names without case, associations, the interop namespace and its alias', async (t) => {
  t.equal((await getClass('cim_FAN')).cls.classname, 'CIM_Fan', 'the defining spelling comes back');
  const { cls } = await getClass('CIM_SystemDevice', flag('LocalOnly', false), CIMV2);
  t.equal(cls.qualifiers.get('Association')?.value, true, 'the Association qualifier');
  const group = cls.properties.get('GroupComponent');
  t.equal(group?.type, 'reference', 'GroupComponent is a PROPERTY.REFERENCE');
  t.equal(group?.referenceClass, 'CIM_System', 'REFERENCECLASS');
  const viaAlias = await getClass('CIM_RegisteredProfile', flag('LocalOnly', false), 'interop');
  const viaName = await getClass('CIM_RegisteredProfile', flag('LocalOnly', false), INTEROP);
  t.equal(viaAlias.xml, viaName.xml, '"interop" names root/interop');
  t.ok(viaName.cls.properties.has('RegisteredName'));
});

t.test('EnumerateClassNames: top level, direct subclasses, all descendants', async (t) => {
  const all = repository.classNames(CIMV2);
  const classnames = async (params: string) => (await classes('EnumerateClassNames', params)).items.map((i) => (i.kind === 'classname' ? i.name : i.kind)).sort();

  const roots = all.filter((n) => schemaClass(CIMV2, n).superclass === undefined).sort();
  t.same(await classnames(''), roots, 'no ClassName: the classes without a superclass');
  t.same(await classnames(p.null('ClassName')), roots, 'a NULL ClassName is the same');
  t.same(await classnames(flag('DeepInheritance', true)), [...all].sort(), 'DeepInheritance=true from the top: every class');

  const direct = all.filter((n) => schemaClass(CIMV2, n).superclass?.toLowerCase() === 'cim_logicaldevice').sort();
  t.ok(direct.length > 3, `${direct.length} direct subclasses of CIM_LogicalDevice`);
  t.same(await classnames(p.className('ClassName', 'CIM_LogicalDevice')), direct, 'DeepInheritance=false: direct subclasses only');

  const descendants = all.filter((n) => n.toLowerCase() !== 'cim_logicaldevice' && repository.isSubclassOf(CIMV2, n, 'CIM_LogicalDevice')).sort();
  t.ok(descendants.length > direct.length, 'deeper descendants exist');
  t.same(await classnames(p.className('ClassName', 'cim_logicaldevice') + flag('DeepInheritance', true)), descendants,
    'DeepInheritance=true: every descendant, the class itself excluded');

  const leaf = await classes('EnumerateClassNames', p.className('ClassName', 'OMC_Fan'));
  t.equal(leaf.items.length, 0, 'a leaf class has none');
  t.match(leaf.xml, /<IMETHODRESPONSE NAME="EnumerateClassNames"><IRETURNVALUE><\/IRETURNVALUE><\/IMETHODRESPONSE>/, 'an empty IRETURNVALUE, not none');
});

t.test('EnumerateClasses: the same classes as EnumerateClassNames, each shaped by the flags', async (t) => {
  const base = p.className('ClassName', 'CIM_Sensor') + flag('DeepInheritance', true);
  const expected = (await classes('EnumerateClassNames', base)).items.map((i) => (i.kind === 'classname' ? i.name : '')).sort();
  const defaults = await classes('EnumerateClasses', base);
  const decoded = defaults.items.map((i) => (i.kind === 'class' ? i.cls : undefined)).filter((c): c is CIMClass => c !== undefined);
  t.same(decoded.map((c) => c.classname).sort(), expected, 'the same set of classes');
  for (const cls of decoded) {
    const schema = schemaClass(CIMV2, cls.classname);
    t.same({ properties: names(cls.properties), methods: names(cls.methods) }, { properties: names(schema.properties), methods: names(schema.methods) },
      `${cls.classname}: LocalOnly defaults to false, as for GetClass`);
  }
  const localOnly = await classes('EnumerateClasses', base + flag('LocalOnly', true));
  for (const item of localOnly.items) {
    if (item.kind !== 'class') continue;
    const own = local(schemaClass(CIMV2, item.cls.classname));
    t.same({ properties: names(item.cls.properties), methods: names(item.cls.methods) }, { properties: own.properties, methods: own.methods },
      `${item.cls.classname}: LocalOnly=true keeps what the class defines or overrides`);
  }
  t.match(defaults.xml, /<QUALIFIER /, 'IncludeQualifiers defaults to true');
  t.notMatch(defaults.xml, /CLASSORIGIN=/, 'IncludeClassOrigin defaults to false');

  const full = await classes('EnumerateClasses', base + flag('LocalOnly', false) + flag('IncludeQualifiers', false) + flag('IncludeClassOrigin', true));
  t.notMatch(full.xml, /<QUALIFIER/, 'IncludeQualifiers=false: no QUALIFIER at all');
  for (const item of full.items) {
    if (item.kind !== 'class') continue;
    const schema = schemaClass(CIMV2, item.cls.classname);
    t.same(names(item.cls.properties), names(schema.properties), `${item.cls.classname}: LocalOnly=false keeps inherited properties`);
    t.ok([...item.cls.properties.values()].every((x) => x.classOrigin !== undefined), `${item.cls.classname}: CLASSORIGIN on every property`);
  }

  const top = await classes('EnumerateClasses', '', INTEROP);
  const topNames = (await classes('EnumerateClassNames', '', INTEROP)).items.map((i) => (i.kind === 'classname' ? i.name : '')).sort();
  t.same(top.items.map((i) => (i.kind === 'class' ? i.cls.classname : '')).sort(), topNames, 'root/interop: the top-level classes');
});

t.test('GetQualifier and EnumerateQualifiers: the namespace\'s qualifier declarations', async (t) => {
  const declarations = repository.qualifierDeclarations(CIMV2);
  const all = returned(await imethod(broker.url, 'EnumerateQualifiers', CIMV2));
  t.same(all.map((i) => (i.kind === 'qualifierdeclaration' ? i.decl.name : i.kind)).sort(), [...declarations.keys()].map((n) => declarations.get(n)!.name).sort(),
    'EnumerateQualifiers: every declaration');

  const key = returned(await imethod(broker.url, 'GetQualifier', CIMV2, p.value('QualifierName', 'key')));
  t.equal(key.length, 1);
  const decl = key[0]?.kind === 'qualifierdeclaration' ? key[0].decl : undefined;
  t.equal(decl?.name, 'Key', 'found without case, returned in the declared spelling');
  t.equal(decl?.type, 'boolean');
  t.same([...(decl?.scopes ?? [])].sort(), [...declarations.get('Key')!.scopes].sort(), 'its scopes');
  t.same(decl?.flavors, declarations.get('Key')!.flavors, 'its flavors');

  const valueMap = returned(await imethod(broker.url, 'GetQualifier', CIMV2, p.value('QualifierName', 'ValueMap')));
  t.equal(valueMap[0]?.kind === 'qualifierdeclaration' && valueMap[0].decl.isArray, true, 'an array-valued declaration');

  const unknown = await imethodError(broker.url, 'GetQualifier', CIMV2, p.value('QualifierName', 'NoSuchQualifier'));
  t.equal(unknown.code, 6, 'an undeclared qualifier is CIM_ERR_NOT_FOUND');
  t.match(unknown.description, /NoSuchQualifier/);
  t.equal((await imethodError(broker.url, 'GetQualifier', CIMV2)).code, 4, 'QualifierName is required');
});

t.test('class operation errors: GetClass of an unknown class is CIM_ERR_NOT_FOUND (DSP0200), the enumerations CIM_ERR_INVALID_CLASS', async (t) => {
  const cases: [string, string, string, number, RegExp][] = [
    ['GetClass', CIMV2, p.className('ClassName', 'No_Such'), 6, /class No_Such does not exist in namespace root\/cimv2/],
    ['GetClass', 'interop', p.className('ClassName', 'ACME_Widget'), 6, /ACME_Widget does not exist in namespace root\/interop/],
    ['GetClass', 'root/nowhere', p.className('ClassName', 'CIM_Fan'), 3, /root\/nowhere/],
    ['GetClass', CIMV2, '', 4, /ClassName/],
    ['GetClass', CIMV2, p.value('ClassName', 'CIM_Fan'), 4, /ClassName/],
    ['GetClass', CIMV2, p.className('ClassName', 'CIM_Fan') + p.value('LocalOnly', 'maybe'), 4, /LocalOnly/],
    ['GetClass', CIMV2, p.className('ClassName', 'CIM_Fan') + p.value('PropertyList', 'ElementName'), 4, /PropertyList/],
    ['EnumerateClasses', CIMV2, p.className('ClassName', 'No_Such'), 5, /No_Such/],
    ['EnumerateClassNames', CIMV2, p.className('ClassName', 'No_Such'), 5, /No_Such/],
    ['EnumerateClassNames', CIMV2, p.value('DeepInheritance', 'yes'), 4, /DeepInheritance/],
  ];
  for (const [operation, ns, params, code, description] of cases) {
    const error = await imethodError(broker.url, operation, ns, params);
    t.equal(error.code, code, `${operation} ${params || '(no parameters)'}: ${code}`);
    t.match(error.description, description, 'the description names the culprit');
  }
});
