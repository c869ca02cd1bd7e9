/** The CIM data model: values and types, names, paths, classes, instances, errors. */
export { NocaseMap, sameName } from './nocase.js';
export { CIMDateTime } from './datetime.js';
export {
  CIM_TYPES, checkScalar, integerInRange, integerRange, integerValue, is64Bit, isCIMType, isIntegerType,
  isNumericType, parseInteger, parseReal, realToText, scalarFromText, scalarToText, toReal32,
} from './types.js';
export type { CIMScalar, CIMType, CIMValue, EmbeddedKind, IntegerType } from './types.js';
export { CIMInstanceName, UNNAMED_KEY, normalizeNamespace, sameKeyValue } from './instance-name.js';
export type { CIMInstanceNameInit, CIMKeyValue } from './instance-name.js';
export { CIMClassName } from './class-name.js';
export type { CIMClassNameInit } from './class-name.js';
export { CIMClass, CIMInstance, CIM_SCOPES, DEFAULT_FLAVORS, cimProperty } from './objects.js';
export type {
  CIMClassInit, CIMFlavors, CIMInstanceInit, CIMMethod, CIMParameter, CIMProperty, CIMQualifier,
  CIMQualifierDeclaration, CIMScope,
} from './objects.js';
export { CIMError, CIMStatus, statusName } from './error.js';
export type { CIMStatusCode } from './error.js';
export type { CIMObjectPath, EmbeddedObject, ParamValue } from './param-value.js';
