/**
 * thincim's package entry: the provider SDK for OEMs. A provider module
 * imports from `thincim`: `defineProvider`, the snapshot types it reports,
 * `runCommand` for tools, and the CIM model for instance providers.
 */
export * from './providers/api.js';
export { CommandError, runCommand } from './providers/child.js';
export type { CommandResult, RunCommandOptions } from './providers/child.js';
export type * from './model/snapshot.js';
export * from './cim/index.js';
