/**
 * The page's static assets, loaded once from the package: the style sheet
 * and icon from src/web/assets (shipped as they are), the script built from
 * src/web/client/page.ts. Run from the build, the script is the bundler's
 * dist/src/web/client/page.js; run from the sources (tsx, the tests), it is
 * transpiled here with TypeScript, so both serve the same code.
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
  const source = await readFile(entryModule(CLIENT), 'utf8');
  // Only when run from the sources, where the dev dependency is installed.
  const ts = (await import('typescript')).default;
  const out = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  return Buffer.from(out.outputText);
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
