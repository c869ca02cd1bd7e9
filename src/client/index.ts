/** The CIM-XML client: a pywbem-style WBEMConnection, its errors, and helpers to present and judge what it returns. See README.md. */
export { DEFAULT_MAX_EMPTY_PULLS, DEFAULT_MAX_OBJECT_COUNT, DEFAULT_NAMESPACE, DEFAULT_TIMEOUT_MS, WBEMConnection } from './connection.js';
export type {
  AssociatorOptions, ClassOptions, Credentials, EnumerateClassesOptions, EnumerateInstancesOptions, GetInstanceOptions,
  InstanceOptions, PullOptions, RawReply, ReferenceOptions, WBEMConnectionOptions,
} from './connection.js';
export { AuthError, ClientError, ConnectionError, HTTPError, ParseError, TimeoutError, TLSError } from './errors.js';
export type { ClientErrorCode } from './errors.js';
export { normalizeFingerprint } from './transport.js';
export type { TLSSettings } from './transport.js';
export { DEFAULT_PORTS, parseInstancePath, parseServerURL, WBEMURIError } from './wbem-uri.js';
export type { ServerURL } from './wbem-uri.js';
export { NetrcError, netrcEntry, parseNetrc } from './netrc.js';
export type { Netrc, NetrcEntry } from './netrc.js';
export {
  classJson, displayText, UNDISPLAYABLE, instanceJson, jsonText, qualifiersJson, renderTable, scalarText, valueJson, valueMapTranslator, valueText,
} from './format.js';
export type { CellPainter, Json, Translator } from './format.js';
export {
  collectInventory, currentValue, elementName, elementStatus, evaluateHealth, EXIT_CODES, problems, scaleReading, sensorReading, sensorUnit,
  THRESHOLDS, worstState,
} from './health.js';
export { withUnit } from './quantity.js';
export type {
  ElementKind, ElementStatus, HealthElement, HealthFilter, HealthReport, HostInventory, MissingClass, NagiosState, Reading,
  SensorReading, ThresholdName,
} from './health.js';
