/**
 * DMI strings as firmware fills them: vendors leave template text, zeros and
 * "O.E.M." placeholders where a value belongs, and some bytes aren't text at
 * all. What isn't a real value becomes absent, so the model reports nothing
 * rather than "To Be Filled By O.E.M." as a serial number.
 */

/** Whole values (compared without case, spaces collapsed) that mean "no value". */
const PLACEHOLDERS = new Set([
  '-', 'n/a', 'na', 'none', 'null', 'unknown', 'undefined', 'other', 'default', 'default string',
  'not specified', 'not available', 'not applicable', 'not provided', 'not present', 'not settable',
  'to be filled by o.e.m.', 'to be filled by o.e.m', 'to be filled by oem', 'o.e.m.', 'o.e.m', 'oem', 'oem_string',
  'system manufacturer', 'system product name', 'system name', 'system version', 'system serial number', 'system sku',
  'chassis manufacturer', 'chassis manufacture', 'chassis version', 'chassis serial number',
  'base board serial number', 'baseboard serial number', 'base board manufacturer', 'base board product name',
  'asset tag', 'no asset tag', 'no asset information', 'chassis asset tag',
  // Insyde's "TBD by OEM" (also in Linux's sound/soc/soc-core.c dmi_blacklist), others netdata's DMI cleaner drops.
  'tbd', 'tbd by oem', 'unknow', 'unspecified', 'empty', '(null)', 'none provided', 'no enclosure', '$(default_string)',
  'oem chassis manufacturer', 'oem default string000', 'oem_mb', 'system_manufacturer', 'standard', 'system uuid', 'sku',
  // ASUS desktop boards' system product name, on every such board.
  'all series',
  // Canonical checkbox's DMI lists (checkbox_support dmi.py): a product, a maker, a misspelling.
  'product name', 'oem manufacturer', 'uknown',
  // Supermicro's system product name where the integrator set none (the board's model is in the baseboard).
  'super server',
  // Board revisions left as templates: ASUS's "Rev X.0x", Gigabyte's "x.x".
  'rev x.0x', 'x.x',
  // dmidecode's own markers: an enumerated value it has no name for (DDR3 under dmidecode 2.9) and a string number past
  // the structure's strings.
  '<out of spec>', '<bad index>',
  // Samsung netbooks' and laptops' Phoenix templates: the board serial (Chromium's device management test server lists
  // it among bad machine ids) and the memory module's manufacturer.
  '123490en400015', '48spaces',
  // Lenovo's for a string never set: a G560's board name, a Legion's model and serial after a board swap.
  'invalid',
  // U-Boot's product and board name where the board sets none (a Milk-V Mars under Ubuntu 24.10).
  'unknown product',
  // AMI's for an empty string: an ASUS Zenbook UX31E's memory part numbers, on installed modules too.
  '[empty]',
]);

/**
 * Memory and board templates with a counter: "SerNum0", "PartNum3", "AssetTagNum1", "Manufacturer2",
 * "ModulePartNumber00", also with the slot's array in front, as AMI fills installed modules too: "A1_SerNum1",
 * "A1_Manufacturer1", "Array1_PartNumber1".
 */
const NUMBERED_PLACEHOLDER = /^([a-z]+\d+_)?(sernum|serialnum|partnum|(module)?partnumber|assettagnum|manufacturer)\d*$/i;

/**
 * Insyde's templates, the structure's type first: "Type1 - TBD by OEM", "Type1 - 123456789",
 * "Type2 - Board Product Name1", and without the dash "Type1Family", "Type1Sku0", "Type1ProductConfigId".
 */
const TYPE_TEMPLATE = /^type\s?\d+(\s?-\s|(family|sku\d*|productconfigid|version)$)/i;

/**
 * A firmware string token's name, left where its value belongs: "SmbiosType1_SystemManufacturer",
 * "SmbiosType2_BoardProductName" (notebooks and desktops in linux-hardware.org's statistics; netdata drops them too).
 */
const STRING_TOKEN = /^smbiostype\d+_[a-z]+$/i;

const HEX_DIGITS = '0123456789abcdef';

/**
 * Eight or more digits counting up from 0 or 1 ("01234567", "123456789", a Samsung N150's memory part number
 * "012345678901234567890123456789012345") or down from 9 or 0 (a TYAN Tiger i7320's board serial "9876543210"); ten
 * or more counting up after a word of up to six letters, with or without a dash (ASUS boards' serials "MB-1234567890"
 * and "SYS-1234567890", their asset tag "Asset-1234567890"; ASUS laptops' board and chassis serials
 * "BSN12345678901234567", "CSN12345678901234567"): no template seen has fewer digits after a word, or counts down
 * there. Or hex digits counting up from 0 (a CHUWI tablet's system serial "0123456789ABCDEF"). A template's, not a
 * serial's.
 */
function isCounting(text: string): boolean {
  if (/^[0-9a-f]{8,}$/i.test(text) && [...text.toLowerCase()].every((digit, i) => digit === HEX_DIGITS[i % 16])) return true;
  const bare = /^\d{8,}$/.test(text);
  const digits = bare ? text : /^[a-z]{1,6}-?(\d{10,})$/i.exec(text)?.[1];
  if (digits === undefined) return false;
  const counts = (first: number, step: number) => [...digits].every((digit, i) => Number(digit) === (first + 10 + step * (i % 10)) % 10);
  return counts(0, 1) || counts(1, 1) || (bare && (counts(9, -1) || counts(0, -1)));
}

/**
 * AMI's template however it ends: run on ("To Be Filled By O.E.M. by More String", an old ASRock's maker), cut short
 * ("To be filled by O.E.M.To be fill", "To be Filled.").
 */
const TO_BE_FILLED = /^to be fill/i;

/** One character repeated ("00000000", "FFFFFFFF", "XXXXX", "........"). */
const REPEATED = /^(.)\1*$/;

/** Text that a UTF-8 decoder had to replace, or control characters: bytes, not a name. */
const NOT_TEXT = /[\u0000-\u001f\u007f\ufffd]/u;

/** The value, trimmed, or undefined when it is empty, a placeholder or not text. */
export function dmiText(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '' || NOT_TEXT.test(text)) return undefined;
  if (PLACEHOLDERS.has(text.toLowerCase()) || TO_BE_FILLED.test(text)) return undefined;
  if (NUMBERED_PLACEHOLDER.test(text) || TYPE_TEMPLATE.test(text) || STRING_TOKEN.test(text)) return undefined;
  // Zeros are zeros in hex too ("0x00000000", an Intel board's memory serial numbers).
  if (text.length > 1 && REPEATED.test(text.replace(/^0x(?=..)/i, '').replace(/[-\s]/g, ''))) return undefined;
  if (isCounting(text)) return undefined;
  return text;
}

/** A serial number as dmiText reads it; "0" (VirtualBox's system and board serial number on every guest), or zeros in hex, is none. */
export function dmiSerial(value: string | null | undefined): string | undefined {
  const text = dmiText(value);
  return text === undefined || /^(?:0x)?0+$/i.test(text) ? undefined : text;
}

/** Words firmware writes where a maker's name belongs: Clevo's barebones name none ("Notebook") until a reseller does. */
const NOT_MAKERS = new Set(['notebook']);

/** A manufacturer as dmiText reads it, without the words that name no maker (a chassis type elsewhere). */
export function dmiManufacturer(value: string | null | undefined): string | undefined {
  const text = dmiText(value);
  return text !== undefined && NOT_MAKERS.has(text.toLowerCase()) ? undefined : text;
}

/**
 * Chassis asset tags that clouds write into every instance, to tell their platform, not the machine: Azure's
 * "7783-7084-3265-9085-8269-3286-77" (cloud-init's AZURE_CLOUD chassis asset tag), AWS's "Amazon EC2", Oracle
 * Cloud's "OracleCloud.com", and the OpenStack clouds' that cloud-init's DataSourceOpenStack recognises
 * (VALID_DMI_ASSET_TAGS): Open Telekom Cloud's "OpenTelekomCloud", SAP Converged Cloud's "SAP CCloud VM", Huawei
 * Cloud's "HUAWEICLOUD".
 */
const CLOUD_ASSET_TAGS = new Set([
  '7783-7084-3265-9085-8269-3286-77', 'amazon ec2', 'oraclecloud.com', 'opentelekomcloud', 'sap ccloud vm', 'huaweicloud',
]);

/** A chassis asset tag as dmiText reads it; a cloud's marker is none. */
export function dmiAssetTag(value: string | null | undefined): string | undefined {
  const text = dmiText(value);
  return text !== undefined && CLOUD_ASSET_TAGS.has(text.toLowerCase()) ? undefined : text;
}

/**
 * Memory module makers by bank, then id: the bank, the id byte with its parity bit, the name, then the names
 * systeminformation gives the maker where they differ. Named as systeminformation names them when it is given the id
 * as four characters (lib/memory.js RAM_manufacturers: "0198", "059B", "802C", "859B", …; "5105" is Qimonda's bank 6
 * id in the other order), save Kingston (bank 2, 0x98), whose "0198" systeminformation names after its HyperX line,
 * not its maker; Nanya and Infineon, which DDR and DDR2 modules carry and systeminformation doesn't name, as an
 * Insyde BIOS's DDR3 maker table names them (Nanya: bank 4, 0x0B; Infineon: bank 1, 0xC1); and other module makers
 * as SPD tools' JEP106 tables name them (Smart Modular: bank 2, 0x94; Ramaxel: bank 5, 0x43; …). systeminformation's
 * names differ for one maker by the form the firmware wrote ("00CE" is "Samsung Electronics Inc", "80CE" "Samsung
 * Electronics Inc."; the text "G.SKILL" is "G-Skill International Enterprise", "04CD" "G.Skill International
 * Enterprise").
 */
const MEMORY_MAKER_TABLE: readonly (readonly [code: string, name: string, ...systeminformation: string[]])[] = [
  ['1:2c', 'Micron Technology Inc.'], ['1:ad', 'Hynix Semiconductor Inc.'], ['1:c1', 'Infineon (Siemens)'],
  ['1:ce', 'Samsung Electronics Inc.', 'Samsung Electronics Inc'],
  ['2:40', 'Viking Technology'], ['2:4f', 'Transcend Information Inc.', 'Transcend Information'],
  ['2:7a', 'Apacer Technology Inc.', 'Apacer Technology Inc'], ['2:94', 'Smart Modular'], ['2:98', 'Kingston', 'HyperX'],
  ['2:ba', 'PNY Electronics'],
  ['3:9e', 'Corsair'], ['3:b5', 'SpecTek Incorporated'], ['3:fe', 'Elpida'],
  ['4:0b', 'Nanya Technology'], ['4:13', 'GeIL (Golden Empire)'], ['4:16', 'Netlist'], ['4:25', 'Kingmax Semiconductor'],
  ['4:da', 'Swissbit'],
  ['5:43', 'Ramaxel Technology'], ['5:cb', 'A-DATA'],
  ['5:cd', 'G.Skill International Enterprise', 'G-Skill International Enterprise'], ['5:ef', 'Team Group Inc.'],
  ['6:02', 'Patriot Memory'], ['6:51', 'Qimonda AG i. In.'], ['6:9b', 'Crucial'], ['6:ba', 'Virtium Technology'],
  ['7:d3', 'Silicon Power'], ['7:f1', 'InnoDisk Corporation'],
];

/** Each maker by its JEP106 code ("bank:id"). */
const MEMORY_MAKERS: ReadonlyMap<string, string> = new Map(MEMORY_MAKER_TABLE.map(([code, name]) => [code, name]));

/** Each maker by systeminformation's other names for it. */
const SYSTEMINFORMATION_NAMES: ReadonlyMap<string, string> = new Map(
  MEMORY_MAKER_TABLE.flatMap(([, name, ...others]) => others.map((other) => [other, name] as const)),
);

/**
 * A module maker's JEDEC id in hex, also after "0x", in the forms firmware writes:
 * - two bytes, or six (the module maker's id, then the register's and the DRAM's makers': Dell's "00AD00B300AD",
 *   Kingston's "0198000080AD"; dmidecode 3.x prints the first as "Module Manufacturer ID"), each id a bank byte and
 *   the id byte, in that order or the other ("2C00", "2C00B3002C00"). The bank byte counts continuation codes, 0 to
 *   15 for JEP106's 16 banks, its top bit parity; the id byte has odd parity;
 * - eight bytes as DDR and DDR2 SPDs hold them: one continuation code 7F per bank passed, the id, zeros
 *   ("7F7F7F0B00000000", "2C00000000000000").
 */
const ID_PAIRS = /^(?:0x)?([0-9a-f]{2})([0-9a-f]{2})(?:[0-9a-f]{8})?$/i;
const CONTINUATION_CODES = /^(?:0x)?((?:7f)*)([0-9a-f]{2})(?:00)*$/i;

/** Whether a byte has an odd number of bits set, as every JEP106 id byte has. */
function oddParity(byte: number): boolean {
  let bits = 0;
  for (let b = byte; b > 0; b >>= 1) bits += b & 1;
  return bits % 2 === 1;
}

/** Whether JEP106 bank `bank` and id byte `id` can be a code: a bank from 1 to 16, an id byte of odd parity, not 7F. */
function isJep106(bank: number, id: number): boolean {
  return bank >= 1 && bank <= 16 && id !== 0x7f && oddParity(id);
}

/** The maker that JEP106 bank `bank` and id byte `id` name, where MEMORY_MAKERS names it. */
function jep106(bank: number, id: number): string | undefined {
  return isJep106(bank, id) ? MEMORY_MAKERS.get(`${bank}:${id.toString(16).padStart(2, '0')}`) : undefined;
}

/**
 * The maker a JEDEC id in hex names, or undefined where the text is no such id or names none here. A pair of bytes
 * is read the bank first, as JEP106 and dmidecode write it, and the id first only where it is no code that way:
 * HYPERTEC's 0285 (bank 3, 0x85) is not Patriot's 8502 read the other way round.
 */
function jedecMaker(text: string): string | undefined {
  if (text.replace(/^0x/i, '').length === 16) {
    const spd = CONTINUATION_CODES.exec(text);
    return spd ? jep106(spd[1]!.length / 2 + 1, parseInt(spd[2]!, 16)) : undefined;
  }
  const pair = ID_PAIRS.exec(text);
  if (!pair) return undefined;
  const [first, second] = [parseInt(pair[1]!, 16), parseInt(pair[2]!, 16)];
  return isJep106((first & 0x7f) + 1, second) ? jep106((first & 0x7f) + 1, second) : jep106((second & 0x7f) + 1, first);
}

/**
 * AMI's memory maker and serial where the firmware reads no SPD (Gemini Lake boards' soldered memory: "ABCD", "1234").
 * Memory only: elsewhere "1234" could be a version.
 */
const MEMORY_TEMPLATES = new Set(['abcd', '1234']);

/** The text, or undefined when it is one of AMI's memory templates. */
function notMemoryTemplate(text: string | undefined): string | undefined {
  return text !== undefined && MEMORY_TEMPLATES.has(text.toLowerCase()) ? undefined : text;
}

/** A memory module's serial number as dmiSerial reads it, AMI's template aside. */
export function dmiMemorySerial(value: string | null | undefined): string | undefined {
  return notMemoryTemplate(dmiSerial(value));
}

/**
 * A memory module's maker as dmiText reads it, AMI's template aside, with the JEDEC ids of the makers above named
 * and systeminformation's names of one maker made one. Continuation codes with no id after them name none.
 */
export function dmiMemoryMaker(value: string | null | undefined): string | undefined {
  const text = notMemoryTemplate(dmiText(value));
  if (text === undefined || /^(?:0x)?(?:7f)+0*$/i.test(text)) return undefined;
  // dmidecode 2.9's form of the eight bytes: "JEDEC ID:C1 00 00 00 00 00 00 00".
  const spaced = /^JEDEC ID:\s*((?:[0-9a-f]{2}\s?)+)$/i.exec(text)?.[1]?.replace(/\s/g, '');
  return SYSTEMINFORMATION_NAMES.get(text) ?? jedecMaker(spaced ?? text) ?? text;
}

/** "0x" and the hex of four or more bytes. */
const HEX_BYTES = /^0x((?:[0-9a-f]{2}){4,})$/i;

/**
 * A memory module's part number as dmiText reads it; where the firmware wrote the hex of its ASCII (Intel boards:
 * "0x434D4C31364758334D324131363030433130" for CML16GX3M2A1600C10), the text those bytes spell.
 */
export function dmiPartNumber(value: string | null | undefined): string | undefined {
  const text = dmiText(value);
  const hex = text === undefined ? null : HEX_BYTES.exec(text);
  if (!hex) return text;
  const spelled = Buffer.from(hex[1]!, 'hex').toString('latin1');
  return /^[\x20-\x7e]+$/.test(spelled) ? dmiText(spelled) : text;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Firmware defaults that many boards ship with: AMI's counting pattern and Insyde's
 * 12345678-1234-5678-90ab-cddeefaabbcc (an Asustor AS6604T's, and its reference code's Type 1 record), in both byte
 * orders; bytes counting 00 to 0F, in both; and the rest of FreeBSD's rc.d/hostid list: Dell's for a board whose
 * service tag was never set (4C4C4544, "DELL", then the tag as seven spaces) and other firmware defaults.
 */
const PLACEHOLDER_UUIDS = new Set([
  '03000200-0400-0500-0006-000700080009', '00020003-0004-0005-0006-000700080009',
  '12345678-1234-5678-90ab-cddeefaabbcc', '78563412-3412-7856-90ab-cddeefaabbcc',
  '00010203-0405-0607-0809-0a0b0c0d0e0f', '03020100-0504-0706-0809-0a0b0c0d0e0f',
  '4c4c4544-0000-2010-8020-80c04f202020', '07090201-0103-0301-0807-060504030201', '11111111-2222-3333-4444-555555555555',
  '890e2d14-cacd-45d1-ae66-bc80e8bfeb0f', '8e275844-178f-44a8-aceb-a7d7e5178c63', 'dc698397-fa54-4cf2-82c8-b1b5307a6a7f',
]);

/** FreeBSD's rc.d/hostid turns down any UUID that ends in all ones too. */
const ONES_TAIL = /-ffff-ffff-ffff-ffffffffffff$/;

/** One byte repeated: all zeros, all ones (SMBIOS 7.2.1: not set, not present), or a TYAN Tiger i7320's 0A0A0A0A-…. */
const REPEATED_BYTE = /^([0-9a-f]{2})\1*$/;

/** A SMBIOS system UUID in lower case, or undefined when malformed, one byte repeated, or a known default. */
export function dmiUuid(value: string | null | undefined): string | undefined {
  const uuid = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (!uuid || !UUID.test(uuid) || PLACEHOLDER_UUIDS.has(uuid) || ONES_TAIL.test(uuid)) return undefined;
  return REPEATED_BYTE.test(uuid.replace(/-/g, '')) ? undefined : uuid;
}

/**
 * A BIOS release date, from "YYYY-MM-DD" (systeminformation) or SMBIOS's "MM/DD/YYYY" or "MM/DD/YY"; undefined
 * otherwise. SMBIOS takes a two-digit year for 19yy, but firmware wrote them long after 1999 (Apple's "04/10/18" of
 * 2018): like Linux (dmi_get_date), years before SMBIOS 1.0 (1996) are read as 20yy.
 */
export function dmiDate(value: string | null | undefined): Date | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const smbios = /^(\d{2})\/(\d{2})\/(\d{4}|\d{2})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : smbios ? [fullYear(smbios[3]!), smbios[1], smbios[2]] : [];
  if (year === undefined) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  // Date.UTC rolls 02/31 over into March: a date that doesn't round-trip is not a date. The Unix epoch is the date
  // coreboot gives builds made reproducible (TIMELESS), not a release date.
  const real = date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day) && date.getTime() !== 0;
  return real ? date : undefined;
}

/** A four-digit year as is; a two-digit one 19yy, or 20yy where that would precede 1996. */
function fullYear(year: string): string {
  if (year.length === 4) return year;
  const nineteen = 1900 + Number(year);
  return String(nineteen < 1996 ? nineteen + 100 : nineteen);
}
