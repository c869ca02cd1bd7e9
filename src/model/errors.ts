/** Why a set of model entries cannot be published as an index. */
export type ModelErrorCode = 'MISSING_PATH' | 'NAMESPACE_MISMATCH' | 'DUPLICATE_PATH';

/** A defect in model entries (a bug in the builder or an instance provider), with the path concerned. */
export class ModelError extends Error {
  readonly code: ModelErrorCode;
  /** The instance path (WBEM URI form) or class concerned. */
  readonly subject: string;

  constructor(code: ModelErrorCode, subject: string, message: string) {
    super(`${message}: ${subject}`);
    this.name = 'ModelError';
    this.code = code;
    this.subject = subject;
  }
}
