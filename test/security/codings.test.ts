/**
 * Content and transfer codings of a request body. The CIM listener decodes
 * none but chunked framing: a gzip body was read as the XML itself (a 400
 * "not valid UTF-8" that misleads), and a body labelled gzip that was not
 * was served as though the label were absent. RFC 9110 §15.5.16: an
 * unsupported content coding is 415, with Accept-Encoding saying what is
 * (§12.5.3); RFC 9112 §6.1: a transfer coding the server does not
 * understand is 501.
 */
import { gzipSync } from 'node:zlib';
import t from 'tap';
import { cimHeaders, imethodBody, p, startTestBroker } from '../helpers/broker.js';
import { exchange, serialize, type RawRequest } from '../helpers/raw-http.js';

const started = await startTestBroker();
t.teardown(() => started.close());
const port = Number(new URL(started.url).port);
const BODY = imethodBody('EnumerateInstanceNames', 'root/cimv2', p.className('ClassName', 'CIM_Fan'));
const HEADERS = Object.entries(cimHeaders('EnumerateInstanceNames', 'root/cimv2'));
const chunked = (body: Buffer) => Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);

async function answer(request: RawRequest) {
  const result = await exchange(port, serialize(request), 30_000);
  if (result.kind !== 'response') throw new Error(`no answer: ${result.kind}`);
  return result.response;
}

t.test('a Content-Encoding other than identity is answered 415 with Accept-Encoding: identity', async (t) => {
  const cases = [['gzip', gzipSync(BODY), 'gzip'], ['gzip', Buffer.from(BODY), 'gzip'], ['deflate', Buffer.from(BODY), 'deflate'], ['identity, gzip', gzipSync(BODY), 'gzip']] as const;
  for (const [coding, body, named] of cases) {
    const response = await answer({ headers: [...HEADERS, ['Content-Encoding', coding]], body });
    t.equal(response.status, 415, `Content-Encoding: ${coding}`);
    t.equal(response.headers.get('accept-encoding')?.join(), 'identity');
    t.match(response.body.toString(), new RegExp(`Content-Encoding ${named} is not supported`));
    t.match(response.headers.get('pgerrordetail')?.join(), /Content-Encoding/, 'in PGErrorDetail too, which clients show');
  }
  for (const coding of ['identity', 'Identity', '', 'utf-8', 'UTF8']) {
    t.equal((await answer({ headers: [...HEADERS, ['Content-Encoding', coding]], body: Buffer.from(BODY) })).status, 200, `Content-Encoding: '${coding}' is no coding (utf-8: a charset hand-written scripts mislabel as one)`);
  }
});

t.test('a transfer coding other than chunked is answered 501', async (t) => {
  for (const coding of ['gzip, chunked', 'x-custom, chunked']) {
    const response = await answer({ headers: [...HEADERS, ['Transfer-Encoding', coding]], body: chunked(Buffer.from(BODY)), contentLength: false });
    t.equal(response.status, 501, `Transfer-Encoding: ${coding}`);
    t.match(response.body.toString(), /Transfer-Encoding .* is not supported/);
  }
  for (const coding of ['chunked', 'Chunked', 'identity, chunked']) {
    const response = await answer({ headers: [...HEADERS, ['Transfer-Encoding', coding]], body: chunked(Buffer.from(BODY)), contentLength: false });
    t.equal(response.status, 200, `Transfer-Encoding: ${coding}`);
  }
});
