import { DECISION_KINDS } from '@allot/engine';
import type { Decision } from '@allot/engine';
import type { DecisionQuery } from '@allot/runtime';
import { CliError, EXIT_INVALID, EXIT_OK } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { LineSink, writeLines } from '../cli-io.js';
import { decisionTable } from '../decision-rows.js';
import { groupDigits } from '../format.js';
import { STORE_OPTIONS, withRuntime } from '../runtime-session.js';
import type { ParsedFlags } from '../usage.js';
import { USAGE, instantFlag, intFlag, parseCommand, stringFlag } from '../usage.js';

/** Rows a table shows unless `--limit` says otherwise (JSON Lines: all). */
export const TABLE_LIMIT = 100;
/** Decisions read per query. */
const PAGE = 1000;

/** The filter from the flags; an unknown `--kind` is exit 1 listing the kinds. */
function filterOf(flags: ParsedFlags): DecisionQuery {
  const kind = stringFlag(flags, 'kind');
  if (kind !== undefined && !(DECISION_KINDS as readonly string[]).includes(kind)) {
    throw new CliError(EXIT_INVALID, [`allot decisions: --kind: unknown decision kind ${JSON.stringify(kind)}; one of: ${DECISION_KINDS.join(', ')}`, 'allot decisions: 未知的决定类型']);
  }
  const entries: [keyof DecisionQuery, string | number | undefined][] = [
    ['staffId', stringFlag(flags, 'staff')],
    ['clientId', stringFlag(flags, 'client')],
    ['kind', kind],
    ['rule', stringFlag(flags, 'rule')],
    ['since', instantFlag('decisions', flags, 'since')],
    ['until', instantFlag('decisions', flags, 'until')],
    ['after', intFlag('decisions', flags, 'after', 0)],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as DecisionQuery;
}

/**
 * `allot decisions`: the recorded decisions matching the filters (`--since` inclusive, `--until`
 * exclusive), in the order they were made, as a table (first 100) or JSON Lines (`--json`, all),
 * at most `--limit`. When the limit cut the list short, stderr names the `--after` cursor of the
 * next page. Each read is in the access log.
 */
export async function runDecisions(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, help } = parseCommand('decisions', args, {
    ...STORE_OPTIONS,
    staff: { type: 'string' },
    client: { type: 'string' },
    kind: { type: 'string' },
    rule: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    after: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const json = flags['json'] === true;
  const filter = filterOf(flags);
  const limit = intFlag('decisions', flags, 'limit', 1) ?? (json ? Number.POSITIVE_INFINITY : TABLE_LIMIT);

  return withRuntime('decisions', flags, { stderr: io.stderr }, async (runtime) => {
    const sink = new LineSink(io.stdout);
    const decisions: Decision[] = [];
    const seqs: number[] = [];
    let after = filter.after;
    let count = 0;
    let more = false;
    while (count < limit) {
      const want = Math.min(PAGE, limit - count);
      const page = await runtime.decisions({ ...filter, ...(after === undefined ? {} : { after }), limit: want });
      for (const item of page.items) {
        count++;
        if (json) await sink.line(JSON.stringify(item.decision));
        else {
          decisions.push(item.decision);
          seqs.push(item.seq);
        }
      }
      if (sink.closed) return EXIT_OK;
      after = page.items[page.items.length - 1]?.seq ?? after;
      if (page.next === null) break;
      more = count >= limit;
    }
    if (!json) {
      const lines = count === 0 ? ['没有符合条件的决定 No decision matches.'] : [...decisionTable(decisions, seqs), '', `${groupDigits(count)} 条决定 decisions`];
      for (const line of lines) await sink.line(line);
    }
    await sink.flush();
    if (more && after !== undefined) writeLines(io.stderr, [`more may follow: add --after ${after} for the next page / 下一页：--after ${after}`]);
    return EXIT_OK;
  });
}
