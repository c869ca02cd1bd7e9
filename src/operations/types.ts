import type {
  CIMClass, CIMInstance, CIMInstanceName, CIMQualifierDeclaration, CIMType, CIMValue, EmbeddedKind, ParamValue,
} from '../cim/index.js';
import type { InstanceIndex } from '../model/instance-index.js';
import type { ClassRepository } from '../repository/types.js';
import type { PullSessions } from './pull.js';

export type { ParamValue };

export interface Param {
  /** The name as sent. */
  readonly name: string;
  readonly value: ParamValue;
}

/** An intrinsic method call, decoded. */
export interface IntrinsicCall {
  name: string;
  namespace: string;
  params: readonly Param[];
}

/** An extrinsic method call, decoded. */
export interface ExtrinsicCall {
  name: string;
  namespace: string;
  /** The instance (or, for a static method, the class) the method is invoked on. */
  target: CIMInstanceName | { classname: string };
  params: readonly Param[];
}

/** How instances are to be written: the retrieval flags of the request. */
export interface InstanceView {
  /** Lower-cased property names to keep; undefined keeps all. */
  readonly properties: ReadonlySet<string> | undefined;
  readonly includeQualifiers: boolean;
  readonly includeClassOrigin: boolean;
}

/** What an intrinsic operation returns, in the shape of its IRETURNVALUE. */
export type Result =
  | { kind: 'void' }
  | { kind: 'classes'; classes: CIMClass[] }
  | { kind: 'classnames'; names: string[] }
  | { kind: 'classeswithpath'; classes: CIMClass[]; namespace: string }
  | { kind: 'classpaths'; classnames: string[]; namespace: string }
  | { kind: 'instance'; instance: CIMInstance; view: InstanceView }
  | { kind: 'instancename'; path: CIMInstanceName }
  | { kind: 'namedinstances'; instances: readonly CIMInstance[]; view: InstanceView }
  /** The paths of these instances, each key written with its property's type. */
  | { kind: 'instancenames'; instances: readonly CIMInstance[] }
  | { kind: 'objectswithpath'; instances: readonly CIMInstance[]; view: InstanceView }
  | { kind: 'objectpaths'; instances: readonly CIMInstance[] }
  | { kind: 'instanceswithpath'; instances: readonly CIMInstance[]; view: InstanceView; pull: PullState }
  | { kind: 'instancepaths'; instances: readonly CIMInstance[]; pull: PullState }
  | { kind: 'instances'; instances: readonly CIMInstance[]; view: InstanceView; pull: PullState }
  | { kind: 'value'; type: CIMType; value: CIMValue; referenceClass?: string; embedded?: EmbeddedKind | undefined }
  | { kind: 'qualifierdeclarations'; declarations: CIMQualifierDeclaration[] };

/** The output parameters of every Open and Pull response. */
export interface PullState {
  endOfSequence: boolean;
  enumerationContext: string;
}

/** What an extrinsic method returns. */
export interface MethodResponse {
  returnType: CIMType;
  returnValue: CIMValue;
  out: { name: string; type: CIMType; value: CIMValue; embedded?: 'object' | 'instance'; referenceClass?: string }[];
}

/** Where writes and methods go: the providers that own the instances. */
export interface ProviderRouter {
  modifyInstance(namespace: string, instance: CIMInstance, propertyList: readonly string[] | undefined, signal: AbortSignal): Promise<void>;
  invokeMethod(namespace: string, target: CIMInstanceName | { classname: string }, method: string,
    params: Record<string, CIMValue>, signal: AbortSignal): Promise<{ returnValue: CIMValue; out?: Record<string, CIMValue> }>;
}

/**
 * Where the subscription classes of the interop namespace (filters, listener
 * destinations, subscriptions) are created, changed and deleted: the
 * indication service (src/indications). Reads go through the published
 * index like any other instance; every change republishes it.
 */
export interface SubscriptionWriter {
  /** Whether instances of this class in this namespace are the writer's. */
  owns(namespace: string, classname: string): boolean;
  /** Creates the instance; returns its path, with every key. */
  create(namespace: string, instance: CIMInstance): CIMInstanceName | Promise<CIMInstanceName>;
  modify(namespace: string, path: CIMInstanceName, instance: CIMInstance, propertyList: readonly string[] | undefined): void;
  delete(namespace: string, path: CIMInstanceName): void;
}

/** Limits the operations enforce. */
export interface OperationLimits {
  /** Largest result of a non-pull enumeration, beyond which CIM_ERR_SERVER_LIMITS_EXCEEDED. */
  maxInstancesPerResponse: number;
  /** Largest MaxObjectCount honoured in one pull. */
  maxObjectCount: number;
  /** Deepest nesting of parentheses and NOT in a query (default DEFAULT_QUERY_DEPTH). */
  queryDepth?: number;
}

/**
 * What a call needs of its caller: `read` leaves the server as it was;
 * `write` changes something (a provider's setting, an instance, the schema)
 * and needs an authenticated admin, unless the operator allowed anonymous
 * writes (`anonymousWrite`). The table is in dispatch.ts.
 */
export type Right = 'read' | 'write';

/** Who is calling, as far as rights and ownership go. */
export interface Caller {
  /** The authenticated user; undefined for an anonymous caller. */
  readonly user: string | undefined;
  /** The most this caller may do. */
  readonly may: Right;
  /** The client's address: anonymous callers' enumeration contexts are theirs per address (pull.ts). */
  readonly address: string;
}

/** Everything an operation reads: immutable views published by the sampler and the schema. */
export interface OperationContext {
  repository: ClassRepository;
  index: InstanceIndex;
  /** host[:port] the client addressed: written into INSTANCEPATH/HOST. */
  host: string;
  limits: OperationLimits;
  router: ProviderRouter | undefined;
  /** The indication subscriptions, when the server has them. */
  subscriptions?: SubscriptionWriter | undefined;
  pulls: PullSessions;
  /** Who asked: enumeration contexts belong to their opener. */
  caller: Caller;
  /** Aborts at the request's deadline or when the client goes away. */
  signal: AbortSignal;
}
