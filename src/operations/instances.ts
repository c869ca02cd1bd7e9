/** The instance operations (DSP0200 §5.3.2.2, 5.3.2.5–5.3.2.8, 5.3.2.11–5.3.2.14, 5.3.2.17–18). */
import {
  CIMError, CIMInstance, CIMInstanceName, CIMStatus, NocaseMap, cimProperty, scalarFromText, type CIMProperty, type CIMValue,
} from '../cim/index.js';
import { classOf, instanceAt, instancesOf, instanceToRead, keysNamed, valueNamed } from './lookup.js';
import { Params } from './params.js';
import type { OperationContext, Param, ParamValue, Result, SubscriptionWriter } from './types.js';
import { instanceView } from './view.js';

export function getInstance(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('GetInstance', params, ['InstanceName', 'LocalOnly', 'IncludeQualifiers', 'IncludeClassOrigin', 'PropertyList']);
  p.boolean('LocalOnly', true);
  p.boolean('IncludeQualifiers', false);
  const instance = instanceToRead(ctx, ns, p.requiredInstanceName('InstanceName'));
  const view = instanceView({ propertyList: p.propertyList(), includeClassOrigin: p.boolean('IncludeClassOrigin', false) });
  return { kind: 'instance', instance, view };
}

export function enumerateInstances(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('EnumerateInstances', params,
    ['ClassName', 'LocalOnly', 'DeepInheritance', 'IncludeQualifiers', 'IncludeClassOrigin', 'PropertyList']);
  p.boolean('LocalOnly', true);
  p.boolean('IncludeQualifiers', false);
  const classname = p.requiredClassName('ClassName');
  const deep = p.boolean('DeepInheritance', true);
  const instances = limited(ctx, instancesOf(ctx, ns, classname));
  const view = instanceView({
    propertyList: p.propertyList(),
    includeClassOrigin: p.boolean('IncludeClassOrigin', false),
    requestedClass: deep ? undefined : classOf(ctx, ns, classname),
  });
  return { kind: 'namedinstances', instances, view };
}

export function enumerateInstanceNames(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('EnumerateInstanceNames', params, ['ClassName']);
  const instances = limited(ctx, instancesOf(ctx, ns, p.requiredClassName('ClassName')));
  return { kind: 'instancenames', instances };
}

/** A non-pull enumeration answers in one response, so its size is bounded. */
export function limited<T>(ctx: OperationContext, items: readonly T[]): readonly T[] {
  if (items.length > ctx.limits.maxInstancesPerResponse) {
    throw new CIMError(CIMStatus.SERVER_LIMITS_EXCEEDED,
      `${items.length} results exceed the limit of ${ctx.limits.maxInstancesPerResponse} per response; use the matching pull operation (Open…) instead`);
  }
  return items;
}

export function getProperty(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('GetProperty', params, ['InstanceName', 'PropertyName']);
  const instance = instanceToRead(ctx, ns, p.requiredInstanceName('InstanceName'));
  const property = classProperty(ctx, ns, instance.classname, p.requiredString('PropertyName'));
  const own = instance.properties.get(property.name);
  const value = own?.value ?? null;
  // An OEM instance may flag an embedded object its class does not declare: EnumerateInstances writes it so.
  return { kind: 'value', type: property.type, value, referenceClass: property.referenceClass, embedded: own?.embeddedObject ?? property.embeddedObject };
}

export async function setProperty(ctx: OperationContext, ns: string, params: readonly Param[]): Promise<Result> {
  const p = new Params('SetProperty', params, ['InstanceName', 'PropertyName', 'NewValue']);
  const current = instanceAt(ctx, ns, p.requiredInstanceName('InstanceName'));
  const property = classProperty(ctx, ns, current.classname, p.requiredString('PropertyName'));
  const value = valueNamed(ctx, ns, typedValue(property, p.raw('NewValue')), 'NewValue');
  const properties = new NocaseMap<CIMProperty>([[property.name, cimProperty(property.name, property.type, value, { isArray: property.isArray })]]);
  const modified = new CIMInstance({ classname: current.classname, properties, path: current.path });
  return modify(ctx, ns, modified, [property.name]);
}

export async function modifyInstance(ctx: OperationContext, ns: string, params: readonly Param[]): Promise<Result> {
  const p = new Params('ModifyInstance', params, ['ModifiedInstance', 'IncludeQualifiers', 'PropertyList']);
  p.boolean('IncludeQualifiers', true);
  const { path: given, instance: sent } = p.requiredNamedInstance('ModifiedInstance');
  if (sent.classname.toLowerCase() !== given.classname.toLowerCase()) {
    throw new CIMError(CIMStatus.INVALID_PARAMETER, `ModifiedInstance is an instance of ${sent.classname}, its path names ${given.classname}`);
  }
  const path = keysNamed(ctx, ns, given);
  const instance = referencesNamed(ctx, ns, sent);
  const subscriptions = writerFor(ctx, ns, path.classname);
  if (subscriptions) {
    subscriptions.modify(ns, path, instance, p.propertyList());
    return { kind: 'void' };
  }
  const current = instanceAt(ctx, ns, path);
  const propertyList = p.propertyList();
  for (const name of propertyList ?? instance.properties.keys()) classProperty(ctx, ns, current.classname, name);
  const modified = new CIMInstance({ classname: current.classname, properties: instance.properties, path: current.path });
  return modify(ctx, ns, modified, propertyList);
}

async function modify(ctx: OperationContext, ns: string, instance: CIMInstance, propertyList: readonly string[] | undefined): Promise<Result> {
  const subscriptions = writerFor(ctx, ns, instance.classname);
  if (subscriptions) {
    subscriptions.modify(ns, instance.path!, instance, propertyList);
    return { kind: 'void' };
  }
  if (!ctx.router) throw new CIMError(CIMStatus.NOT_SUPPORTED, `instances of ${instance.classname} cannot be modified`);
  await ctx.router.modifyInstance(ns, instance, propertyList, ctx.signal);
  return { kind: 'void' };
}

export async function createInstance(ctx: OperationContext, ns: string, params: readonly Param[]): Promise<Result> {
  const p = new Params('CreateInstance', params, ['NewInstance']);
  const sent = p.requiredInstance('NewInstance');
  const cls = classOf(ctx, ns, sent.classname);
  const subscriptions = writerFor(ctx, ns, cls.classname);
  if (!subscriptions) throw new CIMError(CIMStatus.NOT_SUPPORTED, `instances of ${cls.classname} cannot be created`);
  return { kind: 'instancename', path: await subscriptions.create(ns, referencesNamed(ctx, ns, sent)) };
}

export function deleteInstance(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('DeleteInstance', params, ['InstanceName']);
  const path = p.requiredInstanceName('InstanceName');
  const instance = instanceAt(ctx, ns, path);
  const subscriptions = writerFor(ctx, ns, instance.classname);
  if (!subscriptions) throw new CIMError(CIMStatus.NOT_SUPPORTED, `instances of ${instance.classname} cannot be deleted`);
  subscriptions.delete(ns, instance.path!);
  return { kind: 'void' };
}

/** The instance with the keys of its reference values named (valueNamed), for the writer or provider that gets it. */
function referencesNamed(ctx: OperationContext, ns: string, instance: CIMInstance): CIMInstance {
  let properties: NocaseMap<CIMProperty> | undefined;
  instance.properties.forEach((property, name) => {
    const value = valueNamed(ctx, ns, property.value, `property ${property.name}`);
    if (value !== property.value) (properties ??= new NocaseMap(instance.properties)).set(name, { ...property, value });
  });
  return properties ? new CIMInstance({ classname: instance.classname, properties, path: instance.path, qualifiers: instance.qualifiers }) : instance;
}

/** The subscription writer, when instances of the class are subscriptions, filters or destinations. */
function writerFor(ctx: OperationContext, ns: string, classname: string): SubscriptionWriter | undefined {
  return ctx.subscriptions?.owns(ns, classname) ? ctx.subscriptions : undefined;
}

function classProperty(ctx: OperationContext, ns: string, classname: string, name: string): CIMProperty {
  const property = classOf(ctx, ns, classname).properties.get(name);
  if (!property) throw new CIMError(CIMStatus.NO_SUCH_PROPERTY, `class ${classname} has no property ${name}`);
  return property;
}

/** Types an untyped wire value (SetProperty NewValue) by the property's declaration. */
function typedValue(property: CIMProperty, value: ParamValue | undefined): CIMValue {
  if (value === undefined) return null;
  try {
    if (value.kind === 'value' && !property.isArray) return scalarFromText(property.type, value.text);
    if (value.kind === 'array' && property.isArray) return value.items.map((i) => (i === null ? null : scalarFromText(property.type, i)));
    // DSP0200's propertyValue is VALUE.REFERENCE; an INSTANCENAME is taken too.
    if (value.kind === 'reference' && value.path instanceof CIMInstanceName && property.type === 'reference') return value.path;
    if (value.kind === 'instancename' && property.type === 'reference') return value.path;
  } catch (e) {
    throw new CIMError(CIMStatus.TYPE_MISMATCH, `NewValue for ${property.name}: ${(e as Error).message}`);
  }
  throw new CIMError(CIMStatus.TYPE_MISMATCH, `NewValue does not fit property ${property.name} of type ${property.type}${property.isArray ? '[]' : ''}`);
}
