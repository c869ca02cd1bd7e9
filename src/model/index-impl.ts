import { CIMInstanceName, normalizeNamespace, type CIMInstance } from '../cim/index.js';
import { ModelError } from './errors.js';
import { FamilyMembers, familyInstance, type AssociationFamily } from './family.js';
import type { ModelEntry } from './input.js';
import type { InstanceIndex } from './instance-index.js';
import { NamespaceNames } from './paths.js';

const NONE: readonly CIMInstance[] = Object.freeze([]);

/** Makes the instance of a family for one member: the broker completes it from its class, and shares it while it is held. */
export type MakeInstance = (family: AssociationFamily, member: CIMInstanceName) => CIMInstance;

/**
 * Builds the published, immutable index of one generation: every lookup the
 * request path makes is one Map read. Throws ModelError when an entry has no
 * path, a path in another namespace than its entry, or a path already taken.
 * The instances of `families` are made when read, by `make`.
 *
 * The index never changes the instances it holds; readers must not either.
 */
export function createInstanceIndex(
  generation: number, entries: readonly ModelEntry[], families: readonly AssociationFamily[] = [], make: MakeInstance = familyInstance,
): InstanceIndex {
  // Folds the namespaces of the entries; request-time lookups fold directly, so client input never grows a cache.
  const ns = new NamespaceNames();
  // Maps nested by namespace, then class / path key / target namespace: no key is built by concatenation.
  const byPath = new Map<string, Map<string, CIMInstance>>();
  const byClass = new Map<string, Map<string, CIMInstance[]>>();
  const byTarget = new Map<string, Map<string, Map<string, CIMInstance[]>>>();
  const all: { namespace: string; instance: CIMInstance }[] = [];

  // Indexed loops: this runs once a sample, mostly before V8 optimizes it, where for…of makes a result object per step.
  for (let i = 0; i < entries.length; i++) {
    const { namespace, instance } = entries[i]!;
    all.push({ namespace, instance });
    const home = ns.of(namespace);
    const paths = inner(byPath, home);
    const pathKey = entryPath(home, ns, instance).key;
    if (paths.has(pathKey)) throw new ModelError('DUPLICATE_PATH', String(instance.path), 'two instances share a path');
    paths.set(pathKey, instance);
    append(inner(byClass, home), instance.classname.toLowerCase(), instance);
    const targets = inner(byTarget, home);
    const references = referenceTargets(instance);
    for (let r = 0; r < references.length; r++) {
      const target = references[r]!;
      const byKey = inner(targets, ns.of(target.namespace ?? namespace));
      const list = byKey.get(target.key);
      // An association naming the same target twice is listed once.
      if (list === undefined) byKey.set(target.key, [instance]);
      else if (list[list.length - 1] !== instance) list.push(instance);
    }
  }
  for (const classes of byClass.values()) for (const list of classes.values()) Object.freeze(list);
  for (const targets of byTarget.values()) for (const keys of targets.values()) for (const list of keys.values()) Object.freeze(list);
  const derived = new DerivedAssociations(ns, families, make);

  return Object.freeze({
    generation,
    byClass(namespace: string, classname: string): readonly CIMInstance[] {
      const home = normalizeNamespace(namespace);
      const stored = byClass.get(home)?.get(classname.toLowerCase()) ?? NONE;
      return derived.ofClass(home, classname, stored);
    },
    get(namespace: string, path: CIMInstanceName): CIMInstance | undefined {
      const home = normalizeNamespace(path.namespace ?? namespace);
      return byPath.get(home)?.get(path.key) ?? derived.at(home, path);
    },
    referencing(namespace: string, target: CIMInstanceName, accepts?: (classname: string) => boolean): readonly CIMInstance[] {
      const home = normalizeNamespace(namespace);
      const targetNamespace = normalizeNamespace(target.namespace ?? namespace);
      const stored = byTarget.get(home)?.get(targetNamespace)?.get(target.key) ?? NONE;
      return derived.referencing(home, targetNamespace, target, stored, accepts);
    },
    entries() {
      return all.values();
    },
  });
}

/** A family with the namespace of its one end folded. */
class IndexedFamily extends FamilyMembers {
  readonly oneNamespace: string;

  constructor(family: AssociationFamily, ns: NamespaceNames) {
    super(family);
    this.oneNamespace = ns.of(family.one.namespace ?? family.namespace);
  }
}

/** The instances of the families, made on each read; each answer lists stored instances first. */
class DerivedAssociations {
  /** By namespace, then by class name folded. */
  readonly #byClass = new Map<string, Map<string, IndexedFamily[]>>();
  readonly #byNamespace = new Map<string, IndexedFamily[]>();

  constructor(private readonly ns: NamespaceNames, families: readonly AssociationFamily[], private readonly make: MakeInstance) {
    for (const family of families) {
      const indexed = new IndexedFamily(family, ns);
      const home = ns.of(family.namespace);
      append(inner(this.#byClass, home), family.classname.toLowerCase(), indexed);
      append(this.#byNamespace, home, indexed);
    }
  }

  ofClass(home: string, classname: string, stored: readonly CIMInstance[]): readonly CIMInstance[] {
    const families = this.#byClass.get(home)?.get(classname.toLowerCase());
    if (families === undefined) return stored;
    const all = [...stored];
    for (const { family } of families) for (const member of family.many) all.push(this.make(family, member));
    return Object.freeze(all);
  }

  /** The instance at `path`: its class's, binding exactly the family's two roles to the one end and a member. */
  at(home: string, path: CIMInstanceName): CIMInstance | undefined {
    const families = this.#byClass.get(home)?.get(path.classname.toLowerCase());
    if (families === undefined) return undefined;
    for (const indexed of families) {
      const member = indexed.at(path);
      if (member !== undefined) return this.make(indexed.family, member);
    }
    return undefined;
  }

  /**
   * `stored`, then the instances of the families in `home` with `target` at
   * either end, of the families whose class `accepts` (all without it): a
   * traversal from the system filtered to another class makes none of its
   * 10,000 SystemDevices.
   */
  referencing(
    home: string, targetNamespace: string, target: CIMInstanceName, stored: readonly CIMInstance[], accepts?: (classname: string) => boolean,
  ): readonly CIMInstance[] {
    const families = this.#byNamespace.get(home);
    if (families === undefined) return stored;
    let all: CIMInstance[] | undefined;
    for (const indexed of families) {
      const { family } = indexed;
      if (accepts !== undefined && !accepts(family.classname)) continue;
      if (indexed.oneNamespace === targetNamespace && family.one.key === target.key) {
        all ??= [...stored];
        for (const member of family.many) all.push(this.make(family, member));
        continue;
      }
      const member = indexed.get(target.key);
      if (member === undefined || this.ns.of(member.namespace ?? family.namespace) !== targetNamespace) continue;
      (all ??= [...stored]).push(this.make(family, member));
    }
    return all === undefined ? stored : Object.freeze(all);
  }
}

/** The map under `key`, created empty when absent. */
function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (map === undefined) outer.set(key, (map = new Map()));
  return map;
}

function entryPath(home: string, ns: NamespaceNames, instance: CIMInstance): CIMInstanceName {
  const path = instance.path;
  if (path === undefined) throw new ModelError('MISSING_PATH', instance.classname, 'an instance in the model has no path');
  if (path.namespace !== undefined && ns.of(path.namespace) !== home) {
    throw new ModelError('NAMESPACE_MISMATCH', String(path), `an instance listed in namespace ${home} has a path in another namespace`);
  }
  return path;
}

/**
 * The instance paths each instance's reference properties point at, kept
 * while the instance lives: most instances of a generation are the previous
 * generation's, and reading every property of each again would cost more
 * than the rest of the index.
 */
const targetsOf = new WeakMap<CIMInstance, readonly CIMInstanceName[]>();
const NO_TARGETS: readonly CIMInstanceName[] = Object.freeze([]);

/** The instance paths an instance's reference properties point at. */
export function referenceTargets(instance: CIMInstance): readonly CIMInstanceName[] {
  let targets = targetsOf.get(instance);
  if (targets === undefined) {
    const found: CIMInstanceName[] = [];
    instance.properties.forEach((property) => {
      if (property.type === 'reference' && property.value instanceof CIMInstanceName) found.push(property.value);
    });
    targetsOf.set(instance, (targets = found.length === 0 ? NO_TARGETS : found));
  }
  return targets;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
