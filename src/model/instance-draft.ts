import {
  CIMInstance, CIMInstanceName, NocaseMap,
  type CIMKeyValue, type CIMProperty, type CIMQualifier, type CIMScalar, type CIMType,
} from '../cim/index.js';

/**
 * Assembles one instance and its path: keys go into both, so a path can
 * never disagree with the key properties it names.
 */
export class InstanceDraft {
  readonly #namespace: string;
  readonly #classname: string;
  readonly #properties = new NocaseMap<CIMProperty>();
  readonly #keys: [string, CIMKeyValue][] = [];

  constructor(namespace: string, classname: string) {
    this.#namespace = namespace;
    this.#classname = classname;
  }

  get classname(): string {
    return this.#classname;
  }

  /** The value of key `name`, if set (as written: keys are few). */
  keyValue(name: string): CIMKeyValue | undefined {
    return this.#keys.find(([key]) => key === name)?.[1];
  }

  key(name: string, type: CIMType, value: CIMKeyValue): this {
    this.#keys.push([name, value]);
    return this.set(name, type, value);
  }

  /** A scalar property; null writes NULL, undefined leaves the property out. */
  set(name: string, type: CIMType, value: CIMScalar | null | undefined): this {
    if (value !== undefined) this.#properties.set(name, property(name, type, value, false));
    return this;
  }

  /**
   * An array property; null writes NULL, undefined leaves the property out.
   * The array becomes the value itself (frozen lists are shared between
   * instances), so the caller must not change it afterwards.
   */
  setArray(name: string, type: CIMType, values: readonly CIMScalar[] | null | undefined): this {
    if (values !== undefined) this.#properties.set(name, property(name, type, values as CIMScalar[] | null, true));
    return this;
  }

  /** The path alone, before (or without) building the instance. */
  path(): CIMInstanceName {
    return new CIMInstanceName({ classname: this.#classname, keybindings: this.#keys, namespace: this.#namespace });
  }

  build(path: CIMInstanceName = this.path()): CIMInstance {
    return new CIMInstance({ classname: this.#classname, properties: this.#properties, path });
  }
}

/**
 * Property records are immutable and most values repeat across devices
 * (keys of the system, units, states, thresholds), so each name shares a
 * record per value, for at most RECORDS_PER_NAME values: ids, labels and
 * readings past that get records of their own.
 */
const RECORDS_PER_NAME = 64;
const records = new Map<string, Map<unknown, CIMProperty>>();

function property(name: string, type: CIMType, value: CIMScalar | CIMScalar[] | null, isArray: boolean): CIMProperty {
  // Arrays are shared when frozen (lists shared between instances); references and datetimes are objects of their own.
  const shareable = Array.isArray(value) ? Object.isFrozen(value) : value === null || typeof value !== 'object';
  let byValue = shareable ? records.get(name) : undefined;
  if (shareable && byValue === undefined) records.set(name, (byValue = new Map()));
  const shared = byValue?.get(value);
  if (shared !== undefined && shared.type === type) return shared;
  const record: CIMProperty = { name, type, value, isArray, qualifiers: NocaseMap.empty(), propagated: false };
  if (byValue !== undefined && shared === undefined && byValue.size < RECORDS_PER_NAME) byValue.set(value, record);
  return record;
}

/** The same instance (same properties) addressed in another namespace. */
export function inNamespace(instance: CIMInstance, namespace: string): CIMInstance {
  const path = instance.path?.withLocation(namespace);
  return new CIMInstance({ classname: instance.classname, properties: instance.properties, qualifiers: instance.qualifiers, path });
}
