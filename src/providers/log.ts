import type { ProviderLogger } from './api.js';

/** The runtime's logger: a pino logger fits; each provider gets `child({ provider: name })`. */
export interface RuntimeLogger extends ProviderLogger {
  child(bindings: Record<string, unknown>): RuntimeLogger;
}

const ignore = (): void => {};

/** Drops everything (tests, and callers that don't log). */
export const silentLogger: RuntimeLogger = {
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  child: () => silentLogger,
};
