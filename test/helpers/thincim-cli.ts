/** The thincim command run from source (`node --import tsx test/helpers/thincim-cli.ts ARGS`), for process-level tests. */
import { exitWhenDone, main } from '../../src/cli/main.js';

exitWhenDone(await main(process.argv.slice(2)));
