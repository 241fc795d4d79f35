/** Downloads: the format a page asks for, and sheets as a CSV or .xlsx response. */
import { zoneOf } from '@allot/engine';
import { sheetCsv, toXlsx } from '@allot/sheets';
import type { OutSheet } from '@allot/sheets';

/** The export formats a page offers. */
export type ExportFormat = 'csv' | 'xlsx';

/** `?format=csv|xlsx`, or null for the page's JSON. */
export function exportFormat(params: URLSearchParams): ExportFormat | null {
  const f = params.get('format');
  return f === 'csv' || f === 'xlsx' ? f : null;
}

/** Rows an export gathers at most (page after page); the file says when it stopped there. */
export const EXPORT_MAX_ROWS = 50_000;

/**
 * A download of sheets: a formatted .xlsx (every sheet), or the first sheet as CSV (UTF-8 with a
 * BOM). Text cells are neutralised against formula injection by @allot/sheets; instants are
 * written in `timezone`.
 */
export async function exportResponse(sheets: readonly OutSheet[], format: ExportFormat, baseName: string, timezone = 'Asia/Shanghai'): Promise<Response> {
  const zone = zoneOf(timezone);
  const safe = baseName.replace(/[^\w.-]+/g, '-');
  if (format === 'xlsx') {
    return new Response(Buffer.from(await toXlsx(sheets, zone)), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${safe}.xlsx"`,
        'cache-control': 'no-store',
      },
    });
  }
  const first = sheets[0] ?? { name: '', columns: [], rows: [] };
  return new Response(sheetCsv(first, zone), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${safe}.csv"`, 'cache-control': 'no-store' },
  });
}
