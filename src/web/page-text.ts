/**
 * Texts the page writes in the server's rendering (render.ts) and again in
 * the script that refreshes it (client/page.ts): times, ages, a provider's
 * line, a sparkline in words. Plain functions, no Node.js and no DOM:
 * bundled into the script as well.
 */
import { withUnit } from '../client/quantity.js';

/** The fields of a provider's view (view.ts ProviderView) the line tells. */
export interface ProviderLine {
  state: 'sampling' | 'failed' | 'starting';
  lastError: string | null;
  consecutiveFailures: number;
  backoffUntil: number | null;
  refusedCount: number;
}

/** The fields of a reading (view.ts ReadingView) its words need. */
export interface ReadingLine {
  text: string;
  unit: string;
  lost?: boolean;
}

/** A reading in words: "53.2 °C"; a lost one says it is the last good reading, not the sensor's reading now. */
export function readingWords(reading: ReadingLine | null): string {
  if (!reading) return 'no reading';
  const value = withUnit(reading.text, reading.unit);
  return reading.lost ? `no reading (last ${value})` : value;
}

/**
 * The id of an element's row: a reason of the verdict links to it (on a host
 * of thousands of sensors, the failing one is found at once). By kind and id:
 * a DeviceID is unique within its class only (hwmon's fan and its speed
 * sensor are both `hwmon:<chip>/fanN`).
 */
export function rowAnchor(kind: string, id: string): string {
  return `el-${kind}-${id}`;
}

/** The link to an element's row. */
export function rowHref(kind: string, id: string): string {
  // A system's own finding has no row: on thincim it is a provider that never answered, in the providers' table.
  return kind === 'system' ? '#providers' : `#${encodeURIComponent(rowAnchor(kind, id))}`;
}

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), and the invisible zero-width characters (U+200B–U+200D,
 * U+2060, U+FEFF).
 */
const HIDDEN_CONTROLS = /[\u200B-\u200D\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/**
 * A string from hardware or a provider as the page shows it: each bidi
 * control and zero-width character written as its code point ("⟨U+202E⟩").
 * A name's override reversed the rest of every line that quoted it ("Fan 3:
 * Critical failure" read "eruliaf lacitirC :3 naF"), and hides text as
 * "Trojan Source" does; a zero-width space makes two names look identical.
 * Right-to-left letters, and the marks U+200E/U+200F, are left as they are.
 */
export function shown(text: string): string {
  return text.replace(HIDDEN_CONTROLS, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase()}⟩`);
}

export function utcTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** An age, rounded to the unit a reader wants: "42 s", "5 min", "3 h". */
export function ageText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

export function providerText(p: ProviderLine): string {
  if (p.state === 'sampling') return p.refusedCount === 0 ? 'sampling' : `sampling; ${p.refusedCount} invalid item${p.refusedCount === 1 ? '' : 's'} refused`;
  if (p.state === 'starting') return 'starting: no sample yet';
  const backoff = p.backoffUntil ? `; backed off until ${utcTime(p.backoffUntil)}` : '';
  return `failed ${p.consecutiveFailures} time${p.consecutiveFailures === 1 ? '' : 's'}: ${p.lastError ?? 'unknown error'}${backoff}`;
}

/** What a sparkline shows, in words. */
export function sparkText(values: readonly (number | null)[], unit: string): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return 'no history yet';
  const [first, last] = [withUnit(present[0]!, unit), withUnit(present.at(-1)!, unit)];
  return `recent readings from ${first} to ${last}, lowest ${withUnit(Math.min(...present), unit)}, highest ${withUnit(Math.max(...present), unit)}`;
}
