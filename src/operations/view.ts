import { CIMInstance, NocaseMap, type CIMClass, type CIMProperty } from '../cim/index.js';
import type { ClassRepository } from '../repository/types.js';
import type { InstanceView, Result } from './types.js';

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

/**
 * IncludeClassOrigin=true on an instance operation (DSP0200 §5.3.2.2): the
 * published instances do not record which class declared each property, so
 * the answer gets copies carrying the origins of their resolved class. Only
 * on request, as the copies bypass the encoded-XML cache.
 */
export function withClassOrigins(repository: ClassRepository, namespace: string, result: Result): Result {
  if (!('view' in result) || !result.view.includeClassOrigin) return result;
  const withOrigins = (instance: CIMInstance) => originsOf(repository, instance.path?.namespace ?? namespace, instance);
  if (result.kind === 'instance') return { ...result, instance: withOrigins(result.instance) };
  return { ...result, instances: result.instances.map(withOrigins) };
}

function originsOf(repository: ClassRepository, namespace: string, instance: CIMInstance): CIMInstance {
  const cls = repository.getClass(namespace, instance.classname);
  if (!cls) return instance;
  const properties = new NocaseMap<CIMProperty>();
  for (const property of instance.properties.values()) {
    const classOrigin = cls.properties.get(property.name)?.classOrigin;
    properties.set(property.name, classOrigin === undefined ? property : { ...property, classOrigin });
  }
  return new CIMInstance({ classname: instance.classname, properties, qualifiers: instance.qualifiers, path: instance.path });
}
