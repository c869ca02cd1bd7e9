/**
 * CIM indications end to end: a real `thincim serve` (from source, in its
 * own process, simulated provider with a generated scenario), subscribed
 * with `thincim subscribe` to listeners in this process.
 *
 * (a) latency: temperature sensors cross their thresholds every 1/time-scale
 *     seconds at a 1 s sampling interval. For each alert received it prints
 *     the time from the sample that saw the change (the indication's
 *     EventTime) and from the publication the server logs (its event log
 *     line) to the receipt at the listener: p50, p99, max. A change waits
 *     for the next sample, up to one interval more.
 * (b) storm: N sensors (default 10,000) all cross their thresholds at once
 *     (at --storm-at seconds after the server starts); 10 listeners each
 *     subscribed to every alert. Prints indications per second delivered
 *     (all listeners together, first to last) and the server's RSS.
 *
 * The load average (1 min) is printed with every figure.
 *
 *   node --import tsx bench/indications.ts [--seconds 60] [--time-scale 2] [--storm-sensors 10000]
 *     [--listeners 10] [--storm-at 90] [--skip-latency] [--skip-storm]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { CIMDateTime } from '../src/cim/index.js';
import { main } from '../src/cli/main.js';
import { startListener, type IndicationListener, type ReceivedIndication } from '../src/indications/listener.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'test', 'helpers', 'thincim-cli.ts');

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    'time-scale': { type: 'string', default: '2' },
    'storm-sensors': { type: 'string', default: '10000' },
    listeners: { type: 'string', default: '10' },
    'storm-at': { type: 'string', default: '90' },
    'skip-latency': { type: 'boolean', default: false },
    'skip-storm': { type: 'boolean', default: false },
  },
});

const load = (): string => `load ${loadavg()[0]!.toFixed(2)}`;
const say = (line: string): void => console.log(`${line}  [${load()}]`);

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A scenario of temperature sensors (Critical above 80 °C) and the timeline the case needs (0: no loop). */
function scenario(sensors: number, events: object[], loopSeconds: number): object {
  return {
    name: 'indication bench',
    system: { hostname: 'bench', manufacturer: 'Acme', model: 'B1', serialNumber: 'B1' },
    sensors: Array.from({ length: sensors }, (_, i) => ({
      id: `t${i}`, label: `Temp ${i}`, kind: 'temperature', unit: 'celsius', decimals: 0, value: 40,
      thresholds: { upperNonCritical: 70, upperCritical: 80 },
    })),
    timeline: { ...(loopSeconds > 0 && { loopSeconds }), events },
  };
}

interface Server {
  child: ChildProcess;
  url: string;
  /** Epoch ms of each event's log line, by event sequence. */
  published: Map<string, number>;
  stop(): Promise<void>;
}

async function serve(dir: string, scenarioFile: string, flags: string[]): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--providers', 'simulated', '--sim-scenario', scenarioFile,
    '--http-port', String(port), '--https-port', '0', '--state-dir', dir, '--anonymous-write', '--no-log-pretty', '--log-level', 'info',
    '--indications-retry-interval', '1', ...flags], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const published = new Map<string, number>();
  let ready = false;
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const entry = JSON.parse(line) as { time: number; msg: string; sequence?: number; messageId?: string };
      if (entry.messageId !== undefined && entry.sequence !== undefined) published.set(String(entry.sequence), entry.time);
      if (/listening/i.test(entry.msg)) ready = true;
    }
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (!ready) {
    if (child.exitCode !== null) throw new Error(`thincim serve exited with ${child.exitCode}`);
    if (Date.now() - started > 300_000) throw new Error('thincim serve did not start within 300 s');
    await sleep(100);
  }
  return {
    child, url, published,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'close');
    },
  };
}

/** `thincim subscribe` in this process; fails loudly. */
async function subscribe(server: string, destination: string, name: string): Promise<void> {
  const out = new PassThrough();
  const err: Buffer[] = [];
  const stderr = new PassThrough().on('data', (c: Buffer) => err.push(c));
  out.resume();
  const code = await main(['subscribe', server, '--destination', destination, '--class', 'CIM_AlertIndication', '--name', name],
    { stdout: out, stderr, stdin: new PassThrough(), env: { HOME: '/nonexistent' } });
  if (code !== 0) throw new Error(`thincim subscribe: exit ${code}: ${Buffer.concat(err).toString()}`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const ms = (values: number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms (n=${sorted.length})`;
};

/** RSS now and peak (VmHWM) of a process, in MiB. */
function rss(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function latency(dir: string): Promise<void> {
  const sensors = 10;
  const loop = 2 * sensors;
  // Sensor i goes Critical at 2i and back at 2i+10 (mod loop): a change every simulated second.
  const events = Array.from({ length: sensors }, (_, i) => [
    { at: 2 * i, sensor: `t${i}`, value: 85 }, { at: (2 * i + sensors) % loop, sensor: `t${i}`, restore: true },
  ]).flat().sort((a, b) => a.at - b.at);
  const file = join(dir, 'latency.json');
  writeFileSync(file, JSON.stringify(scenario(sensors, events, loop)));
  const timeScale = Number(args['time-scale']);
  const server = await serve(join(dir, 'latency'), file, ['--simulated-interval', '1', '--sim-time-scale', String(timeScale)]);
  const received: ReceivedIndication[] = [];
  const listener = await startListener({ port: 0, onIndication: (r) => void received.push(r) });
  try {
    await subscribe(server.url, `${listener.url}/latency`, 'bench-latency');
    await sleep(Number(args.seconds) * 1000);
    // The last log lines may trail the last indications a little.
    await sleep(500);
    const fromSample: number[] = [];
    const fromPublication: number[] = [];
    for (const r of received) {
      const eventTime = (r.indication.get('EventTime') as CIMDateTime | null)?.toDate()?.getTime();
      if (eventTime !== undefined) fromSample.push(r.receivedAt - eventTime);
      const published = server.published.get(String(r.indication.get('EventID')));
      if (published !== undefined) fromPublication.push(r.receivedAt - published);
    }
    say(`(a) ${sensors} sensors, a change every ${(1 / timeScale).toFixed(2)} s, sampling every 1 s, ${args.seconds} s: ${received.length} alerts`);
    say(`    sample → listener:      ${ms(fromSample)}`);
    say(`    publication → listener: ${ms(fromPublication)}`);
    say('    change → listener: the above plus the wait for the next sample (0–1 s)');
  } finally {
    await listener.close();
    await server.stop();
  }
}

async function storm(dir: string): Promise<void> {
  const sensors = Number(args['storm-sensors']);
  const count = Number(args.listeners);
  const at = Number(args['storm-at']);
  // Every sensor Critical at once, late enough that the listeners are subscribed by then.
  const events = Array.from({ length: sensors }, (_, i) => ({ at, sensor: `t${i}`, value: 85 }));
  const file = join(dir, 'storm.json');
  writeFileSync(file, JSON.stringify(scenario(sensors, events, 0)));
  const server = await serve(join(dir, 'storm'), file, ['--simulated-interval', '2', '--indications-queue-size', String(2 * sensors),
    '--indications-max-subscriptions', String(count + 10)]);
  const received: number[][] = Array.from({ length: count }, () => []);
  const listeners: IndicationListener[] = [];
  try {
    for (let i = 0; i < count; i++) {
      listeners.push(await startListener({ port: 0, onIndication: (r) => void received[i]!.push(r.receivedAt) }));
      await subscribe(server.url, `${listeners[i]!.url}/storm${i}`, `bench-storm-${i}`);
    }
    const subscribedAt = Date.now();
    say(`(b) ${sensors} sensors, ${count} listeners subscribed; server RSS ${rss(server.child.pid!).now.toFixed(0)} MiB before the storm`);
    let peak = 0;
    let last = -1;
    let quietSince = Date.now();
    // Until the storm is delivered: nothing new for 10 s after something arrived.
    for (;;) {
      await sleep(500);
      peak = Math.max(peak, rss(server.child.pid!).now);
      const total = received.reduce((n, r) => n + r.length, 0);
      if (total !== last) {
        last = total;
        quietSince = Date.now();
      } else if (total > 0 && Date.now() - quietSince > 10_000) {
        break;
      }
    }
    const all = received.flat().sort((a, b) => a - b);
    if (all[0]! < subscribedAt) say(`    WARNING: the storm began before every listener was subscribed; raise --storm-at (now ${at} s)`);
    const seconds = (all.at(-1)! - all[0]!) / 1000;
    say(`    ${all.length} indications received, ${(all.length / seconds).toFixed(0)} indications/s over ${seconds.toFixed(1)} s `
      + `(per listener: min ${Math.min(...received.map((r) => r.length))}, max ${Math.max(...received.map((r) => r.length))})`);
    say(`    server RSS: ${rss(server.child.pid!).now.toFixed(0)} MiB now, ${peak.toFixed(0)} MiB peak sampled, ${rss(server.child.pid!).peak.toFixed(0)} MiB VmHWM`);
  } finally {
    for (const l of listeners) await l.close();
    await server.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'thincim-bench-ind-'));
try {
  console.log(`Node.js ${process.version}, ${new Date().toISOString()}`);
  if (!args['skip-latency']) await latency(dir);
  if (!args['skip-storm']) await storm(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
