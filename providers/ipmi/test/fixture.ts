import { readFileSync } from 'node:fs';
import type { IpmiReading } from '../types.js';

/** A fixture of this folder's fixtures/ directory. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** The reading named `name` (the `rank`-th of that name). */
export function named(readings: readonly IpmiReading[], name: string, rank = 0): IpmiReading {
  const found = readings.filter((reading) => reading.name === name)[rank];
  if (!found) throw new Error(`no reading named ${name}`);
  return found;
}
