import { parseArgs } from 'node:util';
import { CliError, EXIT_INVALID, EXIT_USAGE } from './cli-error.js';
import { parseInstant } from '@allot/engine';

/** The usage text of `allot help`. */
export const USAGE = `allot — client-resource and staff-discipline policy as versioned JSON

Usage / 用法:
  allot validate <policy.json> [--strict]
      Check a policy file (format 1 or 2). Prints "valid: <id> <version> <hash>"; the
      verifier's warnings go to stderr, and with --strict a warning fails (exit 1).
  allot migrate <policy.json> [--out <file>] [--version <semver>]
      Write the format-2 form of a format-1 policy (same decisions; only the hash differs).
  allot simulate [--policy <policy.json>] --events <events.jsonl> [--until <iso>] [--progress]
      Replay the events and print the decisions as JSON Lines on stdout.
  allot diff [--base <policy.json>] --policy <draft.json> --events <events.jsonl> [--until <iso>] [--json]
      What-if: replay the same events under both policies and show what changes.
  allot summary [--events <events.jsonl>] [--policy <policy.json>] [--until <iso>]
      A readable summary of a simulation.

Runtime / 运行库 (a database: PGlite in .allot/pglite under the working directory, or
--data-dir <dir>; PostgreSQL when DATABASE_URL is set and --data-dir is not given;
--schema <name> keeps everything in one schema):
  allot ingest <events.jsonl> [--batch <n>] [--progress] [--policy <policy.json>]
      Store and apply the events in batches (default 1000 lines); print a summary.
      Invalid lines are listed on stderr and skipped; the valid ones are kept.
  allot tick [--now <iso>] [--json]
      Fire every deadline due up to --now (default: the clock); print the decisions.
  allot status <staffId> [--at <iso>] [--json]
      A staff member's standing: eligible, paused, banned / hotline banned until.
  allot decisions [--staff <id>] [--client <id>] [--kind <k>] [--rule <r>] [--since <iso>]
                  [--until <iso>] [--after <seq>] [--limit <n>] [--json]
      Recorded decisions: a table (first 100) or JSON Lines (all); --after pages on.
  allot verify [--since <iso>] [--until <iso>] [--json]
      Replay the stored events; report every decision that differs from the record.
  allot publish <policy.json> --effective-from <iso> [--author <a>] [--approver <b>] [--note <text>]
      Validate and publish a policy version.
  allot explain <decisionId> [--json]
      A decision, its policy version and clause, and the events that caused it.
  allot import <file.xlsx|file.csv> --kind <kind> [--go-live <iso>] [--roster <file>] [--sheet <name>]
               [--policy <policy.json>] [--out <events.jsonl>] [--errors <errors.csv>] [--dry-run] [--ingest]
      Read a company's spreadsheet (kinds: staff, clients, sanctions, violations, late-entries,
      mismatches, deals; CSV in UTF-8 or GBK) as events: JSON Lines on stdout, every cell error
      on stderr as <file>:<row>:<column>. --dry-run shows what the replay decides up to go-live;
      --ingest stores the good rows through the runtime. Re-importing the same rows is a no-op.
  allot help
      This text.

Defaults: --policy (simulate, summary; ingest's first version) and --base (diff) are the
bundled policies/sales-resource/1.0.0.json; summary's --events is examples/history.jsonl.
--until is inclusive for simulate, diff and summary (ISO-8601 with offset, e.g.
2026-06-30T23:59:59+08:00) and defaults to the last event's time; decisions and verify take
[--since, --until).

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

/** A required string flag, or a usage error naming it (and what its value is: `file`, `iso`…). */
export function requireFlag(command: string, flags: ParsedFlags, name: string, what = 'file'): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new CliError(EXIT_USAGE, usageError(command, `--${name} <${what}> is required`));
  return value;
}

/** An optional string flag. */
export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--until`, checked: an ISO-8601 date-time with an offset, else exit 1 naming the flag. */
export function untilFlag(command: string, flags: ParsedFlags): string | undefined {
  return instantFlag(command, flags, 'until');
}

/** A date-time flag, checked: an ISO-8601 date-time with an offset, else exit 1 naming the flag. */
export function instantFlag(command: string, flags: ParsedFlags, name: string): string | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  if (parseInstant(value) === null) {
    throw new CliError(EXIT_INVALID, [
      `allot ${command}: --${name}: ${JSON.stringify(value)} is not an ISO-8601 date-time with an offset (e.g. 2026-06-30T23:59:59+08:00)`,
      `allot ${command}: --${name} 不是带时区偏移的 ISO-8601 时间`,
    ]);
  }
  return value;
}

/** A whole-number flag of at least `min`, else exit 1 naming the flag. */
export function intFlag(command: string, flags: ParsedFlags, name: string, min: number): number | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new CliError(EXIT_INVALID, [
      `allot ${command}: --${name}: ${JSON.stringify(value)} is not a whole number ≥ ${min}`,
      `allot ${command}: --${name} 须为不小于 ${min} 的整数`,
    ]);
  }
  return n;
}

/** The one positional argument a command requires, or a usage error showing the command's form. */
export function requirePositional(command: string, positionals: readonly string[], form: string): string {
  const value = positionals[0];
  if (value === undefined || value === '') throw new CliError(EXIT_USAGE, usageError(command, `${form.split(' ')[0] ?? form} is required: allot ${command} ${form}`));
  return value;
}
