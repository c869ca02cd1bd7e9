import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { buildModel, type HardwareSnapshot } from '../../../src/model/index.js';
import type { ProviderContext } from '../../../src/providers/api.js';
import { validateSnapshot } from '../../../src/providers/validate.js';
import { Model, input, sample, values } from '../../../test/model/fixtures.js';
import { recordingLogger, stubRepository } from '../../../test/providers/helpers.js';
import { attributeReader, boardMaker, createSysinfoProvider, readDeviceTree, withDeviceTree, type SysinfoSource } from '../index.js';
import type { SysinfoData } from '../map.js';

/** Device trees of real boards, as Linux publishes them (see fixtures/SOURCE.txt). */
const tree = (board: string) => fileURLToPath(new URL(`fixtures/devicetree/${board}`, import.meta.url));
const nowhere = fileURLToPath(new URL('fixtures/no-such-dir', import.meta.url));
/** A host without /sys/class/dmi/id. */
const noDmi = attributeReader(nowhere);

const container = JSON.parse(readFileSync(new URL('fixtures/container-no-dmi.json', import.meta.url), 'utf8')) as Required<SysinfoData>;
const noSystem = { manufacturer: '', model: '', serial: '', uuid: '' };

/** A source answering `system` as given, the rest as in a host without DMI. */
function answering(system: Required<SysinfoData>['system']): SysinfoSource {
  const data: Required<SysinfoData> = { ...container, system };
  return Object.fromEntries(Object.keys(data).map((part) => [part, async () => data[part as keyof SysinfoData]])) as SysinfoSource;
}

function context(): ProviderContext {
  return { log: recordingLogger(), repository: stubRepository(), signal: new AbortController().signal, deadline: Date.now() + 1000 };
}

async function snapshotOf(source: SysinfoSource): Promise<HardwareSnapshot> {
  const provider = createSysinfoProvider({ cpuTemperature: false, inventoryTtlMs: 0 }, { source, hostname: () => 'board1', now: () => 0 });
  const snapshot = await provider.sample(context());
  validateSnapshot(snapshot);
  return snapshot;
}

t.test('the root node: NUL-terminated strings, compatible a list, serial-number only when it is text', async (t) => {
  t.same(await readDeviceTree(tree('nanopi-duo2')), {
    model: 'FriendlyElec NanoPi-Duo2',
    compatible: ['friendlyarm,nanopi-duo2', 'allwinner,sun8i-h3'],
    serialNumber: '02c00081f71a3058',
    manufacturer: 'Guangzhou FriendlyARM Computer Tech Co., Ltd',
  });
  t.same(await readDeviceTree(tree('odroid-c2')), {
    model: 'Hardkernel ODROID-C2', compatible: ['hardkernel,odroid-c2', 'amlogic,meson-gxbb'], manufacturer: 'Hardkernel Co., Ltd',
  }, 'a serial-number ending in a backspace byte is not a serial number');
  t.same(await readDeviceTree(tree('jetson-nano')), {
    model: 'NVIDIA Jetson Nano Developer Kit', compatible: ['nvidia,p3449-0000-b00+p3448-0000-b00', 'nvidia,jetson-nano', 'nvidia,tegra210'],
  }, 'no serial-number file, and no maker from a SoC vendor\'s prefix');
  t.same(await readDeviceTree(tree('macbook-air-m1')), {
    model: 'Apple MacBook Air (M1, 2020)', compatible: ['apple,j313', 'apple,t8103', 'apple,arm-platform'], manufacturer: 'Apple Inc.',
  });
  t.equal(await readDeviceTree(nowhere), undefined, 'no tree (x86, a container that masks /sys/firmware)');
});

t.test('the maker from the first compatible entry, only for prefixes that name a board maker', async (t) => {
  t.equal(boardMaker(['raspberrypi,4-model-b', 'brcm,bcm2711']), 'Raspberry Pi Foundation');
  t.equal(boardMaker(['radxa,rock-5b', 'rockchip,rk3588']), 'Radxa');
  t.equal(boardMaker(['asus,rk3288-tinker', 'rockchip,rk3288']), 'AsusTek Computer Inc.');
  t.equal(boardMaker(['apple,j313', 'apple,t8103', 'apple,arm-platform']), 'Apple Inc.', "an M1 MacBook Air's tree (Asahi Linux): Apple makes the board");
  t.equal(boardMaker(['brcm,bcm2710', 'brcm,bcm2709']), undefined, "a Raspberry Pi 3's 2016 tree leads with the SoC");
  t.equal(boardMaker(['rockchip,rk3588s-orangepi-5', 'rockchip,rk3588']), undefined, "Orange Pi's vendor tree wears the SoC vendor's prefix");
  t.equal(boardMaker(['nvidia,p3449-0000-b00+p3448-0000-b00', 'nvidia,jetson-nano', 'nvidia,tegra210']), undefined,
    'carrier boards of other makers ship NVIDIA\'s tree');
  t.equal(boardMaker(['linux,dummy-virt']), undefined, "QEMU's virt machine");
  t.equal(boardMaker(['raspberrypi']), undefined, 'no comma, no vendor prefix');
  t.equal(boardMaker([]), undefined);
});

t.test('without DMI, the system is the board the device tree names', async (t) => {
  // 32-bit Armbian: systeminformation names the system after /proc/cpuinfo's "Hardware" line, the SoC family.
  const duo2 = withDeviceTree(answering({ manufacturer: '', model: 'ALLWINNER SUN8I FAMILY', serial: '02c00081f71a3058', uuid: '' }), tree('nanopi-duo2'), noDmi);
  t.same((await snapshotOf(duo2)).system, {
    hostname: 'board1', manufacturer: 'Guangzhou FriendlyARM Computer Tech Co., Ltd', model: 'FriendlyElec NanoPi-Duo2', serialNumber: '02c00081f71a3058',
  });
  // Ubuntu on a Pi: /proc/cpuinfo has no Hardware, Serial or Model line, so systeminformation knows nothing.
  const ubuntuPi = withDeviceTree(answering(noSystem), tree('raspberry-pi-4'), noDmi);
  t.same((await snapshotOf(ubuntuPi)).system, {
    hostname: 'board1', manufacturer: 'Raspberry Pi Foundation', model: 'Raspberry Pi 4 Model B Rev 1.1', serialNumber: '100000002914db7e',
  });
  const tinker = withDeviceTree(answering({ manufacturer: '', model: 'ROCKCHIP (DEVICE TREE)', serial: '0000000000000000', uuid: '' }), tree('tinker-board'), noDmi);
  t.same((await snapshotOf(tinker)).system, { hostname: 'board1', manufacturer: 'AsusTek Computer Inc.', model: 'Rockchip RK3288 Asus Tinker Board' },
    'no serial-number: none, not the zeros /proc/cpuinfo prints');
  const jetson = withDeviceTree(answering(noSystem), tree('jetson-nano'), noDmi);
  t.same((await snapshotOf(jetson)).system, { hostname: 'board1', model: 'NVIDIA Jetson Nano Developer Kit' }, 'no maker rather than a guess');
});

t.test("U-Boot's SMBIOS names no product: the tree does (a Milk-V Mars under Ubuntu 24.10)", async (t) => {
  // systeminformation's answer from U-Boot's tables: sys_vendor "Unknown", product_name "Unknown Product".
  const uboot = { manufacturer: 'Unknown', model: 'Unknown Product', serial: 'MARS-V11-2340-D008E000-00000E71', uuid: '' };
  const marsDmi = attributeReader(fileURLToPath(new URL('fixtures/dmi-milkv-mars', import.meta.url)));
  t.same((await snapshotOf(withDeviceTree(answering(uboot), tree('milkv-mars'), marsDmi))).system, {
    hostname: 'board1', model: 'Milk-V Mars', serialNumber: 'MARS-V11-2340-D008E000-00000E71',
  }, "the board's model, U-Boot's serial number; no maker rather than U-Boot's \"Unknown\"");
});

t.test("what systeminformation read right stays; DMI, where there is some, wins", async (t) => {
  // Raspberry Pi OS: systeminformation decodes /proc/cpuinfo's revision code into the same identity.
  const raspbian = withDeviceTree(answering({ manufacturer: 'Raspberry Pi Foundation', model: 'Raspberry Pi 4 Model B Rev 1.1', serial: '100000002914db7e', uuid: '' }),
    tree('raspberry-pi-4'), noDmi);
  t.same((await snapshotOf(raspbian)).system, {
    hostname: 'board1', manufacturer: 'Raspberry Pi Foundation', model: 'Raspberry Pi 4 Model B Rev 1.1', serialNumber: '100000002914db7e',
  });
  const dell = { manufacturer: 'Dell Inc.', model: 'PowerEdge R6515', serial: '7N62AI2', uuid: '' };
  const r6515Dmi = attributeReader(fileURLToPath(new URL('fixtures/dmi-poweredge-r6515', import.meta.url)));
  t.same((await withDeviceTree(answering(dell), tree('rock-5b'), r6515Dmi).system()), dell, 'firmware with SMBIOS describes the system');
  t.same((await withDeviceTree(answering(dell), nowhere, noDmi).system()), dell, 'no tree: unchanged');
});

t.test('a board without DMI in the CIM model: identity from the tree, no BIOS, the "Chassis" check_esxi_hardware reads', async (t) => {
  const build = async (source: SysinfoSource) => new Model(buildModel(input([sample(await snapshotOf(source))])));
  const pi = await build(withDeviceTree(answering(noSystem), tree('raspberry-pi-4'), noDmi));
  const [system] = pi.all('Thincim_ComputerSystem');
  t.same(values(system!, ['OtherIdentifyingInfo', 'IdentifyingDescriptions']), {
    OtherIdentifyingInfo: ['100000002914db7e', 'Raspberry Pi Foundation', 'Raspberry Pi 4 Model B Rev 1.1'],
    IdentifyingDescriptions: ['CIM:SerialNumber', 'CIM:Manufacturer', 'CIM:Model'],
  });
  t.strictSame(pi.all('Thincim_Chassis').map((c) => values(c, ['ElementName', 'Manufacturer', 'Model', 'SerialNumber'])), [
    { ElementName: 'Chassis', Manufacturer: 'Raspberry Pi Foundation', Model: undefined, SerialNumber: undefined },
  ], "the board's maker; the tree names no enclosure: no model or serial number (served as NULL, the class's default)");
  t.same(pi.all('OMC_SMASHFirmwareIdentity'), [], 'no "System BIOS": a board without BIOS has no VersionString or ReleaseDate to serve');
  const jetson = await build(withDeviceTree(answering(noSystem), tree('jetson-nano'), noDmi));
  t.equal(jetson.all('Thincim_Chassis')[0]!.get('Manufacturer'), '', 'no maker: still a string, for check_esxi_hardware -V auto');
});
