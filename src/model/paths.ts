import { normalizeNamespace, type CIMInstanceName } from '../cim/index.js';

/**
 * Namespace names folded once per distinct spelling (they repeat on every
 * path and reference of a model). Use it for model entries only: a cache fed
 * with client input would grow without bound.
 */
export class NamespaceNames {
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

/**
 * Values by instance path across namespaces (a path without namespace is in
 * the namespace given), in maps nested by namespace: no lookup builds a key
 * by concatenation, and a path's memoized key is reused.
 */
export class PathMap<V> {
  readonly #names: NamespaceNames;
  readonly #maps = new Map<string, Map<string, V>>();

  constructor(names: NamespaceNames = new NamespaceNames()) {
    this.#names = names;
  }

  get(namespace: string, path: CIMInstanceName): V | undefined {
    return this.#maps.get(this.#names.of(path.namespace ?? namespace))?.get(path.key);
  }

  has(namespace: string, path: CIMInstanceName): boolean {
    return this.#maps.get(this.#names.of(path.namespace ?? namespace))?.has(path.key) ?? false;
  }

  set(namespace: string, path: CIMInstanceName, value: V): void {
    const folded = this.#names.of(path.namespace ?? namespace);
    let map = this.#maps.get(folded);
    if (map === undefined) this.#maps.set(folded, (map = new Map()));
    map.set(path.key, value);
  }
}
