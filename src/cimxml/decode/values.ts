/** VALUE, VALUE.ARRAY, VALUE.NULL (DSP0201 §5.2.3) and typed conversion of their text (§2.6 lexical forms). */
import { scalarFromText } from '../../cim/index.js';
import type { CIMScalar, CIMType } from '../../cim/index.js';
import { Children, ValueError, names, noChildren } from '../xml/node.js';
import type { XmlNode } from '../xml/node.js';

const ARRAY_ITEMS = names('VALUE', 'VALUE.NULL');

/** The text of a VALUE, whitespace kept (it is significant for strings). */
export function valueText(node: XmlNode): string {
  noChildren(node);
  return node.text;
}

/** The items of a VALUE.ARRAY: text, or null for VALUE.NULL. */
export function arrayTexts(node: XmlNode): (string | null)[] {
  const children = new Children(node);
  const items = children.many(ARRAY_ITEMS).map((item) => {
    noChildren(item);
    return item.name === 'VALUE' ? item.text : null;
  });
  children.end();
  return items;
}

const SMALL_INTEGER_RANGES: Partial<Record<CIMType, readonly [number, number]>> = {
  uint8: [0, 0xff], uint16: [0, 0xffff], uint32: [0, 0xffffffff],
  sint8: [-0x80, 0x7f], sint16: [-0x8000, 0x7fff], sint32: [-0x80000000, 0x7fffffff],
};
const PLAIN_DECIMAL = /^-?\d{1,10}$/;

/** Converts text to a value of `type`; a lexical error becomes a ValueError at `node`. */
export function scalarAt(node: XmlNode, type: CIMType, text: string): CIMScalar {
  // The common case — a plain decimal of a type up to 32 bits — without the bigint detour of scalarFromText.
  const range = SMALL_INTEGER_RANGES[type];
  if (range && PLAIN_DECIMAL.test(text)) {
    const n = Number(text);
    if (n >= range[0] && n <= range[1]) return n;
  }
  try {
    return scalarFromText(type, text);
  } catch (err) {
    throw new ValueError(node, `<${node.name}>: ${(err as Error).message}`, { cause: err });
  }
}

/** A typed VALUE. */
export function typedValue(node: XmlNode, type: CIMType): CIMScalar {
  return scalarAt(node, type, valueText(node));
}

/** A typed VALUE.ARRAY. */
export function typedArray(node: XmlNode, type: CIMType): (CIMScalar | null)[] {
  return arrayTexts(node).map((text) => (text === null ? null : scalarAt(node, type, text)));
}
