/**
 * `ipmitool fru print [id]`: one block per FRU device, opened by
 * "FRU Device Description : <name> (ID <n>)" and followed by
 * " <Field> : <value>" lines (" Chassis Type", " Board Mfg", " Product Serial" …).
 * A device that cannot be read prints " Device not present (…)" or an
 * unknown-header line instead of fields.
 */
import type { FruDevice, FruParseResult } from './types.js';
import { splitLines } from './text.js';

const DEVICE = /^FRU Device Description\s*:\s*(.*?)\s*(?:\(ID (\d+)\))?\s*$/;
const FIELD = /^ +(\S.*?)\s+:\s(.*?)\s*$/;
const NOT_READABLE = /^\s+(Device not present|Unknown FRU header|Timeout (accessing|while reading) FRU)/;

/** Parses `ipmitool fru print` output. */
export function parseFru(text: string): FruParseResult {
  const result: FruParseResult = { format: 'fru', devices: [], noise: [] };
  let device: FruDevice | undefined;
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const opening = DEVICE.exec(raw);
    if (opening) {
      device = { description: opening[1] ?? '', fields: {}, present: true, line };
      if (opening[2] !== undefined) device.deviceId = Number(opening[2]);
      result.devices.push(device);
      return;
    }
    if (device && NOT_READABLE.test(raw)) {
      device.present = false;
      return;
    }
    const field = device ? FIELD.exec(raw) : null;
    if (device && field) {
      device.fields[field[1] ?? ''] ??= field[2] ?? '';
      return;
    }
    result.noise.push({ line, text: raw });
  });
  return result;
}
