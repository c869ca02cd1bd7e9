/**
 * A strict reader of the Prometheus text exposition format (0.0.4): HELP and
 * TYPE comments, samples with escaped label values, NaN and ±Inf. A line it
 * cannot read is an error naming the line, so a malformed scrape fails the test.
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
  text.split('\n').forEach((line, i) => {
    const fail = (why: string): never => {
      throw new Error(`line ${i + 1}: ${why}: ${JSON.stringify(line)}`);
    };
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const meta = META.exec(line);
      if (!meta) return; // an ordinary comment
      const [, kind, name, rest = ''] = meta as unknown as [string, string, string, string | undefined];
      if (kind === 'TYPE' && !TYPES.has(rest)) fail('unknown metric type');
      (kind === 'TYPE' ? exposition.types : exposition.help).set(name, rest);
      return;
    }
    const sample = SAMPLE.exec(line) ?? fail('not a sample');
    const [, name, labelText = '', valueText] = sample as unknown as [string, string, string | undefined, string];
    exposition.samples.push({ name, labels: parseLabels(labelText, fail), value: parseValue(valueText, fail) });
  });
  return exposition;
}

function parseLabels(text: string, fail: (why: string) => never): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let rest = text; rest.trim() !== '';) {
    const m = LABEL.exec(rest) ?? fail('malformed labels');
    const [whole, name, escaped] = m as unknown as [string, string, string];
    if (Object.hasOwn(labels, name)) fail(`label ${name} twice`);
    labels[name] = escaped.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(whole.length);
  }
  return labels;
}

/** As Prometheus reads values (Go's ParseFloat): NaN and Inf in any case (prom-client writes `Nan`). */
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
