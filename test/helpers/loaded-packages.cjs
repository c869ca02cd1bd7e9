// Preloaded (`node --require`) into a process under test: at exit, writes
// what it loaded to the file named by LOADED_PACKAGES_FILE, as JSON:
// `{ packages: ['ajv', …], modules: ['ajv/dist/runtime/ucs2length.js', …],
// esm: ['file:///…/src/cli/serve.ts', …] }`. packages and modules are the npm
// packages' CommonJS modules (imports of CommonJS from ESM go through the same
// cache, so this sees every CommonJS dependency however it is loaded); esm is
// every ES module file, reported by module hooks (loaded-modules-hooks.mjs).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { register } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const esmFile = `${process.env.LOADED_PACKAGES_FILE}.esm`;
writeFileSync(esmFile, '');
register(pathToFileURL(join(__dirname, 'loaded-modules-hooks.mjs')), { data: { file: esmFile } });

process.on('exit', () => {
  const packages = new Set();
  const modules = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*[\\/]node_modules[\\/])(.*)$/.exec(file);
    if (!match) continue;
    const name = match[1].replace(/\\/g, '/');
    packages.add(name);
    modules.add(`${name}/${match[2].replace(/\\/g, '/')}`);
  }
  const esm = [...new Set(readFileSync(esmFile, 'utf8').split('\n').filter(Boolean))].sort();
  writeFileSync(process.env.LOADED_PACKAGES_FILE, JSON.stringify({ packages: [...packages].sort(), modules: [...modules].sort(), esm }));
});
