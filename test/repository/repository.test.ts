import t from 'tap';
import {
  CIMDateTime, CIMInstance, CIMInstanceName, NocaseMap, cimProperty, type CIMProperty, type CIMValue,
} from '../../src/cim/index.js';
import { Repository, valueMapMatcher } from '../../src/repository/index.js';
import { repositoryOf } from './fixtures/schema.js';

const SCHEMA = `
[Abstract, Description("root")]
class X_Element {
  [Key, MaxLen(8)] string Id;
  [Description("what")] string Caption;
  uint32 Noop();
};
class X_Device : X_Element {
  [Override("Caption"), Description("device caption")] string Caption;
  [ValueMap {"0", "2", "5..7", "0x8000.."}, MaxValue(40000)] uint16 State;
  [MinLen(2), Required] string Label;
  [MinValue(-10), MaxValue(10)] sint32 Offset;
  [ValueMap {"a", "b"}] string Letter;
  uint8 Pair[2];
  uint16 Codes[];
  datetime Since;
  uint32 Reset([IN, Description("how")] uint16 Mode);
};
class X_Fan : X_Device {};
class X_Other : X_Element {};
class X_Lone { [Key] uint64 N; [Key] boolean B; };
[Association] class X_Link { [Key] X_Device REF Dev; [Key] X_Element REF Elem; };
`;

const repo = repositoryOf(SCHEMA, ['root/cimv2', 'root/interop']);

t.test('namespaces and aliases', async (t) => {
  const aliased = new Repository([], {});
  t.same(aliased.namespaces(), []);
  t.same(repo.namespaces(), ['root/cimv2', 'root/interop']);
  t.equal(repo.resolveNamespace('ROOT/CIMV2'), 'root/cimv2');
  t.equal(repo.resolveNamespace('/root/interop/'), 'root/interop');
  t.equal(repo.resolveNamespace('interop'), 'root/interop', 'the default alias');
  t.equal(repo.resolveNamespace('Interop'), 'root/interop');
  t.equal(repo.resolveNamespace('root/nothing'), undefined);
  t.ok(repo.getClass('interop', 'X_Fan'));
  const custom = new Repository([{ name: 'root/cimv2', qualifiers: new NocaseMap(), classes: new NocaseMap(), instances: [] }], { cim: 'root/cimv2', ghost: 'root/ghost' });
  t.equal(custom.resolveNamespace('cim'), 'root/cimv2');
  t.equal(custom.resolveNamespace('ghost'), undefined, 'an alias of an unknown namespace is ignored');
});

t.test('class lookups', async (t) => {
  t.equal(repo.getClass('root/cimv2', 'x_fan')?.classname, 'X_Fan');
  t.equal(repo.getClass('root/cimv2', 'X_None'), undefined);
  t.equal(repo.getClass('root/none', 'X_Fan'), undefined);
  t.same(repo.classNames('root/cimv2'), ['X_Element', 'X_Device', 'X_Fan', 'X_Other', 'X_Lone', 'X_Link']);
  t.same(repo.classNames('root/none'), []);
  t.same(repo.subclassNames('root/cimv2', undefined, false), ['X_Element', 'X_Lone', 'X_Link'], 'top-level classes');
  t.same(repo.subclassNames('root/cimv2', undefined, true), ['X_Element', 'X_Device', 'X_Fan', 'X_Other', 'X_Lone', 'X_Link']);
  t.same(repo.subclassNames('root/cimv2', 'x_element', false), ['X_Device', 'X_Other']);
  t.same(repo.subclassNames('root/cimv2', 'X_Element', true), ['X_Device', 'X_Fan', 'X_Other']);
  t.same(repo.subclassNames('root/cimv2', 'X_Fan', true), []);
  t.same(repo.subclassNames('root/cimv2', 'X_None', true), []);
  t.same(repo.subclassNames('root/none', undefined, true), []);
  t.same(repo.superclassChain('root/cimv2', 'x_fan'), ['X_Fan', 'X_Device', 'X_Element']);
  t.same(repo.superclassChain('root/cimv2', 'X_None'), []);
  t.ok(repo.isSubclassOf('root/cimv2', 'X_Fan', 'x_element'));
  t.ok(repo.isSubclassOf('root/cimv2', 'X_Fan', 'X_Fan'), 'a class counts as its own subclass');
  t.notOk(repo.isSubclassOf('root/cimv2', 'X_Element', 'X_Fan'));
  t.notOk(repo.isSubclassOf('root/cimv2', 'X_None', 'X_None'));
  t.equal(repo.qualifierDeclarations('root/none').size, 0);
});

t.test('classView: the GetClass flags', async (t) => {
  const fan = repo.getClass('root/cimv2', 'X_Fan')!;
  const device = repo.getClass('root/cimv2', 'X_Device')!;
  const full = repo.classView(fan, {});
  t.same([...full.properties.keys()], [...fan.properties.keys()], 'no flags: everything');
  t.equal(full.properties.get('Id')!.classOrigin, 'X_Element');

  const local = repo.classView(device, { localOnly: true });
  t.same([...local.properties.keys()], ['Caption', 'State', 'Label', 'Offset', 'Letter', 'Pair', 'Codes', 'Since'], 'overridden and new properties only');
  t.same([...local.methods.keys()], ['Reset']);
  t.same([...local.qualifiers.keys()], [], 'the propagated Description is left out');
  t.same([...repo.classView(fan, { localOnly: true }).properties.keys()], [], 'a class that declares nothing');
  t.same([...repo.classView(fan, { localOnly: false }).properties.keys()].length, fan.properties.size);

  const bare = repo.classView(device, { includeQualifiers: false });
  t.equal(bare.qualifiers.size, 0);
  t.ok([...bare.properties.values()].every((p) => p.qualifiers.size === 0));
  t.ok([...bare.methods.values()].every((m) => m.qualifiers.size === 0 && [...m.parameters.values()].every((p) => p.qualifiers.size === 0)), 'not even on parameters');
  t.equal(device.methods.get('Reset')!.parameters.get('Mode')!.qualifiers.size, 2, 'the repository class is untouched');

  const noOrigin = repo.classView(device, { includeClassOrigin: false });
  t.ok([...noOrigin.properties.values()].every((p) => p.classOrigin === undefined));
  t.ok([...noOrigin.methods.values()].every((m) => m.classOrigin === undefined));
  t.equal(device.properties.get('Id')!.classOrigin, 'X_Element', 'the repository class keeps its origins');
  t.equal(noOrigin.properties.get('State')!.qualifiers.get('ValueMap')?.name, 'ValueMap', 'qualifiers stay');

  const listed = repo.classView(device, { propertyList: ['state', 'ID', 'NoSuchProperty'] });
  t.same([...listed.properties.keys()], ['Id', 'State'], 'case-insensitive, unknown names ignored, class order');
  t.same([...listed.methods.keys()], ['Noop', 'Reset'], 'methods are not filtered');
  t.same([...repo.classView(device, { propertyList: [] }).properties.keys()], []);

  const all = repo.classView(device, { localOnly: true, includeQualifiers: false, includeClassOrigin: true, propertyList: ['Caption', 'Id'] });
  t.same([...all.properties.keys()], ['Caption']);
  t.equal(all.properties.get('Caption')!.classOrigin, 'X_Element');
  t.equal(all.properties.get('Caption')!.qualifiers.size, 0);
  t.same([all.classname, all.superclass], ['X_Device', 'X_Element']);
});

function instance(classname: string, values: Record<string, [CIMProperty['type'], CIMValue]>, path?: CIMInstanceName): CIMInstance {
  const properties = new NocaseMap<CIMProperty>(Object.entries(values).map(([name, [type, value]]) => [name, cimProperty(name, type, value)]));
  return new CIMInstance({ classname, properties, path });
}

const fanPath = (id: string) => new CIMInstanceName({ classname: 'X_Fan', keybindings: { Id: id } });

t.test('validateInstance: a valid instance', async (t) => {
  const fan = instance('X_Fan', {
    Id: ['string', 'fan-1'], State: ['uint16', 6], Label: ['string', 'Fan'], Offset: ['sint32', -10], Letter: ['string', 'a'],
    Pair: ['uint8', [1, 2]], Codes: ['uint16', [1, null, 3]], Since: ['datetime', CIMDateTime.parse('20250101000000.000000+000')], Caption: ['string', null],
  }, fanPath('fan-1'));
  t.same(repo.validateInstance('root/cimv2', fan), []);
  t.same(repo.validateInstance('interop', fan), [], 'in an aliased namespace too');
  t.same(repo.validateInstance('root/cimv2', instance('X_Fan', { Id: ['string', 'x'], Label: ['string', 'ab'], State: ['uint16', 0x8001] })), [], 'vendor range');
});

t.test('validateInstance: every problem names its property', async (t) => {
  const check = (inst: CIMInstance, namespace = 'root/cimv2') => repo.validateInstance(namespace, inst);
  t.same(check(instance('X_Fan', {}), 'root/none'), [{ message: "namespace 'root/none' does not exist" }]);
  t.same(check(instance('X_Nope', {})), [{ message: "class 'X_Nope' does not exist in namespace 'root/cimv2'" }]);
  t.same(check(instance('X_Element', { Id: ['string', 'e'] })), [{ message: "class 'X_Element' is abstract: it cannot have instances" }]);
  const base = { Id: ['string', 'f'], Label: ['string', 'ok'] } as Record<string, [CIMProperty['type'], CIMValue]>;
  const cases: [Record<string, [CIMProperty['type'], CIMValue]>, { property?: string; message: string }[]][] = [
    [{ Bogus: ['string', 'x'] }, [{ property: 'Bogus', message: "class 'X_Fan' has no property 'Bogus'" }]],
    [{ State: ['uint32', 2] }, [{ property: 'State', message: "property 'State' has type uint32, the class declares uint16" }]],
    [{ State: ['uint16', [2]] }, [{ property: 'State', message: "property 'State' is a scalar in the class, the value is an array" }]],
    [{ Codes: ['uint16', 2] }, [{ property: 'Codes', message: "property 'Codes' is an array in the class, the value is a scalar" }]],
    [{ State: ['uint16', 70000] }, [{ property: 'State', message: "property 'State': 70000 is outside the range of uint16" }]],
    [{ State: ['uint16', '2'] }, [{ property: 'State', message: 'property \'State\': expected an integer number, got string "2"' }]],
    [{ State: ['uint16', 3] }, [{ property: 'State', message: "property 'State': 3 is not in its ValueMap" }]],
    [{ State: ['uint16', 50000] }, [{ property: 'State', message: "property 'State': 50000 is above MaxValue(40000)" }]],
    [{ Letter: ['string', 'c'] }, [{ property: 'Letter', message: 'property \'Letter\': "c" is not in its ValueMap' }]],
    [{ Id: ['string', 'much-too-long'] }, [{ property: 'Id', message: "property 'Id': 13 characters, more than MaxLen(8)" }]],
    [{ Label: ['string', 'red \u001b[31m'] }, [{ property: 'Label', message: "property 'Label': U+001B at index 4 is not a character CIM-XML can carry" }]],
    [{ Label: ['string', 'cut \ud83d'] }, [{ property: 'Label', message: "property 'Label': U+D83D at index 4 is not a character CIM-XML can carry" }]],
    [{ Label: ['string', 'pair \ud83d\udd25\t'] }, []],
    [{ Label: ['string', 'x'] }, [{ property: 'Label', message: "property 'Label': 1 characters, fewer than MinLen(2)" }]],
    [{ Offset: ['sint32', 11] }, [{ property: 'Offset', message: "property 'Offset': 11 is above MaxValue(10)" }]],
    [{ Offset: ['sint32', -11] }, [{ property: 'Offset', message: "property 'Offset': -11 is below MinValue(-10)" }]],
    [{ Pair: ['uint8', [1, 2, 3]] }, [{ property: 'Pair', message: "property 'Pair' has 3 elements, more than its fixed size 2" }]],
    [{ Codes: ['uint16', [1, 'x']] }, [{ property: 'Codes', message: 'element 1 of property \'Codes\': expected an integer number, got string "x"' }]],
    [{ Since: ['datetime', '20250101000000.000000+000'] }, [{ property: 'Since', message: "property 'Since': expected a CIMDateTime, got string \"20250101000000.000000+000\"" }]],
  ];
  for (const [values, expected] of cases) t.same(check(instance('X_Fan', { ...base, ...values })), expected, JSON.stringify(values));
  t.same(check(instance('X_Fan', { Label: ['string', 'ok'] })), [{ property: 'Id', message: "key property 'Id' is missing" }]);
  t.same(check(instance('X_Fan', { Id: ['string', null], Label: ['string', 'ok'] })), [{ property: 'Id', message: "key property 'Id' is NULL" }]);
  t.same(check(instance('X_Fan', { Id: ['string', 'f'] })), [{ property: 'Label', message: "required property 'Label' is missing" }]);
  t.same(check(instance('X_Fan', { Id: ['string', 'f'], Label: ['string', null] })), [{ property: 'Label', message: "required property 'Label' is NULL" }]);
});

t.test('validateInstance: the path must agree with the keys', async (t) => {
  const check = (path: CIMInstanceName) => repo.validateInstance('root/cimv2', instance('X_Fan', { Id: ['string', 'f'], Label: ['string', 'ok'] }, path));
  t.same(check(fanPath('f')), []);
  t.same(check(new CIMInstanceName({ classname: 'x_fan', keybindings: { ID: 'f' } })), [], 'names compare without case');
  t.same(check(fanPath('g')), [{ property: 'Id', message: "the path's key 'Id' differs from the property value" }]);
  t.same(check(new CIMInstanceName({ classname: 'X_Fan' })), [{ property: 'Id', message: "the path has no value for key 'Id'" }]);
  t.same(check(new CIMInstanceName({ classname: 'X_Fan', keybindings: { Id: 'f', Label: 'ok' } })), [{ property: 'Label', message: "path key 'Label' is not a key property of 'X_Fan'" }]);
  t.same(check(new CIMInstanceName({ classname: 'X_Device', keybindings: { Id: 'f' } })), [{ message: "the path names class 'X_Device', the instance is of class 'X_Fan'" }]);
  const lone = new CIMInstance({
    classname: 'X_Lone',
    properties: new NocaseMap([['N', cimProperty('N', 'uint64', 18446744073709551615n)], ['B', cimProperty('B', 'boolean', true)]]),
    path: new CIMInstanceName({ classname: 'X_Lone', keybindings: { N: 18446744073709551615n, B: true } }),
  });
  t.same(repo.validateInstance('root/cimv2', lone), [], '64-bit and boolean keys');
});

t.test('validateInstance: references', async (t) => {
  const link = (dev: CIMInstanceName, elem: CIMInstanceName) => new CIMInstance({
    classname: 'X_Link',
    properties: new NocaseMap([['Dev', cimProperty('Dev', 'reference', dev)], ['Elem', cimProperty('Elem', 'reference', elem)]]),
  });
  const other = new CIMInstanceName({ classname: 'X_Other', keybindings: { Id: 'o' } });
  t.same(repo.validateInstance('root/cimv2', link(fanPath('f'), other)), [], 'a subclass of the reference class');
  t.same(repo.validateInstance('root/cimv2', link(other, fanPath('f'))), [{ property: 'Dev', message: "property 'Dev': refers to an instance of 'X_Other', which is not a 'X_Device'" }]);
  t.same(repo.validateInstance('root/cimv2', link(fanPath('f'), new CIMInstanceName({ classname: 'X_Gone' }))), [{ property: 'Elem', message: "property 'Elem': refers to an instance of 'X_Gone', a class that does not exist" }]);
  const remote = new CIMInstanceName({ classname: 'Y_Elsewhere', namespace: 'root/interop' });
  t.same(repo.validateInstance('root/cimv2', link(fanPath('f'), remote)), [], 'a reference into another namespace is not checked here');
  const local = new CIMInstanceName({ classname: 'X_Gone', namespace: '/ROOT/cimv2' });
  t.equal(repo.validateInstance('root/cimv2', link(fanPath('f'), local)).length, 1, 'the same namespace, spelled otherwise, is checked');
});

t.test('ValueMap matching', async (t) => {
  const ints = valueMapMatcher(['0', '2', '5..7', '..-3', '0x8000..', '0b11', 'DMTF Reserved', '9..x'], 'sint32');
  for (const n of [0, 2, 5, 6, 7, -3, -100, 0x8000, 0x9000]) t.ok(ints(n), `admits ${n}`);
  for (const n of [1, 3, 4, 8, -2, 0x7fff, 2.5]) t.notOk(ints(n), `refuses ${n}`);
  t.notOk(ints('2'), 'a string is no integer');
  t.ok(valueMapMatcher(['1', '..'], 'uint16')(1234), "'..' claims every other value");
  t.ok(valueMapMatcher(['0..0xFFFF'], 'uint64')(65535n), 'bigints');
  t.notOk(valueMapMatcher(['0..0xFFFF'], 'uint64')(65536n));
  const strings = valueMapMatcher(['OK', 'Error'], 'string');
  t.ok(strings('OK'));
  t.notOk(strings('ok'), 'string entries are exact');
  t.ok(valueMapMatcher(['OK', '..'], 'string')('anything'));
  const entries = ['1'];
  t.equal(valueMapMatcher(entries, 'uint8'), valueMapMatcher(entries, 'uint8'), 'memoized per ValueMap');
});
