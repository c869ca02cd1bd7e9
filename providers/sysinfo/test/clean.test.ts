import t from 'tap';
import { dmiDate, dmiManufacturer, dmiMemoryMaker, dmiMemorySerial, dmiPartNumber, dmiSerial, dmiText, dmiUuid } from '../clean.js';

t.test('real values are kept, trimmed, inner spaces collapsed', async (t) => {
  t.equal(dmiText('Dell Inc.'), 'Dell Inc.');
  t.equal(dmiText('  PowerEdge   R6515 \n'), 'PowerEdge R6515');
  t.equal(dmiText('.7N62AI2.GRTCL6944100GP.'), '.7N62AI2.GRTCL6944100GP.', "Dell's dotted board serial");
  t.equal(dmiText('A01'), 'A01');
  t.equal(dmiText('1'), '1', 'a single character is a value');
  t.equal(dmiText('Other Manufacturer'), 'Other Manufacturer');
  t.equal(dmiText('Rev 1.xx'), 'Rev 1.xx', "ASUS's revision template that still names the major revision");
  t.equal(dmiText('SYS-4048B-TRFT'), 'SYS-4048B-TRFT', "a Supermicro system whose integrator set its name");
  t.equal(dmiText('Typhoon 2'), 'Typhoon 2');
  t.equal(dmiText('0123457'), '0123457', 'seven digits are too few to call a template');
  t.equal(dmiText('01234568'), '01234568', 'digits that stop counting are a value');
  t.equal(dmiText('23456789'), '23456789', 'counting from neither 0 nor 1');
  t.equal(dmiText('87654321'), '87654321', 'counting down from neither 9 nor 0');
  t.equal(dmiText('0123456789ABCDEG'), '0123456789ABCDEG', 'hex that stops counting');
  t.equal(dmiText('123456789ABCDEF0'), '123456789ABCDEF0', 'hex counting from 1 is no template seen');
  // After letters, only what the templates seen do (ASUS's MB-1234567890, BSN12345678901234567): ten or more digits
  // counting up, after a word of up to six letters.
  t.equal(dmiText('SN12345678'), 'SN12345678', 'eight digits after letters could be a serial');
  t.equal(dmiText('DELL-98765432'), 'DELL-98765432', 'digits counting down after letters are no template seen');
  t.equal(dmiText('DELL-9876543210'), 'DELL-9876543210', 'ten of them neither');
  t.equal(dmiText('ABCDEFGH12345678'), 'ABCDEFGH12345678', 'a long word before the digits is no template seen');
  t.equal(dmiText('ABCDEFG1234567890'), 'ABCDEFG1234567890', 'seven letters are one too many');
});

t.test('placeholders, empties and non-text become absent', async (t) => {
  const absent = [
    undefined, null, '', '   ', '\n', '-', 'N/A', 'None', 'Unknown', 'Not Specified', 'Not Available', 'Not Applicable',
    'To Be Filled By O.E.M.', 'To be filled by O.E.M.', 'TO BE FILLED BY OEM', 'O.E.M.', 'Default string', 'Default String',
    'System Serial Number', 'System manufacturer', 'System Product Name', 'System Version', 'Chassis Serial Number',
    'Base Board Serial Number', 'Asset Tag', 'No Asset Information', 'Type1ProductConfigId', '0123456789',
    'SerNum0', 'SerNum12', 'PartNum0', 'AssetTagNum3', 'Manufacturer0', 'Manufacturer',
    '00000000', 'FFFFFFFF', 'XXXXXXXX', '0000-0000', '........',
    '\ufffd\u001c[\ufffd', 'ABC\u0000', 'v1\u0007',
    // Insyde's templates (an Asustor AS6604T; Linux's soc-core.c dmi_blacklist; kernel "Hardware name:" lines).
    'Type1 - TBD by OEM', 'Type1 - 123456789', 'Type1 - SKU0', 'Type1 - Family', 'Type2 - Board Manufacturer',
    'Type2 - Board Product Name1', 'Type2 - Board Vendor Name1', 'Type2 - Board Serial Number', 'Type1Family', 'Type1Sku0',
    'TBD by OEM', 'Chassis Asset Tag', 'Super Server', 'Rev X.0x', 'Rev x.0x', 'x.x', 'Unknow', 'Empty', '(null)', 'No Enclosure',
    // AMI's template without its last dot, which systeminformation's own cleaning misses ("o.e.m."): Loongson
    // 3A6000 boards' system version and serial, a MinnowBoard MAX's asset tag (public dmidecode outputs).
    'To Be Filled By O.E.M', 'To be filled by O.E.M', 'O.E.M',
    // AMI's memory templates with the slot's array in front, on an installed 4 GB DDR3 module and on empty slots
    // (public dmidecode outputs: Locator DIMM_A1, Bank Locator A1_BANK0).
    'A1_Manufacturer1', 'A1_SerNum1', 'A1_AssetTagNum1', 'Array1_PartNumber1', 'A1_Manufacturer2', 'Array1_PartNumber2',
    // An ASUS Eee PC 1215N's DDR3 modules under dmidecode 2.9 (fixtures/SOURCE.txt): its part number template, and
    // dmidecode's markers for a type it has no name for and a string the structure doesn't have.
    'ModulePartNumber00', 'ModulePartNumber01', '<OUT OF SPEC>', '<BAD INDEX>',
    // A Samsung N150's board serial and memory templates (fixtures/SOURCE.txt), and other counting digits.
    // Lenovo's for a string never set (a G560's board name; fixtures/SOURCE.txt).
    'INVALID',
    // U-Boot's product name where the board sets none (a Milk-V Mars; fixtures/SOURCE.txt).
    'Unknown Product',
    // A product name systemd's hwdb (hwdb.d/20-dmi-id.hwdb: pnSystemname, pnSystemName, the modalias's spaceless form) marks as rubbish.
    'System Name', 'System name',
    // Zeros in hex (an Intel DP55SB's memory serial numbers; fixtures/SOURCE.txt).
    '0x00000000', '0XFFFFFFFF',
    // Firmware string tokens' names (linux-hardware.org statistics; netdata's cleaner; fixtures/SOURCE.txt).
    'SmbiosType1_SystemManufacturer', 'SmbiosType1_SystemProductName', 'SmbiosType2_BoardManufacturer', 'SmbiosType2_BoardProductName',
    // AMI's empty string on an ASUS Zenbook UX31E's installed modules and empty slots (fixtures/SOURCE.txt).
    '[Empty]', '[empty]',
    // Digits counting down (a TYAN Tiger i7320's board serial; fixtures/SOURCE.txt).
    '9876543210', '0987654321', '98765432',
    // Hex digits counting up (a CHUWI Hi10 plus's system serial; fixtures/SOURCE.txt).
    '0123456789ABCDEF', '0123456789abcdef0123',
    '123490EN400015', '48spaces', '012345678901234567890123456789012345', '01234567', '12345678', '1234567890123',
    '1234567890', '123456789',
    // The rest of netdata's DMI cleaner's list (status-file-dmi.c, dmi_clean_field_placeholder).
    'OEM Chassis Manufacturer', 'OEM Default string000', 'OEM_MB', 'SYSTEM_MANUFACTURER', 'Standard', 'System UUID', 'SKU',
    // ASUS desktop boards' system product name (dmidecode 3.2 of an ASUS board: Product Name "All Series", Version
    // "System Version", Serial Number "System Serial Number", SKU Number "All", Family "ASUS MB").
    'All Series',
    // AMI's template run on or cut short: an old ASRock's maker (lshw on the Ubuntu Forums, 2008; FOG's and Canonical
    // checkbox's DMI lists), a board's four System Information strings (dmidecode, UUID Not Present), a 1999
    // Supermicro's AMI BIOS (kernel 2.4 boot log: "System Vendor: To be Filled.").
    'To Be Filled By O.E.M. by More String', 'To be filled by O.E.M.To be fill', 'To be Filled.',
    // The rest of Canonical checkbox's DMI lists (checkbox_support dmi.py): product, vendor and version.
    'Product Name', 'OEM Manufacturer', 'Uknown', '-1',
  ];
  for (const value of absent) t.equal(dmiText(value), undefined, JSON.stringify(value));
  for (const value of ['0x1', '0xA', '0x0']) t.equal(dmiText(value), value, `${value}: one hex digit is a value`);
});

t.test("serial numbers: as any DMI text, and VirtualBox's 0 is none", async (t) => {
  t.equal(dmiSerial('0'), undefined, "every VirtualBox guest's system and board serial (fixtures/SOURCE.txt)");
  t.equal(dmiSerial(' 0 '), undefined);
  t.equal(dmiSerial('0x0'), undefined, 'zeros in hex too');
  t.equal(dmiSerial('System Serial Number'), undefined);
  t.equal(dmiSerial('7N62AI2'), '7N62AI2');
  t.equal(dmiSerial('10'), '10');
  t.equal(dmiText('0'), '0', 'elsewhere a 0 stays');
  // ASUS's templates, a short word and counting digits (fixtures/SOURCE.txt: asus-p8z68-award-templates.json).
  for (const template of ['MB-1234567890', 'SYS-1234567890', 'Asset-1234567890', 'mb-0123456789']) t.equal(dmiSerial(template), undefined, template);
  t.equal(dmiSerial('SYS-1234567891'), 'SYS-1234567891', 'digits that stop counting are a serial');
  // ASUS laptops' board and chassis serials, the word without a dash (fixtures/SOURCE.txt: asus-eee-1225c.json).
  for (const template of ['BSN12345678901234567', 'CSN12345678901234567']) t.equal(dmiSerial(template), undefined, template);
  t.equal(dmiText('ATN12345678901234567'), undefined, 'their asset tag (an S400CA, an X507UAR in public dmidecode outputs)');
  t.equal(dmiSerial('BSN12345678901234568'), 'BSN12345678901234568', 'digits that stop counting are a serial');
  t.equal(dmiSerial('C5OAAS136969'), 'C5OAAS136969', "the 1225C's own system serial");
});

t.test("makers: as any DMI text, and Clevo's \"Notebook\" is none", async (t) => {
  t.equal(dmiManufacturer('Notebook'), undefined, "a Clevo P750ZM's system, board and chassis (fixtures/SOURCE.txt)");
  t.equal(dmiManufacturer('Notebook   '), undefined);
  t.equal(dmiManufacturer('To Be Filled By O.E.M.'), undefined);
  t.equal(dmiManufacturer('Dell Inc.'), 'Dell Inc.');
  t.equal(dmiText('Notebook'), 'Notebook', 'elsewhere, as the chassis type, Notebook stays');
});

t.test("memory makers: JEDEC ids named as systeminformation names them, Kingston's as Kingston", async (t) => {
  // Dell PowerEdges' dmidecode outputs (fixtures/SOURCE.txt): the module maker's id on either side of another.
  t.equal(dmiMemoryMaker('00AD00B300AD'), 'Hynix Semiconductor Inc.');
  t.equal(dmiMemoryMaker('00AD063200AD'), 'Hynix Semiconductor Inc.');
  t.equal(dmiMemoryMaker('00CE00B300CE'), 'Samsung Electronics Inc.');
  t.equal(dmiMemoryMaker('002C00B3002C'), 'Micron Technology Inc.');
  t.equal(dmiMemoryMaker('80CE000080CE'), 'Samsung Electronics Inc.', 'the same id with its parity bit');
  // Kingston's modules (fixtures/SOURCE.txt: thinkpad-l412-kingston.json): the module maker's id first, the DRAM
  // maker's last (dmidecode 3.x prints the first as "Module Manufacturer ID: Bank 2, Hex 0x98").
  t.equal(dmiMemoryMaker('0198000080AD'), 'Kingston');
  t.equal(dmiMemoryMaker('01980000802C'), 'Kingston');
  t.equal(dmiMemoryMaker('019804B30000'), 'Kingston');
  t.equal(dmiMemoryMaker('00AD00B300CE'), 'Hynix Semiconductor Inc.', 'the module maker, whoever made the DRAM');
  t.equal(dmiMemoryMaker('HyperX'), 'Kingston', "systeminformation's name for Kingston's id 0198, after one of its lines");
  // The ids systeminformation names when given as 4 characters (lib/memory.js RAM_manufacturers), as the module maker.
  const named: [string, string][] = [
    ['059B00B3059B', 'Crucial'], ['859B00000000', 'Crucial'], ['04CB00B304CB', 'A-DATA'], ['029E00B3029E', 'Corsair'],
    ['04CD00B304CD', 'G.Skill International Enterprise'], ['014F00B3014F', 'Transcend Information Inc.'],
    ['017A00B3017A', 'Apacer Technology Inc.'], ['02FE00B302FE', 'Elpida'], ['855100000000', 'Qimonda AG i. In.'],
  ];
  for (const [ids, maker] of named) t.equal(dmiMemoryMaker(ids), maker, ids);
  t.equal(dmiMemoryMaker('0x0198000080AD'), 'Kingston', 'with a 0x in front');
  t.equal(dmiMemoryMaker('0X80CE000080CE'), 'Samsung Electronics Inc.');
  t.equal(dmiMemoryMaker('109B00B3109B'), '109B00B3109B', 'a bank past JEP106 (17) is no maker id');
  t.equal(dmiMemoryMaker('0x059B'), 'Crucial', 'two bytes, as systeminformation names 059B');
  t.equal(dmiMemoryMaker('063300B30633'), '063300B30633', 'an id not named here stays as written');
  t.equal(dmiMemoryMaker('00000000802C'), '00000000802C', 'no module maker, no name');
  t.equal(dmiMemoryMaker('Samsung'), 'Samsung');
  // AMI's templates where no SPD is read (a Gemini Lake mini PC; fixtures/SOURCE.txt), in memory only.
  t.equal(dmiMemoryMaker('ABCD'), undefined);
  t.equal(dmiMemorySerial('1234'), undefined);
  t.equal(dmiMemorySerial('00000000'), undefined, 'and what any serial drops');
  t.equal(dmiMemorySerial('431026D1'), '431026D1');
  t.equal(dmiText('1234'), '1234', 'elsewhere 1234 could be a version');
  t.equal(dmiMemoryMaker('Undefined'), undefined);
});

t.test('memory makers: JEDEC ids in either byte order, and the DDR2-era eight bytes of continuation codes', async (t) => {
  // The id first, its bank after: a Cisco UCS's "0x2C00" (systeminformation names 2C00, AD00 and CE00 itself, not
  // the others), a Supermicro-style "2C00B3002C00" (a Go inventory tool's dmidecode sample: DIMM_A1, Bank CPU1,
  // 36JSF1G72PZ-1G9K1, a Micron part).
  t.equal(dmiMemoryMaker('2C00B3002C00'), 'Micron Technology Inc.');
  t.equal(dmiMemoryMaker('0xCE00B300CE00'), 'Samsung Electronics Inc.');
  t.equal(dmiMemoryMaker('9801'), 'Kingston', "Kingston's 0198 the other way round");
  t.equal(dmiMemoryMaker('CE80'), 'Samsung Electronics Inc.', '80CE the other way round');
  t.equal(dmiMemoryMaker('0x002C'), 'Micron Technology Inc.', 'the bank byte without its parity bit');
  t.equal(dmiMemoryMaker('00AD'), 'Hynix Semiconductor Inc.');
  t.equal(dmiMemoryMaker('9E02'), 'Corsair');
  // DDR and DDR2 SPDs' eight bytes: one 7F per bank passed, the id, zeros (Ubuntu Forums dmidecode outputs: a Dell
  // Vostro 1500's Nanya NT1GT64U8HA0BY-37B "7F7F7F0B00000000", Samsung M4 70T5663QZ3-CE6 "CE00000000000000", a
  // DDR2 16HTF25664AY-800J1 "2C00000000000000", an Intel board's "0x2C00000000000000", an HP's "AD00000000000000").
  t.equal(dmiMemoryMaker('7F7F7F0B00000000'), 'Nanya Technology');
  t.equal(dmiMemoryMaker('CE00000000000000'), 'Samsung Electronics Inc.');
  t.equal(dmiMemoryMaker('2C00000000000000'), 'Micron Technology Inc.');
  t.equal(dmiMemoryMaker('0x2C00000000000000'), 'Micron Technology Inc.');
  t.equal(dmiMemoryMaker('AD00000000000000'), 'Hynix Semiconductor Inc.');
  t.equal(dmiMemoryMaker('7F98000000000000'), 'Kingston');
  t.equal(dmiMemoryMaker('7F7F7F7F7F9B0000'), 'Crucial');
  t.equal(dmiMemoryMaker('7F7F7F7F7F7F7F7F'), undefined, 'continuation codes alone name no maker');
  t.equal(dmiMemoryMaker('7F7F7F2600000000'), '7F7F7F2600000000', 'an id not named here stays as written');
  t.equal(dmiMemoryMaker('2C00000000000001'), '2C00000000000001', 'not padded with zeros: no such id');
  // dmidecode 2.9's "JEDEC ID:" and the bytes spaced out (an Ubuntu Forums dmidecode: a DDR 512 MB 64D64300HU5B).
  t.equal(dmiMemoryMaker('JEDEC ID:C1 00 00 00 00 00 00 00'), 'Infineon (Siemens)');
  t.equal(dmiMemoryMaker('JEDEC ID:7F 7F 7F 0B 00 00 00 00'), 'Nanya Technology');
  t.equal(dmiMemoryMaker('JEDEC ID:25 00 00 00 00 00 00 00'), 'JEDEC ID:25 00 00 00 00 00 00 00', 'an id not named here stays as written');
  t.equal(dmiMemoryMaker('0D0B'), '0D0B', 'an id named nowhere here (bank 14, 0x0B) stays as written');
  // The bank first is the order JEP106 and dmidecode use: where the bytes read that way are an id (a bank byte up to
  // 16 banks, an id byte with odd parity, not 7F), that is the id, even where the other way round names a maker here.
  // HYPERTEC's 0285 (bank 3, 0x85; OpenOCD's jep106.inc) is no Patriot (8502), bank 12's 0x83 no Nanya (830B).
  t.equal(dmiMemoryMaker('0285'), '0285', "HYPERTEC's id, not named here, stays as written");
  t.equal(dmiMemoryMaker('0x028500B30285'), '0x028500B30285');
  t.equal(dmiMemoryMaker('0B83'), '0B83', "bank 12's 0x83, not Nanya read the other way round");
  // Other module makers' JEP106 ids, as SPD tools name them (bank byte with its parity bit, then the id: Smart
  // Modular 0194, Netlist 8316, Ramaxel 0443, Team Group 04EF, Patriot 8502, PNY 01BA, Kingmax 8325, Virtium 85BA).
  const others: [string, string][] = [
    ['0194', 'Smart Modular'], ['01940000802C', 'Smart Modular'], ['8316', 'Netlist'], ['0x8316', 'Netlist'],
    ['7F7F7F1600000000', 'Netlist'], ['0443', 'Ramaxel Technology'],
    ['7F7F7F7F43000000', 'Ramaxel Technology'], ['04EF', 'Team Group Inc.'], ['8502', 'Patriot Memory'], ['01BA', 'PNY Electronics'],
    ['8325', 'Kingmax Semiconductor'], ['85BA', 'Virtium Technology'], ['86D3', 'Silicon Power'], ['8313', 'GeIL (Golden Empire)'],
    ['0140', 'Viking Technology'], ['86F1', 'InnoDisk Corporation'], ['83DA', 'Swissbit'], ['02B5', 'SpecTek Incorporated'],
  ];
  for (const [ids, maker] of others) t.equal(dmiMemoryMaker(ids), maker, ids);
  // Netlist is bank 4's 0x16 (i2c-tools decode-dimms, OpenOCD jep106.inc); bank 3's is C-Port Corporation.
  t.equal(dmiMemoryMaker('0x0216'), '0x0216', "C-Port's id, not Netlist's");
  t.equal(dmiMemoryMaker('7F7F160000000000'), '7F7F160000000000');
  // systeminformation's names of one maker, which differ by the form the firmware wrote (lib/memory.js: 00CE is
  // "Samsung Electronics Inc", 80CE "Samsung Electronics Inc."), are one name.
  t.equal(dmiMemoryMaker('Samsung Electronics Inc'), 'Samsung Electronics Inc.');
  t.equal(dmiMemoryMaker('G-Skill International Enterprise'), 'G.Skill International Enterprise');
  t.equal(dmiMemoryMaker('Transcend Information'), 'Transcend Information Inc.');
  t.equal(dmiMemoryMaker('Apacer Technology Inc'), 'Apacer Technology Inc.');
});

t.test('memory part numbers written as the hex of their ASCII are read as text', async (t) => {
  // An Intel DP55SB's Corsair modules and a laptop's Hynix SODIMM (fixtures/SOURCE.txt).
  t.equal(dmiPartNumber('0x434D4C31364758334D324131363030433130'), 'CML16GX3M2A1600C10');
  t.equal(dmiPartNumber('0x484D54333531533642465238432D50422020'), 'HMT351S6BFR8C-PB', 'its padding trimmed');
  t.equal(dmiPartNumber('HMA82GR7CJR8N-XN'), 'HMA82GR7CJR8N-XN');
  t.equal(dmiPartNumber('0x2C00'), '0x2C00', 'too short to be text');
  t.equal(dmiPartNumber('0x0102030405'), '0x0102030405', 'bytes that are no text stay as written');
  t.equal(dmiPartNumber('0x202020202020'), undefined, 'spaces only');
  t.equal(dmiPartNumber('Not Specified'), undefined);
});

t.test('UUIDs: lower-cased, placeholders and malformed ones absent', async (t) => {
  t.equal(dmiUuid('83340CA8-CB49-4474-8C29-D2088CA84DD9'), '83340ca8-cb49-4474-8c29-d2088ca84dd9');
  t.equal(dmiUuid(' 83340ca8-cb49-4474-8c29-d2088ca84dd9\n'), '83340ca8-cb49-4474-8c29-d2088ca84dd9');
  for (const value of [
    undefined, '', 'Not Settable', '83340ca8cb4944748c29d2088ca84dd9', '83340ca8-cb49-4474-8c29-d2088ca84dd',
    '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    '03000200-0400-0500-0006-000700080009', '00020003-0004-0005-0006-000700080009',
    '12345678-1234-5678-90AB-CDDEEFAABBCC', '78563412-3412-7856-90ab-cddeefaabbcc',
    // One byte repeated: a TYAN Tiger i7320's (fixtures/SOURCE.txt).
    '0A0A0A0A-0A0A-0A0A-0A0A-0A0A0A0A0A0A',
    // FreeBSD's rc.d/hostid list of SMBIOS UUIDs that identify no machine: Dell's for a board whose service tag was
    // never set (4C4C4544 "DELL", the tag as seven spaces), other firmware defaults, and any ending in all ones.
    '4C4C4544-0000-2010-8020-80C04F202020', '07090201-0103-0301-0807-060504030201', '11111111-2222-3333-4444-555555555555',
    '890e2d14-cacd-45d1-ae66-bc80e8bfeb0f', '8e275844-178f-44a8-aceb-a7d7e5178c63', 'dc698397-fa54-4cf2-82c8-b1b5307a6a7f',
    '12345678-ffff-ffff-ffff-ffffffffffff',
    // Bytes counting 00 to 0F, in either order (a Windows tool's list of SMBIOS GUIDs that identify nothing).
    '00010203-0405-0607-0809-0A0B0C0D0E0F', '03020100-0504-0706-0809-0a0b0c0d0e0f',
  ]) t.equal(dmiUuid(value), undefined, JSON.stringify(value));
  t.equal(dmiUuid('4c4c4544-0037-4e10-8032-b7c04f4b4d32'), '4c4c4544-0037-4e10-8032-b7c04f4b4d32', "a Dell's with its service tag");
  t.equal(dmiUuid('0a0a0a0a-0a0a-0a0a-0a0a-0a0a0a0a0a0b'), '0a0a0a0a-0a0a-0a0a-0a0a-0a0a0a0a0a0b', 'one byte off is a UUID');
  t.equal(dmiUuid(42 as unknown as string), undefined, 'no text, no UUID (and no throw)');
  t.equal(dmiDate(20210412 as unknown as string), undefined, 'no text, no date (and no throw)');
});

t.test('BIOS dates in both forms; anything else absent', async (t) => {
  t.same(dmiDate('2021-04-12'), new Date(Date.UTC(2021, 3, 12)));
  t.same(dmiDate('04/12/2021'), new Date(Date.UTC(2021, 3, 12)), 'SMBIOS month/day/year');
  // Two-digit years (fixtures/SOURCE.txt): MacBook Pros' 04/10/18 and 10/12/06, before 1996 read as 20yy as Linux does.
  t.same(dmiDate('04/10/18'), new Date(Date.UTC(2018, 3, 10)), 'a MacBookPro8,2: 2018, as its version MBP81.88Z.0050.B00.1804101331 says');
  t.same(dmiDate('10/12/06'), new Date(Date.UTC(2006, 9, 12)), 'a MacBookPro1,1');
  t.same(dmiDate('12/31/99'), new Date(Date.UTC(1999, 11, 31)), 'from 96 on, 19yy as SMBIOS says');
  t.same(dmiDate('01/15/96'), new Date(Date.UTC(1996, 0, 15)));
  t.equal(dmiDate('02/30/18'), undefined, 'no February 30th in two digits either');
  // coreboot built reproducibly (TIMELESS) dates itself at the Unix epoch: a PC Engines APU's dmidecode "Release Date:
  // 01/01/1970" (pcengines/coreboot issue #526). No release date.
  t.equal(dmiDate('01/01/1970'), undefined, "coreboot's reproducible builds' epoch");
  t.equal(dmiDate('1970-01-01'), undefined);
  t.same(dmiDate('01/02/1970'), new Date(Date.UTC(1970, 0, 2)), 'only the epoch itself');
  for (const value of [undefined, '', '2021-4-12', '12.04.2021', '04/10/018', '2020-02-31', '13/01/2020', 'yesterday']) {
    t.equal(dmiDate(value), undefined, JSON.stringify(value));
  }
});
