/**
 * Subscriptions made over the wire with the client library, as pywbem's
 * WBEMSubscriptionManager makes them, and the indications of the simulated
 * timeline delivered to a real listener socket.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CIMInstance, CIMInstanceName, CIMStatus, NocaseMap, cimProperty, type CIMValue, type CIMType } from '../../src/cim/index.js';
import { WBEMConnection } from '../../src/client/index.js';
import type { HardwareEvent } from '../../src/events/index.js';
import { startListener, type ReceivedIndication } from '../../src/indications/listener.js';
import { startTestBroker } from '../helpers/broker.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

const INTEROP = 'root/interop';
const ADMIN = { user: 'admin', password: 'Admin-pass-1' };
const VIEWER = { user: 'viewer', password: 'Viewer-pass-1' };

let now = 0;
const dir = await mkdtemp(join(tmpdir(), 'thincim-ind-'));
const received: ReceivedIndication[] = [];
const listener = await startListener({ port: 0, onIndication: (r) => void received.push(r) });
const started = await startTestBroker({
  authenticator: await testAuthenticator(await writeUsers(dir, {
    [ADMIN.user]: { role: 'admin', password: ADMIN.password }, [VIEWER.user]: { role: 'readonly', password: VIEWER.password },
  })),
  simulated: { clock: () => now, startTime: 0 },
  indications: { retryAttempts: 1, retryIntervalSec: 0.05, timeoutSec: 2, stateFile: join(dir, 'subscriptions.json') },
});
const events: HardwareEvent[] = [];
started.broker.events.subscribe({ name: 'test', handle: (e) => void events.push(e) });
const admin = new WBEMConnection(started.url, { namespace: INTEROP, credentials: ADMIN });
const viewer = new WBEMConnection(started.url, { namespace: INTEROP, credentials: VIEWER });
t.teardown(async () => {
  admin.close();
  viewer.close();
  await started.close();
  await listener.close();
  await rm(dir, { recursive: true });
});

function instance(classname: string, values: Record<string, [CIMType, CIMValue]>): CIMInstance {
  const properties = new NocaseMap(Object.entries(values).map(([name, [type, value]]) => [name, cimProperty(name, type, value)] as const));
  return new CIMInstance({ classname, properties });
}

/** The three instances pywbem creates: destination, filter, subscription (keys left for the server where pywbem leaves them). */
async function subscribe(name: string, query: string, path = '/thincim', extra: Record<string, [CIMType, CIMValue]> = {}): Promise<{ destination: CIMInstanceName; filter: CIMInstanceName; subscription: CIMInstanceName }> {
  const destination = await admin.createInstance(instance('CIM_ListenerDestinationCIMXML', {
    CreationClassName: ['string', 'CIM_ListenerDestinationCIMXML'], SystemCreationClassName: ['string', 'CIM_ComputerSystem'],
    Name: ['string', `pywbemdestination:${name}`], Destination: ['string', `${listener.url}${path}`], PersistenceType: ['uint16', 2],
  }));
  const filter = await admin.createInstance(instance('CIM_IndicationFilter', {
    Name: ['string', `pywbemfilter:${name}`], Query: ['string', query], QueryLanguage: ['string', 'WQL'],
    SourceNamespaces: ['string', ['root/cimv2']],
  }));
  const subscription = await admin.createInstance(instance('CIM_IndicationSubscription', {
    Filter: ['reference', filter], Handler: ['reference', destination], OnFatalErrorPolicy: ['uint16', 2], SubscriptionState: ['uint16', 2],
    ...extra,
  }));
  return { destination, filter, subscription };
}

/** Plays the timeline to `seconds` and samples. */
async function at(seconds: number): Promise<void> {
  now = seconds * 1000;
  await started.broker.manager.refresh();
}

async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const alerts = await subscribe('alerts', 'SELECT * FROM CIM_AlertIndication');

t.test('the server fills the keys, returns the path, and the instances read back', async (t) => {
  t.equal(alerts.filter.keybindings.get('SystemCreationClassName'), 'Thincim_ComputerSystem');
  t.equal(alerts.filter.keybindings.get('SystemName'), 'testhost');
  t.equal(alerts.filter.keybindings.get('CreationClassName'), 'CIM_IndicationFilter');
  t.equal(alerts.destination.keybindings.get('SystemCreationClassName'), 'CIM_ComputerSystem', "the client's value is kept");
  const filter = await viewer.getInstance(alerts.filter);
  t.equal(filter.get('Query'), 'SELECT * FROM CIM_AlertIndication');
  const subscription = await viewer.getInstance(alerts.subscription);
  t.equal(subscription.get('SubscriptionState'), 2);
  t.equal(subscription.get('OnFatalErrorPolicy'), 2);
  t.equal((subscription.get('Filter') as CIMInstanceName).key, alerts.filter.key);
  t.equal((await viewer.enumerateInstances('CIM_IndicationSubscription')).length, 1, 'read-only users may enumerate');
  const [service] = await viewer.enumerateInstances('CIM_IndicationService');
  t.equal(service?.get('DeliveryRetryAttempts'), 1);
  t.equal((await viewer.enumerateInstances('CIM_IndicationServiceCapabilities'))[0]?.get('SubscriptionsPersisted'), true);
});

t.test('read-only and anonymous callers cannot subscribe', async (t) => {
  const filter = instance('CIM_IndicationFilter', { Query: ['string', 'SELECT * FROM CIM_AlertIndication'], QueryLanguage: ['string', 'WQL'] });
  await t.rejects(viewer.createInstance(filter), { code: CIMStatus.ACCESS_DENIED });
  const anonymous = new WBEMConnection(started.url, { namespace: INTEROP });
  await t.rejects(anonymous.createInstance(filter), { code: CIMStatus.ACCESS_DENIED });
  await t.rejects(viewer.deleteInstance(alerts.subscription), { code: CIMStatus.ACCESS_DENIED });
  anonymous.close();
});

t.test('filters thincim cannot evaluate are refused when created', async (t) => {
  const create = (query: string, language = 'WQL', extra: Record<string, [CIMType, CIMValue]> = {}) =>
    admin.createInstance(instance('CIM_IndicationFilter', { Query: ['string', query], QueryLanguage: ['string', language], ...extra }));
  await t.rejects(create('SELECT * FROM CIM_AlertIndication', 'XPath'), { code: CIMStatus.QUERY_LANGUAGE_NOT_SUPPORTED });
  await t.rejects(create('SELECT * FROM'), { code: CIMStatus.INVALID_QUERY });
  await t.rejects(create('SELECT * FROM CIM_Fan'), { code: CIMStatus.INVALID_QUERY, message: /no indication class/ });
  await t.rejects(create('SELECT * FROM CIM_AlertIndication WHERE Nope = 1'), { code: CIMStatus.INVALID_QUERY });
  await t.rejects(create('SELECT * FROM CIM_InstModification WHERE SourceInstance.Nope = 1'), { code: CIMStatus.INVALID_QUERY });
  await t.rejects(create('SELECT * FROM CIM_AlertIndication', 'WQL', { SourceNamespaces: ['string', ['root/nope']] }), { code: CIMStatus.INVALID_PARAMETER });
  t.equal((await viewer.enumerateInstances('CIM_IndicationFilter')).length, 1, 'nothing was created');
});

t.test('references are checked, and what is in use cannot be deleted', async (t) => {
  const missing = new CIMInstanceName({ classname: 'CIM_IndicationFilter', keybindings: { ...Object.fromEntries(alerts.filter.keybindings), Name: 'nope' } });
  await t.rejects(admin.createInstance(instance('CIM_IndicationSubscription', { Filter: ['reference', missing], Handler: ['reference', alerts.destination] })),
    { code: CIMStatus.NOT_FOUND });
  await t.rejects(admin.deleteInstance(alerts.filter), { code: CIMStatus.FAILED, message: /used by 1 subscription/ });
  await t.rejects(admin.deleteInstance(alerts.destination), { code: CIMStatus.FAILED });
  await t.rejects(admin.createInstance(instance('CIM_IndicationFilter', {
    Name: ['string', 'pywbemfilter:alerts'], Query: ['string', 'SELECT * FROM CIM_AlertIndication'], QueryLanguage: ['string', 'WQL'],
  })), { code: CIMStatus.ALREADY_EXISTS });
  await t.rejects(admin.createInstance(instance('CIM_ListenerDestinationCIMXML', { Destination: ['string', 'ftp://listener/'] })), { code: CIMStatus.INVALID_PARAMETER });
});

t.test('a fan stopping, a temperature crossing its thresholds up and down: each alert arrives in order', async (t) => {
  received.length = 0;
  events.length = 0;
  await at(100);
  await at(250); // fan3 stopped at 240
  await at(455); // cpu1 at 96 °C
  await at(500); // cpu1 at 101 °C
  await at(620); // cpu1 restored
  const expected = [...events];
  t.ok(expected.some((e) => e.kind === 'thresholdCrossed') && expected.some((e) => e.kind === 'thresholdCleared'), 'the timeline crossed and cleared thresholds');
  await until('every alert', () => received.length >= expected.length);
  t.same(received.map((r) => r.indication.get('MessageID')), expected.map((e) => e.messageId), 'one alert per event, in order');
  t.same(received.map((r) => r.indication.get('SequenceNumber')), expected.map((_, i) => BigInt(i)), 'numbered from 0 without gaps');
  t.equal(new Set(received.map((r) => r.indication.get('SequenceContext'))).size, 1);
  t.ok(received.every((r) => r.path === '/thincim' && r.indication.get('IndicationFilterName') === 'pywbemfilter:alerts'));
  const fan = received.find((r) => String(r.indication.get('AlertingManagedElement')).includes('fan3') && r.indication.get('ProbableCause') === 94);
  t.ok(fan, 'the fan failure is a Fan Failure alert');
  t.match(fan?.indication, { classname: 'Thincim_AlertIndication' });
  t.equal(fan?.indication.get('AlertingElementFormat'), 2);
  t.equal(fan?.indication.get('AlertType'), 5);
  const hot = received.find((r) => r.indication.classname === 'Thincim_ThresholdIndication' && String(r.indication.get('AlertingManagedElement')).includes('cpu1-temp'));
  t.ok(hot, 'the temperature crossing is a threshold indication');
  t.match(hot?.indication.get('ThresholdIdentifier'), /^Upper/);
  t.equal(hot?.indication.get('AlertType'), 6, 'Environmental Alert');
  t.equal(hot?.indication.get('ProbableCause'), 51, 'Temperature Unacceptable');
  t.ok(Number(hot?.indication.get('ObservedValue')) > Number(hot?.indication.get('ThresholdValue')));
});

t.test('a subscription disabled with ModifyInstance sends nothing until enabled again', async (t) => {
  const current = await admin.getInstance(alerts.subscription);
  current.properties.set('SubscriptionState', cimProperty('SubscriptionState', 'uint16', 4));
  await admin.modifyInstance(current, { propertyList: ['SubscriptionState'] });
  t.equal((await viewer.getInstance(alerts.subscription)).get('SubscriptionState'), 4);
  await t.rejects(viewer.modifyInstance(current, { propertyList: ['SubscriptionState'] }), { code: CIMStatus.ACCESS_DENIED });
  received.length = 0;
  events.length = 0;
  await at(710); // psu2 failed at 700
  t.ok(events.length > 0);
  await new Promise((r) => setTimeout(r, 200));
  t.same(received, [], 'disabled');
  current.properties.set('SubscriptionState', cimProperty('SubscriptionState', 'uint16', 2));
  await admin.modifyInstance(current, { propertyList: ['SubscriptionState'] });
});

t.test('ISA and WHERE on the life-cycle indications select exactly what they should', async (t) => {
  const fans = await subscribe('fans', 'SELECT * FROM CIM_InstModification WHERE SourceInstance ISA CIM_PowerSupply AND SourceInstance.HealthState <> PreviousInstance.HealthState', '/psu');
  received.length = 0;
  events.length = 0;
  await at(830); // psu2 back at 820
  const psu = events.filter((e) => e.classname?.endsWith('PowerSupply') && e.before?.get('HealthState') !== e.after?.get('HealthState'));
  t.ok(psu.length > 0, 'the power supply recovered');
  await until('the alerts and the PSU modification', () => received.length >= events.length + psu.length);
  await new Promise((r) => setTimeout(r, 100));
  const modifications = received.filter((r) => r.path === '/psu');
  t.equal(modifications.length, psu.length);
  const [first] = modifications;
  t.equal(first?.indication.classname, 'CIM_InstModification');
  const source = first?.indication.get('SourceInstance') as CIMInstance;
  const previous = first?.indication.get('PreviousInstance') as CIMInstance;
  t.match(source.classname, /PowerSupply/);
  t.equal(source.get('HealthState'), 5);
  t.not(previous.get('HealthState'), 5);
  t.equal(first?.indication.get('IndicationFilterName'), 'pywbemfilter:fans');
  await admin.deleteInstance(fans.subscription);
  await admin.deleteInstance(fans.filter);
  await admin.deleteInstance(fans.destination);
  t.equal((await viewer.enumerateInstances('CIM_IndicationSubscription')).length, 1);
});

t.test('a reading lost and regained: an alert each, naming the sensor', async (t) => {
  received.length = 0;
  events.length = 0;
  await at(1005); // exhaust-temp unreadable at 1000
  await at(1065); // back at 1060
  const expected = events.filter((e) => e.kind === 'readingLost' || e.kind === 'readingRegained');
  t.same(expected.map((e) => e.kind), ['readingLost', 'readingRegained']);
  await until('the alerts', () => received.length >= events.length);
  const alertsOf = (messageId: string) => received.filter((r) => r.indication.get('MessageID') === messageId);
  const [lost] = alertsOf('THINCIM0004');
  t.match(String(lost?.indication.get('AlertingManagedElement')), /exhaust-temp/);
  t.match(String(lost?.indication.get('Message')), /^Exhaust Temp: reading lost \(.+\); last reading \d+(\.\d+)? °C$/, 'the last reading as the page writes it, a space before the unit');
  t.equal(alertsOf('THINCIM0005').length, 1, 'and regained');
});

t.test('indications.allowedNetworks restricts where the agent sends requests', async (t) => {
  const restricted = await startTestBroker({
    authenticator: await testAuthenticator(await writeUsers(dir, { [ADMIN.user]: { role: 'admin', password: ADMIN.password } }, 'restricted-users')),
    indications: { allowedNetworks: ['10.0.0.0/8'] },
  });
  t.teardown(() => restricted.close());
  const client = new WBEMConnection(restricted.url, { namespace: INTEROP, credentials: ADMIN });
  t.teardown(() => client.close());
  const destination = (url: string) => instance('CIM_ListenerDestinationCIMXML', {
    CreationClassName: ['string', 'CIM_ListenerDestinationCIMXML'], Destination: ['string', url], PersistenceType: ['uint16', 2],
  });
  await t.rejects(client.createInstance(destination(`${listener.url}/x`)), { code: CIMStatus.ACCESS_DENIED, message: /outside/ }, 'loopback is outside 10/8: a policy refusal');
  await t.rejects(client.createInstance(destination('http://listener.example:5990/')), { code: CIMStatus.INVALID_PARAMETER }, 'names are refused while restricted');
  await t.rejects(client.createInstance(destination('ftp://10.1.2.3/')), { code: CIMStatus.INVALID_PARAMETER }, 'http or https only');
  t.ok(await client.createInstance(destination('http://10.1.2.3:5990/')), 'an address inside is accepted (nothing is sent: no subscription)');
});

t.test('a bad ModifyInstance is refused', async (t) => {
  const current = await admin.getInstance(alerts.subscription);
  current.properties.set('SubscriptionState', cimProperty('SubscriptionState', 'uint16', 3));
  await t.rejects(admin.modifyInstance(current, { propertyList: ['SubscriptionState'] }), { code: CIMStatus.NOT_SUPPORTED });
  await t.rejects(admin.modifyInstance(await admin.getInstance(alerts.filter), { propertyList: ['Query'] }), { code: CIMStatus.NOT_SUPPORTED });
});

t.test('a subscription with a SubscriptionDuration ends on time, with no event to deliver', async (t) => {
  const subscriptions = async () => (await viewer.enumerateInstanceNames('CIM_IndicationSubscription')).map((p) => p.toString());
  const { subscription } = await subscribe('expiring', 'SELECT * FROM CIM_AlertIndication', '/expiring', { SubscriptionDuration: ['uint64', 1n] });
  const created = await viewer.getInstance(subscription);
  t.equal(created.get('SubscriptionDuration'), 1n);
  t.ok((created.get('SubscriptionTimeRemaining') as bigint) <= 1n, 'at most a second remains');
  t.ok((await subscriptions()).includes(subscription.toString()), 'listed while it runs');
  const end = Date.now() + 10_000;
  while ((await subscriptions()).includes(subscription.toString())) {
    if (Date.now() > end) throw new Error('the subscription outlived its duration by 9 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  t.pass('gone from root/interop once its second ran out, no event having been delivered');
  await t.rejects(viewer.getInstance(subscription), { code: CIMStatus.NOT_FOUND });
  t.ok((await subscriptions()).includes(alerts.subscription.toString()), 'the subscriptions without a duration stay');
});
