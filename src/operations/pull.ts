/**
 * Pull enumeration (DSP0200 §5.3.2.24–5.3.2.36). An Open* operation takes the
 * whole result from the immutable index at once (references only, no copies)
 * and hands it out MaxObjectCount at a time; sessions expire OperationTimeout
 * seconds after their last response and are bounded in number: in all, per
 * principal, and for the anonymous callers together. A session belongs to
 * the principal that opened it (a user, or an anonymous caller's address):
 * to anyone else it does not exist, so one client can neither read, close
 * nor count another's results, and one that hoards contexts runs out of its
 * own quota before the server's. Anonymous callers of many addresses run out
 * of theirs together before the server's, which authenticated users keep.
 */
import { randomUUID } from 'node:crypto';
import { CIMError, CIMStatus, sameName, type CIMInstance } from '../cim/index.js';
import { addressKey } from '../security/limiter.js';
import { associators, references } from './associations.js';
import { instancesOf } from './lookup.js';
import { Params } from './params.js';
import { prepare, select } from './query.js';
import type { Caller, InstanceView, OperationContext, Param, Result } from './types.js';
import { instanceView } from './view.js';

/** The bounds on open sessions; their defaults are the configuration's (limits.enumerationContexts*), and only there. */
export interface PullLimits {
  maxSessions: number;
  /** Open sessions per principal (a user, an anonymous caller's address). */
  maxSessionsPerOwner: number;
  /** Open sessions of every anonymous caller together. */
  maxAnonymousSessions: number;
  /** OperationTimeout when the client sends none. */
  defaultTimeoutSec: number;
  /** The largest OperationTimeout accepted. */
  maxTimeoutSec: number;
}

type SessionKind = 'instanceswithpath' | 'instancepaths' | 'instances';

interface Session {
  readonly id: string;
  /** ownerOf() the caller that opened it. */
  readonly owner: string;
  readonly namespace: string;
  readonly kind: SessionKind;
  readonly items: readonly CIMInstance[];
  readonly view: InstanceView;
  readonly timeoutMs: number;
  position: number;
  expiresAt: number;
}

const ANONYMOUS = 'anonymous:';

/**
 * The principal a session belongs to: a user, or the address of an
 * anonymous caller (IPv6: its /64, as the login limits count it), so that
 * one local process cannot take every other anonymous client's quota.
 */
function ownerOf(caller: Caller): string {
  return caller.user === undefined ? `${ANONYMOUS}${addressKey(caller.address)}` : `user:${caller.user}`;
}

/** The open enumeration sessions of a server. */
export class PullSessions {
  readonly #sessions = new Map<string, Session>();

  constructor(readonly limits: PullLimits, private readonly now: () => number = Date.now) {}

  get size(): number {
    this.#sweep();
    return this.#sessions.size;
  }

  open(caller: Caller, namespace: string, kind: SessionKind, items: readonly CIMInstance[], view: InstanceView, timeoutSec: number): Session {
    this.#sweep();
    const owner = ownerOf(caller);
    const { own, anonymous } = this.#countOf(owner);
    const { maxSessionsPerOwner: perOwner, maxAnonymousSessions: maxAnonymous } = this.limits;
    if (own >= perOwner) {
      throw new CIMError(CIMStatus.SERVER_LIMITS_EXCEEDED, `too many open enumeration contexts of this ${caller.user === undefined ? 'anonymous client address' : 'user'} (limit ${perOwner}); close or finish some first`);
    }
    if (caller.user === undefined && anonymous >= maxAnonymous) {
      throw new CIMError(CIMStatus.SERVER_LIMITS_EXCEEDED,
        `too many open enumeration contexts of anonymous callers, all addresses together (limit ${maxAnonymous}); close or finish some first, or authenticate`);
    }
    if (this.#sessions.size >= this.limits.maxSessions) {
      throw new CIMError(CIMStatus.SERVER_LIMITS_EXCEEDED, `too many open enumeration contexts (limit ${this.limits.maxSessions}); close or finish some first`);
    }
    const timeoutMs = timeoutSec * 1000;
    const session: Session = { id: randomUUID(), owner, namespace: namespace.toLowerCase(), kind, items, view, timeoutMs, position: 0, expiresAt: this.now() + timeoutMs };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The caller's open session `id` of the namespace, or CIM_ERR_INVALID_ENUMERATION_CONTEXT. */
  get(caller: Caller, id: string, namespace: string): Session {
    this.#sweep();
    const session = this.#sessions.get(id);
    // Another's session gets the same answer as none at all: its existence is not the caller's business.
    if (!session || session.owner !== ownerOf(caller) || session.namespace !== namespace.toLowerCase()) {
      throw new CIMError(CIMStatus.INVALID_ENUMERATION_CONTEXT, `enumeration context ${JSON.stringify(id)} is unknown, closed or expired`);
    }
    return session;
  }

  /** Takes up to `max` items; the session closes when none are left. */
  next(session: Session, max: number): { items: readonly CIMInstance[]; endOfSequence: boolean } {
    const items = session.items.slice(session.position, session.position + max);
    session.position += items.length;
    const endOfSequence = session.position >= session.items.length;
    if (endOfSequence) this.#sessions.delete(session.id);
    else session.expiresAt = this.now() + session.timeoutMs;
    return { items, endOfSequence };
  }

  close(id: string): void {
    this.#sessions.delete(id);
  }

  /** The open sessions of `owner`, and of every anonymous caller; one pass, as bounded as the sessions. */
  #countOf(owner: string): { own: number; anonymous: number } {
    let own = 0;
    let anonymous = 0;
    for (const session of this.#sessions.values()) {
      if (session.owner === owner) own++;
      if (session.owner.startsWith(ANONYMOUS)) anonymous++;
    }
    return { own, anonymous };
  }

  #sweep(): void {
    const now = this.now();
    for (const [id, session] of this.#sessions) if (session.expiresAt <= now) this.#sessions.delete(id);
  }
}

const COMMON = ['FilterQueryLanguage', 'FilterQuery', 'OperationTimeout', 'ContinueOnError', 'MaxObjectCount'];
const ASSOC = ['InstanceName', 'ResultClass', 'Role'];

/** The parameters every Open* operation shares, checked in DSP0200's order. */
function openOptions(ctx: OperationContext, p: Params): { timeoutSec: number; maxObjectCount: number } {
  if (p.boolean('ContinueOnError', false)) {
    throw new CIMError(CIMStatus.CONTINUATION_ON_ERROR_NOT_SUPPORTED, 'ContinueOnError is not supported');
  }
  const { defaultTimeoutSec, maxTimeoutSec } = ctx.pulls.limits;
  const timeoutSec = p.uint32('OperationTimeout') ?? defaultTimeoutSec;
  if (timeoutSec === 0 || timeoutSec > maxTimeoutSec) {
    throw new CIMError(CIMStatus.INVALID_OPERATION_TIMEOUT, `OperationTimeout must be between 1 and ${maxTimeoutSec} seconds`);
  }
  return { timeoutSec, maxObjectCount: p.uint32('MaxObjectCount') ?? 0 };
}

/** Applies FilterQuery (WQL or DMTF:CQL) to an Open* result. */
function filtered(ctx: OperationContext, ns: string, p: Params, items: readonly CIMInstance[]): readonly CIMInstance[] {
  const language = p.string('FilterQueryLanguage');
  const text = p.string('FilterQuery');
  if (language === undefined && text === undefined) return items;
  if (language === undefined || text === undefined) {
    throw new CIMError(CIMStatus.INVALID_PARAMETER, 'FilterQuery and FilterQueryLanguage go together');
  }
  const query = prepare(ctx, ns, language, text);
  const ofClass = items.filter((i) => ctx.repository.isSubclassOf(ns, i.classname, query.classname));
  return select(ctx, ns, query, ofClass);
}

function respond(ctx: OperationContext, kind: SessionKind, ns: string, items: readonly CIMInstance[], view: InstanceView,
  options: { timeoutSec: number; maxObjectCount: number }): Result {
  const session = ctx.pulls.open(ctx.caller, ns, kind, items, view, options.timeoutSec);
  return page(ctx, session, options.maxObjectCount);
}

/**
 * The EnumerationContext of the answer that ends a sequence: a name no session has, so a Pull, CloseEnumeration or
 * EnumerationCount on it is 21. DSP0200 lets it be NULL (OpenPegasus writes it empty) and pywbem drops it once
 * EndOfSequence is TRUE, but the Zenoss WBEM ZenPack's pull mode refuses an empty one. One name for every ended
 * sequence, not the session's: the same request then gets the same answer, byte for byte, as before the change
 * (wrk's LuaJIT hashed each answer that differed only in its context whole, a third of the client's throughput).
 */
export const ENDED_CONTEXT = 'ended';

function page(ctx: OperationContext, session: Session, max: number): Result {
  const { items, endOfSequence } = ctx.pulls.next(session, Math.min(max, ctx.limits.maxObjectCount));
  const pull = { endOfSequence, enumerationContext: endOfSequence ? ENDED_CONTEXT : session.id };
  switch (session.kind) {
    case 'instancepaths':
      return { kind: 'instancepaths', instances: items, pull };
    case 'instances':
      return { kind: 'instances', instances: items, view: session.view, pull };
    default:
      return { kind: 'instanceswithpath', instances: items, view: session.view, pull };
  }
}

export function openEnumerateInstances(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('OpenEnumerateInstances', params, ['ClassName', 'DeepInheritance', 'IncludeClassOrigin', 'PropertyList', ...COMMON]);
  const classname = p.requiredClassName('ClassName');
  const deep = p.boolean('DeepInheritance', true);
  const view = instanceView({
    propertyList: p.propertyList(),
    includeClassOrigin: p.boolean('IncludeClassOrigin', false),
    requestedClass: deep ? undefined : ctx.repository.getClass(ns, classname),
  });
  const options = openOptions(ctx, p);
  return respond(ctx, 'instanceswithpath', ns, filtered(ctx, ns, p, instancesOf(ctx, ns, classname)), view, options);
}

export function openEnumerateInstancePaths(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('OpenEnumerateInstancePaths', params, ['ClassName', ...COMMON]);
  const items = instancesOf(ctx, ns, p.requiredClassName('ClassName'));
  const options = openOptions(ctx, p);
  return respond(ctx, 'instancepaths', ns, filtered(ctx, ns, p, items), instanceView({}), options);
}

export function openAssociatorInstances(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  return openAssociations(ctx, ns, params, 'OpenAssociatorInstances', true, true);
}

export function openAssociatorInstancePaths(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  return openAssociations(ctx, ns, params, 'OpenAssociatorInstancePaths', true, false);
}

export function openReferenceInstances(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  return openAssociations(ctx, ns, params, 'OpenReferenceInstances', false, true);
}

export function openReferenceInstancePaths(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  return openAssociations(ctx, ns, params, 'OpenReferenceInstancePaths', false, false);
}

function openAssociations(ctx: OperationContext, ns: string, params: readonly Param[], operation: string,
  associated: boolean, withInstances: boolean): Result {
  const names = [...ASSOC, ...(associated ? ['AssocClass', 'ResultRole'] : []), ...(withInstances ? ['IncludeClassOrigin', 'PropertyList'] : []), ...COMMON];
  const p = new Params(operation, params, names);
  const target = p.requiredInstanceName('InstanceName');
  const filter = {
    assocClass: associated ? p.className('AssocClass') : undefined,
    resultClass: p.className('ResultClass'),
    role: p.string('Role'),
    resultRole: associated ? p.string('ResultRole') : undefined,
  };
  const view = withInstances
    ? instanceView({ propertyList: p.propertyList(), includeClassOrigin: p.boolean('IncludeClassOrigin', false) })
    : instanceView({});
  const options = openOptions(ctx, p);
  const items = associated ? associators(ctx, ns, target, filter) : references(ctx, ns, target, filter);
  return respond(ctx, withInstances ? 'instanceswithpath' : 'instancepaths', ns, filtered(ctx, ns, p, items), view, options);
}

export function openQueryInstances(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('OpenQueryInstances', params,
    ['FilterQuery', 'FilterQueryLanguage', 'ReturnQueryResultClass', 'OperationTimeout', 'ContinueOnError', 'MaxObjectCount']);
  if (p.boolean('ReturnQueryResultClass', false)) {
    throw new CIMError(CIMStatus.NOT_SUPPORTED, 'ReturnQueryResultClass=TRUE is not supported');
  }
  const query = prepare(ctx, ns, p.requiredString('FilterQueryLanguage'), p.requiredString('FilterQuery'));
  const items = select(ctx, ns, query, instancesOf(ctx, ns, query.classname));
  return respond(ctx, 'instances', ns, items, instanceView({ propertyList: query.properties }), openOptions(ctx, p));
}

/** The Pull* operation that continues a session of each kind. */
const PULL_OF: Record<SessionKind, string> = {
  instanceswithpath: 'PullInstancesWithPath',
  instancepaths: 'PullInstancePaths',
  instances: 'PullInstances',
};

/**
 * A Pull that fails on the caller's own session closes it: ContinueOnError=false is the only mode served, and then
 * DSP0200/DSP0223 close the session when a Pull returns an error (a Pull of the wrong kind included, which is
 * CIM_ERR_INVALID_ENUMERATION_CONTEXT), so the place it held in the caller's quota is free at once.
 */
function pull(ctx: OperationContext, ns: string, params: readonly Param[], kind: SessionKind): Result {
  const operation = PULL_OF[kind];
  let p: Params;
  try {
    p = new Params(operation, params, ['EnumerationContext', 'MaxObjectCount']);
  } catch (error) {
    throw closingOwnSession(ctx, ns, params, error);
  }
  const session = ctx.pulls.get(ctx.caller, p.requiredString('EnumerationContext'), ns);
  try {
    if (session.kind !== kind) {
      throw new CIMError(CIMStatus.INVALID_ENUMERATION_CONTEXT,
        `enumeration context ${JSON.stringify(session.id)} was opened for ${PULL_OF[session.kind]}, not ${operation}`);
    }
    const max = p.uint32('MaxObjectCount');
    if (max === undefined) throw new CIMError(CIMStatus.INVALID_PARAMETER, 'parameter MaxObjectCount is required');
    return page(ctx, session, max);
  } catch (error) {
    ctx.pulls.close(session.id);
    throw error instanceof CIMError ? saidClosed(error) : error;
  }
}

/**
 * A Pull refused for a parameter that cannot be read (an unknown or repeated name) still fails on the caller's
 * session when its EnumerationContext can be read (given once, as a string): that session closes as any other
 * failing Pull's. Another's session, or none, leaves the parameter's error as it is.
 */
function closingOwnSession(ctx: OperationContext, ns: string, params: readonly Param[], error: unknown): unknown {
  const given = params.filter((param) => sameName(param.name, 'EnumerationContext'));
  const value = given.length === 1 ? given[0]!.value : undefined;
  if (!(error instanceof CIMError) || value?.kind !== 'value') return error;
  let session: Session;
  try {
    session = ctx.pulls.get(ctx.caller, value.text, ns);
  } catch {
    return error;
  }
  ctx.pulls.close(session.id);
  return saidClosed(error);
}

const saidClosed = (error: CIMError): CIMError =>
  new CIMError(error.code, `${error.description}; the enumeration context is now closed`, { cause: error });

export function pullInstancesWithPath(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  return pull(ctx, ns, params, 'instanceswithpath');
}

export function pullInstancePaths(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  return pull(ctx, ns, params, 'instancepaths');
}

export function pullInstances(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  return pull(ctx, ns, params, 'instances');
}

export function closeEnumeration(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('CloseEnumeration', params, ['EnumerationContext']);
  ctx.pulls.close(ctx.pulls.get(ctx.caller, p.requiredString('EnumerationContext'), ns).id);
  return { kind: 'void' };
}

export function enumerationCount(ctx: OperationContext, ns: string, params: readonly Param[]): Result {
  const p = new Params('EnumerationCount', params, ['EnumerationContext']);
  const session = ctx.pulls.get(ctx.caller, p.requiredString('EnumerationContext'), ns);
  return { kind: 'value', type: 'uint64', value: BigInt(session.items.length - session.position) };
}
