/**
 * What association traversals cost on a simulated host of `--sensors`
 * numeric sensors: responses per second over `--connections` keep-alive
 * connections for `--seconds` each, and the bytes of one response (equal
 * builds answer the same bytes). SystemDevice and ElementConformsToProfile
 * are made when read (src/model/family.ts), so these are the operations that
 * pay for it:
 * - EnumerateInstances of CIM_SystemDevice (every one made);
 * - AssociatorNames from the system through CIM_SystemDevice (every one made);
 * - Associators from the system through CIM_ComputerSystemPackage (none
 *   made: the class filter skips the families);
 * - References from one sensor (its two made).
 *
 *   node --import tsx bench/associations.ts [--sensors 1000] [--seconds 8] [--connections 2] [--baseline REV]
 *     [--node-arg=--FLAG …] [--serve-arg=--FLAG=VALUE …] [--baseline-node-arg=--FLAG …] [--baseline-serve-arg=--FLAG=VALUE …]
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { hostname, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { BUILD_OPTIONS, buildsNote, buildsToMeasure, ensureBuilt, removeBaseline, type Build } from './build.js';
import { freePort, SERVER_ENV, serverEnvNote } from './process.js';

const { values: args } = parseArgs({
  options: {
    sensors: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '2' },
    ...BUILD_OPTIONS,
  },
});
const SENSORS = Number(args.sensors);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);

const NAMESPACE = '<LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>';
const keys = (pairs: Record<string, string>) =>
  Object.entries(pairs).map(([name, value]) => `<KEYBINDING NAME="${name}"><KEYVALUE>${value}</KEYVALUE></KEYBINDING>`).join('');
// The simulated host is named after this machine (escaped: a host name has no markup characters).
const SYSTEM = `<INSTANCENAME CLASSNAME="Thincim_ComputerSystem">${keys({ CreationClassName: 'Thincim_ComputerSystem', Name: hostname() })}</INSTANCENAME>`;
const SENSOR = `<INSTANCENAME CLASSNAME="Thincim_NumericSensor">${keys({
  SystemCreationClassName: 'Thincim_ComputerSystem', SystemName: hostname(), CreationClassName: 'Thincim_NumericSensor', DeviceID: 'simulated:cpu1-temp',
})}</INSTANCENAME>`;
const param = (name: string, xml: string) => `<IPARAMVALUE NAME="${name}">${xml}</IPARAMVALUE>`;
const className = (name: string) => `<CLASSNAME NAME="${name}"/>`;

const CASES: readonly { label: string; method: string; params: string }[] = [
  { label: 'EnumerateInstances CIM_SystemDevice', method: 'EnumerateInstances', params: param('ClassName', className('CIM_SystemDevice')) },
  { label: 'AssociatorNames system→SystemDevice', method: 'AssociatorNames', params: param('ObjectName', SYSTEM) + param('AssocClass', className('CIM_SystemDevice')) },
  { label: 'Associators system→Package', method: 'Associators', params: param('ObjectName', SYSTEM) + param('AssocClass', className('CIM_ComputerSystemPackage')) },
  { label: 'References from a sensor', method: 'References', params: param('ObjectName', SENSOR) },
];

function body(method: string, params: string): string {
  return '<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ>' +
    `<IMETHODCALL NAME="${method}">${NAMESPACE}${params}</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
}

/** One call: the response's bytes; a CIM error fails the benchmark (a wrong path would measure nothing). */
function call(url: string, agent: Agent, method: string, xml: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/xml; charset="utf-8"', CIMOperation: 'MethodCall', CIMMethod: method, CIMObject: 'root%2Fcimv2' };
    const req = request(`${url}/cimom`, { method: 'POST', agent, headers }, (res) => {
      let bytes = 0;
      let head = '';
      res.on('data', (chunk: Buffer) => {
        if (head.length < 2048) head += chunk.toString('utf8', 0, 2048);
        bytes += chunk.length;
      });
      res.on('end', () => (res.statusCode !== 200 || head.includes('<ERROR') ? reject(new Error(`${method}: ${head.slice(0, 400)}`)) : resolve(bytes)));
    });
    req.on('error', reject);
    req.end(xml);
  });
}

async function measure(url: string, method: string, params: string): Promise<{ perSecond: number; bytes: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const xml = body(method, params);
  const bytes = await call(url, agent, method, xml);
  let responses = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < end) {
      await call(url, agent, method, xml);
      responses++;
    }
  }));
  agent.destroy();
  return { perSecond: responses / SECONDS, bytes };
}

async function serve(build: Build): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'thincim-assoc-'));
  const child = spawn(process.execPath, [...build.nodeArgs, build.bin, 'serve', '--http-port', String(port), '--https-port', '0', '--providers', 'simulated',
    '--sim-sensors', String(SENSORS), '--log-level', 'warn', '--state-dir', state, ...build.serveArgs], { stdio: 'ignore', env: SERVER_ENV });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) return { url, stop: () => (child.kill(), rmSync(state, { recursive: true, force: true })) };
    await sleep(100);
  }
  child.kill();
  throw new Error(`${build.name}: not ready within 60 s`);
}

const load = () => loadavg()[0]!.toFixed(1);
ensureBuilt();
const work = mkdtempSync(join(tmpdir(), 'thincim-assoc-builds-'));
const builds = buildsToMeasure(args, work);
console.log(`${SENSORS} sensors, ${CONNECTIONS} connections, ${SECONDS} s a case${buildsNote(builds, args.baseline)}${serverEnvNote()}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`${'build'.padEnd(9)} ${'case'.padEnd(38)} ${'resp/s'.padStart(8)} ${'bytes'.padStart(10)}  load`);
try {
  for (const build of builds) {
    const server = await serve(build);
    try {
      for (const { label, method, params } of CASES) {
        const { perSecond, bytes } = await measure(server.url, method, params);
        console.log(`${build.name.padEnd(9)} ${label.padEnd(38)} ${perSecond.toFixed(1).padStart(8)} ${String(bytes).padStart(10)}  ${load()}`);
      }
    } finally {
      server.stop();
    }
  }
} finally {
  if (args.baseline) removeBaseline(work);
}
