import { CliError, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from './cli-error.js';
import type { CliIo, OutputStream } from './cli-io.js';
import { processIo, writeLines } from './cli-io.js';
import { runDiff } from './commands/diff.js';
import { runSimulate } from './commands/simulate.js';
import { runSummary } from './commands/summary.js';
import { runValidate } from './commands/validate.js';
import { USAGE, usageError } from './usage.js';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/**
 * The runtime commands load `@allot/runtime` (and with it the database drivers) only when run,
 * so the engine-only commands start as fast as before.
 */
const COMMANDS: Readonly<Record<string, Command>> = {
  validate: runValidate,
  simulate: runSimulate,
  diff: runDiff,
  summary: runSummary,
  migrate: async (args, io) => (await import('./commands/migrate.js')).runMigrate(args, io),
  ingest: async (args, io) => (await import('./commands/ingest.js')).runIngest(args, io),
  tick: async (args, io) => (await import('./commands/tick.js')).runTick(args, io),
  status: async (args, io) => (await import('./commands/status.js')).runStatus(args, io),
  decisions: async (args, io) => (await import('./commands/decisions.js')).runDecisions(args, io),
  verify: async (args, io) => (await import('./commands/verify.js')).runVerify(args, io),
  publish: async (args, io) => (await import('./commands/publish.js')).runPublish(args, io),
  explain: async (args, io) => (await import('./commands/explain.js')).runExplain(args, io),
  import: async (args, io) => (await import('./commands/import.js')).runImport(args, io),
};

/**
 * A stream error (typically EPIPE: `allot … | head`) must not crash the process with a stack
 * trace. Output that matters goes through `LineSink`, which listens for errors itself and stops
 * (EPIPE) or fails the command (anything else).
 */
const guarded = new WeakSet<OutputStream>();
const guard = (stream: OutputStream): void => {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', () => undefined);
};

/**
 * Runs the `allot` command with `argv` (without `node` and the script) and resolves to the exit
 * code: 0 ok, 1 invalid input, 2 usage error, 3 internal error (docs/cli.md). Expected failures
 * print their message only; `io` defaults to the process streams (tests may pass their own).
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  guard(io.stdout);
  guard(io.stderr);
  const [command, ...args] = argv;
  try {
    if (command === 'help' || command === '--help' || command === '-h') {
      writeLines(io.stdout, [USAGE]);
      return EXIT_OK;
    }
    if (command === undefined) {
      writeLines(io.stderr, [USAGE]);
      return EXIT_USAGE;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (run === undefined) throw new CliError(EXIT_USAGE, usageError(command, 'unknown command / 未知命令'));
    return await run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      writeLines(io.stderr, error.lines);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    writeLines(io.stderr, [`allot: internal error (please report) / 内部错误: ${detail}`]);
    return EXIT_INTERNAL;
  }
}
