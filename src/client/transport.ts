/**
 * One HTTP(S) POST per call over a keep-alive agent. HTTPS verifies the
 * server in one of three ways: the system's (or `ca`'s) certificate
 * authorities and the host name; a pinned SHA-256 fingerprint of the leaf
 * certificate, whatever its chain and name; or not at all (`insecure`).
 * A pinned connection is checked before the request is written, so no
 * credentials reach a server that fails the check.
 */
import { setMaxListeners } from 'node:events';
import { Agent as HttpAgent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { ConnectionError, ParseError, TimeoutError, TLSError } from './errors.js';

export interface TLSSettings {
  /** PEM certificate authorities to trust instead of the system's (`--cacert`). */
  ca?: string | Buffer;
  /** SHA-256 fingerprint of the server's certificate, hex with or without colons (`--fingerprint`). */
  fingerprint?: string;
  /** Accept any certificate (`--insecure`). */
  insecure?: boolean;
}

export interface TransportOptions {
  /** Milliseconds for one whole exchange: connect, TLS, request and the complete answer. */
  timeoutMs: number;
  /** Largest answer body accepted, in bytes. */
  maxResponseBytes: number;
  tls: TLSSettings;
}

export interface HttpReply {
  status: number;
  reason: string;
  headers: IncomingHttpHeaders;
  trailers: NodeJS.Dict<string>;
  body: Buffer;
}

/** `AA:BB:…` upper case from hex with or without colons; undefined when it is not 32 bytes of hex. */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = text.replace(/:/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return undefined;
  return hex.match(/../g)!.join(':');
}

/**
 * Kept-alive connections, at most 8 at once per server (a health check's
 * eleven enumerations: three wait for a socket, their timeouts running).
 */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 8 } as const;

export class Transport {
  readonly #url: URL;
  readonly #options: TransportOptions;
  readonly #agent: HttpAgent;
  /** Aborted by destroy: every request, those still waiting for a socket too. */
  readonly #abandon = new AbortController();

  constructor(url: URL, options: TransportOptions) {
    this.#url = url;
    this.#options = options;
    this.#agent = url.protocol === 'https:' ? httpsAgent(options.tls) : new HttpAgent(AGENT_OPTIONS);
    // One listener per request in flight: a health check has eleven.
    setMaxListeners(0, this.#abandon.signal);
  }

  /** POSTs `body` to `path`; rejects with ConnectionError, TLSError, TimeoutError or ParseError (too large). */
  post(path: string, headers: OutgoingHttpHeaders, body: string): Promise<HttpReply> {
    const { timeoutMs, maxResponseBytes } = this.#options;
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, this.#url), {
        method: 'POST', agent: this.#agent, signal: this.#abandon.signal, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
      });
      let settled = false;
      const settle = (done: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done();
      };
      const fail = (err: Error): void => settle(() => reject(classify(err, this.#url)));
      const timer = setTimeout(() => {
        fail(new TimeoutError(timeoutMs));
        req.destroy();
      }, timeoutMs);
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= maxResponseBytes) return void chunks.push(chunk);
          fail(new ParseError(`the answer is larger than ${maxResponseBytes} bytes (maxResponseBytes)`));
          req.destroy();
        });
        res.on('error', fail);
        res.on('end', () => settle(() => resolve({
          status: res.statusCode ?? 0, reason: res.statusMessage ?? '', headers: res.headers, trailers: res.trailers, body: Buffer.concat(chunks),
        })));
      });
      req.end(body);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#agent.destroy();
  }

  /** Closes the connections, and refuses every later request (see WBEMConnection.destroy). */
  destroy(): void {
    this.#abandon.abort();
    this.#agent.destroy();
  }
}

function httpsAgent(tls: TLSSettings): HttpAgent {
  const options: AgentOptions = { ...AGENT_OPTIONS };
  if (tls.fingerprint !== undefined) {
    const pin = normalizeFingerprint(tls.fingerprint);
    if (pin === undefined) throw new TypeError(`not a SHA-256 fingerprint: ${tls.fingerprint}`);
    return new PinningAgent(pin, { ...options, rejectUnauthorized: false });
  }
  if (tls.insecure) return new HttpsAgent({ ...options, rejectUnauthorized: false });
  return new HttpsAgent(tls.ca === undefined ? options : { ...options, ca: tls.ca });
}

type Created = (err: Error | null, socket?: Duplex) => void;

/** Hands a socket to the request only once the server's certificate matches the pin. */
class PinningAgent extends HttpsAgent {
  constructor(private readonly pin: string, options: AgentOptions) {
    super(options);
  }

  override createConnection(options: ConnectionOptions, callback: Created): Duplex {
    const socket = tlsConnect(options);
    const onError = (err: Error): void => callback(err);
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      socket.removeListener('error', onError);
      const presented = socket.getPeerCertificate().fingerprint256;
      if (presented === this.pin) return callback(null, socket);
      socket.destroy();
      callback(new TLSError(`the server's certificate does not match the pinned fingerprint (it presented ${presented || 'none'})`));
    });
    // The agent waits for the callback; returning nothing keeps it from using the socket early.
    return undefined as unknown as Duplex;
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_|^ERR_TLS_|^ERR_SSL_|^EPROTO$/;

/** Names what went wrong in an operator's words. */
function classify(err: Error, url: URL): Error {
  if (err instanceof TLSError || err instanceof TimeoutError || err instanceof ParseError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const where = url.host;
  if (code === 'ABORT_ERR') return new ConnectionError(`the connection was given up: ${where}`, { cause: err });
  if (TLS_CODES.test(code)) {
    const hint = /CERT|SELF_SIGNED|UNABLE_TO_|ALTNAME/.test(code) ? ' (trust it with --cacert FILE or --fingerprint, or skip the check with --insecure)' : '';
    return new TLSError(`TLS with ${where} failed: ${err.message}${hint}`, { cause: err });
  }
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused', ENOTFOUND: 'host not found', EAI_AGAIN: 'host name lookup failed',
    ECONNRESET: 'connection reset by the server', EHOSTUNREACH: 'host unreachable', ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out', EPIPE: 'connection closed by the server',
  };
  const reason = reasons[code] ?? err.message;
  return new ConnectionError(`${reason}: ${where}${reason === err.message ? '' : ` (${code})`}`, { cause: err });
}
