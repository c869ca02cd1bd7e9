import type { CIMInstanceName } from './instance-name.js';
import { NocaseMap } from './nocase.js';
import type { CIMType, CIMValue, EmbeddedKind } from './types.js';

/** Qualifier flavors (DSP0004 §5.6.1), with DSP0201's defaults. */
export interface CIMFlavors {
  overridable: boolean;
  tosubclass: boolean;
  toinstance: boolean;
  translatable: boolean;
}

export const DEFAULT_FLAVORS: Readonly<CIMFlavors> = Object.freeze({
  overridable: true,
  tosubclass: true,
  toinstance: false,
  translatable: false,
});

export type CIMScope = 'class' | 'association' | 'indication' | 'property' | 'reference' | 'method' | 'parameter';
export const CIM_SCOPES: readonly CIMScope[] = ['class', 'association', 'indication', 'property', 'reference', 'method', 'parameter'];

/** A qualifier value attached to an element (pywbem CIMQualifier). */
export interface CIMQualifier {
  readonly name: string;
  readonly type: CIMType;
  readonly value: CIMValue;
  readonly flavors: Readonly<CIMFlavors>;
  /** True when the qualifier came from the superclass or the overridden element. */
  readonly propagated: boolean;
}

/** A qualifier type declaration (pywbem CIMQualifierDeclaration). */
export interface CIMQualifierDeclaration {
  readonly name: string;
  readonly type: CIMType;
  readonly isArray: boolean;
  readonly arraySize?: number;
  readonly value: CIMValue;
  readonly scopes: ReadonlySet<CIMScope>;
  readonly flavors: Readonly<CIMFlavors>;
}

/** A property of a class or instance (pywbem CIMProperty). */
export interface CIMProperty {
  readonly name: string;
  readonly type: CIMType;
  readonly value: CIMValue;
  readonly isArray: boolean;
  readonly arraySize?: number;
  /** For references: the class the reference points to. */
  readonly referenceClass?: string;
  /** For strings carrying an embedded object. */
  readonly embeddedObject?: EmbeddedKind;
  readonly qualifiers: NocaseMap<CIMQualifier>;
  /** The class that first declared the property. */
  readonly classOrigin?: string;
  readonly propagated: boolean;
}

/** A method parameter (pywbem CIMParameter). */
export interface CIMParameter {
  readonly name: string;
  readonly type: CIMType;
  readonly isArray: boolean;
  readonly arraySize?: number;
  readonly referenceClass?: string;
  readonly embeddedObject?: EmbeddedKind;
  readonly qualifiers: NocaseMap<CIMQualifier>;
}

/** A method declaration (pywbem CIMMethod). */
export interface CIMMethod {
  readonly name: string;
  readonly returnType: CIMType;
  readonly parameters: NocaseMap<CIMParameter>;
  readonly qualifiers: NocaseMap<CIMQualifier>;
  readonly classOrigin?: string;
  readonly propagated: boolean;
}

export interface CIMClassInit {
  classname: string;
  superclass?: string;
  properties?: NocaseMap<CIMProperty>;
  methods?: NocaseMap<CIMMethod>;
  qualifiers?: NocaseMap<CIMQualifier>;
}

/** A class declaration (pywbem CIMClass); in a repository, resolved with inherited members. */
export class CIMClass {
  readonly kind = 'class' as const;
  readonly classname: string;
  readonly superclass: string | undefined;
  readonly properties: NocaseMap<CIMProperty>;
  readonly methods: NocaseMap<CIMMethod>;
  readonly qualifiers: NocaseMap<CIMQualifier>;

  constructor(init: CIMClassInit) {
    this.classname = init.classname;
    this.superclass = init.superclass;
    this.properties = init.properties ?? new NocaseMap();
    this.methods = init.methods ?? new NocaseMap();
    this.qualifiers = init.qualifiers ?? new NocaseMap();
  }

  /** The boolean value of a qualifier, false when absent (Key, Abstract, Association, …). */
  hasQualifier(name: string): boolean {
    return this.qualifiers.get(name)?.value === true;
  }

  get isAssociation(): boolean {
    return this.hasQualifier('Association');
  }

  get isIndication(): boolean {
    return this.hasQualifier('Indication');
  }

  get isAbstract(): boolean {
    return this.hasQualifier('Abstract');
  }

  /** The names of the key properties, in declaration order. */
  get keyNames(): string[] {
    const keys: string[] = [];
    for (const p of this.properties.values()) if (p.qualifiers.get('Key')?.value === true) keys.push(p.name);
    return keys;
  }
}

export interface CIMInstanceInit {
  classname: string;
  properties?: NocaseMap<CIMProperty>;
  /** Absent: the shared empty map (NocaseMap.empty()), which cannot change; pass a map of your own to add qualifiers. */
  qualifiers?: NocaseMap<CIMQualifier>;
  path?: CIMInstanceName;
}

/** An instance (pywbem CIMInstance): its class, its property values and, when addressable, its path. */
export class CIMInstance {
  readonly kind = 'instance' as const;
  readonly classname: string;
  readonly properties: NocaseMap<CIMProperty>;
  readonly qualifiers: NocaseMap<CIMQualifier>;
  readonly path: CIMInstanceName | undefined;

  constructor(init: CIMInstanceInit) {
    this.classname = init.classname;
    this.properties = init.properties ?? new NocaseMap();
    this.qualifiers = init.qualifiers ?? NocaseMap.empty();
    this.path = init.path;
  }

  /** The value of a property, undefined when the instance does not have it. */
  get(name: string): CIMValue | undefined {
    return this.properties.get(name)?.value;
  }
}

/**
 * A property with no qualifiers and no origin: what providers and decoders
 * build. Its qualifiers are the shared empty map, which cannot change: give
 * `extra.qualifiers` a map of your own for a property that has some.
 */
export function cimProperty(name: string, type: CIMType, value: CIMValue, extra: Partial<CIMProperty> = {}): CIMProperty {
  return {
    name,
    type,
    value,
    isArray: Array.isArray(value),
    qualifiers: NocaseMap.empty(),
    propagated: false,
    ...extra,
  };
}
