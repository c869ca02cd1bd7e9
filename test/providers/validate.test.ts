import t from 'tap';
import type { HardwareSnapshot } from '../../src/model/snapshot.js';
import { settleRefused } from '../../src/providers/refused.js';
import {
  acceptSnapshot, refusedText, SnapshotError, unknownKeys, validateSnapshot, type RefusedItem, type SnapshotLimits,
} from '../../src/providers/validate.js';

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
      ranges: { nominal: 25, normalMin: 10, normalMax: 40, minReadable: -128, maxReadable: 127 },
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

t.test('unknownKeys: the keys no type declares, with where they are and what is declared there', async (t) => {
  t.same(unknownKeys(fullSnapshot()), [], 'every field of every list, nested ones included');
  const typos = edited((s) => {
    s.sensor = [];
    s.system.serial = 'x';
    s.sensors[0].thresholds.upperCrit = 90;
    s.sensors[1].labell = 'Fan 1';
    s.sensors[0].monitors.ID = 'c';
    s.sensors[0].ranges.nominalReading = 25;
    s.fans[0].fru.partNo = 'x';
  }) as HardwareSnapshot;
  t.same(unknownKeys(typos).map(({ path, key, id }) => [path, key, id]), [
    ['snapshot.sensor', 'sensor', undefined],
    ['snapshot.system.serial', 'serial', undefined],
    ['snapshot.sensors[0].thresholds.upperCrit', 'upperCrit', 't1'],
    ['snapshot.sensors[0].ranges.nominalReading', 'nominalReading', 't1'],
    ['snapshot.sensors[0].monitors.ID', 'ID', 't1'],
    ['snapshot.sensors[1].labell', 'labell', 'f1'],
    ['snapshot.fans[0].fru.partNo', 'partNo', 'fan1'],
  ]);
  t.ok(unknownKeys(typos)[2]!.known.includes('upperCritical'), 'the keys declared where it is');
  t.same(unknownKeys({ sensors: 5 as never, fans: [null as never] }), [], 'what the checks refuse is theirs to tell');
});

t.test('the snapshot itself must be an object', async (t) => {
  t.equal(problem(null), 'snapshot: expected an object, got null');
  t.equal(problem(undefined), 'snapshot: expected an object, got undefined', 'what a sample() without a return gives');
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

t.test('declared ranges are finite numbers; an inverted one does not refuse the sensor (the model drops it); the nominal reading may lie outside', async (t) => {
  t.equal(
    problem(edited((s) => (s.sensors[0].ranges = { nominal: '25' }))),
    'snapshot.sensors[0].ranges.nominal: expected a finite number, got string "25" (id "t1")',
  );
  // The reading and its verdict are the product; ranges are guidance (test/model/ranges.test.ts: the pair is dropped).
  t.equal(problem(edited((s) => (s.sensors[0].ranges = { minReadable: 10, maxReadable: 5 }))), 'valid');
  t.equal(problem(edited((s) => (s.sensors[0].ranges = { normalMin: 41, normalMax: 40 }))), 'valid');
  const refused: RefusedItem[] = [];
  const kept = acceptSnapshot(edited((s) => (s.sensors[0].ranges = { normalMin: 41, normalMax: 40 })), {}, [], refused);
  t.same(refused, [], 'acceptSnapshot refuses nothing');
  t.same(kept.sensors?.find((s) => s.id === 't1')?.ranges, { normalMin: 41, normalMax: 40 }, 'and keeps the sensor');
  // ironic-dell-sdr-v: "FAN MOD 1A RPM" Nominal 5325 below its Normal Minimum 10425, as the BMC declares it.
  t.equal(problem(edited((s) => (s.sensors[0].ranges = { nominal: 5325, normalMin: 10425, normalMax: 14775 }))), 'valid');
  t.equal(problem(edited((s) => (s.sensors[0].ranges = { normalMin: 40, normalMax: 40, minReadable: 0, maxReadable: 0 }))), 'valid');
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

// ---- per-item tolerance -------------------------------------------------------

/** What the broker serves of `value`: the ids kept in each list, and the refused items as told. */
function accepted(value: unknown) {
  const refused: RefusedItem[] = [];
  const snapshot = acceptSnapshot(value, {}, [], refused);
  return { snapshot, refused, told: refused.map(refusedText) };
}

const ids = (list: { id: string }[] | undefined) => (list ?? []).map((item) => item.id);

t.test('a valid sample is served as it is, without a copy', async (t) => {
  const snapshot = fullSnapshot();
  const { snapshot: served, refused } = accepted(snapshot);
  t.equal(served, snapshot);
  t.same(refused, []);
});

t.test('a bad field refuses its item only; the rest of the sample is served', async (t) => {
  const cases: [string, (s: Record<string, any>) => void, string, string][] = [
    ['a non-finite reading', (s) => (s.sensors[0].value = Number.POSITIVE_INFINITY), 'sensors',
      'snapshot.sensors[0].value: expected a finite number or null, got number Infinity (id "t1")'],
    ['an inverted threshold', (s) => (s.sensors[0].thresholds = { lowerCritical: 100, upperCritical: 90 }), 'sensors',
      'snapshot.sensors[0].thresholds.lowerCritical: 100 is not below upperCritical 90 (id "t1")'],
    ['a unit that does not fit the kind', (s) => (s.sensors[0].unit = 'rpm'), 'sensors',
      "snapshot.sensors[0].unit: a temperature sensor is measured in 'celsius', 'fahrenheit', 'kelvin', 'unspecified', not 'rpm' (id \"t1\")"],
    ['an over-long string', (s) => (s.sensors[0].label = 'x'.repeat(1025)), 'sensors',
      'snapshot.sensors[0].label: more than 1024 characters (1025) (id "t1")'],
    ['a bad id', (s) => (s.sensors[0].id = ''), 'sensors', 'snapshot.sensors[0].id: expected a non-empty string, got string ""'],
    ['a fan status', (s) => (s.fans[0].status = 'spinning'), 'fans',
      "snapshot.fans[0].status: expected one of 'ok', 'degraded', 'failed', 'absent', 'unknown', got string \"spinning\" (id \"fan1\")"],
    ['a memory capacity', (s) => (s.memory[0].capacity = '16 GB'), 'memory',
      'snapshot.memory[0].capacity: expected a finite number ≥ 0, got string "16 GB" (id "dimm0")'],
    ['a firmware date', (s) => (s.firmware[0].releaseDate = 'soon'), 'firmware',
      'snapshot.firmware[0].releaseDate: expected a valid Date, got string "soon" (id "bios")'],
    ['an item that is no object', (s) => (s.batteries[0] = null), 'batteries', 'snapshot.batteries[0]: expected an object, got null'],
  ];
  for (const [name, edit, list, told] of cases) {
    const sample = edited(edit) as Record<string, any>;
    const { snapshot, told: refused } = accepted(sample);
    t.same(refused, [told], name);
    t.equal((snapshot as Record<string, unknown[]>)[list]!.length, sample[list].length - 1, `${name}: the item is left out`);
    t.equal(sample[list].length, fullSnapshot()[list as 'sensors']!.length, `${name}: the provider's list is left alone`);
    t.same(ids(snapshot.processors), ['cpu0'], `${name}: the other lists are served`);
  }
  const { snapshot, refused } = accepted(edited((s) => (s.sensors[0].value = Number.NaN)));
  t.same(ids(snapshot.sensors), ['f1'], 'the other sensors are served');
  t.match(refused, [{ list: 'sensors', index: 0, id: 't1', field: '.value' }]);
  t.equal(accepted(edited((s) => (s.sensors[0].id = 7))).refused[0]!.id, undefined, 'a bad id is no id to follow');
  // Every shape checks the id first, so a refusal names the id only when it passed: every other field here is bad too.
  for (const [list, items] of Object.entries(fullSnapshot()).filter(([list]) => list !== 'system')) {
    const item = { ...Object.fromEntries(Object.keys(items[0]).map((key) => [key, Number.NaN])), id: '' };
    const { told } = accepted(edited((s) => (s[list][0] = item)));
    t.same(told, [`snapshot.${list}[0].id: expected a non-empty string, got string ""`], `${list}: the id is checked first`);
  }
});

t.test('a later item with an id already seen is refused; the first keeps the id', async (t) => {
  const { snapshot, told } = accepted(edited((s) => {
    s.fans.push({ ...s.fans[0], label: 'Fan 1 again' });
    s.discreteSensors[0].id = 't1';
  }));
  t.same(told, [
    'snapshot.discreteSensors[0].id: duplicate id "t1" (also snapshot.sensors[0].id)',
    'snapshot.fans[1].id: duplicate id "fan1" (also snapshot.fans[0].id)',
  ]);
  t.same(snapshot.fans!.map((f) => f.label), ['Fan 1']);
  t.same(snapshot.discreteSensors, []);
  const second = accepted(edited((s) => {
    s.sensors[0].value = 'x';
    s.sensors.push({ ...fullSnapshot().sensors![0] });
  }));
  t.same(ids(second.snapshot.sensors), ['f1', 't1'], 'an invalid first item does not hold the id');
  t.equal(second.refused.length, 1);
});

t.test('what concerns the sample as a whole still refuses it', async (t) => {
  t.throws(() => accepted(null), { message: 'snapshot: expected an object, got null' });
  t.throws(() => accepted({ sensors: 'all of them' }), { message: 'snapshot.sensors: expected an array, got string "all of them"' });
  t.throws(() => acceptSnapshot({ fans: [{}, {}] }, { maxItemsPerList: 1 }), { message: 'snapshot.fans: more than 1 entries (2)' });
  t.throws(() => accepted({ system: { hostname: '' } }), { message: 'snapshot.system.hostname: expected a non-empty string, got string ""' });
});

t.test('strings are cleaned in the items served, told by their place in the sample', async (t) => {
  const cleaned: string[] = [];
  const sample = edited((s) => {
    s.sensors[0].value = 'x';
    s.sensors[0].label = 'bad \u0007';
    s.sensors[1].label = 'Fan \u0007';
  });
  const snapshot = acceptSnapshot(sample, {}, cleaned, []);
  t.same(cleaned, ['snapshot.sensors[1].label: U+0007 at index 4 of "Fan \\u0007" is not a character XML can carry; served as U+FFFD']);
  t.equal(snapshot.sensors![0]!.label, 'Fan \ufffd');
});

// ---- what is served in place of refused items ---------------------------------------

/** The sample `edit` makes of the full snapshot, settled against `previous` as the broker serves it. */
function settled(edit: (s: Record<string, any>) => void, previous?: HardwareSnapshot) {
  const refused: RefusedItem[] = [];
  const snapshot = acceptSnapshot(edited(edit), {}, [], refused);
  return settleRefused(snapshot, refused, previous, {});
}

t.test('references to a refused item are dropped, not the items holding them', async (t) => {
  const { snapshot, lost } = settled((s) => {
    s.sensors[1].value = 'x';            // f1: the fan's speed sensor
    s.discreteSensors[0].health = 'meh'; // ps1-status: in the supply's sensors
    s.fans[0].status = 'whirring';       // fan1: monitored by a new sensor below
    s.redundancy[1].status = 'so-so';    // psu: the supply's redundancy group
    s.sensors.push({ id: 'fan1-temp', label: 'Fan 1 Temp', kind: 'temperature', unit: 'celsius', value: 30, decimals: 0, monitors: { kind: 'fan', id: 'fan1' } });
  });
  t.same(lost, new Map());
  t.same(ids(snapshot.sensors), ['t1', 'fan1-temp']);
  t.equal(snapshot.sensors![1]!.monitors, undefined, 'a sensor of a refused fan is served, not linked');
  t.same(snapshot.sensors![0]!.monitors, { kind: 'chassis', id: 'c' }, 'other links are kept');
  t.same(ids(snapshot.fans), []);
  t.same(snapshot.powerSupplies, [{ id: 'ps1', label: 'PS 1', ratedOutputWatts: 750, status: 'ok', sensors: [] }], 'the supply, without its refused sensor and group');
  t.same(ids(snapshot.redundancy), ['fans']);
});

t.test('dropping a reference does not cascade: the item keeps its other links', async (t) => {
  const { snapshot } = settled((s) => {
    s.sensors[1].value = 'x'; // f1: the fan's speed sensor
    s.sensors.push({ id: 'fan1-temp', label: 'Fan 1 Temp', kind: 'temperature', unit: 'celsius', value: 30, decimals: 0, monitors: { kind: 'fan', id: 'fan1' } });
  });
  t.match(snapshot.fans, [{ id: 'fan1', redundancyGroup: 'fans' }]);
  t.equal(snapshot.fans![0]!.speedSensor, undefined);
  t.same(snapshot.sensors![1]!.monitors, { kind: 'fan', id: 'fan1' }, 'what refers to the fan still does');
  t.same(ids(snapshot.redundancy), ['fans', 'psu']);
});

t.test('an item the sample before served is served again as it was, lost, and its references kept', async (t) => {
  const previous = fullSnapshot();
  previous.sensors![1] = { ...previous.sensors![1]!, value: 2400, unavailable: undefined };
  delete previous.sensors![1]!.unavailable;
  const { snapshot, lost } = settled((s) => {
    s.sensors[1].value = Number.NaN;     // f1, served before with 2400 RPM
    s.fans[0].desiredSpeed = -5;         // fan1
    s.batteries[0].charging = 'yes';     // bat0
    s.sensors.push({ id: 'new', label: 'New', kind: 'other', unit: 'unspecified', value: '1', decimals: 0 }); // never served
  }, previous);
  const f1 = snapshot.sensors!.find((s) => s.id === 'f1')!;
  t.equal(f1.value, null, 'a sensor without its reading: the model serves its last one, lost');
  t.equal(f1.label, 'Fan 1');
  t.equal(lost.get(f1), "invalid in the provider's sample (value)");
  t.equal(snapshot.fans![0], previous.fans![0], 'a device as it was');
  t.equal(lost.get(snapshot.fans![0]!), "invalid in the provider's sample (desiredSpeed)");
  t.equal(lost.get(snapshot.batteries![0]!), "invalid in the provider's sample (charging)");
  t.equal(lost.size, 3);
  t.notOk(snapshot.sensors!.some((s) => s.id === 'new'), 'an item never served is not');
  t.equal(snapshot.fans![0]!.speedSensor, 'f1', 'references to what is served again are kept');
});

t.test('nothing is served again for a duplicate, nor what the provider has spoilt since', async (t) => {
  const previous = fullSnapshot();
  const dup = settled((s) => s.fans.push({ ...s.fans[0] }), previous);
  t.same(dup.lost, new Map(), 'the first item serves the id');
  t.equal(dup.snapshot.fans!.length, 1);
  // A provider that changes its items in place: the item served before is the one now invalid.
  const fan = previous.fans![0] as unknown as Record<string, unknown>;
  fan.status = 'broken';
  const spoilt = settled((s) => (s.fans[0] = fan), previous);
  t.same(spoilt.snapshot.fans, []);
  t.same(spoilt.lost, new Map());
});

t.test('an item served again stays lost when a reference it holds is dropped', async (t) => {
  // The reviewer's case: fan1 named group g1, which the sample before did not have.
  const previous = fullSnapshot();
  previous.fans![0] = { ...previous.fans![0]!, status: 'ok', redundancyGroup: 'g1' };
  const { snapshot, lost } = settled((s) => {
    s.fans[0] = { ...s.fans[0], status: 'failed', label: 'x'.repeat(1025), redundancyGroup: 'g1' };
    s.redundancy.push({ id: 'g1', label: 'G1', kind: 'fan', status: 'bogus' }); // refused, never served
  }, previous);
  const fan = snapshot.fans![0]!;
  t.match(fan, { id: 'fan1', label: 'Fan 1', status: 'ok' }, 'the fan as served before');
  t.equal(fan.redundancyGroup, undefined, 'without its group, which is not served');
  t.equal(lost.get(fan), "invalid in the provider's sample (label)", 'lost: its failure is not hidden behind the old status');
  t.equal(lost.size, 1);
});
