/**
 * The CIM-XML endpoint (DSP0200): POST on any path. Protocol faults are
 * answered with an HTTP status and the CIMError header (§7.3); errors of an
 * operation travel as HTTP 200 with an ERROR element.
 */
import { hostname } from 'node:os';
import { type EventEmitter, once } from 'node:events';
import { setImmediate } from 'node:timers/promises';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CIMError, CIMInstanceName, CIMStatus, type CIMClassName } from '../cim/index.js';
import {
  InvalidParameterError, ProtocolError, decodeRequestYielding, type CIMErrorHeader, type CIMRequest, type DecodeLimits,
} from '../cimxml/index.js';
import { authorize, dispatch } from '../operations/dispatch.js';
import { hasUnnamedKey, keysNamedIfKnown } from '../operations/lookup.js';
import { invokeMethod } from '../operations/methods.js';
import type { PullSessions } from '../operations/pull.js';
import type { Caller, OperationContext, OperationLimits, ProviderRouter, SubscriptionWriter } from '../operations/types.js';
import type { ClassRepository } from '../repository/types.js';
import { principalOf } from '../security/index.js';
import { CIMHeaders, decodeHeaderValue, sameNamespace, sameTarget, sameTargetClass } from './cim-headers.js';
import {
  AnswerBytes, EncodeCache, errorResponse, intrinsicResponse, intrinsicResponseLengths, methodResponse, type Piece,
} from './respond.js';
import { errorDetail, fieldText, refuse } from './error-detail.js';
import type { BrokerMetrics } from './metrics.js';
import type { BrokerState } from './state.js';

export interface CimRouteOptions {
  state: BrokerState;
  pulls: PullSessions;
  router?: ProviderRouter;
  subscriptions?: SubscriptionWriter;
  limits: OperationLimits & {
    /** Largest request body in bytes. */
    bodyBytes: number;
    /** How long one operation may take, in milliseconds. */
    requestTimeoutMs: number;
    /** A response larger than this streams chunked when the client accepts trailers. */
    streamThresholdBytes?: number;
    /** Encoded XML kept for reuse while its instances last (EncodeCache); default 16 MiB. */
    encodeCacheBytes?: number;
  };
  decodeLimits?: Partial<DecodeLimits>;
  /** Let anonymous callers change things too (`anonymousWrite`); default: they may only read. */
  anonymousWrite?: boolean;
  /** Where the listener's encode cache is counted, when /metrics is served. */
  metrics?: Pick<BrokerMetrics, 'countEncodeCache'>;
  /** Whether a GET route serves this path (its 405 then allows GET and HEAD too). */
  readable?: (path: string) => boolean;
}

const DEFAULT_ENCODE_CACHE_BYTES = 16 * 1024 * 1024;
const XML_CONTENT_TYPE = 'application/xml; charset="utf-8"';
const XML_MEDIA = /^(application|text)\/xml$/i;

/** What the request log and the metrics say of a CIM request. */
export interface CimRequestInfo {
  /** The operation or method name as the request spelled it. */
  operation: string;
  /** An intrinsic operation (IMETHODCALL), or an extrinsic method call. */
  intrinsic: boolean;
  namespace: string;
  classname: string | undefined;
  /** The CIM status code of the answer: 0 on success. */
  status: number;
  /** Bytes of a streamed answer (a buffered one has its Content-Length). */
  bytes?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    cim: CimRequestInfo | null;
  }
}

/** A fault before any operation ran: HTTP status, CIMError header, a short text for people. */
class Fault extends Error {
  constructor(readonly status: number, readonly cimError: CIMErrorHeader | undefined, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export async function cimxmlRoute(app: FastifyInstance, options: CimRouteOptions): Promise<void> {
  const cache = new EncodeCache(options.limits.encodeCacheBytes ?? DEFAULT_ENCODE_CACHE_BYTES);
  options.metrics?.countEncodeCache(cache);
  const streamThreshold = options.limits.streamThresholdBytes ?? 64 * 1024;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.limits.bodyBytes }, (_req, body, done) => done(null, body));

  app.route({
    method: 'POST',
    url: '*',
    handler: async (request, reply) => {
      try {
        const decoded = await decode(request, options.decodeLimits, options.state.repository);
        const answer = await run(request, reply, decoded, options, cache);
        return await send(request, reply, answer, streamThreshold);
      } catch (e) {
        return answerFailure(reply, e);
      }
    },
  });
  const readable = options.readable ?? (() => false);
  const methodNotAllowed = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
    refuse(reply.header('Allow', readable(request.url.split('?')[0]!) ? 'GET, HEAD, POST' : 'POST'), 405, 'CIM-XML operations are sent with POST');
  // Every other method on every path, whether fastify routes it or not (TRACE, PROPFIND…).
  app.setNotFoundHandler(async (request, reply) => methodNotAllowed(request, reply));
  // fastify answers a Content-Type that is no media type ("2.0", "xml") with 415 before any
  // handler runs; judge it like any other Content-Type, in the same order of checks.
  app.setErrorHandler(async (error, request, reply) => {
    const { code } = error as { code?: string };
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return answerFailure(reply, new Fault(413, undefined, `the request body is larger than limits.bodyBytes (${options.limits.bodyBytes} bytes)`));
    }
    if (code !== 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw error;
    if (request.method !== 'POST') return methodNotAllowed(request, reply);
    try {
      await decode(request, options.decodeLimits, options.state.repository);
    } catch (e) {
      return answerFailure(reply, e);
    }
    throw error;
  });
}

/** Checks the CIM headers (DSP0200 §7.3, in OpenPegasus's order) and decodes the body. */
async function decode(request: FastifyRequest, limits: Partial<DecodeLimits> | undefined, classes: ClassRepository): Promise<CIMRequest> {
  if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) {
    throw new Fault(411, undefined, 'the request needs a Content-Length (or a chunked body)');
  }
  const headers = new CIMHeaders(request.headers);
  const operation = headers.get('CIMOperation');
  if (operation === undefined) throw new Fault(400, undefined, 'not a CIM operation request: the CIMOperation header is missing');
  if (operation.trim().toLowerCase() !== 'methodcall') {
    throw new Fault(400, 'unsupported-operation', `CIMOperation must be MethodCall, not ${operation}`);
  }
  if (headers.get('CIMBatch') !== undefined) throw new Fault(501, 'multiple-requests-unsupported', 'batched (multiple) requests are not supported');
  const method = decodedHeader(headers, 'CIMMethod');
  const object = decodedHeader(headers, 'CIMObject');
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !isXmlInUtf8(contentType)) {
    throw new Fault(400, 'request-not-valid', `Content-Type must be application/xml or text/xml in UTF-8, not ${contentType}`);
  }
  checkCodings(request);
  const headerVersion = headers.get('CIMProtocolVersion')?.trim();
  if (headerVersion !== undefined && !/^1(\.\d+)*$/.test(headerVersion)) {
    throw new Fault(501, 'unsupported-protocol-version', `CIMProtocolVersion ${headerVersion} is not supported; 1.x is`);
  }
  const decoded = await decodeBody(request.body, limits, method, object);
  if (headerVersion !== undefined && !sameVersion(headerVersion, decoded.protocolVersion)) {
    throw new Fault(400, 'header-mismatch', `CIMProtocolVersion ${headerVersion} differs from the message's ${decoded.protocolVersion}`);
  }
  checkAgainstBody(decoded, method, object, classes);
  return decoded;
}

const NO_CODINGS: readonly string[] = Object.freeze([]);
/** Content codings that change nothing: `identity`, and UTF-8, a charset hand-written scripts mislabel as a coding. */
const PLAIN_CONTENT = /^(?:identity|utf-?8|)$/;
/** Transfer codings read: those, and chunked framing. */
const PLAIN_TRANSFER = /^(?:identity|utf-?8|chunked|)$/;

/** The codings of a header's list, in lower case, without those `plain` says leave the body as it is. */
function codings(header: string | string[] | undefined, plain: RegExp): readonly string[] {
  if (header === undefined) return NO_CODINGS; // nearly every request: nothing made
  const list = Array.isArray(header) ? header.join(',') : header;
  return list.split(',').map((c) => c.trim().toLowerCase()).filter((c) => !plain.test(c));
}

/**
 * The body is read as it came, chunked framing aside: a compressed body
 * would be taken for the XML itself. RFC 9110 §15.5.16 and §12.5.3: an
 * unsupported content coding is 415 with Accept-Encoding; RFC 9112 §6.1: an
 * unknown transfer coding is 501 (Node's parser lets any pass before chunked).
 */
function checkCodings(request: FastifyRequest): void {
  const content = codings(request.headers['content-encoding'], PLAIN_CONTENT);
  if (content.length > 0) {
    throw new Fault(415, undefined, `Content-Encoding ${content.join(', ')} is not supported: send the body uncompressed`, { 'Accept-Encoding': 'identity' });
  }
  const transfer = codings(request.headers['transfer-encoding'], PLAIN_TRANSFER);
  if (transfer.length > 0) throw new Fault(501, undefined, `Transfer-Encoding ${transfer.join(', ')} is not supported; chunked is`);
}

/** Whether two protocol versions are one: 1.0, 1.0.0 and 1.00 are. */
function sameVersion(a: string, b: string): boolean {
  if (a === b) return true; // every request of most clients: no arrays made
  const parts = (version: string) => version.split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  return Array.from({ length: Math.max(x.length, y.length) }, (_, i) => (x[i] ?? 0) === (y[i] ?? 0)).every(Boolean);
}

/** application/xml or text/xml; a charset parameter, if any, must name UTF-8 (quoted or not, any case, `utf8` as the XML declaration may). */
function isXmlInUtf8(contentType: string): boolean {
  const [type = '', ...parameters] = contentType.split(';');
  return XML_MEDIA.test(type.trim()) && parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') return true;
    const charset = value.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    return charset === 'utf-8' || charset === 'utf8';
  });
}

/**
 * Decodes the body. Header checks come before parameter decoding (DSP0200
 * §7.3): a value error is answered as CIM_ERR_INVALID_PARAMETER only when
 * CIMMethod and CIMObject agree with the call. A MULTIREQ gets here only
 * without a CIMBatch header, which is a header mismatch too.
 */
async function decodeBody(body: unknown, limits: Partial<DecodeLimits> | undefined, method: string, object: string): Promise<CIMRequest> {
  try {
    return await decodeRequestYielding(Buffer.isBuffer(body) ? body : '', limits);
  } catch (e) {
    if (e instanceof ProtocolError && e.cimError === 'multiple-requests-unsupported') {
      throw new Fault(400, 'header-mismatch', 'a MULTIREQ body needs the CIMBatch header (and batched requests are not supported)');
    }
    if (e instanceof InvalidParameterError) {
      if (method.toLowerCase() !== e.methodName.toLowerCase()) throw new Fault(400, 'header-mismatch', `CIMMethod ${method} differs from the body's ${e.methodName}`);
      if (e.namespace !== undefined && !sameNamespace(object, e.namespace)) throw new Fault(400, 'header-mismatch', `CIMObject ${object} does not name the body's namespace`);
    }
    throw e;
  }
}

function decodedHeader(headers: CIMHeaders, name: string): string {
  const raw = headers.get(name);
  if (raw === undefined || raw.trim() === '') throw new Fault(400, 'header-mismatch', `the ${name} header is missing`);
  const value = decodeHeaderValue(raw.trim());
  if (value === undefined) throw new Fault(400, 'header-mismatch', `the ${name} header is not a valid percent-encoded UTF-8 value`);
  return value;
}

function checkAgainstBody(decoded: CIMRequest, method: string, object: string, classes: ClassRepository): void {
  const { call } = decoded;
  if (method.toLowerCase() !== call.name.toLowerCase()) {
    throw new Fault(400, 'header-mismatch', `CIMMethod ${method} differs from the body's ${call.name}`);
  }
  const same = call.kind === 'imethodcall' ? sameNamespace(object, call.namespace) : sameMethodTarget(object, call.namespace, call.target, classes);
  if (!same) throw new Fault(400, 'header-mismatch', `CIMObject ${object} does not name the body's target`);
}

function sameMethodTarget(object: string, namespace: string, target: CIMInstanceName | CIMClassName, classes: ClassRepository): boolean {
  if (!(target instanceof CIMInstanceName)) return sameTarget(object, namespace, { classname: target.classname });
  const named = keysNamedIfKnown(classes, namespace, target);
  return hasUnnamedKey(named) ? sameTargetClass(object, namespace, named.classname) : sameTarget(object, namespace, named);
}

/** The pieces of an answer, and how to answer instead when writing them fails. */
interface Answer {
  pieces: Iterable<Piece>;
  /**
   * The byte lengths of the pieces, when they can be measured without
   * keeping them (see intrinsicResponseLengths); asked for only when the
   * answer grows large, so that small answers make nothing for it.
   */
  lengths?: () => Iterable<number> | undefined;
  failed(e: unknown): string;
}

/** Runs the call; a CIM error becomes an ERROR element, never an HTTP error. */
async function run(request: FastifyRequest, reply: FastifyReply, decoded: CIMRequest, options: CimRouteOptions, cache: EncodeCache): Promise<Answer> {
  const { call, messageId } = decoded;
  const failed = (e: unknown) => {
    const error = asCIMError(e, request);
    if (request.cim) request.cim.status = error.code;
    return errorResponse(messageId, call.name, call.kind === 'imethodcall', error.code, error.message);
  };
  const ctx = new RequestContext(request, reply, options);
  const info: CimRequestInfo = { operation: call.name, intrinsic: call.kind === 'imethodcall', namespace: call.namespace, classname: targetClass(decoded), status: 0 };
  request.cim = info;
  try {
    authorize(ctx, call);
    if (call.kind === 'imethodcall') {
      const result = await dispatch(ctx, { name: call.name, namespace: call.namespace, params: call.params.list });
      return {
        pieces: intrinsicResponse(messageId, call.name, result, ctx.host, cache),
        lengths: () => intrinsicResponseLengths(messageId, call.name, result, ctx.host, cache),
        failed,
      };
    }
    const target = call.target instanceof CIMInstanceName ? call.target : { classname: call.target.classname };
    const response = await invokeMethod(ctx, { name: call.name, namespace: call.namespace, target, params: call.params.list });
    return { pieces: [methodResponse(messageId, call.name, response)], failed };
  } catch (e) {
    return { pieces: [failed(e)], failed };
  }
}

/** The rights of the request's principal: an admin writes, a readonly user reads, an anonymous caller reads unless `anonymousWrite`. */
function callerOf(request: FastifyRequest, anonymousWrite: boolean): Caller {
  const principal = principalOf(request);
  if (!principal) return { user: undefined, may: anonymousWrite ? 'write' : 'read', address: request.ip };
  return { user: principal.user, may: principal.role === 'admin' ? 'write' : 'read', address: request.ip };
}

/** The class an operation is about, for the log: its ClassName, instance or object name, or method target. */
function targetClass(decoded: CIMRequest): string | undefined {
  const { call } = decoded;
  if (call.kind === 'methodcall') return call.target.classname;
  for (const name of ['ClassName', 'InstanceName', 'ObjectName', 'ModifiedInstance', 'NewInstance']) {
    const value = call.params.byName.get(name)?.value;
    if (!value) continue;
    if (value.kind === 'classname') return value.name;
    if (value.kind === 'instancename' || value.kind === 'namedinstance') return value.path.classname;
    if (value.kind === 'instance') return value.instance.classname;
  }
  return undefined;
}

/**
 * What an operation sees of its request. A class, not an object literal: a
 * literal's getter is a new closure each time, so each literal gets a map of
 * its own, listed among the transitions of the map it came from; scavenges
 * count those as references, so until a full collection every answered
 * request stayed alive, and was promoted (bench/README.md, twelfth round).
 */
class RequestContext implements OperationContext {
  readonly repository: OperationContext['repository'];
  readonly index: OperationContext['index'];
  readonly host: string;
  readonly limits: OperationContext['limits'];
  readonly router: OperationContext['router'];
  readonly subscriptions: OperationContext['subscriptions'];
  readonly pulls: PullSessions;
  readonly caller: Caller;
  readonly #reply: FastifyReply;
  readonly #deadline: number;
  #signal: AbortSignal | undefined;

  constructor(request: FastifyRequest, reply: FastifyReply, options: CimRouteOptions) {
    const { state, limits } = options;
    this.repository = state.repository;
    this.index = state.index;
    this.host = request.headers.host ?? hostname();
    this.limits = limits;
    this.router = options.router;
    this.subscriptions = options.subscriptions;
    this.pulls = options.pulls;
    this.caller = callerOf(request, options.anonymousWrite ?? false);
    this.#reply = reply;
    this.#deadline = Date.now() + limits.requestTimeoutMs;
  }

  /** Most operations only read the published index and never wait: the timer and the listener are made for those that call a provider. */
  get signal(): AbortSignal {
    this.#signal ??= requestSignal(this.#reply, this.#deadline);
    return this.#signal;
  }
}

/**
 * Aborts at the request's deadline, or when the client goes away first. The
 * deadline is a timer of its own, not AbortSignal.timeout: AbortSignal.any
 * holds its sources only weakly, so a garbage collection while the operation
 * waited cancelled that timer (nodejs/node#57736, Node 20), and an operation
 * whose provider did not answer kept its slot until the provider's own timeout.
 */
function requestSignal(reply: FastifyReply, deadline: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('the operation timed out', 'TimeoutError')),
    Math.max(0, deadline - Date.now()));
  timer.unref();
  const leave = () => {
    clearTimeout(timer);
    if (!reply.raw.writableFinished) controller.abort(new Error('the client went away'));
  };
  if (reply.raw.destroyed) leave();
  else reply.raw.once('close', leave);
  return controller.signal;
}

/** Any failure of an operation that is not a CIMError is CIM_ERR_FAILED, logged with its stack. */
function asCIMError(e: unknown, request: FastifyRequest): CIMError {
  if (e instanceof CIMError) return e;
  request.log.error({ err: e }, 'operation failed');
  const reason = (e as { name?: string })?.name === 'TimeoutError' ? 'the operation timed out' : 'internal error';
  return new CIMError(CIMStatus.FAILED, reason);
}

/** Bytes of an answer encoded (or written) between two turns of the event loop. */
const YIELD_BYTES = 256 * 1024;
/** Bytes of a sized answer written at once. */
const BATCH_BYTES = 64 * 1024;

/**
 * Sends the pieces. A small answer is gathered and sent whole with its
 * Content-Length. A large one streams chunked with a CIMStatusCode trailer
 * (DSP0200 §7.4.20) when the client sent `TE: trailers`. Else it is gathered
 * whole (the status is then committed only when the whole answer is known),
 * unless more than the threshold of it is text encoded afresh (past the
 * encode cache's budget) and its length can be measured first (instances
 * and paths, see intrinsicResponseLengths): it is then streamed with that
 * Content-Length, a piece at a time as the client reads. Either way the
 * answer is built a piece at a time, giving the event loop a turn every
 * YIELD_BYTES: a large answer must not hold every other client (and
 * /healthz) until it is whole.
 */
async function send(request: FastifyRequest, reply: FastifyReply, answer: Answer, threshold: number): Promise<void | string> {
  reply.header('Content-Type', XML_CONTENT_TYPE).header('CIMOperation', 'MethodResponse');
  const iterator = answer.pieces[Symbol.iterator]();
  const head = new AnswerBytes();
  const streaming = acceptsTrailers(request);
  let sinceYield = 0;
  let lengthsOf = answer.lengths;
  try {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      head.add(next.value);
      if (streaming && head.size > threshold) return stream(reply, head.chunks(), iterator);
      // The cache's bytes (instances) are gathered by reference; text (fresh, or a path's cached text) is copied in.
      if (lengthsOf && head.copied > threshold) {
        const lengths = lengthsOf();
        lengthsOf = undefined; // asked once: undefined for results other than instances and paths
        if (lengths) {
          const length = await measure(lengths, reply);
          if (length !== undefined) return sendSized(reply, head.chunks(), iterator, length);
          reply.hijack(); // the client went away
          return;
        }
      }
      sinceYield += next.value.length;
      if (sinceYield < YIELD_BYTES) continue;
      sinceYield = 0;
      await setImmediate();
      if (reply.raw.destroyed) {
        reply.hijack(); // the client went away: nothing to send, nothing more to encode
        return;
      }
    }
  } catch (e) {
    return answer.failed(e);
  }
  write(reply, head.chunks(), head.size);
}

/** The sum of `lengths`, taking turns with the event loop; undefined if the client goes away meanwhile. */
async function measure(lengths: Iterable<number>, reply: FastifyReply): Promise<number | undefined> {
  let total = 0;
  let sinceYield = 0;
  for (const length of lengths) {
    total += length;
    sinceYield += length;
    if (sinceYield < YIELD_BYTES) continue;
    sinceYield = 0;
    await setImmediate();
    if (reply.raw.destroyed) return undefined;
  }
  return total;
}

/**
 * Streams a large answer of known length with its Content-Length: what the
 * client sees is what a buffered answer would be, but the server holds a
 * piece at a time instead of the whole, waiting for the client to read.
 * Its pieces come from the published index and cannot fail with a CIM
 * error once begun; should encoding throw nonetheless, or the bytes differ
 * from the length announced, the connection is cut so that the client
 * cannot take a short or wrong document for a whole one.
 */
async function sendSized(reply: FastifyReply, head: readonly Buffer[], rest: Iterator<Piece>, length: number): Promise<void> {
  reply.header('Content-Length', length).hijack();
  const res = reply.raw;
  res.writeHead(reply.statusCode, reply.getHeaders() as OutgoingHttpHeaders);
  let bytes = 0;
  let sinceYield = 0;
  const write = (piece: Piece): void => {
    const size = Buffer.byteLength(piece);
    if (bytes + size > length) throw new Error(`the answer is longer than the ${length} bytes announced`);
    res.write(piece);
    bytes += size;
    sinceYield += size;
  };
  try {
    // Pieces go out a batch at a time (one writev): a system call per piece cost half the throughput.
    res.cork();
    for (const chunk of head) write(chunk);
    let flushed = 0;
    for (let next = rest.next(); !next.done && !res.destroyed; next = rest.next()) {
      write(next.value);
      if (bytes - flushed < BATCH_BYTES) continue;
      res.uncork();
      flushed = bytes;
      sinceYield = await takeTurn(res, sinceYield);
      res.cork();
    }
    res.uncork();
    if (res.destroyed) return;
    if (bytes !== length) throw new Error(`the answer came to ${bytes} bytes, not the ${length} announced`);
  } catch (e) {
    reply.request.log.error({ err: e }, 'a streamed answer failed after its first byte: connection cut');
    res.destroy(e as Error);
    return;
  }
  res.end();
}

/** Writes the whole answer in one writev, taking the reply over from fastify so that the chunks are not joined again. */
function write(reply: FastifyReply, chunks: readonly Buffer[], size: number): void {
  reply.header('Content-Length', size).hijack();
  const res = reply.raw;
  res.writeHead(reply.statusCode, reply.getHeaders() as OutgoingHttpHeaders);
  res.cork();
  for (const chunk of chunks) res.write(chunk);
  res.end();
}

/**
 * Whether the answer may stream chunked with trailers: the client asked for
 * trailers (`TE: trailers`) over HTTP/1.1 or later. An HTTP/1.0 client cannot
 * read chunked framing, whatever its headers say (RFC 9112 §6.1: no
 * Transfer-Encoding in the answer to an HTTP/1.0 request).
 */
function acceptsTrailers(request: FastifyRequest): boolean {
  const { httpVersionMajor: major, httpVersionMinor: minor } = request.raw;
  if (major < 1 || (major === 1 && minor < 1)) return false;
  const te = request.headers.te;
  return /(^|[\s,])trailers([\s,;]|$)/i.test(Array.isArray(te) ? te.join(',') : (te ?? ''));
}

/** Until `res` drains or closes; the listeners waiting for the other go too (a long answer waits many times). */
async function drainedOrClosed(res: EventEmitter): Promise<void> {
  const done = new AbortController();
  try {
    await Promise.race([once(res, 'drain', { signal: done.signal }), once(res, 'close', { signal: done.signal })]);
  } finally {
    done.abort();
  }
}

/**
 * Between writes of a long answer: waits while the client's buffer is full,
 * else gives the event loop a turn every YIELD_BYTES (a client that reads
 * fast never makes us wait for drain). Returns the bytes since the last turn.
 */
async function takeTurn(res: ServerResponse, sinceYield: number): Promise<number> {
  if (res.writableNeedDrain) {
    await drainedOrClosed(res);
    return 0;
  }
  if (sinceYield < YIELD_BYTES) return sinceYield;
  await setImmediate();
  return 0;
}

/**
 * Streams the rest of a large answer chunked, then the status as trailers.
 * The reply is taken over from fastify: the Trailer header must list the
 * field names comma-separated, in their case (RFC 9110 §6.6.2).
 */
async function stream(reply: FastifyReply, head: Piece[], rest: Iterator<Piece>): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'Content-Type': XML_CONTENT_TYPE,
    CIMOperation: 'MethodResponse',
    'Transfer-Encoding': 'chunked',
    Trailer: 'CIMStatusCode, CIMStatusCodeDescription',
  });
  let status = { code: 0, description: '' };
  let batch: Piece[] = head;
  let size = 0;
  let bytes = 0;
  let sinceYield = 0;
  const flush = async (): Promise<void> => {
    for (const piece of batch) {
      res.write(piece);
      bytes += Buffer.byteLength(piece);
    }
    sinceYield += size;
    batch = [];
    size = 0;
    sinceYield = await takeTurn(res, sinceYield);
  };
  try {
    await flush();
    for (let next = rest.next(); !next.done && !res.destroyed; next = rest.next()) {
      batch.push(next.value);
      size += next.value.length;
      if (size >= 16 * 1024) await flush();
    }
  } catch (e) {
    // The document is cut short; the trailer tells the client to discard it.
    status = { code: CIMStatus.FAILED, description: (e as Error).message };
  }
  if (res.destroyed) return;
  await flush();
  if (reply.request.cim) Object.assign(reply.request.cim, { bytes, status: status.code });
  res.addTrailers({ CIMStatusCode: String(status.code), ...(status.code ? { CIMStatusCodeDescription: fieldText(status.description) } : {}) });
  res.end();
}

function answerFailure(reply: FastifyReply, e: unknown): FastifyReply | string {
  if (e instanceof InvalidParameterError) {
    reply.request.cim = { operation: e.methodName, intrinsic: e.intrinsic, namespace: '', classname: undefined, status: e.code };
    reply.header('Content-Type', XML_CONTENT_TYPE).header('CIMOperation', 'MethodResponse');
    return errorResponse(e.messageId, e.methodName, e.intrinsic, e.code, e.message);
  }
  const fault = e instanceof ProtocolError ? new Fault(e.httpStatus, e.cimError, e.message) : e;
  if (!(fault instanceof Fault)) throw e;
  reply.code(fault.status).type('text/plain; charset=utf-8').headers(fault.headers);
  if (fault.cimError) reply.header('CIMError', fault.cimError);
  reply.header('PGErrorDetail', errorDetail(fault.message));
  return `${fault.message}\n`;
}
