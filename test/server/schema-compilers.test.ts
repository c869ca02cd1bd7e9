/**
 * fastify is given no schema compilers (NO_SCHEMA_COMPILERS in
 * src/server/app.ts: ajv and fast-json-stringify stay out of the bundle).
 * No route of thincim's declares a schema; one that did would stop the
 * server at start with a message that says why, never run unchecked.
 */
import type { FastifyInstance } from 'fastify';
import t, { type Test } from 'tap';
import { pino } from 'pino';
import { PullSessions } from '../../src/operations/pull.js';
import { buildApp } from '../../src/server/app.js';
import { startTestBroker, TEST_LIMITS } from '../helpers/broker.js';

async function application(t: Test): Promise<FastifyInstance> {
  const broker = await startTestBroker();
  t.teardown(() => broker.close());
  const app = await buildApp({
    state: broker.broker.state,
    pulls: new PullSessions({ maxSessions: 1, maxSessionsPerOwner: 1, maxAnonymousSessions: 1, defaultTimeoutSec: 30, maxTimeoutSec: 60 }),
    limits: TEST_LIMITS, logger: pino({ level: 'silent' }), providers: () => [],
    auth: { authenticator: undefined, required: false, healthzOpen: true },
  });
  t.teardown(() => app.close());
  return app;
}

t.test('a route with a schema stops the application at start with a clear error', async (t) => {
  const app = await application(t);
  app.post('/echo', { schema: { body: { type: 'object', properties: { n: { type: 'integer' } } } } }, async () => ({}));
  await t.rejects(async () => { await app.ready(); }, { message: /thincim routes declare no schema/ });
});

t.test('the routes thincim declares need no compiler: the application starts and answers', async (t) => {
  const app = await application(t);
  const health = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(health.statusCode, 200);
});
