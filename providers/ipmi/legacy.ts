/**
 * Discrete records that ipmitool before 1.8.12 printed as threshold ones.
 *
 * Those versions print every full SDR record whose data format is analog as
 * "value unit | status", the status decoded from byte 3 of Get Sensor Reading
 * as threshold comparison bits (`ipmi_sdr_get_status`: bit 0 lnc, 1 lcr,
 * 2 lnr, 3 unc, 4 ucr, 5 unr; `sdr list` and `sensor` print nc/cr/nr). On a
 * record whose event/reading type is not threshold that byte holds the
 * asserted discrete states, so the status is a state offset, not a verdict:
 * HP iLO 2's fan blocks ("34.89 unspecified | nc": offset 0, Transition to
 * Running), its fan redundancy ("Fan Blocks | 0 unspecified | nc": Fully
 * Redundant) and power meter ("208 Watts | cr": offset 1, Device Enabled), a
 * Supermicro X8's "PS Status | 0 unspecified | nc" (Presence detected, or AC
 * lost). ipmitool 1.8.12 on prints such records "ok" with their states
 * ("21.56 percent, Transition to Running", "100 Watts, Device Enabled"), and
 * a status there is a verdict: this reading applies only to output known to
 * come from an older ipmitool (`ipmitool -V`, or the recording's declared
 * version).
 *
 * Each bare status names two offsets (nc: 0 or 3, cr: 1 or 4, nr: 2 or 5);
 * `sdr elist`'s lnc/unc name one. Where both offsets are states of the
 * record's table and mean different things, the reading names both and
 * takes the worse (see `ambiguousState`).
 */
import type { IpmiReading } from './types.js';
import { ambiguousState, stateMeaning, statesFromBits, type OffsetTable } from './states.js';

/** The offset a status names: the threshold bit ipmitool decoded it from. */
const OFFSET_BY_THRESHOLD = { lowerNonCritical: 0, lowerCritical: 1, lowerFatal: 2, upperNonCritical: 3, upperCritical: 4, upperFatal: 5 } as const;
/** A bare nc/cr/nr: the lower or the upper bit of a pair. */
const OFFSETS_BY_HEALTH = { warning: [0, 3], critical: [1, 4], fatal: [2, 5] } as const;

/** ipmitool's first release that prints non-threshold records as such. */
const FIXED_IN = [1, 8, 12] as const;

/** HP iLO 2's packed records, the only ones the captures show: its fan blocks' duty cycle and its power meter. */
const HP_FAN_BLOCK = /^fan block \d+$/i;
const HP_POWER_METER = /^power meter$/i;

/**
 * The version `ipmitool -V` prints ("ipmitool version 1.8.11", the program's
 * own file name first: a renamed binary says its name); undefined when the
 * text says none.
 */
export function parseIpmitoolVersion(text: string): string | undefined {
  return /^\S+ version (\d+\.\d+\.\d+)/m.exec(text)?.[1];
}

/** Whether an ipmitool version ("1.8.11") predates 1.8.12; false for a text that is no version. */
export function isLegacyIpmitool(version: string): boolean {
  const parts = /^(\d+)\.(\d+)\.(\d+)/.exec(version.trim())?.slice(1).map(Number);
  if (!parts) return false;
  for (let i = 0; i < FIXED_IN.length; i++) {
    const part = parts[i] ?? 0;
    if (part !== FIXED_IN[i]) return part < (FIXED_IN[i] ?? 0);
  }
  return false;
}

/**
 * A record an ipmitool older than 1.8.12 printed with a status decoded from
 * its states, read as the states. A zero "unspecified" reading (a discrete
 * record's ignored reading byte) of a record whose role has an offset table
 * (`discreteTable`: a supply's status sensor, a redundancy sensor) becomes a
 * discrete record; HP's packed records keep their reading without a verdict
 * and gain their state. Any other record keeps its status as the verdict.
 */
export function fromLegacyStatus(reading: IpmiReading, discreteTable: OffsetTable | undefined): IpmiReading {
  const { health: _health, crossed: _crossed, ...unjudged } = reading;
  const stateRecord = discreteTable !== undefined && reading.unit === 'unspecified' && reading.value === 0 && reading.recordId === undefined
    && reading.typedByIpmitool === undefined;
  // "ok" on a supply's status record is no state asserted, not Presence detected: a supply pulled or never seated.
  if (stateRecord && discreteTable === 'powerSupply' && reading.health === 'ok') return asDiscrete(unjudged, []);
  const offsets = legacyOffsets(reading);
  if (!offsets) return reading;
  if (stateRecord) {
    const states = legacyStates(discreteTable, offsets);
    return states.length === 0 ? reading : asDiscrete(unjudged, states);
  }
  const table = packedTable(reading);
  const states = table ? legacyStates(table, offsets) : [];
  // The thresholds such a record prints are its discrete masks read as thresholds ("lnc 75.264" on a fan block); its
  // nominal and normal bytes mean no more.
  if (states.length === 0) return reading;
  const { ranges: _ranges, ...packed } = unjudged;
  return { ...packed, thresholds: {}, states };
}

function asDiscrete(reading: Omit<IpmiReading, 'health' | 'crossed'>, states: string[]): IpmiReading {
  const { value: _value, decimals: _decimals, unit: _unit, ranges: _ranges, ...discrete } = reading;
  return { ...discrete, eventClass: 'discrete', thresholds: {}, states };
}

/**
 * The state the offsets name: the one the table defines, or, where it
 * defines both and they mean the same, the lower (ipmitool tests it first);
 * where they differ, both in one state of the worse meaning.
 */
function legacyStates(table: OffsetTable, offsets: readonly number[]): string[] {
  const defined = offsets.flatMap((offset) => statesFromBits(table, 1 << offset));
  const [lower, upper] = defined;
  if (lower === undefined) return [];
  if (upper === undefined || sameMeaning(lower, upper)) return [lower];
  return [ambiguousState(lower, upper)];
}

function sameMeaning(a: string, b: string): boolean {
  const [x, y] = [stateMeaning(a), stateMeaning(b)];
  return x !== undefined && y !== undefined && x.health === y.health && x.supply === y.supply && x.redundancy === y.redundancy;
}

/** The offsets of HP's packed records: a fan block's availability, the power meter's enable states. */
function packedTable(reading: IpmiReading): OffsetTable | undefined {
  const name = reading.name.trim();
  if (HP_FAN_BLOCK.test(name) && reading.unit === 'unspecified') return 'availability';
  return HP_POWER_METER.test(name) && reading.unit === 'Watts' ? 'enable' : undefined;
}

/** The state offsets an ipmitool status decoded from bits names; undefined for ok, no reading, or other tools' verdicts. */
function legacyOffsets(reading: IpmiReading): readonly number[] | undefined {
  // FreeIPMI (record ids) and 1.8.12's `sdr -v` ("(Threshold)") say what a record is: their verdicts are verdicts.
  if (reading.recordId !== undefined || reading.typedByIpmitool || typeof reading.value !== 'number') return undefined;
  if (reading.crossed) return [OFFSET_BY_THRESHOLD[reading.crossed]];
  return reading.health === undefined || reading.health === 'ok' || reading.health === 'unknown' ? undefined : OFFSETS_BY_HEALTH[reading.health];
}
