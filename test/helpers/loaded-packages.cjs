// Preloaded (`node --require`) into a process under test: at exit, writes the
// names of the npm packages whose CommonJS modules it loaded (as JSON) to the
// file named by LOADED_PACKAGES_FILE. Imports of CommonJS from ESM go through
// the same cache, so this sees every CommonJS dependency however it is loaded.
// With LOADED_CJS_MODULES_FILE, also those modules (`ajv/dist/runtime/ucs2length.js`, …);
// with LOADED_ESM_FILE, the URL of every ES module loaded, one a line (loaded-modules-hooks.mjs);
// with LOADED_BUILTINS_FILE, Node.js's own modules loaded (`http2`, `internal/http2/core`, …; as JSON).
'use strict';
const { writeFileSync } = require('node:fs');
const { register } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const esmFile = process.env.LOADED_ESM_FILE;
if (esmFile) {
  writeFileSync(esmFile, '');
  register(pathToFileURL(join(__dirname, 'loaded-modules-hooks.mjs')), { data: { file: esmFile } });
}

process.on('exit', () => {
  const names = new Set();
  const modules = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*[\\/]node_modules[\\/])(.*)$/.exec(file);
    if (!match) continue;
    const name = match[1].replace(/\\/g, '/');
    names.add(name);
    modules.add(`${name}/${match[2].replace(/\\/g, '/')}`);
  }
  writeFileSync(process.env.LOADED_PACKAGES_FILE, JSON.stringify([...names].sort()));
  if (process.env.LOADED_CJS_MODULES_FILE) writeFileSync(process.env.LOADED_CJS_MODULES_FILE, JSON.stringify([...modules].sort()));
  if (process.env.LOADED_BUILTINS_FILE) {
    const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
    writeFileSync(process.env.LOADED_BUILTINS_FILE, JSON.stringify(builtins.sort()));
  }
});
