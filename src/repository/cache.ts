import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { MofDeclaration } from '../mof/index.js';

/** Bumped whenever the shape of declarations changes, so old cache files are ignored. */
const FORMAT = 1;

/**
 * The compiled declarations of a schema, stored on disk so that a warm start
 * skips parsing. An entry is found by its root files and is valid only while
 * every file read by the compilation has the same path and content.
 */
export interface CachedCompilation {
  readonly files: readonly string[];
  readonly declarations: readonly MofDeclaration[];
}

interface Entry extends CachedCompilation {
  readonly format: number;
  readonly digest: string;
}

/** `$XDG_CACHE_HOME/thincim`, else `~/.cache/thincim`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'thincim');
}

/** Content hashes of files as a compilation read them (fed by the compiler's reader). */
export class SourceDigest {
  readonly #hashes = new Map<string, string>();

  /** Reads a file for the compiler, remembering the hash of exactly what was read. */
  read(path: string, maxBytes: number): string {
    const size = statSync(path).size;
    if (size > maxBytes) throw new RangeError(`file is ${size} bytes, the limit is ${maxBytes}`);
    const bytes = readFileSync(path);
    this.#hashes.set(path, hashBytes(bytes));
    return bytes.toString('utf8');
  }

  digestOf(files: readonly string[]): string {
    return combine(files.map((f) => [f, this.#hashes.get(f) ?? '']));
  }
}

function hashBytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function combine(entries: readonly (readonly [string, string])[]): string {
  const hash = createHash('sha256');
  for (const [path, content] of entries) hash.update(`${path}\0${content}\0`);
  return hash.digest('hex');
}

function entryPath(cacheDir: string, roots: readonly string[]): string {
  const key = createHash('sha256').update(`${FORMAT}\0${roots.join('\0')}`).digest('hex').slice(0, 24);
  return join(cacheDir, `mof-${key}.v8`);
}

/**
 * The cached compilation for these roots, when one exists and every file it
 * read is unchanged; undefined otherwise (a missing, stale or corrupt entry
 * is a miss, never an error).
 */
export function readCache(cacheDir: string, roots: readonly string[]): CachedCompilation | undefined {
  let entry: Entry;
  try {
    entry = deserialize(readFileSync(entryPath(cacheDir, roots))) as Entry;
  } catch {
    return undefined;
  }
  if (entry?.format !== FORMAT || !Array.isArray(entry.files) || !Array.isArray(entry.declarations)) return undefined;
  try {
    const current = combine(entry.files.map((f) => [f, hashBytes(readFileSync(f))]));
    return current === entry.digest ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a compilation atomically (write then rename). Throws when the cache cannot be written. */
export function writeCache(cacheDir: string, roots: readonly string[], compilation: CachedCompilation, digest: SourceDigest): void {
  const target = entryPath(cacheDir, roots);
  const temporary = `${target}.${process.pid}.tmp`;
  const entry: Entry = { format: FORMAT, digest: digest.digestOf(compilation.files), files: compilation.files, declarations: compilation.declarations };
  mkdirSync(cacheDir, { recursive: true });
  try {
    writeFileSync(temporary, serialize(entry));
    renameSync(temporary, target);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}
