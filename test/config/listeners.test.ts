import t from 'tap';
import { type Config, isLoopbackAddress, loadConfig, planListeners } from '../../src/config/index.js';

async function configWith(argv: string[]): Promise<Config> {
  return (await loadConfig({ argv, env: { THINCIM_STATE_DIR: '/s' }, cwd: '/' })).config;
}

t.test('loopback addresses', async (t) => {
  for (const a of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) t.ok(isLoopbackAddress(a), a);
  for (const a of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', '::ffff:10.0.0.1', 'example.com', '']) t.notOk(isLoopbackAddress(a), a);
});

t.test('default: HTTPS everywhere with auth, HTTP on loopback without', async (t) => {
  t.same(planListeners(await configWith([])), [
    { protocol: 'https', host: '0.0.0.0', port: 5989, loopback: false, requireAuth: true },
    { protocol: 'http', host: '127.0.0.1', port: 5988, loopback: true, requireAuth: false },
  ]);
});

t.test('httpOpen, authLoopback, auth none, disabled ports, loopback host', async (t) => {
  t.same(planListeners(await configWith(['--http-open', '--auth-loopback'])).map((l) => [l.host, l.requireAuth]), [['0.0.0.0', true], ['0.0.0.0', true]]);
  t.same(planListeners(await configWith(['--auth', 'none'])).map((l) => l.requireAuth), [false, false]);
  t.same(planListeners(await configWith(['--http-port', '0'])).map((l) => l.protocol), ['https']);
  t.same(planListeners(await configWith(['--https-port', '0', '--http-open', '--host', '::'])), [
    { protocol: 'http', host: '::', port: 5988, loopback: false, requireAuth: true },
  ]);
  t.same(planListeners(await configWith(['--host', '::1'])).map((l) => [l.protocol, l.loopback, l.requireAuth]), [['https', true, true], ['http', true, false]],
    'with auth basic, HTTPS requires credentials even on loopback; only plain HTTP on loopback is exempt');
  t.same(planListeners(await configWith(['--host', '::1', '--auth-loopback'])).map((l) => l.requireAuth), [true, true]);
  t.same(planListeners(await configWith(['--host', '127.0.0.1', '--auth', 'none'])).map((l) => l.requireAuth), [false, false]);
  t.same(planListeners(await configWith(['--host', '127.0.0.1', '--auth', 'none', '--auth-loopback'])).map((l) => l.requireAuth), [true, true]);
});
