/** The OEM path: instances of instance providers pass through into their namespaces. */
import { normalizeNamespace } from '../../cim/index.js';
import { inNamespace } from '../instance-draft.js';
import type { InstanceSample } from '../input.js';
import type { BuildContext } from './context.js';

/**
 * Adds each provider's instances under their sample's namespace (paths
 * without a namespace get it). An instance without a path, with a path in
 * another namespace, or with a path already in the model is left out and
 * reported: the model never holds two instances at one path.
 */
export function addOemInstances(ctx: BuildContext, samples: readonly InstanceSample[]): void {
  if (samples.every((s) => s.instances.length === 0)) return;
  const taken = new Set(ctx.entries.map(({ namespace, instance }) => pathId(namespace, instance.path!.key)));
  for (const sample of samples) {
    for (const instance of sample.instances) {
      const path = instance.path;
      const subject = path === undefined ? instance.classname : String(path);
      if (path === undefined) {
        ctx.problem(sample.provider, subject, 'instance has no path: left out');
      } else if (path.namespace !== undefined && normalizeNamespace(path.namespace) !== normalizeNamespace(sample.namespace)) {
        ctx.problem(sample.provider, subject, `path is not in the provider's namespace ${sample.namespace}: left out`);
      } else if (taken.has(pathId(sample.namespace, path.key))) {
        ctx.problem(sample.provider, subject, 'another instance already has this path: left out');
      } else {
        taken.add(pathId(sample.namespace, path.key));
        ctx.add(sample.namespace, path.namespace === undefined ? inNamespace(instance, sample.namespace) : instance);
      }
    }
  }
}

function pathId(namespace: string, key: string): string {
  return `${normalizeNamespace(namespace)}\u0000${key}`;
}
