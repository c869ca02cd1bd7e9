/**
 * Failures of a client operation other than CIM errors (those arrive as
 * `CIMError`, HTTP 200 with `<ERROR>`). pywbem's names: ConnectionError,
 * TimeoutError, AuthError, HTTPError, ParseError; TLSError narrows
 * ConnectionError to certificate and handshake problems.
 */

/** A stable code per kind of failure, for scripts and logs. */
export type ClientErrorCode = 'connection' | 'timeout' | 'tls' | 'auth' | 'http' | 'parse';

export abstract class ClientError extends Error {
  abstract readonly code: ClientErrorCode;
}

/** The server could not be reached or dropped the connection. */
export class ConnectionError extends ClientError {
  readonly code: ClientErrorCode = 'connection';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConnectionError';
  }
}

/** The TLS handshake failed: an untrusted or mismatched certificate, a pin that does not match, no TLS at all. */
export class TLSError extends ConnectionError {
  override readonly code: ClientErrorCode = 'tls';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TLSError';
  }
}

/** No complete answer within the connection's timeout. */
export class TimeoutError extends ClientError {
  readonly code: ClientErrorCode = 'timeout';

  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000} s`);
    this.name = 'TimeoutError';
  }
}

/** An HTTP status other than 200, with the CIMError header (DSP0200 §7.3) and any detail the server gave. */
export class HTTPError extends ClientError {
  readonly code: ClientErrorCode = 'http';

  constructor(
    readonly status: number,
    readonly reason: string,
    readonly cimError?: string,
    readonly detail?: string,
  ) {
    const parts = [`HTTP ${status}${reason ? ` ${reason}` : ''}`];
    if (cimError) parts.push(`CIMError: ${cimError}`);
    if (detail) parts.push(detail);
    super(parts.join('; '));
    this.name = 'HTTPError';
  }
}

/** HTTP 401: the server refused the credentials, or wanted some and got none. */
export class AuthError extends HTTPError {
  override readonly code: ClientErrorCode = 'auth';

  constructor(reason: string, readonly challenge: string | undefined, withCredentials: boolean) {
    super(401, reason);
    this.message = withCredentials ? 'authentication failed: the server refused the credentials' : 'authentication failed: the server asks for credentials and none were given';
    this.name = 'AuthError';
  }
}

/** An HTTP 200 answer that is not a usable CIM-XML response (headers, XML, message id, operation name, size). */
export class ParseError extends ClientError {
  readonly code: ClientErrorCode = 'parse';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ParseError';
  }
}
