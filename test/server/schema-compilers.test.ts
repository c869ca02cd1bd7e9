/**
 * fastify's schema compilers load only when a route declares a schema (see
 * LAZY_SCHEMA_COMPILERS in src/server/app.ts): one that does still gets its
 * body validated and its answer serialized by them.
 */
import t from 'tap';
import { pino } from 'pino';
import { PullSessions } from '../../src/operations/pull.js';
import { buildApp } from '../../src/server/app.js';
import { startTestBroker, TEST_LIMITS } from '../helpers/broker.js';

t.test('a route with a schema is validated and serialized by the lazily loaded compilers', async (t) => {
  const broker = await startTestBroker();
  t.teardown(() => broker.close());
  const app = await buildApp({
    state: broker.broker.state,
    pulls: new PullSessions({ maxSessions: 1, defaultTimeoutSec: 30, maxTimeoutSec: 60 }),
    limits: TEST_LIMITS, logger: pino({ level: 'silent' }), providers: () => [],
    auth: { authenticator: undefined, required: false, healthzOpen: true },
  });
  t.teardown(() => app.close());
  app.post('/echo', {
    schema: {
      body: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
      response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
    },
  }, async (request) => ({ n: (request.body as { n: number }).n, dropped: 'by the serializer' }));
  const bad = await app.inject({ method: 'POST', url: '/echo', payload: { n: 'x' } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { message: 'body/n must be integer' });
  const good = await app.inject({ method: 'POST', url: '/echo', payload: { n: 7 } });
  t.equal(good.statusCode, 200);
  t.same(good.json(), { n: 7 }, 'serialized by the response schema');
});
