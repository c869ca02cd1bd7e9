/**
 * The association operations over the wire (DSP0200 intrinsic methods;
 * reference cim-xml-protocol.md §3.1, §4): Associators, AssociatorNames,
 * References, ReferenceNames, for an instance (the published associations)
 * and for a class (the schema), with AssocClass, ResultClass, Role,
 * ResultRole, PropertyList and the other flags, and across the root/interop –
 * root/cimv2 boundary (ElementConformsToProfile, profiles.md §4.2) from both
 * sides. Expected links are worked out here from the published instances.
 */
import t from 'tap';
import type { Test } from 'tap';
import { CIMClassName, CIMInstanceName, normalizeNamespace, type CIMClass, type CIMInstance } from '../../src/cim/index.js';
import type { ReturnItem } from '../../src/cimxml/index.js';
import type { ClassRepository } from '../../src/repository/types.js';
import {
  SIM, imethod, imethodError, instancesIn, p, pathsIn, returned, startTestBroker, type TestBroker,
} from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';
const INTEROP = 'root/interop';

let broker: TestBroker;
let repository: ClassRepository;
let host: string;

t.before(async () => {
  broker = await startTestBroker();
  repository = broker.broker.state.repository;
  host = new URL(broker.url).host;
});
t.teardown(() => broker.close());

const flag = (name: string, value: boolean) => p.value(name, value);
const system = (param: string) => p.instanceName(param, 'Thincim_ComputerSystem', SIM.system);
const fan = (param: string) => p.instanceName(param, 'OMC_Fan', SIM.device('OMC_Fan', 'fan1'));
const profile = (param: string, dsp: string) => p.instanceName(param, 'Thincim_RegisteredProfile', SIM.profile(dsp));
const pathOf = (ns: string, classname: string, keys: Record<string, string>) => new CIMInstanceName({ classname, keybindings: keys, namespace: ns });

/** A namespace-qualified identity: the same object whatever namespace the answer was about. */
const identity = (path: CIMInstanceName | undefined, ns: string) => `${normalizeNamespace(path?.namespace ?? ns)}:${path?.key ?? 'no path'}`;
const identities = (paths: (CIMInstanceName | undefined)[], ns: string) => [...new Set(paths.map((path) => identity(path, ns)))].sort();

function pointsTo(ref: CIMInstanceName, target: CIMInstanceName, ns: string): boolean {
  return identity(ref, ns) === identity(target, ns);
}

/** The published association instances of `ns` that reference `target`, with the role it plays. */
function publishedLinks(ns: string, target: CIMInstanceName): { association: CIMInstance; role: string; others: [string, CIMInstanceName][] }[] {
  const index = broker.broker.state.index;
  const associations = repository.classNames(ns).filter((c) => repository.getClass(ns, c)!.isAssociation).flatMap((c) => [...index.byClass(ns, c)]);
  return associations.flatMap((association) => {
    const refs = [...association.properties.values()].filter((x) => x.value instanceof CIMInstanceName) as { name: string; value: CIMInstanceName }[];
    return refs.filter((r) => pointsTo(r.value, target, ns)).map((r) => ({
      association, role: r.name, others: refs.filter((o) => o !== r).map((o) => [o.name, o.value] as [string, CIMInstanceName]),
    }));
  });
}

const isa = (ns: string, classname: string, ancestor: string) => repository.isSubclassOf(ns, classname, ancestor);

/** Checks the INSTANCEPATH of every object: this listener as HOST, a namespace, the full key set. */
function fullPaths(t: Test, instances: CIMInstance[], label: string): void {
  t.ok(instances.every((i) => i.path?.host === host), `${label}: HOST is the address the client used (${host})`);
  t.ok(instances.every((i) => i.path?.namespace !== undefined), `${label}: every path has its namespace`);
  t.ok(instances.every((i) => i.path?.classname === i.classname), `${label}: the path names the creation class`);
}

t.test('Associators of an instance: every object at the other end of a published association', async (t) => {
  const target = pathOf(CIMV2, 'Thincim_ComputerSystem', SIM.system);
  const links = publishedLinks(CIMV2, target);
  t.ok(links.length > 30, `${links.length} associations reference the system`);
  const expected = identities(links.flatMap((l) => l.others.map(([, other]) => other)), CIMV2);
  const response = await imethod(broker.url, 'Associators', CIMV2, system('ObjectName'));
  const instances = instancesIn(response);
  t.same(identities(instances.map((i) => i.path), CIMV2), expected, 'the same objects, each once');
  t.equal(instances.length, expected.length, 'no duplicates');
  fullPaths(t, instances, 'Associators');
  t.match(response.raw.text, new RegExp(`<IRETURNVALUE><VALUE\\.OBJECTWITHPATH><INSTANCEPATH><NAMESPACEPATH><HOST>${host.replace(/\./g, '\\.')}</HOST>`),
    'VALUE.OBJECTWITHPATH / INSTANCEPATH / NAMESPACEPATH / HOST');
  const names = pathsIn(await imethod(broker.url, 'AssociatorNames', CIMV2, system('ObjectName')));
  t.same(identities(names, CIMV2), expected, 'AssociatorNames: the same objects as paths');
  t.ok(names.every((n) => n.host === host && n.namespace !== undefined), 'AssociatorNames: OBJECTPATHs with HOST and namespace');
});

t.test('Associators filters: AssocClass, ResultClass, Role, ResultRole', async (t) => {
  const fans = broker.broker.state.index.byClass(CIMV2, 'OMC_Fan').map((i) => i.path!);
  const fanIds = identities(fans, CIMV2);
  const ask = async (params: string) => identities(instancesIn(await imethod(broker.url, 'Associators', CIMV2, system('ObjectName') + params)).map((i) => i.path), CIMV2);
  const devices = identities(publishedLinks(CIMV2, pathOf(CIMV2, 'Thincim_ComputerSystem', SIM.system))
    .filter((l) => isa(CIMV2, l.association.classname, 'CIM_SystemDevice')).flatMap((l) => l.others.map(([, o]) => o)), CIMV2);
  t.same(await ask(p.className('AssocClass', 'CIM_SystemDevice')), devices, 'AssocClass: objects reached through CIM_SystemDevice (and subclasses)');
  t.same(await ask(p.className('AssocClass', 'CIM_SystemDevice') + p.className('ResultClass', 'CIM_Fan')), fanIds, 'ResultClass: only fans');
  t.same(await ask(p.className('ResultClass', 'cim_fan') + p.value('Role', 'GroupComponent') + p.value('ResultRole', 'PartComponent')), fanIds,
    'Role and ResultRole naming the system\'s and the fans\' ends');
  t.same(await ask(p.className('ResultClass', 'CIM_Fan') + p.value('Role', 'groupcomponent') + p.value('ResultRole', 'partCOMPONENT')), fanIds, 'roles without case');
  t.same(await ask(p.value('Role', 'PartComponent') + p.className('AssocClass', 'CIM_SystemDevice')), [], 'the system never is a PartComponent of CIM_SystemDevice');
  t.same(await ask(p.className('AssocClass', 'CIM_SystemDevice') + p.value('ResultRole', 'GroupComponent')), [], 'nor are the devices GroupComponents');
  t.same(await ask(p.className('AssocClass', 'CIM_Fan')), [], 'an AssocClass that is no association matches nothing');
  const none = await imethod(broker.url, 'Associators', CIMV2, system('ObjectName') + p.value('Role', 'NoSuchRole'));
  t.match(none.raw.text, /<IMETHODRESPONSE NAME="Associators"><IRETURNVALUE><\/IRETURNVALUE><\/IMETHODRESPONSE>/, 'no match: an empty IRETURNVALUE');
});

t.test('Associators from a device: the system, sensors, packages, collections, profiles and capabilities', async (t) => {
  const target = pathOf(CIMV2, 'OMC_Fan', SIM.device('OMC_Fan', 'fan1'));
  const links = publishedLinks(CIMV2, target);
  const expected = identities(links.flatMap((l) => l.others.map(([, o]) => o)), CIMV2);
  const instances = instancesIn(await imethod(broker.url, 'Associators', CIMV2, fan('ObjectName')));
  t.same(identities(instances.map((i) => i.path), CIMV2), expected, 'every object linked to the fan');
  t.same(new Set(instances.map((i) => i.classname)), new Set(['Thincim_ComputerSystem', 'Thincim_NumericSensor', 'Thincim_PhysicalPackage',
    'Thincim_RedundancySet', 'Thincim_RegisteredProfile', 'Thincim_EnabledLogicalElementCapabilities']), 'of the expected classes');
  const systems = instancesIn(await imethod(broker.url, 'Associators', CIMV2, fan('ObjectName') + p.className('ResultClass', 'CIM_System')));
  t.same(systems.map((i) => i.path?.key), [pathOf(CIMV2, 'Thincim_ComputerSystem', SIM.system).key], 'ResultClass CIM_System: the host');
});

t.test('Associators PropertyList and flags: instances trimmed, paths whole, no qualifiers', async (t) => {
  const params = system('ObjectName') + p.className('ResultClass', 'CIM_Fan');
  const trimmed = instancesIn(await imethod(broker.url, 'Associators', CIMV2, params + p.array('PropertyList', ['elementname', 'HealthState', 'NoSuch'])));
  t.equal(trimmed.length, 6, 'six fans');
  t.ok(trimmed.every((i) => [...i.properties.keys()].sort().join() === 'ElementName,HealthState'), 'only the listed properties');
  t.ok(trimmed.every((i) => i.path?.keybindings.size === 4), 'the paths keep all four keys');
  const empty = instancesIn(await imethod(broker.url, 'Associators', CIMV2, params + p.array('PropertyList', [])));
  t.ok(empty.every((i) => i.properties.size === 0), 'an empty PropertyList: no property');
  const flags = await imethod(broker.url, 'Associators', CIMV2, params + flag('IncludeQualifiers', true) + flag('IncludeClassOrigin', true));
  t.notMatch(flags.raw.text, /<QUALIFIER/, 'IncludeQualifiers: instances carry no qualifiers');
  t.ok(instancesIn(flags).every((i) => i.properties.get('ElementName')?.classOrigin === 'CIM_ManagedElement'), 'IncludeClassOrigin: CLASSORIGIN');
});

t.test('References and ReferenceNames: the association instances themselves', async (t) => {
  const target = pathOf(CIMV2, 'Thincim_ComputerSystem', SIM.system);
  const links = publishedLinks(CIMV2, target);
  const all = identities(links.map((l) => l.association.path), CIMV2);
  const references = instancesIn(await imethod(broker.url, 'References', CIMV2, system('ObjectName')));
  t.same(identities(references.map((i) => i.path), CIMV2), all, 'every association that references the system');
  fullPaths(t, references, 'References');
  t.ok(references.every((a) => repository.getClass(CIMV2, a.classname)?.isAssociation), 'all of association classes');
  t.same(identities(pathsIn(await imethod(broker.url, 'ReferenceNames', CIMV2, system('ObjectName'))), CIMV2), all, 'ReferenceNames: their paths');

  const systemDevices = identities(links.filter((l) => isa(CIMV2, l.association.classname, 'CIM_SystemDevice')).map((l) => l.association.path), CIMV2);
  const byClass = await imethod(broker.url, 'References', CIMV2, system('ObjectName') + p.className('ResultClass', 'CIM_SystemDevice'));
  t.same(identities(instancesIn(byClass).map((i) => i.path), CIMV2), systemDevices, 'ResultClass filters by association class');
  const byRole = await imethod(broker.url, 'ReferenceNames', CIMV2, system('ObjectName') + p.value('Role', 'GroupComponent'));
  t.same(identities(pathsIn(byRole), CIMV2), identities(links.filter((l) => l.role === 'GroupComponent').map((l) => l.association.path), CIMV2),
    'Role: where the system is the GroupComponent');
  t.same(returned(await imethod(broker.url, 'References', CIMV2, system('ObjectName') + p.value('Role', 'PartComponent') +
    p.className('ResultClass', 'CIM_SystemDevice'))), [], 'the system is no PartComponent');
  const reference = instancesIn(byClass)[0]!.properties.get('PartComponent');
  t.equal(reference?.type, 'reference', 'association instances carry PROPERTY.REFERENCE');
  t.ok(reference?.value instanceof CIMInstanceName, 'holding the device\'s path');
  const trimmed = instancesIn(await imethod(broker.url, 'References', CIMV2, system('ObjectName') + p.className('ResultClass', 'CIM_SystemDevice') +
    p.array('PropertyList', ['GroupComponent'])));
  t.ok(trimmed.every((a) => [...a.properties.keys()].join() === 'GroupComponent' && a.path?.keybindings.size === 2), 'PropertyList trims, the key references stay in the path');
});

/** The LOCALNAMESPACEPATH of a namespace, as DSP0201 writes it: one NAMESPACE per component. */
const localNamespacePath = (ns: string) => `<LOCALNAMESPACEPATH>${ns.split('/').map((n) => `<NAMESPACE NAME="${n}"/>`).join('')}</LOCALNAMESPACEPATH>`;

t.test('References on the wire: each reference property a LOCALINSTANCEPATH, into the answer\'s own namespace too', async (t) => {
  // pywbem compares paths namespace included, so a bare INSTANCENAME equals none of the paths it returns
  // (pywbemcli's instance shrub showed no associated instance; README, Protocol behaviour).
  const cases = [
    { ns: CIMV2, source: fan('ObjectName'), assocClass: 'CIM_SystemDevice', roles: ['GroupComponent', 'PartComponent'] },
    { ns: INTEROP, source: profile('ObjectName', 'DSP1004'), assocClass: 'CIM_ReferencedProfile', roles: ['Antecedent', 'Dependent'] },
  ];
  for (const { ns, source, assocClass, roles } of cases) {
    const response = await imethod(broker.url, 'References', ns, source + p.className('ResultClass', assocClass));
    const count = instancesIn(response).length;
    t.ok(count > 0, `${ns} ${assocClass}: ${count} association instances`);
    for (const role of roles) {
      const written = new RegExp(`<PROPERTY\\.REFERENCE NAME="${role}"[^>]*><VALUE\\.REFERENCE><LOCALINSTANCEPATH>${localNamespacePath(ns)}<INSTANCENAME `, 'g');
      t.equal(response.raw.text.match(written)?.length, count, `${ns} ${assocClass}.${role}: <VALUE.REFERENCE><LOCALINSTANCEPATH> in ${ns}, in each instance`);
    }
    t.notMatch(response.raw.text, /<VALUE\.REFERENCE><INSTANCENAME/, `${ns}: no reference as a bare INSTANCENAME`);
  }
});

t.test('every Min and Max a DMTF association declares on a reference holds over the wire', async (t) => {
  // A reference's Min/Max bound how many objects play it for each object at the other end (DSP0004 Min, Max):
  // e.g. CIM_SystemDevice.GroupComponent Min(1) Max(1), every device in exactly one system; CIM_HostedService.Antecedent
  // Min(1) Max(1), every service, the broker's own included, hosted by exactly one system; CIM_HostedAccessPoint.Antecedent
  // Min(1) Max(1), every CIM-XML mechanism provided by exactly one system; CIM_CommMechanismForManager, Antecedent Min(1)
  // Max(1) and Dependent Min(1), every mechanism reaching one object manager, which is reached by at least one;
  // CIM_HostedCollection.Antecedent Min(1) Max(1), every redundancy set scoped to exactly one system.
  let checked = 0;
  const covered = new Set<string>();
  for (const ns of [CIMV2, INTEROP]) {
    for (const name of repository.classNames(ns).filter((c) => c.startsWith('CIM_') && repository.getClass(ns, c)!.isAssociation)) {
      const refs = [...repository.getClass(ns, name)!.properties.values()].filter((x) => x.type === 'reference');
      for (const bounded of refs.filter((r) => refs.length === 2 && (r.qualifiers.has('Min') || r.qualifiers.has('Max')))) {
        const other = refs.find((r) => r !== bounded)!;
        const min = Number(bounded.qualifiers.get('Min')?.value ?? 0);
        const max = bounded.qualifiers.has('Max') ? Number(bounded.qualifiers.get('Max')!.value) : Infinity;
        for (const end of pathsIn(await imethod(broker.url, 'EnumerateInstanceNames', ns, p.className('ClassName', other.referenceClass!)))) {
          const links = pathsIn(await imethod(broker.url, 'ReferenceNames', ns, p.instanceName('ObjectName', end.classname,
            Object.fromEntries([...end.keybindings].map(([k, v]) => [k, String(v)]))) + p.className('ResultClass', name) + p.value('Role', other.name)));
          const count = identities(links.map((l) => l.keybindings.get(bounded.name) as CIMInstanceName), ns).length;
          checked++;
          covered.add(`${ns} ${name}.${bounded.name}`);
          if (count < min || count > max) t.fail(`${ns} ${end.classname} ${end.key}: ${count} ${name}.${bounded.name}, expected ${min}..${max}`);
        }
      }
    }
  }
  t.ok(checked > 50, `${checked} objects checked against their associations' bounds`);
  const cimv2 = ['CIM_SystemDevice.GroupComponent', 'CIM_OwningCollectionElement.OwningElement', 'CIM_HostedCollection.Antecedent',
    'CIM_HostedDependency.Antecedent'];
  t.same(cimv2.filter((bound) => !covered.has(`${CIMV2} ${bound}`)), [], 'the hardware model\'s bounds were checked on its instances in root/cimv2');
  const interop = ['CIM_HostedService.Antecedent', 'CIM_NamespaceInManager.Antecedent', 'CIM_HostedAccessPoint.Antecedent',
    'CIM_CommMechanismForManager.Antecedent', 'CIM_CommMechanismForManager.Dependent'];
  t.same(interop.filter((bound) => !covered.has(`${INTEROP} ${bound}`)), [], 'the self-description\'s bounds were checked on its instances in root/interop');
});

t.test('ElementConformsToProfile across namespaces, from root/interop', async (t) => {
  const base = pathOf(INTEROP, 'Thincim_RegisteredProfile', SIM.profile('DSP1004'));
  const conformant = await imethod(broker.url, 'Associators', INTEROP, profile('ObjectName', 'DSP1004') + p.className('AssocClass', 'CIM_ElementConformsToProfile'));
  const [hostSystem, ...more] = instancesIn(conformant);
  t.equal(more.length, 0, 'Base Server has one central instance');
  t.equal(hostSystem?.classname, 'Thincim_ComputerSystem', 'the host system');
  t.equal(hostSystem?.path?.namespace, CIMV2, 'its path names root/cimv2');
  t.equal(hostSystem?.path?.host, host, 'and this host');
  t.match(conformant.raw.text, /<NAMESPACE NAME="root"\/><NAMESPACE NAME="cimv2"\/><\/LOCALNAMESPACEPATH><\/NAMESPACEPATH><INSTANCENAME CLASSNAME="Thincim_ComputerSystem">/,
    'the INSTANCEPATH carries root/cimv2');

  const fans = pathsIn(await imethod(broker.url, 'AssociatorNames', INTEROP, profile('ObjectName', 'DSP1013') + p.className('ResultClass', 'OMC_Fan')));
  t.same(identities(fans, INTEROP), identities(broker.broker.state.index.byClass(CIMV2, 'OMC_Fan').map((i) => i.path!.withLocation(CIMV2)), INTEROP),
    'the Fan profile\'s central instances: every fan, in root/cimv2 (the ESXi client query)');

  const associations = instancesIn(await imethod(broker.url, 'References', INTEROP, profile('ObjectName', 'DSP1004')));
  const conforms = associations.filter((a) => isa(INTEROP, a.classname, 'CIM_ElementConformsToProfile'));
  t.equal(conforms.length, 1, 'References: one ElementConformsToProfile');
  const element = conforms[0]!.get('ManagedElement') as CIMInstanceName;
  const standard = conforms[0]!.get('ConformantStandard') as CIMInstanceName;
  t.equal(element.namespace, CIMV2, 'ManagedElement carries root/cimv2');
  t.ok(pointsTo(standard, base, INTEROP), 'ConformantStandard is the profile');
  t.equal(conforms[0]!.path?.namespace, INTEROP, 'the association is the one of root/interop');

  const referencing = pathsIn(await imethod(broker.url, 'AssociatorNames', INTEROP, profile('ObjectName', 'DSP1013') +
    p.className('AssocClass', 'CIM_ReferencedProfile') + p.value('ResultRole', 'Dependent')));
  t.same(identities(referencing, INTEROP), [identity(base, INTEROP)], 'ReferencedProfile, DMTF direction: Fan (Antecedent) is referenced by Base Server (Dependent)');
});

t.test('ElementConformsToProfile across namespaces, from root/cimv2', async (t) => {
  const profiles = instancesIn(await imethod(broker.url, 'Associators', CIMV2, system('ObjectName') + p.className('AssocClass', 'CIM_ElementConformsToProfile')));
  t.same(profiles.map((i) => `${i.path?.namespace}:${String(i.get('RegisteredName'))}`), [`${INTEROP}:Base Server`], 'the system conforms to Base Server, in root/interop');
  t.equal(profiles[0]?.path?.host, host);

  const fanProfiles = instancesIn(await imethod(broker.url, 'Associators', CIMV2, fan('ObjectName') + p.className('ResultClass', 'CIM_RegisteredProfile')));
  t.same(fanProfiles.map((i) => i.get('RegisteredName')), ['Fan'], 'a fan conforms to the Fan profile');

  const references = instancesIn(await imethod(broker.url, 'References', CIMV2, fan('ObjectName') + p.className('ResultClass', 'CIM_ElementConformsToProfile')));
  t.equal(references.length, 1, 'one ElementConformsToProfile references the fan');
  t.equal(references[0]?.path?.namespace, CIMV2, 'the copy instantiated in root/cimv2');
  t.equal((references[0]?.get('ConformantStandard') as CIMInstanceName | undefined)?.namespace, INTEROP, 'its ConformantStandard carries root/interop');

  const viaAlias = pathsIn(await imethod(broker.url, 'AssociatorNames', 'interop', profile('ObjectName', 'DSP1004')));
  const viaName = pathsIn(await imethod(broker.url, 'AssociatorNames', INTEROP, profile('ObjectName', 'DSP1004')));
  t.same(identities(viaAlias, INTEROP), identities(viaName, INTEROP), 'the "interop" alias answers the same');
});

t.test('class ObjectName: schema-level traversal with CLASSPATHs', async (t) => {
  const classesIn = (items: readonly ReturnItem[]) => items.map((i) => {
    if (i.kind !== 'class') throw new Error(`a ${i.kind} where a class was expected`);
    return i;
  });
  const fanClass = p.className('ObjectName', 'CIM_Fan');
  const others = classesIn(returned(await imethod(broker.url, 'Associators', CIMV2, fanClass + p.className('AssocClass', 'CIM_SystemDevice'))));
  t.same(others.map((c) => c.cls.classname), ['CIM_System'], 'through CIM_SystemDevice a CIM_Fan is a part of a CIM_System');
  t.ok(others.every((c) => c.path?.host === host && c.path?.namespace === CIMV2), 'each with a CLASSPATH of this host and namespace');

  const all = classesIn(returned(await imethod(broker.url, 'Associators', CIMV2, fanClass)));
  const allNames = all.map((c) => c.cls.classname);
  t.ok(allNames.includes('CIM_System') && allNames.includes('CIM_Sensor'), 'CIM_System (SystemDevice) and CIM_Sensor (AssociatedSensor) among them');
  t.equal(new Set(allNames.map((n) => n.toLowerCase())).size, allNames.length, 'each class once');
  const names = returned(await imethod(broker.url, 'AssociatorNames', CIMV2, fanClass));
  t.same(names.map((n) => (n.kind === 'classpath' ? n.path.classname : n.kind)).sort(), [...allNames].sort(), 'AssociatorNames: the same as CLASSPATHs');
  t.ok(names.every((n) => n.kind === 'classpath' && n.path.host === host), 'with HOST');

  const references = classesIn(returned(await imethod(broker.url, 'References', CIMV2, fanClass)));
  const referenceNames = references.map((c) => c.cls.classname);
  t.ok(referenceNames.includes('CIM_SystemDevice') && referenceNames.includes('Thincim_SystemDevice'), 'References: the association classes, subclasses too');
  t.ok(references.every((c) => repository.getClass(CIMV2, c.cls.classname)?.isAssociation), 'only association classes');
  const referencePaths = returned(await imethod(broker.url, 'ReferenceNames', CIMV2, fanClass));
  t.same(referencePaths.map((n) => (n.kind === 'classpath' ? n.path.classname : n.kind)).sort(), [...referenceNames].sort(), 'ReferenceNames: their CLASSPATHs');
  t.ok(referencePaths.every((n) => n.kind === 'classpath' && n.path instanceof CIMClassName && n.path.namespace === CIMV2), 'in root/cimv2');

  const role = classesIn(returned(await imethod(broker.url, 'Associators', CIMV2, fanClass + p.className('AssocClass', 'CIM_SystemDevice') + p.value('Role', 'GroupComponent'))));
  t.same(role, [], 'Role GroupComponent: a fan is no CIM_System');
  const resultRole = classesIn(returned(await imethod(broker.url, 'Associators', CIMV2, fanClass + p.className('AssocClass', 'CIM_SystemDevice') + p.value('ResultRole', 'GroupComponent'))));
  t.same(resultRole.map((c) => c.cls.classname), ['CIM_System'], 'ResultRole GroupComponent: the system end');
});

t.test('class ObjectName: qualifiers and class origin off by default, PropertyList applied', async (t) => {
  const params = p.className('ObjectName', 'CIM_Fan') + p.className('AssocClass', 'CIM_SystemDevice');
  const plain = await imethod(broker.url, 'Associators', CIMV2, params);
  t.notMatch(plain.raw.text, /<QUALIFIER/, 'IncludeQualifiers defaults to false');
  t.notMatch(plain.raw.text, /CLASSORIGIN=/, 'IncludeClassOrigin defaults to false');
  const full = returned(await imethod(broker.url, 'Associators', CIMV2, params + flag('IncludeQualifiers', true) + flag('IncludeClassOrigin', true)));
  const cls = full[0]?.kind === 'class' ? full[0].cls : undefined;
  t.ok(cls && cls.qualifiers.size > 0, 'IncludeQualifiers=true: class qualifiers');
  t.ok(cls && [...cls.properties.values()].every((x) => x.classOrigin !== undefined), 'IncludeClassOrigin=true: CLASSORIGIN');
  const schema: CIMClass = repository.getClass(CIMV2, 'CIM_System')!;
  t.same(cls && [...cls.properties.keys()].sort(), [...schema.properties.keys()].sort(), 'every property, inherited ones too');
  const listed = returned(await imethod(broker.url, 'Associators', CIMV2, params + p.array('PropertyList', ['name', 'ElementName'])));
  t.same(listed[0]?.kind === 'class' ? [...listed[0].cls.properties.keys()].sort() : [], ['ElementName', 'Name'], 'PropertyList: the listed properties');
});

t.test('association operation errors', async (t) => {
  const cases: [string, string, string, number, RegExp][] = [
    ['Associators', CIMV2, '', 4, /ObjectName/],
    ['AssociatorNames', CIMV2, p.value('ObjectName', 'CIM_Fan'), 4, /ObjectName/],
    ['References', CIMV2, p.instanceName('ObjectName', 'OMC_Fan', SIM.device('OMC_Fan', 'fan99')), 6, /fan99/],
    ['ReferenceNames', CIMV2, p.instanceName('ObjectName', 'No_Such', SIM.system), 5, /No_Such/],
    ['Associators', CIMV2, p.className('ObjectName', 'No_Such'), 5, /No_Such/],
    ['Associators', CIMV2, system('ObjectName') + p.className('AssocClass', 'No_Such'), 4, /AssocClass/],
    ['AssociatorNames', CIMV2, system('ObjectName') + p.className('ResultClass', 'No_Such'), 4, /ResultClass/],
    ['References', CIMV2, system('ObjectName') + p.className('ResultClass', 'No_Such'), 4, /ResultClass/],
    ['Associators', CIMV2, system('ObjectName') + p.className('Role', 'GroupComponent'), 4, /Role/],
    ['References', CIMV2, system('ObjectName') + p.className('AssocClass', 'CIM_SystemDevice'), 4, /AssocClass/],
    ['Associators', 'root/nowhere', system('ObjectName'), 3, /root\/nowhere/],
    ['Associators', INTEROP, system('ObjectName'), 6, /root\/interop/],
  ];
  for (const [operation, ns, params, code, description] of cases) {
    const error = await imethodError(broker.url, operation, ns, params);
    t.equal(error.code, code, `${operation} ${ns} ${params.slice(0, 80)}: ${code}`);
    t.match(error.description, description, 'the description names the culprit');
  }
});
