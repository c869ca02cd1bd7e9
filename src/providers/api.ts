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

interface ProviderBase {
  /** Unique name, used in configuration, logs and errors (e.g. 'hwmon'). */
  readonly name: string;
  readonly version: string;
  /** Whether this provider has hardware to report here (auto-detection). Defaults to true. */
  detect?(ctx: ProviderContext): Promise<boolean>;
  /** Releases resources (child processes, handles) when the broker stops. */
  close?(): Promise<void>;
}

/** Reports hardware as a neutral snapshot; the model builder maps it to the DMTF profiles. */
export interface HardwareProvider extends ProviderBase {
  readonly kind: 'hardware';
  /** Reads the hardware once. Called in the background, on the provider's interval. */
  sample(ctx: ProviderContext): Promise<HardwareSnapshot>;
  /** Writes a threshold of a numeric sensor, in the sensor's unit (ModifyInstance). */
  setThreshold?(ctx: ProviderContext, sensorId: string, threshold: ThresholdName, value: number): Promise<void>;
  /** Restores the hardware's default thresholds of a sensor (RestoreDefaultThresholds). */
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
  /** Every instance of one of the provider's classes, with its path's keys set. */
  enumerateInstances(ctx: ProviderContext, classname: string): Promise<CIMInstance[]>;
  /** Changes properties of an instance (only those named in `propertyList` when given). */
  modifyInstance?(ctx: ProviderContext, instance: CIMInstance, propertyList?: readonly string[]): Promise<void>;
  invokeMethod?(ctx: ProviderContext, target: CIMInstanceName, method: string, params: Record<string, CIMValue>): Promise<MethodResult>;
}

export type Provider = HardwareProvider | InstanceProvider;

/** Provider options every provider accepts, next to its own keys. */
export interface ProviderOptions {
  /** Seconds between background samples. */
  interval?: number;
  /** Milliseconds a single call may take before it is abandoned. */
  timeout?: number;
  [key: string]: unknown;
}

/** The default export of a provider module. */
export type ProviderFactory = (options: ProviderOptions) => Provider | Promise<Provider>;

/** Typed identity helper for provider modules: `export default defineProvider((opts) => ({ … }))`. */
export function defineProvider(factory: ProviderFactory): ProviderFactory {
  return factory;
}
