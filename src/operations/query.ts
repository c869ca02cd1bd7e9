/** ExecQuery and the query half of the pull operations. */
import { CIMError, CIMStatus, type CIMInstance } from '../cim/index.js';
import { limited } from './instances.js';
import { instancesOf } from './lookup.js';
import { Params } from './params.js';
import { checkQuery, matches, type QuerySchema } from './query/evaluate.js';
import { checkQueryLanguage } from './query/language.js';
import type { ClassRepository } from '../repository/types.js';
import { parseQuery, type Query } from './query/wql.js';
import type { InstanceView, OperationContext, Param, Result } from './types.js';
import { instanceView } from './view.js';

export interface QueryResult {
  instances: CIMInstance[];
  view: InstanceView;
}

/** Runs a query over the namespace: the FROM class and its subclasses, filtered and projected. */
export function runQuery(ctx: OperationContext, ns: string, language: string, text: string): QueryResult {
  const query = prepare(ctx, ns, language, text);
  return { instances: select(ctx, ns, query, instancesOf(ctx, ns, query.classname)), view: instanceView({ propertyList: query.properties }) };
}

/** Parses a query and checks it against its class. */
export function prepare(ctx: OperationContext, ns: string, language: string, text: string): Query {
  checkQueryLanguage(language);
  const query = parseQuery(text, ctx.limits.queryDepth);
  // DSP0200 lists no CIM_ERR_INVALID_CLASS for ExecQuery: a FROM class the namespace lacks makes the query invalid.
  const cls = ctx.repository.getClass(ns, query.classname);
  if (!cls) throw new CIMError(CIMStatus.INVALID_QUERY, `invalid query: FROM names class ${query.classname}, which does not exist in namespace ${ns}`);
  checkQuery(query, cls, querySchema(ctx.repository, ns));
  return query;
}

/** The schema of a namespace as checking a query needs it. */
export function querySchema(repository: ClassRepository, ns: string): QuerySchema {
  return {
    getClass: (name) => repository.getClass(ns, name),
    anyClassHas: (property) => propertyNamesOf(repository, ns).has(property.toLowerCase()),
  };
}

/** Every property name of a namespace's classes, folded: made once per repository (which never changes) and namespace. */
const propertyNames = new WeakMap<ClassRepository, Map<string, Set<string>>>();

function propertyNamesOf(repository: ClassRepository, ns: string): Set<string> {
  let byNamespace = propertyNames.get(repository);
  if (!byNamespace) propertyNames.set(repository, (byNamespace = new Map()));
  let names = byNamespace.get(ns);
  if (!names) {
    names = new Set(repository.classNames(ns).flatMap((c) => [...repository.getClass(ns, c)!.properties.keys()].map((p) => p.toLowerCase())));
    byNamespace.set(ns, names);
  }
  return names;
}

/** The instances that satisfy the query's condition. */
export function select(ctx: OperationContext, ns: string, query: Query, instances: readonly CIMInstance[]): CIMInstance[] {
  const isa = (classname: string, ancestor: string) => ctx.repository.isSubclassOf(ns, classname, ancestor);
  return instances.filter((i) => matches(query, i, isa));
}

export function execQuery(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('ExecQuery', params, ['QueryLanguage', 'Query']);
  const { instances, view } = runQuery(ctx, ns, p.requiredString('QueryLanguage'), p.requiredString('Query'));
  return { kind: 'objectswithpath', instances: limited(ctx, instances), view };
}
