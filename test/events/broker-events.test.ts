/**
 * The broker's change flow end to end: a running broker on the simulated
 * timeline, stepped by its clock; each generation's events reach a consumer,
 * the log (one info line each) and /metrics.
 */
import t from 'tap';
import type { HardwareEvent } from '../../src/events/index.js';
import { startTestBroker } from '../helpers/broker.js';
import { captureLog } from '../helpers/log-capture.js';

const START = Date.UTC(2025, 0, 1);
let now = START;
const log = captureLog();
const test = await startTestBroker({ logger: log.logger, simulated: { startTime: START, clock: () => now } });
t.teardown(() => test.close());
const received: HardwareEvent[] = [];
test.broker.events.subscribe({ name: 'test', handle: (event) => void received.push(event) });

/** The events of the generations published when the timeline is at `seconds`. */
async function at(seconds: number): Promise<string[]> {
  const from = received.length;
  now = START + seconds * 1000;
  await test.broker.manager.refresh();
  await new Promise((resolve) => setImmediate(resolve));
  return received.slice(from).map((e) => `${e.kind} ${e.elementName ?? e.provider}`);
}

t.test('the timeline as events, causes before effects', async (t) => {
  t.same(await at(0), [], 'the first sample is the host as it was');
  t.same(await at(10), [], 'nothing changed');
  t.same(await at(245), ['thresholdCrossed Fan 3 Speed', 'thresholdCrossed Fan 3 Speed', 'health Fan 3', 'redundancy Fan Redundancy', 'health testhost'],
    'fan 3 stops: past both its lower thresholds');
  t.same(await at(330), ['thresholdCrossed CPU1 Temp', 'health CPU1'], 'CPU1 warm; the system is already critical');
  t.same(await at(380), ['thresholdCleared Fan 3 Speed', 'thresholdCleared Fan 3 Speed', 'health Fan 3', 'redundancy Fan Redundancy', 'health testhost'],
    'fan 3 back: both cleared');
  t.same(await at(500), ['thresholdCrossed CPU1 Temp', 'thresholdCrossed CPU1 Temp', 'health CPU1', 'health testhost'], 'CPU1 past critical and fatal at once');
  t.same(await at(600), ['thresholdCleared CPU1 Temp', 'thresholdCleared CPU1 Temp', 'thresholdCleared CPU1 Temp', 'health CPU1', 'health testhost'], 'CPU1 cooled');
  t.same(await at(705), ['health PSU 2', 'redundancy Power Supply Redundancy', 'health testhost'], 'PSU 2 fails');
  t.same(await at(830), ['health PSU 2', 'redundancy Power Supply Redundancy', 'health testhost'], 'PSU 2 restored');
  t.same(await at(905), ['health Chassis Intrusion', 'health testhost'], 'the chassis opened');
  t.same(await at(965), ['health Chassis Intrusion', 'health testhost'], 'and closed');
  t.same(await at(1005), ['readingLost Exhaust Temp', 'health testhost'], 'a reading lost');
  t.same(await at(1065), ['readingRegained Exhaust Temp', 'health testhost'], 'and regained');
  const pairs = received.filter((e) => e.elementName === 'CPU1 Temp').map((e) => `${e.kind === 'thresholdCrossed' ? '+' : '-'}${e.threshold?.state}`);
  t.same(pairs, ['+Upper Non-Critical', '+Upper Critical', '+Upper Fatal', '-Upper Fatal', '-Upper Critical', '-Upper Non-Critical'],
    'every threshold crossed is cleared, the mildest crossed first and cleared last');
  const crossed = received.find((e) => e.kind === 'thresholdCrossed' && e.threshold?.property === 'UpperThresholdFatal');
  t.match(crossed, { severity: 'fatal', messageId: 'THINCIM0002', classname: 'Thincim_NumericSensor', threshold: { value: 100, state: 'Upper Fatal' } });
  t.ok(received.every((e, i) => i === 0 || (e.sequence > received[i - 1]!.sequence && e.time >= received[i - 1]!.time)), 'in order');
});

t.test('one line per event, at the level of its severity, and the counters in /metrics', async (t) => {
  const logged = (all: Record<string, unknown>[]) => new Set(all.filter((l) => l['event'] !== undefined).map((l) => l['sequence']));
  const lines = await log.linesWhen((all) => received.every((e) => logged(all).has(e.sequence)));
  t.ok(received.every((e) => logged(lines).has(e.sequence)), 'every event has its line');
  const eventLines = lines.filter((l) => l['event'] !== undefined);
  t.match(eventLines.find((l) => l['event'] === 'readingLost'), {
    level: 40, messageId: 'THINCIM0004', severity: 'warning', msg: /^Exhaust Temp: reading lost \(reading failed\); last reading \d+(\.\d)? °C$/,
    element: /Thincim_NumericSensor\..*DeviceID="simulated:exhaust-temp"/,
  });
  const metrics = await (await fetch(`${test.url}/metrics`)).text();
  t.match(metrics, /thincim_events_total\{kind="readingLost",severity="warning"\} 1\n/);
  t.match(metrics, /thincim_events_dropped_total\{consumer="log"\} 0\n/);
});
