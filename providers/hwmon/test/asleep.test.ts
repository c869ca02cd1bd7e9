/**
 * A graphics card asleep (runtime-suspended) is no lost sensor.
 *
 * SOURCE: the tree is the amdgpu hwmon of an RX 6600 in LACT's sysfs
 * snapshots (/work/shared/fixtures/hwmon/lact-gpu-hwmon/amd/rx6600, from
 * github.com/ilya-zlobintsev/LACT tests/snapshots), trimmed to one channel
 * of each kind. While the card is runtime-suspended, amdgpu_pm.c's getters
 * (temp, fan1_input, fan1_target, pwm1, pwm1_enable, …) call
 * amdgpu_pm_get_access_if_active(), whose pm_runtime_get_if_active() is 0
 * for a device that is not active: they return -EPERM; the PCI device's
 * power/runtime_status then reads "suspended" (sysfs-devices-power ABI).
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { CIMInstance } from '../../../src/cim/index.js';
import { buildModel, rememberReadings, type HardwareSnapshot, type ReadingMemory } from '../../../src/model/index.js';
import { validateSnapshot } from '../../../src/providers/validate.js';
import { player } from '../../../test/events/player.js';
import { input, Model, NOW, sample } from '../../../test/model/fixtures.js';
import { type AttributeRead, buildSnapshot, type RawChip } from '../build.js';
import { type HwmonError, ioError } from '../errors.js';
import { createHwmonProvider, createSysfsReader, resolveOptions } from '../index.js';
import { context } from './helpers.js';

const GPU = 'devices/pci0000:00/0000:00:01.1/0000:03:00.0';
const FILES = {
  name: 'amdgpu', temp1_input: 28000, temp1_label: 'edge', temp1_crit: 100000, temp1_emergency: 105000,
  fan1_input: 1395, fan1_min: 0, fan1_max: 3100, fan1_target: 1395, fan1_enable: 0, pwm1: 0, pwm1_enable: 2,
  in0_input: 1000, in0_label: 'vddgfx', power1_average: 3000000, power1_label: 'PPT', freq1_input: 20000000, freq1_label: 'sclk',
};
/** What amdgpu serves through amdgpu_pm_get_access_if_active(): everything but the labels and the temperature limits. */
const GUARDED = ['temp1_input', 'fan1_input', 'fan1_min', 'fan1_max', 'fan1_target', 'fan1_enable', 'pwm1', 'pwm1_enable', 'in0_input', 'power1_average', 'freq1_input'];

interface Gpu {
  /**
   * Samples the tree: `errno` fails every guarded attribute (only its first read with `once`: a device that wakes as
   * it is read), `status` is the device's power/runtime_status.
   */
  sample(state: { errno?: string; status: string; once?: boolean }): Promise<HardwareSnapshot>;
}

async function gpu(t: Test): Promise<Gpu> {
  const root = await mkdtemp(join(tmpdir(), 'hwmon-asleep-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const hwmon = join(root, GPU, 'hwmon', 'hwmon3');
  await mkdir(hwmon, { recursive: true });
  await mkdir(join(root, GPU, 'power'));
  await mkdir(join(root, 'bus', 'pci'), { recursive: true });
  await mkdir(join(root, 'class', 'hwmon'), { recursive: true });
  for (const [file, value] of Object.entries(FILES)) await writeFile(join(hwmon, file), `${value}\n`);
  await symlink('../../../../bus/pci', join(root, GPU, 'subsystem'));
  await symlink('../../../0000:03:00.0', join(hwmon, 'device'));
  await symlink(`../../${GPU}/hwmon/hwmon3`, join(root, 'class', 'hwmon', 'hwmon3'));
  const options = resolveOptions({ root });
  const real = createSysfsReader(options);
  return {
    async sample({ errno, status, once = false }) {
      await writeFile(join(root, GPU, 'power', 'runtime_status'), `${status}\n`);
      const failed = new Set<string>();
      const reader = {
        ...real,
        readText: async (path: string, signal: AbortSignal) => {
          const guarded = errno !== undefined && GUARDED.some((file) => path.endsWith(`/${file}`));
          if (guarded && !(once && failed.has(path))) {
            failed.add(path);
            throw ioError(path, Object.assign(new Error('injected'), { code: errno }));
          }
          return real.readText(path, signal);
        },
      };
      const snapshot = await createHwmonProvider(options, reader).sample(context());
      validateSnapshot(snapshot);
      return snapshot;
    },
  };
}

/** The model across samples, as the broker builds it: each snapshot with the reading memory of those before. */
function modelOverTime() {
  let readings: ReadingMemory = new Map();
  let now = NOW;
  return (snapshot: HardwareSnapshot): Model => {
    now += 10_000;
    readings = rememberReadings(readings, snapshot, now);
    return new Model(buildModel(input([sample(snapshot, { provider: 'hwmon', sampledAt: now, readings })], { now })));
  };
}

const status = (instance: CIMInstance) => ({
  HealthState: instance.get('HealthState'),
  OperationalStatus: instance.get('OperationalStatus'),
  StatusDescriptions: instance.get('StatusDescriptions'),
});
const TEMP = 'hwmon:amdgpu-pci-0300/temp1';
const FAN = 'hwmon:amdgpu-pci-0300/fan1';
const SYSTEM = 'Thincim_ComputerSystem';

t.test('a GPU asleep: its sensors Dormant, Health Unknown, the host OK, no event; awake again, no event either', async (t) => {
  const card = await gpu(t);
  const awake = await card.sample({ status: 'active' });
  const asleep = await card.sample({ errno: 'EPERM', status: 'suspended' });
  const model = modelOverTime();
  model(awake);
  const sleeping = model(asleep);
  const temp = sleeping.one('Thincim_NumericSensor', TEMP);
  t.same(status(temp), { HealthState: 0, OperationalStatus: [15], StatusDescriptions: ['device asleep'] }, 'Dormant, not Lost Communication');
  t.equal(temp.get('CurrentReading'), 28000, 'the last reading stays (never NULL: ESXi tools compute int(CurrentReading))');
  t.equal(temp.get('CurrentState'), 'Unknown');
  t.same(status(sleeping.one('OMC_Fan', FAN)), { HealthState: 0, OperationalStatus: [15], StatusDescriptions: ['device asleep'] }, 'the fan sleeps with it');
  t.same(status(sleeping.all(SYSTEM)[0]!), { HealthState: 5, OperationalStatus: [2], StatusDescriptions: ['OK'] }, 'outside the roll-up');

  const p = await player();
  t.same(p.play(awake), []);
  t.same(p.play(asleep), [], 'no alarm, no change event as it falls asleep');
  t.same(p.play(asleep), [], 'nor while it sleeps');
  t.same(p.play(awake), [], 'nor as it wakes');
});

t.test('a GPU that wakes past a threshold it had not crossed: the crossing is reported against the reading before its sleep', async (t) => {
  const card = await gpu(t);
  const p = await player();
  p.play(await card.sample({ status: 'active' }));
  p.play(await card.sample({ errno: 'EPERM', status: 'suspended' }));
  const hot = await card.sample({ status: 'active' });
  const temp = hot.sensors!.find((s) => s.id === TEMP)!;
  temp.value = 101;
  t.match(p.play(hot).map((e) => `${e.kind} ${e.severity} ${e.elementName}`), ['thresholdCrossed critical edge']);
});

t.test('a read that fails for another reason, or while the device says it is awake, is still lost', async (t) => {
  const card = await gpu(t);
  const awake = await card.sample({ status: 'active' });
  for (const [state, why] of [
    [{ errno: 'EIO', status: 'suspended' }, 'EIO is a failure, asleep or not'],
    [{ errno: 'EPERM', status: 'active' }, 'EPERM from a device that reports itself active (a reset, a system suspend)'],
  ] as const) {
    const failed = await card.sample(state);
    const model = modelOverTime();
    model(awake);
    t.same(status(model(failed).one('Thincim_NumericSensor', TEMP)), { HealthState: 0, OperationalStatus: [13], StatusDescriptions: ['reading failed'] }, why);
    const p = await player();
    p.play(awake);
    t.match(p.play(failed).map((e) => e.kind), ['readingLost'], why);
  }
});

t.test('a GPU that wakes between its reads and its runtime_status: the failed reads are read once more, and served', async (t) => {
  // amdgpu answers EPERM while the device resumes; by the time runtime_status is read it says "active". Without a
  // second read each such poll was a burst of readingLost events, and readingRegained on the next.
  const card = await gpu(t);
  const woken = await card.sample({ errno: 'EPERM', status: 'active', once: true });
  const temp = woken.sensors!.find((s) => s.id === TEMP);
  t.equal(temp?.value, 28, 'the second read is the reading');
  t.equal(temp?.unavailable, undefined);
});

t.test('the snapshot says why there is no reading: asleep', async (t) => {
  const card = await gpu(t);
  const asleep = await card.sample({ errno: 'EPERM', status: 'suspended' });
  t.match(asleep.sensors!.find((s) => s.id === TEMP), { value: null, unavailable: 'asleep' });
  t.match(asleep.sensors!.find((s) => s.id === 'hwmon:amdgpu-pci-0300/pwm1'), { value: null, unavailable: 'asleep' });
  const resuming = await card.sample({ errno: 'EPERM', status: 'resuming' });
  t.match(resuming.sensors!.find((s) => s.id === TEMP), { unavailable: 'asleep' }, 'still asleep while it resumes');
});

t.test('a GPU asleep since before the first sample: its sensors appear as it wakes, reported before, no creation', async (t) => {
  const card = await gpu(t);
  const asleep = await card.sample({ errno: 'EPERM', status: 'suspended' });
  const awake = await card.sample({ status: 'active' });
  const p = await player();
  t.same(p.play(asleep), [], 'the first sample: nothing to compare with');
  t.same(p.play(asleep), [], 'asleep, no reading to keep: not served');
  const woken = p.play(awake);
  t.same(woken.filter((e) => e.kind === 'created').map((e) => e.elementName), [], 'reported asleep, not hot-plugged: no creation as they wake');
  t.match(woken.find((e) => e.elementName === 'edge'), undefined, 'nor any other event of its sensors');

  // A sensor never reported before is still hot-plugged.
  const later = await card.sample({ status: 'active' });
  later.sensors!.push({ ...later.sensors!.find((s) => s.id === TEMP)!, id: 'hwmon:amdgpu-pci-0300/temp2', label: 'junction' });
  t.same(p.play(later).map((e) => `${e.kind} ${e.elementName}`), ['created junction']);
});

t.test("an Ampere Altra host powered off, as its BMC reads it: smpro-hwmon's ENXIO is a host asleep, not sensors lost", async (t) => {
  // torvalds/linux Documentation/hwmon/smpro-hwmon.rst: "When the SoC is turned off, the driver will fail to read
  // registers and return -ENXIO"; smpro-hwmon.c registers the chip as smpro_hwmon. The values are the rst's example
  // (in0 830 mV, temp1 37000, power5 19500000) and a DIMM channel with its MEM HOT crit.
  const chip = (read: (value: number, file: string) => string | HwmonError): RawChip => {
    const files = { temp1_input: 37000, temp5_input: 41000, temp5_crit: 85000, in0_input: 830, power5_input: 19500000 };
    const attributes = new Map<string, AttributeRead>();
    for (const [file, value] of Object.entries(files)) {
      const result = read(value, file);
      attributes.set(file, typeof result === 'string' ? { text: result } : { error: result });
    }
    return { id: 'smpro_hwmon-isa-0000', name: 'smpro_hwmon', path: '/sys/devices/platform/smpro-hwmon.2.auto/hwmon/hwmon3', attributes };
  };
  const build = (raw: RawChip) => buildSnapshot([raw], { zeroRpmChips: [], powerSupplyChips: [] }).snapshot;
  const on = build(chip((value) => `${value}\n`));
  const off = build(chip((_, file) => ioError(`/sys/${file}`, Object.assign(new Error('injected'), { code: 'ENXIO' }))));
  t.match(off.sensors!.find((s) => s.id === 'hwmon:smpro_hwmon-isa-0000/temp1'), { value: null, unavailable: 'asleep' });
  const model = modelOverTime();
  model(on);
  const hostOff = model(off);
  t.same(status(hostOff.one('Thincim_NumericSensor', 'hwmon:smpro_hwmon-isa-0000/temp5')), { HealthState: 0, OperationalStatus: [15], StatusDescriptions: ['device asleep'] });
  t.same(status(hostOff.all(SYSTEM)[0]!), { HealthState: 5, OperationalStatus: [2], StatusDescriptions: ['OK'] }, 'the BMC is no less healthy with its host off');
  const other = build(chip((_, file) => ioError(`/sys/${file}`, Object.assign(new Error('injected'), { code: 'EIO' }))));
  t.match(other.sensors!.find((s) => s.id === 'hwmon:smpro_hwmon-isa-0000/temp1'), { value: null, unavailable: 'failed' }, 'another error is a failure');
  // A host powered off fails every register read; one channel failing while the others read is that channel's failure.
  const enxio = (file: string) => ioError(`/sys/${file}`, Object.assign(new Error('injected'), { code: 'ENXIO' }));
  const partial = build(chip((value, file) => (file === 'temp5_input' ? enxio(file) : `${value}\n`)));
  t.match(partial.sensors!.find((s) => s.id === 'hwmon:smpro_hwmon-isa-0000/temp5'), { value: null, unavailable: 'failed' }, 'one ENXIO among readings');
  t.match(partial.sensors!.find((s) => s.id === 'hwmon:smpro_hwmon-isa-0000/temp1'), { value: 37 });
  const limitsRead = build(chip((value, file) => (file.endsWith('_input') ? enxio(file) : `${value}\n`)));
  t.match(limitsRead.sensors!.find((s) => s.id === 'hwmon:smpro_hwmon-isa-0000/temp5'), { value: null, unavailable: 'asleep' }, 'every reading failed: the readings decide, not a limit file');
});
