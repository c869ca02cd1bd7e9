import t from 'tap';
import { parseSdrVerbose } from '../sdr-verbose.js';
import { buildSnapshot } from '../map.js';
import { fixture, named } from './fixture.js';

t.test('threshold records: reading, unit, verbose status, every threshold', async (t) => {
  const { format, readings } = parseSdrVerbose(fixture('sdr-verbose.txt'));
  t.equal(format, 'sdr-verbose');
  t.match(named(readings, 'CPU Temp'), {
    number: 0x0e,
    entity: { id: 3, instance: 1 },
    eventClass: 'threshold',
    sensorType: 'Temperature',
    value: 82,
    decimals: 0,
    unit: 'degrees C',
    health: 'warning',
    crossed: 'upperNonCritical',
    line: 4,
  });
  t.same(named(readings, 'CPU Temp').thresholds, {
    upperFatal: 100, upperCritical: 95, upperNonCritical: 80, lowerFatal: -5, lowerCritical: 0, lowerNonCritical: 5,
  });
  t.match(named(readings, '3.3V'), { value: 3.312, decimals: 3, unit: 'Volts', health: 'ok', thresholds: { lowerCritical: 2.96, upperCritical: 3.64 } });
});

t.test('unreadable threshold records: No Reading is absent, Disabled is disabled', async (t) => {
  const { readings } = parseSdrVerbose(fixture('sdr-verbose.txt'));
  t.match(named(readings, 'Fan 3'), { value: null, unavailable: 'absent', thresholds: { lowerCritical: 600 } });
  t.equal(named(readings, 'Fan 3').health, undefined);
  t.match(named(readings, 'Mem Voltage'), { value: null, unavailable: 'disabled' });
});

t.test('a threshold record without a reading line failed to read', async (t) => {
  const { readings } = parseSdrVerbose(fixture('sdr-verbose.txt').replace(' Sensor Reading        : 3.312 (+/- 0.016) Volts\n', ''));
  t.match(named(readings, '3.3V'), { value: null, unavailable: 'failed' });
  t.equal(named(readings, '3.3V').health, undefined, 'a status without a reading is no verdict');
});

t.test('discrete records: only "States Asserted" are states', async (t) => {
  const { readings } = parseSdrVerbose(fixture('sdr-verbose.txt'));
  t.match(named(readings, 'PS2 Status'), { eventClass: 'discrete', sensorType: 'Power Supply', entity: { id: 10, instance: 2 } });
  t.equal(named(readings, 'PS2 Status').rawState, undefined, 'the "0h" reading byte of a discrete block is no state');
  t.same(named(readings, 'PS2 Status').states, ['Presence detected', 'Failure detected']);
  t.same(named(readings, 'Chassis Intru').states, []);
});

t.test('a discrete record older ipmitool printed "Not Reading" for is unread, not in the state "Not"', async (t) => {
  // lib/ipmi_sdr.c, ipmi_sdr_print_sensor_fc, discrete -v branch: printf("No Reading\n"), commented "Used to be 'Not Reading'".
  const text = fixture('sdr-verbose.txt').replace(/(Sensor ID\s*: PS2 Status[^]*?Sensor Reading\s*: )\S+/, '$1Not Reading');
  t.match(text, /: PS2 Status[^]*?Sensor Reading\s*: Not Reading\n/, 'the record now reads as the old version printed it');
  const ps2 = named(parseSdrVerbose(text).readings, 'PS2 Status');
  t.match(ps2, { unavailable: 'absent' });
  t.equal(ps2.rawState, undefined);
});

t.test('debug lines, interleaved stderr, locator and event-only blocks', async (t) => {
  const { readings, skipped, noise } = parseSdrVerbose(fixture('sdr-verbose.txt'));
  t.equal(readings.length, 6);
  t.same(noise.map((n) => n.line), [1, 2, 46]);
  t.same(skipped.map((s) => [s.name, s.reason]), [['SEL Events', 'event-only'], ['BMC', 'locator']]);
});

t.test('older ipmitool: "Sensor Type (Analog)", tolerance-less discrete blocks, no blank line between blocks', async (t) => {
  const text = [
    'Sensor ID              : BB +12.0V (0xd0)',
    ' Entity ID             : 7.1 (System Board)',
    ' Sensor Type (Analog)  : Voltage',
    ' Sensor Reading        : 11.831 (+/- 0) Volts',
    ' Status                : ok',
    'Sensor ID              : SSB Therm Trip (0xd)',
    ' Entity ID             : 7.1 (System Board)',
    ' Sensor Type (Discrete): Temperature',
    ' Assertions Enabled    : Digital State',
    '                         [State Asserted]',
  ].join('\n');
  const { readings } = parseSdrVerbose(text);
  t.match(readings[0], { name: 'BB +12.0V', eventClass: 'threshold', sensorType: 'Voltage', value: 11.831, decimals: 3 });
  t.match(readings[1], { name: 'SSB Therm Trip', number: 0xd, eventClass: 'discrete', sensorType: 'Temperature', states: [] });
});

t.test('HP analog values on discrete records, hex readings of discrete-unit thresholds', async (t) => {
  const text = [
    'Sensor ID              : Power Supply 1 (0x3)',
    ' Entity ID             : 10.1 (Power Supply)',
    ' Sensor Type (Discrete): Power Supply (0x08)',
    ' Sensor Reading        : 110 Watts',
    '',
    'Sensor ID              : VRD Hot (0x9)',
    ' Entity ID             : 3.1 (Processor)',
    ' Sensor Type (Threshold)  : Temperature (0x01)',
    ' Sensor Reading        : 0x00 (+/- 0x00) ',
    ' Status                : ok',
    '',
    'Sensor ID              : DIMM A1 (0x40)',
    ' Entity ID             : 32.1 (Memory Device)',
    ' Sensor Type (Threshold)  : Temperature (0x01)',
    ' Unable to read sensor: Device Not Present',
  ].join('\n');
  const { readings } = parseSdrVerbose(text);
  t.match(readings[0], { value: 110, unit: 'Watts', eventClass: 'discrete' });
  t.match(readings[1], { rawState: '0x00', eventClass: 'threshold' });
  t.equal(readings[1]?.value, undefined);
  t.match(readings[2], { value: null, unavailable: 'absent' });
});

t.test('ipmitool sensor -v: an unreadable threshold record has no reading', async (t) => {
  // SOURCE: ipmitool lib/ipmi_sensor.c, ipmi_sensor_print_fc_threshold: verbose, an invalid reading prints
  // " Sensor Reading        : " then " Unable to read sensor: Device Not Present\n\n", then the event status lines.
  const text = [
    'Sensor ID              : FAN3 (0x43)',
    ' Entity ID             : 29.3',
    ' Sensor Type (Threshold)  : Fan',
    ' Sensor Reading        :  Unable to read sensor: Device Not Present',
    '',
    ' Event Status          : Unavailable',
    '',
  ].join('\n');
  const { readings } = parseSdrVerbose(text);
  t.match(named(readings, 'FAN3'), { eventClass: 'threshold', sensorType: 'Fan', value: null, unavailable: 'absent' });
  t.equal(named(readings, 'FAN3').rawState, undefined, 'the message is no raw state');
  t.match(buildSnapshot({ readings }).fans, [{ label: 'FAN3', status: 'absent' }], 'an empty fan header, not a discrete sensor');
});

t.test('ranges: the nominal reading, normal and readable ranges a full threshold record prints as values', async (t) => {
  // fixtures/sdr-verbose-ranges.txt is modelled on real `ipmitool sdr -v` captures in ../shared/fixtures/ipmi:
  // ceilometer-intel-sdr-v ("Pwr Consumption" and "BB +12.0V" of an Intel S2600 board; their sensor ranges are made up,
  // the capture's are "Unspecified" but for Pwr Consumption's maximum) and ironic-dell-sdr-v (a Dell's "FAN MOD 1A RPM",
  // its nominal below its normal minimum). The printing rules are ipmitool's lib/ipmi_sdr.c: SENSOR_PRINT_NORMAL
  // (only where the record's analog characteristic flags specify a value; "0x%02X" for discrete units) and
  // print_sensor_min_max ("Unspecified" for the unspecified raw bytes, or where the value converts to 0).
  const { readings } = parseSdrVerbose(fixture('sdr-verbose-ranges.txt'));
  t.same(named(readings, 'Pwr Consumption').ranges, { nominal: 1034, normalMax: 1056, maxReadable: 5588 }, 'what is not printed, or "Unspecified", is absent');
  t.same(named(readings, 'BB +12.0V').ranges, { nominal: 11.935, normalMin: 11.363, normalMax: 12.559, minReadable: 0.06, maxReadable: 15.24 });
  t.same(named(readings, 'FAN MOD 1A RPM').ranges, { nominal: 5325, normalMin: 10425, normalMax: 14775 });
  t.equal(named(readings, 'VRD Hot').ranges, undefined, 'a discrete unit\'s raw bytes ("0x01") are no values');
  t.same(named(readings, 'BB +12.0V').thresholds, { lowerCritical: 10.635, upperCritical: 13.391 }, 'ranges are no thresholds');
});

t.test('ranges in the snapshot: in the served unit, inverted ones as printed (the model drops them), the nominal reading where the BMC puts it', async (t) => {
  const { readings } = parseSdrVerbose(fixture('sdr-verbose-ranges.txt'));
  const sensors = new Map(buildSnapshot({ readings }).sensors?.map((s) => [s.id, s]));
  t.match(sensors.get('ipmi:Pwr Consumption'), { unit: 'watts', ranges: { nominal: 1034, normalMax: 1056, maxReadable: 5588 } });
  t.match(sensors.get('ipmi:BB +12.0V'), { decimals: 3, ranges: { nominal: 11.935, normalMin: 11.363, normalMax: 12.559, minReadable: 0.06, maxReadable: 15.24 } });
  t.same(sensors.get('ipmi:FAN MOD 1A RPM')?.ranges, { nominal: 5325, normalMin: 10425, normalMax: 14775 });
  t.same(sensors.get('ipmi:Exit Air Temp')?.ranges, { nominal: 40, normalMin: 90, normalMax: 10 }, 'a normal minimum above its maximum: left to the model, which drops the pair and logs it');
  t.equal(sensors.get('ipmi:Exit Air Temp')?.health, 'ok', 'ranges judge nothing');
});
