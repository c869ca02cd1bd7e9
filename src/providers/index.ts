/**
 * The provider runtime and the provider API (the OEM SDK surface).
 *
 * Start-up, in order: `loadProviders(selection)` imports and builds the
 * providers; the caller builds the repository, adding `schemaDirsOf(providers)`
 * to its schema folders; `new ProviderManager({ providers, repository, … })`
 * then `start()` detects and samples in the background; the server reads
 * `input()` and listens with `onUpdate()`; `close()` on shutdown.
 */
export * from './api.js';
export { CommandError, DEFAULT_KILL_GRACE_MS, DEFAULT_MAX_OUTPUT_BYTES, runCommand } from './child.js';
export type { CommandErrorCode, CommandResult, RunCommandOptions } from './child.js';
export { callProvider, errorMessage, ProviderTimeoutError } from './call.js';
export type { CallOptions } from './call.js';
export {
  AUTO_PROVIDERS, BUILTIN_PROVIDERS, DEFAULT_FACTORY_TIMEOUT_MS, DEFAULT_SCHEDULE, FALLBACK_OPTIONS, FALLBACK_PROVIDER, isSimulated, loadProvider,
  loadProviders, ProviderLoadError, providerProblem, schemaDirsOf, unusedSectionWarnings,
} from './loader.js';
export type { Enablement, LoadedProvider, ProviderSelection } from './loader.js';
export { silentLogger } from './log.js';
export type { RuntimeLogger } from './log.js';
export { ProviderManager } from './manager.js';
export type { ProviderManagerOptions, UpdateListener } from './manager.js';
export { DEFAULT_BACKOFF, DEFAULT_CLOSE_TIMEOUT_MS, DEFAULT_NAMESPACE, ProviderRunner } from './runner.js';
export type { BackoffPolicy, ProviderState, RunnerOptions } from './runner.js';
export { DEFAULT_MAX_ITEMS_PER_LIST, SnapshotError, validateSnapshot } from './validate.js';
export type { SnapshotLimits } from './validate.js';
