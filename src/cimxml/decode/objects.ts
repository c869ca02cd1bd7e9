/**
 * Object definition elements (DSP0201 §5.2.2, §5.2.5): CLASS, INSTANCE,
 * properties, qualifiers and their declarations, methods and parameters, the
 * VALUE.* wrappers that pair an object with its path, and embedded objects.
 */
import { CIMClass, CIMInstance, CIM_SCOPES, NocaseMap } from '../../cim/index.js';
import type {
  CIMFlavors, CIMInstanceName, CIMMethod, CIMParameter, CIMProperty, CIMQualifier, CIMQualifierDeclaration,
  CIMScope, CIMType, CIMValue, EmbeddedKind,
} from '../../cim/index.js';
import { ProtocolError } from '../errors.js';
import type { DecodeLimits } from '../limits.js';
import type { CIMObjectPath, EmbeddedObject } from '../types.js';
import {
  Children, ValueError, arraySizeAttr, booleanAttr, embeddedObjectAttr, nameAttr, names, noChildren, optionalAttr,
  optionalTypeAttr, typeAttr,
} from '../xml/node.js';
import type { XmlNode } from '../xml/node.js';
import { LimitError, parseXml } from '../xml/parse.js';
import type { ParseBudget } from '../xml/parse.js';
import {
  decodeClassPath, decodeInstanceName, decodeInstancePath, decodeLocalClassPath, decodeLocalInstancePath,
  instanceReference,
} from './paths.js';
import { arrayTexts, typedArray, typedValue, valueText } from './values.js';

/** What decoding an object needs beyond its element: the limits and budget that embedded objects share. */
export interface DecodeContext {
  readonly limits: DecodeLimits;
  readonly budget: ParseBudget;
  /** How many embedded objects enclose the element being decoded. */
  readonly embeddingDepth: number;
}

const QUALIFIER = names('QUALIFIER');
const PROPERTIES = names('PROPERTY', 'PROPERTY.ARRAY', 'PROPERTY.REFERENCE');
const METHOD = names('METHOD');
const PARAMETERS = names('PARAMETER', 'PARAMETER.REFERENCE', 'PARAMETER.ARRAY', 'PARAMETER.REFARRAY');
const VALUE = names('VALUE');
const VALUE_ARRAY = names('VALUE.ARRAY');
const VALUE_OR_ARRAY = names('VALUE', 'VALUE.ARRAY');
const VALUE_REFERENCE = names('VALUE.REFERENCE');
const SCOPE = names('SCOPE');
const INSTANCE = names('INSTANCE');
const CLASS = names('CLASS');
const OBJECT = names('CLASS', 'INSTANCE');
const INSTANCENAME = names('INSTANCENAME');
const INSTANCEPATH = names('INSTANCEPATH');
const OBJECTWITHPATH_PATHS = names('CLASSPATH', 'INSTANCEPATH');
const OBJECTWITHLOCALPATH_PATHS = names('LOCALCLASSPATH', 'LOCALINSTANCEPATH');

/** INSTANCE: QUALIFIER*, (PROPERTY | PROPERTY.ARRAY | PROPERTY.REFERENCE)*. */
export function decodeInstance(node: XmlNode, ctx: DecodeContext, path?: CIMInstanceName): CIMInstance {
  const classname = nameAttr(node, 'CLASSNAME');
  const children = new Children(node);
  const qualifiers = decodeQualifiers(children.many(QUALIFIER));
  const properties = decodeProperties(children.many(PROPERTIES), ctx);
  children.end();
  return new CIMInstance({ classname, properties, qualifiers, ...(path && { path }) });
}

/** CLASS: QUALIFIER*, properties*, METHOD*. */
export function decodeClass(node: XmlNode, ctx: DecodeContext): CIMClass {
  const classname = nameAttr(node);
  const superclass = optionalAttr(node, 'SUPERCLASS');
  const children = new Children(node);
  const qualifiers = decodeQualifiers(children.many(QUALIFIER));
  const properties = decodeProperties(children.many(PROPERTIES), ctx);
  const methods = uniqueByName(children.many(METHOD), decodeMethod, 'method');
  children.end();
  return new CIMClass({ classname, properties, methods, qualifiers, ...(superclass !== undefined && { superclass }) });
}

function decodeProperties(nodes: XmlNode[], ctx: DecodeContext): NocaseMap<CIMProperty> {
  return uniqueByName(nodes, (node) => decodeProperty(node, ctx), 'property');
}

/** Elements named by NAME into a NocaseMap; a name twice is a value error. */
function uniqueByName<T>(nodes: XmlNode[], decode: (node: XmlNode) => T, what: string): NocaseMap<T> {
  const map = new NocaseMap<T>();
  for (const node of nodes) {
    const name = nameAttr(node);
    if (map.has(name)) throw new ValueError(node, `${what} ${name} appears twice`);
    map.set(name, decode(node));
  }
  return map;
}

/** PROPERTY, PROPERTY.ARRAY or PROPERTY.REFERENCE; no value child is NULL. */
export function decodeProperty(node: XmlNode, ctx: DecodeContext): CIMProperty {
  const name = nameAttr(node);
  const children = new Children(node);
  const qualifiers = decodeQualifiers(children.many(QUALIFIER));
  const propagated = booleanAttr(node, 'PROPAGATED', false);
  let property: CIMProperty;
  if (node.name === 'PROPERTY.REFERENCE') {
    const ref = children.optional(VALUE_REFERENCE);
    property = { name, type: 'reference', value: ref ? instanceReference(ref) : null, isArray: false, qualifiers, propagated };
    setDefined(property, 'referenceClass', optionalAttr(node, 'REFERENCECLASS'));
  } else {
    const type = typeAttr(node);
    const embedded = embeddedObjectAttr(node);
    if (embedded && type !== 'string') throw new ValueError(node, `EmbeddedObject on property ${name} of TYPE ${type}`);
    const isArray = node.name === 'PROPERTY.ARRAY';
    const valueNode = children.optional(isArray ? VALUE_ARRAY : VALUE);
    const value = valueNode ? propertyValue(valueNode, type, embedded, ctx) : null;
    property = { name, type, value, isArray, qualifiers, propagated };
    if (isArray) setDefined(property, 'arraySize', arraySizeAttr(node));
    setDefined(property, 'embeddedObject', embedded);
  }
  setDefined(property, 'classOrigin', optionalAttr(node, 'CLASSORIGIN'));
  children.end();
  return property;
}

function propertyValue(node: XmlNode, type: CIMType, embedded: EmbeddedKind | undefined, ctx: DecodeContext): CIMValue {
  if (!embedded) return node.name === 'VALUE' ? typedValue(node, type) : typedArray(node, type);
  if (node.name === 'VALUE') return decodeEmbedded(node, valueText(node), embedded, ctx);
  return arrayTexts(node).map((text) => (text === null ? null : decodeEmbedded(node, text, embedded, ctx)));
}

/** QUALIFIER*: NAME, TYPE, PROPAGATED, flavors; (VALUE | VALUE.ARRAY)?. */
function decodeQualifiers(nodes: XmlNode[]): NocaseMap<CIMQualifier> {
  return uniqueByName(nodes, decodeQualifier, 'qualifier');
}

function decodeQualifier(node: XmlNode): CIMQualifier {
  const type = typeAttr(node);
  const children = new Children(node);
  const valueNode = children.optional(VALUE_OR_ARRAY);
  children.end();
  return {
    name: nameAttr(node),
    type,
    value: valueNode ? qualifierValue(valueNode, type) : null,
    flavors: decodeFlavors(node),
    propagated: booleanAttr(node, 'PROPAGATED', false),
  };
}

function qualifierValue(node: XmlNode, type: CIMType): CIMValue {
  return node.name === 'VALUE' ? typedValue(node, type) : typedArray(node, type);
}

function decodeFlavors(node: XmlNode): CIMFlavors {
  return {
    overridable: booleanAttr(node, 'OVERRIDABLE', true),
    tosubclass: booleanAttr(node, 'TOSUBCLASS', true),
    toinstance: booleanAttr(node, 'TOINSTANCE', false),
    translatable: booleanAttr(node, 'TRANSLATABLE', false),
  };
}

/** QUALIFIER.DECLARATION: SCOPE?, (VALUE | VALUE.ARRAY)?; ISARRAY defaults to the form of the value. */
export function decodeQualifierDeclaration(node: XmlNode): CIMQualifierDeclaration {
  const name = nameAttr(node);
  const type = typeAttr(node);
  const children = new Children(node);
  const scopeNode = children.optional(SCOPE);
  const valueNode = children.optional(VALUE_OR_ARRAY);
  children.end();
  const isArray = booleanAttr(node, 'ISARRAY', valueNode?.name === 'VALUE.ARRAY');
  if (valueNode && isArray !== (valueNode.name === 'VALUE.ARRAY')) {
    throw new ValueError(valueNode, `qualifier ${name} has ISARRAY="${String(isArray)}" and a <${valueNode.name}>`);
  }
  const decl: CIMQualifierDeclaration = {
    name, type, isArray,
    value: valueNode ? qualifierValue(valueNode, type) : null,
    scopes: scopeNode ? decodeScope(scopeNode) : new Set(),
    flavors: decodeFlavors(node),
  };
  setDefined(decl, 'arraySize', arraySizeAttr(node));
  return decl;
}

function decodeScope(node: XmlNode): Set<CIMScope> {
  noChildren(node);
  return new Set(CIM_SCOPES.filter((scope) => booleanAttr(node, scope.toUpperCase(), false)));
}

/** METHOD: QUALIFIER*, parameters*. The DTD lets TYPE be absent (void); src/cim methods always have one. */
function decodeMethod(node: XmlNode): CIMMethod {
  const name = nameAttr(node);
  const returnType = optionalTypeAttr(node);
  if (!returnType) throw new ValueError(node, `method ${name} has no return TYPE (void methods are not supported)`);
  const children = new Children(node);
  const qualifiers = decodeQualifiers(children.many(QUALIFIER));
  const parameters = uniqueByName(children.many(PARAMETERS), decodeParameter, 'parameter');
  children.end();
  const method: CIMMethod = { name, returnType, parameters, qualifiers, propagated: booleanAttr(node, 'PROPAGATED', false) };
  setDefined(method, 'classOrigin', optionalAttr(node, 'CLASSORIGIN'));
  return method;
}

/** PARAMETER, PARAMETER.ARRAY, PARAMETER.REFERENCE, PARAMETER.REFARRAY: QUALIFIER*. */
function decodeParameter(node: XmlNode): CIMParameter {
  const children = new Children(node);
  const qualifiers = decodeQualifiers(children.many(QUALIFIER));
  children.end();
  const reference = node.name === 'PARAMETER.REFERENCE' || node.name === 'PARAMETER.REFARRAY';
  const isArray = node.name === 'PARAMETER.ARRAY' || node.name === 'PARAMETER.REFARRAY';
  const parameter: CIMParameter = { name: nameAttr(node), type: reference ? 'reference' : typeAttr(node), isArray, qualifiers };
  if (isArray) setDefined(parameter, 'arraySize', arraySizeAttr(node));
  if (reference) setDefined(parameter, 'referenceClass', optionalAttr(node, 'REFERENCECLASS'));
  setDefined(parameter, 'embeddedObject', embeddedKindOf(qualifiers));
  return parameter;
}

/** Parameters have no EmbeddedObject attribute: the EmbeddedInstance / EmbeddedObject qualifiers say it. */
function embeddedKindOf(qualifiers: NocaseMap<CIMQualifier>): EmbeddedKind | undefined {
  if (typeof qualifiers.get('EmbeddedInstance')?.value === 'string') return 'instance';
  if (qualifiers.get('EmbeddedObject')?.value === true) return 'object';
  return undefined;
}

/**
 * The text of a VALUE carrying EmbeddedObject: a whole INSTANCE (or, for
 * "object", a CLASS) document, parsed with the limits and budget of the
 * enclosing message. Anything wrong inside it makes the value invalid, except
 * an exceeded limit, which stays a protocol error.
 */
export function decodeEmbedded(node: XmlNode, text: string, kind: EmbeddedKind, ctx: DecodeContext): EmbeddedObject {
  if (ctx.embeddingDepth >= ctx.limits.maxEmbeddingDepth) {
    throw new LimitError('request-not-valid', `embedded objects nest deeper than maxEmbeddingDepth (${ctx.limits.maxEmbeddingDepth})`, node);
  }
  try {
    const root = parseXml(text, { limits: ctx.limits, budget: ctx.budget, depthOffset: node.depth + 1 });
    const inner = { ...ctx, embeddingDepth: ctx.embeddingDepth + 1 };
    if (root.name === 'INSTANCE') return decodeInstance(root, inner);
    if (root.name === 'CLASS' && kind === 'object') return decodeClass(root, inner);
    throw new ValueError(root, `<${root.name}> cannot be an embedded ${kind}`);
  } catch (err) {
    if (err instanceof LimitError || !(err instanceof ProtocolError || err instanceof ValueError)) throw err;
    throw new ValueError(node, `invalid embedded ${kind}: ${err.message}`, { cause: err });
  }
}

/** An object with the path a VALUE.* wrapper gave it. */
export interface ObjectWithPath {
  readonly object: EmbeddedObject;
  readonly path?: CIMObjectPath;
}

/** VALUE.NAMEDINSTANCE: INSTANCENAME, INSTANCE. */
export function decodeNamedInstance(node: XmlNode, ctx: DecodeContext): CIMInstance {
  const children = new Children(node);
  const path = decodeInstanceName(children.required(INSTANCENAME));
  const instance = decodeInstance(children.required(INSTANCE), ctx, path);
  children.end();
  return instance;
}

/** VALUE.INSTANCEWITHPATH: INSTANCEPATH, INSTANCE. */
export function decodeInstanceWithPath(node: XmlNode, ctx: DecodeContext): CIMInstance {
  const children = new Children(node);
  const path = decodeInstancePath(children.required(INSTANCEPATH));
  const instance = decodeInstance(children.required(INSTANCE), ctx, path);
  children.end();
  return instance;
}

/** VALUE.OBJECT: CLASS | INSTANCE. */
export function decodeValueObject(node: XmlNode, ctx: DecodeContext): ObjectWithPath {
  const children = new Children(node);
  const content = children.required(OBJECT);
  children.end();
  return { object: content.name === 'CLASS' ? decodeClass(content, ctx) : decodeInstance(content, ctx) };
}

/** VALUE.OBJECTWITHPATH (CLASSPATH, CLASS | INSTANCEPATH, INSTANCE) and VALUE.OBJECTWITHLOCALPATH (local paths). */
export function decodeObjectWithPath(node: XmlNode, ctx: DecodeContext): ObjectWithPath {
  const local = node.name === 'VALUE.OBJECTWITHLOCALPATH';
  const children = new Children(node);
  const pathNode = children.required(local ? OBJECTWITHLOCALPATH_PATHS : OBJECTWITHPATH_PATHS);
  let result: ObjectWithPath;
  if (pathNode.name.endsWith('CLASSPATH')) {
    const path = local ? decodeLocalClassPath(pathNode) : decodeClassPath(pathNode);
    result = { object: decodeClass(children.required(CLASS), ctx), path };
  } else {
    const path = local ? decodeLocalInstancePath(pathNode) : decodeInstancePath(pathNode);
    result = { object: decodeInstance(children.required(INSTANCE), ctx, path), path };
  }
  children.end();
  return result;
}

/** Sets an optional field only when it has a value, so that absent fields stay absent rather than undefined. */
function setDefined<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
