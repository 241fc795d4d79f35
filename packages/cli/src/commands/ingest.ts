import type { EventError } from '@allot/engine';
import { isRuntimeError } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { readPublishedVersions } from '@allot/store';
import { EXIT_INVALID, EXIT_OK } from '../cli-error.js';
import type { CliIo, OutputStream } from '../cli-io.js';
import { writeLines } from '../cli-io.js';
import { groupDigits, renderTable } from '../format.js';
import { fileSize, lineBatches } from '../line-batches.js';
import { defaultPolicyFile, loadPolicy } from '../load-files.js';
import { ProgressBar } from '../progress.js';
import { STORE_OPTIONS, describeStore, withRuntime } from '../runtime-session.js';
import { USAGE, intFlag, parseCommand, requirePositional, stringFlag } from '../usage.js';

/** Lines per `runtime.ingest` call unless `--batch` says otherwise. */
export const DEFAULT_BATCH = 1000;

/** What an ingest run did, summed over its batches. */
interface Totals {
  accepted: number;
  duplicates: number;
  late: number;
  /** Lines with at least one error. */
  rejectedLines: number;
  decisions: number;
  batches: number;
}

/**
 * A batch's error as `<file>:<line>: field "<f>": <message>`, its line (and a "first on line N"
 * in a duplicate-id message) moved from the batch's numbering to the file's.
 */
function formatLineError(file: string, offset: number, e: EventError): string {
  const message = e.message.replace(/\(first on line (\d+)\)/, (_, n: string) => `(first on line ${Number(n) + offset})`);
  return `${file}:${e.line + offset}: ${e.field === null ? '' : `field "${e.field}": `}${message}`;
}

/**
 * Publishes the first policy version (the bundled one, or `--policy`) in force from the start,
 * when the database has none yet: events need a policy. Another process doing the same at once
 * is fine (its version stands).
 */
export async function ensurePolicy(runtime: Runtime, policyFile: string | undefined, stderr: OutputStream, command = 'ingest'): Promise<void> {
  if ((await readPublishedVersions(runtime.store.db)).length > 0) {
    if (policyFile !== undefined) stderr.write(`allot ${command}: --policy ignored: a policy version is already published (use allot publish) / 已有已发布策略，忽略 --policy\n`);
    return;
  }
  const loaded = await loadPolicy(policyFile ?? (await defaultPolicyFile()));
  try {
    const row = await runtime.publish(loaded.policy, { effectiveFrom: null, author: `allot ${command}`, note: `first version, from ${loaded.file}` });
    stderr.write(
      `allot ${command}: no policy was published yet: published ${row.policyId} ${row.version} ${row.hash} (${loaded.file}), in force from the start / ` +
        `尚无已发布策略，已发布该版本（自始生效）\n`,
    );
  } catch (error) {
    if (!(isRuntimeError(error) && (error.code === 'policy-exists' || error.code === 'effective-required'))) throw error;
  }
}

/** The summary table and, when lines were rejected, the note that the valid ones were kept. */
function summary(file: string, where: string, t: Totals, seconds: number): string[] {
  const rate = seconds > 0 ? Math.round((t.accepted + t.duplicates) / seconds) : 0;
  const lines = [
    `导入 Ingested ${file} → ${where}`,
    ...renderTable(
      ['项目 Item', '数量 Count'],
      [
        ['接受 accepted', groupDigits(t.accepted)],
        ['重复 duplicates (already stored)', groupDigits(t.duplicates)],
        ['迟到 late (applied at the runtime time)', groupDigits(t.late)],
        ['拒绝 rejected lines', groupDigits(t.rejectedLines)],
        ['决定 decisions recorded', groupDigits(t.decisions)],
        ['用时 elapsed', `${seconds.toFixed(2)} s`],
        ['速度 events/s', groupDigits(rate)],
      ],
    ),
  ];
  if (t.rejectedLines > 0) {
    lines.push(
      `${groupDigits(t.rejectedLines)} invalid line${t.rejectedLines === 1 ? '' : 's'} rejected (listed on stderr); ` +
        `the ${groupDigits(t.accepted + t.duplicates)} valid events were kept / ${groupDigits(t.rejectedLines)} 行无效已拒绝，其余有效事件已保存`,
    );
  }
  return lines;
}

/**
 * `allot ingest <events.jsonl>`: streams the file through `runtime.ingest` in batches of
 * `--batch` lines (each batch one transaction). Invalid lines are listed on stderr as
 * `<file>:<line>: field "<f>": <message>` and skipped; the valid ones are kept. Prints a
 * summary; exit 1 when any line was rejected, else 0. On an empty database the bundled policy
 * (or `--policy`) is published first, in force from the start.
 */
export async function runIngest(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals, help } = parseCommand(
    'ingest',
    args,
    { ...STORE_OPTIONS, batch: { type: 'string' }, progress: { type: 'boolean' }, policy: { type: 'string' } },
    1,
  );
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const file = requirePositional('ingest', positionals, '<events.jsonl>');
  const batchSize = intFlag('ingest', flags, 'batch', 1) ?? DEFAULT_BATCH;
  const size = await fileSize(file, 'events');
  const showProgress = flags['progress'] === true || io.stderr.isTTY === true;

  return withRuntime('ingest', flags, { stderr: io.stderr }, async (runtime) => {
    await ensurePolicy(runtime, stringFlag(flags, 'policy'), io.stderr);
    const t: Totals = { accepted: 0, duplicates: 0, late: 0, rejectedLines: 0, decisions: 0, batches: 0 };
    const bar = showProgress ? new ProgressBar(io.stderr, size) : undefined;
    const started = performance.now();
    let bytes = 0;
    try {
      for await (const batch of lineBatches(file, batchSize)) {
        const result = await runtime.ingest(batch.text);
        t.batches++;
        t.accepted += result.accepted;
        t.duplicates += result.duplicates;
        t.late += result.late;
        t.decisions += result.decisions.length;
        if (result.rejected.length > 0) {
          t.rejectedLines += new Set(result.rejected.map((e) => e.line)).size;
          bar?.clear();
          writeLines(io.stderr, result.rejected.map((e) => formatLineError(file, batch.firstLine - 1, e)));
        }
        bytes = batch.bytesRead;
        bar?.update(bytes, t.accepted + t.duplicates);
      }
    } catch (error) {
      bar?.clear();
      // The batches before the failing one are committed: say how far it got.
      io.stderr.write(`allot ingest: stopped after ${groupDigits(t.batches)} committed batch(es): ${groupDigits(t.accepted)} events accepted / 已提交 ${groupDigits(t.batches)} 批后中止\n`);
      throw error;
    }
    bar?.done(size, t.accepted + t.duplicates);
    const seconds = (performance.now() - started) / 1000;
    writeLines(io.stdout, summary(file, describeStore(flags), t, seconds));
    return t.rejectedLines > 0 ? EXIT_INVALID : EXIT_OK;
  });
}
