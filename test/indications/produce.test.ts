/** What each hardware event says as a CIM_AlertIndication: its AlertType and ProbableCause. */
import t from 'tap';
import { indicationsOf } from '../../src/indications/produce.js';
import type { HardwareSnapshot } from '../../src/model/index.js';
import { fullSnapshot } from '../model/fixtures.js';
import { player } from '../events/player.js';

const CONTEXT = { hostname: 'host1', startId: '1' };

function withIntrusion(snapshot: HardwareSnapshot, state: string, health: 'ok' | 'warning'): HardwareSnapshot {
  return { ...snapshot, discreteSensors: snapshot.discreteSensors!.map((s) => (s.kind === 'intrusion' ? { ...s, state, health } : s)) };
}

t.test('the chassis opened is a security alert, Enclosure Door Open; closed again, Previous Alert Cleared', async (t) => {
  const p = await player();
  const base = fullSnapshot();
  p.play(base);
  const alert = (snapshot: HardwareSnapshot) => {
    const event = p.play(snapshot).find((e) => e.elementName === 'Chassis Intrusion');
    const indication = event && indicationsOf(event, CONTEXT).find((i) => i.get('AlertType') !== undefined);
    return indication && [indication.get('AlertType'), indication.get('ProbableCause'), indication.get('PerceivedSeverity')];
  };
  t.same(alert(withIntrusion(base, 'Intrusion Detected', 'warning')), [8, 15, 3], 'AlertType 8 Security Alert, ProbableCause 15, Degraded/Warning');
  t.same(alert(base), [8, 59, 2], 'ProbableCause 59 when it is closed');
});

/**
 * CIM_AlertIndication.EventID (Event/CIM_AlertIndication.mof): "Two Indications with the same, non NULL EventID
 * value are considered, by the creating entity, to represent the same event", compared among alerts of the same
 * SystemCreationClassName, SystemName and ProviderName. Event sequence numbers restart at 1 with the agent.
 */
t.test('EventID names one event for good: the same sequence number after a restart is another event', async (t) => {
  const p = await player();
  const base = fullSnapshot();
  p.play(base);
  const [event] = p.play(withIntrusion(base, 'Intrusion Detected', 'warning'));
  const eventId = (startId: string) => indicationsOf(event!, { hostname: 'host1', startId }).find((i) => i.classname === 'Thincim_AlertIndication')?.get('EventID');
  const startId = Date.UTC(2026, 11, 7).toString(36);
  t.match(eventId(startId), /^[0-9a-z]+-\d+$/, 'the start time in milliseconds, base 36, a hyphen, the sequence number');
  t.equal(eventId('lq2x1'), eventId('lq2x1'), 'the same event, the same EventID (every destination gets one)');
  t.not(eventId('lq2x1'), eventId('lq2y9'), 'another start of the service, another EventID');
});
