import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { decodeNamespaces, encodeNamespaces } from './codec.js';
import type { ResolvedNamespace } from './resolver.js';

/** Bumped whenever the cached form or the resolution rules change, so old cache files are ignored. */
const FORMAT = 2;

/**
 * A resolved schema stored on disk so that a warm start neither parses nor
 * resolves. An entry is found by its root files and namespaces, and is valid
 * only while every file the compilation read has the same path and content.
 */
export interface CachedSchema {
  readonly files: readonly string[];
  readonly namespaces: readonly ResolvedNamespace[];
}

/** What an entry is for: the schema's root files and the namespaces it was resolved into. */
export interface CacheKey {
  readonly roots: readonly string[];
  readonly namespaces: readonly string[];
}

interface Entry {
  readonly format: number;
  readonly digest: string;
  readonly files: readonly string[];
  readonly namespaces: unknown;
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

function entryPath(cacheDir: string, key: CacheKey): string {
  const id = createHash('sha256').update(`${FORMAT}\0${key.roots.join('\0')}\0\0${key.namespaces.join('\0')}`).digest('hex').slice(0, 24);
  return join(cacheDir, `mof-${id}.v8`);
}

/**
 * The cached schema for this key, when one exists and every file it read is
 * unchanged; undefined otherwise (a missing, stale or corrupt entry is a
 * miss, never an error).
 */
export function readCache(cacheDir: string, key: CacheKey): CachedSchema | undefined {
  try {
    const entry = deserialize(readFileSync(entryPath(cacheDir, key))) as Entry;
    if (entry?.format !== FORMAT || !Array.isArray(entry.files)) return undefined;
    const current = combine(entry.files.map((f) => [f, hashBytes(readFileSync(f))]));
    return current === entry.digest ? { files: entry.files, namespaces: decodeNamespaces(entry.namespaces) } : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a resolved schema atomically (write then rename). Throws when the cache cannot be written. */
export function writeCache(cacheDir: string, key: CacheKey, schema: CachedSchema, digest: SourceDigest): void {
  const target = entryPath(cacheDir, key);
  const temporary = `${target}.${process.pid}.tmp`;
  const entry: Entry = { format: FORMAT, digest: digest.digestOf(schema.files), files: schema.files, namespaces: encodeNamespaces(schema.namespaces) };
  mkdirSync(cacheDir, { recursive: true });
  try {
    writeFileSync(temporary, serialize(entry));
    renameSync(temporary, target);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}
