/**
 * The HTTP application of one listener: a fastify instance assembled from one
 * module per concern (CIM-XML route, authentication, limits, request log,
 * metrics, health). Listeners differ only in transport and authentication.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { SecureContextOptions, Server as TLSServer } from 'node:tls';
import { fastify as Fastify, LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ProviderState } from '../providers/index.js';
import { createAuthHook, principalOf, type Authenticator } from '../security/index.js';
import { ListenerServers } from './bindings.js';
import { AnswersInFlight, clientErrorHandler, ERROR_LINGER_MS, NODE_MAX_HEADER_SIZE } from './client-error.js';
import { cimxmlRoute, type CimRouteOptions } from './cimxml-route.js';
import { HEALTHZ, healthRoutes, READYZ } from './health.js';
import { checkHost, refuseRepeatedHost, type AllowedHosts } from './host-check.js';
import { rawAnswer, refuse } from './error-detail.js';
import type { BrokerMetrics } from './metrics.js';
import { answerPlainHttp } from './plain-http.js';
import { securePageAnswer, webRoutes, type WebOptions } from '../web/index.js';

export interface TLSOptions extends SecureContextOptions {
  minVersion: 'TLSv1.2' | 'TLSv1.3';
  /** Ask for a client certificate (mutual TLS) when a client CA is configured. */
  requestCert: boolean;
}

export interface AppOptions extends CimRouteOptions {
  logger: FastifyBaseLogger;
  /** The providers' state, for /readyz and /metrics. */
  providers: () => ProviderState[];
  /** Request ids for the log, one sequence for every listener of a broker (default: this listener's own). */
  requestId?: () => string;
  /** /metrics is served when given. */
  metrics?: BrokerMetrics;
  /**
   * Who may call: with `required`, every request authenticates (HTTP Basic or
   * a mapped client certificate); without, requests without credentials are
   * anonymous. Credentials sent are always checked against `authenticator`.
   */
  auth: { authenticator: Authenticator | undefined; required: boolean; healthzOpen: boolean };
  /** Names the Host header may give (hostCheck); default: this machine's names and addresses. */
  allowedHosts?: AllowedHosts;
  /** The hardware health page (GET /, /api/v1/…) is served when given. */
  web?: WebOptions;
  /** HTTPS when given. */
  tls?: TLSOptions;
  /** Largest request header block in bytes. */
  headerBytes?: number;
  /** CIM operations in progress at once; more are answered 503 with Retry-After. */
  concurrentOperations?: number;
  /** Open connections, counted from accept; beyond it a new connection is answered 503 with Retry-After and closed. */
  connections?: number;
  /** Open connections from one client address; beyond it, likewise. */
  connectionsPerAddress?: number;
  /** Milliseconds a new HTTPS connection has to complete its TLS handshake (Node's default: 120 s). */
  handshakeTimeoutMs?: number;
  /** Milliseconds a new connection has to send the header block of its first request. */
  firstRequestTimeoutMs?: number;
  /** Milliseconds an idle keep-alive connection stays open. */
  keepAliveTimeoutMs?: number;
}

/** Modern ciphers only: TLS 1.3 suites and the ECDHE AEAD suites of TLS 1.2. */
const CIPHERS = [
  'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256',
].join(':');

/** What a route with a schema would meet: thincim's routes check their input themselves. */
function noSchemaCompiler(): never {
  throw new Error('thincim routes declare no schema: fastify\'s schema compilers are not part of the build');
}

/**
 * fastify builds its validator and serializer compilers (ajv, fast-json-
 * stringify: some 45 ms and a few MB of bundle) with every instance unless
 * given factories; it calls them only for a route that declares a schema,
 * and no route of ours does.
 */
const NO_SCHEMA_COMPILERS = { buildValidator: noSchemaCompiler, buildSerializer: noSchemaCompiler };

/** How often Node looks for requests past their deadline (its default, 30 s, let a 30 s deadline run to a minute). */
const DEADLINE_CHECK_MS = 1_000;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const requestTimeout = options.limits.requestTimeoutMs;
  const transport = {
    noDelay: true,
    maxHeaderSize: options.headerBytes,
    // Every request's header block, not only a connection's first, has the first one's time (Node's default: 60 s).
    headersTimeout: Math.min(options.firstRequestTimeoutMs ?? requestTimeout, requestTimeout),
    connectionsCheckingInterval: Math.min(DEADLINE_CHECK_MS, requestTimeout),
  };
  const inFlight = new AnswersInFlight();
  const onClientError = clientErrorHandler(inFlight, {
    request: 'request',
    headerOverflow: `the request's header block is larger than limits.headerBytes (${options.headerBytes ?? NODE_MAX_HEADER_SIZE} bytes)`,
    timeout: 'the request did not arrive whole in time (limits.firstRequestTimeoutMs for its headers, limits.requestTimeoutMs in all)',
  });
  const handshake = options.handshakeTimeoutMs === undefined ? {} : { handshakeTimeout: options.handshakeTimeoutMs };
  const https = options.tls && { ...transport, ...handshake, ...options.tls, ciphers: CIPHERS, honorCipherOrder: true, rejectUnauthorized: false };
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? 65_000;
  const app = Fastify({
    loggerInstance: options.logger,
    // fastify's own two lines per request give way to one line with the CIM facts (logRequests).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.limits.bodyBytes,
    ...(options.requestId && { genReqId: options.requestId }),
    keepAliveTimeout,
    requestTimeout,
    return503OnClosing: true,
    schemaController: { compilersFactory: NO_SCHEMA_COMPILERS },
    clientErrorHandler: onClientError,
    // fastify answers a path it cannot route (a parameter past maxParamLength, a bad escape) past every hook.
    frameworkErrors: (error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
      if (options.web) securePageAnswer(request, reply);
      return refuse(reply, error.statusCode ?? 400, error.message);
    },
    ...(https ? { https } : { http: transport }),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  app.decorateRequest('cim', null);
  // A further address of `localhost` gets a server like fastify's, answering through the same instance (bindings.ts).
  const servers = new ListenerServers(app.server, () => {
    const server = https ? createHttpsServer(https, app.routing) as unknown as Server : createHttpServer(transport, app.routing);
    Object.assign(server, { keepAliveTimeout, requestTimeout });
    return server.on('clientError', onClientError);
  });
  app.decorate('listenerServers', servers);
  // They stop accepting when fastify's own server does (preClose), and are waited for with it.
  app.addHook('preClose', (done) => {
    void servers.closeFurther();
    done();
  });
  app.addHook('onClose', () => servers.closeFurther());
  servers.each((server) => {
    // A client may half-close once its request is sent (RFC 9112 §9.6): its answer, however long
    // it takes (a large body is decoded in turns), is still sent, then the connection closes.
    (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
    inFlight.track(server);
  });
  // Before limitConnections: it takes over the TLS server's first 'connection' listener.
  if (options.tls) answerPlainHttpOnTls(servers, app, options);
  // First: a refused connection's request must not reach authentication or an operation.
  limitConnections(servers, app, options, options.tls !== undefined);
  if (options.firstRequestTimeoutMs !== undefined) awaitFirstRequest(servers, options.firstRequestTimeoutMs, options.tls !== undefined);
  refuseRepeatedHost(app);
  if (options.allowedHosts) checkHost(app, options.allowedHosts);
  // Password checks are the costliest thing a request can ask for: they wait behind the concurrency limit too.
  limitConcurrency(app, options.concurrentOperations);
  const { authenticator, required, healthzOpen } = options.auth;
  // The health routes', not the paths': CIM-XML takes POST on every path, /healthz included.
  app.addHook('onRequest', createAuthHook({ authenticator, requireAuth: (r) => required && !(healthzOpen && probeAccess(r) !== undefined) }));
  // A client that authentication, the limits or bodyBytes refuse is not asked for the body it announced.
  continueWhenAccepted(servers);
  closeConnectionsWhenClosing(app);
  closeUnusedConnectionsWhenClosing(servers, app, options.tls !== undefined);
  logRequests(app, options.metrics);
  const readable = getRoutePredicate(app);
  healthRoutes(app, options.providers, (request) => required && principalOf(request) === undefined && probeAccess(request) === 'status-only');
  options.metrics?.route(app);
  if (options.web) {
    // A callback hook: on the CIM hot path it costs a method comparison, no promise.
    app.addHook('onSend', (request, reply, payload, done) => {
      securePageAnswer(request, reply);
      done(null, payload);
    });
    await app.register(webRoutes, options.web);
  }
  await app.register(cimxmlRoute, { ...options, readable });
  return app;
}

/**
 * The paths the GET routes registered from now on serve (fastify's patterns:
 * `:param` one segment, `*` the rest), for the Allow header of a 405.
 */
function getRoutePredicate(app: FastifyInstance): (path: string) => boolean {
  const patterns: RegExp[] = [];
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (!methods.includes('GET')) return;
    const source = route.url.split('/').map((segment) => segment.startsWith(':') ? '[^/]+'
      : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')).join('/');
    patterns.push(new RegExp(`^${source}$`));
  });
  return (path) => patterns.some((pattern) => pattern.test(path));
}

/**
 * `Expect: 100-continue` (RFC 9110 §10.1.1): the client holds its body back
 * until the server says 100 Continue, so that a refusal costs no upload. Node
 * says it at once; thincim says it when fastify starts reading the body, which
 * it does only once the request has passed every onRequest check
 * (authentication, the connection and concurrency limits) and its
 * Content-Length fits `bodyBytes`. A refused request gets its final answer
 * (401, 413, 503…) instead, as the RFC allows, and Node then closes the
 * connection. Nothing is added to a request without the header.
 */
function continueWhenAccepted(servers: ListenerServers): void {
  servers.each((server) => server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    request.once('resume', () => {
      if (!response.headersSent) response.writeContinue();
    });
    server.emit('request', request, response);
  }));
}

/** Node's own TLS handshake timeout, where handshakeTimeoutMs leaves it. */
const NODE_HANDSHAKE_TIMEOUT_MS = 120_000;

/** Plain HTTP on this HTTPS listener is answered 400 in plain text (plain-http.ts): logged, and counted as a refusal. */
function answerPlainHttpOnTls(servers: ListenerServers, app: FastifyInstance, options: AppOptions): void {
  servers.each((server) => answerPlainHttp(server as unknown as TLSServer, {
    timeoutMs: options.handshakeTimeoutMs ?? NODE_HANDSHAKE_TIMEOUT_MS,
    lingerMs: ERROR_LINGER_MS,
    onRefused: (socket) => {
      app.log.info({ remoteAddress: socket.remoteAddress }, 'not TLS on an HTTPS listener (plain HTTP?): answered 400');
      options.metrics?.refusal(400);
    },
  }));
}


/**
 * The one table of what an anonymous probe gets, with `healthzOpen`, on a
 * listener that requires authentication (Kubernetes' probes send no
 * credentials): `full` the whole answer; `status-only` the status code and
 * status, not the providers' names and errors. Any other route, and any
 * method but GET and HEAD, needs credentials there; health.ts obeys.
 */
const ANONYMOUS_PROBES: Readonly<Record<string, 'full' | 'status-only'>> = { [HEALTHZ]: 'full', [READYZ]: 'status-only' };

/** The request's entry in ANONYMOUS_PROBES, by its route (a route added at their paths later would not be open by accident). */
function probeAccess(request: FastifyRequest): 'full' | 'status-only' | undefined {
  const route = request.routeOptions.url;
  if (route === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return undefined;
  return Object.hasOwn(ANONYMOUS_PROBES, route) ? ANONYMOUS_PROBES[route] : undefined;
}

const CONNECTION_REFUSED = rawAnswer('503 Service Unavailable',
  'too many open connections (limits.connections, limits.connectionsPerAddress from one address); retry shortly', 'Retry-After: 1\r\n');
const FIRST_REQUEST_TIMEOUT = rawAnswer('408 Request Timeout', 'no request arrived in time (limits.firstRequestTimeoutMs)');

/** Connections of one client address: those admitted, and those being refused. */
interface AddressCount {
  admitted: number;
  refusing: number;
}

/**
 * Counts every connection from the moment it is accepted, before any TLS
 * handshake, against `connections` and `connectionsPerAddress`. A connection
 * past either gets a clear 503 instead of silence, and is closed; a request
 * it sent meanwhile is dropped, never run: the client was told to retry, so
 * running it too could run it twice. The 503 of HTTPS travels inside TLS,
 * so it waits for the handshake (bounded by handshakeTimeoutMs); an address
 * already being refused `connectionsPerAddress` times has its further
 * connections closed at once, so that what refusing holds stays bounded too.
 */
function limitConnections(servers: ListenerServers, app: FastifyInstance, options: AppOptions, secure: boolean): void {
  const max = options.connections;
  if (max === undefined) return;
  const perAddress = options.connectionsPerAddress ?? max;
  const linger = options.firstRequestTimeoutMs ?? 10_000;
  let open = 0;
  const addresses = new Map<string, AddressCount>();
  const refused = new WeakSet<Socket>();
  const refusedOnceSecure = new Set<string>();
  const release = (address: string, count: AddressCount) => {
    if (count.admitted === 0 && count.refusing === 0) addresses.delete(address);
  };
  servers.each((server) => server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = addresses.get(address) ?? { admitted: 0, refusing: 0 };
    addresses.set(address, count);
    if (open < max && count.admitted < perAddress) {
      open++;
      count.admitted++;
      socket.once('close', () => {
        open--;
        count.admitted--;
        release(address, count);
      });
      return;
    }
    if (count.refusing >= perAddress) {
      socket.destroy();
      release(address, count);
      return;
    }
    count.refusing++;
    const key = `${address}|${socket.remotePort}`;
    socket.once('close', () => {
      count.refusing--;
      refusedOnceSecure.delete(key);
      release(address, count);
    });
    // A client that neither reads the 503 nor closes does not keep the socket.
    setTimeout(() => socket.destroy(), linger).unref();
    if (secure) refusedOnceSecure.add(key);
    else refuse(socket);
  }));
  if (secure) {
    servers.each((server) => server.on('secureConnection', (socket: Socket) => {
      if (refusedOnceSecure.has(`${socket.remoteAddress ?? ''}|${socket.remotePort}`)) refuse(socket);
    }));
  }
  function refuse(socket: Socket): void {
    refused.add(socket);
    socket.end(CONNECTION_REFUSED);
  }
  // Left unanswered: the 503 is on its way (destroying the socket could cut it short, inside TLS above all).
  app.addHook('onRequest', async (request, reply) => {
    if (refused.has(request.raw.socket)) reply.hijack();
  });
}

/**
 * A new connection must send its first request's header block within
 * `timeoutMs` (counted after the TLS handshake, which has its own deadline),
 * or is answered 408 and closed: a connection that sends nothing must not
 * hold a slot for long. Later requests of a kept-alive connection are
 * bounded by keepAliveTimeout and Node's headersTimeout.
 */
function awaitFirstRequest(servers: ListenerServers, timeoutMs: number, secure: boolean): void {
  const timers = new WeakMap<Socket, NodeJS.Timeout>();
  servers.each((server) => server.on(secure ? 'secureConnection' : 'connection', (socket: Socket) => {
    const timer = setTimeout(() => {
      socket.end(FIRST_REQUEST_TIMEOUT);
      setTimeout(() => socket.destroy(), timeoutMs).unref();
    }, timeoutMs);
    timer.unref();
    timers.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  }).on('request', (request: IncomingMessage) => {
    clearTimeout(timers.get(request.socket));
    timers.delete(request.socket);
  }));
}

/**
 * Beyond `max` operations in progress, new ones are refused at once rather
 * than queued. Operations, and every request that brings credentials to check.
 */
function limitConcurrency(app: FastifyInstance, max: number | undefined): void {
  if (max === undefined) return;
  let inFlight = 0;
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST' && request.headers.authorization === undefined) return;
    if (inFlight >= max) {
      return refuse(reply.header('Retry-After', '1'), 503, `more than ${max} operations in progress (limits.concurrentOperations); retry shortly`);
    }
    inFlight++;
    // 'close' comes after the answer is sent and also when the client goes away first,
    // which onResponse does not hear about: the slot would be lost for good.
    reply.raw.once('close', () => inFlight--);
  });
}

/**
 * Once the application is closing, the requests in flight close their
 * connections when answered: fastify closes only the connections idle when
 * closing begins, and a kept-alive one answered later would hold the
 * shutdown until the client hangs up or the grace period ends. Answers not
 * begun say `Connection: close`; one already streaming ends its connection
 * when done.
 */
function closeConnectionsWhenClosing(app: FastifyInstance): void {
  const inFlight = new Set<ServerResponse>();
  app.addHook('onRequest', async (_request, reply) => {
    const res = reply.raw;
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  app.addHook('preClose', async () => {
    for (const res of inFlight) {
      const socket = res.socket;
      if (!res.headersSent) res.setHeader('Connection', 'close');
      else res.once('finish', () => socket?.end());
    }
  });
}

/**
 * Once the application is closing, a connection with no request yet (still
 * in its TLS handshake, or before its first request) is closed at once: it
 * has nothing to finish, and would hold the shutdown until its own deadline
 * (handshakeTimeoutMs, firstRequestTimeoutMs), as long as `docker stop`
 * waits; Node closes only kept-alive connections between requests. Until its
 * handshake ends a TLS connection is its raw socket, known by the client's
 * address and port, as its TLS socket is.
 */
function closeUnusedConnectionsWhenClosing(servers: ListenerServers, app: FastifyInstance, secure: boolean): void {
  const handshaking = new Map<string, Socket>();
  const unused = new Set<Socket>();
  let closing = false;
  const key = (socket: Socket) => `${socket.remoteAddress ?? ''}|${socket.remotePort}`;
  const awaitRequest = (socket: Socket) => {
    if (closing) return void socket.destroy();
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  };
  servers.each((server) => {
    server.on('connection', (socket: Socket) => {
      if (!secure) return awaitRequest(socket);
      if (closing) return void socket.destroy();
      const id = key(socket);
      handshaking.set(id, socket);
      socket.once('close', () => {
        if (handshaking.get(id) === socket) handshaking.delete(id);
      });
    });
    if (secure) {
      server.on('secureConnection', (socket: Socket) => {
        handshaking.delete(key(socket));
        awaitRequest(socket);
      });
    }
    server.on('request', (request: IncomingMessage) => unused.delete(request.socket));
  });
  app.addHook('preClose', (done) => {
    closing = true;
    for (const socket of [...handshaking.values(), ...unused]) socket.destroy();
    done();
  });
}

/** One log line per request, with what a CIM operator asks for; never credentials. */
function logRequests(app: FastifyInstance, metrics: BrokerMetrics | undefined): void {
  app.addHook('onResponse', async (request, reply) => {
    const cim = request.cim;
    const ms = reply.elapsedTime;
    metrics?.observe(cim, reply.statusCode, ms / 1000);
    const length = reply.getHeader('content-length');
    request.log.info({
      method: request.method,
      url: request.url,
      remoteAddress: request.ip,
      user: principalOf(request)?.user,
      status: reply.statusCode,
      ...(cim && { operation: cim.operation, namespace: cim.namespace, class: cim.classname, cimStatus: cim.status }),
      bytes: cim?.bytes ?? (length === undefined ? undefined : Number(length)),
      ms: Math.round(ms * 100) / 100,
    }, 'request');
  });
}
