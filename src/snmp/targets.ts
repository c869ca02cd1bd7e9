/**
 * Configured receivers made ready to use: the address split, the version
 * settled, each secret read from the configuration, its file or its
 * variable. A file or variable that is missing or empty stops the start
 * with an error that names it (never the secret).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { AUTH_PROTOCOLS, MIN_USM_KEY, PRIV_PROTOCOLS, targetVersion, type SnmpTargetConfig } from '../config/snmp.js';

export class SnmpTargetError extends Error {
  readonly code = 'THINCIM_SNMP_TARGET';

  constructor(message: string) {
    super(message);
    this.name = 'SnmpTargetError';
  }
}

interface Common {
  /** As configured: names the target in logs and consumer names. */
  readonly address: string;
  readonly host: string;
  readonly port: number;
  readonly transport: 'udp4' | 'udp6';
  readonly notification: 'trap' | 'inform';
  readonly retries: number;
  readonly timeoutMs: number;
}

export type SnmpTarget =
  | (Common & { readonly version: '1'; readonly notification: 'trap'; readonly community: string; readonly agentAddress?: string | undefined })
  | (Common & { readonly version: '2c'; readonly community: string })
  | (Common & {
    readonly version: '3';
    readonly user: string;
    readonly authProtocol: (typeof AUTH_PROTOCOLS)[number];
    readonly authKey: string;
    readonly privProtocol: (typeof PRIV_PROTOCOLS)[number];
    readonly privKey: string;
  });

/** Informs: net-snmp's own defaults (1 retry, 5 s) are short for a receiver that restarts. */
export const DEFAULT_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 5000;

type Env = Readonly<Record<string, string | undefined>>;

export function resolveTargets(snmp: { targets: readonly SnmpTargetConfig[]; community?: string | undefined }, env: Env): SnmpTarget[] {
  return snmp.targets.map((target) => resolveTarget(target, snmp.community, env));
}

function resolveTarget(target: SnmpTargetConfig, community: string | undefined, env: Env): SnmpTarget {
  const match = /^udp:(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(target.address);
  if (!match) throw new SnmpTargetError(`SNMP target ${target.address}: the address must be udp:HOST:PORT`);
  const host = match[1] ?? match[2]!;
  const common: Common = {
    address: target.address,
    host,
    port: Number(match[3]),
    transport: isIP(host) === 6 ? 'udp6' : 'udp4',
    notification: target.notification ?? 'trap',
    retries: target.retries ?? DEFAULT_RETRIES,
    timeoutMs: target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const secret = (what: 'community' | 'authKey' | 'privKey', fallback?: string): string => {
    const value = readSecret(target, what, env) ?? fallback;
    if (value === undefined) throw new SnmpTargetError(`SNMP target ${target.address}: no ${what}`);
    if (what !== 'community' && [...value].length < MIN_USM_KEY) {
      throw new SnmpTargetError(`SNMP target ${target.address}: the ${what} must have at least ${MIN_USM_KEY} characters`);
    }
    return value;
  };
  const version = targetVersion(target);
  if (version === '1') {
    if (common.notification === 'inform') throw new SnmpTargetError(`SNMP target ${target.address}: SNMPv1 has no informs`);
    return { ...common, version, notification: 'trap', community: secret('community', community), agentAddress: target.agentAddress };
  }
  if (version === '2c') return { ...common, version, community: secret('community', community) };
  if (target.user === undefined) throw new SnmpTargetError(`SNMP target ${target.address}: SNMPv3 needs a user`);
  return {
    ...common,
    version: '3',
    user: target.user,
    authProtocol: target.authProtocol ?? 'sha',
    authKey: secret('authKey'),
    privProtocol: target.privProtocol ?? 'aes',
    privKey: secret('privKey'),
  };
}

/** The secret given inline, in a file (its first line) or in a variable. */
function readSecret(target: SnmpTargetConfig, what: 'community' | 'authKey' | 'privKey', env: Env): string | undefined {
  const inline = target[what];
  if (inline !== undefined) return inline;
  const file = target[`${what}File`];
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new SnmpTargetError(`SNMP target ${target.address}: cannot read ${what}File ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    const value = text.split(/\r?\n/, 1)[0]!;
    if (value === '') throw new SnmpTargetError(`SNMP target ${target.address}: ${what}File ${file} is empty`);
    return value;
  }
  const variable = target[`${what}Env`];
  if (variable !== undefined) {
    const value = env[variable];
    if (value === undefined || value === '') throw new SnmpTargetError(`SNMP target ${target.address}: the variable ${variable} (${what}Env) is not set`);
    return value;
  }
  return undefined;
}

/**
 * The SNMPv3 engine ID when none is configured: stable for a host, so that
 * receivers keep their `createUser -e` lines across restarts (RFC 3411
 * format: the enterprise number with the high bit set, then 04 and the host
 * name as text, or 05 and a hash of it when it is longer than 27 octets).
 */
export function defaultEngineId(hostname: string, enterprise = 32473): string {
  const prefix = (0x80000000 + enterprise).toString(16).padStart(8, '0');
  const name = Buffer.from(hostname, 'utf8');
  if (name.length >= 1 && name.length <= 27) return `${prefix}04${name.toString('hex')}`;
  return `${prefix}05${createHash('sha256').update(name).digest('hex').slice(0, 24)}`;
}
