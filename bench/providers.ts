/**
 * Costs of the provider runtime: validating a snapshot, one sample through
 * the manager (deadline wrapper, validation, record, publish), building the
 * model input, and one child process through runCommand.
 */
import type { HardwareSnapshot, NumericSensor } from '../src/model/snapshot.js';
import { runCommand } from '../src/providers/child.js';
import { ProviderManager } from '../src/providers/manager.js';
import { validateSnapshot } from '../src/providers/validate.js';
import { loaded, stubRepository } from '../test/providers/helpers.js';

async function time(label: string, runs: number, fn: () => unknown): Promise<void> {
  await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await fn();
  const perRun = Number(process.hrtime.bigint() - start) / runs;
  const text = perRun >= 1e6 ? `${(perRun / 1e6).toFixed(2)} ms` : `${(perRun / 1e3).toFixed(2)} µs`;
  console.log(`${label.padEnd(52)}${text.padStart(12)}  (${Math.round(1e9 / perRun).toLocaleString('en')}/s)`);
}

/** A server-sized snapshot: `n` numeric sensors with thresholds, a fan per 10 sensors. */
function snapshot(n: number): HardwareSnapshot {
  const sensors: NumericSensor[] = Array.from({ length: n }, (_, i) => ({
    id: `bench:s${i}`, label: `Sensor ${i}`, kind: 'temperature', unit: 'celsius', value: 20 + (i % 50), decimals: 1,
    thresholds: { upperNonCritical: 70, upperCritical: 80, lowerCritical: 5 }, settable: ['upperCritical'], health: 'ok',
    monitors: { kind: 'chassis', id: 'c' }, source: 'bench',
  }));
  const fans = Array.from({ length: Math.ceil(n / 10) }, (_, i) => ({ id: `bench:f${i}`, label: `Fan ${i}`, speedSensor: `bench:s${i}`, status: 'ok' as const }));
  return { system: { hostname: 'bench' }, chassis: [{ id: 'c' }], sensors, fans };
}

for (const n of [100, 1000, 10_000]) {
  const s = snapshot(n);
  await time(`validateSnapshot, ${n.toLocaleString('en')} sensors`, n >= 10_000 ? 50 : 500, () => validateSnapshot(s));
}

for (const n of [100, 1000]) {
  const s = snapshot(n);
  const manager = new ProviderManager({
    providers: [loaded({ kind: 'hardware', name: 'bench', version: '1', sample: async () => s })],
    repository: stubRepository(),
    hostname: 'bench',
  });
  manager.onUpdate(() => {});
  await time(`manager.refresh (sample + validate + publish), ${n}`, 500, () => manager.refresh());
  await time(`manager.input(), ${n} sensors`, 100_000, () => manager.input());
  await manager.close();
}

await time('runCommand("true") spawn to exit', 200, () => runCommand('true', [], { timeoutMs: 5000 }));
await time('runCommand("sh -c cat /proc/cpuinfo") with output', 100, () => runCommand('sh', ['-c', 'cat /proc/cpuinfo'], { timeoutMs: 5000 }));
