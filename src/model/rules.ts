/**
 * The profile rules a published model must keep (profiles.md §2–§8, §12):
 * the checks behind `thincim provider-test`, the tests and the whole-model
 * walk. Each problem names its rule, the instance and, where it applies, the
 * property, so the provider or mapping at fault is easy to find.
 */
import { CIMInstanceName, type CIMInstance, type CIMValue } from '../cim/index.js';
import { CIMV2_NAMESPACE, INTEROP_NAMESPACE, ModelClass } from './classes.js';
import { HEALTH_STATES, SENSOR_STATES } from './health.js';
import { DEVICE_ID_MAX } from './ids.js';
import { referenceTargets } from './index-impl.js';
import type { ModelEntry } from './input.js';
import { RANGE_PROPERTIES, THRESHOLD_PROPERTIES } from './mapping/sensors.js';
import { NamespaceNames, PathMap } from './paths.js';
import { SINT32_MAX, SINT32_MIN } from './units.js';

export type ProfileRule =
  /** Every instance has a path, in its entry's namespace, that no other instance has. */
  | 'path'
  /** HealthState ∈ {0, 5, 10, 15, 20, 25, 30}; present on devices and the system. */
  | 'health-state'
  /** OperationalStatus non-empty, values 0..19 only; present on devices and the system. */
  | 'operational-status'
  /** PrimaryStatus ∈ 0..3. */
  | 'primary-status'
  /** ElementName non-empty on devices and the system (what every client prints). */
  | 'element-name'
  /** DeviceID at most 64 characters. */
  | 'device-id'
  /** A threshold is non-NULL exactly when SupportedThresholds lists it; Settable and Enabled ⊆ Supported. */
  | 'thresholds'
  /** UnitModifier set; CurrentReading, thresholds and declared ranges sint32. */
  | 'sensor-reading'
  /** CurrentState ∈ PossibleStates; a numeric sensor's states are DSP1009's. */
  | 'current-state'
  /** Every device has exactly one SystemDevice, to a system in the model. */
  | 'system-device'
  /** Every reference points at an instance in the model. */
  | 'dangling-reference'
  /** Base Server and Profile Registration are registered; every other profile references Base Server. */
  | 'registered-profile'
  /** Conformance: in both namespaces, to existing elements, for every central instance of a registered profile. */
  | 'conforms-to-profile'
  /** The system, every sensor, fan and power supply: exactly one EnabledLogicalElementCapabilities, its RequestedStatesSupported an array. */
  | 'capabilities'
  /** Every redundancy set: owned (OwningCollectionElement) and hosted (HostedCollection) by exactly one element, the system. */
  | 'redundancy-owner';

export interface ProfileProblem {
  rule: ProfileRule;
  /** The instance concerned (WBEM URI), or its class when it has no path. */
  path: string;
  property?: string;
  message: string;
}

/** OperationalStatus values DMTF defines (0 Unknown … 19 Relocating). */
const OPERATIONAL_STATUS_MAX = 19;
const PRIMARY_STATUS_MAX = 3;
const DEVICE_KEYS = ['SystemCreationClassName', 'SystemName', 'CreationClassName', 'DeviceID'];
const NUMERIC_SENSOR_STATES: ReadonlySet<string> = new Set(SENSOR_STATES);

/** The classes whose instances are the central instances of each registered profile. */
const CENTRAL_CLASSES: ReadonlyMap<string, readonly string[]> = new Map([
  ['Base Server', [ModelClass.ComputerSystem]],
  ['Sensors', [ModelClass.NumericSensor, ModelClass.DiscreteSensor]],
  ['Fan', [ModelClass.Fan]],
  ['Power Supply', [ModelClass.PowerSupply]],
  ['Physical Asset', [ModelClass.Chassis, ModelClass.Card, ModelClass.PhysicalPackage]],
]);

export function checkProfileRules(entries: readonly ModelEntry[]): ProfileProblem[] {
  const model = new ModelView(entries);
  for (const entry of model.entries) checkInstance(model, entry);
  checkSystemDevices(model);
  checkRegistration(model);
  checkCapabilities(model);
  checkRedundancyOwners(model);
  return model.problems;
}

interface LocatedInstance {
  namespace: string;
  instance: CIMInstance;
  path: CIMInstanceName;
}

/** The entries with usable paths, a lookup by path, and the problems found so far. */
class ModelView {
  readonly problems: ProfileProblem[] = [];
  readonly entries: LocatedInstance[] = [];
  readonly names = new NamespaceNames();
  readonly #byPath = new PathMap<CIMInstance>(this.names);
  readonly #byClass = new Map<string, LocatedInstance[]>();

  constructor(entries: readonly ModelEntry[]) {
    for (const { namespace, instance } of entries) {
      const path = instance.path;
      if (path === undefined) {
        this.report('path', instance.classname, 'instance has no path');
      } else if (path.namespace !== undefined && this.names.of(path.namespace) !== this.names.of(namespace)) {
        this.report('path', path, `path is not in the entry's namespace ${namespace}`);
      } else if (this.#byPath.has(namespace, path)) {
        this.report('path', path, 'another instance has the same path');
      } else {
        this.#byPath.set(namespace, path, instance);
        const located = { namespace, instance, path };
        this.entries.push(located);
        const folded = instance.classname.toLowerCase();
        const list = this.#byClass.get(folded);
        if (list) list.push(located);
        else this.#byClass.set(folded, [located]);
      }
    }
  }

  /** Records a problem; the path is spelled out only then (it is costly, and most instances have none). */
  report(rule: ProfileRule, subject: CIMInstanceName | string, message: string, property?: string): void {
    const path = String(subject);
    this.problems.push(property === undefined ? { rule, path, message } : { rule, path, property, message });
  }

  /** The instance a reference (or path) designates; a reference without namespace is in `namespace`. */
  resolve(namespace: string, ref: CIMInstanceName): CIMInstance | undefined {
    return this.#byPath.get(namespace, ref);
  }

  /** Whether an association's `role` reference designates `target`. */
  refersTo(association: LocatedInstance, role: string, target: LocatedInstance): boolean {
    const ref = association.instance.get(role);
    return ref instanceof CIMInstanceName && ref.key === target.path.key
      && this.names.of(ref.namespace ?? association.namespace) === this.names.of(target.namespace);
  }

  ofClass(classname: string): readonly LocatedInstance[] {
    return this.#byClass.get(classname.toLowerCase()) ?? [];
  }
}

function isDevice(path: CIMInstanceName): boolean {
  return DEVICE_KEYS.every((key) => path.keybindings.has(key));
}

function isManaged(entry: LocatedInstance): boolean {
  return isDevice(entry.path) || entry.instance.classname.toLowerCase() === ModelClass.ComputerSystem.toLowerCase();
}

function checkInstance(model: ModelView, entry: LocatedInstance): void {
  checkStatus(model, entry);
  const where = entry.path;
  const deviceId = entry.path.keybindings.get('DeviceID');
  if (typeof deviceId === 'string' && deviceId.length > DEVICE_ID_MAX) {
    model.report('device-id', where, `DeviceID has ${deviceId.length} characters, more than ${DEVICE_ID_MAX}`, 'DeviceID');
  }
  if (entry.instance.properties.has('SupportedThresholds')) checkNumericSensor(model, entry);
  checkStates(model, entry);
  for (const target of referenceTargets(entry.instance)) {
    if (model.resolve(entry.namespace, target) === undefined) {
      model.report('dangling-reference', where, `reference to ${String(target)} points at nothing in the model`);
    }
  }
}

function checkStatus(model: ModelView, entry: LocatedInstance): void {
  const { instance } = entry;
  const where = entry.path;
  const managed = isManaged(entry);
  const health = instance.get('HealthState');
  if (health !== undefined && health !== null ? !HEALTH_STATES.has(health as number) : managed) {
    model.report('health-state', where, `HealthState ${String(health ?? 'NULL')} is not one of 0, 5, 10, 15, 20, 25, 30`, 'HealthState');
  }
  const status = instance.get('OperationalStatus');
  if (status !== undefined && status !== null ? !validOperationalStatus(status) : managed) {
    model.report('operational-status', where, `OperationalStatus ${show(status)} must be a non-empty list of 0..${OPERATIONAL_STATUS_MAX}`, 'OperationalStatus');
  }
  const primary = instance.get('PrimaryStatus');
  if (primary !== undefined && primary !== null && !(typeof primary === 'number' && primary >= 0 && primary <= PRIMARY_STATUS_MAX)) {
    model.report('primary-status', where, `PrimaryStatus ${show(primary)} is not 0..${PRIMARY_STATUS_MAX}`, 'PrimaryStatus');
  }
  const name = instance.get('ElementName');
  if (managed && (typeof name !== 'string' || name.trim() === '')) {
    model.report('element-name', where, 'ElementName is empty: clients print it', 'ElementName');
  }
}

function validOperationalStatus(status: CIMValue): boolean {
  return Array.isArray(status) && status.length > 0
    && status.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= OPERATIONAL_STATUS_MAX);
}

function checkNumericSensor(model: ModelView, { instance, path }: LocatedInstance): void {
  const where = path;
  const supported = new Set(numbers(instance.get('SupportedThresholds')));
  THRESHOLD_PROPERTIES.forEach(([, property], index) => {
    const value = instance.get(property);
    const present = value !== undefined && value !== null;
    if (present !== supported.has(index)) {
      model.report('thresholds', where, `${property} is ${present ? 'set' : 'NULL'} but SupportedThresholds ${present ? 'lacks' : 'lists'} ${index}`, property);
    }
    if (present && !isSint32(value)) model.report('sensor-reading', where, `${property} ${show(value)} is not a sint32`, property);
  });
  for (const property of ['SettableThresholds', 'EnabledThresholds']) {
    const extra = numbers(instance.get(property)).filter((n) => !supported.has(n));
    if (extra.length > 0) model.report('thresholds', where, `${property} has ${extra.join(', ')} not in SupportedThresholds`, property);
  }
  const modifier = instance.get('UnitModifier');
  if (!isSint32(modifier)) model.report('sensor-reading', where, 'UnitModifier must be set (clients scale every reading by it)', 'UnitModifier');
  const reading = instance.get('CurrentReading');
  if (reading !== undefined && reading !== null && !isSint32(reading)) {
    model.report('sensor-reading', where, `CurrentReading ${show(reading)} is not a sint32`, 'CurrentReading');
  }
  for (const [, property] of RANGE_PROPERTIES) {
    const value = instance.get(property);
    if (value !== undefined && value !== null && !isSint32(value)) model.report('sensor-reading', where, `${property} ${show(value)} is not a sint32`, property);
  }
  const foreign = strings(instance.get('PossibleStates')).filter((s) => !NUMERIC_SENSOR_STATES.has(s));
  if (foreign.length > 0) model.report('current-state', where, `PossibleStates has non-DSP1009 states: ${foreign.join(', ')}`, 'PossibleStates');
}

function checkStates(model: ModelView, { instance, path }: LocatedInstance): void {
  const possible = instance.get('PossibleStates');
  const current = instance.get('CurrentState');
  if (possible === undefined && current === undefined) return;
  const states = strings(possible);
  if (states.length === 0) model.report('current-state', path, 'PossibleStates is empty', 'PossibleStates');
  if (typeof current === 'string' && !states.includes(current)) {
    model.report('current-state', path, `CurrentState "${current}" is not one of PossibleStates`, 'CurrentState');
  }
}

/** Each device: exactly one SystemDevice naming it, whose system is in the model. */
function checkSystemDevices(model: ModelView): void {
  const count = new PathMap<number>(model.names);
  for (const { namespace, instance, path } of model.ofClass(ModelClass.SystemDevice)) {
    const system = instance.get('GroupComponent');
    const part = instance.get('PartComponent');
    if (system instanceof CIMInstanceName && model.resolve(namespace, system) === undefined) {
      model.report('system-device', path, 'its system is not in the model', 'GroupComponent');
    }
    if (part instanceof CIMInstanceName) count.set(namespace, part, (count.get(namespace, part) ?? 0) + 1);
  }
  for (const { namespace, path } of model.entries) {
    if (!isDevice(path)) continue;
    const n = count.get(namespace, path) ?? 0;
    if (n !== 1) model.report('system-device', path, `device has ${n} SystemDevice associations, not exactly 1`);
  }
}

function checkRegistration(model: ModelView): void {
  const profiles = model.ofClass(ModelClass.RegisteredProfile);
  const named = (name: string): LocatedInstance | undefined => profiles.find((p) => p.instance.get('RegisteredName') === name);
  const baseServer = named('Base Server');
  for (const required of ['Base Server', 'Profile Registration']) {
    if (!named(required)) model.report('registered-profile', INTEROP_NAMESPACE, `profile "${required}" is not registered`);
  }
  const references = model.ofClass(ModelClass.ReferencedProfile);
  for (const profile of profiles) {
    if (profile === baseServer || baseServer === undefined) continue;
    const referencesBase = references.some((r) => model.refersTo(r, 'Antecedent', profile) && model.refersTo(r, 'Dependent', baseServer));
    if (!referencesBase) model.report('registered-profile', profile.path, 'registered profile does not reference Base Server');
  }
  checkConformance(model, profiles);
}

/**
 * ElementConformsToProfile: the same association in both namespaces, and
 * one from each registered profile to each of its central instances; central
 * instances of an unregistered profile are a problem too.
 */
function checkConformance(model: ModelView, profiles: readonly LocatedInstance[]): void {
  const conformances = model.ofClass(ModelClass.ElementConformsToProfile);
  const keys = new Map<string, Set<string>>([[INTEROP_NAMESPACE, new Set()], [CIMV2_NAMESPACE, new Set()]]);
  for (const c of conformances) keys.get(model.names.of(c.namespace))?.add(c.path.key);
  for (const c of conformances) {
    const other = model.names.of(c.namespace) === INTEROP_NAMESPACE ? CIMV2_NAMESPACE : INTEROP_NAMESPACE;
    if (!keys.get(other)!.has(c.path.key)) model.report('conforms-to-profile', c.path, `not also instantiated in ${other}`);
  }
  const interop = conformances.filter((c) => model.names.of(c.namespace) === INTEROP_NAMESPACE);
  for (const [name, classes] of CENTRAL_CLASSES) {
    const profile = profiles.find((p) => p.instance.get('RegisteredName') === name);
    const central = classes.flatMap((cls) => model.ofClass(cls));
    if (profile === undefined) {
      if (central.length > 0) model.report('conforms-to-profile', central[0]!.path, `${central.length} central instance(s) of "${name}" but the profile is not registered`);
      continue;
    }
    const conforming = interop.filter((c) => model.refersTo(c, 'ConformantStandard', profile));
    if (conforming.length === 0) model.report('conforms-to-profile', profile.path, 'no element conforms to this profile');
    const elements = new PathMap<true>(model.names);
    for (const c of conforming) {
      const element = c.instance.get('ManagedElement');
      if (element instanceof CIMInstanceName) elements.set(c.namespace, element, true);
    }
    for (const element of central) {
      if (!elements.has(element.namespace, element.path)) {
        model.report('conforms-to-profile', element.path, `central instance does not conform to "${name}"`);
      }
    }
  }
}

/** The elements whose profiles read their capabilities before a state change or an ElementName edit (DSP1015 §7.2, §9.8). */
const WITH_CAPABILITIES = [ModelClass.ComputerSystem, ModelClass.NumericSensor, ModelClass.DiscreteSensor, ModelClass.Fan, ModelClass.PowerSupply];

function checkCapabilities(model: ModelView): void {
  // By element, in one pass: a host has one link per sensor.
  const found = new PathMap<CIMInstanceName[]>(model.names);
  for (const { namespace, instance } of model.ofClass(ModelClass.ElementCapabilities)) {
    const element = instance.get('ManagedElement');
    const capabilities = instance.get('Capabilities');
    if (!(element instanceof CIMInstanceName) || !(capabilities instanceof CIMInstanceName)) continue;
    if (capabilities.classname !== ModelClass.EnabledLogicalElementCapabilities) continue;
    const list = found.get(namespace, element);
    if (list) list.push(capabilities);
    else found.set(namespace, element, [capabilities]);
  }
  for (const element of WITH_CAPABILITIES.flatMap((cls) => model.ofClass(cls))) {
    const capabilities = found.get(element.namespace, element.path) ?? [];
    if (capabilities.length !== 1) {
      model.report('capabilities', element.path, `${capabilities.length} EnabledLogicalElementCapabilities, not exactly 1`);
    } else if (!Array.isArray(model.resolve(element.namespace, capabilities[0]!)?.get('RequestedStatesSupported'))) {
      model.report('capabilities', element.path, 'its capabilities\' RequestedStatesSupported is not an array', 'RequestedStatesSupported');
    }
  }
}

/**
 * The associations by which the system scopes a redundancy set (DSP1015's redundancy model; CIM_HostedCollection's
 * Antecedent is Min(1) Max(1)): [association, the system's role, the set's role, what the system is to the set].
 */
const SET_SCOPES = [
  [ModelClass.OwningCollectionElement, 'OwningElement', 'OwnedElement', 'owning'],
  [ModelClass.HostedCollection, 'Antecedent', 'Dependent', 'hosting'],
] as const;

function checkRedundancyOwners(model: ModelView): void {
  const sets = model.ofClass(ModelClass.RedundancySet);
  for (const [classname, systemRole, setRole, what] of SET_SCOPES) {
    const links = model.ofClass(classname);
    for (const set of sets) {
      const owning = links.filter((o) => model.refersTo(o, setRole, set)).map((o) => o.instance.get(systemRole));
      const bySystem = owning.every((ref) => ref instanceof CIMInstanceName && ref.classname === ModelClass.ComputerSystem);
      if (owning.length !== 1 || !bySystem) {
        model.report('redundancy-owner', set.path, `${owning.length} ${what} element(s) (${classname}), not the system alone`);
      }
    }
  }
}

function isSint32(value: CIMValue | undefined): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= SINT32_MIN && value <= SINT32_MAX;
}

function numbers(value: CIMValue | undefined): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

function strings(value: CIMValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function show(value: CIMValue | undefined): string {
  if (value === undefined || value === null) return 'NULL';
  return Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value);
}
