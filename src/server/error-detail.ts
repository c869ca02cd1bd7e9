/**
 * The reason of a refusal as clients read it. OpenPegasus's client, the SBLIM
 * Java client and pywbem read no body of an HTTP error: they show the
 * PGErrorDetail header, as OpenPegasus sends it. Every refusal says why, in
 * its plain-text body and there.
 */
import type { FastifyReply } from 'fastify';

/**
 * Text for a header field: printable ASCII as is, '%', '+', a space at either
 * end and every other character percent-encoded as UTF-8. OpenPegasus's
 * client and ours decode CIMStatusCodeDescription and PGErrorDetail so; the
 * SBLIM Java client decodes them with java.net.URLDecoder, which reads a bare
 * '+' as a space. Node refuses to write a field with a line break or a
 * character beyond Latin-1, which would leave the answer unended; a space at
 * either end is not part of the field's value (RFC 9110 §5.5).
 */
export function fieldText(text: string): string {
  return text.replace(/[^\x20-\x24\x26-\x2a\x2c-\x7e]|^ | $/gu, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** PGErrorDetail is at most this many bytes, encoded (the body has the text whole): faults may quote what the client sent. */
const MAX_DETAIL_BYTES = 1024;
const CUT = fieldText('…');

/**
 * A protocol fault's text as OpenPegasus sends it, in PGErrorDetail: the
 * SBLIM Java client puts it in its exception, as OpenPegasus's client and
 * pywbem do; they read no body of an HTTP error. A long text is cut between
 * characters, never inside an escape.
 */
export function errorDetail(message: string): string {
  const whole = fieldText(message);
  if (whole.length <= MAX_DETAIL_BYTES) return whole;
  const characters = [...message];
  const encodedLength = (count: number) => fieldText(characters.slice(0, count).join('')).length + CUT.length;
  let [fits, fitsNot] = [0, characters.length];
  while (fitsNot - fits > 1) {
    const middle = (fits + fitsNot) >>> 1;
    if (encodedLength(middle) <= MAX_DETAIL_BYTES) fits = middle;
    else fitsNot = middle;
  }
  return fieldText(characters.slice(0, fits).join('')) + CUT;
}

/** Answers `status` with `text` in a plain-text body and in PGErrorDetail. */
export function refuse(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).type('text/plain; charset=utf-8').header('PGErrorDetail', errorDetail(text)).send(`${text}\n`);
}

/** A plain-text answer written on the socket, its reason in the body and in PGErrorDetail. */
export function rawAnswer(status: string, text: string, headers = ''): string {
  const body = `${text}\n`;
  return `HTTP/1.1 ${status}\r\n${headers}Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `PGErrorDetail: ${errorDetail(text)}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
