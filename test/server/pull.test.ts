/**
 * The pull operations over the wire (DSP0200 1.3+ pulled enumeration;
 * reference cim-xml-protocol.md §3.3): every Open* with its Pull*, the
 * output parameters of every answer, MaxObjectCount (never exceeded, capped
 * by the server), OperationTimeout and expiry, the limit on open contexts,
 * unknown, closed and mismatched contexts, FilterQuery, ContinueOnError,
 * EnumerationCount and CloseEnumeration. The broker here allows few open
 * contexts and small pages, so that the limits are reached; every test closes
 * what it leaves open.
 */
import t from 'tap';
import type { Test } from 'tap';
import type { CIMInstance, CIMInstanceName } from '../../src/cim/index.js';
import type { CIMResponse } from '../../src/cimxml/index.js';
import { ENDED_CONTEXT } from '../../src/operations/pull.js';
import {
  SIM, TEST_LIMITS, imethod, imethodError, instancesIn, outText, p, pathsIn, returned, startTestBroker, type TestBroker,
} from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';
const INTEROP = 'root/interop';
const CONTEXTS = 6;
const MAX_OBJECTS = 20;

let broker: TestBroker;
/** Contexts opened by the current test and not seen to end. */
const open = new Set<string>();

t.before(async () => {
  broker = await startTestBroker({ limits: { ...TEST_LIMITS, enumerationContexts: CONTEXTS, maxObjectCount: MAX_OBJECTS } });
});
t.teardown(() => broker.close());
t.afterEach(async () => {
  for (const context of open) await imethod(broker.url, 'CloseEnumeration', CIMV2, p.value('EnumerationContext', context));
  open.clear();
});

type Response = CIMResponse & { raw: { text: string } };

/** Checks the output parameters every Open/Pull answer carries (reference §3.3) and tracks the context. */
function sequence(t: Test, response: Response, label: string): { end: boolean; context: string } {
  t.equal(response.error, undefined, `${label}: succeeds`, { description: response.error?.message });
  const end = outText(response, 'EndOfSequence');
  const context = outText(response, 'EnumerationContext');
  t.ok(end === 'TRUE' || end === 'FALSE', `${label}: EndOfSequence is TRUE or FALSE`);
  t.not(context, undefined, `${label}: EnumerationContext is present`);
  t.match(response.raw.text, /<\/IRETURNVALUE><PARAMVALUE NAME="EndOfSequence"[^>]*><VALUE>(TRUE|FALSE)<\/VALUE><\/PARAMVALUE><PARAMVALUE NAME="EnumerationContext"[^>]*><VALUE>[^<]*<\/VALUE><\/PARAMVALUE><\/IMETHODRESPONSE>/,
    `${label}: IRETURNVALUE, then EndOfSequence and EnumerationContext`);
  if (end === 'TRUE') {
    t.equal(context, ENDED_CONTEXT, `${label}: a finished sequence names an ended context`);
  } else {
    t.ok(context, `${label}: an open sequence has a context`);
    open.add(context!);
  }
  return { end: end === 'TRUE', context: context ?? '' };
}

async function openOp(t: Test, operation: string, params: string, ns = CIMV2) {
  const response = await imethod(broker.url, operation, ns, params);
  return { response, ...sequence(t, response, operation) };
}

async function pull(t: Test, operation: string, context: string, max: number, ns = CIMV2) {
  const response = await imethod(broker.url, operation, ns, p.value('EnumerationContext', context) + p.value('MaxObjectCount', max));
  const state = sequence(t, response, `${operation} ${max}`);
  if (state.end || state.context !== context) open.delete(context);
  return { response, ...state };
}

/** Pulls to the end, `max` at a time; returns every item and checks no answer carried more than `max`. */
async function drain(t: Test, operation: string, first: { response: Response; end: boolean; context: string }, max: number, ns = CIMV2) {
  const items = [...returned(first.response)];
  let { end, context } = first;
  let pulls = 0;
  while (!end) {
    if (++pulls > 100) throw new Error('the sequence does not end');
    const next = await pull(t, operation, context, max, ns);
    const got = returned(next.response);
    t.ok(got.length <= max, `${operation}: ${got.length} ≤ MaxObjectCount ${max}`);
    items.push(...got);
    ({ end, context } = next);
  }
  return items;
}

/** Identity of a path; a bare INSTANCENAME (EnumerateInstances) is of root/cimv2 here. */
const key = (path: CIMInstanceName | undefined) => `${path?.namespace ?? CIMV2}:${path?.key ?? 'no path'}`;
const keysOfInstances = (instances: readonly CIMInstance[]) => instances.map((i) => key(i.path)).sort();
const keysOfPaths = (paths: readonly CIMInstanceName[]) => paths.map(key).sort();
const asInstances = (items: ReturnType<typeof returned>) => items.map((i) => (i.kind === 'instance' ? i.instance : undefined)).filter((i): i is CIMInstance => !!i);
const asPaths = (items: ReturnType<typeof returned>) => items.map((i) => (i.kind === 'instancename' ? i.path : undefined)).filter((i): i is CIMInstanceName => !!i);
const className = (name: string) => p.className('ClassName', name);
const system = (param: string) => p.instanceName(param, 'Thincim_ComputerSystem', SIM.system);

t.test('OpenEnumerateInstances + PullInstancesWithPath: the whole enumeration, a page at a time', async (t) => {
  const expected = instancesIn(await imethod(broker.url, 'EnumerateInstances', CIMV2, className('CIM_NumericSensor')));
  const first = await openOp(t, 'OpenEnumerateInstances', className('CIM_NumericSensor') + p.value('MaxObjectCount', 0));
  t.equal(returned(first.response).length, 0, 'MaxObjectCount=0: no object, the session is open');
  t.equal(first.end, false);
  t.match(first.response.raw.text, /<IMETHODRESPONSE NAME="OpenEnumerateInstances"><IRETURNVALUE><\/IRETURNVALUE><PARAMVALUE/, 'an empty IRETURNVALUE');
  const items = await drain(t, 'PullInstancesWithPath', first, 5);
  const instances = asInstances(items);
  t.equal(instances.length, items.length, 'VALUE.INSTANCEWITHPATH items');
  t.same(keysOfInstances(instances), keysOfInstances(expected), 'every instance EnumerateInstances returns, once');
  t.ok(instances.every((i) => i.path?.host && i.path.namespace === CIMV2), 'INSTANCEPATHs with HOST and namespace');
  const byKey = new Map(expected.map((i) => [key(i.path), i]));
  t.ok(instances.every((i) => [...i.properties.keys()].join() === [...byKey.get(key(i.path))!.properties.keys()].join()), 'whole instances');
});

t.test('Open* defaults and the server\'s cap on MaxObjectCount', async (t) => {
  const byDefault = await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan'));
  t.equal(returned(byDefault.response).length, 0, 'MaxObjectCount defaults to 0 on Open');
  const all = await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.value('MaxObjectCount', 6));
  t.equal(returned(all.response).length, 6, 'all six fans in the first answer');
  t.equal(all.end, true, 'which ends the sequence');
  const big = await openOp(t, 'OpenEnumerateInstancePaths', className('CIM_ManagedElement') + p.value('MaxObjectCount', 1000));
  t.equal(returned(big.response).length, MAX_OBJECTS, `a larger MaxObjectCount is capped at the server's ${MAX_OBJECTS}`);
  t.equal(big.end, false);
  const next = await pull(t, 'PullInstancePaths', big.context, 4294967295);
  t.equal(returned(next.response).length, MAX_OBJECTS, 'on Pull too, up to the largest uint32');
  const idle = await pull(t, 'PullInstancePaths', next.context, 0);
  t.equal(returned(idle.response).length, 0, 'Pull with MaxObjectCount=0: nothing, the session stays');
  t.equal(idle.end, false);
  t.equal(returned((await pull(t, 'PullInstancePaths', idle.context, 1)).response).length, 1, 'and goes on');
});

t.test('OpenEnumerateInstancePaths + PullInstancePaths', async (t) => {
  const expected = pathsIn(await imethod(broker.url, 'EnumerateInstanceNames', CIMV2, className('CIM_LogicalDevice')));
  const first = await openOp(t, 'OpenEnumerateInstancePaths', className('CIM_LogicalDevice') + p.value('MaxObjectCount', 3));
  t.equal(returned(first.response).length, 3);
  const paths = asPaths(await drain(t, 'PullInstancePaths', first, 7));
  t.same(paths.map((x) => x.key).sort(), expected.map((x) => x.key).sort(), 'the names EnumerateInstanceNames returns');
  t.ok(paths.every((x) => x.host && x.namespace === CIMV2), 'as INSTANCEPATHs with HOST and namespace');
  t.match(first.response.raw.text, /<IRETURNVALUE><INSTANCEPATH><NAMESPACEPATH><HOST>/, 'INSTANCEPATH items');
});

t.test('OpenEnumerateInstances DeepInheritance and PropertyList shape the instances, not the paths', async (t) => {
  const shallow = asInstances(await drain(t, 'PullInstancesWithPath',
    await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.value('DeepInheritance', false) + p.value('MaxObjectCount', 2)), 2));
  const own = [...broker.broker.state.repository.getClass(CIMV2, 'CIM_Fan')!.properties.keys()].map((n) => n.toLowerCase());
  t.equal(shallow.length, 6);
  t.ok(shallow.every((i) => i.classname === 'OMC_Fan' && [...i.properties.keys()].every((n) => own.includes(n.toLowerCase()))), 'CIM_Fan\'s properties, OMC_Fan\'s CLASSNAME');
  const listed = asInstances(await drain(t, 'PullInstancesWithPath',
    await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.array('PropertyList', ['elementname']) + p.value('MaxObjectCount', 4)), 4));
  t.ok(listed.every((i) => [...i.properties.keys()].join() === 'ElementName' && i.path?.keybindings.size === 4), 'PropertyList: ElementName only, keys in the paths');
  const origins = asInstances(await drain(t, 'PullInstancesWithPath',
    await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.value('IncludeClassOrigin', true) + p.value('MaxObjectCount', 1)), 5));
  t.ok(origins.every((i) => i.properties.get('ElementName')?.classOrigin === 'CIM_ManagedElement'), 'IncludeClassOrigin on pulled instances');
});

t.test('OpenAssociatorInstances, OpenAssociatorInstancePaths, OpenReferenceInstances, OpenReferenceInstancePaths', async (t) => {
  const filter = system('InstanceName') + p.className('AssocClass', 'CIM_SystemDevice');
  const same = system('ObjectName') + p.className('AssocClass', 'CIM_SystemDevice');
  const associators = instancesIn(await imethod(broker.url, 'Associators', CIMV2, same));
  const pulled = asInstances(await drain(t, 'PullInstancesWithPath', await openOp(t, 'OpenAssociatorInstances', filter + p.value('MaxObjectCount', 9)), 9));
  t.same(keysOfInstances(pulled), keysOfInstances(associators), 'OpenAssociatorInstances: what Associators returns');
  const names = pathsIn(await imethod(broker.url, 'AssociatorNames', CIMV2, same));
  const pulledNames = asPaths(await drain(t, 'PullInstancePaths', await openOp(t, 'OpenAssociatorInstancePaths', filter + p.value('MaxObjectCount', 9)), 9));
  t.same(keysOfPaths(pulledNames), keysOfPaths(names), 'OpenAssociatorInstancePaths: what AssociatorNames returns');
  const fans = asInstances(await drain(t, 'PullInstancesWithPath', await openOp(t, 'OpenAssociatorInstances',
    system('InstanceName') + p.className('ResultClass', 'CIM_Fan') + p.value('Role', 'GroupComponent') + p.value('ResultRole', 'PartComponent') +
    p.array('PropertyList', ['ElementName']) + p.value('MaxObjectCount', 2)), 2));
  t.ok(fans.length === 6 && fans.every((i) => i.classname === 'OMC_Fan' && [...i.properties.keys()].join() === 'ElementName'), 'ResultClass, roles and PropertyList');

  const refs = system('InstanceName') + p.className('ResultClass', 'CIM_SystemDevice');
  const references = instancesIn(await imethod(broker.url, 'References', CIMV2, system('ObjectName') + p.className('ResultClass', 'CIM_SystemDevice')));
  const pulledRefs = asInstances(await drain(t, 'PullInstancesWithPath', await openOp(t, 'OpenReferenceInstances', refs + p.value('MaxObjectCount', 11)), 11));
  t.same(keysOfInstances(pulledRefs), keysOfInstances(references), 'OpenReferenceInstances: what References returns');
  const refNames = asPaths(await drain(t, 'PullInstancePaths',
    await openOp(t, 'OpenReferenceInstancePaths', refs + p.value('Role', 'GroupComponent') + p.value('MaxObjectCount', 11)), 11));
  t.same(keysOfPaths(refNames), keysOfInstances(references), 'OpenReferenceInstancePaths: their paths');

  const crossing = asInstances(await drain(t, 'PullInstancesWithPath', await openOp(t, 'OpenAssociatorInstances',
    p.instanceName('InstanceName', 'Thincim_RegisteredProfile', SIM.profile('DSP1004')) + p.className('AssocClass', 'CIM_ElementConformsToProfile') +
    p.value('MaxObjectCount', 5), INTEROP), 5, INTEROP));
  t.same(crossing.map((i) => `${i.path?.namespace}:${i.classname}`), [`${CIMV2}:Thincim_ComputerSystem`], 'across namespaces from root/interop');

  const error = await imethodError(broker.url, 'OpenAssociatorInstances', CIMV2, p.className('InstanceName', 'CIM_Fan'));
  t.equal(error.code, 4, 'a class is no InstanceName: pulled association traversal is for instances');
  const unknown = await imethodError(broker.url, 'OpenReferenceInstances', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', SIM.device('OMC_Fan', 'fan99')));
  t.equal(unknown.code, 6, 'an instance that does not exist');
});

t.test('OpenQueryInstances + PullInstances: projected INSTANCEs without paths', async (t) => {
  const query = "SELECT ElementName, CurrentReading FROM CIM_NumericSensor WHERE SensorType = 2";
  const first = await openOp(t, 'OpenQueryInstances', p.value('FilterQueryLanguage', 'DMTF:CQL') + p.value('FilterQuery', query) + p.value('MaxObjectCount', 3));
  t.match(first.response.raw.text, /<IRETURNVALUE><INSTANCE CLASSNAME="Thincim_NumericSensor">/, 'INSTANCE items');
  const instances = asInstances(await drain(t, 'PullInstances', first, 3));
  const temperatures = instancesIn(await imethod(broker.url, 'ExecQuery', CIMV2, p.value('QueryLanguage', 'WQL') + p.value('Query', query)));
  t.equal(instances.length, temperatures.length, 'as many as ExecQuery finds');
  const older = await openOp(t, 'OpenQueryInstances', p.value('FilterQueryLanguage', 'CIM:CQL') + p.value('FilterQuery', query) + p.value('MaxObjectCount', 3));
  t.equal(asInstances(await drain(t, 'PullInstances', older, 3)).length, temperatures.length, 'FilterQueryLanguage CIM:CQL, OpenPegasus\'s name for CQL: the same');
  t.ok(instances.length > 5, `${instances.length} temperature sensors`);
  t.ok(instances.every((i) => i.path === undefined), 'no paths');
  t.ok(instances.every((i) => [...i.properties.keys()].sort().join() === 'CurrentReading,ElementName'), 'the select list');
  const cases: [string, number, RegExp][] = [
    [p.value('FilterQueryLanguage', 'WQL') + p.value('FilterQuery', query) + p.value('ReturnQueryResultClass', true), 7, /ReturnQueryResultClass/],
    [p.value('FilterQueryLanguage', 'DMTF:FQL') + p.value('FilterQuery', query), 14, /DMTF:FQL/],
    [p.value('FilterQueryLanguage', 'WQL') + p.value('FilterQuery', 'SELECT * FROM'), 15, /position 14/],
    [p.value('FilterQueryLanguage', 'WQL'), 4, /FilterQuery/],
    [p.value('FilterQuery', query), 4, /FilterQueryLanguage/],
  ];
  for (const [params, code, description] of cases) {
    const error = await imethodError(broker.url, 'OpenQueryInstances', CIMV2, params);
    t.equal(error.code, code, `${params.slice(0, 100)}: ${code}`);
    t.match(error.description, description);
  }
});

t.test('FilterQuery on the other Open* operations', async (t) => {
  const filter = (q: string, language = 'WQL') => p.value('FilterQueryLanguage', language) + p.value('FilterQuery', q);
  const temperature = 'SELECT * FROM CIM_NumericSensor WHERE SensorType = 2';
  const expected = instancesIn(await imethod(broker.url, 'ExecQuery', CIMV2, p.value('QueryLanguage', 'WQL') + p.value('Query', temperature)));
  const filtered = asInstances(await drain(t, 'PullInstancesWithPath',
    await openOp(t, 'OpenEnumerateInstances', className('CIM_Sensor') + filter(temperature) + p.value('MaxObjectCount', 50)), 50));
  t.same(keysOfInstances(filtered), keysOfInstances(expected), 'OpenEnumerateInstances of CIM_Sensor filtered to temperature sensors');
  const paths = asPaths(await drain(t, 'PullInstancePaths',
    await openOp(t, 'OpenEnumerateInstancePaths', className('CIM_Sensor') + filter(temperature, 'dmtf:cql') + p.value('MaxObjectCount', 50)), 50));
  t.same(keysOfPaths(paths), keysOfInstances(expected), 'OpenEnumerateInstancePaths too, in DMTF:CQL');
  const fans = asInstances(await drain(t, 'PullInstancesWithPath', await openOp(t, 'OpenAssociatorInstances',
    system('InstanceName') + filter("SELECT * FROM CIM_Fan WHERE ElementName = 'Fan 3'") + p.value('MaxObjectCount', 50)), 50));
  t.same(fans.map((i) => i.get('ElementName')), ['Fan 3'], 'OpenAssociatorInstances: a filter on the associated objects');
  const cases: [string, number, RegExp][] = [
    [className('CIM_Fan') + p.value('FilterQuery', 'SELECT * FROM CIM_Fan'), 4, /FilterQuery/],
    [className('CIM_Fan') + p.value('FilterQueryLanguage', 'WQL'), 4, /FilterQuery/],
    [className('CIM_Fan') + filter('SELECT * FROM CIM_Fan', 'DMTF:FQL'), 14, /DMTF:FQL/],
    [className('CIM_Fan') + filter('SELECT * FROM CIM_Fan WHERE'), 15, /position 28/],
    [className('CIM_Fan') + filter('SELECT * FROM CIM_Fan WHERE Bogus = 1'), 15, /Bogus/],
  ];
  for (const [params, code, description] of cases) {
    const error = await imethodError(broker.url, 'OpenEnumerateInstances', CIMV2, params);
    t.equal(error.code, code, `${params.slice(0, 120)}: ${code}`);
    t.match(error.description, description);
  }
});

t.test('EnumerationCount: what is left; CloseEnumeration: void, and the context is gone', async (t) => {
  const first = await openOp(t, 'OpenEnumerateInstancePaths', className('CIM_NumericSensor') + p.value('MaxObjectCount', 0));
  const total = pathsIn(await imethod(broker.url, 'EnumerateInstanceNames', CIMV2, className('CIM_NumericSensor'))).length;
  const count = async () => {
    const response = await imethod(broker.url, 'EnumerationCount', CIMV2, p.value('EnumerationContext', first.context));
    t.match(response.raw.text, /<IRETURNVALUE><VALUE>\d+<\/VALUE><\/IRETURNVALUE><\/IMETHODRESPONSE>/, 'one uint64 VALUE, no output parameters');
    return returned(response);
  };
  t.same(await count(), [{ kind: 'value', text: String(total) }], `${total} before any pull`);
  await pull(t, 'PullInstancePaths', first.context, 5);
  t.same(await count(), [{ kind: 'value', text: String(total - 5) }], `${total - 5} after pulling five`);

  const closed = await imethod(broker.url, 'CloseEnumeration', CIMV2, p.value('EnumerationContext', first.context));
  t.equal(closed.error, undefined, 'CloseEnumeration succeeds');
  t.equal(closed.kind === 'imethodresponse' ? closed.returnValue : 'not an IMETHODRESPONSE', undefined, 'no IRETURNVALUE (void)');
  t.equal(closed.outParams.list.length, 0, 'no output parameters');
  t.match(closed.raw.text, /<IMETHODRESPONSE NAME="CloseEnumeration"><\/IMETHODRESPONSE>/, 'an empty IMETHODRESPONSE');
  open.delete(first.context);
  for (const operation of ['PullInstancePaths', 'EnumerationCount', 'CloseEnumeration']) {
    const params = p.value('EnumerationContext', first.context) + (operation.startsWith('Pull') ? p.value('MaxObjectCount', 1) : '');
    const error = await imethodError(broker.url, operation, CIMV2, params);
    t.equal(error.code, 21, `${operation} on a closed context: CIM_ERR_INVALID_ENUMERATION_CONTEXT`);
    t.match(error.description, /unknown, closed or expired/);
  }
});

t.test('invalid contexts: unknown, finished, of another namespace (which closes nothing)', async (t) => {
  for (const context of ['no-such-context', '', '00000000-0000-0000-0000-000000000000']) {
    const error = await imethodError(broker.url, 'PullInstancesWithPath', CIMV2, p.value('EnumerationContext', context) + p.value('MaxObjectCount', 1));
    t.equal(error.code, 21, `unknown context "${context}": 21`);
  }
  const finished = await imethod(broker.url, 'OpenEnumerateInstancePaths', CIMV2, className('CIM_Fan') + p.value('MaxObjectCount', 1));
  const { context } = sequence(t, finished, 'open');
  await drain(t, 'PullInstancePaths', { response: finished, end: false, context }, 10);
  t.equal((await imethodError(broker.url, 'PullInstancePaths', CIMV2, p.value('EnumerationContext', context) + p.value('MaxObjectCount', 1))).code, 21,
    'a context whose sequence ended: 21');

  const { context: cimv2 } = await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan'));
  const elsewhere = await imethodError(broker.url, 'PullInstancesWithPath', INTEROP, p.value('EnumerationContext', cimv2) + p.value('MaxObjectCount', 1));
  t.equal(elsewhere.code, 21, 'a context is bound to its namespace');
  t.equal((await pull(t, 'PullInstancesWithPath', cimv2, 1, 'ROOT/CIMV2')).response.error, undefined, 'the same namespace in another case is fine');
});

/**
 * The answer that ends a sequence names the context it closed, never an empty one: DSP0200 lets a closed session's
 * EnumerationContext be NULL (OpenPegasus writes it empty, CIMOperationResponseEncoder.cpp
 * `_appendOpenOrPullResponseParameters`), but does not require it, and the Zenoss WBEM ZenPack's pull mode
 * (zenoss/ZenPacks.zenoss.WBEM, twisted_agent.py `_getResultParams`) raises CIM_ERR_INVALID_PARAMETER on an empty
 * one whatever EndOfSequence says; pywbem (`_get_rslt_params`) drops the context once EndOfSequence is TRUE.
 */
t.test('a finished sequence names an ended context: Pull, CloseEnumeration and EnumerationCount on it are 21', async (t) => {
  const whole = await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.value('MaxObjectCount', 100));
  t.equal(whole.end, true, 'every fan in the Open\'s answer');
  t.equal(whole.context, ENDED_CONTEXT, 'its context is named, one name for every ended sequence');
  const again = await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.value('MaxObjectCount', 100));
  t.ok(again.response.raw.text === whole.response.raw.text, 'the same request, the same answer byte for byte');
  const closed = async (context: string, label: string) => {
    for (const [operation, params] of [['PullInstancesWithPath', p.value('MaxObjectCount', 1)], ['EnumerationCount', ''], ['CloseEnumeration', '']]) {
      const error = await imethodError(broker.url, operation!, CIMV2, p.value('EnumerationContext', context) + params);
      t.equal(error.code, 21, `${label}: ${operation} on it is CIM_ERR_INVALID_ENUMERATION_CONTEXT`);
    }
  };
  await closed(whole.context, 'ended by its Open');

  const first = await openOp(t, 'OpenEnumerateInstancePaths', className('CIM_Fan') + p.value('MaxObjectCount', 2));
  t.equal(first.end, false, 'two fans of six');
  const last = await pull(t, 'PullInstancePaths', first.context, 100);
  t.same([last.end, last.context], [true, ENDED_CONTEXT], 'the Pull that ends the sequence names no live context either');
  await closed(first.context, 'the session it ended');
  await closed(last.context, 'ended by a Pull');
});

/** Every Open* with the Pull* its sessions take; each of the others is a Pull of the wrong kind. */
const SESSIONS: [string, string, string][] = [
  ['OpenEnumerateInstances', className('CIM_Fan'), 'PullInstancesWithPath'],
  ['OpenEnumerateInstancePaths', className('CIM_Fan'), 'PullInstancePaths'],
  ['OpenAssociatorInstances', system('InstanceName'), 'PullInstancesWithPath'],
  ['OpenAssociatorInstancePaths', system('InstanceName'), 'PullInstancePaths'],
  ['OpenReferenceInstances', system('InstanceName'), 'PullInstancesWithPath'],
  ['OpenReferenceInstancePaths', system('InstanceName'), 'PullInstancePaths'],
  ['OpenQueryInstances', p.value('FilterQueryLanguage', 'WQL') + p.value('FilterQuery', 'SELECT * FROM CIM_Fan'), 'PullInstances'],
];
const PULLS = ['PullInstancesWithPath', 'PullInstancePaths', 'PullInstances'];

/** A Pull that the server must answer with `code`; the context is then closed, so it leaves the tracked set. */
async function failingPull(t: Test, operation: string, context: string, params: string, code: number, label: string) {
  const error = await imethodError(broker.url, operation, CIMV2, p.value('EnumerationContext', context) + params);
  t.equal(error.code, code, `${label}: ${code}`);
  open.delete(context);
  return error;
}

// DSP0200 1.4 / DSP0223: a Pull on a context another Open* opened is CIM_ERR_INVALID_ENUMERATION_CONTEXT, and with
// ContinueOnError=false (the only mode served) an enumeration session is closed when a Pull on it fails
// (CIM Schema 2.49 Interop/CIM_RegisteredProfile.mof, PullConformantInstances.ContinueOnError, states the same rule).
t.test('a Pull of the wrong kind: CIM_ERR_INVALID_ENUMERATION_CONTEXT, and the context is closed', async (t) => {
  for (const [opener, params, right] of SESSIONS) {
    for (const wrong of PULLS.filter((operation) => operation !== right)) {
      const { context } = await openOp(t, opener, params + p.value('MaxObjectCount', 1));
      const error = await failingPull(t, wrong, context, p.value('MaxObjectCount', 1), 21, `${wrong} on an ${opener} context`);
      t.match(error.description, new RegExp(`was opened for ${right}, not ${wrong}; the enumeration context is now closed$`), 'the description says which Pull the context takes, and that it is closed');
      const after = await imethodError(broker.url, right, CIMV2, p.value('EnumerationContext', context) + p.value('MaxObjectCount', 1));
      t.equal(after.code, 21, `then ${right} on it: 21, the context is gone`);
      t.match(after.description, /unknown, closed or expired/);
    }
  }
});

t.test('a failing Pull frees its place among the open contexts', async (t) => {
  const contexts: string[] = [];
  for (let i = 0; i < CONTEXTS; i++) contexts.push((await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan'))).context);
  t.equal((await imethodError(broker.url, 'OpenEnumerateInstancePaths', CIMV2, className('CIM_Fan'))).code, 27, `${CONTEXTS} open: the limit`);
  await failingPull(t, 'PullInstancePaths', contexts[0]!, p.value('MaxObjectCount', 1), 21, 'a Pull of the wrong kind');
  await failingPull(t, 'PullInstancesWithPath', contexts[1]!, '', 4, 'a Pull without MaxObjectCount');
  await failingPull(t, 'PullInstancesWithPath', contexts[2]!, p.value('MaxObjectCount', 'many'), 4, 'a Pull with a bad MaxObjectCount');
  for (let i = 0; i < 3; i++) t.equal((await openOp(t, 'OpenEnumerateInstancePaths', className('CIM_Fan'))).end, false, `place ${i + 1} of 3 is free again`);
  t.equal((await imethodError(broker.url, 'OpenEnumerateInstancePaths', CIMV2, className('CIM_Fan'))).code, 27, 'and no more');
  for (const context of contexts.slice(3)) t.equal((await pull(t, 'PullInstancesWithPath', context, 1)).response.error, undefined, 'the others are untouched');
});

// A Pull whose other parameters cannot be read (an unknown name, a repeated one: DSP0200 CIM_ERR_INVALID_PARAMETER) still
// fails on the caller's context when that context can be read: with ContinueOnError=false it closes, as above.
t.test('a Pull with an unreadable parameter beside a readable context closes that context', async (t) => {
  const cases: [string, RegExp][] = [
    [p.value('MaxObjectCount', 1) + p.value('Bogus', 1), /^PullInstancesWithPath has no parameter Bogus; the enumeration context is now closed$/],
    [p.value('MaxObjectCount', 1) + p.value('MaxObjectCount', 2), /^parameter MaxObjectCount is given twice; the enumeration context is now closed$/],
  ];
  for (const [params, description] of cases) {
    const { context } = await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.value('MaxObjectCount', 1));
    const error = await failingPull(t, 'PullInstancesWithPath', context, params, 4, params);
    t.match(error.description, description, 'the description says the context is closed');
    t.equal((await imethodError(broker.url, 'PullInstancesWithPath', CIMV2, p.value('EnumerationContext', context) + p.value('MaxObjectCount', 1))).code, 21,
      'the next Pull on it: 21, it is gone');
  }
  const { context } = await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.value('MaxObjectCount', 1));
  const twice = await imethodError(broker.url, 'PullInstancesWithPath', CIMV2,
    p.value('EnumerationContext', context) + p.value('EnumerationContext', context) + p.value('MaxObjectCount', 1));
  t.equal(twice.code, 4, 'EnumerationContext given twice: 4');
  t.notMatch(twice.description, /closed/, 'which context is meant cannot be read: nothing is closed');
  t.equal((await pull(t, 'PullInstancesWithPath', context, 1)).response.error, undefined, 'the context is still open');
});

t.test('OperationTimeout: 0 and too large are refused; the largest is accepted', async (t) => {
  for (const [value, code] of [[0, 22], [301, 22], [4294967295, 22], [-1, 4], ['soon', 4]] as const) {
    const error = await imethodError(broker.url, 'OpenEnumerateInstances', CIMV2, className('CIM_Fan') + p.value('OperationTimeout', value));
    t.equal(error.code, code, `OperationTimeout ${value}: ${code}`);
    if (code === 22) t.match(error.description, /between 1 and 300 seconds/, 'the description gives the accepted range');
  }
  await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.value('OperationTimeout', 300));
  await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.null('OperationTimeout'));
});

t.test('a context expires OperationTimeout seconds after its last answer', async (t) => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const { context } = await openOp(t, 'OpenEnumerateInstancePaths', className('CIM_NumericSensor') + p.value('OperationTimeout', 1));
  await sleep(600);
  await pull(t, 'PullInstancePaths', context, 1);
  await sleep(600);
  t.equal((await pull(t, 'PullInstancePaths', context, 1)).response.error, undefined, 'alive 1.2 s after Open: each answer restarts the clock');
  await sleep(1200);
  const error = await imethodError(broker.url, 'PullInstancePaths', CIMV2, p.value('EnumerationContext', context) + p.value('MaxObjectCount', 1));
  t.equal(error.code, 21, 'gone 1.2 s after the last answer');
  open.delete(context);
});

t.test('the number of open contexts is limited: CIM_ERR_SERVER_LIMITS_EXCEEDED', async (t) => {
  const contexts: string[] = [];
  for (let i = 0; i < CONTEXTS; i++) contexts.push((await openOp(t, 'OpenEnumerateInstancePaths', className('CIM_Fan'))).context);
  t.equal(new Set(contexts).size, CONTEXTS, `${CONTEXTS} distinct contexts open`);
  const error = await imethodError(broker.url, 'OpenEnumerateInstances', CIMV2, className('CIM_Fan'));
  t.equal(error.code, 27, 'one more: 27');
  t.match(error.description, new RegExp(`limit ${CONTEXTS}`), 'the description gives the limit');
  t.equal((await imethodError(broker.url, 'OpenQueryInstances', CIMV2, p.value('FilterQueryLanguage', 'WQL') + p.value('FilterQuery', 'SELECT * FROM CIM_Fan'))).code, 27,
    'whatever the Open*');
  const whole = await imethod(broker.url, 'OpenEnumerateInstancePaths', CIMV2, className('CIM_Fan') + p.value('MaxObjectCount', 6));
  t.equal(whole.error?.code, 27, 'even one that would end at once');
  await imethod(broker.url, 'CloseEnumeration', CIMV2, p.value('EnumerationContext', contexts[0]!));
  open.delete(contexts[0]!);
  await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan'));
  const drained = await drain(t, 'PullInstancePaths', { response: await imethod(broker.url, 'PullInstancePaths', CIMV2,
    p.value('EnumerationContext', contexts[1]!) + p.value('MaxObjectCount', 0)), end: false, context: contexts[1]! }, 6);
  t.equal(drained.length, 6, 'a context that ends frees its place');
  t.equal((await openOp(t, 'OpenEnumerateInstancePaths', className('CIM_Fan'))).end, false, 'so another can open');
});

t.test('ContinueOnError and other parameter errors', async (t) => {
  const unsupported = await imethodError(broker.url, 'OpenEnumerateInstances', CIMV2, className('CIM_Fan') + p.value('ContinueOnError', true));
  t.equal(unsupported.code, 26, 'ContinueOnError=true: CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED');
  t.match(unsupported.description, /ContinueOnError/);
  await openOp(t, 'OpenEnumerateInstances', className('CIM_Fan') + p.value('ContinueOnError', false));
  const cases: [string, string, string, number, RegExp][] = [
    ['OpenEnumerateInstances', CIMV2, '', 4, /ClassName/],
    ['OpenEnumerateInstances', CIMV2, className('No_Such'), 5, /No_Such/],
    ['OpenEnumerateInstancePaths', 'root/nowhere', className('CIM_Fan'), 3, /root\/nowhere/],
    ['OpenEnumerateInstances', CIMV2, className('CIM_Fan') + p.value('MaxObjectCount', -1), 4, /MaxObjectCount/],
    ['OpenEnumerateInstances', CIMV2, className('CIM_Fan') + p.value('MaxObjectCount', 4294967296), 4, /MaxObjectCount/],
    ['OpenEnumerateInstancePaths', CIMV2, className('CIM_Fan') + p.array('PropertyList', ['ElementName']), 4, /PropertyList/],
    ['PullInstancePaths', CIMV2, p.value('MaxObjectCount', 1), 4, /EnumerationContext/],
    ['CloseEnumeration', CIMV2, '', 4, /EnumerationContext/],
  ];
  for (const [operation, ns, params, code, description] of cases) {
    const error = await imethodError(broker.url, operation, ns, params);
    t.equal(error.code, code, `${operation} ${params.slice(0, 100) || '(no parameters)'}: ${code}`);
    t.match(error.description, description);
  }
  for (const maxObjectCount of ['', p.value('MaxObjectCount', 'many')]) {
    const { context: session } = await openOp(t, 'OpenEnumerateInstancePaths', className('CIM_Fan'));
    const error = await failingPull(t, 'PullInstancePaths', session, maxObjectCount, 4, `PullInstancePaths ${maxObjectCount || 'without MaxObjectCount'}`);
    t.match(error.description, /^parameter MaxObjectCount (is required|must be a uint32); the enumeration context is now closed$/, 'the description says it closed');
    t.equal((await imethodError(broker.url, 'PullInstancePaths', CIMV2, p.value('EnumerationContext', session) + p.value('MaxObjectCount', 1))).code, 21,
      'the failed Pull closed the context (ContinueOnError=false)');
  }
});
