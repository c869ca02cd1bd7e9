/**
 * Debian's snmptrapd (net-snmp) as a real SNMP receiver: started on a free
 * loopback UDP port with a temporary configuration and persistent folder,
 * THINCIM-MIB loaded, one line printed per notification received.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * THINCIM-MIB imports SNMPv2-SMI, -TC and -CONF, which Debian leaves to the
 * non-free snmp-mibs-downloader; the net-snmp package ships them.
 */
export const MIB_DIRS = [join(ROOT, 'node_modules/net-snmp/lib/mibs'), join(ROOT, 'mibs')].join(':');
export const MIB_FILE = join(ROOT, 'mibs/THINCIM-MIB.txt');

const WAIT_MS = 30_000;

/** One notification as snmptrapd printed it. */
export interface Received {
  /** `TRAP2, SNMP v2c, community public`, `INFORM, SNMP v3, user u, context `, `TRAP, SNMP v1, community public`… */
  security: string;
  /** Numeric OID (no leading dot) → the value as printed, without its type (`critical(4)`, `Fan 3 Speed`). */
  values: Map<string, string>;
  /** An SNMPv1 Trap-PDU's own fields, as snmptrapd decoded them. */
  v1?: V1Fields;
  line: string;
}

export interface V1Fields {
  /** Numeric, no leading dot. */
  enterprise: string;
  generic: number;
  specific: number;
  agentAddress: string;
  /** TimeTicks: hundredths of a second. */
  timeStamp: number;
}

/**
 * One line per notification: v2 PDUs (v2c, v3) with their varbinds; v1
 * Trap-PDUs (`format print1`) with enterprise (%N), generic-trap (%w),
 * specific-trap (%q), agent-addr (%a) and time-stamp (%T, in TimeTicks)
 * before theirs. In the configuration file, not -F: -F sets both formats.
 */
const FORMATS = ['format print1 TRAP1 %P\\t%N\\t%w\\t%q\\t%a\\t%T\\t%v\\n', 'format print2 TRAP %P\\t%v\\n'];

export interface TrapReceiver {
  port: number;
  address: string;
  received(): Received[];
  /** Resolves with every notification received so far once `done` accepts them. */
  waitFor(done: (all: Received[]) => boolean, what: string): Promise<Received[]>;
  output(): string;
  stop(): Promise<void>;
}

/** A UDP port free on 127.0.0.1 a moment ago. */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  socket.close();
  return port;
}

function parse(line: string): Received | undefined {
  if (line.startsWith('TRAP1 ')) {
    const [security, enterprise, generic, specific, agentAddress, timeStamp, ...varbinds] = line.slice(6).split('\t');
    const v1 = { enterprise: enterprise!.replace(/^\./, ''), generic: Number(generic), specific: Number(specific!.replace(/^\./, '')), agentAddress: agentAddress!, timeStamp: Number(timeStamp) };
    return { security: security!, values: parseVarbinds(varbinds), v1, line };
  }
  if (!line.startsWith('TRAP ')) return undefined;
  const [security, ...varbinds] = line.slice(5).split('\t');
  return { security: security!, values: parseVarbinds(varbinds), line };
}

function parseVarbinds(varbinds: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const varbind of varbinds) {
    const match = /^\.?([\d.]+) = (?:[\w-]+: ?)?(.*)$/.exec(varbind);
    if (match) values.set(match[1]!, match[2]!);
  }
  return values;
}

/**
 * Starts snmptrapd with `config` (snmptrapd.conf lines); tries another port if the one picked was taken meanwhile.
 * `mib: false` starts it without THINCIM-MIB (SNMPv2-MIB only): values are printed as numbers, as a receiver
 * that was never given the MIB prints them.
 */
export async function startSnmptrapd(config: readonly string[], { mib = true }: { mib?: boolean } = {}): Promise<TrapReceiver> {
  const dir = await mkdtemp(join(tmpdir(), 'thincim-snmptrapd-'));
  // Apart from the persistent folder, where snmptrapd writes a snmptrapd.conf of its own.
  const confFile = join(dir, 'thincim-snmptrapd.conf');
  await writeFile(confFile, [...FORMATS, ...config].join('\n') + '\n');
  await mkdir(join(dir, 'persistent'));
  for (let attempt = 1; ; attempt++) {
    const port = await freeUdpPort();
    try {
      return await launch(dir, confFile, port, mib ? 'THINCIM-MIB' : 'SNMPv2-MIB');
    } catch (err) {
      if (attempt >= 3) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
}

async function launch(dir: string, confFile: string, port: number, mibs: string): Promise<TrapReceiver> {
  const child: ChildProcess = spawn('snmptrapd', [
    '-f', '-Lo', '-C', '-c', confFile, '-M', MIB_DIRS, '-m', mibs, '-On',
    `udp:127.0.0.1:${port}`,
  ], { env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persistent') }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters = new Set<() => void>();
  const wake = () => { for (const w of waiters) w(); };
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); wake(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); wake(); });
  const exited = once(child, 'close');
  let ended = false;
  void exited.then(() => { ended = true; wake(); });

  const received = (): Received[] => out.split('\n').map(parse).filter((r): r is Received => r !== undefined);
  const waitUntil = <T>(check: () => T | undefined, what: string): Promise<T> => new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(() => reject(new Error(`snmptrapd: no ${what} within ${WAIT_MS} ms; it printed, last:\n${out.slice(-1500)}`))), WAIT_MS);
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      waiters.delete(poll);
      fn();
    };
    const poll = () => {
      const value = check();
      if (value !== undefined) settle(() => resolve(value));
      else if (ended) settle(() => reject(new Error(`snmptrapd exited before ${what}:\n${out.slice(-1500)}`)));
    };
    waiters.add(poll);
    poll();
  });
  await waitUntil(() => (/NET-SNMP version/.test(out) ? true : undefined), 'start');
  return {
    port,
    address: `udp:127.0.0.1:${port}`,
    received,
    waitFor: (done, what) => waitUntil(() => {
      const all = received();
      return done(all) ? all : undefined;
    }, what),
    output: () => out,
    async stop() {
      if (!ended) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The numeric OID (no leading dot) of a THINCIM-MIB name, as net-snmp's snmptranslate reads the MIB file. */
export function oidOf(name: string): string {
  let oid = translated.get(name);
  if (oid === undefined) {
    const out = execFileSync('snmptranslate', ['-M', MIB_DIRS, '-m', 'THINCIM-MIB', '-On', `THINCIM-MIB::${name}`], { encoding: 'utf8' });
    oid = out.trim().replace(/^\./, '');
    translated.set(name, oid);
  }
  return oid;
}

const translated = new Map<string, string>();
