/** Exit codes of the `allot` command (docs/cli.md). */
export const EXIT_OK = 0;
/** Invalid input: an unreadable file, bad JSON, an invalid policy or event line, a bad flag value. */
export const EXIT_INVALID = 1;
/** Usage error: unknown command or option, a missing required option or argument. */
export const EXIT_USAGE = 2;
/** A bug: anything the command did not expect. Printed with its stack trace. */
export const EXIT_INTERNAL = 3;

/**
 * An expected failure: its lines go to stderr as they are (no stack trace) and the command exits
 * with `exitCode`.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;
  readonly lines: readonly string[];

  constructor(exitCode: number, lines: string | readonly string[]) {
    const all = typeof lines === 'string' ? [lines] : lines;
    super(all.join('\n'));
    this.exitCode = exitCode;
    this.lines = all;
  }
}
