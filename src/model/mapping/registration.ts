/**
 * DSP1033 Profile Registration: the profiles the model implements, in the
 * interop namespace, each referencing Base Server and conforming elements
 * found both ways (central class and scoping class methodology).
 */
import type { CIMInstanceName } from '../../cim/index.js';
import { CIMV2_NAMESPACE, INSTANCE_ID_PREFIX, INTEROP_NAMESPACE, ModelClass } from '../classes.js';
import { InstanceDraft } from '../instance-draft.js';
import type { BuildContext, CentralInstances } from './context.js';

export interface ProfileRegistration {
  /** The DMTF specification number, also the registered profile's local InstanceID. */
  readonly dsp: string;
  /** RegisteredName exactly as clients filter on it (profiles.md §4.3). */
  readonly name: string;
  readonly version: string;
}

/** A component profile and the central instances that make the model implement it. */
export interface ComponentProfile extends ProfileRegistration {
  readonly central: Exclude<keyof CentralInstances, 'system'>;
}

/** RegisteredOrganization 2 DMTF. */
const DMTF = 2;
/**
 * AdvertiseTypes 2 Not Advertised, for every profile: thincim runs no SLP
 * service agent (DSP0205), so 3 SLP would send a client looking for it on
 * port 427, where nothing answers.
 */
const NOT_ADVERTISED = 2;
/** SpecificationType 2 Profile. */
const PROFILE = 2;

export const BASE_SERVER: ProfileRegistration = { dsp: 'DSP1004', name: 'Base Server', version: '1.0.1' };
export const PROFILE_REGISTRATION: ProfileRegistration = { dsp: 'DSP1033', name: 'Profile Registration', version: '1.0.0' };

/** Component profiles, registered only when the model has their central instances. */
export const COMPONENT_PROFILES: readonly ComponentProfile[] = [
  { dsp: 'DSP1009', name: 'Sensors', version: '1.1.1', central: 'sensors' },
  { dsp: 'DSP1013', name: 'Fan', version: '1.1.0', central: 'fans' },
  { dsp: 'DSP1015', name: 'Power Supply', version: '1.1.0', central: 'powerSupplies' },
  { dsp: 'DSP1011', name: 'Physical Asset', version: '1.0.2', central: 'physical' },
];

/** The path of a registered profile in the interop namespace (`Thincim:DSP1004` for Base Server). */
export function registeredProfilePath(profile: Pick<ProfileRegistration, 'dsp'>): CIMInstanceName {
  return profileDraft(profile).path();
}

function profileDraft(profile: Pick<ProfileRegistration, 'dsp'>): InstanceDraft {
  return new InstanceDraft(INTEROP_NAMESPACE, ModelClass.RegisteredProfile).key('InstanceID', 'string', INSTANCE_ID_PREFIX + profile.dsp);
}

/**
 * Registers Base Server and Profile Registration always, each component
 * profile when it has central instances; references Base Server from each
 * component profile; and conforms each profile to its central instances.
 */
export function registerProfiles(ctx: BuildContext): void {
  const baseServer = addProfile(ctx, BASE_SERVER);
  conform(ctx, baseServer, [ctx.central.system]);
  addComponent(ctx, PROFILE_REGISTRATION, baseServer, []);
  for (const profile of COMPONENT_PROFILES) {
    const elements = ctx.central[profile.central];
    if (elements.length > 0) addComponent(ctx, profile, baseServer, elements);
  }
}

function addComponent(ctx: BuildContext, profile: ProfileRegistration, baseServer: CIMInstanceName, elements: readonly CIMInstanceName[]): void {
  const path = addProfile(ctx, profile);
  ctx.associate(ModelClass.ReferencedProfile, ['Antecedent', path], ['Dependent', baseServer], { namespace: INTEROP_NAMESPACE });
  conform(ctx, path, elements);
}

function addProfile(ctx: BuildContext, profile: ProfileRegistration): CIMInstanceName {
  const instance = profileDraft(profile)
    .set('RegisteredOrganization', 'uint16', DMTF)
    .set('RegisteredName', 'string', profile.name)
    .set('RegisteredVersion', 'string', profile.version)
    .setArray('AdvertiseTypes', 'uint16', [NOT_ADVERTISED])
    .set('SpecificationType', 'uint16', PROFILE)
    .set('ElementName', 'string', profile.name)
    .build();
  return ctx.add(INTEROP_NAMESPACE, instance).path!;
}

/**
 * ElementConformsToProfile lives in both namespaces (VMware: "instantiated
 * in both"), with references carrying their namespaces, so traversal works
 * from either side.
 */
function conform(ctx: BuildContext, profile: CIMInstanceName, elements: readonly CIMInstanceName[]): void {
  const standard = ['ConformantStandard', profile] as const;
  for (const namespace of [INTEROP_NAMESPACE, CIMV2_NAMESPACE]) {
    for (const element of elements) ctx.relate(ModelClass.ElementConformsToProfile, standard, ['ManagedElement', element], namespace);
  }
}
