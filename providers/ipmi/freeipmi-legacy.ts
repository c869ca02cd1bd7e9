/**
 * FreeIPMI's legacy sensor line, printed by `ipmi-sensors` before 0.8 and by later ones with `--legacy-output`
 * (ipmi-sensors-simple-output.c, _legacy_simple_output_header and _legacy_simple_output_full_record): "%u: %s (%s): "
 * (record id, name, sensor type), then for a threshold record "%.2f %s " (or "NA "), a threshold pair "(%.2f/%.2f): "
 * (NA where absent), and the events bracketed, "[OK]", "[NA]", "[Unknown]", several as "[A][B]". Some versions print
 * a reading, unit and pair for a discrete record too ("NA NA (NA/NA): [Presence detected]"), which stays discrete;
 * `--quiet-readings` leaves out the type and the reading ("%u: %s: "). The pair is the critical one, or the non-recoverable or non-critical one
 * where the record has no critical threshold: which cannot be told, so it is not read.
 */
import { freeIpmiRow, unreadThreshold, type Column } from './freeipmi.js';
import { splitLines } from './text.js';
import type { IpmiParseResult } from './types.js';

/** "4: CPU Temp (Temperature): rest": the name is the shortest that a " (type): " follows. */
export const LEGACY_LINE = /^(\d+): (.*?) \(([^()]*)\): (.*)$/;
/** `--quiet-readings`: "4: CPU Temp: [OK]". */
const QUIET_LINE = /^(\d+): (.*?): (\[.*\])\s*$/;
/** A threshold record's reading, units and pair before its events: "28.00 C (NA/83.00): [OK]". */
const READING = /^(NA|-?\d+(?:\.\d+)?)(?: (.*?))? \((?:NA|-?[\d.]+)\/(?:NA|-?[\d.]+)\): (\[.*\])\s*$/;

const LAYOUT: readonly Column[] = ['id', 'name', 'type', 'reading', 'units', 'event'];

/** Parses `ipmi-sensors --legacy-output` (or pre-0.8 `ipmi-sensors`) output. */
export function parseFreeIpmiLegacy(text: string): IpmiParseResult {
  const result: IpmiParseResult = { format: 'freeipmi', readings: [], skipped: [], noise: [] };
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const row = legacyRow(raw);
    const reading = row && freeIpmiRow(LAYOUT, row.fields, line);
    // A threshold record without a reading prints "NA " and no unit: a threshold record all the same.
    const unread = reading && row.threshold && reading.value === undefined && reading.states.every((state) => state === 'Unknown');
    if (unread) unreadThreshold(reading);
    if (reading) result.readings.push(reading);
    else result.noise.push(row || LEGACY_LINE.test(raw) ? { line, text: raw, record: true } : { line, text: raw });
  });
  return result;
}

/**
 * The line as the columns of the table layout (id, name, type, reading, units, event), and whether it printed a
 * threshold pair; undefined for no legacy line.
 */
function legacyRow(raw: string): { fields: string[]; threshold: boolean } | undefined {
  const full = LEGACY_LINE.exec(raw);
  const quiet = full ? undefined : QUIET_LINE.exec(raw);
  // A name is trimmed as the table's columns are ("54: Presence  (Entity Presence)": an ID string ending in a space).
  if (quiet) return { fields: [quiet[1] ?? '', (quiet[2] ?? '').trim(), 'N/A', 'N/A', 'N/A', events(quiet[3] ?? '')], threshold: false };
  if (!full) return undefined;
  const [, id = '', rawName = '', type = '', rest = ''] = full;
  const name = rawName.trim();
  const reading = READING.exec(rest);
  if (reading) {
    const value = reading[1] === 'NA' ? 'N/A' : reading[1] ?? 'N/A';
    // "NA NA": the reading and unit some versions print for a discrete record; a threshold one prints "NA " alone.
    const discrete = reading[1] === 'NA' && reading[2] === 'NA';
    // An empty unit ("68.00  (NA/NA)") is an unspecified one, as the table's empty units column is (freeIpmiRow).
    const units = reading[2] === 'NA' ? 'N/A' : reading[2] ?? '';
    return { fields: [id, name, type, value, units, events(reading[3] ?? '')], threshold: !discrete };
  }
  return /^\[.*\]\s*$/.test(rest) ? { fields: [id, name, type, 'N/A', 'N/A', events(rest)], threshold: false } : undefined;
}

/** "[A][B]" → "'A' 'B'", as the table prints them; "[NA]" → N/A; "[Unknown]" → Unknown. */
function events(text: string): string {
  const list = quoteBracketed(text) ?? [];
  if (list.length === 0 || (list.length === 1 && list[0] === "'NA'")) return 'N/A';
  if (list.length === 1 && list[0] === "'Unknown'") return 'Unknown';
  return list.join(' ');
}

/** "[A][B]" → ["'A'", "'B'"], the events quoted as the table prints them; undefined for a text not bracketed. */
export function quoteBracketed(text: string): string[] | undefined {
  if (!/^\[.*\]\s*$/.test(text)) return undefined;
  return [...text.matchAll(/\[([^\]]*)\]/g)].map((match) => `'${match[1] ?? ''}'`);
}
