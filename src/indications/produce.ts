/**
 * The indications an event becomes (DSP1054 §7, profiles §9.3): an alert
 * (CIM_ThresholdIndication for thresholds, else CIM_AlertIndication) and,
 * for an element, the life-cycle indication of its instance
 * (CIM_InstModification, CIM_InstCreation, CIM_InstDeletion). Filters pick
 * among them by class; each is made once and shared by every destination.
 */
import { CIMDateTime, CIMInstance, CIMInstanceName, NocaseMap, cimProperty, type CIMProperty, type CIMScalar, type CIMType } from '../cim/index.js';
import type { EventKind, HardwareEvent, Severity } from '../events/index.js';
import { CIMV2_NAMESPACE, ModelClass } from '../model/classes.js';
import { sameValue } from '../repository/values.js';

export const IndicationClass = {
  Alert: 'Thincim_AlertIndication',
  Threshold: 'Thincim_ThresholdIndication',
  Modification: 'CIM_InstModification',
  Creation: 'CIM_InstCreation',
  Deletion: 'CIM_InstDeletion',
} as const;

/** PerceivedSeverity: 2 Information, 0 Unknown, 3 Degraded/Warning, 6 Critical, 7 Fatal/NonRecoverable. */
const PERCEIVED_SEVERITY: Readonly<Record<Severity, number>> = { ok: 2, unknown: 0, warning: 3, critical: 6, fatal: 7 };

/** AlertType: 4 Processing Error, 5 Device Alert, 6 Environmental Alert, 7 Model Change, 8 Security Alert. */
const ALERT_TYPE = { processing: 4, device: 5, environmental: 6, modelChange: 7, security: 8 } as const;

/** ProbableCause values of CIM_AlertIndication used here. */
const CAUSE = {
  other: 1, equipment: 16, processor: 38, temperature: 51, threshold: 52, resourceUnavailable: 57, cleared: 59,
  enclosureOpen: 15, missing: 73, redundancy: 88, powerSupply: 89, battery: 92, fan: 94, sensor: 96,
} as const;

/** SensorType 2 Temperature, 16 Intrusion. */
const TEMPERATURE = 2;
const INTRUSION = 16;

export interface ProduceContext {
  readonly hostname: string;
  /** Makes identifiers unique across restarts: the service's start time. */
  readonly startId: string;
}

/** The indications of one event, without IndicationFilterName and sequence numbers (set per delivery). */
export function indicationsOf(event: HardwareEvent, ctx: ProduceContext): CIMInstance[] {
  const id = (n: number) => `Thincim:${ctx.startId}-${event.sequence}-${n}`;
  const indications = [alert(event, ctx, id(1))];
  const lifeCycle = lifeCycleOf(event, ctx, id(2));
  if (lifeCycle) indications.push(lifeCycle);
  return indications;
}

function alert(event: HardwareEvent, ctx: ProduceContext, identifier: string): CIMInstance {
  const threshold = event.threshold;
  const props = common(event, identifier, threshold ? IndicationClass.Threshold : IndicationClass.Alert);
  const element = event.path && elementPath(event.path, event.namespace ?? CIMV2_NAMESPACE, ctx.hostname);
  props.add('AlertType', 'uint16', alertType(event));
  props.add('ProbableCause', 'uint16', probableCause(event));
  props.add('AlertingManagedElement', 'string', element ?? null);
  props.add('AlertingElementFormat', 'uint16', element ? 2 : 0);
  props.add('Description', 'string', event.message);
  props.add('SystemCreationClassName', 'string', ModelClass.ComputerSystem);
  props.add('SystemName', 'string', ctx.hostname);
  props.add('ProviderName', 'string', event.provider ?? null);
  // EventID names one event (alerts with equal EventIDs are the same event): the sequence restarts with the agent.
  props.add('EventID', 'string', `${ctx.startId}-${event.sequence}`);
  props.add('EventTime', 'datetime', datetime(event.time));
  props.add('OwningEntity', 'string', 'Thincim');
  props.add('MessageID', 'string', event.messageId);
  props.add('Message', 'string', event.message);
  if (threshold) {
    props.add('ThresholdIdentifier', 'string', threshold.property);
    props.add('ThresholdValue', 'string', String(threshold.value));
    props.add('ObservedValue', 'string', String(threshold.observed));
    props.add('Trending', 'uint16', threshold.state.startsWith('Upper') === (event.kind === 'thresholdCrossed') ? 2 : 3);
  }
  return props.instance();
}

function lifeCycleOf(event: HardwareEvent, ctx: ProduceContext, identifier: string): CIMInstance | undefined {
  if (!event.path) return undefined;
  const classname = event.kind === 'created' ? IndicationClass.Creation : event.kind === 'deleted' ? IndicationClass.Deletion : IndicationClass.Modification;
  const source = event.kind === 'deleted' ? event.before : event.after;
  if (!source) return undefined;
  const props = common(event, identifier, classname);
  props.add('SourceInstance', 'string', source, true);
  props.add('SourceInstanceModelPath', 'string', event.path.withLocation(event.namespace ?? CIMV2_NAMESPACE).toString());
  props.add('SourceInstanceHost', 'string', ctx.hostname);
  if (classname === IndicationClass.Modification && event.before) {
    props.add('PreviousInstance', 'string', event.before, true);
    props.addArray('ChangedPropertyNames', 'string', changedProperties(event.before, source));
  }
  return props.instance();
}

function common(event: HardwareEvent, identifier: string, classname: string): PropertyList {
  const props = new PropertyList(classname);
  props.add('IndicationIdentifier', 'string', identifier);
  props.add('IndicationTime', 'datetime', datetime(event.time));
  props.add('PerceivedSeverity', 'uint16', PERCEIVED_SEVERITY[event.severity]);
  return props;
}

/** The element's WBEM URI with the host, as AlertingElementFormat 2 (CIMObjectPath) asks. */
function elementPath(path: CIMInstanceName, namespace: string, hostname: string): string {
  return path.withLocation(namespace, hostname).toString();
}

function datetime(ms: number): CIMDateTime {
  return CIMDateTime.fromDate(new Date(ms));
}

function sensorType(event: HardwareEvent): number {
  return Number((event.after ?? event.before)?.get('SensorType'));
}

function isTemperature(event: HardwareEvent): boolean {
  return sensorType(event) === TEMPERATURE;
}

function alertType(event: HardwareEvent): number {
  if (event.kind === 'providerFailed' || event.kind === 'providerRecovered') return ALERT_TYPE.processing;
  if (event.kind === 'created' || event.kind === 'deleted') return ALERT_TYPE.modelChange;
  if (sensorType(event) === INTRUSION) return ALERT_TYPE.security;
  return isTemperature(event) ? ALERT_TYPE.environmental : ALERT_TYPE.device;
}

const CLEARING: ReadonlySet<EventKind> = new Set(['thresholdCleared', 'readingRegained', 'providerRecovered']);

function probableCause(event: HardwareEvent): number {
  if (CLEARING.has(event.kind) || (event.severity === 'ok' && (event.kind === 'health' || event.kind === 'redundancy'))) return CAUSE.cleared;
  switch (event.kind) {
    case 'thresholdCrossed': return isTemperature(event) ? CAUSE.temperature : CAUSE.threshold;
    case 'readingLost': return CAUSE.sensor;
    case 'redundancy': return CAUSE.redundancy;
    case 'deleted': return CAUSE.missing;
    case 'created': return CAUSE.other;
    case 'providerFailed': return CAUSE.resourceUnavailable;
    default: return deviceCause(event.classname ?? '', event.after ?? event.before);
  }
}

/** What a device's own health failure most likely means, by what the device is. */
function deviceCause(classname: string, instance: CIMInstance | undefined): number {
  if (Number(instance?.get('SensorType')) === INTRUSION) return CAUSE.enclosureOpen;
  const name = classname.toLowerCase();
  if (name.endsWith('_fan')) return CAUSE.fan;
  if (name.endsWith('_powersupply')) return CAUSE.powerSupply;
  if (name.endsWith('_battery')) return CAUSE.battery;
  if (name.endsWith('_processor')) return CAUSE.processor;
  if (instance?.properties.has('SensorType')) return CAUSE.sensor;
  return CAUSE.equipment;
}

/** The properties whose values differ between two generations of an instance. */
function changedProperties(before: CIMInstance, after: CIMInstance): string[] {
  const changed: string[] = [];
  for (const [name, p] of after.properties) {
    if (!sameValue(p.value, before.properties.get(name)?.value ?? null)) changed.push(p.name);
  }
  return changed;
}

/** An indication's properties in the order they are written. */
class PropertyList {
  readonly #properties = new NocaseMap<CIMProperty>();

  constructor(private readonly classname: string) {}

  add(name: string, type: CIMType, value: CIMScalar | null, embedded = false): void {
    this.#properties.set(name, cimProperty(name, type, value, embedded ? { embeddedObject: 'object' } : {}));
  }

  addArray(name: string, type: CIMType, values: CIMScalar[]): void {
    this.#properties.set(name, cimProperty(name, type, values, { isArray: true }));
  }

  instance(): CIMInstance {
    return new CIMInstance({ classname: this.classname, properties: this.#properties });
  }
}
