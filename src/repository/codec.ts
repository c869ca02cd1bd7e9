import {
  CIMClass, CIMDateTime, CIMInstance, CIMInstanceName, NocaseMap, type CIMKeyValue, type CIMMethod, type CIMParameter,
  type CIMProperty, type CIMQualifier, type CIMQualifierDeclaration, type CIMScalar, type CIMValue,
} from '../cim/index.js';
import type { ResolvedNamespace } from './resolver.js';

/**
 * Resolved namespaces as plain data for the v8 serializer, and back.
 * NocaseMaps become entry lists and datetimes and paths tagged objects;
 * everything else is kept as is. Each object is converted once, so what the
 * resolver shares (inherited members, the classes of namespaces with the same
 * declarations) stays shared through the serializer, which keeps identity,
 * and after decoding.
 */

type Entries<T> = [string, T][];

interface PlainNamespace {
  name: string;
  qualifiers: Entries<CIMQualifierDeclaration>;
  classes: Entries<PlainClass>;
  instances: PlainInstance[];
}

interface PlainClass {
  classname: string;
  superclass: string | undefined;
  properties: Entries<PlainProperty>;
  methods: Entries<PlainMethod>;
  qualifiers: Entries<CIMQualifier>;
}

type PlainProperty = Omit<CIMProperty, 'qualifiers' | 'value'> & { qualifiers: Entries<CIMQualifier>; value: unknown };
type PlainParameter = Omit<CIMParameter, 'qualifiers'> & { qualifiers: Entries<CIMQualifier> };
type PlainMethod = Omit<CIMMethod, 'qualifiers' | 'parameters'> & { qualifiers: Entries<CIMQualifier>; parameters: Entries<PlainParameter> };

interface PlainInstance {
  classname: string;
  properties: Entries<PlainProperty>;
  qualifiers: Entries<CIMQualifier>;
  path: unknown;
}

interface PlainPath {
  $path: { classname: string; keybindings: [string, unknown][]; namespace: string | undefined; host: string | undefined };
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

/** Whether a value needs no conversion: a primitive, NULL, or an array of those. */
function isPlain(v: unknown): boolean {
  return Array.isArray(v) ? !v.some(isObject) : !isObject(v);
}

/** Memoizes a conversion per source object, so that shared objects stay shared. */
function memo<A extends object, B>(fn: (a: A) => B): (a: A) => B {
  const done = new Map<A, B>();
  return (a) => {
    let b = done.get(a);
    if (b === undefined) done.set(a, (b = fn(a)));
    return b;
  };
}

export function encodeNamespaces(namespaces: readonly ResolvedNamespace[]): unknown {
  const array = memo((a: (CIMScalar | null)[]): unknown[] => (a.some(isObject) ? a.map((x) => (x === null ? null : scalar(x))) : a));
  const value = (v: CIMValue): unknown => (Array.isArray(v) ? array(v) : v === null ? null : scalar(v));
  const scalar = (v: CIMScalar): unknown => {
    if (v instanceof CIMDateTime) return { $datetime: v.value };
    if (v instanceof CIMInstanceName) return path(v);
    if (v instanceof CIMInstance || v instanceof CIMClass) throw new TypeError('an embedded object cannot be cached');
    return v;
  };
  const path = memo((p: CIMInstanceName): PlainPath => ({
    $path: { classname: p.classname, keybindings: [...p.keybindings].map(([k, v]) => [k, scalar(v)]), namespace: p.namespace, host: p.host },
  }));
  const qualifier = memo((q: CIMQualifier): CIMQualifier => (isPlain(q.value) ? q : { ...q, value: value(q.value) as CIMValue }));
  const qualifiers = memo((q: NocaseMap<CIMQualifier>): Entries<CIMQualifier> => [...q].map(([k, x]) => [k, qualifier(x)]));
  const property = memo((p: CIMProperty): PlainProperty => ({ ...p, qualifiers: qualifiers(p.qualifiers), value: value(p.value) }));
  const parameter = memo((p: CIMParameter): PlainParameter => ({ ...p, qualifiers: qualifiers(p.qualifiers) }));
  const method = memo((m: CIMMethod): PlainMethod => ({
    ...m, qualifiers: qualifiers(m.qualifiers), parameters: [...m.parameters].map(([k, p]) => [k, parameter(p)]),
  }));
  const cls = memo((c: CIMClass): PlainClass => ({
    classname: c.classname,
    superclass: c.superclass,
    properties: [...c.properties].map(([k, p]) => [k, property(p)]),
    methods: [...c.methods].map(([k, m]) => [k, method(m)]),
    qualifiers: qualifiers(c.qualifiers),
  }));
  const classes = memo((c: NocaseMap<CIMClass>): Entries<PlainClass> => [...c].map(([k, x]) => [k, cls(x)]));
  const declarations = memo((d: NocaseMap<CIMQualifierDeclaration>): Entries<CIMQualifierDeclaration> =>
    [...d].map(([k, x]) => [k, { ...x, value: value(x.value) as CIMValue }]));
  const instances = memo((list: readonly CIMInstance[]): PlainInstance[] => list.map((i) => ({
    classname: i.classname,
    properties: [...i.properties].map(([k, p]) => [k, property(p)]),
    qualifiers: qualifiers(i.qualifiers),
    path: i.path ? path(i.path) : undefined,
  })));
  return namespaces.map((ns): PlainNamespace => ({
    name: ns.name, qualifiers: declarations(ns.qualifiers), classes: classes(ns.classes), instances: instances(ns.instances),
  }));
}

/**
 * One string for each distinct value, in place: v8.deserialize makes a new
 * string of every occurrence ("string" some 2,000 times in the DMTF schema,
 * "ValueMap", "Unknown"…). Strings, and the elements of string arrays, are
 * replaced; other values are left as they are.
 */
function interner(): <T>(value: T) => T {
  const strings = new Map<string, string>();
  const intern = <T>(value: T): T => {
    if (typeof value === 'string') {
      const known = strings.get(value);
      if (known !== undefined) return known as T;
      strings.set(value, value);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = intern(value[i]);
    }
    return value;
  };
  return intern;
}

/** `object` with its own string (and string array) properties interned. */
function internFields<T extends object>(object: T, intern: <V>(value: V) => V): T {
  const fields = object as Record<string, unknown>;
  for (const key of Object.keys(fields)) fields[key] = intern(fields[key]);
  return object;
}

export function decodeNamespaces(data: unknown): ResolvedNamespace[] {
  const intern = interner();
  const fields = <T extends object>(object: T): T => internFields(object, intern);
  const array = memo((a: unknown[]): (CIMScalar | null)[] => (a.some(isObject) ? a.map((x) => (x === null ? null : scalar(x))) : (a as CIMScalar[])));
  const value = (v: unknown): CIMValue => (Array.isArray(v) ? array(v) : v === null ? null : scalar(v));
  const scalar = (v: unknown): CIMScalar => {
    if (typeof v !== 'object' || v === null) return intern(v as CIMScalar);
    if ('$datetime' in v) return CIMDateTime.parse((v as { $datetime: string }).$datetime);
    return path(v as PlainPath);
  };
  const path = memo((p: PlainPath): CIMInstanceName => new CIMInstanceName({
    ...p.$path, keybindings: p.$path.keybindings.map(([k, x]) => [intern(k), scalar(x) as CIMKeyValue]),
  }));
  // NocaseMap keeps each key's spelling once for the process already.
  const map = <P, T>(entries: Entries<P>, fn: (p: P) => T): NocaseMap<T> => new NocaseMap(entries.map(([k, p]) => [k, fn(p)]));
  const qualifier = memo((q: CIMQualifier): CIMQualifier => fields(isPlain(q.value) ? q : { ...q, value: value(q.value) }));
  const qualifiers = memo((q: Entries<CIMQualifier>) => map(q, qualifier));
  const property = memo((p: PlainProperty): CIMProperty => fields({ ...p, qualifiers: qualifiers(p.qualifiers), value: value(p.value) }));
  const parameter = memo((p: PlainParameter): CIMParameter => fields({ ...p, qualifiers: qualifiers(p.qualifiers) }));
  const method = memo((m: PlainMethod): CIMMethod => fields({ ...m, qualifiers: qualifiers(m.qualifiers), parameters: map(m.parameters, parameter) }));
  const cls = memo((c: PlainClass): CIMClass => new CIMClass({
    classname: intern(c.classname),
    superclass: intern(c.superclass),
    properties: map(c.properties, property),
    methods: map(c.methods, method),
    qualifiers: qualifiers(c.qualifiers),
  }));
  const classes = memo((c: Entries<PlainClass>) => map(c, cls));
  const declarations = memo((d: Entries<CIMQualifierDeclaration>) => map(d, (x): CIMQualifierDeclaration => fields({ ...x, value: value(x.value) })));
  const instances = memo((list: PlainInstance[]): CIMInstance[] => list.map((i) => new CIMInstance({
    classname: intern(i.classname),
    properties: map(i.properties, property),
    qualifiers: qualifiers(i.qualifiers),
    path: i.path ? path(i.path as PlainPath) : undefined,
  })));
  return (data as PlainNamespace[]).map((ns) => ({
    name: ns.name, qualifiers: declarations(ns.qualifiers), classes: classes(ns.classes), instances: instances(ns.instances),
  }));
}
