import t from 'tap';
import { CIMInstanceName } from '../../src/cim/index.js';
import { parseInstancePath, parseServerURL, WBEMURIError } from '../../src/client/index.js';

t.test('server URLs: scheme, default ports, namespace from the path', async (t) => {
  const cases: [string, string, string | undefined][] = [
    ['https://host:5989', 'https://host:5989', undefined],
    ['http://localhost:5988/root/cimv2', 'http://localhost:5988', 'root/cimv2'],
    ['http://h/root/interop/', 'http://h:5988', 'root/interop'],
    ['https://h', 'https://h:5989', undefined],
    ['esx01.example', 'https://esx01.example:5989', undefined],
    ['http://[::1]:15988/root%2Fcimv2', 'http://[::1]:15988', 'root/cimv2'],
  ];
  for (const [text, origin, namespace] of cases) {
    const parsed = parseServerURL(text);
    t.equal(parsed.url.origin, origin, text);
    t.equal(parsed.url.port !== '', true, `${text} has a port`);
    t.equal(parsed.namespace, namespace, `${text} namespace`);
  }
});

t.test('server URLs that are refused say why', async (t) => {
  t.throws(() => parseServerURL('ftp://host'), { name: 'WBEMURIError', message: /unsupported scheme 'ftp'/ });
  t.throws(() => parseServerURL('https://root:secret@host'), /credentials do not belong in the URL/);
  t.throws(() => parseServerURL('https://host/root/cimv2?x=1'), /no query or fragment/);
  t.throws(() => parseServerURL('http://'), /not a URL/);
});

t.test('instance paths: every key form of the untyped WBEM URI', async (t) => {
  const path = parseInstancePath('CIM_Fan.DeviceID="fan \\"1\\" \\\\ x",Count=42,Big=18446744073709551615,Neg=-3,Ratio=1.5e3,On=TRUE,Off=false');
  t.equal(path.classname, 'CIM_Fan');
  t.equal(path.namespace, undefined);
  t.same([...path.keybindings], [
    ['DeviceID', 'fan "1" \\ x'], ['Count', 42], ['Big', 18446744073709551615n], ['Neg', -3], ['Ratio', 1500], ['On', true], ['Off', false],
  ]);
  t.equal(parseInstancePath(path.toString()).key, path.key, 'toString reads back');
});

t.test('instance paths with a namespace and a host, and keyless (singleton) paths', async (t) => {
  const local = parseInstancePath('root/cimv2:CIM_Fan.DeviceID="a:b.c=d"');
  t.equal(local.namespace, 'root/cimv2');
  t.equal(local.keybindings.get('deviceid'), 'a:b.c=d');
  const remote = parseInstancePath('//esx01:5989/root/interop:CIM_RegisteredProfile.InstanceID="CIM:1"');
  t.equal(remote.host, 'esx01:5989');
  t.equal(remote.namespace, 'root/interop');
  t.equal(remote.classname, 'CIM_RegisteredProfile');
  const singleton = parseInstancePath('/root/cimv2:CIM_ObjectManager');
  t.equal(singleton.namespace, 'root/cimv2');
  t.equal(singleton.keybindings.size, 0);
});

t.test('a quoted instance path is a reference key; other quoted text stays a string', async (t) => {
  const inner = new CIMInstanceName({ classname: 'CIM_ComputerSystem', keybindings: { CreationClassName: 'X_CS', Name: 'h"1' }, namespace: 'root/cimv2' });
  const outer = new CIMInstanceName({ classname: 'CIM_SystemDevice', keybindings: { GroupComponent: inner, PartComponent: 'Fan.1=nope' } });
  const parsed = parseInstancePath(outer.toString());
  const group = parsed.keybindings.get('GroupComponent');
  t.ok(group instanceof CIMInstanceName);
  t.ok((group as CIMInstanceName).equals(inner));
  t.equal(parsed.keybindings.get('PartComponent'), 'Fan.1=nope', 'a class name that is not a name keeps it a string');
});

t.test('bad instance paths are WBEMURIErrors with the position', async (t) => {
  const cases: [string, RegExp][] = [
    ['', /a class name is missing at position 1/],
    ['9Fan.A="x"', /'9Fan' is not a valid class name at position 1/],
    ['CIM_Fan.', /a key name is missing at position 9/],
    ['CIM_Fan.A', /expected '=' at position 10/],
    ['CIM_Fan.A=', /key 'A' has no value at position 11/],
    ['CIM_Fan.A=bare', /the value of key 'A' must be quoted, a number, TRUE or FALSE at position 11/],
    ['CIM_Fan.A="open', /unterminated quoted value at position 11/],
    ['CIM_Fan.A="x\\', /unterminated quoted value at position 11/],
    ['CIM_Fan.A="x"B', /unexpected 'B' at position 14/],
    ['CIM_Fan.A="x",a="y"', /key 'a' is given twice/],
    [':CIM_Fan', /empty namespace/],
    ['//hostonly', /a host must be followed by \/namespace: at position 3/],
    ['//h/CIM_Fan.A=1', /a host must be followed by \/namespace:/],
  ];
  for (const [text, message] of cases) {
    t.throws(() => parseInstancePath(text), message, JSON.stringify(text));
  }
  const err = t.throws(() => parseInstancePath('CIM_Fan.A=bare')) as WBEMURIError;
  t.equal(err.position, 10);
  t.equal(err.text, 'CIM_Fan.A=bare');
});
