import { readFile, writeFile } from 'node:fs/promises';
import { eventCodesOf, parseInstant, zoneOf } from '@allot/engine';
import type { AllotEvent, AnyPolicy } from '@allot/engine';
import { readStaffStatuses } from '@allot/store';
import { dryRun, errorFileCsv, importFile, IMPORT_KINDS, isImportKind, KIND_DEFS, SheetFileError, staffDirectory } from '@allot/sheets';
import type { CellError, FileImport, StaffDirectory } from '@allot/sheets';
import { CliError, EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { writeLines } from '../cli-io.js';
import { groupDigits, renderTable, yuanDigits as yuan } from '../format.js';
import { defaultPolicyFile, displayPath, loadPolicy } from '../load-files.js';
import { STORE_OPTIONS, describeStore, withRuntime } from '../runtime-session.js';
import { ensurePolicy } from './ingest.js';
import { USAGE, parseCommand, requireFlag, requirePositional, stringFlag, usageError } from '../usage.js';

/** Events per `runtime.ingest` call: one transaction each. */
const BATCH = 1000;

/** A cell error as `<file>:<row>:<column>: <header>: <中文> / <English>`. */
export function formatCellError(file: string, e: CellError): string {
  return `${file}:${e.row}:${e.column}: ${e.header}: ${e.message.zh}${e.message.en === e.message.zh ? '' : ` / ${e.message.en}`}`;
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(EXIT_INVALID, [`allot import: cannot read ${file}: ${message}`, `allot import: 无法读取文件 ${file}`]);
  }
}

async function importOrFail(bytes: Uint8Array, file: string, options: Parameters<typeof importFile>[2]): Promise<FileImport> {
  try {
    return await importFile(bytes, file, options);
  } catch (error) {
    if (error instanceof SheetFileError) throw new CliError(EXIT_INVALID, [`allot import: ${displayPath(file)}: ${error.message}`]);
    throw error;
  }
}

/**
 * `allot import <file> --kind <kind>`: reads a company's .xlsx or .csv book (CSV in UTF-8 or
 * GBK/GB18030) and writes its good rows as events (JSON Lines on stdout, or `--out`), every
 * cell error on stderr as `<file>:<row>:<column>: …` (and `--errors <file.csv>`). `--dry-run`
 * prints what the replay would decide up to go-live instead; `--ingest` stores the events
 * through the runtime in time order, one transaction per 1,000. Exit 1 when any row had an error (the good
 * rows are still written or stored).
 */
export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals, help } = parseCommand(
    'import',
    args,
    {
      ...STORE_OPTIONS,
      kind: { type: 'string' },
      'go-live': { type: 'string' },
      policy: { type: 'string' },
      roster: { type: 'string' },
      sheet: { type: 'string' },
      out: { type: 'string' },
      errors: { type: 'string' },
      'dry-run': { type: 'boolean' },
      ingest: { type: 'boolean' },
    },
    1,
  );
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const file = requirePositional('import', positionals, '<file.xlsx|file.csv>');
  const kind = requireFlag('import', flags, 'kind', IMPORT_KINDS.join('|'));
  if (!isImportKind(kind)) throw new CliError(EXIT_USAGE, usageError('import', `--kind must be one of ${IMPORT_KINDS.join(', ')}, got "${kind}"`));
  const goLiveText = stringFlag(flags, 'go-live');
  const goLive = goLiveText === undefined ? null : parseInstant(goLiveText);
  if (goLiveText !== undefined && goLive === null) {
    throw new CliError(EXIT_INVALID, [`allot import: --go-live: ${JSON.stringify(goLiveText)} is not an ISO-8601 date-time with an offset (e.g. 2026-07-01T00:00:00+08:00)`, 'allot import: --go-live 不是带时区偏移的 ISO-8601 时间']);
  }
  if (KIND_DEFS[kind].needsGoLive && kind !== 'staff' && goLive === null) throw new CliError(EXIT_USAGE, usageError('import', `--go-live <iso> is required for --kind ${kind} (opening state is written at go-live)`));
  if (flags['dry-run'] === true && goLive === null) throw new CliError(EXIT_USAGE, usageError('import', '--dry-run needs --go-live <iso>'));
  const loaded = await loadPolicy(stringFlag(flags, 'policy') ?? (await defaultPolicyFile()));
  const policy = loaded.policy as AnyPolicy;
  const zone = zoneOf(policy.timezone ?? 'Asia/Shanghai');

  const rosterFile = stringFlag(flags, 'roster');
  let roster: FileImport | null = null;
  if (rosterFile !== undefined) roster = await importOrFail(await readBytes(rosterFile), rosterFile, { kind: 'staff', zone, goLive, codes: eventCodesOf(policy) });
  const rosterEntries = (roster?.events ?? []).flatMap((e) => (e.type === 'staff.joined' ? [{ staffId: e.staffId, name: e.name ?? null }] : []));

  const bytes = await readBytes(file);
  const run = async (stored: string[]): Promise<FileImport> => {
    const known = rosterFile === undefined && stored.length === 0 ? null : staffDirectory([...rosterEntries, ...stored.map((staffId) => ({ staffId }))]);
    return importOrFail(bytes, file, { kind, zone, goLive, staff: known as StaffDirectory | null, codes: eventCodesOf(policy), ...(stringFlag(flags, 'sheet') === undefined ? {} : { sheet: stringFlag(flags, 'sheet') as string }) });
  };
  const report = async (result: FileImport): Promise<void> => {
    const shown = displayPath(file);
    writeLines(io.stderr, result.errors.map((e) => formatCellError(shown, e)));
    const errorsFile = stringFlag(flags, 'errors');
    if (errorsFile !== undefined) await writeFile(errorsFile, errorFileCsv(result.errors));
    const bad = result.rows.filter((r) => r.errors.length > 0).length;
    io.stderr.write(
      `allot import: ${shown}${result.sheet === '' ? '' : ` [${result.sheet}]`} (${result.format}${result.encoding === null ? '' : `, ${result.encoding}`}): ` +
        `${groupDigits(result.rows.length - bad)} good row(s) → ${groupDigits(result.events.length)} event(s), ${groupDigits(bad)} row(s) with errors / ` +
        `${result.rows.length - bad} 行有效,${bad} 行有错误\n`,
    );
  };

  if (flags['ingest'] === true) {
    return withRuntime('import', flags, { stderr: io.stderr }, async (runtime) => {
      await ensurePolicy(runtime, stringFlag(flags, 'policy'), io.stderr, 'import');
      const stored = (await readStaffStatuses(runtime.store.db)).map((s) => s.staffId);
      const result = await run(kind === 'staff' ? [] : stored);
      await report(result);
      let accepted = 0;
      let duplicates = 0;
      let rejected = 0;
      // In time order, so no batch is older than the one before it (older events would be late).
      const ordered = result.events.map((e, i) => ({ e, i, t: Date.parse(e.at) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.e);
      for (let i = 0; i < ordered.length; i += BATCH) {
        const r = await runtime.ingest(ordered.slice(i, i + BATCH));
        accepted += r.accepted;
        duplicates += r.duplicates;
        rejected += r.rejected.length;
        writeLines(io.stderr, r.rejected.map((e) => `allot import: event ${ordered[i + e.line - 1]?.id ?? e.line + i}: ${e.field === null ? '' : `field "${e.field}": `}${e.message}`));
      }
      writeLines(io.stdout, [
        `导入 Imported ${displayPath(file)} → ${describeStore(flags)}`,
        ...renderTable(['项目 Item', '数量 Count'], [['接受 accepted', groupDigits(accepted)], ['重复 duplicates (already stored)', groupDigits(duplicates)], ['拒绝 rejected', groupDigits(rejected)]]),
      ]);
      return result.errors.length > 0 || rejected > 0 ? EXIT_INVALID : EXIT_OK;
    });
  }

  const result = await run([]);
  await report(result);
  if (flags['dry-run'] === true && goLive !== null) {
    const events: AllotEvent[] = [...(roster?.events ?? []), ...result.events];
    const recorded = new Map(result.rows.flatMap((r) => (r.recordedFineFen === null ? [] : r.events.map((e): [string, number] => [e.id, r.recordedFineFen as number]))));
    const run2 = dryRun(loaded.policy, events, zone.format(goLive), recorded);
    writeLines(io.stdout, [
      `试运行 Dry run to go-live ${run2.goLive}: ${groupDigits(run2.decisions.length)} decision(s), nothing stored / 未保存任何数据`,
      ...renderTable(
        ['员工 Staff', '停止分配至 Banned until', '剩余暂停 Pauses left', '罚款 Fined (元)'],
        run2.standings.map((s) => [s.staffId, s.bannedUntil ?? '', String(s.pausesLeft), yuan(s.finedFen)]),
      ),
      `你们记录的罚款 Recorded fines: ${yuan(run2.totals.recordedFen)} 元 · 引擎计算的罚款 Engine fines: ${yuan(run2.totals.engineFen)} 元 · 不一致 differing records: ${run2.totals.differing}`,
    ]);
    return result.errors.length > 0 ? EXIT_INVALID : EXIT_OK;
  }
  const text = result.events.map((e) => JSON.stringify(e)).join('\n') + (result.events.length > 0 ? '\n' : '');
  const out = stringFlag(flags, 'out');
  if (out === undefined) io.stdout.write(text);
  else await writeFile(out, text);
  return result.errors.length > 0 ? EXIT_INVALID : EXIT_OK;
}
