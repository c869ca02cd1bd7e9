import { CIMInstance, CIMInstanceName, NocaseMap, cimProperty, type CIMProperty } from '../cim/index.js';

/**
 * The associations of one class from one element to each of many: the
 * system to every device (SystemDevice), a registered profile to every
 * element conforming to it (ElementConformsToProfile). A host with many
 * sensors has three of them per sensor, holding nothing but their two
 * references, so the index makes them when a request reads them instead
 * of keeping them: kept, they were 38 MB of the 91 MB live heap at 10,000
 * sensors (instances, paths, keys and the index's lists for each).
 */
export interface AssociationFamily {
  /** The same for the same family in every generation: its namespace, class, roles and one end's key. */
  readonly id: string;
  /** Where its instances live. */
  readonly namespace: string;
  readonly classname: string;
  /** The key and reference property at the end every instance shares. */
  readonly oneRole: string;
  readonly one: CIMInstanceName;
  /** The key and reference property at the other end… */
  readonly manyRole: string;
  /** …and its value in each instance, in order. */
  readonly many: readonly CIMInstanceName[];
}

/**
 * The instance of `family` whose many end is `member`, with its two keys
 * and nothing else (the broker completes it from its class). Made anew on
 * each call: the same member gives equal instances.
 */
export function familyInstance(family: AssociationFamily, member: CIMInstanceName): CIMInstance {
  const { namespace, classname, oneRole, one, manyRole } = family;
  const properties = new NocaseMap<CIMProperty>([
    [oneRole, cimProperty(oneRole, 'reference', one)],
    [manyRole, cimProperty(manyRole, 'reference', member)],
  ]);
  const path = new CIMInstanceName({ classname, namespace, keybindings: [[oneRole, one], [manyRole, member]] });
  return new CIMInstance({ classname, properties, path });
}

/** The identity of a family (see AssociationFamily.id). */
export function familyId(namespace: string, classname: string, oneRole: string, one: CIMInstanceName, manyRole: string): string {
  return [namespace, classname, oneRole, one.key, manyRole].join('\0');
}

/**
 * A family's members by key, gathered on the first lookup (most
 * generations never look one up), and the lookup of an association path
 * among them.
 */
export class FamilyMembers {
  #byKey: Map<string, CIMInstanceName> | undefined;

  constructor(readonly family: AssociationFamily) {}

  /** The member whose path has `key`. */
  get(key: string): CIMInstanceName | undefined {
    if (this.#byKey === undefined) {
      const { many } = this.family;
      this.#byKey = new Map();
      for (let i = 0; i < many.length; i++) this.#byKey.set(many[i]!.key, many[i]!);
    }
    return this.#byKey.get(key);
  }

  /**
   * The member `path` binds, when `path` is of the family's class and binds
   * exactly its two roles, the one to its one end. Like the index's keys, it
   * leaves out the references' namespaces and hosts.
   */
  at(path: CIMInstanceName): CIMInstanceName | undefined {
    const { family } = this;
    if (path.keybindings.size !== 2 || path.classname.toLowerCase() !== family.classname.toLowerCase()) return undefined;
    const one = path.keybindings.get(family.oneRole);
    const member = path.keybindings.get(family.manyRole);
    return one instanceof CIMInstanceName && member instanceof CIMInstanceName && one.key === family.one.key ? this.get(member.key) : undefined;
  }
}

/** Every instance of the families, with its namespace: what the index would answer for them, made all at once. */
export function familyEntries(families: readonly AssociationFamily[]): { namespace: string; instance: CIMInstance }[] {
  return families.flatMap((family) => family.many.map((member) => ({ namespace: family.namespace, instance: familyInstance(family, member) })));
}
