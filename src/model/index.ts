/** The hardware model: snapshot contracts, the profile mapping, health derivation and the instance index. */
export type * from './snapshot.js';
export type { EntrySource, InstanceSample, ModelEntry, ModelInput, ProviderSample } from './input.js';
export type { InstanceIndex } from './instance-index.js';
export { buildHost, buildModel, type HostModel } from './builder.js';
export { familyEntries, familyId, familyInstance, type AssociationFamily } from './family.js';
export type { BuildOptions, BuildProblem } from './mapping/context.js';
export { createInstanceIndex, type MakeInstance } from './index-impl.js';
export { rememberReadings, type LastReading, type ReadingMemory } from './readings.js';
export { ModelError, type ModelErrorCode } from './errors.js';
export { CIMV2_NAMESPACE, INTEROP_NAMESPACE, INSTANCE_ID_PREFIX, ModelClass, type ModelClassName } from './classes.js';
export {
  BASE_SERVER, COMPONENT_PROFILES, PROFILE_REGISTRATION, registeredProfilePath,
  type ComponentProfile, type ProfileRegistration,
} from './mapping/registration.js';
export {
  CONDITION_RANK, HEALTH_STATES, SENSOR_STATES, assessSensor, judge, possibleStates, thresholdState, verdict, worst,
  type Condition, type Finding, type SensorAssessment, type SensorState, type Verdict,
} from './health.js';
export { scaleToSint32, sensorEncoding, type ScaledValues, type SensorEncoding } from './units.js';
export { checkProfileRules, type ProfileProblem, type ProfileRule } from './rules.js';
