/**
 * The import wizard's API over HTTP (route files guard, then call one of these): the multipart
 * books read under the policy in force at go-live for each step (preview, errors, dry run,
 * commit), and the saved column mappings.
 */
import { zoneOf } from '@allot/engine';
import { errorFileCsv, MAX_FILE_BYTES, parseDate } from '@allot/sheets';
import type { ColumnMapping } from '@allot/sheets';
import type { Runtime } from '@allot/runtime';
import type { AdminDb } from '../shared/database';
import type { SessionUser } from '../auth';
import { getApp } from '../shared/app-context';
import { json, readJsonBody } from '../shared/guard';
import { asRecord } from '../shared/request-body';
import { checkMapping, listMappings, saveMapping } from './mappings';
import { readBodyBytes } from '../shared/body-limit';
import { LARGEST_BODY } from '../shared/client-address';
import { DEFAULT_ZONE } from '../people';
import { commitBooks, dryRunBooks, ImportRequestError, kindOf, readBooks } from './books';
import type { Book } from './books';
import { previewOf } from './preview';

/** At most this many books in one request. */
const MAX_BOOKS = 12;

const bad = (zh: string, en: string): ImportRequestError => new ImportRequestError(400, 'bad_request', { zh, en });

function mappingOf(text: FormDataEntryValue | undefined): ColumnMapping {
  if (typeof text !== 'string' || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw bad('列映射不是 JSON', 'the column mapping is not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw bad('列映射须为对象', 'the column mapping must be an object');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof v !== 'string' || k.length > 64 || v.length > 200) throw bad('列映射的值须为表头文字', 'a mapping value must be a header text');
    out[k] = v;
  }
  return out;
}

/** The books and the go-live of a multipart request: `file`, `kind`, `mapping`, `sheet` repeated per book, one `goLive`. */
export async function readImportForm(request: Request): Promise<{ books: Book[]; goLive: number; goLiveIso: string }> {
  // Read as a stream with a limit like every body (features/shared/body-limit.ts): the server
  // refuses larger uploads before any route anyway (LARGEST_BODY, all books together).
  const read = await readBodyBytes(request, LARGEST_BODY);
  if (!read.ok) {
    if (read.reason === 'too_large') throw bad(`上传的文件合计超过 ${LARGEST_BODY / 1024 / 1024} MB`, `the files uploaded at once are larger than ${LARGEST_BODY / 1024 / 1024} MB in all`);
    throw bad('上传中断，请重试', 'the upload could not be read; try again');
  }
  let form: FormData;
  try {
    form = await new Response(read.bytes, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw bad('请求须为上传表单(multipart/form-data)', 'the request must be a file upload (multipart/form-data)');
  }
  const files = form.getAll('file');
  const kinds = form.getAll('kind');
  const mappings = form.getAll('mapping');
  const sheets = form.getAll('sheet');
  if (files.length === 0) throw bad('请选择要导入的文件', 'choose a file to import');
  if (files.length > MAX_BOOKS) throw bad(`一次最多导入 ${MAX_BOOKS} 个文件`, `at most ${MAX_BOOKS} files at once`);
  const books: Book[] = [];
  for (const [i, file] of files.entries()) {
    if (typeof file === 'string') throw bad('文件字段须为上传的文件', 'a file field must be an uploaded file');
    if (file.size > MAX_FILE_BYTES) throw bad(`${file.name} 超过 20 MB`, `${file.name} is larger than 20 MB`);
    const kind = kindOf(kinds[i]);
    if (kind === null) throw bad(`第 ${i + 1} 个文件的类型无效`, `file ${i + 1} has no valid kind`);
    const sheet = sheets[i];
    books.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), kind, mapping: mappingOf(mappings[i]), ...(typeof sheet === 'string' && sheet !== '' ? { sheet } : {}) });
  }
  const goLiveText = form.get('goLive');
  if (typeof goLiveText !== 'string' || goLiveText.trim() === '') throw bad('请填写上线时间', 'enter the go-live time');
  const zone = zoneOf(DEFAULT_ZONE);
  const parsed = parseDate(goLiveText.trim(), zone);
  if (!parsed.ok) throw new ImportRequestError(400, 'bad_go_live', { zh: `上线时间:${parsed.message.zh}`, en: `go-live: ${parsed.message.en}` });
  return { books, goLive: parsed.value, goLiveIso: zone.format(parsed.value) };
}

/** Runs one import step and answers it: JSON, or the error file as a CSV download. */
export async function importStep(request: Request, db: AdminDb, runtime: Runtime, step: 'preview' | 'errors' | 'dry-run' | 'commit'): Promise<Response> {
  try {
    const { books, goLive, goLiveIso } = await readImportForm(request);
    const read = await readBooks(db, books, goLive);
    if (step === 'errors') {
      const errors = read.results.flatMap(({ book, result }) => result.errors.map((e) => ({ ...e, header: read.results.length > 1 ? `${book.name} · ${e.header}` : e.header })));
      return new Response(errorFileCsv(errors), {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="import-errors.csv"', 'cache-control': 'no-store' },
      });
    }
    const preview = read.results.map(({ book, result }) => previewOf(book, result));
    if (step === 'preview') return json({ goLive: goLiveIso, books: preview });
    if (step === 'dry-run') return json({ goLive: goLiveIso, books: preview.map((b) => ({ ...b, rows: [] })), dryRun: dryRunBooks(read, goLiveIso) });
    const stored = await commitBooks(runtime, read.events);
    return json({ goLive: goLiveIso, events: read.events.length, ...stored });
  } catch (error) {
    if (error instanceof ImportRequestError) return json({ error: error.code, message: error.text }, error.status);
    throw error;
  }
}

/** Runs one import step on the app's database and runtime. */
export async function importStepHttp(request: Request, step: 'preview' | 'errors' | 'dry-run' | 'commit'): Promise<Response> {
  const { db, runtime } = await getApp();
  return importStep(request, db, runtime, step);
}

/** The saved column mappings. */
export async function listMappingsHttp(): Promise<Response> {
  const { db } = await getApp();
  return json({ mappings: await listMappings(db) });
}

/** Saves a mapping `{ kind, name, mapping }` (replacing one of the same kind and name); 400 `bad_mapping` naming what is wrong. */
export async function saveMappingHttp(request: Request, user: SessionUser): Promise<Response> {
  const read = await readJsonBody(request, 64 * 1024);
  if (!read.ok) return read.response;
  const checked = checkMapping(asRecord(read.value));
  if (!checked.ok) return json({ error: 'bad_mapping', message: { zh: checked.zh, en: checked.en } }, 400);
  const { db, clock } = await getApp();
  await saveMapping(db, checked.value, user.username, clock.now());
  return json({ mappings: await listMappings(db) });
}
