/** Which listeners the configuration asks for, and which of them require authentication. */
import { isIP } from 'node:net';
import type { Config } from './spec.js';

export interface ListenerPlan {
  protocol: 'http' | 'https';
  host: string;
  port: number;
  /** Only reachable from this machine. */
  loopback: boolean;
  /** Requests must authenticate (HTTP Basic or a mapped client certificate); otherwise they may be anonymous, and only read. */
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
 * (or `host` is itself a loopback address). With `auth: basic`, HTTPS always
 * requires authentication, loopback or not, and so does HTTP beyond
 * loopback: only plain HTTP on loopback is exempt, unless `authLoopback`
 * (the exemption lets local tools read without a password; writing always
 * needs an admin). A port of 0 leaves its listener out.
 */
export function planListeners(config: Config): ListenerPlan[] {
  const plans: ListenerPlan[] = [];
  const add = (protocol: 'http' | 'https', host: string, port: number): void => {
    if (port === 0) return;
    const loopback = isLoopbackAddress(host);
    const exempt = protocol === 'http' && loopback;
    const requireAuth = exempt ? config.authLoopback : config.auth === 'basic' || (loopback && config.authLoopback);
    plans.push({ protocol, host, port, loopback, requireAuth });
  };
  add('https', config.host, config.httpsPort);
  add('http', config.httpOpen || isLoopbackAddress(config.host) ? config.host : '127.0.0.1', config.httpPort);
  return plans;
}
