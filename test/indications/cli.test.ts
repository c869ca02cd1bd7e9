/**
 * thincim listen, subscribe, subscriptions and unsubscribe over real
 * sockets: two `thincim listen` processes (JSON over HTTP, readable lines
 * over HTTPS with a self-signed certificate) subscribed to a real broker
 * with the commands, receiving the fan stop of the simulated timeline.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CIMInstance, NocaseMap, cimProperty, type CIMType, type CIMValue } from '../../src/cim/index.js';
import { WBEMConnection } from '../../src/client/index.js';
import { Exporter } from '../../src/indications/deliver.js';
import { runCli } from '../client/run-cli.js';
import { startTestBroker } from '../helpers/broker.js';
import { PROCESS_WAIT_MS, spawnThincim, stop, type ThincimProcess } from '../helpers/process.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const INTEROP = 'root/interop';
const CLASSES = ['CIM_IndicationSubscription', 'CIM_IndicationFilter', 'CIM_ListenerDestinationCIMXML'];
const dir = await mkdtemp(join(tmpdir(), 'thincim-indcli-'));
const adminPassword = join(dir, 'admin.pw');
const viewerPassword = join(dir, 'viewer.pw');
await writeFile(adminPassword, 'Admin-pass-1\n');
await writeFile(viewerPassword, 'Viewer-pass-1\n');
let now = 0;
const started = await startTestBroker({
  authenticator: await testAuthenticator(await writeUsers(dir, {
    admin: { role: 'admin', password: 'Admin-pass-1' }, viewer: { role: 'readonly', password: 'Viewer-pass-1' },
  })),
  simulated: { clock: () => now, startTime: 0 },
  indications: { retryAttempts: 1, retryIntervalSec: 0.05, timeoutSec: 5, tls: { insecure: true } },
});
const admin = new WBEMConnection(started.url, { namespace: INTEROP, credentials: { user: 'admin', password: 'Admin-pass-1' } });
const asAdmin = ['-u', 'admin', '--password-file', adminPassword];
const asViewer = ['-u', 'viewer', '--password-file', viewerPassword];

const jsonListener = spawnThincim(['listen', '--json', '--port', '0']);
const httpsListener = spawnThincim(['listen', '--https', '--port', '0']);
t.teardown(async () => {
  await stop(jsonListener);
  await stop(httpsListener);
  admin.close();
  await started.close();
  await rm(dir, { recursive: true });
});

async function until<T>(what: string, check: () => T | undefined, ms = PROCESS_WAIT_MS): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The URL a listener prints on standard error at start. */
const listenerURL = (p: ThincimProcess): Promise<string> =>
  until('the listener URL', () => /listening on (\S+)/.exec(p.stderr())?.[1]);

const count = async (classname: string) => (await admin.enumerateInstanceNames(classname)).length;

const jsonURL = await listenerURL(jsonListener);
const httpsURL = await listenerURL(httpsListener);

t.test('listen prints its URL, and with --https the fingerprint of its self-signed certificate', async (t) => {
  t.match(jsonURL, /^http:\/\/127\.0\.0\.1:\d+$/);
  t.match(httpsURL, /^https:\/\/127\.0\.0\.1:\d+$/);
  t.match(httpsListener.stderr(), /self-signed certificate, SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}\n/);
});

t.test('a read-only user cannot subscribe: a clear error and exit status 1', async (t) => {
  const result = await runCli(['subscribe', started.url, ...asViewer, '--destination', `${jsonURL}/viewer`]);
  t.equal(result.code, 1);
  t.match(result.stderr, /^thincim subscribe: CIM_ERR_ACCESS_DENIED/);
  t.equal(result.stdout, '');
  t.equal(await count('CIM_ListenerDestinationCIMXML'), 0, 'nothing created');
});

let created: string[] = [];
t.test('subscribe creates destination, filter and subscription and prints their paths', async (t) => {
  const result = await runCli(['subscribe', started.url, ...asAdmin, '--destination', `${jsonURL}/fans`, '--class', 'CIM_AlertIndication', '--name', 'fans']);
  t.equal(result.code, 0, result.stderr);
  created = result.stdout.trimEnd().split('\n');
  t.equal(created.length, 3);
  t.match(created[0], /CIM_ListenerDestinationCIMXML\..*Name="thincim-cli:fans"/);
  t.match(created[1], /CIM_IndicationFilter\..*Name="thincim-cli:fans"/);
  t.match(created[2], /CIM_IndicationSubscription\.Filter=.*Handler=/);
  const filter = (await admin.enumerateInstances('CIM_IndicationFilter'))[0];
  t.equal(filter?.get('Query'), 'SELECT * FROM CIM_AlertIndication');
  t.equal(filter?.get('QueryLanguage'), 'WQL');
  t.equal(filter?.get('SystemName'), 'testhost', 'the server filled the keys');

  const https = await runCli(['subscribe', started.url, ...asAdmin, '-d', `${httpsURL}/all`, '--filter', 'SELECT * FROM CIM_AlertIndication', '--language', 'DMTF:CQL', '--name', 'tls']);
  t.equal(https.code, 0, https.stderr);
  for (const c of CLASSES) t.equal(await count(c), 2, c);
});

t.test('a stopped fan reaches both listeners', async (t) => {
  now = 100_000;
  await started.broker.manager.refresh();
  now = 250_000; // fan3 stops at 240 s
  await started.broker.manager.refresh();
  const fan = await jsonListener.waitForLog((line) => String(prop(line, 'AlertingManagedElement')).includes('fan3') && prop(line, 'ProbableCause') === 94, 'the fan3 alert');
  t.equal(fan['path'], '/fans');
  t.equal(fan['from'], '127.0.0.1');
  t.match(fan['receivedAt'], /^\d{4}-\d\d-\d\dT/);
  t.equal(fan['classname'], 'Thincim_AlertIndication');
  t.equal(prop(fan, 'IndicationFilterName'), 'thincim-cli:fans');
  t.match(prop(fan, 'MessageID'), /^THINCIM\d{4}$/);
  t.match(prop(fan, 'SequenceNumber'), /^\d+$/, 'sint64 as a string');
  const line = await until('the readable fan3 line', () => httpsListener.stdout().split('\n').find((l) => l.includes('OMC_Fan(simulated:fan3)')));
  t.match(line, /^\d{14}\.\d{6}[+-]\d{3} Thincim_AlertIndication (Warning|Critical|Fatal) OMC_Fan\(simulated:fan3\) THINCIM\d{4}: .+ #\d+$/);
  t.ok(httpsListener.stdout().split('\n').some((l) => / Thincim_ThresholdIndication Critical Thincim_NumericSensor\(simulated:fan3-speed\) THINCIM0002: .+ #\d+$/.test(l)),
    'the fan speed crossing its threshold, over HTTPS');
});

t.test('whatever a sender puts in an indication, listen prints one line of plain text', async (t) => {
  // Anyone who reaches a listener may post to it: a line break in MessageID forged a line, C1 controls (U+009B, CSI) and bidi overrides reached the terminal.
  const exporter = new Exporter(new URL(`${httpsURL}/forged`), 'test', { retryAttempts: 0, retryIntervalMs: 10, timeoutMs: 5000, tls: { insecure: true } }, new AbortController().signal);
  t.teardown(() => exporter.close());
  const values: Record<string, [CIMType, CIMValue]> = {
    MessageID: ['string', 'FORGED0001\n20250101000000.000000+000 Thincim_AlertIndication Information'],
    Message: ['string', 'a\u009b2Jb\u2028c\u202ed\r\ne'],
    PerceivedSeverity: ['uint16', 2],
  };
  await exporter.send(new CIMInstance({ classname: 'CIM_AlertIndication', properties: new NocaseMap(Object.entries(values).map(([n, [type, v]]) => [n, cimProperty(n, type, v)] as const)) }), 'forged');
  const line = await until('the forged indication', () => httpsListener.stdout().split('\n').find((l) => l.includes('FORGED0001')));
  t.match(line, /^\d{4}-\d\d-\d\dT\S+ CIM_AlertIndication Information FORGED0001 20250101000000\.000000\+000 Thincim_AlertIndication Information: a 2Jb c d e #0$/);
});

const prop = (line: Record<string, unknown>, name: string): unknown =>
  (line['properties'] as Record<string, { value: unknown }> | undefined)?.[name]?.value;

t.test('subscriptions lists them, as a table and as JSON', async (t) => {
  const table = await runCli(['subscriptions', started.url, ...asViewer]);
  t.equal(table.code, 0, table.stderr);
  const [header, ...rows] = table.stdout.trimEnd().split('\n');
  t.match(header, /^Filter\s+Query\s+Destination\s+State$/);
  t.equal(rows.length, 2);
  t.ok(rows.some((r) => /^thincim-cli:fans\s+SELECT \* FROM CIM_AlertIndication\s+http:\/\/127\.0\.0\.1:\d+\/fans\s+2 \(Enabled\)$/.test(r)), table.stdout);
  const json = await runCli(['subscriptions', started.url, ...asViewer, '-o', 'json']);
  const listed = JSON.parse(json.stdout) as { subscription: string; filter: { name: string; language: string; path: string }; destination: { url: string; path: string } }[];
  t.same(listed.map((s) => s.filter.name).sort(), ['thincim-cli:fans', 'thincim-cli:tls']);
  t.ok(listed.every((s) => s.filter.path.startsWith(`${INTEROP}:CIM_IndicationFilter.`) && s.destination.path.startsWith(`${INTEROP}:CIM_ListenerDestinationCIMXML.`)),
    'filter and destination paths with their namespace (README, Protocol behaviour)');
  t.ok(listed.some((s) => s.filter.language === 'DMTF:CQL' && s.destination.url === `${httpsURL}/all`));
  t.ok(listed.some((s) => s.subscription === created[2]), 'the path subscribe printed');
});

t.test('unsubscribe: read-only refused; by name removes the three instances; other tools\' instances stay', async (t) => {
  const refused = await runCli(['unsubscribe', started.url, ...asViewer, '--name', 'fans']);
  t.equal(refused.code, 1);
  t.match(refused.stderr, /CIM_ERR_ACCESS_DENIED/);

  const byName = await runCli(['unsubscribe', started.url, ...asAdmin, '--name', 'fans']);
  t.equal(byName.code, 0, byName.stderr);
  t.same(byName.stdout.split('\n').filter((l) => l.startsWith('deleted ')).map((l) => /^deleted (\S+?:\w+)\./.exec(l)?.[1]),
    ['CIM_IndicationSubscription', 'CIM_IndicationFilter', 'CIM_ListenerDestinationCIMXML'].map((c) => `${INTEROP}:${c}`), 'each deleted path with its namespace');
  for (const c of CLASSES) t.equal(await count(c), 1, `${c}: only the tls one is left`);

  const missing = await runCli(['unsubscribe', started.url, ...asAdmin, '--name', 'fans']);
  t.equal(missing.code, 1);
  t.match(missing.stderr, /no subscription named thincim-cli:fans/);

  // A subscription another tool made, whose destination is shared with nothing: --all-owned leaves it.
  const instance = (classname: string, values: Record<string, [CIMType, CIMValue]>) =>
    new CIMInstance({ classname, properties: new NocaseMap(Object.entries(values).map(([n, [type, v]]) => [n, cimProperty(n, type, v)] as const)) });
  const handler = await admin.createInstance(instance('CIM_ListenerDestinationCIMXML', { Name: ['string', 'pywbemdestination:x'], Destination: ['string', `${jsonURL}/other`] }));
  const filter = await admin.createInstance(instance('CIM_IndicationFilter', { Name: ['string', 'pywbemfilter:x'], Query: ['string', 'SELECT * FROM CIM_AlertIndication'], QueryLanguage: ['string', 'WQL'] }));
  await admin.createInstance(instance('CIM_IndicationSubscription', { Filter: ['reference', filter], Handler: ['reference', handler] }));

  const all = await runCli(['unsubscribe', started.url, ...asAdmin, '--all-owned']);
  t.equal(all.code, 0, all.stderr);
  t.equal(all.stdout.split('\n').filter((l) => l.startsWith('deleted ')).length, 3);
  for (const c of CLASSES) t.equal(await count(c), 1, `${c}: only the other tool's is left`);
  t.equal((await admin.enumerateInstances('CIM_IndicationFilter'))[0]?.get('Name'), 'pywbemfilter:x');
});

t.test('the paths subscribe and unsubscribe print hold the server\'s text escaped (a name with a C1 CSI, U+009B)', async (t) => {
  const made = await runCli(['subscribe', started.url, ...asAdmin, '--destination', `${jsonURL}/csi`, '--class', 'CIM_AlertIndication', '--name', 'c\u009b2J']);
  t.equal(made.code, 0, made.stderr);
  t.notMatch(made.stdout, /\u009b/, 'no raw CSI');
  t.match(made.stdout, /Name="thincim-cli:c\\x9b2J"/);
  const gone = await runCli(['unsubscribe', started.url, ...asAdmin, '--name', 'c\u009b2J']);
  t.equal(gone.code, 0, gone.stderr);
  t.notMatch(gone.stdout, /\u009b/);
  t.match(gone.stdout, /^deleted .*c\\x9b2J/m);
});

t.test('usage errors exit with status 2', async (t) => {
  for (const args of [
    ['subscribe', started.url, ...asAdmin],
    ['subscribe', started.url, ...asAdmin, '-d', 'ftp://x/'],
    ['subscribe', started.url, ...asAdmin, '-d', jsonURL, '--class', 'A', '--filter', 'SELECT * FROM B'],
    ['subscribe', started.url, ...asAdmin, '-d', jsonURL, '--language', 'XPath'],
    ['unsubscribe', started.url, ...asAdmin],
    ['unsubscribe', started.url, ...asAdmin, '--all-owned', '--name', 'x'],
    ['subscriptions', started.url, '-o', 'xml'],
    ['listen', '--port', 'x'],
    ['listen', '--tls-cert', 'a.pem'],
  ]) {
    const result = await runCli(args);
    t.equal(result.code, 2, args.join(' '));
    t.match(result.stderr, /^thincim \w+: .+\nusage: thincim \w+/, args.join(' '));
  }
});

t.test('listen stops cleanly on SIGTERM and SIGINT', async (t) => {
  jsonListener.child.kill('SIGTERM');
  httpsListener.child.kill('SIGINT');
  t.same(await jsonListener.exited, { code: 0, signal: null });
  t.same(await httpsListener.exited, { code: 0, signal: null });
});
