/**
 * HTML escaping. Every string on the page comes from hardware, providers or
 * their configuration, so every one goes through `esc` in text and `escAttr`
 * in attribute values (always double-quoted).
 */
import { shown } from './page-text.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** An attribute's value, exactly: an id the script looks rows up by must be the API's. */
export function escAttr(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Text the reader sees: escaped, its bidi controls and zero-width characters shown (page-text.ts `shown`). */
export function esc(value: string | number): string {
  return escAttr(shown(String(value)));
}
