/**
 * The Authenticator as a fastify onRequest hook:
 * `app.addHook('onRequest', createAuthHook({ authenticator, requireAuth }))`.
 * Where authentication is required, a request without credentials gets the
 * Basic challenge; elsewhere it is served as anonymous. Credentials that are
 * sent are checked everywhere: wrong ones get 401, and a user's rights never
 * grow because the listener would have served them anonymously. The
 * authenticated user of a request is read back with `principalOf(request)`
 * (a WeakMap, so no decoration of fastify's request type is needed).
 */
import type { TLSSocket } from 'node:tls';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { basicChallenge, type Authenticator, type AuthOutcome, type AuthRequest } from './authenticator.js';
import type { Role } from './users-file.js';

export interface Principal {
  user: string;
  role: Role;
  method: 'basic' | 'certificate';
}

export interface AuthHookOptions {
  /** Checks credentials; without one, every credential sent is refused (there is no user to match). */
  authenticator: Authenticator | undefined;
  /** Whether this request must authenticate (from the listener plan; false for GET and HEAD /healthz and /readyz when `healthzOpen`, app.ts's ANONYMOUS_PROBES); if not, it may be anonymous. */
  requireAuth: (request: FastifyRequest) => boolean;
}

const principals = new WeakMap<FastifyRequest, Principal>();

/** The authenticated user of a request; undefined when the request needed no authentication. */
export function principalOf(request: FastifyRequest): Principal | undefined {
  return principals.get(request);
}

export function createAuthHook(options: AuthHookOptions): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    const required = options.requireAuth(request);
    const authorization = request.headers.authorization;
    const sent = authorization !== undefined && authorization.trim() !== '';
    const facts: AuthRequest = { authorization, remoteAddress: request.ip, ...certificateOf(request) };
    if (!required && !sent && !facts.certificateVerified) return;
    const outcome = options.authenticator ? await options.authenticator.authenticate(facts) : NO_USERS;
    if (outcome.ok) {
      principals.set(request, { user: outcome.user, role: outcome.role, method: outcome.method });
      return;
    }
    // A verified certificate that maps to no user proves nothing more than no certificate.
    if (!required && !sent) return;
    // A request without credentials is the normal first leg of Basic: not worth more than debug. A certificate TLS refused is sent credentials.
    const refusedCertificate = certificateRefusal(request);
    request.log[sent || refusedCertificate ? 'warn' : 'debug'](
      { remoteAddress: request.ip, reason: outcome.reason, ...(refusedCertificate && { certificate: refusedCertificate }) },
      'authentication failed',
    );
    await reply.code(outcome.status).headers(outcome.headers).send();
  };
}

const NO_USERS: AuthOutcome = { ok: false, status: 401, reason: 'this listener has no users to check credentials against', headers: { 'www-authenticate': basicChallenge() } };

/** The client's certificate on TLS, and whether TLS verified it against `tls.ca`. */
function certificateOf(request: FastifyRequest): Pick<AuthRequest, 'peerCertificate' | 'certificateVerified'> {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (socket.encrypted !== true || typeof socket.getPeerCertificate !== 'function') return {};
  return { peerCertificate: socket.getPeerCertificate(), certificateVerified: socket.authorized === true };
}

/** Why TLS did not verify the certificate a client presented (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`…); undefined without one. */
function certificateRefusal(request: FastifyRequest): string | undefined {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (socket.encrypted !== true || socket.authorized !== false || typeof socket.getPeerCertificate !== 'function') return undefined;
  if (Object.keys(socket.getPeerCertificate()).length === 0) return undefined;
  return `not verified: ${String(socket.authorizationError ?? 'unknown reason')}`;
}
