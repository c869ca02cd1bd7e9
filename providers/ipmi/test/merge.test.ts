import t from 'tap';
import { mergeReadings } from '../merge.js';
import type { IpmiReading } from '../types.js';
import { buildSnapshot } from '../map.js';
import { parseSdrCsv, parseSdrElist } from '../sdr-list.js';
import { parseSdrVerbose } from '../sdr-verbose.js';
import { parseSensorTable } from '../sensor-table.js';
import { fixture } from './fixture.js';

t.test('thresholds and units of the sensor table complete an elist', async (t) => {
  const elist = parseSdrElist('12V              | 10h | ok  |  7.1 | 12.04 Volts\nFAN3             | 33h | ns  |  7.1 | No Reading\nGone             | 34h | ok  |  7.1 | 1 Volts\n').readings;
  const table = parseSensorTable(fixture('sensor.txt')).readings;
  const merged = mergeReadings(elist, table);
  t.match(merged[0], { name: '12V', number: 0x10, value: 12.04, decimals: 2, thresholds: { lowerFatal: 10.173, upperFatal: 13.822 }, eventClass: 'threshold' });
  t.match(merged[1], { name: 'FAN3', value: null, unit: 'RPM', unavailable: 'absent', eventClass: 'threshold' });
  t.equal(merged[2]?.name, 'Gone');
  t.same(merged.slice(3).map((r) => r.name), ['Temp', 'Temp', 'FAN1', 'CPU Temp', 'Chassis Intru', 'PS1 Status', 'VRD Hot', 'SEL'], 'unmatched records follow');
  t.same(mergeReadings(elist, table, { appendUnmatched: false }).map((r) => r.name), ['12V', 'FAN3', 'Gone']);
});

t.test('the ranges of `sdr -v` complete an elist; where both print them, the first listing\'s win', async (t) => {
  const elist = parseSdrElist('BB +12.0V        | D0h | ok  |  7.1 | 11.83 Volts\nPwr Consumption  | 76h | ok  |  7.1 | 154 Watts\n').readings;
  const verbose = parseSdrVerbose(fixture('sdr-verbose-ranges.txt')).readings;
  const merged = mergeReadings(elist, verbose, { appendUnmatched: false });
  t.same(merged.map((r) => r.ranges), [
    { nominal: 11.935, normalMin: 11.363, normalMax: 12.559, minReadable: 0.06, maxReadable: 15.24 },
    { nominal: 1034, normalMax: 1056, maxReadable: 5588 },
  ]);
  t.same(mergeReadings(verbose.slice(1, 2), [{ ...verbose[1]!, ranges: { nominal: 1, normalMin: 0 } }])[0]?.ranges, { nominal: 11.935, normalMin: 11.363, normalMax: 12.559, minReadable: 0.06, maxReadable: 15.24 });
});

t.test("a discrete record keeps its own reading: the table's state word does not replace 'nothing asserted'", async (t) => {
  const elist = parseSdrElist('Chassis Intru    | 73h | ok  |  7.1 |\n').readings;
  const table = parseSensorTable(fixture('sensor.txt')).readings;
  const [merged] = mergeReadings(elist, table, { appendUnmatched: false });
  t.same(merged, { name: 'Chassis Intru', states: [], thresholds: {}, line: 1, number: 0x73, entity: { id: 7, instance: 1 }, eventClass: 'discrete', unit: 'discrete' });
});

t.test('repeated names are matched by rank', async (t) => {
  const verbose = parseSdrVerbose([
    'Sensor ID              : Temp (0x1)', ' Sensor Type (Threshold)  : Temperature (0x01)', ' Sensor Reading        : 40 (+/- 1) degrees C', '',
    'Sensor ID              : Temp (0x2)', ' Sensor Type (Threshold)  : Temperature (0x01)', ' Sensor Reading        : 41 (+/- 1) degrees C', '',
  ].join('\n')).readings;
  const table = parseSensorTable('Temp | 40.000 | degrees C | ok | na | na | na | 85.000 | 90.000 | na\nTemp | 41.000 | degrees C | ok | na | na | na | 86.000 | 91.000 | na\n').readings;
  const merged = mergeReadings(verbose, table);
  t.same(merged.map((r) => [r.number, r.value, r.decimals, r.thresholds.upperCritical]), [[1, 40, 0, 90], [2, 41, 0, 91]]);
});

t.test("the secondary's reading fills a primary record that printed none, dropping the primary's reason", async (t) => {
  const elist = parseSdrElist('FAN1             | 30h | ns  |  7.1 | No Reading\n').readings;
  const table = parseSensorTable('FAN1 | 3375.000 | RPM | ok | na | na | na | na | na | na\n').readings;
  const [merged] = mergeReadings(elist, table);
  t.match(merged, { value: 3375, decimals: 3, health: 'ok', unit: 'RPM' });
  t.equal(merged?.unavailable, undefined);
});

t.test("the primary's reason for no reading stands where the secondary has none to give: elist's Disabled is no table 'na'", async (t) => {
  // Modelled on an ASUS ESC8000A-E12's (AMI BMC) `sdr elist` and `sensor` with one processor fitted
  // (sugarcraft/candy-top tests/fixtures/ipmi/skynet2/): the empty socket's sensors are not scanned, which only elist says.
  const elist = parseSdrElist([
    'CPU2 Temperature | 02h | ns  |  3.0 | Disabled',
    'TR6 Temperature  | 33h | ns  | 49.0 | No Reading',
    'Fan2             | 31h | ok  | 29.2 |',
  ].join('\n')).readings;
  const table = parseSensorTable([
    'CPU2 Temperature | na         |            | na    | na        | na        | na        | 92.000    | 93.000    | 95.000    ',
    'TR6 Temperature  | na         | degrees C  | na    | na        | na        | na        | 90.000    | 95.000    | 100.000   ',
    'Fan2             | na         | RPM        | na    | na        | na        | na        | na        | na        | na        ',
  ].join('\n')).readings;
  const merged = mergeReadings(elist, table);
  // t.match holds undefined and null alike: t.equal tells elist's printed nothing from the table's "na".
  t.match(merged[0], { name: 'CPU2 Temperature', unavailable: 'disabled', thresholds: { upperCritical: 93 } });
  t.equal(merged[0]?.value, undefined);
  t.match(merged[1], { name: 'TR6 Temperature', unavailable: 'absent', unit: 'degrees C' });
  t.equal(merged[1]?.value, undefined, "elist's own No Reading stands, not the table's na");
  t.match(merged[2], { name: 'Fan2', unavailable: 'absent', unit: 'RPM' }, "a record that gives no reason takes the table's");
  t.equal(merged[2]?.value, null);
});

t.test('a threshold record without an analog reading: the live elist and sensor table read as the table does', async (t) => {
  // ipmitool lib/ipmi_sdr.c (`sdr elist`): a threshold record whose SDR has no analog format prints its threshold
  // status and, for a reading, its comparison bits decoded as the generic threshold events of the same offsets:
  // nothing when none is set. lib/ipmi_sensor.c (`sensor`) prints its raw byte ("VRD Hot | 0x0 | | ok", as in
  // fixtures/sensor.txt). `sdr elist` + `sensor` is what the provider runs each sample.
  const table = (status: string, raw: string): string => `VRD Hot          | ${raw}        |            | ${status}    | 0x-8x     | 0x-8x     | na        | na        | na        | na`;
  const live = (elist: string, sensor: string): ReturnType<typeof buildSnapshot> =>
    buildSnapshot({ readings: mergeReadings(parseSdrElist(elist).readings, parseSensorTable(sensor).readings, { appendUnmatched: false }) });
  const ok = live('VRD Hot          | 09h | ok  |  3.1 | \n', table('ok', '0x0'));
  t.same(ok.sensors, [], 'no numeric sensor without a reading or a reason');
  t.match(ok.discreteSensors, [{ id: 'ipmi:VRD Hot', state: '0x0', health: 'ok' }]);
  // `sensor` prints ipmi_sdr_get_thresh_status with sdr_extended 0: cr, never ucr.
  const hot = live('VRD Hot          | 09h | ucr | 3.1 | Lower Non-recoverable going low\n', table('cr', '0x10'));
  t.match(hot.discreteSensors, [{ id: 'ipmi:VRD Hot', state: '0x10', health: 'critical' }], 'the BMC says it is past its upper critical threshold');
});

t.test('a threshold record without an analog reading: -c sdr\'s misnumbered event texts give way to the sensor table\'s status', async (t) => {
  // ipmitool lib/ipmi_sdr.c: -c prints such a record through print_csv_discrete, "ok" and its comparison bits as the
  // generic threshold events of the same offsets (bit 4, at or above ucr: "Lower Non-recoverable going low");
  // lib/ipmi_sensor.c's table prints its raw byte and "cr".
  const csv = parseSdrCsv('VRD Hot,09h,ok,3.1,Lower Non-recoverable going low\n').readings;
  const sensor = parseSensorTable('VRD Hot          | 0x10       |            | cr    | 0x-8x     | 0x-8x     | na        | na        | na        | na').readings;
  const merged = mergeReadings(csv, sensor);
  t.match(merged, [{ name: 'VRD Hot', number: 9, rawState: '0x10', health: 'critical', states: [] }]);
  t.match(buildSnapshot({ readings: merged }).discreteSensors, [{ id: 'ipmi:VRD Hot', state: '0x10', health: 'critical' }]);
});

t.test("an elist verdict stands against the sensor table's na (the record became unreadable between the two commands)", async (t) => {
  const elist = parseSdrElist('VRD Hot          | 09h | ucr | 3.1 | Lower Non-recoverable going low\n').readings;
  const sensor = parseSensorTable('VRD Hot          | na         |            | na    | na        | na        | na        | na        | na        | na').readings;
  const merged = mergeReadings(elist, sensor);
  t.match(merged, [{ name: 'VRD Hot', health: 'critical', crossed: 'upperCritical' }]);
  t.equal(merged[0]?.unavailable, undefined, 'not unreadable: elist read it');
  t.match(buildSnapshot({ readings: merged }).discreteSensors, [{ id: 'ipmi:VRD Hot', health: 'critical' }]);
});

t.test('a unit guessed from a cut keeps its mark when it comes from the second listing (a recorded sdr list as sensorFile)', async (t) => {
  const [merged] = mergeReadings([{ name: 'X Temp', states: [], thresholds: {}, line: 1 }],
    [{ name: 'X Temp', states: [], thresholds: {}, line: 1, value: 100.5, unit: 'degrees C', unitFromCut: true }]);
  t.match(merged, { unit: 'degrees C', unitFromCut: true });
});

t.test('FreeIPMI listings are matched by record id, not by name and rank', async (t) => {
  // `ipmi-sensors -v` (the ranges' read) skips an event-only record its CSV lists as a row, and a Dell names several
  // records "Temp": by rank, the second Temp's ranges would go to the first.
  const row = (recordId: number, value: number): IpmiReading => ({ name: 'Temp', recordId, value, states: [], thresholds: {}, line: recordId });
  const verbose: IpmiReading = { name: 'Temp', recordId: 11, states: [], thresholds: {}, line: 1, ranges: { nominal: 40 } };
  const merged = mergeReadings([row(10, 30), row(11, 35)], [verbose], { appendUnmatched: false });
  t.same(merged.map((r) => [r.recordId, r.value, r.ranges]), [[10, 30, undefined], [11, 35, { nominal: 40 }]]);
  t.same(mergeReadings([{ ...row(10, 30), recordId: undefined }], [verbose]).map((r) => r.ranges), [{ nominal: 40 }], 'without record ids on both sides: by name and rank');
});

t.test('FreeIPMI ranges cached before the SDR was renumbered reach no other sensor: id and name, decided per reading', async (t) => {
  // The provider keeps `ipmi-sensors -v`'s ranges for rangeRefresh; a firmware update or a new PSU renumbers the SDR.
  const reading = (name: string, recordId: number | undefined, value: number): IpmiReading =>
    ({ name, ...(recordId === undefined ? {} : { recordId }), value, states: [], thresholds: {}, line: 1 });
  const cached = [{ ...reading('CPU Temp', 4, 0), ranges: { nominal: 45 } }, { ...reading('FAN1', 5, 0), ranges: { nominal: 5325 } }];
  const renumbered = mergeReadings([reading('FAN1', 4, 3000), reading('CPU Temp', 6, 33)], cached, { appendUnmatched: false });
  t.same(renumbered.map((r) => [r.name, r.recordId, r.ranges]), [['FAN1', 4, undefined], ['CPU Temp', 6, undefined]], "record 4's ranges are CPU Temp's: not FAN1's");
  const mixed = mergeReadings([reading('CPU Temp', undefined, 33), reading('FAN1', 5, 3000)], cached, { appendUnmatched: false });
  t.same(mixed.map((r) => r.ranges), [{ nominal: 45 }, { nominal: 5325 }], 'a reading without an id by name and rank; the other still by id and name');
  const twice = [{ ...reading('Temp', 9, 0), ranges: { nominal: 1 } }, { ...reading('Temp', 9, 0), ranges: { nominal: 2 } }];
  t.same(mergeReadings([reading('Temp', 9, 30), reading('Temp', 9, 31)], twice).map((r) => r.ranges), [{ nominal: 1 }, { nominal: 2 }],
    'an id and name printed twice pair up in walk order, the last not kept for both');
});
