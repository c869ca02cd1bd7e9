/**
 * The Host header must name this server (DNS rebinding): a web page can make
 * a browser send requests to 127.0.0.1 under a name of the attacker's, but
 * the browser then says that name in Host. Accepted: the loopback names, the
 * machine's name, the address the listener is bound to (every interface
 * address when bound to all of them), and the operator's `allowedHosts`;
 * `*` there turns the check off. Ports are ignored.
 */
import { hostname as osHostname, networkInterfaces } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { refuse } from './error-detail.js';

export interface AllowedHosts {
  /** The operator's extra names (`allowedHosts`); `*` accepts any. */
  names: readonly string[];
  /** The address the listener is bound to. */
  listenHost: string;
  /** The machine's name; default os.hostname(). */
  hostname?: string;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARDS = new Set(['', '0.0.0.0', '::', '::0', '0:0:0:0:0:0:0:0']);

/** The name of a Host header value, without port, brackets, zone or final dot, in lower case. */
export function hostName(header: string): string {
  let host = header.trim().toLowerCase();
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(host);
  if (bracketed) host = bracketed[1]!;
  else if (host.split(':').length === 2) host = host.slice(0, host.indexOf(':'));
  return host.replace(/%.*$/, '').replace(/\.$/, '');
}

/** Whether a Host header value names this server. */
export function hostMatcher(allowed: AllowedHosts): (header: string) => boolean {
  if (allowed.names.includes('*')) return () => true;
  const machine = (allowed.hostname ?? osHostname()).toLowerCase();
  const names = new Set([...LOOPBACK_NAMES, machine, machine.split('.')[0]!, ...allowed.names.map(hostName)]);
  const listen = hostName(allowed.listenHost);
  const everyInterface = WILDCARDS.has(listen);
  if (!everyInterface) names.add(listen);
  return (header) => {
    const name = hostName(header);
    if (name === '') return false;
    // Read again on every miss: interfaces come and go (DHCP, VPNs, containers).
    return names.has(name) || (everyInterface && interfaceAddresses().has(name));
  };
}

/** Every address of this machine's interfaces, as hostName gives it (an IPv6 one without brackets or zone). */
export function interfaceAddresses(): Set<string> {
  const addresses = new Set<string>();
  for (const list of Object.values(networkInterfaces())) for (const info of list ?? []) addresses.add(hostName(info.address));
  return addresses;
}

/** Answers 421 to a request whose Host names another server, before authentication or any operation. */
export function checkHost(app: FastifyInstance, allowed: AllowedHosts): void {
  const matches = hostMatcher(allowed);
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    // Without Host (HTTP/1.0) no browser is involved: there is no name to rebind.
    if (host === undefined || matches(host)) return;
    return refuse(reply.header('Connection', 'close'), 421,
      `Host ${JSON.stringify(host.slice(0, 100))} is not a name of this server; an operator can add it to allowedHosts`);
  });
}

/** How many Host lines a request's header block has (Node keeps the first of several in `headers.host`). */
function hostLines(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') count++;
  }
  return count;
}

/**
 * RFC 9112 §3.2: a request with more than one Host line is answered 400, on
 * every listener: checkHost would judge the first name while anything before
 * the agent (a proxy) may have gone by another.
 */
export function refuseRepeatedHost(app: FastifyInstance): void {
  // A callback hook: on every request it costs a pass over the header names, no promise.
  app.addHook('onRequest', (request, reply, done) => {
    if (hostLines(request.raw.rawHeaders) <= 1) return done();
    refuse(reply.header('Connection', 'close'), 400, 'the request has more than one Host header line (RFC 9112 §3.2 allows one)');
  });
}
