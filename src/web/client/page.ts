/// <reference lib="dom" />
/**
 * The health page's script: keeps the server-rendered page current by
 * polling GET /api/v1/status, and says so when the agent stops answering.
 * The page is complete without it. Text goes in with textContent and
 * attributes with setAttribute only (the CSP requires Trusted Types, so
 * any HTML sink would throw). Served as one file, bundled with what it
 * shares with the server's rendering (chart-layout.ts, page-text.ts).
 * Its URLs are resolved against its own (ROOT), never written from `/`:
 * the page may be published under a path prefix that a proxy strips.
 */
import { withUnit } from '../../client/quantity.js';
import { BOTTOM_MARGIN, CHART_HEIGHT, CHART_WIDTH, LABEL_ROOM, chartGeometry, chartTitle, decimalsOf, linePoints, round } from '../chart-layout.js';
import { ageText, providerText, readingWords, rowHref, shown, sparkText, utcTime, type ProviderLine } from '../page-text.js';

type State = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

type Thresholds = Partial<Record<ThresholdName, number>>;
type ThresholdName = 'LowerThresholdFatal' | 'LowerThresholdCritical' | 'LowerThresholdNonCritical' | 'UpperThresholdNonCritical' | 'UpperThresholdCritical' | 'UpperThresholdFatal';
interface Reading { value: number; text: string; unit: string; thresholds: Thresholds; lost: boolean }
interface ElementData { id: string; kind: string; name: string; state: State; health: string; currentState: string | null; reading: Reading | null; spark: (number | null)[] }
interface Provider extends ProviderLine { name: string; lastSample: number | null }
interface HwEvent { sequence: number; time: number; severity: string; message: string }
interface Point { time: number; value: number | null }
/** GET /api/v1/sensors/:id/history. */
interface History { name: string; unit: string; seconds: number; time: number; points: Point[]; state: State; health: string; currentState: string | null; reading: Reading | null }
interface Failing { id: string; kind: string; state: State; health: string }
interface Status {
  generation: number;
  time: number;
  host: { name: string };
  verdict: { state: State; reasons: string[]; failing: Failing[] };
  newestSample: number | null;
  providers: Provider[];
  groups: { id: string; elements: ElementData[] }[];
  events: HwEvent[];
}

/** The host's page: the script is served from `<root>assets/page.js`, whatever path the browser sees `<root>` at. */
const ROOT = new URL('../', import.meta.url);
/** `path` (`api/v1/status`) under ROOT. */
const at = (path: string): string => new URL(path, ROOT).href;

const POLL_MS = 3000;
/** Reasons a verdict's announcement says: a screen reader reads it all at once, and forty failing DIMMs are a list to read, not to hear. */
const ANNOUNCED_REASONS = 5;
const TIMEOUT_MS = 5000;
/** The longest a 429's Retry-After defers the next poll: past it the page would look dead, and past 2³¹ ms setTimeout fires at once. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;
const SVG = 'http://www.w3.org/2000/svg';
const LABEL: Record<State, { icon: string; word: string }> = {
  OK: { icon: '✓', word: 'OK' }, WARNING: { icon: '▲', word: 'Warning' }, CRITICAL: { icon: '✕', word: 'Critical' }, UNKNOWN: { icon: '?', word: 'Unknown' },
};
const SEVERITY: Record<string, State> = { ok: 'OK', unknown: 'UNKNOWN', warning: 'WARNING', critical: 'CRITICAL', fatal: 'CRITICAL' };
const PROVIDER: Record<Provider['state'], State> = { sampling: 'OK', failed: 'CRITICAL', starting: 'UNKNOWN' };
/** As render.ts: a health that says nothing has a neutral icon, not the check mark of its OK state. */
const UNKNOWN_HEALTH = 'Unknown';
/** As svg.ts: the gauge's band between the thresholds takes the sensor's state. */
const BASE_BAND: Record<State, string> = { OK: 'band-ok', WARNING: 'band-warn', CRITICAL: 'band-crit', UNKNOWN: 'band-unknown' };

const main = document.getElementById('main');
const $ = (id: string): HTMLElement | null => document.getElementById(id);

function el(tag: string, props: { className?: string; text?: string } = {}, ...children: Node[]): HTMLElement {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = shown(props.text);
  node.append(...children);
  return node;
}

function icon(state: State): HTMLElement {
  const span = el('span', { className: 'icon', text: LABEL[state].icon });
  span.setAttribute('aria-hidden', 'true');
  return span;
}

function timeNode(ms: number): HTMLElement {
  const t = el('time', { text: utcTime(ms) });
  t.setAttribute('datetime', new Date(ms).toISOString());
  return t;
}

/**
 * Writes that change nothing are left out: a poll rewrites every row it has
 * data for, and on a host of 10,000 sensors rewriting them all, unchanged,
 * froze the page for seconds (160,000 mutations, each row's style and layout
 * again).
 */
function setAttr(node: Element, name: string, value: string): void {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** Every text the script writes is shown as render.ts's `esc` shows it: bidi controls and zero-width characters as their code points. */
function setText(node: Node | null, value: string): void {
  const text = shown(value);
  if (node && node.textContent !== text) node.textContent = text;
}

function setState(node: HTMLElement, state: State): void {
  setAttr(node, 'class', `${node.className.replace(/\bst-[A-Z]+\b/g, '').trim()} st-${state}`.trim());
}

/** As render.ts's verdictKey: the state and the failing elements' health, not the readings the reasons quote. */
function verdictKey(v: Status['verdict']): string {
  return [v.state, ...v.failing.map((f) => `${f.kind}:${f.id}=${f.state}:${f.health}`)].join('|');
}

/** As render.ts: a reason links to its element's row. */
function reasonLink(reason: string, element: Failing | undefined): Node {
  if (element === undefined) return document.createTextNode(shown(reason));
  const a = el('a', { text: reason }) as HTMLAnchorElement;
  a.href = rowHref(element.kind, element.id);
  return a;
}

function renderVerdict(view: Status): void {
  const box = $('verdict');
  if (!box) return;
  const v = view.verdict;
  setState(box, v.state);
  const listed = [...box.querySelectorAll('.reasons > li')];
  const link = (i: number) => (v.failing[i] ? rowHref(v.failing[i]!.kind, v.failing[i]!.id) : null);
  // The same reasons, their quoted readings moved: their texts change in place, so that a link the keyboard is on keeps the focus.
  if (box.querySelector('strong')?.textContent === LABEL[v.state].word && listed.length === v.reasons.length &&
    listed.every((li, i) => (li.querySelector('a')?.getAttribute('href') ?? null) === link(i))) {
    listed.forEach((li, i) => setText(li.firstChild, v.reasons[i]!));
  } else {
    const children: Node[] = [el('p', { className: 'verdict-state' }, icon(v.state), el('strong', { text: LABEL[v.state].word }))];
    if (v.reasons.length) children.push(el('ul', { className: 'reasons' }, ...v.reasons.map((r, i) => el('li', {}, reasonLink(r, v.failing[i])))));
    box.replaceChildren(...children);
  }
  answeredTitle = shown(`${LABEL[v.state].word} · ${view.host.name || 'this host'} · thincim`);
  document.title = answeredTitle;
  announce(v);
}

/** Says a changed verdict in the live region, once: a reading that moves within the same verdict is no news. */
function announce(v: Status['verdict']): void {
  const news = $('verdict-news');
  const key = verdictKey(v);
  if (!news || news.dataset['key'] === key) return;
  news.dataset['key'] = key;
  const said = v.reasons.slice(0, ANNOUNCED_REASONS);
  const more = v.reasons.length - said.length;
  news.textContent = shown(`Overall health now ${LABEL[v.state].word}${said.length ? `: ${said.join('; ')}` : ''}${more ? `; and ${more} more` : ''}.`);
}

/** The age of the newest sample at `serverNow`, the time of the server's last answer (the view may be older: it is remade only when it changes). */
function renderSamples(view: Status, serverNow: number): void {
  const p = $('samples');
  if (!p) return;
  if (view.newestSample === null) {
    p.textContent = 'no sample yet.';
    return;
  }
  p.replaceChildren('last sample ', timeNode(view.newestSample), `, ${ageText(serverNow - view.newestSample)} ago.`);
}

function renderProviders(list: Provider[]): void {
  const body = $('provider-rows');
  if (!body) return;
  body.replaceChildren(...list.map((p) => {
    const row = el('tr', { className: `st-${PROVIDER[p.state]}` },
      Object.assign(el('th', { text: p.name }), { scope: 'row' }),
      el('td', { className: 'pstate' }, icon(PROVIDER[p.state]), el('span', { className: 'text', text: providerText(p) })),
      el('td', { className: 'plast' }, p.lastSample === null ? document.createTextNode('never') : timeNode(p.lastSample)));
    row.dataset['provider'] = p.name;
    return row;
  }));
}

function renderEvents(events: HwEvent[]): void {
  const list = $('events');
  if (!list) return;
  const newest = events[0]?.sequence;
  if (list.dataset['newest'] === String(newest) && list.children.length === events.length) return;
  list.dataset['newest'] = String(newest);
  list.replaceChildren(...events.map((e) => {
    const state = SEVERITY[e.severity] ?? 'UNKNOWN';
    const li = el('li', { className: `st-${state}` }, timeNode(e.time), document.createTextNode(' '), icon(state),
      el('span', { className: 'sev', text: e.severity }), document.createTextNode(' '), el('span', { className: 'msg', text: e.message }));
    li.dataset['sequence'] = String(e.sequence);
    return li;
  }));
  const empty = $('no-events');
  if (empty) empty.hidden = events.length > 0;
}

function renderRow(row: HTMLElement, e: ElementData): void {
  setState(row, e.state);
  const text = (cls: string, value: string) => setText(row.querySelector(`.${cls}`), value);
  text('state', e.currentState ?? '');
  renderHealth(row.querySelector('.health'), e);
  if (e.kind !== 'numericSensor') return;
  const unit = e.reading?.unit ?? '';
  text('reading', readingWords(e.reading));
  const gauge = row.querySelector('svg.gauge');
  if (gauge && e.reading) renderGauge(gauge, e.reading, e.state);
  const spark = row.querySelector('svg.spark');
  if (spark) {
    // The lines drawn keep their elements while their number holds (a moving reading moves its points only).
    const lines = linePoints(e.spark, 100, 24);
    const drawn = spark.querySelectorAll('polyline');
    if (drawn.length === lines.length) drawn.forEach((line, i) => setAttr(line, 'points', lines[i]!));
    else {
      spark.replaceChildren(...lines.map((points) => {
        const line = document.createElementNS(SVG, 'polyline');
        line.setAttribute('points', points);
        return line;
      }));
    }
    setAttr(spark, 'aria-label', sparkText(e.spark, unit));
  }
}

/** The health's icon and words, in a cell or the sensor page's entry. */
function renderHealth(health: Element | null, e: { state: State; health: string }): void {
  if (!health) return;
  const unknown = e.health === UNKNOWN_HEALTH;
  const icon = health.querySelector('.icon');
  if (icon) {
    setText(icon, unknown ? '?' : LABEL[e.state].icon);
    icon.classList.toggle('neutral', unknown);
  }
  setText(health.querySelector('.text'), e.health);
}

/** The marker where the reading is, the band between the thresholds by the sensor's state (as svg.ts draws them). */
function renderGauge(gauge: Element, reading: Reading, state: State): void {
  const marker = gauge.querySelector('.marker');
  const lo = Number(gauge.getAttribute('data-lo'));
  const hi = Number(gauge.getAttribute('data-hi'));
  const x = Math.min(100, Math.max(0, ((reading.value - lo) / (hi - lo)) * 100));
  if (marker) setAttr(marker, 'x', String(round(x - 1)));
  marker?.classList.toggle('lost', reading.lost);
  const band = gauge.querySelector('rect');
  if (band) setAttr(band, 'class', BASE_BAND[state]);
  const label = gauge.getAttribute('aria-label') ?? '';
  setAttr(gauge, 'aria-label', `${readingWords(reading)};${label.split(';').slice(1).join(';')}`);
}

/** A row's key, as render.ts's rowKey: by kind and id, as a DeviceID is unique within its class only (hwmon's fan and its speed sensor share one). */
const rowKey = (kind: string, id: string): string => `${kind} ${id}`;

function renderElements(view: Status): boolean {
  const rows = new Map<string, HTMLElement>();
  for (const row of document.querySelectorAll<HTMLElement>('#devices tr[data-id]')) rows.set(rowKey(row.dataset['kind'] ?? '', row.dataset['id'] ?? ''), row);
  let same = true;
  let count = 0;
  for (const group of view.groups) {
    for (const e of group.elements) {
      count++;
      const row = rows.get(rowKey(e.kind, e.id));
      if (row) renderRow(row, e);
      else same = false;
    }
  }
  return same && count === rows.size;
}

/** An SVG element; its label, a name's words, is shown as every text is (the chart's label quotes the sensor's name). */
function svgNode(tag: string, attributes: Record<string, string | number>, text?: string): Element {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, name === 'aria-label' ? shown(String(value)) : String(value));
  if (text !== undefined) node.textContent = shown(text);
  return node;
}

/** As svg.ts's chartSvg draws it. */
function chartNode(points: Point[], reading: Reading | null, unit: string, label: string): Element {
  const thresholds = reading ? Object.entries(reading.thresholds) as [ThresholdName, number][] : [];
  const chart = chartGeometry(points.map((p) => p.value), thresholds, unit, reading ? decimalsOf(reading.text) : undefined);
  if (!chart) return el('p', { text: 'No readings yet.' });
  const [W, H] = [CHART_WIDTH, CHART_HEIGHT];
  const svg = svgNode('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label });
  svg.append(svgNode('rect', { class: 'chart-bg', x: 0, y: 0, width: W, height: H }));
  for (const l of chart.lines) {
    svg.append(svgNode('line', { class: `th th-${l.severity}`, x1: 0, x2: W, y1: l.y, y2: l.y }),
      svgNode('text', { class: 'th-label', x: W - 4, y: l.baseline, 'text-anchor': 'end' }, l.text));
  }
  for (const run of chart.runs) svg.append(svgNode('polyline', { class: 'line', points: run }));
  svg.append(svgNode('text', { class: 'axis', x: 4, y: LABEL_ROOM - 4 }, chart.top), svgNode('text', { class: 'axis', x: 4, y: H - BOTTOM_MARGIN }, chart.bottom));
  return svg;
}

/** The sensor page's reading, state, health, gauge, chart and readings, from the sensor's history. */
function renderSensor(h: History): void {
  const text = (id: string, value: string) => setText($(id), value);
  text('now-reading', readingWords(h.reading));
  text('now-state', h.currentState ?? '');
  const health = $('now-health');
  if (health) setState(health, h.state);
  renderHealth(health, h);
  const gauge = document.querySelector('.gauge-big svg.gauge');
  if (gauge && h.reading) renderGauge(gauge, h.reading, h.state);
  const title = chartTitle(h.points, h.time, h.seconds);
  text('chart-h', title);
  $('chart')?.replaceChildren(chartNode(h.points, h.reading, h.unit, `${h.name}: ${title.toLowerCase()} of readings`));
  text('readings-count', String(h.points.length));
  $('readings-rows')?.replaceChildren(...[...h.points].reverse().map((p) =>
    el('tr', {}, el('td', {}, timeNode(p.time)), el('td', { text: p.value === null ? 'no reading' : withUnit(p.value, h.unit) }))));
  $('as-of')?.replaceChildren(timeNode(h.time));
}

function setLive(text: string, reloadLink = false): void {
  const live = $('live');
  if (!live) return;
  const children: Node[] = [document.createTextNode(text)];
  if (reloadLink) {
    const a = el('a', { text: 'Reload the page to see them.' }) as HTMLAnchorElement;
    a.href = at('./');
    children.push(document.createTextNode(' '), a);
  }
  live.replaceChildren(...children);
}

/** An answer that is neither 2xx nor 304. */
class HttpError extends Error {
  /** Retry-After in seconds (a 429 or 503 sends it), when given as such. */
  readonly retryAfter: number | undefined;
  constructor(readonly status: number, retryAfter: string | null = null) {
    super(`HTTP ${status}`);
    this.name = 'HttpError';
    this.retryAfter = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
  }
}

/** A 2xx answer that is not JSON: a page a proxy in front of the agent sent instead (its sign-in page, once its session expired). */
class NotJsonError extends Error {
  constructor(readonly type: string) {
    super(`not JSON: ${type}`);
    this.name = 'NotJsonError';
  }
}

/** A JSON answer that does not parse: cut short (a proxy that dropped the agent's connection mid-answer) or mangled. */
class BrokenJsonError extends Error {
  constructor(reason: string) {
    super(`broken JSON: ${reason}`);
    this.name = 'BrokenJsonError';
  }
}

/**
 * A redirect instead of the data: a proxy in front of the agent sends a
 * browser whose session expired to its sign-in page, on another origin. Not
 * followed (fetch's redirect 'manual'): followed, it breaks the CSP's
 * connect-src 'self', and fetch says only "Failed to fetch", as for silence.
 */
class RedirectedError extends Error {
  constructor() {
    super('redirected');
    this.name = 'RedirectedError';
  }
}

/** GET `path` under ROOT; a redirect or an answer that is neither 2xx nor 304 thrown as what it is. */
async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(at(path), { cache: 'no-store', credentials: 'same-origin', redirect: 'manual', headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.type === 'opaqueredirect') throw new RedirectedError();
  if (response.status !== 304 && !response.ok) throw new HttpError(response.status, response.headers.get('retry-after'));
  return response;
}

/** The answer's JSON; a page of another type is said as such, not as the parser's complaint about its first `<`. */
async function readJson<T>(response: Response): Promise<T> {
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    await response.arrayBuffer();
    throw new NotJsonError(type.split(';')[0]!.trim() || 'no type');
  }
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new BrokenJsonError(err instanceof Error ? err.message : String(err));
  }
}

/** The sensor of a sensor's page; undefined on the host's page. */
const sensor = main?.dataset['sensor'];
/** What a poll asks for, as the page's alerts name it. */
const ASKED = sensor === undefined ? 'the status' : "the sensor's history";

/** The server's time of the last good answer. */
let lastGood: number | undefined;
/** Since when the alarm showing has held. */
let offlineSince: number | undefined;
/**
 * The alarm showing, by what it says: shown again when the failure changes (the agent back without the
 * sensor, gone silent after a 404, a proxy's 502 then its sign-in page).
 */
let showing = 'none';
/** The title the last answer gave, while the agent answers no more. */
let answeredTitle = document.title;
/** Set once the agent refused the credentials: polling stops (each poll would be one more failed login). */
let refused = false;
/** The wait before the next poll: longer when the agent asked for it (Retry-After). */
let nextPollMs = POLL_MS;

function hostName(): string {
  return document.querySelector('header h1')?.textContent || 'this host';
}

function readingsAge(): string {
  return `The readings below are from ${lastGood === undefined ? 'when the page was loaded' : utcTime(lastGood)}.`;
}

/** Shows `text` in the alert, the rest faded, and a title that says so (a background tab shows only its title). */
function alarm(title: string, ...text: (string | Node)[]): void {
  main?.classList.add('stale');
  document.title = `${title} · ${hostName()} · thincim`;
  // "Live: updated …" above the alert would say the opposite of it.
  setLive(lastGood === undefined ? 'Not live: the page as it was loaded.' : `Not live: last updated ${utcTime(lastGood)}.`);
  const box = $('offline');
  if (!box) return;
  box.replaceChildren(...text);
  box.hidden = false;
}

function offline(err: unknown): void {
  if (err instanceof HttpError && err.status === 401) return signedOut();
  nextPollMs = nextPollDelay(err);
  // A 404 is a sensor gone on a sensor's page only: the status itself is never missing from an agent that serves the page.
  const kind = sensor !== undefined && err instanceof HttpError && err.status === 404 ? 'gone'
    : err instanceof HttpError ? `error:${err.status}:${nextPollMs}` : err instanceof NotJsonError ? `notjson:${err.type}` : err instanceof BrokenJsonError ? 'broken'
      : err instanceof RedirectedError ? 'redirected' : 'noanswer';
  if (showing === kind) return;
  showing = kind;
  offlineSince = Date.now();
  if (kind === 'gone') return gone();
  if (err instanceof RedirectedError) return redirected();
  if (err instanceof HttpError && err.status === 429) return tooManySignIns();
  if (err instanceof HttpError || err instanceof NotJsonError || err instanceof BrokenJsonError) return wrongAnswer(err);
  const reason = err instanceof DOMException && err.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : err instanceof Error ? err.message : String(err);
  alarm('No answer', `The agent stopped answering (${reason}) at ${utcTime(offlineSince)}. ${readingsAge()} Retrying every ${POLL_MS / 1000} s.`);
}

/** The failed-login limiter's 429 says when to try again (each poll before would prolong it); every other failure is retried every POLL_MS. */
function nextPollDelay(err: unknown): number {
  if (!(err instanceof HttpError) || err.status !== 429 || err.retryAfter === undefined) return POLL_MS;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(POLL_MS, err.retryAfter * 1000));
}

/** Something answered, not with the data: the agent (an error) or a proxy in front of it (its own error, or sign-in page). */
function wrongAnswer(err: HttpError | NotJsonError | BrokenJsonError): void {
  const when = utcTime(offlineSince ?? Date.now());
  const what = err instanceof HttpError
    ? `An answer of HTTP ${err.status} came instead of ${ASKED} at ${when} (from the agent, or a proxy in front of it).`
    : err instanceof NotJsonError
      ? `At ${when} an answer that is not ${ASKED} (${err.type}) came instead: a proxy in front of the agent may ask to sign in again (reload the page).`
      : `At ${when} an answer of ${ASKED} that is broken came (its JSON does not parse: cut short, by a proxy in front of the agent?).`;
  alarm('Error', `${what} ${readingsAge()} Retrying every ${POLL_MS / 1000} s.`);
}

/** The agent's failed-login limiter refused this address or user name for a while: each poll now would prolong it. */
function tooManySignIns(): void {
  alarm('Too many sign-ins', `The agent answered at ${utcTime(offlineSince ?? Date.now())} that there were too many failed sign-ins from this ` +
    `address or for this user name (HTTP 429): wait. ${readingsAge()} Trying again in ${nextPollMs / 1000} s.`);
}

/** A redirect instead of the data: most likely a proxy's sign-in page, which only a reload of the page can show. */
function redirected(): void {
  const reload = el('a', { text: 'Reload the page to sign in.' }) as HTMLAnchorElement;
  reload.href = location.href;
  alarm('Redirected', `At ${utcTime(offlineSince ?? Date.now())} the request for ${ASKED} was redirected elsewhere: a proxy in front of the agent ` +
    `may ask to sign in again. ${readingsAge()} Retrying every ${POLL_MS / 1000} s. `, reload);
}

/** A sensor's page: the agent answered, and has no such sensor now (removed, or not found after a restart); it may come back. */
function gone(): void {
  const host = el('a', { text: 'The host\'s page lists what it has.' }) as HTMLAnchorElement;
  host.href = at('./');
  alarm('Sensor gone', `The agent answered at ${utcTime(offlineSince ?? Date.now())} but has no such sensor now (HTTP 404): ` +
    `the hardware was removed, or the agent restarted without it. ${readingsAge()} Checking again every ${POLL_MS / 1000} s. `, host);
}

/** The agent answered, and refused the credentials the browser sent: they expired or were changed. */
function signedOut(): void {
  refused = true;
  const reload = el('a', { text: 'Reload the page to sign in again.' }) as HTMLAnchorElement;
  reload.href = location.pathname;
  alarm('Signed out', `The agent answered at ${utcTime(Date.now())} but refused this browser's credentials (HTTP 401): ` +
    `they have expired or were changed. ${readingsAge()} Updates have stopped. `, reload);
}

function online(): void {
  if (showing === 'none') return;
  showing = 'none';
  offlineSince = undefined;
  document.title = answeredTitle;
  main?.classList.remove('stale');
  const box = $('offline');
  if (box) {
    box.hidden = true;
    box.textContent = '';
  }
}

let lastView: Status | undefined;
let etag: string | undefined;
let devicesSame = true;

/** The status, or the last one again when the agent says it has not changed (304). */
async function fetchStatus(): Promise<{ view: Status | undefined; serverNow: number }> {
  const response = await get('api/v1/status', etag && lastView ? { 'if-none-match': etag } : {});
  const serverNow = Date.parse(response.headers.get('date') ?? '') || Date.now();
  if (response.status === 304) {
    // Read, empty as it is: Chromium cancels an answer whose body is left unread (a red "(canceled)" in DevTools every poll).
    await response.arrayBuffer();
    return { view: lastView, serverNow };
  }
  etag = response.headers.get('etag') ?? undefined;
  return { view: await readJson<Status>(response), serverNow };
}

function render(view: Status, serverNow: number): void {
  if (view !== lastView) {
    lastView = view;
    renderVerdict(view);
    renderProviders(view.providers);
    renderEvents(view.events);
    devicesSame = renderElements(view);
    main?.setAttribute('data-generation', String(view.generation));
  }
  renderSamples(view, serverNow);
  setLive(`Live: updated ${utcTime(serverNow)}.${devicesSame ? '' : ' Devices appeared or disappeared.'}`, !devicesSame);
}


/** One poll of the host's page: the status, rendered; the server's time of the answer. */
async function refreshHost(): Promise<number> {
  const { view, serverNow } = await fetchStatus();
  if (view) render(view, serverNow);
  return serverNow;
}

/** One poll of a sensor's page: its history, rendered. */
async function refreshSensor(id: string): Promise<number> {
  const response = await get(`api/v1/sensors/${encodeURIComponent(id)}/history`);
  const serverNow = Date.parse(response.headers.get('date') ?? '') || Date.now();
  renderSensor(await readJson<History>(response));
  setLive(`Live: updated ${utcTime(serverNow)}.`);
  return serverNow;
}

/** The server's clock less the browser's at the last good answer. */
let clockOffset = 0;

async function poll(): Promise<void> {
  try {
    lastGood = await (sensor === undefined ? refreshHost() : refreshSensor(sensor));
    clockOffset = lastGood - Date.now();
    nextPollMs = POLL_MS;
    online();
  } catch (err) {
    offline(err);
    // The newest sample keeps ageing while the agent answers no more: its age at the last answer would say stale readings are fresh.
    if (lastView) renderSamples(lastView, Date.now() + clockOffset);
  } finally {
    if (!refused) setTimeout(() => void poll(), nextPollMs);
  }
}

if (main) {
  setLive(`Live: updates every ${POLL_MS / 1000} s.`);
  setTimeout(() => void poll(), POLL_MS);
}
