/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** A command takes its arguments (after the command name) and resolves to an exit status. */
export type Command = (args: string[], io: CliIO) => Promise<number>;

export const processIO: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  // Opened when first read (a few ms of start-up): only `passwd` reads it.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
};

/** A file-system error in words, with its code: "no such file or folder (ENOENT)". */
export function describeFileError(err: NodeJS.ErrnoException): string {
  const reason = {
    ENOENT: 'no such file or folder', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'is a folder',
    ENOTDIR: 'a part of the path is not a folder', EEXIST: 'exists and is not a folder', EROFS: 'read-only file system',
  }[err.code ?? ''];
  return reason === undefined ? err.message : `${reason} (${err.code})`;
}
