import { NocaseMap, normalizeNamespace, type CIMClass, type CIMInstance, type CIMQualifierDeclaration } from '../cim/index.js';
import { classView } from './class-view.js';
import type { ResolvedNamespace } from './resolver.js';
import type { ClassRepository, ClassViewOptions, ValidationProblem } from './types.js';
import { validateAgainstClass } from './validate.js';

/** Subclass links of one set of classes, built once and shared by namespaces that share the classes. */
interface Hierarchy {
  /** Direct subclasses per lower-cased class name; '' holds the top-level classes. */
  readonly children: Map<string, string[]>;
}

const hierarchies = new WeakMap<NocaseMap<CIMClass>, Hierarchy>();

function hierarchyOf(classes: NocaseMap<CIMClass>): Hierarchy {
  let h = hierarchies.get(classes);
  if (!h) {
    const children = new Map<string, string[]>([['', []]]);
    for (const cls of classes.values()) {
      const parent = cls.superclass?.toLowerCase() ?? '';
      let list = children.get(parent);
      if (!list) children.set(parent, (list = []));
      list.push(cls.classname);
    }
    h = { children };
    hierarchies.set(classes, h);
  }
  return h;
}

/**
 * The class repository (ClassRepository): immutable namespaces of resolved
 * classes, qualifier declarations and the instances MOF declared. Names of
 * namespaces, classes and members are looked up without case; namespace
 * aliases (e.g. 'interop') resolve to their namespace.
 */
export class Repository implements ClassRepository {
  readonly #namespaces = new Map<string, ResolvedNamespace>();
  readonly #aliases = new Map<string, string>();

  /** `aliases` maps an alias to the name of one of `namespaces`; aliases of unknown namespaces are ignored. */
  constructor(namespaces: readonly ResolvedNamespace[], aliases: Readonly<Record<string, string>> = {}) {
    for (const ns of namespaces) this.#namespaces.set(normalizeNamespace(ns.name), ns);
    for (const [alias, target] of Object.entries(aliases)) {
      const ns = this.#namespaces.get(normalizeNamespace(target));
      if (ns) this.#aliases.set(normalizeNamespace(alias), ns.name);
    }
  }

  namespaces(): string[] {
    return [...this.#namespaces.values()].map((ns) => ns.name);
  }

  resolveNamespace(namespace: string): string | undefined {
    const key = normalizeNamespace(namespace);
    return this.#namespaces.get(key)?.name ?? this.#aliases.get(key);
  }

  getClass(namespace: string, classname: string): CIMClass | undefined {
    return this.#ns(namespace)?.classes.get(classname);
  }

  classNames(namespace: string): string[] {
    return [...(this.#ns(namespace)?.classes.keys() ?? [])];
  }

  subclassNames(namespace: string, classname: string | undefined, deep: boolean): string[] {
    const ns = this.#ns(namespace);
    if (!ns || (classname !== undefined && !ns.classes.has(classname))) return [];
    const { children } = hierarchyOf(ns.classes);
    const direct = (name: string) => children.get(name.toLowerCase()) ?? [];
    const out: string[] = [];
    const visit = (name: string): void => {
      for (const child of direct(name)) {
        out.push(child);
        if (deep) visit(child);
      }
    };
    visit(classname ?? '');
    return out;
  }

  superclassChain(namespace: string, classname: string): string[] {
    const ns = this.#ns(namespace);
    const chain: string[] = [];
    for (let cls = ns?.classes.get(classname); cls; cls = cls.superclass ? ns?.classes.get(cls.superclass) : undefined) {
      chain.push(cls.classname);
    }
    return chain;
  }

  /** True when `classname` is `ancestor` itself or descends from it. */
  isSubclassOf(namespace: string, classname: string, ancestor: string): boolean {
    const target = ancestor.toLowerCase();
    return this.superclassChain(namespace, classname).some((name) => name.toLowerCase() === target);
  }

  qualifierDeclarations(namespace: string): NocaseMap<CIMQualifierDeclaration> {
    return this.#ns(namespace)?.qualifiers ?? new NocaseMap();
  }

  classView(cls: CIMClass, options: ClassViewOptions): CIMClass {
    return classView(cls, options);
  }

  validateInstance(namespace: string, instance: CIMInstance): ValidationProblem[] {
    const ns = this.#ns(namespace);
    if (!ns) return [{ message: `namespace '${namespace}' does not exist` }];
    const cls = ns.classes.get(instance.classname);
    if (!cls) return [{ message: `class '${instance.classname}' does not exist in namespace '${ns.name}'` }];
    return validateAgainstClass(cls, instance, { namespace: ns.name, getClass: (name) => ns.classes.get(name) });
  }

  /** The instances MOF declared (`instance of`) in a namespace, in declaration order. */
  instances(namespace: string): readonly CIMInstance[] {
    return this.#ns(namespace)?.instances ?? [];
  }

  #ns(namespace: string): ResolvedNamespace | undefined {
    const name = this.resolveNamespace(namespace);
    return name === undefined ? undefined : this.#namespaces.get(normalizeNamespace(name));
  }
}
