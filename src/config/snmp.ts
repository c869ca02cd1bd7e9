/**
 * The SNMP receivers of `snmp.targets`: their schema, how flags and variables
 * write them, and the rules across their keys. Only configuration lives here;
 * the sender (src/snmp) is loaded when a target is configured.
 */
import { getCiphers } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { SchemaObject } from 'ajv';
import type { Field } from './fields.js';

export const AUTH_PROTOCOLS = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export const PRIV_PROTOCOLS = ['des', 'aes', 'aes256b', 'aes256r'] as const;

/** One receiver as the configuration gives it. */
export interface SnmpTargetConfig {
  /** `udp:HOST:PORT`; an IPv6 host in brackets (`udp:[::1]:162`). */
  address: string;
  notification?: 'trap' | 'inform';
  /** A number as YAML writes `version: 1` or `version: 3`; `2c` is text. */
  version?: SnmpVersion | 1 | 3;
  community?: string;
  communityFile?: string;
  communityEnv?: string;
  user?: string;
  authProtocol?: (typeof AUTH_PROTOCOLS)[number];
  authKey?: string;
  authKeyFile?: string;
  authKeyEnv?: string;
  privProtocol?: (typeof PRIV_PROTOCOLS)[number];
  privKey?: string;
  privKeyFile?: string;
  privKeyEnv?: string;
  retries?: number;
  timeoutMs?: number;
  /** SNMPv1: the Trap-PDU's agent-addr, an IPv4 address. */
  agentAddress?: string;
}

export type SnmpVersion = '1' | '2c' | '3';

/** `udp:HOST:PORT`: a DNS name or IPv4 address, or an IPv6 address in brackets; the port is required. */
export const TARGET_ADDRESS = '^udp:(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})$';

/** The keys of a target that hold a secret: masked by `config --print`. */
export const TARGET_SECRET_KEYS = ['community', 'authKey', 'privKey'] as const;

const secretSource = (what: string, minLength: number): Record<string, SchemaObject> => ({
  [what]: { type: 'string', minLength, maxLength: 256 },
  [`${what}File`]: { type: 'string', pattern: '^/', maxLength: 4096 },
  [`${what}Env`]: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 128 },
});

/** USM keys shorter than 8 characters are refused by RFC 3414 (and by net-snmp's receivers). */
export const MIN_USM_KEY = 8;

const TARGET_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['address'],
  additionalProperties: false,
  properties: {
    address: { type: 'string', pattern: TARGET_ADDRESS, maxLength: 300 },
    notification: { type: 'string', enum: ['trap', 'inform'] },
    version: { enum: ['1', '2c', '3', 1, 3] },
    ...secretSource('community', 1),
    user: { type: 'string', minLength: 1, maxLength: 32 },
    authProtocol: { type: 'string', enum: [...AUTH_PROTOCOLS] },
    ...secretSource('authKey', MIN_USM_KEY),
    privProtocol: { type: 'string', enum: [...PRIV_PROTOCOLS] },
    ...secretSource('privKey', MIN_USM_KEY),
    retries: { type: 'integer', minimum: 0, maximum: 20 },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 600_000 },
    agentAddress: { type: 'string', maxLength: 15 },
  },
};

/**
 * Flag and variable text to targets, the same for both: comma-separated
 * `udp:HOST:PORT` addresses (v2c, with `snmp.community`), or a JSON list of
 * target objects with every key a file gives (`version: 1` among them). Each
 * flag occurrence is read on its own, so the two forms mix. A list that does
 * not parse goes on as is, for the schema to report.
 */
function targetsFromText(texts: readonly string[]): unknown {
  const targets: unknown[] = [];
  for (const text of texts.map((t) => t.trim())) {
    if (!text.startsWith('[')) {
      targets.push(...text.split(',').map((s) => s.trim()).filter((s) => s !== '').map((address) => ({ address })));
      continue;
    }
    try {
      targets.push(...(JSON.parse(text) as unknown[]));
    } catch {
      return text;
    }
  }
  return targets;
}

export function snmpTargets(opts: { doc: string; flag: string }): Field<SnmpTargetConfig[]> {
  return {
    kind: 'field',
    ...opts,
    default: [],
    defaultDoc: 'none',
    secretKeys: TARGET_SECRET_KEYS,
    schema: { type: 'array', maxItems: 64, items: TARGET_SCHEMA },
    fromText: targetsFromText,
  };
}

export interface SnmpProblem {
  key: string;
  message: string;
}

const given = (target: SnmpTargetConfig, what: 'community' | 'authKey' | 'privKey'): string[] =>
  [what, `${what}File`, `${what}Env`].filter((k) => target[k as keyof SnmpTargetConfig] !== undefined);

/** The version a target speaks: as given, else 3 when it names a user. */
export function targetVersion(target: SnmpTargetConfig): SnmpVersion {
  if (target.version !== undefined) return String(target.version) as SnmpVersion;
  return target.user === undefined ? '2c' : '3';
}

/** What the schema cannot say: which keys go together, per version. */
export function snmpProblems(snmp: { targets: SnmpTargetConfig[]; community?: string | undefined; engineId?: string | undefined }): SnmpProblem[] {
  const problems: SnmpProblem[] = [];
  if (snmp.engineId !== undefined && /^(0x)?((00)+|(ff)+)$/i.test(snmp.engineId)) {
    problems.push({ key: 'snmp.engineId', message: 'an engine ID of all 00 or all ff octets is reserved (RFC 3411 SnmpEngineID); receivers may refuse it' });
  }
  snmp.targets.forEach((target, i) => {
    const add = (message: string, key?: keyof SnmpTargetConfig): void =>
      void problems.push({ key: `snmp.targets.${i}${key === undefined ? '' : `.${key}`}`, message: `${target.address}: ${message}` });
    for (const what of ['communityEnv', 'authKeyEnv', 'privKeyEnv'] as const) {
      if (target[what]?.startsWith('THINCIM_')) add(`${what}: THINCIM_* variables are configuration keys; name the secret's variable otherwise`);
    }
    const port = Number(/:(\d+)$/.exec(target.address)?.[1]);
    if (!(port >= 1 && port <= 65535)) add('the port must be 1–65535');
    const oneOf = (what: 'community' | 'authKey' | 'privKey'): number => {
      const keys = given(target, what);
      if (keys.length > 1) add(`give one of ${keys.join(', ')}`);
      return keys.length;
    };
    const version = targetVersion(target);
    if (target.agentAddress !== undefined) {
      if (version !== '1') add('belongs to SNMPv1 (the Trap-PDU\'s agent-addr; set version: 1)', 'agentAddress');
      else if (!isIPv4(target.agentAddress)) add('must be an IPv4 address (a.b.c.d): the Trap-PDU\'s agent-addr has four octets', 'agentAddress');
    }
    const v3Keys = ['user', 'authProtocol', 'privProtocol', ...given(target, 'authKey'), ...given(target, 'privKey')]
      .filter((k) => target[k as keyof SnmpTargetConfig] !== undefined);
    if (version !== '3') {
      if (v3Keys.length > 0) add(`${v3Keys.join(', ')} belong to SNMPv3 (set version: '3')`);
      if (oneOf('community') === 0 && snmp.community === undefined) add('needs a community: its own, or snmp.community (--snmp-community)');
      // RFC 1157 §4.1.6: the Trap-PDU is all SNMPv1 has; nothing acknowledges it.
      if (version === '1' && target.notification === 'inform') add('SNMPv1 has no informs, only traps (RFC 1157); use notification: trap, or version 2c or 3 for informs', 'notification');
      return;
    }
    const communityKeys = given(target, 'community');
    if (communityKeys.length > 0) add(`${communityKeys.join(', ')} belong to SNMPv2c`);
    if (target.user === undefined) add('SNMPv3 needs a user');
    // authPriv only: SNMPv3 without privacy would send the hardware's state in clear.
    if (oneOf('authKey') === 0) add('SNMPv3 needs an authentication key (authKey, authKeyFile or authKeyEnv)');
    if (oneOf('privKey') === 0) add('SNMPv3 needs a privacy key (privKey, privKeyFile or privKeyEnv): thincim sends authPriv only');
    // OpenSSL 3 keeps DES in its legacy provider, off unless node runs with --openssl-legacy-provider: every notification would fail.
    if (target.privProtocol === 'des' && !getCiphers().includes('des-cbc')) {
      add('privProtocol des needs DES-CBC, which this Node.js\'s OpenSSL does not offer without --openssl-legacy-provider; use aes');
    }
  });
  return problems;
}
