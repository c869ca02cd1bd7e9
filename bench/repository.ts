/**
 * Repository start-up, cold (compile, then write the cache) and warm (read
 * the cache), each measured in fresh processes as a server start would pay
 * it (module loading excluded), for the project's schema and, for scale, the
 * full DMTF schema in its place. Then the cost of the lookups the request
 * path makes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CIMInstance, CIMInstanceName, NocaseMap, cimProperty } from '../src/cim/index.js';
import { loadRepository, type LoadRepositoryOptions } from '../src/repository/index.js';

const SELF = fileURLToPath(import.meta.url);
const DMTF = fileURLToPath(new URL('../../shared/reference/cim-schema/', import.meta.url));
const RUNS = 5;

interface Timing {
  wall: number;
  cpu: number;
}

/** In a child: load once and print the wall and CPU milliseconds the call took. */
async function child(options: LoadRepositoryOptions): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await loadRepository(options);
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 }));
}

function spawnLoad(options: LoadRepositoryOptions): Timing {
  const out = execFileSync(process.execPath, [...process.execArgv, SELF, '--child', JSON.stringify(options)], { encoding: 'utf8' });
  return JSON.parse(out) as Timing;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function startUp(label: string, options: LoadRepositoryOptions): void {
  const cold: Timing[] = [];
  const warm: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'thincim-bench-cache-'));
    try {
      cold.push(spawnLoad({ ...options, cacheDir }));
      warm.push(spawnLoad({ ...options, cacheDir }));
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  const line = (what: string, runs: Timing[]) => {
    const wall = median(runs.map((r) => r.wall)).toFixed(1).padStart(8);
    const cpu = median(runs.map((r) => r.cpu)).toFixed(1).padStart(8);
    console.log(`  ${what.padEnd(36)}${wall} ms wall ${cpu} ms CPU   [wall: ${runs.map((r) => r.wall.toFixed(0)).join(', ')}]`);
  };
  console.log(`${label} (median of ${RUNS} fresh processes; load average ${loadavg()[0]!.toFixed(1)})`);
  line('cold start (compile + write cache)', cold);
  line('warm start (read cache)', warm);
}

function perOp(label: string, runs: number, fn: () => unknown): void {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  const ns = Number(process.hrtime.bigint() - start) / runs;
  console.log(`  ${label.padEnd(46)}${(ns / 1e3).toFixed(2).padStart(10)} µs`);
}

async function lookups(): Promise<void> {
  const repo = await loadRepository({ cacheDir: false });
  const sensor = repo.getClass('root/cimv2', 'CIM_NumericSensor');
  if (!sensor) throw new Error('CIM_NumericSensor is not in the project schema');
  const keys = { SystemCreationClassName: 'CIM_ComputerSystem', SystemName: 'host', CreationClassName: 'CIM_NumericSensor', DeviceID: 'temp-1' };
  const properties = new NocaseMap([
    ...Object.entries(keys).map(([k, v]) => [k, cimProperty(k, 'string', v)] as const),
    ['CurrentReading', cimProperty('CurrentReading', 'sint32', 37)],
    ['BaseUnits', cimProperty('BaseUnits', 'uint16', 2)],
    ['HealthState', cimProperty('HealthState', 'uint16', 5)],
    ['OperationalStatus', cimProperty('OperationalStatus', 'uint16', [2])],
    ['ElementName', cimProperty('ElementName', 'string', 'CPU 1 Temp')],
  ]);
  const instance = new CIMInstance({ classname: 'CIM_NumericSensor', properties, path: new CIMInstanceName({ classname: 'CIM_NumericSensor', keybindings: keys }) });
  if (repo.validateInstance('root/cimv2', instance).length) throw new Error('the sample instance is not valid');
  console.log(`lookups on the project schema (${sensor.properties.size} properties in CIM_NumericSensor)`);
  perOp('getClass (case-insensitive)', 1_000_000, () => repo.getClass('ROOT/CIMV2', 'cim_numericsensor'));
  perOp('isSubclassOf (8 levels)', 200_000, () => repo.isSubclassOf('root/cimv2', 'CIM_NumericSensor', 'CIM_ManagedElement'));
  perOp('subclassNames(CIM_ManagedElement, deep)', 20_000, () => repo.subclassNames('root/cimv2', 'CIM_ManagedElement', true));
  perOp('classView (LocalOnly=true, qualifiers)', 20_000, () => repo.classView(sensor, { localOnly: true, includeQualifiers: true }));
  perOp('classView (no qualifiers, class origin)', 20_000, () => repo.classView(sensor, { includeQualifiers: false, includeClassOrigin: true }));
  perOp('validateInstance (9 properties)', 100_000, () => repo.validateInstance('root/cimv2', instance));
}

if (process.argv[2] === '--child') {
  await child(JSON.parse(process.argv[3] ?? '{}') as LoadRepositoryOptions);
} else {
  startUp('project schema (schemas/)', {});
  if (!existsSync(DMTF)) throw new Error(`the DMTF schema is missing: ${DMTF}`);
  startUp('the DMTF CIM Schema 2.49.0 instead, one namespace', { projectSchemaDir: DMTF, namespaces: ['root/cimv2'] });
  await lookups();
}
