/**
 * The HTTP application of one listener: a fastify instance assembled from one
 * module per concern (CIM-XML route, authentication, limits, request log,
 * metrics, health). Listeners differ only in transport and authentication.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { SecureContextOptions } from 'node:tls';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ProviderState } from '../providers/index.js';
import { createAuthHook, principalOf, type Authenticator } from '../security/index.js';
import { cimxmlRoute, type CimRouteOptions } from './cimxml-route.js';
import { healthRoutes } from './health.js';
import { checkHost, type AllowedHosts } from './host-check.js';
import { metricsRoute, type BrokerMetrics } from './metrics.js';

export interface TLSOptions extends SecureContextOptions {
  minVersion: 'TLSv1.2' | 'TLSv1.3';
  /** Ask for a client certificate (mutual TLS) when a client CA is configured. */
  requestCert: boolean;
}

export interface AppOptions extends CimRouteOptions {
  logger: FastifyBaseLogger;
  /** The providers' state, for /readyz and /metrics. */
  providers: () => ProviderState[];
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
  /** HTTPS when given. */
  tls?: TLSOptions;
  /** Largest request header block in bytes. */
  headerBytes?: number;
  /** CIM operations in progress at once; more are answered 503 with Retry-After. */
  concurrentOperations?: number;
  /** Open connections; beyond it a new connection is answered 503 with Retry-After and closed. */
  connections?: number;
  /** Milliseconds an idle keep-alive connection stays open. */
  keepAliveTimeoutMs?: number;
}

/** Modern ciphers only: TLS 1.3 suites and the ECDHE AEAD suites of TLS 1.2. */
const CIPHERS = [
  'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256',
].join(':');

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const transport = { noDelay: true, maxHeaderSize: options.headerBytes };
  const app = Fastify({
    loggerInstance: options.logger,
    // fastify's own two lines per request give way to one line with the CIM facts (logRequests).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.limits.bodyBytes,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 65_000,
    requestTimeout: options.limits.requestTimeoutMs,
    return503OnClosing: true,
    clientErrorHandler: answerClientError,
    ...(options.tls
      ? { https: { ...transport, ...options.tls, ciphers: CIPHERS, honorCipherOrder: true, rejectUnauthorized: false } }
      : { http: transport }),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  app.decorateRequest('cim', null);
  // First: a refused connection's request must not reach authentication or an operation.
  limitConnections(app, options.connections, options.tls !== undefined);
  if (options.allowedHosts) checkHost(app, options.allowedHosts);
  // Password checks are the costliest thing a request can ask for: they wait behind the concurrency limit too.
  limitConcurrency(app, options.concurrentOperations);
  const { authenticator, required, healthzOpen } = options.auth;
  app.addHook('onRequest', createAuthHook({ authenticator, requireAuth: (r) => required && !(healthzOpen && r.url === '/healthz') }));
  closeConnectionsWhenClosing(app);
  logRequests(app, options.metrics);
  healthRoutes(app, options.providers);
  if (options.metrics) metricsRoute(app, options.metrics);
  await app.register(cimxmlRoute, options);
  return app;
}

const CONNECTION_REFUSED = 'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/**
 * Past `max` open connections, a new one gets a clear 503 instead of silence,
 * and is closed. A request it sent meanwhile is dropped, never run: the
 * client was told to retry, so running it too could run it twice.
 */
function limitConnections(app: FastifyInstance, max: number | undefined, secure: boolean): void {
  if (max === undefined) return;
  let open = 0;
  const refused = new WeakSet<Socket>();
  // On HTTPS the answer must travel inside TLS, so count connections once secured.
  app.server.on(secure ? 'secureConnection' : 'connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
    if (open <= max) return;
    refused.add(socket);
    socket.end(CONNECTION_REFUSED);
  });
  // Left unanswered: the 503 is on its way (destroying the socket could cut it short, inside TLS above all).
  app.addHook('onRequest', async (request, reply) => {
    if (refused.has(request.raw.socket)) reply.hijack();
  });
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
      return reply.code(503).header('Retry-After', '1').type('text/plain; charset=utf-8')
        .send(`more than ${max} operations in progress; retry shortly\n`);
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

/** One log line per request, with what a CIM operator asks for; never credentials. */
function logRequests(app: FastifyInstance, metrics: BrokerMetrics | undefined): void {
  app.addHook('onResponse', async (request, reply) => {
    const cim = request.cim;
    const ms = reply.elapsedTime;
    if (cim && metrics) metrics.observe(cim.operation, cim.status, ms / 1000);
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

/**
 * Requests Node's HTTP parser rejects before fastify sees them. M-POST
 * (RFC 2774) is an extension method the parser does not know; DSP0200 §7.2.2
 * lets a server answer it with 501 so that the client falls back to POST.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const packet: unknown = (error as { rawPacket?: unknown }).rawPacket;
  const mpost = error.code === 'HPE_INVALID_METHOD' && Buffer.isBuffer(packet) && packet.subarray(0, 7).toString('latin1') === 'M-POST ';
  const status = mpost ? '501 Not Implemented' : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
