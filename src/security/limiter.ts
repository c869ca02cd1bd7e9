/**
 * Slows down password guessing. Every password check is counted as a failure
 * *before* it runs, in the bucket of the client's address and in that of the
 * user name tried, and forgiven when it succeeds: so parallel guesses cannot
 * outrun the limit, and one address or one name gets at most `maxFailures`
 * checks per sliding window. A full bucket refuses new checks until its
 * oldest failure leaves the window.
 *
 * A user name's bucket stops guessing spread over many addresses, but would
 * let anyone lock out an account by guessing at it. So it does not apply to
 * a known client: an address from which that user passed a password check in
 * the last `knownForMs` (OWASP's "device cookie", with the address as the
 * device). Only its own address's bucket limits it.
 *
 * Memory is bounded: at most `maxKeys` buckets are kept (the one that failed
 * least recently is forgotten first), each with at most `maxFailures`
 * timestamps, and at most `maxKeys` known clients (the least recently seen
 * forgotten first).
 */
import { isIPv6 } from 'node:net';

export interface AuthFailureLimiterOptions {
  /** Failures allowed per address within the window; 0 turns the limiter off. */
  maxFailures: number;
  /** Default 60 s. */
  windowMs?: number;
  /** Buckets kept (addresses and user names together), and known clients; default 10 000. */
  maxKeys?: number;
  /** How long a client stays known after a password check passed; default 7 days. */
  knownForMs?: number;
  now?: () => number;
}

/** A check counted in advance: forgive() it when it succeeds. */
export interface Attempt {
  readonly keys: readonly string[];
  readonly time: number;
}

export type LimiterDecision = { allowed: true; attempt: Attempt } | { allowed: false; retryAfterMs: number };

/** The bucket of a client address. */
export const addressBucket = (address: string): string => `address ${addressKey(address)}`;
/** The bucket of a user name, whoever tries it. */
export const userBucket = (name: string): string => `user ${name}`;

const clientKey = (user: string, address: string): string => `${addressKey(address)} ${user}`;

/**
 * The key an address is tracked under: IPv4-mapped IPv6 as IPv4, other IPv6
 * addresses by their /64 (one host usually owns a whole /64, so counting
 * single addresses would let it rotate through them).
 */
export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(plain)) return plain;
  return `${expandIPv6(plain).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}

export class AuthFailureLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;
  readonly #knownForMs: number;
  /** Failure times per address key, oldest first; the Map's order is least recently failed first. */
  readonly #failures = new Map<string, number[]>();
  /** When each (user, address) last passed a check; the Map's order is least recently seen first. */
  readonly #known = new Map<string, number>();

  constructor(options: AuthFailureLimiterOptions) {
    this.#max = options.maxFailures;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#maxKeys = options.maxKeys ?? 10_000;
    this.#knownForMs = options.knownForMs ?? 7 * 24 * 3600_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The buckets a password check of `user` from `address` counts in: the
   * address's, and the user name's unless the client is known.
   */
  bucketsFor(user: string, address: string): string[] {
    const seen = this.#known.get(clientKey(user, address));
    const known = seen !== undefined && this.#now() - seen < this.#knownForMs;
    return known ? [addressBucket(address)] : [addressBucket(address), userBucket(user)];
  }

  /** `user` passed a password check from `address`: that client is known from now on. */
  remember(user: string, address: string): void {
    const key = clientKey(user, address);
    this.#known.delete(key);
    if (this.#known.size >= this.#maxKeys) this.#known.delete(this.#known.keys().next().value!);
    this.#known.set(key, this.#now());
  }

  /**
   * Whether a check may run now for these buckets (addressBucket, userBucket);
   * when it may, it is counted in each at once, as a failure until forgiven.
   */
  attempt(keys: readonly string[]): LimiterDecision {
    const time = this.#now();
    if (this.#max === 0) return { allowed: true, attempt: { keys: [], time } };
    let retryAfterMs = 0;
    for (const key of keys) {
      const times = this.#recent(key);
      if (times.length >= this.#max) retryAfterMs = Math.max(retryAfterMs, (times[0] ?? 0) + this.#windowMs - time);
    }
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    for (const key of keys) this.#record(key, time);
    return { allowed: true, attempt: { keys, time } };
  }

  /** The attempt succeeded: it is no failure. */
  forgive(attempt: Attempt): void {
    for (const key of attempt.keys) {
      const times = this.#failures.get(key);
      const at = times?.lastIndexOf(attempt.time) ?? -1;
      if (at >= 0) times!.splice(at, 1);
      if (times?.length === 0) this.#failures.delete(key);
    }
  }

  #record(key: string, time: number): void {
    const times = this.#recent(key);
    times.push(time);
    // Re-insert, so that the Map's first entry is the bucket that failed least recently.
    this.#failures.delete(key);
    if (this.#failures.size >= this.#maxKeys) {
      const oldest = this.#failures.keys().next();
      if (!oldest.done) this.#failures.delete(oldest.value);
    }
    this.#failures.set(key, times);
  }

  /** Buckets tracked now. */
  get size(): number {
    return this.#failures.size;
  }

  /** The failures of `key` still inside the window (the stored list, pruned). */
  #recent(key: string): number[] {
    const times = this.#failures.get(key) ?? [];
    const from = this.#now() - this.#windowMs;
    while (times.length > 0 && (times[0] ?? 0) <= from) times.shift();
    if (times.length === 0) this.#failures.delete(key);
    return times;
  }
}
