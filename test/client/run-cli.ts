/** Runs the thincim CLI in-process with captured output, as a user would call it. */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; tty?: boolean } = {}): Promise<CliResult> {
  const stdout = Object.assign(new PassThrough(), options.tty ? { isTTY: true } : {});
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  // HOME points nowhere, so that a developer's own ~/.netrc never takes part.
  const env = { HOME: '/nonexistent', ...options.env };
  const code = await main(args, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
