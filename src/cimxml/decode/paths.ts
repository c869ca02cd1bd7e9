/** Naming and locating elements (DSP0201 §5.2.4): namespaces, hosts, class and instance paths, keys, references. */
import { CIMClassName, CIMInstanceName, NocaseMap, UNNAMED_KEY } from '../../cim/index.js';
import type { CIMKeyValue, CIMType } from '../../cim/index.js';
import type { CIMObjectPath } from '../types.js';
import {
  Children, ValueError, invalid, nameAttr, names, noChildren, optionalAttr, optionalTypeAttr,
} from '../xml/node.js';
import type { XmlNode } from '../xml/node.js';
import { scalarAt } from './values.js';

const NAMESPACE = names('NAMESPACE');
const LOCALNAMESPACEPATH = names('LOCALNAMESPACEPATH');
const NAMESPACEPATH = names('NAMESPACEPATH');
const HOST = names('HOST');
const CLASSNAME = names('CLASSNAME');
const INSTANCENAME = names('INSTANCENAME');
const KEYBINDING = names('KEYBINDING');
const KEY_CONTENT = names('KEYVALUE', 'VALUE.REFERENCE');
const OBJECTPATH_CONTENT = names('INSTANCEPATH', 'CLASSPATH');
const REFERENCE_CONTENT = names('CLASSPATH', 'LOCALCLASSPATH', 'CLASSNAME', 'INSTANCEPATH', 'LOCALINSTANCEPATH', 'INSTANCENAME');
const REFARRAY_ITEMS = names('VALUE.REFERENCE', 'VALUE.NULL');

interface Location {
  namespace?: string;
  host?: string;
}

/** LOCALNAMESPACEPATH: its NAMESPACE names joined with '/'. */
export function decodeLocalNamespacePath(node: XmlNode): string {
  const children = new Children(node);
  const parts = [children.required(NAMESPACE), ...children.many(NAMESPACE)].map((ns) => {
    noChildren(ns);
    return nameAttr(ns);
  });
  children.end();
  return parts.join('/');
}

/** NAMESPACEPATH: HOST and LOCALNAMESPACEPATH. */
export function decodeNamespacePath(node: XmlNode): Required<Location> {
  const children = new Children(node);
  const host = decodeHost(children.required(HOST));
  const namespace = decodeLocalNamespacePath(children.required(LOCALNAMESPACEPATH));
  children.end();
  return { host, namespace };
}

function decodeHost(node: XmlNode): string {
  noChildren(node);
  const host = node.text.trim();
  if (!host) throw invalid(node, '<HOST> is empty');
  return host;
}

export function decodeClassName(node: XmlNode): string {
  noChildren(node);
  return nameAttr(node);
}

/** CLASSPATH: NAMESPACEPATH, CLASSNAME. */
export function decodeClassPath(node: XmlNode): CIMClassName {
  const children = new Children(node);
  const location = decodeNamespacePath(children.required(NAMESPACEPATH));
  const classname = decodeClassName(children.required(CLASSNAME));
  children.end();
  return new CIMClassName({ classname, ...location });
}

/** LOCALCLASSPATH: LOCALNAMESPACEPATH, CLASSNAME. */
export function decodeLocalClassPath(node: XmlNode): CIMClassName {
  const children = new Children(node);
  const namespace = decodeLocalNamespacePath(children.required(LOCALNAMESPACEPATH));
  const classname = decodeClassName(children.required(CLASSNAME));
  children.end();
  return new CIMClassName({ classname, namespace });
}

/** INSTANCEPATH: NAMESPACEPATH, INSTANCENAME. */
export function decodeInstancePath(node: XmlNode): CIMInstanceName {
  const children = new Children(node);
  const location = decodeNamespacePath(children.required(NAMESPACEPATH));
  const path = decodeInstanceName(children.required(INSTANCENAME), location);
  children.end();
  return path;
}

/** LOCALINSTANCEPATH: LOCALNAMESPACEPATH, INSTANCENAME. */
export function decodeLocalInstancePath(node: XmlNode): CIMInstanceName {
  const children = new Children(node);
  const namespace = decodeLocalNamespacePath(children.required(LOCALNAMESPACEPATH));
  const path = decodeInstanceName(children.required(INSTANCENAME), { namespace });
  children.end();
  return path;
}

/**
 * INSTANCENAME: KEYBINDING children, or the one key value of a single-key
 * class without its name (a lone KEYVALUE or VALUE.REFERENCE), kept under
 * UNNAMED_KEY for the operation layer, which knows the class, to name.
 */
export function decodeInstanceName(node: XmlNode, location: Location = {}): CIMInstanceName {
  const classname = nameAttr(node, 'CLASSNAME');
  const children = new Children(node);
  const keybindings = new NocaseMap<CIMKeyValue>();
  for (const binding of children.many(KEYBINDING)) {
    const name = nameAttr(binding);
    if (keybindings.has(name)) throw new ValueError(binding, `key ${name} appears twice in <INSTANCENAME CLASSNAME="${classname}">`);
    keybindings.set(name, decodeKeyBinding(binding));
  }
  const unnamed = keybindings.size === 0 ? children.optional(KEY_CONTENT) : undefined;
  if (unnamed) keybindings.set(UNNAMED_KEY, keyContent(unnamed));
  children.end();
  return new CIMInstanceName({ classname, keybindings, ...location });
}

function decodeKeyBinding(node: XmlNode): CIMKeyValue {
  const children = new Children(node);
  const content = children.required(KEY_CONTENT);
  children.end();
  return keyContent(content);
}

function keyContent(content: XmlNode): CIMKeyValue {
  return content.name === 'KEYVALUE' ? decodeKeyValue(content) : instanceReference(content);
}

type ValueType = 'string' | 'boolean' | 'numeric';

const VALUETYPE_OF: Record<CIMType, ValueType> = {
  string: 'string', char16: 'string', datetime: 'string', reference: 'string', boolean: 'boolean',
  uint8: 'numeric', uint16: 'numeric', uint32: 'numeric', uint64: 'numeric',
  sint8: 'numeric', sint16: 'numeric', sint32: 'numeric', sint64: 'numeric', real32: 'numeric', real64: 'numeric',
};

/**
 * KEYVALUE: TYPE (required since DTD 2.4) gives the value's type and must
 * agree with VALUETYPE. Without TYPE (DTD 2.3, sfcb) the type is inferred:
 * string, boolean, or a number kept exact (a bigint beyond 2^53).
 */
export function decodeKeyValue(node: XmlNode): CIMKeyValue {
  noChildren(node);
  const valueType = optionalAttr(node, 'VALUETYPE') ?? 'string';
  if (valueType !== 'string' && valueType !== 'boolean' && valueType !== 'numeric') {
    throw invalid(node, `VALUETYPE="${valueType}" on <KEYVALUE> is not string, boolean or numeric`);
  }
  // pywbem tolerates TYPE="" from old peers: treat it as absent.
  const type = node.attrs['TYPE'] === '' ? undefined : optionalTypeAttr(node);
  if (type) {
    if (VALUETYPE_OF[type] !== valueType) throw new ValueError(node, `<KEYVALUE> has VALUETYPE="${valueType}" but TYPE="${type}"`);
    return scalarAt(node, type, node.text) as CIMKeyValue;
  }
  if (valueType === 'string') return node.text;
  if (valueType === 'boolean') return scalarAt(node, 'boolean', node.text) as boolean;
  return untypedNumber(node);
}

function untypedNumber(node: XmlNode): number | bigint {
  const text = node.text.trim();
  if (/^[+-]?\d+$/.test(text)) {
    const n = BigInt(text);
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  return scalarAt(node, 'real64', text) as number;
}

/** VALUE.REFERENCE: a class or instance path, local or not; CLASSNAME/INSTANCENAME carry no namespace. */
export function decodeValueReference(node: XmlNode): CIMObjectPath {
  const children = new Children(node);
  const content = children.required(REFERENCE_CONTENT);
  children.end();
  switch (content.name) {
    case 'CLASSPATH': return decodeClassPath(content);
    case 'LOCALCLASSPATH': return decodeLocalClassPath(content);
    case 'CLASSNAME': return new CIMClassName({ classname: decodeClassName(content) });
    case 'INSTANCEPATH': return decodeInstancePath(content);
    case 'LOCALINSTANCEPATH': return decodeLocalInstancePath(content);
    default: return decodeInstanceName(content);
  }
}

/** VALUE.REFARRAY: references and VALUE.NULL items. */
export function decodeValueRefArray(node: XmlNode): (CIMObjectPath | null)[] {
  const children = new Children(node);
  const items = children.many(REFARRAY_ITEMS).map((item) => {
    if (item.name === 'VALUE.REFERENCE') return decodeValueReference(item);
    noChildren(item);
    return null;
  });
  children.end();
  return items;
}

/** OBJECTPATH: INSTANCEPATH or CLASSPATH. */
export function decodeObjectPath(node: XmlNode): CIMObjectPath {
  const children = new Children(node);
  const content = children.required(OBJECTPATH_CONTENT);
  children.end();
  return content.name === 'INSTANCEPATH' ? decodeInstancePath(content) : decodeClassPath(content);
}

/** A reference that must name an instance (property values, reference keys). */
export function instanceReference(node: XmlNode): CIMInstanceName {
  const path = decodeValueReference(node);
  if (path instanceof CIMClassName) throw new ValueError(node, `a reference to the class ${path.classname} where an instance path is required`);
  return path;
}
