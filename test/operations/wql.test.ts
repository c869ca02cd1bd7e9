import t from 'tap';
import { CIMClass, CIMDateTime, CIMInstance, CIMInstanceName, CIMStatus, NocaseMap, cimProperty } from '../../src/cim/index.js';
import type { CIMProperty, CIMType, CIMValue } from '../../src/cim/index.js';
import { checkQuery, matches } from '../../src/operations/query/evaluate.js';
import { parseQuery } from '../../src/operations/query/wql.js';

const props: [string, CIMType, CIMValue][] = [
  ['ElementName', 'string', 'CPU 1 Temp'],
  ['CurrentReading', 'sint32', 4500],
  ['UnitModifier', 'sint32', -2],
  ['HealthState', 'uint16', 5],
  ['OperationalStatus', 'uint16', [2, 3]],
  ['PollingInterval', 'uint64', 10_000_000_000n],
  ['Description', 'string', null],
  ['IsLinear', 'boolean', true],
  ['InstallDate', 'datetime', CIMDateTime.parse('20250101000000.000000+000')],
];
const map = (entries: [string, CIMType, CIMValue][]) =>
  new NocaseMap<CIMProperty>(entries.map(([n, ty, v]) => [n, cimProperty(n, ty, v, { isArray: Array.isArray(v) })]));
const cls = new CIMClass({ classname: 'CIM_NumericSensor', properties: map(props.map(([n, ty]) => [n, ty, null])) });
const sensor = new CIMInstance({
  classname: 'Thincim_NumericSensor',
  properties: map(props),
  path: new CIMInstanceName({ classname: 'Thincim_NumericSensor', keybindings: { DeviceID: 's1' } }),
});
const isa = (c: string, a: string) => a.toLowerCase() === 'cim_numericsensor' || c.toLowerCase() === a.toLowerCase();
const where = (cond: string) => matches(parseQuery(`SELECT * FROM CIM_NumericSensor WHERE ${cond}`), sensor, isa);

t.test('select lists and FROM', async (t) => {
  t.same(parseQuery('SELECT * FROM CIM_Fan'), { properties: undefined, classname: 'CIM_Fan', where: undefined });
  t.same(parseQuery('select ElementName, CIM_Fan.HealthState from CIM_Fan').properties, ['ElementName', 'HealthState']);
});

t.test('comparisons on every kind of property', async (t) => {
  t.equal(where('CurrentReading > 4000'), true);
  t.equal(where('CurrentReading >= 4500 AND CurrentReading <= 4500'), true);
  t.equal(where('CurrentReading < 4500'), false);
  t.equal(where('4000 < CurrentReading'), true, 'literal on the left');
  t.equal(where('UnitModifier = -2'), true);
  t.equal(where('HealthState <> 5'), false);
  t.equal(where('HealthState != 10'), true);
  t.equal(where("ElementName = 'cpu 1 temp'"), true, 'strings compare without case');
  t.equal(where('ElementName = "CPU 1 Temp"'), true);
  t.equal(where("ElementName = 'it''s'"), false);
  t.equal(where('PollingInterval = 10000000000'), true, '64-bit exact');
  t.equal(where('PollingInterval > 0x2540BE3FF'), true, 'hex literal');
  t.equal(where('IsLinear = TRUE'), true);
  t.equal(where("InstallDate < '20260101000000.000000+000'"), true);
  t.equal(where('OperationalStatus = 3'), true, 'an array matches when any element does');
});

t.test('NULL, NOT, AND, OR use three-valued logic', async (t) => {
  t.equal(where('Description IS NULL'), true);
  t.equal(where('Description IS NOT NULL'), false);
  t.equal(where("Description = 'x'"), false);
  t.equal(where("NOT Description = 'x'"), false, 'NOT unknown is unknown');
  t.equal(where("Description = 'x' OR HealthState = 5"), true);
  t.equal(where("Description = 'x' AND HealthState = 5"), false);
  t.equal(where('NOT (HealthState = 5 AND CurrentReading > 1)'), false);
  t.equal(where('HealthState = NULL'), false);
});

t.test('ISA', async (t) => {
  t.equal(where('ISA CIM_NumericSensor'), true);
  t.equal(where('ISA CIM_Fan'), false);
});

t.test('syntax errors are CIM_ERR_INVALID_QUERY with a position', async (t) => {
  const cases: [string, RegExp][] = [
    ['SELECT FROM CIM_Fan', /position 8: expected a property name or \*, found 'FROM'/],
    ['SELECT * CIM_Fan', /position 10: expected FROM/],
    ['SELECT * FROM CIM_Fan WHERE', /position 28: expected a condition, found the end/],
    ['SELECT * FROM CIM_Fan WHERE HealthState', /expected a comparison operator/],
    ["SELECT * FROM CIM_Fan WHERE ElementName = 'abc", /position 43: unterminated string/],
    ['SELECT * FROM CIM_Fan WHERE (HealthState = 5', /expected '\)'/],
    ['SELECT * FROM CIM_Fan WHERE HealthState = 5 extra', /unexpected 'extra' after the query/],
    ['SELECT * FROM CIM_Fan WHERE HealthState = 5 # 1', /position 45: unexpected character "#"/],
    ['SELECT * FROM CIM_Fan WHERE HealthState = FROM', /expected a literal/],
    ['DELETE FROM CIM_Fan', /position 1: expected SELECT/],
  ];
  for (const [q, re] of cases) {
    t.throws(() => parseQuery(q), { name: 'CIMError', code: CIMStatus.INVALID_QUERY, message: re }, q);
  }
});

t.test('LIKE, valid in both languages, is a feature not supported, not a syntax error', async (t) => {
  for (const q of ["SELECT * FROM CIM_Fan WHERE ElementName LIKE 'Fan%'", "SELECT * FROM CIM_Fan WHERE ElementName NOT LIKE 'Fan_'"]) {
    t.throws(() => parseQuery(q), { name: 'CIMError', code: CIMStatus.QUERY_FEATURE_NOT_SUPPORTED, message: /position 41: LIKE is not supported/ }, q);
  }
  t.throws(() => parseQuery('SELECT * FROM CIM_Fan WHERE ElementName NOT 5'), { code: CIMStatus.INVALID_QUERY }, 'NOT without LIKE after a property stays a syntax error');
});

t.test('queries are checked against the class', async (t) => {
  const schema = { getClass: (n: string) => (n === 'CIM_Fan' ? new CIMClass({ classname: 'CIM_Fan' }) : undefined), anyClassHas: () => false };
  const check = (q: string) => () => checkQuery(parseQuery(q), cls, schema);
  t.doesNotThrow(check('SELECT ElementName FROM CIM_NumericSensor WHERE CurrentReading > 1 AND ISA CIM_Fan'));
  t.throws(check('SELECT Nope FROM CIM_NumericSensor'), /has no property Nope/);
  t.throws(check('SELECT * FROM CIM_NumericSensor WHERE Nope IS NULL'), /has no property Nope/);
  t.throws(check("SELECT * FROM CIM_NumericSensor WHERE CurrentReading = 'x'"), /cannot compare sint32 property CurrentReading/);
  t.throws(check('SELECT * FROM CIM_NumericSensor WHERE IsLinear < TRUE'), /cannot compare boolean/);
  t.throws(check('SELECT * FROM CIM_NumericSensor WHERE ISA CIM_Nope'), /unknown class CIM_Nope/);
});

/** An indication with the sensor embedded as it is now and as it was. */
const embedded = (name: string) => cimProperty(name, 'string', null, { qualifiers: new NocaseMap([['EmbeddedObject', { name: 'EmbeddedObject', type: 'boolean', value: true } as never]]) });
const indicationClass = new CIMClass({
  classname: 'CIM_InstModification',
  properties: new NocaseMap([['SourceInstance', embedded('SourceInstance')], ['PreviousInstance', embedded('PreviousInstance')], ['PerceivedSeverity', cimProperty('PerceivedSeverity', 'uint16', null)]]),
});
const previous = new CIMInstance({ classname: 'Thincim_NumericSensor', properties: map(props.map(([n, ty, v]) => [n, ty, n === 'HealthState' ? 25 : v])) });
const modification = new CIMInstance({
  classname: 'CIM_InstModification',
  properties: new NocaseMap([
    ['SourceInstance', cimProperty('SourceInstance', 'string', sensor, { embeddedObject: 'object' })],
    ['PreviousInstance', cimProperty('PreviousInstance', 'string', previous, { embeddedObject: 'object' })],
    ['PerceivedSeverity', cimProperty('PerceivedSeverity', 'uint16', 2)],
  ]),
});
const indicationQuery = (cond: string) => parseQuery(`SELECT * FROM CIM_InstModification WHERE ${cond}`);
const onModification = (cond: string) => matches(indicationQuery(cond), modification, isa);

t.test('paths into embedded objects, ISA on them, and two properties compared', async (t) => {
  t.equal(onModification('SourceInstance ISA CIM_NumericSensor'), true);
  t.equal(onModification('SourceInstance ISA CIM_Fan'), false);
  t.equal(onModification('SourceInstance.CIM_NumericSensor::CurrentReading > 4000'), true);
  t.equal(onModification('SourceInstance.CIM_NumericSensor::CurrentReading > 5000'), false);
  t.equal(onModification('SourceInstance.CIM_Fan::DesiredSpeed > 0'), false, 'a scope the object is not of is unknown');
  t.equal(onModification('SourceInstance.HealthState <> PreviousInstance.HealthState'), true);
  t.equal(onModification('SourceInstance.HealthState = PreviousInstance.HealthState'), false);
  t.equal(onModification('SourceInstance.HealthState < PreviousInstance.HealthState AND PerceivedSeverity = 2'), true);
  t.equal(onModification('SourceInstance.Description IS NULL'), true);
  t.equal(onModification('NOT (SourceInstance.ElementName = \'cpu 1 temp\')'), false, 'strings compare without case');
  t.equal(where('CIM_NumericSensor.CurrentReading = 4500'), true, 'a class-qualified property is still the FROM class\'s');
});

t.test('paths are checked against the schema', async (t) => {
  const classes = new Map([['cim_numericsensor', cls], ['cim_instmodification', indicationClass]]);
  const schema = { getClass: (n: string) => classes.get(n.toLowerCase()), anyClassHas: (p: string) => cls.properties.has(p) };
  const check = (cond: string) => () => checkQuery(indicationQuery(cond), indicationClass, schema);
  t.doesNotThrow(check('SourceInstance.CIM_NumericSensor::CurrentReading > 80 AND SourceInstance.HealthState <> PreviousInstance.HealthState'));
  t.throws(check('SourceInstance.Nope = 1'), { code: CIMStatus.INVALID_QUERY, message: /no class has a property Nope/ });
  t.throws(check('SourceInstance.CIM_NumericSensor::Nope = 1'), /CIM_NumericSensor has no property Nope/);
  t.throws(check('SourceInstance.CIM_Nope::CurrentReading = 1'), /unknown class CIM_Nope/);
  t.throws(check("SourceInstance.CIM_NumericSensor::CurrentReading = 'hot'"), /cannot compare sint32/);
  t.throws(check('PerceivedSeverity.HealthState = 5'), /PerceivedSeverity in PerceivedSeverity.HealthState holds no embedded object/);
  t.throws(check('PerceivedSeverity ISA CIM_NumericSensor'), /holds no object/);
  t.throws(check('SourceInstance.CIM_NumericSensor::ElementName = PerceivedSeverity'), /cannot compare string/);
});
