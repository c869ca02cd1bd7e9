import { CIMInstanceName, normalizeNamespace, type CIMInstance } from '../cim/index.js';
import { ModelError } from './errors.js';
import type { ModelEntry } from './input.js';
import type { InstanceIndex } from './instance-index.js';
import { NamespaceNames } from './paths.js';

const NONE: readonly CIMInstance[] = Object.freeze([]);

/**
 * Builds the published, immutable index of one generation: every lookup the
 * request path makes is one Map read. Throws ModelError when an entry has no
 * path, a path in another namespace than its entry, or a path already taken.
 *
 * The index never changes the instances it holds; readers must not either.
 */
export function createInstanceIndex(generation: number, entries: readonly ModelEntry[]): InstanceIndex {
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

  return Object.freeze({
    generation,
    byClass(namespace: string, classname: string): readonly CIMInstance[] {
      return byClass.get(normalizeNamespace(namespace))?.get(classname.toLowerCase()) ?? NONE;
    },
    get(namespace: string, path: CIMInstanceName): CIMInstance | undefined {
      return byPath.get(normalizeNamespace(path.namespace ?? namespace))?.get(path.key);
    },
    referencing(namespace: string, target: CIMInstanceName): readonly CIMInstance[] {
      const targetNamespace = normalizeNamespace(target.namespace ?? namespace);
      return byTarget.get(normalizeNamespace(namespace))?.get(targetNamespace)?.get(target.key) ?? NONE;
    },
    entries() {
      return all.values();
    },
  });
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
