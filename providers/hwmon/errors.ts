/** Why a sysfs read or an attribute's text failed. */
export type HwmonErrorCode =
  /** A system call failed; `errno` says how (ENOENT, EACCES, EIO, EAGAIN, ENODATA, …). */
  | 'IO'
  /** The sample's deadline passed, or its signal aborted, before the read finished. */
  | 'ABORTED'
  /** An earlier read of the same file is still stuck in the kernel; it is not read again meanwhile. */
  | 'BUSY'
  /** The file is longer than `maxAttributeBytes`: not a sysfs attribute. */
  | 'TOO_LONG'
  /** The text is not what the hwmon ABI says the attribute holds. */
  | 'BAD_VALUE'
  /** More chips or attributes than the configured limits; the rest were skipped. */
  | 'LIMIT'
  /** `<root>/class/hwmon` is missing or not a folder. */
  | 'NO_HWMON'
  /** A provider option is of the wrong type or out of range. */
  | 'BAD_OPTION';

/** A typed failure of the hwmon provider, with the file it concerns. */
export class HwmonError extends Error {
  readonly code: HwmonErrorCode;
  /** The file or folder concerned; '' for options. */
  readonly path: string;
  /** The system error code for `IO` (e.g. 'EIO'). */
  readonly errno: string | undefined;

  constructor(code: HwmonErrorCode, path: string, message: string, options: { errno?: string; cause?: unknown } = {}) {
    super(path === '' ? message : `${path}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HwmonError';
    this.code = code;
    this.path = path;
    this.errno = options.errno;
  }
}

/** Wraps a Node.js system error of an operation on `path`. */
export function ioError(path: string, cause: unknown): HwmonError {
  if (cause instanceof HwmonError) return cause;
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN';
  const detail = cause instanceof Error ? cause.message : String(cause);
  // Node's own messages already start with the errno ("ENOENT: no such file…").
  const message = detail.startsWith(`${errno}:`) ? detail : `${errno}: ${detail}`;
  return new HwmonError('IO', path, message, { errno, cause });
}
