/**
 * Response envelopes and their parts (DSP0201 §5.3.1, §5.3.4–5.3.5), written
 * as start/end pieces so the server can stream a result between them.
 */
import { CIMClass, CIMInstance, CIMInstanceName } from '../../cim/index.js';
import type { CIMType, CIMValue, EmbeddedKind } from '../../cim/index.js';
import type { ParamType } from '../types.js';
import { escapeAttribute } from './escape.js';
import { encodeInstance, encodeValue } from './objects.js';
import { inferredType } from './values.js';

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8" ?>';

/** The opening of a CIM message (request or response) up to the SIMPLEREQ / SIMPLERSP start tag. */
export function cimMessageStart(id: string, simple: 'SIMPLEREQ' | 'SIMPLERSP' | 'SIMPLEEXPREQ' | 'SIMPLEEXPRSP'): string {
  return `${XML_DECLARATION}<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="${escapeAttribute(id)}" PROTOCOLVERSION="1.0"><${simple}>`;
}

/** `<?xml …?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="…" PROTOCOLVERSION="1.0"><SIMPLERSP>`. */
export function messageStart(id: string): string {
  return cimMessageStart(id, 'SIMPLERSP');
}

export function messageEnd(): string {
  return '</SIMPLERSP></MESSAGE></CIM>';
}

export function imethodResponseStart(name: string): string {
  return `<IMETHODRESPONSE NAME="${escapeAttribute(name)}">`;
}

export function imethodResponseEnd(): string {
  return '</IMETHODRESPONSE>';
}

export function methodResponseStart(name: string): string {
  return `<METHODRESPONSE NAME="${escapeAttribute(name)}">`;
}

export function methodResponseEnd(): string {
  return '</METHODRESPONSE>';
}

export function ireturnValueStart(): string {
  return '<IRETURNVALUE>';
}

export function ireturnValueEnd(): string {
  return '</IRETURNVALUE>';
}

/** ERROR with CODE, DESCRIPTION and optional CIM_Error instances (self-closed without them, as sfcb writes it). */
export function encodeError(code: number, description?: string, instances: readonly CIMInstance[] = []): string {
  const attributes = `CODE="${code}"${description === undefined ? '' : ` DESCRIPTION="${escapeAttribute(description)}"`}`;
  if (instances.length === 0) return `<ERROR ${attributes}/>`;
  return `<ERROR ${attributes}>${instances.map((instance) => encodeInstance(instance)).join('')}</ERROR>`;
}

/**
 * PARAMVALUE (output parameters; pull operations' EndOfSequence and
 * EnumerationContext). PARAMTYPE is written when `type` is given; an embedded
 * object is PARAMTYPE="string" with EmbeddedObject.
 */
export function encodeParamValue(name: string, value: CIMValue, type?: ParamType, embeddedObject?: EmbeddedKind): string {
  return `<PARAMVALUE NAME="${escapeAttribute(name)}"${typed(value, type, embeddedObject)}>${valueOf(value, type, embeddedObject)}</PARAMVALUE>`;
}

/** RETURNVALUE of an extrinsic method, with PARAMTYPE. */
export function encodeReturnValue(type: ParamType, value: CIMValue, embeddedObject?: EmbeddedKind): string {
  return `<RETURNVALUE${typed(value, type, embeddedObject)}>${valueOf(value, type, embeddedObject)}</RETURNVALUE>`;
}

function embeddedOf(value: CIMValue, type: ParamType | undefined, declared: EmbeddedKind | undefined): EmbeddedKind | undefined {
  if (declared) return declared;
  if (type === 'object' || type === 'instance') return type;
  const sample = Array.isArray(value) ? value.find((item) => item !== null) : value;
  if (sample instanceof CIMInstance) return 'instance';
  return sample instanceof CIMClass ? 'object' : undefined;
}

function typed(value: CIMValue, type: ParamType | undefined, declared: EmbeddedKind | undefined): string {
  const embedded = embeddedOf(value, type, declared);
  if (embedded) return ` PARAMTYPE="string" EmbeddedObject="${embedded}"`;
  return type ? ` PARAMTYPE="${type}"` : '';
}

function valueOf(value: CIMValue, type: ParamType | undefined, declared: EmbeddedKind | undefined): string {
  const embedded = embeddedOf(value, type, declared);
  if (embedded) return encodeValue('string', value, embedded);
  return encodeValue(cimTypeOf(value, type), value);
}

/** A CIM type for writing `value`: the given one, else what the value's JS type implies. */
function cimTypeOf(value: CIMValue, type: ParamType | undefined): CIMType {
  if (type && type !== 'object' && type !== 'instance') return type;
  const sample = Array.isArray(value) ? value.find((item) => item !== null) : value;
  if (sample === undefined || sample === null) return 'string';
  if (sample instanceof CIMInstanceName) return 'reference';
  return inferredType(sample as Parameters<typeof inferredType>[0]);
}
