/** CIM status codes (DSP0200 §5.3; CIM_Error.CIMStatusCode ValueMap). */
export const CIMStatus = {
  FAILED: 1,
  ACCESS_DENIED: 2,
  INVALID_NAMESPACE: 3,
  INVALID_PARAMETER: 4,
  INVALID_CLASS: 5,
  NOT_FOUND: 6,
  NOT_SUPPORTED: 7,
  CLASS_HAS_CHILDREN: 8,
  CLASS_HAS_INSTANCES: 9,
  INVALID_SUPERCLASS: 10,
  ALREADY_EXISTS: 11,
  NO_SUCH_PROPERTY: 12,
  TYPE_MISMATCH: 13,
  QUERY_LANGUAGE_NOT_SUPPORTED: 14,
  INVALID_QUERY: 15,
  METHOD_NOT_AVAILABLE: 16,
  METHOD_NOT_FOUND: 17,
  NAMESPACE_NOT_EMPTY: 20,
  INVALID_ENUMERATION_CONTEXT: 21,
  INVALID_OPERATION_TIMEOUT: 22,
  PULL_HAS_BEEN_ABANDONED: 23,
  PULL_CANNOT_BE_ABANDONED: 24,
  FILTERED_ENUMERATION_NOT_SUPPORTED: 25,
  CONTINUATION_ON_ERROR_NOT_SUPPORTED: 26,
  SERVER_LIMITS_EXCEEDED: 27,
  SERVER_IS_SHUTTING_DOWN: 28,
  QUERY_FEATURE_NOT_SUPPORTED: 29,
} as const;

export type CIMStatusCode = (typeof CIMStatus)[keyof typeof CIMStatus];

const NAMES = new Map<number, string>(Object.entries(CIMStatus).map(([name, code]) => [code, `CIM_ERR_${name}`]));

/** The symbolic name of a status code, e.g. `CIM_ERR_NOT_FOUND`. */
export function statusName(code: number): string {
  return NAMES.get(code) ?? `CIM_ERR_${code}`;
}

/**
 * An error of a CIM operation: travels to the client as HTTP 200 with an
 * `<ERROR CODE=… DESCRIPTION=…>` element (DSP0200 §5.3).
 */
export class CIMError extends Error {
  readonly code: CIMStatusCode;

  constructor(code: CIMStatusCode, description: string, options?: ErrorOptions) {
    super(description, options);
    this.name = 'CIMError';
    this.code = code;
  }

  get description(): string {
    return this.message;
  }

  override toString(): string {
    return `${statusName(this.code)}: ${this.message}`;
  }
}
