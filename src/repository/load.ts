import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_MOF_LIMITS, MofError, type MofLimits } from '../mof/diagnostics.js';
import { packageRoot } from '../package.js';
import { SourceDigest, defaultCacheDir, readCache, writeCache } from './cache.js';
import { Repository } from './repository.js';

/** The namespaces the project's schema is loaded into. */
export const DEFAULT_NAMESPACES: readonly string[] = Object.freeze(['root/cimv2', 'root/interop']);
export const DEFAULT_NAMESPACE_ALIASES: Readonly<Record<string, string>> = Object.freeze({ interop: 'root/interop' });

/** The entry file of a schema folder that has one; other folders compile every top-level .mof file. */
const PROJECT_ENTRY = 'thincim.mof';

export interface LoadRepositoryOptions {
  /** OEM schema folders compiled after the project's own, in order (every top-level .mof, by name). */
  schemaDir?: string | readonly string[];
  /** The project's schema folder; default the package's `schemas/` (entry `thincim.mof`). */
  projectSchemaDir?: string;
  /** Where the compiled schema is cached; false turns the cache off. Default: defaultCacheDir(). */
  cacheDir?: string | false;
  namespaces?: readonly string[];
  namespaceAliases?: Readonly<Record<string, string>>;
  limits?: Partial<MofLimits>;
  /** Hears about cache problems, which never stop a start; each message says what it costs. */
  onWarning?: (message: string) => void;
  /** How warnings name the cache folder to the caller's user (serve: `cacheDir (from <source>)`); default "the cache folder". */
  cacheDirName?: string;
}

/**
 * Loads the class repository: the project's schema, then the OEM folders,
 * into each namespace. A warm start reads the resolved schema from the cache
 * (valid while every MOF file read is unchanged). Throws MofError, with
 * every problem and its position, when the schema does not compile.
 */
export async function loadRepository(options: LoadRepositoryOptions = {}): Promise<Repository> {
  const limits = { ...DEFAULT_MOF_LIMITS, ...options.limits };
  const roots = schemaRoots(options.projectSchemaDir ?? defaultSchemaDir(), PROJECT_ENTRY);
  for (const dir of typeof options.schemaDir === 'string' ? [options.schemaDir] : options.schemaDir ?? []) roots.push(...schemaRoots(dir));
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;

  const key = { roots, namespaces: options.namespaces ?? DEFAULT_NAMESPACES };
  const aliases = options.namespaceAliases ?? DEFAULT_NAMESPACE_ALIASES;
  const cached = cacheDir === false ? undefined : readCache(cacheDir, key);
  if (cached) return new Repository(cached.namespaces, aliases);

  // The MOF compiler and resolver are loaded only when the cache misses.
  const [{ compileMof }, { resolveDeclarations }] = await Promise.all([import('../mof/compiler.js'), import('./resolver.js')]);
  const digest = new SourceDigest();
  const compiled = compileMof(roots, { limits, readFile: (path) => digest.read(path, limits.maxFileBytes) });
  if (compiled.errors.length) throw new MofError(compiled.errors);
  const resolution = resolveDeclarations(compiled.declarations, { namespaces: key.namespaces, maxErrors: limits.maxErrors });
  if (resolution.errors.length) throw new MofError(resolution.errors);

  if (cacheDir !== false) {
    try {
      writeCache(cacheDir, key, { files: compiled.files, namespaces: resolution.namespaces }, digest);
    } catch (err) {
      options.onWarning?.(`cannot write the schema cache in ${cacheDir}: ${(err as Error).message}; `
        + `every start compiles the schema until ${options.cacheDirName ?? 'the cache folder'} can be written`);
    }
  }
  return new Repository(resolution.namespaces, aliases);
}

/** The root files of a schema folder: its entry file when it has one, else its top-level .mof files by name. */
function schemaRoots(dir: string, entry?: string): string[] {
  const absolute = resolve(dir);
  if (entry && existsSync(join(absolute, entry))) return [join(absolute, entry)];
  let names: string[];
  try {
    names = readdirSync(absolute);
  } catch (err) {
    throw new MofError([{ file: absolute, line: 0, column: 0, message: `cannot read schema folder: ${(err as Error).message}` }]);
  }
  return names.filter((n) => n.toLowerCase().endsWith('.mof')).sort().map((n) => join(absolute, n));
}

/** The `schemas/` folder of the thincim package. */
export function defaultSchemaDir(): string {
  return join(packageRoot(), 'schemas');
}
