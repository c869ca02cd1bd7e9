/** Decoding a request (SIMPLEREQ) for the server. */
import type { CIMType } from '../../cim/index.js';
import { InvalidParameterError } from '../errors.js';
import type { DecodeLimits } from '../limits.js';
import type { CIMCorrelator, CIMIMethodCall, CIMMethodCall, CIMRequest } from '../types.js';
import { Children, ValueError, nameAttr, names, typeAttr } from '../xml/node.js';
import type { XmlNode } from '../xml/node.js';
import { decodeMessage, decodeMessageYielding, type DecodedMessage } from './envelope.js';
import type { DecodeContext } from './objects.js';
import { collectParams, decodeIParamValue, decodeParamValue } from './params.js';
import { decodeLocalClassPath, decodeLocalInstancePath, decodeLocalNamespacePath } from './paths.js';
import { typedValue } from './values.js';

const CORRELATOR = names('CORRELATOR');
const CALL = names('IMETHODCALL', 'METHODCALL');
const LOCALNAMESPACEPATH = names('LOCALNAMESPACEPATH');
const TARGET = names('LOCALCLASSPATH', 'LOCALINSTANCEPATH');
const IPARAMVALUE = names('IPARAMVALUE');
const PARAMVALUE = names('PARAMVALUE');
const VALUE = names('VALUE');

/**
 * Decodes a CIM-XML request body. Throws ProtocolError for what makes it no
 * CIM request (answered with an HTTP error and the CIMError header), and
 * InvalidParameterError for a value that is not of its type once the call is
 * known (answered as a CIM error of that call).
 */
export function decodeRequest(body: string | Uint8Array, limits?: Partial<DecodeLimits>): CIMRequest {
  return requestOf(decodeMessage(body, limits, 'SIMPLEREQ'));
}

/** decodeRequest yielding to the event loop while it parses a large body (a server's way). */
export async function decodeRequestYielding(body: string | Uint8Array, limits?: Partial<DecodeLimits>): Promise<CIMRequest> {
  return requestOf(await decodeMessageYielding(body, limits, 'SIMPLEREQ'));
}

function requestOf({ ctx, envelope }: DecodedMessage): CIMRequest {
  const children = new Children(envelope.body);
  const correlatorNodes = children.many(CORRELATOR);
  const callNode = children.required(CALL);
  children.end();
  const name = nameAttr(callNode);
  const intrinsic = callNode.name === 'IMETHODCALL';
  try {
    return {
      messageId: envelope.messageId,
      protocolVersion: envelope.protocolVersion,
      cimVersion: envelope.cimVersion,
      dtdVersion: envelope.dtdVersion,
      correlators: correlatorNodes.map(decodeCorrelator),
      call: intrinsic ? decodeIMethodCall(callNode, name, ctx) : decodeMethodCall(callNode, name, ctx),
    };
  } catch (err) {
    if (!(err instanceof ValueError)) throw err;
    const namespace = intrinsic ? namespaceOf(callNode) : undefined;
    throw new InvalidParameterError(envelope.messageId, name, intrinsic, err.message, { cause: err, namespace });
  }
}

/** The namespace of an IMETHODCALL whose parameters failed, if its path itself decodes. */
function namespaceOf(node: XmlNode): string | undefined {
  try {
    return decodeLocalNamespacePath(new Children(node).required(LOCALNAMESPACEPATH));
  } catch {
    return undefined;
  }
}

/** CORRELATOR: NAME, TYPE; VALUE. */
function decodeCorrelator(node: XmlNode): CIMCorrelator {
  const type: CIMType = typeAttr(node);
  const children = new Children(node);
  const value = typedValue(children.required(VALUE), type);
  children.end();
  return { name: nameAttr(node), type, value };
}

/** IMETHODCALL: LOCALNAMESPACEPATH, IPARAMVALUE*. */
function decodeIMethodCall(node: XmlNode, name: string, ctx: DecodeContext): CIMIMethodCall {
  const children = new Children(node);
  const namespace = decodeLocalNamespacePath(children.required(LOCALNAMESPACEPATH));
  const params = children.many(IPARAMVALUE).map((param) => decodeIParamValue(param, ctx));
  children.end();
  return { kind: 'imethodcall', name, namespace, params: collectParams(params) };
}

/** METHODCALL: (LOCALCLASSPATH | LOCALINSTANCEPATH), PARAMVALUE*. */
function decodeMethodCall(node: XmlNode, name: string, ctx: DecodeContext): CIMMethodCall {
  const children = new Children(node);
  const targetNode = children.required(TARGET);
  const target = targetNode.name === 'LOCALCLASSPATH' ? decodeLocalClassPath(targetNode) : decodeLocalInstancePath(targetNode);
  const params = children.many(PARAMVALUE).map((param) => decodeParamValue(param, ctx));
  children.end();
  return { kind: 'methodcall', name, target, namespace: target.namespace!, params: collectParams(params) };
}
