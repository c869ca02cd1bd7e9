/**
 * More monitoring tools that poll hardware health over CIM-XML, read from
 * their public source and replayed against a real thincim (HTTPS with Basic
 * auth, the simulated host stepped through its built-in timeline: a fan
 * stopping, a CPU overheating, a power supply failing, a lost reading, the
 * chassis opened). Each tool's requests are written as the tool writes them
 * and its verdict is computed as the tool computes it.
 *
 * - MKBackup's ESXi monitor, `mkb/esxmon.py` (MagiKmon, pywbem): in its
 *   set-up, EnumerateInstances of VMware_Controller, where only
 *   CIM_ERR_NOT_FOUND is tolerated; then one EnumerateInstances per class,
 *   no optional parameter, of the 23 classes of `default_class_list`; a CIM
 *   error skips the class (logged). An instance without ElementName is
 *   "buggy" and skipped. Every value of OperationalStatus and the
 *   HealthState of every instance is looked up in its `interpret` tables
 *   (HealthState 0/5 OK, 10/15 WARNING, 20/25/30 CRITICAL; OperationalStatus
 *   as check_esxi_hardware's table, 0–20); the worst is the verdict; a code
 *   outside the tables counts as nothing.
 * - Zabbix VMware ESXi CIM monitoring, github.com/m4ce/zabbix-vmware_esxi
 *   (`plugins/vmware_esxi_cim.py`, `templates/Template-VMware_ESXi_Hypervisor.xml`):
 *   discovery is EnumerateInstances of a class, one Zabbix item per
 *   ElementName (a second element of the same name is no item of its own);
 *   `inspect` is GetClass(class, IncludeQualifiers=True) then
 *   EnumerateInstances, the first instance whose ElementName matches, and
 *   the largest value of the property (NULL: -1). The template's triggers,
 *   alike for every class: HealthState > 15 and OperationalStatus 1, 6, 7,
 *   10, 13, 14, 16 are critical; HealthState > 5 and OperationalStatus 3–5,
 *   8, 9, 12 degraded.
 * - Zenoss CIMMon ZenPack, github.com/epuzanov/ZenPacks.community.CIMMon,
 *   over the DB-API WBEM driver of github.com/epuzanov/ZenPacks.community.SQLDataSource
 *   (`lib/pywbemdb.py` 2.0.5): `SELECT … FROM Class [WHERE k="v" AND …]`
 *   becomes EnumerateInstances with IncludeQualifiers and LocalOnly FALSE
 *   and a PropertyList of the selected properties and the WHERE keys, the
 *   body written with a newline between elements; its SAX handler wants
 *   CIM, MESSAGE, SIMPLERSP, IMETHODRESPONSE (NAME the method) and
 *   IRETURNVALUE as the first five elements, builds `__PATH` as
 *   `Class.Key="text",Key=value` from the INSTANCENAME, and filters the
 *   rows by the WHERE values itself. CIMMon keeps each component's
 *   `__PATH` and polls it with `WHERE` made of its keys
 *   (`CIM_ManagedSystemElement.whereString`: the commas replaced by AND);
 *   with a `dialect` the same text goes out as ExecQuery.
 * - Zenoss WBEM ZenPack, github.com/zenoss/ZenPacks.zenoss.WBEM
 *   (`dsplugins.py`): with zWBEMMaxObjectCount 0, its default, a datasource
 *   is one ExecQuery in QueryLanguage "CQL", whose INSTANCE elements it reads.
 *   With zWBEMMaxObjectCount > 0 (its pull mode: `dsplugins.py`,
 *   `modeler/wbem.py` `check_if_complete`) it sends OpenEnumerateInstances
 *   with MaxObjectCount and OperationTimeout (zWBEMOperationTimeout, 0 by
 *   default) and PullInstancesWithPath while the answer carries a context;
 *   `_getResultParams` (`lib/pywbemz-0.14.3/pywbem/twisted_agent.py`,
 *   `patches.py`) raises CIM_ERR_INVALID_PARAMETER "EndOfSequence or
 *   EnumerationContext required" when either output parameter is missing or
 *   empty, EndOfSequence TRUE or not, and pulls no more once it is TRUE.
 * - Zabbix storage template, github.com/vesperbot/zabbix-esxi-cim
 *   (`wbemcli-zabbix-wrapper.sh`): `wbemcli ein -noverify
 *   https://user:password@host/root/cimv2:CIM_DiskDrive` (and
 *   CIM_StorageVolume); output starting with `*` is reported as
 *   ZBX_UNSUPPORTED, an empty list is a discovery of nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CIMStatus, type CIMInstance, type CIMInstanceName } from '../../src/cim/index.js';
import { decodeResponse, type CIMResponse } from '../../src/cimxml/index.js';
import { DEFAULT_SCENARIO } from '../../providers/simulated/index.js';
import { cimHeaders, instancesIn, outText } from '../helpers/broker.js';
import { basic, send } from '../helpers/client.js';
import { cimFailure, wbemcli } from '../helpers/wbemcli.js';
import { runCli } from '../client/run-cli.js';
import { startToolBroker } from './tool-broker.js';

const CIMV2 = 'root/cimv2';
const USER = { name: 'zabbix', password: 'secure_zabbix_password' };

type Verdict = 'OK' | 'WARNING' | 'CRITICAL';
const RANK: Record<Verdict, number> = { OK: 0, WARNING: 1, CRITICAL: 2 };
const worst = (verdicts: Iterable<Verdict>): Verdict => [...verdicts].reduce<Verdict>((a, b) => (RANK[b] > RANK[a] ? b : a), 'OK');

let now = 0;
const { started, certificate, agent } = await startToolBroker(t, 'tools', USER, () => now);

/** Posts a whole request body as the tool wrote it; the answer's text and its decoding. */
async function post(method: string, body: string, headers: Record<string, string> = {}): Promise<{ text: string; response: CIMResponse }> {
  const reply = await send(started.url, {
    path: '/cimom', agent, body,
    headers: { ...cimHeaders(method, CIMV2), Authorization: basic(USER.name, USER.password), ...headers },
  });
  if (reply.status !== 200) throw new Error(`${method}: HTTP ${reply.status}: ${reply.text}`);
  return { text: reply.text, response: decodeResponse(reply.text) };
}

/** An intrinsic call as pywbem writes it (one line, `root`/`cimv2` as two NAMESPACE elements). */
function pywbemBody(method: string, params: string): string {
  return '<?xml version="1.0" encoding="utf-8" ?>\n<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1001" PROTOCOLVERSION="1.0"><SIMPLEREQ>'
    + `<IMETHODCALL NAME="${method}"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>${params}`
    + '</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>';
}

const classNameParam = (name: string) => `<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="${name}"/></IPARAMVALUE>`;

/** pywbem's EnumerateInstances(classname): the instances, or the CIM status code it raises. */
async function enumerate(classname: string): Promise<CIMInstance[] | number> {
  const { response } = await post('EnumerateInstances', pywbemBody('EnumerateInstances', classNameParam(classname)));
  return response.error ? response.error.code : instancesIn(response);
}

const integers = (value: unknown): number[] => (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value])
  .map((v) => Number(v));

/** `thincim health --nagios` over the same listener, with the same user. */
async function thincimVerdict(): Promise<string> {
  const result = await runCli(['health', started.url, '--nagios', '--fingerprint', certificate.fingerprint256],
    { env: { THINCIM_USER: USER.name, THINCIM_PASSWORD: USER.password } });
  return /^THINCIM (\w+) - /.exec(result.stdout)?.[1] ?? `exit ${result.code}: ${result.stdout}${result.stderr}`;
}

// ---- mkb/esxmon.py ------------------------------------------------------------------------------------

const ESXMON_CLASSES = [
  'CIM_Sensor', 'CIM_PowerSupply', 'CIM_Chassis', 'CIM_ComputerSystem', 'CIM_NumericSensor', 'CIM_Memory', 'CIM_PhysicalMemory',
  'CIM_Processor', 'CIM_LogRecord', 'CIM_RecordLog', 'CIM_EthernetPort', 'CIM_SoftwareIdentity', 'OMC_SMASHFirmwareIdentity',
  'OMC_DiscreteSensor', 'OMC_Fan', 'OMC_PowerSupply', 'OMC_RawIpmiSensor', 'OMC_RawIpmiEntity', 'VMware_StorageExtent',
  'VMware_Controller', 'VMware_StorageVolume', 'VMware_Battery', 'VMware_SASSATAPort',
];
/** Classes of the list that are VMware's or absent from thincim's schema: skipped by the tool after a logged CIM error. */
const NOT_SERVED = ['CIM_PhysicalMemory', 'CIM_EthernetPort', 'OMC_RawIpmiSensor', 'OMC_RawIpmiEntity'];
const ESXMON_HEALTH: ReadonlyMap<number, Verdict> = new Map([[0, 'OK'], [5, 'OK'], [10, 'WARNING'], [15, 'WARNING'], [20, 'CRITICAL'], [25, 'CRITICAL'], [30, 'CRITICAL']]);
const ESXMON_OPERATIONAL: readonly Verdict[] = [
  'OK', 'CRITICAL', 'OK', 'WARNING', 'WARNING', 'WARNING', 'CRITICAL', 'CRITICAL', 'WARNING', 'WARNING', 'CRITICAL',
  'OK', 'WARNING', 'CRITICAL', 'CRITICAL', 'OK', 'CRITICAL', 'OK', 'OK', 'OK', 'OK',
];

interface EsxmonRun { verdict: Verdict; errors: Map<string, number>; buggy: string[]; failing: string[] }

async function esxmon(): Promise<EsxmonRun> {
  const run: EsxmonRun = { verdict: 'OK', errors: new Map(), buggy: [], failing: [] };
  for (const classname of ESXMON_CLASSES) {
    const instances = await enumerate(classname);
    if (typeof instances === 'number') {
      run.errors.set(classname, instances);
      continue;
    }
    for (const instance of instances) {
      const name = instance.get('ElementName');
      if (!instance.properties.has('ElementName')) {
        run.buggy.push(`${classname} ${instance.classname}`);
        continue;
      }
      const states = [
        ...integers(instance.get('OperationalStatus')).flatMap((code) => ESXMON_OPERATIONAL[code] ?? []),
        ...integers(instance.get('HealthState')).flatMap((code) => ESXMON_HEALTH.get(code) ?? []),
      ];
      const verdict = worst(states);
      if (verdict !== 'OK') run.failing.push(`${verdict} ${classname} ${String(name)}`);
      run.verdict = worst([run.verdict, verdict]);
    }
  }
  return run;
}

// ---- m4ce/zabbix-vmware_esxi ---------------------------------------------------------------------------

/** The template's CIM discovery rules that thincim serves, by class. */
const ZABBIX_CLASSES = [
  'CIM_Card', 'CIM_Chassis', 'CIM_ComputerSystem', 'CIM_Memory', 'CIM_NumericSensor', 'OMC_DiscreteSensor', 'OMC_Fan',
  'OMC_PowerSupply', 'CIM_PowerSupply', 'CIM_Processor', 'CIM_RecordLog', 'CIM_Sensor', 'VMware_Battery', 'VMware_Controller',
  'VMware_SASSATAPort', 'VMware_StorageExtent', 'VMware_StorageVolume',
];
const CRITICAL_OPERATIONAL = new Set([1, 6, 7, 10, 13, 14, 16]);
const DEGRADED_OPERATIONAL = new Set([3, 4, 5, 8, 9, 12]);

/** `inspect`'s value: the largest integer of the property, -1 for NULL. */
const inspected = (instance: CIMInstance, property: string): number => {
  const values = integers(instance.get(property));
  return values.length ? Math.max(...values) : -1;
};

function zabbixTrigger(instance: CIMInstance): Verdict {
  const health = inspected(instance, 'HealthState');
  const status = inspected(instance, 'OperationalStatus');
  if (health > 15 || CRITICAL_OPERATIONAL.has(status)) return 'CRITICAL';
  return health > 5 || DEGRADED_OPERATIONAL.has(status) ? 'WARNING' : 'OK';
}

interface ZabbixRun { verdict: Verdict; duplicates: string[]; classErrors: string[] }

async function zabbixEsxi(): Promise<ZabbixRun> {
  const run: ZabbixRun = { verdict: 'OK', duplicates: [], classErrors: [] };
  for (const classname of ZABBIX_CLASSES) {
    const { response } = await post('GetClass', pywbemBody('GetClass', classNameParam(classname)
      + '<IPARAMVALUE NAME="IncludeQualifiers"><VALUE>TRUE</VALUE></IPARAMVALUE>'));
    if (response.error) run.classErrors.push(`GetClass ${classname}: ${response.error.toString()}`);
    const instances = await enumerate(classname);
    if (typeof instances === 'number') {
      run.classErrors.push(`EnumerateInstances ${classname}: ${instances}`);
      continue;
    }
    const seen = new Set<string>();
    for (const instance of instances) {
      const name = String(instance.get('ElementName'));
      // A second element of the same name is inspected as the first: its own state is never seen.
      if (seen.has(name)) {
        run.duplicates.push(`${classname} "${name}"`);
        continue;
      }
      seen.add(name);
      run.verdict = worst([run.verdict, zabbixTrigger(instance)]);
    }
  }
  return run;
}

// ---- the timeline ---------------------------------------------------------------------------------------

const events = DEFAULT_SCENARIO.timeline!.events;
const moments = [...new Set([0, ...events.flatMap((e) => ('rampSeconds' in e && e.rampSeconds ? [e.at, e.at + e.rampSeconds] : [e.at]))])]
  .sort((a, b) => a - b);
const lostAt = (events as readonly Record<string, unknown>[]).find((e) => e['unavailable'] === 'failed')!['at'] as number;
const seen = new Map<number, Verdict>();

t.test('esxmon\'s set-up check: VMware_Controller enumerates without a CIM error', async (t) => {
  t.same(await enumerate('VMware_Controller'), [], 'an empty list, not the CIM error that fails its configuration');
});

for (const at of moments) {
  t.test(`${at} s into the timeline: esxmon and the Zabbix ESXi template judge as thincim health does`, async (t) => {
    now = at * 1000;
    await started.broker.manager.refresh();
    const health = await thincimVerdict();
    const run = await esxmon();
    t.same(Object.fromEntries(run.errors), Object.fromEntries(NOT_SERVED.map((c) => [c, CIMStatus.INVALID_CLASS])),
      'CIM errors only for the classes thincim does not serve, each CIM_ERR_INVALID_CLASS (logged and skipped)');
    t.same(run.buggy, [], 'every instance has an ElementName');
    t.equal(run.verdict, health, `esxmon's status is thincim health's (${run.failing.join('; ') || 'all OK'})`);
    const zabbix = await zabbixEsxi();
    t.same(zabbix.classErrors, [], 'GetClass and EnumerateInstances answer every class the template asks for');
    t.same(zabbix.duplicates, [], 'ElementNames unique within each class: one Zabbix item per element');
    t.equal(zabbix.verdict, health, 'the worst of its triggers is thincim health\'s verdict');
    seen.set(at, run.verdict);
  });
}

t.test('the walk met every verdict, and a lost reading is critical', async (t) => {
  t.equal(seen.get(0), 'OK', 'a healthy host at the start');
  t.same(new Set(seen.values()), new Set(['OK', 'WARNING', 'CRITICAL']), 'OK, WARNING and CRITICAL along the timeline');
  t.equal(seen.get(lostAt), 'CRITICAL', 'a sensor that lost its reading is CRITICAL to esxmon');
});

// ---- pywbemdb (CIMMon) ----------------------------------------------------------------------------------

/** pywbemdb and the Zenoss WBEM ZenPack write the namespace in CIMObject as it is, not percent-encoded. */
const RAW_NAMESPACE = { CIMObject: CIMV2 };

/** pywbemdb's request: XML_REQ with a newline between elements, as `_wbem_request` sends it. */
function pywbemdbBody(method: string, iparams: string): string {
  return '<?xml version="1.0" encoding="utf-8" ?>\n<CIM CIMVERSION="2.0" DTDVERSION="2.0">\n<MESSAGE ID="1001" PROTOCOLVERSION="1.0">\n'
    + `<SIMPLEREQ>\n<IMETHODCALL NAME="${method}">\n<LOCALNAMESPACEPATH>\n<NAMESPACE NAME="root"/>\n<NAMESPACE NAME="cimv2"/>\n`
    + `</LOCALNAMESPACEPATH>${iparams}\n</IMETHODCALL>\n</SIMPLEREQ>\n</MESSAGE>\n</CIM>`;
}

/** `SELECT props FROM classname [WHERE …]` without a dialect: EnumerateInstances with a PropertyList. */
function pywbemdbEnumerate(classname: string, properties: string[]): string {
  const list = properties.length ? `\n<IPARAMVALUE NAME="PropertyList">\n<VALUE.ARRAY>\n<VALUE>${properties.join('</VALUE>\n<VALUE>')}</VALUE>\n</VALUE.ARRAY>\n</IPARAMVALUE>` : '';
  return pywbemdbBody('EnumerateInstances', `\n<IPARAMVALUE NAME="ClassName">\n<CLASSNAME NAME="${classname}"/>\n</IPARAMVALUE>`
    + '\n<IPARAMVALUE NAME="IncludeQualifiers">\n<VALUE>FALSE</VALUE>\n</IPARAMVALUE>\n<IPARAMVALUE NAME="LocalOnly">\n<VALUE>FALSE</VALUE>\n</IPARAMVALUE>'
    + list);
}

/** The same query with a dialect: ExecQuery with the text as written. */
function pywbemdbQuery(query: string, dialect: string): string {
  return pywbemdbBody('ExecQuery', `\n<IPARAMVALUE NAME="Query">\n<VALUE>${query.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</VALUE>\n</IPARAMVALUE>`
    + `\n<IPARAMVALUE NAME="QueryLanguage">\n<VALUE>${dialect}</VALUE>\n</IPARAMVALUE>`);
}

/** The first five elements of an answer, which pywbemdb's SAX handler insists on. */
function leadingElements(text: string): string[] {
  return [...text.matchAll(/<([A-Z.]+)(?:\s+NAME="([^"]*)")?[^>]*>/g)].slice(0, 5).map(([, name, attr]) => (attr ? `${name}:${attr}` : name!));
}

/** pywbemdb's `__PATH`: the class, then each keybinding as sent, strings in double quotes. */
const pywbemdbPath = (path: CIMInstanceName): string =>
  `${path.classname}.${[...path.keybindings].map(([k, v]) => (typeof v === 'string' ? `${k}="${v}"` : `${k}=${String(v)}`)).join(',')}`;

/** The row filter pywbemdb applies for a WHERE of key="value" terms. */
function whereTerms(where: string): Map<string, string> {
  return new Map(where.split(/\s+AND\s+/i).map((term) => {
    const m = /^(\w+)="(.*)"$/.exec(term);
    if (!m) throw new Error(`not a key="value" term: ${term}`);
    return [m[1]!, m[2]!];
  }));
}

t.test('CIMMon over pywbemdb: modeling by __PATH, then polling each sensor by its keys', async (t) => {
  now = lostAt * 1000;
  await started.broker.manager.refresh();
  const modeled = await post('EnumerateInstances', pywbemdbEnumerate('CIM_NumericSensor', []), RAW_NAMESPACE);
  t.same(leadingElements(modeled.text), ['CIM', 'MESSAGE', 'SIMPLERSP', 'IMETHODRESPONSE:EnumerateInstances', 'IRETURNVALUE'],
    'the answer opens as the SAX handler expects');
  const sensors = instancesIn(modeled.response);
  t.ok(sensors.length > 0 && sensors.every((s) => s.path !== undefined), 'every row has an INSTANCENAME for its __PATH');
  const lost = sensors.filter((s) => integers(s.get('OperationalStatus')).includes(13));
  t.equal(lost.length, 1, 'the lost reading is among them (OperationalStatus 13, CIMMon\'s "Lost Communication", severity 4)');

  for (const sensor of sensors) {
    const path = pywbemdbPath(sensor.path!);
    const [cimClassName, keys] = [path.slice(0, path.indexOf('.')), path.slice(path.indexOf('.') + 1)];
    const where = keys.replace(/,/g, ' AND ');
    const terms = whereTerms(where);
    const polled = await post('EnumerateInstances', pywbemdbEnumerate(cimClassName, ['OperationalStatus', ...terms.keys()]), RAW_NAMESPACE);
    const rows = instancesIn(polled.response).filter((row) => [...terms].every(([k, v]) => row.get(k) === v));
    t.same(rows.map((row) => integers(row.get('OperationalStatus'))), [integers(sensor.get('OperationalStatus'))],
      `${String(sensor.get('ElementName'))}: one row, with its status`);
    for (const dialect of ['WQL', 'CQL']) {
      const queried = await post('ExecQuery', pywbemdbQuery(`SELECT OperationalStatus FROM ${cimClassName} WHERE ${where}`, dialect), RAW_NAMESPACE);
      t.equal(instancesIn(queried.response).length, 1, `${String(sensor.get('ElementName'))}: the ${dialect} dialect's ExecQuery finds it alone`);
    }
  }
});

t.test('CIMMon\'s modelers and OpenNMS\'s VMware CIM collector name each component by Name: every device, sensor and physical element has one, unique in what a tool lists', async (t) => {
  for (const classname of ['CIM_NumericSensor', 'CIM_Sensor', 'CIM_Fan', 'CIM_PowerSupply', 'CIM_Processor', 'CIM_Memory', 'CIM_PhysicalElement']) {
    const instances = await enumerate(classname);
    if (typeof instances === 'number') throw new Error(`${classname}: CIM status ${instances}`);
    t.ok(instances.length > 0, `${classname}: the simulated host has some`);
    const labelled = (i: CIMInstance) => [String(i.get('ElementName')), `${String(i.get('ElementName'))} (${String(i.get('DeviceID') ?? i.get('Tag'))})`];
    t.same(instances.filter((i) => !labelled(i).includes(String(i.get('Name')))).map((i) => i.path?.toString()), [],
      `${classname}: Name is the element's label, with its id where the label repeats`);
    const names = instances.map((i) => String(i.get('Name')));
    t.equal(new Set(names).size, names.length, `${classname}: each Name once (a component id)`);
  }
});

t.test('Zenoss WBEM ZenPack: its default ExecQuery in CQL', async (t) => {
  const { text, response } = await post('ExecQuery', pywbemBody('ExecQuery',
    '<IPARAMVALUE NAME="QueryLanguage"><VALUE>CQL</VALUE></IPARAMVALUE><IPARAMVALUE NAME="Query"><VALUE>SELECT * FROM CIM_NumericSensor</VALUE></IPARAMVALUE>'),
    RAW_NAMESPACE);
  t.notOk(response.error, 'no CIM error');
  t.equal(text.match(/<INSTANCE /g)?.length, (await enumerate('CIM_NumericSensor') as CIMInstance[]).length, 'one INSTANCE per numeric sensor');
});

/** The ZenPack's `_getResultParams`: the instances, and the context to pull with unless EndOfSequence is TRUE. */
function zenossResultParams(response: CIMResponse): { instances: CIMInstance[]; context?: string } {
  if (response.error) throw new Error(`CIM error ${response.error.code}: ${response.error.message}`);
  const sequence = outText(response, 'EndOfSequence');
  const context = outText(response, 'EnumerationContext');
  if (!sequence || !context) throw new Error('CIM_ERR_INVALID_PARAMETER: EndOfSequence or EnumerationContext required');
  return { instances: instancesIn(response), context: sequence.toLowerCase() === 'true' ? undefined : context };
}

/** The ZenPack's pull mode over a class: the Open, then Pulls while a context comes back; the instances and the requests sent. */
async function zenossPullMode(classname: string, maxObjectCount: number, operationTimeout: number): Promise<{ instances: CIMInstance[]; requests: number }> {
  const count = `<IPARAMVALUE NAME="MaxObjectCount"><VALUE>${maxObjectCount}</VALUE></IPARAMVALUE>`;
  const opened = await post('OpenEnumerateInstances', pywbemBody('OpenEnumerateInstances',
    classNameParam(classname) + count + `<IPARAMVALUE NAME="OperationTimeout"><VALUE>${operationTimeout}</VALUE></IPARAMVALUE>`), RAW_NAMESPACE);
  let { instances, context } = zenossResultParams(opened.response);
  let requests = 1;
  while (context !== undefined) {
    if (++requests > 100) throw new Error('the sequence does not end');
    const pulled = await post('PullInstancesWithPath', pywbemBody('PullInstancesWithPath',
      `<IPARAMVALUE NAME="EnumerationContext"><VALUE>${context}</VALUE></IPARAMVALUE>${count}`), RAW_NAMESPACE);
    const next = zenossResultParams(pulled.response);
    instances = [...instances, ...next.instances];
    context = next.context;
  }
  return { instances, requests };
}

t.test('Zenoss WBEM ZenPack: its pull mode (zWBEMMaxObjectCount > 0) collects every instance, the last answer included', async (t) => {
  const expected = (await enumerate('CIM_NumericSensor') as CIMInstance[]).map((i) => i.path!.key).sort();
  t.ok(expected.length > 2, 'more numeric sensors than one answer carries');
  for (const maxObjectCount of [2, 1000]) {
    const run = await zenossPullMode('CIM_NumericSensor', maxObjectCount, 60).catch((error: Error) => error);
    if (run instanceof Error) {
      t.fail(`zWBEMMaxObjectCount ${maxObjectCount}: the ZenPack raises ${run.message}`);
      continue;
    }
    t.same(run.instances.map((i) => i.path!.key).sort(), expected, `zWBEMMaxObjectCount ${maxObjectCount}: every numeric sensor, once`);
    t.equal(run.requests, maxObjectCount === 2 ? Math.ceil(expected.length / 2) : 1, `zWBEMMaxObjectCount ${maxObjectCount}: ${run.requests} request(s)`);
  }
  const byDefault = await zenossPullMode('CIM_NumericSensor', 2, 0).catch((error: Error) => error);
  t.match(byDefault, { message: /^CIM error 22:/ }, 'its default zWBEMOperationTimeout 0: CIM_ERR_INVALID_OPERATION_TIMEOUT, as OpenPegasus answers');
});

t.test('vesperbot/zabbix-esxi-cim: the storage discovery through wbemcli', async (t) => {
  const cwd = await mkdtemp(join(tmpdir(), 'thincim-wbemcli-'));
  t.teardown(() => rm(cwd, { recursive: true }));
  const host = new URL(started.url).host;
  const discover = (classname: string) =>
    wbemcli(['ein', '-noverify', `https://${USER.name}:${USER.password}@${host}/${CIMV2}:${classname}`], cwd);
  const drives = await discover('CIM_DiskDrive');
  t.match(`${drives.stdout}${drives.stderr}`, /^\s*\*/, 'CIM_DiskDrive: output starting with "*", which the wrapper reports as ZBX_UNSUPPORTED');
  t.equal(cimFailure(drives.stderr)?.code, CIMStatus.INVALID_CLASS, 'a class thincim does not define: CIM_ERR_INVALID_CLASS');
  const volumes = await discover('CIM_StorageVolume');
  t.same([volumes.code, volumes.stdout.trim(), volumes.stderr.trim()], [0, '', ''], 'CIM_StorageVolume: no volume, a discovery of nothing');
});

/**
 * The wrapper's items, with a class name thincim serves in the template (its
 * README invites that): discovery keeps, of each `wbemcli ein` line, the
 * keybindings whose name does not contain "Class" ({#ITEMPATH}) and the
 * CreationClassName ({#ITEMCLASS}); each item is `wbemcli gi` of
 * CLASS.ITEMPATH, whose HealthState and OperationalStatus the template's
 * REGEX steps (`HealthState=([^,]*)(\,|$)`) read. ESXi's providers answer
 * such a name without the …ClassName keys.
 */
t.test('vesperbot/zabbix-esxi-cim: the items, wbemcli gi of a name without its …ClassName keys', async (t) => {
  const cwd = await mkdtemp(join(tmpdir(), 'thincim-wbemcli-'));
  t.teardown(() => rm(cwd, { recursive: true }));
  const base = `https://${USER.name}:${USER.password}@${new URL(started.url).host}/${CIMV2}`;
  const discovered = await wbemcli(['ein', '-noverify', `${base}:CIM_Fan`], cwd);
  const lines = discovered.stdout.split(/\s+/).filter(Boolean);
  t.equal(lines.length, DEFAULT_SCENARIO.fans!.length, 'discovery: one line per fan');
  for (const line of lines) {
    const bindings = /^[^:]*:[^:]*:[^.]*\.(.*)$/.exec(line)![1]!.split(',');
    const itemClass = bindings.find((b) => b.startsWith('CreationClassName='))!.split('=')[1]!.replaceAll('"', '');
    const itemPath = bindings.filter((b) => !/Class/.test(b.split('=')[0]!)).join(',');
    const item = await wbemcli(['gi', '-noverify', `${base}:${itemClass}.${itemPath}`], cwd);
    const health = /HealthState=([^,]*)(,|$)/m.exec(item.stdout)?.[1];
    const device = /DeviceID="([^"]*)"/.exec(itemPath)![1]!;
    const expected = (await enumerate('CIM_Fan') as CIMInstance[]).find((fan) => fan.get('DeviceID') === device)!.get('HealthState');
    t.same([item.stderr.trim(), health], ['', String(expected)], `${itemClass}.${itemPath}: the fan's HealthState`);
  }
});
