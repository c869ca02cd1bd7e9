/** Users files and authenticators for tests, with cheap scrypt settings. */
import { join } from 'node:path';
import { Authenticator, AuthFailureLimiter, setUser, UserStore, type Role } from '../../src/security/index.js';
import { FAST_SCRYPT } from '../security/helpers.js';

export interface TestUser {
  role: Role;
  password: string;
}

/** Writes a users file in `dir` with these users (name → role and password); returns its path. */
export async function writeUsers(dir: string, users: Record<string, TestUser>, name = 'users'): Promise<string> {
  const file = join(dir, name);
  for (const [user, { role, password }] of Object.entries(users)) await setUser(file, user, password, { role, scrypt: FAST_SCRYPT });
  return file;
}

export interface TestAuthOptions {
  /** Failures allowed per address per window (default: high enough never to matter). */
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
  clientCertUsers?: Record<string, string>;
  /** How long a successful check is remembered (UserStore's default when absent; 0: never). */
  cacheTtlMs?: number;
}

/** An Authenticator over the users file, as `thincim serve` builds one. */
export async function testAuthenticator(file: string, options: TestAuthOptions = {}): Promise<Authenticator> {
  return new Authenticator({
    users: await UserStore.open(file, { cacheTtlMs: options.cacheTtlMs }),
    limiter: new AuthFailureLimiter({ maxFailures: options.maxFailures ?? 1000, windowMs: options.windowMs, now: options.now }),
    clientCertUsers: options.clientCertUsers,
  });
}
