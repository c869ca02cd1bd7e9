import { compileRepository, formatDiagnostic, type Repository } from '../../src/repository/index.js';

/** The DSP0004 qualifiers the tests use, declared as the DMTF declares them. */
export const QUALIFIERS = `
Qualifier Association : boolean = false, Scope(association), Flavor(DisableOverride, ToSubclass);
Qualifier Indication : boolean = false, Scope(class, indication), Flavor(DisableOverride, ToSubclass);
Qualifier Abstract : boolean = false, Scope(class, association, indication), Flavor(EnableOverride, Restricted);
Qualifier ArrayType : string = "Bag", Scope(property, parameter), Flavor(DisableOverride, ToSubclass);
Qualifier Deprecated : string[], Scope(any), Flavor(EnableOverride, Restricted);
Qualifier Description : string = null, Scope(any), Flavor(EnableOverride, ToSubclass, Translatable);
Qualifier EmbeddedInstance : string = null, Scope(property, method, parameter);
Qualifier EmbeddedObject : boolean = false, Scope(property, method, parameter), Flavor(DisableOverride, ToSubclass);
Qualifier In : boolean = true, Scope(parameter), Flavor(DisableOverride, ToSubclass);
Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
Qualifier MaxLen : uint32 = null, Scope(property, method, parameter);
Qualifier MaxValue : sint64 = null, Scope(property, method, parameter);
Qualifier MinLen : uint32 = 0, Scope(property, method, parameter);
Qualifier MinValue : sint64 = null, Scope(property, method, parameter);
Qualifier Out : boolean = false, Scope(parameter), Flavor(DisableOverride, ToSubclass);
Qualifier Override : string = null, Scope(property, reference, method), Flavor(EnableOverride, Restricted);
Qualifier Required : boolean = false, Scope(property, reference, method, parameter), Flavor(DisableOverride, ToSubclass);
Qualifier Static : boolean = false, Scope(property, method), Flavor(DisableOverride, ToSubclass);
Qualifier Structure : boolean = false, Scope(class, indication), Flavor(DisableOverride, ToSubclass);
Qualifier Units : string = null, Scope(property, method, parameter), Flavor(EnableOverride, ToSubclass, Translatable);
Qualifier ValueMap : string[], Scope(property, method, parameter);
Qualifier Values : string[], Scope(property, method, parameter), Flavor(EnableOverride, ToSubclass, Translatable);
Qualifier Version : string = null, Scope(class, association, indication), Flavor(EnableOverride, Restricted, Translatable);
Qualifier Write : boolean = false, Scope(property);
`;

/** In-memory MOF files (absolute paths under /mem) for compileRepository. */
export function memory(files: Record<string, string>): (path: string) => string {
  return (path) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error(`no such file ${path}`), { code: 'ENOENT' });
    return text;
  };
}

/** Compiles the qualifiers and `text`; returns the formatted errors and the repository. */
export function compile(text: string, namespaces: readonly string[] = ['root/cimv2']): { repo: Repository; errors: string[] } {
  const { repository, errors } = compileRepository('/mem/main.mof', {
    namespaces,
    readFile: memory({ '/mem/main.mof': `#pragma include ("qualifiers.mof")\n${text}`, '/mem/qualifiers.mof': QUALIFIERS }),
  });
  return { repo: repository, errors: errors.map(formatDiagnostic) };
}

/** Compiles MOF that must have no error. */
export function repositoryOf(text: string, namespaces?: readonly string[]): Repository {
  const { repo, errors } = compile(text, namespaces);
  if (errors.length) throw new Error(`unexpected MOF errors:\n${errors.join('\n')}`);
  return repo;
}

/** The messages of the errors, without positions. */
export function messages(text: string): string[] {
  return compile(text).errors.map((e) => e.replace(/^[^:]+:\d+:\d+: /, ''));
}
