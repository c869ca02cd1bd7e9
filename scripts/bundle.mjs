// The build's code: esbuild bundles thincim and its dependencies into dist/,
// so that the package installs with no dependency at all (issue 11: 10 MB
// installed) and starts without resolving hundreds of modules.
//
// - Entry points keep their sources' paths (dist/src/cli/main.js,
//   dist/providers/hwmon/index.js, …): bin/ and src/package.ts's entryModule
//   find them there. Code they share is split into dist/chunks/, so every
//   module exists once per process (a provider's `instanceof` sees the
//   broker's classes), and what is imported dynamically (a command, a
//   provider, the YAML parser, net-snmp) is read only when used.
// - Whitespace and comments go: V8 keeps each module's source text in the
//   heap for as long as the process runs, two bytes a character when one
//   character is not ASCII (a comment's "→" was enough), so the serve chunk
//   cost 1.9 MB. Names stay, so stack traces still name their functions.
// - Left out, to run-time resolution: esbuild (which bundles the page script
//   when running from the sources), and fastify's schema compilers
//   (ajv, fast-json-stringify: ~400 KB), which fastify requires only without
//   the factories src/server/app.ts gives it; and light-my-request, which
//   fastify requires only for `inject`, a testing aid thincim never calls.
// - fastify requires node:http2 as it loads, for an option thincim never
//   sets; Node.js's HTTP/2 module costs ~2 MB of memory once loaded. fastify
//   is given a stand-in that loads it on first use (lazy-builtins.mjs).
// - dist/bundle-meta.json (esbuild's metafile, not shipped) says which
//   sources each output holds: test/ops/bundle.test.ts reads it.
//
//   node scripts/bundle.mjs
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { lazyBuiltins } from './lazy-builtins.mjs';

const PROVIDERS = ['hwmon', 'ipmi', 'simulated', 'sysinfo', 'template'];
const OUT = 'dist';

// The previous build's code goes (chunk names change with their content); tsc's type declarations stay.
rmSync(`${OUT}/chunks`, { recursive: true, force: true });
for (const dir of ['src', 'providers'].filter((d) => existsSync(`${OUT}/${d}`))) {
  for (const entry of readdirSync(`${OUT}/${dir}`, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
    if (/\.js(\.map)?$/.test(entry.name)) rmSync(`${entry.parentPath}/${entry.name}`);
  }
}

const server = await build({
  // The template's instance provider too, so its README's `provider-test` line runs on the built code.
  entryPoints: ['src/cli/main.ts', 'src/index.ts', ...PROVIDERS.map((name) => `providers/${name}/index.ts`), 'providers/template/widgets.ts'],
  outdir: OUT,
  outbase: '.',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS dependencies call require() for Node's built-ins.
  banner: { js: "import { createRequire as __thincimRequire } from 'node:module'; const require = __thincimRequire(import.meta.url);" },
  external: ['esbuild', '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'light-my-request'],
  plugins: [lazyBuiltins],
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

await build({
  entryPoints: ['src/web/client/page.ts'],
  outdir: `${OUT}/src/web/client`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});

writeFileSync(`${OUT}/bundle-meta.json`, JSON.stringify(server.metafile));
