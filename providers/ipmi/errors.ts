/** The typed errors of the IPMI provider. */

export type IpmiErrorCode =
  /** A recording or an output is none of the layouts the parsers know. */
  | 'UNRECOGNISED_FORMAT'
  /** A recording holds a layout other than the one its option expects (e.g. FRU text as `sdrFile`). */
  | 'WRONG_FORMAT'
  /** A command or recording produced no sensor record at all. */
  | 'NO_RECORDS'
  /** A provider option is missing, of the wrong type or out of range. */
  | 'BAD_OPTION'
  /** A recording or password file cannot be read, or is larger than allowed. */
  | 'FILE'
  /** No IPMI tool was found or none answered. */
  | 'NO_TOOL'
  /** The tool failed and printed nothing usable. */
  | 'TOOL_FAILED';

export class IpmiError extends Error {
  readonly code: IpmiErrorCode;
  /** 1-based line in the text the error is about, where there is one. */
  readonly line: number | undefined;

  constructor(code: IpmiErrorCode, message: string, options: { line?: number; cause?: unknown } = {}) {
    super(options.line === undefined ? message : `line ${options.line}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IpmiError';
    this.code = code;
    this.line = options.line;
  }
}
