/**
 * Enumeration contexts belong to whoever opened them, over real sockets: a
 * user, another user and anonymous callers (per client address) each see
 * only their own, and each has a quota below the server's, so no one can
 * hoard every context; anonymous callers of every address together have one
 * more, so that many addresses cannot take the contexts users need.
 */
import t from 'tap';
import type { Test } from 'tap';
import { type CIMError, CIMStatus } from '../../src/cim/index.js';
import { PullSessions } from '../../src/operations/pull.js';
import { instanceView } from '../../src/operations/view.js';
import { outText, p, startTestBroker, TEST_LIMITS } from '../helpers/broker.js';
import { basic, cimCall, type SendOptions } from '../helpers/client.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const CIMV2 = 'root/cimv2';
const USERS = { alice: { role: 'readonly', password: 'alice-Pa55' }, bob: { role: 'readonly', password: 'bob-Pa55' } } as const;
const as = (user: keyof typeof USERS): SendOptions => ({ headers: { Authorization: basic(user, USERS[user].password) } });
const anonymous: SendOptions = {};

/** An anonymous caller from another loopback address. */
const from = (localAddress: string, who: SendOptions = anonymous): SendOptions => ({ ...who, localAddress });

async function broker(t: Test, perUser: number, total: number, anonymousTotal = total) {
  const started = await startTestBroker({
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: false }],
    authenticator: await testAuthenticator(await writeUsers(t.testdir(), USERS)),
    limits: { ...TEST_LIMITS, enumerationContexts: total, enumerationContextsPerUser: perUser, enumerationContextsAnonymous: anonymousTotal },
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

t.test('anonymous callers have a quota per client address, and see only their address\'s contexts', async (t) => {
  const url = await broker(t, 2, 16);
  const first = await openContext(url, from('127.0.0.1'));
  t.ok(first.context);
  t.ok((await openContext(url, from('127.0.0.1'))).context);
  const full = await openContext(url, from('127.0.0.1'));
  t.equal(full.code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'the third from 127.0.0.1 is refused');
  t.match(full.message, /of this anonymous client address \(limit 2\)/);
  t.ok((await openContext(url, from('127.0.0.2'))).context, 'another address still opens: one local process does not lock out the others');
  t.ok((await openContext(url, from('127.0.0.2'))).context);

  const theirs = p.value('EnumerationContext', first.context!);
  const other = await cimCall(url, 'EnumerationCount', CIMV2, theirs, from('127.0.0.2'));
  t.equal(other.response.error?.code, CIMStatus.INVALID_ENUMERATION_CONTEXT, 'another address cannot use it');
  t.equal((await cimCall(url, 'EnumerationCount', CIMV2, theirs, from('127.0.0.1'))).response.error, undefined, 'its own address can');
});

t.test('limits.enumerationContextsAnonymous bounds anonymous callers of every address together; users keep their own', async (t) => {
  const url = await broker(t, 2, 16, 3);
  for (const address of ['127.0.0.1', '127.0.0.1', '127.0.0.2']) t.ok((await openContext(url, from(address))).context, `opened from ${address}`);
  const full = await openContext(url, from('127.0.0.3'));
  t.equal(full.code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'a third address, under its own quota, is refused: the anonymous callers\' bound holds');
  t.match(full.message, /anonymous callers, all addresses together \(limit 3\)/);
  t.ok((await openContext(url, from('127.0.0.3', as('alice')))).context, 'an authenticated user still opens');
  t.ok((await openContext(url, from('127.0.0.4', as('alice')))).context);
  const alice = await openContext(url, from('127.0.0.5', as('alice')));
  t.equal(alice.code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'a user\'s quota stays per user, whatever the address');
  t.match(alice.message, /of this user \(limit 2\)/);
});

// A failing Pull closes its session (DSP0200, ContinueOnError=false), but only the owner's: to anyone else the
// context does not exist, so their failing Pull must neither close it nor count against anyone's quota.
t.test('a Pull of the wrong kind closes the owner\'s context and frees the owner\'s quota; another\'s wrong Pull closes nothing', async (t) => {
  const url = await broker(t, 2, 16, 2);
  const wrongPull = (context: string, who: SendOptions) =>
    cimCall(url, 'PullInstancesWithPath', CIMV2, p.value('EnumerationContext', context) + p.value('MaxObjectCount', 1), who);
  const alice = [(await openContext(url, as('alice'))).context!, (await openContext(url, as('alice'))).context!];
  t.equal((await openContext(url, as('alice'))).code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'alice is at her quota of 2');
  t.equal((await wrongPull(alice[0]!, as('bob'))).response.error?.code, CIMStatus.INVALID_ENUMERATION_CONTEXT, 'bob\'s wrong Pull on it: 21');
  t.equal((await wrongPull(alice[0]!, anonymous)).response.error?.code, CIMStatus.INVALID_ENUMERATION_CONTEXT, 'an anonymous one: 21');
  t.equal((await cimCall(url, 'PullInstancePaths', CIMV2, p.value('EnumerationContext', alice[0]!) + p.value('MaxObjectCount', 1), as('alice'))).response.error,
    undefined, 'alice\'s context survived the others\' failures');
  t.equal((await openContext(url, as('alice'))).code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'and still counts against her quota');

  t.equal((await wrongPull(alice[1]!, as('alice'))).response.error?.code, CIMStatus.INVALID_ENUMERATION_CONTEXT, 'alice\'s own wrong Pull: 21');
  t.ok((await openContext(url, as('alice'))).context, 'which closed the context: alice opens another in its place');

  const mine = [(await openContext(url, from('127.0.0.1'))).context!, (await openContext(url, from('127.0.0.2'))).context!];
  t.equal((await openContext(url, from('127.0.0.3'))).code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'the anonymous callers\' bound of 2 is reached');
  t.equal((await wrongPull(mine[0]!, from('127.0.0.2'))).response.error?.code, CIMStatus.INVALID_ENUMERATION_CONTEXT, 'another address\'s wrong Pull: 21');
  t.equal((await openContext(url, from('127.0.0.3'))).code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'closed nothing: the bound still holds');
  t.equal((await wrongPull(mine[0]!, from('127.0.0.1'))).response.error?.code, CIMStatus.INVALID_ENUMERATION_CONTEXT, 'its own address\'s wrong Pull: 21');
  t.ok((await openContext(url, from('127.0.0.3'))).context, 'closed it: the anonymous callers\' place is free again');
});

// The same for a Pull refused for another parameter (an unknown name) while its EnumerationContext can be read.
t.test('a Pull with an unknown parameter closes the owner\'s context only', async (t) => {
  const url = await broker(t, 1, 16);
  const oddPull = (context: string, who: SendOptions) =>
    cimCall(url, 'PullInstancePaths', CIMV2, p.value('EnumerationContext', context) + p.value('MaxObjectCount', 1) + p.value('Bogus', 1), who);
  const alice = (await openContext(url, as('alice'))).context!;
  t.equal((await openContext(url, as('alice'))).code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'alice is at her quota of 1');
  const bobs = (await oddPull(alice, as('bob'))).response.error;
  t.equal(bobs?.code, CIMStatus.INVALID_PARAMETER, 'bob\'s Pull with an unknown parameter on it: 4');
  t.equal(bobs?.description, 'PullInstancePaths has no parameter Bogus', 'which says nothing of a context not his');
  t.equal((await openContext(url, as('alice'))).code, CIMStatus.SERVER_LIMITS_EXCEEDED, 'alice\'s context survived it');
  const alices = (await oddPull(alice, as('alice'))).response.error;
  t.equal(alices?.code, CIMStatus.INVALID_PARAMETER, 'alice\'s own: 4');
  t.equal(alices?.description, 'PullInstancePaths has no parameter Bogus; the enumeration context is now closed');
  t.ok((await openContext(url, as('alice'))).context, 'which closed the context: alice opens another in its place');
});

t.test('an anonymous IPv6 client is its /64, as the login limits count it; an IPv4-mapped address is its IPv4 one', async (t) => {
  const sessions = new PullSessions({ maxSessions: 16, maxSessionsPerOwner: 1, maxAnonymousSessions: 16, defaultTimeoutSec: 30, maxTimeoutSec: 60 });
  const open = (address: string) => {
    try {
      sessions.open({ user: undefined, may: 'read', address }, CIMV2, 'instancepaths', [], instanceView({}), 30);
      return 'opened';
    } catch (e) {
      return (e as CIMError).code;
    }
  };
  t.equal(open('2001:db8:1:2::10'), 'opened');
  t.equal(open('2001:db8:1:2::11'), CIMStatus.SERVER_LIMITS_EXCEEDED, 'another address of the same /64 shares its quota');
  t.equal(open('2001:db8:1:3::10'), 'opened', 'another /64 has its own');
  t.equal(open('127.0.0.1'), 'opened');
  t.equal(open('::ffff:127.0.0.1'), CIMStatus.SERVER_LIMITS_EXCEEDED);
});
