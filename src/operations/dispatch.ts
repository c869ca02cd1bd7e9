import { CIMError, CIMStatus, NocaseMap, type CIMInstanceName, type CIMMethod, type CIMValue } from '../cim/index.js';
import * as assoc from './associations.js';
import * as classes from './classes.js';
import * as instances from './instances.js';
import { namespaceOf } from './lookup.js';
import { getCentralInstances, isGetCentralInstances } from './profiles.js';
import * as pull from './pull.js';
import { execQuery } from './query.js';
import type { IntrinsicCall, OperationContext, Param, Result, Right } from './types.js';
import { withClassOrigins } from './view.js';

type Handler = (ctx: OperationContext, namespace: string, params: readonly Param[]) => Result | Promise<Result>;

const schemaChange = (name: string): Handler => () => classes.schemaChange(name);

interface Operation {
  readonly run: Handler;
  readonly right: Right;
}

const read = (run: Handler): Operation => ({ run, right: 'read' });
const write = (run: Handler): Operation => ({ run, right: 'write' });

/**
 * Every intrinsic operation of DSP0200, by name (matched without case), with
 * the right it needs: the server's whole access policy, checked by
 * authorize(). Subscriptions are Create/Modify/DeleteInstance in root/interop,
 * so they are writes too.
 */
const OPERATIONS = new NocaseMap<Operation>([
  ['GetClass', read(classes.getClass)],
  ['EnumerateClasses', read(classes.enumerateClasses)],
  ['EnumerateClassNames', read(classes.enumerateClassNames)],
  ['GetQualifier', read(classes.getQualifier)],
  ['EnumerateQualifiers', read(classes.enumerateQualifiers)],
  ['CreateClass', write(schemaChange('CreateClass'))],
  ['ModifyClass', write(schemaChange('ModifyClass'))],
  ['DeleteClass', write(schemaChange('DeleteClass'))],
  ['SetQualifier', write(schemaChange('SetQualifier'))],
  ['DeleteQualifier', write(schemaChange('DeleteQualifier'))],
  ['GetInstance', read(instances.getInstance)],
  ['EnumerateInstances', read(instances.enumerateInstances)],
  ['EnumerateInstanceNames', read(instances.enumerateInstanceNames)],
  ['GetProperty', read(instances.getProperty)],
  ['SetProperty', write(instances.setProperty)],
  ['ModifyInstance', write(instances.modifyInstance)],
  ['CreateInstance', write(instances.createInstance)],
  ['DeleteInstance', write(instances.deleteInstance)],
  ['Associators', read(assoc.associatorsOp)],
  ['AssociatorNames', read(assoc.associatorNamesOp)],
  ['References', read(assoc.referencesOp)],
  ['ReferenceNames', read(assoc.referenceNamesOp)],
  ['ExecQuery', read(execQuery)],
  ['OpenEnumerateInstances', read(pull.openEnumerateInstances)],
  ['OpenEnumerateInstancePaths', read(pull.openEnumerateInstancePaths)],
  ['OpenAssociatorInstances', read(pull.openAssociatorInstances)],
  ['OpenAssociatorInstancePaths', read(pull.openAssociatorInstancePaths)],
  ['OpenReferenceInstances', read(pull.openReferenceInstances)],
  ['OpenReferenceInstancePaths', read(pull.openReferenceInstancePaths)],
  ['OpenQueryInstances', read(pull.openQueryInstances)],
  ['PullInstancesWithPath', read(pull.pullInstancesWithPath)],
  ['PullInstancePaths', read(pull.pullInstancePaths)],
  ['PullInstances', read(pull.pullInstances)],
  ['CloseEnumeration', read(pull.closeEnumeration)],
  ['EnumerationCount', read(pull.enumerationCount)],
]);

/** The defining spelling of an intrinsic operation's name, or undefined when there is none. */
export function operationName(name: string): string | undefined {
  return OPERATIONS.nameOf(name);
}

/** Runs an intrinsic operation; CIM errors are thrown as CIMError. */
export async function dispatch(ctx: OperationContext, call: IntrinsicCall): Promise<Result> {
  const operation = OPERATIONS.get(call.name);
  if (!operation) throw new CIMError(CIMStatus.NOT_SUPPORTED, `${call.name} is not an intrinsic operation of this server`);
  const namespace = namespaceOf(ctx.repository, call.namespace);
  return withClassOrigins(ctx.repository, namespace, await operation.run(ctx, namespace, call.params));
}

/** An extrinsic method the broker answers itself, never a provider, for every class that inherits it. */
export interface BrokerMethod {
  readonly declaredOn: string;
  readonly right: Right;
  /** Whether a class's declaration is still the one `run` answers (a subclass may override it). */
  answers(method: CIMMethod): boolean;
  run(ctx: OperationContext, namespace: string, target: CIMInstanceName | { classname: string }): { returnValue: CIMValue; out?: Record<string, CIMValue> };
}

/**
 * Extrinsic methods act on hardware (reset, identify LED, thresholds), run by
 * the provider that owns the class: every one is a write, but for the
 * queries of this table, which the broker answers from the index.
 */
const EXTRINSIC_RIGHT: Right = 'write';
const BROKER_METHODS = new NocaseMap<BrokerMethod>([
  // pywbem's get_central_instances asks it first, and gives up on CIM_ERR_ACCESS_DENIED.
  ['GetCentralInstances', { declaredOn: 'CIM_RegisteredProfile', right: 'read', answers: isGetCentralInstances, run: getCentralInstances }],
]);

/** The broker's own method `name` of the class, if it has one (an unknown namespace, class or method has none). */
export function brokerMethod(ctx: Pick<OperationContext, 'repository'>, namespace: string, classname: string, name: string): BrokerMethod | undefined {
  const method = BROKER_METHODS.get(name);
  if (!method) return undefined; // every other method: nothing to look up
  const ns = ctx.repository.resolveNamespace(namespace);
  if (ns === undefined || !ctx.repository.isSubclassOf(ns, classname, method.declaredOn)) return undefined;
  const declared = ctx.repository.getClass(ns, classname)?.methods.get(name);
  return declared && method.answers(declared) ? method : undefined;
}

/** A call as the access check sees it. */
export type CallToAuthorize = { kind: 'imethodcall'; name: string } | { kind: 'methodcall'; name: string; namespace: string; target: { readonly classname: string } };

/**
 * The one access check, before anything else is looked at:
 * CIM_ERR_ACCESS_DENIED when the call needs more than the caller may. An
 * unknown intrinsic operation passes: dispatch() answers it with
 * CIM_ERR_NOT_SUPPORTED, which tells the caller nothing more.
 */
export function authorize(ctx: Pick<OperationContext, 'repository' | 'caller'>, call: CallToAuthorize): void {
  const right = call.kind === 'methodcall'
    ? brokerMethod(ctx, call.namespace, call.target.classname, call.name)?.right ?? EXTRINSIC_RIGHT
    : OPERATIONS.get(call.name)?.right ?? 'read';
  const { caller } = ctx;
  if (right === 'read' || caller.may === 'write') return;
  const what = call.kind === 'methodcall' ? `method ${call.name}, like every extrinsic method but the broker's queries, acts on hardware and` : `${call.name} changes the server and`;
  throw new CIMError(CIMStatus.ACCESS_DENIED, caller.user === undefined
    ? `${what} needs an authenticated admin; anonymous callers may only read`
    : `user ${caller.user} has the readonly role; ${call.name} needs the admin role`);
}
