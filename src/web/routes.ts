/**
 * The hardware health page on the CIM listeners, as a fastify plugin: GET
 * only, on its own paths (CIM-XML keeps POST on every path). The
 * listener's hooks run first, so the page has the same TLS, Host check and
 * authentication as CIM operations; any authenticated user, read-only ones
 * included, sees everything, and nothing here changes anything.
 *
 *   GET /                               the page (complete HTML)
 *   GET /sensors/:id                    one sensor's chart and readings
 *   GET /api/v1/status                  the page's data as JSON
 *   GET /api/v1/sensors/:id/history     one sensor's history as JSON
 *   GET /assets/page.{css,js}, icon.svg the page's own assets
 *
 * The pages' URLs are relative to the page (render.ts's PageLinks, and the
 * script's to its own URL): published by a reverse proxy under a path
 * prefix it strips (`/thincim/` to `/`), they stay under it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Body, matches, negotiate, type Snapshots } from './answers.js';
import { loadAssets, type Asset } from './assets.js';
import { renderNoSensor, renderPage, renderSensorPage, type PageLinks } from './render.js';
import { API_VERSION, sensorView, type ViewSources } from './view.js';

export interface WebOptions {
  sources: ViewSources;
  /** The broker's page answers, shared by its listeners. */
  answers: Snapshots;
}

/** Scripts, styles, images and fetches from this origin only; no inline code; never framed. */
const PAGE_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "require-trusted-types-for 'script'",
].join('; ');
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

function secure(reply: FastifyReply, csp: string): FastifyReply {
  return reply.headers({
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
}

/** The page's paths besides `/`. */
const PAGE_PREFIXES = ['/sensors/', '/api/v1/', '/assets/'];

/** Whether a request is for one of the page's paths: not a CIM-XML POST, which may use any path. */
function forPage(request: FastifyRequest): boolean {
  if (request.method === 'POST') return false;
  const path = request.url.split('?', 1)[0]!;
  return path === '/' || PAGE_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * The page's headers on an answer to its paths that no page route made: the
 * authentication's 401, the 405 of a method the page does not take, fastify's
 * 414 of a parameter too long. The listener calls it for every answer.
 */
export function securePageAnswer(request: FastifyRequest, reply: FastifyReply): void {
  if (forPage(request) && !reply.hasHeader('content-security-policy')) secure(reply, DATA_CSP);
}

/** Authenticated answers are never kept by a shared cache, nor by the browser. */
function private_(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'private, no-store');
}

/** `body` in the encoding the client takes best; the answer says it varies by Accept-Encoding. */
function encoded(request: FastifyRequest, reply: FastifyReply, body: Body): Promise<Buffer> {
  const encoding = negotiate(request.headers['accept-encoding'], body.identity.length);
  reply.header('vary', 'accept-encoding');
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return body.get(encoding);
}

export async function webRoutes(app: FastifyInstance, options: WebOptions): Promise<void> {
  const assets = await loadAssets();
  // Each page's way to the root, from the path its route takes: `/`, and `/sensors/<id>` (one segment: a `/` in the id is %2F).
  const pageLinks = (root: string): PageLinks => ({
    root,
    css: `${root}assets/page.css?v=${assets.css.hash}`,
    js: `${root}assets/page.js?v=${assets.js.hash}`,
    icon: `${root}assets/icon.svg?v=${assets.icon.hash}`,
  });
  const hostLinks = pageLinks('');
  const sensorLinks = pageLinks('../');
  const { sources, answers: snapshots } = options;

  app.get('/', async (request, reply) => {
    secure(private_(reply), PAGE_CSP).type('text/html; charset=utf-8');
    const snapshot = snapshots.current();
    snapshot.html ??= new Body(Buffer.from(renderPage(snapshot.view, hostLinks)));
    return encoded(request, reply, snapshot.html);
  });

  app.get<{ Params: { id: string } }>('/sensors/:id', async (request, reply) => {
    secure(private_(reply), PAGE_CSP).type('text/html; charset=utf-8');
    const found = sensorView(sources, request.params.id);
    if (!found) {
      reply.code(404);
      return renderNoSensor(request.params.id, sensorLinks);
    }
    const { element, time, host } = found;
    return renderSensorPage({ element, points: history(sources, element.id, time), seconds: sources.history.seconds, time, host }, sensorLinks);
  });

  // The poll: 304 while nothing it shows has changed.
  app.get('/api/v1/status', async (request, reply) => {
    secure(private_(reply), DATA_CSP).type('application/json; charset=utf-8');
    const snapshot = snapshots.current();
    reply.header('etag', snapshot.etag);
    if (matches(request.headers['if-none-match'], snapshot.etag)) return reply.code(304).send();
    snapshot.json ??= new Body(Buffer.from(JSON.stringify(snapshot.view)));
    return encoded(request, reply, snapshot.json);
  });

  app.get<{ Params: { id: string } }>('/api/v1/sensors/:id/history', async (request, reply) => {
    secure(private_(reply), DATA_CSP);
    const found = sensorView(sources, request.params.id);
    if (!found) return reply.code(404).send({ error: 'not-found', message: `no numeric sensor has the id ${request.params.id}` });
    const { element, time } = found;
    const { id, name, state, health, currentState, reading } = element;
    return {
      api: API_VERSION, id, name, unit: reading?.unit ?? '', seconds: sources.history.seconds,
      points: history(sources, id, time), time, state, health, currentState, reading,
    };
  });

  const serve = (path: string, asset: Asset) => app.get<{ Querystring: { v?: string } }>(path, async (request, reply) => {
    secure(reply, DATA_CSP).type(asset.type);
    // Versioned URLs never change content: cached for good. Others are revalidated.
    reply.header('cache-control', request.query.v === asset.hash ? 'private, max-age=31536000, immutable' : 'private, no-cache');
    reply.header('etag', `"${asset.hash}"`);
    if (request.headers['if-none-match'] === `"${asset.hash}"`) return reply.code(304).send();
    return asset.body;
  });
  serve('/assets/page.css', assets.css);
  serve('/assets/page.js', assets.js);
  serve('/assets/icon.svg', assets.icon);
}

function history(sources: ViewSources, id: string, now: number): { time: number; value: number | null }[] {
  return (sources.history.points(id, now) ?? []).map((p) => ({ time: p.time, value: Number.isNaN(p.value) ? null : p.value }));
}
