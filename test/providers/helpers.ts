/** Test doubles shared by the runtime's tests. */
import type { CIMInstance } from '../../src/cim/index.js';
import type { Provider, ProviderSchedule } from '../../src/providers/api.js';
import type { Enablement, LoadedProvider } from '../../src/providers/loader.js';
import type { RuntimeLogger } from '../../src/providers/log.js';
import type { ClassRepository, ValidationProblem } from '../../src/repository/types.js';

/** A repository whose only working method is validateInstance, answering with `validate`. */
export function stubRepository(validate: (namespace: string, instance: CIMInstance) => ValidationProblem[] = () => []): ClassRepository {
  const unused = (): never => {
    throw new Error('not used by the provider runtime');
  };
  return {
    namespaces: unused,
    resolveNamespace: unused,
    getClass: unused,
    classNames: unused,
    subclassNames: unused,
    superclassChain: unused,
    isSubclassOf: unused,
    qualifierDeclarations: unused,
    classView: unused,
    validateInstance: validate,
  };
}

/** A provider as the loader would hand it over. */
export function loaded(provider: Provider, schedule: Partial<ProviderSchedule> = {}, enablement: Enablement = 'explicit'): LoadedProvider {
  return {
    provider,
    source: `test:${provider.name}`,
    options: {},
    schedule: { interval: 10, timeout: 1000, ...schedule },
    enablement,
  };
}

export interface LogLine {
  level: string;
  bindings: Record<string, unknown>;
  obj: object | string;
  msg?: string;
}

/** A logger that records every line with the bindings of its child chain. */
export function recordingLogger(lines: LogLine[] = [], bindings: Record<string, unknown> = {}): RuntimeLogger & { lines: LogLine[] } {
  const at = (level: string) => (obj: object | string, msg?: string) => void lines.push({ level, bindings, obj, msg });
  return {
    lines,
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}

/** A promise with its resolve exposed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves once `predicate` holds, polling every few milliseconds (bounded by tap's timeout). */
export async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 2));
}
