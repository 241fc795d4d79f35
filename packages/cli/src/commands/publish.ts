import { EXIT_OK } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { writeLines } from '../cli-io.js';
import { renderTable } from '../format.js';
import { loadPolicy } from '../load-files.js';
import { STORE_OPTIONS, withRuntime } from '../runtime-session.js';
import { USAGE, instantFlag, parseCommand, requireFlag, requirePositional, stringFlag } from '../usage.js';

/**
 * `allot publish <policy.json> --effective-from <iso>`: validates the policy (every problem as
 * `<pointer>: <zh> / <en>`, exit 1), publishes it effective from that instant (not before the
 * runtime's time: decisions up to then are final), and prints its id, version, hash and
 * effective time. Decisions before the instant keep the old version; state carries across.
 */
export async function runPublish(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals, help } = parseCommand(
    'publish',
    args,
    { ...STORE_OPTIONS, 'effective-from': { type: 'string' }, author: { type: 'string' }, approver: { type: 'string' }, note: { type: 'string' } },
    1,
  );
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const file = requirePositional('publish', positionals, '<policy.json>');
  requireFlag('publish', flags, 'effective-from', 'iso');
  const effectiveFrom = instantFlag('publish', flags, 'effective-from') as string;
  const { policy } = await loadPolicy(file);
  const author = stringFlag(flags, 'author');
  const approver = stringFlag(flags, 'approver');
  const note = stringFlag(flags, 'note');
  return withRuntime('publish', flags, { stderr: io.stderr }, async (runtime) => {
    const row = await runtime.publish(policy, {
      effectiveFrom,
      ...(author === undefined ? {} : { author }),
      ...(approver === undefined ? {} : { approver }),
      ...(note === undefined ? {} : { note }),
    });
    writeLines(io.stdout, [
      `published / 已发布: ${row.policyId} ${row.version} ${row.hash}`,
      ...renderTable(
        ['项目 Item', '值 Value'],
        [
          ['策略 policy', `${row.policyId} ${row.version}`],
          ['哈希 hash', row.hash],
          ['生效 effective from', row.effectiveFrom === null ? '自始 from the start' : `${effectiveFrom} (${row.effectiveFrom.toISOString()})`],
          ['作者 author', row.author ?? '-'],
          ['批准 approver', row.approver ?? '-'],
          ['日志位置 log op', row.publishSeq === null ? '-' : String(row.publishSeq)],
        ],
        ['left', 'left'],
      ),
    ]);
    return EXIT_OK;
  });
}
