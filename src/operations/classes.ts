/** The class and qualifier operations (DSP0200 §5.3.2.1–5.3.2.3, §5.3.2.19–22): the schema is read-only. */
import { CIMError, CIMStatus } from '../cim/index.js';
import { classOf } from './lookup.js';
import { Params } from './params.js';
import type { OperationContext, Param, Result } from './types.js';

/**
 * LocalOnly when a class operation leaves it out. DSP0200's default is true, but sfcb (ESXi's broker) answers whole
 * classes whatever LocalOnly says, and VMware's documented way to read a property's ValueMap,
 * GetClass(instance.classname, includeQualifiers=True) then class.properties[prop], sends no LocalOnly and reads
 * inherited properties: so absent means false here, for GetClass and EnumerateClasses alike.
 */
const LOCAL_ONLY = false;

export function getClass(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('GetClass', params, ['ClassName', 'LocalOnly', 'IncludeQualifiers', 'IncludeClassOrigin', 'PropertyList']);
  const classname = p.requiredClassName('ClassName');
  // DSP0200 lists CIM_ERR_NOT_FOUND, not CIM_ERR_INVALID_CLASS, for a GetClass of a class that does not exist.
  const cls = ctx.repository.getClass(ns, classname);
  if (!cls) throw new CIMError(CIMStatus.NOT_FOUND, `class ${classname} does not exist in namespace ${ns}`);
  const view = ctx.repository.classView(cls, {
    localOnly: p.boolean('LocalOnly', LOCAL_ONLY),
    includeQualifiers: p.boolean('IncludeQualifiers', true),
    includeClassOrigin: p.boolean('IncludeClassOrigin', false),
    propertyList: p.propertyList(),
  });
  return { kind: 'classes', classes: [view] };
}

export function enumerateClasses(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('EnumerateClasses', params, ['ClassName', 'DeepInheritance', 'LocalOnly', 'IncludeQualifiers', 'IncludeClassOrigin']);
  const options = {
    localOnly: p.boolean('LocalOnly', LOCAL_ONLY),
    includeQualifiers: p.boolean('IncludeQualifiers', true),
    includeClassOrigin: p.boolean('IncludeClassOrigin', false),
  };
  const names = subclasses(ctx, ns, p.className('ClassName'), p.boolean('DeepInheritance', false));
  return { kind: 'classes', classes: names.map((n) => ctx.repository.classView(classOf(ctx, ns, n), options)) };
}

export function enumerateClassNames(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('EnumerateClassNames', params, ['ClassName', 'DeepInheritance']);
  return { kind: 'classnames', names: subclasses(ctx, ns, p.className('ClassName'), p.boolean('DeepInheritance', false)) };
}

function subclasses(ctx: OperationContext, ns: string, classname: string | undefined, deep: boolean): string[] {
  const base = classname === undefined ? undefined : classOf(ctx, ns, classname).classname;
  return ctx.repository.subclassNames(ns, base, deep);
}

export function getQualifier(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('GetQualifier', params, ['QualifierName']);
  const name = p.requiredString('QualifierName');
  const declaration = ctx.repository.qualifierDeclarations(ns).get(name);
  if (!declaration) throw new CIMError(CIMStatus.NOT_FOUND, `qualifier ${name} is not declared in namespace ${ns}`);
  return { kind: 'qualifierdeclarations', declarations: [declaration] };
}

export function enumerateQualifiers(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  new Params('EnumerateQualifiers', params, []);
  return { kind: 'qualifierdeclarations', declarations: [...ctx.repository.qualifierDeclarations(ns).values()] };
}

/** CreateClass, ModifyClass, DeleteClass, SetQualifier, DeleteQualifier. */
export function schemaChange(operation: string): Result {
  throw new CIMError(CIMStatus.NOT_SUPPORTED, `${operation} is not supported: the schema is compiled from MOF (see thincim mof)`);
}
