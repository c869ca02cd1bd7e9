/** Extrinsic methods of the interop namespace's registered profiles, which the broker answers itself from the index. */
import { CIMError, CIMInstanceName, CIMStatus, sameName, type CIMMethod, type CIMValue } from '../cim/index.js';
import { references } from './associations.js';
import { limited } from './instances.js';
import { instanceAt } from './lookup.js';
import type { OperationContext } from './types.js';

/**
 * DSP1033 1.1's GetCentralInstances: the ManagedElement of every
 * CIM_ElementConformsToProfile that names the profile, each with its
 * namespace (root/cimv2 for the hardware); what a client would otherwise
 * reach with Associators.
 */
export function getCentralInstances(ctx: OperationContext, namespace: string, target: CIMInstanceName | { classname: string }): { returnValue: CIMValue; out: Record<string, CIMValue> } {
  if (!(target instanceof CIMInstanceName)) {
    throw new CIMError(CIMStatus.INVALID_PARAMETER, `GetCentralInstances is a method of a registered profile, not of class ${target.classname}`);
  }
  const profile = instanceAt(ctx, namespace, target).path!;
  const conforming = references(ctx, namespace, profile, { resultClass: 'CIM_ElementConformsToProfile', role: 'ConformantStandard' });
  const central = conforming.map((a) => a.get('ManagedElement')).filter((ref) => ref instanceof CIMInstanceName);
  return { returnValue: 0, out: { CentralInstances: [...limited(ctx, central)] } };
}

/** DSP1033's declaration: no input, the central instances in one output reference array (a subclass may declare another). */
export function isGetCentralInstances(method: CIMMethod): boolean {
  const parameters = [...method.parameters.values()];
  return parameters.length === 1 && sameName(parameters[0]!.name, 'CentralInstances') && parameters[0]!.type === 'reference' && parameters[0]!.isArray
    && parameters[0]!.qualifiers.get('IN')?.value === false;
}
