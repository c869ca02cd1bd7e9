import t from 'tap';
import { parseDcmiPowerReading } from '../dcmi.js';
import { parseFru } from '../fru.js';
import { detectFormat, parseIpmiOutput } from '../recognise.js';
import { fixture } from './fixture.js';

t.test('fru print: devices, fields, absent devices, noise', async (t) => {
  const { format, devices, noise } = parseFru(fixture('fru.txt'));
  t.equal(format, 'fru');
  t.equal(devices.length, 3);
  t.match(devices[0], { description: 'Builtin FRU Device', deviceId: 0, present: true, line: 1 });
  t.equal(devices[0]?.fields['Chassis Type'], 'Rack Mount Chassis');
  t.equal(devices[0]?.fields['Board Mfg Date'], 'Mon Mar  4 10:12:00 2019', 'a value holding colons stays whole');
  t.equal(devices[0]?.fields['Product Serial'], 'S348123X9305678');
  t.match(devices[2], { description: 'PS1', deviceId: 1, present: false });
  t.same(noise.map((n) => n.line), [25]);
});

t.test('fru print: lines before any device are noise; a description without an id is kept', async (t) => {
  const { devices, noise } = parseFru(' Chassis Type : Tower\nFRU Device Description : Backplane\n Board Mfg : Acme\n');
  t.same(noise.map((n) => n.line), [1]);
  t.match(devices, [{ description: 'Backplane', fields: { 'Board Mfg': 'Acme' } }]);
  t.equal(devices[0]?.deviceId, undefined);
});

t.test('dcmi power reading: watts, period, state; padded lines', async (t) => {
  const reading = parseDcmiPowerReading(fixture('dcmi.txt'));
  t.same(reading, {
    format: 'dcmi-power', noise: [], instantaneous: 212, minimum: 98, maximum: 488, average: 201, samplingPeriodSeconds: 5, active: true,
  });
});

t.test('dcmi power reading: deactivated, unknown lines and bad values are noise', async (t) => {
  const reading = parseDcmiPowerReading('Instantaneous power reading: lots\nPower reading state is: deactivated\nDCMI request failed\nSampling period: soon\nPower reading state is: maybe\n');
  t.equal(reading.active, false);
  t.equal(reading.instantaneous, undefined);
  t.same(reading.noise.map((n) => n.line), [1, 3, 4, 5]);
});

t.test("FreeIPMI's ipmi-dcmi --get-system-power-statistics is read as ipmitool's dcmi power reading is", async (t) => {
  // SOURCE: netdata/netdata#11106 (a real run) and ceems-dev/ceems's collector test ("freeipmi", "freeipmiAlt": the
  // watts capitalised either way); FreeIPMI ipmi-dcmi.c prints the period in milliseconds and "Power Measurement :
  // Active" or "Not Available".
  const text = [
    'Current Power                        : 254 Watts',
    'Minimum Power over sampling duration : 0 watts',
    'Maximum Power over sampling duration : 519 watts',
    'Average Power over sampling duration : 236 watts',
    'Time Stamp                           : 05/06/2021 - 14:19:30',
    'Statistics reporting time period     : 231287000 milliseconds',
    'Power Measurement                    : Active',
  ].join('\n');
  t.same(parseDcmiPowerReading(text), {
    format: 'dcmi-power', noise: [], instantaneous: 254, minimum: 0, maximum: 519, average: 236, samplingPeriodSeconds: 231287, active: true,
  });
  t.equal(detectFormat(text), 'dcmi-power');
  t.match(parseIpmiOutput(text.replace('254 Watts', '332 watts').replace('0 watts', '68 Watts')), { instantaneous: 332, minimum: 68 });
  t.equal(parseDcmiPowerReading('Current Power : 0 Watts\nPower Measurement : Not Available\n').active, false);
});
