/** Which listeners the configuration asks for, and which of them require authentication. */
import { isIP } from 'node:net';
import type { Config } from './spec.js';

export interface ListenerPlan {
  protocol: 'http' | 'https';
  host: string;
  port: number;
  /** Only reachable from this machine. */
  loopback: boolean;
  /** Requests must authenticate (HTTP Basic or a mapped client certificate). */
  requireAuth: boolean;
}

/** 127.0.0.0/8, ::1, IPv4-mapped loopback, and `localhost`. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * HTTPS listens on `host`; plain HTTP listens on 127.0.0.1 unless `httpOpen`
 * (or `host` is itself a loopback address). Authentication follows `auth` on
 * non-loopback listeners and `authLoopback` on loopback ones. A port of 0
 * leaves its listener out.
 */
export function planListeners(config: Config): ListenerPlan[] {
  const plans: ListenerPlan[] = [];
  const add = (protocol: 'http' | 'https', host: string, port: number): void => {
    if (port === 0) return;
    const loopback = isLoopbackAddress(host);
    const requireAuth = loopback ? config.authLoopback : config.auth === 'basic';
    plans.push({ protocol, host, port, loopback, requireAuth });
  };
  add('https', config.host, config.httpsPort);
  add('http', config.httpOpen || isLoopbackAddress(config.host) ? config.host : '127.0.0.1', config.httpPort);
  return plans;
}
