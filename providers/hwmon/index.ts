/**
 * The hwmon provider: Linux hardware monitoring chips (temperatures,
 * voltages, currents, power, energy, fans, PWM outputs, frequencies,
 * humidity, chassis intrusion) read from sysfs, reported as a neutral
 * HardwareSnapshot. See README.md for options and the mapping tables.
 */
import { join } from 'node:path';
import type { HardwareSnapshot } from '../../src/model/snapshot.js';
import {
  defineProvider, type HardwareProvider, type NotDetected, type ProviderContext, type ProviderLogger,
} from '../../src/providers/api.js';
import { parseAttributeInteger, parseAttributeName } from './attributes.js';
import { buildSnapshot, isReadingAttribute } from './build.js';
import { discoverChips, readChip } from './discover.js';
import { HwmonError } from './errors.js';
import { type HwmonOptions, resolveOptions } from './options.js';
import { createSysfsReader, type SysfsReader } from './reader.js';

export * from './attributes.js';
export * from './build.js';
export * from './chip-id.js';
export * from './discover.js';
export * from './errors.js';
export * from './options.js';
export * from './reader.js';
export * from './thresholds.js';

export const PROVIDER_NAME = 'hwmon';
export const PROVIDER_VERSION = '0.1.0';
/** sysfs answers in microseconds; a sample that needs seconds has a stuck driver, and waiting longer won't help. */
export const PROVIDER_DEFAULTS = Object.freeze({ interval: 10, timeout: 3000 });

/** The provider over resolved options; `reader` replaces sysfs access (tests). */
export function createHwmonProvider(options: HwmonOptions, reader: SysfsReader = createSysfsReader(options)): HardwareProvider {
  // Sensors that gave a reading in this process, as far as later readings depend on it (BuildResult.remember).
  const readBefore = new Set<string>();
  return {
    name: PROVIDER_NAME,
    version: PROVIDER_VERSION,
    kind: 'hardware',
    defaults: PROVIDER_DEFAULTS,
    detect: (ctx) => detect(options, reader, ctx),
    sample: (ctx) => sample(options, reader, readBefore, ctx),
  };
}

export default defineProvider((options) => createHwmonProvider(resolveOptions(options)));

/**
 * Aborts `deadlineMarginMs` before the call's deadline, or with the call's
 * own signal. The budget is a timer of its own, not AbortSignal.timeout:
 * AbortSignal.any holds its sources only weakly, so a garbage collection
 * while a read hung cancelled that timer (nodejs/node#57736, Node 20), and
 * the sample waited for the call's deadline instead of answering without
 * the stuck sensor.
 */
function readSignal(options: HwmonOptions, ctx: ProviderContext): AbortSignal {
  const budget = Math.max(0, ctx.deadline - options.deadlineMarginMs - Date.now());
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('the read budget ran out', 'TimeoutError')), budget).unref();
  const cancel = () => {
    clearTimeout(timer);
    controller.abort(ctx.signal.reason);
  };
  if (ctx.signal.aborted) cancel();
  else ctx.signal.addEventListener('abort', cancel, { once: true });
  return controller.signal;
}

async function sample(options: HwmonOptions, reader: SysfsReader, readBefore: Set<string>, ctx: ProviderContext): Promise<HardwareSnapshot> {
  const signal = readSignal(options, ctx);
  const discovery = await discoverChips(options.root, reader, signal, options);
  const chips = await Promise.all(discovery.chips.map((chip) => readChip(chip, reader, signal)));
  const { snapshot, problems, remember } = buildSnapshot(chips, { ...options, readBefore });
  for (const id of remember) readBefore.add(id);
  logProblems(ctx.log, [...discovery.problems, ...problems]);
  return snapshot;
}

/** Whether the root has a chip with at least one sensor reading that reads and parses. */
async function detect(options: HwmonOptions, reader: SysfsReader, ctx: ProviderContext): Promise<boolean | NotDetected> {
  const signal = readSignal(options, ctx);
  let chips;
  try {
    chips = (await discoverChips(options.root, reader, signal, options)).chips;
  } catch (error) {
    ctx.log.debug({ err: error }, 'hwmon: nothing to detect');
    return { found: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (chips.length === 0) return { found: false, reason: `no chip in ${join(options.root, 'class', 'hwmon')}` };
  for (const chip of chips) {
    for (const file of chip.files) {
      const attribute = parseAttributeName(file);
      if (attribute === undefined || !isReadingAttribute(attribute)) continue;
      const path = `${chip.attributePath}/${file}`;
      try {
        parseAttributeInteger(await reader.readText(path, signal), path);
        return true;
      } catch (error) {
        if (error instanceof HwmonError && error.code === 'ABORTED') return false;
      }
    }
  }
  return { found: false, reason: `no readable sensor on ${chips.length} chip(s) in ${join(options.root, 'class', 'hwmon')}` };
}

/** Limits hit are worth a warning; unreadable files are routine on real hardware (disabled channels, radios off). */
function logProblems(log: ProviderLogger, problems: readonly HwmonError[]): void {
  for (const problem of problems) {
    const fields = { path: problem.path, code: problem.code, errno: problem.errno };
    if (problem.code === 'LIMIT') log.warn(fields, problem.message);
    else log.debug(fields, problem.message);
  }
}
