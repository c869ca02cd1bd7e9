/** 1,000 CIM_NumericSensor instances shaped like the model builder's, for the CIM-XML benchmarks. */
import { CIMInstance, CIMInstanceName, NocaseMap, cimProperty } from '../src/cim/index.js';
import type { CIMProperty, CIMType, CIMValue } from '../src/cim/index.js';

export function sensorInstances(count = 1000): CIMInstance[] {
  return Array.from({ length: count }, (_, i) => sensor(i));
}

function sensor(i: number): CIMInstance {
  const deviceId = `temp-${String(i + 1).padStart(5, '0')}`;
  const keys: [string, string][] = [
    ['SystemCreationClassName', 'CIM_ComputerSystem'], ['SystemName', 'bench-host-01'],
    ['CreationClassName', 'Thincim_NumericSensor'], ['DeviceID', deviceId],
  ];
  const path = new CIMInstanceName({ classname: 'Thincim_NumericSensor', namespace: 'root/cimv2', keybindings: keys });
  const values: [string, CIMType, CIMValue][] = [
    ...keys.map(([name, value]) => [name, 'string', value] as [string, CIMType, CIMValue]),
    ['ElementName', 'string', `CPU ${i % 4} Temp <core ${i}>`],
    ['Caption', 'string', 'Numeric sensor'],
    ['SensorType', 'uint16', 2],
    ['OtherSensorTypeDescription', 'string', null],
    ['BaseUnits', 'uint16', 2],
    ['UnitModifier', 'sint32', 0],
    ['RateUnits', 'uint16', 0],
    ['CurrentReading', 'sint32', 30 + (i % 50)],
    ['NominalReading', 'sint32', 45],
    ['NormalMax', 'sint32', 85],
    ['NormalMin', 'sint32', 5],
    ['LowerThresholdNonCritical', 'sint32', 10],
    ['UpperThresholdNonCritical', 'sint32', 80],
    ['UpperThresholdCritical', 'sint32', 95],
    ['UpperThresholdFatal', 'sint32', 105],
    ['Resolution', 'uint32', 100],
    ['Accuracy', 'sint32', 50],
    ['SupportedThresholds', 'uint16', [1, 2, 3, 4]],
    ['SettableThresholds', 'uint16', []],
    ['CurrentState', 'string', 'Normal'],
    ['PossibleStates', 'string', ['Normal', 'Upper Non-Critical', 'Upper Critical', 'Upper Fatal']],
    ['HealthState', 'uint16', 5],
    ['OperationalStatus', 'uint16', [2]],
    ['EnabledState', 'uint16', 2],
    ['PollingInterval', 'uint64', 10_000_000_000n],
  ];
  const properties = new NocaseMap<CIMProperty>(values.map(([name, type, value]) => [name, cimProperty(name, type, value)] as const));
  return new CIMInstance({ classname: 'Thincim_NumericSensor', properties, path });
}

/** Runs `fn` repeatedly for about `seconds`, returning operations per second. */
export function measure(fn: () => unknown, seconds = 2): number {
  for (let i = 0; i < 3; i++) fn();
  let runs = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  let now = started;
  while (now < deadline) {
    fn();
    runs++;
    now = process.hrtime.bigint();
  }
  return runs / (Number(now - started) / 1e9);
}
