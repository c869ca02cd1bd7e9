/**
 * The subscription classes of root/interop: filters, listener destinations
 * and subscriptions, created, changed and deleted with the intrinsic
 * operations as pywbem's WBEMSubscriptionManager and OpenPegasus's cimsub
 * use them (profiles §9.2). Held as plain records, which is also what is
 * persisted; the instances are rebuilt from them for each publication.
 */
import {
  CIMDateTime, CIMError, CIMInstanceName, CIMStatus, type CIMInstance, type CIMValue,
} from '../cim/index.js';
import { INTEROP_NAMESPACE, ModelClass } from '../model/classes.js';
import { InstanceDraft } from '../model/instance-draft.js';
import type { ModelEntry } from '../model/input.js';
import type { SubscriptionWriter } from '../operations/types.js';
import type { ClassRepository } from '../repository/types.js';
import type { CompiledFilter } from './filter.js';

const FILTER = 'CIM_IndicationFilter';
const DESTINATION = 'CIM_ListenerDestinationCIMXML';
const SUBSCRIPTION = 'CIM_IndicationSubscription';

/** SubscriptionState 2 Enabled, 4 Disabled; OnFatalErrorPolicy 2 Ignore, 3 Disable, 4 Remove; PersistenceType 2 Permanent. */
export const ENABLED = 2;
export const DISABLED = 4;
const IGNORE = 2;
const PERMANENT = 2;

/** The keys every filter and destination has (all strings). */
export interface ScopedKeys {
  readonly classname: string;
  readonly systemCreationClassName: string;
  readonly systemName: string;
  readonly name: string;
}

export interface FilterRecord extends ScopedKeys {
  readonly query: string;
  readonly queryLanguage: string;
  readonly sourceNamespaces: string[] | null;
}

export interface DestinationRecord extends ScopedKeys {
  readonly destination: string;
  readonly persistenceType: number;
  /** Epoch milliseconds: part of the destination's SequenceContext. */
  readonly created: number;
}

export interface SubscriptionRecord {
  readonly classname: string;
  readonly filter: ScopedKeys;
  readonly handler: ScopedKeys;
  readonly state: number;
  readonly onFatalErrorPolicy: number;
  /** Seconds from startTime; null lasts for ever. */
  readonly duration: number | null;
  readonly startTime: number;
  readonly lastStateChange: number;
  readonly info: string | null;
}

/** Everything the store holds: what the state file contains. */
export interface StoredSubscriptions {
  filters: FilterRecord[];
  destinations: DestinationRecord[];
  subscriptions: SubscriptionRecord[];
}

export interface StoreOptions {
  repository: ClassRepository;
  hostname: string;
  /** Most filters, most destinations and most subscriptions. */
  maxEach: number;
  /** Compiles a filter's query, throwing the CIM error that refuses it. */
  compile(record: FilterRecord): CompiledFilter;
  /** Checks a destination URL (scheme, allowed networks), throwing the CIM error that refuses it. */
  checkDestination(url: URL): void | Promise<void>;
  /** After every change: persist and republish. */
  onChange(): void;
  now?: () => number;
}

export interface Filter {
  readonly record: FilterRecord;
  readonly path: CIMInstanceName;
  readonly compiled: CompiledFilter;
}

export interface Destination {
  readonly record: DestinationRecord;
  readonly path: CIMInstanceName;
  readonly url: URL;
}

export interface Subscription {
  readonly record: SubscriptionRecord;
  readonly path: CIMInstanceName;
  readonly filter: Filter;
  readonly destination: Destination;
}

export class SubscriptionStore implements SubscriptionWriter {
  readonly #options: StoreOptions;
  readonly #now: () => number;
  readonly #filters = new Map<string, Filter>();
  readonly #destinations = new Map<string, Destination>();
  readonly #subscriptions = new Map<string, Subscription>();

  constructor(options: StoreOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  owns(namespace: string, classname: string): boolean {
    if (namespace.toLowerCase() !== INTEROP_NAMESPACE) return false;
    return this.#kindOf(classname) !== undefined;
  }

  async create(namespace: string, instance: CIMInstance): Promise<CIMInstanceName> {
    const classname = this.#options.repository.getClass(namespace, instance.classname)!.classname;
    this.#checkProperties(classname, instance);
    switch (this.#kindOf(classname)) {
      case 'filter': return this.#add(this.#filters, this.#filter(this.#filterRecord(classname, instance)), 'filters');
      case 'destination': {
        const record = this.#destinationRecord(classname, instance);
        const destination = destinationOf(record);
        await this.#options.checkDestination(destination.url);
        return this.#add(this.#destinations, destination, 'listener destinations');
      }
      default: return this.#add(this.#subscriptions, this.#subscription(this.#subscriptionRecord(classname, instance)), 'subscriptions');
    }
  }

  modify(_namespace: string, path: CIMInstanceName, instance: CIMInstance, propertyList: readonly string[] | undefined): void {
    const current = this.#subscriptions.get(path.key);
    if (!current) {
      if (this.#filters.has(path.key) || this.#destinations.has(path.key)) {
        // Not starting with the class name: wbemcli shows no CIM_ERR_ name for a description that starts with "CIM_".
        throw new CIMError(CIMStatus.NOT_SUPPORTED, `instances of ${path.classname} cannot be modified: delete it and create it anew`);
      }
      throw new CIMError(CIMStatus.NOT_FOUND, `${path.toString()} does not exist`);
    }
    const writable = ['SubscriptionState', 'SubscriptionDuration', 'SubscriptionInfo'];
    const names = propertyList ?? [...instance.properties.keys()].filter((n) => writable.some((w) => w.toLowerCase() === n.toLowerCase()));
    let record = current.record;
    for (const name of names) {
      const value = instance.get(name) ?? null;
      switch (name.toLowerCase()) {
        case 'subscriptionstate': record = { ...record, state: subscriptionState(value), lastStateChange: this.#now() }; break;
        case 'subscriptionduration': record = { ...record, duration: optionalCount(value, 'SubscriptionDuration') }; break;
        case 'subscriptioninfo': record = { ...record, info: optionalText(value, 'SubscriptionInfo') }; break;
        default: throw new CIMError(CIMStatus.NOT_SUPPORTED, `${name} of a subscription cannot be modified (only ${writable.join(', ')})`);
      }
    }
    this.#subscriptions.set(path.key, { ...current, record });
    this.#options.onChange();
  }

  delete(_namespace: string, path: CIMInstanceName): void {
    const key = path.key;
    if (this.#subscriptions.delete(key)) return this.#options.onChange();
    const users = [...this.#subscriptions.values()].filter((s) => s.filter.path.key === key || s.destination.path.key === key);
    if (users.length > 0) {
      throw new CIMError(CIMStatus.FAILED, `the ${path.classname} ${String(path.keybindings.get('Name'))} is used by ${users.length} subscription(s); delete them first`);
    }
    if (!this.#filters.delete(key) && !this.#destinations.delete(key)) throw new CIMError(CIMStatus.NOT_FOUND, `${path.toString()} does not exist`);
    this.#options.onChange();
  }

  /** Subscriptions whose indications are sent now: enabled and not expired. */
  active(): Subscription[] {
    const now = this.#now();
    return [...this.#subscriptions.values()].filter((s) => s.record.state === ENABLED && !expired(s.record, now));
  }

  destinations(): Destination[] {
    return [...this.#destinations.values()];
  }

  subscriptionsOf(destination: Destination): Subscription[] {
    return [...this.#subscriptions.values()].filter((s) => s.destination.path.key === destination.path.key);
  }

  /** Disables (OnFatalErrorPolicy Disable, SubscriptionRemovalAction Disable) or removes a subscription. */
  apply(subscription: Subscription, action: 'disable' | 'remove'): void {
    const key = subscription.path.key;
    if (!this.#subscriptions.has(key)) return;
    if (action === 'remove') this.#subscriptions.delete(key);
    else this.#subscriptions.set(key, { ...subscription, record: { ...subscription.record, state: DISABLED, lastStateChange: this.#now() } });
    this.#options.onChange();
  }

  /** When the first subscription with a duration runs out (ms since the epoch), if any has one. */
  nextExpiry(): number | undefined {
    let next: number | undefined;
    for (const { record } of this.#subscriptions.values()) {
      if (record.duration !== null) next = Math.min(next ?? Infinity, endOf(record));
    }
    return next;
  }

  /** Removes the subscriptions whose duration has run out (DSP1054: they end). */
  expire(): void {
    const now = this.#now();
    const ended = [...this.#subscriptions].filter(([, s]) => expired(s.record, now));
    for (const [key] of ended) this.#subscriptions.delete(key);
    if (ended.length) this.#options.onChange();
  }

  snapshot(): StoredSubscriptions {
    return {
      filters: [...this.#filters.values()].map((f) => f.record),
      destinations: [...this.#destinations.values()].map((d) => d.record),
      subscriptions: [...this.#subscriptions.values()].map((s) => s.record),
    };
  }

  /** Loads persisted records (before serving); a record that no longer holds throws. */
  load(stored: StoredSubscriptions): void {
    for (const record of stored.filters) this.#filters.set(scopedPath(record).key, this.#filter(record));
    for (const record of stored.destinations) this.#destinations.set(scopedPath(record).key, destinationOf(record));
    for (const record of stored.subscriptions) {
      const subscription = this.#subscription(record);
      this.#subscriptions.set(subscription.path.key, subscription);
    }
  }

  /** The instances to publish in root/interop. */
  entries(): ModelEntry[] {
    const now = this.#now();
    const filters = [...this.#filters.values()].map(({ record, path }) => scopedDraft(record)
      .set('Query', 'string', record.query)
      .set('QueryLanguage', 'string', record.queryLanguage)
      .setArray('SourceNamespaces', 'string', record.sourceNamespaces)
      .set('IndividualSubscriptionSupported', 'boolean', true)
      .build(path));
    const destinations = [...this.#destinations.values()].map(({ record, path }) => scopedDraft(record)
      .set('Destination', 'string', record.destination)
      .set('PersistenceType', 'uint16', record.persistenceType)
      .set('Protocol', 'uint16', 2)
      .build(path));
    const subscriptions = [...this.#subscriptions.values()].map(({ record, path, filter, destination }) => {
      const remaining = record.duration === null ? null : BigInt(Math.max(0, Math.ceil(record.startTime / 1000 + record.duration - now / 1000)));
      return new InstanceDraft(INTEROP_NAMESPACE, record.classname)
        .key('Filter', 'reference', filter.path)
        .key('Handler', 'reference', destination.path)
        .set('OnFatalErrorPolicy', 'uint16', record.onFatalErrorPolicy)
        .set('SubscriptionState', 'uint16', record.state)
        .set('TimeOfLastStateChange', 'datetime', CIMDateTime.fromDate(new Date(record.lastStateChange)))
        .set('SubscriptionDuration', 'uint64', record.duration === null ? null : BigInt(record.duration))
        .set('SubscriptionStartTime', 'datetime', CIMDateTime.fromDate(new Date(record.startTime)))
        .set('SubscriptionTimeRemaining', 'uint64', remaining)
        .set('RepeatNotificationPolicy', 'uint16', 2)
        .set('SubscriptionInfo', 'string', record.info)
        .set('AlertOnStateChange', 'boolean', false)
        .build(path);
    });
    return [...filters, ...destinations, ...subscriptions].map((instance) => ({ namespace: INTEROP_NAMESPACE, instance }));
  }

  #kindOf(classname: string): 'filter' | 'destination' | 'subscription' | undefined {
    const { repository } = this.#options;
    if (repository.isSubclassOf(INTEROP_NAMESPACE, classname, FILTER)) return 'filter';
    if (repository.isSubclassOf(INTEROP_NAMESPACE, classname, DESTINATION)) return 'destination';
    if (repository.isSubclassOf(INTEROP_NAMESPACE, classname, SUBSCRIPTION)) return 'subscription';
    return undefined;
  }

  #add<T extends { path: CIMInstanceName }>(map: Map<string, T>, item: T, what: string): CIMInstanceName {
    if (map.has(item.path.key)) throw new CIMError(CIMStatus.ALREADY_EXISTS, `${item.path.toString()} already exists`);
    if (map.size >= this.#options.maxEach) {
      throw new CIMError(CIMStatus.SERVER_LIMITS_EXCEEDED, `this server holds at most ${this.#options.maxEach} ${what} (indications.maxSubscriptions)`);
    }
    map.set(item.path.key, item);
    this.#options.onChange();
    return item.path;
  }

  /** Every property sent must be one of the class. */
  #checkProperties(classname: string, instance: CIMInstance): void {
    const cls = this.#options.repository.getClass(INTEROP_NAMESPACE, classname)!;
    for (const name of instance.properties.keys()) {
      if (!cls.properties.has(name)) throw new CIMError(CIMStatus.INVALID_PARAMETER, `class ${classname} has no property ${name}`);
    }
  }

  #scopedKeys(classname: string, instance: CIMInstance): ScopedKeys {
    const creation = optionalText(instance.get('CreationClassName'), 'CreationClassName');
    if (creation && creation.toLowerCase() !== classname.toLowerCase()) {
      throw new CIMError(CIMStatus.INVALID_PARAMETER, `CreationClassName ${creation} is not the class of the new instance, ${classname}`);
    }
    return {
      classname,
      systemCreationClassName: optionalText(instance.get('SystemCreationClassName'), 'SystemCreationClassName') || ModelClass.ComputerSystem,
      systemName: optionalText(instance.get('SystemName'), 'SystemName') || this.#options.hostname,
      name: optionalText(instance.get('Name'), 'Name') || `thincim:${crypto.randomUUID()}`,
    };
  }

  #filterRecord(classname: string, instance: CIMInstance): FilterRecord {
    const namespaces = instance.get('SourceNamespaces');
    const single = optionalText(instance.get('SourceNamespace'), 'SourceNamespace');
    let sourceNamespaces: string[] | null = single ? [single] : null;
    if (Array.isArray(namespaces)) {
      if (!namespaces.every((n): n is string => typeof n === 'string')) throw new CIMError(CIMStatus.INVALID_PARAMETER, 'SourceNamespaces must be strings');
      sourceNamespaces = namespaces;
    }
    return {
      ...this.#scopedKeys(classname, instance),
      query: requiredText(instance.get('Query'), 'Query'),
      queryLanguage: requiredText(instance.get('QueryLanguage'), 'QueryLanguage'),
      sourceNamespaces,
    };
  }

  #filter(record: FilterRecord): Filter {
    return { record, path: scopedPath(record), compiled: this.#options.compile(record) };
  }

  #destinationRecord(classname: string, instance: CIMInstance): DestinationRecord {
    const protocol = instance.get('Protocol');
    if (protocol !== undefined && protocol !== null && protocol !== 2) {
      throw new CIMError(CIMStatus.NOT_SUPPORTED, `Protocol ${String(protocol)} is not supported: thincim delivers CIM-XML (2)`);
    }
    const persistence = instance.get('PersistenceType');
    return {
      ...this.#scopedKeys(classname, instance),
      destination: requiredText(instance.get('Destination'), 'Destination'),
      persistenceType: typeof persistence === 'number' ? persistence : PERMANENT,
      created: this.#now(),
    };
  }

  #subscriptionRecord(classname: string, instance: CIMInstance): SubscriptionRecord {
    const reference = (name: string, map: Map<string, Filter | Destination>, what: string): ScopedKeys => {
      const value = instance.get(name);
      if (!(value instanceof CIMInstanceName)) throw new CIMError(CIMStatus.INVALID_PARAMETER, `${name} must be a reference to a ${what}`);
      const target = map.get(value.key);
      if (!target) throw new CIMError(CIMStatus.NOT_FOUND, `${name} refers to ${value.toString()}, which does not exist`);
      return scopedKeysOf(target.record);
    };
    const policy = instance.get('OnFatalErrorPolicy');
    if (policy !== undefined && policy !== null && ![2, 3, 4].includes(Number(policy))) {
      throw new CIMError(CIMStatus.NOT_SUPPORTED, `OnFatalErrorPolicy ${String(policy)} is not supported (2 Ignore, 3 Disable, 4 Remove)`);
    }
    const repeat = instance.get('RepeatNotificationPolicy');
    if (repeat !== undefined && repeat !== null && repeat !== 2) {
      throw new CIMError(CIMStatus.NOT_SUPPORTED, `RepeatNotificationPolicy ${String(repeat)} is not supported (2 None)`);
    }
    const state = instance.get('SubscriptionState');
    const now = this.#now();
    return {
      classname,
      filter: reference('Filter', this.#filters, 'CIM_IndicationFilter'),
      handler: reference('Handler', this.#destinations, 'CIM_ListenerDestinationCIMXML'),
      state: state === undefined || state === null ? ENABLED : subscriptionState(state),
      onFatalErrorPolicy: policy === undefined || policy === null ? IGNORE : Number(policy),
      duration: optionalCount(instance.get('SubscriptionDuration') ?? null, 'SubscriptionDuration'),
      startTime: now,
      lastStateChange: now,
      info: optionalText(instance.get('SubscriptionInfo'), 'SubscriptionInfo'),
    };
  }

  #subscription(record: SubscriptionRecord): Subscription {
    const filter = this.#filters.get(scopedPath(record.filter).key);
    const destination = this.#destinations.get(scopedPath(record.handler).key);
    if (!filter || !destination) throw new Error(`subscription to filter ${record.filter.name} and destination ${record.handler.name}: one of them is missing`);
    const path = new InstanceDraft(INTEROP_NAMESPACE, record.classname)
      .key('Filter', 'reference', filter.path).key('Handler', 'reference', destination.path).path();
    return { record, path, filter, destination };
  }
}

function scopedKeysOf(record: ScopedKeys): ScopedKeys {
  return { classname: record.classname, systemCreationClassName: record.systemCreationClassName, systemName: record.systemName, name: record.name };
}

function scopedDraft(record: ScopedKeys): InstanceDraft {
  return new InstanceDraft(INTEROP_NAMESPACE, record.classname)
    .key('SystemCreationClassName', 'string', record.systemCreationClassName)
    .key('SystemName', 'string', record.systemName)
    .key('CreationClassName', 'string', record.classname)
    .key('Name', 'string', record.name);
}

function scopedPath(record: ScopedKeys): CIMInstanceName {
  return scopedDraft(record).path();
}

/** A destination URL as DSP1054 reads it: without a scheme, http. */
export function destinationURL(text: string): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new CIMError(CIMStatus.INVALID_PARAMETER, `Destination ${JSON.stringify(text)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CIMError(CIMStatus.INVALID_PARAMETER, `Destination ${text}: the scheme must be http or https`);
  }
  if (url.username || url.password) throw new CIMError(CIMStatus.INVALID_PARAMETER, `Destination ${url.host}: credentials in the URL are not supported`);
  return url;
}

function destinationOf(record: DestinationRecord): Destination {
  return { record, path: scopedPath(record), url: destinationURL(record.destination) };
}

function endOf(record: SubscriptionRecord): number {
  return record.startTime + (record.duration ?? Infinity) * 1000;
}

function expired(record: SubscriptionRecord, now: number): boolean {
  return now >= endOf(record);
}

function subscriptionState(value: CIMValue): number {
  if (value === ENABLED || value === DISABLED) return value;
  throw new CIMError(CIMStatus.NOT_SUPPORTED, `SubscriptionState ${String(value)} is not supported (2 Enabled, 4 Disabled)`);
}

function optionalText(value: CIMValue | undefined, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new CIMError(CIMStatus.INVALID_PARAMETER, `${name} must be a string`);
  return value;
}

function requiredText(value: CIMValue | undefined, name: string): string {
  const text = optionalText(value, name);
  if (!text) throw new CIMError(CIMStatus.INVALID_PARAMETER, `${name} is required`);
  return text;
}

function optionalCount(value: CIMValue, name: string): number | null {
  if (value === null) return null;
  if ((typeof value === 'number' || typeof value === 'bigint') && value >= 0) return Number(value);
  throw new CIMError(CIMStatus.INVALID_PARAMETER, `${name} must be a number of seconds`);
}
