/**
 * One decision per request: a verified, mapped client certificate, or HTTP
 * Basic credentials checked against the users file, with repeated failures
 * from one address refused for a while. Framework-free: the server turns the
 * outcome into a response.
 */
import { parseBasicAuthorization } from './basic-auth.js';
import { type PeerCertificateLike, userForCertificate } from './client-cert.js';
import type { AuthFailureLimiter } from './limiter.js';
import type { UserStore } from './user-store.js';
import type { Role } from './users-file.js';

export interface AuthenticatorOptions {
  users: UserStore;
  limiter: AuthFailureLimiter;
  /** Client certificate (fingerprint or CN) → user name (`tls.clientCertUsers`). */
  clientCertUsers?: Readonly<Record<string, string>>;
  /** Realm of the Basic challenge (default 'thincim'). */
  realm?: string;
}

export interface AuthRequest {
  /** The Authorization header, if any. */
  authorization?: string | undefined;
  remoteAddress: string;
  /** The client's certificate and whether TLS verified it against `tls.ca` (`socket.authorized`). */
  peerCertificate?: PeerCertificateLike | undefined;
  certificateVerified?: boolean;
}

export type AuthOutcome =
  | { ok: true; user: string; role: Role; method: 'basic' | 'certificate' }
  /** 401 with a Basic challenge, or 429 with Retry-After; `reason` is for the log, never for the client. */
  | { ok: false; status: 401 | 429; headers: Record<string, string>; reason: string };

export class Authenticator {
  readonly #users: UserStore;
  readonly #limiter: AuthFailureLimiter;
  readonly #certUsers: Readonly<Record<string, string>>;
  readonly #challenge: string;

  constructor(options: AuthenticatorOptions) {
    this.#users = options.users;
    this.#limiter = options.limiter;
    this.#certUsers = options.clientCertUsers ?? {};
    this.#challenge = `Basic realm="${(options.realm ?? 'thincim').replace(/["\\]/g, '')}", charset="UTF-8"`;
  }

  async authenticate(request: AuthRequest): Promise<AuthOutcome> {
    if (request.certificateVerified) {
      const name = userForCertificate(request.peerCertificate, this.#certUsers);
      // An unmapped certificate falls through to Basic: it proves the client's CA, not who the user is.
      if (name !== undefined) return { ok: true, user: name, role: this.#users.roleOf(name) ?? 'readonly', method: 'certificate' };
    }
    const decision = this.#limiter.check(request.remoteAddress);
    if (!decision.allowed) {
      return {
        ok: false, status: 429, reason: 'too many authentication failures from this address',
        headers: { 'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))) },
      };
    }
    const credentials = parseBasicAuthorization(request.authorization);
    if (!credentials.ok) {
      // A first request without credentials is the normal start of Basic, not a failure.
      if (request.authorization !== undefined && request.authorization.trim() !== '') this.#limiter.recordFailure(request.remoteAddress);
      return this.#unauthorized(credentials.error);
    }
    const user = await this.#users.verify(credentials.user, credentials.password);
    if (!user) {
      this.#limiter.recordFailure(request.remoteAddress);
      return this.#unauthorized(`wrong user name or password (user ${JSON.stringify(credentials.user.slice(0, 64))})`);
    }
    return { ok: true, user: user.name, role: user.role, method: 'basic' };
  }

  #unauthorized(reason: string): AuthOutcome {
    return { ok: false, status: 401, reason, headers: { 'www-authenticate': this.#challenge } };
  }
}
