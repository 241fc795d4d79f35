import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled policy, relative to the repository root. */
export const DEFAULT_POLICY = 'policies/sales-resource/1.0.0.json';
/** The example history `allot summary` reads by default, relative to the repository root. */
export const DEFAULT_EVENTS = 'examples/history.jsonl';

/**
 * Finds a file shipped with the repository: walks up from this module (packages/cli/dist or
 * packages/cli/src) to the first directory that holds `relative`, so the default works from any
 * working directory. Returns null when no ancestor has it (e.g. an installed copy of the CLI).
 */
export async function findRepoFile(relative: string): Promise<string | null> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, relative);
    try {
      await access(candidate);
      return candidate;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return null;
      dir = parent;
    }
  }
}
