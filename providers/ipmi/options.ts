/**
 * The provider's options, checked once when the provider is created: a wrong
 * option is an `IpmiError('BAD_OPTION')` naming it, never a surprise at the
 * first sample. The password is held in a `Secret` that prints as
 * "[redacted]" however it is logged.
 */
import { basename } from 'node:path';
import { inspect } from 'node:util';
import type { ProviderOptions } from '../../src/providers/api.js';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../../src/providers/child.js';
import { IpmiError } from './errors.js';
import { isLegacyIpmitool } from './legacy.js';
import { freeIpmiSupports } from './tools.js';

export type ToolChoice = 'auto' | 'ipmitool' | 'freeipmi';
export type LanInterface = 'lanplus' | 'lan';

/** The options the provider accepts, next to `interval` and `timeout`. */
export interface IpmiOptions extends ProviderOptions {
  /**
   * Which tool reads the BMC: 'auto' (ipmitool, then FreeIPMI), 'ipmitool',
   * 'freeipmi', or the path of an `ipmitool` or `ipmi-sensors` executable.
   * Default 'auto'.
   */
  tool?: string;
  /** The BMC's address for IPMI over LAN; local (/dev/ipmi0) when absent. */
  host?: string;
  user?: string;
  /** The LAN password; prefer `passwordFile` or the IPMI_PASSWORD environment variable. */
  password?: string;
  /** A file holding the LAN password (ipmitool reads it itself with -f). */
  passwordFile?: string;
  /**
   * With `host`: 'lanplus' (IPMI 2.0, RMCP+; the default) or 'lan'. Without:
   * the local interface ipmitool takes with -I ('open', 'imb' …; FreeIPMI
   * knows 'open'); absent, the tool chooses.
   */
  interface?: string;
  /** The BMC's RMCP port. Default 623. */
  port?: number;
  /** A recorded `ipmitool sdr …` (any layout) or FreeIPMI `ipmi-sensors` output to replay instead of a BMC. */
  sdrFile?: string;
  /** A recorded `ipmitool sensor` output (thresholds) to replay, merged with `sdrFile`. */
  sensorFile?: string;
  /** A recorded `ipmitool fru print` output to replay. */
  fruFile?: string;
  /**
   * The version of the ipmitool that printed the recordings ("1.8.11"):
   * before 1.8.12, nc/cr/nr on a non-threshold record are state offsets.
   * Absent: a status is a verdict. A live ipmitool is asked (`ipmitool -V`).
   */
  ipmitoolVersion?: string;
  /** Milliseconds one tool run may take (never past the call's deadline). Default 30000. */
  commandTimeout?: number;
  /** Seconds between reads of the slow-changing thresholds (`ipmitool sensor`). Default 300. */
  thresholdRefresh?: number;
  /** Seconds between reads of the FRU inventory (`ipmitool fru print 0`). Default 3600. */
  fruRefresh?: number;
  /**
   * Seconds between reads of the sensors' nominal, normal and readable ranges (`ipmitool -v sdr` or `ipmi-sensors -v`,
   * about three BMC commands a record: 10-60 s over the LAN). Default 0: never read live.
   */
  rangeRefresh?: number;
  /** Also read `ipmitool dcmi power reading` each sample. Default false. */
  dcmi?: boolean;
  /** Bytes of a tool's output, or of a recording, read at most. Default 4 MiB. */
  maxOutputBytes?: number;
  /** Where to look for the tools (PATH syntax). Default: this process's PATH. */
  path?: string;
}

/** A value that never prints: String(), JSON and util.inspect all show "[redacted]". */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return '[redacted]';
  }
}

export type Password = { kind: 'none' } | { kind: 'file'; path: string } | { kind: 'value'; secret: Secret };

export interface Lan {
  host: string;
  user?: string;
  password: Password;
  interface: LanInterface;
  port?: number;
}

export interface IpmiConfig {
  tool: ToolChoice;
  /** The executable `tool` names by path; absent: looked up on `path`. */
  executable?: string;
  /** Absent for the local BMC. */
  lan?: Lan;
  /** The local interface (ipmitool -I), when the options name one. */
  localInterface?: string;
  recording?: { sdrFile?: string; sensorFile?: string; fruFile?: string };
  /** The recordings come from an ipmitool before 1.8.12 (their declared `ipmitoolVersion`). */
  legacyRecording?: boolean;
  /** Milliseconds one tool run may take. */
  commandTimeoutMs: number;
  thresholdRefreshMs: number;
  fruRefreshMs: number;
  rangeRefreshMs: number;
  dcmi: boolean;
  maxOutputBytes: number;
  path: string;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
export const DEFAULT_THRESHOLD_REFRESH_S = 300;
export const DEFAULT_FRU_REFRESH_S = 3600;
/** Ranges are guidance, and their live read is the slowest: off unless asked for. */
export const DEFAULT_RANGE_REFRESH_S = 0;

const KNOWN_KEYS = [
  'interval', 'timeout', 'tool', 'host', 'user', 'password', 'passwordFile', 'interface', 'port', 'sdrFile',
  'sensorFile', 'fruFile', 'ipmitoolVersion', 'commandTimeout', 'thresholdRefresh', 'fruRefresh', 'rangeRefresh', 'dcmi', 'maxOutputBytes', 'path',
];
const INTERFACE = /^[a-z][a-z0-9-]*$/;

function bad(message: string): IpmiError {
  return new IpmiError('BAD_OPTION', message);
}

function optionalString(options: ProviderOptions, key: string): string | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw bad(`option '${key}' must be a non-empty string`);
  return value;
}

function optionalNumber(options: ProviderOptions, key: string, fallback: number, check: (n: number) => boolean, rule: string): number {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) throw bad(`option '${key}' must be ${rule}, got ${String(value)}`);
  return value;
}

function oneOf<T extends string>(options: ProviderOptions, key: string, allowed: readonly T[], fallback: T): T {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw bad(`option '${key}' must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}

const positive = (n: number): boolean => n > 0;

/** Checks the options and fills in defaults; `env` supplies IPMI_PASSWORD. */
export function parseOptions(options: ProviderOptions, env: NodeJS.ProcessEnv = process.env): IpmiConfig {
  const unknown = Object.keys(options).find((key) => !KNOWN_KEYS.includes(key));
  if (unknown !== undefined) throw bad(`option '${unknown}' is unknown; the options are ${KNOWN_KEYS.join(', ')}`);
  const dcmi = options.dcmi;
  if (dcmi !== undefined && typeof dcmi !== 'boolean') throw bad(`option 'dcmi' must be true or false`);
  const config: IpmiConfig = {
    ...parseTool(options),
    commandTimeoutMs: optionalNumber(options, 'commandTimeout', DEFAULT_COMMAND_TIMEOUT_MS, positive, 'a positive number of milliseconds'),
    thresholdRefreshMs: 1000 * optionalNumber(options, 'thresholdRefresh', DEFAULT_THRESHOLD_REFRESH_S, (n) => n >= 0, 'a number of seconds ≥ 0'),
    fruRefreshMs: 1000 * optionalNumber(options, 'fruRefresh', DEFAULT_FRU_REFRESH_S, (n) => n >= 0, 'a number of seconds ≥ 0'),
    rangeRefreshMs: 1000 * optionalNumber(options, 'rangeRefresh', DEFAULT_RANGE_REFRESH_S, (n) => n >= 0, 'a number of seconds ≥ 0'),
    dcmi: dcmi ?? false,
    maxOutputBytes: optionalNumber(options, 'maxOutputBytes', DEFAULT_MAX_OUTPUT_BYTES, (n) => Number.isInteger(n) && n > 0, 'a positive integer'),
    path: optionalString(options, 'path') ?? env.PATH ?? '',
  };
  optionalNumber(options, 'interval', 1, positive, 'a positive number of seconds');
  optionalNumber(options, 'timeout', 1, positive, 'a positive number of milliseconds');
  const lan = parseLan(options, env);
  if (lan) config.lan = lan;
  const localInterface = optionalString(options, 'interface');
  if (!lan && localInterface !== undefined) {
    if (!INTERFACE.test(localInterface)) throw bad(`option 'interface' must be an ipmitool interface name such as 'open'`);
    if (localInterface === 'lan' || localInterface === 'lanplus') throw bad(`option 'interface' '${localInterface}' is for IPMI over LAN and needs 'host'`);
    if (config.tool === 'freeipmi' && !freeIpmiSupports(localInterface)) throw bad(`option 'interface': FreeIPMI has no driver for '${localInterface}' (it knows open)`);
    config.localInterface = localInterface;
  }
  const recording = parseRecording(options);
  if (recording) {
    if (lan) throw bad(`options 'sdrFile'/'sensorFile'/'fruFile' replay recordings and cannot be combined with 'host'`);
    config.recording = recording;
  }
  const version = optionalString(options, 'ipmitoolVersion');
  if (version !== undefined) {
    if (!recording) throw bad(`option 'ipmitoolVersion' declares the version of a recording (sdrFile/sensorFile); a live ipmitool is asked with ipmitool -V`);
    if (!/^\d+\.\d+\.\d+$/.test(version)) throw bad(`option 'ipmitoolVersion' must be a version such as '1.8.11', got '${version}'`);
    config.legacyRecording = isLegacyIpmitool(version);
  }
  return config;
}

/** 'auto' | 'ipmitool' | 'freeipmi', or an executable's path whose name tells the tool. */
function parseTool(options: ProviderOptions): Pick<IpmiConfig, 'tool' | 'executable'> {
  const value = optionalString(options, 'tool') ?? 'auto';
  if (value === 'auto' || value === 'ipmitool' || value === 'freeipmi') return { tool: value };
  if (value === 'ipmi-sensors') return { tool: 'freeipmi' };
  const name = basename(value);
  if (value.includes('/') && name.startsWith('ipmitool')) return { tool: 'ipmitool', executable: value };
  if (value.includes('/') && name.startsWith('ipmi-sensors')) return { tool: 'freeipmi', executable: value };
  throw bad(`option 'tool' must be 'auto', 'ipmitool', 'freeipmi' or the path of an ipmitool or ipmi-sensors executable, got '${value}'`);
}

function parseLan(options: ProviderOptions, env: NodeJS.ProcessEnv): Lan | undefined {
  const host = optionalString(options, 'host');
  const user = optionalString(options, 'user');
  const passwordFile = optionalString(options, 'passwordFile');
  const password = options.password;
  if (password !== undefined && typeof password !== 'string') throw bad(`option 'password' must be a string`);
  if (!host) {
    const stray = ['user', 'password', 'passwordFile', 'port'].find((key) => options[key] !== undefined);
    if (stray) throw bad(`option '${stray}' is for IPMI over LAN and needs 'host'`);
    return undefined;
  }
  if (password !== undefined && passwordFile !== undefined) throw bad(`options 'password' and 'passwordFile' exclude each other`);
  const lan: Lan = {
    host,
    interface: oneOf(options, 'interface', ['lanplus', 'lan'], 'lanplus'),
    password: passwordOf(password, passwordFile, env),
  };
  if (user) lan.user = user;
  const port = optionalNumber(options, 'port', 0, (n) => Number.isInteger(n) && n > 0 && n < 65536, 'a port number');
  if (port) lan.port = port;
  return lan;
}

function passwordOf(password: string | undefined, file: string | undefined, env: NodeJS.ProcessEnv): Password {
  if (file !== undefined) return { kind: 'file', path: file };
  const value = password ?? env.IPMI_PASSWORD;
  return value === undefined ? { kind: 'none' } : { kind: 'value', secret: new Secret(value) };
}

function parseRecording(options: ProviderOptions): IpmiConfig['recording'] {
  const files = { sdrFile: optionalString(options, 'sdrFile'), sensorFile: optionalString(options, 'sensorFile'), fruFile: optionalString(options, 'fruFile') };
  if (files.sdrFile === undefined && files.sensorFile === undefined && files.fruFile === undefined) return undefined;
  if (files.sdrFile === undefined && files.sensorFile === undefined) throw bad(`option 'fruFile' needs 'sdrFile' or 'sensorFile': a recording must list sensors`);
  return Object.fromEntries(Object.entries(files).filter(([, value]) => value !== undefined));
}
