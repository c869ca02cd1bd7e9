import { readFile, stat } from 'node:fs/promises';

/** Reads and parses a JSON file of at most `maxBytes`, abandoning the read when `signal` aborts. */
export async function readJsonFile(file: string, maxBytes: number, signal: AbortSignal): Promise<unknown> {
  const { size } = await stat(file);
  if (size > maxBytes) throw new Error(`${file}: ${size} bytes, more than the ${maxBytes} allowed (option maxBytes)`);
  const text = await readFile(file, { encoding: 'utf8', signal });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file}: not JSON: ${(error as Error).message}`);
  }
}

/** Checks the options every template provider shares: the data file and its size limit. */
export function fileOptions(options: Record<string, unknown>, known: readonly string[]): { file: string; maxBytes: number } {
  const unknown = Object.keys(options).find((key) => !['interval', 'timeout', 'file', 'maxBytes', ...known].includes(key));
  if (unknown !== undefined) throw new Error(`unknown option '${unknown}'`);
  const { file, maxBytes = 1024 * 1024 } = options;
  if (typeof file !== 'string' || file === '') throw new Error('option file (the path of the JSON data file) is required');
  if (typeof maxBytes !== 'number' || !Number.isInteger(maxBytes) || maxBytes <= 0) {
    throw new Error(`option maxBytes must be a positive integer, got ${JSON.stringify(maxBytes)}`);
  }
  return { file, maxBytes };
}
