#!/usr/bin/env node
import { constants } from 'node:os';
import { exitWhenDone, main } from '../dist/src/cli/main.js';

// A reader that stops early (`thincim health … | head`) closes the pipe: end as SIGPIPE ends a C tool, without a stack trace.
// The server says so first: its log reader is gone, and it would otherwise die without a word.
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
  if (process.argv[2] === 'serve') process.stderr.write('thincim serve: standard output (the log) was closed: exiting\n');
  process.exit(128 + constants.signals.SIGPIPE);
});

exitWhenDone(await main(process.argv.slice(2)));
