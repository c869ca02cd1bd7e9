import t from 'tap';
import { CIMInstance, CIMInstanceName, cimProperty, type CIMType, type CIMValue } from '../../src/cim/index.js';
import { buildModel, checkProfileRules, type ModelEntry, type ProfileRule } from '../../src/model/index.js';
import { fullSnapshot, input, sample } from './fixtures.js';

const valid = buildModel(input([sample(fullSnapshot())]));

type Match = (entry: ModelEntry) => boolean;
const isClass = (classname: string, namespace = 'root/cimv2'): Match => (e) => e.instance.classname === classname && e.namespace === namespace;
const device = (id: string): Match => (e) => e.instance.path?.keybindings.get('DeviceID') === id;
const named = (name: string): Match => (e) => e.instance.get('RegisteredName') === name;

/** The model with the first matching instance's property replaced (undefined removes it). */
function change(match: Match, name: string, type: CIMType, value: CIMValue | undefined): ModelEntry[] {
  const i = valid.findIndex(match);
  if (i < 0) throw new Error('no such instance');
  const { namespace, instance } = valid[i]!;
  const properties = instance.properties.clone();
  if (value === undefined) properties.delete(name);
  else properties.set(name, cimProperty(name, type, value, { isArray: Array.isArray(value) }));
  const copy = new CIMInstance({ classname: instance.classname, properties, path: instance.path });
  return valid.map((e, k) => (k === i ? { namespace, instance: copy } : e));
}

function without(match: Match): ModelEntry[] {
  return valid.filter((e) => !match(e));
}

function rules(entries: readonly ModelEntry[]): ProfileRule[] {
  return [...new Set(checkProfileRules(entries).map((p) => p.rule))];
}

t.test('the built model keeps every rule', async (t) => {
  t.same(checkProfileRules(valid), []);
});

t.test('path: missing, in another namespace, taken twice', async (t) => {
  const noPath = new CIMInstance({ classname: 'X_NoPath' });
  t.match(checkProfileRules([...valid, { namespace: 'root/cimv2', instance: noPath }]), [{ rule: 'path', path: 'X_NoPath', message: /no path/ }]);
  const fan = valid.find(device('test:fan1'))!;
  t.match(checkProfileRules([...valid, { namespace: 'root/interop', instance: fan.instance }]), [{ rule: 'path', message: /not in the entry's namespace/ }]);
  t.match(checkProfileRules([...valid, fan]), [{ rule: 'path', message: /same path/ }]);
});

t.test('health-state', async (t) => {
  const bad = checkProfileRules(change(device('test:fan1'), 'HealthState', 'uint16', 7));
  t.match(bad, [{ rule: 'health-state', property: 'HealthState', message: /HealthState 7 is not one of/ }]);
  t.same(rules(change(device('test:fan1'), 'HealthState', 'uint16', undefined)), ['health-state'], 'devices must have one');
  t.same(rules(change(isClass('Thincim_ComputerSystem'), 'HealthState', 'uint16', null)), ['health-state'], 'the system too');
  t.same(rules(change(isClass('Thincim_Chassis'), 'HealthState', 'uint16', 3)), ['health-state'], 'any instance that has one');
  t.same(rules(change(isClass('Thincim_Chassis'), 'HealthState', 'uint16', 15)), [], '15 Minor failure is a DMTF value');
});

t.test('operational-status', async (t) => {
  for (const value of [[], [20], [2, 0x8000], null]) {
    t.same(rules(change(device('test:cpu0'), 'OperationalStatus', 'uint16', value)), ['operational-status'], JSON.stringify(value));
  }
  t.same(rules(change(device('test:cpu0'), 'OperationalStatus', 'uint16', [2, 19])), []);
  t.same(rules(change(isClass('Thincim_Card'), 'OperationalStatus', 'uint16', [])), ['operational-status'], 'an empty list crashes clients reading [0]');
});

t.test('primary-status and element-name', async (t) => {
  t.same(rules(change(device('test:fan1'), 'PrimaryStatus', 'uint16', 4)), ['primary-status']);
  t.same(rules(change(device('test:fan1'), 'ElementName', 'string', '  ')), ['element-name']);
  t.same(rules(change(isClass('Thincim_ComputerSystem'), 'ElementName', 'string', undefined)), ['element-name']);
});

t.test('device-id', async (t) => {
  const long = 'x'.repeat(65);
  const fan = valid.find(device('test:fan1'))!.instance;
  const keys = new Map(fan.path!.keybindings);
  keys.set('DeviceID', long);
  const path = new CIMInstanceName({ classname: fan.classname, keybindings: keys, namespace: 'root/cimv2' });
  const entries = [...valid, { namespace: 'root/cimv2', instance: new CIMInstance({ classname: fan.classname, properties: fan.properties, path }) }];
  t.match(checkProfileRules(entries), [
    { rule: 'device-id', property: 'DeviceID', message: /65 characters/ },
    { rule: 'system-device', message: /0 SystemDevice/ },
    { rule: 'conforms-to-profile', message: /does not conform to "Fan"/ },
  ]);
});

t.test('thresholds', async (t) => {
  const cpu = device('test:cpu-temp');
  t.match(checkProfileRules(change(cpu, 'LowerThresholdFatal', 'sint32', 1)), [{ rule: 'thresholds', property: 'LowerThresholdFatal', message: /set but SupportedThresholds lacks 4/ }]);
  t.match(checkProfileRules(change(cpu, 'UpperThresholdCritical', 'sint32', null)), [{ rule: 'thresholds', property: 'UpperThresholdCritical', message: /NULL but SupportedThresholds lists 3/ }]);
  t.match(checkProfileRules(change(cpu, 'SettableThresholds', 'uint16', [1, 5])), [{ rule: 'thresholds', property: 'SettableThresholds', message: /has 5 not in SupportedThresholds/ }]);
  t.match(checkProfileRules(change(cpu, 'EnabledThresholds', 'uint16', [0])), [{ rule: 'thresholds', property: 'EnabledThresholds' }]);
});

t.test('sensor-reading', async (t) => {
  const cpu = device('test:cpu-temp');
  t.match(checkProfileRules(change(cpu, 'UnitModifier', 'sint32', null)), [{ rule: 'sensor-reading', property: 'UnitModifier' }]);
  t.match(checkProfileRules(change(cpu, 'CurrentReading', 'sint32', 2 ** 31)), [{ rule: 'sensor-reading', property: 'CurrentReading' }]);
  t.match(checkProfileRules(change(cpu, 'UpperThresholdCritical', 'sint32', 1.5)), [{ rule: 'sensor-reading', property: 'UpperThresholdCritical' }]);
  t.same(rules(change(cpu, 'CurrentReading', 'sint32', null)), [], 'no reading is allowed');
});

t.test('current-state', async (t) => {
  const cpu = device('test:cpu-temp');
  t.match(checkProfileRules(change(cpu, 'CurrentState', 'string', 'Lower Fatal')), [{ rule: 'current-state', property: 'CurrentState' }]);
  t.match(checkProfileRules(change(cpu, 'PossibleStates', 'string', ['Normal', 'Hot', 'Unknown', 'Upper Non-Critical', 'Upper Critical'])), [
    { rule: 'current-state', property: 'PossibleStates', message: /non-DSP1009 states: Hot/ },
  ]);
  t.match(checkProfileRules(change(device('test:intrusion'), 'PossibleStates', 'string', [])), [
    { rule: 'current-state', message: 'PossibleStates is empty' }, { rule: 'current-state', property: 'CurrentState' },
  ]);
  t.same(rules(change(device('test:intrusion'), 'CurrentState', 'string', null)), []);
});

t.test('system-device', async (t) => {
  const fan = valid.find(device('test:fan1'))!.instance.path!;
  const toFan: Match = (e) => e.instance.classname === 'Thincim_SystemDevice' && (e.instance.get('PartComponent') as CIMInstanceName).key === fan.key;
  t.match(checkProfileRules(without(toFan)), [{ rule: 'system-device', message: /0 SystemDevice associations/ }]);
  const original = valid.find(toFan)!.instance;
  const otherSystem = new CIMInstanceName({ classname: 'Thincim_ComputerSystem', keybindings: { CreationClassName: 'Thincim_ComputerSystem', Name: 'other' }, namespace: 'root/cimv2' });
  const second = new CIMInstance({
    classname: original.classname,
    properties: original.properties.clone().set('GroupComponent', cimProperty('GroupComponent', 'reference', otherSystem)),
    path: new CIMInstanceName({ classname: original.classname, keybindings: { GroupComponent: otherSystem, PartComponent: fan }, namespace: 'root/cimv2' }),
  });
  t.match(checkProfileRules([...valid, { namespace: 'root/cimv2', instance: second }]), [
    { rule: 'dangling-reference' },
    { rule: 'system-device', message: /its system is not in the model/ },
    { rule: 'system-device', message: /2 SystemDevice associations/ },
  ]);
});

t.test('dangling-reference', async (t) => {
  const chassis = without(isClass('Thincim_Chassis'));
  const found = checkProfileRules(chassis);
  t.ok(found.length > 0);
  t.ok(found.every((p) => p.rule === 'dangling-reference' || p.rule === 'conforms-to-profile'));
  t.ok(found.some((p) => p.rule === 'dangling-reference' && /Thincim_Chassis/.test(p.message)));
});

t.test('registered-profile', async (t) => {
  t.match(checkProfileRules(without(named('Profile Registration'))), [
    { rule: 'dangling-reference', message: /DSP1033/ }, { rule: 'registered-profile', message: 'profile "Profile Registration" is not registered' },
  ]);
  const noBase = checkProfileRules(without(named('Base Server')));
  t.ok(noBase.some((p) => p.rule === 'registered-profile' && p.message === 'profile "Base Server" is not registered'));
  const fanReference: Match = (e) => e.instance.classname === 'Thincim_ReferencedProfile' && (e.instance.get('Antecedent') as CIMInstanceName).keybindings.get('InstanceID') === 'Thincim:DSP1013';
  t.match(checkProfileRules(without(fanReference)), [{ rule: 'registered-profile', path: /DSP1013/, message: 'registered profile does not reference Base Server' }]);
});

t.test('conforms-to-profile', async (t) => {
  const conformance = (namespace: string, deviceId: string): Match => (e) => e.namespace === namespace && e.instance.classname === 'Thincim_ElementConformsToProfile'
    && (e.instance.get('ManagedElement') as CIMInstanceName).keybindings.get('DeviceID') === deviceId;
  t.match(checkProfileRules(without(conformance('root/cimv2', 'test:fan1'))), [{ rule: 'conforms-to-profile', message: 'not also instantiated in root/cimv2' }]);
  t.match(checkProfileRules(without(conformance('root/interop', 'test:psu1'))), [
    { rule: 'conforms-to-profile', message: 'not also instantiated in root/interop' },
    { rule: 'conforms-to-profile', message: 'central instance does not conform to "Power Supply"' },
  ]);
  const fanProfile = named('Fan');
  const noFanProfile = valid.filter((e) => !fanProfile(e) && !(e.instance.classname === 'Thincim_ElementConformsToProfile'
    && (e.instance.get('ConformantStandard') as CIMInstanceName).keybindings.get('InstanceID') === 'Thincim:DSP1013')
    && !(e.instance.classname === 'Thincim_ReferencedProfile' && (e.instance.get('Antecedent') as CIMInstanceName).keybindings.get('InstanceID') === 'Thincim:DSP1013'));
  t.match(checkProfileRules(noFanProfile), [{ rule: 'conforms-to-profile', message: '2 central instance(s) of "Fan" but the profile is not registered' }]);
  const toSystem: Match = (e) => e.instance.classname === 'Thincim_ElementConformsToProfile' && (e.instance.get('ManagedElement') as CIMInstanceName).classname === 'Thincim_ComputerSystem';
  t.match(checkProfileRules(without(toSystem)), [
    { rule: 'conforms-to-profile', message: 'no element conforms to this profile' },
    { rule: 'conforms-to-profile', message: 'central instance does not conform to "Base Server"' },
  ]);
});

t.test('capabilities', async (t) => {
  const capabilitiesOf = (deviceId: string): Match => (e) => e.instance.classname === 'Thincim_ElementCapabilities'
    && (e.instance.get('ManagedElement') as CIMInstanceName).keybindings.get('DeviceID') === deviceId;
  t.match(checkProfileRules(without(capabilitiesOf('test:fan1'))), [
    { rule: 'capabilities', path: /test:fan1/, message: '0 EnabledLogicalElementCapabilities, not exactly 1' },
  ]);
  const fanCapabilities: Match = (e) => e.instance.get('InstanceID') === 'Thincim:FanCapabilities';
  t.ok(checkProfileRules(change(fanCapabilities, 'RequestedStatesSupported', 'uint16', null))
    .some((p) => p.rule === 'capabilities' && p.property === 'RequestedStatesSupported'), 'NULL is not an empty list of states');
});

/** A copy of the association `entry` whose `role` refers to `target` instead, its path too. */
function relinked(entry: ModelEntry, role: string, target: CIMInstanceName): ModelEntry {
  const { namespace, instance } = entry;
  const properties = instance.properties.clone();
  properties.set(role, cimProperty(role, 'reference', target));
  const path = new CIMInstanceName({ classname: instance.classname, keybindings: { ...Object.fromEntries(instance.path!.keybindings), [role]: target } });
  return { namespace, instance: new CIMInstance({ classname: instance.classname, properties, path }) };
}

t.test('redundancy-owner', async (t) => {
  t.same(rules(without(isClass('Thincim_OwningCollectionElement'))), ['redundancy-owner']);
  const chassis = valid.find(isClass('Thincim_Chassis'))!.instance.path!;
  const owning = (e: ModelEntry) => isClass('Thincim_OwningCollectionElement')(e)
    && (e.instance.get('OwnedElement') as CIMInstanceName).keybindings.get('InstanceID') === 'Thincim:test:fans';
  const fansOwner = valid.find(owning)!;
  t.match(checkProfileRules(valid.map((e) => (e === fansOwner ? relinked(e, 'OwningElement', chassis) : e))), [
    { rule: 'redundancy-owner', path: /Thincim:test:fans/, message: '1 owning element(s) (Thincim_OwningCollectionElement), not the system alone' },
  ], 'a set owned by the chassis, not the system');
  // OwningElement is Max(1): a second owner is wrong even when it is a system too (here one the model does not have).
  const system = fansOwner.instance.get('OwningElement') as CIMInstanceName;
  const another = new CIMInstanceName({ classname: system.classname, keybindings: { ...Object.fromEntries(system.keybindings), Name: 'another-host' } });
  t.match(checkProfileRules([...valid, relinked(fansOwner, 'OwningElement', another)]).filter((p) => p.rule !== 'dangling-reference'), [
    { rule: 'redundancy-owner', path: /Thincim:test:fans/, message: '2 owning element(s) (Thincim_OwningCollectionElement), not the system alone' },
  ], 'a set with two owners');
  t.match(checkProfileRules(without(isClass('Thincim_HostedCollection'))), [
    { rule: 'redundancy-owner', path: /Thincim:test:fans/, message: '0 hosting element(s) (Thincim_HostedCollection), not the system alone' },
    { rule: 'redundancy-owner', path: /Thincim:test:psus/, message: '0 hosting element(s) (Thincim_HostedCollection), not the system alone' },
  ], 'every set is hosted by the system too (CIM_HostedCollection.Antecedent Min(1))');
});
