/**
 * The IPMI provider: BMC sensors, fans, power supplies, redundancy and FRU
 * identity through ipmitool or FreeIPMI, or from recordings. The default
 * export is the provider factory; the parsers are exported for tools and
 * tests that read IPMI output themselves.
 */
import { defineProvider } from '../../src/providers/api.js';
import { createIpmiProvider } from './provider.js';

export default defineProvider((options) => createIpmiProvider(options));

export { createIpmiProvider, PROVIDER_NAME, PROVIDER_VERSION } from './provider.js';
export type { IpmiDependencies, IpmiProvider, OutputReport, SampleReport } from './provider.js';
export { parseOptions, Secret } from './options.js';
export type { IpmiConfig, IpmiOptions, LanInterface, ToolChoice } from './options.js';
export { IpmiError } from './errors.js';
export type { IpmiErrorCode } from './errors.js';
export { parseSdrElist, parseSdrList } from './sdr-list.js';
export { parseSdrVerbose } from './sdr-verbose.js';
export { parseSensorTable } from './sensor-table.js';
export { parseFreeIpmiSensors } from './freeipmi.js';
export { parseFreeIpmiVerbose } from './freeipmi-verbose.js';
export { parseFreeIpmiLegacy } from './freeipmi-legacy.js';
export { parseFru } from './fru.js';
export { parseDcmiPowerReading } from './dcmi.js';
export { detectFormat, parseFreeIpmiOutput, parseIpmiOutput, parseSensorOutput, SENSOR_PARSERS } from './recognise.js';
export type { SensorFormat } from './recognise.js';
export { mergeReadings } from './merge.js';
export type { MergeOptions } from './merge.js';
export { assignIds, buildSnapshot } from './map.js';
export type { SnapshotSources } from './map.js';
export type {
  DcmiPowerReading, EntityId, FruDevice, FruParseResult, IpmiFormat, IpmiParseResult, IpmiReading, NoiseLine,
  SkippedRecord, Unavailable,
} from './types.js';
