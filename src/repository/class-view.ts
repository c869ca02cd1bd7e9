import { CIMClass, NocaseMap, type CIMMethod, type CIMParameter, type CIMProperty, type CIMQualifier } from '../cim/index.js';
import type { ClassViewOptions } from './types.js';

/**
 * A copy of a resolved class shaped by the class-operation flags (DSP0200
 * GetClass / EnumerateClasses):
 * - localOnly: only the properties, methods and class qualifiers defined or
 *   overridden in this class (nothing propagated unchanged);
 * - includeQualifiers false: no qualifiers anywhere (class, properties,
 *   methods, parameters);
 * - includeClassOrigin false: no class origin on properties and methods;
 * - propertyList: only the named properties (case-insensitive; unknown names
 *   ignored, [] keeps none); methods are not affected.
 * Flags left undefined keep what the class has.
 */
export function classView(cls: CIMClass, options: ClassViewOptions): CIMClass {
  const keepQualifiers = options.includeQualifiers !== false;
  const keepOrigin = options.includeClassOrigin !== false;
  const wanted = options.propertyList ? new Set(options.propertyList.map((n) => n.toLowerCase())) : undefined;
  // Views, like classes, are read-only: the shared empty map serves every element.
  const qualifiers = (q: NocaseMap<CIMQualifier>) => (keepQualifiers ? q : NocaseMap.empty<CIMQualifier>());

  const properties = new NocaseMap<CIMProperty>();
  for (const p of cls.properties.values()) {
    if (options.localOnly && p.propagated) continue;
    if (wanted && !wanted.has(p.name.toLowerCase())) continue;
    properties.set(p.name, shape(p, qualifiers(p.qualifiers), keepOrigin));
  }
  const methods = new NocaseMap<CIMMethod>();
  for (const m of cls.methods.values()) {
    if (options.localOnly && m.propagated) continue;
    const parameters = keepQualifiers ? m.parameters : bareParameters(m.parameters);
    methods.set(m.name, { ...shape(m, qualifiers(m.qualifiers), keepOrigin), parameters });
  }
  const classQualifiers = new NocaseMap<CIMQualifier>();
  if (keepQualifiers) for (const q of cls.qualifiers.values()) if (!(options.localOnly && q.propagated)) classQualifiers.set(q.name, q);
  return new CIMClass({ classname: cls.classname, superclass: cls.superclass, properties, methods, qualifiers: classQualifiers });
}

function shape<T extends { qualifiers: NocaseMap<CIMQualifier>; classOrigin?: string }>(element: T, qualifiers: NocaseMap<CIMQualifier>, keepOrigin: boolean): T {
  if (element.qualifiers === qualifiers && keepOrigin) return element;
  return keepOrigin ? { ...element, qualifiers } : { ...element, qualifiers, classOrigin: undefined };
}

function bareParameters(parameters: NocaseMap<CIMParameter>): NocaseMap<CIMParameter> {
  const out = new NocaseMap<CIMParameter>();
  for (const p of parameters.values()) out.set(p.name, { ...p, qualifiers: NocaseMap.empty<CIMQualifier>() });
  return out;
}
