/**
 * Repository start-up, cold (compile, then write the cache) and warm (read
 * the cache), each measured in fresh processes as a server start would pay
 * it (module loading excluded), for the project's schema and, for scale, the
 * full DMTF schema in its place. Then the cost of the lookups the request
 * path makes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CIMInstance, CIMInstanceName, NocaseMap, cimProperty } from '../src/cim/index.js';
import { loadRepository, type LoadRepositoryOptions } from '../src/repository/index.js';

const SELF = fileURLToPath(import.meta.url);
const DMTF = fileURLToPath(new URL('../../shared/reference/cim-schema/', import.meta.url));
const RUNS = 5;

/** In a child: load once and print the milliseconds the call took. */
async function child(options: LoadRepositoryOptions): Promise<void> {
  const start = performance.now();
  await loadRepository(options);
  process.stdout.write(String(performance.now() - start));
}

function spawnLoad(options: LoadRepositoryOptions): number {
  const out = execFileSync(process.execPath, [...process.execArgv, SELF, '--child', JSON.stringify(options)], { encoding: 'utf8' });
  return Number(out);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function startUp(label: string, options: LoadRepositoryOptions): void {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'thincim-bench-cache-'));
    try {
      cold.push(spawnLoad({ ...options, cacheDir }));
      warm.push(spawnLoad({ ...options, cacheDir }));
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  console.log(`${label} (median of ${RUNS} fresh processes)`);
  console.log(`  cold start (compile + write cache)  ${median(cold).toFixed(1).padStart(8)} ms   [${cold.map((n) => n.toFixed(0)).join(', ')}]`);
  console.log(`  warm start (read cache)             ${median(warm).toFixed(1).padStart(8)} ms   [${warm.map((n) => n.toFixed(0)).join(', ')}]`);
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
  perOp('classView (GetClass defaults)', 20_000, () => repo.classView(sensor, { localOnly: true, includeQualifiers: true }));
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
