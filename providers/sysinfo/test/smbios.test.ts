import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { validateSnapshot } from '../../../src/providers/validate.js';
import { linuxSmbiosSlots, smbiosSlot, withSmbiosSlots, type SysinfoSource } from '../index.js';
import { buildSnapshot, type SysinfoData } from '../map.js';

type Layout = NonNullable<SysinfoData['memLayout']>;

/**
 * A Memory Device structure (type 17) as SMBIOS 2.8 lays it out, 40 bytes
 * ("DMI type 17, 40 bytes" in the captures), then its strings; only what the
 * provider reads is filled in: the size word at 0Ch (`size`, as SMBIOS writes
 * it), the Device Locator string index at 10h, the Bank Locator's at 11h, the
 * memory type at 12h and the extended size at 1Ch (DSP0134 7.18). No size
 * given: no module (0).
 */
function memoryDevice(handle: number, locators: { device?: string; bank?: string }, module: { size?: number; type?: number; extended?: number } = {}): Buffer {
  const formatted = Buffer.alloc(0x28);
  formatted.writeUInt8(17, 0);
  formatted.writeUInt8(0x28, 1);
  formatted.writeUInt16LE(handle, 2);
  formatted.writeUInt16LE(module.size ?? 0, 0x0c);
  formatted.writeUInt8(module.type ?? 0x02, 0x12);
  formatted.writeUInt32LE(module.extended ?? 0, 0x1c);
  const strings = [locators.device, locators.bank].filter((s) => s !== undefined);
  if (locators.device !== undefined) formatted.writeUInt8(1, 0x10);
  if (locators.bank !== undefined) formatted.writeUInt8(strings.indexOf(locators.bank) + 1, 0x11);
  const text = strings.length === 0 ? '\0\0' : `${strings.join('\0')}\0\0`;
  return Buffer.concat([formatted, Buffer.from(text)]);
}

/** /sys/firmware/dmi/entries with the given structures, named `<type>-<instance>`. */
function entries(t: { teardown: (fn: () => void) => void }, structures: Record<string, Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'sysinfo-dmi-entries-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, raw] of Object.entries(structures)) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'raw'), raw);
  }
  return root;
}

const slot = (bank: string, size = 0): Layout[number] => ({
  size, bank, type: size > 0 ? 'DDR4' : 'Empty', formFactor: 'DIMM', clockSpeed: size > 0 ? 3200 : 0, manufacturer: '', partNum: '', serialNum: '',
});

const GiB16 = 17179869184;

t.test('a raw Memory Device: its Device and Bank Locator strings', async (t) => {
  // A Cisco server's DIMM_H2 (Solvik/netbox-agent#103, dmidecode: "Handle 0x0054, DMI type 17, 40 bytes", Array Handle
  // 0x004C, Error Information Handle Not Provided, 72/64 bits, 32 GB (extended size), DIMM, DDR4 Synchronous, 2666,
  // Locator DIMM_H2, Bank Locator NODE 1 CHANNEL 1 DIMM 1, Manufacturer 0xCE00, Serial 3855C1EB, Asset Tag
  // DIMM_H2_AssetTag, Part Number "M393A4K40CB2-CTD    ", Rank 2, 1.2 V), laid out by hand after DSP0134 7.18.
  const raw = Buffer.from([
    '11 28 5400', // type 17, length 40, handle 0x0054
    '4c00 feff 4800 4000', // array handle, error information handle (none), total and data width
    'ff7f 09 00', // size: see the extended size; form factor DIMM; no set
    '01 02', // Device Locator: string 1, Bank Locator: string 2
    '1a 8000 6a0a', // DDR4, synchronous, 2666 MT/s
    '03 04 05 06 02', // manufacturer, serial, asset tag, part number: strings 3-6; rank 2
    '00800000 6a0a b004 b004 b004', // extended size 32768 MB, configured speed, voltages 1200 mV
  ].join('').replace(/\s/g, ''), 'hex');
  const strings = Buffer.from('DIMM_H2\0NODE 1 CHANNEL 1 DIMM 1\0' + '0xCE00\x003855C1EB\0DIMM_H2_AssetTag\0M393A4K40CB2-CTD    \0\0', 'latin1');
  t.equal(raw.length, 0x28, 'the formatted area is 40 bytes');
  t.same(smbiosSlot(Buffer.concat([raw, strings])), { device: 'DIMM_H2', bank: 'NODE 1 CHANNEL 1 DIMM 1', size: 32 * 1024 ** 3, type: 'DDR4' },
    'its size from the extended size (7FFFh), its type named');
  t.same(smbiosSlot(memoryDevice(0x1100, { device: 'DIMM 0' })), { device: 'DIMM 0', size: 0 }, "QEMU's: no bank locator (index 0); no module");
  t.same(smbiosSlot(memoryDevice(0x1100, {})), { size: 0 }, 'no strings at all');
  t.equal(smbiosSlot(Buffer.from([16, 0x17, 0, 0])), undefined, 'a Physical Memory Array is no Memory Device');
  t.equal(smbiosSlot(memoryDevice(1, { device: 'A1' }).subarray(0, 0x10)), undefined, 'a truncated structure is none');
});

t.test("a raw Memory Device's size and type, as SMBIOS writes them (DSP0134 7.18.4, 7.18.5, 7.18.2)", async (t) => {
  const read = (module: { size?: number; type?: number; extended?: number }) => {
    const { size, type } = smbiosSlot(memoryDevice(1, { device: 'A1' }, module))!;
    return { size, type };
  };
  t.same(read({ size: 16384, type: 0x1a }), { size: 16 * 1024 ** 3, type: 'DDR4' }, 'megabytes');
  t.same(read({ size: 0x8000 | 512, type: 0x0f }), { size: 512 * 1024, type: undefined }, 'bit 15: kilobytes; SDRAM, which dmidecode names');
  t.same(read({ size: 0x7fff, extended: 1024 * 1024, type: 0x22 }), { size: 1024 ** 4, type: 'DDR5' }, 'the extended size, in megabytes');
  t.same(read({ size: 0xffff, type: 0x23 }), { size: undefined, type: 'LPDDR5' }, 'FFFFh: a size not known');
  t.same(read({ size: 0, type: 0x02 }), { size: 0, type: undefined }, 'none installed; Unknown is no type');
  const short = memoryDevice(1, { device: 'A1' }, { size: 0x7fff, extended: 65536 }).subarray(0, 0x15);
  short.writeUInt8(0x15, 1);
  t.same(smbiosSlot(Buffer.concat([short, Buffer.from('A1\0\0')]))?.size, undefined, 'an extended size an SMBIOS 2.1 structure has no room for');
});

t.test('the entries in table order, 17-10 after 17-2; other types ignored', async (t) => {
  const structures: Record<string, Buffer> = { '16-0': Buffer.from([16, 0x17]), '20-0': Buffer.from([20, 0x13]) };
  for (let i = 0; i < 12; i++) structures[`17-${i}`] = memoryDevice(0x1100 + i, { device: `DIMM_${'ABCDEFGHJKLM'[i]}1` });
  t.same((await linuxSmbiosSlots(entries(t, structures)))?.map((s) => s.device),
    ['DIMM_A1', 'DIMM_B1', 'DIMM_C1', 'DIMM_D1', 'DIMM_E1', 'DIMM_F1', 'DIMM_G1', 'DIMM_H1', 'DIMM_J1', 'DIMM_K1', 'DIMM_L1', 'DIMM_M1']);
  t.equal(await linuxSmbiosSlots(join(tmpdir(), 'no-such-dmi-entries')), undefined, 'no folder (not Linux)');
  t.equal(await linuxSmbiosSlots(entries(t, { '17-0': memoryDevice(1, { device: 'A1' }), '17-1': Buffer.from([]) })), undefined,
    'one unreadable entry spoils the pairing');
});

t.test('the locators join systeminformation\'s slots only when they are the same slots', async (t) => {
  // An ASRock board (memtest86plus/memtest86plus#123, dmidecode 3.4, SMBIOS 2.8): "Locator: DIMM 0", "Bank Locator:
  // P0 CHANNEL A", no module; "Locator: DIMM 1", same bank, 16 GB DDR4 3200. The board numbers slots per channel
  // (lpereira/hardinfo#386: "2x DIMM 0 and 2x DIMM1"), so channel B repeats DIMM 0 and DIMM 1.
  const root = entries(t, {
    '17-0': memoryDevice(0x19, { device: 'DIMM 0', bank: 'P0 CHANNEL A' }),
    '17-1': memoryDevice(0x1b, { device: 'DIMM 1', bank: 'P0 CHANNEL A' }, { size: 16384, type: 0x1a }),
    '17-2': memoryDevice(0x1e, { device: 'DIMM 0', bank: 'P0 CHANNEL B' }),
    '17-3': memoryDevice(0x20, { device: 'DIMM 1', bank: 'P0 CHANNEL B' }, { size: 16384, type: 0x1a }),
  });
  const layout = [slot('P0 CHANNEL A'), slot('P0 CHANNEL A', GiB16), slot('P0 CHANNEL B'), slot('P0 CHANNEL B', GiB16)];
  const read = (answer: Layout, at = root) => withSmbiosSlots({ memLayout: async () => answer } as SysinfoSource, at).memLayout();
  t.same((await read(layout)).map((s) => s.locator), ['DIMM 0', 'DIMM 1', 'DIMM 0', 'DIMM 1']);
  t.same((await read(layout)).map((s) => [s.size, s.type]), layout.map((s) => [s.size, s.type]), 'sizes and types as systeminformation read them');
  t.same(await read(layout.slice(0, 3)), layout.slice(0, 3), 'a slot more or less: not the same list, left as it was');
  const swapped = [layout[2]!, layout[1]!, layout[0]!, layout[3]!];
  t.same(await read(swapped), swapped, 'banks that disagree: left as it was');
  t.same(await read(layout, join(tmpdir(), 'no-such-dmi-entries')), layout, 'no entries: left as it was');
});

t.test("systeminformation's stand-in for all memory is paired with no Memory Device", async (t) => {
  // QEMU's one Memory Device has no Bank Locator ("DIMM 0", fixtures/qemu-q35-guest.json): the stand-in's empty bank
  // matches it. Where dmidecode fails but the entries can be read (root without dmidecode), the stand-in would take
  // the slot's locator and be reported as a module.
  const root = entries(t, { '17-0': memoryDevice(0x1100, { device: 'DIMM 0' }, { size: 1024, type: 0x07 }) });
  const standIn: Layout = [{ size: 1073741824, bank: '', type: '', formFactor: '', clockSpeed: 0, manufacturer: '', partNum: '', serialNum: '' }];
  const read = await withSmbiosSlots({ memLayout: async () => standIn } as SysinfoSource, root).memLayout();
  t.same(read, standIn, 'left as systeminformation answered it');
  t.same(buildSnapshot({ memLayout: read }, { hostname: 'h', cpuTemperature: false }).memory, [], 'no module');
  const qemu: Layout = [{ ...standIn[0]!, bank: 'Not Specified', type: 'RAM', formFactor: 'DIMM' }];
  t.same((await withSmbiosSlots({ memLayout: async () => qemu } as SysinfoSource, root).memLayout()).map((s) => s.locator), ['DIMM 0'],
    "QEMU's slot as dmidecode reads it is paired");
});

t.test("sizes and types from the table where systeminformation misreads dmidecode's", async (t) => {
  // systeminformation reads a size as gigabytes where dmidecode's line says GB, else as megabytes: dmidecode 3.x
  // prints the largest unit that divides it (dmi_print_memory_size), so a terabyte module's "Size: 1 TB" was 1 MB
  // and an SMBIOS kilobyte size's "Size: 512 kB" 512 MB. dmidecode before 3.3 names no DDR5 ("<OUT OF SPEC>", as
  // 2.12 named a Dell's DDR4, fixtures/SOURCE.txt dell-poweredge-ddr4-dmidecode-2.12.json).
  const root = entries(t, {
    '17-0': memoryDevice(0x10, { device: 'DIMM_A1', bank: 'NODE 0' }, { size: 0x7fff, extended: 1024 * 1024, type: 0x22 }),
    '17-1': memoryDevice(0x11, { device: 'DIMM_A2', bank: 'NODE 0' }, { size: 0x8000 | 512, type: 0x0f }),
    '17-2': memoryDevice(0x12, { device: 'DIMM_B1', bank: 'NODE 0' }, { size: 0x7fff, extended: 65536, type: 0x22 }),
  });
  const MiB = 1024 ** 2;
  const layout = [
    { ...slot('NODE 0', MiB), type: '<OUT OF SPEC>' }, { ...slot('NODE 0', 512 * MiB), type: 'SDRAM' }, { ...slot('NODE 0', 64 * 1024 * MiB), type: 'DDR5' },
  ];
  const read = await withSmbiosSlots({ memLayout: async () => layout } as SysinfoSource, root).memLayout();
  t.same(read.map((s) => [s.locator, s.size, s.type]), [
    ['DIMM_A1', 1024 ** 4, 'DDR5'], ['DIMM_A2', 512 * 1024, 'SDRAM'], ['DIMM_B1', 64 * 1024 ** 3, 'DDR5'],
  ]);
  const snapshot = buildSnapshot({ memLayout: read }, { hostname: 'h', cpuTemperature: false });
  validateSnapshot(snapshot);
  t.same(snapshot.memory?.map((m) => [m.label, m.capacity, m.type]), [['DIMM_A1', 1024 ** 4, 'DDR5'], ['DIMM_A2', 512 * 1024, 'SDRAM'], ['DIMM_B1', 64 * 1024 ** 3, 'DDR5']]);
});

t.test('labels: the slot as the board names it', async (t) => {
  const labels = (layout: Layout) => {
    const snapshot = buildSnapshot({ memLayout: layout }, { hostname: 'h', cpuTemperature: false });
    validateSnapshot(snapshot);
    return snapshot.memory!.map((m) => [m.id, m.label]);
  };
  // The ASRock board above: DIMM 0 and DIMM 1 on each channel.
  t.same(labels([
    { ...slot('P0 CHANNEL A'), locator: 'DIMM 0' }, { ...slot('P0 CHANNEL A', GiB16), locator: 'DIMM 1' },
    { ...slot('P0 CHANNEL B'), locator: 'DIMM 0' }, { ...slot('P0 CHANNEL B', GiB16), locator: 'DIMM 1' },
  ]), [['sysinfo:memory1', 'P0 CHANNEL A DIMM 1'], ['sysinfo:memory3', 'P0 CHANNEL B DIMM 1']],
  'a locator on more than one slot, empty ones too, gets its bank');
  // Cisco (netbox-agent#103) and Supermicro (netbox-agent#173, "Locator: DIMMA2", "Bank Locator: P0_Node0_Channel0_Dimm1").
  t.same(labels([
    { ...slot('NODE 1 CHANNEL 1 DIMM 1', GiB16), locator: 'DIMM_H2' }, { ...slot('P0_Node0_Channel0_Dimm1', GiB16), locator: 'DIMMA2' },
  ]), [['sysinfo:memory0', 'DIMM_H2'], ['sysinfo:memory1', 'DIMMA2']], 'the locator, not the bank');
  t.same(labels([
    { ...slot('Not Specified', GiB16), locator: 'DIMM 0' },
    { ...slot('BANK 1', GiB16), locator: 'To be filled by O.E.M.' },
    { ...slot('Not Specified', GiB16), locator: 'Unknown' },
    { ...slot('', GiB16), locator: '' },
  ]), [['sysinfo:memory0', 'DIMM 0'], ['sysinfo:memory1', 'BANK 1'], ['sysinfo:memory2', 'Memory 2'], ['sysinfo:memory3', 'Memory 3']],
  "QEMU's DIMM 0 without a bank; a placeholder locator gives way to the bank; both placeholders: the position");
});

t.test('labels: unique, in table order, also where neither locator tells the slots apart', async (t) => {
  const labels = (layout: Layout) => buildSnapshot({ memLayout: layout }, { hostname: 'h', cpuTemperature: false }).memory!.map((m) => [m.id, m.label]);
  // The ASRock board above (memtest86plus#123) as a firmware that leaves every Bank Locator "Not Specified", as
  // QEMU's does (map.test.ts): channels A and B both name their slots DIMM 0 and DIMM 1, and no bank tells them apart.
  const board = [
    { ...slot('Not Specified', GiB16), locator: 'DIMM 0' }, { ...slot('Not Specified', GiB16), locator: 'DIMM 1' },
    { ...slot('Not Specified', GiB16), locator: 'DIMM 0' }, { ...slot('Not Specified', GiB16), locator: 'DIMM 1' },
  ];
  t.same(labels(board), [['sysinfo:memory0', 'DIMM 0'], ['sysinfo:memory1', 'DIMM 1'], ['sysinfo:memory2', 'DIMM 0 (2)'], ['sysinfo:memory3', 'DIMM 1 (2)']],
    'the second slot of a name gets " (2)"');
  t.same(labels([slot('Not Specified'), ...board.slice(1)].map((s, i) => (i === 0 ? { ...s, locator: 'DIMM 0' } : s))),
    [['sysinfo:memory1', 'DIMM 1'], ['sysinfo:memory2', 'DIMM 0 (2)'], ['sysinfo:memory3', 'DIMM 1 (2)']],
    'the first slot emptied: the others keep their labels');
  t.same(labels([
    { ...slot('BANK 0', GiB16), locator: 'DIMM 0' }, { ...slot('BANK 0', GiB16), locator: 'DIMM 0' },
    { ...slot('BANK 1', GiB16), locator: 'Unknown' }, { ...slot('BANK 1', GiB16), locator: 'Unknown' },
  ]), [['sysinfo:memory0', 'BANK 0 DIMM 0'], ['sysinfo:memory1', 'BANK 0 DIMM 0 (2)'], ['sysinfo:memory2', 'BANK 1'], ['sysinfo:memory3', 'BANK 1 (2)']],
    'a repeated bank and locator, and a repeated bank with no locator: unique too');
  t.same(labels([
    { ...slot('Not Specified', GiB16), locator: 'DIMM 0' }, { ...slot('Not Specified', GiB16), locator: 'DIMM 0' },
    { ...slot('Not Specified', GiB16), locator: 'DIMM 0 (2)' },
  ]).map(([, label]) => label), ['DIMM 0', 'DIMM 0 (3)', 'DIMM 0 (2)'], 'a suffix never takes a name a slot has');
});
