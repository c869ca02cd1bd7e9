/**
 * The neutral hardware snapshot: what a hardware provider reports, in plain
 * units, without any CIM. The model builder maps every snapshot to the DMTF
 * profiles the same way, so a new hardware source never writes CIM.
 *
 * Identifiers (`id`) are stable across samples (e.g. `hwmon:coretemp-isa-0000/temp1`)
 * so instance identities, and thus change detection, survive re-sampling.
 */

/** Health as the hardware states it, before the model derives CIM states. */
export type Health = 'ok' | 'warning' | 'critical' | 'fatal' | 'unknown';

/** The physical quantity a numeric sensor measures. */
export type SensorKind =
  | 'temperature' | 'voltage' | 'current' | 'power' | 'energy' | 'fan' | 'frequency'
  | 'humidity' | 'pressure' | 'airflow' | 'utilization' | 'other';

/**
 * The unit of `value` and of the thresholds: a CIM BaseUnits each (IPMI's
 * unit table is the same list), so a reading is served in the unit its
 * source printed.
 */
export type SensorUnit =
  | 'celsius' | 'fahrenheit' | 'kelvin' | 'volts' | 'amps' | 'watts' | 'voltamperes' | 'joules' | 'rpm' | 'hertz'
  | 'percent' | 'pascals' | 'psi' | 'cfm' | 'seconds' | 'inches' | 'feet' | 'meters' | 'liters' | 'ohms' | 'unspecified';

export type ThresholdName =
  | 'lowerNonCritical' | 'upperNonCritical' | 'lowerCritical' | 'upperCritical' | 'lowerFatal' | 'upperFatal';

export type Thresholds = Partial<Record<ThresholdName, number>>;

/**
 * What the hardware declares about a sensor's readings, in `unit` like the
 * value (IPMI's full sensor record: nominal reading, normal minimum and
 * maximum, sensor minimum and maximum reading). Guidance for people and
 * graphs (a graph's bounds, a normal band), not limits: no state or health
 * comes from them, the thresholds do that. Only what the source states: a
 * range it leaves unspecified is absent, never guessed.
 */
export interface SensorRanges {
  /** The expected reading (CIM NominalReading). */
  nominal?: number;
  /** The normal range (CIM NormalMin, NormalMax); normalMin is not above normalMax. */
  normalMin?: number;
  normalMax?: number;
  /** The smallest and largest reading the sensor can return (CIM MinReadable, MaxReadable); min not above max. */
  minReadable?: number;
  maxReadable?: number;
}

/** A reference from a sensor to the device or package it monitors. */
export interface MonitoredElement {
  kind: 'fan' | 'powerSupply' | 'processor' | 'memory' | 'battery' | 'chassis' | 'system';
  id: string;
}

export interface NumericSensor {
  id: string;
  /** What a person reads: "CPU Temp", "Fan 1", "12V". */
  label: string;
  kind: SensorKind;
  unit: SensorUnit;
  /** The reading in `unit`, or null when the source has no reading now. */
  value: number | null;
  /**
   * Decimal digits after the point the source resolves (hwmon millidegrees: 3).
   * The model writes CurrentReading × 10^-decimals exactly, with 9 digits at
   * most: 10 to 15 are served as 9 (a problem for provider-test), more refuse
   * the sensor.
   */
  decimals: number;
  thresholds?: Thresholds;
  /** The nominal reading, normal range and readable range the hardware declares, where it does. */
  ranges?: SensorRanges;
  /** Thresholds the hardware accepts writes for; a subset of those present. */
  settable?: ThresholdName[];
  /**
   * How far back past a crossed threshold the reading must go to leave its
   * state, in `unit` (IPMI's positive/negative hysteresis). Default: one
   * percent of the threshold, at least two steps of `decimals`.
   */
  hysteresis?: number;
  /** The source's own verdict (IPMI status column, hwmon alarm files), if any. */
  health?: Health;
  /**
   * Whether `health` is the source's judgement of this reading against these
   * thresholds (a BMC's status column): the model then takes it as the
   * verdict and does not judge the thresholds again, so a threshold the
   * hardware publishes but does not enforce raises no alarm. Otherwise the
   * worse of `health` and the thresholds' state wins (hwmon's alarm files
   * cover only some of a channel's limits).
   */
  thresholdsJudged?: boolean;
  /**
   * The threshold the source says the reading has crossed, where it names one
   * it does not publish (an IPMI status `ucr` on a record without
   * thresholds): CurrentState then names it rather than Unknown.
   */
  crossed?: ThresholdName;
  /**
   * Why there is no reading: absent, disabled, failed to read, or asleep: the
   * device is powered down for now (a runtime-suspended graphics card), which
   * is no fault; the model keeps such a sensor Dormant, out of the roll-up.
   */
  unavailable?: 'absent' | 'disabled' | 'failed' | 'asleep';
  monitors?: MonitoredElement;
  /** Where the reading comes from, e.g. the hwmon chip or the IPMI sensor number. */
  source?: string;
}

export type DiscreteSensorKind = 'presence' | 'intrusion' | 'powerSupplyStatus' | 'redundancy' | 'other';

export interface DiscreteSensor {
  id: string;
  label: string;
  kind: DiscreteSensorKind;
  /** Every state the sensor can report; `state` is one of them. */
  possibleStates: string[];
  state: string;
  health: Health;
  monitors?: MonitoredElement;
  source?: string;
}

export type DeviceStatus = 'ok' | 'degraded' | 'failed' | 'absent' | 'unknown';

export interface Fan {
  id: string;
  label: string;
  /** The id of the numeric sensor with the fan's speed (kind 'fan'). */
  speedSensor?: string;
  variableSpeed?: boolean;
  /** Requested speed in RPM where the controller tells. */
  desiredSpeed?: number;
  status: DeviceStatus;
  /** Why the status is what it is, e.g. 'not present', 'AC lost'. */
  statusReason?: string;
  /** A stopped fan that is idle by design (zero-RPM mode) is not a failure. */
  idleAllowed?: boolean;
  redundancyGroup?: string;
  fru?: Fru;
}

export interface PowerSupply {
  id: string;
  label: string;
  /** Rated output in watts, where known. */
  ratedOutputWatts?: number;
  status: DeviceStatus;
  /** Why the status is what it is, e.g. 'not present', 'AC lost'. */
  statusReason?: string;
  /** Ids of sensors that measure this supply. */
  sensors?: string[];
  redundancyGroup?: string;
  fru?: Fru;
}

/** Field-replaceable-unit data of a physical package. */
export interface Fru {
  manufacturer?: string;
  model?: string;
  serialNumber?: string;
  partNumber?: string;
  version?: string;
}

export interface Chassis extends Fru {
  id: string;
  /** SMBIOS asset tag or another unique tag. */
  tag?: string;
  /** SMBIOS chassis type text, e.g. "Rack Mount Chassis", "Desktop". */
  type?: string;
}

/** A circuit board: the baseboard (motherboard) or an add-in card. */
export interface Board extends Fru {
  id: string;
  label: string;
  /** True for the motherboard (CIM_Card.HostingBoard). */
  hostingBoard?: boolean;
}

export interface SystemIdentity {
  /** Host name: becomes CIM_ComputerSystem.Name. */
  hostname: string;
  manufacturer?: string;
  model?: string;
  serialNumber?: string;
  uuid?: string;
}

export interface Firmware {
  id: string;
  /** "System BIOS" for the BIOS (clients such as check_esxi_hardware look for exactly that), "BMC Firmware". */
  label: string;
  manufacturer?: string;
  version: string;
  releaseDate?: Date;
}

export interface Processor {
  id: string;
  label: string;
  manufacturer?: string;
  model?: string;
  cores?: number;
  threads?: number;
  /** Maximum speed in MHz. */
  maxSpeedMHz?: number;
  currentSpeedMHz?: number;
  status: DeviceStatus;
}

export interface MemoryModule {
  id: string;
  label: string;
  /** Capacity in bytes. */
  capacity: number;
  type?: string;
  speedMHz?: number;
  manufacturer?: string;
  serialNumber?: string;
  partNumber?: string;
  status: DeviceStatus;
}

export interface Battery {
  id: string;
  label: string;
  /** Charge in percent. */
  chargePercent?: number;
  charging?: boolean;
  status: DeviceStatus;
}

export type RedundancyStatus = 'full' | 'degraded' | 'lost' | 'failed' | 'unknown';

export interface RedundancyGroup {
  id: string;
  label: string;
  kind: 'fan' | 'powerSupply';
  status: RedundancyStatus;
  /** Members needed for the function; 0 when unknown. */
  minNeeded?: number;
}

/** Everything one provider saw in one sample. Every list may be empty. */
export interface HardwareSnapshot {
  system?: SystemIdentity;
  chassis?: Chassis[];
  boards?: Board[];
  firmware?: Firmware[];
  sensors?: NumericSensor[];
  discreteSensors?: DiscreteSensor[];
  fans?: Fan[];
  powerSupplies?: PowerSupply[];
  processors?: Processor[];
  memory?: MemoryModule[];
  batteries?: Battery[];
  redundancy?: RedundancyGroup[];
}
