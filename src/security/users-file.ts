/**
 * The users file: one `name:role:scrypt$N$r$p$salt$hash` line per user;
 * blank lines and `#` comments are kept when a user is added or changed.
 */
import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic, withLock, type LockOptions } from './files.js';
import { hashPassword, type PasswordHash, parsePasswordHash, PasswordHashError, type ScryptParams } from './password.js';

export const ROLES = ['readonly', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Letters, digits and `._@-`, starting with a letter or digit; no `:` (the Basic separator). */
export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export interface UserRecord {
  name: string;
  role: Role;
  hash: PasswordHash;
}

export class UsersFileError extends Error {
  readonly code = 'THINCIM_BAD_USERS_FILE';

  constructor(readonly file: string, readonly line: number | undefined, reason: string) {
    super(`users file ${file}${line === undefined ? '' : `:${line}`}: ${reason}`);
    this.name = 'UsersFileError';
  }
}

export function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text);
}

/** One line of the file: a user, or text kept as it is. */
type Line = { user: UserRecord; text: string } | { text: string };

/**
 * A line's user, or a UsersFileError saying what is wrong and for which user:
 * the hash itself is never quoted (it can be guessed at offline).
 */
function parseLine(text: string, file: string, line: number): Line {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { text };
  const fields = trimmed.split(':');
  const [name = '', role = '', hash] = fields;
  const fail = (reason: string) => new UsersFileError(file, line, reason);
  if (!USER_NAME.test(name)) {
    throw fail(`invalid user name ${quoted(name, /^[^$]{0,64}$/)} (letters, digits and ._@-, starting with a letter or digit, at most 64); expected name:role:hash, as \`thincim passwd\` writes it`);
  }
  const user = `user '${name}'`;
  // thincim passwd refuses a file with a bad line: the line goes first.
  const again = `delete the line and add the user again with \`thincim passwd --users ${file} --role ${isRole(role) ? role : 'readonly|admin'} ${name}\``;
  if (hash === undefined || fields.length > 3) throw fail(`${user}: expected name:role:hash, got ${fields.length} fields separated by ':'; ${again}`);
  if (!isRole(role)) throw fail(`${user}: role ${quoted(role, /^[a-z]{1,16}$/i)} is not one of ${ROLES.join(', ')}`);
  try {
    return { user: { name, role, hash: parsePasswordHash(hash) }, text: trimmed };
  } catch (err) {
    if (err instanceof PasswordHashError) throw fail(`${user}: bad password hash (${err.message}); ${again}`);
    throw err;
  }
}

/**
 * A field for an error message: quoted when it looks like what belongs there,
 * else only its length, since a field out of place may be the hash (a line
 * written hash first, or fields in the wrong order).
 */
function quoted(field: string, plausible: RegExp): string {
  return plausible.test(field) ? JSON.stringify(field) : `of ${field.length} characters`;
}

function parseLines(content: string, file: string): Line[] {
  // A byte-order mark, as some Windows editors save: it would read as part of the first user's name, invisibly.
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const seen = new Map<string, number>();
  return lines.map((text, i) => {
    const line = parseLine(text.replace(/\r$/, ''), file, i + 1);
    if ('user' in line) {
      const first = seen.get(line.user.name);
      if (first !== undefined) throw new UsersFileError(file, i + 1, `user '${line.user.name}' appears twice (first on line ${first}): delete one of the lines`);
      seen.set(line.user.name, i + 1);
    }
    return line;
  });
}

/** The users of a users file's text, by name. */
export function parseUsers(content: string, file: string): Map<string, UserRecord> {
  const users = new Map<string, UserRecord>();
  for (const line of parseLines(content, file)) if ('user' in line) users.set(line.user.name, line.user);
  return users;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsersFileError(file, undefined, `cannot read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/**
 * Whether the file's mode is safe to load: refused (UsersFileError) when
 * group or others may write it, since whoever can write it can make
 * themselves admin; a warning when they may read it, since the hashes can
 * then be guessed at offline. A missing file is fine (no users).
 */
export async function checkUsersFileMode(file: string): Promise<string | undefined> {
  let mode: number;
  try {
    mode = (await stat(file)).mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsersFileError(file, undefined, `cannot read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const octal = mode.toString(8).padStart(3, '0');
  if (mode & 0o022) throw new UsersFileError(file, undefined, `writable by group or others (mode ${octal}), who could make themselves admin; chmod 600 it`);
  if (mode & 0o044) return `${file}: readable by group or others (mode ${octal}), who could guess passwords offline; chmod 600 it`;
  return undefined;
}

/** The users in `file`; a missing file has none. */
export async function readUsers(file: string): Promise<Map<string, UserRecord>> {
  const content = await readText(file);
  return content === undefined ? new Map() : parseUsers(content, file);
}

export interface SetUserOptions {
  /** The role of the user; default: unchanged for an existing user, `readonly` for a new one. */
  role?: Role;
  scrypt?: ScryptParams;
  lock?: LockOptions;
}

/**
 * Adds a user or changes one's password (and role), under a lock so that
 * concurrent changes are all kept; the file is replaced atomically with mode
 * 0600 in a 0700 folder.
 */
export async function setUser(
  file: string, name: string, password: string, options: SetUserOptions = {},
): Promise<{ created: boolean; role: Role }> {
  if (!USER_NAME.test(name)) throw new RangeError(`invalid user name (allowed: ${USER_NAME.source})`);
  // Hash outside the lock: it is the slow part.
  const encoded = await hashPassword(password, options.scrypt);
  return withLock(`${file}.lock`, async () => {
    const lines = parseLines((await readText(file)) ?? '', file);
    const index = lines.findIndex((l) => 'user' in l && l.user.name === name);
    const existing = lines[index];
    const role = options.role ?? (existing && 'user' in existing ? existing.user.role : 'readonly');
    const text = `${name}:${role}:${encoded}`;
    if (index >= 0) lines[index] = { text };
    else lines.push({ text });
    await writeFileAtomic(file, lines.map((l) => `${l.text}\n`).join(''));
    return { created: index < 0, role };
  }, options.lock);
}
