/**
 * An indication listener (DSP0200 §7 export, the receiving side): accepts
 * ExportIndication requests over HTTP or HTTPS and answers them as DSP0200
 * requires, handing each indication to `onIndication`. `thincim listen`
 * and the tests use it.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CIMStatus, type CIMInstance } from '../cim/index.js';
import { decodeExportRequest, encodeExportResponse, EXPORT_INDICATION, httpStatusOf, ProtocolError } from '../cimxml/index.js';
import { AnswersInFlight, clientErrorHandler, NODE_MAX_HEADER_SIZE, type ClientErrorTexts } from '../server/client-error.js';

export interface ReceivedIndication {
  readonly indication: CIMInstance;
  /** The request path, e.g. /thincim (listeners tell their destinations apart by it). */
  readonly path: string;
  /** Epoch milliseconds. */
  readonly receivedAt: number;
  readonly remoteAddress: string | undefined;
}

export interface ListenerOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** HTTPS with this certificate and key. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Largest request body; default 4 MiB. */
  maxBodyBytes?: number;
  /** Called for each indication; the answer waits for it to settle (a slow consumer is a slow listener). */
  onIndication(received: ReceivedIndication): void | Promise<void>;
}

export interface IndicationListener {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** maxBodyBytes by default. */
export const DEFAULT_MAX_BODY = 4 * 1024 * 1024;
const XML = 'application/xml; charset="utf-8"';

/** Requests Node's parser refuses (M-POST among them) are answered as the CIM server answers them. */
const LISTENER_CLIENT_ERRORS: ClientErrorTexts = {
  request: 'export request',
  headerOverflow: `the request's header block is larger than ${NODE_MAX_HEADER_SIZE} bytes`,
  timeout: 'the request did not arrive whole in time',
};

export async function startListener(options: ListenerOptions): Promise<IndicationListener> {
  const handler = (req: IncomingMessage, res: ServerResponse) => void answer(req, res, options);
  const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttpServer(handler);
  // Expect: 100-continue: a body announced too large is refused before the client sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) <= (options.maxBodyBytes ?? DEFAULT_MAX_BODY)) res.writeContinue();
    // As a 'request': its answer is then one of those in flight that a later refused request waits for.
    server.emit('request', req, res);
  });
  const inFlight = new AnswersInFlight();
  inFlight.track(server);
  server.on('clientError', clientErrorHandler(inFlight, LISTENER_CLIENT_ERRORS));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, options: ListenerOptions): Promise<void> {
  if (req.method !== 'POST') return plain(res, 405, 'only POST carries export requests', { Allow: 'POST' });
  const exportHeader = String(req.headers['cimexport'] ?? '');
  if (exportHeader.toLowerCase() !== 'methodrequest') return cimError(res, 400, 'unsupported-operation');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let body: Buffer;
  try {
    body = await readBody(req, maxBody);
  } catch (err) {
    if (!(err instanceof BodyTooLarge)) return; // the client went away mid-body: no one to answer
    // Answered before the rest of the body is read: the connection closes after the answer.
    return plain(res, 413, `the request body is larger than ${maxBody} bytes\n`, { Connection: 'close' });
  }
  let request;
  try {
    request = decodeExportRequest(body);
  } catch (err) {
    if (err instanceof ProtocolError) return cimError(res, httpStatusOf(err.cimError), err.cimError);
    const id = (err as { messageId?: string }).messageId ?? '0';
    return xml(res, encodeExportResponse(id, EXPORT_INDICATION, { code: CIMStatus.INVALID_PARAMETER, description: (err as Error).message }));
  }
  const method = String(req.headers['cimexportmethod'] ?? '');
  if (method !== '' && method.toLowerCase() !== request.name.toLowerCase()) return cimError(res, 400, 'header-mismatch');
  if (request.name.toLowerCase() !== EXPORT_INDICATION.toLowerCase()) {
    return xml(res, encodeExportResponse(request.messageId, request.name, { code: CIMStatus.NOT_SUPPORTED, description: `${request.name} is not an export method of this listener` }));
  }
  const indication = [...request.params].find(([name]) => name.toLowerCase() === 'newindication')?.[1];
  if (!indication) {
    return xml(res, encodeExportResponse(request.messageId, request.name, { code: CIMStatus.INVALID_PARAMETER, description: 'NewIndication is missing' }));
  }
  try {
    await options.onIndication({ indication, path: req.url ?? '/', receivedAt: Date.now(), remoteAddress: req.socket.remoteAddress });
  } catch (err) {
    return xml(res, encodeExportResponse(request.messageId, request.name, { code: CIMStatus.FAILED, description: (err as Error).message }));
  }
  xml(res, encodeExportResponse(request.messageId, request.name));
}

class BodyTooLarge extends Error {}

/**
 * The whole body, or BodyTooLarge as soon as its Content-Length or its bytes
 * pass `max`. The socket is not destroyed then, which would cut the 413
 * short: the rest of the body is read and dropped until the answer is sent.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) {
      reject(new BodyTooLarge());
      return;
    }
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks?.push(chunk);
      else if (chunks) {
        chunks = undefined;
        reject(new BodyTooLarge());
      }
    });
    req.on('end', () => {
      if (chunks) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
    // A client gone mid-body: not waited for until the server's own timeout.
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client went away'));
    });
  });
}

function xml(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'Content-Type': XML, CIMExport: 'MethodResponse', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function cimError(res: ServerResponse, status: number, header: string): void {
  res.writeHead(status, { CIMError: header, 'Content-Length': 0 });
  res.end();
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
