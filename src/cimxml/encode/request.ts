/** Request bodies for the client (DSP0201 §5.3.2–5.3.3): IMETHODCALL and METHODCALL. */
import { CIMClass, CIMClassName, CIMDateTime, CIMInstance, CIMInstanceName } from '../../cim/index.js';
import type { CIMValue, EmbeddedKind } from '../../cim/index.js';
import { EncodeError } from '../errors.js';
import type { CIMObjectPath, ParamType, ParamValue } from '../types.js';
import { escapeAttribute } from './escape.js';
import { cimMessageStart, encodeParamValue } from './message.js';
import {
  encodeClass, encodeEmbedded, encodeInstance, encodeNamedInstance, encodeQualifierDeclaration,
} from './objects.js';
import {
  encodeClassName, encodeInstanceName, encodeLocalClassPath, encodeLocalInstancePath, encodeLocalNamespacePath,
  referenceElement,
} from './paths.js';
import { arrayElement, scalarText, valueElement } from './values.js';

/**
 * An intrinsic parameter: a plain value picks the natural element — boolean,
 * string, number or bigint → VALUE; string[] (PropertyList) → VALUE.ARRAY;
 * CIMInstanceName → INSTANCENAME; CIMClassName → CLASSNAME; CIMInstance →
 * INSTANCE; CIMClass → CLASS; null → no child (NULL). A ParamValue says the
 * element exactly (VALUE.NAMEDINSTANCE for ModifyInstance, QUALIFIER.DECLARATION).
 */
export type IParamInput =
  | null | boolean | string | number | bigint | CIMDateTime | readonly string[]
  | CIMInstanceName | CIMClassName | CIMInstance | CIMClass | ParamValue;

/** An extrinsic parameter with its type (written as PARAMTYPE), or an exact ParamValue, or NULL. */
export type MethodParamInput = null | ParamValue | { readonly type: ParamType; readonly value: CIMValue; readonly embeddedObject?: EmbeddedKind };

export type ParamsInput<T> = Iterable<readonly [string, T]> | Readonly<Record<string, T>>;

/** A whole IMETHODCALL request body; parameters whose value is undefined are left out. */
export function encodeIMethodCall(id: string, name: string, namespace: string, params: ParamsInput<IParamInput | undefined> = []): string {
  let xml = `${cimMessageStart(id, 'SIMPLEREQ')}<IMETHODCALL NAME="${escapeAttribute(name)}">${encodeLocalNamespacePath(namespace)}`;
  for (const [param, value] of entries(params)) {
    if (value !== undefined) xml += `<IPARAMVALUE NAME="${escapeAttribute(param)}">${intrinsicContent(value)}</IPARAMVALUE>`;
  }
  return `${xml}</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
}

/** A whole METHODCALL request body; the target must carry its namespace. */
export function encodeMethodCall(id: string, name: string, target: CIMObjectPath, params: ParamsInput<MethodParamInput | undefined> = []): string {
  const path = target instanceof CIMClassName ? encodeLocalClassPath(target) : encodeLocalInstancePath(target);
  let xml = `${cimMessageStart(id, 'SIMPLEREQ')}<METHODCALL NAME="${escapeAttribute(name)}">${path}`;
  for (const [param, value] of entries(params)) {
    if (value !== undefined) xml += methodParam(param, value);
  }
  return `${xml}</METHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
}

function entries<T>(params: ParamsInput<T>): Iterable<readonly [string, T]> {
  return Symbol.iterator in params ? (params as Iterable<readonly [string, T]>) : Object.entries(params);
}

function intrinsicContent(value: IParamInput): string {
  if (value === null) return '';
  if (value instanceof CIMInstanceName) return encodeInstanceName(value);
  if (value instanceof CIMClassName) return encodeClassName(value.classname);
  if (value instanceof CIMInstance) return encodeInstance(value, { includeQualifiers: true, includeClassOrigin: true });
  if (value instanceof CIMClass) return encodeClass(value);
  if (value instanceof CIMDateTime) return valueElement(value.value);
  if (Array.isArray(value)) return arrayElement(value as readonly string[]);
  switch (typeof value) {
    case 'boolean': return valueElement(scalarText('boolean', value));
    case 'string': return valueElement(value);
    case 'number':
    case 'bigint': return valueElement(String(value));
    default: return paramValueContent(value as ParamValue);
  }
}

function methodParam(name: string, value: MethodParamInput): string {
  const open = `<PARAMVALUE NAME="${escapeAttribute(name)}"`;
  if (value === null) return `${open}></PARAMVALUE>`;
  if ('type' in value) return encodeParamValue(name, value.value, value.type, value.embeddedObject);
  const embedded = value.kind === 'value' ? value.embedded : value.kind === 'array' ? value.embedded?.find((item) => item !== null) : undefined;
  const attribute = embedded ? ` EmbeddedObject="${embedded instanceof CIMClass ? 'object' : 'instance'}"` : '';
  return `${open}${attribute}>${paramValueContent(value)}</PARAMVALUE>`;
}

/** The element a ParamValue stands for, exactly as decodeRequest would read it back. */
export function paramValueContent(value: ParamValue): string {
  switch (value.kind) {
    case 'null': return '';
    case 'value': return valueElement(value.embedded ? encodeEmbedded(value.embedded) : value.text);
    case 'array': return arrayElement(value.embedded ? value.embedded.map((item) => (item === null ? null : encodeEmbedded(item))) : value.items);
    case 'reference': return referenceElement(value.path);
    case 'refarray': {
      let xml = '<VALUE.REFARRAY>';
      for (const item of value.items) xml += item === null ? '<VALUE.NULL/>' : referenceElement(item);
      return xml + '</VALUE.REFARRAY>';
    }
    case 'classname': return encodeClassName(value.name);
    case 'instancename': return encodeInstanceName(value.path);
    case 'instance': return encodeInstance(value.instance, { includeQualifiers: true, includeClassOrigin: true });
    case 'namedinstance': return encodeNamedInstance(withPath(value.instance, value.path), { includeQualifiers: true, includeClassOrigin: true });
    case 'class': return encodeClass(value.cls);
    case 'qualifierdeclaration': return encodeQualifierDeclaration(value.decl);
    default: throw new EncodeError(`not a parameter value: ${JSON.stringify(value)}`);
  }
}

function withPath(instance: CIMInstance, path: CIMInstanceName): CIMInstance {
  if (instance.path === path) return instance;
  return new CIMInstance({ classname: instance.classname, properties: instance.properties, qualifiers: instance.qualifiers, path });
}
