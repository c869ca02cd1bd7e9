/**
 * The Authenticator as a fastify onRequest hook:
 * `app.addHook('onRequest', createAuthHook({ authenticator, requireAuth }))`.
 * The authenticated user of a request is read back with `principalOf(request)`
 * (a WeakMap, so no decoration of fastify's request type is needed).
 */
import type { TLSSocket } from 'node:tls';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from './authenticator.js';
import type { Role } from './users-file.js';

export interface Principal {
  user: string;
  role: Role;
  method: 'basic' | 'certificate';
}

export interface AuthHookOptions {
  authenticator: Authenticator;
  /** Whether this request must authenticate (from the listener plan; false for /healthz when `healthzOpen`). */
  requireAuth: (request: FastifyRequest) => boolean;
}

const principals = new WeakMap<FastifyRequest, Principal>();

/** The authenticated user of a request; undefined when the request needed no authentication. */
export function principalOf(request: FastifyRequest): Principal | undefined {
  return principals.get(request);
}

export function createAuthHook(options: AuthHookOptions): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    if (!options.requireAuth(request)) return;
    const socket = request.raw.socket as Partial<TLSSocket>;
    const tls = socket.encrypted === true && typeof socket.getPeerCertificate === 'function';
    const outcome = await options.authenticator.authenticate({
      authorization: request.headers.authorization,
      remoteAddress: request.ip,
      ...(tls ? { peerCertificate: socket.getPeerCertificate?.(), certificateVerified: socket.authorized === true } : {}),
    });
    if (outcome.ok) {
      principals.set(request, { user: outcome.user, role: outcome.role, method: outcome.method });
      return;
    }
    // A request without credentials is the normal first leg of Basic: not worth more than debug.
    request.log[request.headers.authorization ? 'warn' : 'debug']({ remoteAddress: request.ip, reason: outcome.reason }, 'authentication failed');
    await reply.code(outcome.status).headers(outcome.headers).send();
  };
}
