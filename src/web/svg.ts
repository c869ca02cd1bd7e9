/**
 * The page's small drawings as SVG text: a gauge of where a reading sits
 * between its thresholds, a sparkline, and a sensor's chart. Geometry
 * only; classes give the colours (page.css), so light and dark follow the
 * style sheet, and no style attribute is needed under the CSP.
 */
import type { NagiosState, ThresholdName } from '../client/health.js';
import { withUnit } from '../client/quantity.js';
import { BOTTOM_MARGIN, CHART_HEIGHT, CHART_WIDTH, LABEL_ROOM, THRESHOLD_WORDS, chartGeometry, decimalsOf, linePoints, round } from './chart-layout.js';
import { esc } from './escape.js';
import { readingWords } from './page-text.js';
import type { ReadingView } from './view.js';

/** Lower and upper thresholds with the band each one starts, least severe first (later bands draw over earlier ones). */
const LOWER: readonly [ThresholdName, string][] = [['LowerThresholdNonCritical', 'warn'], ['LowerThresholdCritical', 'crit'], ['LowerThresholdFatal', 'fatal']];
const UPPER: readonly [ThresholdName, string][] = [['UpperThresholdNonCritical', 'warn'], ['UpperThresholdCritical', 'crit'], ['UpperThresholdFatal', 'fatal']];

/** The range a gauge spans: its thresholds (or 0 when it has none below) and the reading, with a margin. */
export function gaugeDomain(reading: ReadingView): [number, number] {
  const t = reading.thresholds;
  const lowers = LOWER.map(([n]) => t[n]).filter((v): v is number => v !== undefined);
  const uppers = UPPER.map(([n]) => t[n]).filter((v): v is number => v !== undefined);
  let lo = Math.min(reading.value, ...(lowers.length ? lowers : [Math.min(0, ...uppers)]));
  let hi = Math.max(reading.value, ...(uppers.length ? uppers : [Math.max(...lowers, reading.value) * 1.25]));
  const span = hi - lo || Math.abs(hi) || 1;
  lo -= span * 0.08;
  hi += span * 0.08;
  return [round(lo), round(hi)];
}

/** Position 0–100 of `value` on [lo, hi], clamped. */
export function position(value: number, lo: number, hi: number): number {
  return round(Math.min(100, Math.max(0, ((value - lo) / (hi - lo)) * 100)));
}

/** Where the reading stands among its thresholds, in words: the gauge's text alternative. */
export function thresholdText(reading: ReadingView): string {
  const parts = [...LOWER, ...UPPER].filter(([n]) => reading.thresholds[n] !== undefined).map(([n]) => `${THRESHOLD_WORDS[n]} ${withUnit(reading.thresholds[n]!, reading.unit)}`);
  return parts.length ? `thresholds: ${parts.join(', ')}` : 'no thresholds';
}

/** The band between the thresholds, by the sensor's state: green only for a healthy sensor (one without thresholds has only this band). */
export const BASE_BAND: Readonly<Record<NagiosState, string>> = { OK: 'band-ok', WARNING: 'band-warn', CRITICAL: 'band-crit', UNKNOWN: 'band-unknown' };

export function gaugeSvg(reading: ReadingView, state: NagiosState): string {
  const [lo, hi] = gaugeDomain(reading);
  const x = (v: number) => position(v, lo, hi);
  const bands = [`<rect class="${BASE_BAND[state]}" x="0" y="4" width="100" height="8"/>`];
  for (const [name, cls] of LOWER) {
    const v = reading.thresholds[name];
    if (v !== undefined) bands.push(`<rect class="band-${cls}" x="0" y="4" width="${x(v)}" height="8"/>`);
  }
  for (const [name, cls] of UPPER) {
    const v = reading.thresholds[name];
    if (v !== undefined) bands.push(`<rect class="band-${cls}" x="${x(v)}" y="4" width="${round(100 - x(v))}" height="8"/>`);
  }
  const label = `${readingWords(reading)}; ${thresholdText(reading)}`;
  return `<svg class="gauge" viewBox="0 0 100 16" preserveAspectRatio="none" role="img" aria-label="${esc(label)}" data-lo="${lo}" data-hi="${hi}">` +
    `${bands.join('')}<rect class="${markerClass(reading)}" x="${round(x(reading.value) - 1)}" y="0" width="2" height="16"/></svg>`;
}

/** The gauge's marker: hidden while the reading is lost (it would stand where the last good reading was). */
export function markerClass(reading: { lost: boolean }): string {
  return reading.lost ? 'marker lost' : 'marker';
}

export function sparkSvg(values: readonly (number | null)[], label: string): string {
  const lines = linePoints(values, 100, 24).map((p) => `<polyline points="${p}"/>`).join('');
  return `<svg class="spark" viewBox="0 0 100 24" preserveAspectRatio="none" role="img" aria-label="${esc(label)}">${lines}</svg>`;
}

export interface ChartPoint {
  time: number;
  value: number | null;
}

/**
 * A sensor's history with its thresholds as dashed lines labelled on the
 * right, and its extremes labelled on the left. The script (page.ts) draws
 * the same after each poll.
 */
export function chartSvg(points: readonly ChartPoint[], reading: ReadingView | null, unit: string, label: string): string {
  const thresholds = reading ? Object.entries(reading.thresholds) as [ThresholdName, number][] : [];
  const chart = chartGeometry(points.map((p) => p.value), thresholds, unit, reading ? decimalsOf(reading.text) : undefined);
  if (!chart) return `<p>No readings yet.</p>`;
  const [W, H] = [CHART_WIDTH, CHART_HEIGHT];
  const lines = chart.lines.map((l) =>
    `<line class="th th-${l.severity}" x1="0" x2="${W}" y1="${l.y}" y2="${l.y}"/><text class="th-label" x="${W - 4}" y="${l.baseline}" text-anchor="end">${esc(l.text)}</text>`).join('');
  const data = chart.runs.map((p) => `<polyline class="line" points="${p}"/>`).join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}">` +
    `<rect class="chart-bg" x="0" y="0" width="${W}" height="${H}"/>${lines}${data}` +
    `<text class="axis" x="4" y="${LABEL_ROOM - 4}">${esc(chart.top)}</text><text class="axis" x="4" y="${H - BOTTOM_MARGIN}">${esc(chart.bottom)}</text></svg>`;
}
