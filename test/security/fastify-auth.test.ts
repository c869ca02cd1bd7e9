import { join } from 'node:path';
import Fastify from 'fastify';
import t from 'tap';
import { Authenticator, AuthFailureLimiter, createAuthHook, principalOf, setUser, UserStore } from '../../src/security/index.js';
import { FAST_SCRYPT } from './helpers.js';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function app(dir: string) {
  const file = join(dir, 'users');
  await setUser(file, 'ops', 'ops-pass', { scrypt: FAST_SCRYPT, role: 'admin' });
  await setUser(file, 'dev', 'dev-pass', { scrypt: FAST_SCRYPT, role: 'readonly' });
  const authenticator = new Authenticator({ users: await UserStore.open(file), limiter: new AuthFailureLimiter({ maxFailures: 2 }) });
  const fastify = Fastify();
  fastify.addHook('onRequest', createAuthHook({ authenticator, requireAuth: (request) => request.url !== '/healthz' }));
  fastify.get('/whoami', async (request) => principalOf(request) ?? null);
  fastify.get('/healthz', async (request) => ({ ok: true, principal: principalOf(request) ?? null }));
  return fastify;
}

t.test('401 challenge, success with the principal, open /healthz, 429 after failures', async (t) => {
  const fastify = await app(t.testdir());
  t.teardown(() => fastify.close());

  const challenge = await fastify.inject({ url: '/whoami' });
  t.equal(challenge.statusCode, 401);
  t.match(challenge.headers['www-authenticate'], /^Basic realm="thincim"/);

  const ok = await fastify.inject({ url: '/whoami', headers: { authorization: basic('ops', 'ops-pass') } });
  t.equal(ok.statusCode, 200);
  t.same(ok.json(), { user: 'ops', role: 'admin', method: 'basic' });

  const health = await fastify.inject({ url: '/healthz' });
  t.same(health.json(), { ok: true, principal: null });

  for (let i = 0; i < 2; i++) {
    t.equal((await fastify.inject({ url: '/whoami', headers: { authorization: basic('ops', 'wrong') } })).statusCode, 401);
  }
  const limited = await fastify.inject({ url: '/whoami', headers: { authorization: basic('dev', 'dev-pass') } });
  t.equal(limited.statusCode, 429);
  t.match(limited.headers['retry-after'], /^\d+$/);
  t.equal(limited.body, '', 'nothing about the reason goes to the client');
  const verified = await fastify.inject({ url: '/whoami', headers: { authorization: basic('ops', 'ops-pass') } });
  t.equal(verified.statusCode, 200, 'a login verified a moment ago is not refused');
});

t.test('where anonymous callers are served, credentials sent are still checked', async (t) => {
  const fastify = await app(t.testdir());
  t.teardown(() => fastify.close());
  const wrong = await fastify.inject({ url: '/healthz', headers: { authorization: basic('ops', 'wrong') } });
  t.equal(wrong.statusCode, 401, 'wrong credentials are refused, not ignored');
  const readonly = await fastify.inject({ url: '/healthz', headers: { authorization: basic('dev', 'dev-pass') } });
  t.same(readonly.json(), { ok: true, principal: { user: 'dev', role: 'readonly', method: 'basic' } }, 'a user stays that user, never anonymous');
});

t.test('without an authenticator, credentials cannot be checked: 401, anonymous requests pass', async (t) => {
  const fastify = Fastify();
  t.teardown(() => fastify.close());
  fastify.addHook('onRequest', createAuthHook({ authenticator: undefined, requireAuth: () => false }));
  fastify.get('/whoami', async (request) => principalOf(request) ?? null);
  t.equal((await fastify.inject({ url: '/whoami' })).statusCode, 200);
  const sent = await fastify.inject({ url: '/whoami', headers: { authorization: basic('ops', 'ops-pass') } });
  t.equal(sent.statusCode, 401);
  t.match(sent.headers['www-authenticate'], /^Basic realm="thincim"/);
});
