/**
 * The page's static assets, loaded once from the package: the style sheet
 * and icon from src/web/assets (shipped as they are), the script compiled
 * from src/web/client/page.ts. Run from dist, the script is tsc's output
 * next to this module; run from the sources (tsx, the tests), it is
 * transpiled here with TypeScript, so both serve the same code.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

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

const HERE = new URL('.', import.meta.url);
/** The assets folder beside this module (sources), or the sources' from dist/src/web. */
const FOLDERS = [new URL('assets/', HERE), new URL('../../../src/web/assets/', HERE)];

async function readAsset(name: string): Promise<Buffer> {
  for (const folder of FOLDERS) {
    try {
      return await readFile(new URL(name, folder));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new Error(`web asset ${name} not found in ${FOLDERS.map((f) => f.pathname).join(' or ')}`);
}

async function clientScript(): Promise<Buffer> {
  try {
    // Without tsc's source map comment: the map is not served.
    return Buffer.from((await readFile(new URL('client/page.js', HERE), 'utf8')).replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const source = await readFile(new URL('client/page.ts', HERE), 'utf8');
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
