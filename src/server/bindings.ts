/**
 * The sockets of one listener. A listener on `localhost` listens on each
 * loopback address the name resolves to (127.0.0.1 and ::1 on most hosts).
 * fastify would bind the further addresses with servers of its own,
 * which none of the per-server wiring (connection limits, first-request
 * deadline, `Expect: 100-continue`, plain HTTP on HTTPS, parser errors,
 * certificate reloads) would reach. So thincim binds them itself: every
 * server of a listener is wired alike, and shares its limits.
 */
import { lookup } from 'node:dns';
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { isLoopbackAddress } from '../config/listeners.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every server of this listener (app.ts): fastify's own, and one per further address of `localhost`. */
    listenerServers: ListenerServers;
  }
}

/** Every server of one listener: fastify's own first, then one per further address. */
export class ListenerServers {
  readonly #servers: Server[] = [];
  readonly #wirings: ((server: Server) => void)[] = [];
  #closed: Promise<void> | undefined;

  /** @param create a server like fastify's, answering through the same fastify instance, not yet listening */
  constructor(first: Server, private readonly create: () => Server) {
    this.#servers.push(first);
  }

  get all(): readonly Server[] {
    return this.#servers;
  }

  /** Wires every server of the listener: those there are, and those to come. */
  each(wire: (server: Server) => void): void {
    this.#wirings.push(wire);
    for (const server of this.#servers) wire(server);
  }

  /** A further server, wired like the first, listening on `host`:`port`. */
  async listen(host: string, port: number): Promise<Server> {
    const server = this.create();
    for (const wire of this.#wirings) wire(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Closed meanwhile (a shutdown while ::1 was being bound): this one would hold its port and the process.
    if (this.#closed) {
      server.close();
      throw new Error(`the listener closed while binding ${host} port ${port}`);
    }
    this.#servers.push(server);
    return server;
  }

  /**
   * Closes the further servers (fastify closes its own): they stop accepting
   * at once, as fastify's does, and the promise settles once their
   * connections end.
   */
  closeFurther(): Promise<void> {
    this.#closed ??= Promise.all(this.#servers.slice(1).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))))
      .then(() => {});
    return this.#closed;
  }
}

/**
 * The loopback addresses `localhost` resolves to, IPv4 first (a host without
 * IPv6 still binds one): a `localhost` that names anything else (a wrong
 * hosts file, a DNS answer) is not bound.
 */
function loopbackAddressesOf(host: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    lookup(host, { all: true }, (error, addresses) => {
      if (error) return reject(error);
      const loopback = [...new Set(addresses.map((a) => a.address))].filter(isLoopbackAddress).sort((a, b) => Number(a === '::1') - Number(b === '::1'));
      if (loopback.length > 0) return resolve(loopback);
      reject(new Error(`${host} resolves to no loopback address (${addresses.map((a) => a.address).join(', ') || 'none'}): `
        + 'set host to 127.0.0.1 or ::1, or mend the hosts file'));
    });
  });
}

/** What a host without the address's family or interface answers: such an address is left out, as fastify leaves it out. */
const ADDRESS_UNAVAILABLE = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/**
 * Listens on `host`:`port`; `localhost` on each of its loopback addresses,
 * on the port the first one got. A further address the host does not have
 * (no IPv6) is left out with a warning; any other failure (the port taken on
 * ::1 by another program, which clients of `localhost` would then reach)
 * fails the start. Resolves to the URL of the first.
 */
export async function listenOn(app: FastifyInstance, host: string, port: number, warn: (message: string, error: Error) => void): Promise<string> {
  if (host.toLowerCase() !== 'localhost') return app.listen({ host, port });
  const [first, ...further] = await loopbackAddressesOf(host);
  const url = await app.listen({ host: first, port });
  const bound = (app.server.address() as { port: number }).port;
  for (const address of further) {
    try {
      await app.listenerServers.listen(address, bound);
    } catch (error) {
      if (!ADDRESS_UNAVAILABLE.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      warn(`localhost: not listening on ${address} port ${bound}`, error as Error);
    }
  }
  return url;
}
