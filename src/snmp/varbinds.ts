/**
 * THINCIM-MIB (mibs/THINCIM-MIB.txt) in code: the notification of each event
 * kind and the objects every notification carries. Pure: the SNMP library is
 * loaded only by the sender.
 */
import { scaleReading, sensorUnit } from '../client/health.js';
import type { CIMInstance } from '../cim/index.js';
import type { EventKind, HardwareEvent, Severity } from '../events/index.js';

/** thincimNotifications.N of each kind. */
export const NOTIFICATIONS: Readonly<Record<EventKind, { readonly index: number; readonly name: string }>> = {
  health: { index: 1, name: 'thincimHealthChanged' },
  thresholdCrossed: { index: 2, name: 'thincimThresholdCrossed' },
  thresholdCleared: { index: 3, name: 'thincimThresholdCleared' },
  readingLost: { index: 4, name: 'thincimReadingLost' },
  readingRegained: { index: 5, name: 'thincimReadingRegained' },
  created: { index: 6, name: 'thincimElementCreated' },
  deleted: { index: 7, name: 'thincimElementDeleted' },
  redundancy: { index: 8, name: 'thincimRedundancyChanged' },
  providerFailed: { index: 9, name: 'thincimProviderFailed' },
  providerRecovered: { index: 10, name: 'thincimProviderRecovered' },
};

/** thincimSeverity values. */
export const SEVERITIES: Readonly<Record<Severity, number>> = { ok: 1, unknown: 2, warning: 3, critical: 4, fatal: 5 };

/** A varbind before the library's types: Unsigned32, INTEGER, or OCTET STRING. */
export interface MibVarbind {
  readonly oid: string;
  readonly type: 'unsigned' | 'integer' | 'octets';
  readonly value: number | Buffer;
}

/** thincimEvent.N, the largest octet count of each object, and how each is taken from an event. */
const OBJECTS: readonly { index: number; name: string; type: MibVarbind['type']; max?: number; of(e: HardwareEvent, f: SensorFacts): number | string | Buffer }[] = [
  { index: 1, name: 'thincimEventSequence', type: 'unsigned', of: (e) => e.sequence % 2 ** 32 },
  { index: 2, name: 'thincimEventTime', type: 'octets', of: (e) => dateAndTime(e.time) },
  { index: 3, name: 'thincimEventSeverity', type: 'integer', of: (e) => SEVERITIES[e.severity] },
  { index: 4, name: 'thincimEventMessageId', type: 'octets', max: 32, of: (e) => e.messageId },
  { index: 5, name: 'thincimEventMessage', type: 'octets', max: 1024, of: (e) => e.message },
  { index: 6, name: 'thincimElementName', type: 'octets', max: 255, of: (e) => e.elementName ?? '' },
  { index: 7, name: 'thincimElementPath', type: 'octets', max: 1024, of: (e) => e.path?.withLocation(e.namespace).toString() ?? '' },
  { index: 8, name: 'thincimElementClass', type: 'octets', max: 255, of: (e) => e.classname ?? '' },
  { index: 9, name: 'thincimReading', type: 'octets', max: 64, of: (_, f) => f.reading },
  { index: 10, name: 'thincimThreshold', type: 'octets', max: 64, of: (e) => (e.threshold ? decimal(e.threshold.value) : '') },
  { index: 11, name: 'thincimThresholdName', type: 'octets', max: 64, of: (e) => e.threshold?.property ?? '' },
  { index: 12, name: 'thincimUnit', type: 'octets', max: 64, of: (_, f) => f.unit },
  { index: 13, name: 'thincimProvider', type: 'octets', max: 255, of: (e) => e.provider ?? '' },
];

/** The object names by index, for documentation and tests. */
export const OBJECT_NAMES: ReadonlyMap<number, string> = new Map(OBJECTS.map((o) => [o.index, o.name]));

export function notificationOid(root: string, kind: EventKind): string {
  return `${root}.0.${NOTIFICATIONS[kind].index}`;
}

/** The OID of a scalar object's instance in a notification: thincimEvent.N.0. */
export function objectOid(root: string, index: number): string {
  return `${root}.1.1.${index}.0`;
}

/** Every object of THINCIM-MIB for one event, in the order of the OBJECTS clause. */
export function eventVarbinds(root: string, event: HardwareEvent): MibVarbind[] {
  const facts = sensorFacts(event);
  return OBJECTS.map((object) => {
    const value = object.of(event, facts);
    return {
      oid: objectOid(root, object.index),
      type: object.type,
      value: typeof value === 'string' ? utf8(value, object.max ?? 255) : value,
    };
  });
}

interface SensorFacts {
  reading: string;
  unit: string;
}

/** The sensor's reading and unit in the new state (the last one known for a lost reading or a removed sensor). */
function sensorFacts(event: HardwareEvent): SensorFacts {
  if (event.threshold) return { reading: decimal(event.threshold.observed), unit: event.threshold.unit };
  const sensor: CIMInstance | undefined = event.after ?? event.before;
  const raw = sensor?.get('CurrentReading');
  if (sensor === undefined || (typeof raw !== 'number' && typeof raw !== 'bigint')) return { reading: '', unit: '' };
  const modifier = sensor.get('UnitModifier');
  return { reading: scaleReading(raw, typeof modifier === 'number' ? modifier : 0).text, unit: sensorUnit(sensor) };
}

/** A number as receivers read it: no binary noise (12.180000000000001 → 12.18), no exponent for common values. */
function decimal(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(12))) : '';
}

/** UTF-8, cut at a character boundary to fit the object's SIZE. */
function utf8(text: string, max: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** SNMPv2-TC DateAndTime in UTC: year (2 octets), month, day, hour, minutes, seconds, deci-seconds, '+', 0, 0. */
export function dateAndTime(ms: number): Buffer {
  const d = new Date(ms);
  const b = Buffer.alloc(11);
  b.writeUInt16BE(d.getUTCFullYear(), 0);
  b.writeUInt8(d.getUTCMonth() + 1, 2);
  b.writeUInt8(d.getUTCDate(), 3);
  b.writeUInt8(d.getUTCHours(), 4);
  b.writeUInt8(d.getUTCMinutes(), 5);
  b.writeUInt8(d.getUTCSeconds(), 6);
  b.writeUInt8(Math.floor(d.getUTCMilliseconds() / 100), 7);
  b.write('+', 8, 'ascii');
  return b;
}
