import t from 'tap';
import { buildModel, checkProfileRules, rememberReadings, type HardwareSnapshot, type NumericSensor } from '../../../src/model/index.js';
import { DEFAULT_SCENARIO, SimulatedHost, scaleSensors } from '../index.js';
import { validateScenario } from '../scenario-check.js';

const host = new SimulatedHost(DEFAULT_SCENARIO);

function sensor(snapshot: HardwareSnapshot, id: string): NumericSensor {
  const found = snapshot.sensors?.find((s) => s.id === id);
  if (!found) throw new Error(`no sensor ${id}`);
  return found;
}

const fanStatus = (s: HardwareSnapshot, id: string): string | undefined => s.fans?.find((f) => f.id === id)?.status;
const psuStatus = (s: HardwareSnapshot, id: string): string | undefined => s.powerSupplies?.find((p) => p.id === id)?.status;
const redundancy = (s: HardwareSnapshot, id: string): string | undefined => s.redundancy?.find((g) => g.id === id)?.status;

/** An instance's HealthState and first status description once the model builder has mapped the snapshot (the system's by default). */
/** The health the model derives from `snapshot`, with the readings the sensors had in `before` (a lost reading keeps its last one). */
function health(snapshot: HardwareSnapshot, deviceId?: string, before: HardwareSnapshot = snapshot): [unknown, unknown] {
  const readings = rememberReadings(new Map(), before, 0);
  const entries = buildModel({ hostname: 'sim', now: 0, staleAfterMs: 1000, instances: [], hardware: [{ provider: 'simulated', snapshot, readings, sampledAt: 0 }] });
  const { instance } = entries.find((e) => deviceId === undefined
    ? e.instance.classname === 'Thincim_ComputerSystem'
    : e.instance.path?.keybindings.get('DeviceID') === `simulated:${deviceId}`)!;
  return [instance.get('HealthState'), (instance.get('StatusDescriptions') as string[])[0]];
}

t.test('deterministic: same scenario and elapsed time, same snapshot', async (t) => {
  for (const at of [0, 37.5, 250, 705, 1199]) {
    t.same(host.snapshotAt(at), new SimulatedHost(DEFAULT_SCENARIO).snapshotAt(at), `at ${at} s`);
  }
  t.not(sensor(host.snapshotAt(0), 'cpu1-temp').value, sensor(host.snapshotAt(100), 'cpu1-temp').value, 'readings move slowly');
  t.same(host.snapshotAt(-5), host.snapshotAt(0), 'before the start is the start');
});

t.test('readings have the resolution of their sensor and stay around their base', async (t) => {
  const snapshot = host.snapshotAt(42);
  for (const s of snapshot.sensors!) {
    t.equal(Number(s.value!.toFixed(s.decimals)), s.value, `${s.id} at ${s.decimals} decimals`);
    t.equal(s.source, 'simulated');
  }
  const twelve = sensor(snapshot, '12v').value!;
  t.ok(twelve >= 12.02 && twelve <= 12.1, `12V reads ${twelve}`);
  t.same(health(snapshot), [5, 'OK']);
  t.same(checkProfileRules(buildModel({ hostname: 'sim', now: 0, staleAfterMs: 1000, instances: [], hardware: [{ provider: 'simulated', snapshot, sampledAt: 0 }] })), []);
});

t.test('every numeric sensor of the default host declares its nominal reading, normal and readable ranges', async (t) => {
  const snapshot = host.snapshotAt(42);
  for (const s of snapshot.sensors!) {
    const { nominal, normalMin, normalMax, minReadable, maxReadable } = s.ranges ?? {};
    t.ok(minReadable! <= normalMin! && normalMin! <= nominal! && nominal! <= normalMax! && normalMax! <= maxReadable!, `${s.id}: ${JSON.stringify(s.ranges)}`);
    t.ok(minReadable! <= s.value! && s.value! <= maxReadable!, `${s.id} reads ${s.value} within its readable range`);
  }
  t.same(sensor(snapshot, 'fan1-speed').ranges, { nominal: 9600, normalMin: 2500, normalMax: 12000, minReadable: 0, maxReadable: 16320 });
});

t.test('timeline: a fan slows, stops, and is replaced', async (t) => {
  const slowing = host.snapshotAt(150);
  const v150 = sensor(slowing, 'fan3-speed').value!;
  t.ok(v150 < 9000 && v150 > 2200, `ramping down at 150 s: ${v150}`);
  t.equal(fanStatus(slowing, 'fan3'), 'ok');
  const slow = host.snapshotAt(200);
  t.equal(sensor(slow, 'fan3-speed').value, 2200);
  t.equal(fanStatus(slow, 'fan3'), 'degraded', 'below its lower non-critical threshold');
  t.equal(redundancy(slow, 'fans'), 'full', 'a slow fan still cools');
  t.same(health(slow), [10, 'Fan 3: degraded']);
  const stopped = host.snapshotAt(300);
  t.equal(sensor(stopped, 'fan3-speed').value, 0);
  t.equal(fanStatus(stopped, 'fan3'), 'failed');
  t.equal(redundancy(stopped, 'fans'), 'lost', 'five fans left, five needed');
  t.same(health(stopped), [25, 'Fan 3: failed']);
  const replaced = host.snapshotAt(390);
  t.ok(sensor(replaced, 'fan3-speed').value! > 9000);
  t.equal(fanStatus(replaced, 'fan3'), 'ok');
  t.equal(redundancy(replaced, 'fans'), 'full');
});

t.test('timeline: a temperature crosses each threshold and comes back', async (t) => {
  const steps: [number, number, string, number][] = [
    [250, 52, 'Normal', 5], [350, 88, 'Upper Non-Critical', 10], [450, 96, 'Upper Critical', 25], [500, 101, 'Upper Fatal', 30],
  ];
  for (const [at, value, state, healthState] of steps) {
    const snapshot = host.snapshotAt(at);
    const cpu = sensor(snapshot, 'cpu1-temp');
    if (state === 'Normal') t.ok(Math.abs(cpu.value! - value) <= 3, `at ${at} s: ${cpu.value}`);
    else t.equal(cpu.value, value, `at ${at} s`);
    t.same(health(snapshot, 'cpu1-temp'), [healthState, state === 'Normal' ? 'OK' : state], `${state} at ${at} s`);
  }
  const cooling = sensor(host.snapshotAt(570), 'cpu1-temp').value!;
  t.ok(cooling < 101 && cooling > 52, `cooling down at 570 s: ${cooling}`);
  t.same(health(host.snapshotAt(650), 'cpu1-temp'), [5, 'OK']);
  t.same(health(host.snapshotAt(500)), [30, 'CPU1: CPU1 Temp: Upper Fatal'], 'the system is as bad as its worst part');
});

t.test('timeline: a power supply fails and returns', async (t) => {
  const failed = host.snapshotAt(760);
  t.equal(psuStatus(failed, 'psu2'), 'failed');
  t.same([sensor(failed, 'psu2-current').value, sensor(failed, 'psu2-power').value], [0, 0]);
  t.same([sensor(failed, 'psu1-current').value, sensor(failed, 'psu1-power').value], [40.6, 487], 'the other supply takes the load');
  t.equal(redundancy(failed, 'psus'), 'lost');
  t.same(health(failed), [25, 'PSU 2: failed']);
  const back = host.snapshotAt(830);
  t.equal(psuStatus(back, 'psu2'), 'ok');
  t.equal(redundancy(back, 'psus'), 'full');
  t.ok(sensor(back, 'psu2-power').value! > 200);
  t.equal(health(back)[0], 5);
});

t.test('timeline: intrusion, a failed read, and the loop', async (t) => {
  const intrusion = host.snapshotAt(930);
  t.match(intrusion.discreteSensors?.find((d) => d.id === 'intrusion'), { state: 'Intrusion Detected', health: 'warning' });
  t.same(health(intrusion), [10, 'Chassis Intrusion: Intrusion Detected']);
  t.match(host.snapshotAt(970).discreteSensors?.find((d) => d.id === 'intrusion'), { state: 'Secure', health: 'ok' });
  const unread = sensor(host.snapshotAt(1030), 'exhaust-temp');
  t.same([unread.value, unread.unavailable], [null, 'failed']);
  t.same(health(host.snapshotAt(1030), undefined, host.snapshotAt(990)), [0, 'Exhaust Temp: reading failed']);
  t.ok(sensor(host.snapshotAt(1070), 'exhaust-temp').value! > 30, 'the reading comes back');
  t.same(host.snapshotAt(1200 + 300), host.snapshotAt(300), 'the timeline replays every loopSeconds');
});

t.test('events of every target kind, ramps and restores', async (t) => {
  const scenario = validateScenario({
    sensors: [{ id: 's', label: 'S', kind: 'voltage', unit: 'volts', decimals: 2, value: 10 }],
    discreteSensors: [{ id: 'd', label: 'D', kind: 'presence', possibleStates: ['Present', 'Absent'], state: 'Present', health: 'ok' }],
    fans: [{ id: 'f', label: 'F', speedSensor: 's' }],
    processors: [{ id: 'p', label: 'P' }], memory: [{ id: 'm', label: 'M', capacity: 1 }], batteries: [{ id: 'b', label: 'B' }],
    timeline: {
      events: [
        { at: 10, sensor: 's', value: 20, rampSeconds: 10 },
        { at: 30, sensor: 's', unavailable: 'absent' },
        { at: 40, sensor: 's', restore: true, rampSeconds: 4 },
        { at: 5, discreteSensor: 'd', state: 'Absent' },
        { at: 6, processor: 'p', status: 'degraded' }, { at: 7, memory: 'm', status: 'failed' }, { at: 8, battery: 'b', status: 'absent' },
        { at: 9, fan: 'f', status: 'failed' },
      ],
    },
  });
  const h = new SimulatedHost(scenario);
  t.same([0, 15, 20, 25, 35, 42, 44].map((at) => h.snapshotAt(at).sensors![0]!.value), [10, 15, 20, 20, null, 10, 10]);
  t.equal(h.snapshotAt(35).sensors![0]!.unavailable, 'absent');
  const later = h.snapshotAt(10);
  t.match(later.discreteSensors![0], { state: 'Absent', health: 'ok' }, 'health stays unless an event says');
  const flapping = new SimulatedHost(validateScenario({
    discreteSensors: [{ id: 'd', label: 'D', kind: 'intrusion', possibleStates: ['Secure', 'Open', 'Ajar'], state: 'Secure', health: 'ok' }],
    timeline: { events: [{ at: 1, discreteSensor: 'd', state: 'Open', health: 'critical' }, { at: 2, discreteSensor: 'd', state: 'Ajar' }] },
  }));
  t.match(flapping.snapshotAt(3).discreteSensors![0], { state: 'Ajar', health: 'critical' }, 'the last health an event gave');
  t.same([later.processors![0]!.status, later.memory![0]!.status, later.batteries![0]!.status, later.fans![0]!.status], ['degraded', 'failed', 'absent', 'failed']);
  t.equal(h.snapshotAt(0).fans![0]!.status, 'ok');
  t.equal(h.snapshotAt(35).fans![0]!.status, 'failed', 'an explicit status wins over the tachometer');
});

t.test('fan status from the tachometer', async (t) => {
  const make = (value: number, idleAllowed?: boolean): string => {
    const h = new SimulatedHost(validateScenario({
      sensors: [{ id: 's', label: 'S', kind: 'fan', unit: 'rpm', decimals: 0, value, thresholds: { lowerCritical: 500, lowerNonCritical: 1000 } }],
      fans: [{ id: 'f', label: 'F', speedSensor: 's', ...(idleAllowed === undefined ? {} : { idleAllowed }) }],
      timeline: { events: [{ at: 1, sensor: 's', unavailable: 'failed' }] },
    }));
    return h.snapshotAt(0).fans![0]!.status;
  };
  t.same([make(3000), make(1000), make(500), make(0), make(0, true)], ['ok', 'degraded', 'failed', 'failed', 'failed']);
  const idle = new SimulatedHost(validateScenario({ sensors: [{ id: 's', label: 'S', kind: 'fan', unit: 'rpm', decimals: 0, value: 0 }], fans: [{ id: 'f', label: 'F', speedSensor: 's', idleAllowed: true }] }));
  t.equal(idle.snapshotAt(0).fans![0]!.status, 'ok', 'zero RPM by design, no thresholds');
  const unread = new SimulatedHost(validateScenario({
    sensors: [{ id: 's', label: 'S', kind: 'fan', unit: 'rpm', decimals: 0, value: 3000 }], fans: [{ id: 'f', label: 'F', speedSensor: 's' }],
    timeline: { events: [{ at: 1, sensor: 's', unavailable: 'failed' }] },
  }));
  t.equal(unread.snapshotAt(2).fans![0]!.status, 'unknown');
});

t.test('redundancy follows from the members that work', async (t) => {
  const scenario = (statuses: string[], minNeeded: number): HardwareSnapshot => new SimulatedHost(validateScenario({
    powerSupplies: statuses.map((_, i) => ({ id: `p${i}`, label: `P${i}`, redundancyGroup: 'g' })),
    redundancy: [{ id: 'g', label: 'G', kind: 'powerSupply', minNeeded }],
    timeline: { events: statuses.map((status, i) => ({ at: 0, powerSupply: `p${i}`, status })) },
  })).snapshotAt(1);
  t.equal(scenario(['ok', 'ok', 'ok'], 1).redundancy![0]!.status, 'full');
  t.equal(scenario(['ok', 'ok', 'failed'], 1).redundancy![0]!.status, 'degraded');
  t.equal(scenario(['ok', 'absent', 'failed'], 1).redundancy![0]!.status, 'lost');
  t.equal(scenario(['failed', 'unknown', 'failed'], 1).redundancy![0]!.status, 'failed');
  t.equal(scenario(['ok', 'degraded'], 1).redundancy![0]!.status, 'full', 'a degraded member still works');
});

t.test('scaled to exactly N numeric sensors', async (t) => {
  for (const n of [0, 1, 10, 1000, 10_000]) {
    const snapshot = new SimulatedHost(DEFAULT_SCENARIO, n).snapshotAt(700);
    const ids = snapshot.sensors!.map((s) => s.id);
    t.equal(ids.length, n, `${n} sensors`);
    t.equal(new Set(ids).size, n, 'with distinct ids');
    for (const fan of snapshot.fans!) if (fan.speedSensor !== undefined) t.ok(ids.includes(fan.speedSensor), 'fans only name sensors that exist');
    for (const psu of snapshot.powerSupplies!) for (const id of psu.sensors ?? []) t.ok(ids.includes(id));
    const entries = buildModel({ hostname: 'sim', now: 0, staleAfterMs: 1000, instances: [], hardware: [{ provider: 'simulated', snapshot, sampledAt: 0 }] });
    t.equal(entries.filter((e) => e.instance.classname === 'Thincim_NumericSensor').length, n, `${n} Thincim_NumericSensor instances`);
    if (n <= 1000) t.same(checkProfileRules(entries), [], `${n}: profile rules hold`);
  }
});

t.test('scaling keeps the first sensors and copies them in order', async (t) => {
  const base = DEFAULT_SCENARIO.sensors!;
  t.same(scaleSensors(base, 2).map((s) => s.id), ['cpu1-temp', 'cpu2-temp']);
  const more = scaleSensors(base, base.length + 3);
  t.same(more.slice(base.length).map((s) => [s.id, s.label, s.monitors]), [
    ['cpu1-temp#2', 'CPU1 Temp #2', undefined], ['cpu2-temp#2', 'CPU2 Temp #2', undefined], ['dimm-a1-temp#2', 'DIMM A1 Temp #2', undefined],
  ]);
  t.equal(scaleSensors(base, base.length * 2 + 1).at(-1)!.id, 'cpu1-temp#3');
  t.same(scaleSensors([], 2).map((s) => [s.id, s.kind]), [['temp#1', 'temperature'], ['temp#2', 'temperature']], 'a host without sensors gets generic ones');
  const copy = new SimulatedHost(DEFAULT_SCENARIO, base.length + 1).snapshotAt(450);
  t.equal(sensor(copy, 'cpu1-temp').value, 96, 'the original follows the timeline');
  t.ok(sensor(copy, 'cpu1-temp#2').value! < 60, 'its copy does not');
});

t.test('threshold writes replace a sensor\'s thresholds', async (t) => {
  const snapshot = host.snapshotAt(0, new Map([['cpu1-temp', { upperNonCritical: 70, upperCritical: 95, upperFatal: 100 }]]));
  t.same(sensor(snapshot, 'cpu1-temp').thresholds, { upperNonCritical: 70, upperCritical: 95, upperFatal: 100 });
  t.same(sensor(snapshot, 'cpu2-temp').thresholds, { upperNonCritical: 85, upperCritical: 95, upperFatal: 100 });
});
