/**
 * DSP1011 Physical Asset: chassis, boards and FRU packages, their
 * containment, and the system they package; plus the firmware identities
 * (OMC_SMASHFirmwareIdentity, "System BIOS") that check_esxi_hardware reads.
 */
import { CIMDateTime, type CIMInstanceName } from '../../cim/index.js';
import { CIMV2_NAMESPACE, ModelClass } from '../classes.js';
import { verdict } from '../health.js';
import { qualifiedId } from '../ids.js';
import type { EntrySource } from '../input.js';
import type { InstanceDraft } from '../instance-draft.js';
import type { Board, Chassis, Firmware, Fru, SystemIdentity } from '../snapshot.js';
import { setStatus, type BuildContext } from './context.js';

/**
 * Physical elements and firmware identities are there and readable: OK.
 * Clients read OperationalStatus of every instance they enumerate
 * (check_esxi_hardware indexes OperationalStatus[0]); faults belong to the
 * devices and sensors, which roll up into the system.
 */
const PRESENT = verdict('ok');

/** CIM_PhysicalPackage.PackageType values the model uses. */
export const PackageType = { ChassisFrame: 3, PowerSupply: 6, Fan: 7, ModuleCard: 9, Memory: 13 } as const;

/**
 * SMBIOS chassis type texts (dmidecode and systeminformation spellings, and
 * CIM's own) to ChassisPackageType. CIM aligns its values with the SMBIOS
 * codes and marks those it has no name for "SMBIOS Reserved" (e.g. 23 for
 * "Rack Mount Chassis"); the text itself goes to ChassisTypeDescription.
 */
const CHASSIS_PACKAGE_TYPES: ReadonlyMap<string, number> = new Map(Object.entries({
  other: 1, unknown: 0, desktop: 3, lowprofiledesktop: 4, pizzabox: 5, minitower: 6, tower: 7, portable: 8,
  laptop: 9, notebook: 10, handheld: 11, dockingstation: 12, allinone: 13, subnotebook: 14, spacesaving: 15,
  lunchbox: 16, mainserverchassis: 17, mainsystemchassis: 17, expansionchassis: 18, subchassis: 19,
  busexpansionchassis: 20, peripheralchassis: 21, raidchassis: 22, storagechassis: 22, rackmountchassis: 23,
  sealedcasepc: 24, multisystemchassis: 25, multisystem: 25, compactpci: 26, advancedtca: 27,
  bladeenclosure: 28, bladeenclosing: 28, tablet: 30, convertible: 31, detachable: 32, iotgateway: 33,
  embeddedpc: 34, minipc: 35, stickpc: 36,
}));

/** ChassisPackageType of an SMBIOS type text: 0 Unknown when absent, 1 Other when not a known type. */
export function chassisPackageType(type: string | undefined): number {
  if (type === undefined || type.trim() === '') return 0;
  return CHASSIS_PACKAGE_TYPES.get(type.toLowerCase().replace(/[^a-z0-9]/g, '')) ?? 1;
}

interface MergedChassis {
  readonly path: CIMInstanceName;
  readonly draft: InstanceDraft;
  readonly data: Chassis;
  /** The first provider's chassis. */
  readonly source: EntrySource;
}

/**
 * Collects the physical elements of every provider. Two providers describing
 * the same chassis (same serial number, e.g. DMI and the BMC's FRU data)
 * make one chassis, completed field by field in provider order; the first
 * chassis is the main one ("Chassis"), which holds the system and contains
 * the boards and FRU packages.
 */
export class PhysicalAssets {
  readonly #ctx: BuildContext;
  readonly #chassis: MergedChassis[] = [];
  readonly #contained: CIMInstanceName[] = [];

  constructor(ctx: BuildContext) {
    this.#ctx = ctx;
  }

  /** The path of the chassis `chassis` is or merges into. */
  addChassis(provider: string, chassis: Chassis): CIMInstanceName {
    const same = chassis.serialNumber ? this.#chassis.find((c) => c.data.serialNumber === chassis.serialNumber) : undefined;
    if (same) {
      fillMissing(same.data, chassis);
      return same.path;
    }
    const tag = chassis.tag?.trim() ? chassis.tag.trim() : qualifiedId(provider, chassis.id);
    const draft = this.#ctx.physicalDraft(ModelClass.Chassis, tag);
    const merged: MergedChassis = { path: draft.path(), draft, data: { ...chassis }, source: { provider, id: chassis.id } };
    this.#chassis.push(merged);
    return merged.path;
  }

  addBoard(provider: string, board: Board): void {
    const draft = this.#ctx.physicalDraft(ModelClass.Card, qualifiedId(provider, board.id));
    setStatus(setFru(this.#ctx.labelled(draft, board.label), board), PRESENT)
      .set('PackageType', 'uint16', PackageType.ModuleCard)
      .set('HostingBoard', 'boolean', board.hostingBoard ?? false);
    this.#addContained(draft, { provider, id: board.id });
  }

  /** A FRU package realizing a device (fan, power supply, memory module). */
  addPackage(provider: string, id: string, label: string, packageType: number, fru: Fru, device: CIMInstanceName): void {
    const draft = this.#ctx.physicalDraft(ModelClass.PhysicalPackage, qualifiedId(provider, id));
    setStatus(setFru(this.#ctx.labelled(draft, label), fru), PRESENT)
      .set('PackageType', 'uint16', packageType)
      .set('CanBeFRUed', 'boolean', true);
    const path = this.#addContained(draft, { provider, id });
    this.#ctx.associate(ModelClass.Realizes, ['Antecedent', path], ['Dependent', device]);
  }

  /**
   * Writes the chassis (merged by now), what the main one contains, and the
   * system's packaging. Every host has a chassis, and tools written for ESXi
   * read the first one's Manufacturer (check_esxi_hardware `-V auto`), so
   * when no provider describes one, a chassis is served all the same, in the
   * name of the first provider sampled (its first sample brings it, as it
   * would bring its own).
   */
  finish(system: SystemIdentity | undefined, sampledProvider: string | undefined): void {
    if (this.#chassis.length === 0 && sampledProvider !== undefined) this.addChassis(sampledProvider, { id: 'chassis' });
    this.#chassis.forEach((chassis, i) => this.#writeChassis(chassis, i === 0 ? 'Chassis' : `Chassis ${i + 1}`, system));
    const main = this.#chassis[0];
    if (main === undefined) return;
    for (const part of this.#contained) {
      this.#ctx.associate(ModelClass.Container, ['GroupComponent', main.path], ['PartComponent', part]);
    }
  }

  #writeChassis({ path, draft, data, source }: MergedChassis, elementName: string, system: SystemIdentity | undefined): void {
    // The system's maker where the chassis names none; a string in any case, which `-V auto` matches with a regular expression.
    const manufacturer = data.manufacturer ?? system?.manufacturer ?? '';
    setStatus(setFru(this.#ctx.labelled(draft, elementName), { ...data, manufacturer }), PRESENT)
      .set('PackageType', 'uint16', PackageType.ChassisFrame)
      .set('ChassisPackageType', 'uint16', chassisPackageType(data.type))
      .set('ChassisTypeDescription', 'string', data.type);
    this.#ctx.add(CIMV2_NAMESPACE, draft.build(path), source);
    this.#ctx.central.physical.push(path);
    this.#ctx.associate(ModelClass.ComputerSystemPackage, ['Antecedent', path], ['Dependent', this.#ctx.systemPath], {
      decorate: (d) => d.set('PlatformGUID', 'string', system?.uuid),
    });
  }

  #addContained(draft: InstanceDraft, source: EntrySource): CIMInstanceName {
    const instance = this.#ctx.add(CIMV2_NAMESPACE, draft.build(), source);
    this.#contained.push(instance.path!);
    this.#ctx.central.physical.push(instance.path!);
    return instance.path!;
  }
}

function setFru(draft: InstanceDraft, fru: Fru): InstanceDraft {
  return draft
    .set('Manufacturer', 'string', fru.manufacturer)
    .set('Model', 'string', fru.model)
    .set('SerialNumber', 'string', fru.serialNumber)
    .set('PartNumber', 'string', fru.partNumber)
    .set('Version', 'string', fru.version);
}

const FRU_FIELDS = ['manufacturer', 'model', 'serialNumber', 'partNumber', 'version', 'type'] as const;

function fillMissing(into: Chassis, from: Chassis): void {
  for (const field of FRU_FIELDS) into[field] ??= from[field];
}

/** Whether a FRU record says anything (a package is written only for real FRU data). */
export function hasFruData(fru: Fru | undefined): fru is Fru {
  return fru !== undefined && [fru.manufacturer, fru.model, fru.serialNumber, fru.partNumber, fru.version].some((v) => v);
}

/** Classifications 10 Firmware and 11 BIOS/FCode. */
const FIRMWARE = 10;
const BIOS = 11;

/** A firmware identity, installed and current on the system. */
export function addFirmware(ctx: BuildContext, provider: string, firmware: Firmware): void {
  const draft = setStatus(ctx.instanceIdDraft(CIMV2_NAMESPACE, ModelClass.FirmwareIdentity, qualifiedId(provider, firmware.id)), PRESENT)
    .set('ElementName', 'string', firmware.label)
    .set('Name', 'string', firmware.label)
    .set('VersionString', 'string', firmware.version)
    .set('Manufacturer', 'string', firmware.manufacturer)
    .set('ReleaseDate', 'datetime', validDate(firmware.releaseDate))
    .setArray('Classifications', 'uint16', /bios/i.test(firmware.label) ? [FIRMWARE, BIOS] : [FIRMWARE])
    .set('IsEntity', 'boolean', true);
  const instance = draft.build();
  ctx.add(CIMV2_NAMESPACE, instance, { provider, id: firmware.id });
  ctx.associate(ModelClass.ElementSoftwareIdentity, ['Antecedent', instance.path!], ['Dependent', ctx.systemPath], {
    // 2 Current, 6 Installed.
    decorate: (d) => d.setArray('ElementSoftwareStatus', 'uint16', [2, 6]),
  });
}

function validDate(date: Date | undefined): CIMDateTime | undefined {
  return date !== undefined && Number.isFinite(date.getTime()) ? CIMDateTime.fromDate(date) : undefined;
}
