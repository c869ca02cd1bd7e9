/**
 * Delivery: a dead listener and a slow one delay nobody else; failed
 * deliveries are retried with the same sequence number; OnFatalErrorPolicy
 * Remove ends the subscription of a listener that stays dead; subscriptions
 * persist across a restart, and a corrupt state file stops the start.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { WBEMConnection } from '../../src/client/index.js';
import { startListener, type ReceivedIndication } from '../../src/indications/listener.js';
import { startTestBroker, type TestBroker } from '../helpers/broker.js';
import { deadPort, instance } from '../helpers/instances.js';

const INTEROP = 'root/interop';

async function subscribe(client: WBEMConnection, name: string, destination: string, policy = 2): Promise<void> {
  const handler = await client.createInstance(instance('CIM_ListenerDestinationCIMXML', { Name: ['string', name], Destination: ['string', destination] }));
  const filter = await client.createInstance(instance('CIM_IndicationFilter', {
    Name: ['string', name], Query: ['string', 'SELECT * FROM CIM_AlertIndication'], QueryLanguage: ['string', 'DMTF:CQL'],
  }));
  await client.createInstance(instance('CIM_IndicationSubscription', { Filter: ['reference', filter], Handler: ['reference', handler], OnFatalErrorPolicy: ['uint16', policy] }));
}

async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const dir = await mkdtemp(join(tmpdir(), 'thincim-delivery-'));
const stateFile = join(dir, 'subscriptions.json');
let now = 0;
const start = (): Promise<TestBroker> => startTestBroker({
  anonymousWrite: true,
  simulated: { clock: () => now, startTime: 0 },
  indications: { retryAttempts: 2, retryIntervalSec: 0.1, timeoutSec: 30, stateFile },
});
t.teardown(() => rm(dir, { recursive: true }));

t.test('a dead and a slow listener delay nobody; retries keep the sequence number; Remove ends a dead subscription', async (t) => {
  const healthy: ReceivedIndication[] = [];
  const slow: ReceivedIndication[] = [];
  const flaky: ReceivedIndication[] = [];
  let flakyCalls = 0;
  const listeners = [
    await startListener({ port: 0, onIndication: (r) => void healthy.push(r) }),
    await startListener({ port: 0, onIndication: async (r) => { slow.push(r); await new Promise((res) => setTimeout(res, 2000)); } }),
    await startListener({ port: 0, onIndication: (r) => { if (++flakyCalls % 2 === 1) throw new Error('try again'); flaky.push(r); } }),
  ];
  const broker = await start();
  t.teardown(async () => {
    await broker.close();
    for (const l of listeners) await l.close();
  });
  const client = new WBEMConnection(broker.url, { namespace: INTEROP });
  await subscribe(client, 'dead', `http://127.0.0.1:${await deadPort()}/`, 4);
  await subscribe(client, 'slow', `${listeners[1]!.url}/`);
  await subscribe(client, 'healthy', `${listeners[0]!.url}/`);
  await subscribe(client, 'flaky', `${listeners[2]!.url}/`);
  const started = Date.now();
  const emitted = broker.broker.events.emitted;
  now = 250_000;
  await broker.broker.manager.refresh();
  const count = broker.broker.events.emitted - emitted;
  await until('the healthy listener', () => healthy.length >= count);
  t.ok(Date.now() - started < 1500, `the healthy listener got ${count} indications at once, not after the slow one`);
  t.ok(slow.length < count, 'the slow listener is still at its first ones');
  await until('the flaky listener', () => flaky.length >= count);
  t.same(flaky.map((r) => r.indication.get('SequenceNumber')), healthy.map((_, i) => BigInt(i)), 'retried with the same numbers, no gap');
  t.equal(flakyCalls, 2 * count, 'each sent twice');
  await until('the dead subscription removed', () => broker.broker.indications.store.snapshot().subscriptions.every((s) => s.filter.name !== 'dead'));
  t.equal(broker.broker.indications.store.snapshot().subscriptions.length, 3, 'OnFatalErrorPolicy Remove removed only the dead one');
  client.close();
});

t.test('subscriptions persist across a restart', async (t) => {
  const broker = await start();
  const names = broker.broker.indications.store.snapshot().subscriptions.map((s) => s.filter.name).sort();
  t.same(names, ['flaky', 'healthy', 'slow']);
  const client = new WBEMConnection(broker.url, { namespace: INTEROP });
  t.equal((await client.enumerateInstances('CIM_IndicationSubscription')).length, 3);
  client.close();
  await broker.close();
});

t.test('a corrupt subscriptions file stops the start and names the file', async (t) => {
  await writeFile(stateFile, '{"version":1,"filters":[');
  await t.rejects(start(), { message: new RegExp(`subscriptions file ${stateFile} is corrupt`) });
});
