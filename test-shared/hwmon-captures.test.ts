/**
 * The hwmon provider over every real capture in ../shared/fixtures/hwmon.
 *
 * - sysfs captures (telegraf, mdlayher, LACT) are copied to a tmp root as
 *   they were on the machine: symlinks the capture stored as files holding
 *   their target are made links again, and GPU hwmon folders get their
 *   class/hwmon entry. Expectations come from walking the files here, with
 *   the units of the hwmon ABI, not from the provider's code; telegraf's
 *   own expected outputs cross-check values and limits.
 * - `sensors -j` and `sensors -A -u` captures are turned back into sysfs
 *   trees (values unscaled, chips on devices that give lm-sensors' chip
 *   names), so the provider must name every chip as lm-sensors did and keep
 *   exactly the limits that are not "unset" markers.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import type { HardwareSnapshot, NumericSensor } from '../src/model/snapshot.js';
import type { HardwareProvider, ProviderContext } from '../src/providers/api.js';
import { validateSnapshot } from '../src/providers/validate.js';
import hwmonFactory from '../providers/hwmon/index.js';

const CAPTURES = fileURLToPath(new URL('../../shared/fixtures/hwmon/', import.meta.url));
if (!existsSync(CAPTURES)) throw new Error(`the shared hwmon captures are missing at ${CAPTURES}: test:shared needs ../shared beside the repository`);

const WORK = mkdtempSync(join(tmpdir(), 'hwmon-captures-'));
t.teardown(() => rmSync(WORK, { recursive: true, force: true }));

// ---- the hwmon ABI, as the test reads it ------------------------------------

/** Unit and the divisor from the sysfs unit to it, per channel type (Documentation/hwmon/sysfs-interface.rst). */
const ABI: Record<string, { unit: string; divisor: number }> = {
  temp: { unit: 'celsius', divisor: 1000 },
  in: { unit: 'volts', divisor: 1000 },
  curr: { unit: 'amps', divisor: 1000 },
  power: { unit: 'watts', divisor: 1e6 },
  energy: { unit: 'joules', divisor: 1e6 },
  fan: { unit: 'rpm', divisor: 1 },
  freq: { unit: 'hertz', divisor: 1 },
  humidity: { unit: 'percent', divisor: 1000 },
};
const LIMIT_NAMES: Record<string, string> = {
  min: 'lowerNonCritical', max: 'upperNonCritical', lcrit: 'lowerCritical', crit: 'upperCritical', emergency: 'upperFatal',
};

/**
 * Limits the captures' notes call "unset" (in plain units): 0 K and 0xFFFF K
 * (NVMe), 127 °C Super I/O registers, an upper temperature limit of 0, and 0
 * for any other quantity (fan min 0, USB-C in min = max = 0).
 */
function unsetMarker(type: string, limit: string, value: number): boolean {
  if (type !== 'temp') return value === 0;
  return value <= -273.15 || value >= 65261.85 || value === 127 || (value === 0 && !['min', 'lcrit'].includes(limit));
}

/**
 * Attributes a driver names like limits that are none: amdgpu's fan1_min and
 * fan1_max are the speeds fan1_target may be set to (amdgpu_pm.c), which a
 * fan at full speed exceeds; xe's temp<N>_max (the B580's package 60 °C, its
 * own fan curve running to 80 °C beside crit 100 and emergency 125). Written
 * here from the drivers, not taken from providers/hwmon: this suite states
 * the ABI independently of the code it checks.
 */
const NOT_LIMITS: Record<string, Record<string, string[]>> = { amdgpu: { fan: ['min', 'max'] }, xe: { temp: ['max'] } };
const notALimit = (chipName: string, type: string, limit: string): boolean => NOT_LIMITS[chipName]?.[type]?.includes(limit) ?? false;

/**
 * The alarms that speak: an alarm compares the reading with a limit, so one
 * whose limit was read and is unset says nothing; `alarm` and `cap_alarm`
 * go with the channel's limits (silent when it has limits and all are unset).
 */
function speakingAlarms(channel: string, alarms: string[], read: string[], set: string[]): string[] {
  return alarms.filter((alarm) => {
    const limit = alarm.slice(channel.length + 1, -'_alarm'.length);
    if (Object.hasOwn(LIMIT_NAMES, limit)) return !read.includes(limit) || set.includes(limit);
    return read.length === 0 || set.length > 0;
  });
}

interface Expected {
  id: string;
  unit: string;
  value: number | null;
  thresholds?: Record<string, number>;
  /** 'ok' when the channel has alarm files (all 0 in the captures), else none. */
  health?: string;
  /** What the label must start with: the chip's label when it has one. */
  label?: string;
}

function ctx(): ProviderContext {
  const ignore = (): void => {};
  const log = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };
  return { log, repository: undefined as never, signal: AbortSignal.timeout(10_000), deadline: Date.now() + 10_000 };
}

async function sampleRoot(root: string): Promise<HardwareSnapshot> {
  const provider = (await hwmonFactory({ root })) as HardwareProvider;
  const snapshot = await provider.sample(ctx());
  validateSnapshot(snapshot);
  return snapshot;
}

/** Every sensor is one expected and none is missing; each has the expected unit, value, limits, health and label. */
function checkSensors(t: Test, snapshot: HardwareSnapshot, expected: Expected[]): void {
  const byId = new Map<string, NumericSensor>((snapshot.sensors ?? []).map((s) => [s.id, s]));
  t.same([...byId.keys()].sort(), expected.map((e) => e.id).sort(), 'every sensor accounted for');
  for (const want of expected) {
    const got = byId.get(want.id);
    if (got === undefined) continue;
    t.equal(got.unit, want.unit, `${want.id} unit`);
    t.equal(got.value, want.value, `${want.id} value`);
    t.equal(got.unavailable, want.value === null ? 'failed' : undefined, `${want.id} state`);
    if (want.thresholds) t.same(got.thresholds ?? {}, want.thresholds, `${want.id} thresholds`);
    t.equal(got.health, want.health, `${want.id} health`);
    if (want.label) t.ok(got.label.startsWith(want.label), `${want.id} label ${JSON.stringify(got.label)} is the chip's ${JSON.stringify(want.label)}`);
  }
}

// ---- sysfs captures -----------------------------------------------------------------------

/**
 * Copies a capture (writable, whatever the shared folder's modes), turning
 * back into symlinks the files that stored a link's target (`../../devices/…`
 * without a newline: no sysfs attribute looks so).
 */
function copyCapture(from: string, to: string): void {
  cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  const walk = (dir: string): void => {
    chmodSync(dir, 0o755);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && statSync(path).size < 256) {
        chmodSync(path, 0o644);
        const text = readFileSync(path, 'utf8');
        if (/^(\.\.\/)+[^\n\0]*$/.test(text)) {
          rmSync(path);
          symlinkSync(text, path);
        }
      }
    }
  };
  walk(to);
}

/** Chip ids per capture, in hwmonN order, by lm-sensors' rules (see each SOURCE.txt for the devices). */
const SYSFS_CHIPS: Record<string, string[]> = {
  'mdlayher-lmsensors/acpitz-device': ['acpitz-virtual-0'],
  'mdlayher-lmsensors/coretemp-device': ['coretemp-isa-0000'],
  'mdlayher-lmsensors/it8728-device': ['it8728-isa-0a30'],
  'mdlayher-lmsensors/multiple-coretemp-devices': ['coretemp-isa-0000', 'coretemp-isa-0001'],
  'mdlayher-lmsensors/power_meter-device': ['power_meter-acpi-0'],
  'mdlayher-lmsensors/sfc-device': ['sfc-pci-0300'],
  // No device links: virtual chips.
  'telegraf-temp-general': ['nvme-virtual-0', 'k10temp-virtual-0'],
  // Dangling device links: NVMe by its class device, k10temp by its PCI address.
  'telegraf-temp-with_device_tag': ['nvme-nvme0', 'nvme-nvme1', 'k10temp-pci-00c3'],
};

interface SysfsCapture {
  name: string;
  root: string;
}

/** Every sysfs capture, materialized: `<x>/sys` trees as they are, GPU hwmon folders under a fresh class/hwmon. */
function sysfsCaptures(): SysfsCapture[] {
  const captures: SysfsCapture[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      const name = relative(CAPTURES, dir);
      if (entry.name === 'sys') {
        const root = join(WORK, name, 'sys');
        copyCapture(path, root);
        captures.push({ name, root });
      } else if (/^hwmon[0-9]+$/.test(entry.name) && basename(dir) === 'hwmon') {
        const root = join(WORK, name);
        copyCapture(path, join(root, 'devices', entry.name));
        mkdirSync(join(root, 'class', 'hwmon'), { recursive: true });
        symlinkSync(`../../devices/${entry.name}`, join(root, 'class', 'hwmon', entry.name));
        captures.push({ name: relative(CAPTURES, dirname(dirname(dirname(dir)))), root });
      } else walk(path);
    }
  };
  walk(CAPTURES);
  return captures;
}

const readNumber = (path: string): number => Number(readFileSync(path, 'utf8').replace(/\0+$/, '').trim());

/** The chips' folders with attributes, in hwmonN order: the hwmon folder, or its device folder on old kernels. */
function attributeFolders(root: string): { dir: string; name: string }[] {
  const classDir = join(root, 'class', 'hwmon');
  const entries = readdirSync(classDir).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  return entries.map((entry) => {
    const own = realpathSync(join(classDir, entry));
    const dir = readdirSync(own).includes('name') ? own : realpathSync(join(own, 'device'));
    return { dir, name: readFileSync(join(dir, 'name'), 'utf8').replace(/\0+$/, '').trim() };
  });
}

/** What the files of one chip folder say each sensor must be. */
function expectedFromFolder(chipId: string, chipName: string, dir: string): Expected[] {
  const files = new Set(readdirSync(dir));
  const expected: Expected[] = [];
  for (const file of [...files].sort()) {
    let match = /^([a-z]+)([0-9]+)_(input|average)$/.exec(file);
    if (match) {
      const [, type, index, item] = match as unknown as [string, string, string, string];
      const abi = ABI[type];
      if (abi === undefined || (item === 'average' && (type !== 'power' || files.has(`power${index}_input`)))) continue;
      const channel = `${type}${index}`;
      const thresholds: Record<string, number> = {};
      const [read, set]: [string[], string[]] = [[], []];
      for (const [limit, name] of Object.entries(LIMIT_NAMES)) {
        if (!files.has(`${channel}_${limit}`) || notALimit(chipName, type, limit)) continue;
        read.push(limit);
        const value = readNumber(join(dir, `${channel}_${limit}`)) / abi.divisor;
        if (!unsetMarker(type, limit, value)) {
          thresholds[name] = value;
          set.push(limit);
        }
      }
      const alarms = speakingAlarms(channel, [...files].filter((f) => f.startsWith(`${channel}_`) && f.endsWith('alarm')), read, set);
      const want: Expected = { id: `hwmon:${chipId}/${channel}`, unit: abi.unit, value: readNumber(join(dir, file)) / abi.divisor, thresholds };
      if (alarms.length > 0) want.health = alarms.every((f) => readNumber(join(dir, f)) === 0) ? 'ok' : 'warning';
      if (files.has(`${channel}_label`)) want.label = readFileSync(join(dir, `${channel}_label`), 'utf8').replace(/\0+$/, '').trim();
      expected.push(want);
    } else if ((match = /^pwm([0-9]+)$/.exec(file))) {
      expected.push({ id: `hwmon:${chipId}/${file}`, unit: 'percent', value: Math.round((readNumber(join(dir, file)) * 1000) / 255) / 10 });
    }
  }
  return expected;
}

const captures = sysfsCaptures();

t.test('every sysfs capture is found', async (t) => {
  t.equal(captures.filter((c) => c.name.startsWith('lact-gpu-hwmon/')).length, 23, 'the 23 LACT cards');
  t.equal(captures.filter((c) => c.name.startsWith('mdlayher-lmsensors/')).length, 6);
  t.equal(captures.filter((c) => c.name.startsWith('telegraf-temp-')).length, 2);
});

for (const capture of captures) {
  t.test(`sysfs capture ${capture.name}`, async (t) => {
    const folders = attributeFolders(capture.root);
    const ids = SYSFS_CHIPS[capture.name] ?? (capture.name.startsWith('lact-gpu-hwmon/') ? folders.map((f) => `${f.name}-virtual-0`) : undefined);
    if (ids === undefined) throw new Error(`no expected chip ids for the capture ${capture.name}: add it to SYSFS_CHIPS`);
    t.equal(folders.length, ids.length, 'one chip per hwmon folder');
    const snapshot = await sampleRoot(capture.root);
    checkSensors(t, snapshot, folders.flatMap((folder, i) => expectedFromFolder(ids[i]!, folder.name, folder.dir)));
    t.same(snapshot.discreteSensors?.map((d) => [d.id, d.state]), intrusionsOf(folders, ids));
    for (const fan of snapshot.fans ?? []) {
      const speed = snapshot.sensors!.find((s) => s.id === fan.speedSensor)!;
      const gpu = folders.some((f) => ['amdgpu', 'radeon', 'i915', 'xe'].includes(f.name));
      if (speed.value === 0 && gpu) t.match(fan, { status: 'ok', idleAllowed: true }, `${fan.id}: a graphics card's resting fan`);
      else if ((speed.value ?? 0) > 0) t.equal(fan.status, 'ok', `${fan.id} spins`);
    }
  });
}

function intrusionsOf(folders: { dir: string }[], ids: string[]): [string, string][] {
  return folders.flatMap((folder, i) =>
    readdirSync(folder.dir)
      .filter((f) => /^intrusion[0-9]+_alarm$/.test(f))
      .map((f): [string, string] => [`hwmon:${ids[i]}/${f.split('_')[0]}`, readNumber(join(folder.dir, f)) === 1 ? 'Intrusion' : 'Normal']),
  );
}

/** telegraf's device tag (or, without one, its chip name) → the chip id. */
const TELEGRAF_CHIPS: Record<string, string> = {
  nvme: 'nvme-virtual-0',
  k10temp: 'k10temp-virtual-0',
  nvme0: 'nvme-nvme0',
  nvme1: 'nvme-nvme1',
  '0000:00:18.3': 'k10temp-pci-00c3',
};

t.test("telegraf's expected outputs agree on values and limits", async (t) => {
  for (const name of ['telegraf-temp-general', 'telegraf-temp-with_device_tag']) {
    const capture = captures.find((c) => c.name === name)!;
    const snapshot = await sampleRoot(capture.root);
    const chipOf = (device: string | undefined, chipName: string): string => TELEGRAF_CHIPS[device ?? chipName]!;
    const normalize = (label: string, sep: string) => label.toLowerCase().replace(/ /g, sep);
    for (const line of readFileSync(join(CAPTURES, name, 'telegraf-expected_v2.out'), 'utf8').trim().split('\n')) {
      const [, device, chipName, label, value] = /^temp,(?:device=([^,]+),)?sensor=([a-z0-9]+)_(\S+) temp=(\S+)$/.exec(line)!;
      const chip = chipOf(device, chipName!);
      const sensor = snapshot.sensors!.find((s) => s.source === chip && normalize(s.label.replace(/ \(.*\)$/, ''), '_') === label);
      t.equal(sensor?.value, Number(value), `v2 ${line}`);
    }
    for (const line of readFileSync(join(CAPTURES, name, 'telegraf-expected_v1.out'), 'utf8').trim().split('\n')) {
      const [, device, chipName, label, item, value] = /^temp,(?:device=([^,]+),)?sensor=([a-z0-9]+)_([a-z0-9]+)_([a-z]+) temp=(\S+)$/.exec(line)!;
      const chip = chipOf(device, chipName!);
      const sensor = snapshot.sensors!.find((s) => s.source === chip && normalize(s.label.replace(/ \(.*\)$/, ''), '') === label)!;
      t.ok(sensor, `v1 ${line}: a sensor`);
      const v = Number(value);
      if (item === 'input') t.equal(sensor.value, v, `v1 ${line}`);
      else if (item === 'alarm') t.equal(sensor.health, v === 0 ? 'ok' : 'warning', `v1 ${line}`);
      else {
        const threshold = sensor.thresholds?.[LIMIT_NAMES[item!] as keyof NonNullable<NumericSensor['thresholds']>];
        t.equal(threshold, unsetMarker('temp', item!, v) ? undefined : v, `v1 ${line}${unsetMarker('temp', item!, v) ? ' (unset, dropped)' : ''}`);
      }
    }
  }
});

// ---- sensors -j and sensors -A -u captures, back to sysfs ------------------------------------

interface TextChip {
  /** lm-sensors' chip name, e.g. `coretemp-isa-0000`. */
  name: string;
  features: { label: string; subfeatures: Map<string, number | null> }[];
}

/** `sensors -j` output; ERROR lines (stderr merged) mark subfeatures that failed to read (null). */
function parseSensorsJson(text: string): TextChip[] {
  const json = text.replace(/^ERROR: Can't get value of subfeature (\w+):.*$/gm, '"$1": null').replace(/,\s*$/, '');
  const object = JSON.parse(json.trim().startsWith('{') ? json : `{${json}}`) as Record<string, Record<string, unknown>>;
  return Object.entries(object).map(([name, chip]) => ({
    name,
    features: Object.entries(chip)
      .filter((entry): entry is [string, Record<string, number | null>] => typeof entry[1] === 'object')
      .map(([label, subfeatures]) => ({ label, subfeatures: new Map(Object.entries(subfeatures)) })),
  }));
}

/** `sensors -A -u` output: a chip line, then `label:` lines each followed by indented `subfeature: value` lines. */
function parseSensorsText(text: string): TextChip[] {
  const chips: TextChip[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const subfeature = /^ {2}(\w+): (\S+)$/.exec(line);
    if (subfeature) chips.at(-1)!.features.at(-1)!.subfeatures.set(subfeature[1]!, Number(subfeature[2]));
    else if (line.endsWith(':')) chips.at(-1)!.features.push({ label: line.slice(0, -1), subfeatures: new Map() });
    else chips.push({ name: line, features: [] });
  }
  return chips;
}

/** The device a chip name's bus part points at, as sysfs names it, with its subsystem; undefined: virtual. */
function deviceFor(bus: string, address: string): { name: string; subsystem: string } | undefined {
  const value = parseInt(address, 16);
  switch (bus) {
    case 'isa':
      return { name: `isa.${value}`, subsystem: 'platform' };
    case 'pci': {
      const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
      return { name: `${hex(value >> 16, 4)}:${hex((value >> 8) & 0xff, 2)}:${hex((value >> 3) & 0x1f, 2)}.${value & 7}`, subsystem: 'pci' };
    }
    case 'acpi':
      return { name: `PNP0C0A:${address.padStart(2, '0')}`, subsystem: 'acpi' };
    case 'virtual':
      return undefined;
    default:
      throw new Error(`no device for bus ${bus}`);
  }
}

/** Plain unit → sysfs unit for one subfeature, by its channel type and item. */
function unscale(subfeature: string, value: number): number {
  const [, type, item] = /^([a-z]+)[0-9]+_(\w+)$/.exec(subfeature) ?? [];
  if (item === undefined || /alarm|beep|fault|type|enable|is_battery/.test(item)) return Math.round(value);
  if (item.endsWith('interval')) return Math.round(value * 1000);
  return Math.round(value * (ABI[type!]?.divisor ?? 1));
}

/** Writes the chips as a current-kernel sysfs tree under `root`; a subfeature that failed reads as EIO. */
function writeTree(root: string, chips: TextChip[]): void {
  chips.forEach((chip, n) => {
    const [, prefix, bus, address] = /^(.+)-(isa|pci|acpi|virtual)-([0-9a-f]+)$/.exec(chip.name)!;
    const device = deviceFor(bus!, address!);
    const devicePath = join('devices', device === undefined ? 'virtual' : `bus${n}`, device?.name ?? '');
    const hwmon = join(root, devicePath, 'hwmon', `hwmon${n}`);
    mkdirSync(hwmon, { recursive: true });
    writeFileSync(join(hwmon, 'name'), `${prefix}\n`);
    mkdirSync(join(root, 'class', 'hwmon'), { recursive: true });
    symlinkSync(join('..', '..', devicePath, 'hwmon', `hwmon${n}`), join(root, 'class', 'hwmon', `hwmon${n}`));
    if (device !== undefined) {
      symlinkSync(join('..', '..', '..', device.name), join(hwmon, 'device'));
      symlinkSync(join('..', '..', '..', 'bus', device.subsystem), join(root, devicePath, 'subsystem'));
    }
    for (const feature of chip.features) {
      for (const [subfeature, value] of feature.subfeatures) {
        if (value === null) symlinkSync('/proc/self/mem', join(hwmon, subfeature));
        else writeFileSync(join(hwmon, subfeature), `${unscale(subfeature, value)}\n`);
      }
      const channel = /^([a-z]+[0-9]+)_/.exec([...feature.subfeatures.keys()][0] ?? '')?.[1];
      if (channel !== undefined && feature.label !== channel) writeFileSync(join(hwmon, `${channel}_label`), `${feature.label}\n`);
    }
  });
}

/** What the capture's lines say each sensor must be. */
function expectedFromText(chips: TextChip[]): Expected[] {
  const expected: Expected[] = [];
  for (const chip of chips) {
    for (const { label, subfeatures } of chip.features) {
      const reading = [...subfeatures.keys()].find((s) => /^[a-z]+[0-9]+_input$/.test(s)) ?? [...subfeatures.keys()].find((s) => /^power[0-9]+_average$/.test(s));
      if (reading === undefined) continue;
      const [, channel, type] = /^(([a-z]+)[0-9]+)_/.exec(reading)! as unknown as [string, string, string];
      const abi = ABI[type];
      if (abi === undefined) continue;
      const thresholds: Record<string, number> = {};
      const [read, set]: [string[], string[]] = [[], []];
      for (const [limit, name] of Object.entries(LIMIT_NAMES)) {
        const value = subfeatures.get(`${channel}_${limit}`);
        if (value === undefined || value === null || notALimit(chip.name.split('-')[0]!, type, limit)) continue;
        read.push(limit);
        if (!unsetMarker(type, limit, value)) {
          thresholds[name] = value;
          set.push(limit);
        }
      }
      const alarms = speakingAlarms(channel, [...subfeatures.keys()].filter((s) => s.endsWith('alarm')), read, set);
      const want: Expected = { id: `hwmon:${chip.name}/${channel}`, unit: abi.unit, value: subfeatures.get(reading) ?? null, thresholds };
      if (alarms.length > 0) want.health = alarms.every((s) => subfeatures.get(s) === 0) ? 'ok' : 'warning';
      if (label.trim() !== channel) want.label = label.trim();
      expected.push(want);
    }
  }
  return expected;
}

const TEXT_CAPTURES: [string, (text: string) => TextChip[]][] = [
  ['santa_iw-sensors-j/sensors-j.json', parseSensorsJson],
  ['serverbox-sensors-j-with-error/sensors-j.txt', parseSensorsJson],
  ['gentoo-wiki-ga-ma770-ud3-it8720/sensors-jc-devnull.fragment.txt', parseSensorsJson],
  ['gentoo-wiki-x570-ud-k10temp/sensors-jc-devnull.fragment.txt', parseSensorsJson],
  ['netdata-sensors-A-u/sensors-A-u.txt', parseSensorsText],
  ['telegraf-sensors-A-u/sensors-A-u.txt', parseSensorsText],
];

const textSnapshots = new Map<string, HardwareSnapshot>();

for (const [file, parse] of TEXT_CAPTURES) {
  t.test(`lm-sensors capture ${file}`, async (t) => {
    const chips = parse(readFileSync(join(CAPTURES, file), 'utf8'));
    t.ok(chips.length > 0, 'chips parsed');
    const root = join(WORK, 'text', dirname(file));
    writeTree(root, chips);
    const snapshot = await sampleRoot(root);
    textSnapshots.set(dirname(file), snapshot);
    const measuring = chips.filter((c) => c.features.some((f) => [...f.subfeatures.keys()].some((s) => /_(input|average)$/.test(s))));
    t.same([...new Set(snapshot.sensors!.map((s) => s.source))], measuring.map((c) => c.name), "lm-sensors' chip names");
    checkSensors(t, snapshot, expectedFromText(chips));
  });
}

t.test('what the captures single out', async (t) => {
  const sensor = (capture: string, id: string) => textSnapshots.get(capture)!.sensors!.find((s) => s.id === id)!;
  const fan = (capture: string, id: string) => textSnapshots.get(capture)!.fans!.find((f) => f.id === id)!;
  t.match(sensor('serverbox-sensors-j-with-error', 'hwmon:iwlwifi_1-virtual-0/temp1'), { value: null, unavailable: 'failed' }, 'the radio that is off');
  t.match(fan('santa_iw-sensors-j', 'hwmon:amdgpu-pci-0300/fan1'), { status: 'ok', idleAllowed: true }, 'a resting graphics card fan');
  t.match(fan('netdata-sensors-A-u', 'hwmon:amdgpu-pci-0300/fan1'), { status: 'ok', idleAllowed: true });
  t.match(fan('netdata-sensors-A-u', 'hwmon:asus-isa-0000/fan1'), { status: 'ok', label: 'cpu_fan' });
  t.same(
    textSnapshots.get('netdata-sensors-A-u')!.discreteSensors!.map((d) => [d.id, d.state]),
    [['hwmon:nct6779-isa-0290/intrusion0', 'Intrusion'], ['hwmon:nct6779-isa-0290/intrusion1', 'Intrusion']],
  );
  const it8720 = 'gentoo-wiki-ga-ma770-ud3-it8720';
  t.equal(sensor(it8720, 'hwmon:it8720-isa-0228/temp3').thresholds, undefined, 'temp3 min = max = 127 °C: unset');
  t.same(sensor(it8720, 'hwmon:it8720-isa-0228/in6').thresholds, { upperNonCritical: 4.08 }, 'in6 min 0: unset');
  t.same(textSnapshots.get(it8720)!.fans!.map((f) => [f.id, f.status]), [
    ['hwmon:it8720-isa-0228/fan1', 'ok'],
    ['hwmon:it8720-isa-0228/fan2', 'ok'],
    ['hwmon:it8720-isa-0228/fan3', 'unknown'],
    ['hwmon:it8720-isa-0228/fan5', 'unknown'],
  ], '0 RPM on a Super I/O without a minimum: unconnected or dead, unknown');
  t.notOk(textSnapshots.get(it8720)!.sensors!.some((s) => s.id.includes('cpu0_vid')), 'the CPU VID is no measurement');
  t.match(textSnapshots.get(it8720)!.discreteSensors, [{ id: 'hwmon:it8720-isa-0228/intrusion0', state: 'Normal' }]);
  t.same(sensor('gentoo-wiki-x570-ud-k10temp', 'hwmon:acpitz-acpi-0/temp1').thresholds, { upperCritical: 20.8 }, 'a bogus but real BIOS crit stays');
  t.same(sensor('netdata-sensors-A-u', 'hwmon:nvme-pci-0600/temp1').thresholds, { lowerNonCritical: -40.15, upperNonCritical: 83.85, upperCritical: 87.85 });
  t.equal(sensor('netdata-sensors-A-u', 'hwmon:ucsi_source_psy_USBC000:001-isa-0000/in0').thresholds, undefined, 'min = max = 0');
  const telegraf = textSnapshots.get('telegraf-sensors-A-u')!;
  t.same(
    telegraf.sensors!.filter((s) => s.source?.startsWith('coretemp')).map((s) => s.label),
    ['Physical id 0', 'Core 0 (coretemp-isa-0000)', 'Core 1 (coretemp-isa-0000)', 'Physical id 1', 'Core 0 (coretemp-isa-0001)', 'Core 1 (coretemp-isa-0001)'],
    'labels shared by the two sockets name their chip',
  );
  t.equal(sensor('telegraf-sensors-A-u', 'hwmon:atk0110-acpi-0/in1').label, '+3.3 Voltage', 'a label with a leading space');
  t.match(sensor('telegraf-sensors-A-u', 'hwmon:power_meter-acpi-0/power1'), { value: 0, unit: 'watts' });
});
