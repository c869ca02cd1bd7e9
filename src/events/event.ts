/**
 * Hardware events: what changed between two generations of the published
 * model, computed once per generation (see ChangeDetector) and fanned out to
 * every consumer (the log, /metrics, CIM indications, SNMP traps, the status
 * page). Each kind has a stable message id from one catalogue, so every
 * consumer tells the same thing the same way.
 */
import type { CIMInstance, CIMInstanceName } from '../cim/index.js';

export type EventKind =
  | 'health' | 'thresholdCrossed' | 'thresholdCleared' | 'readingLost' | 'readingRegained'
  | 'created' | 'deleted' | 'redundancy' | 'providerFailed' | 'providerRecovered';

/** How bad the new state is (PerceivedSeverity, SNMP severity and the page's icon derive from it). */
export type Severity = 'ok' | 'unknown' | 'warning' | 'critical' | 'fatal';

/** One message of the catalogue: a stable id and what it says, with `{name}` placeholders. */
export interface CatalogueEntry {
  readonly id: string;
  readonly text: string;
}

/**
 * The message catalogue (DSP0228-style ids: a registry prefix and a number).
 * Placeholders: element, from, to, value, threshold, reason, provider.
 */
export const MESSAGES: Readonly<Record<EventKind, CatalogueEntry>> = {
  health: { id: 'THINCIM0001', text: '{element}: health {from} → {to}{reason}' },
  thresholdCrossed: { id: 'THINCIM0002', text: '{element}: reading {value} crossed the {threshold} threshold' },
  thresholdCleared: { id: 'THINCIM0003', text: '{element}: reading {value} is back within the {threshold} threshold' },
  readingLost: { id: 'THINCIM0004', text: '{element}: reading lost{reason}; last reading {value}' },
  readingRegained: { id: 'THINCIM0005', text: '{element}: reading regained: {value}' },
  created: { id: 'THINCIM0006', text: '{element}: appeared' },
  deleted: { id: 'THINCIM0007', text: '{element}: disappeared' },
  redundancy: { id: 'THINCIM0008', text: '{element}: redundancy {from} → {to}' },
  providerFailed: { id: 'THINCIM0009', text: 'provider {provider} failed: {reason}' },
  providerRecovered: { id: 'THINCIM0010', text: 'provider {provider} recovered' },
};

/** A threshold crossed or cleared, in base units (CurrentReading × 10^UnitModifier). */
export interface ThresholdChange {
  /** The threshold property, e.g. UpperThresholdCritical. */
  readonly property: string;
  /** Its sensor state, e.g. "Upper Critical". */
  readonly state: string;
  readonly value: number;
  readonly observed: number;
  /** The unit as people read it (client/health.ts sensorUnit: "°C", "RPM"), or '' when unknown. */
  readonly unit: string;
}

export interface HardwareEvent {
  /** Increases by one with every event the broker emits. */
  readonly sequence: number;
  readonly kind: EventKind;
  /** The generation whose publication revealed the change. */
  readonly generation: number;
  /** Epoch milliseconds. */
  readonly time: number;
  readonly severity: Severity;
  readonly messageId: string;
  readonly message: string;
  /** The element's namespace and path; undefined for provider events. */
  readonly namespace?: string;
  readonly path?: CIMInstanceName;
  readonly classname?: string;
  readonly elementName?: string;
  /** The instance in the previous generation (undefined when it appeared). */
  readonly before?: CIMInstance;
  /** The instance in the new generation (undefined when it disappeared). */
  readonly after?: CIMInstance;
  readonly threshold?: ThresholdChange;
  readonly provider?: string;
}
