import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { schedulerWaitMs, watchBlocking } from '../../src/cli/loop-hold.js';
import { PROBLEMS_KEPT } from '../../src/providers/runner.js';
import { spawnThincim } from '../helpers/process.js';

const dir = mkdtempSync(join(tmpdir(), 'thincim-provider-test-'));
t.teardown(() => rmSync(dir, { recursive: true }));
const readings = fileURLToPath(new URL('../../providers/template/examples/readings.json', import.meta.url));
const widgets = fileURLToPath(new URL('../../providers/template/examples/widgets.json', import.meta.url));

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

async function providerTest(...args: string[]) {
  const stdout = sink();
  const stderr = sink();
  const io: CliIO = { stdout, stderr, stdin: new PassThrough(), env: { XDG_CACHE_HOME: join(dir, 'cache') } };
  const status = await main(['provider-test', ...args], io);
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

t.test('the template: a table of what it found, no problems, exit 0', async (t) => {
  const { status, stdout, stderr } = await providerTest('template', '--option', `file=${readings}`, '--hostname', 'srv1');
  t.equal(status, 0);
  t.equal(stderr, '');
  t.match(stdout, /^provider  template 1\.0\.0 \(builtin:template\), hardware\ndetect    yes\nsample    ok in \d+ ms\n/);
  t.match(stdout, /numeric sensors \(5\)\n  id +label +kind +value +thresholds \(\* settable\) +ranges +health\n/);
  t.match(stdout, /\n  template:inlet +Inlet +temperature +24\.5 °C +unc\* 40, uc\* 45 +— +OK \(Normal\)\n/);
  t.match(stdout, /\n  template:fan-2 +Fan 2 +fan +— \(failed\) +lc 1000 +— +absent \(not served\)\n/, 'never read: an absent part');
  t.match(stdout, /\n  template:12v +12V +voltage +12\.080 V +lc 11\.4, uc 12\.6 +— +OK \(Normal\)\n/);
  t.match(stdout, /fans \(2\)\n/);
  t.match(stdout, /\nmodel     \d+ instances \(root\/cimv2 \d+, root\/interop \d+\)\n/);
  t.match(stdout, /\nproblems \(0\)\n$/);
});

t.test('the simulated host: each sensor\'s declared ranges', async (t) => {
  const { status, stdout } = await providerTest('simulated', '-o', 'timeline=false');
  t.equal(status, 0);
  t.match(stdout, /\n  12v +12V +voltage +\d+\.\d\d V +lc 10\.8, lnc 11\.4, unc 12\.6, uc 13\.2 +nominal 12, normal 11\.4\.\.12\.6, readable 0\.\.15\.3 +OK \(Normal\)\n/);
});

t.test('an instance provider: its instances, validated against its own MOF', async (t) => {
  const { status, stdout } = await providerTest('./providers/template/widgets.ts', '-o', `file=${widgets}`);
  t.equal(status, 0);
  t.match(stdout, /provider  template-widgets 1\.0\.0 \(.*widgets\.ts\), instance\n/);
  t.match(stdout, /\n  ACME_WidgetStatus\.InstanceID="ACME:widget:w1" +InstanceID="ACME:widget:w1" ElementName="Widget 1" SpinRate=1200 Condition=2 ResetCount=0\n/);
  t.match(stdout, /problems \(0\)/);
});

t.test('nothing detected and a failed sample are problems: exit 1', async (t) => {
  const { status, stdout } = await providerTest('template', '-o', `file=${join(dir, 'missing.json')}`);
  t.equal(status, 1);
  t.match(stdout, /\ndetect    no\n/);
  t.match(stdout, /\nsample    failed: ENOENT/);
  t.match(stdout, /\nproblems \(2\)\n  detect: the provider found nothing to report here\n  sample: ENOENT/);
});

t.test('option values are JSON when they parse', async (t) => {
  const { status, stdout } = await providerTest('template', '-o', `file=${readings}`, '-o', 'maxBytes=10');
  t.equal(status, 1);
  t.match(stdout, /more than the 10 allowed/);
});

t.test('problems the model finds are reported', async (t) => {
  const module = join(dir, 'dangling.mjs');
  writeFileSync(module, `export default () => ({ kind: 'hardware', name: 'dangling', version: '1', sample: async () => ({
    powerSupplies: [{ id: 'psu1', label: 'PSU 1', status: 'ok', sensors: ['no-such-sensor'] }],
  }) });\n`);
  const { status, stdout } = await providerTest(module);
  t.equal(status, 1);
  t.match(stdout, /power supplies \(1\)\n/);
  t.match(stdout, /\nproblems \(1\)\n  model: no-such-sensor: power supply psu1 names an unknown sensor/);
});

t.test('strings XML cannot carry are served as U+FFFD and reported as problems', async (t) => {
  const module = join(dir, 'escapes.mjs');
  writeFileSync(module, `export default () => ({ kind: 'hardware', name: 'escapes', version: '1', sample: async () => ({
    sensors: [{ id: 't', label: 'CPU \\u001b[31mhot', kind: 'temperature', unit: 'celsius', value: 40, decimals: 0 }],
  }) });\n`);
  const { status, stdout } = await providerTest(module);
  t.equal(status, 1);
  t.match(stdout, /CPU \ufffd\[31mhot/, 'served cleaned');
  t.notMatch(stdout, /\u001b/, 'the escape reaches no terminal');
  t.match(stdout, /\nproblems \(1\)\n  sample: snapshot\.sensors\[0\]\.label: U\+001B at index 4 of "CPU \\u001b\[31mhot" is not a character XML can carry; served as U\+FFFD\n/);
});

t.test('a bad item: the rest is served, and the item is a problem, so the run fails', async (t) => {
  const module = join(dir, 'refusing.mjs');
  writeFileSync(module, `export default () => ({ kind: 'hardware', name: 'refusing', version: '1', sample: async () => ({
    sensors: [
      { id: 'good', label: 'Good', kind: 'temperature', unit: 'celsius', value: 40, decimals: 0 },
      { id: 'bad', label: 'Bad', kind: 'fan', unit: 'rpm', value: 900, decimals: 0, thresholds: { lowerCritical: 100, upperCritical: 90 } },
    ],
    fans: [{ id: 'fan1', label: 'Fan 1', speedSensor: 'bad', status: 'ok' }],
  }) });\n`);
  const { status, stdout, stderr } = await providerTest(module);
  t.equal(status, 1);
  t.match(stdout, /\nsample    ok in \d+ ms, 1 item refused \(not served\)\n/);
  t.match(stdout, /numeric sensors \(1\)\n.*\n  good /);
  t.match(stdout, /fans \(1\)\n.*\n  fan1 +Fan 1 +— +ok +OK\n/, 'the fan, without its link to the refused sensor');
  t.match(stdout, /\nproblems \(1\)\n  sample: item refused: snapshot\.sensors\[1\]\.thresholds\.lowerCritical: 100 is not below upperCritical 90 \(id "bad"\)\n$/);
  t.match(stderr, /^warn  refusing: snapshot items refused; the rest of the sample is served/);
});

t.test('many bad items: all counted, the first listed, and how many more', async (t) => {
  const module = join(dir, 'many.mjs');
  const count = PROBLEMS_KEPT + 2;
  writeFileSync(module, `export default () => ({ kind: 'hardware', name: 'many', version: '1', sample: async () => ({
    sensors: Array.from({ length: ${count} }, (_, i) => ({ id: 't' + i, label: 'T', kind: 'temperature', unit: 'celsius', value: 'hot', decimals: 0 })),
  }) });\n`);
  const { status, stdout } = await providerTest(module);
  t.equal(status, 1);
  t.match(stdout, `\nsample    ok in`);
  t.match(stdout, `, ${count} items refused (not served)\n`);
  t.equal(stdout.match(/  sample: item refused: /g)?.length, PROBLEMS_KEPT);
  t.match(stdout, '  sample: 2 more items refused, not listed\n');
});

t.test('a key no snapshot type declares is a problem, with the key it likely meant: a typo would go unnoticed', async (t) => {
  const file = join(dir, 'typo.mjs');
  writeFileSync(file, `export default () => ({ kind: 'hardware', name: 'typo', version: '1', async sample() { return { sensors: [
    { id: 'typo:t', label: 'T', kind: 'temperature', unit: 'celsius', value: 20, decimals: 0, thresholds: { upperCrit: 90 } }] }; } });\n`);
  const { status, stdout } = await providerTest(file);
  t.equal(status, 1);
  t.match(stdout, /\n  typo:t +T +temperature +20 °C +— +— +OK \(Normal\)\n/, 'served without a threshold');
  t.match(stdout, '\nproblems (1)\n  sample: snapshot.sensors[0].thresholds.upperCrit: unknown key, ignored (did you mean upperCritical?) (id "typo:t")\n');
});

/** A busy loop of `ms` of this process's CPU time, not of the clock: on a loaded machine the clock runs on while it waits for a CPU. */
const BUSY = `function busy(ms) { const cpu = () => { const { user, system } = process.cpuUsage(); return user + system; }; const end = cpu() + ms * 1000; while (cpu() < end); }\n`;

t.test('a call that holds the event loop is a problem, with what to use instead', async (t) => {
  const file = join(dir, 'blocking.mjs');
  writeFileSync(file, `export default () => ({ kind: 'hardware', name: 'blocking', version: '1', defaults: { timeout: 200 },
    async sample() { busy(1000); return { sensors: [] }; } });\n${BUSY}`);
  const { status, stdout } = await providerTest(file);
  t.equal(status, 1);
  t.match(stdout, /\nsample    ok in \d+ ms\n/, 'the sample itself succeeded, past its 200 ms deadline');
  const [, ms] = /\n  sample: held the event loop for (\d+) ms at once \(more than 500\): every client of the broker waits that long, and no deadline stops it; use node:fs\/promises and runCommand instead of synchronous calls \(readFileSync, execSync\), and split long computations\n/.exec(stdout) ?? [];
  t.ok(Number(ms) >= 900, `measured ${ms} ms`);
  t.match(stdout, /\nnote      the first sample held the event loop for \d+ ms at once, the second for \d+ ms; judged on the second\n/);
  t.notMatch(stdout, /detect: held/, 'detect did not block');
});

t.test('a hold on the first call only (loading modules, filling a cache) is no problem: the second call is judged', async (t) => {
  const file = join(dir, 'warming.mjs');
  writeFileSync(file, `let warm = false;
export default () => ({ kind: 'hardware', name: 'warming', version: '1',
  async sample() { if (!warm) busy(800); warm = true; return { sensors: [] }; } });\n${BUSY}`);
  const { status, stdout } = await providerTest(file);
  t.match(stdout, /\nnote      the first sample held the event loop for \d{3,} ms at once, the second for \d+ ms; judged on the second\nsample    ok in \d+ ms\n/);
  t.match(stdout, '\nproblems (0)\n');
  t.equal(status, 0);
});

t.test('detect runs once; a failed sample that held the loop is not run again', async (t) => {
  const file = join(dir, 'once.mjs');
  writeFileSync(file, `let detects = 0;
export default () => ({ kind: 'hardware', name: 'once', version: '1',
  async detect() { detects++; busy(700); return true; },
  async sample() { busy(700); throw new Error('no sensors after ' + detects + ' detect(s)'); } });\n${BUSY}`);
  const { status, stdout } = await providerTest(file);
  t.equal(status, 1);
  t.match(stdout, /\n  detect: held the event loop for \d+ ms at once/, 'the detect that held the loop is a problem');
  t.match(stdout, /\nsample    failed: no sensors after 1 detect\(s\)\n/, 'one detect; the failure reported, not a second try');
  t.notMatch(stdout, /judged on the second/);
});

t.test('watchBlocking: a synchronous wait holds the loop without using the CPU, and counts', async (t) => {
  const { blockedMs } = await watchBlocking(async () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700));
  t.ok(blockedMs >= 650 && blockedMs < 1000, `measured ${blockedMs} ms`);
});

t.test('watchBlocking: time the main thread waited for a CPU is not held by the call', async (t) => {
  // As the kernel reports a thread left runnable on a loaded machine: the gap grew its run-queue wait as much.
  let queued = 0;
  const { blockedMs } = await watchBlocking(async () => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700);
    queued += 700;
  }, () => queued);
  t.ok(blockedMs < 100, `measured ${blockedMs} ms`);
});

t.test("schedulerWaitMs reads this thread's run-queue wait on Linux, and grows or stays", async (t) => {
  const before = schedulerWaitMs();
  const after = schedulerWaitMs();
  if (process.platform !== 'linux') return t.equal(before, undefined);
  t.type(before, 'number');
  t.ok(after! >= before!);
});

t.test('verbose shows the provider log lines', async (t) => {
  const { stderr } = await providerTest('template', '-v', '-o', `file=${readings}`);
  t.match(stderr, /^debug template: read the readings file \(readings=5\)$/m);
});

t.test('a provider that cannot load: exit 1 with the reason', async (t) => {
  const { status, stdout, stderr } = await providerTest('no-such-provider-anywhere');
  t.equal(status, 1);
  t.equal(stdout, '');
  t.match(stderr, /^thincim provider-test: provider 'no-such-provider-anywhere': not a built-in provider/);
});

t.test('built: a TypeScript provider is refused with what to give instead (tsx, as the tests run, would load it)', async (t) => {
  const file = join(dir, 'provider.ts');
  writeFileSync(file, 'export default () => ({});\n');
  const run = spawnThincim(['provider-test', file], { built: true });
  t.same(await run.exited, { code: 1, signal: null });
  t.equal(run.stderr(), `thincim provider-test: provider '${file}': cannot load ${file}: Unknown file extension ".ts" for ${file}: give the JavaScript that \`tsc\` makes of it\n`);
});

t.test('a broken extra schema: exit 1 with positions', async (t) => {
  const schemas = join(dir, 'broken-mof');
  mkdirSync(schemas);
  writeFileSync(join(schemas, 'oem.mof'), 'class ACME_Broken : CIM_Nothing {\n  uint32 X;\n};\n');
  const { status, stderr } = await providerTest('template', '-o', `file=${readings}`, '--schema-dir', schemas);
  t.equal(status, 1);
  t.match(stderr, /oem\.mof:\d+:\d+: .*CIM_Nothing/);
});

t.test('usage errors exit 2; --help exits 0', async (t) => {
  for (const args of [[], ['a', 'b'], ['template', '-o', 'novalue'], ['template', '-o', '=x'], ['template', '--bogus']]) {
    const { status, stderr } = await providerTest(...args);
    t.equal(status, 2, args.join(' '));
    t.match(stderr, /^thincim provider-test: .*\nusage: thincim provider-test/);
  }
  const help = await providerTest('--help');
  t.equal(help.status, 0);
  t.match(help.stdout, /^usage: thincim provider-test \[options\] NAME/);
});
