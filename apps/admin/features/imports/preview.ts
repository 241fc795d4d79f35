/**
 * The wizard's preview of one book: how it was read, its columns, and every row with its errors.
 */
import type { FileImport } from '@allot/sheets';
import type { Book } from './books';
import { columnLetter } from '@allot/sheets';

/** What the wizard shows of one book: how it was read, its columns, every row with its errors. */
export interface BookPreview {
  name: string;
  kind: string;
  format: string;
  encoding: string | null;
  sheet: string;
  sheets: string[];
  headerRow: number;
  headers: string[];
  columns: Array<{ key: string; header: string | null; letter: string | null; required: boolean; label: { zh: string; en: string } }>;
  missing: string[];
  rows: Array<{ row: number; values: Record<string, string>; errors: Array<{ field: string; column: string; message: { zh: string; en: string } }>; events: number }>;
  counts: { rows: number; good: number; bad: number; events: number; errors: number };
}

/** The preview of one book (every row: a year of records is a few thousand rows). */
export function previewOf(book: Book, r: FileImport): BookPreview {
  const bad = r.rows.filter((x) => x.errors.length > 0).length;
  return {
    name: book.name,
    kind: r.kind,
    format: r.format,
    encoding: r.encoding,
    sheet: r.sheet,
    sheets: r.sheets,
    headerRow: r.match.headerRow,
    headers: r.match.headers,
    columns: r.match.columns.map((c) => ({ key: c.def.key, header: c.header, letter: c.index === null ? null : columnLetter(c.index), required: c.def.required, label: c.def.label })),
    missing: r.missing.map((c) => c.key),
    rows: r.rows.map((x) => ({ row: x.row, values: x.values, errors: x.errors.map((e) => ({ field: e.field, column: e.column, message: e.message })), events: x.events.length })),
    counts: { rows: r.rows.length, good: r.rows.length - bad, bad, events: r.events.length, errors: r.errors.length },
  };
}
