/** Extrinsic methods of the interop namespace's registered profiles, which the broker answers itself from the index. */
import { CIMError, CIMInstanceName, CIMStatus, type CIMValue } from '../cim/index.js';
import { references } from './associations.js';
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
  return { returnValue: 0, out: { CentralInstances: central } };
}
