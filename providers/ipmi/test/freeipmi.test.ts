import t from 'tap';
import { parseFreeIpmiSensors, splitRow } from '../freeipmi.js';
import { detectFormat, parseSensorOutput } from '../recognise.js';
import { buildSnapshot } from '../map.js';
import { fixture, named } from './fixture.js';

t.test('default table: readings, units, health from threshold events', async (t) => {
  const { format, readings, noise } = parseFreeIpmiSensors(fixture('freeipmi-default.txt'));
  t.equal(format, 'freeipmi');
  t.equal(readings.length, 9);
  t.same(noise.map((n) => n.line), [1], 'the SDR cache line');
  t.match(named(readings, 'CPU Temp'), { recordId: 4, sensorType: 'Temperature', value: 93, decimals: 2, unit: 'C', health: 'critical' });
  t.match(named(readings, 'System Temp'), { health: 'ok' });
  t.match(named(readings, 'VBAT'), { value: 2.75, unit: 'V', health: 'warning' });
  t.match(named(readings, 'P1-DIMMC2 TEMP'), { value: null, unavailable: 'absent', unit: 'C' });
  t.match(named(readings, 'P1-DIMMD1 TEMP'), { value: null, unavailable: 'failed' }, "event 'Unknown': the read failed");
});

t.test('default table: discrete records carry their events as states', async (t) => {
  const { readings } = parseFreeIpmiSensors(fixture('freeipmi-default.txt'));
  t.match(named(readings, 'PS1 Status'), { eventClass: 'discrete', states: ['Presence detected'] });
  t.same(named(readings, 'PS2 Status').states, ['Presence detected', 'Power Supply input lost (AC/DC)']);
  t.same(named(readings, 'Chassis Intru').states, [], "'OK' asserts nothing");
  t.equal(named(readings, 'PS1 Status').health, undefined, 'no state column, no verdict');
});

t.test('CSV with state and thresholds', async (t) => {
  const { readings, noise } = parseFreeIpmiSensors(fixture('freeipmi-state-thresholds.csv'));
  t.equal(readings.length, 10);
  t.equal(noise.length, 0);
  t.match(named(readings, 'FAN1'), { recordId: 17, value: 1400, health: 'ok', thresholds: { lowerCritical: 300, lowerNonCritical: 500 } });
  t.same(Object.keys(named(readings, 'FAN1').thresholds), ['lowerCritical', 'lowerNonCritical']);
  t.match(named(readings, 'FAN2'), { health: 'critical' });
  t.match(named(readings, 'FAN3'), { value: null, unavailable: 'absent' });
  t.match(named(readings, 'Inlet Temp'), { value: 43.5, health: 'warning', thresholds: { lowerCritical: -5, upperCritical: 47 } });
  t.match(named(readings, 'PSU1 Status'), { states: ['Presence detected', 'Power Supply input out-of-range, but present'] });
  t.equal(named(readings, 'PSU1 Status').health, undefined, 'states of known meaning: the state column is not their verdict');
  t.match(named(readings, 'Front LED'), { eventClass: 'discrete', states: ['Unrecognized State'] });
  t.equal(named(readings, 'Front LED').health, undefined);
});

t.test('header-less tables are read by their column count', async (t) => {
  const { readings, noise } = parseFreeIpmiSensors(fixture('freeipmi-noheader.txt'));
  t.equal(noise.length, 0);
  t.match(readings, [
    { name: 'CPU Temp', value: 38, health: 'ok' },
    { name: 'FAN 1', value: 2400, unit: 'RPM' },
    { name: 'Drive 0', sensorType: 'Drive Slot', states: ['Drive Presence'] },
  ]);
  const twelve = parseFreeIpmiSensors('5,Temp,Temperature,40.00,C,N/A,N/A,N/A,80.00,90.00,N/A,\'OK\'\n');
  t.match(twelve.readings[0], { value: 40, thresholds: { upperNonCritical: 80, upperCritical: 90 } });
  const six = parseFreeIpmiSensors('5,Temp,Temperature,40.00,C,\'OK\'\n');
  t.match(six.readings[0], { value: 40, health: 'ok' });
  const legacy = parseFreeIpmiSensors('5 | Temp | Temperature | Warning | C | 40.000000\n6 | Temp 2 | Temperature | N/A | C | 41.000000\n');
  t.match(legacy.readings, [{ value: 40, unit: 'C', health: 'warning' }, { value: 41, unit: 'C' }], "FreeIPMI 0.8's columns: a state word, or a reading last");
  t.equal(legacy.readings[1]?.health, undefined);
});

t.test('header-less CSV without the type column (--no-sensor-type-output) is read, not refused', async (t) => {
  // `ipmi-sensors --comma-separated-output --no-header-output --no-sensor-type-output`, as monitoring scripts record it
  // (MarioMartReq/generic-exporter collector.go: "52,PSU_Input_Power,204.00,W,'OK'"; a Python collector running it with
  // `-t Temperature -t Fan` on an OCP server quotes "265,P0 Therm Margin ,-68.00,C,'OK'" and "326,SYS_Fan0        ,
  // 2475.00,RPM,'OK'", names padded by the BMC); the supply row is ipmi_exporter#31's Supermicro "PS Status" without its
  // type, the stopped fan a threshold event as FreeIPMI prints it.
  const text = [
    "265,P0 Therm Margin ,-68.00,C,'OK'",
    "326,SYS_Fan0        ,2475.00,RPM,'OK'",
    "327,SYS_Fan1        ,0.00,RPM,'At or Below (<=) Lower Critical Threshold'",
    "52,PSU_Input_Power,204.00,W,'OK'",
    "1813,PS Status,N/A,N/A,'Presence detected'",
    '1900,FAN5,N/A,RPM,N/A',
  ].join('\n');
  const { readings, noise } = parseFreeIpmiSensors(text);
  t.same(noise, []);
  t.match(readings, [
    { name: 'P0 Therm Margin', recordId: 265, value: -68, unit: 'C', health: 'ok' },
    { name: 'SYS_Fan0', value: 2475, unit: 'RPM', health: 'ok' },
    { name: 'SYS_Fan1', value: 0, unit: 'RPM', health: 'critical', crossed: 'lowerCritical' },
    { name: 'PSU_Input_Power', value: 204, unit: 'W' },
    { name: 'PS Status', eventClass: 'discrete', states: ['Presence detected'] },
    { name: 'FAN5', value: null, unavailable: 'absent' },
  ]);
  t.equal(readings.length, 6);
  t.ok(readings.every((reading) => reading.sensorType === undefined), 'no column is taken for the type');
  t.equal(detectFormat(text), 'freeipmi');
});

t.test('without the type column but with the state, the third column is the state, not a type', async (t) => {
  // FreeIPMI prints id, name, [type], [state], reading, units, [thresholds], event (ipmi-sensors-simple-output.c), so
  // `--no-sensor-type-output --output-sensor-state` puts the state third: six columns, or twelve with the thresholds,
  // as many as the typed layouts without a state. The rows are prometheus-community/ipmi_exporter#31's and
  // thomas-krenn/check_ipmi_sensor_v3#66's Supermicro rows without their type. No sensor type is a state word.
  const { readings, noise } = parseFreeIpmiSensors([
    "138,System Temp,Nominal,25.00,C,'OK'",
    "1813,PS Status,Nominal,N/A,N/A,'Presence detected'",
    "71,CPU2 Temp,N/A,N/A,N/A,'OEM Event = 0007h'",
    // The same sensor with --interpret-oem-data, hot: only the state column says it is a fault.
    "72,CPU3 Temp,Critical,N/A,N/A,'Overheat'",
    "4,CPU1 Temp,Warning,80.00,C,0.00,0.00,0.00,79.00,82.00,84.00,'At or Above (>=) Upper Non-Critical Threshold'",
    "339,FAN1,Nominal,3800.00,RPM,300.00,500.00,700.00,25500.00,25500.00,25500.00,'OK'",
  ].join('\n'));
  t.same(noise, []);
  t.match(readings, [
    { name: 'System Temp', value: 25, unit: 'C', health: 'ok' },
    { name: 'PS Status', eventClass: 'discrete', states: ['Presence detected'] },
    { name: 'CPU2 Temp', eventClass: 'discrete', states: ['OEM Event = 0007h'] },
    { name: 'CPU3 Temp', eventClass: 'discrete', states: ['Overheat'], health: 'critical' },
    { name: 'CPU1 Temp', value: 80, health: 'warning', crossed: 'upperNonCritical', thresholds: { upperNonCritical: 79, upperCritical: 82 } },
    { name: 'FAN1', value: 3800, health: 'ok', thresholds: { lowerCritical: 500, upperFatal: 25500 } },
  ]);
  t.ok(readings.every((reading) => reading.sensorType === undefined), 'no state word is taken for a type');
  t.equal(readings[2]?.health, undefined, "the column's N/A is no verdict");
  const snapshot = buildSnapshot({ readings });
  t.same(snapshot.powerSupplies?.map((supply) => [supply.label, supply.status]), [['PS Status', 'ok']], "the supply's own sensor makes its supply");
  const thresholds = parseFreeIpmiSensors("339,FAN1,3800.00,RPM,300.00,500.00,700.00,25500.00,25500.00,25500.00,'OK'\n");
  t.match(thresholds.readings, [{ value: 3800, unit: 'RPM', thresholds: { lowerFatal: 300, upperNonCritical: 25500 } }], 'no type, no state, thresholds: eleven');
  const typed = parseFreeIpmiSensors("5,Temp,Temperature,40.00,C,'OK'\n");
  t.match(typed.readings[0], { sensorType: 'Temperature', value: 40 }, 'a type in the third column is still a type');
});

t.test('--quiet-readings with the state: the third column is the type, the fourth the state, no reading', async (t) => {
  // `-q` drops the reading and units columns and keeps the thresholds (ipmi-sensors-simple-output.c): with
  // --output-sensor-state, five columns or eleven, as many as the untyped layouts with a reading; the rows are
  // ipmi_exporter#31's Supermicro rows so printed. A sensor type is never a decimal or N/A, where those print the reading.
  const { readings, noise } = parseFreeIpmiSensors([
    "4,CPU1 Temp,Temperature,Critical,'At or Above (>=) Upper Critical Threshold'",
    "1813,PS Status,Power Supply,Critical,'Power Supply Failure detected'",
    "71,CPU2 Temp,OEM Reserved,N/A,'OEM Event = 0007h'",
    "339,FAN1,Fan,Nominal,300.00,500.00,700.00,25500.00,25500.00,25500.00,'OK'",
  ].join('\n'));
  t.same(noise, []);
  t.match(readings, [
    { name: 'CPU1 Temp', sensorType: 'Temperature', health: 'critical' },
    { name: 'PS Status', sensorType: 'Power Supply', states: ['Power Supply Failure detected'] },
    { name: 'CPU2 Temp', sensorType: 'OEM Reserved' },
    { name: 'FAN1', sensorType: 'Fan', health: 'ok' },
  ]);
  t.ok(readings.every((reading) => reading.value === undefined || reading.value === null), 'no column is taken for a reading');
  t.same(buildSnapshot({ readings }).powerSupplies?.map((supply) => [supply.label, supply.status]), [['PS Status', 'failed']], 'the failed supply is seen');
  const refused = parseFreeIpmiSensors("4,CPU1 Temp,Temperature,Hot,'OK'\n");
  t.equal(refused.readings.length, 0, 'neither a reading nor a state word: refused, not guessed');
});

t.test('--output-event-bitmask: a discrete record keeps its offsets as bits, a threshold record reads the thresholds it is past', async (t) => {
  // prometheus-community/ipmi_exporter runs `ipmimonitoring -Q --ignore-unrecognized-events --comma-separated-output
  // --no-header-output --sdr-cache-recreate --output-event-bitmask --output-sensor-state` (collector_ipmi.go); the memory
  // row is as such a run printed it. FreeIPMI prints the 16-bit event bitmask, bit n = offset n, as "%04Xh".
  const { readings, noise } = parseFreeIpmiSensors([
    '96,CPU1_C1D1,Memory,Warning,N/A,N/A,0060h',
    '10,PS2 Status,Power Supply,Critical,N/A,N/A,0003h',
    '2,Inlet Temp,Temperature,Nominal,20.00,C,0000h',
    '3,Exhaust Temp,Temperature,Warning,71.00,C,0008h',
    '13,FAN1,Fan,0.00,RPM,0003h',
  ].join('\n'));
  t.equal(noise.length, 0);
  t.match(named(readings, 'CPU1_C1D1'), { eventClass: 'discrete', states: [], rawState: '0060h', stateBits: 0x60, health: 'warning' });
  t.match(named(readings, 'PS2 Status'), { states: [], rawState: '0003h', stateBits: 3, health: 'critical' }, 'the column stays: it confirms the offsets');
  t.match(named(readings, 'Inlet Temp'), { value: 20, health: 'ok' });
  t.equal(named(readings, 'Inlet Temp').crossed, undefined);
  t.match(named(readings, 'Exhaust Temp'), { value: 71, health: 'warning', crossed: 'upperNonCritical' });
  t.match(named(readings, 'FAN1'), { value: 0, health: 'critical', crossed: 'lowerCritical' }, 'no state column: the worst bit is the verdict');
});

t.test("the state column judges only states whose meaning is not known", async (t) => {
  const { readings } = parseFreeIpmiSensors([
    'ID | Name | Type | State | Reading | Units | Event',
    "1 | FAN9 SYS | Entity Presence | Critical | N/A | N/A | 'Entity Absent'",
    "2 | Front LED | OEM Reserved | Warning | N/A | N/A | 'OEM State 3'",
    "3 | PS1 | Power Supply | Critical | N/A | N/A | 'Presence detected' 'OEM State 3'",
    "4 | Chassis | Physical Security | Nominal | N/A | N/A | 'OK'",
  ].join('\n'));
  t.equal(named(readings, 'FAN9 SYS').health, undefined, "FreeIPMI calls an absent entity Critical; its meaning stands");
  t.equal(named(readings, 'Front LED').health, 'warning');
  t.equal(named(readings, 'PS1').health, 'critical', 'one state of unknown meaning: the column judges');
  t.equal(named(readings, 'Chassis').health, 'ok', 'nothing asserted: the column judges');
});

t.test('threshold events name the threshold crossed, the worst one', async (t) => {
  const { readings } = parseFreeIpmiSensors([
    'ID | Name | Type | Reading | Units | Event',
    "1 | Temp | Temperature | 95.00 | C | 'At or Above (>=) Upper Non-Critical Threshold' 'At or Above (>=) Upper Critical Threshold'",
    "2 | 12V | Voltage | 10.10 | V | 'At or Below (<=) Lower Non-Critical Threshold'",
    "3 | 5V | Voltage | 5.00 | V | 'OK'",
  ].join('\n'));
  t.match(named(readings, 'Temp'), { health: 'critical', crossed: 'upperCritical' });
  t.match(named(readings, '12V'), { health: 'warning', crossed: 'lowerNonCritical' });
  t.match(named(readings, '5V'), { health: 'ok' });
  t.equal(named(readings, '5V').crossed, undefined);
  const stated = parseFreeIpmiSensors("ID | Name | Type | State | Reading | Units | Event\n1 | Temp | Temperature | Warning | 95.00 | C | 'At or Above (>=) Upper Critical Threshold'\n");
  t.match(stated.readings[0], { health: 'warning', crossed: 'upperCritical' }, 'the state column keeps the verdict');
});

t.test('rows that do not fit the layout are noise', async (t) => {
  const text = 'ID,Name,Type,Reading,Units,Event\nx,Temp,Temperature,40.00,C,\'OK\'\n7,,Temperature,40.00,C,\'OK\'\n8,Temp,Temperature,forty,C,\'OK\'\n9,Temp,40.00\n...\n';
  const { readings, noise } = parseFreeIpmiSensors(text);
  t.equal(readings.length, 0);
  t.same(noise.map((n) => n.line), [2, 3, 4, 5, 6]);
});

t.test('splitRow keeps separators inside quoted events', async (t) => {
  t.same(splitRow("1,PS,Power Supply,N/A,N/A,'AC out-of-range, but present'", ','), ['1', 'PS', 'Power Supply', 'N/A', 'N/A', "'AC out-of-range, but present'"]);
  t.same(splitRow(' 1 | A |  B ', '|'), ['1', 'A', 'B']);
});

t.test('-W discretereading: a discrete record with an analog reading keeps its states beside the reading', async (t) => {
  // FreeIPMI ipmi-sensors/ipmi-sensors-simple-output.c (_simple_output_full_record): with the workaround flag
  // IPMI_PARSE_SECTION_SPECIFIC_WORKAROUND_FLAGS_DISCRETE_READING a generic or sensor-specific discrete record whose
  // SDR has an analog reading prints "reading,units" where it prints "N/A,N/A", then N/A for each threshold and its
  // events. Modelled on the HP ProLiant supply of fixtures/sdr-elist-full-hp.txt, which ipmitool prints "0 Watts,
  // Presence detected, Failure detected" (lib/ipmi_sdr.c: an HP's discrete record with analog units).
  const table = parseFreeIpmiSensors([
    'ID | Name            | Type         | State    | Reading    | Units | Lower NR   | Lower C    | Lower NC   | Upper NC   | Upper C    | Upper NR   | Event',
    "2  | Power Supply 1  | Power Supply | Nominal  | 110.00     | W     | N/A        | N/A        | N/A        | N/A        | N/A        | N/A        | 'Presence detected'",
    "3  | Power Supply 2  | Power Supply | Critical | 0.00       | W     | N/A        | N/A        | N/A        | N/A        | N/A        | N/A        | 'Presence detected' 'Failure detected'",
    "4  | Temp 1          | Temperature  | Nominal  | 23.00      | C     | N/A        | N/A        | N/A        | 42.00      | 46.00      | N/A        | 'OK'",
  ].join('\n'));
  t.match(table.readings, [
    { name: 'Power Supply 1', value: 110, unit: 'W', eventClass: 'discrete', states: ['Presence detected'] },
    { name: 'Power Supply 2', value: 0, unit: 'W', eventClass: 'discrete', states: ['Presence detected', 'Failure detected'] },
    { name: 'Temp 1', value: 23, eventClass: 'threshold', health: 'ok', states: [] },
  ]);
  const snapshot = buildSnapshot({ readings: table.readings });
  t.same(snapshot.powerSupplies?.map((p) => [p.label, p.status, p.statusReason]), [['Power Supply 1', 'ok', undefined], ['Power Supply 2', 'failed', 'failure detected']]);
  t.same(snapshot.sensors?.map((s) => [s.id, s.kind, s.value, s.health]), [
    ['ipmi:Power Supply 1', 'power', 110, undefined], ['ipmi:Power Supply 2', 'power', 0, undefined], ['ipmi:Temp 1', 'temperature', 23, 'ok'],
  ], "the states' verdict is not the power reading's");
  // Without the state column (the default layout), nothing but the states tells the supply's fault.
  const csv = parseFreeIpmiSensors("ID,Name,Type,Reading,Units,Event\n3,Power Supply 2,Power Supply,0.00,W,'Presence detected' 'Power Supply AC lost'\n");
  t.same(buildSnapshot({ readings: csv.readings }).powerSupplies?.map((p) => [p.status, p.statusReason]), [['failed', 'AC lost']]);
});

t.test("a name holding the separator ('|' in a CSV, ',' or '|' in its own layout) takes the fields the row has too many", async (t) => {
  // FreeIPMI ipmi-sensors-simple-output.c (_simple_output_header) prints the sensor name with "%s", unescaped, in both
  // layouts; an ID string may hold any 8-bit ASCII + Latin-1 character (IPMI 2.0 §43.15). The name is the second
  // column and no other column holds the separator outside the quoted events.
  const csv = parseFreeIpmiSensors([
    'ID,Name,Type,State,Reading,Units,Lower NR,Lower C,Lower NC,Upper NC,Upper C,Upper NR,Event',
    "4,CPU|1 Temp,Temperature,Nominal,45.00,C,N/A,N/A,N/A,85.00,90.00,N/A,'OK'",
    "5,CPU,2 Temp,Temperature,Critical,93.00,C,N/A,N/A,N/A,85.00,90.00,N/A,'At or Above (>=) Upper Critical Threshold'",
    "6,PS 1,2|3 Status,Power Supply,Nominal,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,'Presence detected'",
  ].join('\n'));
  t.same(csv.noise, []);
  t.same(csv.readings.map((r) => [r.name, r.recordId, r.value, r.health]), [
    ['CPU|1 Temp', 4, 45, 'ok'], ['CPU,2 Temp', 5, 93, 'critical'], ['PS 1,2|3 Status', 6, undefined, undefined],
  ]);
  const table = parseFreeIpmiSensors([
    'ID | Name        | Type        | Reading    | Units | Event',
    "4  | CPU | 1     | Temperature | 45.00      | C     | 'OK'",
  ].join('\n'));
  t.same(table.readings.map((r) => [r.name, r.value, r.sensorType]), [['CPU | 1', 45, 'Temperature']]);
  // Without a header (prometheus-community's ipmi_exporter runs --no-header-output) the layout is found as it would be
  // for the name without the separator; a row that reads only by taking a type for a state is not read so.
  const headerless = parseFreeIpmiSensors("4,CPU,1 Temp,Temperature,Nominal,45.00,C,'OK'\n5,CPU,2 Temp,Temperature,45.00,C,'OK'\n");
  t.same(headerless.readings.map((r) => [r.name, r.sensorType, r.value, r.health]), [
    ['CPU,1 Temp', 'Temperature', 45, 'ok'], ['CPU,2 Temp', 'Temperature', 45, 'ok'],
  ]);
  // A decimal comma ("45,00" of "%.2f" under such a locale) adds a field too: it is no name "CPU Temp,Temperature".
  const comma = parseFreeIpmiSensors("ID,Name,Type,Reading,Units,Event\n4,CPU Temp,Temperature,45,00,C,'OK'\n5,CPU Temp,Temperature,Nominal,45,00,C,'OK'\n");
  t.same(comma.readings, []);
  t.same(comma.noise.map((n) => n.record), [true, true]);
});

t.test('--quiet-readings without the state: headers of three and four columns are read, table and CSV', async (t) => {
  // FreeIPMI ipmi-sensors-simple-output.c (_output_headers): `--quiet-readings` drops "Reading" and "Units", and
  // `--no-sensor-type-output` "Type", leaving "ID | Name | Type | Event" or "ID | Name | Event" (padded as the table is;
  // "ID,Name,Type,Event" with --comma-separated-output). `ipmi-sensors --ipmimonitoring-legacy-output
  // --output-sensor-state -q` (and ipmimonitoring.c of FreeIPMI 0.7–0.8 with --legacy-output) prints "Record ID |
  // Sensor Name | Sensor Group | Monitoring Status" and its rows unpadded. The rows are freeipmi-default.txt's sensors.
  const table = parseFreeIpmiSensors([
    'ID   | Name            | Type              | Event',
    "4    | CPU Temp        | Temperature       | 'At or Above (>=) Upper Critical Threshold'",
    "1813 | PS2 Status      | Power Supply      | 'Presence detected' 'Power Supply input lost (AC/DC)'",
  ].join('\n'));
  t.same(table.noise, []);
  t.same(table.readings.map((r) => [r.name, r.recordId, r.sensorType, r.states]), [
    ['CPU Temp', 4, 'Temperature', ['At or Above (>=) Upper Critical Threshold']],
    ['PS2 Status', 1813, 'Power Supply', ['Presence detected', 'Power Supply input lost (AC/DC)']],
  ]);
  const csv = parseFreeIpmiSensors("ID,Name,Type,Event\n4,CPU Temp,Temperature,'OK'\n1813,PS2 Status,Power Supply,'Presence detected'\n");
  t.same(csv.noise, []);
  t.same(csv.readings.map((r) => [r.name, r.sensorType, r.states]), [['CPU Temp', 'Temperature', []], ['PS2 Status', 'Power Supply', ['Presence detected']]]);
  const untyped = parseFreeIpmiSensors("ID   | Name            | Event\n4    | CPU Temp        | 'OK'\n");
  t.same(untyped.readings.map((r) => [r.name, r.recordId, r.sensorType]), [['CPU Temp', 4, undefined]]);
  const untypedCsv = parseFreeIpmiSensors("ID,Name,Event\n4,CPU Temp,'OK'\n");
  t.same(untypedCsv.readings.map((r) => r.name), ['CPU Temp']);
  const legacy = parseFreeIpmiSensors('Record ID | Sensor Name | Sensor Group | Monitoring Status\n4 | CPU Temp | Temperature | Critical\n71 | System Temp | Temperature | Nominal\n');
  t.same(legacy.noise, []);
  t.same(legacy.readings.map((r) => [r.name, r.sensorType, r.health]), [['CPU Temp', 'Temperature', 'critical'], ['System Temp', 'Temperature', 'ok']]);
});

t.test("under a header of fewer than five columns a name still takes the separator, and a row that does not read is an unread record", async (t) => {
  const table = parseFreeIpmiSensors("ID   | Name            | Type              | Event\n1814 | PS 1|2 Status   | Power Supply      | 'Presence detected'\n");
  t.same(table.readings.map((r) => [r.name, r.recordId, r.sensorType]), [['PS 1|2 Status', 1814, 'Power Supply']]);
  const csv = parseFreeIpmiSensors("ID,Name,Event\n4,CPU,1 Temp,'OK'\nx,Temp,'OK'\n");
  t.same(csv.readings.map((r) => r.name), ['CPU,1 Temp']);
  t.same(csv.noise, [{ line: 3, text: "x,Temp,'OK'", record: true }], "the header's three columns make a record line");
});

t.test('without a header, a comma in the name is told from a type column by the sensor types FreeIPMI prints', async (t) => {
  // "52,PSU_Input_Power,204.00,W,'OK'" (MarioMartReq/generic-exporter, --no-sensor-type-output) with a comma in the
  // name reads two ways: PSU of type "Input Power" (six columns) or "PSU,Input Power" without the type (five). FreeIPMI's
  // type column is ipmi_sensor_types' words (libfreeipmi/spec/ipmi-sensor-types-spec.c), "OEM Reserved", a vendor's
  // "OEM …" under --interpret-oem-data, or "Unrecognized" (tool-sensor-common.h); "Input Power" is none of them.
  const { readings, noise } = parseFreeIpmiSensors([
    "52,PSU,Input Power,204.00,W,'OK'",
    "53,PSU Input Power,Other Units Based Sensor,204.00,W,'OK'",
    "71,CPU2 Temp,OEM Reserved,N/A,N/A,'OEM Event = 0007h'",
    "72,Mem Cfg,OEM Memory Config,N/A,N/A,'OK'",
    "73,Slot 9,Unrecognized,N/A,N/A,'OK'",
    "74,FRU,Other Fru,N/A,N/A,'OK'",
    "75,Fan,2,Nominal,2400.00,RPM,'OK'",
  ].join('\n'));
  t.same(noise, []);
  t.same(readings.map((r) => [r.name, r.sensorType, r.value]), [
    ['PSU,Input Power', undefined, 204],
    ['PSU Input Power', 'Other Units Based Sensor', 204],
    ['CPU2 Temp', 'OEM Reserved', undefined],
    ['Mem Cfg', 'OEM Memory Config', undefined],
    ['Slot 9', 'Unrecognized', undefined],
    ['FRU', 'Other Fru', undefined],
    ['Fan,2', undefined, 2400],
  ]);
  // A row that reads no other way keeps its layout's reading, type and all (--quiet-readings: four columns are no layout).
  const quiet = parseFreeIpmiSensors("4,CPU1 Temp,Thermal,Critical,'At or Above (>=) Upper Critical Threshold'\n");
  t.same(quiet.readings.map((r) => [r.name, r.sensorType, r.health]), [['CPU1 Temp', 'Thermal', 'critical']]);
  const headed = parseFreeIpmiSensors("ID,Name,Type,Reading,Units,Event\n52,PSU,Input Power,204.00,W,'OK'\n");
  t.same(headed.readings.map((r) => [r.name, r.sensorType]), [['PSU', 'Input Power']], "a header's columns are not second-guessed");
});

t.test("FreeIPMI 0.8's ipmimonitoring header (without --legacy-output) is read as a header", async (t) => {
  // SOURCE: ipmimonitoring.c of FreeIPMI 0.8 (chu11/freeipmi-mirror, ipmimonitoring/src/ipmimonitoring/ipmimonitoring.c,
  // _ipmimonitoring_callback): without --legacy-output the header is "Record ID | Sensor Name | Sensor Group | Sensor
  // State | Sensor Reading | Sensor Units | Sensor Event" ("| Sensor Reading | Sensor Units" gone with
  // --quiet-readings), the reading "%-14.2f" or N/A, then the units and the events, each quoted.
  const { readings, noise } = parseFreeIpmiSensors([
    'Record ID | Sensor Name | Sensor Group | Sensor State | Sensor Reading | Sensor Units | Sensor Event',
    "4         | CPU Temp    | Temperature  | Critical     | 93.00          | C            | 'At or Above (>=) Upper Critical Threshold'",
    "1813      | PS2 Status  | Power Supply | Warning      | N/A            | N/A          | 'Presence detected' 'Power Supply input lost (AC/DC)'",
  ].join('\n'));
  t.same(noise, [], 'the header is no unread record');
  t.same(readings.map((r) => [r.name, r.recordId, r.sensorType, r.value, r.unit, r.health, r.states]), [
    ['CPU Temp', 4, 'Temperature', 93, 'C', 'critical', []],
    ['PS2 Status', 1813, 'Power Supply', undefined, undefined, undefined, ['Presence detected', 'Power Supply input lost (AC/DC)']],
  ]);
  const quiet = parseFreeIpmiSensors("Record ID | Sensor Name | Sensor Group | Sensor State | Sensor Event\n4         | CPU Temp    | Temperature  | Nominal      | 'OK'\n");
  t.same(quiet.noise, []);
  t.same(quiet.readings.map((r) => [r.name, r.health]), [['CPU Temp', 'ok']]);
});

t.test("a sensor name holding a ' is read, in the table and the CSV, with or without a header", async (t) => {
  // An ID string is up to 16 bytes of 8-bit ASCII + Latin-1 (IPMI 2.0 §43.15) and FreeIPMI prints it as it is
  // (ipmi-sensors-simple-output.c, "%s"): a ' in it opens no quoted event text, which starts a field.
  const csv = parseFreeIpmiSensors("ID,Name,Type,Reading,Units,Event\n4,CPU1's Temp,Temperature,45.00,C,'OK'\n5,Drive 'A',Drive Slot,N/A,N/A,'Drive Presence'\n");
  t.same(csv.noise, []);
  t.same(csv.readings.map((r) => [r.name, r.value, r.states]), [["CPU1's Temp", 45, []], ["Drive 'A'", undefined, ['Drive Presence']]]);
  const table = parseFreeIpmiSensors([
    'ID | Name        | Type        | State   | Reading | Units | Event',
    "4  | CPU1's Temp | Temperature | Nominal | 45.00   | C     | 'OK'",
    "5  | 'A' Fan     | Fan         | Nominal | 2400.00 | RPM   | 'OK'",
  ].join('\n'));
  t.same(table.noise, []);
  t.same(table.readings.map((r) => [r.name, r.value]), [["CPU1's Temp", 45], ["'A' Fan", 2400]]);
  const bare = parseFreeIpmiSensors("4,CPU1's Temp,Temperature,Nominal,45.00,C,'OK'\n");
  t.same(bare.readings.map((r) => [r.name, r.value, r.health]), [["CPU1's Temp", 45, 'ok']]);
});

t.test("ipmi-sel's event log is no sensor listing: its rows are not read as sensors, and a recording of it is refused by name", async (t) => {
  // SOURCE: thomas-krenn/check_ipmi_sensor_v3#26, `ipmi-sel --output-event-state --interpret-oem-data --entity-sensor-names`
  // ("ID | Date | Time | Name | Type | State | Event"): read as sensors, its Nov-2018 and Mar-2018
  // events were current states ("Mar-20-2018 | 13:30:22 | System Chassis Chassis Intru" asserting an intrusion).
  const sel = [
    'ID   | Date        | Time     | Name                                             | Type              | State    | Event',
    '1    | Nov-15-2018 | 08:51:44 | Sensor #255                                      | Session Audit     | Warning  | Invalid Username or Password',
    '41   | Mar-20-2018 | 13:30:22 | System Chassis Chassis Intru                      | Physical Security | Critical | General Chassis Intrusion',
  ];
  t.same(parseFreeIpmiSensors(sel.join('\n')).readings, []);
  t.same(parseFreeIpmiSensors(sel.slice(1).join('\n')).readings, [], 'without its header (--no-header-output) too');
  t.same(parseFreeIpmiSensors('1,Nov-15-2018,08:51:44,Sensor #255,Session Audit,Warning,Invalid Username or Password\n').readings, [], 'and as CSV');
  t.throws(() => parseSensorOutput(sel.join('\n'), 'sdrFile s'), { code: 'UNRECOGNISED_FORMAT', message: /sdrFile s is the System Event Log .*not a sensor listing/ });
  // ipmitool's `sel list` of a Dell (netdata/netdata#1309; lib/ipmi_sel.c: "%4x | %s | %s | …", date "%m/%d/%Y").
  const dell = [
    '   1 | 11/03/2016 | 16:35:59 | Event Logging Disabled #0x72 | Log area reset/cleared | Asserted',
    '   2 | 11/07/2016 | 06:48:19 | Physical Security #0x73 | General Chassis intrusion () | Asserted',
    '   a | 11/30/2016 | 20:38:45 | Physical Security #0x73 | General Chassis intrusion () | Asserted',
  ].join('\n');
  t.throws(() => parseSensorOutput(dell, 'sdrFile i'), { code: 'UNRECOGNISED_FORMAT', message: /sdrFile i is the System Event Log/ });
});

t.test('a header-less table keeps a type FreeIPMI 1.x does not print as the type, and a number beside empty units as the reading', async (t) => {
  // Modelled on Checkmk's tests/unit/checks/generictests/datasets/ipmi-sensors_regression.py, an HP ProLiant's
  // `ipmi-sensors` rows of an older FreeIPMI as Checkmk's agent section splits them: types "Other" and "UNKNOWN type
  // 192" (not ipmi_sensor_types' words of 1.x) and an empty units field ("CPU Utilization", 68.00). The table pads
  // its columns (" | "), so a padded separator is never a '|' of the name: "Power Meter | Other" is no name. Before,
  // the type was glued to the name and the utilization's 68 dropped.
  const { readings, noise } = parseFreeIpmiSensors([
    "162 | 01-Inlet Ambient | Temperature      | 24.00  | C | 'OK'",
    "174 | UID              | UNKNOWN type 192 | N/A    |   | 'no state reported'",
    "182 | Power Meter      | Other            | 260.00 | W | 'OK'",
    "35  | CPU Utilization  | Processor        | 68.00  |   | 'OK'",
    "1814 | PS 1|2 Status   | Power Supply     | N/A    | N/A | 'Presence detected'",
  ].join('\n'));
  t.same(noise, []);
  t.same(readings.map((r) => [r.name, r.sensorType, r.value, r.unit]), [
    ['01-Inlet Ambient', 'Temperature', 24, 'C'],
    ['UID', 'UNKNOWN type 192', undefined, undefined],
    ['Power Meter', 'Other', 260, 'W'],
    ['CPU Utilization', 'Processor', 68, 'unspecified'],
    ['PS 1|2 Status', 'Power Supply', undefined, undefined],
  ]);
});

t.test("'NONE', the no-event word FreeIPMI 0.8's ipmimonitoring documents, is no event", async (t) => {
  // SOURCE: ipmimonitoring(8) of FreeIPMI 0.8.12 (Ubuntu precise, freeipmi-tools 0.8.12-3ubuntu1): "When a sensor
  // event is not present, "NONE" is reported"; FreeIPMI 1.x prints 'OK' (IPMI_SENSORS_NO_EVENT_STRING). Read as an
  // event, it made a temperature a discrete record asserting "NONE".
  const { readings } = parseFreeIpmiSensors([
    'Record ID | Sensor Name | Sensor Group | Sensor State | Sensor Reading | Sensor Units | Sensor Event',
    "4         | CPU Temp    | Temperature  | Nominal      | 45.00          | C            | 'NONE'",
    "5         | PS1 Status  | Power Supply | Nominal      | N/A            | N/A          | 'NONE'",
  ].join('\n'));
  t.same(readings.map((r) => [r.name, r.eventClass, r.value, r.health, r.states]), [
    ['CPU Temp', 'threshold', 45, 'ok', []],
    ['PS1 Status', 'discrete', undefined, 'ok', []],
  ]);
});

t.test("a reading of C's %f (six decimals) is written at its significant digits, not six", async (t) => {
  // ipmimonitoring.c of FreeIPMI 0.7–0.8 with --legacy-output, and ipmi-sensors-simple-output.c's
  // --ipmimonitoring-legacy-output, print the reading " | %f" (chu11/freeipmi-mirror): six decimals whatever the sensor
  // resolves. Read as printed, a temperature of 40 was served as 40000000 × 10^-6 (a fan's 5325 RPM, past sint32 so,
  // as 532500000 × 10^-5).
  const { readings } = parseFreeIpmiSensors([
    'Record_ID | Sensor Name | Sensor Group | Monitoring Status | Sensor Units | Sensor Reading',
    '5 | Temp | Temperature | Nominal | C | 40.000000',
    '6 | 12V | Voltage | Nominal | V | 12.184000',
    '7 | FAN1 | Fan | Nominal | RPM | 5325.000000',
  ].join('\n'));
  t.same(readings.map((r) => [r.name, r.value, r.decimals]), [['Temp', 40, 0], ['12V', 12.184, 3], ['FAN1', 5325, 0]]);
  const table = parseFreeIpmiSensors("ID | Name | Type | Reading | Units | Event\n5 | Temp | Temperature | 40.00 | C | 'OK'\n");
  t.equal(table.readings[0]?.decimals, 2, "%.2f's two decimals stay");
});
