import { normalizeNamespace } from './instance-name.js';
import { sameName } from './nocase.js';

export interface CIMClassNameInit {
  classname: string;
  namespace?: string;
  host?: string;
}

/**
 * A class path (pywbem's CIMClassName): host, namespace and class name. The
 * target of a static method call, the ObjectName of a schema-level
 * association query, and the class form of an object path.
 */
export class CIMClassName {
  readonly kind = 'classname' as const;
  readonly classname: string;
  readonly namespace: string | undefined;
  readonly host: string | undefined;

  constructor(init: CIMClassNameInit) {
    this.classname = init.classname;
    this.namespace = init.namespace;
    this.host = init.host;
  }

  /** Same class, same namespace when both have one (names and namespaces ignore case). */
  equals(other: CIMClassName): boolean {
    if (!sameName(this.classname, other.classname)) return false;
    if (this.namespace === undefined || other.namespace === undefined) return true;
    return normalizeNamespace(this.namespace) === normalizeNamespace(other.namespace);
  }

  /** The WBEM URI form of DSP0207, as used in the CIMObject header. */
  toString(): string {
    if (!this.namespace) return this.classname;
    return this.host ? `//${this.host}/${this.namespace}:${this.classname}` : `${this.namespace}:${this.classname}`;
  }
}
