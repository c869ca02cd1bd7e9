import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import t from 'tap';
import type { ProviderContext } from '../../../src/providers/api.js';
import { loadProvider } from '../../../src/providers/loader.js';
import { validateSnapshot } from '../../../src/providers/validate.js';
import { recordingLogger, stubRepository } from '../../../test/providers/helpers.js';
import { attributeReader, createSysinfoProvider, resolveOptions, withRawDmi, type SysinfoSource } from '../index.js';
import { firstCpuModel, nodeCpuModel, type CpuHost } from '../raw.js';
import type { SysinfoData } from '../map.js';

function fixture(name: string): Required<SysinfoData> {
  return JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8')) as Required<SysinfoData>;
}

const dell = fixture('dell-poweredge-r6515');
/** /sys/class/dmi/id of the real R6515 (bios_date, product_name, sys_vendor; see fixtures/SOURCE.txt). */
const r6515Dmi = fileURLToPath(new URL('fixtures/dmi-poweredge-r6515', import.meta.url));

/** A source answering from `data`. */
const answering = (data: Required<SysinfoData>): SysinfoSource => source(data).src;

/** A source answering from `data`, counting calls per function; `fail` names functions that reject. */
function source(data: Required<SysinfoData>, fail: Set<string> = new Set()) {
  const calls: Record<string, number> = {};
  const answer = <K extends keyof SysinfoData>(part: K) => async () => {
    calls[part] = (calls[part] ?? 0) + 1;
    if (fail.has(part)) throw new Error(`${part} exploded`);
    return data[part];
  };
  const src: SysinfoSource = {
    system: answer('system'), chassis: answer('chassis'), baseboard: answer('baseboard'), bios: answer('bios'),
    cpu: answer('cpu'), memLayout: answer('memLayout'), battery: answer('battery'), cpuTemperature: answer('cpuTemperature'),
  };
  return { src, calls };
}

function context(log = recordingLogger()): ProviderContext {
  return { log, repository: stubRepository(), signal: new AbortController().signal, deadline: Date.now() + 1000 };
}

t.test('options: defaults per platform, and clear errors', async (t) => {
  t.same(resolveOptions({}, 'linux'), { cpuTemperature: false, inventoryTtlMs: 3_600_000 }, 'hwmon reports CPU temperatures on Linux');
  t.same(resolveOptions({}, 'darwin'), { cpuTemperature: true, inventoryTtlMs: 3_600_000 });
  t.same(resolveOptions({ cpuTemperature: true, inventoryTtl: 0, interval: 5, timeout: 100 }, 'linux'), { cpuTemperature: true, inventoryTtlMs: 0 });
  t.throws(() => resolveOptions({ cpuTemp: true }), { message: "unknown option 'cpuTemp' (known: interval, timeout, cpuTemperature, inventoryTtl)" });
  t.throws(() => resolveOptions({ cpuTemperature: 'yes' }), { message: 'cpuTemperature must be true or false, got "yes"' });
  t.throws(() => resolveOptions({ inventoryTtl: -1 }), { message: 'inventoryTtl must be a number of seconds ≥ 0, got -1' });
});

t.test('samples the host into a valid snapshot', async (t) => {
  const { src } = source(dell);
  const provider = createSysinfoProvider({ cpuTemperature: true, inventoryTtlMs: 1000 }, { source: src, hostname: () => 'srv1', now: () => 0 });
  t.match(provider, { kind: 'hardware', name: 'sysinfo', version: String, defaults: { interval: 20, timeout: 15_000 } });
  t.equal(provider.detect, undefined, 'always present: no detection');
  const snapshot = await provider.sample(context());
  validateSnapshot(snapshot);
  t.equal(snapshot.system?.serialNumber, '7N62AI2');
  t.equal(snapshot.sensors?.length, 1);
});

t.test('the inventory is read once per TTL; battery and temperatures every sample', async (t) => {
  let now = 0;
  const { src, calls } = source(dell);
  const provider = createSysinfoProvider({ cpuTemperature: true, inventoryTtlMs: 1000 }, { source: src, hostname: () => 'srv1', now: () => now });
  const first = await provider.sample(context());
  now = 999;
  const second = await provider.sample(context());
  t.same(second, first, 'the cached inventory gives the same snapshot');
  t.same(calls, { system: 1, chassis: 1, baseboard: 1, bios: 1, cpu: 1, memLayout: 1, battery: 2, cpuTemperature: 2 });
  now = 1000;
  await provider.sample(context());
  t.equal(calls.system, 2, 'read again when the TTL has passed');
});

t.test('a failing part is logged and left out; it is read again when the TTL has passed, not every sample', async (t) => {
  let now = 0;
  const fail = new Set(['bios', 'cpuTemperature']);
  const { src, calls } = source(dell, fail);
  const provider = createSysinfoProvider({ cpuTemperature: true, inventoryTtlMs: 60_000 }, { source: src, hostname: () => 'srv1', now: () => now });
  const log = recordingLogger();
  const snapshot = await provider.sample(context(log));
  t.same(snapshot.firmware, []);
  t.same(snapshot.sensors, []);
  t.equal(snapshot.system?.model, 'PowerEdge R6515');
  t.same(log.lines.filter((l) => l.level === 'warn').map((l) => (l.obj as { part: string }).part).sort(), ['bios', 'cpuTemperature']);
  now = 59_999;
  await provider.sample(context());
  t.same([calls.system, calls.bios, calls.cpuTemperature], [1, 1, 2], 'no dmidecode run for the inventory until its TTL has passed');
  fail.clear();
  now = 60_000;
  t.equal((await provider.sample(context())).firmware?.length, 1, 'read again with the rest, and answering');
  t.same([calls.system, calls.bios], [2, 2]);
});

t.test('a part that fails when the inventory is read again keeps what it last read: nothing vanishes for a sample', async (t) => {
  const fail = new Set<string>();
  const { src, calls } = source(dell, fail);
  const provider = createSysinfoProvider({ cpuTemperature: false, inventoryTtlMs: 0 }, { source: src, hostname: () => 'srv1', now: () => 0 });
  const first = await provider.sample(context());
  fail.add('memLayout').add('bios');
  const log = recordingLogger();
  const second = await provider.sample(context(log));
  t.same(second, first, 'the memory modules and the BIOS as last read');
  t.same(log.lines.filter((l) => l.level === 'warn').map((l) => (l.obj as { part: string }).part).sort(), ['bios', 'memLayout'], 'still logged');
  fail.clear();
  await provider.sample(context());
  t.equal(calls.memLayout, 3, 'read again at every inventory read (a TTL of 0: every sample)');
});

t.test('a part kept after a failed read lasts one TTL more at most: failing again, it is dropped and that is logged', async (t) => {
  let now = 0;
  const fail = new Set<string>();
  const { src, calls } = source(dell, fail);
  const provider = createSysinfoProvider({ cpuTemperature: false, inventoryTtlMs: 1000 }, { source: src, hostname: () => 'srv1', now: () => now });
  const first = await provider.sample(context());
  fail.add('memLayout').add('bios');
  now = 1000;
  t.same(await provider.sample(context()), first, 'kept for one TTL');
  now = 1999;
  t.same(await provider.sample(context()), first);
  t.equal(calls.memLayout, 2, 'not read again before the TTL has passed');
  now = 2000;
  const log = recordingLogger();
  const third = await provider.sample(context(log));
  t.same([third.memory, third.firmware], [[], []], 'failing again: dropped, not kept for ever');
  const dropped = log.lines.filter((l) => l.level === 'warn' && /dropped/.test(l.msg ?? ''));
  t.same(dropped.map((l) => (l.obj as { part: string }).part).sort(), ['bios', 'memLayout'], 'each drop logged');
  fail.clear();
  now = 3000;
  t.same(await provider.sample(context()), first, 'back when they answer');
});

t.test("systeminformation's stand-in for memory it couldn't read doesn't replace the modules it read before", async (t) => {
  // When dmidecode fails (it resolves anyway) systeminformation answers one "module" of all memory (os.totalmem()).
  const standIn = [{ size: 67108864000, bank: '', type: '', formFactor: '', clockSpeed: 0, manufacturer: '', partNum: '', serialNum: '' }];
  let layout = dell.memLayout;
  const { src, calls } = source(dell);
  src.memLayout = async () => { calls.memLayout = (calls.memLayout ?? 0) + 1; return layout; };
  const provider = createSysinfoProvider({ cpuTemperature: false, inventoryTtlMs: 0 }, { source: src, hostname: () => 'srv1', now: () => 0 });
  const first = await provider.sample(context());
  t.equal(first.memory?.length, 2);
  layout = standIn;
  const log = recordingLogger();
  const standInWarnings = () => log.lines.filter((l) => l.level === 'warn' && /stand-in/.test(l.msg ?? '')).length;
  t.same((await provider.sample(context(log))).memory, first.memory, 'the modules as last read');
  t.equal(standInWarnings(), 1, 'the stand-in dropped is logged');
  await provider.sample(context(log));
  t.equal(standInWarnings(), 1, 'once while it lasts');
  layout = dell.memLayout;
  t.same((await provider.sample(context(log))).memory, first.memory);
  t.equal(calls.memLayout, 4, 'read again every time');
  layout = standIn;
  await provider.sample(context(log));
  t.equal(standInWarnings(), 2, 'logged again after the modules were read');
  const fresh = createSysinfoProvider({ cpuTemperature: false, inventoryTtlMs: 0 }, { source: src, hostname: () => 'srv1', now: () => 0 });
  t.same((await fresh.sample(context())).memory, [], 'never read: no modules, as before');
});

t.test('with a cached inventory, failing readings still give the inventory', async (t) => {
  const fail = new Set<string>();
  const { src } = source(dell, fail);
  const provider = createSysinfoProvider({ cpuTemperature: true, inventoryTtlMs: 60_000 }, { source: src, hostname: () => 'srv1', now: () => 0 });
  await provider.sample(context());
  fail.add('battery').add('cpuTemperature');
  const snapshot = await provider.sample(context());
  t.equal(snapshot.system?.serialNumber, '7N62AI2');
  t.same(snapshot.sensors, []);
});

t.test('nothing answering is a failed sample that says why', async (t) => {
  const all = new Set(['system', 'chassis', 'baseboard', 'bios', 'cpu', 'memLayout', 'battery', 'cpuTemperature']);
  const { src } = source(dell, all);
  const provider = createSysinfoProvider({ cpuTemperature: true, inventoryTtlMs: 0 }, { source: src, hostname: () => 'srv1', now: () => 0 });
  await t.rejects(provider.sample(context()), { message: /^systeminformation answered nothing: system: system exploded; chassis: chassis exploded; .*cpuTemperature: cpuTemperature exploded$/ });
});

t.test("on Linux the raw DMI strings replace what systeminformation changed", async (t) => {
  // systeminformation reads SMBIOS's MM/DD/YYYY as DD/MM/YYYY: the R6515's 04/12/2021 (April 12) comes back as December 4.
  // A canary on its private lib/util.js: it fails when an upgrade fixes the bug (or moves the file); withRawDmi's date
  // correction can then go.
  const { parseDateTime } = createRequire(import.meta.url)('systeminformation/lib/util.js') as { parseDateTime: (d: string) => { date: string } };
  t.equal(parseDateTime(readFileSync(`${r6515Dmi}/bios_date`, 'utf8').trim()).date, '2021-12-04');
  // In a container (/.dockerenv) systeminformation names the system "Docker Container" whatever DMI says.
  const inContainer = { ...dell, system: { ...dell.system, model: 'Docker Container' }, bios: { ...dell.bios, releaseDate: '2021-12-04' } };
  const source = withRawDmi(answering(inContainer), attributeReader(r6515Dmi), async () => ({ model: 'AMD EPYC 7302P 16-Core Processor' }));
  const provider = createSysinfoProvider({ cpuTemperature: false, inventoryTtlMs: 0 }, { source, hostname: () => 'srv1', now: () => 0 });
  const snapshot = await provider.sample(context());
  t.same(snapshot.firmware?.[0]?.releaseDate, new Date(Date.UTC(2021, 3, 12)), 'April 12, as SMBIOS says');
  t.equal(snapshot.system?.model, 'PowerEdge R6515', 'the product name, not the stand-in');
  t.equal(snapshot.processors?.[0]?.model, 'AMD EPYC 7302P 16-Core Processor', "the kernel's name for the processor");
});

t.test("on 64-bit ARM Linux, Node's processor name counts only for ARM Ltd's own cores", async (t) => {
  // Node names an aarch64 processor from its CPU part in ARM Ltd's list, whatever the implementer (fixtures/SOURCE.txt).
  const linuxArm64 = { platform: 'linux', arch: 'arm64' };
  t.same(nodeCpuModel('Cortex-A32', linuxArm64, cpuinfo('kunpeng-920')), { rejected: 'Cortex-A32', implementer: 'HiSilicon' },
    "HiSilicon's part 0xd01 is no Cortex-A32");
  t.same(nodeCpuModel('Cortex-A72', linuxArm64, cpuinfo('raspberry-pi-4')), { model: 'Cortex-A72' }, "ARM Ltd's part 0xd08 is one");
  t.same(nodeCpuModel('Cortex-A72', linuxArm64, undefined), { rejected: 'Cortex-A72', implementer: undefined }, 'no implementer read, no name');
  t.same(nodeCpuModel('Apple M1', { platform: 'darwin', arch: 'arm64' }, undefined), { model: 'Apple M1' }, "elsewhere Node's name stands");
  t.same(nodeCpuModel(' Intel(R) Xeon(R) Gold 5218R CPU @ 2.10GHz ', { platform: 'linux', arch: 'x64' }, undefined),
    { model: 'Intel(R) Xeon(R) Gold 5218R CPU @ 2.10GHz' });
  t.same(nodeCpuModel('unknown', linuxArm64, cpuinfo('raspberry-pi-4')), {}, "Node's word for none");
  // The other designers lscpu names (util-linux sys-utils/lscpu-arm.c hw_implementer): an Azure Cobalt 100 (0x6d,
  // part 0xd49, which ARM Ltd's list calls Neoverse-N2), a Cavium ThunderX2 (0x43), Phytium's (0x70), APM's X-Gene
  // (0x50), Marvell's (0x56). The first lines of their /proc/cpuinfo, as the kernel writes them.
  const designer = (code: string) => nodeCpuModel('Neoverse-N2', linuxArm64, `processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: ${code}\n`).implementer;
  t.same(['0x6d', '0x43', '0x70', '0x50', '0x56', '0x42', '0x53', '0x69'].map(designer),
    ['Microsoft', 'Cavium', 'Phytium', 'APM', 'Marvell', 'Broadcom', 'Samsung', 'Intel']);
});

/** /proc/cpuinfo of a real host (fixtures/SOURCE.txt). */
function cpuinfo(name: string): string {
  return readFileSync(new URL(`fixtures/cpuinfo/${name}`, import.meta.url), 'utf8');
}

/** A host whose first processor Node names `model`, with `cpuinfo` as /proc/cpuinfo; counts the reads. */
function cpuHost(platform: string, arch: string, model: string, info: string | undefined) {
  const reads = { cpuinfo: 0 };
  const host: CpuHost = { platform, arch, cpus: () => [{ model }], cpuinfo: async () => (reads.cpuinfo++, info) };
  return { host, reads };
}

/** The processor the provider reports from `data`, with `host` as the processor's host. */
async function processorOn(data: Required<SysinfoData>, host: CpuHost) {
  const source = withRawDmi(answering(data), attributeReader(r6515Dmi), () => firstCpuModel(host));
  const provider = createSysinfoProvider({ cpuTemperature: false, inventoryTtlMs: 0 }, { source, hostname: () => 'srv1', now: () => 0 });
  return (await provider.sample(context())).processors![0]!;
}

t.test('firstCpuModel reads /proc/cpuinfo only on Linux arm64, and withRawDmi serves its name', async (t) => {
  const x64 = cpuHost('linux', 'x64', 'AMD EPYC 7302P 16-Core Processor', undefined);
  t.same(await firstCpuModel(x64.host), { model: 'AMD EPYC 7302P 16-Core Processor' });
  t.equal(x64.reads.cpuinfo, 0, 'x64 names its processors itself');
  const pi = cpuHost('linux', 'arm64', 'Cortex-A72', cpuinfo('raspberry-pi-4'));
  // A Pi 4 without lscpu: systeminformation starts from Node's name too and takes "Cortex-A72" as the maker.
  const piData = { ...dell, cpu: { ...dell.cpu, manufacturer: 'Cortex-A72', brand: '', vendor: '' } };
  const cpu = await processorOn(piData, pi.host);
  t.equal(pi.reads.cpuinfo, 1);
  t.equal(cpu.model, 'Cortex-A72', "ARM Ltd's core keeps Node's name");
});

t.test("a Kunpeng 920 without lscpu (the Docker image) is no Cortex-A32, and HiSilicon's", async (t) => {
  // systeminformation without lscpu (lib/cpu.js): brand from os.cpus()[0].model ("Cortex-A32"), its first word the
  // manufacturer, the rest (nothing) the brand, vendor from lscpu's (absent) Vendor ID: "".
  const kunpeng = { ...dell, cpu: { ...dell.cpu, manufacturer: 'Cortex-A32', brand: '', vendor: '' } };
  const cpu = await processorOn(kunpeng, cpuHost('linux', 'arm64', 'Cortex-A32', cpuinfo('kunpeng-920')).host);
  t.same([cpu.manufacturer, cpu.model], ['HiSilicon', undefined], 'the designer from implementer 0x48, no made-up name');
  // Without /proc/cpuinfo read, no maker either, and still no Cortex-A32.
  const unread = await processorOn(kunpeng, cpuHost('linux', 'arm64', 'Cortex-A32', undefined).host);
  t.same([unread.manufacturer, unread.model], [undefined, undefined]);
  // With lscpu (as root): the firmware's name without the template text, and lscpu's vendor.
  const asRoot = { ...dell, cpu: { ...dell.cpu, manufacturer: 'HUAWEI Kunpeng 920 3210 To be filled by O.E.M.', vendor: 'HiSilicon', brand: 'Kunpeng 920 3210 To be filled by O.E.M.' } };
  const root = await processorOn(asRoot, cpuHost('linux', 'arm64', 'Cortex-A32', cpuinfo('kunpeng-920')).host);
  t.same([root.manufacturer, root.model], ['HiSilicon', 'HUAWEI Kunpeng 920 3210']);
});

t.test("a two-digit BIOS year is read, not dropped: a MacBookPro8,2's 04/10/18", async (t) => {
  const macDmi = attributeReader(fileURLToPath(new URL('fixtures/dmi-macbookpro8-2', import.meta.url)));
  // systeminformation's answer from dmidecode's "Release Date: 04/10/18" (its parseDateTime gives 2018-10-04).
  const mac = { ...dell, system: { ...dell.system, manufacturer: 'Apple Inc.', model: 'MacBookPro8,2' },
    bios: { vendor: 'Apple Inc.', version: 'MBP81.88Z.0050.B00.1804101331', releaseDate: '2018-10-04' } };
  const source = withRawDmi(answering(mac), macDmi, async () => ({}));
  const provider = createSysinfoProvider({ cpuTemperature: false, inventoryTtlMs: 0 }, { source, hostname: () => 'mbp', now: () => 0 });
  const snapshot = await provider.sample(context());
  t.same(snapshot.firmware?.[0]?.releaseDate, new Date(Date.UTC(2018, 3, 10)), 'April 10, 2018, as the version stamp 1804101331 says');
});

t.test('without /sys/class/dmi the answers stay, stand-ins aside', async (t) => {
  const nowhere = attributeReader(fileURLToPath(new URL('fixtures/no-such-dir', import.meta.url)));
  const container = fixture('container-no-dmi');
  for (const model of ['Computer', 'Virtual machine', 'Docker Container']) {
    const source = withRawDmi(answering({ ...container, system: { ...container.system, model } }), nowhere, async () => ({}));
    const provider = createSysinfoProvider({ cpuTemperature: false, inventoryTtlMs: 0 }, { source, hostname: () => 'h', now: () => 0 });
    t.same((await provider.sample(context())).system, { hostname: 'h' }, `"${model}" is systeminformation's, not the host's`);
  }
  const elsewhere = withRawDmi(answering(dell), nowhere, async () => ({}));
  t.equal((await elsewhere.bios()).releaseDate, '2021-04-12', "systeminformation's date where there is no raw one (Windows reads it right)");
  t.equal((await elsewhere.system()).model, 'PowerEdge R6515');
});

t.test('the built-in loads by name and samples this host into a valid snapshot', async (t) => {
  const loaded = await loadProvider('sysinfo', { interval: 30 }, 'explicit');
  t.equal(loaded.source, 'builtin:sysinfo');
  t.same(loaded.schedule, { interval: 30, timeout: 15_000 }, 'the section overrides the provider defaults');
  if (loaded.provider.kind !== 'hardware') throw new Error('sysinfo is a hardware provider');
  const snapshot = await loaded.provider.sample(context());
  validateSnapshot(snapshot);
  t.type(snapshot.system?.hostname, 'string');
});

t.test('the built-in refuses a bad section at load time', async (t) => {
  await t.rejects(loadProvider('sysinfo', { cpuTemperature: 1 }, 'explicit'), {
    message: "provider 'sysinfo': its factory failed: cpuTemperature must be true or false, got 1",
  });
});
