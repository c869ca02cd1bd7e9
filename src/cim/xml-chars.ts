/**
 * Characters a CIM string may hold but CIM-XML cannot carry, not even as a
 * character reference (XML 1.0 §2.2): C0 controls but TAB, LF and CR,
 * U+FFFE, U+FFFF, and surrogates not in a pair. The encoder refuses them
 * (src/cimxml/encode/escape.ts), so what providers give is checked first.
 */
export const NOT_XML_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** "U+001B at index 4", for the first such character of `text`, or undefined. */
export function notXmlCharacter(text: string): string | undefined {
  const index = text.search(NOT_XML_CHARACTER);
  if (index === -1) return undefined;
  return `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')} at index ${index}`;
}

/** The first `length` UTF-16 units of `text`, one less rather than half a surrogate pair (which XML cannot carry). */
export function headOf(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** `text` with each character CIM-XML cannot carry replaced by U+FFFD, as a provider's own text is served. */
export function xmlCarriable(text: string): string {
  return NOT_XML_CHARACTER.test(text) ? text.replace(new RegExp(NOT_XML_CHARACTER, 'g'), '\uFFFD') : text;
}
