/**
 * One provider call under a deadline. Whatever the provider does — throw
 * synchronously, reject, never settle, settle after the deadline — the
 * caller gets a settled promise by the deadline, and nothing escapes as an
 * unhandled rejection.
 */
import type { ProviderContext, ProviderLogger } from './api.js';
import { headOf, xmlCarriable } from '../cim/xml-chars.js';
import type { ClassRepository } from '../repository/types.js';

/** A call that passed its deadline and was abandoned. */
export class ProviderTimeoutError extends Error {
  readonly timeoutMs: number;

  constructor(what: string, timeoutMs: number) {
    super(`${what} timed out after ${timeoutMs} ms`);
    this.name = 'ProviderTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

export interface CallOptions {
  /** What is called, for messages: 'sample', 'detect', 'setThreshold'. */
  what: string;
  timeoutMs: number;
  log: ProviderLogger;
  repository: ClassRepository;
  /** Aborts the call early (the broker shutting down). */
  signal?: AbortSignal;
}

/** Runs `fn` with a fresh ProviderContext; settles by the deadline at the latest. */
export function callProvider<T>(options: CallOptions, fn: (ctx: ProviderContext) => T | PromiseLike<T>): Promise<T> {
  const { what, timeoutMs, log } = options;
  const deadline = new AbortController();
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  const ctx: ProviderContext = { log, repository: options.repository, signal, deadline: Date.now() + timeoutMs };
  const timer = setTimeout(() => deadline.abort(new ProviderTimeoutError(what, timeoutMs)), timeoutMs);

  let settled = false;
  const call = invoke(fn, ctx);
  return new Promise<T>((resolve, reject) => {
    const abandon = (): void => {
      settled = true;
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error(`${what} aborted`));
    };
    if (signal.aborted) abandon();
    else signal.addEventListener('abort', abandon, { once: true });
    call.then(
      (value) => {
        if (settled) return log.debug({ call: what }, 'result after the deadline ignored');
        settled = true;
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return log.debug({ call: what, err: error }, 'failure after the deadline ignored');
        settled = true;
        reject(error);
      },
    ).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', abandon);
    });
  });
}

/** The call as a promise, a synchronous throw included. */
function invoke<T>(fn: (ctx: ProviderContext) => T | PromiseLike<T>, ctx: ProviderContext): Promise<T> {
  try {
    return Promise.resolve(fn(ctx));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The message of anything thrown, for records and wrapped errors. They reach
 * CIM-XML (a provider's failure in indications and StatusDescriptions, a
 * CIMError's DESCRIPTION), which cannot carry every character a message may
 * hold (ESC from a command's coloured stderr): those are U+FFFD.
 */
export function errorMessage(error: unknown): string {
  return xmlCarriable(bounded(rawMessage(error)));
}

/**
 * Characters of a message kept, as of a snapshot's strings: a tool's whole
 * output thrown as the message would otherwise go into every status poll,
 * log line at each retry, and CIM_ComputerSystem's StatusDescriptions.
 */
export const ERROR_MESSAGE_MAX = 1024;

function bounded(message: string): string {
  if (message.length <= ERROR_MESSAGE_MAX) return message;
  const kept = headOf(message, ERROR_MESSAGE_MAX);
  return `${kept}… (${(message.length - kept.length).toLocaleString('en-US')} characters more)`;
}

function rawMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  return `non-error thrown: ${describeThrown(error)}`;
}

function describeThrown(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
