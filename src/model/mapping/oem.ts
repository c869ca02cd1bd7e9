/** The OEM path: instances of instance providers pass through into their namespaces. */
import type { CIMInstanceName } from '../../cim/index.js';
import { FamilyMembers, type AssociationFamily } from '../family.js';
import { inNamespace } from '../instance-draft.js';
import type { InstanceSample } from '../input.js';
import { NamespaceNames, PathMap } from '../paths.js';
import type { BuildContext } from './context.js';

/**
 * Adds each provider's instances under their sample's namespace (paths
 * without a namespace get it). An instance without a path, with a path in
 * another namespace, or with a path already in the model (an instance's, or
 * an association family's) is left out and reported: the model never holds
 * two instances at one path.
 */
export function addOemInstances(ctx: BuildContext, samples: readonly InstanceSample[]): void {
  if (samples.every((s) => s.instances.length === 0)) return;
  const names = new NamespaceNames();
  const taken = new PathMap<true>(names);
  for (const { namespace, instance } of ctx.entries) taken.set(namespace, instance.path!, true);
  const related = new FamilyPaths(ctx.families, names);
  for (const sample of samples) {
    for (const instance of sample.instances) {
      const path = instance.path;
      const subject = path === undefined ? instance.classname : String(path);
      if (path === undefined) {
        ctx.problem(sample.provider, subject, 'instance has no path: left out');
      } else if (path.namespace !== undefined && names.of(path.namespace) !== names.of(sample.namespace)) {
        ctx.problem(sample.provider, subject, `path is not in the provider's namespace ${sample.namespace}: left out`);
      } else if (taken.has(sample.namespace, path) || related.has(sample.namespace, path)) {
        ctx.problem(sample.provider, subject, 'another instance already has this path: left out');
      } else {
        taken.set(sample.namespace, path, true);
        ctx.add(sample.namespace, path.namespace === undefined ? inNamespace(instance, sample.namespace) : instance);
      }
    }
  }
}

/** The paths of the families' instances, matched without making them. */
class FamilyPaths {
  readonly #members: FamilyMembers[];

  constructor(families: readonly AssociationFamily[], private readonly names: NamespaceNames) {
    this.#members = families.map((family) => new FamilyMembers(family));
  }

  has(namespace: string, path: CIMInstanceName): boolean {
    const home = this.names.of(path.namespace ?? namespace);
    return this.#members.some((members) => this.names.of(members.family.namespace) === home && members.at(path) !== undefined);
  }
}
