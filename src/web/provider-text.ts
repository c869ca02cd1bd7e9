/**
 * What the page's provider line says, in the server's rendering (render.ts)
 * and in the script that refreshes it (client/page.ts). Plain functions, no
 * Node.js and no DOM: bundled into the script as well.
 */

/** The fields of a provider's view (view.ts ProviderView) the line tells. */
export interface ProviderLine {
  state: 'sampling' | 'failed' | 'starting';
  lastError: string | null;
  consecutiveFailures: number;
  backoffUntil: number | null;
  refusedCount: number;
}

export function utcTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function providerText(p: ProviderLine): string {
  if (p.state === 'sampling') return p.refusedCount === 0 ? 'sampling' : `sampling; ${p.refusedCount} invalid item${p.refusedCount === 1 ? '' : 's'} refused`;
  if (p.state === 'starting') return 'starting: no sample yet';
  const backoff = p.backoffUntil ? `; backed off until ${utcTime(p.backoffUntil)}` : '';
  return `failed ${p.consecutiveFailures} time${p.consecutiveFailures === 1 ? '' : 's'}: ${p.lastError ?? 'unknown error'}${backoff}`;
}
