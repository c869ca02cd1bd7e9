/**
 * The broker assembled: the class repository, the providers sampling in the
 * background, the published state, and the HTTP listeners. Data flows one
 * way: providers → model → published index → requests.
 */
import { hostname as osHostname } from 'node:os';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { CIMV2_NAMESPACE, INTEROP_NAMESPACE } from '../model/classes.js';
import { buildModel } from '../model/index.js';
import { interopInstances, type Listener } from '../operations/interop.js';
import { PullSessions } from '../operations/pull.js';
import { loadProviders, ProviderManager, type ProviderSelection } from '../providers/index.js';
import type { ClassRepository } from '../repository/types.js';
import { buildApp, type AppOptions } from './app.js';
import { BrokerState } from './state.js';
import { VERSION } from '../version.js';

export interface ListenerOptions {
  protocol: 'http';
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface BrokerOptions {
  repository: ClassRepository;
  providers: ProviderSelection;
  listeners: readonly ListenerOptions[];
  limits: AppOptions['limits'] & { enumerationContexts: number; enumerationTimeoutSec: number; enumerationTimeoutMaxSec: number };
  logger: FastifyBaseLogger;
  /** The host's name in the model; default the machine's. */
  hostname?: string;
  staleAfterMs?: number;
}

export interface Broker {
  /** One application per listener. */
  apps: FastifyInstance[];
  state: BrokerState;
  manager: ProviderManager;
  /** The URL of each listener, in order. */
  urls: string[];
  close(): Promise<void>;
}

export async function startBroker(options: BrokerOptions): Promise<Broker> {
  const { repository, logger, limits } = options;
  const hostname = options.hostname ?? osHostname();
  const providers = await loadProviders(options.providers);
  const manager = new ProviderManager({ providers, repository, hostname, logger, staleAfterMs: options.staleAfterMs });
  const state = new BrokerState(repository);
  const pulls = new PullSessions({
    maxSessions: limits.enumerationContexts,
    defaultTimeoutSec: limits.enumerationTimeoutSec,
    maxTimeoutSec: limits.enumerationTimeoutMaxSec,
  });

  // One fastify instance per listener: each gets its own transport settings,
  // all share the published state and the pull sessions.
  const apps: FastifyInstance[] = [];
  const urls: string[] = [];
  for (const listener of options.listeners) {
    const app = await buildApp({ state, pulls, limits, logger });
    apps.push(app);
    urls.push(await app.listen({ host: listener.host, port: listener.port }));
  }

  const listeners: Listener[] = options.listeners.map((l, i) => ({ scheme: l.protocol, port: Number(new URL(urls[i]!).port), authenticated: false }));
  const identity = { hostname, version: VERSION, namespaces: [CIMV2_NAMESPACE, INTEROP_NAMESPACE], listeners };
  const publish = (): void => {
    const started = performance.now();
    const index = state.publish([...buildModel(manager.input()), ...interopInstances(identity)]);
    logger.debug({ generation: index.generation, ms: Math.round(performance.now() - started) }, 'model published');
  };
  publish();
  manager.onUpdate(publish);
  manager.start().catch((err: unknown) => logger.error({ err }, 'providers failed to start'));

  return {
    apps, state, manager, urls,
    async close() {
      await Promise.all(apps.map((a) => a.close()));
      await manager.close();
    },
  };
}
