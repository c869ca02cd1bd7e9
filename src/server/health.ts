/**
 * GET /healthz (liveness: the process answers) and GET /readyz (readiness:
 * the schema is loaded and every enabled provider has been sampled, well or
 * badly, at least once). A failed sample counts: the agent then serves the
 * failure (Unknown health, events), which is what a monitor must see, and
 * restarting it would not mend the hardware. /readyz also says whether the
 * readings are simulated, so that tools can tell a demo host from a real one.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProviderState } from '../providers/index.js';
import { isSimulated } from '../providers/loader.js';

/**
 * Whether a sample of the provider has finished, well or badly. Not
 * `lastAttemptAt`: it is set when the first sample begins, long before a
 * slow one (a BMC timing out) has given anything to serve.
 */
function sampled(p: ProviderState): boolean {
  return p.samples + p.failures > 0;
}

/** The liveness route. Who may read it anonymously: app.ts, ANONYMOUS_PROBES. */
export const HEALTHZ = '/healthz';
/** The readiness route. Who may read it anonymously, and how much: app.ts, ANONYMOUS_PROBES. */
export const READYZ = '/readyz';

/** `statusOnly`: whether this request gets /readyz's status alone (app.ts decides). */
export function healthRoutes(app: FastifyInstance, providers: () => ProviderState[], statusOnly: (request: FastifyRequest) => boolean): void {
  app.get(HEALTHZ, async () => ({ status: 'ok' }));
  app.get(READYZ, async (request, reply) => {
    const states = providers().filter((p) => p.enabled);
    const ready = states.length > 0 && states.every(sampled);
    reply.code(ready ? 200 : 503);
    const status = ready ? 'ready' : 'starting';
    if (statusOnly(request)) return { status };
    return {
      status,
      schema: 'loaded',
      simulated: states.some((p) => isSimulated(p.source)),
      providers: states.map((p) => ({
        name: p.name,
        enablement: p.enablement,
        sampled: sampled(p),
        healthy: p.consecutiveFailures === 0 && p.samples > 0,
        ...(p.consecutiveFailures > 0 && p.lastError ? { error: p.lastError } : {}),
      })),
    };
  });
}
