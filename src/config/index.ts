/** Configuration: one table → the Config type, JSON Schema, variables, flags and reference docs. */
export { loadConfig, MAX_CONFIG_FILE_BYTES } from './load.js';
export type { CommandOptions, ConfigSources, LoadConfigInput, LoadedConfig } from './load.js';
export { ConfigError, formatProblem } from './errors.js';
export type { ConfigProblem } from './errors.js';
export { CONFIG_SPEC, defaultStateDir, SYSTEM_STATE_DIR } from './spec.js';
export type { AuthMode, Config, LogLevel, TLSVersion } from './spec.js';
export { configSchema, CONFIG_FILE_ENV } from './table.js';
export { maskSecrets, MASK } from './mask.js';
export { renderReference } from './reference.js';
export { isLoopbackAddress, planListeners } from './listeners.js';
export type { ListenerPlan } from './listeners.js';
