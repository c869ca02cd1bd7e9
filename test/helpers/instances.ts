/** Small builders the indication and metrics tests share. */
import { createServer } from 'node:net';
import { CIMInstance, NocaseMap, cimProperty, type CIMType, type CIMValue } from '../../src/cim/index.js';

/** An instance of `classname` with these typed property values (a filter, a destination, a subscription to create). */
export function instance(classname: string, values: Record<string, [CIMType, CIMValue]>): CIMInstance {
  return new CIMInstance({ classname, properties: new NocaseMap(Object.entries(values).map(([n, [type, v]]) => [n, cimProperty(n, type, v)] as const)) });
}

/** A port nothing listens on. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
