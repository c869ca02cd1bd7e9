/**
 * The class naming contract shared by the schema (schemas/), the model
 * builder and the broker: which concrete class each kind of instance has, and
 * the two namespaces the model lives in.
 */

/** The implementation namespace: the managed hardware. */
export const CIMV2_NAMESPACE = 'root/cimv2';
/** The interop namespace: registered profiles and the server's self-description. */
export const INTEROP_NAMESPACE = 'root/interop';

/** Organisation prefix of InstanceID keys (`Thincim:<local id>`, DSP0004 InstanceID format). */
export const INSTANCE_ID_PREFIX = 'Thincim:';

/** Concrete classes the model builder instantiates. */
export const ModelClass = {
  ComputerSystem: 'Thincim_ComputerSystem',
  Chassis: 'Thincim_Chassis',
  Card: 'Thincim_Card',
  PhysicalPackage: 'Thincim_PhysicalPackage',
  NumericSensor: 'Thincim_NumericSensor',
  DiscreteSensor: 'OMC_DiscreteSensor',
  Fan: 'OMC_Fan',
  PowerSupply: 'OMC_PowerSupply',
  FirmwareIdentity: 'OMC_SMASHFirmwareIdentity',
  Processor: 'Thincim_Processor',
  Memory: 'Thincim_Memory',
  Battery: 'Thincim_Battery',
  RedundancySet: 'Thincim_RedundancySet',
  EnabledLogicalElementCapabilities: 'Thincim_EnabledLogicalElementCapabilities',
  SystemDevice: 'Thincim_SystemDevice',
  AssociatedSensor: 'Thincim_AssociatedSensor',
  Realizes: 'Thincim_Realizes',
  ComputerSystemPackage: 'Thincim_ComputerSystemPackage',
  Container: 'Thincim_Container',
  MemberOfCollection: 'Thincim_MemberOfCollection',
  OwningCollectionElement: 'Thincim_OwningCollectionElement',
  HostedCollection: 'Thincim_HostedCollection',
  ElementCapabilities: 'Thincim_ElementCapabilities',
  ElementSoftwareIdentity: 'Thincim_ElementSoftwareIdentity',
  RegisteredProfile: 'Thincim_RegisteredProfile',
  ReferencedProfile: 'Thincim_ReferencedProfile',
  ElementConformsToProfile: 'Thincim_ElementConformsToProfile',
} as const;

export type ModelClassName = (typeof ModelClass)[keyof typeof ModelClass];
