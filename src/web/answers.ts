/**
 * The page's two large answers, the page itself and its status JSON (11 MB
 * and 3.4 MB at 10,000 sensors), made once for each state of what they show
 * and kept with their compressed forms, so that a browser's poll costs
 * neither a new view nor a new compression. A state is the index
 * generation, the providers' state and the newest recent change; its ETag
 * lets a poll that already has it get 304 and no body.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { providerView, statusView, type StatusView, type ViewSources } from './view.js';

export type Encoding = 'br' | 'gzip' | 'identity';

/** Below this, compressing saves less than it costs. */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * Brotli at quality 5 makes the 10,000-sensor status 58 KB in some 50 ms;
 * 11 (the default) gains 2% for ten times the time.
 */
const BROTLI_QUALITY = 5;

const COMPRESS: Readonly<Record<Exclude<Encoding, 'identity'>, (body: Buffer) => Promise<Buffer>>> = {
  br: (body) => promisify(brotliCompress)(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }),
  gzip: (body) => promisify(gzip)(body),
};

/** An answer's body and its compressed forms, each made once (on zlib's threads), when first asked for. */
export class Body {
  readonly #forms = new Map<Encoding, Promise<Buffer>>();
  /** The bytes of the forms made so far. */
  bytes: number;

  constructor(readonly identity: Buffer) {
    this.#forms.set('identity', Promise.resolve(identity));
    this.bytes = identity.length;
  }

  get(encoding: Encoding): Promise<Buffer> {
    let form = this.#forms.get(encoding);
    if (!form) {
      form = COMPRESS[encoding as Exclude<Encoding, 'identity'>](this.identity);
      this.#forms.set(encoding, form);
      form.then((made) => (this.bytes += made.length), () => {});
    }
    return form;
  }
}

/** The encoding to send `bytes` in to a client that sent `accept` (Accept-Encoding): br, else gzip, when it takes them. */
export function negotiate(accept: string | undefined, bytes: number): Encoding {
  if (!accept || bytes < MIN_COMPRESS_BYTES) return 'identity';
  const weights = new Map<string, number>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    weights.set(name, q === undefined ? 1 : Number(q.slice(2)));
  }
  const takes = (name: string) => (weights.get(name) ?? weights.get('*') ?? 0) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : 'identity';
}

/** Whether an If-None-Match header names `etag` (weakly compared, as RFC 9110 §13.1.2 asks). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** One state's view and the answers made of it so far. */
export interface Snapshot {
  etag: string;
  view: StatusView;
  json?: Body;
  html?: Body;
}

/** A snapshot no browser asked for in this long is let go (15 MB at 10,000 sensors); pages poll every few seconds. */
export const RELEASE_AFTER_MS = 60_000;

/** The current state's snapshot, made anew only when the state changes: one per broker, shared by its listeners. */
export class Snapshots {
  readonly #sources: ViewSources;
  #key = '';
  #snapshot: Snapshot | undefined;
  readonly #releaseAfterMs: number;
  #release: NodeJS.Timeout | undefined;

  constructor(sources: ViewSources, releaseAfterMs = RELEASE_AFTER_MS) {
    this.#sources = sources;
    this.#releaseAfterMs = releaseAfterMs;
  }

  current(): Snapshot {
    const key = stateKey(this.#sources);
    if (this.#snapshot === undefined || key !== this.#key) {
      const view = statusView(this.#sources);
      this.#key = key;
      this.#snapshot = { etag: `"${view.generation}-${createHash('sha256').update(key).digest('base64url').slice(0, 12)}"`, view };
    }
    this.#release ??= setTimeout(() => (this.#snapshot = undefined), this.#releaseAfterMs).unref();
    this.#release.refresh();
    return this.#snapshot;
  }

  /** The answers' bytes kept, every form counted (the view they were made of is not). */
  get bytes(): number {
    return (this.#snapshot?.json?.bytes ?? 0) + (this.#snapshot?.html?.bytes ?? 0);
  }
}

/** What the status shows besides the clock: the model's generation, the providers' state, the recent changes. */
function stateKey(sources: ViewSources): string {
  const events = sources.recent();
  const providers = sources.providers().filter((p) => p.enabled).map(providerView);
  return JSON.stringify([sources.state.index.generation, events.length, events[0]?.sequence ?? null, providers]);
}
