import { readFileSync } from 'node:fs';
import t from 'tap';
import { CIMClass, CIMClassName, CIMInstance, CIMInstanceName } from '../../src/cim/index.js';
import { decodeResponse } from '../../src/cimxml/index.js';
import type { CIMIMethodResponse, CIMMethodResponse, ReturnItem } from '../../src/cimxml/index.js';
import { NS, protocolError, responseBody } from './helpers.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

function intrinsic(body: string | Uint8Array): CIMIMethodResponse {
  const response = decodeResponse(body);
  if (response.kind !== 'imethodresponse') throw new Error('expected an IMETHODRESPONSE');
  return response;
}

function items(content: string): readonly ReturnItem[] {
  return intrinsic(responseBody(`<IMETHODRESPONSE NAME="Op"><IRETURNVALUE>${content}</IRETURNVALUE></IMETHODRESPONSE>`)).returnValue!;
}

const HOST = `<NAMESPACEPATH><HOST>esx01</HOST>${NS}</NAMESPACEPATH>`;
const FAN_NAME = '<INSTANCENAME CLASSNAME="OMC_Fan"><KEYBINDING NAME="DeviceID"><KEYVALUE VALUETYPE="string" TYPE="string">fan-1</KEYVALUE></KEYBINDING></INSTANCENAME>';
const FAN = '<INSTANCE CLASSNAME="OMC_Fan"><PROPERTY NAME="HealthState" TYPE="uint16"><VALUE>5</VALUE></PROPERTY></INSTANCE>';

t.test('EnumerateInstances as sfcb answers it (pretty-printed, KEYVALUE without TYPE)', async (t) => {
  const response = intrinsic(fixture('enum-sensors.response.xml'));
  t.equal(response.messageId, '42');
  t.equal(response.name, 'EnumerateInstances');
  t.equal(response.error, undefined);
  t.equal(response.returnValue?.length, 1);
  const item = response.returnValue![0]!;
  t.equal(item.kind, 'instance');
  if (item.kind !== 'instance') return;
  const { instance } = item;
  t.equal(instance.classname, 'CIM_NumericSensor');
  t.equal(instance.path?.keybindings.get('DeviceID'), 'temp-00001');
  t.equal(instance.get('ElementName'), 'CPU 1 Temp');
  t.equal(instance.get('HealthState'), 5);
  t.equal(instance.get('CurrentReading'), 37);
  t.equal(instance.get('LowerThresholdCritical'), null, 'an empty PROPERTY is NULL');
  t.same(instance.get('OperationalStatus'), [2]);
  t.equal(instance.properties.get('OperationalStatus')?.isArray, true);
});

t.test('EnumerateInstanceNames with lower-cased key names', async (t) => {
  const names = intrinsic(fixture('fan-names.response.xml')).returnValue!;
  t.same(names.map((item) => item.kind), ['instancename', 'instancename']);
  const first = names[0]!;
  t.ok(first.kind === 'instancename' && first.path.keybindings.get('DeviceID') === 'fan-0001', 'keys are found whatever their case');
});

t.test('GetClass with methods and parameters', async (t) => {
  const [item] = intrinsic(fixture('get-class.response.xml')).returnValue!;
  t.equal(item?.kind, 'class');
  if (item?.kind !== 'class') return;
  const { cls } = item;
  t.equal(cls.classname, 'CIM_Fan');
  t.equal(cls.superclass, 'CIM_CoolingDevice');
  t.same([...cls.properties.keys()], ['VariableSpeed', 'DesiredSpeed', 'OperationalStatus', 'EnabledState']);
  t.equal(cls.properties.get('EnabledState')?.value, 5);
  t.equal(cls.properties.get('DesiredSpeed')?.type, 'uint64');
  const method = cls.methods.get('RequestStateChange')!;
  t.equal(method.returnType, 'uint32');
  t.same([...method.parameters.keys()], ['RequestedState', 'Job', 'TimeoutPeriod']);
  t.same(method.parameters.get('Job'), { name: 'Job', type: 'reference', isArray: false, qualifiers: method.parameters.get('Job')!.qualifiers, referenceClass: 'CIM_ConcreteJob' });
});

t.test('ERROR in IMETHODRESPONSE and METHODRESPONSE', async (t) => {
  const notFound = intrinsic(fixture('not-found.response.xml'));
  t.equal(notFound.error?.code, 6);
  t.equal(notFound.error?.description, 'The requested object could not be found');
  t.equal(notFound.returnValue, undefined);
  const method = decodeResponse(fixture('method-not-supported.response.xml')) as CIMMethodResponse;
  t.equal(method.kind, 'methodresponse');
  t.equal(method.name, 'RestoreDefaultThresholds');
  t.equal(method.error?.code, 7);
  const withInstance = intrinsic(responseBody('<IMETHODRESPONSE NAME="Op"><ERROR CODE="27"><INSTANCE CLASSNAME="CIM_Error"><PROPERTY NAME="Message" TYPE="string"><VALUE>too many</VALUE></PROPERTY></INSTANCE></ERROR></IMETHODRESPONSE>'));
  t.equal(withInstance.error?.code, 27);
  t.equal(withInstance.error?.description, '');
  t.equal(withInstance.errorInstances[0]?.get('Message'), 'too many');
  t.equal(intrinsic(responseBody('<IMETHODRESPONSE NAME="Op"><ERROR CODE="19"/></IMETHODRESPONSE>')).error?.code, 19, 'codes outside the catalogue are kept');
  t.match(protocolError(() => decodeResponse(responseBody('<IMETHODRESPONSE NAME="Op"><ERROR CODE="x"/></IMETHODRESPONSE>'))).message, /CODE="x"/);
  t.match(protocolError(() => decodeResponse(responseBody('<IMETHODRESPONSE NAME="Op"><ERROR CODE="1"/><IRETURNVALUE/></IMETHODRESPONSE>'))).message, /not allowed here/);
});

t.test('every IRETURNVALUE content', async (t) => {
  t.same(items(''), [], 'an empty IRETURNVALUE');
  t.same(items('<CLASSNAME NAME="A"/><CLASSNAME NAME="B"/>'), [{ kind: 'classname', name: 'A' }, { kind: 'classname', name: 'B' }]);
  t.same(items('<VALUE>x</VALUE>'), [{ kind: 'value', text: 'x' }]);
  t.same(items('<VALUE.ARRAY><VALUE>x</VALUE><VALUE.NULL/></VALUE.ARRAY>'), [{ kind: 'array', items: ['x', null] }]);
  const reference = items(`<VALUE.REFERENCE>${FAN_NAME}</VALUE.REFERENCE>`)[0];
  t.ok(reference?.kind === 'reference' && reference.path instanceof CIMInstanceName);

  const paths = items(`<INSTANCEPATH>${HOST}${FAN_NAME}</INSTANCEPATH>`);
  t.ok(paths[0]?.kind === 'instancename' && paths[0].path.host === 'esx01' && paths[0].path.namespace === 'root/cimv2');

  const objectPaths = items(`<OBJECTPATH><INSTANCEPATH>${HOST}${FAN_NAME}</INSTANCEPATH></OBJECTPATH><OBJECTPATH><CLASSPATH>${HOST}<CLASSNAME NAME="OMC_Fan"/></CLASSPATH></OBJECTPATH>`);
  t.same(objectPaths.map((item) => item.kind), ['instancename', 'classpath']);
  t.ok(objectPaths[1]?.kind === 'classpath' && objectPaths[1].path.equals(new CIMClassName({ classname: 'omc_fan', namespace: 'root/cimv2' })));

  const withPath = items(`<VALUE.OBJECTWITHPATH><INSTANCEPATH>${HOST}${FAN_NAME}</INSTANCEPATH>${FAN}</VALUE.OBJECTWITHPATH>` +
    `<VALUE.OBJECTWITHPATH><CLASSPATH>${HOST}<CLASSNAME NAME="OMC_Fan"/></CLASSPATH><CLASS NAME="OMC_Fan"></CLASS></VALUE.OBJECTWITHPATH>`);
  t.ok(withPath[0]?.kind === 'instance' && withPath[0].instance.path?.host === 'esx01' && withPath[0].instance.get('HealthState') === 5);
  t.ok(withPath[1]?.kind === 'class' && withPath[1].path?.host === 'esx01' && withPath[1].cls instanceof CIMClass);

  const local = items(`<VALUE.OBJECTWITHLOCALPATH><LOCALINSTANCEPATH>${NS}${FAN_NAME}</LOCALINSTANCEPATH>${FAN}</VALUE.OBJECTWITHLOCALPATH>` +
    `<VALUE.OBJECTWITHLOCALPATH><LOCALCLASSPATH>${NS}<CLASSNAME NAME="OMC_Fan"/></LOCALCLASSPATH><CLASS NAME="OMC_Fan"></CLASS></VALUE.OBJECTWITHLOCALPATH>`);
  t.ok(local[0]?.kind === 'instance' && local[0].instance.path?.namespace === 'root/cimv2' && local[0].instance.path.host === undefined);
  t.ok(local[1]?.kind === 'class' && local[1].path?.namespace === 'root/cimv2');

  const objects = items(`<VALUE.OBJECT>${FAN}</VALUE.OBJECT><VALUE.OBJECT><CLASS NAME="OMC_Fan"></CLASS></VALUE.OBJECT>`);
  t.ok(objects[0]?.kind === 'instance' && objects[0].instance.path === undefined);
  t.ok(objects[1]?.kind === 'class' && objects[1].path === undefined);

  const pulled = items(`<VALUE.INSTANCEWITHPATH><INSTANCEPATH>${HOST}${FAN_NAME}</INSTANCEPATH>${FAN}</VALUE.INSTANCEWITHPATH>`);
  t.ok(pulled[0]?.kind === 'instance' && pulled[0].instance.path?.host === 'esx01');

  const bare = items(FAN + FAN);
  t.ok(bare.length === 2 && bare.every((item) => item.kind === 'instance' && item.instance instanceof CIMInstance));

  const decls = items('<QUALIFIER.DECLARATION NAME="Description" TYPE="string" TRANSLATABLE="true"><SCOPE CLASS="true" PROPERTY="true"/></QUALIFIER.DECLARATION>');
  t.ok(decls[0]?.kind === 'qualifierdeclaration' && decls[0].decl.flavors.translatable && !decls[0].decl.isArray);

  t.match(protocolError(() => items('<CLASSNAME NAME="A"/><INSTANCE CLASSNAME="B"/>')).message, /<INSTANCE> is not allowed here in <IRETURNVALUE>/, 'lists are homogeneous');
  t.match(protocolError(() => items('<VALUE.ARRAY></VALUE.ARRAY><VALUE.ARRAY></VALUE.ARRAY>')).message, /not allowed here/, 'VALUE.ARRAY comes alone');
  t.match(protocolError(() => items('<KEYVALUE>1</KEYVALUE>')).message, /<KEYVALUE> is not allowed in <IRETURNVALUE>/);
  t.match(protocolError(() => items('<VALUE.OBJECTWITHPATH><CLASSPATH>' + HOST + '<CLASSNAME NAME="A"/></CLASSPATH>' + FAN + '</VALUE.OBJECTWITHPATH>')).message, /expects <CLASS>/);
});

t.test('pull responses carry output parameters', async (t) => {
  const response = intrinsic(responseBody(`<IMETHODRESPONSE NAME="OpenEnumerateInstances"><IRETURNVALUE></IRETURNVALUE>` +
    '<PARAMVALUE NAME="EndOfSequence" PARAMTYPE="boolean"><VALUE>FALSE</VALUE></PARAMVALUE>' +
    '<PARAMVALUE NAME="EnumerationContext"><VALUE>ctx-7f3a</VALUE></PARAMVALUE></IMETHODRESPONSE>'));
  t.same(response.returnValue, []);
  t.same(response.outParams.byName.get('endofsequence'), { name: 'EndOfSequence', paramType: 'boolean', value: { kind: 'value', text: 'FALSE' } });
  t.same(response.outParams.byName.get('EnumerationContext')?.value, { kind: 'value', text: 'ctx-7f3a' });
  const closed = intrinsic(responseBody('<IMETHODRESPONSE NAME="CloseEnumeration"></IMETHODRESPONSE>'));
  t.equal(closed.returnValue, undefined, 'void operations have no return value');
  t.same(closed.outParams.list, []);
});

t.test('METHODRESPONSE with a return value and output parameters', async (t) => {
  const response = decodeResponse(responseBody('<METHODRESPONSE NAME="RequestStateChange"><RETURNVALUE PARAMTYPE="uint32"><VALUE>4096</VALUE></RETURNVALUE>' +
    `<PARAMVALUE NAME="Job" PARAMTYPE="reference"><VALUE.REFERENCE>${FAN_NAME}</VALUE.REFERENCE></PARAMVALUE></METHODRESPONSE>`)) as CIMMethodResponse;
  t.same(response.returnValue, { paramType: 'uint32', value: { kind: 'value', text: '4096' } });
  t.equal(response.outParams.byName.get('job')?.value.kind, 'reference');
  const voidish = decodeResponse(responseBody('<METHODRESPONSE NAME="M"><RETURNVALUE></RETURNVALUE></METHODRESPONSE>')) as CIMMethodResponse;
  t.same(voidish.returnValue, { value: { kind: 'null' } });
  t.match(protocolError(() => decodeResponse(responseBody('<METHODRESPONSE NAME="M"><IRETURNVALUE/></METHODRESPONSE>'))).message, /not allowed here/);
});

t.test('response faults', async (t) => {
  t.match(protocolError(() => decodeResponse(responseBody('<IMETHODRESPONSE NAME="Op"><IRETURNVALUE><INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="boolean"><VALUE>perhaps</VALUE></PROPERTY></INSTANCE></IRETURNVALUE></IMETHODRESPONSE>'))).message,
    /invalid value in the response: .*not a boolean/);
  t.match(protocolError(() => decodeResponse(responseBody('<METHODRESPONSE NAME="M"><RETURNVALUE PARAMTYPE="string" EmbeddedObject="instance"><VALUE>oops</VALUE></RETURNVALUE></METHODRESPONSE>'))).message,
    /invalid value in the response: invalid embedded instance/);
  t.equal(protocolError(() => decodeResponse(responseBody('<IMETHODRESPONSE NAME="Op"><IRETURNVALUE>'))).cimError, 'request-not-well-formed');
  const multi = '<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><MULTIRSP></MULTIRSP></MESSAGE></CIM>';
  t.match(protocolError(() => decodeResponse(multi)).message, /must contain <SIMPLERSP>, not <MULTIRSP>/);
  t.match(protocolError(() => decodeResponse(responseBody(''))).message, /<SIMPLERSP> expects <IMETHODRESPONSE> or <METHODRESPONSE>/);
});
