/**
 * Where writes and methods go. Threshold changes and RestoreDefaultThresholds
 * on a model sensor reach the hardware provider that reported the sensor (a
 * provider that cannot restore a sensor's thresholds makes the method return 1);
 * everything else goes to the instance provider that owns the class.
 */
import {
  CIMError, CIMInstanceName, CIMStatus, sameName, type CIMInstance, type CIMValue,
} from '../cim/index.js';
import type { ThresholdName } from '../model/snapshot.js';
import type { ProviderRouter } from '../operations/types.js';
import type { ProviderManager } from '../providers/index.js';
import { sameValue } from '../repository/values.js';
import type { BrokerState } from './state.js';

/** The threshold properties of CIM_NumericSensor, in SupportedThresholds order. */
const THRESHOLDS: readonly [string, ThresholdName][] = [
  ['LowerThresholdNonCritical', 'lowerNonCritical'],
  ['UpperThresholdNonCritical', 'upperNonCritical'],
  ['LowerThresholdCritical', 'lowerCritical'],
  ['UpperThresholdCritical', 'upperCritical'],
  ['LowerThresholdFatal', 'lowerFatal'],
  ['UpperThresholdFatal', 'upperFatal'],
];

/** RestoreDefaultThresholds' return value 1: unsupported. */
const NOT_SUPPORTED = 1;

export class ProviderRouterImpl implements ProviderRouter {
  constructor(private readonly manager: ProviderManager, private readonly state: BrokerState) {}

  modifyInstance(namespace: string, instance: CIMInstance, propertyList: readonly string[] | undefined, signal: AbortSignal): Promise<void> {
    return withinDeadline(this.#modifyInstance(namespace, instance, propertyList), signal);
  }

  invokeMethod(namespace: string, target: CIMInstanceName | { classname: string }, method: string,
    params: Record<string, CIMValue>, signal: AbortSignal): Promise<{ returnValue: CIMValue; out?: Record<string, CIMValue> }> {
    return withinDeadline(this.#invokeMethod(namespace, target, method, params), signal);
  }

  async #modifyInstance(namespace: string, instance: CIMInstance, propertyList: readonly string[] | undefined): Promise<void> {
    const current = instance.path && this.state.index.get(namespace, instance.path);
    const source = current && this.state.sourceOf(current);
    if (!current || !source || !this.#isNumericSensor(namespace, current)) {
      return this.manager.modifyInstance(namespace, instance, propertyList);
    }
    const changes = thresholdChanges(current, instance, propertyList);
    for (const { threshold, value } of changes) await this.manager.setThreshold(source.id, threshold, value);
  }

  async #invokeMethod(namespace: string, target: CIMInstanceName | { classname: string }, method: string,
    params: Record<string, CIMValue>): Promise<{ returnValue: CIMValue; out?: Record<string, CIMValue> }> {
    const current = target instanceof CIMInstanceName ? this.state.index.get(namespace, target) : undefined;
    const source = current && this.state.sourceOf(current);
    if (current && source && sameName(method, 'RestoreDefaultThresholds') && this.#isNumericSensor(namespace, current)) {
      return { returnValue: await this.#restoreDefaultThresholds(source.id) };
    }
    const owner = this.manager.ownerOfClass(namespace, target.classname);
    if (owner === undefined || !(target instanceof CIMInstanceName)) {
      throw new CIMError(CIMStatus.NOT_SUPPORTED, `method ${method} of ${target.classname} is not supported`);
    }
    return this.manager.invokeMethod(owner, target, method, params);
  }

  /**
   * The method's own contract (CIM_NumericSensor): 0 if successful, 1 if
   * unsupported, whether the provider has no restoreDefaultThresholds or
   * refuses this sensor with CIM_ERR_NOT_SUPPORTED.
   */
  async #restoreDefaultThresholds(sensorId: string): Promise<number> {
    try {
      await this.manager.restoreDefaultThresholds(sensorId);
      return 0;
    } catch (error) {
      if (error instanceof CIMError && error.code === CIMStatus.NOT_SUPPORTED) return NOT_SUPPORTED;
      throw error;
    }
  }

  #isNumericSensor(namespace: string, instance: CIMInstance): boolean {
    return this.state.repository.isSubclassOf(namespace, instance.classname, 'CIM_NumericSensor');
  }
}

/**
 * The call's result, or the request's deadline (`signal`, limits.requestTimeoutMs)
 * if it comes first: the client is answered then, and the provider's call runs
 * on until its own deadline, its late result ignored.
 */
function withinDeadline<T>(call: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const expire = () => reject(signal.reason);
    if (signal.aborted) expire();
    else signal.addEventListener('abort', expire, { once: true });
    call.then(resolve, reject).finally(() => signal.removeEventListener('abort', expire));
  });
}

/**
 * What a sensor's samples change: a client that sends back the whole
 * instance it read (wbemcli's `mi`, no PropertyList) sends these as they were
 * before the sample that came between its read and its write.
 */
const SAMPLED = new Set([
  'CurrentReading', 'CurrentState', 'PossibleStates', 'HealthState', 'OperationalStatus', 'StatusDescriptions',
  'PrimaryStatus', 'TimeOfLastStateChange',
].map((name) => name.toLowerCase()));

/**
 * The threshold writes a ModifyInstance asks for (DSP1009 §7: thresholds are
 * set with ModifyInstance and a PropertyList). A named property whose value
 * is unchanged is accepted, and without a PropertyList one that samples
 * change too; a change to anything but a settable threshold is refused.
 */
function thresholdChanges(current: CIMInstance, modified: CIMInstance, propertyList: readonly string[] | undefined) {
  const settable = new Set((current.get('SettableThresholds') as number[] | null | undefined) ?? []);
  const modifier = Number(current.get('UnitModifier') ?? 0);
  const changes: { threshold: ThresholdName; value: number }[] = [];
  for (const name of propertyList ?? [...modified.properties.keys()].filter((n) => !SAMPLED.has(n.toLowerCase()))) {
    const value = modified.get(name) ?? null;
    if (sameValue(value, current.get(name) ?? null)) continue;
    const index = THRESHOLDS.findIndex(([property]) => sameName(property, name));
    if (index < 0 || !settable.has(index)) {
      throw new CIMError(CIMStatus.NOT_SUPPORTED, `${name} of ${current.classname} cannot be changed${index < 0 ? '' : ': the threshold is not settable'}`);
    }
    if (typeof value !== 'number') throw new CIMError(CIMStatus.INVALID_PARAMETER, `${name} must be a sint32 reading`);
    // Through the decimal text, so that 850 × 10^-1 is exactly 85.
    changes.push({ threshold: THRESHOLDS[index]![1], value: Number(`${value}e${modifier}`) });
  }
  return changes;
}
