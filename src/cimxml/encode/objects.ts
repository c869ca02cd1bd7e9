/**
 * Object definition elements (DSP0201 §5.2.2, §5.2.5). Every element that may
 * lack content is written with an end tag, never self-closed: wbemcli 1.6
 * cannot parse `<PROPERTY …/>`.
 */
import { CIMClass, CIMClassName, CIMInstance, CIMInstanceName } from '../../cim/index.js';
import type {
  CIMFlavors, CIMMethod, CIMParameter, CIMProperty, CIMQualifier, CIMQualifierDeclaration, CIMScalar, CIMType, CIMValue,
  EmbeddedKind, NocaseMap,
} from '../../cim/index.js';
import { EncodeError } from '../errors.js';
import type { CIMObjectPath, EmbeddedObject } from '../types.js';
import { escapeAttribute, escapeText } from './escape.js';
import {
  encodeClassPath, encodeInstanceName, encodeInstancePath, referenceElement,
} from './paths.js';
import { scalarText } from './values.js';

/** What of an instance to write (the instance-operation flags, DSP0200 §5.3.2). */
export interface InstanceEncodeOptions {
  /** QUALIFIER elements (deprecated for instances); default false. */
  includeQualifiers?: boolean;
  /** CLASSORIGIN attributes; default false. */
  includeClassOrigin?: boolean;
  /** Properties to write, matched without case; undefined writes all, [] none. */
  propertyList?: readonly string[];
}

/**
 * What of a class to write. Classes are written as given (shape them with
 * ClassRepository.classView); these drop what the view kept. Defaults: true.
 */
export interface ClassEncodeOptions {
  includeQualifiers?: boolean;
  includeClassOrigin?: boolean;
}

interface PropertyOptions {
  readonly qualifiers: boolean;
  readonly classOrigin: boolean;
}

/**
 * Flattens a string built by concatenation. V8 keeps `a + b` as a tree of
 * pieces until the text is read; reading one character flattens it in place.
 * Doing so as soon as each object's XML is complete is about three times
 * cheaper than flattening a response of thousands of pieces at send time
 * (bench/encode.ts), and cached element text is then reused as one piece.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** INSTANCE; CLASSNAME is the instance's own (creation) class. */
export function encodeInstance(instance: CIMInstance, options: InstanceEncodeOptions = {}): string {
  const propertyOptions: PropertyOptions = {
    qualifiers: options.includeQualifiers ?? false,
    classOrigin: options.includeClassOrigin ?? false,
  };
  const wanted = options.propertyList && new Set(options.propertyList.map((name) => name.toLowerCase()));
  let xml = `<INSTANCE CLASSNAME="${escapeAttribute(instance.classname)}">`;
  if (propertyOptions.qualifiers) xml += encodeQualifiers(instance.qualifiers);
  const plain = !propertyOptions.qualifiers && !propertyOptions.classOrigin;
  instance.properties.forEach((property) => {
    if (wanted && !wanted.has(property.name.toLowerCase())) return;
    xml += plain && property.value === null ? plainNullProperty(property, propertyOptions) : encodeProperty(property, propertyOptions);
  });
  return flat(xml + '</INSTANCE>');
}

/**
 * The XML of a NULL property without qualifiers or class origin, kept per
 * property record: instances share their class's record for every property
 * they leave unset (the class defines the instance), so most of an
 * instance's properties are written from here, once per class.
 */
const NULL_PROPERTIES = new WeakMap<CIMProperty, string>();

function plainNullProperty(property: CIMProperty, options: PropertyOptions): string {
  let xml = NULL_PROPERTIES.get(property);
  if (xml === undefined) {
    xml = flat(encodeProperty(property, options));
    NULL_PROPERTIES.set(property, xml);
  }
  return xml;
}

/** CLASS: qualifiers, properties, methods. */
export function encodeClass(cls: CIMClass, options: ClassEncodeOptions = {}): string {
  const propertyOptions: PropertyOptions = {
    qualifiers: options.includeQualifiers ?? true,
    classOrigin: options.includeClassOrigin ?? true,
  };
  const superclass = cls.superclass ? ` SUPERCLASS="${escapeAttribute(cls.superclass)}"` : '';
  let xml = `<CLASS NAME="${escapeAttribute(cls.classname)}"${superclass}>`;
  if (propertyOptions.qualifiers) xml += encodeQualifiers(cls.qualifiers);
  for (const property of cls.properties.values()) xml += encodeProperty(property, propertyOptions);
  for (const method of cls.methods.values()) xml += encodeMethod(method, propertyOptions);
  return flat(xml + '</CLASS>');
}

function encodeProperty(property: CIMProperty, options: PropertyOptions): string {
  try {
    return property.type === 'reference' ? referenceProperty(property, options) : valueProperty(property, options);
  } catch (err) {
    if (!(err instanceof EncodeError)) throw err;
    throw new EncodeError(`property ${property.name}: ${err.message}`, { cause: err });
  }
}

function commonAttributes(element: { classOrigin?: string; propagated: boolean }, options: PropertyOptions): string {
  const origin = options.classOrigin && element.classOrigin ? ` CLASSORIGIN="${escapeAttribute(element.classOrigin)}"` : '';
  return element.propagated ? `${origin} PROPAGATED="true"` : origin;
}

/** PROPERTY.REFERENCE (reference arrays exist only as method parameters). */
function referenceProperty(property: CIMProperty, options: PropertyOptions): string {
  if (property.isArray || Array.isArray(property.value)) throw new EncodeError('a reference property cannot be an array');
  const referenceClass = property.referenceClass ? ` REFERENCECLASS="${escapeAttribute(property.referenceClass)}"` : '';
  const value = property.value === null ? '' : referenceElement(asReference(property.value));
  const qualifiers = options.qualifiers ? encodeQualifiers(property.qualifiers) : '';
  return `<PROPERTY.REFERENCE NAME="${escapeAttribute(property.name)}"${referenceClass}${commonAttributes(property, options)}>${qualifiers}${value}</PROPERTY.REFERENCE>`;
}

/** PROPERTY or PROPERTY.ARRAY; NULL is the element without a value child. */
function valueProperty(property: CIMProperty, options: PropertyOptions): string {
  const { value, type } = property;
  if (property.isArray !== Array.isArray(value) && value !== null) {
    throw new EncodeError(property.isArray ? 'an array property holds a scalar' : 'a scalar property holds an array');
  }
  const embedded = embeddedKind(property.embeddedObject, value);
  let attributes = `NAME="${escapeAttribute(property.name)}" TYPE="${type}"`;
  if (property.isArray && property.arraySize !== undefined) attributes += ` ARRAYSIZE="${property.arraySize}"`;
  attributes += commonAttributes(property, options);
  if (embedded) attributes += ` EmbeddedObject="${embedded}"`;
  const qualifiers = options.qualifiers ? encodeQualifiers(property.qualifiers) : '';
  const element = property.isArray ? 'PROPERTY.ARRAY' : 'PROPERTY';
  return `<${element} ${attributes}>${qualifiers}${encodeValue(type, value, embedded)}</${element}>`;
}

/** The EmbeddedObject kind of a string element: declared, or implied by an object value. */
export function embeddedKind(declared: EmbeddedKind | undefined, value: CIMValue): EmbeddedKind | undefined {
  if (declared) return declared;
  const sample = Array.isArray(value) ? value.find((item) => item !== null) : value;
  if (sample instanceof CIMInstance) return 'instance';
  if (sample instanceof CIMClass) return 'object';
  return undefined;
}

/**
 * The value element of `value` of `type`: VALUE, VALUE.ARRAY (VALUE.NULL for
 * NULL items), VALUE.REFERENCE / VALUE.REFARRAY for references, or '' for
 * NULL. With `embedded`, objects are written as escaped INSTANCE / CLASS text.
 */
export function encodeValue(type: CIMType, value: CIMValue, embedded?: EmbeddedKind): string {
  if (value === null) return '';
  if (Array.isArray(value)) {
    if (type === 'reference') {
      let xml = '<VALUE.REFARRAY>';
      for (const item of value) xml += item === null ? '<VALUE.NULL/>' : referenceElement(asReference(item));
      return xml + '</VALUE.REFARRAY>';
    }
    let xml = '<VALUE.ARRAY>';
    for (const item of value) xml += item === null ? '<VALUE.NULL/>' : `<VALUE>${itemText(type, item, embedded)}</VALUE>`;
    return xml + '</VALUE.ARRAY>';
  }
  if (type === 'reference') return referenceElement(asReference(value));
  return `<VALUE>${itemText(type, value, embedded)}</VALUE>`;
}

function itemText(type: CIMType, value: CIMScalar, embedded: EmbeddedKind | undefined): string {
  if (embedded && (value instanceof CIMInstance || value instanceof CIMClass)) return escapeText(encodeEmbedded(value));
  return escapeText(scalarText(type, value));
}

/** The XML of an embedded object: the instance as it is, without qualifiers; a class with everything. */
export function encodeEmbedded(object: EmbeddedObject): string {
  return object instanceof CIMInstance ? encodeInstance(object) : encodeClass(object);
}

function asReference(value: CIMScalar): CIMObjectPath {
  if (value instanceof CIMInstanceName || value instanceof CIMClassName) return value;
  throw new EncodeError(`a reference must be a CIMInstanceName, not ${typeof value === 'object' ? value.constructor.name : typeof value}`);
}

function encodeQualifiers(qualifiers: NocaseMap<CIMQualifier>): string {
  let xml = '';
  for (const qualifier of qualifiers.values()) xml += encodeQualifier(qualifier);
  return xml;
}

/** QUALIFIER: flavors only where they differ from the DTD defaults. */
function encodeQualifier(qualifier: CIMQualifier): string {
  const propagated = qualifier.propagated ? ' PROPAGATED="true"' : '';
  const value = encodeValue(qualifier.type, qualifier.value);
  return `<QUALIFIER NAME="${escapeAttribute(qualifier.name)}" TYPE="${qualifier.type}"${propagated}${flavorAttributes(qualifier.flavors)}>${value}</QUALIFIER>`;
}

function flavorAttributes(flavors: Readonly<CIMFlavors>): string {
  let xml = '';
  if (!flavors.overridable) xml += ' OVERRIDABLE="false"';
  if (!flavors.tosubclass) xml += ' TOSUBCLASS="false"';
  if (flavors.toinstance) xml += ' TOINSTANCE="true"';
  if (flavors.translatable) xml += ' TRANSLATABLE="true"';
  return xml;
}

/** QUALIFIER.DECLARATION with ISARRAY always stated and SCOPE listing the scopes that apply. */
export function encodeQualifierDeclaration(decl: CIMQualifierDeclaration): string {
  const size = decl.arraySize !== undefined ? ` ARRAYSIZE="${decl.arraySize}"` : '';
  let scope = '';
  for (const name of decl.scopes) scope += ` ${name.toUpperCase()}="true"`;
  const value = encodeValue(decl.type, decl.value);
  return `<QUALIFIER.DECLARATION NAME="${escapeAttribute(decl.name)}" TYPE="${decl.type}" ISARRAY="${decl.isArray ? 'true' : 'false'}"${size}${flavorAttributes(decl.flavors)}>` +
    `${scope ? `<SCOPE${scope}/>` : ''}${value}</QUALIFIER.DECLARATION>`;
}

function encodeMethod(method: CIMMethod, options: PropertyOptions): string {
  let xml = `<METHOD NAME="${escapeAttribute(method.name)}" TYPE="${method.returnType}"${commonAttributes(method, options)}>`;
  if (options.qualifiers) xml += encodeQualifiers(method.qualifiers);
  for (const parameter of method.parameters.values()) xml += encodeParameter(parameter, options);
  return xml + '</METHOD>';
}

/** PARAMETER, PARAMETER.ARRAY, PARAMETER.REFERENCE or PARAMETER.REFARRAY. */
function encodeParameter(parameter: CIMParameter, options: PropertyOptions): string {
  const reference = parameter.type === 'reference';
  const element = reference ? (parameter.isArray ? 'PARAMETER.REFARRAY' : 'PARAMETER.REFERENCE') : (parameter.isArray ? 'PARAMETER.ARRAY' : 'PARAMETER');
  let attributes = `NAME="${escapeAttribute(parameter.name)}"`;
  if (reference) {
    if (parameter.referenceClass) attributes += ` REFERENCECLASS="${escapeAttribute(parameter.referenceClass)}"`;
  } else {
    attributes += ` TYPE="${parameter.type}"`;
  }
  if (parameter.isArray && parameter.arraySize !== undefined) attributes += ` ARRAYSIZE="${parameter.arraySize}"`;
  const qualifiers = options.qualifiers ? encodeQualifiers(parameter.qualifiers) : '';
  return `<${element} ${attributes}>${qualifiers}</${element}>`;
}

function pathOf(instance: CIMInstance): CIMInstanceName {
  if (!instance.path) throw new EncodeError(`the ${instance.classname} instance has no path`);
  return instance.path;
}

/** The elements that hold an instance with its path, before its INSTANCE. */
export type InstanceWrapper = 'VALUE.NAMEDINSTANCE' | 'VALUE.INSTANCEWITHPATH' | 'VALUE.OBJECTWITHPATH';

/**
 * The start of `wrapper` up to the instance's INSTANCE: INSTANCENAME (key
 * types from the instance) in VALUE.NAMEDINSTANCE, INSTANCEPATH with `host`
 * in the others. Apart, so that a server can keep one INSTANCE text for
 * every wrapper; the wrapper ends with `</${wrapper}>`.
 */
export function instanceWrapperStart(wrapper: InstanceWrapper, instance: CIMInstance, host?: string): string {
  const path = pathOf(instance);
  const name = wrapper === 'VALUE.NAMEDINSTANCE'
    ? encodeInstanceName(path, instance)
    : encodeInstancePath(path, host ?? path.host, path.namespace, instance);
  return flat(`<${wrapper}>${name}`);
}

/** VALUE.NAMEDINSTANCE: INSTANCENAME (key types from the instance) and INSTANCE. */
export function encodeNamedInstance(instance: CIMInstance, options?: InstanceEncodeOptions): string {
  return flat(`${instanceWrapperStart('VALUE.NAMEDINSTANCE', instance)}${encodeInstance(instance, options)}</VALUE.NAMEDINSTANCE>`);
}

/** VALUE.INSTANCEWITHPATH (pull operations): INSTANCEPATH and INSTANCE. */
export function encodeInstanceWithPath(instance: CIMInstance, host?: string, options?: InstanceEncodeOptions): string {
  return flat(`${instanceWrapperStart('VALUE.INSTANCEWITHPATH', instance, host)}${encodeInstance(instance, options)}</VALUE.INSTANCEWITHPATH>`);
}

/**
 * VALUE.OBJECTWITHPATH: (INSTANCEPATH, INSTANCE) or (CLASSPATH, CLASS), the
 * path written with `host` and the path's namespace (Associators, References).
 */
export function encodeObjectWithPath(
  object: CIMInstance | CIMClass, path: CIMObjectPath, host?: string, options: InstanceEncodeOptions & ClassEncodeOptions = {},
): string {
  if (object instanceof CIMInstance) {
    if (!(path instanceof CIMInstanceName)) throw new EncodeError(`an instance of ${object.classname} needs an instance path`);
    return flat(`<VALUE.OBJECTWITHPATH>${encodeInstancePath(path, host ?? path.host, path.namespace, object)}${encodeInstance(object, options)}</VALUE.OBJECTWITHPATH>`);
  }
  if (!(path instanceof CIMClassName)) throw new EncodeError(`the class ${object.classname} needs a class path`);
  return flat(`<VALUE.OBJECTWITHPATH>${encodeClassPath(path, host ?? path.host)}${encodeClass(object, options)}</VALUE.OBJECTWITHPATH>`);
}
