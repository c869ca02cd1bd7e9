/**
 * A number and its unit, written one way by every text thincim makes: the
 * page and its script, the readable report, and the event messages the
 * change detection writes once for the log, CIM indications, SNMP traps and
 * the page's recent changes. Nothing imported: the page's script bundles it.
 */

/**
 * "97.0 °C", "12.18 V", "40 %"; the value alone without a unit. SI Brochure
 * (9th edition, 2019) §5.4.3: a space always separates the number from the
 * unit, before °C too ("t = 30.2 °C, but not t = 30.2°C"); its only
 * exceptions, the plane angle's °, ′ and ″, are no unit a sensor reports
 * (CIM's BaseUnits measure angles in radians). §5.4.7: a space before % too.
 */
export function withUnit(value: string | number, unit: string): string {
  return unit === '' ? String(value) : `${value} ${unit}`;
}
