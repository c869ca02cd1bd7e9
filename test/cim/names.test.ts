import t from 'tap';
import {
  CIMClass, CIMClassName, CIMDateTime, CIMInstance, CIMInstanceName, DEFAULT_FLAVORS, NocaseMap, cimProperty, normalizeNamespace, sameName,
  type CIMQualifier,
} from '../../src/cim/index.js';

t.test('NocaseMap: case-insensitive lookups, defining spelling kept', async (t) => {
  const map = new NocaseMap<number>([['DeviceID', 1], ['ElementName', 2]]);
  t.equal(map.get('deviceid'), 1);
  t.equal(map.get('DEVICEID'), 1);
  t.ok(map.has('elementNAME'));
  t.equal(map.nameOf('elementname'), 'ElementName');
  t.equal(map.nameOf('nothing'), undefined);
  t.equal(map.size, 2);
  map.set('deviceId', 3);
  t.same([...map], [['deviceId', 3], ['ElementName', 2]], 'a reset keeps the position and takes the new spelling');
  t.same([...map.keys()], ['deviceId', 'ElementName']);
  t.same([...map.values()], [3, 2]);
  const copy = map.clone();
  t.ok(map.delete('ELEMENTNAME'));
  t.notOk(map.delete('ElementName'));
  t.equal(copy.size, 2, 'a clone is independent');
  t.ok(sameName('CIM_Fan', 'cim_fan'));
  t.notOk(sameName('CIM_Fan', 'CIM_Fans'));
});

t.test('NocaseMap: each map keeps its own spelling of a name, past the process-wide tables too', async (t) => {
  const usual = new NocaseMap<number>([['PowerOnHours', 1]]);
  const shouting = new NocaseMap<number>([['POWERONHOURS', 2]]);
  t.same([...usual.keys()], ['PowerOnHours']);
  t.same([...shouting.keys()], ['POWERONHOURS']);
  shouting.set('PowerOnHours', 3);
  t.same([...shouting], [['PowerOnHours', 3]], 'back to the usual spelling');
  shouting.set('poweronhours', 4);
  t.same([...shouting], [['poweronhours', 4]]);
  t.same([...usual.keys()], ['PowerOnHours'], 'the other map is untouched');
  // More names than the process keeps folded and spelled: the maps still answer exactly.
  const names = Array.from({ length: 20_000 }, (_, i) => `Name${i}X`);
  const many = new NocaseMap<number>(names.map((name, i) => [name, i]));
  const lower = new NocaseMap<number>(names.map((name, i) => [name.toLowerCase(), i]));
  t.equal(many.get('NAME19999x'), 19_999);
  t.equal(many.nameOf('name19999x'), 'Name19999X');
  t.equal(lower.nameOf('NAME19999X'), 'name19999x');
  t.same([...many.keys()].slice(-2), ['Name19998X', 'Name19999X']);
});

t.test('NocaseMap.over: own entries over a shared base, in the base\'s order, neither changed', async (t) => {
  const base = new NocaseMap<number>([['A', 1], ['B', 2], ['C', 3]]);
  const own = new NocaseMap<number>([['b', 20], ['Extra', 40]]);
  const map = NocaseMap.over(base, own);
  t.same([...map], [['A', 1], ['b', 20], ['C', 3], ['Extra', 40]], 'base order, own values and spellings, then own extras');
  t.equal(map.size, 4);
  t.equal(map.get('B'), 20);
  t.equal(map.get('c'), 3, 'read through to the base');
  t.equal(map.nameOf('extra'), 'Extra');
  map.set('C', 30).set('New', 50);
  t.same([...map], [['A', 1], ['b', 20], ['C', 30], ['Extra', 40], ['New', 50]]);
  t.equal(map.size, 5);
  t.same([...base], [['A', 1], ['B', 2], ['C', 3]], 'the base is untouched');
  t.same([...own], [['b', 20], ['Extra', 40]], 'the own map is untouched');
  t.ok(map.delete('a'));
  t.notOk(map.has('A'));
  t.same([...map.keys()], ['b', 'C', 'Extra', 'New']);
  t.equal(base.get('A'), 1, 'a delete does not reach the base');
  const copy = NocaseMap.over(base, new NocaseMap<number>());
  t.equal(copy.size, 3, 'an empty own map is the base');
  const layered = NocaseMap.over(NocaseMap.over(base, own), new NocaseMap<number>([['Z', 9], ['a', 0]]));
  t.same([...layered], [['a', 0], ['b', 20], ['C', 3], ['Extra', 40], ['Z', 9]], 'a base that is itself an overlay is copied');
});

t.test('NocaseMap.forEach, values and hasEvery visit what iteration does, flat or over a base', async (t) => {
  const base = new NocaseMap<number>([['A', 1], ['B', 2], ['C', 3]]);
  const maps = {
    flat: new NocaseMap<number>([['x', 1], ['Y', 2]]),
    overlay: NocaseMap.over(base, new NocaseMap<number>([['b', 20], ['Extra', 40]])),
    empty: new NocaseMap<number>(),
  };
  const expected = {
    flat: [['x', 1], ['Y', 2]],
    overlay: [['A', 1], ['b', 20], ['C', 3], ['Extra', 40]],
    empty: [],
  };
  for (const [label, map] of Object.entries(maps)) {
    const entries = expected[label as keyof typeof maps];
    const visited: [string, number][] = [];
    map.forEach((value, name) => visited.push([name, value]));
    t.same(visited, entries, `${label}: forEach visits the entries in order, under their spellings`);
    t.same([...map], entries, `${label}: iteration`);
    t.same([...map.values()], entries.map(([, value]) => value), `${label}: values`);
    t.same([...map.keys()], entries.map(([name]) => name), `${label}: keys`);
  }
  t.ok(maps.overlay.hasEvery(base), 'an overlay has every name of its base');
  t.ok(maps.overlay.hasEvery(new NocaseMap([['extra', 0], ['a', 0]])), 'names compared without case, values aside');
  t.notOk(base.hasEvery(maps.overlay), 'the base lacks the overlay\'s extra name');
  t.notOk(maps.flat.hasEvery(new NocaseMap([['x', 0], ['Z', 0]])), 'one name missing');
  t.ok(maps.empty.hasEvery(new NocaseMap()), 'nothing to have');
});

t.test('NocaseMap.forEachByKey: entries in the order of their folded keys, flat or over a base', async (t) => {
  const visit = (map: NocaseMap<number>) => {
    const seen: [string, number][] = [];
    map.forEachByKey((value, key) => seen.push([key, value]));
    return seen;
  };
  const sorted = [['a', 1], ['a1', 4], ['b', 2], ['zeta', 3]];
  t.same(visit(new NocaseMap([['Zeta', 3], ['A', 1], ['B', 2], ['a1', 4]])), sorted, 'folded keys, sorted');
  t.same(visit(new NocaseMap([['B', 2], ['A1', 4], ['zeta', 3], ['a', 1]])), sorted, 'the same whatever the order and spelling they were set in');
  t.same(visit(NocaseMap.over(new NocaseMap([['Zeta', 0], ['A', 1]]), new NocaseMap([['zeta', 3], ['B', 2], ['A1', 4]]))), sorted, 'an overlay too');
  t.same(visit(new NocaseMap()), [], 'nothing to visit');
  const a = new CIMInstanceName({ classname: 'X_Thing', keybindings: [['Name', 'n'], ['CreationClassName', 'X_Thing'], ['A1', 1]] });
  const b = new CIMInstanceName({ classname: 'x_thing', keybindings: [['a1', 1], ['NAME', 'n'], ['creationclassname', 'X_Thing']] });
  t.equal(a.key, b.key, 'so two paths with the same keys set in other orders and spellings have one key');
  t.not(a.key, new CIMInstanceName({ classname: 'X_Thing', keybindings: [['Name', 'N'], ['CreationClassName', 'X_Thing'], ['A1', 1]] }).key, 'values keep their case');
});

t.test('NocaseMap.equals: same names and spellings, values compared by the caller, order aside', async (t) => {
  const same = (a: number, b: number) => a === b;
  const base = new NocaseMap<number>([['A', 1], ['B', 2]]);
  const over = (entries: [string, number][]) => NocaseMap.over(base, new NocaseMap<number>(entries));
  t.ok(over([['B', 3], ['X', 9]]).equals(over([['X', 9], ['B', 3]]), same), 'overlays on one base');
  t.notOk(over([['B', 3]]).equals(over([['B', 4]]), same), 'an own value differs');
  t.notOk(over([['B', 3]]).equals(over([['b', 3]]), same), 'a spelling differs');
  t.notOk(over([['X', 9]]).equals(over([['Y', 9]]), same), 'an extra name differs');
  t.ok(over([['B', 3]]).equals(new NocaseMap<number>([['B', 3], ['A', 1]]), same), 'an overlay and a flat map');
  t.notOk(over([]).equals(new NocaseMap<number>([['A', 1], ['B', 5]]), same), 'a value read through differs');
  t.notOk(new NocaseMap<number>([['A', 1]]).equals(new NocaseMap<number>([['A', 1], ['B', 2]]), same), 'sizes differ');
});

t.test('NocaseMap.clone: copies share entries until either changes', async (t) => {
  const map = new NocaseMap<number>([['A', 1]]);
  const copy = map.clone();
  copy.set('B', 2);
  map.set('a', 10);
  t.same([...map], [['a', 10]]);
  t.same([...copy], [['A', 1], ['B', 2]]);
  t.equal(new NocaseMap().size, 0);
  t.same([...new NocaseMap()], []);
});

t.test('NocaseMap: maps given keys in the same and in other orders, cloned, changed and cut, each hold exactly their own entries', async (t) => {
  // A differential test against a list of entries: keys from a small pool, so that maps share and branch off each other's shapes.
  let seed = 11;
  const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n);
  const pool = ['DeviceID', 'ElementName', 'SystemName', 'CurrentReading', 'SensorType', 'BaseUnits', 'UnitModifier', 'RateUnits'];
  const spell = (name: string) => [name, name.toLowerCase(), name.toUpperCase()][random(3)]!;
  interface Model { map: NocaseMap<number>; entries: [string, number][] }
  const models: Model[] = [{ map: new NocaseMap(), entries: [] }];
  const find = (entries: [string, number][], name: string) => entries.findIndex(([n]) => sameName(n, name));
  let mismatches = 0;
  for (let step = 0; step < 20_000; step++) {
    const model = models[random(models.length)]!;
    const name = spell(pool[random(pool.length)]!);
    const action = random(10);
    if (action < 6) {
      model.map.set(name, step);
      const at = find(model.entries, name);
      if (at >= 0) model.entries[at] = [name, step];
      else model.entries.push([name, step]);
    } else if (action < 8) {
      const deleted = model.map.delete(name);
      const at = find(model.entries, name);
      if (deleted !== at >= 0) mismatches++;
      if (at >= 0) model.entries.splice(at, 1);
    } else if (models.length < 40) {
      models.push(action === 8 ? { map: model.map.clone(), entries: [...model.entries] } : { map: new NocaseMap(), entries: [] });
    }
    for (const { map, entries } of [model, models[random(models.length)]!]) {
      const probe = spell(pool[random(pool.length)]!);
      const at = find(entries, probe);
      if (map.size !== entries.length || map.get(probe) !== entries[at]?.[1] || map.has(probe) !== at >= 0 || map.nameOf(probe) !== entries[at]?.[0]) mismatches++;
    }
    // Values (a fast path reads the array itself), key order, and equality with the same entries set in another order.
    const values = [...model.map.values()];
    if (values.length !== model.entries.length || values.some((value, i) => value !== model.entries[i]![1])) mismatches++;
    const byKey: string[] = [];
    model.map.forEachByKey((_, key) => byKey.push(key));
    if (byKey.join() !== model.entries.map(([name]) => name.toLowerCase()).sort().join()) mismatches++;
    const same = (a: number, b: number) => a === b;
    if (!model.map.equals(new NocaseMap([...model.entries].reverse()), same)) mismatches++;
  }
  t.equal(mismatches, 0, 'size, get, has, nameOf, delete, values, forEachByKey and equals agree with the list after every step');
  for (const [i, { map, entries }] of models.entries()) t.same([...map], entries, `map ${i}: the entries, in order, under their spellings`);
});

t.test('NocaseMap.empty: one map shared by the objects without qualifiers, which cannot change', async (t) => {
  const a = new CIMInstance({ classname: 'CIM_Fan' });
  const b = new CIMInstance({ classname: 'CIM_Fan' });
  t.equal(a.qualifiers, b.qualifiers, 'instances without qualifiers share one map');
  t.equal(a.qualifiers.size, 0);
  t.throws(() => a.qualifiers.set('Key', { name: 'Key', type: 'boolean', value: true, flavors: DEFAULT_FLAVORS, propagated: false }), TypeError);
  t.throws(() => a.qualifiers.delete('Key'), TypeError);
  t.equal(b.qualifiers.size, 0, 'still empty for every holder');
  const copy = a.qualifiers.clone().set('Key', { name: 'Key', type: 'boolean', value: true, flavors: DEFAULT_FLAVORS, propagated: false });
  t.equal(copy.size, 1, 'a clone is a map of its own');
  t.equal(a.qualifiers.size, 0);
});

t.test('namespaces normalise without case and slashes', async (t) => {
  t.equal(normalizeNamespace('/root/CIMV2/'), 'root/cimv2');
  t.equal(normalizeNamespace('root/interop'), 'root/interop');
});

t.test('CIMInstanceName keys: identity ignores case and key order', async (t) => {
  const a = new CIMInstanceName({
    classname: 'CIM_Fan',
    keybindings: { SystemName: 'host', DeviceID: 'fan-1', CreationClassName: 'CIM_Fan' },
    namespace: 'root/cimv2',
  });
  const b = new CIMInstanceName({
    classname: 'cim_fan',
    keybindings: [['creationclassname', 'CIM_Fan'], ['deviceid', 'fan-1'], ['SYSTEMNAME', 'host']],
    namespace: 'ROOT/CIMV2/',
  });
  t.equal(a.key, b.key);
  t.ok(a.equals(b));
  t.ok(a.equals(a.withLocation(undefined)), 'a path without namespace matches any namespace');
  t.notOk(a.equals(a.withLocation('root/interop')));
  const other = new CIMInstanceName({ classname: 'CIM_Fan', keybindings: { SystemName: 'host', DeviceID: 'FAN-1', CreationClassName: 'CIM_Fan' } });
  t.notOk(a.equals(other), 'key values are case-sensitive');
  t.equal(a.keybindings.get('deviceid'), 'fan-1');
});

t.test('CIMInstanceName keys of every type', async (t) => {
  const ref = new CIMInstanceName({ classname: 'CIM_ComputerSystem', keybindings: { Name: 'h"1' } });
  const when = CIMDateTime.parse('20250101000000.000000+000');
  const path = new CIMInstanceName({
    classname: 'X_Thing',
    keybindings: { S: 'a\\b', N: 5, Big: 18446744073709551615n, B: true, D: when, R: ref },
    namespace: 'root/cimv2',
    host: 'h.example',
  });
  t.equal(
    path.toString(),
    '//h.example/root/cimv2:X_Thing.S="a\\\\b",N=5,Big=18446744073709551615,B=TRUE,D="20250101000000.000000+000",R="CIM_ComputerSystem.Name=\\"h\\\\\\"1\\""',
  );
  const sameButNumber = new CIMInstanceName({ classname: 'X_Thing', keybindings: { S: 'a\\b', N: 5n, Big: 18446744073709551615n, B: true, D: when, R: ref } });
  t.equal(path.key, sameButNumber.key, 'a number and a bigint of the same value are the same key');
  const stringFive = new CIMInstanceName({ classname: 'X_Thing', keybindings: { S: 'a\\b', N: '5', Big: 18446744073709551615n, B: true, D: when, R: ref } });
  t.not(path.key, stringFive.key, 'the string "5" is not the number 5');
  t.equal(new CIMInstanceName({ classname: 'X_Single' }).toString(), 'X_Single', 'a keyless path');
  t.equal(new CIMInstanceName({ classname: 'X', keybindings: { K: 1 }, namespace: 'root/cimv2' }).toString(), 'root/cimv2:X.K=1');
});

t.test('CIMClassName: class paths', async (t) => {
  const local = new CIMClassName({ classname: 'CIM_Fan' });
  const there = new CIMClassName({ classname: 'cim_fan', namespace: 'root/cimv2' });
  const remote = new CIMClassName({ classname: 'CIM_Fan', namespace: 'root/cimv2', host: 'h.example' });
  t.equal(local.kind, 'classname');
  t.ok(local.equals(there), 'without a namespace, any namespace matches');
  t.ok(there.equals(new CIMClassName({ classname: 'CIM_FAN', namespace: '/ROOT/cimv2' })));
  t.notOk(there.equals(new CIMClassName({ classname: 'CIM_Fan', namespace: 'root/interop' })));
  t.notOk(there.equals(new CIMClassName({ classname: 'CIM_Fans', namespace: 'root/cimv2' })));
  t.equal(local.toString(), 'CIM_Fan');
  t.equal(there.toString(), 'root/cimv2:cim_fan');
  t.equal(remote.toString(), '//h.example/root/cimv2:CIM_Fan');
});

t.test('CIMClass and CIMInstance helpers', async (t) => {
  const flavors = { overridable: true, tosubclass: true, toinstance: false, translatable: false };
  const q = (name: string, value: boolean): CIMQualifier => ({ name, type: 'boolean', value, flavors, propagated: false });
  const cls = new CIMClass({
    classname: 'X_Assoc',
    qualifiers: new NocaseMap([['Association', q('Association', true)], ['Abstract', q('Abstract', false)]]),
    properties: new NocaseMap([
      ['A', cimProperty('A', 'reference', null, { qualifiers: new NocaseMap([['Key', q('Key', true)]]) })],
      ['Note', cimProperty('Note', 'string', null)],
      ['B', cimProperty('B', 'reference', null, { qualifiers: new NocaseMap([['key', q('Key', true)]]) })],
    ]),
  });
  t.ok(cls.isAssociation);
  t.notOk(cls.isAbstract, 'a false qualifier does not count');
  t.notOk(cls.isIndication);
  t.same(cls.keyNames, ['A', 'B']);
  const p = cimProperty('Codes', 'uint16', [1, 2]);
  t.ok(p.isArray);
  t.equal(p.propagated, false);
  const inst = new CIMInstance({ classname: 'X_Thing', properties: new NocaseMap([['Codes', p]]) });
  t.same(inst.get('codes'), [1, 2]);
  t.equal(inst.get('missing'), undefined);
});

t.test('CIMInstanceName.withLocation: the same identity elsewhere, its bindings and key shared', async (t) => {
  const path = new CIMInstanceName({ classname: 'CIM_Fan', keybindings: [['DeviceID', 'fan1'], ['SystemName', 'h']], namespace: 'root/interop' });
  const key = path.key;
  const moved = path.withLocation('root/cimv2', 'host1');
  t.equal(moved.key, key, 'the key leaves the location out');
  t.equal(moved.namespace, 'root/cimv2');
  t.equal(moved.host, 'host1');
  t.notOk(moved.equals(path), 'another namespace is another path');
  t.ok(moved.equals(path.withLocation('root/cimv2')));
  t.same([...moved.keybindings], [...path.keybindings]);
});
