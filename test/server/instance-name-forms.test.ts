/**
 * The INSTANCENAME forms DSP0201 (2.4, §5.3.4 INSTANCENAME; DSP0203 2.4.0:
 * `(KEYBINDING* | KEYVALUE? | VALUE.REFERENCE?)`) gives a client: besides one
 * KEYBINDING per key, "if the class has a single key property, then a single
 * KEYVALUE or VALUE.REFERENCE subelement may be used to describe the
 * (necessarily) unique key value without a key name". The unnamed form is
 * the class's one key; for any other class it names nothing, which is
 * CIM_ERR_INVALID_PARAMETER (DSP0200: "otherwise incorrect parameters").
 */
import t from 'tap';
import { decodeResponse } from '../../src/cimxml/index.js';
import {
  SIM, XML_DECLARATION, cimHeaders, imethod, imethodBody, iparam, instanceNameXml, localInstancePathXml, methodObject, p, pathsIn, instancesIn, post, returned, startTestBroker,
  type TestBroker,
} from '../helpers/broker.js';

const INTEROP = 'root/interop';
const PROFILE = SIM.profile('DSP1004');
const FAN = SIM.device('OMC_Fan', 'fan1');

let broker: TestBroker;
t.before(async () => {
  broker = await startTestBroker({ anonymousWrite: true }); // ModifyInstance's answer is tested here, not who may send it
});
t.teardown(() => broker.close());

const unnamed = (classname: string, value: string) =>
  `<INSTANCENAME CLASSNAME="${classname}"><KEYVALUE VALUETYPE="string" TYPE="string">${value}</KEYVALUE></INSTANCENAME>`;
const profileByValue = (param: string, value = PROFILE.InstanceID) => iparam(param, unnamed('Thincim_RegisteredProfile', value));
const profileByName = (param: string) => p.instanceName(param, 'Thincim_RegisteredProfile', PROFILE);

t.test('a single-key class named by its key value alone reads as named by its key', async (t) => {
  const byValue = instancesIn(await imethod(broker.url, 'GetInstance', INTEROP, profileByValue('InstanceName')));
  const byName = instancesIn(await imethod(broker.url, 'GetInstance', INTEROP, profileByName('InstanceName')));
  t.same(byValue.map((i) => i.get('InstanceID')), [PROFILE.InstanceID], 'GetInstance: the profile');
  t.same(byValue.map((i) => i.get('RegisteredName')), byName.map((i) => i.get('RegisteredName')), 'the same instance as by its KEYBINDING');

  const property = (params: string) => imethod(broker.url, 'GetProperty', INTEROP, params + p.value('PropertyName', 'RegisteredName'));
  const propertyByValue = await property(profileByValue('InstanceName'));
  t.equal(propertyByValue.error, undefined, 'GetProperty: no error');
  t.same(returned(propertyByValue), returned(await property(profileByName('InstanceName'))), 'GetProperty: the same value as by its KEYBINDING');

  for (const operation of ['ReferenceNames', 'AssociatorNames']) {
    const viaValue = pathsIn(await imethod(broker.url, operation, INTEROP, profileByValue('ObjectName'))).map((path) => path.toString()).sort();
    const viaName = pathsIn(await imethod(broker.url, operation, INTEROP, profileByName('ObjectName'))).map((path) => path.toString()).sort();
    t.ok(viaValue.length > 0, `${operation}: something is associated`);
    t.same(viaValue, viaName, `${operation}: the same paths as by its KEYBINDING`);
  }
  const open = async (params: string) => (await imethod(broker.url, 'OpenReferenceInstancePaths', INTEROP, params + p.value('MaxObjectCount', 1000)));
  const opened = await open(profileByValue('InstanceName'));
  t.equal(opened.error, undefined, 'OpenReferenceInstancePaths: no error');
  const openedPaths = (response: Awaited<ReturnType<typeof open>>) => pathsIn(response).map((path) => path.toString()).sort();
  t.same(openedPaths(opened), openedPaths(await open(profileByName('InstanceName'))), 'OpenReferenceInstancePaths: the same paths as by its KEYBINDING');
});

t.test('the unnamed form: what is wrong with it is said', async (t) => {
  const cases: [string, string, string, number, RegExp][] = [
    ['a value no profile has', INTEROP, profileByValue('InstanceName', 'Thincim:DSP0000'), 6, /Thincim_RegisteredProfile\.InstanceID="Thincim:DSP0000" does not exist/],
    ['a class with four keys', 'root/cimv2', iparam('InstanceName', unnamed('OMC_Fan', FAN.DeviceID)),
      4, /the instance name of OMC_Fan gives one key value without a name, which only a class with one key may; OMC_Fan has 4 keys/],
    ['an unknown class', INTEROP, iparam('InstanceName', unnamed('No_Such', 'x')), 5, /No_Such/],
    ['a keyless class', INTEROP, iparam('InstanceName', unnamed('CIM_Indication', 'x')), 4, /CIM_Indication has 0 keys/],
    ['an association (two reference keys)', INTEROP, iparam('InstanceName', unnamed('Thincim_ElementConformsToProfile', 'x')),
      4, /Thincim_ElementConformsToProfile has 2 keys/],
  ];
  // A subscription's parts are modified by their own writer, which is given the path as named.
  const filter = unnamed('CIM_IndicationFilter', 'x');
  const modifyFilter = iparam('ModifiedInstance', `<VALUE.NAMEDINSTANCE>${filter}<INSTANCE CLASSNAME="CIM_IndicationFilter"></INSTANCE></VALUE.NAMEDINSTANCE>`);
  for (const [label, ns, params, code, description, operation = 'GetInstance'] of [...cases,
    ['ModifyInstance of a filter (four keys)', INTEROP, modifyFilter, 4, /CIM_IndicationFilter gives one key value without a name.*has 4 keys/, 'ModifyInstance'],
    ['DeleteInstance of a filter (four keys)', INTEROP, iparam('InstanceName', filter), 4, /CIM_IndicationFilter has 4 keys/, 'DeleteInstance'],
  ] as [string, string, string, number, RegExp, string?][]) {
    const response = await imethod(broker.url, operation, ns, params);
    t.equal(response.error?.code, code, `${label}: ${code}`);
    t.match(response.error?.description, description, `${label}: the description says it`);
  }
});

t.test('a reference key whose path gives a single-key class\'s value without its name', async (t) => {
  const localProfile = '<LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="interop"/></LOCALNAMESPACEPATH>' +
    `${unnamed('Thincim_RegisteredProfile', PROFILE.InstanceID)}</LOCALINSTANCEPATH>`;
  const conforms = (standard: string) => iparam('InstanceName', '<INSTANCENAME CLASSNAME="Thincim_ElementConformsToProfile">' +
    `<KEYBINDING NAME="ConformantStandard"><VALUE.REFERENCE>${standard}</VALUE.REFERENCE></KEYBINDING>` +
    `<KEYBINDING NAME="ManagedElement"><VALUE.REFERENCE>${localInstancePathXml('root/cimv2', 'Thincim_ComputerSystem', SIM.system)}</VALUE.REFERENCE></KEYBINDING></INSTANCENAME>`);
  const byValue = await imethod(broker.url, 'GetInstance', INTEROP, conforms(localProfile));
  const byName = await imethod(broker.url, 'GetInstance', INTEROP, conforms(localInstancePathXml(INTEROP, 'Thincim_RegisteredProfile', PROFILE)));
  t.equal(byName.error, undefined, 'named: the Base Server conformance');
  t.equal(byValue.error, undefined, 'by value: found as well');
  t.equal(byValue.raw.text, byName.raw.text, 'the same answer');
});

t.test('an extrinsic method on a single-key instance named by its value; CIMObject names the key (DSP0207 has no unnamed form)', async (t) => {
  const body = `${XML_DECLARATION}<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="7" PROTOCOLVERSION="1.0"><SIMPLEREQ>` +
    '<METHODCALL NAME="GetCentralInstances"><LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="interop"/></LOCALNAMESPACEPATH>' +
    `${unnamed('Thincim_RegisteredProfile', PROFILE.InstanceID)}</LOCALINSTANCEPATH></METHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
  const named = await post(broker.url, body, cimHeaders('GetCentralInstances', `${INTEROP}:Thincim_RegisteredProfile.InstanceID="${PROFILE.InstanceID}"`));
  t.equal(named.status, 200, 'the header that names the key agrees with the body');
  const response = decodeResponse(named.text);
  t.equal(response.error, undefined, 'the method ran');
  t.equal(response.kind === 'methodresponse' && response.returnValue?.value.kind, 'value', 'with a return value');
  const other = await post(broker.url, body, cimHeaders('GetCentralInstances', `${INTEROP}:Thincim_RegisteredProfile.InstanceID="Thincim:DSP1033"`));
  t.equal(other.status, 400, 'another value in the header: HTTP 400');
  t.equal(other.headers['cimerror'], 'header-mismatch', 'header-mismatch');
  const bogus = await post(broker.url, body, cimHeaders('GetCentralInstances', `${INTEROP}:Thincim_RegisteredProfile.Bogus="${PROFILE.InstanceID}"`));
  t.equal(bogus.status, 400, 'the value under a name that is not the key: HTTP 400');
  t.equal(bogus.headers['cimerror'], 'header-mismatch', 'header-mismatch');
});

t.test('an extrinsic method on a path whose unnamed key its class cannot name: the operation\'s status (5, 4), not header-mismatch', async (t) => {
  const call = (classname: string) => `${XML_DECLARATION}<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="8" PROTOCOLVERSION="1.0"><SIMPLEREQ>` +
    '<METHODCALL NAME="RequestStateChange"><LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>' +
    `${unnamed(classname, 'x')}</LOCALINSTANCEPATH></METHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
  for (const [classname, code] of [['No_Such', 5], ['OMC_Fan', 4]] as const) {
    const answer = await post(broker.url, call(classname), cimHeaders('RequestStateChange', `root/cimv2:${classname}.Key="x"`));
    t.equal(answer.status, 200, `${classname}: HTTP 200, the header holds the class`);
    t.equal(decodeResponse(answer.text).error?.code, code, `${classname}: CIM status ${code}`);
    const elsewhere = await post(broker.url, call(classname), cimHeaders('RequestStateChange', `root/cimv2:Other_Class.Key="x"`));
    t.equal(elsewhere.headers['cimerror'], 'header-mismatch', `${classname}: a header naming another class is still a mismatch`);
  }
});

t.test('a method target whose reference key gives the path by its value alone: the header names that key too', async (t) => {
  const profilePath = '<LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="interop"/></LOCALNAMESPACEPATH>' +
    `${unnamed('Thincim_RegisteredProfile', PROFILE.InstanceID)}</LOCALINSTANCEPATH>`;
  const body = `${XML_DECLARATION}<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="7" PROTOCOLVERSION="1.0"><SIMPLEREQ>` +
    '<METHODCALL NAME="NoSuchMethod"><LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="interop"/></LOCALNAMESPACEPATH>' +
    '<INSTANCENAME CLASSNAME="Thincim_ElementConformsToProfile">' +
    `<KEYBINDING NAME="ConformantStandard"><VALUE.REFERENCE>${profilePath}</VALUE.REFERENCE></KEYBINDING>` +
    `<KEYBINDING NAME="ManagedElement"><VALUE.REFERENCE>${localInstancePathXml('root/cimv2', 'Thincim_ComputerSystem', SIM.system)}</VALUE.REFERENCE></KEYBINDING>` +
    '</INSTANCENAME></LOCALINSTANCEPATH></METHODCALL></SIMPLEREQ></MESSAGE></CIM>';
  const quoted = (path: string) => `"${path.replace(/["\\]/g, '\\$&')}"`;
  const header = (profileKey: string) => `${INTEROP}:Thincim_ElementConformsToProfile.` +
    `ConformantStandard=${quoted(`${INTEROP}:Thincim_RegisteredProfile.${profileKey}="${PROFILE.InstanceID}"`)},` +
    `ManagedElement=${quoted(methodObject('root/cimv2', 'Thincim_ComputerSystem', SIM.system))}`;
  const named = await post(broker.url, body, cimHeaders('NoSuchMethod', header('InstanceID')));
  t.equal(named.status, 200, 'the header naming the nested key agrees with the body');
  t.equal(decodeResponse(named.text).error?.code, 17, 'and the call is answered (no such method)');
  const bogus = await post(broker.url, body, cimHeaders('NoSuchMethod', header('Bogus')));
  t.equal(bogus.status, 400, 'another name for the nested key: HTTP 400');
  t.equal(bogus.headers['cimerror'], 'header-mismatch', 'header-mismatch');
});

t.test('a reference in a new subscription given by its value alone is named as a path is; a filter has four keys', async (t) => {
  const reference = (classname: string) =>
    `<VALUE.REFERENCE>${localInstancePathXml(INTEROP, classname, { x: 'y' }).replace(/<INSTANCENAME.*<\/INSTANCENAME>/, unnamed(classname, 'f'))}</VALUE.REFERENCE>`;
  const subscription = '<INSTANCE CLASSNAME="CIM_IndicationSubscription">' +
    `<PROPERTY.REFERENCE NAME="Filter" REFERENCECLASS="CIM_IndicationFilter">${reference('CIM_IndicationFilter')}</PROPERTY.REFERENCE>` +
    `<PROPERTY.REFERENCE NAME="Handler" REFERENCECLASS="CIM_ListenerDestination">${reference('CIM_ListenerDestinationCIMXML')}</PROPERTY.REFERENCE></INSTANCE>`;
  const response = await imethod(broker.url, 'CreateInstance', INTEROP, iparam('NewInstance', subscription));
  t.equal(response.error?.code, 4, 'CIM_ERR_INVALID_PARAMETER, as ModifyInstance and DeleteInstance of a filter by value');
  t.match(response.error?.description, /the instance name of CIM_IndicationFilter gives one key value without a name.*has 4 keys/, 'says why');
  t.notMatch(response.error?.description, /\.=/, 'no unnamed placeholder in the message');
});

t.test('KEYBINDINGs and an unnamed key value together are not valid (DSP0203: one form or the other)', async (t) => {
  const mixed = iparam('InstanceName', instanceNameXml('OMC_Fan', FAN).replace('</INSTANCENAME>', '<KEYVALUE VALUETYPE="string" TYPE="string">x</KEYVALUE></INSTANCENAME>'));
  const res = await post(broker.url, imethodBody('GetInstance', 'root/cimv2', mixed), cimHeaders('GetInstance', 'root/cimv2'));
  t.equal(res.status, 400, 'HTTP 400, not the value silently dropped');
  t.equal(res.headers['cimerror'], 'request-not-valid', 'request-not-valid');
  const keyValue = '<KEYVALUE VALUETYPE="string" TYPE="string">x</KEYVALUE>';
  for (const [label, instanceName] of [
    ['a KEYVALUE before KEYBINDINGs', instanceNameXml('OMC_Fan', FAN).replace('<KEYBINDING', `${keyValue}<KEYBINDING`)],
    ['two KEYVALUEs', `<INSTANCENAME CLASSNAME="Thincim_RegisteredProfile">${keyValue}${keyValue}</INSTANCENAME>`],
  ] as const) {
    const ns = label === 'two KEYVALUEs' ? INTEROP : 'root/cimv2';
    const other = await post(broker.url, imethodBody('GetInstance', ns, iparam('InstanceName', instanceName)), cimHeaders('GetInstance', ns));
    t.equal(other.status, 400, `${label}: HTTP 400`);
    t.equal(other.headers['cimerror'], 'request-not-valid', `${label}: request-not-valid`);
  }
});

t.test('ModifyInstance: an instance of another class than its path names is 4 before the path\'s class is looked up', async (t) => {
  const modified = iparam('ModifiedInstance', `<VALUE.NAMEDINSTANCE>${instanceNameXml('No_Such', { A: 'b' })}<INSTANCE CLASSNAME="OMC_Fan"></INSTANCE></VALUE.NAMEDINSTANCE>`);
  const response = await imethod(broker.url, 'ModifyInstance', 'root/cimv2', modified);
  t.equal(response.error?.code, 4, 'CIM_ERR_INVALID_PARAMETER, as before unnamed keys were read');
  t.match(response.error?.description, /ModifiedInstance is an instance of OMC_Fan, its path names No_Such/);
});
