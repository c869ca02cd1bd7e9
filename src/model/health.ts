/**
 * Health derivation, in one place: every instance the model builder writes
 * takes its HealthState, OperationalStatus and PrimaryStatus from here, so a
 * sensor, a fan and the system roll up the same way whatever the source.
 *
 * A `Condition` is what the model concludes about an element; `verdict()`
 * spells it in CIM (profiles.md §2, §5.3; only values check_esxi_hardware
 * and pywbem-based tools accept):
 *
 * | condition          | HealthState | OperationalStatus         | PrimaryStatus |
 * |--------------------|-------------|---------------------------|---------------|
 * | ok                 | 5 OK        | 2 OK                      | 1 OK          |
 * | warning            | 10 Degraded | 3 Degraded                | 2 Degraded    |
 * | critical           | 25 Critical | 6 Error                   | 3 Error       |
 * | fatal              | 30 Non-rec. | 7 Non-Recoverable Error   | 3 Error       |
 * | dormant            | 0 Unknown   | 15 Dormant                | 0 Unknown     |
 * | unknown            | 0 Unknown   | 0 Unknown                 | 0 Unknown     |
 * | noContact          | 0 Unknown   | 12 No Contact             | 0 Unknown     |
 * | lostCommunication  | 0 Unknown   | 13 Lost Communication     | 0 Unknown     |
 *
 * Roll-up takes the worst condition by `CONDITION_RANK`: any real fault
 * outranks not knowing, and not knowing outranks OK, so a system is never
 * reported OK while part of it cannot be read (a lost reading, a provider
 * out of contact). A device whose source has no opinion (plain unknown: an
 * empty slot, a fan at 0 RPM that may be an unconnected header) is left out,
 * and so is one that is asleep (dormant: a runtime-suspended graphics card,
 * powered down for now, whose sensors cannot be read until it wakes).
 *
 * Also here: when a snapshot is stale, what a provider without a snapshot,
 * a discrete sensor, a stopped fan, a monitoring sensor and a redundancy
 * status each contribute.
 */
import type { ProviderSample } from './input.js';
import type { LastReading } from './readings.js';
import type { DeviceStatus, DiscreteSensor, Fan, Health, NumericSensor, RedundancyStatus, ThresholdName, Thresholds } from './snapshot.js';

export type Condition = 'ok' | 'warning' | 'critical' | 'fatal' | 'dormant' | 'unknown' | 'noContact' | 'lostCommunication';

export const CONDITION_RANK: Readonly<Record<Condition, number>> = {
  ok: 0, dormant: 1, unknown: 2, noContact: 3, lostCommunication: 4, warning: 5, critical: 6, fatal: 7,
};

/** The HealthState values a model instance may carry (DMTF's; check_esxi_hardware rejects others). */
export const HEALTH_STATES: ReadonlySet<number> = new Set([0, 5, 10, 15, 20, 25, 30]);

/** A condition and why, as the CIM status properties state it. */
export interface Verdict {
  readonly condition: Condition;
  readonly healthState: number;
  /** OperationalStatus: one value, the primary status. */
  readonly operationalStatus: readonly number[];
  readonly primaryStatus: number;
  /** StatusDescriptions, parallel to operationalStatus. */
  readonly statusDescriptions: readonly string[];
}

const CIM_STATUS: Readonly<Record<Condition, readonly [healthState: number, operationalStatus: number, primaryStatus: number, text: string]>> = {
  ok: [5, 2, 1, 'OK'],
  warning: [10, 3, 2, 'Degraded'],
  critical: [25, 6, 3, 'Error'],
  fatal: [30, 7, 3, 'Non-Recoverable Error'],
  dormant: [0, 15, 0, 'Dormant'],
  unknown: [0, 0, 0, 'Unknown'],
  noContact: [0, 12, 0, 'No Contact'],
  lostCommunication: [0, 13, 0, 'Lost Communication'],
};

/**
 * A condition spelled in CIM; `reason` becomes the status description
 * (default: the status's name). Verdicts and their lists are frozen: those
 * without a reason are shared by every instance in that condition.
 */
export function verdict(condition: Condition, reason?: string): Verdict {
  return reason === undefined ? PLAIN_VERDICTS[condition] : makeVerdict(condition, reason);
}

function makeVerdict(condition: Condition, reason: string | undefined): Verdict {
  const [healthState, operationalStatus, primaryStatus, text] = CIM_STATUS[condition];
  return Object.freeze({
    condition, healthState, primaryStatus,
    operationalStatus: Object.freeze([operationalStatus]),
    statusDescriptions: Object.freeze([reason ?? text]),
  });
}

const PLAIN_VERDICTS = Object.fromEntries(
  (Object.keys(CIM_STATUS) as Condition[]).map((condition) => [condition, makeVerdict(condition, undefined)]),
) as Readonly<Record<Condition, Verdict>>;

export function worse(a: Condition, b: Condition): Condition {
  return CONDITION_RANK[b] > CONDITION_RANK[a] ? b : a;
}

/** One observation about an element: a condition and, unless plain OK, why. */
export interface Finding {
  readonly condition: Condition;
  readonly reason?: string | undefined;
}

/** The verdict of the worst finding (the first of equally bad ones); OK when there is none. */
export function judge(findings: Iterable<Finding>): Verdict {
  let worstFinding: Finding | undefined;
  for (const f of findings) {
    if (worstFinding === undefined || CONDITION_RANK[f.condition] > CONDITION_RANK[worstFinding.condition]) worstFinding = f;
  }
  return worstFinding === undefined ? verdict('ok') : verdict(worstFinding.condition, worstFinding.reason);
}

/** The worst of several conditions; `ok` for none. */
export function worst(conditions: Iterable<Condition>): Condition {
  let result: Condition = 'ok';
  for (const c of conditions) result = worse(result, c);
  return result;
}

/** Whether a condition is a fault of the hardware (as opposed to OK or not knowing). */
export function isFault(condition: Condition): boolean {
  return CONDITION_RANK[condition] >= CONDITION_RANK.warning;
}

/** The source's own verdict; its `unknown` means it has no opinion. */
export function healthCondition(health: Health | undefined): Condition | undefined {
  return health === undefined || health === 'unknown' ? undefined : health;
}

export function deviceStatusCondition(status: DeviceStatus): Condition {
  switch (status) {
    case 'ok': return 'ok';
    case 'degraded': return 'warning';
    case 'failed': return 'critical';
    case 'absent':
    case 'unknown': return 'unknown';
  }
}

/** Sensor states of DSP1009 (profiles.md §5.3), in the order PossibleStates lists them. */
export const SENSOR_STATES = [
  'Unknown', 'Normal', 'Upper Non-Critical', 'Upper Critical', 'Upper Fatal',
  'Lower Non-Critical', 'Lower Critical', 'Lower Fatal',
] as const;

export type SensorState = (typeof SENSOR_STATES)[number];

/**
 * Threshold checks from the most severe down; a reading that reaches a
 * threshold has crossed it (hwmon alarms and IPMI assert at equality).
 */
const THRESHOLD_CHECKS: readonly { threshold: keyof Thresholds; state: SensorState; condition: Condition; upper: boolean }[] = [
  { threshold: 'upperFatal', state: 'Upper Fatal', condition: 'fatal', upper: true },
  { threshold: 'lowerFatal', state: 'Lower Fatal', condition: 'fatal', upper: false },
  { threshold: 'upperCritical', state: 'Upper Critical', condition: 'critical', upper: true },
  { threshold: 'lowerCritical', state: 'Lower Critical', condition: 'critical', upper: false },
  { threshold: 'upperNonCritical', state: 'Upper Non-Critical', condition: 'warning', upper: true },
  { threshold: 'lowerNonCritical', state: 'Lower Non-Critical', condition: 'warning', upper: false },
];

/** The state a reading is in against the thresholds present (Normal when none is crossed). */
export function thresholdState(value: number, thresholds: Thresholds | undefined): ThresholdVerdict {
  if (thresholds) {
    for (const check of THRESHOLD_CHECKS) {
      const limit = thresholds[check.threshold];
      if (limit === undefined) continue;
      if (check.upper ? value >= limit : value <= limit) return { state: check.state, condition: check.condition };
    }
  }
  return { state: 'Normal', condition: 'ok' };
}

/** The threshold state of a reading, and what it means. */
export interface ThresholdVerdict {
  readonly state: SensorState;
  readonly condition: Condition;
}

/**
 * The threshold state with hysteresis: a crossed threshold is left only when
 * the reading is back past it by the sensor's hysteresis (in its unit; by
 * default one percent of the threshold's magnitude, at least two steps of
 * the reading's resolution), as a BMC does. A reading hovering at a
 * threshold then does not flip its sensor's state, the roll-up and every
 * alert at each sample. Crossing further is immediate.
 */
export function heldThresholdState(
  value: number, sensor: Pick<NumericSensor, 'thresholds' | 'decimals' | 'hysteresis'>, held: SensorState | undefined,
): ThresholdVerdict {
  const now = thresholdState(value, sensor.thresholds);
  const check = held === undefined ? undefined : THRESHOLD_CHECKS.find((c) => c.state === held);
  if (check === undefined || CONDITION_RANK[now.condition] >= CONDITION_RANK[check.condition]) return now;
  const limit = sensor.thresholds?.[check.threshold];
  if (limit === undefined) return now;
  const hysteresis = sensor.hysteresis ?? Math.max(Math.abs(limit) / 100, 2 * 10 ** -sensor.decimals);
  const cleared = check.upper ? value <= limit - hysteresis : value >= limit + hysteresis;
  return cleared ? now : { state: check.state, condition: check.condition };
}

/** The states a sensor can reach: Unknown, Normal and one per threshold it has or the source says it crossed. */
export function possibleStates(thresholds: Thresholds | undefined, crossed?: ThresholdName): readonly SensorState[] {
  let mask = 0;
  THRESHOLD_CHECKS.forEach((check, bit) => {
    if (thresholds?.[check.threshold] !== undefined || check.threshold === crossed) mask |= 1 << bit;
  });
  return POSSIBLE_STATES[mask]!;
}

/** PossibleStates for each combination of thresholds present (bit i: THRESHOLD_CHECKS[i]), shared and frozen. */
const POSSIBLE_STATES: readonly (readonly SensorState[])[] = Array.from({ length: 1 << THRESHOLD_CHECKS.length }, (_, mask) => {
  const reachable = new Set<SensorState>(['Unknown', 'Normal']);
  THRESHOLD_CHECKS.forEach((check, bit) => {
    if (mask & (1 << bit)) reachable.add(check.state);
  });
  return Object.freeze(SENSOR_STATES.filter((s) => reachable.has(s)));
});

/** What the model concludes about one numeric sensor. */
export interface SensorAssessment {
  /** The reading to publish: the current one, or the last good one when the reading is lost. */
  readonly value: number;
  readonly state: SensorState;
  readonly verdict: Verdict;
  /** Epoch milliseconds since when the reading has been lost; undefined while it is current. */
  readonly lostSince?: number | undefined;
}

/** Why a provider's snapshot is not current, and since when. */
export interface Staleness {
  readonly reason: string;
  readonly since: number | undefined;
}

/** The reading a sensor reports now, or null when it has none (absent, disabled, failed, asleep, not a number). */
export function currentReading(sensor: NumericSensor): number | null {
  return sensor.unavailable === undefined && sensor.value !== null && Number.isFinite(sensor.value) ? sensor.value : null;
}

/**
 * Judges a numeric sensor; undefined when it never had a reading (an absent
 * part), which the model does not serve as a numeric sensor at all.
 *
 * A sensor whose reading is lost (a stale snapshot, a failed read) keeps its
 * last good reading and is reported as Lost Communication (HealthState
 * Unknown) since the moment it was lost. One whose device is asleep keeps it
 * too, Dormant ("device asleep"): powered down for now is no fault, and the
 * reading is not current either. Tools written for ESXi compute
 * int(CurrentReading) × 10^UnitModifier and crash on NULL; a made-up reading
 * (0 RPM, 0 °C) would raise false alarms; the last reading, marked lost, is
 * honest and tells them something is wrong.
 *
 * Otherwise the worst of the threshold state and the source's own verdict
 * wins; only the source's when it judged the thresholds itself
 * (`thresholdsJudged`), except that a critical or fatal threshold state held
 * from the last sample stays until the reading clears it by the hysteresis. CurrentState agrees with the verdict: Normal when it
 * is OK, else the threshold crossed (the source's `crossed` when no published
 * one is), or Unknown when the source reports a fault without saying which
 * threshold it saw.
 */
export function assessSensor(sensor: NumericSensor, stale: Staleness | undefined, last: LastReading | undefined): SensorAssessment | undefined {
  const current = currentReading(sensor);
  if (stale !== undefined) {
    const value = current ?? last?.value;
    if (value === undefined) return undefined;
    return { value, state: 'Unknown', verdict: verdict('lostCommunication', stale.reason), lostSince: last?.lostSince ?? stale.since };
  }
  if (current === null) {
    if (last === undefined) return undefined;
    if (sensor.unavailable === 'asleep') return { value: last.value, state: 'Unknown', verdict: ASLEEP, lostSince: last.lostSince };
    const reason = sensor.unavailable === 'failed' || sensor.unavailable === undefined ? 'reading failed' : `reading ${sensor.unavailable}`;
    return { value: last.value, state: 'Unknown', verdict: verdict('lostCommunication', reason), lostSince: last.lostSince };
  }
  const threshold = heldThresholdState(current, sensor, last?.state);
  const source = healthCondition(sensor.health);
  // The threshold the source names, where it agrees with the source's verdict.
  const named = sensor.crossed === undefined ? undefined : THRESHOLD_CHECKS.find((c) => c.threshold === sensor.crossed && c.condition === source);
  const bySource = sensor.thresholdsJudged === true && !heldAgainstOk(source, threshold, last?.state);
  const findings: Finding[] = [];
  if (source === undefined || !bySource) {
    findings.push({ condition: threshold.condition, reason: threshold.state === 'Normal' ? undefined : threshold.state });
  }
  if (source !== undefined) findings.push({ condition: source, reason: source === 'ok' ? undefined : named?.state ?? 'reported by the hardware' });
  const judged = judge(findings);
  const counted = threshold.state !== 'Normal' && (threshold.condition === judged.condition || !bySource);
  const state = judged.condition === 'ok' ? 'Normal' : counted ? threshold.state : named?.condition === judged.condition ? named.state : 'Unknown';
  return { value: current, state, verdict: judged };
}

/** A sensor whose device is powered down for now (`unavailable: 'asleep'`), and a fan measured by one. */
export const ASLEEP = verdict('dormant', 'device asleep');

/**
 * Whether a critical or fatal threshold state held from the last sample
 * outlasts a source's "ok": a source that judges only past its limits (an
 * IPMI provider overruling an OpenBMC's "ok" at any reading) says ok again
 * at the limit, and a reading hovering there would raise and clear an alert
 * every sample. The model's hysteresis decides when it clears; one held
 * fatal that falls to critical stays critical.
 */
function heldAgainstOk(source: Condition | undefined, threshold: ThresholdVerdict, held: SensorState | undefined): boolean {
  if (source !== 'ok' || held === undefined) return false;
  const critical = (condition: Condition | undefined) => condition !== undefined && CONDITION_RANK[condition] >= CONDITION_RANK.critical;
  return critical(threshold.condition) && critical(THRESHOLD_CHECKS.find((check) => check.state === held)?.condition);
}

/** Why a device's own status is what it is, when not plain OK. */
export function statusFinding(status: DeviceStatus, statusReason?: string): Finding {
  const condition = deviceStatusCondition(status);
  if (status === 'ok') return { condition };
  return { condition, reason: statusReason ?? (status === 'absent' ? 'not present' : status) };
}

/**
 * Judges a device (fan, power supply, processor, memory, battery) from its
 * own status and the extra findings its kind adds (a stopped fan, faults of
 * the sensors that monitor it). A stale snapshot overrides them all: nothing
 * about the device is current.
 */
export function assessDevice(
  status: DeviceStatus, staleReason: string | undefined, extra: Iterable<Finding> = [], statusReason?: string,
): Verdict {
  if (staleReason !== undefined) return verdict('lostCommunication', staleReason);
  return judge([statusFinding(status, statusReason), ...extra]);
}

/**
 * A fan that does not turn although it should is failed, whatever its
 * source says; a fan idle by design (zero-RPM mode) is not. Where the source
 * cannot tell (its status unknown: an unconnected header and a dead fan both
 * read 0 on a motherboard's monitoring chip), only a fan seen turning before
 * has stopped.
 */
export function stoppedFanFinding(
  speed: SensorAssessment | undefined, fan: Pick<Fan, 'status' | 'idleAllowed'>, turnedBefore: boolean,
): Finding | undefined {
  const stopped = speed?.value === 0 && speed.lostSince === undefined && !fan.idleAllowed;
  const known = turnedBefore || (fan.status !== 'unknown' && fan.status !== 'absent');
  return stopped && known ? { condition: 'critical', reason: 'stopped' } : undefined;
}

/**
 * A fan whose source cannot tell it from one the device lacks (its status
 * unknown, its speed absent: a PMBus supply's fan register answering all
 * ones, as it does for a fan it has not) is an absent part while never seen
 * turning; once seen turning, it was there, and is lost. A fan its source
 * calls absent stays so (a BMC's fans with the host powered off).
 */
export function vanishedFanFinding(
  speed: Pick<NumericSensor, 'value' | 'unavailable'>, fan: Pick<Fan, 'status'>, turnedBefore: boolean,
): Finding | undefined {
  const vanished = speed.value === null && speed.unavailable === 'absent' && fan.status === 'unknown';
  return vanished && turnedBefore ? { condition: 'critical', reason: 'lost' } : undefined;
}

/** A fault a sensor reports about the element it monitors (its own communication problems stay its own). */
export function monitoredFinding(label: string, sensorVerdict: Verdict): Finding | undefined {
  return isFault(sensorVerdict.condition) ? { condition: sensorVerdict.condition, reason: `${label}: ${sensorVerdict.statusDescriptions[0]}` } : undefined;
}

/**
 * Why a provider's last snapshot is not current: older than `staleAfterMs`
 * (with the latest error, if any); undefined while it is current.
 */
export function staleReason(sample: ProviderSample, now: number, staleAfterMs: number): string | undefined {
  if (sample.sampledAt === undefined || now - sample.sampledAt <= staleAfterMs) return undefined;
  const since = new Date(sample.sampledAt).toISOString();
  return `no fresh sample since ${since}${sample.error === undefined ? '' : `: ${sample.error}`}`;
}

/**
 * What a provider without any snapshot tells about the system: it cannot be
 * reached (no contact) or has not sampled yet (unknown).
 */
export function missingProviderFinding(sample: ProviderSample): Finding {
  return sample.error !== undefined
    ? { condition: 'noContact', reason: `provider ${sample.provider}: ${sample.error}` }
    : { condition: 'unknown', reason: `provider ${sample.provider}: not sampled yet` };
}

/** A discrete sensor's verdict: its source's health (unknown when it has none), or lost communication when stale. */
export function assessDiscrete(sensor: DiscreteSensor, staleReason: string | undefined): Verdict {
  if (staleReason !== undefined) return verdict('lostCommunication', staleReason);
  const condition = healthCondition(sensor.health) ?? 'unknown';
  return judge([{ condition, reason: condition === 'ok' ? undefined : sensor.state }]);
}

/** What a redundancy status means for the system: losing the spare is a warning, losing the function is critical. */
const REDUNDANCY_CONDITION: Readonly<Record<RedundancyStatus, Condition>> = {
  unknown: 'ok', full: 'ok', degraded: 'warning', lost: 'warning', failed: 'critical',
};

/** The finding a redundancy set adds to the system's roll-up, if any. */
export function redundancyFinding(label: string, status: RedundancyStatus): Finding | undefined {
  const condition = REDUNDANCY_CONDITION[status];
  return condition === 'ok' ? undefined : { condition, reason: `${label}: redundancy ${status}` };
}
