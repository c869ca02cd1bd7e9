/**
 * Indication filters: the query of a CIM_IndicationFilter, compiled once
 * when the filter is created (a query thincim cannot evaluate is refused
 * then, never accepted and ignored) and evaluated against every indication.
 */
import { CIMError, CIMInstance, CIMStatus, NocaseMap, type CIMProperty } from '../cim/index.js';
import { querySchema } from '../operations/query.js';
import { checkQuery, matches } from '../operations/query/evaluate.js';
import { checkQueryLanguage } from '../operations/query/language.js';
import { parseQuery, type Query } from '../operations/query/wql.js';
import type { ClassRepository } from '../repository/types.js';

/** What a filter keeps of the indication whatever its select list says: what reliable delivery needs. */
const ALWAYS_SENT = ['IndicationIdentifier', 'IndicationFilterName', 'SequenceContext', 'SequenceNumber'];

export interface CompiledFilter {
  readonly query: Query;
  /** The namespaces whose events the filter selects; undefined selects every namespace. */
  readonly sourceNamespaces: readonly string[] | undefined;
  /** Whether the indication, about an element of `namespace`, passes the filter. */
  matches(indication: CIMInstance, namespace: string): boolean;
  /** The indication with only the selected properties. */
  project(indication: CIMInstance): CIMInstance;
}

export interface FilterDefinition {
  readonly query: string;
  readonly queryLanguage: string;
  readonly sourceNamespaces: readonly string[] | null;
}

/**
 * Compiles a filter in `namespace` (root/interop): CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED,
 * CIM_ERR_INVALID_QUERY (a syntax error, a FROM class that is no indication,
 * a property that does not exist) or CIM_ERR_INVALID_PARAMETER (a source
 * namespace that does not exist).
 */
export function compileFilter(repository: ClassRepository, namespace: string, filter: FilterDefinition, maxDepth?: number): CompiledFilter {
  checkQueryLanguage(filter.queryLanguage);
  const query = parseQuery(filter.query, maxDepth);
  const cls = repository.getClass(namespace, query.classname);
  if (!cls || !repository.isSubclassOf(namespace, cls.classname, 'CIM_Indication')) {
    throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: FROM names ${query.classname}, which is ${cls ? 'no indication class' : 'no class of this server'}`);
  }
  checkQuery(query, cls, querySchema(repository, namespace));
  const sourceNamespaces = filter.sourceNamespaces?.map((ns) => {
    const resolved = repository.resolveNamespace(ns);
    if (resolved === undefined) throw new CIMError(CIMStatus.INVALID_PARAMETER, `SourceNamespaces names ${ns}, which does not exist`);
    return resolved;
  });
  const isa = (classname: string, ancestor: string) => repository.isSubclassOf(namespace, classname, ancestor);
  const selected = query.properties && new Set([...query.properties, ...ALWAYS_SENT].map((p) => p.toLowerCase()));
  return {
    query,
    sourceNamespaces,
    matches(indication, eventNamespace) {
      if (sourceNamespaces && !sourceNamespaces.some((ns) => ns.toLowerCase() === eventNamespace.toLowerCase())) return false;
      return isa(indication.classname, query.classname) && matches(query, indication, isa);
    },
    project(indication) {
      if (!selected) return indication;
      const properties = new NocaseMap<CIMProperty>([...indication.properties].filter(([name]) => selected.has(name.toLowerCase())));
      return new CIMInstance({ classname: indication.classname, properties });
    },
  };
}
