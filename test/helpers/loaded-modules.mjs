// Preloaded (`node --import`) into a process under test, before tsx: appends
// the URL of every ES module the process resolves to the file named by
// LOADED_MODULES_FILE, one a line. require.cache (loaded-packages.cjs) does
// not see ES modules, such as thincim's own.
import { register } from 'node:module';

register('./loaded-modules-hooks.mjs', import.meta.url);
