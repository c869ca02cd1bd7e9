/**
 * ExecQuery over the wire (DSP0200 ExecQuery; reference cim-xml-protocol.md §3.1): WQL and
 * DMTF:CQL (the subset where they coincide), projections, conditions checked
 * against the published instances, query languages, and invalid queries
 * reported as CIM_ERR_INVALID_QUERY with the position of the fault.
 */
import t from 'tap';
import type { CIMInstance } from '../../src/cim/index.js';
import { escapeText } from '../../src/cimxml/index.js';
import {
  imethod, imethodError, instancesIn, p, startTestBroker, type TestBroker,
} from '../helpers/broker.js';

const CIMV2 = 'root/cimv2';
const INTEROP = 'root/interop';

let broker: TestBroker;

t.before(async () => {
  broker = await startTestBroker();
});
t.teardown(() => broker.close());

const queryParams = (query: string, language = 'WQL') => p.value('QueryLanguage', escapeText(language)) + p.value('Query', escapeText(query));

async function query(text: string, language = 'WQL', ns = CIMV2) {
  const response = await imethod(broker.url, 'ExecQuery', ns, queryParams(text, language));
  return { instances: instancesIn(response), xml: response.raw.text };
}

/** The published instances of a class and its subclasses. */
function published(classname: string, ns = CIMV2): CIMInstance[] {
  const repository = broker.broker.state.repository;
  return [classname, ...repository.subclassNames(ns, classname, true)].flatMap((c) => [...broker.broker.state.index.byClass(ns, c)]);
}

const keys = (instances: CIMInstance[]) => instances.map((i) => i.path?.key ?? 'no path').sort();
const num = (value: unknown) => (typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined);

t.test('SELECT * FROM a class: its instances and its subclasses\', with full paths', async (t) => {
  const { instances, xml } = await query('SELECT * FROM CIM_Fan');
  const expected = published('CIM_Fan');
  t.same(keys(instances), keys(expected), 'every fan');
  t.ok(instances.every((i) => i.classname === 'OMC_Fan'), 'CLASSNAME is the creation class');
  t.ok(instances.every((i) => i.path?.host && i.path.namespace === CIMV2 && i.path.keybindings.size === 4), 'INSTANCEPATHs with host, namespace and keys');
  t.match(xml, /<IRETURNVALUE><VALUE\.OBJECTWITHPATH><INSTANCEPATH>/, 'VALUE.OBJECTWITHPATH items');
  const full = expected.find((e) => e.path?.key === instances[0]!.path?.key)!;
  t.same([...instances[0]!.properties.keys()].sort(), [...full.properties.keys()].sort(), 'whole instances');
});

t.test('a select list projects the instances; the paths keep every key', async (t) => {
  const { instances } = await query('SELECT ElementName, CIM_NumericSensor.CurrentReading FROM CIM_NumericSensor');
  t.equal(instances.length, published('CIM_NumericSensor').length, 'every numeric sensor');
  t.ok(instances.every((i) => [...i.properties.keys()].sort().join() === 'CurrentReading,ElementName'), 'only the selected properties (a class-qualified name too)');
  t.ok(instances.every((i) => i.path?.keybindings.size === 4), 'keys stay in the paths');
  const lower = await query('select elementname from cim_numericsensor');
  t.ok(lower.instances.every((i) => [...i.properties.keys()].join() === 'ElementName'), 'keywords, classes and properties without case; the schema spelling comes back');
});

t.test('WHERE conditions select what the published values say', async (t) => {
  const sensors = published('CIM_NumericSensor');
  const cases: [string, (i: CIMInstance) => boolean][] = [
    ['SensorType = 2', (i) => i.get('SensorType') === 2],
    ['SensorType <> 2', (i) => i.get('SensorType') !== 2 && i.get('SensorType') !== null],
    ['CurrentReading > 400', (i) => (num(i.get('CurrentReading')) ?? -Infinity) > 400],
    ['400 < CurrentReading', (i) => (num(i.get('CurrentReading')) ?? -Infinity) > 400],
    ['CurrentReading >= 0 AND CurrentReading <= 1000', (i) => { const v = num(i.get('CurrentReading')); return v !== undefined && v >= 0 && v <= 1000; }],
    ['SensorType = 5 OR SensorType = 3', (i) => i.get('SensorType') === 5 || i.get('SensorType') === 3],
    ['NOT (SensorType = 2)', (i) => i.get('SensorType') !== 2],
    ["ElementName = 'cpu1 temp'", (i) => String(i.get('ElementName')).toLowerCase() === 'cpu1 temp'],
    ['ElementName <> "CPU1 Temp"', (i) => i.get('ElementName') !== 'CPU1 Temp'],
    ['LowerThresholdNonCritical IS NULL', (i) => i.get('LowerThresholdNonCritical') === null || i.get('LowerThresholdNonCritical') === undefined],
    ['LowerThresholdNonCritical IS NOT NULL', (i) => num(i.get('LowerThresholdNonCritical')) !== undefined],
    ['LowerThresholdNonCritical < 100000', (i) => (num(i.get('LowerThresholdNonCritical')) ?? Infinity) < 100000],
    ['NOT (LowerThresholdNonCritical < 100000)', (i) => (num(i.get('LowerThresholdNonCritical')) ?? -Infinity) >= 100000],
    ['OperationalStatus = 2', (i) => (i.get('OperationalStatus') as number[] | null)?.includes(2) === true],
    ['IsLinear = TRUE', (i) => i.get('IsLinear') === true],
    ['ISA Thincim_NumericSensor', () => true],
    ['SensorType = 0x2', (i) => i.get('SensorType') === 2],
  ];
  for (const [where, predicate] of cases) {
    const expected = sensors.filter(predicate);
    const { instances } = await query(`SELECT * FROM CIM_NumericSensor WHERE ${where}`);
    t.same(keys(instances), keys(expected), `WHERE ${where}: ${expected.length} of ${sensors.length}`);
  }
  t.ok(sensors.some((i) => num(i.get('LowerThresholdNonCritical')) === undefined) && sensors.some((i) => num(i.get('LowerThresholdNonCritical')) !== undefined),
    'the scenario has sensors with and without that threshold, so NULL handling is exercised');
  const discrete = await query('SELECT * FROM CIM_Sensor WHERE NOT ISA CIM_NumericSensor');
  t.same(keys(discrete.instances), keys(published('CIM_Sensor').filter((i) => i.classname === 'OMC_DiscreteSensor')), 'NOT ISA: the discrete sensors');
});

t.test('the query text is XML: escaped operators and quotes arrive intact', async (t) => {
  const { instances } = await query('SELECT * FROM CIM_NumericSensor WHERE CurrentReading < 100 AND ElementName <> \'a "quoted" & <odd> name\'');
  t.same(keys(instances), keys(published('CIM_NumericSensor').filter((i) => (num(i.get('CurrentReading')) ?? Infinity) < 100)), '< and & and quotes');
});

/** CIM:CQL, CQL's name before DSP0202, is the one OpenPegasus's tools send (cimsub's default); indication filters took it already. */
t.test('query languages: WQL, DMTF:CQL and CIM:CQL without case; others are CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED', async (t) => {
  const expected = keys((await query('SELECT * FROM CIM_Fan WHERE HealthState = 5')).instances);
  t.ok(expected.length > 0);
  for (const language of ['wql', 'DMTF:CQL', 'dmtf:cql', 'CQL', 'CIM:CQL', ' cim:cql ']) {
    t.same(keys((await query('SELECT * FROM CIM_Fan WHERE HealthState = 5', language)).instances), expected, `${language}: the same answer`);
  }
  for (const language of ['SQL', 'DMTF:FQL', 'CIM:FQL', '']) {
    const error = await imethodError(broker.url, 'ExecQuery', CIMV2, queryParams('SELECT * FROM CIM_Fan', language));
    t.equal(error.code, 14, `"${language}": 14`);
    t.match(error.description, /WQL/, `"${language}": the description says which languages are supported`);
  }
});

t.test('syntax errors: CIM_ERR_INVALID_QUERY with the position of the fault', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['SELECT * FORM CIM_Fan', 'FORM', /expected FROM/],
    ['SELECT FROM CIM_Fan', 'FROM', /expected a property name/],
    ['SELECT * FROM', '', /expected a class name, found the end of the query/],
    ['SELECT * FROM CIM_Fan WHERE', '', /expected a condition/],
    ["SELECT * FROM CIM_Fan WHERE ElementName = 'fan", "'fan", /unterminated string/],
    ['SELECT * FROM CIM_Fan WHERE HealthState @ 5', '@', /unexpected character/],
    ['SELECT * FROM CIM_Fan WHERE HealthState 5', '5', /expected a comparison operator/],
    ['SELECT * FROM CIM_Fan WHERE (HealthState = 5', '', /expected '\)'/],
    ['SELECT * FROM CIM_Fan WHERE HealthState = ', '', /expected a literal/],
    ['SELECT * FROM CIM_Fan extra', 'extra', /unexpected 'extra' after the query/],
    ['SELECT a, FROM CIM_Fan', 'FROM', /expected a property name/],
    ['DELETE FROM CIM_Fan', 'DELETE', /expected SELECT/],
  ];
  for (const [text, at, message] of cases) {
    const position = at === '' ? text.length + 1 : text.indexOf(at) + 1;
    const error = await imethodError(broker.url, 'ExecQuery', CIMV2, queryParams(text));
    t.equal(error.code, 15, `${text}: 15`);
    t.match(error.description, new RegExp(`position ${position}\\b`), `${text}: at position ${position}`);
    t.match(error.description, message, `${text}: says what was expected`);
  }
});

t.test('semantic errors against the schema are CIM_ERR_INVALID_QUERY too', async (t) => {
  const cases: [string, RegExp][] = [
    ['SELECT NoSuchProperty FROM CIM_Fan', /no property NoSuchProperty/],
    ['SELECT * FROM CIM_Fan WHERE NoSuchProperty = 1', /no property NoSuchProperty/],
    ["SELECT * FROM CIM_Fan WHERE HealthState = 'five'", /cannot compare uint16 property HealthState/],
    ['SELECT * FROM CIM_Fan WHERE ElementName > 5', /cannot compare string property ElementName/],
    ['SELECT * FROM CIM_Fan WHERE ActiveCooling < TRUE', /cannot compare boolean/],
    ['SELECT * FROM CIM_Fan WHERE ISA No_Such_Class', /No_Such_Class/],
    ['SELECT * FROM No_Such_Class', /No_Such_Class/],
  ];
  for (const [text, message] of cases) {
    const error = await imethodError(broker.url, 'ExecQuery', CIMV2, queryParams(text));
    t.equal(error.code, 15, `${text}: 15`);
    t.match(error.description, message, `${text}: names the problem`);
  }
});

t.test('other namespaces, empty answers and parameter errors', async (t) => {
  const fan = await query("SELECT * FROM CIM_RegisteredProfile WHERE RegisteredName = 'Fan'", 'WQL', INTEROP);
  t.same(fan.instances.map((i) => i.get('RegisteredVersion')), ['1.1.0'], 'root/interop: the Fan profile');
  t.equal(fan.instances[0]?.path?.namespace, INTEROP);
  const none = await query('SELECT * FROM CIM_Fan WHERE HealthState = 30');
  t.equal(none.instances.length, 0);
  t.match(none.xml, /<IMETHODRESPONSE NAME="ExecQuery"><IRETURNVALUE><\/IRETURNVALUE><\/IMETHODRESPONSE>/, 'no match: an empty IRETURNVALUE');
  const batteries = await query('SELECT * FROM CIM_Battery');
  t.equal(batteries.instances.length, 0, 'a class without instances: empty, not an error');
  const cases: [string, string, number, RegExp][] = [
    [CIMV2, p.value('QueryLanguage', 'WQL'), 4, /Query/],
    [CIMV2, p.value('Query', 'SELECT * FROM CIM_Fan'), 4, /QueryLanguage/],
    [CIMV2, p.value('QueryLanguage', 'WQL') + p.array('Query', ['SELECT * FROM CIM_Fan']), 4, /Query/],
    [CIMV2, queryParams('SELECT * FROM CIM_Fan') + p.value('MaxObjectCount', 5), 4, /MaxObjectCount/],
    ['root/nowhere', queryParams('SELECT * FROM CIM_Fan'), 3, /root\/nowhere/],
  ];
  for (const [ns, params, code, message] of cases) {
    const error = await imethodError(broker.url, 'ExecQuery', ns, params);
    t.equal(error.code, code, `${params.slice(0, 90)}: ${code}`);
    t.match(error.description, message);
  }
});
