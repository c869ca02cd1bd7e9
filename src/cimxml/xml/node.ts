/**
 * The light element tree the decoders walk, and the helpers that read it the
 * way DSP0203 declares it: required/implied attributes with their defaults,
 * children in content-model order.
 */
import { isCIMType } from '../../cim/index.js';
import type { CIMType, EmbeddedKind } from '../../cim/index.js';
import { ProtocolError } from '../errors.js';
import type { XmlPosition } from '../errors.js';
import type { ParamType } from '../types.js';

export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** NO_CHILDREN until the first child arrives (most elements are leaves). */
  children: XmlNode[];
  /** Character data; collected only for elements declared #PCDATA (VALUE, KEYVALUE, HOST). */
  text: string;
  /** Nesting depth, the CIM root being 0 (continued inside embedded objects). */
  readonly depth: number;
  readonly line: number;
  readonly column: number;
}

/** The shared, frozen child list of leaf elements: one fewer array per VALUE, NAMESPACE, CLASSNAME. */
export const NO_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

/**
 * A value that is not a value of its declared type, in a document that is
 * otherwise valid. Internal: decodeRequest turns it into InvalidParameterError,
 * decodeResponse into ProtocolError.
 */
export class ValueError extends Error {
  readonly position: XmlPosition;

  constructor(node: XmlNode, message: string, options?: ErrorOptions) {
    super(`${message} (line ${node.line}, column ${node.column})`, options);
    this.name = 'ValueError';
    this.position = { line: node.line, column: node.column };
  }
}

/** A DTD violation at `node`: request-not-valid. */
export function invalid(node: XmlNode, message: string): ProtocolError {
  return new ProtocolError('request-not-valid', message, { line: node.line, column: node.column });
}

export function requiredAttr(node: XmlNode, name: string): string {
  const value = node.attrs[name];
  if (value === undefined) throw invalid(node, `<${node.name}> lacks the required attribute ${name}`);
  return value;
}

/** A required attribute that names something (NAME, CLASSNAME): must not be empty. */
export function nameAttr(node: XmlNode, name = 'NAME'): string {
  const value = requiredAttr(node, name);
  if (value.trim() === '') throw invalid(node, `<${node.name}> has an empty ${name}`);
  return value;
}

export function optionalAttr(node: XmlNode, name: string): string | undefined {
  return node.attrs[name];
}

/** A (true|false) attribute; case is ignored as pywbem and Pegasus do. */
export function booleanAttr(node: XmlNode, name: string, fallback: boolean): boolean {
  const value = node.attrs[name];
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw invalid(node, `${name}="${value}" on <${node.name}> is neither true nor false`);
}

/** A %CIMType attribute (no 'reference': references have their own elements). */
export function typeAttr(node: XmlNode, name = 'TYPE'): CIMType {
  const value = requiredAttr(node, name);
  return checkType(node, name, value);
}

export function optionalTypeAttr(node: XmlNode, name = 'TYPE'): CIMType | undefined {
  const value = node.attrs[name];
  return value === undefined ? undefined : checkType(node, name, value);
}

function checkType(node: XmlNode, name: string, value: string): CIMType {
  if (!isCIMType(value) || value === 'reference') throw invalid(node, `${name}="${value}" on <${node.name}> is not a CIM type`);
  return value;
}

const PARAM_TYPES: ReadonlySet<string> = new Set(['reference', 'object', 'instance']);

export function paramTypeAttr(node: XmlNode): ParamType | undefined {
  const value = node.attrs['PARAMTYPE'];
  if (value === undefined) return undefined;
  if (PARAM_TYPES.has(value) || isCIMType(value)) return value as ParamType;
  throw invalid(node, `PARAMTYPE="${value}" on <${node.name}> is not a parameter type`);
}

/** EmbeddedObject, or the EMBEDDEDOBJECT spelling of OpenPegasus 2.6; both must agree when both are sent. */
export function embeddedObjectAttr(node: XmlNode): EmbeddedKind | undefined {
  const mixed = node.attrs['EmbeddedObject'];
  const upper = node.attrs['EMBEDDEDOBJECT'];
  if (mixed !== undefined && upper !== undefined && mixed !== upper) {
    throw invalid(node, `<${node.name}> has EmbeddedObject="${mixed}" and EMBEDDEDOBJECT="${upper}"`);
  }
  const value = mixed ?? upper;
  if (value === undefined) return undefined;
  if (value === 'instance' || value === 'object') return value;
  throw invalid(node, `EmbeddedObject="${value}" on <${node.name}> is neither instance nor object`);
}

export function arraySizeAttr(node: XmlNode): number | undefined {
  const value = node.attrs['ARRAYSIZE'];
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value)) throw invalid(node, `ARRAYSIZE="${value}" on <${node.name}> is not a number`);
  return Number(value);
}

export type NameSet = ReadonlySet<string>;

export function names(...list: string[]): NameSet {
  return new Set(list);
}

/** Reads the children of an element in content-model order. */
export class Children {
  readonly #parent: XmlNode;
  #index = 0;

  constructor(parent: XmlNode) {
    this.#parent = parent;
  }

  /** The next child when it is one of `allowed`. */
  optional(allowed: NameSet): XmlNode | undefined {
    const next = this.#parent.children[this.#index];
    if (next === undefined || !allowed.has(next.name)) return undefined;
    this.#index++;
    return next;
  }

  /** The next child, which must be one of `allowed`. */
  required(allowed: NameSet): XmlNode {
    const next = this.optional(allowed);
    if (next) return next;
    const found = this.#parent.children[this.#index];
    const expected = [...allowed].map((n) => `<${n}>`).join(' or ');
    throw invalid(found ?? this.#parent, `<${this.#parent.name}> expects ${expected}${found ? `, not <${found.name}>` : ''}`);
  }

  /** The run of following children that are in `allowed`. */
  many(allowed: NameSet): XmlNode[] {
    const taken: XmlNode[] = [];
    for (let child = this.optional(allowed); child; child = this.optional(allowed)) taken.push(child);
    return taken;
  }

  /** Fails when children are left over. */
  end(): void {
    const extra = this.#parent.children[this.#index];
    if (extra) throw invalid(extra, `<${extra.name}> is not allowed here in <${this.#parent.name}>`);
  }
}

/** An element declared EMPTY or #PCDATA must have no child elements. */
export function noChildren(node: XmlNode): void {
  const child = node.children[0];
  if (child) throw invalid(child, `<${child.name}> is not allowed in <${node.name}>`);
}
