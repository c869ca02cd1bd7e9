/**
 * How each tool is invoked. Secrets never go on a command line, where `ps`
 * shows them: ipmitool reads the password from a file (-f) or from
 * IPMI_PASSWORD in its environment (-E); FreeIPMI's tools take it from a
 * configuration file (--config-file), written with mode 0600 into a private
 * temporary directory for the run and removed after it.
 */
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { IpmiError } from './errors.js';
import type { IpmiConfig, Lan } from './options.js';

export type ToolName = 'ipmitool' | 'freeipmi';

/** The executable each tool is run as. */
export const EXECUTABLES: Readonly<Record<ToolName, string>> = { ipmitool: 'ipmitool', freeipmi: 'ipmi-sensors' };

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable file named `name` in a PATH-style list of directories. */
export function findExecutable(name: string, path: string): string | undefined {
  return path.split(delimiter).filter((directory) => directory !== '').map((directory) => join(directory, name)).find(isExecutable);
}

/** Where a tool is: the executable the options name, else a lookup on the path. */
export function locate(tool: ToolName, config: Pick<IpmiConfig, 'executable' | 'path'>): string | undefined {
  if (config.executable !== undefined) return isExecutable(config.executable) ? config.executable : undefined;
  return findExecutable(EXECUTABLES[tool], config.path);
}

/** One prepared run: arguments, environment, and the clean-up of any temporary file. */
export interface Invocation {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The command line as it may be logged (it holds no secret). */
  display: string;
  cleanup(): Promise<void>;
}

const NOTHING = async (): Promise<void> => {};

/** ipmitool with the LAN options or the local interface, then `command` (e.g. ['sdr', 'elist']). */
export function ipmitoolInvocation(executable: string, config: Pick<IpmiConfig, 'lan' | 'localInterface'>, command: readonly string[], env: NodeJS.ProcessEnv): Invocation {
  const { lan, localInterface } = config;
  const args: string[] = localInterface === undefined ? [] : ['-I', localInterface];
  const childEnv: NodeJS.ProcessEnv = { ...env };
  delete childEnv.IPMI_PASSWORD;
  if (lan) {
    args.push('-I', lan.interface, '-H', lan.host);
    if (lan.port !== undefined) args.push('-p', String(lan.port));
    if (lan.user !== undefined) args.push('-U', lan.user);
    if (lan.password.kind === 'file') args.push('-f', lan.password.path);
    if (lan.password.kind === 'value') {
      args.push('-E');
      childEnv.IPMI_PASSWORD = lan.password.secret.reveal();
    }
  }
  args.push(...command);
  return { args, env: childEnv, display: [executable, ...args].join(' '), cleanup: NOTHING };
}

/** The `ipmi-sensors` options that print everything the parser reads, in the CSV layout. */
export const FREEIPMI_SENSOR_ARGS: readonly string[] = [
  '--output-sensor-state',
  '--output-sensor-thresholds',
  '--comma-separated-output',
  '--quiet-cache',
  '--sdr-cache-recreate',
];

/**
 * The `ipmi-sensors` options of the declared ranges' read (`rangeRefresh`): the verbose listing, from the SDR cache
 * the sample's own run has just recreated.
 */
export const FREEIPMI_RANGE_ARGS: readonly string[] = ['-v', '--quiet-cache'];

/** A FreeIPMI configuration file can't quote: whitespace, '#', quotes and backslashes would break it. */
const CONFIG_SAFE = /^[^\s#"'\\]+$/;

/** FreeIPMI's driver for each ipmitool interface it has one for. */
const FREEIPMI_DRIVERS: Readonly<Record<string, string>> = { open: 'OPENIPMI', lan: 'LAN', lanplus: 'LAN_2_0' };

/** ipmi-sensors with the LAN options (password in a private configuration file), then `extra`. */
export async function freeIpmiInvocation(executable: string, config: Pick<IpmiConfig, 'lan' | 'localInterface'>, extra: readonly string[], env: NodeJS.ProcessEnv): Promise<Invocation> {
  const { lan, localInterface } = config;
  const driver = localInterface === undefined ? undefined : FREEIPMI_DRIVERS[localInterface];
  const args: string[] = driver === undefined ? [] : [`--driver-type=${driver}`];
  let cleanup = NOTHING;
  if (lan) {
    args.push(`--driver-type=${FREEIPMI_DRIVERS[lan.interface]}`, `--hostname=${freeIpmiHost(lan)}`);
    if (lan.user !== undefined) args.push(`--username=${lan.user}`);
    const password = await passwordText(lan);
    if (password !== undefined) {
      if (!CONFIG_SAFE.test(password)) {
        throw new IpmiError('BAD_OPTION', 'FreeIPMI cannot take this password: it holds whitespace, #, quotes or a backslash (use tool: ipmitool)');
      }
      const directory = await mkdtemp(join(tmpdir(), 'thincim-ipmi-'));
      const file = join(directory, 'freeipmi.conf');
      await writeFile(file, `password ${password}\n`, { mode: 0o600 });
      args.push(`--config-file=${file}`);
      cleanup = () => rm(directory, { recursive: true, force: true });
    }
  }
  args.push(...extra);
  return { args, env: { ...env }, display: [executable, ...args].join(' '), cleanup };
}

/** "host[:port]", an IPv6 address in brackets when a port follows. */
function freeIpmiHost(lan: Lan): string {
  if (lan.port === undefined) return lan.host;
  return `${lan.host.includes(':') ? `[${lan.host}]` : lan.host}:${lan.port}`;
}

async function passwordText(lan: Lan): Promise<string | undefined> {
  if (lan.password.kind === 'value') return lan.password.secret.reveal();
  if (lan.password.kind === 'none') return undefined;
  try {
    return (await readFile(lan.password.path, 'utf8')).replace(/\r?\n$/, '');
  } catch (error) {
    throw new IpmiError('FILE', `cannot read passwordFile ${lan.password.path}: ${(error as Error).message}`, { cause: error });
  }
}

/** The cheap command that tells whether a tool reaches a BMC. */
export function probeCommand(tool: ToolName): string[] {
  return tool === 'ipmitool' ? ['mc', 'info'] : ['--sdr-info'];
}

/** The order 'auto' tries the tools in; FreeIPMI only where it has a driver for the interface named. */
export function candidates(config: Pick<IpmiConfig, 'tool' | 'localInterface'>): ToolName[] {
  if (config.tool !== 'auto') return [config.tool];
  return freeIpmiSupports(config.localInterface) ? ['ipmitool', 'freeipmi'] : ['ipmitool'];
}

/** Whether FreeIPMI can use the interface the options name. */
export function freeIpmiSupports(localInterface: string | undefined): boolean {
  return localInterface === undefined || FREEIPMI_DRIVERS[localInterface] !== undefined;
}
