import t from 'tap';
import { CIMDateTime, CIMInstance, CIMInstanceName, NocaseMap, cimProperty } from '../../src/cim/index.js';
import {
  buildHost, buildModel, checkProfileRules, createInstanceIndex, registeredProfilePath, rememberReadings,
  type BuildProblem, type HardwareSnapshot, type ModelInput,
} from '../../src/model/index.js';
import { NO_READINGS } from '../../src/model/readings.js';
import { Model, NOW, fullSnapshot, input, sample, values } from './fixtures.js';

function build(modelInput: ModelInput): { model: Model; problems: BuildProblem[] } {
  const problems: BuildProblem[] = [];
  const entries = buildModel(modelInput, { onProblem: (p) => problems.push(p) });
  return { model: new Model(entries), problems };
}

const { model: full, problems: fullProblems } = build(input([sample(fullSnapshot(), { intervalMs: 5000 })]));

t.test('a full snapshot builds without problems and keeps every profile rule', async (t) => {
  t.same(fullProblems, []);
  t.same(checkProfileRules(full.entries), []);
  t.doesNotThrow(() => createInstanceIndex(1, full.entries));
  for (const { namespace, instance } of full.entries) {
    t.equal(instance.path?.namespace, namespace, `${instance.classname} has a full path`);
    for (const [key, value] of instance.path!.keybindings) t.same(instance.get(key), value, `${instance.classname}.${key} is a property too`);
  }
});

t.test('Base Server: one system named after the host, its health the roll-up', async (t) => {
  const [system, ...more] = full.all('Thincim_ComputerSystem');
  t.equal(more.length, 0);
  t.same(Object.fromEntries(system!.path!.keybindings), { CreationClassName: 'Thincim_ComputerSystem', Name: 'host1' });
  t.match(values(system!, ['ElementName', 'NameFormat', 'Dedicated', 'EnabledState', 'RequestedState', 'HealthState', 'OperationalStatus', 'PrimaryStatus']), {
    ElementName: 'host1', NameFormat: 'IP', Dedicated: [0], EnabledState: 2, RequestedState: 12, HealthState: 5, OperationalStatus: [2], PrimaryStatus: 1,
  });
  t.same(system!.get('OtherIdentifyingInfo'), ['4c4c4544-0042-4310-8031-b3c04f323334', 'ABC1234', 'Dell Inc.', 'PowerEdge R6515']);
  t.same(system!.get('IdentifyingDescriptions'), ['CIM:GUID', 'CIM:SerialNumber', 'CIM:Manufacturer', 'CIM:Model']);
  const devices = full.entries.filter((e) => e.instance.path?.keybindings.has('DeviceID'));
  t.equal(devices.length, 14, '5 numeric and 2 discrete sensors, 2 fans, 2 supplies, a processor, a DIMM, a battery');
  t.equal(full.all('Thincim_SystemDevice').length, devices.length, 'one SystemDevice per device');
  for (const { instance } of devices) {
    t.match(Object.fromEntries(instance.path!.keybindings), { SystemCreationClassName: 'Thincim_ComputerSystem', SystemName: 'host1', CreationClassName: instance.classname });
    t.match(values(instance, ['EnabledState', 'RequestedState']), { EnabledState: 2, RequestedState: 12 });
  }
});

t.test('numeric sensors (DSP1009)', async (t) => {
  const cpu = full.one('Thincim_NumericSensor', 'test:cpu-temp');
  t.match(values(cpu, [
    'SensorType', 'BaseUnits', 'UnitModifier', 'RateUnits', 'CurrentReading', 'UpperThresholdNonCritical', 'UpperThresholdCritical',
    'LowerThresholdNonCritical', 'LowerThresholdCritical', 'LowerThresholdFatal', 'UpperThresholdFatal', 'SupportedThresholds',
    'EnabledThresholds', 'SettableThresholds', 'PossibleStates', 'CurrentState', 'ElementName', 'HealthState', 'OperationalStatus',
    'PrimaryStatus', 'StatusDescriptions', 'PollingInterval', 'Description',
  ]), {
    SensorType: 2, BaseUnits: 2, UnitModifier: -3, RateUnits: 0, CurrentReading: 45123,
    UpperThresholdNonCritical: 85000, UpperThresholdCritical: 95000,
    LowerThresholdNonCritical: null, LowerThresholdCritical: null, LowerThresholdFatal: null, UpperThresholdFatal: null,
    SupportedThresholds: [1, 3], EnabledThresholds: [1, 3], SettableThresholds: [1],
    PossibleStates: ['Unknown', 'Normal', 'Upper Non-Critical', 'Upper Critical'], CurrentState: 'Normal',
    ElementName: 'CPU Temp', HealthState: 5, OperationalStatus: [2], PrimaryStatus: 1, StatusDescriptions: ['OK'],
    PollingInterval: 5_000_000_000n, Description: 'coretemp-isa-0000/temp1',
  });
  t.match(values(full.one('Thincim_NumericSensor', 'test:12v'), ['SensorType', 'BaseUnits', 'UnitModifier', 'CurrentReading', 'LowerThresholdCritical', 'UpperThresholdCritical']), {
    SensorType: 3, BaseUnits: 5, UnitModifier: -2, CurrentReading: 1218, LowerThresholdCritical: 1080, UpperThresholdCritical: 1320,
  });
  const inlet = full.one('Thincim_NumericSensor', 'test:inlet');
  t.match(values(inlet, ['SupportedThresholds', 'SettableThresholds', 'PossibleStates', 'UnitModifier']), {
    SupportedThresholds: [], SettableThresholds: [], PossibleStates: ['Unknown', 'Normal'], UnitModifier: 0,
  });
  t.match(values(full.one('Thincim_NumericSensor', 'test:psu1-power'), ['SensorType', 'BaseUnits']), { SensorType: 13, BaseUnits: 7 });
});

t.test('a sensor whose values do not fit a sint32 at full precision loses digits, all alike', async (t) => {
  const snapshot: HardwareSnapshot = {
    sensors: [{ id: 'e', label: 'Energy', kind: 'energy', unit: 'joules', value: 3_000_000.125, decimals: 3, thresholds: { upperNonCritical: 9_000_000 } }],
  };
  const { model } = build(input([sample(snapshot)]));
  t.match(values(model.one('Thincim_NumericSensor', 'test:e'), ['SensorType', 'OtherSensorTypeDescription', 'BaseUnits', 'UnitModifier', 'CurrentReading', 'UpperThresholdNonCritical']), {
    SensorType: 1, OtherSensorTypeDescription: 'Energy', BaseUnits: 8, UnitModifier: -2, CurrentReading: 300_000_013, UpperThresholdNonCritical: 900_000_000,
  });
});

t.test('sensor states and health follow the thresholds and the source', async (t) => {
  const snapshot = (value: number, health?: 'ok' | 'critical', thresholdsJudged?: boolean): HardwareSnapshot => ({
    sensors: [{
      id: 's', label: 'T', kind: 'temperature', unit: 'celsius', value, decimals: 0, health, thresholdsJudged,
      thresholds: { upperNonCritical: 80, upperCritical: 90, upperFatal: 100 },
    }],
  });
  const cases: [number, 'ok' | 'critical' | undefined, boolean | undefined, string, number, number[]][] = [
    [50, undefined, undefined, 'Normal', 5, [2]], [85, undefined, undefined, 'Upper Non-Critical', 10, [3]],
    [92, undefined, undefined, 'Upper Critical', 25, [6]], [100, undefined, undefined, 'Upper Fatal', 30, [7]],
    // The source's fault outranks the thresholds; which threshold it saw is not known.
    [50, 'critical', undefined, 'Unknown', 25, [6]], [85, 'critical', undefined, 'Upper Non-Critical', 25, [6]],
    // An OK source does not clear a crossed threshold it did not judge (hwmon alarms cover only some limits)…
    [92, 'ok', undefined, 'Upper Critical', 25, [6]],
    // …but a source that judged the thresholds itself (a BMC's status column) is the verdict.
    [92, 'ok', true, 'Normal', 5, [2]], [100, 'ok', true, 'Normal', 5, [2]], [50, 'critical', true, 'Unknown', 25, [6]],
    [95, 'critical', true, 'Upper Critical', 25, [6]], [85, 'critical', true, 'Unknown', 25, [6]],
  ];
  for (const [value, health, judged, state, healthState, status] of cases) {
    const { model } = build(input([sample(snapshot(value, health, judged))]));
    t.match(values(model.one('Thincim_NumericSensor', 'test:s'), ['CurrentState', 'HealthState', 'OperationalStatus']), { CurrentState: state, HealthState: healthState, OperationalStatus: status }, `${value} ${health ?? ''} ${judged ?? ''}`);
    t.equal(model.all('Thincim_ComputerSystem')[0]!.get('HealthState'), healthState, 'rolls up to the system');
  }
});

t.test('discrete sensors', async (t) => {
  const intrusion = full.one('OMC_DiscreteSensor', 'test:intrusion');
  t.match(values(intrusion, ['SensorType', 'PossibleStates', 'CurrentState', 'ElementName', 'HealthState', 'OperationalStatus', 'EnabledState']), {
    SensorType: 16, PossibleStates: ['Secure', 'Intrusion Detected', 'Unknown'], CurrentState: 'Secure', ElementName: 'Chassis Intrusion',
    HealthState: 5, OperationalStatus: [2], EnabledState: 2,
  });
  t.equal(full.one('OMC_DiscreteSensor', 'test:psu1-presence').get('SensorType'), 11);
  const broken: HardwareSnapshot = { discreteSensors: [{ id: 'd', label: 'Lid', kind: 'intrusion', possibleStates: ['Closed'], state: 'Open', health: 'warning' }] };
  const { model, problems } = build(input([sample(broken)]));
  t.match(values(model.one('OMC_DiscreteSensor', 'test:d'), ['PossibleStates', 'CurrentState', 'HealthState', 'StatusDescriptions']), {
    PossibleStates: ['Closed', 'Open', 'Unknown'], CurrentState: 'Open', HealthState: 10, StatusDescriptions: ['Open'],
  });
  t.match(problems, [{ provider: 'test', subject: 'd', message: /not one of its possible states/ }]);
});

t.test('fans (DSP1013) and their tachometers', async (t) => {
  const fan = full.one('OMC_Fan', 'test:fan1');
  t.match(values(fan, ['ActiveCooling', 'VariableSpeed', 'DesiredSpeed', 'ElementName', 'HealthState']), {
    ActiveCooling: true, VariableSpeed: true, DesiredSpeed: 9600n, ElementName: 'Fan 1', HealthState: 5,
  });
  const tach = full.one('Thincim_NumericSensor', 'test:fan1-rpm');
  t.match(values(tach, ['SensorType', 'BaseUnits', 'CurrentReading']), { SensorType: 5, BaseUnits: 19, CurrentReading: 9600 });
  t.same(full.ends('Thincim_AssociatedSensor', 'Dependent', fan.path!, 'Antecedent'), [tach.path!.key]);
  t.equal(full.one('OMC_Fan', 'test:fan2').get('DesiredSpeed'), undefined, 'unknown desired speed stays NULL');

  const stopped = (idleAllowed: boolean): HardwareSnapshot => ({
    sensors: [{ id: 'rpm', label: 'Fan Speed', kind: 'fan', unit: 'rpm', value: 0, decimals: 0 }],
    fans: [{ id: 'f', label: 'Fan', speedSensor: 'rpm', status: 'ok', idleAllowed }],
  });
  const failed = build(input([sample(stopped(false))])).model;
  t.match(values(failed.one('OMC_Fan', 'test:f'), ['HealthState', 'OperationalStatus', 'StatusDescriptions']), { HealthState: 25, OperationalStatus: [6], StatusDescriptions: ['stopped'] },
    'a stopped fan is failed although its source says ok');
  t.equal(failed.all('Thincim_ComputerSystem')[0]!.get('HealthState'), 25);
  t.equal(build(input([sample(stopped(true))])).model.one('OMC_Fan', 'test:f').get('HealthState'), 5, 'zero-RPM mode is fine');
  // snapshot.ts: a fan's speedSensor is "the numeric sensor with the fan's speed (kind 'fan')".
  const miswired = build(input([sample({
    sensors: [{ id: 'inlet', label: 'Inlet Temp', kind: 'temperature', unit: 'celsius', value: 0, decimals: 0 }],
    fans: [{ id: 'f', label: 'Fan', speedSensor: 'inlet', status: 'ok' }],
  })]));
  t.equal(miswired.model.one('OMC_Fan', 'test:f').get('HealthState'), 5, 'a temperature of 0 °C is no stopped fan');
  t.same(miswired.model.ends('Thincim_AssociatedSensor', 'Dependent', miswired.model.one('OMC_Fan', 'test:f').path!, 'Antecedent'), [], 'nor its tachometer');
  t.same(miswired.problems.map((p) => `${p.subject}: ${p.message}`), ['inlet: fan f names a sensor of kind temperature as its speed sensor, which must be of kind fan: not its speed']);
  const fast = build(input([sample({
    sensors: [{ id: 'rpm', label: 'Processor Fan', kind: 'fan', unit: 'rpm', value: 4300, decimals: 0, thresholds: { upperNonCritical: 3000 } }],
    fans: [{ id: 'f', label: 'Processor Fan', speedSensor: 'rpm', status: 'ok' }],
  })])).model;
  t.same(fast.all('Thincim_ComputerSystem')[0]!.get('StatusDescriptions'), ['Processor Fan: Upper Non-Critical'], 'a fan named as its sensor is named once');

  // A monitoring chip's header: its source cannot tell unconnected from dead, so it says unknown.
  const header = (value: number | null): HardwareSnapshot => ({
    sensors: [{ id: 'rpm', label: 'fan3', kind: 'fan', unit: 'rpm', value, decimals: 0, ...(value === null ? { unavailable: 'failed' as const } : {}) }],
    fans: [{ id: 'f', label: 'fan3', speedSensor: 'rpm', status: 'unknown' }],
  });
  const fanState = (model: Model) => values(model.one('OMC_Fan', 'test:f'), ['HealthState', 'StatusDescriptions']);
  const idleHeader = build(input([sample(header(0))])).model;
  t.same(fanState(idleHeader), { HealthState: 0, StatusDescriptions: ['unknown'] }, 'at 0 since first read: unknown, not stopped');
  t.same(values(idleHeader.all('Thincim_ComputerSystem')[0]!, ['HealthState', 'OperationalStatus']), { HealthState: 5, OperationalStatus: [2] },
    'a device without an opinion is left out of the roll-up');
  const turned = rememberReadings(NO_READINGS, header(1500), NOW);
  t.same(fanState(build(input([sample(header(0), { readings: turned })])).model), { HealthState: 25, StatusDescriptions: ['stopped'] }, 'seen turning, then 0: stopped');
  const stillStopped = rememberReadings(rememberReadings(turned, header(0), NOW), header(0), NOW);
  t.equal(build(input([sample(header(0), { readings: stillStopped })])).model.one('OMC_Fan', 'test:f').get('HealthState'), 25, 'and stays stopped');
  const apu = build(input([sample(header(null))])).model;
  t.same(fanState(apu), { HealthState: 0, StatusDescriptions: ['not present'] }, 'a speed never read: an absent part');
  t.equal(apu.all('Thincim_ComputerSystem')[0]!.get('HealthState'), 5, 'left out of the roll-up');
  const lost = build(input([sample(header(null), { readings: turned })])).model;
  t.same(values(lost.all('Thincim_ComputerSystem')[0]!, ['HealthState', 'OperationalStatus']), { HealthState: 0, OperationalStatus: [13] },
    'a part that cannot be read any more rolls up, through its sensor');
});

t.test('power supplies (DSP1015)', async (t) => {
  const psu = full.one('OMC_PowerSupply', 'test:psu1');
  t.match(values(psu, ['TotalOutputPower', 'ElementName', 'HealthState', 'OperationalStatus']), { TotalOutputPower: 750000, ElementName: 'PSU 1', HealthState: 5, OperationalStatus: [2] });
  t.equal(full.one('OMC_PowerSupply', 'test:psu2').get('TotalOutputPower'), 0, '0 means unknown');
  const linked = full.ends('Thincim_AssociatedSensor', 'Dependent', psu.path!, 'Antecedent');
  t.same(linked, [full.one('Thincim_NumericSensor', 'test:psu1-power').path!.key, full.one('OMC_DiscreteSensor', 'test:psu1-presence').path!.key].sort());

  const snapshot = fullSnapshot();
  snapshot.powerSupplies![1]!.status = 'failed';
  snapshot.sensors![3]!.value = 760;
  const { model } = build(input([sample(snapshot)]));
  t.match(values(model.one('OMC_PowerSupply', 'test:psu2'), ['HealthState', 'OperationalStatus', 'StatusDescriptions']), { HealthState: 25, OperationalStatus: [6], StatusDescriptions: ['failed'] });
  t.match(values(model.one('OMC_PowerSupply', 'test:psu1'), ['HealthState', 'StatusDescriptions']), { HealthState: 25, StatusDescriptions: ['PSU1 Power: Upper Critical'] },
    'a sensor fault of the supply makes the supply faulty');
});

t.test('redundancy sets', async (t) => {
  const fans = full.one('Thincim_RedundancySet', 'Thincim:test:fans', 'InstanceID');
  t.match(values(fans, ['ElementName', 'RedundancyStatus', 'TypeOfSet', 'MinNumberNeeded']), { ElementName: 'Fan Redundancy', RedundancyStatus: 2, TypeOfSet: [2], MinNumberNeeded: 1 });
  t.same(full.ends('Thincim_MemberOfCollection', 'Collection', fans.path!, 'Member'), [full.one('OMC_Fan', 'test:fan1').path!.key, full.one('OMC_Fan', 'test:fan2').path!.key].sort());
  const statuses = [['full', 2, 5], ['degraded', 3, 10], ['lost', 4, 10], ['failed', 5, 25], ['unknown', 0, 5]] as const;
  for (const [status, value, systemHealth] of statuses) {
    const snapshot: HardwareSnapshot = { fans: [{ id: 'f', label: 'F', status: 'ok', redundancyGroup: 'g' }], redundancy: [{ id: 'g', label: 'G', kind: 'fan', status }] };
    const { model } = build(input([sample(snapshot)]));
    const set = model.one('Thincim_RedundancySet', 'Thincim:test:g', 'InstanceID');
    t.match(values(set, ['RedundancyStatus', 'TypeOfSet', 'MinNumberNeeded']), { RedundancyStatus: value, TypeOfSet: [0], MinNumberNeeded: 0 }, status);
    t.equal(model.all('Thincim_ComputerSystem')[0]!.get('HealthState'), systemHealth, `${status} redundancy and the system`);
  }
});

t.test("a processor's Description names its maker once", async (t) => {
  const cases: [string | undefined, string | undefined, string][] = [
    ['AMD', 'AMD EPYC 7702P 64-Core Processor', 'AMD EPYC 7702P 64-Core Processor'],
    ['Intel', '12th Gen Intel(R) Core(TM) i7-12700K', '12th Gen Intel(R) Core(TM) i7-12700K'],
    ['ARM', 'BCM2711', 'ARM BCM2711'], [undefined, 'BCM2711', 'BCM2711'], ['AMD', undefined, 'AMD'],
  ];
  for (const [manufacturer, model, description] of cases) {
    const { model: built } = build(input([sample({ processors: [{ id: 'cpu0', label: 'CPU 1', manufacturer, model, status: 'ok' }] })]));
    t.equal(built.one('Thincim_Processor', 'test:cpu0').get('Description'), description, `${manufacturer} / ${model}`);
  }
});

t.test('processors, memory, batteries', async (t) => {
  t.match(values(full.one('Thincim_Processor', 'test:cpu0'), ['Family', 'OtherFamilyDescription', 'MaxClockSpeed', 'CurrentClockSpeed', 'NumberOfEnabledCores', 'Description', 'HealthState']), {
    Family: 1, OtherFamilyDescription: 'EPYC 7313P', MaxClockSpeed: 3700, CurrentClockSpeed: 3000, NumberOfEnabledCores: 16, Description: 'AMD EPYC 7313P', HealthState: 5,
  });
  const cpuTemp = full.one('Thincim_NumericSensor', 'test:cpu-temp');
  t.same(full.ends('Thincim_AssociatedSensor', 'Antecedent', cpuTemp.path!, 'Dependent'), [full.one('Thincim_Processor', 'test:cpu0').path!.key]);
  const dimm = full.one('Thincim_Memory', 'test:dimm-a1');
  t.match(values(dimm, ['Volatile', 'BlockSize', 'NumberOfBlocks', 'Description', 'ElementName']), {
    Volatile: true, BlockSize: 1n, NumberOfBlocks: 17179869184n, Description: 'DDR4 3200 MHz', ElementName: 'DIMM A1',
  });
  t.match(values(full.one('Thincim_Battery', 'test:cmos'), ['EstimatedChargeRemaining', 'ChargingStatus']), { EstimatedChargeRemaining: 98, ChargingStatus: 2 });
  const bare: HardwareSnapshot = { processors: [{ id: 'p', label: 'P', status: 'degraded' }], batteries: [{ id: 'b', label: 'B', status: 'ok', charging: false }] };
  const { model } = build(input([sample(bare)]));
  t.match(values(model.one('Thincim_Processor', 'test:p'), ['Family', 'CurrentClockSpeed', 'MaxClockSpeed', 'HealthState']), { Family: 2, CurrentClockSpeed: 0, MaxClockSpeed: undefined, HealthState: 10 });
  t.equal(model.one('Thincim_Battery', 'test:b').get('ChargingStatus'), undefined);
});

t.test('physical assets (DSP1011)', async (t) => {
  const chassis = full.one('Thincim_Chassis', 'ASSET-1', 'Tag');
  t.match(values(chassis, ['ElementName', 'Manufacturer', 'Model', 'SerialNumber', 'PartNumber', 'PackageType', 'ChassisPackageType', 'ChassisTypeDescription']), {
    ElementName: 'Chassis', Manufacturer: 'Dell Inc.', Model: 'PowerEdge R6515', SerialNumber: 'ABC1234', PartNumber: 'P1',
    PackageType: 3, ChassisPackageType: 23, ChassisTypeDescription: 'Rack Mount Chassis',
  });
  const system = full.all('Thincim_ComputerSystem')[0]!;
  const csp = full.linked('Thincim_ComputerSystemPackage', 'Antecedent', chassis.path!);
  t.equal(csp.length, 1);
  t.equal((csp[0]!.get('Dependent') as CIMInstanceName).key, system.path!.key);
  t.equal(csp[0]!.get('PlatformGUID'), '4c4c4544-0042-4310-8031-b3c04f323334');
  const card = full.one('Thincim_Card', 'test:mb', 'Tag');
  t.match(values(card, ['ElementName', 'HostingBoard', 'PackageType', 'SerialNumber']), { ElementName: 'System Board', HostingBoard: true, PackageType: 9, SerialNumber: 'MB1' });
  const packages = full.all('Thincim_PhysicalPackage');
  t.same(packages.map((p) => [p.path!.keybindings.get('Tag'), p.get('PackageType'), p.get('CanBeFRUed')]).sort(), [
    ['test:dimm-a1', 13, true], ['test:fan1', 7, true], ['test:psu1', 6, true],
  ], 'packages only for devices with FRU data');
  const fanPackage = full.one('Thincim_PhysicalPackage', 'test:fan1', 'Tag');
  t.match(values(fanPackage, ['Manufacturer', 'PartNumber', 'ElementName']), { Manufacturer: 'Delta', PartNumber: 'F1', ElementName: 'Fan 1' });
  t.same(full.ends('Thincim_Realizes', 'Antecedent', fanPackage.path!, 'Dependent'), [full.one('OMC_Fan', 'test:fan1').path!.key]);
  t.same(full.ends('Thincim_Container', 'GroupComponent', chassis.path!, 'PartComponent'), [card, ...packages].map((p) => p.path!.key).sort());
});

t.test('chassis package types from SMBIOS texts', async (t) => {
  const cases: [string | undefined, number][] = [
    ['Rack Mount Chassis', 23], ['Main Server Chassis', 17], ['Tower', 7], ['Laptop', 9], ['Mini PC', 35], ['Blade Enclosing', 28],
    ['Sub Chassis', 19], ['RAID Chassis', 22], ['Other', 1], ['Unknown', 0], ['Spaceship', 1], [undefined, 0], [' ', 0],
  ];
  for (const [type, expected] of cases) {
    const { model } = build(input([sample({ chassis: [{ id: 'c', type }] })]));
    t.equal(model.all('Thincim_Chassis')[0]!.get('ChassisPackageType'), expected, String(type));
  }
});

t.test('firmware: OMC_SMASHFirmwareIdentity "System BIOS"', async (t) => {
  const bios = full.one('OMC_SMASHFirmwareIdentity', 'Thincim:test:bios', 'InstanceID');
  t.match(values(bios, ['ElementName', 'Name', 'VersionString', 'Manufacturer', 'Classifications', 'IsEntity']), {
    ElementName: 'System BIOS', Name: 'System BIOS', VersionString: '2.14.1', Manufacturer: 'Dell Inc.', Classifications: [10, 11], IsEntity: true,
  });
  t.ok(bios.get('ReleaseDate') instanceof CIMDateTime);
  t.equal(String(bios.get('ReleaseDate')), '20230517000000.000000+000');
  const esi = full.linked('Thincim_ElementSoftwareIdentity', 'Antecedent', bios.path!);
  t.equal((esi[0]!.get('Dependent') as CIMInstanceName).key, full.all('Thincim_ComputerSystem')[0]!.path!.key);
  t.same(esi[0]!.get('ElementSoftwareStatus'), [2, 6]);
  const { model } = build(input([sample({ firmware: [{ id: 'bmc', label: 'BMC Firmware', version: '1.0', releaseDate: new Date(NaN) }] })]));
  const bmc = model.one('OMC_SMASHFirmwareIdentity', 'BMC Firmware');
  t.same(values(bmc, ['Classifications', 'ReleaseDate']), { Classifications: [10], ReleaseDate: undefined }, 'an invalid date is left out');
});

t.test('profile registration (DSP1033)', async (t) => {
  const profiles = full.all('Thincim_RegisteredProfile', 'root/interop');
  t.same(profiles.map((p) => [p.get('InstanceID'), p.get('RegisteredName'), p.get('RegisteredVersion'), p.get('RegisteredOrganization'), p.get('AdvertiseTypes')]), [
    ['Thincim:DSP1004', 'Base Server', '1.0.1', 2, [2]],
    ['Thincim:DSP1033', 'Profile Registration', '1.0.0', 2, [2]],
    ['Thincim:DSP1009', 'Sensors', '1.1.1', 2, [2]],
    ['Thincim:DSP1013', 'Fan', '1.1.0', 2, [2]],
    ['Thincim:DSP1015', 'Power Supply', '1.1.0', 2, [2]],
    ['Thincim:DSP1011', 'Physical Asset', '1.0.2', 2, [2]],
  ], 'AdvertiseTypes 2 Not Advertised: no SLP service agent runs');
  const baseServer = registeredProfilePath({ dsp: 'DSP1004' });
  t.equal(baseServer.namespace, 'root/interop');
  const referencing = full.linked('Thincim_ReferencedProfile', 'Dependent', baseServer, 'root/interop');
  t.equal(referencing.length, 5, 'every other profile references Base Server');
  for (const namespace of ['root/interop', 'root/cimv2']) {
    const conforms = full.all('Thincim_ElementConformsToProfile', namespace);
    t.equal(conforms.length, 1 + 7 + 2 + 2 + 1 + 1 + 3, `conformance in ${namespace}: system, 7 sensors, 2 fans, 2 supplies, chassis, board, 3 FRU packages`);
    for (const c of conforms) {
      t.equal((c.get('ConformantStandard') as CIMInstanceName).namespace, 'root/interop');
      t.equal((c.get('ManagedElement') as CIMInstanceName).namespace, 'root/cimv2');
    }
  }
  const index = createInstanceIndex(1, full.entries);
  const fan = full.one('OMC_Fan', 'test:fan1').path!;
  t.equal(index.referencing('root/interop', fan).length, 1, 'a fan reached from the interop namespace');
  t.equal(index.referencing('root/cimv2', registeredProfilePath({ dsp: 'DSP1013' })).length, 2, 'the Fan profile reached from root/cimv2');
});

t.test('a chassis is served even when no provider describes one, and its Manufacturer is a string', async (t) => {
  const bare = build(input([sample({ sensors: [{ id: 's', label: 'S', kind: 'voltage', unit: 'volts', value: 1, decimals: 1 }] })])).model;
  t.same(bare.all('Thincim_Chassis').map((c) => values(c, ['ElementName', 'Manufacturer', 'Model', 'HealthState'])), [
    { ElementName: 'Chassis', Manufacturer: '', Model: null, HealthState: 5 },
  ]);
  const named = build(input([sample({ system: { hostname: 'h', manufacturer: 'Dell Inc.', model: 'PowerEdge R320' } })])).model;
  t.equal(named.one('Thincim_Chassis', 'Chassis').get('Manufacturer'), 'Dell Inc.', "the system's maker");
  const unnamed = build(input([sample({ chassis: [{ id: 'c', serialNumber: 'S1' }] })])).model;
  t.same(values(unnamed.one('Thincim_Chassis', 'Chassis'), ['Manufacturer', 'SerialNumber']), { Manufacturer: '', SerialNumber: 'S1' });
  t.same(build(input([sample(undefined)])).model.all('Thincim_Chassis'), [], 'none before a provider has sampled');
});

t.test('component profiles only with their central instances', async (t) => {
  const { model } = build(input([sample({ sensors: [{ id: 's', label: 'S', kind: 'voltage', unit: 'volts', value: 1, decimals: 1 }] })]));
  t.same(model.all('Thincim_RegisteredProfile', 'root/interop').map((p) => p.get('RegisteredName')), ['Base Server', 'Profile Registration', 'Sensors', 'Physical Asset']);
  const empty = build(input([])).model;
  t.same(empty.all('Thincim_RegisteredProfile', 'root/interop').map((p) => p.get('RegisteredName')), ['Base Server', 'Profile Registration']);
  t.same(checkProfileRules(empty.entries), []);
  t.match(values(empty.all('Thincim_ComputerSystem')[0]!, ['HealthState', 'OperationalStatus', 'StatusDescriptions']), {
    HealthState: 0, OperationalStatus: [0], StatusDescriptions: ['no hardware provider'],
  });
});

t.test('a stale snapshot reports lost communication and keeps the last readings', async (t) => {
  const old = NOW - 61_000;
  const { model } = build(input([sample(fullSnapshot(), { sampledAt: old, error: 'ipmitool timed out' })]));
  const reason = `no fresh sample since ${new Date(old).toISOString()}: ipmitool timed out`;
  const cpu = model.one('Thincim_NumericSensor', 'test:cpu-temp');
  t.match(values(cpu, ['CurrentReading', 'CurrentState', 'HealthState', 'OperationalStatus', 'StatusDescriptions', 'UnitModifier', 'UpperThresholdCritical']), {
    CurrentReading: 45123, CurrentState: 'Unknown', HealthState: 0, OperationalStatus: [13], StatusDescriptions: [reason], UnitModifier: -3, UpperThresholdCritical: 95000,
  });
  t.equal(String(cpu.get('TimeOfLastStateChange')), String(CIMDateTime.fromDate(new Date(old))), 'lost since the last good sample');
  t.match(values(model.one('OMC_DiscreteSensor', 'test:intrusion'), ['CurrentState', 'HealthState', 'OperationalStatus']), { CurrentState: 'Unknown', HealthState: 0, OperationalStatus: [13] });
  t.match(values(model.one('OMC_Fan', 'test:fan1'), ['HealthState', 'OperationalStatus']), { HealthState: 0, OperationalStatus: [13] });
  t.equal(model.one('Thincim_RedundancySet', 'Thincim:test:fans', 'InstanceID').get('RedundancyStatus'), 0);
  t.match(values(model.all('Thincim_ComputerSystem')[0]!, ['HealthState', 'OperationalStatus']), { HealthState: 0, OperationalStatus: [13] });
  t.same(checkProfileRules(model.entries), []);
  const fresh = build(input([sample(fullSnapshot(), { sampledAt: NOW - 60_000, error: 'one failure' })])).model;
  const current = fresh.one('Thincim_NumericSensor', 'test:cpu-temp');
  t.same(values(current, ['CurrentReading', 'OperationalStatus']), { CurrentReading: 45123, OperationalStatus: [2] }, 'at the limit, and with a recent error, still current');
  t.equal(current.get('TimeOfLastStateChange'), undefined);
});

t.test('items served from an earlier sample are lost, each alone; the rest is current', async (t) => {
  const snapshot = fullSnapshot();
  const cpu = { ...snapshot.sensors![0]!, value: null };
  snapshot.sensors![0] = cpu;
  const fan1 = snapshot.fans![0]!;
  const psus = snapshot.redundancy![1]!;
  const intrusion = snapshot.discreteSensors![0]!;
  const reason = "invalid in the provider's sample (value)";
  const lost = new Map<object, string>([[cpu, reason], [fan1, reason], [psus, reason], [intrusion, reason]]);
  const readings = new Map([['cpu-temp', { value: 45.123, decimals: 3, lostSince: NOW - 5000 }]]);
  const { model, problems } = build(input([sample(snapshot, { readings, lost })]));
  t.same(problems, []);
  t.match(values(model.one('Thincim_NumericSensor', 'test:cpu-temp'), ['CurrentReading', 'OperationalStatus', 'StatusDescriptions']), {
    CurrentReading: 45123, OperationalStatus: [13], StatusDescriptions: [reason],
  }, 'a sensor with its last reading');
  t.equal(String(model.one('Thincim_NumericSensor', 'test:cpu-temp').get('TimeOfLastStateChange')), String(CIMDateTime.fromDate(new Date(NOW - 5000))));
  t.match(values(model.one('OMC_Fan', 'test:fan1'), ['HealthState', 'OperationalStatus', 'StatusDescriptions']), { HealthState: 0, OperationalStatus: [13], StatusDescriptions: [reason] });
  t.match(values(model.one('OMC_DiscreteSensor', 'test:intrusion'), ['OperationalStatus']), { OperationalStatus: [13] });
  t.equal(model.one('Thincim_RedundancySet', 'Thincim:test:psus', 'InstanceID').get('RedundancyStatus'), 0);
  t.same(values(model.one('OMC_Fan', 'test:fan2'), ['OperationalStatus']), { OperationalStatus: [2] }, 'the rest is current');
  t.same(values(model.one('Thincim_NumericSensor', 'test:12v'), ['OperationalStatus']), { OperationalStatus: [2] });
  t.equal(model.one('Thincim_RedundancySet', 'Thincim:test:fans', 'InstanceID').get('RedundancyStatus'), 2);
  t.same(checkProfileRules(model.entries), []);
});

t.test('chassis, boards and firmware served from an earlier sample are as they were: present, OK, as in a stale snapshot', async (t) => {
  const snapshot = fullSnapshot();
  const reason = "invalid in the provider's sample (serialNumber)";
  const lost = new Map<object, string>([snapshot.chassis![0]!, snapshot.boards![0]!, snapshot.firmware![0]!].map((item) => [item, reason]));
  const { model } = build(input([sample(snapshot, { lost })]));
  const statuses = ['OperationalStatus', 'HealthState', 'StatusDescriptions'];
  t.same(values(model.one('Thincim_Chassis', 'ASSET-1', 'Tag'), statuses), values(full.one('Thincim_Chassis', 'ASSET-1', 'Tag'), statuses));
  t.same(values(model.one('Thincim_Card', 'test:mb', 'Tag'), ['OperationalStatus', 'HealthState']), { OperationalStatus: [2], HealthState: 5 });
  t.same(values(model.one('OMC_SMASHFirmwareIdentity', 'Thincim:test:bios', 'InstanceID'), ['OperationalStatus']), { OperationalStatus: [2] });
});

t.test('lost readings keep the last good one; sensors that never had one are not served', async (t) => {
  const snapshot: HardwareSnapshot = {
    sensors: [
      { id: 'failed', label: 'F', kind: 'voltage', unit: 'volts', value: null, decimals: 1, unavailable: 'failed', thresholds: { upperCritical: 13 } },
      { id: 'never', label: 'N', kind: 'voltage', unit: 'volts', value: null, decimals: 2 },
      { id: 'disabled', label: 'D', kind: 'voltage', unit: 'volts', value: null, decimals: 2, unavailable: 'disabled' },
      { id: 'dimm', label: 'DIMM B1 Temp', kind: 'temperature', unit: 'celsius', value: null, decimals: 0, unavailable: 'absent', monitors: { kind: 'memory', id: 'b1' } },
      { id: 'psu-in', label: 'PSU2 In', kind: 'power', unit: 'watts', value: null, decimals: 0, unavailable: 'absent' },
    ],
    discreteSensors: [{ id: 'dimm-b1', label: 'DIMM B1', kind: 'presence', possibleStates: ['No Reading'], state: 'No Reading', health: 'unknown' }],
    fans: [{ id: 'fan', label: 'Fan 6', status: 'absent', speedSensor: 'never' }],
    powerSupplies: [{ id: 'psu', label: 'PSU2', status: 'ok', sensors: ['psu-in'] }],
  };
  const lostSince = NOW - 5000;
  const readings = new Map([['failed', { value: 12.25, decimals: 2, lostSince }]]);
  const { model, problems } = build(input([sample(snapshot, { readings })]));
  const failed = model.one('Thincim_NumericSensor', 'test:failed');
  t.match(values(failed, ['CurrentReading', 'UnitModifier', 'UpperThresholdCritical', 'HealthState', 'OperationalStatus', 'StatusDescriptions']), {
    CurrentReading: 1225, UnitModifier: -2, UpperThresholdCritical: 1300, HealthState: 0, OperationalStatus: [13], StatusDescriptions: ['reading failed'],
  }, 'at the finer resolution of the last reading');
  t.equal(String(failed.get('TimeOfLastStateChange')), String(CIMDateTime.fromDate(new Date(lostSince))));
  t.same(model.all('Thincim_NumericSensor').map((s) => s.get('ElementName')), ['F'], 'absent, disabled and never-read sensors are not served');
  t.same(problems, [], 'links to sensors that are not served are no defect');
  t.match(values(model.all('Thincim_ComputerSystem')[0]!, ['HealthState', 'OperationalStatus', 'StatusDescriptions']), {
    HealthState: 0, OperationalStatus: [13], StatusDescriptions: ['F: reading failed'],
  });
  const absentOnly = build(input([sample({ ...snapshot, sensors: snapshot.sensors!.slice(1) })])).model;
  t.equal(absentOnly.all('Thincim_ComputerSystem')[0]!.get('HealthState'), 5, 'absent parts and states without an opinion never turn the verdict');
  t.same(values(absentOnly.one('OMC_Fan', 'test:fan'), ['HealthState', 'StatusDescriptions']), { HealthState: 0, StatusDescriptions: ['not present'] }, 'the empty slot says so itself');
});

t.test('providers without a snapshot', async (t) => {
  const { model } = build(input([sample(fullSnapshot()), sample(undefined, { provider: 'ipmi', error: 'no BMC answers' })]));
  t.match(values(model.all('Thincim_ComputerSystem')[0]!, ['HealthState', 'OperationalStatus', 'StatusDescriptions']), {
    HealthState: 0, OperationalStatus: [12], StatusDescriptions: ['provider ipmi: no BMC answers'],
  });
  const waiting = build(input([sample(undefined, { provider: 'hwmon' })])).model;
  t.match(values(waiting.all('Thincim_ComputerSystem')[0]!, ['HealthState', 'OperationalStatus', 'StatusDescriptions']), {
    HealthState: 0, OperationalStatus: [0], StatusDescriptions: ['provider hwmon: not sampled yet'],
  });
  const faultWins = fullSnapshot();
  faultWins.fans![1]!.status = 'failed';
  const both = build(input([sample(faultWins), sample(undefined, { provider: 'ipmi', error: 'down' })])).model;
  t.equal(both.all('Thincim_ComputerSystem')[0]!.get('HealthState'), 25, 'a known fault outranks an unreachable provider');
});

t.test('several providers merge into one host', async (t) => {
  const dmi: HardwareSnapshot = {
    chassis: [{ id: 'dmi-chassis', serialNumber: 'ABC1234', manufacturer: 'Dell Inc.', type: 'Rack Mount Chassis' }],
    sensors: [{ id: 'temp1', label: 'Board Temp', kind: 'temperature', unit: 'celsius', value: 30, decimals: 0 }],
  };
  const bmc: HardwareSnapshot = {
    system: { hostname: 'bmc-name', uuid: 'u-1' },
    chassis: [{ id: 'fru0', serialNumber: 'ABC1234', model: 'R6515', partNumber: 'P9', manufacturer: 'DELL' }],
    sensors: [{ id: 'temp1', label: 'Inlet Temp', kind: 'temperature', unit: 'celsius', value: 21, decimals: 0, monitors: { kind: 'chassis', id: 'fru0' } }],
  };
  const { model, problems } = build(input([sample(dmi, { provider: 'sysinfo' }), sample(bmc, { provider: 'ipmi' })]));
  t.same(problems, []);
  t.equal(model.all('Thincim_ComputerSystem').length, 1);
  t.same(model.all('Thincim_ComputerSystem')[0]!.get('OtherIdentifyingInfo'), ['u-1'], 'identity from the first snapshot that has one');
  t.same(model.all('Thincim_NumericSensor').map((s) => s.path!.keybindings.get('DeviceID')), ['sysinfo:temp1', 'ipmi:temp1'], 'same ids, distinct devices');
  const chassis = model.all('Thincim_Chassis');
  t.equal(chassis.length, 1, 'one chassis: the same serial number');
  t.match(values(chassis[0]!, ['Manufacturer', 'Model', 'PartNumber', 'ChassisPackageType']), { Manufacturer: 'Dell Inc.', Model: 'R6515', PartNumber: 'P9', ChassisPackageType: 23 },
    'completed field by field, the first provider first');
  const inlet = model.one('Thincim_NumericSensor', 'ipmi:temp1');
  t.same(model.ends('Thincim_AssociatedSensor', 'Antecedent', inlet.path!, 'Dependent'), [chassis[0]!.path!.key]);
  t.same(checkProfileRules(model.entries), []);

  const two = build(input([sample({ chassis: [{ id: 'a', serialNumber: 'S1' }] }, { provider: 'p1' }), sample({ chassis: [{ id: 'b', serialNumber: 'S2' }, { id: 'c' }] }, { provider: 'p2' })])).model;
  t.same(two.all('Thincim_Chassis').map((c) => [c.get('Tag'), c.get('ElementName')]), [['p1:a', 'Chassis'], ['p2:b', 'Chassis 2'], ['p2:c', 'Chassis 3']]);
  t.same(checkProfileRules(two.entries), []);
});

t.test('Name is the label, made unique where it repeats within a kind (a component id to Zenoss\'s CIMMon), whatever order elements come in', async (t) => {
  // Two IPMI rows named "Temp" (a Dell's sensor table: providers/ipmi/test/fixtures/sensor.txt), a discrete sensor of a numeric one's
  // name (both CIM_Sensor to a tool), and sysinfo's "CPU Temp" beside IPMI's.
  const temp = (id: string, label: string) => ({ id, label, kind: 'temperature' as const, unit: 'celsius' as const, value: 40, decimals: 0 });
  const ipmi: HardwareSnapshot = {
    sensors: [temp('Temp#1', 'Temp'), temp('Temp#2', 'Temp'), temp('CPU Temp', 'CPU Temp'), temp('PS1', 'PS1')],
    discreteSensors: [{ id: 'PS1 Status', label: 'PS1', kind: 'other', possibleStates: ['Present'], state: 'Present', health: 'ok' }],
    fans: [{ id: 'fan1', label: 'Temp', status: 'ok' }],
  };
  const sysinfo: HardwareSnapshot = { sensors: [temp('cpu', 'CPU Temp')] };
  const names = (m: Model, cls: string) => m.all(cls).map((s) => [s.get('ElementName'), s.get('Name')]);
  const both = build(input([sample(ipmi, { provider: 'ipmi' }), sample(sysinfo, { provider: 'sysinfo' })])).model;
  t.same(names(both, 'Thincim_NumericSensor'), [
    ['Temp', 'Temp (ipmi:Temp#1)'], ['Temp', 'Temp (ipmi:Temp#2)'], ['CPU Temp', 'CPU Temp (ipmi:CPU Temp)'], ['PS1', 'PS1 (ipmi:PS1)'],
    ['CPU Temp', 'CPU Temp (sysinfo:cpu)'],
  ], 'ElementName as the provider labels it; each element of a repeated label, of one provider or two, named with its DeviceID');
  t.same(names(both, 'OMC_DiscreteSensor'), [['PS1', 'PS1 (ipmi:PS1 Status)']], 'a discrete and a numeric sensor are both CIM_Sensor');
  t.same(names(both, 'OMC_Fan'), [['Temp', 'Temp']], 'a fan may share a sensor\'s label');
  t.same(checkProfileRules(both.entries), []);

  const ipmiLate = build(input([sample(undefined, { provider: 'ipmi' }), sample(sysinfo, { provider: 'sysinfo' })])).model;
  t.same(names(ipmiLate, 'Thincim_NumericSensor'), [['CPU Temp', 'CPU Temp']], 'before IPMI\'s first sample the label does not repeat yet');
  const reversed = build(input([sample(sysinfo, { provider: 'sysinfo' }), sample(ipmi, { provider: 'ipmi' })])).model;
  t.same(names(reversed, 'Thincim_NumericSensor').sort(), names(both, 'Thincim_NumericSensor').sort(), 'the same Names in either order');
  const oneTemp = build(input([sample({ sensors: [temp('Temp#2', 'Temp')] }, { provider: 'ipmi' })])).model;
  t.same(names(oneTemp, 'Thincim_NumericSensor'), [['Temp', 'Temp']], 'a label no longer repeated is the Name alone');

  const long = 'x'.repeat(1024);
  const named = build(input([sample({ sensors: [temp('a', long), temp('b', long)] })])).model.all('Thincim_NumericSensor').map((s) => String(s.get('Name')));
  t.same(named.map((n) => n.length), [1024, 1024], 'within Name\'s MaxLen of 1,024 characters');
  t.ok(named[1]!.endsWith(' (test:b)'));
});

t.test('paths derive from snapshot ids only: stable across samples', async (t) => {
  const later = fullSnapshot();
  later.sensors![0]!.value = 91;
  later.fans![0]!.status = 'degraded';
  const keys = (m: Model): string[] => m.entries.map((e) => `${e.namespace} ${e.instance.path!.key}`);
  t.same(keys(build(input([sample(later)])).model), keys(full));
  t.same(keys(build(input([sample(fullSnapshot(), { intervalMs: 5000 })])).model), keys(full), 'deterministic');
});

t.test('long ids fit DeviceID and stay unique', async (t) => {
  const long = (n: number): string => `${'very-long-chip-name-'.repeat(4)}/temp${n}`;
  const snapshot: HardwareSnapshot = { sensors: [1, 2].map((n) => ({ id: long(n), label: `T${n}`, kind: 'temperature', unit: 'celsius', value: 20, decimals: 0 })) };
  const { model } = build(input([sample(snapshot)]));
  const ids = model.all('Thincim_NumericSensor').map((s) => s.path!.keybindings.get('DeviceID') as string);
  t.equal(new Set(ids).size, 2);
  for (const id of ids) t.ok(id.length <= 64, id);
  t.same(checkProfileRules(model.entries), []);
});

t.test('input defects are reported and worked around', async (t) => {
  const snapshot: HardwareSnapshot = {
    sensors: [
      { id: 's', label: 'S', kind: 'voltage', unit: 'volts', value: 1, decimals: 1, monitors: { kind: 'battery', id: 'none' } },
      { id: 's', label: 'S again', kind: 'voltage', unit: 'volts', value: 2, decimals: 1 },
      { id: 'nan', label: 'NaN', kind: 'voltage', unit: 'volts', value: NaN, decimals: 1.5, thresholds: { upperCritical: Infinity, lowerCritical: 0 }, settable: ['upperCritical', 'lowerCritical'] },
      { id: 'deep', label: 'Deep', kind: 'voltage', unit: 'volts', value: 1, decimals: 40 },
    ],
    fans: [{ id: 'f', label: 'F', status: 'ok', speedSensor: 'missing', redundancyGroup: 'nogroup' }, { id: 'f', label: 'F2', status: 'ok' }],
    powerSupplies: [{ id: 'p', label: 'P', status: 'ok', sensors: ['missing'], redundancyGroup: 'fans' }],
    redundancy: [{ id: 'fans', label: 'Fan Redundancy', kind: 'fan', status: 'full' }],
  };
  const readings = new Map([['nan', { value: 3, decimals: 2, lostSince: NOW - 1000 }]]);
  const { model, problems } = build(input([sample(snapshot, { readings })]));
  t.same(problems.map((p) => `${p.subject}: ${p.message}`), [
    's: duplicate sensor id: links go to the first',
    'nan: value NaN is not a finite number: reported as a failed read',
    'nan: decimals 1.5 is not an integer from 0 to 9: 2 used',
    'nan: threshold upperCritical = Infinity is not a finite number: left out',
    'nan: settable thresholds without a value (upperCritical) are not settable',
    'deep: decimals 40 is not an integer from 0 to 9: 9 used',
    'f: duplicate fan id: links go to the first',
    's: monitors unknown battery "none": not linked',
    'missing: fan f names an unknown sensor: not linked',
    'missing: power supply p names an unknown sensor: not linked',
    'f: redundancy group "nogroup" is not in the snapshot',
    'p: redundancy group "fans" is a set of fans, not of power supplies: not a member',
  ]);
  t.same(model.all('Thincim_NumericSensor').map((s) => s.path!.keybindings.get('DeviceID')), ['test:s', 'test:nan', 'test:deep'], 'the duplicate sensor is dropped');
  t.same(model.all('OMC_Fan').map((s) => s.path!.keybindings.get('DeviceID')), ['test:f', 'test:f#2'], 'a duplicate device keeps its own DeviceID');
  t.match(values(model.one('Thincim_NumericSensor', 'test:nan'), ['CurrentReading', 'OperationalStatus', 'SupportedThresholds', 'SettableThresholds', 'UnitModifier']), {
    CurrentReading: 300, OperationalStatus: [13], SupportedThresholds: [2], SettableThresholds: [2], UnitModifier: -2,
  });
  t.same(checkProfileRules(model.entries), []);
});

t.test('OEM instances pass through into their namespace', async (t) => {
  const make = (classname: string, id: string, namespace?: string): CIMInstance => {
    const properties = new NocaseMap([['InstanceID', cimProperty('InstanceID', 'string', id)]]);
    const path = new CIMInstanceName({ classname, keybindings: { InstanceID: id }, namespace });
    return new CIMInstance({ classname, properties, path });
  };
  const problems: BuildProblem[] = [];
  // An association the model derives (an ElementConformsToProfile) is at a path taken as much as a stored instance's.
  const conformance = buildModel(input([])).find((e) => e.namespace === 'root/interop' && e.instance.classname === 'Thincim_ElementConformsToProfile')!.instance;
  const entries = buildModel(input([], {
    instances: [
      { provider: 'acme', namespace: 'acme/cimv2', instances: [make('ACME_Widget', 'w1'), make('ACME_Widget', 'w2', 'acme/cimv2'), make('ACME_Widget', 'w1')] },
      { provider: 'bad', namespace: 'root/cimv2', instances: [new CIMInstance({ classname: 'ACME_Loose' }), make('ACME_Else', 'x', 'root/interop'), make('Thincim_RegisteredProfile', 'Thincim:DSP1004', 'root/cimv2')] },
      { provider: 'clash', namespace: 'root/interop', instances: [make('Thincim_RegisteredProfile', 'Thincim:DSP1004'), conformance] },
    ],
  }), { onProblem: (p) => problems.push(p) });
  const oem = entries.filter((e) => e.instance.classname.startsWith('ACME') || e.namespace === 'root/cimv2' && e.instance.classname === 'Thincim_RegisteredProfile');
  t.same(oem.map((e) => [e.namespace, e.instance.path!.namespace, e.instance.get('InstanceID')]), [
    ['acme/cimv2', 'acme/cimv2', 'w1'], ['acme/cimv2', 'acme/cimv2', 'w2'], ['root/cimv2', 'root/cimv2', 'Thincim:DSP1004'],
  ]);
  t.same(problems.map((p) => [p.provider, p.message]), [
    ['acme', 'another instance already has this path: left out'],
    ['bad', 'instance has no path: left out'],
    ['bad', "path is not in the provider's namespace root/cimv2: left out"],
    ['clash', 'another instance already has this path: left out'],
    ['clash', 'another instance already has this path: left out'],
  ]);
  t.doesNotThrow(() => createInstanceIndex(1, entries));
});

t.test('instances made from snapshot elements name their source, for writes back to the provider', async (t) => {
  const sourceOf = (classname: string, value: string, key = 'DeviceID'): unknown => {
    const instance = full.one(classname, value, key);
    return full.entries.find((e) => e.instance === instance)?.source;
  };
  t.same(sourceOf('Thincim_NumericSensor', 'test:cpu-temp'), { provider: 'test', id: 'cpu-temp' });
  t.same(sourceOf('OMC_DiscreteSensor', 'test:intrusion'), { provider: 'test', id: 'intrusion' });
  t.same(sourceOf('OMC_Fan', 'test:fan1'), { provider: 'test', id: 'fan1' });
  t.same(sourceOf('OMC_PowerSupply', 'test:psu2'), { provider: 'test', id: 'psu2' });
  t.same(sourceOf('Thincim_Processor', 'test:cpu0'), { provider: 'test', id: 'cpu0' });
  t.same(sourceOf('Thincim_Memory', 'test:dimm-a1'), { provider: 'test', id: 'dimm-a1' });
  t.same(sourceOf('Thincim_Battery', 'test:cmos'), { provider: 'test', id: 'cmos' });
  t.same(sourceOf('Thincim_Chassis', 'ASSET-1', 'Tag'), { provider: 'test', id: 'chassis' });
  t.same(sourceOf('Thincim_Card', 'test:mb', 'Tag'), { provider: 'test', id: 'mb' });
  t.same(sourceOf('Thincim_PhysicalPackage', 'test:psu1', 'Tag'), { provider: 'test', id: 'psu1' });
  t.same(sourceOf('OMC_SMASHFirmwareIdentity', 'Thincim:test:bios', 'InstanceID'), { provider: 'test', id: 'bios' });
  t.same(sourceOf('Thincim_RedundancySet', 'Thincim:test:psus', 'InstanceID'), { provider: 'test', id: 'psus' });
  const unsourced = full.entries.filter((e) => e.source === undefined).map((e) => e.instance.classname);
  t.same([...new Set(unsourced)].sort(), [
    'Thincim_AssociatedSensor', 'Thincim_ComputerSystem', 'Thincim_ComputerSystemPackage', 'Thincim_Container',
    'Thincim_ElementCapabilities', 'Thincim_ElementConformsToProfile', 'Thincim_ElementSoftwareIdentity',
    'Thincim_EnabledLogicalElementCapabilities', 'Thincim_HostedCollection', 'Thincim_MemberOfCollection', 'Thincim_OwningCollectionElement', 'Thincim_Realizes',
    'Thincim_ReferencedProfile', 'Thincim_RegisteredProfile', 'Thincim_SystemDevice',
  ], 'the system, the capabilities, the registration and the associations belong to no single element');
});

t.test('reuse: each instance is offered as it is made, and what reuse returns is kept and referenced', async (t) => {
  const offered: string[] = [];
  const previous = new Map(full.entries.map(({ namespace, instance }) => [`${namespace} ${instance.path!.key}`, instance]));
  const { entries, families } = buildHost(input([sample(fullSnapshot(), { intervalMs: 5000 })]), {
    reuse: (namespace, instance) => {
      offered.push(instance.classname);
      return previous.get(`${namespace} ${instance.path!.key}`) ?? instance;
    },
  });
  t.equal(offered.length, entries.length, 'every instance offered once');
  t.ok(entries.every(({ namespace, instance }) => previous.get(`${namespace} ${instance.path!.key}`) === instance), 'the instances reuse returned are the ones kept');
  const system = entries.find((e) => e.instance.classname === 'Thincim_ComputerSystem')!.instance;
  const systemDevices = families.find((f) => f.classname === 'Thincim_SystemDevice')!;
  t.ok(systemDevices.one.equals(system.path!), 'SystemDevice relates the system…');
  t.ok(systemDevices.many.every((device) => entries.some((e) => e.instance.path === device)), '…to the path objects of the devices kept');
});

t.test('property records repeat across instances: one record per name and value, at most 64 values a name', async (t) => {
  const sensors = full.all('Thincim_NumericSensor');
  const record = (i: number, name: string) => sensors[i]!.properties.get(name);
  t.equal(record(0, 'SystemName'), record(1, 'SystemName'), 'the same key value: one record');
  t.equal(record(0, 'EnabledState'), record(1, 'EnabledState'));
  t.not(record(0, 'DeviceID'), record(1, 'DeviceID'), 'different values: different records');
  const hundred = () => buildModel(input([sample({ ...fullSnapshot(), sensors: Array.from({ length: 100 }, (_, i) => ({
    id: `s${i}`, label: `Sensor ${i}`, kind: 'temperature' as const, unit: 'celsius' as const, value: 20 + i, decimals: 0,
  })) })])).filter((e) => e.instance.classname === 'Thincim_NumericSensor').map((e) => e.instance.properties.get('ElementName')!);
  const [first, second] = [hundred(), hundred()];
  t.same(second.map((p) => p.value), Array.from({ length: 100 }, (_, i) => `Sensor ${i}`), 'every instance its own value');
  const shared = first.filter((p, i) => p === second[i]).length;
  t.ok(shared > 0 && shared <= 64, `labels share records up to the bound, then each has its own (${shared} shared)`);
});
