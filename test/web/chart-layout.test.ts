/**
 * A sensor's chart labels its scale's ends at the sensor's resolution. The
 * readings are the simulated host's (providers/simulated/default-scenario.json):
 * fan speeds in whole RPM, temperatures to 0.1 °C, core voltages to 1 mV.
 */
import t from 'tap';
import { chartGeometry, decimalsOf } from '../../src/web/chart-layout.js';
import { chartSvg } from '../../src/web/svg.js';
import type { ReadingView } from '../../src/web/view.js';

const reading = (text: string, unit: string, thresholds: ReadingView['thresholds']): ReadingView =>
  ({ value: Number(text), text, unit, thresholds, minReadable: null, maxReadable: null, lost: false });

t.test('the decimals of a reading as its sensor writes it', async (t) => {
  t.equal(decimalsOf('9480'), 0);
  t.equal(decimalsOf('53.2'), 1);
  t.equal(decimalsOf('-0.125'), 3);
  t.equal(decimalsOf('35.0'), 1, 'a trailing zero is a digit the sensor reads');
  t.equal(decimalsOf('532e-40'), undefined, 'an exponent: no resolution to keep');
});

t.test("the scale's ends are whole steps of the readings' resolution, written with its decimals", async (t) => {
  // A fan at 9480 and 9593 RPM, lower thresholds 1500 and 2500: the padded ends were 9997.65 and 1095.35 RPM.
  const fan = chartSvg([{ time: 0, value: 9480 }, { time: 10_000, value: 9593 }],
    reading('9593', 'RPM', { LowerThresholdCritical: 1500, LowerThresholdNonCritical: 2500 }), 'RPM', 'Fan 1 Speed');
  t.same([...fan.matchAll(/<text class="axis"[^>]*>([^<]*)</g)].map((m) => m[1]), ['9998 RPM', '1095 RPM'], 'a fan: whole RPM, the padding kept');
  // CPU1 at 49.9 and 53.3 °C under 85, 95 and 100 °C: the ends were 102.505 and 47.395 °C.
  const cpu = chartGeometry([49.9, 53.3], [['UpperThresholdNonCritical', 85], ['UpperThresholdCritical', 95], ['UpperThresholdFatal', 100]], '°C', 1)!;
  t.same([cpu.top, cpu.bottom], ['102.6 °C', '47.3 °C'], 'a temperature: to 0.1 °C, outward');
  const vcore = chartGeometry([1.801, 1.806], [['LowerThresholdCritical', 1.62], ['UpperThresholdCritical', 1.98]], 'V', 3)!;
  t.same([vcore.top, vcore.bottom], ['1.998 V', '1.602 V'], 'a core voltage: to the millivolt');
  const below = chartGeometry([-0.04, -0.02], [], '°C', 1)!;
  t.same([below.top, below.bottom], ['0.0 °C', '-0.1 °C'], 'around zero: no "-0.0"');
});

t.test('without a resolution (no reading, an exponent) the ends are rounded to six decimals, as before', async (t) => {
  const chart = chartGeometry([1, 2], [], 'V')!;
  t.same([chart.top, chart.bottom], ['2.05 V', '0.95 V']);
});
