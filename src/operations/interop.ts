/**
 * The broker's self-description in the interop namespace (DSP1033 §7, profiles
 * reference §10): one CIM_ObjectManager, a CIM_Namespace per namespace, a
 * CIM_CIMXMLCommunicationMechanism per listener, and the associations between
 * them (NamespaceInManager, CommMechanismForManager) and to the host system
 * (HostedService, HostedAccessPoint).
 */
import { CIMInstanceName } from '../cim/index.js';
import { CIMV2_NAMESPACE, INTEROP_NAMESPACE, ModelClass } from '../model/classes.js';
import { InstanceDraft, inNamespace } from '../model/instance-draft.js';
import type { ModelEntry } from '../model/input.js';

export const InteropClass = {
  ObjectManager: 'Thincim_ObjectManager',
  Namespace: 'Thincim_Namespace',
  CommunicationMechanism: 'Thincim_CIMXMLCommunicationMechanism',
  NamespaceInManager: 'Thincim_NamespaceInManager',
  HostedService: 'Thincim_HostedService',
  HostedAccessPoint: 'Thincim_HostedAccessPoint',
  CommMechanismForManager: 'Thincim_CommMechanismForManager',
} as const;

export interface Listener {
  scheme: 'http' | 'https';
  port: number;
  /** Whether the listener asks for credentials. */
  authenticated: boolean;
}

export interface ServerIdentity {
  hostname: string;
  version: string;
  namespaces: readonly string[];
  listeners: readonly Listener[];
}

/**
 * FunctionalProfilesSupported: the DSP0200 operation groups the broker answers
 * (CIM_ObjectManagerCommunicationMechanism's ValueMap): reads, SetProperty
 * (Basic Write: sensor thresholds), Create/Modify/DeleteInstance (Instance
 * Manipulation: subscriptions, thresholds), traversal, queries, indications
 * (subscriptions and their delivery) and the pulls. Not Schema Manipulation:
 * the schema comes from MOF; nor Qualifier Declaration, which needs it
 * (DSP0200's dependencies: SetQualifier and DeleteQualifier are refused,
 * though qualifier declarations are read; sfcb lists neither). Who may write
 * is the access check's business, not the mechanism's.
 */
const FUNCTIONAL_PROFILES = [2, 3, 5, 6, 7, 9, 10, 11, 12];
const FUNCTIONAL_PROFILE_NAMES = [
  'Basic Read', 'Basic Write', 'Instance Manipulation', 'Association Traversal', 'Query Execution', 'Indications',
  'Pulled Read', 'Pulled Read Count', 'Pulled Query Execution',
];

export function interopInstances(server: ServerIdentity): ModelEntry[] {
  const manager = objectManager(server);
  const namespaces = server.namespaces.map((ns) => namespaceInstance(server, ns));
  const mechanisms = server.listeners.map((l) => mechanism(server, l));
  const managerPath = manager.path!;
  const inManager = namespaces.map((ns) => association(InteropClass.NamespaceInManager, 'Antecedent', managerPath, 'Dependent', ns.path!));
  // CIM_CommMechanismForManager: each mechanism reaches exactly one manager, the manager at least one mechanism (Min(1) both ends).
  const reachedBy = mechanisms.map((m) => association(InteropClass.CommMechanismForManager, 'Antecedent', managerPath, 'Dependent', m.path!));
  return [
    ...[manager, ...namespaces, ...mechanisms, ...inManager, ...reachedBy].map((instance) => ({ namespace: INTEROP_NAMESPACE, instance })),
    ...hostedServiceEntries(server.hostname, managerPath),
    // CIM_HostedAccessPoint.Antecedent is Min(1) Max(1): every access point is provided by exactly one system.
    ...mechanisms.flatMap((m) => hostedEntries(InteropClass.HostedAccessPoint, server.hostname, m.path!)),
  ];
}

/**
 * The CIM_HostedService of a service of the broker in root/interop: every
 * CIM_Service is hosted by exactly one system (Antecedent Min(1) Max(1)).
 * The host system lives in root/cimv2: like ElementConformsToProfile, the
 * association crosses namespaces and is instantiated in both (profiles §4.2).
 */
export function hostedServiceEntries(hostname: string, service: CIMInstanceName): ModelEntry[] {
  return hostedEntries(InteropClass.HostedService, hostname, service);
}

/** A hosting association (CIM_HostedDependency) from the host system in root/cimv2 to an element in root/interop, in both namespaces. */
function hostedEntries(classname: string, hostname: string, hosted: CIMInstanceName): ModelEntry[] {
  const link = association(classname, 'Antecedent', systemPath(hostname), 'Dependent', hosted);
  return [{ namespace: INTEROP_NAMESPACE, instance: link }, { namespace: CIMV2_NAMESPACE, instance: inNamespace(link, CIMV2_NAMESPACE) }];
}

function systemPath(hostname: string): CIMInstanceName {
  return new CIMInstanceName({
    classname: ModelClass.ComputerSystem,
    keybindings: { CreationClassName: ModelClass.ComputerSystem, Name: hostname },
    namespace: CIMV2_NAMESPACE,
  });
}

function scoped(server: ServerIdentity, classname: string): InstanceDraft {
  return new InstanceDraft(INTEROP_NAMESPACE, classname)
    .key('SystemCreationClassName', 'string', ModelClass.ComputerSystem)
    .key('SystemName', 'string', server.hostname)
    .key('CreationClassName', 'string', classname);
}

function objectManager(server: ServerIdentity) {
  return scoped(server, InteropClass.ObjectManager)
    .key('Name', 'string', `thincim:${server.hostname}`)
    .set('ElementName', 'string', 'thincim')
    // pywbem's WBEMServer reads a generic server's version from "… version <v>" at the end of this text.
    .set('Description', 'string', `thincim, a thin CIM/WBEM hardware-health agent, version ${server.version}`)
    .set('EnabledState', 'uint16', 2)
    .set('RequestedState', 'uint16', 12)
    .set('HealthState', 'uint16', 5)
    .setArray('OperationalStatus', 'uint16', [2])
    .set('Started', 'boolean', true)
    .set('GatherStatisticalData', 'boolean', false)
    .build();
}

function namespaceInstance(server: ServerIdentity, ns: string) {
  return scoped(server, InteropClass.Namespace)
    .key('ObjectManagerCreationClassName', 'string', InteropClass.ObjectManager)
    .key('ObjectManagerName', 'string', `thincim:${server.hostname}`)
    .key('Name', 'string', ns)
    .set('ElementName', 'string', ns)
    .set('ClassInfo', 'uint16', 0)
    .set('ClassType', 'uint16', 2)
    .set('ClassTypeVersion', 'string', '2.49.0')
    .build();
}

function mechanism(server: ServerIdentity, listener: Listener) {
  return scoped(server, InteropClass.CommunicationMechanism)
    .key('Name', 'string', `${listener.scheme}://${server.hostname}:${listener.port}`)
    .set('ElementName', 'string', `CIM-XML over ${listener.scheme.toUpperCase()} on port ${listener.port}`)
    .set('CommunicationMechanism', 'uint16', 2)
    .setArray('FunctionalProfilesSupported', 'uint16', FUNCTIONAL_PROFILES)
    .setArray('FunctionalProfileDescriptions', 'string', FUNCTIONAL_PROFILE_NAMES)
    .set('MultipleOperationsSupported', 'boolean', false)
    .setArray('AuthenticationMechanismsSupported', 'uint16', [listener.authenticated ? 3 : 2])
    .set('Version', 'string', '1.0')
    .set('CIMXMLProtocolVersion', 'uint16', 1)
    .set('CIMValidated', 'boolean', false)
    .setArray('AdvertiseTypes', 'uint16', [2])
    .set('EnabledState', 'uint16', 2)
    .set('RequestedState', 'uint16', 12)
    .setArray('OperationalStatus', 'uint16', [2])
    .build();
}

function association(classname: string, fromRole: string, from: CIMInstanceName, toRole: string, to: CIMInstanceName) {
  return new InstanceDraft(INTEROP_NAMESPACE, classname)
    .key(fromRole, 'reference', from)
    .key(toRole, 'reference', to)
    .build();
}
