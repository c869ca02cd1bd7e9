/**
 * What one hostile client costs the others: a normal client's EnumerateInstances
 * latency (p50, p99) alone, then while each attack runs alongside, then with
 * all of them at once. The server runs from source in its own process with the
 * default limits, HTTP and HTTPS on loopback, authentication on every listener.
 * Each attacker uses its own loopback address (127.0.0.x), as separate hosts would.
 *
 *   node --import tsx bench/attacks.ts [--seconds 5] [--sensors 100]
 *
 * Each attack runs in a process of its own, so that its work does not slow
 * the measuring client; the victim polls on one kept-alive connection, as a
 * monitoring system does.
 * Every loop is bounded: attacks stop with the measurement; nothing leaves loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { setUser } from '../src/security/index.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    sensors: { type: 'string', default: '100' },
    /** Internal: run one attack in this process (index into ATTACKS) against these ports until SIGTERM. */
    attack: { type: 'string' },
    ports: { type: 'string' },
  },
});
const SECONDS = Number(args.seconds);
const ROOT = new URL('..', import.meta.url).pathname;
const CIMV2 = 'root/cimv2';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const VICTIM = basic('victim', 'victim password');
const MALLORY = basic('mallory', 'mallory password');

function body(name: string, params: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ>` +
    `<IMETHODCALL NAME="${name}"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>${params}` +
    '</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>';
}
const className = (name: string) => `<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="${name}"/></IPARAMVALUE>`;
const ENUMERATE = body('EnumerateInstances', className('CIM_NumericSensor'));
const BOMB = body('EnumerateInstances', className('CIM_Fan') + `<IPARAMVALUE NAME="PropertyList"><VALUE.ARRAY>${'<VALUE/>'.repeat(500_000)}</VALUE.ARRAY></IPARAMVALUE>`);
const OPEN_CONTEXT = body('OpenEnumerateInstances', className('CIM_NumericSensor') +
  '<IPARAMVALUE NAME="MaxObjectCount"><VALUE>0</VALUE></IPARAMVALUE><IPARAMVALUE NAME="OperationTimeout"><VALUE>600</VALUE></IPARAMVALUE>');

interface Answer {
  status: number;
  ms: number;
}

/** One CIM call; `agent` keeps the connection, `from` is the client's loopback address. */
function call(port: number, text: string, method: string, authorization: string, options: { agent?: Agent; from?: string } = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1', port, path: '/cimom', method: 'POST', agent: options.agent, localAddress: options.from,
      headers: {
        'Content-Type': 'application/xml; charset="utf-8"', CIMOperation: 'MethodCall', CIMMethod: method, CIMObject: 'root%2Fcimv2',
        Authorization: authorization, 'Content-Length': Buffer.byteLength(text),
      },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, ms: performance.now() - started }));
      res.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(text);
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startServer(dir: string): Promise<{ child: ChildProcess; http: number; https: number }> {
  const users = join(dir, 'users');
  await setUser(users, 'victim', 'victim password', { role: 'readonly' });
  await setUser(users, 'mallory', 'mallory password', { role: 'readonly' });
  const [http, https] = [await freePort(), await freePort()];
  const argv = ['serve', '--host', '127.0.0.1', '--http-port', String(http), '--https-port', String(https), '--auth-loopback',
    '--state-dir', dir, '--users', users, '--providers', 'simulated', '--sim-sensors', args.sensors!, '--log-level', 'error', '--no-log-pretty'];
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
    `const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(${JSON.stringify(argv)});`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    if ((await call(http, ENUMERATE, 'EnumerateInstances', VICTIM)).status === 200) return { child, http, https };
    await sleep(100);
  }
  child.kill();
  throw new Error('the server did not start');
}

/** An attack: runs until `stop` aborts; every loop in it is bounded by that signal and by the counts given. */
type Attack = (ports: { http: number; https: number }, stop: AbortSignal) => Promise<string>;

/** Parallel password guesses for the victim's user name, `parallel` at a time, from 127.0.0.2. */
const guesses: Attack = async ({ http }, stop) => {
  let sent = 0;
  const guess = async () => {
    for (let i = 0; !stop.aborted; i++) {
      await call(http, ENUMERATE, 'EnumerateInstances', basic('victim', `guess ${i}`), { from: '127.0.0.2' });
      sent++;
    }
  };
  await Promise.all(Array.from({ length: 200 }, guess));
  return `${sent} guesses`;
};

/** `count` sockets that connect and send nothing, reopened as the server closes them. */
function idleSockets(which: 'http' | 'https', from: string, count: number): Attack {
  return async (ports, stop) => {
    let opened = 0;
    const open = new Set<Socket>();
    const hold = async () => {
      while (!stop.aborted) {
        const socket = connect({ host: '127.0.0.1', port: ports[which], localAddress: from });
        open.add(socket);
        opened++;
        await new Promise((resolve) => {
          socket.on('error', resolve);
          socket.on('close', resolve);
          const destroy = () => socket.destroy();
          stop.addEventListener('abort', destroy, { once: true });
          socket.on('close', () => stop.removeEventListener('abort', destroy));
        });
        open.delete(socket);
        if (!stop.aborted) await sleep(100);
      }
    };
    await Promise.all(Array.from({ length: count }, hold));
    return `${opened} idle ${which} sockets opened`;
  };
}

/** Authenticated 4 MiB bodies of 500,000 tiny elements, `parallel` at a time, from 127.0.0.5. */
const elementBombs: Attack = async ({ http }, stop) => {
  const statuses = new Map<number, number>();
  const bomb = async () => {
    while (!stop.aborted) {
      const { status } = await call(http, BOMB, 'EnumerateInstances', MALLORY, { from: '127.0.0.5' });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 16 }, bomb));
  return `bombs answered ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}`;
};

/** Opens pull contexts with the longest timeout, as many as it is let, from 127.0.0.6. */
const contextHog: Attack = async ({ http }, stop) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let opened = 0;
  const hog = async () => {
    while (!stop.aborted) {
      const answer = await call(http, OPEN_CONTEXT, 'OpenEnumerateInstances', MALLORY, { agent, from: '127.0.0.6' });
      if (answer.status === 200) opened++;
    }
  };
  await Promise.all(Array.from({ length: 8 }, hog));
  agent.destroy();
  return `${opened} OpenEnumerateInstances answered`;
};

const ATTACKS: [string, Attack][] = [
  ['200 parallel password guesses', guesses],
  ['1,000 idle TLS sockets', idleSockets('https', '127.0.0.3', 1000)],
  ['1,000 idle HTTP sockets', idleSockets('http', '127.0.0.4', 1000)],
  ['16 parallel element bombs', elementBombs],
  ['enumeration-context hog', contextHog],
];

interface Latency {
  p50: number;
  p99: number;
  count: number;
  failed: number;
}

/** The victim: EnumerateInstances one after another on its kept-alive connection for SECONDS. */
async function victim(port: number, agent: Agent): Promise<Latency> {
  const times: number[] = [];
  let failed = 0;
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const answer = await call(port, ENUMERATE, 'EnumerateInstances', VICTIM, { agent, from: '127.0.0.1' });
    if (answer.status === 200) times.push(answer.ms);
    else failed++;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), count: times.length, failed };
}

/** Runs attack `index` in a child process until stopped; its note comes back on its standard output. */
function runAttack(index: number, ports: { http: number; https: number }): { stop(): Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--attack', String(index), '--ports', `${ports.http},${ports.https}`],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let note = '';
  child.stdout!.on('data', (chunk: Buffer) => { note += chunk.toString(); });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited;
      return note.trim();
    },
  };
}

async function measure(label: string, ports: { http: number; https: number }, agent: Agent, attacks: number[]): Promise<void> {
  const running = attacks.map((index) => runAttack(index, ports));
  await sleep(attacks.length ? 2000 : 0); // let the attacks reach their steady state
  const latency = await victim(ports.http, agent);
  const notes = await Promise.all(running.map((attack) => attack.stop()));
  const load = loadavg()[0]!.toFixed(2);
  console.log(`${label.padEnd(34)} p50 ${latency.p50.toFixed(1).padStart(7)} ms  p99 ${latency.p99.toFixed(1).padStart(7)} ms  ` +
    `${String(latency.count).padStart(6)} ok ${String(latency.failed).padStart(4)} failed  load ${load}${notes.length ? `  (${notes.join('; ')})` : ''}`);
}

if (args.attack !== undefined) {
  const [http, https] = args.ports!.split(',').map(Number) as [number, number];
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // one listener per socket held
  process.once('SIGTERM', () => stop.abort());
  const note = await ATTACKS[Number(args.attack)]![1]({ http, https }, stop.signal);
  process.stdout.write(note);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'thincim-attacks-'));
  const server = await startServer(dir);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    console.log(`EnumerateInstances of ${args.sensors} sensors over HTTP with Basic auth, ${SECONDS} s per row, Node ${process.version}`);
    await measure('no attack', server, agent, []);
    for (const [index, [label]] of ATTACKS.entries()) await measure(label, server, agent, [index]);
    await measure('all attacks at once', server, agent, ATTACKS.map((_, index) => index));
    await measure('no attack (after)', server, agent, []);
  } finally {
    agent.destroy();
    server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
