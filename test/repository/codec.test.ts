import { deserialize, serialize } from 'node:v8';
import t from 'tap';
import { CIMClass, CIMDateTime, CIMInstance, CIMInstanceName, NocaseMap } from '../../src/cim/index.js';
import { decodeNamespaces, encodeNamespaces } from '../../src/repository/codec.js';
import { Repository, type ResolvedNamespace } from '../../src/repository/index.js';
import { repositoryOf } from './fixtures/schema.js';

const MOF = `
[Description("base")] class X_Base { [Key, MaxValue(9223372036854775807)] string Id; [ValueMap {"1", "2"}] uint16 Code = 1; datetime When = "20250101000000.000000+000"; };
class X_Sub : X_Base { uint64 Big = 18446744073709551615; real32 R = 1.5; uint8 List[] = {1, NULL, 3}; uint32 Go([IN] uint16 Mode, [IN] X_Base REF Other); };
class X_Leaf : X_Sub { };
[Association] class X_Link { [Key] X_Base REF A; [Key] X_Base REF B; };
instance of X_Sub as $one { Id = "1"; };
instance of X_Sub as $two { Id = "2"; When = "00000001000000.000000:000"; };
instance of X_Link { A = $one; B = $two; };
`;

/** Through the serializer, as the cache stores it. */
function roundTrip(namespaces: readonly ResolvedNamespace[]): ResolvedNamespace[] {
  return decodeNamespaces(deserialize(serialize(encodeNamespaces(namespaces))));
}

function namespacesOf(repo: Repository): ResolvedNamespace[] {
  return repo.namespaces().map((name) => ({
    name, qualifiers: repo.qualifierDeclarations(name), classes: new NocaseMap(repo.classNames(name).map((c) => [c, repo.getClass(name, c)!])), instances: [...repo.instances(name)],
  }));
}

t.test('a resolved schema survives the cache unchanged', async (t) => {
  const original = repositoryOf(MOF, ['root/cimv2', 'root/interop']);
  const source = namespacesOf(original);
  const copy = new Repository(roundTrip(source));
  for (const ns of ['root/cimv2', 'root/interop']) {
    t.same(copy.classNames(ns), original.classNames(ns));
    for (const name of original.classNames(ns)) t.same(copy.getClass(ns, name), original.getClass(ns, name), `${ns} ${name}`);
    t.same([...copy.qualifierDeclarations(ns)], [...original.qualifierDeclarations(ns)]);
    t.same(copy.instances(ns), original.instances(ns));
  }
  const sub = copy.getClass('root/cimv2', 'X_Sub')!;
  t.ok(sub instanceof CIMClass);
  t.equal(sub.properties.get('big')!.value, 18446744073709551615n);
  t.ok(sub.properties.get('When')!.value instanceof CIMDateTime);
  t.same(sub.properties.get('List')!.value, [1, null, 3]);
  t.equal(sub.properties.get('Id')!.qualifiers.get('MaxValue')!.value, 9223372036854775807n);
  t.ok(copy.qualifierDeclarations('root/cimv2').get('Key')!.scopes.has('reference'), 'scopes stay a set');
  const [one, , link] = copy.instances('root/cimv2');
  t.ok(one instanceof CIMInstance);
  t.ok(one!.path instanceof CIMInstanceName);
  t.ok((link!.get('A') as CIMInstanceName).equals(one!.path!));
  t.equal((link!.get('A') as CIMInstanceName), one!.path, 'a reference and the path it names stay one object');
  t.same(copy.validateInstance('root/cimv2', link!), []);
});

t.test('sharing is kept', async (t) => {
  const source = namespacesOf(repositoryOf(MOF, ['root/cimv2', 'root/interop']));
  const [a, b] = roundTrip(source);
  t.equal(a!.classes.get('X_Sub'), b!.classes.get('X_Sub'), 'namespaces with the same declarations share classes');
  const base = a!.classes.get('X_Base')!;
  const sub = a!.classes.get('X_Sub')!;
  t.equal(sub.properties.get('Code')!.qualifiers.get('ValueMap')!.value, base.properties.get('Code')!.qualifiers.get('ValueMap')!.value, 'the ValueMap array is shared');
  t.equal(sub.properties.get('Code')!.qualifiers.get('Key'), undefined);
  t.equal(base.properties.get('Id')!.qualifiers.get('Key')!.flavors, a!.qualifiers.get('Key')!.flavors, 'a qualifier shares its declaration\'s flavors');
  t.equal(a!.classes.get('X_Leaf')!.properties.get('Id'), sub.properties.get('Id'), 'a member inherited unchanged twice is one object');
});

t.test('embedded objects are not cacheable', async (t) => {
  const classes = new NocaseMap([['X', new CIMClass({ classname: 'X', properties: new NocaseMap([['E', {
    name: 'E', type: 'string' as const, value: new CIMInstance({ classname: 'Y' }), isArray: false, qualifiers: new NocaseMap(), propagated: false,
  }]]) })]]);
  t.throws(() => encodeNamespaces([{ name: 'root/x', qualifiers: new NocaseMap(), classes, instances: [] }]), /embedded object cannot be cached/);
});
