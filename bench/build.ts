/**
 * The builds a benchmark measures: this checkout's `dist/` (rebuilt when a
 * source is newer than its output) and, for a comparison in the same run,
 * the build of another git revision in a temporary worktree.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;

/** A build to measure: its name in the figures and its `bin/thincim.js`. */
export interface Build {
  name: string;
  bin: string;
}

export const CURRENT: Build = { name: 'current', bin: join(ROOT, 'bin', 'thincim.js') };

/**
 * Rebuilds dist/ (npm run build) when a source file is newer than the
 * build's entry point, dist/src/cli/main.js (bundled or compiled file by
 * file, every build writes it).
 */
export function ensureBuilt(root = ROOT): void {
  let built: number;
  try {
    built = statSync(join(root, 'dist', 'src', 'cli', 'main.js')).mtimeMs;
  } catch {
    built = 0;
  }
  const stale = sources(join(root, 'src')).concat(sources(join(root, 'providers'))).find((file) => statSync(file).mtimeMs > built);
  if (stale === undefined) return;
  console.log(`${relative(ROOT, join(root, 'dist')) || 'dist'}/ is older than ${relative(root, stale)}: npm run build`);
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}

/**
 * Checks out `revision` in a worktree under `work` and builds it: with this
 * checkout's node_modules when both lockfiles agree, else with its own
 * (`npm ci`, from the npm registry).
 */
export function baselineBuild(revision: string, work: string): Build {
  const dir = join(work, 'baseline');
  const short = execFileSync('git', ['rev-parse', '--short', revision], { cwd: ROOT, encoding: 'utf8' }).trim();
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', dir, revision], { cwd: ROOT, stdio: 'inherit' });
  const lockfile = (root: string) => readFileSync(join(root, 'package-lock.json'), 'utf8');
  if (lockfile(dir) === lockfile(ROOT)) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  else {
    console.log(`${short} has other dependencies: npm ci in its worktree`);
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: dir, stdio: 'inherit' });
  }
  ensureBuilt(dir);
  return { name: short, bin: join(dir, 'bin', 'thincim.js') };
}

/** Removes the worktree baselineBuild made. */
export function removeBaseline(work: string): void {
  execFileSync('git', ['worktree', 'remove', '--force', join(work, 'baseline')], { cwd: ROOT, stdio: 'inherit' });
}

/** The .ts files the build compiles (tsconfig.build.json: src and providers without tests). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}
