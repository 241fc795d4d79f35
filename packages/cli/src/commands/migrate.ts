import { canonicalJson, isFormat2, migratePolicy, validatePolicy } from '@allot/engine';
import { writeFile } from 'node:fs/promises';
import { CliError, EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { writeLines } from '../cli-io.js';
import { loadPolicy } from '../load-files.js';
import { USAGE, parseCommand, usageError } from '../usage.js';

/**
 * `allot migrate <policy.json> [--out <file>] [--version <semver>]`: writes the format-2 form of
 * a format-1 policy (SPEC §6) to stdout or `--out`. Same rules and numbers, so the same
 * decisions; only the hash (and the version, with --version) differs. A format-2 file is
 * written back unchanged.
 */
export async function runMigrate(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, flags, help } = parseCommand('migrate', args, { out: { type: 'string' }, version: { type: 'string' } }, 1);
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const file = positionals[0];
  if (file === undefined) throw new CliError(EXIT_USAGE, usageError('migrate', 'a policy file is required: allot migrate <policy.json>'));
  const { policy } = await loadPolicy(file);
  const migrated = migratePolicy(policy);
  const version = flags['version'];
  if (typeof version === 'string') migrated.version = version;
  // Checked like any policy file, so a bad --version is reported, not written.
  const check = validatePolicy(JSON.parse(canonicalJson(migrated)));
  if (!check.ok) throw new CliError(EXIT_INVALID, check.errors.map((e) => `${e.pointer}: ${e.message.zh} / ${e.message.en}`));
  const text = `${JSON.stringify(migrated, null, 2)}\n`;
  const out = flags['out'];
  if (typeof out === 'string') {
    await writeFile(out, text, 'utf8');
    writeLines(io.stderr, [`${isFormat2(policy) ? 'already format 2' : 'migrated to format 2'}: ${out}`]);
  } else {
    io.stdout.write(text);
  }
  return EXIT_OK;
}
