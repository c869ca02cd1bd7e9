/**
 * DSP1009 Sensors: numeric sensors (Thincim_NumericSensor) and discrete
 * sensors (OMC_DiscreteSensor).
 */
import { CIMDateTime } from '../../cim/index.js';
import { ModelClass } from '../classes.js';
import { possibleStates, type SensorAssessment, type Verdict } from '../health.js';
import type { InstanceDraft } from '../instance-draft.js';
import type { DiscreteSensor, NumericSensor, SensorRanges, ThresholdName } from '../snapshot.js';
import { invertedRanges, isInverted, RANGE_PAIRS, withoutInvertedRanges } from '../ranges.js';
import { discreteSensorEncoding, scaled, scaleToSint32, sensorEncoding, SINT32_MAX, SINT32_MIN } from '../units.js';
import { DISABLED, ENABLED, type BuildContext } from './context.js';

/** Threshold names in SupportedThresholds order, with their CIM properties. */
export const THRESHOLD_PROPERTIES: readonly (readonly [ThresholdName, string])[] = [
  ['lowerNonCritical', 'LowerThresholdNonCritical'],
  ['upperNonCritical', 'UpperThresholdNonCritical'],
  ['lowerCritical', 'LowerThresholdCritical'],
  ['upperCritical', 'UpperThresholdCritical'],
  ['lowerFatal', 'LowerThresholdFatal'],
  ['upperFatal', 'UpperThresholdFatal'],
];

/** The hardware's declared ranges, with their CIM properties (none of them governed by SupportedThresholds). */
export const RANGE_PROPERTIES: readonly (readonly [keyof SensorRanges, string])[] = [
  ['nominal', 'NominalReading'],
  ['normalMin', 'NormalMin'],
  ['normalMax', 'NormalMax'],
  ['minReadable', 'MinReadable'],
  ['maxReadable', 'MaxReadable'],
];

/**
 * The most decimal digits a reading is written with: beyond it a double
 * carries no more exact digits for readings of ordinary size.
 */
export const MAX_DECIMALS = 9;

/** A numeric sensor cleaned of values the model cannot publish, with its problems. */
export function sanitizeSensor(sensor: NumericSensor): { sensor: NumericSensor; problems: string[] } {
  if (isClean(sensor)) return { sensor, problems: NO_PROBLEMS };
  const problems: string[] = [];
  let { value, decimals, thresholds, ranges, settable, unavailable } = sensor;
  if (value !== null && !Number.isFinite(value)) {
    problems.push(`value ${value} is not a finite number: reported as a failed read`);
    value = null;
    unavailable ??= 'failed';
  }
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    const fixed = Number.isFinite(decimals) ? Math.min(MAX_DECIMALS, Math.max(0, Math.round(decimals))) : 0;
    problems.push(`decimals ${decimals} is not an integer from 0 to ${MAX_DECIMALS}: ${fixed} used`);
    decimals = fixed;
  }
  if (thresholds) {
    const kept = Object.entries(thresholds).filter(([name, limit]) => {
      if (Number.isFinite(limit)) return true;
      problems.push(`threshold ${name} = ${limit} is not a finite number: left out`);
      return false;
    });
    thresholds = Object.fromEntries(kept);
  }
  if (ranges) ranges = writableRanges(ranges, value, decimals, thresholds, problems);
  const unsupported = settable?.filter((name) => thresholds?.[name] === undefined) ?? [];
  if (unsupported.length > 0) {
    problems.push(`settable thresholds without a value (${unsupported.join(', ')}) are not settable`);
    settable = settable!.filter((name) => thresholds?.[name] !== undefined);
  }
  return { sensor: { ...sensor, value, decimals, thresholds, ranges, settable, unavailable }, problems };
}

const NO_PROBLEMS: string[] = [];

/**
 * The ranges the model can publish: finite; no inverted pair (both bounds dropped: such a range says nothing of
 * either); no readable bound the reading itself contradicts (an HPE iLO's "02-CPU 1" reads 40 with a minimum sensor
 * range of 110), checked each sample; and each fitting a sint32 at the UnitModifier the reading and the thresholds
 * need: a range is guidance and never costs the reading its precision (a MaxReadable of 5,000,000 J beside a reading
 * of 3.5 J at three decimals is left out, not written by coarsening the reading to 4 J).
 */
function writableRanges(
  ranges: SensorRanges, value: number | null, decimals: number, thresholds: NumericSensor['thresholds'], problems: string[],
): SensorRanges {
  const finite: SensorRanges = Object.fromEntries(Object.entries(ranges).filter(([name, bound]) => {
    if (bound === undefined || Number.isFinite(bound)) return bound !== undefined;
    problems.push(`range ${name} = ${bound} is not a finite number: left out`);
    return false;
  }));
  const inverted = invertedRanges(finite);
  for (const [min, max] of inverted) problems.push(`range ${min} ${finite[min]} is above ${max} ${finite[max]}: both left out`);
  const plausible = withoutInvertedRanges(finite, inverted);
  for (const name of contradicted(plausible, value)) {
    // Not the reading itself in the message: it changes each sample, and serve's log warns again of each new message.
    problems.push(`range ${name} ${plausible[name]} is ${name === 'minReadable' ? 'above' : 'below'} the sensor's reading: left out`);
    delete plausible[name];
  }
  const digits = -scaleToSint32([value ?? 0, ...Object.values(thresholds ?? {})], decimals).unitModifier;
  return Object.fromEntries(Object.entries(plausible).filter(([name, bound]) => {
    if (fitsSint32(bound, digits)) return true;
    problems.push(`range ${name} = ${bound} does not fit a sint32 at the reading's resolution (10^${-digits}): left out`);
    return false;
  }));
}

const READABLE_BOUNDS = ['minReadable', 'maxReadable'] as const;

/** The readable bounds `value` lies beyond: the sensor read what it declares it cannot. */
function contradicted(ranges: SensorRanges, value: number | null): ('minReadable' | 'maxReadable')[] {
  return READABLE_BOUNDS.filter((name) => isContradicted(ranges, value, name));
}

/** Whether `value` lies beyond the readable bound `name` (below minReadable, above maxReadable); allocates nothing. */
function isContradicted(ranges: SensorRanges, value: number | null, name: 'minReadable' | 'maxReadable'): boolean {
  const bound = ranges[name];
  if (value === null || bound === undefined) return false;
  return name === 'minReadable' ? value < bound : value > bound;
}

/** Whether `bound` is written as a sint32 at `digits` digits after the point, rounded as scaleToSint32 does. */
function fitsSint32(bound: number, digits: number): boolean {
  const integer = scaled(bound, digits);
  return integer >= SINT32_MIN && integer <= SINT32_MAX;
}

/** The common case, checked without copying anything. */
function isClean({ value, decimals, thresholds, ranges, settable }: NumericSensor): boolean {
  if (value !== null && !Number.isFinite(value)) return false;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) return false;
  for (const name in thresholds) if (!Number.isFinite(thresholds[name as ThresholdName])) return false;
  // A range that fits at the sensor's own resolution never needs a coarser UnitModifier than the reading's.
  for (const name in ranges) {
    const bound = ranges[name as keyof SensorRanges];
    if (bound !== undefined && !fitsSint32(bound, decimals)) return false;
  }
  if (ranges) {
    if (isInverted(ranges, RANGE_PAIRS[0]) || isInverted(ranges, RANGE_PAIRS[1])) return false;
    if (isContradicted(ranges, value, 'minReadable') || isContradicted(ranges, value, 'maxReadable')) return false;
  }
  return settable?.every((name) => thresholds?.[name] !== undefined) ?? true;
}

/** Writes a numeric sensor (already sanitized and assessed) as a device of the system. */
export function addNumericSensor(
  ctx: BuildContext, provider: string, sensor: NumericSensor, assessment: SensorAssessment, pollingIntervalNs: bigint | undefined,
): InstanceDraft {
  const draft = ctx.deviceDraft(ModelClass.NumericSensor, provider, sensor.id);
  const encoding = sensorEncoding(sensor.kind, sensor.unit, sensor.label);
  draft
    .set('SensorType', 'uint16', encoding.sensorType)
    .set('OtherSensorTypeDescription', 'string', encoding.otherSensorTypeDescription)
    .set('BaseUnits', 'uint16', encoding.baseUnits)
    .set('RateUnits', 'uint16', 0)
    .setArray('PossibleStates', 'string', possibleStates(sensor.thresholds, sensor.crossed))
    .set('CurrentState', 'string', assessment.state)
    .set('PollingInterval', 'uint64', pollingIntervalNs)
    .set('Description', 'string', sensor.source)
    .set('TimeOfLastStateChange', 'datetime', assessment.lostSince === undefined ? undefined : CIMDateTime.fromDate(new Date(assessment.lostSince)));
  setReadings(draft, sensor, assessment.value);
  return draft;
}

/**
 * CurrentReading, the thresholds and the declared ranges share one
 * UnitModifier (CIM_NumericSensor.BaseUnits: "the units apply to all numeric
 * properties of the Sensor"), exact at the source's resolution while
 * everything fits a sint32. Thresholds are present exactly when supported
 * (NULL otherwise); a range the source does not declare is NULL;
 * CurrentReading never is NULL (see assessSensor).
 */
function setReadings(draft: InstanceDraft, sensor: NumericSensor, value: number): void {
  const values: number[] = [value];
  let supported = 0;
  THRESHOLD_PROPERTIES.forEach(([name], index) => {
    const limit = sensor.thresholds?.[name];
    if (limit === undefined) return;
    supported |= 1 << index;
    values.push(limit);
  });
  let declared = 0;
  RANGE_PROPERTIES.forEach(([name], index) => {
    const bound = sensor.ranges?.[name];
    if (bound === undefined) return;
    declared |= 1 << index;
    values.push(bound);
  });
  const { unitModifier, integers } = scaleToSint32(values, sensor.decimals);
  let next = 0;
  draft.set('UnitModifier', 'sint32', unitModifier).set('CurrentReading', 'sint32', integers[next++]!);
  THRESHOLD_PROPERTIES.forEach(([, property], index) => draft.set(property, 'sint32', supported & (1 << index) ? integers[next++]! : null));
  // An undeclared range is left to the class: NULL.
  RANGE_PROPERTIES.forEach(([, property], index) => {
    if (declared & (1 << index)) draft.set(property, 'sint32', integers[next++]!);
  });
  let settable = 0;
  for (const name of sensor.settable ?? []) settable |= 1 << thresholdIndex(name);
  draft
    .setArray('SupportedThresholds', 'uint16', THRESHOLD_LISTS[supported]!)
    .setArray('EnabledThresholds', 'uint16', THRESHOLD_LISTS[supported]!)
    .setArray('SettableThresholds', 'uint16', THRESHOLD_LISTS[settable]!);
}

/** The SupportedThresholds-style list of each set of threshold indexes (bit i: index i), shared and frozen. */
const THRESHOLD_LISTS: readonly (readonly number[])[] = Array.from({ length: 1 << THRESHOLD_PROPERTIES.length }, (_, mask) =>
  Object.freeze(THRESHOLD_PROPERTIES.map((_, index) => index).filter((index) => mask & (1 << index))));

function thresholdIndex(name: ThresholdName): number {
  return THRESHOLD_PROPERTIES.findIndex(([n]) => n === name);
}

/** EnabledState of a numeric sensor: disabled ones say so. */
export function sensorEnabledState(sensor: NumericSensor): number {
  return sensor.unavailable === 'disabled' ? DISABLED : ENABLED;
}

/**
 * Writes a discrete sensor. "Unknown" is always a possible state: it is the
 * current one when the snapshot is stale.
 */
export function addDiscreteSensor(ctx: BuildContext, provider: string, sensor: DiscreteSensor, health: Verdict): InstanceDraft {
  const encoding = discreteSensorEncoding(sensor.kind, sensor.label);
  const states = [...new Set([...sensor.possibleStates, sensor.state, 'Unknown'])];
  return ctx.deviceDraft(ModelClass.DiscreteSensor, provider, sensor.id)
    .set('SensorType', 'uint16', encoding.sensorType)
    .set('OtherSensorTypeDescription', 'string', encoding.otherSensorTypeDescription)
    .setArray('PossibleStates', 'string', states)
    .set('CurrentState', 'string', health.condition === 'lostCommunication' ? 'Unknown' : sensor.state)
    .set('Description', 'string', sensor.source);
}
