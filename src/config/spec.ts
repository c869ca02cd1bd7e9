/**
 * The configuration table: every key, its type, default, documentation, flag
 * and environment variable. File keys are camelCase; the flag is the
 * kebab-case of the dotted path (`limits.bodyBytes` → `--limits-body-bytes`),
 * the variable its SCREAMING_SNAKE with `THINCIM_` (`THINCIM_LIMITS_BODY_BYTES`),
 * unless a field names its flag.
 */
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  boolean, type DefaultContext, type Infer, integer, list, number, oneOf, path, port, sections, stringMap, text,
} from './fields.js';
import { snmpTargets } from './snmp.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The state folder of a system install. */
export const SYSTEM_STATE_DIR = '/var/lib/thincim';

function canWrite(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `/var/lib/thincim` when it (or, before first start, `/var/lib`) is
 * writable, else the XDG state folder of the user.
 */
export function defaultStateDir(
  env: Readonly<Record<string, string | undefined>>,
  writable: (dir: string) => boolean = canWrite,
): string {
  if (writable(SYSTEM_STATE_DIR) || writable(dirname(SYSTEM_STATE_DIR))) return SYSTEM_STATE_DIR;
  const xdg = env['XDG_STATE_HOME'];
  if (xdg && xdg.startsWith('/')) return join(xdg, 'thincim');
  return join(env['HOME'] || homedir(), '.local', 'state', 'thincim');
}

const stateDirOf = (ctx: DefaultContext): string => ctx.config['stateDir'] as string;

/** A TLS client certificate selector: a SHA-256 fingerprint (hex, colons optional) or a subject CN. */
const CERT_SELECTOR = '^.{1,256}$';

export const CONFIG_SPEC = {
  host: text({
    doc: 'Address HTTPS listens on, and HTTP too when `httpOpen` is true (`0.0.0.0` or `::` for every interface). '
      + '`localhost` listens on each loopback address it resolves to (127.0.0.1, then ::1 on most hosts), on one port, each alike: '
      + 'same limits (counted together), timeouts, `Expect: 100-continue` handling and certificate; an address family the host lacks '
      + 'is left out with a warning, a port another program holds on one of them fails the start.',
    default: '0.0.0.0',
    maxLength: 255,
  }),
  httpPort: port({ doc: 'Plain HTTP port (0 disables). Without `httpOpen`, HTTP listens on 127.0.0.1 only.', default: 5988 }),
  httpsPort: port({ doc: 'HTTPS port (0 disables).', default: 5989 }),
  httpOpen: boolean({ doc: 'Let plain HTTP listen on `host` instead of loopback only.', default: false }),
  tls: {
    cert: path({ doc: 'Server certificate (PEM file, chain allowed). Absent: a self-signed one is created in `stateDir` on first start and reused.' }),
    key: path({ doc: 'Private key of `tls.cert` (PEM file).' }),
    ca: path({ doc: 'CA bundle (PEM) that client certificates must chain to; setting it turns on mutual TLS.' }),
    clientCertUsers: stringMap({
      doc: 'Client certificate → user name: keys are a SHA-256 fingerprint (`AA:BB:…`) or a subject CN. JSON object in the variable and flag.',
      default: {},
      defaultDoc: '`{}`',
      keyPattern: CERT_SELECTOR,
    }),
    minVersion: oneOf(['TLSv1.2', 'TLSv1.3'], { doc: 'Lowest TLS version accepted.', default: 'TLSv1.2' }),
  },
  stateDir: path({
    doc: 'Folder for generated state (self-signed certificate, users file, cache, subscriptions, SNMPv3 engine boots count).',
    default: (ctx) => defaultStateDir(ctx.env),
    defaultDoc: '`/var/lib/thincim` when writable, else `$XDG_STATE_HOME/thincim` or `~/.local/state/thincim`',
  }),
  users: path({
    doc: 'Users file (`thincim passwd` writes it).',
    default: (ctx) => join(stateDirOf(ctx), 'users'),
    defaultDoc: '`<stateDir>/users`',
  }),
  auth: oneOf(['basic', 'none'], {
    doc: 'Authentication on HTTPS and on non-loopback HTTP: HTTP Basic against the users file, or none (anonymous callers, who may only read).',
    default: 'basic',
  }),
  authLoopback: boolean({ doc: 'Also require authentication on plain HTTP on loopback (where anonymous callers may otherwise read).', default: false }),
  anonymousWrite: boolean({
    doc: 'Let anonymous callers change things too (ModifyInstance, SetProperty, methods…), not just read; logs a warning at start.',
    default: false,
  }),
  allowedHosts: list({
    doc: 'Host header names accepted, where anonymous callers are served, besides the defaults (loopback names, the machine\'s name, the listening addresses); `*` accepts any. Comma-separated in the variable and flag.',
    default: [],
    defaultDoc: 'none',
    separator: ',',
  }),
  healthzOpen: boolean({ doc: 'Serve /healthz, and /readyz\'s status without its details, without authentication (for probes that send no credentials).', default: true }),
  limits: {
    bodyBytes: integer({ doc: 'Largest request body', unit: 'bytes', default: 4 * MiB, min: 1 * KiB, max: 1024 * MiB }),
    headerBytes: integer({ doc: 'Largest request header block', unit: 'bytes', default: 16 * KiB, min: 1 * KiB, max: 1 * MiB }),
    connections: integer({ doc: 'Open connections per listener, counted from the moment a connection is accepted (before TLS)', default: 256, min: 1, max: 1_000_000 }),
    connectionsPerAddress: integer({ doc: 'Open connections per listener from one client address', default: 32, min: 1, max: 1_000_000 }),
    handshakeTimeoutMs: integer({ doc: 'Time a new HTTPS connection has to send its first bytes, and then again to complete its TLS handshake', unit: 'ms', default: 5_000, min: 100, max: 600_000 }),
    firstRequestTimeoutMs: integer({
      doc: 'Time a connection has to send a request\'s header block (its first one counted after the TLS handshake)', unit: 'ms', default: 10_000, min: 100, max: 600_000,
    }),
    concurrentOperations: integer({ doc: 'CIM operations processed at once; more wait or are refused', default: 64, min: 1, max: 100_000 }),
    enumerationContexts: integer({ doc: 'Open pull enumeration contexts', default: 256, min: 1, max: 1_000_000 }),
    enumerationContextsPerUser: integer({
      doc: 'Open pull enumeration contexts per user, and per client address of anonymous callers (IPv6: per /64)', default: 32, min: 1, max: 1_000_000,
    }),
    enumerationContextsAnonymous: integer({
      doc: 'Open pull enumeration contexts of all anonymous callers together, whatever their addresses (so that many addresses cannot take every context from users); with `auth: none` every caller without credentials is anonymous, so this bounds them all together', default: 128, min: 1, max: 1_000_000,
    }),
    requestTimeoutMs: integer({ doc: 'Time to receive a whole request', unit: 'ms', default: 30_000, min: 100, max: 3_600_000 }),
    maxObjectCount: integer({ doc: 'Largest MaxObjectCount honoured per pull', default: 10_000, min: 1, max: 10_000_000 }),
    enumerationTimeoutSec: integer({
      doc: 'OperationTimeout of a pull context when the client gives none', unit: 's', default: 60, min: 1, max: 86_400,
    }),
    enumerationTimeoutMaxSec: integer({
      doc: 'Largest OperationTimeout accepted for a pull context', unit: 's', default: 600, min: 1, max: 86_400,
    }),
    maxInstancesPerResponse: integer({ doc: 'Most objects in one non-pull enumeration response', default: 100_000, min: 1, max: 100_000_000 }),
    encodeCacheBytes: integer({
      doc: 'Encoded CIM-XML kept per listener for reuse while its instances last (0: none)', unit: 'bytes', default: 16 * MiB, min: 0, max: 64 * 1024 * MiB,
    }),
    xmlDepth: integer({ doc: 'Deepest XML element nesting in a request', default: 64, min: 8, max: 1024 }),
    xmlAttributes: integer({ doc: 'Most attributes on one XML element', default: 64, min: 4, max: 1024 }),
    xmlElements: integer({ doc: 'Most XML elements in one request (each costs ~0.4 KB of memory while decoding)', default: 50_000, min: 64, max: 10_000_000 }),
    xmlElementsPerKib: integer({ doc: 'Most XML elements per KiB of a request body (its size rounded up to whole KiB)', default: 64, min: 8, max: 1024 }),
    queryDepth: integer({ doc: 'Deepest nesting of parentheses and NOT in a WQL query', default: 64, min: 1, max: 1024 }),
    authFailuresPerMinute: integer({
      doc: 'Failed logins allowed per client address, and per user name, per minute before new password checks are refused for a while (0: no limit)',
      default: 10, min: 0, max: 100_000,
    }),
    authFailureAddresses: integer({ doc: 'Client addresses and user names whose failures are remembered, and clients known by a good password (each, oldest forgotten first)', default: 10_000, min: 1, max: 10_000_000 }),
    authCacheSec: integer({ doc: 'How long a successful password check is remembered (0: check every request)', unit: 's', default: 60, min: 0, max: 3600 }),
    authCacheEntries: integer({ doc: 'Most remembered password checks', default: 1024, min: 1, max: 1_000_000 }),
    passwordChecks: integer({ doc: 'Password checks (scrypt) run at once; more wait their turn', default: 2, min: 1, max: 64 }),
  },
  providers: list({
    doc: '`auto` (the built-in providers that find hardware here) and/or provider names, paths and npm package names; comma-separated in the variable and flag.',
    default: ['auto'],
    defaultDoc: '`auto`',
    separator: ',',
    pathKind: 'modules',
    minItems: 1,
  }),
  hwmon: {
    root: path({ doc: 'Root of sysfs (point it at a capture to replay one).', default: '/sys' }),
    interval: number({ doc: 'Sampling interval', unit: 's', default: 10, min: 0.1, max: 86_400 }),
  },
  ipmi: {
    tool: text({ doc: '`auto` (ipmitool, then FreeIPMI), `ipmitool`, `freeipmi`, or the path of an `ipmitool` or `ipmi-sensors` executable.', default: 'auto' }),
    host: text({ doc: 'BMC address for out-of-band IPMI; absent: the local BMC.', maxLength: 255 }),
    user: text({ doc: 'BMC user (out-of-band).', maxLength: 64 }),
    password: text({
      doc: 'BMC password (out-of-band). Prefer `ipmi.passwordFile`; no flag, since command lines are visible to every local user.',
      secret: true,
      flag: null,
      maxLength: 256,
    }),
    passwordFile: path({ doc: 'File holding the BMC password.' }),
    interface: text({ doc: 'ipmitool interface (`-I`), e.g. `open`, `lanplus`; absent: ipmitool chooses.', pattern: '^[a-z][a-z0-9-]*$', maxLength: 32 }),
    sdrFile: path({ doc: 'Replay a captured `ipmitool sdr` output instead of running ipmitool.' }),
    sensorFile: path({ doc: 'Replay a captured `ipmitool sensor` output instead of running ipmitool.' }),
    fruFile: path({ doc: 'Replay a captured `ipmitool fru` output (chassis and system identity).' }),
    ipmitoolVersion: text({
      doc: 'Version of the ipmitool that printed the replayed captures (`ipmitool -V`, e.g. `1.8.11`): before 1.8.12, nc/cr/nr on non-threshold records are state offsets. Absent: statuses are verdicts. Only with a capture; a live ipmitool is asked.',
      pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$',
      maxLength: 32,
    }),
    port: integer({ doc: 'RMCP port of the BMC (out-of-band).', defaultDoc: '623', min: 1, max: 65535 }),
    interval: number({ doc: 'Sampling interval', unit: 's', default: 20, min: 0.1, max: 86_400 }),
  },
  simulated: {
    sensors: integer({
      doc: 'Scale the simulated host to exactly this many numeric sensors.',
      defaultDoc: 'the scenario\'s own sensors',
      min: 0, max: 100_000, flag: 'sim-sensors',
    }),
    scenario: path({ doc: 'Scenario file of the simulated host (JSON; see providers/simulated).', defaultDoc: 'the built-in scenario', flag: 'sim-scenario' }),
    // hwmon's default: the simulated host stands in for a real one, and costs what it would.
    interval: number({ doc: 'Sampling interval', unit: 's', default: 10, min: 0.1, max: 86_400 }),
    timeScale: number({ doc: 'Simulated seconds per real second: 60 plays a minute of the timeline every second.', default: 1, min: 0.001, max: 3600, flag: 'sim-time-scale' }),
  },
  indications: {
    retryAttempts: integer({ doc: 'Delivery retries after the first attempt (DeliveryRetryAttempts).', default: 3, min: 0, max: 100 }),
    retryInterval: number({ doc: 'Time between delivery attempts (DeliveryRetryInterval).', unit: 's', default: 30, min: 0.01, max: 86_400 }),
    timeout: number({ doc: 'Time one delivery attempt may take, connection to answer.', unit: 's', default: 10, min: 0.1, max: 600 }),
    queueSize: integer({ doc: 'Events waiting per listener destination; past it the oldest are dropped (counted in `thincim_events_dropped_total`).', default: 1000, min: 1, max: 1_000_000 }),
    maxSubscriptions: integer({ doc: 'Most filters, most listener destinations and most subscriptions (each).', default: 100, min: 1, max: 100_000 }),
    removalAction: oneOf(['remove', 'disable', 'ignore'], { doc: 'SubscriptionRemovalAction: what happens to the subscriptions of a destination unreachable for `removalInterval`.', default: 'remove' }),
    removalInterval: number({ doc: 'SubscriptionRemovalTimeInterval.', unit: 's', default: 2_592_000, min: 1, max: 315_360_000 }),
    allowedNetworks: list({
      doc: 'Networks (CIDR) or addresses listener destinations may be in; empty allows any. While set, destinations must be addresses.',
      default: [], defaultDoc: 'any', separator: ',',
    }),
    caFile: path({ doc: 'CA bundle (PEM) that HTTPS listeners\' certificates must chain to.', defaultDoc: 'the system\'s authorities' }),
    fingerprint: text({ doc: 'SHA-256 fingerprint every HTTPS listener\'s certificate must have (pinning).', maxLength: 128 }),
    insecure: boolean({ doc: 'Do not verify the certificates of HTTPS listeners.', default: false }),
  },
  sysinfo: {
    interval: number({ doc: 'Sampling interval', unit: 's', default: 20, min: 0.1, max: 86_400 }),
  },
  providerOptions: sections({
    doc: 'Options of external providers, one object per provider name (or per entry of `providers` as written: a `./` path resolves like the entry). JSON object in the variable and flag.',
    pathKind: 'moduleSections',
    default: {},
    defaultDoc: '`{}`',
  }),
  schemaDir: list({
    doc: 'Extra MOF folders (OEM classes). The flag repeats; the variable separates folders with `:`.',
    default: [],
    defaultDoc: 'none',
    separator: ':',
    splitFlags: false,
    pathKind: 'paths',
  }),
  cacheDir: path({
    doc: 'Folder for the compiled-schema cache.',
    default: (ctx) => join(stateDirOf(ctx), 'cache'),
    defaultDoc: '`<stateDir>/cache`',
  }),
  log: {
    level: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { doc: 'Lowest level of the log lines written.', default: 'info' }),
    pretty: boolean({
      doc: 'Human-readable log lines instead of JSON.',
      default: (ctx) => ctx.stdoutIsTTY,
      defaultDoc: 'true when standard output is a terminal',
    }),
  },
  metrics: boolean({ doc: 'Serve Prometheus metrics at /metrics.', default: true }),
  page: boolean({ doc: 'Serve the hardware health page at / and its JSON API at /api/v1/ (GET; same authentication as CIM).', default: true }),
  history: {
    seconds: integer({ doc: 'How long each numeric sensor\'s readings are kept for the page\'s charts (0: no history)', unit: 's', default: 3600, min: 0, max: 604_800 }),
    points: integer({ doc: 'Readings kept per sensor over `history.seconds` (memory: 4 bytes each, plus 8 a slot for the times all sensors share; counted in /metrics)', default: 360, min: 2, max: 100_000 }),
  },
  snmp: {
    targets: snmpTargets({
      doc: 'Receivers of SNMP traps or informs for every hardware event (see "SNMP traps"): objects with `address` (`udp:HOST:PORT`), `version` (`1`, `2c`, `3`), `notification` (`trap`/`inform`; SNMPv1 traps only), a v1/v2c `community` or a v3 `user` with `authProtocol`, `authKey`, `privProtocol`, `privKey` (each key also as `…File` or `…Env`), `retries`, `timeoutMs`, and for v1 `agentAddress` (the Trap-PDU\'s agent-addr). The flag and the variable take comma-separated addresses (v2c with `snmp.community`) or a JSON list of these objects, e.g. an SNMPv1 receiver: `--snmp-target \'[{"address":"udp:nms:162","version":1}]\'`; the flag may be repeated, each occurrence either form.',
      flag: 'snmp-target',
    }),
    community: text({
      doc: 'SNMPv1/v2c community of the targets that name none. Sent in clear on the wire: prefer SNMPv3 beyond a trusted network.',
      secret: true,
      flag: 'snmp-community',
      maxLength: 256,
    }),
    enterpriseOid: text({
      doc: 'Root OID of the notifications and their objects (THINCIM-MIB); the default sits under the documentation PEN 32473 (RFC 5612): move it under your own PEN with the MIB.',
      default: '1.3.6.1.4.1.32473.1',
      pattern: '^1\\.3\\.6\\.1(\\.(0|[1-9][0-9]{0,9})){1,24}$',
      maxLength: 256,
    }),
    engineId: text({
      doc: 'SNMPv3 engine ID of thincim, in hex (5–32 octets): receivers of v3 traps configure their users with it (`createUser -e`).',
      defaultDoc: 'derived from the host name (logged at start)',
      pattern: '^(0x)?([0-9A-Fa-f]{2}){5,32}$',
    }),
    queue: integer({ doc: 'Events waiting per SNMP target; past it the oldest are dropped (counted in /metrics)', default: 1000, min: 1, max: 1_000_000 }),
  },
  footprint: oneOf(['balanced', 'lean'], {
    doc: 'What V8 may spend memory on (see "V8 while idle"). `balanced`: memory saved while idle, V8\'s own choices under load. `lean`: the idle choices under load too (no optimizing compiler, the old generation held to 1.3 times what survived, the young one not grown), for a seldom-polled host under a tight memory limit; under load each answer then costs 1.2 to 4.8 times the CPU.',
    default: 'balanced',
  }),
  shutdownGraceMs: integer({ doc: 'Time given to requests in flight at shutdown', unit: 'ms', default: 10_000, min: 0, max: 600_000 }),
  staleAfterSec: number({ doc: 'A provider sample older than this is reported stale', unit: 's', default: 60, min: 1, max: 86_400 }),
};

/** The effective configuration: every key has a value except the optional ones. */
export type Config = Infer<typeof CONFIG_SPEC>;
export type TLSVersion = Config['tls']['minVersion'];
export type LogLevel = Config['log']['level'];
export type AuthMode = Config['auth'];
