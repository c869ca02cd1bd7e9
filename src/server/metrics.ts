/**
 * GET /metrics in the Prometheus text format: the broker's own work
 * (requests, providers, enumeration contexts) and the hardware itself as
 * gauges, read from the published index at scrape time, so one agent serves
 * both CIM clients and Prometheus.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CIMInstance } from '../cim/index.js';
import type { ConsumerStats, EventBus } from '../events/index.js';
import { CIMV2_NAMESPACE } from '../model/classes.js';
import type { PullSessions } from '../operations/pull.js';
import type { ProviderState } from '../providers/index.js';
import { valueText } from '../repository/value-text.js';
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
  readonly #requests = new Counter({
    name: 'thincim_requests_total', help: 'CIM operations answered, by operation and CIM status code (0: success)',
    labelNames: ['operation', 'status'], registers: [this.registry],
  });
  readonly #duration = new Histogram({
    name: 'thincim_request_duration_seconds', help: 'Time to answer a CIM operation',
    labelNames: ['operation'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    const registry = this.registry;
    collectDefaultMetrics({ register: registry, prefix: 'thincim_' });
    providerGauges(registry, sources.providers);
    hardwareGauges(registry, sources.state);
    new Gauge({
      name: 'thincim_enumeration_contexts', help: 'Open pull enumeration contexts', registers: [registry],
      collect() { this.set(sources.pulls.size); },
    });
    eventMetrics(registry, sources.events);
    new Gauge({
      name: 'thincim_model_generation', help: 'Generation of the published instance index', registers: [registry],
      collect() { this.set(sources.state.index.generation); },
    });
  }

  /** A gauge read at scrape time, for parts that must not load prom-client themselves (it loads only with /metrics). */
  gauge(name: string, help: string, value: () => number): void {
    new Gauge({ name, help, registers: [this.registry], collect() { this.set(value()); } });
  }

  observe(operation: string, status: number, seconds: number): void {
    this.#requests.inc({ operation, status: String(status) });
    this.#duration.observe({ operation }, seconds);
  }

  /** Serves GET /metrics on `app`. */
  route(app: FastifyInstance): void {
    const { registry } = this;
    app.get('/metrics', async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
  }
}

/** Hardware events by kind and severity, and what each consumer did with them. */
function eventMetrics(registry: Registry, events: EventBus): void {
  const counted = new Counter({
    name: 'thincim_events_total', help: 'Hardware events detected (health changes, threshold crossings, …), by kind and severity',
    labelNames: ['kind', 'severity'], registers: [registry],
  });
  events.subscribe({ name: 'metrics', handle: (event) => counted.inc({ kind: event.kind, severity: event.severity }) });
  const perConsumer = (name: string, help: string, value: (s: ConsumerStats) => number) => new Gauge({
    name, help, labelNames: ['consumer'], registers: [registry],
    collect() {
      this.reset();
      for (const stats of events.stats()) this.set({ consumer: stats.name }, value(stats));
    },
  });
  perConsumer('thincim_event_queue_length', 'Events waiting for each consumer', (s) => s.queued);
  perConsumer('thincim_events_dropped', 'Events each consumer lost because its queue was full', (s) => s.dropped);
}

function providerGauges(registry: Registry, providers: () => ProviderState[]): void {
  const gauge = (name: string, help: string, value: (p: ProviderState, now: number) => number | undefined) =>
    new Gauge({
      name, help, labelNames: ['provider'], registers: [registry],
      collect() {
        this.reset();
        const now = Date.now();
        for (const p of providers()) {
          const v = p.enabled ? value(p, now) : undefined;
          if (v !== undefined) this.set({ provider: p.name }, v);
        }
      },
    });
  gauge('thincim_provider_up', 'Whether the provider\'s last sample succeeded', (p) => (p.consecutiveFailures === 0 && p.samples > 0 ? 1 : 0));
  gauge('thincim_provider_sample_duration_seconds', 'Duration of the provider\'s last sample', (p) => p.lastDurationMs === undefined ? undefined : p.lastDurationMs / 1000);
  gauge('thincim_provider_sample_age_seconds', 'Age of the provider\'s last good sample', (p, now) => p.lastSampleAt === undefined ? undefined : (now - p.lastSampleAt) / 1000);
  gauge('thincim_provider_samples_total', 'Good samples taken', (p) => p.samples);
  gauge('thincim_provider_errors_total', 'Failed samples', (p) => p.failures);
}

/**
 * Every sensor's reading in base units with its health, every device's
 * health, and the count of each kind. prom-client reads metrics in the order
 * they were registered, calling each one's collect() just before: the first
 * of the three fills all of them, so that one scrape shows the current index.
 */
function hardwareGauges(registry: Registry, state: BrokerState): void {
  const deviceLabels = ['device_id', 'name', 'class'];
  const reading = new Gauge({
    name: 'thincim_sensor_reading', help: 'Sensor reading in its base unit (CurrentReading × 10^UnitModifier)',
    labelNames: [...deviceLabels, 'type', 'unit'], registers: [registry],
    collect() { fill(); },
  });
  const health = new Gauge({ name: 'thincim_health_state', help: 'CIM HealthState (0 unknown, 5 OK, 10 degraded, 15 minor, 20 major, 25 critical, 30 non-recoverable)', labelNames: [...deviceLabels, 'kind'], registers: [registry] });
  const counts = new Gauge({ name: 'thincim_hardware_instances', help: 'Instances in the model, by kind', labelNames: ['kind'], registers: [registry] });
  const kinds: [string, string][] = [['CIM_ComputerSystem', 'system'], ['CIM_Sensor', 'sensor'], ['CIM_Fan', 'fan'], ['CIM_PowerSupply', 'power_supply'], ['CIM_Battery', 'battery']];
  function fill(): void {
    reading.reset();
    health.reset();
    counts.reset();
    for (const [classname, kind] of kinds) {
      const instances = modelInstances(state, classname);
      counts.set({ kind }, instances.length);
      for (const instance of instances) {
        const labels = { device_id: String(instance.get('DeviceID') ?? instance.get('Name') ?? ''), name: String(instance.get('ElementName') ?? ''), class: instance.classname };
        const hs = instance.get('HealthState');
        if (typeof hs === 'number') health.set({ ...labels, kind }, hs);
        const value = baseValue(instance);
        if (kind === 'sensor' && value !== undefined) {
          const cls = state.repository.getClass(CIMV2_NAMESPACE, instance.classname);
          const type = cls ? valueText(cls, 'SensorType', instance.get('SensorType')) : undefined;
          const unit = cls ? valueText(cls, 'BaseUnits', instance.get('BaseUnits')) : undefined;
          reading.set({ ...labels, type: type ?? '', unit: unit ?? '' }, value);
        }
      }
    }
  }
}

function modelInstances(state: BrokerState, classname: string): CIMInstance[] {
  const result = [...state.index.byClass(CIMV2_NAMESPACE, classname)];
  for (const sub of state.repository.subclassNames(CIMV2_NAMESPACE, classname, true)) result.push(...state.index.byClass(CIMV2_NAMESPACE, sub));
  return result;
}

function baseValue(instance: CIMInstance): number | undefined {
  const raw = instance.get('CurrentReading');
  const modifier = instance.get('UnitModifier');
  if (typeof raw !== 'number') return undefined;
  // Through the decimal text, so that 534 × 10^-1 is 53.4 and not 53.400000000000006.
  return Number(`${raw}e${typeof modifier === 'number' ? modifier : 0}`);
}
