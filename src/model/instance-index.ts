import type { CIMInstance, CIMInstanceName } from '../cim/index.js';

/**
 * An immutable, published set of instances across namespaces: what every
 * request reads. A new generation replaces the old one whole, so a request
 * never sees a half-updated model. Instance identities (paths) are stable
 * across generations.
 *
 * The instances of association families are made when read, and may be
 * new ones (equal to the last) on every call: compare them by path, not
 * identity.
 */
export interface InstanceIndex {
  /** Increases with every published change. */
  readonly generation: number;
  /** Instances whose creation class is exactly `classname` (case-insensitive), in a namespace. */
  byClass(namespace: string, classname: string): readonly CIMInstance[];
  /** The instance at `path` (its namespace, or `namespace` when the path has none). */
  get(namespace: string, path: CIMInstanceName): CIMInstance | undefined;
  /**
   * Association instances, in `namespace`, with a reference property that
   * points at `target` (matched with the target's namespace when the
   * reference carries one). `accepts` spares making what the caller would
   * drop: instances of association families whose class it refuses are left
   * out; the caller still filters the rest.
   */
  referencing(namespace: string, target: CIMInstanceName, accepts?: (classname: string) => boolean): readonly CIMInstance[];
  /**
   * Every instance the index stores, with its namespace, in publishing order:
   * not the instances of association families, which the other methods make
   * when read (see AssociationFamily).
   */
  entries(): Iterable<{ readonly namespace: string; readonly instance: CIMInstance }>;
}
