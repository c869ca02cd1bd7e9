/**
 * The health page and a sensor's page as complete HTML: everything an
 * operator needs is here without JavaScript; the script (page.ts) only
 * keeps it current. Every string is escaped: text with esc (its bidi
 * controls and zero-width characters shown as code points), attribute
 * values with escAttr (exact: an id the script looks rows up by must be the
 * API's). No inline script or style, so the CSP can forbid both.
 */
import type { NagiosState } from '../client/health.js';
import { withUnit } from '../client/quantity.js';
import { chartTitle, spanText } from './chart-layout.js';
import { esc, escAttr } from './escape.js';
import { ageText, providerText, readingWords, rowAnchor, rowHref, sparkText, utcTime } from './page-text.js';
import { chartSvg, gaugeSvg, sparkSvg, type ChartPoint } from './svg.js';
import type { ElementView, EventView, FailingView, GroupView, ProviderView, StatusView } from './view.js';

/**
 * Where a page's URLs lead, each relative to the page's own URL: `root` is
 * the way from it to the host's page (empty from `/`, `../` from
 * `/sensors/<id>`). No URL starts with `/`, so that the pages work as they
 * are under a path prefix that a reverse proxy strips.
 */
export interface PageLinks {
  root: string;
  css: string;
  js: string;
  icon: string;
}

/** Icon and word of each state: never colour alone. */
export const STATE_LABEL: Readonly<Record<NagiosState, { icon: string; word: string }>> = {
  OK: { icon: '✓', word: 'OK' },
  WARNING: { icon: '▲', word: 'Warning' },
  CRITICAL: { icon: '✕', word: 'Critical' },
  UNKNOWN: { icon: '?', word: 'Unknown' },
};

/** Event severities as page states. */
const SEVERITY_STATE: Readonly<Record<string, NagiosState>> = { ok: 'OK', unknown: 'UNKNOWN', warning: 'WARNING', critical: 'CRITICAL', fatal: 'CRITICAL' };

function time(ms: number): string {
  return `<time datetime="${new Date(ms).toISOString()}">${esc(utcTime(ms))}</time>`;
}

/** The neutral look of a health that says nothing ("Unknown", HealthState 0): counted OK by the verdict, but no check mark. */
export const UNKNOWN_HEALTH = 'Unknown';

function icon(state: NagiosState): string {
  return `<span class="icon" aria-hidden="true">${STATE_LABEL[state].icon}</span>`;
}

/** An element's health icon: its state's, or the neutral one for a health that is unknown. */
function healthIcon(e: ElementView): string {
  return e.health === UNKNOWN_HEALTH ? '<span class="icon neutral" aria-hidden="true">?</span>' : icon(e.state);
}

/** What a change of the verdict is keyed on: its state and its failing elements' health, not the readings its reasons quote. */
export function verdictKey(v: StatusView['verdict']): string {
  return [v.state, ...v.failing.map((f) => `${f.kind}:${f.id}=${f.state}:${f.health}`)].join('|');
}

function layout(title: string, links: PageLinks, body: string): string {
  return '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">' +
    `<title>${esc(title)}</title><link rel="icon" type="image/svg+xml" href="${links.icon}">` +
    `<link rel="stylesheet" href="${links.css}"><script type="module" src="${links.js}"></script></head>` +
    `<body>${body}</body></html>\n`;
}

export function renderPage(view: StatusView, links: PageLinks): string {
  const host = view.host.name || 'this host';
  const title = `${STATE_LABEL[view.verdict.state].word} · ${host} · thincim`;
  const body = '<a class="skip" href="#devices">Skip to devices and sensors</a>' +
    `<header class="top"><h1>${esc(host)}</h1>${identity(view)}</header>` +
    `<main id="main" data-generation="${view.generation}" data-time="${view.time}">` +
    overview(view) + changes(view.events) + devices(view.groups, links.root) +
    `</main><footer><p>Read-only view served by thincim. The same data as JSON: <a href="${links.root}api/v1/status">api/v1/status</a>.</p></footer>`;
  return layout(title, links, body);
}

function identity(view: StatusView): string {
  const h = view.host;
  const rows: [string, string][] = [];
  if (h.manufacturer || h.model) rows.push(['Model', [h.manufacturer, h.model].filter(Boolean).join(' ')]);
  if (h.serialNumber) rows.push(['Serial number', h.serialNumber]);
  if (h.bios) rows.push(['BIOS', [h.bios.version, h.bios.date && `(${h.bios.date})`].filter(Boolean).join(' ')]);
  if (!rows.length) return '';
  return `<dl class="identity">${rows.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
}

function reasonLink(reason: string, element: FailingView | undefined): string {
  return element === undefined ? esc(reason) : `<a href="${escAttr(rowHref(element.kind, element.id))}">${esc(reason)}</a>`;
}

function overview(view: StatusView): string {
  const v = view.verdict;
  // failing[i] is the element behind reasons[i]: each reason links to its row.
  const reasons = v.reasons.length ? `<ul class="reasons">${v.reasons.map((r, i) => `<li>${reasonLink(r, v.failing[i])}</li>`).join('')}</ul>` : '';
  const age = view.newestSample === null ? 'no sample yet'
    : `last sample ${time(view.newestSample)}, <span class="age" data-since="${view.newestSample}">${ageText(view.time - view.newestSample)}</span> before this page was made`;
  return '<section class="overview" aria-labelledby="overall-h"><h2 id="overall-h">Overall health</h2>' +
    `<div id="verdict" class="verdict st-${view.verdict.state}">` +
    `<p class="verdict-state">${icon(v.state)}<strong>${STATE_LABEL[v.state].word}</strong></p>${reasons}</div>` +
    // Announced only when the verdict changes: the box above changes whenever a reading its reasons quote moves.
    `<p id="verdict-news" class="sr-only" role="status" aria-live="polite" aria-atomic="true" data-key="${escAttr(verdictKey(v))}"></p>` +
    `<p id="samples">${age}.</p>` +
    '<p id="live" class="live">' +
    `<noscript>A snapshot made at ${esc(utcTime(view.time))}: reload the page for newer readings.</noscript></p>` +
    `<div id="offline" class="offline" role="alert" hidden></div>` +
    providers(view.providers) + '</section>';
}

const PROVIDER_STATE: Readonly<Record<ProviderView['state'], NagiosState>> = { sampling: 'OK', failed: 'CRITICAL', starting: 'UNKNOWN' };

function providers(list: readonly ProviderView[]): string {
  const rows = list.map((p) => `<tr data-provider="${escAttr(p.name)}" class="st-${PROVIDER_STATE[p.state]}"><th scope="row">${esc(p.name)}</th>` +
    `<td class="pstate">${icon(PROVIDER_STATE[p.state])}<span class="text">${esc(providerText(p))}</span></td>` +
    `<td class="plast">${p.lastSample === null ? 'never' : time(p.lastSample)}</td></tr>`).join('');
  return '<table class="providers" id="providers"><caption>Providers</caption><thead><tr><th scope="col">Provider</th><th scope="col">State</th>' +
    `<th scope="col">Last good sample</th></tr></thead><tbody id="provider-rows">${rows}</tbody></table>`;
}

function changes(events: readonly EventView[]): string {
  const items = events.map(eventItem).join('');
  return '<section class="changes" aria-labelledby="changes-h"><h2 id="changes-h">Recent changes</h2>' +
    `<p class="empty" id="no-events"${events.length ? ' hidden' : ''}>No changes since the agent started.</p>` +
    `<ol id="events" class="events" tabindex="0" aria-label="Recent changes, newest first">${items}</ol></section>`;
}

export function eventItem(e: EventView): string {
  const state = SEVERITY_STATE[e.severity] ?? 'UNKNOWN';
  return `<li class="st-${state}" data-sequence="${e.sequence}">${time(e.time)} ${icon(state)}` +
    `<span class="sev">${esc(e.severity)}</span> <span class="msg">${esc(e.message)}</span></li>`;
}

function devices(groups: readonly GroupView[], root: string): string {
  const nav = `<nav aria-label="Groups"><ul class="toc">${groups.map((g) => `<li><a href="#g-${g.id}">${esc(g.title)} <span class="count">(${g.elements.length})</span></a></li>`).join('')}</ul></nav>`;
  return `<section id="devices" class="devices" aria-labelledby="devices-h" tabindex="-1"><h2 id="devices-h">Devices and sensors</h2>${nav}` +
    groups.map((g) => group(g, root)).join('') + '</section>';
}

function group(g: GroupView, root: string): string {
  const numeric = g.elements.some((e) => e.kind === 'numericSensor');
  // Devices without a state of their own (fans, processors…) have their health only.
  const stated = g.elements.some((e) => e.currentState !== null);
  const head = numeric
    ? ['Sensor', 'Reading', 'Thresholds', 'State', 'Health', 'Recent']
    : ['Name', ...(stated ? ['State'] : []), 'Health', 'Details'];
  return `<section id="g-${g.id}" aria-labelledby="g-${g.id}-h"><h3 id="g-${g.id}-h">${esc(g.title)}</h3>` +
    // Named by the group's heading: a screen reader's list of tables says which is which.
    `<table class="elements ${numeric ? 'numeric' : stated ? 'stated' : 'plain'}" aria-labelledby="g-${g.id}-h"><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>` +
    `<tbody>${g.elements.map((e) => (numeric ? numericRow(e, root) : deviceRow(e, stated))).join('')}</tbody></table></section>`;
}

function healthCell(e: ElementView): string {
  return `<td class="health" data-label="Health">${healthIcon(e)}<span class="text">${esc(e.health)}</span></td>`;
}

/** A row's anchor and keys: by kind and id, as a DeviceID is unique within its class only. */
function rowKey(e: ElementView): string {
  return `id="${escAttr(rowAnchor(e.kind, e.id))}" data-kind="${e.kind}" data-id="${escAttr(e.id)}"`;
}

function numericRow(e: ElementView, root: string): string {
  const href = `${root}sensors/${encodeURIComponent(e.id)}`;
  const unit = e.reading?.unit ?? '';
  return `<tr ${rowKey(e)} class="st-${e.state}"><th scope="row"><a href="${escAttr(href)}">${esc(e.name)}</a></th>` +
    `<td class="reading" data-label="Reading">${esc(readingWords(e.reading))}</td>` +
    `<td class="gauge-cell" data-label="Thresholds">${e.reading ? gaugeSvg(e.reading, e.state) : ''}</td>` +
    `<td class="state" data-label="State">${esc(e.currentState ?? '')}</td>${healthCell(e)}` +
    `<td class="spark-cell" data-label="Recent">${sparkSvg(e.spark, sparkText(e.spark, unit))}</td></tr>`;
}

function deviceRow(e: ElementView, stated: boolean): string {
  return `<tr ${rowKey(e)} class="st-${e.state}"><th scope="row">${esc(e.name)}</th>` +
    `${stated ? `<td class="state" data-label="State">${esc(e.currentState ?? '')}</td>` : ''}${healthCell(e)}` +
    `<td class="details" data-label="Details">${esc(e.details)}</td></tr>`;
}

/**
 * A sensor's page for an id no numeric sensor has (a link kept from before the
 * hardware went): in the pages' look, on a phone and in dark mode too. Its main
 * has no id, so the script finds nothing to keep current and does not poll.
 */
export function renderNoSensor(id: string, links: PageLinks): string {
  return layout('No such sensor · thincim', links, '<main><h1>No such sensor</h1>' +
    `<p>No numeric sensor has the id ${esc(id)}. <a href="${links.root}">Back to the host</a>.</p></main>`);
}

export interface SensorPage {
  element: ElementView;
  points: ChartPoint[];
  seconds: number;
  time: number;
  host: string;
}

function readingRows(points: readonly ChartPoint[], unit: string): string {
  return [...points].reverse().map((p) => `<tr><td>${time(p.time)}</td><td>${p.value === null ? 'no reading' : esc(withUnit(p.value, unit))}</td></tr>`).join('');
}

/** A sensor's page; the script keeps its reading, gauge, chart and readings current (main's data-sensor). */
export function renderSensorPage(page: SensorPage, links: PageLinks): string {
  const e = page.element;
  const unit = e.reading?.unit ?? '';
  const title = chartTitle(page.points, page.time, page.seconds);
  const chart = page.seconds === 0 ? '<p>History is off (history.seconds is 0).</p>'
    : `<div id="chart">${chartSvg(page.points, e.reading, unit, `${e.name}: ${title.toLowerCase()} of readings`)}</div>` +
      `<p class="note">Readings are kept for up to ${spanText(page.seconds)}.</p>`;
  const body = '<a class="skip" href="#main">Skip to the chart</a>' +
    `<header class="top"><p class="crumb"><a href="${links.root}">${esc(page.host || 'Host')}</a></p><h1>${esc(e.name)}</h1></header>` +
    `<main id="main" tabindex="-1" data-sensor="${escAttr(e.id)}"><section class="overview" aria-labelledby="now-h"><h2 id="now-h">Now</h2><dl class="identity">` +
    `<div><dt>Reading</dt><dd id="now-reading">${esc(readingWords(e.reading))}</dd></div><div><dt>State</dt><dd id="now-state">${esc(e.currentState ?? '')}</dd></div>` +
    `<div><dt>Health</dt><dd id="now-health" class="health st-${e.state}">${healthIcon(e)}<span class="text">${esc(e.health)}</span></dd></div></dl>` +
    `${e.reading ? `<div class="gauge-big">${gaugeSvg(e.reading, e.state)}</div>` : ''}` +
    `<p id="live" class="live"><noscript>A snapshot made at ${esc(utcTime(page.time))}: reload the page for newer readings.</noscript></p>` +
    '<div id="offline" class="offline" role="alert" hidden></div></section>' +
    `<section aria-labelledby="chart-h"><h2 id="chart-h">${esc(title)}</h2>${chart}` +
    `<details><summary>Readings (<span id="readings-count">${page.points.length}</span>)</summary><table class="readings"><thead><tr><th scope="col">Time</th><th scope="col">Reading</th></tr></thead>` +
    `<tbody id="readings-rows">${readingRows(page.points, unit)}</tbody></table></details></section>` +
    `<p>As of <span id="as-of">${time(page.time)}</span>. The same data as JSON: <a href="${links.root}api/v1/sensors/${escAttr(encodeURIComponent(e.id))}/history">history</a>.</p></main>`;
  return layout(`${e.name} · ${page.host} · thincim`, links, body);
}
