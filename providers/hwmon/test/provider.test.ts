import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t, { type Test } from 'tap';
import type { HardwareSnapshot, NumericSensor } from '../../../src/model/snapshot.js';
import type { HardwareProvider } from '../../../src/providers/api.js';
import { validateSnapshot } from '../../../src/providers/validate.js';
import { ioError } from '../errors.js';
import factory, { createHwmonProvider, createSysfsReader, DEFAULT_OPTIONS, HwmonError, type HwmonOptions, resolveOptions, type SysfsReader } from '../index.js';
import { context, materialize, modelOverTime, recordingLogger, sensorById, StuckFile, until, verdictsIn } from './helpers.js';

async function provider(options: Partial<HwmonOptions> & { root: string }, reader?: SysfsReader): Promise<HardwareProvider> {
  const resolved = resolveOptions(options);
  return createHwmonProvider(resolved, reader ?? createSysfsReader(resolved));
}

async function sample(root: string, options: Partial<HwmonOptions> = {}, reader?: SysfsReader): Promise<HardwareSnapshot> {
  const snapshot = await (await provider({ ...options, root }, reader)).sample(context());
  validateSnapshot(snapshot);
  return snapshot;
}

/** The real reader, except that reading a file whose path ends with a key fails with that key's errno. */
function failingReader(failures: Record<string, string>, options: Partial<HwmonOptions> = {}): SysfsReader {
  const real = createSysfsReader({ ...DEFAULT_OPTIONS, ...options });
  return {
    ...real,
    readText: async (path, signal) => {
      const hit = Object.keys(failures).find((suffix) => path.endsWith(suffix));
      if (hit === undefined) return real.readText(path, signal);
      throw ioError(path, Object.assign(new Error('injected'), { code: failures[hit] }));
    },
  };
}

/** [id, label, value, unit, thresholds, health, unavailable] of each sensor. */
const rows = (sensors: readonly NumericSensor[] | undefined) =>
  (sensors ?? []).map((s) => [s.id, s.label, s.value, s.unit, s.thresholds ?? {}, s.health ?? '-', s.unavailable ?? '-']);

async function emptyDir(t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hwmon-empty-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

t.test('the factory', async (t) => {
  const hwmon = (await factory({})) as HardwareProvider;
  t.match(hwmon, { name: 'hwmon', version: '0.1.0', kind: 'hardware', defaults: { interval: 10, timeout: 3000 } });
  t.type(hwmon.sample, 'function');
  t.type(hwmon.detect, 'function');
  await t.rejects(async () => factory({ rooot: '/x' }), { code: 'BAD_OPTION', message: /option 'rooot' is unknown; the options are root, / });
});

t.test('resolveOptions fills defaults and checks every option', async (t) => {
  t.same(resolveOptions({}), DEFAULT_OPTIONS);
  t.same(resolveOptions(), DEFAULT_OPTIONS);
  t.ok(DEFAULT_OPTIONS.zeroRpmChips.includes('corsairpsu'), 'a Corsair PSU rests its fan in zero-RPM mode');
  const custom = resolveOptions({ root: '/host/sys', interval: 5, timeout: 1000, maxChips: 8, zeroRpmChips: ['nouveau'], deadlineMarginMs: 0 });
  t.match(custom, { root: '/host/sys', maxChips: 8, zeroRpmChips: ['nouveau'], deadlineMarginMs: 0 });
  t.notOk('interval' in custom, 'the scheduler keys are checked, not kept');
  t.same(resolveOptions({ root: undefined }), DEFAULT_OPTIONS, 'undefined is absent');
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ root: '' }, /'root' must be a folder path, got ""/],
    [{ root: 5 }, /'root' must be a folder path/],
    [{ maxChips: 0 }, /'maxChips' must be a whole number from 1 to 65536, got 0/],
    [{ maxChips: 1.5 }, /'maxChips' must be a whole number/],
    [{ maxAttributesPerChip: '10' }, /'maxAttributesPerChip' must be a whole number/],
    [{ maxAttributeBytes: 8 }, /'maxAttributeBytes' must be a whole number from 16/],
    [{ maxConcurrentReads: 0 }, /'maxConcurrentReads'/],
    [{ deadlineMarginMs: -1 }, /'deadlineMarginMs'/],
    [{ zeroRpmChips: 'amdgpu' }, /'zeroRpmChips' must be a list of chip names/],
    [{ zeroRpmChips: ['amdgpu', ''] }, /'zeroRpmChips' must be a list of chip names/],
    [{ interval: 0 }, /'interval' must be a positive number, got 0/],
    [{ timeout: 'soon' }, /'timeout' must be a positive number/],
    [{ other: 1 }, /'other' is unknown/],
  ];
  for (const [options, message] of bad) {
    t.throws(() => resolveOptions(options), { name: 'HwmonError', code: 'BAD_OPTION', message }, JSON.stringify(options));
  }
  const list = ['a'];
  const resolved = resolveOptions({ zeroRpmChips: list });
  list.push('b');
  t.same(resolved.zeroRpmChips, ['a'], 'lists are copied');
});

t.test('a current-kernel desktop', async (t) => {
  const root = await materialize('desktop', t.teardown);
  const snapshot = await sample(root);
  t.same(rows(snapshot.sensors), [
    ['hwmon:k10temp-pci-00c3/temp1', 'Tctl', 33.25, 'celsius', {}, '-', '-'],
    ['hwmon:k10temp-pci-00c3/temp3', 'Tccd1', 33.25, 'celsius', {}, '-', '-'],
    ['hwmon:nvme-pci-0100/temp1', 'Composite', 35.85, 'celsius', { upperNonCritical: 81.85, upperCritical: 84.85 }, 'ok', '-'],
    ['hwmon:nvme-pci-0100/temp2', 'Sensor 1', 35.85, 'celsius', {}, '-', '-'],
    ['hwmon:it8720-isa-0228/temp1', 'it8720-isa-0228 temp1', 37, 'celsius', { lowerNonCritical: 28, upperNonCritical: 48 }, 'ok', '-'],
    ['hwmon:it8720-isa-0228/temp3', 'it8720-isa-0228 temp3', 79, 'celsius', {}, '-', '-'],
    ['hwmon:it8720-isa-0228/in0', 'it8720-isa-0228 in0', 1.296, 'volts', { lowerNonCritical: 0.896, upperNonCritical: 1.264 }, 'ok', '-'],
    ['hwmon:it8720-isa-0228/in3', '+5V', 2.992, 'volts', { lowerNonCritical: 2.832, upperNonCritical: 3.12 }, 'ok', '-'],
    ['hwmon:it8720-isa-0228/in6', 'it8720-isa-0228 in6', 3.344, 'volts', { upperNonCritical: 4.08 }, 'ok', '-'],
    ['hwmon:it8720-isa-0228/in8', 'Vbat', 3.136, 'volts', {}, '-', '-'],
    ['hwmon:it8720-isa-0228/fan1', 'it8720-isa-0228 fan1', 1530, 'rpm', {}, '-', '-'],
    ['hwmon:it8720-isa-0228/fan3', 'it8720-isa-0228 fan3', 0, 'rpm', {}, '-', '-'],
    ['hwmon:it8720-isa-0228/fan5', 'it8720-isa-0228 fan5', 0, 'rpm', {}, '-', '-'],
    ['hwmon:it8720-isa-0228/pwm1', 'it8720-isa-0228 pwm1', 50.2, 'percent', {}, '-', '-'],
    ['hwmon:amdgpu-pci-0300/temp1', 'edge', 56, 'celsius', { upperCritical: 100, upperFatal: 105 }, '-', '-'],
    ['hwmon:amdgpu-pci-0300/temp2', 'junction', 59, 'celsius', { upperCritical: 110, upperFatal: 115 }, '-', '-'],
    ['hwmon:amdgpu-pci-0300/in0', 'vddgfx', 0.775, 'volts', {}, '-', '-'],
    ['hwmon:amdgpu-pci-0300/power1', 'PPT', 36, 'watts', {}, '-', '-'],
    ['hwmon:amdgpu-pci-0300/fan1', 'amdgpu-pci-0300 fan1', 0, 'rpm', {}, '-', '-'], // fan1_max 3400: the range of fan1_target
    ['hwmon:amdgpu-pci-0300/freq1', 'sclk', 500000000, 'hertz', {}, '-', '-'],
    ['hwmon:amdgpu-pci-0300/pwm1', 'amdgpu-pci-0300 pwm1', 0, 'percent', {}, '-', '-'],
    ['hwmon:acpitz-virtual-0/temp1', 'acpitz-virtual-0 temp1', 16.8, 'celsius', { upperCritical: 20.8 }, '-', '-'],
    ['hwmon:acpitz-virtual-0/temp2', 'acpitz-virtual-0 temp2', 16.8, 'celsius', { upperCritical: 20.8 }, '-', '-'],
  ]);
  t.same(snapshot.fans, [
    { id: 'hwmon:it8720-isa-0228/fan1', label: 'it8720-isa-0228 fan1', speedSensor: 'hwmon:it8720-isa-0228/fan1', status: 'ok', idleAllowed: false, variableSpeed: true },
    { id: 'hwmon:it8720-isa-0228/fan3', label: 'it8720-isa-0228 fan3', speedSensor: 'hwmon:it8720-isa-0228/fan3', status: 'unknown', idleAllowed: false, statusReason: 'not turning' },
    { id: 'hwmon:it8720-isa-0228/fan5', label: 'it8720-isa-0228 fan5', speedSensor: 'hwmon:it8720-isa-0228/fan5', status: 'unknown', idleAllowed: false, statusReason: 'not turning' },
    {
      id: 'hwmon:amdgpu-pci-0300/fan1', label: 'amdgpu-pci-0300 fan1', speedSensor: 'hwmon:amdgpu-pci-0300/fan1',
      status: 'ok', idleAllowed: true, variableSpeed: true, desiredSpeed: 0,
    },
  ]);
  t.same(snapshot.discreteSensors, [
    {
      id: 'hwmon:it8720-isa-0228/intrusion0', label: 'it8720-isa-0228 intrusion0', kind: 'intrusion',
      possibleStates: ['Normal', 'Intrusion', 'Unknown'], state: 'Normal', health: 'ok', source: 'it8720-isa-0228',
    },
  ]);
  for (const sensor of snapshot.sensors!) t.equal(sensor.id.split('/')[0], `hwmon:${sensor.source}`, `${sensor.id} names its chip`);
});

t.test("a Super I/O temperature at the top of its register: absent from the start, failed after readings", async (t) => {
  // The desktop's IT8720F (gentoo-wiki-ga-ma770-ud3-it8720) reads temp3 79 °C; its register is a signed byte, whose top,
  // 127 °C (0x7F), no capture shows an open input reading, and a shorted thermistor or an overheat reads it too.
  const root = await materialize('desktop', t.teardown);
  const id = 'hwmon:it8720-isa-0228/temp3';
  const running = await provider({ root });
  const model = modelOverTime();
  const before = await running.sample(context());
  t.match(sensorById(before, id), { value: 79 });
  model(before);
  await writeFile(join(root, 'devices/platform/it87.552/hwmon/hwmon2/temp3_input'), '127000\n');
  const log = recordingLogger();
  const after = await running.sample(context(5000, log));
  t.match(sensorById(after, id), { value: null, unavailable: 'failed' }, 'it read 79 °C before: failed');
  t.same(verdictsIn(model(after), id), { sensor: 'lostCommunication: reading failed' });
  t.match(log.entries, [{ fields: { code: 'BAD_VALUE' }, message: /top of the chip's 8-bit register/ }]);
  t.match(sensorById(await (await provider({ root })).sample(context()), id), { value: null, unavailable: 'absent' }, 'a new process: absent');
});

t.test('an old kernel: attributes in the device folders, no subsystem links', async (t) => {
  const root = await materialize('legacy-server', t.teardown);
  const snapshot = await sample(root);
  t.same(rows(snapshot.sensors), [
    ['hwmon:power_meter-acpi-0/power1', 'power_meter-acpi-0 power1', 345, 'watts', {}, '-', '-'],
    ['hwmon:coretemp-isa-0000/temp1', 'Physical id 0', 77, 'celsius', { upperNonCritical: 82, upperCritical: 92 }, 'ok', '-'],
    ['hwmon:coretemp-isa-0000/temp2', 'Core 0 (coretemp-isa-0000)', 75, 'celsius', { upperNonCritical: 82, upperCritical: 92 }, 'ok', '-'],
    ['hwmon:coretemp-isa-0000/temp3', 'Core 1 (coretemp-isa-0000)', 77, 'celsius', { upperNonCritical: 82, upperCritical: 92 }, 'ok', '-'],
    ['hwmon:coretemp-isa-0001/temp1', 'Physical id 1', 70, 'celsius', { upperNonCritical: 82, upperCritical: 92 }, 'ok', '-'],
    ['hwmon:coretemp-isa-0001/temp2', 'Core 0 (coretemp-isa-0001)', 66, 'celsius', { upperNonCritical: 82, upperCritical: 92 }, 'ok', '-'],
    ['hwmon:coretemp-isa-0001/temp3', 'Core 1 (coretemp-isa-0001)', 70, 'celsius', { upperNonCritical: 82, upperCritical: 92 }, 'critical', '-'],
    ['hwmon:sfc-pci-0300/curr1', '0.9V supply current', 7.624, 'amps', { upperNonCritical: 16, upperCritical: 18 }, 'ok', '-'],
    ['hwmon:it8728-isa-0a30/temp1', 'it8728-isa-0a30 temp1', 43, 'celsius', {}, '-', '-'],
    ['hwmon:it8728-isa-0a30/in0', 'it8728-isa-0a30 in0', 1.056, 'volts', { upperNonCritical: 3.06 }, 'ok', '-'],
    ['hwmon:it8728-isa-0a30/in1', '3VSB', 3.384, 'volts', { upperNonCritical: 6.12 }, 'ok', '-'],
    ['hwmon:it8728-isa-0a30/fan1', 'it8728-isa-0a30 fan1', 1010, 'rpm', { lowerNonCritical: 10 }, 'ok', '-'],
  ], 'hwmon10 comes after hwmon3');
  t.match(snapshot.discreteSensors, [{ id: 'hwmon:it8728-isa-0a30/intrusion0', state: 'Intrusion', health: 'warning' }]);
  t.match(snapshot.fans, [{ id: 'hwmon:it8728-isa-0a30/fan1', status: 'ok' }]);
});

t.test('messy trees', async (t) => {
  const root = await materialize('messy', t.teardown);
  const log = recordingLogger();
  const hwmon = await provider({ root });
  const snapshot = await hwmon.sample(context(5000, log));
  validateSnapshot(snapshot);
  const chips = [...new Set(snapshot.sensors!.map((s) => s.source))];
  t.same(chips, [
    'sht3x-i2c-0-44', // no name in the hwmon folder: the device's
    'dell_smm_hwmon-isa-0000', // no name anywhere: the driver's
    'hwmon-virtual-0', // no name, no device: the fallback
    'xe-pci-0400',
    'nct6779-isa-0290',
    'acpitz-virtual-0',
    'acpitz-virtual-0.2', // the same lm-sensors id twice
  ]);
  t.match(sensorById(snapshot, 'hwmon:sht3x-i2c-0-44/humidity1'), { kind: 'humidity', unit: 'percent', value: 45.123, decimals: 3 });
  t.same(snapshot.fans!.filter((f) => f.id.startsWith('hwmon:dell')).map((f) => f.label), ['Processor Fan (fan1)', 'Processor Fan (fan2)']);
  t.same(
    snapshot.sensors!.filter((s) => s.source === 'xe-pci-0400').map((s) => s.label),
    ['pkg', 'vram (temp3)', 'vram (temp4)', 'xe-pci-0400 in0', 'pkg', 'pkg', 'xe-pci-0400 fan1', 'xe-pci-0400 fan2'],
  );
  t.match(sensorById(snapshot, 'hwmon:xe-pci-0400/energy1'), { kind: 'energy', unit: 'joules', value: 25637.161804, decimals: 6 });
  t.match(snapshot.fans!.find((f) => f.id === 'hwmon:xe-pci-0400/fan1'), { status: 'ok', idleAllowed: true });

  const nct = (channel: string) => sensorById(snapshot, `hwmon:nct6779-isa-0290/${channel}`);
  t.equal(nct('in0').thresholds, undefined, 'min = max = 0');
  t.equal(nct('curr1').thresholds, undefined, 'max 0');
  t.equal(nct('temp1').thresholds, undefined, 'crit 0 dropped, min above max dropped');
  t.same(nct('temp8').thresholds, { lowerNonCritical: 5 }, 'lcrit -128 °C and max 255 °C dropped');
  t.match(nct('temp2'), { value: null, unavailable: 'failed' }, 'a diode fault');
  t.match(nct('temp5'), { value: null, unavailable: 'failed' }, 'N/A');
  t.match(nct('temp6'), { value: 121, health: 'fatal', thresholds: { upperFatal: 120 } });
  t.match(nct('curr2'), { value: 19.5, health: 'critical' });
  t.match(nct('pwm2'), { value: null, unavailable: 'failed' }, 'duty cycle 300');
  t.match(nct('pwm3'), { value: 100 });
  t.same(
    snapshot.fans!.filter((f) => f.id.startsWith('hwmon:nct')).map((f) => [f.id.split('/')[1], f.status]),
    [['fan1', 'failed'], ['fan2', 'failed'], ['fan3', 'degraded']],
  );
  t.same(
    snapshot.discreteSensors!.map((d) => [d.id, d.state, d.health]),
    [['hwmon:nct6779-isa-0290/intrusion0', 'Intrusion', 'warning'], ['hwmon:nct6779-isa-0290/intrusion1', 'Unknown', 'unknown']],
  );
  const logged = log.entries.filter((e) => e.level === 'debug').map((e) => e.fields as { path: string; code: string });
  t.same(
    logged.map((f) => `${f.path.slice(root.length)} ${f.code}`).sort(),
    ['/class/hwmon/hwmon4/intrusion1_alarm BAD_VALUE', '/class/hwmon/hwmon4/pwm2 BAD_VALUE', '/class/hwmon/hwmon4/temp5_input BAD_VALUE'],
    'every problem logged, at debug',
  );
});

t.test('links and files the tree cannot hold', async (t) => {
  const root = await materialize('messy', t.teardown);
  const hwmon = join(root, 'class', 'hwmon');
  const nct = join(root, 'devices', 'platform', 'nct6775.656', 'hwmon', 'hwmon4');
  await symlink('../../devices/gone/hwmon9', join(hwmon, 'hwmon9'));
  await writeFile(join(hwmon, 'hwmon12'), 'not a folder\n');
  await mkdir(join(root, 'devices', 'virtual', 'hwmon', 'hwmon13'), { recursive: true });
  await symlink('../../devices/virtual/hwmon/hwmon13', join(hwmon, 'hwmon13'));
  await writeFile(join(hwmon, 'README'), 'not an entry\n');
  const orphan = join(root, 'devices', 'virtual', 'hwmon', 'hwmon11');
  await mkdir(orphan, { recursive: true });
  await writeFile(join(orphan, 'name'), 'nvme\n');
  await writeFile(join(orphan, 'temp1_input'), '36850\n');
  await symlink('../../nvme7/', join(orphan, 'device'));
  await symlink('../../devices/virtual/hwmon/hwmon11', join(hwmon, 'hwmon11'));
  await symlink('/proc/self/mem', join(nct, 'temp10_input'));
  await mkdir(join(nct, 'temp11_input'));
  await symlink('nowhere', join(nct, 'temp12_input'));

  const log = recordingLogger();
  const snapshot = await (await provider({ root })).sample(context(5000, log));
  validateSnapshot(snapshot);
  t.match(sensorById(snapshot, 'hwmon:nvme-nvme7/temp1'), { value: 36.85 }, 'a dangling device link names the chip by its target');
  t.match(sensorById(snapshot, 'hwmon:nct6779-isa-0290/temp10'), { value: null, unavailable: 'failed' }, 'EIO');
  t.match(sensorById(snapshot, 'hwmon:nct6779-isa-0290/temp11'), { value: null, unavailable: 'failed' }, 'EISDIR');
  t.match(sensorById(snapshot, 'hwmon:nct6779-isa-0290/temp12'), { value: null, unavailable: 'failed' }, 'a dangling attribute link');
  t.notOk(snapshot.sensors!.some((s) => s.source?.includes('hwmon13')), 'a folder with nothing in it is no chip');
  const problems = log.entries.map((e) => e.fields as { path: string; errno?: string });
  t.ok(problems.some((p) => p.path === join(hwmon, 'hwmon9') && p.errno === 'ENOENT'), 'the dangling entry is logged');
  t.ok(problems.some((p) => p.path === join(hwmon, 'hwmon12') && p.errno === 'ENOTDIR'), 'the file entry is logged');
  t.ok(problems.some((p) => p.path.endsWith('temp10_input') && p.errno === 'EIO'));
});

t.test('read failures the tests cannot cause for real (root reads everything)', async (t) => {
  const root = await materialize('messy', t.teardown);
  const reader = failingReader({
    'hwmon0/temp1_input': 'EACCES',
    'hwmon0/humidity1_input': 'EAGAIN',
    'hwmon4/in1_input': 'ENODATA',
    'hwmon4/in0_input': 'ENODATA',
    'hwmon3/temp2_label': 'EACCES',
  });
  const snapshot = await sample(root, {}, reader);
  t.match(sensorById(snapshot, 'hwmon:sht3x-i2c-0-44/temp1'), { value: null, unavailable: 'failed' });
  t.match(sensorById(snapshot, 'hwmon:sht3x-i2c-0-44/humidity1'), { value: null, unavailable: 'failed' });
  t.match(sensorById(snapshot, 'hwmon:nct6779-isa-0290/in1'), { value: null, unavailable: 'disabled' }, 'ENODATA with in1_enable 0');
  t.match(sensorById(snapshot, 'hwmon:nct6779-isa-0290/in0'), { value: null, unavailable: 'failed' }, 'ENODATA, enabled');
  t.equal(sensorById(snapshot, 'hwmon:xe-pci-0400/temp2').label, 'xe-pci-0400 temp2', 'an unreadable label falls back');
});

t.test('detect', async (t) => {
  const desktop = await materialize('desktop', t.teardown);
  t.equal(await (await provider({ root: desktop })).detect!(context()), true);
  const legacy = await materialize('legacy-server', t.teardown);
  t.equal(await (await provider({ root: legacy })).detect!(context()), true, 'old layout');

  const empty = await emptyDir(t);
  const classPath = join(empty, 'class', 'hwmon');
  t.same(await (await provider({ root: empty })).detect!(context()),
    { found: false, reason: `${classPath}: no hwmon class folder: not a sysfs root, or a kernel without hwmon` }, 'no class/hwmon');
  await mkdir(classPath, { recursive: true });
  t.same(await (await provider({ root: empty })).detect!(context()), { found: false, reason: `no chip in ${classPath}` }, 'no chips');
  await mkdir(join(empty, 'class', 'hwmon', 'hwmon0'));
  await writeFile(join(empty, 'class', 'hwmon', 'hwmon0', 'name'), 'acpitz\n');
  await writeFile(join(empty, 'class', 'hwmon', 'hwmon0', 'temp1_crit'), '105000\n');
  const noReading = { found: false, reason: `no readable sensor on 1 chip(s) in ${classPath}` };
  t.same(await (await provider({ root: empty })).detect!(context()), noReading, 'a chip without inputs');
  await writeFile(join(empty, 'class', 'hwmon', 'hwmon0', 'temp1_input'), 'N/A\n');
  t.same(await (await provider({ root: empty })).detect!(context()), noReading, 'an input that does not parse');
  const failing = failingReader({ temp1_input: 'EIO' });
  await writeFile(join(empty, 'class', 'hwmon', 'hwmon0', 'temp1_input'), '27800\n');
  t.same(await (await provider({ root: empty }, failing)).detect!(context()), noReading, 'an input that fails');
  t.equal(await (await provider({ root: empty })).detect!(context()), true, 'one readable input is enough');
  await writeFile(join(empty, 'class', 'hwmon', 'hwmon0', 'temp1_input'), 'N/A\n');
  await writeFile(join(empty, 'class', 'hwmon', 'hwmon0', 'intrusion0_alarm'), '0\n');
  t.equal(await (await provider({ root: empty })).detect!(context()), true, 'an intrusion alarm is a reading');
});

t.test('sample fails clearly without class/hwmon; an empty class/hwmon is an empty snapshot', async (t) => {
  const empty = await emptyDir(t);
  await t.rejects((await provider({ root: empty })).sample(context()), {
    name: 'HwmonError',
    code: 'NO_HWMON',
    path: join(empty, 'class', 'hwmon'),
    message: /no hwmon class folder/,
  });
  await mkdir(join(empty, 'class', 'hwmon'), { recursive: true });
  t.same(await sample(empty), { sensors: [], discreteSensors: [], fans: [] });
});

/** The desktop capture whose k10temp temp1_input hangs every read until the test ends. */
async function desktopWithStuckK10temp(t: Test): Promise<{ root: string; stuck: StuckFile }> {
  const root = await materialize('desktop', t.teardown);
  const k10 = join(root, 'devices', 'pci0000:00', '0000:00:18.3', 'hwmon', 'hwmon0');
  await rm(join(k10, 'temp1_input'));
  const stuck = await StuckFile.create(join(k10, 'temp1_input'));
  t.teardown(async () => {
    await stuck.release();
    await until(() => stuck.readers() === 0);
    await stuck.close();
  });
  return { root, stuck };
}

t.test('a stuck attribute costs its sensor, not the sample', async (t) => {
  const { root, stuck } = await desktopWithStuckK10temp(t);
  const hwmon = await provider({ root, deadlineMarginMs: 50 });

  const first = await hwmon.sample(context(1500));
  t.equal(stuck.readers(), 1, 'the sample answered while the read still hangs');
  t.match(sensorById(first, 'hwmon:k10temp-pci-00c3/temp1'), { value: null, unavailable: 'failed' });
  t.match(sensorById(first, 'hwmon:nvme-pci-0100/temp1'), { value: 35.85 }, 'the other chips are read');
  t.match(sensorById(first, 'hwmon:amdgpu-pci-0300/temp1'), { value: 56 });

  const log = recordingLogger();
  const second = await hwmon.sample(context(60_000, log));
  t.match(sensorById(second, 'hwmon:k10temp-pci-00c3/temp1'), { value: null, unavailable: 'failed' });
  t.match(sensorById(second, 'hwmon:k10temp-pci-00c3/temp3'), { value: 33.25 }, 'the stuck chip\'s other files are read');
  t.ok(log.entries.some((e) => (e.fields as { code: string }).code === 'BUSY'), 'logged as BUSY');
  t.equal(stuck.readers(), 1, 'one read of the stuck file, however many samples');
});

t.test('a stuck attribute costs its sensor even when a garbage collection runs while it hangs', async (t) => {
  const { root, stuck } = await desktopWithStuckK10temp(t);
  const hwmon = await provider({ root, deadlineMarginMs: 100 });
  // The call's signal never aborts: only the read budget (900 ms, from now: a loaded machine may take the
  // budget to make the provider) can end the sample.
  const ctx = { ...context(), deadline: Date.now() + 1000, signal: new AbortController().signal };
  const sampling = hwmon.sample(ctx);
  await until(() => stuck.readers() === 1);
  fullGC();
  const late = new Promise<'late'>((resolve) => setTimeout(resolve, 10_000, 'late').unref());
  const first = await Promise.race([sampling, late]);
  t.not(first, 'late', 'the sample answered within its read budget');
  if (first !== 'late') t.match(sensorById(first, 'hwmon:k10temp-pci-00c3/temp1'), { value: null, unavailable: 'failed' });
});

/** A full garbage collection, even when node was started without --expose-gc. */
function fullGC(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

t.test('an aborted call abandons the sample', async (t) => {
  const root = await materialize('desktop', t.teardown);
  const ctx = { ...context(), signal: AbortSignal.abort() };
  await t.rejects((await provider({ root })).sample(ctx), { code: 'ABORTED' });
  t.match(await (await provider({ root })).detect!(ctx), { found: false, reason: /abandoned at the deadline/ });
});

t.test('limits: maxChips and maxAttributesPerChip', async (t) => {
  const root = await materialize('desktop', t.teardown);
  const log = recordingLogger();
  const snapshot = await (await provider({ root, maxChips: 2, maxAttributesPerChip: 3 })).sample(context(5000, log));
  t.same([...new Set(snapshot.sensors!.map((s) => s.source))], ['k10temp-pci-00c3', 'nvme-pci-0100'], 'hwmon0 and hwmon1');
  t.same(snapshot.sensors!.map((s) => s.id), ['hwmon:k10temp-pci-00c3/temp1', 'hwmon:k10temp-pci-00c3/temp3', 'hwmon:nvme-pci-0100/temp1']);
  const warnings = log.entries.filter((e) => e.level === 'warn').map((e) => e.message);
  t.equal(warnings.length, 3);
  t.match(warnings[0], /5 chips, more than maxChips 2; the rest are skipped/);
  t.match(warnings.slice(1).join('\n'), /attributes, more than maxAttributesPerChip 3/);
});

t.test('every hwmon error is a typed HwmonError', async (t) => {
  const error = new HwmonError('IO', '/p', 'x', { errno: 'EIO' });
  t.match(error, { name: 'HwmonError', code: 'IO', path: '/p', errno: 'EIO', message: '/p: x' });
  t.equal(new HwmonError('BAD_OPTION', '', 'm').message, 'm');
  t.equal(ioError('/q', error), error, 'kept as it is');
  t.match(ioError('/q', 'odd'), { code: 'IO', errno: 'EUNKNOWN', message: '/q: EUNKNOWN: odd' });
  const system = Object.assign(new Error("ENOENT: no such file or directory, open '/q'"), { code: 'ENOENT' });
  t.equal(ioError('/q', system).message, "/q: ENOENT: no such file or directory, open '/q'", 'the errno once');
  t.equal(ioError('/q', Object.assign(new Error('injected'), { code: 'EIO' })).message, '/q: EIO: injected');
});
