/**
 * Costs on the authentication path: an scrypt check (what a request pays
 * without the cache), a cached check, the limiter, Basic parsing, loading the
 * configuration, and creating the self-signed certificate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import {
  addressBucket, AuthFailureLimiter, hashPassword, loadOrCreateCertificate, parseBasicAuthorization, setUser, userBucket, UserStore, verifyPassword,
} from '../src/security/index.js';

async function time(label: string, runs: number, fn: () => unknown): Promise<void> {
  await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await fn();
  const perRun = Number(process.hrtime.bigint() - start) / runs;
  const text = perRun >= 1e6 ? `${(perRun / 1e6).toFixed(1)} ms` : `${(perRun / 1e3).toFixed(2)} µs`;
  console.log(`${label.padEnd(44)}${text.padStart(12)}  (${Math.round(1e9 / perRun).toLocaleString('en')}/s)`);
}

const dir = mkdtempSync(join(tmpdir(), 'thincim-bench-'));
try {
  const encoded = await hashPassword('correct horse');
  await time('scrypt verify (N=2^15, r=8, p=1)', 10, () => verifyPassword('correct horse', encoded));
  await setUser(join(dir, 'users'), 'alice', 'correct horse');
  const store = await UserStore.open(join(dir, 'users'));
  await time('UserStore.verify, cached', 100_000, () => store.verify('alice', 'correct horse'));
  const header = `Basic ${Buffer.from('alice:correct horse').toString('base64')}`;
  await time('parseBasicAuthorization', 100_000, () => parseBasicAuthorization(header));
  const limiter = new AuthFailureLimiter({ maxFailures: 10 });
  let n = 0;
  await time('limiter.attempt (new address and name)', 100_000, () => {
    const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}`;
    return limiter.attempt([addressBucket(address), userBucket(`u${n}`)]);
  });
  await time('loadConfig (env + flags, no file)', 200, () => loadConfig({
    argv: ['--http-port', '8080', '--providers', 'hwmon,ipmi'], env: { THINCIM_STATE_DIR: dir, THINCIM_LOG_LEVEL: 'debug' }, cwd: dir,
  }));
  let k = 0;
  await time('self-signed certificate, first start', 20, () => loadOrCreateCertificate({ stateDir: join(dir, `c${k++}`) }));
  await time('certificate reuse, later start', 100, () => loadOrCreateCertificate({ stateDir: join(dir, 'c0') }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
