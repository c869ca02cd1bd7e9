/**
 * saxes → XmlNode tree, enforcing DecodeLimits as events arrive so that
 * nothing hostile is ever held whole: no DTD (so no entity expansion beyond
 * the five predefined ones and character references, no external fetch),
 * bounded depth, element count, attributes and text.
 */
import { setImmediate } from 'node:timers/promises';
import { SaxesParser, type SaxesTagPlain, type XMLDecl } from 'saxes';
import { ProtocolError } from '../errors.js';
import type { XmlPosition } from '../errors.js';
import type { DecodeLimits } from '../limits.js';
import { NO_CHILDREN } from './node.js';
import type { XmlNode } from './node.js';

/** Elements whose content is character data; elsewhere only whitespace may appear between elements. */
const PCDATA: ReadonlySet<string> = new Set(['VALUE', 'KEYVALUE', 'HOST']);

/** Every element of DSP0203 2.4 (plus ENUMERATIONCONTEXT of 2.3.1, for a precise message if it comes). */
const KNOWN: ReadonlySet<string> = new Set([
  'CIM', 'DECLARATION', 'DECLGROUP', 'DECLGROUP.WITHNAME', 'DECLGROUP.WITHPATH', 'QUALIFIER.DECLARATION', 'SCOPE',
  'VALUE', 'VALUE.ARRAY', 'VALUE.REFERENCE', 'VALUE.REFARRAY', 'VALUE.OBJECT', 'VALUE.NAMEDINSTANCE',
  'VALUE.NAMEDOBJECT', 'VALUE.OBJECTWITHPATH', 'VALUE.OBJECTWITHLOCALPATH', 'VALUE.NULL', 'VALUE.INSTANCEWITHPATH',
  'NAMESPACEPATH', 'LOCALNAMESPACEPATH', 'HOST', 'NAMESPACE', 'CLASSPATH', 'LOCALCLASSPATH', 'CLASSNAME',
  'INSTANCEPATH', 'LOCALINSTANCEPATH', 'INSTANCENAME', 'OBJECTPATH', 'KEYBINDING', 'KEYVALUE',
  'CLASS', 'INSTANCE', 'QUALIFIER', 'PROPERTY', 'PROPERTY.ARRAY', 'PROPERTY.REFERENCE', 'METHOD', 'PARAMETER',
  'PARAMETER.REFERENCE', 'PARAMETER.ARRAY', 'PARAMETER.REFARRAY',
  'MESSAGE', 'MULTIREQ', 'SIMPLEREQ', 'METHODCALL', 'PARAMVALUE', 'IMETHODCALL', 'IPARAMVALUE', 'MULTIRSP',
  'SIMPLERSP', 'METHODRESPONSE', 'IMETHODRESPONSE', 'ERROR', 'RETURNVALUE', 'IRETURNVALUE', 'MULTIEXPREQ',
  'SIMPLEEXPREQ', 'EXPMETHODCALL', 'MULTIEXPRSP', 'SIMPLEEXPRSP', 'EXPMETHODRESPONSE', 'EXPPARAMVALUE',
  'CORRELATOR', 'ENUMERATIONCONTEXT',
]);

/** An exceeded DecodeLimits bound: stays a ProtocolError even inside an embedded object. */
export class LimitError extends ProtocolError {}

/** Where saxes is reading (1-based line, 0-based column). */
interface Position {
  readonly line: number;
  readonly column: number;
}

/** What one decode may still spend; shared with the parses of its embedded objects. */
export interface ParseBudget {
  elements: number;
  /** What `elements` started from, and which limit set it, for the message when it runs out. */
  readonly limit: string;
}

export interface ParseOptions {
  readonly limits: DecodeLimits;
  readonly budget: ParseBudget;
  /** Depth of the root element (non-zero for an embedded object). */
  readonly depthOffset: number;
  /** Called for each element as soon as its start tag is read, before its content. */
  readonly onOpen?: (node: XmlNode) => void;
}

/** Parses one XML document into its root element, or throws ProtocolError. */
export function parseXml(text: string, options: ParseOptions): XmlNode {
  const parse = startParse(options);
  parse.write(text);
  return parse.end();
}

/** Characters given to the parser between two turns of the event loop. */
const SLICE_CHARS = 64 * 1024;

/**
 * parseXml for a large document, fed in slices with a turn of the event loop
 * between them: decoding a request of megabytes must not hold every other
 * client for as long.
 */
export async function parseXmlYielding(text: string, options: ParseOptions): Promise<XmlNode> {
  const parse = startParse(options);
  for (let at = 0; at < text.length;) {
    let end = Math.min(at + SLICE_CHARS, text.length);
    if (isHighSurrogate(text.charCodeAt(end - 1))) end++; // never half a pair
    parse.write(text.slice(at, end));
    at = end;
    if (at < text.length) await setImmediate();
  }
  return parse.end();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

interface Parse {
  write(text: string): void;
  /** The root element once the whole document is written. */
  end(): XmlNode;
}

function startParse(options: ParseOptions): Parse {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const builder = new TreeBuilder(options, parser);
  parser.on('xmldecl', checkDeclaration);
  parser.on('doctype', () => builder.fail('a DOCTYPE is not allowed in a CIM-XML message'));
  parser.on('opentag', (tag) => builder.open(tag));
  parser.on('closetag', () => builder.close());
  parser.on('text', (data) => builder.text(data));
  parser.on('cdata', (data) => builder.text(data));
  parser.on('error', (err) => {
    throw new ProtocolError('request-not-well-formed', `XML is not well-formed: ${withoutPosition(err.message)}`, builder.position);
  });
  return {
    write: (text) => void parser.write(text),
    end() {
      parser.close();
      const root = builder.root;
      if (!root) throw new ProtocolError('request-not-well-formed', 'the document has no root element');
      return root;
    },
  };

  function checkDeclaration(decl: XMLDecl): void {
    if (decl.version !== undefined && decl.version !== '1.0') {
      builder.fail(`XML version ${decl.version} is not supported (CIM-XML is XML 1.0)`);
    }
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
      builder.fail(`encoding ${decl.encoding} is not supported (CIM-XML is UTF-8)`);
    }
  }
}

class TreeBuilder {
  root: XmlNode | undefined;
  readonly #stack: XmlNode[] = [];
  readonly #options: ParseOptions;
  readonly #parser: Position;

  constructor(options: ParseOptions, parser: Position) {
    this.#options = options;
    this.#parser = parser;
  }

  get position(): XmlPosition {
    return { line: this.#parser.line, column: this.#parser.column };
  }

  fail(message: string): never {
    throw new ProtocolError('request-not-valid', message, this.position);
  }

  exceeded(message: string): never {
    throw new LimitError('request-not-valid', message, this.position);
  }

  open(tag: SaxesTagPlain): void {
    const { limits, budget, depthOffset } = this.#options;
    const depth = depthOffset + this.#stack.length;
    if (!KNOWN.has(tag.name)) this.fail(`unknown element <${tag.name}>`);
    if (depth >= limits.maxDepth) this.exceeded(`elements nest deeper than maxDepth (${limits.maxDepth})`);
    if (--budget.elements < 0) this.exceeded(`the message has more than ${budget.limit} elements`);
    this.#checkAttributes(tag);
    const node: XmlNode = { name: tag.name, attrs: tag.attributes, children: NO_CHILDREN, text: '', depth, line: this.#parser.line, column: this.#parser.column };
    const parent = this.#stack[this.#stack.length - 1];
    if (!parent) this.root = node;
    else if (parent.children === NO_CHILDREN) parent.children = [node];
    else parent.children.push(node);
    this.#options.onOpen?.(node);
    this.#stack.push(node); // saxes reports a closetag for self-closing tags too
  }

  close(): void {
    this.#stack.pop();
  }

  text(data: string): void {
    const node = this.#stack[this.#stack.length - 1];
    if (!node) return; // whitespace around the root; saxes rejects anything else there
    if (!PCDATA.has(node.name)) {
      if (/[^ \t\r\n]/.test(data)) this.fail(`character data is not allowed in <${node.name}>`);
      return;
    }
    if (node.text.length + data.length > this.#options.limits.maxTextLength) {
      this.exceeded(`the text of <${node.name}> is longer than maxTextLength (${this.#options.limits.maxTextLength})`);
    }
    node.text += data;
  }

  #checkAttributes(tag: SaxesTagPlain): void {
    const { maxAttributes, maxAttributeLength } = this.#options.limits;
    let count = 0;
    for (const name in tag.attributes) {
      if (++count > maxAttributes) this.exceeded(`<${tag.name}> has more than maxAttributes (${maxAttributes}) attributes`);
      if ((tag.attributes[name] as string).length > maxAttributeLength) {
        this.exceeded(`attribute ${name} of <${tag.name}> is longer than maxAttributeLength (${maxAttributeLength})`);
      }
    }
  }
}

/** saxes prefixes its messages with "line:column: "; we report the position our own way. */
function withoutPosition(message: string): string {
  return message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
}
