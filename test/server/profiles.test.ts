/**
 * The registered DMTF profiles, requirement by requirement, over the wire
 * (profiles.md §3–§8): what a client that reads a profile's use cases finds
 * on the simulated host. Each element is found the way the profiles say a
 * client finds it (from the registered profile or the scoping system), not
 * from the index.
 */
import t from 'tap';
import type { CIMInstance, CIMInstanceName } from '../../src/cim/index.js';
import { SIM, imethod, instanceNameXml, instancesIn, p, pathsIn, startTestBroker, type TestBroker } from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';
const INTEROP = 'root/interop';

let broker: TestBroker;

t.before(async () => {
  // Writes are allowed to anyone here: what is refused must be refused for what it asks, not for who asks it.
  broker = await startTestBroker({ anonymousWrite: true });
});
t.teardown(() => broker.close());

/** The string keys of a path, as the request helpers write them. */
function keysOf(path: CIMInstanceName): Record<string, string> {
  return Object.fromEntries([...path.keybindings].map(([name, value]) => [name, String(value)]));
}

async function enumerate(ns: string, classname: string): Promise<CIMInstance[]> {
  return instancesIn(await imethod(broker.url, 'EnumerateInstances', ns, p.className('ClassName', classname)));
}

async function associators(path: CIMInstanceName, assocClass: string, resultClass: string, ns = CIMV2): Promise<CIMInstance[]> {
  return instancesIn(await imethod(broker.url, 'Associators', ns,
    p.instanceName('ObjectName', path.classname, keysOf(path)) + p.className('AssocClass', assocClass) + p.className('ResultClass', resultClass)));
}

async function associatorNames(path: CIMInstanceName, assocClass: string, ns = CIMV2): Promise<CIMInstanceName[]> {
  return pathsIn(await imethod(broker.url, 'AssociatorNames', ns,
    p.instanceName('ObjectName', path.classname, keysOf(path)) + p.className('AssocClass', assocClass)));
}

/** The central instances of a registered profile, by the central class methodology (DSP1033, profiles.md §4.2). */
async function centralOf(dsp: string): Promise<CIMInstanceName[]> {
  return pathsIn(await imethod(broker.url, 'AssociatorNames', INTEROP,
    p.instanceName('ObjectName', 'Thincim_RegisteredProfile', SIM.profile(dsp)) + p.className('AssocClass', 'CIM_ElementConformsToProfile')));
}

t.test('each central instance of Sensors, Fan, Power Supply and Base Server has one EnabledLogicalElementCapabilities that says what a client may change', async (t) => {
  // DSP1009/DSP1013/DSP1015 (profiles.md §5.4, §6; DSP1015 §7.2, §9.8): CIM_ElementCapabilities to at most one
  // CIM_EnabledLogicalElementCapabilities, whose RequestedStatesSupported is empty when RequestStateChange is not
  // supported and whose ElementNameEditSupported tells whether ElementName may be modified. Base Server scopes
  // its system the same way (profiles.md §3).
  for (const dsp of ['DSP1009', 'DSP1013', 'DSP1015', 'DSP1004']) {
    const central = await centralOf(dsp);
    t.ok(central.length > 0, `${dsp} has central instances`);
    for (const element of central) {
      const capabilities = await associators(element, 'CIM_ElementCapabilities', 'CIM_EnabledLogicalElementCapabilities');
      const subject = `${dsp} ${String(element.keybindings.get('DeviceID') ?? element.keybindings.get('Name'))}`;
      t.equal(capabilities.length, 1, `${subject}: one capabilities instance`);
      const [only] = capabilities;
      if (only === undefined) continue;
      t.same(only.get('RequestedStatesSupported'), [], `${subject}: no state change is supported (an empty array, not NULL)`);
      t.equal(only.get('ElementNameEditSupported'), false, `${subject}: ElementName cannot be edited`);
      t.ok(only.get('ElementName'), `${subject}: the capabilities have their Required ElementName`);
    }
  }
});

t.test('what the capabilities say is what the elements do: ElementName cannot be modified, no state can be requested', async (t) => {
  // DSP1015 §8.9.1.1: with ElementNameEditSupported FALSE, ModifyInstance shall not change ElementName; every element
  // says RequestedState 12 (Not Applicable), as an element without state management does.
  for (const dsp of ['DSP1009', 'DSP1013', 'DSP1015', 'DSP1004']) {
    const [element] = await centralOf(dsp);
    const instance = `<INSTANCE CLASSNAME="${element!.classname}"><PROPERTY NAME="ElementName" TYPE="string"><VALUE>renamed</VALUE></PROPERTY></INSTANCE>`;
    const named = `<VALUE.NAMEDINSTANCE>${instanceNameXml(element!.classname, keysOf(element!))}${instance}</VALUE.NAMEDINSTANCE>`;
    const modified = await imethod(broker.url, 'ModifyInstance', CIMV2, `<IPARAMVALUE NAME="ModifiedInstance">${named}</IPARAMVALUE>` + p.array('PropertyList', ['ElementName']));
    t.equal(modified.error?.code, 7, `${dsp}: ModifyInstance of ElementName is CIM_ERR_NOT_SUPPORTED`);
    const [after] = instancesIn(await imethod(broker.url, 'GetInstance', CIMV2, p.instanceName('InstanceName', element!.classname, keysOf(element!))));
    t.not(after!.get('ElementName'), 'renamed', `${dsp}: ElementName unchanged`);
    t.equal(after!.get('RequestedState'), 12, `${dsp}: RequestedState 12 Not Applicable`);
  }
});

t.test('the capabilities describe only elements of their own kind', async (t) => {
  // CIM_ElementCapabilities.ManagedElement is Min(1): no capabilities without an element; and a sensor's
  // capabilities are not a fan's, so that one kind can change without the other.
  const capabilities = await enumerate(CIMV2, 'CIM_EnabledLogicalElementCapabilities');
  t.equal(capabilities.length, 4, 'sensors, fans, power supplies, the system');
  for (const instance of capabilities) {
    const elements = await associatorNames(instance.path!, 'CIM_ElementCapabilities');
    t.ok(elements.length > 0, `${String(instance.get('InstanceID'))} describes at least one element`);
    t.equal(new Set(elements.map((e) => e.classname === 'Thincim_NumericSensor' ? 'OMC_DiscreteSensor' : e.classname)).size, 1,
      `${String(instance.get('InstanceID'))} describes one kind of element`);
  }
});

t.test('the system owns each redundancy set (OwningCollectionElement), so a client finds the sets from the scoping instance', async (t) => {
  // DSP1013/DSP1015 redundancy (profiles.md §6 "one of these"; DSP1015 1.0 Figure 3): the RedundancySet is scoped to
  // the system by CIM_OwningCollectionElement, whose OwningElement is Max(1).
  const system = (await enumerate(CIMV2, 'CIM_ComputerSystem'))[0]!.path!;
  const sets = await associators(system, 'CIM_OwningCollectionElement', 'CIM_RedundancySet');
  t.same(sets.map((s) => s.get('InstanceID')).sort(), ['Thincim:simulated:fans', 'Thincim:simulated:psus'], 'both sets, from the system');
  for (const set of sets) {
    const owners = await associatorNames(set.path!, 'CIM_OwningCollectionElement');
    t.same(owners.map((o) => o.keybindings.get('Name')), [SIM.host], `${String(set.get('InstanceID'))}: the system is its one owner`);
  }
  // CIM_OwningCollectionElement is not a CIM_MemberOfCollection: the system is no member of its sets.
  const memberships = await enumerate(CIMV2, 'CIM_MemberOfCollection');
  t.ok(memberships.length > 0, 'the sets have members');
  t.same(memberships.filter((m) => m.classname !== 'Thincim_MemberOfCollection'), [], 'MemberOfCollection holds memberships only');
  const systemAsMember = pathsIn(await imethod(broker.url, 'ReferenceNames', CIMV2,
    p.instanceName('ObjectName', system.classname, keysOf(system)) + p.className('ResultClass', 'CIM_MemberOfCollection')));
  t.same(systemAsMember, [], 'no MemberOfCollection refers to the system');
});

t.test('the system hosts each redundancy set (HostedCollection) besides owning it', async (t) => {
  // profiles.md §3 (Base Server: "collections via CIM_HostedCollection / CIM_OwningCollectionElement") and §6; CIM Schema
  // 2.49 Core/CIM_HostedCollection.mof: a CIM_SystemSpecificCollection (a RedundancySet is one) is hosted by exactly
  // one system (Antecedent Min(1) Max(1)).
  const system = (await enumerate(CIMV2, 'CIM_ComputerSystem'))[0]!.path!;
  const sets = await associators(system, 'CIM_HostedCollection', 'CIM_RedundancySet');
  t.same(sets.map((s) => s.get('InstanceID')).sort(), ['Thincim:simulated:fans', 'Thincim:simulated:psus'], 'both sets, from the system');
  t.same(sets.map((s) => s.get('InstanceID')).sort(),
    (await enumerate(CIMV2, 'CIM_SystemSpecificCollection')).map((s) => s.get('InstanceID')).sort(), 'every system-specific collection');
  for (const set of sets) {
    const hosts = pathsIn(await imethod(broker.url, 'AssociatorNames', CIMV2, p.instanceName('ObjectName', set.path!.classname, keysOf(set.path!)) +
      p.className('AssocClass', 'CIM_HostedCollection') + p.value('Role', 'Dependent') + p.value('ResultRole', 'Antecedent')));
    t.same(hosts.map((h) => h.keybindings.get('Name')), [SIM.host], `${String(set.get('InstanceID'))}: hosted by the system alone`);
  }
  const links = instancesIn(await imethod(broker.url, 'EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_HostedCollection')));
  t.same(links.map((l) => l.classname), ['Thincim_HostedCollection', 'Thincim_HostedCollection'], 'one link per set, of thincim\'s class');
});

t.test('every physical element, not the chassis alone, is a central instance of Physical Asset', async (t) => {
  // profiles.md §4.3: DSP1011's central class is CIM_PhysicalElement (its subclasses: the chassis, the boards, the FRU
  // packages). A client using the central class methodology (pywbem's get_central_instances tries it first) found
  // the chassis only, and no board or FRU package.
  const physical = (await enumerate(CIMV2, 'CIM_PhysicalElement')).map((i) => `${i.classname}.${String(i.get('Tag'))}`).sort();
  t.ok(physical.some((p) => p.startsWith('Thincim_Card.')) && physical.some((p) => p.startsWith('Thincim_PhysicalPackage.')), 'boards and FRU packages are served');
  const central = (await centralOf('DSP1011')).map((path) => `${path.classname}.${String(path.keybindings.get('Tag'))}`).sort();
  t.same(central, physical, 'each conforms to Physical Asset');
});

t.test('both advertisement methodologies find the same central instances (DSP1033, profiles.md §4.2)', async (t) => {
  // Scoping class methodology: component profile → CIM_ReferencedProfile (its Dependent) → Base Server →
  // CIM_ElementConformsToProfile → the system → CIM_SystemDevice: the same devices as the central class methodology.
  const key = (path: CIMInstanceName) => `${path.classname}:${path.key}`;
  for (const [dsp, resultClass] of [['DSP1009', 'CIM_Sensor'], ['DSP1013', 'CIM_Fan'], ['DSP1015', 'CIM_PowerSupply']] as const) {
    const profile = (await centralOf('DSP1004'))[0]!;
    const scoping = pathsIn(await imethod(broker.url, 'AssociatorNames', INTEROP,
      p.instanceName('ObjectName', 'Thincim_RegisteredProfile', SIM.profile(dsp)) + p.className('AssocClass', 'CIM_ReferencedProfile') + p.value('Role', 'Antecedent')));
    t.same(scoping.map((s) => s.keybindings.get('InstanceID')), ['Thincim:DSP1004'], `${dsp} is referenced by Base Server`);
    const devices = pathsIn(await imethod(broker.url, 'AssociatorNames', CIMV2,
      p.instanceName('ObjectName', profile.classname, keysOf(profile)) + p.className('AssocClass', 'CIM_SystemDevice') + p.className('ResultClass', resultClass)));
    t.same(devices.map(key).sort(), (await centralOf(dsp)).map(key).sort(), `${dsp}: the system's ${resultClass} are the profile's central instances`);
  }
});
