/**
 * Where thincim's own files are, however it runs: from the sources (tsx,
 * the tests), where a module is `src/…/*.ts`, or from the build, where the
 * code is esbuild's bundle in dist/ (entry points at their sources' paths,
 * shared code in dist/chunks/). Both find the package's root the same way:
 * the nearest folder above with thincim's package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when this module runs as TypeScript source rather than from the bundle. */
export const FROM_SOURCES = import.meta.url.endsWith('.ts');

interface Manifest {
  name?: string;
  version?: string;
}

let root: { dir: string; manifest: Manifest } | undefined;

function packageRootOnce(): { dir: string; manifest: Manifest } {
  const from = dirname(fileURLToPath(import.meta.url));
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      if (manifest.name === 'thincim') return { dir, manifest };
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the thincim package above ${from}`);
  }
}

/** The package's root folder (where package.json, schemas/ and dist/ are). */
export function packageRoot(): string {
  root ??= packageRootOnce();
  return root.dir;
}

/** The package's version, from its package.json. */
export function packageVersion(): string {
  root ??= packageRootOnce();
  return root.manifest.version ?? '0.0.0';
}

/**
 * The file of a module that is an entry point of the build, named by its
 * source path without extension (`providers/hwmon/index`): the source when
 * running from the sources, its bundle in dist/ otherwise.
 */
export function entryModule(path: string): string {
  return FROM_SOURCES ? join(packageRoot(), `${path}.ts`) : join(packageRoot(), 'dist', `${path}.js`);
}
