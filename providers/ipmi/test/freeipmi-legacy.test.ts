import t from 'tap';
import { parseFreeIpmiLegacy } from '../freeipmi-legacy.js';
import { parseSensorOutput } from '../recognise.js';
import { buildSnapshot } from '../map.js';
import { fixture } from './fixture.js';

// SOURCE: FreeIPMI ipmi-sensors/ipmi-sensors-simple-output.c, the legacy line of `ipmi-sensors --legacy-output` and of
// ipmi-sensors before 0.8 (_legacy_simple_output_header "%u: %s (%s): ", _legacy_simple_output_full_record "%.2f %s "
// or "NA ", "(%.2f/" / "%.2f): " or NA, the events "[%s]" run together; `--quiet-readings` "%u: %s: "). The rows are
// Checkmk's regression datasets (tests/unit/checks/generictests/datasets/ipmi_sensors_*.py: "32 Temperature_Ambient
// 20.00_C_(1.00/42.00) [OK]", "416 Temperature_DIMM-2A NA(NA/115.00) [Unknown]", "4288 Power_Unit_PSU
// [Redundancy_Lost]", "875 Power_Supply_PS_Status NA_NA_(NA/NA) [Presence detected]", "59 M2_Temp0(PCIe1)_(Temperature)
// …") put back as FreeIPMI printed them before Checkmk's agent reshaped them (spaces for its underscores).
const TEXT = [
  'Caching SDR repository information: /root/.freeipmi/sdr-cache/sdr-cache-host.localhost',
  '32: Ambient (Temperature): 20.00 C (1.00/42.00): [OK]',
  '416: DIMM-2A (Temperature): NA (NA/115.00): [Unknown]',
  '12: FAN3 (Fan): NA (400.00/NA): [NA]',
  '4288: PSU (Power Unit): [Redundancy Lost]',
  '875: PS Status (Power Supply): NA NA (NA/NA): [Presence detected][Power Supply Failure detected]',
  '59: M2 Temp0(PCIe1) (Temperature): 41.00 C (NA/79.00): [OK]',
  '7: CPU Temp (Temperature): 93.00 C (NA/90.00): [At or Above (>=) Upper Critical Threshold]',
  '138: CPU Temp 2 (OEM Reserved): NA NA (NA/NA): [OEM Event = 0000h]',
].join('\n');

t.test('--legacy-output: readings, units, events, unread records; the threshold pair is not read', async (t) => {
  const { format, readings, noise } = parseFreeIpmiLegacy(TEXT);
  t.equal(format, 'freeipmi');
  t.same(noise.map((n) => n.line), [1], 'the SDR cache line');
  t.same(readings.map((r) => [r.recordId, r.name, r.sensorType, r.eventClass, r.value, r.unit, r.health, r.unavailable, r.states]), [
    [32, 'Ambient', 'Temperature', 'threshold', 20, 'C', 'ok', undefined, []],
    [416, 'DIMM-2A', 'Temperature', 'threshold', null, undefined, undefined, 'failed', []],
    [12, 'FAN3', 'Fan', 'threshold', null, undefined, undefined, 'absent', []],
    [4288, 'PSU', 'Power Unit', 'discrete', undefined, undefined, undefined, undefined, ['Redundancy Lost']],
    [875, 'PS Status', 'Power Supply', 'discrete', undefined, undefined, undefined, undefined, ['Presence detected', 'Power Supply Failure detected']],
    [59, 'M2 Temp0(PCIe1)', 'Temperature', 'threshold', 41, 'C', 'ok', undefined, []],
    [7, 'CPU Temp', 'Temperature', 'threshold', 93, 'C', 'critical', undefined, []],
    [138, 'CPU Temp 2', 'OEM Reserved', 'discrete', undefined, undefined, undefined, undefined, ['OEM Event = 0000h']],
  ]);
  t.same(readings.map((r) => r.thresholds), readings.map(() => ({})), 'the pair may be critical, non-recoverable or non-critical');
  t.equal(readings[6]?.crossed, 'upperCritical');
});

t.test('--legacy-output is recognised and mapped; --quiet-readings lines too', async (t) => {
  const { readings } = parseSensorOutput(TEXT);
  const snapshot = buildSnapshot({ readings });
  t.match(snapshot.sensors?.find((s) => s.id === 'ipmi:Ambient'), { unit: 'celsius', value: 20, health: 'ok' });
  t.match(snapshot.sensors?.find((s) => s.id === 'ipmi:CPU Temp'), { value: 93, health: 'critical' });
  const quiet = parseFreeIpmiLegacy('4: CPU Temp: [OK]\n68: PS Status: [Presence detected]\n');
  t.same(quiet.readings.map((r) => [r.name, r.states]), [['CPU Temp', []], ['PS Status', ['Presence detected']]]);
  const odd = parseFreeIpmiLegacy('4: CPU Temp (Temperature): hot (1/2): [OK]\n');
  t.same(odd.readings, []);
  t.same(odd.noise, [{ line: 1, text: '4: CPU Temp (Temperature): hot (1/2): [OK]', record: true }], 'a legacy line that does not read is an unread record');
});

t.test("a Dell iDRAC6's real legacy ipmi-sensors, and its FreeIPMI 0.7 ipmimonitoring, read alike", async (t) => {
  // SOURCE: the Netkiller handbook's IPMI section (Neo Chen; a Chinese sysadmin handbook in the public corpus), runs of
  // `ipmi-sensors -h … -u root -p…` and `ipmimonitoring -h …` (FreeIPMI 0.7) on a Dell PowerEdge with iDRAC6:
  // fixtures/freeipmi-legacy-dell-idrac6.txt and freeipmi-ipmimonitoring-0.7-dell-idrac6.txt are verbatim excerpts
  // (rows left out, none changed). "54: Presence  (Entity Presence)" is an ID string ending in a space.
  const legacy = parseSensorOutput(fixture('freeipmi-legacy-dell-idrac6.txt'));
  t.same(legacy.noise, []);
  const monitoring = parseSensorOutput(fixture('freeipmi-ipmimonitoring-0.7-dell-idrac6.txt'));
  const byId = new Map(legacy.readings.map((r) => [r.recordId, r]));
  for (const reading of monitoring.readings) {
    const other = byId.get(reading.recordId);
    t.same([other?.name, other?.sensorType, other?.value, other?.unit, other?.states], [reading.name, reading.sensorType, reading.value, reading.unit, reading.states], `record ${reading.recordId}`);
  }
  const sensors = new Map(buildSnapshot({ readings: legacy.readings }).sensors?.map((s) => [s.id, s]));
  t.match(sensors.get('ipmi:Ambient Temp#7'), { value: 27, unit: 'celsius', health: 'ok' });
  t.match(sensors.get('ipmi:Temp#1'), { value: null, unavailable: 'absent' });
  t.match(sensors.get('ipmi:Current#117'), { value: null, unavailable: 'failed' }, '[Unknown]: the read failed');
  t.match(sensors.get('ipmi:System Level'), { value: 329, unit: 'watts' });
  const supplies = buildSnapshot({ readings: legacy.readings }).powerSupplies ?? [];
  t.same(supplies.map((s) => [s.id, s.status]), [['ipmi:psu:Status#57', 'ok'], ['ipmi:psu:Status#58', 'failed']], 'the supply that lost its input');
});

t.test('an empty unit keeps its reading; a discrete record printed "NA NA (NA/NA)" stays discrete', async (t) => {
  // ipmi-sensors-simple-output.c, _legacy_simple_output_full_record: a threshold record's reading "%.2f %s " with
  // ipmi_sensor_units[] (an empty unit leaves two spaces) or "NA " alone; "NA NA" is the reading and unit printed for a
  // discrete record.
  const empty = parseFreeIpmiLegacy('35: CPU Util (Processor): 68.00  (NA/NA): [OK]\n');
  t.match(empty.readings[0], { eventClass: 'threshold', value: 68, unit: 'unspecified', health: 'ok' });
  const discrete = parseFreeIpmiLegacy('875: PS Status (Power Supply): NA NA (NA/NA): [NA]\n876: PS2 Status (Power Supply): NA NA (NA/NA): [Unknown]\n');
  t.same(discrete.readings.map((r) => [r.name, r.eventClass, r.value, r.unavailable, r.states]), [
    ['PS Status', 'discrete', undefined, 'absent', []],
    ['PS2 Status', 'discrete', undefined, undefined, ['Unknown']],
  ], 'as the table reads a discrete row whose event is N/A or Unknown');
  const threshold = parseFreeIpmiLegacy('7: CPU Temp (Temperature): NA (NA/90.00): [Unknown]\n');
  t.match(threshold.readings[0], { eventClass: 'threshold', value: null }, 'a threshold record prints "NA " alone');
});
