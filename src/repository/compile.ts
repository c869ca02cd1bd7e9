/** Compiling MOF into a repository, with every error reported (`thincim mof`, tests). */
import { compileMof, type CompileOptions } from '../mof/compiler.js';
import type { MofDiagnostic } from '../mof/diagnostics.js';
import { DEFAULT_NAMESPACE_ALIASES, DEFAULT_NAMESPACES } from './load.js';
import { Repository } from './repository.js';
import { resolveDeclarations } from './resolver.js';

export interface CompileRepositoryOptions extends CompileOptions {
  /** Where declarations without `#pragma namespace` go; default root/cimv2 and root/interop. */
  namespaces?: readonly string[];
  /** Other names of namespaces; default { interop: 'root/interop' }. */
  namespaceAliases?: Readonly<Record<string, string>>;
}

export interface RepositoryCompilation {
  /** What resolved; empty when the MOF did not parse. */
  repository: Repository;
  /** Absolute paths of the files read. */
  files: string[];
  /** Syntax errors, or (when there are none) resolution errors. */
  errors: MofDiagnostic[];
}

/**
 * Compiles MOF files into a repository and reports every error (used by
 * `thincim mof` and by tests). Resolution runs only on MOF that parsed, so
 * errors are never consequences of earlier syntax errors.
 */
export function compileRepository(files: string | readonly string[], options: CompileRepositoryOptions = {}): RepositoryCompilation {
  const compiled = compileMof(files, options);
  const namespaces = options.namespaces ?? DEFAULT_NAMESPACES;
  const aliases = options.namespaceAliases ?? DEFAULT_NAMESPACE_ALIASES;
  if (compiled.errors.length) {
    return { repository: new Repository([], aliases), files: compiled.files, errors: compiled.errors };
  }
  const resolution = resolveDeclarations(compiled.declarations, { namespaces, maxErrors: options.limits?.maxErrors });
  return { repository: new Repository(resolution.namespaces, aliases), files: compiled.files, errors: resolution.errors };
}
