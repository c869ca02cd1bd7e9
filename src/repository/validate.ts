import {
  CIMInstanceName, checkScalar, isIntegerType, normalizeNamespace, sameName, type CIMClass, type CIMInstance,
  type CIMProperty, type CIMScalar, type CIMValue,
} from '../cim/index.js';
import { notXmlCharacter } from '../cim/xml-chars.js';
import type { ValidationProblem } from './types.js';
import { sameValue } from './values.js';
import { valueMapMatcher } from './valuemap.js';

/** Finds classes of the namespace an instance lives in. */
export interface ClassLookup {
  readonly namespace: string;
  getClass(classname: string): CIMClass | undefined;
}

/**
 * Problems of an instance against its class: abstract class, unknown
 * properties, types, array-ness, values (ValueMap, MaxLen, MinLen,
 * MaxValue, MinValue, fixed array size, reference targets), missing or NULL
 * keys and Required properties, and a path that disagrees with the keys.
 */
export function validateAgainstClass(cls: CIMClass, instance: CIMInstance, lookup: ClassLookup): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (cls.isAbstract) problems.push({ message: `class '${cls.classname}' is abstract: it cannot have instances` });
  for (const prop of instance.properties.values()) {
    const decl = cls.properties.get(prop.name);
    if (!decl) {
      problems.push({ property: prop.name, message: `class '${cls.classname}' has no property '${prop.name}'` });
      continue;
    }
    for (const message of propertyProblems(decl, prop, lookup)) problems.push({ property: decl.name, message });
  }
  const { keys, required } = factsOf(cls);
  for (const [decls, what] of [[keys, 'key'], [required, 'required']] as const) {
    for (const decl of decls) {
      const given = instance.properties.get(decl.name);
      if (given?.value === null || given?.value === undefined) {
        problems.push({ property: decl.name, message: `${what} property '${decl.name}' is ${given ? 'NULL' : 'missing'}` });
      }
    }
  }
  if (instance.path) problems.push(...pathProblems(cls, keys, instance, instance.path));
  return problems;
}

interface ClassFacts {
  readonly keys: readonly CIMProperty[];
  /** Required properties that are not keys. */
  readonly required: readonly CIMProperty[];
}

const facts = new WeakMap<CIMClass, ClassFacts>();

/** What validation needs from a class, computed once per (immutable) class. */
function factsOf(cls: CIMClass): ClassFacts {
  let f = facts.get(cls);
  if (!f) {
    const all = [...cls.properties.values()];
    const isKey = (p: CIMProperty) => p.qualifiers.get('Key')?.value === true;
    f = { keys: all.filter(isKey), required: all.filter((p) => !isKey(p) && p.qualifiers.get('Required')?.value === true) };
    facts.set(cls, f);
  }
  return f;
}

function propertyProblems(decl: CIMProperty, prop: CIMProperty, lookup: ClassLookup): string[] {
  if (prop.type !== decl.type) return [`property '${decl.name}' has type ${prop.type}, the class declares ${decl.type}`];
  const value = prop.value;
  if (value === null) return [];
  if (Array.isArray(value) !== decl.isArray) {
    return [`property '${decl.name}' is ${decl.isArray ? 'an array' : 'a scalar'} in the class, the value is ${Array.isArray(value) ? 'an array' : 'a scalar'}`];
  }
  return valueProblems(decl, value, lookup);
}

/** Problems of a non-NULL value of the element `decl`, in the terms of its qualifiers. */
export function valueProblems(decl: CIMProperty, value: CIMValue, lookup: ClassLookup): string[] {
  if (value === null) return [];
  const problems: string[] = [];
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && decl.arraySize !== undefined && value.length > decl.arraySize) {
    problems.push(`property '${decl.name}' has ${value.length} elements, more than its fixed size ${decl.arraySize}`);
  }
  items.forEach((item, index) => {
    if (item === null) return;
    const where = Array.isArray(value) ? `element ${index} of property '${decl.name}'` : `property '${decl.name}'`;
    const typeProblem = checkScalar(decl.type, item);
    if (typeProblem) problems.push(`${where}: ${typeProblem}`);
    else problems.push(...scalarProblems(decl, item, where, lookup));
  });
  return problems;
}

function scalarProblems(decl: CIMProperty, item: CIMScalar, where: string, lookup: ClassLookup): string[] {
  const problems: string[] = [];
  const q = (name: string): CIMValue | undefined => decl.qualifiers.get(name)?.value ?? undefined;
  const valueMap = q('ValueMap');
  if (Array.isArray(valueMap) && (isIntegerType(decl.type) || decl.type === 'string') && !valueMapMatcher(valueMap as CIMScalar[], decl.type)(item)) {
    problems.push(`${where}: ${typeof item === 'string' ? JSON.stringify(item) : String(item)} is not in its ValueMap`);
  }
  if (typeof item === 'string' && decl.type === 'string') {
    const length = [...item].length;
    const maxLen = q('MaxLen');
    const minLen = q('MinLen');
    if (typeof maxLen === 'number' && length > maxLen) problems.push(`${where}: ${length} characters, more than MaxLen(${maxLen})`);
    if (typeof minLen === 'number' && length < minLen) problems.push(`${where}: ${length} characters, fewer than MinLen(${minLen})`);
    const notXml = notXmlCharacter(item);
    if (notXml) problems.push(`${where}: ${notXml} is not a character CIM-XML can carry`);
  }
  if (typeof item === 'number' || typeof item === 'bigint') {
    const max = q('MaxValue');
    const min = q('MinValue');
    if ((typeof max === 'bigint' || typeof max === 'number') && compare(item, max) > 0) problems.push(`${where}: ${item} is above MaxValue(${max})`);
    if ((typeof min === 'bigint' || typeof min === 'number') && compare(item, min) < 0) problems.push(`${where}: ${item} is below MinValue(${min})`);
  }
  if (item instanceof CIMInstanceName && decl.referenceClass) {
    const problem = referenceProblem(decl.referenceClass, item, lookup);
    if (problem) problems.push(`${where}: ${problem}`);
  }
  return problems;
}

function compare(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A reference within the namespace must point at the reference class or a subclass of it. */
function referenceProblem(referenceClass: string, target: CIMInstanceName, lookup: ClassLookup): string | undefined {
  if (target.namespace !== undefined && normalizeNamespace(target.namespace) !== normalizeNamespace(lookup.namespace)) return undefined;
  let cls = lookup.getClass(target.classname);
  if (!cls) return `refers to an instance of '${target.classname}', a class that does not exist`;
  for (; cls; cls = cls.superclass ? lookup.getClass(cls.superclass) : undefined) {
    if (sameName(cls.classname, referenceClass)) return undefined;
  }
  return `refers to an instance of '${target.classname}', which is not a '${referenceClass}'`;
}

function pathProblems(cls: CIMClass, keys: readonly CIMProperty[], instance: CIMInstance, path: CIMInstanceName): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (!sameName(path.classname, instance.classname)) {
    problems.push({ message: `the path names class '${path.classname}', the instance is of class '${instance.classname}'` });
  }
  for (const name of path.keybindings.keys()) {
    if (!keys.some((k) => sameName(k.name, name))) problems.push({ property: name, message: `path key '${name}' is not a key property of '${cls.classname}'` });
  }
  for (const { name } of keys) {
    const bound = path.keybindings.get(name);
    const value = instance.properties.get(name)?.value ?? null;
    if (bound === undefined) problems.push({ property: name, message: `the path has no value for key '${name}'` });
    else if (value !== null && !sameValue(bound, value)) problems.push({ property: name, message: `the path's key '${name}' differs from the property value` });
  }
  return problems;
}
