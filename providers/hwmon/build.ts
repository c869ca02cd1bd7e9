/**
 * Chips' attribute texts → the neutral HardwareSnapshot. Pure: no I/O, so
 * every rule here is tested on in-memory chips.
 *
 * Each channel with a reading becomes one sensor, id
 * `hwmon:<chip-id>/<channel>` (`hwmon:coretemp-isa-0000/temp1`):
 * - temp, in, curr, power, energy, fan, freq, humidity → NumericSensor in
 *   plain units (QUANTITIES); the reading is `<channel>_input`, for power
 *   `power<N>_average` when there is no input (ACPI power meters);
 * - pwm<N> → NumericSensor of kind 'other' in percent;
 * - intrusion<N>_alarm → DiscreteSensor 'intrusion';
 * - a channel with alarms and no reading → DiscreteSensor 'other';
 * - fan<N>_input → also a Fan with the same id as its speed sensor (fans
 *   and sensors are separate id spaces);
 * - a chip named in `powerSupplyChips` → also a PowerSupply measured by its
 *   other sensors.
 */
import type {
  DeviceStatus,
  DiscreteSensor,
  Fan,
  HardwareSnapshot,
  Health,
  NumericSensor,
  PowerSupply,
  ThresholdName,
} from '../../src/model/snapshot.js';
import {
  type AttributeName,
  CHANNEL_TYPES,
  type ChannelType,
  channelName,
  parseAttributeInteger,
  parseAttributeName,
  ownEntry,
  parseLabel,
  PWM_QUANTITY,
  pwmFullScale,
  pwmPercent,
  quantityOf,
  type Quantity,
  scaleReading,
} from './attributes.js';
import { HwmonError } from './errors.js';
import { isThresholdItem, LOWER_ITEMS, type RawLimits, TEMP_ABSOLUTE_ZERO, THRESHOLD_ITEMS, type ThresholdItem, toThresholds, usableLimits } from './thresholds.js';

/** What reading one attribute file gave. */
export type AttributeRead = { text: string } | { error: HwmonError };

/** One chip as read from sysfs. */
export interface RawChip {
  /** Unique, stable chip id (`coretemp-isa-0000`). */
  id: string;
  /** The chip's `name` attribute (`coretemp`). */
  name: string;
  /** The folder the attributes were read from. */
  path: string;
  /** Attribute file name → what reading it gave; only wanted attributes (`isWantedAttribute`). */
  attributes: ReadonlyMap<string, AttributeRead>;
  /** The subsystem of the chip's device (`platform`, `pci`, `power_supply`), when it has one. */
  subsystem?: string;
  /** The driver bound to the chip's device, when it has one and the chip has no name or one of NAMES_OF_TWO_DRIVERS. */
  driver?: string;
  /**
   * The device's `power/runtime_status` (`active`, `suspended`, …), read only
   * when a read failed with an error the driver gives while the device is
   * powered down (isAsleepError).
   */
  runtimeStatus?: string;
}

export interface BuildOptions {
  /** Chip names whose fans stop by design when cool (graphics cards). */
  zeroRpmChips: readonly string[];
  /** Chip names that are power supplies. */
  powerSupplyChips: readonly string[];
  /** Sensor ids that gave a reading in an earlier sample of this process: the `remember` of earlier builds. */
  readBefore?: ReadonlySet<string>;
}

export interface BuildResult {
  snapshot: HardwareSnapshot;
  /** Attributes that could not be read or parsed; the sensors they belong to say so. */
  problems: HwmonError[];
  /** Ids of sensors that gave a reading and whose later readings depend on it (OPEN_INPUT_HIGH): for `readBefore`. */
  remember: string[];
}

/** Alarm files and the health each states when set. */
const ALARM_HEALTH: Readonly<Record<string, Health>> = {
  alarm: 'warning',
  min_alarm: 'warning',
  max_alarm: 'warning',
  cap_alarm: 'warning',
  lcrit_alarm: 'critical',
  crit_alarm: 'critical',
  // xgene-hwmon's name for crit_alarm.
  critical_alarm: 'critical',
  emergency_alarm: 'fatal',
};
/** The limit an alarm compares the reading with; `alarm` and `cap_alarm` compare with whichever the chip has. */
const ALARM_LIMIT: Readonly<Record<string, ThresholdItem>> = {
  min_alarm: 'min', max_alarm: 'max', lcrit_alarm: 'lcrit', crit_alarm: 'crit', critical_alarm: 'crit', emergency_alarm: 'emergency',
};
const HEALTH_RANK: readonly Health[] = ['ok', 'warning', 'critical', 'fatal'];

const VALUE_ITEMS = ['input', 'average'];
const OTHER_ITEMS = ['label', 'fault', 'enable', 'target'];

/** Whether the provider reads this attribute at all (it skips beep, offset, hysteresis, auto points, … and every type but a temperature's). */
export function isWantedAttribute(attribute: AttributeName): boolean {
  const { type, item } = attribute;
  if (type === 'pwm') return item === '' || item === 'enable';
  if (type === 'intrusion') return item === 'alarm';
  if (item === 'type') return type === 'temp';
  return VALUE_ITEMS.includes(item) || OTHER_ITEMS.includes(item) || isThresholdItem(item) || Object.hasOwn(ALARM_HEALTH, item);
}

/** Whether the attribute holds a channel's reading (rather than a limit, alarm or label). */
export function isReadingAttribute({ type, item }: AttributeName): boolean {
  if (type === 'pwm') return item === '';
  if (type === 'intrusion') return item === 'alarm';
  return item === 'input' || (type === 'power' && item === 'average');
}

/** Possible states of an intrusion sensor; 'Unknown' when its alarm cannot be read. */
export const INTRUSION_STATES = ['Normal', 'Intrusion', 'Unknown'];

export function buildSnapshot(chips: readonly RawChip[], options: BuildOptions): BuildResult {
  const problems: HwmonError[] = [];
  const sensors: SensorDraft[] = [];
  const discrete: DiscreteDraft[] = [];
  const fans: FanDraft[] = [];
  const powerSupplies: PowerSupply[] = [];
  const remember: string[] = [];
  for (const chip of chips) {
    const supply = chip.name === PMBUS_GENERIC || options.powerSupplyChips.includes(chip.name);
    const pmbus = supply || MAX31785.test(chip.name);
    const reader = new ChipReader(chip, channelsOf(chip), problems, pmbus || STALL_ALARM_CHIPS.includes(chip.name), pmbus, supply, options.readBefore);
    const first = sensors.length;
    for (const channel of reader.channels.values()) {
      if (channel.type === 'intrusion') discrete.push(intrusionSensor(reader, channel));
      else if (channel.type === 'pwm') sensors.push(...optional(pwmSensor(reader, channel)));
      else {
        const other = isOtherOnFanChannel(reader, channel);
        const sensor = numericSensor(reader, channel, other ? RAW_OTHER : quantityOf(reader.chip.name, channel.type, channel.index));
        if (sensor === undefined) {
          discrete.push(...optional(alarmSensor(reader, channel)));
          continue;
        }
        sensors.push(sensor);
        if (sensor.sensor.value !== null && isEightBitSuperIoTemperature(reader, channel)) remember.push(sensor.sensor.id);
        if (channel.type === 'fan' && !other) fans.push(fanDevice(reader, channel, sensor, options));
      }
    }
    if (options.powerSupplyChips.includes(chip.name)) powerSupplies.push(powerSupply(chip, sensors.slice(first)));
  }
  disambiguateLabels(sensors, (s) => s.sensor.kind);
  disambiguateLabels(discrete, () => 'discrete');
  return {
    snapshot: {
      sensors: sensors.map((s) => s.sensor),
      discreteSensors: discrete.map((d) => d.sensor),
      fans: fans.map((f) => ({ ...f.fan, label: f.speed.sensor.label })),
      ...(powerSupplies.length > 0 && { powerSupplies }),
    },
    problems,
    remember,
  };
}

const optional = <T>(value: T | undefined): T[] => (value === undefined ? [] : [value]);

/**
 * The chips of the aquacomputer_d5next driver (aqc_device_names), whose fan
 * channels also carry readings that are no fan speeds: "fan[1-9]_input
 * Pump/fan speed (in RPM) / Flow speed (in dL/h)" (aquacomputer_d5next.rst).
 * The driver labels each such channel with its unit in brackets ("Flow speed
 * [dL/h]", "Water quality [%]", "Conductivity [nS/cm]", "Pressure [mbar]",
 * "Reservoir Volume [ml]"), and the Leakshield's "User-Provided Pump Speed"
 * is a number the user writes for its own calculations.
 */
const AQUACOMPUTER_CHIPS: ReadonlySet<string> = new Set([
  'aquaero', 'd5next', 'farbwerk', 'farbwerk360', 'octo', 'quadro', 'highflownext', 'leakshield',
  'aquastreamxt', 'aquastreamultimate', 'poweradjust3', 'highflow',
]);
const OTHER_ON_FAN_CHANNEL = /\[[^\]]+\]$|^User-Provided/;
/** Such a reading: in the unit its label names, as the driver serves it. */
const RAW_OTHER: Quantity = { kind: 'other', unit: 'unspecified', decimals: 0 };

/** Whether a fan channel holds some other reading (AQUACOMPUTER_CHIPS): a sensor in RAW_OTHER, and no fan. */
function isOtherOnFanChannel(reader: ChipReader, channel: Channel): boolean {
  if (channel.type !== 'fan' || !AQUACOMPUTER_CHIPS.has(reader.chip.name)) return false;
  const label = reader.text(channel, 'label');
  return typeof label === 'string' && OTHER_ON_FAN_CHANNEL.test(parseLabel(label) ?? '');
}

// ---- channels ---------------------------------------------------------------

interface Channel {
  type: ChannelType;
  index: number;
  /** `temp1`. */
  name: string;
  /** Item → attribute file name. */
  files: Map<string, string>;
}

/** The chip's channels by name, ordered by type (as in CHANNEL_TYPES) and index. */
function channelsOf(chip: RawChip): Map<string, Channel> {
  const channels = new Map<string, Channel>();
  for (const file of chip.attributes.keys()) {
    const attribute = parseAttributeName(file);
    if (attribute === undefined) continue;
    const name = channelName(attribute.type, attribute.index);
    let channel = channels.get(name);
    if (channel === undefined) {
      channel = { type: attribute.type, index: attribute.index, name, files: new Map() };
      channels.set(name, channel);
    }
    channel.files.set(attribute.item, file);
  }
  for (const channel of channels.values()) alertsAsLimits(chip, channel);
  const order = (c: Channel): number => CHANNEL_TYPES.indexOf(c.type);
  const sorted = [...channels.values()].sort((a, b) => order(a) - order(b) || a.index - b.index);
  return new Map(sorted.map((channel) => [channel.name, channel]));
}

/**
 * A power supply class device's (a battery, a charger: its device's
 * subsystem is `power_supply`) `temp<N>_min_alarm` and `temp<N>_max_alarm`
 * hold no 0/1 flag but its TEMP_ALERT_MIN and TEMP_ALERT_MAX (TEMP_AMBIENT_
 * on temp2), the temperatures at which it raises an alert, in millidegrees
 * (power_supply_hwmon.c): its limits where the channel has no
 * `temp<N>_min` or `temp<N>_max` of its own, else nothing. A MAX17042 fuel
 * gauge's power-on -128 °C and 127 °C drop as placeholders.
 */
const ALERTS_OF_SUBSYSTEM: Readonly<Record<string, Partial<Record<ChannelType, Readonly<Record<string, ThresholdItem>>>>>> = {
  power_supply: { temp: { min_alarm: 'min', max_alarm: 'max' } },
};

function alertsAsLimits({ subsystem }: RawChip, channel: Channel): void {
  const alerts = ownEntry(ALERTS_OF_SUBSYSTEM, subsystem)?.[channel.type] ?? {};
  for (const [alert, limit] of Object.entries(alerts)) {
    const file = channel.files.get(alert);
    if (file === undefined) continue;
    channel.files.delete(alert);
    if (!channel.files.has(limit)) channel.files.set(limit, file);
  }
}

/** Reads typed values of one chip's attributes, noting every failure in `problems`. */
class ChipReader {
  private readonly reported = new Set<string>();

  constructor(
    readonly chip: RawChip,
    readonly channels: ReadonlyMap<string, Channel>,
    private readonly problems: HwmonError[],
    /** Whether a fan alarm at 0 RPM says a fan stalled (STALL_ALARM_CHIPS, and power supplies). */
    readonly stallAlarms: boolean,
    /** Whether the chip is a PMBus device (the MAX31785s, and supplies): PMBUS_TARGET_OF_DUTY_CYCLE, PMBUS_ALL_ONES. */
    readonly pmbus: boolean,
    /** Whether the chip is a PMBus supply (`pmbus`, and `powerSupplyChips`): SUPPLY_FAN_ALL_ONES. */
    readonly supply: boolean,
    private readonly readBefore: ReadonlySet<string> = new Set(),
  ) {}

  /** Whether the channel gave a reading in an earlier sample (BuildOptions.readBefore). */
  hasReadBefore(channel: Channel): boolean {
    return this.readBefore.has(this.sensorId(channel));
  }

  /** Notes a problem once per file, however many sensors and fans read that file. */
  report(problem: HwmonError): void {
    if (this.reported.has(problem.path)) return;
    this.reported.add(problem.path);
    this.problems.push(problem);
  }

  /** The channel `<type><index>` of this chip, if it has one. */
  sibling(type: ChannelType, index: number): Channel | undefined {
    return this.channels.get(channelName(type, index));
  }

  /** The integer in the channel's `item` file: undefined when there is no such file, null when it failed. */
  integer(channel: Channel, item: string): number | null | undefined {
    const text = this.text(channel, item);
    if (text === undefined || text === null) return text;
    try {
      return parseAttributeInteger(text, this.path(channel, item));
    } catch (error) {
      this.report(error as HwmonError);
      return null;
    }
  }

  /** The text of the channel's `item` file: undefined when there is no such file, null when it failed. */
  text(channel: Channel, item: string): string | null | undefined {
    const file = channel.files.get(item);
    if (file === undefined) return undefined;
    const read = this.chip.attributes.get(file);
    if (read === undefined) return undefined;
    if ('error' in read) {
      this.report(read.error);
      return null;
    }
    return read.text;
  }

  /** The error reading the channel's `item` file, if it failed to read. */
  readError(channel: Channel, item: string): HwmonError | undefined {
    const file = channel.files.get(item);
    const read = file === undefined ? undefined : this.chip.attributes.get(file);
    return read !== undefined && 'error' in read ? read.error : undefined;
  }

  path(channel: Channel, item: string): string {
    return `${this.chip.path}/${channel.files.get(item) ?? channelName(channel.type, channel.index)}`;
  }

  /** The chip's label for the channel, or `<chip-id> <channel>`. */
  label(channel: Channel): string {
    const text = this.text(channel, 'label');
    return (typeof text === 'string' ? parseLabel(text) : undefined) ?? `${this.chip.id} ${channel.name}`;
  }

  sensorId(channel: Channel): string {
    return `hwmon:${this.chip.id}/${channel.name}`;
  }
}

// ---- numeric sensors ----------------------------------------------------------

interface SensorDraft {
  sensor: NumericSensor;
  /** For label disambiguation. */
  chip: string;
  channel: string;
  /** Usable raw limits (fan status needs the minimum). */
  limits: RawLimits;
  /** The chip reported a fault of the sensor (`<channel>_fault`). */
  fault: boolean;
  /** Raw reading, null when unavailable. */
  raw: number | null;
  alarm: boolean;
}

/**
 * Chips whose fan<N>_fault tells no failed fan: sch5627's is its tach
 * register at 0xffff, which it also serves as 0 RPM (an empty header reads
 * "FAULT" in `sensors`); sch5636's is its "fan not present" bit. Such a fan
 * is judged by its reading, as any fan at 0 RPM.
 */
const FAN_FAULT_NO_FAILURE: ReadonlySet<string> = new Set(['sch5627', 'sch5636']);

/**
 * Channels other than fans whose `<channel>_fault` is the fault of what
 * they measure, not of the sensor: ibmpowernv's `in<N>_fault`, "1: Failing
 * power supply" (ibmpowernv.rst; an IBM POWER host's OPAL sensors).
 */
const DEVICE_FAULTS: Readonly<Record<string, readonly ChannelType[]>> = { ibmpowernv: ['in'] };

function isDeviceFault(chip: string, type: ChannelType): boolean {
  return type === 'fan' || (ownEntry(DEVICE_FAULTS, chip)?.includes(type) ?? false);
}

function numericSensor(reader: ChipReader, channel: Channel, quantity: Quantity): SensorDraft | undefined {
  const valueItem = VALUE_ITEMS.find((item) => channel.files.has(item) && isReadingAttribute({ type: channel.type, index: channel.index, item }));
  if (valueItem === undefined) return undefined;
  const raw = reading(reader, channel, valueItem);
  const read = rawLimits(reader, channel);
  const limits = channelLimits(reader, channel, read);
  const lacking = isAllOnesSupplyFan(reader, channel, valueItem);
  const fault = !lacking && (reader.integer(channel, 'fault') ?? 0) !== 0 && !(channel.type === 'fan' && FAN_FAULT_NO_FAILURE.has(reader.chip.name));
  const alarms = lacking ? undefined : alarmVerdict(reader, channel, read, limits, raw);
  const none = raw === null ? undefined : noReading(reader, channel, valueItem, raw, LOW_ALARMS.has(alarms?.alarm ?? ''));
  const sensor: NumericSensor = {
    id: reader.sensorId(channel),
    label: reader.label(channel),
    kind: quantity.kind,
    unit: quantity.unit,
    value: raw === null ? null : scaleReading(raw, quantity.decimals, quantity.multiplier),
    decimals: quantity.decimals,
    source: reader.chip.id,
  };
  const thresholds = toThresholds(limits, (limit) => scaleReading(limit, quantity.decimals, quantity.multiplier));
  if (Object.keys(thresholds).length > 0) sensor.thresholds = thresholds;
  if (alarms !== undefined) sensor.health = alarms.health;
  if (alarms?.crossed) sensor.crossed = alarms.crossed;
  if (raw === null) sensor.unavailable = lacking ? 'absent' : unavailability(reader, channel, valueItem);
  if (fault && isDeviceFault(reader.chip.name, channel.type)) {
    // The fault of what the channel measures, not of the sensor: a fan that stopped or is missing, a failing
    // supply (DEVICE_FAULTS). The reading stands.
    sensor.health = 'critical';
  } else if (fault) {
    // Any other fault is the sensor's (an open or shorted diode): its reading is noise.
    sensor.value = null;
    sensor.unavailable = 'failed';
  } else if (none !== undefined) {
    sensor.value = null;
    sensor.unavailable = none;
  }
  return { sensor, chip: reader.chip.id, channel: channel.name, limits, fault, raw, alarm: alarms !== undefined && alarms.health !== 'ok' };
}

/**
 * The read error with which a driver answers for a fan that gives no
 * tachometer pulses: aspeed-pwm-tacho (the fan controller of AST2400 and
 * AST2500 BMCs) waits one measuring period for the tachometer's result and
 * fails with ETIMEDOUT when none came ("return -ETIMEDOUT if we didn't get
 * an answer", aspeed_get_fan_tach_ch_rpm): the fan does not turn, 0 RPM, as
 * the OpenBMC kernel's AST2600 driver (tach-aspeed-ast2600.c) serves such a
 * read ("return 0 if we didn't get an answer because of timeout"). The
 * driver takes no lock around its one trigger and one result register, so
 * a second reader on the BMC (phosphor-hwmon, dbus-sensors) can make a
 * turning fan's read time out too: such a read is made once more
 * (readChip), and only a second timeout is 0 RPM.
 */
const NO_PULSES_ERRNO: Readonly<Record<string, string>> = { aspeed_pwm_tacho: 'ETIMEDOUT' };

/**
 * The reading a driver serves for a fan that gives no tachometer pulses:
 * amdgpu passes on the SMU's fan speed, a uint16 in its metrics table
 * (CurrFanSpeed), which is all ones when no pulse came: an RX 5700 XT's
 * resting fan reads 65535 RPM (lm-sensors/lm-sensors#310), and so does an
 * unplugged one (LibreHardwareMonitor#134). The fan stands still: 0 RPM.
 */
const NO_PULSES_READING: Readonly<Record<string, number>> = { amdgpu: 0xffff };

/** Whether a read of a fan's file failed with its driver's error for a fan that gives no pulses (NO_PULSES_ERRNO). */
export function isNoPulsesError(chipName: string, attribute: AttributeName, error: HwmonError): boolean {
  return attribute.type === 'fan' && error.code === 'IO' && error.errno !== undefined && error.errno === ownEntry(NO_PULSES_ERRNO, chipName);
}

/**
 * The channel's raw reading; null when it failed, or when it is a speed
 * below 0: no fan turns at a negative speed (a PMBus supply's fan it lacks
 * reads all ones, -1 RPM: SUPPLY_FAN_ALL_ONES, absent and not reported). A
 * fan read that failed, twice, with the driver's error for no pulses is
 * 0 RPM, and so is the driver's reading for no pulses (NO_PULSES_READING).
 */
function reading(reader: ChipReader, channel: Channel, valueItem: string): number | null {
  const error = reader.readError(channel, valueItem);
  if (error !== undefined && isNoPulsesError(reader.chip.name, { type: channel.type, index: channel.index, item: valueItem }, error)) return 0;
  const raw = reader.integer(channel, valueItem) ?? null;
  if (raw === null || channel.type !== 'fan') return raw;
  if (raw === ownEntry(NO_PULSES_READING, reader.chip.name)) return 0;
  if (raw >= 0) return raw;
  if (!isAllOnesSupplyFan(reader, channel, valueItem)) reader.report(new HwmonError('BAD_VALUE', reader.path(channel, valueItem), `fan speed ${raw} is below 0`));
  return null;
}

/**
 * A PMBus supply's fan speed register answering all ones: LINEAR11 0xFFFF,
 * -1 RPM. The PMBus core serves fan<N> wherever FAN_CONFIG (all ones too on
 * such a device) says a fan is installed, and its STATUS_FAN bits then set
 * the fan's alarm and fault. A Delta DPS-920AB has one fan and reads fan2
 * and fan3 at -1, alarm and fault set ("not supported", its driver's
 * author, linux-hwmon list, 2021; a DPS-800's "fan3: -1 RPM [ALARM]",
 * sonic-net/sonic-buildimage#23188): most likely a fan it lacks, but a
 * fitted fan whose supply answers all ones reads the same. Its speed is
 * `absent` and its alarm and fault say nothing; the fan's status is unknown,
 * and the model tells them apart: a fan never seen turning is an absent
 * part, one seen turning is lost. Only supplies: a MAX31785's fitted fans
 * read -1 while the host is powered off (openbmc/openbmc#1456).
 */
const SUPPLY_FAN_ALL_ONES = -1;

/** Whether the channel is a PMBus supply's fan that reads all ones (SUPPLY_FAN_ALL_ONES). */
function isAllOnesSupplyFan(reader: ChipReader, channel: Channel, valueItem: string): boolean {
  return reader.supply && channel.type === 'fan' && reader.integer(channel, valueItem) === SUPPLY_FAN_ALL_ONES;
}

/**
 * Readings a driver gives for no measurement:
 * - 'failed': acpi_power_meter served ACPI _PMM's 0xFFFFFFFF mW (an unknown
 *   measurement) × 1000 as 4294967295000 µW, `sensors`' "4.29 MW", until a
 *   2023 fix made it answer ENODATA, which fails the read; it is taken as
 *   that failed read;
 * - 'absent': the value of an input with nothing connected, for a board's
 *   unused water or T_Sensor headers: asus-ec-sensors' −40 °C (its EC's
 *   blank value) and asus_wmi_sensors' 216 °C (the BIOS's WMI interface; the
 *   out-of-tree driver's name was asuswmisensors), not a freezing or burning
 *   sensor; and applesmc's -127 °C, the SMC's sp78 0x8100 for a temperature
 *   key whose sensor the Mac lacks (an iMac's empty drive bays, TH0A …).
 */
const NOT_READINGS: Readonly<Record<string, Partial<Record<ChannelType, { raw: number; unavailable: 'failed' | 'absent' }>>>> = {
  power_meter: { power: { raw: 4_294_967_295_000, unavailable: 'failed' } },
  asusec: { temp: { raw: -40_000, unavailable: 'absent' } },
  asus_wmi_sensors: { temp: { raw: 216_000, unavailable: 'absent' } },
  asuswmisensors: { temp: { raw: 216_000, unavailable: 'absent' } },
  applesmc: { temp: { raw: -127_000, unavailable: 'absent' } },
};

/**
 * Super I/O chips whose temperatures come from signed 8-bit registers (the
 * it87 driver's ITE chips; the nct6775 driver's Nuvoton chips, NCT6775_DRIVER,
 * and their Winbond forerunners of the w83627ehf driver): a thermal input
 * with nothing behind it (an unused AUXTIN header, a PECI source the chip
 * lost after a resume) reads the bottom of the register, -128 °C (0x80).
 * `sensors` on an MSI B350's nct6793: "AUXTIN1: -128.0°C sensor =
 * thermistor"; an it8728 after a resume: "temp3: -128.0°C ... sensor =
 * Intel PECI".
 */
const EIGHT_BIT_SUPER_IO = /^(it87|it8[67]\d{2,3}|w83627(ehf|dhg|uhg)|w83667hg)$/;
const OPEN_INPUT_LOW = -128_000;

/** Whether the chip is a Super I/O chip with 8-bit temperature registers (EIGHT_BIT_SUPER_IO, NCT6775_DRIVER). */
function isEightBitSuperIo(chipName: string): boolean {
  return EIGHT_BIT_SUPER_IO.test(chipName) || NCT6775_DRIVER.test(chipName);
}

/** Whether the channel is a temperature of a Super I/O chip with 8-bit registers (isEightBitSuperIo). */
function isEightBitSuperIoTemperature(reader: ChipReader, channel: Channel): boolean {
  return channel.type === 'temp' && isEightBitSuperIo(reader.chip.name);
}

/** Whether a temperature is what a Super I/O chip's input with nothing behind it reads (isEightBitSuperIo). */
function isOpenInput(reader: ChipReader, channel: Channel, raw: number): boolean {
  return raw <= OPEN_INPUT_LOW && isEightBitSuperIoTemperature(reader, channel);
}

/**
 * The top of such a register, 127 °C (0x7F; 127.5 °C with the half-degree
 * bit): LibreHardwareMonitor takes an ITE temperature as one only below 127
 * (IT87XX.cs) and drops a Nuvoton one above 125 °C (Nct677X.cs), but no
 * capture shows an open input reading it, and a shorted thermistor reads it
 * too, as would a real overheat. So it is no reading (absent) only on a
 * channel that has given none in this process: one that read before and
 * now reads the top of its register failed (the model's Lost
 * Communication), with a problem noted.
 */
const OPEN_INPUT_HIGH = 127_000;

/** What a temperature at the top of a Super I/O chip's register is (OPEN_INPUT_HIGH), if it is one. */
function atRegisterTop(reader: ChipReader, channel: Channel, valueItem: string, raw: number): 'failed' | 'absent' | undefined {
  if (raw < OPEN_INPUT_HIGH || !isEightBitSuperIoTemperature(reader, channel)) return undefined;
  if (!reader.hasReadBefore(channel)) return 'absent';
  reader.report(new HwmonError('BAD_VALUE', reader.path(channel, valueItem), `${raw} is the top of the chip's 8-bit register after readings: a shorted sensor or an overheat`));
  return 'failed';
}

/**
 * A Nuvoton chip's temperature sources that come over SMBus from an Intel
 * PCH, labelled PCH_… by the nct6775 driver: PCH_CHIP_CPU_MAX_TEMP,
 * PCH_CHIP_TEMP, PCH_CPU_TEMP, PCH_MCH_TEMP and the DIMMs' PCH_DIM0_TEMP …
 * PCH_DIM3_TEMP. Where the BIOS has the chip poll none, on AMD boards and
 * many Intel ones, the register stays 0 (an MSI B350's nct6793, an Intel
 * board's nct6798: "PCH_CHIP_TEMP: +0.0°C"). No running PCH, CPU or DIMM is
 * at 0 °C.
 */
const UNFED_PCH_LABEL = /^PCH_/;

/** Whether a temperature is a Nuvoton chip's PCH source at 0 °C, which nothing feeds (UNFED_PCH_LABEL). */
function isUnfedPchSource(reader: ChipReader, channel: Channel, raw: number): boolean {
  if (channel.type !== 'temp' || raw !== 0 || !NCT6775_DRIVER.test(reader.chip.name)) return false;
  const label = reader.text(channel, 'label');
  return typeof label === 'string' && UNFED_PCH_LABEL.test(parseLabel(label) ?? '');
}

/** The alarms a reading too low raises: beside one of them, a temperature at or below absolute zero stays a reading (noReading). */
const LOW_ALARMS: ReadonlySet<string> = new Set(['alarm', 'min_alarm', 'lcrit_alarm']);

/**
 * `temp<N>_type` of an input that is switched off: it87.rst, "Give 0 for
 * unused sensor"; w83793.c serves its "Stop monitor" mode as 0; lm-sensors'
 * `sensors` prints type 0 of any chip as "sensor = disabled"
 * (prog/sensors/chips.c). The ABI's types run from 1 (nct6683, whose
 * sources of no known type would be 0, hides their type file).
 */
const TEMP_TYPE_DISABLED = 0;

/** Chips whose temperature type 0 is no disabled input: pc87427's temp_type_from_reg() serves type bits 00 of an enabled channel as 0. */
const TEMP_TYPE_0_ENABLED: ReadonlySet<string> = new Set(['pc87427']);

/**
 * Whether a temperature input's type says it is switched off. Read at every
 * sample beside the temperature: a type that fails to read says nothing
 * (not disabled) and is no problem of a sensor whose temperature read.
 */
function isDisabledInput(reader: ChipReader, channel: Channel): boolean {
  if (channel.type !== 'temp' || TEMP_TYPE_0_ENABLED.has(reader.chip.name) || reader.readError(channel, 'type') !== undefined) return false;
  return reader.integer(channel, 'type') === TEMP_TYPE_DISABLED;
}

/**
 * Why a raw reading is no reading, if it is none:
 * - a temperature input whose type says it is disabled (an ITE chip's
 *   unused input reads -128 °C or +128 °C);
 * - a temperature at or below absolute zero, absent: what an NVMe drive
 *   that reports no temperature answers (0 K, as emulated drives in VMs
 *   do) and a thermal zone without a valid one (THERMAL_TEMP_INVALID,
 *   -274 °C; an Intel Wi-Fi card's is its radio off, disabled:
 *   isRadioOffTemperature).
 *   Unless the channel raised an alarm (`alarmed`): an NVMe drive raises
 *   its own when the temperature is below its under-temperature threshold,
 *   as 0 K is, and the reading then stays, judged with that alarm and
 *   against the limits it crossed;
 * - a Super I/O chip's open thermal input (OPEN_INPUT_LOW), or a PCH
 *   source nothing feeds (UNFED_PCH_LABEL), absent; the top of such a
 *   chip's register (OPEN_INPUT_HIGH), absent or failed;
 * - a NOT_READINGS value (a failure is also noted as a problem).
 */
function noReading(reader: ChipReader, channel: Channel, valueItem: string, raw: number, alarmed: boolean): 'failed' | 'absent' | 'disabled' | undefined {
  if (isDisabledInput(reader, channel)) return 'disabled';
  if (channel.type === 'temp' && raw <= TEMP_ABSOLUTE_ZERO) return alarmed ? undefined : isRadioOffTemperature(reader) ? 'disabled' : 'absent';
  if (isOpenInput(reader, channel, raw) || isUnfedPchSource(reader, channel, raw)) return 'absent';
  const top = atRegisterTop(reader, channel, valueItem, raw);
  if (top !== undefined) return top;
  const known = ownEntry(NOT_READINGS, reader.chip.name)?.[channel.type];
  if (known?.raw !== raw) return undefined;
  if (known.unavailable === 'failed') reader.report(new HwmonError('BAD_VALUE', reader.path(channel, valueItem), `${raw} is the firmware's value for no measurement`));
  return known.unavailable;
}

/**
 * Attributes named like limits that a driver uses for something else, none
 * with an alarm: a fan's min and max are the range it is driven in on
 * applesmc and Apple Silicon's macsmc_hwmon (the SMC holds a fan at its
 * minimum, read a few RPM either side, or stops it when cool), dell_smm (the
 * BIOS's nominal speeds; fans run above them), alienware_wmi (the fan's
 * min_rpm and max_rpm its AWCC interface reports at probe,
 * alienware-wmi-wmax.c; laptops rest fans below it and boost them past it),
 * gpio-fan (the ends of its
 * speed map, which full speed reads exactly) and amdgpu (the speeds
 * `fan1_target` may be set to: an RX 5700 XT's fan turns at 4000 RPM at
 * 100 % beside a fan1_max of 3400 RPM). And xe's temp<N>_max: an Arc
 * B580 serves its package's as 60 °C (LACT's snapshot), below where the
 * card runs under load, which its own fan curve drives at part duty to
 * 80 °C (pwm1_auto_point9_temp 80000 at 135 of 255); its crit and
 * emergency (100 °C and 125 °C) stay.
 */
const FAN_RANGE = { fan: ['min', 'max'] } as const;
const NOT_LIMITS: Readonly<Record<string, Partial<Record<string, readonly ThresholdItem[]>>>> = {
  applesmc: FAN_RANGE,
  macsmc_hwmon: FAN_RANGE,
  dell_smm: FAN_RANGE,
  alienware_wmi: FAN_RANGE,
  gpio_fan: FAN_RANGE,
  amdgpu: FAN_RANGE,
  // The Aquaero's fan controller settings ("Minimal fan speed", aquacomputer_d5next.rst), and the Leakshield's pressure bounds.
  aquaero: FAN_RANGE,
  leakshield: FAN_RANGE,
  xe: { temp: ['max'] },
};

/**
 * The same for a driver, where chips of one name have two: the out-of-tree
 * nct6687 driver (Fred78290/nct6687d, for MSI boards) serves every channel's
 * min and max as the lowest and highest reading it has seen, so the reading
 * always sits on one of them; the kernel's nct6683 driver, which names its
 * chips as that one does (nct6683, nct6686, nct6687), serves their limit
 * registers.
 */
const HISTORY = { in: ['min', 'max'], fan: ['min', 'max'], temp: ['min', 'max'] } as const;
const NOT_LIMITS_OF_DRIVER: Readonly<Record<string, Partial<Record<string, readonly ThresholdItem[]>>>> = {
  nct6687: HISTORY,
};

/** Chip names served by two drivers whose attributes differ: only these chips need their driver read. */
export const NAMES_OF_TWO_DRIVERS: ReadonlySet<string> = new Set(['nct6683', 'nct6686', 'nct6687']);

/**
 * The same for a whole class of devices: a power supply's (`power_supply`
 * class: a battery, a USB-C port) in min/max and curr max are the range it
 * delivers (VOLTAGE_MIN, VOLTAGE_MAX, CURRENT_MAX in power_supply_hwmon.c),
 * which a charger negotiated to 20 V, or a full battery, reaches by design.
 */
const NOT_LIMITS_OF_SUBSYSTEM: Readonly<Record<string, Partial<Record<string, readonly ThresholdItem[]>>>> = {
  power_supply: { in: ['min', 'max'], curr: ['max'] },
};

/**
 * k10temp serves `temp<N>_max` as a constant 70 °C (`*val = 70 * 1000`). On
 * a Zen CPU, the only kind whose channels it labels (Tctl, Tdie, Tccd<N>),
 * that is no limit of the part, which runs to 85–95 °C, and newer kernels
 * hide it there (k10temp_is_visible); older ones serve it beside Tdie. On
 * earlier CPUs it is the top of Tctl's scale, and stays.
 */
function zenConstant({ chip }: ChipReader, channel: Channel): readonly ThresholdItem[] {
  return chip.name === 'k10temp' && channel.type === 'temp' && channel.files.has('label') ? ['max'] : [];
}

function rawLimits(reader: ChipReader, channel: Channel): RawLimits {
  const limits: RawLimits = {};
  const { name, driver, subsystem } = reader.chip;
  const others = [
    ...(ownEntry(NOT_LIMITS, name)?.[channel.type] ?? ownEntry(NOT_LIMITS_OF_DRIVER, driver)?.[channel.type] ?? ownEntry(NOT_LIMITS_OF_SUBSYSTEM, subsystem)?.[channel.type] ?? []),
    ...zenConstant(reader, channel),
  ];
  const allOnes = reader.pmbus ? ownEntry(PMBUS_ALL_ONES, channel.type) : undefined;
  for (const item of Object.keys(THRESHOLD_ITEMS) as (keyof typeof THRESHOLD_ITEMS)[]) {
    if (others.includes(item)) continue;
    const value = reader.integer(channel, item);
    if (typeof value === 'number' && value !== allOnes) limits[item] = value;
  }
  return limits;
}

/** The limits of a channel that count: the usable ones, less the high limits chips come up with (RESET_LIMITS). */
function channelLimits(reader: ChipReader, channel: Channel, read: RawLimits): RawLimits {
  const usable = usableLimits(channel.type, read);
  if (atResetValues(reader, channel, read)) delete usable.max;
  return usable;
}

/**
 * What a PMBus device's limit register it lacks reads as: it answers the
 * command with all ones, LINEAR11 0xFFFF, -0.5 in the attribute's unit
 * (a Delta DPS-920AB's temp1_min and _lcrit -500, curr2_lcrit -500; a
 * DPS-800's in1_min and in1_max -500, sonic-net/sonic-buildimage#23188).
 * Such a limit, upper or lower, is taken as unread (rawLimits): it goes
 * before contradictions are resolved, so -0.5 V as an upper limit knocks
 * out no real lower one, and the alarm that names it still counts. The
 * PMBus core's alarms are the device's own status bits, set whether or not
 * it answers the limit (pmbus_core.c gives vin no .compare: in1_min_alarm
 * and in1_lcrit_alarm are STATUS_INPUT's undervoltage warning and fault).
 */
const PMBUS_ALL_ONES: Readonly<Partial<Record<ChannelType, number>>> = { temp: -500, in: -500, curr: -500, power: -500_000 };

/**
 * Limits chips come up with, which every system whose firmware left them
 * shows, whatever the channel measures; where a channel's limits are all
 * at these, its max is no limit (the others are placeholders already, or
 * real):
 * - Nuvoton's Super I/O chips (the nct6775 driver's nct67xx) and their
 *   Winbond forerunners (w83627ehf driver): in0 at min 0 V, max 1.744 V
 *   (218 × 8 mV); a server's nct6779 with in0 at 2.04 V raised its alarm
 *   against it;
 * - a DDR5 module's SPD hub (spd5118): low 0 °C, high 55 °C, critical low
 *   0 °C, critical 85 °C (Meliox/PVE-mods#107, and linux-hwmon, June 2024:
 *   "it stays with the defaults"). A DDR5 module runs to 85 °C at normal
 *   refresh, which the critical limit matches and keeps; 55 °C is nothing
 *   of the part's, and a loaded module passes it.
 */
const RESET_LIMITS: readonly { chip: RegExp; type: ChannelType; index: number; reset: RawLimits }[] = [
  { chip: /^(nct67|w83627(ehf|dhg|uhg)|w83667hg)/, type: 'in', index: 0, reset: { min: 0, max: 1744 } },
  { chip: /^spd5118$/, type: 'temp', index: 1, reset: { min: 0, max: 55_000, lcrit: 0, crit: 85_000 } },
];

function atResetValues({ chip }: ChipReader, channel: Channel, read: RawLimits): boolean {
  return RESET_LIMITS.some(({ chip: name, type, index, reset }) =>
    name.test(chip.name) && channel.type === type && channel.index === index
    && (Object.keys(THRESHOLD_ITEMS) as ThresholdItem[]).every((item) => read[item] === reset[item]));
}

/**
 * Why a reading is missing: 'asleep' when the read failed as its driver's
 * reads fail while the device is powered down, and the device says it is
 * (asleep); 'absent' when it failed with the error its driver documents for
 * a sensor that is not there, 'disabled' when the channel is switched off
 * (`_enable` 0, reads fail with ENODATA; or OFF_WITHOUT_ENABLE; a Wi-Fi
 * radio off, RADIO_OFF), else 'failed'.
 */
function unavailability(reader: ChipReader, channel: Channel, valueItem: string): NonNullable<NumericSensor['unavailable']> {
  const error = reader.readError(channel, valueItem);
  if (error?.code !== 'IO') return 'failed';
  if (asleep(reader.chip, error)) return 'asleep';
  if (error.errno !== undefined && (ownEntry(NOT_AVAILABLE_ERRNO, reader.chip.name)?.[channel.type]?.includes(error.errno) ?? false)) return 'absent';
  if (error.errno !== undefined && error.errno === radioOffErrno(reader, channel)) return 'disabled';
  if (error.errno === NO_DATA && (ownEntry(OFF_WITHOUT_ENABLE, reader.chip.name)?.includes(channel.name) ?? false)) return 'disabled';
  return enableOf(reader, channel) === 0 ? 'disabled' : 'failed';
}

const NO_DATA = 'ENODATA';

/**
 * Channels whose driver fails their read with ENODATA while it has them
 * off, with no enable file to say so: ina3221's summation channels, in7
 * (the shunt voltages' sum) and curr4 (its current), are on only while
 * every input summed has one shunt resistor value (ina3221.c:
 * ina3221_is_enabled, channel > INA3221_CHANNEL3 → summation_shunt_resistor
 * != 0; "No summation if resistor values are different"), which writing a
 * shunt<N>_resistor can change at run time.
 */
const OFF_WITHOUT_ENABLE: Readonly<Record<string, readonly string[]>> = { ina3221: ['in7', 'curr4'] };

/**
 * Wi-Fi cards' temperatures, and the error their drivers answer while the
 * card's firmware is not running (the interface down, rfkill, flight
 * mode): the radio is switched off, disabled.
 * - An Intel card's thermal zone (iwlwifi_<N>, named by mvm/tt.c, read
 *   through thermal_hwmon): iwl_mvm_tzone_get_temp() answered ENODATA, and
 *   since the thermal core's 2024 rework gives THERMAL_TEMP_INVALID
 *   (-274 °C, "no valid temperature value ... need not worry about this"),
 *   as iwlmld does (isRadioOffTemperature);
 * - Qualcomm Atheros cards (ath10k_hwmon, ath11k_hwmon, ath12k_hwmon):
 *   ENETDOWN, "Can't get temperature when the card is off"
 *   (ath10k/thermal.c, ath11k/thermal.c).
 */
const IWLWIFI = /^iwlwifi_\d+$/;
const RADIO_OFF: readonly { chip: RegExp; errno: string }[] = [
  { chip: IWLWIFI, errno: 'ENODATA' },
  { chip: /^ath1[012]k_hwmon$/, errno: 'ENETDOWN' },
];

/**
 * Whether the chip's temperature at or below absolute zero (the thermal
 * core's THERMAL_TEMP_INVALID) is its Wi-Fi radio off: an Intel card's
 * (RADIO_OFF). The Atheros drivers answer ENETDOWN instead, and serve no
 * such value.
 */
function isRadioOffTemperature({ chip }: ChipReader): boolean {
  return IWLWIFI.test(chip.name);
}

/** The error the channel's driver answers while its Wi-Fi radio is off (RADIO_OFF), if it is a Wi-Fi card's temperature. */
function radioOffErrno({ chip }: ChipReader, channel: Channel): string | undefined {
  return channel.type === 'temp' ? RADIO_OFF.find((radio) => radio.chip.test(chip.name))?.errno : undefined;
}

/**
 * Channels a driver switches with another channel's `_enable`: ina3221's
 * in<N>_enable (N = 1–3) switches its input N whole, so its shunt voltage
 * in<N+3> and its current curr<N>, which have no enable file, fail with
 * ENODATA too while it is off (ina3221.c: ina3221_read_in, _read_curr; a
 * channel disabled in the device tree is off from probe).
 */
const ENABLED_BY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ina3221: { in4: 'in1', in5: 'in2', in6: 'in3', curr1: 'in1', curr2: 'in2', curr3: 'in3' },
};

/** The `_enable` that switches the channel: its own, or that of the channel its driver switches it with (ENABLED_BY). */
function enableOf(reader: ChipReader, channel: Channel): number | null | undefined {
  // Channel names (`curr1`) are never Object members, so the inner table is indexed plainly.
  const switching = channel.files.has('enable') ? undefined : ownEntry(ENABLED_BY, reader.chip.name)?.[channel.name];
  const owner = switching === undefined ? channel : reader.channels.get(switching);
  return owner === undefined ? undefined : reader.integer(owner, 'enable');
}

/**
 * The errors a driver's reads fail with while its device is powered down:
 * - amdgpu: EPERM. Its getters (amdgpu_pm.c: temperatures, fan1_input,
 *   fan1_target, pwm1, pwm1_enable, power, voltages, clocks) call
 *   amdgpu_pm_get_access_if_active(), whose pm_runtime_get_if_active() is 0
 *   for a runtime-suspended device: `return ret ?: -EPERM` (the same check
 *   inline in each getter from 2024, as amdgpu_hwmon_get_sensor_generic()
 *   stopped waking the GPU with pm_runtime_resume_and_get(); earlier kernels
 *   woke it for the read). Before runtime PM, a PowerXpress card switched off
 *   answered EINVAL ("Can't get temperature when the card is off");
 * - radeon: EINVAL, the same PowerXpress check (radeon_pm.c);
 * - nouveau: EINVAL for temp and fan inputs while `switch_power_state` is not
 *   DRM_SWITCH_POWER_ON (nouveau_hwmon.c, 2019: "fixes bogus values userspace
 *   gets from hwmon while the GPU is powered down").
 * amdgpu also answers EPERM during a reset and a system suspend, and all
 * three answer EINVAL for other things: only the device's own
 * `power/runtime_status` (ASLEEP_STATUSES) makes such a failure a sleep.
 */
const ASLEEP_ERRNOS: Readonly<Record<string, readonly string[]>> = {
  amdgpu: ['EPERM', 'EINVAL'],
  radeon: ['EINVAL'],
  nouveau: ['EINVAL'],
};
/** `power/runtime_status` of a device powered down, or on its way down or up (sysfs-devices-power ABI); not `active`. */
const ASLEEP_STATUSES: ReadonlySet<string> = new Set(['suspended', 'suspending', 'resuming']);

/** Whether a read of the chip named `chipName` failed as its driver's reads fail while the device sleeps (then read its runtime_status). */
export function isAsleepError(chipName: string, error: HwmonError): boolean {
  return error.code === 'IO' && error.errno !== undefined && (ownEntry(ASLEEP_ERRNOS, chipName)?.includes(error.errno) ?? false);
}

/** Whether a device's `power/runtime_status` says it sleeps, falls asleep or wakes. */
export function isAsleepStatus(runtimeStatus: string | undefined): boolean {
  return ASLEEP_STATUSES.has(runtimeStatus ?? '');
}

/**
 * The error a driver documents for its device powered off, which needs no
 * runtime_status to tell: smpro-hwmon, an Ampere Altra host's SMpro read by
 * its BMC: "When the SoC is turned off, the driver will fail to read
 * registers and return -ENXIO" (smpro-hwmon.rst). The host is off; its
 * sensors are asleep, not lost.
 */
const POWERED_OFF_ERRNO: Readonly<Record<string, string>> = { smpro_hwmon: 'ENXIO' };

/**
 * Whether a failed read says the device is asleep: the driver's error, and
 * the device says so; or the driver's error for its device powered off,
 * failing every reading of the chip (one channel failing while the others
 * read is that channel's failure).
 */
function asleep(chip: RawChip, error: HwmonError): boolean {
  const poweredOff = ownEntry(POWERED_OFF_ERRNO, chip.name);
  if (error.code === 'IO' && poweredOff !== undefined && error.errno === poweredOff) return everyReadingFailed(chip, poweredOff);
  return isAsleepError(chip.name, error) && isAsleepStatus(chip.runtimeStatus);
}

/** Whether every reading file of the chip (isReadingAttribute) failed with `errno`. */
function everyReadingFailed(chip: RawChip, errno: string): boolean {
  return [...chip.attributes].every(([file, read]) => {
    const attribute = parseAttributeName(file);
    return attribute === undefined || !isReadingAttribute(attribute) || ('error' in read && read.error.errno === errno);
  });
}

/**
 * The errors a driver documents as "this sensor is not there": thinkpad_acpi
 * answers ENXIO for an EC temperature sensor the model doesn't have or that
 * is unplugged for now (a battery's, a dock's; thinkpad-acpi.rst,
 * "Temperature sensors", sysfs notes); the ACPI fan driver (acpi_fan,
 * fan_hwmon.c, Linux 6.11) ENODEV for a fan whose firmware does not report
 * its speed (_FST's U32_MAX); on 6.11–6.1x also for a failed _FST
 * evaluation, which it cannot be told from. Such a sensor is absent, not
 * failed. Not ENODATA: only unmerged versions of fan_hwmon.c answered it
 * for U32_MAX, and fan_core.c's acpi_fan_get_fst() now answers it when _FST
 * evaluates to no object, a firmware failure.
 */
const NOT_AVAILABLE_ERRNO: Readonly<Record<string, Partial<Record<ChannelType, readonly string[]>>>> = {
  thinkpad: { temp: ['ENXIO'] },
  acpi_fan: { fan: ['ENODEV'] },
};

/**
 * The worst health the channel's set alarms state, and the threshold that
 * alarm names (`crit_alarm`: upper critical, even where `crit` is not
 * published); 'ok' when it has alarms and none is set; undefined without
 * alarms. An alarm compares the reading
 * with a limit: where that limit was read and is a placeholder (a Nuvoton
 * chip whose BIOS never set `in1_min` and `in1_max` raises `in1_alarm`
 * against 0 V), the alarm says nothing either. So with the channel's plain
 * `alarm`, which names no limit, when it has no usable limit, or when the
 * reading (`raw`, null without one) lies past a dropped limit and within
 * every usable one: an ITE chip's `temp1_alarm` at 51 °C answers its
 * garbage high of -20 °C, not its low of -89 °C. Nor do a fan's alarms at
 * 0 RPM without a usable minimum, but on STALL_ALARM_CHIPS.
 */
function alarmVerdict(reader: ChipReader, channel: Channel, read: RawLimits, usable: RawLimits, raw: number | null): AlarmVerdict | undefined {
  if (isUnclearFanAlarm(reader, channel, usable, raw)) return undefined;
  const unset = (item: ThresholdItem) => read[item] !== undefined && usable[item] === undefined;
  const anyUsable = Object.keys(usable).length > 0 || Object.keys(read).length === 0;
  const answersDropped = raw !== null && answersDroppedLimit(raw, read, usable);
  let worst: AlarmVerdict | undefined;
  for (const [item, health] of Object.entries(ALARM_HEALTH)) {
    const value = alarmFlag(reader, channel, item);
    if (value === undefined) continue;
    const limit = ALARM_LIMIT[item];
    if (limit === undefined ? !anyUsable || (item === 'alarm' && answersDropped) : unset(limit)) continue;
    const stated = value === 0 ? 'ok' : health;
    if (worst !== undefined && HEALTH_RANK.indexOf(stated) <= HEALTH_RANK.indexOf(worst.health)) continue;
    const crossed = stated === 'ok' || limit === undefined ? undefined : THRESHOLD_ITEMS[limit];
    worst = { health: stated, ...(stated !== 'ok' && { alarm: item }), ...(crossed && { crossed }) };
  }
  return worst;
}

/**
 * Chips whose fan alarm at 0 RPM says a fan stalled while running, not that
 * a header is empty:
 * - hp_wmi_sensors: "the fan has stalled or has been disconnected while
 *   running" (Documentation/hwmon/hp-wmi-sensors.rst);
 * - the PMBus chips: `pmbus`, the MAX31785s, and every chip of `powerSupplyChips` (the PMBus core names
 *   a supply after its I²C client, dps800 and the like): pmbus_core.c serves a
 *   fan only when FAN_CONFIG says one is installed, and its alarm is that
 *   fan's warning in STATUS_FAN_1_2; a supply's fan is never an empty header.
 * Elsewhere a fan at 0 RPM without a usable minimum may be an empty header,
 * whose alarm many chips raise (the f71882fg driver's Fintek chips serve no
 * fan<N>_min and print "fan2: 0 RPM ALARM" for every unused header).
 * The list holds the first; buildSnapshot adds the PMBus chips.
 */
const STALL_ALARM_CHIPS: readonly string[] = ['hp_wmi_sensors'];

/**
 * Chips of the PMBus core besides those of `powerSupplyChips` (named after
 * their I²C client, `dps800`): the generic driver's `pmbus`, taken for a
 * supply, and the MAX31785 fan controllers of IBM POWER BMCs (max31785.c
 * names them max31785, max31785a, max31785b).
 */
const MAX31785 = /^max31785[ab]?$/;
const PMBUS_GENERIC = 'pmbus';

/** Whether the channel is a fan at 0 RPM, with no usable minimum, whose alarms cannot tell a stalled fan from an empty header. */
function isUnclearFanAlarm({ stallAlarms }: ChipReader, channel: Channel, usable: RawLimits, raw: number | null): boolean {
  return channel.type === 'fan' && raw === 0 && usable.min === undefined && !stallAlarms;
}

/**
 * The 0/1 flag in the channel's alarm file; undefined when there is none,
 * it failed, or it holds anything else, which is no flag (reported): the
 * ufs-hwmon patches posted in 2021 served the device's temperature bounds
 * as `temp1_min_alarm` and `temp1_max_alarm`.
 */
function alarmFlag(reader: ChipReader, channel: Channel, item: string): 0 | 1 | undefined {
  const value = reader.integer(channel, item);
  if (value === 0 || value === 1) return value;
  if (typeof value === 'number') reader.report(new HwmonError('BAD_VALUE', reader.path(channel, item), `expected 0 or 1, got ${value}`));
  return undefined;
}

/** Whether the raw reading lies past a limit that was read and dropped, and past none that stays. */
function answersDroppedLimit(raw: number, read: RawLimits, usable: RawLimits): boolean {
  const past = (item: ThresholdItem, limit: number) => (LOWER_ITEMS.includes(item) ? raw < limit : raw > limit);
  const pastAny = (limits: RawLimits) => (Object.entries(limits) as [ThresholdItem, number][]).some(([item, limit]) => past(item, limit));
  const dropped = Object.fromEntries(Object.entries(read).filter(([item]) => usable[item as ThresholdItem] === undefined)) as RawLimits;
  return pastAny(dropped) && !pastAny(usable);
}

/** What a channel's alarm files say: the worst health, the alarm that states it, and the threshold that alarm names. */
interface AlarmVerdict {
  health: Health;
  /** The set alarm file's item (`crit_alarm`); absent when none is set. */
  alarm?: string;
  crossed?: ThresholdName;
}

/**
 * The modes in which a chip's pwm<N> holds no duty cycle: the PMBus core
 * serves a MAX31785's pwm<N> as 0 while its fan runs in RPM mode
 * (pwm<N>_enable 2, to fan<N>_target: IBM's BMCs drive their fans so) or
 * automatic (3): max31785_get_pwm() asks pmbus_get_fan_rate_device() for a
 * duty cycle, which outside PWM mode answers 0 ("Can't sensibly map between
 * RPM and PWM, just return zero").
 */
const MODES_WITHOUT_DUTY: readonly { chip: RegExp; modes: readonly number[] }[] = [{ chip: MAX31785, modes: [2, 3] }];

/** Whether the PWM output's mode leaves pwm<N> without a duty cycle (MODES_WITHOUT_DUTY). */
function hasNoDuty(reader: ChipReader, pwm: Channel): boolean {
  const enable = reader.integer(pwm, 'enable');
  return typeof enable === 'number' && MODES_WITHOUT_DUTY.some(({ chip, modes }) => chip.test(reader.chip.name) && modes.includes(enable));
}

function pwmSensor(reader: ChipReader, channel: Channel): SensorDraft | undefined {
  if (!channel.files.has('')) return undefined;
  const noDuty = hasNoDuty(reader, channel);
  let raw = noDuty ? null : reader.integer(channel, '') ?? null;
  let value: number | null = null;
  if (raw !== null) {
    try {
      value = pwmPercent(raw, reader.path(channel, ''), pwmFullScale(reader.chip.name));
    } catch (error) {
      reader.report(error as HwmonError);
      raw = null;
    }
  }
  const sensor: NumericSensor = {
    id: reader.sensorId(channel),
    label: reader.label(channel),
    kind: PWM_QUANTITY.kind,
    unit: PWM_QUANTITY.unit,
    value,
    decimals: PWM_QUANTITY.decimals,
    source: reader.chip.id,
  };
  if (value === null) {
    const error = reader.readError(channel, '');
    sensor.unavailable = noDuty ? 'disabled' : error !== undefined && asleep(reader.chip, error) ? 'asleep' : 'failed';
  }
  if (reader.sibling('fan', channel.index)?.files.has('input')) sensor.monitors = { kind: 'fan', id: fanId(reader, channel.index) };
  return { sensor, chip: reader.chip.id, channel: channel.name, limits: {}, fault: false, raw, alarm: false };
}

// ---- fans ----------------------------------------------------------------------

interface FanDraft {
  fan: Fan;
  speed: SensorDraft;
}

/**
 * The `pwm<N>_enable` that switches the fan off, on chips where it is not
 * the ABI's 0, full speed:
 * - pwm-fan (chip `pwmfan`): 0 disables the PWM and the fan's regulator
 *   (Documentation/hwmon/pwm-fan.rst);
 * - max31790: 0 disables fan control, "Duty cycle is fixed to 0%"
 *   (max31790.rst, since "hwmon: (max31790) Fix pwmX_enable attributes",
 *   Linux 5.14);
 * - max6650, max6651: 3 is off (max6650.rst: "0=full on, 1=open loop,
 *   2=closed loop, 3=off").
 */
const FAN_OFF_MODE: Readonly<Record<string, number>> = { pwmfan: 0, max31790: 0, max6650: 3, max6651: 3 };

/**
 * Whether the fan's mode switches it off (FAN_OFF_MODE). Before Linux 5.14
 * max31790's pwm_enable 0 was no such mode: tachometer input disabled, the
 * fan run at its duty cycle (max31790_read_pwm then: RPM mode 2, tach input
 * enabled 1, else 0). Its fan<N>_enable came with 5.14; without it, 0 is off
 * only where the duty cycle reads 0 too.
 */
function isOffMode(reader: ChipReader, channel: Channel, enable: number | null | undefined, duty: number | null | undefined): boolean {
  if (typeof enable !== 'number' || enable !== ownEntry(FAN_OFF_MODE, reader.chip.name)) return false;
  return reader.chip.name !== 'max31790' || channel.files.has('enable') || duty === 0;
}

/**
 * thinkpad_acpi's chip name. Its pwm1_enable 2 is the EC's auto mode, in
 * which the EC stops the fans when cool, and pwm1 reads the last level set
 * by hand (255 at load), not the EC's (thinkpad_acpi.c, fan_pwm1_show): the
 * duty cycle says nothing, and a fan at rest may be no fan that stopped.
 * Its fans share the one control (fan2 has no pwm2). The EC rests them only
 * when cool, so they may rest only while every temperature the chip reads
 * is below EC_REST_CEILING (thinkpad_acpi serves no temperature limits): a
 * fan at 0 RPM with the CPU at 99 °C is a dead one. Only plausible readings
 * count (EC_PLAUSIBLE_ABOVE); with none, no fan may rest.
 */
const THINKPAD = 'thinkpad';
const EC_AUTO = 2;
const EC_REST_CEILING = 60_000;
/**
 * Readings at or below 0 °C are no temperature of a running laptop (an
 * unplugged sensor reads 0 °C) and say nothing of how cool it is. A reading
 * too high to be true (255 °C) still counts: hot or broken, it does not say
 * the chip is cool.
 */
const EC_PLAUSIBLE_ABOVE = 0;

/**
 * A Dell notebook's Data Vault (dell-wmi-ddv, chip dell_ddv): its EC runs
 * the fans and rests them when cool, and the driver serves their speed and
 * the thermal sensors' temperatures only (dell-wmi-ddv.rst), no duty cycle
 * or target to say so. They may rest as a ThinkPad's in auto mode do, only
 * while the chip is cool: a Dell laptop whose BIOS never started its fans
 * read "CPU Fan: 0 RPM" at "CPU: +69.0°C".
 */
const DELL_DDV = 'dell_ddv';

/** Whether the chip's EC runs its fans and rests them now: a ThinkPad's in auto mode, a Dell's Data Vault; either only while cool. */
function restingInEcAutoMode(reader: ChipReader): boolean {
  const pwm1 = reader.sibling('pwm', 1);
  const ecRuns = reader.chip.name === DELL_DDV || (reader.chip.name === THINKPAD && pwm1 !== undefined && reader.integer(pwm1, 'enable') === EC_AUTO);
  if (!ecRuns) return false;
  const temperatures = [...reader.channels.values()]
    .filter((channel) => channel.type === 'temp')
    .map((channel) => reader.integer(channel, 'input'))
    .filter((value): value is number => typeof value === 'number' && value > EC_PLAUSIBLE_ABOVE);
  return temperatures.length > 0 && temperatures.every((value) => value < EC_REST_CEILING);
}

/** The chips of the nct6775 driver (nct6775-core.c), and its pwm<N>_enable for Fan Speed Cruise mode. */
const NCT6775_DRIVER = /^nct6(106|116|775|776|779|79[1-9])$/;
const SPEED_CRUISE = 3;

/**
 * The PMBus core's fan<N>_target while the fan is driven by duty cycle:
 * pmbus_core.c serves FAN_COMMAND as the target only while FAN_CONFIG puts
 * the fan in RPM mode, and 0 otherwise ("Can't sensibly map between RPM and
 * PWM, just return zero", pmbus_get_fan_rate). A power supply's fan is in
 * duty-cycle mode by default: a Delta DPS-920AB's fan1_target reads 0 with
 * its fan at 10000 RPM. No speed was asked for, and no stop.
 */
const PMBUS_TARGET_OF_DUTY_CYCLE = 0;

/**
 * The speed the fan is driven to, `fan<N>_target`. The nct6775 driver serves
 * its target speed register in every mode, but only Fan Speed Cruise drives
 * the fan to it: elsewhere it holds 0 or leftovers (an nct6776 under manual
 * control at 50 %, fan1_target 0; under Smart Fan IV, 27000 RPM).
 */
function targetSpeed(reader: ChipReader, channel: Channel, enable: number | null | undefined): number | null | undefined {
  if (NCT6775_DRIVER.test(reader.chip.name) && enable !== SPEED_CRUISE) return undefined;
  const target = reader.integer(channel, 'target');
  return target === PMBUS_TARGET_OF_DUTY_CYCLE && reader.pmbus ? undefined : target;
}

/**
 * Chips whose fan target is the speed the firmware drives the fan at now:
 * the ACPI fan driver (acpi_fan, fan_hwmon.c) serves fan1_target as the
 * speed of the performance state (_FPS) the firmware set, except in fine
 * grain control mode, where it hides it. Such a fan at 0 RPM with a target
 * above 0 does not rest: it stopped.
 */
const TARGET_IS_FIRMWARE_STATE: ReadonlySet<string> = new Set(['acpi_fan']);

/** Whether the fan's firmware drives it at a speed above 0 now (TARGET_IS_FIRMWARE_STATE): then it may not rest. */
function drivenByTarget(reader: ChipReader, target: number | null | undefined): boolean {
  return TARGET_IS_FIRMWARE_STATE.has(reader.chip.name) && typeof target === 'number' && target > 0;
}

function fanId(reader: ChipReader, index: number): string {
  return `hwmon:${reader.chip.id}/${channelName('fan', index)}`;
}

/**
 * The Fan a `fan<N>_input` belongs to. A stopped fan is `idleAllowed` when
 * it was stopped on purpose (target speed 0, duty cycle 0 under manual or
 * automatic PWM control: pwm-fan's thermal zone stops a Raspberry Pi's
 * cooler so; a mode that switches the fan off, FAN_OFF_MODE; a ThinkPad's
 * EC in auto mode while the chip is cool), or when the chip's fans rest
 * when cool (graphics cards, a PSU in zero-RPM mode, an Apple Silicon
 * Mac's SMC) and no minimum speed is set, nor a target speed its firmware
 * drives it to (an ACPI fan's, TARGET_IS_FIRMWARE_STATE).
 */
function fanDevice(reader: ChipReader, channel: Channel, speed: SensorDraft, options: BuildOptions): FanDraft {
  const id = fanId(reader, channel.index);
  speed.sensor.monitors = { kind: 'fan', id };
  const pwm = reader.sibling('pwm', channel.index);
  const duty = pwm && (hasNoDuty(reader, pwm) ? undefined : reader.integer(pwm, ''));
  const enable = pwm && reader.integer(pwm, 'enable');
  const target = targetSpeed(reader, channel, enable);
  // pwm<N>_enable 0 runs the fan at full speed whatever the duty cycle says, but a few chips have a mode that switches it off.
  const switchedOff = isOffMode(reader, channel, enable, duty);
  const controlled = pwm !== undefined && enable !== 0;
  const stoppedOnPurpose = target === 0 || (controlled && duty === 0) || switchedOff || restingInEcAutoMode(reader);
  const noMinimum = speed.limits.min === undefined;
  const restsWhenCool = noMinimum && options.zeroRpmChips.includes(reader.chip.name) && !drivenByTarget(reader, target);
  const idleAllowed = stoppedOnPurpose || restsWhenCool;
  const fan: Fan = { id, label: speed.sensor.label, speedSensor: speed.sensor.id, status: fanStatus(speed, idleAllowed), idleAllowed };
  if ((fan.status === 'unknown' || fan.status === 'degraded') && speed.raw === 0) fan.statusReason = 'not turning';
  if (pwm?.files.has('')) fan.variableSpeed = true;
  if (typeof target === 'number' && target >= 0) fan.desiredSpeed = target;
  return { fan, speed };
}

/**
 * - its speed absent (a PMBus supply's fan at all ones, SUPPLY_FAN_ALL_ONES):
 *   unknown, for the model to tell a fan it lacks from one lost;
 * - a fault: failed;
 * - no reading: unknown;
 * - stopped, not idle by design: failed when a minimum speed is set, else
 *   degraded when the fan's alarm counts (only on STALL_ALARM_CHIPS:
 *   hp-wmi-sensors' stalled or disconnected while running), else unknown
 *   (an unconnected header and a dead fan both read 0);
 * - an alarm: degraded;
 * - otherwise ok.
 */
function fanStatus(speed: SensorDraft, idleAllowed: boolean): DeviceStatus {
  if (speed.sensor.unavailable === 'absent') return 'unknown';
  if (speed.fault) return 'failed';
  if (speed.raw === null) return 'unknown';
  if (speed.raw === 0 && !idleAllowed && (speed.limits.min ?? 0) > 0) return 'failed';
  if (speed.alarm) return 'degraded';
  if (speed.raw === 0 && !idleAllowed) return 'unknown';
  return 'ok';
}

// ---- power supplies ----------------------------------------------------------------

/**
 * A chip that is a power supply (`powerSupplyChips`): present while it
 * answers; its readings' faults (an input lost below its lower critical
 * limit) are its own, through the sensors that measure it. Its fan stays a
 * fan of its own.
 */
function powerSupply(chip: RawChip, drafts: readonly SensorDraft[]): PowerSupply {
  const id = `hwmon:${chip.id}`;
  const measuring = drafts.map((draft) => draft.sensor).filter((sensor) => sensor.monitors === undefined);
  for (const sensor of measuring) sensor.monitors = { kind: 'powerSupply', id };
  return { id, label: chip.id, status: 'ok', sensors: measuring.map((sensor) => sensor.id) };
}

// ---- discrete sensors ----------------------------------------------------------------

interface DiscreteDraft {
  sensor: DiscreteSensor;
  chip: string;
  channel: string;
}

function intrusionSensor(reader: ChipReader, channel: Channel): DiscreteDraft {
  const alarm = reader.integer(channel, 'alarm');
  let state = 'Unknown';
  let health: Health = 'unknown';
  if (alarm === 0) [state, health] = ['Normal', 'ok'];
  else if (alarm === 1) [state, health] = ['Intrusion', 'warning'];
  else if (typeof alarm === 'number') {
    reader.report(new HwmonError('BAD_VALUE', reader.path(channel, 'alarm'), `expected 0 or 1, got ${alarm}`));
  }
  const sensor: DiscreteSensor = {
    id: reader.sensorId(channel),
    label: reader.label(channel),
    kind: 'intrusion',
    possibleStates: [...INTRUSION_STATES],
    state,
    health,
    source: reader.chip.id,
  };
  return { sensor, chip: reader.chip.id, channel: channel.name };
}

/** What a set alarm says, as `sensors` prints it. */
const ALARM_STATE: Readonly<Record<string, string>> = {
  alarm: 'ALARM', min_alarm: 'ALARM (MIN)', max_alarm: 'ALARM (MAX)', cap_alarm: 'ALARM (CAP)',
  lcrit_alarm: 'ALARM (LCRIT)', crit_alarm: 'ALARM (CRIT)', critical_alarm: 'ALARM (CRIT)', emergency_alarm: 'ALARM (EMERGENCY)',
};

/**
 * A channel with alarms and no reading (rpi_volt's `in0_lcrit_alarm`, a
 * Raspberry Pi's under-voltage flag): a discrete sensor stating the worst
 * set alarm, `Normal` when none is, `Unknown` when none can be read.
 */
function alarmSensor(reader: ChipReader, channel: Channel): DiscreteDraft | undefined {
  const items = Object.keys(ALARM_HEALTH).filter((item) => channel.files.has(item));
  if (items.length === 0) return undefined;
  const read = rawLimits(reader, channel);
  const verdict = alarmVerdict(reader, channel, read, channelLimits(reader, channel, read), null);
  const state = verdict === undefined ? 'Unknown' : verdict.alarm === undefined ? 'Normal' : ALARM_STATE[verdict.alarm]!;
  const health = verdict?.health ?? 'unknown';
  const sensor: DiscreteSensor = {
    id: reader.sensorId(channel),
    label: reader.label(channel),
    kind: 'other',
    possibleStates: ['Normal', ...new Set(items.map((item) => ALARM_STATE[item]!)), 'Unknown'],
    state,
    health,
    source: reader.chip.id,
  };
  return { sensor, chip: reader.chip.id, channel: channel.name };
}

// ---- labels ------------------------------------------------------------------------

/**
 * Makes labels unique among items of the same group: a label shared across
 * chips gets the chip id, one shared within a chip gets the channel
 * (`Core 0 (coretemp-isa-0001)`, `pkg (temp2)`). Every holder of a shared
 * label is renamed, so a label does not depend on which chip came first.
 */
function disambiguateLabels<T extends { sensor: { label: string }; chip: string; channel: string }>(
  items: readonly T[],
  group: (item: T) => string,
): void {
  const holders = new Map<string, T[]>();
  for (const item of items) {
    const key = `${group(item)}\0${item.sensor.label}`;
    const same = holders.get(key);
    if (same) same.push(item);
    else holders.set(key, [item]);
  }
  for (const same of holders.values()) {
    if (same.length < 2) continue;
    const chips = new Set(same.map((item) => item.chip));
    for (const item of same) {
      const sharedInChip = same.filter((other) => other.chip === item.chip).length > 1;
      const qualifier = [chips.size > 1 ? item.chip : '', sharedInChip ? item.channel : ''].filter(Boolean).join(' ');
      item.sensor.label = `${item.sensor.label} (${qualifier})`;
    }
  }
}
