/** IPARAMVALUE, PARAMVALUE and RETURNVALUE (DSP0201 §5.3): parameter values as the wire carried them. */
import { NocaseMap } from '../../cim/index.js';
import type { EmbeddedKind } from '../../cim/index.js';
import type { CIMParamValue, CIMParams, CIMReturnValue, ParamType, ParamValue } from '../types.js';
import { Children, embeddedObjectAttr, nameAttr, names, paramTypeAttr } from '../xml/node.js';
import type { NameSet, XmlNode } from '../xml/node.js';
import { decodeClass, decodeEmbedded, decodeInstance, decodeNamedInstance, decodeQualifierDeclaration } from './objects.js';
import type { DecodeContext } from './objects.js';
import { decodeClassName, decodeInstanceName, decodeValueRefArray, decodeValueReference } from './paths.js';
import { arrayTexts, valueText } from './values.js';

const IPARAMVALUE_CONTENT = names(
  'VALUE', 'VALUE.ARRAY', 'VALUE.REFERENCE', 'CLASSNAME', 'INSTANCENAME', 'QUALIFIER.DECLARATION', 'CLASS', 'INSTANCE',
  'VALUE.NAMEDINSTANCE',
);
const PARAMVALUE_CONTENT = names(
  'VALUE', 'VALUE.REFERENCE', 'VALUE.ARRAY', 'VALUE.REFARRAY', 'CLASSNAME', 'INSTANCENAME', 'CLASS', 'INSTANCE',
  'VALUE.NAMEDINSTANCE',
);
const RETURNVALUE_CONTENT = names('VALUE', 'VALUE.REFERENCE');

/** IPARAMVALUE: NAME; one optional value element (none = NULL). */
export function decodeIParamValue(node: XmlNode, ctx: DecodeContext): CIMParamValue {
  return { name: nameAttr(node), value: onlyContent(node, IPARAMVALUE_CONTENT, undefined, ctx) };
}

/** PARAMVALUE: NAME, PARAMTYPE?, EmbeddedObject?; one optional value element. */
export function decodeParamValue(node: XmlNode, ctx: DecodeContext): CIMParamValue {
  const typing = decodeTyping(node);
  const value = onlyContent(node, PARAMVALUE_CONTENT, embeddedKind(typing), ctx);
  return { name: nameAttr(node), value, ...typing };
}

/** RETURNVALUE: PARAMTYPE?, EmbeddedObject?; (VALUE | VALUE.REFERENCE)?. */
export function decodeReturnValue(node: XmlNode, ctx: DecodeContext): CIMReturnValue {
  const typing = decodeTyping(node);
  return { value: onlyContent(node, RETURNVALUE_CONTENT, embeddedKind(typing), ctx), ...typing };
}

interface Typing {
  paramType?: ParamType;
  embeddedObject?: EmbeddedKind;
}

function decodeTyping(node: XmlNode): Typing {
  const paramType = paramTypeAttr(node);
  const embeddedObject = embeddedObjectAttr(node);
  return { ...(paramType && { paramType }), ...(embeddedObject && { embeddedObject }) };
}

/** EmbeddedObject, or PARAMTYPE="object"/"instance", marks VALUE text as an embedded object. */
function embeddedKind(typing: Typing): EmbeddedKind | undefined {
  if (typing.embeddedObject) return typing.embeddedObject;
  return typing.paramType === 'object' || typing.paramType === 'instance' ? typing.paramType : undefined;
}

function onlyContent(node: XmlNode, allowed: NameSet, embedded: EmbeddedKind | undefined, ctx: DecodeContext): ParamValue {
  const children = new Children(node);
  const content = children.optional(allowed);
  children.end();
  return content ? decodeContent(content, embedded, ctx) : { kind: 'null' };
}

function decodeContent(node: XmlNode, embedded: EmbeddedKind | undefined, ctx: DecodeContext): ParamValue {
  switch (node.name) {
    case 'VALUE': {
      const text = valueText(node);
      return embedded ? { kind: 'value', text, embedded: decodeEmbedded(node, text, embedded, ctx) } : { kind: 'value', text };
    }
    case 'VALUE.ARRAY': {
      const items = arrayTexts(node);
      if (!embedded) return { kind: 'array', items };
      return { kind: 'array', items, embedded: items.map((text) => (text === null ? null : decodeEmbedded(node, text, embedded, ctx))) };
    }
    case 'VALUE.REFERENCE': return { kind: 'reference', path: decodeValueReference(node) };
    case 'VALUE.REFARRAY': return { kind: 'refarray', items: decodeValueRefArray(node) };
    case 'CLASSNAME': return { kind: 'classname', name: decodeClassName(node) };
    case 'INSTANCENAME': return { kind: 'instancename', path: decodeInstanceName(node) };
    case 'QUALIFIER.DECLARATION': return { kind: 'qualifierdeclaration', decl: decodeQualifierDeclaration(node) };
    case 'CLASS': return { kind: 'class', cls: decodeClass(node, ctx) };
    case 'INSTANCE': return { kind: 'instance', instance: decodeInstance(node, ctx) };
    default: {
      const instance = decodeNamedInstance(node, ctx);
      return { kind: 'namedinstance', path: instance.path!, instance };
    }
  }
}

/** Indexes parameters by name without case, keeping the first of a repeated name and listing the repeats. */
export function collectParams(list: CIMParamValue[]): CIMParams {
  const byName = new NocaseMap<CIMParamValue>();
  const duplicates: string[] = [];
  for (const param of list) {
    if (byName.has(param.name)) duplicates.push(param.name);
    else byName.set(param.name, param);
  }
  return { byName, list, duplicates };
}
