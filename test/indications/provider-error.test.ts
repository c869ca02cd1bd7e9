/**
 * A provider that fails with control characters in its error: a command
 * whose stderr is coloured with ANSI escapes (ESC, U+001B), which the runtime
 * quotes in the error ("exited with code 1: …"). XML 1.0 cannot carry ESC,
 * not even as a character reference (§2.2), so the THINCIM0009 indication
 * could not be encoded at all: every attempt failed before a byte was sent,
 * and the subscription's OnFatalErrorPolicy then disabled or removed a
 * healthy listener's subscription. The error now reaches listeners with
 * each such character as U+FFFD, as a provider's own text already does
 * (src/providers/validate.ts).
 */
import t from 'tap';
import { CIMInstance, NocaseMap, cimProperty, type CIMType, type CIMValue } from '../../src/cim/index.js';
import { WBEMConnection } from '../../src/client/index.js';
import type { HardwareEvent } from '../../src/events/index.js';
import { Exporter } from '../../src/indications/deliver.js';
import { startListener, type ReceivedIndication } from '../../src/indications/listener.js';
import { indicationsOf } from '../../src/indications/produce.js';
import type { HardwareProvider } from '../../src/providers/api.js';
import { runCommand } from '../../src/providers/child.js';
import { ProviderManager } from '../../src/providers/manager.js';
import { player } from '../events/player.js';
import { fullSnapshot } from '../model/fixtures.js';
import { startTestBroker } from '../helpers/broker.js';
import { loaded, stubRepository } from '../providers/helpers.js';

function cimInstance(classname: string, values: Record<string, [CIMType, CIMValue]>): CIMInstance {
  return new CIMInstance({ classname, properties: new NocaseMap(Object.entries(values).map(([n, [type, v]]) => [n, cimProperty(n, type, v)] as const)) });
}

/** What a tool that colours its errors writes to stderr before exiting 1. */
const COLOURED_STDERR = String.raw`printf '\033[1;31mError:\033[0m BMC busy\n' >&2; exit 1`;

async function failingProviderError(): Promise<string> {
  const provider: HardwareProvider = {
    kind: 'hardware', name: 'ipmi', version: '1.0.0',
    sample: async (ctx) => {
      await runCommand('sh', ['-c', COLOURED_STDERR], { timeoutMs: 10_000, signal: ctx.signal });
      return {};
    },
  };
  const manager = new ProviderManager({ providers: [loaded(provider, { timeout: 10_000 })], repository: stubRepository(), hostname: 'srv1' });
  try {
    await manager.refresh();
    return manager.input().hardware[0]!.error!;
  } finally {
    manager.close();
  }
}

t.test('a provider failure quoting ESC from a command reaches the listener, ESC as U+FFFD', async (t) => {
  const error = await failingProviderError();
  t.equal(error, 'sh: exited with code 1: \uFFFD[1;31mError:\uFFFD[0m BMC busy', 'the sample error, each ESC as U+FFFD');

  const p = await player();
  const snapshot = fullSnapshot();
  p.play(snapshot);
  const event = p.fail(snapshot, error).find((e) => e.kind === 'providerFailed');
  if (!event) throw new Error('no providerFailed event');

  const received: ReceivedIndication[] = [];
  const listener = await startListener({ port: 0, onIndication: (r) => void received.push(r) });
  const abort = new AbortController();
  const exporter = new Exporter(new URL(`${listener.url}/thincim`), 'ctx', { retryAttempts: 0, retryIntervalMs: 0, timeoutMs: 30_000, tls: {} }, abort.signal);
  t.teardown(async () => {
    exporter.close();
    await listener.close();
  });

  const [alert] = indicationsOf(event, { hostname: 'srv1', startId: '1' });
  t.equal(await exporter.send(alert!, 'filter'), 'confirmed', 'the listener took it');
  t.equal(received.length, 1);
  t.equal(received[0]!.indication.get('MessageID'), 'THINCIM0009');
  t.equal(received[0]!.indication.get('Message'), `provider test failed: ${error}`, 'the message as the provider runtime recorded it');
});


t.test('an indication that cannot be encoded is thincim\'s fault: never retried, and the subscription of a working listener stays', async (t) => {
  const received: ReceivedIndication[] = [];
  const listener = await startListener({ port: 0, onIndication: (r) => void received.push(r) });
  const broker = await startTestBroker({ anonymousWrite: true, indications: { retryAttempts: 2, retryIntervalSec: 0.05, timeoutSec: 60 } });
  t.teardown(async () => {
    await broker.close();
    await listener.close();
  });
  const client = new WBEMConnection(broker.url, { namespace: 'root/interop' });
  t.teardown(() => client.close());
  const handler = await client.createInstance(cimInstance('CIM_ListenerDestinationCIMXML', { Name: ['string', 'l'], Destination: ['string', `${listener.url}/`] }));
  const filter = await client.createInstance(cimInstance('CIM_IndicationFilter', {
    Name: ['string', 'l'], Query: ['string', 'SELECT * FROM CIM_AlertIndication'], QueryLanguage: ['string', 'WQL'],
  }));
  // OnFatalErrorPolicy 4, Remove: what a failed delivery would do to it.
  await client.createInstance(cimInstance('CIM_IndicationSubscription', { Filter: ['reference', filter], Handler: ['reference', handler], OnFatalErrorPolicy: ['uint16', 4] }));

  const event = (sequence: number, message: string): HardwareEvent => ({
    sequence, kind: 'providerFailed', generation: sequence, time: Date.UTC(2025, 0, 2), severity: 'warning', messageId: 'THINCIM0009', message, provider: 'x',
  });
  // Text from some future source that skipped the sanitizing, then a good event behind it.
  broker.broker.events.emit([event(1, 'provider x failed: \u001b[31mno\u001b[0m'), event(2, 'provider x failed: no answer')]);
  const stats = () => broker.broker.events.stats().find((s) => s.name === 'indications:l')!;
  // Both events handled (whatever became of their indications).
  while (stats().delivered < 2) await new Promise((r) => setTimeout(r, 10));
  t.same(stats().deliveries, { sent: 1, failed: 1, refused: 0 }, 'the first counted failed, once; the second sent');
  t.same(received.map((r) => [r.indication.get('Message'), r.indication.get('SequenceNumber')]), [['provider x failed: no answer', 1n]],
    'the listener got the second, after the gap the first left');
  t.equal(broker.broker.indications.store.snapshot().subscriptions.length, 1, 'the subscription stays');
});
