/**
 * The published state every request reads: the class repository and the
 * newest instance index. Publishing swaps the index whole, so a request sees
 * one generation from start to end.
 */
import { CIMDateTime, CIMInstance, CIMInstanceName, type CIMProperty, type CIMScalar, type CIMValue } from '../cim/index.js';
import { familyInstance, type AssociationFamily } from '../model/family.js';
import { createInstanceIndex } from '../model/index-impl.js';
import type { ModelEntry } from '../model/input.js';
import type { InstanceIndex } from '../model/instance-index.js';
import { completeInstance } from '../repository/template.js';
import type { ClassRepository } from '../repository/types.js';

export class BrokerState {
  #index: InstanceIndex;
  /** The current generation's: a plain map, replaced by each publish (a weak one is walked by every full collection). */
  #sources = new Map<CIMInstance, NonNullable<ModelEntry['source']>>();
  /**
   * Instances reuse answered with since the last publish: complete, and
   * the current generation's where equal to it. A plain set emptied by each
   * publish: a weak one would hold an entry per instance for good, which
   * every full collection walks.
   */
  #kept = new Set<CIMInstance>();

  constructor(readonly repository: ClassRepository, entries: readonly ModelEntry[] = []) {
    this.#index = createInstanceIndex(0, entries.map(({ namespace, instance }) => ({ namespace, instance: this.#complete(namespace, instance) })), [], this.#make);
  }

  get index(): InstanceIndex {
    return this.#index;
  }

  /**
   * `instance` completed with every property of its class (see
   * completeInstance), or the instance at the same path in the current
   * generation when that one is equal: encoded XML cached for it stays
   * valid, so polls of unchanged hardware re-encode nothing. Given to
   * buildModel as its `reuse` option, so that an unchanged instance is
   * dropped as soon as it is made.
   */
  readonly reuse = (namespace: string, instance: CIMInstance): CIMInstance => {
    if (this.#kept.has(instance)) return instance;
    // The current generation's own instance, offered again (BuildContext.associate
    // does, for an unchanged association), is complete and unchanged: instances never change.
    const kept = instance.path !== undefined && this.#index.get(namespace, instance.path) === instance ? instance : this.#keep(namespace, instance);
    this.#kept.add(kept);
    return kept;
  };

  /** `instance` completed, or its equal predecessor. */
  #keep(namespace: string, instance: CIMInstance): CIMInstance {
    const completed = this.#complete(namespace, instance);
    const old = completed.path && this.#index.get(namespace, completed.path);
    // A changed instance takes its predecessor's path (the same key): one path object per identity, its key built once.
    return old === undefined ? completed : sameInstance(old, completed) ? old : withPath(completed, old.path!);
  }

  /**
   * Publishes a new generation of `entries`, each passed through reuse (a
   * no-op for those that were), and of `families`, whose instances the index
   * makes complete when read.
   */
  publish(entries: readonly ModelEntry[], families: readonly AssociationFamily[] = []): InstanceIndex {
    const sources = new Map<CIMInstance, NonNullable<ModelEntry['source']>>();
    const reused = entries.map((entry) => {
      const instance = this.reuse(entry.namespace, entry.instance);
      if (entry.source) sources.set(instance, entry.source);
      return { namespace: entry.namespace, instance };
    });
    this.#index = createInstanceIndex(this.#index.generation + 1, reused, families, this.#make);
    this.#sources = sources;
    this.#kept.clear();
    return this.#index;
  }

  /**
   * The instances of association families made so far, by member path and
   * family id: every read shares one while anything holds it (a pull
   * session, a generation's enumeration), in later generations too, and
   * none is kept for its own sake.
   */
  readonly #made = new WeakMap<CIMInstanceName, Map<string, WeakRef<CIMInstance>>>();

  /** The complete instance of `family` for `member`: the one made before while it lives. */
  readonly #make = (family: AssociationFamily, member: CIMInstanceName): CIMInstance => {
    let made = this.#made.get(member);
    let instance = made?.get(family.id)?.deref();
    if (instance === undefined) {
      instance = this.#complete(family.namespace, familyInstance(family, member));
      if (made === undefined) this.#made.set(member, (made = new Map()));
      made.set(family.id, new WeakRef(instance));
    }
    return instance;
  };

  #complete(namespace: string, instance: CIMInstance): CIMInstance {
    const cls = this.repository.getClass(namespace, instance.classname);
    return cls === undefined ? instance : completeInstance(cls, instance);
  }

  /** The provider and snapshot element an instance of the current generation was made from. */
  sourceOf(instance: CIMInstance): ModelEntry['source'] {
    return this.#sources.get(instance);
  }
}

function withPath(instance: CIMInstance, path: CIMInstanceName): CIMInstance {
  return new CIMInstance({ classname: instance.classname, properties: instance.properties, qualifiers: instance.qualifiers, path });
}

// Compared for every changed instance of every sample, so written to make no closure per call.
function sameInstance(a: CIMInstance, b: CIMInstance): boolean {
  return a.classname === b.classname && a.properties.equals(b.properties, sameProperty);
}

function sameProperty(p: CIMProperty, q: CIMProperty): boolean {
  return p.type === q.type && sameValue(p.value, q.value);
}

function sameValue(a: CIMValue | undefined, b: CIMValue | undefined): boolean {
  if (!Array.isArray(a) && !Array.isArray(b)) return sameScalar(a ?? null, b ?? null);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameScalar(a[i] ?? null, b[i] ?? null)) return false;
  return true;
}

function sameScalar(a: CIMScalar | null, b: CIMScalar | null): boolean {
  if (a === b) return true;
  if (a instanceof CIMInstanceName && b instanceof CIMInstanceName) return a.equals(b) && a.namespace === b.namespace;
  if (a instanceof CIMDateTime && b instanceof CIMDateTime) return a.equals(b);
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}
