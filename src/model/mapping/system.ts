/**
 * DSP1004 Base Server: the one Thincim_ComputerSystem every device belongs
 * to, whose health is the roll-up of everything the model knows about it.
 */
import { CIMV2_NAMESPACE } from '../classes.js';
import { judge, verdict } from '../health.js';
import type { InstanceDraft } from '../instance-draft.js';
import type { SystemIdentity } from '../snapshot.js';
import { ENABLED, REQUESTED_NOT_APPLICABLE, setStatus, type BuildContext } from './context.js';

/** Dedicated 0 Not Dedicated: a general-purpose server. */
const NOT_DEDICATED = 0;
/** EnabledDefault 2 Enabled. */
const ENABLED_DEFAULT = 2;

/** Writes the system; call after every device has added its condition to the roll-up. */
export function addSystem(ctx: BuildContext, identity: SystemIdentity | undefined): void {
  const draft = ctx.systemDraft()
    .set('ElementName', 'string', ctx.input.hostname)
    .set('NameFormat', 'string', 'IP')
    .setArray('Dedicated', 'uint16', [NOT_DEDICATED])
    .set('EnabledState', 'uint16', ENABLED)
    .set('RequestedState', 'uint16', REQUESTED_NOT_APPLICABLE)
    .set('EnabledDefault', 'uint16', ENABLED_DEFAULT);
  setIdentity(draft, identity);
  setStatus(draft, ctx.input.hardware.length === 0 ? verdict('unknown', 'no hardware provider') : judge(ctx.rollup));
  ctx.add(CIMV2_NAMESPACE, draft.build(ctx.systemPath));
}

/** OtherIdentifyingInfo with its IdentifyingDescriptions (CIM_System), from what the hardware tells. */
function setIdentity(draft: InstanceDraft, identity: SystemIdentity | undefined): void {
  const pairs: [string, string][] = [];
  for (const [value, description] of [
    [identity?.uuid, 'CIM:GUID'],
    [identity?.serialNumber, 'CIM:SerialNumber'],
    [identity?.manufacturer, 'CIM:Manufacturer'],
    [identity?.model, 'CIM:Model'],
  ] as const) {
    if (value) pairs.push([value, description]);
  }
  if (pairs.length === 0) return;
  draft
    .setArray('OtherIdentifyingInfo', 'string', pairs.map(([value]) => value))
    .setArray('IdentifyingDescriptions', 'string', pairs.map(([, description]) => description));
}
