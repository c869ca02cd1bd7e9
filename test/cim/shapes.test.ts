/**
 * NocaseMap's shapes are shared by the whole process (src/cim/nocase.ts), so
 * what a client sends must not reach the maps of the model: neither lengthen
 * the lines their room is made from, nor stay once the client's maps are
 * gone. Measured on the heap after full collections, with margins of orders
 * of magnitude.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import { NocaseMap } from '../../src/cim/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
setFlagsFromString('--no-expose-gc');
const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const MB = 1e6;

/** A class's key bindings, in the order the model sets them. */
const KEYS = ['CreationClassName', 'DeviceID', 'SystemCreationClassName', 'SystemName'];
const bindings = (count: number) => Array.from({ length: count }, (_, i) => new NocaseMap<string>(KEYS.map((key) => [key, `d${i}`])));
const names = (count: number, prefix = 'K', length = 0) => Array.from({ length: count }, (_, i) => `${prefix}${i}`.padEnd(length, 'x'));

t.test('a client\'s maps that start like the model\'s do not make the model\'s maps any bigger', async (t) => {
  let start = heapUsed();
  let maps = bindings(1000);
  const before = heapUsed() - start;
  maps = [];
  // The model's order cut at every length, then 5,000 names more: what a request's key bindings can be.
  for (let cut = 1; cut <= KEYS.length; cut++) new NocaseMap([...KEYS.slice(0, cut), ...names(5000)].map((name) => [name, '']));
  start = heapUsed();
  maps = bindings(1000);
  const after = heapUsed() - start;
  t.equal(maps.length, 1000);
  t.ok(after < before + 1 * MB, `1,000 maps of 4 keys: ${(before / MB).toFixed(2)} MB before, ${(after / MB).toFixed(2)} MB after (40 MB if each made room for 5,004)`);
});

t.test('a client\'s long and many names stay only as long as its maps, also once the process remembers no more shapes', async (t) => {
  // Maps of one name each: shapes the process remembers, last on their lines.
  for (const first of ['U', 'V']) for (let i = 0; i < 200; i++) new NocaseMap([[`${first}${i}`, 1]]);
  for (const [label, first] of [['with room left', 'U'], ['with none left', 'V']] as const) {
    const start = heapUsed();
    for (let i = 0; i < 200; i++) {
      const map = new NocaseMap<number>([[`${first}${i}`, 1]]);
      for (const name of names(100, `${first}${i}-`, 10_000)) map.set(name, 1);
      t.equal(map.size, 101);
    }
    const kept = heapUsed() - start;
    t.ok(kept < 10 * MB, `${label}: 200 maps of 100 names of 10,000 characters, dropped, leave ${(kept / MB).toFixed(1)} MB (200 MB if kept)`);
    // Fill what the process remembers, for the second round.
    for (const name of names(70_000, 'R')) new NocaseMap([[name, 1]]);
  }
  const map = new NocaseMap<number>(names(300).map((name, i) => [name, i]));
  t.equal(map.get('k299'), 299, 'past what it remembers, a map still holds its entries');
  t.same([...map.keys()].slice(0, 2), ['K0', 'K1']);
});
