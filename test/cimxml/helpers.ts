import { InvalidParameterError, ProtocolError } from '../../src/cimxml/index.js';

export const NS = '<LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>';

export interface EnvelopeOptions {
  id?: string;
  cimVersion?: string;
  dtdVersion?: string;
  protocolVersion?: string;
}

/** A request body around `inner` (the content of SIMPLEREQ). */
export function requestBody(inner: string, options: EnvelopeOptions = {}): string {
  const { id = '42', cimVersion = '2.0', dtdVersion = '2.0', protocolVersion = '1.0' } = options;
  return `<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="${cimVersion}" DTDVERSION="${dtdVersion}">` +
    `<MESSAGE ID="${id}" PROTOCOLVERSION="${protocolVersion}"><SIMPLEREQ>${inner}</SIMPLEREQ></MESSAGE></CIM>`;
}

/** An IMETHODCALL request with the given IPARAMVALUE content. */
export function imethodCall(name: string, params: string, options?: EnvelopeOptions): string {
  return requestBody(`<IMETHODCALL NAME="${name}">${NS}${params}</IMETHODCALL>`, options);
}

/** A response body around `inner` (the content of SIMPLERSP). */
export function responseBody(inner: string, id = '42'): string {
  return `<?xml version="1.0" encoding="utf-8" ?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="${id}" PROTOCOLVERSION="1.0"><SIMPLERSP>${inner}</SIMPLERSP></MESSAGE></CIM>`;
}

/** The ProtocolError `fn` throws (fails the test when it throws something else or nothing). */
export function protocolError(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProtocolError) return err;
    throw err;
  }
  throw new Error('expected a ProtocolError');
}

export function invalidParameter(fn: () => unknown): InvalidParameterError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidParameterError) return err;
    throw err;
  }
  throw new Error('expected an InvalidParameterError');
}
