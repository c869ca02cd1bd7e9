/**
 * HTML escaping. Every string on the page comes from hardware, providers or
 * their configuration, so every one goes through `esc`, in text and in
 * attribute values (always double-quoted) alike.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
