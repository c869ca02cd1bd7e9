/**
 * A numeric sensor's declared ranges (snapshot `ranges`) as CIM_NumericSensor's NominalReading, NormalMin,
 * NormalMax, MinReadable and MaxReadable: in the sensor's BaseUnits × 10^UnitModifier like CurrentReading,
 * NULL where the source declares none.
 */
import t from 'tap';
import { buildModel, checkProfileRules, type BuildProblem, type NumericSensor } from '../../src/model/index.js';
import { Model, input, sample, values } from './fixtures.js';

const RANGE_NAMES = ['NominalReading', 'NormalMin', 'NormalMax', 'MinReadable', 'MaxReadable'];

function build(sensors: NumericSensor[]): { model: Model; problems: BuildProblem[] } {
  const problems: BuildProblem[] = [];
  const entries = buildModel(input([sample({ sensors })]), { onProblem: (p) => problems.push(p) });
  return { model: new Model(entries), problems };
}

const fan: NumericSensor = {
  id: 'test:fan1', label: 'System Fan 1', kind: 'fan', unit: 'rpm', value: 7497, decimals: 0,
  // ceilometer-intel-sdr-v (ipmitool sdr -v type Fan): nominal 7497, normal 2499..12495.
  ranges: { nominal: 7497, normalMin: 2499, normalMax: 12495 },
};

t.test('declared ranges are served at the reading\'s UnitModifier; undeclared ones are NULL', async (t) => {
  const volts: NumericSensor = {
    id: 'test:12v', label: 'BB +12.0V', kind: 'voltage', unit: 'volts', value: 12.09, decimals: 2,
    thresholds: { lowerCritical: 10.65 },
    ranges: { nominal: 12, normalMin: 11.5, normalMax: 12.5, minReadable: 0, maxReadable: 13.9 },
  };
  const { model, problems } = build([fan, volts]);
  t.same(problems, []);
  t.same(values(model.one('Thincim_NumericSensor', 'test:12v'), ['UnitModifier', 'CurrentReading', 'LowerThresholdCritical', ...RANGE_NAMES]), {
    UnitModifier: -2, CurrentReading: 1209, LowerThresholdCritical: 1065,
    NominalReading: 1200, NormalMin: 1150, NormalMax: 1250, MinReadable: 0, MaxReadable: 1390,
  });
  t.same(values(model.one('Thincim_NumericSensor', 'test:fan1'), ['UnitModifier', 'CurrentReading', ...RANGE_NAMES]), {
    UnitModifier: 0, CurrentReading: 7497, NominalReading: 7497, NormalMin: 2499, NormalMax: 12495, MinReadable: null, MaxReadable: null,
  });
  t.same(checkProfileRules(model.entries), []);
});

t.test('a range never costs the reading its precision: one that does not fit a sint32 at the reading\'s UnitModifier is left out', async (t) => {
  const energy: NumericSensor = {
    id: 'test:e', label: 'Energy', kind: 'energy', unit: 'joules', value: 3.5, decimals: 3, ranges: { minReadable: 0, maxReadable: 5_000_000 },
  };
  const big: NumericSensor = { ...energy, id: 'test:big', value: 4_000_000, ranges: { maxReadable: 5_000_000 } };
  const { model, problems } = build([energy, big]);
  t.same(values(model.one('Thincim_NumericSensor', 'test:e'), ['UnitModifier', 'CurrentReading', 'MinReadable', 'MaxReadable']), {
    UnitModifier: -3, CurrentReading: 3500, MinReadable: 0, MaxReadable: null,
  }, '5e6 J at -3 is past 2^31');
  t.match(problems, [{ subject: 'test:e', message: "range maxReadable = 5000000 does not fit a sint32 at the reading's resolution (10^-3): left out" }]);
  t.same(values(model.one('Thincim_NumericSensor', 'test:big'), ['UnitModifier', 'CurrentReading', 'MaxReadable']), {
    UnitModifier: -2, CurrentReading: 400_000_000, MaxReadable: 500_000_000,
  }, 'where the reading itself needs a coarser UnitModifier, the range is written at it');
});

t.test('a range that is not a finite number is left out, with a problem', async (t) => {
  const { model, problems } = build([{ ...fan, ranges: { nominal: Number.NaN, normalMax: 12495, normalMin: undefined } }]);
  t.same(problems.map((p) => p.message), ['range nominal = NaN is not a finite number: left out'], 'an undefined one is just absent');
  t.match(values(model.one('Thincim_NumericSensor', 'test:fan1'), ['NominalReading', 'NormalMax']), { NominalReading: null, NormalMax: 12495 });
});

t.test('an inverted range is dropped, both its bounds, with a problem; the sensor and its other ranges are served', async (t) => {
  const { model, problems } = build([{ ...fan, ranges: { nominal: 7497, normalMin: 12495, normalMax: 2499, minReadable: 0, maxReadable: 16320 } }]);
  t.same(problems.map((p) => p.message), ['range normalMin 12495 is above normalMax 2499: both left out']);
  t.same(values(model.one('Thincim_NumericSensor', 'test:fan1'), ['CurrentReading', ...RANGE_NAMES]), {
    CurrentReading: 7497, NominalReading: 7497, NormalMin: null, NormalMax: null, MinReadable: 0, MaxReadable: 16320,
  });
});

t.test('a readable bound the reading contradicts is dropped, each sample', async (t) => {
  // SOURCE: ipmitool's verbose output of an HPE iLO's "02-CPU 1 (0x4)", quoted in a public GitHub project's IPMI
  // module: "Sensor Reading : 40 (+/- 0) degrees C", "Minimum sensor range : 110.000", "Maximum sensor range : Unspecified".
  const cpu: NumericSensor = {
    id: 'test:cpu', label: '02-CPU 1', kind: 'temperature', unit: 'celsius', value: 40, decimals: 0, ranges: { minReadable: 110, maxReadable: 255 },
  };
  const low = build([cpu]);
  t.same(low.problems.map((p) => p.message), ["range minReadable 110 is above the sensor's reading: left out"]);
  t.same(values(low.model.one('Thincim_NumericSensor', 'test:cpu'), ['MinReadable', 'MaxReadable']), { MinReadable: null, MaxReadable: 255 });
  const high = build([{ ...cpu, value: 120, ranges: { minReadable: 0, maxReadable: 100 } }]);
  t.same(values(high.model.one('Thincim_NumericSensor', 'test:cpu'), ['MinReadable', 'MaxReadable']), { MinReadable: 0, MaxReadable: null });
  const within = build([{ ...cpu, value: 110 }]);
  t.same([within.problems, values(within.model.one('Thincim_NumericSensor', 'test:cpu'), ['MinReadable'])], [[], { MinReadable: 110 }], 'at the bound is within');
});

t.test('a range of exactly -2^31 at the reading\'s resolution fits a sint32', async (t) => {
  const { model, problems } = build([{ ...fan, value: 0, ranges: { minReadable: -2147483648 } }]);
  t.same(problems, []);
  t.same(values(model.one('Thincim_NumericSensor', 'test:fan1'), ['UnitModifier', 'MinReadable']), { UnitModifier: 0, MinReadable: -2147483648 });
});
