/**
 * GET /metrics in the Prometheus text format: the broker's own work
 * (requests, providers, enumeration contexts) and the hardware itself as
 * gauges, read from the published index at scrape time, so one agent serves
 * both CIM clients and Prometheus.
 */
import type { FastifyInstance } from 'fastify';
import type { CIMInstance } from '../cim/index.js';
import type { ConsumerStats, EventBus } from '../events/index.js';
import { CIMV2_NAMESPACE } from '../model/classes.js';
import { operationName } from '../operations/dispatch.js';
import { instancesOfClass } from '../operations/lookup.js';
import type { PullSessions } from '../operations/pull.js';
import type { ProviderState } from '../providers/index.js';
import { valueText } from '../repository/value-text.js';
import { processMetrics } from './process-metrics.js';
import { Registry, type Emit } from './prometheus.js';
import type { CimRequestInfo } from './cimxml-route.js';
import type { BrokerState } from './state.js';

export interface MetricsSources {
  state: BrokerState;
  pulls: PullSessions;
  providers: () => ProviderState[];
  events: EventBus;
}

/**
 * The metrics of one broker: one registry shared by its listeners. CIM
 * operations are counted and timed by the request hook; everything else is
 * read from its source at scrape time.
 */
export class BrokerMetrics {
  readonly registry = new Registry();
  readonly #requests = this.registry.counter('thincim_requests_total', 'CIM operations answered, by operation and CIM status code (0: success)', ['operation', 'status']);
  readonly #refusals = this.registry.counter('thincim_http_refusals_total',
    'HTTP answers refusing a request, by status (401 failed login, 403, 413 too large, 429 throttled, 503 overloaded, …)', ['status']);
  readonly #duration = this.registry.histogram('thincim_request_duration_seconds', 'Time to answer a CIM operation',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10], ['operation']);
  readonly #stopProcessMetrics: () => void;
  /** The encode caches of the listeners (see countEncodeCache). */
  readonly #encodeCaches = new Set<{ readonly bytes: number }>();

  constructor(sources: MetricsSources) {
    const registry = this.registry;
    this.#stopProcessMetrics = processMetrics(registry, 'thincim_');
    providerGauges(registry, sources.providers);
    hardwareGauges(registry, sources.state);
    this.gauge('thincim_enumeration_contexts', 'Open pull enumeration contexts', () => sources.pulls.size);
    eventMetrics(registry, sources.events);
    this.gauge('thincim_model_generation', 'Generation of the published instance index', () => sources.state.index.generation);
    this.gauge('thincim_encode_cache_bytes', 'Encoded CIM-XML kept for reuse, all listeners together (at most limits.encodeCacheBytes each)',
      () => [...this.#encodeCaches].reduce((sum, cache) => sum + cache.bytes, 0));
  }

  /** Counts a listener's encode cache in thincim_encode_cache_bytes. */
  countEncodeCache(cache: { readonly bytes: number }): void {
    this.#encodeCaches.add(cache);
  }

  /** A gauge read at scrape time, for parts that must not load the metrics code themselves (it loads only with /metrics). */
  gauge(name: string, help: string, value: () => number): void {
    this.registry.collected('gauge', name, help, [], (emit) => emit(value()));
  }

  /** The request hook's part: two Map lookups and three additions for a CIM operation, one for a refusal. */
  observe(request: CimRequestInfo | null | undefined, httpStatus: number, seconds: number): void {
    if (httpStatus >= 400) this.refusal(httpStatus);
    if (!request) return;
    const operation = operationLabel(request);
    this.#requests.labels(operation, String(request.status)).inc();
    this.#duration.labels(operation).observe(seconds);
  }

  /** A refusal answered outside fastify's requests (plain HTTP on an HTTPS listener). */
  refusal(httpStatus: number): void {
    this.#refusals.labels(String(httpStatus)).inc();
  }

  /** Serves GET /metrics on `app`. */
  route(app: FastifyInstance): void {
    const { registry } = this;
    app.get('/metrics', async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
  }

  close(): void {
    this.#stopProcessMetrics();
  }
}

/** Hardware events by kind and severity, and what each consumer did with them. */
function eventMetrics(registry: Registry, events: EventBus): void {
  const counted = registry.counter('thincim_events_total', 'Hardware events detected (health changes, threshold crossings, …), by kind and severity', ['kind', 'severity']);
  events.subscribe({ name: 'metrics', handle: (event) => counted.labels(event.kind, event.severity).inc() });
  const perConsumer = (type: 'counter' | 'gauge', name: string, help: string, value: (s: ConsumerStats) => number) =>
    registry.collected(type, name, help, ['consumer'], (emit) => {
      for (const stats of events.stats()) emit(value(stats), stats.name);
    });
  perConsumer('gauge', 'thincim_event_queue_length', 'Events waiting for each consumer', (s) => s.queued);
  perConsumer('counter', 'thincim_events_dropped_total', 'Events each consumer lost because its queue was full', (s) => s.dropped);
  // Labelled by consumer name (a configured target's address, a destination's Name): bounded by snmp.targets and indications.maxSubscriptions.
  registry.collected('counter', 'thincim_deliveries_total',
    'SNMP notifications and CIM indications each target or listener destination was sent, by outcome (sent, failed after every retry, refused by the receiver)',
    ['consumer', 'outcome'], (emit) => {
      for (const { name, deliveries } of events.stats()) {
        if (!deliveries) continue;
        emit(deliveries.sent, name, 'sent');
        emit(deliveries.failed, name, 'failed');
        emit(deliveries.refused, name, 'refused');
      }
    });
}

function providerGauges(registry: Registry, providers: () => ProviderState[]): void {
  const perProvider = (type: 'counter' | 'gauge', name: string, help: string, value: (p: ProviderState, now: number) => number | undefined) =>
    registry.collected(type, name, help, ['provider'], (emit) => {
      const now = Date.now();
      for (const p of providers()) {
        const v = p.enabled ? value(p, now) : undefined;
        if (v !== undefined) emit(v, p.name);
      }
    });
  const gauge = perProvider.bind(null, 'gauge');
  gauge('thincim_provider_up', 'Whether the provider\'s last sample succeeded', (p) => (p.consecutiveFailures === 0 && p.samples > 0 ? 1 : 0));
  gauge('thincim_provider_sample_duration_seconds', 'Duration of the provider\'s last sample', (p) => p.lastDurationMs === undefined ? undefined : p.lastDurationMs / 1000);
  gauge('thincim_provider_sample_age_seconds', 'Age of the provider\'s last good sample', (p, now) => p.lastSampleAt === undefined ? undefined : (now - p.lastSampleAt) / 1000);
  perProvider('counter', 'thincim_provider_samples_total', 'Good samples taken', (p) => p.samples);
  perProvider('counter', 'thincim_provider_errors_total', 'Failed samples', (p) => p.failures);
  gauge('thincim_provider_refused_items', 'Items the provider\'s last good sample had invalid (left out, or served lost from the sample before)', (p) => p.refusedCount);
}

const KINDS: readonly [classname: string, kind: string][] = [
  ['CIM_ComputerSystem', 'system'], ['CIM_Sensor', 'sensor'], ['CIM_Fan', 'fan'], ['CIM_PowerSupply', 'power_supply'], ['CIM_Battery', 'battery'],
];

/**
 * Every sensor's reading in base units with its health, every device's
 * health, and the count of each kind, read from the published index as the
 * scrape is written. The scrape is written in one synchronous pass, so all
 * three families see the same index.
 */
function hardwareGauges(registry: Registry, state: BrokerState): void {
  const device = ['device_id', 'name', 'class'];
  registry.collected('gauge', 'thincim_sensor_reading', 'Sensor reading in its base unit (CurrentReading × 10^UnitModifier)', [...device, 'type', 'unit'], (emit) => {
    for (const instance of modelInstances(state, 'CIM_Sensor')) {
      const value = baseValue(instance);
      if (value === undefined) continue;
      const cls = state.repository.getClass(CIMV2_NAMESPACE, instance.classname);
      const type = cls ? valueText(cls, 'SensorType', instance.get('SensorType')) : undefined;
      const unit = cls ? valueText(cls, 'BaseUnits', instance.get('BaseUnits')) : undefined;
      emitDevice(emit, value, instance, type ?? '', unit ?? '');
    }
  });
  registry.collected('gauge', 'thincim_health_state', 'CIM HealthState (0 unknown, 5 OK, 10 degraded, 15 minor, 20 major, 25 critical, 30 non-recoverable)', [...device, 'kind'], (emit) => {
    for (const [classname, kind] of KINDS) {
      for (const instance of modelInstances(state, classname)) {
        const hs = instance.get('HealthState');
        if (typeof hs === 'number') emitDevice(emit, hs, instance, kind);
      }
    }
  });
  registry.collected('gauge', 'thincim_hardware_instances', 'Instances in the model, by kind', ['kind'], (emit) => {
    for (const [classname, kind] of KINDS) emit(modelInstances(state, classname).length, kind);
  });
}

/** A sample labelled device_id, name and class, then `more`. */
function emitDevice(emit: Emit, value: number, instance: CIMInstance, ...more: string[]): void {
  emit(value, String(instance.get('DeviceID') ?? instance.get('Name') ?? ''), String(instance.get('ElementName') ?? ''), instance.classname, ...more);
}

function modelInstances(state: BrokerState, classname: string): readonly CIMInstance[] {
  return instancesOfClass(state, CIMV2_NAMESPACE, classname);
}

function baseValue(instance: CIMInstance): number | undefined {
  const raw = instance.get('CurrentReading');
  const modifier = instance.get('UnitModifier');
  if (typeof raw !== 'number') return undefined;
  // Through the decimal text, so that 534 × 10^-1 is 53.4 and not 53.400000000000006.
  return Number(`${raw}e${typeof modifier === 'number' ? modifier : 0}`);
}

/**
 * A label from a bounded set, whatever clients send: an intrinsic operation
 * under its defining spelling, every extrinsic method call as InvokeMethod
 * (pywbem's name for them), anything else as "other"; names taken from
 * requests would make a series per spelling a client invents.
 */
function operationLabel({ operation, intrinsic }: CimRequestInfo): string {
  return intrinsic ? (operationName(operation) ?? 'other') : 'InvokeMethod';
}
