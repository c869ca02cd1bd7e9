/**
 * Providers that throw, hang past their deadline, return garbage or crash
 * their child process: the broker keeps answering everything else normally,
 * and the misbehaving ones are named where an operator looks (the provider
 * state, /readyz, the error of a request routed to them).
 */
import t from 'tap';
import { CIMError, CIMInstance, CIMInstanceName, CIMStatus, NocaseMap, cimProperty, type CIMProperty } from '../../src/cim/index.js';
import { runCommand, type LoadedProvider, type Provider } from '../../src/providers/index.js';
import { loadProviders } from '../../src/providers/index.js';
import { imethod, p, post, returned, startTestBroker, type TestBroker } from '../helpers/broker.js';

function loaded(provider: Provider): LoadedProvider {
  return { provider, source: `test:${provider.name}`, options: {}, schedule: { interval: 0.2, timeout: 300 }, enablement: 'explicit' };
}

const hardware = (name: string, sample: () => Promise<unknown>): Provider =>
  ({ kind: 'hardware', name, version: '1.0.0', sample }) as Provider;

const LOG_ID = 'Thincim:oem-log';
const logPath = new CIMInstanceName({ classname: 'Thincim_RecordLog', keybindings: { InstanceID: LOG_ID }, namespace: 'root/cimv2' });

/** An instance provider whose instances are fine but whose method throws. */
const brokenMethods: Provider = {
  kind: 'instance',
  name: 'oem-broken',
  version: '1.0.0',
  classes: ['Thincim_RecordLog'],
  async enumerateInstances() {
    const properties = new NocaseMap<CIMProperty>([
      ['InstanceID', cimProperty('InstanceID', 'string', LOG_ID)],
      ['ElementName', cimProperty('ElementName', 'string', 'OEM log')],
    ]);
    return [new CIMInstance({ classname: 'Thincim_RecordLog', properties, path: logPath })];
  },
  async invokeMethod(_ctx, _path, method) {
    // A vendor's own CIMError may quote a tool's coloured output: ESC, which XML cannot carry.
    if (method === 'RequestStateChange') throw new CIMError(CIMStatus.FAILED, 'vendor tool said \x1b[31mno\x1b[0m');
    throw new TypeError('vendor library exploded');
  },
};

let server: TestBroker;

t.before(async () => {
  const simulated = await loadProviders({ providers: ['simulated'], options: { simulated: { startTime: 0, clock: () => 0 } } });
  server = await startTestBroker({
    providers: [
      ...simulated,
      loaded(hardware('thrower', async () => { throw new Error('sensor bus on fire'); })),
      loaded(hardware('hanger', () => new Promise(() => {}))),
      loaded(hardware('garbage', async () => ({ sensors: 'not a list' }))),
      loaded(hardware('crasher', async () => runCommand('sh', ['-c', 'kill -9 $$'], { timeoutMs: 2000 }))),
      loaded(brokenMethods),
    ],
    // The answers of methods are tested here; who may call them is test/ops/auth.test.ts's business.
    anonymousWrite: true,
  });
  await server.broker.manager.refresh();
});
t.teardown(() => server.close());

t.test('every misbehaving provider is recorded as failing, by name', async (t) => {
  const states = new Map(server.broker.manager.state().map((s) => [s.name, s]));
  for (const name of ['thrower', 'hanger', 'garbage', 'crasher']) {
    const state = states.get(name)!;
    t.ok(state.consecutiveFailures > 0, `${name} has failed`);
    t.equal(state.samples, 0, `${name} never produced a sample`);
    t.type(state.lastError, 'string', `${name}'s error is kept`);
  }
  t.match(states.get('thrower')!.lastError, /sensor bus on fire/);
  t.match(states.get('hanger')!.lastError, /300 ?ms|deadline|timed out/i);
  t.match(states.get('garbage')!.lastError, /sensors/);
  t.equal(states.get('simulated')!.consecutiveFailures, 0, 'the good provider is unaffected');
});

t.test('the server answers everything else normally', async (t) => {
  const sensors = await imethod(server.url, 'EnumerateInstances', 'root/cimv2', p.className('ClassName', 'CIM_NumericSensor'));
  t.equal(sensors.error, undefined);
  t.ok(returned(sensors).length > 10, 'the simulated sensors are served');
  const cls = await imethod(server.url, 'GetClass', 'root/cimv2', p.className('ClassName', 'CIM_Fan'));
  t.equal(returned(cls)[0]?.kind, 'class');
  const logs = await imethod(server.url, 'EnumerateInstanceNames', 'root/cimv2', p.className('ClassName', 'CIM_RecordLog'));
  t.equal(returned(logs).length, 1, 'the instance provider\'s instances are served');
});

t.test('a request routed to a failing provider gets CIM_ERR_FAILED naming it', async (t) => {
  const body = `<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="7" PROTOCOLVERSION="1.0"><SIMPLEREQ>` +
    `<METHODCALL NAME="ClearLog"><LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>` +
    `<INSTANCENAME CLASSNAME="Thincim_RecordLog"><KEYBINDING NAME="InstanceID"><KEYVALUE VALUETYPE="string" TYPE="string">${LOG_ID}</KEYVALUE></KEYBINDING></INSTANCENAME>` +
    `</LOCALINSTANCEPATH></METHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
  const res = await post(server.url, body, {
    'Content-Type': 'application/xml; charset="utf-8"',
    CIMOperation: 'MethodCall',
    CIMMethod: 'ClearLog',
    CIMObject: encodeURIComponent(`root/cimv2:Thincim_RecordLog.InstanceID="${LOG_ID}"`),
  });
  t.equal(res.status, 200);
  t.match(res.text, /<ERROR CODE="1" DESCRIPTION="provider 'oem-broken'[^"]*vendor library exploded"/);
  const again = await imethod(server.url, 'EnumerateInstanceNames', 'root/cimv2', p.className('ClassName', 'CIM_Fan'));
  t.ok(returned(again).length > 0, 'and the server goes on');
});

t.test("a provider's own CIMError with a character XML cannot carry is answered, the character U+FFFD", async (t) => {
  const body = `<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="8" PROTOCOLVERSION="1.0"><SIMPLEREQ>` +
    `<METHODCALL NAME="RequestStateChange"><LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>` +
    `<INSTANCENAME CLASSNAME="Thincim_RecordLog"><KEYBINDING NAME="InstanceID"><KEYVALUE VALUETYPE="string" TYPE="string">${LOG_ID}</KEYVALUE></KEYBINDING></INSTANCENAME>` +
    `</LOCALINSTANCEPATH><PARAMVALUE NAME="RequestedState" PARAMTYPE="uint16"><VALUE>2</VALUE></PARAMVALUE></METHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
  const res = await post(server.url, body, {
    'Content-Type': 'application/xml; charset="utf-8"',
    CIMOperation: 'MethodCall',
    CIMMethod: 'RequestStateChange',
    CIMObject: encodeURIComponent(`root/cimv2:Thincim_RecordLog.InstanceID="${LOG_ID}"`),
  });
  t.equal(res.status, 200, 'a CIM answer, not HTTP 500');
  t.match(res.text, /<ERROR CODE="1" DESCRIPTION="[^"]*vendor tool said \uFFFD\[31mno\uFFFD\[0m"/);
});

t.test('/readyz names the failing providers', async (t) => {
  const res = await fetch(new URL('/readyz', server.url));
  const body = await res.json() as { providers: { name: string; healthy: boolean; error?: string }[] };
  const unhealthy = body.providers.filter((p) => !p.healthy).map((p) => p.name).sort();
  t.same(unhealthy, ['crasher', 'garbage', 'hanger', 'thrower']);
});
