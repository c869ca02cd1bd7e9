/**
 * The text-format writer, rule by rule of the exposition format 0.0.4: the
 * exact lines it writes, and the strict reader reading them back.
 */
import t from 'tap';
import { CONTENT_TYPE, Registry } from '../../src/server/prometheus.js';
import { parsePrometheus, samplesOf } from '../helpers/prometheus.js';

t.test('Content-Type of the format 0.0.4', async (t) => {
  t.equal(CONTENT_TYPE, 'text/plain; version=0.0.4; charset=utf-8');
  t.equal(new Registry().contentType, CONTENT_TYPE);
});

t.test('HELP and TYPE once per family, before its samples, whatever the number of children', async (t) => {
  const registry = new Registry();
  const counter = registry.counter('requests_total', 'Requests', ['op']);
  counter.labels('get').inc();
  counter.labels('put').inc(2);
  counter.labels('get').inc();
  registry.gauge('idle', 'Never set, no labels');
  registry.counter('unused_total', 'Labelled, no child yet', ['op']);
  t.equal(await registry.metrics(), [
    '# HELP requests_total Requests',
    '# TYPE requests_total counter',
    'requests_total{op="get"} 2',
    'requests_total{op="put"} 2',
    '# HELP idle Never set, no labels',
    '# TYPE idle gauge',
    'idle 0',
    '# HELP unused_total Labelled, no child yet',
    '# TYPE unused_total counter',
    '',
  ].join('\n'));
});

t.test('HELP escapes backslash and line feed, and nothing else', async (t) => {
  const registry = new Registry();
  registry.gauge('g', 'a \\ b\nc "quoted"');
  const text = await registry.metrics();
  t.equal(text.split('\n')[0], '# HELP g a \\\\ b\\nc "quoted"');
  t.equal(parsePrometheus(text).help.get('g'), 'a \\\\ b\\nc "quoted"', 'one line, read as written');
});

t.test('label values escape backslash, double quote and line feed, and read back as they were', async (t) => {
  const registry = new Registry();
  const gauge = registry.gauge('g', 'h', ['a', 'b']);
  const nasty = 'C:\\temp "x"\nnext';
  gauge.labels(nasty, 'é ✓ {},=').set(1);
  const text = await registry.metrics();
  t.equal(text.split('\n')[2], 'g{a="C:\\\\temp \\"x\\"\\nnext",b="é ✓ {},="} 1');
  t.same(parsePrometheus(text).samples, [{ name: 'g', labels: { a: nasty, b: 'é ✓ {},=' }, value: 1 }]);
});

t.test('values: NaN, +Inf, -Inf, and numbers that read back the same', async (t) => {
  const registry = new Registry();
  const gauge = registry.gauge('g', 'h', ['v']);
  const values = [NaN, Infinity, -Infinity, 0, -1.5, 0.1 + 0.2, 1e-7, 1.5e300, 2 ** 53 + 2];
  values.forEach((v, i) => gauge.labels(String(i)).set(v));
  const text = await registry.metrics();
  t.same(text.split('\n').slice(2, 5), ['g{v="0"} NaN', 'g{v="1"} +Inf', 'g{v="2"} -Inf']);
  const read = parsePrometheus(text).samples.map((s) => s.value);
  t.ok(Number.isNaN(read[0]));
  t.same(read.slice(1), values.slice(1), 'every value exactly');
});

t.test('histograms: cumulative buckets by le (inclusive) up to +Inf, then _sum and _count, per child', async (t) => {
  const registry = new Registry();
  const histogram = registry.histogram('d_seconds', 'Durations', [0.1, 1, 2.5], ['op']);
  for (const v of [0.05, 0.1, 0.5, 1, 3, 100]) histogram.labels('a').observe(v);
  histogram.labels('b').observe(2);
  const text = await registry.metrics();
  t.equal(text, [
    '# HELP d_seconds Durations',
    '# TYPE d_seconds histogram',
    'd_seconds_bucket{op="a",le="0.1"} 2',
    'd_seconds_bucket{op="a",le="1"} 4',
    'd_seconds_bucket{op="a",le="2.5"} 4',
    'd_seconds_bucket{op="a",le="+Inf"} 6',
    'd_seconds_sum{op="a"} 104.65',
    'd_seconds_count{op="a"} 6',
    'd_seconds_bucket{op="b",le="0.1"} 0',
    'd_seconds_bucket{op="b",le="1"} 0',
    'd_seconds_bucket{op="b",le="2.5"} 1',
    'd_seconds_bucket{op="b",le="+Inf"} 1',
    'd_seconds_sum{op="b"} 2',
    'd_seconds_count{op="b"} 1',
    '',
  ].join('\n'));
  t.equal(parsePrometheus(text).types.get('d_seconds'), 'histogram', 'the strict reader checks the buckets');
});

t.test('an unlabelled histogram, and observations no bucket holds', async (t) => {
  const registry = new Registry();
  const histogram = registry.histogram('h', 'h', [1]);
  histogram.observe(NaN);
  histogram.observe(Infinity);
  const text = await registry.metrics();
  t.match(text, 'h_bucket{le="1"} 0\nh_bucket{le="+Inf"} 2\nh_sum NaN\nh_count 2\n');
  t.doesNotThrow(() => parsePrometheus(text));
});

t.test('a child per label values: the same object for the same values, none shared by different ones', async (t) => {
  const registry = new Registry();
  const counter = registry.counter('c_total', 'h', ['a', 'b']);
  t.equal(counter.labels('x', 'y'), counter.labels('x', 'y'));
  counter.labels('ab', 'c').inc();
  counter.labels('a', 'bc').inc(2);
  counter.labels('a\u0000b', '').inc(3);
  const read = parsePrometheus(await registry.metrics());
  t.same(samplesOf(read, 'c_total').map((s) => [s.labels['a'], s.labels['b'], s.value]), [['x', 'y', 0], ['ab', 'c', 1], ['a', 'bc', 2], ['a\u0000b', '', 3]]);
});

t.test('families read at scrape time: what the source says now, nothing kept', async (t) => {
  const registry = new Registry();
  let devices: [string, number][] = [['fan1', 1200], ['fan2', 900]];
  registry.collected('gauge', 'rpm', 'Fan speed', ['fan'], (emit) => { for (const [fan, v] of devices) emit(v, fan); });
  registry.collected('counter', 'ticks_total', 'Ticks', [], (emit) => emit(devices.length));
  t.match(await registry.metrics(), 'rpm{fan="fan1"} 1200\nrpm{fan="fan2"} 900\n# HELP ticks_total Ticks\n# TYPE ticks_total counter\nticks_total 2\n');
  devices = [['fan3', 0]];
  const read = parsePrometheus(await registry.metrics());
  t.same(samplesOf(read, 'rpm').map((s) => s.labels['fan']), ['fan3'], 'gone devices are gone');
  t.same(samplesOf(read, 'ticks_total').map((s) => s.value), [1]);
});

t.test('hooks run, and are waited for, before any family is written', async (t) => {
  const registry = new Registry();
  const gauge = registry.gauge('g', 'h');
  let reading = 0;
  registry.collected('gauge', 'c', 'h', [], (emit) => emit(reading));
  registry.beforeScrape(() => { reading++; });
  registry.beforeScrape(async () => {
    await new Promise((resolve) => setImmediate(resolve));
    gauge.set(reading * 10);
  });
  t.match(await registry.metrics(), 'g 10\n# HELP c h\n# TYPE c gauge\nc 1\n');
  t.match(await registry.metrics(), 'g 20\n');
});

t.test('misuse is a MetricsError naming the metric', async (t) => {
  const registry = new Registry();
  const counter = registry.counter('c_total', 'h', ['a']);
  const error = (message: RegExp) => ({ name: 'MetricsError', code: 'ERR_THINCIM_METRICS', message });
  t.throws(() => registry.counter('c_total', 'again'), error(/c_total defined twice/));
  t.throws(() => registry.gauge('1bad', 'h'), error(/"1bad" is not a metric name/));
  t.throws(() => registry.gauge('g', 'h', ['a-b']), error(/g: "a-b" is not a label name/));
  t.throws(() => registry.gauge('g', 'h', ['__reserved']), error(/not a label name/));
  t.throws(() => registry.gauge('g', 'h', ['a', 'a']), error(/g: label a twice/));
  // promtool check metrics' suffix rules, also for families that have no sample yet (promtool skips those).
  t.throws(() => registry.counter('requests', 'h'), error(/requests: a counter's name ends in _total/));
  t.throws(() => registry.gauge('queued_total', 'h'), error(/queued_total: _total is a counter's suffix, not a gauge's/));
  t.throws(() => registry.histogram('d_total', 'h', [1]), error(/not a histogram's/));
  t.throws(() => registry.collected('gauge', 'sensors_count', 'h', [], () => {}), error(/sensors_count: _bucket, _count and _sum are a histogram's samples/));
  t.throws(() => registry.collected('counter', 'bytes_sum', 'h', [], () => {}), error(/a counter's name ends in _total/));
  t.doesNotThrow(() => registry.histogram('d_count', 'h', [1]), 'a histogram may count something');
  t.throws(() => registry.histogram('h', 'h', [1], ['le']), error(/le is the histogram's own label/));
  t.throws(() => registry.histogram('h', 'h', [1, 1]), error(/finite and increasing/));
  t.throws(() => registry.histogram('h', 'h', [1, Infinity]), error(/finite and increasing/));
  t.throws(() => counter.labels(), error(/c_total: 0 label values for the labels \(a\)/));
  t.throws(() => counter.labels('x', 'y'), error(/2 label values/));
  t.throws(() => counter.labels('x').inc(-1), error(/only goes up/));
  t.throws(() => counter.labels('x').inc(NaN), error(/only goes up/));
  registry.collected('gauge', 'wrong', 'h', ['a'], (emit) => emit(1));
  await t.rejects(registry.metrics(), error(/wrong: 0 label values/));
});
