/**
 * The sampling flow's model work for a simulated host of 100, 1 000 and
 * 10 000 numeric sensors: one snapshot, buildHost (what the broker
 * publishes: association families not made), createInstanceIndex, and
 * checkProfileRules on every instance (median and best of several runs, wall clock; and the
 * process CPU time of the median run, which includes the garbage collector's
 * helper threads and is the steadier figure on a busy machine), then the
 * index lookups the request path makes, the families' instances made by them.
 *
 *   node --import tsx bench/model.ts
 */
import { DEFAULT_SCENARIO, SimulatedHost } from '../providers/simulated/index.js';
import { buildHost, buildModel, checkProfileRules, createInstanceIndex, type HostModel, type ModelInput } from '../src/model/index.js';
import { measure } from './sensors.js';

const RUNS = 7;

/** Wall and CPU milliseconds of one run. */
function timed(fn: () => unknown): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** Median and best wall milliseconds of `RUNS` runs after one warm-up, with the median run's CPU time. */
function stats(fn: () => unknown): string {
  fn();
  const runs = Array.from({ length: RUNS }, () => timed(fn)).sort((a, b) => a.wall - b.wall);
  const median = runs[Math.floor(RUNS / 2)]!;
  return `${median.wall.toFixed(1)} ms (best ${runs[0]!.wall.toFixed(1)}, cpu ${median.cpu.toFixed(0)})`;
}

for (const sensors of [100, 1_000, 10_000]) {
  const host = new SimulatedHost(DEFAULT_SCENARIO, sensors);
  const snapshot = host.snapshotAt(250);
  const input: ModelInput = {
    hostname: 'bench-host', now: 0, staleAfterMs: 60_000, instances: [],
    hardware: [{ provider: 'simulated', snapshot, sampledAt: 0, intervalMs: 10_000 }],
  };
  let built: HostModel = buildHost(input);
  const all = buildModel(input);
  console.log(`${sensors} sensors → ${all.length} instances, ${built.entries.length} of them stored`);
  console.log(`  snapshot            ${stats(() => host.snapshotAt(250))}`);
  console.log(`  buildHost           ${stats(() => (built = buildHost(input)))}`);
  console.log(`  createInstanceIndex ${stats(() => createInstanceIndex(1, built.entries, built.families))}`);
  console.log(`  checkProfileRules   ${stats(() => checkProfileRules(all))}`);
}

const built = buildHost({
  hostname: 'bench-host', now: 0, staleAfterMs: 60_000, instances: [],
  hardware: [{ provider: 'simulated', snapshot: new SimulatedHost(DEFAULT_SCENARIO, 10_000).snapshotAt(0), sampledAt: 0 }],
});
const index = createInstanceIndex(1, built.entries, built.families);
const sensor = built.entries.find((e) => e.instance.classname === 'Thincim_NumericSensor')!.instance.path!;
const systemDevice = index.referencing('root/cimv2', sensor).find((i) => i.classname === 'Thincim_SystemDevice')!.path!;
const fresh = sensor.withLocation(undefined);
console.log('lookups on the 10 000-sensor index');
console.log(`  byClass     ${Math.round(measure(() => index.byClass('root/cimv2', 'Thincim_NumericSensor'))).toLocaleString('en')} ops/s`);
console.log(`  get         ${Math.round(measure(() => index.get('root/cimv2', sensor))).toLocaleString('en')} ops/s (memoized key)`);
console.log(`  get         ${Math.round(measure(() => index.get('root/cimv2', fresh.withLocation('root/cimv2')))).toLocaleString('en')} ops/s (parsed path, key computed)`);
console.log(`  referencing ${Math.round(measure(() => index.referencing('root/cimv2', sensor))).toLocaleString('en')} ops/s (a sensor: its two associations made)`);
console.log(`  get         ${Math.round(measure(() => index.get('root/cimv2', systemDevice))).toLocaleString('en')} ops/s (a SystemDevice, made)`);
console.log(`  byClass     ${Math.round(measure(() => index.byClass('root/cimv2', 'Thincim_SystemDevice'))).toLocaleString('en')} ops/s (every SystemDevice, made)`);
