import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { DEFAULT_SCENARIO, ScenarioError, type Scenario } from '../index.js';
import { loadScenario, parseScenario, validateScenario } from '../scenario-check.js';

/** A small valid scenario, fresh for each mutation. */
function base(): Scenario {
  return structuredClone({
    sensors: [
      { id: 'fan1-rpm', label: 'Fan 1', kind: 'fan', unit: 'rpm', decimals: 0, value: 9000, thresholds: { lowerCritical: 1000, lowerNonCritical: 2000 }, monitors: { kind: 'fan', id: 'fan1' } },
      { id: 'cpu', label: 'CPU', kind: 'temperature', unit: 'celsius', decimals: 1, value: 50, thresholds: { upperCritical: 90 }, settable: ['upperCritical'] },
    ],
    discreteSensors: [{ id: 'lid', label: 'Lid', kind: 'intrusion', possibleStates: ['Closed', 'Open'], state: 'Closed', health: 'ok' }],
    fans: [{ id: 'fan1', label: 'Fan 1', speedSensor: 'fan1-rpm', redundancyGroup: 'fans' }],
    powerSupplies: [{ id: 'psu1', label: 'PSU 1', sensors: ['cpu'], redundancyGroup: 'psus' }],
    redundancy: [{ id: 'fans', label: 'Fans', kind: 'fan', minNeeded: 1 }, { id: 'psus', label: 'PSUs', kind: 'powerSupply', minNeeded: 1 }],
    timeline: { events: [{ at: 10, sensor: 'cpu', value: 95 }, { at: 20, discreteSensor: 'lid', state: 'Open' }, { at: 30, powerSupply: 'psu1', status: 'failed' }] },
  } satisfies Scenario);
}

/** The error a mutated scenario gets. */
function errorOf(mutate: (s: Record<string, any>) => void): ScenarioError {
  const scenario = base() as Record<string, any>;
  mutate(scenario);
  try {
    validateScenario(scenario);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('the scenario was accepted');
}

t.test('the built-in scenario and the base are valid', async (t) => {
  t.doesNotThrow(() => validateScenario(base()));
  // The broker does not check the built-in scenario at start (builtinScenario): this does.
  t.doesNotThrow(() => validateScenario(structuredClone(DEFAULT_SCENARIO)));
  t.equal(DEFAULT_SCENARIO.sensors?.length, 23);
  t.equal(DEFAULT_SCENARIO.fans?.length, 6);
  t.equal(DEFAULT_SCENARIO.powerSupplies?.length, 2);
  t.equal(validateScenario({}).sensors, undefined, 'an empty host is a scenario too');
});

t.test('schema errors name the JSON path', async (t) => {
  const cases: [string, (s: Record<string, any>) => void, string, RegExp][] = [
    ['unknown property', (s) => { s.sensors[1].valeu = 1; }, '$.sensors[1]', /unknown property "valeu"/],
    ['missing property', (s) => { delete s.sensors[0].decimals; }, '$.sensors[0]', /missing property "decimals"/],
    ['bad enum', (s) => { s.sensors[1].kind = 'heat'; }, '$.sensors[1].kind', /must be one of "temperature"/],
    ['wrong type', (s) => { s.sensors[1].value = '50'; }, '$.sensors[1].value', /must be number/],
    ['decimals range', (s) => { s.sensors[1].decimals = 12; }, '$.sensors[1].decimals', /must be <= 9/],
    ['unknown threshold', (s) => { s.sensors[1].thresholds.upper = 3; }, '$.sensors[1].thresholds', /unknown property "upper"/],
    ['id with #', (s) => { s.fans[0].id = 'fan#1'; }, '$.fans[0].id', /must match pattern/],
    ['top level', (s) => { s.sensor = []; }, '$', /unknown property "sensor"/],
    ['event time', (s) => { s.timeline.events[0].at = -1; }, '$.timeline.events[0].at', /must be >= 0/],
    ['sensor event field', (s) => { s.timeline.events[0].state = 'x'; }, '$.timeline.events[0]', /unknown property "state"/],
    ['discrete event state', (s) => { delete s.timeline.events[1].state; }, '$.timeline.events[1]', /missing property "state"/],
    ['device event status', (s) => { s.timeline.events[2].status = 'broken'; }, '$.timeline.events[2].status', /must be one of "ok"/],
    ['no target', (s) => { s.timeline.events.push({ at: 1 }); }, '$.timeline.events[3]', /missing property "status"/],
    ['loop', (s) => { s.timeline.loopSeconds = 0; }, '$.timeline.loopSeconds', /must be > 0/],
    ['odd key', (s) => { s.chassis = [{ id: 'c', 'a b': 1 }]; }, '$.chassis[0]', /unknown property "a b"/],
  ];
  for (const [name, mutate, path, message] of cases) {
    const error = errorOf(mutate);
    t.equal(error.code, 'SCHEMA', name);
    t.equal(error.path, path, name);
    t.match(error.message, message, name);
  }
  const notObject = (() => { try { validateScenario([]); } catch (e) { return e as ScenarioError; } })();
  t.match(notObject, { code: 'SCHEMA', path: '$', message: /must be object/ });
});

t.test('reference errors name the JSON path', async (t) => {
  const cases: [string, (s: Record<string, any>) => void, string, RegExp][] = [
    ['duplicate id', (s) => { s.sensors[1].id = 'fan1-rpm'; }, '$.sensors[1].id', /duplicate id "fan1-rpm"/],
    ['threshold order', (s) => { s.sensors[0].thresholds.lowerCritical = 2500; }, '$.sensors[0].thresholds.lowerNonCritical', /lowerNonCritical \(2000\) is below lowerCritical \(2500\)/],
    ['a lower threshold at an upper one', (s) => { s.sensors[0].thresholds = { lowerCritical: 300, upperCritical: 300 }; }, '$.sensors[0].thresholds.upperCritical', /upperCritical \(300\) is not above lowerCritical \(300\)/],
    ['an inverted readable range', (s) => { s.sensors[0].ranges = { minReadable: 100, maxReadable: 0 }; }, '$.sensors[0].ranges.maxReadable', /maxReadable \(0\) is below minReadable \(100\)/],
    ['an inverted normal range', (s) => { s.sensors[0].ranges = { normalMin: 9, normalMax: 8 }; }, '$.sensors[0].ranges.normalMax', /normalMax \(8\) is below normalMin \(9\)/],
    ['unit of its kind', (s) => { s.sensors[0].unit = 'celsius'; }, '$.sensors[0].unit', /a fan sensor is measured in 'rpm', 'percent', 'unspecified', not 'celsius'/],
    ['settable without value', (s) => { s.sensors[1].settable = ['upperCritical', 'lowerFatal']; }, '$.sensors[1].settable[1]', /"lowerFatal" has no value/],
    ['monitors', (s) => { s.sensors[0].monitors.id = 'fan9'; }, '$.sensors[0].monitors.id', /no fan with id "fan9"/],
    ['monitors a list by kind', (s) => { s.sensors[1].monitors = { kind: 'powerSupply', id: 'psu1' }; }, '', /accepted/],
    ['discrete state', (s) => { s.discreteSensors[0].state = 'Ajar'; }, '$.discreteSensors[0].state', /"Ajar" is not one of possibleStates/],
    ['discrete monitors', (s) => { s.discreteSensors[0].monitors = { kind: 'battery', id: 'b' }; }, '$.discreteSensors[0].monitors.id', /no battery/],
    ['speed sensor', (s) => { s.fans[0].speedSensor = 'fan2-rpm'; }, '$.fans[0].speedSensor', /no sensor with id "fan2-rpm"/],
    ['fan group', (s) => { s.fans[0].redundancyGroup = 'nope'; }, '$.fans[0].redundancyGroup', /no redundancy group with id "nope"/],
    ['group kind', (s) => { s.fans[0].redundancyGroup = 'psus'; }, '$.fans[0].redundancyGroup', /redundancy group "psus" is of kind powerSupply, not fan/],
    ['psu sensor', (s) => { s.powerSupplies[0].sensors = ['cpu', 'x']; }, '$.powerSupplies[0].sensors[1]', /no sensor with id "x"/],
    ['psu group', (s) => { s.powerSupplies[0].redundancyGroup = 'fans'; }, '$.powerSupplies[0].redundancyGroup', /is of kind fan, not powerSupply/],
    ['event sensor', (s) => { s.timeline.events[0].sensor = 'gpu'; }, '$.timeline.events[0].sensor', /no sensor with id "gpu"/],
    ['event actions', (s) => { s.timeline.events[0].restore = true; }, '$.timeline.events[0]', /exactly one of "value", "restore", "unavailable"/],
    ['event no action', (s) => { delete s.timeline.events[0].value; }, '$.timeline.events[0]', /exactly one of/],
    ['event discrete', (s) => { s.timeline.events[1].discreteSensor = 'door'; }, '$.timeline.events[1].discreteSensor', /no discrete sensor with id "door"/],
    ['event discrete state', (s) => { s.timeline.events[1].state = 'Ajar'; }, '$.timeline.events[1].state', /not one of the sensor's possibleStates/],
    ['event device', (s) => { s.timeline.events[2].powerSupply = 'psu9'; }, '$.timeline.events[2].powerSupply', /no powerSupply with id "psu9"/],
    ['event two targets', (s) => { s.timeline.events[2].fan = 'fan1'; }, '$.timeline.events[2]', /exactly one target/],
  ];
  for (const [name, mutate, path, message] of cases) {
    if (path === '') {
      const scenario = base() as Record<string, any>;
      mutate(scenario);
      t.doesNotThrow(() => validateScenario(scenario), name);
      continue;
    }
    const error = errorOf(mutate);
    t.equal(error.code, 'REFERENCE', name);
    t.equal(error.path, path, name);
    t.match(error.message, message, name);
  }
});

t.test('syntax errors name the line and column', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['{\n  "sensors": [\n    {"id": "a",}\n  ]\n}', 'line 3, column 16', /unexpected "}"/],
    ['{"a": 1', 'line 1, column 8', /unexpected end of text/],
    ['{"a": 1} x', 'line 1, column 10', /unexpected "x"/],
    ['{"a": tru}', 'line 1, column 7', /unexpected "t"/],
    ['{"a": "b\nc"}', 'line 1, column 9', /unexpected "\\n"/],
    ['', 'line 1, column 1', /unexpected end of text/],
    ['{"a": "\\u00e9\\n", "b": 01}', 'line 1, column 25', /unexpected "1"/],
    ['{"a" 1}', 'line 1, column 6', /unexpected "1"/],
    ['[1 2]', 'line 1, column 4', /unexpected "2"/],
    ['{"a": "\\x"}', 'line 1, column 8', /unexpected "\\\\"/],
    ['{"a": [], "b": {}, "c": -1.5e3, "d": null, 3}', 'line 1, column 44', /unexpected "3"/],
    ['['.repeat(300), 'line 1, column 257', /nesting deeper than 256/],
  ];
  for (const [text, path, message] of cases) {
    try {
      parseScenario(text, 'my.json');
      t.fail(`accepted ${JSON.stringify(text)}`);
    } catch (error) {
      t.match(error, { name: 'ScenarioError', code: 'SYNTAX', path, file: 'my.json' }, JSON.stringify(text.slice(0, 20)));
      t.match((error as Error).message, message);
      t.match((error as Error).message, /^my\.json: line/);
    }
  }
  t.same(parseScenario('{"name": "x"}'), { name: 'x' });
});

t.test('scenario files', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'thincim-sim-'));
  const good = join(dir, 'good.json');
  await writeFile(good, JSON.stringify(base()));
  t.same(await loadScenario(good), base());
  await t.rejects(loadScenario(join(dir, 'missing.json')), { code: 'READ', path: '$', message: /cannot read the scenario: ENOENT/ });
  await t.rejects(loadScenario(good, 10), { code: 'TOO_LARGE', message: /more than the 10 allowed \(maxScenarioBytes\)/ });
  const bad = join(dir, 'bad.json');
  await writeFile(bad, '{"sensors": [{"id": "x"}]}');
  await t.rejects(loadScenario(bad), { code: 'SCHEMA', path: '$.sensors[0]', file: bad });
});
