/**
 * What the server-rendered chart (svg.ts, render.ts) and the page's script
 * (client/page.ts, which redraws it after each poll) must compute alike:
 * where the threshold labels go and what the chart's heading says. Plain
 * functions, no Node.js and no DOM: bundled into the script as well.
 */

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
