/**
 * check_esxi_hardware (github.com/Napsty/check_esxi_hardware) on an old
 * monitoring host, where its pywbem is python-pywbem 0.7.0 (RHEL/CentOS 6
 * and 7): requests written as pywbem 0.7 writes them, answers read by a
 * rule-for-rule port of its parser (pywbem07-parser.ts). pywbem 1.x, which
 * test/compat/esxi-tools.test.ts plays, is lenient where 0.7 raises.
 *
 * What pywbem 0.7 sends (github.com/pywbem/pywbem history, 0.7
 * `cim_operations.py` imethodcall, `cim_http.py` wbem_request): POST /cimom
 * over Python 2 httplib (Host, `Accept-Encoding: identity`), then
 * `Content-type: application/xml; charset="utf-8"`, Content-length, a
 * preemptive Basic Authorization, and CIMOperation, CIMMethod and CIMObject,
 * each name and value through urllib.quote; the body is
 * `<?xml version="1.0" encoding="utf-8" ?>\n` and minidom's toxml of the
 * CIM element, MESSAGE ID 1001, no whitespace, attributes sorted, the
 * IPARAMVALUEs of the keyword arguments. check_esxi_hardware calls
 * EnumerateInstances(class) alone for each of its classes and catches a
 * CIMError per class; any other exception (a ParseError, a ValueError from a
 * value) ends the check UNKNOWN. It reads the "System BIOS" ReleaseDate as
 * `.datetime.date()`, which an interval (datetime None) does not have.
 */
import t from 'tap';
import { XML_DECLARATION, imethodBody, p, post, startTestBroker, type TestBroker } from '../helpers/broker.js';
import { Pywbem07Error, pywbem07Parse, tocimobj, tupleFind, type TupleNode } from './pywbem07-parser.js';

let broker: TestBroker;
t.before(async () => {
  broker = await startTestBroker();
});
t.teardown(() => broker.close());

const PLUGIN_CLASSES = [
  'OMC_SMASHFirmwareIdentity', 'CIM_Chassis', 'CIM_Card', 'CIM_ComputerSystem', 'CIM_NumericSensor', 'CIM_Memory',
  'CIM_Processor', 'CIM_RecordLog', 'OMC_DiscreteSensor', 'OMC_Fan', 'OMC_PowerSupply', 'VMware_StorageExtent',
  'VMware_Controller', 'VMware_StorageVolume', 'VMware_Battery', 'VMware_SASSATAPort',
];

/** urllib.quote with its default safe '/'. */
const quote = (s: string) => encodeURIComponent(s).replace(/%2F/g, '/').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** One pywbem 0.7 imethodcall: the tree pywbem accepts, or the exception it raises. */
async function imethodcall(method: string, namespace: string, params: string): Promise<TupleNode | string> {
  const answer = await post(broker.url, imethodBody(method, namespace, params, '1001', `${XML_DECLARATION}\n`), {
    'Accept-Encoding': 'identity',
    'Content-type': 'application/xml; charset="utf-8"',
    CIMOperation: quote('MethodCall'),
    CIMMethod: quote(method),
    CIMObject: quote(namespace),
  });
  if (answer.status !== 200) return `Error: HTTP error ${answer.status}`;
  try {
    const cim = pywbem07Parse(answer.text);
    // imethodcall: MESSAGE, SIMPLERSP, then IMETHODRESPONSE named as the call.
    const response = tupleFind(cim, 'IMETHODRESPONSE')[0];
    if (response?.attrs['NAME'] !== method) return `CIMError: Expecting attribute NAME=${method}, got ${response?.attrs['NAME']}`;
    return cim;
  } catch (err) {
    if (err instanceof Pywbem07Error) return err.message;
    throw err;
  }
}

const className = (name: string) => p.className('ClassName', name);
const propertyText = (instance: TupleNode, name: string) =>
  tupleFind(instance, 'PROPERTY').find((p) => p.attrs['NAME'] === name)?.kids.find((k) => k.name === 'VALUE')?.text;

t.test("check_esxi_hardware's classes, EnumerateInstances(class) under pywbem 0.7", async (t) => {
  let read = 0;
  for (const classname of PLUGIN_CLASSES) {
    const cim = await imethodcall('EnumerateInstances', 'root/cimv2', className(classname));
    if (typeof cim === 'string') {
      t.fail(`${classname}: pywbem 0.7 raises ${cim.slice(0, 300)}`);
      continue;
    }
    const [error] = tupleFind(cim, 'ERROR');
    if (error) {
      t.equal(error.attrs['CODE'], '5', `${classname}: a CIMError the plugin skips (CIM_ERR_INVALID_CLASS)`);
      continue;
    }
    read += tupleFind(cim, 'VALUE.NAMEDINSTANCE').length;
    for (const instance of tupleFind(cim, 'INSTANCE')) {
      t.ok(propertyText(instance, 'ElementName'), `${classname}: ElementName`);
      if (propertyText(instance, 'ElementName') === 'System BIOS') {
        t.match(propertyText(instance, 'ReleaseDate'), /^\d{14}\.\d{6}[+-]\d{3}$/, 'the BIOS ReleaseDate is a timestamp, whose .datetime the plugin reads');
      }
    }
  }
  t.ok(read > 0, `${read} instances read`);
});

t.test('every class of both namespaces under pywbem 0.7: EnumerateInstances, and GetClass as the Zabbix and YAWN tools ask it', async (t) => {
  for (const namespace of ['root/cimv2', 'root/interop']) {
    const listed = await imethodcall('EnumerateClassNames', namespace, p.value('DeepInheritance', true));
    if (typeof listed === 'string') return t.fail(`EnumerateClassNames: ${listed}`);
    const classes = tupleFind(listed, 'CLASSNAME').map((c) => c.attrs['NAME']!);
    t.ok(classes.length > 0, `${namespace}: classes`);
    for (const classname of classes) {
      const instances = await imethodcall('EnumerateInstances', namespace, className(classname));
      if (typeof instances === 'string') t.fail(`${namespace}:${classname}: pywbem 0.7 raises ${instances.slice(0, 300)}`);
      const cls = await imethodcall('GetClass', namespace, className(classname) + p.value('LocalOnly', false) + p.value('IncludeQualifiers', true));
      if (typeof cls === 'string') t.fail(`GetClass ${namespace}:${classname}: pywbem 0.7 raises ${cls.slice(0, 300)}`);
    }
  }
});

t.test('the port raises where pywbem 0.7 does (hand-written values and elements)', async (t) => {
  t.throws(() => tocimobj('char16', 'x'), /char16 not handled/);
  t.throws(() => tocimobj('datetime', '2025010112****.******+000'), /Invalid Datetime format/);
  t.throws(() => tocimobj('datetime', '20250001000000.000000+000'), /out of range/);
  t.throws(() => tocimobj('uint16', '1.0'), /int\(\)/);
  t.equal(tocimobj('boolean', 'TRUE'), true);
  const answer = (inner: string) => '<?xml version="1.0" encoding="utf-8" ?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1001" PROTOCOLVERSION="1.0">' +
    `<SIMPLERSP><IMETHODRESPONSE NAME="X"><IRETURNVALUE>${inner}</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>`;
  t.throws(() => pywbem07Parse(answer('<INSTANCE CLASSNAME="C" xml:lang="en"/>')), /invalid extra attributes \[xml:lang\]/);
  t.throws(() => pywbem07Parse(answer('<INSTANCE CLASSNAME="C"><PROPERTY.ARRAY NAME="A" TYPE="uint16"><VALUE.ARRAY><VALUE.NULL/></VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>')),
    /unexpected node VALUE.NULL/);
  t.ok(pywbem07Parse(answer('<INSTANCE CLASSNAME="C"><PROPERTY NAME="P" TYPE="uint16"><VALUE>7</VALUE></PROPERTY></INSTANCE>')), 'a plain instance');
});

t.test('keys, empty values, embedded objects and CIMVERSION as pywbem 0.7 reads them (releases/pywbem-0.7 tupleparse.py, cim_obj.py)', async (t) => {
  const answer = (inner: string, version = '2.0') => `${XML_DECLARATION}<CIM CIMVERSION="${version}" DTDVERSION="2.0"><MESSAGE ID="1001" PROTOCOLVERSION="1.0">` +
    `<SIMPLERSP><IMETHODRESPONSE NAME="X"><IRETURNVALUE>${inner}</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>`;
  const key = (valueType: string, text: string) =>
    answer(`<INSTANCENAME CLASSNAME="C"><KEYBINDING NAME="K"><KEYVALUE VALUETYPE="${valueType}" TYPE="uint16">${text}</KEYVALUE></KEYBINDING></INSTANCENAME>`);
  t.ok(pywbem07Parse(key('numeric', ' 7 ')), 'a numeric key: int(text.strip())');
  t.throws(() => pywbem07Parse(key('numeric', '2.5')), /invalid numeric/, 'a real-valued numeric key');
  t.ok(pywbem07Parse(key('boolean', ' TRUE ')), 'a boolean key: unpack_boolean strips and ignores case');
  t.throws(() => pywbem07Parse(key('boolean', 'yes')), /invalid boolean/);

  t.equal(tocimobj('uint16', ''), null, 'tocimobj: empty text of a non-string type is None');
  t.equal(tocimobj('string', ''), '');
  const instance = (properties: string) => answer(`<INSTANCE CLASSNAME="C">${properties}</INSTANCE>`);
  t.ok(pywbem07Parse(answer('<CLASS NAME="C"><QUALIFIER NAME="Q" TYPE="boolean"><VALUE></VALUE></QUALIFIER></CLASS>')), 'an empty boolean QUALIFIER VALUE is None');
  t.ok(pywbem07Parse(instance('<PROPERTY.ARRAY NAME="A" TYPE="uint16"><VALUE.ARRAY><VALUE>1</VALUE><VALUE></VALUE></VALUE.ARRAY></PROPERTY.ARRAY>')),
    'an empty array item is None');
  t.throws(() => pywbem07Parse(instance('<PROPERTY NAME="P" TYPE="uint16"><VALUE>1</VALUE><VALUE>2</VALUE></PROPERTY>')), /more than one VALUE/);

  const embedded = (value: string) => instance(`<PROPERTY NAME="E" TYPE="string" EmbeddedObject="instance">${value}</PROPERTY>`);
  const escaped = (xml: string) => `<VALUE>${xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</VALUE>`;
  t.ok(pywbem07Parse(embedded('')), 'a NULL embedded instance');
  t.ok(pywbem07Parse(embedded(escaped('<INSTANCE CLASSNAME="E"><PROPERTY NAME="P" TYPE="uint16"><VALUE>7</VALUE></PROPERTY></INSTANCE>'))), 'an embedded instance');
  t.throws(() => pywbem07Parse(embedded(escaped('<INSTANCE CLASSNAME="E"><PROPERTY NAME="P" TYPE="uint16"><VALUE>7.5</VALUE></PROPERTY></INSTANCE>'))),
    /int\(\)/, 'the embedded instance goes through the same checks');
  t.throws(() => pywbem07Parse(embedded(escaped('<VALUE>7</VALUE>'))), /Error parsing embedded object/, 'neither INSTANCE nor CLASS');

  t.throws(() => pywbem07Parse(answer('', '2.1')), /NameError/, 'CIMVERSION other than 2.0: the NameError of its error path');
  t.ok(pywbem07Parse(instance('<QUALIFIER NAME="Q" TYPE="string" TOSUBCLASS="TRUE"/>')), "parse_instance reads PROPERTYs only: an instance's QUALIFIER is never checked");
});
