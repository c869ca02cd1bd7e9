/**
 * What a client may change of the host and its devices: one
 * Thincim_EnabledLogicalElementCapabilities per kind of central instance
 * (the Base Server system, sensors, fans, power supplies), related to each
 * element of its kind by Thincim_ElementCapabilities. The profiles read it
 * before RequestStateChange or a ModifyInstance of ElementName (DSP1015 §7.2,
 * §9.8; profiles.md §5.4, §6): the model supports neither, so
 * RequestedStatesSupported is empty and ElementNameEditSupported false, as
 * every element's RequestedState 12 (Not Applicable) says too.
 */
import type { CIMInstanceName } from '../../cim/index.js';
import { CIMV2_NAMESPACE, INSTANCE_ID_PREFIX, ModelClass } from '../classes.js';
import { InstanceDraft } from '../instance-draft.js';
import type { BuildContext, CentralInstances } from './context.js';

/** The kinds of element that have capabilities, with their InstanceID's local part and ElementName. */
const KINDS: readonly { central: Exclude<keyof CentralInstances, 'physical'>; localId: string; name: string }[] = [
  { central: 'system', localId: 'SystemCapabilities', name: 'System capabilities' },
  { central: 'sensors', localId: 'SensorCapabilities', name: 'Sensor capabilities' },
  { central: 'fans', localId: 'FanCapabilities', name: 'Fan capabilities' },
  { central: 'powerSupplies', localId: 'PowerSupplyCapabilities', name: 'Power supply capabilities' },
];

/** Adds the capabilities of each kind that has elements (CIM_ElementCapabilities.ManagedElement is Min(1)). */
export function addCapabilities(ctx: BuildContext): void {
  for (const { central, localId, name } of KINDS) {
    const found = ctx.central[central];
    const elements: readonly CIMInstanceName[] = Array.isArray(found) ? found : [found];
    if (elements.length === 0) continue;
    const capabilities = new InstanceDraft(CIMV2_NAMESPACE, ModelClass.EnabledLogicalElementCapabilities)
      .key('InstanceID', 'string', INSTANCE_ID_PREFIX + localId)
      .set('ElementName', 'string', name)
      .set('ElementNameEditSupported', 'boolean', false)
      .setArray('RequestedStatesSupported', 'uint16', NO_STATES)
      .build();
    const path = ctx.add(CIMV2_NAMESPACE, capabilities).path!;
    for (const element of elements) ctx.relate(ModelClass.ElementCapabilities, ['Capabilities', path], ['ManagedElement', element]);
  }
}

const NO_STATES: readonly number[] = Object.freeze([]);
