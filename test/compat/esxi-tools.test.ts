/**
 * Tools written for ESXi work unchanged: this suite plays check_esxi_hardware
 * (the Nagios/Icinga plugin most ESXi shops run, pywbem-based; version
 * 20250716) against a real thincim over HTTPS with Basic auth, at every event
 * of the simulated timeline, and checks the contract that plugin relies on.
 *
 * What the plugin does, from its public source (github.com/Napsty/check_esxi_hardware):
 *
 * - One EnumerateInstances per class, in root/cimv2, with no optional
 *   parameter at all (so LocalOnly, DeepInheritance and PropertyList take
 *   their DSP0200 defaults), in this order: OMC_SMASHFirmwareIdentity,
 *   CIM_Chassis, CIM_Card, CIM_ComputerSystem, CIM_NumericSensor, CIM_Memory,
 *   CIM_Processor, CIM_RecordLog, OMC_DiscreteSensor, OMC_Fan,
 *   OMC_PowerSupply, VMware_StorageExtent, VMware_Controller,
 *   VMware_StorageVolume, VMware_Battery, VMware_SASSATAPort. A CIM error
 *   leaves the class out of the verdict without a word (unless verbose).
 * - It reads properties as `instance['Name']`: pywbem raises KeyError for a
 *   property the instance does not carry, so every property it reads must be
 *   present, NULL or not. Rules it enforces that way, or by computing:
 *   - every instance: ElementName (NULL shows as "Unknown");
 *   - ElementName "System BIOS": Name + VersionString + ReleaseDate.datetime
 *     (strings concatenated, so neither NULL; ReleaseDate a timestamp);
 *   - ElementName "Chassis": Manufacturer, SerialNumber and Model (NULL
 *     allowed); with `-V auto` the first CIM_Chassis' Manufacturer is matched
 *     by a regular expression, so it must be a string;
 *   - CIM_NumericSensor: sensorType, BaseUnits, then
 *     `int(CurrentReading) * 10**UnitModifier` (NULL in either crashes it) and
 *     the four Lower/Upper NonCritical/Critical thresholds (NULL allowed);
 *   - CIM_Processor: Family and CurrentClockSpeed printed with %d (integers);
 *   - default mode (vendor unknown, dell, ibm, intel; `-V auto` on a
 *     non-HP chassis): OperationalStatus[0] looked up in a table of 0–20
 *     (present; if not NULL, non-empty and a code of the table, else
 *     IndexError/KeyError): 0 Unknown, 2 OK, 11 In Service, 15 Dormant,
 *     17 Completed, 18 Power Mode, 19, 20 are OK; 3 Degraded, 4 Stressed,
 *     5 Predictive Failure, 8 Starting, 9 Stopping, 12 No Contact are
 *     WARNING; 1 Other, 6 Error, 7 Non-Recoverable Error, 10 Stopped,
 *     13 Lost Communication, 14 Aborted, 16 Supporting Entity in Error are
 *     CRITICAL;
 *   - HP mode (`-V hp`): HealthState looked up the same way: 0 Unknown and
 *     5 OK are OK, 10 and 15 WARNING, 20, 25 and 30 CRITICAL.
 * - The verdict starts UNKNOWN; any CRITICAL element makes it CRITICAL, a
 *   WARNING one WARNING unless already CRITICAL, an OK one OK unless already
 *   worse. Every instance of every class counts.
 *
 * On top, the suite asks what the issue asks of thincim: no CIM error for any
 * of the 16 classes, every property of the instance's class present (GetClass
 * LocalOnly=false over the same connection), ElementName never NULL, a
 * non-empty OperationalStatus, HealthState one of the seven values, an
 * instance named "Chassis" and one named "System BIOS", and the plugin's
 * verdict (default mode) equal to `thincim health --nagios` at the same
 * moment. HP mode is checked for not crashing only: it reads HealthState 0 of
 * a lost reading as OK by design.
 */
import t from 'tap';
import { CIMDateTime, type CIMClass, type CIMInstance, type CIMValue } from '../../src/cim/index.js';
import { decodeResponse, type CIMIMethodResponse } from '../../src/cimxml/index.js';
import { DEFAULT_SCENARIO } from '../../providers/simulated/index.js';
import { cimHeaders, imethodBody } from '../helpers/broker.js';
import { basic, send } from '../helpers/client.js';
import { runCli } from '../client/run-cli.js';
import { startToolBroker } from './tool-broker.js';

const CIMV2 = 'root/cimv2';
const PLUGIN_CLASSES = [
  'OMC_SMASHFirmwareIdentity', 'CIM_Chassis', 'CIM_Card', 'CIM_ComputerSystem', 'CIM_NumericSensor', 'CIM_Memory',
  'CIM_Processor', 'CIM_RecordLog', 'OMC_DiscreteSensor', 'OMC_Fan', 'OMC_PowerSupply', 'VMware_StorageExtent',
  'VMware_Controller', 'VMware_StorageVolume', 'VMware_Battery', 'VMware_SASSATAPort',
] as const;
const THRESHOLDS = ['LowerThresholdNonCritical', 'UpperThresholdNonCritical', 'LowerThresholdCritical', 'UpperThresholdCritical'];
const USER = { name: 'nagios', password: 'check-esxi:Pässwort' };

type Verdict = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

/** The plugin's table for OperationalStatus[0], indexed by code 0–20. */
const BY_OPERATIONAL_STATUS: readonly Verdict[] = [
  'OK', 'CRITICAL', 'OK', 'WARNING', 'WARNING', 'WARNING', 'CRITICAL', 'CRITICAL', 'WARNING', 'WARNING', 'CRITICAL',
  'OK', 'WARNING', 'CRITICAL', 'CRITICAL', 'OK', 'CRITICAL', 'OK', 'OK', 'OK', 'OK',
];
/** The plugin's table for HealthState (HP mode). */
const BY_HEALTH_STATE: ReadonlyMap<number, Verdict> = new Map([
  [0, 'OK'], [5, 'OK'], [10, 'WARNING'], [15, 'WARNING'], [20, 'CRITICAL'], [25, 'CRITICAL'], [30, 'CRITICAL'],
]);

// The simulated clock is stepped by hand.
let now = 0;
const { started, certificate, agent } = await startToolBroker(t, 'esxi', USER, () => now);

let messageId = 1000;

/** An intrinsic call as pywbem writes it: the request text by hand, Basic credentials, the shared connection. */
async function call(method: string, params: string): Promise<CIMIMethodResponse> {
  const reply = await send(started.url, {
    path: '/cimom', agent, body: imethodBody(method, CIMV2, params, String(++messageId)),
    headers: { ...cimHeaders(method, CIMV2), Authorization: basic(USER.name, USER.password) },
  });
  if (reply.status !== 200) throw new Error(`${method}: HTTP ${reply.status}: ${reply.text}`);
  const response = decodeResponse(reply.text);
  if (response.kind !== 'imethodresponse') throw new Error(`${method}: answered with a ${response.kind}`);
  return response;
}

const className = (name: string) => `<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="${name}"/></IPARAMVALUE>`;

/** EnumerateInstances with ClassName only, as the plugin sends it. */
async function enumerate(classname: string): Promise<{ instances: CIMInstance[]; error?: string }> {
  const response = await call('EnumerateInstances', className(classname));
  if (response.error) return { instances: [], error: response.error.toString() };
  return {
    instances: (response.returnValue ?? []).map((item) => {
      if (item.kind !== 'instance') throw new Error(`EnumerateInstances ${classname} returned a ${item.kind}`);
      return item.instance;
    }),
  };
}

const classes = new Map<string, Promise<CIMClass>>();

/** GetClass LocalOnly=false over the same connection, once per class. */
function classOf(classname: string): Promise<CIMClass> {
  let cls = classes.get(classname.toLowerCase());
  if (!cls) {
    cls = call('GetClass', `${className(classname)}<IPARAMVALUE NAME="LocalOnly"><VALUE>FALSE</VALUE></IPARAMVALUE>`).then((response) => {
      const item = response.returnValue?.[0];
      if (response.error || item?.kind !== 'class') throw new Error(`GetClass ${classname}: ${response.error?.toString() ?? 'no class'}`);
      return item.cls;
    });
    classes.set(classname.toLowerCase(), cls);
  }
  return cls;
}

const isInteger = (v: CIMValue | undefined): v is number | bigint => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
const has = (instance: CIMInstance, name: string) => instance.properties.has(name);
const label = (classname: string, instance: CIMInstance) => `${classname} ${instance.classname} "${String(instance.get('ElementName'))}"`;

interface Observation {
  /** The 16 classes' instances, by requested class. */
  byClass: Map<string, CIMInstance[]>;
  errors: string[];
}

async function observe(): Promise<Observation> {
  const byClass = new Map<string, CIMInstance[]>();
  const errors: string[] = [];
  for (const classname of PLUGIN_CLASSES) {
    const { instances, error } = await enumerate(classname);
    if (error) errors.push(`${classname}: ${error}`);
    byClass.set(classname, instances);
  }
  return { byClass, errors };
}

function* everyInstance(o: Observation): Generator<[string, CIMInstance]> {
  for (const [classname, instances] of o.byClass) for (const instance of instances) yield [classname, instance];
}

/** Properties of the instance's class that the instance does not carry. */
async function missingProperties(o: Observation): Promise<string[]> {
  const missing: string[] = [];
  for (const [classname, instance] of everyInstance(o)) {
    const cls = await classOf(instance.classname);
    const absent = [...cls.properties.values()].map((p) => p.name).filter((name) => !has(instance, name));
    if (absent.length) missing.push(`${label(classname, instance)}: ${absent.join(', ')}`);
  }
  return missing;
}

function statusProblems(o: Observation): { elementName: string[]; operationalStatus: string[]; healthState: string[] } {
  const problems = { elementName: [] as string[], operationalStatus: [] as string[], healthState: [] as string[] };
  for (const [classname, instance] of everyInstance(o)) {
    const name = instance.get('ElementName');
    if (typeof name !== 'string') problems.elementName.push(`${label(classname, instance)}: ElementName ${has(instance, 'ElementName') ? 'NULL' : 'missing'}`);
    const status = instance.get('OperationalStatus');
    const first = Array.isArray(status) ? status[0] : undefined;
    if (!Array.isArray(status) || !isInteger(first) || Number(first) > 20) {
      problems.operationalStatus.push(`${label(classname, instance)}: OperationalStatus ${has(instance, 'OperationalStatus') ? JSON.stringify(status) : 'missing'}`);
    }
    const health = instance.get('HealthState');
    if (!isInteger(health) || !BY_HEALTH_STATE.has(Number(health))) {
      problems.healthState.push(`${label(classname, instance)}: HealthState ${has(instance, 'HealthState') ? String(health) : 'missing'}`);
    }
  }
  return problems;
}

/** What the plugin computes for a numeric sensor, or why it would crash. */
function pluginReading(instance: CIMInstance): number | string {
  const problems: string[] = [];
  for (const name of ['SensorType', 'BaseUnits', ...THRESHOLDS]) if (!has(instance, name)) problems.push(`${name} missing`);
  const reading = instance.get('CurrentReading');
  const modifier = instance.get('UnitModifier');
  if (!isInteger(reading)) problems.push(`CurrentReading ${has(instance, 'CurrentReading') ? String(reading) : 'missing'}`);
  if (!isInteger(modifier)) problems.push(`UnitModifier ${has(instance, 'UnitModifier') ? String(modifier) : 'missing'}`);
  if (problems.length) return problems.join(', ');
  return Number(reading) * 10 ** Number(modifier);
}

function sensorProblems(o: Observation): string[] {
  return o.byClass.get('CIM_NumericSensor')!.flatMap((instance) => {
    const reading = pluginReading(instance);
    return typeof reading === 'string' ? [`${label('CIM_NumericSensor', instance)}: ${reading}`] : [];
  });
}

/** "Chassis", "System BIOS" and the processors, read as the plugin reads them. */
function inventoryProblems(o: Observation): string[] {
  const problems: string[] = [];
  const named = (name: string) => [...everyInstance(o)].filter(([, i]) => i.get('ElementName') === name).map(([, i]) => i);
  const chassis = named('Chassis');
  if (chassis.length === 0) problems.push('no instance named "Chassis"');
  for (const c of chassis) for (const p of ['Manufacturer', 'Model', 'SerialNumber']) if (!has(c, p)) problems.push(`"Chassis": ${p} missing`);
  const first = o.byClass.get('CIM_Chassis')![0];
  if (typeof first?.get('Manufacturer') !== 'string') problems.push('the first CIM_Chassis has no Manufacturer string (-V auto)');
  const bios = named('System BIOS');
  if (bios.length === 0) problems.push('no instance named "System BIOS"');
  for (const b of bios) {
    for (const p of ['Name', 'VersionString']) if (typeof b.get(p) !== 'string') problems.push(`"System BIOS": ${p} is not a string`);
    const date = b.get('ReleaseDate');
    if (!(date instanceof CIMDateTime) || date.isInterval) problems.push(`"System BIOS": ReleaseDate ${String(date)} is not a timestamp`);
  }
  const processors = o.byClass.get('CIM_Processor')!;
  if (processors.length === 0) problems.push('no CIM_Processor');
  for (const cpu of processors) {
    for (const p of ['Family', 'CurrentClockSpeed']) if (!isInteger(cpu.get(p))) problems.push(`${label('CIM_Processor', cpu)}: ${p} ${String(cpu.get(p))}`);
  }
  return problems;
}

/** The plugin's verdict in its default mode, with the elements that made it. */
function pluginVerdict(o: Observation): { verdict: Verdict; elements: string[] } {
  let verdict: Verdict = 'UNKNOWN';
  const elements: string[] = [];
  for (const [, instance] of everyInstance(o)) {
    const status = instance.get('OperationalStatus');
    if (!Array.isArray(status) || !isInteger(status[0])) continue;
    const state = BY_OPERATIONAL_STATUS[Number(status[0])];
    if (state === 'CRITICAL' || state === 'WARNING') elements.push(`${state}: ${String(instance.get('ElementName'))}`);
    if (state === 'CRITICAL') verdict = 'CRITICAL';
    else if (state === 'WARNING' && verdict !== 'CRITICAL') verdict = 'WARNING';
    else if (state === 'OK' && verdict === 'UNKNOWN') verdict = 'OK';
  }
  return { verdict, elements };
}

/** `thincim health --nagios` over the same HTTPS listener, with the same user. */
async function thincimHealth(): Promise<{ verdict: string; line: string; perfdata: Map<string, number> }> {
  const result = await runCli(['health', started.url, '--nagios', '--fingerprint', certificate.fingerprint256],
    { env: { THINCIM_USER: USER.name, THINCIM_PASSWORD: USER.password } });
  const line = result.stdout.split('\n')[0]!;
  const verdict = /^THINCIM (\w+) - /.exec(line)?.[1] ?? `exit ${result.code}: ${line}${result.stderr}`;
  const perfdata = new Map<string, number>();
  for (const [, name, value] of (line.split(' | ')[1] ?? '').matchAll(/'([^']+)'=(-?[\d.]+)/g)) perfdata.set(name!, Number(value));
  return { verdict, line, perfdata };
}

/** Sensors whose reading, as the plugin computes it, differs from the perfdata thincim health printed. */
function readingMismatches(o: Observation, perfdata: Map<string, number>): string[] {
  return o.byClass.get('CIM_NumericSensor')!.flatMap((instance) => {
    const reading = pluginReading(instance);
    const printed = perfdata.get(String(instance.get('ElementName')));
    if (typeof reading === 'string' || printed === undefined || Math.abs(reading - printed) <= 1e-9 * Math.max(1, Math.abs(reading))) return [];
    return [`${String(instance.get('ElementName'))}: plugin ${reading}, thincim health ${printed}`];
  });
}

/** Every moment the built-in timeline changes something: each event, and the end of each ramp. */
const events = DEFAULT_SCENARIO.timeline!.events;
const moments = [...new Set([0, ...events.flatMap((e) => ('rampSeconds' in e && e.rampSeconds ? [e.at, e.at + e.rampSeconds] : [e.at]))])]
  .sort((a, b) => a - b);

t.test('the built-in timeline has what the plugin must survive: a fan stopping, a PSU failing, a lost reading, an intrusion', async (t) => {
  const everyEvent = events as readonly Record<string, unknown>[];
  t.ok(everyEvent.some((e) => 'fan' in e || (e['sensor'] as string | undefined)?.startsWith('fan') && e['value'] === 0), 'a fan stops');
  t.ok(everyEvent.some((e) => 'powerSupply' in e && e['status'] === 'failed'), 'a power supply fails');
  const lost = everyEvent.find((e) => e['unavailable'] === 'failed');
  t.ok(lost && (lost['at'] as number) > 0, 'a sensor that had readings loses them');
  t.ok(everyEvent.some((e) => e['discreteSensor'] === 'intrusion' && e['state'] === 'Intrusion Detected'), 'the chassis is opened');
});

const seen = new Map<number, Verdict>();

for (const at of moments) {
  t.test(`${at} s into the timeline`, async (t) => {
    now = at * 1000;
    await started.broker.manager.refresh();
    const o = await observe();
    t.same(o.errors, [], 'no CIM error for any of the 16 classes');
    t.same(await missingProperties(o), [], 'every instance carries every property of its class');
    const status = statusProblems(o);
    t.same(status.elementName, [], 'ElementName present and not NULL');
    t.same(status.operationalStatus, [], 'OperationalStatus present, not empty, its first value a code 0–20');
    t.same(status.healthState, [], 'HealthState one of 0, 5, 10, 15, 20, 25, 30');
    t.same(sensorProblems(o), [], 'numeric sensors: integer CurrentReading and UnitModifier, the four thresholds present');
    t.same(inventoryProblems(o), [], '"Chassis", "System BIOS" and the processors as the plugin reads them');

    const plugin = pluginVerdict(o);
    const health = await thincimHealth();
    t.equal(health.verdict, plugin.verdict, `thincim health says what the plugin says (${plugin.elements.join('; ') || 'all OK'} / ${health.line})`);
    t.same(readingMismatches(o, health.perfdata), [], 'the readings the plugin computes are those thincim health prints');
    seen.set(at, plugin.verdict);
  });
}

t.test('the walk met every verdict, and a lost reading is critical', async (t) => {
  const lostAt = (events as readonly Record<string, unknown>[]).find((e) => e['unavailable'] === 'failed')!['at'] as number;
  t.equal(seen.get(0), 'OK', 'a healthy host at the start');
  t.same(new Set(seen.values()), new Set(['OK', 'WARNING', 'CRITICAL']), 'OK, WARNING and CRITICAL along the timeline');
  t.equal(seen.get(lostAt), 'CRITICAL', 'a sensor that lost its reading makes the verdict CRITICAL, not a crash or a stale OK');
});
