/**
 * Threshold management (DSP1009 §7.4): ModifyInstance with a PropertyList
 * naming settable thresholds reaches the provider that reported the sensor;
 * RestoreDefaultThresholds puts the hardware's values back.
 */
import t from 'tap';
import { CIMError, CIMStatus } from '../../src/cim/index.js';
import type { HardwareProvider } from '../../src/providers/api.js';
import { loadProviders } from '../../src/providers/index.js';
import { imethod, instancesIn, p, post, startTestBroker, type TestBroker } from '../helpers/broker.js';
import { basic } from '../helpers/client.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';

let server: TestBroker;
t.before(async () => {
  // The answers of writes and methods are tested here; who may send them is test/ops/auth.test.ts's business.
  server = await startTestBroker({ anonymousWrite: true });
});
t.teardown(() => server.close());

const NS = 'root/cimv2';

async function sensor(deviceId: string) {
  const all = instancesIn(await imethod(server.url, 'EnumerateInstances', NS, p.className('ClassName', 'CIM_NumericSensor')));
  return all.find((i) => i.get('DeviceID') === deviceId)!;
}

function keysXml(deviceId: string): string {
  const keys = { SystemCreationClassName: 'Thincim_ComputerSystem', SystemName: 'testhost', CreationClassName: 'Thincim_NumericSensor', DeviceID: deviceId };
  return Object.entries(keys).map(([k, v]) => `<KEYBINDING NAME="${k}"><KEYVALUE VALUETYPE="string" TYPE="string">${v}</KEYVALUE></KEYBINDING>`).join('');
}

function modify(deviceId: string, property: string, value: number) {
  return imethod(server.url, 'ModifyInstance', NS,
    `<IPARAMVALUE NAME="ModifiedInstance"><VALUE.NAMEDINSTANCE><INSTANCENAME CLASSNAME="Thincim_NumericSensor">${keysXml(deviceId)}</INSTANCENAME>` +
    `<INSTANCE CLASSNAME="Thincim_NumericSensor"><PROPERTY NAME="${property}" TYPE="sint32"><VALUE>${value}</VALUE></PROPERTY></INSTANCE></VALUE.NAMEDINSTANCE></IPARAMVALUE>` +
    p.array('PropertyList', [property]));
}

async function restore(deviceId: string, url = server.url, headers: Record<string, string> = {}) {
  const body = `<?xml version="1.0" encoding="utf-8"?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="9" PROTOCOLVERSION="1.0"><SIMPLEREQ>` +
    `<METHODCALL NAME="RestoreDefaultThresholds"><LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>` +
    `<INSTANCENAME CLASSNAME="Thincim_NumericSensor">${keysXml(deviceId)}</INSTANCENAME></LOCALINSTANCEPATH></METHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
  const object = `root/cimv2:Thincim_NumericSensor.CreationClassName="Thincim_NumericSensor",DeviceID="${deviceId}",SystemCreationClassName="Thincim_ComputerSystem",SystemName="testhost"`;
  return post(url, body, {
    'Content-Type': 'application/xml; charset="utf-8"', CIMOperation: 'MethodCall', CIMMethod: 'RestoreDefaultThresholds', CIMObject: encodeURIComponent(object),
    ...headers,
  });
}

t.test('a settable threshold is written through to the provider and shows in the model', async (t) => {
  const before = await sensor('simulated:cpu1-temp');
  t.same(before.get('SettableThresholds'), [1, 3]);
  t.equal(before.get('UpperThresholdNonCritical'), 850, '85.0 °C at UnitModifier -1');
  const res = await modify('simulated:cpu1-temp', 'UpperThresholdNonCritical', 800);
  t.equal(res.error, undefined);
  t.equal(res.returnValue, undefined, 'ModifyInstance is void');
  await server.broker.manager.refresh('simulated');
  t.equal((await sensor('simulated:cpu1-temp')).get('UpperThresholdNonCritical'), 800);

  const restored = await restore('simulated:cpu1-temp');
  t.match(restored.text, /<RETURNVALUE PARAMTYPE="uint32"><VALUE>0<\/VALUE><\/RETURNVALUE>/, 'RestoreDefaultThresholds returns 0');
  await server.broker.manager.refresh('simulated');
  t.equal((await sensor('simulated:cpu1-temp')).get('UpperThresholdNonCritical'), 850, 'the default is back');
});

t.test('without a PropertyList (wbemcli mi sends back the instance it read), what a sample changed since is no change asked for', async (t) => {
  const read = await sensor('simulated:cpu2-temp');
  // As a sample between the client's read and its write leaves them: the client's reading and status are the old ones.
  const stale = (name: string, type: string, value: number) => `<PROPERTY NAME="${name}" TYPE="${type}"><VALUE>${value}</VALUE></PROPERTY>`;
  const send = (extra: string) => imethod(server.url, 'ModifyInstance', NS,
    `<IPARAMVALUE NAME="ModifiedInstance"><VALUE.NAMEDINSTANCE><INSTANCENAME CLASSNAME="Thincim_NumericSensor">${keysXml('simulated:cpu2-temp')}</INSTANCENAME>` +
    `<INSTANCE CLASSNAME="Thincim_NumericSensor">${stale('CurrentReading', 'sint32', Number(read.get('CurrentReading')) + 7)}` +
    `${stale('HealthState', 'uint16', 10)}<PROPERTY NAME="CurrentState" TYPE="string"><VALUE>Upper Non-Critical</VALUE></PROPERTY>` +
    `${stale('UpperThresholdNonCritical', 'sint32', 820)}${extra}</INSTANCE></VALUE.NAMEDINSTANCE></IPARAMVALUE>`);
  const res = await send('');
  t.equal(res.error, undefined, 'accepted');
  await server.broker.manager.refresh('simulated');
  t.equal((await sensor('simulated:cpu2-temp')).get('UpperThresholdNonCritical'), 820, 'the threshold is written');
  const renamed = await send('<PROPERTY NAME="ElementName" TYPE="string"><VALUE>Renamed</VALUE></PROPERTY>');
  t.equal(renamed.error?.code, 7, 'anything else that differs is still refused');
  t.match(renamed.error?.message, /ElementName .* cannot be changed/);
  t.equal((await restore('simulated:cpu2-temp')).status, 200);
});

t.test('a threshold that is not settable, or another property, is refused', async (t) => {
  const fatal = await modify('simulated:cpu1-temp', 'UpperThresholdFatal', 990);
  t.equal(fatal.error?.code, 7);
  t.match(fatal.error?.message, /UpperThresholdFatal .* not settable/);
  const reading = await modify('simulated:cpu1-temp', 'CurrentReading', 1);
  t.equal(reading.error?.code, 7);
  t.match(reading.error?.message, /CurrentReading of Thincim_NumericSensor cannot be changed/);
});

t.test('a missing sensor is CIM_ERR_NOT_FOUND', async (t) => {
  const res = await modify('simulated:no-such-sensor', 'UpperThresholdNonCritical', 800);
  t.equal(res.error?.code, 6);
});

/** The simulated provider as loaded, its HardwareProvider changed by `edit`. */
async function simulatedWith(edit: (provider: HardwareProvider) => HardwareProvider) {
  const [simulated] = await loadProviders({ providers: ['simulated'], options: { simulated: { startTime: 0, clock: () => 0 } } });
  return [{ ...simulated!, provider: edit(simulated!.provider as HardwareProvider) }];
}

/** hwmon and ipmi are like this: no restoreDefaultThresholds at all. */
const withoutRestore = ({ restoreDefaultThresholds: _unsupported, ...readOnly }: HardwareProvider): HardwareProvider => readOnly;

/**
 * A provider that restores some sensors' thresholds but not others' (fixed
 * thresholds, say): CIM_ERR_NOT_SUPPORTED for cpu1-temp, a failure for cpu2-temp.
 */
const refusingCpu1 = (base: HardwareProvider): HardwareProvider => ({
  ...base,
  async restoreDefaultThresholds(ctx, sensorId) {
    if (sensorId === 'cpu1-temp') throw new CIMError(CIMStatus.NOT_SUPPORTED, 'this sensor has fixed thresholds');
    if (sensorId === 'cpu2-temp') throw new CIMError(CIMStatus.FAILED, 'the BMC did not answer');
    return base.restoreDefaultThresholds!(ctx, sensorId);
  },
});

const RETURNED_1 = /<RETURNVALUE PARAMTYPE="uint32"><VALUE>1<\/VALUE><\/RETURNVALUE>/;

t.test('RestoreDefaultThresholds on a sensor whose provider cannot restore thresholds returns 1 (Not Supported)', async (t) => {
  // CIM_NumericSensor.RestoreDefaultThresholds (CIM 2.49, profiles.md §5.2): "returns 0 if successful, 1 if
  // unsupported and any other value if an error occurred".
  const own = await startTestBroker({ anonymousWrite: true, providers: await simulatedWith(withoutRestore) });
  t.teardown(() => own.close());
  const restored = await restore('simulated:cpu1-temp', own.url);
  t.equal(restored.status, 200);
  t.match(restored.text, RETURNED_1, 'the method answers, with 1 Not Supported');
  const missing = await restore('simulated:no-such-sensor', own.url);
  t.match(missing.text, /<ERROR CODE="6"/, 'a sensor that does not exist is still CIM_ERR_NOT_FOUND');
});

t.test('a provider that throws CIM_ERR_NOT_SUPPORTED for one sensor makes RestoreDefaultThresholds return 1 for it', async (t) => {
  const own = await startTestBroker({ anonymousWrite: true, providers: await simulatedWith(refusingCpu1) });
  t.teardown(() => own.close());
  const fixed = await restore('simulated:cpu1-temp', own.url);
  t.equal(fixed.status, 200);
  t.notMatch(fixed.text, /<ERROR/, 'no ERROR for the sensor the provider cannot restore');
  t.match(fixed.text, RETURNED_1, 'but 1 Not Supported');
  t.match((await restore('simulated:cpu2-temp', own.url)).text, /<ERROR CODE="1"/, 'another failure of the provider is still an ERROR');
  t.match((await restore('simulated:inlet-temp', own.url)).text, /<RETURNVALUE PARAMTYPE="uint32"><VALUE>0<\/VALUE><\/RETURNVALUE>/,
    'the sensors it can restore return 0');
});

t.test('callers that may not write get CIM_ERR_ACCESS_DENIED, never the return value 1, whatever the sensor', async (t) => {
  // Who may call is decided before the method runs, so the refusal never depends on the sensor or its provider:
  // a 1 here would read as "allowed, but unsupported".
  const password = 'v13wer-Pässwort';
  const authenticator = await testAuthenticator(await writeUsers(t.testdir(), { viewer: { role: 'readonly', password } }));
  const callers: [string, Record<string, string>][] = [['an anonymous caller', {}], ['a readonly user', { Authorization: basic('viewer', password) }]];
  for (const [provider, edit] of [['no restoreDefaultThresholds', withoutRestore], ['CIM_ERR_NOT_SUPPORTED for the sensor', refusingCpu1]] as const) {
    const own = await startTestBroker({ authenticator, anonymousWrite: false, providers: await simulatedWith(edit) });
    t.teardown(() => own.close());
    for (const [caller, headers] of callers) {
      for (const sensor of ['simulated:cpu1-temp', 'simulated:no-such-sensor']) {
        const denied = await restore(sensor, own.url, headers);
        t.equal(denied.status, 200, `${provider}, ${caller}, ${sensor}: an operation error`);
        t.match(denied.text, /<ERROR CODE="2"/, `${provider}, ${caller}, ${sensor}: CIM_ERR_ACCESS_DENIED`);
        t.notMatch(denied.text, /<RETURNVALUE/, `${provider}, ${caller}, ${sensor}: no return value`);
      }
    }
  }
});
