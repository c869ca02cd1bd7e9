import { readFileSync } from 'node:fs';
import t from 'tap';
import { validateSnapshot } from '../../../src/providers/validate.js';
import { buildSnapshot, type SysinfoData } from '../map.js';

function fixture(name: string): SysinfoData {
  return JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8')) as SysinfoData;
}

const withTemps = { hostname: 'srv1', cpuTemperature: true };

t.test('a Dell PowerEdge R6515', async (t) => {
  const snapshot = buildSnapshot(fixture('dell-poweredge-r6515'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, {
    hostname: 'srv1', manufacturer: 'Dell Inc.', model: 'PowerEdge R6515', serialNumber: '7N62AI2', uuid: '83340ca8-cb49-4474-8c29-d2088ca84dd9',
  });
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', manufacturer: 'Dell Inc.', serialNumber: '7N62AI2', type: 'Rack Mount Chassis' }],
    'empty model, version and asset tag are absent');
  t.same(snapshot.boards, [{
    id: 'sysinfo:baseboard', label: 'Baseboard', hostingBoard: true, manufacturer: 'Dell Inc.', model: '07PXPY', version: 'A01', serialNumber: '.7N62AI2.GRTCL6944100GP.',
  }]);
  t.same(snapshot.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'Dell Inc.', version: '2.2.4', releaseDate: new Date(Date.UTC(2021, 3, 12)) }]);
  t.same(snapshot.processors, [{
    id: 'sysinfo:cpu0', label: 'CPU 1', manufacturer: 'AMD', model: 'EPYC 7302P 16-Core Processor', cores: 16, threads: 32, maxSpeedMHz: 3300, status: 'ok',
  }]);
  t.same(snapshot.memory, [
    { id: 'sysinfo:memory0', label: 'A1', capacity: 17179869184, type: 'DDR4', speedMHz: 3200, manufacturer: 'Hynix Semiconductor', serialNumber: '42A1B0C3', partNumber: 'HMA82GR7CJR8N-XN', status: 'ok' },
    { id: 'sysinfo:memory2', label: 'A3', capacity: 17179869184, type: 'DDR4', speedMHz: 3200, manufacturer: 'Hynix Semiconductor', serialNumber: '42A1B0D7', partNumber: 'HMA82GR7CJR8N-XN', status: 'ok' },
  ], 'the empty slot A2 is skipped and the ids keep their slot');
  t.same(snapshot.batteries, []);
  t.same(snapshot.sensors, [{
    id: 'sysinfo:cpu0/temp', label: 'CPU 1 Temp', kind: 'temperature', unit: 'celsius', value: 45.5, decimals: 1,
    monitors: { kind: 'processor', id: 'sysinfo:cpu0' }, source: 'systeminformation',
  }]);
});

t.test('a desktop full of O.E.M. placeholders', async (t) => {
  const snapshot = buildSnapshot(fixture('desktop-oem-placeholders'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1' }, 'nothing but the host name is real');
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', type: 'Desktop' }]);
  t.same(snapshot.boards, [{ id: 'sysinfo:baseboard', label: 'Baseboard', hostingBoard: true, manufacturer: 'ASRock', model: 'B450M Pro4', serialNumber: 'M80-C4018900123' }]);
  t.same(snapshot.firmware, [{
    id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'American Megatrends Inc.', version: 'P3.90', releaseDate: new Date(Date.UTC(2019, 11, 5)),
  }]);
  t.equal(snapshot.processors![0]!.maxSpeedMHz, 3600, 'base speed when no maximum is known');
  t.same(snapshot.memory!.map((m) => [m.label, m.manufacturer, m.serialNumber, m.partNumber, m.speedMHz]), [
    ['P0 CHANNEL A', undefined, undefined, undefined, 2133],
    ['P0 CHANNEL B', undefined, undefined, undefined, undefined],
  ]);
  t.same(snapshot.memory!.map((m) => Object.keys(m).sort()), [
    ['capacity', 'id', 'label', 'speedMHz', 'status', 'type'],
    ['capacity', 'id', 'label', 'status', 'type'],
  ], 'absent means no key at all');
  t.same(snapshot.sensors!.map((s) => [s.id, s.label, s.value, s.monitors]), [
    ['sysinfo:cpu/temp', 'CPU Temp', 52.3, { kind: 'processor', id: 'sysinfo:cpu0' }],
    ['sysinfo:chipset/temp', 'Chipset Temp', 48, undefined],
  ], 'the package temperature when there is no per-socket one, and the chipset');
});

t.test("firmware templates are no identity: Insyde's Type1/Type2 defaults and UUID, Supermicro's Super Server", async (t) => {
  // An Asustor AS6604T's dmidecode (mafredri/asustor-platform-driver#38) and a Supermicro X10DRL-i's; see fixtures/SOURCE.txt.
  const insyde = buildSnapshot(fixture('insyde-nas-templates'), withTemps);
  validateSnapshot(insyde);
  t.same(insyde.system, { hostname: 'srv1', manufacturer: 'Insyde', model: 'GeminiLake' }, 'no serial "Type1 - 123456789", no UUID shared by every such box');
  t.same(insyde.chassis, [{ id: 'sysinfo:chassis', type: 'Desktop' }]);
  t.same(insyde.boards, [], 'a baseboard of templates is no board');
  const supermicro = buildSnapshot(fixture('supermicro-super-server'), withTemps);
  validateSnapshot(supermicro);
  t.same(supermicro.system, { hostname: 'srv1', manufacturer: 'Supermicro', uuid: '00000000-0000-0000-0000-002590b925ce' },
    'no model "Super Server"; the UUID Supermicro derives from the MAC address is one');
  t.same(supermicro.chassis, [{ id: 'sysinfo:chassis', manufacturer: 'Supermicro', type: 'Main Server Chassis' }]);
  t.same(supermicro.boards, [{ id: 'sysinfo:baseboard', label: 'Baseboard', hostingBoard: true, manufacturer: 'Supermicro', model: 'X10DRL-i', version: '1.01' }]);
});

t.test('a laptop where dmidecode could not run', async (t) => {
  const snapshot = buildSnapshot(fixture('laptop-no-dmidecode'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1', manufacturer: 'LENOVO', model: '20L7002AUS' });
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', manufacturer: 'LENOVO', type: 'Notebook' }]);
  t.same(snapshot.boards, [], 'a baseboard with nothing known is left out');
  t.same(snapshot.firmware, [], 'no BIOS version, no firmware');
  t.same(snapshot.memory, [], "systeminformation's stand-in for all memory is not a module");
  t.same(snapshot.batteries, [
    { id: 'sysinfo:battery0', label: 'Battery', chargePercent: 87, charging: false, status: 'ok' },
    { id: 'sysinfo:battery1', label: 'Battery 2', chargePercent: 40, charging: true, status: 'ok' },
  ]);
  t.same(snapshot.sensors, [], 'no temperature known, no sensor');
});

t.test('two sockets share the totals out; per-socket temperatures keep their socket', async (t) => {
  const snapshot = buildSnapshot(fixture('dual-socket'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1', manufacturer: 'Supermicro', model: 'SYS-2029U-TR4', serialNumber: 'S123456X9A12345' }, 'a zero UUID is absent');
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', manufacturer: 'Supermicro', serialNumber: 'C2290LK01A12345', type: 'Main Server Chassis' }]);
  t.same(snapshot.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'American Megatrends Inc.', version: '3.4' }], 'an impossible date is absent');
  t.same(snapshot.processors!.map((p) => [p.id, p.label, p.cores, p.threads, p.maxSpeedMHz]), [
    ['sysinfo:cpu0', 'CPU 1', 14, 28, 3700],
    ['sysinfo:cpu1', 'CPU 2', 14, 28, 3700],
  ]);
  t.same(snapshot.sensors!.map((s) => [s.id, s.label, s.value, s.monitors?.id]), [['sysinfo:cpu1/temp', 'CPU 2 Temp', 58.5, 'sysinfo:cpu1']],
    'the unknown first socket is skipped without shifting the second; the -1 chipset is no reading');
});

t.test('totals that do not divide by the sockets are not guessed', async (t) => {
  const snapshot = buildSnapshot({ cpu: { manufacturer: 'Intel', vendor: 'Intel', brand: 'X', speed: 2, speedMax: 0, cores: 6, physicalCores: 3, processors: 2 } }, withTemps);
  t.same(snapshot.processors!.map((p) => [p.cores, p.threads]), [[undefined, 3], [undefined, 3]]);
});

t.test('a QEMU/KVM guest read as root', async (t) => {
  const snapshot = buildSnapshot(fixture('qemu-q35-guest'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1', manufacturer: 'QEMU', model: 'Standard PC (Q35 + ICH9, 2009)', uuid: '99163626-edcf-fb4c-a81c-a7fd9eaa058e' });
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', manufacturer: 'QEMU', version: 'pc-q35-8.0', type: 'Other' }],
    "QEMU's chassis type 1 Other is a type, kept");
  t.same(snapshot.processors!.map((p) => [p.manufacturer, p.model]), [['AMD', 'AMD EPYC 7702P 64-Core Processor']],
    "the kernel's name and the CPU vendor, not the machine type systeminformation took from the firmware");
  t.same(snapshot.memory, [{ id: 'sysinfo:memory0', label: 'DIMM 0', capacity: 1073741824, type: 'RAM', manufacturer: 'QEMU', status: 'ok' }],
    'the Device Locator, where the bank locator is "Not Specified"');
});

t.test("an ASUS Eee PC 1215N's DDR3 under dmidecode 2.9: templates and dmidecode's markers are no values", async (t) => {
  const snapshot = buildSnapshot(fixture('asus-eee-1215n-dmidecode-2.9'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.memory, [
    { id: 'sysinfo:memory0', label: 'BANK0', capacity: 2147483648, speedMHz: 800, status: 'ok' },
    { id: 'sysinfo:memory1', label: 'BANK1', capacity: 2147483648, speedMHz: 800, status: 'ok' },
  ], 'no type "<OUT OF SPEC>", no part number "ModulePartNumber00"');
});

t.test("a VirtualBox guest: serial number 0, every guest's, is none", async (t) => {
  const snapshot = buildSnapshot(fixture('virtualbox-guest'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1', manufacturer: 'innotek GmbH', model: 'VirtualBox', uuid: 'e4a1acbe-ffac-4762-b2c9-ed13daf9a493' });
  t.same(snapshot.boards, [{ id: 'sysinfo:baseboard', label: 'Baseboard', hostingBoard: true, manufacturer: 'Oracle Corporation', model: 'VirtualBox', version: '1.2' }]);
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', manufacturer: 'Oracle Corporation', type: 'Other' }]);
  t.same(snapshot.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'innotek GmbH', version: 'VirtualBox' }],
    "12/01/2006 is every VirtualBox release's BIOS date");
});

t.test("a Samsung N150: Phoenix's board serial and memory templates are no values", async (t) => {
  const snapshot = buildSnapshot(fixture('samsung-n150'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.boards, [{ id: 'sysinfo:baseboard', label: 'Baseboard', hostingBoard: true, manufacturer: 'SAMSUNG ELECTRONICS CO., LTD.', model: 'N150/N210/N220' }]);
  t.same(snapshot.memory, [{ id: 'sysinfo:memory0', label: 'J6G1', capacity: 2147483648, type: 'DDR2', speedMHz: 667, status: 'ok' }],
    'no maker "48spaces", no counting part number or serial');
});

t.test("ASUS's counting serial templates (MB-1234567890, SYS-1234567890) are no serials", async (t) => {
  const snapshot = buildSnapshot(fixture('asus-p8z68-award-templates'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1' }, 'every ASUS board of that generation has the system serial SYS-1234567890');
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', type: 'Desktop' }]);
  t.same(snapshot.boards, [{ id: 'sysinfo:baseboard', label: 'Baseboard', hostingBoard: true, manufacturer: 'ASUSTeK Computer INC.', model: 'P8Z68-V LX' }],
    'the board serial MB-1234567890 is absent');
});

t.test('SMBIOS string tokens left unset (SmbiosType1_SystemManufacturer) name no maker and no model', async (t) => {
  const snapshot = buildSnapshot(fixture('smbiostype-string-tokens'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1' });
  t.same(snapshot.boards, [], 'a board known by token names only is no evidence of a board');
});

t.test('an ASUS Zenbook UX31E: the part number "[Empty]" is none', async (t) => {
  const snapshot = buildSnapshot(fixture('asus-zenbook-ux31e-memory'), withTemps);
  validateSnapshot(snapshot);
  const elpida = { capacity: 2147483648, type: 'DDR3', speedMHz: 1333, manufacturer: 'Elpida', status: 'ok' };
  t.same(snapshot.memory, [
    { id: 'sysinfo:memory0', label: 'ChannelA-DIMM0', ...elpida },
    { id: 'sysinfo:memory2', label: 'ChannelB-DIMM0', ...elpida },
  ]);
});

t.test("an ASUS Eee PC 1225C: AMI's board and chassis serial templates (BSN1234…, CSN1234…) are no serials", async (t) => {
  const snapshot = buildSnapshot(fixture('asus-eee-1225c'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1', manufacturer: 'ASUSTeK Computer Inc.', model: '1225C', serialNumber: 'C5OAAS136969' });
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', manufacturer: 'ASUSTeK Computer Inc.', type: 'Notebook' }]);
  t.same(snapshot.boards, [{ id: 'sysinfo:baseboard', label: 'Baseboard', hostingBoard: true, manufacturer: 'ASUSTeK Computer Inc.', model: '1225C' }]);
});

t.test('a TYAN Tiger i7320: digits counting down and a UUID of one byte repeated are templates', async (t) => {
  const snapshot = buildSnapshot(fixture('tyan-tiger-i7320'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1', manufacturer: 'Intel Corporation', model: 'Nocona/Tumwater Customer Reference Board' },
    'no serial 0123456789, no UUID 0a0a0a0a-…');
  t.same(snapshot.boards, [{ id: 'sysinfo:baseboard', label: 'Baseboard', hostingBoard: true, manufacturer: 'Intel Corporation', model: 'TYAN Tiger-i7320-S5350', version: 'Revision A0' }],
    'no serial 9876543210');
});

t.test("a ThinkPad L412: Kingston's module is Kingston's, not systeminformation's HyperX", async (t) => {
  const snapshot = buildSnapshot(fixture('thinkpad-l412-kingston'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.memory, [{
    id: 'sysinfo:memory0', label: 'M1', capacity: 2147483648, type: 'DDR3', speedMHz: 667, manufacturer: 'Kingston', serialNumber: '431026D1', partNumber: '9904342-002.A00G', status: 'ok',
  }]);
});

t.test('a CHUWI Hi10 plus: hex digits counting up (0123456789ABCDEF) are no serial', async (t) => {
  const snapshot = buildSnapshot(fixture('chuwi-hi10-plus'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1', manufacturer: 'CHUWI INNOVATION AND TECHNOLOGY(SHENZHEN)CO.LTD', model: 'Hi10 plus tablet' });
});

t.test("a Gemini Lake mini PC: AMI's soldered-memory templates (maker ABCD, serial 1234) are none", async (t) => {
  const snapshot = buildSnapshot(fixture('gemini-lake-gb3b-memory'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.memory, [{ id: 'sysinfo:memory0', label: 'A1_DIMM0', capacity: 4294967296, type: 'DDR4', speedMHz: 2133, status: 'ok' }]);
});

t.test('BIOS dates that every build of a firmware carries (SeaBIOS, OVMF, Compute Engine, Bochs, AWS Nitro) are no release dates', async (t) => {
  const seabios = buildSnapshot(fixture('seabios-guest-bios'), withTemps);
  validateSnapshot(seabios);
  t.same(seabios.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'SeaBIOS', version: '1.16.3-debian-1.16.3-2' }],
    'SeaBIOS 1.11 to 1.16.3 all write 04/01/2014');
  const ovmf = buildSnapshot(fixture('ovmf-guest-bios'), withTemps);
  validateSnapshot(ovmf);
  t.same(ovmf.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'EFI Development Kit II / OVMF', version: '0.0.0' }],
    "OVMF's default table: 02/06/2015 on every build");
  const gce = buildSnapshot({ bios: { vendor: 'Google', version: 'Google', releaseDate: '01/01/2011' } }, withTemps);
  t.same(gce.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'Google', version: 'Google' }], "Compute Engine's until 2022");
  const bochs = buildSnapshot({ bios: { vendor: 'Bochs', version: 'Bochs', releaseDate: '01/01/2011' } }, withTemps);
  t.equal(bochs.firmware?.[0]?.releaseDate, undefined, "QEMU's Bochs BIOS");
  const nitro = buildSnapshot({ bios: { vendor: 'Amazon EC2', version: '1.0', releaseDate: '10/16/2017' } }, withTemps);
  t.same(nitro.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'Amazon EC2', version: '1.0' }], "every Nitro instance's");
  // Graviton instances' "BIOS 1.0 11/1/2018" (c6g to r8g, 2020 to 2026 kernel reports): every such instance's, and
  // not SMBIOS's MM/DD/YYYY either; it stays unread, whatever its vendor.
  const graviton = buildSnapshot({ bios: { vendor: 'AWS', version: '1.0', releaseDate: '11/1/2018' } }, withTemps);
  t.equal(graviton.firmware?.[0]?.releaseDate, undefined, "Graviton's");
  const gce2024 = buildSnapshot({ bios: { vendor: 'Google', version: 'Google', releaseDate: '09/13/2024' } }, withTemps);
  t.same(gce2024.firmware?.[0]?.releaseDate, new Date(Date.UTC(2024, 8, 13)), 'its later BIOSes carry their dates');
  const later = buildSnapshot({ bios: { vendor: 'SeaBIOS', version: '1.17.0', releaseDate: '05/02/2025' } }, withTemps);
  t.same(later.firmware?.[0]?.releaseDate, new Date(Date.UTC(2025, 4, 2)), 'another date from SeaBIOS is its date');
});

t.test("an AWS Xen instance: Amazon's Xen BIOS date, the same on every such instance, is no release date", async (t) => {
  const snapshot = buildSnapshot(fixture('aws-xen-hvm'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, {
    hostname: 'srv1', manufacturer: 'Xen', model: 'HVM domU', serialNumber: 'ec2f58af-2dad-c57e-88c0-a81cb6084290', uuid: 'ec2f58af-2dad-c57e-88c0-a81cb6084290',
  });
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', manufacturer: 'Xen', type: 'Other' }]);
  t.same(snapshot.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'Xen', version: '4.11.amazon' }],
    '4.2.amazon and 4.11.amazon both say 08/24/2006');
  const older = buildSnapshot({ bios: { vendor: 'Xen', version: '4.2.amazon', releaseDate: '08/24/2006' } }, withTemps);
  t.equal(older.firmware?.[0]?.releaseDate, undefined);
  // Xen's hvmloader otherwise writes the date it was built (SMBIOS_REL_DATE ?= $(shell date +%m/%d/%Y)).
  const built = buildSnapshot({ bios: { vendor: 'Xen', version: '4.13', releaseDate: '06/12/2020' } }, withTemps);
  t.same(built.firmware?.[0]?.releaseDate, new Date(Date.UTC(2020, 5, 12)), "another Xen build's date is its date");
});

t.test("Hetzner Cloud's and DigitalOcean's BIOS dates, the same on every server since 2017, are no release dates", async (t) => {
  // "Hardware name: Hetzner vServer, BIOS 20171111 11/11/2017" on 5.10 to 6.8 kernels (2021 to 2026), dmidecode 3.4:
  // Vendor Hetzner; "DigitalOcean Droplet, BIOS 20171212 12/12/2017" (2021), bios_vendor DigitalOcean (2025).
  const hetzner = buildSnapshot({ bios: { vendor: 'Hetzner', version: '20171111', releaseDate: '11/11/2017' } }, withTemps);
  validateSnapshot(hetzner);
  t.same(hetzner.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'Hetzner', version: '20171111' }]);
  const droplet = buildSnapshot({ bios: { vendor: 'DigitalOcean', version: '20171212', releaseDate: '12/12/2017' } }, withTemps);
  t.same(droplet.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'DigitalOcean', version: '20171212' }]);
});

t.test("bhyve's BIOS dates, the same in every guest of a FreeBSD release line, are no release dates", async (t) => {
  // Ansible facts and lshw of bhyve guests (Docker Desktop's HyperKit, FreeNAS 11.3): vendor BHYVE, 1.00, 03/14/2014;
  // "Hardware name: FreeBSD BHYVE/BHYVE, BIOS 14.0 10/17/2021" in 6.13 and 6.17 kernel reports (2024, 2025).
  const old = buildSnapshot({ bios: { vendor: 'BHYVE', version: '1.00', releaseDate: '03/14/2014' } }, withTemps);
  validateSnapshot(old);
  t.same(old.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'BHYVE', version: '1.00' }]);
  const current = buildSnapshot({ bios: { vendor: 'BHYVE', version: '14.0', releaseDate: '10/17/2021' } }, withTemps);
  t.same(current.firmware, [{ id: 'sysinfo:bios', label: 'System BIOS', manufacturer: 'BHYVE', version: '14.0' }]);
});

t.test("a Supermicro board's BIOS flash, a Memory Device in a flash array, is no memory module", async (t) => {
  const snapshot = buildSnapshot(fixture('supermicro-x9-flash-memory'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.memory?.map((m) => [m.id, m.label, m.capacity, m.type]), [
    ['sysinfo:memory0', 'P1-DimmA1', 8589934592, 'DDR3'], ['sysinfo:memory1', 'P2-DimmH1', 8589934592, 'DDR3'],
  ], 'the 16 MB Flash device of type Flash is left out');
  // The other non-volatile types SMBIOS has for a Memory Device (DSP0134 7.18.2: ROM, EEPROM, FEPROM, EPROM).
  for (const type of ['ROM', 'EEPROM', 'FEPROM', 'EPROM']) {
    const rom = buildSnapshot({ memLayout: [{ ...fixture('supermicro-x9-flash-memory').memLayout![2]!, type }] }, withTemps);
    t.same(rom.memory, [], type);
  }
});

t.test('a socket count past the logical CPUs is no socket count: one processor, not a crash', async (t) => {
  const cpu = { manufacturer: 'Intel', vendor: 'GenuineIntel', brand: 'Xeon', speed: 2, speedMax: 0, cores: 8, physicalCores: 4 };
  const huge = buildSnapshot({ cpu: { ...cpu, processors: 1e12 } }, withTemps);
  validateSnapshot(huge);
  t.equal(huge.processors?.length, 1);
  t.equal(buildSnapshot({ cpu: { ...cpu, processors: 2.5 } }, withTemps).processors?.length, 1, 'nor a fraction');
  t.equal(buildSnapshot({ cpu: { ...cpu, processors: 2 } }, withTemps).processors?.length, 2);
});

t.test("an Azure VM: the chassis asset tag every Azure VM carries is no asset tag", async (t) => {
  const snapshot = buildSnapshot(fixture('azure-vm'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', manufacturer: 'Microsoft Corporation', version: 'Hyper-V UEFI Release v4.1', serialNumber: '2466-9316-1078-9783-6078-7718-80', type: 'Desktop' }]);
  const tagOf = (assetTag: string) => buildSnapshot({ chassis: { manufacturer: '', model: '', type: 'Other', version: '', serial: '', assetTag } }, withTemps).chassis![0]!.tag;
  t.equal(tagOf('Amazon EC2'), undefined, "AWS's");
  t.equal(tagOf('OracleCloud.com'), undefined, "Oracle Cloud's");
  // The OpenStack clouds cloud-init tells by their chassis asset tag (cloudinit/sources/DataSourceOpenStack.py).
  for (const tag of ['OpenTelekomCloud', 'SAP CCloud VM', 'HUAWEICLOUD']) t.equal(tagOf(tag), undefined, tag);
  t.equal(tagOf('IT-004711'), 'IT-004711', 'a real asset tag stays');
});

t.test("a Lenovo G560: its board's name INVALID is none; the model is the version, the product name its machine type", async (t) => {
  const snapshot = buildSnapshot(fixture('lenovo-g560'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1', manufacturer: 'LENOVO', model: 'Lenovo G560', serialNumber: '2677240001087', uuid: 'cb3e6a50-a77b-e011-88e9-b870f4165734' });
  t.same(snapshot.boards, [{ id: 'sysinfo:baseboard', label: 'Baseboard', hostingBoard: true, manufacturer: 'LENOVO' }]);
});

t.test("an Intel DP55SB: memory serials of zeros in hex are none, part numbers in hex are read", async (t) => {
  const snapshot = buildSnapshot(fixture('intel-dp55sb'), withTemps);
  validateSnapshot(snapshot);
  const corsair = { capacity: 8589934592, type: 'DDR3', speedMHz: 1333, manufacturer: 'Corsair', partNumber: 'CML16GX3M2A1600C10', status: 'ok' };
  t.same(snapshot.memory, [
    { id: 'sysinfo:memory1', label: 'CHANNEL A DIMM 1', ...corsair },
    { id: 'sysinfo:memory3', label: 'CHANNEL B DIMM 1', ...corsair },
  ]);
});

t.test("a Lenovo ThinkSystem SR630: Lenovo's servers name the model in the product name", async (t) => {
  const snapshot = buildSnapshot(fixture('lenovo-thinksystem-sr630'), withTemps);
  t.equal(snapshot.system?.model, 'ThinkSystem SR630 -[7X02CTO1WW]-', 'not its version 07');
  const placeholder = buildSnapshot({ system: { manufacturer: 'LENOVO', model: '29123AG', version: 'Not Available', serial: '', uuid: '' } }, withTemps);
  t.equal(placeholder.system?.model, '29123AG', 'a LENOVO whose version is a placeholder keeps its product name');
  // An all-caps LENOVO server names its model in the product name too ("Hardware name: LENOVO ThinkServer RD440 /ThinkServer RD440", a kernel oops).
  const thinkServer = buildSnapshot({ system: { manufacturer: 'LENOVO', model: 'ThinkServer RD440', version: '07', serial: '', uuid: '' } }, withTemps);
  t.equal(thinkServer.system?.model, 'ThinkServer RD440', 'a product name that is no machine type is the model');
  const bare = buildSnapshot({ system: { manufacturer: 'LENOVO', model: 'RD440', version: '07', serial: '', uuid: '' } }, withTemps);
  t.equal(bare.system?.model, 'RD440', 'a version of digits alone is a revision, not a model');
});

t.test("a Clevo P750ZM: \"Notebook\" names no maker, but stays the chassis type", async (t) => {
  const snapshot = buildSnapshot(fixture('clevo-p750zm'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.system, { hostname: 'srv1', model: 'P750ZM' });
  t.same(snapshot.boards, [{ id: 'sysinfo:baseboard', label: 'Baseboard', hostingBoard: true, model: 'P750ZM' }]);
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis', type: 'Notebook' }]);
});

t.test("a Dell PowerEdge's DDR4 under CentOS 6: the maker named, no type \"<OUT OF SPEC>\"", async (t) => {
  const snapshot = buildSnapshot(fixture('dell-poweredge-ddr4-dmidecode-2.12'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.memory, [{
    id: 'sysinfo:memory0', label: 'A1', capacity: 17179869184, speedMHz: 2400, manufacturer: 'Hynix Semiconductor Inc.',
    serialNumber: '321383C1', partNumber: 'HMA82GR7MFR8N-UH', status: 'ok',
  }]);
});

t.test('a container without DMI: nothing but what the kernel knows', async (t) => {
  const snapshot = buildSnapshot(fixture('container-no-dmi'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.chassis, [{ id: 'sysinfo:chassis' }]);
  t.same([snapshot.boards, snapshot.firmware, snapshot.memory], [[], [], []], 'the stand-in for all memory is no module');
  t.same(snapshot.processors, [{ id: 'sysinfo:cpu0', label: 'CPU 1', manufacturer: 'AMD', model: 'EPYC', cores: 2, threads: 2, status: 'ok' }],
    'speed 0 is no speed');
});

t.test('a Raspberry Pi 4: the SoC by its vendor, and no memory "module"', async (t) => {
  const snapshot = buildSnapshot(fixture('raspberry-pi-4'), withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot.processors!.map((p) => [p.manufacturer, p.model, p.cores, p.maxSpeedMHz]), [['ARM', 'BCM2711', 4, 1800]],
    "Sony UK made the board, not the processor: lscpu's vendor instead");
  t.same(snapshot.memory, [], "systeminformation's guess (LPDDR4, \"SoC\", the memory the kernel manages) is not a module");
});

t.test('processor names systeminformation cut up', async (t) => {
  const cpu = { speed: 0, speedMax: 0, cores: 4, physicalCores: 4, processors: 1 };
  const identity = (answer: Partial<NonNullable<SysinfoData['cpu']>>) => {
    const [p] = buildSnapshot({ cpu: { manufacturer: '', vendor: '', brand: '', ...cpu, ...answer } }, withTemps).processors!;
    return [p!.manufacturer, p!.model];
  };
  t.same(identity({ manufacturer: 'Cortex-A72', vendor: 'ARM', brand: '' }), ['ARM', 'Cortex-A72'],
    'a brand without a maker it knows is reported whole as the manufacturer');
  t.same(identity({ manufacturer: 'Intel', vendor: 'Intel', brand: 'Gen Intel® Core™ i7-12700K', kernelModel: '12th Gen Intel(R) Core(TM) i7-12700K' }),
    ['Intel', '12th Gen Intel(R) Core(TM) i7-12700K'], '"12th" was taken off as the maker');
  t.same(identity({ manufacturer: 'HUAWEI Kunpeng 920 3210 To be filled by O.E.M.', vendor: 'HiSilicon', brand: 'Kunpeng 920 3210 To be filled by O.E.M.' }),
    ['HiSilicon', 'HUAWEI Kunpeng 920 3210'], 'template text inside the firmware name is dropped');
  t.same(identity({ manufacturer: 'AWS Graviton3 N/A', vendor: 'ARM', brand: 'Graviton3 N/A' }), ['ARM', 'AWS Graviton3']);
  t.same(identity({ manufacturer: 'GB10 To Be Filled by OEM', vendor: 'ARM', brand: 'To Be Filled by OEM' }), ['ARM', 'GB10'],
    "an NVIDIA GB10's template without the dots");
  t.same(identity({ manufacturer: '', vendor: 'AMD', brand: '', kernelModel: 'unknown' }), ['AMD', undefined], 'no name, no model');
  // A Zhaoxin KaiXian's /proc/cpuinfo (LKML, an NMI watchdog thread): vendor_id CentaurHauls, as VIA's, which
  // systeminformation names "WinChip/Via"; its brand, knowing no maker in it, is the whole name.
  t.same(identity({ manufacturer: 'ZHAOXIN KaiXian KX-U6780A', vendor: 'WinChip/Via', brand: 'KaiXian KX-U6780A', kernelModel: 'ZHAOXIN KaiXian KX-U6780A@2.7GHz' }),
    ['Zhaoxin', 'ZHAOXIN KaiXian KX-U6780A@2.7GHz'], 'Zhaoxin made it, not VIA');
  t.same(identity({ manufacturer: 'VIA Nano', vendor: 'WinChip/Via', brand: 'Nano', kernelModel: 'VIA Nano processor U2250 (1.6GHz Capable)' }),
    ['WinChip/Via', 'VIA Nano processor U2250 (1.6GHz Capable)'], "a VIA's stays systeminformation's");
});

t.test("without a maximum speed, the speed the kernel's name states, not QEMU's firmware's", async (t) => {
  // lscpu as root in a QEMU guest: "Model name: Intel(R) Xeon(R) Gold 5218R CPU @ 2.10GHz", "BIOS Model name: pc-i440fx-7.1  CPU @ 2.0GHz".
  const cpu = { manufacturer: 'pc-i440fx-7.1', vendor: 'Intel', brand: '', speed: 2, speedMax: 0, cores: 2, physicalCores: 2, processors: 2 };
  const speeds = (answer: Partial<NonNullable<SysinfoData['cpu']>>) =>
    buildSnapshot({ cpu: { ...cpu, ...answer } }, withTemps).processors!.map((p) => p.maxSpeedMHz);
  t.same(speeds({ kernelModel: 'Intel(R) Xeon(R) Gold 5218R CPU @ 2.10GHz' }), [2100, 2100]);
  t.same(speeds({ kernelModel: 'AMD EPYC 7702P 64-Core Processor' }), [2000, 2000], 'a name without a speed leaves systeminformation\'s');
  t.same(speeds({ kernelModel: 'Intel(R) Xeon(R) Gold 5218R CPU @ 2.10GHz', speedMax: 4 }), [4000, 4000], "cpufreq's maximum first");
});

t.test('CPU temperatures only when asked', async (t) => {
  t.same(buildSnapshot(fixture('dell-poweredge-r6515'), { hostname: 'h', cpuTemperature: false }).sensors, []);
});

t.test('nothing known: the host name and nothing else', async (t) => {
  const snapshot = buildSnapshot({}, withTemps);
  validateSnapshot(snapshot);
  t.same(snapshot, { system: { hostname: 'srv1' }, chassis: [], boards: [], firmware: [], processors: [], memory: [], batteries: [], sensors: [] });
});
