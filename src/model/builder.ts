/**
 * The model builder: every hardware provider's last snapshot, merged into
 * one host and mapped to the DMTF profiles (Base Server, Sensors, Fan, Power
 * Supply, Physical Asset, Profile Registration) the same way for every
 * source, with the capabilities of the system and its devices; plus the
 * OEM instances of instance providers, passed through.
 *
 * Deterministic: the same input gives equal entries, and instance paths
 * derive from snapshot ids only, so identities are stable across samples
 * and generations can be compared. Its one memory is of the associations
 * it made between path objects (BuildContext.associate), so as not to make
 * equal ones again.
 */
import { familyEntries, type AssociationFamily } from './family.js';
import { missingProviderFinding, staleReason } from './health.js';
import type { ModelEntry, ModelInput } from './input.js';
import { addCapabilities } from './mapping/capabilities.js';
import { BuildContext, type BuildOptions } from './mapping/context.js';
import { mapSnapshot } from './mapping/hardware.js';
import { addOemInstances } from './mapping/oem.js';
import { PhysicalAssets } from './mapping/physical.js';
import { registerProfiles } from './mapping/registration.js';
import { addSystem } from './mapping/system.js';

/** A built host: its instances, and the association families the index derives instances from. */
export interface HostModel {
  entries: ModelEntry[];
  families: AssociationFamily[];
}

/** Every instance of the host, those of its association families made too: for checks and tools, not the broker. */
export function buildModel(input: ModelInput, options: BuildOptions = {}): ModelEntry[] {
  const { entries, families } = buildHost(input, options);
  return [...entries, ...familyEntries(families)];
}

/** The host as the broker publishes it: its association families are made by the index when read. */
export function buildHost(input: ModelInput, options: BuildOptions = {}): HostModel {
  const ctx = new BuildContext(input, options);
  const physical = new PhysicalAssets(ctx);
  for (const sample of input.hardware) {
    if (sample.snapshot === undefined) ctx.rollup.push(missingProviderFinding(sample));
    else mapSnapshot(ctx, physical, sample, sample.snapshot, staleReason(sample, input.now, input.staleAfterMs));
  }
  const identity = input.hardware.find((s) => s.snapshot?.system !== undefined)?.snapshot?.system;
  physical.finish(identity, input.hardware.find((s) => s.snapshot !== undefined)?.provider);
  addSystem(ctx, identity);
  addCapabilities(ctx);
  registerProfiles(ctx);
  addOemInstances(ctx, input.instances);
  return { entries: ctx.entries, families: ctx.families };
}
