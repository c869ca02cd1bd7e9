/** Secret values replaced for printing and logging. */
import type { Config } from './spec.js';
import { ENTRIES } from './table.js';

export const MASK = '********';

/** Keys of external providers' options that are masked as secrets. */
const SECRET_NAME = /pass(word|phrase)?|secret|token|credential|api[-_]?key|private[-_]?key/i;

/** A copy of the configuration with every secret replaced by `********`. */
export function maskSecrets(config: Config): Config {
  const copy = structuredClone(config);
  for (const entry of ENTRIES) {
    if (entry.field.secretKeys) maskItems(entry.segments, entry.field.secretKeys, copy);
    if (!entry.field.secret) continue;
    const parent = entry.segments.slice(0, -1).reduce<Record<string, unknown>>(
      (node, s) => node[s] as Record<string, unknown>, copy as unknown as Record<string, unknown>,
    );
    const name = entry.segments[entry.segments.length - 1] as string;
    if (parent[name] !== undefined) parent[name] = MASK;
  }
  copy.providerOptions = maskByName(copy.providerOptions) as Config['providerOptions'];
  return copy;
}

/** Masks the secret keys of each object in a list (e.g. the keys of SNMP targets). */
function maskItems(segments: readonly string[], keys: readonly string[], copy: Config): void {
  const items = segments.reduce<unknown>((node, s) => (node as Record<string, unknown> | undefined)?.[s], copy);
  if (!Array.isArray(items)) return;
  for (const item of items as Record<string, unknown>[]) {
    for (const key of keys) if (item[key] !== undefined) item[key] = MASK;
  }
}

/** Masks, at any depth, the values whose key names a secret. */
function maskByName(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskByName);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_NAME.test(k) && v !== null && typeof v !== 'object' ? MASK : maskByName(v)]),
  );
}
