import t from 'tap';
import {
  CIM_TYPES, CIMDateTime, CIMInstance, CIMInstanceName, checkScalar, integerInRange, integerRange, integerValue, is64Bit,
  isCIMType, isIntegerType, isNumericType, parseInteger, parseReal, realToText, scalarFromText, scalarToText, toReal32,
  type IntegerType,
} from '../../src/cim/index.js';

const RANGES: [IntegerType, bigint, bigint][] = [
  ['uint8', 0n, 255n],
  ['uint16', 0n, 65535n],
  ['uint32', 0n, 4294967295n],
  ['uint64', 0n, 18446744073709551615n],
  ['sint8', -128n, 127n],
  ['sint16', -32768n, 32767n],
  ['sint32', -2147483648n, 2147483647n],
  ['sint64', -9223372036854775808n, 9223372036854775807n],
];

t.test('type predicates', async (t) => {
  t.equal(CIM_TYPES.length, 15);
  for (const type of CIM_TYPES) t.ok(isCIMType(type), type);
  t.notOk(isCIMType('object'));
  t.notOk(isCIMType('Uint8'), 'type names are lower case');
  t.ok(isIntegerType('sint16'));
  t.notOk(isIntegerType('real32'));
  t.ok(isNumericType('real64'));
  t.notOk(isNumericType('char16'));
  t.ok(is64Bit('uint64'));
  t.ok(is64Bit('sint64'));
  t.notOk(is64Bit('uint32'));
});

t.test('integer ranges: every bound in, one past every bound out', async (t) => {
  for (const [type, min, max] of RANGES) {
    t.same(integerRange(type), [min, max], type);
    t.equal(scalarFromText(type, String(min)), integerValue(type, min), `${type} min`);
    t.equal(scalarFromText(type, String(max)), integerValue(type, max), `${type} max`);
    t.throws(() => scalarFromText(type, String(min - 1n)), RangeError, `${type} below min`);
    t.throws(() => scalarFromText(type, String(max + 1n)), RangeError, `${type} above max`);
    t.ok(integerInRange(type, max));
    t.notOk(integerInRange(type, max + 1n));
  }
  t.notOk(integerInRange('uint8', 1.5), 'a fraction is no integer');
});

t.test('64-bit integers stay exact as bigint', async (t) => {
  t.equal(scalarFromText('uint64', '18446744073709551615'), 18446744073709551615n);
  t.equal(scalarFromText('sint64', '-9223372036854775808'), -9223372036854775808n);
  t.equal(scalarFromText('uint64', '9007199254740993'), 9007199254740993n, '2^53 + 1 is not rounded');
  t.equal(scalarToText('uint64', 9007199254740993n), '9007199254740993');
  t.equal(typeof scalarFromText('uint32', '4294967295'), 'number', 'up to 32 bits: number');
  t.equal(checkScalar('uint64', 18446744073709551615n), undefined);
  t.match(checkScalar('uint64', 18446744073709551616n), /outside the range of uint64/);
  t.equal(checkScalar('sint64', 5), undefined, 'a number is accepted for a 64-bit type');
  t.match(checkScalar('uint32', 5n), /expected an integer number, got bigint/);
});

t.test('integer text forms', async (t) => {
  t.equal(parseInteger(' 42 '), 42n, 'surrounding whitespace');
  t.equal(parseInteger('-17'), -17n);
  t.equal(parseInteger('+0x1F'), 31n, 'hex (DSP0201)');
  t.equal(parseInteger('-0x10'), -16n);
  t.equal(parseInteger('101b'), 5n, 'binary (MOF)');
  t.equal(parseInteger('-11B'), -3n);
  t.equal(parseInteger('1.0'), undefined);
  t.equal(parseInteger('0x'), undefined);
  t.equal(parseInteger(''), undefined);
  t.throws(() => scalarFromText('uint8', 'abc'), /not an integer/);
  t.throws(() => scalarFromText('uint8', '-1'), /outside the range of uint8/);
});

t.test('reals', async (t) => {
  t.equal(parseReal('3.14'), 3.14);
  t.equal(parseReal('-1.5E+10'), -1.5e10);
  t.equal(parseReal('.5'), 0.5);
  t.equal(parseReal('INF'), Infinity);
  t.equal(parseReal('-INF'), -Infinity);
  t.ok(Number.isNaN(parseReal('NaN')));
  t.equal(parseReal('1.2.3'), undefined);
  t.equal(scalarFromText('real32', '0.1'), Math.fround(0.1), 'real32 is rounded to single precision');
  t.equal(scalarFromText('real64', '0.1'), 0.1);
  t.throws(() => scalarFromText('real64', 'x'), /not a real64/);
  t.throws(() => scalarFromText('real32', '1e39'), /outside the range of real32/, 'beyond single precision');
  t.equal(scalarFromText('real32', 'INF'), Infinity, 'infinity itself is a real32');
  t.equal(toReal32(1 / 3), Math.fround(1 / 3));
  t.equal(checkScalar('real32', 3.5), undefined);
  t.match(checkScalar('real32', 1e300), /outside the range of real32/);
  t.match(checkScalar('real64', '1'), /expected a number/);
});

t.test('real text is the shortest that reads back', async (t) => {
  t.equal(realToText(0.1), '0.1');
  t.equal(realToText(Math.fround(0.1), true), '0.1', 'real32 0.1 is not 0.10000000149011612');
  t.equal(realToText(Math.fround(16777217), true), '16777216.0', 'DSP0201 realValue: a dot and a digit after it');
  t.equal(realToText(NaN), 'NaN');
  t.equal(realToText(Infinity), 'INF');
  t.equal(realToText(-Infinity), '-INF');
  t.equal(scalarToText('real32', Math.fround(3.3)), '3.3');
  t.equal(scalarToText('real64', 1e21), '1.0e+21');
  t.equal(scalarToText('real64', -0.5e-7), '-5.0e-8');
  t.equal(realToText(-0), '-0.0', 'negative zero keeps its sign (String(-0) is "0")');
  t.equal(realToText(-0, true), '-0.0', 'real32 too');
  t.ok(Object.is(Number(realToText(-0)), -0), '-0.0 reads back as -0');
  t.equal(realToText(0), '0.0');
  for (const n of [1.5, -2.25e-7, 123456.789, Math.fround(2.7)]) {
    t.equal(Math.fround(Number(realToText(Math.fround(n), true))), Math.fround(n), `real32 ${n} round-trips`);
  }
});

t.test('booleans, strings, char16', async (t) => {
  t.equal(scalarFromText('boolean', ' TRUE '), true);
  t.equal(scalarFromText('boolean', 'false'), false);
  t.equal(scalarFromText('boolean', 'True'), true);
  t.throws(() => scalarFromText('boolean', 'yes'), /not a boolean/);
  t.equal(scalarToText('boolean', true), 'TRUE');
  t.equal(scalarToText('boolean', false), 'FALSE');
  t.equal(scalarFromText('string', '  keep  '), '  keep  ', 'strings keep their whitespace');
  t.equal(scalarToText('string', '  keep  '), '  keep  ');
  t.equal(scalarToText('char16', 'c'), 'c');
  t.equal(scalarToText('sint8', -5), '-5');
  t.equal(scalarFromText('char16', 'é'), 'é');
  t.throws(() => scalarFromText('char16', 'ab'), /char16 takes one character/);
  t.throws(() => scalarFromText('char16', ''), /char16 takes one character/);
  t.throws(() => scalarFromText('char16', '😀'), /char16 takes one character/, 'outside the BMP: two UTF-16 units, not one UCS-2 character');
  t.equal(checkScalar('char16', 'x'), undefined);
  t.match(checkScalar('char16', '😀'), /expected one character/);
  t.throws(() => scalarFromText('reference', 'x'), /no text form/);
});

t.test('datetime text', async (t) => {
  const dt = scalarFromText('datetime', '20251126224301.123456+060');
  t.ok(dt instanceof CIMDateTime);
  t.equal(scalarToText('datetime', dt), '20251126224301.123456+060');
  t.throws(() => scalarFromText('datetime', '2025'), /not a CIM datetime/);
});

t.test('checkScalar names what it expected', async (t) => {
  const path = new CIMInstanceName({ classname: 'CIM_Fan', keybindings: { DeviceID: 'f1' } });
  t.equal(checkScalar('boolean', false), undefined);
  t.match(checkScalar('boolean', 'true'), /expected a boolean, got string "true"/);
  t.equal(checkScalar('string', 'x'), undefined);
  t.equal(checkScalar('string', new CIMInstance({ classname: 'CIM_Error' })), undefined, 'an embedded instance is a string');
  t.match(checkScalar('string', 5), /expected a string, got number 5/);
  t.equal(checkScalar('datetime', CIMDateTime.parse('00000000000130.000000:000')), undefined);
  t.match(checkScalar('datetime', '00000000000130.000000:000'), /expected a CIMDateTime/);
  t.equal(checkScalar('reference', path), undefined);
  t.match(checkScalar('reference', 'CIM_Fan.DeviceID="f1"'), /expected a CIMInstanceName/);
  t.match(checkScalar('uint8', 256), /256 is outside the range of uint8/);
  t.match(checkScalar('uint8', 1.5), /outside the range/);
  t.match(checkScalar('uint8', null), /got null/);
  t.match(checkScalar('uint8', new Date(0)), /got Date/);
});
