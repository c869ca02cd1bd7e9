import type { CIMClass } from '../cim/index.js';
import type { InstanceView } from './types.js';

const ALL: InstanceView = Object.freeze({ properties: undefined, includeQualifiers: false, includeClassOrigin: false });

/**
 * The instance view of a request. LocalOnly is ignored for instances, as
 * deployed servers do (DSP0200 deprecates it; clients that rely on its default
 * would otherwise lose inherited properties). Qualifiers are never sent on
 * instances (deprecated). DeepInheritance=false keeps only the properties of
 * the requested class (DSP0200 §5.3.2.11).
 */
export function instanceView(options: {
  propertyList?: readonly string[] | undefined;
  includeClassOrigin?: boolean;
  requestedClass?: CIMClass;
}): InstanceView {
  const { propertyList, includeClassOrigin = false, requestedClass } = options;
  if (propertyList === undefined && requestedClass === undefined && !includeClassOrigin) return ALL;
  let properties: Set<string> | undefined = propertyList && new Set(propertyList.map((n) => n.toLowerCase()));
  if (requestedClass) {
    const own = [...requestedClass.properties.keys()].map((n) => n.toLowerCase());
    properties = new Set(properties ? own.filter((n) => properties!.has(n)) : own);
  }
  return { properties, includeQualifiers: false, includeClassOrigin };
}
