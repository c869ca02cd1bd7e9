/**
 * XML escaping for text and attribute values. Strings that need nothing (the
 * vast majority: names, numbers, sensor labels) are returned as they are after
 * one regular-expression scan.
 *
 * Characters XML 1.0 does not allow (C0 controls other than TAB, LF and CR,
 * lone surrogates, U+FFFE, U+FFFF) have no representation at all, not even as
 * character references, so they throw EncodeError. CR is written as `&#13;`
 * (a literal one would be read back as LF), and in attributes TAB and LF as
 * `&#9;` and `&#10;` (a literal one would be read back as a space).
 */
import { EncodeError } from '../errors.js';

const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes character data (element content). */
export function escapeText(text: string): string {
  return TEXT_SPECIAL.test(text) ? escapeSlowly(text, false) : text;
}

/** Escapes an attribute value (written between double quotes). */
export function escapeAttribute(text: string): string {
  return ATTRIBUTE_SPECIAL.test(text) ? escapeSlowly(text, true) : text;
}

function escapeSlowly(text: string, attribute: boolean): string {
  let out = '';
  let done = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let replacement: string | undefined;
    switch (code) {
      case 0x26: replacement = '&amp;'; break;
      case 0x3c: replacement = '&lt;'; break;
      case 0x3e: replacement = '&gt;'; break;
      case 0x0d: replacement = '&#13;'; break;
      case 0x22: replacement = attribute ? '&quot;' : undefined; break;
      case 0x09: replacement = attribute ? '&#9;' : undefined; break;
      case 0x0a: replacement = attribute ? '&#10;' : undefined; break;
      default:
        if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) i++;
        else if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff) || code >= 0xfffe) throw notAllowed(text, i, code);
    }
    if (replacement !== undefined) {
      out += text.slice(done, i) + replacement;
      done = i + 1;
    }
  }
  return out + text.slice(done);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function notAllowed(text: string, index: number, code: number): EncodeError {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const excerpt = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  return new EncodeError(`U+${hex} at index ${index} of ${excerpt} is not a character XML 1.0 can carry`);
}
