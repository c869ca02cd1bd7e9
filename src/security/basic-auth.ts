/** The `Authorization: Basic …` header (RFC 7617), parsed without trusting any of it. */

export type BasicCredentials = { ok: true; user: string; password: string } | { ok: false; error: string };

/** Longest header accepted, by default (real ones are well under 1 KiB). */
export const MAX_AUTHORIZATION_LENGTH = 4096;

const BASIC = /^basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i;
/** RFC 7617 §2: neither user-id nor password may contain control characters. */
const CONTROL = /[\u0000-\u001f\u007f]/;

const fail = (error: string): BasicCredentials => ({ ok: false, error });

/** Messages never quote the header: it carries the password. */
export function parseBasicAuthorization(header: string | undefined, maxLength = MAX_AUTHORIZATION_LENGTH): BasicCredentials {
  if (header === undefined || header.trim() === '') return fail('no credentials');
  if (header.length > maxLength) return fail(`Authorization header longer than ${maxLength} characters`);
  const token = BASIC.exec(header.trim())?.[1];
  if (token === undefined) {
    return /^basic\b/i.test(header.trim()) ? fail('malformed Basic credentials') : fail('not Basic authentication');
  }
  // Padding may be omitted by some clients; a length of 4k+1 cannot come from any byte string.
  if (token.replace(/=+$/, '').length % 4 === 1 || (token.includes('=') && token.length % 4 !== 0)) {
    return fail('malformed base64 in Basic credentials');
  }
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(token, 'base64'));
  } catch {
    return fail('Basic credentials are not UTF-8');
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return fail('Basic credentials lack the user:password separator');
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (user === '') return fail('empty user name');
  if (CONTROL.test(user) || CONTROL.test(password)) return fail('control character in Basic credentials');
  return { ok: true, user, password };
}
