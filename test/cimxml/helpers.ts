import { CIMClass, CIMClassName, CIMDateTime, CIMInstance, CIMInstanceName, NocaseMap } from '../../src/cim/index.js';
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

/**
 * A structural copy for deep comparison: tap cannot see the private fields
 * that hold NocaseMap entries, so maps become [name, value] lists, classes
 * plain records, and numbers, bigints and datetimes tagged strings (NaN and
 * the number/bigint distinction compare exactly).
 */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return `number:${Object.is(value, -0) ? '-0' : String(value)}`;
  if (typeof value === 'bigint') return `bigint:${value}`;
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Set) return [...value].map(plain).sort();
  if (value instanceof CIMDateTime) return `datetime:${value.value}`;
  if (value instanceof NocaseMap) return [...value].map(([name, item]) => [name, plain(item)]);
  if (value instanceof CIMInstanceName) {
    return { instancename: value.classname, namespace: value.namespace, host: value.host, keys: plain(value.keybindings) };
  }
  if (value instanceof CIMClassName) return { classname: value.classname, namespace: value.namespace, host: value.host };
  if (value instanceof CIMInstance) {
    return { instance: value.classname, path: plain(value.path), properties: plain(value.properties), qualifiers: plain(value.qualifiers) };
  }
  if (value instanceof CIMClass) {
    return {
      class: value.classname, superclass: value.superclass, properties: plain(value.properties),
      methods: plain(value.methods), qualifiers: plain(value.qualifiers),
    };
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
  }
  throw new Error(`cannot compare ${typeof value}`);
}
