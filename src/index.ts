/**
 * thincim's package entry: the provider SDK for OEMs. A provider module
 * imports from `thincim`: `defineProvider`, the snapshot types it reports,
 * `runCommand` for tools, the CIM model for instance providers, and the
 * snapshot check the broker runs, for the provider's own tests.
 */
export * from './providers/api.js';
// The type of ProviderContext.repository: a provider's unit test builds a context.
export type { ClassRepository } from './repository/types.js';
export { CommandError, runCommand } from './providers/child.js';
export type { CommandResult, RunCommandOptions } from './providers/child.js';
export type * from './model/snapshot.js';
export { SnapshotError, validateSnapshot } from './providers/validate.js';
export type { SnapshotLimits } from './providers/validate.js';
export * from './cim/index.js';
