import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { HwmonError } from '../errors.js';
import { createSysfsReader } from '../reader.js';
import { StuckFile, until } from './helpers.js';

const LIMITS = { maxConcurrentReads: 2, maxAttributeBytes: 4096 };

async function tmp(t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hwmon-reader-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function stuckFile(t: Test, path: string): Promise<StuckFile> {
  const file = await StuckFile.create(path);
  t.teardown(() => file.close());
  return file;
}

async function rejection(promise: Promise<unknown>): Promise<HwmonError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HwmonError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const never = new AbortController().signal;

t.test('readText returns the whole file, padding included', async (t) => {
  const dir = await tmp(t);
  const reader = createSysfsReader(LIMITS);
  await writeFile(join(dir, 'temp1_input'), '42000\n');
  await writeFile(join(dir, 'padded'), '56000\n'.padEnd(4096, '\0'));
  t.equal(await reader.readText(join(dir, 'temp1_input'), never), '42000\n');
  t.equal((await reader.readText(join(dir, 'padded'), never)).length, 4096, 'exactly maxAttributeBytes is fine');
});

t.test('readText refuses more than maxAttributeBytes', async (t) => {
  const dir = await tmp(t);
  const reader = createSysfsReader({ ...LIMITS, maxAttributeBytes: 16 });
  await writeFile(join(dir, 'big'), 'x'.repeat(17));
  const error = await rejection(reader.readText(join(dir, 'big'), never));
  t.match(error, { code: 'TOO_LONG', path: join(dir, 'big'), message: /longer than 16 bytes/ });
});

t.test('system errors become IO errors with their errno', async (t) => {
  const dir = await tmp(t);
  const reader = createSysfsReader(LIMITS);
  await mkdir(join(dir, 'folder'));
  await symlink('/proc/self/mem', join(dir, 'eio'));
  await symlink('nowhere', join(dir, 'dangling'));
  t.match(await rejection(reader.readText(join(dir, 'missing'), never)), { code: 'IO', errno: 'ENOENT', path: join(dir, 'missing') });
  t.match(await rejection(reader.readText(join(dir, 'folder'), never)), { code: 'IO', errno: 'EISDIR' });
  t.match(await rejection(reader.readText(join(dir, 'eio'), never)), { code: 'IO', errno: 'EIO' }, 'reading unmapped memory fails in the kernel');
  t.match(await rejection(reader.readText(join(dir, 'dangling'), never)), { code: 'IO', errno: 'ENOENT' });
  t.match(await rejection(reader.readDir(join(dir, 'dangling'), never)), { code: 'IO', errno: 'ENOENT' });
  t.match(await rejection(reader.realPath(join(dir, 'dangling'), never)), { code: 'IO', errno: 'ENOENT' });
  t.match(await rejection(reader.readLink(join(dir, 'folder'), never)), { code: 'IO', errno: 'EINVAL' }, 'not a link');
});

t.test('readDir, readLink and realPath', async (t) => {
  const dir = await tmp(t);
  const reader = createSysfsReader(LIMITS);
  await mkdir(join(dir, 'devices', 'chip'), { recursive: true });
  await writeFile(join(dir, 'devices', 'chip', 'name'), 'x\n');
  await symlink('devices/chip', join(dir, 'link'));
  t.same(await reader.readDir(join(dir, 'link'), never), ['name'], 'follows a link to a folder');
  t.equal(await reader.readLink(join(dir, 'link'), never), 'devices/chip');
  t.equal(await reader.realPath(join(dir, 'link'), never), join(dir, 'devices', 'chip'));
  t.equal(await reader.readText(join(dir, 'link', 'name'), never), 'x\n');
});

t.test('a stuck read is abandoned at the signal, keeps its slot, and is not read again meanwhile', async (t) => {
  const dir = await tmp(t);
  const reader = createSysfsReader({ ...LIMITS, maxConcurrentReads: 1 });
  const stuck = await stuckFile(t, join(dir, 'stuck'));
  await writeFile(join(dir, 'fine'), '7\n');
  const deadline = new AbortController();

  const first = reader.readText(stuck.path, deadline.signal);
  await until(() => stuck.readers() === 1);
  const waiting = reader.readText(join(dir, 'fine'), deadline.signal);
  deadline.abort();
  t.match(await rejection(first), { code: 'ABORTED', path: stuck.path });
  t.match(await rejection(waiting), { code: 'ABORTED', path: join(dir, 'fine') }, 'a waiter for the slot gives up too');

  t.match(await rejection(reader.readText(stuck.path, never)), { code: 'BUSY', path: stuck.path }, 'at once, without waiting for the slot');
  t.equal(stuck.readers(), 1, 'no second read of the stuck file');
  t.match(await rejection(reader.readText(join(dir, 'fine'), AbortSignal.timeout(50))), { code: 'ABORTED' }, 'the stuck read still holds the only slot');

  await stuck.release();
  await until(() => stuck.readers() === 0);
  t.equal(await reader.readText(join(dir, 'fine'), never), '7\n', 'the slot is back once the kernel returns');
  const again = reader.readText(stuck.path, never);
  await until(() => stuck.readers() === 1);
  await stuck.release('9\n');
  t.equal(await again, '9\n', 'and the file is read again');
});

t.test('at most maxConcurrentReads operations run at once', async (t) => {
  const dir = await tmp(t);
  const reader = createSysfsReader({ ...LIMITS, maxConcurrentReads: 2 });
  const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => stuckFile(t, join(dir, name))));
  const reads = [a!, b!, c!].map((file) => reader.readText(file.path, never));
  await until(() => a!.readers() === 1 && b!.readers() === 1);
  await sleep(50);
  t.equal(c!.readers(), 0, 'the third waits for a slot');
  await a!.release('A\n');
  await until(() => c!.readers() === 1);
  await b!.release('B\n');
  await c!.release('C\n');
  t.same(await Promise.all(reads), ['A\n', 'B\n', 'C\n']);
});

t.test('many reads waiting on one signal add one abort listener, not one each', async (t) => {
  const dir = await tmp(t);
  const reader = createSysfsReader({ ...LIMITS, maxConcurrentReads: 1 });
  const paths = Array.from({ length: 40 }, (_, i) => join(dir, `temp${i}_input`));
  await Promise.all(paths.map((path) => writeFile(path, '1\n')));
  const warnings: Error[] = [];
  const onWarning = (warning: Error): number => warnings.push(warning);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  const signal = new AbortController().signal;
  t.same(await Promise.all(paths.map((path) => reader.readText(path, signal))), paths.map(() => '1\n'));
  await sleep(10);
  t.same(warnings.map((w) => w.name), [], 'no MaxListenersExceededWarning');
});

t.test('an aborted signal fails at once', async (t) => {
  const dir = await tmp(t);
  const reader = createSysfsReader(LIMITS);
  await writeFile(join(dir, 'f'), '1\n');
  t.match(await rejection(reader.readText(join(dir, 'f'), AbortSignal.abort())), { code: 'ABORTED' });
});
