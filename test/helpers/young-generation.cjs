// Preloaded (`node --require`) into a process under test: at exit, writes the
// size of V8's young generation (both semi-spaces, bytes) to the file named by
// YOUNG_GENERATION_FILE.
'use strict';
const { writeFileSync } = require('node:fs');
const { getHeapSpaceStatistics } = require('node:v8');

process.on('exit', () => {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  writeFileSync(process.env.YOUNG_GENERATION_FILE, String(young.space_size));
});
