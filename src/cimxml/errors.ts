import { CIMError, CIMStatus } from '../cim/index.js';

/** Values of the `CIMError` HTTP header (DSP0200 §7.3 / reference §1.5). */
export type CIMErrorHeader =
  | 'unsupported-protocol-version'
  | 'multiple-requests-unsupported'
  | 'unsupported-cim-version'
  | 'unsupported-dtd-version'
  | 'request-not-valid'
  | 'request-not-well-formed'
  | 'request-not-loosely-valid'
  | 'header-mismatch'
  | 'unsupported-operation';

const NOT_IMPLEMENTED: ReadonlySet<CIMErrorHeader> = new Set<CIMErrorHeader>([
  'unsupported-protocol-version', 'multiple-requests-unsupported', 'unsupported-cim-version', 'unsupported-dtd-version',
]);

/** The HTTP status that goes with a CIMError header value: 501 for a version or feature the server lacks, 400 otherwise. */
export function httpStatusOf(cimError: CIMErrorHeader): 400 | 501 {
  return NOT_IMPLEMENTED.has(cimError) ? 501 : 400;
}

/** Where in the XML text a problem is: 1-based line, 0-based column (as saxes counts). */
export interface XmlPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * A protocol fault: the request cannot be processed as a CIM operation and is
 * answered with `httpStatus` and the `CIMError: <cimError>` header, no body.
 * `decodeResponse` throws it too, for a response the client cannot use.
 */
export class ProtocolError extends Error {
  readonly cimError: CIMErrorHeader;
  readonly httpStatus: 400 | 501;
  readonly position: XmlPosition | undefined;

  constructor(cimError: CIMErrorHeader, message: string, position?: XmlPosition, options?: ErrorOptions) {
    super(position ? `${message} (line ${position.line}, column ${position.column})` : message, options);
    this.name = 'ProtocolError';
    this.cimError = cimError;
    this.httpStatus = httpStatusOf(cimError);
    this.position = position;
  }
}

/**
 * A request whose envelope decoded but one of whose values did not (a value
 * that is not of its declared type, an inconsistent key): answered as
 * CIM_ERR_INVALID_PARAMETER inside the (I)METHODRESPONSE named `methodName`,
 * with HTTP 200 (reference §1.5: once the operation is known, parameter
 * problems are CIM errors).
 */
export class InvalidParameterError extends CIMError {
  readonly messageId: string;
  readonly methodName: string;
  /** True for an IMETHODCALL, false for a METHODCALL. */
  readonly intrinsic: boolean;

  /** The namespace of an intrinsic call, when its LOCALNAMESPACEPATH decoded (for the CIMObject check). */
  readonly namespace: string | undefined;

  constructor(messageId: string, methodName: string, intrinsic: boolean, description: string,
    options?: ErrorOptions & { namespace?: string }) {
    super(CIMStatus.INVALID_PARAMETER, description, options);
    this.name = 'InvalidParameterError';
    this.messageId = messageId;
    this.methodName = methodName;
    this.intrinsic = intrinsic;
    this.namespace = options?.namespace;
  }
}

/**
 * A value that cannot be written as CIM-XML: a character XML 1.0 does not
 * allow, a value that does not match its declared type, a path without the
 * namespace or host its element needs.
 */
export class EncodeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EncodeError';
  }
}
