/**
 * CIM-XML (DSP0201) decoding and encoding, shared by the server (requests in,
 * responses out) and the client (requests out, responses in). See README.md.
 */
export { decodeRequest, decodeRequestYielding } from './decode/request.js';
export { decodeResponse } from './decode/response.js';
export { DEFAULT_DECODE_LIMITS, resolveLimits } from './limits.js';
export type { DecodeLimits } from './limits.js';
export { EncodeError, InvalidParameterError, ProtocolError, httpStatusOf } from './errors.js';
export type { CIMErrorHeader, XmlPosition } from './errors.js';
export type {
  CIMCorrelator, CIMIMethodCall, CIMIMethodResponse, CIMMethodCall, CIMMethodResponse, CIMObjectPath, CIMParamValue,
  CIMParams, CIMRequest, CIMResponse, CIMReturnValue, EmbeddedObject, ParamType, ParamValue, ParamValueKind, ReturnItem,
} from './types.js';
export {
  cimMessageStart, encodeError, encodeParamValue, encodeReturnValue, imethodResponseEnd, imethodResponseStart,
  ireturnValueEnd, ireturnValueStart, messageEnd, messageStart, methodResponseEnd, methodResponseStart,
} from './encode/message.js';
export {
  embeddedKind, encodeClass, encodeEmbedded, encodeInstance, encodeInstanceWithPath, encodeNamedInstance, encodeObjectWithPath,
  encodeQualifierDeclaration, encodeValue, instanceWrapperStart,
} from './encode/objects.js';
export type { ClassEncodeOptions, InstanceEncodeOptions, InstanceWrapper } from './encode/objects.js';
export {
  encodeClassName, encodeClassPath, encodeInstanceName, encodeInstancePath, encodeLocalClassPath,
  encodeLocalInstancePath, encodeLocalNamespacePath, encodeNamespacePath, encodeObjectPath,
} from './encode/paths.js';
export type { KeyTypeSource } from './encode/paths.js';
export { encodeIMethodCall, encodeMethodCall } from './encode/request.js';
export type { IParamInput, MethodParamInput, ParamsInput } from './encode/request.js';
export { escapeAttribute, escapeText } from './encode/escape.js';
export { EXPORT_INDICATION, encodeExportIndication, encodeExportResponse } from './encode/export.js';
export { decodeExportRequest, decodeExportResponse } from './decode/export.js';
export type { CIMExportRequest, CIMExportResponse } from './decode/export.js';
