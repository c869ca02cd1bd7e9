/**
 * Parse-and-map cost of one sample: `node --import tsx providers/ipmi/bench.ts`.
 * Synthetic listings of a large BMC (N sensors) in each layout; prints the
 * median milliseconds per sample over repeated runs.
 */
import { performance } from 'node:perf_hooks';
import { buildSnapshot } from './map.js';
import { mergeReadings } from './merge.js';
import { parseFreeIpmiSensors } from './freeipmi.js';
import { parseSdrElist } from './sdr-list.js';
import { parseSdrVerbose } from './sdr-verbose.js';
import { parseSensorTable } from './sensor-table.js';

const SENSORS = Number(process.argv[2] ?? 1000);
const RUNS = 50;

const name = (i: number): string => `Sensor ${i}`.padEnd(16);
const elist = Array.from({ length: SENSORS }, (_, i) =>
  i % 10 === 0
    ? `${name(i)} | ${(i % 256).toString(16).padStart(2, '0').toUpperCase()}h | ok  | 10.${i % 8} | Presence detected`
    : `${name(i)} | ${(i % 256).toString(16).padStart(2, '0').toUpperCase()}h | ok  |  7.1 | ${(20 + (i % 50) / 7).toFixed(2)} Volts`).join('\n');
const table = Array.from({ length: SENSORS }, (_, i) =>
  `${name(i)} | ${(20 + (i % 50) / 7).toFixed(3).padEnd(10)} | Volts      | ok    | 1.000     | 2.000     | 3.000     | 40.000    | 50.000    | 60.000`).join('\n');
const verbose = Array.from({ length: SENSORS }, (_, i) => [
  `Sensor ID              : Sensor ${i} (0x${(i % 256).toString(16)})`,
  ' Entity ID             : 7.1 (System Board)',
  ' Sensor Type (Threshold)  : Voltage (0x02)',
  ` Sensor Reading        : ${(20 + (i % 50) / 7).toFixed(3)} (+/- 0) Volts`,
  ' Status                : ok',
  ' Upper critical        : 50.000',
  ' Lower critical        : 2.000',
  '',
].join('\n')).join('\n');
const freeipmi = ['ID,Name,Type,State,Reading,Units,Lower NR,Lower C,Lower NC,Upper NC,Upper C,Upper NR,Event',
  ...Array.from({ length: SENSORS }, (_, i) => `${i},Sensor ${i},Voltage,Nominal,${(20 + (i % 50) / 7).toFixed(2)},V,N/A,2.00,3.00,40.00,50.00,N/A,'OK'`)].join('\n');

function median(work: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const decimals = new Map<string, number>();
const cases: Record<string, () => void> = {
  'sdr elist + sensor, merged and mapped': () =>
    void buildSnapshot({ readings: mergeReadings(parseSdrElist(elist).readings, parseSensorTable(table).readings), decimals }),
  'sdr -v, mapped': () => void buildSnapshot({ readings: parseSdrVerbose(verbose).readings, decimals }),
  'ipmi-sensors CSV, mapped': () => void buildSnapshot({ readings: parseFreeIpmiSensors(freeipmi).readings, decimals }),
};

console.log(`${SENSORS} sensors, median of ${RUNS} runs`);
for (const [label, work] of Object.entries(cases)) console.log(`  ${label.padEnd(40)} ${median(work).toFixed(2)} ms`);
