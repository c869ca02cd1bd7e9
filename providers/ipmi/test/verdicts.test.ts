/**
 * Where a state text or a crossed limit is read against what the BMC says:
 * a processor slot with no core, a watchdog's "Power cycle", a limit a fan
 * speed or a rounded reading crosses, a threshold event an operator mapped
 * to Nominal, and a reading hovering at a limit over several samples. Each
 * is checked down to the model's verdict (HealthState 5 OK, 25 critical).
 */
import t from 'tap';
import { buildModel, rememberReadings, type ReadingMemory } from '../../../src/model/index.js';
import { NO_READINGS } from '../../../src/model/readings.js';
import type { DiscreteSensor, HardwareSnapshot, NumericSensor } from '../../../src/model/snapshot.js';
import { input, Model, NOW, sample, values } from '../../../test/model/fixtures.js';
import { buildSnapshot } from '../map.js';
import { mergeReadings } from '../merge.js';
import { parseSensorOutput } from '../recognise.js';

function snapshotOf(lines: string[], layout?: string): HardwareSnapshot {
  return buildSnapshot({ readings: parseSensorOutput(lines.join('\n'), layout).readings });
}

function modelOf(snapshot: HardwareSnapshot, readings: ReadingMemory = NO_READINGS): Model {
  return new Model(buildModel(input([sample(snapshot, { provider: 'ipmi', readings })])));
}

const systemHealth = (model: Model) => model.all('Thincim_ComputerSystem')[0]!.get('HealthState');
const discreteHealths = (snapshot: HardwareSnapshot) => snapshot.discreteSensors?.map((s: DiscreteSensor) => [s.label, s.health]);

function numeric(snapshot: HardwareSnapshot, label: string): NumericSensor {
  const found = snapshot.sensors?.find((s) => s.label === label);
  if (!found) throw new Error(`no sensor ${label}`);
  return found;
}

const FREEIPMI_HEADER = 'ID | Name | Type | State | Reading | Units | Event';

t.test('a processor slot "Disabled" without "Presence detected" is no part there; disabled beside present is a fault', async (t) => {
  // OpenBMC's core sensor (type 07h) asserts offset 7 (Presence detected) for a present core and offset 8 (Disabled)
  // for one not functional; openbmc-test-automation tests/ipmi/test_sdr.robot ("Verify SRD Info") reads "Disabled"
  // alone as Present 0, Functional 0: a slot with no core, which a POWER9's inventory lists beyond its active cores.
  // The line is its `sdr elist` form (cpu0_core1 | 15h | ok | 208.2 | Disabled in the suite's example).
  const slots = snapshotOf([
    'cpu0_core0       | 12h | ok  | 208.1 | Presence detected',
    'cpu0_core22      | 60h | ok  | 208.23 | Disabled',
    'CPU2 Presence    | 62h | ok  |  3.2 | Disabled',
  ], 'elist');
  t.same(discreteHealths(slots), [['cpu0_core0', 'ok'], ['cpu0_core22', 'unknown'], ['CPU2 Presence', 'unknown']]);
  t.equal(systemHealth(modelOf(slots)), 5, 'the system stays OK: an empty core slot is not in the roll-up');
  // FreeIPMI names the same offsets 'Processor disabled' and Entity Presence's 'Entity Disabled', both Critical to its
  // interpretation file (libfreeipmi interpret-sensor config): read as ipmitool's are.
  const freeipmi = snapshotOf([
    FREEIPMI_HEADER,
    "60 | cpu0_core22   | Processor       | Critical | N/A | N/A | 'Processor disabled'",
    "62 | CPU2 Presence | Entity Presence | Critical | N/A | N/A | 'Entity Disabled'",
  ]);
  t.same(discreteHealths(freeipmi), [['cpu0_core22', 'unknown'], ['CPU2 Presence', 'unknown']]);
  t.equal(systemHealth(modelOf(freeipmi)), 5);
  const faulty = snapshotOf(['cpu0_core3       | 63h | ok  | 208.4 | Presence detected, Disabled'], 'elist');
  t.same(discreteHealths(faulty), [['cpu0_core3', 'critical']]);
  t.equal(systemHealth(modelOf(faulty)), 25, 'a present core the BMC disabled is a fault');
});

t.test('"Power cycle" is no fault on a power unit only; FreeIPMI\'s worse column stands over a known text', async (t) => {
  // Sensor type 09h's offset 1 and Watchdog 2 (23h)'s offset 3 are both "Power cycle" (ipmitool include/ipmitool/
  // ipmi_sel.h); FreeIPMI's interpretation rates IPMI_Power_Unit_Power_Cycle Nominal, IPMI_Watchdog2_Power_Cycle Critical.
  const freeipmi = snapshotOf([
    FREEIPMI_HEADER,
    "15 | IPMI Watchdog | Watchdog 2         | Critical | N/A | N/A | 'Power Cycle'",
    "17 | Host Power    | Power Unit         | Nominal  | N/A | N/A | 'Power Cycle'",
    // A column worse than FreeIPMI's default for a known text (Bus Correctable error is Warning): an operator's
    // interpretation file, or something the table does not know. The worse of the two stands.
    "18 | PCIe Err      | Critical Interrupt | Critical | N/A | N/A | 'Bus Correctable error'",
    // A Warning column over a text FreeIPMI rates Nominal by default: an operator's interpretation file, which stands.
    "22 | Host Power 2  | Power Unit         | Warning  | N/A | N/A | 'Power off/down'",
  ]);
  t.same(discreteHealths(freeipmi), [['IPMI Watchdog', 'critical'], ['Host Power', 'ok'], ['PCIe Err', 'critical'], ['Host Power 2', 'warning']]);
  t.equal(systemHealth(modelOf(freeipmi)), 25);
  const ipmitool = snapshotOf([
    'IPMI Watchdog    | 64h | ok  |  7.1 | Power cycle',
    'Pwr Unit Status  | 01h | ok  | 21.1 | Power cycle',
  ], 'elist');
  // FreeIPMI rates IPMI_Watchdog2_Power_Cycle Critical, as it does the watchdog's Hard Reset and Power Down: the reset
  // the watchdog forced, read so by the sensor's name where no type is printed.
  t.same(discreteHealths(ipmitool), [['IPMI Watchdog', 'critical'], ['Pwr Unit Status', 'ok']], 'a watchdog\'s power cycle is no known OK');
});

t.test('ipmitool\'s bare "Failed" is a battery\'s fault only, as its "Low" is', async (t) => {
  // ipmitool names the battery type (29h)'s offset 1 just "Failed" (include/ipmitool/ipmi_sel.h); no capture shows it
  // on another sensor, where it would be some OEM's text of unknown meaning.
  const snapshot = snapshotOf([
    'RAID Status      | 50h | ok  | 13.1 | Failed',
    'CMOS Battery     | 10h | ok  |  7.1 | Failed',
  ], 'elist');
  t.same(discreteHealths(snapshot), [['RAID Status', 'unknown'], ['CMOS Battery', 'critical']]);
});

t.test('a Supermicro\'s empty CPU socket ("Not Installed" by FreeIPMI\'s OEM interpretation) is no part there, not a warning', async (t) => {
  // prometheus-community/ipmi_exporter#31: a Supermicro H8DGU-F with one processor, `ipmimonitoring --interpret-oem-data`
  // ("CPU2 Temp | OEM Reserved | Warning | N/A | N/A | 'Not Installed'"; without the option 'OEM Event = 0007h', and
  // its `sdr elist` reads CPU2 Vcore and CPU2 DIMM "ns, No Reading"). FreeIPMI's OEM table for this sensor (type C0h,
  // reading type 70h; libfreeipmi/interpret/ipmi-interpret-config-sensor.c) maps Low to Nominal, Medium, High and Not
  // Installed to Warning, Overheat to Critical: Medium, High and Overheat are the processor's heat and keep their column.
  const oem = snapshotOf([
    FREEIPMI_HEADER,
    "4    | CPU1 Temp     | OEM Reserved      | Nominal  | N/A        | N/A   | 'Low'",
    "71   | CPU2 Temp     | OEM Reserved      | Warning  | N/A        | N/A   | 'Not Installed'",
    "138  | System Temp   | Temperature       | Nominal  | 25.00      | C     | 'OK'",
  ]);
  t.same(discreteHealths(oem), [['CPU1 Temp', 'ok'], ['CPU2 Temp', 'unknown']]);
  t.equal(systemHealth(modelOf(oem)), 5, 'a healthy one-processor board stays OK');
  const hot = snapshotOf([
    FREEIPMI_HEADER,
    "4    | CPU1 Temp     | OEM Reserved      | Warning  | N/A        | N/A   | 'High'",
    "71   | CPU2 Temp     | OEM Reserved      | Critical | N/A        | N/A   | 'Overheat'",
    // A Critical column over the empty socket is no default of FreeIPMI's: an operator's interpretation file, which stands.
    "72   | CPU3 Temp     | OEM Reserved      | Critical | N/A        | N/A   | 'Not Installed'",
  ]);
  t.same(discreteHealths(hot), [['CPU1 Temp', 'warning'], ['CPU2 Temp', 'critical'], ['CPU3 Temp', 'critical']]);
});

t.test('a fan speed past an upper limit under an ok status is the BMC\'s call; below a lower critical one it is not', async (t) => {
  // An NEC ExpressScope prints a fan's lower limit in an upper column (see rules.test.ts, "System FAN1" past its
  // upper non-critical 2,300); here in the upper critical one. A fan turning fast is no reason to overrule the BMC.
  const snapshot = snapshotOf([
    'System FAN1R     | 6410.256   | RPM        | ok    | na        | na        | na        | na        | 1800.000  | na',
    'FAN3             | 200.000    | RPM        | ok    | na        | 300.000   | 500.000   | na        | na        | na',
  ], 'sensor');
  t.equal(numeric(snapshot, 'System FAN1R').thresholdsJudged, true);
  const model = modelOf(snapshot);
  const state = (label: string) => values(model.one('Thincim_NumericSensor', label), ['CurrentState', 'HealthState']);
  t.same(state('System FAN1R'), { CurrentState: 'Normal', HealthState: 5 });
  t.same(state('FAN3'), { CurrentState: 'Lower Critical', HealthState: 25 }, 'below its lower critical limit: judged by it');
});

t.test('a reading at a limit as `sdr elist` rounds it is at the limit: the BMC\'s call', async (t) => {
  // `sdr elist` prints two decimals, `sensor` three (openbmc/openbmc#3743's "sensor list"; an Intel S2600's elist):
  // 10.91 V may be the 10.915 the BMC compared with its lower critical 10.915.
  const elist = parseSensorOutput([
    'P12V             | 30h | ok  |  7.1 | 10.91 Volts',
    'P5V              | 31h | ok  |  7.1 | 5.57 Volts',
    'P3V3             | 32h | ok  |  7.1 | 3.10 Volts',
    // ipmitool prints a whole reading without decimals (precision 0), any other with two: 3 V is exactly 3.
    'P3V3 AUX         | 33h | ok  |  7.1 | 3 Volts',
    // Served in pascals (100990 Pa), printed 0.01 kPa apart: at its 100.995 kPa limit as printed.
    'Air Press        | 40h | ok  |  7.1 | 100.99 kPa',
  ].join('\n'), 'elist').readings;
  const sensor = parseSensorOutput([
    'P12V             | 10.915     | Volts      | ok    | na        | 10.915    | 11.505    | 13.275    | 13.865    | na',
    'P5V              | 5.565      | Volts      | ok    | na        | 4.458     | 4.724     | 5.423     | 5.565     | na',
    'P3V3             | 3.100      | Volts      | ok    | na        | 3.135     | 3.185     | 3.415     | 3.465     | na',
    'P3V3 AUX         | 3.000      | Volts      | ok    | na        | 3.135     | 3.185     | 3.415     | 3.465     | na',
    'Air Press        | 100.990    | kPa        | ok    | na        | 100.995   | 101.100   | 120.000   | 125.000   | na',
  ].join('\n'), 'sensor').readings;
  const snapshot = buildSnapshot({ readings: mergeReadings(elist, sensor) });
  const model = modelOf(snapshot);
  const state = (label: string) => values(model.one('Thincim_NumericSensor', label), ['CurrentState', 'HealthState']);
  t.same(state('P12V'), { CurrentState: 'Normal', HealthState: 5 }, '10.91 against 10.915');
  t.same(state('P5V'), { CurrentState: 'Normal', HealthState: 5 }, '5.57 against 5.565');
  t.same(state('P3V3'), { CurrentState: 'Lower Critical', HealthState: 25 }, 'clearly past: judged by the limit');
  t.same(state('P3V3 AUX'), { CurrentState: 'Lower Critical', HealthState: 25 }, 'a whole reading is exact: 3 against 3.135');
  t.equal(numeric(snapshot, 'Air Press').thresholdsJudged, true, 'a reading converted to another unit: its printed step converted too');
  t.same(state('Air Press'), { CurrentState: 'Normal', HealthState: 5 }, '100.99 kPa against 100.995');
});

t.test('FreeIPMI: a threshold event the interpretation file maps to Nominal is respected; with none, the limit judges', async (t) => {
  // FreeIPMI's event column says what the BMC asserted; its state column what the interpretation file (the operator's,
  // /etc/freeipmi/freeipmi_interpret_sensor.conf) makes of it. Readings as openbmc/openbmc#3743's Ambient_Temp.
  const snapshot = snapshotOf([
    'ID | Name      | Type        | State   | Reading | Units | Lower NR | Lower C | Lower NC | Upper NC | Upper C | Upper NR | Event',
    "1  | Ambient   | Temperature | Nominal | 46.00   | C     | N/A      | 5.00    | 7.00     | 37.00    | 40.00   | N/A      | 'At or Above (>=) Upper Critical Threshold'",
    "2  | Ambient 2 | Temperature | Nominal | 46.00   | C     | N/A      | 5.00    | 7.00     | 37.00    | 40.00   | N/A      | 'OK'",
    // FreeIPMI's default interpretation (ipmi-interpret-config-sensor.c) maps the non-critical events to Nominal
    // itself: no operator chose that, and the critical limit the reading is past judges.
    "3  | Ambient 3 | Temperature | Nominal | 46.00   | C     | N/A      | 5.00    | 7.00     | 37.00    | 40.00   | N/A      | 'At or Above (>=) Upper Non-Critical Threshold'",
  ]);
  t.equal(numeric(snapshot, 'Ambient').thresholdsJudged, true, 'asserted and mapped to Nominal: the operator\'s choice');
  const model = modelOf(snapshot);
  const state = (label: string) => values(model.one('Thincim_NumericSensor', label), ['CurrentState', 'HealthState']);
  t.same(state('Ambient'), { CurrentState: 'Normal', HealthState: 5 });
  t.same(state('Ambient 2'), { CurrentState: 'Upper Critical', HealthState: 25 }, 'nothing asserted at 46 past 40: OpenBMC\'s "ok"');
  t.same(state('Ambient 3'), { CurrentState: 'Upper Critical', HealthState: 25 }, 'a non-critical event FreeIPMI maps to Nominal by default');
});

t.test('a reading hovering at a limit the provider judges keeps its critical state until it clears by the hysteresis', async (t) => {
  // openbmc/openbmc#3743's Ambient_Temp (upper critical 40, status ok at any reading), sampled as it cools and warms.
  let memory: ReadingMemory = NO_READINGS;
  const verdicts: [string, unknown, unknown][] = [];
  for (const reading of ['46.000', '40.500', '40.000', '41.000', '39.000', '41.000']) {
    const snapshot = snapshotOf([`Ambient_Temp     | ${reading}     | degrees C  | ok    | na        | 5.000     | 7.000     | 37.000    | 40.000    | na`], 'sensor');
    const sensor = values(modelOf(snapshot, memory).one('Thincim_NumericSensor', 'Ambient_Temp'), ['CurrentState', 'HealthState']);
    verdicts.push([reading, sensor.CurrentState, sensor.HealthState]);
    memory = rememberReadings(memory, snapshot, NOW);
  }
  t.same(verdicts, [
    ['46.000', 'Upper Critical', 25],
    ['40.500', 'Upper Critical', 25],
    ['40.000', 'Upper Critical', 25],
    ['41.000', 'Upper Critical', 25],
    ['39.000', 'Normal', 5],
    ['41.000', 'Upper Critical', 25],
  ], 'at the limit after being past it: held (one alert), cleared 1 degree below');
  // A limit the BMC publishes but does not enforce is never held: at it, or past an unset 0.000, sample after sample.
  memory = NO_READINGS;
  for (const round of [1, 2]) {
    const snapshot = snapshotOf([
      'Inlet_Temp       | 40.000     | degrees C  | ok    | na        | 5.000     | 7.000     | 37.000    | 40.000    | na',
      'Chipset Temp     | 56.000     | degrees C  | ok    | na        | na        | na        | na        | 0.000     | na',
    ], 'sensor');
    t.equal(systemHealth(modelOf(snapshot, memory)), 5, `sample ${round}: OK`);
    memory = rememberReadings(memory, snapshot, NOW);
  }
});

t.test('a threshold sensor with no analog reading (a hex value) keeps its status column: cr is critical', async (t) => {
  // ipmitool's dump_sensor_fc_thredshold (lib/ipmi_sensor.c) prints a threshold record whose SDR has no analog
  // format as "0x%-8x | units | thresh_status": the status is the BMC's threshold comparison, as for an analog value.
  // The layout is the "VRD Hot | 0x0 | | ok | 0x-8x | 0x-8x" row of fixtures/sensor.txt; here it is also crossed.
  const hot = snapshotOf([
    'VRD Hot          | 0x1        |            | cr    | 0x-8x     | 0x-8x     | na        | na        | na        | na',
    'Fan Block 4      | 0x1        | unspecified | nc    | na        | na        | na        | na        | na        | na',
    'VRD Hot 2        | 0x0        |            | ok    | 0x-8x     | 0x-8x     | na        | na        | na        | na',
  ], 'sensor');
  t.same(discreteHealths(hot), [['VRD Hot', 'critical'], ['Fan Block 4', 'warning'], ['VRD Hot 2', 'ok']]);
  t.equal(systemHealth(modelOf(hot)), 25, 'a crossed critical threshold is not dropped');
});
