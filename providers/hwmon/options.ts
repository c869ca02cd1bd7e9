/** The hwmon provider's options, their defaults and their checks. */
import type { ProviderOptions } from '../../src/providers/api.js';
import { HwmonError } from './errors.js';

export interface HwmonOptions {
  /** The sysfs root: the folder holding `class/hwmon` (CLI: `--hwmon-root DIR`). */
  root: string;
  /** hwmon chips read per sample; more are skipped with a warning. */
  maxChips: number;
  /** Attribute files read per chip; more are skipped with a warning. */
  maxAttributesPerChip: number;
  /** Bytes an attribute file may have; sysfs attributes fit in one page. */
  maxAttributeBytes: number;
  /** File operations in libuv's thread pool at once (the pool has 4 threads unless UV_THREADPOOL_SIZE says otherwise). */
  maxConcurrentReads: number;
  /** Milliseconds before the call's deadline at which reads are abandoned, so the partial sample still arrives in time. */
  deadlineMarginMs: number;
  /** Chip names whose fans may rest at 0 RPM by design when no minimum speed is set (graphics cards). */
  zeroRpmChips: string[];
  /** Chip names that are power supplies (a PSU's PMBus or USB monitor, not a board's regulator). */
  powerSupplyChips: string[];
}

export const DEFAULT_OPTIONS: Readonly<HwmonOptions> = Object.freeze({
  root: '/sys',
  maxChips: 256,
  maxAttributesPerChip: 4096,
  maxAttributeBytes: 4096,
  maxConcurrentReads: 2,
  deadlineMarginMs: 50,
  // Asahi's SMC (macsmc_hwmon) stops every Apple Silicon Mac's fans when cool (AsahiLinux/linux#314). Not applesmc:
  // only Intel MacBooks rest theirs; a Mac mini's, an iMac's or a Mac Pro's fan at 0 RPM is a dead one. A ChromeOS EC
  // (cros_ec: Chromebooks, Framework laptops) rests its fans when cool and serves a stall as fan<N>_fault. So does the
  // firmware behind an ACPI fan (acpi_fan), only while fan_hwmon.c's fan1_target, the speed of the performance state
  // the firmware set, is 0 or hidden (fine grain control mode): a target above 0 at 0 RPM is a stopped fan.
  zeroRpmChips: ['amdgpu', 'radeon', 'nouveau', 'i915', 'xe', 'corsairpsu', 'macsmc_hwmon', 'cros_ec', 'acpi_fan'],
  // The PMBus supply drivers' names (the PMBus core names a device after its I²C client, '-' made '_'): Delta's dps460,
  // dps650ab and dps800 (the generic pmbus driver's), dps920ab; Bel's pfe1100, pfe3000; IBM's CFFPS (cffps1, cffps2 from
  // a device tree or the CCIN, ibm_cffps1, ibm_cffps2 from new_device); Inspur's ipsps1; FSP/3Y's ym2151e, yh5151e;
  // AcBel's FSG032; Intel's CRPS185; BluTek's bpa_rs600, bpd_rs600. Not the hot-swap controllers (lm25066, adm1275…)
  // nor the regulators, which measure a board's rails.
  powerSupplyChips: [
    'corsairpsu', 'dps200', 'dps460', 'dps650ab', 'dps800', 'dps920ab', 'pfe1100', 'pfe3000',
    'cffps1', 'cffps2', 'ibm_cffps1', 'ibm_cffps2', 'ipsps1', 'ym2151e', 'yh5151e', 'acbel_fsg032', 'fsg032',
    'intel_crps185', 'crps185', 'bpa_rs600', 'bpd_rs600',
  ],
});

/** Options the broker's scheduler reads for every provider (seconds between samples, ms per call). */
const SCHEDULER_KEYS = ['interval', 'timeout'] as const;

type Check = (key: string, value: unknown) => void;

const wholeNumber =
  (min: number, max: number): Check =>
  (key, value) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw badOption(key, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
  };

const CHECKS: Record<keyof HwmonOptions, Check> = {
  root: (key, value) => {
    if (typeof value !== 'string' || value === '') throw badOption(key, `must be a folder path, got ${JSON.stringify(value)}`);
  },
  maxChips: wholeNumber(1, 65_536),
  maxAttributesPerChip: wholeNumber(1, 65_536),
  maxAttributeBytes: wholeNumber(16, 1_048_576),
  maxConcurrentReads: wholeNumber(1, 1024),
  deadlineMarginMs: wholeNumber(0, 60_000),
  zeroRpmChips: chipNames,
  powerSupplyChips: chipNames,
};

function chipNames(key: string, value: unknown): void {
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string' && name !== '')) {
    throw badOption(key, `must be a list of chip names, got ${JSON.stringify(value)}`);
  }
}

function badOption(key: string, message: string): HwmonError {
  return new HwmonError('BAD_OPTION', '', `hwmon option '${key}' ${message}`);
}

/** The provider's configuration section with defaults filled in; a BAD_OPTION HwmonError for unknown keys and bad values. */
export function resolveOptions(options: ProviderOptions = {}): HwmonOptions {
  const resolved: HwmonOptions = { ...DEFAULT_OPTIONS, zeroRpmChips: [...DEFAULT_OPTIONS.zeroRpmChips], powerSupplyChips: [...DEFAULT_OPTIONS.powerSupplyChips] };
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if ((SCHEDULER_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
        throw badOption(key, `must be a positive number, got ${JSON.stringify(value)}`);
      }
      continue;
    }
    if (!Object.hasOwn(CHECKS, key)) {
      const known = [...Object.keys(CHECKS), ...SCHEDULER_KEYS].join(', ');
      throw badOption(key, `is unknown; the options are ${known}`);
    }
    CHECKS[key as keyof HwmonOptions](key, value);
    (resolved as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? [...(value as string[])] : value;
  }
  return resolved;
}
