import t from 'tap';
import {
  formatDiagnostic, parseMof, type MofClassDeclaration, type MofInstanceDeclaration, type MofPragma, type MofProduction,
  type MofQualifierDeclaration,
} from '../../src/mof/index.js';

/** Parses and strips positions, so that structures compare simply. */
function parse(text: string): MofProduction[] {
  const result = parseMof(text, 'x.mof');
  if (result.errors.length) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
  return JSON.parse(JSON.stringify(result.productions, (k, v) => (k === 'pos' ? undefined : typeof v === 'bigint' ? `${v}n` : v)));
}

function errorsOf(text: string): string[] {
  return parseMof(text, 'x.mof').errors.map(formatDiagnostic);
}

t.test('qualifier declarations', async (t) => {
  const [a, b, c] = parse(`
    Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
    qualifier ValueMap : string[], scope(property, method, parameter);
    QUALIFIER Fixed : uint8[4] = {1, 2}, Scope(any), Flavor(EnableOverride, Restricted, Translatable, ToInstance);
  `) as MofQualifierDeclaration[];
  t.same(a, { kind: 'qualifier', name: 'Key', type: 'boolean', isArray: false, defaultValue: { kind: 'boolean', value: false }, scopes: ['property', 'reference'], flavors: ['DisableOverride', 'ToSubclass'] });
  t.same(b, { kind: 'qualifier', name: 'ValueMap', type: 'string', isArray: true, scopes: ['property', 'method', 'parameter'], flavors: [] });
  t.same(c, {
    kind: 'qualifier', name: 'Fixed', type: 'uint8', isArray: true, arraySize: 4,
    defaultValue: { kind: 'array', items: [{ kind: 'integer', value: '1n' }, { kind: 'integer', value: '2n' }] },
    scopes: [], flavors: ['EnableOverride', 'Restricted', 'Translatable', 'ToInstance'],
  }, 'Scope(any) is an empty list');
  const [all] = parse('Qualifier D : string = null, Scope(class, association, indication, property, reference, method, parameter);') as MofQualifierDeclaration[];
  t.same(all?.scopes, ['class', 'association', 'indication', 'property', 'reference', 'method', 'parameter']);
  t.same(all?.defaultValue, { kind: 'null' });
});

t.test('a class with every kind of feature', async (t) => {
  const [cls] = parse(`
    [Abstract, Description ("A " "concatenated" " description"), Version("2.0")]
    class ACME_Widget : CIM_LogicalDevice {
      [Key, Override ("DeviceID"), MaxLen (64)] string DeviceID;
      uint8 Fixed[4];
      [ValueMap {"0", "1", ".."}, Values {"Off", "On", "Other"}] uint16 States[] = {0, 1};
      sint32 Offset = -5;
      real64 Scale = 1.5e-3;
      boolean Enabled = TRUE;
      char16 Letter = 'x';
      string Name = "widget";
      datetime Since = "20250101000000.000000+000";
      uint64 Big = 0xFFFFFFFFFFFFFFFF;
      uint8 Bits = 101b;
      uint16 Perm = 0777;
      uint32 Count = +3;
      string Nothing = NULL;
      [Description("the owner")] CIM_ManagedElement REF Owner;
      uint32 Reset([IN, OUT, Description("how")] uint16 Mode, [IN(false), OUT] CIM_ConcreteJob REF Job,
                   [IN] string Names[], [IN] CIM_Fan ref Fans[2], [IN] uint8 Level = 3);
      uint32 Ping();
    };
  `) as MofClassDeclaration[];
  t.equal(cls?.name, 'ACME_Widget');
  t.equal(cls?.superclass, 'CIM_LogicalDevice');
  t.same(cls?.qualifiers, [
    { name: 'Abstract', flavors: [] },
    { name: 'Description', value: { kind: 'string', value: 'A concatenated description' }, flavors: [] },
    { name: 'Version', value: { kind: 'string', value: '2.0' }, flavors: [] },
  ]);
  const props = Object.fromEntries(cls!.properties.map((p) => [p.name, p]));
  t.same(props.DeviceID?.qualifiers.map((q) => [q.name, q.value]), [['Key', undefined], ['Override', { kind: 'string', value: 'DeviceID' }], ['MaxLen', { kind: 'integer', value: '64n' }]]);
  t.same(props.Fixed, { type: 'uint8', name: 'Fixed', qualifiers: [], isArray: true, arraySize: 4 });
  t.same(props.States?.defaultValue, { kind: 'array', items: [{ kind: 'integer', value: '0n' }, { kind: 'integer', value: '1n' }] });
  t.same(props.States?.qualifiers[0]?.value, { kind: 'array', items: [{ kind: 'string', value: '0' }, { kind: 'string', value: '1' }, { kind: 'string', value: '..' }] });
  t.same(props.Offset?.defaultValue, { kind: 'integer', value: '-5n' });
  t.same(props.Scale?.defaultValue, { kind: 'real', value: 0.0015 });
  t.same(props.Enabled?.defaultValue, { kind: 'boolean', value: true });
  t.same(props.Letter?.defaultValue, { kind: 'char', value: 'x' });
  t.same(props.Since?.defaultValue, { kind: 'string', value: '20250101000000.000000+000' });
  t.same(props.Big?.defaultValue, { kind: 'integer', value: '18446744073709551615n' });
  t.same(props.Bits?.defaultValue, { kind: 'integer', value: '5n' });
  t.same(props.Perm?.defaultValue, { kind: 'integer', value: '511n' });
  t.same(props.Count?.defaultValue, { kind: 'integer', value: '3n' });
  t.same(props.Nothing?.defaultValue, { kind: 'null' });
  t.same(props.Owner, { type: 'reference', referenceClass: 'CIM_ManagedElement', name: 'Owner', qualifiers: [{ name: 'Description', value: { kind: 'string', value: 'the owner' }, flavors: [] }], isArray: false });
  const [reset, ping] = cls!.methods;
  t.equal(reset?.returnType, 'uint32');
  t.same(reset?.parameters.map((p) => [p.name, p.type, p.referenceClass ?? null, p.isArray, p.arraySize ?? null]), [
    ['Mode', 'uint16', null, false, null],
    ['Job', 'reference', 'CIM_ConcreteJob', false, null],
    ['Names', 'string', null, true, null],
    ['Fans', 'reference', 'CIM_Fan', true, 2],
    ['Level', 'uint8', null, false, null],
  ]);
  t.same(reset?.parameters[0]?.qualifiers.map((q) => q.name), ['IN', 'OUT', 'Description']);
  t.same(reset?.parameters[1]?.qualifiers[0]?.value, { kind: 'boolean', value: false });
  t.same(reset?.parameters[4]?.defaultValue, { kind: 'integer', value: '3n' });
  t.same(ping?.parameters, []);
});

t.test('keywords are case-insensitive; names may look like keywords', async (t) => {
  const [cls] = parse(`
    [ASSOCIATION] CLASS X_Link {
      [key] X_A Ref Class;
      [KEY] X_B REF Instance;
      String Qualifier = nULL;
      BOOLEAN Flag = false;
    };
  `) as MofClassDeclaration[];
  t.same(cls?.properties.map((p) => [p.name, p.type, p.referenceClass ?? null]), [
    ['Class', 'reference', 'X_A'], ['Instance', 'reference', 'X_B'], ['Qualifier', 'string', null], ['Flag', 'boolean', null],
  ]);
  const [c2] = parse('class X_Ref { string Ref; uint8 REF = 1; };') as MofClassDeclaration[];
  t.same(c2?.properties.map((p) => [p.name, p.type]), [['Ref', 'string'], ['REF', 'uint8']], "a property may be called 'Ref'");
});

t.test('qualifier flavors on use', async (t) => {
  const [cls] = parse('[Description("x") : Restricted DisableOverride, Key] class X_Q { };') as MofClassDeclaration[];
  t.same(cls?.qualifiers.map((q) => [q.name, q.flavors]), [['Description', ['Restricted', 'DisableOverride']], ['Key', []]]);
});

t.test('instances and aliases', async (t) => {
  const [a, b] = parse(`
    instance of X_Thing as $First { Name = "a"; Codes = {1, 2}; };
    [Description("i")] INSTANCE OF X_Link { [Description("p")] Left = $First; Right = $First; };
    instance of X_Empty { };
  `) as MofInstanceDeclaration[];
  t.same(a, { kind: 'instance', classname: 'X_Thing', alias: 'First', qualifiers: [], properties: [
    { name: 'Name', qualifiers: [], value: { kind: 'string', value: 'a' } },
    { name: 'Codes', qualifiers: [], value: { kind: 'array', items: [{ kind: 'integer', value: '1n' }, { kind: 'integer', value: '2n' }] } },
  ] });
  t.equal(b?.alias, undefined);
  t.same(b?.qualifiers.map((q) => q.name), ['Description']);
  t.same(b?.properties.map((p) => [p.name, p.value, p.qualifiers.length]), [['Left', { kind: 'alias', name: 'First' }, 1], ['Right', { kind: 'alias', name: 'First' }, 0]]);
});

t.test('pragmas', async (t) => {
  const [inc, ns, other] = parse('#pragma include ("a/b.mof") #pragma namespace("root/x") #pragma Source("one", "t" "wo")') as MofPragma[];
  t.same(inc, { kind: 'pragma', name: 'include', args: ['a/b.mof'] });
  t.same(ns, { kind: 'pragma', name: 'namespace', args: ['root/x'] });
  t.same(other, { kind: 'pragma', name: 'Source', args: ['one', 'two'] });
});

t.test('positions', async (t) => {
  const result = parseMof('\n  [Key]\n  class X_P {\n    string A;\n  };', 'p.mof');
  const cls = result.productions[0] as MofClassDeclaration;
  t.same(cls.pos, { file: 'p.mof', line: 3, column: 3 }, 'a class is where its keyword is');
  t.same(cls.qualifiers[0]?.pos, { file: 'p.mof', line: 2, column: 4 });
  t.same(cls.properties[0]?.pos, { file: 'p.mof', line: 4, column: 5 });
});

t.test('syntax errors say where and what was expected', async (t) => {
  const cases: [string, string][] = [
    ['class X_A { string Name }', "x.mof:1:25: expected ';' after property declaration, found '}'"],
    ['class { };', "x.mof:1:7: expected a class name after 'class', found '{'"],
    ['class X_A : { };', "x.mof:1:13: expected a superclass name after 'X_A :', found '{'"],
    ['class X_A string A;', "x.mof:1:11: expected '{' to open the body of class 'X_A', found 'string'"],
    ['class X_A { strin A; };', "x.mof:1:13: expected a data type or 'ClassName REF', found 'strin'"],
    ['class X_A { string; };', "x.mof:1:19: expected a name after type 'string', found ';'"],
    ['class X_A { X_B REF Ref };', "x.mof:1:25: expected ';' after property declaration, found '}'"],
    ['class X_A { uint8 A[0]; };', "x.mof:1:21: expected a positive array size up to 4294967295, found number 0"],
    ['class X_A { uint8 A[2; };', "x.mof:1:22: expected ']' to close the array size, found ';'"],
    ['class X_A { uint8 A = ; };', "x.mof:1:23: expected a value, found ';'"],
    ['class X_A { uint8 A = {1, {2}}; };', "x.mof:1:27: expected a value, found '{'"],
    ['class X_A { uint8 A = - x; };', "x.mof:1:25: expected a number after the sign, found 'x'"],
    ['class X_A { X_B REF M(); };', "x.mof:1:21: method 'M' cannot return a reference"],
    ['class X_A { X_B REF R[]; };', "x.mof:1:22: reference property 'R' cannot be an array (CIM-XML has no reference array property)"],
    ['class X_A { uint32 M(uint8 a b); };', "x.mof:1:30: expected ')' after the parameters of method 'M', found 'b'"],
    ['class X_A { uint32 M() };', "x.mof:1:24: expected ';' after method declaration, found '}'"],
    ['class X_A { };;', "x.mof:1:15: expected a class, instance or qualifier declaration, or #pragma, found ';'"],
    ['class X_A { }', "x.mof:1:14: expected ';' after the body of class 'X_A', found end of file"],
    ['[Key class X_A { };', "x.mof:1:6: expected ']' after the qualifier list, found 'class'"],
    ['[Key] Qualifier Q : boolean, Scope(any);', "x.mof:1:7: expected 'class' or 'instance' after the qualifier list, found 'Qualifier'"],
    ['[Description("x" : Restricted] class X_A { };', "x.mof:1:18: expected ')' after the value of qualifier 'Description', found ':'"],
    ['[Key : Sometimes] class X_A { };', "x.mof:1:8: expected a flavor (EnableOverride, DisableOverride, ToSubclass, Restricted, Translatable, ToInstance), found 'Sometimes'"],
    ['Qualifier Q boolean, Scope(any);', "x.mof:1:13: expected ':' after qualifier name 'Q', found 'boolean'"],
    ['Qualifier Q : foo, Scope(any);', "x.mof:1:15: expected a data type for qualifier 'Q', found 'foo'"],
    ['Qualifier Q : boolean Scope(any);', "x.mof:1:23: expected ',' before the scope of qualifier 'Q', found 'Scope'"],
    ['Qualifier Q : boolean, Scope(everything);', "x.mof:1:30: expected a scope of qualifier 'Q' (class, association, indication, property, reference, method, parameter, any), found 'everything'"],
    ['Qualifier Q : boolean, Scope(any), Flavour(ToSubclass);', "x.mof:1:36: expected 'Flavor' after the scope of qualifier 'Q', found 'Flavour'"],
    ['Qualifier Q : boolean, Scope(any), Flavor(Sticky);', "x.mof:1:43: expected a flavor (EnableOverride, DisableOverride, ToSubclass, Restricted, Translatable, ToInstance), found 'Sticky'"],
    ['Qualifier Q : boolean, Scope(any)', "x.mof:1:34: expected ';' after qualifier declaration, found end of file"],
    ['instance X_A { };', "x.mof:1:10: expected 'of' after 'instance', found 'X_A'"],
    ['instance of X_A as First { };', "x.mof:1:20: expected an alias ('$name') after 'as', found 'First'"],
    ['instance of X_A { Name "x"; };', "x.mof:1:24: expected '=' after property name 'Name', found string \"x\""],
    ['instance of X_A { Name = "x" };', "x.mof:1:30: expected ';' after property value, found '}'"],
    ['#pragma include "a.mof"', "x.mof:1:17: expected '(' after '#pragma include', found string \"a.mof\""],
    ['#pragma include (amof)', "x.mof:1:18: expected a string argument of '#pragma include', found 'amof'"],
    ['#pragma ("a.mof")', "x.mof:1:9: expected a pragma name after '#pragma', found '('"],
  ];
  for (const [text, message] of cases) t.same(errorsOf(text), [message], text);
});

t.test('parsing resumes after a broken declaration', async (t) => {
  const result = parseMof(`
    class X_A { string Name };
    class X_B { uint8 Value; };
    class X_C { uint8 ; };
    Qualifier Q : boolean, Scope(any);
  `, 'x.mof');
  t.same(result.errors.map((e) => e.line), [2, 4]);
  t.same(result.productions.map((p) => (p as { name: string }).name), ['X_B', 'Q']);
  const lexical = parseMof('class X_A { string @Name; }; class X_B { };', 'x.mof');
  t.equal(lexical.errors[0]?.message, 'unexpected character "@"');
  t.same(lexical.productions.map((p) => (p as { name: string }).name), ['X_A', 'X_B'], 'a lexical error alone does not lose a declaration');
  const pragmaStop = parseMof('class X_A { uint8 A = } #pragma include ("b.mof") class X_B { };', 'x.mof');
  t.same(pragmaStop.productions.map((p) => p.kind), ['pragma', 'class'], 'a pragma ends the skipping');
});

t.test('the error limit stops parsing', async (t) => {
  const text = Array.from({ length: 50 }, (_, i) => `class X_${i} { broken };`).join('\n');
  const result = parseMof(text, 'x.mof', { maxErrors: 5 });
  t.equal(result.errors.length, 5);
  t.equal(parseMof(text, 'x.mof').errors.length, 50);
});
