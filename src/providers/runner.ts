/**
 * One provider at run time: its calls under deadlines, its last good sample,
 * its failures and back-off, and its observable state. Nothing here rejects
 * on a provider's behalf except on-request calls, whose errors become
 * CIMErrors naming the provider.
 */
import { CIMError, CIMInstance, CIMStatus, sameName } from '../cim/index.js';
import { NOTHING_LOST, type InstanceSample, type ProviderSample } from '../model/input.js';
import { NO_READINGS, rememberReadings, type ReadingMemory } from '../model/readings.js';
import type { DiscreteSensor, HardwareSnapshot, NumericSensor } from '../model/snapshot.js';
import type { ClassRepository } from '../repository/types.js';
import type { InstanceProvider, NotDetected, Provider, ProviderContext, ProviderSchedule } from './api.js';
import { callProvider, errorMessage, ProviderTimeoutError } from './call.js';
import type { Enablement, LoadedProvider } from './loader.js';
import type { RuntimeLogger } from './log.js';
import { settleRefused, type Settled } from './refused.js';
import { acceptSnapshot, refusedPath, refusedText, type RefusedItem, type SnapshotLimits } from './validate.js';

/** Why detect()'s answer is a no, when it says; throws when it is not an answer. */
function notDetectedReason(answer: unknown): string | undefined {
  if (answer === false) return undefined;
  const { found, reason } = (answer ?? {}) as Partial<NotDetected>;
  if (found === false && typeof reason === 'string' && reason !== '') return reason;
  throw new Error(`detect answered ${JSON.stringify(answer)}, not a boolean`);
}

/** The namespace of an instance provider that doesn't name one. */
export const DEFAULT_NAMESPACE = 'root/cimv2';

/** How failed samples space out: interval × factor^failures, at most maxMs. */
export interface BackoffPolicy {
  factor: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({ factor: 2, maxMs: 5 * 60_000 });
export const DEFAULT_CLOSE_TIMEOUT_MS = 5000;

/** What operators and metrics see of one provider. Times are epoch milliseconds. */
export interface ProviderState {
  name: string;
  version: string;
  kind: Provider['kind'];
  /** Where it was loaded from (`builtin:hwmon`, a path, a package). */
  source: string;
  enablement: Enablement;
  enabled: boolean;
  /** Why auto-detection left it disabled. */
  disabledReason?: string;
  schedule: ProviderSchedule;
  /** The last good sample. */
  lastSampleAt?: number;
  /** The last attempt, good or bad. */
  lastAttemptAt?: number;
  lastDurationMs?: number;
  /** The last failure, kept after recovery; `consecutiveFailures` says whether it is current. */
  lastError?: string;
  lastErrorAt?: number;
  consecutiveFailures: number;
  /** No background sample before this while failing. */
  backoffUntil?: number;
  /** Good samples so far. */
  samples: number;
  /** Failed samples so far. */
  failures: number;
  /** The first PROBLEMS_KEPT strings of the last good sample served with U+FFFD for characters XML cannot carry (validateSnapshot). */
  cleanedText: string[];
  /** How many strings the last good sample had cleaned, those not in `cleanedText` included. */
  cleanedCount: number;
  /**
   * The first PROBLEMS_KEPT items the last good sample had invalid, each
   * with why (acceptSnapshot): left out, or served from the sample before as lost.
   */
  refusedItems: string[];
  /** How many items the last good sample had invalid, those not in `refusedItems` included. */
  refusedCount: number;
}

/**
 * The refused items and cleaned strings told in a provider's state, status
 * API, page and log: a provider with 100,000 bad items would otherwise copy
 * one string per item into each poll of /api/v1/status. `refusedCount` and
 * `cleanedCount` count them all.
 */
export const PROBLEMS_KEPT = 20;

export interface RunnerOptions {
  loaded: LoadedProvider;
  repository: ClassRepository;
  /** The runtime's logger; the runner logs and hands out `child({ provider: name })`. */
  logger: RuntimeLogger;
  /** Aborts every call when the broker stops. */
  signal: AbortSignal;
  now: () => number;
  backoff: BackoffPolicy;
  snapshotLimits: SnapshotLimits;
  closeTimeoutMs: number;
}

type Sensor = NumericSensor | DiscreteSensor;

export class ProviderRunner {
  readonly provider: Provider;
  readonly name: string;
  readonly #options: RunnerOptions;
  readonly #log: RuntimeLogger;
  readonly #state: ProviderState;
  #snapshot: HardwareSnapshot | undefined;
  /** Items of #snapshot served from an earlier sample (settleRefused). */
  #lost: ReadonlyMap<object, string> = NOTHING_LOST;
  /** The refusals of the sample being read: one list, emptied for each, as most samples have none. */
  readonly #refused: RefusedItem[] = [];
  /** What the refused items' log line last told (the paths kept, and the count), to log it once per change. */
  #refusedTold = '';
  #readings: ReadingMemory = NO_READINGS;
  #instances: CIMInstance[] | undefined;
  #sensors = new Map<string, Sensor>();
  #inFlight: Promise<boolean> | undefined;

  constructor(options: RunnerOptions) {
    const { provider, source, schedule, enablement } = options.loaded;
    this.provider = provider;
    this.name = provider.name;
    this.#options = options;
    this.#log = options.logger.child({ provider: provider.name });
    this.#state = {
      name: provider.name,
      version: provider.version,
      kind: provider.kind,
      source,
      enablement,
      enabled: enablement === 'explicit',
      schedule: { ...schedule },
      consecutiveFailures: 0,
      samples: 0,
      failures: 0,
      cleanedText: [],
      cleanedCount: 0,
      refusedItems: [],
      refusedCount: 0,
    };
  }

  get enabled(): boolean {
    return this.#state.enabled;
  }

  get enablement(): Enablement {
    return this.#state.enablement;
  }

  get namespace(): string {
    return (this.provider.kind === 'instance' && this.provider.namespace) || DEFAULT_NAMESPACE;
  }

  /** A copy of the current state. */
  state(): ProviderState {
    const state = this.#state;
    return { ...state, schedule: { ...state.schedule }, cleanedText: [...state.cleanedText], refusedItems: [...state.refusedItems] };
  }

  enable(enabled: boolean, disabledReason?: string): void {
    this.#state.enabled = enabled;
    if (enabled) delete this.#state.disabledReason;
    else this.#state.disabledReason = disabledReason;
  }

  /** The last sample as the model builder takes it (hardware providers). */
  hardwareSample(): ProviderSample {
    const { lastSampleAt: sampledAt, schedule } = this.#state;
    return {
      provider: this.name, snapshot: this.#snapshot, readings: this.#readings, lost: this.#lost, sampledAt,
      intervalMs: schedule.interval * 1000, error: this.#currentError(),
    };
  }

  /** The last instances as the model builder takes them (instance providers). */
  instanceSample(): InstanceSample {
    const { lastSampleAt: sampledAt } = this.#state;
    const instances = this.#instances ?? [];
    return { provider: this.name, namespace: this.namespace, instances, sampledAt, error: this.#currentError() };
  }

  /** Why the latest attempt failed, when it did. */
  #currentError(): string | undefined {
    return this.#state.consecutiveFailures > 0 ? this.#state.lastError : undefined;
  }

  /** The sensor with this id in the last good snapshot. */
  sensor(id: string): Sensor | undefined {
    return this.#sensors.get(id);
  }

  /** Milliseconds until the next background sample: the interval, or the back-off while failing. */
  nextDelayMs(): number {
    const { backoffUntil, schedule } = this.#state;
    return backoffUntil === undefined ? schedule.interval * 1000 : Math.max(0, backoffUntil - this.#options.now());
  }

  /**
   * Asks the provider whether it has hardware here; a failure or a nonsense
   * answer counts as no. A no leaves its reason, when known, in `disabledReason`.
   */
  async detect(): Promise<boolean> {
    const detect = this.provider.detect?.bind(this.provider);
    if (!detect) return true;
    try {
      const found = await this.#call('detect', (ctx) => detect(ctx));
      if (found === true) return true;
      this.#state.disabledReason = notDetectedReason(found);
      return false;
    } catch (error) {
      this.#state.lastError = `detect failed: ${errorMessage(error)}`;
      this.#state.lastErrorAt = this.#options.now();
      this.#state.disabledReason = this.#state.lastError;
      this.#log.warn({ err: error }, 'detection failed; provider left disabled');
      return false;
    }
  }

  /**
   * Samples once, sharing the read with every concurrent caller. Resolves
   * to whether it succeeded; never rejects (failures are recorded).
   */
  sample(): Promise<boolean> {
    this.#inFlight ??= this.#sampleOnce().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #sampleOnce(): Promise<boolean> {
    const started = this.#options.now();
    this.#state.lastAttemptAt = started;
    try {
      if (this.provider.kind === 'hardware') this.#keepSnapshot(await this.#readSnapshot(), started);
      else this.#instances = await this.#readInstances(this.provider);
      this.#succeeded(started);
      return true;
    } catch (error) {
      this.#failed(started, error);
      return false;
    }
  }

  /** The sample as served: without its invalid items, those the sample before had served again as lost. */
  async #readSnapshot(): Promise<Settled> {
    const provider = this.provider as Extract<Provider, { kind: 'hardware' }>;
    const sample: unknown = await this.#call('sample', (ctx) => provider.sample(ctx));
    const cleaned: string[] = [];
    const refused = this.#refused;
    refused.length = 0;
    let accepted: HardwareSnapshot;
    try {
      accepted = acceptSnapshot(sample, this.#options.snapshotLimits, cleaned, refused);
    } catch (error) {
      throw new Error(`invalid snapshot: ${errorMessage(error)}`, { cause: error });
    }
    this.#noteCleaned(cleaned);
    this.#noteRefused(refused);
    if (refused.length === 0) return { snapshot: accepted, lost: NOTHING_LOST };
    return settleRefused(accepted, refused, this.#snapshot, this.#options.snapshotLimits);
  }

  /** Keeps the first strings cleaned and their count; logs them when they differ from the last sample's, not at every sample. */
  #noteCleaned(cleaned: string[]): void {
    const state = this.#state;
    if (cleaned.length === 0 && state.cleanedCount === 0) return;
    const kept = cleaned.slice(0, PROBLEMS_KEPT);
    const changed = cleaned.length !== state.cleanedCount || kept.join('\n') !== state.cleanedText.join('\n');
    state.cleanedText = kept;
    state.cleanedCount = cleaned.length;
    if (cleaned.length > 0 && changed) {
      this.#log.warn({ cleaned: kept, cleanedCount: cleaned.length }, 'snapshot strings with characters XML cannot carry, served with U+FFFD');
    }
  }

  /**
   * Keeps the first refused items and their count in the state, and logs
   * them when other fields are refused than at the last sample, or another
   * count: not at every sample, nor when only a bad value quoted changes.
   */
  #noteRefused(refused: readonly RefusedItem[]): void {
    if (refused.length === 0 && this.#refusedTold === '') return;
    const kept = refused.slice(0, PROBLEMS_KEPT);
    this.#state.refusedItems = kept.map(refusedText);
    this.#state.refusedCount = refused.length;
    const told = refused.length === 0 ? '' : `${refused.length}\n${kept.map(refusedPath).join('\n')}`;
    if (told !== this.#refusedTold && refused.length > 0) {
      this.#log.warn({ refused: this.#state.refusedItems, refusedCount: refused.length }, 'snapshot items refused; the rest of the sample is served');
    }
    this.#refusedTold = told;
  }

  #keepSnapshot({ snapshot, lost }: Settled, sampledAt: number): void {
    this.#snapshot = snapshot;
    this.#lost = lost;
    this.#readings = rememberReadings(this.#readings, snapshot, sampledAt);
    this.#sensors = new Map();
    for (const sensor of snapshot.sensors ?? []) this.#sensors.set(sensor.id, sensor);
    for (const sensor of snapshot.discreteSensors ?? []) this.#sensors.set(sensor.id, sensor);
  }

  /** Every instance of every class the provider serves, each checked against the repository. */
  async #readInstances(provider: InstanceProvider): Promise<CIMInstance[]> {
    return this.#call('sample', async (ctx) => {
      const all: CIMInstance[] = [];
      for (const classname of provider.classes) {
        const instances: unknown = await provider.enumerateInstances(ctx, classname);
        all.push(...this.#checkInstances(instances, classname));
      }
      return all;
    });
  }

  #checkInstances(instances: unknown, classname: string): CIMInstance[] {
    if (!Array.isArray(instances)) throw new Error(`enumerateInstances(${classname}) did not return an array`);
    instances.forEach((instance: unknown, i) => {
      const where = `${classname}[${i}]`;
      if (!(instance instanceof CIMInstance)) {
        throw new Error(`${where} is not a CIMInstance (a second copy of thincim's cim module?)`);
      }
      if (!sameName(instance.classname, classname)) throw new Error(`${where} has class ${instance.classname}`);
      if (!instance.path) throw new Error(`${where} has no path`);
      const problems = this.#options.repository.validateInstance(this.namespace, instance);
      if (problems.length > 0) {
        const list = problems.map((p) => (p.property ? `${p.property}: ${p.message}` : p.message)).join('; ');
        throw new Error(`${where} is invalid: ${list}`);
      }
    });
    return instances as CIMInstance[];
  }

  #succeeded(started: number): void {
    const state = this.#state;
    const now = this.#options.now();
    if (state.consecutiveFailures > 0) {
      this.#log.info({ failures: state.consecutiveFailures }, 'provider recovered');
    }
    state.lastSampleAt = now;
    state.lastDurationMs = now - started;
    state.consecutiveFailures = 0;
    delete state.backoffUntil;
    state.samples++;
  }

  #failed(started: number, error: unknown): void {
    const state = this.#state;
    const now = this.#options.now();
    const { factor, maxMs } = this.#options.backoff;
    state.lastDurationMs = now - started;
    state.lastError = errorMessage(error);
    state.lastErrorAt = now;
    if (this.#options.signal.aborted) {
      // Stopped by the shutdown the operator asked for: no failure to warn about, and no retry follows.
      this.#log.debug({ err: state.lastError }, 'sample abandoned: shutting down');
      return;
    }
    state.consecutiveFailures++;
    state.failures++;
    const delay = Math.min(maxMs, state.schedule.interval * 1000 * factor ** state.consecutiveFailures);
    state.backoffUntil = now + delay;
    this.#log.warn(
      { err: error, consecutiveFailures: state.consecutiveFailures, retryInMs: delay },
      'sample failed; keeping the last good sample',
    );
  }

  /**
   * An on-request call (setThreshold, invokeMethod, …) under the provider's
   * deadline. Errors come back as CIMErrors naming the provider; a CIMError
   * the provider threw keeps its status code.
   */
  async request<T>(what: string, fn: (ctx: ProviderContext) => Promise<T>): Promise<T> {
    try {
      return await this.#call(what, fn);
    } catch (error) {
      this.#log.warn({ err: error, call: what }, 'provider call failed');
      throw this.#cimError(what, error);
    }
  }

  #cimError(what: string, error: unknown): CIMError {
    const prefix = `provider '${this.name}'`;
    if (error instanceof CIMError) return new CIMError(error.code, `${prefix}: ${error.message}`, { cause: error });
    if (error instanceof ProviderTimeoutError) return new CIMError(CIMStatus.FAILED, `${prefix}: ${error.message}`, { cause: error });
    return new CIMError(CIMStatus.FAILED, `${prefix}: ${what} failed: ${errorMessage(error)}`, { cause: error });
  }

  #call<T>(what: string, fn: (ctx: ProviderContext) => T | PromiseLike<T>): Promise<T> {
    const { repository, signal } = this.#options;
    return callProvider({ what, timeoutMs: this.#state.schedule.timeout, log: this.#log, repository, signal }, fn);
  }

  /** Lets the provider release what it holds; failures and hangs are logged, never thrown. */
  async close(): Promise<void> {
    const close = this.provider.close?.bind(this.provider);
    if (!close) return;
    try {
      await callProvider(
        { what: 'close', timeoutMs: this.#options.closeTimeoutMs, log: this.#log, repository: this.#options.repository },
        () => close(),
      );
    } catch (error) {
      this.#log.warn({ err: error }, 'close failed');
    }
  }
}
