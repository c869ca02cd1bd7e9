/**
 * What the server-rendered charts (svg.ts, render.ts) and the page's script
 * (client/page.ts, which redraws them after each poll) must compute alike:
 * the lines, where the threshold labels go, what the chart's heading says.
 * Plain functions, no Node.js and no DOM: bundled into the script as well.
 */
import type { ThresholdName } from '../client/health.js';
import { withUnit } from '../client/quantity.js';

/**
 * Vertical room of one of the chart's labels, in the chart's units: the
 * 600-unit chart is some 340 px wide on a phone, where page.css sets its
 * labels' font to 20 units (11 px) instead of 11, and a line of it takes
 * some 24.
 */
export const LABEL_ROOM = 26;
/** Room below the lowest baseline for the letters' descent. */
export const BOTTOM_MARGIN = 7;

/** A coordinate to six decimals: short attributes, the same text on both sides. */
export const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Baselines for labels wanted just above lines at `ys`: in order, LABEL_ROOM apart, none above the top or below the bottom. */
export function labelBaselines(ys: readonly number[], height: number): number[] {
  const order = ys.map((y, i) => ({ y: y - 3, i })).sort((a, b) => a.y - b.y);
  let next = LABEL_ROOM;
  const placed = order.map(({ y }) => (next = Math.max(y, next) + LABEL_ROOM) - LABEL_ROOM);
  let limit = height - BOTTOM_MARGIN;
  for (let k = placed.length - 1; k >= 0; k--) limit = (placed[k] = Math.min(placed[k]!, limit)) - LABEL_ROOM;
  const out: number[] = [];
  order.forEach(({ i }, k) => (out[i] = round(placed[k]!)));
  return out;
}

/** A span of time in words: "45 seconds", "3 minutes", "2 hours". */
export function spanText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} seconds`;
  if (s < 7200) return `${Math.round(s / 60)} minutes`;
  return `${Math.round(s / 3600)} hours`;
}

/** What the chart holds: from its oldest reading to now, at most the window kept (a young agent holds less than its window). */
export function chartTitle(points: readonly { time: number }[], time: number, seconds: number): string {
  return points.length ? `Last ${spanText(Math.min(seconds, (time - points[0]!.time) / 1000))}` : 'No readings yet';
}

export const THRESHOLD_WORDS: Readonly<Record<ThresholdName, string>> = {
  LowerThresholdFatal: 'lower fatal', LowerThresholdCritical: 'lower critical', LowerThresholdNonCritical: 'lower non-critical',
  UpperThresholdNonCritical: 'upper non-critical', UpperThresholdCritical: 'upper critical', UpperThresholdFatal: 'upper fatal',
};

/** Polylines (one per run without gaps) of `values` on a width × height box, y scaled to [min, max] or their range. */
export function linePoints(values: readonly (number | null)[], width: number, height: number, min?: number, max?: number): string[] {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return [];
  const lo = min ?? Math.min(...present);
  const span = (max ?? Math.max(...present)) - lo || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${round(i * step)},${round(height - 1 - ((v - lo) / span) * (height - 2))}`);
  });
  if (run.length) runs.push(run.join(' '));
  return runs;
}

/** The history chart's box, in its own units. */
export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 200;

/** One threshold's dashed line and its label. */
export interface ThresholdLine {
  severity: 'warn' | 'crit' | 'fatal';
  y: number;
  baseline: number;
  text: string;
}

/** A history chart, ready to draw: the readings' polylines, the thresholds' lines, the axis' two labels. */
export interface ChartGeometry {
  runs: string[];
  lines: ThresholdLine[];
  top: string;
  bottom: string;
}

/** The decimals of a reading as the sensor's resolution writes it ("53.2": 1, "9480": 0); undefined for an exponent ("532e-40"). */
export function decimalsOf(text: string): number | undefined {
  return /e/i.test(text) ? undefined : (text.split('.')[1]?.length ?? 0);
}

/**
 * The chart of `values` with `thresholds`, spanning both with a margin; undefined when there is nothing to draw.
 * With the readings' `decimals`, the span's ends are whole steps of that resolution, and so are their labels
 * (a fan's scale from "1095 RPM" to "9998 RPM", not "1095.35 RPM" to "9997.65 RPM").
 */
export function chartGeometry(values: readonly (number | null)[], thresholds: readonly [ThresholdName, number][], unit: string, decimals?: number): ChartGeometry | undefined {
  const all = [...values.filter((v): v is number => v !== null), ...thresholds.map(([, v]) => v)];
  if (all.length === 0) return undefined;
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
  lo -= pad;
  hi += pad;
  const step = decimals === undefined ? undefined : 10 ** -decimals;
  if (step !== undefined) [lo, hi] = [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
  const label = (v: number) => withUnit(decimals === undefined ? round(v) : v.toFixed(decimals), unit);
  const y = (v: number) => round(CHART_HEIGHT - ((v - lo) / (hi - lo)) * CHART_HEIGHT);
  const baselines = labelBaselines(thresholds.map(([, v]) => y(v)), CHART_HEIGHT);
  return {
    runs: linePoints(values, CHART_WIDTH, CHART_HEIGHT, lo, hi),
    lines: thresholds.map(([name, v], i) => ({
      severity: name.includes('Fatal') ? 'fatal' : name.includes('NonCritical') ? 'warn' : 'crit',
      y: y(v),
      baseline: baselines[i]!,
      text: `${THRESHOLD_WORDS[name]} ${withUnit(v, unit)}`,
    })),
    top: label(hi),
    bottom: label(lo),
  };
}
