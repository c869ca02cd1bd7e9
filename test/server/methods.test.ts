/**
 * Extrinsic methods (DSP0200 InvokeMethod; reference cim-xml-protocol.md
 * §3.2) and the write operations that reach providers: the checks the broker
 * makes before a provider is involved (unknown method 17, missing instance 6,
 * bad parameters 4, nothing to run it 7, in that order), and — on a second
 * listener over the same published state with a scripted provider router —
 * what a provider's answer becomes on the wire: RETURNVALUE and output
 * parameters with their types, provider errors, failures and timeouts, and
 * the void answers of ModifyInstance and SetProperty.
 */
import t from 'tap';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { CIMDateTime, CIMError, CIMInstanceName, CIMStatus, type CIMValue } from '../../src/cim/index.js';
import { PullSessions } from '../../src/operations/pull.js';
import type { ProviderRouter } from '../../src/operations/types.js';
import { buildApp } from '../../src/server/app.js';
import { decodeResponse } from '../../src/cimxml/index.js';
import {
  SIM, TEST_LIMITS, cimHeaders, classMethodBody, imethod, instanceNameXml, invoke, iparam, localInstancePathXml, p, pathsIn, post, startTestBroker, type TestBroker,
} from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';
const SENSOR = SIM.device('Thincim_NumericSensor', 'cpu1-temp');
const FAN = SIM.device('OMC_Fan', 'fan1');
const ROUTED_TIMEOUT_MS = 300;

let broker: TestBroker;
/** A listener whose provider router is scripted by the test. */
let routed: { app: FastifyInstance; url: string };
const calls: { kind: string; namespace: string; target: string; method?: string; params?: Record<string, CIMValue>; propertyList?: readonly string[] }[] = [];

/** What the scripted providers do, by method name. */
const script: Record<string, (params: Record<string, CIMValue>, signal: AbortSignal) => Promise<{ returnValue: CIMValue; out?: Record<string, CIMValue> }>> = {
  RestoreDefaultThresholds: async () => ({ returnValue: 0 }),
  GetNonLinearFactors: async () => ({ returnValue: 0, out: { Accuracy: -5, Resolution: 10, Tolerance: 1 } }),
  RequestStateChange: async () => ({
    returnValue: 4096,
    out: { Job: new CIMInstanceName({ classname: 'CIM_ConcreteJob', keybindings: { InstanceID: 'Thincim:job-1' }, namespace: CIMV2 }) },
  }),
  SetSpeed: async () => {
    throw new CIMError(CIMStatus.METHOD_NOT_AVAILABLE, 'the fan is under manual control');
  },
  SetPowerState: async () => ({ returnValue: 0, out: { Undeclared: 1 } }),
  Reset: async () => {
    throw new Error('secret internal detail');
  },
  EnableDevice: (_params, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
};

const router: ProviderRouter = {
  async modifyInstance(namespace, instance, propertyList) {
    calls.push({ kind: 'modify', namespace, target: instance.path?.key ?? '', propertyList, params: Object.fromEntries([...instance.properties.values()].map((x) => [x.name, x.value])) });
  },
  async invokeMethod(namespace, target, method, params, signal) {
    calls.push({ kind: 'invoke', namespace, target: target instanceof CIMInstanceName ? target.key : target.classname, method, params });
    const run = script[method];
    if (!run) throw new CIMError(CIMStatus.NOT_SUPPORTED, `no script for ${method}`);
    return run(params, signal);
  },
};

t.before(async () => {
  // The answers of writes and methods are tested here; who may send them is test/ops/auth.test.ts's business.
  broker = await startTestBroker({ anonymousWrite: true });
  const limits = { ...TEST_LIMITS, requestTimeoutMs: ROUTED_TIMEOUT_MS };
  const app = await buildApp({
    state: broker.broker.state,
    pulls: new PullSessions({ maxSessions: 4, maxSessionsPerOwner: 4, maxAnonymousSessions: 4, defaultTimeoutSec: 30, maxTimeoutSec: 60 }),
    limits, router, logger: pino({ level: 'silent' }), providers: () => [],
    // These tests are about methods and writes, not rights (test/ops/auth.test.ts is).
    anonymousWrite: true,
    auth: { authenticator: undefined, required: false, healthzOpen: true },
  });
  routed = { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) };
});
t.teardown(async () => {
  await routed.app.close();
  await broker.close();
});
t.afterEach(() => {
  calls.length = 0;
});

const param = (name: string, value: string, type = '') => `<PARAMVALUE NAME="${name}"${type && ` PARAMTYPE="${type}"`}><VALUE>${value}</VALUE></PARAMVALUE>`;
const body = (text: string) => text.replace(/^.*<SIMPLERSP>/, '').replace(/<\/SIMPLERSP>.*$/, '');

t.test('the checks before any provider, in order: 3, 5, 17, 6, 4 (Required parameters included), then 7 for nothing to run it', async (t) => {
  const fan = { classname: 'OMC_Fan', keys: FAN };
  const missingFan = { classname: 'OMC_Fan', keys: { ...FAN, DeviceID: 'simulated:fan99' } };
  const sensor = { classname: 'Thincim_NumericSensor', keys: SENSOR };
  const manager = { classname: 'Thincim_ObjectManager', keys: {
    SystemCreationClassName: 'Thincim_ComputerSystem', SystemName: SIM.host, CreationClassName: 'Thincim_ObjectManager', Name: `thincim:${SIM.host}`,
  } };
  const sequence = '<PARAMVALUE NAME="AssignedSequence" PARAMTYPE="uint16"><VALUE.ARRAY><VALUE>1</VALUE></VALUE.ARRAY></PARAMVALUE>';
  const elements = `<PARAMVALUE NAME="ManagedElements" PARAMTYPE="reference"><VALUE.REFARRAY><VALUE.REFERENCE>${instanceNameXml('OMC_Fan', FAN)}</VALUE.REFERENCE></VALUE.REFARRAY></PARAMVALUE>`;
  const cases: [string, string, string, { classname: string; keys: Record<string, string> }, string, number, RegExp][] = [
    ['unknown namespace', 'NoSuchMethod', 'root/nowhere', fan, '', 3, /root\/nowhere/],
    ['unknown class', 'NoSuchMethod', CIMV2, { classname: 'No_Such', keys: FAN }, '', 5, /No_Such/],
    ['unknown method, even on a missing instance', 'NoSuchMethod', CIMV2, missingFan, '', 17, /no method NoSuchMethod/],
    ['a known method on a missing instance, even with bad parameters', 'SetSpeed', CIMV2, missingFan, param('Bogus', '1'), 6, /fan99/],
    ['an unknown parameter', 'SetSpeed', CIMV2, fan, param('Speed', '5000'), 4, /no input parameter Speed/],
    ['an output parameter given as input', 'GetNonLinearFactors', CIMV2, sensor, param('Accuracy', '1'), 4, /no input parameter Accuracy/],
    ['a value not of the parameter\'s type', 'SetSpeed', CIMV2, fan, param('DesiredSpeed', 'fast', 'uint64'), 4, /DesiredSpeed/],
    ['a value out of range', 'RequestStateChange', CIMV2, fan, param('RequestedState', '70000'), 4, /RequestedState/],
    ['an array for a scalar', 'SetSpeed', CIMV2, fan, '<PARAMVALUE NAME="DesiredSpeed"><VALUE.ARRAY><VALUE>1</VALUE></VALUE.ARRAY></PARAMVALUE>', 4, /DesiredSpeed/],
    ['a parameter twice', 'SetSpeed', CIMV2, fan, param('DesiredSpeed', '1') + param('desiredspeed', '2'), 4, /twice/],
    ['a bad datetime', 'RequestStateChange', CIMV2, fan, param('TimeoutPeriod', 'tomorrow'), 4, /TimeoutPeriod/],
    ['a well-formed call nothing can run', 'SetSpeed', CIMV2, fan, param('DesiredSpeed', '5000', 'uint64'), 7, /SetSpeed of OMC_Fan is not supported/],
    // DSP0004's Required qualifier on an IN parameter: a non-NULL value must be passed (CIM_Service's method).
    ['Required parameters not given', 'ChangeAffectedElementsAssignedSequence', 'root/interop', manager, '',
      4, /method ChangeAffectedElementsAssignedSequence requires a value for ManagedElements, AssignedSequence/],
    ['a Required parameter NULL', 'ChangeAffectedElementsAssignedSequence', 'root/interop', manager, '<PARAMVALUE NAME="ManagedElements"/>' + sequence,
      4, /requires a value for ManagedElements$/],
    ['Required parameters given', 'ChangeAffectedElementsAssignedSequence', 'root/interop', manager, elements + sequence, 7, /is not supported/],
  ];
  for (const [label, method, ns, target, params, code, description] of cases) {
    const response = await invoke(broker.url, method, ns, target.classname, target.keys, params);
    t.equal(response.kind, 'methodresponse', `${label}: a METHODRESPONSE`);
    t.equal(response.name, method, `${label}: named as called`);
    t.equal(response.error?.code, code, `${label}: ${code}`);
    t.match(response.error?.description, description, `${label}: the description says what is wrong`);
  }
  // Called on the class (the form a Static method takes; the schemas declare none): Required is checked the same.
  const onClass = await post(broker.url, classMethodBody('ChangeAffectedElementsAssignedSequence', 'root/interop', 'Thincim_ObjectManager'),
    cimHeaders('ChangeAffectedElementsAssignedSequence', 'root/interop:Thincim_ObjectManager'));
  const classResponse = decodeResponse(onClass.text);
  t.equal(classResponse.error?.code, 4, 'on the class, Required parameters not given: 4');
  t.match(classResponse.error?.description, /requires a value for ManagedElements, AssignedSequence/);
});

t.test('a method nothing runs: CIM_ERR_NOT_SUPPORTED inside METHODRESPONSE', async (t) => {
  const response = await invoke(broker.url, 'RequestStateChange', CIMV2, 'OMC_Fan', FAN, param('RequestedState', '3') + '<PARAMVALUE NAME="TimeoutPeriod"/>');
  t.match(body(response.raw.text), /^<METHODRESPONSE NAME="RequestStateChange"><ERROR CODE="7" DESCRIPTION="[^"]+"\/><\/METHODRESPONSE>$/,
    'ERROR inside METHODRESPONSE (not IMETHODRESPONSE), a NULL parameter accepted');
  const lower = await invoke(broker.url, 'requeststatechange', CIMV2, 'OMC_Fan', FAN);
  t.equal(lower.error?.code, 7, 'method names match without case');
  t.equal(lower.name, 'requeststatechange', 'the answer carries the name as called');
  const staticCall = await post(broker.url, classMethodBody('SetSpeed', CIMV2, 'OMC_Fan'), cimHeaders('SetSpeed', `${CIMV2}:OMC_Fan`));
  t.equal(decodeResponse(staticCall.text).error?.code, 7, 'a call on the class (LOCALCLASSPATH): 7 as well');
});

t.test('a provider\'s answer: RETURNVALUE with PARAMTYPE, typed inputs in, typed outputs back', async (t) => {
  const restored = await invoke(routed.url, 'RestoreDefaultThresholds', CIMV2, 'Thincim_NumericSensor', SENSOR);
  t.equal(restored.error, undefined);
  t.match(body(restored.raw.text), /^<METHODRESPONSE NAME="RestoreDefaultThresholds"><RETURNVALUE PARAMTYPE="uint32"><VALUE>0<\/VALUE><\/RETURNVALUE><\/METHODRESPONSE>$/,
    'RETURNVALUE PARAMTYPE="uint32", no output parameters');
  t.same(calls.map((c) => [c.kind, c.namespace, c.method]), [['invoke', CIMV2, 'RestoreDefaultThresholds']], 'the router was called once, in the namespace');
  t.equal(calls[0]?.target, new CIMInstanceName({ classname: 'Thincim_NumericSensor', keybindings: SENSOR }).key, 'on the instance');

  calls.length = 0;
  const factors = await invoke(routed.url, 'getnonlinearfactors', CIMV2, 'Thincim_NumericSensor', SENSOR, param('SensorReading', '42'));
  t.same(calls[0]?.params, { SensorReading: 42 }, 'inputs typed by the declaration, in the declared spelling');
  t.equal(calls[0]?.method, 'GetNonLinearFactors', 'the provider gets the declared method name');
  const out = factors.outParams;
  t.same([...out.byName.keys()].sort(), ['Accuracy', 'Resolution', 'Tolerance'], 'the output parameters');
  t.equal(out.byName.get('Accuracy')?.paramType, 'sint32', 'PARAMTYPE from the declaration');
  t.same(out.byName.get('Accuracy')?.value, { kind: 'value', text: '-5' });
  t.equal(out.byName.get('Resolution')?.paramType, 'uint32');

  calls.length = 0;
  const job = await invoke(routed.url, 'RequestStateChange', CIMV2, 'OMC_Fan', FAN,
    param('RequestedState', '3', 'uint16') + param('TimeoutPeriod', '00000000000130.000000:000', 'datetime'));
  t.equal(calls[0]?.params?.['RequestedState'], 3);
  t.ok(calls[0]?.params?.['TimeoutPeriod'] instanceof CIMDateTime, 'a datetime input arrives as CIMDateTime');
  t.same(job.kind === 'methodresponse' && job.returnValue?.value, { kind: 'value', text: '4096' }, 'return code 4096 (job started) is a value, not a CIM error');
  const reference = job.outParams.byName.get('Job');
  t.equal(reference?.paramType, 'reference', 'a reference output parameter');
  t.equal(reference?.value.kind === 'reference' && reference.value.path.classname, 'CIM_ConcreteJob');
});

t.test('provider errors: CIM errors pass through; anything else is CIM_ERR_FAILED without details', async (t) => {
  const busy = await invoke(routed.url, 'SetSpeed', CIMV2, 'OMC_Fan', FAN, param('DesiredSpeed', '5000'));
  t.equal(busy.error?.code, 16, 'CIM_ERR_METHOD_NOT_AVAILABLE from the provider');
  t.equal(busy.error?.description, 'the fan is under manual control', 'with its description');
  const broken = await invoke(routed.url, 'Reset', CIMV2, 'OMC_Fan', FAN);
  t.equal(broken.error?.code, 1, 'a provider exception: CIM_ERR_FAILED');
  t.notMatch(broken.raw.text, /secret internal detail/, 'its message is not sent to the client');
  const undeclared = await invoke(routed.url, 'SetPowerState', CIMV2, 'OMC_Fan', FAN, param('PowerState', '1') + param('Time', '20250101000000.000000+000'));
  t.equal(undeclared.error?.code, 1, 'an output parameter the method does not declare: CIM_ERR_FAILED');
  t.match(undeclared.error?.description, /undeclared output parameter Undeclared/);
  const started = Date.now();
  const slow = await invoke(routed.url, 'EnableDevice', CIMV2, 'OMC_Fan', FAN, param('Enabled', 'TRUE'));
  t.equal(slow.error?.code, 1, 'a provider that outlives requestTimeoutMs: CIM_ERR_FAILED');
  t.match(slow.error?.description, /timed out/);
  t.ok(Date.now() - started < ROUTED_TIMEOUT_MS + 2000, 'answered at the deadline');
  t.same(calls.map((c) => c.method), ['SetSpeed', 'Reset', 'SetPowerState', 'EnableDevice'], 'each reached the provider');
});

t.test('GetCentralInstances (DSP1033 1.1): the broker answers it from the index, the central instances with their namespaces; no provider is asked', async (t) => {
  calls.length = 0;
  for (const [dsp, assocClass] of [['DSP1004', 'Thincim_ComputerSystem'], ['DSP1013', 'OMC_Fan']] as const) {
    const answer = await invoke(routed.url, 'GetCentralInstances', 'root/interop', 'Thincim_RegisteredProfile', SIM.profile(dsp));
    t.equal(answer.error, undefined, `${dsp}: answered`);
    t.same(answer.kind === 'methodresponse' && answer.returnValue, { value: { kind: 'value', text: '0' }, paramType: 'uint8' }, `${dsp}: 0, Completed with no error`);
    const central = answer.outParams.byName.get('CentralInstances');
    t.equal(central?.paramType, 'reference', `${dsp}: CentralInstances, a reference array`);
    const paths = central?.value.kind === 'refarray' ? central.value.items.map((path) => String(path)) : [];
    const conforming = pathsIn(await imethod(routed.url, 'AssociatorNames', 'root/interop', iparam('ObjectName', instanceNameXml('Thincim_RegisteredProfile', SIM.profile(dsp))) +
      p.className('AssocClass', 'CIM_ElementConformsToProfile')));
    t.ok(paths.length > 0 && paths.every((path) => path.includes(`root/cimv2:${assocClass}.`)), `${dsp}: ${assocClass} instances, in root/cimv2`);
    t.same(paths.map((path) => path.replace(/^\/\/[^/]*\//, '')).sort(), conforming.map((path) => path.withLocation(path.namespace ?? 'root/interop').toString().replace(/^\/\/[^/]*\//, '')).sort(),
      `${dsp}: what CIM_ElementConformsToProfile reaches`);
  }
  // pywbem's WBEMServer asks in `interop` first, the alias thincim serves root/interop under.
  const central = async (namespace: string) => {
    const answer = await invoke(routed.url, 'GetCentralInstances', namespace, 'Thincim_RegisteredProfile', SIM.profile('DSP1004'));
    const value = answer.outParams.byName.get('CentralInstances')?.value;
    return value?.kind === 'refarray' ? value.items.map((path) => String(path)) : answer.error?.toString();
  };
  const aliased = await central('interop');
  t.same(aliased, await central('root/interop'), 'asked in the alias `interop`, the same answer');
  t.equal(Array.isArray(aliased) && aliased.length, 1, 'the host');
  t.same(calls, [], 'the provider router was never asked, whoever owns the class');
  const onClass = decodeResponse((await post(routed.url, classMethodBody('GetCentralInstances', 'root/interop', 'Thincim_RegisteredProfile'),
    cimHeaders('GetCentralInstances', 'root/interop:Thincim_RegisteredProfile'))).text);
  t.equal(onClass.error?.code, CIMStatus.INVALID_PARAMETER, 'on the class rather than a profile: CIM_ERR_INVALID_PARAMETER');
});

t.test('a reference value given by its key value alone (DSP0201 5.3.4) reaches the provider with the key named', async (t) => {
  const profile = SIM.profile('DSP1004');
  const unnamedPath = (classname: string, value: string) => '<LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="interop"/></LOCALNAMESPACEPATH>' +
    `<INSTANCENAME CLASSNAME="${classname}"><KEYVALUE VALUETYPE="string" TYPE="string">${value}</KEYVALUE></INSTANCENAME></LOCALINSTANCEPATH>`;
  const elements = (path: string) => `<PARAMVALUE NAME="ManagedElements" PARAMTYPE="reference"><VALUE.REFARRAY><VALUE.REFERENCE>${path}</VALUE.REFERENCE></VALUE.REFARRAY></PARAMVALUE>` +
    '<PARAMVALUE NAME="AssignedSequence" PARAMTYPE="uint16"><VALUE.ARRAY><VALUE>1</VALUE></VALUE.ARRAY></PARAMVALUE>';
  const manager = {
    SystemCreationClassName: 'Thincim_ComputerSystem', SystemName: SIM.host, CreationClassName: 'Thincim_ObjectManager', Name: `thincim:${SIM.host}`,
  };
  const method = 'ChangeAffectedElementsAssignedSequence';
  await invoke(routed.url, method, 'root/interop', 'Thincim_ObjectManager', manager, elements(unnamedPath('Thincim_RegisteredProfile', profile.InstanceID)));
  const given = calls[0]?.params?.ManagedElements;
  t.same(Array.isArray(given) && given.map((path) => path instanceof CIMInstanceName && [...path.keybindings]), [[['InstanceID', profile.InstanceID]]],
    'a reference parameter: the profile\'s key by its name');

  calls.length = 0;
  const unknown = await invoke(routed.url, method, 'root/interop', 'Thincim_ObjectManager', manager, elements(unnamedPath('No_Such', 'x')));
  t.equal(unknown.error?.code, 4, 'the key of a class unknown here cannot be named: 4');
  t.match(unknown.error?.description, /parameter ManagedElements gives a key value without its name in a path of a class unknown here \(No_Such\)/);
  t.equal(calls.length, 0, 'no provider is asked');

  const conforms = '<INSTANCENAME CLASSNAME="Thincim_ElementConformsToProfile">' +
    `<KEYBINDING NAME="ConformantStandard"><VALUE.REFERENCE>${localInstancePathXml('root/interop', 'Thincim_RegisteredProfile', profile)}</VALUE.REFERENCE></KEYBINDING>` +
    `<KEYBINDING NAME="ManagedElement"><VALUE.REFERENCE>${localInstancePathXml(CIMV2, 'Thincim_ComputerSystem', SIM.system)}</VALUE.REFERENCE></KEYBINDING></INSTANCENAME>`;
  // The INSTANCENAME form of NewValue, the one SetProperty types as a reference here.
  const newValue = iparam('NewValue', `<INSTANCENAME CLASSNAME="Thincim_RegisteredProfile"><KEYVALUE VALUETYPE="string" TYPE="string">${profile.InstanceID}</KEYVALUE></INSTANCENAME>`);
  const set = await imethod(routed.url, 'SetProperty', 'root/interop', iparam('InstanceName', conforms) + p.value('PropertyName', 'ConformantStandard') + newValue);
  t.equal(set.error, undefined, 'SetProperty of a reference property');
  const value = calls[0]?.params?.ConformantStandard;
  t.same(value instanceof CIMInstanceName && [...value.keybindings], [['InstanceID', profile.InstanceID]], 'NewValue: the key by its name');

  // DSP0200's own form of NewValue for a reference property: VALUE.REFERENCE.
  calls.length = 0;
  const byReference = iparam('NewValue', `<VALUE.REFERENCE>${unnamedPath('Thincim_RegisteredProfile', profile.InstanceID)}</VALUE.REFERENCE>`);
  const setByReference = await imethod(routed.url, 'SetProperty', 'root/interop', iparam('InstanceName', conforms) + p.value('PropertyName', 'ConformantStandard') + byReference);
  t.equal(setByReference.error, undefined, 'SetProperty with NewValue as VALUE.REFERENCE');
  const referenced = calls[0]?.params?.ConformantStandard;
  t.same(referenced instanceof CIMInstanceName && [...referenced.keybindings], [['InstanceID', profile.InstanceID]], 'VALUE.REFERENCE NewValue: the key by its name');

  calls.length = 0;
  const property = `<PROPERTY.REFERENCE NAME="ConformantStandard" REFERENCECLASS="CIM_RegisteredProfile"><VALUE.REFERENCE>${unnamedPath('Thincim_RegisteredProfile', profile.InstanceID)}</VALUE.REFERENCE></PROPERTY.REFERENCE>`;
  const modified = iparam('ModifiedInstance', `<VALUE.NAMEDINSTANCE>${conforms}<INSTANCE CLASSNAME="Thincim_ElementConformsToProfile">${property}</INSTANCE></VALUE.NAMEDINSTANCE>`);
  const modify = await imethod(routed.url, 'ModifyInstance', 'root/interop', modified);
  t.equal(modify.error, undefined, 'ModifyInstance with a reference property');
  const modifiedValue = calls[0]?.params?.ConformantStandard;
  t.same(modifiedValue instanceof CIMInstanceName && [...modifiedValue.keybindings], [['InstanceID', profile.InstanceID]], 'the reference property: the key by its name');
});

t.test('ModifyInstance and SetProperty reach the provider and answer without IRETURNVALUE', async (t) => {
  const instanceName = `<INSTANCENAME CLASSNAME="Thincim_NumericSensor">${Object.entries(SENSOR)
    .map(([k, v]) => `<KEYBINDING NAME="${k}"><KEYVALUE VALUETYPE="string" TYPE="string">${v}</KEYVALUE></KEYBINDING>`).join('')}</INSTANCENAME>`;
  const modified = `<IPARAMVALUE NAME="ModifiedInstance"><VALUE.NAMEDINSTANCE>${instanceName}<INSTANCE CLASSNAME="Thincim_NumericSensor">` +
    '<PROPERTY NAME="UpperThresholdNonCritical" TYPE="sint32"><VALUE>800</VALUE></PROPERTY></INSTANCE></VALUE.NAMEDINSTANCE></IPARAMVALUE>';
  const modify = await imethod(routed.url, 'ModifyInstance', CIMV2, modified + p.array('PropertyList', ['UpperThresholdNonCritical']));
  t.equal(modify.error, undefined);
  t.match(body(modify.raw.text), /^<IMETHODRESPONSE NAME="ModifyInstance"><\/IMETHODRESPONSE>$/, 'void: no IRETURNVALUE');
  t.same(calls[0]?.propertyList, ['UpperThresholdNonCritical'], 'the PropertyList reaches the provider');
  t.same(calls[0]?.params, { UpperThresholdNonCritical: 800 }, 'with the new value');

  calls.length = 0;
  const set = await imethod(routed.url, 'SetProperty', CIMV2, `<IPARAMVALUE NAME="InstanceName">${instanceName}</IPARAMVALUE>` +
    p.value('PropertyName', 'lowerthresholdcritical') + p.value('NewValue', '-5'));
  t.equal(set.error, undefined);
  t.match(body(set.raw.text), /^<IMETHODRESPONSE NAME="SetProperty"><\/IMETHODRESPONSE>$/, 'void: no IRETURNVALUE');
  t.same(calls[0]?.propertyList, ['LowerThresholdCritical'], 'one property, in the declared spelling');
  t.same(calls[0]?.params, { LowerThresholdCritical: -5 }, 'typed by the declaration');

  calls.length = 0;
  const nullValue = await imethod(routed.url, 'SetProperty', CIMV2, `<IPARAMVALUE NAME="InstanceName">${instanceName}</IPARAMVALUE>` +
    p.value('PropertyName', 'LowerThresholdCritical'));
  t.equal(nullValue.error, undefined, 'NewValue left out: NULL');
  t.same(calls[0]?.params, { LowerThresholdCritical: null });
});
