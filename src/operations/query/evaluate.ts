import {
  CIMDateTime, CIMError, CIMStatus, isNumericType, type CIMClass, type CIMInstance, type CIMProperty,
  type CIMScalar, type CIMType,
} from '../../cim/index.js';
import type { Condition, Literal, Query } from './wql.js';

/** Whether `classname` is `ancestor` or one of its subclasses. */
export type IsA = (classname: string, ancestor: string) => boolean;

/**
 * Checks a parsed query against the FROM class: every property named must
 * exist, and every literal must be comparable with its property's type.
 */
export function checkQuery(query: Query, cls: CIMClass, classExists: (name: string) => boolean): void {
  for (const name of query.properties ?? []) property(cls, name);
  if (query.where) checkCondition(query.where, cls, classExists);
}

function checkCondition(c: Condition, cls: CIMClass, classExists: (name: string) => boolean): void {
  switch (c.kind) {
    case 'and':
    case 'or':
      for (const operand of c.operands) checkCondition(operand, cls, classExists);
      return;
    case 'not':
      checkCondition(c.operand, cls, classExists);
      return;
    case 'isnull':
      property(cls, c.property);
      return;
    case 'isa':
      if (c.property !== undefined) property(cls, c.property);
      if (!classExists(c.classname)) throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: ISA names unknown class ${c.classname}`);
      return;
    case 'compare':
      checkComparable(property(cls, c.property), c.value, c.op);
  }
}

function property(cls: CIMClass, name: string): CIMProperty {
  const p = cls.properties.get(name);
  if (!p) throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: class ${cls.classname} has no property ${name}`);
  return p;
}

function checkComparable(p: CIMProperty, value: Literal, op: string): void {
  if (value === null) return;
  const ok =
    (isNumericType(p.type) && (typeof value === 'number' || typeof value === 'bigint')) ||
    (p.type === 'boolean' && typeof value === 'boolean' && (op === '=' || op === '<>')) ||
    ((p.type === 'string' || p.type === 'char16' || p.type === 'datetime') && typeof value === 'string');
  if (!ok) {
    throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: cannot compare ${p.type} property ${p.name} with ${JSON.stringify(String(value))} using ${op}`);
  }
}

/** True when the instance satisfies the condition (unknown counts as not satisfied). */
export function matches(query: Query, instance: CIMInstance, isa: IsA): boolean {
  return query.where === undefined || evaluate(query.where, instance, isa) === true;
}

/** Three-valued evaluation: true, false or null (unknown). */
export function evaluate(c: Condition, instance: CIMInstance, isa: IsA): boolean | null {
  switch (c.kind) {
    case 'and':
      return chain(c.operands, false, instance, isa);
    case 'or':
      return chain(c.operands, true, instance, isa);
    case 'not': {
      const v = evaluate(c.operand, instance, isa);
      return v === null ? null : !v;
    }
    case 'isnull': {
      const v = instance.get(c.property);
      const isNull = v === null || v === undefined;
      return c.negated ? !isNull : isNull;
    }
    case 'isa':
      return evaluateIsa(c.property, c.classname, instance, isa);
    case 'compare':
      return evaluateCompare(c, instance);
  }
}

/**
 * AND (`decisive` false) or OR (`decisive` true) of the operands: the
 * decisive value as soon as one operand has it, else unknown if one is
 * unknown, else the other value.
 */
function chain(operands: readonly Condition[], decisive: boolean, instance: CIMInstance, isa: IsA): boolean | null {
  let unknown = false;
  for (const operand of operands) {
    const v = evaluate(operand, instance, isa);
    if (v === decisive) return decisive;
    if (v === null) unknown = true;
  }
  return unknown ? null : !decisive;
}

function evaluateIsa(property: string | undefined, classname: string, instance: CIMInstance, isa: IsA): boolean | null {
  if (property === undefined) return isa(instance.classname, classname);
  const v = instance.get(property);
  if (v === null || v === undefined || Array.isArray(v)) return null;
  const target = (v as { classname?: unknown }).classname;
  return typeof target === 'string' ? isa(target, classname) : null;
}

function evaluateCompare(c: Extract<Condition, { kind: 'compare' }>, instance: CIMInstance): boolean | null {
  const p = instance.properties.get(c.property);
  if (!p || p.value === null || c.value === null) return null;
  const values = Array.isArray(p.value) ? p.value : [p.value];
  let result: boolean | null = false;
  for (const v of values) {
    const order = compare(p.type, v, c.value);
    if (order === null) result = result === false ? null : result;
    else if (holds(c.op, c.reversed ? -order : order)) return true;
  }
  return result;
}

function holds(op: string, order: number): boolean {
  switch (op) {
    case '=': return order === 0;
    case '<>': return order !== 0;
    case '<': return order < 0;
    case '<=': return order <= 0;
    case '>': return order > 0;
    default: return order >= 0;
  }
}

/**
 * Orders a property value against a literal: negative, zero or positive, or
 * null when they cannot be compared. Strings compare without case, as WQL does.
 */
function compare(type: CIMType, value: CIMScalar | null, literal: Exclude<Literal, null>): number | null {
  if (value === null) return null;
  if (typeof value === 'boolean' && typeof literal === 'boolean') return value === literal ? 0 : 1;
  if ((typeof value === 'number' || typeof value === 'bigint') && (typeof literal === 'number' || typeof literal === 'bigint')) {
    return compareNumbers(value, literal);
  }
  const text = typeof value === 'string' ? value : value instanceof CIMDateTime ? value.value : undefined;
  if (text !== undefined && typeof literal === 'string') {
    const a = type === 'datetime' ? text : text.toLowerCase();
    const b = type === 'datetime' ? literal : literal.toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return null;
}

function compareNumbers(a: number | bigint, b: number | bigint): number | null {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (Number.isInteger(Number(a)) && Number.isInteger(Number(b)) && (typeof a === 'bigint' || typeof b === 'bigint')) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return null;
  return x < y ? -1 : x > y ? 1 : 0;
}
