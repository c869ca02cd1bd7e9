/**
 * Enumeration contexts belong to whoever opened them, over real sockets: a
 * user, another user and anonymous callers each see only their own, and each
 * has a quota below the server's, so no one can hoard every context.
 */
import t from 'tap';
import type { Test } from 'tap';
import { CIMStatus } from '../../src/cim/index.js';
import { outText, p, startTestBroker, TEST_LIMITS } from '../helpers/broker.js';
import { basic, cimCall, type SendOptions } from '../helpers/client.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const CIMV2 = 'root/cimv2';
const USERS = { alice: { role: 'readonly', password: 'alice-Pa55' }, bob: { role: 'readonly', password: 'bob-Pa55' } } as const;
const as = (user: keyof typeof USERS): SendOptions => ({ headers: { Authorization: basic(user, USERS[user].password) } });
const anonymous: SendOptions = {};

async function broker(t: Test, perUser: number, total: number) {
  const started = await startTestBroker({
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: false }],
    authenticator: await testAuthenticator(await writeUsers(t.testdir(), USERS)),
    limits: { ...TEST_LIMITS, enumerationContexts: total, enumerationContextsPerUser: perUser },
  });
  t.teardown(() => started.close());
  return started.url;
}

async function openContext(url: string, who: SendOptions): Promise<{ context: string | undefined; code: number | undefined; message: string | undefined }> {
  const { response } = await cimCall(url, 'OpenEnumerateInstancePaths', CIMV2, p.className('ClassName', 'CIM_Fan') + p.value('MaxObjectCount', 1), who);
  return { context: response.error ? undefined : outText(response, 'EnumerationContext'), code: response.error?.code, message: response.error?.description };
}

t.test('another principal gets CIM_ERR_INVALID_ENUMERATION_CONTEXT for Pull, Close and EnumerationCount', async (t) => {
  const url = await broker(t, 4, 16);
  const { context } = await openContext(url, as('alice'));
  t.ok(context, 'alice opened a context');
  const ctx = p.value('EnumerationContext', context!);
  for (const [label, who] of [['bob', as('bob')], ['an anonymous caller', anonymous]] as const) {
    for (const [operation, params] of [
      ['PullInstancePaths', ctx + p.value('MaxObjectCount', 1)], ['EnumerationCount', ctx], ['CloseEnumeration', ctx],
    ] as const) {
      const { response } = await cimCall(url, operation, CIMV2, params, who);
      t.equal(response.error?.code, CIMStatus.INVALID_ENUMERATION_CONTEXT, `${operation} by ${label}`);
    }
  }
  const own = await cimCall(url, 'PullInstancePaths', CIMV2, ctx + p.value('MaxObjectCount', 1), as('alice'));
  t.equal(own.response.error, undefined, 'alice still pulls from it: the others closed nothing');

  const mine = await openContext(url, anonymous);
  const theirs = p.value('EnumerationContext', mine.context!);
  t.equal((await cimCall(url, 'EnumerationCount', CIMV2, theirs, as('alice'))).response.error?.code, CIMStatus.INVALID_ENUMERATION_CONTEXT,
    'a user cannot use an anonymous caller\'s context either');
  t.equal((await cimCall(url, 'EnumerationCount', CIMV2, theirs, anonymous)).response.error, undefined);
});

t.test('each principal has its own quota, below the server\'s', async (t) => {
  const url = await broker(t, 3, 8);
  for (let i = 0; i < 3; i++) t.ok((await openContext(url, as('alice'))).context, `alice's context ${i + 1}`);
  const hog = await openContext(url, as('alice'));
  t.equal(hog.code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'alice\'s fourth is refused');
  t.match(hog.message, /of this user \(limit 3\)/);
  for (let i = 0; i < 3; i++) t.ok((await openContext(url, as('bob'))).context, `bob is not locked out by alice: context ${i + 1}`);
  t.ok((await openContext(url, anonymous)).context, 'nor are anonymous callers');
  t.ok((await openContext(url, anonymous)).context);
  const full = await openContext(url, anonymous);
  t.equal(full.code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'the server\'s limit still holds');
  t.match(full.message, /\(limit 8\)/);
});
