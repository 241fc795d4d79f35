import type { Runtime, VerifyRange, VerifyReport } from '@allot/runtime';
import { queryDecisions } from '@allot/store';
import { EXIT_INVALID, EXIT_OK } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { LineSink, writeLines } from '../cli-io.js';
import { groupDigits, renderTable } from '../format.js';
import { STORE_OPTIONS, withRuntime } from '../runtime-session.js';
import { USAGE, instantFlag, parseCommand } from '../usage.js';

/** The seq of the first decision at or after `iso`, or undefined when there is none. */
async function firstSeqFrom(runtime: Runtime, iso: string): Promise<number | undefined> {
  const [row] = await queryDecisions(runtime.store.db, { since: iso, limit: 1 });
  return row?.seq;
}

/**
 * The decision seqs of `[since, until)`: decisions are recorded in time order (the runtime's
 * time never goes back), so a time range is a seq range.
 */
async function seqRange(runtime: Runtime, since: string | undefined, until: string | undefined): Promise<VerifyRange> {
  const range: VerifyRange = {};
  if (since !== undefined) range.fromSeq = (await firstSeqFrom(runtime, since)) ?? Number.MAX_SAFE_INTEGER;
  if (until !== undefined) {
    const end = await firstSeqFrom(runtime, until);
    if (end !== undefined) range.toSeq = end - 1;
  }
  return range;
}

/** The report as text: ok and the counts, or every listed mismatch. */
export function verifyLines(report: VerifyReport, range: VerifyRange): string[] {
  const { head } = report;
  const scope =
    range.fromSeq === undefined && range.toSeq === undefined ? 'all decisions' : `decisions ${range.fromSeq ?? 1}–${range.toSeq ?? head.decisionSeq}`;
  const counts = [
    `决定 decisions checked: ${groupDigits(report.checked)} (reported on: ${scope}); 事件 events replayed: ${groupDigits(report.events)}`,
    report.snapshot === null
      ? 'replayed from the first op, trusting no snapshot / 从第一个操作开始重放，不依赖快照'
      : `replayed from the snapshot at op ${report.snapshot.opSeq} (taken ${report.snapshot.takenAt}; it and the rows before it are trusted) / 从第 ${report.snapshot.opSeq} 个操作的快照开始核验`,
    `head: op ${head.opSeq}, decision ${head.decisionSeq} ${head.decisionHash}`,
    '  (keep this hash outside the database: a later verify that shows another hash for this decision means the chain was rewritten / 请在库外保存此哈希)',
  ];
  if (report.ok) return ['ok: the record matches its replay / 记录与重放一致', ...counts];
  const n = report.mismatchCount;
  return [
    `FAILED: ${groupDigits(n)} mismatch${n === 1 ? '' : 'es'} between the record and its replay / 记录与重放不一致：${groupDigits(n)} 处`,
    ...renderTable(
      ['序号 Seq', '表 Table', '原因 Reason', '决定/事件 Id', '说明 Detail'],
      report.mismatches.map((m) => [m.seq === null ? '-' : String(m.seq), m.table, m.reason, m.decisionId ?? m.eventId ?? '', m.detail]),
      ['right', 'left', 'left', 'left', 'left'],
    ),
    ...(report.mismatches.length < n ? [`(${groupDigits(n - report.mismatches.length)} more not listed / 另有未列出)`] : []),
    ...counts,
  ];
}

/**
 * `allot verify [--since <iso>] [--until <iso>]`: replays the stored log and compares every
 * recorded decision and both hash chains; without a period from the first op, with one from the
 * snapshot before the period to its end (only the period's decisions are reported on). Prints ok
 * and the counts (exit 0), or every mismatch — seq, decision id, reason — (exit 1).
 */
export async function runVerify(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, help } = parseCommand('verify', args, { ...STORE_OPTIONS, since: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' } });
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const since = instantFlag('verify', flags, 'since');
  const until = instantFlag('verify', flags, 'until');
  return withRuntime('verify', flags, { stderr: io.stderr }, async (runtime) => {
    const range = await seqRange(runtime, since, until);
    const report = await runtime.verify(range);
    const sink = new LineSink(io.stdout);
    const lines = flags['json'] === true ? [JSON.stringify(report)] : verifyLines(report, range);
    for (const line of lines) await sink.line(line);
    await sink.flush();
    return report.ok ? EXIT_OK : EXIT_INVALID;
  });
}
