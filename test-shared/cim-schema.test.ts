/**
 * The full DMTF CIM Schema 2.49.0 (../shared/reference/cim-schema) compiles
 * with no error, and sample classes resolve as their MOF files declare them.
 * The expected values below were read from the MOF files themselves
 * (Device/CIM_NumericSensor.mof, Device/CIM_Fan.mof, System/CIM_ComputerSystem.mof,
 * Interop/CIM_RegisteredProfile.mof and their superclasses), not from the compiler.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { CIMClass } from '../src/cim/index.js';
import { compileRepository, formatDiagnostic } from '../src/repository/index.js';

const SCHEMA = fileURLToPath(new URL('../../shared/reference/cim-schema/cim_schema_2.49.0.mof', import.meta.url));
if (!existsSync(SCHEMA)) throw new Error(`the shared reference is missing: ${SCHEMA} is needed`);

const { repository: repo, errors, files } = compileRepository(SCHEMA, { namespaces: ['root/cimv2'] });
const NS = 'root/cimv2';

/** Name, type ([] for arrays, 'Class REF' for references), Key, class origin, ValueMap entry count. */
type Row = [name: string, type: string, key: boolean, origin: string, valueMap?: number];

function rows(cls: CIMClass): Row[] {
  return [...cls.properties.values()].map((p) => {
    const vm = p.qualifiers.get('ValueMap')?.value;
    const type = p.type === 'reference' ? `${p.referenceClass} REF` : `${p.type}${p.isArray ? '[]' : ''}`;
    const row: Row = [p.name, type, p.qualifiers.get('Key')?.value === true, p.classOrigin ?? ''];
    if (Array.isArray(vm)) row.push(vm.length);
    return row;
  });
}

const MANAGED_ELEMENT: Row[] = [
  ['InstanceID', 'string', false, 'CIM_ManagedElement'],
  ['Caption', 'string', false, 'CIM_ManagedElement'],
  ['Description', 'string', false, 'CIM_ManagedElement'],
  ['ElementName', 'string', false, 'CIM_ManagedElement'],
  ['Generation', 'uint64', false, 'CIM_ManagedElement'],
];

const MANAGED_SYSTEM_ELEMENT: Row[] = [
  ['InstallDate', 'datetime', false, 'CIM_ManagedSystemElement'],
  ['Name', 'string', false, 'CIM_ManagedSystemElement'],
  ['OperationalStatus', 'uint16[]', false, 'CIM_ManagedSystemElement', 22],
  ['StatusDescriptions', 'string[]', false, 'CIM_ManagedSystemElement'],
  ['Status', 'string', false, 'CIM_ManagedSystemElement', 13],
  ['HealthState', 'uint16', false, 'CIM_ManagedSystemElement', 9],
  ['CommunicationStatus', 'uint16', false, 'CIM_ManagedSystemElement', 7],
  ['DetailedStatus', 'uint16', false, 'CIM_ManagedSystemElement', 8],
  ['OperatingStatus', 'uint16', false, 'CIM_ManagedSystemElement', 19],
  ['PrimaryStatus', 'uint16', false, 'CIM_ManagedSystemElement', 6],
];

const ENABLED_LOGICAL_ELEMENT: Row[] = [
  ['EnabledState', 'uint16', false, 'CIM_EnabledLogicalElement', 13],
  ['OtherEnabledState', 'string', false, 'CIM_EnabledLogicalElement'],
  ['RequestedState', 'uint16', false, 'CIM_EnabledLogicalElement', 14],
  ['EnabledDefault', 'uint16', false, 'CIM_EnabledLogicalElement', 8],
  ['TimeOfLastStateChange', 'datetime', false, 'CIM_EnabledLogicalElement'],
  ['AvailableRequestedStates', 'uint16[]', false, 'CIM_EnabledLogicalElement', 10],
  ['TransitioningToState', 'uint16', false, 'CIM_EnabledLogicalElement', 13],
  ['AllocationState', 'string', false, 'CIM_AllocatedLogicalElement'],
];

const LOGICAL_DEVICE: Row[] = [
  ...MANAGED_ELEMENT, ...MANAGED_SYSTEM_ELEMENT, ...ENABLED_LOGICAL_ELEMENT,
  ['SystemCreationClassName', 'string', true, 'CIM_LogicalDevice'],
  ['SystemName', 'string', true, 'CIM_LogicalDevice'],
  ['CreationClassName', 'string', true, 'CIM_LogicalDevice'],
  ['DeviceID', 'string', true, 'CIM_LogicalDevice'],
  ['PowerManagementSupported', 'boolean', false, 'CIM_LogicalDevice'],
  ['PowerManagementCapabilities', 'uint16[]', false, 'CIM_LogicalDevice', 8],
  ['Availability', 'uint16', false, 'CIM_LogicalDevice', 21],
  ['StatusInfo', 'uint16', false, 'CIM_LogicalDevice', 5],
  ['LastErrorCode', 'uint32', false, 'CIM_LogicalDevice'],
  ['ErrorDescription', 'string', false, 'CIM_LogicalDevice'],
  ['ErrorCleared', 'boolean', false, 'CIM_LogicalDevice'],
  ['OtherIdentifyingInfo', 'string[]', false, 'CIM_LogicalDevice'],
  ['PowerOnHours', 'uint64', false, 'CIM_LogicalDevice'],
  ['TotalPowerOnHours', 'uint64', false, 'CIM_LogicalDevice'],
  ['IdentifyingDescriptions', 'string[]', false, 'CIM_LogicalDevice'],
  ['AdditionalAvailability', 'uint16[]', false, 'CIM_LogicalDevice', 21],
  ['MaxQuiesceTime', 'uint64', false, 'CIM_LogicalDevice'],
  ['LocationIndicator', 'uint16', false, 'CIM_LogicalDevice', 4],
];

t.test('the DMTF schema compiles without error', async (t) => {
  t.same(errors.map(formatDiagnostic), []);
  t.equal(repo.classNames(NS).length, 1631, '1,631 classes');
  t.equal(files.length, 1634, 'the entry file, two qualifier files and 1,631 class files');
  t.equal(repo.qualifierDeclarations(NS).size, 70, '55 standard and 15 optional qualifiers');
  t.equal(repo.qualifierDeclarations(NS).get('MaxLen')?.type, 'uint32');
});

t.test('CIM_NumericSensor', async (t) => {
  const cls = repo.getClass(NS, 'CIM_NumericSensor')!;
  t.same(repo.superclassChain(NS, 'CIM_NumericSensor'), [
    'CIM_NumericSensor', 'CIM_Sensor', 'CIM_LogicalDevice', 'CIM_AllocatedLogicalElement', 'CIM_EnabledLogicalElement',
    'CIM_LogicalElement', 'CIM_ManagedSystemElement', 'CIM_ManagedElement',
  ]);
  t.same(rows(cls), [
    ...LOGICAL_DEVICE,
    ['SensorType', 'uint16', false, 'CIM_Sensor', 19],
    ['OtherSensorTypeDescription', 'string', false, 'CIM_Sensor'],
    ['PossibleStates', 'string[]', false, 'CIM_Sensor'],
    ['CurrentState', 'string', false, 'CIM_Sensor'],
    ['PollingInterval', 'uint64', false, 'CIM_Sensor'],
    ['SensorContext', 'string', false, 'CIM_Sensor'],
    ['BaseUnits', 'uint16', false, 'CIM_NumericSensor', 67],
    ['UnitModifier', 'sint32', false, 'CIM_NumericSensor'],
    ['RateUnits', 'uint16', false, 'CIM_NumericSensor', 10],
    ['CurrentReading', 'sint32', false, 'CIM_NumericSensor'],
    ['NominalReading', 'sint32', false, 'CIM_NumericSensor'],
    ['NormalMax', 'sint32', false, 'CIM_NumericSensor'],
    ['NormalMin', 'sint32', false, 'CIM_NumericSensor'],
    ['MaxReadable', 'sint32', false, 'CIM_NumericSensor'],
    ['MinReadable', 'sint32', false, 'CIM_NumericSensor'],
    ['Resolution', 'uint32', false, 'CIM_NumericSensor'],
    ['Tolerance', 'sint32', false, 'CIM_NumericSensor'],
    ['Accuracy', 'sint32', false, 'CIM_NumericSensor'],
    ['IsLinear', 'boolean', false, 'CIM_NumericSensor'],
    ['Hysteresis', 'uint32', false, 'CIM_NumericSensor'],
    ['LowerThresholdNonCritical', 'sint32', false, 'CIM_NumericSensor'],
    ['UpperThresholdNonCritical', 'sint32', false, 'CIM_NumericSensor'],
    ['LowerThresholdCritical', 'sint32', false, 'CIM_NumericSensor'],
    ['UpperThresholdCritical', 'sint32', false, 'CIM_NumericSensor'],
    ['LowerThresholdFatal', 'sint32', false, 'CIM_NumericSensor'],
    ['UpperThresholdFatal', 'sint32', false, 'CIM_NumericSensor'],
    ['SupportedThresholds', 'uint16[]', false, 'CIM_NumericSensor', 6],
    ['EnabledThresholds', 'uint16[]', false, 'CIM_NumericSensor', 6],
    ['SettableThresholds', 'uint16[]', false, 'CIM_NumericSensor', 6],
  ]);
  t.same(cls.keyNames, ['SystemCreationClassName', 'SystemName', 'CreationClassName', 'DeviceID']);
  t.same([cls.properties.get('EnabledState')!.value, cls.properties.get('RequestedState')!.value, cls.properties.get('EnabledDefault')!.value], [5, 12, 2], 'inherited defaults');
  t.same([...cls.methods.keys()].slice(-2), ['RestoreDefaultThresholds', 'GetNonLinearFactors']);
  t.equal(cls.properties.get('AllocationState')!.propagated, true);
  t.equal(repo.getClass(NS, 'CIM_LogicalDevice')!.properties.get('AllocationState')!.propagated, false, 'overridden in CIM_LogicalDevice');
  t.equal(cls.properties.get('AllocationState')!.qualifiers.get('EmbeddedInstance')?.value, 'CIM_ResourceAllocationSettingData', 'the value from the override in CIM_LogicalDevice');
  t.equal(cls.properties.get('AllocationState')!.embeddedObject, 'instance');
  t.notOk(cls.isAbstract);
  t.same(cls.qualifiers.get('Version')?.value, '2.16.0');
});

t.test('CIM_Fan', async (t) => {
  const cls = repo.getClass(NS, 'cim_fan')!;
  t.equal(cls.superclass, 'CIM_CoolingDevice');
  t.same(rows(cls), [
    ...LOGICAL_DEVICE,
    ['ActiveCooling', 'boolean', false, 'CIM_CoolingDevice'],
    ['VariableSpeed', 'boolean', false, 'CIM_Fan'],
    ['DesiredSpeed', 'uint64', false, 'CIM_Fan'],
    ['ControlMode', 'uint16', false, 'CIM_Fan', 5],
    ['ControlModesSupported', 'uint16[]', false, 'CIM_Fan', 5],
    ['DesiredControlMode', 'uint16', false, 'CIM_Fan', 5],
  ]);
  const setSpeed = cls.methods.get('SetSpeed')!;
  t.same([setSpeed.returnType, setSpeed.classOrigin, setSpeed.propagated], ['uint32', 'CIM_Fan', false]);
  t.same([...setSpeed.parameters.values()].map((p) => [p.name, p.type]), [['DesiredSpeed', 'uint64']]);
  t.equal(cls.methods.get('RequestStateChange')!.classOrigin, 'CIM_EnabledLogicalElement');
});

t.test('CIM_ComputerSystem', async (t) => {
  const cls = repo.getClass(NS, 'CIM_ComputerSystem')!;
  t.same(rows(cls), [
    ...MANAGED_ELEMENT,
    ...MANAGED_SYSTEM_ELEMENT.map((r): Row => (r[0] === 'Name' ? ['Name', 'string', true, 'CIM_ManagedSystemElement'] : r)),
    ...ENABLED_LOGICAL_ELEMENT,
    ['CreationClassName', 'string', true, 'CIM_System'],
    ['NameFormat', 'string', false, 'CIM_System', 17],
    ['PrimaryOwnerName', 'string', false, 'CIM_System'],
    ['PrimaryOwnerContact', 'string', false, 'CIM_System'],
    ['Roles', 'string[]', false, 'CIM_System'],
    ['OtherIdentifyingInfo', 'string[]', false, 'CIM_System'],
    ['IdentifyingDescriptions', 'string[]', false, 'CIM_System'],
    ['Dedicated', 'uint16[]', false, 'CIM_ComputerSystem', 46],
    ['OtherDedicatedDescriptions', 'string[]', false, 'CIM_ComputerSystem'],
    ['ResetCapability', 'uint16', false, 'CIM_ComputerSystem', 5],
    ['PowerManagementCapabilities', 'uint16[]', false, 'CIM_ComputerSystem', 8],
  ]);
  t.same(cls.keyNames, ['Name', 'CreationClassName'], 'Name becomes a key in CIM_System');
  const nameFormat = cls.properties.get('NameFormat')!;
  t.same([nameFormat.propagated, nameFormat.qualifiers.get('Override')?.value, nameFormat.qualifiers.get('MaxLen')?.value], [false, 'NameFormat', 64]);
  t.equal(nameFormat.qualifiers.get('MaxLen')!.propagated, true, 'MaxLen comes from the overridden CIM_System.NameFormat');
  t.equal(cls.properties.get('Name')!.qualifiers.get('Key')!.propagated, true);
  t.ok(repo.isSubclassOf(NS, 'CIM_ComputerSystem', 'CIM_ManagedElement'));
});

t.test('CIM_RegisteredProfile', async (t) => {
  const cls = repo.getClass(NS, 'CIM_RegisteredProfile')!;
  t.same(rows(cls), [
    ['InstanceID', 'string', true, 'CIM_ManagedElement'],
    ...MANAGED_ELEMENT.slice(1),
    ['SpecificationType', 'uint16', false, 'CIM_RegisteredSpecification', 1],
    ['OtherSpecificationType', 'string', false, 'CIM_RegisteredSpecification'],
    ['RegisteredOrganization', 'uint16', false, 'CIM_RegisteredSpecification', 22],
    ['OtherRegisteredOrganization', 'string', false, 'CIM_RegisteredSpecification'],
    ['RegisteredName', 'string', false, 'CIM_RegisteredSpecification'],
    ['RegisteredVersion', 'string', false, 'CIM_RegisteredSpecification'],
    ['AdvertiseTypes', 'uint16[]', false, 'CIM_RegisteredSpecification', 4],
    ['AdvertiseTypeDescriptions', 'string[]', false, 'CIM_RegisteredSpecification'],
    ['ImplementedFeatures', 'string[]', false, 'CIM_RegisteredProfile'],
  ]);
  t.same(cls.properties.get('SpecificationType')!.qualifiers.get('ValueMap')?.value, ['2'], 'the override narrows the ValueMap');
  t.same(cls.keyNames, ['InstanceID']);
  const central = cls.methods.get('GetCentralInstances')!;
  t.equal(central.returnType, 'uint8');
  const refs = central.parameters.get('CentralInstances')!;
  t.same([refs.type, refs.referenceClass, refs.isArray], ['reference', 'CIM_ManagedElement', true]);
});

t.test('associations and indications', async (t) => {
  const conforms = repo.getClass(NS, 'CIM_ElementConformsToProfile')!;
  t.ok(conforms.isAssociation);
  t.same(conforms.keyNames, ['ConformantStandard', 'ManagedElement']);
  t.same([conforms.properties.get('ConformantStandard')!.referenceClass, conforms.properties.get('ManagedElement')!.referenceClass], ['CIM_RegisteredProfile', 'CIM_ManagedElement']);
  const alert = repo.getClass(NS, 'CIM_AlertIndication')!;
  t.ok(alert.isIndication);
  t.equal(repo.subclassNames(NS, undefined, false).length > 0, true);
  t.ok(repo.subclassNames(NS, 'CIM_Indication', true).includes('CIM_AlertIndication'));
});
