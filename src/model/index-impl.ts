import { CIMInstanceName, normalizeNamespace, type CIMInstance } from '../cim/index.js';
import { ModelError } from './errors.js';
import type { ModelEntry } from './input.js';
import type { InstanceIndex } from './instance-index.js';

const NONE: readonly CIMInstance[] = Object.freeze([]);
const SEP = '\u0000';

/**
 * Builds the published, immutable index of one generation: every lookup the
 * request path makes is one Map read. Throws ModelError when an entry has no
 * path, a path in another namespace than its entry, or a path already taken.
 *
 * The index never changes the instances it holds; readers must not either.
 */
export function createInstanceIndex(generation: number, entries: Iterable<ModelEntry>): InstanceIndex {
  const ns = new NamespaceNames();
  const byPath = new Map<string, CIMInstance>();
  const byClass = new Map<string, CIMInstance[]>();
  const byTarget = new Map<string, CIMInstance[]>();

  for (const { namespace, instance } of entries) {
    const home = ns.of(namespace);
    const pathKey = home + SEP + entryPath(home, ns, instance).key;
    if (byPath.has(pathKey)) throw new ModelError('DUPLICATE_PATH', String(instance.path), 'two instances share a path');
    byPath.set(pathKey, instance);
    append(byClass, home + SEP + instance.classname.toLowerCase(), instance);
    for (const target of referenceTargets(instance)) {
      const key = home + SEP + ns.of(target.namespace ?? namespace) + SEP + target.key;
      const list = byTarget.get(key);
      // An association naming the same target twice is listed once.
      if (list === undefined) byTarget.set(key, [instance]);
      else if (list[list.length - 1] !== instance) list.push(instance);
    }
  }
  for (const list of byClass.values()) Object.freeze(list);
  for (const list of byTarget.values()) Object.freeze(list);

  return Object.freeze({
    generation,
    byClass(namespace: string, classname: string): readonly CIMInstance[] {
      return byClass.get(normalizeNamespace(namespace) + SEP + classname.toLowerCase()) ?? NONE;
    },
    get(namespace: string, path: CIMInstanceName): CIMInstance | undefined {
      return byPath.get(normalizeNamespace(path.namespace ?? namespace) + SEP + path.key);
    },
    referencing(namespace: string, target: CIMInstanceName): readonly CIMInstance[] {
      const home = normalizeNamespace(namespace);
      return byTarget.get(home + SEP + normalizeNamespace(target.namespace ?? namespace) + SEP + target.key) ?? NONE;
    },
  });
}

function entryPath(home: string, ns: NamespaceNames, instance: CIMInstance): CIMInstanceName {
  const path = instance.path;
  if (path === undefined) throw new ModelError('MISSING_PATH', instance.classname, 'an instance in the model has no path');
  if (path.namespace !== undefined && ns.of(path.namespace) !== home) {
    throw new ModelError('NAMESPACE_MISMATCH', String(path), `an instance listed in namespace ${home} has a path in another namespace`);
  }
  return path;
}

/** The instance paths an instance's reference properties point at. */
export function* referenceTargets(instance: CIMInstance): Generator<CIMInstanceName> {
  for (const property of instance.properties.values()) {
    if (property.type === 'reference' && property.value instanceof CIMInstanceName) yield property.value;
  }
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Namespace names folded once per distinct spelling while building (they
 * repeat on every reference). Request-time lookups fold directly, so client
 * input never grows this cache.
 */
class NamespaceNames {
  readonly #folded = new Map<string, string>();

  of(namespace: string): string {
    let folded = this.#folded.get(namespace);
    if (folded === undefined) {
      folded = normalizeNamespace(namespace);
      this.#folded.set(namespace, folded);
    }
    return folded;
  }
}
