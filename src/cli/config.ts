/** `thincim config`: print the effective configuration (secrets masked), its reference or its JSON Schema. */
import { stringify } from 'yaml';
import { ConfigError, configSchema, loadConfig, maskSecrets, renderReference } from '../config/index.js';
import type { CliIO } from './io.js';

const USAGE = `usage: thincim config --print [--json] [--config FILE] [configuration flags...]
       thincim config --reference     the configuration keys as a Markdown table
       thincim config --schema        the JSON Schema of a configuration file

Prints the effective configuration: defaults < file < THINCIM_* variables < flags.
Secrets are shown as ********.
`;

const OPTIONS = {
  print: { type: 'boolean' },
  json: { type: 'boolean' },
  reference: { type: 'boolean' },
  schema: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(args: string[], io: CliIO): Promise<number> {
  let loaded;
  try {
    loaded = await loadConfig({
      argv: args, env: io.env, cwd: process.cwd(),
      stdoutIsTTY: (io.stdout as { isTTY?: boolean }).isTTY === true,
      command: { options: OPTIONS },
    });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`thincim config: ${err.message}\n`);
    return 2;
  }
  const { values } = loaded.command;
  const actions = [values['print'], values['reference'], values['schema']].filter(Boolean).length;
  if (values['help']) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (actions !== 1 || (values['json'] && !values['print'])) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (values['reference']) io.stdout.write(renderReference());
  else if (values['schema']) io.stdout.write(`${JSON.stringify(configSchema(), null, 2)}\n`);
  else {
    const masked = maskSecrets(loaded.config);
    io.stdout.write(values['json'] ? `${JSON.stringify(masked, null, 2)}\n` : stringify(masked));
  }
  return 0;
}
