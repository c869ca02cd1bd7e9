import { CIMInstanceName, type CIMInstance } from '../../cim/index.js';
import { headOf } from '../../cim/xml-chars.js';
import { CIMV2_NAMESPACE, INSTANCE_ID_PREFIX, ModelClass } from '../classes.js';
import { familyId, type AssociationFamily } from '../family.js';
import type { Finding, Verdict } from '../health.js';
import { DEVICE_ID_MAX, IdAllocator, TAG_MAX, qualifiedId } from '../ids.js';
import type { EntrySource, ModelEntry, ModelInput } from '../input.js';
import type { HardwareSnapshot } from '../snapshot.js';
import { InstanceDraft } from '../instance-draft.js';

/** CIM_ManagedSystemElement.Name's MaxLen. */
const NAME_MAX = 1024;

/** Something the builder met in its input and worked around (the model is still built). */
export interface BuildProblem {
  /** The provider whose data it concerns. */
  provider: string;
  /** What it concerns: an id of the snapshot, or an instance path for OEM instances. */
  subject: string;
  message: string;
}

export interface BuildOptions {
  /** Called for each input defect the builder skips over (unknown ids, duplicate ids, bad OEM instances…). */
  onProblem?: (problem: BuildProblem) => void;
  /**
   * Called with each instance as it is made; the instance it returns is
   * kept instead (the broker returns the previous generation's equal
   * instance), so that what a sample leaves unchanged is dropped at once
   * rather than kept until the whole model is built.
   */
  reuse?: (namespace: string, instance: CIMInstance) => CIMInstance;
}

/** The instances that conform to each component profile (their central instances). */
export interface CentralInstances {
  system: CIMInstanceName;
  sensors: CIMInstanceName[];
  fans: CIMInstanceName[];
  powerSupplies: CIMInstanceName[];
  /** Every physical element: chassis, boards, FRU packages (DSP1011's central class is CIM_PhysicalElement). */
  physical: CIMInstanceName[];
}

/**
 * The state of one build: the entries written so far, the key allocators
 * shared by every provider, the system every device belongs to, and what
 * rolls up into the system's health.
 */
export class BuildContext {
  readonly input: ModelInput;
  readonly entries: ModelEntry[] = [];
  readonly families: AssociationFamily[] = [];
  readonly systemPath: CIMInstanceName;
  /** Every device's condition, labelled, for the system's roll-up. */
  readonly rollup: Finding[] = [];
  readonly central: CentralInstances;
  readonly #onProblem: ((problem: BuildProblem) => void) | undefined;
  readonly #reuse: BuildOptions['reuse'];
  readonly #deviceIds = new IdAllocator(DEVICE_ID_MAX);
  readonly #tags = new IdAllocator(TAG_MAX);
  readonly #instanceIds = new IdAllocator(TAG_MAX);
  /** `scope\0label` of the labels the providers give to more than one element of a scope (labelled), once asked. */
  #repeated: ReadonlySet<string> | undefined;
  /** This build's families, by the path object at their one end. */
  readonly #familiesOf = new Map<CIMInstanceName, FamilyDraft[]>();
  /** This build, in ASSOCIATIONS. */
  readonly #build = {};

  constructor(input: ModelInput, options: BuildOptions) {
    this.input = input;
    this.#onProblem = options.onProblem;
    this.#reuse = options.reuse;
    this.systemPath = this.systemDraft().path();
    this.central = { system: this.systemPath, sensors: [], fans: [], powerSupplies: [], physical: [] };
  }

  problem(provider: string, subject: string, message: string): void {
    this.#onProblem?.({ provider, subject, message });
  }

  /** Adds an instance, or the one `reuse` gives for it (returned); `source` names the snapshot element it was made from. */
  add(namespace: string, made: CIMInstance, source?: EntrySource): CIMInstance {
    const instance = this.#reuse?.(namespace, made) ?? made;
    this.entries.push(source === undefined ? { namespace, instance } : { namespace, instance, source });
    return instance;
  }

  /** A draft of the host's Thincim_ComputerSystem with its keys (Name is the host name). */
  systemDraft(): InstanceDraft {
    return new InstanceDraft(CIMV2_NAMESPACE, ModelClass.ComputerSystem)
      .key('CreationClassName', 'string', ModelClass.ComputerSystem)
      .key('Name', 'string', this.input.hostname);
  }

  /** A draft of a logical device with its four keys; DeviceID unique per class, ≤ 64 characters. */
  deviceDraft(classname: string, provider: string, id: string): InstanceDraft {
    return new InstanceDraft(CIMV2_NAMESPACE, classname)
      .key('SystemCreationClassName', 'string', ModelClass.ComputerSystem)
      .key('SystemName', 'string', this.input.hostname)
      .key('CreationClassName', 'string', classname)
      .key('DeviceID', 'string', this.#deviceIds.allocate(classname, qualifiedId(provider, id)));
  }

  /** A draft of a physical element keyed by Tag (unique per class, ≤ 256 characters) and CreationClassName. */
  physicalDraft(classname: string, tag: string): InstanceDraft {
    return new InstanceDraft(CIMV2_NAMESPACE, classname)
      .key('CreationClassName', 'string', classname)
      .key('Tag', 'string', this.#tags.allocate(classname, tag));
  }

  /** A draft of an InstanceID-keyed element (`Thincim:<provider>:<id>`). */
  instanceIdDraft(namespace: string, classname: string, localId: string): InstanceDraft {
    return new InstanceDraft(namespace, classname)
      .key('InstanceID', 'string', this.#instanceIds.allocate(classname, INSTANCE_ID_PREFIX + localId));
  }

  /**
   * Sets ElementName to `label`, and Name too: tools such as Zenoss's CIMMon
   * take Name for a component's id. Labels repeat on real hosts (two IPMI
   * sensors "Temp", a hwmon chip's temperature and current both "CPU", an
   * IPMI and a sysinfo "CPU Temp"), so every element whose label another
   * element of its kind has too (NAME_SCOPE), from any provider, is named
   * `label (id)`, id its DeviceID or Tag: the same Name whatever order
   * elements come in. It changes when the label stops or starts repeating:
   * at start, once, when a slower provider's first sample brings it.
   */
  labelled(draft: InstanceDraft, label: string): InstanceDraft {
    const scope = NAME_SCOPE[draft.classname] ?? draft.classname;
    let name = headOf(label, NAME_MAX);
    this.#repeated ??= repeatedLabels(this.input.hardware.flatMap((s) => (s.snapshot ? [s.snapshot] : [])));
    if (this.#repeated.has(`${scope}\0${label}`)) {
      const id = String(draft.keyValue('DeviceID') ?? draft.keyValue('Tag'));
      name = `${headOf(label, NAME_MAX - id.length - 3)} (${id})`;
    }
    return draft.set('ElementName', 'string', label).set('Name', 'string', name);
  }

  /**
   * Adds a device made from the snapshot element `source`, with the status
   * properties of its verdict, its label (labelled), its SystemDevice
   * association, and its condition to the system's roll-up unless `rollUp`
   * is false (an empty slot says nothing about the system's health).
   */
  addDevice(
    draft: InstanceDraft, source: EntrySource, label: string, health: Verdict,
    { enabledState = ENABLED, rollUp = true }: { enabledState?: number; rollUp?: boolean } = {},
  ): CIMInstanceName {
    setStatus(this.labelled(draft, label), health)
      .set('EnabledState', 'uint16', enabledState)
      .set('RequestedState', 'uint16', REQUESTED_NOT_APPLICABLE);
    const path = this.add(CIMV2_NAMESPACE, draft.build(), source).path!;
    this.relate(ModelClass.SystemDevice, ['GroupComponent', this.systemPath], ['PartComponent', path]);
    if (rollUp) this.rollup.push({ condition: health.condition, reason: health.condition === 'ok' ? undefined : labelled(label, health.statusDescriptions[0]) });
    return path;
  }

  /**
   * Adds an association whose two references are its keys; `decorate` sets
   * its other properties. One without `decorate` between the same path
   * objects as in an earlier build is that build's instance again (see
   * ASSOCIATIONS).
   */
  associate(
    classname: string,
    [role1, ref1]: readonly [string, CIMInstanceName],
    [role2, ref2]: readonly [string, CIMInstanceName],
    { namespace = CIMV2_NAMESPACE, decorate }: { namespace?: string; decorate?: (draft: InstanceDraft) => void } = {},
  ): CIMInstance {
    const made = decorate === undefined ? this.#madeTo(ref2) : undefined;
    const matches = (association: CIMInstance) => association.classname === classname && association.path!.namespace === namespace
      && bound(association.path!, role1, ref1) && bound(association.path!, role2, ref2);
    const before = made?.previous.find(matches);
    if (before !== undefined) made!.current.push(before);
    const same = before ?? made?.current.find(matches);
    if (same !== undefined) return this.add(namespace, same);
    const draft = new InstanceDraft(namespace, classname).key(role1, 'reference', ref1).key(role2, 'reference', ref2);
    decorate?.(draft);
    const instance = this.add(namespace, draft.build());
    made?.current.push(instance);
    return instance;
  }

  /**
   * Relates `one` to `member` by an association of `classname` whose two
   * references are its keys, kept as a member of its family (see
   * AssociationFamily) rather than as an instance.
   */
  relate(
    classname: string, one: readonly [string, CIMInstanceName], member: readonly [string, CIMInstanceName], namespace = CIMV2_NAMESPACE,
  ): void {
    // Called for every device of every sample: indexes, not destructuring (an iterator per tuple until V8 optimizes) nor a closure.
    const oneRole = one[0];
    const manyRole = member[0];
    let families = this.#familiesOf.get(one[1]);
    if (families === undefined) this.#familiesOf.set(one[1], (families = []));
    let family: FamilyDraft | undefined;
    for (let i = 0; i < families.length && family === undefined; i++) {
      const f = families[i]!;
      if (f.classname === classname && f.namespace === namespace && f.oneRole === oneRole && f.manyRole === manyRole) family = f;
    }
    if (family === undefined) {
      const id = familyId(namespace, classname, oneRole, one[1], manyRole);
      families.push((family = { id, namespace, classname, oneRole, one: one[1], manyRole, many: [] }));
      this.families.push(family);
    }
    family.many.push(member[1]);
  }

  /** The associations made to `ref2`, by the last build that made any and by this one. */
  #madeTo(ref2: CIMInstanceName): MadeTo {
    let made = ASSOCIATIONS.get(ref2);
    if (made === undefined) ASSOCIATIONS.set(ref2, (made = { build: this.#build, previous: [], current: [] }));
    else if (made.build !== this.#build) {
      made.build = this.#build;
      made.previous = made.current;
      made.current = [];
    }
    return made;
  }
}

/**
 * Whether `path` binds `role`, spelled so, to `ref`: the same path object,
 * or (the system's, made again each build) one equal in every part.
 */
function bound(path: CIMInstanceName, role: string, ref: CIMInstanceName): boolean {
  const value = path.keybindings.get(role);
  if (value !== ref && !(value instanceof CIMInstanceName && value.key === ref.key && value.classname === ref.classname
    && value.namespace === ref.namespace && value.host === ref.host)) return false;
  return path.keybindings.nameOf(role) === role;
}

/** A family while the build adds its members. */
interface FamilyDraft extends AssociationFamily {
  readonly many: CIMInstanceName[];
}

interface MadeTo {
  /** The build that made `current`. */
  build: object;
  previous: readonly CIMInstance[];
  current: CIMInstance[];
}

/**
 * The associations made to a path object as their second reference, by the
 * last build that made any and by the one under way: never more than one
 * build's, however many that is. The broker gives a device the same path object in
 * every generation (see BuildOptions.reuse), so the associations of an
 * unchanged topology are found here instead of being built and compared
 * again each sample. Keyed weakly, an entry goes with its path.
 */
const ASSOCIATIONS = new WeakMap<CIMInstanceName, MadeTo>();

/** EnabledState 2 Enabled. */
export const ENABLED = 2;
/** EnabledState 3 Disabled. */
export const DISABLED = 3;
/** RequestedState 12 Not Applicable: the model accepts no state changes. */
export const REQUESTED_NOT_APPLICABLE = 12;

/** The status properties of CIM_ManagedSystemElement, from one verdict. */
export function setStatus(draft: InstanceDraft, health: Verdict): InstanceDraft {
  return draft
    .set('HealthState', 'uint16', health.healthState)
    .setArray('OperationalStatus', 'uint16', health.operationalStatus)
    .setArray('StatusDescriptions', 'string', health.statusDescriptions)
    .set('PrimaryStatus', 'uint16', health.primaryStatus);
}

/** `label: reason`, unless the reason already names the device (a fan judged by its sensor of the same name). */
function labelled(label: string, reason = ''): string {
  return reason.startsWith(`${label}: `) ? reason : `${label}: ${reason}`;
}

/** The class whose instances tools list together, by the model's classes that share one: Names are unique within it. */
const NAME_SCOPE: Readonly<Record<string, string>> = {
  [ModelClass.NumericSensor]: 'CIM_Sensor',
  [ModelClass.DiscreteSensor]: 'CIM_Sensor',
  [ModelClass.Chassis]: 'CIM_PhysicalElement',
  [ModelClass.Card]: 'CIM_PhysicalElement',
  [ModelClass.PhysicalPackage]: 'CIM_PhysicalElement',
};

/** `scope\0label` of every label the snapshots give to more than one element of a scope (NAME_SCOPE). */
function repeatedLabels(snapshots: readonly HardwareSnapshot[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const snapshot of snapshots) {
    for (const [scope, items] of labelLists(snapshot)) {
      for (const { label } of items) {
        const key = `${scope}\0${label}`;
        if (seen.has(key)) repeated.add(key);
        else seen.add(key);
      }
    }
  }
  return repeated;
}

/** The labels of a snapshot's elements, by the scope their instances are named in. */
function labelLists(snapshot: HardwareSnapshot): [string, readonly { label: string }[]][] {
  return [
    ['CIM_Sensor', [...(snapshot.sensors ?? []), ...(snapshot.discreteSensors ?? [])]],
    [ModelClass.Fan, snapshot.fans ?? []],
    [ModelClass.PowerSupply, snapshot.powerSupplies ?? []],
    [ModelClass.Processor, snapshot.processors ?? []],
    [ModelClass.Memory, snapshot.memory ?? []],
    [ModelClass.Battery, snapshot.batteries ?? []],
    // Boards, and the FRU packages of fans, supplies and memory, named as their devices.
    ['CIM_PhysicalElement', [...(snapshot.boards ?? []), ...(snapshot.fans ?? []), ...(snapshot.powerSupplies ?? []), ...(snapshot.memory ?? [])]],
  ];
}
