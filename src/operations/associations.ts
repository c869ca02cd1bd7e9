/**
 * Association traversal (DSP0200 §5.3.2.9–5.3.2.10, 5.3.2.15–5.3.2.16): from an
 * instance through the association instances that reference it, or, for a
 * class ObjectName, through the schema.
 */
import { CIMInstanceName, sameName, type CIMClass, type CIMInstance } from '../cim/index.js';
import { limited } from './instances.js';
import { classOf, filterClass, instanceToRead } from './lookup.js';
import { Params } from './params.js';
import type { OperationContext, Param, Result } from './types.js';
import { instanceView } from './view.js';

export interface AssociationFilter {
  assocClass?: string;
  resultClass?: string;
  role?: string;
  resultRole?: string;
}

/** One step of a traversal: the association instance and the object at its other end. */
interface Link {
  association: CIMInstance;
  other: CIMInstanceName;
}

/** The association instances that reference `target` and pass the filter. */
export function references(ctx: OperationContext, ns: string, target: CIMInstanceName, filter: AssociationFilter): CIMInstance[] {
  const source = sourceOf(ctx, ns, target);
  const assocClass = filterClass(ctx, ns, filter.resultClass, 'ResultClass');
  const accepts = (classname: string) => isa(ctx, ns, classname, assocClass);
  return ctx.index.referencing(ns, source, accepts).filter((a) => accepts(a.classname) && roleMatches(a, source, ns, filter.role));
}

/** The instances at the other ends of the associations of `target` that pass the filter. */
export function associators(ctx: OperationContext, ns: string, target: CIMInstanceName, filter: AssociationFilter): CIMInstance[] {
  const seen = new Set<string>();
  const result: CIMInstance[] = [];
  for (const { other } of links(ctx, ns, target, filter)) {
    const otherNs = other.namespace ?? ns;
    const instance = ctx.index.get(otherNs, other);
    const key = `${otherNs.toLowerCase()}:${other.key}`;
    if (!instance || seen.has(key)) continue;
    if (!isa(ctx, otherNs, instance.classname, filter.resultClass)) continue;
    seen.add(key);
    result.push(instance);
  }
  return result;
}

function links(ctx: OperationContext, ns: string, target: CIMInstanceName, filter: AssociationFilter): Link[] {
  const source = sourceOf(ctx, ns, target);
  const assocClass = filterClass(ctx, ns, filter.assocClass, 'AssocClass');
  filterClass(ctx, ns, filter.resultClass, 'ResultClass');
  const result: Link[] = [];
  const accepts = (classname: string) => isa(ctx, ns, classname, assocClass);
  for (const association of ctx.index.referencing(ns, source, accepts)) {
    if (!accepts(association.classname)) continue;
    for (const [role, property] of association.properties) {
      if (property.type !== 'reference' || !(property.value instanceof CIMInstanceName)) continue;
      if (filter.role !== undefined && !sameName(role, filter.role)) continue;
      if (!pointsTo(property.value, source, ns)) continue;
      for (const [resultRole, end] of association.properties) {
        if (resultRole === role || end.type !== 'reference' || !(end.value instanceof CIMInstanceName)) continue;
        if (filter.resultRole !== undefined && !sameName(resultRole, filter.resultRole)) continue;
        result.push({ association, other: end.value.namespace ? end.value : end.value.withLocation(ns) });
      }
    }
  }
  return result;
}

/** The source instance with its namespace; it must exist. */
function sourceOf(ctx: OperationContext, ns: string, target: CIMInstanceName): CIMInstanceName {
  return instanceToRead(ctx, ns, target).path!;
}

function pointsTo(ref: CIMInstanceName, source: CIMInstanceName, ns: string): boolean {
  return ref.key === source.key && (ref.namespace ?? ns).toLowerCase() === (source.namespace ?? ns).toLowerCase();
}

function roleMatches(association: CIMInstance, source: CIMInstanceName, ns: string, role: string | undefined): boolean {
  for (const [name, property] of association.properties) {
    if (property.type !== 'reference' || !(property.value instanceof CIMInstanceName)) continue;
    if ((role === undefined || sameName(name, role)) && pointsTo(property.value, source, ns)) return true;
  }
  return false;
}

function isa(ctx: OperationContext, ns: string, classname: string, ancestor: string | undefined): boolean {
  return ancestor === undefined || ctx.repository.isSubclassOf(ns, classname, ancestor);
}

/**
 * Schema-level traversal for a class ObjectName: the association classes with a
 * reference to the class (or one of its superclasses), and the classes at
 * their other ends.
 */
export function classAssociations(ctx: OperationContext, ns: string, classname: string, filter: AssociationFilter,
): { associations: CIMClass[]; others: CIMClass[] } {
  const target = classOf(ctx, ns, classname);
  const assocClass = filterClass(ctx, ns, filter.assocClass, 'AssocClass');
  filterClass(ctx, ns, filter.resultClass, 'ResultClass');
  const associations: CIMClass[] = [];
  const others = new Map<string, CIMClass>();
  for (const name of ctx.repository.classNames(ns)) {
    const assoc = ctx.repository.getClass(ns, name)!;
    if (!assoc.isAssociation || !isa(ctx, ns, assoc.classname, assocClass)) continue;
    const ends = classEnds(ctx, ns, assoc, target, filter);
    if (ends === undefined) continue;
    associations.push(assoc);
    for (const end of ends) others.set(end.classname.toLowerCase(), end);
  }
  return { associations, others: [...others.values()] };
}

function classEnds(ctx: OperationContext, ns: string, assoc: CIMClass, target: CIMClass, filter: AssociationFilter): CIMClass[] | undefined {
  const refs = [...assoc.properties.values()].filter((p) => p.type === 'reference' && p.referenceClass);
  const sourceRoles = refs.filter((p) =>
    (filter.role === undefined || sameName(p.name, filter.role)) && isa(ctx, ns, target.classname, p.referenceClass));
  if (sourceRoles.length === 0) return undefined;
  const ends: CIMClass[] = [];
  for (const end of refs) {
    if (sourceRoles.length === 1 && end === sourceRoles[0]) continue;
    if (filter.resultRole !== undefined && !sameName(end.name, filter.resultRole)) continue;
    const cls = ctx.repository.getClass(ns, end.referenceClass!);
    if (cls && isa(ctx, ns, cls.classname, filter.resultClass)) ends.push(cls);
  }
  return ends;
}

function filterOf(p: Params, withResultRole: boolean): AssociationFilter {
  return {
    assocClass: withResultRole ? p.className('AssocClass') : undefined,
    resultClass: p.className('ResultClass'),
    role: p.string('Role'),
    resultRole: withResultRole ? p.string('ResultRole') : undefined,
  };
}

const NAME_PARAMS = ['ObjectName', 'ResultClass', 'Role'];
const OBJECT_PARAMS = [...NAME_PARAMS, 'IncludeQualifiers', 'IncludeClassOrigin', 'PropertyList'];

export function associatorsOp(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('Associators', params, [...OBJECT_PARAMS, 'AssocClass', 'ResultRole']);
  return objects(ctx, ns, p, true);
}

export function referencesOp(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('References', params, OBJECT_PARAMS);
  return objects(ctx, ns, p, false);
}

export function associatorNamesOp(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('AssociatorNames', params, [...NAME_PARAMS, 'AssocClass', 'ResultRole']);
  return names(ctx, ns, p, true);
}

export function referenceNamesOp(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('ReferenceNames', params, NAME_PARAMS);
  return names(ctx, ns, p, false);
}

function objects(ctx: OperationContext, ns: string, p: Params, associated: boolean): Result {
  const target = p.requiredObjectName('ObjectName');
  const filter = filterOf(p, associated);
  const includeQualifiers = p.boolean('IncludeQualifiers', false);
  const includeClassOrigin = p.boolean('IncludeClassOrigin', false);
  const propertyList = p.propertyList();
  if (target instanceof CIMInstanceName) {
    const instances = limited(ctx, associated ? associators(ctx, ns, target, filter) : references(ctx, ns, target, filter));
    return { kind: 'objectswithpath', instances, view: instanceView({ propertyList, includeClassOrigin }) };
  }
  const found = classAssociations(ctx, ns, target.classname, filter);
  const options = { localOnly: false, includeQualifiers, includeClassOrigin, propertyList };
  const classes = (associated ? found.others : found.associations).map((c) => ctx.repository.classView(c, options));
  return { kind: 'classeswithpath', classes, namespace: ns };
}

function names(ctx: OperationContext, ns: string, p: Params, associated: boolean): Result {
  const target = p.requiredObjectName('ObjectName');
  const filter = filterOf(p, associated);
  if (target instanceof CIMInstanceName) {
    const instances = limited(ctx, associated ? associators(ctx, ns, target, filter) : references(ctx, ns, target, filter));
    return { kind: 'objectpaths', instances };
  }
  const found = classAssociations(ctx, ns, target.classname, filter);
  return { kind: 'classpaths', classnames: (associated ? found.others : found.associations).map((c) => c.classname), namespace: ns };
}
