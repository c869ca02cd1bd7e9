/**
 * The provider manager: decides which loaded providers run (auto-detection),
 * samples each in the background on its own interval, keeps the last good
 * sample of each, tells listeners after every sample, and routes on-request
 * calls (threshold writes, methods, instance changes) to the provider that
 * owns the target. Requests never wait on hardware: `input()` answers from
 * what was last sampled.
 */
import { CIMError, type CIMInstance, type CIMInstanceName, CIMStatus, type CIMValue, normalizeNamespace, sameName } from '../cim/index.js';
import type { ModelInput } from '../model/input.js';
import type { ThresholdName } from '../model/snapshot.js';
import type { ClassRepository } from '../repository/types.js';
import type { MethodResult } from './api.js';
import type { LoadedProvider } from './loader.js';
import { type RuntimeLogger, silentLogger } from './log.js';
import {
  type BackoffPolicy, DEFAULT_BACKOFF, DEFAULT_CLOSE_TIMEOUT_MS, ProviderRunner, type ProviderState,
} from './runner.js';
import type { SnapshotLimits } from './validate.js';

export interface ProviderManagerOptions {
  providers: readonly LoadedProvider[];
  repository: ClassRepository;
  /** The host's name, for the model (CIM_ComputerSystem.Name). */
  hostname: string;
  /** Default: silent. A pino logger fits. */
  logger?: RuntimeLogger;
  /**
   * A sample older than this is stale. Default: three times the longest
   * interval of the enabled providers, and at least a minute.
   */
  staleAfterMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Milliseconds each provider's close() may take. Default 5000. */
  closeTimeoutMs?: number;
  snapshotLimits?: SnapshotLimits;
  /** The clock, in epoch milliseconds (tests). */
  now?: () => number;
}

export type UpdateListener = (input: ModelInput) => void;

const MIN_STALE_AFTER_MS = 60_000;

export class ProviderManager {
  readonly #runners: ProviderRunner[];
  readonly #hostname: string;
  readonly #staleAfterMs: number | undefined;
  readonly #log: RuntimeLogger;
  readonly #now: () => number;
  readonly #stop = new AbortController();
  readonly #timers = new Map<ProviderRunner, NodeJS.Timeout>();
  readonly #listeners = new Set<UpdateListener>();
  #detection: Promise<void> | undefined;
  #started = false;
  #closed: Promise<void> | undefined;

  constructor(options: ProviderManagerOptions) {
    this.#hostname = options.hostname;
    this.#staleAfterMs = options.staleAfterMs;
    this.#log = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    if (!(backoff.factor >= 1) || !(backoff.maxMs > 0)) {
      throw new RangeError(`backoff needs factor ≥ 1 and maxMs > 0, got factor ${backoff.factor}, maxMs ${backoff.maxMs}`);
    }
    this.#runners = options.providers.map((loaded) => new ProviderRunner({
      loaded,
      repository: options.repository,
      logger: this.#log,
      signal: this.#stop.signal,
      now: this.#now,
      backoff,
      snapshotLimits: options.snapshotLimits ?? {},
      closeTimeoutMs: options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
    }));
  }

  // ---- lifecycle ------------------------------------------------------------

  /**
   * Runs auto-detection once: providers loaded for detection are enabled
   * when their detect() says so (all in parallel, each under its deadline),
   * and the fallback (simulated) only when no other hardware provider but
   * sysinfo ended up enabled. Explicitly listed providers are enabled as is.
   */
  detect(): Promise<void> {
    this.#detection ??= this.#detectAll();
    return this.#detection;
  }

  async #detectAll(): Promise<void> {
    await Promise.all(this.#runners.filter((r) => r.enablement === 'detect').map(async (runner) => {
      const found = await runner.detect();
      runner.enable(found, runner.state().disabledReason ?? 'no hardware detected');
    }));
    const real = this.#runners.filter((r) => r.enabled && r.provider.kind === 'hardware' && r.name !== 'sysinfo');
    for (const runner of this.#runners.filter((r) => r.enablement === 'fallback')) {
      runner.enable(real.length === 0, `hardware found by ${real.map((r) => r.name).join(', ')}`);
    }
    for (const runner of this.#runners) {
      const { enabled, disabledReason, source } = runner.state();
      if (enabled) this.#log.info({ provider: runner.name, source }, 'provider enabled');
      else this.#log.info({ provider: runner.name, reason: disabledReason }, 'provider disabled');
    }
    this.#warnIfFallback();
  }

  /** A host served by the fallback must not pass for real hardware in the log: said at every start. */
  #warnIfFallback(): void {
    const fallback = this.#runners.find((r) => r.enablement === 'fallback' && r.enabled);
    if (!fallback) return;
    const notFound = Object.fromEntries(this.#runners
      .filter((r) => r.enablement === 'detect' && !r.enabled && r.provider.kind === 'hardware')
      .map((r) => [r.name, r.state().disabledReason]));
    this.#log.warn(
      { provider: fallback.name, notFound },
      `no hardware found: the sensors served are SIMULATED (provider '${fallback.name}', steady readings, no failures)`,
    );
  }

  /** Detects (once), then samples every enabled provider now and on its interval. */
  async start(): Promise<void> {
    await this.detect();
    if (this.#started || this.#closed) return;
    this.#started = true;
    for (const runner of this.#enabled()) this.#schedule(runner, 0);
  }

  #schedule(runner: ProviderRunner, delayMs: number): void {
    if (this.#closed) return;
    this.#timers.set(runner, setTimeout(() => void this.#tick(runner), delayMs));
  }

  async #tick(runner: ProviderRunner): Promise<void> {
    await this.#sampleAndPublish(runner);
    this.#schedule(runner, runner.nextDelayMs());
  }

  async #sampleAndPublish(runner: ProviderRunner): Promise<void> {
    await runner.sample();
    if (!this.#closed) this.#publish();
  }

  #publish(): void {
    const input = this.input();
    for (const listener of this.#listeners) {
      try {
        listener(input);
      } catch (error) {
        this.#log.error({ err: error }, 'update listener failed');
      }
    }
  }

  /**
   * Samples now: the named provider, or every enabled one. A sample already
   * in flight is shared, not repeated. Resolves when done, whether the
   * samples succeeded or not (see `state()`).
   */
  async refresh(name?: string): Promise<void> {
    const runners = name === undefined ? this.#enabled() : [this.#enabledRunner(name)];
    await Promise.all(runners.map((runner) => this.#sampleAndPublish(runner)));
  }

  /** Stops sampling, aborts calls in flight and closes every loaded provider. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= this.#closeAll();
    return this.#closed;
  }

  async #closeAll(): Promise<void> {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#listeners.clear();
    this.#stop.abort(new Error('the provider manager is closing'));
    await Promise.all(this.#runners.map((runner) => runner.close()));
  }

  // ---- what the server reads ------------------------------------------------

  /** The model builder's input, from the last samples. Never waits. */
  input(): ModelInput {
    const enabled = this.#enabled();
    return {
      hostname: this.#hostname,
      now: this.#now(),
      staleAfterMs: this.staleAfterMs(),
      hardware: enabled.filter((r) => r.provider.kind === 'hardware').map((r) => r.hardwareSample()),
      instances: enabled.filter((r) => r.provider.kind === 'instance').map((r) => r.instanceSample()),
    };
  }

  /** The staleness limit in force (configured, or derived from the enabled providers' intervals). */
  staleAfterMs(): number {
    if (this.#staleAfterMs !== undefined) return this.#staleAfterMs;
    const longest = Math.max(0, ...this.#enabled().map((r) => r.state().schedule.interval * 1000));
    return Math.max(MIN_STALE_AFTER_MS, 3 * longest);
  }

  /** Calls `listener` with the new input after every sample; returns the unsubscribe function. */
  onUpdate(listener: UpdateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every loaded provider's state, enabled or not, in loading order. */
  state(): ProviderState[] {
    return this.#runners.map((runner) => runner.state());
  }

  // ---- routing --------------------------------------------------------------

  /** The enabled provider whose last sample has a sensor (numeric or discrete) with this id. */
  ownerOfSensor(sensorId: string): string | undefined {
    return this.#enabled().find((r) => r.sensor(sensorId) !== undefined)?.name;
  }

  /** The enabled instance provider serving `classname` in `namespace`. */
  ownerOfClass(namespace: string, classname: string): string | undefined {
    const ns = normalizeNamespace(namespace);
    return this.#enabled().find((r) => r.provider.kind === 'instance'
      && normalizeNamespace(r.namespace) === ns
      && r.provider.classes.some((c) => sameName(c, classname)))?.name;
  }

  /** Writes one threshold of a numeric sensor (ModifyInstance), then samples its provider again. */
  async setThreshold(sensorId: string, threshold: ThresholdName, value: number): Promise<void> {
    const runner = this.#sensorRunner(sensorId);
    const provider = runner.provider;
    const sensor = runner.sensor(sensorId);
    if (provider.kind !== 'hardware' || !provider.setThreshold) {
      throw new CIMError(CIMStatus.NOT_SUPPORTED, `provider '${runner.name}' cannot write thresholds`);
    }
    if (!sensor || !('settable' in sensor) || !sensor.settable?.includes(threshold)) {
      throw new CIMError(CIMStatus.NOT_SUPPORTED, `threshold ${threshold} of sensor '${sensorId}' is not settable`);
    }
    if (!Number.isFinite(value)) {
      throw new CIMError(CIMStatus.INVALID_PARAMETER, `threshold ${threshold} of sensor '${sensorId}' must be a finite number`);
    }
    const write = provider.setThreshold.bind(provider);
    await runner.request('setThreshold', (ctx) => write(ctx, sensorId, threshold, value));
    this.#resample(runner);
  }

  /**
   * Restores a sensor's default thresholds (RestoreDefaultThresholds), then
   * samples its provider again. CIM_ERR_NOT_SUPPORTED when the provider has
   * no restoreDefaultThresholds (or throws it for this sensor): the router
   * answers the method with 1 then.
   */
  async restoreDefaultThresholds(sensorId: string): Promise<void> {
    const runner = this.#sensorRunner(sensorId);
    const provider = runner.provider;
    if (provider.kind !== 'hardware' || !provider.restoreDefaultThresholds) {
      throw new CIMError(CIMStatus.NOT_SUPPORTED, `provider '${runner.name}' cannot restore default thresholds`);
    }
    const restore = provider.restoreDefaultThresholds.bind(provider);
    await runner.request('restoreDefaultThresholds', (ctx) => restore(ctx, sensorId));
    this.#resample(runner);
  }

  /** Changes an instance of a provider's class (ModifyInstance), then samples the provider again. */
  async modifyInstance(namespace: string, instance: CIMInstance, propertyList?: readonly string[]): Promise<void> {
    const name = this.ownerOfClass(namespace, instance.classname);
    if (name === undefined) {
      throw new CIMError(CIMStatus.NOT_SUPPORTED, `no provider serves ${instance.classname} in ${namespace}`);
    }
    const runner = this.#enabledRunner(name);
    const provider = runner.provider;
    if (provider.kind !== 'instance' || !provider.modifyInstance) {
      throw new CIMError(CIMStatus.NOT_SUPPORTED, `provider '${name}' cannot modify ${instance.classname} instances`);
    }
    const modify = provider.modifyInstance.bind(provider);
    await runner.request('modifyInstance', (ctx) => modify(ctx, instance, propertyList));
    this.#resample(runner);
  }

  /** Invokes an extrinsic method of a provider's class (InvokeMethod), then samples the provider again. */
  async invokeMethod(
    providerName: string,
    target: CIMInstanceName,
    method: string,
    params: Record<string, CIMValue>,
  ): Promise<MethodResult> {
    const runner = this.#enabledRunner(providerName);
    const provider = runner.provider;
    if (provider.kind !== 'instance' || !provider.invokeMethod) {
      throw new CIMError(CIMStatus.METHOD_NOT_AVAILABLE, `provider '${providerName}' has no methods`);
    }
    const invoke = provider.invokeMethod.bind(provider);
    const result = await runner.request(`invokeMethod ${method}`, (ctx) => invoke(ctx, target, method, params));
    this.#resample(runner);
    return result;
  }

  #enabled(): ProviderRunner[] {
    return this.#runners.filter((r) => r.enabled);
  }

  #enabledRunner(name: string): ProviderRunner {
    const runner = this.#runners.find((r) => r.name === name && r.enabled);
    if (!runner) throw new CIMError(CIMStatus.NOT_FOUND, `no enabled provider '${name}'`);
    return runner;
  }

  #sensorRunner(sensorId: string): ProviderRunner {
    const runner = this.#enabled().find((r) => r.sensor(sensorId) !== undefined);
    if (!runner) throw new CIMError(CIMStatus.NOT_FOUND, `no provider reports sensor '${sensorId}'`);
    return runner;
  }

  /** A change went through: show it without waiting for the interval (failures are recorded as usual). */
  #resample(runner: ProviderRunner): void {
    if (!this.#closed) void this.#sampleAndPublish(runner);
  }
}
