import ExcelJS from 'exceljs';
import type { Zone } from '@allot/engine';
import { neutralizeCell } from './neutralize-cell.js';
import { toCsv, type OutCell } from './write-csv.js';

/** How an exported column's cells are written. */
export type OutKind = 'text' | 'int' | 'yuan' | 'instant' | 'day';

/** One column of an exported sheet: its header (Chinese, or the UI language), width in characters, kind. */
export interface OutColumn {
  header: string;
  kind?: OutKind;
  width?: number;
}

/** One sheet: a name (≤ 31 characters, as Excel allows), columns and rows. `yuan` cells hold fen; `instant` cells ISO strings. */
export interface OutSheet {
  name: string;
  columns: readonly OutColumn[];
  rows: ReadonlyArray<readonly OutCell[]>;
}

const YUAN_FORMAT = '#,##0.00"元"';
const INSTANT_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const DAY_FORMAT = 'yyyy-mm-dd';

/** Excel names may not hold `\ / ? * [ ] :` and have at most 31 characters. */
const sheetName = (name: string, taken: Set<string>): string => {
  const base = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
  let out = base;
  for (let i = 2; taken.has(out); i++) out = `${base.slice(0, 28)} ${i}`;
  taken.add(out);
  return out;
};

/** A cell's value for exceljs: text neutralised, fen as yuan, instants as wall-time dates in the zone. */
function value(cell: OutCell, kind: OutKind, zone: Zone): ExcelJS.CellValue {
  if (cell === null || cell === undefined || cell === '') return null;
  if (kind === 'yuan' && typeof cell === 'number') return cell / 100;
  if (kind === 'int' && typeof cell === 'number') return cell;
  if ((kind === 'instant' || kind === 'day') && typeof cell === 'string') {
    const t = Date.parse(cell);
    // Excel has no zones: the cell holds the wall time in the policy's zone.
    if (Number.isFinite(t)) return new Date(t + zone.offsetAt(t));
  }
  return typeof cell === 'number' ? cell : neutralizeCell(cell);
}

/**
 * A formatted workbook (exceljs): one worksheet per sheet, a bold frozen header row with
 * auto-filter, column widths (given, or from the longest cell, counting CJK characters double),
 * amounts in 元 with two decimals (`yuan` columns take fen), instants as dates in the policy's
 * zone, and every text cell neutralised against formula injection. Opens in Excel and WPS.
 */
export async function toXlsx(sheets: readonly OutSheet[], zone: Zone): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'allot';
  // A fixed date keeps the file a function of its content (no clock read here).
  book.created = new Date(0);
  book.modified = new Date(0);
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheetName(sheet.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    const widthOf = (text: string): number => [...text].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
    ws.columns = sheet.columns.map((c, i) => {
      const kind = c.kind ?? 'text';
      const longest = Math.max(
        widthOf(c.header),
        ...sheet.rows.slice(0, 500).map((r) => {
          const cell = r[i];
          if (kind === 'instant') return 19;
          if (kind === 'day') return 10;
          if (kind === 'yuan' && typeof cell === 'number') return String(Math.trunc(cell / 100)).length + 6;
          return cell === null || cell === undefined ? 0 : widthOf(String(cell));
        }),
      );
      return {
        header: neutralizeCell(c.header),
        key: `c${i}`,
        width: c.width ?? Math.min(60, Math.max(8, longest + 2)),
        style: kind === 'yuan' ? { numFmt: YUAN_FORMAT } : kind === 'instant' ? { numFmt: INSTANT_FORMAT } : kind === 'day' ? { numFmt: DAY_FORMAT } : {},
      };
    });
    for (const r of sheet.rows) ws.addRow(sheet.columns.map((c, i) => value(r[i], c.kind ?? 'text', zone)));
    ws.getRow(1).font = { bold: true };
    if (sheet.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** One sheet as CSV (UTF-8 with a BOM): `yuan` cells as 元 with two decimals, instants as wall time in the zone. */
export function sheetCsv(sheet: OutSheet, zone: Zone): string {
  const text = (cell: OutCell, kind: OutKind): OutCell => {
    if (cell === null || cell === undefined) return cell;
    if (kind === 'yuan' && typeof cell === 'number') {
      const sign = cell < 0 ? '-' : '';
      const abs = Math.abs(cell);
      return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
    }
    if ((kind === 'instant' || kind === 'day') && typeof cell === 'string') {
      const t = Date.parse(cell);
      if (Number.isFinite(t)) {
        const wall = new Date(t + zone.offsetAt(t)).toISOString().replace('T', ' ');
        return kind === 'day' ? wall.slice(0, 10) : wall.slice(0, 19);
      }
    }
    return cell;
  };
  return toCsv(
    sheet.columns.map((c) => c.header),
    sheet.rows.map((r) => sheet.columns.map((c, i) => text(r[i], c.kind ?? 'text'))),
  );
}
