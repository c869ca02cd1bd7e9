import type { ScryptParams } from '../../src/security/index.js';

/** Cheap scrypt settings, so that tests do not spend a tenth of a second per hash. */
export const FAST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };

export function mode(stats: { mode: number }): string {
  return (stats.mode & 0o777).toString(8);
}
