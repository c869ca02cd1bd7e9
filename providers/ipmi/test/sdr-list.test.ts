import t from 'tap';
import { parseAnalog, parseSdrCsv, parseSdrElist, parseSdrList } from '../sdr-list.js';
import { fixture, named } from './fixture.js';
import { buildSnapshot } from '../map.js';
import { mergeReadings } from '../merge.js';
import { parseSensorTable } from '../sensor-table.js';
import { csvNameSplits } from '../text.js';

t.test('sdr list: analog readings keep their printed precision and the status verdict', async (t) => {
  const { format, readings } = parseSdrList(fixture('sdr-list.txt'));
  t.equal(format, 'sdr-list');
  t.match(named(readings, 'CPU1 Temp'), { value: 41, decimals: 0, unit: 'degrees C', health: 'ok', line: 1 });
  t.match(named(readings, '12V'), { value: 12.18, decimals: 2, unit: 'Volts', health: 'ok' });
  t.equal(named(readings, 'CPU2 Temp').health, 'critical');
  t.equal(named(readings, '5VSB').health, 'warning');
  t.equal(named(readings, 'FAN2').health, 'fatal');
  t.equal(named(readings, 'FAN2').value, 0, 'a zero reading is a value, not a missing one');
});

t.test('sdr list: unreadable records say why, discrete ones keep their raw reading', async (t) => {
  const { readings } = parseSdrList(fixture('sdr-list.txt'));
  t.match(named(readings, 'DIMM Temp'), { unavailable: 'absent' });
  t.equal(named(readings, 'DIMM Temp').value, undefined);
  t.match(named(readings, 'VBAT'), { unavailable: 'disabled' });
  t.match(named(readings, 'PS Status'), { unavailable: 'absent' });
  t.match(named(readings, 'Chassis Intru'), { rawState: '0x01', states: [] });
  t.equal(named(readings, 'Chassis Intru').health, undefined, 'the status of a discrete record only says it was read');
});

t.test('sdr list: locators, event-only and OEM records are skipped; stderr lines are noise', async (t) => {
  const { readings, skipped, noise } = parseSdrList(fixture('sdr-list.txt'));
  t.equal(readings.length, 10);
  t.same(skipped.map((s) => [s.name, s.reason]), [['BMC', 'locator'], ['Event Log', 'event-only'], ['Power Redundancy', 'oem']]);
  t.same(noise.map((n) => n.line), [9, 12]);
  t.match(noise[1], { text: /HPM\.x/ });
});

t.test('sdr list: rows with another column count or an unknown status are noise', async (t) => {
  const { readings, noise } = parseSdrList('A | 1 Volts | ok | extra\nB | 2 Volts | fine\nC | Connected | ok\n | 3 Volts | ok\n');
  t.equal(readings.length, 0);
  t.equal(noise.length, 4);
});

t.test("sdr list: a reading cut at ipmitool's 15 characters keeps its record when one unit name fits the cut", async (t) => {
  // HP ML310 G5 ("IPMI sensors under Debian", a 2008 blog post) and HP DL360 G5 (the README of Jun Futagawa's munin
  // plugin ipmitool_sensor_, GPL-2.0, test data): `ipmitool sdr list` prints "60.37 unspecifi" for 60.37 unspecified.
  const { readings, noise } = parseSdrList([
    'Int. Health LED  | 0 unspecified     | ok',
    'CPU Fan          | 60.37 unspecifi | nc',
    'Fan Block 1      | 34.89 unspecifi | nc',
    'Temp 1           | 24 degrees C      | ok',
    'Odd Sensor       | 100.25 degrees  | ok',
  ].join('\n'));
  t.match(named(readings, 'CPU Fan'), { value: 60.37, decimals: 2, unit: 'unspecified', health: 'warning' });
  t.match(named(readings, 'Fan Block 1'), { value: 34.89, unit: 'unspecified' });
  t.same(noise.map((n) => n.text.slice(0, 10)), ['Odd Sensor'], 'a cut several units start with ("degrees ") stays unread');
});

t.test('parseAnalog accepts known units only', async (t) => {
  t.same(parseAnalog('-58 degrees C'), { value: -58, decimals: 0, unit: 'degrees C' });
  t.same(parseAnalog('45 percent'), { value: 45, decimals: 0, unit: 'percent' });
  t.same(parseAnalog('3 % RPM'), { value: 3, decimals: 0, unit: '% RPM' });
  t.same(parseAnalog('1.5 Watts/hour'), { value: 1.5, decimals: 1, unit: 'Watts/hour' });
  t.equal(parseAnalog('240VA power down'), undefined);
  t.equal(parseAnalog('240 VA power down'), undefined);
  t.equal(parseAnalog('12'), undefined);
});

t.test('sdr elist: number, entity, status codes with direction', async (t) => {
  const { format, readings } = parseSdrElist(fixture('sdr-elist.txt'));
  t.equal(format, 'sdr-elist');
  t.match(named(readings, 'Inlet Temp'), { number: 4, entity: { id: 7, instance: 1 }, value: 23, health: 'ok' });
  t.equal(named(readings, 'Exhaust Temp').health, 'warning');
  t.equal(named(readings, 'CPU Temp').health, 'critical');
  t.equal(named(readings, 'Fan1B').health, 'critical');
  t.match(named(readings, 'Current 1'), { number: 0x6a, entity: { id: 10, instance: 1 }, value: 0.6, decimals: 2, unit: 'Amps' });
});

t.test('sdr elist: discrete states, empty fields, analog value with states', async (t) => {
  const { readings } = parseSdrElist(fixture('sdr-elist.txt'));
  t.same(named(readings, 'PS2 Status').states, ['Presence detected', 'Failure detected', 'Power Supply AC lost']);
  t.same(named(readings, 'PS3 Status').states, [], 'nothing asserted');
  t.same(named(readings, 'PS4 Status').states, ['Presence detected', 'AC out-of-range, but present'], 'a state holding ", " stays whole');
  t.same(named(readings, 'OEM Blob').states, ['Vendor Specific Magic']);
  t.equal(named(readings, 'PS1 Status').value, undefined);
  t.match(named(readings, 'Fan2A'), { unavailable: 'absent', states: [] });
  t.match(named(readings, 'VCORE PG'), { unavailable: 'disabled' });
  const combined = parseSdrElist('Power Supply 1   | 03h | ok  | 10.1 | 110 Watts, Presence detected\n').readings[0];
  t.match(combined, { value: 110, unit: 'Watts', states: ['Presence detected'], health: 'ok' });
});

t.test('sdr elist: locators and event-only records are skipped, stderr is noise', async (t) => {
  const { readings, skipped, noise } = parseSdrElist(fixture('sdr-elist.txt'));
  t.equal(readings.length, 21);
  t.same(skipped.map((s) => s.reason), ['locator', 'locator', 'event-only']);
  t.same(noise, [{ line: 16, text: 'Unable to send command: Invalid argument' }]);
});

t.test('sdr elist: malformed number or entity columns make a row noise', async (t) => {
  const { readings, noise } = parseSdrElist('A | 4h | ok | 7.1 | 1 Volts\nB | 04h | ok | 7 | 1 Volts\nC | 04h | good | 7.1 | 1 Volts\n');
  t.equal(readings.length, 0);
  t.equal(noise.length, 3);
});

t.test('sdr type X has the elist layout', async (t) => {
  const { readings, noise } = parseSdrElist(fixture('sdr-type-fan.txt'));
  t.equal(readings.length, 4);
  t.equal(noise.length, 0);
  t.match(named(readings, 'FAN 3'), { entity: { id: 29, instance: 3 }, unavailable: 'absent' });
  t.same(named(readings, 'FAN Redundancy').states, ['Redundancy Degraded']);
});

t.test('CRLF line ends and a missing final newline are read alike', async (t) => {
  const { readings } = parseSdrList('A                | 1 Volts           | ok\r\nB                | 2 Volts           | ok');
  t.same(readings.map((r) => [r.name, r.value, r.line]), [['A', 1, 1], ['B', 2, 2]]);
});

t.test('column widths may shift: fields are read between the pipes', async (t) => {
  const elist = parseSdrElist('CPU0_VR_TEMP_LONGNAME | 1Ah | ok | 3.1 | 40 degrees C\nX|1Bh|cr|3.2|91 degrees C\n');
  t.match(elist.readings, [{ name: 'CPU0_VR_TEMP_LONGNAME', number: 0x1a, value: 40 }, { name: 'X', number: 0x1b, health: 'critical', value: 91 }]);
  const list = parseSdrList('CPU0_VR_TEMP_LONGNAME | 40 degrees C | ok\nX|1.5 Volts|nc\n');
  t.match(list.readings, [{ name: 'CPU0_VR_TEMP_LONGNAME', value: 40 }, { name: 'X', value: 1.5, health: 'warning' }]);
});

t.test('a status that names its threshold says which one was crossed', async (t) => {
  const statuses = ['lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr', 'nc', 'cr', 'ok'];
  const { readings } = parseSdrElist(statuses.map((status, i) => `T ${status} | 0${i}h | ${status} | 7.1 | 24 degrees C`).join('\n'));
  t.same(readings.map((r) => [r.health, r.crossed]), [
    ['fatal', 'lowerFatal'], ['critical', 'lowerCritical'], ['warning', 'lowerNonCritical'],
    ['warning', 'upperNonCritical'], ['critical', 'upperCritical'], ['fatal', 'upperFatal'],
    ['warning', undefined], ['critical', undefined], ['ok', undefined],
  ]);
  t.equal(parseSdrList('X | 3.9 Volts | ucr\n').readings[0]?.crossed, 'upperCritical');
});

t.test('ipmitool -c: the sdr records, comma-separated', async (t) => {
  // Modelled on a Dell PowerEdge 2950 (DRAC 5) read with `ipmitool -c sdr list all` and `-c sdr type "Power Supply"`.
  const { format, readings, noise } = parseSdrCsv(fixture('sdr-csv.txt'));
  t.equal(format, 'sdr-csv');
  t.same(noise.map((n) => n.line), [14], 'the failed SDR read');
  t.match(readings[0], { name: 'Temp', unavailable: 'absent' }, 'an unreadable threshold record');
  t.match(named(readings, 'Ambient Temp'), { value: 24, decimals: 0, unit: 'degrees C', health: 'ok' });
  t.match(named(readings, 'Planar Temp'), { value: 71, health: 'critical', crossed: 'upperCritical' });
  t.match(named(readings, '12V'), { value: 12.18, decimals: 2, unit: 'Volts' });
  t.match(named(readings, 'FAN 7 RPM'), { unavailable: 'absent' });
  t.match(named(readings, 'CMOS Battery'), { number: 0x10, entity: { id: 7, instance: 1 }, states: [] }, 'nothing asserted');
  t.match(named(readings, 'ROMB Battery'), { number: 0x11, entity: { id: 26, instance: 3 }, unavailable: 'absent' });
  t.same(named(readings, 'VCORE').states, ['State Deasserted']);
  const supplies = readings.filter((r) => r.name === 'Status');
  t.same(supplies.map((r) => [r.number, r.entity, r.states]), [
    [0x85, { id: 10, instance: 1 }, ['Presence detected']],
    [0x86, { id: 10, instance: 2 }, ['Presence detected', 'AC out-of-range, but present']],
  ], 'states joined by ", ", one of them holding ", " itself');
  t.match(named(readings, 'PS1 Output'), { value: 110, unit: 'Watts', entity: { id: 10, instance: 1 }, states: ['Presence detected'] });
  t.equal(named(readings, 'PS1 Output').number, undefined, 'a record with a value prints no sensor number');
  t.same(parseSdrCsv('X,1Ah,ok,3.1\nY,5,Volts\n,1,Volts,ok\nZ,five,Volts,ok\n').noise.map((n) => n.line), [1, 2, 3, 4], 'short rows, no name, no number');
});

t.test('ipmitool -c -v: a threshold record\'s entity, type and thresholds after its status', async (t) => {
  // SOURCE: ipmitool lib/ipmi_sdr.c, ipmi_sdr_print_sensor_fc's CSV branch: with -v a threshold record's row goes on
  // ",E.I,entity,type," then nominal, normal min/max, unr, ucr, unc, lnr, lcr, lnc ("%.3f," or ","), min and max.
  const { format, readings, noise } = parseSdrCsv(fixture('sdr-csv-verbose.txt'));
  t.equal(format, 'sdr-csv');
  t.same(noise, []);
  t.same(readings.map((r) => r.name), ['Inlet Temp', 'CPU1 Temp', 'FAN 3', '12V', 'PS1 Status', 'PS1 Output']);
  t.same(named(readings, 'Inlet Temp').states, [], 'the verbose columns are no states');
  t.match(named(readings, 'CPU1 Temp'), {
    value: 92, unit: 'degrees C', health: 'critical', crossed: 'upperCritical', entity: { id: 3, instance: 1 }, sensorType: 'Temperature',
    thresholds: { upperCritical: 90, upperNonCritical: 85, lowerCritical: 5, lowerNonCritical: 10 },
  });
  t.match(named(readings, 'FAN 3'), { unavailable: 'absent', eventClass: 'threshold', sensorType: 'Fan', thresholds: { lowerCritical: 480, lowerNonCritical: 840 } });
  t.same(named(readings, '12V').thresholds, { upperCritical: 13.2, lowerCritical: 10.8 }, 'the nominal reading is no threshold');
  t.match(named(readings, 'PS1 Status'), { number: 0xc8, states: ['Presence detected'] });
  const snapshot = buildSnapshot({ readings });
  t.match(snapshot.sensors?.find((s) => s.id === 'ipmi:CPU1 Temp'), { health: 'critical' }, 'a critical record is not lost');
  t.same(snapshot.discreteSensors?.map((s) => s.id), ['ipmi:PS1 Status', 'ipmi:PS1 Output:state']);
  t.match(snapshot.fans, [{ label: 'FAN 3', status: 'absent' }]);
});

t.test('ipmitool -c -v: the nominal and normal values it prints are read; its sensor min and max are not', async (t) => {
  // ipmitool lib/ipmi_sdr.c, ipmi_sdr_print_sensor_fc's CSV branch: SENSOR_PRINT_CSV prints nominal, normal min and
  // max only where the record's analog characteristic flags specify them ("," otherwise), but the sensor min and max
  // always, converted even where the record leaves them unspecified (raw 00h/FFh: `sdr -v` says "Unspecified").
  const { readings } = parseSdrCsv([
    fixture('sdr-csv-verbose.txt'),
    'BB +12.0V,11.831,Volts,ok,7.1,System Board,Voltage,11.935,11.363,12.559,,13.391,,,10.635,,0.000,15.300',
  ].join('\n'));
  t.same(named(readings, 'BB +12.0V').ranges, { nominal: 11.935, normalMin: 11.363, normalMax: 12.559 });
  t.same(named(readings, '12V').ranges, { nominal: 12 });
  t.equal(named(readings, 'Inlet Temp').ranges, undefined, '-128.000 and 127.000 may be the unspecified bytes converted');
  t.match(buildSnapshot({ readings }).sensors?.find((s) => s.id === 'ipmi:BB +12.0V'), { decimals: 3, ranges: { nominal: 11.935, normalMin: 11.363, normalMax: 12.559 } });
});

t.test('ipmitool -c -v: the status is the threshold named in words, and judged', async (t) => {
  // ipmitool lib/ipmi_sdr.c: the CSV branch prints ipmi_sdr_get_thresh_status(sr, "ns"), which returns "Upper Critical",
  // "Lower Non-Recoverable", "Lower Non-Critical"… when verbose is set (-v), not ucr/lnr/lnc.
  const { readings, noise } = parseSdrCsv([
    'CPU1 Temp,92,degrees C,Upper Critical,3.1,Processor,Temperature,,,,,90.000,85.000,,5.000,10.000,-128.000,127.000',
    'FAN1,300,RPM,Lower Non-Recoverable,29.1,Fan Device,Fan,,,,,,,,480.000,840.000,0.000,25200.000',
    'P12V,11.400,Volts,Lower Non-Critical,7.1,System Board,Voltage,12.000,,,,13.200,12.900,,10.800,11.500,0.000,15.000',
  ].join('\n'));
  t.same(noise, []);
  t.same(readings.map((r) => [r.name, r.health, r.crossed]), [
    ['CPU1 Temp', 'critical', 'upperCritical'], ['FAN1', 'fatal', 'lowerFatal'], ['P12V', 'warning', 'lowerNonCritical'],
  ]);
  t.same(buildSnapshot({ readings }).sensors?.map((s) => [s.id, s.health]), [
    ['ipmi:CPU1 Temp', 'critical'], ['ipmi:FAN1', 'fatal'], ['ipmi:P12V', 'warning'],
  ]);
  t.same(parseSdrCsv('CPU1 Temp,92,degrees C,Upper Critical\n').readings, [], 'words only with the verbose fields -v prints');
});

t.test('ipmitool -c -v: nan and inf, which "%.3f" prints for a 1/x record\'s unset bound, are verbose fields', async (t) => {
  // ipmitool lib/ipmi_sdr.c SENSOR_PRINT_CSV and the min/max columns print sdr_convert_sensor_reading() with "%.3f":
  // glibc prints an infinite or undefined result as inf, -inf, nan or -nan.
  const { readings, noise } = parseSdrCsv([
    'Lin,5,Volts,ok,7.1,System Board,Voltage,,,,,,,,,,inf,0.500',
    'Lin2,5,Volts,ok,7.1,System Board,Voltage,,,,-nan,6.000,,,nan,,-inf,0.500',
  ].join('\n'));
  t.same(noise, []);
  t.match(readings, [{ name: 'Lin', value: 5, health: 'ok', sensorType: 'Voltage', states: [] }, { name: 'Lin2', states: [] }]);
  t.same(readings[1]?.thresholds, { upperCritical: 6 }, 'an undefined bound is no threshold');
});

t.test('ipmitool -c: an ID string padded with blanks is the name the other layouts print', async (t) => {
  // ipmitool prints "%s," of the SDR's ID string (lib/ipmi_sdr.c); `sdr list` and `sensor` pad it ("%-16s"), which hides
  // trailing blanks, and their parsers trim. Unlike names would make `-c sdr` and `sensor` two sensors.
  const csv = parseSdrCsv('CPU Temp   ,45,degrees C,ok\nPS1 Status  ,C8h,ok,10.1,Presence detected\n').readings;
  t.same(csv.map((r) => r.name), ['CPU Temp', 'PS1 Status']);
  const table = parseSensorTable('CPU Temp         | 45.000     | degrees C  | ok    | na        | 0.000     | 5.000     | 85.000    | 90.000    | 95.000\n').readings;
  const merged = mergeReadings(csv, table);
  t.same(merged.map((r) => r.name), ['CPU Temp', 'PS1 Status'], 'one sensor, not one per layout');
  t.match(merged[0], { value: 45, thresholds: { upperCritical: 90 } });
});

t.test('elist: a threshold record without an analog reading is judged by its status, not by its misnumbered event texts', async (t) => {
  // ipmitool lib/ipmi_sdr.c: elist prints such a record's comparison bits (bit 4: at or above ucr) as the generic
  // threshold events of the same offsets (offset 4: "Lower Non-recoverable going low").
  const { readings } = parseSdrElist('VRD Hot          | 09h | ucr | 3.1 | Lower Non-recoverable going low\n');
  t.match(readings[0], { name: 'VRD Hot', health: 'critical', crossed: 'upperCritical', states: [] });
  t.match(buildSnapshot({ readings }).discreteSensors, [{ id: 'ipmi:VRD Hot', health: 'critical' }]);
});

t.test('elist: a threshold record\'s reading cut at 15 characters is still its reading', async (t) => {
  // SOURCE: `ipmitool sdr elist` of an Intel Birch Stream OpenBMC (AST2600), posted to the openbmc list
  // (lists.ozlabs.org, "specific sensors get no reading after AC power cycle", Flex): "FAN0_INLET_PWM | 16h | ok |
  // 0.1 | 29.79 unspecifi". ipmitool lib/ipmi_sdr.c prints a threshold record's "value unit" through char sval[16].
  const { readings } = parseSdrElist([
    'FAN0_INLET_PWM   | 16h | ok  |  0.1 | 29.79 unspecifi',
    'FAN0_INLET_TACH  | 1Eh | ok  |  0.1 | 5292 RPM',
  ].join('\n'));
  t.match(readings[0], { name: 'FAN0_INLET_PWM', value: 29.79, decimals: 2, unit: 'unspecified', health: 'ok', states: [] });
  const snapshot = buildSnapshot({ readings });
  t.same(snapshot.sensors?.map((s) => [s.id, s.value]), [['ipmi:FAN0_INLET_PWM', 29.79], ['ipmi:FAN0_INLET_TACH', 5292]]);
  t.same(snapshot.discreteSensors, [], 'no discrete sensor stating "29.79 unspecifi"');
});

t.test('sdr list: a threshold record without an analog reading keeps its status beside its raw byte', async (t) => {
  // ipmitool lib/ipmi_sdr.c: `sdr list` prints such a record's reading byte ("0x%02x") and, being a threshold
  // record, its threshold status; a discrete record's status is only ok or ns and says nothing of its states.
  // ipmi_sdr_get_thresh_status says cr, not ucr, with sdr_extended 0 (`sdr list`): which threshold is not told.
  const { readings } = parseSdrList('VRD Hot          | 0x10              | cr\nPS1 Status       | 0x00              | ok\n');
  t.match(readings[0], { rawState: '0x10', health: 'critical' });
  t.equal(readings[0]?.crossed, undefined, 'cr names no threshold');
  t.equal(readings[1]?.health, undefined, 'ok on a discrete record is no verdict');
  t.match(buildSnapshot({ readings }).discreteSensors?.find((s) => s.id === 'ipmi:VRD Hot'), { state: '0x10', health: 'critical' });
});

t.test("a reading cut where its 15th character is the space inside 'degrees C' is still a temperature", async (t) => {
  // ipmitool lib/ipmi_sdr.c (ipmi_sdr_print_sensor_fc): `sdr list` and `sdr elist` print a threshold record's
  // "value unit" through char sval[16], so "100.50 degrees C" (16 characters) prints "100.50 degrees " and the
  // layouts' padding hides the cut space. "degrees" is C, F or K: a name saying temperature makes it C.
  const list = parseSdrList('VR Temp          | 100.50 degrees    | ok\nInlet Ambient    | 1000.5 degrees    | ok\n');
  t.match(named(list.readings, 'VR Temp'), { value: 100.5, decimals: 2, unit: 'degrees C', unitFromCut: true, health: 'ok' });
  t.same(list.noise.map((n) => n.line), [2], 'not a temperature by name: which degrees is not told');
  const elist = parseSdrElist('VR Temp          | 30h | ok  |  3.1 | 100.50 degrees \nCPU Temp         | 31h | ucr |  3.1 | -100.50 degrees\n');
  t.match(named(elist.readings, 'VR Temp'), { value: 100.5, unit: 'degrees C', health: 'ok', states: [] });
  t.match(named(elist.readings, 'CPU Temp'), { value: -100.5, unit: 'degrees C', health: 'critical', crossed: 'upperCritical' });
  const snapshot = buildSnapshot({ readings: elist.readings });
  t.same(snapshot.sensors?.map((s) => [s.id, s.kind, s.unit, s.value]), [
    ['ipmi:VR Temp', 'temperature', 'celsius', 100.5], ['ipmi:CPU Temp', 'temperature', 'celsius', -100.5],
  ]);
  t.same(snapshot.discreteSensors, [], 'no discrete sensor stating "100.50 degrees"');
});

t.test('live merge: `sensor` prints the cut unit in full, and a crossed threshold stays crossed', async (t) => {
  // The provider merges `sdr elist` with `sensor` (provider.ts); `sensor` prints s_a_units whole (lib/ipmi_sensor.c).
  const elist = parseSdrElist([
    'VR Temp          | 30h | ok  |  3.1 | 100.50 degrees ',
    'Outlet Temp      | 32h | ok  |  7.1 | 100.50 degrees ',
    'CPU Temp         | 31h | ucr |  3.1 | 100.50 degrees ',
  ].join('\n')).readings;
  const table = parseSensorTable([
    'VR Temp          | 100.500    | degrees C  | ok    | na        | na        | na        | 105.000   | 110.000   | na',
    'Outlet Temp      | 100.500    | degrees F  | ok    | na        | na        | na        | 105.000   | 110.000   | na',
    'CPU Temp         | 100.500    | degrees C  | ucr   | na        | na        | na        | 90.000    | 95.000    | na',
  ].join('\n')).readings;
  const snapshot = buildSnapshot({ readings: mergeReadings(elist, table, { appendUnmatched: false }) });
  t.same(snapshot.sensors?.map((s) => [s.id, s.unit, s.value, s.health]), [
    ['ipmi:VR Temp', 'celsius', 100.5, 'ok'], ['ipmi:Outlet Temp', 'fahrenheit', 100.5, 'ok'], ['ipmi:CPU Temp', 'celsius', 100.5, 'critical'],
  ]);
  t.same(snapshot.discreteSensors, [], 'no unknown :state sensor beside the reading');
});

t.test("ipmitool -c: a threshold record without an analog reading states its comparison bits as the threshold events of the same offsets", async (t) => {
  // ipmitool lib/ipmi_sdr.c: under -c such a record goes through print_csv_discrete, which prints "ok" whatever the
  // comparison says and then ipmi_sdr_print_discrete_state_mini of the record's event type 01h: bit n of the
  // comparison byte (SDR_SENSOR_STAT_*: 0 lnc, 1 lcr, 2 lnr, 3 unc, 4 ucr, 5 unr) prints as the text of offset n of
  // generic_event_types (include/ipmitool/ipmi_sel.h), whose even offsets end in a blank. Bits 6 and 7 name no
  // threshold: ipmi_sdr_get_thresh_status ignores them, and so does the reading.
  const { readings, noise } = parseSdrCsv([
    'VRD Hot,09h,ok,3.1,Lower Non-recoverable going low ',
    'VRD2 Hot,0Ah,ok,3.1,Lower Non-critical going high, Upper Non-critical going low ',
    'VRD3 Hot,0Bh,ok,3.1,Upper Non-critical going low , Upper Non-critical going high',
    'VRD4 Hot,0Ch,ok,3.1,Lower Critical going low ,20.1,System Board,Voltage,,,,,,,,,,0x00,0xFF',
  ].join('\n'));
  t.same(noise, []);
  t.same(readings.map((r) => [r.name, r.health, r.crossed, r.states]), [
    ['VRD Hot', 'critical', 'upperCritical', []],
    ['VRD2 Hot', 'critical', 'lowerCritical', []],
    ['VRD3 Hot', 'ok', undefined, []],
    ['VRD4 Hot', 'fatal', 'lowerFatal', []],
  ]);
  t.same(buildSnapshot({ readings }).discreteSensors?.map((s) => [s.id, s.health]), [
    ['ipmi:VRD Hot', 'critical'], ['ipmi:VRD2 Hot', 'critical'], ['ipmi:VRD3 Hot', 'ok'], ['ipmi:VRD4 Hot', 'fatal'],
  ]);
  const elist = parseSdrElist('VRD3 Hot         | 0Bh | ok  |  3.1 | Upper Non-critical going low , Upper Non-critical going high\n');
  t.match(elist.readings[0], { health: 'ok', states: [] }, 'elist: the reserved bits beside an ok are no state either');
});

t.test("a '|' in an ID string: the columns are counted from the right, where their shapes are known", async (t) => {
  // IPMI 2.0 §43.1: an ID string is up to 16 bytes of 8-bit ASCII + Latin-1, so '|' may be one of them. ipmitool
  // prints it as it is ("%-16s | ", lib/ipmi_sdr.c and lib/ipmi_sensor.c; struct sensor_reading's s_id[17]), so the
  // row has a field more for each '|'; every other column is a known shape without one.
  const list = parseSdrList('CPU|1 Temp       | 45 degrees C      | ok\nA | B            | 0x01              | ok\n');
  t.same(list.noise, []);
  t.match(list.readings, [{ name: 'CPU|1 Temp', value: 45, unit: 'degrees C', health: 'ok' }, { name: 'A | B', rawState: '0x01' }]);
  const elist = parseSdrElist('PS|1 Status      | 0Ah | ok  | 10.1 | Presence detected\nFAN|2|A          | 31h | lcr | 29.2 | 150 RPM\n');
  t.same(elist.noise, []);
  t.match(elist.readings, [
    { name: 'PS|1 Status', number: 10, entity: { id: 10, instance: 1 }, states: ['Presence detected'] },
    { name: 'FAN|2|A', value: 150, health: 'critical', crossed: 'lowerCritical' },
  ]);
  const table = parseSensorTable('CPU|1 Temp       | 45.000     | degrees C  | ok    | na        | 0.000     | 5.000     | 85.000    | 90.000    | 95.000\n');
  t.match(table.readings, [{ name: 'CPU|1 Temp', value: 45, thresholds: { upperCritical: 90 } }]);
  t.same(buildSnapshot({ readings: elist.readings }).sensors?.map((s) => [s.id, s.value]), [['ipmi:FAN|2|A', 150]]);
  // An ID string is 16 characters at most: a row of another layout is not read as one record with a long name.
  t.same(parseSdrList('A | B | C | D | E | F | 3 Volts | ok\n').readings, []);
  t.same(parseSdrList('A | 1 Volts | ok | extra\n').readings, []);
});

t.test("ipmitool -c: a '|' in an ID string is just a character", async (t) => {
  t.match(parseSdrCsv('CPU|1 Temp,45,degrees C,ok\nPS|1 Status,0Ah,ok,10.1,Presence detected\n').readings, [
    { name: 'CPU|1 Temp', value: 45 }, { name: 'PS|1 Status', states: ['Presence detected'] },
  ]);
  t.match(parseSensorTable('CPU|1 Temp,45.000,degrees C,ok,na,0.000,5.000,85.000,90.000,95.000\n').readings, [{ name: 'CPU|1 Temp', value: 45 }]);
});

t.test("a cut unit after ipmitool's '% ' (the SDR's percentage flag) is read as the same cut without it", async (t) => {
  // starlingx/metal mtce/src/maintenance/ipmiClient.h (commit 6a5e10492cf09b47463cd38d806c36386a459718) quotes a BMC
  // whose `ipmitool sensor` prints "Temp_CPU0 | 54.000 | % degrees C": ipmi_sdr_get_unit_string puts "% " before the
  // unit. `sdr list` and `sdr elist` print "value unit" through char sval[16] (lib/ipmi_sdr.c), so 54.50 of it prints
  // "54.50 % degrees" and 5.50 "5.50 % degrees " (its 15th character the space before C, which elist prints and trims
  // away). Read as the cut without the flag: "degrees " is degrees C on a temperature's name, "Watt" is Watts.
  const elist = parseSdrElist([
    'Temp_CPU0        | 30h | ok  |  3.1 | 54.50 % degrees',
    'Temp_CPU1        | 31h | ucr |  3.1 | 5.50 % degrees ',
    'Chassis Power    | 32h | ok  |  7.1 | 12345.50 % Watt',
  ].join('\n'));
  t.same(elist.readings.map((r) => [r.name, r.value, r.unit, r.unitFromCut, r.states]), [
    ['Temp_CPU0', 54.5, '% degrees C', true, []],
    ['Temp_CPU1', 5.5, '% degrees C', true, []],
    ['Chassis Power', 12345.5, '% Watts', undefined, []],
  ]);
  const snapshot = buildSnapshot({ readings: elist.readings });
  t.same(snapshot.sensors?.map((s) => [s.id, s.kind, s.unit, s.value, s.health]), [
    ['ipmi:Temp_CPU0', 'temperature', 'celsius', 54.5, 'ok'],
    ['ipmi:Temp_CPU1', 'temperature', 'celsius', 5.5, 'critical'],
    ['ipmi:Chassis Power', 'power', 'watts', 12345.5, 'ok'],
  ]);
  t.same(snapshot.discreteSensors, [], 'no discrete sensor stating "54.50 % degrees"');
  const list = parseSdrList('Temp_CPU0        | 54.50 % degrees   | ok\nOutlet           | 54.50 % degrees   | ok\n');
  t.match(list.readings, [{ name: 'Temp_CPU0', value: 54.5, unit: '% degrees C' }]);
  t.same(list.noise.map((n) => n.line), [2], 'which degrees is not told where the name says no temperature');
});

t.test('a line with the columns of a record that cannot be read is noise marked as a record, never a state', async (t) => {
  // `sdr elist` prints a threshold record's "value unit" through char sval[16] (lib/ipmi_sdr.c): "54.50 % degrees"
  // on a name that says no temperature tells no unit (degrees C, F or K); it used to become a discrete state.
  const elist = parseSdrElist('Outlet           | 32h | ok  |  7.1 | 54.50 % degrees\nUnable to send command: Invalid argument\n');
  t.same(elist.readings, []);
  t.same(elist.noise.map((n) => [n.line, n.record]), [[1, true], [2, undefined]]);
  // ipmitool -c prints the ID string unescaped (lib/ipmi_sdr.c "%s,"): a row that reads with no name of at most 16
  // characters is not ipmitool's record.
  const csv = parseSdrCsv('A long sensor name,1,45,degrees C,ok\n');
  t.same(csv.noise.map((n) => [n.line, n.record]), [[1, true]]);
  t.same(parseSdrList('A | B | C | D | E | F | 3 Volts | ok\n').noise.map((n) => n.record), [true]);
});

t.test("ipmitool -c: a comma in an ID string joins the fields the row has too many to the name", async (t) => {
  // lib/ipmi_sdr.c prints "%s," of the ID string (ipmi_sdr_print_sensor_fc), lib/ipmi_sensor.c the same ahead of
  // `-c sensor`'s ten fields: a comma in it (8-bit ASCII + Latin-1, IPMI 2.0 §43.15) adds a field. The fewest fields
  // joined that read as a record are the name, an ID string's 16 characters at most.
  const csv = parseSdrCsv([
    'CPU,1 Temp,45,degrees C,ok',
    'PS 1,2 Status,0Ah,ok,10.1,Presence detected, Failure detected',
    'Fan,A,,,ns',
    'PS,3 Power,110,Watts,ok,10.3,Presence detected',
    'VR,1 Temp,91,degrees C,Upper Critical,3.1,Processor,Temperature,,,,100.000,95.000,90.000,,,,0.000,127.000',
  ].join('\n'));
  t.same(csv.noise, []);
  t.same(csv.readings.map((r) => [r.name, r.value, r.health, r.states]), [
    ['CPU,1 Temp', 45, 'ok', []],
    ['PS 1,2 Status', undefined, undefined, ['Presence detected', 'Failure detected']],
    ['Fan,A', undefined, undefined, []],
    ['PS,3 Power', 110, 'ok', ['Presence detected']],
    ['VR,1 Temp', 91, 'critical', []],
  ]);
  t.match(csv.readings[4], { thresholds: { upperCritical: 95 }, sensorType: 'Temperature' });
  t.match(parseSensorTable('CPU,1 Temp,45.000,degrees C,ok,na,0.000,5.000,85.000,90.000,95.000\n').readings, [{ name: 'CPU,1 Temp', value: 45, thresholds: { upperCritical: 90 } }]);
  t.same(parseSdrCsv('A,B,C,D,E,F,G,H,I,J,K,L,M,N,O,P,Q,45,degrees C,ok\n').readings, [], 'no name longer than an ID string');
  t.same(parseSdrCsv('CPU Temp,45,500,degrees C,ok\n').readings, [], 'a decimal comma ("45,500") is no name "CPU Temp,45" of 500 degrees');
});

t.test('a whole number is never joined to a -c name, last or not', async (t) => {
  // csvNameSplits refused a name ending in a whole number ("Fan,1") but offered one with it inside ("Fan,1,A"): the
  // whole number is the piece a decimal comma splits off, wherever it falls.
  t.same([...csvNameSplits(['Fan', '1', 'A', '45', 'degrees C', 'ok'])], [['Fan', '1', 'A', '45', 'degrees C', 'ok']]);
  t.same([...csvNameSplits(['PS', '3 Power', '110', 'Watts', 'ok'])].map((row) => row[0]), ['PS', 'PS,3 Power'], 'a name piece with a digit is joined');
  const csv = parseSdrCsv('Fan,1,A,45,degrees C,ok\n');
  t.same(csv.readings, []);
  t.same(csv.noise.map((n) => n.record), [true], 'an unread record, not "Fan,1,A" at 45 degrees');
  t.same(parseSensorTable('Fan,1,A,45.000,RPM,ok,na,na,na,na,na,na\n').readings, [], 'nor in -c sensor');
});
