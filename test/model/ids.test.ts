import t from 'tap';
import { DEVICE_ID_MAX, IdAllocator, fnv1a, qualifiedId } from '../../src/model/ids.js';

t.test('ids are qualified with the provider once', async (t) => {
  t.equal(qualifiedId('ipmi', 'fan1'), 'ipmi:fan1');
  t.equal(qualifiedId('hwmon', 'hwmon:coretemp-isa-0000/temp1'), 'hwmon:coretemp-isa-0000/temp1');
  t.equal(qualifiedId('hwmon', 'hwmon2:x'), 'hwmon:hwmon2:x', 'only the exact prefix counts');
});

t.test('allocation keeps short free ids as they are', async (t) => {
  const ids = new IdAllocator(DEVICE_ID_MAX);
  t.equal(ids.allocate('A', 'p:fan1'), 'p:fan1');
  t.equal(ids.allocate('B', 'p:fan1'), 'p:fan1', 'scopes (classes) are separate');
  t.equal(ids.allocate('A', 'p:fan1'), 'p:fan1#2', 'a duplicate gets a suffix');
  t.equal(ids.allocate('A', 'p:fan1'), 'p:fan1#3');
});

t.test('long ids keep a readable head and end in a hash of the whole', async (t) => {
  const ids = new IdAllocator(DEVICE_ID_MAX);
  const long = `hwmon:${'nct6798-isa-0290/'.repeat(5)}temp1`;
  const a = ids.allocate('A', long);
  t.equal(a.length, DEVICE_ID_MAX);
  t.ok(a.startsWith('hwmon:nct6798-isa-0290/'));
  t.match(a, /~[0-9a-f]{8}$/);
  const sibling = ids.allocate('A', `hwmon:${'nct6798-isa-0290/'.repeat(5)}temp2`);
  t.not(sibling, a, 'ids differing only past the cut stay distinct');
  t.equal(new IdAllocator(DEVICE_ID_MAX).allocate('A', long), a, 'the same input gives the same id in every sample');
  const dup = ids.allocate('A', long);
  t.equal(dup.length, DEVICE_ID_MAX);
  t.match(dup, /~[0-9a-f]{8}#2$/);
  t.equal(ids.allocate('A', 'x'.repeat(DEVICE_ID_MAX)), 'x'.repeat(DEVICE_ID_MAX), 'exactly the limit fits');
});

t.test('a cut never splits a surrogate pair', async (t) => {
  const ids = new IdAllocator(16);
  // 16 - 9 (hash) = 7 units: the emoji would straddle the cut at 7.
  const id = ids.allocate('A', `abcdef😀${'z'.repeat(20)}`);
  t.equal(id.slice(0, 6), 'abcdef');
  t.notOk(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(id), 'no lone high surrogate');
  t.ok(id.length <= 16);
});

t.test('limits are checked', async (t) => {
  t.throws(() => new IdAllocator(8), RangeError);
  t.throws(() => new IdAllocator(20.5), RangeError);
});

t.test('fnv1a is the 32-bit FNV-1a', async (t) => {
  t.equal(fnv1a(''), '811c9dc5');
  t.equal(fnv1a('a'), 'e40c292c');
  t.equal(fnv1a('foobar'), 'bf9cf968');
});
