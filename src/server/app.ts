/**
 * The HTTP application: a fastify instance with one plugin per concern. This
 * module only assembles; each concern lives in its own plugin module.
 */
import type { Socket } from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { cimxmlRoute, type CimRouteOptions } from './cimxml-route.js';

export interface AppOptions extends CimRouteOptions {
  logger?: FastifyBaseLogger;
  /** Milliseconds an idle keep-alive connection stays open. */
  keepAliveTimeoutMs?: number;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.limits.bodyBytes,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 65_000,
    requestTimeout: options.limits.requestTimeoutMs * 2,
    return503OnClosing: true,
    clientErrorHandler: answerClientError,
  });
  await app.register(cimxmlRoute, options);
  return app;
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
