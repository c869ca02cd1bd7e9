/**
 * The sockets of one listener. A listener on `localhost` listens on every
 * address the name resolves to (127.0.0.1 and ::1 on most hosts), as fastify
 * does; but fastify binds the further addresses with servers of its own,
 * which none of the per-server wiring (connection limits, first-request
 * deadline, `Expect: 100-continue`, plain HTTP on HTTPS, parser errors,
 * certificate reloads) would reach. So thincim binds them itself: every
 * server of a listener is wired alike, and shares its limits.
 */
import { lookup } from 'node:dns';
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** Every server of one listener: fastify's own first, then one per further address. */
export class ListenerServers {
  readonly #servers: Server[] = [];
  readonly #wirings: ((server: Server) => void)[] = [];

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
    this.#servers.push(server);
    return server;
  }

  /** Closes the further servers (fastify closes its own), once their connections end. */
  async closeFurther(): Promise<void> {
    await Promise.all(this.#servers.slice(1).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

const serversOf = new WeakMap<FastifyInstance, ListenerServers>();

export function registerServers(app: FastifyInstance, servers: ListenerServers): void {
  serversOf.set(app, servers);
}

/** Every server of the listener `app` serves (one, or one per address of `localhost`). */
export function listenerServers(app: FastifyInstance): readonly Server[] {
  return serversOf.get(app)?.all ?? [app.server];
}

function addressesOf(host: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    lookup(host, { all: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve([...new Set(addresses.map((a) => a.address))]);
    });
  });
}

/**
 * Listens on `host`:`port`; `localhost` on each of its addresses, on the
 * port the first one got. A further address that cannot be bound (no IPv6
 * on the host, say) is left out with a warning, as fastify leaves it out.
 * Resolves to the URL of the first.
 */
export async function listenOn(app: FastifyInstance, host: string, port: number, warn: (message: string, error: Error) => void): Promise<string> {
  if (host.toLowerCase() !== 'localhost') return app.listen({ host, port });
  const servers = serversOf.get(app);
  if (!servers) throw new Error('listenOn: the app has no ListenerServers');
  const [first = host, ...further] = await addressesOf(host);
  const url = await app.listen({ host: first, port });
  const bound = (app.server.address() as { port: number }).port;
  for (const address of further) {
    try {
      await servers.listen(address, bound);
    } catch (error) {
      warn(`localhost: not listening on ${address} port ${bound}`, error as Error);
    }
  }
  return url;
}
