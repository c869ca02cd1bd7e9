/**
 * Plain HTTP sent to a TLS listener (`curl http://host:5989/`) is answered
 * in plain HTTP, 400 with a line naming the https URL, as nginx and Apache
 * do, instead of the reset OpenSSL's refusal of the bytes would give.
 *
 * tls.Server wraps every accepted socket in a TLSSocket from the one
 * 'connection' listener it installs as it is made; this module takes that
 * listener over and calls it only once a connection's first bytes look like
 * TLS, with the bytes put back. A serverFactory would do the same from
 * outside fastify, but would have to build the https server fastify
 * otherwise builds and configures itself: taking over one listener leaves
 * that server as it is. The cost is one read per connection, before TLS;
 * requests never see it.
 */
import type { Socket } from 'node:net';
import type { Server as TLSServer } from 'node:tls';
import { rawAnswer } from './error-detail.js';

export interface PlainHttpOptions {
  /**
   * How long a connection may send nothing before it is closed: the TLS
   * handshake's own timeout, which starts only once the first bytes came.
   */
  timeoutMs: number;
  /** How long a refused connection may wait for its client to close, reading what the client still sends. */
  lingerMs: number;
  /** Told of each connection answered 400, once. */
  onRefused(socket: Socket): void;
}

/**
 * Whether a connection's first byte starts TLS: a handshake record (0x16,
 * RFC 8446 §5.1), or with its high bit set an SSLv2-format ClientHello,
 * which TLS itself refuses with the answer it deserves (nginx's test too).
 */
const startsTls = (byte: number): boolean => byte === 0x16 || (byte & 0x80) !== 0;

/** Answers plain HTTP, and any other bytes that are not TLS, on `server` with 400. */
export function answerPlainHttp(server: TLSServer, options: PlainHttpOptions): void {
  const listeners = server.listeners('connection');
  const startTls = listeners[0] as ((this: TLSServer, socket: Socket) => void) | undefined;
  if (listeners.length !== 1 || !startTls) {
    throw new Error(`answerPlainHttp: expected tls.Server's own connection listener alone, found ${listeners.length}`);
  }
  server.removeListener('connection', startTls);
  server.on('connection', function (this: TLSServer, socket: Socket) {
    firstBytes(socket, options.timeoutMs, (chunk) => {
      if (startsTls(chunk[0]!)) {
        socket.unshift(chunk);
        startTls.call(this, socket);
      } else {
        refuse(socket, options);
      }
    });
  });
}

/**
 * Calls `then` with the first chunk `socket` receives, the socket paused (a
 * TLSSocket made on it reads what is left in its buffer first); closes a
 * socket that sends nothing within `timeoutMs`, or fails before.
 */
function firstBytes(socket: Socket, timeoutMs: number, then: (chunk: Buffer) => void): void {
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  const fail = (): void => {
    clearTimeout(timer);
    socket.destroy();
  };
  socket.once('error', fail);
  socket.once('close', fail);
  socket.once('data', (chunk: Buffer) => {
    clearTimeout(timer);
    socket.pause();
    socket.off('error', fail);
    socket.off('close', fail);
    then(chunk);
  });
}

/**
 * Answers 400 in plain text and closes. The rest of the request is read and
 * dropped meanwhile: a socket closed with bytes unread is reset, and the
 * reset can reach the client before the answer does.
 */
function refuse(socket: Socket, options: PlainHttpOptions): void {
  options.onRefused(socket);
  socket.on('error', () => socket.destroy());
  socket.resume();
  socket.end(rawAnswer('400 Bad Request', `This port speaks HTTPS only: use ${httpsUrl(socket)}`));
  setTimeout(() => socket.destroy(), options.lingerMs).unref();
}

/** The https URL of the address and port the client reached. */
function httpsUrl(socket: Socket): string {
  const address = (socket.localAddress ?? 'localhost').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const host = address.includes(':') ? `[${address}]` : address;
  return `https://${host}:${socket.localPort ?? ''}/`;
}
