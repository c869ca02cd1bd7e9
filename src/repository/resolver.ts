import {
  CIMClass, CIMInstance, CIMInstanceName, NocaseMap, type CIMKeyValue,
  type CIMMethod, type CIMParameter, type CIMProperty, type CIMQualifier, type CIMQualifierDeclaration, type CIMScope,
  type CIMValue, type EmbeddedKind,
} from '../cim/index.js';
import {
  DEFAULT_MOF_LIMITS, formatDiagnostic, type MofClassDeclaration, type MofDeclaration, type MofDiagnostic,
  type MofInstanceDeclaration, type MofMethodDeclaration, type MofPropertyDeclaration, type MofQualifier,
  type MofQualifierDeclaration, type SourcePosition,
} from '../mof/index.js';
import { propagatedQualifiers, QualifierResolver, qualifierDeclaration, sameDeclaration } from './qualifiers.js';
import { validateAgainstClass, valueProblems, type ClassLookup } from './validate.js';
import { initializerValue, ValueError, type AliasLookup } from './values.js';

/** One namespace of resolved classes, qualifier declarations and MOF instances. */
export interface ResolvedNamespace {
  readonly name: string;
  readonly qualifiers: NocaseMap<CIMQualifierDeclaration>;
  /** In declaration order, which puts every superclass before its subclasses. */
  readonly classes: NocaseMap<CIMClass>;
  readonly instances: readonly CIMInstance[];
}

export interface ResolveOptions {
  /** Where declarations without `#pragma namespace` go (each of them). */
  namespaces: readonly string[];
  maxErrors?: number;
}

export interface Resolution {
  namespaces: ResolvedNamespace[];
  errors: MofDiagnostic[];
}

/**
 * Resolves compiled declarations into namespaces: qualifier declarations,
 * classes with inherited members (class origin, propagation, overrides,
 * qualifier flavors) and instances. Namespaces given the same declarations
 * share one resolution (the objects are immutable).
 */
export function resolveDeclarations(declarations: readonly MofDeclaration[], options: ResolveOptions): Resolution {
  const lists = new Map<string, { name: string; declarations: MofDeclaration[] }>();
  const listOf = (name: string) => {
    const key = name.toLowerCase();
    let entry = lists.get(key);
    if (!entry) lists.set(key, (entry = { name, declarations: [] }));
    return entry.declarations;
  };
  for (const ns of options.namespaces) listOf(ns);
  for (const decl of declarations) {
    if (decl.namespace !== undefined) listOf(decl.namespace).push(decl);
    else for (const ns of options.namespaces) listOf(ns).push(decl);
  }
  const errors = new Map<string, MofDiagnostic>();
  const maxErrors = options.maxErrors ?? DEFAULT_MOF_LIMITS.maxErrors;
  const done: { declarations: MofDeclaration[]; result: Omit<ResolvedNamespace, 'name'> }[] = [];
  const namespaces: ResolvedNamespace[] = [];
  for (const { name, declarations: list } of lists.values()) {
    let result = done.find((d) => sameList(d.declarations, list))?.result;
    if (!result) {
      const resolver = new NamespaceResolver(name, (d) => {
        if (errors.size < maxErrors) errors.set(formatDiagnostic(d), d);
      });
      result = resolver.run(list);
      done.push({ declarations: list, result });
    }
    namespaces.push({ name, ...result });
  }
  return { namespaces, errors: [...errors.values()] };
}

function sameList(a: readonly MofDeclaration[], b: readonly MofDeclaration[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

type ClassKind = 'class' | 'association' | 'indication';

class NamespaceResolver implements ClassLookup {
  readonly namespace: string;
  readonly #qualifierDecls = new NocaseMap<CIMQualifierDeclaration>();
  readonly #declaredAt = new NocaseMap<SourcePosition>();
  readonly #classes = new NocaseMap<CIMClass>();
  readonly #instances: CIMInstance[] = [];
  readonly #aliases = new Map<string, { path: CIMInstanceName | undefined; pos: SourcePosition }>();
  /** Checks that need every class of the namespace (reference classes may be declared later). */
  readonly #deferred: (() => void)[] = [];
  readonly #report: (d: MofDiagnostic) => void;
  readonly #qualifiers: QualifierResolver;

  constructor(namespace: string, report: (d: MofDiagnostic) => void) {
    this.namespace = namespace;
    this.#report = report;
    this.#qualifiers = new QualifierResolver(this.#qualifierDecls, (pos, message) => this.#error(pos, message));
  }

  getClass(classname: string): CIMClass | undefined {
    return this.#classes.get(classname);
  }

  run(declarations: readonly MofDeclaration[]): Omit<ResolvedNamespace, 'name'> {
    for (const decl of declarations) {
      if (decl.kind === 'qualifier') this.#qualifierDeclaration(decl);
      else if (decl.kind === 'class') this.#class(decl);
      else this.#instance(decl);
    }
    for (const check of this.#deferred) check();
    return { qualifiers: this.#qualifierDecls, classes: this.#classes, instances: this.#instances };
  }

  #error(pos: SourcePosition, message: string): void {
    this.#report({ file: pos.file, line: pos.line, column: pos.column, message });
  }

  /** Runs `fn`, reporting a ValueError with `context`; undefined on error. */
  #value<T>(context: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      this.#error(err.pos, `${context}: ${err.message}`);
      return undefined;
    }
  }

  // ---- qualifier declarations ----

  #qualifierDeclaration(decl: MofQualifierDeclaration): void {
    const resolved = this.#value(`qualifier declaration '${decl.name}'`, () => qualifierDeclaration(decl));
    if (!resolved) return;
    const earlier = this.#qualifierDecls.get(decl.name);
    if (earlier && !sameDeclaration(earlier, resolved)) {
      this.#error(decl.pos, `qualifier '${decl.name}' is already declared differently${this.#where(`qualifier:${decl.name}`)}`);
    } else if (!earlier) {
      this.#qualifierDecls.set(decl.name, resolved);
      this.#declaredAt.set(`qualifier:${decl.name}`, decl.pos);
    }
  }

  #where(key: string): string {
    const pos = this.#declaredAt.get(key);
    return pos ? ` (at ${pos.file}:${pos.line}:${pos.column})` : '';
  }

  // ---- classes ----

  #class(decl: MofClassDeclaration): void {
    if (this.#classes.has(decl.name)) {
      this.#error(decl.pos, `class '${decl.name}' is already declared${this.#where(`class:${decl.name}`)}`);
      return;
    }
    let superclass: CIMClass | undefined;
    if (decl.superclass !== undefined) {
      superclass = this.#classes.get(decl.superclass);
      if (!superclass) {
        this.#error(decl.pos, `unknown superclass '${decl.superclass}' of class '${decl.name}': a superclass must be declared before its subclasses`);
        return;
      }
    }
    const kind = classKind(decl, superclass);
    const what = `class '${decl.name}'`;
    const qualifiers = this.#qualifiers.resolve(decl.qualifiers, kind, superclass?.qualifiers, what);
    const properties = inherit(superclass?.properties, propagateProperty);
    const local = new Set<string>();
    for (const p of decl.properties) {
      if (this.#firstDeclaration(local, p.name, p.pos, `property '${p.name}' is declared twice in ${what}`)) {
        const resolved = this.#property(decl, kind, p, superclass);
        if (resolved) properties.set(p.name, resolved);
      }
    }
    const methods = inherit(superclass?.methods, propagateMethod);
    for (const m of decl.methods) {
      if (this.#firstDeclaration(local, m.name, m.pos, `'${m.name}' is declared twice in ${what}`)) {
        const resolved = this.#method(decl, m, superclass);
        if (resolved) methods.set(m.name, resolved);
      }
    }
    this.#classes.set(decl.name, new CIMClass({ classname: decl.name, superclass: superclass?.classname, properties, methods, qualifiers }));
    this.#declaredAt.set(`class:${decl.name}`, decl.pos);
  }

  #firstDeclaration(seen: Set<string>, name: string, pos: SourcePosition, message: string): boolean {
    const key = name.toLowerCase();
    if (seen.has(key)) {
      this.#error(pos, message);
      return false;
    }
    seen.add(key);
    return true;
  }

  /**
   * A member overrides the superclass member of the same name (with or
   * without an Override qualifier, which must then name the member itself).
   */
  #overridden(cls: MofClassDeclaration, member: { name: string; qualifiers: readonly MofQualifier[] }, inherited: unknown, noun: string): boolean {
    const override = member.qualifiers.find((q) => q.name.toLowerCase() === 'override');
    if (!override) return true;
    const named = override.value?.kind === 'string' ? override.value.value : undefined;
    if (named !== undefined && named.toLowerCase() !== member.name.toLowerCase()) {
      this.#error(override.pos, `Override("${named}") on ${noun} '${member.name}' of class '${cls.name}' must name the ${noun} itself`);
      return false;
    }
    if (!inherited) {
      this.#error(override.pos, `${noun} '${member.name}' of class '${cls.name}' has Override, but no superclass declares a ${noun} '${member.name}'`);
      return false;
    }
    return true;
  }

  #property(cls: MofClassDeclaration, kind: ClassKind, p: MofPropertyDeclaration, superclass: CIMClass | undefined): CIMProperty | undefined {
    const inherited = superclass?.properties.get(p.name);
    const what = `property '${cls.name}.${p.name}'`;
    if (!this.#overridden(cls, p, inherited, 'property')) return undefined;
    if (p.type === 'reference' && kind !== 'association') {
      this.#error(p.pos, `reference '${p.name}' is only allowed in an association, and class '${cls.name}' is not one`);
      return undefined;
    }
    if (inherited && !this.#sameShape(p, inherited, what)) return undefined;
    const qualifiers = this.#qualifiers.resolve(p.qualifiers, p.type === 'reference' ? 'reference' : 'property', inherited?.qualifiers, what);
    const embeddedObject = this.#embedded(qualifiers, p, what);
    const property: CIMProperty = {
      name: p.name,
      type: p.type,
      value: null,
      isArray: p.isArray,
      ...(p.arraySize !== undefined && { arraySize: p.arraySize }),
      ...(p.referenceClass !== undefined && { referenceClass: p.referenceClass }),
      ...(embeddedObject && { embeddedObject }),
      qualifiers,
      classOrigin: inherited?.classOrigin ?? cls.name,
      propagated: false,
    };
    const value = p.defaultValue ? this.#value(`default value of ${what}`, () => initializerValue(p.defaultValue!, p)) : inherited?.value;
    if (value !== undefined && value !== null) {
      for (const problem of valueProblems(property, value, this)) this.#error(p.defaultValue?.pos ?? p.pos, `default value: ${problem}`);
    }
    this.#checkReference(p, inherited, what);
    return { ...property, value: value ?? null };
  }

  /** An override keeps the type and array-ness of what it overrides. */
  #sameShape(p: MofPropertyDeclaration, inherited: CIMProperty | CIMParameter, what: string): boolean {
    const shape = (t: { type: string; isArray: boolean }) => `${t.type}${t.isArray ? '[]' : ''}`;
    if (shape(p) === shape(inherited)) return true;
    this.#error(p.pos, `${what} is ${shape(p)}, but it overrides one of type ${shape(inherited)}`);
    return false;
  }

  /** Reference classes must exist, and an overriding reference may only narrow its class. */
  #checkReference(p: MofPropertyDeclaration, inherited: { referenceClass?: string } | undefined, what: string): void {
    const target = p.referenceClass;
    if (target === undefined) return;
    this.#deferred.push(() => {
      if (!this.#classes.has(target)) {
        this.#error(p.pos, `${what} refers to class '${target}', which is not declared`);
      } else if (inherited?.referenceClass !== undefined && !this.#isA(target, inherited.referenceClass)) {
        this.#error(p.pos, `${what} refers to '${target}', which is not a subclass of '${inherited.referenceClass}' as the overridden reference requires`);
      }
    });
  }

  #isA(classname: string, ancestor: string): boolean {
    for (let c = this.#classes.get(classname); c; c = c.superclass ? this.#classes.get(c.superclass) : undefined) {
      if (c.classname.toLowerCase() === ancestor.toLowerCase()) return true;
    }
    return false;
  }

  /** EmbeddedInstance("Class") and EmbeddedObject mark a string element as carrying an object. */
  #embedded(qualifiers: NocaseMap<CIMQualifier>, p: MofPropertyDeclaration, what: string): EmbeddedKind | undefined {
    const kind = typeof qualifiers.get('EmbeddedInstance')?.value === 'string' ? 'instance'
      : qualifiers.get('EmbeddedObject')?.value === true ? 'object' : undefined;
    if (kind && p.type !== 'string') {
      this.#error(p.pos, `${what} is ${p.type}: only a string can carry an embedded ${kind}`);
      return undefined;
    }
    return kind;
  }

  #method(cls: MofClassDeclaration, m: MofMethodDeclaration, superclass: CIMClass | undefined): CIMMethod | undefined {
    const inherited = superclass?.methods.get(m.name);
    const what = `method '${cls.name}.${m.name}'`;
    if (!this.#overridden(cls, m, inherited, 'method')) return undefined;
    if (inherited && inherited.returnType !== m.returnType) {
      this.#error(m.pos, `${what} returns ${m.returnType}, but it overrides one returning ${inherited.returnType}`);
      return undefined;
    }
    const parameters = new NocaseMap<CIMParameter>();
    for (const p of m.parameters) {
      if (parameters.has(p.name)) {
        this.#error(p.pos, `parameter '${p.name}' is declared twice in ${what}`);
        continue;
      }
      const parameter = this.#parameter(p, inherited?.parameters.get(p.name), `parameter '${p.name}' of ${what}`);
      if (parameter) parameters.set(p.name, parameter);
    }
    return {
      name: m.name,
      returnType: m.returnType,
      parameters,
      qualifiers: this.#qualifiers.resolve(m.qualifiers, 'method', inherited?.qualifiers, what),
      classOrigin: inherited?.classOrigin ?? cls.name,
      propagated: false,
    };
  }

  /** Parameters carry no value in CIM; a MOF default is still checked against the type. */
  #parameter(p: MofPropertyDeclaration, inherited: CIMParameter | undefined, what: string): CIMParameter | undefined {
    if (inherited && !this.#sameShape(p, inherited, what)) return undefined;
    if (p.defaultValue) this.#value(`default value of ${what}`, () => initializerValue(p.defaultValue!, p));
    const qualifiers = this.#qualifiers.resolve(p.qualifiers, 'parameter', inherited?.qualifiers, what);
    const embeddedObject = this.#embedded(qualifiers, p, what);
    this.#checkReference(p, inherited, what);
    return {
      name: p.name,
      type: p.type,
      isArray: p.isArray,
      ...(p.arraySize !== undefined && { arraySize: p.arraySize }),
      ...(p.referenceClass !== undefined && { referenceClass: p.referenceClass }),
      ...(embeddedObject && { embeddedObject }),
      qualifiers,
    };
  }

  // ---- instances ----

  #instance(decl: MofInstanceDeclaration): void {
    const cls = this.#classes.get(decl.classname);
    if (!cls) {
      this.#error(decl.pos, `instance of unknown class '${decl.classname}'`);
      return;
    }
    if (decl.alias !== undefined && this.#aliases.has(decl.alias)) {
      const earlier = this.#aliases.get(decl.alias)!.pos;
      this.#error(decl.pos, `alias '$${decl.alias}' is already defined (at ${earlier.file}:${earlier.line}:${earlier.column})`);
      return;
    }
    const given = this.#instanceValues(decl, cls);
    const properties = new NocaseMap<CIMProperty>();
    for (const p of cls.properties.values()) {
      const value = given.get(p.name);
      if (value) properties.set(p.name, value);
      else if (p.value !== null) properties.set(p.name, { ...p, qualifiers: new NocaseMap(), propagated: true });
    }
    const path = instancePath(cls, properties);
    const instance = new CIMInstance({
      classname: cls.classname,
      properties,
      qualifiers: this.#qualifiers.resolve(decl.qualifiers, classKind(undefined, cls), undefined, `the instance of '${cls.classname}'`),
      path,
    });
    for (const problem of validateAgainstClass(cls, instance, this)) {
      const at = decl.properties.find((p) => problem.property !== undefined && p.name.toLowerCase() === problem.property.toLowerCase());
      this.#error(at?.pos ?? decl.pos, `instance of '${cls.classname}': ${problem.message}`);
    }
    if (decl.alias !== undefined) this.#aliases.set(decl.alias, { path, pos: decl.pos });
    this.#instances.push(instance);
  }

  #instanceValues(decl: MofInstanceDeclaration, cls: CIMClass): NocaseMap<CIMProperty> {
    const given = new NocaseMap<CIMProperty>();
    for (const pv of decl.properties) {
      const p = cls.properties.get(pv.name);
      const what = `property '${pv.name}' of the instance of '${cls.classname}'`;
      if (!p) {
        this.#error(pv.pos, `class '${cls.classname}' has no property '${pv.name}'`);
      } else if (given.has(p.name)) {
        this.#error(pv.pos, `${what} is given twice`);
      } else {
        const value = this.#value(what, () => initializerValue(pv.value, p, this.#alias));
        if (value === undefined) continue;
        const qualifiers = this.#qualifiers.resolve(pv.qualifiers, p.type === 'reference' ? 'reference' : 'property', undefined, what);
        given.set(p.name, { ...p, value, qualifiers, propagated: false });
      }
    }
    return given;
  }

  readonly #alias: AliasLookup = (name, pos) => {
    const entry = this.#aliases.get(name);
    if (!entry) throw new ValueError(pos, `reference to an undefined alias '$${name}' (an alias is defined by an earlier 'instance of ... as $${name}')`);
    if (!entry.path) throw new ValueError(pos, `alias '$${name}' names an instance without a value for every key, so it has no path`);
    return entry.path;
  };
}

/** The kind decides the qualifier scope: an association or indication, inherited or declared here. */
function classKind(decl: MofClassDeclaration | undefined, superclass: CIMClass | undefined): ClassKind {
  const declared = (name: string): boolean => {
    const q = decl?.qualifiers.find((u) => u.name.toLowerCase() === name);
    return q !== undefined && (q.value === undefined || (q.value.kind === 'boolean' && q.value.value));
  };
  if (declared('association') || superclass?.isAssociation) return 'association';
  if (declared('indication') || superclass?.isIndication) return 'indication';
  return 'class';
}

/**
 * The members a subclass starts from: the superclass's, each marked
 * propagated. Members already propagated are shared as they are, so a deep
 * hierarchy does not copy what it inherits unchanged.
 */
function inherit<T extends { propagated: boolean }>(members: NocaseMap<T> | undefined, propagate: (m: T) => T): NocaseMap<T> {
  if (!members) return new NocaseMap<T>();
  const out = members.clone();
  for (const [name, m] of members) if (!m.propagated) out.set(name, propagate(m));
  return out;
}

function propagateProperty(p: CIMProperty): CIMProperty {
  return p.propagated ? p : { ...p, propagated: true, qualifiers: propagatedQualifiers(p.qualifiers) };
}

function propagateMethod(m: CIMMethod): CIMMethod {
  if (m.propagated) return m;
  const parameters = new NocaseMap<CIMParameter>();
  for (const p of m.parameters.values()) parameters.set(p.name, { ...p, qualifiers: propagatedQualifiers(p.qualifiers) });
  return { ...m, propagated: true, parameters, qualifiers: propagatedQualifiers(m.qualifiers) };
}

/** The path of an instance whose keys all have values; undefined otherwise. */
function instancePath(cls: CIMClass, properties: NocaseMap<CIMProperty>): CIMInstanceName | undefined {
  const keys: [string, CIMKeyValue][] = [];
  for (const name of cls.keyNames) {
    const value: CIMValue = properties.get(name)?.value ?? null;
    if (value === null || Array.isArray(value) || value instanceof CIMClass || value instanceof CIMInstance) return undefined;
    keys.push([name, value]);
  }
  return keys.length ? new CIMInstanceName({ classname: cls.classname, keybindings: keys }) : undefined;
}
