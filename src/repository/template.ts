/**
 * The class defines the instance (DSP0004 §5.1.2.7): a client may read any
 * property its class declares, and clients written for sfcb and OpenPegasus
 * (check_esxi_hardware indexes the properties it reads without checking)
 * assume every one is there. An instance is served with every property of
 * its class: its own value, else the class default, else NULL.
 */
import { CIMInstance, NocaseMap, type CIMClass, type CIMProperty, type CIMQualifier } from '../cim/index.js';


/**
 * One template per resolved class, made on first use: every property in
 * declaration order with its default value (NULL without one). A completed
 * instance reads through to it (NocaseMap.over), so a property an instance
 * leaves unset costs nothing.
 */
const templates = new WeakMap<CIMClass, NocaseMap<CIMProperty>>();

function templateOf(cls: CIMClass): NocaseMap<CIMProperty> {
  let template = templates.get(cls);
  if (template === undefined) {
    template = new NocaseMap();
    for (const p of cls.properties.values()) template.set(p.name, templateProperty(p));
    templates.set(cls, template);
  }
  return template;
}

function templateProperty(declared: CIMProperty): CIMProperty {
  const { name, type, value, isArray, arraySize, referenceClass, embeddedObject, classOrigin } = declared;
  return Object.freeze({
    name, type, value, isArray, qualifiers: NocaseMap.empty<CIMQualifier>(), propagated: false,
    ...(arraySize !== undefined && { arraySize }),
    ...(referenceClass !== undefined && { referenceClass }),
    ...(embeddedObject !== undefined && { embeddedObject }),
    ...(classOrigin !== undefined && { classOrigin }),
  });
}

/**
 * `instance` with every property of `cls`, in the class's order; its own
 * values win. An instance that already has them all is returned as it is.
 * Properties the class does not declare are kept after the class's (the
 * broker validates instances separately and reports those).
 */
export function completeInstance(cls: CIMClass, instance: CIMInstance): CIMInstance {
  const template = templateOf(cls);
  if (instance.properties.hasEvery(template)) return instance;
  const properties = NocaseMap.over(template, instance.properties);
  return new CIMInstance({ classname: instance.classname, properties, qualifiers: instance.qualifiers, path: instance.path });
}
