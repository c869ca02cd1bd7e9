import t from 'tap';
import { CIMInstance, CIMInstanceName, NocaseMap, cimProperty, type CIMProperty } from '../../src/cim/index.js';
import { ModelError, createInstanceIndex, familyId, familyInstance, type AssociationFamily, type ModelEntry } from '../../src/model/index.js';

const CIMV2 = 'root/cimv2';
const INTEROP = 'root/interop';

function path(classname: string, keys: Record<string, string | CIMInstanceName>, namespace?: string): CIMInstanceName {
  return new CIMInstanceName({ classname, keybindings: keys, namespace });
}

function instance(p: CIMInstanceName, extra: CIMProperty[] = []): CIMInstance {
  const properties = new NocaseMap<CIMProperty>();
  for (const [name, value] of p.keybindings) {
    properties.set(name, cimProperty(name, value instanceof CIMInstanceName ? 'reference' : 'string', value));
  }
  for (const prop of extra) properties.set(prop.name, prop);
  return new CIMInstance({ classname: p.classname, properties, path: p });
}

const system = path('Thincim_ComputerSystem', { CreationClassName: 'Thincim_ComputerSystem', Name: 'h' }, CIMV2);
const fan = path('OMC_Fan', { DeviceID: 'fan1' }, CIMV2);
const fan2 = path('OMC_Fan', { DeviceID: 'fan2' }, CIMV2);
const profile = path('Thincim_RegisteredProfile', { InstanceID: 'Thincim:DSP1013' }, INTEROP);
// References without a namespace: the association's own.
const systemDevice = path('Thincim_SystemDevice', { GroupComponent: system.withLocation(undefined), PartComponent: fan.withLocation(undefined) }, CIMV2);
const systemDevice2 = path('Thincim_SystemDevice', { GroupComponent: system, PartComponent: fan2 }, CIMV2);
const conforms = { ConformantStandard: profile, ManagedElement: fan };

const entries: ModelEntry[] = [
  { namespace: CIMV2, instance: instance(system) },
  { namespace: CIMV2, instance: instance(fan) },
  { namespace: CIMV2, instance: instance(fan2) },
  { namespace: CIMV2, instance: instance(systemDevice) },
  { namespace: CIMV2, instance: instance(systemDevice2) },
  { namespace: INTEROP, instance: instance(profile) },
  { namespace: INTEROP, instance: instance(path('Thincim_ElementConformsToProfile', conforms, INTEROP)) },
  { namespace: CIMV2, instance: instance(path('Thincim_ElementConformsToProfile', conforms, CIMV2)) },
];
const index = createInstanceIndex(7, entries);

t.test('byClass: exact creation class, any case, per namespace', async (t) => {
  t.equal(index.generation, 7);
  t.equal(index.byClass(CIMV2, 'omc_fan').length, 2);
  t.equal(index.byClass('ROOT/CIMV2/', 'OMC_FAN').length, 2, 'namespace spelling is normalized');
  t.equal(index.byClass(INTEROP, 'OMC_Fan').length, 0);
  t.equal(index.byClass(CIMV2, 'CIM_Fan').length, 0, 'subclasses are the caller\'s business');
  t.equal(index.byClass('no/such', 'OMC_Fan').length, 0);
});

t.test('get by path, in the path\'s namespace or the one given', async (t) => {
  t.equal(index.get(CIMV2, fan)?.path, fan);
  t.equal(index.get(CIMV2, fan.withLocation(undefined))?.path, fan);
  t.equal(index.get(INTEROP, fan), index.get(CIMV2, fan), 'a path with a namespace is looked up there');
  t.equal(index.get(INTEROP, fan.withLocation(undefined)), undefined);
  t.equal(index.get(CIMV2, path('omc_fan', { deviceid: 'fan1' })), index.get(CIMV2, fan), 'class and key names ignore case');
  t.equal(index.get(CIMV2, path('OMC_Fan', { DeviceID: 'FAN1' })), undefined, 'key values keep their case');
});

t.test('referencing: reverse lookup of association references, namespace-aware', async (t) => {
  const toFan = index.referencing(CIMV2, fan);
  t.same(toFan.map((i) => i.classname).sort(), ['Thincim_ElementConformsToProfile', 'Thincim_SystemDevice']);
  t.same(index.referencing(CIMV2, fan.withLocation(undefined)).length, 2, 'a target without namespace is in the namespace asked');
  t.equal(index.referencing(CIMV2, system).length, 2, 'references with and without namespace meet');
  t.equal(index.referencing(INTEROP, fan).length, 1, 'the interop twin of the conformance');
  t.equal(index.referencing(INTEROP, fan.withLocation(undefined)).length, 0, 'in interop, a bare target is an interop path');
  t.equal(index.referencing(INTEROP, profile).length, 1);
  t.equal(index.referencing(CIMV2, profile).length, 1, 'cross-namespace reference from the cimv2 twin');
  t.equal(index.referencing(CIMV2, profile.withLocation(undefined)).length, 0);
  t.equal(index.referencing(CIMV2, path('OMC_Fan', { DeviceID: 'none' }, CIMV2)).length, 0);
});

t.test('an association naming one target twice is listed once', async (t) => {
  const self = path('Thincim_Dependency', { Antecedent: fan, Dependent: fan }, CIMV2);
  const idx = createInstanceIndex(1, [{ namespace: CIMV2, instance: instance(fan) }, { namespace: CIMV2, instance: instance(self) }]);
  t.equal(idx.referencing(CIMV2, fan).length, 1);
});

t.test('non-key references are indexed too', async (t) => {
  const assoc = path('X_Assoc', { InstanceID: 'a' }, CIMV2);
  const idx = createInstanceIndex(1, [{ namespace: CIMV2, instance: instance(assoc, [cimProperty('Target', 'reference', fan)]) }]);
  t.equal(idx.referencing(CIMV2, fan).length, 1);
});

t.test('the index is immutable', async (t) => {
  t.ok(Object.isFrozen(index));
  t.ok(Object.isFrozen(index.byClass(CIMV2, 'OMC_Fan')));
  t.ok(Object.isFrozen(index.referencing(CIMV2, fan)));
  t.ok(Object.isFrozen(index.byClass(CIMV2, 'nothing')));
  t.throws(() => (index.byClass(CIMV2, 'OMC_Fan') as CIMInstance[]).push(instance(fan)), TypeError);
});

t.test('defective entries are refused with a typed error', async (t) => {
  const noPath = new CIMInstance({ classname: 'OMC_Fan' });
  t.throws(() => createInstanceIndex(1, [{ namespace: CIMV2, instance: noPath }]), { name: 'ModelError', code: 'MISSING_PATH', subject: 'OMC_Fan' });
  t.throws(() => createInstanceIndex(1, [{ namespace: INTEROP, instance: instance(fan) }]), { code: 'NAMESPACE_MISMATCH' });
  const dup = () => createInstanceIndex(1, [{ namespace: CIMV2, instance: instance(fan) }, { namespace: CIMV2, instance: instance(fan.withLocation(undefined)) }]);
  t.throws(dup, { code: 'DUPLICATE_PATH' });
  try {
    dup();
  } catch (error) {
    t.ok(error instanceof ModelError);
    t.match((error as Error).message, /OMC_Fan\.DeviceID="fan1"/);
  }
  t.doesNotThrow(() => createInstanceIndex(1, [{ namespace: CIMV2, instance: instance(fan) }, { namespace: INTEROP, instance: instance(fan.withLocation(INTEROP)) }]), 'one path in two namespaces is two instances');
});

t.test('association families: instances made when read, as if stored', async (t) => {
  const family = (namespace: string, classname: string, [oneRole, one]: [string, CIMInstanceName], manyRole: string, many: CIMInstanceName[]) =>
    ({ id: familyId(namespace, classname, oneRole, one, manyRole), namespace, classname, oneRole, one, manyRole, many });
  const devices: AssociationFamily = family(CIMV2, 'Thincim_SystemDevice', ['GroupComponent', system], 'PartComponent', [fan, fan2]);
  const conformance: AssociationFamily = family(INTEROP, 'Thincim_ElementConformsToProfile', ['ConformantStandard', profile], 'ManagedElement', [fan]);
  const made: string[] = [];
  const make = (f: AssociationFamily, member: CIMInstanceName) => {
    made.push(f.namespace);
    return familyInstance(f, member);
  };
  const stored = entries.filter((e) => e.instance.classname !== 'Thincim_SystemDevice');
  const idx = createInstanceIndex(1, stored, [devices, conformance], make);
  const partOf = (i: CIMInstance | undefined) => (i?.get('PartComponent') as CIMInstanceName | undefined)?.key;

  t.same(idx.byClass(CIMV2, 'thincim_systemdevice').map(partOf), [fan.key, fan2.key], 'byClass: one per member, in order');
  t.ok(Object.isFrozen(idx.byClass(CIMV2, 'Thincim_SystemDevice')));
  t.equal(idx.byClass(INTEROP, 'Thincim_SystemDevice').length, 0, 'only in the family\'s namespace');
  t.same(made, [CIMV2, CIMV2, CIMV2, CIMV2], 'each passed through make, with its namespace');
  t.equal(idx.byClass(INTEROP, 'Thincim_ElementConformsToProfile').length, 2, 'stored and derived together');
  t.same([...idx.entries()].map((e) => e.instance.classname).filter((c) => c === 'Thincim_SystemDevice'), [], 'entries() lists what is stored');

  const derived = idx.byClass(CIMV2, 'Thincim_SystemDevice')[1]!;
  t.same([...derived.path!.keybindings.keys()], ['GroupComponent', 'PartComponent']);
  t.equal(derived.path!.namespace, CIMV2);
  t.equal(partOf(idx.get(CIMV2, derived.path!)), fan2.key, 'get: at its own path');
  t.equal(partOf(idx.get(CIMV2, systemDevice)), fan.key, 'get: references without namespace, as stored ones');
  t.equal(partOf(idx.get(INTEROP, systemDevice2)), fan2.key, 'get: in the path\'s namespace');
  const spelled = path('THINCIM_SYSTEMDEVICE', { groupcomponent: system, partcomponent: fan2 });
  t.equal(partOf(idx.get(CIMV2, spelled)), fan2.key, 'get: class and key names in any case');
  t.equal(idx.get(CIMV2, path('Thincim_SystemDevice', { GroupComponent: fan, PartComponent: fan2 })), undefined, 'another one end: none');
  t.equal(idx.get(CIMV2, path('Thincim_SystemDevice', { GroupComponent: system, PartComponent: system })), undefined, 'not a member: none');
  t.equal(idx.get(CIMV2, path('Thincim_SystemDevice', { GroupComponent: system, PartComponent: fan.key })), undefined, 'a string for a reference: none');
  t.equal(idx.get(CIMV2, path('Thincim_SystemDevice', { GroupComponent: system, PartComponent: fan, Extra: 'x' })), undefined, 'a third key: none');
  t.equal(idx.get(CIMV2, path('Thincim_SystemDevice', { GroupComponent: system })), undefined, 'one key short: none');
  t.equal(idx.get(INTEROP, path('Thincim_SystemDevice', { GroupComponent: system, PartComponent: fan })), undefined, 'another namespace: none');

  t.same(idx.referencing(CIMV2, system).map(partOf), [fan.key, fan2.key], 'referencing the one end: every member');
  t.same(idx.referencing(CIMV2, fan).map((i) => i.classname), ['Thincim_ElementConformsToProfile', 'Thincim_SystemDevice'], 'a member: stored first, then its own');
  t.ok(Object.isFrozen(idx.referencing(CIMV2, fan)));
  t.equal(idx.referencing(CIMV2, fan2.withLocation(undefined)).length, 1, 'a bare target is in the namespace asked');
  t.equal(idx.referencing(CIMV2, fan.withLocation(INTEROP)).length, 0, 'a member path in another namespace: none');
  t.equal(idx.referencing(INTEROP, fan).length, 2, 'the family in interop with the stored twin');
  t.equal(idx.referencing(INTEROP, profile).length, 2);
  t.equal(idx.referencing(INTEROP, profile.withLocation(CIMV2)).length, 0, 'the one end in another namespace: none');

  made.length = 0;
  const others = idx.referencing(CIMV2, system, (classname) => classname !== 'Thincim_SystemDevice');
  t.same(made, [], 'referencing with a class filter makes nothing of the families it refuses');
  t.same(others.map((i) => i.classname), [], 'and leaves them out');
  t.equal(idx.referencing(CIMV2, fan, () => false).length, 1, 'stored instances are the caller\'s to filter');
});
