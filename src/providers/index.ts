/** The provider runtime and the provider API (the OEM SDK surface). */
export * from './api.js';
export { CommandError, DEFAULT_KILL_GRACE_MS, DEFAULT_MAX_OUTPUT_BYTES, runCommand } from './child.js';
export type { CommandErrorCode, CommandResult, RunCommandOptions } from './child.js';
