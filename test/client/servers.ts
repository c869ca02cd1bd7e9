/** Small HTTP(S) servers for client tests: they answer what a test needs, including what a good server never would. */
import { createServer as createHttpServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  url: string;
  requests: Received[];
  close(): Promise<void>;
}

export type Handler = (request: Received, res: ServerResponse) => void | Promise<void>;

/** A server on 127.0.0.1 with a free port; HTTPS when given a certificate. */
export async function startServer(handler: Handler, tls?: { cert: string; key: string }): Promise<TestServer> {
  const requests: Received[] = [];
  const listener = (req: import('node:http').IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(received);
      void handler(received, res);
    });
  };
  const server: Server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The MESSAGE ID of a request body, to echo it. */
export function messageId(body: string): string {
  return /<MESSAGE ID="([^"]*)"/.exec(body)?.[1] ?? '0';
}

/** A SIMPLERSP body for message `id` around an IMETHODRESPONSE's content. */
export function imethodResponse(id: string, name: string, content: string): string {
  return `<?xml version="1.0" encoding="utf-8" ?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="${id}" PROTOCOLVERSION="1.0">`
    + `<SIMPLERSP><IMETHODRESPONSE NAME="${name}">${content}</IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>`;
}

/** Answers with CIM-XML the way a conforming server does. */
export function sendCim(res: ServerResponse, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(200, { 'Content-Type': 'application/xml; charset="utf-8"', CIMOperation: 'MethodResponse', ...extra });
  res.end(body);
}

export interface Forwarded {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Passes a request on to `target` unchanged and returns the answer. */
export function forward(target: string, received: Received): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const headers = { ...received.headers };
    delete headers.host;
    const req = request(new URL('/cimom', target), { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(received.body);
  });
}

/**
 * A proxy in front of `target` whose answers to some operations are
 * replaced: `answer` returns the body to send (or undefined to forward).
 */
export function startProxy(target: string, answer: (method: string, received: Received, forwarded: () => Promise<Forwarded>) => Promise<string | undefined>): Promise<TestServer> {
  return startServer(async (received, res) => {
    const method = String(received.headers['cimmethod']);
    const replaced = await answer(method, received, () => forward(target, received));
    if (replaced !== undefined) return sendCim(res, replaced);
    const answered = await forward(target, received);
    res.writeHead(answered.status, { 'Content-Type': String(answered.headers['content-type']), CIMOperation: String(answered.headers['cimoperation']) });
    res.end(answered.body);
  });
}
