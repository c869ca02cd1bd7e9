/**
 * The broker's self-description in the interop namespace (DSP1033; profiles.md
 * §4, §10) as a client discovers it: one CIM_ObjectManager, a CIM_Namespace
 * per namespace served, a CIM_CIMXMLCommunicationMechanism per listener (two
 * here) whose claims hold, the registered profiles and their references, the
 * associations to the host system from both namespaces, and the `interop`
 * alias of root/interop.
 */
import t from 'tap';
import { CIMInstanceName, type CIMClass, type CIMInstance } from '../../src/cim/index.js';
import {
  SIM, cimHeaders, imethod, imethodBody, imethodError, instancesIn, iparam, outText, p, pathsIn, post, returned, startTestBroker, type TestBroker,
} from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';
const INTEROP = 'root/interop';
const LISTENER = { protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: false } as const;

let broker: TestBroker;

t.before(async () => {
  // The answers of writes and methods are tested here; who may send them is test/ops/auth.test.ts's business.
  broker = await startTestBroker({ listeners: [LISTENER, LISTENER], anonymousWrite: true });
});
t.teardown(() => broker.close());

async function enumerate(ns: string, classname: string): Promise<CIMInstance[]> {
  return instancesIn(await imethod(broker.url, 'EnumerateInstances', ns, p.className('ClassName', classname)));
}

async function getClassOf(classname: string): Promise<CIMClass> {
  const [item] = returned(await imethod(broker.url, 'GetClass', INTEROP, p.className('ClassName', classname) + p.value('LocalOnly', false)));
  if (item?.kind !== 'class') throw new Error(`GetClass ${classname} returned no class`);
  return item.cls;
}

async function only(ns: string, classname: string): Promise<CIMInstance> {
  const [instance, ...more] = await enumerate(ns, classname);
  if (!instance || more.length > 0) throw new Error(`${classname} in ${ns}: ${more.length + (instance ? 1 : 0)} instances, one expected`);
  return instance;
}

/** A path as a `p.instanceName` parameter (string keys only). */
function nameParam(param: string, path: CIMInstanceName): string {
  return p.instanceName(param, path.classname, Object.fromEntries([...path.keybindings].map(([k, v]) => [k, String(v)])));
}

t.test('exactly one CIM_ObjectManager, hosted on the managed system', async (t) => {
  const manager = await only(INTEROP, 'CIM_ObjectManager');
  t.equal(manager.classname, 'Thincim_ObjectManager');
  t.equal(manager.get('SystemName'), SIM.host, 'SystemName is the host');
  t.equal(manager.get('SystemCreationClassName'), 'Thincim_ComputerSystem');
  t.equal(manager.get('CreationClassName'), 'Thincim_ObjectManager');
  t.equal(manager.get('Name'), `thincim:${SIM.host}`);
  t.equal(manager.get('ElementName'), 'thincim', 'ElementName: the brand');
  t.match(manager.get('Description'), /^thincim, .* version \d+\.\d+\.\d+$/, 'Description: brand, then the version where pywbem looks for it');
  t.equal(manager.get('EnabledState'), 2, 'Enabled');
  t.equal(manager.get('Started'), true);
  t.same(await enumerate(CIMV2, 'CIM_ObjectManager'), [], 'none in root/cimv2');
  const viaService = await enumerate(INTEROP, 'CIM_Service');
  t.same(viaService.filter((s) => s.classname === 'Thincim_ObjectManager').length, 1, 'found once when enumerating CIM_Service too');
});

t.test('a CIM_Namespace per namespace, each one usable, all in the object manager', async (t) => {
  const manager = await only(INTEROP, 'CIM_ObjectManager');
  const namespaces = await enumerate(INTEROP, 'CIM_Namespace');
  t.same(namespaces.map((n) => n.get('Name')).sort(), [CIMV2, INTEROP], 'root/cimv2 and root/interop');
  for (const ns of namespaces) {
    const name = String(ns.get('Name'));
    t.equal(ns.get('ObjectManagerName'), manager.get('Name'), `${name}: ObjectManagerName`);
    t.equal(ns.get('ObjectManagerCreationClassName'), manager.classname, `${name}: ObjectManagerCreationClassName`);
    t.equal(ns.get('ClassType'), 2, `${name}: ClassType CIM`);
    t.ok(ns.get('ClassInfo') !== null && ns.get('ClassInfo') !== undefined, `${name}: ClassInfo (Required) is set`);
    const classes = await imethod(broker.url, 'EnumerateClassNames', name);
    t.equal(classes.error, undefined, `${name}: operations run there`);
  }
  const members = pathsIn(await imethod(broker.url, 'AssociatorNames', INTEROP,
    nameParam('ObjectName', manager.path!) + p.className('AssocClass', 'CIM_NamespaceInManager') + p.value('ResultRole', 'Dependent')));
  t.same(members.map((m) => m.keybindings.get('Name')).sort(), [CIMV2, INTEROP], 'NamespaceInManager: the manager holds both');
  for (const ns of namespaces) {
    const owner = pathsIn(await imethod(broker.url, 'AssociatorNames', INTEROP,
      nameParam('ObjectName', ns.path!) + p.className('AssocClass', 'CIM_NamespaceInManager')));
    t.same(owner.map((o) => o.key), [manager.path!.key], `${String(ns.get('Name'))}: back to the manager`);
  }
});

t.test('a CIM_CIMXMLCommunicationMechanism per listener, its claims true', async (t) => {
  const mechanisms = await enumerate(INTEROP, 'CIM_ObjectManagerCommunicationMechanism');
  t.equal(mechanisms.length, broker.broker.urls.length, 'one per listener');
  const ports = broker.broker.urls.map((u) => new URL(u).port);
  t.same(mechanisms.map((m) => String(m.get('Name')).replace(/^.*:/, '')).sort(), [...ports].sort(), 'each Name ends with its listener\'s port');
  for (const mechanism of mechanisms) {
    const name = String(mechanism.get('Name'));
    t.equal(mechanism.classname, 'Thincim_CIMXMLCommunicationMechanism', `${name}: class`);
    t.equal(mechanism.get('CommunicationMechanism'), 2, `${name}: CIM-XML`);
    t.equal(mechanism.get('Version'), '1.0', `${name}: Version`);
    t.equal(mechanism.get('CIMXMLProtocolVersion'), 1, `${name}: CIMXMLProtocolVersion 1.0`);
    t.same(mechanism.get('AuthenticationMechanismsSupported'), [2], `${name}: no authentication on these listeners (2 None)`);
    t.equal(mechanism.get('MultipleOperationsSupported'), false, `${name}: no batches`);
    const profiles = mechanism.get('FunctionalProfilesSupported') as number[];
    const descriptions = mechanism.get('FunctionalProfileDescriptions') as string[];
    t.equal(descriptions.length, profiles.length, `${name}: a description per functional profile`);
  }

  const claimed = new Set(mechanisms[0]!.get('FunctionalProfilesSupported') as number[]);
  const fanClass = p.className('ClassName', 'CIM_Fan');
  const newInstance = (classname: string, properties: Record<string, string>) => iparam('NewInstance', `<INSTANCE CLASSNAME="${classname}">` +
    Object.entries(properties).map(([name, value]) => `<PROPERTY NAME="${name}" TYPE="string"><VALUE>${value}</VALUE></PROPERTY>`).join('') + '</INSTANCE>');
  /**
   * A representative operation for each functional profile (CIM_ObjectManagerCommunicationMechanism
   * ValueMap; DSP0200's groups: SetProperty is Basic Write, Create/Modify/DeleteInstance Instance
   * Manipulation), with the namespace it is sent to.
   */
  const probes: [number, string, string, string, string][] = [
    [2, 'Basic Read', 'EnumerateInstances', CIMV2, fanClass],
    [3, 'Basic Write', 'SetProperty', CIMV2, p.instanceName('InstanceName', 'Thincim_NumericSensor', SIM.device('Thincim_NumericSensor', 'cpu1-temp')) +
      p.value('PropertyName', 'UpperThresholdNonCritical') + p.value('NewValue', 850)],
    [4, 'Schema Manipulation', 'DeleteClass', CIMV2, p.className('ClassName', 'OMC_Fan')],
    [5, 'Instance Manipulation', 'CreateInstance', INTEROP,
      newInstance('CIM_IndicationFilter', { Name: 'probe', Query: 'SELECT * FROM CIM_AlertIndication', QueryLanguage: 'WQL' })],
    [6, 'Association Traversal', 'AssociatorNames', CIMV2, p.instanceName('ObjectName', 'Thincim_ComputerSystem', SIM.system)],
    [7, 'Query Execution', 'ExecQuery', CIMV2, p.value('QueryLanguage', 'WQL') + p.value('Query', 'SELECT * FROM CIM_Fan')],
    [8, 'Qualifier Declaration', 'DeleteQualifier', CIMV2, p.value('QualifierName', 'Description')],
    [9, 'Indications', 'CreateInstance', INTEROP, newInstance('CIM_ListenerDestinationCIMXML', { Name: 'probe', Destination: 'http://127.0.0.1:9/' })],
    [10, 'Pulled Read', 'OpenEnumerateInstances', CIMV2, fanClass + p.value('MaxObjectCount', 100)],
    [12, 'Pulled Query Execution', 'OpenQueryInstances', CIMV2, p.value('FilterQueryLanguage', 'WQL') + p.value('FilterQuery', 'SELECT * FROM CIM_Fan') +
      p.value('MaxObjectCount', 100)],
  ];
  for (const [profile, label, operation, namespace, params] of probes) {
    const response = await imethod(broker.url, operation, namespace, params);
    if (claimed.has(profile)) t.equal(response.error, undefined, `${label} (${profile}) is claimed and ${operation} works`);
    else t.equal(response.error?.code, 7, `${label} (${profile}) is not claimed and ${operation} is CIM_ERR_NOT_SUPPORTED`);
    if (operation === 'CreateInstance' && !response.error) {
      for (const created of pathsIn(response)) await imethod(broker.url, 'DeleteInstance', INTEROP, nameParam('InstanceName', created));
    }
  }
  const supported = (await getClassOf('CIM_ObjectManagerCommunicationMechanism')).properties.get('FunctionalProfilesSupported')!;
  const valueMap = supported.qualifiers.get('ValueMap')!.value as string[];
  const values = supported.qualifiers.get('Values')!.value as string[];
  t.same(mechanisms[0]!.get('FunctionalProfileDescriptions'), [...claimed].map((code) => values[valueMap.indexOf(String(code))]),
    'each description is the ValueMap\'s name of its profile');
  if (claimed.has(11)) {
    const open = await imethod(broker.url, 'OpenEnumerateInstancePaths', CIMV2, fanClass);
    const count = await imethod(broker.url, 'EnumerationCount', CIMV2, p.value('EnumerationContext', outText(open, 'EnumerationContext')!));
    t.equal(count.error, undefined, 'Pulled Read Count (11) is claimed and EnumerationCount works');
    await imethod(broker.url, 'CloseEnumeration', CIMV2, p.value('EnumerationContext', outText(open, 'EnumerationContext')!));
  }
  const batch = await post(broker.url, imethodBody('EnumerateClassNames', CIMV2), { ...cimHeaders('EnumerateClassNames', CIMV2), CIMBatch: 'CIMBatch' });
  t.equal(batch.status, 501, 'MultipleOperationsSupported=false holds: a batch is refused');
});

t.test('the registered profiles (DSP1033): DMTF names, versions, and what Base Server references', async (t) => {
  const profiles = await enumerate(INTEROP, 'CIM_RegisteredProfile');
  const byName = new Map(profiles.map((x) => [String(x.get('RegisteredName')), x]));
  t.same([...byName.keys()].sort(), ['Base Server', 'Fan', 'Physical Asset', 'Power Supply', 'Profile Registration', 'Sensors'],
    'the profiles thincim implements, spelled as DMTF does');
  for (const [name, profile] of byName) {
    t.equal(profile.get('RegisteredOrganization'), 2, `${name}: DMTF`);
    t.match(profile.get('RegisteredVersion'), /^\d+\.\d+\.\d+$/, `${name}: RegisteredVersion M.N.U`);
    t.match(profile.get('InstanceID'), /^Thincim:DSP\d{4}$/, `${name}: InstanceID <OrgID>:<LocalID>`);
    t.ok(Array.isArray(profile.get('AdvertiseTypes')), `${name}: AdvertiseTypes (Required)`);
  }
  const base = byName.get('Base Server')!;
  const referenced = await enumerate(INTEROP, 'CIM_ReferencedProfile');
  t.equal(referenced.length, profiles.length - 1, 'Base Server references every other profile');
  for (const reference of referenced) {
    const dependent = reference.get('Dependent') as CIMInstanceName;
    const antecedent = reference.get('Antecedent') as CIMInstanceName;
    t.equal(dependent.key, base.path!.key, 'Dependent: the referencing Base Server (DMTF direction)');
    t.not(antecedent.key, base.path!.key, 'Antecedent: a component profile');
  }
  const components = pathsIn(await imethod(broker.url, 'AssociatorNames', INTEROP,
    nameParam('ObjectName', base.path!) + p.className('AssocClass', 'CIM_ReferencedProfile') + p.value('ResultRole', 'Antecedent')));
  t.equal(components.length, profiles.length - 1, 'traversable from Base Server to its component profiles');
});

t.test('ElementConformsToProfile is instantiated alike in both namespaces', async (t) => {
  // Every reference carries its namespace, into the answer's own namespace too (README, Protocol behaviour).
  const unnamed: string[] = [];
  const key = (i: CIMInstance) => ['ConformantStandard', 'ManagedElement'].map((n) => {
    const ref = i.get(n) as CIMInstanceName;
    if (ref.namespace === undefined) unnamed.push(`${i.path?.namespace} ${n}: ${ref.key}`);
    return `${ref.namespace}:${ref.key}`;
  }).join(' → ');
  const interop = (await enumerate(INTEROP, 'CIM_ElementConformsToProfile')).map(key).sort();
  const cimv2 = (await enumerate(CIMV2, 'CIM_ElementConformsToProfile')).map(key).sort();
  t.same(unnamed, [], 'no reference without its namespace');
  t.ok(interop.length > 10, `${interop.length} conformance links`);
  t.same(cimv2, interop, 'the same links, cross-namespace references carrying their namespace');
  t.ok(interop.every((k) => k.startsWith(`${INTEROP}:`) && k.includes(` → ${CIMV2}:`)), 'profiles in root/interop, elements in root/cimv2');
});

t.test('HostedService links the system to each of its services, from either namespace', async (t) => {
  // CIM_HostedService.Antecedent is Min(1) Max(1) (CIM Schema 2.49 Core/CIM_HostedService.mof): every CIM_Service,
  // the object manager and the indication service alike, is hosted by exactly one system (profiles.md §9.1 for DSP1054's).
  const services = [await only(INTEROP, 'CIM_ObjectManager'), await only(INTEROP, 'CIM_IndicationService')];
  for (const service of services) {
    const hosts = instancesIn(await imethod(broker.url, 'Associators', INTEROP, nameParam('ObjectName', service.path!) + p.className('AssocClass', 'CIM_HostedService')));
    t.same(hosts.map((h) => `${h.path?.namespace}:${h.classname}`), [`${CIMV2}:Thincim_ComputerSystem`], `${service.classname}, from root/interop: the host system, in root/cimv2`);
  }
  const system = p.instanceName('ObjectName', 'Thincim_ComputerSystem', SIM.system);
  const hosted = instancesIn(await imethod(broker.url, 'Associators', CIMV2, system + p.className('AssocClass', 'CIM_HostedService')));
  t.same(hosted.map((s) => `${s.path?.namespace}:${s.classname}`).sort(), [`${INTEROP}:Thincim_IndicationService`, `${INTEROP}:Thincim_ObjectManager`],
    'from root/cimv2: the object manager and the indication service, in root/interop');
  const references = instancesIn(await imethod(broker.url, 'References', CIMV2, system + p.className('ResultClass', 'CIM_HostedService')));
  t.equal(references.length, 2, 'a HostedService per service references the system in root/cimv2');
  t.ok(references.every((r) => (r.get('Dependent') as CIMInstanceName | undefined)?.namespace === INTEROP), 'each Dependent carries root/interop');
});

t.test('each mechanism is hosted on the system and reaches the manager, from either namespace and the alias', async (t) => {
  // CIM Schema 2.49: CIM_HostedAccessPoint.Antecedent is Min(1) Max(1) (Core/CIM_HostedAccessPoint.mof), every access
  // point provided by exactly one system; CIM_CommMechanismForManager.Antecedent is Min(1) Max(1) and its Dependent Min(1)
  // (Interop/CIM_CommMechanismForManager.mof). pywbem's SNIA Server end-to-end test (tests/end2endtest/
  // test_profile_snia_server.py, test_ObjectManagerCommunicationMechanism) finds the mechanisms from the manager this way.
  const manager = await only(INTEROP, 'CIM_ObjectManager');
  const mechanisms = await enumerate(INTEROP, 'CIM_ObjectManagerCommunicationMechanism');
  t.equal(mechanisms.length, 2, 'two listeners, two mechanisms');
  const mechanismKeys = mechanisms.map((m) => m.path!.key).sort();
  for (const ns of [INTEROP, 'interop']) {
    const reached = instancesIn(await imethod(broker.url, 'Associators', ns, nameParam('ObjectName', manager.path!) +
      p.className('AssocClass', 'CIM_CommMechanismForManager') + p.value('Role', 'Antecedent') + p.value('ResultRole', 'Dependent') +
      p.className('ResultClass', 'CIM_ObjectManagerCommunicationMechanism')));
    t.same(reached.map((m) => m.path?.key).sort(), mechanismKeys, `${ns}: from the manager, every mechanism (the SNIA Server test's query)`);
    t.ok(reached.every((m) => m.path?.namespace === INTEROP), `${ns}: their paths name root/interop`);
  }
  for (const mechanism of mechanisms) {
    const name = String(mechanism.get('Name'));
    for (const ns of [INTEROP, 'interop']) {
      const managers = pathsIn(await imethod(broker.url, 'AssociatorNames', ns, nameParam('ObjectName', mechanism.path!) +
        p.className('AssocClass', 'CIM_CommMechanismForManager')));
      t.same(managers.map((m) => m.key), [manager.path!.key], `${name}, ${ns}: back to the one manager`);
      const hosts = instancesIn(await imethod(broker.url, 'Associators', ns, nameParam('ObjectName', mechanism.path!) +
        p.className('AssocClass', 'CIM_HostedAccessPoint')));
      t.same(hosts.map((h) => `${h.path?.namespace}:${h.classname}`), [`${CIMV2}:Thincim_ComputerSystem`], `${name}, ${ns}: the host system, in root/cimv2`);
      const links = instancesIn(await imethod(broker.url, 'References', ns, nameParam('ObjectName', mechanism.path!)));
      t.same(links.map((l) => l.classname).sort(), ['Thincim_CommMechanismForManager', 'Thincim_HostedAccessPoint'], `${name}, ${ns}: References, its two links`);
      t.ok(links.every((l) => l.path?.namespace === INTEROP), `${name}, ${ns}: the links of root/interop`);
    }
  }

  const system = p.instanceName('ObjectName', 'Thincim_ComputerSystem', SIM.system);
  const provided = instancesIn(await imethod(broker.url, 'Associators', CIMV2, system + p.className('AssocClass', 'CIM_HostedAccessPoint')));
  t.same(provided.map((m) => `${m.path?.namespace}:${m.path?.key}`).sort(), mechanismKeys.map((k) => `${INTEROP}:${k}`),
    'from root/cimv2: the system provides every mechanism, in root/interop');
  const hostedPaths = pathsIn(await imethod(broker.url, 'ReferenceNames', CIMV2, system + p.className('ResultClass', 'CIM_HostedAccessPoint')));
  t.equal(hostedPaths.length, 2, 'a HostedAccessPoint per mechanism references the system in root/cimv2');
  t.ok(hostedPaths.every((r) => (r.keybindings.get('Dependent') as CIMInstanceName | undefined)?.namespace === INTEROP), 'each Dependent carries root/interop');

  const expected: [string, string, number][] = [
    [INTEROP, 'CIM_HostedAccessPoint', 2], [CIMV2, 'CIM_HostedAccessPoint', 2],
    [INTEROP, 'CIM_CommMechanismForManager', 2], [CIMV2, 'CIM_CommMechanismForManager', 0],
    [INTEROP, 'CIM_ServiceAccessBySAP', 2],
  ];
  for (const [ns, classname, count] of expected) {
    const found = await enumerate(ns, classname);
    t.equal(new Set(found.map((f) => f.path?.key)).size, count, `${ns} ${classname}: ${count}`);
    t.equal(found.length, count, `${ns} ${classname}: each once`);
  }
  for (const ns of [INTEROP, CIMV2]) {
    const dependencies = (await enumerate(ns, 'CIM_Dependency')).filter((d) => /^Thincim_(HostedAccessPoint|CommMechanismForManager)$/.test(d.classname));
    const count = ns === INTEROP ? 4 : 2;
    t.equal(dependencies.length, count, `${ns} CIM_Dependency: the ${count} new links`);
    t.equal(new Set(dependencies.map((d) => d.path?.key)).size, count, `${ns} CIM_Dependency: each once`);
  }
});

t.test('"interop" is an alias of root/interop; other interop names do not exist', async (t) => {
  const viaAlias = await enumerate('interop', 'CIM_Namespace');
  const viaName = await enumerate(INTEROP, 'CIM_Namespace');
  t.same(viaAlias.map((n) => n.path?.key).sort(), viaName.map((n) => n.path?.key).sort(), 'the same instances');
  const manager = await only(INTEROP, 'CIM_ObjectManager');
  const associated = instancesIn(await imethod(broker.url, 'Associators', 'interop', nameParam('ObjectName', manager.path!) +
    p.className('AssocClass', 'CIM_NamespaceInManager')));
  t.ok(associated.length === 2 && associated.every((n) => n.path?.namespace === INTEROP), 'paths in answers name root/interop, the defining name');
  for (const ns of ['root/PG_InterOp', 'root/pg_interop', 'Interop/extra']) {
    const error = await imethodError(broker.url, 'EnumerateInstances', ns, p.className('ClassName', 'CIM_Namespace'));
    t.equal(error.code, 3, `${ns}: CIM_ERR_INVALID_NAMESPACE (what pywbem's interop probe relies on)`);
  }
  const open = await imethod(broker.url, 'OpenEnumerateInstances', 'interop', p.className('ClassName', 'CIM_RegisteredProfile'));
  const pulled = await imethod(broker.url, 'PullInstancesWithPath', INTEROP,
    p.value('EnumerationContext', outText(open, 'EnumerationContext')!) + p.value('MaxObjectCount', 100));
  t.equal(instancesIn(pulled).length, 6, 'a context opened in "interop" is pulled in root/interop');
  t.equal(outText(pulled, 'EndOfSequence'), 'TRUE');
});
