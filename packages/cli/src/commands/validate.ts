import { CliError, EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { writeLines } from '../cli-io.js';
import { formatPolicyWarning, loadPolicy } from '../load-files.js';
import { USAGE, parseCommand, usageError } from '../usage.js';

/**
 * `allot validate <policy.json> [--strict]`: prints `valid: <id> <version> <hash>` (exit 0), or
 * every error as `<pointer>: <zh> / <en>` on stderr (exit 1, via `loadPolicy`). The verifier's
 * warnings go to stderr; with `--strict` any warning makes the exit code 1.
 */
export async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, flags, help } = parseCommand('validate', args, { strict: { type: 'boolean' } }, 1);
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const file = positionals[0];
  if (file === undefined) throw new CliError(EXIT_USAGE, usageError('validate', 'a policy file is required: allot validate <policy.json>'));
  const { policy, hash, warnings } = await loadPolicy(file);
  if (warnings.length > 0) writeLines(io.stderr, warnings.map(formatPolicyWarning));
  if (flags['strict'] === true && warnings.length > 0) {
    const n = warnings.length;
    throw new CliError(EXIT_INVALID, `${file}: ${n} warning${n === 1 ? '' : 's'} under --strict / 严格模式下有 ${n} 条警告`);
  }
  writeLines(io.stdout, [`valid: ${policy.id} ${policy.version} ${hash}${warnings.length > 0 ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : ''}`]);
  return EXIT_OK;
}
