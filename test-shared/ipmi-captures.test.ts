/**
 * Every real IPMI capture in ../shared/fixtures/ipmi parses; every sensor
 * line is accounted for (counted here by a rule independent of the parsers);
 * each sensor comes out with the right kind, unit, value and state; and every
 * capture obeys the rules of reading IPMI as the BMC means it (checkRules).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import type { HardwareSnapshot } from '../src/model/snapshot.js';
import { assignIds, buildSnapshot, parseIpmiOutput } from '../providers/ipmi/index.js';
import type { DcmiPowerReading, IpmiParseResult } from '../providers/ipmi/index.js';

const ROOT = fileURLToPath(new URL('../../shared/fixtures/ipmi/', import.meta.url));
if (!existsSync(ROOT)) throw new Error(`the shared IPMI captures are missing at ${ROOT}: test:shared needs ../shared beside the repository`);

function capture(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

function listing(path: string): IpmiParseResult {
  const result = parseIpmiOutput(capture(path), path);
  if (!('readings' in result)) throw new Error(`${path} is not a sensor listing`);
  return result;
}

/** Counts sensor and noise lines by the layout's plain shape, without the parsers. */
function countLines(text: string): { sensors: number; noise: number } {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.some((line) => line.startsWith('Sensor ID'))) {
    return { sensors: lines.filter((line) => line.startsWith('Sensor ID')).length, noise: lines.filter((line) => line.startsWith('<<')).length };
  }
  const isHeader = (line: string): boolean => /^ID\s*[|,]\s*Name/.test(line);
  const isRow = (line: string): boolean => line.includes('|') || line.split(',').length >= 6;
  return {
    sensors: lines.filter((line) => isRow(line) && !isHeader(line)).length,
    noise: lines.filter((line) => !isRow(line)).length,
  };
}

/** [id, 'kind/unit', value] for numeric sensors; [id, 'discrete kind', state, health] for discrete ones. */
type Expected = [string, string, number | null | string, string?];

function check(t: Test, snapshot: HardwareSnapshot, expected: Expected[]): void {
  const numeric = new Map(snapshot.sensors?.map((s) => [s.id, s]));
  const discrete = new Map(snapshot.discreteSensors?.map((s) => [s.id, s]));
  t.equal(numeric.size + discrete.size, expected.length, 'every sensor is expected');
  for (const [id, type, value, health] of expected) {
    const n = numeric.get(id);
    const d = discrete.get(id);
    if (type.includes('/')) {
      t.ok(n, `${id} is numeric`);
      t.equal(`${n?.kind}/${n?.unit}`, type, `${id} kind/unit`);
      t.equal(n?.value, value, `${id} value`);
      if (health !== undefined) t.equal(n?.health ?? n?.unavailable, health, `${id} health`);
    } else {
      t.ok(d, `${id} is discrete`);
      t.equal(d?.kind, type, `${id} kind`);
      t.equal(d?.state, value, `${id} state`);
      t.equal(d?.health, health, `${id} health`);
    }
  }
}

/** "unspecified" is what ipmitool prints for a record without a unit. */
const UNSTATED_UNITS = new Set(['unspecified']);

/**
 * The rules every capture obeys: no reading is no verdict; a fan exists for
 * each fan speed and only for one; a supply exists because of a supply's own
 * sensor; every printed unit the snapshot can state is stated; and what the
 * BMC reports healthy raises no alarm (these captures are of healthy boxes).
 */
function checkRules(t: Test, result: IpmiParseResult, snapshot: HardwareSnapshot): void {
  const ids = assignIds(result.readings);
  const printedUnit = new Map(result.readings.map((reading, i) => [ids[i], reading.unit]));
  for (const sensor of snapshot.sensors ?? []) {
    if (sensor.value === null) {
      t.ok(sensor.unavailable, `${sensor.id}: no reading says why`);
      t.equal(sensor.health, undefined, `${sensor.id}: no reading, no verdict`);
    }
    const unit = printedUnit.get(sensor.id)?.toLowerCase();
    if (unit && unit !== 'discrete' && unit !== 'n/a' && !UNSTATED_UNITS.has(unit)) t.not(sensor.unit, 'unspecified', `${sensor.id}: "${unit}" is stated`);
  }
  const speeds = (snapshot.sensors ?? []).filter((s) => s.kind === 'fan').map((s) => s.id);
  t.same(snapshot.fans?.map((f) => f.speedSensor), speeds, 'one fan per fan speed, and no other');
  for (const supply of snapshot.powerSupplies ?? []) {
    const own = [...(snapshot.sensors ?? []), ...(snapshot.discreteSensors ?? [])].find((s) => s.label === supply.label && s.monitors?.id === supply.id);
    t.ok(own && /^(ps|psu|power supply)\s*\d/i.test(own.label), `${supply.id} exists because of its own sensor`);
  }
  const alarms = [
    ...(snapshot.sensors ?? []).filter((s) => s.health !== undefined && s.health !== 'ok').map((s) => s.id),
    ...(snapshot.discreteSensors ?? []).filter((s) => ['warning', 'critical', 'fatal'].includes(s.health)).map((s) => s.id),
    ...[...(snapshot.fans ?? []), ...(snapshot.powerSupplies ?? [])].filter((d) => d.status === 'degraded' || d.status === 'failed').map((d) => d.id),
    ...(snapshot.redundancy ?? []).filter((r) => r.status !== 'full' && r.status !== 'unknown').map((r) => r.id),
  ];
  t.same(alarms, [], 'no false alarms');
}

/** The layout each capture's command prints (see its SOURCE.txt). */
const FORMAT: Record<string, string> = {
  'netdata-ibm-ipmimonitoring': 'freeipmi',
  'checkmk-freeipmi-snippets': 'freeipmi',
  'afancontrol-supermicro-ipmi-sensors-csv': 'freeipmi',
  'ceilometer-intel-sdr-v': 'sdr-verbose',
  'ironic-dell-sdr-v': 'sdr-verbose',
  'telegraf-sdr-elist-curated': 'sdr-elist',
};

function expectedFormat(path: string): string {
  if (path.endsWith('ipmitool-sdr.txt')) return 'sdr-list';
  if (path.endsWith('ipmitool-sdr-elist.txt')) return 'sdr-elist';
  return FORMAT[path.split('/')[0] ?? ''] ?? 'unknown';
}

const EXPECTED: Record<string, Expected[]> = {
  'netdata-ibm-ipmimonitoring/ipmimonitoring.txt': [
    ['ipmi:Ambient Temp', 'temperature/celsius', 26, 'ok'],
    ['ipmi:Altitude', 'other/feet', 480, 'ok'],
    ['ipmi:Avg Power', 'power/watts', 100, 'ok'],
    ['ipmi:Planar 3.3V', 'voltage/volts', 3.29, 'ok'],
    ['ipmi:Planar 5V', 'voltage/volts', 4.9, 'ok'],
    ['ipmi:Planar 12V', 'voltage/volts', 11.99, 'ok'],
    ['ipmi:Planar VBAT', 'voltage/volts', 2.95, 'ok'],
    ['ipmi:Fan 1A Tach', 'fan/rpm', 3132, 'ok'],
    ['ipmi:Fan 1B Tach', 'fan/rpm', 2150, 'ok'],
    ['ipmi:Fan 2A Tach', 'fan/rpm', 2494, 'ok'],
    ['ipmi:Fan 2B Tach', 'fan/rpm', 1825, 'ok'],
    ['ipmi:Fan 3A Tach', 'fan/rpm', 3538, 'ok'],
    ['ipmi:Fan 3B Tach', 'fan/rpm', 2625, 'ok'],
    ['ipmi:Fan 1', 'presence', 'Entity Present', 'ok'],
    ['ipmi:Fan 2', 'presence', 'Entity Present', 'ok'],
  ],
  'checkmk-freeipmi-snippets/supermicro-ipmi-sensors-default.txt': [
    ['ipmi:CPU Temp', 'temperature/celsius', 28, 'ok'],
    ['ipmi:System Temp', 'temperature/celsius', 28, 'ok'],
    ['ipmi:P1-DIMMC2 TEMP', 'temperature/celsius', null, 'absent'],
  ],
  'checkmk-freeipmi-snippets/hp-ipmi-sensors-output-sensor-state-thresholds.txt': [
    ['ipmi:UID Light', 'other', 'No state asserted', 'ok'],
    ['ipmi:Sys. Health LED', 'other', 'No state asserted', 'ok'],
    ['ipmi:Power Supply 1', 'powerSupplyStatus', 'Presence detected', 'ok'],
    ['ipmi:Power Supply 2', 'powerSupplyStatus', 'Presence detected', 'ok'],
    ['ipmi:Power Supplies', 'redundancy', 'Fully Redundant', 'ok'],
  ],
  'afancontrol-supermicro-ipmi-sensors-csv/ipmi-sensors--sensor-types-Fan--comma-separated-output.txt': [
    ['ipmi:FAN1', 'fan/rpm', 1400, 'ok'],
    ['ipmi:FAN2', 'fan/rpm', 1800, 'ok'],
    ['ipmi:FAN3', 'fan/rpm', null, 'absent'],
    ['ipmi:FAN4', 'fan/rpm', null, 'absent'],
    ['ipmi:FAN5', 'fan/rpm', null, 'absent'],
    ['ipmi:FAN6', 'fan/rpm', null, 'absent'],
  ],
  'ceilometer-intel-sdr-v/ipmitool-sdr-v-type-Current.txt': [
    ['ipmi:PS1 Curr Out %', 'utilization/percent', 11, 'ok'],
    ['ipmi:PS2 Curr Out %', 'utilization/percent', 0, 'ok'],
    ['ipmi:Pwr Consumption', 'power/watts', 154, 'ok'],
  ],
  'ceilometer-intel-sdr-v/ipmitool-sdr-v-type-Temperature.txt': [
    ['ipmi:SSB Therm Trip', 'other', 'No state asserted', 'ok'],
    ['ipmi:BB P1 VR Temp', 'temperature/celsius', 25, 'ok'],
    ['ipmi:Front Panel Temp', 'temperature/celsius', 23, 'ok'],
    ['ipmi:SSB Temp', 'temperature/celsius', 43, 'ok'],
  ],
  'ceilometer-intel-sdr-v/ipmitool-sdr-v-type-Fan.txt': [
    ['ipmi:System Fan 1', 'fan/rpm', 4704, 'ok'],
    ['ipmi:System Fan 2', 'fan/rpm', 4704, 'ok'],
    ['ipmi:System Fan 3', 'fan/rpm', 4704, 'ok'],
    ['ipmi:System Fan 4', 'fan/rpm', 4606, 'ok'],
  ],
  'ceilometer-intel-sdr-v/ipmitool-sdr-v-type-Voltage.txt': [
    ['ipmi:VR Watchdog', 'other', 'No state asserted', 'ok'],
    ['ipmi:BB +12.0V', 'voltage/volts', 11.831, 'ok'],
    ['ipmi:BB +1.35 P1LV AB', 'voltage/volts', null, 'disabled'],
    ['ipmi:BB +5.0V', 'voltage/volts', 4.959, 'ok'],
  ],
  'telegraf-sdr-elist-curated/ipmitool-sdr-elist.txt': [
    ['ipmi:SEL', 'other', 'No Reading', 'unknown'],
    ['ipmi:Intrusion', 'intrusion', 'No state asserted', 'ok'],
    ['ipmi:Fan1', 'fan/rpm', 5040, 'ok'],
    ['ipmi:Inlet Temp', 'temperature/celsius', 25, 'ok'],
    ['ipmi:USB Cable Pres', 'presence', 'Connected', 'ok'],
    ['ipmi:Current 1', 'current/amps', 7.2, 'ok'],
    ['ipmi:Power Supply 1', 'power/watts', 110, 'ok'],
    ['ipmi:Power Supply 1:state', 'powerSupplyStatus', 'Presence detected', 'ok'],
  ],
  'telegraf-sdr-with-stderr-noise/ipmitool-sdr-elist.txt': [
    ['ipmi:SEL', 'other', 'No Reading', 'unknown'],
    ['ipmi:Intrusion', 'intrusion', 'No state asserted', 'ok'],
    ['ipmi:Fan1', 'fan/rpm', 5040, 'ok'],
    ['ipmi:Inlet Temp', 'temperature/celsius', 25, 'ok'],
    ['ipmi:USB Cable Pres', 'presence', 'Connected', 'ok'],
    ['ipmi:Current 1', 'current/amps', 7.2, 'ok'],
    ['ipmi:Power Supply 1', 'power/watts', 110, 'ok'],
    ['ipmi:Power Supply 1:state', 'powerSupplyStatus', 'Presence detected', 'ok'],
  ],
  'telegraf-sdr-with-stderr-noise/ipmitool-sdr.txt': [
    ['ipmi:Ambient Temp', 'temperature/celsius', 20, 'ok'],
    ['ipmi:Altitude', 'other/feet', 80, 'ok'],
    ['ipmi:Avg Power', 'power/watts', 210, 'ok'],
    ['ipmi:Planar 3.3V', 'voltage/volts', 3.29, 'ok'],
    ['ipmi:Planar 5V', 'voltage/volts', 4.9, 'ok'],
    ['ipmi:Planar 12V', 'voltage/volts', 12.04, 'ok'],
    ['ipmi:B', 'other', '0x00', 'unknown'],
    ['ipmi:ECC Corr Err', 'other', 'No Reading', 'unknown'],
    ['ipmi:ECC Uncorr Err', 'other', 'No Reading', 'unknown'],
  ],
  'ironic-dell-sdr-v/ipmitool-sdr-v.txt': [
    ['ipmi:Temp#1', 'temperature/celsius', -58, 'ok'],
    ['ipmi:Temp#2', 'temperature/celsius', 50, 'ok'],
    ['ipmi:FAN MOD 1A RPM', 'fan/rpm', 8400, 'ok'],
    ['ipmi:FAN MOD 1B RPM', 'fan/rpm', 8550, 'ok'],
  ],
  'ironic-dell-sdr-v/ipmitool-sdr-v-missing-reading.txt': [
    ['ipmi:Temp#1', 'temperature/celsius', null, 'failed'],
    ['ipmi:Temp#2', 'temperature/celsius', 50, 'ok'],
    ['ipmi:FAN MOD 1A RPM', 'fan/rpm', 8400, 'ok'],
  ],
  'ironic-dell-sdr-v/ipmitool-v-v-sdr-v-with-debug-lines.txt': [
    ['ipmi:Temp', 'temperature/celsius', 50, 'ok'],
    ['ipmi:FAN MOD 1A RPM', 'fan/rpm', 8400, 'ok'],
  ],
};

t.test('every capture is expected here', async (t) => {
  const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.txt') && !file.endsWith('SOURCE.txt'));
  t.same(files.sort(), [...Object.keys(EXPECTED), 'telegraf-dcmi-power-reading/ipmitool-dcmi-power-reading.txt'].sort());
});

for (const [path, expected] of Object.entries(EXPECTED)) {
  t.test(path, async (t) => {
    const text = capture(path);
    const result = listing(path);
    const counted = countLines(text);
    t.equal(result.readings.length, counted.sensors, 'every sensor line is read');
    t.equal(result.noise.length, counted.noise, 'every other line is noise');
    t.equal(result.skipped.length, 0);
    t.equal(result.format, expectedFormat(path), 'the layout of its command');
    const snapshot = buildSnapshot({ readings: result.readings });
    check(t, snapshot, expected);
    checkRules(t, result, snapshot);
  });
}

t.test('derived records of the captures', async (t) => {
  const hp = buildSnapshot({ readings: listing('checkmk-freeipmi-snippets/hp-ipmi-sensors-output-sensor-state-thresholds.txt').readings });
  t.same(hp.powerSupplies?.map((p) => [p.label, p.status, p.redundancyGroup]), [
    ['Power Supply 1', 'ok', 'ipmi:redundancy:Power Supplies'],
    ['Power Supply 2', 'ok', 'ipmi:redundancy:Power Supplies'],
  ]);
  t.same(hp.redundancy, [{ id: 'ipmi:redundancy:Power Supplies', label: 'Power Supplies', kind: 'powerSupply', status: 'full' }]);
  const fans = buildSnapshot({ readings: listing('afancontrol-supermicro-ipmi-sensors-csv/ipmi-sensors--sensor-types-Fan--comma-separated-output.txt').readings });
  t.same(fans.fans?.map((f) => [f.status, f.statusReason]), [['ok', undefined], ['ok', undefined], ...Array(4).fill(['absent', 'not present'])], 'empty fan headers are absent fans');
  const current = listing('ceilometer-intel-sdr-v/ipmitool-sdr-v-type-Current.txt');
  t.same(buildSnapshot({ readings: current.readings }).powerSupplies, [], '"PS1 Curr Out %" on entity 10.1 measures a supply; it makes none');
  const dell = buildSnapshot({ readings: listing('ironic-dell-sdr-v/ipmitool-sdr-v.txt').readings });
  t.same(dell.fans?.map((f) => f.label), ['FAN MOD 1A RPM', 'FAN MOD 1B RPM'], 'fans under the system board entity are fans');
  const elist = buildSnapshot({ readings: listing('telegraf-sdr-elist-curated/ipmitool-sdr-elist.txt').readings });
  t.match(elist.powerSupplies, [{ id: 'ipmi:psu:10.1', status: 'ok', sensors: ['ipmi:Current 1', 'ipmi:Power Supply 1'] }]);
  t.match(buildSnapshot({ readings: current.readings }).sensors?.find((s) => s.id === 'ipmi:Pwr Consumption'), { thresholds: { upperNonCritical: 1738, upperCritical: 1914 }, source: 'IPMI sensor 0x76, entity 7.1' });
  const voltage = buildSnapshot({ readings: listing('ceilometer-intel-sdr-v/ipmitool-sdr-v-type-Voltage.txt').readings });
  t.match(voltage.sensors?.find((s) => s.id === 'ipmi:BB +12.0V'), { decimals: 3, thresholds: { lowerCritical: 10.635, lowerNonCritical: 10.947, upperNonCritical: 13.027, upperCritical: 13.391 } });
  const noisy = listing('telegraf-sdr-with-stderr-noise/ipmitool-sdr.txt');
  t.ok(noisy.noise.every((line) => line.text === 'Unable to send command: Invalid argument'));
});

t.test('the ranges the sdr -v captures declare: only the values ipmitool printed, "Unspecified" absent', async (t) => {
  const ranges = (path: string) => Object.fromEntries(buildSnapshot({ readings: listing(path).readings }).sensors?.map((s) => [s.id, s.ranges]) ?? []);
  t.same(ranges('ceilometer-intel-sdr-v/ipmitool-sdr-v-type-Current.txt'), {
    'ipmi:PS1 Curr Out %': { nominal: 50, normalMin: 0, normalMax: 100 },
    'ipmi:PS2 Curr Out %': { nominal: 50, normalMin: 0, normalMax: 100 },
    'ipmi:Pwr Consumption': { nominal: 1034, normalMax: 1056, maxReadable: 5588 },
  });
  t.same(ranges('ceilometer-intel-sdr-v/ipmitool-sdr-v-type-Voltage.txt'), {
    'ipmi:BB +12.0V': { nominal: 11.935, normalMin: 11.363, normalMax: 12.559 },
    'ipmi:BB +1.35 P1LV AB': { nominal: 1.342, normalMin: 1.275, normalMax: 1.409 },
    'ipmi:BB +5.0V': { nominal: 4.981, normalMin: 4.742, normalMax: 5.241 },
  });
  t.same(ranges('ceilometer-intel-sdr-v/ipmitool-sdr-v-type-Temperature.txt'), {
    'ipmi:BB P1 VR Temp': { nominal: 58, normalMin: 10, normalMax: 105 },
    'ipmi:Front Panel Temp': { nominal: 28, normalMin: 10, normalMax: 45 },
    'ipmi:SSB Temp': { nominal: 52, normalMin: 10, normalMax: 93 },
  });
  t.same(ranges('ceilometer-intel-sdr-v/ipmitool-sdr-v-type-Fan.txt')['ipmi:System Fan 1'], { nominal: 7497, normalMin: 2499, normalMax: 12495 });
  t.same(ranges('ironic-dell-sdr-v/ipmitool-sdr-v.txt'), {
    'ipmi:Temp#1': { nominal: 50, normalMin: 11, normalMax: 69 },
    'ipmi:Temp#2': { nominal: 50, normalMin: 11, normalMax: 69 },
    'ipmi:FAN MOD 1A RPM': { nominal: 5325, normalMin: 10425, normalMax: 14775 },
    'ipmi:FAN MOD 1B RPM': { nominal: 7800, normalMin: 10425, normalMax: 14775 },
  }, 'a nominal reading below the normal minimum is what the BMC declares');
  for (const path of ['telegraf-sdr-elist-curated/ipmitool-sdr-elist.txt', 'netdata-ibm-ipmimonitoring/ipmimonitoring.txt']) {
    t.same(Object.values(ranges(path)).filter((r) => r !== undefined), [], `${path} prints no ranges`);
  }
});

t.test('telegraf-dcmi-power-reading/ipmitool-dcmi-power-reading.txt', async (t) => {
  const text = capture('telegraf-dcmi-power-reading/ipmitool-dcmi-power-reading.txt');
  const reading = parseIpmiOutput(text) as DcmiPowerReading;
  t.match(reading, { format: 'dcmi-power', instantaneous: 167, minimum: 124, maximum: 422, average: 156, samplingPeriodSeconds: 699043, active: true, noise: [] });
  t.equal(text.split('\n').filter((line) => line.includes('Watts')).length, 4, 'four power lines');
  t.match(buildSnapshot({ readings: [], dcmi: reading }).sensors, [{ kind: 'power', unit: 'watts', value: 167 }]);
});
