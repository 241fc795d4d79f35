/**
 * The import's books: read under the policy in force at go-live, dry-run, and committed in
 * batches.
 */
import { eventCodesOf, zoneOf } from '@allot/engine';
import type { AllotEvent, AnyPolicy } from '@allot/engine';
import { dryRun, importFile, isImportKind, KIND_DEFS, SheetFileError, staffDirectory } from '@allot/sheets';
import type { ColumnMapping, DryRun, FileImport, ImportKind } from '@allot/sheets';
import type { Runtime } from '@allot/runtime';
import type { AdminDb } from '../shared/database';
import type { Localized } from '../shared/i18n/lang';
import { readPolicyTimeline, readRoster } from '../people';

/** One uploaded book: the file, what it is, and the mapping to read it with. */
export interface Book {
  name: string;
  bytes: Uint8Array;
  kind: ImportKind;
  mapping: ColumnMapping;
  sheet?: string;
}

/** A refusal of the whole request (no file, no policy, a file that is no spreadsheet). */
export class ImportRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Localized,
  ) {
    super(text.en);
  }
}

/** Books are read in this order, so rosters are known to the books that name staff. */
const ORDER: readonly ImportKind[] = ['staff', 'clients', 'sanctions', 'violations', 'late-entries', 'mismatches', 'deals'];

/** The books read, the policy they were read under, and all their good rows' events. */
export interface ReadBooks {
  policy: AnyPolicy;
  results: Array<{ book: Book; result: FileImport }>;
  events: AllotEvent[];
}

/**
 * Reads every uploaded book under the policy in force at go-live: rosters first, then the rest,
 * with staff cells checked against the stored roster plus the uploaded ones (ids or unique names).
 */
export async function readBooks(db: AdminDb, books: readonly Book[], goLive: number): Promise<ReadBooks> {
  const policy = (await readPolicyTimeline(db))(goLive);
  if (policy === null) throw new ImportRequestError(409, 'no_policy', { zh: '尚未发布任何制度版本', en: 'no policy version is published yet' });
  const zone = zoneOf(policy.timezone ?? 'Asia/Shanghai');
  const codes = eventCodesOf(policy);
  const stored = await readRoster(db);
  const entries: Array<{ staffId: string; name?: string | null }> = stored.map((s) => ({ staffId: s.staffId, name: s.name }));
  const results: ReadBooks['results'] = [];
  const sorted = [...books].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  for (const book of sorted) {
    let result: FileImport;
    try {
      result = await importFile(book.bytes, book.name, {
        kind: book.kind,
        zone,
        goLive,
        staff: staffDirectory(entries),
        codes,
        mapping: book.mapping,
        ...(book.sheet === undefined || book.sheet === '' ? {} : { sheet: book.sheet }),
      });
    } catch (error) {
      if (error instanceof SheetFileError) throw new ImportRequestError(400, 'bad_file', { zh: `${book.name}:${error.message}`, en: `${book.name}: ${error.message}` });
      throw error;
    }
    if (book.kind === 'staff') for (const e of result.events) if (e.type === 'staff.joined') entries.push({ staffId: e.staffId, name: e.name ?? null });
    results.push({ book, result });
  }
  // Back in the order they were uploaded, for the page.
  results.sort((a, b) => books.indexOf(a.book) - books.indexOf(b.book));
  return { policy, results, events: results.flatMap((r) => r.result.events) };
}

/** The dry run of the books: the replay to go-live, with the company's recorded fines. */
export function dryRunBooks(read: ReadBooks, goLiveIso: string): DryRun {
  const recorded = new Map<string, number>();
  for (const { result } of read.results) for (const row of result.rows) if (row.recordedFineFen !== null) for (const e of row.events) recorded.set(e.id, row.recordedFineFen);
  return dryRun(read.policy as never, read.events, goLiveIso, recorded);
}

/** Events per runtime transaction. */
export const COMMIT_BATCH = 1000;

/** What storing the books did. */
export interface CommitResult {
  accepted: number;
  duplicates: number;
  rejected: Array<{ eventId: string; field: string | null; message: string }>;
  decisions: number;
  batches: number;
}

/**
 * Stores the books' events through the runtime in time order, one transaction per batch of
 * {@link COMMIT_BATCH} (time order, so no batch is older than the one before it). Events already
 * stored with the same content are duplicates: a second import changes nothing.
 */
export async function commitBooks(runtime: Runtime, events: readonly AllotEvent[]): Promise<CommitResult> {
  const ordered = events.map((e, i) => ({ e, i, t: Date.parse(e.at) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.e);
  const out: CommitResult = { accepted: 0, duplicates: 0, rejected: [], decisions: 0, batches: 0 };
  for (let i = 0; i < ordered.length; i += COMMIT_BATCH) {
    const batch = ordered.slice(i, i + COMMIT_BATCH);
    const r = await runtime.ingest(batch);
    out.batches++;
    out.accepted += r.accepted;
    out.duplicates += r.duplicates;
    out.decisions += r.decisions.length;
    for (const e of r.rejected) out.rejected.push({ eventId: batch[e.line - 1]?.id ?? '', field: e.field, message: e.message });
  }
  return out;
}

/** A kind name from a form field, or null. */
export const kindOf = (value: unknown): ImportKind | null => (typeof value === 'string' && isImportKind(value) ? value : null);

/** The kinds with their labels and columns, for the mapping screen. */
export function kindCatalogue(): Array<{ kind: ImportKind; label: Localized; needsGoLive: boolean; columns: Array<{ key: string; label: Localized; required: boolean }> }> {
  return ORDER.map((kind) => ({
    kind,
    label: KIND_DEFS[kind].label,
    needsGoLive: KIND_DEFS[kind].needsGoLive,
    columns: KIND_DEFS[kind].columns.map((c) => ({ key: c.key, label: c.label, required: c.required })),
  }));
}
