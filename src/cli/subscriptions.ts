/**
 * `thincim subscribe|unsubscribe|subscriptions URL …`: indication
 * subscriptions on any CIM server (thincim, sfcb, OpenPegasus, ESXi) made
 * with the intrinsic operations in the interop namespace, as pywbem's
 * WBEMSubscriptionManager makes them: a CIM_ListenerDestinationCIMXML, a
 * CIM_IndicationFilter per query and a CIM_IndicationSubscription joining
 * them, with the keys left for the server to fill in.
 *
 * What these commands create is named `thincim-cli:NAME` (servers,
 * thincim included, name what they fill in otherwise), and unsubscribe
 * deletes filters and destinations only when they carry that prefix: those
 * of other tools are left alone.
 */
import { randomUUID } from 'node:crypto';
import { CIMError, CIMInstance, CIMStatus, NocaseMap, cimProperty, type CIMInstanceName, type CIMType, type CIMValue } from '../cim/index.js';
import { displayText, jsonText, parseServerURL, renderTable, type Json, type WBEMConnection } from '../client/index.js';
import {
  CONNECTION_HELP, CONNECTION_OPTIONS, connectionFrom, EXIT, instancePathArgument, parseCommandLine, reportFailure, UsageError,
  type ParsedLine,
} from './client-commands.js';
import type { CliIO, Command } from './io.js';

/** The Name prefix of what these commands create. */
export const OWNED_PREFIX = 'thincim-cli:';
const INTEROP = 'root/interop';
const DEFAULT_CLASS = 'CIM_AlertIndication';
const LANGUAGES = ['WQL', 'DMTF:CQL'];
const FILTER = 'CIM_IndicationFilter';
const DESTINATION = 'CIM_ListenerDestinationCIMXML';
const SUBSCRIPTION = 'CIM_IndicationSubscription';
/** SubscriptionState 2 Enabled; OnFatalErrorPolicy 2 Ignore; PersistenceType 2 Permanent; Protocol 2 CIM-XML. */
const ENABLED = 2;
const IGNORE = 2;
const PERMANENT = 2;
const CIM_XML = 2;
const STATES: Record<number, string> = { 0: 'Unknown', 1: 'Other', 2: 'Enabled', 3: 'Enabled Degraded', 4: 'Disabled' };

const EXIT_HELP = `exit status: 0 success, 1 CIM error (CIM_ERR_… from the server, e.g. CIM_ERR_ACCESS_DENIED
for a user who may not subscribe), 2 usage error, 3 connection, TLS, authentication, HTTP or protocol error`;

const NAMESPACE_HELP = `The subscription classes live in the interop namespace: root/interop unless the URL or
--namespace names another (e.g. root/PG_InterOp on older OpenPegasus).`;

interface Spec {
  synopsis: string;
  description: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  optionsHelp: string;
  run(connection: WBEMConnection, values: ParsedLine['values'], args: string[], io: CliIO): Promise<void>;
}

function makeCommand(name: string, spec: Spec): Command {
  const usage = `usage: thincim ${name} URL ${spec.synopsis}\n\n${spec.description}\n\noptions:\n${spec.optionsHelp}\n\n`
    + `${CONNECTION_HELP}\n${NAMESPACE_HELP}\n\n${EXIT_HELP}\n`;
  return async (args, io) => {
    let connection: WBEMConnection | undefined;
    try {
      const { values, positionals } = parseCommandLine(args, { ...CONNECTION_OPTIONS, ...spec.options });
      if (values['help']) {
        io.stdout.write(usage);
        return EXIT.ok;
      }
      const [url, ...rest] = positionals;
      if (url === undefined) throw new UsageError('the server URL is missing');
      values['namespace'] ??= urlNamespace(url) ?? INTEROP;
      connection = await connectionFrom(url, values, io);
      await spec.run(connection, values, rest, io);
      return EXIT.ok;
    } catch (err) {
      return reportFailure(io, name, err, err instanceof UsageError ? usage.split('\n')[0] : undefined);
    } finally {
      connection?.close();
    }
  };
}

/** The namespace the URL names, if it is a URL at all (connectionFrom reports a bad one). */
function urlNamespace(url: string): string | undefined {
  try {
    return parseServerURL(url).namespace;
  } catch {
    return undefined;
  }
}

const text = (values: ParsedLine['values'], name: string): string | undefined => values[name] as string | undefined;
const list = (values: ParsedLine['values'], name: string): string[] => (values[name] as string[] | undefined) ?? [];

function instance(classname: string, values: Record<string, [CIMType, CIMValue]>): CIMInstance {
  const properties = new NocaseMap(Object.entries(values).map(([name, [type, value]]) => [name, cimProperty(name, type, value)] as const));
  return new CIMInstance({ classname, properties });
}

const nameOf = (path: CIMInstanceName): string => String(path.keybindings.get('Name') ?? '');
const owned = (path: CIMInstanceName): boolean => nameOf(path).startsWith(OWNED_PREFIX);

/** The queries asked for: --filter, else one `SELECT * FROM CLASS` per --class (default CIM_AlertIndication). */
function queriesOf(values: ParsedLine['values']): string[] {
  const filter = text(values, 'filter');
  const classes = list(values, 'class');
  if (filter !== undefined && classes.length > 0) throw new UsageError('--filter and --class exclude one another');
  if (filter !== undefined) {
    if (filter.trim() === '') throw new UsageError('--filter must not be empty');
    return [filter];
  }
  for (const c of classes) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(c)) throw new UsageError(`--class must be a class name, not '${c}'`);
  return classes.length > 0 ? [...new Set(classes)].map((c) => `SELECT * FROM ${c}`) : [`SELECT * FROM ${DEFAULT_CLASS}`];
}

function destinationOf(values: ParsedLine['values']): string {
  const destination = text(values, 'destination');
  if (destination === undefined) throw new UsageError('--destination LISTENER_URL is required');
  let url: URL;
  try {
    url = new URL(destination);
  } catch {
    throw new UsageError(`--destination must be an http:// or https:// URL, not '${destination}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--destination must be an http:// or https:// URL, not '${destination}'`);
  return destination;
}

function languageOf(values: ParsedLine['values']): string {
  const language = text(values, 'language') ?? 'WQL';
  const known = LANGUAGES.find((l) => l.toLowerCase() === language.toLowerCase());
  if (!known) throw new UsageError(`--language must be ${LANGUAGES.join(' or ')}, not '${language}'`);
  return known;
}

function subscriptionName(values: ParsedLine['values']): string {
  const name = text(values, 'name') ?? randomUUID().slice(0, 8);
  if (name === '' || /[\s"]/.test(name)) throw new UsageError(`--name must be a word without spaces or quotes, not '${name}'`);
  return name;
}

const subscribe: Spec = {
  synopsis: '--destination LISTENER_URL [--filter QUERY | --class CLASS...] [--language WQL|DMTF:CQL] [--name NAME] [--source-namespace NS]...',
  description: `Subscribes LISTENER_URL (e.g. the URL thincim listen prints) to the server's indications: creates a
listener destination, a filter per query and a subscription for each, named ${OWNED_PREFIX}NAME, and
prints their paths. Needs a user allowed to create instances in the interop namespace.`,
  options: {
    destination: { type: 'string', short: 'd' }, filter: { type: 'string', short: 'f' }, class: { type: 'string', short: 'c', multiple: true },
    language: { type: 'string', short: 'l' }, name: { type: 'string' }, 'source-namespace': { type: 'string', multiple: true },
  },
  optionsHelp: `  -d, --destination URL  where the server sends the indications (http:// or https://)
  -f, --filter QUERY     the filter's query, e.g. "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA CIM_Fan"
  -c, --class CLASS      shorthand for --filter "SELECT * FROM CLASS" (repeatable: a filter each; default ${DEFAULT_CLASS})
  -l, --language LANG    the query language: WQL (default) or DMTF:CQL
  --name NAME            names what is created ${OWNED_PREFIX}NAME (default: a random word), for unsubscribe --name
  --source-namespace NS  the namespace whose changes the filter watches (repeatable; default: the server's choice)`,
  async run(connection, values, args, io) {
    if (args.length > 0) throw new UsageError(`unexpected argument '${args[0]}'`);
    const destinationURL = destinationOf(values);
    const queries = queriesOf(values);
    const language = languageOf(values);
    const name = `${OWNED_PREFIX}${subscriptionName(values)}`;
    const sourceNamespaces = list(values, 'source-namespace');
    const handler = await connection.createInstance(instance(DESTINATION, {
      CreationClassName: ['string', DESTINATION], Name: ['string', name], Destination: ['string', destinationURL],
      PersistenceType: ['uint16', PERMANENT], Protocol: ['uint16', CIM_XML],
    }));
    io.stdout.write(`${displayText(handler.toString())}\n`);
    for (const [i, query] of queries.entries()) {
      const filter = await connection.createInstance(instance(FILTER, {
        CreationClassName: ['string', FILTER], Name: ['string', queries.length > 1 ? `${name}:${i + 1}` : name],
        Query: ['string', query], QueryLanguage: ['string', language],
        ...(sourceNamespaces.length > 0 && { SourceNamespaces: ['string', sourceNamespaces] as [CIMType, CIMValue] }),
      }));
      io.stdout.write(`${displayText(filter.toString())}\n`);
      const subscription = await connection.createInstance(instance(SUBSCRIPTION, {
        Filter: ['reference', filter], Handler: ['reference', handler],
        OnFatalErrorPolicy: ['uint16', IGNORE], SubscriptionState: ['uint16', ENABLED],
      }));
      io.stdout.write(`${displayText(subscription.toString())}\n`);
    }
  },
};

interface Listed {
  path: CIMInstanceName;
  filter: CIMInstanceName;
  handler: CIMInstanceName;
  state: number | null;
}

async function listSubscriptions(connection: WBEMConnection): Promise<Listed[]> {
  const subscriptions = await connection.enumerateInstances(SUBSCRIPTION);
  return subscriptions.flatMap((s) => {
    const filter = s.get('Filter');
    const handler = s.get('Handler');
    if (!s.path || typeof filter !== 'object' || typeof handler !== 'object' || !filter || !handler || !('keybindings' in filter) || !('keybindings' in handler)) return [];
    const state = s.get('SubscriptionState');
    return [{ path: s.path, filter: filter as CIMInstanceName, handler: handler as CIMInstanceName, state: typeof state === 'number' ? state : null }];
  });
}

/** Deletes, ignoring what is already gone (another unsubscribe, a server that cascades). */
async function remove(connection: WBEMConnection, path: CIMInstanceName, io: CliIO): Promise<void> {
  try {
    await connection.deleteInstance(path);
  } catch (err) {
    if (!(err instanceof CIMError && err.code === CIMStatus.NOT_FOUND)) throw err;
  }
  io.stdout.write(`deleted ${displayText(path.toString())}\n`);
}

const unsubscribe: Spec = {
  synopsis: '(--name NAME | --all-owned | SUBSCRIPTIONPATH)',
  description: `Deletes subscriptions, then their filters and listener destinations where nothing else uses them
and thincim subscribe created them (named ${OWNED_PREFIX}…). SUBSCRIPTIONPATH is a path that thincim subscribe
or thincim subscriptions printed.`,
  options: { name: { type: 'string' }, 'all-owned': { type: 'boolean' } },
  optionsHelp: `  --name NAME            what thincim subscribe --name NAME created
  --all-owned            everything thincim subscribe created on this server`,
  async run(connection, values, args, io) {
    const name = text(values, 'name');
    const all = values['all-owned'] === true;
    if ([name !== undefined, all, args.length > 0].filter(Boolean).length !== 1 || args.length > 1) {
      throw new UsageError('give exactly one of --name NAME, --all-owned or a subscription path');
    }
    const path = args[0] === undefined ? undefined : instancePathArgument(args[0]);
    const subscriptions = await listSubscriptions(connection);
    const chosen = subscriptions.filter((s) => path ? s.path.key === path.key
      : all ? owned(s.handler) || owned(s.filter)
        : [nameOf(s.handler), nameOf(s.filter)].some((n) => n === `${OWNED_PREFIX}${name}` || n.startsWith(`${OWNED_PREFIX}${name}:`)));
    if (chosen.length === 0 && !all) {
      throw new CIMError(CIMStatus.NOT_FOUND, path ? `no subscription ${path.toString()}` : `no subscription named ${OWNED_PREFIX}${name}`);
    }
    for (const s of chosen) await remove(connection, s.path, io);
    const remaining = subscriptions.filter((s) => !chosen.includes(s));
    const inUse = (p: CIMInstanceName) => remaining.some((s) => s.filter.key === p.key || s.handler.key === p.key);
    const leftovers = new Map<string, CIMInstanceName>();
    for (const s of chosen) for (const p of [s.filter, s.handler]) if (owned(p) && !inUse(p)) leftovers.set(p.key, p);
    for (const p of leftovers.values()) await remove(connection, p, io);
  },
};

const subscriptionsCommand: Spec = {
  synopsis: '[-o table|json]',
  description: 'Lists the indication subscriptions on the server with their filter query and destination.',
  options: { output: { type: 'string', short: 'o' } },
  optionsHelp: '  -o, --output FORMAT    table (default) or json',
  async run(connection, values, args, io) {
    if (args.length > 0) throw new UsageError(`unexpected argument '${args[0]}'`);
    const output = text(values, 'output') ?? 'table';
    if (output !== 'table' && output !== 'json') throw new UsageError(`--output must be table or json, not '${output}'`);
    const subscriptions = await listSubscriptions(connection);
    const filters = await byKey(connection, FILTER);
    const destinations = await byKey(connection, DESTINATION);
    const rows = subscriptions.map((s) => {
      const filter = filters.get(s.filter.key);
      const destination = destinations.get(s.handler.key);
      return {
        subscription: s.path.toString(),
        state: s.state,
        filter: { name: nameOf(s.filter), query: str(filter?.get('Query')), language: str(filter?.get('QueryLanguage')), path: s.filter.toString() },
        destination: { name: nameOf(s.handler), url: str(destination?.get('Destination')), path: s.handler.toString() },
      };
    });
    if (output === 'json') {
      io.stdout.write(jsonText(rows satisfies Json));
      return;
    }
    if (rows.length === 0) return;
    io.stdout.write(renderTable(['Filter', 'Query', 'Destination', 'State'], rows.map((r) => [
      r.filter.name, r.filter.query ?? '', r.destination.url ?? r.destination.name,
      r.state === null ? '' : `${r.state} (${STATES[r.state] ?? '?'})`,
    ])));
  },
};

const str = (value: CIMValue | undefined): string | null => (typeof value === 'string' ? value : null);

/** The instances of a class by path key; a server without the class gives none. */
async function byKey(connection: WBEMConnection, classname: string): Promise<Map<string, CIMInstance>> {
  try {
    const instances = await connection.enumerateInstances(classname);
    return new Map(instances.flatMap((i) => (i.path ? [[i.path.key, i] as const] : [])));
  } catch (err) {
    if (err instanceof CIMError && (err.code === CIMStatus.INVALID_CLASS || err.code === CIMStatus.NOT_FOUND)) return new Map();
    throw err;
  }
}

export const runSubscribe = makeCommand('subscribe', subscribe);
export const runUnsubscribe = makeCommand('unsubscribe', unsubscribe);
export const runSubscriptions = makeCommand('subscriptions', subscriptionsCommand);
