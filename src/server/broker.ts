/**
 * The broker assembled: the class repository, the providers sampling in the
 * background, the published state, and the listeners. Data flows one way:
 * providers → model → published index → requests.
 */
import { X509Certificate } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import type { Server as TLSServer } from 'node:tls';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { CIMV2_NAMESPACE, INTEROP_NAMESPACE } from '../model/classes.js';
import { buildHost, familyEntries } from '../model/index.js';
import { interopInstances, type Listener } from '../operations/interop.js';
import { PullSessions } from '../operations/pull.js';
import { ProviderManager, type LoadedProvider } from '../providers/index.js';
import type { ModelEntry } from '../model/input.js';
import { ChangeDetector, EventBus, providerStatuses, type EventConsumer, type Severity } from '../events/index.js';
import { IndicationService, type IndicationSettings } from '../indications/service.js';
import type { ClassRepository, ValidationProblem } from '../repository/types.js';
import type { Authenticator } from '../security/index.js';
import { packageVersion } from '../package.js';
import { createWeb, type HistoryOptions } from '../web/index.js';
import { buildApp, type AppOptions, type TLSOptions } from './app.js';
import { listenOn } from './bindings.js';
import { BuildProblemLog } from './build-problems.js';
import { ProviderRouterImpl } from './router.js';
import type { V8Policy } from './v8-policy.js';
import { BrokerState } from './state.js';

export interface BrokerListener {
  protocol: 'http' | 'https';
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Every request authenticates; otherwise requests without credentials are anonymous (they may only read). */
  requireAuth: boolean;
}

export interface BrokerLimits extends Required<Pick<AppOptions, 'concurrentOperations' | 'headerBytes'>> {
  bodyBytes: number;
  requestTimeoutMs: number;
  maxInstancesPerResponse: number;
  maxObjectCount: number;
  /** Open enumeration contexts, of every caller together (limits.enumerationContexts, whose default is the configuration's, as the next two's). */
  enumerationContexts: number;
  /** Open enumeration contexts per user, and per client address of anonymous callers. */
  enumerationContextsPerUser: number;
  /** Open enumeration contexts of every anonymous caller together. */
  enumerationContextsAnonymous: number;
  enumerationTimeoutSec: number;
  enumerationTimeoutMaxSec: number;
  /** Open connections per listener, counted from accept; beyond it a connection is answered 503 and closed. */
  connections: number;
  /** Open connections per listener from one client address; beyond it, likewise. */
  connectionsPerAddress: number;
  /** Milliseconds a new HTTPS connection has to complete its TLS handshake. */
  handshakeTimeoutMs: number;
  /** Milliseconds a new connection has to send the header block of its first request. */
  firstRequestTimeoutMs: number;
  /** Deepest XML element nesting in a request. */
  xmlDepth: number;
  /** Most attributes on one XML element. */
  xmlAttributes: number;
  /** Most XML elements in one request, and per KiB of its body. */
  xmlElements: number;
  xmlElementsPerKib: number;
  /** Deepest nesting of parentheses and NOT in a query. */
  queryDepth: number;
  /** Encoded XML kept for reuse per listener, in bytes. */
  encodeCacheBytes?: number;
}

export interface BrokerOptions {
  /** The class repository, including the MOF of the instance providers (schemaDirsOf). */
  repository: ClassRepository;
  providers: readonly LoadedProvider[];
  listeners: readonly BrokerListener[];
  limits: BrokerLimits;
  logger: FastifyBaseLogger;
  /** Certificate and key for HTTPS listeners. */
  tls?: TLSOptions;
  /** Checks credentials, wherever they are sent; needed by listeners that require authentication. */
  authenticator?: Authenticator;
  /** Let anonymous callers change things too (default: they may only read). */
  anonymousWrite?: boolean;
  /** Host header names accepted besides this machine's names and addresses; `*` accepts any. */
  allowedHosts?: readonly string[];
  healthzOpen?: boolean;
  /** Serve /metrics (default true). */
  metrics?: boolean;
  /**
   * Chooses what V8 may spend memory on by how busy the broker is (see
   * v8-policy.ts; default none). It sets V8 flags of the whole process:
   * `thincim serve` gives one.
   */
  v8Policy?: V8Policy;
  /** The host's name in the model; default the machine's. */
  hostname?: string;
  staleAfterMs?: number;
  /** Serve the hardware health page (default true). */
  page?: boolean;
  /** Each numeric sensor's recent readings kept for the page (default one hour in 360 points). */
  history?: HistoryOptions;
  /** CIM indications: delivery settings, and the file subscriptions persist in (none: memory only). */
  indications?: Partial<IndicationSettings> & { stateFile?: string };
  /**
   * Validates every published instance against its class and reports each
   * invalid one (tests make provider and model mistakes fail this way).
   */
  onInvalidInstance?: (namespace: string, path: string, problems: readonly ValidationProblem[]) => void;
}

export interface Broker {
  /** One application per listener. */
  apps: FastifyInstance[];
  state: BrokerState;
  manager: ProviderManager;
  /** The hardware events of every new generation. */
  events: EventBus;
  /** Subscriptions in root/interop and the delivery of indications. */
  indications: IndicationService;
  /** The URL of each listener, in order. */
  urls: string[];
  /** Replaces the certificate of the HTTPS listeners without dropping connections. */
  setTLS(tls: TLSOptions): void;
  /** Stops accepting, lets requests in flight finish for up to `graceMs`, stops the providers. */
  close(graceMs?: number): Promise<void>;
}

export async function startBroker(options: BrokerOptions): Promise<Broker> {
  const { repository, logger, limits } = options;
  const hostname = options.hostname ?? osHostname();
  const manager = new ProviderManager({ providers: options.providers, repository, hostname, logger, staleAfterMs: options.staleAfterMs });
  const state = new BrokerState(repository);
  const pulls = new PullSessions({
    maxSessions: limits.enumerationContexts,
    maxSessionsPerOwner: limits.enumerationContextsPerUser,
    maxAnonymousSessions: limits.enumerationContextsAnonymous,
    defaultTimeoutSec: limits.enumerationTimeoutSec,
    maxTimeoutSec: limits.enumerationTimeoutMaxSec,
  });
  const events = new EventBus(logger);
  events.subscribe(logEvents(logger));
  // Imported only when served: a broker without /metrics neither loads its code nor observes GC.
  const metrics = options.metrics === false
    ? undefined
    : new (await import('./metrics.js')).BrokerMetrics({ state, pulls, events, providers: () => manager.state() });
  // The served certificate's end of validity, replaced by setTLS: Prometheus can alert before it comes.
  const servedTls = options.listeners.some((l) => l.protocol === 'https') ? options.tls : undefined;
  let certificateExpiry = servedTls === undefined ? Number.NaN : expiryOf(servedTls);
  if (metrics && servedTls !== undefined) {
    metrics.gauge('thincim_tls_certificate_expiry_timestamp_seconds', 'NotAfter of the HTTPS certificate served (the first of tls.cert), in seconds since the epoch',
      () => certificateExpiry);
  }
  const router = new ProviderRouterImpl(manager, state);
  const web = options.page === false ? undefined : createWeb({ state, events, providers: () => manager.state(), history: options.history });
  if (web && metrics) web.registerMetrics(metrics);
  const { stateFile, ...indicationSettings } = options.indications ?? {};
  // Every change of the subscriptions publishes a new generation, so that reads see it at once.
  const indications = new IndicationService({
    bus: events, repository, hostname, logger, settings: indicationSettings, stateFile, queryDepth: limits.queryDepth,
    republish: () => publish(),
  });

  // One fastify instance per listener: each has its own transport and
  // authentication; all share the published state, the pull sessions and the metrics.
  const apps: FastifyInstance[] = [];
  const urls: string[] = [];
  // One sequence, so that a log line's reqId names one request whichever listener took it (fastify counts per instance).
  let requests = 0;
  const requestId = (): string => `req-${(++requests).toString(36)}`;
  for (const listener of options.listeners) {
    if (listener.requireAuth) required(options.authenticator, 'an authenticator');
    const app = await buildApp({
      state, pulls, limits, logger, metrics, router, subscriptions: indications.store, requestId,
      anonymousWrite: options.anonymousWrite ?? false,
      // Where every request authenticates, a rebinding page gets 401 like any stranger, and clients
      // may use any DNS name of the host; where anonymous callers read, the name must be ours.
      allowedHosts: listener.requireAuth ? undefined : { names: options.allowedHosts ?? [], listenHost: listener.host },
      providers: () => manager.state(),
      web: web && { sources: web.sources, answers: web.answers },
      headerBytes: limits.headerBytes,
      concurrentOperations: limits.concurrentOperations,
      connections: limits.connections,
      connectionsPerAddress: limits.connectionsPerAddress,
      handshakeTimeoutMs: limits.handshakeTimeoutMs,
      firstRequestTimeoutMs: limits.firstRequestTimeoutMs,
      decodeLimits: {
        maxBytes: limits.bodyBytes,
        maxDepth: limits.xmlDepth,
        maxAttributes: limits.xmlAttributes,
        maxElements: limits.xmlElements,
        maxElementsPerKiB: limits.xmlElementsPerKib,
      },
      tls: listener.protocol === 'https' ? required(options.tls, 'a certificate for HTTPS') : undefined,
      auth: { authenticator: options.authenticator, required: listener.requireAuth, healthzOpen: options.healthzOpen ?? true },
    });
    apps.push(app);
    try {
      urls.push(await listenQuietly(app, listener.host, listener.port));
    } catch (err) {
      // A port taken: what already listens must not keep the process alive.
      await Promise.all(apps.map((a) => a.close()));
      await indications.close();
      await manager.close();
      throw err;
    }
  }

  const listeners: Listener[] = options.listeners.map((l, i) => ({ scheme: l.protocol, port: Number(new URL(urls[i]!).port), authenticated: l.requireAuth }));
  const identity = { hostname, version: packageVersion(), namespaces: [CIMV2_NAMESPACE, INTEROP_NAMESPACE], listeners };
  const detector = new ChangeDetector();
  const problems = new BuildProblemLog(logger);
  const publish = (input = manager.input()): void => {
    const started = performance.now();
    problems.sweep();
    const host = buildHost(input, { reuse: state.reuse, onProblem: problems.report });
    const entries = [...host.entries, ...interopInstances(identity), ...indications.entries()];
    if (options.onInvalidInstance) validate(repository, [...entries, ...familyEntries(host.families)], options.onInvalidInstance);
    const index = state.publish(entries, host.families);
    web?.record(input.now);
    events.emit(detector.next({ index, time: input.now, providers: providerStatuses(input), sourceOf: (i) => state.sourceOf(i) }));
    logger.debug({ generation: index.generation, ms: Math.round(performance.now() - started) }, 'model published');
  };
  publish();
  manager.onUpdate(publish);
  manager.start().catch((err: unknown) => logger.error({ err }, 'providers failed to start'));
  const v8Policy = options.v8Policy;
  if (v8Policy) for (const app of apps) for (const server of app.listenerServers.all) server.on('request', v8Policy.count);
  v8Policy?.start();

  return {
    apps, state, manager, urls, events, indications,
    setTLS(tls) {
      certificateExpiry = expiryOf(tls);
      for (const server of apps.flatMap((app) => app.listenerServers.all)) if ('setSecureContext' in server) (server as unknown as TLSServer).setSecureContext(tls);
    },
    async close(graceMs = 10_000) {
      v8Policy?.stop();
      const force = setTimeout(() => {
        logger.warn({ graceMs }, 'shutdown grace period over: answers still in flight are cut');
        for (const server of apps.flatMap((app) => app.listenerServers.all)) server.closeAllConnections();
      }, graceMs);
      try {
        await Promise.all(apps.map((a) => a.close()));
      } finally {
        clearTimeout(force);
      }
      await indications.close();
      await manager.close();
      metrics?.close();
    },
  };
}

/** An event's log level: `log.level: warn` must still show a failing fan. */
const EVENT_LEVEL = { ok: 'info', unknown: 'warn', warning: 'warn', critical: 'error', fatal: 'error' } as const satisfies Record<Severity, string>;

/** One line per event, at its severity's level: the message, and the element it is about. */

/**
 * Listens without fastify's own "Server listening at" lines (one per
 * interface, beside thincim serve's line per listener, which says the same
 * and how the listener authenticates).
 */
async function listenQuietly(app: FastifyInstance, host: string, port: number): Promise<string> {
  const log = app.log;
  app.log = log.child({}, { level: 'silent' });
  try {
    return await listenOn(app, host, port, (message, err) => log.warn({ err }, message));
  } finally {
    app.log = log;
  }
}

function logEvents(logger: FastifyBaseLogger): EventConsumer {
  return {
    name: 'log',
    handle(event) {
      logger[EVENT_LEVEL[event.severity]]({
        event: event.kind, sequence: event.sequence, messageId: event.messageId, severity: event.severity, generation: event.generation,
        ...(event.path && { element: String(event.path) }), ...(event.provider && { provider: event.provider }),
      }, event.message);
    },
  };
}

function validate(repository: ClassRepository, entries: readonly ModelEntry[], report: NonNullable<BrokerOptions['onInvalidInstance']>): void {
  for (const { namespace, instance } of entries) {
    const problems = repository.validateInstance(namespace, instance);
    if (problems.length) report(namespace, String(instance.path ?? instance.classname), problems);
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`startBroker: a listener needs ${what}`);
  return value;
}

/** The NotAfter of the certificate TLS presents (the first given), in seconds since the epoch. */
function expiryOf(tls: TLSOptions): number {
  const cert = [tls.cert].flat()[0];
  return cert === undefined ? Number.NaN : Date.parse(new X509Certificate(cert).validTo) / 1000;
}
