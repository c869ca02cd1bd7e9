/**
 * `thincim passwd [--users FILE] [--role ROLE] USER`: adds a user to the
 * users file or changes one's password. On a terminal it prompts twice
 * without echo; otherwise it reads the password from the first line of
 * standard input. It never prints the password.
 */
import { ConfigError, loadConfig } from '../config/index.js';
import { isRole, MAX_PASSWORD_BYTES, ROLES, setUser, USER_NAME, UsersFileError } from '../security/index.js';
import { describeFileError, isFileSystemError } from '../file-errors.js';
import type { CliIO } from './io.js';

const USAGE = `usage: thincim passwd [--users FILE] [--role ${ROLES.join('|')}] [--config FILE] USER

Adds USER to the users file, or changes their password (and role, with --role).
A new user is ${ROLES[0]} unless --role says otherwise. The password is asked
twice on a terminal, or read from the first line of standard input.
A running server reads the file again on SIGHUP.
`;

class PasswordInputError extends Error {}

type Input = CliIO['stdin'];
type TTYInput = Input & { setRawMode(raw: boolean): unknown };

export async function run(args: string[], io: CliIO): Promise<number> {
  let loaded;
  try {
    loaded = await loadConfig({
      argv: args, env: io.env, cwd: process.cwd(),
      command: { options: { role: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, positionals: true },
    });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`thincim passwd: ${err.message}\n`);
    return 2;
  }
  const { values, positionals } = loaded.command;
  if (values['help']) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [name, ...extra] = positionals;
  const role = values['role'];
  if (name === undefined || extra.length > 0) return usageError(io, 'give exactly one user name');
  if (!USER_NAME.test(name)) return usageError(io, `invalid user name '${name}' (letters, digits and ._@- only, at most 64)`);
  if (role !== undefined && (typeof role !== 'string' || !isRole(role))) return usageError(io, `--role must be one of ${ROLES.join(', ')}`);

  const file = loaded.config.users;
  try {
    const password = isTTY(io.stdin) ? await promptTwice(io.stdin, io.stderr) : await readFirstLine(io.stdin);
    if (password === '') throw new PasswordInputError('empty password refused');
    if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) throw new PasswordInputError(`password longer than ${MAX_PASSWORD_BYTES} bytes`);
    const result = await setUser(file, name, password, role === undefined ? {} : { role });
    io.stdout.write(result.created
      ? `added user '${name}' (${result.role}) to ${file}\n`
      : `changed the password of '${name}' (${result.role}) in ${file}\n`);
    return 0;
  } catch (err) {
    if (err instanceof PasswordInputError || err instanceof UsersFileError) {
      io.stderr.write(`thincim passwd: ${err.message}\n`);
      return 1;
    }
    // A folder on the way that is a file, or not ours to write: the operator's to fix, in one line.
    if (!isFileSystemError(err)) throw err;
    const { syscall, path } = err;
    const source = loaded.sources['users'] === 'default' ? 'the default, <stateDir>/users' : `from ${loaded.sources['users']}`;
    io.stderr.write(`thincim passwd: cannot write the users file ${file} (${source}): ${syscall} ${path ?? ''}: ${describeFileError(err)}; choose another with --users\n`);
    return 1;
  }
}

function usageError(io: CliIO, message: string): number {
  io.stderr.write(`thincim passwd: ${message}\n${USAGE}`);
  return 2;
}

function isTTY(stdin: Input): stdin is TTYInput {
  return stdin.isTTY === true && typeof (stdin as Partial<TTYInput>).setRawMode === 'function';
}

async function promptTwice(stdin: TTYInput, out: NodeJS.WritableStream): Promise<string> {
  const first = await promptHidden(stdin, out, 'Password: ');
  if (first === '') return first;
  const second = await promptHidden(stdin, out, 'Repeat password: ');
  if (first !== second) throw new PasswordInputError('the passwords do not match');
  return first;
}

/** Reads one line from a terminal in raw mode, echoing nothing. Ctrl-C or Ctrl-D on an empty line aborts. */
function promptHidden(stdin: TTYInput, out: NodeJS.WritableStream, prompt: string): Promise<string> {
  out.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      out.write('\n');
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(text);
          return;
        }
        if (ch === '\u0003' || (ch === '\u0004' && text === '')) {
          finish();
          reject(new PasswordInputError('aborted'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else if (ch >= ' ' && Buffer.byteLength(text) <= MAX_PASSWORD_BYTES) text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of a piped standard input (read up to a bounded size). */
async function readFirstLine(stdin: Input): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(buffer);
    size += buffer.length;
    if (buffer.includes(0x0a)) break;
    if (size > MAX_PASSWORD_BYTES + 2) throw new PasswordInputError(`password longer than ${MAX_PASSWORD_BYTES} bytes`);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return (text.split('\n')[0] ?? '').replace(/\r$/, '');
}
