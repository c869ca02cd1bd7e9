/**
 * The client commands: `thincim enum|get|assoc|refs|query|classes|class URL …`
 * against thincim or any WBEM server. Output is a table (ValueMap values
 * translated with the class definition, fetched once per class), JSON (stable,
 * typed), or the raw CIM-XML answers.
 *
 * Exit status: 0 success, 1 CIM error (the server answered with an ERROR),
 * 2 usage error, 3 connection, TLS, HTTP or protocol error.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CIMError, type CIMClass, type CIMInstance, type CIMInstanceName } from '../cim/index.js';
import {
  ClientError, classJson, displayText, instanceJson, jsonText, NetrcError, netrcEntry, normalizeFingerprint, parseInstancePath, parseNetrc,
  parseServerURL, renderTable, valueMapTranslator, valueText, WBEMConnection, WBEMURIError,
  type Credentials, type RawReply, type TLSSettings,
} from '../client/index.js';
import type { CliIO, Command } from './io.js';

export const EXIT = { ok: 0, cim: 1, usage: 2, connection: 3 } as const;

export class UsageError extends Error {}

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

/** Options every client command takes: where, who, how to trust the server, how long to wait. */
export const CONNECTION_OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  user: { type: 'string', short: 'u' },
  'password-file': { type: 'string' },
  password: { type: 'string' },
  netrc: { type: 'string' },
  cacert: { type: 'string' },
  fingerprint: { type: 'string' },
  insecure: { type: 'boolean', short: 'k' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, OptionSpec>;

export const DEFAULT_TIMEOUT_SECONDS = 30;
/** The longest --timeout accepted: a day. */
const MAX_TIMEOUT_SECONDS = 86_400;

export const CONNECTION_HELP = `URL: http[s]://host[:port][/namespace] (ports default to 5988 and 5989;
a bare host means https). The namespace defaults to root/cimv2.

connection options:
  -n, --namespace NS     namespace (overrides the one in the URL)
  -u, --user USER        user for HTTP Basic authentication
  --password-file FILE   read the password from the first line of FILE
  --password PW          the password itself (visible to other users: avoid)
  --netrc FILE           credentials from FILE (default ~/.netrc): machine HOST login USER password PW
  --cacert FILE          trust the PEM certificate authorities in FILE instead of the system's
  --fingerprint SHA256   accept only a server certificate with this SHA-256 fingerprint (AA:BB:…), whatever its chain
  -k, --insecure         do not check the server's certificate at all
  --timeout SECONDS      give up an operation after this long (default ${DEFAULT_TIMEOUT_SECONDS})
  -h, --help             show this help
Credentials come from the options, else THINCIM_USER and THINCIM_PASSWORD, else the netrc file.
Tables, reports and error messages show the server's control characters (C0, DEL, C1,
bidi overrides) as \\xHH or \\uHHHH; -o json and -o xml keep them exact.`;

const EXIT_HELP = `exit status: 0 success, 1 CIM error (CIM_ERR_… from the server), 2 usage error,
3 connection, TLS, authentication, HTTP or protocol error`;

export interface ParsedLine {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** parseArgs with its errors as UsageError. */
export function parseCommandLine(args: string[], options: Record<string, OptionSpec>): ParsedLine {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedLine['values'], positionals };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError((err as Error).message);
    throw err;
  }
}

const text = (values: ParsedLine['values'], name: string): string | undefined => values[name] as string | undefined;

/** The connection the options describe; a problem with them (or their files) is a UsageError. */
export async function connectionFrom(url: string, values: ParsedLine['values'], io: CliIO, onReply?: (reply: RawReply) => void): Promise<WBEMConnection> {
  let server;
  try {
    server = parseServerURL(url);
  } catch (err) {
    if (err instanceof WBEMURIError) throw new UsageError(err.message);
    throw err;
  }
  const namespace = text(values, 'namespace')?.replace(/^\/+|\/+$/g, '');
  if (namespace === '') throw new UsageError('--namespace must not be empty');
  const tls = await tlsSettings(values, server.url.protocol === 'https:');
  const credentials = await credentialsFor(server.url.hostname, values, io);
  return new WBEMConnection(server.url, {
    namespace: namespace ?? server.namespace,
    timeoutMs: timeoutMs(text(values, 'timeout')),
    tls,
    ...(credentials && { credentials }),
    ...(onReply && { onReply }),
  });
}

/** --timeout in ms (the default when not given). */
export function timeoutMs(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(value);
  if (!/^\d+(?:\.\d+)?$/.test(value.trim()) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(`--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, not '${value}'`);
  }
  return Math.max(1, Math.round(seconds * 1000));
}

async function tlsSettings(values: ParsedLine['values'], https: boolean): Promise<TLSSettings> {
  const cacert = text(values, 'cacert');
  const fingerprint = text(values, 'fingerprint');
  const insecure = values['insecure'] === true;
  const given = [cacert !== undefined && '--cacert', fingerprint !== undefined && '--fingerprint', insecure && '--insecure'].filter(Boolean);
  if (given.length === 0) return {};
  if (!https) throw new UsageError(`${given.join(', ')} need an https:// URL`);
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} exclude one another`);
  if (fingerprint !== undefined) {
    const pin = normalizeFingerprint(fingerprint);
    if (!pin) throw new UsageError(`--fingerprint must be a SHA-256 fingerprint (64 hex digits, colons optional), not '${fingerprint}'`);
    return { fingerprint: pin };
  }
  if (cacert !== undefined) return { ca: await readOption('--cacert', cacert) };
  return { insecure: true };
}

async function readOption(option: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${option} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/**
 * User and password: the options, else THINCIM_USER / THINCIM_PASSWORD, else
 * the netrc entry for the host (whose password is used only with its own login).
 */
async function credentialsFor(host: string, values: ParsedLine['values'], io: CliIO): Promise<Credentials | undefined> {
  let user = text(values, 'user') ?? (io.env['THINCIM_USER'] || undefined);
  let password = await passwordOption(values, io) ?? (io.env['THINCIM_PASSWORD'] || undefined);
  if (user === undefined || password === undefined) {
    const entry = await netrcFor(host, text(values, 'netrc'), io);
    if (entry?.login !== undefined && (user === undefined || user === entry.login)) {
      user ??= entry.login;
      password ??= entry.password;
    }
  }
  if (user === undefined && password === undefined) return undefined;
  if (user === undefined) throw new UsageError('a password was given without a user (--user or THINCIM_USER)');
  if (password === undefined) throw new UsageError(`no password for user '${user}' (--password-file, THINCIM_PASSWORD or a netrc entry for ${host})`);
  if (user.includes(':')) throw new UsageError('a user name cannot contain ":" (HTTP Basic authentication)');
  return { user, password };
}

async function passwordOption(values: ParsedLine['values'], io: CliIO): Promise<string | undefined> {
  const file = text(values, 'password-file');
  const inline = text(values, 'password');
  if (file !== undefined && inline !== undefined) throw new UsageError('--password-file and --password exclude one another');
  if (inline !== undefined) {
    io.stderr.write('thincim: warning: --password shows the password to other users of this machine; use --password-file or THINCIM_PASSWORD\n');
    return inline;
  }
  if (file === undefined) return undefined;
  const password = (await readOption('--password-file', file)).split(/\r?\n/, 1)[0] ?? '';
  if (password === '') throw new UsageError(`--password-file ${file}: the first line is empty`);
  return password;
}

async function netrcFor(host: string, file: string | undefined, io: CliIO) {
  const path = file ?? join(io.env['HOME'] || homedir(), '.netrc');
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (err) {
    // The default file is optional; one named on the command line is not.
    if (file === undefined && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read --netrc ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return netrcEntry(parseNetrc(content, path), host);
  } catch (err) {
    if (err instanceof NetrcError) throw new UsageError(err.message);
    throw err;
  }
}

export function instancePathArgument(textValue: string): CIMInstanceName {
  try {
    return parseInstancePath(textValue);
  } catch (err) {
    if (err instanceof WBEMURIError) throw new UsageError(`bad instance path: ${err.message}`);
    throw err;
  }
}

/** Prints a failure in one line and gives its exit status; rethrows what is a bug. */
export function reportFailure(io: CliIO, command: string, err: unknown, usage?: string): number {
  if (err instanceof UsageError) {
    io.stderr.write(`thincim ${command}: ${displayText(err.message)}\n${usage ? `${usage}\n` : ''}`);
    return EXIT.usage;
  }
  if (err instanceof CIMError) {
    io.stderr.write(`thincim ${command}: ${displayText(err.toString())}\n`);
    return EXIT.cim;
  }
  if (err instanceof ClientError) {
    io.stderr.write(`thincim ${command}: ${displayText(err.message)}\n`);
    return EXIT.connection;
  }
  throw err;
}

type Output = 'table' | 'json' | 'xml';

/** What a command does once connected, given how it must print. */
interface Context {
  connection: WBEMConnection;
  output: Output;
  args: string[];
  values: ParsedLine['values'];
  io: CliIO;
}

interface ClientCommand {
  synopsis: string;
  description: string;
  options: Record<string, OptionSpec>;
  optionsHelp: string;
  /** How many positionals after URL. */
  arity: readonly [min: number, max: number];
  run(ctx: Context): Promise<void>;
}

const OUTPUT_OPTION = { output: { type: 'string', short: 'o' } } as const;
const OUTPUT_HELP = '  -o, --output FORMAT    table (default), json or xml (the raw CIM-XML answers)';
const NAMES_HELP = '  --names                only the instance paths';
const PROPERTY_HELP = '  -p, --property NAME    only this property (repeatable; sent as PropertyList)';

function usageOf(name: string, spec: ClientCommand): string {
  const options = [spec.optionsHelp, OUTPUT_HELP].filter(Boolean).join('\n');
  return `usage: thincim ${name} URL ${spec.synopsis}\n\n${spec.description}\n\noptions:\n${options}\n\n${CONNECTION_HELP}\n\n${EXIT_HELP}\n`;
}

function makeCommand(name: string, spec: ClientCommand): Command {
  const usage = usageOf(name, spec);
  return async (args, io) => {
    let connection: WBEMConnection | undefined;
    try {
      const { values, positionals } = parseCommandLine(args, { ...CONNECTION_OPTIONS, ...OUTPUT_OPTION, ...spec.options });
      if (values['help']) {
        io.stdout.write(usage);
        return EXIT.ok;
      }
      const [url, ...rest] = positionals;
      const [min, max] = spec.arity;
      if (url === undefined || rest.length < min || rest.length > max) throw new UsageError('wrong number of arguments');
      const output = outputFormat(text(values, 'output'));
      const replies: RawReply[] = [];
      connection = await connectionFrom(url, values, io, output === 'xml' ? (reply) => replies.push(reply) : undefined);
      await spec.run({ connection, output, args: rest, values, io });
      for (const reply of replies) io.stdout.write(reply.response.endsWith('\n') ? reply.response : `${reply.response}\n`);
      return EXIT.ok;
    } catch (err) {
      return reportFailure(io, name, err, err instanceof UsageError ? usage.split('\n')[0] : undefined);
    } finally {
      connection?.close();
    }
  };
}

function outputFormat(value: string | undefined): Output {
  if (value === undefined) return 'table';
  if (value === 'table' || value === 'json' || value === 'xml') return value;
  throw new UsageError(`--output must be table, json or xml, not '${value}'`);
}

/**
 * The class definitions for ValueMap translation, fetched once per class and
 * namespace (an association may lead into another namespace); a class the
 * server will not give is left untranslated.
 */
class ClassCache {
  readonly #classes = new Map<string, Promise<CIMClass | undefined>>();

  constructor(private readonly connection: WBEMConnection) {}

  of(instance: CIMInstance): Promise<CIMClass | undefined> {
    const namespace = instance.path?.namespace ?? this.connection.namespace;
    const key = `${namespace.toLowerCase()}:${instance.classname.toLowerCase()}`;
    let cls = this.#classes.get(key);
    if (!cls) {
      cls = this.connection.getClass(instance.classname, { namespace, localOnly: false, includeQualifiers: true })
        .catch((err: unknown) => {
          if (err instanceof CIMError) return undefined;
          throw err;
        });
      this.#classes.set(key, cls);
    }
    return cls;
  }

  /** The classes of these instances, in the instances' order. */
  all(instances: readonly CIMInstance[]): Promise<(CIMClass | undefined)[]> {
    return Promise.all(instances.map((i) => this.of(i)));
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * Instances as a table or JSON. The table has a column per property that
 * some instance has a value for (servers send every property of the class,
 * mostly NULL): the keys first, then in order of first appearance, or in the
 * order of --property when given.
 */
async function printInstances(ctx: Context, instances: readonly CIMInstance[]): Promise<void> {
  if (ctx.output === 'xml') return;
  const classes = await new ClassCache(ctx.connection).all(instances);
  if (ctx.output === 'json') {
    ctx.io.stdout.write(jsonText(instances.map((inst, i) => instanceJson(inst, classes[i]))));
    return;
  }
  if (instances.length === 0) return;
  const columns = tableColumns(instances, properties(ctx.values));
  const rows = instances.map((inst, i) => columns.map((name) => {
    const p = inst.properties.get(name);
    return p ? valueText(p.type, p.value, valueMapTranslator(classes[i]?.properties.get(name))) : '';
  }));
  ctx.io.stdout.write(renderTable(columns, rows));
}

function tableColumns(instances: readonly CIMInstance[], requested: readonly string[] | undefined): string[] {
  const columns = new Map<string, string>();
  const add = (name: string) => columns.has(name.toLowerCase()) || columns.set(name.toLowerCase(), name);
  for (const inst of instances) for (const name of inst.path?.keybindings.keys() ?? []) if (inst.properties.has(name)) add(name);
  for (const inst of instances) for (const p of inst.properties.values()) if (p.value !== null) add(p.name);
  if (requested === undefined) return [...columns.values()];
  return requested.flatMap((name) => columns.get(name.toLowerCase()) ?? []);
}

function printPaths(ctx: Context, paths: readonly CIMInstanceName[]): void {
  if (ctx.output === 'json') ctx.io.stdout.write(jsonText(paths.map((p) => p.toString())));
  else if (ctx.output === 'table') for (const p of paths) ctx.io.stdout.write(`${displayText(p.toString())}\n`);
}

const properties = (values: ParsedLine['values']): string[] | undefined => values['property'] as string[] | undefined;
const propertyList = (values: ParsedLine['values']) => {
  const list = properties(values);
  return list ? { propertyList: list } : {};
};

const PROPERTY_OPTION = { property: { type: 'string', short: 'p', multiple: true } } as const;
const NAMES_OPTION = { names: { type: 'boolean' } } as const;

const enumCommand: ClientCommand = {
  synopsis: 'CLASS [--names] [--property NAME]...',
  description: 'Lists the instances of CLASS and its subclasses (pull operations where the server has them).',
  options: { ...NAMES_OPTION, ...PROPERTY_OPTION },
  optionsHelp: `${NAMES_HELP}\n${PROPERTY_HELP}`,
  arity: [1, 1],
  async run(ctx) {
    const [className] = ctx.args as [string];
    const xml = ctx.output === 'xml';
    if (ctx.values['names']) {
      printPaths(ctx, xml ? await ctx.connection.enumerateInstanceNames(className) : await collect(ctx.connection.iterEnumerateInstancePaths(className)));
      return;
    }
    const options = propertyList(ctx.values);
    await printInstances(ctx, xml
      ? await ctx.connection.enumerateInstances(className, { localOnly: false, ...options })
      : await collect(ctx.connection.iterEnumerateInstances(className, options)));
  },
};

const getCommand: ClientCommand = {
  synopsis: 'INSTANCEPATH [--property NAME]...',
  description: 'Shows one instance. INSTANCEPATH is an untyped WBEM URI (DSP0207), as enum --names prints it:\n'
    + '  \'CIM_Fan.CreationClassName="OMC_Fan",DeviceID="fan1",SystemCreationClassName="…",SystemName="…"\'',
  options: PROPERTY_OPTION,
  optionsHelp: PROPERTY_HELP,
  arity: [1, 1],
  async run(ctx) {
    const path = instancePathArgument(ctx.args[0]!);
    const instance = await ctx.connection.getInstance(path, { localOnly: false, ...propertyList(ctx.values) });
    if (ctx.output !== 'table') return printInstance(ctx, instance);
    const cls = await new ClassCache(ctx.connection).of(instance);
    const rows = [...instance.properties.values()].map((p) => [
      p.name, `${p.type}${p.isArray ? '[]' : ''}`, valueText(p.type, p.value, valueMapTranslator(cls?.properties.get(p.name))),
    ]);
    ctx.io.stdout.write(`${displayText(instance.path?.toString() ?? instance.classname)}\n${renderTable(['Property', 'Type', 'Value'], rows)}`);
  },
};

async function printInstance(ctx: Context, instance: CIMInstance): Promise<void> {
  if (ctx.output !== 'json') return;
  const cls = await new ClassCache(ctx.connection).of(instance);
  ctx.io.stdout.write(jsonText(instanceJson(instance, cls)));
}

const assocCommand: ClientCommand = {
  synopsis: 'INSTANCEPATH [--assoc-class C] [--result-class C] [--role R] [--result-role R] [--names]',
  description: 'Lists the instances associated with INSTANCEPATH (Associators).',
  options: { 'assoc-class': { type: 'string' }, 'result-class': { type: 'string' }, role: { type: 'string' }, 'result-role': { type: 'string' }, ...NAMES_OPTION },
  optionsHelp: '  --assoc-class C        only through associations of class C\n  --result-class C       only associated instances of class C\n'
    + '  --role R               the source plays role R in the association\n  --result-role R        the result plays role R\n' + NAMES_HELP,
  arity: [1, 1],
  async run(ctx) {
    const path = instancePathArgument(ctx.args[0]!);
    const filters = definedOnly({
      assocClass: text(ctx.values, 'assoc-class'), resultClass: text(ctx.values, 'result-class'),
      role: text(ctx.values, 'role'), resultRole: text(ctx.values, 'result-role'),
    });
    const xml = ctx.output === 'xml';
    if (ctx.values['names']) {
      printPaths(ctx, xml ? await ctx.connection.associatorNames(path, filters) : await collect(ctx.connection.iterAssociatorInstancePaths(path, filters)));
      return;
    }
    await printInstances(ctx, xml ? await ctx.connection.associators(path, filters) : await collect(ctx.connection.iterAssociatorInstances(path, filters)));
  },
};

const refsCommand: ClientCommand = {
  synopsis: 'INSTANCEPATH [--result-class C] [--role R] [--names]',
  description: 'Lists the association instances that refer to INSTANCEPATH (References).',
  options: { 'result-class': { type: 'string' }, role: { type: 'string' }, ...NAMES_OPTION },
  optionsHelp: '  --result-class C       only associations of class C\n  --role R               only where INSTANCEPATH is the reference named R\n' + NAMES_HELP,
  arity: [1, 1],
  async run(ctx) {
    const path = instancePathArgument(ctx.args[0]!);
    const filters = definedOnly({ resultClass: text(ctx.values, 'result-class'), role: text(ctx.values, 'role') });
    const xml = ctx.output === 'xml';
    if (ctx.values['names']) {
      printPaths(ctx, xml ? await ctx.connection.referenceNames(path, filters) : await collect(ctx.connection.iterReferenceInstancePaths(path, filters)));
      return;
    }
    await printInstances(ctx, xml ? await ctx.connection.references(path, filters) : await collect(ctx.connection.iterReferenceInstances(path, filters)));
  },
};

const queryCommand: ClientCommand = {
  synopsis: "QUERY [--language LANG]",
  description: 'Runs a query (ExecQuery), e.g. "SELECT ElementName, HealthState FROM CIM_Fan WHERE HealthState <> 5".',
  options: { language: { type: 'string', short: 'l' } },
  optionsHelp: '  -l, --language LANG    query language (default WQL)',
  arity: [1, 1],
  async run(ctx) {
    await printInstances(ctx, await ctx.connection.execQuery(text(ctx.values, 'language') ?? 'WQL', ctx.args[0]!));
  },
};

const classesCommand: ClientCommand = {
  synopsis: '[CLASS] [--deep]',
  description: 'Lists the names of the subclasses of CLASS, or of the top-level classes.',
  options: { deep: { type: 'boolean' } },
  optionsHelp: '  --deep                 all descendants, not only direct subclasses',
  arity: [0, 1],
  async run(ctx) {
    const names = await ctx.connection.enumerateClassNames(ctx.args[0], { deepInheritance: ctx.values['deep'] === true });
    if (ctx.output === 'json') ctx.io.stdout.write(jsonText(names));
    else if (ctx.output === 'table') for (const name of names) ctx.io.stdout.write(`${displayText(name)}\n`);
  },
};

const classCommand: ClientCommand = {
  synopsis: 'CLASS',
  description: 'Shows a class with its inherited members and qualifiers (GetClass).',
  options: {},
  optionsHelp: '',
  arity: [1, 1],
  async run(ctx) {
    const cls = await ctx.connection.getClass(ctx.args[0]!, { localOnly: false, includeQualifiers: true, includeClassOrigin: true });
    if (ctx.output === 'json') ctx.io.stdout.write(jsonText(classJson(cls)));
    else if (ctx.output === 'table') ctx.io.stdout.write(classTable(cls));
  },
};

/** Qualifiers worth a column: all but the prose. */
const qualifierNames = (qualifiers: CIMClass['qualifiers']): string =>
  [...qualifiers.values()].filter((q) => q.name.toLowerCase() !== 'description' && q.value !== false && q.value !== null).map((q) => q.name).join(', ');

function classTable(cls: CIMClass): string {
  const type = (t: string, isArray: boolean, ref?: string): string => `${t === 'reference' ? `REF ${ref ?? ''}` : t}${isArray ? '[]' : ''}`;
  const properties = [...cls.properties.values()].map((p) => [
    p.name, type(p.type, p.isArray, p.referenceClass), p.classOrigin ?? '', qualifierNames(p.qualifiers),
  ]);
  let out = displayText(`class ${cls.classname}${cls.superclass ? ` : ${cls.superclass}` : ''}`) + '\n';
  const own = qualifierNames(cls.qualifiers);
  if (own) out += `qualifiers: ${displayText(own)}\n`;
  out += `\n${renderTable(['Property', 'Type', 'Origin', 'Qualifiers'], properties)}`;
  if (cls.methods.size) {
    const methods = [...cls.methods.values()].map((m) => [
      m.name, m.returnType, [...m.parameters.values()].map((p) => `${type(p.type, p.isArray, p.referenceClass)} ${p.name}`).join(', '),
    ]);
    out += `\n${renderTable(['Method', 'Returns', 'Parameters'], methods)}`;
  }
  return out;
}

function definedOnly<T extends Record<string, string | undefined>>(record: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}

export const runEnum = makeCommand('enum', enumCommand);
export const runGet = makeCommand('get', getCommand);
export const runAssoc = makeCommand('assoc', assocCommand);
export const runRefs = makeCommand('refs', refsCommand);
export const runQuery = makeCommand('query', queryCommand);
export const runClasses = makeCommand('classes', classesCommand);
export const runClass = makeCommand('class', classCommand);

