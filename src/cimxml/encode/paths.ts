/** Naming and locating elements (DSP0201 §5.2.4) for class and instance paths. */
import { CIMClassName, CIMInstanceName, UNNAMED_KEY } from '../../cim/index.js';
import type { CIMKeyValue, CIMProperty, CIMType, NocaseMap } from '../../cim/index.js';
import { EncodeError } from '../errors.js';
import type { CIMObjectPath } from '../types.js';
import { escapeAttribute, escapeText } from './escape.js';
import { inferredType, scalarText } from './values.js';

/** Where key types come from when a path is written: the instance it names, or its class. */
export interface KeyTypeSource {
  readonly properties: NocaseMap<CIMProperty>;
}

const VALUETYPE: Record<CIMType, string> = {
  string: 'string', char16: 'string', datetime: 'string', reference: 'string', boolean: 'boolean',
  uint8: 'numeric', uint16: 'numeric', uint32: 'numeric', uint64: 'numeric',
  sint8: 'numeric', sint16: 'numeric', sint32: 'numeric', sint64: 'numeric', real32: 'numeric', real64: 'numeric',
};

/** `<CLASSNAME NAME="…"/>`. */
export function encodeClassName(classname: string): string {
  return `<CLASSNAME NAME="${escapeAttribute(classname)}"/>`;
}

/** LOCALNAMESPACEPATH: one NAMESPACE per '/'-separated component. */
export function encodeLocalNamespacePath(namespace: string): string {
  const parts = namespace.split('/').filter((part) => part !== '');
  if (parts.length === 0) throw new EncodeError(`namespace ${JSON.stringify(namespace)} has no component`);
  let xml = '<LOCALNAMESPACEPATH>';
  for (const part of parts) xml += `<NAMESPACE NAME="${escapeAttribute(part)}"/>`;
  return xml + '</LOCALNAMESPACEPATH>';
}

/** NAMESPACEPATH: HOST (mandatory) and LOCALNAMESPACEPATH. */
export function encodeNamespacePath(host: string, namespace: string): string {
  return `<NAMESPACEPATH><HOST>${escapeText(host)}</HOST>${encodeLocalNamespacePath(namespace)}</NAMESPACEPATH>`;
}

/**
 * INSTANCENAME with one KEYBINDING per key, in the path's order, or the
 * unnamed key alone (see keyBinding). KEYVALUE
 * always carries VALUETYPE and TYPE (DTD 2.4): the type of the key property
 * in `typeSource` when given, else inferred from the value (see inferredType).
 */
export function encodeInstanceName(path: CIMInstanceName, typeSource?: KeyTypeSource): string {
  if (path.keybindings.has(UNNAMED_KEY) && path.keybindings.size > 1) {
    throw new EncodeError(`the instance name of ${path.classname} has a key without a name among named ones, which INSTANCENAME cannot hold`);
  }
  let xml = `<INSTANCENAME CLASSNAME="${escapeAttribute(path.classname)}">`;
  path.keybindings.forEach((value, name) => {
    xml += keyBinding(name, value, typeSource?.properties.get(name)?.type);
  });
  return xml + '</INSTANCENAME>';
}

/** A KEYBINDING; the unnamed key (UNNAMED_KEY) is the lone KEYVALUE or VALUE.REFERENCE it was decoded from (DSP0201 5.3.4). */
function keyBinding(name: string, value: CIMKeyValue, declared: CIMType | undefined): string {
  const content = keyContent(name, value, declared);
  return name === UNNAMED_KEY ? content : `<KEYBINDING NAME="${escapeAttribute(name)}">${content}</KEYBINDING>`;
}

function keyContent(name: string, value: CIMKeyValue, declared: CIMType | undefined): string {
  if (value instanceof CIMInstanceName) return `<VALUE.REFERENCE>${referenceContent(value)}</VALUE.REFERENCE>`;
  const type = declared && declared !== 'reference' ? declared : inferredType(value);
  let text: string;
  try {
    text = scalarText(type, value);
  } catch (err) {
    throw new EncodeError(`key ${name}: ${(err as Error).message}`, { cause: err });
  }
  return `<KEYVALUE VALUETYPE="${VALUETYPE[type]}" TYPE="${type}">${escapeText(text)}</KEYVALUE>`;
}

/** INSTANCEPATH: NAMESPACEPATH and INSTANCENAME; host and namespace default to the path's own. */
export function encodeInstancePath(
  path: CIMInstanceName, host = path.host, namespace = path.namespace, typeSource?: KeyTypeSource,
): string {
  return `<INSTANCEPATH>${encodeNamespacePath(need(host, 'host', path), need(namespace, 'namespace', path))}${encodeInstanceName(path, typeSource)}</INSTANCEPATH>`;
}

/** LOCALINSTANCEPATH: LOCALNAMESPACEPATH and INSTANCENAME. */
export function encodeLocalInstancePath(path: CIMInstanceName, namespace = path.namespace, typeSource?: KeyTypeSource): string {
  return `<LOCALINSTANCEPATH>${encodeLocalNamespacePath(need(namespace, 'namespace', path))}${encodeInstanceName(path, typeSource)}</LOCALINSTANCEPATH>`;
}

/** CLASSPATH: NAMESPACEPATH and CLASSNAME. */
export function encodeClassPath(path: CIMClassName, host = path.host, namespace = path.namespace): string {
  return `<CLASSPATH>${encodeNamespacePath(need(host, 'host', path), need(namespace, 'namespace', path))}${encodeClassName(path.classname)}</CLASSPATH>`;
}

/** LOCALCLASSPATH: LOCALNAMESPACEPATH and CLASSNAME. */
export function encodeLocalClassPath(path: CIMClassName, namespace = path.namespace): string {
  return `<LOCALCLASSPATH>${encodeLocalNamespacePath(need(namespace, 'namespace', path))}${encodeClassName(path.classname)}</LOCALCLASSPATH>`;
}

/** OBJECTPATH: INSTANCEPATH or CLASSPATH, always with host and namespace (AssociatorNames, ReferenceNames). */
export function encodeObjectPath(path: CIMObjectPath, host?: string, typeSource?: KeyTypeSource): string {
  const inner = path instanceof CIMClassName
    ? encodeClassPath(path, host ?? path.host)
    : encodeInstancePath(path, host ?? path.host, path.namespace, typeSource);
  return `<OBJECTPATH>${inner}</OBJECTPATH>`;
}

/**
 * The content of a VALUE.REFERENCE: a path with a host and a namespace is an
 * INSTANCEPATH / CLASSPATH, one with a namespace a LOCALINSTANCEPATH /
 * LOCALCLASSPATH, one without an INSTANCENAME / CLASSNAME. A namespace is
 * never left out, not even the answer's own: pywbem compares paths
 * namespace included, so a reference without one equals none of the paths
 * it returns (pywbemcli's `instance shrub` then shows no associated instance).
 */
export function referenceContent(path: CIMObjectPath): string {
  if (path instanceof CIMClassName) {
    if (path.host && path.namespace) return encodeClassPath(path);
    return path.namespace ? encodeLocalClassPath(path) : encodeClassName(path.classname);
  }
  if (path.host && path.namespace) return encodeInstancePath(path);
  return path.namespace ? encodeLocalInstancePath(path) : encodeInstanceName(path);
}

/** VALUE.REFERENCE around referenceContent. */
export function referenceElement(path: CIMObjectPath): string {
  return `<VALUE.REFERENCE>${referenceContent(path)}</VALUE.REFERENCE>`;
}

function need(value: string | undefined, what: string, path: CIMObjectPath): string {
  if (!value) throw new EncodeError(`${path.toString()} needs a ${what} to be written here`);
  return value;
}
