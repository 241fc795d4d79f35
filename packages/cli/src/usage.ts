import { parseArgs } from 'node:util';
import { CliError, EXIT_INVALID, EXIT_USAGE } from './cli-error.js';
import { parseInstant } from '@allot/engine';

/** The usage text of `allot help`. */
export const USAGE = `allot — client-resource and staff-discipline policy as versioned JSON

Usage / 用法:
  allot validate <policy.json>
      Check a policy file. Prints "valid: <id> <version> <hash>".
  allot simulate [--policy <policy.json>] --events <events.jsonl> [--until <iso>] [--progress]
      Replay the events and print the decisions as JSON Lines on stdout.
  allot diff [--base <policy.json>] --policy <draft.json> --events <events.jsonl> [--until <iso>] [--json]
      What-if: replay the same events under both policies and show what changes.
  allot summary [--events <events.jsonl>] [--policy <policy.json>] [--until <iso>]
      A readable summary of a simulation.
  allot help
      This text.

Defaults: --policy (simulate, summary) and --base (diff) are the bundled
policies/sales-resource/1.0.0.json; summary's --events is examples/history.jsonl.
--until is inclusive (ISO-8601 with offset, e.g. 2026-06-30T23:59:59+08:00) and defaults to the
last event's time.

Exit codes / 退出码: 0 ok, 1 invalid input (file, policy, events, flag value),
2 usage error (unknown command or option, missing argument), 3 internal error.
`;

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

/** Parsed flags: strings for string options, booleans for boolean ones (absent = undefined). */
export type ParsedFlags = Record<string, string | boolean | undefined>;

/**
 * Parses one command's arguments strictly (util.parseArgs). Unknown options, a missing value or
 * unexpected positionals are usage errors (exit 2). `--help` / `-h` are always accepted.
 */
export function parseCommand(
  command: string,
  args: readonly string[],
  options: OptionSpec,
  positionals = 0,
): { flags: ParsedFlags; positionals: string[]; help: boolean } {
  try {
    const parsed = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    const flags = parsed.values as ParsedFlags;
    const help = flags['help'] === true;
    if (!help && parsed.positionals.length > positionals) {
      throw new CliError(EXIT_USAGE, usageError(command, `unexpected argument "${parsed.positionals[positionals] ?? ''}"`));
    }
    return { flags, positionals: parsed.positionals, help };
  } catch (error) {
    if (error instanceof CliError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(EXIT_USAGE, usageError(command, message));
  }
}

/** The standard usage-error lines. */
export function usageError(command: string, message: string): string[] {
  return [`allot ${command}: ${message}`, 'Run "allot help" for usage. / 运行 "allot help" 查看用法。'];
}

/** A required string flag, or a usage error naming it. */
export function requireFlag(command: string, flags: ParsedFlags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new CliError(EXIT_USAGE, usageError(command, `--${name} <file> is required`));
  return value;
}

/** An optional string flag. */
export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--until`, checked: an ISO-8601 date-time with an offset, else exit 1 naming the flag. */
export function untilFlag(command: string, flags: ParsedFlags): string | undefined {
  const until = stringFlag(flags, 'until');
  if (until === undefined) return undefined;
  if (parseInstant(until) === null) {
    throw new CliError(EXIT_INVALID, [
      `allot ${command}: --until: ${JSON.stringify(until)} is not an ISO-8601 date-time with an offset (e.g. 2026-06-30T23:59:59+08:00)`,
      `allot ${command}: --until 不是带时区偏移的 ISO-8601 时间`,
    ]);
  }
  return until;
}
