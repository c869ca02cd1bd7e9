/**
 * A strict reader of the Prometheus text exposition format (0.0.4): HELP and
 * TYPE comments, samples with escaped label values, NaN and ±Inf. A line it
 * cannot read is an error naming the line, so a malformed scrape fails the
 * test; so are what Prometheus refuses in a scrape: a family's HELP or TYPE
 * twice or its TYPE after its samples, an escape the format does not have
 * (label values: \\, \" and \n; HELP: \\ and \n), a last line without its
 * line feed, the same series twice, and a histogram whose buckets are not
 * cumulative up to `+Inf` = `_count`.
 *
 * Against `promtool check metrics` (2.42, the Go client's parser): it reads
 * the same, but lets through the same series twice (the Prometheus server
 * keeps the first and counts the second in
 * prometheus_target_scrapes_sample_duplicate_timestamp_total) and histogram
 * buckets that contradict each other, which this reader refuses; and it
 * accepts blanks before a sample's name or its `{`, which the format allows
 * and thincim never writes, and this reader refuses.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  /** Metric family name → counter, gauge, histogram, summary or untyped. */
  types: Map<string, string>;
  help: Map<string, string>;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})?[ \\t]+(\\S+)(?:[ \\t]+-?\\d+)?$`);
const LABEL = /^[ \t]*([a-zA-Z_][a-zA-Z0-9_]*)[ \t]*=[ \t]*"((?:[^"\\]|\\.)*)"[ \t]*(,|$)/;
const META = new RegExp(`^#[ \\t]+(HELP|TYPE)[ \\t]+(${NAME})(?:[ \\t]+(.*))?$`);
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parsePrometheus(text: string): Exposition {
  const exposition: Exposition = { samples: [], types: new Map(), help: new Map() };
  const sampled = new Set<string>();
  const series = new Set<string>();
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new Error(`line ${lines.length}: the last line has no line feed: ${JSON.stringify(lines.at(-1))}`);
  lines.forEach((line, i) => {
    const fail = (why: string): never => {
      throw new Error(`line ${i + 1}: ${why}: ${JSON.stringify(line)}`);
    };
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const meta = META.exec(line);
      if (!meta) return; // an ordinary comment
      const [, kind, name, rest = ''] = meta as unknown as [string, string, string, string | undefined];
      if (kind === 'TYPE' && !TYPES.has(rest)) fail('unknown metric type');
      if (kind === 'HELP' && /\\(?![\\n])/.test(rest.replace(/\\\\/g, ''))) fail('an escape HELP does not have');
      const map = kind === 'TYPE' ? exposition.types : exposition.help;
      if (map.has(name)) fail(`second ${kind} for ${name}`);
      if (kind === 'TYPE' && sampled.has(name)) fail(`TYPE of ${name} after its samples`);
      map.set(name, rest);
      return;
    }
    const sample = SAMPLE.exec(line) ?? fail('not a sample');
    const [, name, labelText = '', valueText] = sample as unknown as [string, string, string | undefined, string];
    const labels = parseLabels(labelText, fail);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (series.has(key)) fail('the same series twice');
    series.add(key);
    sampled.add(familyOf(exposition, name));
    exposition.samples.push({ name, labels, value: parseValue(valueText, fail) });
  });
  for (const [name, type] of exposition.types) if (type === 'histogram') checkHistogram(exposition, name);
  return exposition;
}

/** The family a sample belongs to: `x` for `x_bucket`, `x_sum` and `x_count` of a histogram or summary `x`. */
function familyOf(exposition: Exposition, name: string): string {
  const base = /^(.*)_(bucket|sum|count)$/.exec(name)?.[1];
  const type = base === undefined ? undefined : exposition.types.get(base);
  return type === 'histogram' || type === 'summary' ? base! : name;
}

/** Each series of histogram `name`: buckets by increasing `le`, counts that never fall, the last `+Inf` and equal to `_count`, and a `_sum`. */
function checkHistogram(exposition: Exposition, name: string): void {
  const bySeries = new Map<string, Sample[]>();
  for (const s of samplesOf(exposition, `${name}_bucket`)) {
    const { le, ...rest } = s.labels;
    if (le === undefined) throw new Error(`${name}_bucket without le`);
    const key = JSON.stringify(Object.entries(rest).sort());
    bySeries.set(key, [...(bySeries.get(key) ?? []), s]);
  }
  for (const [key, buckets] of bySeries) {
    const labels = Object.fromEntries(JSON.parse(key) as [string, string][]);
    const bounds = buckets.map((b) => parseValue(b.labels['le']!, () => { throw new Error(`${name}: le ${b.labels['le']} is not a number`); }));
    bounds.forEach((le, i) => { if (i > 0 && !(le > bounds[i - 1]!)) throw new Error(`${name} ${key}: le not increasing`); });
    buckets.forEach((b, i) => { if (i > 0 && b.value < buckets[i - 1]!.value) throw new Error(`${name} ${key}: buckets not cumulative`); });
    if (bounds.at(-1) !== Infinity) throw new Error(`${name} ${key}: no +Inf bucket`);
    const count = samplesOf(exposition, `${name}_count`, labels).find((s) => Object.keys(s.labels).length === Object.keys(labels).length);
    if (count?.value !== buckets.at(-1)!.value) throw new Error(`${name} ${key}: _count ${count?.value} is not the +Inf bucket`);
    if (!samplesOf(exposition, `${name}_sum`, labels).some((s) => Object.keys(s.labels).length === Object.keys(labels).length)) throw new Error(`${name} ${key}: no _sum`);
  }
}

function parseLabels(text: string, fail: (why: string) => never): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let rest = text; rest.trim() !== '';) {
    const m = LABEL.exec(rest) ?? fail('malformed labels');
    const [whole, name, escaped] = m as unknown as [string, string, string];
    if (Object.hasOwn(labels, name)) fail(`label ${name} twice`);
    labels[name] = escaped.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === '\\' || c === '"' ? c : fail(`an escape label values do not have: \\${c}`)));
    rest = rest.slice(whole.length);
  }
  return labels;
}

/** As Prometheus reads values (Go's ParseFloat): NaN and Inf in any case. */
function parseValue(text: string, fail: (why: string) => never): number {
  if (/^nan$/i.test(text)) return NaN;
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) fail('not a number');
  return Number(text);
}

/** The samples of `name` whose labels include `labels`. */
export function samplesOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): Sample[] {
  return exposition.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}
