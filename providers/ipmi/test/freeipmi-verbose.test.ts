import t from 'tap';
import { parseFreeIpmiSensors } from '../freeipmi.js';
import { parseFreeIpmiVerbose } from '../freeipmi-verbose.js';
import { parseFreeIpmiOutput, parseSensorOutput } from '../recognise.js';
import { buildSnapshot } from '../map.js';
import { fixture, named } from './fixture.js';

// SOURCE: fixtures/freeipmi-verbose.txt is `ipmi-sensors -v --output-sensor-state` of FreeIPMI 1.x written by hand to
// the printf formats of FreeIPMI's ipmi-sensors/ipmi-sensors-detailed-output.c (_detailed_output_header: "Record ID:
// %u", "ID String: %s", "Sensor Type: %s (%Xh)", "Entity ID: %s (%u)", "Event/Reading Type Code: %Xh";
// _detailed_output_thresholds and _detailed_output_sensor_reading_ranges: "%f %s" or N/A, no threshold lines where
// none is readable; "Sensor State: %s"; "Sensor Reading: %f %s" on threshold records only; one "Sensor Event: '%s'"
// line per event, ipmi-sensors-output-common.c; an event-only record prints its header alone). No raw capture of
// `ipmi-sensors -v` was found in public repositories or issues. The sensors are those of freeipmi-state-thresholds.csv
// and freeipmi-default.txt; FAN1's nominal 5325 RPM beside a normal minimum of 10425 is the Dell iDRAC fan of
// ../shared/fixtures/ipmi/ironic-dell-sdr-v (here with its normal pair inverted).

t.test('ipmi-sensors -v: each sensor block reads as its row, with the sensor number and entity', async (t) => {
  const { format, readings, skipped, noise } = parseSensorOutput(fixture('freeipmi-verbose.txt'));
  t.equal(format, 'freeipmi', 'recognised, no longer refused');
  t.same(noise.map((n) => n.line), [1], 'the SDR cache line');
  t.same(skipped.map((s) => [s.name, s.reason]), [['SEL Fullness', 'event-only']], 'a header without a reading or an event');
  t.match(named(readings, 'CPU Temp'), {
    recordId: 4, number: 1, entity: { id: 3, instance: 1 }, eventClass: 'threshold', sensorType: 'Temperature',
    value: 33, decimals: 0, unit: 'C', health: 'ok', thresholds: { upperNonCritical: 82, upperCritical: 87, upperFatal: 92 },
  });
  t.same(Object.keys(named(readings, 'CPU Temp').thresholds).sort(), ['upperCritical', 'upperFatal', 'upperNonCritical']);
  t.match(named(readings, 'FAN1'), { value: 225, unit: 'RPM', health: 'critical', crossed: 'lowerCritical', thresholds: { lowerCritical: 300, lowerNonCritical: 500 } });
  t.match(named(readings, '12V'), { value: 12.184, decimals: 3, unit: 'V', thresholds: { lowerCritical: 10.744, upperCritical: 13.248 } });
  t.match(named(readings, 'FAN3'), { eventClass: 'threshold', value: null, unavailable: 'absent' });
  t.equal(named(readings, 'FAN3').health, undefined);
  t.match(named(readings, 'PS2 Status'), { eventClass: 'discrete', number: 201, entity: { id: 10, instance: 2 }, states: ['Presence detected', 'Power Supply input lost (AC/DC)'] });
});

t.test('ipmi-sensors -v: the declared ranges are read as `sdr -v`\'s are, N/A, 0 and a two\'s complement byte\'s whole span absent, discrete records none', async (t) => {
  const { readings } = parseFreeIpmiVerbose(fixture('freeipmi-verbose.txt'));
  t.same(named(readings, 'CPU Temp').ranges, { nominal: 45, normalMax: 70 }, '-128 and 127: the unspecified bytes 80h and 7Fh, as ipmitool says');
  t.same(named(readings, 'FAN1').ranges, { nominal: 5325, normalMin: 10425, normalMax: 5325, maxReadable: 19125 }, 'a bound of 0 is unspecified to ipmitool');
  t.same(named(readings, '12V').ranges, { nominal: 12, maxReadable: 16.32 });
  t.equal(named(readings, 'FAN3').ranges, undefined);
  t.equal(named(readings, 'PS2 Status').ranges, undefined);
  const sensors = new Map(buildSnapshot({ readings }).sensors?.map((s) => [s.id, s]));
  t.match(sensors.get('ipmi:CPU Temp'), { unit: 'celsius', value: 33, ranges: { nominal: 45, normalMax: 70 } });
  t.same(sensors.get('ipmi:12V')?.ranges, { nominal: 12, maxReadable: 16.32 });
  t.same(sensors.get('ipmi:FAN1')?.ranges, { nominal: 5325, normalMin: 10425, normalMax: 5325, maxReadable: 19125 }, 'an inverted pair as printed: the model drops it');
});

t.test('ipmi-sensors -v: bits, Unknown, a reading without units, and the 0.8 and older spellings', async (t) => {
  const block = (lines: string[]): string => ['Record ID: 9', 'ID String: Temp', 'Sensor Type: Temperature (1h)', 'Event/Reading Type Code: 1h', ...lines, ''].join('\n');
  const bits = parseFreeIpmiVerbose(block(['Upper Critical Threshold: 80.000000 C', 'Sensor Reading: 85.000000 C', 'Sensor Event: 0010h']));
  t.match(bits.readings[0], { value: 85, health: 'critical', crossed: 'upperCritical' }, "--output-event-bitmask's bits");
  const unknown = parseFreeIpmiVerbose(block(['Sensor Reading: N/A', 'Sensor Event: Unknown']));
  t.match(unknown.readings[0], { eventClass: 'threshold', value: null, unavailable: 'failed' });
  const legacyNa = parseFreeIpmiVerbose('Record ID: 12\nID String: PS Redundancy\nGroup Name: Power Supply (8h)\nEvent/Reading Type Code: 0Bh\nSensor Status: [NA]\n');
  t.match(legacyNa.readings[0], { eventClass: 'discrete', unavailable: 'absent', states: [] }, "the legacy '[NA]' is no event: nothing was read");
  const unitless = parseFreeIpmiVerbose(block(['Sensor Reading: 5.000000 ', "Sensor Event: 'OK'"]));
  t.match(unitless.readings[0], { eventClass: 'threshold', value: 5, unit: 'unspecified', health: 'ok' }, 'a threshold record whose unit is unspecified');
  // FreeIPMI 0.6 to 0.8 (ipmi-sensors-display-common.c, ipmi_sensors_output_verbose_sensor_reading_ranges and
  // ipmi_sensors_output_verbose_event_message_list): "Group Name: %s (%Xh)" in 0.8, "NA", "Nominal reading", the events
  // bracketed after "Sensor Status: ", each further one on its own line; the nominal and normal values printed whenever
  // they convert, with no check that the record specifies them: an unspecified one is "0.000000 C", so none is read.
  const old = parseFreeIpmiVerbose(['Record ID: 9', 'ID String: Temp', 'Group Name: Temperature (1h)', 'Event/Reading Type Code: 1h',
    'Lower Critical Threshold: NA', 'Upper Critical Threshold: 80.000000 C', 'Sensor Min. Reading: -10.000000 C', 'Sensor Max. Reading: 100.000000 C',
    'Normal Min.: 0.000000 C', 'Normal Max.: 0.000000 C', 'Nominal reading: 0.000000 C', 'Sensor Reading: 30.000000 C', 'Sensor Status: [OK]', ''].join('\n'));
  t.same(old.readings[0]?.ranges, { minReadable: -10, maxReadable: 100 }, 'the readable range only: no NormalMin = NormalMax = Nominal = 0');
  t.match(old.readings[0], { sensorType: 'Temperature', value: 30, health: 'ok', thresholds: { upperCritical: 80 } });
  // Before 0.6 (sensors-verbose-display.c): "Sensor Name", "Group Name", bracketed events. It and 0.6-0.8 print "Sensor
  // Reading: %f %s" for every full record, a discrete one's unit ipmi_sensor_units[0], "Unspecified": no reading.
  const oldest = parseFreeIpmiVerbose([
    'Record ID: 5', 'Sensor Name: PS Status', 'Group Name: Power Supply', 'Sensor Number: 9', 'Event/Reading Type Code: 6Fh',
    'Sensor Min. Reading: 0.000000 Unspecified', 'Sensor Max. Reading: 0.000000 Unspecified', 'Sensor Reading: 0.000000 Unspecified',
    'Sensor Status: [Presence detected][Power Supply Failure detected]', '',
    'Record ID: 6', 'Sensor Name: CPU Temp', 'Group Name: Temperature', 'Sensor Number: 1', 'Event/Reading Type Code: 1h',
    'Sensor Min. Reading: 0.000000 C', 'Sensor Max. Reading: 127.000000 C', 'Normal Min.: 0.000000 C', 'Normal Max.: 0.000000 C', 'Nominal reading: 0.000000 C',
    'Sensor Reading: 41.000000 C', 'Sensor Status: [OK]', '',
    // An event-only record: no "Sensor Reading" line, which full and compact records always print.
    'Record ID: 8', 'Sensor Name: SEL', 'Group Name: Event Logging Disabled', 'Sensor Number: 114', 'Event/Reading Type Code: 6Fh', 'Sensor Status: [Unknown]', '',
  ].join('\n'));
  t.same(oldest.noise, []);
  t.same(oldest.readings.map((r) => [r.name, r.sensorType, r.eventClass, r.value, r.states, r.ranges]), [
    ['PS Status', 'Power Supply', 'discrete', undefined, ['Presence detected', 'Power Supply Failure detected'], undefined],
    ['CPU Temp', 'Temperature', 'threshold', 41, [], { maxReadable: 127 }],
  ]);
  t.same(oldest.skipped.map((s) => [s.name, s.reason]), [['SEL', 'event-only']]);
  // 0.8's -vv prints the entity id bare (ipmi-sensors-detailed-output.c of 0.8: "Entity ID: %u").
  const entity = parseFreeIpmiVerbose(['Record ID: 4', 'Record Type: Full Sensor Record (1h)', 'ID String: CPU Temp', 'Group Name: Temperature (1h)',
    'Entity ID: 3', 'Entity Instance: 1', 'Event/Reading Type Code: 1h', 'Sensor Reading: 33.000000 C', 'Sensor Status: [OK]', ''].join('\n'));
  t.same(entity.readings[0]?.entity, { id: 3, instance: 1 });
});

t.test('ipmi-sensors -vv: locator, association and OEM records are skipped, the decoding lines ignored', async (t) => {
  const text = [
    'Record ID: 4', 'Record Type: Full Sensor Record (1h)', 'ID String: CPU Temp', 'Sensor Type: Temperature (1h)', 'Event/Reading Type Code: 1h',
    'B: 0', 'M: 1', 'R Exponent: 0', 'B Exponent: 0', 'Linearization: linear (0h)', 'Analog Data Format: 2\'s complement (2h)', 'Tolerance: N/A',
    'Resolution: 1.000000 C', 'Upper Critical Threshold: 87.000000 C', 'Sensor Min. Reading: -128.000000 C', 'Sensor Max. Reading: 127.000000 C',
    'Normal Min.: N/A', 'Normal Max.: N/A', 'Nominal Reading: N/A', 'Accuracy: N/A', 'Sensor Direction: Unspecified',
    'Positive Hysteresis: 2.000000 C', 'Negative Hysteresis: 2.000000 C',
    "Assertion Events Enabled: 'Upper Critical - going high'", 'Sensor Reading: 33.000000 C', "Sensor Event: 'OK'", '',
    'Record ID: 50', 'Record Type: Management Controller Device Locator Record (12h)', 'Device ID String: BMC', 'Device Slave Address: 10h', '',
    'Record ID: 51', 'Record Type: FRU Device Locator Record (11h)', 'Device ID String: PSU1 FRU', '',
    'Record ID: 52', 'Record Type: Entity Association Record (8h)', 'Container Entity ID: system board (7)', 'Container Entity Instance: 1', '',
    'Record ID: 53', 'Record Type: OEM Record (C0h)', 'Manufacturer ID: Intel Corporation (343)', 'OEM Data: 01 02 03', '',
  ].join('\n');
  const { readings, skipped, noise } = parseFreeIpmiVerbose(text);
  t.same(noise, []);
  t.same(readings.map((r) => [r.name, r.value, r.ranges]), [['CPU Temp', 33, undefined]], "2's complement -128 and 127: the unspecified bytes (below)");
  t.same(skipped.map((s) => [s.name, s.reason]), [['BMC', 'locator'], ['PSU1 FRU', 'locator'], ['', 'locator'], ['', 'oem']]);
});

t.test('a FreeIPMI column listing is not taken for the verbose one', async (t) => {
  const csv = fixture('freeipmi-state-thresholds.csv');
  t.same(parseSensorOutput(csv).readings, parseFreeIpmiSensors(csv).readings);
});

t.test('ipmi-sensors -vv: a sensor minimum or maximum reading of the unspecified raw byte is left out, as ipmitool does', async (t) => {
  // ipmitool's ipmi_sdr_print_sensor_fc (lib/ipmi_sdr.c) prints "Unspecified" for the sensor min/max raw bytes 00h/FFh
  // (unsigned), FFh/00h (1's complement), 80h/7Fh (2's complement), or a bound that converts to 0. FreeIPMI converts
  // them whatever they hold; -vv prints the factors that tell them (_detailed_output_full_record: "B: %d", "M: %d",
  // "R Exponent: %d", "B Exponent: %d", "Linearization: %s (%Xh)", "Analog Data Format: %s (%Xh)").
  const record = (format: string, m: number, min: string, max: string, linearization = 'linear (0h)'): string => [
    'Record ID: 9', 'ID String: Sensor', 'Sensor Type: Temperature (1h)', 'Event/Reading Type Code: 1h',
    'B: 0', `M: ${m}`, 'R Exponent: 0', 'B Exponent: 0', `Linearization: ${linearization}`, `Analog Data Format: ${format}`,
    `Sensor Min. Reading: ${min}`, `Sensor Max. Reading: ${max}`, 'Nominal Reading: 40.000000 C', 'Sensor Reading: 30.000000 C', "Sensor Event: 'OK'", '',
  ].join('\n');
  const ranges = (text: string): unknown => parseFreeIpmiVerbose(text).readings[0]?.ranges;
  t.same(ranges(record("2's complement (2h)", 1, '-128.000000 C', '127.000000 C')), { nominal: 40 }, "2's complement 80h/7Fh: unspecified");
  t.same(ranges(record("2's complement (2h)", 1, '-10.000000 C', '100.000000 C')), { nominal: 40, minReadable: -10, maxReadable: 100 });
  t.same(ranges(record('unsigned (0h)', 75, '0.000000 C', '19125.000000 C')), { nominal: 40 }, 'unsigned 00h/FFh: unspecified');
  t.same(ranges(record('unsigned (0h)', 75, '75.000000 C', '15000.000000 C')), { nominal: 40, minReadable: 75, maxReadable: 15000 });
  t.same(ranges(record('unsigned (0h)', 75, '0.000000 C', '19125.000000 C', 'ln (1h)')), { nominal: 40, maxReadable: 19125 }, 'non-linear: its bytes cannot be told, 0 is still unspecified');
  t.same(ranges(record("2's complement (2h)", 1, '-10.000000 C', '0.000000 C')), { nominal: 40, minReadable: -10 }, 'a bound of 0 is unspecified to ipmitool');
});

t.test('one stray line of another layout does not pick the layout for the whole text: the one that reads the most records does', async (t) => {
  // `ipmi-sensors --comma-separated-output` with one stray line among the rows (a message, say) that has a legacy
  // line's shape, "%u: %s (%s): ", but is no legacy record.
  const csv = fixture('freeipmi-state-thresholds.csv');
  const [header, ...rows] = csv.split('\n');
  const stray = [header, rows[0], '1: ipmi_cmd_get_sensor_reading (internal error): y', ...rows.slice(1)].join('\n');
  const result = parseFreeIpmiOutput(stray);
  t.same(result.readings.map((r) => r.name), parseFreeIpmiSensors(csv).readings.map((r) => r.name), 'every row read, not refused');
  t.same(result.noise.map((n) => n.line), [3], 'the stray line is noise');
  t.same(parseSensorOutput(stray).readings.length, parseFreeIpmiSensors(csv).readings.length);
  const verboseStray = `${csv}\nRecord ID: 4\n`;
  t.same(parseFreeIpmiOutput(verboseStray).readings.length, parseFreeIpmiSensors(csv).readings.length, 'a lone "Record ID:" line neither');
});
