import {
  CIMDateTime, CIMError, CIMInstance, CIMStatus, isNumericType, type CIMClass, type CIMProperty,
  type CIMScalar, type CIMType,
} from '../../cim/index.js';
import type { Condition, Literal, Query } from './wql.js';

/** Whether `classname` is `ancestor` or one of its subclasses. */
export type IsA = (classname: string, ancestor: string) => boolean;

/** What checking a query needs of the schema. */
export interface QuerySchema {
  getClass(name: string): CIMClass | undefined;
  /** Whether some class has a property of this name (what a path into an EmbeddedObject may name). */
  anyClassHas(property: string): boolean;
}

/**
 * Checks a parsed query against the FROM class: every property named must
 * exist (a path into an embedded object must name a property that exists),
 * and every literal must be comparable with its property's type.
 */
export function checkQuery(query: Query, cls: CIMClass, schema: QuerySchema): void {
  for (const name of query.properties ?? []) property(cls, name);
  if (query.where) checkCondition(query.where, cls, schema);
}

function checkCondition(c: Condition, cls: CIMClass, schema: QuerySchema): void {
  switch (c.kind) {
    case 'and':
    case 'or':
      for (const operand of c.operands) checkCondition(operand, cls, schema);
      return;
    case 'not':
      checkCondition(c.operand, cls, schema);
      return;
    case 'isnull':
      checkPath(cls, c.property, schema);
      return;
    case 'isa': {
      const target = c.property === undefined ? undefined : checkPath(cls, c.property, schema);
      if (target && !isEmbedded(target) && target.type !== 'reference') {
        throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: ${c.property} holds no object, so ISA cannot apply to it`);
      }
      if (!schema.getClass(c.classname)) throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: ISA names unknown class ${c.classname}`);
      return;
    }
    case 'compare': {
      const p = checkPath(cls, c.property, schema);
      if (p) checkComparable(p, c.value, c.op);
      return;
    }
    case 'compareProperties': {
      const left = checkPath(cls, c.left, schema);
      const right = checkPath(cls, c.right, schema);
      if (left && right && !comparableTypes(left.type, right.type)) {
        throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: cannot compare ${left.type} ${c.left} with ${right.type} ${c.right}`);
      }
    }
  }
}

/** One step of a property path: `Name` or `Class::Name`. */
interface Step {
  readonly scope: string | undefined;
  readonly name: string;
}

function steps(path: string): Step[] {
  return path.split('.').map((segment) => {
    const at = segment.indexOf('::');
    return at < 0 ? { scope: undefined, name: segment } : { scope: segment.slice(0, at), name: segment.slice(at + 2) };
  });
}

/**
 * The steps of a path that start at the FROM class: a leading step that is
 * no property of the class qualifies the rest with its class name, as in
 * `CIM_Fan.ElementName`.
 */
function fromClass(cls: { properties: { has(name: string): boolean } }, path: string): Step[] {
  const all = steps(path);
  return all.length > 1 && all[0]!.scope === undefined && !cls.properties.has(all[0]!.name) ? all.slice(1) : all;
}

/**
 * Checks a property path against the class; returns the property it ends
 * at when the schema says which (an unscoped step into an EmbeddedObject
 * can be any class's property, known only when evaluated).
 */
function checkPath(cls: CIMClass, path: string, schema: QuerySchema): CIMProperty | undefined {
  const [first, ...rest] = fromClass(cls, path);
  if (first!.scope !== undefined) scoped(schema, first!, cls.classname);
  let current: CIMProperty | undefined = property(cls, first!.name);
  for (const step of rest) {
    if (current && !isEmbedded(current)) throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: ${current.name} in ${path} holds no embedded object`);
    const embeddedClass = current?.qualifiers.get('EmbeddedInstance')?.value;
    if (step.scope !== undefined) current = scoped(schema, step, undefined);
    else if (typeof embeddedClass === 'string' && schema.getClass(embeddedClass)) current = property(schema.getClass(embeddedClass)!, step.name);
    else if (schema.anyClassHas(step.name)) current = undefined;
    else throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: no class has a property ${step.name} (in ${path})`);
  }
  return current;
}

function scoped(schema: QuerySchema, step: Step, fromClassName: string | undefined): CIMProperty {
  const scope = schema.getClass(step.scope!);
  if (!scope) throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: ${step.scope}::${step.name} names unknown class ${step.scope}`);
  if (fromClassName !== undefined && scope.classname.toLowerCase() !== fromClassName.toLowerCase()) {
    throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: ${step.scope}::${step.name} is not a property of ${fromClassName}`);
  }
  return property(scope, step.name);
}

function isEmbedded(p: CIMProperty): boolean {
  return p.embeddedObject !== undefined || p.qualifiers.get('EmbeddedObject')?.value === true || typeof p.qualifiers.get('EmbeddedInstance')?.value === 'string';
}

function comparableTypes(a: CIMType, b: CIMType): boolean {
  const text = (t: CIMType) => t === 'string' || t === 'char16';
  return (isNumericType(a) && isNumericType(b)) || (text(a) && text(b)) || a === b;
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
      const v = resolve(instance, c.property, isa)?.value;
      const isNull = v === null || v === undefined;
      return c.negated ? !isNull : isNull;
    }
    case 'isa':
      return evaluateIsa(c.property, c.classname, instance, isa);
    case 'compare':
      return evaluateCompare(c, instance, isa);
    case 'compareProperties':
      return evaluatePropertyCompare(c, instance, isa);
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

/**
 * The property a path ends at in this instance, or undefined when the path
 * leads nowhere: a step into a NULL or non-object value, or a scoped step
 * (`CIM_NumericSensor::CurrentReading`) on an object of another class.
 */
function resolve(instance: CIMInstance, path: string, isa: IsA): CIMProperty | undefined {
  // A plain property name, most conditions: one lookup per instance, no splitting.
  if (!path.includes('.') && !path.includes(':')) return instance.properties.get(path);
  let current: CIMInstance = instance;
  const all = fromClass(instance, path);
  for (let i = 0; i < all.length; i++) {
    const step = all[i]!;
    if (step.scope !== undefined && !isa(current.classname, step.scope)) return undefined;
    const p = current.properties.get(step.name);
    if (i === all.length - 1 || p === undefined) return p;
    if (!(p.value instanceof CIMInstance)) return undefined;
    current = p.value;
  }
  return undefined;
}

function evaluateIsa(property: string | undefined, classname: string, instance: CIMInstance, isa: IsA): boolean | null {
  if (property === undefined) return isa(instance.classname, classname);
  const v = resolve(instance, property, isa)?.value;
  if (v === null || v === undefined || Array.isArray(v)) return null;
  const target = (v as { classname?: unknown }).classname;
  return typeof target === 'string' ? isa(target, classname) : null;
}

function evaluateCompare(c: Extract<Condition, { kind: 'compare' }>, instance: CIMInstance, isa: IsA): boolean | null {
  const p = resolve(instance, c.property, isa);
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

/** Two scalar properties; an array, a NULL or values that do not compare make it unknown. */
function evaluatePropertyCompare(c: Extract<Condition, { kind: 'compareProperties' }>, instance: CIMInstance, isa: IsA): boolean | null {
  const left = resolve(instance, c.left, isa);
  const right = resolve(instance, c.right, isa);
  const a = left?.value;
  const b = right?.value;
  if (a === null || a === undefined || b === null || b === undefined || Array.isArray(a) || Array.isArray(b)) return null;
  // The right value plays the literal: text, a number or a boolean.
  const literal = b instanceof CIMDateTime ? b.value : typeof b === 'object' ? undefined : b;
  return literal === undefined ? null : compareOrNull(c.op, compare(left!.type, a, literal));
}

function compareOrNull(op: string, order: number | null): boolean | null {
  return order === null ? null : holds(op, order);
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
