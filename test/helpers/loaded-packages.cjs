// Preloaded (`node --require`) into a process under test: at exit, writes the
// npm packages whose CommonJS modules it loaded to the file named by
// LOADED_PACKAGES_FILE, as JSON: `{ packages: ['ajv', …], modules:
// ['ajv/dist/runtime/ucs2length.js', …] }`. Imports of CommonJS from ESM go
// through the same cache, so this sees every CommonJS dependency however it is loaded.
'use strict';
const { writeFileSync } = require('node:fs');

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
  writeFileSync(process.env.LOADED_PACKAGES_FILE, JSON.stringify({ packages: [...packages].sort(), modules: [...modules].sort() }));
});
