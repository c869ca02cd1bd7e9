import { CIMError, CIMStatus, sameName, type CIMClass, type CIMInstance, type CIMInstanceName } from '../cim/index.js';
import type { InstanceIndex } from '../model/instance-index.js';
import type { ClassRepository } from '../repository/types.js';
import type { OperationContext } from './types.js';

/** The defining name of a namespace, or CIM_ERR_INVALID_NAMESPACE. */
export function namespaceOf(repository: ClassRepository, namespace: string): string {
  const ns = repository.resolveNamespace(namespace);
  if (ns === undefined) throw new CIMError(CIMStatus.INVALID_NAMESPACE, `namespace ${namespace} does not exist`);
  return ns;
}

/** A class of the namespace, or CIM_ERR_INVALID_CLASS. */
export function classOf(ctx: OperationContext, namespace: string, classname: string): CIMClass {
  const cls = ctx.repository.getClass(namespace, classname);
  if (!cls) throw new CIMError(CIMStatus.INVALID_CLASS, `class ${classname} does not exist in namespace ${namespace}`);
  return cls;
}

/**
 * The instance at `path`, or CIM_ERR_NOT_FOUND (CIM_ERR_INVALID_CLASS when its
 * class is unknown, CIM_ERR_INVALID_PARAMETER when the path does not bind
 * exactly the class's keys).
 */
export function instanceAt(ctx: OperationContext, namespace: string, path: CIMInstanceName): CIMInstance {
  checkKeys(classOf(ctx, namespace, path.classname), path);
  const instance = ctx.index.get(namespace, path);
  if (!instance) throw new CIMError(CIMStatus.NOT_FOUND, `instance ${path.withLocation(namespace).toString()} does not exist`);
  return instance;
}

/** An instance name must bind every key of its class and nothing else (keyless classes are not checked). */
function checkKeys(cls: CIMClass, path: CIMInstanceName): void {
  const keys = cls.keyNames;
  if (keys.length === 0) return;
  const missing = keys.filter((k) => !path.keybindings.has(k));
  const extra = [...path.keybindings.keys()].filter((k) => !keys.some((key) => sameName(key, k)));
  if (missing.length === 0 && extra.length === 0) return;
  const problems = [
    ...(missing.length ? [`lacks key ${missing.join(', ')}`] : []),
    ...(extra.length ? [`binds ${extra.join(', ')}, which ${extra.length > 1 ? 'are not keys' : 'is not a key'}`] : []),
  ];
  throw new CIMError(CIMStatus.INVALID_PARAMETER, `the instance name of ${cls.classname} ${problems.join(' and ')}`);
}

const enumerations = new WeakMap<InstanceIndex, Map<string, readonly CIMInstance[]>>();

/**
 * Every instance of `classname` and its subclasses (the class itself must
 * exist). The same array is returned for the same class while the index
 * generation lasts, so that what is derived from it can be cached too.
 */
export function instancesOf(ctx: OperationContext, namespace: string, classname: string): readonly CIMInstance[] {
  return instancesOfClass(ctx, namespace, classOf(ctx, namespace, classname).classname);
}

/**
 * instancesOf for a class known to exist (or none: no instances), for the
 * server's own readers (/metrics, the page) as for operations.
 */
export function instancesOfClass(
  model: { readonly index: InstanceIndex; readonly repository: ClassRepository }, namespace: string, classname: string,
): readonly CIMInstance[] {
  let byClass = enumerations.get(model.index);
  if (!byClass) enumerations.set(model.index, (byClass = new Map()));
  const key = `${namespace.toLowerCase()}:${classname.toLowerCase()}`;
  let result = byClass.get(key);
  if (!result) {
    const all = [...model.index.byClass(namespace, classname)];
    for (const sub of model.repository.subclassNames(namespace, classname, true)) all.push(...model.index.byClass(namespace, sub));
    byClass.set(key, (result = Object.freeze(all)));
  }
  return result;
}

/** A class name argument (AssocClass, ResultClass) that must name an existing class. */
export function filterClass(ctx: OperationContext, namespace: string, name: string | undefined, param: string): string | undefined {
  if (name === undefined) return undefined;
  if (!ctx.repository.getClass(namespace, name)) {
    throw new CIMError(CIMStatus.INVALID_PARAMETER, `${param} names class ${name}, which does not exist in namespace ${namespace}`);
  }
  return name;
}
