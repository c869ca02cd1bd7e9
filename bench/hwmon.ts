/**
 * The hwmon provider over a synthetic sysfs tree the size of a big server:
 * 2 coretemp packages × 64 cores, 16 DIMM sensors, 8 NVMe drives, 4 GPUs and
 * a Super I/O chip. Prints the time of a whole sample (discovery + reads +
 * snapshot) at several concurrency limits, and of the snapshot build alone.
 *
 *   node --import tsx bench/hwmon.ts
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSnapshot, createHwmonProvider, createSysfsReader, discoverChips, readChip, resolveOptions } from '../providers/hwmon/index.js';
import type { ProviderContext } from '../src/providers/api.js';

type Files = Record<string, string | number>;

function writeChip(root: string, index: number, device: string, files: Files): void {
  const hwmon = join(root, 'devices', device, 'hwmon', `hwmon${index}`);
  mkdirSync(hwmon, { recursive: true });
  for (const [file, value] of Object.entries(files)) writeFileSync(join(hwmon, file), `${value}\n`);
  symlinkSync(`../../../${device.split('/').pop()}`, join(hwmon, 'device'));
  mkdirSync(join(root, 'class', 'hwmon'), { recursive: true });
  symlinkSync(`../../devices/${device}/hwmon/hwmon${index}`, join(root, 'class', 'hwmon', `hwmon${index}`));
}

function temps(count: number, label: (i: number) => string): Files {
  const files: Files = {};
  for (let i = 1; i <= count; i++) {
    Object.assign(files, { [`temp${i}_input`]: 40000 + i, [`temp${i}_label`]: label(i), [`temp${i}_max`]: 82000, [`temp${i}_crit`]: 92000, [`temp${i}_crit_alarm`]: 0 });
  }
  return files;
}

function syntheticTree(): { root: string; files: number } {
  const root = mkdtempSync(join(tmpdir(), 'hwmon-bench-'));
  const chips: [string, Files][] = [];
  for (const p of [0, 1]) chips.push([`platform/coretemp.${p}`, { name: 'coretemp', ...temps(65, (i) => (i === 1 ? `Package id ${p}` : `Core ${i - 2}`)) }]);
  for (let d = 0; d < 16; d++) chips.push([`pci0000:00/0000:00:1f.4/i2c-0/0-00${(0x18 + d).toString(16)}`, { name: 'jc42', temp1_input: 31000, temp1_max: 85000, temp1_crit: 95000, temp1_min: 0 }]);
  for (let n = 0; n < 8; n++) {
    chips.push([`pci0000:00/0000:0${n}:00.0`, { name: 'nvme', ...temps(3, (i) => (i === 1 ? 'Composite' : `Sensor ${i - 1}`)), temp2_max: 65261850, temp2_min: -273150 }]);
  }
  for (let g = 0; g < 4; g++) {
    chips.push([`pci0000:80/0000:8${g}:00.0`, {
      name: 'amdgpu', ...temps(3, (i) => ['edge', 'junction', 'mem'][i - 1]!), fan1_input: 0, fan1_target: 0, fan1_min: 0, fan1_max: 3300,
      pwm1: 0, pwm1_enable: 2, power1_average: 36000000, in0_input: 775, in0_label: 'vddgfx', freq1_input: 500000000, freq1_label: 'sclk',
    }]);
  }
  const sio: Files = { name: 'nct6779', intrusion0_alarm: 0 };
  for (let i = 0; i < 15; i++) Object.assign(sio, { [`in${i}_input`]: 1000 + i, [`in${i}_min`]: 900, [`in${i}_max`]: 1300, [`in${i}_alarm`]: 0 });
  for (let i = 1; i <= 7; i++) Object.assign(sio, { [`fan${i}_input`]: 1200, [`fan${i}_min`]: 300, [`fan${i}_alarm`]: 0, [`pwm${i}`]: 128, [`pwm${i}_enable`]: 5 });
  chips.push(['platform/nct6775.656', sio]);
  let files = 0;
  chips.forEach(([device, attributes], i) => {
    writeChip(root, i, device, attributes);
    files += Object.keys(attributes).length;
  });
  return { root, files };
}

function context(): ProviderContext {
  const ignore = (): void => {};
  return {
    log: { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore },
    repository: undefined as never,
    signal: AbortSignal.timeout(60_000),
    deadline: Date.now() + 60_000,
  };
}

async function median(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const { root, files } = syntheticTree();
try {
  const probe = await createHwmonProvider(resolveOptions({ root })).sample(context());
  console.log(`tree: ${files} attribute files; snapshot: ${probe.sensors!.length} sensors, ${probe.fans!.length} fans, ${probe.discreteSensors!.length} discrete`);
  for (const maxConcurrentReads of [1, 2, 4]) {
    const options = resolveOptions({ root, maxConcurrentReads });
    const provider = createHwmonProvider(options);
    await provider.sample(context());
    const ms = await median(15, () => provider.sample(context()));
    console.log(`sample, maxConcurrentReads ${maxConcurrentReads}: ${ms.toFixed(1)} ms median of 15`);
  }
  const options = resolveOptions({ root });
  const reader = createSysfsReader(options);
  const signal = new AbortController().signal;
  const { chips } = await discoverChips(root, reader, signal, options);
  const raw = await Promise.all(chips.map((chip) => readChip(chip, reader, signal)));
  const buildMs = await median(51, () => buildSnapshot(raw, options));
  console.log(`buildSnapshot alone: ${(buildMs * 1000).toFixed(0)} µs median of 51`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
