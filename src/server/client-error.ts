/**
 * Requests Node's HTTP parser refuses before any handler sees them, answered
 * the same way by the CIM server (app.ts) and the indication listener
 * (indications/listener.ts). HTTPS forwards TLS errors here too. M-POST
 * (RFC 2774) is an extension method the parser does not know; DSP0200 §7.2.2
 * lets a server answer it 501 so that the client falls back to POST (a bare
 * 400, Node's own answer, ends the exchange instead).
 */
import { once } from 'node:events';
import { maxHeaderSize, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { rawAnswer } from './error-detail.js';

/** How long a connection closed after an error may wait for its client to close too. */
export const ERROR_LINGER_MS = 2_000;

/** Node's maxHeaderSize when a server leaves it (`--max-http-header-size` included). */
export const NODE_MAX_HEADER_SIZE = maxHeaderSize;

/** The reasons given in the answers whose cause differs between servers. */
export interface ClientErrorTexts {
  /** What a request is called in the M-POST answer: "request", "export request". */
  readonly request: string;
  /** Why a header block was refused (431). */
  readonly headerOverflow: string;
  /** Why a request was refused for not arriving whole in time (408). */
  readonly timeout: string;
}

type ClientError = Error & { code?: string; reason?: string; rawPacket?: unknown; bytesParsed?: unknown };

/**
 * The `clientError` listener for every server of one listener: each server is
 * tracked (answersInFlight.track) so that answers to requests before the
 * refused one on the connection (pipelining) are sent first.
 */
export function clientErrorHandler(inFlight: AnswersInFlight, texts: ClientErrorTexts): (error: Error, socket: Duplex) => void {
  return (error, socket) => {
    const answer = clientErrorAnswer(error, texts);
    // Not an HTTP error (a failed or timed-out TLS handshake, a reset): there is no one to answer.
    if (answer === undefined) {
      socket.destroy();
      return;
    }
    void inFlight.settleFirstFailure(socket).then((first) => {
      if (!first) return;
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      socket.end(rawAnswer(answer.status, answer.text));
      // The client may still be sending (its answer must not be cut by a reset at once), or may never close
      // (then Node keeps the half-closed connection, and anything waiting for its body, for good).
      setTimeout(() => socket.destroy(), ERROR_LINGER_MS).unref();
    });
  };
}

/** The status line and reason of an answer to a request Node's parser refused; undefined when there is no HTTP client to answer. */
export function clientErrorAnswer(error: ClientError, texts: ClientErrorTexts): { status: string; text: string } | undefined {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: '408 Request Timeout', text: texts.timeout };
  if (!error.code?.startsWith('HPE_')) return undefined;
  if (error.code === 'HPE_INVALID_METHOD' && isMPost(error.rawPacket, error.bytesParsed)) {
    return { status: '501 Not Implemented', text: `M-POST is not supported: send the ${texts.request} with POST (DSP0200 7.2.2)` };
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: '431 Request Header Fields Too Large', text: texts.headerOverflow };
  // As Node answers it: llhttp limits a chunk's extensions to 16 KiB.
  if (error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return { status: '413 Payload Too Large', text: 'a chunk\'s extensions are larger than 16 KiB' };
  // llhttp's reasons are short ASCII texts ("Invalid header value char", "Duplicate Content-Length").
  const reason = (error.reason ?? error.code).replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
  return { status: '400 Bad Request', text: `the request is not valid HTTP/1.1: ${reason}` };
}

const M_POST = Buffer.from('M-POST ', 'latin1');
/** Where llhttp stops on M-POST: at its P, since "M-" begins a method it knows (M-SEARCH). */
const M_POST_FAILS_AT = 2;

/**
 * Whether the request the parser failed on begins with `M-POST `. On Node 20
 * `rawPacket` is the network chunk being parsed and `bytesParsed` the offset
 * of the refused byte in it: the request need not begin the chunk (a request
 * pipelined after another) nor lie whole in it (`M-PO` then `ST …`). The
 * bytes of the chunk around that offset must agree with `M-POST `; the
 * ones in an earlier chunk or yet to come cannot be seen.
 */
function isMPost(packet: unknown, bytesParsed: unknown): boolean {
  if (!Buffer.isBuffer(packet) || typeof bytesParsed !== 'number') return false;
  const start = bytesParsed - M_POST_FAILS_AT;
  const seen = packet.subarray(Math.max(0, start), start + M_POST.length);
  const expected = M_POST.subarray(Math.max(0, -start), Math.max(0, -start) + seen.length);
  return seen.length > 0 && seen.equals(expected);
}

/**
 * The answers begun on each connection. With pipelining, requests that
 * parsed are being answered when a later one fails to parse: their answers
 * go out first, in order, and only then the error.
 */
export class AnswersInFlight {
  readonly #bySocket = new WeakMap<Duplex, Set<ServerResponse>>();
  readonly #failed = new WeakSet<Duplex>();

  track(server: Server): void {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const socket = request.socket;
      let answers = this.#bySocket.get(socket);
      if (!answers) this.#bySocket.set(socket, (answers = new Set()));
      answers.add(response);
      // 'close' comes once the answer is sent, or the connection is gone.
      response.once('close', () => answers.delete(response));
    });
  }

  /**
   * Resolves once every answer begun on `socket` to a whole request is sent
   * or abandoned; false when the socket already failed (the parser reports
   * every later chunk too). An answer waiting for the rest of its request's
   * body is not waited for: the failure (a deadline, the client gone
   * mid-body) is that request's, and its answer will never come.
   */
  async settleFirstFailure(socket: Duplex): Promise<boolean> {
    if (this.#failed.has(socket)) return false;
    this.#failed.add(socket);
    const answers = this.#bySocket.get(socket) ?? new Set();
    for (const answer of answers) if (answer.req.complete) await once(answer, 'close');
    return true;
  }
}
