/**
 * CIM-XML (DSP0201) decoding and encoding, shared by the server (requests in,
 * responses out) and the client (requests out, responses in). See README.md.
 */
export { decodeRequest } from './decode/request.js';
export { decodeResponse } from './decode/response.js';
export { DEFAULT_DECODE_LIMITS, resolveLimits } from './limits.js';
export type { DecodeLimits } from './limits.js';
export { EncodeError, InvalidParameterError, ProtocolError, httpStatusOf } from './errors.js';
export type { CIMErrorHeader, XmlPosition } from './errors.js';
export type {
  CIMCorrelator, CIMIMethodCall, CIMIMethodResponse, CIMMethodCall, CIMMethodResponse, CIMObjectPath, CIMParamValue,
  CIMParams, CIMRequest, CIMResponse, CIMReturnValue, EmbeddedObject, ParamType, ParamValue, ParamValueKind, ReturnItem,
} from './types.js';
