/**
 * `thincim` as a real process, run from source (`node --import tsx`) or as
 * built (`bin/thincim.js`, the bundle in dist/): its JSON log lines as they
 * arrive, waits on them, signals, and the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('./thincim-cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = fileURLToPath(new URL('../../bin/thincim.js', import.meta.url));

/** Starting from source on a busy machine takes seconds; this is the bound for any one wait. */
export const PROCESS_WAIT_MS = 90_000;

export type LogLine = Record<string, unknown> & { msg?: string };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ThincimProcess {
  child: ChildProcess;
  /** Standard output as JSON lines (a line that is not JSON fails the wait that meets it). */
  lines(): LogLine[];
  stdout(): string;
  stderr(): string;
  /** The first line (from `from` on) that `match` accepts. */
  waitForLog(match: (line: LogLine) => boolean, what: string, from?: number): Promise<LogLine>;
  exited: Promise<Exit>;
}

/** The environment of the parent without THINCIM_* variables or proxies, plus `env`. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !name.startsWith('THINCIM_') && !/_proxy$/i.test(name));
  return { ...Object.fromEntries(kept), ...env };
}

export function spawnThincim(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string; nodeArgs?: readonly string[]; built?: boolean } = {},
): ThincimProcess {
  const program = options.built ? [BUILT] : ['--import', 'tsx', CLI];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...program, ...args], {
    cwd: ROOT, env: cleanEnv(options.env ?? {}), stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const wake = () => { for (const w of waiters) w(); };
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); wake(); });
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  child.stdin!.end(options.stdin ?? '');
  const exited = once(child, 'close').then(([code, signal]) => ({ code, signal }) as Exit);
  let ended = false;
  void exited.then(() => { ended = true; wake(); });
  const lines = (): LogLine[] => out.split('\n').filter((l) => l.trim() !== '').map((l) => {
    try {
      return JSON.parse(l) as LogLine;
    } catch {
      throw new Error(`not a JSON log line: ${l}`);
    }
  });
  const waitForLog = (match: (line: LogLine) => boolean, what: string, from = 0): Promise<LogLine> => new Promise((resolve, reject) => {
    const check = () => {
      let found: LogLine | undefined;
      try {
        found = lines().slice(from).find(match);
      } catch (e) {
        return settle(() => reject(e));
      }
      if (found) return settle(() => resolve(found));
      if (ended) settle(() => reject(new Error(`thincim exited before logging ${what}\nstdout:\n${out}\nstderr:\n${err}`)));
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`no log line ${what} within ${PROCESS_WAIT_MS} ms\nstdout:\n${out}\nstderr:\n${err}`))), PROCESS_WAIT_MS);
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      waiters.delete(check);
      fn();
    };
    waiters.add(check);
    check();
  });
  return { child, lines, stdout: () => out, stderr: () => err, waitForLog, exited };
}

/** Runs a command to its end (passwd, config) and returns its exit status and output. */
export async function runThincim(args: readonly string[], options: { env?: Record<string, string>; stdin?: string } = {}) {
  const p = spawnThincim(args, options);
  const exit = await p.exited;
  return { ...exit, stdout: p.stdout(), stderr: p.stderr() };
}

/** Stops a process this test started, if it still runs, and waits for it. */
export async function stop(p: ThincimProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGKILL');
  await p.exited;
}

/**
 * A TCP port free a moment ago, below the kernel's ephemeral range: a port
 * the kernel picked (listen on 0) and released can be taken at once by an
 * outgoing connection of a test running beside this one, and the server
 * started on it fails with EADDRINUSE; outgoing connections never take a
 * port below that range. Never the same port twice in one test file (an
 * HTTP and an HTTPS port asked for together); files running side by side
 * draw from ~12,000 ports.
 */
export async function freePort(): Promise<number> {
  const [low, high] = pickRange();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (!handedOut.has(port) && await isFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${low}–${high - 1} after 100 attempts`);
}

const handedOut = new Set<number>();

/**
 * Ports 20,000 up to the kernel's ephemeral range (Linux's default range
 * where it cannot be read); where the range starts too low to leave room,
 * any unprivileged port, which an outgoing connection can take, as it could
 * the kernel's own pick.
 */
function pickRange(): [number, number] {
  let first = 32_768;
  try {
    first = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch { /* not Linux: its default */ }
  return first >= 21_000 ? [20_000, first] : [1_024, 65_536];
}

/** Whether a server can listen on `port` on every address (as `--host 0.0.0.0` does). */
function isFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
