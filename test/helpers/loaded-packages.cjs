// Preloaded (`node --require`) into a process under test: at exit, writes the
// names of the npm packages whose CommonJS modules it loaded (as JSON) to the
// file named by LOADED_PACKAGES_FILE. Imports of CommonJS from ESM go through
// the same cache, so this sees every CommonJS dependency however it is loaded.
'use strict';
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*[\\/]node_modules[\\/])/.exec(file);
    if (match) names.add(match[1].replace(/\\/g, '/'));
  }
  writeFileSync(process.env.LOADED_PACKAGES_FILE, JSON.stringify([...names].sort()));
});
