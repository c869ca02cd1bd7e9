/** Shared test data and lookups for the model tests. */
import type { CIMInstance, CIMInstanceName, CIMValue } from '../../src/cim/index.js';
import type { HardwareSnapshot, ModelEntry, ModelInput, ProviderSample } from '../../src/model/index.js';

export const NOW = Date.UTC(2024, 0, 15, 12, 0, 0);

/** A snapshot with one of everything, healthy. */
export function fullSnapshot(): HardwareSnapshot {
  return {
    system: { hostname: 'ignored', manufacturer: 'Dell Inc.', model: 'PowerEdge R6515', serialNumber: 'ABC1234', uuid: '4c4c4544-0042-4310-8031-b3c04f323334' },
    chassis: [{ id: 'chassis', tag: 'ASSET-1', type: 'Rack Mount Chassis', manufacturer: 'Dell Inc.', model: 'PowerEdge R6515', serialNumber: 'ABC1234', partNumber: 'P1' }],
    boards: [{ id: 'mb', label: 'System Board', hostingBoard: true, manufacturer: 'Dell Inc.', serialNumber: 'MB1' }],
    firmware: [{ id: 'bios', label: 'System BIOS', manufacturer: 'Dell Inc.', version: '2.14.1', releaseDate: new Date(Date.UTC(2023, 4, 17)) }],
    sensors: [
      {
        id: 'cpu-temp', label: 'CPU Temp', kind: 'temperature', unit: 'celsius', value: 45.123, decimals: 3,
        thresholds: { upperNonCritical: 85, upperCritical: 95 }, settable: ['upperNonCritical'], monitors: { kind: 'processor', id: 'cpu0' }, source: 'coretemp-isa-0000/temp1',
      },
      { id: '12v', label: '12V', kind: 'voltage', unit: 'volts', value: 12.18, decimals: 2, thresholds: { lowerCritical: 10.8, upperCritical: 13.2 } },
      { id: 'fan1-rpm', label: 'Fan 1 Speed', kind: 'fan', unit: 'rpm', value: 9600, decimals: 0, thresholds: { lowerCritical: 1500 } },
      { id: 'psu1-power', label: 'PSU1 Power', kind: 'power', unit: 'watts', value: 240, decimals: 0, thresholds: { upperCritical: 750 } },
      { id: 'inlet', label: 'Inlet Temp', kind: 'temperature', unit: 'celsius', value: 22, decimals: 0, monitors: { kind: 'chassis', id: 'chassis' } },
    ],
    discreteSensors: [
      { id: 'intrusion', label: 'Chassis Intrusion', kind: 'intrusion', possibleStates: ['Secure', 'Intrusion Detected'], state: 'Secure', health: 'ok', monitors: { kind: 'chassis', id: 'chassis' } },
      { id: 'psu1-presence', label: 'PSU1 Presence', kind: 'presence', possibleStates: ['Present', 'Absent'], state: 'Present', health: 'ok', monitors: { kind: 'powerSupply', id: 'psu1' } },
    ],
    fans: [
      { id: 'fan1', label: 'Fan 1', speedSensor: 'fan1-rpm', variableSpeed: true, desiredSpeed: 9600, status: 'ok', redundancyGroup: 'fans', fru: { manufacturer: 'Delta', partNumber: 'F1' } },
      { id: 'fan2', label: 'Fan 2', status: 'ok', redundancyGroup: 'fans' },
    ],
    powerSupplies: [
      { id: 'psu1', label: 'PSU 1', ratedOutputWatts: 750, status: 'ok', sensors: ['psu1-power'], redundancyGroup: 'psus', fru: { manufacturer: 'Delta', serialNumber: 'PS1' } },
      { id: 'psu2', label: 'PSU 2', status: 'ok', redundancyGroup: 'psus' },
    ],
    processors: [{ id: 'cpu0', label: 'CPU 0', manufacturer: 'AMD', model: 'EPYC 7313P', cores: 16, threads: 32, maxSpeedMHz: 3700, currentSpeedMHz: 3000, status: 'ok' }],
    memory: [{ id: 'dimm-a1', label: 'DIMM A1', capacity: 17179869184, type: 'DDR4', speedMHz: 3200, manufacturer: 'Samsung', serialNumber: 'S1', partNumber: 'M393', status: 'ok' }],
    batteries: [{ id: 'cmos', label: 'CMOS Battery', chargePercent: 97.6, charging: true, status: 'ok' }],
    redundancy: [
      { id: 'fans', label: 'Fan Redundancy', kind: 'fan', status: 'full', minNeeded: 1 },
      { id: 'psus', label: 'PSU Redundancy', kind: 'powerSupply', status: 'full', minNeeded: 1 },
    ],
  };
}

export function sample(snapshot: HardwareSnapshot | undefined, over: Partial<ProviderSample> = {}): ProviderSample {
  return { provider: 'test', snapshot, sampledAt: snapshot === undefined ? undefined : NOW, ...over };
}

export function input(hardware: ProviderSample[], over: Partial<ModelInput> = {}): ModelInput {
  return { hostname: 'host1', now: NOW, staleAfterMs: 60_000, hardware, instances: [], ...over };
}

/** Lookups over built entries. */
export class Model {
  constructor(readonly entries: ModelEntry[]) {}

  all(classname: string, namespace = 'root/cimv2'): CIMInstance[] {
    return this.entries.filter((e) => e.namespace === namespace && e.instance.classname === classname).map((e) => e.instance);
  }

  /** The instance of `classname` whose key `key` is `value` (DeviceID by default), or whose ElementName is `value`. */
  one(classname: string, value: string, key = 'DeviceID', namespace = 'root/cimv2'): CIMInstance {
    const found = this.all(classname, namespace).filter((i) => i.path?.keybindings.get(key) === value || i.get('ElementName') === value);
    if (found.length !== 1) throw new Error(`${found.length} instances of ${classname} with ${key} or ElementName ${value}`);
    return found[0]!;
  }

  /** Associations of `classname` whose `role` reference points at `target`. */
  linked(classname: string, role: string, target: CIMInstanceName, namespace = 'root/cimv2'): CIMInstance[] {
    return this.all(classname, namespace).filter((a) => (a.get(role) as CIMInstanceName | null)?.key === target.key);
  }

  /** The instances at the other end (`otherRole`) of associations pointing at `target` by `role`. */
  ends(classname: string, role: string, target: CIMInstanceName, otherRole: string): string[] {
    return this.linked(classname, role, target).map((a) => (a.get(otherRole) as CIMInstanceName).key).sort();
  }
}

/** Property values by name, for t.match / t.same. */
export function values(instance: CIMInstance, names: readonly string[]): Record<string, CIMValue | undefined> {
  return Object.fromEntries(names.map((n) => [n, instance.get(n)]));
}
