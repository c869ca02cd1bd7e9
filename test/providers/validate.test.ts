import t from 'tap';
import type { HardwareSnapshot } from '../../src/model/snapshot.js';
import { SnapshotError, type SnapshotLimits, validateSnapshot } from '../../src/providers/validate.js';

/** A snapshot using every list and every optional field once. */
function fullSnapshot(): HardwareSnapshot {
  return {
    system: { hostname: 'srv1', manufacturer: 'Dell Inc.', model: 'PowerEdge R6515', serialNumber: '7N62AI2', uuid: '83340ca8-cb49-4474-8c29-d2088ca84dd9' },
    chassis: [{ id: 'c', manufacturer: 'Dell Inc.', serialNumber: '7N62AI2', type: 'Rack Mount Chassis', tag: 'A1', model: 'R6515', partNumber: 'p', version: 'v' }],
    boards: [{ id: 'b', label: 'Baseboard', hostingBoard: true, serialNumber: '.7N62AI2.GRTCL6944100GP.' }],
    firmware: [{ id: 'bios', label: 'System BIOS', manufacturer: 'Dell Inc.', version: '2.2.4', releaseDate: new Date('2021-04-12') }],
    sensors: [{
      id: 't1', label: 'Inlet Temp', kind: 'temperature', unit: 'celsius', value: 24.5, decimals: 1,
      thresholds: { upperNonCritical: 42, upperCritical: 47, lowerCritical: -7 }, settable: ['upperCritical'],
      health: 'ok', thresholdsJudged: true, crossed: 'upperCritical', monitors: { kind: 'chassis', id: 'c' }, source: 'ipmi:0x04',
    }, {
      id: 'f1', label: 'Fan 1', kind: 'fan', unit: 'rpm', value: null, decimals: 0, unavailable: 'absent',
    }],
    discreteSensors: [{
      id: 'ps1-status', label: 'PS1 Status', kind: 'powerSupplyStatus', possibleStates: ['Presence detected', 'Failure detected'],
      state: 'Presence detected', health: 'ok', monitors: { kind: 'powerSupply', id: 'ps1' },
    }],
    fans: [{ id: 'fan1', label: 'Fan 1', speedSensor: 'f1', variableSpeed: true, desiredSpeed: 3000, status: 'absent', idleAllowed: false, redundancyGroup: 'fans', fru: { partNumber: 'x' } }],
    powerSupplies: [{ id: 'ps1', label: 'PS 1', ratedOutputWatts: 750, status: 'ok', sensors: ['ps1-status'], redundancyGroup: 'psu' }],
    processors: [{ id: 'cpu0', label: 'CPU 1', manufacturer: 'AMD', model: 'EPYC 7302P', cores: 16, threads: 32, maxSpeedMHz: 3300, currentSpeedMHz: 1500, status: 'ok' }],
    memory: [{ id: 'dimm0', label: 'A1', capacity: 17179869184, type: 'DDR4', speedMHz: 3200, manufacturer: 'Hynix', serialNumber: 's', partNumber: 'p', status: 'ok' }],
    batteries: [{ id: 'bat0', label: 'Battery', chargePercent: 80, charging: true, status: 'ok' }],
    redundancy: [{ id: 'fans', label: 'Fans', kind: 'fan', status: 'full', minNeeded: 5 }, { id: 'psu', label: 'PSUs', kind: 'powerSupply', status: 'degraded' }],
  };
}

function problem(value: unknown, limits?: SnapshotLimits): string {
  try {
    validateSnapshot(value, limits);
  } catch (error) {
    if (error instanceof SnapshotError) return error.message;
    throw error;
  }
  return 'valid';
}

/** The snapshot with one change applied by `edit`. */
function edited(edit: (s: Record<string, any>) => void): unknown {
  const snapshot = fullSnapshot() as Record<string, any>;
  edit(snapshot);
  return snapshot;
}

t.test('accepts a snapshot using every field, an empty one, and unknown keys', async (t) => {
  t.equal(problem(fullSnapshot()), 'valid');
  t.equal(problem({}), 'valid');
  t.equal(problem(edited((s) => { s.futureList = [1]; s.sensors[0].futureField = 'x'; })), 'valid');
});

t.test('the snapshot itself must be an object', async (t) => {
  t.equal(problem(null), 'snapshot: expected an object, got null');
  t.equal(problem(undefined), 'snapshot: expected an object, got undefined undefined');
  t.equal(problem([]), 'snapshot: expected an object, got an array');
  t.equal(problem('{}'), 'snapshot: expected an object, got string "{}"');
});

t.test('lists must be arrays of objects', async (t) => {
  t.equal(problem({ sensors: {} }), 'snapshot.sensors: expected an array, got an object');
  t.equal(problem({ fans: [null] }), 'snapshot.fans[0]: expected an object, got null');
});

t.test('names the first bad field by its path', async (t) => {
  const cases: [string, (s: Record<string, any>) => void, string | RegExp][] = [
    ['required field', (s) => delete s.sensors[1].decimals, 'snapshot.sensors[1].decimals: is required (id "f1")'],
    ['non-empty id', (s) => (s.fans[0].id = ' '), 'snapshot.fans[0].id: expected a non-empty string, got string " "'],
    ['string field', (s) => (s.system.model = 42), 'snapshot.system.model: expected a string, got number 42'],
    ['hostname', (s) => (s.system.hostname = ''), 'snapshot.system.hostname: expected a non-empty string, got string ""'],
    ['reading as text', (s) => (s.sensors[0].value = '24.5'), 'snapshot.sensors[0].value: expected a finite number or null, got string "24.5" (id "t1")'],
    ['reading NaN', (s) => (s.sensors[0].value = Number.NaN), 'snapshot.sensors[0].value: expected a finite number or null, got number NaN (id "t1")'],
    ['decimals', (s) => (s.sensors[0].decimals = 1.5), 'snapshot.sensors[0].decimals: expected an integer from 0 to 15, got number 1.5 (id "t1")'],
    ['decimals range', (s) => (s.sensors[0].decimals = 16), 'snapshot.sensors[0].decimals: expected an integer from 0 to 15, got number 16 (id "t1")'],
    ['threshold', (s) => (s.sensors[0].thresholds.upperCritical = '47'), 'snapshot.sensors[0].thresholds.upperCritical: expected a finite number, got string "47" (id "t1")'],
    ['threshold infinity', (s) => (s.sensors[0].thresholds.lowerFatal = -Infinity), 'snapshot.sensors[0].thresholds.lowerFatal: expected a finite number, got number -Infinity (id "t1")'],
    ['settable name', (s) => (s.sensors[0].settable = ['upper']), /^snapshot\.sensors\[0\]\.settable\[0\]: expected one of 'lowerNonCritical', .*'upperFatal', got string "upper" \(id "t1"\)$/],
    ['crossed name', (s) => (s.sensors[0].crossed = 'ucr'), /^snapshot\.sensors\[0\]\.crossed: expected one of 'lowerNonCritical', .*'upperFatal', got string "ucr" \(id "t1"\)$/],
    ['sensor kind', (s) => (s.sensors[0].kind = 'temp'), /^snapshot\.sensors\[0\]\.kind: expected one of 'temperature', 'voltage', .*, got string "temp" \(id "t1"\)$/],
    ['unit', (s) => (s.sensors[0].unit = 'C'), /^snapshot\.sensors\[0\]\.unit: expected one of 'celsius'/],
    ['health', (s) => (s.sensors[0].health = 'good'), /^snapshot\.sensors\[0\]\.health: expected one of 'ok', 'warning', 'critical', 'fatal', 'unknown', got string "good" \(id "t1"\)$/],
    ['unavailable', (s) => (s.sensors[1].unavailable = 'gone'), /^snapshot\.sensors\[1\]\.unavailable: expected one of 'absent', 'disabled', 'failed'/],
    ['monitors kind', (s) => (s.sensors[0].monitors.kind = 'cpu'), /^snapshot\.sensors\[0\]\.monitors\.kind: expected one of 'fan'/],
    ['monitors id', (s) => delete s.sensors[0].monitors.id, 'snapshot.sensors[0].monitors.id: is required (id "t1")'],
    ['discrete states', (s) => (s.discreteSensors[0].possibleStates = 'ok'), 'snapshot.discreteSensors[0].possibleStates: expected an array, got string "ok" (id "ps1-status")'],
    ['discrete health required', (s) => delete s.discreteSensors[0].health, 'snapshot.discreteSensors[0].health: is required (id "ps1-status")'],
    ['boolean', (s) => (s.fans[0].variableSpeed = 'yes'), 'snapshot.fans[0].variableSpeed: expected a boolean, got string "yes" (id "fan1")'],
    ['negative speed', (s) => (s.fans[0].desiredSpeed = -1), 'snapshot.fans[0].desiredSpeed: expected a finite number ≥ 0, got number -1 (id "fan1")'],
    ['device status', (s) => (s.fans[0].status = 'broken'), /^snapshot\.fans\[0\]\.status: expected one of 'ok', 'degraded', 'failed', 'absent', 'unknown'/],
    ['fru', (s) => (s.fans[0].fru.serialNumber = 7), 'snapshot.fans[0].fru.serialNumber: expected a string, got number 7 (id "fan1")'],
    ['psu sensors', (s) => (s.powerSupplies[0].sensors = [3]), 'snapshot.powerSupplies[0].sensors[0]: expected a non-empty string, got number 3 (id "ps1")'],
    ['date', (s) => (s.firmware[0].releaseDate = '2021-04-12'), 'snapshot.firmware[0].releaseDate: expected a valid Date, got string "2021-04-12" (id "bios")'],
    ['invalid date', (s) => (s.firmware[0].releaseDate = new Date('garbage')), 'snapshot.firmware[0].releaseDate: expected a valid Date, got an invalid Date (id "bios")'],
    ['firmware version', (s) => delete s.firmware[0].version, 'snapshot.firmware[0].version: is required (id "bios")'],
    ['judged flag', (s) => (s.sensors[0].thresholdsJudged = 'yes'), 'snapshot.sensors[0].thresholdsJudged: expected a boolean, got string "yes" (id "t1")'],
    ['board flag', (s) => (s.boards[0].hostingBoard = 1), 'snapshot.boards[0].hostingBoard: expected a boolean, got number 1 (id "b")'],
    ['chassis tag', (s) => (s.chassis[0].tag = null), 'snapshot.chassis[0].tag: expected a string, got null (id "c")'],
    ['memory capacity', (s) => (s.memory[0].capacity = '16 GB'), 'snapshot.memory[0].capacity: expected a finite number ≥ 0, got string "16 GB" (id "dimm0")'],
    ['processor cores', (s) => (s.processors[0].cores = Infinity), 'snapshot.processors[0].cores: expected a finite number ≥ 0, got number Infinity (id "cpu0")'],
    ['battery charge', (s) => (s.batteries[0].charging = 0), 'snapshot.batteries[0].charging: expected a boolean, got number 0 (id "bat0")'],
    ['redundancy kind', (s) => (s.redundancy[0].kind = 'psu'), "snapshot.redundancy[0].kind: expected one of 'fan', 'powerSupply', got string \"psu\" (id \"fans\")"],
    ['redundancy status', (s) => (s.redundancy[1].status = 'partial'), /^snapshot\.redundancy\[1\]\.status: expected one of 'full', 'degraded', 'lost', 'failed', 'unknown'/],
    ['long strings are cut', (s) => (s.sensors[0].kind = 'x'.repeat(100)), /got string "x{40}…" \(id "t1"\)$/],
  ];
  for (const [name, edit, expected] of cases) {
    if (typeof expected === 'string') t.equal(problem(edited(edit)), expected, name);
    else t.match(problem(edited(edit)), expected, name);
  }
});

t.test('ids are unique per kind; numeric and discrete sensors share one space', async (t) => {
  t.equal(
    problem(edited((s) => (s.fans.push({ ...s.fans[0] })))),
    'snapshot.fans[1].id: duplicate id "fan1" (also snapshot.fans[0].id)',
  );
  t.equal(
    problem(edited((s) => (s.discreteSensors[0].id = 't1'))),
    'snapshot.discreteSensors[0].id: duplicate id "t1" (also snapshot.sensors[0].id)',
  );
  t.equal(problem(edited((s) => (s.fans[0].id = 't1'))), 'valid', 'a fan may share an id with a sensor');
});

t.test('a list longer than the limit is refused', async (t) => {
  const sensors = Array.from({ length: 3 }, (_, i) => ({ id: `s${i}`, label: 'x', kind: 'other', unit: 'unspecified', value: 1, decimals: 0 }));
  t.equal(problem({ sensors }, { maxItemsPerList: 3 }), 'valid');
  t.equal(problem({ sensors }, { maxItemsPerList: 2 }), 'snapshot.sensors: more than 2 entries (3)');
  const many = Array.from({ length: 100_001 }, (_, i) => ({ ...sensors[0], id: `s${i}` }));
  t.equal(problem({ sensors: many.slice(0, 100_000) }), 'valid', 'by default as many as `--sim-sensors` allows');
  t.equal(problem({ sensors: many }), 'snapshot.sensors: more than 100000 entries (100001)');
});

t.test('the error carries the path', async (t) => {
  const error = t.throws(() => validateSnapshot({ sensors: [{}] })) as SnapshotError;
  t.equal(error.name, 'SnapshotError');
  t.equal(error.path, 'snapshot.sensors[0].id');
});

/** Validates `value`, returning what was cleaned. */
function cleanedOf(value: unknown): string[] {
  const cleaned: string[] = [];
  validateSnapshot(value, {}, cleaned);
  return cleaned;
}

t.test('characters XML cannot carry are served as U+FFFD, each string changed is told', async (t) => {
  const snapshot = edited((s) => {
    s.sensors[0].label = 'CPU \u001b[31mRED\u001b[0m';
    s.fans[0].id = 'fan\u0000';
    s.system.serialNumber = 'SN \ud800 cut';
    s.fans[0].fru.partNumber = 'x\ufffe';
  }) as Record<string, any>;
  t.same(cleanedOf(snapshot), [
    'snapshot.system.serialNumber: U+D800 at index 3 of "SN \\ud800 cut" is not a character XML can carry; served as U+FFFD',
    'snapshot.sensors[0].label: U+001B at index 4 of "CPU \\u001b[31mRED\\u001b[0m" is not a character XML can carry; served as U+FFFD',
    'snapshot.fans[0].id: U+0000 at index 3 of "fan\\u0000" is not a character XML can carry; served as U+FFFD',
    'snapshot.fans[0].fru.partNumber: U+FFFE at index 1 of "x\ufffe" is not a character XML can carry; served as U+FFFD',
  ]);
  t.equal(snapshot.sensors[0].label, 'CPU \ufffd[31mRED\ufffd[0m', 'every one in a string');
  t.equal(snapshot.fans[0].id, 'fan\ufffd');
  t.equal(snapshot.system.serialNumber, 'SN \ufffd cut');
});

t.test('characters XML can carry are left alone', async (t) => {
  const snapshot = edited((s) => {
    s.sensors[0].label = 'Température ☃ 温度 🔥\ttab\nline\r';
    s.fans[0].statusReason = '\ud83d\udd25 pair';
  }) as Record<string, any>;
  t.same(cleanedOf(snapshot), []);
  t.equal(snapshot.sensors[0].label, 'Température ☃ 温度 🔥\ttab\nline\r');
});

t.test('a frozen snapshot that would need cleaning is refused', async (t) => {
  const snapshot = Object.freeze({ system: Object.freeze({ hostname: 'h\u0007' }) });
  t.equal(problem(snapshot), 'snapshot.system.hostname: U+0007 at index 1 is not a character XML can carry, and the snapshot is frozen');
});

t.test('every lower threshold is below every upper one; each side may be out of order', async (t) => {
  t.equal(
    problem(edited((s) => (s.sensors[0].thresholds = { lowerCritical: 100, upperCritical: 90 }))),
    'snapshot.sensors[0].thresholds.lowerCritical: 100 is not below upperCritical 90 (id "t1")',
  );
  t.equal(
    problem(edited((s) => (s.sensors[0].thresholds = { lowerNonCritical: 47, upperNonCritical: 47 }))),
    'snapshot.sensors[0].thresholds.lowerNonCritical: 47 is not below upperNonCritical 47 (id "t1")',
  );
  t.equal(
    problem(edited((s) => (s.sensors[0].thresholds = { lowerFatal: 50, upperFatal: 90, upperCritical: 45 }))),
    'snapshot.sensors[0].thresholds.lowerFatal: 50 is not below upperCritical 45 (id "t1")',
  );
  t.equal(problem(edited((s) => (s.sensors[0].thresholds = { upperNonCritical: 95, upperCritical: 85, lowerCritical: 5, lowerNonCritical: 2 }))), 'valid');
});

t.test('a string longer than the limit is refused', async (t) => {
  t.equal(problem(edited((s) => (s.sensors[0].label = 'x'.repeat(1024)))), 'valid');
  t.equal(problem(edited((s) => (s.sensors[0].label = 'x'.repeat(1025)))), 'snapshot.sensors[0].label: more than 1024 characters (1025) (id "t1")');
  t.equal(problem({ system: { hostname: 'h', model: 'x'.repeat(9) } }, { maxTextLength: 8 }), 'snapshot.system.model: more than 8 characters (9)');
});

t.test('a reason for a missing reading goes with no reading', async (t) => {
  t.equal(
    problem(edited((s) => (s.sensors[0].unavailable = 'failed'))),
    "snapshot.sensors[0].unavailable: 'failed' says there is no reading, and value is 24.5: give value null, or no unavailable (id \"t1\")",
  );
  t.equal(problem(edited((s) => (s.sensors[1].unavailable = 'failed'))), 'valid', 'with value null');
});

t.test('a sensor is measured in a unit of its kind', async (t) => {
  t.equal(
    problem(edited((s) => (s.sensors[0].unit = 'rpm'))),
    "snapshot.sensors[0].unit: a temperature sensor is measured in 'celsius', 'fahrenheit', 'kelvin', 'unspecified', not 'rpm' (id \"t1\")",
  );
  t.equal(problem(edited((s) => (s.sensors[1].unit = 'celsius'))), "snapshot.sensors[1].unit: a fan sensor is measured in 'rpm', 'percent', 'unspecified', not 'celsius' (id \"f1\")");
  t.equal(problem(edited((s) => (s.sensors[1].unit = 'percent'))), 'valid', 'a fan in percent of its full speed');
  t.equal(problem(edited((s) => (s.sensors[0].unit = 'unspecified'))), 'valid', 'a record without a unit');
  t.equal(problem(edited((s) => { s.sensors[0].kind = 'other'; s.sensors[0].unit = 'ohms'; })), 'valid', 'other takes any');
});
