/**
 * The Prometheus text exposition format 0.0.4, written by hand: counters,
 * gauges and histograms with labels, and families read from their source at
 * scrape time. The request path only finds a child in nested Maps (one per
 * label, no key string built) and adds to a number; label pairs are escaped
 * once, when a child is created, and everything else happens at scrape time.
 *
 * Format: https://prometheus.io/docs/instrumenting/exposition_formats/
 */

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A metric defined or used against the format's rules: a programming error, never a client's. */
export class MetricsError extends Error {
  readonly code = 'ERR_THINCIM_METRICS';
  override readonly name = 'MetricsError';
}

export type MetricType = 'counter' | 'gauge' | 'histogram';
/** Writes one sample of a family read at scrape time, its label values in the family's label order. */
export type Emit = (value: number, ...labelValues: string[]) => void;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * The suffix rules `promtool check metrics` warns about (promlint's counter
 * and reserved-suffix checks): `_total` ends a counter's name and only a
 * counter's, and `_bucket`, `_count` and `_sum` name a histogram's samples.
 * A family without samples escapes promtool (it drops empty families), so
 * they are checked here, as the family is defined.
 */
function suffixProblem(name: string, type: MetricType): string | undefined {
  if (type === 'counter') return name.endsWith('_total') ? undefined : 'a counter\'s name ends in _total';
  if (name.endsWith('_total')) return `_total is a counter's suffix, not a ${type}'s`;
  if (type !== 'histogram' && /_(bucket|count|sum)$/.test(name)) return `_bucket, _count and _sum are a histogram's samples, not a ${type}'s name`;
  return undefined;
}

/** As Prometheus writes sample values: NaN, +Inf, -Inf, else the shortest text that reads back the same number. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** HELP text: backslash and line feed escaped. */
export function escapeHelp(text: string): string {
  return /[\\\n]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : text;
}

/** A label value: backslash, double quote and line feed escaped. */
export function escapeLabelValue(text: string): string {
  return /[\\"\n]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : text;
}

/** `a="x",b="y"`: the pairs inside the braces. */
function labelPairs(names: readonly string[], values: readonly string[]): string {
  let pairs = '';
  for (let i = 0; i < names.length; i++) pairs += `${i === 0 ? '' : ','}${names[i]}="${escapeLabelValue(values[i]!)}"`;
  return pairs;
}

const braces = (pairs: string) => (pairs === '' ? '' : `{${pairs}}`);

/** One metric family: its HELP and TYPE lines, then its samples. */
abstract class Family {
  constructor(readonly name: string, readonly help: string, readonly type: MetricType, readonly labelNames: readonly string[]) {
    if (!METRIC_NAME.test(name)) throw new MetricsError(`${JSON.stringify(name)} is not a metric name`);
    const problem = suffixProblem(name, type);
    if (problem) throw new MetricsError(`${name}: ${problem}`);
    const seen = new Set<string>();
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__')) throw new MetricsError(`${name}: ${JSON.stringify(label)} is not a label name`);
      if (seen.has(label)) throw new MetricsError(`${name}: label ${label} twice`);
      seen.add(label);
    }
  }

  write(): string {
    return `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} ${this.type}\n${this.samples()}`;
  }

  protected abstract samples(): string;

  protected checkArity(values: readonly string[]): void {
    if (values.length !== this.labelNames.length) {
      throw new MetricsError(`${this.name}: ${values.length} label values for the labels (${this.labelNames.join(', ')})`);
    }
  }
}

/** A family whose children are kept and updated as things happen. */
abstract class Metric<C> extends Family {
  readonly #root = new Map<string, unknown>();
  /** Children in creation order, with their label pairs. */
  protected readonly children: [pairs: string, child: C][] = [];
  readonly #single: C | undefined;

  constructor(name: string, help: string, type: MetricType, labelNames: readonly string[], private readonly create: () => C) {
    super(name, help, type, labelNames);
    if (labelNames.length === 0) this.#single = this.#add([]);
  }

  /** The child of these label values, created at first use; a Map lookup per label after that. */
  labels(...values: string[]): C {
    const last = values.length - 1;
    if (last !== this.labelNames.length - 1) this.checkArity(values);
    if (last < 0) return this.#single!;
    let node = this.#root;
    for (let i = 0; i < last; i++) {
      let next = node.get(values[i]!) as Map<string, unknown> | undefined;
      if (next === undefined) node.set(values[i]!, (next = new Map()));
      node = next;
    }
    let child = node.get(values[last]!) as C | undefined;
    if (child === undefined) node.set(values[last]!, (child = this.#add(values)));
    return child;
  }

  #add(values: readonly string[]): C {
    const child = this.create();
    this.children.push([labelPairs(this.labelNames, values), child]);
    return child;
  }
}

export class CounterChild {
  value = 0;
  inc(amount = 1): void {
    if (!(amount >= 0)) throw new MetricsError(`a counter only goes up (inc(${amount}))`);
    this.value += amount;
  }
}

/** One sample per child: the lines of a counter or a gauge. */
function valueSamples(name: string, children: readonly [pairs: string, child: { value: number }][]): string {
  let text = '';
  for (const [pairs, child] of children) text += `${name}${braces(pairs)} ${formatValue(child.value)}\n`;
  return text;
}

export class Counter extends Metric<CounterChild> {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, 'counter', labelNames, () => new CounterChild());
  }

  inc(amount = 1): void {
    this.labels().inc(amount);
  }

  protected samples(): string {
    return valueSamples(this.name, this.children);
  }
}

export class GaugeChild {
  value = 0;
  set(value: number): void {
    this.value = value;
  }
}

export class Gauge extends Metric<GaugeChild> {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, 'gauge', labelNames, () => new GaugeChild());
  }

  set(value: number): void {
    this.labels().set(value);
  }

  protected samples(): string {
    return valueSamples(this.name, this.children);
  }
}

export class HistogramChild {
  /** Observations per bucket (not cumulative); the last slot is above every bound. */
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }

  observe(value: number): void {
    const { bounds } = this;
    let i = 0;
    while (i < bounds.length && !(value <= bounds[i]!)) i++;
    this.counts[i]!++;
    this.sum += value;
    this.count++;
  }
}

export class Histogram extends Metric<HistogramChild> {
  /** The `le` label values: the upper bounds, then +Inf. */
  readonly #les: string[];

  constructor(name: string, help: string, buckets: readonly number[], labelNames: readonly string[] = []) {
    if (labelNames.includes('le')) throw new MetricsError(`${name}: le is the histogram's own label`);
    buckets.forEach((bound, i) => {
      if (!Number.isFinite(bound) || (i > 0 && bound <= buckets[i - 1]!)) {
        throw new MetricsError(`${name}: buckets must be finite and increasing (${buckets.join(', ')})`);
      }
    });
    const bounds = [...buckets];
    super(name, help, 'histogram', labelNames, () => new HistogramChild(bounds));
    this.#les = [...bounds.map(formatValue), '+Inf'];
  }

  observe(value: number): void {
    this.labels().observe(value);
  }

  protected samples(): string {
    const { name } = this;
    let text = '';
    for (const [pairs, child] of this.children) {
      const prefix = pairs === '' ? '' : `${pairs},`;
      let cumulative = 0;
      child.counts.forEach((n, i) => {
        cumulative += n;
        text += `${name}_bucket{${prefix}le="${this.#les[i]}"} ${cumulative}\n`;
      });
      text += `${name}_sum${braces(pairs)} ${formatValue(child.sum)}\n${name}_count${braces(pairs)} ${child.count}\n`;
    }
    return text;
  }
}

/** A counter or gauge family read from its source at scrape time: nothing is kept between scrapes. */
class Collected extends Family {
  constructor(name: string, help: string, type: 'counter' | 'gauge', labelNames: readonly string[], private readonly read: (emit: Emit) => void) {
    super(name, help, type, labelNames);
  }

  protected samples(): string {
    let text = '';
    this.read((value, ...labelValues) => {
      this.checkArity(labelValues);
      text += `${this.name}${braces(labelPairs(this.labelNames, labelValues))} ${formatValue(value)}\n`;
    });
    return text;
  }
}

/** The families of one exposition, written in the order they were defined. */
export class Registry {
  readonly contentType = CONTENT_TYPE;
  readonly #families = new Map<string, Family>();
  readonly #hooks: (() => void | Promise<void>)[] = [];

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.#define(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.#define(new Gauge(name, help, labelNames));
  }

  histogram(name: string, help: string, buckets: readonly number[], labelNames: readonly string[] = []): Histogram {
    return this.#define(new Histogram(name, help, buckets, labelNames));
  }

  /** A family whose samples `read` emits at each scrape, in the family's label order. */
  collected(type: 'counter' | 'gauge', name: string, help: string, labelNames: readonly string[], read: (emit: Emit) => void): void {
    this.#define(new Collected(name, help, type, labelNames, read));
  }

  /** Runs before each scrape is written: for readings several families share, or that must wait (event-loop lag). */
  beforeScrape(hook: () => void | Promise<void>): void {
    this.#hooks.push(hook);
  }

  /** The exposition: the hooks, then every family written at once, so a scrape sees one state. */
  async metrics(): Promise<string> {
    await Promise.all(this.#hooks.map((hook) => hook()));
    let text = '';
    for (const family of this.#families.values()) text += family.write();
    return text;
  }

  #define<F extends Family>(family: F): F {
    if (this.#families.has(family.name)) throw new MetricsError(`metric ${family.name} defined twice`);
    this.#families.set(family.name, family);
    return family;
  }
}
