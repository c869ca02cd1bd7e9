import { CIMError, CIMInstanceName, CIMStatus, UNNAMED_KEY, sameKeyValue, sameName, type CIMClass, type CIMInstance, type CIMKeyValue, type CIMValue } from '../cim/index.js';
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
export function classOf(ctx: Pick<OperationContext, 'repository'>, namespace: string, classname: string): CIMClass {
  const cls = ctx.repository.getClass(namespace, classname);
  if (!cls) throw new CIMError(CIMStatus.INVALID_CLASS, `class ${classname} does not exist in namespace ${namespace}`);
  return cls;
}

/**
 * The instance at `path`, or CIM_ERR_NOT_FOUND (CIM_ERR_INVALID_CLASS when its
 * class is unknown, CIM_ERR_INVALID_PARAMETER when the path does not bind
 * exactly the class's keys).
 */
export function instanceAt(ctx: OperationContext, namespace: string, given: CIMInstanceName): CIMInstance {
  const cls = classOf(ctx, namespace, given.classname);
  const path = keysNamedIn(ctx.repository, namespace, cls, given);
  const { missing, extra } = keyProblems(cls, path);
  if (missing.length || extra.length) throw wrongKeys(path.classname, missing, extra);
  return existing(ctx, namespace, path);
}

/**
 * instanceAt for the operations that only read (GetInstance, GetProperty, the
 * association traversals): a name that binds some of its class's keys, and
 * nothing else, also names the one instance of that class with those
 * bindings. Tools written for ESXi leave out the keys named …ClassName
 * (vesperbot/zabbix-esxi-cim's items), which ESXi's providers do without. A
 * name that binds no key stays an error: wbemcli sends one for a class.
 */
export function instanceToRead(ctx: OperationContext, namespace: string, given: CIMInstanceName): CIMInstance {
  const cls = classOf(ctx, namespace, given.classname);
  const path = keysNamedIn(ctx.repository, namespace, cls, given);
  const { missing, extra } = keyProblems(cls, path);
  if (missing.length === 0 && extra.length === 0) return existing(ctx, namespace, path);
  if (extra.length || path.keybindings.size === 0) throw wrongKeys(path.classname, missing, extra);
  const matching = ctx.index.byClass(namespace, cls.classname).filter((instance) => bindsAlike(instance.path!, path));
  if (matching.length === 1) return matching[0]!;
  if (matching.length === 0) return existing(ctx, namespace, path);
  throw new CIMError(CIMStatus.INVALID_PARAMETER,
    `the instance name of ${path.classname} lacks key ${missing.join(', ')}; ${matching.length} instances have the keys it binds`);
}

/**
 * Whether the path, or a path one of its reference keys holds, gives a key
 * value without its name (UNNAMED_KEY): the cheap test that lets a path
 * named the usual way through unchanged.
 */
export function hasUnnamedKey(path: CIMInstanceName): boolean {
  if (path.keybindings.has(UNNAMED_KEY)) return true;
  for (const value of path.keybindings.values()) {
    if (value instanceof CIMInstanceName && hasUnnamedKey(value)) return true;
  }
  return false;
}

/**
 * The path with its keys named (see keysNamedIn), for a writer that looks
 * the instance up itself: CIM_ERR_INVALID_CLASS when its class is unknown.
 */
export function keysNamed(ctx: Pick<OperationContext, 'repository'>, namespace: string, path: CIMInstanceName): CIMInstanceName {
  return hasUnnamedKey(path) ? keysNamedIn(ctx.repository, namespace, classOf(ctx, namespace, path.classname), path) : path;
}

/**
 * A reference value outside a path (a property, SetProperty's NewValue, a
 * method parameter), with its keys named as a path's are before a provider
 * or writer gets it; CIM_ERR_INVALID_PARAMETER when a key stays without a
 * name (its class, or that of a path it holds, is unknown here).
 */
export function referenceNamed(ctx: Pick<OperationContext, 'repository'>, namespace: string, path: CIMInstanceName, what: string): CIMInstanceName {
  if (!hasUnnamedKey(path)) return path;
  const named = referenceKeyNamed(ctx.repository, path.namespace ?? namespace, path);
  if (hasUnnamedKey(named)) {
    throw new CIMError(CIMStatus.INVALID_PARAMETER, `${what} gives a key value without its name in a path of a class unknown here (${path.classname})`);
  }
  return named;
}

/**
 * The path with its keys named where its classes are known and have one key
 * (see keysNamedIn), else as it is: what the CIMObject header, which always
 * names keys (DSP0207), is compared with before the operation runs.
 */
export function keysNamedIfKnown(repository: Classes, namespace: string, path: CIMInstanceName): CIMInstanceName {
  if (!hasUnnamedKey(path)) return path;
  try {
    return referenceKeyNamed(repository, namespace, path);
  } catch (e) {
    if (e instanceof CIMError) return path; // a class with several keys: the operation says so
    throw e;
  }
}

/** A reference value or array with its paths' keys named (referenceNamed); other values as they are. */
export function valueNamed(ctx: Pick<OperationContext, 'repository'>, namespace: string, value: CIMValue, what: string): CIMValue {
  if (value instanceof CIMInstanceName) return referenceNamed(ctx, namespace, value, what);
  if (!Array.isArray(value) || !value.some((v) => v instanceof CIMInstanceName && hasUnnamedKey(v))) return value;
  return value.map((v) => (v instanceof CIMInstanceName ? referenceNamed(ctx, namespace, v, what) : v));
}

/**
 * The path with its unnamed key value (DSP0201 INSTANCENAME's lone KEYVALUE
 * or VALUE.REFERENCE) bound to the class's one key, and so the paths its
 * reference keys hold, each in its own namespace or the call's. A class with
 * another number of keys is CIM_ERR_INVALID_PARAMETER. A path without an
 * unnamed key is returned as it is, nothing built.
 */
function keysNamedIn(repository: Classes, namespace: string, cls: CIMClass, path: CIMInstanceName): CIMInstanceName {
  if (!hasUnnamedKey(path)) return path;
  const bindings = [...path.keybindings].map(([name, value]): [string, CIMKeyValue] => [
    name === UNNAMED_KEY ? theOneKey(cls, path) : name,
    value instanceof CIMInstanceName ? referenceKeyNamed(repository, value.namespace ?? namespace, value) : value,
  ]);
  return new CIMInstanceName({ classname: path.classname, keybindings: bindings, namespace: path.namespace, host: path.host });
}

function theOneKey(cls: CIMClass, path: CIMInstanceName): string {
  const keys = cls.keyNames;
  if (keys.length !== 1) {
    throw new CIMError(CIMStatus.INVALID_PARAMETER, `the instance name of ${path.classname} gives one key value without a name, ` +
      `which only a class with one key may; ${cls.classname} has ${keys.length} keys`);
  }
  return keys[0]!;
}

/** A reference key's path with its keys named; as it is when its namespace or class is unknown (then no instance has it). */
function referenceKeyNamed(repository: Classes, namespace: string, path: CIMInstanceName): CIMInstanceName {
  if (!hasUnnamedKey(path)) return path;
  const ns = repository.resolveNamespace(namespace);
  const cls = ns === undefined ? undefined : repository.getClass(ns, path.classname);
  return cls ? keysNamedIn(repository, ns!, cls, path) : path;
}

type Classes = Pick<ClassRepository, 'resolveNamespace' | 'getClass'>;

function existing(ctx: OperationContext, namespace: string, path: CIMInstanceName): CIMInstance {
  const instance = ctx.index.get(namespace, path);
  if (!instance) throw new CIMError(CIMStatus.NOT_FOUND, `instance ${path.withLocation(namespace).toString()} does not exist`);
  return instance;
}

/** An instance name must bind every key of its class and nothing else (keyless classes are not checked). */
function keyProblems(cls: CIMClass, path: CIMInstanceName): { missing: string[]; extra: string[] } {
  const keys = cls.keyNames;
  if (keys.length === 0) return { missing: [], extra: [] };
  return {
    missing: keys.filter((k) => !path.keybindings.has(k)),
    extra: [...path.keybindings.keys()].filter((k) => !keys.some((key) => sameName(key, k))),
  };
}

function wrongKeys(classname: string, missing: readonly string[], extra: readonly string[]): CIMError {
  const problems = [
    ...(missing.length ? [`lacks key ${missing.join(', ')}`] : []),
    ...(extra.length ? [`binds ${extra.join(', ')}, which ${extra.length > 1 ? 'are not keys' : 'is not a key'}`] : []),
  ];
  return new CIMError(CIMStatus.INVALID_PARAMETER, `the instance name of ${classname} ${problems.join(' and ')}`);
}

/** Whether `full` has each of `partial`'s bindings. */
function bindsAlike(full: CIMInstanceName, partial: CIMInstanceName): boolean {
  let alike = true;
  partial.keybindings.forEach((value, name) => {
    const own = full.keybindings.get(name);
    alike &&= own !== undefined && sameKeyValue(own, value);
  });
  return alike;
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
