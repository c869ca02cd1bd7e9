/**
 * DSP1054 reliable delivery: SequenceNumber "enables a CIM listener ... to
 * detect lost indications" (CIM_Indication.SequenceNumber, CIM schema
 * 2.49, /work/shared/reference/cim-schema/Event/CIM_Indication.mof). The
 * indications a slow listener's full queue lets go keep their numbers, so
 * the listener sees the gap; they were numbered only when sent, and the
 * next one carried the very next number, as if nothing had been lost.
 */
import t, { type Test } from 'tap';
import { WBEMConnection } from '../../src/client/index.js';
import type { HardwareEvent } from '../../src/events/index.js';
import { startListener, type ReceivedIndication } from '../../src/indications/listener.js';
import { startTestBroker } from '../helpers/broker.js';
import { instance } from '../helpers/instances.js';

const INTEROP = 'root/interop';

async function subscribe(client: WBEMConnection, name: string, destination: string, query: string): Promise<void> {
  const handler = await client.createInstance(instance('CIM_ListenerDestinationCIMXML', { Name: ['string', name], Destination: ['string', destination] }));
  const filter = await client.createInstance(instance('CIM_IndicationFilter', { Name: ['string', name], Query: ['string', query], QueryLanguage: ['string', 'WQL'] }));
  await client.createInstance(instance('CIM_IndicationSubscription', { Filter: ['reference', filter], Handler: ['reference', handler] }));
}

/** A provider event: one Thincim_AlertIndication, no life-cycle indication. */
const providerEvent = (sequence: number, provider: string): HardwareEvent => ({
  sequence, kind: 'providerFailed', generation: sequence, time: Date.UTC(2025, 0, 2, 3, 4, 5), severity: 'warning',
  messageId: 'THINCIM0009', message: `provider ${provider} failed: no answer`, provider,
});

/** Resolves once `check` holds, polled; bounded by tap's timeout. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

/**
 * A listener that holds its first answer, so that the events behind it wait in a queue of one; a broker that
 * writes anonymously (subscriptions), and a client of its interop namespace.
 */
async function heldListener(t: Test) {
  const received: ReceivedIndication[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const listener = await startListener({ port: 0, onIndication: async (r) => { received.push(r); if (received.length === 1) await held; } });
  const broker = await startTestBroker({ anonymousWrite: true, indications: { queueSize: 1, retryAttempts: 0, retryIntervalSec: 0.1, timeoutSec: 60 } });
  const client = new WBEMConnection(broker.url, { namespace: INTEROP });
  t.teardown(async () => {
    release();
    client.close();
    await broker.close();
    await listener.close();
  });
  return { received, release, listener, broker, client };
}

t.test('indications dropped from a full queue leave a gap in SequenceNumber; filtered-out ones do not', async (t) => {
  const { received, release, listener, broker, client } = await heldListener(t);
  // Only provider a's and c's failures pass the filter: b's are no indication of this destination's, lost or not.
  await subscribe(client, 'held', `${listener.url}/`, "SELECT * FROM CIM_AlertIndication WHERE ProviderName <> 'b'");

  const { events } = broker.broker;
  // 1 goes out at once and is held; 2 (b), 3 (a), 4 (a) queue up behind it, and the queue keeps only the last: 2 and 3 are dropped.
  events.emit([providerEvent(1, 'a'), providerEvent(2, 'b'), providerEvent(3, 'a'), providerEvent(4, 'c')]);
  await until(() => received.length === 1);
  const stats = events.stats().find((s) => s.name === 'indications:held');
  t.equal(stats?.dropped, 2, 'the queue of one dropped two events');
  release();
  await until(() => received.length === 2);
  t.same(received.map((r) => r.indication.get('ProviderName')), ['a', 'c']);
  t.same(received.map((r) => r.indication.get('SequenceNumber')), [0n, 2n], 'number 1, the dropped indication of event 3, is missing; event 2 had none for this destination');
  t.equal(received[0]!.indication.get('SequenceContext'), received[1]!.indication.get('SequenceContext'), 'in one sequence context');
});

t.test('with two subscriptions to one destination, the gap comes after the event in hand, in order', async (t) => {
  const { received, release, listener, broker, client } = await heldListener(t);
  const handler = await client.createInstance(instance('CIM_ListenerDestinationCIMXML', { Name: ['string', 'two'], Destination: ['string', `${listener.url}/`] }));
  for (const name of ['f1', 'f2']) {
    const filter = await client.createInstance(instance('CIM_IndicationFilter', { Name: ['string', name], Query: ['string', 'SELECT * FROM CIM_AlertIndication'], QueryLanguage: ['string', 'WQL'] }));
    await client.createInstance(instance('CIM_IndicationSubscription', { Filter: ['reference', filter], Handler: ['reference', handler] }));
  }
  // a's first indication is held; b waits, and c's arrival drops it: b's two indications (one per subscription) are lost.
  broker.broker.events.emit([providerEvent(1, 'a'), providerEvent(2, 'b'), providerEvent(3, 'c')]);
  await until(() => received.length === 1);
  release();
  await until(() => received.length === 4);
  t.same(received.map((r) => [r.indication.get('ProviderName'), r.indication.get('SequenceNumber')]), [['a', 0n], ['a', 1n], ['c', 4n], ['c', 5n]],
    "a's second indication follows its first; b's numbers 2 and 3 are the gap");
});
