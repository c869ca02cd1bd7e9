/**
 * DSP0200 §7.3 checks the CIM headers before the parameters: a body whose
 * parameter values do not decode is still a header mismatch when CIMMethod or
 * CIMObject disagree with it, and a CIM_ERR_INVALID_PARAMETER only when they agree.
 */
import t from 'tap';
import { cimHeaders, imethodBody, post, startTestBroker, type TestBroker } from '../helpers/broker.js';

let server: TestBroker;
t.before(async () => {
  server = await startTestBroker();
});
t.teardown(() => server.close());

const badKey = '<IPARAMVALUE NAME="InstanceName"><INSTANCENAME CLASSNAME="OMC_Fan"><KEYBINDING NAME="DeviceID">' +
  '<KEYVALUE VALUETYPE="numeric" TYPE="uint16">abc</KEYVALUE></KEYBINDING></INSTANCENAME></IPARAMVALUE>';
const body = imethodBody('GetInstance', 'root/cimv2', badKey);

t.test('headers that agree: the value error is CIM_ERR_INVALID_PARAMETER', async (t) => {
  const res = await post(server.url, body, cimHeaders('GetInstance', 'root/cimv2'));
  t.equal(res.status, 200);
  t.match(res.text, /<IMETHODRESPONSE NAME="GetInstance"><ERROR CODE="4"/);
});

t.test('another namespace in CIMObject: header-mismatch wins', async (t) => {
  const res = await post(server.url, body, cimHeaders('GetInstance', 'root/interop'));
  t.equal(res.status, 400);
  t.equal(res.headers['cimerror'], 'header-mismatch');
});

t.test('another method in CIMMethod: header-mismatch wins', async (t) => {
  const res = await post(server.url, body, cimHeaders('EnumerateInstances', 'root/cimv2'));
  t.equal(res.status, 400);
  t.equal(res.headers['cimerror'], 'header-mismatch');
});
