/**
 * A method parameter's value as the wire carried it (the content of a
 * CIM-XML IPARAMVALUE or PARAMVALUE): the decoder produces it, the operations
 * give it meaning with the class definitions.
 */
import type { CIMClassName } from './class-name.js';
import type { CIMInstanceName } from './instance-name.js';
import type { CIMClass, CIMInstance, CIMQualifierDeclaration } from './objects.js';

/** An object path: an instance path or a class path (OBJECTPATH, VALUE.REFERENCE). */
export type CIMObjectPath = CIMInstanceName | CIMClassName;

/** An embedded object decoded from the escaped XML of a VALUE (EmbeddedObject="instance"/"object"). */
export type EmbeddedObject = CIMInstance | CIMClass;

/**
 * The value of an IPARAMVALUE or PARAMVALUE, one variant per child element.
 * Scalar text is kept untyped (the wire has no type for intrinsic parameters);
 * when the parameter carries EmbeddedObject, `embedded` holds the parsed objects.
 */
export type ParamValue =
  /** No child: the NULL value (`<IPARAMVALUE NAME="PropertyList"/>`). */
  | { readonly kind: 'null' }
  | { readonly kind: 'value'; readonly text: string; readonly embedded?: EmbeddedObject }
  | { readonly kind: 'array'; readonly items: readonly (string | null)[]; readonly embedded?: readonly (EmbeddedObject | null)[] }
  | { readonly kind: 'reference'; readonly path: CIMObjectPath }
  | { readonly kind: 'refarray'; readonly items: readonly (CIMObjectPath | null)[] }
  | { readonly kind: 'classname'; readonly name: string }
  | { readonly kind: 'instancename'; readonly path: CIMInstanceName }
  | { readonly kind: 'instance'; readonly instance: CIMInstance }
  /** VALUE.NAMEDINSTANCE; `instance.path` is `path` too. */
  | { readonly kind: 'namedinstance'; readonly path: CIMInstanceName; readonly instance: CIMInstance }
  | { readonly kind: 'class'; readonly cls: CIMClass }
  | { readonly kind: 'qualifierdeclaration'; readonly decl: CIMQualifierDeclaration };
