import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import t from 'tap';
import type { Test } from 'tap';
import type { HardwareSnapshot } from '../../../src/model/snapshot.js';
import type { ProviderContext, ProviderLogger } from '../../../src/providers/api.js';
import type { ClassRepository } from '../../../src/repository/types.js';
import { callProvider } from '../../../src/providers/call.js';
import { CommandError, runCommand } from '../../../src/providers/child.js';
import provider, { createIpmiProvider, type IpmiDependencies } from '../index.js';
import { RANGE_MARGIN_MS } from '../provider.js';
import { fakeTools, FIXTURES, print } from './fake-tools.js';

interface LogEntry {
  level: string;
  obj: object | string;
  msg?: string;
}

function context(options: { deadlineMs?: number; signal?: AbortSignal } = {}): ProviderContext & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: string) => (obj: object | string, msg?: string) => void entries.push({ level, obj, msg });
  const log: ProviderLogger = { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return {
    log,
    entries,
    repository: {} as ClassRepository,
    signal: options.signal ?? new AbortController().signal,
    deadline: Date.now() + (options.deadlineMs ?? 10_000),
  };
}

const ENV = { PATH: '/usr/bin:/bin' };
const deps = (extra: IpmiDependencies = {}): IpmiDependencies => ({ env: ENV, hostname: () => 'testhost', ...extra });

const IPMITOOL_OK = {
  '-V': 'echo "ipmitool version 1.8.19"',
  "*'mc info'": 'echo "Device ID                 : 32"',
  "*'sdr elist'": print('sdr-elist.txt'),
  '*sensor': print('sensor.txt'),
  "*'fru print 0'": print('fru.txt'),
  "*'dcmi power reading'": print('dcmi.txt'),
  "*'-v sdr'": print('sdr-verbose.txt'),
};

/** Whether a process is gone or only a zombie waiting to be reaped. */
function gone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

t.test('the default export is the factory', async (t) => {
  const made = await provider({ path: '/nonexistent' });
  t.match(made, { name: 'ipmi', kind: 'hardware' });
});

t.test('auto: ipmitool answers, and a sample merges sdr elist, sensor and fru', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK, 'ipmi-sensors': { '*': 'exit 0' } });
  const ipmi = createIpmiProvider({ path: tools.dir }, deps());
  t.equal(await ipmi.detect?.(context()), true);
  const snapshot = await ipmi.sample(context());
  t.same(tools.runs().map((run) => run.args.join(' ')), ['mc info', '-V', 'sdr elist', 'sensor', 'fru print 0'], 'no live -v sdr by default');
  t.match(snapshot.sensors?.find((s) => s.id === 'ipmi:CPU Temp'), { value: 96, health: 'critical', thresholds: { upperCritical: 90, upperFatal: 95 } });
  t.equal(snapshot.sensors?.find((s) => s.id === 'ipmi:CPU Temp')?.ranges, undefined);
  t.match(snapshot.chassis, [{ type: 'Rack Mount Chassis' }]);
  t.match(snapshot.system, { hostname: 'testhost', model: 'SYS-1029U-TRT' });
  t.notOk(snapshot.sensors?.some((s) => s.id === 'ipmi:FAN1'), 'values of the threshold table are not mixed in');
  t.match(ipmi.lastReport, { reader: 'ipmitool', partial: false });
  t.same(ipmi.lastReport?.outputs.map((o) => [o.format, o.records, o.noiseLines]), [['sdr-elist', 21, 1], ['sensor', 10, 1], ['fru', 3, 1]]);
});

t.test('rangeRefresh on: the ranges are read from the second sample on, after dcmi, and only their ranges merged', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK });
  let now = 1_000_000;
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', rangeRefresh: 600, commandTimeout: 5_000, dcmi: true }, deps({ now: () => now }));
  const ctx = () => ({ ...context(), deadline: now + 10_000 });
  const first = await ipmi.sample(ctx());
  t.notOk(tools.runs().some((run) => run.args.join(' ') === '-v sdr'), 'not in the first sample: readiness waits for it');
  t.equal(first.sensors?.find((s) => s.id === 'ipmi:CPU Temp')?.ranges, undefined);
  now += 20_000;
  const second = await ipmi.sample(ctx());
  t.same(tools.runs().slice(-3).map((run) => run.args.join(' ')), ['sdr elist', 'dcmi power reading', '-v sdr'], 'last, after dcmi');
  t.same(second.sensors?.find((s) => s.id === 'ipmi:CPU Temp')?.ranges, { nominal: 45, normalMin: 5, normalMax: 75 },
    'the ranges of `-v sdr`, and only they: its reading (82) and thresholds (ucr 95) do not replace the others\'');
  t.match(second.sensors?.find((s) => s.id === 'ipmi:CPU Temp'), { value: 96, thresholds: { upperCritical: 90, upperFatal: 95 } });
  t.same(ipmi.lastReport?.outputs.at(-1), { source: `${join(tools.dir, 'ipmitool')} -v sdr`, format: 'sdr-verbose', records: 6, noiseLines: 3, partial: false, rangesOnly: true });
});

t.test('rangeRefresh with FreeIPMI: ipmi-sensors -v gives the ranges from the second sample on, only they merged', async (t) => {
  const tools = fakeTools(t, { 'ipmi-sensors': { "*'--comma-separated-output'*": print('freeipmi-state-thresholds.csv'), "'-v --quiet-cache'": print('freeipmi-verbose.txt') } });
  let now = 1_000_000;
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'freeipmi', rangeRefresh: 600, commandTimeout: 5_000 }, deps({ now: () => now }));
  const ctx = () => ({ ...context(), deadline: now + 10_000 });
  const first = await ipmi.sample(ctx());
  t.equal(first.sensors?.find((s) => s.id === 'ipmi:FAN1')?.ranges, undefined, 'not in the first sample');
  now += 20_000;
  const second = await ipmi.sample(ctx());
  t.same(tools.runs().map((run) => run.args.at(0)), ['--output-sensor-state', '--output-sensor-state', '-v']);
  t.match(second.sensors?.find((s) => s.id === 'ipmi:FAN1'), { value: 1400, ranges: { nominal: 5325, maxReadable: 19125 } },
    "the verbose listing's ranges, not its reading (225)");
  t.match(ipmi.lastReport?.outputs.at(-1), { source: /ipmi-sensors -v --quiet-cache$/, format: 'freeipmi', records: 5, partial: false, rangesOnly: true });
  now += 20_000;
  await ipmi.sample(ctx());
  t.equal(tools.runs().filter((run) => run.args[0] === '-v').length, 1, 'not again before rangeRefresh');
});

t.test('through callProvider with dcmi on: a -v sdr that would outlast the deadline is not started, and the sample is served', async (t) => {
  // The BMC takes longer over -v sdr than the sample's timeout: started, it would hold the sample to its deadline.
  const tools = fakeTools(t, { ipmitool: { ...IPMITOOL_OK, "*'-v sdr'": 'sleep 60' } });
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', rangeRefresh: 600, dcmi: true }, deps());
  const ctx = context();
  const call = () => callProvider({ what: 'sample', timeoutMs: 8_000, log: ctx.log, repository: ctx.repository }, (c) => ipmi.sample(c));
  for (const sample of [1, 2]) {
    const snapshot = await call();
    t.match(snapshot.sensors?.at(-1), { id: 'ipmi:dcmi:power', value: 212 }, `sample ${sample}: dcmi read`);
  }
  t.notOk(tools.runs().some((run) => run.args.join(' ') === '-v sdr'), 'commandTimeout (30 s) + margin is more than the 8 s left');
  t.ok(ctx.entries.some((e) => e.level === 'debug' && /ranges wait for a later sample/.test(e.msg ?? '')));
});

t.test('a -v sdr run stopped part-way is tried again next sample; one that ran is not before rangeRefresh', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK });
  let stopped = false;
  const run: typeof runCommand = (file, args, options) => {
    if (args.includes('-v') && !stopped) {
      stopped = true;
      return Promise.reject(new CommandError('ABORTED', 'ipmitool -v sdr', 'aborted'));
    }
    return runCommand(file, args, options);
  };
  let now = 1_000_000;
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', rangeRefresh: 600, commandTimeout: 5_000 }, deps({ now: () => now, run }));
  const ctx = () => ({ ...context(), deadline: now + 10_000 });
  await ipmi.sample(ctx());
  now += 20_000;
  const second = await ipmi.sample(ctx());
  t.ok(stopped, 'the second sample started -v sdr, and it was stopped');
  t.equal(second.sensors?.find((s) => s.id === 'ipmi:CPU Temp')?.ranges, undefined, 'the sample is served without ranges');
  now += 20_000;
  const third = await ipmi.sample(ctx());
  t.same(third.sensors?.find((s) => s.id === 'ipmi:CPU Temp')?.ranges, { nominal: 45, normalMin: 5, normalMax: 75 }, 'read again at once');
  now += 20_000;
  await ipmi.sample(ctx());
  t.equal(tools.runs().filter((r) => r.args.join(' ') === '-v sdr').length, 1, 'not again before rangeRefresh');
});

/** The ranges of sdr-verbose-two-ranges.txt read whole, as a first -v sdr gives them. */
const TWO_RANGES = {
  'ipmi:CPU Temp': { nominal: 45, normalMin: 5, normalMax: 75 },
  'ipmi:Pwr Consumption': { nominal: 1034, normalMax: 1056, maxReadable: 5588 },
};

/**
 * A provider whose -v sdr prints sdr-verbose-two-ranges.txt whole, then, a rangeRefresh later, runs the shell
 * commands `next` (given the fixture's path) instead; the ranges its samples serve after each read.
 */
async function rangesReadTwice(t: Test, next: (fixture: string) => string) {
  const two = join(FIXTURES, 'sdr-verbose-two-ranges.txt');
  const script = `if [ -e "$(dirname "$0")/next" ]; then ${next(two)}; fi; cat '${two}'`;
  const tools = fakeTools(t, { ipmitool: { ...IPMITOOL_OK, "*'-v sdr'": script } });
  let now = 1_000_000;
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', rangeRefresh: 600, commandTimeout: 5_000 }, deps({ now: () => now }));
  const ctx = () => ({ ...context(), deadline: now + 10_000 });
  const ranges = (snapshot: HardwareSnapshot) => Object.fromEntries((snapshot.sensors ?? []).filter((s) => s.ranges).map((s) => [s.id, s.ranges]));
  await ipmi.sample(ctx());
  now += 20_000;
  const first = ranges(await ipmi.sample(ctx()));
  writeFileSync(join(tools.dir, 'next'), '');
  now += 600_000;
  return { ipmi, first, second: ranges(await ipmi.sample(ctx())) };
}

t.test('a partial -v sdr keeps the last ranges of the records it did not reach, and does not make the sample partial', async (t) => {
  // The cut run prints CPU Temp (its nominal moved to 50) and fails before Pwr Consumption.
  const { ipmi, first, second } = await rangesReadTwice(t, (two) =>
    `head -n 12 '${two}' | sed 's/45.000/50.000/'; echo "Unable to send command: Invalid argument"; exit 1`);
  t.same(first, TWO_RANGES);
  t.same(second, {
    'ipmi:CPU Temp': { nominal: 50, normalMin: 5, normalMax: 75 },
    'ipmi:Pwr Consumption': { nominal: 1034, normalMax: 1056, maxReadable: 5588 },
  }, 'what the cut run read, over the last good ranges');
  t.equal(ipmi.lastReport?.partial, false, 'every sensor is there');
  t.match(ipmi.lastReport?.outputs.at(-1), { source: /-v sdr$/, records: 1, partial: true, rangesOnly: true, error: /exited with code 1/ });
});

t.test('a whole -v sdr replaces the last ranges: a bound now "Unspecified" and a record no longer listed are gone', async (t) => {
  // The second whole read has CPU Temp's Normal Maximum "Unspecified" and no longer lists Pwr Consumption: a merge
  // over the last ranges would serve both forever.
  const { first, second } = await rangesReadTwice(t, (two) => `head -n 11 '${two}' | sed 's/75.000/Unspecified/'; exit 0`);
  t.same(first, TWO_RANGES);
  t.same(second, { 'ipmi:CPU Temp': { nominal: 45, normalMin: 5 } }, 'what the whole read says, alone');
});

t.test('a -v sdr read that throws is stamped and warned of, not re-run every sample', async (t) => {
  // A repeatable failure (here the runner rejecting with a plain Error, as a parser or merge exception would).
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK });
  let reads = 0;
  const run: typeof runCommand = (file, args, options) => {
    if (args.includes('-v')) {
      reads += 1;
      return Promise.reject(new Error('cannot parse the listing'));
    }
    return runCommand(file, args, options);
  };
  let now = 1_000_000;
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', rangeRefresh: 600, commandTimeout: 5_000 }, deps({ now: () => now, run }));
  await ipmi.sample({ ...context(), deadline: now + 10_000 });
  now += 20_000;
  const ctx = context();
  await ipmi.sample({ ...ctx, deadline: now + 10_000 });
  t.ok(ctx.entries.some((e) => e.level === 'warn' && /ranges/.test(e.msg ?? '') && /cannot parse the listing/.test(inspect(e.obj))), 'warned of');
  now += 20_000;
  await ipmi.sample({ ...context(), deadline: now + 10_000 });
  t.equal(reads, 1, 'not read again 20 s later');
  now += 600_000;
  await ipmi.sample({ ...context(), deadline: now + 10_000 });
  t.equal(reads, 2, 'read again at the next rangeRefresh');
});

t.test('ranges are read once per rangeRefresh, last in a sample; a failed read is not retried before it, nor fails the sample', async (t) => {
  const tools = fakeTools(t, { ipmitool: { ...IPMITOOL_OK, "*'-v sdr'": `if [ -e "$(dirname "$0")/bmc-busy" ]; then exit 1; fi; ${print('sdr-verbose.txt')}` } });
  let now = 1_000_000;
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', rangeRefresh: 600, commandTimeout: 5_000 }, deps({ now: () => now }));
  const ctx = () => ({ ...context(), deadline: now + 10_000 });
  const cpuRanges = (snapshot: HardwareSnapshot) => snapshot.sensors?.find((s) => s.id === 'ipmi:CPU Temp')?.ranges;
  await ipmi.sample(ctx());
  now += 20_000;
  t.same(cpuRanges(await ipmi.sample(ctx())), { nominal: 45, normalMin: 5, normalMax: 75 });
  now += 300_000;
  t.same(cpuRanges(await ipmi.sample(ctx())), { nominal: 45, normalMin: 5, normalMax: 75 }, 'kept between reads');
  writeFileSync(join(tools.dir, 'bmc-busy'), '');
  now += 300_000;
  t.same(cpuRanges(await ipmi.sample(ctx())), { nominal: 45, normalMin: 5, normalMax: 75 }, 'a failed read keeps the last good ranges');
  now += 20_000;
  await ipmi.sample(ctx());
  t.same(tools.runs().filter((run) => run.args.join(' ') === '-v sdr').length, 2, 'read at 20 and 620 s, not again 20 s after the failure');
});

t.test('less than commandTimeout and a margin left before the deadline: the sample is served without ranges, read later', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK });
  let now = 1_000_000;
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', rangeRefresh: 600, commandTimeout: 5_000 }, deps({ now: () => now }));
  await ipmi.sample({ ...context(), deadline: now + 10_000 });
  now += 20_000;
  const ctx = context();
  const short = await ipmi.sample({ ...ctx, deadline: now + 5_000 + RANGE_MARGIN_MS - 1 });
  t.equal(short.sensors?.find((s) => s.id === 'ipmi:CPU Temp')?.ranges, undefined);
  t.notOk(tools.runs().some((run) => run.args.join(' ') === '-v sdr'));
  t.ok(ctx.entries.some((e) => e.level === 'debug' && /ranges wait for a later sample/.test(e.msg ?? '')));
  now += 20_000;
  const second = await ipmi.sample({ ...context(), deadline: now + 5_000 + RANGE_MARGIN_MS });
  t.same(second.sensors?.find((s) => s.id === 'ipmi:CPU Temp')?.ranges, { nominal: 45, normalMin: 5, normalMax: 75 });
});

t.test('a sample timeout too short for commandTimeout and the margin: warned of once, as the ranges would never be read', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK });
  let now = 1_000_000;
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', rangeRefresh: 600, commandTimeout: 30_000 }, deps({ now: () => now }));
  const ctx = context();
  const warnings = () => ctx.entries.filter((e) => e.level === 'warn' && /rangeRefresh/.test(e.msg ?? ''));
  for (const sample of [1, 2, 3]) {
    await ipmi.sample({ ...ctx, deadline: now + 10_000 });
    now += 20_000;
    t.equal(warnings().length, 1, `sample ${sample}: one warning in all`);
  }
  t.match(warnings()[0]?.msg, /timeout.*commandTimeout/);
  t.notOk(tools.runs().some((run) => run.args.join(' ') === '-v sdr'));
  const roomy = context();
  const enough = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', rangeRefresh: 600, commandTimeout: 5_000 }, deps({ now: () => now }));
  await enough.sample({ ...roomy, deadline: now + 5_000 + RANGE_MARGIN_MS });
  t.notOk(roomy.entries.some((e) => e.level === 'warn'), 'not when the timeout holds a whole -v sdr');
});

t.test('thresholds and FRU are read again only when older than their refresh', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK });
  let now = 1_000_000;
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', thresholdRefresh: 60, fruRefresh: 600 }, deps({ now: () => now }));
  const ctx = () => ({ ...context(), deadline: now + 10_000 });
  await ipmi.sample(ctx());
  now += 30_000;
  const second = await ipmi.sample(ctx());
  t.match(second.sensors?.find((s) => s.id === 'ipmi:CPU Temp'), { thresholds: { upperCritical: 90 } }, 'cached thresholds still apply');
  t.match(second.chassis, [{ type: 'Rack Mount Chassis' }]);
  now += 31_000;
  await ipmi.sample(ctx());
  const commands = tools.runs().map((run) => run.args.join(' '));
  t.same(commands.filter((c) => c === 'sensor').length, 2);
  t.same(commands.filter((c) => c === 'fru print 0').length, 1);
  t.same(commands.filter((c) => c === 'sdr elist').length, 3);
});

t.test('auto: a failing ipmitool gives way to FreeIPMI', async (t) => {
  const tools = fakeTools(t, {
    ipmitool: { '*': 'echo "Could not open device at /dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0: No such file or directory" >&2; exit 1' },
    'ipmi-sensors': { "'--sdr-info'": 'echo "SDR version : 1.5"', "*'--comma-separated-output'*": print('freeipmi-state-thresholds.csv') },
  });
  const ipmi = createIpmiProvider({ path: tools.dir }, deps());
  const ctx = context();
  t.equal(await ipmi.detect?.(ctx), true);
  const snapshot = await ipmi.sample(context());
  t.match(ipmi.lastReport, { reader: 'freeipmi', outputs: [{ format: 'freeipmi', records: 10 }] });
  t.match(snapshot.redundancy, [{ label: 'PS Redundancy', status: 'lost' }]);
  t.same(tools.runs().at(-1)?.args, ['--output-sensor-state', '--output-sensor-thresholds', '--comma-separated-output', '--quiet-cache', '--sdr-cache-recreate']);
  t.ok(ctx.entries.some((e) => e.level === 'debug' && /ipmitool mc info found no BMC/.test(e.msg ?? '') && /Could not open device/.test(JSON.stringify(e.obj))));
});

t.test('no tool on the path: detect says false, sample fails with NO_TOOL', async (t) => {
  const tools = fakeTools(t, {});
  const ipmi = createIpmiProvider({ path: tools.dir }, deps());
  t.match(await ipmi.detect?.(context()), { found: false, reason: /^no BMC answered: ipmitool is not on the path \(.*\); ipmi-sensors is not on the path/ },
    'detect says why, for the start-up log');
  await t.rejects(ipmi.sample(context()), { name: 'IpmiError', code: 'NO_TOOL', message: /^no BMC answered: ipmitool is not on the path \(.*\); ipmi-sensors is not on the path/ });
  const only = createIpmiProvider({ path: fakeTools(t, { 'ipmi-sensors': { '*': 'exit 0' } }).dir, tool: 'ipmitool' }, deps());
  t.match(await only.detect?.(context()), { found: false, reason: /^no BMC answered: ipmitool is not on the path/ }, "tool: 'ipmitool' does not fall back");
});

t.test('a hanging tool is killed at the deadline, with its children', async (t) => {
  const tools = fakeTools(t, { ipmitool: { '*': 'sleep 60 & echo $! > "$(dirname "$0")/sleeper.pid"; wait' } });
  const pidFile = join(tools.dir, 'sleeper.pid');
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', commandTimeout: 400 }, deps());
  t.match(await ipmi.detect?.(context()), { found: false }, 'detect returns: the run was stopped at its deadline');
  t.ok(gone(Number(readFileSync(pidFile, 'utf8'))), 'the grandchild is gone');
});

t.test('noise and partial output: the records printed before the failure are used, and flagged', async (t) => {
  const partial = `printf 'Get HPM.x Capabilities request failed, compcode = c9\\n'; head -n 5 '${join(FIXTURES, 'sdr-elist.txt')}'; echo "Unable to send command: Invalid argument"; exit 1`;
  const tools = fakeTools(t, { ipmitool: { "'sdr elist'": partial, sensor: 'sleep 30', "'fru print 0'": 'exit 1' } });
  // tool: 'ipmitool' is taken without a probe: the fake answers no 'mc info'.
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', commandTimeout: 500 }, deps());
  const ctx = context();
  const snapshot = await ipmi.sample(ctx);
  t.same(snapshot.sensors?.map((s) => s.id), ['ipmi:Inlet Temp', 'ipmi:Exhaust Temp', 'ipmi:CPU Temp', 'ipmi:Fan1A', 'ipmi:Fan1B']);
  t.match(ipmi.lastReport, {
    partial: true,
    outputs: [
      { source: `${join(tools.dir, 'ipmitool')} sdr elist`, records: 5, noiseLines: 2, partial: true, error: /exited with code 1/ },
      { source: /sensor$/, records: 0, partial: false, error: /timed out after/ },
      { source: /fru print 0$/, records: 0, partial: false, error: /exited with code 1/ },
    ],
  });
  t.ok(ctx.entries.some((e) => e.level === 'warn' && /partial output of .* sdr elist/.test(e.msg ?? '')));
  t.ok(ctx.entries.some((e) => e.level === 'warn' && /sensor failed; kept its last good output/.test(e.msg ?? '')));
});

t.test('a tool that fails without output fails the sample with its own words', async (t) => {
  const failing = fakeTools(t, { ipmitool: { '*': 'echo "Error: Unable to establish IPMI v2 / RMCP+ session" >&2; exit 1' } });
  const ipmi = createIpmiProvider({ path: failing.dir, tool: 'ipmitool' }, deps());
  await t.rejects(ipmi.sample(context()), { code: 'TOOL_FAILED', message: /exited with code 1: Error: Unable to establish IPMI v2/ });
  const silent = fakeTools(t, { ipmitool: { "'sdr elist'": 'echo "nothing to see"' } });
  await t.rejects(createIpmiProvider({ path: silent.dir, tool: 'ipmitool' }, deps()).sample(context()), { code: 'NO_RECORDS', line: 1, message: /printed no sensor record: "nothing to see"/ });
});

t.test('a tool that disappears is looked for again', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK });
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool' }, deps());
  t.equal(await ipmi.detect?.(context()), true);
  rmSync(join(tools.dir, 'ipmitool'));
  await t.rejects(ipmi.sample(context()), { code: 'NO_TOOL', message: /cannot run/ });
  await t.rejects(ipmi.sample(context()), { code: 'NO_TOOL', message: /ipmitool is not on the path/ });
});

t.test('deadlines, aborts and close()', async (t) => {
  const tools = fakeTools(t, { ipmitool: { '*': 'sleep 30' } });
  const late = createIpmiProvider({ path: tools.dir, tool: 'ipmitool' }, deps());
  await t.rejects(late.sample({ ...context(), deadline: Date.now() - 1 }), { code: 'TOOL_FAILED', message: /no time left/ });
  const controller = new AbortController();
  const aborted = createIpmiProvider({ path: tools.dir, tool: 'ipmitool' }, deps());
  const sampling = aborted.sample(context({ signal: controller.signal }));
  setTimeout(() => controller.abort(), 200);
  await t.rejects(sampling, { name: 'CommandError', code: 'ABORTED' });
  const closing = createIpmiProvider({ path: tools.dir, tool: 'ipmitool' }, deps());
  const pending = closing.sample(context());
  setTimeout(() => void closing.close?.(), 200);
  await t.rejects(pending, { code: 'ABORTED' });
});

t.test('dcmi: the power reading joins the sample when asked', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK });
  const snapshot = await createIpmiProvider({ path: tools.dir, tool: 'ipmitool', dcmi: true }, deps()).sample(context());
  t.match(snapshot.sensors?.at(-1), { id: 'ipmi:dcmi:power', value: 212 });
});

t.test('LAN with ipmitool: the password goes by environment (-E) or file (-f), never on the command line or in logs', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK });
  const ctx = context();
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', host: 'bmc.example', user: 'monitor', password: 's3cr3t-pw', port: 6230 }, deps());
  t.equal(await ipmi.detect?.(ctx), true);
  await ipmi.sample(ctx);
  const isVersion = (run: { args: string[] }): boolean => run.args.join(' ') === '-V';
  t.same(tools.runs().filter(isVersion), [{ args: ['-V'], password: '<unset>' }], 'the version is asked once, of the tool alone, without the BMC or its password');
  for (const run of tools.runs().filter((run) => !isVersion(run))) {
    t.same(run.args.slice(0, 9), ['-I', 'lanplus', '-H', 'bmc.example', '-p', '6230', '-U', 'monitor', '-E']);
    t.notOk(run.args.some((arg) => arg.includes('s3cr3t-pw')), 'not in argv');
    t.equal(run.password, 's3cr3t-pw', 'in the environment of the run');
  }
  t.notMatch(JSON.stringify(ctx.entries) + JSON.stringify(ipmi.lastReport) + inspect(ipmi, { depth: 10 }), /s3cr3t-pw/);

  const file = join(tools.dir, 'bmc-password');
  writeFileSync(file, 'filepw\n', { mode: 0o600 });
  const viaFile = createIpmiProvider({ path: tools.dir, tool: 'ipmitool', host: 'bmc.example', passwordFile: file, interface: 'lan' }, deps({ env: { ...ENV, IPMI_PASSWORD: 'inherited' } }));
  await viaFile.sample(context());
  const last = tools.runs().at(-1);
  t.same(last?.args.slice(0, 6), ['-I', 'lan', '-H', 'bmc.example', '-f', file]);
  t.equal(last?.password, '<unset>', "the broker's own IPMI_PASSWORD is not passed on");
});

t.test('LAN with FreeIPMI: the password goes in a private configuration file, removed after the run', async (t) => {
  const tools = fakeTools(t, { 'ipmi-sensors': { '*--comma-separated-output*': print('freeipmi-state-thresholds.csv'), '*': 'exit 0' } });
  const ctx = context();
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'freeipmi', host: 'fe80::1', user: 'monitor', password: 'fr33-pw', port: 623 }, deps());
  await ipmi.sample(ctx);
  const run = tools.runs().at(-1);
  t.same(run?.args.slice(0, 3), ['--driver-type=LAN_2_0', '--hostname=[fe80::1]:623', '--username=monitor']);
  t.same(run?.config, { mode: '600', text: 'password fr33-pw' });
  t.notOk(run?.args.some((arg) => arg.includes('fr33-pw')));
  const configFile = run?.args.find((arg) => arg.startsWith('--config-file='))?.slice('--config-file='.length) ?? '';
  t.notOk(existsSync(configFile), 'the configuration file is gone');
  t.notMatch(JSON.stringify(ctx.entries) + JSON.stringify(ipmi.lastReport), /fr33-pw/);

  const file = join(tools.dir, 'pw');
  writeFileSync(file, 'from-file\n');
  await createIpmiProvider({ path: tools.dir, tool: 'freeipmi', host: 'bmc', passwordFile: file, interface: 'lan' }, deps()).sample(context());
  t.match(tools.runs().at(-1), { args: ['--driver-type=LAN', '--hostname=bmc'], config: { text: 'password from-file' } });
  const spaced = createIpmiProvider({ path: tools.dir, tool: 'freeipmi', host: 'bmc', password: 'two words' }, deps());
  await t.rejects(spaced.sample(context()), { code: 'BAD_OPTION', message: /FreeIPMI cannot take this password/ });
  const missing = createIpmiProvider({ path: tools.dir, tool: 'freeipmi', host: 'bmc', passwordFile: join(tools.dir, 'nope') }, deps());
  await t.rejects(missing.sample(context()), { code: 'FILE', message: /cannot read passwordFile/ });
});

t.test('recordings: sdr and sensor files merged, fru replayed, no tool run', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK });
  const ipmi = createIpmiProvider(
    { path: tools.dir, sdrFile: join(FIXTURES, 'sdr-verbose.txt'), sensorFile: join(FIXTURES, 'sensor.txt'), fruFile: join(FIXTURES, 'fru.txt') },
    deps(),
  );
  t.equal(await ipmi.detect?.(context()), true);
  const snapshot = await ipmi.sample(context());
  t.same(tools.runs(), [], 'no tool was called');
  t.match(snapshot.sensors?.find((s) => s.id === 'ipmi:CPU Temp'), { value: 82, decimals: 0, health: 'warning', thresholds: { upperCritical: 95 } });
  t.ok(snapshot.sensors?.some((s) => s.id === 'ipmi:FAN1'), 'records only the sensor table lists are replayed too');
  t.match(snapshot.chassis, [{ serialNumber: 'C8190LJ24AB0123' }]);
  t.match(ipmi.lastReport, { reader: 'recording', outputs: [{ format: 'sdr-verbose', records: 6 }, { format: 'sensor', records: 10 }, { format: 'fru', records: 3 }] });
  const free = createIpmiProvider({ sdrFile: join(FIXTURES, 'freeipmi-default.txt') }, deps());
  t.match((await free.sample(context())).powerSupplies, [{ status: 'ok' }, { status: 'failed' }]);
  const sensorOnly = createIpmiProvider({ sensorFile: join(FIXTURES, 'sensor.txt') }, deps());
  t.equal((await sensorOnly.sample(context())).sensors?.length, 6);
});

t.test('recordings: missing, oversized or mislabelled files are clear errors', async (t) => {
  const missing = createIpmiProvider({ sdrFile: join(FIXTURES, 'nope.txt') }, deps());
  await t.rejects(async () => missing.detect?.(context()), { code: 'FILE', message: /cannot read recording .*nope\.txt/ });
  const large = createIpmiProvider({ sdrFile: join(FIXTURES, 'sdr-elist.txt'), maxOutputBytes: 100 }, deps());
  await t.rejects(large.sample(context()), { code: 'FILE', message: /more than maxOutputBytes \(100\)/ });
  const wrongFru = createIpmiProvider({ sdrFile: join(FIXTURES, 'sdr-elist.txt'), fruFile: join(FIXTURES, 'sdr-list.txt') }, deps());
  await t.rejects(wrongFru.sample(context()), { code: 'WRONG_FORMAT', message: /fruFile .* is sdr-list output/ });
  const wrongSdr = createIpmiProvider({ sdrFile: join(FIXTURES, 'fru.txt') }, deps());
  await t.rejects(wrongSdr.sample(context()), { code: 'WRONG_FORMAT', message: /sdrFile .*fru\.txt is `fru print`/ });
  const garbage = join(fakeTools(t, {}).dir, 'garbage.txt');
  writeFileSync(garbage, 'hello\n');
  await t.rejects(createIpmiProvider({ sdrFile: garbage }, deps()).sample(context()), { code: 'UNRECOGNISED_FORMAT', line: 1 });
});

t.test('bad options fail at creation', async (t) => {
  t.throws(() => createIpmiProvider({ tool: 'both' }, deps()), { code: 'BAD_OPTION' });
  t.throws(() => createIpmiProvider({ sdrfile: 'typo' }, deps()), { code: 'BAD_OPTION', message: /'sdrfile' is unknown/ });
});

t.test('the provider prefers a slow schedule', async (t) => {
  t.same(createIpmiProvider({}, deps()).defaults, { interval: 20, timeout: 60_000 });
});

t.test('tool as a path, and the local interface, reach the command line', async (t) => {
  const tools = fakeTools(t, { ipmitool: IPMITOOL_OK, 'ipmi-sensors': { '*--comma-separated-output*': print('freeipmi-noheader.txt'), '*': 'exit 0' } });
  const ipmi = createIpmiProvider({ tool: join(tools.dir, 'ipmitool'), path: '/nonexistent', interface: 'imb' }, deps());
  t.equal(await ipmi.detect?.(context()), true);
  t.same(tools.runs()[0]?.args, ['-I', 'imb', 'mc', 'info']);
  await createIpmiProvider({ tool: 'freeipmi', path: tools.dir, interface: 'open' }, deps()).sample(context());
  t.equal(tools.runs().at(-1)?.args[0], '--driver-type=OPENIPMI');
  const auto = createIpmiProvider({ path: fakeTools(t, { 'ipmi-sensors': { '*': 'exit 0' } }).dir, interface: 'imb' }, deps());
  t.match(await auto.detect?.(context()), { found: false }, 'auto leaves FreeIPMI out for an interface it has no driver for');
  const missing = createIpmiProvider({ tool: join(tools.dir, 'nope', 'ipmitool') }, deps());
  await t.rejects(missing.sample(context()), { code: 'NO_TOOL', message: /nope\/ipmitool is not an executable/ });
});

t.test('live: the state-offset reading of ipmitool before 1.8.12 applies only when `ipmitool -V` says so', async (t) => {
  const runWith = async (version: string) => {
    const tools = fakeTools(t, { ipmitool: { '-V': version, "*'sdr elist'": print('sdr-elist-current-failures.txt'), '*sensor': 'true', "*'fru print 0'": 'exit 1' } });
    const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool' }, deps());
    await ipmi.sample(context());
    const snapshot = await ipmi.sample(context());
    const told = version.includes('version 1.');
    t.equal(tools.runs().filter((run) => run.args.join(' ') === '-V').length, told ? 1 : 2,
      `${version}: ${told ? 'asked once' : 'asked again next sample: an answer without a version (a timeout on a loaded host) is not kept'}`);
    return snapshot;
  };
  for (const version of ['echo "ipmitool version 1.8.19"', 'echo "ipmitool version 1.8.12"', 'echo "unexpected"', 'echo "ipmitool: unknown option -- V" >&2; exit 1']) {
    const snapshot = await runWith(version);
    t.same(snapshot.sensors?.map((s) => [s.id, s.health]), [
      ['ipmi:Fan 2', 'fatal'], ['ipmi:Fan 1', 'critical'], ['ipmi:Power Meter', 'critical'], ['ipmi:Aux Sensor', 'critical'],
    ], `${version}: every status is a verdict`);
  }
  const old = await runWith('echo "ipmitool version 1.8.11"');
  t.match(old.sensors, [{ id: 'ipmi:Fan 2', health: 'fatal' }, { id: 'ipmi:Fan 1', health: 'critical' }, { id: 'ipmi:Power Meter', health: undefined }, { id: 'ipmi:Aux Sensor', health: 'critical' }],
    "1.8.11: HP's power meter's lcr is offset 1 (Device Enabled); the fans and the other sensor are no records the captures show packed");
  t.match(old.discreteSensors, [{ id: 'ipmi:Power Meter:state', state: 'Device Enabled' }]);
});

t.test('a tool found again after it disappeared is asked its version again', async (t) => {
  const meter = `echo 'Power Meter      | 2Ah | lcr |  7.1 | 208 Watts'`;
  const behaviour = (version: string) => ({ '-V': `echo "ipmitool version ${version}"`, "*'sdr elist'": meter, '*sensor': 'true', "*'fru print 0'": 'exit 1' });
  const tools = fakeTools(t, { ipmitool: behaviour('1.8.19') });
  const ipmi = createIpmiProvider({ path: tools.dir, tool: 'ipmitool' }, deps());
  t.match((await ipmi.sample(context())).sensors, [{ id: 'ipmi:Power Meter', health: 'critical' }], '1.8.19: a verdict');
  rmSync(join(tools.dir, 'ipmitool'));
  await t.rejects(ipmi.sample(context()), { code: 'NO_TOOL' });
  copyFileSync(join(fakeTools(t, { ipmitool: behaviour('1.8.11') }).dir, 'ipmitool'), join(tools.dir, 'ipmitool'));
  t.match((await ipmi.sample(context())).discreteSensors, [{ id: 'ipmi:Power Meter:state', state: 'Device Enabled' }], 'the 1.8.11 found next: a state');
});

t.test('recordings: ipmitoolVersion declares the ipmitool that printed them; without it a status is a verdict', async (t) => {
  const replay = (options: Record<string, unknown>) => createIpmiProvider({ sdrFile: join(FIXTURES, 'sdr-list-hp-dl360-g5.txt'), ...options }, deps()).sample(context());
  // HP DL360 G5 from the munin plugin ipmitool_sensor_'s README: printed by an ipmitool before 1.8.12 (see rules.test.ts).
  const old = await replay({ ipmitoolVersion: '1.8.11' });
  t.equal(old.fans?.length, 3, 'three fan blocks, no other');
  t.match(old.fans, [{ label: 'Fan Block 1', status: 'ok' }, { label: 'Fan Block 2', status: 'ok' }, { label: 'Fan Block 3', status: 'ok' }]);
  for (const options of [{}, { ipmitoolVersion: '1.8.12' }]) {
    const current = await replay(options);
    t.match(current.fans, [{ label: 'Fan Block 1', status: 'degraded' }, { label: 'Fan Block 2', status: 'degraded' }, { label: 'Fan Block 3', status: 'degraded' }], `${JSON.stringify(options)}: nc is a verdict`);
    t.match(current.sensors?.find((s) => s.id === 'ipmi:Power Meter'), { health: 'critical' });
  }
  t.throws(() => createIpmiProvider({ ipmitoolVersion: '1.8.11' }, deps()), { code: 'BAD_OPTION', message: /declares the version of a recording/ });
  t.throws(() => createIpmiProvider({ sdrFile: 'x', ipmitoolVersion: 'old' }, deps()), { code: 'BAD_OPTION', message: /such as '1.8.11'/ });
});

t.test("recordings of ipmitool 1.8.11: a fan block's state is that fan's status; from a current ipmitool 'cr' fails it", async (t) => {
  // The DL360 G5 capture above with Fan Block 2 printed 'cr' (rules.test.ts): offset 1 or 4, In Test or Off Line.
  const replay = (options: Record<string, unknown>) =>
    createIpmiProvider({ sdrFile: join(FIXTURES, 'sdr-list-hp-dl360-g5-fan-off-line.txt'), ...options }, deps()).sample(context());
  const old = await replay({ ipmitoolVersion: '1.8.11' });
  t.equal(old.fans?.length, 3, 'three fan blocks, no other');
  t.match(old.fans, [
    { label: 'Fan Block 1', status: 'ok' },
    { label: 'Fan Block 2', status: 'degraded', statusReason: 'Transition to In Test or Transition to Off Line (ipmitool before 1.8.12 cannot tell)' },
    { label: 'Fan Block 3', status: 'ok' },
  ]);
  const undeclared = (await replay({})).fans;
  t.equal(undeclared?.length, 3);
  t.match(undeclared, [{ status: 'degraded' }, { status: 'failed' }, { status: 'degraded' }], 'undeclared: every status a verdict, cr a failure');
});

t.test('a supply pulled while the provider runs is failed ("removed"), not an empty bay', async (t) => {
  // The chassis CMM capture (rules.test.ts), bay 1 first holding a supply, then empty.
  const file = join(fakeTools(t, {}).dir, 'sensor.txt'); // a temporary directory, removed after the test
  const captured = readFileSync(join(FIXTURES, 'sensor-cmm-empty-bays.txt'), 'utf8');
  writeFileSync(file, captured.replace(/^(PSU1_Present +\| 0x0 +\| discrete +\| )0x0180/m, '$10x0280').replace(/^(PSU1_Status +\| 0x0 +\| discrete +\| )0x0080/m, '$10x0180'));
  const ipmi = createIpmiProvider({ sensorFile: file }, deps());
  const supplies = async (provider: ReturnType<typeof createIpmiProvider>) => {
    const list = (await provider.sample(context())).powerSupplies;
    t.equal(list?.length, 3, 'three bays, no other supply');
    return list;
  };
  t.match(await supplies(ipmi), [{ label: 'PSU1_Present', status: 'ok' }, { status: 'absent' }, { status: 'ok' }]);
  writeFileSync(file, captured);
  t.match(await supplies(ipmi), [{ label: 'PSU1_Present', status: 'failed', statusReason: 'removed' }, { status: 'absent' }, { status: 'ok' }]);
  t.match(await supplies(createIpmiProvider({ sensorFile: file }, deps())), [{ status: 'absent' }, { status: 'absent' }, { status: 'ok' }], 'a new run has seen none');
});

t.test('a supply pulled while the provider runs is removed even where the BMC drops its status record (its bay is remembered)', async (t) => {
  // Huawei iBMC sensors as `ipmitool sdr elist` prints them (RH2288 V3, GuanceCloud/datakit
  // internal/plugins/inputs/ipmi/testdata/RH2288V3.txt), no redundancy sensor; then supply 2 pulled, its status record gone.
  const file = join(fakeTools(t, {}).dir, 'sdr.txt'); // a temporary directory, removed after the test
  const board = ['PS1 Presence     | 31h | ok  |  7.96 | Device Present', 'PS1 Status       | 8Fh | ok  | 10.96 | '];
  writeFileSync(file, [...board, 'PS2 Presence     | 32h | ok  |  7.96 | Device Present', 'PS2 Status       | 91h | ok  | 10.97 | '].join('\n'));
  const ipmi = createIpmiProvider({ sensorFile: file }, deps());
  const supplies = async () => (await ipmi.sample(context())).powerSupplies?.map((p) => [p.id, p.status, p.statusReason]);
  t.same(await supplies(), [['ipmi:psu:10.96', 'ok', undefined], ['ipmi:psu:10.97', 'ok', undefined]]);
  writeFileSync(file, [...board, 'PS2 Presence     | 32h | ok  |  7.96 | Device Absent'].join('\n'));
  t.same(await supplies(), [['ipmi:psu:10.96', 'ok', undefined], ['ipmi:psu:PS2 Presence', 'failed', 'removed']]);
});

t.test('a record line that cannot be read is a warning naming the line, not a silent gap', async (t) => {
  const dir = fakeTools(t, {}).dir;
  const file = join(dir, 'elist.txt');
  writeFileSync(file, 'CPU Temp         | 30h | ok  |  3.1 | 45 degrees C\nOutlet           | 32h | ok  |  7.1 | 54.50 % degrees\nUnable to send command: Invalid argument\n');
  const ipmi = createIpmiProvider({ sdrFile: file }, deps());
  const ctx = context();
  const snapshot = await ipmi.sample(ctx);
  t.same(snapshot.sensors?.map((s) => s.id), ['ipmi:CPU Temp']);
  t.match(ipmi.lastReport?.outputs, [{ records: 1, noiseLines: 2, unreadRecords: 1 }]);
  const warning = ctx.entries.find((e) => e.level === 'warn');
  t.match(warning?.msg, /1 record line of .*elist\.txt could not be read \(line 2: "Outlet +\| 32h \| ok  \|  7\.1 \| 54\.50 % degrees"\)/);
});

t.test('an unread record line is warned of once, again when it changes, and its going away is said once', async (t) => {
  // A sensor the BMC always lists unreadably (the StarlingX cut '54.50 % degrees' on a name that says no temperature)
  // is in every sample: at the default 20 s interval a warning each time is 4,320 a day for one line.
  const file = join(fakeTools(t, {}).dir, 'elist.txt');
  const good = 'CPU Temp         | 30h | ok  |  3.1 | 45 degrees C';
  const unread = 'Outlet           | 32h | ok  |  7.1 | 54.50 % degrees';
  const other = 'Inlet            | 33h | ok  |  7.1 | 21.50 % degrees';
  const ipmi = createIpmiProvider({ sdrFile: file }, deps());
  const sample = async (lines: string[]) => {
    writeFileSync(file, `${lines.join('\n')}\n`);
    const ctx = context();
    await ipmi.sample(ctx);
    return ctx.entries.filter((e) => e.level !== 'trace' && e.level !== 'debug').map((e) => [e.level, e.msg]);
  };
  t.match(await sample([good, unread]), [['warn', /1 record line of .* \(line 2: "Outlet/]]);
  t.same(await sample([good, unread]), [], 'the same line again: no warning');
  t.equal(ipmi.lastReport?.outputs[0]?.unreadRecords, 1, 'lastReport still counts it');
  t.match(await sample([good, unread, other]), [['warn', /2 record lines of .* \(line 2: "Outlet/]], 'another count: warned');
  t.match(await sample([good, other]), [['warn', /1 record line of .* \(line 2: "Inlet/]], 'another first line: warned');
  t.match(await sample([good]), [['info', /every record line of .*elist\.txt is read again/]]);
  t.same(await sample([good]), [], 'said once');
});
