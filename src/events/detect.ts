/**
 * Change detection: each published generation is compared with the previous
 * one, once, and the difference becomes events. Instance paths are stable
 * across generations, and the broker keeps an unchanged instance's object
 * from one generation to the next, so most comparisons end at `===`.
 *
 * Thresholds already carry hysteresis in the model (heldThresholdState), so
 * a reading hovering at a threshold changes nothing here. Nor does an
 * element that falls asleep (OperationalStatus Dormant: a runtime-suspended
 * graphics card's sensors): while it sleeps it is compared with what it was
 * before, so only what changed across the sleep is an event when it wakes.
 */
import type { CIMInstance, CIMValue } from '../cim/index.js';
import { elementName, healthStateText, scaleReading, sensorUnit } from '../client/health.js';
import { withUnit } from '../client/quantity.js';
import { CIMV2_NAMESPACE, ModelClass } from '../model/classes.js';
import type { EntrySource, ModelInput } from '../model/input.js';
import type { InstanceIndex } from '../model/instance-index.js';
import type { HardwareSnapshot } from '../model/snapshot.js';
import { MESSAGES, type EventKind, type HardwareEvent, type Severity, type ThresholdChange } from './event.js';

/** What the detector needs of one provider. */
export interface ProviderStatus {
  readonly name: string;
  /** Whether it has a good sample: its elements exist in the model. */
  readonly sampled: boolean;
  /** Why its latest attempt failed, when it did. */
  readonly error?: string | undefined;
  /**
   * The ids of its snapshot's sensors whose device is asleep: one asleep
   * since before its first reading is not served (no reading to keep), and
   * is no hot-plug when it wakes.
   */
  readonly asleep?: ReadonlySet<string>;
}

export interface Generation {
  readonly index: InstanceIndex;
  /** Epoch milliseconds of the publication. */
  readonly time: number;
  readonly providers: readonly ProviderStatus[];
  /** The provider and snapshot element an instance was made from, if any. */
  sourceOf(instance: CIMInstance): EntrySource | undefined;
}

/** What the detector needs of each provider of a model input. */
export function providerStatuses(input: ModelInput): ProviderStatus[] {
  return [...input.hardware.map((s) => ({ name: s.provider, sampled: s.snapshot !== undefined, error: s.error, asleep: asleepSensors(s.snapshot) })),
    ...input.instances.map((s) => ({ name: s.provider, sampled: s.sampledAt !== undefined, error: s.error }))];
}

function asleepSensors(snapshot: HardwareSnapshot | undefined): ReadonlySet<string> | undefined {
  const asleep = snapshot?.sensors?.filter((s) => s.unavailable === 'asleep');
  return asleep === undefined || asleep.length === 0 ? undefined : new Set(asleep.map((s) => s.id));
}

const REDUNDANCY_TEXT: Readonly<Record<number, string>> = {
  0: 'Unknown', 1: 'DMTF Reserved', 2: 'Fully Redundant', 3: 'Degraded Redundancy', 4: 'Redundancy Lost', 5: 'Overall Failure',
};
/** OperationalStatus 13 Lost Communication: the model's lost reading. */
const LOST_COMMUNICATION = 13;
/**
 * What OperationalStatus says of an element whose HealthState is Unknown
 * because it cannot be seen: 12 No Contact (its provider never answered),
 * 13 Lost Communication (it was seen, and no longer is).
 */
const OUT_OF_SIGHT: Readonly<Record<number, string>> = { 12: 'No Contact', [LOST_COMMUNICATION]: 'Lost Communication' };
/** OperationalStatus 15 Dormant: the model's element whose device is asleep, which tells nothing new. */
const DORMANT = 15;

/** The threshold property of each sensor state, and how bad crossing it is. */
const THRESHOLD_STATES: ReadonlyMap<string, { property: string; severity: Severity }> = new Map([
  ['Upper Non-Critical', { property: 'UpperThresholdNonCritical', severity: 'warning' }],
  ['Lower Non-Critical', { property: 'LowerThresholdNonCritical', severity: 'warning' }],
  ['Upper Critical', { property: 'UpperThresholdCritical', severity: 'critical' }],
  ['Lower Critical', { property: 'LowerThresholdCritical', severity: 'critical' }],
  ['Upper Fatal', { property: 'UpperThresholdFatal', severity: 'fatal' }],
  ['Lower Fatal', { property: 'LowerThresholdFatal', severity: 'fatal' }],
]);
const STATE_RANK: Readonly<Record<string, number>> = {
  Normal: 0, 'Upper Non-Critical': 1, 'Lower Non-Critical': 1, 'Upper Critical': 2, 'Lower Critical': 2, 'Upper Fatal': 3, 'Lower Fatal': 3,
};

interface Watched {
  readonly instance: CIMInstance;
  readonly source: EntrySource | undefined;
  /**
   * The last instance whose reading a threshold judged (CurrentState not
   * Unknown): a reading regained is compared with it, so that a threshold
   * crossed before the loss is cleared once the reading is back within it.
   */
  judged?: CIMInstance;
}

/** The events between consecutive generations; feed it every generation, in order. */
export class ChangeDetector {
  #watched = new Map<string, Watched>();
  #providers = new Map<string, ProviderStatus>();
  #sequence = 0;
  /** The first generation has nothing to compare with: what it holds was there before. */
  #seen = false;

  next(generation: Generation): HardwareEvent[] {
    const events: EventDraft[] = [];
    const watched = this.#watch(generation);
    const newlySampled = new Set(generation.providers.filter((p) => p.sampled && !this.#providers.get(p.name)?.sampled).map((p) => p.name));
    // forEach, not for…of: no [key, value] pair per element of a large host, every sample.
    watched.forEach((now, key) => {
      const before = this.#watched.get(key);
      if (before !== undefined && dormant(now.instance)) {
        // Asleep (a runtime-suspended GPU's sensors and fans): no event; on waking it is compared with what it was before.
        watched.set(key, before);
        return;
      }
      now.judged = judged(now.instance) ? now.instance : before?.judged;
      if (before === undefined) {
        // A provider's first sample brings its whole host, a sensor that wakes was reported asleep: not a hot-plug.
        const firstSample = now.source !== undefined && newlySampled.has(now.source.provider);
        if (this.#seen && !firstSample && !this.#wasAsleep(now.source)) events.push(created(now.instance));
      } else if (before.instance !== now.instance) {
        const changes = changed(before, now.instance);
        // A first sample that finds the host healthy clears no alert: the roll-up only waited for it (every start).
        events.push(...(newlySampled.size > 0 && waiting(before.instance) ? changes.filter((e) => e.severity !== 'ok') : changes));
      }
    });
    const unsampled = new Set(generation.providers.filter((p) => !p.sampled).map((p) => p.name));
    this.#watched.forEach((before, key) => {
      if (!watched.has(key) && !(before.source !== undefined && unsampled.has(before.source.provider))) events.push(deleted(before.instance));
    });
    events.push(...this.#providerChanges(generation.providers));
    this.#watched = watched;
    this.#seen = true;
    events.sort((a, b) => causeRank(a) - causeRank(b));
    return events.map((draft) => ({
      ...draft, sequence: ++this.#sequence, generation: generation.index.generation, time: generation.time,
    }));
  }

  /** The elements whose state events follow: those with a HealthState or a RedundancyStatus, in root/cimv2. */
  #watch({ index, sourceOf }: Generation): Map<string, Watched> {
    const watched = new Map<string, Watched>();
    for (const { namespace, instance } of index.entries()) {
      if (namespace !== CIMV2_NAMESPACE || instance.path === undefined) continue;
      if (!instance.properties.has('HealthState') && !instance.properties.has('RedundancyStatus')) continue;
      watched.set(instance.path.key, { instance, source: sourceOf(instance) });
    }
    return watched;
  }

  /** Whether the previous generation's provider reported this element asleep. */
  #wasAsleep(source: EntrySource | undefined): boolean {
    return source !== undefined && this.#providers.get(source.provider)?.asleep?.has(source.id) === true;
  }

  #providerChanges(providers: readonly ProviderStatus[]): EventDraft[] {
    const events: EventDraft[] = [];
    for (const p of providers) {
      const before = this.#providers.get(p.name);
      if (p.error !== undefined && before?.error === undefined) {
        events.push(draft('providerFailed', 'warning', { provider: p.name, reason: p.error }, { provider: p.name }));
      } else if (p.error === undefined && before?.error !== undefined) {
        events.push(draft('providerRecovered', 'ok', { provider: p.name }, { provider: p.name }));
      }
    }
    this.#providers = new Map(providers.map((p) => [p.name, p]));
    return events;
  }
}

type EventDraft = Omit<HardwareEvent, 'sequence' | 'generation' | 'time'>;

/** Causes before effects: sensors, then the devices they monitor, then the system's roll-up, then providers. */
function causeRank(event: EventDraft): number {
  const instance = event.after ?? event.before;
  if (instance === undefined) return 3;
  if (instance.properties.has('SensorType')) return 0;
  return instance.classname === ModelClass.ComputerSystem ? 2 : 1;
}

function draft(kind: EventKind, severity: Severity, words: Record<string, string>, fields: Partial<EventDraft>): EventDraft {
  const { id, text } = MESSAGES[kind];
  const message = text.replace(/\{(\w+)\}/g, (_, name: string) => words[name] ?? '');
  return { kind, severity, messageId: id, message, ...fields };
}

function elementFields(before: CIMInstance | undefined, after: CIMInstance | undefined): Partial<EventDraft> {
  const instance = (after ?? before)!;
  return {
    namespace: CIMV2_NAMESPACE, path: instance.path, classname: instance.classname, elementName: elementName(instance),
    ...(before && { before }), ...(after && { after }),
  };
}

function created(after: CIMInstance): EventDraft {
  return draft('created', severityOf(after), { element: elementName(after) }, elementFields(undefined, after));
}

function deleted(before: CIMInstance): EventDraft {
  return draft('deleted', 'warning', { element: elementName(before) }, elementFields(before, undefined));
}

/** What changed in one element: its reading's state, its redundancy, or else its health. */
function changed(watched: Watched, after: CIMInstance): EventDraft[] {
  const before = watched.instance;
  const element = elementName(after);
  const fields = elementFields(before, after);
  const lost = (i: CIMInstance) => firstStatus(i) === LOST_COMMUNICATION && i.properties.has('CurrentReading');
  if (!lost(before) && lost(after)) {
    return [draft('readingLost', 'warning', { element, value: readingText(after), reason: reasonText(after) }, fields)];
  }
  if (lost(before) && !lost(after)) {
    return [draft('readingRegained', severityOf(after), { element, value: readingText(after) }, fields), ...thresholdChanges(watched.judged ?? before, after, fields)];
  }
  const thresholds = thresholdChanges(before, after, fields);
  if (thresholds.length > 0) return thresholds;
  const redundancyBefore = integer(before.get('RedundancyStatus'));
  const redundancyAfter = integer(after.get('RedundancyStatus'));
  if (redundancyBefore !== redundancyAfter) {
    const severity: Severity = redundancyAfter === 2 ? 'ok' : redundancyAfter === 5 ? 'critical' : redundancyAfter === 0 ? 'unknown' : 'warning';
    return [draft('redundancy', severity, { element, from: text(REDUNDANCY_TEXT, redundancyBefore), to: text(REDUNDANCY_TEXT, redundancyAfter) }, fields)];
  }
  const from = stateText(before);
  const to = stateText(after);
  // Unknown → Unknown says nothing: a state that changed is named (Lost Communication), one that did not is no event.
  if (from === to) return [];
  return [draft('health', severityOf(after), { element, from, to, reason: reasonText(after) }, fields)];
}

/** An element's state in words: its HealthState, or why it is Unknown when it cannot be seen (Lost Communication). */
function stateText(instance: CIMInstance): string {
  const health = integer(instance.get('HealthState'));
  const status = firstStatus(instance);
  if ((health === undefined || health === 0) && status !== undefined && OUT_OF_SIGHT[status] !== undefined) return OUT_OF_SIGHT[status];
  return health === undefined ? 'none' : healthStateText(health);
}

/**
 * A numeric sensor whose threshold state changed: each threshold it has
 * cleared, most severe first, then each it has crossed, least severe first.
 * A reading beyond a threshold is beyond the milder ones on its side too, so
 * a step across two of them (45 → 95 °C) crosses both and the way back
 * clears both: a receiver that pairs crossed and cleared by threshold never
 * keeps an alarm open nor clears one it was not sent.
 */
/** Whether a sensor's CurrentState is a threshold's verdict (Normal or beyond one), not Unknown. */
function judged(sensor: CIMInstance): boolean {
  const state = sensor.get('CurrentState');
  return typeof state === 'string' && STATE_RANK[state] !== undefined;
}

function thresholdChanges(before: CIMInstance, after: CIMInstance, fields: Partial<EventDraft>): EventDraft[] {
  const from = before.get('CurrentState');
  const to = after.get('CurrentState');
  if (typeof from !== 'string' || typeof to !== 'string' || from === to) return [];
  if (STATE_RANK[from] === undefined || STATE_RANK[to] === undefined) return [];
  const wasBeyond = beyond(before, from);
  const isBeyond = beyond(after, to);
  const cleared = wasBeyond.filter((state) => !isBeyond.includes(state)).reverse();
  const crossed = isBeyond.filter((state) => !wasBeyond.includes(state));
  return [...cleared.map((state) => thresholdEvent(after, state, false, fields)), ...crossed.map((state) => thresholdEvent(after, state, true, fields))];
}

/** The threshold states a sensor in `state` is beyond: its own and the milder ones on its side it has, mildest first. */
function beyond(sensor: CIMInstance, state: string): string[] {
  const side = state.split(' ')[0];
  const rank = STATE_RANK[state] ?? 0;
  const possible = sensor.get('PossibleStates');
  const has = (s: string) => s === state || (Array.isArray(possible) && possible.includes(s));
  return [...THRESHOLD_STATES.keys()].filter((s) => s.startsWith(`${side} `) && (STATE_RANK[s] ?? 0) <= rank && has(s))
    .sort((a, b) => (STATE_RANK[a] ?? 0) - (STATE_RANK[b] ?? 0));
}

function thresholdEvent(after: CIMInstance, state: string, crossed: boolean, fields: Partial<EventDraft>): EventDraft {
  const threshold = THRESHOLD_STATES.get(state)!;
  const change = thresholdChange(after, threshold.property, state);
  const words = { element: elementName(after), value: readingText(after), threshold: `${state} (${withUnit(change.value, change.unit)})` };
  const severity = crossed ? threshold.severity : severityOf(after);
  return draft(crossed ? 'thresholdCrossed' : 'thresholdCleared', severity, words, { ...fields, threshold: change });
}

function thresholdChange(sensor: CIMInstance, property: string, state: string): ThresholdChange {
  const modifier = integer(sensor.get('UnitModifier')) ?? 0;
  const scaled = (name: string) => {
    const raw = sensor.get(name);
    return typeof raw === 'number' || typeof raw === 'bigint' ? scaleReading(raw, modifier).value : Number.NaN;
  };
  return { property, state, value: scaled(property), observed: scaled('CurrentReading'), unit: sensorUnit(sensor) };
}

function readingText(sensor: CIMInstance): string {
  const raw = sensor.get('CurrentReading');
  if (typeof raw !== 'number' && typeof raw !== 'bigint') return 'none';
  return withUnit(scaleReading(raw, integer(sensor.get('UnitModifier')) ?? 0).text, sensorUnit(sensor));
}

/** The element's own status description, when it says more than the status. */
function reasonText(instance: CIMInstance): string {
  const descriptions = instance.get('StatusDescriptions');
  const first = Array.isArray(descriptions) ? descriptions[0] : undefined;
  return typeof first === 'string' && first !== '' && first !== 'OK' ? ` (${first})` : '';
}

/**
 * Severity of an element's state: its HealthState; for HealthState Unknown,
 * warning when it cannot be seen (No Contact, Lost Communication: hardware
 * that was there is no longer watched, an alert) and unknown when its source
 * has no opinion (an empty slot, a fan header never seen turning: nothing
 * to act on).
 */
export function severityOf(instance: CIMInstance): Severity {
  const health = integer(instance.get('HealthState'));
  if (health === 5) return 'ok';
  if (health === 10 || health === 15) return 'warning';
  if (health === 20 || health === 25) return 'critical';
  if (health === 30) return 'fatal';
  const status = firstStatus(instance);
  return status !== undefined && OUT_OF_SIGHT[status] !== undefined ? 'warning' : 'unknown';
}

/** The system in plain Unknown (HealthState 0, OperationalStatus Unknown): what it is until its providers have sampled. */
function waiting(instance: CIMInstance): boolean {
  return instance.classname === ModelClass.ComputerSystem && integer(instance.get('HealthState')) === 0 && firstStatus(instance) === 0;
}

function dormant(instance: CIMInstance): boolean {
  return firstStatus(instance) === DORMANT;
}

function firstStatus(instance: CIMInstance): number | undefined {
  const status = instance.get('OperationalStatus');
  return integer(Array.isArray(status) ? status[0] : status);
}

function integer(value: CIMValue | undefined): number | undefined {
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' ? value : undefined;
}

function text(table: Readonly<Record<number, string>>, value: number | undefined): string {
  return value === undefined ? 'none' : table[value] ?? String(value);
}
