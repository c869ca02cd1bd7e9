/**
 * The decoded forms of CIM-XML messages (DSP0201 §5.3): a request for the
 * server, a response for the client. Values keep what the wire said; the
 * operation layer gives them meaning with the class definitions.
 */
import type {
  CIMClass, CIMClassName, CIMError, CIMInstance, CIMInstanceName, CIMObjectPath, CIMQualifierDeclaration, CIMScalar,
  CIMType, EmbeddedKind, NocaseMap, ParamValue,
} from '../cim/index.js';

/** PARAMTYPE values (DSP0201 %ParamType): a CIM type (including reference), or object/instance. */
export type ParamType = CIMType | 'object' | 'instance';

export type { CIMObjectPath, EmbeddedObject, ParamValue } from '../cim/index.js';

export type ParamValueKind = ParamValue['kind'];

/** A named parameter value: an IPARAMVALUE, or a PARAMVALUE with its optional type attributes. */
export interface CIMParamValue {
  /** The name as sent. */
  readonly name: string;
  readonly value: ParamValue;
  readonly paramType?: ParamType;
  readonly embeddedObject?: EmbeddedKind;
}

/**
 * Parameters looked up without case. A name sent more than once keeps its
 * first value in `byName` and is listed (as sent, once per repetition) in
 * `duplicates`, for the operation layer to answer CIM_ERR_INVALID_PARAMETER.
 */
export interface CIMParams {
  readonly byName: NocaseMap<CIMParamValue>;
  /** Every parameter in wire order, duplicates included. */
  readonly list: readonly CIMParamValue[];
  readonly duplicates: readonly string[];
}

/** An operation correlator (DSP0201 2.4 CORRELATOR): a typed value the client attaches to a request. */
export interface CIMCorrelator {
  readonly name: string;
  readonly type: CIMType;
  readonly value: CIMScalar;
}

/** An intrinsic operation (IMETHODCALL). */
export interface CIMIMethodCall {
  readonly kind: 'imethodcall';
  readonly name: string;
  /** LOCALNAMESPACEPATH joined with '/', e.g. `root/cimv2`. */
  readonly namespace: string;
  readonly params: CIMParams;
}

/** An extrinsic method call (METHODCALL) on a class (LOCALCLASSPATH) or an instance (LOCALINSTANCEPATH). */
export interface CIMMethodCall {
  readonly kind: 'methodcall';
  readonly name: string;
  /** The target; its namespace is set from the local path. */
  readonly target: CIMObjectPath;
  readonly namespace: string;
  readonly params: CIMParams;
}

/** A decoded SIMPLEREQ message. */
export interface CIMRequest {
  /** MESSAGE/@ID, echoed in the response. */
  readonly messageId: string;
  readonly protocolVersion: string;
  readonly cimVersion: string;
  readonly dtdVersion: string;
  readonly correlators: readonly CIMCorrelator[];
  readonly call: CIMIMethodCall | CIMMethodCall;
}

/** One element of an IRETURNVALUE, whatever wrapper element carried it. */
export type ReturnItem =
  | { readonly kind: 'classname'; readonly name: string }
  /** INSTANCENAME, INSTANCEPATH or OBJECTPATH/INSTANCEPATH (namespace and host set when the wire had them). */
  | { readonly kind: 'instancename'; readonly path: CIMInstanceName }
  /** OBJECTPATH/CLASSPATH. */
  | { readonly kind: 'classpath'; readonly path: CIMClassName }
  /** INSTANCE, VALUE.NAMEDINSTANCE, VALUE.INSTANCEWITHPATH, VALUE.OBJECT, VALUE.OBJECTWITH(LOCAL)PATH; `instance.path` is set when the wire had a path. */
  | { readonly kind: 'instance'; readonly instance: CIMInstance }
  /** CLASS, VALUE.OBJECT, VALUE.OBJECTWITH(LOCAL)PATH. */
  | { readonly kind: 'class'; readonly cls: CIMClass; readonly path?: CIMClassName }
  | { readonly kind: 'qualifierdeclaration'; readonly decl: CIMQualifierDeclaration }
  | { readonly kind: 'value'; readonly text: string }
  | { readonly kind: 'array'; readonly items: readonly (string | null)[] }
  | { readonly kind: 'reference'; readonly path: CIMObjectPath };

/** The RETURNVALUE of an extrinsic method. */
export interface CIMReturnValue {
  readonly value: ParamValue;
  readonly paramType?: ParamType;
  readonly embeddedObject?: EmbeddedKind;
}

interface ResponseCommon {
  readonly messageId: string;
  readonly protocolVersion: string;
  readonly cimVersion: string;
  readonly dtdVersion: string;
  /** The operation or method name. */
  readonly name: string;
  /** The ERROR of a failed operation. */
  readonly error?: CIMError;
  /** CIM_Error instances attached to the ERROR element. */
  readonly errorInstances: readonly CIMInstance[];
  /** Output parameters (pull operations: EndOfSequence, EnumerationContext). */
  readonly outParams: CIMParams;
}

/** The IMETHODRESPONSE of an intrinsic operation. */
export interface CIMIMethodResponse extends ResponseCommon {
  readonly kind: 'imethodresponse';
  /** The IRETURNVALUE content; undefined when the element is absent (void operations). */
  readonly returnValue?: readonly ReturnItem[];
}

/** The METHODRESPONSE of an extrinsic method. */
export interface CIMMethodResponse extends ResponseCommon {
  readonly kind: 'methodresponse';
  readonly returnValue?: CIMReturnValue;
}

export type CIMResponse = CIMIMethodResponse | CIMMethodResponse;
