/**
 * What the benchmarks give a server in a child process (a free port, an
 * environment) and read of it: its memory and CPU time from /proc (Linux).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * Variables Node.js acts on as it starts, in every process: flags, and extra
 * CA certificates to parse (a machine that points NODE_EXTRA_CA_CERTS at its
 * 144 system CAs costs each process ~90 ms of start-up and 1.5 MB).
 */
const NODE_VARIABLES = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'];

/** The benchmark's environment without NODE_VARIABLES, so that the figures are the server's on any machine. */
export const SERVER_ENV: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !NODE_VARIABLES.includes(name)));

/** For the benchmarks' headers: which of NODE_VARIABLES the servers do not get. */
export function serverEnvNote(): string {
  const removed = NODE_VARIABLES.filter((name) => process.env[name] !== undefined);
  return removed.length ? `; servers run without ${removed.join(', ')}` : '';
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** A process's memory and CPU time, read when asked. */
export class ProcessStats {
  constructor(readonly child: ChildProcess) {}

  get pid(): number {
    return this.child.pid!;
  }

  #status(field: 'VmRSS' | 'VmHWM'): number {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    return Number(match![1]) * 1024;
  }

  get rss(): number {
    return this.#status('VmRSS');
  }

  /** The peak RSS since start, or since the last resetPeak(). */
  get peakRss(): number {
    return this.#status('VmHWM');
  }

  /** Makes the peak RSS the current RSS (Linux ≥ 4.0, needs ptrace rights on the process); false when refused. */
  resetPeak(): boolean {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }

  /** User + system CPU time of every thread, in seconds. */
  get cpuSeconds(): number {
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  }

  /** SIGTERM, and the exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}
