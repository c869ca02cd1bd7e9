import { packageVersion } from '../package.js';
import { idleFromStart } from '../server/v8-policy.js';
import { type CliIO, type Command, processIO } from './io.js';

/** Each command lives in its own module, loaded only when it runs. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: {
    summary: 'run the CIM-XML broker',
    load: async () => {
      // Before the broker's modules load: they would grow the young generation, and run hot enough for TurboFan; an idle agent keeps both.
      idleFromStart();
      return (await import('./serve.js')).run;
    },
  },
  mof: { summary: 'compile and check MOF files', load: async () => (await import('./mof.js')).run },
  passwd: { summary: 'add a user or change a password in the users file', load: async () => (await import('./passwd.js')).run },
  config: { summary: 'print the effective configuration or its reference', load: async () => (await import('./config.js')).run },
  'provider-test': { summary: 'run one provider alone and check what it reports', load: async () => (await import('./provider-test.js')).run },
  enum: { summary: 'list the instances of a class on a WBEM server', load: async () => (await import('./client-commands.js')).runEnum },
  get: { summary: 'show one instance on a WBEM server', load: async () => (await import('./client-commands.js')).runGet },
  assoc: { summary: 'list the instances associated with an instance', load: async () => (await import('./client-commands.js')).runAssoc },
  refs: { summary: 'list the associations that refer to an instance', load: async () => (await import('./client-commands.js')).runRefs },
  query: { summary: 'run a WQL (or other) query on a WBEM server', load: async () => (await import('./client-commands.js')).runQuery },
  classes: { summary: 'list class names on a WBEM server', load: async () => (await import('./client-commands.js')).runClasses },
  class: { summary: 'show a class definition on a WBEM server', load: async () => (await import('./client-commands.js')).runClass },
  listen: { summary: 'receive CIM indications and print them', load: async () => (await import('./listen.js')).run },
  subscribe: { summary: 'subscribe a listener to the indications of a WBEM server', load: async () => (await import('./subscriptions.js')).runSubscribe },
  unsubscribe: { summary: 'delete subscriptions made with subscribe', load: async () => (await import('./subscriptions.js')).runUnsubscribe },
  subscriptions: { summary: 'list the indication subscriptions on a WBEM server', load: async () => (await import('./subscriptions.js')).runSubscriptions },
  health: { summary: "summarise a host's hardware health (or check it as a Nagios plugin)", load: async () => (await import('./health.js')).run },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`);
  return `usage: thincim COMMAND [ARGS]\n       thincim --version\n\ncommands:\n${lines.join('\n')}\n\n\`thincim COMMAND --help\` shows a command's options.\n`;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`thincim ${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`thincim: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  return (await command.load())(args, io);
}

/** How long a finished command waits for what it left running (a log write, a socket closing) before it exits anyway. */
const LINGER_MS = 1000;

/**
 * Sets the exit status, and exits a second later should something still
 * hold the process: a provider's module can leave a timer or a socket
 * behind, which kept a start that had failed ("not starting: …") running
 * for ever.
 */
export function exitWhenDone(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), LINGER_MS).unref();
}
