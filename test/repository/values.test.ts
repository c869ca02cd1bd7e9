import t from 'tap';
import { CIMDateTime, CIMInstanceName } from '../../src/cim/index.js';
import { describeLiteral, sameValue } from '../../src/repository/values.js';

const pos = { file: 'x.mof', line: 1, column: 1 };

t.test('literals are described as written', async (t) => {
  t.equal(describeLiteral({ kind: 'null', pos }), 'NULL');
  t.equal(describeLiteral({ kind: 'boolean', value: false, pos }), 'FALSE');
  t.equal(describeLiteral({ kind: 'integer', value: -3n, pos }), 'integer -3');
  t.equal(describeLiteral({ kind: 'real', value: 2.5, pos }), 'real 2.5');
  t.equal(describeLiteral({ kind: 'alias', name: 'a', pos }), "alias '$a'");
  t.equal(describeLiteral({ kind: 'string', value: 'y'.repeat(50), pos }), `string "${'y'.repeat(37)}..."`);
});

t.test('sameValue compares CIM values', async (t) => {
  t.ok(sameValue(5, 5n), 'a number and a bigint of the same value');
  t.notOk(sameValue(5, 6n));
  t.notOk(sameValue('5', 5));
  t.ok(sameValue(null, null));
  t.notOk(sameValue(null, 0));
  t.ok(sameValue([1, null, 'a'], [1, null, 'a']));
  t.notOk(sameValue([1], [1, 2]));
  t.notOk(sameValue([1], 1));
  t.ok(sameValue(CIMDateTime.parse('20250101000000.000000+000'), CIMDateTime.parse('20250101000000.000000+000')));
  t.notOk(sameValue(CIMDateTime.parse('20250101000000.000000+000'), '20250101000000.000000+000'));
  const path = (k: string) => new CIMInstanceName({ classname: 'X', keybindings: { K: k } });
  t.ok(sameValue(path('a'), path('a')));
  t.notOk(sameValue(path('a'), path('b')));
});
