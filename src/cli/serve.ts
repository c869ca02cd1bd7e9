/** `thincim serve`: run the broker until SIGTERM or SIGINT. */
import { pino, type Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from '../config/index.js';
import { planListeners } from '../config/listeners.js';
import { loadRepository, MofError, formatDiagnostic } from '../repository/index.js';
import { startBroker, type Broker } from '../server/broker.js';
import { VERSION } from '../version.js';
import type { CliIO } from './io.js';

export async function run(args: string[], io: CliIO): Promise<number> {
  let config: Config;
  try {
    ({ config } = await loadConfig({ argv: args, env: io.env, cwd: process.cwd(), stdoutIsTTY: (io.stdout as { isTTY?: boolean }).isTTY === true }));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`thincim serve: ${err.message}\n`);
    return 2;
  }
  const logger = pino({ level: config.log.level, base: { service: 'thincim' } }, io.stdout);
  let broker: Broker;
  try {
    broker = await start(config, logger);
  } catch (err) {
    if (!(err instanceof MofError)) throw err;
    for (const d of err.diagnostics) logger.fatal({ file: d.file, line: d.line, column: d.column }, formatDiagnostic(d));
    logger.fatal('the schema does not compile; not starting');
    return 1;
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      broker.close().then(() => resolve(0), (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        resolve(1);
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

async function start(config: Config, logger: Logger): Promise<Broker> {
  const repository = await loadRepository({
    schemaDir: config.schemaDir,
    cacheDir: config.cacheDir,
    onWarning: (message) => logger.warn(message),
  });
  const broker = await startBroker({
    repository,
    logger,
    providers: {
      providers: config.providers,
      options: { hwmon: config.hwmon, ipmi: config.ipmi, simulated: config.simulated, sysinfo: config.sysinfo, ...config.providerOptions },
    },
    listeners: planListeners(config).filter((l) => l.protocol === 'http').map((l) => ({ protocol: 'http', host: l.host, port: l.port })),
    limits: { ...config.limits },
    staleAfterMs: config.staleAfterSec * 1000,
  });
  logger.info({ version: VERSION, urls: broker.urls }, `thincim ${VERSION} listening on ${broker.urls.join(', ')}`);
  return broker;
}
