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
