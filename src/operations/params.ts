import { CIMError, CIMInstanceName, CIMStatus, NocaseMap, parseInteger, type CIMInstance } from '../cim/index.js';
import type { Param, ParamValue } from './types.js';

/**
 * Typed access to an intrinsic call's parameters (DSP0200 §5.3.2). Names match
 * case-insensitively; a parameter the operation does not define, a duplicate
 * and a value of the wrong form are CIM_ERR_INVALID_PARAMETER, which DSP0200
 * gives every operation "including missing, duplicate, unrecognized or
 * otherwise incorrect parameters" (OpenPegasus answers an unrecognized one
 * CIM_ERR_NOT_SUPPORTED).
 */
export class Params {
  readonly #values = new NocaseMap<ParamValue>();

  constructor(operation: string, params: readonly Param[], allowed: readonly string[]) {
    const known = new NocaseMap(allowed.map((n) => [n, true] as const));
    for (const { name, value } of params) {
      if (!known.has(name)) throw new CIMError(CIMStatus.INVALID_PARAMETER, `${operation} has no parameter ${name}`);
      if (this.#values.has(name)) throw new CIMError(CIMStatus.INVALID_PARAMETER, `parameter ${name} is given twice`);
      this.#values.set(known.nameOf(name)!, value);
    }
  }

  /** Whether the parameter was sent (even as NULL). */
  has(name: string): boolean {
    return this.#values.has(name);
  }

  #value(name: string): ParamValue | undefined {
    const v = this.#values.get(name);
    return v?.kind === 'null' ? undefined : v;
  }

  boolean(name: string, fallback: boolean): boolean {
    const v = this.#value(name);
    if (v === undefined) return fallback;
    if (v.kind === 'value') {
      const t = v.text.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
    }
    throw wrong(name, 'a boolean (TRUE or FALSE)');
  }

  /** A uint32 parameter; undefined when absent or NULL. */
  uint32(name: string): number | undefined {
    const v = this.#value(name);
    if (v === undefined) return undefined;
    const n = v.kind === 'value' ? parseInteger(v.text) : undefined;
    if (n === undefined || n < 0n || n > 4294967295n) throw wrong(name, 'a uint32');
    return Number(n);
  }

  string(name: string): string | undefined {
    const v = this.#value(name);
    if (v === undefined) return undefined;
    if (v.kind !== 'value') throw wrong(name, 'a string');
    return v.text;
  }

  requiredString(name: string): string {
    return this.string(name) ?? missing(name);
  }

  className(name: string): string | undefined {
    const v = this.#value(name);
    if (v === undefined) return undefined;
    if (v.kind === 'classname') return v.name;
    throw wrong(name, 'a CLASSNAME');
  }

  requiredClassName(name: string): string {
    return this.className(name) ?? missing(name);
  }

  requiredInstanceName(name: string): CIMInstanceName {
    const v = this.#value(name);
    if (v === undefined) return missing(name);
    if (v.kind === 'instancename') return v.path;
    throw wrong(name, 'an INSTANCENAME');
  }

  /** ObjectName of the association operations: an instance or a class. */
  requiredObjectName(name: string): CIMInstanceName | { classname: string } {
    const v = this.#value(name);
    if (v === undefined) return missing(name);
    if (v.kind === 'instancename') return v.path;
    if (v.kind === 'classname') return { classname: v.name };
    throw wrong(name, 'a CLASSNAME or an INSTANCENAME');
  }

  /** PropertyList: undefined when absent or NULL, [] when empty. */
  propertyList(name = 'PropertyList'): string[] | undefined {
    const v = this.#value(name);
    if (v === undefined) return undefined;
    if (v.kind === 'array' && v.items.every((i) => i !== null)) return v.items as string[];
    throw wrong(name, 'an array of property names');
  }

  requiredInstance(name: string): CIMInstance {
    const v = this.#value(name);
    if (v === undefined) return missing(name);
    if (v.kind === 'instance') return v.instance;
    throw wrong(name, 'an INSTANCE');
  }

  requiredNamedInstance(name: string): { path: CIMInstanceName; instance: CIMInstance } {
    const v = this.#value(name);
    if (v === undefined) return missing(name);
    if (v.kind === 'namedinstance') return { path: v.path, instance: v.instance };
    throw wrong(name, 'a VALUE.NAMEDINSTANCE');
  }

  /** The raw value, for parameters whose type only the class knows (SetProperty NewValue). */
  raw(name: string): ParamValue | undefined {
    return this.#value(name);
  }
}

function wrong(name: string, expected: string): CIMError {
  return new CIMError(CIMStatus.INVALID_PARAMETER, `parameter ${name} must be ${expected}`);
}

function missing(name: string): never {
  throw new CIMError(CIMStatus.INVALID_PARAMETER, `parameter ${name} is required`);
}
