import t from 'tap';
import type { HardwareEvent } from '../../src/events/index.js';
import type { HardwareSnapshot } from '../../src/model/index.js';
import { NOW, fullSnapshot } from '../model/fixtures.js';
import { readingWords } from '../../src/web/page-text.js';
import { player, withSensor } from './player.js';

const summary = (events: readonly HardwareEvent[]) => events.map((e) => `${e.kind} ${e.severity} ${e.message}`);

t.test("a provider's first sample is no hot-plug; an unchanged generation has no events", async (t) => {
  const p = await player();
  t.same(p.play(fullSnapshot()), []);
  t.same(p.play(fullSnapshot()), []);
});

t.test('the first sample after a start: a healthy host clears nothing; a faulty one is reported', async (t) => {
  const healthy = await player();
  t.same(healthy.start(), []);
  t.same(healthy.play(fullSnapshot()), [], 'no "host1: health Unknown → OK" at every start');
  const faulty = await player();
  faulty.start();
  t.same(summary(faulty.play(withSensor(fullSnapshot(), 'cpu-temp', { value: 96 }))).filter((s) => s.startsWith('health critical host1')),
    ['health critical host1: health Unknown → Critical failure (CPU 0: CPU Temp: Upper Critical)']);
});

t.test('a threshold crossed up and down, with hysteresis, and the health it changes', async (t) => {
  const p = await player();
  const base = fullSnapshot();
  p.play(base);
  const crossed = p.play(withSensor(base, 'cpu-temp', { value: 96 }));
  t.same(summary(crossed), [
    'thresholdCrossed warning CPU Temp: reading 96.000 °C crossed the Upper Non-Critical (85 °C) threshold',
    'thresholdCrossed critical CPU Temp: reading 96.000 °C crossed the Upper Critical (95 °C) threshold',
    'health critical CPU 0: health OK → Critical failure (CPU Temp: Upper Critical)',
    'health critical host1: health OK → Critical failure (CPU 0: CPU Temp: Upper Critical)',
  ], 'a step past two thresholds crosses both, the milder first');
  const event = crossed[1]!;
  t.match(event, { messageId: 'THINCIM0002', classname: 'Thincim_NumericSensor', elementName: 'CPU Temp', generation: 2, time: NOW + 2000 });
  t.same(event.threshold, { property: 'UpperThresholdCritical', state: 'Upper Critical', value: 95, observed: 96, unit: '°C' });
  t.equal(event.before?.get('CurrentState'), 'Normal');
  t.equal(event.after?.get('CurrentState'), 'Upper Critical');
  t.same(p.play(withSensor(base, 'cpu-temp', { value: 94.8 })), [], 'hovering within the hysteresis (0.95) changes nothing');
  t.same(p.play(withSensor(base, 'cpu-temp', { value: 95.2 })), []);
  const cleared = p.play(withSensor(base, 'cpu-temp', { value: 60 }));
  t.same(summary(cleared).slice(0, 2), [
    'thresholdCleared ok CPU Temp: reading 60.000 °C is back within the Upper Critical (95 °C) threshold',
    'thresholdCleared ok CPU Temp: reading 60.000 °C is back within the Upper Non-Critical (85 °C) threshold',
  ], 'and the way back clears both, the more severe first');
  t.equal(cleared.length, 4, 'the processor and the system recover too');
  t.ok(cleared.every((e, i) => e.sequence === crossed.at(-1)!.sequence + 1 + i), 'sequence numbers follow each other');
});

t.test('a threshold crossed before a reading is lost is cleared when the reading comes back within it', async (t) => {
  const p = await player();
  const base = fullSnapshot();
  p.play(base);
  p.play(withSensor(base, 'cpu-temp', { value: 96 }));
  t.same(summary(p.play(withSensor(base, 'cpu-temp', { value: null, unavailable: 'failed' }))).slice(0, 1),
    ['readingLost warning CPU Temp: reading lost (reading failed); last reading 96.000 °C']);
  t.same(summary(p.play(withSensor(base, 'cpu-temp', { value: null, unavailable: 'failed' }))), [], 'still lost: nothing new');
  t.same(summary(p.play(withSensor(base, 'cpu-temp', { value: 60 }))).slice(0, 3), [
    'readingRegained ok CPU Temp: reading regained: 60.000 °C',
    'thresholdCleared ok CPU Temp: reading 60.000 °C is back within the Upper Critical (95 °C) threshold',
    'thresholdCleared ok CPU Temp: reading 60.000 °C is back within the Upper Non-Critical (85 °C) threshold',
  ], 'each threshold crossed before the loss is cleared, so a receiver pairing them closes its alarms');
  p.play(withSensor(base, 'cpu-temp', { value: 96 }));
  p.play(withSensor(base, 'cpu-temp', { value: null, unavailable: 'failed' }));
  t.notOk(summary(p.play(withSensor(base, 'cpu-temp', { value: 96 }))).some((s) => s.startsWith('threshold')), 'regained beyond the same thresholds: nothing crossed again');
});

t.test('a reading lost and regained; a provider failing and recovering', async (t) => {
  const p = await player();
  const base = fullSnapshot();
  p.play(base);
  const lost = p.play(withSensor(base, '12v', { value: null, unavailable: 'failed' }));
  t.same(summary(lost).slice(0, 1), ['readingLost warning 12V: reading lost (reading failed); last reading 12.18 V']);
  const regained = p.play(base);
  t.same(summary(regained).slice(0, 1), ['readingRegained ok 12V: reading regained: 12.18 V']);
  const failed = p.fail(base, 'ipmitool timed out');
  t.same(summary(failed), ['providerFailed warning provider test failed: ipmitool timed out']);
  t.same(summary(p.play(base)), ['providerRecovered ok provider test recovered']);
});

t.test('a sensor asleep (Dormant) raises nothing; awake, it is compared with its reading before the sleep', async (t) => {
  const p = await player();
  const base = fullSnapshot();
  p.play(base);
  const asleep = withSensor(base, 'cpu-temp', { value: null, unavailable: 'asleep' });
  t.same(summary(p.play(asleep)), [], 'falling asleep');
  t.same(summary(p.play(asleep)), [], 'sleeping');
  t.same(summary(p.play(base)), [], 'waking as it was');
  p.play(asleep);
  t.same(summary(p.play(withSensor(base, 'cpu-temp', { value: 86 }))), [
    'thresholdCrossed warning CPU Temp: reading 86.000 °C crossed the Upper Non-Critical (85 °C) threshold',
    'health warning CPU 0: health OK → Degraded/Warning (CPU Temp: Upper Non-Critical)',
    'health warning host1: health OK → Degraded/Warning (CPU 0: CPU Temp: Upper Non-Critical)',
  ], 'waking past a threshold: crossed, against the reading before the sleep');
  p.play(withSensor(base, 'cpu-temp', { value: null, unavailable: 'failed' }));
  t.same(summary(p.play(asleep)), ['health ok host1: health Lost Communication → OK'], 'lost, then asleep: the sensor raises nothing; the host no longer counts it');
  t.same(summary(p.play(base)).slice(0, 1), ['readingRegained ok CPU Temp: reading regained: 45.123 °C'], 'regained against the loss');
});

t.test("a reading and a threshold written as the page writes them, with a space before the unit, °C and % included (SI Brochure §5.4.3, §5.4.7)", async (t) => {
  const p = await player();
  // A humidity sensor as hwmon's sht3x reports one (humidity1_input, in percent).
  const humidity = { id: 'rh', label: 'Inlet Humidity', kind: 'humidity' as const, unit: 'percent' as const, value: 41.5, decimals: 1, thresholds: { upperCritical: 80 } };
  const base = { ...fullSnapshot(), sensors: [...fullSnapshot().sensors!, humidity] };
  p.play(base);
  const crossed = p.play(withSensor(withSensor(base, 'rh', { value: 85.5 }), 'cpu-temp', { value: 96 }));
  const messages = crossed.filter((e) => e.kind === 'thresholdCrossed').map((e) => e.message);
  t.same(messages, [
    'CPU Temp: reading 96.000 °C crossed the Upper Non-Critical (85 °C) threshold',
    'CPU Temp: reading 96.000 °C crossed the Upper Critical (95 °C) threshold',
    'Inlet Humidity: reading 85.5 % crossed the Upper Critical (80 %) threshold',
  ]);
  t.ok(messages[2]!.includes(` ${readingWords({ text: '85.5', unit: '%' })} `), 'the reading as the page writes it');
  const lost = p.play(withSensor(base, 'rh', { value: null, unavailable: 'failed' }));
  t.same(summary(lost.filter((e) => e.kind === 'readingLost')), ['readingLost warning Inlet Humidity: reading lost (reading failed); last reading 85.5 %']);
});

t.test('devices appearing and disappearing, redundancy degraded and restored', async (t) => {
  const p = await player();
  const base = fullSnapshot();
  p.play(base);
  const pulled: HardwareSnapshot = {
    ...base,
    powerSupplies: base.powerSupplies!.filter((s) => s.id !== 'psu2'),
    redundancy: base.redundancy!.map((r) => (r.id === 'psus' ? { ...r, status: 'lost' } : r)),
  };
  const events = summary(p.play(pulled));
  t.ok(events.includes('deleted warning PSU 2: disappeared'), 'the pulled supply');
  t.ok(events.includes('redundancy warning PSU Redundancy: redundancy Fully Redundant → Redundancy Lost'));
  const back = summary(p.play(base));
  t.ok(back.includes('created ok PSU 2: appeared'), 'hot-plugged back');
  t.ok(back.includes('redundancy ok PSU Redundancy: redundancy Redundancy Lost → Fully Redundant'));
});

t.test('a stopped fan: its tachometer crosses, the fan fails, redundancy follows', async (t) => {
  const p = await player();
  const base = fullSnapshot();
  p.play(base);
  const stopped = { ...withSensor(base, 'fan1-rpm', { value: 0 }), redundancy: base.redundancy!.map((r) => (r.id === 'fans' ? { ...r, status: 'degraded' as const } : r)) };
  const events = summary(p.play(stopped));
  t.same(events.slice(0, 2), [
    'thresholdCrossed critical Fan 1 Speed: reading 0 RPM crossed the Lower Critical (1500 RPM) threshold',
    'health critical Fan 1: health OK → Critical failure (stopped)',
  ]);
  t.ok(events.includes('redundancy warning Fan Redundancy: redundancy Fully Redundant → Degraded Redundancy'));
});

t.test('a provider outage past staleAfter: Lost Communication named, never "Unknown → Unknown"; the way back', async (t) => {
  const p = await player();
  // Fan 2 of unknown status: a header never seen turning, plain Unknown.
  const base = { ...fullSnapshot(), fans: fullSnapshot().fans!.map((f) => (f.id === 'fan2' ? { ...f, status: 'unknown' as const } : f)) };
  p.play(base);
  const events = p.outage(base, 'ipmitool timed out', 61);
  const fans = summary(events.filter((e) => e.classname === 'OMC_Fan'));
  t.match(fans, [
    /^health warning Fan 1: health OK → Lost Communication \(/,
    /^health warning Fan 2: health Unknown → Lost Communication \(/,
  ]);
  t.notOk(events.some((e) => /Unknown → Unknown/.test(e.message)), 'no change that says nothing');
  t.ok(events.some((e) => e.kind === 'readingLost' && e.elementName === 'Fan 1 Speed'), 'the lost readings are alerts too');
  const back = summary(p.play(base).filter((e) => e.classname === 'OMC_Fan'));
  t.same(back, ['health ok Fan 1: health Lost Communication → OK', 'health unknown Fan 2: health Lost Communication → Unknown (unknown)']);
});

t.test('severity: plain Unknown is unknown; an element out of sight (No Contact, Lost Communication) is a warning', async (t) => {
  const p = await player();
  const base = fullSnapshot();
  p.play(base);
  const unknown = summary(p.play({ ...base, fans: base.fans!.map((f) => (f.id === 'fan2' ? { ...f, status: 'unknown' as const } : f)) }));
  t.same(unknown, ['health unknown Fan 2: health OK → Unknown (unknown)'], 'an empty slot or unconnected header: nothing to act on, not rolled up');
  const starting = await player();
  starting.start();
  t.same(summary(starting.unreachable('ipmitool timed out')).filter((s) => s.startsWith('health')),
    ['health warning host1: health Unknown → No Contact (provider test: ipmitool timed out)'], 'a provider that never answered: an alert, and says so');
});
