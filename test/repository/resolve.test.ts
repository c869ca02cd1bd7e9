import t from 'tap';
import { CIMDateTime, CIMInstanceName, type CIMClass, type CIMQualifier } from '../../src/cim/index.js';
import { compile, messages, repositoryOf } from './fixtures/schema.js';

const BASE = `
[Abstract, Version("1.0"), Description("root")]
class X_Base {
  [Key, MaxLen(16), Description("id")] string Id;
  [Write, ValueMap {"0", "2", "5"}, Values {"Unknown", "OK", "Bad"}] uint16 State = 2;
  string Note = "base";
  [Description("go")] uint32 Go([IN, Description("mode")] uint16 Mode, [IN(false), OUT] string Result);
};
class X_Mid : X_Base {
  [Override("State"), Description("mid state")] uint16 State = 5;
  string Note;
  sint64 Extra;
};
[Description("leaf")]
class X_Leaf : X_Mid {
  uint32 Go([IN, Description("leaf mode")] uint16 Mode, [IN(false), OUT] string Result);
};
`;

const q = (cls: CIMClass | undefined, name: string): CIMQualifier | undefined => cls?.qualifiers.get(name);

t.test('properties propagate with class origin; overrides keep the origin', async (t) => {
  const repo = repositoryOf(BASE);
  const mid = repo.getClass('root/cimv2', 'X_Mid');
  const leaf = repo.getClass('root/cimv2', 'x_leaf');
  t.same([...leaf!.properties.keys()], ['Id', 'State', 'Note', 'Extra'], 'superclass members first, in declaration order');
  const id = leaf!.properties.get('id')!;
  t.same([id.classOrigin, id.propagated], ['X_Base', true]);
  const midState = mid!.properties.get('State')!;
  t.same([midState.classOrigin, midState.propagated, midState.value], ['X_Base', false, 5], 'an override is local, its origin is the first declaration');
  const leafState = leaf!.properties.get('State')!;
  t.same([leafState.classOrigin, leafState.propagated, leafState.value], ['X_Base', true, 5]);
  t.equal(mid!.properties.get('Note')!.value, 'base', 'an override without a default keeps the inherited default');
  t.equal(mid!.properties.get('Note')!.propagated, false, 'a same-named property overrides without the Override qualifier');
  const extra = mid!.properties.get('Extra')!;
  t.same([extra.classOrigin, extra.propagated, extra.type], ['X_Mid', false, 'sint64']);
  t.equal(leaf!.superclass, 'X_Mid');
  t.equal(repo.getClass('root/cimv2', 'X_Base')!.superclass, undefined);
});

t.test('qualifiers propagate by flavor', async (t) => {
  const repo = repositoryOf(BASE);
  const base = repo.getClass('root/cimv2', 'X_Base');
  const mid = repo.getClass('root/cimv2', 'X_Mid');
  const leaf = repo.getClass('root/cimv2', 'X_Leaf');
  t.ok(base!.isAbstract);
  t.equal(q(mid, 'Abstract'), undefined, 'Restricted: Abstract is not inherited');
  t.equal(q(mid, 'Version'), undefined, 'Restricted: Version is not inherited');
  t.same([q(mid, 'Description')?.value, q(mid, 'Description')?.propagated], ['root', true], 'ToSubclass: Description is inherited');
  t.same([q(leaf, 'Description')?.value, q(leaf, 'Description')?.propagated], ['leaf', false]);
  const midState = mid!.properties.get('State')!;
  t.same([midState.qualifiers.get('Description')?.value, midState.qualifiers.get('Description')?.propagated], ['mid state', false]);
  t.same(midState.qualifiers.get('ValueMap')?.value, ['0', '2', '5'], 'the overridden property passes its qualifiers on');
  t.equal(midState.qualifiers.get('ValueMap')?.propagated, true);
  t.equal(midState.qualifiers.get('Override')?.propagated, false);
  t.equal(repo.getClass('root/cimv2', 'X_Leaf')!.properties.get('State')!.qualifiers.get('Override'), undefined, 'Override is Restricted');
  t.same([...midState.qualifiers.keys()], ['Override', 'Description', 'Write', 'ValueMap', 'Values'], 'own qualifiers first, then inherited');
  const key = leaf!.properties.get('Id')!.qualifiers.get('key')!;
  t.same([key.name, key.value, key.propagated, key.flavors.overridable, key.flavors.tosubclass], ['Key', true, true, false, true]);
});

t.test('methods and parameters', async (t) => {
  const repo = repositoryOf(BASE);
  const base = repo.getClass('root/cimv2', 'X_Base')!.methods.get('go')!;
  t.same([base.name, base.returnType, base.classOrigin, base.propagated], ['Go', 'uint32', 'X_Base', false]);
  t.same([...base.parameters.keys()], ['Mode', 'Result']);
  t.equal(base.parameters.get('Result')!.qualifiers.get('In')!.value, false);
  t.equal(base.parameters.get('Result')!.qualifiers.get('Out')!.value, true);
  t.equal(base.parameters.get('Mode')!.qualifiers.get('In')!.value, true, 'a boolean qualifier named alone is true');
  const mid = repo.getClass('root/cimv2', 'X_Mid')!.methods.get('Go')!;
  t.same([mid.classOrigin, mid.propagated], ['X_Base', true]);
  t.equal(mid.qualifiers.get('Description')!.propagated, true);
  const leaf = repo.getClass('root/cimv2', 'X_Leaf')!.methods.get('Go')!;
  t.same([leaf.classOrigin, leaf.propagated], ['X_Base', false]);
  t.same([leaf.parameters.get('Mode')!.qualifiers.get('Description')!.value, leaf.parameters.get('Mode')!.qualifiers.get('Description')!.propagated], ['leaf mode', false]);
  t.same([leaf.qualifiers.get('Description')!.value, leaf.qualifiers.get('Description')!.propagated], ['go', true], 'method qualifiers come from the overridden method');
});

t.test('qualifier values are typed by their declaration', async (t) => {
  const repo = repositoryOf(`
    class X_T {
      [Key, MaxLen(64), MinValue(-5), MaxValue(9223372036854775807), ValueMap("1"), Units("Watts"), ArrayType, Deprecated {"X_T.B"}]
      string A;
      [Description ("one " "two")] string B;
    };
  `);
  const a = repo.getClass('root/cimv2', 'X_T')!.properties.get('A')!.qualifiers;
  t.same([a.get('MaxLen')!.type, a.get('MaxLen')!.value], ['uint32', 64]);
  t.same([a.get('MinValue')!.type, a.get('MinValue')!.value], ['sint64', -5n], 'sint64 is a bigint');
  t.equal(a.get('MaxValue')!.value, 9223372036854775807n);
  t.same([a.get('ValueMap')!.type, a.get('ValueMap')!.value], ['string', ['1']], 'one value for an array qualifier is a one-element array');
  t.equal(a.get('Units')!.value, 'Watts');
  t.equal(a.get('ArrayType')!.value, 'Bag', 'a non-boolean qualifier named alone takes the declared default');
  t.same(a.get('Deprecated')!.value, ['X_T.B']);
  t.same(a.get('Description'), undefined, 'a qualifier not given takes nothing from its declaration');
  t.equal(repo.getClass('root/cimv2', 'X_T')!.properties.get('B')!.qualifiers.get('Description')!.value, 'one two');
  t.equal(a.get('MaxLen')!.flavors.tosubclass, true);
});

t.test('flavors on a qualifier use override the declaration', async (t) => {
  const repo = repositoryOf(`
    [Description("not inherited") : Restricted] class X_A { [Key] string K; };
    class X_B : X_A {};
  `);
  const a = repo.getClass('root/cimv2', 'X_A')!;
  t.equal(a.qualifiers.get('Description')!.flavors.tosubclass, false);
  t.equal(a.qualifiers.get('Description')!.flavors.translatable, true, 'other flavors stay as declared');
  t.equal(repo.getClass('root/cimv2', 'X_B')!.qualifiers.get('Description'), undefined);
});

t.test('default values of every type', async (t) => {
  const repo = repositoryOf(`
    class X_V {
      uint8 U8 = 255; sint8 S8 = -128; uint64 U64 = 18446744073709551615; sint64 S64 = -1;
      real32 R32 = 0.1; real64 R64 = 2; boolean B = true; char16 C = 'c'; char16 C2 = "d";
      string S = "a" "b"; datetime D = "00000001020304.000000:000"; uint16 Arr[] = {1, NULL, 3};
      uint8 Fixed[2] = {1, 2}; string None = NULL; string Unset;
    };
  `);
  const v = (name: string) => repo.getClass('root/cimv2', 'X_V')!.properties.get(name)!.value;
  t.equal(v('U8'), 255);
  t.equal(v('S8'), -128);
  t.equal(v('U64'), 18446744073709551615n);
  t.equal(v('S64'), -1n);
  t.equal(v('R32'), Math.fround(0.1));
  t.equal(v('R64'), 2);
  t.equal(v('B'), true);
  t.equal(v('C'), 'c');
  t.equal(v('C2'), 'd');
  t.equal(v('S'), 'ab');
  t.ok(v('D') instanceof CIMDateTime);
  t.same(v('Arr'), [1, null, 3]);
  t.equal(repo.getClass('root/cimv2', 'X_V')!.properties.get('Fixed')!.arraySize, 2);
  t.equal(v('None'), null);
  t.equal(v('Unset'), null);
});

t.test('associations, references and embedded objects', async (t) => {
  const repo = repositoryOf(`
    class X_E { [Key] string K; };
    class X_E2 : X_E {};
    [Association] class X_Assoc { [Key] X_E REF Left; [Key] X_E REF Right; };
    class X_Assoc2 : X_Assoc { [Override("Left")] X_E2 REF Left; };
    class X_Emb {
      [Key] string K;
      [EmbeddedInstance("X_E")] string Inst;
      [EmbeddedObject] string Obj;
      uint32 M([IN, EmbeddedInstance("X_E")] string P, [IN] X_E REF R[]);
    };
  `);
  const assoc2 = repo.getClass('root/cimv2', 'X_Assoc2')!;
  t.ok(assoc2.isAssociation, 'Association is inherited');
  t.equal(assoc2.qualifiers.get('Association')!.propagated, true);
  t.same([assoc2.properties.get('Left')!.referenceClass, assoc2.properties.get('Right')!.referenceClass], ['X_E2', 'X_E']);
  t.same(assoc2.keyNames, ['Left', 'Right']);
  const emb = repo.getClass('root/cimv2', 'X_Emb')!;
  t.equal(emb.properties.get('Inst')!.embeddedObject, 'instance');
  t.equal(emb.properties.get('Obj')!.embeddedObject, 'object');
  t.equal(emb.properties.get('K')!.embeddedObject, undefined);
  t.equal(emb.methods.get('M')!.parameters.get('P')!.embeddedObject, 'instance');
  t.same([emb.methods.get('M')!.parameters.get('R')!.referenceClass, emb.methods.get('M')!.parameters.get('R')!.isArray], ['X_E', true]);
});

t.test('qualifier declarations in the repository', async (t) => {
  const repo = repositoryOf('');
  const decls = repo.qualifierDeclarations('root/cimv2');
  t.equal(decls.size, 24);
  const key = decls.get('KEY')!;
  t.same([key.name, key.type, key.isArray, key.value, [...key.scopes]], ['Key', 'boolean', false, false, ['property', 'reference']]);
  t.same(key.flavors, { overridable: false, tosubclass: true, toinstance: false, translatable: false });
  t.same([...decls.get('Description')!.scopes], ['class', 'association', 'indication', 'property', 'reference', 'method', 'parameter'], 'any is every scope');
  t.same(decls.get('Version')!.flavors, { overridable: true, tosubclass: false, toinstance: false, translatable: true });
  t.equal(decls.get('ValueMap')!.isArray, true);
  t.equal(decls.get('ValueMap')!.value, null);
  const fixed = repositoryOf('Qualifier Pair : uint8[2] = {1, 2}, Scope(class), Flavor(ToInstance);').qualifierDeclarations('root/cimv2').get('Pair')!;
  t.same([fixed.arraySize, fixed.value, fixed.flavors.toinstance], [2, [1, 2], true]);
  t.same(compile(`${'Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);'}`).errors, [], 'an identical redeclaration is accepted');
});

t.test('MOF instances', async (t) => {
  const repo = repositoryOf(`
    class X_E { [Key] string K; uint16 Level = 3; string Note; datetime When; };
    [Association] class X_Link { [Key] X_E REF A; [Key] X_E REF B; };
    instance of X_E as $one { K = "1"; Note = "first"; When = "20250101000000.000000+000"; };
    instance of X_E as $two { K = "2"; Level = 4; };
    instance of X_Link { A = $one; B = $two; };
  `);
  const [one, two, link] = repo.instances('root/cimv2');
  t.equal(repo.instances('root/cimv2').length, 3);
  t.equal(one!.classname, 'X_E');
  t.same([...one!.properties.keys()], ['K', 'Level', 'Note', 'When'], 'class order; defaults fill what is not given');
  t.same([one!.get('Level'), one!.properties.get('Level')!.propagated, one!.properties.get('K')!.propagated], [3, true, false]);
  t.ok(one!.get('When') instanceof CIMDateTime);
  t.equal(two!.get('Level'), 4);
  t.equal(two!.properties.has('Note'), false, 'a NULL default is not filled in');
  t.ok(one!.path!.equals(new CIMInstanceName({ classname: 'X_E', keybindings: { K: '1' } })));
  const a = link!.get('A') as CIMInstanceName;
  t.ok(a instanceof CIMInstanceName);
  t.ok(a.equals(one!.path!), 'an alias stands for the path of its instance');
  t.equal(link!.path!.keybindings.get('B'), two!.path, 'reference keys are paths');
  t.same(repo.instances('root/interop'), [], 'unknown namespace: none');
});

t.test('namespaces: defaults and #pragma namespace', async (t) => {
  const repo = repositoryOf(`
    class X_Both { [Key] string K; };
    #pragma namespace ("root/extra")
    class X_Extra { string S; };
  `, ['root/cimv2', 'root/interop']);
  t.same(repo.namespaces(), ['root/cimv2', 'root/interop', 'root/extra']);
  t.ok(repo.getClass('root/interop', 'X_Both'));
  t.equal(repo.getClass('root/cimv2', 'X_Both'), repo.getClass('root/interop', 'X_Both'), 'namespaces with the same declarations share the classes');
  t.equal(repo.getClass('root/cimv2', 'X_Extra'), undefined);
  t.same(repo.classNames('root/extra'), ['X_Extra']);
  t.equal(repo.qualifierDeclarations('root/extra').size, 0, 'a new namespace starts without qualifier declarations');
  t.same(compile('#pragma namespace ("root/other")\n[Key] class X_Q {};').errors, [
    "/mem/main.mof:3:2: unknown qualifier 'Key' on class 'X_Q': no qualifier declaration for it",
  ], 'each namespace resolves on its own');
});

t.test('resolution errors name the file, line and column', async (t) => {
  const { errors } = compile('class X_Sub : X_Later { };\nclass X_Later { };');
  t.same(errors, ["/mem/main.mof:2:1: unknown superclass 'X_Later' of class 'X_Sub': a superclass must be declared before its subclasses"]);
  t.same(compile('class X_A {\n  [Bogus] string S;\n};').errors, ["/mem/main.mof:3:4: unknown qualifier 'Bogus' on property 'X_A.S': no qualifier declaration for it"]);
});

t.test('every resolution error', async (t) => {
  const cases: [string, string[]][] = [
    ['[Key] class X_A {};', ["qualifier 'Key' cannot be used on a class (class 'X_A'); its scope is property, reference"]],
    ['class X_A { [Association] string S; };', ["qualifier 'Association' cannot be used on a property (property 'X_A.S'); its scope is association"]],
    ['[Structure] class X_A { }; [Association, Structure] class X_B { };', ["qualifier 'Structure' cannot be used on an association (class 'X_B'); its scope is class, indication"]],
    ['class X_A { uint32 M([Key] string P); };', ["qualifier 'Key' cannot be used on a parameter (parameter 'P' of method 'X_A.M'); its scope is property, reference"]],
    ['class X_A { [Key, Key] string S; };', ["qualifier 'Key' appears twice on property 'X_A.S'"]],
    ['class X_A { [MaxLen("x")] string S; };', ["qualifier 'MaxLen' on property 'X_A.S': expected a uint32 value, found string \"x\""]],
    ['class X_A { [MaxLen(-1)] string S; };', ["qualifier 'MaxLen' on property 'X_A.S': -1 is outside the range of uint32 (0..4294967295)"]],
    ['class X_A { [Description {"a", "b"}] string S; };', ["qualifier 'Description' on property 'X_A.S': expected a single string value, found an array"]],
    ['class X_A { [Description("x") : ToSubclass Restricted] string S; };', ["qualifier 'Description' on property 'X_A.S': flavors ToSubclass and Restricted contradict each other"]],
    ['class X_A {}; class X_A {};', ["class 'X_A' is already declared (at /mem/main.mof:2:1)"]],
    ['class X_A { string S; uint8 s; };', ["property 's' is declared twice in class 'X_A'"]],
    ['class X_A { uint32 M(); uint32 m(); };', ["'m' is declared twice in class 'X_A'"]],
    ['class X_A { string M; uint32 M(); };', ["'M' is declared twice in class 'X_A'"]],
    ['class X_A { uint32 M(uint8 P, uint8 p); };', ["parameter 'p' is declared twice in method 'X_A.M'"]],
    ['class X_A { string S; }; class X_B : X_A { uint8 S; };', ["property 'X_B.S' is uint8, but it overrides one of type string"]],
    ['class X_A { uint8 S[]; }; class X_B : X_A { uint8 S; };', ["property 'X_B.S' is uint8, but it overrides one of type uint8[]"]],
    ['class X_A { uint32 M(); }; class X_B : X_A { uint16 M(); };', ["method 'X_B.M' returns uint16, but it overrides one returning uint32"]],
    ['class X_A { uint32 M(uint8 P); }; class X_B : X_A { uint32 M(string P); };', ["parameter 'P' of method 'X_B.M' is string, but it overrides one of type uint8"]],
    ['class X_A { string S; }; class X_B : X_A { [Override("T")] string S; };', ["Override(\"T\") on property 'S' of class 'X_B' must name the property itself"]],
    ['class X_A { }; class X_B : X_A { [Override("S")] string S; };', ["property 'S' of class 'X_B' has Override, but no superclass declares a property 'S'"]],
    ['class X_A { [Override("M")] uint32 M(); };', ["method 'M' of class 'X_A' has Override, but no superclass declares a method 'M'"]],
    ['class X_A { [Key] string K; }; class X_B : X_A { [Key(false)] string K; };', ["qualifier 'Key' on property 'X_B.K' cannot change the inherited value: its flavor is DisableOverride"]],
    ['[Association] class X_A { }; [Association(false)] class X_B : X_A { };', ["qualifier 'Association' on class 'X_B' cannot change the inherited value: its flavor is DisableOverride"]],
    ['class X_A { uint8 X = 300; };', ["default value of property 'X_A.X': 300 is outside the range of uint8 (0..255)"]],
    ['class X_A { sint8 X = -129; };', ["default value of property 'X_A.X': -129 is outside the range of sint8 (-128..127)"]],
    ['class X_A { uint8 X = "3"; };', ["default value of property 'X_A.X': expected a uint8 value, found string \"3\""]],
    ['class X_A { uint8 X = 1.5; };', ["default value of property 'X_A.X': expected a uint8 value, found real 1.5"]],
    ['class X_A { boolean X = 1; };', ["default value of property 'X_A.X': expected a boolean value, found integer 1"]],
    ['class X_A { string X = TRUE; };', ["default value of property 'X_A.X': expected a string value, found TRUE"]],
    ['class X_A { string X = \'c\'; };', ["default value of property 'X_A.X': expected a string value, found char 'c'"]],
    ['class X_A { char16 X = "ab"; };', ["default value of property 'X_A.X': a char16 value is one UCS-2 character, found string \"ab\""]],
    ['class X_A { datetime X = "yesterday"; };', ["default value of property 'X_A.X': string \"yesterday\" is not a CIM datetime (yyyymmddhhmmss.mmmmmmsutc or ddddddddhhmmss.mmmmmm:000)"]],
    ['class X_A { uint8 X[] = 1; };', ["default value of property 'X_A.X': expected an array value '{...}' of uint8, found integer 1"]],
    ['class X_A { uint8 X = {1}; };', ["default value of property 'X_A.X': expected a single uint8 value, found an array"]],
    ['class X_A { uint8 X[2] = {1, 2, 3}; };', ["default value of property 'X_A.X': the array has 3 elements, more than its fixed size 2"]],
    ['class X_A { uint8 X = $a; };', ["default value of property 'X_A.X': expected a uint8 value, found alias '$a'"]],
    ['[Association] class X_L { X_L REF R = $a; };', ["default value of property 'X_L.R': alias '$a' is only a value in an instance declaration"]],
    ['[Association] class X_L { X_L REF R = "X_L.R=1"; };', ["default value of property 'X_L.R': a reference value is an alias ('$name') of an instance declared earlier, found string \"X_L.R=1\""]],
    ['class X_A { uint32 M(uint8 P = 256); };', ["default value of parameter 'P' of method 'X_A.M': 256 is outside the range of uint8 (0..255)"]],
    ['class X_A { [ValueMap {"1", "2"}] uint8 X = 3; };', ["default value: property 'X': 3 is not in its ValueMap"]],
    ['class X_A { [MaxLen(2)] string X = "abc"; };', ["default value: property 'X': 3 characters, more than MaxLen(2)"]],
    ['class X_A { X_B REF R; };', ["reference 'R' is only allowed in an association, and class 'X_A' is not one"]],
    ['[Association] class X_A { X_Missing REF R; };', ["property 'X_A.R' refers to class 'X_Missing', which is not declared"]],
    ['class X_A { uint32 M(X_Missing REF P); };', ["parameter 'P' of method 'X_A.M' refers to class 'X_Missing', which is not declared"]],
    ['class X_E {}; class X_F {}; [Association] class X_A { X_E REF R; }; [Association] class X_B : X_A { X_F REF R; };', ["property 'X_B.R' refers to 'X_F', which is not a subclass of 'X_E' as the overridden reference requires"]],
    ['class X_A { [EmbeddedInstance("X_A")] uint8 X; };', ["property 'X_A.X' is uint8: only a string can carry an embedded instance"]],
    ['Qualifier Key : boolean = true, Scope(property);', ["qualifier 'Key' is already declared differently (at /mem/qualifiers.mof:11:1)"]],
    ['Qualifier Q : uint8 = 256, Scope(any);', ["qualifier declaration 'Q': 256 is outside the range of uint8 (0..255)"]],
    ['Qualifier Q : boolean, Scope(any), Flavor(EnableOverride, DisableOverride);', ["qualifier declaration 'Q': flavors EnableOverride and DisableOverride contradict each other"]],
    ['instance of X_Nothing { };', ["instance of unknown class 'X_Nothing'"]],
    ['class X_E { [Key] string K; }; instance of X_E { K = "1"; Bogus = 2; };', ["class 'X_E' has no property 'Bogus'"]],
    ['class X_E { [Key] string K; }; instance of X_E { K = "1"; K = "2"; };', ["property 'K' of the instance of 'X_E' is given twice"]],
    ['class X_E { [Key] string K; uint8 N; }; instance of X_E { K = "1"; N = 256; };', ["property 'N' of the instance of 'X_E': 256 is outside the range of uint8 (0..255)"]],
    ['class X_E { [Key] string K; }; [Association] class X_L { [Key] X_E REF A; }; instance of X_L { A = $nobody; };', [
      "property 'A' of the instance of 'X_L': reference to an undefined alias '$nobody' (an alias is defined by an earlier 'instance of ... as $nobody')",
      "instance of 'X_L': key property 'A' is missing",
    ]],
    ['class X_E { [Key] string K; }; [Association] class X_L { [Key] X_E REF A; }; instance of X_E as $e { }; instance of X_L { A = $e; };', [
      "instance of 'X_E': key property 'K' is missing",
      "property 'A' of the instance of 'X_L': alias '$e' names an instance without a value for every key, so it has no path",
      "instance of 'X_L': key property 'A' is missing",
    ]],
    ['class X_E { [Key] string K; }; instance of X_E as $e { K = "1"; }; instance of X_E as $e { K = "2"; };', ["alias '$e' is already defined (at /mem/main.mof:2:32)"]],
    ['[Abstract] class X_E { [Key] string K; }; instance of X_E { K = "1"; };', ["instance of 'X_E': class 'X_E' is abstract: it cannot have instances"]],
    ['class X_E { [Key] string K; [ValueMap {"1", "3..5"}] uint8 N; }; instance of X_E { K = "1"; N = 2; };', ["instance of 'X_E': property 'N': 2 is not in its ValueMap"]],
    ['class X_E { [Key] string K; }; class X_F { [Key] string K; }; [Association] class X_L { [Key] X_E REF A; }; instance of X_F as $f { K = "f"; }; instance of X_L { A = $f; };', [
      "instance of 'X_L': property 'A': refers to an instance of 'X_F', which is not a 'X_E'",
    ]],
  ];
  for (const [text, expected] of cases) t.same(messages(text), expected, text);
});
