/**
 * The hardware health page: what an operator sees when opening the agent in
 * a browser. `createWeb` makes the broker-wide parts (the history and the
 * recent changes, fed by every publication and every event); `webRoutes`
 * serves them on each listener.
 */
import { RecentEvents, type EventBus } from '../events/index.js';
import type { ProviderState } from '../providers/index.js';
import type { BrokerMetrics } from '../server/metrics.js';
import type { BrokerState } from '../server/state.js';
import { Snapshots } from './answers.js';
import { DEFAULT_HISTORY, SensorHistory, type HistoryOptions } from './history.js';
import { elementId, instancesOf, type ViewSources } from './view.js';

export { securePageAnswer, webRoutes, type WebOptions } from './routes.js';
export { DEFAULT_HISTORY, SensorHistory, type HistoryOptions } from './history.js';
export { statusView, type StatusView } from './view.js';

/** Recent changes the page keeps. */
const RECENT_EVENTS = 200;

export interface Web {
  sources: ViewSources;
  /** The page and its status, kept per state with their compressed forms. */
  answers: Snapshots;
  /** Keeps the numeric sensors' readings of the current generation (call after each publication). */
  record(time: number): void;
  /** Counts the history's memory in /metrics. */
  registerMetrics(metrics: Pick<BrokerMetrics, 'gauge'>): void;
}

export function createWeb(options: { state: BrokerState; events: EventBus; providers: () => ProviderState[]; history?: HistoryOptions }): Web {
  const history = new SensorHistory(options.history ?? DEFAULT_HISTORY);
  const recent = new RecentEvents(RECENT_EVENTS);
  options.events.subscribe(recent);
  const { state } = options;
  const sources: ViewSources = { state, providers: options.providers, recent: () => recent.list(), history };
  const answers = new Snapshots(sources);
  return {
    sources,
    answers,
    record(time) {
      if (history.enabled) history.record(instancesOf(state, 'CIM_NumericSensor').map((i) => [elementId(i), i] as const), time);
    },
    registerMetrics(metrics) {
      metrics.gauge('thincim_history_bytes', 'Memory held by the sensor history ring buffers (history.seconds, history.points)', () => history.bytes);
      metrics.gauge('thincim_history_sensors', 'Numeric sensors with a history', () => history.sensors);
      metrics.gauge('thincim_page_cache_bytes', 'The health page and its status kept with their compressed forms while browsers poll them', () => answers.bytes);
    },
  };
}
