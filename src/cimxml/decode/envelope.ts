/**
 * The message envelope (DSP0201 §5.3.1): CIM and MESSAGE with their versions,
 * checked as soon as their start tags are read so that a version fault is
 * reported as such even when the rest of the body is broken (the order
 * OpenPegasus checks in, reference §1.5).
 */
import { ProtocolError } from '../errors.js';
import type { CIMErrorHeader } from '../errors.js';
import { elementBudget, resolveLimits } from '../limits.js';
import type { DecodeLimits } from '../limits.js';
import { Children, invalid, names, requiredAttr } from '../xml/node.js';
import type { XmlNode } from '../xml/node.js';
import { LimitError, parseXml, parseXmlYielding, type ParseOptions } from '../xml/parse.js';
import type { DecodeContext } from './objects.js';

export interface Envelope {
  readonly cimVersion: string;
  readonly dtdVersion: string;
  readonly messageId: string;
  readonly protocolVersion: string;
  /** The SIMPLEREQ or SIMPLERSP element. */
  readonly body: XmlNode;
}

export type MessageKind = 'SIMPLEREQ' | 'SIMPLERSP' | 'SIMPLEEXPREQ' | 'SIMPLEEXPRSP';

/**
 * Parses a message body under its limits, checking the envelope as it goes,
 * and returns the envelope with the context that decodes what it carries.
 */
export function decodeMessage(body: string | Uint8Array, limits: Partial<DecodeLimits> | undefined, kind: MessageKind): DecodedMessage {
  const { ctx, text, options } = startMessage(body, limits, kind);
  return { ctx, envelope: readEnvelope(parseXml(text, options), kind) };
}

/** decodeMessage yielding to the event loop while it parses a large body. */
export async function decodeMessageYielding(body: string | Uint8Array, limits: Partial<DecodeLimits> | undefined, kind: MessageKind)
  : Promise<DecodedMessage> {
  const { ctx, text, options } = startMessage(body, limits, kind);
  return { ctx, envelope: readEnvelope(await parseXmlYielding(text, options), kind) };
}

export interface DecodedMessage {
  ctx: DecodeContext;
  envelope: Envelope;
}

function startMessage(body: string | Uint8Array, limits: Partial<DecodeLimits> | undefined, kind: MessageKind)
  : { ctx: DecodeContext; text: string; options: ParseOptions } {
  const resolved = resolveLimits(limits);
  const bytes = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
  if (bytes > resolved.maxBytes) throw new LimitError('request-not-valid', `the body has ${bytes} bytes, more than maxBytes (${resolved.maxBytes})`);
  const ctx: DecodeContext = { limits: resolved, budget: elementBudget(resolved, bytes), embeddingDepth: 0 };
  // Counted in the bytes when there are bytes (UTF-8 has no other 0x3C), so an element bomb costs no decoding.
  checkMarkupCount(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength), ctx.budget);
  const text = bodyText(body);
  return { ctx, text, options: { limits: resolved, budget: ctx.budget, depthOffset: 0, onOpen: envelopeChecker(kind) } };
}

/**
 * Refuses before parsing a body that cannot fit its element budget: an
 * element has at most two tags, so more than twice the budget of `<` (plus
 * a few for the declaration) means too many elements, found at the cost of
 * a scan instead of a parse. Only a `<` in a comment or CDATA could
 * mislead it, and CDATA carries embedded objects whose elements count anyway.
 */
function checkMarkupCount(body: string | Buffer, budget: { elements: number; limit: string }): void {
  const most = 2 * budget.elements + 16;
  const next = typeof body === 'string' ? (from: number) => body.indexOf('<', from) : (from: number) => body.indexOf(0x3c, from);
  let count = 0;
  for (let at = next(0); at >= 0; at = next(at + 1)) {
    if (++count > most) throw new LimitError('request-not-valid', `the message has more than ${budget.limit} elements`);
  }
}

/** The onOpen hook that checks the envelope while parsing. */
function envelopeChecker(kind: MessageKind): (node: XmlNode) => void {
  let inMessage = false;
  return (node) => {
    if (node.depth === 0) {
      if (node.name !== 'CIM') throw invalid(node, `the root element must be <CIM>, not <${node.name}>`);
      checkVersion(node, 'CIMVERSION', 2, 'unsupported-cim-version');
      checkVersion(node, 'DTDVERSION', 2, 'unsupported-dtd-version');
    } else if (node.depth === 1) {
      inMessage = node.name === 'MESSAGE';
      if (inMessage) {
        requiredAttr(node, 'ID');
        checkVersion(node, 'PROTOCOLVERSION', 1, 'unsupported-protocol-version');
      }
    } else if (node.depth === 2 && inMessage && node.name !== kind) {
      if (node.name === 'MULTIREQ' && kind === 'SIMPLEREQ') {
        throw new ProtocolError('multiple-requests-unsupported', 'MULTIREQ is not supported: send one SIMPLEREQ per request', node);
      }
      throw invalid(node, `<MESSAGE> must contain <${kind}>, not <${node.name}>`);
    }
  };
}

/** Versions are "M.N" or "M.N.U"; only the major number is checked (DSP0201 2.3+, reference §0). */
function checkVersion(node: XmlNode, attribute: string, major: number, fault: CIMErrorHeader): void {
  const value = requiredAttr(node, attribute);
  const match = /^(\d+)(?:\.\d+)*$/.exec(value.trim());
  if (!match || Number(match[1]) !== major) {
    throw new ProtocolError(fault, `${attribute}="${value}" is not supported (only ${major}.x)`, node);
  }
}

/** Walks CIM / MESSAGE to the SIMPLEREQ or SIMPLERSP (already checked by envelopeChecker). */
function readEnvelope(root: XmlNode, kind: MessageKind): Envelope {
  const cim = new Children(root);
  const message = cim.required(names('MESSAGE'));
  cim.end();
  const inner = new Children(message);
  const body = inner.required(names(kind));
  inner.end();
  return {
    cimVersion: requiredAttr(root, 'CIMVERSION').trim(),
    dtdVersion: requiredAttr(root, 'DTDVERSION').trim(),
    messageId: requiredAttr(message, 'ID'),
    protocolVersion: requiredAttr(message, 'PROTOCOLVERSION').trim(),
    body,
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text: at most maxBytes of UTF-8 (a byte order mark is dropped); broken UTF-8 or UTF-16 is not well-formed. */
function bodyText(body: string | Uint8Array): string {
  if (typeof body === 'string') {
    // A lone surrogate has no UTF-8 form: the text cannot have come from a well-formed body.
    if (/\p{Cs}/u.test(body)) throw new ProtocolError('request-not-well-formed', 'the body is not valid Unicode (lone surrogate)');
    return body;
  }
  try {
    return utf8.decode(body);
  } catch (err) {
    throw new ProtocolError('request-not-well-formed', 'the body is not valid UTF-8', undefined, { cause: err });
  }
}
