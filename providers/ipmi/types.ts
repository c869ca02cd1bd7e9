/**
 * The neutral records the parsers produce: one `IpmiReading` per sensor
 * record a tool printed, before any mapping to the hardware snapshot. Every
 * parser reports the lines it could not read as `noise` (with their line
 * numbers) instead of failing: BMC tools interleave stderr, debug and retry
 * lines with their data.
 */
import type { Health, SensorRanges, ThresholdName, Thresholds } from '../../src/model/snapshot.js';

/** The output layouts the parsers recognise. */
export type IpmiFormat =
  /** `ipmitool sdr list`: name | reading | status. */
  | 'sdr-list'
  /** `ipmitool sdr elist [all|full|compact]`, `sdr type X`, `sdr entity X`: name | NNh | status | entity | reading. */
  | 'sdr-elist'
  /** `ipmitool -c sdr …`: the same records, comma-separated. */
  | 'sdr-csv'
  /** `ipmitool sdr -v …` / `sdr list -v`: one "Sensor ID : …" block per record. */
  | 'sdr-verbose'
  /** `ipmitool sensor`: name | value | unit | status | lnr | lcr | lnc | unc | ucr | unr. */
  | 'sensor'
  /** FreeIPMI `ipmi-sensors` (table or CSV, with or without state and thresholds) and `ipmimonitoring`. */
  | 'freeipmi'
  /** `ipmitool fru print`. */
  | 'fru'
  /** `ipmitool dcmi power reading`. */
  | 'dcmi-power';

/** Why a sensor has no reading (see the README for which tool text maps to which). */
export type Unavailable = 'absent' | 'disabled' | 'failed';

export interface EntityId {
  /** IPMI entity id: 3 processor, 7 system board, 10 power supply, 29 fan … */
  id: number;
  instance: number;
}

/** One sensor record as a tool printed it. */
export interface IpmiReading {
  name: string;
  /** The sensor number (ipmitool elist and verbose output). */
  number?: number;
  /** The SDR record id (FreeIPMI). */
  recordId?: number;
  entity?: EntityId;
  /** The sensor type as printed ('Temperature', 'Power Supply'), where the layout prints it. */
  sensorType?: string;
  /** 'threshold' for threshold-based (analog) records, 'discrete' otherwise; absent when the layout does not tell. */
  eventClass?: 'threshold' | 'discrete';
  /**
   * The event/reading type as only ipmitool 1.8.12 on prints it (`sdr -v`'s "Sensor Type (Threshold)" or
   * "(Discrete)"): the status is a verdict, not state bits, whatever version is declared. Before 1.8.12 `sdr -v`
   * says "(Analog)" and `-c -v sdr` prints its verbose fields for every full record, discrete ones too.
   */
  typedByIpmitool?: true;
  /** The analog reading; null when the sensor has none now; absent when the record printed none. */
  value?: number | null;
  /** Digits after the point the tool printed for `value`. */
  decimals?: number;
  /** The unit as printed: 'degrees C', 'Volts', 'RPM', 'C', 'percent', 'discrete' … */
  unit?: string;
  /** `unit` is a guess from a cut one ("100.50 degrees " read as degrees C): a listing printing it whole wins. */
  unitFromCut?: true;
  /**
   * The tool's verdict: the threshold status of an analog reading (ok, nc,
   * lcr, "Upper Critical" …), or FreeIPMI's interpreted state (Nominal,
   * Warning, Critical). Not set from ipmitool's status of a discrete record,
   * which only says the record could be read.
   */
  health?: Health;
  /** The threshold a status names (ucr, "Upper Critical"), or a FreeIPMI event ("At or Above (>=) Upper Critical Threshold"). */
  crossed?: ThresholdName;
  unavailable?: Unavailable;
  /** Discrete states asserted, as printed ('Presence detected', 'Fully Redundant'). */
  states: string[];
  /** A discrete reading printed only as a number ('0x01', '0x0100', '0h'). */
  rawState?: string;
  /**
   * The asserted state offsets (bit n = offset n) where the tool printed them
   * as bits: `ipmitool sensor` prints a discrete record's status "0x0180" as
   * bytes 3 and 4 of the Get Sensor Reading response (offsets 0-7, then 8-14
   * with the reserved bit 7 set); FreeIPMI's `--output-event-bitmask` prints
   * the word itself ("0060h"). Decoded once the sensor's type is known.
   */
  stateBits?: number;
  /** Thresholds in the printed unit; a threshold the tool marks 'na'/'N/A' is absent. */
  thresholds: Thresholds;
  /**
   * The nominal reading, normal and readable ranges of a full threshold record, in the printed unit, where the tool
   * printed them as values (`sdr -v`: "Nominal Reading : 50.000"); "Unspecified", a raw byte ("0x7F": discrete
   * units) or no line leaves them absent.
   */
  ranges?: SensorRanges;
  /** 1-based line of the record in the tool's output. */
  line: number;
}

/** A line that is neither a record nor part of one. */
export interface NoiseLine {
  line: number;
  text: string;
  /**
   * The line has a record's columns and still could not be read (a name holding the separator where the columns
   * cannot be counted, a reading cut where no unit is told): a sensor is missing, which the provider warns of.
   */
  record?: true;
}

/** A record that is not a sensor (MC/FRU/generic locators, event-only and OEM records). */
export interface SkippedRecord {
  line: number;
  name: string;
  reason: 'locator' | 'event-only' | 'oem';
}

export interface IpmiParseResult {
  format: IpmiFormat;
  readings: IpmiReading[];
  skipped: SkippedRecord[];
  noise: NoiseLine[];
}

export interface FruDevice {
  /** "Builtin FRU Device", "PS1" … */
  description: string;
  /** The FRU device id printed as "(ID n)". */
  deviceId?: number;
  /** Field name → value, e.g. 'Chassis Serial' → 'C8290LG…'. */
  fields: Record<string, string>;
  /** False when the tool printed "Device not present" or an unreadable header. */
  present: boolean;
  line: number;
}

export interface FruParseResult {
  format: 'fru';
  devices: FruDevice[];
  noise: NoiseLine[];
}

export interface DcmiPowerReading {
  format: 'dcmi-power';
  /** Watts; absent when the line was not printed. */
  instantaneous?: number;
  minimum?: number;
  maximum?: number;
  average?: number;
  samplingPeriodSeconds?: number;
  /** "Power reading state is: activated". */
  active?: boolean;
  noise: NoiseLine[];
}
