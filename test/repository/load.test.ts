import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import t, { type Test } from 'tap';
import { CIMClass } from '../../src/cim/index.js';
import { SourceDigest, defaultCacheDir, readCache, writeCache } from '../../src/repository/cache.js';
import { encodeNamespaces } from '../../src/repository/codec.js';
import { DEFAULT_MOF_LIMITS, MofError } from '../../src/mof/diagnostics.js';
import { defaultSchemaDir, loadRepository } from '../../src/repository/index.js';
import { QUALIFIERS } from './fixtures/schema.js';

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'thincim-repo-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A small project schema: an entry file that includes the rest. */
function project(t: Test, extra = ''): string {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'qualifiers.mof'), QUALIFIERS);
  writeFileSync(join(dir, 'classes.mof'), `[Abstract] class CIM_ManagedElement { [Key] string InstanceID; string ElementName; };\n${extra}`);
  writeFileSync(join(dir, 'thincim.mof'), '#pragma include ("qualifiers.mof")\n#pragma include ("classes.mof")\n');
  return dir;
}

async function loadError(promise: Promise<unknown>): Promise<MofError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof MofError) return err;
    throw err;
  }
  throw new Error('expected a MofError');
}

t.test('the project schema loads into root/cimv2 and root/interop', async (t) => {
  const repo = await loadRepository({ cacheDir: false });
  t.same(repo.namespaces(), ['root/cimv2', 'root/interop']);
  t.equal(repo.resolveNamespace('interop'), 'root/interop');
  for (const classname of ['CIM_ComputerSystem', 'CIM_NumericSensor', 'CIM_Fan', 'CIM_RegisteredProfile']) {
    t.ok(repo.getClass('root/cimv2', classname), `${classname} in root/cimv2`);
    t.ok(repo.getClass('interop', classname), `${classname} in root/interop`);
  }
  t.ok(repo.qualifierDeclarations('root/cimv2').get('Key'));
  t.match(defaultSchemaDir(), /schemas$/);
});

t.test('the default cache directory', async (t) => {
  t.equal(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/x' }), '/var/cache/x/thincim');
  t.match(defaultCacheDir({}), /\.cache\/thincim$/);
});

t.test('a cold start writes the cache, a warm start reads it', async (t) => {
  const schema = project(t);
  const cacheDir = join(tempDir(t), 'cache');
  const cold = await loadRepository({ projectSchemaDir: schema, cacheDir, onWarning: (m) => t.fail(m) });
  t.ok(cold.getClass('root/cimv2', 'CIM_ManagedElement'));
  const entries = readdirSync(cacheDir);
  t.equal(entries.length, 1);
  t.match(entries[0], /^mof-[0-9a-f]{24}\.v8$/);

  const key = { roots: [join(schema, 'thincim.mof')], namespaces: ['root/cimv2', 'root/interop'] };
  const cached = readCache(cacheDir, key);
  t.same(cached?.files, [key.roots[0], join(schema, 'qualifiers.mof'), join(schema, 'classes.mof')], 'the entry knows every file it depends on');
  t.equal(readCache(cacheDir, { ...key, namespaces: ['root/cimv2'] }), undefined, 'other namespaces, other entry');

  // Prove the warm path: store a different schema under the same key; a warm load must return it.
  const digest = new SourceDigest();
  for (const file of cached!.files) digest.read(file, DEFAULT_MOF_LIMITS.maxFileBytes);
  const classes = cached!.namespaces[0]!.classes.clone();
  classes.set('X_FromCache', new CIMClass({ classname: 'X_FromCache' }));
  writeCache(cacheDir, key, { files: cached!.files, namespaces: cached!.namespaces.map((ns) => ({ ...ns, classes })) }, digest);
  const warm = await loadRepository({ projectSchemaDir: schema, cacheDir });
  t.ok(warm.getClass('root/cimv2', 'X_FromCache'), 'a warm start uses the cached schema');
  t.equal(warm.getClass('root/cimv2', 'X_FromCache'), warm.getClass('interop', 'X_FromCache'), 'namespaces still share their classes');

  writeFileSync(join(schema, 'classes.mof'), 'class CIM_ManagedElement { [Key] string InstanceID; string Renamed; };');
  const changed = await loadRepository({ projectSchemaDir: schema, cacheDir });
  t.notOk(changed.getClass('root/cimv2', 'X_FromCache'), 'an included file changed: the cache is stale');
  t.ok(changed.getClass('root/cimv2', 'CIM_ManagedElement')!.properties.has('Renamed'));
  t.equal(readdirSync(cacheDir).length, 1, 'the entry was replaced, not added to');
});

t.test('a corrupt or foreign cache entry is a miss', async (t) => {
  const schema = project(t);
  const cacheDir = join(tempDir(t), 'cache');
  await loadRepository({ projectSchemaDir: schema, cacheDir });
  const [entry] = readdirSync(cacheDir);
  writeFileSync(join(cacheDir, entry!), 'not a v8 serialization');
  const key = { roots: [join(schema, 'thincim.mof')], namespaces: ['root/cimv2', 'root/interop'] };
  t.equal(readCache(cacheDir, key), undefined);
  t.ok((await loadRepository({ projectSchemaDir: schema, cacheDir })).getClass('root/cimv2', 'CIM_ManagedElement'));
  t.ok(readCache(cacheDir, key), 'and it is rewritten');
  rmSync(join(schema, 'classes.mof'));
  t.equal(readCache(cacheDir, key), undefined, 'a file that is gone invalidates the entry');
});

t.test('a cache entry whose stored file list or hashes were tampered with is a miss: validity comes from the sources read', async (t) => {
  const schema = project(t);
  const cacheDir = join(tempDir(t), 'cache');
  await loadRepository({ projectSchemaDir: schema, cacheDir });
  const [name] = readdirSync(cacheDir);
  const file = join(cacheDir, name!);
  const genuine = deserialize(readFileSync(file)) as Record<string, unknown>;
  const key = { roots: [join(schema, 'thincim.mof')], namespaces: ['root/cimv2', 'root/interop'] };
  const forged = readCache(cacheDir, key)!.namespaces.map((ns) => {
    const classes = ns.classes.clone();
    classes.set('X_Forged', new CIMClass({ classname: 'X_Forged' }));
    return { ...ns, classes };
  });
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const root = key.roots[0]!;
  const rootOnly = sha256(`${root}\0${sha256(readFileSync(root, 'utf8'))}\0`);
  const forgeries: [string, Record<string, unknown>][] = [
    ['an empty file list with its digest', { files: [], digest: sha256('') }],
    ['the root alone, with its true hash', { files: [root], digest: rootOnly }],
    ['the stored digest of another schema', { digest: sha256('another schema') }],
  ];
  for (const [label, fields] of forgeries) {
    writeFileSync(file, serialize({ ...genuine, ...fields, namespaces: encodeNamespaces(forged) }));
    t.equal(readCache(cacheDir, key), undefined, label);
    t.notOk((await loadRepository({ projectSchemaDir: schema, cacheDir })).getClass('root/cimv2', 'X_Forged'), `${label}: the forged schema is not served`);
  }
  writeFileSync(file, serialize({ ...genuine, namespaces: encodeNamespaces(forged) }));
  t.ok(readCache(cacheDir, key), 'the genuine digest of the sources as they are is what makes an entry valid');
  writeFileSync(join(schema, 'qualifiers.mof'), `${QUALIFIERS}\n// a change\n`);
  t.equal(readCache(cacheDir, key), undefined, 'and a changed MOF source invalidates it');
});

t.test('an unwritable cache never stops a start', async (t) => {
  const schema = project(t);
  const blocker = join(tempDir(t), 'a-file');
  writeFileSync(blocker, '');
  const warnings: string[] = [];
  const repo = await loadRepository({ projectSchemaDir: schema, cacheDir: join(blocker, 'cache'), onWarning: (m) => warnings.push(m) });
  t.ok(repo.getClass('root/cimv2', 'CIM_ManagedElement'));
  t.match(warnings, [/^cannot write the schema cache in .*a-file\/cache: .*; every start compiles the schema until the cache folder can be written$/], 'with what it costs');
  const none = await loadRepository({ projectSchemaDir: schema, cacheDir: false, onWarning: (m) => t.fail(m) });
  t.ok(none.getClass('root/cimv2', 'CIM_ManagedElement'), 'cacheDir false: no cache at all');
});

t.test('OEM schema folders compile after the project schema', async (t) => {
  const schema = project(t);
  const oem = tempDir(t);
  writeFileSync(join(oem, 'b_devices.mof'), 'class ACME_Gadget : ACME_Base { uint8 Level; };');
  writeFileSync(join(oem, 'a_base.mof'), '#pragma include ("sub/base.mof")');
  mkdirSync(join(oem, 'sub'));
  writeFileSync(join(oem, 'sub', 'base.mof'), 'class ACME_Base : CIM_ManagedElement { };');
  writeFileSync(join(oem, 'README.txt'), 'not MOF');
  const repo = await loadRepository({ projectSchemaDir: schema, schemaDir: oem, cacheDir: false });
  t.same(repo.superclassChain('root/interop', 'ACME_Gadget'), ['ACME_Gadget', 'ACME_Base', 'CIM_ManagedElement'], 'top-level .mof files by name; subfolders only by include');
  const second = tempDir(t);
  writeFileSync(join(second, 'x.mof'), 'class ACME_More : ACME_Gadget { };');
  const both = await loadRepository({ projectSchemaDir: schema, schemaDir: [oem, second], cacheDir: false });
  t.ok(both.getClass('root/cimv2', 'ACME_More'), 'several folders, in order');
});

t.test('a broken schema is a MofError listing every problem', async (t) => {
  const schema = project(t);
  const oem = tempDir(t);
  writeFileSync(join(oem, 'broken.mof'), 'class ACME_A : CIM_Nothing { };\nclass ACME_B { [Bogus] string S; };\n');
  const err = await loadError(loadRepository({ projectSchemaDir: schema, schemaDir: oem, cacheDir: false }));
  t.same(err.diagnostics.map((d) => [d.file, d.line, d.column]), [[join(oem, 'broken.mof'), 1, 1], [join(oem, 'broken.mof'), 2, 17]]);
  t.match(err.message, /broken\.mof:1:1: unknown superclass 'CIM_Nothing' .* \(and 1 more\)$/);
  t.equal(err.code, 'ERR_THINCIM_MOF');
  writeFileSync(join(oem, 'broken.mof'), 'class ACME_A {');
  const syntax = await loadError(loadRepository({ projectSchemaDir: schema, schemaDir: oem, cacheDir: false }));
  t.match(syntax.diagnostics[0]?.message, /^expected a property, reference or method declaration/);
  const missing = await loadError(loadRepository({ projectSchemaDir: schema, schemaDir: join(oem, 'nope'), cacheDir: false }));
  t.match(missing.message, /nope: cannot read schema folder: ENOENT/);
  t.same([missing.diagnostics[0]?.line, missing.diagnostics[0]?.column], [0, 0]);
});

t.test('options: namespaces, aliases, limits; a folder without entry file', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'b.mof'), 'class X_B : X_A { };');
  writeFileSync(join(dir, 'a.mof'), `${QUALIFIERS}\nclass X_A { [Key] string K; };`);
  const repo = await loadRepository({ projectSchemaDir: dir, cacheDir: false, namespaces: ['root/only'], namespaceAliases: { o: 'root/only' } });
  t.same(repo.namespaces(), ['root/only']);
  t.ok(repo.getClass('o', 'X_B'), 'every .mof file by name when there is no thincim.mof');
  const limited = await loadError(loadRepository({ projectSchemaDir: dir, cacheDir: false, limits: { maxFileBytes: 10 } }));
  t.match(limited.diagnostics.map((d) => d.message), [/cannot read file: file is \d+ bytes, the limit is 10/, /cannot read file/]);
});
