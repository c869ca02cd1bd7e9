/**
 * File-system errors in words, the same everywhere thincim names one (serve,
 * passwd, the MOF compiler, the certificate loader). At the top of src/, as
 * package.ts: every room may import it, and it imports nothing of ours.
 */

/** An error from a file-system call: Node sets its `syscall` (and `code`, `path`). */
export function isFileSystemError(err: unknown): err is NodeJS.ErrnoException {
  return typeof (err as NodeJS.ErrnoException | null)?.syscall === 'string';
}

/** The words for each code an operator can fix; others keep Node's message. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder', EEXIST: 'exists and is not a folder', EROFS: 'read-only file system',
};

/** A file-system error in words, with its code: "no such file or folder (ENOENT)"; any other error's message. */
export function describeFileError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const reason = code === undefined ? undefined : REASONS[code];
  if (reason !== undefined) return `${reason} (${code})`;
  return err instanceof Error ? err.message : String(err);
}
