/** @allot/cli — the `allot` command as a function (bin/allot.js calls it). */
export { main } from './main.js';
export type { CliIo, OutputStream } from './cli-io.js';
export { EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL } from './cli-error.js';
