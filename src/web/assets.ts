/**
 * The page's static assets, loaded once from the package: the style sheet
 * and icon from src/web/assets (shipped as they are), the script built from
 * src/web/client/page.ts. Run from the build, the script is the bundler's
 * dist/src/web/client/page.js; run from the sources (tsx, the tests), it is
 * bundled here by the same bundler with the same options, so both serve the
 * same code.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FROM_SOURCES, entryModule, packageRoot } from '../package.js';

export interface Asset {
  body: Buffer;
  type: string;
  /** Content hash: the `v` of the asset's URL, so that a cached copy is never stale. */
  hash: string;
}

export interface Assets {
  css: Asset;
  js: Asset;
  icon: Asset;
}

const CLIENT = 'src/web/client/page';

function readAsset(name: string): Promise<Buffer> {
  return readFile(join(packageRoot(), 'src/web/assets', name));
}

async function clientScript(): Promise<Buffer> {
  if (!FROM_SOURCES) return readFile(entryModule(CLIENT));
  // Only when run from the sources, where the dev dependency is installed; the options are scripts/bundle.mjs's.
  const { build } = await import('esbuild');
  const out = await build({ entryPoints: [entryModule(CLIENT)], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'warning' });
  return Buffer.from(out.outputFiles[0]!.contents);
}

function asset(body: Buffer, type: string): Asset {
  return { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 16) };
}

let loaded: Promise<Assets> | undefined;

export function loadAssets(): Promise<Assets> {
  loaded ??= (async () => ({
    css: asset(await readAsset('page.css'), 'text/css; charset=utf-8'),
    js: asset(await clientScript(), 'text/javascript; charset=utf-8'),
    icon: asset(await readAsset('icon.svg'), 'image/svg+xml'),
  }))();
  return loaded;
}
