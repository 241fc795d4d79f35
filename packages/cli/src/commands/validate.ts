import { CliError, EXIT_OK, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { writeLines } from '../cli-io.js';
import { loadPolicy } from '../load-files.js';
import { USAGE, parseCommand, usageError } from '../usage.js';

/**
 * `allot validate <policy.json>`: prints `valid: <id> <version> <hash>` (exit 0), or every
 * error as `<pointer>: <zh> / <en>` on stderr (exit 1, via `loadPolicy`).
 */
export async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, help } = parseCommand('validate', args, {}, 1);
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const file = positionals[0];
  if (file === undefined) throw new CliError(EXIT_USAGE, usageError('validate', 'a policy file is required: allot validate <policy.json>'));
  const { policy, hash } = await loadPolicy(file);
  writeLines(io.stdout, [`valid: ${policy.id} ${policy.version} ${hash}`]);
  return EXIT_OK;
}
