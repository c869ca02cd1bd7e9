/**
 * One decision per request: a verified, mapped client certificate, or HTTP
 * Basic credentials checked against the users file. Repeated failures from
 * one address, or against one user name from addresses it has not logged in
 * from, refuse new password checks for a while (AuthFailureLimiter);
 * credentials verified a moment ago (the users' cache, or a check in flight)
 * and mapped certificates are never refused for that: they cost no
 * derivation, and other clients' failures must not lock out a user who has
 * proved who they are. Framework-free: the server turns the outcome into a
 * response.
 */
import { parseBasicAuthorization } from './basic-auth.js';
import { type PeerCertificateLike, userForCertificate } from './client-cert.js';
import { addressBucket, type AuthFailureLimiter } from './limiter.js';
import type { AuthenticatedUser, UserStore } from './user-store.js';
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

/** The WWW-Authenticate value of a 401 (RFC 7617). */
export function basicChallenge(realm = 'thincim'): string {
  return `Basic realm="${realm.replace(/["\\]/g, '')}", charset="UTF-8"`;
}

export class Authenticator {
  readonly #users: UserStore;
  readonly #limiter: AuthFailureLimiter;
  readonly #certUsers: Readonly<Record<string, string>>;
  readonly #challenge: string;

  constructor(options: AuthenticatorOptions) {
    this.#users = options.users;
    this.#limiter = options.limiter;
    this.#certUsers = options.clientCertUsers ?? {};
    this.#challenge = basicChallenge(options.realm);
  }

  async authenticate(request: AuthRequest): Promise<AuthOutcome> {
    if (request.certificateVerified) {
      const name = userForCertificate(request.peerCertificate, this.#certUsers);
      // An unmapped certificate falls through to Basic: it proves the client's CA, not who the user is.
      if (name !== undefined) return { ok: true, user: name, role: this.#users.roleOf(name) ?? 'readonly', method: 'certificate' };
    }
    const credentials = parseBasicAuthorization(request.authorization);
    if (!credentials.ok) {
      // A first request without credentials is the normal start of Basic, not a failure.
      if (request.authorization === undefined || request.authorization.trim() === '') return this.#unauthorized(credentials.error);
      const attempt = this.#limiter.attempt([addressBucket(request.remoteAddress)]);
      return attempt.allowed ? this.#unauthorized(credentials.error) : this.#tooMany(attempt.retryAfterMs);
    }
    const { user: name, password } = credentials;
    const known = this.#users.remembered(name, password);
    const checked = known ? { user: await known } : await this.#check(name, password, request.remoteAddress);
    if ('retryAfterMs' in checked) return this.#tooMany(checked.retryAfterMs);
    if (!checked.user) return this.#unauthorized(`wrong user name or password (user ${JSON.stringify(name.slice(0, 64))})`);
    return { ok: true, user: checked.user.name, role: checked.user.role, method: 'basic' };
  }

  /**
   * A password check, counted as a failure of the address (and of the name,
   * unless the client is known) before it runs, forgiven if it succeeds.
   */
  async #check(name: string, password: string, address: string): Promise<{ user: AuthenticatedUser | undefined } | { retryAfterMs: number }> {
    const decision = this.#limiter.attempt(this.#limiter.bucketsFor(name, address));
    if (!decision.allowed) return { retryAfterMs: decision.retryAfterMs };
    const user = await this.#users.verify(name, password);
    if (user) {
      this.#limiter.forgive(decision.attempt);
      this.#limiter.remember(name, address);
    }
    return { user };
  }

  #tooMany(retryAfterMs: number): AuthOutcome {
    return {
      ok: false, status: 429, reason: 'too many failed logins from this address or for this user name',
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    };
  }

  #unauthorized(reason: string): AuthOutcome {
    return { ok: false, status: 401, reason, headers: { 'www-authenticate': this.#challenge } };
  }
}
