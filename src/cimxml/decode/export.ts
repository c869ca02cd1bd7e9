/**
 * Decoding export messages (DSP0201 §5.3.3, §5.3.6): the EXPMETHODCALL a
 * listener receives and the EXPMETHODRESPONSE its sender reads back.
 */
import type { CIMError, CIMInstance } from '../../cim/index.js';
import { InvalidParameterError } from '../errors.js';
import type { DecodeLimits } from '../limits.js';
import { Children, ValueError, nameAttr, names } from '../xml/node.js';
import { decodeMessage } from './envelope.js';
import { decodeInstance } from './objects.js';
import { decodeError } from './response.js';

const CORRELATOR = names('CORRELATOR');
const EXPMETHODCALL = names('EXPMETHODCALL');
const EXPPARAMVALUE = names('EXPPARAMVALUE');
const EXPMETHODRESPONSE = names('EXPMETHODRESPONSE');
const INSTANCE = names('INSTANCE');
const ERROR = names('ERROR');
const IRETURNVALUE = names('IRETURNVALUE');

export interface CIMExportRequest {
  readonly messageId: string;
  /** EXPMETHODCALL/@NAME, e.g. ExportIndication. */
  readonly name: string;
  /** Each EXPPARAMVALUE by name as sent: its INSTANCE, or null when it has none. */
  readonly params: ReadonlyMap<string, CIMInstance | null>;
}

export interface CIMExportResponse {
  readonly messageId: string;
  readonly name: string;
  readonly error?: CIMError;
}

/**
 * Decodes a SIMPLEEXPREQ. A body that is no export request is a
 * ProtocolError; an instance whose values do not fit their types is an
 * InvalidParameterError of the export method.
 */
export function decodeExportRequest(body: string | Uint8Array, limits?: Partial<DecodeLimits>): CIMExportRequest {
  const { ctx, envelope } = decodeMessage(body, limits, 'SIMPLEEXPREQ');
  const children = new Children(envelope.body);
  children.many(CORRELATOR);
  const call = children.required(EXPMETHODCALL);
  children.end();
  const name = nameAttr(call);
  const params = new Map<string, CIMInstance | null>();
  try {
    const parts = new Children(call);
    for (const param of parts.many(EXPPARAMVALUE)) {
      const inner = new Children(param);
      const instance = inner.optional(INSTANCE);
      inner.end();
      const paramName = nameAttr(param);
      if (!params.has(paramName)) params.set(paramName, instance ? decodeInstance(instance, ctx) : null);
    }
    parts.end();
  } catch (err) {
    if (!(err instanceof ValueError)) throw err;
    throw new InvalidParameterError(envelope.messageId, name, false, err.message, { cause: err });
  }
  return { messageId: envelope.messageId, name, params };
}

/** Decodes a SIMPLEEXPRSP: success, or the ERROR the listener answered. */
export function decodeExportResponse(body: string | Uint8Array, limits?: Partial<DecodeLimits>): CIMExportResponse {
  const { ctx, envelope } = decodeMessage(body, limits, 'SIMPLEEXPRSP');
  const children = new Children(envelope.body);
  const node = children.required(EXPMETHODRESPONSE);
  children.end();
  const parts = new Children(node);
  const errorNode = parts.optional(ERROR);
  if (!errorNode) parts.optional(IRETURNVALUE);
  parts.end();
  const base = { messageId: envelope.messageId, name: nameAttr(node) };
  return errorNode ? { ...base, error: decodeError(errorNode, ctx).error } : base;
}
