import t from 'tap';
import type { DiscreteSensor, NumericSensor } from '../../../src/model/snapshot.js';
import { buildModel, type BuildProblem } from '../../../src/model/index.js';
import { Model, input, sample, values } from '../../../test/model/fixtures.js';
import { assignIds, buildSnapshot } from '../map.js';
import { parseDcmiPowerReading } from '../dcmi.js';
import { parseFreeIpmiSensors } from '../freeipmi.js';
import { parseFru } from '../fru.js';
import { parseSdrElist, parseSdrList } from '../sdr-list.js';
import { parseSdrVerbose } from '../sdr-verbose.js';
import { parseSensorTable } from '../sensor-table.js';
import { normaliseState, knownStates, stateMeaning } from '../states.js';
import type { IpmiReading } from '../types.js';
import { fixture } from './fixture.js';

function sensor(list: NumericSensor[] | undefined, id: string): NumericSensor {
  const found = list?.find((s) => s.id === id);
  if (!found) throw new Error(`no sensor ${id}`);
  return found;
}

function discrete(list: DiscreteSensor[] | undefined, id: string): DiscreteSensor {
  const found = list?.find((s) => s.id === id);
  if (!found) throw new Error(`no discrete sensor ${id}`);
  return found;
}

const reading = (fields: Partial<IpmiReading> & { name: string }): IpmiReading => ({ states: [], thresholds: {}, line: 1, ...fields });

t.test('ids: ipmi:<name>, suffixed by sensor number, record id or rank only when names repeat', async (t) => {
  t.same(assignIds([reading({ name: 'A', number: 1 }), reading({ name: 'B' })]), ['ipmi:A', 'ipmi:B']);
  t.same(assignIds([reading({ name: 'Temp', number: 1 }), reading({ name: 'Temp', number: 2 })]), ['ipmi:Temp#1', 'ipmi:Temp#2']);
  t.same(assignIds([reading({ name: 'Temp', recordId: 40 }), reading({ name: 'Temp', recordId: 41 })]), ['ipmi:Temp#40', 'ipmi:Temp#41']);
  t.same(assignIds([reading({ name: 'Temp' }), reading({ name: 'Temp' })]), ['ipmi:Temp#1', 'ipmi:Temp#2']);
  t.same(assignIds([reading({ name: 'Temp', number: 5 }), reading({ name: 'Temp', number: 5 })]), ['ipmi:Temp#1', 'ipmi:Temp#2'], 'colliding numbers fall back to ranks');
});

t.test('numeric sensors: kind and unit from the printed unit, not the sensor type', async (t) => {
  const snapshot = buildSnapshot({ readings: parseSdrElist(fixture('sdr-elist.txt')).readings });
  t.match(sensor(snapshot.sensors, 'ipmi:Inlet Temp'), { kind: 'temperature', unit: 'celsius', value: 23, decimals: 0, health: 'ok', source: 'IPMI sensor 0x04, entity 7.1' });
  t.match(sensor(snapshot.sensors, 'ipmi:Current 1'), { kind: 'current', unit: 'amps', value: 0.6, decimals: 2 });
  t.match(sensor(snapshot.sensors, 'ipmi:Pwr Consumption'), { kind: 'power', unit: 'watts', value: 280 });
  t.match(sensor(snapshot.sensors, 'ipmi:Fan1A'), { kind: 'fan', unit: 'rpm', monitors: { kind: 'fan', id: 'ipmi:fan:Fan1A' } });
  const verbose = buildSnapshot({ readings: parseSdrVerbose(fixture('sdr-verbose.txt')).readings });
  t.match(sensor(verbose.sensors, 'ipmi:Fan 3'), { kind: 'fan', unit: 'rpm', value: null, unavailable: 'absent', thresholds: { lowerCritical: 600 } });
  t.equal(sensor(verbose.sensors, 'ipmi:Fan 3').health, undefined);
  t.match(sensor(verbose.sensors, 'ipmi:Mem Voltage'), { unavailable: 'disabled', value: null });
});

t.test('units: FreeIPMI abbreviations, conversions, percentages', async (t) => {
  const snapshot = buildSnapshot({ readings: parseFreeIpmiSensors(fixture('freeipmi-state-thresholds.csv')).readings });
  t.match(sensor(snapshot.sensors, 'ipmi:Ambient'), { kind: 'temperature', unit: 'fahrenheit', value: 77, decimals: 2, thresholds: { upperNonCritical: 104, upperCritical: 113 } }, '°F served as °F');
  t.match(sensor(snapshot.sensors, 'ipmi:Air Flow'), { kind: 'airflow', unit: 'cfm', value: 31 });
  t.match(sensor(snapshot.sensors, 'ipmi:Fan Duty'), { kind: 'fan', unit: 'percent', value: 45 });
  const others = buildSnapshot({
    readings: [
      reading({ name: 'K', value: 300, decimals: 0, unit: 'degrees K' }),
      reading({ name: 'P', value: 101.3, decimals: 1, unit: 'kPa' }),
      reading({ name: 'PS1 Curr Out %', value: 11, decimals: 0, unit: 'unspecified' }),
      reading({ name: 'Altitude', value: 80, decimals: 0, unit: 'feet' }),
      reading({ name: 'Util', value: 3, decimals: 0, unit: 'percent' }),
      reading({ name: 'Uptime', value: 9, decimals: 0, unit: 'second' }),
      reading({ name: 'Vcc', eventClass: 'threshold', sensorType: 'Voltage', value: null, unavailable: 'absent' }),
      reading({ name: 'Odd', eventClass: 'threshold', sensorType: 'Other', value: null }),
    ],
  });
  t.match(sensor(others.sensors, 'ipmi:K'), { kind: 'temperature', unit: 'kelvin', value: 300, decimals: 0 });
  t.match(sensor(others.sensors, 'ipmi:P'), { kind: 'pressure', unit: 'pascals', value: 101300 });
  t.match(sensor(others.sensors, 'ipmi:PS1 Curr Out %'), { kind: 'utilization', unit: 'percent' });
  t.match(sensor(others.sensors, 'ipmi:Altitude'), { kind: 'other', unit: 'feet', value: 80 });
  t.match(sensor(others.sensors, 'ipmi:Util'), { kind: 'utilization', unit: 'percent' });
  t.match(sensor(others.sensors, 'ipmi:Uptime'), { kind: 'other', unit: 'seconds' });
  t.match(sensor(others.sensors, 'ipmi:Vcc'), { kind: 'voltage', unit: 'volts', value: null, unavailable: 'absent' }, 'unit from the sensor type');
  t.match(sensor(others.sensors, 'ipmi:Odd'), { kind: 'other', unavailable: 'failed' }, 'no reading and no reason: the read failed');
});

t.test('ranges: converted to the served unit like the reading, their digits kept', async (t) => {
  const snapshot = buildSnapshot({
    readings: [
      reading({ name: 'P', value: 101.3, decimals: 1, unit: 'kPa', ranges: { nominal: 101.325, normalMin: 95, normalMax: 105, maxReadable: 120 } }),
      reading({ name: 'Inlet Temp', value: 24, decimals: 0, unit: 'degrees C', ranges: { nominal: 25.5, minReadable: -40 } }),
    ],
  });
  t.same(sensor(snapshot.sensors, 'ipmi:P').ranges, { nominal: 101325, normalMin: 95000, normalMax: 105000, maxReadable: 120000 }, 'kPa served as Pa');
  t.match(sensor(snapshot.sensors, 'ipmi:Inlet Temp'), { value: 24, decimals: 0, ranges: { nominal: 25.5, minReadable: -40 } },
    'the reading keeps its printed digits: the model writes 25.5 at its resolution');
});

t.test('ranges never change the reading\'s encoding: its decimals, sticky ones included, are not widened for them', async (t) => {
  // ceilometer-intel-sdr-v (../shared/fixtures/ipmi): "BB +12.0V" reads 11.83 in `sdr elist`, nominal 11.935 in `sdr -v`.
  const decimals = new Map<string, number>();
  const volts = reading({ name: 'BB +12.0V', value: 11.83, decimals: 2, unit: 'Volts' });
  const withRanges = buildSnapshot({ readings: [{ ...volts, ranges: { nominal: 11.935, normalMin: 11.363, normalMax: 12.559 } }], decimals });
  t.match(sensor(withRanges.sensors, 'ipmi:BB +12.0V'), { value: 11.83, decimals: 2, ranges: { nominal: 11.935 } });
  t.match(sensor(buildSnapshot({ readings: [volts], decimals }).sensors, 'ipmi:BB +12.0V'), { decimals: 2 }, 'nor later, when the ranges are gone');
});

t.test('a converted range keeps the digits it was printed with, not the reading\'s', async (t) => {
  const snapshot = buildSnapshot({
    readings: [reading({ name: 'Lat', value: 5, decimals: 0, unit: 'millisecond', ranges: { nominal: 1.234, maxReadable: 12.5 } })],
  });
  t.match(sensor(snapshot.sensors, 'ipmi:Lat'), { unit: 'seconds', value: 0.005, decimals: 3, ranges: { nominal: 0.001234, maxReadable: 0.0125 } });
});

t.test('an inverted printed range is passed as printed: the model drops both bounds and reports it; the rest stay', async (t) => {
  const snapshot = buildSnapshot({
    readings: [reading({ name: 'Inlet Temp', value: 24, decimals: 0, unit: 'degrees C', ranges: { nominal: 25, normalMin: 40, normalMax: 10, minReadable: -40, maxReadable: 125 } })],
  });
  const inlet = sensor(snapshot.sensors, 'ipmi:Inlet Temp');
  t.same(inlet.ranges, { nominal: 25, normalMin: 40, normalMax: 10, minReadable: -40, maxReadable: 125 }, 'not dropped here, unseen');
  const problems: BuildProblem[] = [];
  const model = new Model(buildModel(input([sample({ sensors: [inlet] }, { provider: 'ipmi' })]), { onProblem: (p) => problems.push(p) }));
  t.same(problems.map((p) => p.message), ['range normalMin 40 is above normalMax 10: both left out'], 'serve logs it');
  t.same(values(model.one('Thincim_NumericSensor', 'ipmi:Inlet Temp'), ['NominalReading', 'NormalMin', 'NormalMax', 'MinReadable', 'MaxReadable']), {
    NominalReading: 25, NormalMin: null, NormalMax: null, MinReadable: -40, MaxReadable: 125,
  });
});

t.test('ipmitool before 1.8.12: a packed HP record\'s nominal and normal bytes are no ranges', async (t) => {
  // An HP iLO 2 fan block (fixtures/sdr-list-hp-dl360-g5.txt) is a non-threshold record ipmitool < 1.8.12 printed as
  // analog: its "thresholds" are state masks (see legacy.ts), and so is anything else it printed as analog values.
  const [block] = parseSdrList('Fan Block 1      | 34.89 unspecifi | nc\n').readings;
  const withRanges = { ...block!, ranges: { nominal: 50, normalMin: 20, normalMax: 80 } };
  t.equal(sensor(buildSnapshot({ readings: [withRanges], legacyIpmitool: true }).sensors, 'ipmi:Fan Block 1').ranges, undefined);
  t.same(sensor(buildSnapshot({ readings: [withRanges] }).sensors, 'ipmi:Fan Block 1').ranges, { nominal: 50, normalMin: 20, normalMax: 80 }, 'a current ipmitool\'s analog record keeps them');
});

t.test('decimals: printed precision, widened by thresholds, never narrower than before', async (t) => {
  const decimals = new Map<string, number>();
  const first = buildSnapshot({ readings: parseSdrList('12V              | 12.04 Volts       | ok\n').readings, decimals });
  t.equal(sensor(first.sensors, 'ipmi:12V').decimals, 2);
  const second = buildSnapshot({ readings: parseSdrList('12V              | 12 Volts          | ok\n').readings, decimals });
  t.match(sensor(second.sensors, 'ipmi:12V'), { value: 12, decimals: 2 }, '"12 Volts" after "12.04 Volts" keeps two decimals');
  const alone = buildSnapshot({ readings: parseSdrList('12V              | 12 Volts          | ok\n').readings });
  t.equal(sensor(alone.sensors, 'ipmi:12V').decimals, 0);
  const widened = buildSnapshot({ readings: [reading({ name: 'T', value: 25, decimals: 0, unit: 'degrees C', thresholds: { upperCritical: 90.5, lowerCritical: 0 } })] });
  t.equal(sensor(widened.sensors, 'ipmi:T').decimals, 1);
});

t.test('discrete sensors: kind, the most severe state, health from the states whatever the status says', async (t) => {
  const snapshot = buildSnapshot({ readings: parseSdrElist(fixture('sdr-elist.txt')).readings });
  const ps2 = discrete(snapshot.discreteSensors, 'ipmi:PS2 Status');
  t.match(ps2, { kind: 'powerSupplyStatus', state: 'Failure detected', health: 'critical' });
  t.ok(ps2.possibleStates.includes('Presence detected') && ps2.possibleStates.includes('Power Supply AC lost'));
  t.match(discrete(snapshot.discreteSensors, 'ipmi:PS4 Status'), { state: 'AC out-of-range, but present', health: 'warning' });
  t.match(discrete(snapshot.discreteSensors, 'ipmi:PS3 Status'), { state: 'No state asserted', health: 'critical' }, 'a supply sensor with nothing asserted: pulled');
  t.match(discrete(snapshot.discreteSensors, 'ipmi:Intrusion'), { kind: 'intrusion', state: 'General Chassis intrusion', health: 'critical' });
  t.match(discrete(snapshot.discreteSensors, 'ipmi:Drive 0'), { kind: 'presence', state: 'Drive Present', health: 'ok' });
  t.match(discrete(snapshot.discreteSensors, 'ipmi:Drive 1'), { state: 'Drive Fault', health: 'critical' });
  t.match(discrete(snapshot.discreteSensors, 'ipmi:Fan Redundancy'), { kind: 'redundancy', state: 'Redundancy Lost', health: 'critical' });
  t.match(discrete(snapshot.discreteSensors, 'ipmi:VCORE PG'), { state: 'Disabled', health: 'unknown' });
  t.match(discrete(snapshot.discreteSensors, 'ipmi:OEM Blob'), { kind: 'other', state: 'Vendor Specific Magic', health: 'unknown', possibleStates: ['Vendor Specific Magic'] });
  t.notOk(snapshot.sensors?.some((s) => s.id === 'ipmi:PS1 Status'), 'a discrete record is not also numeric');
});

t.test('discrete sensors: raw states, FreeIPMI interpretation, name hints', async (t) => {
  const list = buildSnapshot({ readings: parseSdrList(fixture('sdr-list.txt')).readings });
  t.match(discrete(list.discreteSensors, 'ipmi:Chassis Intru'), { kind: 'intrusion', state: '0x01', health: 'unknown' });
  t.match(discrete(list.discreteSensors, 'ipmi:PS Status'), { state: 'No Reading', health: 'unknown' });
  const free = buildSnapshot({ readings: parseFreeIpmiSensors(fixture('freeipmi-state-thresholds.csv')).readings });
  t.match(discrete(free.discreteSensors, 'ipmi:Front LED'), { state: 'Unrecognized State', health: 'unknown' });
  const interpreted = buildSnapshot({ readings: [reading({ name: 'X', states: ['Vendor Thing'], health: 'ok' }), reading({ name: 'Y', states: ['Fully Redundant'], health: 'critical' })] });
  t.equal(discrete(interpreted.discreteSensors, 'ipmi:X').health, 'ok', "the tool's own interpretation of an unknown state");
  t.equal(discrete(interpreted.discreteSensors, 'ipmi:Y').health, 'critical', 'the worse of ours and the tool\'s');
  const hints = buildSnapshot({ readings: [reading({ name: 'Cable Pres' }), reading({ name: 'Lid Intrusion' }), reading({ name: 'Sys Health' })] });
  t.same(hints.discreteSensors?.map((s) => s.kind), ['presence', 'intrusion', 'other']);
});

t.test('FreeIPMI: an unreadable discrete sensor is no reading; a typed record without a unit keeps its type', async (t) => {
  // Modelled on a Dell `ipmi-sensors` (an empty slot's PMIC) and an `ipmimonitoring` CSV (a processor's thermal margin).
  const free = buildSnapshot({
    readings: parseFreeIpmiSensors([
      'ID,Name,Type,State,Reading,Units,Event',
      "6,CPU1 DTS,Temperature,Nominal,-60.00,unspecified,'OK'",
      '200,DIMM 17 PMIC,Voltage,N/A,N/A,N/A,N/A',
      "201,DIMM 18 PMIC,Voltage,Nominal,N/A,N/A,'OK'",
    ].join('\n')).readings,
  });
  t.match(sensor(free.sensors, 'ipmi:CPU1 DTS'), { kind: 'temperature', unit: 'unspecified', value: -60 });
  t.match(discrete(free.discreteSensors, 'ipmi:DIMM 17 PMIC'), { state: 'No Reading', health: 'unknown' });
  t.match(discrete(free.discreteSensors, 'ipmi:DIMM 18 PMIC'), { state: 'No state asserted', health: 'ok' });
});

t.test('a supply\'s presence sensor in the threshold table keeps its raw bits unless its status sensor tells; a redundancy sensor in capitals is one', async (t) => {
  // Modelled on an HP iLO 4 and a ZT Systems `ipmitool sensor`: presence offsets differ by sensor type, which the table does not print.
  const row = (name: string, bits: string) => `${name.padEnd(17)}| 0x0        | discrete   | ${bits}| na        | na        | na        | na        | na        | na\n`;
  const snapshot = buildSnapshot({
    readings: parseSensorTable(row('PS 1 Presence', '0x0280') + row('PS 2 Presence', '0x0180') + row('PS1 Status', '0x0180') + row('PWR_UNIT_REDUND', '0x0180')).readings,
  });
  t.match(discrete(snapshot.discreteSensors, 'ipmi:PS 1 Presence'), { state: 'Device Present', health: 'ok' }, 'PS1 Status says present: its offset 1 is the present one');
  t.match(discrete(snapshot.discreteSensors, 'ipmi:PS 2 Presence'), { state: '0x0180', health: 'unknown' }, 'no status sensor of supply 2 to check it against');
  t.match(discrete(snapshot.discreteSensors, 'ipmi:PS1 Status'), { state: 'Presence detected', health: 'ok' }, "a supply's status sensor is decoded");
  t.same(snapshot.redundancy?.map((r) => [r.label, r.kind, r.status]), [['PWR_UNIT_REDUND', 'powerSupply', 'full']]);
  t.same(snapshot.powerSupplies?.map((p) => [p.label, p.status, p.statusReason]), [
    ['PS 1 Presence', 'ok', undefined], ['PS 2 Presence', 'unknown', 'state 0x0180'],
  ], 'raw bits are the verdict only where no other sensor of the supply reads');
});

t.test('a record with an analog value and states gives a numeric and a discrete sensor', async (t) => {
  const snapshot = buildSnapshot({ readings: parseSdrElist('Power Supply 1   | 03h | ok  | 10.1 | 110 Watts, Presence detected\n').readings });
  t.match(sensor(snapshot.sensors, 'ipmi:Power Supply 1'), { kind: 'power', value: 110, monitors: { kind: 'powerSupply', id: 'ipmi:psu:10.1' } });
  t.match(discrete(snapshot.discreteSensors, 'ipmi:Power Supply 1:state'), { kind: 'powerSupplyStatus', state: 'Presence detected' });
  t.match(snapshot.powerSupplies, [{ id: 'ipmi:psu:10.1', label: 'Power Supply 1', status: 'ok', sensors: ['ipmi:Power Supply 1'] }]);
  t.match(discrete(snapshot.discreteSensors, 'ipmi:Power Supply 1:state').monitors, { kind: 'powerSupply', id: 'ipmi:psu:10.1' });
});

t.test('power supplies: grouped by entity, status from the asserted states', async (t) => {
  const snapshot = buildSnapshot({ readings: parseSdrElist(fixture('sdr-elist.txt')).readings });
  t.same(snapshot.powerSupplies?.map((p) => [p.id, p.label, p.status]), [
    ['ipmi:psu:10.1', 'PS1 Status', 'ok'],
    ['ipmi:psu:10.2', 'PS2 Status', 'failed'],
    ['ipmi:psu:10.3', 'PS3 Status', 'failed'],
    ['ipmi:psu:10.4', 'PS4 Status', 'degraded'],
  ]);
  t.same(snapshot.powerSupplies?.[0]?.sensors, ['ipmi:Current 1', 'ipmi:Voltage 1'], 'its numeric sensors');
  t.match(discrete(snapshot.discreteSensors, 'ipmi:PS1 Status').monitors, { kind: 'powerSupply', id: 'ipmi:psu:10.1' });
  t.match(sensor(snapshot.sensors, 'ipmi:Current 2'), { monitors: { kind: 'powerSupply', id: 'ipmi:psu:10.2' } });
  t.equal(snapshot.powerSupplies?.[0]?.redundancyGroup, 'ipmi:redundancy:PS Redundancy');
  const free = buildSnapshot({ readings: parseFreeIpmiSensors(fixture('freeipmi-default.txt')).readings });
  t.same(free.powerSupplies?.map((p) => [p.id, p.status]), [['ipmi:psu:PS1 Status', 'ok'], ['ipmi:psu:PS2 Status', 'failed']]);
  t.match(snapshot.powerSupplies?.map((p) => p.statusReason), [undefined, 'failure detected', 'not present', 'AC out of range']);
  const unread = buildSnapshot({ readings: [reading({ name: 'PS1 Status', entity: { id: 10, instance: 1 }, unavailable: 'absent' }), reading({ name: 'PSU2 Curr', entity: { id: 10, instance: 2 }, value: 1, unit: 'Amps' })] });
  t.same(unread.powerSupplies?.map((p) => [p.label, p.status, p.statusReason]), [['PS1 Status', 'unknown', 'no reading']], 'a measurement on entity 10.2 makes no supply');
});

t.test('redundancy groups: kind from entity, type or name; status from the states', async (t) => {
  const snapshot = buildSnapshot({ readings: parseSdrElist(fixture('sdr-elist.txt')).readings });
  t.same(snapshot.redundancy, [
    { id: 'ipmi:redundancy:Fan Redundancy', label: 'Fan Redundancy', kind: 'fan', status: 'lost' },
    { id: 'ipmi:redundancy:PS Redundancy', label: 'PS Redundancy', kind: 'powerSupply', status: 'degraded' },
  ], 'two of four supplies failed: degraded whatever the sensor says');
  t.ok(snapshot.fans?.every((fan) => fan.redundancyGroup === 'ipmi:redundancy:Fan Redundancy'));
  const typed = buildSnapshot({ readings: parseSdrElist(fixture('sdr-type-fan.txt')).readings });
  t.match(typed.redundancy, [{ kind: 'fan', status: 'degraded' }]);
  const free = buildSnapshot({ readings: parseFreeIpmiSensors(fixture('freeipmi-state-thresholds.csv')).readings });
  t.match(free.redundancy, [{ label: 'PS Redundancy', kind: 'powerSupply', status: 'lost' }]);
  const cases = buildSnapshot({
    readings: [
      reading({ name: 'Redundancy A', states: ['Non-Redundant: Insufficient Resources', 'Redundancy Lost'], entity: { id: 19, instance: 1 } }),
      reading({ name: 'Cooling Redundancy', states: [] }),
      reading({ name: 'Memory Redundancy', states: ['Fully Redundant'] }),
      reading({ name: 'Pwr Redundancy', unavailable: 'absent' }),
    ],
  });
  t.same(cases.redundancy?.map((r) => [r.label, r.kind, r.status]), [
    ['Redundancy A', 'powerSupply', 'failed'],
    ['Cooling Redundancy', 'fan', 'unknown'],
    ['Pwr Redundancy', 'powerSupply', 'unknown'],
  ], 'memory redundancy is a sensor, not a fan or supply group');
  t.notOk(cases.powerSupplies?.length, 'a redundancy sensor is no supply');
});

t.test('fans: one per tachometer, status from the reading', async (t) => {
  const snapshot = buildSnapshot({ readings: parseSdrElist(fixture('sdr-elist.txt')).readings });
  t.same(snapshot.fans?.map((f) => [f.id, f.speedSensor, f.status]), [
    ['ipmi:fan:Fan1A', 'ipmi:Fan1A', 'ok'],
    ['ipmi:fan:Fan1B', 'ipmi:Fan1B', 'failed'],
    ['ipmi:fan:Fan2A', 'ipmi:Fan2A', 'absent'],
  ], 'an unreadable record named as a fan is an absent fan');
  t.match(sensor(snapshot.sensors, 'ipmi:Fan2A'), { kind: 'fan', unit: 'rpm', value: null, unavailable: 'absent' });
  t.equal(sensor(snapshot.sensors, 'ipmi:Fan2A').health, undefined, '"ns" is no verdict');
  const withUnit = buildSnapshot({ readings: [reading({ name: 'Fan2A', unit: 'RPM', eventClass: 'threshold', unavailable: 'absent' })] });
  t.same(withUnit.fans?.map((f) => f.status), ['absent']);
  const more = buildSnapshot({
    readings: [
      reading({ name: 'F1', value: 900, unit: 'RPM', health: 'warning' }),
      reading({ name: 'F2', value: 900, unit: 'RPM' }),
      reading({ name: 'F3', value: null, unit: 'RPM', unavailable: 'disabled' }),
      reading({ name: 'F4', value: 0, unit: 'RPM', health: 'ok' }),
      reading({ name: 'F5', value: 0, unit: 'RPM', health: 'fatal' }),
    ],
  });
  t.same(more.fans?.map((f) => [f.status, f.statusReason]), [
    ['degraded', 'F1: warning'], ['ok', undefined], ['unknown', 'disabled'], ['unknown', 'not turning'], ['failed', 'F5: fatal'],
  ], 'a fan read without a verdict is working; at 0 RPM the BMC finds fine, an empty header or a dead fan: unknown');
});

t.test('FRU: chassis and system identity from the builtin device, placeholders dropped, supply FRU by name', async (t) => {
  const fru = parseFru(fixture('fru.txt'));
  const snapshot = buildSnapshot({ readings: parseSdrElist(fixture('sdr-elist.txt')).readings, fru, hostname: 'node7' });
  t.same(snapshot.chassis, [{
    id: 'ipmi:chassis', type: 'Rack Mount Chassis', partNumber: 'CSE-819UTS-R1K02P-T', serialNumber: 'C8190LJ24AB0123', manufacturer: 'Supermicro', model: 'SYS-1029U-TRT',
  }]);
  t.same(snapshot.system, { hostname: 'node7', manufacturer: 'Supermicro', model: 'SYS-1029U-TRT', serialNumber: 'S348123X9305678' });
  t.same(snapshot.powerSupplies?.find((p) => p.label === 'PS2 Status')?.fru, { manufacturer: 'Delta', model: 'PWS-1K02A-1R', serialNumber: 'P1K02AC55AB1234', partNumber: 'PWS-1K02A-1R' });
  t.equal(buildSnapshot({ readings: [], fru }).system, undefined, 'no system identity without a host name');
  t.same(buildSnapshot({ readings: [], fru: parseFru('FRU Device Description : Builtin FRU Device (ID 0)\n Device not present (Timeout)\n') }).chassis, undefined);
  t.same(buildSnapshot({ readings: [], fru: parseFru('FRU Device Description : Builtin FRU Device (ID 0)\n Board Mfg : To be filled by O.E.M.\n'), hostname: 'h' }).system, undefined);
});

t.test('DCMI: the instantaneous power as a sensor', async (t) => {
  const on = buildSnapshot({ readings: [], dcmi: parseDcmiPowerReading(fixture('dcmi.txt')) });
  t.same(on.sensors, [{ id: 'ipmi:dcmi:power', label: 'System Power (DCMI)', kind: 'power', unit: 'watts', value: 212, decimals: 0, source: 'IPMI DCMI power reading' }]);
  const off = buildSnapshot({ readings: [], dcmi: parseDcmiPowerReading('Instantaneous power reading: 0 Watts\nPower reading state is: deactivated\n') });
  t.match(off.sensors, [{ value: null, unavailable: 'disabled' }]);
  const failed = buildSnapshot({ readings: [], dcmi: parseDcmiPowerReading('') });
  t.match(failed.sensors, [{ value: null, unavailable: 'failed' }]);
});

t.test('the state table lists each text once and finds FreeIPMI remarks', async (t) => {
  const keys = knownStates().map(normaliseState);
  t.equal(new Set(keys).size, keys.length);
  t.match(stateMeaning('Fully Redundant (formerly "Redundancy Regained")'), { redundancy: 'full' });
  t.match(stateMeaning('non-redundant: sufficient FROM redundant'), { redundancy: 'degraded' });
  t.equal(stateMeaning('Something else'), undefined);
});
