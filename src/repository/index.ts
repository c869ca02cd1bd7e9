/** The class repository: resolved namespaces of classes, qualifier declarations and MOF instances. */
export { Repository } from './repository.js';
export { DEFAULT_NAMESPACES, DEFAULT_NAMESPACE_ALIASES, defaultSchemaDir, loadRepository } from './load.js';
export type { LoadRepositoryOptions } from './load.js';
export { compileRepository } from './compile.js';
export type { CompileRepositoryOptions, RepositoryCompilation } from './compile.js';
export { defaultCacheDir } from './cache.js';
export { resolveDeclarations } from './resolver.js';
export type { Resolution, ResolveOptions, ResolvedNamespace } from './resolver.js';
export { valueMapMatcher } from './valuemap.js';
export type { ValueMapMatcher } from './valuemap.js';
export { MofError, formatDiagnostic } from '../mof/index.js';
export type { MofDiagnostic } from '../mof/index.js';
export type { ClassRepository, ClassViewOptions, ValidationProblem } from './types.js';
