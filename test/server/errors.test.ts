/**
 * Every CIM status code the broker answers on its own (reference
 * cim-xml-protocol.md §1.5, §3, §5), one table row per cause: HTTP 200 with
 * CIMOperation, an ERROR inside the IMETHODRESPONSE or METHODRESPONSE named
 * as the call was, and a DESCRIPTION that names what was wrong. The broker
 * here answers at most 40 objects per non-pull response, so that
 * CIM_ERR_SERVER_LIMITS_EXCEEDED is reached and its boundary checked.
 * (CIM_ERR_FAILED and provider codes: methods.test.ts; CIM_ERR_ACCESS_DENIED:
 * test/ops/auth.test.ts.)
 */
import t from 'tap';
import { decodeResponse } from '../../src/cimxml/index.js';
import {
  SIM, TEST_LIMITS, cimHeaders, iparam, imethod, imethodBody, instanceNameXml, invoke, p, post, returned, startTestBroker, type TestBroker,
} from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';
const PER_RESPONSE = 40;
const FAN = SIM.device('OMC_Fan', 'fan1');
const MISSING_FAN = SIM.device('OMC_Fan', 'fan99');

let broker: TestBroker;

t.before(async () => {
  // The answers of writes and methods are tested here; who may send them is test/ops/auth.test.ts's business.
  broker = await startTestBroker({ limits: { ...TEST_LIMITS, maxInstancesPerResponse: PER_RESPONSE }, anonymousWrite: true });
});
t.teardown(() => broker.close());

const fan = (param: string, keys: Record<string, string> = FAN) => p.instanceName(param, 'OMC_Fan', keys);
const system = (param: string) => p.instanceName(param, 'Thincim_ComputerSystem', SIM.system);
const className = (name: string) => p.className('ClassName', name);
const query = (text: string, language = 'WQL') => p.value('QueryLanguage', language) + p.value('Query', text);
const newFan = iparam('NewInstance', `<INSTANCE CLASSNAME="OMC_Fan">${Object.entries(FAN)
  .map(([k, v]) => `<PROPERTY NAME="${k}" TYPE="string"><VALUE>${v}</VALUE></PROPERTY>`).join('')}</INSTANCE>`);
const modified = (properties: string, keys: Record<string, string> = FAN, classname = 'OMC_Fan') =>
  iparam('ModifiedInstance', `<VALUE.NAMEDINSTANCE>${instanceNameXml('OMC_Fan', keys)}<INSTANCE CLASSNAME="${classname}">${properties}</INSTANCE></VALUE.NAMEDINSTANCE>`);
const elementName = '<PROPERTY NAME="ElementName" TYPE="string"><VALUE>Front fan</VALUE></PROPERTY>';

/** [status, operation, namespace, parameters, what the DESCRIPTION must say]. */
type Case = [number, string, string, string, RegExp];

const CASES: Record<string, Case[]> = {
  'CIM_ERR_INVALID_NAMESPACE (3)': [
    [3, 'GetClass', 'root/nowhere', className('CIM_Fan'), /namespace root\/nowhere does not exist/],
    [3, 'EnumerateInstances', 'root', className('CIM_Fan'), /namespace root does not exist/],
    [3, 'EnumerateQualifiers', 'cimv2', '', /namespace cimv2/],
    [3, 'ExecQuery', 'root/cimv2/extra', query('SELECT * FROM CIM_Fan'), /root\/cimv2\/extra/],
    [3, 'OpenEnumerateInstances', 'interop/root', className('CIM_Fan'), /interop\/root/],
  ],
  'CIM_ERR_INVALID_CLASS (5)': [
    [5, 'EnumerateClassNames', CIMV2, className('No_Such'), /No_Such/],
    [5, 'EnumerateInstances', CIMV2, className('No_Such'), /No_Such/],
    [5, 'EnumerateInstanceNames', CIMV2, className('No_Such'), /No_Such/],
    [5, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'No_Such', FAN), /No_Such/],
    [5, 'Associators', CIMV2, p.className('ObjectName', 'No_Such'), /No_Such/],
    [5, 'CreateInstance', CIMV2, iparam('NewInstance', '<INSTANCE CLASSNAME="No_Such"></INSTANCE>'), /No_Such/],
    [5, 'OpenEnumerateInstancePaths', CIMV2, className('No_Such'), /No_Such/],
    [5, 'EnumerateClasses', 'interop', className('ACME_Widget'), /ACME_Widget does not exist in namespace root\/interop/],
  ],
  'CIM_ERR_NOT_FOUND (6)': [
    [6, 'GetClass', CIMV2, className('No_Such'), /class No_Such does not exist in namespace root\/cimv2/],
    [6, 'GetInstance', CIMV2, fan('InstanceName', MISSING_FAN), /instance root\/cimv2:OMC_Fan\..*fan99.* does not exist/],
    [6, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', { DeviceID: 'simulated:fan99' }), /instance root\/cimv2:OMC_Fan\.DeviceID="simulated:fan99" does not exist/],
    [6, 'DeleteInstance', CIMV2, fan('InstanceName', MISSING_FAN), /fan99/],
    [6, 'ModifyInstance', CIMV2, modified(elementName, MISSING_FAN), /fan99/],
    [6, 'GetProperty', CIMV2, fan('InstanceName', MISSING_FAN) + p.value('PropertyName', 'ElementName'), /fan99/],
    [6, 'References', CIMV2, fan('ObjectName', MISSING_FAN), /fan99/],
    [6, 'GetQualifier', CIMV2, p.value('QualifierName', 'NoSuchQualifier'), /qualifier NoSuchQualifier is not declared/],
  ],
  'CIM_ERR_INVALID_PARAMETER (4): missing, duplicate, unrecognized, wrong form, wrong keys': [
    [4, 'GetClass', CIMV2, '', /parameter ClassName is required/],
    [4, 'GetInstance', CIMV2, p.null('InstanceName'), /parameter InstanceName is required/],
    [4, 'ExecQuery', CIMV2, p.value('Query', 'SELECT * FROM CIM_Fan'), /parameter QueryLanguage is required/],
    [4, 'GetClass', CIMV2, className('CIM_Fan') + p.className('classname', 'CIM_Fan'), /parameter classname is given twice/],
    [4, 'GetClass', CIMV2, className('CIM_Fan') + p.value('Bogus', 'x'), /GetClass has no parameter Bogus/],
    [4, 'EnumerateInstanceNames', CIMV2, className('CIM_Fan') + p.value('LocalOnly', false), /no parameter LocalOnly/],
    [4, 'GetClass', CIMV2, p.value('ClassName', 'CIM_Fan'), /parameter ClassName must be a CLASSNAME/],
    [4, 'GetClass', CIMV2, className('CIM_Fan') + p.value('IncludeQualifiers', 'yes'), /IncludeQualifiers must be a boolean/],
    [4, 'GetInstance', CIMV2, fan('InstanceName') + p.value('PropertyList', 'ElementName'), /PropertyList must be an array/],
    [4, 'GetInstance', CIMV2, fan('InstanceName') + iparam('PropertyList', '<VALUE.ARRAY><VALUE.NULL/></VALUE.ARRAY>'), /PropertyList/],
    [4, 'GetInstance', CIMV2, className('CIM_Fan').replace('ClassName', 'InstanceName'), /InstanceName must be an INSTANCENAME/],
    [4, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', { SystemName: SIM.host }), /lacks key SystemCreationClassName, CreationClassName, DeviceID; 6 instances have the keys it binds/],
    [4, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', { DeviceID: 'simulated:fan1', Bogus: 'x' }), /binds Bogus, which is not a key/],
    [4, 'GetInstance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', {}), /lacks key SystemCreationClassName, SystemName, CreationClassName, DeviceID$/],
    [4, 'DeleteInstance', CIMV2, p.instanceName('InstanceName', 'OMC_Fan', { DeviceID: 'simulated:fan1' }), /lacks key SystemCreationClassName/],
    [4, 'Associators', CIMV2, system('ObjectName') + p.className('AssocClass', 'No_Such'), /AssocClass names class No_Such/],
    [4, 'OpenEnumerateInstances', CIMV2, className('CIM_Fan') + p.value('MaxObjectCount', 'ten'), /MaxObjectCount must be a uint32/],
    [4, 'ModifyInstance', CIMV2, modified(elementName, FAN, 'Thincim_NumericSensor'), /instance of Thincim_NumericSensor, its path names OMC_Fan/],
    [4, 'GetInstance', CIMV2, iparam('InstanceName', '<INSTANCENAME CLASSNAME="OMC_Fan"><KEYBINDING NAME="DeviceID">' +
      '<KEYVALUE VALUETYPE="boolean" TYPE="boolean">maybe</KEYVALUE></KEYBINDING></INSTANCENAME>'), /maybe/],
    // A value of the wrong shape, one parameter per operation (DSP0200: "otherwise incorrect parameters").
    [4, 'Associators', CIMV2, p.value('ObjectName', 'OMC_Fan'), /parameter ObjectName must be a CLASSNAME or an INSTANCENAME/],
    [4, 'DeleteInstance', CIMV2, className('OMC_Fan').replace('ClassName', 'InstanceName'), /parameter InstanceName must be an INSTANCENAME/],
    [4, 'CreateInstance', CIMV2, iparam('NewInstance', instanceNameXml('OMC_Fan', FAN)), /parameter NewInstance must be an INSTANCE$/],
    [4, 'ModifyInstance', CIMV2, iparam('ModifiedInstance', '<INSTANCE CLASSNAME="OMC_Fan"></INSTANCE>'), /parameter ModifiedInstance must be a VALUE.NAMEDINSTANCE/],
    [4, 'GetQualifier', CIMV2, p.className('QualifierName', 'Key'), /parameter QualifierName must be a string/],
    [4, 'OpenAssociatorInstances', CIMV2, p.className('InstanceName', 'OMC_Fan'), /parameter InstanceName must be an INSTANCENAME/],
    [4, 'PullInstancesWithPath', CIMV2, p.className('EnumerationContext', 'x') + p.value('MaxObjectCount', 1), /parameter EnumerationContext must be a string/],
    // Parameters other operations have, which these do not (DSP0200 §5.3.2: References has no AssocClass, no *Names a PropertyList).
    [4, 'References', CIMV2, system('ObjectName') + p.className('AssocClass', 'CIM_SystemDevice'), /References has no parameter AssocClass/],
    [4, 'ReferenceNames', CIMV2, system('ObjectName') + p.value('ResultRole', 'PartComponent'), /ReferenceNames has no parameter ResultRole/],
    [4, 'AssociatorNames', CIMV2, system('ObjectName') + p.array('PropertyList', ['ElementName']), /AssociatorNames has no parameter PropertyList/],
    [4, 'OpenEnumerateInstances', CIMV2, className('CIM_Fan') + p.value('LocalOnly', false), /OpenEnumerateInstances has no parameter LocalOnly/],
    [4, 'OpenReferenceInstancePaths', CIMV2, fan('InstanceName') + p.value('ResultRole', 'x'), /OpenReferenceInstancePaths has no parameter ResultRole/],
    [4, 'CloseEnumeration', CIMV2, p.value('EnumerationContext', 'bogus') + p.value('MaxObjectCount', 1), /CloseEnumeration has no parameter MaxObjectCount/],
    // Required parameters missing or NULL.
    [4, 'ExecQuery', CIMV2, p.value('QueryLanguage', 'WQL') + p.null('Query'), /parameter Query is required/],
    [4, 'OpenQueryInstances', CIMV2, p.value('FilterQueryLanguage', 'WQL'), /parameter FilterQuery is required/],
    [4, 'EnumerationCount', CIMV2, '', /parameter EnumerationContext is required/],
    [4, 'OpenEnumerateInstances', CIMV2, className('CIM_Fan') + p.value('FilterQuery', 'SELECT * FROM CIM_Fan'), /FilterQuery and FilterQueryLanguage go together/],
  ],
  'CIM_ERR_NOT_SUPPORTED (7): unknown operations, schema and instance changes': [
    [7, 'FrobnicateInstances', CIMV2, '', /FrobnicateInstances is not an intrinsic operation/],
    [7, 'FrobnicateInstances', 'root/nowhere', '', /FrobnicateInstances is not an intrinsic operation/],
    [7, 'CreateClass', CIMV2, iparam('NewClass', '<CLASS NAME="ACME_New"></CLASS>'), /CreateClass is not supported: the schema is compiled from MOF/],
    [7, 'ModifyClass', CIMV2, iparam('ModifiedClass', '<CLASS NAME="OMC_Fan"></CLASS>'), /ModifyClass is not supported/],
    [7, 'DeleteClass', CIMV2, className('OMC_Fan'), /DeleteClass is not supported/],
    [7, 'SetQualifier', CIMV2, iparam('QualifierDeclaration', '<QUALIFIER.DECLARATION NAME="X" TYPE="boolean"></QUALIFIER.DECLARATION>'), /SetQualifier is not supported/],
    [7, 'DeleteQualifier', CIMV2, p.value('QualifierName', 'Key'), /DeleteQualifier is not supported/],
    [7, 'CreateInstance', CIMV2, newFan, /OMC_Fan cannot be created/],
    [7, 'DeleteInstance', CIMV2, fan('InstanceName'), /OMC_Fan cannot be deleted/],
    [7, 'ModifyInstance', CIMV2, modified(elementName), /OMC_Fan/],
    [7, 'SetProperty', CIMV2, fan('InstanceName') + p.value('PropertyName', 'ElementName') + p.value('NewValue', 'Front fan'), /OMC_Fan/],
  ],
  'CIM_ERR_NO_SUCH_PROPERTY (12)': [
    [12, 'GetProperty', CIMV2, fan('InstanceName') + p.value('PropertyName', 'Nonexistent'), /class OMC_Fan has no property Nonexistent/],
    [12, 'SetProperty', CIMV2, fan('InstanceName') + p.value('PropertyName', 'Nonexistent') + p.value('NewValue', '1'), /Nonexistent/],
    [12, 'ModifyInstance', CIMV2, modified('<PROPERTY NAME="Nonexistent" TYPE="string"><VALUE>x</VALUE></PROPERTY>'), /Nonexistent/],
    [12, 'ModifyInstance', CIMV2, modified(elementName) + p.array('PropertyList', ['ElementName', 'Nonexistent']), /Nonexistent/],
  ],
  'CIM_ERR_TYPE_MISMATCH (13)': [
    [13, 'SetProperty', CIMV2, fan('InstanceName') + p.value('PropertyName', 'HealthState') + p.value('NewValue', 'healthy'), /NewValue for HealthState/],
    [13, 'SetProperty', CIMV2, fan('InstanceName') + p.value('PropertyName', 'HealthState') + p.value('NewValue', '70000'), /HealthState/],
    [13, 'SetProperty', CIMV2, fan('InstanceName') + p.value('PropertyName', 'HealthState') + p.array('NewValue', ['5']), /does not fit property HealthState of type uint16/],
    [13, 'SetProperty', CIMV2, fan('InstanceName') + p.value('PropertyName', 'OperationalStatus') + p.value('NewValue', '2'), /OperationalStatus of type uint16\[\]/],
  ],
  'CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED (14) and CIM_ERR_INVALID_QUERY (15)': [
    [14, 'ExecQuery', CIMV2, query('SELECT * FROM CIM_Fan', 'SQL'), /query language SQL is not supported; use WQL, DMTF:CQL or CIM:CQL/],
    [14, 'OpenQueryInstances', CIMV2, p.value('FilterQueryLanguage', 'DMTF:FQL') + p.value('FilterQuery', 'SELECT * FROM CIM_Fan'), /DMTF:FQL/],
    [15, 'ExecQuery', CIMV2, query('SELECT * FROM'), /invalid query at position 14: expected a class name/],
    [15, 'ExecQuery', CIMV2, query('SELECT * FROM No_Such'), /FROM names class No_Such/],
    [15, 'OpenEnumerateInstances', CIMV2, className('CIM_Fan') + p.value('FilterQueryLanguage', 'WQL') + p.value('FilterQuery', 'SELECT Bogus FROM CIM_Fan'), /no property Bogus/],
    [14, 'OpenEnumerateInstancePaths', CIMV2, className('CIM_Fan') + p.value('FilterQueryLanguage', 'SQL') + p.value('FilterQuery', 'SELECT * FROM CIM_Fan'), /query language SQL is not supported/],
  ],
  'CIM_ERR_INVALID_ENUMERATION_CONTEXT (21), CIM_ERR_INVALID_OPERATION_TIMEOUT (22), CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED (26)': [
    [21, 'PullInstancesWithPath', CIMV2, p.value('EnumerationContext', 'bogus') + p.value('MaxObjectCount', 1), /enumeration context "bogus" is unknown, closed or expired/],
    [21, 'CloseEnumeration', CIMV2, p.value('EnumerationContext', 'bogus'), /bogus/],
    [22, 'OpenEnumerateInstances', CIMV2, className('CIM_Fan') + p.value('OperationTimeout', 0), /OperationTimeout must be between 1 and \d+ seconds/],
    [22, 'OpenReferenceInstances', CIMV2, fan('InstanceName') + p.value('OperationTimeout', 4294967295), /OperationTimeout must be between 1 and \d+ seconds/],
    [21, 'EnumerationCount', CIMV2, p.value('EnumerationContext', 'bogus'), /enumeration context "bogus" is unknown, closed or expired/],
    [21, 'PullInstances', CIMV2, p.value('EnumerationContext', 'bogus') + p.value('MaxObjectCount', 1), /bogus/],
    [26, 'OpenEnumerateInstancePaths', CIMV2, className('CIM_Fan') + p.value('ContinueOnError', true), /ContinueOnError is not supported/],
  ],
};

for (const [title, cases] of Object.entries(CASES)) {
  t.test(title, async (t) => {
    for (const [code, operation, ns, params, description] of cases) {
      const label = `${operation} ${ns} ${params.slice(0, 90)}`;
      const res = await post(broker.url, imethodBody(operation, ns, params), cimHeaders(operation, ns));
      t.equal(res.status, 200, `${label}: HTTP 200`);
      t.equal(res.headers['cimoperation'], 'MethodResponse', `${label}: CIMOperation: MethodResponse`);
      const response = decodeResponse(res.text);
      t.equal(response.kind, 'imethodresponse', `${label}: an IMETHODRESPONSE`);
      t.equal(response.name, operation, `${label}: named as called`);
      t.equal(response.error?.code, code, `${label}: CODE=${code}`);
      t.match(response.error?.description, description, `${label}: DESCRIPTION says what is wrong`);
      t.match(res.text, new RegExp(`<IMETHODRESPONSE NAME="${operation}"><ERROR CODE="${code}" DESCRIPTION="[^"]+"/></IMETHODRESPONSE>`), `${label}: nothing but the ERROR`);
    }
  });
}

t.test('CIM_ERR_METHOD_NOT_FOUND (17) inside a METHODRESPONSE', async (t) => {
  const response = await invoke(broker.url, 'Explode', CIMV2, 'OMC_Fan', FAN);
  t.equal(response.kind, 'methodresponse');
  t.equal(response.error?.code, 17);
  t.match(response.error?.description, /class OMC_Fan has no method Explode/);
  t.match(response.raw.text, /<METHODRESPONSE NAME="Explode"><ERROR CODE="17" DESCRIPTION="[^"]+"\/><\/METHODRESPONSE>/);
});

t.test(`CIM_ERR_SERVER_LIMITS_EXCEEDED (27): more than ${PER_RESPONSE} objects in one non-pull answer`, async (t) => {
  const cases: [string, string, string][] = [
    ['EnumerateInstances', className('CIM_ManagedElement'), 'every managed element'],
    ['EnumerateInstanceNames', className('CIM_ManagedElement'), 'their names'],
    ['ExecQuery', query('SELECT * FROM CIM_ManagedElement'), 'a query'],
    ['Associators', system('ObjectName'), 'everything associated with the system'],
    ['AssociatorNames', system('ObjectName'), 'its names'],
    ['References', system('ObjectName'), 'every association of the system'],
    ['ReferenceNames', system('ObjectName'), 'their names'],
  ];
  for (const [operation, params, label] of cases) {
    const response = await imethod(broker.url, operation, CIMV2, params);
    t.equal(response.error?.code, 27, `${operation}, ${label}: 27`);
    t.match(response.error?.description, new RegExp(`\\d+ results exceed the limit of ${PER_RESPONSE} per response; use the matching pull operation`),
      `${operation}: the description gives the count, the limit and the way out`);
  }
  const atLimit = await imethod(broker.url, 'ReferenceNames', CIMV2, system('ObjectName') + p.className('ResultClass', 'CIM_SystemDevice'));
  t.equal(returned(atLimit).length, PER_RESPONSE, `exactly ${PER_RESPONSE} is still answered`);
  const enumerated = await imethod(broker.url, 'EnumerateInstanceNames', CIMV2, className('CIM_SystemDevice'));
  t.equal(returned(enumerated).length, PER_RESPONSE, `EnumerateInstanceNames of ${PER_RESPONSE}: answered`);
  const pulled = await imethod(broker.url, 'OpenEnumerateInstancePaths', CIMV2, className('CIM_ManagedElement') + p.value('MaxObjectCount', 0));
  t.equal(pulled.error, undefined, 'the pull operations are the way to read more');
  const context = pulled.outParams.byName.get('EnumerationContext')?.value;
  if (context?.kind === 'value') await imethod(broker.url, 'CloseEnumeration', CIMV2, p.value('EnumerationContext', context.text));
});

t.test('a Pull without its required MaxObjectCount (DSP0200: no default for Pull): 4, and the failed Pull closes the session', async (t) => {
  for (const [label, maxObjectCount] of [['absent', ''], ['NULL', p.null('MaxObjectCount')]]) {
    const opened = await imethod(broker.url, 'OpenEnumerateInstances', CIMV2, className('CIM_Fan') + p.value('MaxObjectCount', 0));
    const context = opened.outParams.byName.get('EnumerationContext')?.value;
    if (context?.kind !== 'value') throw new Error('no EnumerationContext');
    const contextParam = p.value('EnumerationContext', context.text);
    const failed = await imethod(broker.url, 'PullInstancesWithPath', CIMV2, contextParam + maxObjectCount!);
    t.equal(failed.error?.code, 4, `MaxObjectCount ${label}: 4`);
    t.match(failed.error?.description, /parameter MaxObjectCount is required; the enumeration context is now closed/, `${label}: said, and the closing too`);
    const after = await imethod(broker.url, 'PullInstancesWithPath', CIMV2, contextParam + p.value('MaxObjectCount', 1));
    t.equal(after.error?.code, 21, `${label}: the session is gone, 21`);
  }
});
