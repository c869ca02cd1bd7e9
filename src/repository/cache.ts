import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { decodeNamespaces, encodeNamespaces } from './codec.js';
import type { ResolvedNamespace } from './resolver.js';

/** Bumped whenever the cached form or the resolution rules change, so old cache files are ignored. */
const FORMAT = 3;

/**
 * A resolved schema stored on disk so that a warm start neither parses nor
 * resolves. An entry is found by its root files and namespaces, and is valid
 * only while its digest is that of the MOF sources as they are now: found
 * from the roots by following `#pragma include` and hashed at every read,
 * never taken from the entry (a cache file is data, not a list to trust).
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
  /** sourcesOf(roots).digest when the entry was written. */
  readonly digest: string;
  readonly namespaces: unknown;
}

/** Most files followed from the roots (the compiler's own limit is lower). */
const MAX_SOURCES = 10_000;
const INCLUDE = /#\s*pragma\s+include\s*\(\s*"((?:[^"\\]|\\.)*)"\s*\)/gi;

/** The MOF sources of a schema as they are now: every file the roots include, in order, and their hashes. */
interface Sources {
  readonly files: readonly string[];
  readonly hashes: ReadonlyMap<string, string>;
  readonly digest: string;
}

/**
 * Follows `#pragma include` from the roots as the compiler does (relative to
 * the including file, each file once). writeCache() stores an entry only when
 * this finds every file the compilation read, with the content it read.
 * Throws when a file cannot be read.
 */
function sourcesOf(roots: readonly string[]): Sources {
  const hashes = new Map<string, string>();
  const visit = (file: string): void => {
    const absolute = resolve(file);
    if (hashes.has(absolute)) return;
    if (hashes.size >= MAX_SOURCES) throw new RangeError(`more than ${MAX_SOURCES} MOF files`);
    const bytes = readFileSync(absolute);
    hashes.set(absolute, hashBytes(bytes));
    for (const match of bytes.toString('utf8').matchAll(INCLUDE)) visit(join(dirname(absolute), match[1]!));
  };
  for (const root of roots) visit(root);
  const files = [...hashes.keys()];
  return { files, hashes, digest: combine(files.map((f) => [f, hashes.get(f)!])) };
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

  /** The hash of `path` as the compilation read it. */
  hashOf(path: string): string | undefined {
    return this.#hashes.get(path);
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
 * The cached schema for this key, when one exists and was made from the MOF
 * sources as they are now; undefined otherwise (a missing, stale, corrupt or
 * tampered entry is a miss, never an error).
 */
export function readCache(cacheDir: string, key: CacheKey): CachedSchema | undefined {
  try {
    const entry = deserialize(readFileSync(entryPath(cacheDir, key))) as Entry;
    if (entry?.format !== FORMAT || typeof entry.digest !== 'string') return undefined;
    const sources = sourcesOf(key.roots);
    return sources.digest === entry.digest ? { files: sources.files, namespaces: decodeNamespaces(entry.namespaces) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores a resolved schema atomically (write then rename), under the digest
 * of the sources as they are now. Throws when the cache cannot be written,
 * or when those sources are not exactly what the compilation read (a file
 * changed meanwhile, or an include the scan does not follow).
 */
export function writeCache(cacheDir: string, key: CacheKey, schema: CachedSchema, digest: SourceDigest): void {
  const sources = sourcesOf(key.roots);
  const unmatched = schema.files.find((file) => sources.hashes.get(file) !== digest.hashOf(file));
  if (unmatched !== undefined) throw new Error(`${unmatched} changed while it was compiled, or is included in a way the cache cannot follow`);
  const target = entryPath(cacheDir, key);
  const temporary = `${target}.${process.pid}.tmp`;
  const entry: Entry = { format: FORMAT, digest: sources.digest, namespaces: encodeNamespaces(schema.namespaces) };
  // 0700 like the state folder `thincim passwd` creates: its parent is usually that folder, made here on a first start.
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(temporary, serialize(entry));
    renameSync(temporary, target);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}
