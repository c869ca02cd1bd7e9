/**
 * The production install size: built code plus production node_modules, made
 * and pruned exactly as the Dockerfile's build stage makes them. Target:
 * under 16 MB.
 *
 *   node --import tsx bench/production-size.ts
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'thincim-size-'));
const run = (cmd: string, args: string[], cwd = work) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });

function bytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytes(join(path, name)), 0);
}

try {
  for (const file of ['package.json', 'package-lock.json', 'schemas', 'bin', 'scripts']) cpSync(join(root, file), join(work, file), { recursive: true });
  run('npx', ['tsc', '-p', join(root, 'tsconfig.build.json'), '--outDir', join(work, 'dist')], root);
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
  run('sh', ['scripts/prune-production.sh', 'node_modules', 'dist']);
  const parts = { 'built code (dist)': bytes(join(work, 'dist')), 'schemas': bytes(join(work, 'schemas')), 'node_modules (production)': bytes(join(work, 'node_modules')) };
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  for (const [name, size] of Object.entries(parts)) console.log(`${name.padEnd(28)} ${(size / 1048576).toFixed(2)} MiB`);
  console.log(`${'total'.padEnd(28)} ${(total / 1048576).toFixed(2)} MiB (target: under 16 MB = ${(16e6 / 1048576).toFixed(2)} MiB)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
