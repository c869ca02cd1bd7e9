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
 * Supermicro X8's "PS Status | 0 unspecified | nc" (Presence detected).
 * ipmitool 1.8.12 on prints such records "ok" with their states ("21.56
 * percent, Transition to Running", "100 Watts, Device Enabled").
 *
 * Read as states: a record reading 0 in ipmitool's "unspecified" (no unit: a
 * discrete record's ignored reading byte), and HP's packed records (a fan's
 * speed in "unspecified" units, its "Power Meter"). Each status names two
 * offsets (nc: 0 or 3, cr: 1 or 4, nr: 2 or 5); ipmitool tests the lower
 * one first and `sdr elist` names it (lnc, lcr, lnr), so a bare status is read
 * as the lower offset.
 */
import type { IpmiReading } from './types.js';
import { statesFromBits, type OffsetTable } from './states.js';

/** The offset a status names: the threshold bit ipmitool decoded it from. */
const OFFSET_BY_THRESHOLD = { lowerNonCritical: 0, lowerCritical: 1, lowerFatal: 2, upperNonCritical: 3, upperCritical: 4, upperFatal: 5 } as const;
const OFFSET_BY_HEALTH = { warning: 0, critical: 1, fatal: 2 } as const;

/** HP's power meter: an enable sensor carrying the wattage. */
const POWER_METER = /^power meter$/i;

/**
 * A record ipmitool < 1.8.12 printed with a status decoded from its states,
 * read as the states: a zero "unspecified" reading becomes a discrete record
 * (its bits decoded later by the record's role), a packed value keeps its
 * reading without a verdict and gains its state. Other records are returned
 * as they are.
 */
export function fromLegacyStatus(reading: IpmiReading, fan: boolean): IpmiReading {
  const offset = legacyOffset(reading);
  if (offset === undefined) return reading;
  const { health: _health, crossed: _crossed, ...unjudged } = reading;
  if (reading.unit === 'unspecified' && reading.value === 0 && !reading.name.includes('%')) {
    const { value: _value, decimals: _decimals, unit: _unit, ...discrete } = unjudged;
    const bits = 1 << offset;
    return { ...discrete, eventClass: 'discrete', thresholds: {}, stateBits: bits, rawState: `0x${bits.toString(16).padStart(2, '0')}` };
  }
  const table = packedTable(reading, fan);
  const states = table ? statesFromBits(table, 1 << offset) : [];
  // The thresholds such a record prints are its discrete masks read as thresholds ("lnc 75.264" on a fan block).
  return states.length > 0 ? { ...unjudged, thresholds: {}, states } : reading;
}

/** The offsets of HP's packed records: a fan block's availability, the power meter's enable states. */
function packedTable(reading: IpmiReading, fan: boolean): OffsetTable | undefined {
  if (fan && reading.unit === 'unspecified') return 'availability';
  return POWER_METER.test(reading.name.trim()) ? 'enable' : undefined;
}

/** The state offset an ipmitool status decoded from bits names; undefined for ok, no reading, or other tools' verdicts. */
function legacyOffset(reading: IpmiReading): number | undefined {
  // FreeIPMI (record ids) and `sdr -v` (a printed type) say what a record is: their verdicts are verdicts.
  if (reading.recordId !== undefined || reading.sensorType !== undefined || typeof reading.value !== 'number') return undefined;
  if (reading.crossed) return OFFSET_BY_THRESHOLD[reading.crossed];
  return reading.health === undefined || reading.health === 'ok' || reading.health === 'unknown' ? undefined : OFFSET_BY_HEALTH[reading.health];
}
