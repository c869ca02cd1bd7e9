/**
 * Key values derived from snapshot ids: unique across providers, within a
 * length limit, and the same in every sample, so instance identities (and
 * change detection between generations) survive re-sampling.
 */
import { headOf } from '../cim/xml-chars.js';

/** DeviceID is MaxLen 64 (CIM_LogicalDevice). */
export const DEVICE_ID_MAX = 64;
/** Tag is MaxLen 256 (CIM_PhysicalElement); InstanceIDs use the same bound. */
export const TAG_MAX = 256;

/**
 * A provider's id qualified with the provider's name, so two providers never
 * collide; ids that already carry the prefix (`hwmon:coretemp…`) keep it once.
 */
export function qualifiedId(provider: string, id: string): string {
  return id.startsWith(`${provider}:`) ? id : `${provider}:${id}`;
}

/** Hands out unique key values per scope (a class), each at most `maxLength` characters. */
export class IdAllocator {
  readonly #maxLength: number;
  readonly #taken = new Map<string, Set<string>>();

  constructor(maxLength: number) {
    if (!Number.isInteger(maxLength) || maxLength < 16) throw new RangeError(`an id length limit must be an integer ≥ 16, not ${maxLength}`);
    this.#maxLength = maxLength;
  }

  /**
   * `wanted` itself when free and short enough. A longer one keeps a readable
   * head and ends in a hash of the whole (`head~1a2b3c4d`); a duplicate (a
   * provider reporting one id twice) gets `#2`, `#3`… in order of appearance.
   */
  allocate(scope: string, wanted: string): string {
    let taken = this.#taken.get(scope);
    if (taken === undefined) this.#taken.set(scope, (taken = new Set()));
    const base = this.#fit(wanted, '');
    let id = base;
    for (let n = 2; taken.has(id); n++) id = this.#fit(wanted, `#${n}`);
    taken.add(id);
    return id;
  }

  #fit(wanted: string, suffix: string): string {
    if (wanted.length + suffix.length <= this.#maxLength) return wanted + suffix;
    const hash = `~${fnv1a(wanted)}`;
    return headOf(wanted, this.#maxLength - hash.length - suffix.length) + hash + suffix;
  }
}

/** 32-bit FNV-1a of the UTF-16 code units, as 8 hex digits: short, stable, dependency-free. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
