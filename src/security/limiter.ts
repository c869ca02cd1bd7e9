/**
 * Slows down password guessing: an address that failed `maxFailures` times
 * within the sliding window is refused until its oldest failure leaves the
 * window. Memory is bounded: at most `maxAddresses` addresses are tracked
 * (the one that failed least recently is forgotten first), each with at most
 * `maxFailures` timestamps.
 */
import { isIPv6 } from 'node:net';

export interface AuthFailureLimiterOptions {
  /** Failures allowed per address within the window; 0 turns the limiter off. */
  maxFailures: number;
  /** Default 60 s. */
  windowMs?: number;
  /** Default 10 000. */
  maxAddresses?: number;
  now?: () => number;
}

export type LimiterDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

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
  readonly #maxAddresses: number;
  readonly #now: () => number;
  /** Failure times per address key, oldest first; the Map's order is least recently failed first. */
  readonly #failures = new Map<string, number[]>();

  constructor(options: AuthFailureLimiterOptions) {
    this.#max = options.maxFailures;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#maxAddresses = options.maxAddresses ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Whether `address` may try to authenticate now. */
  check(address: string): LimiterDecision {
    if (this.#max === 0) return { allowed: true };
    const key = addressKey(address);
    const times = this.#recent(key);
    if (times.length < this.#max) return { allowed: true };
    return { allowed: false, retryAfterMs: (times[0] ?? 0) + this.#windowMs - this.#now() };
  }

  recordFailure(address: string): void {
    if (this.#max === 0) return;
    const key = addressKey(address);
    const times = this.#recent(key);
    times.push(this.#now());
    if (times.length > this.#max) times.shift();
    // Re-insert, so that the Map's first entry is the address that failed least recently.
    this.#failures.delete(key);
    if (this.#failures.size >= this.#maxAddresses) {
      const oldest = this.#failures.keys().next();
      if (!oldest.done) this.#failures.delete(oldest.value);
    }
    this.#failures.set(key, times);
  }

  /** Addresses tracked now. */
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
