import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import { CIMInstance, CIMInstanceName, NocaseMap, cimProperty } from '../../src/cim/index.js';
import * as xml from '../../src/cimxml/index.js';
import type { InstanceView, Result } from '../../src/operations/types.js';
import { AnswerBytes, EncodeCache, intrinsicResponse, intrinsicResponseLengths, type Piece } from '../../src/server/respond.js';
import { fullGC } from '../helpers/gc.js';

function name(id: string): CIMInstanceName {
  return new CIMInstanceName({ classname: 'CIM_Fan', namespace: 'root/cimv2', keybindings: [['DeviceID', id]] });
}

/** An encoder that counts its calls. */
function encoder(text: string): { encode: () => string; calls: () => number } {
  let calls = 0;
  return { encode: () => (calls++, text), calls: () => calls };
}

/** Answers, as the cache tells them apart: by identity. */
const [earlier, later, another] = [{ answer: 'earlier' }, { answer: 'later' }, { answer: 'another' }];

t.test('EncodeCache', async (t) => {
  t.test('keeps an object\'s text once a second answer asks for it', async (t) => {
    const cache = new EncodeCache(100);
    const fan = name('fan1');
    const a = encoder('a'.repeat(40));
    t.equal(cache.get(fan, 'named', earlier, a.encode), 'a'.repeat(40));
    t.equal(cache.get(fan, 'named', earlier, a.encode), 'a'.repeat(40), 'the same answer asking again (its length measured, then sent)');
    t.equal(cache.bytes, 0, 'the first answer keeps nothing');
    t.equal(a.calls(), 2);
    t.equal(cache.get(fan, 'named', later, a.encode), 'a'.repeat(40));
    t.equal(cache.bytes, 40, 'a second answer keeps it');
    t.equal(cache.get(fan, 'named', another, a.encode), 'a'.repeat(40));
    t.equal(a.calls(), 3, 'and the next ones read it');
    const b = encoder('b'.repeat(40));
    cache.get(fan, 'withpath', another, b.encode);
    cache.get(fan, 'withpath', later, b.encode);
    t.equal(b.calls(), 1, 'another key of an object already asked for is kept at once, as another entry');
    t.equal(cache.bytes, 80);
  });

  t.test('past the budget, answers are encoded afresh and not kept', async (t) => {
    const cache = new EncodeCache(100);
    const fan1 = name('fan1');
    cache.get(fan1, 'named', earlier, () => '');
    cache.get(fan1, 'named', later, () => 'a'.repeat(60));
    const over = encoder('b'.repeat(60));
    const fan2 = name('fan2');
    cache.get(fan2, 'named', earlier, over.encode);
    t.equal(cache.get(fan2, 'named', later, over.encode), 'b'.repeat(60), 'the answer is right all the same');
    cache.get(fan2, 'named', another, over.encode);
    t.equal(over.calls(), 3, 'not kept');
    t.equal(cache.bytes, 60);
    const fits = encoder('c'.repeat(40));
    cache.get(fan2, 'other', later, fits.encode);
    cache.get(fan2, 'other', another, fits.encode);
    t.equal(fits.calls(), 1, 'a smaller answer that still fits is kept');
    t.equal(cache.bytes, 100, 'up to the budget exactly');
  });

  t.test('whole lists count their bytes', async (t) => {
    const cache = new EncodeCache(1000);
    const list = Object.freeze([name('fan1')]);
    let calls = 0;
    const encode = () => (calls++, Buffer.from('é'.repeat(10)));
    t.same(cache.list(list, 'named', earlier, encode), Buffer.from('é'.repeat(10)));
    t.equal(cache.bytes, 0, 'not kept for the first answer');
    cache.list(list, 'named', later, encode);
    cache.list(list, 'named', another, encode);
    t.equal(calls, 2);
    t.equal(cache.bytes, 20, 'bytes, not characters');
  });

  t.test('instance XML is kept as its UTF-8 bytes, the same buffer for every answer', async (t) => {
    const cache = new EncodeCache(100);
    const fan = new CIMInstance({ classname: 'CIM_Fan', path: name('fan1') });
    const a = encoder('<INSTANCE>é</INSTANCE>');
    t.equal(cache.bytesOf(fan, 'named', earlier, a.encode), '<INSTANCE>é</INSTANCE>', 'the first answer gets the text');
    const kept = cache.bytesOf(fan, 'named', later, a.encode);
    t.ok(Buffer.isBuffer(kept));
    t.equal(kept.toString(), '<INSTANCE>é</INSTANCE>');
    t.equal(cache.bytesOf(fan, 'named', another, a.encode), kept, 'the buffer itself, not a copy');
    t.equal(a.calls(), 2);
    t.equal(cache.bytes, 23, 'bytes, not characters');
    const over = encoder('x'.repeat(78));
    const other = new CIMInstance({ classname: 'CIM_Fan', path: name('fan2') });
    cache.bytesOf(other, 'named', earlier, over.encode);
    t.equal(cache.bytesOf(other, 'named', later, over.encode), 'x'.repeat(78), 'past the budget: the text, not kept');
    t.equal(over.calls(), 2);
    t.equal(cache.bytes, 23);
  });

  t.test('lengthOf measures a piece once, keeping no text past the budget', async (t) => {
    const cache = new EncodeCache(30);
    const fan = new CIMInstance({ classname: 'CIM_Fan', path: name('fan1') });
    cache.admits(fan, earlier);
    const kept = encoder('<INSTANCE>é</INSTANCE>');
    const piece = () => cache.bytesOf(fan, 'named', later, kept.encode);
    t.equal(cache.lengthOf(fan, 'named', piece), 23, 'UTF-8 bytes');
    t.equal(cache.bytesOf(fan, 'named', later, kept.encode).length, 23, 'the bytes measured are kept within the budget');
    t.equal(kept.calls(), 1, 'and sent without encoding again');
    const other = new CIMInstance({ classname: 'CIM_Fan', path: name('fan2') });
    const over = encoder('é'.repeat(20));
    const overPiece = () => cache.bytesOf(other, 'named', later, over.encode);
    t.equal(cache.lengthOf(other, 'named', overPiece), 40);
    t.equal(cache.lengthOf(other, 'named', overPiece), 40);
    t.equal(over.calls(), 1, 'past the budget, the length is remembered, not the text');
    t.equal(cache.bytes, 23, 'nothing more kept');
    t.equal(cache.lengthOf(other, 'withpath', overPiece), 40, 'another key is measured apart');
    t.equal(over.calls(), 2);
  });

  t.test('lengthOf forgets the lengths of every key rather than keep unboundedly many keys', async (t) => {
    const cache = new EncodeCache(0);
    const fan = name('fan1');
    const a = encoder('aaa');
    cache.lengthOf(fan, 'host0', a.encode);
    for (let i = 1; i < 64; i++) cache.lengthOf(fan, `host${i}`, () => 'b');
    cache.lengthOf(fan, 'host0', a.encode);
    t.equal(a.calls(), 1, 'remembered while there are 64 keys');
    cache.lengthOf(fan, 'host64', () => 'c');
    cache.lengthOf(fan, 'host0', a.encode);
    t.equal(a.calls(), 2, 'a 65th key: all forgotten, measured again');
  });

  t.test('a budget of 0 keeps nothing', async (t) => {
    const cache = new EncodeCache(0);
    const a = encoder('a');
    for (const answer of [earlier, later, another]) cache.get(name('fan1'), 'named', answer, a.encode);
    t.equal(a.calls(), 3);
    t.equal(cache.bytes, 0);
  });

  t.test('an entry gives its bytes back when its object is collected', async (t) => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const cache = new EncodeCache(1000);
    const kept = name('kept');
    const twice = (object: CIMInstanceName, text: string) => {
      for (const answer of [earlier, later]) cache.get(object, 'named', answer, () => text);
    };
    twice(kept, 'k'.repeat(100));
    (() => twice(name('gone'), 'g'.repeat(300)))();
    t.equal(cache.bytes, 400);
    for (let i = 0; i < 50 && cache.bytes > 100; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    t.equal(cache.bytes, 100, 'only the live object\'s entry is counted');
    t.equal(cache.get(kept, 'named', another, () => 'other'), 'k'.repeat(100), 'and it is still there');
  });
});

t.test('AnswerBytes', async (t) => {
  const gather = (pieces: Piece[]) => {
    const bytes = new AnswerBytes();
    for (const piece of pieces) bytes.add(piece);
    return { size: bytes.size, chunks: bytes.chunks() };
  };

  t.test('text comes out as its UTF-8 bytes, in order, with their count', async (t) => {
    const pieces = ['<VALUE>', 'Température 45 °C', '</VALUE>', ''];
    const { size, chunks } = gather(pieces);
    t.equal(Buffer.concat(chunks).toString('utf8'), pieces.join(''));
    t.equal(size, Buffer.byteLength(pieces.join('')));
    t.equal(chunks.length, 1, 'small pieces share one chunk');
  });

  t.test('a piece that does not fit in the chunk begins the next one', async (t) => {
    const first = 'a'.repeat(64 * 1024 - 1);
    const { size, chunks } = gather([first, 'é', 'z']);
    t.same(chunks.map((c) => c.length), [64 * 1024 - 1, 3], 'the two bytes of é do not straddle chunks');
    t.equal(Buffer.concat(chunks).toString('utf8'), `${first}éz`);
    t.equal(size, 64 * 1024 + 2);
  });

  t.test('chunks grow from 2 KiB, twice as large each, up to 64 KiB', async (t) => {
    const piece = 'a'.repeat(1000);
    const { size, chunks } = gather(Array.from({ length: 300 }, () => piece));
    t.same(chunks.slice(0, 7).map((c) => c.length), [2000, 4000, 8000, 16_000, 32_000, 65_000, 65_000]);
    t.same(chunks.slice(0, 7).map((c) => c.buffer.byteLength), [2048, 4096, 8192, 16_384, 32_768, 65_536, 65_536],
      'each its own memory, not a slice of a shared pool');
    t.ok(chunks.every((c) => c.buffer.byteLength <= 64 * 1024), 'none larger');
    t.equal(size, 300_000);
    t.equal(Buffer.concat(chunks).toString(), piece.repeat(300));
  });

  t.test('bytes from the cache and text larger than a chunk are kept whole, in their place', async (t) => {
    const cached = Buffer.from('<VALUE.NAMEDINSTANCE/>');
    const large = 'x'.repeat(70_000);
    const { size, chunks } = gather(['<A>', cached, '<B>', large, '</B>']);
    t.same(chunks.map((c) => c.length), [3, cached.length, 3, 70_000, 4]);
    t.equal(chunks[1], cached, 'the cached buffer itself, not a copy');
    t.equal(Buffer.concat(chunks).toString(), `<A>${cached.toString()}<B>${large}</B>`);
    t.equal(size, 3 + cached.length + 3 + 70_000 + 4);
  });

  t.test('text after bytes from the cache goes on in the same chunk', async (t) => {
    const cached = Buffer.from('<VALUE.INSTANCEWITHPATH/>');
    const { chunks } = gather(['<A>', cached, '<B>', cached, '</B>']);
    t.same(chunks.map((c) => c.toString()), ['<A>', cached.toString(), '<B>', cached.toString(), '</B>']);
    t.equal(chunks[2]!.buffer, chunks[0]!.buffer, 'one chunk allocated for all the text');
    t.equal(chunks[4]!.buffer, chunks[0]!.buffer);
  });

  t.test('nothing added: no bytes', async (t) => {
    t.same(gather([]), { size: 0, chunks: [] });
  });
});

t.test('instances in answers', async (t) => {
  const fans = Object.freeze(['fan1', 'fan2'].map((id) => new CIMInstance({
    classname: 'CIM_Fan',
    path: name(id),
    properties: new NocaseMap([['DeviceID', cimProperty('DeviceID', 'string', id)], ['Caption', cimProperty('Caption', 'string', 'Fan 1 – ventilateur')]]),
  })));
  const view: InstanceView = { properties: undefined, includeQualifiers: false, includeClassOrigin: false };
  const host = 'server.example:5988';
  const answer = (result: Result, cache: EncodeCache) => {
    const bytes = new AnswerBytes();
    for (const piece of intrinsicResponse('1', 'Op', result, host, cache)) bytes.add(piece);
    return Buffer.concat(bytes.chunks()).toString('utf8');
  };
  const pull = { endOfSequence: true, enumerationContext: '' };
  const pullParams = xml.encodeParamValue('EndOfSequence', true, 'boolean') + xml.encodeParamValue('EnumerationContext', '', 'string');
  const expected = (elements: string, after = '') =>
    xml.messageStart('1') + xml.imethodResponseStart('Op') + xml.ireturnValueStart() + elements + xml.ireturnValueEnd() + after + xml.imethodResponseEnd() + xml.messageEnd();
  const named = expected(fans.map((f) => xml.encodeNamedInstance(f)).join(''));
  const withPath = expected(fans.map((f) => xml.encodeInstanceWithPath(f, host)).join(''), pullParams);
  const instanceText = fans.map((f) => Buffer.byteLength(xml.encodeInstance(f))).reduce((a, b) => a + b);

  t.test('are written as the element encoders write them, from the cache or not', async (t) => {
    for (const budget of [0, 1_000_000]) {
      const cache = new EncodeCache(budget);
      for (let round = 0; round < 3; round++) {
        t.equal(answer({ kind: 'namedinstances', instances: fans, view }, cache), named, `VALUE.NAMEDINSTANCE, budget ${budget}, round ${round}`);
        t.equal(answer({ kind: 'instanceswithpath', instances: [...fans], view, pull }, cache), withPath, `VALUE.INSTANCEWITHPATH, budget ${budget}, round ${round}`);
      }
    }
  });

  t.test('their lengths, measured before the answer is written, add up to its bytes', async (t) => {
    const results: Result[] = [
      { kind: 'namedinstances', instances: fans, view },
      { kind: 'instanceswithpath', instances: [...fans], view, pull },
      { kind: 'objectswithpath', instances: [...fans], view },
      { kind: 'instances', instances: [...fans], view: { ...view, properties: new Set(['Caption']) }, pull },
      { kind: 'instancenames', instances: fans },
      { kind: 'instancepaths', instances: fans, pull },
      { kind: 'objectpaths', instances: fans },
    ];
    for (const budget of [0, 1_000_000]) {
      const cache = new EncodeCache(budget);
      for (const result of results) {
        for (let round = 0; round < 3; round++) {
          const asked = { ...result }; // another answer each round: the first keeps nothing, the next ones read what the second kept
          const lengths = [...intrinsicResponseLengths('1', 'Op', asked, host, cache)!];
          const sum = lengths.reduce((a, b) => a + b, 0);
          t.equal(sum, Buffer.byteLength(answer(asked, cache)), `${result.kind}, budget ${budget}, round ${round}`);
        }
      }
    }
    t.equal(intrinsicResponseLengths('1', 'Op', { kind: 'instance', instance: fans[0]!, view }, host, new EncodeCache(0)), undefined,
      'one instance: not measured (small)');
    t.equal(intrinsicResponseLengths('1', 'Op', { kind: 'void' }, host, new EncodeCache(0)), undefined, 'no return value: not measured');
  });

  t.test('a whole list is kept by its second answer and then sent as one piece', async (t) => {
    const cache = new EncodeCache(1_000_000);
    const pieces = () => [...intrinsicResponse('1', 'Op', { kind: 'namedinstances', instances: fans, view }, host, cache)];
    t.equal(pieces().length, 2 + 3 * fans.length, 'the first answer: three pieces an instance, between the start and the end');
    t.equal(cache.bytes, 0, 'and nothing kept');
    t.equal(pieces().length, 2 + 3 * fans.length, 'the second: the same pieces, now kept with their list');
    const third = pieces();
    t.equal(third.length, 3, 'the third: the list in one piece');
    t.equal(third.join(''), named);
  });

  t.test('keep the INSTANCE text once, whatever the element around it', async (t) => {
    const cache = new EncodeCache(1_000_000);
    answer({ kind: 'instanceswithpath', instances: [...fans], view, pull }, cache);
    t.equal(cache.bytes, 0, 'the first answer to ask keeps nothing');
    answer({ kind: 'instanceswithpath', instances: [...fans], view, pull }, cache);
    const afterPull = cache.bytes;
    answer({ kind: 'namedinstances', instances: [...fans], view }, cache);
    const added = cache.bytes - afterPull;
    t.ok(afterPull > instanceText, 'the pull kept its INSTANCE texts and paths');
    t.ok(added < afterPull - instanceText, 'EnumerateInstances added only its INSTANCENAMEs');
  });
  t.test('a path is encoded once for every instance that takes it in turn', async (t) => {
    // BrokerState gives a changed instance its predecessor's path object (test/server/state.test.ts).
    class Counting extends EncodeCache {
      encodings = 0;
      override get(object: CIMInstance | CIMInstanceName, key: string, asked: object, encode: () => string): string {
        return super.get(object, key, asked, () => (this.encodings++, encode()));
      }
    }
    const reading = (path: CIMInstanceName, rpm: number) => new CIMInstance({
      classname: 'CIM_Fan', path,
      properties: new NocaseMap([['DeviceID', cimProperty('DeviceID', 'string', 'fan1')], ['Speed', cimProperty('Speed', 'uint64', rpm)]]),
    });
    const path = name('fan1');
    for (const kind of ['instancenames', 'instancepaths', 'objectpaths'] as const) {
      const cache = new Counting(1_000_000);
      const ask = (fan: CIMInstance) => {
        const result = kind === 'instancepaths' ? { kind, instances: [fan], pull } : { kind, instances: [fan] };
        [...intrinsicResponseLengths('1', 'Op', result, host, cache)!];
        return answer(result, cache);
      };
      const first = reading(path, 1000);
      const text = ask(first);
      ask(first);
      t.equal(cache.encodings, 3, `${kind}: encoded to be measured and sent by the first answer, kept by the second`);
      const kept = cache.bytes;
      for (const rpm of [1100, 1200]) t.equal(ask(reading(path, rpm)), text, `${kind}: the same text for the next reading`);
      t.equal(cache.encodings, 3, `${kind}: not encoded again for the instances of the next samples`);
      t.equal(cache.bytes, kept, `${kind}: nothing more kept`);
    }
  });

  t.test('an answer is not kept alive by the cache once it is sent', async (t) => {
    // The instances live on (an unchanged ComputerSystem stays in every generation); their answers must not.
    const cache = new EncodeCache(1_000_000);
    const results = (): Result[] => [
      { kind: 'instancenames', instances: Object.freeze([...fans]) },
      { kind: 'instancepaths', instances: [...fans], pull },
      { kind: 'objectpaths', instances: [...fans] },
      { kind: 'namedinstances', instances: Object.freeze([...fans]), view },
      { kind: 'instances', instances: [...fans], view, pull },
    ];
    const sent = (() => {
      const refs: [string, WeakRef<object>][] = [];
      for (let round = 0; round < 3; round++) {
        for (const result of results()) {
          answer(result, cache);
          refs.push([`${result.kind}, round ${round}`, new WeakRef(result)]);
          if ('instances' in result) refs.push([`${result.kind}'s list, round ${round}`, new WeakRef(result.instances)]);
        }
      }
      return refs;
    })();
    t.ok(cache.bytes > 0, 'the answers kept their encodings');
    const alive = () => sent.filter(([, ref]) => ref.deref() !== undefined).map(([what]) => what);
    for (let i = 0; i < 50; i++) {
      // A WeakRef read keeps its object until the job ends: collect in the next one.
      await new Promise((resolve) => setTimeout(resolve, 10));
      fullGC();
      if (alive().length === 0) break;
    }
    t.same(alive(), [], 'every answer and its list collected');
    t.ok(fans.every((fan) => fan.path !== undefined), 'while their instances live');
  });
});
