/**
 * GET /healthz (liveness: the process answers) and GET /readyz (readiness:
 * the schema is loaded and every enabled provider has been sampled, well or
 * badly, at least once).
 */
import type { FastifyInstance } from 'fastify';
import type { ProviderState } from '../providers/index.js';

export function healthRoutes(app: FastifyInstance, providers: () => ProviderState[]): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const states = providers().filter((p) => p.enabled);
    const waiting = states.filter((p) => p.lastAttemptAt === undefined).map((p) => p.name);
    const ready = states.length > 0 && waiting.length === 0;
    reply.code(ready ? 200 : 503);
    return {
      status: ready ? 'ready' : 'starting',
      schema: 'loaded',
      providers: states.map((p) => ({
        name: p.name,
        sampled: p.lastAttemptAt !== undefined,
        healthy: p.consecutiveFailures === 0 && p.samples > 0,
        ...(p.consecutiveFailures > 0 && p.lastError ? { error: p.lastError } : {}),
      })),
    };
  });
}
