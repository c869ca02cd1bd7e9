/**
 * `thincim serve`: run the broker until SIGTERM or SIGINT (graceful: stop
 * accepting, finish requests in flight, stop providers). SIGHUP reloads the
 * users file and the certificate without dropping connections.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { constants, hostname } from 'node:os';
import { pino, type DestinationStream, type Logger } from 'pino';
import { ConfigError, loadConfig, type Config, type ConfigSources } from '../config/index.js';
import { planListeners, type ListenerPlan } from '../config/listeners.js';
import type { EventBus } from '../events/index.js';
// Not the repository's index: it brings the MOF compiler, which a warm start does not need.
import { formatDiagnostic, MofError } from '../mof/diagnostics.js';
import { loadRepository } from '../repository/load.js';
import { loadProviders, ProviderLoadError, schemaDirsOf, unusedSectionWarnings } from '../providers/index.js';
import {
  AuthFailureLimiter, Authenticator, CertificateError, loadOrCreateCertificate, parseBundle, UserStore, UsersFileError,
} from '../security/index.js';
import type { TLSOptions } from '../server/app.js';
import { startBroker, type Broker } from '../server/broker.js';
import { interfaceAddresses } from '../server/host-check.js';
import { packageVersion } from '../package.js';
import { BALANCED, LEAN, V8Policy, type V8Table } from '../server/v8-policy.js';
import { describeFileError, isFileSystemError } from '../file-errors.js';
import type { CliIO } from './io.js';

/** The V8 policy's table for each value of `footprint`. */
const V8_TABLES: Readonly<Record<Config['footprint'], V8Table>> = { balanced: BALANCED, lean: LEAN };

/** A file or port a key names that cannot be used: the message names the key, where it was set, and what to do. */
class SettingError extends Error {
  readonly code = 'THINCIM_SETTING';
}

/** Errors of the operator's making: reported in one line, exit status 1, no stack. */
const STARTUP_ERRORS = [MofError, CertificateError, UsersFileError, ProviderLoadError, SettingError];

const USAGE = `usage: thincim serve [--config FILE] [configuration flags...]

Runs the CIM-XML broker until SIGTERM or SIGINT; SIGHUP reloads the users
file and the certificate. Every configuration key has a flag and a THINCIM_*
variable (\`thincim config --reference\` lists them): defaults < file <
variables < flags. \`thincim config --print\` shows the result.

exit status: 0 stopped by SIGTERM or SIGINT, 1 could not start (one log line
at fatal level says why) or stop, 2 configuration error (on standard error),
141 the log's pipe closed, 128 + N a second signal N during the shutdown
`;

/** After a configuration error: where every key, variable and flag is listed. */
const CONFIG_HINT = '`thincim config --reference` lists every key with its THINCIM_* variable and flag; `thincim serve --help` says how they combine.\n';

export async function run(args: string[], io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  let config: Config;
  let sources: ConfigSources;
  try {
    ({ config, sources } = await loadConfig({ argv: args, env: io.env, cwd: process.cwd(), stdoutIsTTY: (io.stdout as { isTTY?: boolean }).isTTY === true }));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`thincim serve: ${err.message}\n${CONFIG_HINT}`);
    return 2;
  }
  const logger = createLogger(config, io);
  const early = new EarlySignals({
    hup: () => logger.info('SIGHUP during the start-up: reloading once started'),
    // A start that hangs (a provider's module) must not hold the signal for ever.
    first: (signal) => {
      logger.info({ signal, graceMs: config.shutdownGraceMs }, 'signal during the start-up: stopping once started');
      return setTimeout(() => exitAtOnce(logger, signal, 'the start-up did not end within shutdownGraceMs of the signal: exiting now'), config.shutdownGraceMs).unref();
    },
    second: (signal) => exitAtOnce(logger, signal, 'second signal during the start-up: exiting now'),
  });
  let service: Service | undefined;
  try {
    service = await start(config, logger, io.env, sources, early);
  } catch (thrown) {
    early.stop();
    const err = unresolvedHost(thrown, config, sources) ?? listenError(thrown, config, sources) ?? thrown;
    if (!STARTUP_ERRORS.some((type) => err instanceof type) && !isSnmpTargetError(err)) throw err;
    for (const d of err instanceof MofError ? err.diagnostics : []) logger.fatal({ file: d.file, line: d.line, column: d.column }, formatDiagnostic(d));
    // The message once, in msg; the code lets a log search tell the kinds apart.
    logger.fatal({ code: (err as { code?: unknown }).code }, `not starting: ${(err as Error).message}`);
    return 1;
  }
  if (service === undefined) {
    early.stop();
    logger.info({ signal: early.stopAsked }, 'stopped before opening any port');
    return 0;
  }
  return lifecycle(service, config, logger, early);
}

/** A second signal is an operator who will not wait: exit at once, as the signal would, but say so. */
function exitAtOnce(logger: Logger, signal: NodeJS.Signals, why: string): never {
  logger.error({ signal }, why);
  process.exit(128 + constants.signals[signal]);
}

/**
 * The signals that come while the service starts, kept for when it runs:
 * without a listener, each one's default action would end the process
 * without a word (SIGTERM from `docker stop`, SIGHUP from a reload).
 */
class EarlySignals {
  reloadAsked = false;
  stopAsked: NodeJS.Signals | undefined;
  readonly #onHup = () => {
    this.reloadAsked = true;
    this.on.hup();
  };
  #deadline: NodeJS.Timeout | undefined;
  readonly #onStop = (signal: NodeJS.Signals) => {
    if (this.stopAsked) return this.on.second(signal);
    this.stopAsked = signal;
    this.#deadline = this.on.first(signal);
  };

  /**
   * `hup`: a SIGHUP; `first`: a SIGTERM or SIGINT, which returns the start-up's
   * deadline; `second`: another, from an operator who will not wait.
   */
  constructor(private readonly on: { hup(): void; first(signal: NodeJS.Signals): NodeJS.Timeout; second(signal: NodeJS.Signals): void }) {
    process.on('SIGHUP', this.#onHup).on('SIGTERM', this.#onStop).on('SIGINT', this.#onStop);
  }

  /**
   * The service runs (or could not start): the signals are its again. Called
   * after the service's own listeners are on: removing a signal's last
   * listener closes its handle, and one coming before the next listener
   * would be lost, or met by the default action.
   */
  stop(): void {
    clearTimeout(this.#deadline);
    process.off('SIGHUP', this.#onHup).off('SIGTERM', this.#onStop).off('SIGINT', this.#onStop);
  }
}

/** What to do about a port that cannot be bound, by the error's code. */
const LISTEN_ADVICE: Readonly<Record<string, string>> = {
  EADDRINUSE: 'already in use by another process: stop it, or choose another port (0 turns this listener off)',
  EACCES: 'not allowed to this user (ports below 1024 need privileges): choose a port above 1023',
  EADDRNOTAVAIL: 'not an address of this machine',
};

/** A port taken or not ours to bind, as a SettingError naming the key and where it was set. */
function listenError(err: unknown, config: Config, sources: ConfigSources): SettingError | undefined {
  const { code, port, address, syscall } = (err ?? {}) as { code?: string; port?: number; address?: string; syscall?: unknown };
  const advice = LISTEN_ADVICE[code ?? ''];
  if (syscall !== 'listen' || advice === undefined) return undefined;
  const where = `${address?.includes(':') ? `[${address}]` : address}:${port}`;
  if (code === 'EADDRNOTAVAIL') return new SettingError(`host ${JSON.stringify(config.host)} (from ${sources['host']}): cannot listen on ${where}: ${advice} (${code})`);
  const key = port === config.httpsPort ? 'httpsPort' : 'httpPort';
  return new SettingError(`${key} ${port} (from ${sources[key]}): cannot listen on ${where}: ${advice} (${code})`);
}

/**
 * `host` that does not resolve, as a SettingError naming the key and where it
 * was set: getaddrinfo's own error names neither.
 */
function unresolvedHost(err: unknown, config: Config, sources: ConfigSources): SettingError | undefined {
  const { code, hostname } = (err ?? {}) as { code?: unknown; hostname?: unknown };
  if ((code !== 'ENOTFOUND' && code !== 'EAI_AGAIN') || hostname !== config.host) return undefined;
  return new SettingError(`host ${JSON.stringify(config.host)} (from ${sources['host']}) does not resolve to an address (${code})`);
}

/** A target's secret file or variable missing (SnmpTargetError, from the lazily loaded SNMP module). */
function isSnmpTargetError(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'THINCIM_SNMP_TARGET';
}

function createLogger(config: Config, io: CliIO): Logger {
  const options = {
    level: config.log.level,
    base: { service: 'thincim' },
    // Defence in depth: credentials never reach a log line, whoever logs the headers.
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'password'], censor: '[redacted]' },
  };
  if (!config.log.pretty) return pino(options, io.stdout);
  const pretty = prettyStream();
  if (pretty) return pino(options, pretty);
  const logger = pino(options, io.stdout);
  logger.warn('log.pretty is on but pino-pretty is not installed (it is a development dependency): logging JSON; `npm install pino-pretty` for human-readable lines');
  return logger;
}

/**
 * pino-pretty as a stream in this thread, when installed: a development
 * aid, resolved at run time and never bundled (pino's transports would need
 * its worker files beside the bundle).
 */
function prettyStream(): DestinationStream | undefined {
  let build: (options: object) => DestinationStream;
  try {
    build = createRequire(import.meta.url)('pino-pretty') as typeof build;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
  return build({ destination: 1, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
}

interface Service {
  broker: Broker;
  snmp: { close(): void } | undefined;
  /** Reloads what SIGHUP reloads. */
  reload(): Promise<void>;
}

/** The service, started; undefined when a SIGTERM or SIGINT came before its ports opened (then none opens). */
async function start(config: Config, logger: Logger, env: CliIO['env'], sources: ConfigSources, early: EarlySignals): Promise<Service | undefined> {
  const listeners = planListeners(config);
  const providers = await loadProviders({
    providers: config.providers,
    options: { hwmon: config.hwmon, ipmi: config.ipmi, simulated: config.simulated, sysinfo: config.sysinfo, ...config.providerOptions },
  });
  for (const warning of unusedSectionWarnings(config.providers, config.providerOptions)) logger.warn(warning);
  // OEM classes: the configured folders, then those the instance providers bring.
  const schemaDir = [...config.schemaDir, ...schemaDirsOf(providers)];
  const repository = await loadRepository({
    schemaDir,
    cacheDir: config.cacheDir,
    cacheDirName: `cacheDir (from ${sources['cacheDir']})`,
    onWarning: (m) => logger.warn({ cacheDir: config.cacheDir }, m),
  });
  logger.info({ classes: repository.classNames('root/cimv2').length, schemaDir }, 'schema loaded');
  const loadTLS = async (): Promise<TLSOptions | undefined> => listeners.some((l) => l.protocol === 'https') ? tlsOptions(config, logger, sources) : undefined;
  const tls = await loadTLS();
  // Opened even where no listener requires authentication: credentials sent anyway are checked, never ignored.
  const users = await openUsers(config, logger, listeners.some((l) => l.requireAuth), sources['users']);
  const authenticator = new Authenticator({
    users,
    limiter: new AuthFailureLimiter({ maxFailures: config.limits.authFailuresPerMinute, maxKeys: config.limits.authFailureAddresses }),
    clientCertUsers: config.tls.clientCertUsers,
  });
  if (config.anonymousWrite) {
    logger.warn('anonymousWrite is on: anonymous callers may change thresholds, instances and run methods; every local process can');
  }
  warnOpenListeners(listeners, logger);
  const startSnmp = await prepareSnmp(config, logger, env);
  const indications = await indicationSettings(config, sources);
  if (early.stopAsked) return undefined;
  const broker = await startBroker({
    repository, providers, logger, tls, authenticator,
    listeners: listeners.map(({ protocol, host, port, requireAuth }) => ({ protocol, host, port, requireAuth })),
    limits: config.limits,
    anonymousWrite: config.anonymousWrite,
    allowedHosts: config.allowedHosts,
    healthzOpen: config.healthzOpen,
    metrics: config.metrics,
    page: config.page,
    v8Policy: new V8Policy({ table: V8_TABLES[config.footprint] }),
    history: config.history,
    staleAfterMs: config.staleAfterSec * 1000,
    indications,
  });
  broker.urls.forEach((served, i) => {
    const url = listenerUrl(served, listeners[i]!.host);
    const addresses = reachableUrls(url);
    const authentication = listeners[i]!.requireAuth ? 'required' : `anonymous ${config.anonymousWrite ? 'read and write' : 'read only'}`;
    const reach = addresses.length > 0 ? ` (${addresses.join(', ')})` : '';
    logger.info({ url, ...(addresses.length > 0 && { addresses }), authentication }, `listening on ${url}${reach}, authentication ${authentication}`);
  });
  let snmp: Service['snmp'];
  try {
    snmp = startSnmp?.(broker.events);
  } catch (err) {
    await broker.close(0);
    throw err;
  }
  const version = packageVersion();
  logger.info({ version, providers: config.providers, footprint: config.footprint }, `thincim ${version} started`);
  return {
    broker,
    snmp,
    async reload() {
      // The certificate first: if it fails, the users stay as they were too (as the log says).
      const fresh = await loadTLS();
      await users?.reload();
      if (fresh) broker.setTLS(fresh);
      logger.info({ users: users.size }, 'users and certificate reloaded');
    },
  };
}

/** The address a listener was bound to (fastify answers 127.0.0.1 for 0.0.0.0), with the port it got. */
function listenerUrl(served: string, host: string): string {
  const url = new URL(served);
  url.hostname = host.includes(':') ? `[${host}]` : host;
  return url.origin;
}

/**
 * The URLs of a listener bound to every interface (0.0.0.0: each IPv4
 * address; ::, each address), which clients use to reach it; none for a
 * listener bound to one address, which its URL names already.
 */
function reachableUrls(url: string): string[] {
  const { protocol, hostname, port } = new URL(url);
  if (hostname !== '0.0.0.0' && hostname !== '[::]') return [];
  const ipv6 = (address: string) => address.includes(':');
  // Link-local IPv6 addresses are left out: a URL needs their zone, which clients seldom take.
  return [...interfaceAddresses()].filter((a) => (hostname === '[::]' || !ipv6(a)) && !a.startsWith('fe80:'))
    .map((a) => `${protocol}//${ipv6(a) ? `[${a}]` : a}:${port}`);
}

/** Set-ups that expose more than the defaults do, warned about as anonymousWrite is. */
function warnOpenListeners(listeners: readonly ListenerPlan[], logger: Logger): void {
  for (const { protocol, host, port, loopback, requireAuth } of listeners) {
    if (port === 0 || loopback) continue;
    if (protocol === 'http') logger.warn({ host, port }, `plain HTTP listens on ${host}: passwords and readings cross the network unencrypted`);
    if (!requireAuth) logger.warn({ host, port, protocol }, `${protocol.toUpperCase()} on ${host} needs no credentials: anyone who reaches it reads the inventory (serial numbers included)`);
  }
}

/**
 * SNMP traps: the module and its library are loaded only when a target is
 * configured; its targets' secrets are read before any port opens.
 */
async function prepareSnmp(config: Config, logger: Logger, env: CliIO['env']): Promise<((events: EventBus) => Service['snmp']) | undefined> {
  if (config.snmp.targets.length === 0) return undefined;
  const { prepareSnmpNotifier } = await import('../snmp/index.js');
  return prepareSnmpNotifier({ snmp: config.snmp, logger, hostname: hostname(), env, stateDir: config.stateDir });
}

async function tlsOptions(config: Config, logger: Logger, sources: ConfigSources): Promise<TLSOptions> {
  const certificate = await loadOrCreateCertificate({ stateDir: config.stateDir, certFile: config.tls.cert, keyFile: config.tls.key, hostnames: [hostname()] })
    .catch((err: unknown) => { throw certificateError(err, config, sources); });
  for (const warning of certificate.warnings) logger.warn({ file: certificate.certFile }, warning);
  logger.info({ file: certificate.certFile, fingerprint: certificate.fingerprint256, generated: certificate.generated },
    `TLS certificate SHA-256 fingerprint ${certificate.fingerprint256}`);
  const ca = config.tls.ca === undefined ? undefined : await readBundle('tls.ca', config.tls.ca, sources);
  return { cert: certificate.cert, key: certificate.key, ca, minVersion: config.tls.minVersion, requestCert: ca !== undefined };
}

/**
 * The certificate's failure named by its key: tls.cert or tls.key, or
 * stateDir when the folder for the self-signed one cannot be used.
 */
function certificateError(err: unknown, config: Config, sources: ConfigSources): unknown {
  // By role, not by file: the certificate and its key may be one file.
  const role = err instanceof CertificateError && config.tls.cert !== undefined ? err.role : undefined;
  const key = role === undefined ? undefined : `tls.${role}` as const;
  if (key) return new SettingError(`${key} (from ${sources[key]}): ${(err as Error).message}`);
  // A certificate there that is not one (CertificateError) names its file already; only a folder that cannot be used is stateDir's.
  if (config.tls.cert !== undefined || !isFileSystemError(err)) return err;
  const reason = `${describeFileError(err)}: ${err.syscall} ${err.path ?? ''}`.trimEnd();
  return new SettingError(`stateDir ${JSON.stringify(config.stateDir)} (from ${sources['stateDir']}): cannot keep the self-signed certificate there: ${reason}; `
    + 'make the folder writable by this user, choose another stateDir, or give tls.cert and tls.key');
}

/** A file a key names, read whole; a SettingError naming the key when it cannot be. */
async function readSetting(key: string, file: string, sources: ConfigSources): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    if (!isFileSystemError(err)) throw err;
    throw new SettingError(`${key} ${JSON.stringify(file)} (from ${sources[key]}): ${describeFileError(err)}`);
  }
}

/** A CA bundle a key names, with at least one certificate and none that does not decode; a SettingError naming the key otherwise. */
async function readBundle(key: string, file: string, sources: ConfigSources): Promise<string> {
  const text = (await readSetting(key, file, sources)).toString('utf8');
  const bundle = parseBundle(text);
  if ('problem' in bundle) throw new SettingError(`${key} ${JSON.stringify(file)} (from ${sources[key]}): ${bundle.problem}`);
  return text;
}

/**
 * The users file; the default one may not exist yet (first start), but one
 * the operator named must: a typo would leave an agent on which every login
 * fails.
 */
async function openUsers(config: Config, logger: Logger, needed: boolean, source = 'default'): Promise<UserStore> {
  if (source !== 'default' && !await exists(config.users)) {
    throw new UsersFileError(config.users, undefined, `no such file (users, from ${source}): create it with \`thincim passwd --users ${config.users} --role admin NAME\``);
  }
  const users = await UserStore.open(config.users, {
    cacheTtlMs: config.limits.authCacheSec * 1000,
    cacheEntries: config.limits.authCacheEntries,
    passwordChecks: config.limits.passwordChecks,
    onWarning: (message) => logger.warn({ users: config.users }, message),
  });
  if (needed && users.size === 0) logger.warn({ users: config.users }, `no users yet: add one with \`thincim passwd --users ${config.users} --role admin NAME\``);
  return users;
}

async function exists(file: string): Promise<boolean> {
  // Other errors (EACCES) are the users file's to report, with its own message.
  return stat(file).then(() => true, (err: NodeJS.ErrnoException) => err.code !== 'ENOENT');
}

/** Runs the service until a signal stops it, acting first on those that came during the start-up. */
function lifecycle(service: Service, config: Config, logger: Logger, early: EarlySignals): Promise<number> {
  const onHup = () => {
    service.reload().catch((err: unknown) => logger.error({ code: (err as { code?: unknown }).code }, `reload failed, keeping the previous users and certificate: ${(err as Error).message}`));
  };
  return new Promise<number>((resolve) => {
    const force = (signal: NodeJS.Signals) => exitAtOnce(logger, signal, 'second signal: exiting now, answers in flight are cut');
    // Heard, not left to Node.js: without a listener SIGHUP's default action would end the process mid-shutdown.
    const ignoreHup = () => logger.warn('SIGHUP ignored: shutting down');
    const stop = (signal: NodeJS.Signals) => {
      // The new listeners before the old ones go, so that no signal finds none (see EarlySignals.stop).
      process.on('SIGHUP', ignoreHup).once('SIGTERM', force).once('SIGINT', force);
      process.off('SIGTERM', stop).off('SIGINT', stop).off('SIGHUP', onHup);
      logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
      service.snmp?.close();
      service.broker.close(config.shutdownGraceMs).then(() => {
        logger.info('stopped');
        resolve(0);
      }, (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        resolve(1);
      });
    };
    process.on('SIGHUP', onHup).on('SIGTERM', stop).on('SIGINT', stop);
    early.stop();
    if (early.stopAsked) stop(early.stopAsked);
    else if (early.reloadAsked) onHup();
  });
}

/** The indications section of the configuration as the indication service takes it; subscriptions persist in the state folder. */
async function indicationSettings(config: Config, sources: ConfigSources): Promise<NonNullable<Parameters<typeof startBroker>[0]['indications']>> {
  const { indications: c } = config;
  return {
    retryAttempts: c.retryAttempts,
    retryIntervalSec: c.retryInterval,
    timeoutSec: c.timeout,
    queueSize: c.queueSize,
    maxSubscriptions: c.maxSubscriptions,
    removalAction: c.removalAction,
    removalIntervalSec: c.removalInterval,
    allowedNetworks: c.allowedNetworks,
    tls: { ...(c.caFile && { ca: await readBundle('indications.caFile', c.caFile, sources) }), ...(c.fingerprint && { fingerprint: c.fingerprint }), insecure: c.insecure },
    stateFile: join(config.stateDir, 'subscriptions.json'),
  };
}
