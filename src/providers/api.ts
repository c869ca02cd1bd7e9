/**
 * The provider API: the surface OEM vendors write against.
 *
 * A provider is a module whose default export is a `ProviderFactory`. The
 * broker calls it once with the provider's configuration section and gets a
 * `HardwareProvider` (the common path: report a neutral HardwareSnapshot and
 * let the model builder write the CIM) or an `InstanceProvider` (the OEM path
 * for classes of its own MOF).
 *
 * Every call receives a `ProviderContext` whose `signal` aborts at the call's
 * deadline; the broker never waits past it. Providers are sampled in the
 * background; requests are answered from the last good sample.
 *
 * The broker's promises to a provider:
 * - background samples of one provider never overlap (a sample abandoned at
 *   its deadline no longer counts); on-request calls (setThreshold,
 *   invokeMethod, …) may run while a sample is in flight;
 * - a call that passes its deadline is abandoned: its result is ignored and
 *   `ctx.signal` is aborted, so the provider should stop work and release
 *   what it holds (child processes: use `runCommand`, which does);
 * - a throw, a rejection, a late answer or a snapshot that fails validation
 *   is recorded with the provider's name, the last good sample is kept, and
 *   the provider is sampled again later with an exponential back-off;
 * - `close()` is called once when the broker stops, whether or not the
 *   provider was enabled by auto-detection.
 */
import type { CIMInstance, CIMInstanceName, CIMValue } from '../cim/index.js';
import type { HardwareSnapshot, ThresholdName } from '../model/snapshot.js';
import type { ClassRepository } from '../repository/types.js';

/** The logging surface a provider gets (a pino child logger in the broker). */
export interface ProviderLogger {
  trace(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface ProviderContext {
  log: ProviderLogger;
  /** The class repository, to build and check instances of the provider's classes. */
  repository: ClassRepository;
  /** Aborted when the call's deadline passes or the broker shuts down. */
  signal: AbortSignal;
  /** The epoch millisecond at which `signal` aborts. */
  deadline: number;
}

/** detect()'s no, with the reason. */
export interface NotDetected {
  found: false;
  reason: string;
}

interface ProviderBase {
  /** Unique name, used in configuration, logs and errors (e.g. 'hwmon'). */
  readonly name: string;
  readonly version: string;
  /**
   * Whether this provider has hardware to report here, consulted when the
   * configuration says `providers: auto` (an explicit list skips it). Should
   * be quick and free of side effects. Absent means always. `NotDetected`
   * is a no that says why, for the start-up log (`/host/sys/class/hwmon`
   * missing reads better than "no hardware detected").
   */
  detect?(ctx: ProviderContext): Promise<boolean | NotDetected>;
  /** The interval and timeout this provider prefers; its configuration section overrides them. */
  readonly defaults?: Readonly<Partial<ProviderSchedule>>;
  /** Releases resources (child processes, handles) when the broker stops. */
  close?(): Promise<void>;
}

/** Reports hardware as a neutral snapshot; the model builder maps it to the DMTF profiles. */
export interface HardwareProvider extends ProviderBase {
  readonly kind: 'hardware';
  /** Reads the hardware once. Called in the background, on the provider's interval. */
  sample(ctx: ProviderContext): Promise<HardwareSnapshot>;
  /** Writes a threshold of a numeric sensor (`sensorId`: its `id` in the snapshot), in the sensor's unit (ModifyInstance). */
  setThreshold?(ctx: ProviderContext, sensorId: string, threshold: ThresholdName, value: number): Promise<void>;
  /**
   * Restores the hardware's default thresholds of a sensor (RestoreDefaultThresholds).
   * Leave it out if the provider can restore none, or throw
   * `CIMError(CIMStatus.NOT_SUPPORTED, …)` for a sensor it cannot restore:
   * either way the method returns 1 (unsupported) instead of an error.
   */
  restoreDefaultThresholds?(ctx: ProviderContext, sensorId: string): Promise<void>;
}

/** The answer of an extrinsic method. */
export interface MethodResult {
  returnValue: CIMValue;
  out?: Record<string, CIMValue>;
}

/**
 * Serves CIM instances of the provider's own classes (declared in its MOF).
 * `enumerateInstances` is sampled in the background like hardware; the other
 * calls run on request, under the request's deadline.
 */
export interface InstanceProvider extends ProviderBase {
  readonly kind: 'instance';
  /** The namespace the classes live in (default 'root/cimv2'). */
  readonly namespace?: string;
  /** The classes this provider creates instances of (their creation classes). */
  readonly classes: readonly string[];
  /**
   * An absolute folder of MOF files declaring `classes`, compiled into the
   * repository after the project's own schema. Absent when the classes
   * are already in the repository (e.g. declared in a configured schemaDir).
   */
  readonly schemaDir?: string;
  /** Every instance of one of the provider's classes, with its path's keys set. */
  enumerateInstances(ctx: ProviderContext, classname: string): Promise<CIMInstance[]>;
  /** Changes properties of an instance (only those named in `propertyList` when given). */
  modifyInstance?(ctx: ProviderContext, instance: CIMInstance, propertyList?: readonly string[]): Promise<void>;
  /** Runs an extrinsic method of one of the provider's classes on `target` (InvokeMethod). */
  invokeMethod?(ctx: ProviderContext, target: CIMInstanceName, method: string, params: Record<string, CIMValue>): Promise<MethodResult>;
}

export type Provider = HardwareProvider | InstanceProvider;

/** When a provider is sampled and how long a call may take. */
export interface ProviderSchedule {
  /** Seconds between background samples (fractions allowed). */
  interval: number;
  /** Milliseconds a single call may take before it is abandoned. */
  timeout: number;
}

/**
 * A provider's configuration section: the options every provider accepts,
 * next to its own keys. The factory receives the whole section, except
 * `module` (where an external provider is loaded from, for the loader only).
 */
export interface ProviderOptions extends Partial<ProviderSchedule> {
  [key: string]: unknown;
}

/** The default export of a provider module. */
export type ProviderFactory = (options: ProviderOptions) => Provider | Promise<Provider>;

/** Typed identity helper for provider modules: `export default defineProvider((opts) => ({ … }))`. */
export function defineProvider(factory: ProviderFactory): ProviderFactory {
  return factory;
}
