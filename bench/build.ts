/**
 * The builds a benchmark measures: this checkout's `dist/` (rebuilt when a
 * source is newer than its output) and, for a comparison in the same run,
 * the build of another git revision in a temporary worktree.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;

/** A build to measure: its name in the figures, its `bin/thincim.js`, and what its servers start with beyond the benchmark's own. */
export interface Build {
  name: string;
  bin: string;
  /** Node.js flags (--node-arg, --baseline-node-arg). */
  nodeArgs: readonly string[];
  /** Options of `thincim serve` (--serve-arg, --baseline-serve-arg). */
  serveArgs: readonly string[];
}

export const CURRENT: Build = { name: 'current', bin: join(ROOT, 'bin', 'thincim.js'), nodeArgs: [], serveArgs: [] };

/** The options of parseArgs that choose the builds, for a benchmark's own options to include. */
export const BUILD_OPTIONS = {
  baseline: { type: 'string' },
  'node-arg': { type: 'string', multiple: true, default: [] as string[] },
  'serve-arg': { type: 'string', multiple: true, default: [] as string[] },
  'baseline-node-arg': { type: 'string', multiple: true, default: [] as string[] },
  'baseline-serve-arg': { type: 'string', multiple: true, default: [] as string[] },
} as const;

/** Those options' values. */
export interface BuildArgs {
  baseline?: string;
  'node-arg': string[];
  'serve-arg': string[];
  'baseline-node-arg': string[];
  'baseline-serve-arg': string[];
}

/**
 * The builds to measure, in the order measured: the baseline's (checked out
 * and built under `work`) when there is one, then the current one.
 */
export function buildsToMeasure(args: BuildArgs, work: string): Build[] {
  const current: Build = { ...CURRENT, nodeArgs: args['node-arg'], serveArgs: args['serve-arg'] };
  if (args.baseline === undefined) {
    if (args['baseline-node-arg'].length || args['baseline-serve-arg'].length) throw new Error('--baseline-node-arg and --baseline-serve-arg need --baseline REV');
    return [current];
  }
  return [baselineBuild(args.baseline, work, { nodeArgs: args['baseline-node-arg'], serveArgs: args['baseline-serve-arg'] }), current];
}

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
function baselineBuild(revision: string, work: string, args: Pick<Build, 'nodeArgs' | 'serveArgs'>): Build {
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
  return { name: short, bin: join(dir, 'bin', 'thincim.js'), ...args };
}

/** What a benchmark's header says of its builds: the baseline's revision, and what any build's servers start with beyond the benchmark's own. */
export function buildsNote(builds: readonly Build[], baseline: string | undefined): string {
  const revision = baseline === undefined ? '' : `; baseline: ${builds[0]!.name} (${baseline})`;
  const args = builds.filter((build) => build.nodeArgs.length || build.serveArgs.length)
    .map((build) => `; ${build.name} runs ${['node', ...build.nodeArgs, 'bin/thincim.js serve', ...build.serveArgs].join(' ')}`);
  return revision + args.join('');
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
