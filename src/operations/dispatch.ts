import { CIMError, CIMStatus, NocaseMap } from '../cim/index.js';
import * as assoc from './associations.js';
import * as classes from './classes.js';
import * as instances from './instances.js';
import { namespaceOf } from './lookup.js';
import * as pull from './pull.js';
import { execQuery } from './query.js';
import type { IntrinsicCall, OperationContext, Param, Result } from './types.js';
import { withClassOrigins } from './view.js';

type Handler = (ctx: OperationContext, namespace: string, params: readonly Param[]) => Result | Promise<Result>;

const schemaChange = (name: string): Handler => () => classes.schemaChange(name);

/** Every intrinsic operation of DSP0200, by name (matched without case). */
const OPERATIONS = new NocaseMap<Handler>([
  ['GetClass', classes.getClass],
  ['EnumerateClasses', classes.enumerateClasses],
  ['EnumerateClassNames', classes.enumerateClassNames],
  ['GetQualifier', classes.getQualifier],
  ['EnumerateQualifiers', classes.enumerateQualifiers],
  ['CreateClass', schemaChange('CreateClass')],
  ['ModifyClass', schemaChange('ModifyClass')],
  ['DeleteClass', schemaChange('DeleteClass')],
  ['SetQualifier', schemaChange('SetQualifier')],
  ['DeleteQualifier', schemaChange('DeleteQualifier')],
  ['GetInstance', instances.getInstance],
  ['EnumerateInstances', instances.enumerateInstances],
  ['EnumerateInstanceNames', instances.enumerateInstanceNames],
  ['GetProperty', instances.getProperty],
  ['SetProperty', instances.setProperty],
  ['ModifyInstance', instances.modifyInstance],
  ['CreateInstance', instances.createInstance],
  ['DeleteInstance', instances.deleteInstance],
  ['Associators', assoc.associatorsOp],
  ['AssociatorNames', assoc.associatorNamesOp],
  ['References', assoc.referencesOp],
  ['ReferenceNames', assoc.referenceNamesOp],
  ['ExecQuery', execQuery],
  ['OpenEnumerateInstances', pull.openEnumerateInstances],
  ['OpenEnumerateInstancePaths', pull.openEnumerateInstancePaths],
  ['OpenAssociatorInstances', pull.openAssociatorInstances],
  ['OpenAssociatorInstancePaths', pull.openAssociatorInstancePaths],
  ['OpenReferenceInstances', pull.openReferenceInstances],
  ['OpenReferenceInstancePaths', pull.openReferenceInstancePaths],
  ['OpenQueryInstances', pull.openQueryInstances],
  ['PullInstancesWithPath', pull.pullInstancesWithPath],
  ['PullInstancePaths', pull.pullInstancePaths],
  ['PullInstances', pull.pullInstances],
  ['CloseEnumeration', pull.closeEnumeration],
  ['EnumerationCount', pull.enumerationCount],
]);

/** The defining spelling of an intrinsic operation's name, or undefined when there is none. */
export function operationName(name: string): string | undefined {
  return OPERATIONS.nameOf(name);
}

/** Runs an intrinsic operation; CIM errors are thrown as CIMError. */
export async function dispatch(ctx: OperationContext, call: IntrinsicCall): Promise<Result> {
  const handler = OPERATIONS.get(call.name);
  if (!handler) throw new CIMError(CIMStatus.NOT_SUPPORTED, `${call.name} is not an intrinsic operation of this server`);
  const namespace = namespaceOf(ctx.repository, call.namespace);
  return withClassOrigins(ctx.repository, namespace, await handler(ctx, namespace, call.params));
}
