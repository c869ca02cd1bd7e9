/** The MOF compiler: text to positioned declarations (the repository resolves them). */
export { compileMof } from './compiler.js';
export type { CompileOptions, MofCompilation } from './compiler.js';
export { parseMof } from './parser.js';
export type { ParseResult } from './parser.js';
export { DEFAULT_MOF_LIMITS, MofError, formatDiagnostic } from './diagnostics.js';
export type { MofDiagnostic, MofLimits, SourcePosition } from './diagnostics.js';
export type {
  MofArray, MofClassDeclaration, MofDeclaration, MofFlavor, MofInitializer, MofInstanceDeclaration, MofLiteral,
  MofMethodDeclaration, MofParameterDeclaration, MofPragma, MofProduction, MofPropertyDeclaration, MofPropertyValue,
  MofQualifier, MofQualifierDeclaration, MofTyped,
} from './declarations.js';
