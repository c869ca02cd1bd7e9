/**
 * The published state every request reads: the class repository and the
 * newest instance index. Publishing swaps the index whole, so a request sees
 * one generation from start to end.
 */
import { CIMDateTime, CIMInstanceName, type CIMInstance, type CIMScalar, type CIMValue } from '../cim/index.js';
import { createInstanceIndex } from '../model/index-impl.js';
import type { ModelEntry } from '../model/input.js';
import type { InstanceIndex } from '../model/instance-index.js';
import { completeInstance } from '../repository/template.js';
import type { ClassRepository } from '../repository/types.js';

export class BrokerState {
  #index: InstanceIndex;
  #sources = new WeakMap<CIMInstance, NonNullable<ModelEntry['source']>>();

  constructor(readonly repository: ClassRepository, entries: readonly ModelEntry[] = []) {
    this.#index = createInstanceIndex(0, entries.map((entry) => this.#completed(entry)));
  }

  get index(): InstanceIndex {
    return this.#index;
  }

  /**
   * Publishes a new generation. Every instance is completed with every
   * property of its class (see completeInstance). An instance equal to the
   * one at the same path in the current generation is replaced by that one,
   * so that encoded XML cached for it stays valid: polls of unchanged
   * hardware re-encode nothing.
   */
  publish(entries: readonly ModelEntry[]): InstanceIndex {
    const previous = this.#index;
    const sources = new WeakMap<CIMInstance, NonNullable<ModelEntry['source']>>();
    const reused = entries.map((entry) => {
      const { instance: completed } = this.#completed(entry);
      const path = completed.path;
      const old = path && previous.get(entry.namespace, path);
      const instance = old && sameInstance(old, completed) ? old : completed;
      if (entry.source) sources.set(instance, entry.source);
      return { namespace: entry.namespace, instance };
    });
    this.#index = createInstanceIndex(previous.generation + 1, reused);
    this.#sources = sources;
    return this.#index;
  }

  #completed(entry: ModelEntry): ModelEntry {
    const cls = this.repository.getClass(entry.namespace, entry.instance.classname);
    return cls === undefined ? entry : { ...entry, instance: completeInstance(cls, entry.instance) };
  }

  /** The provider and snapshot element an instance of the current generation was made from. */
  sourceOf(instance: CIMInstance): ModelEntry['source'] {
    return this.#sources.get(instance);
  }
}

function sameInstance(a: CIMInstance, b: CIMInstance): boolean {
  return a.classname === b.classname && a.properties.equals(b.properties, (p, q) => p.type === q.type && sameValue(p.value, q.value));
}

function sameValue(a: CIMValue | undefined, b: CIMValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameScalar(x, b[i] ?? null));
  }
  return sameScalar(a ?? null, b ?? null);
}

function sameScalar(a: CIMScalar | null, b: CIMScalar | null): boolean {
  if (a === b) return true;
  if (a instanceof CIMInstanceName && b instanceof CIMInstanceName) return a.equals(b) && a.namespace === b.namespace;
  if (a instanceof CIMDateTime && b instanceof CIMDateTime) return a.equals(b);
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}
