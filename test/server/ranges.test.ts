/**
 * CIM_NumericSensor's NominalReading, NormalMin, NormalMax, MinReadable and MaxReadable on the wire, over HTTP:
 * Munin's esxi__sensors plugin (munin-monitoring/contrib) reads MinReadable and MaxReadable for a graph's bounds. Values
 * in BaseUnits × 10^UnitModifier, as CurrentReading is; an undeclared range is a PROPERTY without a VALUE (NULL).
 */
import t from 'tap';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { HardwareSnapshot } from '../../src/model/snapshot.js';
import { loadProviders, type LoadedProvider } from '../../src/providers/index.js';
import { imethod, instancesIn, p, SIM, startTestBroker, type TestBroker } from '../helpers/broker.js';

const NS = 'root/cimv2';
const RANGES = ['NominalReading', 'NormalMin', 'NormalMax', 'MinReadable', 'MaxReadable'] as const;

/** The PROPERTY element of `name` in a CIM-XML answer: its VALUE text, null for a NULL one. */
function wireValue(xml: string, name: string): string | null {
  const property = new RegExp(`<PROPERTY NAME="${name}" (?:[^>]*?)TYPE="sint32"[^>]*?(?:/>|>(.*?)</PROPERTY>)`).exec(xml);
  if (!property) throw new Error(`no sint32 PROPERTY ${name} in the answer`);
  return /<VALUE>(.*?)<\/VALUE>/.exec(property[1] ?? '')?.[1] ?? null;
}

async function sensorXml(server: TestBroker, keys: Record<string, string>): Promise<string> {
  const response = await imethod(server.url, 'GetInstance', NS, p.instanceName('InstanceName', 'Thincim_NumericSensor', keys));
  t.equal(instancesIn(response).length, 1);
  return response.raw.text;
}

function onTheWire(xml: string): Record<string, string | null> {
  return Object.fromEntries(['UnitModifier', 'CurrentReading', ...RANGES].map((name) => [name, wireValue(xml, name)]));
}

t.test('the simulated host (npm start) serves its declared ranges', async (t) => {
  const server = await startTestBroker();
  t.teardown(() => server.close());
  const volts = onTheWire(await sensorXml(server, SIM.device('Thincim_NumericSensor', '12v')));
  t.match(volts, { UnitModifier: '-2', CurrentReading: /^1[12]\d\d$/ });
  t.same(RANGES.map((name) => volts[name]), ['1200', '1140', '1260', '0', '1530'], '12 V nominal, 11.40–12.60 V normal, 0–15.30 V readable');
  const fan = onTheWire(await sensorXml(server, SIM.device('Thincim_NumericSensor', 'fan1-speed')));
  t.same(RANGES.map((name) => fan[name]), ['9600', '2500', '12000', '0', '16320']);
  t.equal(fan.UnitModifier, '0');
});

t.test('an IPMI recording of `ipmitool sdr -v`: what the BMC declares, in the unit of the reading; the rest NULL', async (t) => {
  // providers/ipmi/test/fixtures/sdr-verbose-ranges.txt, modelled on ../shared/fixtures/ipmi/ceilometer-intel-sdr-v.
  const sdrFile = fileURLToPath(new URL('../../providers/ipmi/test/fixtures/sdr-verbose-ranges.txt', import.meta.url));
  const server = await startTestBroker({ providers: await loadProviders({ providers: ['ipmi'], options: { ipmi: { sdrFile } } }) });
  t.teardown(() => server.close());
  const device = (id: string) => ({ ...SIM.device('Thincim_NumericSensor', ''), DeviceID: `ipmi:${id}` });
  const volts = onTheWire(await sensorXml(server, device('BB +12.0V')));
  t.same(volts, {
    UnitModifier: '-3', CurrentReading: '11831', NominalReading: '11935', NormalMin: '11363', NormalMax: '12559', MinReadable: '60', MaxReadable: '15240',
  });
  const power = onTheWire(await sensorXml(server, device('Pwr Consumption')));
  t.same(power, {
    UnitModifier: '0', CurrentReading: '154', NominalReading: '1034', NormalMin: null, NormalMax: '1056', MinReadable: null, MaxReadable: '5588',
  }, '"Unspecified" and what the record does not specify are NULL');
});

t.test('an IPMI recording of FreeIPMI `ipmi-sensors -v`: its declared ranges served as ipmitool\'s are', async (t) => {
  // providers/ipmi/test/fixtures/freeipmi-verbose.txt, written to FreeIPMI's ipmi-sensors-detailed-output.c.
  const sdrFile = fileURLToPath(new URL('../../providers/ipmi/test/fixtures/freeipmi-verbose.txt', import.meta.url));
  const server = await startTestBroker({ providers: await loadProviders({ providers: ['ipmi'], options: { ipmi: { sdrFile } } }) });
  t.teardown(() => server.close());
  const device = (id: string) => ({ ...SIM.device('Thincim_NumericSensor', ''), DeviceID: `ipmi:${id}` });
  t.same(onTheWire(await sensorXml(server, device('12V'))), {
    UnitModifier: '-3', CurrentReading: '12184', NominalReading: '12000', NormalMin: null, NormalMax: null, MinReadable: null, MaxReadable: '16320',
  }, 'a minimum of 0 is unspecified, as ipmitool says');
  t.same(onTheWire(await sensorXml(server, device('CPU Temp'))), {
    UnitModifier: '0', CurrentReading: '33', NominalReading: '45', NormalMin: null, NormalMax: '70', MinReadable: null, MaxReadable: null,
  }, 'N/A is NULL, and so are -128 and 127, the unspecified bytes');
});

t.test('an inverted range does not cost the sensor: the pair is NULL, the reading served, the problem logged once', async (t) => {
  const snapshot: HardwareSnapshot = {
    sensors: [{
      id: 'oem:t1', label: 'Temp 1', kind: 'temperature', unit: 'celsius', value: 31, decimals: 0,
      ranges: { nominal: 30, normalMin: 41, normalMax: 40, minReadable: 0, maxReadable: 127 },
    }],
  };
  const oem: LoadedProvider = {
    provider: { kind: 'hardware', name: 'oem', version: '1.0.0', sample: async () => snapshot },
    source: 'test:oem', options: {}, schedule: { interval: 60, timeout: 1000 }, enablement: 'explicit',
  };
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
  const server = await startTestBroker({ providers: [oem], logger });
  t.teardown(() => server.close());
  await server.broker.manager.refresh('oem');
  const served = onTheWire(await sensorXml(server, { ...SIM.device('Thincim_NumericSensor', ''), DeviceID: 'oem:t1' }));
  t.same(served, { UnitModifier: '0', CurrentReading: '31', NominalReading: '30', NormalMin: null, NormalMax: null, MinReadable: '0', MaxReadable: '127' });
  const warned = lines.filter((line) => /normalMin 41 is above normalMax 40/.test(line.msg));
  t.same(warned.map((line) => line.msg), ['model: oem:t1: range normalMin 41 is above normalMax 40: both left out'], 'once over two samples, not each build');
});

t.test('a bound the reading contradicts is warned of once while the reading wanders, not at each new value', async (t) => {
  // An HPE iLO's "02-CPU 1": a minimum sensor range of 110 beside readings of 38–45 °C (the reviewer's log: one
  // warning per new reading, 8 an hour). The same problem must keep one message.
  let value = 40;
  const oem: LoadedProvider = {
    provider: {
      kind: 'hardware', name: 'oem', version: '1.0.0',
      sample: async () => ({ sensors: [{ id: 'oem:cpu1', label: '02-CPU 1', kind: 'temperature', unit: 'celsius', value, decimals: 0, ranges: { minReadable: 110 } }] }),
    },
    source: 'test:oem', options: {}, schedule: { interval: 60, timeout: 1000 }, enablement: 'explicit',
  };
  const lines: { msg: string }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) });
  const server = await startTestBroker({ providers: [oem], logger });
  t.teardown(() => server.close());
  await server.broker.manager.refresh('oem');
  value = 41;
  await server.broker.manager.refresh('oem');
  t.equal(onTheWire(await sensorXml(server, { ...SIM.device('Thincim_NumericSensor', ''), DeviceID: 'oem:cpu1' })).CurrentReading, '41');
  const warned = lines.filter((line) => /minReadable 110/.test(line.msg)).map((line) => line.msg);
  t.same(warned, ["model: oem:cpu1: range minReadable 110 is above the sensor's reading: left out"], 'once over readings 40 and 41');
});
