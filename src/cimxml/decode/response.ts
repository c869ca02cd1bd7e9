/** Decoding a response (SIMPLERSP) for the client. */
import { CIMClassName, CIMError } from '../../cim/index.js';
import type { CIMInstance, CIMStatusCode } from '../../cim/index.js';
import { ProtocolError } from '../errors.js';
import type { DecodeLimits } from '../limits.js';
import type { CIMResponse, CIMParamValue, ReturnItem } from '../types.js';
import { Children, ValueError, invalid, nameAttr, names, optionalAttr, requiredAttr } from '../xml/node.js';
import type { XmlNode } from '../xml/node.js';
import { decodeMessage } from './envelope.js';
import {
  decodeClass, decodeInstance, decodeInstanceWithPath, decodeNamedInstance, decodeObjectWithPath,
  decodeQualifierDeclaration, decodeValueObject,
} from './objects.js';
import type { DecodeContext, ObjectWithPath } from './objects.js';
import { collectParams, decodeParamValue, decodeReturnValue } from './params.js';
import { decodeClassName, decodeInstanceName, decodeInstancePath, decodeObjectPath, decodeValueReference } from './paths.js';
import { arrayTexts, valueText } from './values.js';

const RESPONSE = names('IMETHODRESPONSE', 'METHODRESPONSE');
const ERROR = names('ERROR');
const INSTANCE = names('INSTANCE');
const IRETURNVALUE = names('IRETURNVALUE');
const RETURNVALUE = names('RETURNVALUE');
const PARAMVALUE = names('PARAMVALUE');
/** IRETURNVALUE holds a list of one of these, except VALUE.ARRAY and VALUE.REFERENCE which come alone. */
const LIST_ITEMS = names(
  'CLASSNAME', 'INSTANCENAME', 'VALUE', 'VALUE.OBJECTWITHPATH', 'VALUE.OBJECTWITHLOCALPATH', 'VALUE.OBJECT', 'OBJECTPATH',
  'QUALIFIER.DECLARATION', 'CLASS', 'INSTANCE', 'INSTANCEPATH', 'VALUE.NAMEDINSTANCE', 'VALUE.INSTANCEWITHPATH',
);
const SINGLE_ITEMS = names('VALUE.ARRAY', 'VALUE.REFERENCE');

/**
 * Decodes a CIM-XML response body. Everything that makes it unusable —
 * including a value that is not of its type — is a ProtocolError.
 */
export function decodeResponse(body: string | Uint8Array, limits?: Partial<DecodeLimits>): CIMResponse {
  const { ctx, envelope } = decodeMessage(body, limits, 'SIMPLERSP');
  const children = new Children(envelope.body);
  const node = children.required(RESPONSE);
  children.end();
  const common = {
    messageId: envelope.messageId,
    protocolVersion: envelope.protocolVersion,
    cimVersion: envelope.cimVersion,
    dtdVersion: envelope.dtdVersion,
    name: nameAttr(node),
  };
  try {
    const parts = new Children(node);
    const errorNode = parts.optional(ERROR);
    if (errorNode) {
      parts.end();
      const { error, instances } = decodeError(errorNode, ctx);
      const base = { ...common, error, errorInstances: instances, outParams: collectParams([]) };
      return node.name === 'IMETHODRESPONSE' ? { kind: 'imethodresponse', ...base } : { kind: 'methodresponse', ...base };
    }
    if (node.name === 'IMETHODRESPONSE') {
      const returnNode = parts.optional(IRETURNVALUE);
      const outParams = decodeOutParams(parts, ctx);
      const returnValue = returnNode && decodeIReturnValue(returnNode, ctx);
      return { kind: 'imethodresponse', ...common, errorInstances: [], outParams, ...(returnValue && { returnValue }) };
    }
    const returnNode = parts.optional(RETURNVALUE);
    const outParams = decodeOutParams(parts, ctx);
    const returnValue = returnNode && decodeReturnValue(returnNode, ctx);
    return { kind: 'methodresponse', ...common, errorInstances: [], outParams, ...(returnValue && { returnValue }) };
  } catch (err) {
    if (!(err instanceof ValueError)) throw err;
    throw new ProtocolError('request-not-valid', `invalid value in the response: ${err.message}`, undefined, { cause: err });
  }
}

function decodeOutParams(parts: Children, ctx: DecodeContext): ReturnType<typeof collectParams> {
  const params: CIMParamValue[] = parts.many(PARAMVALUE).map((param) => decodeParamValue(param, ctx));
  parts.end();
  return collectParams(params);
}

/** ERROR: CODE (a decimal status code), DESCRIPTION?; INSTANCE* (CIM_Error). */
export function decodeError(node: XmlNode, ctx: DecodeContext): { error: CIMError; instances: CIMInstance[] } {
  const codeText = requiredAttr(node, 'CODE');
  if (!/^\s*\d+\s*$/.test(codeText)) throw invalid(node, `CODE="${codeText}" on <ERROR> is not a status code`);
  const children = new Children(node);
  const instances = children.many(INSTANCE).map((instance) => decodeInstance(instance, ctx));
  children.end();
  // Codes outside the catalogue (historic 18/19, vendor codes) are kept as sent.
  const error = new CIMError(Number(codeText) as CIMStatusCode, optionalAttr(node, 'DESCRIPTION') ?? '');
  return { error, instances };
}

/** IRETURNVALUE: a homogeneous list of one element kind, or a lone VALUE.ARRAY / VALUE.REFERENCE. */
function decodeIReturnValue(node: XmlNode, ctx: DecodeContext): ReturnItem[] {
  const first = node.children[0];
  if (!first) return [];
  const children = new Children(node);
  if (SINGLE_ITEMS.has(first.name)) {
    children.required(SINGLE_ITEMS);
    children.end();
    return [first.name === 'VALUE.ARRAY'
      ? { kind: 'array', items: arrayTexts(first) }
      : { kind: 'reference', path: decodeValueReference(first) }];
  }
  const items = children.many(names(first.name));
  if (!LIST_ITEMS.has(first.name)) throw invalid(first, `<${first.name}> is not allowed in <IRETURNVALUE>`);
  children.end();
  return items.map((item) => decodeReturnItem(item, ctx));
}

function decodeReturnItem(node: XmlNode, ctx: DecodeContext): ReturnItem {
  switch (node.name) {
    case 'CLASSNAME': return { kind: 'classname', name: decodeClassName(node) };
    case 'INSTANCENAME': return { kind: 'instancename', path: decodeInstanceName(node) };
    case 'INSTANCEPATH': return { kind: 'instancename', path: decodeInstancePath(node) };
    case 'OBJECTPATH': {
      const path = decodeObjectPath(node);
      return path instanceof CIMClassName ? { kind: 'classpath', path } : { kind: 'instancename', path };
    }
    case 'VALUE': return { kind: 'value', text: valueText(node) };
    case 'QUALIFIER.DECLARATION': return { kind: 'qualifierdeclaration', decl: decodeQualifierDeclaration(node) };
    case 'CLASS': return { kind: 'class', cls: decodeClass(node, ctx) };
    case 'INSTANCE': return { kind: 'instance', instance: decodeInstance(node, ctx) };
    case 'VALUE.NAMEDINSTANCE': return { kind: 'instance', instance: decodeNamedInstance(node, ctx) };
    case 'VALUE.INSTANCEWITHPATH': return { kind: 'instance', instance: decodeInstanceWithPath(node, ctx) };
    case 'VALUE.OBJECT': return objectItem(decodeValueObject(node, ctx));
    default: return objectItem(decodeObjectWithPath(node, ctx));
  }
}

function objectItem({ object, path }: ObjectWithPath): ReturnItem {
  if (object.kind === 'instance') return { kind: 'instance', instance: object };
  return path instanceof CIMClassName ? { kind: 'class', cls: object, path } : { kind: 'class', cls: object };
}
