/**
 * Subscriptions made as real subscribing clients make them, request by
 * request in their own XML, against a real server, and the indications
 * then delivered to a real listener socket. The requests are rebuilt from
 * the clients' source code cited below, not captured from their traffic;
 * the restart in the WBEMSubscriptionManager case is the client's (a new manager
 * finding what an earlier one left), not the server's.
 *
 * SOURCE: pywbem, pywbem/_subscription_manager.py (pywbem/pywbem): add_server
 * enumerates CIM_ListenerDestinationCIMXML, CIM_IndicationFilter and
 * CIM_IndicationSubscription in the interop namespace and takes a
 * subscription as its own when `inst.path.keybindings['Filter'] in
 * owned_filter_paths`, CIMInstanceName equality (host and namespace
 * included), the filter paths being those EnumerateInstances gave (the
 * request's namespace, no host); _create_destination sets CreationClassName,
 * SystemCreationClassName CIM_ComputerSystem, SystemName (the object
 * manager's), PersistenceType 3 (Transient) for an owned destination, Name
 * `pywbemdestination:<id>:<destination id>` and Destination; _create_filter
 * the same keys, SourceNamespaces, Query and QueryLanguage;
 * _create_subscription the references Filter and Handler, the paths the
 * server returned (LOCALINSTANCEPATH on the wire); remove_filter and
 * remove_destinations ask ReferenceNames(path, ResultClass=
 * CIM_IndicationSubscription) first and give up when any is left.
 *
 * SOURCE: OpenPegasus, pegasus/src/Clients/cimsub/CIMSubCommand.cpp
 * (OpenPegasus/OpenPegasus): `cimsub -cf NAME -Q QUERY` without -L creates
 * the filter with QueryLanguage "CIM:CQL" (`_filterQueryLanguage =
 * "CIM:CQL"`), and one -N namespace as SourceNamespace (the singular,
 * deprecated property). sfcb (sblim-sfcb, indCIMXMLHandler.c) accepts
 * "wql", "cql" and "cim:cql"; OpenLMI's indication helpers default
 * QueryLanguage to "CIM:CQL" as well.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CIMInstance, NocaseMap, cimProperty, type CIMInstanceName } from '../../src/cim/index.js';
import { decodeResponse, type CIMResponse } from '../../src/cimxml/index.js';
import { Exporter } from '../../src/indications/deliver.js';
import { startListener, type ReceivedIndication } from '../../src/indications/listener.js';
import { imethodBody, instanceNameXml, returned, startTestBroker } from '../helpers/broker.js';
import { basic, send } from '../helpers/client.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const INTEROP = 'root/interop';
const ADMIN = basic('admin', 'Admin-pass-1');

let now = 0;
const dir = await mkdtemp(join(tmpdir(), 'thincim-replay-'));
const received: ReceivedIndication[] = [];
const listener = await startListener({ port: 0, onIndication: (r) => void received.push(r) });
const started = await startTestBroker({
  authenticator: await testAuthenticator(await writeUsers(dir, { admin: { role: 'admin', password: 'Admin-pass-1' } })),
  simulated: { clock: () => now, startTime: 0 },
  // Retries and a long timeout: a loaded CI machine may be slow to answer, and a lost delivery would fail the test.
  indications: { retryAttempts: 3, retryIntervalSec: 0.5, timeoutSec: 30 },
});
t.teardown(async () => {
  await started.close();
  await listener.close();
  await rm(dir, { recursive: true });
});

/** An intrinsic call as an admin, decoded (HTTP 200 expected). */
async function call(name: string, params: string): Promise<CIMResponse> {
  const reply = await send(started.url, {
    path: '/cimom', body: imethodBody(name, INTEROP, params),
    headers: { 'Content-Type': 'application/xml; charset="utf-8"', CIMOperation: 'MethodCall', CIMMethod: name, CIMObject: 'root%2Finterop', Authorization: ADMIN },
  });
  if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.text}`);
  return decodeResponse(reply.text);
}

const text = (name: string, value: string) => `<PROPERTY NAME="${name}" TYPE="string"><VALUE>${value}</VALUE></PROPERTY>`;
const uint16 = (name: string, value: number) => `<PROPERTY NAME="${name}" TYPE="uint16"><VALUE>${value}</VALUE></PROPERTY>`;
const texts = (name: string, values: string[]) =>
  `<PROPERTY.ARRAY NAME="${name}" TYPE="string"><VALUE.ARRAY>${values.map((v) => `<VALUE>${v}</VALUE>`).join('')}</VALUE.ARRAY></PROPERTY.ARRAY>`;
const newInstance = (classname: string, properties: string) => `<IPARAMVALUE NAME="NewInstance"><INSTANCE CLASSNAME="${classname}">${properties}</INSTANCE></IPARAMVALUE>`;

/** A path as pywbem writes a reference: LOCALINSTANCEPATH when it has a namespace (string keys only here). */
function localPath(path: CIMInstanceName): string {
  const namespace = INTEROP.split('/').map((n) => `<NAMESPACE NAME="${n}"/>`).join('');
  return `<LOCALINSTANCEPATH><LOCALNAMESPACEPATH>${namespace}</LOCALNAMESPACEPATH>${instanceNameXml(path.classname, keysOf(path))}</LOCALINSTANCEPATH>`;
}

async function created(classname: string, properties: string): Promise<CIMInstanceName> {
  const [item] = returned(await call('CreateInstance', newInstance(classname, properties)));
  if (item?.kind !== 'instancename') throw new Error(`CreateInstance returned ${item?.kind}`);
  return item.path;
}

async function enumerate(classname: string): Promise<CIMInstance[]> {
  return returned(await call('EnumerateInstances', `<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="${classname}"/></IPARAMVALUE>`))
    .flatMap((item) => (item.kind === 'instance' ? [item.instance] : []));
}

/** Generous: a delivery over loopback takes milliseconds, its retries seconds; a lost one fails here, not at tap's timeout. */
const DELIVERY_DEADLINE_MS = 120_000;

/** Resolves once `check` holds; fails after DELIVERY_DEADLINE_MS with what the listener received. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + DELIVERY_DEADLINE_MS;
  while (!check()) {
    if (Date.now() > deadline) {
      const got = received.map((r) => `${r.path} ${r.indication.classname} ${String(r.indication.get('IndicationFilterName'))}`);
      throw new Error(`${what}: not received within ${DELIVERY_DEADLINE_MS / 1000} s; the listener received: ${got.join('; ') || 'nothing'}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

t.test('cimsub -cf without -L: a CIM:CQL filter with one SourceNamespace is created and selects', async (t) => {
  const filter = await created('CIM_IndicationFilter',
    text('Name', 'cimsubfilter') + text('Query', 'SELECT * FROM CIM_AlertIndication') + text('QueryLanguage', 'CIM:CQL') + text('SourceNamespace', 'root/cimv2'));
  const [read] = (await enumerate('CIM_IndicationFilter')).filter((f) => f.get('Name') === 'cimsubfilter');
  t.equal(read?.get('QueryLanguage'), 'CIM:CQL', 'the language is kept as the client wrote it');
  t.same(read?.get('SourceNamespaces'), ['root/cimv2']);
  const handler = await created('CIM_ListenerDestinationCIMXML', text('Name', 'cimsubhandler') + text('Destination', `${listener.url}/cimsub`));
  const subscription = await created('CIM_IndicationSubscription',
    `<PROPERTY.REFERENCE NAME="Filter"><VALUE.REFERENCE>${localPath(filter)}</VALUE.REFERENCE></PROPERTY.REFERENCE>` +
    `<PROPERTY.REFERENCE NAME="Handler"><VALUE.REFERENCE>${localPath(handler)}</VALUE.REFERENCE></PROPERTY.REFERENCE>`);
  received.length = 0;
  now = 250_000; // fan3 stopped at 240 s
  await started.broker.manager.refresh();
  await until(() => received.some((r) => r.path === '/cimsub'), 'an indication on /cimsub');
  t.equal(received.find((r) => r.path === '/cimsub')?.indication.get('IndicationFilterName'), 'cimsubfilter');
  await remove(subscriptionName(subscription));
  await remove(instanceNameXml(filter.classname, keysOf(filter)));
  await remove(instanceNameXml(handler.classname, keysOf(handler)));
});

async function remove(name: string): Promise<void> {
  const { error } = await call('DeleteInstance', `<IPARAMVALUE NAME="InstanceName">${name}</IPARAMVALUE>`);
  if (error) throw new Error(`DeleteInstance failed: ${error.toString()}`);
}

function keysOf(path: CIMInstanceName): Record<string, string> {
  return Object.fromEntries([...path.keybindings].map(([k, v]) => [k, String(v)]));
}

/** A subscription's INSTANCENAME as pywbem writes it: each reference key a VALUE.REFERENCE with its LOCALINSTANCEPATH. */
function subscriptionName(path: CIMInstanceName): string {
  const reference = (name: string) => `<KEYBINDING NAME="${name}"><VALUE.REFERENCE>${localPath(path.keybindings.get(name) as CIMInstanceName)}</VALUE.REFERENCE></KEYBINDING>`;
  return `<INSTANCENAME CLASSNAME="CIM_IndicationSubscription">${reference('Filter')}${reference('Handler')}</INSTANCENAME>`;
}

t.test('pywbem\'s WBEMSubscriptionManager: add, recover as its own after the client restarts, remove', async (t) => {
  const [cimom] = await enumerate('CIM_ObjectManager');
  const systemName = String(cimom?.get('SystemName'));
  const scoped = (classname: string, name: string) => text('CreationClassName', classname) + text('SystemCreationClassName', 'CIM_ComputerSystem') +
    text('SystemName', systemName) + text('Name', name);
  const destination = await created('CIM_ListenerDestinationCIMXML',
    scoped('CIM_ListenerDestinationCIMXML', 'pywbemdestination:mgr:d1') + uint16('PersistenceType', 3) + text('Destination', `${listener.url}/pywbem`));
  const filter = await created('CIM_IndicationFilter', scoped('CIM_IndicationFilter', 'pywbemfilter:mgr:f1') +
    texts('SourceNamespaces', ['root/cimv2']) + text('Query', 'SELECT * FROM CIM_AlertIndication') + text('QueryLanguage', 'DMTF:CQL'));
  await created('CIM_IndicationSubscription',
    `<PROPERTY.REFERENCE NAME="Filter"><VALUE.REFERENCE>${localPath(filter)}</VALUE.REFERENCE></PROPERTY.REFERENCE>` +
    `<PROPERTY.REFERENCE NAME="Handler"><VALUE.REFERENCE>${localPath(destination)}</VALUE.REFERENCE></PROPERTY.REFERENCE>`);
  const [readDestination] = (await enumerate('CIM_ListenerDestinationCIMXML')).filter((d) => d.get('Name') === 'pywbemdestination:mgr:d1');
  t.equal(readDestination?.get('PersistenceType'), 3, 'the owned destination\'s PersistenceType reads back (pywbem compares it to reuse one)');
  t.equal(readDestination?.path?.keybindings.get('SystemName'), systemName);

  // add_server after a restart of the client: its filters found by Name, its subscriptions by their Filter key.
  const owned = (await enumerate('CIM_IndicationFilter')).filter((f) => /^pywbemfilter:mgr:[^:]*$/.test(String(f.path?.keybindings.get('Name'))));
  t.equal(owned.length, 1);
  const ownedPath = owned[0]!.path!;
  const mine = (await enumerate('CIM_IndicationSubscription')).filter((s) => samePath(s.path?.keybindings.get('Filter') as CIMInstanceName, ownedPath, INTEROP));
  t.equal(mine.length, 1, 'the subscription\'s Filter key equals the enumerated filter\'s path, namespace and host included');

  // remove_filter: ReferenceNames first, then DeleteInstance of the subscription, the filter, the destination.
  const references = returned(await call('ReferenceNames', `<IPARAMVALUE NAME="ObjectName">${instanceNameXml(filter.classname, keysOf(filter))}</IPARAMVALUE>` +
    '<IPARAMVALUE NAME="ResultClass"><CLASSNAME NAME="CIM_IndicationSubscription"/></IPARAMVALUE>'));
  t.equal(references.length, 1, 'ReferenceNames of the filter: its subscription');
  const subscriptionPath = references[0]?.kind === 'instancename' ? references[0].path : undefined;
  t.ok(subscriptionPath);
  await remove(subscriptionName(subscriptionPath!));
  t.same(returned(await call('ReferenceNames', `<IPARAMVALUE NAME="ObjectName">${instanceNameXml(filter.classname, keysOf(filter))}</IPARAMVALUE>` +
    '<IPARAMVALUE NAME="ResultClass"><CLASSNAME NAME="CIM_IndicationSubscription"/></IPARAMVALUE>')), [], 'none once it is deleted');
  await remove(instanceNameXml(filter.classname, keysOf(filter)));
  await remove(instanceNameXml(destination.classname, keysOf(destination)));
  t.same(await enumerate('CIM_IndicationSubscription'), []);
});

/** pywbem's CIMInstanceName equality: class, keys, namespace and host (a missing namespace is the request's). */
function samePath(a: CIMInstanceName | undefined, b: CIMInstanceName, requestNamespace: string): boolean {
  if (!a) return false;
  const ns = (p: CIMInstanceName) => (p.namespace ?? requestNamespace).toLowerCase().replace(/^\/+|\/+$/g, '');
  return a.classname.toLowerCase() === b.classname.toLowerCase() && (a.host ?? '').toLowerCase() === (b.host ?? '').toLowerCase() &&
    ns(a) === ns(b) && JSON.stringify(keysOf(a)) === JSON.stringify(keysOf(b));
}

/**
 * SOURCE: pywbem, pywbem/_listener.py (pywbem/pywbem), ListenerRequestHandler: Python's BaseHTTPRequestHandler
 * (HTTP/1.0: the connection closes after each answer); do_POST refuses with 406 an Accept other than text/xml,
 * application/xml or * / *, an Accept-Charset without UTF-8, a Content-Type other than text/xml or
 * application/xml with charset utf-8 or none, a Content-Encoding other than identity; reads Content-Length
 * bytes; send_success_response answers `Content-Type: text/html`, CIMExport: MethodResponse and an empty
 * EXPMETHODRESPONSE in CIMVERSION 2.0, DTDVERSION 2.4, PROTOCOLVERSION 1.4.
 */
t.test('a pywbem WBEMListener\'s answers: each indication on its own HTTP/1.0 connection, each confirmed', async (t) => {
  const requests: { head: string; body: string }[] = [];
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    let data = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = data.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (data.length < end + 4 + length) return;
      const body = data.subarray(end + 4, end + 4 + length).toString('utf8');
      requests.push({ head, body });
      socket.end(pywbemAnswer(head, body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const exporter = new Exporter(url, 'ctx', { retryAttempts: 0, retryIntervalMs: 10, timeoutMs: 10_000, tls: {} }, new AbortController().signal);
  t.teardown(() => exporter.close());
  const alert = new CIMInstance({ classname: 'CIM_AlertIndication', properties: new NocaseMap([['AlertType', cimProperty('AlertType', 'uint16', 5)]]) });
  const outcomes = [];
  for (let i = 0; i < 3; i++) outcomes.push(await exporter.send(alert, 'pywbemfilter:mgr:f1'));
  t.same(outcomes, ['confirmed', 'confirmed', 'confirmed']);
  t.equal(requests.length, 3);
  t.equal(connections, 3, 'a new connection for each: the listener closed the last one');
});

/** What pywbem's listener answers: 406 for the headers it refuses, else its success response echoing the message ID. */
function pywbemAnswer(head: string, body: string): string {
  const header = (name: string) => new RegExp(`\\r\\n${name}:\\s*([^\\r]*)`, 'i').exec(head)?.[1];
  const accept = header('Accept') ?? 'text/xml';
  const type = /^\s*(text\/xml|application\/xml)\s*(;\s*charset="?([^";, ]*)"?)?/i.exec(header('Content-Type') ?? '');
  const charset = header('Accept-Charset') ?? 'UTF-8';
  if (!['text/xml', 'application/xml', '*/*'].includes(accept) || !type || (type[3] && type[3].toLowerCase() !== 'utf-8') ||
    !/(^|[ ,])(utf-8|\*)([;, ]|$)/i.test(charset) || (header('Content-Encoding') ?? 'identity').toLowerCase() !== 'identity') {
    return 'HTTP/1.0 406 Not Acceptable\r\nCIMExport: MethodResponse\r\nCIMError: header-mismatch\r\n\r\n';
  }
  const id = /<MESSAGE ID="([^"]*)" PROTOCOLVERSION="1\.\d+"/.exec(body)?.[1];
  const answer = `<?xml version="1.0" encoding="utf-8" ?>\n<CIM CIMVERSION="2.0" DTDVERSION="2.4"><MESSAGE ID="${id}" PROTOCOLVERSION="1.4">` +
    '<SIMPLEEXPRSP><EXPMETHODRESPONSE NAME="ExportIndication"/></SIMPLEEXPRSP></MESSAGE></CIM>';
  return `HTTP/1.0 200 OK\r\nServer: pywbem-listener\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(answer)}\r\n` +
    `CIMExport: MethodResponse\r\n\r\n${answer}`;
}
