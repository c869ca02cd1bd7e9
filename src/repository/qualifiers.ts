import {
  CIM_SCOPES, DEFAULT_FLAVORS, NocaseMap, type CIMFlavors, type CIMQualifier, type CIMQualifierDeclaration,
  type CIMScope, type CIMValue,
} from '../cim/index.js';
import type { MofFlavor, MofQualifier, MofQualifierDeclaration, SourcePosition } from '../mof/index.js';
import { initializerValue, sameValue, ValueError } from './values.js';

/** A qualifier declaration from MOF: typed default, scopes (`any` = all), flavors over DSP0201's defaults. */
export function qualifierDeclaration(decl: MofQualifierDeclaration): CIMQualifierDeclaration {
  return {
    name: decl.name,
    type: decl.type,
    isArray: decl.isArray,
    ...(decl.arraySize !== undefined && { arraySize: decl.arraySize }),
    value: decl.defaultValue ? initializerValue(decl.defaultValue, decl) : null,
    scopes: new Set(decl.scopes.length ? decl.scopes : CIM_SCOPES),
    flavors: Object.freeze(flavorsOf(decl.flavors, DEFAULT_FLAVORS, decl.pos)),
  };
}

export function sameDeclaration(a: CIMQualifierDeclaration, b: CIMQualifierDeclaration): boolean {
  return (
    a.type === b.type && a.isArray === b.isArray && a.arraySize === b.arraySize && sameValue(a.value, b.value) &&
    a.scopes.size === b.scopes.size && [...a.scopes].every((s) => b.scopes.has(s)) &&
    (Object.keys(a.flavors) as (keyof CIMFlavors)[]).every((k) => a.flavors[k] === b.flavors[k])
  );
}

/** Flavors written on a declaration or a qualifier, applied over `base`; contradictions are errors. */
export function flavorsOf(list: readonly MofFlavor[], base: Readonly<CIMFlavors>, pos: SourcePosition): CIMFlavors {
  const has = (f: MofFlavor): boolean => list.includes(f);
  if (has('EnableOverride') && has('DisableOverride')) throw new ValueError(pos, 'flavors EnableOverride and DisableOverride contradict each other');
  if (has('ToSubclass') && has('Restricted')) throw new ValueError(pos, 'flavors ToSubclass and Restricted contradict each other');
  return {
    overridable: has('DisableOverride') ? false : has('EnableOverride') ? true : base.overridable,
    tosubclass: has('Restricted') ? false : has('ToSubclass') ? true : base.tosubclass,
    toinstance: has('ToInstance') || base.toinstance,
    translatable: has('Translatable') || base.translatable,
  };
}

/**
 * The value of a qualifier, typed by its declaration. Named without a value,
 * a boolean qualifier is true (`[Key]`) and any other takes the declared
 * default (DSP0004 §5.6.1). A single value given to an array qualifier is a
 * one-element array.
 */
export function qualifierValue(use: MofQualifier, decl: CIMQualifierDeclaration): CIMValue {
  if (use.value === undefined) return decl.type === 'boolean' && !decl.isArray ? true : decl.value;
  if (decl.isArray && use.value.kind !== 'array' && use.value.kind !== 'null') {
    return initializerValue({ kind: 'array', items: [use.value], pos: use.value.pos }, decl);
  }
  return initializerValue(use.value, decl);
}

/** What a subclass or overriding element inherits: the ToSubclass qualifiers, marked propagated. */
export function propagatedQualifiers(qualifiers: NocaseMap<CIMQualifier>): NocaseMap<CIMQualifier> {
  const out = new NocaseMap<CIMQualifier>();
  for (const q of qualifiers.values()) if (q.flavors.tosubclass) out.set(q.name, q.propagated ? q : { ...q, propagated: true });
  return out;
}

export type Report = (pos: SourcePosition, message: string) => void;

/** Resolves qualifier lists against the declarations of one namespace. */
export class QualifierResolver {
  readonly declarations: NocaseMap<CIMQualifierDeclaration>;
  readonly #report: Report;

  constructor(declarations: NocaseMap<CIMQualifierDeclaration>, report: Report) {
    this.declarations = declarations;
    this.#report = report;
  }

  /**
   * The qualifiers of an element: its own (declared, in scope, typed), then
   * the ToSubclass qualifiers of the element it inherits from that it does
   * not override. Overriding a DisableOverride qualifier with another value
   * is an error. A bad qualifier is reported and left out.
   */
  resolve(uses: readonly MofQualifier[], scope: CIMScope, inherited: NocaseMap<CIMQualifier> | undefined, what: string): NocaseMap<CIMQualifier> {
    const out = new NocaseMap<CIMQualifier>();
    for (const use of uses) {
      const q = this.#qualifier(use, scope, inherited, what, out);
      if (q) out.set(q.name, q);
    }
    if (inherited) {
      for (const q of inherited.values()) {
        if (q.flavors.tosubclass && !out.has(q.name)) out.set(q.name, q.propagated ? q : { ...q, propagated: true });
      }
    }
    return out;
  }

  #qualifier(use: MofQualifier, scope: CIMScope, inherited: NocaseMap<CIMQualifier> | undefined, what: string, seen: NocaseMap<CIMQualifier>): CIMQualifier | undefined {
    const decl = this.declarations.get(use.name);
    if (!decl) return this.#fail(use.pos, `unknown qualifier '${use.name}' on ${what}: no qualifier declaration for it`);
    if (!decl.scopes.has(scope)) {
      const article = /^[aeiou]/.test(scope) ? 'an' : 'a';
      return this.#fail(use.pos, `qualifier '${decl.name}' cannot be used on ${article} ${scope} (${what}); its scope is ${[...decl.scopes].join(', ')}`);
    }
    if (seen.has(decl.name)) return this.#fail(use.pos, `qualifier '${decl.name}' appears twice on ${what}`);
    let value: CIMValue;
    let flavors: Readonly<CIMFlavors>;
    try {
      value = qualifierValue(use, decl);
      flavors = use.flavors.length ? Object.freeze(flavorsOf(use.flavors, decl.flavors, use.pos)) : decl.flavors;
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      return this.#fail(err.pos, `qualifier '${decl.name}' on ${what}: ${err.message}`);
    }
    const parent = inherited?.get(decl.name);
    if (parent && parent.flavors.tosubclass && !parent.flavors.overridable && !sameValue(parent.value, value)) {
      return this.#fail(use.pos, `qualifier '${decl.name}' on ${what} cannot change the inherited value: its flavor is DisableOverride`);
    }
    return { name: decl.name, type: decl.type, value, flavors, propagated: false };
  }

  #fail(pos: SourcePosition, message: string): undefined {
    this.#report(pos, message);
    return undefined;
  }
}
