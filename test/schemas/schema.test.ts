import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import type { CIMClass, CIMQualifier, NocaseMap } from '../../src/cim/index.js';
import { readCache } from '../../src/repository/cache.js';
import { loadRepository, type Repository } from '../../src/repository/index.js';

// The project's schema as the server loads it, checked against the DMTF CIM Schema 2.49.0
// (expected values are copied from the DMTF class files) and the class naming contract.

const schemasDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');
const repo = await loadRepository({ projectSchemaDir: schemasDir, cacheDir: false });
const NAMESPACES = ['root/cimv2', 'root/interop'];

function getClass(ns: string, name: string): CIMClass {
  const cls = repo.getClass(ns, name);
  if (!cls) throw new Error(`${name} is missing from ${ns}`);
  return cls;
}

const cimv2 = (name: string) => getClass('root/cimv2', name);

const DEVICE = ['SystemCreationClassName', 'SystemName', 'CreationClassName', 'DeviceID'];
const PHYSICAL = ['Tag', 'CreationClassName'];
const INSTANCE_ID = ['InstanceID'];
const HOSTED = ['SystemCreationClassName', 'SystemName', 'CreationClassName', 'Name'];
const DEPENDENCY = ['Antecedent', 'Dependent'];
const COMPONENT = ['GroupComponent', 'PartComponent'];
const LOG_RECORD = ['LogCreationClassName', 'LogName', 'CreationClassName', 'RecordID', 'MessageTimestamp'];
const NAMESPACE = [
  'SystemCreationClassName', 'SystemName', 'ObjectManagerCreationClassName', 'ObjectManagerName', 'CreationClassName', 'Name',
];
const NO_KEYS: string[] = [];

/** [class, superclass, keys (in any order)]: every class the assignment names, in both namespaces. */
const CLASSES: [string, string | undefined, string[]][] = [
  ['CIM_ManagedElement', undefined, NO_KEYS],
  ['CIM_ManagedSystemElement', 'CIM_ManagedElement', NO_KEYS],
  ['CIM_LogicalElement', 'CIM_ManagedSystemElement', NO_KEYS],
  ['CIM_EnabledLogicalElement', 'CIM_LogicalElement', NO_KEYS],
  ['CIM_AllocatedLogicalElement', 'CIM_EnabledLogicalElement', NO_KEYS],
  ['CIM_LogicalDevice', 'CIM_AllocatedLogicalElement', DEVICE],
  ['CIM_Sensor', 'CIM_LogicalDevice', DEVICE],
  ['CIM_NumericSensor', 'CIM_Sensor', DEVICE],
  ['CIM_Fan', 'CIM_CoolingDevice', DEVICE],
  ['CIM_PowerSupply', 'CIM_PowerSource', DEVICE],
  ['CIM_Battery', 'CIM_LogicalDevice', DEVICE],
  ['CIM_Processor', 'CIM_LogicalDevice', DEVICE],
  ['CIM_Memory', 'CIM_StorageExtent', DEVICE],
  ['CIM_ComputerSystem', 'CIM_System', ['CreationClassName', 'Name']],
  ['CIM_Chassis', 'CIM_PhysicalFrame', PHYSICAL],
  ['CIM_Card', 'CIM_PhysicalPackage', PHYSICAL],
  ['CIM_PhysicalPackage', 'CIM_PhysicalElement', PHYSICAL],
  ['CIM_SoftwareIdentity', 'CIM_LogicalElement', INSTANCE_ID],
  ['CIM_RecordLog', 'CIM_Log', INSTANCE_ID],
  ['CIM_LogRecord', 'CIM_RecordForLog', LOG_RECORD],
  ['CIM_RedundancySet', 'CIM_SystemSpecificCollection', INSTANCE_ID],
  ['CIM_SystemDevice', 'CIM_SystemComponent', COMPONENT],
  ['CIM_AssociatedSensor', 'CIM_Dependency', DEPENDENCY],
  ['CIM_Realizes', 'CIM_Dependency', DEPENDENCY],
  ['CIM_ComputerSystemPackage', 'CIM_SystemPackaging', DEPENDENCY],
  ['CIM_Container', 'CIM_Component', COMPONENT],
  ['CIM_MemberOfCollection', undefined, ['Collection', 'Member']],
  ['CIM_ElementSoftwareIdentity', 'CIM_Dependency', DEPENDENCY],
  ['CIM_UseOfLog', 'CIM_Dependency', DEPENDENCY],
  ['CIM_LogManagesRecord', undefined, ['Log', 'Record']],
  ['CIM_RegisteredProfile', 'CIM_RegisteredSpecification', INSTANCE_ID],
  ['CIM_ReferencedProfile', 'CIM_ReferencedSpecification', DEPENDENCY],
  ['CIM_ElementConformsToProfile', undefined, ['ConformantStandard', 'ManagedElement']],
  ['CIM_ObjectManager', 'CIM_WBEMService', HOSTED],
  ['CIM_Namespace', 'CIM_ManagedElement', NAMESPACE],
  ['CIM_CIMXMLCommunicationMechanism', 'CIM_ObjectManagerCommunicationMechanism', HOSTED],
  ['CIM_HostedService', 'CIM_HostedDependency', DEPENDENCY],
  ['CIM_NamespaceInManager', 'CIM_HostedDependency', DEPENDENCY],
  ['CIM_HostedAccessPoint', 'CIM_HostedDependency', DEPENDENCY],
  ['CIM_HostedCollection', 'CIM_HostedDependency', DEPENDENCY],
  ['CIM_ServiceAccessBySAP', 'CIM_Dependency', DEPENDENCY],
  ['CIM_CommMechanismForManager', 'CIM_ServiceAccessBySAP', DEPENDENCY],
  ['CIM_IndicationFilter', 'CIM_ManagedElement', HOSTED],
  ['CIM_ListenerDestinationCIMXML', 'CIM_ListenerDestination', HOSTED],
  ['CIM_IndicationSubscription', 'CIM_AbstractIndicationSubscription', ['Filter', 'Handler']],
  ['CIM_IndicationService', 'CIM_Service', HOSTED],
  ['CIM_IndicationServiceCapabilities', 'CIM_Capabilities', INSTANCE_ID],
  ['CIM_Indication', undefined, NO_KEYS],
  ['CIM_ProcessIndication', 'CIM_Indication', NO_KEYS],
  ['CIM_AlertIndication', 'CIM_ProcessIndication', NO_KEYS],
  ['CIM_ThresholdIndication', 'CIM_AlertIndication', NO_KEYS],
  ['CIM_InstIndication', 'CIM_Indication', NO_KEYS],
  ['CIM_InstModification', 'CIM_InstIndication', NO_KEYS],
  ['CIM_InstCreation', 'CIM_InstIndication', NO_KEYS],
  ['CIM_InstDeletion', 'CIM_InstIndication', NO_KEYS],
  ['CIM_Error', undefined, NO_KEYS],
  ['CIM_StorageExtent', 'CIM_LogicalDevice', DEVICE],
  ['CIM_Controller', 'CIM_LogicalDevice', DEVICE],
  ['CIM_StorageVolume', 'CIM_StorageExtent', DEVICE],
  ['CIM_LogicalPort', 'CIM_LogicalDevice', DEVICE],
  ['Thincim_ComputerSystem', 'CIM_ComputerSystem', ['CreationClassName', 'Name']],
  ['Thincim_Chassis', 'CIM_Chassis', PHYSICAL],
  ['Thincim_Card', 'CIM_Card', PHYSICAL],
  ['Thincim_PhysicalPackage', 'CIM_PhysicalPackage', PHYSICAL],
  ['Thincim_NumericSensor', 'CIM_NumericSensor', DEVICE],
  ['Thincim_Processor', 'CIM_Processor', DEVICE],
  ['Thincim_Memory', 'CIM_Memory', DEVICE],
  ['Thincim_Battery', 'CIM_Battery', DEVICE],
  ['Thincim_RedundancySet', 'CIM_RedundancySet', INSTANCE_ID],
  ['CIM_EnabledLogicalElementCapabilities', 'CIM_Capabilities', INSTANCE_ID],
  ['Thincim_EnabledLogicalElementCapabilities', 'CIM_EnabledLogicalElementCapabilities', INSTANCE_ID],
  ['Thincim_RecordLog', 'CIM_RecordLog', INSTANCE_ID],
  ['Thincim_LogRecord', 'CIM_LogRecord', LOG_RECORD],
  ['Thincim_SystemDevice', 'CIM_SystemDevice', COMPONENT],
  ['Thincim_AssociatedSensor', 'CIM_AssociatedSensor', DEPENDENCY],
  ['Thincim_Realizes', 'CIM_Realizes', DEPENDENCY],
  ['Thincim_ComputerSystemPackage', 'CIM_ComputerSystemPackage', DEPENDENCY],
  ['Thincim_Container', 'CIM_Container', COMPONENT],
  ['Thincim_MemberOfCollection', 'CIM_MemberOfCollection', ['Collection', 'Member']],
  ['CIM_OwningCollectionElement', undefined, ['OwningElement', 'OwnedElement']],
  ['Thincim_OwningCollectionElement', 'CIM_OwningCollectionElement', ['OwningElement', 'OwnedElement']],
  ['Thincim_HostedCollection', 'CIM_HostedCollection', DEPENDENCY],
  ['Thincim_ElementSoftwareIdentity', 'CIM_ElementSoftwareIdentity', DEPENDENCY],
  ['Thincim_UseOfLog', 'CIM_UseOfLog', DEPENDENCY],
  ['Thincim_LogManagesRecord', 'CIM_LogManagesRecord', ['Log', 'Record']],
  ['Thincim_RegisteredProfile', 'CIM_RegisteredProfile', INSTANCE_ID],
  ['Thincim_ReferencedProfile', 'CIM_ReferencedProfile', DEPENDENCY],
  ['Thincim_ElementConformsToProfile', 'CIM_ElementConformsToProfile', ['ConformantStandard', 'ManagedElement']],
  ['Thincim_ObjectManager', 'CIM_ObjectManager', HOSTED],
  ['Thincim_Namespace', 'CIM_Namespace', NAMESPACE],
  ['Thincim_CIMXMLCommunicationMechanism', 'CIM_CIMXMLCommunicationMechanism', HOSTED],
  ['Thincim_HostedService', 'CIM_HostedService', DEPENDENCY],
  ['Thincim_NamespaceInManager', 'CIM_NamespaceInManager', DEPENDENCY],
  ['Thincim_HostedAccessPoint', 'CIM_HostedAccessPoint', DEPENDENCY],
  ['Thincim_CommMechanismForManager', 'CIM_CommMechanismForManager', DEPENDENCY],
  ['Thincim_IndicationService', 'CIM_IndicationService', HOSTED],
  ['Thincim_IndicationServiceCapabilities', 'CIM_IndicationServiceCapabilities', INSTANCE_ID],
  ['Thincim_ElementCapabilities', 'CIM_ElementCapabilities', ['ManagedElement', 'Capabilities']],
  ['Thincim_AlertIndication', 'CIM_AlertIndication', NO_KEYS],
  ['Thincim_ThresholdIndication', 'CIM_ThresholdIndication', NO_KEYS],
  ['OMC_SMASHFirmwareIdentity', 'CIM_SoftwareIdentity', INSTANCE_ID],
  ['OMC_DiscreteSensor', 'CIM_Sensor', DEVICE],
  ['OMC_Fan', 'CIM_Fan', DEVICE],
  ['OMC_PowerSupply', 'CIM_PowerSupply', DEVICE],
  ['VMware_StorageExtent', 'CIM_StorageExtent', DEVICE],
  ['VMware_Controller', 'CIM_Controller', DEVICE],
  ['VMware_StorageVolume', 'CIM_StorageVolume', DEVICE],
  ['VMware_Battery', 'CIM_Battery', DEVICE],
  ['VMware_SASSATAPort', 'CIM_LogicalPort', DEVICE],
];

const VENDOR_CLASSES = CLASSES.map(([name]) => name).filter((name) => !name.startsWith('CIM_'));

const ASSOCIATIONS = [
  'CIM_SystemDevice', 'CIM_AssociatedSensor', 'CIM_Realizes', 'CIM_ComputerSystemPackage', 'CIM_Container',
  'CIM_MemberOfCollection', 'CIM_ElementSoftwareIdentity', 'CIM_UseOfLog', 'CIM_LogManagesRecord', 'CIM_ReferencedProfile',
  'CIM_ElementConformsToProfile', 'CIM_HostedService', 'CIM_NamespaceInManager', 'CIM_IndicationSubscription',
  'CIM_HostedAccessPoint', 'CIM_ServiceAccessBySAP', 'CIM_CommMechanismForManager', 'CIM_OwningCollectionElement',
  'CIM_HostedCollection', 'Thincim_HostedCollection',
  'Thincim_SystemDevice', 'Thincim_AssociatedSensor', 'Thincim_Realizes', 'Thincim_ComputerSystemPackage',
  'Thincim_Container', 'Thincim_MemberOfCollection', 'Thincim_OwningCollectionElement', 'Thincim_ElementSoftwareIdentity', 'Thincim_UseOfLog',
  'Thincim_LogManagesRecord', 'Thincim_ReferencedProfile', 'Thincim_ElementConformsToProfile', 'Thincim_HostedService',
  'Thincim_NamespaceInManager', 'Thincim_HostedAccessPoint', 'Thincim_CommMechanismForManager',
];

const INDICATIONS = [
  'CIM_Indication', 'CIM_ProcessIndication', 'CIM_AlertIndication', 'CIM_ThresholdIndication', 'CIM_InstIndication',
  'CIM_InstModification', 'CIM_InstCreation', 'CIM_InstDeletion', 'Thincim_AlertIndication', 'Thincim_ThresholdIndication',
];

/** The classes the model, the broker and subscribers instantiate as they are. */
const CONCRETE = [
  ...VENDOR_CLASSES, 'CIM_IndicationFilter', 'CIM_ListenerDestinationCIMXML', 'CIM_IndicationSubscription',
  'CIM_InstModification', 'CIM_InstCreation', 'CIM_InstDeletion',
];

const ABSTRACT = [
  'CIM_ManagedElement', 'CIM_ManagedSystemElement', 'CIM_LogicalElement', 'CIM_EnabledLogicalElement',
  'CIM_LogicalDevice', 'CIM_PhysicalElement', 'CIM_Indication', 'CIM_ProcessIndication', 'CIM_InstIndication',
  'CIM_Controller', 'CIM_Dependency', 'CIM_Component', 'CIM_Capabilities',
];

function qualifier(quals: NocaseMap<CIMQualifier>, name: string): unknown {
  return quals.get(name)?.value;
}

t.test('the schema loads into both namespaces with the same classes', async (t) => {
  t.same(repo.namespaces().sort(), NAMESPACES);
  const names = repo.classNames('root/cimv2');
  t.equal(names.length, 138, '91 DMTF classes, 38 Thincim_, 4 OMC_, 5 VMware_');
  t.same(repo.classNames('root/interop'), names);
  t.equal(names.filter((n) => n.startsWith('CIM_')).length, 91);
  for (const ns of NAMESPACES) t.equal(repo.qualifierDeclarations(ns).size, 56, `${ns}: DSP0004 meta and standard qualifiers`);
});

t.test('every named class exists with its superclass and keys', async (t) => {
  for (const ns of NAMESPACES) {
    for (const [name, superclass, keys] of CLASSES) {
      const cls = getClass(ns, name);
      t.equal(cls.classname, name, `${ns}:${name} keeps its case`);
      t.equal(cls.superclass, superclass, `${ns}:${name} superclass`);
      t.same(cls.keyNames.sort(), [...keys].sort(), `${ns}:${name} keys`);
    }
  }
});

t.test('superclass chains follow the DMTF schema', async (t) => {
  t.same(repo.superclassChain('root/cimv2', 'Thincim_NumericSensor'), [
    'Thincim_NumericSensor', 'CIM_NumericSensor', 'CIM_Sensor', 'CIM_LogicalDevice', 'CIM_AllocatedLogicalElement',
    'CIM_EnabledLogicalElement', 'CIM_LogicalElement', 'CIM_ManagedSystemElement', 'CIM_ManagedElement',
  ]);
  t.same(repo.superclassChain('root/cimv2', 'Thincim_Chassis'), [
    'Thincim_Chassis', 'CIM_Chassis', 'CIM_PhysicalFrame', 'CIM_PhysicalPackage', 'CIM_PhysicalElement',
    'CIM_ManagedSystemElement', 'CIM_ManagedElement',
  ]);
  t.same(repo.superclassChain('root/interop', 'Thincim_RegisteredProfile'), [
    'Thincim_RegisteredProfile', 'CIM_RegisteredProfile', 'CIM_RegisteredSpecification', 'CIM_ManagedElement',
  ]);
  t.same(repo.superclassChain('root/interop', 'Thincim_ThresholdIndication'), [
    'Thincim_ThresholdIndication', 'CIM_ThresholdIndication', 'CIM_AlertIndication', 'CIM_ProcessIndication',
    'CIM_Indication',
  ]);
  t.same(repo.superclassChain('root/cimv2', 'OMC_Fan'), [
    'OMC_Fan', 'CIM_Fan', 'CIM_CoolingDevice', 'CIM_LogicalDevice', 'CIM_AllocatedLogicalElement',
    'CIM_EnabledLogicalElement', 'CIM_LogicalElement', 'CIM_ManagedSystemElement', 'CIM_ManagedElement',
  ]);
  t.ok(repo.isSubclassOf('root/cimv2', 'Thincim_ComputerSystem', 'CIM_System'));
  t.ok(repo.isSubclassOf('root/cimv2', 'VMware_StorageVolume', 'CIM_StorageExtent'));
  t.notOk(repo.isSubclassOf('root/cimv2', 'OMC_DiscreteSensor', 'CIM_NumericSensor'));
});

t.test('associations, indications and abstract classes are marked as the DMTF marks them', async (t) => {
  for (const name of ASSOCIATIONS) t.ok(cimv2(name).isAssociation, `${name} is an association`);
  for (const name of ['CIM_SystemDevice', 'Thincim_SystemDevice', 'Thincim_Container', 'Thincim_LogManagesRecord']) {
    t.equal(qualifier(cimv2(name).qualifiers, 'Aggregation'), true, `${name} is an aggregation`);
  }
  t.equal(qualifier(cimv2('Thincim_SystemDevice').qualifiers, 'Composition'), true);
  t.notOk(cimv2('Thincim_NumericSensor').isAssociation);
  for (const name of INDICATIONS) t.ok(cimv2(name).isIndication, `${name} is an indication`);
  t.notOk(cimv2('CIM_IndicationFilter').isIndication);
  for (const name of ABSTRACT) t.ok(cimv2(name).isAbstract, `${name} is abstract`);
  for (const name of CONCRETE) t.notOk(cimv2(name).isAbstract, `${name} can be instantiated`);
});

t.test('sensor properties and value maps match the DMTF schema', async (t) => {
  const sensor = cimv2('Thincim_NumericSensor');
  const baseUnits = sensor.properties.get('BaseUnits');
  t.equal(baseUnits?.type, 'uint16');
  t.equal(baseUnits?.classOrigin, 'CIM_NumericSensor');
  const valueMap = qualifier(baseUnits!.qualifiers, 'ValueMap') as string[];
  const values = qualifier(baseUnits!.qualifiers, 'Values') as string[];
  t.equal(valueMap.length, 67, 'BaseUnits has 67 entries');
  t.same(valueMap, Array.from({ length: 67 }, (_, i) => String(i)));
  t.equal(values.length, 67);
  t.same([values[0], values[2], values[5], values[6], values[7], values[19], values[65], values[66]],
    ['Unknown', 'Degrees C', 'Volts', 'Amps', 'Watts', 'RPM', 'Percentage', 'Pascals']);

  for (const [name, type] of [['UnitModifier', 'sint32'], ['CurrentReading', 'sint32'], ['LowerThresholdCritical', 'sint32'],
    ['UpperThresholdNonCritical', 'sint32'], ['RateUnits', 'uint16'], ['PollingInterval', 'uint64']] as const) {
    t.equal(sensor.properties.get(name)?.type, type, `${name} is ${type}`);
  }
  t.equal(qualifier(sensor.properties.get('UpperThresholdCritical')!.qualifiers, 'Write'), true);
  const supported = sensor.properties.get('SupportedThresholds');
  t.ok(supported?.isArray);
  t.same(qualifier(supported!.qualifiers, 'Values'), [
    'LowerThresholdNonCritical', 'UpperThresholdNonCritical', 'LowerThresholdCritical', 'UpperThresholdCritical',
    'LowerThresholdFatal', 'UpperThresholdFatal',
  ]);

  const sensorType = cimv2('OMC_DiscreteSensor').properties.get('SensorType')!;
  t.equal(sensorType.classOrigin, 'CIM_Sensor');
  const types = qualifier(sensorType.qualifiers, 'Values') as string[];
  t.same([types[2], types[3], types[4], types[5], types[13]], ['Temperature', 'Voltage', 'Current', 'Tachometer', 'Power Consumption']);
  t.equal(cimv2('OMC_DiscreteSensor').properties.get('PossibleStates')?.isArray, true);

  const deviceId = sensor.properties.get('DeviceID')!;
  t.equal(deviceId.type, 'string');
  t.equal(qualifier(deviceId.qualifiers, 'MaxLen'), 64);
});

t.test('status properties match the DMTF schema', async (t) => {
  const fan = cimv2('OMC_Fan');
  const health = fan.properties.get('HealthState')!;
  t.equal(health.type, 'uint16');
  t.equal(health.classOrigin, 'CIM_ManagedSystemElement');
  t.same(qualifier(health.qualifiers, 'ValueMap'), ['0', '5', '10', '15', '20', '25', '30', '..', '32768..65535']);
  t.same(qualifier(health.qualifiers, 'Values'), [
    'Unknown', 'OK', 'Degraded/Warning', 'Minor failure', 'Major failure', 'Critical failure', 'Non-recoverable error',
    'DMTF Reserved', 'Vendor Specific',
  ]);

  const status = fan.properties.get('OperationalStatus')!;
  t.equal(status.type, 'uint16');
  t.ok(status.isArray);
  t.equal(qualifier(status.qualifiers, 'ArrayType'), 'Indexed');
  const statusMap = qualifier(status.qualifiers, 'ValueMap') as string[];
  const statusValues = qualifier(status.qualifiers, 'Values') as string[];
  t.equal(statusMap.length, 22);
  t.same(statusMap.slice(-2), ['..', '0x8000..']);
  t.same([statusValues[0], statusValues[2], statusValues[3], statusValues[6], statusValues[12]],
    ['Unknown', 'OK', 'Degraded', 'Error', 'No Contact']);

  t.same(qualifier(fan.properties.get('PrimaryStatus')!.qualifiers, 'Values'),
    ['Unknown', 'OK', 'Degraded', 'Error', 'DMTF Reserved', 'Vendor Reserved']);
  const deprecatedStatus = cimv2('CIM_ManagedSystemElement').properties.get('Status')!;
  t.same(qualifier(deprecatedStatus.qualifiers, 'Deprecated'), ['CIM_ManagedSystemElement.OperationalStatus']);
  t.notOk(fan.properties.get('Status')!.qualifiers.has('Deprecated'), 'Deprecated is Restricted: not inherited');
  t.equal(fan.properties.get('EnabledState')?.value, 5, 'EnabledState defaults to 5 (Not Applicable)');
  t.equal(fan.properties.get('RequestedState')?.value, 12, 'RequestedState defaults to 12 (Not Applicable)');
});

t.test('inventory, log and interop properties match the DMTF schema', async (t) => {
  const bios = cimv2('OMC_SMASHFirmwareIdentity');
  t.equal(bios.properties.get('VersionString')?.type, 'string');
  t.equal(bios.properties.get('ReleaseDate')?.type, 'datetime');
  t.equal(bios.properties.get('IsEntity')?.value, false);

  const chassis = cimv2('Thincim_Chassis');
  for (const name of ['Manufacturer', 'Model', 'SerialNumber', 'Tag']) {
    t.equal(qualifier(chassis.properties.get(name)!.qualifiers, 'MaxLen'), 256, `${name} MaxLen 256`);
  }
  t.ok(chassis.properties.get('ChassisPackageType'), 'CIM_Chassis members are inherited');

  const record = cimv2('Thincim_LogRecord');
  t.equal(record.properties.get('MessageTimestamp')?.type, 'datetime');
  t.equal(record.properties.get('RecordData')?.type, 'string');

  const profile = getClass('root/interop', 'Thincim_RegisteredProfile');
  const organization = profile.properties.get('RegisteredOrganization')!;
  t.equal(organization.type, 'uint16');
  t.equal(qualifier(organization.qualifiers, 'Required'), true);
  const orgMap = qualifier(organization.qualifiers, 'ValueMap') as string[];
  const orgValues = qualifier(organization.qualifiers, 'Values') as string[];
  t.equal(orgValues[orgMap.indexOf('2')], 'DMTF');
  t.equal(orgValues[orgMap.indexOf('11')], 'SNIA');
  t.equal(profile.properties.get('RegisteredName')?.type, 'string');
  t.ok(profile.properties.get('AdvertiseTypes')?.isArray);

  const conforms = getClass('root/interop', 'Thincim_ElementConformsToProfile');
  t.equal(conforms.properties.get('ConformantStandard')?.referenceClass, 'CIM_RegisteredProfile');
  t.equal(conforms.properties.get('ManagedElement')?.referenceClass, 'CIM_ManagedElement');

  const mechanism = getClass('root/interop', 'Thincim_CIMXMLCommunicationMechanism');
  t.equal(mechanism.properties.get('CommunicationMechanism')?.value, 2, 'CommunicationMechanism defaults to 2 (CIM-XML)');
  const service = getClass('root/interop', 'Thincim_IndicationService');
  t.equal(service.properties.get('DeliveryRetryAttempts')?.value, 3);
  t.equal(service.properties.get('DeliveryRetryInterval')?.value, 30);

  const filter = getClass('root/interop', 'CIM_IndicationFilter');
  for (const name of ['Query', 'QueryLanguage', 'SourceNamespaces']) t.ok(filter.properties.get(name), `filter has ${name}`);
  const destination = getClass('root/interop', 'CIM_ListenerDestinationCIMXML');
  t.equal(destination.properties.get('Destination')?.type, 'string');
  t.equal(destination.properties.get('Protocol')?.value, 2);
  const subscription = getClass('root/interop', 'CIM_IndicationSubscription');
  t.equal(subscription.properties.get('Filter')?.referenceClass, 'CIM_IndicationFilter');
  t.equal(subscription.properties.get('Handler')?.referenceClass, 'CIM_ListenerDestination');
});

/**
 * The access point's associations as the DMTF declares them (CIM Schema 2.49 Core/CIM_HostedAccessPoint.mof,
 * Core/CIM_ServiceAccessBySAP.mof, Interop/CIM_CommMechanismForManager.mof): [class, reference, class referenced, Min, Max, Weak].
 */
const ACCESS_POINT_REFERENCES: [string, string, string, number | undefined, number | undefined, boolean][] = [
  ['CIM_HostedAccessPoint', 'Antecedent', 'CIM_System', 1, 1, false],
  ['CIM_HostedAccessPoint', 'Dependent', 'CIM_ServiceAccessPoint', undefined, undefined, true],
  ['CIM_ServiceAccessBySAP', 'Antecedent', 'CIM_Service', undefined, undefined, false],
  ['CIM_ServiceAccessBySAP', 'Dependent', 'CIM_ServiceAccessPoint', undefined, undefined, false],
  ['CIM_CommMechanismForManager', 'Antecedent', 'CIM_ObjectManager', 1, 1, false],
  ['CIM_CommMechanismForManager', 'Dependent', 'CIM_ObjectManagerCommunicationMechanism', 1, undefined, false],
];

function checkAccessPointReferences(t: Test, from: Repository, label: string): void {
  for (const ns of NAMESPACES) {
    for (const [classname, name, referenceClass, min, max, weak] of ACCESS_POINT_REFERENCES) {
      const reference = from.getClass(ns, classname)?.properties.get(name);
      const where = `${label} ${ns}:${classname}.${name}`;
      t.equal(reference?.referenceClass, referenceClass, `${where} refers to ${referenceClass}`);
      const bound = (q: string) => (reference?.qualifiers.has(q) ? Number(reference.qualifiers.get(q)!.value) : undefined);
      t.equal(bound('Min'), min, `${where} Min`);
      t.equal(bound('Max'), max, `${where} Max`);
      t.equal(reference?.qualifiers.get('Weak')?.value === true, weak, `${where} Weak`);
    }
    t.same(qualifier(from.getClass(ns, 'CIM_CommMechanismForManager')!.qualifiers, 'Deprecated'), ['No value'], `${label} ${ns}: CommMechanismForManager is deprecated`);
    const subclass = from.getClass(ns, 'Thincim_HostedAccessPoint')!.properties.get('Antecedent')!;
    t.equal(Number(qualifier(subclass.qualifiers, 'Max')), 1, `${label} ${ns}: Thincim_HostedAccessPoint inherits the bounds`);
  }
}

t.test('the access point associations keep their DMTF references and bounds, compiled and from a warm cache', async (t) => {
  checkAccessPointReferences(t, repo, 'compiled');
  const cacheDir = mkdtempSync(join(tmpdir(), 'thincim-schema-'));
  t.teardown(() => rmSync(cacheDir, { recursive: true, force: true }));
  const cold = await loadRepository({ projectSchemaDir: schemasDir, cacheDir, onWarning: (m) => t.fail(m) });
  checkAccessPointReferences(t, cold, 'cold start');
  t.equal(readdirSync(cacheDir).length, 1, 'the cold start wrote the cache');
  const entry = readCache(cacheDir, { roots: [join(schemasDir, 'thincim.mof')], namespaces: NAMESPACES });
  t.ok(entry?.namespaces.every((ns) => ns.classes.has('CIM_CommMechanismForManager') && ns.classes.has('Thincim_HostedAccessPoint')),
    'the cached schema holds the new classes');
  const warm = await loadRepository({ projectSchemaDir: schemasDir, cacheDir });
  checkAccessPointReferences(t, warm, 'warm start');
  t.same(warm.classNames('root/interop'), repo.classNames('root/interop'), 'a warm start serves the same classes');
});

t.test('CIM_HostedCollection keeps its DMTF references and bounds, and Thincim_HostedCollection inherits them', async (t) => {
  // CIM Schema 2.49 Core/CIM_HostedCollection.mof: Antecedent CIM_System Min(1) Max(1), Dependent CIM_SystemSpecificCollection.
  for (const ns of NAMESPACES) {
    for (const classname of ['CIM_HostedCollection', 'Thincim_HostedCollection']) {
      const cls = getClass(ns, classname);
      const antecedent = cls.properties.get('Antecedent')!;
      const dependent = cls.properties.get('Dependent')!;
      t.equal(antecedent.referenceClass, 'CIM_System', `${ns}:${classname}.Antecedent refers to CIM_System`);
      t.same([qualifier(antecedent.qualifiers, 'Min'), qualifier(antecedent.qualifiers, 'Max')].map(Number), [1, 1], `${ns}:${classname}.Antecedent Min(1) Max(1)`);
      t.equal(dependent.referenceClass, 'CIM_SystemSpecificCollection', `${ns}:${classname}.Dependent refers to CIM_SystemSpecificCollection`);
      t.same(['Min', 'Max', 'Weak'].filter((q) => dependent.qualifiers.has(q)), [], `${ns}:${classname}.Dependent unbounded, not weak`);
    }
  }
});

t.test('indication properties match the DMTF schema', async (t) => {
  const creation = getClass('root/interop', 'CIM_InstCreation');
  const source = creation.properties.get('SourceInstance')!;
  t.equal(source.type, 'string');
  t.equal(source.embeddedObject, 'object');
  const threshold = getClass('root/interop', 'Thincim_ThresholdIndication');
  for (const name of ['ThresholdIdentifier', 'ThresholdValue', 'ObservedValue']) {
    t.equal(threshold.properties.get(name)?.type, 'string', `${name} is a string`);
  }
  const severity = threshold.properties.get('PerceivedSeverity')!;
  t.equal(severity.type, 'uint16');
  t.equal(qualifier(severity.qualifiers, 'Required'), true);
  t.ok(threshold.properties.get('AlertType'));
  t.equal(threshold.properties.get('IndicationTime')?.type, 'datetime');
});

t.test('methods keep their DMTF signatures', async (t) => {
  const requestStateChange = cimv2('Thincim_Processor').methods.get('RequestStateChange')!;
  t.equal(requestStateChange.returnType, 'uint32');
  t.equal(requestStateChange.classOrigin, 'CIM_EnabledLogicalElement');
  t.same([...requestStateChange.parameters.values()].map((p) => [p.name, p.type, p.referenceClass]), [
    ['RequestedState', 'uint16', undefined], ['Job', 'reference', 'CIM_ConcreteJob'], ['TimeoutPeriod', 'datetime', undefined],
  ]);
  const job = requestStateChange.parameters.get('Job')!;
  t.equal(qualifier(job.qualifiers, 'In'), false);
  t.equal(qualifier(job.qualifiers, 'Out'), true);

  const getError = cimv2('CIM_ConcreteJob').methods.get('GetError')!;
  const error = getError.parameters.get('Error')!;
  t.equal(error.embeddedObject, 'instance');
  t.equal(qualifier(error.qualifiers, 'EmbeddedInstance'), 'CIM_Error');

  t.same([...cimv2('Thincim_IndicationService').methods.keys()].sort(), ['ChangeAffectedElementsAssignedSequence',
    'RequestStateChange', 'StartService', 'StopService']);
  t.equal(cimv2('OMC_PowerSupply').methods.get('SetPowerState')?.parameters.size, 2);
});

t.test("thincim's and ESXi classes describe themselves and add no members", async (t) => {
  t.equal(VENDOR_CLASSES.length, 47);
  for (const name of VENDOR_CLASSES) {
    const cls = cimv2(name);
    t.equal(qualifier(cls.qualifiers, 'Version'), '0.1.0', `${name} Version`);
    const description = qualifier(cls.qualifiers, 'Description');
    t.ok(typeof description === 'string' && description.length > 0, `${name} has its own Description`);
    const own = [...cls.properties.values(), ...cls.methods.values()].filter((m) => m.classOrigin === name);
    t.same(own.map((m) => m.name), [], `${name} only inherits`);
  }
});

t.test('DMTF classes carry no descriptive qualifiers', async (t) => {
  const descriptive = ['Description', 'MappingStrings', 'ModelCorrespondence', 'UMLPackagePath', 'ClassConstraint'];
  const found: string[] = [];
  const check = (where: string, quals: NocaseMap<CIMQualifier>) => {
    for (const name of descriptive) if (quals.has(name)) found.push(`${where} ${name}`);
  };
  for (const name of repo.classNames('root/cimv2').filter((n) => n.startsWith('CIM_'))) {
    const cls = cimv2(name);
    check(name, cls.qualifiers);
    for (const p of cls.properties.values()) check(`${name}.${p.name}`, p.qualifiers);
    for (const m of cls.methods.values()) {
      check(`${name}.${m.name}`, m.qualifiers);
      for (const p of m.parameters.values()) check(`${name}.${m.name}.${p.name}`, p.qualifiers);
    }
  }
  t.same(found, []);
});

t.test('every class a reference or an EmbeddedInstance names exists', async (t) => {
  const named: string[] = [];
  for (const name of repo.classNames('root/cimv2')) {
    const cls = cimv2(name);
    for (const p of cls.properties.values()) {
      if (p.referenceClass) named.push(p.referenceClass);
      const embedded = qualifier(p.qualifiers, 'EmbeddedInstance');
      if (typeof embedded === 'string') named.push(embedded);
    }
    for (const p of [...cls.methods.values()].flatMap((m) => [...m.parameters.values()])) {
      if (p.referenceClass) named.push(p.referenceClass);
      const embedded = qualifier(p.qualifiers, 'EmbeddedInstance');
      if (typeof embedded === 'string') named.push(embedded);
    }
  }
  t.ok(named.includes('CIM_Error') && named.includes('CIM_ResourceAllocationSettingData'));
  t.same([...new Set(named)].filter((n) => !repo.getClass('root/cimv2', n)), []);
});

t.test('qualifier declarations are the DMTF ones', async (t) => {
  const decls = repo.qualifierDeclarations('root/interop');
  const key = decls.get('Key')!;
  t.equal(key.type, 'boolean');
  t.equal(key.value, false);
  t.same([...key.scopes].sort(), ['property', 'reference']);
  t.same(key.flavors, { overridable: false, tosubclass: true, toinstance: false, translatable: false });

  const abstract = decls.get('Abstract')!;
  t.same([...abstract.scopes].sort(), ['association', 'class', 'indication']);
  t.equal(abstract.flavors.tosubclass, false, 'Abstract is Restricted');

  const values = decls.get('Values')!;
  t.equal(values.type, 'string');
  t.ok(values.isArray);
  t.equal(values.flavors.translatable, true);

  t.equal(decls.get('In')?.value, true);
  t.equal(decls.get('ArrayType')?.value, 'Bag');
  t.equal(decls.get('MaxLen')?.type, 'uint32');
  t.equal(decls.get('MinValue')?.type, 'sint64');
  t.same([...decls.get('Association')!.scopes], ['association']);
  t.equal(decls.get('Description')?.scopes.size, 7, 'Description applies to any element');
  t.equal(decls.get('OctetString')?.name, 'OctetString');
  t.equal(decls.get('Deprecated')?.flavors.tosubclass, false, 'Deprecated is Restricted');
});
