/**
 * A CIM-XML client connection (pywbem's WBEMConnection): one server, a
 * default namespace, credentials and TLS settings; one method per intrinsic
 * operation, and Iter* methods that use the pull operations where the
 * server has them and the classic operation where it does not.
 */
import { CIMClass, CIMError, CIMInstance, CIMInstanceName, CIMStatus, sameName } from '../cim/index.js';
import type { CIMStatusCode } from '../cim/index.js';
import {
  DEFAULT_DECODE_LIMITS, decodeResponse, encodeIMethodCall, ProtocolError,
  type CIMIMethodResponse, type DecodeLimits, type IParamInput, type ReturnItem,
} from '../cimxml/index.js';
import { AuthError, HTTPError, ParseError } from './errors.js';
import { Transport, type TLSSettings } from './transport.js';
import { parseServerURL } from './wbem-uri.js';

export interface Credentials {
  user: string;
  password: string;
}

/** One request and its answer as they went over the wire (for `--output xml` and debugging). */
export interface RawReply {
  operation: string;
  namespace: string;
  request: string;
  response: string;
}

export interface WBEMConnectionOptions {
  /** Default namespace; else the URL's path, else root/cimv2. */
  namespace?: string;
  credentials?: Credentials;
  /** One whole exchange, in milliseconds (default 30 s). */
  timeoutMs?: number;
  tls?: TLSSettings;
  /** Largest answer body, in bytes (default the decoder's maxBytes, 32 MiB). */
  maxResponseBytes?: number;
  decodeLimits?: Partial<DecodeLimits>;
  /** Objects asked for per Open/Pull request (default 1000, as pywbem). */
  maxObjectCount?: number;
  /** Pull answers in a row without an object before the sequence is given up (default 1000): a server that never ends one is a hang. */
  maxEmptyPulls?: number;
  /** Called with every successful exchange. */
  onReply?: (reply: RawReply) => void;
}

export const DEFAULT_NAMESPACE = 'root/cimv2';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OBJECT_COUNT = 1000;
export const DEFAULT_MAX_EMPTY_PULLS = 1000;

interface Namespaced {
  namespace?: string;
}

export interface InstanceOptions extends Namespaced {
  includeQualifiers?: boolean;
  includeClassOrigin?: boolean;
  propertyList?: readonly string[];
}

export interface EnumerateInstancesOptions extends InstanceOptions {
  deepInheritance?: boolean;
  localOnly?: boolean;
}

export interface GetInstanceOptions extends InstanceOptions {
  localOnly?: boolean;
}

export interface ReferenceOptions extends InstanceOptions {
  resultClass?: string;
  role?: string;
}

export interface AssociatorOptions extends ReferenceOptions {
  assocClass?: string;
  resultRole?: string;
}

export interface ClassOptions extends Namespaced {
  localOnly?: boolean;
  includeQualifiers?: boolean;
  includeClassOrigin?: boolean;
  propertyList?: readonly string[];
}

export interface EnumerateClassesOptions extends Omit<ClassOptions, 'propertyList'> {
  deepInheritance?: boolean;
}

export interface PullOptions {
  /** Objects per Open/Pull request; default the connection's. */
  maxObjectCount?: number;
}

type Params = Record<string, IParamInput | undefined>;

/** Answers to an Open* that mean "no pulls here": pywbem falls back on these too (sfcb answers FAILED). */
const PULL_REFUSALS: ReadonlySet<number> = new Set([CIMStatus.NOT_SUPPORTED, CIMStatus.FAILED]);

export class WBEMConnection {
  readonly url: URL;
  readonly namespace: string;
  readonly #transport: Transport;
  readonly #authorization: string | undefined;
  readonly #limits: Partial<DecodeLimits> | undefined;
  readonly #maxObjectCount: number;
  readonly #maxEmptyPulls: number;
  readonly #onReply: ((reply: RawReply) => void) | undefined;
  /** Per Open* operation: whether the server has it (undefined until tried). */
  readonly #pulls = new Map<string, boolean>();
  #nextId = 1000;

  constructor(url: string | URL, options: WBEMConnectionOptions = {}) {
    const server = parseServerURL(String(url));
    this.url = server.url;
    this.namespace = options.namespace ?? server.namespace ?? DEFAULT_NAMESPACE;
    this.#authorization = options.credentials && basic(options.credentials);
    this.#limits = options.decodeLimits;
    this.#maxObjectCount = positive('maxObjectCount', options.maxObjectCount ?? DEFAULT_MAX_OBJECT_COUNT);
    this.#maxEmptyPulls = positive('maxEmptyPulls', options.maxEmptyPulls ?? DEFAULT_MAX_EMPTY_PULLS);
    this.#onReply = options.onReply;
    this.#transport = new Transport(this.url, {
      timeoutMs: positive('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes ?? options.decodeLimits?.maxBytes ?? DEFAULT_DECODE_LIMITS.maxBytes),
      tls: options.tls ?? {},
    });
  }

  /** Closes kept-alive connections; the connection can still be used (it reconnects). */
  close(): void {
    this.#transport.close();
  }

  /**
   * Closes the connections and refuses every later request with a
   * ConnectionError: for a caller that gave up (a check past its timeout),
   * whose enumerations still running would otherwise go on with their next
   * Pull or a CloseEnumeration.
   */
  destroy(): void {
    this.#transport.destroy();
  }

  async enumerateInstances(className: string, options: EnumerateInstancesOptions = {}): Promise<CIMInstance[]> {
    const namespace = this.#ns(options);
    const response = await this.#call('EnumerateInstances', namespace, {
      ClassName: classParam(className), LocalOnly: options.localOnly, DeepInheritance: options.deepInheritance, ...instanceFlags(options),
    });
    return instances(response, namespace);
  }

  async enumerateInstanceNames(className: string, options: Namespaced = {}): Promise<CIMInstanceName[]> {
    const namespace = this.#ns(options);
    return paths(await this.#call('EnumerateInstanceNames', namespace, { ClassName: classParam(className) }), namespace);
  }

  async getInstance(instanceName: CIMInstanceName, options: GetInstanceOptions = {}): Promise<CIMInstance> {
    const namespace = this.#ns(options, instanceName);
    const response = await this.#call('GetInstance', namespace, {
      InstanceName: instanceName, LocalOnly: options.localOnly, ...instanceFlags(options),
    });
    const [instance, ...extra] = instances(response, namespace);
    if (!instance || extra.length) throw new ParseError(`GetInstance returned ${instance ? 'several instances' : 'no instance'}`);
    return withPath(instance, instanceName.withLocation(namespace, instanceName.host));
  }

  /** Creates an instance; returns the path the server gave it. */
  async createInstance(newInstance: CIMInstance, options: Namespaced = {}): Promise<CIMInstanceName> {
    const namespace = this.#ns(options);
    const [path, ...extra] = paths(await this.#call('CreateInstance', namespace, { NewInstance: newInstance }), namespace);
    if (!path || extra.length) throw new ParseError(`CreateInstance returned ${path ? 'several paths' : 'no path'}`);
    return path;
  }

  /** Changes the properties of an instance (those of `propertyList`, or all it carries). */
  async modifyInstance(modifiedInstance: CIMInstance, options: Namespaced & { propertyList?: readonly string[] } = {}): Promise<void> {
    if (!modifiedInstance.path) throw new TypeError('modifyInstance needs an instance with its path');
    const namespace = this.#ns(options, modifiedInstance.path);
    await this.#call('ModifyInstance', namespace, {
      ModifiedInstance: { kind: 'namedinstance', path: modifiedInstance.path.withLocation(undefined), instance: modifiedInstance },
      PropertyList: options.propertyList,
    });
  }

  async deleteInstance(instanceName: CIMInstanceName, options: Namespaced = {}): Promise<void> {
    const namespace = this.#ns(options, instanceName);
    await this.#call('DeleteInstance', namespace, { InstanceName: instanceName.withLocation(undefined) });
  }

  async associators(instanceName: CIMInstanceName, options: AssociatorOptions = {}): Promise<CIMInstance[]> {
    const namespace = this.#ns(options, instanceName);
    return instances(await this.#call('Associators', namespace, { ObjectName: instanceName, ...associatorFilters(options), ...instanceFlags(options) }), namespace);
  }

  async associatorNames(instanceName: CIMInstanceName, options: Omit<AssociatorOptions, keyof InstanceOptions> & Namespaced = {}): Promise<CIMInstanceName[]> {
    const namespace = this.#ns(options, instanceName);
    return paths(await this.#call('AssociatorNames', namespace, { ObjectName: instanceName, ...associatorFilters(options) }), namespace);
  }

  async references(instanceName: CIMInstanceName, options: ReferenceOptions = {}): Promise<CIMInstance[]> {
    const namespace = this.#ns(options, instanceName);
    return instances(await this.#call('References', namespace, { ObjectName: instanceName, ...referenceFilters(options), ...instanceFlags(options) }), namespace);
  }

  async referenceNames(instanceName: CIMInstanceName, options: Omit<ReferenceOptions, keyof InstanceOptions> & Namespaced = {}): Promise<CIMInstanceName[]> {
    const namespace = this.#ns(options, instanceName);
    return paths(await this.#call('ReferenceNames', namespace, { ObjectName: instanceName, ...referenceFilters(options) }), namespace);
  }

  /** ExecQuery; instances of a projection may come without a path. */
  async execQuery(queryLanguage: string, query: string, options: Namespaced = {}): Promise<CIMInstance[]> {
    const namespace = this.#ns(options);
    return instances(await this.#call('ExecQuery', namespace, { QueryLanguage: queryLanguage, Query: query }), namespace);
  }

  async getClass(className: string, options: ClassOptions = {}): Promise<CIMClass> {
    const response = await this.#call('GetClass', this.#ns(options), { ClassName: classParam(className), ...classFlags(options), PropertyList: options.propertyList });
    const [cls, ...extra] = classes(response);
    if (!cls || extra.length) throw new ParseError(`GetClass returned ${cls ? 'several classes' : 'no class'}`);
    return cls;
  }

  async enumerateClasses(className?: string, options: EnumerateClassesOptions = {}): Promise<CIMClass[]> {
    return classes(await this.#call('EnumerateClasses', this.#ns(options), {
      ClassName: classParam(className), DeepInheritance: options.deepInheritance, ...classFlags(options),
    }));
  }

  async enumerateClassNames(className?: string, options: Namespaced & { deepInheritance?: boolean } = {}): Promise<string[]> {
    const response = await this.#call('EnumerateClassNames', this.#ns(options), { ClassName: classParam(className), DeepInheritance: options.deepInheritance });
    return items(response).map((item) => {
      if (item.kind !== 'classname') throw unexpected(response, item, 'class names');
      return item.name;
    });
  }

  iterEnumerateInstances(className: string, options: Omit<EnumerateInstancesOptions, 'localOnly' | 'includeQualifiers'> & PullOptions = {}): AsyncGenerator<CIMInstance> {
    const namespace = this.#ns(options);
    const flags = { DeepInheritance: options.deepInheritance, IncludeClassOrigin: options.includeClassOrigin, PropertyList: options.propertyList };
    return this.#pulled(namespace, options, 'OpenEnumerateInstances', 'PullInstancesWithPath', { ClassName: classParam(className), ...flags },
      instances, () => this.enumerateInstances(className, { ...options, namespace }));
  }

  iterEnumerateInstancePaths(className: string, options: Namespaced & PullOptions = {}): AsyncGenerator<CIMInstanceName> {
    const namespace = this.#ns(options);
    return this.#pulled(namespace, options, 'OpenEnumerateInstancePaths', 'PullInstancePaths', { ClassName: classParam(className) },
      paths, () => this.enumerateInstanceNames(className, { namespace }));
  }

  iterAssociatorInstances(instanceName: CIMInstanceName, options: Omit<AssociatorOptions, 'includeQualifiers'> & PullOptions = {}): AsyncGenerator<CIMInstance> {
    const namespace = this.#ns(options, instanceName);
    const params = { InstanceName: instanceName, ...associatorFilters(options), IncludeClassOrigin: options.includeClassOrigin, PropertyList: options.propertyList };
    return this.#pulled(namespace, options, 'OpenAssociatorInstances', 'PullInstancesWithPath', params,
      instances, () => this.associators(instanceName, { ...options, namespace }));
  }

  iterAssociatorInstancePaths(instanceName: CIMInstanceName, options: Omit<AssociatorOptions, keyof InstanceOptions> & Namespaced & PullOptions = {}): AsyncGenerator<CIMInstanceName> {
    const namespace = this.#ns(options, instanceName);
    return this.#pulled(namespace, options, 'OpenAssociatorInstancePaths', 'PullInstancePaths', { InstanceName: instanceName, ...associatorFilters(options) },
      paths, () => this.associatorNames(instanceName, { ...options, namespace }));
  }

  iterReferenceInstances(instanceName: CIMInstanceName, options: Omit<ReferenceOptions, 'includeQualifiers'> & PullOptions = {}): AsyncGenerator<CIMInstance> {
    const namespace = this.#ns(options, instanceName);
    const params = { InstanceName: instanceName, ...referenceFilters(options), IncludeClassOrigin: options.includeClassOrigin, PropertyList: options.propertyList };
    return this.#pulled(namespace, options, 'OpenReferenceInstances', 'PullInstancesWithPath', params,
      instances, () => this.references(instanceName, { ...options, namespace }));
  }

  iterReferenceInstancePaths(instanceName: CIMInstanceName, options: Omit<ReferenceOptions, keyof InstanceOptions> & Namespaced & PullOptions = {}): AsyncGenerator<CIMInstanceName> {
    const namespace = this.#ns(options, instanceName);
    return this.#pulled(namespace, options, 'OpenReferenceInstancePaths', 'PullInstancePaths', { InstanceName: instanceName, ...referenceFilters(options) },
      paths, () => this.referenceNames(instanceName, { ...options, namespace }));
  }

  iterQueryInstances(queryLanguage: string, query: string, options: Namespaced & PullOptions = {}): AsyncGenerator<CIMInstance> {
    const namespace = this.#ns(options);
    return this.#pulled(namespace, options, 'OpenQueryInstances', 'PullInstances', { FilterQueryLanguage: queryLanguage, FilterQuery: query },
      instances, () => this.execQuery(queryLanguage, query, { namespace }));
  }

  /**
   * Open*, then Pull* until EndOfSequence; CloseEnumeration when the caller
   * stops early. A server that refuses the Open* (or answers it without the
   * pull output parameters, as sfcb does) gets the classic operation, now
   * and for the rest of the connection.
   */
  async *#pulled<T>(namespace: string, options: PullOptions, open: string, pull: string, params: Params,
    convert: (response: CIMIMethodResponse, namespace: string) => T[], classic: () => Promise<T[]>): AsyncGenerator<T> {
    const maxObjectCount = positive('maxObjectCount', options.maxObjectCount ?? this.#maxObjectCount);
    if (this.#pulls.get(open) !== false) {
      let outOfContexts = false;
      const opened = await this.#call(open, namespace, { ...params, MaxObjectCount: maxObjectCount }).catch((err: unknown) => {
        if (err instanceof CIMError && PULL_REFUSALS.has(err.code)) return undefined;
        // The server's enumeration contexts are all taken (by other clients, perhaps): this call is answered whole.
        if (err instanceof CIMError && err.code === CIMStatus.SERVER_LIMITS_EXCEEDED) {
          outOfContexts = true;
          return undefined;
        }
        throw err;
      });
      const state = opened && pullState(opened);
      if (!outOfContexts) this.#pulls.set(open, state !== undefined);
      if (opened && state) {
        let { endOfSequence, context } = state;
        let empty = 0;
        try {
          yield* convert(opened, namespace);
          while (!endOfSequence) {
            const next = await this.#call(pull, namespace, { EnumerationContext: context, MaxObjectCount: maxObjectCount });
            const nextState = pullState(next);
            if (!nextState) throw new ParseError(`${pull} answered without EndOfSequence`);
            ({ endOfSequence, context } = nextState);
            const found = convert(next, namespace);
            empty = found.length ? 0 : empty + 1;
            if (empty >= this.#maxEmptyPulls) throw new ParseError(`${pull} returned nothing ${empty} times in a row without ending the sequence (maxEmptyPulls)`);
            yield* found;
          }
        } finally {
          if (!endOfSequence && context !== undefined) await this.#closeQuietly(namespace, context);
        }
        return;
      }
    }
    yield* await classic();
  }

  /** Best effort: the session also ends by itself when its OperationTimeout passes. */
  async #closeQuietly(namespace: string, context: string): Promise<void> {
    await this.#call('CloseEnumeration', namespace, { EnumerationContext: context }).catch(() => undefined);
  }

  #ns(options: Namespaced, path?: CIMInstanceName): string {
    return options.namespace ?? path?.namespace ?? this.namespace;
  }

  /** Sends one intrinsic call; returns its IMETHODRESPONSE or throws CIMError or a ClientError. */
  async #call(operation: string, namespace: string, params: Params): Promise<CIMIMethodResponse> {
    const id = String(this.#nextId++);
    const body = encodeIMethodCall(id, operation, namespace, params);
    const headers: Record<string, string> = {
      'Content-Type': 'application/xml; charset="utf-8"',
      CIMOperation: 'MethodCall',
      CIMMethod: operation,
      CIMObject: encodeURIComponent(namespace),
    };
    if (this.#authorization) headers['Authorization'] = this.#authorization;
    const reply = await this.#transport.post('/cimom', headers, body);
    if (reply.status === 401) throw new AuthError(reply.reason, header(reply.headers, 'www-authenticate'), this.#authorization !== undefined);
    if (reply.status !== 200) throw new HTTPError(reply.status, reply.reason, header(reply.headers, 'cimerror'), errorDetail(reply.headers));
    checkHeaders(operation, reply.headers);
    const status = reply.trailers['cimstatuscode']?.trim();
    if (status && status !== '0') {
      throw new CIMError(Number(status) as CIMStatusCode, decodeDetail(reply.trailers['cimstatuscodedescription'] ?? ''));
    }
    let response;
    try {
      response = decodeResponse(reply.body, this.#limits);
    } catch (err) {
      if (err instanceof ProtocolError) throw new ParseError(`${operation}: the answer is not valid CIM-XML: ${err.message}`, { cause: err });
      throw err;
    }
    if (response.messageId !== id) throw new ParseError(`${operation}: the answer is for message ${response.messageId}, not ${id}`);
    if (response.kind !== 'imethodresponse' || !sameName(response.name, operation)) {
      throw new ParseError(`${operation}: the answer is a ${response.kind === 'imethodresponse' ? 'IMETHODRESPONSE' : 'METHODRESPONSE'} named ${response.name}`);
    }
    this.#onReply?.({ operation, namespace, request: body, response: reply.body.toString('utf8') });
    if (response.error) throw response.error;
    return response;
  }
}

function basic({ user, password }: Credentials): string {
  if (user.includes(':')) throw new TypeError('a user name for HTTP Basic authentication cannot contain ":"');
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** OpenPegasus explains HTTP errors in PGErrorDetail, percent-encoded; pywbem shows it, so do we. */
function errorDetail(headers: Record<string, string | string[] | undefined>): string | undefined {
  const detail = header(headers, 'pgerrordetail');
  return detail === undefined ? undefined : decodeDetail(detail);
}

function decodeDetail(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** DSP0200: a client discards an answer without `CIMOperation: MethodResponse`; the body must be XML. */
function checkHeaders(operation: string, headers: Record<string, string | string[] | undefined>): void {
  const kind = header(headers, 'cimoperation');
  if (kind?.trim().toLowerCase() !== 'methodresponse') {
    throw new ParseError(`${operation}: the answer has no "CIMOperation: MethodResponse" header (is this a CIM-XML server?)`);
  }
  const type = header(headers, 'content-type');
  if (type !== undefined && !/^\s*(?:application|text)\/xml\b/i.test(type)) {
    throw new ParseError(`${operation}: the answer is ${type}, not XML`);
  }
}

function items(response: CIMIMethodResponse): readonly ReturnItem[] {
  return response.returnValue ?? [];
}

function unexpected(response: CIMIMethodResponse, item: ReturnItem, wanted: string): ParseError {
  return new ParseError(`${response.name} returned a ${item.kind} where ${wanted} were expected`);
}

function withPath(instance: CIMInstance, path: CIMInstanceName | undefined): CIMInstance {
  return new CIMInstance({ classname: instance.classname, properties: instance.properties, qualifiers: instance.qualifiers, path });
}

/** The instances of an answer, their paths placed in the request's namespace when the wire gave none. */
function instances(response: CIMIMethodResponse, namespace: string): CIMInstance[] {
  return items(response).map((item) => {
    if (item.kind !== 'instance') throw unexpected(response, item, 'instances');
    const { instance } = item;
    if (!instance.path || instance.path.namespace) return instance;
    return withPath(instance, instance.path.withLocation(namespace, instance.path.host));
  });
}

function paths(response: CIMIMethodResponse, namespace: string): CIMInstanceName[] {
  return items(response).map((item) => {
    if (item.kind !== 'instancename') throw unexpected(response, item, 'instance paths');
    return item.path.namespace ? item.path : item.path.withLocation(namespace, item.path.host);
  });
}

function classes(response: CIMIMethodResponse): CIMClass[] {
  return items(response).map((item) => {
    if (item.kind !== 'class') throw unexpected(response, item, 'classes');
    return item.cls;
  });
}

function instanceFlags(options: InstanceOptions): Params {
  return { IncludeQualifiers: options.includeQualifiers, IncludeClassOrigin: options.includeClassOrigin, PropertyList: options.propertyList };
}

function classFlags(options: Omit<ClassOptions, 'propertyList'>): Params {
  return { LocalOnly: options.localOnly, IncludeQualifiers: options.includeQualifiers, IncludeClassOrigin: options.includeClassOrigin };
}

function classParam(name: string | undefined): IParamInput | undefined {
  return name === undefined ? undefined : { kind: 'classname', name };
}

function associatorFilters(options: Omit<AssociatorOptions, keyof InstanceOptions>): Params {
  return {
    AssocClass: classParam(options.assocClass), ResultClass: classParam(options.resultClass),
    Role: options.role, ResultRole: options.resultRole,
  };
}

function referenceFilters(options: Omit<ReferenceOptions, keyof InstanceOptions>): Params {
  return { ResultClass: classParam(options.resultClass), Role: options.role };
}

/** EndOfSequence and EnumerationContext of an Open/Pull answer; undefined when the server sent neither (not a pull answer). */
function pullState(response: CIMIMethodResponse): { endOfSequence: boolean; context: string | undefined } | undefined {
  const eos = response.outParams.byName.get('EndOfSequence')?.value;
  const ctx = response.outParams.byName.get('EnumerationContext')?.value;
  if (eos?.kind !== 'value') return undefined;
  const endOfSequence = eos.text.trim().toUpperCase() === 'TRUE';
  const context = ctx?.kind === 'value' ? ctx.text : undefined;
  if (!endOfSequence && !context) throw new ParseError(`${response.name} did not end the sequence and gave no EnumerationContext`);
  return { endOfSequence, context };
}
