/**
 * BrokerState publishes generations: every instance completed with its
 * class's properties, and what a sample left unchanged kept as the very
 * instance of the previous generation (its cached XML stays valid).
 */
import t from 'tap';
import type { CIMInstance } from '../../src/cim/index.js';
import { CIMInstanceName } from '../../src/cim/index.js';
import { buildHost, buildModel, type HardwareSnapshot, type InstanceIndex } from '../../src/model/index.js';
import { BrokerState } from '../../src/server/state.js';
import { projectRepository } from '../helpers/broker.js';
import { fullGC } from '../helpers/gc.js';
import { fullSnapshot, input, sample } from '../model/fixtures.js';

const repository = await projectRepository();

function withReading(value: number): HardwareSnapshot {
  const snapshot = fullSnapshot();
  return { ...snapshot, sensors: snapshot.sensors!.map((s) => (s.id === 'cpu-temp' ? { ...s, value } : s)) };
}

function cpuTemp(index: InstanceIndex): CIMInstance {
  return [...index.entries()].find(({ instance }) => instance.get('ElementName') === 'CPU Temp' && instance.classname === 'Thincim_NumericSensor')!.instance;
}

/** Publishes `snapshot` the way the broker does: the builder offers each instance to the state as it is made. */
function publish(state: BrokerState, snapshot: HardwareSnapshot, viaReuse: boolean): InstanceIndex {
  const { entries, families } = buildHost(input([sample(snapshot)]), viaReuse ? { reuse: state.reuse } : {});
  return state.publish(entries, families);
}

for (const viaReuse of [true, false]) {
  t.test(`a second generation keeps what did not change (${viaReuse ? 'offered as built' : 'published whole'})`, async (t) => {
    const state = new BrokerState(repository);
    const first = publish(state, withReading(45), viaReuse);
    const second = publish(state, withReading(46), viaReuse);
    t.equal(second.generation, first.generation + 1);
    const before = new Map([...first.entries()].map(({ namespace, instance }) => [`${namespace} ${instance.path!.key}`, instance]));
    const after = [...second.entries()];
    t.equal(after.length, before.size, 'the same instances');
    const changed = after.filter(({ namespace, instance }) => before.get(`${namespace} ${instance.path!.key}`) !== instance).map((e) => e.instance);
    t.same(changed.map((i) => i.get('ElementName')), ['CPU Temp'], 'only the sensor whose reading changed is a new instance');
    t.equal(cpuTemp(second).get('CurrentReading'), 46_000, 'the new reading (three decimals: UnitModifier -3)');
    t.equal(cpuTemp(second).path, cpuTemp(first).path, 'it keeps the path object of its predecessor');
    const declared = repository.getClass('root/cimv2', 'Thincim_NumericSensor')!.properties.size;
    t.equal(cpuTemp(second).properties.size, declared, 'and every property its class declares');
    t.equal(state.reuse('root/cimv2', cpuTemp(second)), cpuTemp(second), 'an instance already published is taken as it is');
  });
}

t.test('an instance of the current generation offered again is neither completed nor compared again', async (t) => {
  let lookups = 0;
  const counting = new Proxy(repository, {
    get(target, name) {
      if (name === 'getClass') return (...args: Parameters<typeof repository.getClass>) => (lookups++, target.getClass(...args));
      const member = Reflect.get(target, name) as unknown;
      return typeof member === 'function' ? member.bind(target) : member;
    },
  });
  const state = new BrokerState(counting);
  const published = [...publish(state, withReading(45), true).entries()];
  t.ok(lookups >= published.length, 'publishing completed each instance');
  lookups = 0;
  for (const { namespace, instance } of published) t.equal(state.reuse(namespace, instance), instance);
  t.equal(lookups, 0, `none of the ${published.length} published is completed again: its class is not even looked up`);
  const made = buildModel(input([sample(withReading(45))]));
  for (const { namespace, instance } of made) state.reuse(namespace, instance);
  t.ok(lookups >= made.length, 'an instance just made is completed (and compared)');
});

t.test('the builder offers the previous generation\'s associations between the same paths instead of making them again', async (t) => {
  const state = new BrokerState(repository);
  const isAssociation = (namespace: string, instance: CIMInstance) => repository.getClass(namespace, instance.classname)?.isAssociation === true;
  /** Publishes a build of `snapshot`: the associations the builder offered to the state, and those the state kept. */
  const publishWith = (snapshot: HardwareSnapshot, hostname = 'host1') => {
    const offered: CIMInstance[] = [];
    const kept = new Set<CIMInstance>();
    const reuse = (namespace: string, instance: CIMInstance) => {
      const published = state.reuse(namespace, instance);
      if (isAssociation(namespace, instance)) {
        offered.push(instance);
        kept.add(published);
      }
      return published;
    };
    const { entries, families } = buildHost({ ...input([sample(snapshot)]), hostname }, { reuse });
    state.publish(entries, families);
    return { offered, kept };
  };
  const first = publishWith(withReading(45));
  const second = publishWith(withReading(46));
  t.equal(second.offered.length, first.kept.size);
  // A logical device keeps its path object across generations: the associations to it are found by it.
  const toDevice = (instance: CIMInstance) => (instance.get('Dependent') as CIMInstanceName).keybindings.has('DeviceID');
  const monitoring = second.offered.filter((instance) => instance.classname === 'Thincim_AssociatedSensor' && toDevice(instance));
  t.ok(monitoring.length >= 4, `AssociatedSensor associations to devices (${monitoring.length})`);
  t.ok(monitoring.every((instance) => first.kept.has(instance)), 'each offered is the one published before');
  const reused = second.offered.filter((instance) => first.kept.has(instance)).length;
  t.ok(reused > second.offered.length / 2, `so are most associations (${reused} of ${second.offered.length})`);
  const renamed = publishWith(withReading(46), 'other-host').offered.filter((instance) => instance.classname === 'Thincim_AssociatedSensor');
  t.ok(renamed.length > 0 && renamed.every((instance) => !first.kept.has(instance)), 'another system name: the associations between its devices are made again');
  t.match(String(renamed[0]!.get('Dependent')), /other-host/, 'naming the new system');
});

t.test('the associations of families are made complete when read, from the current generation', async (t) => {
  const state = new BrokerState(repository);
  const index = publish(state, withReading(45), true);
  const stored = [...index.entries()].map((e) => e.instance);
  t.notOk(stored.some((i) => i.classname === 'Thincim_SystemDevice' || i.classname === 'Thincim_ElementConformsToProfile'), 'none is stored');
  const devices = index.byClass('root/cimv2', 'Thincim_SystemDevice');
  t.equal(devices.length, buildModel(input([sample(withReading(45))])).filter((e) => e.instance.classname === 'Thincim_SystemDevice').length, 'as many as the builder relates');
  const declared = repository.getClass('root/cimv2', 'Thincim_SystemDevice')!.properties.size;
  t.ok(devices.every((i) => i.properties.size === declared), 'each with every property its class declares');
  const sensorPath = cpuTemp(index).path!;
  const toSensor = index.referencing('root/cimv2', sensorPath);
  t.same(toSensor.map((i) => i.classname).filter((c) => c !== 'Thincim_AssociatedSensor').sort(), ['Thincim_ElementCapabilities', 'Thincim_ElementConformsToProfile', 'Thincim_SystemDevice'], 'found from the device');
  const systemDevice = toSensor.find((i) => i.classname === 'Thincim_SystemDevice')!;
  t.ok(systemDevice.get('PartComponent') instanceof CIMInstanceName && (systemDevice.get('PartComponent') as CIMInstanceName).equals(sensorPath));
  t.equal(index.get('root/cimv2', systemDevice.path!), systemDevice, 'one instance for every read while it is held');
  t.equal(publish(state, withReading(46), true).get('root/cimv2', systemDevice.path!), systemDevice, 'in the next generation too');
  t.equal(index.referencing('root/interop', sensorPath).length, 1, 'the conformance in root/interop too');
});

t.test('an instance of a family that nothing holds is not kept', async (t) => {
  const state = new BrokerState(repository);
  const index = publish(state, withReading(45), true);
  const held = new WeakRef(index.byClass('root/cimv2', 'Thincim_SystemDevice')[0]!);
  const path = held.deref()!.path!;
  await new Promise((resolve) => setImmediate(resolve)); // a WeakRef keeps its target until the current job ends
  fullGC();
  t.equal(held.deref(), undefined, 'collected');
  t.equal(index.get('root/cimv2', path)?.path!.key, path.key, 'and made again when read');
});


t.test('a power supply with many sensors gets every association to it back', async (t) => {
  const base = fullSnapshot();
  const extra = Array.from({ length: 12 }, (_, i) => ({ ...base.sensors!.find((s) => s.id === 'cpu-temp')!, id: `psu1-t${i}`, label: `PSU1 T${i}` }));
  const snapshot: HardwareSnapshot = {
    ...base,
    sensors: [...base.sensors!, ...extra],
    powerSupplies: base.powerSupplies!.map((p) => (p.id === 'psu1' ? { ...p, sensors: [...(p.sensors ?? []), ...extra.map((s) => s.id)] } : p)),
  };
  const state = new BrokerState(repository);
  const toPsu = (index: InstanceIndex) => [...index.entries()].map((e) => e.instance)
    .filter((i) => i.classname === 'Thincim_AssociatedSensor' && String(i.get('Dependent')).includes('psu1'));
  const first = new Set(toPsu(publish(state, snapshot, true)));
  const offered: CIMInstance[] = [];
  const { entries, families } = buildHost(input([sample(snapshot)]), {
    reuse: (namespace, instance) => {
      if (instance.classname === 'Thincim_AssociatedSensor') offered.push(instance);
      return state.reuse(namespace, instance);
    },
  });
  state.publish(entries, families);
  const again = offered.filter((i) => String(i.get('Dependent')).includes('psu1'));
  t.ok(first.size > 12, `sensors associated with the supply (${first.size})`);
  t.equal(again.length, first.size);
  t.ok(again.every((i) => first.has(i)), 'each the instance published before');
});
