/**
 * HTTP/1.1 over a bare socket, for hostile requests Node's client refuses to
 * send (duplicated or malformed headers, bytes that are not UTF-8, extension
 * methods, wrong lengths) and for telling apart how an exchange ended: a
 * complete response, a connection closed without one, or silence.
 */
import { connect } from 'node:net';

export interface RawRequest {
  method?: string;
  path?: string;
  /** Header lines in order, duplicates allowed; values may be raw bytes. */
  headers: readonly (readonly [string, string | Buffer])[];
  body?: Buffer;
  /** Adds `Content-Length` for the body (default true). */
  contentLength?: boolean;
}

export interface ParsedResponse {
  status: number;
  /** Lower-cased names; repeated headers keep every value. */
  headers: Map<string, string[]>;
  body: Buffer;
  trailers: Map<string, string[]>;
}

export type Exchange =
  | { kind: 'response'; response: ParsedResponse }
  /** The server closed (or reset) the connection before a complete response, or sent something that is not HTTP. */
  | { kind: 'dropped'; received: Buffer; error?: string }
  /** Nothing complete arrived within the time allowed. */
  | { kind: 'timeout'; received: Buffer };

/** The bytes of a request; `Connection: close` is added so that every exchange ends with the response. */
export function serialize(request: RawRequest): Buffer {
  const body = request.body ?? Buffer.alloc(0);
  const lines: Buffer[] = [Buffer.from(`${request.method ?? 'POST'} ${request.path ?? '/cimom'} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`, 'latin1')];
  for (const [name, value] of request.headers) lines.push(Buffer.from(`${name}: `, 'latin1'), Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'), Buffer.from('\r\n'));
  if (request.contentLength ?? true) lines.push(Buffer.from(`Content-Length: ${body.length}\r\n`));
  lines.push(Buffer.from('\r\n'), body);
  return Buffer.concat(lines);
}

/**
 * Sends `bytes` on a new connection to 127.0.0.1:`port` and waits up to
 * `timeoutMs` for a complete response (`head`: the answer to a HEAD, which has no body).
 */
export function exchange(port: number, bytes: Buffer, timeoutMs: number, head = false): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (result: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const received = () => Buffer.concat(chunks);
    const timer = setTimeout(() => finish({ kind: 'timeout', received: received() }), timeoutMs);
    const complete = (closed: boolean): Exchange | undefined => {
      try {
        const response = parseResponse(received(), closed, head);
        return response && { kind: 'response', response };
      } catch (e) {
        return { kind: 'dropped', received: received(), error: (e as Error).message };
      }
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const result = complete(false);
      if (result) finish(result);
    });
    const ended = (error?: Error) => {
      // A server may answer early (413) and reset while the body is still being written: what arrived counts.
      finish(complete(true) ?? { kind: 'dropped', received: received(), error: error?.message });
    };
    socket.on('end', () => ended());
    socket.on('error', ended);
    socket.on('close', () => ended());
    socket.end(bytes);
  });
}

/** A complete response at the start of `data` (interim 1xx responses skipped); undefined while incomplete. */
export function parseResponse(data: Buffer, closed: boolean, head = false): ParsedResponse | undefined {
  let start = 0;
  for (;;) {
    const headEnd = data.indexOf('\r\n\r\n', start);
    if (headEnd < 0) return undefined;
    const [statusLine, ...headerLines] = data.subarray(start, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
    if (!Number.isInteger(status)) throw new Error(`not an HTTP status line: ${JSON.stringify(statusLine)}`);
    const headers = headerMap(headerLines);
    const bodyStart = headEnd + 4;
    if (status >= 100 && status < 200) {
      start = bodyStart;
      continue;
    }
    if (head) return { status, headers, body: Buffer.alloc(0), trailers: new Map() };
    if (/chunked/i.test(headers.get('transfer-encoding')?.join(',') ?? '')) return dechunk(data, bodyStart, status, headers);
    const length = headers.get('content-length')?.[0];
    if (length !== undefined) {
      const end = bodyStart + Number(length);
      return data.length >= end ? { status, headers, body: data.subarray(bodyStart, end), trailers: new Map() } : undefined;
    }
    return closed ? { status, headers, body: data.subarray(bodyStart), trailers: new Map() } : undefined;
  }
}

function headerMap(lines: readonly string[]): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
}

function dechunk(data: Buffer, from: number, status: number, headers: Map<string, string[]>): ParsedResponse | undefined {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isInteger(size)) throw new Error('a malformed chunk size');
    if (size === 0) {
      const trailersEnd = data.indexOf('\r\n\r\n', lineEnd);
      const emptyTrailers = data.subarray(lineEnd, lineEnd + 4).toString('latin1') === '\r\n\r\n';
      if (emptyTrailers) return { status, headers, body: Buffer.concat(parts), trailers: new Map() };
      if (trailersEnd < 0) return undefined;
      const trailers = headerMap(data.subarray(lineEnd + 2, trailersEnd).toString('latin1').split('\r\n'));
      return { status, headers, body: Buffer.concat(parts), trailers };
    }
    const chunkEnd = lineEnd + 2 + size;
    if (data.length < chunkEnd + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, chunkEnd));
    at = chunkEnd + 2;
  }
}
