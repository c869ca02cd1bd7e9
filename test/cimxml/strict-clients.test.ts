/**
 * What the strictest CIM-XML parsers demand of the values a real server
 * writes, checked on answers over HTTP.
 *
 * Reals: DSP0201's realValue is `[+|-] *digit "." 1*digit [(e|E) [+|-] 1*digit]`
 * (or INF, -INF, NaN). OpenPegasus's XmlReader::stringToValue reads real32
 * and real64 with StringConversion::stringToReal64, which returns false when
 * the dot or the digit after it is missing, and the client then throws
 * "Invalid real number value" (OpenPegasus/OpenPegasus,
 * pegasus/src/Pegasus/Common/StringConversion.cpp and XmlReader.cpp).
 * So a real 5 is `5.0`, never `5`, and 1e21 is `1.0e+21`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CIMInstance, CIMInstanceName, NocaseMap, cimProperty, type CIMProperty } from '../../src/cim/index.js';
import { loadProviders } from '../../src/providers/index.js';
import { loadRepository } from '../../src/repository/index.js';
import { imethod, iparam, outText, p, returned, startTestBroker } from '../helpers/broker.js';

/** OpenPegasus's stringToReal64 grammar, and the specials DSP0201 adds. */
const PEGASUS_REAL = /^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$/;
const SPECIALS = new Set(['INF', '-INF', 'NaN']);

const REALS: [string, number, string][] = [
  ['Depth', 5, '5.0'],
  ['Height', Math.fround(1e21), '1.0e+21'],
  ['Weight', 0.5, '0.5'],
];

t.test('real32 values are written with a dot and a digit after it, as OpenPegasus reads them', async (t) => {
  const template = await startTestBroker();
  t.teardown(() => template.close());
  const chassis = template.broker.state.index.byClass('root/cimv2', 'Thincim_Chassis')[0]!;
  const own = await startTestBroker({ providers: await loadProviders({ providers: [] }) });
  t.teardown(() => own.close());
  const properties = new NocaseMap<CIMProperty>(chassis.properties);
  for (const [name, value] of REALS) properties.set(name, cimProperty(name, 'real32', value));
  own.broker.state.publish([{ namespace: 'root/cimv2', instance: new CIMInstance({ classname: chassis.classname, properties, path: chassis.path! }) }]);

  const keys = Object.fromEntries([...chassis.path!.keybindings].map(([k, v]) => [k, String(v)]));
  const answer = await imethod(own.url, 'GetInstance', 'root/cimv2', p.instanceName('InstanceName', chassis.classname, keys));
  for (const [name, value, text] of REALS) {
    const written = new RegExp(`<PROPERTY NAME="${name}" TYPE="real32"><VALUE>([^<]*)</VALUE>`).exec(answer.raw.text)?.[1];
    t.equal(written, text, `${name} ${value}`);
    t.ok(written !== undefined && (PEGASUS_REAL.test(written) || SPECIALS.has(written)), `${name}: OpenPegasus reads ${written}`);
  }
  const [item] = returned(answer);
  const instance = item?.kind === 'instance' ? item.instance : undefined;
  for (const [name, value] of REALS) t.equal(instance?.get(name), value, `${name} reads back as ${value}`);
});

/**
 * GetProperty of an embedded object (DSP0200 §5.3.2.9): IRETURNVALUE holds a
 * VALUE whose text is the object's INSTANCE or CLASS element, escaped, as in
 * a PROPERTY with EmbeddedObject (DSP0201 §5.1.1.3); pywbem's
 * parse_embeddedObject reads exactly that text.
 */
t.test('GetProperty of an embedded object answers with its escaped INSTANCE', async (t) => {
  const own = await startTestBroker({ providers: await loadProviders({ providers: [] }) });
  t.teardown(() => own.close());
  const parameters = new CIMInstance({ classname: 'CIM_MethodParameters', properties: new NocaseMap([['Mode', cimProperty('Mode', 'uint16', 3)]]) });
  const path = new CIMInstanceName({ classname: 'CIM_ConcreteJob', keybindings: { InstanceID: 'job1' }, namespace: 'root/cimv2' });
  const job = new CIMInstance({
    classname: 'CIM_ConcreteJob', path,
    properties: new NocaseMap<CIMProperty>([
      ['InstanceID', cimProperty('InstanceID', 'string', 'job1')],
      ['JobInParameters', cimProperty('JobInParameters', 'string', parameters, { embeddedObject: 'object' })],
    ]),
  });
  own.broker.state.publish([{ namespace: 'root/cimv2', instance: job }]);

  const answer = await imethod(own.url, 'GetProperty', 'root/cimv2',
    p.instanceName('InstanceName', 'CIM_ConcreteJob', { InstanceID: 'job1' }) + p.value('PropertyName', 'JobInParameters'));
  t.equal(answer.error, undefined, 'answered, not an error');
  t.match(answer.raw.text, '<IRETURNVALUE><VALUE>&lt;INSTANCE CLASSNAME="CIM_MethodParameters"&gt;&lt;PROPERTY NAME="Mode" TYPE="uint16"&gt;&lt;VALUE&gt;3&lt;/VALUE&gt;');
});

/**
 * An OEM provider's instance may carry an embedded object in a property its
 * class declares as a plain string: flagged on the instance's property, or
 * only implied by the value. EnumerateInstances writes it as an embedded
 * INSTANCE either way (PROPERTY EmbeddedObject="instance"); GetProperty
 * answers with the same escaped text.
 */
const RECORD_MOF = `
class Test_Record : CIM_ManagedElement {
   [Key] string InstanceID;
   string Flagged;
   string Implied;
};
`;

t.test('GetProperty of an embedded object the class does not declare answers as EnumerateInstances writes it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'thincim-strict-'));
  t.teardown(() => rm(dir, { recursive: true }));
  await writeFile(join(dir, 'record.mof'), RECORD_MOF);
  const repository = await loadRepository({ schemaDir: dir, cacheDir: false });
  const own = await startTestBroker({ repository, providers: await loadProviders({ providers: [] }) });
  t.teardown(() => own.close());
  const detail = new CIMInstance({ classname: 'CIM_MethodParameters', properties: new NocaseMap([['Mode', cimProperty('Mode', 'uint16', 3)]]) });
  const record = new CIMInstance({
    classname: 'Test_Record',
    path: new CIMInstanceName({ classname: 'Test_Record', keybindings: { InstanceID: 'r1' }, namespace: 'root/cimv2' }),
    properties: new NocaseMap<CIMProperty>([
      ['InstanceID', cimProperty('InstanceID', 'string', 'r1')],
      ['Flagged', cimProperty('Flagged', 'string', detail, { embeddedObject: 'instance' })],
      ['Implied', cimProperty('Implied', 'string', detail)],
    ]),
  });
  own.broker.state.publish([{ namespace: 'root/cimv2', instance: record }]);

  const enumerated = await imethod(own.url, 'EnumerateInstances', 'root/cimv2', p.className('ClassName', 'Test_Record'));
  for (const name of ['Flagged', 'Implied']) {
    const written = new RegExp(`<PROPERTY NAME="${name}" TYPE="string" EmbeddedObject="instance"><VALUE>([^<]*)</VALUE>`).exec(enumerated.raw.text)?.[1];
    t.match(written, /^&lt;INSTANCE CLASSNAME="CIM_MethodParameters"&gt;/, `EnumerateInstances: ${name} embedded`);
    const answer = await imethod(own.url, 'GetProperty', 'root/cimv2',
      p.instanceName('InstanceName', 'Test_Record', { InstanceID: 'r1' }) + p.value('PropertyName', name));
    t.equal(answer.error, undefined, `GetProperty ${name}: answered, not an error`);
    t.equal(/<IRETURNVALUE><VALUE>([^<]*)<\/VALUE>/.exec(answer.raw.text)?.[1], written, `GetProperty ${name}: the same text`);
  }
});

/**
 * KEYVALUE's TYPE is the key property's type (DSP0201 §5.2.4; #REQUIRED in
 * the 2.4 DTD), whatever element carries the path: pywbem's parse_keyvalue
 * builds the key's value from TYPE, so a uint16 key written as TYPE="uint32"
 * reads back as a Uint32. Paths written alone (EnumerateInstanceNames, the
 * pulled INSTANCEPATHs, AssociatorNames' OBJECTPATHs) take their key types
 * from their instance, as VALUE.NAMEDINSTANCE does.
 */
const SLOT_MOF = `
class Test_Slot : CIM_ManagedElement {
   [Key] uint16 SlotNumber;
   [Key] string Bay;
};
[Association] class Test_SlotNeighbour {
   [Key] Test_Slot REF Left;
   [Key] Test_Slot REF Right;
};
`;

t.test('paths written alone carry their keys\' declared types', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'thincim-strict-'));
  t.teardown(() => rm(dir, { recursive: true }));
  await writeFile(join(dir, 'slot.mof'), SLOT_MOF);
  const repository = await loadRepository({ schemaDir: dir, cacheDir: false });
  const own = await startTestBroker({ repository, providers: await loadProviders({ providers: [] }) });
  t.teardown(() => own.close());
  const cls = repository.getClass('root/cimv2', 'Test_Slot')!;
  const slot = (number: number) => {
    const properties = new NocaseMap<CIMProperty>(cls.properties);
    properties.set('SlotNumber', cimProperty('SlotNumber', 'uint16', number));
    properties.set('Bay', cimProperty('Bay', 'string', 'front'));
    properties.set('ElementName', cimProperty('ElementName', 'string', `Slot ${number}`));
    const path = new CIMInstanceName({ classname: 'Test_Slot', keybindings: { SlotNumber: number, Bay: 'front' }, namespace: 'root/cimv2' });
    return new CIMInstance({ classname: 'Test_Slot', properties, path });
  };
  const [three, four] = [slot(3), slot(4)];
  const neighbours = new CIMInstance({
    classname: 'Test_SlotNeighbour',
    path: new CIMInstanceName({ classname: 'Test_SlotNeighbour', keybindings: { Left: three.path!, Right: four.path! }, namespace: 'root/cimv2' }),
    properties: new NocaseMap<CIMProperty>([
      ['Left', cimProperty('Left', 'reference', three.path!)],
      ['Right', cimProperty('Right', 'reference', four.path!)],
    ]),
  });
  own.broker.state.publish([three, four, neighbours].map((instance) => ({ namespace: 'root/cimv2', instance })));

  // Slot 3's SlotNumber, wherever slot 3's path is written (AssociatorNames of slot 4 answers with it).
  const slotKey = /<KEYBINDING NAME="SlotNumber"><KEYVALUE VALUETYPE="numeric" TYPE="([^"]*)">3<\/KEYVALUE>/;
  const ofFour = '<INSTANCENAME CLASSNAME="Test_Slot"><KEYBINDING NAME="SlotNumber"><KEYVALUE VALUETYPE="numeric" TYPE="uint16">4</KEYVALUE></KEYBINDING>' +
    '<KEYBINDING NAME="Bay"><KEYVALUE VALUETYPE="string" TYPE="string">front</KEYVALUE></KEYBINDING></INSTANCENAME>';
  const asked: [string, string][] = [
    ['EnumerateInstances', p.className('ClassName', 'Test_Slot')],
    ['EnumerateInstanceNames', p.className('ClassName', 'Test_Slot')],
    ['OpenEnumerateInstancePaths', p.className('ClassName', 'Test_Slot') + p.value('MaxObjectCount', 10)],
    ['AssociatorNames', iparam('ObjectName', ofFour)],
    ['OpenAssociatorInstancePaths', iparam('InstanceName', ofFour) + p.value('MaxObjectCount', 10)],
  ];
  for (const [operation, params] of asked) {
    const answer = await imethod(own.url, operation, 'root/cimv2', params);
    t.equal(slotKey.exec(answer.raw.text)?.[1], 'uint16', `${operation}: TYPE="uint16"`);
  }
  // A pull after an Open that returned nothing.
  const opened = await imethod(own.url, 'OpenAssociatorInstancePaths', 'root/cimv2', iparam('InstanceName', ofFour) + p.value('MaxObjectCount', 0));
  t.equal(slotKey.exec(opened.raw.text), null, 'OpenAssociatorInstancePaths with MaxObjectCount 0: no path yet');
  const context = outText(opened, 'EnumerationContext');
  t.ok(context, 'an open enumeration');
  const pulled = await imethod(own.url, 'PullInstancePaths', 'root/cimv2', p.value('EnumerationContext', context!) + p.value('MaxObjectCount', 10));
  t.equal(slotKey.exec(pulled.raw.text)?.[1], 'uint16', 'PullInstancePaths: TYPE="uint16"');
});
