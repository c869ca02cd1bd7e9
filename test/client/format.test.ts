import t from 'tap';
import { CIMClass, CIMDateTime, CIMInstance, CIMInstanceName, cimProperty, DEFAULT_FLAVORS, NocaseMap } from '../../src/cim/index.js';
import type { CIMProperty, CIMQualifier, CIMScalar, CIMType, CIMValue } from '../../src/cim/index.js';
import { classJson, instanceJson, renderTable, valueJson, valueMapTranslator, valueText } from '../../src/client/index.js';

const qualifier = (name: string, type: CIMType, value: CIMValue): [string, CIMQualifier] =>
  [name, { name, type, value, flavors: DEFAULT_FLAVORS, propagated: false }];

function mapped(type: CIMType, valueMap: string[] | undefined, values: string[]): CIMProperty {
  const qualifiers = new NocaseMap<CIMQualifier>([qualifier('Values', 'string', values)]);
  if (valueMap) qualifiers.set('ValueMap', qualifier('ValueMap', 'string', valueMap)[1]);
  return cimProperty('P', type, null, { qualifiers });
}

t.test('ValueMap translation: values, ranges, hex, strings, Values alone', async (t) => {
  const health = valueMapTranslator(mapped('uint16', ['0', '5', '0x0A', '11..14', '..', '32768..'], ['Unknown', 'OK', 'Degraded', 'Low', 'DMTF Reserved', 'Vendor']))!;
  const cases: [CIMScalar, string | undefined][] = [[0, 'Unknown'], [5, 'OK'], [10, 'Degraded'], [12, 'Low'], [7, 'DMTF Reserved'], [40000, 'Vendor'], [2n, 'DMTF Reserved'], [1.5, undefined], [true, undefined]];
  for (const [value, text] of cases) t.equal(health(value), text, String(value));
  const bounded = valueMapTranslator(mapped('uint16', ['1', '..3'], ['One', 'Up to three']))!;
  t.equal(bounded(2), 'Up to three');
  t.equal(bounded(4), undefined, 'outside every entry');
  const indexed = valueMapTranslator(mapped('uint8', undefined, ['Zero', 'One']))!;
  t.equal(indexed(1), 'One', 'Values without ValueMap are indexed by the value');
  const strings = valueMapTranslator(mapped('string', ['a', 'b'], ['Apple', 'Banana']))!;
  t.equal(strings('b'), 'Banana');
  t.equal(strings('c'), undefined);
  t.equal(valueMapTranslator(cimProperty('P', 'uint16', 1)), undefined, 'no Values, no translator');
  t.equal(valueMapTranslator(undefined), undefined);
});

t.test('table text of values', async (t) => {
  const translate = valueMapTranslator(mapped('uint16', ['2', '3'], ['OK', 'Degraded']));
  t.equal(valueText('uint16', [2, 3, null], translate), '2 (OK), 3 (Degraded), NULL');
  t.equal(valueText('string', ['a', 'b "c"']), '"a", "b \\"c\\""', 'strings in arrays are quoted');
  t.equal(valueText('string', 'line\nbreak'), 'line break', 'one line per cell');
  t.equal(valueText('string', null), '');
  t.equal(valueText('boolean', true), 'true');
  t.equal(valueText('real32', 0.1), '0.1');
  t.equal(valueText('uint64', 18446744073709551615n), '18446744073709551615');
  t.equal(valueText('datetime', CIMDateTime.parse('20240102030405.000000+000')), '20240102030405.000000+000');
  const ref = new CIMInstanceName({ classname: 'X', keybindings: { K: 'v' }, namespace: 'root/cimv2' });
  t.equal(valueText('reference', ref), 'root/cimv2:X.K="v"');
  t.equal(valueText('string', new CIMInstance({ classname: 'CIM_Error' })), '(embedded CIM_Error)');
});

t.test('JSON of values: typed, 64-bit and non-finite as strings, embedded objects nested', async (t) => {
  t.equal(valueJson('uint64', 18446744073709551615n), '18446744073709551615');
  t.equal(valueJson('sint64', -5), '-5', 'a 64-bit value held as a number is a string too');
  t.equal(valueJson('uint32', 4294967295), 4294967295);
  t.equal(valueJson('real64', Number.NaN), 'NaN');
  t.equal(valueJson('real32', -Infinity), '-INF');
  t.same(valueJson('uint16', [1, null]), [1, null]);
  t.equal(valueJson('boolean', false), false);
  t.equal(valueJson('string', null), null);
  const embedded = new CIMInstance({ classname: 'CIM_Error', properties: new NocaseMap([['Message', cimProperty('Message', 'string', 'x')]]) });
  t.same(valueJson('string', embedded), { classname: 'CIM_Error', path: null, properties: { Message: { type: 'string', array: false, value: 'x' } } });
  t.same(valueJson('string', new CIMClass({ classname: 'X_C' })), { classname: 'X_C', superclass: null, qualifiers: {}, properties: {}, methods: {} });
});

t.test('instance JSON carries the path and the ValueMap text where the class has one', async (t) => {
  const cls = new CIMClass({ classname: 'X_Fan', properties: new NocaseMap([['HealthState', { ...mapped('uint16', ['5', '25'], ['OK', 'Critical failure']), name: 'HealthState' }]]) });
  const path = new CIMInstanceName({ classname: 'X_Fan', keybindings: { DeviceID: 'f1' }, namespace: 'root/cimv2' });
  const instance = new CIMInstance({
    classname: 'X_Fan', path,
    properties: new NocaseMap([
      ['DeviceID', cimProperty('DeviceID', 'string', 'f1')],
      ['HealthState', cimProperty('HealthState', 'uint16', 25)],
      ['OperationalStatus', cimProperty('OperationalStatus', 'uint16', [2, 6])],
    ]),
  });
  t.same(instanceJson(instance, cls), {
    classname: 'X_Fan',
    path: 'root/cimv2:X_Fan.DeviceID="f1"',
    properties: {
      DeviceID: { type: 'string', array: false, value: 'f1' },
      HealthState: { type: 'uint16', array: false, value: 25, text: 'Critical failure' },
      OperationalStatus: { type: 'uint16', array: true, value: [2, 6] },
    },
  });
  const arrayClass = new CIMClass({ classname: 'X_Fan', properties: new NocaseMap([['OperationalStatus', { ...mapped('uint16', ['2'], ['OK']), name: 'OperationalStatus' }]]) });
  t.same((instanceJson(instance, arrayClass)['properties'] as Record<string, Record<string, unknown>>)['OperationalStatus']!['text'], ['OK', null], 'array texts, null where untranslated');
});

t.test('class JSON lists qualifiers, properties and methods', async (t) => {
  const key = new NocaseMap<CIMQualifier>([qualifier('Key', 'boolean', true)]);
  const cls = new CIMClass({
    classname: 'X_Thing', superclass: 'X_Base',
    qualifiers: new NocaseMap([qualifier('Version', 'string', '1.0.0')]),
    properties: new NocaseMap([
      ['Id', cimProperty('Id', 'string', null, { qualifiers: key, classOrigin: 'X_Base' })],
      ['Owner', cimProperty('Owner', 'reference', null, { referenceClass: 'X_Owner' })],
    ]),
    methods: new NocaseMap([['Reset', {
      name: 'Reset', returnType: 'uint32', qualifiers: new NocaseMap(), propagated: false,
      parameters: new NocaseMap([['Force', { name: 'Force', type: 'boolean', isArray: false, qualifiers: new NocaseMap() }]]),
    }]]),
  });
  t.same(classJson(cls), {
    classname: 'X_Thing', superclass: 'X_Base', qualifiers: { Version: '1.0.0' },
    properties: {
      Id: { type: 'string', array: false, default: null, qualifiers: { Key: true }, classOrigin: 'X_Base' },
      Owner: { type: 'reference', array: false, default: null, qualifiers: {}, referenceClass: 'X_Owner' },
    },
    methods: { Reset: { returnType: 'uint32', parameters: { Force: { type: 'boolean', array: false, qualifiers: {} } }, qualifiers: {} } },
  });
});

t.test('tables pad every column but the last and paint cells', async (t) => {
  t.equal(renderTable(['Name', 'Health'], [['Fan 1', 'OK'], ['Power Supply 2', 'Critical failure']]),
    'Name            Health\nFan 1           OK\nPower Supply 2  Critical failure\n');
  const painted = renderTable(['A', 'B'], [['x', 'y']], (text, row, column) => (row >= 0 && column === 1 ? `<${text}>` : text));
  t.equal(painted, 'A  B\nx  <y>\n');
});

t.test('a server\'s property names in a header are escaped as its values are (CSI U+009B, a bidi override)', async (t) => {
  t.equal(renderTable(['P\u009b2J', 'Q\u202ex'], [['1', '2']]), 'P\\x9b2J  Q\\u202ex\n1        2\n');
});
