/**
 * Health evaluation against hand-built instances shaped like another
 * vendor's server: OperationalStatus without HealthState, NULL thresholds
 * and readings, sensors without paths, no chassis class.
 */
import t from 'tap';
import { CIMError, CIMInstance, CIMInstanceName, CIMStatus, cimProperty, NocaseMap } from '../../src/cim/index.js';
import type { CIMType, CIMValue } from '../../src/cim/index.js';
import {
  currentValue, elementName, elementStatus, evaluateHealth, problems, scaleReading, sensorReading, sensorUnit, worstState,
} from '../../src/client/index.js';

type Props = Record<string, [CIMType, CIMValue]>;

function instance(classname: string, props: Props, deviceId?: string): CIMInstance {
  const path = deviceId === undefined ? undefined
    : new CIMInstanceName({ classname, keybindings: { CreationClassName: classname, DeviceID: deviceId, SystemCreationClassName: 'V_CS', SystemName: 'esx' } });
  const properties = new NocaseMap(Object.entries(props).map(([name, [type, value]]) => [name, cimProperty(name, type, value)] as const));
  return new CIMInstance({ classname, properties, ...(path && { path }) });
}

t.test('HealthState decides when it has a known value other than Unknown (check_esxi_hardware table)', async (t) => {
  const expected: [number, string, string][] = [
    [5, 'OK', 'OK'], [10, 'WARNING', 'Degraded/Warning'], [15, 'WARNING', 'Minor failure'],
    [20, 'CRITICAL', 'Major failure'], [25, 'CRITICAL', 'Critical failure'], [30, 'CRITICAL', 'Non-recoverable error'],
  ];
  for (const [health, state, text] of expected) {
    t.same(elementStatus(instance('X', { HealthState: ['uint16', health], OperationalStatus: ['uint16', [6]] })), { state, text }, `HealthState ${health}`);
  }
});

t.test('HealthState 0 (Unknown) leaves the verdict to OperationalStatus: a lost reading is CRITICAL', async (t) => {
  const unknown = (operational: number[] | null) => elementStatus(instance('X', { HealthState: ['uint16', 0], OperationalStatus: ['uint16', operational] }));
  t.same(unknown([13]), { state: 'CRITICAL', text: 'Lost Communication' }, 'a sensor that lost its reading');
  t.same(unknown([12]), { state: 'WARNING', text: 'No Contact' });
  t.same(unknown([2]), { state: 'OK', text: 'OK' });
  t.same(unknown(null), { state: 'OK', text: 'Unknown' }, 'with no OperationalStatus, HealthState 0 is OK, as the plugin reads it');
  t.same(unknown([0x8001]), { state: 'OK', text: 'Unknown' }, 'nor with a vendor OperationalStatus');
});

t.test('OperationalStatus[0] decides without HealthState', async (t) => {
  const states = ['OK', 'CRITICAL', 'OK', 'WARNING', 'WARNING', 'WARNING', 'CRITICAL', 'CRITICAL', 'WARNING', 'WARNING', 'CRITICAL',
    'OK', 'WARNING', 'CRITICAL', 'CRITICAL', 'OK', 'CRITICAL', 'OK', 'OK', 'OK', 'OK'];
  states.forEach((state, code) => {
    t.equal(elementStatus(instance('X', { OperationalStatus: ['uint16', [code, 2]] })).state, state, `OperationalStatus ${code}`);
  });
  t.same(elementStatus(instance('X', { OperationalStatus: ['uint16', [6]], StatusDescriptions: ['string', ['PSU lost AC']] })), { state: 'CRITICAL', text: 'Error' });
  t.same(elementStatus(instance('X', { HealthState: ['uint16', null], OperationalStatus: ['uint16', [3]] })), { state: 'WARNING', text: 'Degraded' }, 'a NULL HealthState is no HealthState');
  t.same(elementStatus(instance('X', { HealthState: ['uint16', 32769], OperationalStatus: ['uint16', [2]] })), { state: 'OK', text: 'OK' }, 'a vendor HealthState falls back to OperationalStatus');
});

t.test('values neither table knows, and no status at all, are UNKNOWN', async (t) => {
  t.same(elementStatus(instance('X', { HealthState: ['uint16', 32769] })), { state: 'UNKNOWN', text: 'HealthState 32769' });
  t.same(elementStatus(instance('X', { OperationalStatus: ['uint16', [0x8001]] })), { state: 'UNKNOWN', text: 'OperationalStatus 32769' });
  t.same(elementStatus(instance('X', { OperationalStatus: ['uint16', []] })), { state: 'UNKNOWN', text: 'no status' }, 'an empty OperationalStatus');
  t.same(elementStatus(instance('X', {})), { state: 'UNKNOWN', text: 'no status' });
});

t.test('worst state: CRITICAL > WARNING > UNKNOWN > OK', async (t) => {
  t.equal(worstState([]), 'OK');
  t.equal(worstState(['OK', 'UNKNOWN']), 'UNKNOWN');
  t.equal(worstState(['UNKNOWN', 'WARNING', 'OK']), 'WARNING');
  t.equal(worstState(['WARNING', 'CRITICAL', 'UNKNOWN']), 'CRITICAL');
});

t.test('readings scale by 10^UnitModifier exactly', async (t) => {
  const cases: [number | bigint, number, string, number][] = [
    [532, -1, '53.2', 53.2], [5, -3, '0.005', 0.005], [-5, -1, '-0.5', -0.5], [12, 2, '1200', 1200], [7, 0, '7', 7],
    [648000, -2, '6480.00', 6480], [9223372036854775807n, -2, '92233720368547758.07', 92233720368547758.07],
    [1, 40, '1e40', 1e40], [3, -31, '3e-31', 3e-31], [1.5, 1, '15', 15],
  ];
  for (const [raw, modifier, text, value] of cases) t.same(scaleReading(raw, modifier), { text, value }, `${raw} × 10^${modifier}`);
  for (const [raw, modifier, , value] of cases) {
    const sensor = instance('S', { CurrentReading: [typeof raw === 'bigint' ? 'sint64' : 'real64', raw], UnitModifier: ['sint32', modifier] });
    t.equal(currentValue(sensor), value, `the chart's value of ${raw} × 10^${modifier} is the same number`);
  }
  t.equal(currentValue(instance('S', { CurrentReading: ['sint32', null], UnitModifier: ['sint32', -3] })), undefined, 'NULL is no value');
  t.equal(currentValue(instance('S', { CurrentReading: ['sint32', 42] })), 42, 'a NULL UnitModifier counts as 0');
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n);
  const differ: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const raw = (random(2) ? -1 : 1) * random(2 ** 31) * (random(4) === 0 ? 2 ** 21 : 1);
    const modifier = random(61) - 30;
    const sensor = instance('S', { CurrentReading: ['sint64', raw], UnitModifier: ['sint32', modifier] });
    if (currentValue(sensor) !== sensorReading(sensor).current!.value) differ.push(`${raw} × 10^${modifier}`);
  }
  t.same(differ, [], 'the same number as sensorReading for 20,000 readings and modifiers from -30 to 30');
});

t.test('units from BaseUnits and RateUnits', async (t) => {
  const unit = (base: number | null, rate: number | null = null) => sensorUnit(instance('S', { BaseUnits: ['uint16', base], RateUnits: ['uint16', rate] }));
  t.equal(unit(2), '°C');
  t.equal(unit(19, 0), 'RPM');
  t.equal(unit(65), '%');
  t.equal(unit(61, 3), 'B/s');
  t.equal(unit(0), '', 'Unknown');
  t.equal(unit(null), '');
  t.equal(unit(99), 'unit 99');
  t.equal(unit(38, 42), 'revolutions per unit 42');
});

/** A server that is not thincim: OperationalStatus only, NULL thresholds, no chassis class, one sensor without a path. */
function vendorInventory() {
  const cpu = instance('V_NumericSensor', {
    ElementName: ['string', 'CPU1 Temp'], BaseUnits: ['uint16', 2], UnitModifier: ['sint32', -2], RateUnits: ['uint16', 0],
    CurrentReading: ['sint32', 8850], LowerThresholdNonCritical: ['sint32', null], UpperThresholdNonCritical: ['sint32', 8500],
    LowerThresholdCritical: ['sint32', null], UpperThresholdCritical: ['sint32', null], OperationalStatus: ['uint16', [3]],
    CurrentState: ['string', 'Upper Non-Critical'],
  }, 'cpu1');
  const volts = instance('V_NumericSensor', {
    ElementName: ['string', 'VBAT'], BaseUnits: ['uint16', 5], UnitModifier: ['sint32', null], CurrentReading: ['sint32', null],
    OperationalStatus: ['uint16', [2]],
  }, 'vbat');
  const intrusion = instance('V_DiscreteSensor', { ElementName: ['string', 'Intrusion'], CurrentState: ['string', 'Secure'], OperationalStatus: ['uint16', [2]] }, 'intr');
  const pathless = instance('V_DiscreteSensor', { ElementName: ['string', 'Riser 1: Connected'], HealthState: ['uint16', 5] });
  const fan = instance('V_Fan', { ElementName: ['string', null], Name: ['string', 'FAN 2'], OperationalStatus: ['uint16', [6]] }, 'fan2');
  const psu = instance('V_PowerSupply', { DeviceID: ['string', 'psu1'], HealthState: ['uint16', 32768] }, 'psu1');
  const system = instance('V_ComputerSystem', { ElementName: ['string', 'esx'], OperationalStatus: ['uint16', [2]] });
  return {
    systems: [system], numericSensors: [cpu, volts], sensors: [cpu, volts, intrusion, pathless], fans: [fan], powerSupplies: [psu],
    missing: [{ className: 'CIM_Chassis', error: new CIMError(CIMStatus.INVALID_CLASS, 'no such class') }],
  };
}

t.test('a vendor inventory judged element by element', async (t) => {
  const report = evaluateHealth(vendorInventory());
  t.same(report.elements.map((e) => [e.kind, e.name, e.status.state, e.status.text]), [
    ['numericSensor', 'CPU1 Temp', 'WARNING', 'Degraded'],
    ['numericSensor', 'VBAT', 'OK', 'OK'],
    ['discreteSensor', 'Intrusion', 'OK', 'OK'],
    ['discreteSensor', 'Riser 1: Connected', 'OK', 'OK'],
    ['fan', 'FAN 2', 'CRITICAL', 'Error'],
    ['powerSupply', 'psu1', 'UNKNOWN', 'HealthState 32768'],
  ], 'numeric sensors are not repeated as discrete ones; names fall back to Name and DeviceID');
  t.equal(report.state, 'CRITICAL');
  t.same(problems(report).map((e) => e.name), ['FAN 2', 'CPU1 Temp', 'psu1'], 'worst first');
  t.same(report.chassis, []);
  t.equal(report.missing[0]?.className, 'CIM_Chassis');
  t.same(report.systems.map((s) => [s.name, s.status.state]), [['esx', 'OK']]);

  const [cpu, vbat] = report.elements;
  t.same(cpu!.reading, {
    unit: '°C', current: { value: 88.5, text: '88.50' },
    thresholds: { UpperThresholdNonCritical: { value: 85, text: '85.00' } },
  }, 'NULL thresholds are absent');
  t.equal(cpu!.currentState, 'Upper Non-Critical');
  t.same(vbat!.reading, { unit: 'V', thresholds: {} }, 'a NULL reading has no current value; a NULL UnitModifier counts as 0');
});

t.test('processors, memory, batteries and redundancy sets count: a failed DIMM is CRITICAL, a set by its RedundancyStatus', async (t) => {
  const set = (name: string, status: number | null, health?: number) => instance('CIM_RedundancySet', {
    ElementName: ['string', name], RedundancyStatus: ['uint16', status], ...(health !== undefined && { HealthState: ['uint16', health] }),
  });
  const report = evaluateHealth({
    processors: [instance('CIM_Processor', { ElementName: ['string', 'CPU 1'], HealthState: ['uint16', 5] })],
    memory: [instance('CIM_Memory', { ElementName: ['string', 'DIMM A1'], HealthState: ['uint16', 25] })],
    batteries: [instance('CIM_Battery', { ElementName: ['string', 'CMOS'], OperationalStatus: ['uint16', [3]] })],
    redundancySets: [set('PSU set', 2), set('Fan set', 3), set('PSU set 2', 4), set('Cooling', 5), set('Unknown set', 0), set('Own health', 4, 5), set('No status', null),
      set('Health unknown', 4, 0)],
  });
  t.same(report.elements.map((e) => [e.kind, e.name, e.status.state, e.status.text, e.currentState]), [
    ['processor', 'CPU 1', 'OK', 'OK', undefined],
    ['memory', 'DIMM A1', 'CRITICAL', 'Critical failure', undefined],
    ['battery', 'CMOS', 'WARNING', 'Degraded', undefined],
    ['redundancySet', 'PSU set', 'OK', 'OK', 'Fully Redundant'],
    ['redundancySet', 'Fan set', 'WARNING', 'Degraded', 'Degraded Redundancy'],
    ['redundancySet', 'PSU set 2', 'WARNING', 'Redundancy Lost', 'Redundancy Lost'],
    ['redundancySet', 'Cooling', 'CRITICAL', 'Overall Failure', 'Overall Failure'],
    ['redundancySet', 'Unknown set', 'OK', 'Unknown', 'Unknown'],
    ['redundancySet', 'Own health', 'OK', 'OK', 'Redundancy Lost'],
    ['redundancySet', 'No status', 'OK', 'Unknown', undefined],
    ['redundancySet', 'Health unknown', 'WARNING', 'Redundancy Lost', 'Redundancy Lost'],
  ], 'a HealthState a set has anyway is read first, unless 0 (it says nothing); an unknown redundancy counts for nothing');
  const bare = evaluateHealth({ processors: [instance('CIM_Processor', { DeviceID: ['string', 'CPU0'] })], fans: [instance('CIM_Fan', { HealthState: ['uint16', 5] })] });
  t.same([bare.state, bare.elements[1]?.status], ['OK', { state: 'OK', text: 'Unknown' }],
    'a processor without any status (an old OpenPegasus provider) is unknown, not a verdict of UNKNOWN');
  t.equal(report.state, 'CRITICAL');
});

t.test('a system whose own status is worse than every element\'s counts: a provider that never answered (No Contact)', async (t) => {
  const system = (props: Props) => instance('CIM_ComputerSystem', { Name: ['string', 'esx'], ...props });
  const fan = instance('CIM_Fan', { ElementName: ['string', 'FAN 1'], HealthState: ['uint16', 5] });
  // thincim's model: a provider without a sample makes the system HealthState 0 with OperationalStatus 12 No Contact.
  const noContact = evaluateHealth({ systems: [system({
    HealthState: ['uint16', 0], OperationalStatus: ['uint16', [12]], StatusDescriptions: ['string', ['provider ipmi: ipmitool not found']],
  })], fans: [fan] });
  t.equal(noContact.state, 'WARNING');
  t.same(problems(noContact).map((e) => [e.kind, e.name, e.status.text, e.currentState]), [['system', 'esx', 'No Contact', 'provider ipmi: ipmitool not found']],
    'its first status description says why');
  const long = evaluateHealth({ systems: [system({ OperationalStatus: ['uint16', [12]], StatusDescriptions: ['string', [`provider x: ${'é'.repeat(300)}`]] })], fans: [fan] });
  t.equal([...problems(long)[0]!.currentState!].length, 201, 'a long reason is cut to 200 characters and an ellipsis: the Nagios line keeps its perfdata');
  const explained = evaluateHealth({
    systems: [system({ HealthState: ['uint16', 25] })],
    fans: [instance('CIM_Fan', { ElementName: ['string', 'FAN 1'], HealthState: ['uint16', 25] })],
  });
  t.same(problems(explained).map((e) => e.name), ['FAN 1'], 'a system no worse than its elements adds nothing: the elements say why');
  const vendor = evaluateHealth({ systems: [system({ HealthState: ['uint16', 32768] })], fans: [fan] });
  t.equal(vendor.state, 'OK', 'a status the tables do not know (UNKNOWN) is no finding: only WARNING and CRITICAL are');
  const filtered = evaluateHealth({ systems: [system({ OperationalStatus: ['uint16', [12]] })], fans: [fan] }, { exclude: /nothing/ });
  t.equal(filtered.state, 'OK', 'with a filter the system would undo it: not counted');
  const alone = evaluateHealth({ systems: [system({ OperationalStatus: ['uint16', [6]] })] });
  t.equal(alone.state, 'CRITICAL', 'no element at all, but the system says Error');
});

t.test('include and exclude filter by name; nothing left is UNKNOWN', async (t) => {
  const inventory = vendorInventory();
  t.same(evaluateHealth(inventory, { include: /^(CPU|VBAT)/ }).elements.map((e) => e.name), ['CPU1 Temp', 'VBAT']);
  const withoutFan = evaluateHealth(inventory, { exclude: /FAN|psu/ });
  t.equal(withoutFan.state, 'WARNING');
  const none = evaluateHealth(inventory, { include: /^nothing$/ });
  t.same(none.elements, []);
  t.equal(none.state, 'UNKNOWN');
  t.equal(evaluateHealth({}).state, 'UNKNOWN', 'an empty inventory');
});

t.test('element names and readable readings of odd sensors', async (t) => {
  t.equal(elementName(instance('X', { ElementName: ['string', '  '], DeviceID: ['string', 'd1'] })), 'd1', 'blank names are skipped');
  t.equal(elementName(instance('X', {})), 'Unknown');
  const readable = sensorReading(instance('S', {
    CurrentReading: ['sint32', 15], UnitModifier: ['sint32', 0], MinReadable: ['sint32', 0], MaxReadable: ['sint32', 100], BaseUnits: ['uint16', 65],
    LowerThresholdFatal: ['sint32', 1], UpperThresholdFatal: ['sint32', 99],
  }));
  t.same(readable, {
    unit: '%', current: { value: 15, text: '15' }, minReadable: { value: 0, text: '0' }, maxReadable: { value: 100, text: '100' },
    thresholds: { LowerThresholdFatal: { value: 1, text: '1' }, UpperThresholdFatal: { value: 99, text: '99' } },
  });
});
