/**
 * Child processes for providers (ipmitool and the like), run so that a slow
 * or stuck tool can never outlive its call:
 *
 * - each run gets its own process group (spawned detached), and the whole
 *   group is signalled: SIGTERM when the deadline passes or the caller
 *   aborts, SIGKILL after a grace period, and SIGKILL to any straggler of the
 *   group once the leader has exited;
 * - stdout and stderr are collected up to a byte limit; past it the group is
 *   killed and the run fails;
 * - runs sharing a key (by default the command) never overlap: a BMC answers
 *   one ipmitool at a time, and concurrent sessions only slow each other.
 *
 * A grandchild that leaves the group itself (setsid) is beyond reach; the
 * tools providers run don't do that.
 */
import { spawn } from 'node:child_process';

export interface RunCommandOptions {
  /** Milliseconds the run may take, waiting for an earlier run of the same key included. */
  timeoutMs: number;
  /** Aborts the run (e.g. the provider call's `ctx.signal`). */
  signal?: AbortSignal;
  /** Bytes kept of stdout and of stderr each; more fails the run. Default 4 MiB. */
  maxOutputBytes?: number;
  /** Milliseconds between SIGTERM and SIGKILL. Default 1000. */
  killGraceMs?: number;
  /** Runs with the same key run one after the other. Default: the command. */
  key?: string;
  /** The child's whole environment (Node's spawn semantics). Default: this process's. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** The exit code; 0 for every resolved run. */
  exitCode: number;
  durationMs: number;
}

/** Why a run failed. */
export type CommandErrorCode =
  /** The command could not be started (not found, not executable). */
  | 'SPAWN'
  /** The run passed `timeoutMs`. */
  | 'TIMEOUT'
  /** The caller's signal aborted the run. */
  | 'ABORTED'
  /** stdout or stderr passed `maxOutputBytes`. */
  | 'OUTPUT_LIMIT'
  /** The command exited with a non-zero code. */
  | 'EXIT'
  /** The command was killed by a signal it did not get from us (a crash, the OOM killer). */
  | 'SIGNAL';

/** A failed run, with whatever the command wrote before it failed. */
export class CommandError extends Error {
  readonly code: CommandErrorCode;
  readonly command: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;

  constructor(code: CommandErrorCode, command: string, message: string, details: CommandErrorDetails = {}) {
    super(`${command}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CommandError';
    this.code = code;
    this.command = command;
    this.stdout = details.stdout ?? '';
    this.stderr = details.stderr ?? '';
    this.exitCode = details.exitCode ?? null;
    this.exitSignal = details.exitSignal ?? null;
  }
}

interface CommandErrorDetails {
  stdout?: string;
  stderr?: string;
  exitCode?: number | null;
  exitSignal?: NodeJS.Signals | null;
  cause?: unknown;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
export const DEFAULT_KILL_GRACE_MS = 1000;

/**
 * Runs `command` with `args` (no shell) and resolves with its output when it
 * exits with code 0; rejects with a `CommandError` otherwise. The returned
 * promise settles only once the command's process group is gone.
 */
export async function runCommand(command: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  checkOptions(command, options);
  const started = Date.now();
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signals = options.signal ? [deadline, options.signal] : [deadline];
  const stop = AbortSignal.any(signals);
  const release = await acquire(options.key ?? command, stop).catch((error: unknown) => {
    throw stopError(command, deadline, options, error);
  });
  try {
    const output = await spawnGroup(command, args, options, stop, deadline);
    return { ...output, exitCode: 0, durationMs: Date.now() - started };
  } finally {
    release();
  }
}

function checkOptions(command: string, options: RunCommandOptions): void {
  const positive = (name: string, value: number | undefined): void => {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`runCommand ${command}: ${name} must be a positive number, got ${value}`);
    }
  };
  positive('timeoutMs', options.timeoutMs);
  positive('maxOutputBytes', options.maxOutputBytes);
  positive('killGraceMs', options.killGraceMs);
}

function stopError(command: string, deadline: AbortSignal, options: RunCommandOptions, cause?: unknown, output?: Output): CommandError {
  const details = { ...output, cause };
  if (deadline.aborted) return new CommandError('TIMEOUT', command, `timed out after ${options.timeoutMs} ms`, details);
  return new CommandError('ABORTED', command, 'aborted', details);
}

// ---- one run at a time per key -------------------------------------------

const queues = new Map<string, Promise<void>>();

/** Waits for the earlier runs of `key`; resolves with the function that lets the next one go. */
async function acquire(key: string, signal: AbortSignal): Promise<() => void> {
  signal.throwIfAborted();
  const previous = queues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  try {
    await abortable(previous, signal);
  } catch (error) {
    release();
    throw error;
  }
  return release;
}

function abortable(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

// ---- the process group ------------------------------------------------------

interface Output {
  stdout: string;
  stderr: string;
}

/** Process groups still alive, killed if this process exits first. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function trackGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of liveGroups) killGroup(group, 'SIGKILL');
  });
}

/** Signals every process of a group; false when none is left. */
function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

function spawnGroup(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
  stop: AbortSignal,
  deadline: AbortSignal,
): Promise<Output> {
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const grace = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env,
      cwd: options.cwd,
    });
    const pgid = child.pid;
    if (pgid !== undefined) trackGroup(pgid);
    const stdout = new Collector(limit);
    const stderr = new Collector(limit);
    let failure: CommandError | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const output = (): Output => ({ stdout: stdout.text(), stderr: stderr.text() });

    const terminate = (error: CommandError): void => {
      if (failure) return;
      failure = error;
      if (pgid === undefined) return;
      killGroup(pgid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(pgid, 'SIGKILL'), grace);
    };
    const onStop = (): void => terminate(stopError(command, deadline, options));
    stop.addEventListener('abort', onStop, { once: true });

    const onData = (collector: Collector, stream: string) => (chunk: Buffer) => {
      if (!collector.add(chunk)) {
        terminate(new CommandError('OUTPUT_LIMIT', command, `${stream} passed ${limit} bytes`));
      }
    };
    child.stdout.on('data', onData(stdout, 'stdout'));
    child.stderr.on('data', onData(stderr, 'stderr'));

    // The leader is gone: take its stragglers with it, so their open pipes don't hold 'close'.
    child.once('exit', () => {
      if (pgid !== undefined) killGroup(pgid, 'SIGKILL');
    });
    child.once('error', (error) => {
      failure ??= new CommandError('SPAWN', command, `cannot start: ${error.message}`, { cause: error });
    });
    child.once('close', (code, signal) => {
      stop.removeEventListener('abort', onStop);
      clearTimeout(killTimer);
      if (pgid !== undefined) liveGroups.delete(pgid);
      const result = output();
      if (failure) reject(withOutput(failure, result, code, signal));
      else if (signal !== null) reject(new CommandError('SIGNAL', command, `killed by ${signal}`, { ...result, exitSignal: signal }));
      else if (code !== 0) reject(new CommandError('EXIT', command, `exited with code ${code}${firstLine(result.stderr)}`, { ...result, exitCode: code }));
      else resolve(result);
    });
  });
}

function withOutput(error: CommandError, output: Output, exitCode: number | null, exitSignal: NodeJS.Signals | null): CommandError {
  const message = error.message.slice(error.command.length + 2);
  return new CommandError(error.code, error.command, message, { ...output, exitCode, exitSignal, cause: error.cause });
}

function firstLine(stderr: string): string {
  const line = stderr.trim().split('\n', 1)[0];
  return line ? `: ${line}` : '';
}

/** Collects a stream's chunks up to a byte limit. */
class Collector {
  readonly #chunks: Buffer[] = [];
  #bytes = 0;

  constructor(readonly limit: number) {}

  /** Keeps what fits; false once the limit is passed. */
  add(chunk: Buffer): boolean {
    const room = this.limit - this.#bytes;
    if (room > 0) this.#chunks.push(chunk.length <= room ? chunk : chunk.subarray(0, room));
    this.#bytes += chunk.length;
    return this.#bytes <= this.limit;
  }

  text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }
}
