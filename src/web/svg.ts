/**
 * The page's small drawings as SVG text: a gauge of where a reading sits
 * between its thresholds, a sparkline, and a sensor's chart. Geometry
 * only; classes give the colours (page.css), so light and dark follow the
 * style sheet, and no style attribute is needed under the CSP.
 */
import type { NagiosState, ThresholdName } from '../client/health.js';
import { BOTTOM_MARGIN, LABEL_ROOM, labelBaselines, round } from './chart-layout.js';
import { esc } from './escape.js';
import type { ReadingView } from './view.js';

/** Lower and upper thresholds with the band each one starts, least severe first (later bands draw over earlier ones). */
const LOWER: readonly [ThresholdName, string][] = [['LowerThresholdNonCritical', 'warn'], ['LowerThresholdCritical', 'crit'], ['LowerThresholdFatal', 'fatal']];
const UPPER: readonly [ThresholdName, string][] = [['UpperThresholdNonCritical', 'warn'], ['UpperThresholdCritical', 'crit'], ['UpperThresholdFatal', 'fatal']];

const THRESHOLD_WORDS: Readonly<Record<ThresholdName, string>> = {
  LowerThresholdFatal: 'lower fatal', LowerThresholdCritical: 'lower critical', LowerThresholdNonCritical: 'lower non-critical',
  UpperThresholdNonCritical: 'upper non-critical', UpperThresholdCritical: 'upper critical', UpperThresholdFatal: 'upper fatal',
};

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
  const unit = reading.unit ? ` ${reading.unit}` : '';
  const parts = [...LOWER, ...UPPER].filter(([n]) => reading.thresholds[n] !== undefined).map(([n]) => `${THRESHOLD_WORDS[n]} ${reading.thresholds[n]}${unit}`);
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
  const label = `${reading.text}${reading.unit ? ` ${reading.unit}` : ''}; ${thresholdText(reading)}`;
  return `<svg class="gauge" viewBox="0 0 100 16" preserveAspectRatio="none" role="img" aria-label="${esc(label)}" data-lo="${lo}" data-hi="${hi}">` +
    `${bands.join('')}<rect class="marker" x="${round(x(reading.value) - 1)}" y="0" width="2" height="16"/></svg>`;
}

/** Polylines (one per run without gaps) of `values` on a width × height box, y scaled to [min, max]. */
export function linePoints(values: readonly (number | null)[], width: number, height: number, min?: number, max?: number): string[] {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return [];
  const lo = min ?? Math.min(...present);
  const hi = max ?? Math.max(...present);
  const span = hi - lo || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
      return;
    }
    run.push(`${round(i * step)},${round(height - 1 - ((v - lo) / span) * (height - 2))}`);
  });
  if (run.length) runs.push(run.join(' '));
  return runs;
}

export function sparkSvg(values: readonly (number | null)[], label: string): string {
  const lines = linePoints(values, 100, 24).map((p) => `<polyline points="${p}"/>`).join('');
  return `<svg class="spark" viewBox="0 0 100 24" preserveAspectRatio="none" role="img" aria-label="${esc(label)}">${lines}</svg>`;
}

/** What a sparkline shows, in words. */
export function sparkText(values: readonly (number | null)[], unit: string): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return 'no history yet';
  const u = unit ? ` ${unit}` : '';
  return `recent readings from ${present[0]}${u} to ${present.at(-1)}${u}, lowest ${Math.min(...present)}${u}, highest ${Math.max(...present)}${u}`;
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
  const W = 600;
  const H = 200;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const thresholds = reading ? Object.entries(reading.thresholds) as [ThresholdName, number][] : [];
  const all = [...values, ...thresholds.map(([, v]) => v)];
  if (all.length === 0) return `<p>No readings yet.</p>`;
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
  lo -= pad;
  hi += pad;
  const y = (v: number) => round(H - ((v - lo) / (hi - lo)) * H);
  const u = unit ? ` ${unit}` : '';
  const baselines = labelBaselines(thresholds.map(([, v]) => y(v)), H);
  const lines = thresholds.map(([name, v], i) => {
    const cls = name.includes('Fatal') ? 'fatal' : name.includes('NonCritical') ? 'warn' : 'crit';
    return `<line class="th th-${cls}" x1="0" x2="${W}" y1="${y(v)}" y2="${y(v)}"/><text class="th-label" x="${W - 4}" y="${baselines[i]}" text-anchor="end">${esc(`${THRESHOLD_WORDS[name]} ${v}${u}`)}</text>`;
  }).join('');
  const data = linePoints(points.map((p) => p.value), W, H, lo, hi).map((p) => `<polyline class="line" points="${p}"/>`).join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}">` +
    `<rect class="chart-bg" x="0" y="0" width="${W}" height="${H}"/>${lines}${data}` +
    `<text class="axis" x="4" y="${LABEL_ROOM - 4}">${esc(`${round(hi)}${u}`)}</text><text class="axis" x="4" y="${H - BOTTOM_MARGIN}">${esc(`${round(lo)}${u}`)}</text></svg>`;
}
