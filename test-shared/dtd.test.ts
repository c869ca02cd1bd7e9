/**
 * Every kind of response the broker writes is valid against the DMTF DTD
 * (DSP0203 2.4.0 in ../shared/reference), checked by libxml2's validator
 * (`xmllint --dtdvalid`, Debian libxml2-utils): each intrinsic operation's
 * success, the void and empty answers, the pull operations' output
 * parameters, ERROR answers of both IMETHODRESPONSE and METHODRESPONSE, and
 * a chunked answer. Each body is written to a file as received, only the XML
 * declaration removed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import type { Test } from 'tap';
import { decodeResponse, type CIMResponse } from '../src/cimxml/index.js';
import {
  cimHeaders, imethodBody, instanceNameXml, methodBody, methodObject, p, post, startTestBroker, type TestBroker,
} from '../test/helpers/broker.js';

const DTD = fileURLToPath(new URL('../../shared/reference/DSP0203_2.4.0.dtd', import.meta.url));
if (!existsSync(DTD)) throw new Error(`the DMTF DTD is missing at ${DTD}: this suite needs the shared reference checkout next to the project (../shared)`);
try {
  execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
} catch (e) {
  throw new Error('xmllint is required to validate responses against the DTD: install Debian\'s libxml2-utils (.ci/run does)', { cause: e });
}

const run = promisify(execFile);
const XML_DECLARATION = /^<\?xml[^>]*\?>/;
const CIMV2 = 'root/cimv2';
const INTEROP = 'root/interop';

const SYSTEM = { CreationClassName: 'Thincim_ComputerSystem', Name: 'testhost' };
const device = (classname: string, id: string) => ({
  SystemCreationClassName: 'Thincim_ComputerSystem', SystemName: 'testhost', CreationClassName: classname, DeviceID: `simulated:${id}`,
});
const FAN = device('OMC_Fan', 'fan1');
const CPU_TEMP = device('Thincim_NumericSensor', 'cpu1-temp');
const BASE_SERVER = { InstanceID: 'Thincim:DSP1004' };

const localPath = (ns: string, classname: string, keys: Record<string, string>) =>
  `<LOCALINSTANCEPATH><LOCALNAMESPACEPATH>${ns.split('/').map((n) => `<NAMESPACE NAME="${n}"/>`).join('')}</LOCALNAMESPACEPATH>${instanceNameXml(classname, keys)}</LOCALINSTANCEPATH>`;
/** The Base Server profile's ElementConformsToProfile: reference keys across namespaces. */
const CONFORMS = '<INSTANCENAME CLASSNAME="Thincim_ElementConformsToProfile">' +
  `<KEYBINDING NAME="ConformantStandard"><VALUE.REFERENCE>${localPath(INTEROP, 'Thincim_RegisteredProfile', BASE_SERVER)}</VALUE.REFERENCE></KEYBINDING>` +
  `<KEYBINDING NAME="ManagedElement"><VALUE.REFERENCE>${localPath(CIMV2, 'Thincim_ComputerSystem', SYSTEM)}</VALUE.REFERENCE></KEYBINDING></INSTANCENAME>`;

const flag = (name: string, value: boolean) => p.value(name, value);
const ALL_CLASS_PARTS = flag('LocalOnly', false) + flag('IncludeQualifiers', true) + flag('IncludeClassOrigin', true);

let broker: TestBroker;
let dir: string;
let files = 0;

t.before(async () => {
  // Anonymous writes allowed: the error answers of writes and methods are what is validated here.
  broker = await startTestBroker({ anonymousWrite: true });
  dir = mkdtempSync(join(tmpdir(), 'thincim-dtd-'));
});
t.teardown(async () => {
  await broker.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The validator's complaints about a body ('' when it is valid). */
async function dtdErrors(body: string): Promise<string> {
  const file = join(dir, `response-${++files}.xml`);
  writeFileSync(file, body.replace(XML_DECLARATION, ''));
  try {
    await run('xmllint', ['--noout', '--dtdvalid', DTD, file], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    return '';
  } catch (e) {
    const { stderr, message } = e as { stderr?: string; message: string };
    return stderr || message;
  }
}

/** What a case expects: success, success without IRETURNVALUE, or an ERROR with this code. */
type Expect = 'result' | 'void' | number;

async function validates(t: Test, label: string, body: string, expect: Expect): Promise<CIMResponse> {
  const response = decodeResponse(body);
  if (typeof expect === 'number') {
    t.equal(response.error?.code, expect, `${label}: ERROR CODE=${expect}`);
  } else {
    t.equal(response.error, undefined, `${label}: no ERROR`, { description: response.error?.message });
    if (response.kind === 'imethodresponse') t.equal(response.returnValue === undefined, expect === 'void', `${label}: IRETURNVALUE ${expect === 'void' ? 'absent' : 'present'}`);
  }
  const errors = await dtdErrors(body);
  t.equal(errors, '', `${label}: valid per DSP0203 2.4.0`);
  return response;
}

async function call(name: string, ns: string, params = '', headers: Record<string, string> = {}, id?: string) {
  const res = await post(broker.url, imethodBody(name, ns, params, id), { ...cimHeaders(name, ns), ...headers });
  if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${String(res.headers['cimerror'] ?? '')} ${res.text}`);
  return res;
}

async function check(t: Test, label: string, name: string, ns: string, params = '', expect: Expect = 'result'): Promise<CIMResponse> {
  return validates(t, label, (await call(name, ns, params)).text, expect);
}

function contextOf(response: CIMResponse): string {
  const value = response.outParams.byName.get('EnumerationContext')?.value;
  if (value?.kind !== 'value' || value.text === '') throw new Error(`${response.name} returned no open enumeration context`);
  return value.text;
}

const returned = (response: CIMResponse) => (response.kind === 'imethodresponse' ? response.returnValue?.length ?? 0 : 0);

t.test('the validator rejects what the DTD forbids', async (t) => {
  const keyvalue = (attributes: string) => '<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLERSP>' +
    `<IMETHODRESPONSE NAME="EnumerateInstanceNames"><IRETURNVALUE><INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><KEYVALUE${attributes}>v</KEYVALUE>` +
    '</KEYBINDING></INSTANCENAME></IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>';
  t.equal(await dtdErrors(keyvalue(' VALUETYPE="string" TYPE="string"')), '', 'the 2.4 form passes');
  t.match(await dtdErrors(keyvalue(' VALUETYPE="string"')), /KEYVALUE does not carry attribute TYPE/, 'KEYVALUE without TYPE (2.3.1 form) fails');
  t.match(await dtdErrors(keyvalue(' VALUETYPE="string" TYPE="string"').replace('<IRETURNVALUE>', '<IRETURNVALUE><CLASSNAME NAME="C"/>')),
    /IRETURNVALUE/, 'a mixed IRETURNVALUE fails');
});

t.test('class operations', async (t) => {
  const fan = p.className('ClassName', 'CIM_Fan');
  await check(t, 'GetClass with the defaults (the whole class, qualifiers)', 'GetClass', CIMV2, fan);
  await check(t, 'GetClass LocalOnly=true', 'GetClass', CIMV2, fan + flag('LocalOnly', true));
  await check(t, 'GetClass without qualifiers', 'GetClass', CIMV2, fan + flag('LocalOnly', false) + flag('IncludeQualifiers', false));
  await check(t, 'GetClass with qualifiers and class origin', 'GetClass', CIMV2, fan + ALL_CLASS_PARTS);
  await check(t, 'GetClass with a PropertyList', 'GetClass', CIMV2, fan + flag('LocalOnly', false) + p.array('PropertyList', ['DeviceID', 'ElementName']));
  await check(t, 'GetClass with an empty PropertyList', 'GetClass', CIMV2, fan + p.array('PropertyList', []));
  await check(t, 'GetClass of a class with methods and parameters', 'GetClass', CIMV2, p.className('ClassName', 'CIM_NumericSensor') + ALL_CLASS_PARTS);
  await check(t, 'GetClass of an association (PROPERTY.REFERENCE)', 'GetClass', INTEROP, p.className('ClassName', 'CIM_ElementConformsToProfile') + ALL_CLASS_PARTS);
  for (const ns of [CIMV2, INTEROP]) {
    const all = await check(t, `EnumerateClasses of the whole ${ns} schema with every part`, 'EnumerateClasses', ns, flag('DeepInheritance', true) + ALL_CLASS_PARTS);
    t.ok(returned(all) > 100, `${returned(all)} classes in ${ns}`);
  }
  await check(t, 'EnumerateClasses with the defaults (top-level classes)', 'EnumerateClasses', CIMV2);
  await check(t, 'EnumerateClasses below a class', 'EnumerateClasses', CIMV2, p.className('ClassName', 'CIM_Sensor') + flag('DeepInheritance', true));
  await check(t, 'EnumerateClassNames, deep', 'EnumerateClassNames', CIMV2, flag('DeepInheritance', true));
  await check(t, 'EnumerateClassNames below a class', 'EnumerateClassNames', CIMV2, p.className('ClassName', 'CIM_ManagedElement'));
  const leaf = await check(t, 'EnumerateClassNames of a leaf class (empty)', 'EnumerateClassNames', CIMV2, p.className('ClassName', 'OMC_Fan'));
  t.equal(returned(leaf), 0, 'a leaf has no subclasses');
  await check(t, 'GetQualifier', 'GetQualifier', CIMV2, p.value('QualifierName', 'Key'));
  await check(t, 'GetQualifier of an array-valued qualifier with a scope', 'GetQualifier', CIMV2, p.value('QualifierName', 'ValueMap'));
  await check(t, 'EnumerateQualifiers', 'EnumerateQualifiers', CIMV2);
  await check(t, 'EnumerateQualifiers in root/interop', 'EnumerateQualifiers', INTEROP);
});

t.test('every instance of both namespaces, as instances and as names', async (t) => {
  for (const ns of [CIMV2, INTEROP]) {
    const roots = await check(t, `top-level classes of ${ns}`, 'EnumerateClassNames', ns);
    let instances = 0;
    for (const item of roots.kind === 'imethodresponse' ? roots.returnValue ?? [] : []) {
      if (item.kind !== 'classname') continue;
      const classname = p.className('ClassName', item.name);
      const all = await check(t, `EnumerateInstances ${ns}:${item.name}`, 'EnumerateInstances', ns, classname + flag('IncludeClassOrigin', true));
      await check(t, `EnumerateInstanceNames ${ns}:${item.name}`, 'EnumerateInstanceNames', ns, classname);
      instances += returned(all);
    }
    t.ok(instances > 0, `${instances} instances in ${ns}`);
  }
});

t.test('instance operations', async (t) => {
  const sensor = p.instanceName('InstanceName', 'Thincim_NumericSensor', CPU_TEMP);
  await check(t, 'GetInstance', 'GetInstance', CIMV2, sensor);
  await check(t, 'GetInstance with a PropertyList and class origin', 'GetInstance', CIMV2,
    sensor + flag('IncludeClassOrigin', true) + p.array('PropertyList', ['CurrentReading', 'PossibleStates', 'nosuchproperty']));
  await check(t, 'GetInstance with reference keys (cross-namespace)', 'GetInstance', INTEROP, `<IPARAMVALUE NAME="InstanceName">${CONFORMS}</IPARAMVALUE>`);
  await check(t, 'GetInstance of the system', 'GetInstance', CIMV2, p.instanceName('InstanceName', 'Thincim_ComputerSystem', SYSTEM));
  const sensors = p.className('ClassName', 'CIM_NumericSensor');
  await check(t, 'EnumerateInstances with a PropertyList', 'EnumerateInstances', CIMV2, sensors + p.array('PropertyList', ['ElementName', 'CurrentReading', 'HealthState']));
  await check(t, 'EnumerateInstances with an empty PropertyList', 'EnumerateInstances', CIMV2, sensors + p.array('PropertyList', []));
  await check(t, 'EnumerateInstances, DeepInheritance=false', 'EnumerateInstances', CIMV2, sensors + flag('DeepInheritance', false));
  await check(t, 'EnumerateInstances of associations', 'EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_SystemDevice'));
  const none = p.className('ClassName', 'CIM_Battery');
  const empty = await check(t, 'EnumerateInstances of a class without instances', 'EnumerateInstances', CIMV2, none);
  t.equal(returned(empty), 0, 'no batteries in the scenario');
  await check(t, 'EnumerateInstanceNames of a class without instances', 'EnumerateInstanceNames', CIMV2, none);
  await check(t, 'GetProperty of a scalar', 'GetProperty', CIMV2, sensor + p.value('PropertyName', 'CurrentReading'));
  await check(t, 'GetProperty of an array', 'GetProperty', CIMV2, sensor + p.value('PropertyName', 'PossibleStates'));
  const nothing = await check(t, 'GetProperty of a NULL property', 'GetProperty', CIMV2, sensor + p.value('PropertyName', 'LowerThresholdNonCritical'));
  t.equal(returned(nothing), 0, 'NULL is an empty IRETURNVALUE');
  await check(t, 'GetProperty of a reference', 'GetProperty', INTEROP, `<IPARAMVALUE NAME="InstanceName">${CONFORMS}</IPARAMVALUE>${p.value('PropertyName', 'ManagedElement')}`);
});

t.test('association operations, for instances and for classes', async (t) => {
  const system = p.instanceName('ObjectName', 'Thincim_ComputerSystem', SYSTEM);
  const profile = p.instanceName('ObjectName', 'Thincim_RegisteredProfile', BASE_SERVER);
  const fanClass = p.className('ObjectName', 'CIM_Fan');
  const properties = p.array('PropertyList', ['ElementName', 'HealthState']);
  await check(t, 'Associators of the system', 'Associators', CIMV2, system + flag('IncludeClassOrigin', true));
  await check(t, 'Associators with filters and a PropertyList', 'Associators', CIMV2,
    system + p.className('AssocClass', 'CIM_SystemDevice') + p.className('ResultClass', 'CIM_Fan') + p.value('Role', 'GroupComponent') + p.value('ResultRole', 'PartComponent') + properties);
  await check(t, 'Associators across namespaces (profile → system)', 'Associators', INTEROP, profile + p.className('AssocClass', 'CIM_ElementConformsToProfile'));
  const none = await check(t, 'Associators with no match (empty)', 'Associators', CIMV2, system + p.value('Role', 'NoSuchRole'));
  t.equal(returned(none), 0, 'nothing plays that role');
  await check(t, 'AssociatorNames of the system', 'AssociatorNames', CIMV2, system);
  await check(t, 'AssociatorNames across namespaces', 'AssociatorNames', INTEROP, profile);
  await check(t, 'References of the system', 'References', CIMV2, system + flag('IncludeClassOrigin', true));
  await check(t, 'References with a PropertyList', 'References', INTEROP, profile + p.className('ResultClass', 'CIM_ReferencedProfile') + p.array('PropertyList', ['Antecedent']));
  await check(t, 'ReferenceNames of the profile', 'ReferenceNames', INTEROP, profile);
  await check(t, 'Associators of a class', 'Associators', CIMV2, fanClass + ALL_CLASS_PARTS.replace(flag('LocalOnly', false), ''));
  await check(t, 'AssociatorNames of a class', 'AssociatorNames', CIMV2, fanClass);
  await check(t, 'References of a class', 'References', CIMV2, fanClass + flag('IncludeQualifiers', true) + flag('IncludeClassOrigin', true));
  await check(t, 'ReferenceNames of a class', 'ReferenceNames', CIMV2, fanClass);
});

t.test('queries', async (t) => {
  const wql = (query: string) => p.value('QueryLanguage', 'WQL') + p.value('Query', query);
  await check(t, 'ExecQuery SELECT *', 'ExecQuery', CIMV2, wql('SELECT * FROM CIM_NumericSensor WHERE HealthState = 5'));
  await check(t, 'ExecQuery with a projection', 'ExecQuery', CIMV2, wql('SELECT ElementName, CurrentReading FROM CIM_NumericSensor'));
  const none = await check(t, 'ExecQuery with no match (empty)', 'ExecQuery', CIMV2, wql('SELECT * FROM CIM_Fan WHERE HealthState = 30'));
  t.equal(returned(none), 0, 'no fan is dead at t=0');
});

t.test('pull operations: every Open, Pull, EnumerationCount and CloseEnumeration', async (t) => {
  const page = (n: number) => p.value('MaxObjectCount', n);
  const pullOn = (ctx: string, n: number) => p.value('EnumerationContext', ctx) + page(n);
  const sensors = p.className('ClassName', 'CIM_NumericSensor');
  const system = p.instanceName('InstanceName', 'Thincim_ComputerSystem', SYSTEM);

  const opened = await check(t, 'OpenEnumerateInstances (first page)', 'OpenEnumerateInstances', CIMV2, sensors + page(2) + p.array('PropertyList', ['ElementName']));
  const ctx = contextOf(opened);
  await check(t, 'PullInstancesWithPath (middle page)', 'PullInstancesWithPath', CIMV2, pullOn(ctx, 2));
  await check(t, 'EnumerationCount', 'EnumerationCount', CIMV2, p.value('EnumerationContext', ctx));
  await check(t, 'CloseEnumeration (void)', 'CloseEnumeration', CIMV2, p.value('EnumerationContext', ctx), 'void');
  await check(t, 'PullInstancesWithPath of a closed context', 'PullInstancesWithPath', CIMV2, pullOn(ctx, 2), 21);

  const idle = await check(t, 'OpenEnumerateInstances with MaxObjectCount=0 (empty page)', 'OpenEnumerateInstances', CIMV2, sensors);
  t.equal(returned(idle), 0, 'no objects on the first page');
  await check(t, 'PullInstancesWithPath to the end', 'PullInstancesWithPath', CIMV2, pullOn(contextOf(idle), 1000));
  await check(t, 'OpenEnumerateInstances in one page (EndOfSequence)', 'OpenEnumerateInstances', CIMV2, sensors + page(1000));

  const paths = await check(t, 'OpenEnumerateInstancePaths', 'OpenEnumerateInstancePaths', CIMV2, sensors + page(3));
  await check(t, 'PullInstancePaths', 'PullInstancePaths', CIMV2, pullOn(contextOf(paths), 1000));
  const associated = await check(t, 'OpenAssociatorInstances', 'OpenAssociatorInstances', CIMV2, system + page(2) + p.className('ResultClass', 'CIM_Fan'));
  await check(t, 'PullInstancesWithPath of associators', 'PullInstancesWithPath', CIMV2, pullOn(contextOf(associated), 1000));
  const associatedPaths = await check(t, 'OpenAssociatorInstancePaths', 'OpenAssociatorInstancePaths', CIMV2, system + page(2));
  await check(t, 'PullInstancePaths of associators', 'PullInstancePaths', CIMV2, pullOn(contextOf(associatedPaths), 1000));
  const refs = await check(t, 'OpenReferenceInstances', 'OpenReferenceInstances', CIMV2, system + page(2));
  await check(t, 'PullInstancesWithPath of references', 'PullInstancesWithPath', CIMV2, pullOn(contextOf(refs), 1000));
  const refPaths = await check(t, 'OpenReferenceInstancePaths', 'OpenReferenceInstancePaths', INTEROP,
    p.instanceName('InstanceName', 'Thincim_RegisteredProfile', BASE_SERVER) + page(1));
  await check(t, 'PullInstancePaths of references', 'PullInstancePaths', INTEROP, pullOn(contextOf(refPaths), 1000));
  const query = await check(t, 'OpenQueryInstances', 'OpenQueryInstances', CIMV2,
    p.value('FilterQueryLanguage', 'WQL') + p.value('FilterQuery', 'SELECT ElementName, HealthState FROM CIM_Fan') + page(2));
  await check(t, 'PullInstances', 'PullInstances', CIMV2, pullOn(contextOf(query), 1000));
  await check(t, 'PullInstancePaths on an instance context (wrong kind)', 'PullInstancePaths', CIMV2,
    pullOn(contextOf(await call('OpenEnumerateInstances', CIMV2, sensors + page(1)).then((r) => decodeResponse(r.text))), 1), 21);
  await check(t, 'OpenEnumerateInstances with ContinueOnError', 'OpenEnumerateInstances', CIMV2, sensors + flag('ContinueOnError', true), 26);
  await check(t, 'OpenEnumerateInstances with OperationTimeout=0', 'OpenEnumerateInstances', CIMV2, sensors + p.value('OperationTimeout', 0), 22);
});

t.test('ERROR answers of intrinsic operations', async (t) => {
  await check(t, 'unknown namespace', 'EnumerateInstances', 'root/nosuch', p.className('ClassName', 'CIM_Fan'), 3);
  await check(t, 'unknown class (GetClass: NOT_FOUND)', 'GetClass', CIMV2, p.className('ClassName', 'No_Such'), 6);
  await check(t, 'unknown class (EnumerateInstances: INVALID_CLASS)', 'EnumerateInstances', CIMV2, p.className('ClassName', 'No_Such'), 5);
  await check(t, 'unknown class whose name needs escaping', 'EnumerateInstanceNames', CIMV2, p.className('ClassName', 'A&amp;B&lt;&quot;Ü'), 5);
  await check(t, 'missing instance', 'GetInstance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', { ...FAN, DeviceID: 'nosuch' }), 6);
  await check(t, 'unknown operation', 'NoSuchOperation', CIMV2, '', 7);
  await check(t, 'unknown qualifier', 'GetQualifier', CIMV2, p.value('QualifierName', 'NoSuch'), 6);
  await check(t, 'a boolean that is not one', 'GetClass', CIMV2, p.className('ClassName', 'CIM_Fan') + p.value('LocalOnly', 'maybe'), 4);
  await check(t, 'a missing required parameter', 'GetInstance', CIMV2, '', 4);
  await check(t, 'an unknown property', 'GetProperty', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', FAN) + p.value('PropertyName', 'NoSuch'), 12);
  await check(t, 'an unknown query language', 'ExecQuery', CIMV2, p.value('QueryLanguage', 'SQL') + p.value('Query', 'SELECT * FROM CIM_Fan'), 14);
  await check(t, 'an invalid query', 'ExecQuery', CIMV2, p.value('QueryLanguage', 'WQL') + p.value('Query', 'SELECT FROM WHERE'), 15);
  await check(t, 'DeleteInstance (read-only)', 'DeleteInstance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', FAN), 7);
  await check(t, 'DeleteClass (read-only schema)', 'DeleteClass', CIMV2, p.className('ClassName', 'CIM_Fan'), 7);
  await check(t, 'an unknown enumeration context', 'CloseEnumeration', CIMV2, p.value('EnumerationContext', 'nosuch'), 21);
  const echoed = decodeResponse((await call('GetClass', CIMV2, p.className('ClassName', 'No_Such'), {}, 'id&amp;&lt;&quot;')).text);
  t.equal(echoed.messageId, 'id&<"', 'a MESSAGE ID that needs escaping is echoed');
  await validates(t, 'MESSAGE ID with markup characters', (await call('GetClass', CIMV2, p.className('ClassName', 'No_Such'), {}, 'id&amp;&lt;&quot;')).text, 6);
});

t.test('METHODRESPONSE ERROR answers', async (t) => {
  const invoke = async (label: string, method: string, keys: Record<string, string>, params: string, code: number) => {
    const res = await post(broker.url, methodBody(method, CIMV2, 'Thincim_NumericSensor', keys, params),
      cimHeaders(method, methodObject(CIMV2, 'Thincim_NumericSensor', keys)));
    t.equal(res.status, 200, `${label}: HTTP 200`);
    const response = await validates(t, label, res.text, code);
    t.equal(response.kind, 'methodresponse', `${label}: a METHODRESPONSE`);
  };
  await invoke('a method no provider serves', 'RequestStateChange', CPU_TEMP, '<PARAMVALUE NAME="RequestedState" PARAMTYPE="uint16"><VALUE>3</VALUE></PARAMVALUE>', 7);
  await invoke('an unknown method', 'NoSuchMethod', CPU_TEMP, '', 17);
  await invoke('a method of a missing instance', 'RestoreDefaultThresholds', { ...CPU_TEMP, DeviceID: 'nosuch' }, '', 6);
  await invoke('an unknown parameter', 'RestoreDefaultThresholds', CPU_TEMP, '<PARAMVALUE NAME="Bogus" PARAMTYPE="string"><VALUE>x</VALUE></PARAMVALUE>', 4);
});

t.test('a chunked answer (TE: trailers) is the same valid document', async (t) => {
  const res = await call('EnumerateInstances', CIMV2, p.className('ClassName', 'CIM_ManagedElement'), { TE: 'trailers' });
  t.equal(res.headers['transfer-encoding'], 'chunked', 'large enough to stream');
  t.equal(res.trailers['cimstatuscode'], '0', 'CIMStatusCode trailer says success');
  const response = await validates(t, 'chunked EnumerateInstances', res.text, 'result');
  t.ok(returned(response) > 50, `${returned(response)} instances`);
});
