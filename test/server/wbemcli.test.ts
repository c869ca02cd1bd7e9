/**
 * Interoperability with a real client: sblim-wbemcli 1.6.3 (Debian's
 * `wbemcli`, a C++ client with its own strict CIM-XML reader) against the
 * broker serving the simulated host. Every operation wbemcli offers (ecn,
 * ec, gc, gcd, dc, ein, ei, gi, gp, sp, mi, ci, di, ain, ai, rin, ri, cm,
 * cmx) with its flags, in root/cimv2 and root/interop, over HTTP and HTTPS
 * with Basic auth, and its failures. What wbemcli
 * prints is compared with what the broker published (the instance index and
 * the class repository) and with the scenario and DMTF profile values.
 * wbemcli 1.6.3 has no qualifier flag (no -nq): `gc` asks for qualifiers and
 * class origins, `gcd` for neither; its property lists are the trailing
 * `prop,prop` argument (there is no `Class.prop` form).
 *
 * wbemcli 1.6.3 cannot read EmbeddedObject on PROPERTY.ARRAY (its attribute
 * list for that element lacks it, though DSP0201 2.4 allows it), so `ec` of
 * a whole namespace fails on CIM_SettingData.ComponentSetting: `ec` is run on
 * subtrees here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { CIMDateTime, CIMInstanceName, scalarToText, type CIMInstance, type CIMKeyValue, type CIMValue } from '../../src/cim/index.js';
import { DEFAULT_SCENARIO, SimulatedHost } from '../../providers/simulated/index.js';
import { startTestBroker, type TestBroker } from '../helpers/broker.js';
import { freePort } from '../helpers/process.js';
import { selfSignedServer } from '../helpers/tls.js';
import { testAuthenticator, writeUsers } from '../helpers/users.js';
import {
  cimFailure, parseObjects, parsePath, parsePaths, wbemcli, type WbemcliObject, type WbemcliPath, type WbemcliResult, type WbemcliValue,
} from '../helpers/wbemcli.js';

try {
  execFileSync('wbemcli', ['-v'], { stdio: 'ignore' });
} catch (e) {
  throw new Error('wbemcli is required for this suite: install Debian\'s sblim-wbemcli (.ci/run does)', { cause: e });
}

const CIMV2 = 'root/cimv2';
const INTEROP = 'root/interop';
const HOST = 'testhost';
const SYSTEM = `Thincim_ComputerSystem.CreationClassName="Thincim_ComputerSystem",Name="${HOST}"`;
const sensorPath = (id: string) =>
  `Thincim_NumericSensor.SystemCreationClassName="Thincim_ComputerSystem",SystemName="${HOST}",CreationClassName="Thincim_NumericSensor",DeviceID="simulated:${id}"`;
const profilePath = (dsp: string) => `Thincim_RegisteredProfile.InstanceID="Thincim:${dsp}"`;

/** DSP1009: CIM_Sensor.SensorType and CIM_NumericSensor.BaseUnits per kind of reading. */
const DMTF_SENSOR_CODES: Record<string, { sensorType: number; baseUnits: number }> = {
  temperature: { sensorType: 2, baseUnits: 2 },
  voltage: { sensorType: 3, baseUnits: 5 },
  current: { sensorType: 4, baseUnits: 6 },
  power: { sensorType: 13, baseUnits: 7 },
  fan: { sensorType: 5, baseUnits: 19 },
};

let broker: TestBroker;
let cwd: string;
/** Simulated seconds since the scenario started; the provider's clock reads it. */
let elapsed = 0;

t.before(async () => {
  // The answers of writes and methods are tested here; who may send them is test/ops/auth.test.ts's business.
  broker = await startTestBroker({ simulated: { clock: () => elapsed * 1000 }, anonymousWrite: true });
  cwd = mkdtempSync(join(tmpdir(), 'thincim-wbemcli-'));
});
t.teardown(async () => {
  await broker.close();
  rmSync(cwd, { recursive: true, force: true });
});

const url = (ns: string, object = '') => `${broker.url}/${ns}${object ? `:${object}` : ''}`;

/** Runs wbemcli; a failure is reported with its stderr. */
async function ok(t: Test, args: string[]): Promise<string> {
  const result = await wbemcli(args, cwd);
  t.equal(result.code, 0, `wbemcli ${args.filter((a) => !a.startsWith('http')).join(' ')} succeeds`, { stderr: result.stderr });
  return result.stdout;
}

/** Runs wbemcli expecting exit status 16 and returns what it said. */
async function fails(t: Test, args: string[]): Promise<WbemcliResult> {
  const result = await wbemcli(args, cwd);
  t.equal(result.code, 16, `wbemcli ${args.join(' ')} fails with status 16`);
  return result;
}

/** The model's instances of a class and its subclasses, as the broker published them. */
function published(ns: string, classname: string): CIMInstance[] {
  const { repository, index } = broker.broker.state;
  return [classname, ...repository.subclassNames(ns, classname, true)].flatMap((c) => [...index.byClass(ns, c)]);
}

/** A comparable form of a path: namespace, class and keys, names without case. */
function canonical(path: WbemcliPath | CIMInstanceName, ns: string): string {
  const namespace = (path.namespace ?? ns).toLowerCase();
  const keys = path instanceof CIMInstanceName ? [...path.keybindings] : [...path.keys];
  const text = keys.map(([name, value]) => `${name.toLowerCase()}=${keyText(value, namespace)}`).sort();
  return `${namespace}:${path.classname.toLowerCase()}.${text.join(',')}`;
}

function keyText(value: CIMKeyValue | WbemcliPath, ns: string): string {
  if (value instanceof CIMInstanceName || isPath(value)) return `{${canonical(value, ns)}}`;
  return value instanceof CIMDateTime ? value.value : String(value);
}

const isPath = (value: unknown): value is WbemcliPath => typeof value === 'object' && value !== null && (value as WbemcliPath).keys instanceof Map;

const canonicalSet = (paths: readonly (WbemcliPath | CIMInstanceName)[], ns: string) => paths.map((p) => canonical(p, ns)).sort();

/** What wbemcli prints for a property value of the broker's (an empty array looks like NULL: nothing after `=`). */
function expectedText(type: string, value: CIMValue, ns: string): WbemcliValue | string {
  if (value === null || (Array.isArray(value) && value.length === 0)) return null;
  if (Array.isArray(value)) return value.map((v) => (v === null ? '' : scalarToText(type as never, v)));
  if (value instanceof CIMInstanceName) return canonical(value, ns);
  return scalarToText(type as never, value);
}

function printedText(value: WbemcliValue, ns: string): WbemcliValue | string {
  return isPath(value) ? canonical(value, ns) : value;
}

/** wbemcli's objects are the published instances: same paths, same properties, same values, keys marked. */
function samePublished(t: Test, objects: WbemcliObject[], instances: CIMInstance[], ns: string): void {
  t.same(canonicalSet(objects.map((o) => o.path), ns), canonicalSet(instances.map((i) => i.path!), ns), `${objects.length} instance paths`);
  const byPath = new Map(instances.map((i) => [canonical(i.path!, ns), i]));
  let mismatches = 0;
  for (const object of objects) {
    const instance = byPath.get(canonical(object.path, ns));
    if (!instance) continue;
    const expected = [...instance.properties.values()].map((p) => [p.name, expectedText(p.type, p.value, ns), instance.path!.keybindings.has(p.name)]);
    const printed = [...object.properties.values()].map((p) => [p.name, printedText(p.value, ns), p.isKey]);
    if (!t.same(printed, expected, `${instance.classname} ${String(instance.path!.keybindings.get('DeviceID') ?? '')}: properties, values, keys`)) mismatches++;
  }
  t.equal(mismatches, 0, 'every instance read back as published');
}

function property(object: WbemcliObject | undefined, name: string): WbemcliValue | undefined {
  return object?.properties.get(name)?.value;
}

t.test('wbemcli reports its version', async (t) => {
  const { stderr } = await wbemcli(['-v'], cwd);
  t.match(stderr, /wbemcli Version 1\.6\.\d/);
});

t.test('ecn: class names of a namespace and below a class', async (t) => {
  const repository = broker.broker.state.repository;
  for (const ns of [CIMV2, INTEROP]) {
    const printed = parsePaths(await ok(t, ['ecn', url(ns)]));
    t.same(printed.map((p) => p.classname).sort(), repository.classNames(ns).sort(), `every class of ${ns}`);
    t.ok(printed.every((p) => p.namespace === ns && p.host === new URL(broker.url).host), 'each printed with host and namespace');
  }
  const sensors = parsePaths(await ok(t, ['ecn', url(CIMV2, 'CIM_Sensor')]));
  t.same(sensors.map((p) => p.classname).sort(), repository.subclassNames(CIMV2, 'CIM_Sensor', true).sort(), 'subclasses of CIM_Sensor');
  t.ok(sensors.some((p) => p.classname === 'CIM_NumericSensor'), 'CIM_NumericSensor among them');
});

t.test('ec: classes of a subtree with their superclasses and properties', async (t) => {
  const repository = broker.broker.state.repository;
  for (const base of ['CIM_Sensor', 'CIM_LogicalDevice']) {
    const stdout = await ok(t, ['-nl', 'ec', url(CIMV2, base)]);
    const heads = [...stdout.matchAll(/^[^\n-][^\n]*:(\w+) : (\w*)$/gm)].map((m) => [m[1]!, m[2]!]);
    const expected = repository.subclassNames(CIMV2, base, true).map((name) => [name, repository.getClass(CIMV2, name)!.superclass ?? '']);
    t.same(heads.sort(), expected.sort(), `classes below ${base}, each with its superclass`);
  }
  const fanClass = (await ok(t, ['ec', url(CIMV2, 'CIM_CoolingDevice')])).split('\n').find((line) => / CIM_Fan\b|:CIM_Fan /.test(line));
  const names = [...repository.getClass(CIMV2, 'CIM_Fan')!.properties.values()].map((p) => `${p.name}=`).join(',');
  t.equal(fanClass?.split(' ')[1], names, 'one line per class lists every property, inherited ones included (LocalOnly=false)');
});

t.test('gc and gcd: a class with and without qualifiers', async (t) => {
  const repository = broker.broker.state.repository;
  const checkMarkers = async (ns: string, classname: string) => {
    const [cls] = parseObjects(await ok(t, ['-nl', '-t', '-dr', 'gc', url(ns, classname)]));
    const declared = repository.getClass(ns, classname)!;
    t.equal(cls?.path.classname, classname, `gc ${classname}`);
    const markers = (p: { isArray: boolean; isReference: boolean; isKey: boolean }) => `${p.isArray ? '[]' : ''}${p.isReference ? '&' : ''}${p.isKey ? '#' : ''}`;
    t.same([...cls!.properties.values()].map((p) => [p.name, markers(p)]),
      [...declared.properties.values()].map((p) => [p.name, markers({ isArray: p.isArray, isReference: p.type === 'reference', isKey: p.qualifiers.get('Key')?.value === true })]),
      'every property, arrays, references and keys (the Key qualifiers were sent) marked');
  };
  await checkMarkers(CIMV2, 'CIM_Fan');
  await checkMarkers(INTEROP, 'CIM_ElementConformsToProfile');

  const chosen = parseObjects(await ok(t, ['-nl', 'gc', url(CIMV2, 'CIM_Fan'), 'DeviceID,ElementName']))[0];
  t.same([...chosen!.properties.keys()].sort(), ['DeviceID', 'ElementName'], 'gc with a property list returns only those');

  const { stderr: withQualifiers } = await wbemcli(['-dx', 'gc', url(CIMV2, 'CIM_Fan')], cwd);
  t.match(withQualifiers, /<IPARAMVALUE NAME="IncludeQualifiers"><VALUE>TRUE<\/VALUE>/, 'gc asks for qualifiers and class origin');
  t.match(withQualifiers, /<QUALIFIER NAME="Key"/, 'and gets qualifiers');
  t.match(withQualifiers, /<PROPERTY NAME="InstanceID" TYPE="string" CLASSORIGIN="CIM_ManagedElement" PROPAGATED="true"/, 'and class origins');

  const definition = await ok(t, ['gcd', url(CIMV2, 'CIM_Fan')]);
  t.match(definition, /^<CLASS NAME="CIM_Fan" SUPERCLASS="CIM_CoolingDevice">/, 'gcd prints the CLASS element');
  t.notMatch(definition, /<QUALIFIER/, 'without qualifiers (IncludeQualifiers=false)');
  t.notMatch(definition, /CLASSORIGIN/, 'without class origins');
  const properties = [...definition.matchAll(/<PROPERTY(?:\.ARRAY|\.REFERENCE)? NAME="(\w+)"/g)].map((m) => m[1]);
  t.same(properties, [...repository.getClass(CIMV2, 'CIM_Fan')!.properties.keys()], 'with every property (LocalOnly=false)');
});

t.test('ein: instance names match the model and the scenario', async (t) => {
  const sensors = parsePaths(await ok(t, ['-dr', 'ein', url(CIMV2, 'CIM_NumericSensor')]));
  t.same(sensors.map((p) => p.keys.get('DeviceID')).sort(), DEFAULT_SCENARIO.sensors!.map((s) => `simulated:${s.id}`).sort(), 'one per scenario sensor');
  t.ok(sensors.every((p) => p.classname === 'Thincim_NumericSensor' && p.keys.get('SystemName') === HOST && p.keys.size === 4),
    'creation class and all four keys');
  for (const [ns, classname] of [[CIMV2, 'CIM_ManagedElement'], [CIMV2, 'CIM_Component'], [INTEROP, 'CIM_ManagedElement'], [INTEROP, 'CIM_ElementConformsToProfile']] as const) {
    const printed = parsePaths(await ok(t, ['-dr', 'ein', url(ns, classname)]));
    t.same(canonicalSet(printed, ns), canonicalSet(published(ns, classname).map((i) => i.path!), ns), `${ns}:${classname}: ${printed.length} names as published`);
  }
  t.equal(await ok(t, ['ein', url(CIMV2, 'CIM_Battery')]), '', 'a class without instances: nothing, and success');
});

t.test('ei: every instance of both namespaces reads back as published', async (t) => {
  for (const [ns, classname] of [[CIMV2, 'CIM_ManagedElement'], [CIMV2, 'CIM_Dependency'], [CIMV2, 'CIM_Component'], [INTEROP, 'CIM_ManagedElement'], [INTEROP, 'CIM_ElementConformsToProfile']] as const) {
    const objects = parseObjects(await ok(t, ['-nl', '-t', '-dr', 'ei', url(ns, classname)]));
    t.ok(objects.length > 0, `${ns}:${classname}: ${objects.length} instances`);
    samePublished(t, objects, published(ns, classname), ns);
  }
});

t.test('ei: sensors, fans and power supplies say what the scenario says', async (t) => {
  const snapshot = new SimulatedHost(DEFAULT_SCENARIO).snapshotAt(elapsed);
  const sensors = parseObjects(await ok(t, ['-nl', '-t', '-dr', 'ei', url(CIMV2, 'CIM_NumericSensor')]));
  t.equal(sensors.length, snapshot.sensors!.length, `${sensors.length} numeric sensors`);
  for (const sensor of snapshot.sensors!) {
    const printed = sensors.find((o) => o.path.keys.get('DeviceID') === `simulated:${sensor.id}`);
    const reading = Number(property(printed, 'CurrentReading')) * 10 ** Number(property(printed, 'UnitModifier'));
    t.same({
      ElementName: property(printed, 'ElementName'),
      SensorType: Number(property(printed, 'SensorType')),
      BaseUnits: Number(property(printed, 'BaseUnits')),
      reading: Number(reading.toFixed(sensor.decimals ?? 0)),
      HealthState: property(printed, 'HealthState'),
      CurrentState: property(printed, 'CurrentState'),
    }, {
      ElementName: sensor.label,
      SensorType: DMTF_SENSOR_CODES[sensor.kind]!.sensorType,
      BaseUnits: DMTF_SENSOR_CODES[sensor.kind]!.baseUnits,
      reading: sensor.value,
      HealthState: '5',
      CurrentState: 'Normal',
    }, `${sensor.label}: ${sensor.value} ${sensor.unit}, OK`);
  }
  const fans = parseObjects(await ok(t, ['-nl', '-t', 'ei', url(CIMV2, 'CIM_Fan')]));
  t.same(fans.map((f) => [property(f, 'ElementName'), property(f, 'HealthState'), property(f, 'OperationalStatus')]),
    DEFAULT_SCENARIO.fans!.map((f) => [f.label, '5', ['2']]), 'six fans, OK');
  const psus = parseObjects(await ok(t, ['-nl', '-t', 'ei', url(CIMV2, 'CIM_PowerSupply')]));
  t.same(psus.map((p) => [property(p, 'ElementName'), property(p, 'HealthState'), property(p, 'TotalOutputPower')]),
    DEFAULT_SCENARIO.powerSupplies!.map((p) => [p.label, '5', String(p.ratedOutputWatts! * 1000)]), 'two power supplies, OK, rated output in milliwatts');
  const [system] = parseObjects(await ok(t, ['-nl', '-t', 'ei', url(CIMV2, 'CIM_ComputerSystem')]));
  t.same([property(system, 'Name'), property(system, 'HealthState'), property(system, 'OtherIdentifyingInfo')],
    [HOST, '5', [DEFAULT_SCENARIO.system!.uuid, DEFAULT_SCENARIO.system!.serialNumber, DEFAULT_SCENARIO.system!.manufacturer, DEFAULT_SCENARIO.system!.model]],
    'the system: its name, health and identity');
});

t.test('ei with a property list, and chunked (-cte)', async (t) => {
  const fans = parseObjects(await ok(t, ['-nl', 'ei', url(CIMV2, 'CIM_Fan'), 'ElementName,HealthState']));
  t.equal(fans.length, DEFAULT_SCENARIO.fans!.length, 'every fan');
  t.ok(fans.every((f) => [...f.properties.keys()].sort().join() === 'ElementName,HealthState'), 'each with exactly the listed properties');
  t.ok(fans.every((f) => f.path.keys.size === 4), 'and still its full path');
  const none = parseObjects(await ok(t, ['-nl', 'ei', url(CIMV2, 'CIM_Fan'), 'NoSuchProperty']));
  t.ok(none.length === DEFAULT_SCENARIO.fans!.length && none.every((f) => f.properties.size === 0), 'unknown names are ignored: paths without properties');
  const plain = await ok(t, ['-nl', '-dr', 'ei', url(CIMV2, 'CIM_ManagedElement')]);
  const chunked = await wbemcli(['-dx', '-cte', '-nl', '-dr', 'ei', url(CIMV2, 'CIM_ManagedElement')], cwd);
  t.match(chunked.stderr, /From server: Transfer-Encoding: chunked\n[^]*From server: CIMStatusCode: 0\n/, 'streamed with a CIMStatusCode trailer');
  t.equal(chunked.stdout, plain, 'and reads the same as the answer with a Content-Length');
});

t.test('gi and gp: one instance, one property', async (t) => {
  const sensor = url(CIMV2, sensorPath('cpu1-temp'));
  const [printed] = parseObjects(await ok(t, ['-nl', '-t', '-dr', 'gi', sensor]));
  const instance = published(CIMV2, 'Thincim_NumericSensor').find((i) => i.path!.keybindings.get('DeviceID') === 'simulated:cpu1-temp')!;
  samePublished(t, [printed!], [instance], CIMV2);
  const [chosen] = parseObjects(await ok(t, ['-nl', 'gi', sensor, 'CurrentReading,ElementName']));
  t.same([...chosen!.properties.keys()].sort(), ['CurrentReading', 'ElementName'], 'gi with a property list');
  t.equal((await ok(t, ['gp', sensor, 'CurrentReading'])).trim(), String(instance.get('CurrentReading')), 'gp of a scalar');
  t.equal((await ok(t, ['gp', sensor, 'PossibleStates'])).trim(), (instance.get('PossibleStates') as string[]).join(','), 'gp of an array');
  t.equal((await ok(t, ['gp', sensor, 'LowerThresholdNonCritical'])).trim(), '', 'gp of a NULL property prints nothing');
  const [profile] = parseObjects(await ok(t, ['-nl', '-t', 'gi', url(INTEROP, profilePath('DSP1004'))]));
  t.same([property(profile, 'RegisteredName'), property(profile, 'RegisteredOrganization')], ['Base Server', '2'], 'gi in root/interop');
});

t.test('ain, ai, rin, ri in root/cimv2: the system and its devices', async (t) => {
  const system = url(CIMV2, SYSTEM);
  const fans = parsePaths(await ok(t, ['-dr', 'ain', '-ac', 'CIM_SystemDevice', '-arc', 'CIM_Fan', system]));
  t.same(fans.map((p) => p.keys.get('DeviceID')).sort(), DEFAULT_SCENARIO.fans!.map((f) => `simulated:${f.id}`).sort(), 'ain -ac -arc: the six fans');
  t.ok(fans.every((p) => p.namespace === CIMV2 && p.host === new URL(broker.url).host), 'as full instance paths');
  const sensors = parsePaths(await ok(t, ['-dr', 'ain', '-ac', 'CIM_SystemDevice', '-ar', 'GroupComponent', '-arr', 'PartComponent', '-arc', 'CIM_NumericSensor', system]));
  t.equal(sensors.length, DEFAULT_SCENARIO.sensors!.length, 'ain -ar -arr: every numeric sensor');
  t.equal(await ok(t, ['ain', '-ac', 'CIM_SystemDevice', '-ar', 'PartComponent', system]), '', 'the system is no PartComponent: nothing');
  const fanObjects = parseObjects(await ok(t, ['-nl', '-t', '-dr', 'ai', '-ac', 'CIM_SystemDevice', '-arc', 'CIM_Fan', system]));
  samePublished(t, fanObjects, published(CIMV2, 'CIM_Fan'), CIMV2);
  const chosen = parseObjects(await ok(t, ['-nl', 'ai', '-arc', 'CIM_Fan', system, 'ElementName']));
  t.ok(chosen.length === 6 && chosen.every((o) => [...o.properties.keys()].join() === 'ElementName'), 'ai with a property list');

  const devices = parsePaths(await ok(t, ['-dr', 'rin', '-arc', 'CIM_SystemDevice', system]));
  const expectedDevices = published(CIMV2, 'CIM_SystemDevice');
  t.same(canonicalSet(devices, CIMV2), canonicalSet(expectedDevices.map((i) => i.path!), CIMV2), `rin -arc: ${devices.length} CIM_SystemDevice names`);
  const systemKey = canonical(parsePath(`${CIMV2}:${SYSTEM}`), CIMV2);
  t.ok(devices.every((p) => canonical(p.keys.get('GroupComponent') as WbemcliPath, CIMV2) === systemKey), 'each with the system as GroupComponent');
  const links = parseObjects(await ok(t, ['-nl', '-t', '-dr', 'ri', '-arc', 'CIM_SystemDevice', '-ar', 'GroupComponent', system]));
  samePublished(t, links, expectedDevices, CIMV2);
  t.equal(await ok(t, ['ri', '-arc', 'CIM_SystemDevice', '-ar', 'PartComponent', system]), '', 'ri -ar with a role the system does not play: nothing');
});

t.test('root/interop: registered profiles → ElementConformsToProfile → the system', async (t) => {
  const profiles = parseObjects(await ok(t, ['-nl', '-t', 'ei', url(INTEROP, 'CIM_RegisteredProfile')]));
  const names = profiles.map((p) => property(p, 'RegisteredName'));
  t.same(names.sort(), published(INTEROP, 'CIM_RegisteredProfile').map((i) => i.get('RegisteredName')).sort(), 'the published profiles');
  for (const name of ['Profile Registration', 'Base Server', 'Sensors', 'Fan', 'Power Supply']) t.ok(names.includes(name), `${name} is registered`);

  const baseServer = url(INTEROP, profilePath('DSP1004'));
  const [system] = parseObjects(await ok(t, ['-nl', '-t', '-dr', 'ai', '-ac', 'CIM_ElementConformsToProfile', baseServer]));
  t.same([system?.path.namespace, system?.path.classname, property(system, 'Name'), property(system, 'HealthState')],
    [CIMV2, 'Thincim_ComputerSystem', HOST, '5'], 'Base Server → the system, in root/cimv2');
  const back = parsePaths(await ok(t, ['-dr', 'ain', '-ac', 'CIM_ElementConformsToProfile', url(CIMV2, SYSTEM)]));
  t.same(back.map((p) => [p.namespace, p.keys.get('InstanceID')]), [[INTEROP, 'Thincim:DSP1004']], 'the system → Base Server, in root/interop');
  const sensors = parsePaths(await ok(t, ['-dr', 'ain', '-ac', 'CIM_ElementConformsToProfile', url(INTEROP, profilePath('DSP1009'))]));
  t.equal(sensors.length, DEFAULT_SCENARIO.sensors!.length + DEFAULT_SCENARIO.discreteSensors!.length, 'Sensors → every numeric and discrete sensor');
  t.ok(sensors.every((p) => p.namespace === CIMV2), 'all in root/cimv2');

  const conforms = parseObjects(await ok(t, ['-nl', '-t', '-dr', 'ri', '-arc', 'CIM_ElementConformsToProfile', baseServer]));
  t.equal(conforms.length, 1, 'ri -arc: one ElementConformsToProfile');
  const managed = property(conforms[0], 'ManagedElement') as WbemcliPath;
  t.same([managed.namespace, managed.classname, managed.keys.get('Name')], [CIMV2, 'Thincim_ComputerSystem', HOST], 'its ManagedElement reference crosses to root/cimv2');
  const referencing = parsePaths(await ok(t, ['-dr', 'rin', '-arc', 'CIM_ReferencedProfile', '-ar', 'Dependent', baseServer]));
  const antecedents = referencing.map((p) => (p.keys.get('Antecedent') as WbemcliPath).keys.get('InstanceID')).sort();
  const others = published(INTEROP, 'CIM_RegisteredProfile').map((i) => String(i.get('InstanceID'))).filter((id) => id !== 'Thincim:DSP1004').sort();
  t.same(antecedents, others, 'rin -arc -ar: every other profile is referenced by Base Server');
  t.equal(await ok(t, ['rin', '-arc', 'CIM_ReferencedProfile', '-ar', 'Antecedent', baseServer]), '', 'Base Server is no Antecedent');
});

t.test('health follows the scenario timeline', async (t) => {
  t.teardown(async () => {
    elapsed = 0;
    await broker.broker.manager.refresh();
  });
  const at = async (seconds: number) => {
    elapsed = seconds;
    await broker.broker.manager.refresh();
  };
  await at(490); // CPU1 at 101 °C, over its fatal threshold of 100
  const [cpu] = parseObjects(await ok(t, ['-nl', '-t', 'gi', url(CIMV2, sensorPath('cpu1-temp'))]));
  t.same([property(cpu, 'CurrentReading'), property(cpu, 'CurrentState'), property(cpu, 'HealthState'), property(cpu, 'OperationalStatus')],
    ['1010', 'Upper Fatal', '30', ['7']], 'CPU1 Temp: 101.0 °C, Upper Fatal, Non-recoverable error');
  const [system] = parseObjects(await ok(t, ['-nl', '-t', 'ei', url(CIMV2, 'CIM_ComputerSystem')]));
  t.equal(property(system, 'HealthState'), '30', 'the system rolls up to the worst');

  await at(750); // PSU2 failed
  const psus = parseObjects(await ok(t, ['-nl', '-t', 'ei', url(CIMV2, 'CIM_PowerSupply')]));
  t.same(psus.map((p) => [property(p, 'ElementName'), property(p, 'HealthState')]), [['PSU 1', '5'], ['PSU 2', '25']], 'PSU 2 critical, PSU 1 OK');
  const sets = parseObjects(await ok(t, ['-nl', '-t', 'ei', url(CIMV2, 'CIM_RedundancySet')]));
  const psuSet = sets.find((s) => property(s, 'ElementName') === 'Power Supply Redundancy');
  t.equal(property(psuSet, 'RedundancyStatus'), '4', 'power supply redundancy lost (RedundancyStatus 4 "Redundancy Lost")');
});

t.test('mi and sp: thresholds as wbemcli writes them (mi sends the whole instance, without a PropertyList)', async (t) => {
  t.teardown(async () => {
    elapsed = 0;
    await broker.broker.manager.refresh();
  });
  const sensor = url(CIMV2, sensorPath('cpu1-temp'));
  const threshold = async () => (await ok(t, ['gp', sensor, 'UpperThresholdNonCritical'])).trim();
  t.equal(await threshold(), '850', 'CPU1 Temp: 85.0 °C before');
  t.equal(await ok(t, ['mi', sensor, 'UpperThresholdNonCritical=800']), '', 'mi of a settable threshold');
  t.equal(await threshold(), '800', 'read back');
  await ok(t, ['sp', sensor, 'UpperThresholdNonCritical=850']);
  t.equal(await threshold(), '850', 'sp sets it back');
  t.same(cimFailure((await fails(t, ['mi', sensor, 'ElementName="Renamed"'])).stderr)?.name, 'CIM_ERR_NOT_SUPPORTED', 'ElementName cannot be changed');
  t.same(cimFailure((await fails(t, ['sp', sensor, 'UpperThresholdNonCritical=abc'])).stderr)?.name, 'CIM_ERR_TYPE_MISMATCH', 'a value that is no integer');

  // At 1010 s the exhaust sensor is lost: it carries a TimeOfLastStateChange,
  // which wbemcli sends back as read; an unchanged datetime is no change.
  elapsed = 1010;
  await broker.broker.manager.refresh();
  const lost = url(CIMV2, sensorPath('exhaust-temp'));
  const [before] = parseObjects(await ok(t, ['-nl', '-t', 'gi', lost]));
  t.match(property(before, 'TimeOfLastStateChange'), /^\d{14}\.\d{6}[+-]\d{3}$/, 'the lost sensor has a TimeOfLastStateChange');
  t.equal(await ok(t, ['mi', lost, `UpperThresholdNonCritical=${String(property(before, 'UpperThresholdNonCritical'))}`]), '',
    'mi with its own values succeeds (nothing changes)');
});

t.test('cm and cmx: extrinsic methods with wbemcli\'s parameter syntax', async (t) => {
  const sensor = url(CIMV2, sensorPath('cpu1-temp'));
  t.equal((await ok(t, ['cm', sensor, 'RestoreDefaultThresholds'])).trim(), `${new URL(broker.url).host}/${CIMV2}:${sensorPath('cpu1-temp')} RestoreDefaultThresholds: 0`,
    'RestoreDefaultThresholds returns 0');
  const stateChange = cimFailure((await fails(t, ['cm', sensor, 'RequestStateChange.RequestedState=2,TimeoutPeriod=00000000000100.000000:000'])).stderr);
  t.same([stateChange?.code, stateChange?.name], [7, 'CIM_ERR_NOT_SUPPORTED'], 'RequestStateChange with its parameters: not supported, as the README says');
  t.same(cimFailure((await fails(t, ['cm', sensor, 'NoSuchMethod'])).stderr)?.name, 'CIM_ERR_METHOD_NOT_FOUND', 'an unknown method');
  // wbemcli's cm cannot read VALUE.REFARRAY (DSP0201's only form of a reference array parameter): cmx prints the XML.
  const central = await ok(t, ['cmx', url(INTEROP, profilePath('DSP1004')), 'GetCentralInstances']);
  t.match(central, /<RETURNVALUE PARAMTYPE="uint8"><VALUE>0<\/VALUE><\/RETURNVALUE><PARAMVALUE NAME="CentralInstances" PARAMTYPE="reference"><VALUE\.REFARRAY><VALUE\.REFERENCE>/,
    'cmx GetCentralInstances: 0 and the central instances');
  t.match(central, /<INSTANCENAME CLASSNAME="Thincim_ComputerSystem">.*<KEYVALUE VALUETYPE="string" TYPE="string">testhost<\/KEYVALUE>/, 'Base Server\'s: the system');
});

t.test('ci, mi, di: an indication subscription in root/interop, keys with backslashes, apostrophes and non-ASCII', async (t) => {
  const system = 'SystemCreationClassName="CIM_ComputerSystem",SystemName="testhost"';
  const filterPath = (name: string) => `${INTEROP}:CIM_IndicationFilter.${system},CreationClassName="CIM_IndicationFilter",Name="${name}"`;
  const destination = `${INTEROP}:CIM_ListenerDestinationCIMXML.${system},CreationClassName="CIM_ListenerDestinationCIMXML",Name="wbemcli"`;
  const filter = filterPath('wbemcli');
  const subscription = `CIM_IndicationSubscription.Filter=${filter},Handler=${destination}`;
  const at = (path: string) => `${broker.url}/${path}`;
  // wbemcli's ci wants every key in the path and again among the properties.
  const filterProps = (name: string) => `${system},CreationClassName="CIM_IndicationFilter",Name="${name}",Query="SELECT * FROM CIM_AlertIndication",QueryLanguage="WQL"`;
  await ok(t, ['ci', at(destination), `${system},CreationClassName="CIM_ListenerDestinationCIMXML",Name="wbemcli",Destination="http://127.0.0.1:9/"`]);
  await ok(t, ['ci', at(filter), filterProps('wbemcli')]);
  const created = parsePath((await ok(t, ['-dr', 'ci', url(INTEROP, subscription), `Filter=${filter},Handler=${destination}`])).trim());
  t.same([created.classname, ...['Filter', 'Handler'].map((key) => (created.keys.get(key) as WbemcliPath).keys.get('Name'))],
    ['CIM_IndicationSubscription', 'wbemcli', 'wbemcli'], 'ci of the subscription prints its path');
  const [listed] = parseObjects(await ok(t, ['-nl', '-t', '-dr', 'ei', url(INTEROP, 'CIM_IndicationSubscription')]));
  t.same([(property(listed, 'Filter') as WbemcliPath).keys.get('Name'), (property(listed, 'Handler') as WbemcliPath).keys.get('Name'), property(listed, 'SubscriptionState')],
    ['wbemcli', 'wbemcli', '2'], 'ei: its references and state Enabled');
  await ok(t, ['mi', url(INTEROP, subscription), 'SubscriptionState=4']);
  t.equal((await ok(t, ['gp', url(INTEROP, subscription), 'SubscriptionState'])).trim(), '4', 'mi disables it');
  const filterChange = cimFailure((await fails(t, ['mi', at(filter), 'Query="SELECT * FROM CIM_InstModification"'])).stderr);
  t.same([filterChange?.code, filterChange?.name], [7, 'CIM_ERR_NOT_SUPPORTED'], 'a filter cannot be modified, and wbemcli names the status');
  const inUse = cimFailure((await fails(t, ['di', at(filter)])).stderr);
  t.same([inUse?.code, inUse?.name], [1, 'CIM_ERR_FAILED'], 'a filter in use cannot be deleted');
  t.same(cimFailure((await fails(t, ['ci', url(INTEROP, subscription), `Filter=${filter},Handler=${destination}`])).stderr)?.name, 'CIM_ERR_ALREADY_EXISTS', 'nor created twice');
  for (const path of [url(INTEROP, subscription), at(filter), at(destination)]) await ok(t, ['di', path]);
  t.equal(await ok(t, ['ein', url(INTEROP, 'CIM_IndicationSubscription')]), '', 'all deleted');

  // Key values: wbemcli's URL ends a quoted value at the next '"' and writes it into the XML unescaped, so no '"', '&' or '<';
  // it prints a backslash doubled.
  for (const [name, printed] of [['back\\slash', 'back\\\\slash'], ["it's", "it's"], ['Lüfter ½ €', 'Lüfter ½ €']] as const) {
    await ok(t, ['ci', at(filterPath(name)), filterProps(name)]);
    const names = parsePaths(await ok(t, ['ein', url(INTEROP, 'CIM_IndicationFilter')])).map((p) => p.keys.get('Name'));
    t.same(names, [printed], `ein: ${name}`);
    t.equal((await ok(t, ['gp', at(filterPath(name)), 'Name'])).trim(), printed, 'gi finds it by that key');
    await ok(t, ['di', at(filterPath(name))]);
  }
  t.equal(await ok(t, ['ein', url(INTEROP, 'CIM_IndicationFilter')]), '', 'each deleted');
});

t.test('namespaces as wbemcli users write them, and class paths for associations', async (t) => {
  const fans = (stdout: string) => parsePaths(stdout).map((p) => p.keys.get('DeviceID')).sort();
  const expected = DEFAULT_SCENARIO.fans!.map((f) => `simulated:${f.id}`).sort();
  t.same(fans(await ok(t, ['ein', url('ROOT/CIMV2', 'CIM_Fan')])), expected, 'ROOT/CIMV2: names are case-insensitive');
  t.same(parsePaths(await ok(t, ['ein', url('interop', 'CIM_RegisteredProfile')])).length, published(INTEROP, 'CIM_RegisteredProfile').length, 'the interop alias');
  const lowerCase = url(CIMV2, sensorPath('cpu1-temp').replace(/\b[A-Za-z]\w*(?==|\.)/g, (name) => name.toLowerCase()));
  t.match(lowerCase, /thincim_numericsensor\.systemcreationclassname="Thincim_ComputerSystem",/, '(class and key names in lower case)');
  t.equal((await ok(t, ['gp', lowerCase, 'HealthState'])).trim(), '5', 'class and key names in any case');
  // Host indirection: a token in ./wbemcli.ind stands for scheme, credentials, host and port.
  writeFileSync(join(cwd, 'wbemcli.ind'), `agent: ${broker.url}\n`);
  t.teardown(() => rmSync(join(cwd, 'wbemcli.ind')));
  t.same(fans(await ok(t, ['ein', 'agent/root/cimv2:CIM_Fan'])), expected, 'wbemcli.ind');
  // wbemcli sends "root%2Fcimv2" as the NAMESPACE name and in CIMObject, where it decodes to root/cimv2.
  const encoded = await fails(t, ['-dx', 'ein', url('root%2Fcimv2', 'CIM_Fan')]);
  t.match(encoded.stderr, /cimerror: header-mismatch[^]*Http Exception: HTTP response code said error/, 'root%2Fcimv2: 400 header-mismatch');
  t.match((await fails(t, ['-dx', 'ein', url('root//cimv2', 'CIM_Fan')])).stderr, /cimerror: request-not-valid\n[^]*empty NAME/, 'root//cimv2: an empty NAMESPACE');
  // wbemcli sends a class path as an INSTANCENAME without keys.
  const classLevel = cimFailure((await fails(t, ['ain', '-ac', 'CIM_SystemDevice', url(CIMV2, 'CIM_Fan')])).stderr);
  t.same([classLevel?.name, classLevel?.description], ['CIM_ERR_INVALID_PARAMETER', 'the instance name of CIM_Fan lacks key SystemCreationClassName, SystemName, CreationClassName, DeviceID'],
    'ain of a class: a clear error naming the missing keys');
});

t.test('gi of association paths as rin prints them: reference keys in wbemcli\'s URL syntax, across namespaces', async (t) => {
  const cases = [
    [CIMV2, SYSTEM, 'CIM_SystemDevice', 'PartComponent', CIMV2],
    [INTEROP, profilePath('DSP1004'), 'CIM_ElementConformsToProfile', 'ManagedElement', CIMV2],
  ] as const;
  for (const [ns, source, assoc, role, targetNamespace] of cases) {
    // Without -dr, as wbemcli reads paths back: `Key=ns:Class.key="v",…` (wbemcli sends each reference key as an INSTANCEPATH).
    const [first] = (await ok(t, ['rin', '-arc', assoc, url(ns, source)])).split('\n');
    const [link] = parseObjects(await ok(t, ['-nl', '-t', '-dr', 'gi', `http://${first!}`]));
    const target = property(link, role) as WbemcliPath;
    t.same([link?.path.classname.endsWith(assoc.slice('CIM_'.length)), target.namespace], [true, targetNamespace], `gi ${assoc}: found, its ${role} in ${targetNamespace}`);
  }
});

t.test('HTTPS with Basic auth: an admin writes, a readonly user reads', async (t) => {
  const dir = t.testdir();
  const certificate = selfSignedServer(dir, 'server');
  // wbemcli ends the credentials at the URL's first '@' and decodes nothing: ':' and '/' in a password pass, '@' cannot.
  const users = { admin: { role: 'admin', password: 'adm1n-pw' }, viewer: { role: 'readonly', password: 'v1:ew/er.pw' } } as const;
  const secure = await startTestBroker({
    listeners: [{ protocol: 'https', host: '127.0.0.1', port: 0, requireAuth: true }],
    tls: { cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2', requestCert: false },
    authenticator: await testAuthenticator(await writeUsers(dir, users)),
  });
  t.teardown(() => secure.close());
  const as = (user: keyof typeof users | 'nobody', path: string) =>
    `https://${user}:${user === 'nobody' ? 'x' : users[user].password}@localhost:${new URL(secure.url).port}/${path}`;
  const sensor = `${CIMV2}:${sensorPath('cpu1-temp')}`;
  t.equal(parsePaths(await ok(t, ['-cacert', certificate.certFile, 'ein', as('viewer', `${CIMV2}:CIM_Fan`)])).length, DEFAULT_SCENARIO.fans!.length, '-cacert: trusted');
  t.equal(parsePaths(await ok(t, ['-noverify', 'ein', as('viewer', `${CIMV2}:CIM_Fan`)])).length, DEFAULT_SCENARIO.fans!.length, '-noverify');
  t.match((await fails(t, ['ein', as('viewer', `${CIMV2}:CIM_Fan`)])).stderr, /Http Exception: SSL peer certificate or SSH remote key was not OK/, 'untrusted by default');
  t.match((await fails(t, ['-noverify', 'ein', as('nobody', `${CIMV2}:CIM_Fan`)])).stderr, /Http Exception: Invalid username\/password/, 'a wrong password');
  const denied = cimFailure((await fails(t, ['-noverify', 'mi', as('viewer', sensor), 'UpperThresholdNonCritical=850'])).stderr);
  t.same([denied?.code, denied?.name], [2, 'CIM_ERR_ACCESS_DENIED'], 'mi by the readonly user');
  t.same(cimFailure((await fails(t, ['-noverify', 'cm', as('viewer', sensor), 'RestoreDefaultThresholds'])).stderr)?.name, 'CIM_ERR_ACCESS_DENIED', 'cm by the readonly user');
  await ok(t, ['-noverify', 'mi', as('admin', sensor), 'UpperThresholdNonCritical=850']);
  t.match(await ok(t, ['-noverify', 'cm', as('admin', sensor), 'RestoreDefaultThresholds']), /RestoreDefaultThresholds: 0/, 'the admin may');
  t.match(await ok(t, ['-noverify', 'cmx', as('viewer', `${INTEROP}:${profilePath('DSP1004')}`), 'GetCentralInstances']), /<VALUE\.REFARRAY>/,
    'GetCentralInstances is a read');
  const [chunked] = parseObjects(await ok(t, ['-noverify', '-cte', '-nl', '-t', 'gi', as('viewer', sensor)]));
  t.equal(property(chunked, 'ElementName'), 'CPU1 Temp', '-cte over TLS');
});

t.test('failures wbemcli reports', async (t) => {
  const cim = async (args: string[], code: number, name: string) => {
    const failure = cimFailure((await fails(t, args)).stderr);
    t.same([failure?.code, failure?.name], [code, name], `${args[0]}: (${code}) ${name}`);
    return failure;
  };
  await cim(['ecn', url('root/nosuch')], 3, 'CIM_ERR_INVALID_NAMESPACE');
  await cim(['ein', url('root/nosuch', 'CIM_Fan')], 3, 'CIM_ERR_INVALID_NAMESPACE');
  await cim(['ei', url('interop/nosuch', 'CIM_RegisteredProfile')], 3, 'CIM_ERR_INVALID_NAMESPACE');
  await cim(['gc', url(CIMV2, 'No_Such')], 6, 'CIM_ERR_NOT_FOUND');
  await cim(['ein', url(CIMV2, 'No_Such')], 5, 'CIM_ERR_INVALID_CLASS');
  await cim(['ei', url(INTEROP, 'No_Such')], 5, 'CIM_ERR_INVALID_CLASS');
  const missing = await cim(['gi', url(CIMV2, sensorPath('no-such-sensor'))], 6, 'CIM_ERR_NOT_FOUND');
  t.match(missing?.description, /no-such-sensor/, 'the description names the instance');
  await cim(['ai', url(CIMV2, sensorPath('no-such-sensor'))], 6, 'CIM_ERR_NOT_FOUND');
  await cim(['gp', url(CIMV2, sensorPath('cpu1-temp')), 'NoSuchProperty'], 12, 'CIM_ERR_NO_SUCH_PROPERTY');
  await cim(['di', url(CIMV2, sensorPath('cpu1-temp'))], 7, 'CIM_ERR_NOT_SUPPORTED');
  await cim(['dc', url(CIMV2, 'Thincim_NumericSensor')], 7, 'CIM_ERR_NOT_SUPPORTED'); // the schema comes from MOF

  const closed = await freePort();
  t.match((await fails(t, ['ein', `http://127.0.0.1:${closed}/root/cimv2:CIM_Fan`])).stderr, /Http Exception: Couldn't connect to server/, 'a port nobody listens on');
  t.match((await fails(t, ['ein', 'http://127.0.0.1:notaport/root/cimv2:CIM_Fan'])).stderr, /Url Exception: Invalid port number/, 'a port that is no number');
  t.match((await fails(t, ['ein', `ftp://${new URL(broker.url).host}/root/cimv2:CIM_Fan`])).stderr, /Url Exception: Only supporting http or https/, 'another scheme');
  t.match((await fails(t, ['-noverify', 'ein', url(CIMV2, 'CIM_Fan').replace('http:', 'https:')])).stderr, /Http Exception: SSL connect error/, 'TLS spoken to the plain listener');
  t.equal(parsePaths(await ok(t, ['ein', url(CIMV2, 'CIM_Fan')])).length, DEFAULT_SCENARIO.fans!.length, 'the broker still answers afterwards');
});
