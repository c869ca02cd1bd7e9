import type { CIMClass, CIMInstance, CIMQualifierDeclaration, NocaseMap } from '../cim/index.js';

/** What a class operation asks for (DSP0200 GetClass / EnumerateClasses flags). */
export interface ClassViewOptions {
  /** Only the members the class itself declares or overrides (not propagated ones). */
  localOnly?: boolean;
  includeQualifiers?: boolean;
  includeClassOrigin?: boolean;
  /** Properties to keep (case-insensitive); undefined keeps all, [] keeps none. */
  propertyList?: readonly string[];
}

/** One problem with an instance, precise enough to fix the provider that made it. */
export interface ValidationProblem {
  /** The property concerned, when there is one. */
  property?: string;
  message: string;
}

/**
 * The class repository: namespaces of resolved classes (with inherited and
 * propagated members, class origins and flags) and qualifier declarations.
 * Immutable once built; every lookup ignores case and answers with the
 * defining case.
 */
export interface ClassRepository {
  /** Namespace names as defined ('root/cimv2', 'root/interop'). */
  namespaces(): string[];
  /** The defining name of a namespace (aliases resolved, e.g. 'interop'), or undefined. */
  resolveNamespace(namespace: string): string | undefined;
  /** A resolved class, or undefined when the namespace or class is unknown. */
  getClass(namespace: string, classname: string): CIMClass | undefined;
  /** The class names of the namespace, in dependency order (superclasses first). */
  classNames(namespace: string): string[];
  /**
   * Subclass names of `classname` (the top-level classes when undefined),
   * direct only or, with `deep`, all descendants depth-first; [] for an
   * unknown namespace or class.
   */
  subclassNames(namespace: string, classname: string | undefined, deep: boolean): string[];
  /** `classname` and its ancestors, nearest first; [] when unknown. */
  superclassChain(namespace: string, classname: string): string[];
  /** True when `classname` is `ancestor` itself or descends from it. */
  isSubclassOf(namespace: string, classname: string, ancestor: string): boolean;
  qualifierDeclarations(namespace: string): NocaseMap<CIMQualifierDeclaration>;
  /** A copy of the class shaped by the class-operation flags (flags left undefined keep everything). */
  classView(cls: CIMClass, options: ClassViewOptions): CIMClass;
  /** Problems of an instance against its class (empty when valid). */
  validateInstance(namespace: string, instance: CIMInstance): ValidationProblem[];
}
