/**
 * The IPMI hardware provider: reads the BMC with ipmitool or FreeIPMI (or
 * replays recordings), parses what the tool printed and maps it to the
 * neutral snapshot.
 *
 * Per sample, ipmitool runs `sdr elist` (values, states, entities); the
 * threshold table (`sensor`, slow on most BMCs) every `thresholdRefresh`
 * seconds, the FRU inventory (`fru print 0`) every `fruRefresh` seconds and
 * the verbose SDR listing (`-v sdr`: the sensors' declared ranges) every
 * `rangeRefresh` seconds when set (off by default), their last good output
 * kept in between; `dcmi power reading` when asked.
 * FreeIPMI needs one `ipmi-sensors` run, and its verbose listing (`-v`) every
 * `rangeRefresh` seconds when set. Every run goes through
 * `runCommand` under the call's deadline, keyed by BMC so that one BMC never
 * serves two runs at once. A run that fails or is stopped part-way still
 * counts with what it printed; the sample report says so (`partial`).
 */
import { stat, readFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import type { HardwareSnapshot } from '../../src/model/snapshot.js';
import type { HardwareProvider, NotDetected, ProviderContext, ProviderOptions } from '../../src/providers/api.js';
import { CommandError, runCommand } from '../../src/providers/child.js';
import { IpmiError } from './errors.js';
import { parseDcmiPowerReading } from './dcmi.js';
import { parseFreeIpmiSensors } from './freeipmi.js';
import { parseFreeIpmiVerbose } from './freeipmi-verbose.js';
import { parseFru } from './fru.js';
import { isLegacyIpmitool, parseIpmitoolVersion } from './legacy.js';
import { buildSnapshot, type SnapshotSources } from './map.js';
import { mergeReadings } from './merge.js';
import { type IpmiConfig, parseOptions } from './options.js';
import { parseIpmiOutput, parseSensorOutput } from './recognise.js';
import { parseSdrElist } from './sdr-list.js';
import { parseSdrVerbose } from './sdr-verbose.js';
import { parseSensorTable } from './sensor-table.js';
import {
  candidates, EXECUTABLES, FREEIPMI_RANGE_ARGS, FREEIPMI_SENSOR_ARGS, freeIpmiInvocation, type Invocation, ipmitoolInvocation, locate,
  probeCommand, type ToolName,
} from './tools.js';
import type { DcmiPowerReading, FruParseResult, IpmiFormat, IpmiParseResult, IpmiReading, NoiseLine } from './types.js';

export const PROVIDER_NAME = 'ipmi';
export const PROVIDER_VERSION = '1.0.0';
/** BMCs answer in seconds, over the LAN in tens of them; a sample runs up to four tools in a row. */
export const PROVIDER_DEFAULTS = Object.freeze({ interval: 20, timeout: 60_000 });
/** Time the range read leaves before the sample's deadline, to stop its run and build the snapshot. */
export const RANGE_MARGIN_MS = 2_000;

/** What one tool run or recording contributed to a sample. */
export interface OutputReport {
  /** The command line (it never holds a secret) or the recording's path. */
  source: string;
  format?: IpmiFormat;
  records: number;
  noiseLines: number;
  /** Noise lines with a record's columns (a sensor that could not be read), and the first of them. */
  unreadRecords?: number;
  firstUnread?: NoiseLine;
  /** The run failed or was stopped part-way, and what it printed before was used. */
  partial: boolean;
  /** Why the run failed, when it did. */
  error?: string;
  /** The run reads the sensors' ranges alone (`-v sdr`): its failure misses no sensor. */
  rangesOnly?: boolean;
}

export interface SampleReport {
  reader: ToolName | 'recording';
  /** Some output was partial: the snapshot may miss sensors. */
  partial: boolean;
  outputs: OutputReport[];
}

export interface IpmiProvider extends HardwareProvider {
  /** What the last sample read, for diagnostics (`provider-test`, logs). */
  readonly lastReport: SampleReport | undefined;
}

/** Seams for tests. */
export interface IpmiDependencies {
  run?: typeof runCommand;
  /** The environment runs inherit and IPMI_PASSWORD is read from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  hostname?: () => string;
  now?: () => number;
}

interface Tool {
  name: ToolName;
  executable: string;
}

interface RunOutput {
  stdout: string;
  display: string;
  failure?: CommandError;
}

/** What one sample read, before the snapshot. */
type Sources = Omit<SnapshotSources, 'hostname' | 'decimals' | 'seenSupplies'>;

interface Cached<T> {
  value: T;
  at: number;
}

export function createIpmiProvider(options: ProviderOptions, dependencies: IpmiDependencies = {}): IpmiProvider {
  return new IpmiHardwareProvider(parseOptions(options, dependencies.env ?? process.env), dependencies);
}

class IpmiHardwareProvider implements IpmiProvider {
  readonly kind = 'hardware';
  readonly name = PROVIDER_NAME;
  readonly version = PROVIDER_VERSION;
  readonly defaults = PROVIDER_DEFAULTS;
  lastReport: SampleReport | undefined;

  readonly #config: IpmiConfig;
  readonly #run: typeof runCommand;
  readonly #env: NodeJS.ProcessEnv;
  readonly #hostname: () => string;
  readonly #now: () => number;
  /** Aborted by close(): stops the run in flight. */
  readonly #closing = new AbortController();
  /** One queue per BMC for runCommand. */
  readonly #key: string;
  readonly #decimals = new Map<string, number>();
  /** Supplies seen present in this run: one whose bay reads empty later was removed. */
  readonly #seenSupplies = new Set<string>();
  /** Whether the ipmitool in use predates 1.8.12 (`ipmitool -V`, asked until it tells a version). */
  #legacyIpmitool: boolean | undefined;
  #tool: Tool | undefined;
  #thresholds: Cached<IpmiReading[]> | undefined;
  #fru: Cached<FruParseResult> | undefined;
  #ranges: Cached<IpmiReading[]> | undefined;
  /** Whether a sample was returned: the ranges wait for a later one. */
  #sampled = false;
  /** Whether a sample's whole timeout was found too short for a range read (warned of once). */
  #rangeBudgetWarned = false;
  /** The unread record lines last warned of, by source (count and first line): the same are not warned of every sample. */
  readonly #unreadWarned = new Map<string, string>();

  constructor(config: IpmiConfig, dependencies: IpmiDependencies) {
    this.#config = config;
    this.#run = dependencies.run ?? runCommand;
    this.#env = dependencies.env ?? process.env;
    this.#hostname = dependencies.hostname ?? osHostname;
    this.#now = dependencies.now ?? Date.now;
    this.#key = `ipmi:${config.lan?.host ?? 'local'}`;
  }

  async detect(ctx: ProviderContext): Promise<true | NotDetected> {
    if (this.#config.recording) {
      for (const path of Object.values(this.#config.recording)) await this.#checkFile(path);
      return true;
    }
    const reasons: string[] = [];
    this.#tool ??= await this.#chooseTool(ctx, true, reasons);
    // The start-up log says why: "ipmitool is not on the path" reads better than "no hardware detected".
    return this.#tool ? true : { found: false, reason: noBmcAnswered(reasons) };
  }

  async sample(ctx: ProviderContext): Promise<HardwareSnapshot> {
    const report: SampleReport = { reader: 'recording', partial: false, outputs: [] };
    let sources: Sources;
    if (this.#config.recording) {
      sources = await this.#replay(report);
    } else {
      this.#checkRangeBudget(ctx); // first: the whole timeout, before any run
      const tool = (this.#tool ??= await this.#requireTool(ctx));
      report.reader = tool.name;
      sources = await this.#read(ctx, tool, report);
    }
    report.partial = report.outputs.some((output) => output.partial && !output.rangesOnly);
    this.lastReport = report;
    this.#log(ctx, report);
    const snapshot = buildSnapshot({ ...sources, hostname: this.#hostname(), decimals: this.#decimals, seenSupplies: this.#seenSupplies });
    this.#sampled = true;
    return snapshot;
  }

  async close(): Promise<void> {
    this.#closing.abort();
  }

  // ---- choosing a tool --------------------------------------------------------

  /**
   * The first tool found that answers its probe; without `probe`, a tool
   * named by the options is taken as soon as it is found (the sample will
   * tell whether the BMC answers). `reasons` says why the others were not.
   */
  async #chooseTool(ctx: ProviderContext, probe: boolean, reasons: string[] = []): Promise<Tool | undefined> {
    for (const name of candidates(this.#config)) {
      const executable = locate(name, this.#config);
      if (!executable) {
        reasons.push(this.#config.executable ? `${this.#config.executable} is not an executable` : `${EXECUTABLES[name]} is not on the path (${this.#config.path || 'empty'})`);
        continue;
      }
      const tool = { name, executable };
      if (!probe) return tool;
      const answer = await this.#exec(ctx, tool, probeCommand(name));
      if (!answer.failure) return tool;
      ctx.log.debug({ error: answer.failure.message }, `ipmi: ${answer.display} found no BMC`);
      reasons.push(answer.failure.message);
    }
    return undefined;
  }

  async #requireTool(ctx: ProviderContext): Promise<Tool> {
    const reasons: string[] = [];
    const tool = await this.#chooseTool(ctx, this.#config.tool === 'auto', reasons);
    if (tool) return tool;
    throw new IpmiError('NO_TOOL', noBmcAnswered(reasons));
  }

  // ---- running a tool ---------------------------------------------------------

  /**
   * One run; a failed run resolves with its output and the failure, an
   * aborted one rejects. `bare`: the tool alone, without the BMC's options
   * and password (`ipmitool -V`).
   */
  async #exec(ctx: ProviderContext, tool: Tool, command: readonly string[], { bare = false } = {}): Promise<RunOutput> {
    const timeoutMs = Math.min(this.#config.commandTimeoutMs, ctx.deadline - this.#now());
    if (timeoutMs <= 0) throw new IpmiError('TOOL_FAILED', `no time left before the sample's deadline to run ${EXECUTABLES[tool.name]}`);
    const invocation: Invocation = tool.name === 'ipmitool'
      ? ipmitoolInvocation(tool.executable, bare ? {} : this.#config, command, this.#env)
      : await freeIpmiInvocation(tool.executable, this.#config, command, this.#env);
    try {
      const result = await this.#run(tool.executable, invocation.args, {
        timeoutMs,
        signal: AbortSignal.any([ctx.signal, this.#closing.signal]),
        maxOutputBytes: this.#config.maxOutputBytes,
        key: this.#key,
        env: invocation.env,
      });
      return { stdout: result.stdout, display: invocation.display };
    } catch (error) {
      if (!(error instanceof CommandError) || isStopped(error)) throw error;
      if (error.code === 'SPAWN') {
        this.#tool = undefined;
        this.#legacyIpmitool = undefined; // the tool found next is asked again
        throw new IpmiError('NO_TOOL', `cannot run ${invocation.display}: ${error.message}`, { cause: error });
      }
      return { stdout: error.stdout, display: invocation.display, failure: error };
    } finally {
      await invocation.cleanup();
    }
  }

  /** Runs and parses; records the run in the report. */
  async #readOutput<T extends IpmiParseResult | FruParseResult | DcmiPowerReading>(
    ctx: ProviderContext, tool: Tool, command: readonly string[], parse: (text: string) => T, report: SampleReport,
    { ranges = false } = {},
  ): Promise<{ result: T; run: RunOutput }> {
    const run = await this.#exec(ctx, tool, command);
    const result = parse(run.stdout);
    const records = 'readings' in result ? result.readings.length : 'devices' in result ? result.devices.length : result.instantaneous === undefined ? 0 : 1;
    const output: OutputReport = { source: run.display, format: result.format, records, ...noiseReport(result.noise), partial: run.failure !== undefined && records > 0 };
    if (run.failure) output.error = run.failure.message;
    if (ranges) output.rangesOnly = true;
    report.outputs.push(output);
    return { result, run };
  }

  async #read(ctx: ProviderContext, tool: Tool, report: SampleReport): Promise<Sources> {
    if (tool.name === 'freeipmi') {
      const { result, run } = await this.#readOutput(ctx, tool, FREEIPMI_SENSOR_ARGS, parseFreeIpmiSensors, report);
      return { readings: mergeReadings(requireRecords(result, run), await this.#rangeReadings(ctx, tool, report), { appendUnmatched: false }) };
    }
    // Until a version is read (a -V that timed out on a loaded host), it is asked again each sample.
    this.#legacyIpmitool ??= await this.#isLegacyIpmitool(ctx, tool);
    const { result, run } = await this.#readOutput(ctx, tool, ['sdr', 'elist'], parseSdrElist, report);
    const withThresholds = mergeReadings(requireRecords(result, run), await this.#thresholdReadings(ctx, tool, report), { appendUnmatched: false });
    const sources: Sources = { readings: withThresholds, legacyIpmitool: this.#legacyIpmitool };
    const fru = await this.#fruInventory(ctx, tool, report);
    if (fru) sources.fru = fru;
    if (this.#config.dcmi) sources.dcmi = (await this.#readOutput(ctx, tool, ['dcmi', 'power', 'reading'], parseDcmiPowerReading, report)).result;
    sources.readings = mergeReadings(withThresholds, await this.#rangeReadings(ctx, tool, report), { appendUnmatched: false });
    return sources;
  }

  /**
   * Whether this ipmitool predates 1.8.12 (legacy.ts), from `ipmitool -V`
   * ("ipmitool version 1.8.11"); undefined when a failed run or an answer
   * without a version does not tell: meanwhile the status column is the
   * verdict, as from a current ipmitool.
   */
  async #isLegacyIpmitool(ctx: ProviderContext, tool: Tool): Promise<boolean | undefined> {
    const run = await this.#exec(ctx, tool, ['-V'], { bare: true });
    const version = run.failure ? undefined : parseIpmitoolVersion(run.stdout);
    if (!version) {
      ctx.log.debug({ error: run.failure?.message }, `ipmi: ${run.display} told no version; reading statuses as verdicts`);
      return undefined;
    }
    const legacy = isLegacyIpmitool(version);
    ctx.log.info(`ipmi: ipmitool ${version}${legacy ? ', before 1.8.12: statuses of discrete records read as their states' : ''}`);
    return legacy;
  }

  /** The threshold table, re-read when older than `thresholdRefresh`; only its static fields are merged. */
  async #thresholdReadings(ctx: ProviderContext, tool: Tool, report: SampleReport): Promise<IpmiReading[]> {
    if (!this.#thresholds || this.#now() - this.#thresholds.at >= this.#config.thresholdRefreshMs) {
      const { result, run } = await this.#readOutput(ctx, tool, ['sensor'], parseSensorTable, report);
      // A partial table is used but read again next sample.
      if (result.readings.length > 0) this.#thresholds = { value: result.readings, at: run.failure ? 0 : this.#now() };
    }
    return (this.#thresholds?.value ?? []).map(staticFields);
  }

  /**
   * The ranges of the verbose SDR listing, re-read when older than `rangeRefresh` (0: never): static SDR content, but
   * the slowest listing (ipmitool asks the BMC about three times a record), and guidance, where the verdict is what a
   * sample is for. So it never fails, delays or stales a sample: never in the first sample (readiness waits for it),
   * last in the others, only when its whole command timeout still ends RANGE_MARGIN_MS before the deadline, its errors
   * caught. Only the ranges are merged: for ipmitool by name and rank, both listings walking the same records (`sdr`
   * and `sdr elist` both print full, compact and event-only ones); for FreeIPMI by record id and name (merge.ts).
   */
  async #rangeReadings(ctx: ProviderContext, tool: Tool, report: SampleReport): Promise<IpmiReading[]> {
    if (this.#rangesDue(ctx)) await this.#readRanges(ctx, tool, report);
    return this.#ranges?.value ?? [];
  }

  /**
   * Warns once when a whole sample's time (its `timeout`, all left at its start) cannot hold commandTimeout and the
   * margin: the ranges would wait for a later sample at every sample, said only at debug.
   */
  #checkRangeBudget(ctx: ProviderContext): void {
    const { rangeRefreshMs, commandTimeoutMs } = this.#config;
    const budgetMs = ctx.deadline - this.#now();
    if (rangeRefreshMs === 0 || this.#rangeBudgetWarned || budgetMs >= commandTimeoutMs + RANGE_MARGIN_MS) return;
    this.#rangeBudgetWarned = true;
    ctx.log.warn({ timeoutMs: budgetMs, commandTimeoutMs, marginMs: RANGE_MARGIN_MS },
      'ipmi: rangeRefresh is set, but the sample timeout is shorter than commandTimeout and a margin: the sensor ranges are never read (raise timeout, or lower commandTimeout)');
  }

  #rangesDue(ctx: ProviderContext): boolean {
    const { rangeRefreshMs, commandTimeoutMs } = this.#config;
    if (rangeRefreshMs === 0 || !this.#sampled) return false;
    if (this.#ranges && this.#now() - this.#ranges.at < rangeRefreshMs) return false;
    if (ctx.deadline - this.#now() >= commandTimeoutMs + RANGE_MARGIN_MS) return true;
    ctx.log.debug({ leftMs: ctx.deadline - this.#now(), commandTimeoutMs }, 'ipmi: the sensor ranges wait for a later sample: less than commandTimeout and a margin left');
    return false;
  }

  /**
   * A whole read replaces the last ranges: a bound the BMC now prints "Unspecified", or a record no longer listed, is
   * gone (merged, an old min beside a new max could even form an inverted pair). A cut one (a non-zero exit, the
   * command timeout) is merged over them record by record: a record it did not reach keeps its last ranges. Either is
   * stamped: tried again at the next refresh. One stopped (shutdown, the sample's end) is not: tried again next sample.
   * Any other error (a parser's or the merge's) would repeat: stamped too, and warned of.
   */
  async #readRanges(ctx: ProviderContext, tool: Tool, report: SampleReport): Promise<void> {
    try {
      const { result, run } = tool.name === 'freeipmi'
        ? await this.#readOutput(ctx, tool, FREEIPMI_RANGE_ARGS, parseFreeIpmiVerbose, report, { ranges: true })
        // -v before the command: ipmitool's options end at the first word where getopt does not permute (musl).
        : await this.#readOutput(ctx, tool, ['-v', 'sdr'], parseSdrVerbose, report, { ranges: true });
      const fresh = result.readings.map(rangesOnly);
      this.#ranges = { value: run.failure && this.#ranges ? mergeReadings(fresh, this.#ranges.value) : fresh, at: this.#now() };
    } catch (error) {
      if (isStopped(error) || ctx.signal.aborted || this.#closing.signal.aborted) {
        ctx.log.debug({ error: (error as Error).message }, 'ipmi: the sensor ranges were stopped: read again next sample');
        return;
      }
      this.#ranges = { value: this.#ranges?.value ?? [], at: this.#now() };
      ctx.log.warn({ error: (error as Error).message }, 'ipmi: the sensor ranges could not be read: the last ones kept until the next rangeRefresh');
    }
  }

  async #fruInventory(ctx: ProviderContext, tool: Tool, report: SampleReport): Promise<FruParseResult | undefined> {
    if (!this.#fru || this.#now() - this.#fru.at >= this.#config.fruRefreshMs) {
      const { result, run } = await this.#readOutput(ctx, tool, ['fru', 'print', '0'], parseFru, report);
      if (result.devices.length > 0) this.#fru = { value: result, at: run.failure ? 0 : this.#now() };
    }
    return this.#fru?.value;
  }

  // ---- recordings --------------------------------------------------------------

  async #checkFile(path: string): Promise<number> {
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (error) {
      throw new IpmiError('FILE', `cannot read recording ${path}: ${(error as Error).message}`, { cause: error });
    }
    if (size > this.#config.maxOutputBytes) throw new IpmiError('FILE', `recording ${path} has ${size} bytes, more than maxOutputBytes (${this.#config.maxOutputBytes})`);
    return size;
  }

  async #readRecording(path: string, report: SampleReport): Promise<string> {
    await this.#checkFile(path);
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new IpmiError('FILE', `cannot read recording ${path}: ${(error as Error).message}`, { cause: error });
    } finally {
      report.outputs.push({ source: path, records: 0, noiseLines: 0, partial: false });
    }
  }

  async #replay(report: SampleReport): Promise<Sources> {
    const { sdrFile, sensorFile, fruFile } = this.#config.recording ?? {};
    const listing = async (path: string | undefined, option: string): Promise<IpmiParseResult | undefined> => {
      if (path === undefined) return undefined;
      const result = parseSensorOutput(await this.#readRecording(path, report), `${option} ${path}`);
      describeLast(report, result.format, result.readings.length, result.noise);
      return result;
    };
    const sdr = await listing(sdrFile, 'sdrFile');
    const sensor = await listing(sensorFile, 'sensorFile');
    const readings = sdr && sensor ? mergeReadings(sdr.readings, sensor.readings) : (sdr ?? sensor)?.readings ?? [];
    const sources: Sources = { readings, legacyIpmitool: this.#config.legacyRecording };
    if (fruFile !== undefined) {
      const fru = parseIpmiOutput(await this.#readRecording(fruFile, report), `fruFile ${fruFile}`);
      if (fru.format !== 'fru') throw new IpmiError('WRONG_FORMAT', `fruFile ${fruFile} is ${fru.format} output, not \`fru print\``);
      describeLast(report, fru.format, (fru as FruParseResult).devices.length, fru.noise);
      sources.fru = fru as FruParseResult;
    }
    return sources;
  }

  // ---- logging -----------------------------------------------------------------

  #log(ctx: ProviderContext, report: SampleReport): void {
    for (const output of report.outputs) {
      if (output.partial) ctx.log.warn({ ...output }, `ipmi: used the partial output of ${output.source}`);
      else if (output.error) ctx.log.warn({ ...output }, `ipmi: ${output.source} failed; kept its last good output`);
      else this.#logUnread(ctx, output);
    }
  }

  /**
   * A record line that cannot be read is a warning when it first appears or changes (another first line, another
   * count), then debug: a sensor the output always lists unreadably would otherwise warn every sample, thousands a day.
   * Its going away is said once.
   */
  #logUnread(ctx: ProviderContext, output: OutputReport): void {
    const warned = this.#unreadWarned.get(output.source);
    if (output.firstUnread) {
      const seen = `${output.unreadRecords ?? 1}\n${output.firstUnread.text}`;
      const message = unreadMessage(output, output.firstUnread);
      if (seen === warned) ctx.log.debug({ ...output }, message);
      else ctx.log.warn({ ...output }, message);
      this.#unreadWarned.set(output.source, seen);
      return;
    }
    if (warned !== undefined) {
      this.#unreadWarned.delete(output.source);
      ctx.log.info({ ...output }, `ipmi: every record line of ${output.source} is read again`);
    }
    if (output.noiseLines > 0) ctx.log.debug({ ...output }, `ipmi: skipped ${output.noiseLines} noise lines of ${output.source}`);
  }
}

/** A record's static part (name, unit, class, thresholds): a cached threshold table must not bring old values. */
function staticFields(reading: IpmiReading): IpmiReading {
  const copy: IpmiReading = { ...reading, states: [] };
  for (const field of ['value', 'decimals', 'health', 'unavailable', 'rawState'] as const) delete copy[field];
  return copy;
}

/**
 * A record's name, record id (FreeIPMI's, by which it is matched) and ranges alone: nothing else of the verbose listing
 * overrides `sdr elist` and `sensor`, or FreeIPMI's table.
 */
function rangesOnly({ name, recordId, line, ranges }: IpmiReading): IpmiReading {
  const reading: IpmiReading = { name, line, states: [], thresholds: {} };
  if (recordId !== undefined) reading.recordId = recordId;
  if (ranges) reading.ranges = ranges;
  return reading;
}

/** The listing's records; a run that printed none fails the sample with the tool's own words. */
function requireRecords(result: IpmiParseResult, run: RunOutput): IpmiReading[] {
  if (result.readings.length > 0 || result.skipped.length > 0) return result.readings;
  if (run.failure) throw new IpmiError('TOOL_FAILED', run.failure.message, { cause: run.failure });
  const first = result.noise[0];
  throw new IpmiError('NO_RECORDS', `${run.display} printed no sensor record${first ? `: "${first.text.slice(0, 120)}"` : ''}`, first ? { line: first.line } : {});
}

function describeLast(report: SampleReport, format: IpmiFormat, records: number, noise: readonly NoiseLine[]): void {
  const last = report.outputs[report.outputs.length - 1];
  if (last) Object.assign(last, { format, records, ...noiseReport(noise) });
}

function noiseReport(noise: readonly NoiseLine[]): Pick<OutputReport, 'noiseLines' | 'unreadRecords' | 'firstUnread'> {
  const unread = noise.filter((line) => line.record);
  const [firstUnread] = unread;
  return firstUnread ? { noiseLines: noise.length, unreadRecords: unread.length, firstUnread } : { noiseLines: noise.length };
}

/** A sensor the output lists and the parser could not read: a warning that names the line, not a silent gap. */
function unreadMessage(output: OutputReport, first: NoiseLine): string {
  const count = output.unreadRecords ?? 1;
  return `ipmi: ${count} record line${count === 1 ? '' : 's'} of ${output.source} could not be read (line ${first.line}: "${first.text.slice(0, 120)}"), left out of the sample`;
}

/** Why no tool was chosen: each tool's reason (not on the path, or its own error). */
function noBmcAnswered(reasons: readonly string[]): string {
  return `no BMC answered: ${reasons.join('; ')}`;
}

/** Whether a run was stopped (shutdown, the caller's signal) rather than failed: worth trying again at once. */
function isStopped(error: unknown): boolean {
  return error instanceof CommandError && error.code === 'ABORTED';
}
