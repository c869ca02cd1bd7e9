/**
 * One provider's snapshot mapped to the DMTF profiles: sensors (DSP1009),
 * fans (DSP1013), power supplies (DSP1015), processors, memory, batteries,
 * redundancy sets, and their links. Every source goes through here the same way.
 */
import type { CIMInstanceName } from '../../cim/index.js';
import { CIMV2_NAMESPACE, ModelClass } from '../classes.js';
import {
  ASLEEP, assessDevice, assessDiscrete, assessSensor, monitoredFinding, redundancyFinding, stoppedFanFinding, vanishedFanFinding,
  type Finding, type SensorAssessment, type Staleness, type Verdict,
} from '../health.js';
import { qualifiedId } from '../ids.js';
import { NOTHING_LOST, type EntrySource, type ProviderSample } from '../input.js';
import type { InstanceDraft } from '../instance-draft.js';
import { NO_READINGS, type LastReading, type ReadingMemory } from '../readings.js';
import type {
  Battery, DeviceStatus, DiscreteSensor, Fan, HardwareSnapshot, MemoryModule, MonitoredElement, NumericSensor, PowerSupply,
  Processor, RedundancyGroup, RedundancyStatus,
} from '../snapshot.js';
import type { BuildContext } from './context.js';
import { PackageType, addFirmware, hasFruData, type PhysicalAssets } from './physical.js';
import {
  addDiscreteSensor, addNumericSensor, sanitizeSensor, sensorEnabledState,
} from './sensors.js';

/** What a redundancy set of each kind holds, for messages. */
const MEMBERS: Readonly<Record<RedundancyGroup['kind'], string>> = { fan: 'fans', powerSupply: 'power supplies' };

interface AssessedSensor {
  readonly sensor: NumericSensor;
  readonly assessment: SensorAssessment;
}

interface AssessedDiscrete {
  readonly sensor: DiscreteSensor;
  readonly verdict: Verdict;
}

/** RedundancyStatus: 0 Unknown, 2 Fully Redundant, 3 Degraded Redundancy, 4 Redundancy Lost, 5 Overall Failure. */
const REDUNDANCY_STATUS: Readonly<Record<RedundancyStatus, number>> = { unknown: 0, full: 2, degraded: 3, lost: 4, failed: 5 };
/** TypeOfSet 0 Unknown, 2 N+1. */
const TYPE_OF_SET_UNKNOWN = 0;
const TYPE_OF_SET_N_PLUS_1 = 2;

/** Maps one provider's last good snapshot; `staleReason` is set when it is too old to be current. */
export function mapSnapshot(
  ctx: BuildContext, physical: PhysicalAssets, sample: ProviderSample, snapshot: HardwareSnapshot, staleReason: string | undefined,
): void {
  new SnapshotMapper(ctx, physical, sample, snapshot, staleReason).map();
}

class SnapshotMapper {
  readonly #ctx: BuildContext;
  readonly #physical: PhysicalAssets;
  readonly #provider: string;
  readonly #snapshot: HardwareSnapshot;
  readonly #stale: Staleness | undefined;
  readonly #lost: ReadonlyMap<object, string>;
  readonly #readings: ReadingMemory;
  readonly #pollingNs: bigint | undefined;
  readonly #sensors = new Map<string, AssessedSensor>();
  /** Sensors that never had a reading: absent parts, not served. */
  readonly #absent = new Set<string>();
  readonly #discrete = new Map<string, AssessedDiscrete>();
  readonly #sensorPaths = new Map<string, CIMInstanceName>();
  readonly #discretePaths = new Map<string, CIMInstanceName>();
  /** Findings of the sensors that monitor each element, by element key. */
  readonly #findings = new Map<string, Finding[]>();
  /** Paths of the elements sensors may monitor, by element key. */
  readonly #elements = new Map<string, CIMInstanceName>();
  readonly #links = new Set<string>();

  constructor(ctx: BuildContext, physical: PhysicalAssets, sample: ProviderSample, snapshot: HardwareSnapshot, stale: string | undefined) {
    this.#ctx = ctx;
    this.#physical = physical;
    this.#provider = sample.provider;
    this.#snapshot = snapshot;
    this.#stale = stale === undefined ? undefined : { reason: stale, since: sample.sampledAt };
    this.#lost = sample.lost ?? NOTHING_LOST;
    this.#readings = sample.readings ?? NO_READINGS;
    this.#pollingNs = pollingInterval(sample.intervalMs);
  }

  map(): void {
    this.#assessSensors();
    this.#collectFindings();
    this.#mapPhysical();
    this.#elements.set(elementKey('system', ''), this.#ctx.systemPath);
    const fans = this.#mapDevices(this.#snapshot.fans, 'fan', (fan) => this.#addFan(fan));
    const supplies = this.#mapDevices(this.#snapshot.powerSupplies, 'powerSupply', (psu) => this.#addPowerSupply(psu));
    this.#mapDevices(this.#snapshot.processors, 'processor', (cpu) => this.#addProcessor(cpu));
    this.#mapDevices(this.#snapshot.memory, 'memory', (dimm) => this.#addMemory(dimm));
    this.#mapDevices(this.#snapshot.batteries, 'battery', (battery) => this.#addBattery(battery));
    this.#writeSensors();
    this.#linkSensors();
    for (const group of this.#snapshot.redundancy ?? []) this.#addRedundancySet(group, group.kind === 'fan' ? fans : supplies);
    this.#checkRedundancyGroups();
  }

  /** The snapshot element an instance is made from. */
  #source(id: string): EntrySource {
    return { provider: this.#provider, id };
  }

  #problem(subject: string, message: string): void {
    this.#ctx.problem(this.#provider, subject, message);
  }

  /** Why an item is not current: its snapshot is stale, or it is served from an earlier sample. */
  #staleness(item: object): Staleness | undefined {
    if (this.#stale !== undefined || this.#lost.size === 0) return this.#stale;
    const reason = this.#lost.get(item);
    // Since when a sensor is lost is in its reading's memory.
    return reason === undefined ? undefined : { reason, since: undefined };
  }

  #assessSensors(): void {
    for (const raw of this.#snapshot.sensors ?? []) {
      const { sensor, problems } = sanitizeSensor(raw);
      for (const message of problems) this.#problem(sensor.id, message);
      if (this.#sensors.has(sensor.id) || this.#absent.has(sensor.id)) {
        this.#problem(sensor.id, 'duplicate sensor id: links go to the first');
        continue;
      }
      const assessment = assessSensor(sensor, this.#staleness(raw), this.#readings.get(sensor.id));
      if (assessment === undefined) this.#absent.add(sensor.id);
      else this.#sensors.set(sensor.id, { sensor, assessment });
    }
    for (const sensor of this.#snapshot.discreteSensors ?? []) {
      if (!sensor.possibleStates.includes(sensor.state)) this.#problem(sensor.id, `state "${sensor.state}" is not one of its possible states: added`);
      if (this.#discrete.has(sensor.id)) this.#problem(sensor.id, 'duplicate discrete sensor id: links go to the first');
      else this.#discrete.set(sensor.id, { sensor, verdict: assessDiscrete(sensor, this.#staleness(sensor)?.reason) });
    }
  }

  /** What each monitored element learns from its sensors, before the elements are judged. */
  #collectFindings(): void {
    for (const { sensor, assessment } of this.#sensors.values()) {
      if (sensor.monitors) this.#addFinding(sensor.monitors, monitoredFinding(sensor.label, assessment.verdict));
    }
    for (const { sensor, verdict } of this.#discrete.values()) {
      if (sensor.monitors) this.#addFinding(sensor.monitors, monitoredFinding(sensor.label, verdict));
    }
    for (const fan of this.#snapshot.fans ?? []) {
      const speed = this.#speedOf(fan);
      if (speed === undefined) continue;
      const turned = this.#readings.get(speed.sensor.id)?.turned === true;
      this.#addFinding({ kind: 'fan', id: fan.id }, stoppedFanFinding(speed.assessment, fan, turned));
      this.#addFinding({ kind: 'fan', id: fan.id }, vanishedFanFinding(speed.sensor, fan, turned));
      this.#addFinding({ kind: 'fan', id: fan.id }, monitoredFinding(speed.sensor.label, speed.assessment.verdict));
    }
    for (const psu of this.#snapshot.powerSupplies ?? []) {
      for (const id of psu.sensors ?? []) {
        const s = this.#sensors.get(id);
        if (s) this.#addFinding({ kind: 'powerSupply', id: psu.id }, monitoredFinding(s.sensor.label, s.assessment.verdict));
      }
    }
  }

  #addFinding(element: MonitoredElement, finding: Finding | undefined): void {
    if (finding === undefined) return;
    const key = elementKey(element.kind, element.id);
    const list = this.#findings.get(key);
    if (list) list.push(finding);
    else this.#findings.set(key, [finding]);
  }

  #mapPhysical(): void {
    for (const chassis of this.#snapshot.chassis ?? []) {
      this.#elements.set(elementKey('chassis', chassis.id), this.#physical.addChassis(this.#provider, chassis));
    }
    for (const board of this.#snapshot.boards ?? []) this.#physical.addBoard(this.#provider, board);
    for (const firmware of this.#snapshot.firmware ?? []) addFirmware(this.#ctx, this.#provider, firmware);
  }

  /** Maps a list of devices; returns their paths by snapshot id (the first of duplicate ids). */
  #mapDevices<T extends { id: string }>(
    devices: readonly T[] | undefined, kind: MonitoredElement['kind'], add: (device: T) => CIMInstanceName,
  ): Map<string, CIMInstanceName> {
    const paths = new Map<string, CIMInstanceName>();
    for (const device of devices ?? []) {
      const path = add(device);
      if (paths.has(device.id)) {
        this.#problem(device.id, `duplicate ${kind} id: links go to the first`);
        continue;
      }
      paths.set(device.id, path);
      this.#elements.set(elementKey(kind, device.id), path);
    }
    return paths;
  }

  /** Adds a device judged by its status and what its sensors found. */
  #addJudged(
    draft: InstanceDraft, kind: MonitoredElement['kind'], device: { id: string; label: string }, status: DeviceStatus, statusReason?: string,
  ): CIMInstanceName {
    const health = assessDevice(status, this.#staleness(device)?.reason, this.#findings.get(elementKey(kind, device.id)), statusReason);
    return this.#ctx.addDevice(draft, this.#source(device.id), device.label, health, opinion(health));
  }

  #addFan(fan: Fan): CIMInstanceName {
    const draft = this.#ctx.deviceDraft(ModelClass.Fan, this.#provider, fan.id)
      .set('ActiveCooling', 'boolean', true)
      .set('VariableSpeed', 'boolean', fan.variableSpeed)
      .set('DesiredSpeed', 'uint64', integer(fan.desiredSpeed, 64));
    // A fan whose speed never read is an absent part (an APU's fan input): no verdict, like its sensor.
    const status = fan.status === 'unknown' && fan.speedSensor !== undefined && this.#absent.has(fan.speedSensor) ? 'absent' : fan.status;
    const path = this.#asleep(fan)
      ? this.#ctx.addDevice(draft, this.#source(fan.id), fan.label, ASLEEP, WITHOUT_OPINION)
      : this.#addJudged(draft, 'fan', fan, status, fan.statusReason);
    this.#ctx.central.fans.push(path);
    if (hasFruData(fan.fru)) this.#physical.addPackage(this.#provider, fan.id, fan.label, PackageType.Fan, fan.fru, path);
    return path;
  }

  /** A fan its source cannot judge because its speed sensor's device is asleep (a runtime-suspended graphics card's): asleep with it. */
  #asleep(fan: Fan): boolean {
    return fan.status === 'unknown' && this.#speedOf(fan)?.assessment.verdict === ASLEEP;
  }

  /** The fan's tachometer; a sensor of another kind is none (a temperature of 0 is no stopped fan). */
  #speedOf(fan: Fan): AssessedSensor | undefined {
    const speed = fan.speedSensor === undefined ? undefined : this.#sensors.get(fan.speedSensor);
    return speed?.sensor.kind === 'fan' ? speed : undefined;
  }

  #addPowerSupply(psu: PowerSupply): CIMInstanceName {
    const milliwatts = psu.ratedOutputWatts === undefined ? undefined : integer(psu.ratedOutputWatts * 1000, 32);
    const draft = this.#ctx.deviceDraft(ModelClass.PowerSupply, this.#provider, psu.id)
      // Units MilliWatts; 0 means unknown (CIM_PowerSupply.TotalOutputPower).
      .set('TotalOutputPower', 'uint32', milliwatts ?? 0);
    const path = this.#addJudged(draft, 'powerSupply', psu, psu.status, psu.statusReason);
    this.#ctx.central.powerSupplies.push(path);
    if (hasFruData(psu.fru)) this.#physical.addPackage(this.#provider, psu.id, psu.label, PackageType.PowerSupply, psu.fru, path);
    return path;
  }

  #addProcessor(cpu: Processor): CIMInstanceName {
    // "AMD EPYC 7702P 64-Core Processor" names its maker already.
    const named = cpu.manufacturer !== undefined && cpu.model?.toLowerCase().includes(cpu.manufacturer.toLowerCase());
    const description = (named ? [cpu.model] : [cpu.manufacturer, cpu.model]).filter(Boolean).join(' ');
    const draft = this.#ctx.deviceDraft(ModelClass.Processor, this.#provider, cpu.id)
      // Family 1 Other (described by the model name) or 2 Unknown.
      .set('Family', 'uint16', cpu.model ? 1 : 2)
      .set('OtherFamilyDescription', 'string', cpu.model?.slice(0, 64))
      .set('MaxClockSpeed', 'uint32', integer(cpu.maxSpeedMHz, 32))
      // check_esxi_hardware formats CurrentClockSpeed with %d and fails on NULL: 0 stands for unknown.
      .set('CurrentClockSpeed', 'uint32', integer(cpu.currentSpeedMHz, 32) ?? 0)
      .set('NumberOfEnabledCores', 'uint16', integer(cpu.cores, 16))
      .set('Description', 'string', description || undefined);
    return this.#addJudged(draft, 'processor', cpu, cpu.status);
  }

  #addMemory(dimm: MemoryModule): CIMInstanceName {
    const description = [dimm.type, dimm.speedMHz === undefined ? undefined : `${dimm.speedMHz} MHz`].filter(Boolean).join(' ');
    const draft = this.#ctx.deviceDraft(ModelClass.Memory, this.#provider, dimm.id)
      .set('Volatile', 'boolean', true)
      .set('BlockSize', 'uint64', 1n)
      .set('NumberOfBlocks', 'uint64', integer(dimm.capacity, 64))
      .set('Description', 'string', description || undefined);
    const path = this.#addJudged(draft, 'memory', dimm, dimm.status);
    const fru = { manufacturer: dimm.manufacturer, serialNumber: dimm.serialNumber, partNumber: dimm.partNumber };
    if (hasFruData(fru)) this.#physical.addPackage(this.#provider, dimm.id, dimm.label, PackageType.Memory, fru, path);
    return path;
  }

  #addBattery(battery: Battery): CIMInstanceName {
    // ChargingStatus 2 Charging; not charging may be discharging or idle, so it is left out.
    const draft = this.#ctx.deviceDraft(ModelClass.Battery, this.#provider, battery.id)
      .set('EstimatedChargeRemaining', 'uint16', integer(battery.chargePercent, 16))
      .set('ChargingStatus', 'uint16', battery.charging ? 2 : undefined);
    return this.#addJudged(draft, 'battery', battery, battery.status);
  }

  #writeSensors(): void {
    for (const { sensor, assessment } of this.#sensors.values()) {
      const written = resolutionOfLastReading(sensor, assessment, this.#readings.get(sensor.id));
      const draft = addNumericSensor(this.#ctx, this.#provider, written, assessment, this.#pollingNs);
      const options = { enabledState: sensorEnabledState(sensor), ...opinion(assessment.verdict) };
      this.#sensorPaths.set(sensor.id, this.#ctx.addDevice(draft, this.#source(sensor.id), sensor.label, assessment.verdict, options));
    }
    for (const { sensor, verdict } of this.#discrete.values()) {
      const draft = addDiscreteSensor(this.#ctx, this.#provider, sensor, verdict);
      // A state the source has no opinion on (IPMI "No Reading", a raw state) tells nothing about the system.
      this.#discretePaths.set(sensor.id, this.#ctx.addDevice(draft, this.#source(sensor.id), sensor.label, verdict, opinion(verdict)));
    }
    this.#ctx.central.sensors.push(...this.#sensorPaths.values(), ...this.#discretePaths.values());
  }

  /** AssociatedSensor from each sensor to what it monitors (its `monitors`, a fan's tachometer, a supply's sensors). */
  #linkSensors(): void {
    for (const { sensor } of this.#sensors.values()) this.#linkMonitored(this.#sensorPaths.get(sensor.id)!, sensor);
    for (const { sensor } of this.#discrete.values()) this.#linkMonitored(this.#discretePaths.get(sensor.id)!, sensor);
    for (const fan of this.#snapshot.fans ?? []) {
      if (fan.speedSensor === undefined) continue;
      const kind = this.#sensors.get(fan.speedSensor)?.sensor.kind;
      if (kind === undefined || kind === 'fan') this.#link(fan.speedSensor, elementKey('fan', fan.id), `fan ${fan.id}`);
      else this.#problem(fan.speedSensor, `fan ${fan.id} names a sensor of kind ${kind} as its speed sensor, which must be of kind fan: not its speed`);
    }
    for (const psu of this.#snapshot.powerSupplies ?? []) {
      for (const id of psu.sensors ?? []) this.#link(id, elementKey('powerSupply', psu.id), `power supply ${psu.id}`);
    }
  }

  #linkMonitored(sensorPath: CIMInstanceName, sensor: NumericSensor | DiscreteSensor): void {
    if (sensor.monitors === undefined) return;
    const { kind, id } = sensor.monitors;
    const element = this.#elements.get(elementKey(kind, kind === 'system' ? '' : id));
    if (element === undefined) this.#problem(sensor.id, `monitors unknown ${kind} "${id}": not linked`);
    else this.#associateSensor(sensorPath, element);
  }

  #link(sensorId: string, key: string, owner: string): void {
    if (this.#absent.has(sensorId)) return;
    const sensorPath = this.#sensorPaths.get(sensorId);
    if (sensorPath === undefined) this.#problem(sensorId, `${owner} names an unknown sensor: not linked`);
    else this.#associateSensor(sensorPath, this.#elements.get(key)!);
  }

  #associateSensor(sensor: CIMInstanceName, element: CIMInstanceName): void {
    const key = `${sensor.key}\u0000${element.key}`;
    if (this.#links.has(key)) return;
    this.#links.add(key);
    this.#ctx.associate(ModelClass.AssociatedSensor, ['Antecedent', sensor], ['Dependent', element]);
  }

  #addRedundancySet(group: RedundancyGroup, devices: Map<string, CIMInstanceName>): void {
    const members = (group.kind === 'fan' ? this.#snapshot.fans : this.#snapshot.powerSupplies)
      ?.filter((d) => d.redundancyGroup === group.id)
      .map((d) => devices.get(d.id)!) ?? [];
    const minNeeded = integer(group.minNeeded, 32) ?? 0;
    const status = this.#staleness(group) === undefined ? group.status : 'unknown';
    const nPlusOne = minNeeded > 0 && members.length > minNeeded;
    const draft = this.#ctx.instanceIdDraft(CIMV2_NAMESPACE, ModelClass.RedundancySet, qualifiedId(this.#provider, group.id))
      .set('ElementName', 'string', group.label)
      .set('RedundancyStatus', 'uint16', REDUNDANCY_STATUS[status])
      .setArray('TypeOfSet', 'uint16', [nPlusOne ? TYPE_OF_SET_N_PLUS_1 : TYPE_OF_SET_UNKNOWN])
      .set('MinNumberNeeded', 'uint32', minNeeded);
    const set = this.#ctx.add(CIMV2_NAMESPACE, draft.build(), this.#source(group.id));
    for (const member of new Set(members)) {
      this.#ctx.associate(ModelClass.MemberOfCollection, ['Collection', set.path!], ['Member', member]);
    }
    // The system owns the set and scopes it (DSP1013/DSP1015 redundancy): a client finds it from the scoping
    // instance by either association; CIM_HostedCollection.Antecedent is Min(1) Max(1) for every system-specific collection.
    this.#ctx.relate(ModelClass.OwningCollectionElement, ['OwningElement', this.#ctx.systemPath], ['OwnedElement', set.path!]);
    this.#ctx.relate(ModelClass.HostedCollection, ['Antecedent', this.#ctx.systemPath], ['Dependent', set.path!]);
    const finding = redundancyFinding(group.label, status);
    if (finding) this.#ctx.rollup.push(finding);
  }

  /** Devices naming a redundancy group the snapshot does not have, or a group of the other kind. */
  #checkRedundancyGroups(): void {
    const kinds = new Map((this.#snapshot.redundancy ?? []).map((g) => [g.id, g.kind]));
    const check = (kind: RedundancyGroup['kind'], devices: readonly (Fan | PowerSupply)[] | undefined): void => {
      for (const d of devices ?? []) {
        if (d.redundancyGroup === undefined) continue;
        const found = kinds.get(d.redundancyGroup);
        if (found === undefined) this.#problem(d.id, `redundancy group "${d.redundancyGroup}" is not in the snapshot`);
        else if (found !== kind) {
          this.#problem(d.id, `redundancy group "${d.redundancyGroup}" is a set of ${MEMBERS[found]}, not of ${MEMBERS[kind]}: not a member`);
        }
      }
    };
    check('fan', this.#snapshot.fans);
    check('powerSupply', this.#snapshot.powerSupplies);
  }
}

/**
 * A device without an opinion is served (its status says so) but does not
 * roll up into the system's health: an empty slot, a fan at 0 RPM that may be
 * an unconnected header, a sensor whose device is asleep (Dormant). A part
 * that cannot be read still does, through its sensor's Lost Communication.
 */
function opinion(health: Verdict): { rollUp: boolean } {
  return health.condition === 'unknown' || health.condition === 'dormant' ? WITHOUT_OPINION : WITH_OPINION;
}

const WITH_OPINION = Object.freeze({ rollUp: true });
const WITHOUT_OPINION = Object.freeze({ rollUp: false });

/** A lost reading is written at the finer of its own resolution and the sensor's, so it is not rounded. */
function resolutionOfLastReading(sensor: NumericSensor, assessment: SensorAssessment, last: LastReading | undefined): NumericSensor {
  if (assessment.lostSince === undefined || last === undefined || last.decimals <= sensor.decimals) return sensor;
  return { ...sensor, decimals: last.decimals };
}

function elementKey(kind: MonitoredElement['kind'], id: string): string {
  return `${kind}\u0000${id}`;
}

/** PollingInterval is in nanoseconds. */
function pollingInterval(intervalMs: number | undefined): bigint | undefined {
  return intervalMs !== undefined && Number.isFinite(intervalMs) && intervalMs > 0 ? BigInt(Math.round(intervalMs * 1e6)) : undefined;
}

/** A rounded non-negative integer of the given unsigned width, or undefined when not one (bigint for 64 bits). */
function integer(n: number | undefined, bits: 16): number | undefined;
function integer(n: number | undefined, bits: 32): number | undefined;
function integer(n: number | undefined, bits: 64): bigint | undefined;
function integer(n: number | undefined, bits: 16 | 32 | 64): number | bigint | undefined {
  if (n === undefined || !Number.isFinite(n) || n < 0) return undefined;
  const rounded = Math.round(n);
  if (bits === 64) return rounded <= Number.MAX_SAFE_INTEGER ? BigInt(rounded) : undefined;
  return rounded < 2 ** bits ? rounded : undefined;
}
