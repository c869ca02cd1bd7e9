/**
 * Delivery to one listener destination (DSP0200 §7, DSP1054 §7.7): each
 * indication is POSTed as a CIM-XML ExportIndication with a Content-Length,
 * in order, numbered for reliable delivery (SequenceContext and
 * SequenceNumber, unchanged on retries), retried DeliveryRetryAttempts times
 * DeliveryRetryInterval apart. Each destination is its own event-bus
 * consumer, so it has its own bounded queue: a dead or slow listener only
 * fills and drops its own.
 *
 * HTTP 200 with an EXPMETHODRESPONSE without ERROR is a delivery, and so is
 * HTTP 200 with Content-Length: 0, exactly what sblim-sfcc's listener answers
 * (an unconfirmed delivery: a wrong port may answer the same, so the service
 * says so). Any other 200 without an EXPMETHODRESPONSE is a failure.
 * Only a failure that may pass is retried: no answer, HTTP 5xx, 408 or 429,
 * and the CIM errors that say "not now" (CIM_ERR_FAILED, which a listener
 * answers when its own consumer failed, and which OpenPegasus retries like
 * any failure; SERVER_LIMITS_EXCEEDED; SERVER_IS_SHUTTING_DOWN). Any other
 * answer (ACCESS_DENIED, INVALID_PARAMETER, NOT_SUPPORTED, HTTP 400, 401,
 * 403, 404, 413, a redirect…) means the listener received the indication
 * and refused it: sent again it would be refused again (DeliveryRefusedError).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { CIMInstance, CIMStatus, NocaseMap, cimProperty, type CIMProperty } from '../cim/index.js';
import { decodeExportResponse, EncodeError, encodeExportIndication, EXPORT_INDICATION } from '../cimxml/index.js';
import { Transport, type HttpReply, type TLSSettings } from '../client/transport.js';

export interface DeliverySettings {
  /** Retries after the first attempt (DeliveryRetryAttempts). */
  readonly retryAttempts: number;
  /** Milliseconds between attempts (DeliveryRetryInterval). */
  readonly retryIntervalMs: number;
  /** Milliseconds one attempt may take, connection to answer. */
  readonly timeoutMs: number;
  readonly tls: TLSSettings;
}

/** Largest answer read from a listener: an EXPMETHODRESPONSE is small. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** An indication not delivered: no answer, or an answer that asks to try later. */
export class DeliveryError extends Error {
  override readonly name: string = 'DeliveryError';
  readonly code: string = 'THINCIM_INDICATION_UNDELIVERED';
}

/** An indication the listener received and refused: not retried. */
export class DeliveryRefusedError extends DeliveryError {
  override readonly name = 'DeliveryRefusedError';
  override readonly code = 'THINCIM_INDICATION_REFUSED';
}

/**
 * An indication thincim cannot write as CIM-XML (text XML 1.0 cannot carry): thincim's own fault, not the
 * listener's, so it is never sent, not retried, and no OnFatalErrorPolicy applies.
 */
export class IndicationEncodeError extends DeliveryError {
  override readonly name = 'IndicationEncodeError';
  override readonly code = 'THINCIM_INDICATION_UNENCODABLE';
}

/** How a listener took an indication: with an EXPMETHODRESPONSE, or with sblim-sfcc's bare HTTP 200. */
export type Delivered = 'confirmed' | 'unconfirmed';

/** CIM errors that may pass: worth the next attempt. */
const TRANSIENT_CIM_ERRORS: ReadonlySet<number> = new Set([CIMStatus.FAILED, CIMStatus.SERVER_LIMITS_EXCEEDED, CIMStatus.SERVER_IS_SHUTTING_DOWN]);

/** HTTP statuses that may pass: the listener's server failing or busy, a request timeout. */
const transientHttp = (status: number): boolean => status >= 500 || status === 408 || status === 429;

export class Exporter {
  readonly url: URL;
  readonly #transport: Transport;
  readonly #settings: DeliverySettings;
  readonly #signal: AbortSignal;
  readonly #sequenceContext: string;
  #sequence = 0n;
  #messageId = 0;

  constructor(url: URL, sequenceContext: string, settings: DeliverySettings, signal: AbortSignal) {
    this.url = url;
    this.#settings = settings;
    this.#signal = signal;
    this.#sequenceContext = sequenceContext;
    this.#transport = new Transport(url, { timeoutMs: settings.timeoutMs, maxResponseBytes: MAX_ANSWER_BYTES, tls: settings.tls });
  }

  /**
   * Sends one indication with the next sequence number, retrying as
   * configured; rejects with the last failure once every attempt failed.
   */
  async send(indication: CIMInstance, filterName: string): Promise<Delivered> {
    const numbered = withDeliveryProperties(indication, filterName, this.#sequenceContext, this.#sequence++);
    let last: unknown;
    for (let attempt = 0; attempt <= this.#settings.retryAttempts; attempt++) {
      if (attempt > 0) await sleep(this.#settings.retryIntervalMs, this.#signal);
      if (this.#signal.aborted) throw new DeliveryError('the indication service stopped');
      try {
        return await this.#post(numbered);
      } catch (err) {
        if (err instanceof DeliveryRefusedError || err instanceof IndicationEncodeError) throw err;
        last = err;
      }
    }
    throw last;
  }

  /**
   * Numbers `count` indications that will never be sent (dropped from a full queue), so that the listener sees
   * the gap: DSP1054's SequenceNumber is there to "detect lost indications".
   */
  skip(count: number): void {
    this.#sequence += BigInt(count);
  }

  close(): void {
    this.#transport.close();
  }

  async #post(indication: CIMInstance): Promise<Delivered> {
    const id = String(++this.#messageId);
    let body: string;
    try {
      body = encodeExportIndication(id, indication);
    } catch (err) {
      if (err instanceof EncodeError) throw new IndicationEncodeError(`${indication.classname} cannot be written as CIM-XML: ${err.message}`, { cause: err });
      throw err;
    }
    const reply = await this.#transport.post(`${this.url.pathname}${this.url.search}`, {
      'Content-Type': 'application/xml; charset="utf-8"',
      CIMExport: 'MethodRequest',
      CIMExportMethod: EXPORT_INDICATION,
      CIMProtocolVersion: '1.0',
    }, body);
    if (reply.status !== 200) {
      const text = `HTTP ${reply.status} ${reply.reason}${detailOf(reply.headers, this.url)}`;
      throw transientHttp(reply.status) ? new DeliveryError(text) : new DeliveryRefusedError(text);
    }
    // sblim-sfcc's listener answers a bare 200 with Content-Length: 0 once it has the indication, and sfcb's own
    // sender takes any 200 as delivered: sending it again would only hand it over twice.
    if (isSfccAnswer(reply)) return 'unconfirmed';
    if (reply.body.length === 0) throw new DeliveryError('HTTP 200 without an EXPMETHODRESPONSE (an empty body that no Content-Length: 0 announced)');
    const { error } = decodeExportResponse(reply.body);
    if (error) {
      const text = `the listener answered ${error.toString()}`;
      throw TRANSIENT_CIM_ERRORS.has(error.code) ? new DeliveryError(text) : new DeliveryRefusedError(text);
    }
    return 'confirmed';
  }
}

/**
 * What an error answer's headers add: the listener's CIMError, or where a redirect points. A redirect is not
 * followed: indications.allowedNetworks judged the Destination's address, never the one a redirect names.
 */
function detailOf(headers: IncomingHttpHeaders, destination: URL): string {
  if (headers['cimerror']) return ` (CIMError: ${String(headers['cimerror'])})`;
  if (headers.location) return ` (${redirectTarget(headers.location, destination)}; redirects are not followed)`;
  return '';
}

/** Longest Location a refusal's message repeats: a header may be kilobytes long. */
const MAX_LOCATION_CHARS = 200;

/**
 * Where a redirect points, fit for a log line: resolved against the destination, without userinfo, path
 * parameters, query or fragment (credentials and tokens travel there), cut to MAX_LOCATION_CHARS; of a URL that
 * is not HTTP (data:, which is all payload), only the scheme.
 */
function redirectTarget(location: string, destination: URL): string {
  let url: URL;
  try {
    url = new URL(location, destination);
  } catch {
    return 'a Location that is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `a Location of scheme ${url.protocol}`;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/;[^/]*/g, ''); // path parameters (;jsessionid=…) carry tokens too
  const href = url.href;
  return `Location: ${href.length <= MAX_LOCATION_CHARS ? href : `${href.slice(0, MAX_LOCATION_CHARS - 1)}…`}`;
}

/**
 * sblim-sfcc's answer, and only it: Content-Length: 0 and no transfer coding. A whitespace body or an empty chunked
 * one is not what that listener sends, so it fails as any answer without an EXPMETHODRESPONSE does.
 */
const isSfccAnswer = (reply: HttpReply): boolean =>
  reply.headers['content-length'] === '0' && reply.headers['transfer-encoding'] === undefined && reply.body.length === 0;

/** The indication as sent to one destination: the filter's name and the destination's sequence. */
function withDeliveryProperties(indication: CIMInstance, filterName: string, context: string, sequence: bigint): CIMInstance {
  const properties = new NocaseMap<CIMProperty>(indication.properties);
  properties.set('IndicationFilterName', cimProperty('IndicationFilterName', 'string', filterName));
  properties.set('SequenceContext', cimProperty('SequenceContext', 'string', context));
  properties.set('SequenceNumber', cimProperty('SequenceNumber', 'sint64', sequence));
  return new CIMInstance({ classname: indication.classname, properties });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
