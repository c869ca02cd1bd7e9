import t from 'tap';
import { IpmiError } from '../errors.js';
import { detectFormat, parseIpmiOutput, parseSensorOutput } from '../recognise.js';
import { fixture } from './fixture.js';

t.test('every layout is recognised from its text', async (t) => {
  const expected: Record<string, string> = {
    'sdr-list.txt': 'sdr-list',
    'sdr-elist.txt': 'sdr-elist',
    'sdr-type-fan.txt': 'sdr-elist',
    'sdr-csv.txt': 'sdr-csv',
    'sdr-verbose.txt': 'sdr-verbose',
    'sensor.txt': 'sensor',
    'freeipmi-default.txt': 'freeipmi',
    'freeipmi-state-thresholds.csv': 'freeipmi',
    'freeipmi-noheader.txt': 'freeipmi',
    'fru.txt': 'fru',
    'dcmi.txt': 'dcmi-power',
  };
  for (const [file, format] of Object.entries(expected)) {
    t.equal(detectFormat(fixture(file)), format, file);
    t.equal(parseIpmiOutput(fixture(file)).format, format, file);
  }
});

t.test('text of no known layout is an UNRECOGNISED_FORMAT error at its first line', async (t) => {
  t.equal(detectFormat('hello\nworld\n'), undefined);
  t.throws(() => parseSensorOutput('\n\nError: Unable to establish IPMI v2 / RMCP+ session\n', 'sdrFile x'), {
    name: 'IpmiError', code: 'UNRECOGNISED_FORMAT', line: 3, message: /^line 3: sdrFile x is not output of a known .*Unable to establish/,
  });
});

t.test('empty text is NO_RECORDS', async (t) => {
  t.throws(() => parseSensorOutput('  \n\n'), { code: 'NO_RECORDS' });
  t.throws(() => parseIpmiOutput(''), IpmiError);
});

t.test('FRU or DCMI text where a sensor listing is expected is WRONG_FORMAT', async (t) => {
  t.throws(() => parseSensorOutput(fixture('fru.txt'), 'sdrFile f'), { code: 'WRONG_FORMAT', message: /sdrFile f is `fru print`/ });
  t.throws(() => parseSensorOutput(fixture('dcmi.txt')), { code: 'WRONG_FORMAT', message: /dcmi power reading/ });
});

t.test('a listing of only locator records is recognised, with no readings', async (t) => {
  const result = parseSensorOutput('BMC              | 00h | ok  |  6.1 | Static MC @ 20h\n');
  t.equal(result.format, 'sdr-elist');
  t.equal(result.readings.length, 0);
  t.equal(result.skipped.length, 1);
});

t.test('FreeIPMI\'s legacy and verbose layouts are read', async (t) => {
  // SOURCE: FreeIPMI ipmi-sensors/ipmi-sensors-simple-output.c (_legacy_simple_output_header and _full_record:
  // "%u: %s (%s): ", "%.2f %s ", "(%.2f/%.2f): ", NA for a missing value; freeipmi-legacy.test.ts) and
  // ipmi-sensors-detailed-output.c ("Record ID: %u", "ID String: %s", "Sensor Type: %s (%Xh)"; freeipmi-verbose.test.ts).
  const legacy = [
    'Caching SDR repository information: /root/.freeipmi/sdr-cache/sdr-cache-host.localhost',
    '4: CPU Temp (Temperature): 28.00 C (NA/83.00): [OK]',
    '12: FAN3 (Fan): NA (400.00/NA): [NA]',
    '68: PS Status (Power Supply): [Presence detected]',
  ].join('\n');
  t.match(parseSensorOutput(legacy, 'sdrFile l'), { format: 'freeipmi', readings: [{ name: 'CPU Temp', value: 28 }, { name: 'FAN3', value: null }, { name: 'PS Status' }] });
  const verbose = ['Record ID: 4', 'ID String: CPU Temp', 'Sensor Type: Temperature (1h)', 'Sensor Number: 1', "Sensor Event: 'OK'", ''].join('\n');
  t.match(parseSensorOutput(verbose, 'sdrFile v'), { format: 'freeipmi', readings: [{ name: 'CPU Temp', recordId: 4, number: 1, sensorType: 'Temperature' }] });
});
