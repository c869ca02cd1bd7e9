import type { CIMScope, CIMType } from '../cim/index.js';
import type { SourcePosition } from './diagnostics.js';

/**
 * What the MOF parser produces: declarations as written, with positions, not
 * yet checked against qualifier declarations or superclasses (the repository
 * resolves them). Plain data, so that a compiled schema can be cached.
 */

/** A literal value (DSP0004 constantValue, or an alias standing for an instance's path). */
export type MofLiteral =
  | { readonly kind: 'integer'; readonly value: bigint; readonly pos: SourcePosition }
  | { readonly kind: 'real'; readonly value: number; readonly pos: SourcePosition }
  | { readonly kind: 'string'; readonly value: string; readonly pos: SourcePosition }
  | { readonly kind: 'char'; readonly value: string; readonly pos: SourcePosition }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly pos: SourcePosition }
  | { readonly kind: 'null'; readonly pos: SourcePosition }
  | { readonly kind: 'alias'; readonly name: string; readonly pos: SourcePosition };

/** An array initializer `{ a, b, ... }`. */
export interface MofArray {
  readonly kind: 'array';
  readonly items: readonly MofLiteral[];
  readonly pos: SourcePosition;
}

export type MofInitializer = MofLiteral | MofArray;

export type MofFlavor = 'EnableOverride' | 'DisableOverride' | 'ToSubclass' | 'Restricted' | 'Translatable' | 'ToInstance';

/** A qualifier as attached to an element: `Name`, `Name(value)`, `Name {values}`, optionally `: Flavor ...`. */
export interface MofQualifier {
  readonly name: string;
  readonly value: MofInitializer | undefined;
  readonly flavors: readonly MofFlavor[];
  readonly pos: SourcePosition;
}

/** The type of a property, reference or parameter. */
export interface MofTyped {
  readonly type: CIMType;
  /** For references: the class named before `REF`. */
  readonly referenceClass: string | undefined;
  readonly isArray: boolean;
  /** For fixed-size arrays `X[n]`. */
  readonly arraySize: number | undefined;
}

export interface MofQualifierDeclaration {
  readonly kind: 'qualifier';
  readonly name: string;
  readonly type: CIMType;
  readonly isArray: boolean;
  readonly arraySize: number | undefined;
  readonly defaultValue: MofInitializer | undefined;
  /** Empty means `Scope(any)`. */
  readonly scopes: readonly CIMScope[];
  readonly flavors: readonly MofFlavor[];
  readonly pos: SourcePosition;
  /** Set by `#pragma namespace`; undefined means the compilation's default namespaces. */
  readonly namespace?: string;
}

export interface MofPropertyDeclaration extends MofTyped {
  readonly name: string;
  readonly qualifiers: readonly MofQualifier[];
  readonly defaultValue: MofInitializer | undefined;
  readonly pos: SourcePosition;
}

export type MofParameterDeclaration = MofPropertyDeclaration;

export interface MofMethodDeclaration {
  readonly name: string;
  readonly returnType: CIMType;
  readonly qualifiers: readonly MofQualifier[];
  readonly parameters: readonly MofParameterDeclaration[];
  readonly pos: SourcePosition;
}

export interface MofClassDeclaration {
  readonly kind: 'class';
  readonly name: string;
  readonly superclass: string | undefined;
  readonly qualifiers: readonly MofQualifier[];
  readonly properties: readonly MofPropertyDeclaration[];
  readonly methods: readonly MofMethodDeclaration[];
  readonly pos: SourcePosition;
  readonly namespace?: string;
}

/** `Name = value;` inside an instance declaration. */
export interface MofPropertyValue {
  readonly name: string;
  readonly qualifiers: readonly MofQualifier[];
  readonly value: MofInitializer;
  readonly pos: SourcePosition;
}

export interface MofInstanceDeclaration {
  readonly kind: 'instance';
  readonly classname: string;
  /** `as $Alias`, without the `$`. */
  readonly alias: string | undefined;
  readonly qualifiers: readonly MofQualifier[];
  readonly properties: readonly MofPropertyValue[];
  readonly pos: SourcePosition;
  readonly namespace?: string;
}

export interface MofPragma {
  readonly kind: 'pragma';
  readonly name: string;
  readonly args: readonly string[];
  readonly pos: SourcePosition;
}

export type MofDeclaration = MofQualifierDeclaration | MofClassDeclaration | MofInstanceDeclaration;

/** What one file contains, in order: declarations and compiler directives. */
export type MofProduction = MofDeclaration | MofPragma;
