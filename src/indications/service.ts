/**
 * The indication service (DSP1054): the subscription store behind the
 * intrinsic operations, its own instances in root/interop, and one delivery
 * consumer per listener destination on the event bus.
 */
import { readFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import type { CIMInstance } from '../cim/index.js';
import { CIMError, CIMStatus } from '../cim/index.js';
import type { TLSSettings } from '../client/transport.js';
import type { EventBus, HardwareEvent } from '../events/index.js';
import { CIMV2_NAMESPACE, INTEROP_NAMESPACE, ModelClass } from '../model/classes.js';
import { InstanceDraft } from '../model/instance-draft.js';
import type { ModelEntry } from '../model/input.js';
import { hostedServiceEntries } from '../operations/interop.js';
import type { ClassRepository } from '../repository/types.js';
import { writeFileAtomic } from '../security/files.js';
import { DeliveryRefusedError, Exporter, IndicationEncodeError } from './deliver.js';
import { compileFilter } from './filter.js';
import { indicationsOf } from './produce.js';
import { SubscriptionStore, type Destination, type StoredSubscriptions, type Subscription } from './store.js';

export interface IndicationSettings {
  /** DeliveryRetryAttempts: retries after the first attempt. */
  retryAttempts: number;
  /** DeliveryRetryInterval, in seconds (fractions allowed, for tests and demos). */
  retryIntervalSec: number;
  /** Seconds one delivery attempt may take. */
  timeoutSec: number;
  /** Events waiting per destination; past it the oldest are dropped. */
  queueSize: number;
  /** Most filters, destinations and subscriptions (each). */
  maxSubscriptions: number;
  /** SubscriptionRemovalAction for destinations that stay unreachable. */
  removalAction: 'remove' | 'disable' | 'ignore';
  /** SubscriptionRemovalTimeInterval, in seconds. */
  removalIntervalSec: number;
  /** Networks (CIDR) or addresses destinations may be in; empty allows any. */
  allowedNetworks: readonly string[];
  /** How HTTPS listeners are verified. */
  tls: TLSSettings;
}

export const DEFAULT_INDICATION_SETTINGS: IndicationSettings = {
  retryAttempts: 3,
  retryIntervalSec: 30,
  timeoutSec: 10,
  queueSize: 1000,
  maxSubscriptions: 100,
  removalAction: 'remove',
  removalIntervalSec: 2_592_000,
  allowedNetworks: [],
  tls: {},
};

interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface IndicationServiceOptions {
  bus: EventBus;
  repository: ClassRepository;
  hostname: string;
  logger: Logger;
  settings?: Partial<IndicationSettings>;
  /** Where subscriptions persist (JSON, written atomically); none keeps them in memory only. */
  stateFile?: string;
  /** Publishes a new generation: called after every change of the subscriptions. */
  republish: () => void;
  queryDepth?: number;
  now?: () => number;
}

const SERVICE = 'Thincim_IndicationService';
const CAPABILITIES = 'Thincim_IndicationServiceCapabilities';
const REMOVAL_ACTION = { remove: 2, disable: 3, ignore: 4 } as const;

/** One consumer per destination, what became of its indications, and whether its failure, refusal or bare 200 was logged. */
interface Delivery {
  readonly exporter: Exporter;
  readonly unsubscribe: () => void;
  readonly counts: { sent: number; failed: number; refused: number };
  failingSince: number | undefined;
  refusing: boolean;
  unconfirmedLogged: boolean;
  /** Indications of events the full queue dropped, numbered once the event in hand is sent (the gap after it). */
  droppedIndications: number;
}

export class IndicationService {
  readonly store: SubscriptionStore;
  readonly settings: IndicationSettings;
  readonly #options: IndicationServiceOptions;
  readonly #now: () => number;
  readonly #startId: string;
  readonly #deliveries = new Map<string, Delivery>();
  readonly #abort = new AbortController();
  readonly #allowed: BlockList | undefined;
  /** The indications of an event, made once for every destination. */
  readonly #made = new WeakMap<HardwareEvent, CIMInstance[]>();
  #writing: Promise<void> = Promise.resolve();
  /** Ends the subscription that runs out first: expired ones leave root/interop on time, not at the next event. */
  #expiry: NodeJS.Timeout | undefined;

  constructor(options: IndicationServiceOptions) {
    this.#options = options;
    this.settings = { ...DEFAULT_INDICATION_SETTINGS, ...options.settings };
    this.#now = options.now ?? Date.now;
    this.#startId = this.#now().toString(36);
    this.#allowed = allowList(this.settings.allowedNetworks);
    this.store = new SubscriptionStore({
      repository: options.repository,
      hostname: options.hostname,
      maxEach: this.settings.maxSubscriptions,
      compile: (record) => compileFilter(options.repository, INTEROP_NAMESPACE, record, options.queryDepth),
      checkDestination: (url) => this.#checkDestination(url),
      onChange: () => this.#changed(),
      now: this.#now,
    });
    if (options.stateFile) this.#load(options.stateFile);
    this.#sync();
    this.#scheduleExpiry();
  }

  #scheduleExpiry(): void {
    clearTimeout(this.#expiry);
    const next = this.store.nextExpiry();
    if (next === undefined || this.#abort.signal.aborted) return;
    // Capped: a timer takes at most 2^31 - 1 ms; a longer wait is re-armed when this one fires.
    const wait = Math.min(Math.max(0, next - this.#now()), 2 ** 31 - 1);
    this.#expiry = setTimeout(() => {
      this.store.expire();
      this.#scheduleExpiry();
    }, wait).unref();
  }

  #load(file: string): void {
    const state = readState(file);
    try {
      this.store.load(state);
    } catch (err) {
      throw new Error(`the subscriptions file ${file} is corrupt (${(err as Error).message}); move it away to start without its subscriptions`, { cause: err });
    }
  }

  /** The service, its capabilities and everything subscribed: the instances to publish in root/interop. */
  entries(): ModelEntry[] {
    const { hostname } = this.#options;
    const service = new InstanceDraft(INTEROP_NAMESPACE, SERVICE)
      .key('SystemCreationClassName', 'string', ModelClass.ComputerSystem)
      .key('SystemName', 'string', hostname)
      .key('CreationClassName', 'string', SERVICE)
      .key('Name', 'string', `thincim:indications:${hostname}`)
      .set('ElementName', 'string', 'thincim indication service')
      .set('FilterCreationEnabled', 'boolean', true)
      .set('DeliveryRetryAttempts', 'uint16', this.settings.retryAttempts)
      .set('DeliveryRetryInterval', 'uint32', Math.ceil(this.settings.retryIntervalSec))
      .set('SubscriptionRemovalAction', 'uint16', REMOVAL_ACTION[this.settings.removalAction])
      .set('SubscriptionRemovalTimeInterval', 'uint32', this.settings.removalIntervalSec)
      .set('EnabledState', 'uint16', 2)
      .set('HealthState', 'uint16', 5)
      .setArray('OperationalStatus', 'uint16', [2])
      .set('Started', 'boolean', true)
      .build();
    const capabilities = new InstanceDraft(INTEROP_NAMESPACE, CAPABILITIES)
      .key('InstanceID', 'string', 'Thincim:IndicationServiceCapabilities')
      .set('ElementName', 'string', 'thincim indication service capabilities')
      .set('FilterCreationEnabledIsSettable', 'boolean', false)
      .set('DeliveryRetryAttemptsIsSettable', 'boolean', false)
      .set('DeliveryRetryIntervalIsSettable', 'boolean', false)
      .set('SubscriptionRemovalActionIsSettable', 'boolean', false)
      .set('SubscriptionRemovalTimeIntervalIsSettable', 'boolean', false)
      .set('MaxListenerDestinations', 'uint32', this.settings.maxSubscriptions)
      .set('MaxActiveSubscriptions', 'uint32', this.settings.maxSubscriptions)
      .set('SubscriptionsPersisted', 'boolean', this.#options.stateFile !== undefined)
      .build();
    const link = new InstanceDraft(INTEROP_NAMESPACE, 'Thincim_ElementCapabilities')
      .key('ManagedElement', 'reference', service.path!)
      .key('Capabilities', 'reference', capabilities.path!)
      .setArray('Characteristics', 'uint16', [3])
      .build();
    return [
      ...[service, capabilities, link].map((instance) => ({ namespace: INTEROP_NAMESPACE, instance })),
      ...hostedServiceEntries(hostname, service.path!),
      ...this.store.entries(),
    ];
  }

  /** Stops delivering; waits for the state file being written. */
  async close(): Promise<void> {
    this.#abort.abort();
    clearTimeout(this.#expiry);
    for (const delivery of this.#deliveries.values()) {
      delivery.unsubscribe();
      delivery.exporter.close();
    }
    this.#deliveries.clear();
    await this.#writing;
  }

  /** Persists, republishes and follows the destinations with consumers. */
  #changed(): void {
    this.#sync();
    this.#scheduleExpiry();
    this.#persist();
    this.#options.republish();
  }

  #persist(): void {
    const file = this.#options.stateFile;
    if (!file) return;
    const text = `${JSON.stringify({ version: 1, ...this.store.snapshot() }, null, 1)}\n`;
    this.#writing = this.#writing.then(() => writeFileAtomic(file, text, { mode: 0o600 })).catch((err: unknown) => this.#options.logger.warn({ err, file }, 'subscriptions could not be saved'));
  }

  /** One bus consumer per destination: added with it, removed with it. */
  #sync(): void {
    const current = new Map(this.store.destinations().map((d) => [d.path.key, d]));
    for (const [key, delivery] of this.#deliveries) {
      if (current.has(key)) continue;
      delivery.unsubscribe();
      delivery.exporter.close();
      this.#deliveries.delete(key);
    }
    for (const [key, destination] of current) {
      if (this.#deliveries.has(key)) continue;
      const context = `thincim:indications:${this.#options.hostname}#${this.#startId}#${destination.record.created}`;
      const exporter = new Exporter(destination.url, context, {
        retryAttempts: this.settings.retryAttempts,
        retryIntervalMs: this.settings.retryIntervalSec * 1000,
        timeoutMs: this.settings.timeoutSec * 1000,
        tls: this.settings.tls,
      }, this.#abort.signal);
      const counts = { sent: 0, failed: 0, refused: 0 };
      const delivery: Delivery = {
        exporter,
        counts,
        failingSince: undefined,
        refusing: false,
        unconfirmedLogged: false,
        droppedIndications: 0,
        unsubscribe: this.#options.bus.subscribe({
          name: this.#consumerName(destination),
          maxQueue: this.settings.queueSize,
          handle: (event) => this.#deliver(key, event),
          dropped: (events) => this.#dropped(key, events),
          deliveries: () => ({ ...counts }),
        }),
      };
      this.#deliveries.set(key, delivery);
    }
  }

  /** The bus consumer (and /metrics label) of a destination: its Name, made unique should two destinations share it. */
  #consumerName(destination: Destination): string {
    const taken = new Set(this.#options.bus.stats().map((s) => s.name));
    const base = `indications:${destination.record.name}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}#${n}`;
    return name;
  }

  /** The indications of an event that a destination's active subscriptions select, in the order they are sent. */
  #selected(key: string, event: HardwareEvent): { indication: CIMInstance; subscription: Subscription }[] {
    const subscriptions = this.store.active().filter((s) => s.destination.path.key === key);
    if (subscriptions.length === 0) return [];
    let indications = this.#made.get(event);
    if (!indications) this.#made.set(event, (indications = indicationsOf(event, { hostname: this.#options.hostname, startId: this.#startId })));
    const namespace = event.namespace ?? CIMV2_NAMESPACE;
    return subscriptions.flatMap((subscription) => indications
      .filter((indication) => subscription.filter.compiled.matches(indication, namespace))
      .map((indication) => ({ indication, subscription })));
  }

  /**
   * Events a destination's full queue let go: their indications keep their numbers, a gap the listener can see,
   * after the event being sent (whose indications may not all be numbered yet).
   */
  #dropped(key: string, events: readonly HardwareEvent[]): void {
    const delivery = this.#deliveries.get(key);
    if (!delivery) return;
    delivery.droppedIndications += events.reduce((n, event) => n + this.#selected(key, event).length, 0);
  }

  /** Sends a destination every indication of the event its subscriptions select, in order. */
  async #deliver(key: string, event: HardwareEvent): Promise<void> {
    const delivery = this.#deliveries.get(key);
    if (!delivery) return;
    // The events dropped came before this one: their numbers go first.
    delivery.exporter.skip(delivery.droppedIndications);
    delivery.droppedIndications = 0;
    for (const { indication, subscription } of this.#selected(key, event)) {
      if (this.#abort.signal.aborted) return;
      const { compiled, record } = subscription.filter;
      try {
        const delivered = await delivery.exporter.send(compiled.project(indication), record.name);
        delivery.counts.sent++;
        if (delivered === 'unconfirmed') this.#unconfirmed(delivery);
        if (delivery.failingSince !== undefined || delivery.refusing) this.#options.logger.info({ destination: delivery.exporter.url.href }, 'indication listener accepts indications again');
        delivery.failingSince = undefined;
        delivery.refusing = false;
      } catch (err) {
        if (err instanceof DeliveryRefusedError) this.#refused(delivery, subscription.destination, err);
        else if (err instanceof IndicationEncodeError) this.#unencodable(delivery, err);
        else this.#failed(delivery, subscription.destination, err);
      }
    }
  }

  /**
   * A bare HTTP 200 counts as delivered, as sblim-sfcc's listener answers nothing more; but a wrong port or a load
   * balancer's fixed answer looks the same, so the operator is told, once per destination.
   */
  #unconfirmed(delivery: Delivery): void {
    if (delivery.unconfirmedLogged) return;
    delivery.unconfirmedLogged = true;
    this.#options.logger.warn({ destination: delivery.exporter.url.href },
      'indication listener answered HTTP 200 without an EXPMETHODRESPONSE; counted as delivered (sblim-sfcc\'s listener answers so)');
  }

  /**
   * The listener answered and refused the indication: counted, logged once
   * until it accepts one again, not retried. It answered, so it is reachable:
   * no OnFatalErrorPolicy, no SubscriptionRemovalAction.
   */
  #refused(delivery: Delivery, destination: Destination, err: DeliveryRefusedError): void {
    delivery.counts.refused++;
    delivery.failingSince = undefined;
    if (delivery.refusing) return;
    delivery.refusing = true;
    this.#options.logger.warn({ destination: destination.url.href, err: err.message }, 'indication listener refused an indication; not retried');
  }

  /** thincim could not write the indication: counted failed and logged, the listener's subscriptions left alone. */
  #unencodable(delivery: Delivery, err: IndicationEncodeError): void {
    delivery.counts.failed++;
    this.#options.logger.warn({ destination: delivery.exporter.url.href, err: err.message }, 'indication not sent: thincim cannot encode it');
  }

  /** Every attempt failed: log it once per outage, then OnFatalErrorPolicy and SubscriptionRemovalAction. */
  #failed(delivery: Delivery, destination: Destination, err: unknown): void {
    if (this.#abort.signal.aborted) return;
    delivery.counts.failed++;
    const now = this.#now();
    if (delivery.failingSince === undefined) {
      delivery.failingSince = now;
      this.#options.logger.warn({ destination: destination.url.href, err: (err as Error).message }, 'indication delivery failed after every retry');
    }
    const overdue = now - delivery.failingSince >= this.settings.removalIntervalSec * 1000;
    for (const subscription of this.store.subscriptionsOf(destination)) {
      const policy = subscription.record.onFatalErrorPolicy;
      if (policy === 4 || (overdue && this.settings.removalAction === 'remove')) this.store.apply(subscription, 'remove');
      else if (policy === 3 || (overdue && this.settings.removalAction === 'disable')) this.store.apply(subscription, 'disable');
    }
  }

  /** A destination must be in an allowed network: an address is checked now, a host name when it is resolved. */
  #checkDestination(url: URL): void {
    if (!this.#allowed) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const family = isIP(host);
    if (family === 0) {
      throw new CIMError(CIMStatus.INVALID_PARAMETER, `Destination ${url.host}: only addresses are accepted while indications.allowedNetworks restricts destinations`);
    }
    if (!this.#allowed.check(host, family === 6 ? 'ipv6' : 'ipv4')) {
      throw new CIMError(CIMStatus.ACCESS_DENIED, `Destination ${url.host} is outside indications.allowedNetworks`);
    }
  }
}

function allowList(networks: readonly string[]): BlockList | undefined {
  if (networks.length === 0) return undefined;
  const list = new BlockList();
  for (const network of networks) {
    const [address, bits] = network.split('/');
    const type = isIP(address ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (isIP(address ?? '') === 0) throw new Error(`indications.allowedNetworks: ${network} is not an address or network`);
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

/** The persisted subscriptions; a file that cannot be read back is an error that names it. */
function readState(file: string): StoredSubscriptions {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { filters: [], destinations: [], subscriptions: [] };
    throw new Error(`cannot read the subscriptions file ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const data = JSON.parse(text) as Partial<StoredSubscriptions> & { version?: unknown };
    if (data.version !== 1 || !Array.isArray(data.filters) || !Array.isArray(data.destinations) || !Array.isArray(data.subscriptions)) {
      throw new Error('it is not a version 1 subscriptions file');
    }
    return data as StoredSubscriptions;
  } catch (err) {
    throw new Error(`the subscriptions file ${file} is corrupt (${(err as Error).message}); move it away to start without its subscriptions`, { cause: err });
  }
}
